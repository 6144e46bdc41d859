//! Reading and writing plan JSON. Every syntax or type error names the JSON path and line:col.

use crate::diag::{Diagnostic, Message, Severity, bom_len};
use crate::locate::{JsonPath, byte_offset};
use crate::model::Plan;
use crate::problem::Problem;

/// Plan files larger than this are refused (the CLI lets `UNEI_MAX_PLAN_MB` allow more): a
/// real plan is ~20 KB, so anything near the limit is a wrong file, not a plan.
pub const DEFAULT_MAX_PLAN_MB: u64 = 16;

/// Parses a plan; `file` names the source in the error. A leading byte-order mark (written
/// by some Windows editors) is ignored.
///
/// # Errors
/// A [`Diagnostic`] at the first syntax or type error, with its JSON path and line:col.
pub fn plan_from_str(text: &str, file: &str) -> Result<Plan, Box<Diagnostic>> {
    let bom = bom_len(text);
    let json = &text[bom..];
    // serde_json counts columns in bytes; the diagnostic gets a byte offset into `text` and
    // derives its character column from it.
    let at = |line: usize, column: usize| bom + byte_offset(json, line.max(1), column.max(1));
    let mut de = serde_json::Deserializer::from_str(json);
    let plan: Plan = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let path = if path == "." || path == "?" {
            String::new()
        } else {
            crate::diag::with_gloss(&JsonPath::parse(&path))
        };
        Box::new(Diagnostic::new(
            Severity::Error,
            file,
            text,
            at(inner.line(), inner.column()),
            path,
            Message::Parser(strip_position(&inner.to_string())),
        ))
    })?;
    de.end().map_err(|e| {
        Box::new(Diagnostic::new(
            Severity::Error,
            file,
            text,
            at(e.line(), e.column()),
            String::new(),
            Message::Parser(strip_position(&e.to_string())),
        ))
    })?;
    Ok(plan)
}

/// Parses a plan from bytes, reporting invalid UTF-8 with its position.
///
/// # Errors
/// A [`Diagnostic`] when the bytes are not UTF-8 (at the first bad byte) or not a plan
/// (as [`plan_from_str`]).
pub fn plan_from_slice(bytes: &[u8], file: &str) -> Result<Plan, Box<Diagnostic>> {
    match std::str::from_utf8(bytes) {
        Ok(text) => plan_from_str(text, file),
        Err(e) => {
            let valid = String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into_owned();
            Err(Box::new(Diagnostic::new(
                Severity::Error,
                file,
                &valid,
                valid.len(),
                String::new(),
                Message::Problem(Problem::InvalidUtf8 {
                    byte: e.valid_up_to(),
                }),
            )))
        }
    }
}

/// Why a plan could not be turned into JSON text.
#[derive(Debug, thiserror::Error)]
#[error("cannot write the plan as JSON: {0}")]
pub struct WriteError(#[from] serde_json::Error);

impl crate::i18n::Localize for WriteError {
    fn localize(&self, lang: crate::i18n::Lang) -> String {
        match lang {
            crate::i18n::Lang::En => self.to_string(),
            crate::i18n::Lang::Ja => format!(
                "計画を JSON として書き出せません: {}",
                crate::i18n::translate(&self.0.to_string(), lang)
            ),
        }
    }
}

/// Pretty JSON with a trailing newline, keys in model order (stable for golden files).
///
/// # Errors
/// When serde_json refuses a value (it cannot for the plan's plain data types today, but an
/// empty plan file must never be written in its place).
pub fn plan_to_string(plan: &Plan) -> Result<String, WriteError> {
    let mut text = serde_json::to_string_pretty(plan)?;
    text.push('\n');
    Ok(text)
}

/// serde_json appends " at line L column C"; the diagnostic prints the position itself.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}
