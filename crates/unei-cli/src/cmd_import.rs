//! `unei import FILE -o PLAN.json [--report REPORT.json] [--allow-unmapped]`

use std::path::Path;

use unei_core::{Severity, Template};
use unei_import::{ImportError, ImportOptions, Imported, import_file};

use crate::exit::{Exit, load_template};
use crate::pipeline::write_atomically;

/// Imports a workbook or page into a plan file. The plan is written whenever something was
/// imported, unmapped content included; the exit code says whether it needs a look.
pub fn run(
    input: &Path,
    output: &Path,
    report: Option<&Path>,
    allow_unmapped: bool,
    options: &ImportOptions,
    template: Option<&Path>,
) -> Exit {
    let template = match load_template(template) {
        Ok(t) => t,
        Err(exit) => return exit,
    };
    let imported = match import_file(input, &template, options) {
        Ok(imported) => imported,
        Err(e) => {
            eprintln!("error: {e}");
            return match e {
                ImportError::NoContent { .. } => Exit::Problems,
                _ => Exit::Failure,
            };
        }
    };
    let plan_text = match unei_core::plan_to_string(&imported.plan) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{}: {e}", output.display());
            return Exit::Failure;
        }
    };
    let mut writes = vec![(output, plan_text.clone())];
    if let Some(path) = report {
        writes.push((path, imported.report.to_json()));
    }
    for (path, text) in writes {
        if let Err(e) = write_atomically(path, text.as_bytes()) {
            eprintln!("{}: cannot write: {e}", path.display());
            return Exit::Failure;
        }
    }
    let validation_errors = print_findings(&imported, &template, output, &plan_text);
    summarise(input, output, &imported, validation_errors);
    let unmapped = imported.report.has_unmapped() && !allow_unmapped;
    if unmapped || validation_errors > 0 {
        Exit::Problems
    } else {
        Exit::Ok
    }
}

/// Prints warnings, unmapped cells and the written plan's validation findings, one a line;
/// returns the number of validation errors.
fn print_findings(
    imported: &Imported,
    template: &Template,
    output: &Path,
    plan_text: &str,
) -> usize {
    for warning in &imported.warnings {
        println!(
            "{}",
            crate::ui::import_warning(&warning.position, &warning.message)
        );
    }
    for cell in &imported.report.unmapped {
        println!(
            "{}",
            crate::ui::unmapped_cell(&cell.address, &cell.reason, &cell.text)
        );
    }
    let name = output.display().to_string();
    let mut errors = 0;
    for finding in unei_core::validate(&imported.plan, template) {
        errors += usize::from(finding.severity == Severity::Error);
        println!(
            "{}",
            crate::ui::diagnostic(&finding.locate(&name, plan_text), Some(plan_text))
        );
    }
    errors
}

fn summarise(input: &Path, output: &Path, imported: &Imported, validation_errors: usize) {
    let report = &imported.report;
    eprintln!(
        "{} → {}: {} mapped, {} unmapped, {} skipped, {} warning(s), {} validation error(s); generation {:?}, status {} ({})",
        input.display(),
        output.display(),
        report.mapped.len(),
        report.unmapped.len(),
        report.skipped.len(),
        imported.warnings.len(),
        validation_errors,
        report.generation,
        report.status.as_str(),
        report.status_reason,
    );
    if report.has_unmapped() {
        eprintln!("unmapped content is listed above; pass --allow-unmapped to accept it");
    }
}
