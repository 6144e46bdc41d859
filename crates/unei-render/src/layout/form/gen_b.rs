//! Generation B (令和5年度 onward): one simplified form — per 経営課題 課題認識, 主な戦略,
//! アウトカム指標 and its 達成状況 —, then the year-end 自己評価 and 今後の方針.

use unei_core::{ManagementIssue, Plan};

use super::FormBuilder;
use crate::layout::rows::Part;

impl FormBuilder<'_, '_, '_> {
    pub(super) fn generation_b(&mut self, plan: &Plan) {
        self.common_head(plan);
        for (i, issue) in plan.issues.iter().enumerate() {
            let path = format!("issues[{i}]");
            let heading =
                self.labels
                    .numbered("issue_heading", &Self::issue_number(issue), &issue.title);
            self.label_level = 2;
            self.label_text(&heading, "labels.issue_heading", Some(0));
            self.label_level = 3;
            if i > 0
                && self.template.page.issue_starts_new_page
                && let Some(last) = self.rows.last_mut()
            {
                last.break_before = true;
            }
            for (id, text, field) in [
                ("recognition", &issue.recognition, "recognition"),
                ("strategies", &issue.strategies, "strategies"),
                (
                    "outcome_indicators",
                    &issue.outcome_indicators,
                    "outcome_indicators",
                ),
            ] {
                self.label(id, None);
                self.content(text, &format!("{path}.{field}"));
            }
            self.achievement(issue, &path);
        }
        self.part = Part::SelfEvaluation;
        self.label_level = 2;
        if let Some(se) = &plan.self_evaluation {
            self.label("self_evaluation", Some(0));
            self.content(&se.overall, "self_evaluation.overall");
            self.label("future_policy", Some(0));
            self.content(&se.future_policy, "self_evaluation.future_policy");
        }
    }

    fn achievement(&mut self, issue: &ManagementIssue, path: &str) {
        if let Some(a) = &issue.achievement {
            self.label("achievement", None);
            let (_, w) = self.area();
            let width = self.inner(w);
            let bold = self.setter.bold();
            let sub = self.labels.get("achievement_result");
            let mut lines = self
                .setter
                .paragraph(&sub, width, bold, "labels.achievement_result");
            lines.extend(
                self.setter
                    .rich(&a.result, width, &format!("{path}.achievement.result")),
            );
            if let Some(grade) = &a.grade {
                let source = format!("{path}.achievement.grade.code");
                lines.extend(self.setter.with_suffix(
                    "",
                    "",
                    Some((&grade.code, &source)),
                    width,
                    &source,
                ));
            }
            self.content_lines(lines);
        }
        if !issue.previous_result.is_empty() {
            self.label("previous_result", None);
            self.content(&issue.previous_result, &format!("{path}.previous_result"));
        }
    }
}
