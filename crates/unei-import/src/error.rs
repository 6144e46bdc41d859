//! Import failures (nothing could be imported) and warnings (imported, but look here).

use std::fmt;

use serde::Serialize;
use unei_core::{Lang, Localize};

use crate::message::Message;

/// Why a file could not be imported at all. Every message names the file or the position.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    #[error("{file}: cannot read: {source}")]
    /// The file could not be read.
    Read {
        /// The file as given.
        file: String,
        /// Why it could not be read.
        source: std::io::Error,
    },
    #[error("{file}: not a readable {format} file: {message}")]
    /// The file is not a valid file of the format its extension names.
    Unreadable {
        /// The file as given.
        file: String,
        /// The format its extension names (`xlsx`, `xls`, `ods`, `page`).
        format: &'static str,
        /// The reader's own message (calamine's, the decoder's).
        message: String,
    },
    #[error(
        "{file}: unsupported file type (expected .xlsx, .xlsm, .xls, .ods, .txt, .html or .htm)"
    )]
    /// An extension the importer does not read.
    Unsupported {
        /// The file as given.
        file: String,
    },
    #[error("{file}: {}", .limit.english())]
    /// The file exceeds one of the [`crate::Limits`].
    Limit {
        /// The file as given.
        file: String,
        /// Which limit, by how much.
        limit: LimitExceeded,
    },
    #[error(
        "{file}: no part of a 運営方針 was found (no label of the form was recognised; {lines} non-empty cell(s) or line(s) read)"
    )]
    /// Nothing of a plan: no label of the form was recognised.
    NoContent {
        /// The file as given.
        file: String,
        /// Non-empty cells or lines read.
        lines: usize,
    },
    #[error("template: {0}")]
    /// The template's `[import]` section (or a `[form2]` block label) is missing or wrong.
    Template(RulesProblem),
}

/// What is wrong with a template's import rules: its `[import]` section and the `[form2]`
/// block labels the importer reads. Each names its place, the template key.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum RulesProblem {
    /// The template has no `[import]` section.
    NoImportSection {
        /// The template's id.
        template: String,
    },
    /// `[import]` does not fit the rules' fields (toml's own message).
    Unparsable {
        /// toml's message.
        message: String,
    },
    /// A field list names a field the importers do not know.
    UnknownField {
        /// `import.labels`, `import.generation_a_fields` or `import.generation_b_fields`.
        place: String,
        /// The unknown id.
        id: String,
    },
    /// A field of `import.labels` without label variants.
    NoVariants {
        /// The field's id.
        field: String,
    },
    /// A label variant uses a `{placeholder}` the importer does not fill.
    UnknownPlaceholder {
        /// `import.labels.FIELD` or `form2`.
        place: String,
        /// The variant as written.
        variant: String,
        /// The placeholder's name.
        name: String,
    },
    /// A label variant opens a `{` it does not close.
    UnclosedPlaceholder {
        /// `import.labels.FIELD` or `form2`.
        place: String,
        /// The variant as written.
        variant: String,
    },
    /// `import.amount_format` lacks `{金額}`.
    AmountWithoutPlaceholder,
    /// An entry of `import.grammar.optional_brackets` is not two characters.
    NotABracketPair {
        /// The entry as written.
        pair: String,
    },
    /// A score of `import.grammar` is outside 0–1.
    ScoreOutOfRange {
        /// `accept_score` or `unknown_label_score`.
        name: &'static str,
        /// The score as written.
        score: f64,
    },
    /// `import.grammar.unknown_label_score` is above `accept_score`.
    UnknownAboveAccept,
    /// Two fields share a label variant, so a label's meaning would depend on their order.
    SharedVariant {
        /// The first field's id.
        first: String,
        /// The second field's id.
        second: String,
    },
}

impl RulesProblem {
    /// The template key the problem is at (`import.labels.goal`, `import.grammar.accept_score`).
    pub fn place(&self) -> String {
        match self {
            RulesProblem::NoImportSection { .. } | RulesProblem::Unparsable { .. } => {
                "import".to_owned()
            }
            RulesProblem::UnknownField { place, .. }
            | RulesProblem::UnknownPlaceholder { place, .. }
            | RulesProblem::UnclosedPlaceholder { place, .. } => place.clone(),
            RulesProblem::NoVariants { field } => format!("import.labels.{field}"),
            RulesProblem::AmountWithoutPlaceholder => "import.amount_format".to_owned(),
            RulesProblem::NotABracketPair { .. } => "import.grammar.optional_brackets".to_owned(),
            RulesProblem::ScoreOutOfRange { name, .. } => format!("import.grammar.{name}"),
            RulesProblem::UnknownAboveAccept => "import.grammar.unknown_label_score".to_owned(),
            RulesProblem::SharedVariant { .. } => "import.labels".to_owned(),
        }
    }

    fn english(&self) -> String {
        match self {
            RulesProblem::NoImportSection { template } => format!(
                "template {template:?} has no [import] section (label variants for unei import)"
            ),
            RulesProblem::Unparsable { message } => message.clone(),
            RulesProblem::UnknownField { id, .. } => format!(
                "{id:?} is not a field the importers know (known: {})",
                known_fields()
            ),
            RulesProblem::NoVariants { .. } => "has no label variants".to_owned(),
            RulesProblem::UnknownPlaceholder { variant, name, .. } => format!(
                "unknown placeholder {{{name}}} in {variant:?} (known: {})",
                crate::IMPORT_PLACEHOLDERS.join(", ")
            ),
            RulesProblem::UnclosedPlaceholder { variant, .. } => {
                format!("unclosed {{ in label variant {variant:?}")
            }
            RulesProblem::AmountWithoutPlaceholder => "must contain {金額}".to_owned(),
            RulesProblem::NotABracketPair { pair } => {
                format!("{pair:?} is not an opening and a closing character")
            }
            RulesProblem::ScoreOutOfRange { score, .. } => format!("{score} is outside 0–1"),
            RulesProblem::UnknownAboveAccept => "must not be above accept_score".to_owned(),
            RulesProblem::SharedVariant { first, second } => {
                format!("fields {first:?} and {second:?} share a label variant")
            }
        }
    }

    fn japanese(&self) -> String {
        match self {
            RulesProblem::NoImportSection { template } => format!(
                "テンプレート {template:?} に [import] の節（unei import が読む見出しの言い回し）がありません"
            ),
            RulesProblem::Unparsable { message } => {
                format!("この節として読めません: {message}")
            }
            RulesProblem::UnknownField { id, .. } => format!(
                "{id:?} という欄は取り込みにありません（使える欄: {}）",
                known_fields()
            ),
            RulesProblem::NoVariants { .. } => "見出しの言い回しがありません".to_owned(),
            RulesProblem::UnknownPlaceholder { variant, name, .. } => format!(
                "{variant:?} の {{{name}}} は使えない差し込みです（使えるもの: {}）",
                crate::IMPORT_PLACEHOLDERS.join("、")
            ),
            RulesProblem::UnclosedPlaceholder { variant, .. } => {
                format!("見出しの言い回し {variant:?} の {{ が閉じていません")
            }
            RulesProblem::AmountWithoutPlaceholder => "{金額} を含めてください".to_owned(),
            RulesProblem::NotABracketPair { pair } => {
                format!("{pair:?} は開き括弧と閉じ括弧の 2 文字ではありません")
            }
            RulesProblem::ScoreOutOfRange { score, .. } => {
                format!("{score} は 0〜1 の範囲にありません")
            }
            RulesProblem::UnknownAboveAccept => "`accept_score` より大きくできません".to_owned(),
            RulesProblem::SharedVariant { first, second } => {
                format!("欄 {first:?} と {second:?} に同じ見出しの言い回しがあります")
            }
        }
    }
}

/// The field ids the importers know, for messages.
fn known_fields() -> String {
    let ids: Vec<&str> = crate::Field::ALL.iter().map(|f| f.id()).collect();
    ids.join(", ")
}

/// `place: message`, in `lang`.
impl Localize for RulesProblem {
    fn localize(&self, lang: Lang) -> String {
        let message = match lang {
            Lang::En => self.english(),
            Lang::Ja => self.japanese(),
        };
        format!("{}: {message}", self.place())
    }
}

impl fmt::Display for RulesProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.localize(Lang::En))
    }
}

/// Which limit a workbook exceeded (see [`crate::Limits`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LimitExceeded {
    /// The file is larger than [`crate::Limits::file_bytes`].
    FileSize {
        /// The file's size.
        bytes: u64,
        /// The limit, in MiB.
        limit_mib: u64,
    },
    /// The zip parts declare more than [`crate::Limits::unpacked_bytes`] unpacked.
    Unpacked {
        /// The declared unpacked size.
        bytes: u64,
        /// The limit, in MiB.
        limit_mib: u64,
    },
    /// More non-empty cells than [`crate::Limits::cells`].
    Cells {
        /// Non-empty cells counted so far.
        cells: usize,
        /// The limit.
        limit: usize,
    },
    /// A cell longer than [`crate::Limits::cell_chars`].
    CellLength {
        /// The cell (`様式1!B7`).
        address: String,
        /// Its length in characters.
        chars: usize,
        /// The limit.
        limit: usize,
    },
}

impl LimitExceeded {
    fn english(&self) -> String {
        match self {
            LimitExceeded::FileSize { bytes, limit_mib } => format!(
                "{bytes} bytes exceeds the limit of {limit_mib} MiB for workbooks (UNEI_MAX_WORKBOOK_MB)"
            ),
            LimitExceeded::Unpacked { bytes, limit_mib } => format!(
                "its parts unpack to {bytes} bytes, over the limit of {limit_mib} MiB (UNEI_MAX_UNPACKED_MB)"
            ),
            LimitExceeded::Cells { cells, limit } => {
                format!("{cells} non-empty cells exceed the limit of {limit} (UNEI_MAX_CELLS)")
            }
            LimitExceeded::CellLength {
                address,
                chars,
                limit,
            } => format!(
                "{address}: {chars} characters in one cell exceed the limit of {limit} (UNEI_MAX_CELL_CHARS)"
            ),
        }
    }

    fn japanese(&self) -> String {
        match self {
            LimitExceeded::FileSize { bytes, limit_mib } => format!(
                "{bytes} バイトあり、ブックの上限 {limit_mib} MiB を超えています（UNEI_MAX_WORKBOOK_MB）"
            ),
            LimitExceeded::Unpacked { bytes, limit_mib } => format!(
                "展開すると {bytes} バイトになり、上限 {limit_mib} MiB を超えます（UNEI_MAX_UNPACKED_MB）"
            ),
            LimitExceeded::Cells { cells, limit } => format!(
                "空でないセルが {cells} 個あり、上限 {limit} を超えています（UNEI_MAX_CELLS）"
            ),
            LimitExceeded::CellLength {
                address,
                chars,
                limit,
            } => format!(
                "{address}: 1 つのセルに {chars} 文字あり、上限 {limit} を超えています（UNEI_MAX_CELL_CHARS）"
            ),
        }
    }
}

impl ImportError {
    /// The error in `lang`; English is also the `Display` form. Messages of the readers
    /// underneath (calamine, the file system) stay as they give them.
    pub fn render(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            ImportError::Read { file, source } => format!("{file}: 読めません: {source}"),
            ImportError::Unreadable {
                file,
                format,
                message,
            } => format!("{file}: {format} ファイルとして読めません: {message}"),
            ImportError::Unsupported { file } => format!(
                "{file}: 取り込めない種類のファイルです（.xlsx、.xlsm、.xls、.ods、.txt、.html、.htm が使えます）"
            ),
            ImportError::Limit { file, limit } => format!("{file}: {}", limit.japanese()),
            ImportError::NoContent { file, lines } => format!(
                "{file}: 運営方針の部分が見つかりません（様式の見出しが一つもありません。空でないセル・行は {lines} 個）"
            ),
            ImportError::Template(problem) => {
                format!("テンプレート: {}", problem.localize(Lang::Ja))
            }
        }
    }
}

/// Something the importer could not map or had to guess, at a position in the source
/// (`様式1!B7`, `page.txt:12:1`) or the whole file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// `様式1!B7`, `page.txt:12:1`, or the file's name for the whole file.
    pub position: String,
    /// What happened there.
    pub message: Message,
}

impl Warning {
    /// A warning at `position`.
    pub fn new(position: impl Into<String>, message: Message) -> Self {
        Warning {
            position: position.into(),
            message,
        }
    }

    /// `position: warning: message` in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let word = match lang {
            Lang::En => "warning",
            Lang::Ja => "警告",
        };
        format!("{}: {word}: {}", self.position, self.message.render(lang))
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> String {
        text.to_owned()
    }

    /// Each problem, then the start of its English and of its Japanese message (the lists
    /// of known fields and placeholders follow).
    fn cases() -> Vec<(RulesProblem, &'static str, &'static str)> {
        vec![
            (
                RulesProblem::NoImportSection {
                    template: s("mine"),
                },
                "import: template \"mine\" has no [import] section (label variants for unei import)",
                "import: テンプレート \"mine\" に [import] の節（unei import が読む見出しの言い回し）がありません",
            ),
            (
                RulesProblem::Unparsable {
                    message: s("invalid type: integer `1`, expected a sequence"),
                },
                "import: invalid type: integer `1`, expected a sequence",
                "import: この節として読めません: invalid type: integer `1`, expected a sequence",
            ),
            (
                RulesProblem::UnknownField {
                    place: s("import.generation_a_fields"),
                    id: s("goals"),
                },
                "import.generation_a_fields: \"goals\" is not a field the importers know (known: title, ",
                "import.generation_a_fields: \"goals\" という欄は取り込みにありません（使える欄: title, ",
            ),
            (
                RulesProblem::NoVariants { field: s("goal") },
                "import.labels.goal: has no label variants",
                "import.labels.goal: 見出しの言い回しがありません",
            ),
            (
                RulesProblem::UnknownPlaceholder {
                    place: s("import.labels.goal"),
                    variant: s("{前年度}目標"),
                    name: s("前年度"),
                },
                "import.labels.goal: unknown placeholder {前年度} in \"{前年度}目標\" (known: 所属, 長, ",
                "import.labels.goal: \"{前年度}目標\" の {前年度} は使えない差し込みです（使えるもの: 所属、長、",
            ),
            (
                RulesProblem::UnclosedPlaceholder {
                    place: s("form2"),
                    variant: s("{所属の目標"),
                },
                "form2: unclosed { in label variant \"{所属の目標\"",
                "form2: 見出しの言い回し \"{所属の目標\" の { が閉じていません",
            ),
            (
                RulesProblem::AmountWithoutPlaceholder,
                "import.amount_format: must contain {金額}",
                "import.amount_format: {金額} を含めてください",
            ),
            (
                RulesProblem::NotABracketPair { pair: s("（") },
                "import.grammar.optional_brackets: \"（\" is not an opening and a closing character",
                "import.grammar.optional_brackets: \"（\" は開き括弧と閉じ括弧の 2 文字ではありません",
            ),
            (
                RulesProblem::ScoreOutOfRange {
                    name: "accept_score",
                    score: 1.5,
                },
                "import.grammar.accept_score: 1.5 is outside 0–1",
                "import.grammar.accept_score: 1.5 は 0〜1 の範囲にありません",
            ),
            (
                RulesProblem::UnknownAboveAccept,
                "import.grammar.unknown_label_score: must not be above accept_score",
                "import.grammar.unknown_label_score: `accept_score` より大きくできません",
            ),
            (
                RulesProblem::SharedVariant {
                    first: s("goal"),
                    second: s("mission"),
                },
                "import.labels: fields \"goal\" and \"mission\" share a label variant",
                "import.labels: 欄 \"goal\" と \"mission\" に同じ見出しの言い回しがあります",
            ),
        ]
    }

    #[test]
    fn every_rules_problem_reads_in_both_languages_at_its_place() {
        for (problem, english, japanese) in cases() {
            let en = problem.localize(Lang::En);
            let ja = problem.localize(Lang::Ja);
            assert!(en.starts_with(english), "{en}");
            assert!(ja.starts_with(japanese), "{ja}");
            assert!(en.starts_with(&format!("{}: ", problem.place())), "{en}");
            assert!(ja.starts_with(&format!("{}: ", problem.place())), "{ja}");
            assert_eq!(problem.to_string(), en);
        }
    }

    #[test]
    fn a_template_error_says_template_in_each_language() {
        let error = ImportError::Template(RulesProblem::AmountWithoutPlaceholder);
        assert_eq!(
            error.render(Lang::En),
            "template: import.amount_format: must contain {金額}"
        );
        assert_eq!(
            error.render(Lang::Ja),
            "テンプレート: import.amount_format: {金額} を含めてください"
        );
    }
}
