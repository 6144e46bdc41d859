//! `unei validate FILE...`

use std::path::{Path, PathBuf};

use unei_core::{Severity, Template, check_plan};

use crate::exit::{Exit, load_template};

pub fn run(files: &[PathBuf], strict: bool, template: Option<&Path>) -> Exit {
    let template = match load_template(template) {
        Ok(t) => t,
        Err(exit) => return exit,
    };
    let files = match expand_folders(files) {
        Ok(files) => files,
        Err(exit) => return exit,
    };
    let mut worst = Exit::Ok;
    let (mut errors, mut warnings) = (0usize, 0usize);
    for file in &files {
        let outcome = validate_file(file, &template, strict);
        errors += outcome.errors;
        warnings += outcome.warnings;
        worst = worst.max(outcome.exit);
    }
    let checked = crate::ui::Say::Checked {
        files: files.len(),
        errors,
        warnings,
    };
    eprintln!("{}", crate::ui::say(&checked));
    worst
}

/// Each folder replaced by the plan files under it (as `batch` and `fonts check` read one).
fn expand_folders(files: &[PathBuf]) -> Result<Vec<PathBuf>, Exit> {
    let mut expanded = Vec::new();
    for file in files {
        if !file.is_dir() {
            expanded.push(file.clone());
            continue;
        }
        match crate::pipeline::plan_files(file) {
            Ok(plans) => expanded.extend(plans),
            Err(e) => {
                let say = crate::ui::Say::CannotReadFolder(file, &e);
                eprintln!("{}", crate::ui::say(&say));
                return Err(Exit::Failure);
            }
        }
    }
    Ok(expanded)
}

struct Outcome {
    exit: Exit,
    errors: usize,
    warnings: usize,
}

fn validate_file(file: &Path, template: &Template, strict: bool) -> Outcome {
    let name = file.display().to_string();
    let text = match crate::pipeline::read_plan_bytes(file) {
        Ok(bytes) => bytes,
        Err(failure) => {
            for line in &failure.lines {
                if failure.exit == Exit::Problems {
                    println!("{line}");
                } else {
                    eprintln!("{line}");
                }
            }
            return Outcome {
                exit: failure.exit,
                errors: 1,
                warnings: 0,
            };
        }
    };
    let text = match std::str::from_utf8(&text) {
        Ok(t) => t,
        Err(_) => {
            let err = unei_core::plan_from_slice(&text, &name).err();
            if let Some(d) = err {
                println!("{}", crate::ui::diagnostic(&d, None));
            }
            return Outcome {
                exit: Exit::Problems,
                errors: 1,
                warnings: 0,
            };
        }
    };
    match check_plan(text, &name, template) {
        Err(d) => {
            println!("{}", crate::ui::diagnostic(&d, Some(text)));
            Outcome {
                exit: Exit::Problems,
                errors: 1,
                warnings: 0,
            }
        }
        Ok((_, diagnostics)) => {
            for d in &diagnostics {
                println!("{}", crate::ui::diagnostic(d, Some(text)));
            }
            let errors = diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
            let warnings = diagnostics.len() - errors;
            let failing = errors > 0 || (strict && warnings > 0);
            Outcome {
                exit: if failing { Exit::Problems } else { Exit::Ok },
                errors,
                warnings,
            }
        }
    }
}
