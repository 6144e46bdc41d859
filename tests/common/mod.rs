//! What the end-to-end tests share: where the checkout is and how the real binary is run
//! (fixed locale and SOURCE_DATE_EPOCH, so messages and bytes do not depend on the machine).

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)] // each test file uses a part

use std::path::PathBuf;
use std::process::{Command, Output};

/// The workspace root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The `unei` binary with English messages and a fixed date, run from the workspace root.
pub fn command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_unei"));
    command
        .env("LC_ALL", "C.UTF-8")
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .current_dir(root());
    command
}

pub fn unei(args: &[&str]) -> Output {
    command().args(args).output().unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs an outside tool the tests check output with (pdftotext, qpdf, kinsoku-check, …).
/// Fails loudly, with the tool's own stderr, when it cannot start or exits with a code other
/// than 0 or `findings` (the code with which a checker reports what it found), so a broken
/// tool never reads like a finding about unei's output.
pub fn tool_reporting(
    program: impl AsRef<std::ffi::OsStr>,
    args: &[&str],
    findings: Option<i32>,
) -> Output {
    let name = program.as_ref().to_string_lossy().into_owned();
    let o = Command::new(program.as_ref())
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name}: {e} (tests/run.sh installs the tools the tests use)"));
    let code = o.status.code();
    assert!(
        code == Some(0) || (code.is_some() && code == findings),
        "{name} {args:?} itself failed ({:?}):\n{}{}",
        o.status,
        String::from_utf8_lossy(&o.stderr),
        String::from_utf8_lossy(&o.stdout)
    );
    o
}

/// [`tool_reporting`] for a tool that reports nothing through its exit code.
pub fn tool(program: impl AsRef<std::ffi::OsStr>, args: &[&str]) -> Output {
    tool_reporting(program, args, None)
}
