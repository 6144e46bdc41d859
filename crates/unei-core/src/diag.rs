//! Problems found in a plan file, each pointing at `file:line:col` and the JSON path.

use std::fmt;

use crate::locate::{JsonPath, line_col, locate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// A problem found by semantic validation, before it is given a position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub path: JsonPath,
    pub message: String,
}

impl Finding {
    pub fn error(path: JsonPath, message: impl Into<String>) -> Self {
        Finding {
            severity: Severity::Error,
            path,
            message: message.into(),
        }
    }

    pub fn warning(path: JsonPath, message: impl Into<String>) -> Self {
        Finding {
            severity: Severity::Warning,
            path,
            message: message.into(),
        }
    }

    /// Gives the finding its position in the plan's source text.
    pub fn locate(self, file: &str, source: &str) -> Diagnostic {
        let (line, column) = line_col(source, locate(source, &self.path));
        Diagnostic {
            severity: self.severity,
            file: file.to_owned(),
            line,
            column,
            path: with_gloss(&self.path),
            message: self.message,
        }
    }
}

/// `issues[2].title（経営課題3・題名）`: the JSON path, then the form's words for it.
pub fn with_gloss(path: &JsonPath) -> String {
    let gloss = path.gloss();
    if gloss.is_empty() {
        path.to_string()
    } else {
        format!("{path}（{gloss}）")
    }
}

/// A positioned problem: `file:line:col: path: message` (warnings say so).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub path: String,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file, self.line, self.column)?;
        if self.severity == Severity::Warning {
            f.write_str("warning: ")?;
        }
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)
    }
}

impl Diagnostic {
    /// The problem line in `lang` (`file:line:col: 警告: path: message` in Japanese).
    pub fn render(&self, lang: crate::i18n::Lang) -> String {
        if lang == crate::i18n::Lang::En {
            return self.to_string();
        }
        let mut out = format!("{}:{}:{}: ", self.file, self.line, self.column);
        if self.severity == Severity::Warning {
            out.push_str("警告: ");
        }
        if !self.path.is_empty() {
            out.push_str(&self.path);
            out.push_str(": ");
        }
        out.push_str(&crate::i18n::translate(&self.message, lang));
        out
    }

    /// The source line with a caret under the column, for people reading on a terminal:
    ///
    /// ```text
    ///    79 |           "amount": "2,78千円"
    ///       |                     ^
    /// ```
    pub fn snippet(&self, source: &str) -> Option<String> {
        use unicode_width::UnicodeWidthStr;
        let line = source.lines().nth(self.line.checked_sub(1)?)?;
        let before: String = line.chars().take(self.column.saturating_sub(1)).collect();
        let number = self.line.to_string();
        let gutter = " ".repeat(number.len());
        Some(format!(
            " {number} | {line}\n {gutter} | {}^",
            " ".repeat(UnicodeWidthStr::width(before.as_str()))
        ))
    }
}
