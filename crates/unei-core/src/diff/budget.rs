//! Budgets: the 主な具体的取組 amounts of 様式1 summed per 経営課題 and for the plan, the
//! initiatives whose amount changed, and the new and dropped ones with their amounts.
//! (様式2 repeats those amounts; its changes are reported with 様式2, not summed twice.)

use std::collections::HashSet;

use super::differ::side;
use super::issues::{IssueMatches, number};
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
    let mut issues = Vec::new();
    for (j, issue) in new.issues.iter().enumerate() {
        let old_issue = matches
            .issues
            .iter()
            .find(|p| p.1 == j)
            .map(|p| &old.issues[p.0]);
        issues.push(issue_budget(old_issue, Some(issue)));
    }
    let paired: HashSet<usize> = matches.issues.iter().map(|p| p.0).collect();
    let removed = old
        .issues
        .iter()
        .enumerate()
        .filter(|(i, _)| !paired.contains(i));
    issues.extend(removed.map(|(_, issue)| issue_budget(Some(issue), None)));
    let (old_total, new_total) = (
        old.issues.iter().map(total).sum(),
        new.issues.iter().map(total).sum(),
    );
    let mut changed = Vec::new();
    let mut old_matched = HashSet::new();
    let mut new_matched = HashSet::new();
    let mut by_new = matches.initiatives.clone();
    by_new.sort_by_key(|m| m.1);
    for ((i, l), (j, k)) in by_new {
        old_matched.insert((i, l));
        new_matched.insert((j, k));
        let (o, n) = (&old.issues[i].initiatives[l], &new.issues[j].initiatives[k]);
        if value(o) != value(n) {
            changed.push(line(
                &new.issues[j],
                n,
                AmountDelta::new(value(o), value(n)),
            ));
        }
    }
    let unmatched = |plan: &Plan, matched: &HashSet<(usize, usize)>, old_side: bool| {
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
    };
    Budget {
        issues,
        old_total,
        new_total,
        delta: AmountDelta::new(Some(old_total), Some(new_total)).delta,
        changed,
        added: unmatched(new, &new_matched, false),
        dropped: unmatched(old, &old_matched, true),
        unreadable_old: unreadable(old),
        unreadable_new: unreadable(new),
    }
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
