//! Page import: the published example becomes the hand-made fixture byte for byte; a whole
//! .html page, the generation B layout and 様式2 headings import to their plans; cut-off
//! pages import what they hold with a warning per missing section and never panic.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

use std::path::PathBuf;

use unei_core::{Plan, Severity, Status, Template, plan_to_string, validate};
use unei_import::{
    EntryKind, ImportError, ImportOptions, Imported, PageFormat, import_file, import_page_text,
};

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn example_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/examples/fukushima-r2-published-page.txt")
}

fn example_text() -> String {
    std::fs::read_to_string(example_path()).unwrap()
}

fn fixture_text(name: &str) -> String {
    std::fs::read_to_string(workspace().join("fixtures/plans").join(name)).unwrap()
}

fn fixture(name: &str) -> Plan {
    unei_core::plan_from_str(&fixture_text(name), name).unwrap()
}

fn fukushima() -> ImportOptions {
    ImportOptions {
        organisation: Some("福島区".to_owned()),
        ..ImportOptions::default()
    }
}

fn import_text(text: &str) -> Result<Imported, ImportError> {
    import_page_text(
        text,
        "page.txt",
        PageFormat::Text,
        &Template::bundled(),
        &fukushima(),
    )
}

/// The plan with what the sample fixtures say about themselves (not on the page) removed.
fn without_sample_meta(mut plan: Plan) -> Plan {
    plan.meta.source = None;
    plan.meta.sample_data = false;
    plan
}

fn warnings(imported: &Imported) -> String {
    imported
        .warnings
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn example_page_imports_to_the_fixture_byte_for_byte() {
    let imported = import_file(&example_path(), &Template::bundled(), &fukushima()).unwrap();
    assert_eq!(
        plan_to_string(&imported.plan).unwrap(),
        fixture_text("fukushima-r2.json")
    );
    assert!(imported.warnings.is_empty(), "{}", warnings(&imported));
    assert!(
        imported.report.of(EntryKind::Unmapped).next().is_none(),
        "{:#?}",
        imported.report.of(EntryKind::Unmapped).collect::<Vec<_>>()
    );
    assert_eq!(imported.report.status, Status::SelfEvaluated);
    assert!(
        imported
            .report
            .status_reason
            .to_string()
            .contains("自己評価")
    );
}

#[test]
fn every_non_empty_cell_of_the_example_is_accounted_for_once() {
    let imported = import_text(&example_text()).unwrap();
    let report = &imported.report;
    let addresses = report
        .entries
        .iter()
        .map(|e| e.address.as_str())
        .collect::<Vec<_>>();
    // Cells are tab-separated parts of lines; the one `- ` list line is one cell.
    let cells: usize = example_text()
        .lines()
        .map(|line| {
            line.split('\t')
                .filter(|part| !part.trim().is_empty())
                .count()
        })
        .sum();
    assert_eq!(addresses.len(), cells);
    let mut unique = addresses.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), addresses.len(), "an address is listed twice");
    let overview = report
        .entries
        .iter()
        .find(|c| c.text.contains("【経営課題4"))
        .unwrap();
    assert_eq!(
        overview.field.as_deref().unwrap(),
        "issues[3].title, issues[3].overview"
    );
    assert!(
        overview.address.starts_with("page.txt:"),
        "{}",
        overview.address
    );
}

#[test]
fn without_a_title_line_the_organisation_must_be_given() {
    let imported = import_page_text(
        &example_text(),
        "page.txt",
        PageFormat::Text,
        &Template::bundled(),
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(imported.plan.meta.organisation.name, "");
    assert!(
        warnings(&imported).contains("pass --organisation"),
        "{}",
        warnings(&imported)
    );
}

#[test]
fn html_page_skips_navigation_and_keeps_the_publication_note() {
    let path = workspace().join("fixtures/pages/fukushima-r2-site-page.html");
    let imported = import_file(&path, &Template::bundled(), &ImportOptions::default()).unwrap();
    let mut expected = fixture("fukushima-r2.json");
    let note = "※令和3年6月30日、自己評価を掲載しました。";
    expected.meta.source = Some(format!("{}\n{note}", expected.meta.source.unwrap()));
    assert_eq!(
        plan_to_string(&imported.plan).unwrap(),
        plan_to_string(&expected).unwrap()
    );
    assert!(
        imported.report.of(EntryKind::Unmapped).next().is_none(),
        "{:#?}",
        imported.report.of(EntryKind::Unmapped).collect::<Vec<_>>()
    );
    let skipped: Vec<&str> = imported
        .report
        .of(EntryKind::Chrome)
        .map(|s| s.text.as_str())
        .collect();
    assert!(
        skipped
            .iter()
            .any(|s| s.contains("トップページ > 区政情報")),
        "{skipped:?}"
    );
    assert!(
        skipped.iter().any(|s| s.contains("更新日：2021年7月1日")),
        "{skipped:?}"
    );
    assert!(
        skipped.iter().any(|s| s.contains("このページの作成者")),
        "{skipped:?}"
    );
    assert!(
        !skipped.iter().any(|s| s.contains("var banner")),
        "scripts are not content"
    );
}

#[test]
fn generation_b_page_imports_to_the_sample_plan() {
    let path = workspace().join("fixtures/pages/sample-gen-b-r5-page.txt");
    let imported = import_file(&path, &Template::bundled(), &ImportOptions::default()).unwrap();
    let expected = without_sample_meta(fixture("sample-gen-b-r5.json"));
    assert_eq!(
        plan_to_string(&without_sample_meta(imported.plan.clone())).unwrap(),
        plan_to_string(&expected).unwrap()
    );
    assert!(
        imported
            .report
            .generation_reason
            .to_string()
            .contains("generation B")
    );
    assert!(
        imported.report.of(EntryKind::Unmapped).next().is_none(),
        "{:#?}",
        imported.report.of(EntryKind::Unmapped).collect::<Vec<_>>()
    );
    assert!(imported.warnings.is_empty(), "{}", warnings(&imported));
}

#[test]
fn form2_headings_on_a_page_import_to_the_sample_plan() {
    let path = workspace().join("fixtures/pages/sample-form2-r1-page.txt");
    let imported = import_file(&path, &Template::bundled(), &ImportOptions::default()).unwrap();
    let expected = without_sample_meta(fixture("sample-form2-r1.json"));
    assert_eq!(
        plan_to_string(&without_sample_meta(imported.plan.clone())).unwrap(),
        plan_to_string(&expected).unwrap()
    );
    assert_eq!(imported.plan.meta.status, Status::MidYearReviewed);
    assert!(
        imported.report.of(EntryKind::Unmapped).next().is_none(),
        "{:#?}",
        imported.report.of(EntryKind::Unmapped).collect::<Vec<_>>()
    );
    assert!(imported.warnings.is_empty(), "{}", warnings(&imported));
}

/// The example up to (not including) the first line that starts with `marker`.
fn cut_before(marker: &str) -> String {
    let text = example_text();
    let at = text.find(marker).unwrap();
    text[..at].to_owned()
}

#[test]
fn page_cut_after_the_goal_warns_for_each_missing_section() {
    let imported = import_text(&cut_before("区・局の使命")).unwrap();
    assert!(!imported.plan.goal.is_empty());
    let shown = warnings(&imported);
    for section in ["(mission)", "(policy)", "(issues)", "(reform)"] {
        assert!(shown.contains("missing section: "), "{shown}");
        assert!(shown.contains(section), "{section} not named: {shown}");
    }
    assert!(!shown.contains("(goal)"), "{shown}");
    assert_eq!(imported.plan.meta.status, Status::Final);
}

#[test]
fn page_cut_inside_a_list_keeps_the_items_before_the_cut() {
    let text = example_text();
    let cut = text.find("花とみどりのまちづくり事業").unwrap();
    let imported = import_text(&text[..cut + "花とみどり".len()]).unwrap();
    let issues = &imported.plan.issues;
    assert_eq!(issues.len(), 3);
    let texts: Vec<&str> = issues[2]
        .initiatives
        .iter()
        .map(|i| i.text.as_str())
        .collect();
    assert_eq!(texts, ["福島区のにぎわいづくりのための事業", "花とみどり"]);
    let shown = warnings(&imported);
    assert!(shown.contains("(reform)"), "{shown}");
    assert!(imported.plan.self_evaluation.is_none());
}

#[test]
fn page_cut_inside_the_self_evaluation_warns_for_its_missing_part() {
    let imported = import_text(&cut_before("解決すべき課題と今後の改善方向")).unwrap();
    let se = imported.plan.self_evaluation.as_ref().unwrap();
    assert_eq!(se.achievements.len(), 3);
    assert!(se.challenges.is_empty());
    let shown = warnings(&imported);
    assert!(
        shown.contains("解決すべき課題と今後の改善方向 (self_evaluation)"),
        "{shown}"
    );
    // Once the rest is there, the same plan validates without errors.
    let complete = import_text(&example_text()).unwrap();
    let errors: Vec<_> = validate(&complete.plan, &Template::bundled())
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn cutting_a_page_anywhere_never_panics() {
    for (text, format) in [
        (example_text(), PageFormat::Text),
        (
            std::fs::read_to_string(workspace().join("fixtures/pages/fukushima-r2-site-page.html"))
                .unwrap(),
            PageFormat::Html,
        ),
    ] {
        let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(7).collect();
        let template = Template::bundled();
        for cut in boundaries {
            let part = &text[..cut];
            match import_page_text(part, "cut", format, &template, &fukushima()) {
                Ok(imported) => assert!(
                    imported.report.counts.mapped > 0,
                    "an import without content at {cut}"
                ),
                Err(ImportError::NoContent { .. }) => {}
                Err(e) => panic!("cut at {cut}: {e}"),
            }
        }
    }
}

#[test]
fn pages_without_any_part_of_a_plan_are_a_clean_error() {
    for text in [
        "",
        "\n\n",
        "ただの文章です。\n別の行。",
        "<html><body><p>x</p></body></html>",
    ] {
        let err = import_text(text).unwrap_err();
        assert!(matches!(err, ImportError::NoContent { .. }), "{err}");
        assert!(
            err.to_string()
                .starts_with("page.txt: no part of a 運営方針"),
            "{err}"
        );
    }
}

#[test]
fn text_before_any_label_is_unmapped_with_its_line() {
    let text = format!("迷子の断片\n{}", example_text());
    let imported = import_text(&text).unwrap();
    let unmapped = &imported.report.of(EntryKind::Unmapped).collect::<Vec<_>>();
    assert_eq!(unmapped.len(), 1, "{unmapped:#?}");
    assert_eq!(unmapped[0].address, "page.txt:1:1");
    assert_eq!(unmapped[0].text, "迷子の断片");
    assert!(imported.report.needs_attention());
}
