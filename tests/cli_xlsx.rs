//! Drives `unei render --xlsx` / `-o DIR`: where workbooks go, byte-identical output, fit
//! warnings (errors with --strict, nothing written), and unwritable targets.

use crate::common::{root, unei};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A zip whose directory names the workbook's parts.
fn assert_workbook(bytes: &[u8], sheets: usize) {
    assert!(bytes.starts_with(b"PK\x03\x04"), "not a zip");
    let has = |name: &str| bytes.windows(name.len()).any(|w| w == name.as_bytes());
    assert!(has("xl/workbook.xml"));
    for n in 1..=sheets {
        assert!(has(&format!("xl/worksheets/sheet{n}.xml")), "sheet{n}");
    }
    assert!(!has(&format!("xl/worksheets/sheet{}.xml", sheets + 1)));
}

#[test]
fn out_dir_writes_the_pdf_and_the_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let o = unei(&[
        "render",
        "fixtures/plans/sample-form2-r1.json",
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let pdf = std::fs::read(dir.path().join("sample-form2-r1.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let xlsx = std::fs::read(dir.path().join("sample-form2-r1.xlsx")).unwrap();
    assert_workbook(&xlsx, 3);
    assert!(
        text(&o.stderr).contains("sample-form2-r1.xlsx"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn xlsx_alone_is_byte_identical_for_the_same_epoch() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str| {
        let target = dir.path().join(name);
        let o = unei(&[
            "render",
            "fixtures/plans/fukushima-r2.json",
            "--xlsx",
            target.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        assert_eq!(text(&o.stdout), "", "no warnings for the Fukushima plan");
        std::fs::read(target).unwrap()
    };
    let (a, b) = (write("a.xlsx"), write("b.xlsx"));
    assert_workbook(&a, 2);
    assert_eq!(a, b);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "only the workbooks: {names:?}");
}

#[test]
fn cells_taller_than_a_page_are_warnings_and_errors_with_strict() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("stress.xlsx");
    let args = [
        "render",
        "fixtures/plans/stress-kinsoku.json",
        "--xlsx",
        target.to_str().unwrap(),
    ];
    let o = unei(&args);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    let warnings: Vec<&str> = out.lines().filter(|l| l.contains("様式1!")).collect();
    assert_eq!(warnings.len(), 2, "{out}");
    for line in &warnings {
        assert!(
            line.starts_with("fixtures/plans/stress-kinsoku.json: warning: 様式1!")
                && line.contains("lines but a printed page holds"),
            "{line}"
        );
    }
    assert!(target.exists());
    std::fs::remove_file(&target).unwrap();
    let o = unei(&[&args[..], &["--strict"]].concat());
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert!(
        text(&o.stdout).contains(": error: 様式1!"),
        "{}",
        text(&o.stdout)
    );
    assert!(!target.exists(), "nothing is written when --strict fails");
}

#[test]
fn unwritable_workbook_is_exit_2() {
    let o = unei(&[
        "render",
        "fixtures/plans/fukushima-r2.json",
        "--xlsx",
        "/nonexistent-dir/plan.xlsx",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("/nonexistent-dir/plan.xlsx: cannot write"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn help_and_nothing_to_write_mention_xlsx() {
    let o = unei(&["render", "fixtures/plans/fukushima-r2.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("--xlsx FILE"),
        "{}",
        text(&o.stderr)
    );
    let help = text(&unei(&["render", "--help"]).stdout);
    assert!(help.contains("--xlsx <FILE>"), "{help}");
}

/// XLSX → `unei import` → the identical plan, for every fixture: provenance (meta.source,
/// sample_data, template, label variant, 市政改革プラン version) travels in the workbook's
/// custom document properties.
#[test]
fn workbook_imports_back_to_the_same_plan() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "fukushima-r2",
        "sample-gen-b-r5",
        "sample-form2-r1",
        "stress-kinsoku",
    ] {
        let source = root().join(format!("fixtures/plans/{name}.json"));
        let xlsx = dir.path().join(format!("{name}.xlsx"));
        let imported = dir.path().join(format!("{name}.json"));
        let o = unei(&[
            "render",
            source.to_str().unwrap(),
            "--xlsx",
            xlsx.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        let o = unei(&[
            "import",
            xlsx.to_str().unwrap(),
            "-o",
            imported.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", text(&o.stdout));
        let read = |p: &std::path::Path| -> serde_json::Value {
            serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
        };
        assert_eq!(read(&imported), read(&source), "{name}");
    }
}
