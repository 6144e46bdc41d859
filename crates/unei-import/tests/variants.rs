//! The corpus of page variants seen on real published plans (fixtures/pages/variants/, one
//! file per case, named after it): every source line must land where its `.expect` file
//! says — kind and field — and each imported plan must pass validation.
//!
//! An `.expect` file has one line per report entry: `LINE:COLUMN KIND FIELD`, where FIELD is
//! the JSON path the text went to (mapped), the destination of an unknown label's text, or
//! `-`. `UPDATE_EXPECT=1` rewrites them from the importer's report; review the diff.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

use std::path::{Path, PathBuf};

use unei_core::{Lang, Severity, Status, Template, validate};
use unei_import::{EntryKind, ImportOptions, Imported, import_file};

fn variants() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/pages/variants")
}

fn options_for(name: &str) -> ImportOptions {
    let mut options = ImportOptions::default();
    if name.starts_with("form2-standalone") {
        options.kind = Some(unei_core::OrgKind::Bureau);
    }
    if name.starts_with("page-no-title") {
        // No title line to read them from: as `--organisation 旭区 --year 2022`.
        options.organisation = Some("旭区".to_owned());
        options.year = unei_core::wareki::FiscalYear::from_gregorian(2022);
    }
    options
}

fn kind_name(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Mapped => "mapped",
        EntryKind::Chrome => "chrome",
        EntryKind::UnknownLabel => "unknown-label",
        EntryKind::Unmapped => "unmapped",
    }
}

/// The report as `.expect` lines.
fn expectation(imported: &Imported, file: &str) -> String {
    let mut out = String::new();
    for entry in &imported.report.entries {
        let place = entry
            .address
            .strip_prefix(file)
            .and_then(|a| a.strip_prefix(':'))
            .unwrap_or(&entry.address);
        let field = entry.field.as_deref().unwrap_or("-");
        out.push_str(&format!("{place} {} {field}\n", kind_name(entry.kind)));
    }
    out
}

/// Every line of the source that holds text.
fn text_lines(path: &Path) -> Vec<usize> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, _)| i + 1)
        .collect()
}

fn import(path: &Path) -> Imported {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    import_file(path, &Template::bundled(), &options_for(&name))
        .unwrap_or_else(|e| panic!("{}", e.render(Lang::En)))
}

#[test]
fn every_line_of_every_variant_lands_where_expected() {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(variants())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "html"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 9, "{cases:?}");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    for path in cases {
        let imported = import(&path);
        let file = path.display().to_string();
        let found = expectation(&imported, &file);
        let expect_path = path.with_extension("expect");
        if update {
            std::fs::write(&expect_path, &found).unwrap();
        }
        let expected = std::fs::read_to_string(&expect_path)
            .unwrap_or_else(|e| panic!("{}: {e}", expect_path.display()));
        assert_eq!(found, expected, "{}", path.display());
        // Every line with text is accounted for, and nothing needs a look.
        let lines: std::collections::BTreeSet<usize> = imported
            .report
            .entries
            .iter()
            .filter_map(|e| e.address.rsplit(':').nth(1)?.parse().ok())
            .collect();
        for line in text_lines(&path) {
            assert!(
                lines.contains(&line),
                "{}:{line} not accounted for",
                path.display()
            );
        }
        let errors: Vec<String> = validate(&imported.plan, &Template::bundled())
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| format!("{}: {:?}", f.path, f.problem))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
}

#[test]
fn detailed_layouts_keep_the_text_under_every_heading_with_its_amount() {
    let imported = import(&variants().join("detailed-heading-then-title-line.txt"));
    let issue = &imported.plan.issues[0];
    assert_eq!(issue.title, "安全・安心なまちづくり");
    let form2 = issue.form2.as_ref().unwrap();
    let strategy = &form2.strategies[0];
    assert_eq!(
        (strategy.number.as_str(), strategy.title.as_str()),
        ("1-1", "地域防災力の向上")
    );
    let initiatives = &strategy.initiatives;
    assert_eq!(initiatives[0].title, "自主防災組織への支援");
    assert_eq!(
        initiatives[0].amount.as_ref().unwrap().text(),
        "(1,976千円)"
    );
    assert_eq!(initiatives[1].amount.as_ref().unwrap().text(), "(523千円)");
    let text = serde_json::to_string(&initiatives[1].blocks).unwrap();
    assert!(
        text.contains("浸水想定区域を示した地図を全戸に配る。"),
        "{text}"
    );
    assert!(
        !text.contains("千円"),
        "the amount is not left in the text: {text}"
    );
}

#[test]
fn a_strategy_before_any_issue_gets_one_with_a_warning() {
    let imported = import(&variants().join("bureau-starts-with-strategy.txt"));
    assert_eq!(imported.plan.issues.len(), 1);
    assert_eq!(imported.plan.issues[0].number, 1);
    let shown: Vec<String> = imported.warnings.iter().map(ToString::to_string).collect();
    assert!(
        shown.iter().any(|w| w.contains("it starts 経営課題1")),
        "{shown:#?}"
    );
}

#[test]
fn the_authors_label_wording_is_kept_in_the_plan() {
    let imported = import(&variants().join("label-wording-variants.txt"));
    let labels = &imported.plan.labels;
    assert_eq!(
        labels.get("policy").map(String::as_str),
        Some("【令和4年度 所属運営の基本的な考え方(区の方針)】")
    );
    assert_eq!(labels.get("mission").map(String::as_str), Some("区の使命"));
    assert_eq!(
        labels.get("issues").map(String::as_str),
        Some("重点的に取り組む経営課題")
    );
    // The numbered aims separated by blank lines are one list; the ※ note stays in its field.
    let mission = serde_json::to_value(&imported.plan.mission).unwrap();
    assert_eq!(
        mission[1]["numbered"]["items"].as_array().unwrap().len(),
        3,
        "{mission}"
    );
    let policy = serde_json::to_string(&imported.plan.policy).unwrap();
    assert!(
        policy.contains("※区の方針は区政会議の意見を踏まえて定めた。"),
        "{policy}"
    );
}

#[test]
fn a_grade_before_any_self_evaluation_gets_a_status_that_allows_it() {
    let imported = import(&variants().join("gen-b-heading-over-first-block.txt"));
    assert_eq!(imported.plan.meta.status, Status::MidYearReviewed);
    let grade = imported.plan.issues[0]
        .achievement
        .as_ref()
        .unwrap()
        .grade
        .as_ref();
    assert_eq!(grade.map(|g| g.code.as_str()), Some("A"));
}

#[test]
fn chrome_is_never_unmapped_and_an_unknown_label_keeps_its_text_apart() {
    let chrome = import(&variants().join("page-chrome-and-notices.txt"));
    assert_eq!(
        chrome.report.counts.chrome, 9,
        "{:#?}",
        chrome.report.entries
    );
    assert!(!chrome.report.needs_attention());
    let unknown = import(&variants().join("unknown-label.txt"));
    assert_eq!(unknown.report.counts.unknown_label, 1);
    let entry = unknown.report.of(EntryKind::UnknownLabel).next().unwrap();
    assert_eq!(entry.text, "【区の重点施策】");
    assert!(entry.closest_label.is_some());
    // Its text is not merged into the 目標 above it.
    assert_eq!(unknown.plan.goal.len(), 1);
    assert!(unknown.report.needs_attention());
}

#[test]
fn a_standalone_form2_on_one_line_imports_like_its_lines() {
    let lines = import(&variants().join("form2-standalone-lines.txt"));
    let one = import(&variants().join("form2-standalone-one-line.txt"));
    assert_eq!(
        serde_json::to_value(&one.plan.issues).unwrap(),
        serde_json::to_value(&lines.plan.issues).unwrap()
    );
    let form2 = lines.plan.issues[0].form2.as_ref().unwrap();
    let labels: Vec<&str> = form2.blocks.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "めざすべき将来像（最終的なめざす状態）<概ね10∼20年間を念頭に設定>",
            "現状（課題設定の根拠となる現状・データ）",
            "要因分析",
            "課題<上記要因を解消するために必要なこと>",
        ]
    );
    let future = serde_json::to_string(&form2.blocks[0].text).unwrap();
    assert!(
        future.contains("災害に強く、だれもが安心して暮らせるまちが実現している。"),
        "{future}"
    );
    assert_eq!(
        lines.plan.meta.organisation.kind,
        unei_core::OrgKind::Bureau
    );
}
