//! `unei new --kind 区 --name 福島区 --year 令和7 -o plan.json`

use std::path::Path;

use unei_core::{OrgKind, plan_to_string, skeleton};

use crate::exit::{Exit, load_template};
use crate::pipeline::write_atomically;
use crate::ui::{Say, say};

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
            eprintln!("{}", say(&Say::BadYear(&e)));
            return Exit::Failure;
        }
    };
    if output.exists() {
        eprintln!("{}", say(&Say::PlanExists(output)));
        return Exit::Failure;
    }
    let text = match plan_to_string(&plan) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{}: {}", output.display(), crate::ui::error(&e));
            return Exit::Failure;
        }
    };
    match write_atomically(output, text.as_bytes()) {
        Ok(()) => {
            let wrote = Say::NewPlan {
                file: output,
                year: plan.meta.fiscal_year.to_string(),
                name,
                status: plan.meta.status.as_str(),
                generation: format!("{:?}", plan.meta.generation),
                issues: plan.issues.len(),
            };
            eprintln!("{}", say(&wrote));
            Exit::Ok
        }
        Err(e) => {
            eprintln!("{}", crate::pipeline::cannot_write(output, &e));
            Exit::Failure
        }
    }
}

/// `--name`: an organisation has a name; blank is refused.
pub fn parse_name(text: &str) -> Result<String, String> {
    let name = text.trim();
    if name.is_empty() {
        return Err(crate::ui::say(&crate::ui::Say::EmptyName));
    }
    Ok(name.to_owned())
}

/// `--issues`: a plan has at least one 経営課題.
pub fn parse_issues(text: &str) -> Result<u32, String> {
    match text.trim().parse::<u32>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(crate::ui::say(&crate::ui::Say::BadIssueCount(text))),
    }
}

/// Parses `--kind` (区, 局, 室, 区・局).
pub fn parse_kind(text: &str) -> Result<OrgKind, String> {
    OrgKind::ALL
        .into_iter()
        .find(|k| k.as_str() == text)
        .ok_or_else(|| crate::ui::say(&crate::ui::Say::BadKind(text)))
}
