//! Semantic validation and JSON errors: each case mutates a valid fixture and expects one
//! finding at a given line:col and path.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

use std::path::PathBuf;

use unei_core::{Diagnostic, Severity, Template, check_plan};

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/plans")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

fn check(text: &str) -> Result<Vec<Diagnostic>, Box<Diagnostic>> {
    check_plan(text, "plan.json", &Template::bundled()).map(|(_, d)| d)
}

/// (line, column) of the first occurrence of `needle` in `text`, 1-based.
fn position_of(text: &str, needle: &str) -> (usize, usize) {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    unei_core::locate::line_col(text, offset)
}

fn mutate(name: &str, from: &str, to: &str) -> String {
    let text = fixture(name);
    assert!(text.contains(from), "{from:?} not in {name}");
    text.replacen(from, to, 1)
}

#[test]
fn semantic_errors_point_at_the_value() {
    let cases = [
        (
            "\"(231千円)\"",
            "\"2,78千円\"",
            "issues[0].initiatives[1].amount",
            "\"2,78千円\" is not a 千円 amount",
        ),
        (
            "\"令和2年度\"",
            "\"令和0年度\"",
            "meta.fiscal_year",
            "not a real year",
        ),
        (
            "\"令和2年度\"",
            "\"平成33年度\"",
            "meta.fiscal_year",
            "平成 ended in its 31th year",
        ),
        (
            "\"number\": 3",
            "\"number\": 4",
            "issues[2].number",
            "found 4 where 3 is expected",
        ),
        (
            "\"osaka-default\"",
            "\"kyoto\"",
            "meta.template",
            "not the template in use",
        ),
    ];
    for (from, to, path, message) in cases {
        let text = mutate("fukushima-r2.json", from, to);
        let diags = check(&text).unwrap_or_else(|d| panic!("{d}"));
        let d = diags
            .iter()
            .find(|d| d.path.starts_with(path))
            .unwrap_or_else(|| panic!("no finding at {path} for {to}: {diags:#?}"));
        assert_eq!(d.severity, Severity::Error, "{d}");
        assert!(d.message.to_string().contains(message), "{d}");
        let value_start = to.find(": ").map_or(0, |i| i + 2);
        let (line, column) = position_of(&text, to);
        assert_eq!(
            (d.line, d.column),
            (line, column + to[..value_start].chars().count()),
            "{d}"
        );
        assert!(
            d.to_string()
                .starts_with(&format!("plan.json:{}:{}: {path}", d.line, d.column)),
            "{d}"
        );
    }
}

/// A control character is an error and a tab a warning, each at the character itself
/// (escapes and surrogate pairs counted as the one character they are).
#[test]
fn control_characters_and_tabs_point_at_the_character() {
    let cases = [
        (
            "\"福祉\\u0000や防災",
            "\\u0000",
            Severity::Error,
            "control character U+0000",
        ),
        (
            "\"福祉\\tや防災",
            "\\t",
            Severity::Warning,
            "contains a tab",
        ),
        (
            "\"\\uD842\\uDFB7福祉\\tや\\t防災",
            "\\t",
            Severity::Warning,
            "contains 2 tabs",
        ),
        (
            "\"\\\"福\\n祉\\tや防災",
            "\\t",
            Severity::Warning,
            "contains a tab",
        ),
    ];
    for (to, at, severity, message) in cases {
        let text = mutate("fukushima-r2.json", "\"福祉や防災", to);
        let diags = check(&text).unwrap_or_else(|d| panic!("{d}"));
        let d = diags
            .iter()
            .find(|d| d.path.starts_with("issues[0].overview[0].p"))
            .unwrap_or_else(|| panic!("no finding for {to}: {diags:#?}"));
        assert_eq!(d.severity, severity, "{d}");
        assert!(d.message.to_string().contains(message), "{d}");
        let start = text.find(to).unwrap();
        let offset = start + to.find(at).unwrap();
        assert_eq!(
            (d.line, d.column),
            unei_core::locate::line_col(&text, offset),
            "{d}"
        );
    }
}

#[test]
fn empty_goal_mission_policy_and_issue_content_are_warnings() {
    let mut plan: serde_json::Value = serde_json::from_str(&fixture("fukushima-r2.json")).unwrap();
    plan["goal"] = serde_json::json!([]);
    plan["mission"] = serde_json::json!([{ "p": " " }]);
    plan["issues"][1]["overview"] = serde_json::json!([]);
    let diags = check(&serde_json::to_string_pretty(&plan).unwrap()).unwrap();
    for (path, message) in [
        ("goal", "目標 is empty"),
        ("mission", "使命 is empty"),
        ("issues[1].overview", "経営課題の概要 is empty"),
    ] {
        let found = diags
            .iter()
            .find(|d| d.path.split('（').next() == Some(path))
            .unwrap_or_else(|| panic!("{path}: {diags:#?}"));
        assert_eq!(found.severity, Severity::Warning);
        assert_eq!(found.message.to_string(), message);
        assert!(found.line > 1, "located: {found}");
    }
}

#[test]
fn status_decides_which_sections_may_be_present() {
    let text = mutate("fukushima-r2.json", "\"自己評価済\"", "\"確定\"");
    let diags = check(&text).unwrap();
    assert!(
        diags.iter().any(|d| d.path.starts_with("self_evaluation")
            && d.message.to_string().contains("自己評価済")),
        "{diags:#?}"
    );

    // 達成状況 is written at the review: not while 確定, but before any 自己評価.
    let text = mutate("sample-gen-b-r5.json", "\"自己評価済\"", "\"確定\"");
    let diags = check(&text).unwrap();
    assert!(
        diags
            .iter()
            .any(|d| d.path.starts_with("issues[0].achievement.result")),
        "{diags:#?}"
    );
    let mut plan: serde_json::Value =
        serde_json::from_str(&fixture("sample-gen-b-r5.json")).unwrap();
    plan.as_object_mut().unwrap().remove("self_evaluation");
    plan["meta"]["status"] = "中間振り返り済".into();
    let diags = check(&serde_json::to_string_pretty(&plan).unwrap()).unwrap();
    assert!(
        diags.iter().all(|d| d.severity != Severity::Error),
        "{diags:#?}"
    );

    // 中間振り返り written while the plan is still 確定.
    let text = mutate("sample-form2-r1.json", "\"中間振り返り済\"", "\"確定\"");
    let diags = check(&text).unwrap();
    let midterm: Vec<_> = diags
        .iter()
        .filter(|d| d.message.to_string().starts_with("中間振り返り"))
        .collect();
    assert_eq!(midterm.len(), 3, "{diags:#?}");

    // 自己評価済 without the section.
    let mut plan: serde_json::Value = serde_json::from_str(&fixture("fukushima-r2.json")).unwrap();
    plan.as_object_mut().unwrap().remove("self_evaluation");
    let text = serde_json::to_string_pretty(&plan).unwrap();
    let diags = check(&text).unwrap();
    assert!(
        diags.iter().any(
            |d| d.path.starts_with("meta.status") && d.message.to_string().contains("requires")
        ),
        "{diags:#?}"
    );
}

#[test]
fn fields_of_the_other_generation_are_errors() {
    let text = mutate("sample-gen-b-r5.json", "\"recognition\"", "\"overview\"");
    let diags = check(&text).unwrap();
    assert!(
        diags
            .iter()
            .any(|d| d.path.starts_with("issues[0].overview")
                && d.message.to_string().contains("generation A")),
        "{diags:#?}"
    );
    let text = mutate(
        "fukushima-r2.json",
        "\"generation\": \"A\"",
        "\"generation\": \"B\"",
    );
    let diags = check(&text).unwrap();
    assert!(
        diags.iter().any(|d| d.path.starts_with("reform")),
        "{diags:#?}"
    );
    assert!(
        diags
            .iter()
            .any(|d| d.path.starts_with("meta.generation") && d.severity == Severity::Warning),
        "{diags:#?}"
    );
}

#[test]
fn codes_come_from_the_template_lists() {
    let text = mutate("sample-gen-b-r5.json", "\"code\": \"A\"", "\"code\": \"S\"");
    let diags = check(&text).unwrap();
    assert!(
        diags
            .iter()
            .any(|d| d.path.starts_with("issues[0].achievement.grade.code")
                && d.message.to_string().contains("(A, B, C)")),
        "{diags:#?}"
    );
    let text = mutate(
        "sample-form2-r1.json",
        "\"strategy_progress\"",
        "\"no_such_list\"",
    );
    let diags = check(&text).unwrap();
    assert!(
        diags.iter().any(|d| d
            .path
            .ends_with("code.list（経営課題1・様式2・主な戦略・項目2）")
            || d.message.to_string().contains("no_such_list")),
        "{diags:#?}"
    );
}

#[test]
fn label_overrides_must_name_known_labels() {
    let text = mutate(
        "fukushima-r2.json",
        "\"goal\": [",
        "\"labels\": {\"goal\": \"区の目標\", \"gaol\": \"x\"},\n  \"goal\": [",
    );
    let diags = check(&text).unwrap();
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert!(diags[0].path.starts_with("labels.gaol"), "{diags:#?}");
}

#[test]
fn empty_strategies_is_a_warning_only() {
    let mut plan: serde_json::Value = serde_json::from_str(&fixture("fukushima-r2.json")).unwrap();
    plan["issues"][1]["strategies"] = serde_json::json!([]);
    let diags = check(&serde_json::to_string_pretty(&plan).unwrap()).unwrap();
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0].severity, Severity::Warning);
    assert!(
        diags[0]
            .to_string()
            .contains("warning: issues[1].strategies"),
        "{}",
        diags[0]
    );
}

#[test]
fn json_errors_name_path_and_position() {
    let cases = [
        (
            "\"amount\": \"(231千円)\"",
            "\"amout\": \"(231千円)\"",
            "issues[0].initiatives[1].amout",
            "unknown field `amout`",
        ),
        (
            "\"number\": 2,\n      \"title\"",
            "\"number\": \"2\",\n      \"title\"",
            "issues[1].number",
            "invalid type: string \"2\", expected u32",
        ),
        (
            "\"kind\": \"区\"",
            "\"kind\": \"町\"",
            "meta.organisation.kind",
            "unknown variant `町`",
        ),
        (
            "{\n          \"p\": \"福祉",
            "{\n          \"q\": \"福祉",
            "issues[0].overview[0]",
            "unknown variant `q`",
        ),
    ];
    for (from, to, path, message) in cases {
        let text = mutate("fukushima-r2.json", from, to);
        let err = check(&text).unwrap_err();
        assert!(err.path.starts_with(path), "{err}");
        assert!(err.message.to_string().contains(message), "{err}");
        let (line, _) = position_of(&text, to);
        assert!(
            err.line >= line && err.line <= line + 1,
            "{err} (expected line {line})"
        );
    }
    let missing = mutate("fukushima-r2.json", "\"policy\": [", "\"polici\": [");
    let err = check(&missing).unwrap_err();
    assert!(
        err.message.to_string().contains("unknown field `polici`"),
        "{err}"
    );
    let full = fixture("fukushima-r2.json");
    let truncated: String = full.chars().take(400).collect();
    let err = check(&truncated).unwrap_err();
    assert!(err.message.to_string().contains("EOF"), "{err}");
    let err =
        unei_core::plan_from_slice(b"{\"format\": 1,\n \"x\": \"\xff\"}", "bad.json").unwrap_err();
    assert_eq!((err.line, err.column), (2, 8), "{err}");
    assert!(err.message.to_string().contains("invalid UTF-8"), "{err}");
}

#[test]
fn every_message_has_a_japanese_form_and_a_snippet() {
    let mutations = [
        ("fukushima-r2.json", "\"(231千円)\"", "\"2,78千円\""),
        ("fukushima-r2.json", "\"令和2年度\"", "\"令和0年度\""),
        ("fukushima-r2.json", "\"令和2年度\"", "\"平成33年度\""),
        ("fukushima-r2.json", "\"令和2年度\"", "\"昭和60年度\""),
        ("fukushima-r2.json", "\"number\": 3", "\"number\": 4"),
        ("fukushima-r2.json", "\"osaka-default\"", "\"kyoto\""),
        ("fukushima-r2.json", "\"福祉や防災", "\"福祉\\u0007や防災"),
        ("fukushima-r2.json", "\"福祉や防災", "\"福祉\\tや防災"),
        ("fukushima-r2.json", "\"福祉や防災", "\"福祉\\tや\\t防災"),
        ("fukushima-r2.json", "\"自己評価済\"", "\"確定\""),
        (
            "fukushima-r2.json",
            "\"generation\": \"A\"",
            "\"generation\": \"B\"",
        ),
        ("fukushima-r2.json", "\"format\": 1", "\"format\": 2"),
        (
            "fukushima-r2.json",
            "\"amount\": \"(231千円)\"",
            "\"amout\": \"(231千円)\"",
        ),
        ("fukushima-r2.json", "\"kind\": \"区\"", "\"kind\": \"町\""),
        ("fukushima-r2.json", "\"number\": 1,", "\"number\": \"1\","),
        (
            "fukushima-r2.json",
            "\"title\": \"人と人",
            "\"title\": \"\", \"x\": \"人と人",
        ),
        (
            "fukushima-r2.json",
            "\"goal\": [",
            "\"labels\": {\"gaol\": \"x\"},\n  \"goal\": [",
        ),
        ("fukushima-r2.json", "\"(231千円)\"", "\"(231千円\""),
        ("fukushima-r2.json", "\"(231千円)\"", "\"(231円)\""),
        ("sample-gen-b-r5.json", "\"code\": \"A\"", "\"code\": \"S\""),
        ("sample-gen-b-r5.json", "\"achievement_grade\"", "\"nope\""),
        (
            "sample-gen-b-r5.json",
            "\"自己評価済\"",
            "\"中間振り返り済\"",
        ),
        ("sample-gen-b-r5.json", "\"recognition\"", "\"overview\""),
        ("sample-form2-r1.json", "\"中間振り返り済\"", "\"確定\""),
    ];
    let mut seen = 0;
    for (name, from, to) in mutations {
        let text = mutate(name, from, to);
        let diagnostics = match check(&text) {
            Ok(d) => d,
            Err(d) => vec![*d],
        };
        assert!(!diagnostics.is_empty(), "{to}");
        for d in diagnostics {
            seen += 1;
            assert!(has_japanese(&d.message), "no Japanese for {:?}", d.message);
            let ja = d.render(unei_core::Lang::Ja);
            assert!(
                ja.starts_with(&format!("plan.json:{}:{}: ", d.line, d.column)),
                "{ja}"
            );
            let snippet = d.snippet(&text).unwrap();
            assert!(
                snippet.lines().count() == 2 && snippet.ends_with('^'),
                "{snippet}"
            );
        }
    }
    for cut in [
        "",
        "{",
        "{\"format\": 1,",
        "[1]",
        "{\"format\": 1} x",
        "{\"format\": 1, \"format\": 1}",
        "{\"format\": 1e999}",
        "{\"format\": tru}",
        "{\"a\" 1}",
        "{\"goal\": [{\"p\": \"\\q\"}]}",
    ] {
        let d = check(cut).unwrap_err();
        assert!(
            has_japanese(&d.message),
            "no Japanese for {:?} ({cut})",
            d.message
        );
    }
    assert!(seen > 25, "{seen}");
}

/// True when the message has its own Japanese form (typed problems always; parser messages
/// when their shape is in the table).
fn has_japanese(message: &unei_core::Message) -> bool {
    use unei_core::{Lang, Localize, Message};
    match message {
        Message::Parser(text) => unei_core::i18n::japanese(text).is_some(),
        Message::Problem(p) => p.localize(Lang::Ja) != p.localize(Lang::En),
    }
}

#[test]
fn snippet_points_under_wide_characters() {
    let text = "{\n  \"goal\": \"福島\", \"x\": 1\n}";
    let d = check(text).unwrap_err();
    let snippet = d.snippet(text).unwrap();
    let caret = snippet.lines().nth(1).unwrap();
    let source_line = text.lines().nth(d.line - 1).unwrap();
    let before: Vec<char> = source_line.chars().take(d.column - 1).collect();
    let wide = before.iter().filter(|c| matches!(c, '福' | '島')).count();
    assert!(wide == 2, "the column lies after 福島: {d}");
    // " 2 | " then one cell per narrow character and two per wide one.
    assert_eq!(
        caret.find('^').unwrap(),
        " 2 | ".len() + before.len() + wide,
        "{snippet}"
    );
    assert_eq!(d.line, 2, "{d}");
}
