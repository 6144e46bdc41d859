//! unei-import: reads legacy Excel forms (.xlsx/.xlsm/.xls/.ods) and the city's published plan
//! pages (.txt/.html) into the plan model.
//!
//! Fields are found by label text, with the label variants of the template's `[import]`
//! section; nothing is dropped silently: the [`Report`] lists every non-empty cell (or page
//! line) as mapped — with the field it went to — or unmapped, with its address.

mod assemble;
mod error;
mod finish;
mod headings;
mod labels;
mod limits;
mod normalize;
mod page;
mod report;
mod richtext;
mod source;
mod workbook;

use std::path::Path;

use unei_core::{Plan, Template};

pub use error::{ImportError, Warning};
pub use labels::{Field, LabelMatcher};
pub use limits::Limits;
pub use normalize::normalise;
pub use page::PageFormat;
pub use report::{MappedCell, Report, SheetReport, UnmappedCell};
pub use workbook::WorkbookFormat;

use assemble::{Assembler, Context};
use finish::{SourceKind, finish};
use source::Line;

/// What the source cannot say for itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// The organisation's name (`福島区`) when the source has no title line naming it.
    pub organisation: Option<String>,
}

/// An imported plan, the warnings, and the report of where every cell went.
#[derive(Debug, Clone)]
pub struct Imported {
    pub plan: Plan,
    pub warnings: Vec<Warning>,
    pub report: Report,
}

/// Imports a workbook or a page, by the file's extension.
pub fn import_file(
    path: &Path,
    template: &Template,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let file = path.display().to_string();
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    let read = || {
        std::fs::read(path).map_err(|source| ImportError::Read {
            file: file.clone(),
            source,
        })
    };
    if let Some(format) = WorkbookFormat::from_extension(&extension) {
        return import_workbook_bytes(&read()?, &file, format, template, options);
    }
    if let Some(format) = PageFormat::from_extension(&extension) {
        let bytes = read()?;
        let (text, decoding) = page::decode(&bytes, &file)?;
        let mut imported = import_page_text(&text, &file, format, template, options)?;
        if let Some(warning) = decoding {
            imported.warnings.insert(0, warning.clone());
            imported.report.warnings.insert(0, warning);
        }
        return Ok(imported);
    }
    Err(ImportError::Unsupported { file })
}

/// Imports a workbook held in memory; `file` names it in addresses and messages.
pub fn import_workbook_bytes(
    bytes: &[u8],
    file: &str,
    format: WorkbookFormat,
    template: &Template,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let limits = Limits::from_env();
    limits
        .check_file(bytes, format != WorkbookFormat::Xls)
        .map_err(|message| ImportError::Limit {
            file: file.to_owned(),
            message,
        })?;
    let ctx = Context::new(template)?;
    let rows = workbook::read(bytes, format, &ctx, &limits).map_err(|message| {
        ImportError::Unreadable {
            file: file.to_owned(),
            format: format.name(),
            message,
        }
    })?;
    let mut assembler = Assembler::new(&ctx);
    assembler.unmapped.extend(rows.hidden);
    build(
        assembler,
        rows.lines,
        &ctx,
        options,
        file,
        format.name(),
        SourceKind::Workbook,
    )
}

/// Imports a page's text (the text form or the .html source).
pub fn import_page_text(
    text: &str,
    file: &str,
    format: PageFormat,
    template: &Template,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let ctx = Context::new(template)?;
    let rows = page::read(text, file, format, &ctx);
    let mut assembler = Assembler::new(&ctx);
    assembler.draft.evidence.notes = rows.notes.iter().map(|n| n.text.clone()).collect();
    assembler.mapped.extend(rows.notes);
    let mut imported = build(
        assembler,
        rows.lines,
        &ctx,
        options,
        file,
        format.name(),
        SourceKind::Page,
    )?;
    imported.report.skipped = rows.skipped;
    Ok(imported)
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
        mapped,
        unmapped,
        mut warnings,
        sheets,
        ..
    } = assembler;
    ensure_content(&draft, unmapped.len(), file)?;
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
        mapped,
        unmapped,
        skipped: Vec::new(),
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
fn ensure_content(draft: &assemble::Draft, cells: usize, file: &str) -> Result<(), ImportError> {
    if draft.evidence.fields.is_empty() && draft.issues.is_empty() {
        return Err(ImportError::NoContent {
            file: file.to_owned(),
            detail: format!(
                "no label of the form was recognised; {cells} non-empty cell(s) or line(s) read"
            ),
        });
    }
    Ok(())
}
