//! `unei`: thin command-line glue over the unei library crates.

mod cmd_schema;
mod cmd_validate;
mod exit;

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
    };
    ExitCode::from(code as u8)
}
