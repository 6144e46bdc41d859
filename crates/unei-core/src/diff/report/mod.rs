//! Reports of a [`PlanDiff`](super::PlanDiff) for people: terminal text and an accessible HTML
//! page. Both group the changes under a heading per part of the plan (or per 経営課題) and a
//! sub-heading per field, then the budget table.
//!
//! The text report is plain data — lines of [`Span`]s with a [`Style`] — so the caller decides
//! whether and how to colour it ([`Line::plain`] gives the text without colour); nothing here
//! looks at the terminal.

mod html;
mod lines;
mod text;

pub use html::write_html;
pub use text::{Line, Span, Style, text_report};
