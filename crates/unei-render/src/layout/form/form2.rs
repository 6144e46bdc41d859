//! 様式2: one detail sheet per 経営課題, starting on a new page, beside the vertical side label
//! (drawn by the page stage): the issue's blocks, then per 戦略 its blocks, reviews and
//! 具体的取組 with their amounts and blocks.

use unei_core::{Form2, Form2Strategy, LabeledBlock, ManagementIssue, RichText};

use super::FormBuilder;
use crate::layout::rows::Reading;

impl FormBuilder<'_, '_, '_> {
    pub(super) fn form2(&mut self, i: usize, issue: &ManagementIssue, form2: &Form2) {
        let path = format!("issues[{i}].form2");
        let heading = self.labels.get("form2_heading");
        // 様式2 is a part of its own (H2), its 経営課題 under it, then 戦略 and 取組.
        self.label_level = 2;
        self.label_text(&heading, "labels.form2_heading", None);
        self.label_level = 3;
        self.break_before_last();
        let number = Self::issue_number(issue);
        let issue_heading = self
            .labels
            .numbered("form2_issue_heading", &number, &issue.title);
        let tag = self.labels.get("form2_tag");
        self.label_text(&issue_heading, "labels.form2_issue_heading", None);
        if let Some(row) = self.rows.last_mut() {
            row.bookmark = Some((format!("{tag}{issue_heading}"), 0));
        }
        self.label_level = 4;
        self.blocks(&form2.blocks, &format!("{path}.blocks"));
        for (s, strategy) in form2.strategies.iter().enumerate() {
            self.label_level = 4;
            self.form2_strategy(strategy, &format!("{path}.strategies[{s}]"));
        }
    }

    fn form2_strategy(&mut self, strategy: &Form2Strategy, sp: &str) {
        let heading =
            self.labels
                .numbered("form2_strategy_heading", &strategy.number, &strategy.title);
        self.label_text(&heading, "labels.form2_strategy_heading", Some(1));
        self.label_level = 5;
        self.blocks(&strategy.blocks, &format!("{sp}.blocks"));
        // The strategy's reviews before its initiatives: after them, a 中間振り返り label could
        // be read as the last initiative's (by people and by the importer).
        self.reviews(sp, &strategy.midterm_review, &strategy.year_end_review);
        for (k, it) in strategy.initiatives.iter().enumerate() {
            let ip = format!("{sp}.initiatives[{k}]");
            let heading = self
                .labels
                .numbered("form2_initiative_heading", &it.number, &it.title);
            self.label_level = 5;
            self.label_text(&heading, "labels.form2_initiative_heading", None);
            self.label_level = 6;
            if let Some(amount) = &it.amount {
                let width = self.inner(self.area().1);
                let source = format!("{ip}.amount");
                let lines =
                    self.setter
                        .with_suffix("", "", Some((amount.text(), &source)), width, &source);
                self.content_lines(lines);
                self.read_last_as(Reading::HeadingSuffix);
            }
            self.blocks(&it.blocks, &format!("{ip}.blocks"));
            self.reviews(&ip, &it.midterm_review, &it.year_end_review);
        }
    }

    fn blocks(&mut self, blocks: &[LabeledBlock], path: &str) {
        for (n, block) in blocks.iter().enumerate() {
            let bp = format!("{path}[{n}]");
            // A block without a label is the text under its heading (imported from a page
            // that writes it so): no empty label row.
            if !block.label.is_empty() {
                self.label_text(&block.label, &format!("{bp}.label"), None);
            }
            let width = self.inner(self.area().1);
            let mut lines = self.setter.rich(&block.text, width, &format!("{bp}.text"));
            if let Some(code) = &block.code {
                let source = format!("{bp}.code.code");
                lines.extend(self.setter.with_suffix(
                    "",
                    "",
                    Some((&code.code, &source)),
                    width,
                    &source,
                ));
            }
            self.content_lines(lines);
        }
    }

    fn reviews(&mut self, path: &str, midterm: &RichText, year_end: &RichText) {
        for (id, text, field) in [
            ("midterm_review", midterm, "midterm_review"),
            ("year_end_review", year_end, "year_end_review"),
        ] {
            if !text.is_empty() {
                self.label(id, None);
                self.content(text, &format!("{path}.{field}"));
            }
        }
    }
}
