//! Properties of `unei_core::diff`: a plan diffed with itself is empty (random plans too), and
//! a copy with random edits — each in its own place — reports every edit exactly once, with
//! the kind and item that edit calls for, and nothing else.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

use proptest::prelude::*;
use unei_core::diff::{Change, DiffOptions, diff};
use unei_core::{Amount, Block, BulletList, Initiative, Plan, plan_from_str};

fn fixture(name: &str) -> Plan {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/plans")
        .join(name);
    plan_from_str(&std::fs::read_to_string(path).unwrap(), name).unwrap()
}

/// Text unlike any of the plans' (katakana and digits), so an added line pairs with nothing.
fn fresh_text() -> impl Strategy<Value = String> {
    let chars: Vec<char> = "アイウエオカキクケコサシスセソタチツテト0123456789"
        .chars()
        .collect();
    prop::collection::vec(prop::sample::select(chars), 10..16).prop_map(|v| v.into_iter().collect())
}

/// Form-like text for random whole plans.
fn text(max: usize) -> impl Strategy<Value = String> {
    let chars: Vec<char> = "あいうえお区役所地域防災支援取組計画、。「」（）・ABC012 　"
        .chars()
        .collect();
    prop::collection::vec(prop::sample::select(chars), 1..max).prop_map(|v| v.into_iter().collect())
}

fn rich() -> impl Strategy<Value = Vec<Block>> {
    prop::collection::vec(
        prop_oneof![
            text(200).prop_map(Block::P),
            prop::collection::vec(text(60), 1..5).prop_map(|items| Block::List(BulletList {
                marker: "・".into(),
                items
            })),
        ],
        0..4,
    )
}

/// One edit of one 経営課題.
#[derive(Debug, Clone)]
enum IssueEdit {
    Amount { initiative: usize, more: u64 },
    AddStrategy(String),
    RemoveInitiative(usize),
    AddInitiative(String, u64),
    RewordTitle(String),
}

fn issue_edit() -> impl Strategy<Value = IssueEdit> {
    prop_oneof![
        (0usize..8, 1u64..50_000)
            .prop_map(|(initiative, more)| IssueEdit::Amount { initiative, more }),
        fresh_text().prop_map(IssueEdit::AddStrategy),
        (0usize..8).prop_map(IssueEdit::RemoveInitiative),
        (fresh_text(), 0u64..90_000).prop_map(|(t, v)| IssueEdit::AddInitiative(t, v)),
        "[アイウ]{1,2}".prop_map(IssueEdit::RewordTitle),
    ]
}

/// Applies an edit to `plan.issues[k]`; returns (kind, item, path) it must be reported as.
fn apply(plan: &mut Plan, k: usize, edit: &IssueEdit) -> (&'static str, &'static str, String) {
    let issue = &mut plan.issues[k];
    match edit {
        IssueEdit::Amount { initiative, more } => {
            let l = initiative % issue.initiatives.len();
            let old = issue.initiatives[l]
                .amount
                .as_ref()
                .unwrap()
                .thousand_yen()
                .unwrap();
            issue.initiatives[l].amount = Some(Amount::new(format!("({}千円)", old + more)));
            (
                "amount_changed",
                "amount",
                format!("issues[{k}].initiatives[{l}].amount"),
            )
        }
        IssueEdit::AddStrategy(text) => {
            let Block::List(list) = &mut issue.strategies[0] else {
                panic!("strategies are a list")
            };
            list.items.push(text.clone());
            (
                "added",
                "strategy",
                format!(
                    "issues[{k}].strategies[0].list.items[{}]",
                    list.items.len() - 1
                ),
            )
        }
        IssueEdit::RemoveInitiative(initiative) => {
            let l = initiative % issue.initiatives.len();
            issue.initiatives.remove(l);
            (
                "removed",
                "initiative",
                format!("issues[{k}].initiatives[{l}]"),
            )
        }
        IssueEdit::AddInitiative(text, value) => {
            issue.initiatives.push(Initiative {
                marker: "・".into(),
                text: text.clone(),
                amount: Some(Amount::new(format!("({value}千円)"))),
            });
            (
                "added",
                "initiative",
                format!("issues[{k}].initiatives[{}]", issue.initiatives.len() - 1),
            )
        }
        IssueEdit::RewordTitle(insert) => {
            let mut chars: Vec<char> = issue.title.chars().collect();
            let at = chars.len() / 2;
            chars.splice(at..at, insert.chars());
            issue.title = chars.into_iter().collect();
            ("reworded", "title", format!("issues[{k}].title"))
        }
    }
}

fn name(value: impl serde::Serialize) -> String {
    serde_json::to_value(value)
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned()
}

fn describe(c: &Change) -> (String, String, String) {
    let side = c.new.as_ref().or(c.old.as_ref()).unwrap();
    (name(c.kind), name(c.item), side.path.clone())
}

#[test]
fn every_fixture_diffed_with_itself_is_empty() {
    for name in [
        "fukushima-r2.json",
        "sample-form2-r1.json",
        "sample-gen-b-r5.json",
        "stress-kinsoku.json",
    ] {
        let plan = fixture(name);
        for ignore_width in [false, true] {
            let d = diff(&plan, &plan, &DiffOptions { ignore_width });
            assert!(d.is_empty(), "{name}: {:?}", d.changes);
            assert_eq!(d.budget.delta, 0);
        }
    }
}

#[test]
fn a_replaced_paragraph_is_one_removed_and_one_added() {
    let old = fixture("fukushima-r2.json");
    let mut new = old.clone();
    new.policy = vec![Block::P(
        "まったく別の方針を書いた。二つ目の文もある。".into(),
    )];
    let d = diff(&old, &new, &DiffOptions::default());
    let found: Vec<_> = d.changes.iter().map(describe).collect();
    assert_eq!(
        found,
        [
            ("removed".into(), "paragraph".into(), "policy[0].p".into()),
            ("added".into(), "paragraph".into(), "policy[0].p".into()),
        ]
    );
}

#[test]
fn an_unreadable_amount_is_listed_and_left_out_of_the_totals() {
    let old = fixture("fukushima-r2.json");
    let mut new = old.clone();
    new.issues[0].initiatives[0].amount = Some(Amount::new("(2,78千円)"));
    let d = diff(&old, &new, &DiffOptions::default());
    assert_eq!(d.budget.new_total, d.budget.old_total - 2781);
    assert_eq!(d.budget.unreadable_new.len(), 1);
    assert!(d.budget.unreadable_old.is_empty());
    assert_eq!(
        d.budget.unreadable_new[0].path,
        "issues[0].initiatives[0].amount"
    );
    let text: String = unei_core::diff::report::text_report(&d, unei_core::Lang::En)
        .iter()
        .map(|l| l.plain() + "\n")
        .collect();
    assert!(
        text.contains("New issues[0].initiatives[0].amount: (2,78千円) — not a 千円 amount"),
        "{text}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_random_plan_diffed_with_itself_is_empty(goal in rich(), policy in rich(), overview in rich(), strategies in rich(), title in text(30)) {
        let mut plan = fixture("fukushima-r2.json");
        plan.goal = goal;
        plan.policy = policy;
        plan.issues[1].overview = overview;
        plan.issues[1].strategies = strategies;
        plan.issues[2].title = title;
        let d = diff(&plan, &plan.clone(), &DiffOptions::default());
        prop_assert!(d.is_empty(), "{:?}", d.changes);
    }

    #[test]
    fn each_random_edit_is_reported_once(
        edits in prop::collection::vec(prop::option::of(issue_edit()), 4),
        policy in prop::option::of((0usize..4, "[アイウエオ]{2,4}")),
        width in any::<bool>(),
        paragraph in prop::option::of(fresh_text()),
    ) {
        let old = fixture("fukushima-r2.json");
        let mut new = old.clone();
        let mut expected = Vec::new();
        for (k, edit) in edits.iter().enumerate() {
            if let Some(edit) = edit {
                let (kind, item, path) = apply(&mut new, k, edit);
                expected.push((kind.to_owned(), item.to_owned(), path));
            }
        }
        if let Some((sentence, insert)) = &policy {
            let Block::P(p) = &mut new.policy[0] else { panic!("policy is a paragraph") };
            let sentences: Vec<&str> = p.split_inclusive('。').collect();
            let s = sentence % sentences.len();
            let mut chars: Vec<char> = sentences[s].chars().collect();
            chars.splice(chars.len() / 2..chars.len() / 2, insert.chars());
            let reworded: String = chars.into_iter().collect();
            *p = sentences.iter().enumerate().map(|(i, t)| if i == s { reworded.as_str() } else { t }).collect();
            expected.push(("reworded".into(), "sentence".into(), "policy[0].p".into()));
        }
        if let Some(text) = &paragraph {
            new.goal.push(Block::P(format!("{text}。{text}。")));
            expected.push(("added".into(), "paragraph".into(), "goal[1].p".into()));
        }
        if width {
            let row = &mut new.reform.as_mut().unwrap().rows[2];
            row.item = row.item.replace('(', "（").replace(')', "）");
            expected.push(("width_only".into(), "title".into(), "reform.rows[2].item".into()));
        }
        let d = diff(&old, &new, &DiffOptions::default());
        let found: Vec<_> = d.changes.iter().map(describe).collect();
        for e in &expected {
            prop_assert_eq!(found.iter().filter(|f| *f == e).count(), 1, "{:?} in {:?}", e, found);
        }
        prop_assert_eq!(found.len(), expected.len(), "{:?}", found);
        prop_assert_eq!(d.is_empty(), expected.is_empty());
        let with_ignore = diff(&old, &new, &DiffOptions { ignore_width: true });
        prop_assert_eq!(with_ignore.changes.len(), expected.len() - usize::from(width));
    }
}
