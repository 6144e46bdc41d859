//! Drives the real `unei import`: outputs, reports and exit codes.

use crate::common::{root, stderr, stdout, unei};

use std::path::Path;

fn path_str(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn published_page_imports_to_the_fixture_and_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("plan.json");
    let report = dir.path().join("report.json");
    let o = unei(&[
        "import",
        "../shared/examples/fukushima-r2-published-page.txt",
        "--organisation",
        "福島区",
        "-o",
        path_str(&out),
        "--report",
        path_str(&report),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        std::fs::read_to_string(root().join("fixtures/plans/fukushima-r2.json")).unwrap()
    );
    assert_eq!(stdout(&o), "");
    assert!(stderr(&o).contains("0 unmapped"), "{}", stderr(&o));
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(report["status"], "自己評価済");
    assert_eq!(report["generation"], "A");
    assert_eq!(report["unmapped"].as_array().unwrap().len(), 0);
    assert!(report["mapped"].as_array().unwrap().len() > 40);
}

#[test]
fn unmapped_note_exits_one_but_writes_the_plan_and_allow_unmapped_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("plan.json");
    let report = dir.path().join("report.json");
    let input = "fixtures/workbooks/gen-a-unmapped-note.xlsx";
    let o = unei(&[
        "import",
        input,
        "-o",
        path_str(&out),
        "--report",
        path_str(&report),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains("様式1!F12: unmapped (no label to its left or above it): \"※この様式は令和3年2月の案をもとに作成しています\""),
        "{}",
        stdout(&o)
    );
    assert!(stderr(&o).contains("--allow-unmapped"), "{}", stderr(&o));
    let plan = std::fs::read_to_string(&out).unwrap();
    assert!(plan.contains("\"name\": \"見本区\""), "{plan}");
    let report_text = std::fs::read_to_string(&report).unwrap();
    assert!(
        report_text.contains("\"address\": \"様式1!F12\""),
        "{report_text}"
    );
    std::fs::remove_file(&out).unwrap();
    let o = unei(&["import", input, "-o", path_str(&out), "--allow-unmapped"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(out.exists());
}

#[test]
fn workbook_imports_and_the_plan_validates() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("plan.json");
    let o = unei(&[
        "import",
        "fixtures/workbooks/gen-a-ward-cp932.xls",
        "-o",
        path_str(&out),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let o = unei(&["validate", path_str(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
}

#[test]
fn unreadable_input_exits_two_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bogus = dir.path().join("bogus.xlsx");
    std::fs::write(&bogus, b"this is not a workbook").unwrap();
    let out = dir.path().join("plan.json");
    let report = dir.path().join("report.json");
    for input in [path_str(&bogus), "no/such/file.xls", "Cargo.toml"] {
        let o = unei(&[
            "import",
            input,
            "-o",
            path_str(&out),
            "--report",
            path_str(&report),
        ]);
        assert_eq!(o.status.code(), Some(2), "{input}: {}", stderr(&o));
        assert!(stderr(&o).contains(input), "{}", stderr(&o));
    }
    assert!(!out.exists() && !report.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "only bogus.xlsx"
    );
}

#[test]
fn input_without_any_plan_exits_one_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.txt");
    std::fs::write(&page, "お知らせ\n本日は晴天です。\n").unwrap();
    let out = dir.path().join("plan.json");
    let o = unei(&["import", path_str(&page), "-o", path_str(&out)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("no part of a 運営方針"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());
}

#[test]
fn unwritable_output_exits_two() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("missing/plan.json");
    let o = unei(&[
        "import",
        "fixtures/workbooks/gen-b-ward.xlsx",
        "-o",
        path_str(&out),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("cannot write"), "{}", stderr(&o));
}

#[test]
fn help_shows_examples_and_exit_codes() {
    let o = unei(&["import", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    let help = stdout(&o);
    for expected in [
        "--allow-unmapped",
        "--report",
        "様式1!C12",
        "Exit codes:",
        "2  could not run",
    ] {
        assert!(help.contains(expected), "{expected}: {help}");
    }
}

#[test]
fn import_messages_in_japanese() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("plan.json");
    let workbook = root().join("fixtures/workbooks/gen-a-unmapped-note.xlsx");
    let o = unei(&[
        "import",
        "--lang",
        "ja",
        workbook.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(
        text.contains("様式1!F12: 対応先のないセル（左にも上にも見出しがありません）"),
        "{text}"
    );
    assert!(
        text.contains(": 警告: 欠けている項目: 「市政改革プラン3.0」に基づく取組等（様式3）"),
        "{text}"
    );
}
