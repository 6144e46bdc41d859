//! What the commands themselves say (status lines, refusals, failures), as typed values
//! rendered in Japanese or English: no English sentence of unei's is translated by matching.

use std::path::Path;

use unei_core::{Lang, Localize};
use unei_render::xlsx::FitProblem;

/// One line of a command's own output.
#[derive(Debug)]
pub enum Say<'a> {
    /// A file could not be read.
    CannotRead(&'a Path, &'a std::io::Error),
    /// A file could not be written.
    CannotWrite(&'a Path, &'a std::io::Error),
    /// A folder could not be read.
    CannotReadFolder(&'a Path, &'a std::io::Error),
    /// An output folder could not be created.
    CannotCreateFolder(&'a Path, &'a std::io::Error),
    /// The output folder of an output file does not exist.
    NoOutputFolder(&'a Path),
    /// A file of another kind (a PDF, a workbook, an image) given as a plan.
    NotAPlan(&'a Path, FileKind),
    /// `--pdf out.xlsx`: an output named for another format.
    WrongExtension {
        file: &'a Path,
        option: &'a str,
        expected: &'a str,
    },
    /// An input larger than `UNEI_MAX_PLAN_MB`.
    TooLarge {
        file: &'a Path,
        size: u64,
        limit_mb: u64,
    },
    /// The plan had errors, so nothing was drawn.
    NotRendered(&'a Path),
    /// A character no font draws.
    MissingGlyph {
        file: &'a Path,
        strict: bool,
        place: &'a str,
        character: char,
    },
    /// A workbook cell taller than a printed page.
    CellTooTall {
        file: &'a Path,
        strict: bool,
        problem: &'a FitProblem,
    },
    /// `render` without any output.
    NothingToWrite,
    /// An output that is the plan itself.
    WouldOverwritePlan(&'a Path),
    /// An output written; `pages` for a PDF.
    Wrote {
        file: &'a Path,
        pages: Option<usize>,
        bytes: usize,
    },
    /// `validate`'s closing count.
    Checked {
        files: usize,
        errors: usize,
        warnings: usize,
    },
    /// `new` never replaces a plan.
    PlanExists(&'a Path),
    /// `new` wrote a plan.
    NewPlan {
        file: &'a Path,
        year: String,
        name: &'a str,
        status: &'a str,
        generation: String,
        issues: usize,
    },
    /// `--year` of `new` is not a 和暦 fiscal year.
    BadYear(&'a unei_core::wareki::WarekiError),
    /// `fonts check`: a character no font draws, and where it occurs.
    NoFontDraws {
        file: &'a Path,
        character: char,
        places: &'a str,
    },
    /// `fonts check`: how many characters a font draws (and which, for fallbacks).
    FontDraws {
        file: &'a Path,
        font: &'a str,
        count: usize,
        characters: &'a str,
    },
    /// `batch`: another input has the same name but for its extension, so this one's outputs
    /// keep its extension in their name.
    SameStem { input: &'a Path, target: &'a Path },
    /// The batch's worker threads did not start.
    CannotStartThreads(&'a str),
    /// `unei man NAME` for a subcommand that does not exist.
    NoManPage(&'a str),
    /// `new --name ""`.
    EmptyName,
    /// `new --issues 0` (or not a number).
    BadIssueCount(&'a str),
    /// `--kind` that is not 区, 局, 室 or 区・局.
    BadKind(&'a str),
    /// Writing the man page failed.
    CannotWriteManPage(&'a std::io::Error),
    /// Standard output could not be written.
    CannotWriteStdout(&'a std::io::Error),
}

impl Localize for Say<'_> {
    fn localize(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.english(),
            Lang::Ja => self.japanese(),
        }
    }
}

impl Say<'_> {
    fn english(&self) -> String {
        let io = |e: &std::io::Error| io_reason(e, Lang::En);
        match self {
            Say::CannotRead(f, e) => format!("{}: cannot read: {}", f.display(), io(e)),
            Say::CannotWrite(f, e) => format!("{}: cannot write: {}", f.display(), io(e)),
            Say::CannotReadFolder(f, e) => {
                format!("{}: cannot read the folder: {}", f.display(), io(e))
            }
            Say::CannotCreateFolder(f, e) => {
                format!(
                    "{}: cannot create the output folder: {}",
                    f.display(),
                    io(e)
                )
            }
            Say::NoOutputFolder(f) => format!(
                "{}: cannot write: its folder does not exist (create it first)",
                f.display()
            ),
            Say::TooLarge {
                file,
                size,
                limit_mb,
            } => format!(
                "{}: {size} bytes exceeds the limit of {limit_mb} MiB for plan files (raise it with UNEI_MAX_PLAN_MB)",
                file.display()
            ),
            Say::NotAPlan(file, kind) => format!(
                "{}: is a {} file, not a plan (JSON){}",
                file.display(),
                kind.name(Lang::En),
                if kind.importable() {
                    "; read it with unei import"
                } else {
                    ""
                }
            ),
            Say::WrongExtension {
                file,
                option,
                expected,
            } => format!(
                "{}: {option} writes a {} file; give a name ending in .{expected}",
                file.display(),
                expected.to_uppercase()
            ),
            Say::NotRendered(f) => format!("{}: not rendered: fix the problems above", f.display()),
            Say::MissingGlyph {
                file,
                strict,
                place,
                character,
            } => format!(
                "{}: {}: {place}: no font can draw {character:?} (U+{:04X}); it is printed as 〓",
                file.display(),
                severity(*strict, Lang::En),
                *character as u32
            ),
            Say::CellTooTall {
                file,
                strict,
                problem,
            } => format!(
                "{}: {}: {problem}",
                file.display(),
                severity(*strict, Lang::En)
            ),
            Say::NothingToWrite => {
                "error: nothing to write: give --pdf FILE, --xlsx FILE, --html FILE or -o DIR"
                    .to_owned()
            }
            Say::WouldOverwritePlan(f) => format!(
                "{}: output would overwrite the plan itself; choose another file",
                f.display()
            ),
            Say::Wrote {
                file,
                pages: Some(pages),
                bytes,
            } => format!(
                "wrote {} ({}, {bytes} bytes)",
                file.display(),
                pages_en(*pages)
            ),
            Say::Wrote {
                file,
                pages: None,
                bytes,
            } => {
                format!("wrote {} ({bytes} bytes)", file.display())
            }
            Say::Checked {
                files,
                errors,
                warnings,
            } => format!("{files} file(s) checked: {errors} error(s), {warnings} warning(s)"),
            Say::PlanExists(f) => format!(
                "{}: already exists; unei new does not overwrite plans",
                f.display()
            ),
            Say::NewPlan {
                file,
                year,
                name,
                status,
                generation,
                issues,
            } => format!(
                "wrote {} ({year} {name} {status}, generation {generation} form, {issues} 経営課題)",
                file.display()
            ),
            Say::BadYear(e) => format!("error: --year: {}", e.localize(Lang::En)),
            Say::NoFontDraws {
                file,
                character,
                places,
            } => format!(
                "{}: missing: {character} U+{:04X}: no font can draw it ({places})",
                file.display(),
                *character as u32
            ),
            Say::FontDraws {
                file,
                font,
                count,
                characters,
            } => format!(
                "{}: {font}: {count} character(s){}",
                file.display(),
                listed(characters)
            ),
            Say::SameStem { input, target } => format!(
                "{}: another input has the same name; its outputs are named {}.*",
                input.display(),
                target.display()
            ),
            Say::CannotStartThreads(e) => format!("error: cannot start worker threads: {e}"),
            Say::NoManPage(page) => format!(
                "error: no man page {page:?}: name a subcommand (validate, render, fonts-check, …)"
            ),
            Say::EmptyName => "the organisation needs a name (e.g. 福島区)".to_owned(),
            Say::BadIssueCount(text) => {
                format!("{text:?}: a plan has at least one 経営課題 (give a number from 1)")
            }
            Say::BadKind(text) => {
                format!("{text:?} is not an organisation kind (区, 局, 室, 区・局)")
            }
            Say::CannotWriteManPage(e) => format!("error: cannot write the man page: {e}"),
            Say::CannotWriteStdout(e) => format!("error: cannot write to standard output: {e}"),
        }
    }

    fn japanese(&self) -> String {
        let io = |e: &std::io::Error| io_reason(e, Lang::Ja);
        match self {
            Say::CannotRead(f, e) => format!("{}: 読み込めません: {}", f.display(), io(e)),
            Say::CannotWrite(f, e) => format!("{}: 書き込めません: {}", f.display(), io(e)),
            Say::CannotReadFolder(f, e) => {
                format!("{}: フォルダを読めません: {}", f.display(), io(e))
            }
            Say::CannotCreateFolder(f, e) => {
                format!("{}: 出力先のフォルダを作れません: {}", f.display(), io(e))
            }
            Say::NoOutputFolder(f) => format!(
                "{}: 書き込めません: 出力先のフォルダがありません（先に作ってください）",
                f.display()
            ),
            Say::TooLarge { file, size, limit_mb } => format!(
                "{}: {size} バイトあり、計画ファイルの上限 {limit_mb} MiB を超えています（上限は UNEI_MAX_PLAN_MB で変えられます）",
                file.display()
            ),
            Say::NotAPlan(file, kind) => format!(
                "{}: {}のファイルです。計画ファイル（JSON）ではありません{}",
                file.display(),
                kind.name(Lang::Ja),
                if kind.importable() { "。unei import で取り込んでください" } else { "" }
            ),
            Say::WrongExtension { file, option, expected } => format!(
                "{}: {option} は {} ファイルを書き出します。名前の末尾を .{expected} にしてください",
                file.display(),
                expected.to_uppercase()
            ),
            Say::NotRendered(f) => {
                format!("{}: 出力しませんでした: 上の問題を直してください", f.display())
            }
            Say::MissingGlyph { file, strict, place, character } => format!(
                "{}: {}: {place}: 「{character}」（U+{:04X}）を描けるフォントがありません。〓 で印字します",
                file.display(),
                severity(*strict, Lang::Ja),
                *character as u32
            ),
            Say::CellTooTall { file, strict, problem } => format!(
                "{}: {}: {}!{}: 「{}…」は {} 行必要ですが、印刷の 1 ページには {} 行しか入りません。セルが 1 ページに収まらず、ページの境目で切れることがあります",
                file.display(),
                severity(*strict, Lang::Ja),
                problem.sheet,
                problem.cell,
                problem.text_start,
                problem.lines_needed,
                problem.lines_available
            ),
            Say::NothingToWrite => {
                "エラー: 出力先がありません: --pdf FILE、--xlsx FILE、--html FILE か -o DIR を指定してください".to_owned()
            }
            Say::WouldOverwritePlan(f) => format!(
                "{}: 計画ファイルそのものを上書きしてしまいます。別のファイル名にしてください",
                f.display()
            ),
            Say::Wrote { file, pages: Some(pages), bytes } => format!(
                "{} を書き出しました（{pages} ページ、{bytes} バイト）",
                file.display()
            ),
            Say::Wrote { file, pages: None, bytes } => {
                format!("{} を書き出しました（{bytes} バイト）", file.display())
            }
            Say::Checked { files, errors, warnings } => format!(
                "{files} ファイルを検査しました: 誤り {errors} 件、警告 {warnings} 件"
            ),
            Say::PlanExists(f) => format!(
                "{}: すでにあります。計画ファイルは上書きしません",
                f.display()
            ),
            Say::NewPlan { file, year, name, status, generation, issues } => format!(
                "{} を書き出しました（{year} {name}「{status}」、第{generation}世代の様式、経営課題 {issues} 件）",
                file.display()
            ),
            Say::BadYear(e) => format!("エラー: --year: {}", e.localize(Lang::Ja)),
            Say::NoFontDraws { file, character, places } => format!(
                "{}: 描けない文字: {character} U+{:04X}: どのフォントにもありません（{places}）",
                file.display(),
                *character as u32
            ),
            Say::FontDraws { file, font, count, characters } => format!(
                "{}: {font}: {count} 文字{}",
                file.display(),
                listed(characters)
            ),
            Say::SameStem { input, target } => format!(
                "{}: 拡張子のほかは同じ名前の入力があるので、出力は {}.* という名前にします",
                input.display(),
                target.display()
            ),
            Say::CannotStartThreads(e) => format!("エラー: 並列処理を始められません: {e}"),
            Say::NoManPage(page) => format!(
                "エラー: man ページ {page:?} はありません: サブコマンドの名前（validate、render、fonts-check など）を指定してください"
            ),
            Say::EmptyName => "組織の名前が必要です（例: 福島区）".to_owned(),
            Say::BadIssueCount(text) => {
                format!("{text:?}: 経営課題は 1 件以上です（1 以上の数を指定してください）")
            }
            Say::BadKind(text) => {
                format!("{text:?} は組織の種類（区、局、室、区・局）ではありません")
            }
            Say::CannotWriteManPage(e) => format!("エラー: man ページを書き出せません: {}", io(e)),
            Say::CannotWriteStdout(e) => format!("エラー: 標準出力に書き込めません: {}", io(e)),
        }
    }
}

/// What a file that is not a plan is, from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Pdf,
    /// A ZIP container: XLSX, XLSM or ODS.
    Workbook,
    /// The binary Excel format (.xls).
    LegacyWorkbook,
    Image,
}

impl FileKind {
    /// The kind of `bytes`, when they are one of the formats people mistake for a plan.
    pub fn sniff(bytes: &[u8]) -> Option<FileKind> {
        const SIGNATURES: &[(&[u8], FileKind)] = &[
            (b"%PDF", FileKind::Pdf),
            (b"PK\x03\x04", FileKind::Workbook),
            (
                b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
                FileKind::LegacyWorkbook,
            ),
            (b"\x89PNG", FileKind::Image),
            (b"\xFF\xD8\xFF", FileKind::Image),
        ];
        SIGNATURES
            .iter()
            .find(|(signature, _)| bytes.starts_with(signature))
            .map(|(_, kind)| *kind)
    }

    fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (FileKind::Pdf, _) => "PDF",
            (FileKind::Workbook, Lang::En) => "workbook (XLSX/ODS)",
            (FileKind::Workbook, Lang::Ja) => "ワークブック（XLSX・ODS）",
            (FileKind::LegacyWorkbook, Lang::En) => "workbook (XLS)",
            (FileKind::LegacyWorkbook, Lang::Ja) => "ワークブック（XLS）",
            (FileKind::Image, Lang::En) => "image",
            (FileKind::Image, Lang::Ja) => "画像",
        }
    }

    fn importable(self) -> bool {
        matches!(self, FileKind::Workbook | FileKind::LegacyWorkbook)
    }
}

/// `: 字字字` after a count, or nothing.
fn listed(characters: &str) -> String {
    if characters.is_empty() {
        String::new()
    } else {
        format!(": {characters}")
    }
}

/// `warning` or, with `--strict`, `error`.
fn severity(strict: bool, lang: Lang) -> &'static str {
    match (strict, lang) {
        (true, Lang::En) => "error",
        (false, Lang::En) => "warning",
        (true, Lang::Ja) => "エラー",
        (false, Lang::Ja) => "警告",
    }
}

/// "1 page", "2 pages".
pub fn pages_en(pages: usize) -> String {
    if pages == 1 {
        "1 page".to_owned()
    } else {
        format!("{pages} pages")
    }
}

/// Why a file operation failed: the common kinds in the user's language, the system's own
/// text for the rest.
pub fn io_reason(error: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind::*;
    let ja = match error.kind() {
        NotFound => "ファイルがありません",
        PermissionDenied => "権限がありません",
        AlreadyExists => "すでにあります",
        IsADirectory => "フォルダです",
        NotADirectory => "途中にフォルダでないものがあります",
        StorageFull => "ディスクがいっぱいです",
        _ => return error.to_string(),
    };
    match lang {
        Lang::Ja => ja.to_owned(),
        Lang::En => error.to_string(),
    }
}
