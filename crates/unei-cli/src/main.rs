//! `unei`: thin command-line glue over the unei library crates.

// The doc comments of the argument definitions are `--help` texts, read by people in a terminal
// (`DIR/<plan name>.pdf`), not rustdoc HTML.
#![allow(rustdoc::invalid_html_tags)]

mod cmd_batch;
mod cmd_diff;
mod cmd_fonts;
mod cmd_import;
mod cmd_new;
mod cmd_render;
mod cmd_schema;
mod cmd_serve;
mod cmd_validate;
mod exit;
mod pipeline;
mod serve;
mod ui;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

const EXIT_CODES: &str = "\
Exit codes:
  0  everything is fine
  1  problems were found in the input (invalid plan, errors in a file)
  2  unei could not run (a file cannot be read or written, bad arguments)";

/// Produce Osaka City's 運営方針 (yearly management plan) reports from one plan file.
#[derive(Debug, Parser)]
#[command(name = "unei", version, about, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Language of messages: ja or en (default: from the locale, LANG=ja_JP.UTF-8 → ja).
    #[arg(long, global = true, value_enum)]
    lang: Option<LangArg>,
}

/// For the commands that read plans or templates: how their problems are shown.
#[derive(Debug, clap::Args)]
struct SourceArg {
    /// Show the source line under each problem (default on a terminal).
    #[arg(long)]
    show_source: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum LangArg {
    Ja,
    En,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check plan files: JSON syntax and types, then amounts, numbering, 和暦 year, sections.
    #[command(after_help = "Examples:
  unei validate fixtures/plans/fukushima-r2.json
  unei validate --strict plans/*.json

Each problem is one line: FILE:LINE:COL: PATH: MESSAGE (warnings say \"warning:\").

Exit codes:
  0  all files valid (warnings allowed unless --strict)
  1  problems found
  2  a file could not be read")]
    Validate {
        /// Plan files (JSON).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Treat warnings (e.g. an empty 主な戦略) as problems.
        #[arg(long)]
        strict: bool,
        /// Template file (TOML) instead of the bundled osaka-default.
        #[arg(long, value_name = "FILE")]
        template: Option<PathBuf>,
        #[command(flatten)]
        source: SourceArg,
    },
    /// Render a plan to the official-format PDF, the XLSX workbook and/or a web page.
    #[command(after_help = "Examples:
  unei render fixtures/plans/fukushima-r2.json -o out/   (out/fukushima-r2.pdf, .xlsx and .html)
  unei render plan.json --pdf 令和2年度_福島区運営方針.pdf
  unei render plan.json --xlsx 令和2年度_福島区運営方針.xlsx
  unei render plan.json --html 運営方針.html
  SOURCE_DATE_EPOCH=1700000000 unei render plan.json --pdf plan.pdf   (byte-identical output)

The plan is validated first; a plan with errors is not rendered.
Characters that no font can draw are reported (printed as 〓); --strict makes them errors.
Workbook cells too tall for one printed page are reported likewise (sheet!cell, lines needed).

Exit codes:
  0  written
  1  problems in the plan (validation errors; missing glyphs or cells too tall for a page with --strict)
  2  could not run (unreadable plan or font, unwritable output)")]
    Render {
        /// Plan file (JSON).
        plan: PathBuf,
        /// Write the PDF to FILE.
        #[arg(long, value_name = "FILE")]
        pdf: Option<PathBuf>,
        /// Write the workbook (XLSX, one sheet per form) to FILE.
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
        /// Write the plan as an accessible web page (the city's page markup) to FILE.
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
        /// Write DIR/<plan name>.pdf, .xlsx and .html.
        #[arg(short = 'o', long = "out-dir", value_name = "DIR")]
        out_dir: Option<PathBuf>,
        /// A print to check: what the plan's status does not allow yet (stage rules) is a
        /// warning, not an error, and every PDF page carries 「確認用」. Syntax and amount
        /// errors still stop the render.
        #[arg(long)]
        draft: bool,
        #[command(flatten)]
        draw: DrawArgs,
    },
    /// Render every plan under a folder, in parallel, into a mirrored output folder.
    #[command(after_help = "Examples:
  unei batch plans/ -o out/
  unei batch plans/ -o out/ --jobs 2 --quiet

Every plan (*.json), legacy workbook (*.xlsx/.xlsm/.xls/.ods, through the importer) and
published page (*.txt/.html) under IN_DIR is rendered to OUT_DIR/<same relative path>.pdf
(and .xlsx/.html with --format pdf,xlsx,html).
A bad file does not stop the others; the summary lists each file's result.
On a terminal a progress bar is shown; otherwise one line per file.

Exit codes:
  0  every file rendered
  1  at least one file failed (see the summary)
  2  could not run (unreadable folder, missing font, broken template)")]
    Batch {
        /// Folder of plans (searched recursively).
        input: PathBuf,
        /// Output folder; created when missing.
        #[arg(short = 'o', long = "out-dir", value_name = "DIR")]
        out_dir: PathBuf,
        /// Formats to write, comma-separated.
        #[arg(
            long = "format",
            value_enum,
            value_delimiter = ',',
            default_value = "pdf"
        )]
        formats: Vec<cmd_batch::Format>,
        /// Worker threads (default: one per core).
        #[arg(long, value_name = "N")]
        jobs: Option<usize>,
        /// Only failures and the final count.
        #[arg(long)]
        quiet: bool,
        #[command(flatten)]
        draw: DrawArgs,
    },
    /// Show what changed between two plans: 経営課題, 戦略, 具体的取組, budgets and text.
    #[command(after_help = "Examples:
  unei diff last-year.json this-year.json
  unei diff 案.json 確定.json --format html -o 差分.html
  unei diff old-plan.xls new-plan.json --format json -o diff.json
  unei diff a.json b.json --ignore-width      (leave out 全角/半角 and whitespace-only changes)

OLD and NEW may be plan files (.json), legacy workbooks (.xlsx/.xlsm/.xls/.ods) or published
pages (.txt/.html); workbooks and pages are read through the importer.
Items are matched by number and by text, so a renumbered or moved item is reported as such.
Text output is coloured on a terminal (not with NO_COLOR, -o or a pipe); [-…-] marks deleted
and {+…+} inserted characters.

Exit codes:
  0  the plans are the same (after --ignore-width)
  1  the plans differ (the report is written)
  2  could not run: a plan cannot be read or imported, the report cannot be written")]
    Diff {
        /// The plan to compare from (last year's, the draft).
        old: PathBuf,
        /// The plan to compare to.
        new: PathBuf,
        /// Report format.
        #[arg(long, value_enum, default_value = "text")]
        format: cmd_diff::Format,
        /// Write the report to FILE instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Leave out changes that are only 全角/半角 width or whitespace.
        #[arg(long)]
        ignore_width: bool,
        /// Template file (TOML) for reading workbooks and pages, instead of the bundled one.
        #[arg(long, value_name = "FILE")]
        template: Option<PathBuf>,
        #[command(flatten)]
        source: SourceArg,
    },
    /// Write a new plan with every section of its form, ready to fill in.
    #[command(after_help = "Examples:
  unei new --kind 区 --name 福島区 --year 令和7 -o plan.json
  unei new --kind 局 --name 都市計画局 --year 令和4年度 --issues 3 -o plan.json

The form generation follows the year: A until 令和4年度, B from 令和5年度.
The plan starts as 案 (draft); an existing file is never overwritten.

Exit codes:
  0  written
  2  could not run: --year is not a 和暦 year, --name is empty, --issues is 0, the file
     exists or cannot be written, broken template")]
    New {
        /// Organisation kind: 区, 局, 室 or 区・局.
        #[arg(long, value_parser = cmd_new::parse_kind)]
        kind: unei_core::OrgKind,
        /// Organisation name, e.g. 福島区.
        #[arg(long, value_parser = cmd_new::parse_name)]
        name: String,
        /// Fiscal year in 和暦: 令和7, 令和7年度, 令和元年度.
        #[arg(long)]
        year: String,
        /// Number of 経営課題 to start with (at least 1).
        #[arg(long, default_value_t = 1, value_parser = cmd_new::parse_issues)]
        issues: u32,
        /// Plan file to write.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Template file (TOML) instead of the bundled osaka-default.
        #[arg(long, value_name = "FILE")]
        template: Option<PathBuf>,
        #[command(flatten)]
        source: SourceArg,
    },
    /// Import a legacy workbook (.xlsx/.xlsm/.xls/.ods) or a published page (.txt/.html) into a plan file.
    #[command(after_help = "Examples:
  unei import 様式1.xlsx -o plan.json --report import-report.json
  unei import fukushima-r2-published-page.txt --organisation 福島区 -o plan.json
  unei import 様式2.txt --organisation 都市計画局 --kind 局 --year 令和元 -o plan.json
  unei import old-plan.xls -o plan.json --allow-unmapped

Fields are found by their label text: the template's label variants, read through its label
grammar ([import] section: width, 【】, optional （…） and 主な, 区/局/所属 wordings, ～∼〜).
Every non-empty cell or line is accounted for in one of four kinds:
  mapped         went into the plan (the report names the field)
  chrome         the page's site chrome: navigation, dates, notices before the plan (skipped)
  unknown label  looks like a label but matches none (the closest label is named; its text
                 is never merged into the field above it)
  unmapped       went nowhere: outside every field, beside a value, one column off
                 (様式1!C12, page.txt:12:1)
The summary line counts the four kinds; --report writes every entry (JSON). Warnings (amounts
that do not parse, labels read by similarity), entries that need a look and the plan's
validation findings are printed one a line. The plan is written even when some content is
unmapped; the status is the one the content supports, so the plan passes unei validate.
An existing output is not replaced without --force; the input is never the output.

Exit codes:
  0  imported; nothing unmapped or unknown (or --allow-unmapped) and the plan is valid;
     chrome alone never fails an import
  1  imported, but some content is unmapped, a label is unknown, or the plan has errors
     (the plan is written); or nothing of a plan was found in the input (nothing is written)
  2  could not run: unreadable or unsupported input, output exists (without --force) or is
     the input, unwritable output, broken template")]
    Import {
        /// Workbook (.xlsx, .xlsm, .xls, .ods) or page (.txt, .html, .htm).
        input: PathBuf,
        /// Plan file (JSON) to write.
        #[arg(short, long, value_name = "PLAN.json")]
        output: PathBuf,
        /// Also write the import report (JSON): where every cell went.
        #[arg(long, value_name = "REPORT.json")]
        report: Option<PathBuf>,
        /// Exit 0 even when some content is unmapped or a label unknown.
        #[arg(long)]
        allow_unmapped: bool,
        /// Replace an existing output (plan and report).
        #[arg(long)]
        force: bool,
        /// Organisation name (福島区) when the source has no title line naming it.
        #[arg(long, value_name = "NAME")]
        organisation: Option<String>,
        /// Organisation kind (区, 局, 室, 区・局) when the name does not say it.
        #[arg(long, value_parser = cmd_new::parse_kind)]
        kind: Option<unei_core::OrgKind>,
        /// Fiscal year in 和暦 (令和5, 令和5年度) when the source does not say it.
        #[arg(long, value_parser = parse_year)]
        year: Option<unei_core::FiscalYear>,
        /// Template file (TOML) instead of the bundled osaka-default.
        #[arg(long, value_name = "FILE")]
        template: Option<PathBuf>,
        #[command(flatten)]
        source: SourceArg,
    },
    /// Run the office's web page and API: upload a plan, workbook or page, see the import
    /// report and the check, preview and download the PDF, XLSX and web page.
    #[command(after_help = "Examples:
  unei serve                                   (http://127.0.0.1:8080/)
  unei serve --addr 127.0.0.1:8080 --jobs 2 --timeout 60 --max-upload-mb 50
  curl --data-binary @plan.json -H 'Content-Type: application/json' \\
       'http://127.0.0.1:8080/api/render?format=pdf' -o plan.pdf

The API is described at /api/openapi.json. Stop with Ctrl+C or SIGTERM: requests under way
are finished first (--grace seconds at most).

Exit codes:
  0  stopped by a signal
  2  could not start (address in use, font or template missing)")]
    Serve {
        #[command(flatten)]
        args: cmd_serve::ServeArgs,
        #[command(flatten)]
        fonts: FontArgs,
    },
    /// Font coverage of plans.
    #[command(
        subcommand,
        after_help = "Example:
  unei fonts check plans/

Exit codes:
  0  every character can be drawn
  1  some character no font can draw, or a plan with errors
  2  could not run (unreadable plan or folder, missing font, broken template)"
    )]
    Fonts(FontsCommand),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell); its descriptions are in the language of the messages.
    #[command(after_help = "Example:
  unei completions bash > /etc/bash_completion.d/unei
  unei completions zsh > ~/.zfunc/_unei

Exit codes:
  0  printed
  2  could not run (unknown shell)")]
    Completions { shell: clap_complete::Shell },
    /// Print the man page (roff) of unei, or of one subcommand (unei-validate(1): `unei man validate`), in the language of the messages.
    #[command(after_help = "Examples:
  unei man > /usr/local/share/man/man1/unei.1
  unei man validate > /usr/local/share/man/man1/unei-validate.1
  unei man fonts-check > /usr/local/share/man/man1/unei-fonts-check.1

Exit codes:
  0  printed
  2  could not run (no such subcommand, standard output cannot be written)")]
    Man {
        /// The subcommand whose page to print (`fonts-check` for `unei fonts check`).
        #[arg(value_name = "SUBCOMMAND")]
        page: Option<String>,
    },
    /// Print the JSON Schema of plan files.
    #[command(after_help = "Examples:
  unei schema > plan.schema.json
  unei schema -o plan.schema.json

Exit codes:
  0  printed or written
  2  could not run (the file cannot be written)")]
    Schema {
        /// Write to FILE instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// Template, fonts and strictness: shared by the commands that draw plans.
#[derive(Debug, clap::Args)]
struct DrawArgs {
    /// Template file (TOML) instead of the bundled osaka-default.
    #[arg(long, value_name = "FILE")]
    template: Option<PathBuf>,
    #[command(flatten)]
    fonts: FontArgs,
    /// Treat warnings (invalid fields, missing glyphs, cells that do not fit) as failures.
    #[arg(long)]
    strict: bool,
    /// Standards the PDF is written to: a-2a+ua-1 (tagged, PDF/A-2a and PDF/UA-1), a-2b
    /// (archival, untagged) or none.
    #[arg(long = "pdf-standard", value_enum, default_value = "a-2a+ua-1")]
    pdf_standard: PdfStandardArg,
    #[command(flatten)]
    source: SourceArg,
}

/// The values of `--pdf-standard`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum PdfStandardArg {
    #[value(name = "a-2a+ua-1")]
    A2aUa1,
    #[value(name = "a-2b")]
    A2b,
    None,
}

impl PdfStandardArg {
    fn standard(self) -> unei_render::PdfStandard {
        match self {
            PdfStandardArg::A2aUa1 => unei_render::PdfStandard::A2aUa1,
            PdfStandardArg::A2b => unei_render::PdfStandard::A2b,
            PdfStandardArg::None => unei_render::PdfStandard::None,
        }
    }
}

/// Font choice shared by the commands that draw text.
#[derive(Debug, clap::Args)]
struct FontArgs {
    /// Main font: a font file or an installed family name (default: the template's, BIZ UDGothic).
    #[arg(long, value_name = "FILE|FAMILY")]
    font: Option<String>,
    /// Bold face for labels: a font file, or a family whose weight-700 face is used (an error
    /// if it has none; default: the template's, BIZ UDGothic Bold).
    #[arg(long = "bold-font", value_name = "FILE|FAMILY")]
    bold_font: Option<String>,
    /// Extra fallback font for characters the main font lacks (repeatable; tried after the
    /// template's fallbacks, before 〓).
    #[arg(long = "fallback-font", value_name = "FILE|FAMILY")]
    fallback_fonts: Vec<String>,
}

impl FontArgs {
    fn choice(self) -> pipeline::FontChoice {
        pipeline::FontChoice {
            font: self.font,
            bold_font: self.bold_font,
            fallbacks: self.fallback_fonts,
        }
    }
}

#[derive(Debug, Subcommand)]
enum FontsCommand {
    /// List characters no configured font can draw (exit 1 if any), and which font draws the rest.
    #[command(after_help = "Examples:
  unei fonts check plan.json
  unei fonts check plans/ --fallback-font /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

Lists, for each plan, the characters no font can draw (with the fields they are in), then
how many characters each font draws.

Exit codes:
  0  every character can be drawn
  1  some character no font can draw, or a plan with errors
  2  could not run (unreadable plan or folder, missing font, broken template)")]
    Check {
        /// A plan file or a folder of plans.
        target: PathBuf,
        /// Template file (TOML) instead of the bundled osaka-default.
        #[arg(long, value_name = "FILE")]
        template: Option<PathBuf>,
        #[command(flatten)]
        fonts: FontArgs,
        #[command(flatten)]
        source: SourceArg,
    },
}

/// Parses `--year` (令和5, 令和5年度, 令和元年度).
fn parse_year(text: &str) -> Result<unei_core::FiscalYear, String> {
    let full = if text.ends_with("年度") {
        text.to_owned()
    } else {
        format!("{text}年度")
    };
    unei_core::FiscalYear::parse(&full).map_err(|e| unei_core::Localize::localize(&e, ui::lang()))
}

/// The command line's definition with its texts in the language of the messages (what the man
/// page and the completion scripts' descriptions are made from).
fn localized_command() -> clap::Command {
    match ui::lang() {
        unei_core::Lang::Ja => ui::command_line::japanese(Cli::command()),
        unei_core::Lang::En => Cli::command(),
    }
}

/// `unei man [SUBCOMMAND]`: the page of unei, whose SEE ALSO names `unei-NAME(1)` for each
/// subcommand, or the page of that subcommand (`fonts-check`: `unei fonts check`).
fn man_page(page: Option<&str>) -> exit::Exit {
    let japanese = ui::lang() == unei_core::Lang::Ja;
    let mut command = localized_command();
    command.build();
    for part in page.into_iter().flat_map(|p| p.split('-')) {
        let Some(sub) = command.find_subcommand(part).cloned() else {
            let page = page.unwrap_or_default();
            eprintln!("{}", ui::say(&ui::Say::NoManPage(page)));
            return exit::Exit::Failure;
        };
        // Built, so its display name is `unei-NAME`: the page's title and file name.
        command = sub;
    }
    let mut roff = Vec::new();
    let written = clap_mangen::Man::new(command)
        .render(&mut roff)
        .and_then(|()| {
            let roff = String::from_utf8_lossy(&roff);
            let page = if japanese {
                ui::command_line::japanese_man_headings(&roff)
            } else {
                roff.into_owned()
            };
            std::io::Write::write_all(&mut std::io::stdout(), page.as_bytes())
        });
    match written {
        Ok(()) => exit::Exit::Ok,
        Err(e) => {
            eprintln!("{}", ui::say(&ui::Say::CannotWriteManPage(&e)));
            exit::Exit::Failure
        }
    }
}

impl Command {
    /// Whether `--show-source` was given to a command that has it.
    fn shows_source(&self) -> bool {
        match self {
            Command::Validate { source, .. }
            | Command::Diff { source, .. }
            | Command::New { source, .. }
            | Command::Import { source, .. }
            | Command::Fonts(FontsCommand::Check { source, .. }) => source.show_source,
            Command::Render { draw, .. } | Command::Batch { draw, .. } => draw.source.show_source,
            Command::Completions { .. }
            | Command::Man { .. }
            | Command::Schema { .. }
            | Command::Serve { .. } => false,
        }
    }
}

/// The arguments, with clap's help and errors in the user's language.
fn parse() -> Cli {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    ui::init_lang(ui::command_line::lang_argument(&args));
    match parse_with(Cli::command(), &args) {
        Ok(cli) => cli,
        // Help, version or a mistake: said again with the Japanese texts, which parse the same
        // arguments alike. Built only here, so a run that parses (~1.4 M instructions) does not
        // pay for them.
        Err(_) if ui::lang() == unei_core::Lang::Ja => {
            match parse_with(ui::command_line::japanese(Cli::command()), &args) {
                Ok(cli) => cli,
                Err(e) if e.use_stderr() => {
                    eprint!("{}", ui::command_line::japanese_error(&e));
                    std::process::exit(2)
                }
                Err(e) => e.exit(),
            }
        }
        Err(e) => e.exit(),
    }
}

fn parse_with(command: clap::Command, args: &[std::ffi::OsString]) -> Result<Cli, clap::Error> {
    command
        .try_get_matches_from(args)
        .and_then(|matches| Cli::from_arg_matches(&matches))
}

fn main() -> ExitCode {
    let cli = parse();
    ui::init_show_source(cli.command.shows_source());
    let code = match cli.command {
        Command::Validate {
            files,
            strict,
            template,
            ..
        } => cmd_validate::run(&files, strict, template.as_deref()),
        Command::Schema { output } => cmd_schema::run(output.as_deref()),
        Command::Serve { args, fonts } => cmd_serve::run(args, fonts.choice()),
        Command::Diff {
            old,
            new,
            format,
            output,
            ignore_width,
            template,
            ..
        } => cmd_diff::run(&cmd_diff::DiffArgs {
            old,
            new,
            format,
            output,
            ignore_width,
            template,
        }),
        Command::Import {
            input,
            output,
            report,
            allow_unmapped,
            force,
            organisation,
            kind,
            year,
            template,
            ..
        } => cmd_import::run(&cmd_import::ImportArgs {
            input: &input,
            output: &output,
            report: report.as_deref(),
            allow_unmapped,
            force,
            options: unei_import::ImportOptions {
                organisation,
                kind,
                year,
                limits: pipeline::import_limits(),
            },
            template: template.as_deref(),
        }),
        Command::New {
            kind,
            name,
            year,
            issues,
            output,
            template,
            ..
        } => cmd_new::run(kind, &name, &year, issues, &output, template.as_deref()),
        Command::Fonts(FontsCommand::Check {
            target,
            template,
            fonts,
            ..
        }) => cmd_fonts::run(&target, template.as_deref(), &fonts.choice()),
        Command::Completions { shell } => {
            let mut command = localized_command();
            clap_complete::generate(shell, &mut command, "unei", &mut std::io::stdout());
            exit::Exit::Ok
        }
        Command::Man { page } => man_page(page.as_deref()),
        Command::Batch {
            input,
            formats,
            out_dir,
            jobs,
            quiet,
            draw,
        } => cmd_batch::run(&cmd_batch::BatchArgs {
            input,
            formats,
            out_dir,
            jobs,
            quiet,
            template: draw.template,
            pdf_standard: draw.pdf_standard.standard(),
            fonts: draw.fonts.choice(),
            strict: draw.strict,
        }),
        Command::Render {
            plan,
            html,
            pdf,
            xlsx,
            out_dir,
            draft,
            draw,
        } => cmd_render::run(&cmd_render::RenderArgs {
            draft,
            plan,
            html,
            pdf,
            xlsx,
            out_dir,
            template: draw.template,
            pdf_standard: draw.pdf_standard.standard(),
            fonts: draw.fonts.choice(),
            strict: draw.strict,
        }),
    };
    ExitCode::from(code as u8)
}
