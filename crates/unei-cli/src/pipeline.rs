//! The steps shared by `render` and `batch`: read and validate a plan, make the engine (the
//! template and fonts every plan shares), lay out and write. Nothing here prints: callers
//! decide how messages reach the user.

use std::path::{Path, PathBuf};

use unei_core::{Diagnostic, Plan, Severity, Template, check_plan};
use unei_render::{Document, Engine, MissingGlyph, PdfOptions, XlsxOptions, XlsxOutput};

pub use unei_render::FontChoice;

use crate::exit::Exit;
use crate::ui::{Drawing, Say, drawing, say};

/// A step that failed, with the exit code it calls for and the lines to show.
#[derive(Debug)]
pub struct Failure {
    pub exit: Exit,
    pub lines: Vec<String>,
}

impl Failure {
    pub fn new(exit: Exit, line: impl Into<String>) -> Self {
        Failure {
            exit,
            lines: vec![line.into()],
        }
    }
}

/// A readable, valid plan and the warnings found in it.
#[derive(Debug)]
pub struct LoadedPlan {
    pub plan: Plan,
    /// Warnings, ready to show.
    pub warnings: Vec<String>,
}

/// Reads and validates a plan file. Errors (and warnings with `strict`) fail it.
#[inline(never)] // a stage of bench/callgrind.py's breakdown
pub fn read_plan(path: &Path, template: &Template, strict: bool) -> Result<LoadedPlan, Failure> {
    read_plan_as(path, template, strict, false)
}

/// [`read_plan`]; with `draft`, the findings of the stage rules (what the plan's status
/// allows) are warnings: a plan caught between stages can be printed to be checked.
pub fn read_plan_as(
    path: &Path,
    template: &Template,
    strict: bool,
    draft: bool,
) -> Result<LoadedPlan, Failure> {
    let name = path.display().to_string();
    let bytes = read_plan_bytes(path)?;
    let text = String::from_utf8_lossy(&bytes);
    let checked = check_plan_bytes(&bytes, &name, template, draft).map_err(|d| {
        let source = std::str::from_utf8(&bytes).ok();
        Failure::new(Exit::Problems, crate::ui::diagnostic(&d, source))
    })?;
    let lines = checked
        .diagnostics
        .iter()
        .map(|d| crate::ui::diagnostic(d, Some(&text)));
    if checked.fails(strict) {
        let mut lines: Vec<String> = lines.collect();
        lines.push(say(&Say::NotRendered(path)));
        return Err(Failure {
            exit: Exit::Problems,
            lines,
        });
    }
    Ok(LoadedPlan {
        warnings: lines.collect(),
        plan: checked.plan,
    })
}

/// A plan file's content as `unei render` and `unei validate` read it: parsed, validated,
/// every finding located at `file:line:col`.
#[derive(Debug)]
pub struct CheckedPlan {
    pub plan: Plan,
    pub diagnostics: Vec<Diagnostic>,
}

impl CheckedPlan {
    /// True when the plan must not be rendered: an error, or with `strict` any warning.
    pub fn fails(&self, strict: bool) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error || strict)
    }
}

/// Parses and validates a plan file's bytes (`name` names it in the diagnostics); with
/// `draft`, errors of the stage rules become warnings. The error is the parse error (JSON
/// syntax, types, or bytes that are not UTF-8), positioned.
pub fn check_plan_bytes(
    bytes: &[u8],
    name: &str,
    template: &Template,
    draft: bool,
) -> Result<CheckedPlan, Box<Diagnostic>> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => {
            // serde_json names the first byte that is not UTF-8 with its line and column.
            unei_core::plan_from_slice(bytes, name)?;
            String::from_utf8_lossy(bytes)
        }
    };
    let text = text.as_ref();
    let (plan, mut diagnostics) = check_plan(text, name, template)?;
    if draft {
        let staged = stage_rule_paths(&plan, template, name, text);
        for d in &mut diagnostics {
            if d.severity == Severity::Error && staged.contains(&d.path) {
                d.severity = Severity::Warning;
            }
        }
    }
    Ok(CheckedPlan { plan, diagnostics })
}

/// Places (located paths) whose errors depend on the plan's status alone: an error there goes
/// away under some other status. Syntax, amounts and numbering never do.
fn stage_rule_paths(
    plan: &Plan,
    template: &Template,
    name: &str,
    text: &str,
) -> std::collections::BTreeSet<String> {
    use unei_core::Status;
    let errors_under = |status: Status| -> std::collections::BTreeSet<String> {
        let mut staged = plan.clone();
        staged.meta.status = status;
        unei_core::validate(&staged, template)
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| f.locate(name, text).path)
            .collect()
    };
    let now = errors_under(plan.meta.status);
    let statuses = [
        Status::Draft,
        Status::Final,
        Status::MidYearReviewed,
        Status::SelfEvaluated,
    ];
    let always: std::collections::BTreeSet<String> = statuses
        .iter()
        .map(|s| errors_under(*s))
        .reduce(|a, b| a.intersection(&b).cloned().collect())
        .unwrap_or_default();
    now.difference(&always).cloned().collect()
}

/// Reads a plan file's bytes; a PDF, workbook or image is refused, named for what it is.
pub fn read_plan_bytes(path: &Path) -> Result<Vec<u8>, Failure> {
    let bytes = read_input(path)?;
    match crate::ui::FileKind::sniff(&bytes) {
        Some(kind) => Err(Failure::new(
            Exit::Problems,
            say(&Say::NotAPlan(path, kind)),
        )),
        None => Ok(bytes),
    }
}

/// Reads an input file, refusing one larger than the plan size limit before reading it.
pub fn read_input(path: &Path) -> Result<Vec<u8>, Failure> {
    let cannot_read =
        |e: std::io::Error| Failure::new(Exit::Failure, say(&Say::CannotRead(path, &e)));
    let size = std::fs::metadata(path).map_err(cannot_read)?.len();
    let limit = max_plan_bytes();
    if size > limit {
        let too_large = Say::TooLarge {
            file: path,
            size,
            limit_mb: limit >> 20,
        };
        return Err(Failure::new(Exit::Problems, say(&too_large)));
    }
    std::fs::read(path).map_err(cannot_read)
}

/// The engine of a run: the template with its fonts (the choice's font instead of the
/// template's main font, its fallbacks after the template's, its bold face instead of the
/// template's), parsed once and shared by every plan.
pub fn engine(template: Template, choice: &FontChoice) -> Result<Engine, Failure> {
    Engine::new(template, choice)
        .map_err(|e| Failure::new(Exit::Failure, crate::ui::font_error(&e)))
}

/// One line per character no font can draw: warnings, or the run's failure with `strict`.
pub fn missing_glyphs(
    plan: &Path,
    missing: &[MissingGlyph],
    strict: bool,
) -> Result<Vec<String>, Failure> {
    let lines = missing
        .iter()
        .map(|m| {
            say(&Say::MissingGlyph {
                file: plan,
                strict,
                place: &m.source,
                character: m.character,
            })
        })
        .collect();
    fail_if_strict(lines, strict)
}

/// The workbook and its fit warnings (cells taller than a printed page); with `strict` the
/// warnings fail the run.
pub fn render_xlsx(
    engine: &Engine,
    plan: &Plan,
    path: &Path,
    strict: bool,
) -> Result<(Vec<u8>, Vec<String>), Failure> {
    let output = xlsx_output(engine, plan, path)?;
    let lines = output
        .fit_problems
        .iter()
        .map(|problem| {
            say(&Say::CellTooTall {
                file: path,
                strict,
                problem,
            })
        })
        .collect();
    Ok((output.bytes, fail_if_strict(lines, strict)?))
}

/// The workbook with its fit problems, as data.
pub fn xlsx_output(engine: &Engine, plan: &Plan, path: &Path) -> Result<XlsxOutput, Failure> {
    let options = XlsxOptions {
        epoch: source_date_epoch(),
    };
    engine
        .xlsx(plan, &options)
        .map_err(|e| Failure::new(Exit::Failure, drawing(path, &Drawing::Xlsx(&e))))
}

/// Warning lines as they are, or as a failure when `strict` and there are any.
fn fail_if_strict(lines: Vec<String>, strict: bool) -> Result<Vec<String>, Failure> {
    if strict && !lines.is_empty() {
        return Err(Failure {
            exit: Exit::Problems,
            lines,
        });
    }
    Ok(lines)
}

/// Writes an output file atomically; the failure names the file.
pub fn write_output(target: &Path, bytes: &[u8]) -> Result<(), Failure> {
    write_atomically(target, bytes)
        .map_err(|e| Failure::new(Exit::Failure, cannot_write(target, &e)))
}

/// Why `target` could not be written: a missing folder is named as the output's own folder
/// (the temporary file beside it is an implementation detail).
pub fn cannot_write(target: &Path, error: &std::io::Error) -> String {
    let folder_missing = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .is_some_and(|p| !p.is_dir());
    if folder_missing {
        say(&Say::NoOutputFolder(target))
    } else {
        say(&Say::CannotWrite(target, error))
    }
}

/// The plan size limit in bytes: `UNEI_MAX_PLAN_MB`, else the library's default. Read here,
/// so the library never looks at the environment.
pub fn max_plan_bytes() -> u64 {
    std::env::var("UNEI_MAX_PLAN_MB")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(unei_core::json::DEFAULT_MAX_PLAN_MB)
        .saturating_mul(1 << 20)
}

/// Writes to a temporary file beside `path` and renames it into place, so a failure never
/// leaves a partial file. The file gets the permissions any new file gets under the user's
/// umask (a temporary file's own 0600 would keep a web server or a colleague out).
#[inline(never)] // a stage of bench/callgrind.py's breakdown
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    builder.permissions(new_file_permissions());
    let mut tmp = builder.tempfile_in(dir)?;
    std::io::Write::write_all(&mut tmp, bytes)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// What `open(…, O_CREAT, 0666)` asks for: the system applies the umask.
#[cfg(unix)]
fn new_file_permissions() -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    std::fs::Permissions::from_mode(0o666)
}

/// Lays the plan out for the PDF; with `draft`, every page carries the template's draft
/// mark (「確認用」).
pub fn lay_out(
    engine: &Engine,
    plan: &Plan,
    path: &Path,
    draft: bool,
) -> Result<Document, Failure> {
    engine
        .layout_with(plan, unei_render::LayoutOptions { draft })
        .map_err(|e| Failure::new(Exit::Failure, drawing(path, &Drawing::Layout(&e))))
}

/// The PDF of a laid-out plan.
pub fn pdf_bytes(
    engine: &Engine,
    document: &Document,
    path: &Path,
    standard: unei_render::PdfStandard,
) -> Result<Vec<u8>, Failure> {
    let options = PdfOptions {
        epoch: source_date_epoch(),
        compress_content: true,
        standard,
    };
    engine
        .pdf(document, &options)
        .map_err(|e| Failure::new(Exit::Failure, drawing(path, &Drawing::Pdf(&e))))
}

/// `SOURCE_DATE_EPOCH` when set (reproducible builds), else now.
pub fn source_date_epoch() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        })
}

/// Plan files under `dir`, sorted, so runs are repeatable.
pub fn plan_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    files_under(dir, |ext| ext.eq_ignore_ascii_case("json"))
}

/// Plans, legacy workbooks and published pages under `dir`, sorted.
pub fn batch_inputs(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    files_under(dir, |ext| {
        ext.eq_ignore_ascii_case("json") || is_importable(ext)
    })
}

/// Files the importer reads (.xlsx/.xlsm/.xls/.ods, .txt/.html/.htm).
pub fn is_importable(extension: &str) -> bool {
    unei_import::WorkbookFormat::from_extension(extension).is_some()
        || unei_import::PageFormat::from_extension(extension).is_some()
}

fn files_under(dir: &Path, wanted: impl Fn(&str) -> bool) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).follow_links(false) {
        let entry = entry.map_err(|e| {
            let text = e.to_string();
            e.into_io_error()
                .unwrap_or_else(|| std::io::Error::other(text))
        })?;
        let matches = entry
            .path()
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(&wanted);
        if entry.file_type().is_file() && matches {
            files.push(entry.into_path());
        }
    }
    files.sort();
    Ok(files)
}

/// The importer's limits: the defaults, with any `UNEI_MAX_*` variable applied.
pub fn import_limits() -> unei_import::Limits {
    let number = |name: &str| -> Option<u64> { std::env::var(name).ok()?.trim().parse().ok() };
    let count = |name: &str, default: usize| {
        number(name).map_or(default, |n| usize::try_from(n).unwrap_or(usize::MAX))
    };
    let d = unei_import::Limits::default();
    unei_import::Limits {
        file_bytes: number("UNEI_MAX_WORKBOOK_MB").map_or(d.file_bytes, |mb| mb << 20),
        unpacked_bytes: number("UNEI_MAX_UNPACKED_MB").map_or(d.unpacked_bytes, |mb| mb << 20),
        cells: count("UNEI_MAX_CELLS", d.cells),
        cell_chars: count("UNEI_MAX_CELL_CHARS", d.cell_chars),
    }
}

/// A legacy workbook or page through the importer, as `unei import` reads it: unmapped
/// content and unknown labels become warnings (failures with `--strict`), chrome is never a
/// problem, validation errors of the imported plan fail it like a plan file's would.
pub fn import_plan(path: &Path, template: &Template, strict: bool) -> Result<LoadedPlan, Failure> {
    let lang = crate::ui::lang();
    let options = unei_import::ImportOptions {
        limits: import_limits(),
        ..unei_import::ImportOptions::default()
    };
    let imported = unei_import::import_file(path, template, &options)
        .map_err(|e| Failure::new(Exit::Problems, e.render(lang)))?;
    let mut warnings: Vec<String> = imported.warnings.iter().map(|w| w.render(lang)).collect();
    warnings.extend(
        imported
            .report
            .entries
            .iter()
            .filter(|e| {
                matches!(
                    e.kind,
                    unei_import::EntryKind::Unmapped | unei_import::EntryKind::UnknownLabel
                )
            })
            .map(|e| format!("{}: {}", path.display(), e.render(lang))),
    );
    let findings = unei_core::validate(&imported.plan, template);
    let errors: Vec<String> = findings
        .iter()
        .filter(|f| f.severity == Severity::Error || strict)
        .map(|f| crate::ui::finding(&path.display().to_string(), f))
        .collect();
    if !errors.is_empty() || (strict && !warnings.is_empty()) {
        return Err(Failure {
            exit: Exit::Problems,
            lines: [errors, warnings].concat(),
        });
    }
    warnings.extend(
        findings
            .iter()
            .map(|f| crate::ui::finding(&path.display().to_string(), f)),
    );
    Ok(LoadedPlan {
        plan: imported.plan,
        warnings,
    })
}
