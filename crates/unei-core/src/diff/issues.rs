//! 経営課題: which old issue is which new one (by title, by content, by number), renumbered,
//! added and removed issues, and their fields. 主な戦略 lines and 具体的取組 are paired inside
//! each pair of issues first, then across issues, so one that moved to another 経営課題 is
//! reported as moved.

use std::collections::HashSet;

use super::differ::{Differ, Unit, UnitPairs, change, pair_units, rich_units, side, within};
use super::form2;
use super::model::{ChangeKind, Field, Item, Section, Side, Step};
use super::pairing::pair_up;
use super::text::similarity;
use crate::model::{ManagementIssue, Plan};
use crate::rich::RichText;

/// Issues this similar (title or content) are one issue.
const ISSUE_THRESHOLD: f32 = 0.5;
/// Across issues, a line must be this similar to count as moved rather than removed + added.
const MOVE_THRESHOLD: f32 = 0.6;

/// A line of one plan matched to a line of the other: ((old issue, line), (new issue, line)).
pub(crate) type LineMatch = ((usize, usize), (usize, usize));

/// How the two plans' issues and their 具体的取組 correspond.
#[derive(Debug)]
pub(crate) struct IssueMatches {
    /// (old, new) issue indexes.
    pub issues: Vec<(usize, usize)>,
    /// ((old issue, old initiative), (new issue, new initiative)).
    pub initiatives: Vec<LineMatch>,
}

pub(crate) fn number(issue: &ManagementIssue) -> String {
    issue
        .number_text
        .clone()
        .unwrap_or_else(|| issue.number.to_string())
}

fn issue_side(issue: &ManagementIssue, index: usize) -> Side {
    Side {
        number: Some(number(issue)),
        ..side(format!("issues[{index}]"), &issue.title)
    }
}

/// The 経営課題 of `issues[index]` as a step of a place.
fn issue_step(old: Option<&ManagementIssue>, new: Option<&ManagementIssue>) -> Step {
    Step::Issue {
        old: old.map(number),
        new: new.map(number),
        title: new.or(old).map(|i| i.title.clone()).unwrap_or_default(),
    }
}

/// 経営課題の概要 (A) and 課題認識 (B) are the same part of an issue in the two generations, so
/// they are compared as one text.
fn description_units(issue: &ManagementIssue, index: usize) -> Vec<Unit> {
    let mut units = rich_units(
        &issue.overview,
        &format!("issues[{index}].overview"),
        Item::ListItem,
    );
    units.extend(rich_units(
        &issue.recognition,
        &format!("issues[{index}].recognition"),
        Item::ListItem,
    ));
    units
}

fn description_field(issue: &ManagementIssue) -> Field {
    if issue.overview.is_empty() && !issue.recognition.is_empty() {
        Field::Recognition
    } else {
        Field::Overview
    }
}

fn strategy_units(issue: &ManagementIssue, index: usize) -> Vec<Unit> {
    rich_units(
        &issue.strategies,
        &format!("issues[{index}].strategies"),
        Item::Strategy,
    )
}

fn initiative_units(issue: &ManagementIssue, index: usize) -> Vec<Unit> {
    issue
        .initiatives
        .iter()
        .enumerate()
        .map(|(k, initiative)| {
            let path = format!("issues[{index}].initiatives[{k}]");
            Unit {
                item: Item::Initiative,
                text: format!("{}{}", initiative.marker, initiative.text),
                paragraph: None,
                amount: initiative
                    .amount
                    .clone()
                    .map(|a| (format!("{path}.amount"), a)),
                path,
            }
        })
        .collect()
}

/// All the text of an issue, for pairing issues whose titles changed.
fn signature(issue: &ManagementIssue, index: usize) -> String {
    [
        description_units(issue, index),
        strategy_units(issue, index),
        initiative_units(issue, index),
    ]
    .concat()
    .iter()
    .map(|u| u.text.as_str())
    .collect()
}

/// Pairs the issues of two plans.
fn pair_issues(old: &[ManagementIssue], new: &[ManagementIssue]) -> Vec<(usize, usize)> {
    let titles = |issues: &[ManagementIssue]| -> Vec<String> {
        issues.iter().map(|i| i.title.clone()).collect()
    };
    let (old_titles, new_titles) = (titles(old), titles(new));
    let old_bodies: Vec<String> = old
        .iter()
        .enumerate()
        .map(|(i, x)| signature(x, i))
        .collect();
    let new_bodies: Vec<String> = new
        .iter()
        .enumerate()
        .map(|(i, x)| signature(x, i))
        .collect();
    pair_up(&old_titles, &new_titles, ISSUE_THRESHOLD, |i, j| {
        let same_number = if number(&old[i]) == number(&new[j]) {
            0.05
        } else {
            0.0
        };
        let title = similarity(&old_titles[i], &new_titles[j]);
        let body = similarity(&old_bodies[i], &new_bodies[j]);
        title.max(body) + same_number
    })
}

/// Pairs lines (strategies, initiatives) inside each pair of issues, then the rest across all
/// issues. Returns the pairs for each new issue, and every pair as ((issue, line), (issue, line)).
fn pair_lines(
    old: &[Vec<Unit>],
    new: &[Vec<Unit>],
    issues: &[(usize, usize)],
    field: Field,
    old_plan: &[ManagementIssue],
) -> (Vec<UnitPairs>, Vec<LineMatch>) {
    let mut per_new: Vec<UnitPairs> = new.iter().map(|_| UnitPairs::default()).collect();
    let mut all = Vec::new();
    let mut old_kept: HashSet<(usize, usize)> = HashSet::new();
    let mut new_kept: HashSet<(usize, usize)> = HashSet::new();
    for &(i, j) in issues {
        let local = pair_units(&old[i], &new[j]);
        for &(l, k) in &local {
            old_kept.insert((i, l));
            new_kept.insert((j, k));
            all.push(((i, l), (j, k)));
        }
        per_new[j].local = local;
    }
    let left = |lists: &[Vec<Unit>], kept: &HashSet<(usize, usize)>| -> Vec<(usize, usize)> {
        lists
            .iter()
            .enumerate()
            .flat_map(|(g, units)| (0..units.len()).map(move |k| (g, k)))
            .filter(|key| !kept.contains(key))
            .collect()
    };
    let (old_left, new_left) = (left(old, &old_kept), left(new, &new_kept));
    let text = |lists: &[Vec<Unit>], (g, k): (usize, usize)| lists[g][k].text.clone();
    let old_texts: Vec<String> = old_left.iter().map(|&key| text(old, key)).collect();
    let new_texts: Vec<String> = new_left.iter().map(|&key| text(new, key)).collect();
    let cross = pair_up(&old_texts, &new_texts, MOVE_THRESHOLD, |a, b| {
        similarity(&old_texts[a], &new_texts[b])
    });
    let new_issue_of_old = |i: usize| issues.iter().find(|p| p.0 == i).map(|p| p.1);
    for (a, b) in cross {
        let ((i, l), (j, k)) = (old_left[a], new_left[b]);
        let from = vec![
            Step::Section {
                section: Section::Issues,
            },
            issue_step(Some(&old_plan[i]), None),
            Step::Field { field },
        ];
        per_new[j].moved_in.push((k, from, old[i][l].clone()));
        if let Some(jj) = new_issue_of_old(i) {
            per_new[jj].moved_out.insert(l);
        }
        all.push(((i, l), (j, k)));
    }
    (per_new, all)
}

/// Compares the issues of two plans; returns how they correspond, for the budget.
/// One kind of line (strategies or initiatives) of every issue of both plans, and how they pair.
struct LineSet {
    field: Field,
    old: Vec<Vec<Unit>>,
    new: Vec<Vec<Unit>>,
    /// For each new issue.
    pairs: Vec<UnitPairs>,
    matches: Vec<LineMatch>,
}

impl LineSet {
    fn new(old: &Plan, new: &Plan, issues: &[(usize, usize)], field: Field) -> LineSet {
        let units: fn(&ManagementIssue, usize) -> Vec<Unit> = match field {
            Field::Strategies => strategy_units,
            _ => initiative_units,
        };
        let lines = |plan: &Plan| -> Vec<Vec<Unit>> {
            plan.issues
                .iter()
                .enumerate()
                .map(|(i, x)| units(x, i))
                .collect()
        };
        let (old_lines, new_lines) = (lines(old), lines(new));
        let (pairs, matches) = pair_lines(&old_lines, &new_lines, issues, field, &old.issues);
        LineSet {
            field,
            old: old_lines,
            new: new_lines,
            pairs,
            matches,
        }
    }

    /// The lines of new issue `j` (and of old issue `i`, when it has one) with their pairs.
    fn of<'a>(&'a self, i: Option<usize>, j: usize, empty: &'a Vec<Unit>) -> Lines<'a> {
        let old = i.map_or(empty, |i| &self.old[i]);
        (old, &self.new[j], &self.pairs[j])
    }
}

pub(crate) fn compare(d: &mut Differ, old: &Plan, new: &Plan) -> IssueMatches {
    let pairs = pair_issues(&old.issues, &new.issues);
    let strategies = LineSet::new(old, new, &pairs, Field::Strategies);
    let initiatives = LineSet::new(old, new, &pairs, Field::Initiatives);
    let root = [Step::Section {
        section: Section::Issues,
    }];
    let empty = Vec::new();
    for (j, issue) in new.issues.iter().enumerate() {
        let Some(i) = pairs.iter().find(|p| p.1 == j).map(|p| p.0) else {
            d.one_sided(ChangeKind::Added, Item::Issue, &root, issue_side(issue, j));
            let place = within(&root, issue_step(None, Some(issue)));
            for set in [&strategies, &initiatives] {
                let (_, units, unit_pairs) = set.of(None, j, &empty);
                d.moved_in(&within(&place, field_step(set.field)), units, unit_pairs);
            }
            continue;
        };
        removed_before(d, old, &pairs, i, &root);
        let pair = IssuePair {
            old: (&old.issues[i], i),
            new: (issue, j),
        };
        let lines = [
            strategies.of(Some(i), j, &empty),
            initiatives.of(Some(i), j, &empty),
        ];
        pair.compare(d, &root, lines);
    }
    removed_before(d, old, &pairs, old.issues.len(), &root);
    IssueMatches {
        issues: pairs,
        initiatives: initiatives.matches,
    }
}

fn field_step(field: Field) -> Step {
    Step::Field { field }
}

/// Reports the unpaired old issues that stood before old issue `until` and after the paired
/// old issue before it, so removed issues appear where they were.
fn removed_before(
    d: &mut Differ,
    old: &Plan,
    pairs: &[(usize, usize)],
    until: usize,
    root: &[Step],
) {
    let paired: HashSet<usize> = pairs.iter().map(|p| p.0).collect();
    let start = (0..until)
        .rev()
        .find(|i| paired.contains(i))
        .map_or(0, |i| i + 1);
    for i in (start..until).filter(|i| !paired.contains(i)) {
        d.one_sided(
            ChangeKind::Removed,
            Item::Issue,
            root,
            issue_side(&old.issues[i], i),
        );
    }
}

/// An old issue and the new issue it became, with their indexes.
struct IssuePair<'a> {
    old: (&'a ManagementIssue, usize),
    new: (&'a ManagementIssue, usize),
}

type Lines<'a> = (&'a Vec<Unit>, &'a Vec<Unit>, &'a UnitPairs);

impl IssuePair<'_> {
    fn compare(&self, d: &mut Differ, root: &[Step], [strategies, initiatives]: [Lines<'_>; 2]) {
        let ((old, i), (new, j)) = (self.old, self.new);
        if number(old) != number(new) {
            d.push(super::model::Change {
                old: Some(issue_side(old, i)),
                new: Some(issue_side(new, j)),
                ..change(ChangeKind::Renumbered, Item::Issue, root)
            });
        }
        let place = within(root, issue_step(Some(old), Some(new)));
        d.text(
            Item::Title,
            &within(&place, field_step(Field::Title)),
            side(format!("issues[{i}].title"), &old.title),
            side(format!("issues[{j}].title"), &new.title),
        );
        let (old_desc, new_desc) = (description_units(old, i), description_units(new, j));
        let desc_pairs = UnitPairs {
            local: pair_units(&old_desc, &new_desc),
            ..UnitPairs::default()
        };
        let desc_place = within(&place, field_step(description_field(new)));
        d.units(&desc_place, &old_desc, &new_desc, &desc_pairs);
        for (field, (o, n, pairs)) in [
            (Field::Strategies, strategies),
            (Field::Initiatives, initiatives),
        ] {
            d.units(&within(&place, field_step(field)), o, n, pairs);
        }
        self.generation_b_fields(d, &place);
        form2::compare(
            d,
            &place,
            old.form2
                .as_ref()
                .map(|f| (f, format!("issues[{i}].form2"))),
            new.form2
                .as_ref()
                .map(|f| (f, format!("issues[{j}].form2"))),
        );
    }

    fn generation_b_fields(&self, d: &mut Differ, place: &[Step]) {
        let ((old, i), (new, j)) = (self.old, self.new);
        let rich = |d: &mut Differ, field: Field, key: &str, o: &RichText, n: &RichText| {
            d.rich(
                &within(place, field_step(field)),
                (o, &format!("issues[{i}].{key}")),
                (n, &format!("issues[{j}].{key}")),
            );
        };
        rich(
            d,
            Field::OutcomeIndicators,
            "outcome_indicators",
            &old.outcome_indicators,
            &new.outcome_indicators,
        );
        self.achievement(d, place);
        rich(
            d,
            Field::PreviousResult,
            "previous_result",
            &old.previous_result,
            &new.previous_result,
        );
    }
}

impl IssuePair<'_> {
    /// Generation B: アウトカム指標の達成状況 (its text and grade).
    fn achievement(&self, d: &mut Differ, place: &[Step]) {
        let ((old, i), (new, j)) = (self.old, self.new);
        let rich = |d: &mut Differ, field: Field, key: &str, o: &RichText, n: &RichText| {
            d.rich(
                &within(place, field_step(field)),
                (o, &format!("issues[{i}].{key}")),
                (n, &format!("issues[{j}].{key}")),
            );
        };
        let achievement_place = within(place, field_step(Field::Achievement));
        match (&old.achievement, &new.achievement) {
            (None, None) => {}
            (Some(a), None) | (None, Some(a)) => {
                let kind = if new.achievement.is_some() {
                    ChangeKind::Added
                } else {
                    ChangeKind::Removed
                };
                let index = if new.achievement.is_some() { j } else { i };
                let text = joined(&a.result);
                d.one_sided(
                    kind,
                    Item::Section,
                    &achievement_place,
                    side(format!("issues[{index}].achievement"), text),
                );
            }
            (Some(o), Some(n)) => {
                rich(
                    d,
                    Field::Achievement,
                    "achievement.result",
                    &o.result,
                    &n.result,
                );
                let code = |c: &Option<crate::model::Code>, index: usize| {
                    c.as_ref()
                        .map(|c| side(format!("issues[{index}].achievement.grade"), &c.code))
                };
                d.value(
                    ChangeKind::CodeChanged,
                    Item::Code,
                    &within(place, field_step(Field::Grade)),
                    code(&o.grade, i),
                    code(&n.grade, j),
                );
            }
        }
    }
}

/// A rich text's lines joined, for items reported whole.
pub(crate) fn joined(text: &RichText) -> String {
    text.iter()
        .flat_map(|b| b.texts().into_iter().map(|(_, t)| t))
        .collect::<Vec<_>>()
        .join("\n")
}
