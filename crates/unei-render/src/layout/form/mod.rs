//! The form stage: a plan as form rows — 様式1 (+ 様式3, 自己評価) and 様式2 for generation A
//! ([`gen_a`], [`form2`]), the single form of generation B ([`gen_b`]). Label texts come from
//! the template via [`Labeler`]; every line is broken by the [`LineSetter`]. Knows nothing of
//! pages: the page stage stacks these rows.

mod form2;
mod gen_a;
mod gen_b;

use unei_core::{Generation, Labeler, ManagementIssue, Plan, RichText, Template};

use super::rows::{Cell, CellLine, LineSetter, Part, Reading, Row, RowKind, Style};

/// Where rows go across the page.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Columns {
    pub x: f32,
    pub w: f32,
    /// Width of 様式2's vertical side label column.
    pub side_w: f32,
}

/// The rows of a whole plan, in reading order, set at the widths of `cols`.
pub(crate) fn build_rows(
    setter: &mut LineSetter<'_, '_>,
    plan: &Plan,
    template: &Template,
    cols: Columns,
) -> Vec<Row> {
    FormBuilder::new(setter, plan, template, cols).build(plan)
}

/// Builds the rows of a whole plan; each form's rows are added by its own module.
struct FormBuilder<'s, 'c, 'f> {
    setter: &'s mut LineSetter<'c, 'f>,
    labels: Labeler<'s>,
    template: &'s Template,
    cols: Columns,
    rows: Vec<Row>,
    /// The part the rows being built belong to.
    part: Part,
    /// Heading level the next label row gets in the document's structure.
    label_level: u8,
}

impl std::fmt::Debug for FormBuilder<'_, '_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FormBuilder")
            .field("rows", &self.rows.len())
            .finish()
    }
}

impl<'s, 'c, 'f> FormBuilder<'s, 'c, 'f> {
    fn new(
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
            label_level: 2,
        }
    }

    /// All rows of the plan.
    fn build(mut self, plan: &Plan) -> Vec<Row> {
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
        let level = match kind {
            RowKind::Heading => 2,
            RowKind::Label => self.label_level,
            RowKind::Header | RowKind::Content => 0,
        };
        self.rows.push(Row {
            level,
            kind,
            cells,
            header: None,
            break_before: false,
            bookmark,
            part: self.part,
            reading: Reading::Plain,
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
        self.label_level = 3;
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

    fn issue_number(issue: &ManagementIssue) -> String {
        issue
            .number_text
            .clone()
            .unwrap_or_else(|| issue.number.to_string())
    }

    /// How the structure reads the row just pushed.
    fn read_last_as(&mut self, reading: Reading) {
        if let Some(last) = self.rows.last_mut() {
            last.reading = reading;
        }
    }

    /// The next row the page stage sees starts a new page.
    fn break_before_last(&mut self) {
        if let Some(last) = self.rows.last_mut() {
            last.break_before = true;
        }
    }
}
