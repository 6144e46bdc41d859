//! Import failures (nothing could be imported) and warnings (imported, but look here).

use std::fmt;

use serde::Serialize;
use unei_core::Lang;

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
    /// The template's `[import]` section is missing or wrong.
    Template(String),
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
            ImportError::Template(problem) => format!("テンプレート: {problem}"),
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
