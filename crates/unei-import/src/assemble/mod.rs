//! Rows of cells → plan fields. Labels are found by text; a label's value is the cells to
//! its right in its row band (merged rows included) or, failing that, the cells below it in
//! its columns, up to the next label row or empty sheet row. Numbered headings
//! (`【経営課題1 …】`, `戦略1-1`, `具体的取組1-1-1`) open the parts they number.

mod fields;
mod form2;

use std::collections::BTreeSet;

use unei_core::rich::RichText;
use unei_core::template::ImportRules;
use unei_core::wareki::FiscalYear;
use unei_core::{LabeledBlock, ManagementIssue, OrgKind, Reform, SelfEvaluation, Template};

use crate::error::Warning;
use crate::headings::parse_heading;
use crate::labels::{Field, LabelMatch, LabelMatcher};
use crate::report::{MappedCell, SheetReport, UnmappedCell};
use crate::source::{Content, Line, SourceCell};

/// What the importers share: the template, its import rules and the label matcher.
#[derive(Debug)]
pub struct Context<'t> {
    pub template: &'t Template,
    pub rules: &'t ImportRules,
    pub matcher: LabelMatcher,
}

impl<'t> Context<'t> {
    pub fn new(template: &'t Template) -> Result<Self, crate::ImportError> {
        let rules = template.import.as_ref().ok_or_else(|| {
            crate::ImportError::Template(format!(
                "template {:?} has no [import] section (label variants for unei import)",
                template.id
            ))
        })?;
        Ok(Context {
            template,
            rules,
            matcher: LabelMatcher::new(template, rules)?,
        })
    }
}

/// The plan's parts as found, before meta is decided.
#[derive(Debug, Default)]
pub struct Draft {
    pub preamble: Vec<LabeledBlock>,
    pub goal: RichText,
    pub mission: RichText,
    pub policy: RichText,
    pub issues: Vec<ManagementIssue>,
    pub reform: Option<Reform>,
    pub self_evaluation: Option<SelfEvaluation>,
    pub evidence: Evidence,
}

/// What the labels said about the plan itself, with where they said it.
#[derive(Debug, Default)]
pub struct Evidence {
    pub organisation: Option<(String, String)>,
    pub year: Option<(FiscalYear, String)>,
    pub year_number: Option<String>,
    pub label_kind: Option<OrgKind>,
    pub draft_title: bool,
    pub reform_version: Option<String>,
    /// Labels that exist only on generation A / B forms: `様式1!A7 経営課題の概要`.
    pub generation_a: Vec<String>,
    pub generation_b: Vec<String>,
    pub fields: BTreeSet<Field>,
    /// Publication notes of a page, for meta.source.
    pub notes: Vec<String>,
}

/// Which part of the form the rows are in; decides where shared labels (中間振り返り) go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Plan,
    Issues,
    Reform,
    SelfEvaluation,
    Form2,
}

/// A label whose values may still come (to its right or below it).
#[derive(Debug, Clone)]
struct OpenLabel {
    field: Field,
    /// The label as written, line breaks removed (様式2 and preamble blocks keep it).
    text: String,
    row: u32,
    row_end: u32,
    col: u32,
    col_end: u32,
    /// Last column of the label's reach below it: up to the next cell of its row.
    reach_end: u32,
    /// Still waiting for values in the rows below.
    below: bool,
    section: Section,
    /// The block this label's values go to, once the first value created it.
    block: Option<form2::BlockRef>,
}

/// The 経営課題 / 戦略 / 具体的取組 the rows are in.
#[derive(Debug, Clone, Copy, Default)]
struct Cursor {
    issue: Option<usize>,
    strategy: Option<usize>,
    initiative: Option<usize>,
}

/// A heading that takes the next cell of its row: a title or an amount.
#[derive(Debug, Clone, Copy)]
enum Tail {
    IssueTitle {
        row: u32,
        issue: usize,
    },
    InitiativeAmount {
        row: u32,
        issue: usize,
        strategy: usize,
        initiative: usize,
    },
}

/// Where the 具体的取組 of the last value row went, so an amount cell beside it can join it.
#[derive(Debug, Clone, Copy)]
struct LastInitiatives {
    row: u32,
    issue: usize,
    first: usize,
    count: usize,
}

/// Consumes [`Line`]s and fills a [`Draft`], recording where every cell went.
#[derive(Debug)]
pub struct Assembler<'c> {
    ctx: &'c Context<'c>,
    pub draft: Draft,
    pub mapped: Vec<MappedCell>,
    pub unmapped: Vec<UnmappedCell>,
    pub warnings: Vec<Warning>,
    pub sheets: Vec<SheetReport>,
    sheet_form: String,
    section: Section,
    open: Vec<OpenLabel>,
    cursor: Cursor,
    tail: Option<Tail>,
    last_initiatives: Option<LastInitiatives>,
}

/// Where a value stands relative to its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Beside {
    Right,
    Below,
}

/// A cell is a label (with the value written after it in the same cell, if any) or a value.
enum Kind {
    Label(LabelMatch, Option<String>),
    Value,
}

impl<'c> Assembler<'c> {
    pub fn new(ctx: &'c Context<'c>) -> Self {
        Assembler {
            ctx,
            draft: Draft::default(),
            mapped: Vec::new(),
            unmapped: Vec::new(),
            warnings: Vec::new(),
            sheets: Vec::new(),
            sheet_form: String::new(),
            section: Section::Plan,
            open: Vec::new(),
            cursor: Cursor::default(),
            tail: None,
            last_initiatives: None,
        }
    }

    pub fn feed(&mut self, line: Line) {
        match line {
            Line::Sheet { name, form } => self.start_sheet(name, form),
            Line::Gap => self.open.iter_mut().for_each(|l| l.below = false),
            Line::Row(cells) => self.row(cells),
        }
    }

    fn bullets(&self) -> &'c [String] {
        &self.ctx.rules.bullets
    }

    fn start_sheet(&mut self, name: String, form: String) {
        self.section = match form.as_str() {
            "様式2" => Section::Form2,
            "様式3" => Section::Reform,
            "自己評価" => Section::SelfEvaluation,
            _ => Section::Plan,
        };
        self.open.clear();
        self.cursor = Cursor::default();
        self.tail = None;
        self.sheet_form = form.clone();
        self.sheets.push(SheetReport { name, form });
    }

    fn row(&mut self, cells: Vec<SourceCell>) {
        let Some(row) = cells.first().map(|c| c.row) else {
            return;
        };
        let kinds: Vec<Kind> = cells.iter().map(|c| self.classify(c)).collect();
        let has_label = kinds.iter().any(|k| matches!(k, Kind::Label(..)));
        self.open.retain(|l| l.below || l.row_end >= row);
        if has_label {
            self.open.iter_mut().for_each(|l| l.below = false);
        }
        self.tail = None;
        for (i, (cell, kind)) in cells.iter().zip(kinds).enumerate() {
            let reach_end = cells
                .get(i + 1)
                .map_or(u32::MAX, |next| next.col.saturating_sub(1));
            match kind {
                Kind::Label(found, inline) => self.label(cell, found, inline, reach_end),
                Kind::Value => self.value(cell),
            }
        }
    }

    fn classify(&self, cell: &SourceCell) -> Kind {
        if matches!(cell.content, Content::Number(_)) {
            return Kind::Value;
        }
        let text = cell.plain_text(self.bullets());
        if let Some(found) = self.ctx.matcher.find(&text) {
            return Kind::Label(found, None);
        }
        if let (Content::Text(_), Some((first, rest))) = (&cell.content, text.split_once('\n'))
            && let Some(found) = self.ctx.matcher.find(first)
            && found.field.takes_value()
            && !rest.trim().is_empty()
        {
            return Kind::Label(found, Some(rest.to_owned()));
        }
        Kind::Value
    }

    fn label(
        &mut self,
        cell: &SourceCell,
        found: LabelMatch,
        inline: Option<String>,
        reach_end: u32,
    ) {
        let field = found.field;
        self.record_evidence(cell, &found);
        self.enter_section(field);
        let plain = cell.plain_text(self.bullets());
        // Line breaks inside a label cell are layout (a narrow merged cell), not text.
        let text: String = if inline.is_some() {
            plain.lines().next().unwrap_or_default().trim().to_owned()
        } else {
            plain.lines().map(str::trim).collect()
        };
        let open = OpenLabel {
            field,
            text,
            row: cell.row,
            row_end: cell.row_end,
            col: cell.col,
            col_end: cell.col_end,
            reach_end: reach_end.max(cell.col_end),
            below: field.takes_value(),
            section: self.section,
            block: None,
        };
        self.open.push(open);
        let label_path = format!("label:{}", field.id());
        match inline {
            None => self.map(cell, label_path),
            Some(value) => {
                let index = self.open.len() - 1;
                let value_cell = cell.with_text(value);
                match self.assign(index, &value_cell) {
                    Ok(path) => self.map(cell, format!("{label_path}, {path}")),
                    Err(reason) => self.unmap(cell, reason),
                }
            }
        }
    }

    fn enter_section(&mut self, field: Field) {
        self.section = match field {
            // 様式2 sheets repeat the title: it does not leave the part the rows are in.
            Field::Title | Field::DraftTitle => self.section,
            Field::PlanHeading | Field::Preamble => Section::Plan,
            Field::Goal | Field::Mission | Field::Policy => Section::Plan,
            Field::Issues if self.section == Section::Form2 => Section::Form2,
            Field::Issues
            | Field::IssueOverview
            | Field::Strategies
            | Field::Initiatives
            | Field::Recognition
            | Field::OutcomeIndicators
            | Field::Achievement
            | Field::AchievementResult
            | Field::PreviousResult => Section::Issues,
            Field::Reform | Field::ReformItem | Field::ReformContent => Section::Reform,
            Field::SelfEvaluationHeading
            | Field::Achievements
            | Field::Challenges
            | Field::Overall
            | Field::FuturePolicy => Section::SelfEvaluation,
            Field::Form2Tag | Field::Form2SideLabel | Field::Form2Block => Section::Form2,
            Field::MidtermReview | Field::YearEndReview => self.section,
        };
    }

    fn record_evidence(&mut self, cell: &SourceCell, found: &LabelMatch) {
        let evidence = &mut self.draft.evidence;
        let captures = &found.captures;
        let id = found.field.id().to_owned();
        let noted = format!("{} {}", cell.address, found.field.id());
        if self.ctx.rules.generation_a_fields.contains(&id) {
            evidence.generation_a.push(noted);
        } else if self.ctx.rules.generation_b_fields.contains(&id) {
            evidence.generation_b.push(noted);
        }
        evidence.fields.insert(found.field);
        if let Some(year) = captures.year {
            evidence.year.get_or_insert((year, cell.address.clone()));
        }
        if let Some(name) = &captures.organisation {
            evidence
                .organisation
                .get_or_insert((name.clone(), cell.address.clone()));
        }
        if let Some(kind) = captures.label_kind {
            evidence.label_kind.get_or_insert(kind);
        }
        if let Some(number) = &captures.year_number {
            evidence.year_number.get_or_insert(number.clone());
        }
        if let Some(version) = &captures.version {
            evidence.reform_version.get_or_insert(version.clone());
        }
        if found.field == Field::DraftTitle {
            evidence.draft_title = true;
        }
    }

    fn value(&mut self, cell: &SourceCell) {
        if self.take_tail(cell) {
            return;
        }
        let owner = self.owner(cell);
        if let Some((i, Beside::Right)) = owner {
            // Rows below a label-and-value row continue the value in its columns.
            let label = &mut self.open[i];
            label.reach_end = label.reach_end.max(cell.col_end);
        }
        let owner = owner.map(|(i, _)| i);
        let heading = match &cell.content {
            Content::Number(_) => None,
            _ => parse_heading(&cell.plain_text(self.bullets()), self.ctx.rules),
        };
        let overview_owner = owner.is_some_and(|i| self.open[i].field == Field::IssueOverview);
        let outcome = match (owner, heading) {
            (Some(i), _) if overview_owner => self.assign(i, cell),
            (_, Some(heading)) => self.structural_heading(cell, &heading),
            (Some(i), None) => self.assign(i, cell),
            (None, None) => Err("no label to its left or above it".to_owned()),
        };
        match outcome {
            Ok(path) => self.map(cell, path),
            Err(reason) => self.unmap(cell, reason),
        }
    }

    /// The label whose value `cell` is: the nearest label to its left in its row band, else
    /// the label above it (latest label row) that reaches over its columns the most. A
    /// heading to the left (the vertical 計画 of 様式2) takes no value and does not count.
    fn owner(&self, cell: &SourceCell) -> Option<(usize, Beside)> {
        let left = self
            .open
            .iter()
            .enumerate()
            .filter(|(_, l)| l.row <= cell.row && cell.row <= l.row_end && l.col_end < cell.col)
            .max_by_key(|(_, l)| l.col_end);
        if let Some((i, label)) = left
            && label.field.takes_value()
        {
            return Some((i, Beside::Right));
        }
        self.open
            .iter()
            .enumerate()
            .filter(|(_, l)| l.below && l.row_end < cell.row)
            .map(|(i, l)| (i, overlap(l.col, l.reach_end, cell.col, cell.col_end)))
            .filter(|(_, overlap)| *overlap > 0)
            .max_by_key(|(i, overlap)| (*overlap, std::cmp::Reverse(*i)))
            .map(|(i, _)| (i, Beside::Below))
    }

    fn map(&mut self, cell: &SourceCell, field: String) {
        self.mapped.push(MappedCell {
            address: cell.address.clone(),
            text: cell.source_text(),
            field,
        });
    }

    fn unmap(&mut self, cell: &SourceCell, reason: String) {
        self.unmapped.push(UnmappedCell {
            address: cell.address.clone(),
            text: cell.source_text(),
            reason,
        });
    }

    fn warn(&mut self, position: &str, message: impl Into<String>) {
        self.warnings.push(Warning::new(position, message));
    }
}

/// Number of columns two inclusive ranges share.
fn overlap(a_start: u32, a_end: u32, b_start: u32, b_end: u32) -> u64 {
    let start = a_start.max(b_start);
    let end = a_end.min(b_end);
    if end < start {
        0
    } else {
        u64::from(end - start) + 1
    }
}

#[cfg(test)]
mod tests {
    use unei_core::rich::Block;

    use super::*;

    fn cell(row: u32, col: u32, col_end: u32, text: &str) -> SourceCell {
        SourceCell {
            address: format!("S!{row}:{col}"),
            row,
            row_end: row,
            col,
            col_end,
            content: Content::Text(text.to_owned()),
        }
    }

    fn assemble(lines: Vec<Line>) -> (Draft, Vec<UnmappedCell>) {
        let template = Template::bundled();
        let ctx = Context::new(&template).unwrap();
        let mut assembler = Assembler::new(&ctx);
        for line in lines {
            assembler.feed(line);
        }
        (assembler.draft, assembler.unmapped)
    }

    fn p(text: &str) -> Block {
        Block::P(text.to_owned())
    }

    #[test]
    fn a_value_continues_in_the_rows_below_its_first_part() {
        let (draft, unmapped) = assemble(vec![
            Line::Row(vec![cell(1, 0, 2, "【経営課題1】地域防災力の向上")]),
            Line::Row(vec![cell(2, 0, 0, "課題認識"), cell(2, 1, 2, "第一段落")]),
            Line::Row(vec![cell(3, 1, 2, "第二段落")]),
        ]);
        assert!(unmapped.is_empty(), "{unmapped:?}");
        assert_eq!(draft.issues[0].recognition, [p("第一段落"), p("第二段落")]);
    }

    #[test]
    fn an_empty_row_ends_the_values_below_a_label() {
        let (draft, unmapped) = assemble(vec![
            Line::Row(vec![cell(1, 0, 3, "区の目標（何をめざすのか）")]),
            Line::Row(vec![cell(2, 0, 3, "目標の文")]),
            Line::Gap,
            Line::Row(vec![cell(4, 0, 3, "欄外のメモ")]),
        ]);
        assert_eq!(draft.goal, [p("目標の文")]);
        assert_eq!(unmapped.len(), 1);
        assert_eq!(unmapped[0].text, "欄外のメモ");
    }

    #[test]
    fn labels_side_by_side_take_the_values_below_them() {
        let (draft, unmapped) = assemble(vec![
            Line::Row(vec![
                cell(1, 0, 1, "経営課題の概要"),
                cell(1, 2, 3, "主な戦略"),
            ]),
            Line::Row(vec![
                cell(2, 0, 1, "【経営課題1 題名】 概要"),
                cell(2, 2, 3, "・戦略"),
            ]),
        ]);
        assert!(unmapped.is_empty(), "{unmapped:?}");
        let issue = &draft.issues[0];
        assert_eq!(
            (issue.title.as_str(), &issue.overview[..]),
            ("題名", &[p("概要")][..])
        );
        assert_eq!(issue.strategies.len(), 1);
    }

    #[test]
    fn label_and_value_in_one_cell_are_split() {
        let (draft, unmapped) = assemble(vec![Line::Row(vec![cell(
            1,
            0,
            0,
            "【局の使命（どのような役割を担うのか）】\n市民の安全を支える。",
        )])]);
        assert!(unmapped.is_empty(), "{unmapped:?}");
        assert_eq!(draft.mission, [p("市民の安全を支える。")]);
        assert_eq!(draft.evidence.label_kind, Some(OrgKind::Bureau));
    }
}
