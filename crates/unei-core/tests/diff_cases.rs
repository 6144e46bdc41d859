//! The fixture pairs of `fixtures/diff/`: each seeded change (listed by hand in the case's
//! expected.toml) is reported exactly once with the right kind and item, and nothing else is;
//! the text reports (Japanese and English) match their golden files, and the JSON matches its
//! schema. `UPDATE_GOLDEN=1 cargo test -p unei-core --test diff_cases` rewrites the goldens.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

use std::path::{Path, PathBuf};

use serde::Deserialize;
use unei_core::diff::report::{text_report, write_html};
use unei_core::diff::{Change, DiffOptions, PlanDiff, diff, diff_schema};
use unei_core::{Lang, Plan, plan_from_str, plan_to_string};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    #[serde(default)]
    same_with_ignore_width: bool,
    change: Vec<ExpectedChange>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedChange {
    kind: String,
    item: String,
    /// The JSON path of the item: in the new plan, or in the old one when removed.
    at: String,
}

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/diff");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 10, "fixture pairs missing: {cases:?}");
    cases
}

fn plan(path: &Path) -> Plan {
    let text = std::fs::read_to_string(path).unwrap();
    let plan = plan_from_str(&text, &path.display().to_string()).unwrap();
    assert_eq!(
        plan_to_string(&plan).unwrap(),
        text,
        "{} is not in canonical form",
        path.display()
    );
    plan
}

fn pair(case: &Path) -> (Plan, Plan) {
    (plan(&case.join("old.json")), plan(&case.join("new.json")))
}

fn name(value: impl serde::Serialize) -> String {
    serde_json::to_value(value)
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned()
}

fn at(change: &Change) -> &str {
    &change.new.as_ref().or(change.old.as_ref()).unwrap().path
}

fn describe(changes: &[Change]) -> String {
    changes
        .iter()
        .map(|c| format!("{} {} at {}", name(c.kind), name(c.item), at(c)))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_seeded_change_is_reported_exactly_once() {
    for case in cases() {
        let expected: Expected =
            toml::from_str(&std::fs::read_to_string(case.join("expected.toml")).unwrap()).unwrap();
        let (old, new) = pair(&case);
        let result = diff(&old, &new, &DiffOptions::default());
        let listing = describe(&result.changes);
        for e in &expected.change {
            let found = result
                .changes
                .iter()
                .filter(|c| name(c.kind) == e.kind && name(c.item) == e.item && at(c) == e.at)
                .count();
            assert_eq!(
                found,
                1,
                "{}: {e:?} reported {found} times; report:\n{listing}",
                case.display()
            );
        }
        assert_eq!(
            result.changes.len(),
            expected.change.len(),
            "{}: changes that were not seeded:\n{listing}",
            case.display()
        );
        let ignoring = diff(&old, &new, &DiffOptions { ignore_width: true });
        assert_eq!(
            ignoring.is_empty(),
            expected.same_with_ignore_width,
            "{}: with ignore_width:\n{}",
            case.display(),
            describe(&ignoring.changes)
        );
        assert!(diff(&old, &old, &DiffOptions::default()).is_empty());
        assert!(diff(&new, &new, &DiffOptions::default()).is_empty());
    }
}

/// Compares `actual` with the golden file, or rewrites it with UPDATE_GOLDEN=1.
fn golden(path: &Path, actual: &str) {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with UPDATE_GOLDEN=1 to create it)",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "{} differs (UPDATE_GOLDEN=1 to accept):\n--- golden\n{expected}\n--- now\n{actual}",
        path.display()
    );
}

fn text(result: &PlanDiff, lang: Lang) -> String {
    text_report(result, lang)
        .iter()
        .map(|l| l.plain() + "\n")
        .collect()
}

#[test]
fn reports_match_their_golden_files() {
    for case in cases() {
        let (old, new) = pair(&case);
        let result = diff(&old, &new, &DiffOptions::default());
        golden(&case.join("report.ja.txt"), &text(&result, Lang::Ja));
        golden(&case.join("report.en.txt"), &text(&result, Lang::En));
    }
    let case = cases()
        .into_iter()
        .find(|c| c.ends_with("year-over-year"))
        .unwrap();
    let (old, new) = pair(&case);
    let result = diff(&old, &new, &DiffOptions::default());
    golden(&case.join("report.ja.html"), &write_html(&result, Lang::Ja));
    golden(
        &case.join("diff.json"),
        &(serde_json::to_string_pretty(&result).unwrap() + "\n"),
    );
}

#[test]
fn json_follows_its_schema() {
    let schema = serde_json::to_value(diff_schema()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for case in cases() {
        let (old, new) = pair(&case);
        let value = serde_json::to_value(diff(&old, &new, &DiffOptions::default())).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", case.display());
    }
}

#[test]
fn text_report_names_kinds_in_both_languages() {
    let case = cases()
        .into_iter()
        .find(|c| c.ends_with("initiative-moved"))
        .unwrap();
    let (old, new) = pair(&case);
    let result = diff(&old, &new, &DiffOptions::default());
    let (ja, en) = (text(&result, Lang::Ja), text(&result, Lang::En));
    assert!(
        ja.contains("移動") && ja.contains("経営課題1 › 主な具体的取組 から"),
        "{ja}"
    );
    assert!(
        en.contains("moved") && en.contains("from Issue 1 › main initiatives"),
        "{en}"
    );
}
