//! The import report: where every non-empty cell or line went, what was not mapped, and why
//! the generation and status were chosen. Written by `unei import --report`.

use serde::Serialize;
use unei_core::{Generation, Status};

use crate::error::Warning;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The imported file.
    pub source: String,
    /// `xlsx`, `xls`, `ods`, `page-text`, `page-html`.
    pub format: String,
    pub generation: Generation,
    pub generation_reason: String,
    pub status: Status,
    pub status_reason: String,
    /// Workbooks: each sheet and the 様式 it holds.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sheets: Vec<SheetReport>,
    /// Cells (or page lines) that went into the plan, with the field they went to.
    pub mapped: Vec<MappedCell>,
    /// Non-empty cells that went nowhere; `unei import` fails on them unless told otherwise.
    pub unmapped: Vec<UnmappedCell>,
    /// Page lines left out on purpose: site navigation and dates.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<UnmappedCell>,
    pub warnings: Vec<Warning>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SheetReport {
    pub name: String,
    pub form: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MappedCell {
    pub address: String,
    pub text: String,
    /// JSON path of the plan field (`issues[0].strategies`), or `label:<id>` for a label.
    pub field: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnmappedCell {
    pub address: String,
    pub text: String,
    pub reason: String,
}

impl Report {
    /// Pretty JSON with a trailing newline.
    pub fn to_json(&self) -> String {
        // Plain data with string keys: serialisation cannot fail.
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Addresses of every cell or line the report accounts for: mapped, unmapped, skipped.
    pub fn addresses(&self) -> Vec<&str> {
        let mapped = self.mapped.iter().map(|c| c.address.as_str());
        let other = self.unmapped.iter().chain(&self.skipped);
        mapped.chain(other.map(|c| c.address.as_str())).collect()
    }

    /// True when some content was not mapped.
    pub fn has_unmapped(&self) -> bool {
        !self.unmapped.is_empty()
    }
}
