//! Generation A (until 令和4年度): 様式1 — goal, mission, policy, the 経営課題 table with its
//! initiatives and amounts —, 様式3 (市政改革プラン) and the ◆自己評価 part; 様式2 follows per
//! 経営課題 ([`super::form2`]).

use unei_core::{Initiative, ManagementIssue, Plan};

use super::FormBuilder;
use crate::layout::rows::{CellLine, Part, Reading, split_at_trailing_parenthetical};

impl FormBuilder<'_, '_, '_> {
    pub(super) fn generation_a(&mut self, plan: &Plan) {
        if form2_only(plan) {
            // A standalone 様式2 (imported as such) prints no empty 様式1 before it.
            self.form2_sheets(plan);
            return;
        }
        self.heading("plan_heading");
        self.common_head(plan);
        self.label("issues", Some(0));
        for (i, issue) in plan.issues.iter().enumerate() {
            self.issue_a(i, issue);
        }
        self.part = Part::Reform;
        self.reform(plan);
        self.part = Part::SelfEvaluation;
        if let Some(se) = &plan.self_evaluation {
            self.heading("self_evaluation_heading");
            self.label("achievements", None);
            self.content(&se.achievements, "self_evaluation.achievements");
            self.label("challenges", None);
            self.content(&se.challenges, "self_evaluation.challenges");
        }
        self.form2_sheets(plan);
    }

    fn form2_sheets(&mut self, plan: &Plan) {
        for (i, issue) in plan.issues.iter().enumerate() {
            if let Some(form2) = &issue.form2 {
                self.part = Part::Form2 { issue: i };
                self.form2(i, issue, form2);
            }
        }
    }

    fn issue_a(&mut self, i: usize, issue: &ManagementIssue) {
        let split = self.template.page.two_column_split;
        let fractions = [split, 1.0 - split];
        let heading =
            self.labels
                .numbered("issue_heading", &Self::issue_number(issue), &issue.title);
        let header = self.header(
            &["issue_overview", "issue_strategies"],
            &fractions,
            Some((heading.clone(), 1)),
        );
        if i > 0 && self.template.page.issue_starts_new_page {
            self.rows[header].break_before = true;
        }
        let cols = self.split(&fractions);
        let path = format!("issues[{i}]");
        let bold = self.setter.bold();
        let mut left = self.setter.paragraph(
            &heading,
            self.inner(cols[0].1),
            bold,
            "labels.issue_heading",
        );
        left.extend(self.setter.rich(
            &issue.overview,
            self.inner(cols[0].1),
            &format!("{path}.overview"),
        ));
        let right = self.setter.rich(
            &issue.strategies,
            self.inner(cols[1].1),
            &format!("{path}.strategies"),
        );
        self.columns_row(vec![left, right], &fractions, header);
        self.label("initiatives", None);
        let budget = issue.initiatives.iter().any(|it| it.amount.is_some()) && self.budget_header();
        let lines = self.initiative_lines(&issue.initiatives, &path);
        self.content_lines(lines);
        if budget {
            self.read_last_as(Reading::BudgetLines);
        }
    }

    /// Makes the 主な具体的取組 label just pushed the header row of the budget table, when its
    /// text ends in the parenthetical that names the amounts (（2年度予算額）): the form draws
    /// no header cell over the amounts, so a screen reader hears the form's own words for
    /// them, the parenthetical, as the 予算額 column's header, and the words before it as
    /// the 取組 column's — the web page's 取組 | 予算額 table. A label without one (an
    /// author's 「主な具体的取組」) names no amount column: the lines stay a list there.
    fn budget_header(&mut self) -> bool {
        let split = self
            .rows
            .last_mut()
            .and_then(|row| row.cells.first_mut())
            .is_some_and(|cell| split_at_trailing_parenthetical(&mut cell.lines));
        if split {
            self.read_last_as(Reading::BudgetHeader);
        }
        split
    }

    fn initiative_lines(&mut self, initiatives: &[Initiative], path: &str) -> Vec<CellLine> {
        let (_, w) = self.area();
        let width = self.inner(w);
        let mut lines = Vec::new();
        for (k, it) in initiatives.iter().enumerate() {
            let source = format!("{path}.initiatives[{k}]");
            let amount_source = format!("{source}.amount");
            let suffix = it
                .amount
                .as_ref()
                .map(|a| (a.text(), amount_source.as_str()));
            lines.extend(
                self.setter
                    .with_suffix(&it.marker, &it.text, suffix, width, &source),
            );
        }
        lines
    }

    fn reform(&mut self, plan: &Plan) {
        let Some(reform) = &plan.reform else { return };
        self.label("reform", Some(0));
        let with_review = reform.rows.iter().any(|r| !r.midterm_review.is_empty());
        let (ids, fractions): (Vec<&str>, Vec<f32>) = if with_review {
            (
                vec!["reform_item", "reform_content", "reform_midterm_review"],
                vec![0.25, 0.45, 0.30],
            )
        } else {
            (vec!["reform_item", "reform_content"], vec![0.3, 0.7])
        };
        let header = self.header(&ids, &fractions, None);
        for (r, row) in reform.rows.iter().enumerate() {
            let cols = self.split(&fractions);
            let path = format!("reform.rows[{r}]");
            let body = self.setter.body();
            let mut cells = vec![
                self.setter.paragraph(
                    &row.item,
                    self.inner(cols[0].1),
                    body,
                    &format!("{path}.item"),
                ),
                self.setter.rich(
                    &row.content,
                    self.inner(cols[1].1),
                    &format!("{path}.content"),
                ),
            ];
            if with_review {
                cells.push(self.setter.rich(
                    &row.midterm_review,
                    self.inner(cols[2].1),
                    &format!("{path}.midterm_review"),
                ));
            }
            self.columns_row(cells, &fractions, header);
            // The item names its row, as the web page's row header does.
            self.read_last_as(Reading::RowHeader);
        }
    }
}

/// True when the plan holds nothing but 様式2 sheets: no 様式1 text, 様式3 or 自己評価.
fn form2_only(plan: &Plan) -> bool {
    use unei_core::rich::is_blank;
    let issues_are_form2 = !plan.issues.is_empty()
        && plan.issues.iter().all(|issue| {
            issue.form2.is_some()
                && is_blank(&issue.overview)
                && is_blank(&issue.strategies)
                && issue.initiatives.is_empty()
        });
    issues_are_form2
        && is_blank(&plan.goal)
        && is_blank(&plan.mission)
        && is_blank(&plan.policy)
        && plan.preamble.is_empty()
        && plan.reform.is_none()
        && plan.self_evaluation.is_none()
}
