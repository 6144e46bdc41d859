//! Import failures (nothing could be imported) and warnings (imported, but look here).

use std::fmt;

use serde::Serialize;

/// Why a file could not be imported at all. Every message names the file or the position.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{file}: cannot read: {source}")]
    Read {
        file: String,
        source: std::io::Error,
    },
    #[error("{file}: not a readable {format} file: {message}")]
    Unreadable {
        file: String,
        format: &'static str,
        message: String,
    },
    #[error(
        "{file}: unsupported file type (expected .xlsx, .xlsm, .xls, .ods, .txt, .html or .htm)"
    )]
    Unsupported { file: String },
    #[error("{file}: {message}")]
    Limit { file: String, message: String },
    #[error("{file}: no part of a 運営方針 was found ({detail})")]
    NoContent { file: String, detail: String },
    #[error("template: {0}")]
    Template(String),
}

/// Something the importer could not map or had to guess, at a position in the source
/// (`様式1!B7`, `page.txt:12`) or the whole file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub position: String,
    pub message: String,
}

impl Warning {
    pub fn new(position: impl Into<String>, message: impl Into<String>) -> Self {
        Warning {
            position: position.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: warning: {}", self.position, self.message)
    }
}
