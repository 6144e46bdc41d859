//! `unei new --kind 区 --name 福島区 --year 令和7 -o plan.json`

use std::path::Path;

use unei_core::{OrgKind, plan_to_string, skeleton};

use crate::exit::{Exit, load_template};
use crate::pipeline::write_atomically;

pub fn run(
    kind: OrgKind,
    name: &str,
    year: &str,
    issues: u32,
    output: &Path,
    template: Option<&Path>,
) -> Exit {
    let template = match load_template(template) {
        Ok(t) => t,
        Err(exit) => return exit,
    };
    let plan = match skeleton(kind, name, year, issues, &template) {
        Ok(plan) => plan,
        Err(e) => {
            eprintln!("error: --year: {e}");
            return Exit::Failure;
        }
    };
    if output.exists() {
        eprintln!(
            "{}: already exists; unei new does not overwrite plans",
            output.display()
        );
        return Exit::Failure;
    }
    let text = match plan_to_string(&plan) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{}: {e}", output.display());
            return Exit::Failure;
        }
    };
    match write_atomically(output, text.as_bytes()) {
        Ok(()) => {
            eprintln!(
                "wrote {} ({} {} {}, generation {:?} form, {} 経営課題)",
                output.display(),
                plan.meta.fiscal_year,
                name,
                plan.meta.status.as_str(),
                plan.meta.generation,
                plan.issues.len()
            );
            Exit::Ok
        }
        Err(e) => {
            eprintln!("{}: cannot write: {e}", output.display());
            Exit::Failure
        }
    }
}

/// Parses `--kind` (区, 局, 室, 区・局).
pub fn parse_kind(text: &str) -> Result<OrgKind, String> {
    OrgKind::ALL
        .into_iter()
        .find(|k| k.as_str() == text)
        .ok_or_else(|| format!("{text:?} is not an organisation kind (区, 局, 室, 区・局)"))
}
