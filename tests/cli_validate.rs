//! Drives the real `unei` binary: validate and schema, exit codes and messages.

use crate::common::{root, stderr, stdout, unei};

use std::path::Path;
use std::process::Command;

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

fn fukushima() -> String {
    std::fs::read_to_string(root().join("fixtures/plans/fukushima-r2.json")).unwrap()
}

#[test]
fn valid_fixtures_exit_zero() {
    let o = unei(&[
        "validate",
        "fixtures/plans/fukushima-r2.json",
        "fixtures/plans/sample-gen-b-r5.json",
        "fixtures/plans/sample-form2-r1.json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(stdout(&o), "");
    assert!(
        stderr(&o).contains("3 file(s) checked: 0 error(s), 0 warning(s)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn problems_exit_one_with_one_line_each() {
    let dir = tempfile::tempdir().unwrap();
    let bad = fukushima()
        .replacen("\"(231千円)\"", "\"2,78千円\"", 1)
        .replacen("\"number\": 3", "\"number\": 5", 1);
    let file = write(dir.path(), "bad.json", &bad);
    let o = unei(&["validate", &file]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].starts_with(&format!("{file}:79:21: issues[0].initiatives[1].amount")),
        "{out}"
    );
    assert!(
        lines[0].contains("\"2,78千円\" is not a 千円 amount"),
        "{out}"
    );
    assert!(lines[1].contains("issues[2].number"), "{out}");
}

#[test]
fn syntax_errors_exit_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "broken.json",
        "{\n  \"format\": 1,\n  \"meta\": [1]\n}\n",
    );
    let o = unei(&["validate", &file]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).starts_with(&format!("{file}:3:")),
        "{}",
        stdout(&o)
    );
    assert!(
        stdout(&o).contains(
            "meta[0]（基本情報）: invalid type: integer `1`, expected struct Organisation"
        ),
        "{}",
        stdout(&o)
    );
    let file = write(
        dir.path(),
        "cut.json",
        "{\n  \"format\": 1,\n  \"meta\": [\n",
    );
    let o = unei(&["validate", &file]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains(&format!("{file}:4:1: meta（基本情報）: EOF while parsing")),
        "{}",
        stdout(&o)
    );
}

#[test]
fn unreadable_file_exits_two_even_beside_problems() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(
        dir.path(),
        "bad.json",
        &fukushima().replacen("令和2年度", "令和0年度", 1),
    );
    let o = unei(&["validate", &bad, "no/such/plan.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no/such/plan.json: cannot read"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).contains("not a real year"), "{}", stdout(&o));
}

#[test]
fn warnings_fail_only_with_strict() {
    let dir = tempfile::tempdir().unwrap();
    let mut plan: serde_json::Value = serde_json::from_str(&fukushima()).unwrap();
    plan["issues"][0]["strategies"] = serde_json::json!([]);
    let file = write(
        dir.path(),
        "warn.json",
        &serde_json::to_string_pretty(&plan).unwrap(),
    );
    let o = unei(&["validate", &file]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).contains(": warning: issues[0].strategies"),
        "{}",
        stdout(&o)
    );
    let o = unei(&["validate", "--strict", &file]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn broken_template_exits_two_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let template = std::fs::read_to_string(root().join("templates/osaka-default.toml")).unwrap();
    let file = write(
        dir.path(),
        "t.toml",
        &template.replacen("font_size_pt = 10.5", "font_size_pt = \"big\"", 1),
    );
    let o = unei(&[
        "validate",
        "--template",
        &file,
        "fixtures/plans/fukushima-r2.json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let line = template
        .lines()
        .position(|l| l.starts_with("font_size_pt"))
        .unwrap()
        + 1;
    assert!(
        stderr(&o).contains(&format!("{file}:{line}:")),
        "{}",
        stderr(&o)
    );
}

#[test]
fn schema_validates_fixtures_and_rejects_bad_plans() {
    let o = unei(&["schema"]);
    assert_eq!(o.status.code(), Some(0));
    let schema: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let plan: serde_json::Value = serde_json::from_str(&fukushima()).unwrap();
    assert!(validator.is_valid(&plan));
    let bad: serde_json::Value =
        serde_json::from_str(&fukushima().replacen("\"区\"", "1", 1)).unwrap();
    assert!(!validator.is_valid(&bad));
}

#[test]
fn schema_to_file_and_to_missing_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("plan.schema.json");
    let o = unei(&["schema", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(std::fs::read(&out).unwrap(), unei(&["schema"]).stdout);
    let o = unei(&[
        "schema",
        "-o",
        dir.path()
            .join("missing/plan.schema.json")
            .to_str()
            .unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot write"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temp file left behind"
    );
}

#[test]
fn help_lists_working_commands_and_exit_codes() {
    let o = unei(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let help = stdout(&o);
    for expected in ["validate", "schema", "Exit codes:", "2  unei could not run"] {
        assert!(help.contains(expected), "{help}");
    }
    let o = unei(&["validate", "--help"]);
    assert!(stdout(&o).contains("unei validate fixtures/plans/fukushima-r2.json"));
    let o = unei(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn japanese_messages_and_source_lines() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "bad.json",
        &fukushima().replacen("\"(231千円)\"", "\"2,78千円\"", 1),
    );
    let o = Command::new(env!("CARGO_BIN_EXE_unei"))
        .args(["validate", "--lang", "ja", "--show-source", &file])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].ends_with("\"2,78千円\" は千円単位の金額ではありません（数字は3桁ごとにカンマで区切ります。例: \"(2,781千円)\"）"), "{out}");
    assert_eq!(lines[1], " 79 |           \"amount\": \"2,78千円\"");
    assert_eq!(lines[2], "    |                     ^");
    // The locale decides when --lang is not given.
    let o = Command::new(env!("CARGO_BIN_EXE_unei"))
        .args(["validate", &file])
        .env("LC_ALL", "ja_JP.UTF-8")
        .output()
        .unwrap();
    assert!(
        stdout(&o).contains("は千円単位の金額ではありません"),
        "{}",
        stdout(&o)
    );
    assert_eq!(
        stdout(&o).lines().count(),
        1,
        "piped output: one line per problem"
    );
}

#[test]
fn template_errors_show_their_source_line_in_the_chosen_language() {
    let dir = tempfile::tempdir().unwrap();
    let template = std::fs::read_to_string(root().join("templates/osaka-default.toml")).unwrap();
    let file = write(
        dir.path(),
        "t.toml",
        &template.replacen("font_size_pt = 10.5", "font_size_pt = \"big\"", 1),
    );
    let o = unei(&[
        "validate",
        "--lang",
        "ja",
        "--show-source",
        "--template",
        &file,
        "fixtures/plans/fukushima-r2.json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines[0].ends_with("型が違います: string \"big\"（期待する型: f32）"),
        "{err}"
    );
    assert!(lines[1].ends_with("| font_size_pt = \"big\""), "{err}");
    assert!(lines[2].ends_with("|                ^"), "{err}");
}
