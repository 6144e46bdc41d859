//! `unei render PLAN.json (--pdf OUT.pdf | -o DIR)`

use std::path::{Path, PathBuf};

use unei_core::{Plan, Severity, Template, check_plan};
use unei_render::{Document, FontData, PdfOptions, layout, write_pdf};

use crate::cmd_schema::write_atomically;
use crate::exit::{Exit, load_template};

#[derive(Debug)]
pub struct RenderArgs {
    pub plan: PathBuf,
    pub pdf: Option<PathBuf>,
    pub out_dir: Option<PathBuf>,
    pub template: Option<PathBuf>,
    pub font: Option<String>,
    pub fallback_fonts: Vec<String>,
    pub strict: bool,
}

pub fn run(args: &RenderArgs) -> Exit {
    let targets = pdf_targets(args);
    if targets.is_empty() {
        eprintln!("error: nothing to write: give --pdf FILE or -o DIR");
        return Exit::Failure;
    }
    let template = match load_template(args.template.as_deref()) {
        Ok(t) => t,
        Err(exit) => return exit,
    };
    let plan = match load_plan(&args.plan, &template, args.strict) {
        Ok(plan) => plan,
        Err(exit) => return exit,
    };
    let fonts = match font_chain(&template, args) {
        Ok(fonts) => fonts,
        Err(e) => {
            eprintln!("error: {e}");
            return Exit::Failure;
        }
    };
    let document = match layout(&plan, &template, &fonts) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {}: {e}", args.plan.display());
            return Exit::Failure;
        }
    };
    if report_missing_glyphs(&args.plan, &document, args.strict) {
        return Exit::Problems;
    }
    if let Some(dir) = &args.out_dir
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        eprintln!("{}: cannot create the output folder: {e}", dir.display());
        return Exit::Failure;
    }
    write_outputs(&document, &fonts, &targets)
}

/// Where the PDF goes: `--pdf FILE`, and/or `DIR/<plan file stem>.pdf` for `-o DIR`.
fn pdf_targets(args: &RenderArgs) -> Vec<PathBuf> {
    let mut targets: Vec<PathBuf> = args.pdf.iter().cloned().collect();
    if let Some(dir) = &args.out_dir {
        let stem = args
            .plan
            .file_stem()
            .map_or_else(|| "plan".into(), |s| s.to_os_string());
        targets.push(dir.join(stem).with_extension("pdf"));
    }
    targets
}

/// Reads and validates the plan; problems are printed and end the run without output.
fn load_plan(path: &Path, template: &Template, strict: bool) -> Result<Plan, Exit> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        eprintln!("{name}: cannot read: {e}");
        Exit::Failure
    })?;
    let (plan, diagnostics) = check_plan(&text, &name, template).map_err(|d| {
        println!("{d}");
        Exit::Problems
    })?;
    for d in &diagnostics {
        println!("{d}");
    }
    let failing = diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error || strict);
    if failing {
        eprintln!("{name}: not rendered: fix the problems above");
        return Err(Exit::Problems);
    }
    Ok(plan)
}

/// The font chain: `--font` (file or family) or the template's font, then fallbacks.
fn font_chain(
    template: &Template,
    args: &RenderArgs,
) -> Result<Vec<FontData>, unei_render::FontError> {
    let primary = args
        .font
        .clone()
        .unwrap_or_else(|| template.page.font.clone());
    let fallbacks = template
        .page
        .fallback_fonts
        .iter()
        .chain(&args.fallback_fonts);
    std::iter::once(&primary)
        .chain(fallbacks)
        .map(|spec| font(spec))
        .collect()
}

fn font(spec: &str) -> Result<FontData, unei_render::FontError> {
    let path = Path::new(spec);
    if path.is_file() {
        FontData::from_file(path)
    } else {
        FontData::by_name(spec)
    }
}

/// Prints characters no font can draw; true when that must stop the run (--strict).
fn report_missing_glyphs(plan: &Path, document: &Document, strict: bool) -> bool {
    for missing in &document.missing_glyphs {
        let severity = if strict { "error" } else { "warning" };
        println!(
            "{}: {severity}: {}: no font can draw {:?} (U+{:04X}); it is printed as 〓",
            plan.display(),
            missing.source,
            missing.character,
            missing.character as u32
        );
    }
    strict && !document.missing_glyphs.is_empty()
}

fn write_outputs(document: &Document, fonts: &[FontData], targets: &[PathBuf]) -> Exit {
    let options = PdfOptions {
        epoch: source_date_epoch(),
        compress_content: true,
    };
    let bytes = match write_pdf(document, fonts, &options) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {e}");
            return Exit::Failure;
        }
    };
    for target in targets {
        if let Err(e) = write_atomically(target, &bytes) {
            eprintln!("{}: cannot write: {e}", target.display());
            return Exit::Failure;
        }
        eprintln!(
            "wrote {} ({} pages, {} bytes)",
            target.display(),
            document.pages.len(),
            bytes.len()
        );
    }
    Exit::Ok
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
