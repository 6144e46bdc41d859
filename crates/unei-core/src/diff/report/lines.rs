//! What both reports say, before either decides how it looks: the groups of changes, the
//! heading of each, one line per change as styled spans, and the rows of the budget table.

use super::text::{Span, Style};
use crate::diff::model::{Change, ChangeKind, Item, PlanDiff, Section, Side, Step};
use crate::diff::wording::Phrase;
use crate::i18n::Lang;

/// Consecutive changes under one heading and one sub-heading.
#[derive(Debug)]
pub(crate) struct Group<'a> {
    /// The part of the plan or the 経営課題.
    pub heading: Vec<Step>,
    /// The field, block … inside it (empty: directly under the heading).
    pub sub: Vec<Step>,
    pub changes: Vec<&'a Change>,
}

/// Splits a change's place into heading and sub-heading steps.
fn split(change: &Change) -> (Vec<Step>, Vec<Step>) {
    let place = &change.place;
    let issue_level = change.item == Item::Issue
        && matches!(
            place.as_slice(),
            [Step::Section {
                section: Section::Issues
            }]
        );
    if issue_level {
        let number = |s: &Option<Side>| s.as_ref().and_then(|s| s.number.clone());
        let title = change
            .new
            .as_ref()
            .or(change.old.as_ref())
            .map(|s| s.text.clone());
        let issue = Step::Issue {
            old: number(&change.old),
            new: number(&change.new),
            title: title.unwrap_or_default(),
        };
        return (vec![place[0].clone(), issue], Vec::new());
    }
    let at = match place.get(1) {
        Some(Step::Issue { .. }) => 2,
        _ => 1.min(place.len()),
    };
    let mut sub = place[at..].to_vec();
    // Values and labels name their field on their own line.
    if matches!(
        change.kind,
        ChangeKind::ValueChanged | ChangeKind::LabelChanged
    ) && matches!(sub.last(), Some(Step::Field { .. }))
    {
        sub.pop();
    }
    (place[..at].to_vec(), sub)
}

/// The changes in groups, keeping their order.
pub(crate) fn grouped(diff: &PlanDiff) -> Vec<Group<'_>> {
    let mut groups: Vec<Group<'_>> = Vec::new();
    for change in &diff.changes {
        let (heading, sub) = split(change);
        match groups.last_mut() {
            Some(g) if g.heading == heading && g.sub == sub => g.changes.push(change),
            _ => groups.push(Group {
                heading,
                sub,
                changes: vec![change],
            }),
        }
    }
    groups
}

/// The issue step an issue-level heading names, if any.
fn issue_of(heading: &[Step]) -> Option<&Step> {
    heading.iter().find(|s| matches!(s, Step::Issue { .. }))
}

pub(crate) fn heading_text(heading: &[Step], lang: Lang) -> String {
    match issue_of(heading) {
        Some(step) => step_text(step, lang),
        None => heading
            .iter()
            .map(|s| step_text(s, lang))
            .collect::<Vec<_>>()
            .join(" › "),
    }
}

pub(crate) fn sub_text(sub: &[Step], lang: Lang) -> String {
    sub.iter()
        .map(|s| step_text(s, lang))
        .collect::<Vec<_>>()
        .join(" › ")
}

fn step_text(step: &Step, lang: Lang) -> String {
    match step {
        Step::Section { section } => Phrase::Section(*section).text(lang),
        Step::Issue { old, new, title } => {
            let name = match (old, new) {
                (Some(o), Some(n)) if o != n => Phrase::IssueWas { new: n, old: o }.text(lang),
                (_, Some(n)) | (Some(n), None) => Phrase::Issue(n).text(lang),
                (None, None) => Phrase::Section(Section::Issues).text(lang),
            };
            format!("{name} {title}")
        }
        Step::Field { field } => Phrase::Field(*field).text(lang),
        Step::Block { label } => label.clone(),
        Step::Strategy { number, title } => {
            format!("{} {title}", Phrase::Strategy(number).text(lang))
        }
        Step::Initiative { number, title } => match number {
            Some(n) => format!("{} {title}", Phrase::Initiative(n).text(lang)),
            None => title.clone(),
        },
        Step::Row { item } => item.clone(),
    }
}

fn plain(text: impl Into<String>) -> Span {
    Span {
        style: Style::Plain,
        text: text.into(),
    }
}

fn muted(text: impl Into<String>) -> Span {
    Span {
        style: Style::Muted,
        text: text.into(),
    }
}

/// `1,234`, `+1,234`, `-1,234`.
pub(crate) fn grouped_number(value: i64, signed: bool) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut out = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    match (value < 0, signed && value > 0) {
        (true, _) => format!("-{out}"),
        (false, true) => format!("+{out}"),
        _ => out,
    }
}

fn amount_value(value: Option<u64>) -> i64 {
    value.map_or(0, |v| i64::try_from(v).unwrap_or(i64::MAX))
}

/// The text of a change's line after its kind, as spans.
pub(crate) fn change_spans(change: &Change, lang: Lang) -> Vec<Span> {
    match change.kind {
        ChangeKind::Added | ChangeKind::Removed => one_sided(change, lang),
        ChangeKind::Moved => moved_spans(change, lang),
        ChangeKind::Renumbered => renumbered_spans(change),
        ChangeKind::Reworded | ChangeKind::WidthOnly | ChangeKind::WhitespaceOnly => {
            segment_spans(change)
        }
        ChangeKind::AmountChanged => {
            let mut spans = value_spans(change, lang);
            if let Some(amount) = change.amount {
                let delta = grouped_number(amount.delta, true);
                spans.push(muted(format!(
                    "（{delta} {}）",
                    Phrase::ThousandYen.text(lang)
                )));
            }
            spans
        }
        ChangeKind::CodeChanged | ChangeKind::LabelChanged | ChangeKind::ValueChanged => {
            value_spans(change, lang)
        }
    }
}

fn side_text(side: &Option<Side>) -> String {
    side.as_ref().map_or("—".to_owned(), |s| s.text.clone())
}

/// The item, and where it came from when that was another list.
fn moved_spans(change: &Change, lang: Lang) -> Vec<Span> {
    let mut spans = vec![plain(side_text(&change.new))];
    if let Some(from) = &change.from {
        let from = from
            .iter()
            .filter(|s| !matches!(s, Step::Section { .. }))
            .map(|s| match s {
                Step::Issue { old, .. } => Phrase::Issue(old.as_deref().unwrap_or("")).text(lang),
                other => step_text(other, lang),
            })
            .collect::<Vec<_>>()
            .join(" › ");
        spans.push(muted(format!(
            "（{}）",
            Phrase::MovedFrom(&from).text(lang)
        )));
    }
    spans
}

fn renumbered_spans(change: &Change) -> Vec<Span> {
    let number = |s: &Option<Side>| {
        s.as_ref()
            .and_then(|s| s.number.clone())
            .unwrap_or_default()
    };
    let mut spans = vec![plain(format!(
        "{} → {}",
        number(&change.old),
        number(&change.new)
    ))];
    // An issue's heading already names it.
    if change.item != Item::Issue {
        spans.push(muted(format!("  {}", side_text(&change.new))));
    }
    spans
}

fn segment_spans(change: &Change) -> Vec<Span> {
    change
        .segments
        .iter()
        .map(|s| Span {
            style: match s.op {
                crate::diff::SegmentOp::Equal => Style::Plain,
                crate::diff::SegmentOp::Delete => Style::Deleted,
                crate::diff::SegmentOp::Insert => Style::Inserted,
            },
            text: s.text.clone(),
        })
        .collect()
}

fn one_sided(change: &Change, lang: Lang) -> Vec<Span> {
    let side = change.new.as_ref().or(change.old.as_ref());
    let text = side.map(|s| s.text.clone()).unwrap_or_default();
    let mut spans = Vec::new();
    match change.item {
        Item::Issue
        | Item::Strategy
        | Item::Initiative
        | Item::Section
        | Item::Block
        | Item::Row => {
            let number = side.and_then(|s| s.number.clone());
            let name = match (change.item, number) {
                (Item::Issue, Some(n)) => Phrase::Issue(&n).text(lang),
                (Item::Strategy, Some(n)) => Phrase::Strategy(&n).text(lang),
                (Item::Initiative, Some(n)) => Phrase::Initiative(&n).text(lang),
                (Item::Section, _) => section_name(change, lang),
                (item, _) => Phrase::Item(item).text(lang),
            };
            spans.push(muted(format!("{name} ")));
            let first_line = text.lines().next().unwrap_or_default().to_owned();
            if change.item == Item::Section {
                // A whole section is named, not quoted: its first 40 characters say which.
                let shown: String = first_line.chars().take(40).collect();
                if !shown.is_empty() {
                    let more = text.chars().count() > shown.chars().count();
                    spans.push(plain(format!("{shown}{}", if more { "…" } else { "" })));
                }
            } else {
                spans.push(plain(text));
            }
        }
        _ => spans.push(plain(text)),
    }
    if let Some(amount) = change.amount {
        let value = amount.new.or(amount.old);
        let shown = match value {
            Some(v) => format!(
                "  {} {}",
                grouped_number(amount_value(Some(v)), false),
                Phrase::ThousandYen.text(lang)
            ),
            None => format!("  （{}）", Phrase::NoAmount.text(lang)),
        };
        spans.push(muted(shown));
    }
    spans
}

/// The name of a whole section added or removed: the deepest part its place names.
fn section_name(change: &Change, lang: Lang) -> String {
    let path = change
        .new
        .as_ref()
        .or(change.old.as_ref())
        .map(|s| s.path.as_str())
        .unwrap_or("");
    if path.ends_with("form2") {
        return Phrase::Section(Section::Form2).text(lang);
    }
    change
        .place
        .last()
        .map(|s| step_text(s, lang))
        .unwrap_or_default()
}

fn value_spans(change: &Change, lang: Lang) -> Vec<Span> {
    let mut spans = Vec::new();
    if let Some(Step::Field { field }) = change.place.last() {
        spans.push(muted(format!("{}: ", Phrase::Field(*field).text(lang))));
    } else if change.kind == ChangeKind::LabelChanged {
        let id = change
            .new
            .as_ref()
            .or(change.old.as_ref())
            .map(|s| s.path.clone())
            .unwrap_or_default();
        spans.push(muted(format!("{id}: ")));
    }
    let shown = |s: &Option<Side>| -> String {
        let t = side_text(s);
        if change.place.last()
            == Some(&Step::Field {
                field: crate::diff::Field::LabelVariant,
            })
            && s.is_some()
        {
            Phrase::LabelWording(&t).text(lang)
        } else {
            t
        }
    };
    spans.push(Span {
        style: Style::OldValue,
        text: shown(&change.old),
    });
    spans.push(plain(" → "));
    spans.push(Span {
        style: Style::NewValue,
        text: shown(&change.new),
    });
    spans
}

/// The budget table as rows of cells: header, one row per 経営課題, total.
pub(crate) fn budget_rows(
    diff: &PlanDiff,
    lang: Lang,
) -> ([String; 4], Vec<[String; 4]>, [String; 4]) {
    let budget = &diff.budget;
    let header = [
        Phrase::Section(Section::Issues).text(lang),
        Phrase::Old.text(lang),
        Phrase::New.text(lang),
        Phrase::Delta.text(lang),
    ];
    let rows = budget
        .issues
        .iter()
        .map(|issue| {
            let number = match (&issue.old_number, &issue.new_number) {
                (Some(o), Some(n)) if o != n => Phrase::IssueWas { new: n, old: o }.text(lang),
                (_, Some(n)) | (Some(n), None) => Phrase::Issue(n).text(lang),
                (None, None) => String::new(),
            };
            [
                format!("{number} {}", issue.title),
                money(issue.old_number.as_ref().map(|_| issue.old_total)),
                money(issue.new_number.as_ref().map(|_| issue.new_total)),
                grouped_number(issue.delta, true),
            ]
        })
        .collect();
    let total = [
        Phrase::Total.text(lang),
        money(Some(budget.old_total)),
        money(Some(budget.new_total)),
        grouped_number(budget.delta, true),
    ];
    (header, rows, total)
}

/// A budget line's amount: `2,781 → 3,100 千円（+319）` when `changed`, else `595 千円`.
pub(crate) fn budget_amount(line: &crate::diff::BudgetLine, changed: bool, lang: Lang) -> String {
    let unit = Phrase::ThousandYen.text(lang);
    let value = |v: Option<u64>| {
        v.map_or_else(
            || Phrase::NoAmount.text(lang),
            |v| format!("{} {unit}", grouped_number(amount_value(Some(v)), false)),
        )
    };
    let a = line.amount;
    if changed {
        let old = a.old.map_or_else(
            || Phrase::NoAmount.text(lang),
            |v| grouped_number(amount_value(Some(v)), false),
        );
        format!(
            "{old} → {}（{}）",
            value(a.new),
            grouped_number(a.delta, true)
        )
    } else {
        value(a.new.or(a.old))
    }
}

/// Amounts left out of the totals, each as `旧 issues[0].initiatives[0].amount: (2,78千円)`.
pub(crate) fn unreadable_amounts(diff: &PlanDiff, lang: Lang) -> Vec<String> {
    let b = &diff.budget;
    let plan = |phrase: Phrase<'_>, sides: &[Side]| -> Vec<String> {
        let which = phrase.text(lang);
        sides
            .iter()
            .map(|s| {
                format!(
                    "{which} {}: {} — {}",
                    s.path,
                    s.text,
                    Phrase::Unreadable.text(lang)
                )
            })
            .collect()
    };
    [
        plan(Phrase::Old, &b.unreadable_old),
        plan(Phrase::New, &b.unreadable_new),
    ]
    .concat()
}

fn money(value: Option<u64>) -> String {
    value.map_or("—".to_owned(), |v| {
        grouped_number(amount_value(Some(v)), false)
    })
}
