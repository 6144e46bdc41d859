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
    assert_eq!(report["counts"]["unmapped"], 0);
    assert_eq!(report["counts"]["unknown_label"], 0);
    assert!(report["counts"]["mapped"].as_u64().unwrap() > 40);
    let entries = report["entries"].as_array().unwrap();
    assert!(
        entries
            .iter()
            .all(|e| e["kind"] == "mapped" && e["field"].is_string())
    );
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
        "--force",
        "--kind",
        "--year",
        "--organisation",
        "mapped",
        "chrome",
        "unknown label",
        "unmapped",
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
        text.contains("様式1!F12: 対応先なし（左にも上にも見出しがありません）"),
        "{text}"
    );
    assert!(
        text.contains(": 警告: 欠けている項目: 「市政改革プラン3.0」に基づく取組等（様式3）"),
        "{text}"
    );
}

/// Rewrites the parts of an .xlsx (a zip) through `edit(name, text)`; other bytes are kept.
fn edit_workbook(source: &Path, target: &Path, edit: impl Fn(&str, String) -> String) {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::fs::File::open(source).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(target).unwrap());
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        if name.ends_with(".xml") {
            bytes = edit(&name, String::from_utf8(bytes).unwrap()).into_bytes();
        }
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        out.start_file(name, options).unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap();
}

/// Moves every row from `from` on one row down (row, cell and merge references).
fn shift_rows(xml: &str, from: u32) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(at) = rest.find(" r=\"").or_else(|| rest.find(" ref=\"")) {
        let quote = at + rest[at..].find('"').unwrap() + 1;
        let end = quote + rest[quote..].find('"').unwrap();
        out.push_str(&rest[..quote]);
        let shifted: Vec<String> = rest[quote..end]
            .split(':')
            .map(|reference| {
                let letters: String = reference
                    .chars()
                    .take_while(char::is_ascii_alphabetic)
                    .collect();
                let row: u32 = reference[letters.len()..].parse().unwrap();
                let row = if row >= from { row + 1 } else { row };
                format!("{letters}{row}")
            })
            .collect();
        out.push_str(&shifted.join(":"));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// unei's own workbook of the example, edited the way an official would: a note typed beside
/// the 方針's value, a word typed in a new row under the last 具体的取組, an amount mistyped.
fn edited_workbook(dir: &Path) -> std::path::PathBuf {
    let clean = dir.join("clean.xlsx");
    let o = unei(&[
        "render",
        "fixtures/plans/fukushima-r2.json",
        "--xlsx",
        path_str(&clean),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let edited = dir.join("edited.xlsx");
    edit_workbook(&clean, &edited, |name, text| match name {
        "xl/worksheets/sheet1.xml" => {
            let inline = |cell: &str, text: &str| {
                format!("<c r=\"{cell}\" t=\"inlineStr\"><is><t>{text}</t></is></c>")
            };
            let text = shift_rows(&text, 26);
            let text = text.replacen(
                "<row r=\"27\"",
                &format!(
                    "<row r=\"26\">{}</row><row r=\"27\"",
                    inline("A26", "要確認")
                ),
                1,
            );
            let row8 = text.find("<row r=\"8\"").unwrap();
            let close = row8 + text[row8..].find("</row>").unwrap();
            format!(
                "{}{}{}",
                &text[..close],
                inline("C8", "※ここは課長確認待ち"),
                &text[close..]
            )
        }
        "xl/sharedStrings.xml" => text.replacen("(2,781千円)", "(2,78千円)", 1),
        _ => text,
    });
    edited
}

#[test]
fn an_edited_workbook_reports_what_the_official_typed_and_the_mistyped_amount() {
    let dir = tempfile::tempdir().unwrap();
    let edited = edited_workbook(dir.path());
    let out = dir.path().join("plan.json");
    let report = dir.path().join("report.json");
    let o = unei(&[
        "import",
        path_str(&edited),
        "-o",
        path_str(&out),
        "--report",
        path_str(&report),
    ]);
    let shown = format!("{}{}", stdout(&o), stderr(&o));
    assert_eq!(o.status.code(), Some(1), "{shown}");
    assert!(
        shown.contains(
            "様式1!C8: unmapped (no label to its left or above it): \"※ここは課長確認待ち\""
        ),
        "{shown}"
    );
    assert!(
        shown.contains("様式1!A26: unmapped (under the list of 主な具体的取組（2年度予算額） but not an item of it): \"要確認\""),
        "{shown}"
    );
    assert!(
        shown.contains("様式1!A13: warning: \"(2,78千円)\" looks like an amount but is not one"),
        "{shown}"
    );
    assert!(shown.contains("2 unmapped"), "{shown}");
    let plan = std::fs::read_to_string(&out).unwrap();
    assert!(
        !plan.contains("課長確認待ち") && !plan.contains("要確認"),
        "nothing invented"
    );
    let plan: serde_json::Value = serde_json::from_str(&plan).unwrap();
    let first = &plan["issues"][0]["initiatives"][0];
    assert_eq!(
        first["text"],
        "自主防災組織の防災活動・訓練への支援(2,78千円)"
    );
    assert!(
        first.get("amount").is_none(),
        "no half-parsed amount: {first}"
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(report["counts"]["unmapped"], 2, "{report}");
}

#[test]
fn import_never_replaces_its_input_nor_an_existing_plan_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("wb.xlsx");
    std::fs::copy(root().join("fixtures/workbooks/gen-b-ward.xlsx"), &workbook).unwrap();
    let before = std::fs::read(&workbook).unwrap();
    let o = unei(&["import", path_str(&workbook), "-o", path_str(&workbook)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("the output is the input"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&workbook).unwrap(), before);
    let plan = dir.path().join("計画.json");
    std::fs::write(&plan, "{\"mine\": true}\n").unwrap();
    let o = unei(&["import", path_str(&workbook), "-o", path_str(&plan)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("already exists; pass --force"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(&plan).unwrap(),
        "{\"mine\": true}\n"
    );
    let o = unei(&[
        "import",
        path_str(&workbook),
        "-o",
        path_str(&plan),
        "--force",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(
        std::fs::read_to_string(&plan)
            .unwrap()
            .contains("\"format\": 1")
    );
    let o = unei(&[
        "--lang",
        "ja",
        "import",
        path_str(&workbook),
        "-o",
        path_str(&plan),
    ]);
    assert!(stderr(&o).contains("すでにあります"), "{}", stderr(&o));
}

#[test]
fn a_standalone_form2_page_imports_with_kind_and_year_and_validates() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("plan.json");
    let o = unei(&[
        "import",
        "fixtures/pages/variants/form2-standalone-one-line.txt",
        "--organisation",
        "都市計画局",
        "--kind",
        "局",
        "--year",
        "令和元",
        "-o",
        path_str(&out),
    ]);
    let shown = format!("{}{}", stdout(&o), stderr(&o));
    assert_eq!(o.status.code(), Some(0), "{shown}");
    assert!(
        shown.contains("0 chrome, 0 unknown label, 0 unmapped"),
        "{shown}"
    );
    let plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(plan["meta"]["fiscal_year"], "令和元年度");
    assert_eq!(plan["meta"]["organisation"]["kind"], "局");
    let o = unei(&["validate", path_str(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
}

#[test]
fn page_chrome_alone_never_fails_an_import() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("plan.json");
    let o = unei(&[
        "import",
        "fixtures/pages/variants/page-chrome-and-notices.txt",
        "-o",
        path_str(&out),
    ]);
    let shown = format!("{}{}", stdout(&o), stderr(&o));
    assert_eq!(o.status.code(), Some(0), "{shown}");
    assert!(
        shown.contains("9 chrome, 0 unknown label, 0 unmapped"),
        "{shown}"
    );
}

/// The PDF's text layer (pdftotext must be installed; tests/run.sh installs poppler-utils).
fn pdf_text(pdf: &Path) -> String {
    let o = std::process::Command::new("pdftotext")
        .args(["-layout", path_str(pdf), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is needed by this test");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

fn import_variant(dir: &Path, name: &str, extra: &[&str]) -> std::path::PathBuf {
    let out = dir.join(format!("{name}.json"));
    let input = format!("fixtures/pages/variants/{name}.txt");
    let mut args = vec!["import", input.as_str(), "-o", path_str(&out)];
    args.extend_from_slice(extra);
    let o = unei(&args);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    out
}

#[test]
fn the_authors_label_wording_is_printed_as_written_in_pdf_xlsx_and_html() {
    let dir = tempfile::tempdir().unwrap();
    let plan = import_variant(dir.path(), "label-wording-variants", &[]);
    let o = unei(&["render", path_str(&plan), "-o", path_str(dir.path())]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let stem = dir.path().join("label-wording-variants");
    let pdf = pdf_text(&stem.with_extension("pdf"));
    let squeezed: String = pdf.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(
        squeezed.contains("所属運営の基本的な考え方(区の方針)"),
        "{pdf}"
    );
    assert!(squeezed.contains("重点的に取り組む経営課題"), "{pdf}");
    assert!(
        !squeezed.contains("区長の方針"),
        "the template's wording is not printed: {pdf}"
    );
    let html = std::fs::read_to_string(stem.with_extension("html")).unwrap();
    assert!(
        html.contains("所属運営の基本的な考え方(区の方針)"),
        "{html}"
    );
    let mut archive =
        zip::ZipArchive::new(std::fs::File::open(stem.with_extension("xlsx")).unwrap()).unwrap();
    let mut strings = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("xl/sharedStrings.xml").unwrap(),
        &mut strings,
    )
    .unwrap();
    assert!(
        strings.contains("所属運営の基本的な考え方(区の方針)"),
        "{strings}"
    );
}

#[test]
fn a_standalone_form2_renders_without_an_empty_form1() {
    let dir = tempfile::tempdir().unwrap();
    let plan = import_variant(
        dir.path(),
        "form2-standalone-lines",
        &["--organisation", "都市計画局", "--year", "令和元"],
    );
    let pdf = dir.path().join("form2.pdf");
    let o = unei(&["render", path_str(&plan), "--pdf", path_str(&pdf)]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let text = pdf_text(&pdf);
    let first_page = text.split('\u{c}').next().unwrap();
    let squeezed: String = first_page.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(
        squeezed.contains("経営課題1【都市の防災性の向上】"),
        "{first_page}"
    );
    assert!(
        !squeezed.contains("局の目標"),
        "no empty 様式1: {first_page}"
    );
}

#[test]
fn render_draft_prints_a_plan_caught_between_stages_with_a_mark_on_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let mut plan: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("fixtures/plans/sample-gen-b-r5.json")).unwrap(),
    )
    .unwrap();
    plan["meta"]["status"] = "確定".into();
    let path = dir.path().join("between.json");
    std::fs::write(&path, serde_json::to_string_pretty(&plan).unwrap()).unwrap();
    let pdf = dir.path().join("between.pdf");
    let o = unei(&["render", path_str(&path), "--pdf", path_str(&pdf)]);
    assert_eq!(o.status.code(), Some(1), "stage rules stop a normal render");
    assert!(!pdf.exists());
    let o = unei(&[
        "render",
        path_str(&path),
        "--pdf",
        path_str(&pdf),
        "--draft",
    ]);
    let shown = format!("{}{}", stdout(&o), stderr(&o));
    assert_eq!(o.status.code(), Some(0), "{shown}");
    assert!(
        shown.contains("warning:") && shown.contains("確定"),
        "{shown}"
    );
    let text = pdf_text(&pdf);
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(!pages.is_empty());
    for page in &pages {
        assert!(page.contains("確認用"), "{page}");
    }
    // Syntax and amounts are never waived.
    std::fs::write(&path, "{\"format\": 1,").unwrap();
    let o = unei(&[
        "render",
        path_str(&path),
        "--pdf",
        path_str(&pdf),
        "--draft",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
}

#[test]
fn validate_strict_refuses_an_empty_mission_or_goal_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("fixtures/plans/fukushima-r2.json")).unwrap();
    let mut plan: serde_json::Value = serde_json::from_str(&text).unwrap();
    plan["mission"] = serde_json::json!([]);
    plan["goal"] = serde_json::json!([]);
    let path = dir.path().join("empty.json");
    std::fs::write(&path, serde_json::to_string_pretty(&plan).unwrap()).unwrap();
    let o = unei(&["validate", path_str(&path)]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = unei(&["validate", "--strict", path_str(&path)]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let shown = stdout(&o);
    for (key, name) in [("goal", "目標"), ("mission", "使命")] {
        let line = shown
            .lines()
            .find(|l| l.contains(&format!("warning: {key}")))
            .unwrap_or_else(|| panic!("{key}: {shown}"));
        assert!(line.contains(&format!("{name} is empty")), "{line}");
        assert!(line.starts_with(&format!("{}:", path.display())), "{line}");
    }
}
