//! `unei batch IN_DIR -o OUT_DIR`: every plan under IN_DIR, in parallel, mirrored into
//! OUT_DIR. A bad file never stops the others; the summary says what happened to each.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use unei_render::Engine;

use crate::exit::{Exit, load_template};
use crate::pipeline::{
    Failure, FontChoice, batch_inputs, engine, import_plan, is_importable, lay_out, missing_glyphs,
    pdf_bytes, read_plan, render_xlsx, write_output,
};
use crate::ui::{Say, batch, lang, say};

#[derive(Debug)]
pub struct BatchArgs {
    pub input: PathBuf,
    pub formats: Vec<Format>,
    pub out_dir: PathBuf,
    pub jobs: Option<usize>,
    pub quiet: bool,
    pub template: Option<PathBuf>,
    pub fonts: FontChoice,
    pub strict: bool,
    /// What the PDF claims and meets (`--pdf-standard`).
    pub pdf_standard: unei_render::PdfStandard,
}

/// An output format of `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Pdf,
    Xlsx,
    Html,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Xlsx => "xlsx",
            Format::Html => "html",
        }
    }
}

/// What happened to one input file.
#[derive(Debug)]
struct FileResult {
    input: PathBuf,
    outcome: Result<Rendered, Failure>,
    time: Duration,
}

#[derive(Debug)]
struct Rendered {
    /// Pages of the PDF, when one was made.
    pages: Option<usize>,
    warnings: Vec<String>,
}

/// Shared, read-only state of a run: the arguments and the engine every thread uses.
struct Job<'a> {
    args: &'a BatchArgs,
    engine: Engine,
    /// The folder outputs mirror: IN_DIR, or the folder of a single input file.
    root: PathBuf,
    /// Inputs whose stem another input shares: their output name keeps the extension.
    renamed: std::collections::BTreeMap<PathBuf, PathBuf>,
}

pub fn run(args: &BatchArgs) -> Exit {
    let inputs = match batch_inputs(&args.input) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("{}", say(&Say::CannotReadFolder(&args.input, &e)));
            return Exit::Failure;
        }
    };
    let Ok(template) = load_template(args.template.as_deref()) else {
        return Exit::Failure;
    };
    let engine = match engine(template, &args.fonts) {
        Ok(engine) => engine,
        Err(failure) => {
            failure.lines.iter().for_each(|l| eprintln!("{l}"));
            return failure.exit;
        }
    };
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
    {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{}", say(&Say::CannotStartThreads(&e.to_string())));
            return Exit::Failure;
        }
    };
    let root = input_root(&args.input);
    let targets = output_names(&inputs, &root);
    for (input, target) in &targets {
        if let Some(target) = target {
            eprintln!("{}", say(&Say::SameStem { input, target }));
        }
    }
    let job = Job {
        args,
        engine,
        root: root.clone(),
        renamed: targets
            .into_iter()
            .filter_map(|(input, target)| Some((input, target?)))
            .collect(),
    };
    let progress = Progress::new(inputs.len(), args.quiet);
    let results: Vec<FileResult> = pool.install(|| {
        inputs
            .par_iter()
            .map(|input| {
                let result = job.process(input);
                progress.done(&result, &root);
                result
            })
            .collect()
    });
    progress.finish();
    summarise(&results, &root, args.quiet)
}

impl Job<'_> {
    fn process(&self, input: &Path) -> FileResult {
        let start = Instant::now();
        let outcome = self.render(input);
        FileResult {
            input: input.to_owned(),
            outcome,
            time: start.elapsed(),
        }
    }

    fn render(&self, input: &Path) -> Result<Rendered, Failure> {
        let importable = input
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(is_importable);
        let engine = &self.engine;
        let loaded = if importable {
            import_plan(input, engine.template(), self.args.strict)?
        } else {
            read_plan(input, engine.template(), self.args.strict)?
        };
        // Laid out only for a PDF; otherwise a walk of the text finds what no font can draw.
        let document = if self.args.formats.contains(&Format::Pdf) {
            Some(lay_out(engine, &loaded.plan, input, false)?)
        } else {
            None
        };
        let missing = match &document {
            Some(document) => document.missing_glyphs.clone(),
            None => engine.missing_glyphs(&loaded.plan),
        };
        let mut warnings = loaded.warnings;
        warnings.extend(missing_glyphs(input, &missing, self.args.strict)?);
        for format in &self.args.formats {
            let bytes = match (format, &document) {
                (Format::Pdf, Some(document)) => {
                    pdf_bytes(engine, document, input, self.args.pdf_standard)?
                }
                (Format::Pdf, None) => continue,
                (Format::Xlsx, _) => {
                    let (bytes, fit) = render_xlsx(engine, &loaded.plan, input, self.args.strict)?;
                    warnings.extend(fit);
                    bytes
                }
                (Format::Html, _) => engine.html(&loaded.plan).into_bytes(),
            };
            self.write(&self.target(input, format.extension()), &bytes)?;
        }
        Ok(Rendered {
            pages: document.map(|d| d.pages.len()),
            warnings,
        })
    }

    fn write(&self, target: &Path, bytes: &[u8]) -> Result<(), Failure> {
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| Failure::new(Exit::Failure, say(&Say::CannotCreateFolder(dir, &e))))?;
        }
        write_output(target, bytes)
    }

    /// `OUT_DIR/<path relative to IN_DIR>` with the output's extension (`x.json.pdf` when
    /// another input is also `x`).
    fn target(&self, input: &Path, extension: &str) -> PathBuf {
        let relative = input.strip_prefix(&self.root).unwrap_or(input);
        let stem = match self.renamed.get(input) {
            Some(_) => relative.to_owned(),
            None => relative.with_extension(""),
        };
        let mut name = stem.into_os_string();
        name.push(".");
        name.push(extension);
        self.args.out_dir.join(name)
    }
}

/// A progress bar on a terminal; one plain line per file otherwise (CI, pipes).
struct Progress {
    bar: Option<ProgressBar>,
    plain: bool,
}

impl Progress {
    fn new(total: usize, quiet: bool) -> Self {
        let terminal = std::io::stderr().is_terminal();
        let bar = (terminal && !quiet).then(|| {
            let bar = ProgressBar::new(total as u64);
            if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed} {msg}")
            {
                bar.set_style(style);
            }
            bar
        });
        Progress {
            bar,
            plain: !terminal && !quiet,
        }
    }

    fn done(&self, result: &FileResult, root: &Path) {
        let name = relative(&result.input, root);
        if let Some(bar) = &self.bar {
            bar.set_message(name);
            bar.inc(1);
        } else if self.plain {
            let ok = result.outcome.is_ok();
            let millis = result.time.as_millis();
            println!("{}", batch::progress_line(&name, ok, millis, lang()));
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn relative(path: &Path, root: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Prints problems, then the table (file, result, pages, warnings, time; a failed file's
/// error under its row); exit 1 if any failed.
fn summarise(results: &[FileResult], root: &Path, quiet: bool) -> Exit {
    for r in results {
        let lines = match &r.outcome {
            Ok(rendered) if !quiet => rendered.warnings.as_slice(),
            Err(failure) => failure.lines.as_slice(),
            Ok(_) => &[],
        };
        for line in lines {
            eprintln!("{line}");
        }
    }
    let failed = results.iter().filter(|r| r.outcome.is_err()).count();
    if !quiet {
        print_table(results, root);
    }
    println!("{}", batch::summary(results.len(), failed, lang()));
    if failed > 0 { Exit::Problems } else { Exit::Ok }
}

fn print_table(results: &[FileResult], root: &Path) {
    let rows: Vec<batch::Row> = results
        .iter()
        .map(|r| batch::Row {
            file: relative(&r.input, root),
            outcome: r
                .outcome
                .as_ref()
                .map(|x| (x.pages, x.warnings.len()))
                .map_err(|_| ()),
            millis: r.time.as_millis(),
        })
        .collect();
    let lines = batch::table(&rows, lang());
    let mut lines = lines.iter();
    if let Some(header) = lines.next() {
        println!("{header}");
    }
    for (line, r) in lines.zip(results) {
        println!("{line}");
        if let Err(failure) = &r.outcome
            && let Some(first) = failure.lines.first()
        {
            println!("    {first}");
        }
    }
}

/// The folder outputs mirror: the input folder, or the folder of a single input file.
fn input_root(input: &Path) -> PathBuf {
    if input.is_file() {
        input.parent().map(Path::to_owned).unwrap_or_default()
    } else {
        input.to_owned()
    }
}

/// Each input with, when another input shares its path without the extension (`x.json`,
/// `x.xlsx`), the name its outputs get instead (`x.xlsx.pdf`): no output overwrites another.
fn output_names(inputs: &[PathBuf], root: &Path) -> Vec<(PathBuf, Option<PathBuf>)> {
    let mut by_stem: std::collections::BTreeMap<PathBuf, usize> = Default::default();
    for input in inputs {
        *by_stem.entry(input.with_extension("")).or_default() += 1;
    }
    inputs
        .iter()
        .map(|input| {
            let shared = by_stem.get(&input.with_extension("")).copied().unwrap_or(0) > 1;
            let relative = input.strip_prefix(root).unwrap_or(input).to_owned();
            (input.clone(), shared.then_some(relative))
        })
        .collect()
}
