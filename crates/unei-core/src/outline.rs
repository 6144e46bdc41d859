//! The plan as text in reading order: labels (from the template) and the author's text, each
//! with the JSON path it came from. Renderers, glyph checks and tests all read this.

use crate::model::{Form2, Generation, LabeledBlock, ManagementIssue, Plan};
use crate::rich::RichText;
use crate::template::{Labeler, Template};

/// Whether a text item is a label of the form or the author's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// A label of the form (from the template or the plan's labels).
    Label,
    /// The author's content.
    Text,
}

/// One printed piece of text: a label, a paragraph, a list line (marker included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextItem {
    /// Label or content.
    pub kind: ItemKind,
    /// Where the text comes from: a JSON path for content, `labels.<id>` for labels.
    pub path: String,
    /// The text as printed.
    pub text: String,
}

/// Every string the author wrote, with its JSON path in display form (labels excluded;
/// [`crate::locate::JsonPath::parse`] reads a path back, which validation does only for the
/// few texts it reports).
pub fn plan_strings(plan: &Plan, template: &Template) -> Vec<(String, String)> {
    outline(plan, template)
        .into_iter()
        .filter(|item| item.kind == ItemKind::Text)
        .map(|item| (item.path, item.text))
        .chain(std::iter::once((
            "meta.organisation.name".to_owned(),
            plan.meta.organisation.name.clone(),
        )))
        .collect()
}

/// The whole plan in reading order.
pub fn outline(plan: &Plan, template: &Template) -> Vec<TextItem> {
    let mut out = Outline {
        labels: Labeler::new(plan, template),
        items: Vec::new(),
    };
    out.label("title", out.labels.title());
    match plan.meta.generation {
        Generation::A => out.generation_a(plan),
        Generation::B => out.generation_b(plan),
    }
    out.items
}

struct Outline<'a> {
    labels: Labeler<'a>,
    items: Vec<TextItem>,
}

impl Outline<'_> {
    fn label(&mut self, id: &str, text: String) {
        self.items.push(TextItem {
            kind: ItemKind::Label,
            path: format!("labels.{id}"),
            text,
        });
    }

    fn label_id(&mut self, id: &str) {
        let text = self.labels.get(id);
        self.label(id, text);
    }

    fn text(&mut self, path: String, text: &str) {
        self.items.push(TextItem {
            kind: ItemKind::Text,
            path,
            text: text.to_owned(),
        });
    }

    fn rich(&mut self, path: &str, text: &RichText) {
        for (b, block) in text.iter().enumerate() {
            for (suffix, line) in block.texts() {
                self.text(format!("{path}[{b}]{suffix}"), &line);
            }
        }
    }

    fn common_head(&mut self, plan: &Plan) {
        for (i, block) in plan.preamble.iter().enumerate() {
            self.labeled_block(&format!("preamble[{i}]"), block);
        }
        self.label_id("goal");
        self.rich("goal", &plan.goal);
        self.label_id("mission");
        self.rich("mission", &plan.mission);
        self.label_id("policy");
        self.rich("policy", &plan.policy);
    }

    fn generation_a(&mut self, plan: &Plan) {
        self.label_id("plan_heading");
        self.common_head(plan);
        self.label_id("issues");
        for (i, issue) in plan.issues.iter().enumerate() {
            self.issue_a(i, issue);
        }
        if let Some(reform) = &plan.reform {
            self.label_id("reform");
            for (r, row) in reform.rows.iter().enumerate() {
                self.label_id("reform_item");
                self.label_id("reform_content");
                self.text(format!("reform.rows[{r}].item"), &row.item);
                self.rich(&format!("reform.rows[{r}].content"), &row.content);
                if !row.midterm_review.is_empty() {
                    self.label_id("reform_midterm_review");
                    self.rich(
                        &format!("reform.rows[{r}].midterm_review"),
                        &row.midterm_review,
                    );
                }
            }
        }
        if let Some(se) = &plan.self_evaluation {
            self.label_id("self_evaluation_heading");
            self.label_id("achievements");
            self.rich("self_evaluation.achievements", &se.achievements);
            self.label_id("challenges");
            self.rich("self_evaluation.challenges", &se.challenges);
        }
        for (i, issue) in plan.issues.iter().enumerate() {
            if let Some(form2) = &issue.form2 {
                self.form2(i, issue, form2);
            }
        }
    }

    fn issue_heading(&mut self, id: &str, issue: &ManagementIssue) {
        let number = issue
            .number_text
            .clone()
            .unwrap_or_else(|| issue.number.to_string());
        let text = self.labels.numbered(id, &number, &issue.title);
        self.label(id, text);
    }

    fn issue_a(&mut self, i: usize, issue: &ManagementIssue) {
        let p = format!("issues[{i}]");
        self.label_id("issue_overview");
        self.label_id("issue_strategies");
        self.issue_heading("issue_heading", issue);
        self.rich(&format!("{p}.overview"), &issue.overview);
        self.rich(&format!("{p}.strategies"), &issue.strategies);
        self.label_id("initiatives");
        for (k, initiative) in issue.initiatives.iter().enumerate() {
            let ip = format!("{p}.initiatives[{k}]");
            self.text(
                ip.clone(),
                &format!("{}{}", initiative.marker, initiative.text),
            );
            if let Some(amount) = &initiative.amount {
                self.text(format!("{ip}.amount"), amount.text());
            }
        }
    }

    fn form2(&mut self, i: usize, issue: &ManagementIssue, form2: &Form2) {
        let p = format!("issues[{i}].form2");
        self.label_id("form2_tag");
        self.label_id("form2_heading");
        self.issue_heading("form2_issue_heading", issue);
        self.label_id("form2_side_label");
        for (b, block) in form2.blocks.iter().enumerate() {
            self.labeled_block(&format!("{p}.blocks[{b}]"), block);
        }
        for (s, strategy) in form2.strategies.iter().enumerate() {
            let sp = format!("{p}.strategies[{s}]");
            let heading =
                self.labels
                    .numbered("form2_strategy_heading", &strategy.number, &strategy.title);
            self.label("form2_strategy_heading", heading);
            for (b, block) in strategy.blocks.iter().enumerate() {
                self.labeled_block(&format!("{sp}.blocks[{b}]"), block);
            }
            self.reviews(&sp, &strategy.midterm_review, &strategy.year_end_review);
            for (k, it) in strategy.initiatives.iter().enumerate() {
                let ip = format!("{sp}.initiatives[{k}]");
                let heading =
                    self.labels
                        .numbered("form2_initiative_heading", &it.number, &it.title);
                self.label("form2_initiative_heading", heading);
                if let Some(amount) = &it.amount {
                    self.text(format!("{ip}.amount"), amount.text());
                }
                for (b, block) in it.blocks.iter().enumerate() {
                    self.labeled_block(&format!("{ip}.blocks[{b}]"), block);
                }
                self.reviews(&ip, &it.midterm_review, &it.year_end_review);
            }
        }
    }

    fn reviews(&mut self, path: &str, midterm: &RichText, year_end: &RichText) {
        if !midterm.is_empty() {
            self.label_id("midterm_review");
            self.rich(&format!("{path}.midterm_review"), midterm);
        }
        if !year_end.is_empty() {
            self.label_id("year_end_review");
            self.rich(&format!("{path}.year_end_review"), year_end);
        }
    }

    fn labeled_block(&mut self, path: &str, block: &LabeledBlock) {
        self.text(format!("{path}.label"), &block.label);
        self.rich(&format!("{path}.text"), &block.text);
        if let Some(code) = &block.code {
            self.text(format!("{path}.code.code"), &code.code);
        }
    }

    fn generation_b(&mut self, plan: &Plan) {
        self.common_head(plan);
        for (i, issue) in plan.issues.iter().enumerate() {
            let p = format!("issues[{i}]");
            self.issue_heading("issue_heading", issue);
            self.label_id("recognition");
            self.rich(&format!("{p}.recognition"), &issue.recognition);
            self.label_id("strategies");
            self.rich(&format!("{p}.strategies"), &issue.strategies);
            self.label_id("outcome_indicators");
            self.rich(
                &format!("{p}.outcome_indicators"),
                &issue.outcome_indicators,
            );
            if let Some(a) = &issue.achievement {
                self.label_id("achievement");
                self.label_id("achievement_result");
                self.rich(&format!("{p}.achievement.result"), &a.result);
                if let Some(grade) = &a.grade {
                    self.text(format!("{p}.achievement.grade.code"), &grade.code);
                }
            }
            if !issue.previous_result.is_empty() {
                self.label_id("previous_result");
                self.rich(&format!("{p}.previous_result"), &issue.previous_result);
            }
        }
        if let Some(se) = &plan.self_evaluation {
            self.label_id("self_evaluation");
            self.rich("self_evaluation.overall", &se.overall);
            self.label_id("future_policy");
            self.rich("self_evaluation.future_policy", &se.future_policy);
        }
    }
}
