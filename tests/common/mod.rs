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

/// A plan file as JSON without what a published page does not carry: where the plan came
/// from (the importer names the page), the sample-data flag, and a 市政改革プラン version equal
/// to the template's default (the importer reads it from the label).
pub fn without_provenance(path: &std::path::Path) -> serde_json::Value {
    let mut plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let meta = plan["meta"].as_object_mut().unwrap();
    meta.remove("source");
    meta.remove("sample_data");
    let default_version = unei_core::Template::bundled().reform_plan_version;
    if let Some(reform) = plan.get_mut("reform").and_then(|r| r.as_object_mut())
        && reform.get("plan_version").and_then(|v| v.as_str()) == Some(&default_version)
    {
        reform.remove("plan_version");
    }
    plan
}

/// The plan fixtures (every `fixtures/plans/*.json`), by file stem, sorted.
pub fn plan_fixtures() -> Vec<String> {
    let mut stems: Vec<String> = std::fs::read_dir(root().join("fixtures/plans"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| p.file_stem().unwrap().to_str().unwrap().to_owned())
        .collect();
    stems.sort();
    stems
}

/// The organisation a plan fixture names (what `unei import --organisation` is told for a page).
pub fn fixture_organisation(stem: &str) -> String {
    let path = root().join(format!("fixtures/plans/{stem}.json"));
    let plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    plan["meta"]["organisation"]["name"]
        .as_str()
        .unwrap()
        .to_owned()
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
