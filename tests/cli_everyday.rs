//! Everyday commands through the real binary: new, fonts check, completions, man.

use crate::common::{root, stdout, unei};

#[test]
fn new_writes_a_skeleton_that_validates_and_renders() {
    let dir = tempfile::tempdir().unwrap();
    for (kind, name, year, generation) in [
        ("区", "福島区", "令和7", "\"B\""),
        ("局", "都市計画局", "令和4年度", "\"A\""),
    ] {
        let plan = dir.path().join(format!("{name}.json"));
        let o = unei(&[
            "new",
            "--kind",
            kind,
            "--name",
            name,
            "--year",
            year,
            "--issues",
            "2",
            "-o",
            plan.to_str().unwrap(),
        ]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let text = std::fs::read_to_string(&plan).unwrap();
        assert!(
            text.contains(&format!("\"generation\": {generation}")),
            "{text}"
        );
        assert!(text.contains("\"status\": \"案\""));
        let o = unei(&["validate", plan.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
        let o = unei(&["validate", "--strict", plan.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "empty fields are warnings");
        let o = unei(&[
            "render",
            plan.to_str().unwrap(),
            "-o",
            dir.path().to_str().unwrap(),
        ]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    let existing = dir.path().join("福島区.json");
    let before = std::fs::read(&existing).unwrap();
    let o = unei(&[
        "new",
        "--kind",
        "区",
        "--name",
        "別区",
        "--year",
        "令和7",
        "-o",
        existing.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        std::fs::read(&existing).unwrap(),
        before,
        "never overwritten"
    );
    let o = unei(&[
        "new",
        "--kind",
        "区",
        "--name",
        "x",
        "--year",
        "令和0",
        "-o",
        dir.path().join("y.json").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a real year"));
}

#[test]
fn fonts_check_finds_characters_no_font_has() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("fixtures/plans/fukushima-r2.json")).unwrap();
    let plan = dir.path().join("yoshi.json");
    std::fs::write(
        &plan,
        text.replacen("区政情報の発信", "𠮷田と髙橋の区政情報の発信", 1),
    )
    .unwrap();
    let o = unei(&["fonts", "check", plan.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("missing: 𠮷 U+20BB7: no font can draw it (issues[3].initiatives[2])"),
        "{out}"
    );
    assert!(!out.contains("missing: 髙"), "髙 is in BIZ UDGothic: {out}");
    assert!(out.contains(": BIZ UDGothic: "), "{out}");
    let o = unei(&["fonts", "check", "fixtures/plans"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(
        stdout(&o).lines().count(),
        4,
        "one line per fixture: {}",
        stdout(&o)
    );
}

#[test]
fn completions_and_man_page() {
    let o = unei(&["completions", "bash"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("batch") && stdout(&o).contains("render"));
    let o = unei(&["man"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).starts_with(".ie") && stdout(&o).contains(".TH unei 1"));
}
