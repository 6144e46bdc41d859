//! unei-import: reads legacy Excel forms (.xlsx/.xlsm/.xls/.ods) and the city's published plan
//! pages (.txt/.html) into the plan model.
//!
//! Fields are found by label text, through the label grammar and variants of the template's
//! `[import]` section ([`ImportRules`]). Nothing is dropped silently: the [`Report`] accounts
//! for every non-empty cell or page line as one of four [`EntryKind`]s — mapped (with its
//! field), chrome (skipped, with the rule), unknown label (with the closest known label) or
//! unmapped (with the reason) — and every message is a [`Message`] in Japanese or English.
//!
//! ```
//! use unei_core::{Lang, Template};
//! use unei_import::{ImportOptions, PageFormat, import_page_text};
//!
//! let page = "ページの先頭です\n令和2年度 福島区運営方針\n区の目標（何をめざすのか）\n住み続けたいまち。\n";
//! let imported = import_page_text(page, "page.txt", PageFormat::Text, &Template::bundled(), &ImportOptions::default())?;
//! assert_eq!(imported.plan.meta.organisation.name, "福島区");
//! assert_eq!(imported.report.counts.chrome, 1);
//! assert!(!imported.report.needs_attention());
//! println!("{}", imported.report.counts.render(Lang::Ja));
//! # Ok::<(), unei_import::ImportError>(())
//! ```

#![warn(missing_docs)]

mod assemble;
mod error;
mod finish;
mod headings;
mod labels;
mod limits;
mod message;
mod normalize;
mod page;
mod report;
mod richtext;
mod rules;
mod source;
mod workbook;

use std::path::Path;

use unei_core::{FiscalYear, OrgKind, Plan, Template};

pub use error::{ImportError, LimitExceeded, RulesProblem, Warning};
pub use labels::Field;
pub use limits::Limits;
pub use message::Message;
pub use page::PageFormat;
pub use report::{Counts, Entry, EntryKind, Report, SheetReport};
pub use rules::{Grammar, IMPORT_PLACEHOLDERS, ImportRules, PageImportRules};
pub use workbook::WorkbookFormat;

use assemble::{Assembler, Context};
use finish::{SourceKind, finish};
use source::Line;

/// What the source cannot say for itself, and the limits of reading it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// The organisation's name (`福島区`) when the source has no title line naming it;
    /// given, it wins over the source's (with a warning when they differ).
    pub organisation: Option<String>,
    /// The organisation's kind, when its name does not say it (a standalone 様式2).
    pub kind: Option<OrgKind>,
    /// The fiscal year, when the source does not say it; wins over the source's.
    pub year: Option<FiscalYear>,
    /// How much a workbook may make the importer read.
    pub limits: Limits,
}

/// An imported plan, the warnings, and the report of where every cell went.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The plan, ready to write (its status the one the content supports).
    pub plan: Plan,
    /// What could not be mapped or had to be guessed.
    pub warnings: Vec<Warning>,
    /// Where every cell or line went.
    pub report: Report,
}

/// Imports a workbook or a page, by the file's extension.
///
/// # Errors
/// When the file cannot be read, is of an unsupported type, exceeds a limit, holds no part
/// of a plan, or the template has no valid `[import]` section; see [`ImportError`].
pub fn import_file(
    path: &Path,
    template: &Template,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let file = path.display().to_string();
    if !is_importable(&file) {
        return Err(ImportError::Unsupported { file });
    }
    let bytes = std::fs::read(path).map_err(|source| ImportError::Read {
        file: file.clone(),
        source,
    })?;
    import_bytes(&bytes, &file, template, options)
}

/// True when `file`'s extension is one the importer reads (a workbook or a page).
pub fn is_importable(file: &str) -> bool {
    let extension = extension_of(file);
    WorkbookFormat::from_extension(extension).is_some()
        || PageFormat::from_extension(extension).is_some()
}

/// Imports a workbook or a page held in memory, by the extension of `file`, which names it
/// in addresses and messages: what [`import_file`] does once the file is read (a server's
/// upload never becomes a file).
///
/// # Errors
/// As [`import_file`], but for reading.
pub fn import_bytes(
    bytes: &[u8],
    file: &str,
    template: &Template,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let extension = extension_of(file);
    if let Some(format) = WorkbookFormat::from_extension(extension) {
        return import_workbook_bytes(bytes, file, format, template, options);
    }
    if let Some(format) = PageFormat::from_extension(extension) {
        let (text, decoding) = page::decode(bytes, file)?;
        let mut imported = import_page_text(&text, file, format, template, options)?;
        if let Some(warning) = decoding {
            imported.warnings.insert(0, warning.clone());
            imported.report.warnings.insert(0, warning);
        }
        return Ok(imported);
    }
    Err(ImportError::Unsupported {
        file: file.to_owned(),
    })
}

/// The text after the last `.` of the last path component (`""` when there is none).
fn extension_of(file: &str) -> &str {
    Path::new(file)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
}

/// Imports a workbook held in memory; `file` names it in addresses and messages.
///
/// # Errors
/// As [`import_file`].
pub fn import_workbook_bytes(
    bytes: &[u8],
    file: &str,
    format: WorkbookFormat,
    template: &Template,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let limits = &options.limits;
    limits
        .check_file(bytes, format != WorkbookFormat::Xls)
        .map_err(|limit| ImportError::Limit {
            file: file.to_owned(),
            limit,
        })?;
    let ctx = Context::new(template)?;
    let rows = workbook::read(bytes, file, format, &ctx, limits)?;
    let assembler = Assembler::new(&ctx, false);
    let mut imported = build(
        assembler,
        rows.lines,
        &ctx,
        options,
        file,
        format.name(),
        SourceKind::Workbook,
    )?;
    if format == WorkbookFormat::Xlsx {
        let properties = workbook::properties::unei_properties(bytes);
        unei_core::provenance::apply(&mut imported.plan, &properties);
    }
    Ok(imported)
}

/// Imports a page's text (the text form or the .html source).
///
/// # Errors
/// As [`import_file`].
pub fn import_page_text(
    text: &str,
    file: &str,
    format: PageFormat,
    template: &Template,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let ctx = Context::new(template)?;
    let lines = page::read(text, file, format, &ctx);
    let mut assembler = Assembler::new(&ctx, true);
    assembler.find_title(&lines);
    build(
        assembler,
        lines,
        &ctx,
        options,
        file,
        format.name(),
        SourceKind::Page,
    )
}

fn build(
    mut assembler: Assembler<'_>,
    lines: Vec<Line>,
    ctx: &Context<'_>,
    options: &ImportOptions,
    file: &str,
    format: &str,
    kind: SourceKind,
) -> Result<Imported, ImportError> {
    for line in lines {
        assembler.feed(line);
    }
    let Assembler {
        draft,
        entries,
        mut warnings,
        sheets,
        ..
    } = assembler;
    ensure_content(&draft, &entries, file)?;
    let finished = finish(draft, ctx, options, file, kind);
    warnings.extend(finished.warnings);
    let report = Report {
        source: file.to_owned(),
        format: format.to_owned(),
        generation: finished.plan.meta.generation,
        generation_reason: finished.generation_reason,
        status: finished.plan.meta.status,
        status_reason: finished.status_reason,
        sheets,
        counts: Report::count(&entries),
        entries,
        warnings: warnings.clone(),
    };
    Ok(Imported {
        plan: finished.plan,
        warnings,
        report,
    })
}

/// A source where not one label or heading of the form was found holds no plan: importing it
/// would give an empty plan that looks like a success.
fn ensure_content(
    draft: &assemble::Draft,
    entries: &[Entry],
    file: &str,
) -> Result<(), ImportError> {
    if draft.evidence.fields.is_empty() && draft.issues.is_empty() {
        return Err(ImportError::NoContent {
            file: file.to_owned(),
            lines: entries.len(),
        });
    }
    Ok(())
}
