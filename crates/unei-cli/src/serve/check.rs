//! One uploaded file, checked and rendered the way the CLI does it: a plan file is read as
//! `unei render` reads it (`pipeline::check_plan_bytes`); a workbook or page goes through the
//! importer (`unei_import::import_bytes`, what `unei import` calls), its plan is written as
//! `unei import` writes it and then read back like a plan file — so the PDF of an uploaded
//! workbook is byte for byte the PDF of `unei import` followed by `unei render`. The result is
//! plain data that the pages and the API show.

use unei_core::{Diagnostic, FiscalYear, OrgKind, Severity};
use unei_import::{ImportError, ImportOptions, Imported};
use unei_render::FitProblem;
use unei_render::layout::MissingGlyph;

use super::engine::Context;
use super::upload::{InputKind, Upload, stem};
use crate::pipeline::{CheckedPlan, check_plan_bytes};

/// The options of a check, as the CLI's flags.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// `unei import --organisation`.
    pub organisation: Option<String>,
    /// `unei import --kind`.
    pub kind: Option<OrgKind>,
    /// `unei import --year`.
    pub year: Option<FiscalYear>,
    /// `--strict`: warnings fail (and, for imports, unmapped content and unknown labels).
    pub strict: bool,
    /// `unei render --draft`.
    pub draft: bool,
}

/// The outputs to make.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Wanted {
    pub pdf: bool,
    pub xlsx: bool,
    pub html: bool,
}

impl Wanted {
    pub const ALL: Wanted = Wanted {
        pdf: true,
        xlsx: true,
        html: true,
    };
    pub const NONE: Wanted = Wanted {
        pdf: false,
        xlsx: false,
        html: false,
    };

    fn any(self) -> bool {
        self.pdf || self.xlsx || self.html
    }
}

/// Why nothing was rendered.
#[derive(Debug)]
pub enum Refusal {
    /// The plan file cannot be parsed (the diagnostic is positioned).
    Syntax(Box<Diagnostic>),
    /// The importer refused the file.
    Import(ImportError),
    /// Validation errors, or warnings with strict.
    Invalid { errors: usize, warnings: usize },
    /// With strict: characters no font draws, cells too tall, imported lines to look at.
    Strict {
        missing_glyphs: usize,
        fit: usize,
        import: usize,
    },
    /// A failure inside unei (the library's message).
    Internal(String),
}

/// The files made.
#[derive(Debug, Default)]
pub struct Outputs {
    pub pages: usize,
    pub pdf: Option<Vec<u8>>,
    pub xlsx: Option<Vec<u8>>,
    pub html: Option<String>,
}

/// Everything known about one checked file.
#[derive(Debug)]
pub struct Checked {
    /// The upload's name.
    pub name: String,
    pub kind: InputKind,
    /// The plan file the diagnostics point into: the upload itself, or the plan the importer
    /// wrote (`<name>.json`).
    pub plan_name: String,
    pub plan_json: Option<String>,
    /// The importer's result (workbooks and pages).
    pub imported: Option<Imported>,
    /// Validation findings (and the parse error), positioned in `plan_json`.
    pub diagnostics: Vec<Diagnostic>,
    pub missing_glyphs: Vec<MissingGlyph>,
    pub fit: Vec<FitProblem>,
    pub outputs: Outputs,
    pub refusal: Option<Refusal>,
}

impl Checked {
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// The import entries that need a look (unmapped, unknown label) and its warnings.
    pub fn import_attention(&self) -> usize {
        self.imported.as_ref().map_or(0, |i| {
            i.report.counts.unmapped + i.report.counts.unknown_label + i.warnings.len()
        })
    }

    /// The name of an output: the upload's name with `extension`.
    pub fn output_name(&self, extension: &str) -> String {
        format!("{}.{extension}", stem(&self.name))
    }
}

/// Checks `upload` and makes the `wanted` outputs, with the template and fonts of `context`.
pub fn check(
    upload: &Upload,
    kind: InputKind,
    context: &Context,
    options: &CheckOptions,
    limits: unei_import::Limits,
    wanted: Wanted,
) -> Checked {
    let mut checked = Checked {
        name: upload.name.clone(),
        kind,
        plan_name: upload.name.clone(),
        plan_json: None,
        imported: None,
        diagnostics: Vec::new(),
        missing_glyphs: Vec::new(),
        fit: Vec::new(),
        outputs: Outputs::default(),
        refusal: None,
    };
    let plan = match load(upload, kind, context, options, limits, &mut checked) {
        Ok(plan) => plan,
        Err(refusal) => {
            checked.refusal = Some(refusal);
            return checked;
        }
    };
    if wanted.any()
        && let Err(refusal) = render(&plan, context, options, wanted, &mut checked)
    {
        checked.outputs = Outputs::default();
        checked.refusal = Some(refusal);
    }
    checked
}

/// The plan, as `unei render` would read it; its findings go into `checked`.
fn load(
    upload: &Upload,
    kind: InputKind,
    context: &Context,
    options: &CheckOptions,
    limits: unei_import::Limits,
    checked: &mut Checked,
) -> Result<unei_core::Plan, Refusal> {
    let template = context.template();
    let plan_bytes = match kind {
        InputKind::Plan => {
            checked.plan_json = Some(String::from_utf8_lossy(&upload.bytes).into_owned());
            upload.bytes.to_vec()
        }
        InputKind::Workbook | InputKind::Page => {
            let import_options = ImportOptions {
                organisation: options.organisation.clone(),
                kind: options.kind,
                year: options.year,
                limits,
            };
            let imported =
                unei_import::import_bytes(&upload.bytes, &upload.name, template, &import_options)
                    .map_err(Refusal::Import)?;
            let text = unei_core::plan_to_string(&imported.plan)
                .map_err(|e| Refusal::Internal(e.to_string()))?;
            checked.plan_name = checked.output_name("json");
            checked.plan_json = Some(text.clone());
            checked.imported = Some(imported);
            text.into_bytes()
        }
    };
    let CheckedPlan { plan, diagnostics } =
        check_plan_bytes(&plan_bytes, &checked.plan_name, template, options.draft).map_err(
            |d| {
                checked.diagnostics.push((*d).clone());
                Refusal::Syntax(d)
            },
        )?;
    checked.diagnostics = diagnostics;
    let (errors, warnings) = (checked.errors(), checked.warnings());
    if errors > 0 || (options.strict && warnings > 0) {
        return Err(Refusal::Invalid { errors, warnings });
    }
    if options.strict && checked.import_attention() > 0 {
        return Err(Refusal::Strict {
            missing_glyphs: 0,
            fit: 0,
            import: checked.import_attention(),
        });
    }
    Ok(plan)
}

/// The wanted outputs, as `unei render -o DIR` makes them.
fn render(
    plan: &unei_core::Plan,
    context: &Context,
    options: &CheckOptions,
    wanted: Wanted,
    checked: &mut Checked,
) -> Result<(), Refusal> {
    let name = checked.plan_name.clone();
    let internal = |f: crate::pipeline::Failure| Refusal::Internal(f.lines.join("; "));
    let document = context
        .layout(plan, &name, options.draft)
        .map_err(internal)?;
    checked.outputs.pages = document.pages.len();
    checked.missing_glyphs = document.missing_glyphs.clone();
    if wanted.xlsx {
        let workbook = context.xlsx(plan, &name).map_err(internal)?;
        checked.fit = workbook.fit_problems;
        checked.outputs.xlsx = Some(workbook.bytes);
    }
    if options.strict && !(checked.missing_glyphs.is_empty() && checked.fit.is_empty()) {
        return Err(Refusal::Strict {
            missing_glyphs: checked.missing_glyphs.len(),
            fit: checked.fit.len(),
            import: 0,
        });
    }
    if wanted.pdf {
        checked.outputs.pdf = Some(context.pdf(&document, &name).map_err(internal)?);
    }
    if wanted.html {
        checked.outputs.html = Some(context.html(plan));
    }
    Ok(())
}
