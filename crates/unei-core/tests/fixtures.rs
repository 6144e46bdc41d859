//! The bundled fixtures: the Fukushima transcription is complete, every fixture is valid,
//! matches the published schema, and survives a JSON round trip byte for byte.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

use std::path::PathBuf;

use unei_core::{
    ItemKind, Plan, Severity, Template, check_plan, outline, plan_schema, plan_to_string,
};

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixtures() -> Vec<(String, String)> {
    let dir = workspace().join("fixtures/plans");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 3, "fixtures missing in {}", dir.display());
    files
        .into_iter()
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect()
}

fn load(name: &str) -> Plan {
    let path = workspace().join("fixtures/plans").join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    unei_core::plan_from_str(&text, name).unwrap()
}

#[test]
fn every_fixture_is_valid_without_warnings() {
    let template = Template::bundled();
    for (file, text) in fixtures() {
        let (_, diags) = check_plan(&text, &file, &template).unwrap_or_else(|d| panic!("{d}"));
        let shown: Vec<String> = diags.iter().map(ToString::to_string).collect();
        assert!(diags.is_empty(), "{file}: {shown:#?}");
    }
}

#[test]
fn every_fixture_round_trips_byte_for_byte() {
    for (file, text) in fixtures() {
        let plan = unei_core::plan_from_str(&text, &file).unwrap();
        assert_eq!(
            plan_to_string(&plan).unwrap(),
            text,
            "{file} is not in canonical form"
        );
    }
}

#[test]
fn every_fixture_matches_the_schema_by_an_independent_validator() {
    let schema: serde_json::Value = serde_json::from_str(&plan_schema()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for (file, text) in fixtures() {
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{file}: {errors:#?}");
    }
}

#[test]
fn schema_rejects_what_the_loader_rejects() {
    let schema: serde_json::Value = serde_json::from_str(&plan_schema()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let text =
        std::fs::read_to_string(workspace().join("fixtures/plans/fukushima-r2.json")).unwrap();
    let cases = [
        ("\"amount\": \"(231千円)\"", "\"amount\": \"2,78千円\""),
        ("\"amount\": \"(231千円)\"", "\"amout\": \"(231千円)\""),
        ("\"status\": \"自己評価済\"", "\"status\": \"済\""),
        ("\"number\": 2,", "\"number\": \"2\","),
        ("\"kind\": \"区\"", "\"kind\": \"町\""),
    ];
    for (from, to) in cases {
        let bad = text.replacen(from, to, 1);
        assert_ne!(bad, text);
        let value: serde_json::Value = serde_json::from_str(&bad).unwrap();
        assert!(!validator.is_valid(&value), "schema accepted {to}");
    }
}

/// The published page, tags stripped, split at tags, tabs and line breaks.
fn page_fragments() -> Vec<String> {
    let page = workspace().join("../shared/examples/fukushima-r2-published-page.txt");
    let text = std::fs::read_to_string(&page).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (../shared must sit beside the checkout)",
            page.display()
        )
    });
    let mut fragments = Vec::new();
    let mut current = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if in_tag => continue,
            '\t' | '\n' => {}
            _ => {
                current.push(c);
                continue;
            }
        }
        let fragment = current
            .trim()
            .trim_start_matches("- ")
            .trim_start_matches("## ")
            .trim();
        if !fragment.is_empty() {
            fragments.push(fragment.to_owned());
        }
        current.clear();
    }
    fragments
}

#[test]
fn fukushima_fixture_holds_every_fragment_of_the_published_page() {
    let plan = load("fukushima-r2.json");
    let items = outline(&plan, &Template::bundled());
    let texts: Vec<&str> = items
        .iter()
        .filter(|i| i.kind == ItemKind::Text)
        .map(|i| i.text.as_str())
        .collect();
    let labels: Vec<&str> = items
        .iter()
        .filter(|i| i.kind == ItemKind::Label)
        .map(|i| i.text.as_str())
        .collect();
    // Joined without separators: an initiative's text and its amount are separate items.
    let all = items.iter().map(|i| i.text.as_str()).collect::<String>();
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let all_squeezed = squeeze(&all);
    let fragments = page_fragments();
    assert!(fragments.len() > 60, "only {} fragments", fragments.len());
    for fragment in &fragments {
        // Each whitespace-separated word exactly (characters as written) ...
        for word in fragment.split([' ', '\u{3000}']).filter(|w| !w.is_empty()) {
            assert!(
                all.contains(word),
                "missing from the fixture: {word:?} (in {fragment:?})"
            );
        }
        // ... and the whole fragment in order.
        assert!(
            all_squeezed.contains(&squeeze(fragment)),
            "out of order: {fragment:?}"
        );
    }
    // Labels come from the template, content from the plan.
    for label in [
        "区・局の目標（何をめざすのか）",
        "令和2年度 区・局運営の基本的な考え方（区・局長の方針）",
        "主な具体的取組（2年度予算額）",
        "「市政改革プラン3.0」に基づく取組等（様式3）",
        "◆自己評価",
    ] {
        assert!(
            labels.contains(&label),
            "label {label:?} not produced by the template"
        );
    }
    for content in [
        "・地域のつながりづくりへの支援",
        "(15,224千円)",
        "1 人と人がつながり支え合うまちづくり",
        "・口座振替納付の加入勧奨",
    ] {
        assert!(
            texts.contains(&content),
            "content {content:?} not in the plan"
        );
    }
}

#[test]
fn fukushima_amounts_parse_to_thousand_yen() {
    let plan = load("fukushima-r2.json");
    let total: u64 = plan
        .issues
        .iter()
        .flat_map(|i| &i.initiatives)
        .map(|it| it.amount.as_ref().unwrap().thousand_yen().unwrap())
        .sum();
    assert_eq!(
        total,
        2781 + 231 + 15224 + 33774 + 1702 + 11477 + 10821 + 595 + 203 + 200 + 13598
    );
    assert_eq!(
        unei_core::FiscalYear::parse(&plan.meta.fiscal_year)
            .unwrap()
            .gregorian(),
        2020
    );
}

#[test]
fn sample_fixtures_are_marked_as_sample_data() {
    for name in ["sample-gen-b-r5.json", "sample-form2-r1.json"] {
        assert!(load(name).meta.sample_data, "{name}");
    }
    assert!(!load("fukushima-r2.json").meta.sample_data);
    let form2 = load("sample-form2-r1.json");
    assert!(
        form2.issues[0]
            .form2
            .as_ref()
            .is_some_and(|f| !f.strategies.is_empty())
    );
    let b = load("sample-gen-b-r5.json");
    assert_eq!(b.meta.generation, unei_core::Generation::B);
    assert!(check_plan("{}", "x", &Template::bundled()).is_err());
    let _ = Severity::Error;
}
