//! `unei diff OLD NEW [--format text|html|json] [-o FILE] [--ignore-width]`: what changed
//! between two plans. Either side may be a plan file, a legacy workbook or a published page
//! (read through the importer). Exit 0 when the plans are the same, 1 when they differ, 2 when
//! a side cannot be read or the report cannot be written — as diff(1).
//!
//! The report is made by `unei_core::diff`; only the choice of colour is made here (on a
//! terminal, unless `NO_COLOR` is set or the report goes to a file).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anstyle::{AnsiColor, Effects, Style as Ansi};
use unei_core::diff::report::{Line, Style, text_report, write_html};
use unei_core::diff::{ChangeKind, DiffOptions, PlanDiff, diff};
use unei_core::{Lang, Plan, Template};

use crate::exit::{Exit, load_template};
use crate::pipeline::{is_importable, write_output};

/// Report formats of `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Text for people (coloured on a terminal).
    Text,
    /// An accessible web page.
    Html,
    /// JSON for other tools (docs/DIFF.md).
    Json,
}

#[derive(Debug)]
pub struct DiffArgs {
    pub old: PathBuf,
    pub new: PathBuf,
    pub format: Format,
    pub output: Option<PathBuf>,
    pub ignore_width: bool,
    pub template: Option<PathBuf>,
}

/// What `unei diff` itself says, in either language.
#[derive(Debug)]
enum Message<'a> {
    /// The file is neither a plan (.json) nor something the importer reads.
    UnknownInput { file: &'a Path },
    /// The importer could not read the file (its message says why).
    ImportFailed { detail: String },
    /// The importer read the file but left content unmapped or warned.
    ImportNotes {
        file: &'a Path,
        warnings: usize,
        unmapped: usize,
    },
}

impl Message<'_> {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Message::UnknownInput { file }, Lang::En) => format!(
                "{}: not a plan file (.json), workbook (.xlsx/.xlsm/.xls/.ods) or page (.txt/.html)",
                file.display()
            ),
            (Message::UnknownInput { file }, Lang::Ja) => format!(
                "{}: 計画ファイル（.json）、Excel 様式（.xlsx/.xlsm/.xls/.ods）、掲載ページ（.txt/.html）のどれでもありません",
                file.display()
            ),
            (Message::ImportFailed { detail }, Lang::En) => format!("error: {detail}"),
            (Message::ImportFailed { detail }, Lang::Ja) => format!("エラー: {detail}"),
            (
                Message::ImportNotes {
                    file,
                    warnings,
                    unmapped,
                },
                Lang::En,
            ) => format!(
                "{}: warning: imported with {warnings} warning(s) and {unmapped} unmapped cell(s); see `unei import` for the details",
                file.display()
            ),
            (
                Message::ImportNotes {
                    file,
                    warnings,
                    unmapped,
                },
                Lang::Ja,
            ) => format!(
                "{}: 警告: 取り込みで警告 {warnings} 件・対応先のないセル {unmapped} 件がありました（詳しくは `unei import` で確認できます）",
                file.display()
            ),
        }
    }
}

pub fn run(args: &DiffArgs) -> Exit {
    let lang = crate::ui::lang();
    let Ok(template) = load_template(args.template.as_deref()) else {
        return Exit::Failure;
    };
    let (old, new) = match (
        load(&args.old, &template, lang),
        load(&args.new, &template, lang),
    ) {
        (Ok(old), Ok(new)) => (old, new),
        _ => return Exit::Failure,
    };
    let options = DiffOptions {
        ignore_width: args.ignore_width,
    };
    let result = diff(&old, &new, &options);
    let colour = args.output.is_none()
        && args.format == Format::Text
        && anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never;
    let report = match render(&result, args.format, lang, colour) {
        Ok(report) => report,
        Err(e) => {
            eprintln!(
                "{}",
                crate::ui::error_text(&unei_core::i18n::translate(&e.to_string(), lang))
            );
            return Exit::Failure;
        }
    };
    let written = match &args.output {
        Some(path) => write_output(path, report.as_bytes()).map_err(|f| f.lines.join("\n")),
        None => std::io::stdout()
            .write_all(report.as_bytes())
            .map_err(|e| crate::ui::say(&crate::ui::Say::CannotWriteStdout(&e))),
    };
    match written {
        Err(message) => {
            eprintln!("{message}");
            Exit::Failure
        }
        Ok(()) if result.is_empty() => Exit::Ok,
        Ok(()) => Exit::Problems,
    }
}

/// A plan file, or a workbook or page through the importer. Problems are printed here.
fn load(path: &Path, template: &Template, lang: Lang) -> Result<Plan, ()> {
    let name = path.display().to_string();
    let bytes = match side_kind(&name) {
        Some(SideKind::Plan) => crate::pipeline::read_plan_bytes(path).map_err(|f| {
            for line in f.lines {
                eprintln!("{line}");
            }
        })?,
        Some(SideKind::Imported) => std::fs::read(path).map_err(|source| {
            let detail = unei_import::ImportError::Read {
                file: name.clone(),
                source,
            }
            .render(lang);
            eprintln!("{}", Message::ImportFailed { detail }.text(lang));
        })?,
        None => {
            eprintln!("{}", Message::UnknownInput { file: path }.text(lang));
            return Err(());
        }
    };
    let side = read_side(&bytes, &name, template).map_err(|e| match e {
        SideError::Syntax(d) => {
            let source = std::str::from_utf8(&bytes).ok();
            eprintln!("{}", crate::ui::diagnostic(&d, source));
        }
        SideError::UnknownInput => {
            eprintln!("{}", Message::UnknownInput { file: path }.text(lang));
        }
        SideError::Import(e) => {
            let detail = e.render(lang);
            eprintln!("{}", Message::ImportFailed { detail }.text(lang));
        }
    })?;
    if let Some((warnings, unmapped)) = side.import_notes() {
        let note = Message::ImportNotes {
            file: path,
            warnings,
            unmapped,
        };
        eprintln!("{}", note.text(lang));
    }
    Ok(side.plan)
}

/// How a side of a diff is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SideKind {
    /// A plan file (.json), parsed as it is.
    Plan,
    /// A workbook or page, through the importer.
    Imported,
}

/// The kind of side `name` is, by its extension; `None` when unei cannot read it.
pub fn side_kind(name: &str) -> Option<SideKind> {
    let extension = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("");
    if extension.eq_ignore_ascii_case("json") {
        Some(SideKind::Plan)
    } else if is_importable(extension) {
        Some(SideKind::Imported)
    } else {
        None
    }
}

/// One side of a diff, read.
#[derive(Debug)]
pub struct Side {
    pub plan: Plan,
    /// Imported sides: the importer's warnings and the entries that need a look.
    pub import: Option<(usize, usize)>,
}

impl Side {
    /// Warnings and unmapped-or-unknown entries of an import, when there are any.
    pub fn import_notes(&self) -> Option<(usize, usize)> {
        self.import
            .filter(|(warnings, unmapped)| warnings + unmapped > 0)
    }
}

/// Why a side could not be read.
#[derive(Debug)]
pub enum SideError {
    Syntax(Box<unei_core::Diagnostic>),
    UnknownInput,
    Import(unei_import::ImportError),
}

/// Reads a side of a diff held in memory (`name` gives its kind and names it in messages):
/// a plan file is parsed as it is (a diff compares what is written, valid or not); a workbook
/// or page goes through the importer.
pub fn read_side(bytes: &[u8], name: &str, template: &Template) -> Result<Side, SideError> {
    match side_kind(name) {
        Some(SideKind::Plan) => {
            let plan = unei_core::plan_from_slice(bytes, name).map_err(SideError::Syntax)?;
            Ok(Side { plan, import: None })
        }
        Some(SideKind::Imported) => {
            let options = unei_import::ImportOptions {
                limits: crate::pipeline::import_limits(),
                ..unei_import::ImportOptions::default()
            };
            let imported = unei_import::import_bytes(bytes, name, template, &options)
                .map_err(SideError::Import)?;
            // Unknown labels need a look as much as unmapped text does; chrome never.
            let counts = imported.report.counts;
            let notes = (
                imported.warnings.len(),
                counts.unmapped + counts.unknown_label,
            );
            Ok(Side {
                plan: imported.plan,
                import: Some(notes),
            })
        }
        None => Err(SideError::UnknownInput),
    }
}

/// The report in `format`; `colour` adds terminal colours to the text form.
pub fn render(
    result: &PlanDiff,
    format: Format,
    lang: Lang,
    colour: bool,
) -> Result<String, serde_json::Error> {
    Ok(match format {
        Format::Json => serde_json::to_string_pretty(result)? + "\n",
        Format::Html => write_html(result, lang),
        Format::Text => {
            let lines = text_report(result, lang);
            let mut out = String::new();
            for line in &lines {
                out.push_str(&if colour { coloured(line) } else { line.plain() });
                out.push('\n');
            }
            out
        }
    })
}

fn coloured(line: &Line) -> String {
    line.spans
        .iter()
        .map(|span| {
            let style = ansi(span.style);
            format!("{}{}{}", style.render(), span.shown(), style.render_reset())
        })
        .collect()
}

fn ansi(style: Style) -> Ansi {
    let colour = |c: AnsiColor| Ansi::new().fg_color(Some(c.into()));
    let bold = |s: Ansi| s.effects(Effects::BOLD);
    match style {
        Style::Plain => Ansi::new(),
        Style::Title | Style::Heading => Ansi::new().effects(Effects::BOLD),
        Style::Subheading => Ansi::new().effects(Effects::UNDERLINE),
        Style::Deleted | Style::OldValue => colour(AnsiColor::Red),
        Style::Inserted | Style::NewValue => colour(AnsiColor::Green),
        Style::Muted => Ansi::new().effects(Effects::DIMMED),
        Style::Kind(kind) => match kind {
            ChangeKind::Added => bold(colour(AnsiColor::Green)),
            ChangeKind::Removed => bold(colour(AnsiColor::Red)),
            ChangeKind::Moved | ChangeKind::Renumbered => bold(colour(AnsiColor::Cyan)),
            ChangeKind::Reworded => bold(colour(AnsiColor::Yellow)),
            ChangeKind::AmountChanged => bold(colour(AnsiColor::Magenta)),
            ChangeKind::WidthOnly | ChangeKind::WhitespaceOnly => {
                Ansi::new().effects(Effects::DIMMED)
            }
            ChangeKind::CodeChanged | ChangeKind::LabelChanged | ChangeKind::ValueChanged => {
                bold(colour(AnsiColor::Blue))
            }
        },
    }
}
