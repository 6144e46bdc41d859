//! `unei`: thin command-line glue over the unei library crates.

mod cmd_batch;
mod cmd_render;
mod cmd_schema;
mod cmd_validate;
mod exit;
mod pipeline;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
    },
    /// Render a plan to the official-format PDF.
    #[command(after_help = "Examples:
  unei render fixtures/plans/fukushima-r2.json -o out/
  unei render plan.json --pdf 令和2年度_福島区運営方針.pdf
  SOURCE_DATE_EPOCH=1700000000 unei render plan.json --pdf plan.pdf   (byte-identical output)

The plan is validated first; a plan with errors is not rendered.
Characters that no font can draw are reported (printed as 〓); --strict makes them errors.

Exit codes:
  0  written
  1  problems in the plan (validation errors; missing glyphs with --strict)
  2  could not run (unreadable plan or font, unwritable output)")]
    Render {
        /// Plan file (JSON).
        plan: PathBuf,
        /// Write the PDF to FILE.
        #[arg(long, value_name = "FILE")]
        pdf: Option<PathBuf>,
        /// Write DIR/<plan name>.pdf.
        #[arg(short = 'o', long = "out-dir", value_name = "DIR")]
        out_dir: Option<PathBuf>,
        /// Template file (TOML) instead of the bundled osaka-default.
        #[arg(long, value_name = "FILE")]
        template: Option<PathBuf>,
        /// Main font: a font file or an installed family name (default: the template's, IPAexGothic).
        #[arg(long, value_name = "FILE|FAMILY")]
        font: Option<String>,
        /// Extra fallback font for characters the main font lacks (repeatable).
        #[arg(long = "fallback-font", value_name = "FILE|FAMILY")]
        fallback_fonts: Vec<String>,
        /// Treat warnings and missing glyphs as errors.
        #[arg(long)]
        strict: bool,
    },
    /// Render every plan under a folder, in parallel, into a mirrored output folder.
    #[command(after_help = "Examples:
  unei batch plans/ -o out/
  unei batch plans/ -o out/ --jobs 2 --quiet

Every *.json plan under IN_DIR is rendered to OUT_DIR/<same relative path>.pdf.
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
        /// Worker threads (default: one per core).
        #[arg(long, value_name = "N")]
        jobs: Option<usize>,
        /// Only failures and the final count.
        #[arg(long)]
        quiet: bool,
        /// Template file (TOML) instead of the bundled osaka-default.
        #[arg(long, value_name = "FILE")]
        template: Option<PathBuf>,
        /// Main font: a font file or an installed family name.
        #[arg(long, value_name = "FILE|FAMILY")]
        font: Option<String>,
        /// Extra fallback font (repeatable).
        #[arg(long = "fallback-font", value_name = "FILE|FAMILY")]
        fallback_fonts: Vec<String>,
        /// Treat warnings and missing glyphs as failures.
        #[arg(long)]
        strict: bool,
    },
    /// Print the JSON Schema of plan files.
    #[command(after_help = "Examples:
  unei schema > plan.schema.json
  unei schema -o plan.schema.json")]
    Schema {
        /// Write to FILE instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Validate {
            files,
            strict,
            template,
        } => cmd_validate::run(&files, strict, template.as_deref()),
        Command::Schema { output } => cmd_schema::run(output.as_deref()),
        Command::Batch {
            input,
            out_dir,
            jobs,
            quiet,
            template,
            font,
            fallback_fonts,
            strict,
        } => cmd_batch::run(&cmd_batch::BatchArgs {
            input,
            out_dir,
            jobs,
            quiet,
            template,
            font,
            fallback_fonts,
            strict,
        }),
        Command::Render {
            plan,
            pdf,
            out_dir,
            template,
            font,
            fallback_fonts,
            strict,
        } => cmd_render::run(&cmd_render::RenderArgs {
            plan,
            pdf,
            out_dir,
            template,
            font,
            fallback_fonts,
            strict,
        }),
    };
    ExitCode::from(code as u8)
}
