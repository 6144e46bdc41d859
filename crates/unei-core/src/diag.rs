//! Problems found in a plan file, each pointing at `file:line:col` and the JSON path.

use std::fmt;

use crate::i18n::{Lang, Localize};
use crate::locate::{JsonPath, line_col, locate, locate_char};
use crate::problem::Problem;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
/// How bad a finding is.
pub enum Severity {
    /// Worth a look; the plan still renders (fails only with `--strict`).
    Warning,
    /// The plan is wrong: it is not rendered.
    Error,
}

/// A problem found by semantic validation, before it is given a position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// Where in the plan.
    pub path: JsonPath,
    /// What is wrong.
    pub problem: Problem,
    /// The character the problem is about, counted from the end of the text at `path` (1 =
    /// its last character), when it is one.
    pub char_from_end: Option<usize>,
}

impl Finding {
    /// An error at `path`.
    pub fn error(path: JsonPath, problem: Problem) -> Self {
        Finding {
            severity: Severity::Error,
            path,
            problem,
            char_from_end: None,
        }
    }

    /// A warning at `path`.
    pub fn warning(path: JsonPath, problem: Problem) -> Self {
        Finding {
            severity: Severity::Warning,
            path,
            problem,
            char_from_end: None,
        }
    }

    /// The finding located at character `index` (0-based) of `text`, the text at its path
    /// as the outline gives it.
    pub fn at_char(self, text: &str, index: usize) -> Self {
        Finding {
            char_from_end: Some(text.chars().count() - index.min(text.chars().count())),
            ..self
        }
    }

    /// Gives the finding its position in the plan's source text (as read, a byte-order mark
    /// included).
    pub fn locate(self, file: &str, source: &str) -> Diagnostic {
        let bom = bom_len(source);
        let text = &source[bom..];
        let offset = bom
            + match self.char_from_end {
                Some(from_end) => locate_char(text, &self.path, from_end),
                None => locate(text, &self.path),
            };
        Diagnostic::new(
            self.severity,
            file,
            source,
            offset,
            with_gloss(&self.path),
            Message::Problem(self.problem),
        )
    }
}

/// Length of a leading UTF-8 byte-order mark (written by some Windows editors), or 0.
pub fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{FEFF}') {
        '\u{FEFF}'.len_utf8()
    } else {
        0
    }
}

/// What a diagnostic says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// A problem unei found.
    Problem(Problem),
    /// A parser's own message (serde_json, toml), in English; shown in Japanese by the shape
    /// table of [`crate::i18n`].
    Parser(String),
}

impl fmt::Display for Message {
    /// The English text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.localize(Lang::En))
    }
}

impl Localize for Message {
    fn localize(&self, lang: Lang) -> String {
        match self {
            Message::Problem(problem) => problem.localize(lang),
            Message::Parser(text) => crate::i18n::translate(text, lang),
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
///
/// The position is kept as a byte offset into the source text as read; line and column are
/// derived from it once, by [`line_col`], in characters (a byte-order mark not counted), so
/// every message and caret of unei counts columns the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, as named to the user.
    pub file: String,
    /// Byte offset of the problem in the source text.
    pub offset: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The JSON path with its gloss (`issues[0].title（経営課題1・題名）`), or empty.
    pub path: String,
    /// What is wrong.
    pub message: Message,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl Diagnostic {
    /// A diagnostic at byte `offset` of `source`.
    pub fn new(
        severity: Severity,
        file: &str,
        source: &str,
        offset: usize,
        path: String,
        message: Message,
    ) -> Self {
        let (line, column) = line_col(source, offset);
        Diagnostic {
            severity,
            file: file.to_owned(),
            offset,
            line,
            column,
            path,
            message,
        }
    }

    /// The problem line in `lang` (`file:line:col: 警告: path: message` in Japanese).
    pub fn render(&self, lang: Lang) -> String {
        let mut out = format!("{}:{}:{}: ", self.file, self.line, self.column);
        if self.severity == Severity::Warning {
            out.push_str(match lang {
                Lang::En => "warning: ",
                Lang::Ja => "警告: ",
            });
        }
        if !self.path.is_empty() {
            out.push_str(&self.path);
            out.push_str(": ");
        }
        out.push_str(&self.message.localize(lang));
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
