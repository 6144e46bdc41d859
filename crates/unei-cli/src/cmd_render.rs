//! `unei render PLAN.json (--pdf OUT.pdf | --xlsx OUT.xlsx | --html OUT.html | -o DIR)`

use std::path::PathBuf;

use crate::exit::{Exit, load_template};
use crate::pipeline::{
    Failure, FontChoice, engine, import_plan, is_importable, lay_out, missing_glyphs, pdf_bytes,
    read_plan_as, render_xlsx, write_output,
};
use crate::ui::{Say, say};

#[derive(Debug)]
pub struct RenderArgs {
    pub plan: PathBuf,
    pub pdf: Option<PathBuf>,
    pub xlsx: Option<PathBuf>,
    pub html: Option<PathBuf>,
    pub out_dir: Option<PathBuf>,
    pub template: Option<PathBuf>,
    pub fonts: FontChoice,
    pub strict: bool,
    /// What the PDF claims and meets (`--pdf-standard`).
    pub pdf_standard: unei_render::PdfStandard,
    /// A print to check: stage-rule findings are warnings, every page says 「確認用」.
    pub draft: bool,
}

pub fn run(args: &RenderArgs) -> Exit {
    match render(args) {
        Ok(()) => Exit::Ok,
        Err(failure) => {
            for line in &failure.lines {
                if failure.exit == Exit::Problems {
                    println!("{line}")
                } else {
                    eprintln!("{line}")
                }
            }
            failure.exit
        }
    }
}

fn render(args: &RenderArgs) -> Result<(), Failure> {
    let targets = output_targets(args, args.pdf.as_ref(), "pdf");
    let xlsx_targets = output_targets(args, args.xlsx.as_ref(), "xlsx");
    let html_targets = output_targets(args, args.html.as_ref(), "html");
    if targets.is_empty() && xlsx_targets.is_empty() && html_targets.is_empty() {
        return Err(Failure::new(Exit::Failure, say(&Say::NothingToWrite)));
    }
    let all_targets = [targets.as_slice(), &xlsx_targets, &html_targets].concat();
    refuse_overwriting_the_plan(&args.plan, &all_targets)?;
    refuse_wrong_extensions(args)?;
    let template = load_template(args.template.as_deref()).map_err(|exit| Failure {
        exit,
        lines: vec![],
    })?;
    let importable = args
        .plan
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(is_importable);
    let loaded = if importable {
        import_plan(&args.plan, &template, args.strict)?
    } else {
        read_plan_as(&args.plan, &template, args.strict, args.draft)?
    };
    for warning in &loaded.warnings {
        println!("{warning}");
    }
    let engine = engine(template, &args.fonts)?;
    // The PDF's layout finds the characters no font can draw; without a PDF a walk of the
    // plan's text does, and nothing is laid out only for that.
    let document = if targets.is_empty() {
        None
    } else {
        Some(lay_out(&engine, &loaded.plan, &args.plan, args.draft)?)
    };
    let missing = match &document {
        Some(document) => document.missing_glyphs.clone(),
        None => engine.missing_glyphs(&loaded.plan),
    };
    for line in missing_glyphs(&args.plan, &missing, args.strict)? {
        println!("{line}");
    }
    let workbook = if xlsx_targets.is_empty() {
        None
    } else {
        let (bytes, fit) = render_xlsx(&engine, &loaded.plan, &args.plan, args.strict)?;
        for line in &fit {
            println!("{line}");
        }
        Some(bytes)
    };
    if let Some(dir) = &args.out_dir {
        std::fs::create_dir_all(dir)
            .map_err(|e| Failure::new(Exit::Failure, say(&Say::CannotCreateFolder(dir, &e))))?;
    }
    if let Some(document) = &document {
        let pdf = pdf_bytes(&engine, document, &args.plan, args.pdf_standard)?;
        for target in &targets {
            write_output(target, &pdf)?;
            let wrote = Say::Wrote {
                file: target,
                pages: Some(document.pages.len()),
                bytes: pdf.len(),
            };
            eprintln!("{}", say(&wrote));
        }
    }
    if let Some(workbook) = &workbook {
        write_all(&xlsx_targets, workbook)?;
    }
    if !html_targets.is_empty() {
        write_all(&html_targets, engine.html(&loaded.plan).as_bytes())?;
    }
    Ok(())
}

fn write_all(targets: &[PathBuf], bytes: &[u8]) -> Result<(), Failure> {
    for target in targets {
        write_output(target, bytes)?;
        let wrote = Say::Wrote {
            file: target,
            pages: None,
            bytes: bytes.len(),
        };
        eprintln!("{}", say(&wrote));
    }
    Ok(())
}

/// `--pdf out.xlsx` would write a PDF under a workbook's name: refuse before doing anything.
fn refuse_wrong_extensions(args: &RenderArgs) -> Result<(), Failure> {
    let outputs = [
        ("--pdf", args.pdf.as_ref(), &["pdf"][..]),
        ("--xlsx", args.xlsx.as_ref(), &["xlsx"][..]),
        ("--html", args.html.as_ref(), &["html", "htm"][..]),
    ];
    for (option, file, extensions) in outputs {
        let Some(file) = file else { continue };
        let fits = file
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)));
        if !fits {
            let wrong = Say::WrongExtension {
                file,
                option,
                expected: extensions[0],
            };
            return Err(Failure::new(Exit::Failure, say(&wrong)));
        }
    }
    Ok(())
}

/// `--pdf plan.json` by mistake would destroy the plan: refuse before doing anything.
fn refuse_overwriting_the_plan(plan: &std::path::Path, targets: &[PathBuf]) -> Result<(), Failure> {
    let Ok(plan_path) = plan.canonicalize() else {
        return Ok(());
    };
    for target in targets {
        if target.canonicalize().is_ok_and(|t| t == plan_path) {
            return Err(Failure::new(
                Exit::Failure,
                say(&Say::WouldOverwritePlan(target)),
            ));
        }
    }
    Ok(())
}

/// Where a file goes: `--pdf FILE` / `--xlsx FILE`, and/or `DIR/<plan file stem>.<extension>`
/// for `-o DIR`.
fn output_targets(args: &RenderArgs, file: Option<&PathBuf>, extension: &str) -> Vec<PathBuf> {
    let mut targets: Vec<PathBuf> = file.into_iter().cloned().collect();
    if let Some(dir) = &args.out_dir {
        let stem = args
            .plan
            .file_stem()
            .map_or_else(|| "plan".into(), |s| s.to_os_string());
        targets.push(dir.join(stem).with_extension(extension));
    }
    targets
}
