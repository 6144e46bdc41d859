//! The forms as rows: 様式1 (+ 様式3, 自己評価) and 様式2 for generation A, the single form of
//! generation B. Label texts come from the template via [`Labeler`].

use unei_core::{Generation, Initiative, Labeler, ManagementIssue, Plan, RichText, Template};

use super::rows::{Cell, CellLine, LineSetter, Part, Row, RowKind, Style};

/// Where rows go across the page.
#[derive(Debug, Clone, Copy)]
pub struct Columns {
    pub x: f32,
    pub w: f32,
    /// Width of 様式2's vertical side label column.
    pub side_w: f32,
}

/// Builds the rows of a whole plan.
pub struct FormBuilder<'s, 'c, 'f> {
    pub setter: &'s mut LineSetter<'c, 'f>,
    pub labels: Labeler<'s>,
    pub template: &'s Template,
    pub cols: Columns,
    pub rows: Vec<Row>,
    /// The part the rows being built belong to.
    part: Part,
}

impl std::fmt::Debug for FormBuilder<'_, '_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FormBuilder")
            .field("rows", &self.rows.len())
            .finish()
    }
}

impl<'s, 'c, 'f> FormBuilder<'s, 'c, 'f> {
    pub fn new(
        setter: &'s mut LineSetter<'c, 'f>,
        plan: &'s Plan,
        template: &'s Template,
        cols: Columns,
    ) -> Self {
        FormBuilder {
            setter,
            labels: Labeler::new(plan, template),
            template,
            cols,
            rows: Vec::new(),
            part: Part::Plan,
        }
    }

    /// All rows of the plan.
    pub fn build(mut self, plan: &Plan) -> Vec<Row> {
        match plan.meta.generation {
            Generation::A => self.generation_a(plan),
            Generation::B => self.generation_b(plan),
        }
        self.rows
    }

    /// Left edge and width of the row area (様式2 rows leave room for the side label).
    fn area(&self) -> (f32, f32) {
        if self.part.is_form2() {
            (
                self.cols.x + self.cols.side_w,
                self.cols.w - self.cols.side_w,
            )
        } else {
            (self.cols.x, self.cols.w)
        }
    }

    fn inner(&self, w: f32) -> f32 {
        w - 2.0 * self.setter.metrics.pad_x
    }

    fn push(&mut self, kind: RowKind, cells: Vec<Cell>, bookmark: Option<(String, u8)>) -> usize {
        self.rows.push(Row {
            kind,
            cells,
            header: None,
            break_before: false,
            bookmark,
            part: self.part,
        });
        self.rows.len() - 1
    }

    fn heading(&mut self, id: &str) {
        let text = self.labels.get(id);
        let (x, w) = self.area();
        let style = Style {
            size: self.setter.metrics.heading_size,
            bold: true,
        };
        let lines = self
            .setter
            .paragraph(&text, self.inner(w), style, &format!("labels.{id}"));
        let cell = Cell {
            x,
            w,
            shaded: false,
            border: false,
            lines,
        };
        self.push(RowKind::Heading, vec![cell], Some((text, 0)));
    }

    /// A shaded label row spanning the area; `text` already resolved.
    fn label_text(&mut self, text: &str, source: &str, bookmark: Option<u8>) {
        let (x, w) = self.area();
        let style = self.setter.bold();
        let lines = self.setter.paragraph(text, self.inner(w), style, source);
        let cell = Cell {
            x,
            w,
            shaded: true,
            border: true,
            lines,
        };
        self.push(
            RowKind::Label,
            vec![cell],
            bookmark.map(|level| (text.to_owned(), level)),
        );
    }

    fn label(&mut self, id: &str, bookmark: Option<u8>) {
        let text = self.labels.get(id);
        self.label_text(&text, &format!("labels.{id}"), bookmark);
    }

    fn content_lines(&mut self, lines: Vec<CellLine>) {
        let (x, w) = self.area();
        let cell = Cell {
            x,
            w,
            shaded: false,
            border: true,
            lines,
        };
        self.push(RowKind::Content, vec![cell], None);
    }

    fn content(&mut self, text: &RichText, path: &str) {
        let (_, w) = self.area();
        let lines = self.setter.rich(text, self.inner(w), path);
        self.content_lines(lines);
    }

    /// Column edges for fractions of the area's width.
    fn split(&self, fractions: &[f32]) -> Vec<(f32, f32)> {
        let (mut x, w) = self.area();
        fractions
            .iter()
            .map(|f| {
                let col = (x, w * f);
                x += w * f;
                col
            })
            .collect()
    }

    /// A header row of label cells; returns its index for continuation rows.
    fn header(&mut self, ids: &[&str], fractions: &[f32], bookmark: Option<(String, u8)>) -> usize {
        let cols = self.split(fractions);
        let style = self.setter.bold();
        let cells = ids
            .iter()
            .zip(cols)
            .map(|(id, (x, w))| {
                let text = self.labels.get(id);
                let lines = self.setter.paragraph(
                    &text,
                    w - 2.0 * self.setter.metrics.pad_x,
                    style,
                    &format!("labels.{id}"),
                );
                Cell {
                    x,
                    w,
                    shaded: true,
                    border: true,
                    lines,
                }
            })
            .collect();
        self.push(RowKind::Header, cells, bookmark)
    }

    fn columns_row(&mut self, columns: Vec<Vec<CellLine>>, fractions: &[f32], header: usize) {
        let cells = columns
            .into_iter()
            .zip(self.split(fractions))
            .map(|(lines, (x, w))| Cell {
                x,
                w,
                shaded: false,
                border: true,
                lines,
            })
            .collect();
        let row = self.push(RowKind::Content, cells, None);
        self.rows[row].header = Some(header);
    }

    fn generation_a(&mut self, plan: &Plan) {
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
        for (i, issue) in plan.issues.iter().enumerate() {
            if let Some(form2) = &issue.form2 {
                self.part = Part::Form2 { issue: i };
                super::form2::build(self, i, issue, form2);
            }
        }
    }

    fn common_head(&mut self, plan: &Plan) {
        for (i, block) in plan.preamble.iter().enumerate() {
            self.label_text(&block.label, &format!("preamble[{i}].label"), None);
            self.content(&block.text, &format!("preamble[{i}].text"));
        }
        for (id, text) in [
            ("goal", &plan.goal),
            ("mission", &plan.mission),
            ("policy", &plan.policy),
        ] {
            self.label(id, Some(0));
            self.content(text, id);
        }
    }

    pub(super) fn issue_number(issue: &ManagementIssue) -> String {
        issue
            .number_text
            .clone()
            .unwrap_or_else(|| issue.number.to_string())
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
        let lines = self.initiative_lines(&issue.initiatives, &path);
        self.content_lines(lines);
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
        }
    }

    fn generation_b(&mut self, plan: &Plan) {
        self.common_head(plan);
        for (i, issue) in plan.issues.iter().enumerate() {
            let path = format!("issues[{i}]");
            let heading =
                self.labels
                    .numbered("issue_heading", &Self::issue_number(issue), &issue.title);
            self.label_text(&heading, "labels.issue_heading", Some(0));
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

    // Accessors for the 様式2 builder.
    pub(super) fn label_row(&mut self, text: &str, source: &str, bookmark: Option<u8>) {
        self.label_text(text, source, bookmark);
    }
    pub(super) fn label_id(&mut self, id: &str) {
        self.label(id, None);
    }
    pub(super) fn content_row(&mut self, text: &RichText, path: &str) {
        self.content(text, path);
    }
    pub(super) fn lines_row(&mut self, lines: Vec<CellLine>) {
        self.content_lines(lines);
    }
    pub(super) fn inner_width(&self) -> f32 {
        self.inner(self.area().1)
    }
    pub(super) fn mark_break_before(&mut self) {
        if let Some(last) = self.rows.last_mut() {
            last.break_before = true;
        }
    }
}
