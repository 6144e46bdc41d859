//! `unei serve`: the office's web page and API for importing, checking and printing plans,
//! thin over the same steps the CLI runs.

pub mod batch;
pub mod check;
pub mod describe;
pub mod engine;
pub mod limits;
pub mod message;
pub mod pool;
pub mod results;
pub mod upload;
