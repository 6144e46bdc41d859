//! Drives `unei batch` over a folder with a broken file: the others render, the summary
//! tells, the exit code says something failed; output when not on a terminal is plain.

use crate::common::{root, unei};

use std::path::{Path, PathBuf};

/// IN/ with two good plans (one in a sub-folder) and a broken one.
fn plans(dir: &Path) -> PathBuf {
    let input = dir.join("in");
    std::fs::create_dir_all(input.join("wards")).unwrap();
    let fixture =
        |name: &str| std::fs::read_to_string(root().join("fixtures/plans").join(name)).unwrap();
    std::fs::write(input.join("fukushima.json"), fixture("fukushima-r2.json")).unwrap();
    std::fs::write(
        input.join("wards/mihon.json"),
        fixture("sample-gen-b-r5.json"),
    )
    .unwrap();
    std::fs::write(input.join("wards/broken.json"), "{\"format\": 1,").unwrap();
    std::fs::write(input.join("notes.md"), "not a plan: ignored").unwrap();
    input
}

#[test]
fn a_broken_file_does_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let input = plans(dir.path());
    let out = dir.path().join("out");
    let o = unei(&[
        "batch",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--jobs",
        "2",
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(out.join("fukushima.pdf").is_file());
    assert!(
        out.join("wards/mihon.pdf").is_file(),
        "folder structure mirrored"
    );
    assert!(!out.join("wards/broken.pdf").exists());
    let stdout = String::from_utf8(o.stdout).unwrap();
    // Not a terminal: one plain line per file, then the table and the count.
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("ok     fukushima.json (")),
        "{stdout}"
    );
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("FAILED wards/broken.json (")),
        "{stdout}"
    );
    let table: Vec<&str> = stdout
        .lines()
        .skip_while(|l| !l.starts_with("file "))
        .collect();
    assert!(
        table[0].contains("result") && table[0].contains("pages") && table[0].contains("warnings"),
        "{stdout}"
    );
    assert!(
        table
            .iter()
            .any(|l| l.starts_with("fukushima.json") && l.contains(" ok ") && l.contains(" 3 ")),
        "{stdout}"
    );
    assert!(
        table
            .iter()
            .any(|l| l.starts_with("wards/broken.json") && l.contains("FAILED")),
        "{stdout}"
    );
    assert_eq!(table.last().unwrap(), &"3 file(s): 2 rendered, 1 failed");
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert!(
        stderr.contains("wards/broken.json:1:13: EOF while parsing a value"),
        "{stderr}"
    );
}

#[test]
fn quiet_prints_only_failures_and_the_count() {
    let dir = tempfile::tempdir().unwrap();
    let input = plans(dir.path());
    let out = dir.path().join("out");
    let o = unei(&[
        "batch",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(o.stdout).unwrap(),
        "3 file(s): 2 rendered, 1 failed\n"
    );
    assert!(String::from_utf8(o.stderr).unwrap().contains("broken.json"));
}

#[test]
fn all_good_exits_zero_and_outputs_match_single_renders() {
    let dir = tempfile::tempdir().unwrap();
    let input = plans(dir.path());
    std::fs::remove_file(input.join("wards/broken.json")).unwrap();
    let out = dir.path().join("out");
    let o = unei(&[
        "batch",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let single = dir.path().join("single.pdf");
    let o = unei(&[
        "render",
        input.join("fukushima.json").to_str().unwrap(),
        "--pdf",
        single.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        std::fs::read(single).unwrap() == std::fs::read(out.join("fukushima.pdf")).unwrap(),
        "batch and render give the same bytes"
    );
}

#[test]
fn missing_input_folder_exits_two() {
    let dir = tempfile::tempdir().unwrap();
    let o = unei(&[
        "batch",
        dir.path().join("nope").to_str().unwrap(),
        "-o",
        dir.path().join("out").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8(o.stderr)
            .unwrap()
            .contains("cannot read the folder")
    );
}

#[test]
fn formats_pdf_xlsx_html() {
    let dir = tempfile::tempdir().unwrap();
    let input = plans(dir.path());
    std::fs::remove_file(input.join("wards/broken.json")).unwrap();
    let out = dir.path().join("out");
    let o = unei(&[
        "batch",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--format",
        "pdf,xlsx,html",
        "--jobs",
        "1",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    for ext in ["pdf", "xlsx", "html"] {
        assert!(out.join(format!("fukushima.{ext}")).is_file(), "{ext}");
        assert!(out.join(format!("wards/mihon.{ext}")).is_file(), "{ext}");
    }
    let o = unei(&[
        "batch",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--format",
        "docx",
    ]);
    assert_eq!(o.status.code(), Some(2), "unknown format");
}

#[test]
fn legacy_workbooks_and_pages_go_through_the_importer() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    for file in [
        "workbooks/gen-a-ward-merged-labels.xlsx",
        "workbooks/gen-a-unmapped-note.xlsx",
        "pages/sample-gen-b-r5-page.txt",
    ] {
        let from = root().join("fixtures").join(file);
        std::fs::copy(&from, input.join(from.file_name().unwrap())).unwrap();
    }
    let out = dir.path().join("out");
    let o = unei(&[
        "batch",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    for pdf in [
        "gen-a-ward-merged-labels.pdf",
        "gen-a-unmapped-note.pdf",
        "sample-gen-b-r5-page.pdf",
    ] {
        assert!(out.join(pdf).is_file(), "{pdf}");
    }
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert!(
        stderr.contains("gen-a-unmapped-note.xlsx: 様式1!F12: unmapped"),
        "unmapped cells are reported: {stderr}"
    );
    let o = unei(&[
        "batch",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--strict",
        "--quiet",
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "unmapped content fails with --strict"
    );
}
