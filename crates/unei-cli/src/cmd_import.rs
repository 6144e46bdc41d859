//! `unei import FILE -o PLAN.json [--report REPORT.json] [--organisation NAME] [--kind 区]
//! [--year 令和5] [--force] [--allow-unmapped]`

use std::path::Path;

use unei_core::{Lang, Severity, Template};
use unei_import::{ImportError, ImportOptions, Imported, import_file};

use crate::exit::{Exit, load_template};
use crate::pipeline::write_atomically;

/// What `unei import` asked for.
#[derive(Debug)]
pub struct ImportArgs<'a> {
    pub input: &'a Path,
    pub output: &'a Path,
    pub report: Option<&'a Path>,
    pub allow_unmapped: bool,
    pub force: bool,
    pub options: ImportOptions,
    pub template: Option<&'a Path>,
}

/// What `unei import` itself says (the importer's own messages are [`unei_import::Message`]).
#[derive(Debug)]
enum Notice<'a> {
    OutputIsInput(&'a Path),
    OutputExists(&'a Path),
    NeedsAttention,
    Summary {
        input: &'a Path,
        output: &'a Path,
        imported: &'a Imported,
        validation_errors: usize,
    },
}

impl Notice<'_> {
    fn render(&self, lang: Lang) -> String {
        let ja = lang == Lang::Ja;
        match self {
            Notice::OutputIsInput(path) if ja => format!(
                "{}: 出力先が取り込み元と同じです。取り込み元を上書きしないよう、別のファイル名を -o で指定してください",
                path.display()
            ),
            Notice::OutputIsInput(path) => format!(
                "{}: the output is the input; name another file with -o (the input is never replaced)",
                path.display()
            ),
            Notice::OutputExists(path) if ja => format!(
                "{}: すでにあります。上書きするときは --force を付けてください",
                path.display()
            ),
            Notice::OutputExists(path) => format!(
                "{}: already exists; pass --force to replace it",
                path.display()
            ),
            Notice::NeedsAttention if ja => "対応先のない内容・不明な見出しは上に一覧があります。確認のうえ --allow-unmapped で受け入れられます".to_owned(),
            Notice::NeedsAttention => "unmapped content and unknown labels are listed above; pass --allow-unmapped to accept them".to_owned(),
            Notice::Summary {
                input,
                output,
                imported,
                validation_errors,
            } => summary(input, output, imported, *validation_errors, lang),
        }
    }
}

fn summary(
    input: &Path,
    output: &Path,
    imported: &Imported,
    validation_errors: usize,
    lang: Lang,
) -> String {
    let report = &imported.report;
    let counts = report.counts.render(lang);
    let warnings = imported.warnings.len();
    let status = report.status.as_str();
    let reason = report.status_reason.render(lang);
    let generation = format!("{:?}", report.generation);
    match lang {
        Lang::Ja => format!(
            "{} → {}: {counts}、警告 {warnings} 件、検証の誤り {validation_errors} 件。第{generation}世代、状況「{status}」（{reason}）",
            input.display(),
            output.display(),
        ),
        Lang::En => format!(
            "{} → {}: {counts}; {warnings} warning(s), {validation_errors} validation error(s); generation {generation}, status {status} ({reason})",
            input.display(),
            output.display(),
        ),
    }
}

/// Imports a workbook or page into a plan file. The plan is written whenever something was
/// imported, unmapped content included; the exit code says whether it needs a look. An
/// existing output is kept unless `--force`; the input itself is never the output.
pub fn run(args: &ImportArgs<'_>) -> Exit {
    let lang = crate::ui::lang();
    if let Some(notice) = refused_output(args) {
        eprintln!("{}", crate::ui::error_text(&notice.render(lang)));
        return Exit::Failure;
    }
    let template = match load_template(args.template) {
        Ok(t) => t,
        Err(exit) => return exit,
    };
    let imported = match import_file(args.input, &template, &args.options) {
        Ok(imported) => imported,
        Err(e) => {
            eprintln!("{}", crate::ui::error_text(&e.render(lang)));
            return match e {
                ImportError::NoContent { .. } => Exit::Problems,
                _ => Exit::Failure,
            };
        }
    };
    let plan_text = match unei_core::plan_to_string(&imported.plan) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{}: {}", args.output.display(), crate::ui::error(&e));
            return Exit::Failure;
        }
    };
    let mut writes = vec![(args.output, plan_text.clone())];
    if let Some(path) = args.report {
        writes.push((path, imported.report.to_json()));
    }
    for (path, text) in writes {
        if let Err(e) = write_atomically(path, text.as_bytes()) {
            eprintln!("{}", crate::pipeline::cannot_write(path, &e));
            return Exit::Failure;
        }
    }
    let validation_errors = print_findings(&imported, &template, args.output, &plan_text);
    let summary = Notice::Summary {
        input: args.input,
        output: args.output,
        imported: &imported,
        validation_errors,
    };
    eprintln!("{}", summary.render(lang));
    let attention = imported.report.needs_attention() && !args.allow_unmapped;
    if attention {
        eprintln!("{}", Notice::NeedsAttention.render(lang));
    }
    if attention || validation_errors > 0 {
        Exit::Problems
    } else {
        Exit::Ok
    }
}

/// The output must not be the input (or the report), nor an existing file without --force.
fn refused_output<'a>(args: &ImportArgs<'a>) -> Option<Notice<'a>> {
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    };
    let outputs = std::iter::once(args.output).chain(args.report);
    for output in outputs {
        if same(output, args.input) {
            return Some(Notice::OutputIsInput(output));
        }
        if output.exists() && !args.force {
            return Some(Notice::OutputExists(output));
        }
    }
    None
}

/// Prints warnings, entries that need a look and the written plan's validation findings,
/// one a line; returns the number of validation errors.
fn print_findings(
    imported: &Imported,
    template: &Template,
    output: &Path,
    plan_text: &str,
) -> usize {
    let lang = crate::ui::lang();
    for warning in &imported.warnings {
        println!("{}", warning.render(lang));
    }
    let attention = imported.report.entries.iter().filter(|e| {
        matches!(
            e.kind,
            unei_import::EntryKind::Unmapped | unei_import::EntryKind::UnknownLabel
        )
    });
    for entry in attention {
        println!("{}", entry.render(lang));
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
