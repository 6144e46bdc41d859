//! Semantic checks of a plan against its template: what the JSON types cannot say.

use crate::amount::Amount;
use crate::diag::Finding;
use crate::locate::JsonPath;
use crate::model::{Code, Generation, LabeledBlock, ManagementIssue, Plan, Status};
use crate::problem::Problem;
use crate::rich::{RichText, is_blank};
use crate::template::Template;
use crate::wareki::FiscalYear;

/// Last fiscal year (Gregorian) of the generation-A forms; 令和5年度 started generation B.
const LAST_GENERATION_A_YEAR: i32 = 2022;

/// All problems of `plan`, errors and warnings, in document order.
pub fn validate(plan: &Plan, template: &Template) -> Vec<Finding> {
    let mut v = Validator {
        plan,
        template,
        findings: Vec::new(),
    };
    v.meta();
    v.labels();
    v.texts();
    v.main_texts();
    v.issues();
    v.generation_fields();
    v.status_sections();
    v.findings
}

struct Validator<'a> {
    plan: &'a Plan,
    template: &'a Template,
    findings: Vec<Finding>,
}

fn root() -> JsonPath {
    JsonPath::root()
}

impl<'a> Validator<'a> {
    fn error(&mut self, path: JsonPath, problem: Problem) {
        self.findings.push(Finding::error(path, problem));
    }

    fn warning(&mut self, path: JsonPath, problem: Problem) {
        self.findings.push(Finding::warning(path, problem));
    }

    fn meta(&mut self) {
        if self.plan.format != crate::model::FORMAT_VERSION {
            self.error(
                root().key("format"),
                Problem::UnsupportedFormat {
                    found: self.plan.format,
                    supported: crate::model::FORMAT_VERSION,
                },
            );
        }
        let meta = &self.plan.meta;
        let path = root().key("meta");
        if meta.organisation.name.trim().is_empty() {
            self.error(
                path.key("organisation").key("name"),
                Problem::EmptyOrganisation,
            );
        }
        match FiscalYear::parse(&meta.fiscal_year) {
            Err(e) => self.error(path.key("fiscal_year"), Problem::Year(e)),
            Ok(year) => {
                let expected = if year.gregorian() > LAST_GENERATION_A_YEAR {
                    Generation::B
                } else {
                    Generation::A
                };
                if meta.generation != expected {
                    self.warning(
                        path.key("generation"),
                        Problem::UnusualGeneration {
                            year: year.to_string(),
                            expected,
                        },
                    );
                }
            }
        }
        if !self.template.serves(&meta.template) {
            self.error(
                path.key("template"),
                Problem::OtherTemplate {
                    named: meta.template.clone(),
                    in_use: self.template.id.clone(),
                },
            );
        }
    }

    fn labels(&mut self) {
        let known = self.template.labels(self.plan.meta.generation);
        for id in self.plan.labels.keys() {
            if !known.contains_key(id) {
                let mut ids: Vec<String> = known.keys().cloned().collect();
                ids.sort_unstable();
                self.error(
                    root().key("labels").key(id),
                    Problem::UnknownLabel {
                        id: id.clone(),
                        generation: self.plan.meta.generation,
                        known: ids,
                    },
                );
            }
        }
    }

    /// Control characters and tabs anywhere in the text, located at the character itself.
    fn texts(&mut self) {
        for (path, text) in crate::outline::plan_strings(self.plan, self.template) {
            let control = text
                .chars()
                .enumerate()
                .find(|(_, c)| c.is_control() && !matches!(c, '\n' | '\t'));
            if let Some((index, c)) = control {
                let problem = Problem::ControlCharacter { code: c as u32 };
                let finding = Finding::error(JsonPath::parse(&path), problem).at_char(&text, index);
                self.findings.push(finding);
            }
            if let Some(index) = text.chars().position(|c| c == '\t') {
                let count = text.chars().filter(|&c| c == '\t').count();
                let problem = Problem::Tab { count };
                let finding =
                    Finding::warning(JsonPath::parse(&path), problem).at_char(&text, index);
                self.findings.push(finding);
            }
        }
    }

    /// 目標, 使命 and 方針 say what the plan is; empty, they are warnings (errors with --strict).
    fn main_texts(&mut self) {
        let plan = self.plan;
        for (key, text, name) in [
            ("goal", &plan.goal, "目標"),
            ("mission", &plan.mission, "使命"),
            ("policy", &plan.policy, "運営の基本的な考え方"),
        ] {
            if is_blank(text) {
                self.warning(
                    root().key(key),
                    Problem::EmptySection {
                        section: name.to_owned(),
                    },
                );
            }
        }
    }

    fn issues(&mut self) {
        let issues = &self.plan.issues;
        if issues.is_empty() {
            self.warning(root().key("issues"), Problem::NoIssues);
        }
        for (i, issue) in issues.iter().enumerate() {
            let path = root().key("issues").index(i);
            let expected = i as u32 + 1;
            if issue.number != expected {
                self.error(
                    path.key("number"),
                    Problem::IssueNumbering {
                        count: issues.len(),
                        found: issue.number,
                        expected,
                    },
                );
            }
            if issue.title.trim().is_empty() {
                self.warning(path.key("title"), Problem::EmptyIssueTitle);
            }
            if is_blank(&issue.strategies) {
                self.warning(path.key("strategies"), Problem::EmptyStrategies);
            }
            let (key, text, name) = match self.plan.meta.generation {
                Generation::A => ("overview", &issue.overview, "経営課題の概要"),
                Generation::B => ("recognition", &issue.recognition, "課題認識"),
            };
            if is_blank(text) && issue.form2.is_none() {
                self.warning(
                    path.key(key),
                    Problem::EmptySection {
                        section: name.to_owned(),
                    },
                );
            }
            self.issue_amounts(issue, &path);
            self.issue_codes(issue, &path);
        }
    }

    fn issue_amounts(&mut self, issue: &ManagementIssue, path: &JsonPath) {
        for (k, initiative) in issue.initiatives.iter().enumerate() {
            let p = path.key("initiatives").index(k);
            self.amount(initiative.amount.as_ref(), p.key("amount"));
            if initiative.text.trim().is_empty() {
                self.warning(p.key("text"), Problem::EmptyInitiativeText);
            }
        }
        if let Some(form2) = &issue.form2 {
            for (s, strategy) in form2.strategies.iter().enumerate() {
                for (k, initiative) in strategy.initiatives.iter().enumerate() {
                    let p = path
                        .key("form2")
                        .key("strategies")
                        .index(s)
                        .key("initiatives")
                        .index(k)
                        .key("amount");
                    self.amount(initiative.amount.as_ref(), p);
                }
            }
        }
    }

    fn amount(&mut self, amount: Option<&Amount>, path: JsonPath) {
        if let Some(Err(e)) = amount.map(Amount::thousand_yen) {
            self.error(path, Problem::Amount(e));
        }
    }

    fn issue_codes(&mut self, issue: &ManagementIssue, path: &JsonPath) {
        if let Some(grade) = issue.achievement.as_ref().and_then(|a| a.grade.as_ref()) {
            self.code(grade, path.key("achievement").key("grade"));
        }
        let Some(form2) = &issue.form2 else { return };
        let f = path.key("form2");
        self.block_codes(&form2.blocks, &f.key("blocks"));
        for (s, strategy) in form2.strategies.iter().enumerate() {
            let sp = f.key("strategies").index(s);
            self.block_codes(&strategy.blocks, &sp.key("blocks"));
            for (k, initiative) in strategy.initiatives.iter().enumerate() {
                let ip = sp.key("initiatives").index(k).key("blocks");
                self.block_codes(&initiative.blocks, &ip);
            }
        }
    }

    fn block_codes(&mut self, blocks: &[LabeledBlock], path: &JsonPath) {
        for (b, block) in blocks.iter().enumerate() {
            if let Some(code) = &block.code {
                self.code(code, path.index(b).key("code"));
            }
        }
    }

    fn code(&mut self, code: &Code, path: JsonPath) {
        match self.template.code_lists.get(&code.list) {
            None => {
                let known = self.template.code_lists.keys().cloned().collect();
                self.error(
                    path.key("list"),
                    Problem::UnknownCodeList {
                        list: code.list.clone(),
                        known,
                    },
                );
            }
            Some(list) if !list.codes.iter().any(|c| c.code == code.code) => {
                let known = list.codes.iter().map(|c| c.code.clone()).collect();
                self.error(
                    path.key("code"),
                    Problem::UnknownCode {
                        code: code.code.clone(),
                        list: code.list.clone(),
                        known,
                    },
                );
            }
            Some(_) => {}
        }
    }

    /// Fields that belong to the other generation's form.
    fn generation_fields(&mut self) {
        let generation = self.plan.meta.generation;
        let mut misplaced: Vec<(JsonPath, &str)> = Vec::new();
        for (i, issue) in self.plan.issues.iter().enumerate() {
            let p = root().key("issues").index(i);
            let present = [
                ("overview", !issue.overview.is_empty(), Generation::A),
                ("initiatives", !issue.initiatives.is_empty(), Generation::A),
                ("form2", issue.form2.is_some(), Generation::A),
                (
                    "heading_own_paragraph",
                    issue.heading_own_paragraph,
                    Generation::A,
                ),
                ("recognition", !issue.recognition.is_empty(), Generation::B),
                (
                    "outcome_indicators",
                    !issue.outcome_indicators.is_empty(),
                    Generation::B,
                ),
                ("achievement", issue.achievement.is_some(), Generation::B),
                (
                    "previous_result",
                    !issue.previous_result.is_empty(),
                    Generation::B,
                ),
            ];
            for (field, is_present, belongs) in present {
                if is_present && belongs != generation {
                    misplaced.push((p.key(field), field));
                }
            }
        }
        if self.plan.reform.is_some() && generation == Generation::B {
            misplaced.push((root().key("reform"), "reform"));
        }
        if let Some(se) = &self.plan.self_evaluation {
            let p = root().key("self_evaluation");
            for (field, text, belongs) in [
                ("achievements", &se.achievements, Generation::A),
                ("challenges", &se.challenges, Generation::A),
                ("overall", &se.overall, Generation::B),
                ("future_policy", &se.future_policy, Generation::B),
            ] {
                if !text.is_empty() && belongs != generation {
                    misplaced.push((p.key(field), field));
                }
            }
        }
        for (path, field) in misplaced {
            self.error(
                path,
                Problem::OtherGeneration {
                    field: field.to_owned(),
                    generation,
                },
            );
        }
    }

    /// Sections written at a later stage must wait for that stage, and be there once it is reached.
    fn status_sections(&mut self) {
        let status = self.plan.meta.status;
        let evaluated = status == Status::SelfEvaluated;
        let reviewed = status >= Status::MidYearReviewed;
        match &self.plan.self_evaluation {
            Some(_) if !evaluated => self.error(
                root().key("self_evaluation"),
                Problem::EarlySelfEvaluation { status },
            ),
            None if evaluated => self.error(
                root().key("meta").key("status"),
                Problem::MissingSelfEvaluation,
            ),
            Some(se) if evaluated => self.required_evaluation_parts(se),
            _ => {}
        }
        for (path, text, needs, stage) in self.staged_texts() {
            let allowed = if needs == Status::SelfEvaluated {
                evaluated
            } else {
                reviewed
            };
            if !is_blank(text) && !allowed {
                self.error(
                    path,
                    Problem::EarlyStageText {
                        stage,
                        needs,
                        status,
                    },
                );
            }
        }
    }

    fn required_evaluation_parts(&mut self, se: &crate::model::SelfEvaluation) {
        let parts: [(&str, &RichText); 2] = match self.plan.meta.generation {
            Generation::A => [
                ("achievements", &se.achievements),
                ("challenges", &se.challenges),
            ],
            Generation::B => [
                ("overall", &se.overall),
                ("future_policy", &se.future_policy),
            ],
        };
        for (field, text) in parts {
            if is_blank(text) {
                self.warning(
                    root().key("self_evaluation").key(field),
                    Problem::EmptyEvaluationPart {
                        field: field.to_owned(),
                    },
                );
            }
        }
    }

    /// Texts written at the mid-year review or the year-end evaluation, with the stage they need.
    fn staged_texts(&self) -> Vec<(JsonPath, &'a RichText, Status, &'static str)> {
        let plan: &'a Plan = self.plan;
        let mut staged = Vec::new();
        for (i, issue) in plan.issues.iter().enumerate() {
            let p = root().key("issues").index(i);
            if let Some(a) = &issue.achievement {
                // The year's result and grade are written at the review, before (and without)
                // the 自己評価: pages show a grade with no 自己評価 yet.
                staged.push((
                    p.key("achievement").key("result"),
                    &a.result,
                    Status::MidYearReviewed,
                    "達成状況",
                ));
            }
            let Some(form2) = &issue.form2 else { continue };
            for (s, st) in form2.strategies.iter().enumerate() {
                let sp = p.key("form2").key("strategies").index(s);
                staged.push((
                    sp.key("midterm_review"),
                    &st.midterm_review,
                    Status::MidYearReviewed,
                    "中間振り返り",
                ));
                staged.push((
                    sp.key("year_end_review"),
                    &st.year_end_review,
                    Status::SelfEvaluated,
                    "年度末振り返り",
                ));
                for (k, it) in st.initiatives.iter().enumerate() {
                    let ip = sp.key("initiatives").index(k);
                    staged.push((
                        ip.key("midterm_review"),
                        &it.midterm_review,
                        Status::MidYearReviewed,
                        "中間振り返り",
                    ));
                    staged.push((
                        ip.key("year_end_review"),
                        &it.year_end_review,
                        Status::SelfEvaluated,
                        "年度末振り返り",
                    ));
                }
            }
        }
        if let Some(reform) = &plan.reform {
            for (r, row) in reform.rows.iter().enumerate() {
                let rp = root()
                    .key("reform")
                    .key("rows")
                    .index(r)
                    .key("midterm_review");
                staged.push((
                    rp,
                    &row.midterm_review,
                    Status::MidYearReviewed,
                    "中間振り返り",
                ));
            }
        }
        staged
    }
}
