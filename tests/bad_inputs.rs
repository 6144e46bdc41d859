//! Runs every case of tests/bad-inputs/cases.toml through the real binary: expected exit code
//! and messages, never a panic, no temporary file left, no output but the expected.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;
use common::root;

use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Debug, serde::Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    input: String,
    command: Vec<String>,
    exit: i32,
    #[serde(default)]
    says: Vec<String>,
    #[serde(default)]
    creates: Vec<String>,
}

fn corpus() -> PathBuf {
    root().join("tests/bad-inputs")
}

/// Inputs too large or too odd to commit.
fn generate(name: &str, dir: &Path) -> PathBuf {
    let path = dir.join(name);
    let fixture = std::fs::read_to_string(corpus().join("utf8-bom.json")).unwrap();
    match name {
        "deep-nesting.json" => {
            let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
            std::fs::write(
                &path,
                fixture.replacen(
                    "\"format\": 1,",
                    &format!("\"format\": 1, \"x\": {deep},"),
                    1,
                ),
            )
            .unwrap();
        }
        "50mb-string.json" => {
            let body = "あ".repeat(50 * 1024 * 1024 / 3 + 1);
            std::fs::write(&path, format!("{{\"format\": 1, \"x\": \"{body}\"}}")).unwrap();
        }
        "broken-template.toml" => std::fs::write(&path, "id = \"x\"\nname = [\n").unwrap(),
        "folder-of-bad-inputs" => {
            std::fs::create_dir(&path).unwrap();
            for file in [
                "empty.json",
                "random-bytes.json",
                "nul-in-text.json",
                "emoji.json",
            ] {
                std::fs::copy(corpus().join(file), path.join(file)).unwrap();
            }
        }
        other => panic!("no generator for {other}"),
    }
    path
}

fn run_case(case: &Case) {
    let dir = tempfile::tempdir().unwrap();
    let input = match case.input.strip_prefix("gen:") {
        Some(name) => generate(name, dir.path()),
        None => {
            let path = dir.path().join(&case.input);
            std::fs::copy(corpus().join(&case.input), &path).unwrap();
            path
        }
    };
    let fill = |s: &str| {
        s.replace("{input}", input.to_str().unwrap())
            .replace("{dir}", dir.path().to_str().unwrap())
    };
    let args: Vec<String> = case.command.iter().map(|a| fill(a)).collect();
    let before = std::fs::read(&input).ok();
    let out = Command::new(env!("CARGO_BIN_EXE_unei"))
        .env("LC_ALL", "C.UTF-8")
        .args(&args)
        .current_dir(root())
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!text.contains("panicked"), "{}: panic:\n{text}", case.name);
    assert_eq!(
        out.status.code(),
        Some(case.exit),
        "{}: {args:?}\n{text}",
        case.name
    );
    for expected in &case.says {
        assert!(
            text.contains(&fill(expected)),
            "{}: {:?} not said:\n{text}",
            case.name,
            fill(expected)
        );
    }
    assert_eq!(
        std::fs::read(&input).ok(),
        before,
        "{}: the input changed",
        case.name
    );
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    let mut expected: Vec<String> = case.creates.clone();
    expected.push(input.file_name().unwrap().to_string_lossy().into_owned());
    expected.sort();
    expected.dedup();
    assert_eq!(left, expected, "{}: files left in the folder", case.name);
}

#[test]
fn every_bad_input_case_ends_as_expected() {
    let cases: Cases =
        toml::from_str(&std::fs::read_to_string(corpus().join("cases.toml")).unwrap()).unwrap();
    assert!(cases.case.len() >= 30, "{} cases", cases.case.len());
    let failures: Vec<String> = cases
        .case
        .iter()
        .filter_map(|case| {
            std::panic::catch_unwind(|| run_case(case)).err().map(|e| {
                e.downcast_ref::<String>()
                    .cloned()
                    .unwrap_or_else(|| case.name.clone())
            })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n---\n")
    );
    println!("{} bad-input cases, 0 panics", cases.case.len());
}
