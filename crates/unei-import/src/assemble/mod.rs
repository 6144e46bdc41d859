//! Rows of cells → plan fields. Labels are found by text; a label's value is the cell to its
//! right in its row band (merged rows included) or, failing that, the cell below it in its
//! column, up to the next label row or empty sheet row. Only where the form puts a value is
//! content: a cell beside a value, one column off, or a word under a list is reported, never
//! merged. Numbered headings (`【経営課題1 …】`, `戦略1-1`, `具体的取組1-1-1`) open the parts
//! they number, and the text under them is theirs.

mod fields;
mod form2;
mod page_lines;

pub use page_lines::is_date;

use std::collections::BTreeSet;

use unei_core::rich::RichText;
use unei_core::wareki::FiscalYear;
use unei_core::{LabeledBlock, ManagementIssue, OrgKind, Reform, SelfEvaluation, Template};

use crate::error::Warning;
use crate::headings::parse_heading;
use crate::labels::{Field, LabelMatch, LabelMatcher};
use crate::message::Message;
use crate::report::{Entry, SheetReport};
use crate::rules::ImportRules;
use crate::source::{Content, Line, SourceCell};

/// What the importers share: the template, its import rules and the label matcher.
#[derive(Debug)]
pub struct Context<'t> {
    pub template: &'t Template,
    pub rules: ImportRules,
    pub matcher: LabelMatcher,
}

impl<'t> Context<'t> {
    pub fn new(template: &'t Template) -> Result<Self, crate::ImportError> {
        let rules = ImportRules::from_template(template)?;
        let matcher = LabelMatcher::new(template, &rules)?;
        Ok(Context {
            template,
            rules,
            matcher,
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
    /// Labels as the author wrote them, by template label id, where they differ from the
    /// template's wording (kept in the plan's `labels`, printed as written).
    pub wordings: Vec<(Field, String)>,
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

/// What a label's values do.
#[derive(Debug, Clone, PartialEq)]
enum Sink {
    /// They go to the label's field.
    Field,
    /// An unknown label whose text cannot go anywhere: each value is reported unmapped.
    Unknown(String),
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
    /// Still waiting for values in the rows below.
    below: bool,
    section: Section,
    /// The block this label's values go to, once the first value created it.
    block: Option<form2::BlockRef>,
    /// Column of its first value to the right, once there is one.
    right_col: Option<u32>,
    /// Column of its first value below, once there is one.
    below_col: Option<u32>,
    /// Row of the last value it took: a page line after it may continue it.
    last_row: Option<u32>,
    sink: Sink,
}

/// The 経営課題 / 戦略 / 具体的取組 the rows are in.
#[derive(Debug, Clone, Copy, Default)]
struct Cursor {
    issue: Option<usize>,
    strategy: Option<usize>,
    initiative: Option<usize>,
}

/// A heading that takes the next cell of its row (or, on a page, the next line): a title
/// or an amount.
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

impl Tail {
    fn row(self) -> u32 {
        match self {
            Tail::IssueTitle { row, .. } | Tail::InitiativeAmount { row, .. } => row,
        }
    }
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
    pub entries: Vec<Entry>,
    pub warnings: Vec<Warning>,
    pub sheets: Vec<SheetReport>,
    /// The source is a page: lines, not cells; chrome and notes are recognised.
    page: bool,
    /// A label or heading of the form has been seen (notices come before the plan).
    seen_label: bool,
    /// On a page whose first label is the plan's title: that line's row. Every line before
    /// it is the site's header.
    title_row: Option<u32>,
    /// The footer phrase once the site's footer has begun: every line from there is chrome.
    footer: Option<String>,
    sheet_form: String,
    section: Section,
    open: Vec<OpenLabel>,
    cursor: Cursor,
    tail: Option<Tail>,
    last_initiatives: Option<LastInitiatives>,
    /// The row being read has an amount cell right of the cell being placed.
    amount_beside: bool,
}

/// Where a value stands relative to its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Beside {
    Right,
    Below,
}

/// A cell is a label (with the value written after it in the same cell, if any), a line
/// that looks like a label but is none, or a value.
enum Kind {
    Label(LabelMatch, Option<String>),
    Unknown(crate::labels::Closest),
    Value,
}

impl<'c> Assembler<'c> {
    pub fn new(ctx: &'c Context<'c>, page: bool) -> Self {
        Assembler {
            ctx,
            draft: Draft::default(),
            entries: Vec::new(),
            warnings: Vec::new(),
            sheets: Vec::new(),
            page,
            seen_label: false,
            title_row: None,
            footer: None,
            sheet_form: String::new(),
            section: Section::Plan,
            open: Vec::new(),
            cursor: Cursor::default(),
            tail: None,
            last_initiatives: None,
            amount_beside: false,
        }
    }

    pub fn feed(&mut self, line: Line) {
        match line {
            Line::Sheet { name, form } => self.start_sheet(name, form),
            Line::Gap => self.open.iter_mut().for_each(|l| l.below = false),
            Line::Row(cells) => self.row(cells),
            Line::Entry(entry) => self.entries.push(*entry),
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
        if self.page && self.page_line(&cells) {
            return;
        }
        let kinds: Vec<Kind> = cells.iter().map(|c| self.classify(c)).collect();
        let has_label = kinds
            .iter()
            .any(|k| matches!(k, Kind::Label(..) | Kind::Unknown(_)));
        self.open.retain(|l| l.below || l.row_end >= row);
        if has_label {
            self.open.iter_mut().for_each(|l| l.below = false);
        }
        let page = self.page;
        self.tail = self
            .tail
            .filter(|t| t.row() == row || (page && t.row() + 1 == row));
        for (i, (cell, kind)) in cells.iter().zip(kinds).enumerate() {
            self.amount_beside = cells[i + 1..]
                .iter()
                .any(|c| matches!(self.amount_in(c), Some(Ok(_))));
            match kind {
                Kind::Label(found, inline) => self.label(cell, found, inline),
                Kind::Unknown(closest) => self.unknown_label(cell, closest),
                Kind::Value => self.value(cell),
            }
        }
    }

    fn classify(&self, cell: &SourceCell) -> Kind {
        if matches!(cell.content, Content::Number(_)) {
            return Kind::Value;
        }
        let text = cell.plain_text(self.bullets());
        let (found, closest) = self.ctx.matcher.lookup(&text);
        if let Some(found) = found {
            return Kind::Label(found, None);
        }
        if let (Content::Text(_), Some((first, rest))) = (&cell.content, text.split_once('\n'))
            && let Some(found) = self.ctx.matcher.find(first)
            && found.field.takes_value()
            && !rest.trim().is_empty()
        {
            return Kind::Label(found, Some(rest.to_owned()));
        }
        match closest.filter(|_| self.label_shaped(cell, &text)) {
            Some(closest) if self.ctx.matcher.is_unknown_label_score(closest.score) => {
                Kind::Unknown(closest)
            }
            Some(closest) if is_bracketed(&text) => Kind::Unknown(closest),
            _ => Kind::Value,
        }
    }

    /// A text shaped like a label: one line, no sentence end, not a list item, heading or
    /// amount. Close to a known label (or wholly in 【】), it is an unknown label.
    fn label_shaped(&self, cell: &SourceCell, text: &str) -> bool {
        if !matches!(cell.content, Content::Text(_) | Content::Html(_)) {
            return false;
        }
        let trimmed = text.trim();
        let sentence = trimmed.ends_with(['。', '．', '.', '、']) || trimmed.contains('\n');
        let item = crate::richtext::starts_item(trimmed, self.bullets())
            || parse_heading(trimmed, &self.ctx.rules).is_some()
            || crate::richtext::split_amount(trimmed).1.is_some();
        !(trimmed.is_empty() || sentence || item)
    }

    fn label(&mut self, cell: &SourceCell, found: LabelMatch, inline: Option<String>) {
        let field = found.field;
        // The title heads the page; notices about the plan may still follow it.
        self.seen_label |= !matches!(field, Field::Title | Field::DraftTitle);
        self.record_evidence(cell, &found);
        self.enter_section(field);
        let plain = cell.plain_text(self.bullets());
        // Line breaks inside a label cell are layout (a narrow merged cell), not text.
        let text: String = if inline.is_some() {
            plain.lines().next().unwrap_or_default().trim().to_owned()
        } else {
            plain.lines().map(str::trim).collect()
        };
        if found.fuzzy {
            let score = (found.score * 100.0).round();
            // A score is within 0–100 once rounded.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let score = score as u32;
            self.warn(
                &cell.address,
                Message::LabelReadAs {
                    written: text.clone(),
                    label: found.variant.clone(),
                    score,
                },
            );
        }
        self.keep_wording(field, &text);
        self.open_label(cell, field, text, Sink::Field);
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

    fn open_label(&mut self, cell: &SourceCell, field: Field, text: String, sink: Sink) {
        self.open.push(OpenLabel {
            field,
            text,
            row: cell.row,
            row_end: cell.row_end,
            col: cell.col,
            col_end: cell.col_end,
            below: field.takes_value(),
            section: self.section,
            block: None,
            right_col: None,
            below_col: None,
            last_row: None,
            sink,
        });
    }

    /// A label-shaped line that matches no label: in 様式2 its text becomes a block under the
    /// label as written, before the plan's fields a preamble block; elsewhere its text is
    /// reported unmapped. Never merged into the field above it.
    fn unknown_label(&mut self, cell: &SourceCell, closest: crate::labels::Closest) {
        let text: String = cell
            .plain_text(self.bullets())
            .lines()
            .map(str::trim)
            .collect();
        let form2_issue = self
            .cursor
            .issue
            .filter(|i| self.draft.issues[*i].form2.is_some());
        let before_fields = self.draft.goal.is_empty()
            && self.draft.mission.is_empty()
            && self.draft.policy.is_empty()
            && self.draft.issues.is_empty();
        let (field, sink) = if self.section == Section::Form2 && form2_issue.is_some() {
            (Field::Form2Block, Sink::Field)
        } else if self.section == Section::Plan && before_fields {
            (Field::Preamble, Sink::Field)
        } else {
            (Field::Preamble, Sink::Unknown(text.clone()))
        };
        self.open_label(cell, field, text, sink.clone());
        let index = self.open.len() - 1;
        let destination = match sink {
            Sink::Unknown(_) => "unmapped".to_owned(),
            Sink::Field => match self.open_block(index) {
                Ok(block) => block.path(),
                Err(_) => "unmapped".to_owned(),
            },
        };
        self.entries.push(Entry::unknown_label(
            &cell.address,
            cell.source_text(),
            closest.variant,
            destination,
        ));
    }

    /// The author's wording of a label the plan prints, when it differs from the template's.
    fn keep_wording(&mut self, field: Field, text: &str) {
        if matches!(
            field,
            Field::Goal | Field::Mission | Field::Policy | Field::Strategies | Field::Issues
        ) && !text.is_empty()
            && !self
                .draft
                .evidence
                .wordings
                .iter()
                .any(|(f, _)| *f == field)
        {
            self.draft.evidence.wordings.push((field, text.to_owned()));
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
        let heading = match &cell.content {
            Content::Number(_) => None,
            _ => parse_heading(&cell.plain_text(self.bullets()), &self.ctx.rules),
        };
        // Under 経営課題の概要, `【経営課題1 title】 overview` is the overview's value; a 戦略 or
        // 具体的取組 heading is a heading wherever it stands.
        let issue_heading = heading
            .as_ref()
            .is_none_or(|h| h.kind == crate::headings::HeadingKind::Issue);
        let overview_owner = issue_heading
            && owner.is_some_and(|(i, _)| {
                self.open[i].field == Field::IssueOverview && self.open[i].sink == Sink::Field
            });
        let outcome = match (owner, heading) {
            (Some((i, beside)), _) if overview_owner => self.place(i, beside, cell),
            (_, Some(heading)) => {
                self.seen_label = true;
                self.structural_heading(cell, &heading)
            }
            (Some((i, beside)), None) => self.place(i, beside, cell),
            (None, None) => Err(Message::NoLabel),
        };
        match outcome {
            Ok(path) => self.map(cell, path),
            Err(reason) => self.unmap(cell, reason),
        }
    }

    /// Puts a value where its label's layout allows one, else says why not.
    fn place(
        &mut self,
        label: usize,
        beside: Beside,
        cell: &SourceCell,
    ) -> Result<String, Message> {
        self.check_placement(label, beside, cell)?;
        if let Sink::Unknown(text) = &self.open[label].sink {
            return Err(Message::UnderUnknownLabel {
                label: text.clone(),
            });
        }
        let path = self.assign(label, cell)?;
        self.open[label].last_row = Some(cell.row_end);
        Ok(path)
    }

    /// Only where the form puts a value is content: the first cell right of a label (and
    /// its column below), or the label's column below it; an amount or code beside a value
    /// is the value's; rows under a list must be items of it.
    fn check_placement(
        &mut self,
        index: usize,
        beside: Beside,
        cell: &SourceCell,
    ) -> Result<(), Message> {
        let extra = matches!(self.amount_in(cell), Some(Ok(_))) || self.code_of(cell).is_some();
        let page = self.page;
        let amount_beside = self.amount_beside;
        let bullets = self.bullets();
        let label = &mut self.open[index];
        let name = label.text.clone();
        let column = match beside {
            Beside::Right => &mut label.right_col,
            Beside::Below => match label.right_col {
                Some(_) => &mut label.right_col,
                None => &mut label.below_col,
            },
        };
        let first = match *column {
            None if beside == Beside::Below && cell.col != label.col && !extra => {
                return Err(Message::OffColumn { label: name });
            }
            // An amount or code beside a label (様式2) leaves the label's value column open.
            None if extra => true,
            None => {
                *column = Some(cell.col);
                true
            }
            Some(col) if col == cell.col => false,
            Some(_) if extra => false,
            Some(_) if beside == Beside::Right => return Err(Message::BesideValue { label: name }),
            Some(_) => return Err(Message::OffColumn { label: name }),
        };
        let list_row = label.field == Field::Initiatives && !page && !first && !extra;
        if list_row {
            let text = cell.plain_text(bullets);
            let item = crate::richtext::starts_item(text.trim(), bullets)
                || crate::richtext::split_amount(text.trim()).1.is_some()
                || amount_beside;
            if !item {
                return Err(Message::NotAListItem { label: name });
            }
        }
        Ok(())
    }

    /// The label whose value `cell` is: the nearest label to its left in its row band, else
    /// the label above it (latest label row) whose columns the cell is in. A heading to the
    /// left (the vertical 計画 of 様式2) takes no value and does not count.
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
            .map(|(i, l)| (i, reach(l, cell)))
            .filter(|(_, overlap)| *overlap > 0)
            .max_by_key(|(i, overlap)| (*overlap, std::cmp::Reverse(*i)))
            .map(|(i, _)| (i, Beside::Below))
    }

    /// Records a cell as mapped; the page lines joined into it (line wraps) went with it.
    fn map(&mut self, cell: &SourceCell, field: String) {
        self.entries.push(Entry::mapped(
            &cell.address,
            cell.source_text(),
            field.clone(),
        ));
        for (address, text) in &cell.joined {
            self.entries
                .push(Entry::mapped(address, text.clone(), field.clone()));
        }
    }

    fn unmap(&mut self, cell: &SourceCell, reason: Message) {
        self.entries.push(Entry::unmapped(
            &cell.address,
            cell.source_text(),
            reason.clone(),
        ));
        for (address, text) in &cell.joined {
            self.entries
                .push(Entry::unmapped(address, text.clone(), reason.clone()));
        }
    }

    fn warn(&mut self, position: &str, message: Message) {
        self.warnings.push(Warning::new(position, message));
    }
}

/// `【…】`: how pages and forms mark a label.
fn is_bracketed(text: &str) -> bool {
    let trimmed = text.trim();
    trimmed.starts_with('【') && trimmed.ends_with('】')
}

/// Columns a label below a cell shares with it: the label's own columns, or those of the
/// value to its right when it has one (a value continuing in the rows below).
fn reach(label: &OpenLabel, cell: &SourceCell) -> u64 {
    let (start, end) = match label.right_col {
        Some(col) => (col, u32::MAX),
        None => (label.col, label.col_end),
    };
    overlap(start, end, cell.col, cell.col_end)
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
        let mut cell = SourceCell::new(
            format!("S!{row}:{col}"),
            row,
            col,
            Content::Text(text.to_owned()),
        );
        cell.col_end = col_end;
        cell
    }

    fn assemble(lines: Vec<Line>) -> (Draft, Vec<Entry>) {
        let template = Template::bundled();
        let ctx = Context::new(&template).unwrap();
        let mut assembler = Assembler::new(&ctx, false);
        for line in lines {
            assembler.feed(line);
        }
        let unmapped = assembler
            .entries
            .into_iter()
            .filter(|e| e.kind == crate::report::EntryKind::Unmapped)
            .collect();
        (assembler.draft, unmapped)
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
