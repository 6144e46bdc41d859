//! `unei diff` through the real binary: exit codes (0 same, 1 different, 2 error), the three
//! formats, `-o` (atomic, nothing left on failure), `--ignore-width`, both languages, colour
//! only when asked for by a terminal, and workbooks / pages read through the importer.

use crate::common::{command, root, stderr, stdout, unei};

const CASES: &str = "fixtures/diff";

fn pair(case: &str) -> (String, String) {
    (
        format!("{CASES}/{case}/old.json"),
        format!("{CASES}/{case}/new.json"),
    )
}

#[test]
fn exit_codes_say_same_different_or_error() {
    let (old, new) = pair("amount-changed");
    let same = unei(&["diff", &old, &old]);
    assert_eq!(same.status.code(), Some(0), "{}", stderr(&same));
    assert!(stdout(&same).contains("No changes."), "{}", stdout(&same));
    let different = unei(&["diff", &old, &new]);
    assert_eq!(different.status.code(), Some(1), "{}", stderr(&different));
    let missing = unei(&["diff", &old, "fixtures/diff/no-such-plan.json"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("no-such-plan.json: cannot read"),
        "{}",
        stderr(&missing)
    );
    assert!(
        stdout(&missing).is_empty(),
        "no report when a side cannot be read"
    );
}

#[test]
fn a_broken_plan_is_named_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\n  \"format\": 1,\n  \"meta\": [\n").unwrap();
    let (old, _) = pair("amount-changed");
    let o = unei(&["diff", &old, broken.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("broken.json:4:1: meta"),
        "{}",
        stderr(&o)
    );
    let odd = dir.path().join("plan.docx");
    std::fs::write(&odd, "x").unwrap();
    let o = unei(&["diff", &old, odd.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("plan.docx: not a plan file (.json)"),
        "{}",
        stderr(&o)
    );
    let ja = unei(&["--lang", "ja", "diff", &old, odd.to_str().unwrap()]);
    assert!(
        stderr(&ja).contains("計画ファイル（.json）"),
        "{}",
        stderr(&ja)
    );
}

#[test]
fn text_report_reads_like_the_golden_file() {
    let (old, new) = pair("year-over-year");
    for (lang, golden) in [("en", "report.en.txt"), ("ja", "report.ja.txt")] {
        let o = unei(&["--lang", lang, "diff", &old, &new]);
        assert_eq!(o.status.code(), Some(1));
        let expected =
            std::fs::read_to_string(root().join(CASES).join("year-over-year").join(golden))
                .unwrap();
        assert_eq!(stdout(&o), expected, "--lang {lang}");
        assert!(
            !stdout(&o).contains('\u{1b}'),
            "no colour when not a terminal"
        );
    }
}

#[test]
fn colour_follows_the_terminal_and_no_color() {
    let (old, new) = pair("sentence-reworded");
    let forced = command()
        .args(["diff", &old, &new])
        .env("CLICOLOR_FORCE", "1")
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    let text = stdout(&forced);
    assert!(
        text.contains("\u{1b}["),
        "colour when forced as on a terminal: {text}"
    );
    assert!(
        text.contains("[-若年層の流入が激し-]"),
        "markers kept with colour: {text}"
    );
    let no_color = command()
        .args(["diff", &old, &new])
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!stdout(&no_color).contains('\u{1b}'), "NO_COLOR wins");
}

#[test]
fn formats_and_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = pair("initiative-moved");
    let json = dir.path().join("diff.json");
    let o = unei(&[
        "diff",
        &old,
        &new,
        "--format",
        "json",
        "-o",
        json.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).is_empty(), "the report went to the file");
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(value["changes"].as_array().unwrap().len(), 1);
    assert_eq!(value["changes"][0]["kind"], "moved");
    assert_eq!(value["changes"][0]["from"][1]["old"], "1");
    assert_eq!(value["budget"]["issues"][0]["delta"], -231);
    let html = dir.path().join("diff.html");
    let o = unei(&[
        "--lang",
        "ja",
        "diff",
        &old,
        &new,
        "--format",
        "html",
        "-o",
        html.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        page.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"),
        "{page}"
    );
    assert!(page.contains("<caption>主な具体的取組の予算額（千円）</caption>"));
    assert!(
        !page.contains(" style=\"") && !page.contains("http"),
        "no inline style, nothing external"
    );
    let text = dir.path().join("diff.txt");
    let o = command()
        .args(["diff", &old, &new, "-o", text.to_str().unwrap()])
        .env("CLICOLOR_FORCE", "1")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        !std::fs::read_to_string(&text).unwrap().contains('\u{1b}'),
        "no colour in files"
    );
}

#[test]
fn an_unwritable_output_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = pair("amount-changed");
    let target = dir.path().join("missing-folder/diff.txt");
    let o = unei(&["diff", &old, &new, "-o", target.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot write"), "{}", stderr(&o));
    assert!(!target.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no temporary file left"
    );
}

#[test]
fn ignore_width_leaves_out_width_and_whitespace_changes() {
    let (old, new) = pair("width-only");
    assert_eq!(unei(&["diff", &old, &new]).status.code(), Some(1));
    let o = unei(&["diff", &old, &new, "--ignore-width"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("2 width-only or whitespace-only change(s) left out"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_published_page_compares_with_its_plan_file() {
    // The site page of 福島区 令和2年度 imports to the plan it was made from, but for what the
    // page cannot say (the source note); every change found must be one of those attributes.
    let o = unei(&[
        "diff",
        "fixtures/pages/fukushima-r2-site-page.html",
        "fixtures/plans/fukushima-r2.json",
        "--format",
        "json",
    ]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    let value: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    for change in value["changes"].as_array().unwrap() {
        assert_eq!(
            change["place"][0]["section"], "meta",
            "content differs: {change}"
        );
    }
}

#[test]
fn help_lists_examples_and_exit_codes() {
    let o = unei(&["diff", "--help"]);
    let help = stdout(&o);
    for expected in [
        "Examples:",
        "unei diff last-year.json this-year.json",
        "Exit codes:",
        "--ignore-width",
        "--format",
    ] {
        assert!(
            help.contains(expected),
            "{expected:?} missing from:\n{help}"
        );
    }
}
