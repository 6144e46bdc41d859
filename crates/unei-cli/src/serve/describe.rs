//! A checked file as the API's JSON and as lines for people: the import report's entries
//! (each with its kind and address), the validation findings with their source line, the
//! characters no font draws, the cells too tall for a page, and why nothing was rendered.
//! The pages and the batch summary show these; the JSON is what other systems read.

use serde::Serialize;
use unei_core::{Lang, Localize, Severity};
use unei_import::EntryKind;

use super::check::{Checked, Refusal};
use super::message::Notice;
use super::upload::InputKind;

/// One validation finding (or the parse error), positioned in the plan file.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FindingJson {
    /// `error` or `warning`.
    pub severity: &'static str,
    pub file: String,
    /// 1-based, in characters.
    pub line: usize,
    pub column: usize,
    /// The JSON path (`issues[0].budget`).
    pub path: String,
    pub message: String,
    /// The whole line as `FILE:LINE:COL: PATH: MESSAGE`.
    pub text: String,
    /// The source line under the problem, with a caret.
    pub source: Option<String>,
}

/// One non-empty cell or line of an imported file and what became of it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EntryJson {
    /// `mapped`, `chrome`, `unknown_label` or `unmapped`.
    pub kind: String,
    /// `様式1!C12` or `page.txt:12:1`.
    pub address: String,
    pub text: String,
    /// The kind and why, in the request's language.
    pub explanation: String,
}

/// The import report: counts of the four kinds, every entry, the importer's warnings.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ImportJson {
    pub summary: String,
    pub mapped: usize,
    pub chrome: usize,
    pub unknown_label: usize,
    pub unmapped: usize,
    pub entries: Vec<EntryJson>,
    pub warnings: Vec<String>,
}

/// Everything about one checked file.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReportJson {
    pub file: String,
    pub input: InputKind,
    /// True when the outputs asked for were made.
    pub rendered: bool,
    /// Why not, in the request's language.
    pub refusal: Option<String>,
    pub pages: Option<usize>,
    pub errors: usize,
    pub warnings: usize,
    pub findings: Vec<FindingJson>,
    pub import: Option<ImportJson>,
    pub missing_glyphs: Vec<String>,
    pub fit: Vec<String>,
    /// The plan file the findings point into (the importer's plan for workbooks and pages).
    pub plan_file: String,
}

/// The report of `checked` in `lang`.
pub fn report(checked: &Checked, lang: Lang) -> ReportJson {
    ReportJson {
        file: checked.name.clone(),
        input: checked.kind,
        rendered: checked.refusal.is_none(),
        refusal: checked.refusal.as_ref().map(|r| refusal_text(r, lang)),
        pages: (checked.outputs.pages > 0).then_some(checked.outputs.pages),
        errors: checked.errors(),
        warnings: checked.warnings(),
        findings: findings(checked, lang),
        import: import(checked, lang),
        missing_glyphs: missing_glyph_lines(checked, lang),
        fit: fit_lines(checked, lang),
        plan_file: checked.plan_name.clone(),
    }
}

fn findings(checked: &Checked, lang: Lang) -> Vec<FindingJson> {
    let source = checked.plan_json.as_deref();
    checked
        .diagnostics
        .iter()
        .map(|d| FindingJson {
            severity: match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            file: d.file.clone(),
            line: d.line,
            column: d.column,
            path: d.path.clone(),
            message: d.message.localize(lang),
            text: d.render(lang),
            source: source.and_then(|s| d.snippet(s)),
        })
        .collect()
}

fn import(checked: &Checked, lang: Lang) -> Option<ImportJson> {
    let imported = checked.imported.as_ref()?;
    let report = &imported.report;
    let entries = report
        .entries
        .iter()
        .map(|e| EntryJson {
            kind: kind_id(e.kind).to_owned(),
            address: e.address.clone(),
            text: e.text.clone(),
            explanation: explanation(e, lang),
        })
        .collect();
    Some(ImportJson {
        summary: report.counts.render(lang),
        mapped: report.counts.mapped,
        chrome: report.counts.chrome,
        unknown_label: report.counts.unknown_label,
        unmapped: report.counts.unmapped,
        entries,
        warnings: imported.warnings.iter().map(|w| w.render(lang)).collect(),
    })
}

/// Why an entry went where it did: its field, chrome rule, reason, or closest label.
fn explanation(entry: &unei_import::Entry, lang: Lang) -> String {
    let render = |m: &Option<unei_import::Message>| m.as_ref().map(|m| m.render(lang));
    match entry.kind {
        EntryKind::Mapped => entry.field.clone(),
        EntryKind::Chrome => render(&entry.rule),
        EntryKind::Unmapped => render(&entry.reason),
        EntryKind::UnknownLabel => Some(
            unei_import::Message::UnknownLabel {
                closest: entry.closest_label.clone().unwrap_or_default(),
                destination: entry.field.clone().unwrap_or_default(),
            }
            .render(lang),
        ),
    }
    .unwrap_or_default()
}

/// The kind as the JSON and the page's CSS classes name it.
pub fn kind_id(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Mapped => "mapped",
        EntryKind::Chrome => "chrome",
        EntryKind::UnknownLabel => "unknown_label",
        EntryKind::Unmapped => "unmapped",
    }
}

fn missing_glyph_lines(checked: &Checked, lang: Lang) -> Vec<String> {
    checked
        .missing_glyphs
        .iter()
        .map(|m| {
            Notice::MissingGlyph {
                character: m.character,
                place: m.source.clone(),
            }
            .localize(lang)
        })
        .collect()
}

fn fit_lines(checked: &Checked, lang: Lang) -> Vec<String> {
    checked
        .fit
        .iter()
        .map(|p| {
            Notice::TooTall {
                cell: format!("{}!{}", p.sheet, p.cell),
                text: p.text_start.clone(),
                needed: p.lines_needed,
                available: p.lines_available,
            }
            .localize(lang)
        })
        .collect()
}

/// Why nothing was rendered, in `lang`.
pub fn refusal_text(refusal: &Refusal, lang: Lang) -> String {
    let notice = match refusal {
        Refusal::Syntax(d) => Notice::PlanSyntax { at: d.render(lang) },
        Refusal::Import(e) => Notice::ImportFailed {
            detail: e.render(lang),
        },
        Refusal::Invalid { errors, warnings } => Notice::NotRendered {
            errors: *errors,
            warnings: *warnings,
        },
        Refusal::Strict {
            missing_glyphs,
            fit,
            import,
        } => Notice::StrictRefused {
            missing_glyphs: *missing_glyphs,
            fit: *fit,
            import: *import,
        },
        Refusal::Internal(detail) => Notice::Internal {
            detail: detail.clone(),
        },
    };
    notice.localize(lang)
}

/// Every problem and warning of `checked`, one a line (the batch summary's messages): the
/// refusal first, then findings, import entries that need a look, glyphs and fit.
pub fn problem_lines(checked: &Checked, lang: Lang) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(refusal) = &checked.refusal {
        lines.push(refusal_text(refusal, lang));
    }
    lines.extend(checked.diagnostics.iter().map(|d| d.render(lang)));
    if let Some(imported) = &checked.imported {
        lines.extend(imported.warnings.iter().map(|w| w.render(lang)));
        let attention = imported
            .report
            .entries
            .iter()
            .filter(|e| matches!(e.kind, EntryKind::Unmapped | EntryKind::UnknownLabel));
        lines.extend(attention.map(|e| e.render(lang)));
    }
    lines.extend(missing_glyph_lines(checked, lang));
    lines.extend(fit_lines(checked, lang));
    lines
}
