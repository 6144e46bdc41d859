//! Reading and writing plan JSON. Every syntax or type error names the JSON path and line:col.

use crate::diag::{Diagnostic, Severity};
use crate::locate::{JsonPath, line_col};
use crate::model::Plan;

/// Plan files larger than this are refused unless `UNEI_MAX_PLAN_MB` allows more: a real
/// plan is ~20 KB, so anything near the limit is a wrong file, not a plan.
pub const DEFAULT_MAX_PLAN_MB: u64 = 16;

/// The plan size limit in bytes (`UNEI_MAX_PLAN_MB`, default [`DEFAULT_MAX_PLAN_MB`]).
pub fn max_plan_bytes() -> u64 {
    let mb = std::env::var("UNEI_MAX_PLAN_MB")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(DEFAULT_MAX_PLAN_MB);
    mb.saturating_mul(1 << 20)
}

/// Parses a plan; `file` names the source in the error. A leading byte-order mark (written
/// by some Windows editors) is ignored.
pub fn plan_from_str(text: &str, file: &str) -> Result<Plan, Box<Diagnostic>> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut de = serde_json::Deserializer::from_str(text);
    let plan: Plan = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        Box::new(Diagnostic {
            severity: Severity::Error,
            file: file.to_owned(),
            line: inner.line().max(1),
            column: inner.column().max(1),
            path: if path == "." || path == "?" {
                String::new()
            } else {
                crate::diag::with_gloss(&JsonPath::parse(&path))
            },
            message: strip_position(&inner.to_string()),
        })
    })?;
    de.end().map_err(|e| {
        Box::new(Diagnostic {
            severity: Severity::Error,
            file: file.to_owned(),
            line: e.line(),
            column: e.column(),
            path: String::new(),
            message: strip_position(&e.to_string()),
        })
    })?;
    Ok(plan)
}

/// Parses a plan from bytes, reporting invalid UTF-8 with its position.
pub fn plan_from_slice(bytes: &[u8], file: &str) -> Result<Plan, Box<Diagnostic>> {
    match std::str::from_utf8(bytes) {
        Ok(text) => plan_from_str(text, file),
        Err(e) => {
            let valid = String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into_owned();
            let (line, column) = line_col(&valid, valid.len());
            Err(Box::new(Diagnostic {
                severity: Severity::Error,
                file: file.to_owned(),
                line,
                column,
                path: String::new(),
                message: format!(
                    "invalid UTF-8 at byte {} (plan files must be UTF-8)",
                    e.valid_up_to()
                ),
            }))
        }
    }
}

/// Pretty JSON with a trailing newline, keys in model order (stable for golden files).
pub fn plan_to_string(plan: &Plan) -> String {
    // Serialising plain data structs to a String cannot fail.
    let mut text = serde_json::to_string_pretty(plan).unwrap_or_default();
    text.push('\n');
    text
}

/// serde_json appends " at line L column C"; the diagnostic prints the position itself.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}
