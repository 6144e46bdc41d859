//! Budgets: the 主な具体的取組 amounts of 様式1 summed per 経営課題 and for the plan, the
//! initiatives whose amount changed, and the new and dropped ones with their amounts.
//! (様式2 repeats those amounts; its changes are reported with 様式2, not summed twice.)

use std::collections::HashSet;

use super::differ::side;
use super::issues::{IssueMatches, LineMatch, number};
use super::model::{AmountDelta, Budget, BudgetLine, IssueBudget, Side};
use crate::model::{Initiative, ManagementIssue, Plan};

fn value(initiative: &Initiative) -> Option<u64> {
    initiative.amount.as_ref()?.thousand_yen().ok()
}

fn total(issue: &ManagementIssue) -> u64 {
    issue.initiatives.iter().filter_map(value).sum()
}

fn line(issue: &ManagementIssue, initiative: &Initiative, amount: AmountDelta) -> BudgetLine {
    BudgetLine {
        issue: number(issue),
        text: format!("{}{}", initiative.marker, initiative.text),
        amount,
    }
}

/// Amounts that are there but are not 千円 amounts.
fn unreadable(plan: &Plan) -> Vec<Side> {
    let mut sides = Vec::new();
    for (i, issue) in plan.issues.iter().enumerate() {
        for (k, initiative) in issue.initiatives.iter().enumerate() {
            if let Some(amount) = initiative
                .amount
                .as_ref()
                .filter(|a| a.thousand_yen().is_err())
            {
                sides.push(side(
                    format!("issues[{i}].initiatives[{k}].amount"),
                    amount.text(),
                ));
            }
        }
    }
    sides
}

pub(crate) fn budget(old: &Plan, new: &Plan, matches: &IssueMatches) -> Budget {
    let (old_total, new_total) = (
        old.issues.iter().map(total).sum(),
        new.issues.iter().map(total).sum(),
    );
    let old_matched: HashSet<(usize, usize)> = matches.initiatives.iter().map(|m| m.0).collect();
    let new_matched: HashSet<(usize, usize)> = matches.initiatives.iter().map(|m| m.1).collect();
    Budget {
        issues: issue_rows(old, new, &matches.issues),
        old_total,
        new_total,
        delta: AmountDelta::new(Some(old_total), Some(new_total)).delta,
        changed: changed(old, new, &matches.initiatives),
        added: unmatched(new, &new_matched, false),
        dropped: unmatched(old, &old_matched, true),
        unreadable_old: unreadable(old),
        unreadable_new: unreadable(new),
    }
}

/// One row per new issue (with its old issue's total), then one per removed issue.
fn issue_rows(old: &Plan, new: &Plan, pairs: &[(usize, usize)]) -> Vec<IssueBudget> {
    let mut rows: Vec<IssueBudget> = new
        .issues
        .iter()
        .enumerate()
        .map(|(j, issue)| {
            let old_issue = pairs.iter().find(|p| p.1 == j).map(|p| &old.issues[p.0]);
            issue_budget(old_issue, Some(issue))
        })
        .collect();
    let paired: HashSet<usize> = pairs.iter().map(|p| p.0).collect();
    let removed = old
        .issues
        .iter()
        .enumerate()
        .filter(|(i, _)| !paired.contains(i));
    rows.extend(removed.map(|(_, issue)| issue_budget(Some(issue), None)));
    rows
}

/// Matched initiatives whose value differs, in the new plan's order.
fn changed(old: &Plan, new: &Plan, matches: &[LineMatch]) -> Vec<BudgetLine> {
    let mut by_new = matches.to_vec();
    by_new.sort_by_key(|m| m.1);
    by_new
        .into_iter()
        .filter_map(|((i, l), (j, k))| {
            let (o, n) = (&old.issues[i].initiatives[l], &new.issues[j].initiatives[k]);
            (value(o) != value(n))
                .then(|| line(&new.issues[j], n, AmountDelta::new(value(o), value(n))))
        })
        .collect()
}

/// The initiatives of `plan` that are not in `matched`, with their amounts.
fn unmatched(plan: &Plan, matched: &HashSet<(usize, usize)>, old_side: bool) -> Vec<BudgetLine> {
    let mut lines = Vec::new();
    for (i, issue) in plan.issues.iter().enumerate() {
        for (k, initiative) in issue.initiatives.iter().enumerate() {
            if matched.contains(&(i, k)) {
                continue;
            }
            let amount = if old_side {
                AmountDelta::new(value(initiative), None)
            } else {
                AmountDelta::new(None, value(initiative))
            };
            lines.push(line(issue, initiative, amount));
        }
    }
    lines
}

fn issue_budget(old: Option<&ManagementIssue>, new: Option<&ManagementIssue>) -> IssueBudget {
    let (old_total, new_total) = (old.map_or(0, total), new.map_or(0, total));
    IssueBudget {
        old_number: old.map(number),
        new_number: new.map(number),
        title: new.or(old).map(|i| i.title.clone()).unwrap_or_default(),
        old_total,
        new_total,
        delta: AmountDelta::new(Some(old_total), Some(new_total)).delta,
    }
}
