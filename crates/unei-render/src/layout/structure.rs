//! The form's logical structure, in the model's reading order: what tagged PDF's structure
//! tree says and what a screen reader follows. Built from the form stage's rows (their kind
//! and heading level, list markers, table headers) and the page stage's record of where each
//! piece of them was drawn; every text run it does not name is page furniture (running title
//! after the first page, page numbers, repeated table headers, 【様式2】 tag, side label,
//! draft mark) and every box is a fill or rule: artifacts.
//!
//! Document › H1 (the title on the first page) › H2 (◆計画, ◆自己評価, 様式2's heading) ›
//! H3… (labels) and their content: P, L › LI › Lbl + LBody, Table › TR › TH (column
//! headers; 様式3's items as row headers) / TD; the 主な具体的取組 lines as the table 取組 |
//! 予算額 under their label's two parts. A row split across pages is still one TR whose
//! cells hold runs of both.

use std::collections::BTreeMap;

use super::doc::{Item, Page};
use super::page::DrawnPiece;
use super::rows::{Cell, Reading, Row, RowKind, trailing_parenthetical};

/// A structure element of the standard structure types (ISO 32000-1 14.8.4).
#[derive(Debug, Clone, PartialEq)]
pub struct StructElem {
    /// The element's structure type.
    pub role: Role,
    /// Its children, in reading order.
    pub kids: Vec<StructKid>,
}

#[derive(Debug, Clone, PartialEq)]
/// A child of a structure element.
pub enum StructKid {
    /// An element of its own.
    Elem(StructElem),
    /// A text run: `pages[page].items[item]`.
    Run {
        /// The page, an index into [`crate::layout::Document::pages`].
        page: usize,
        /// The item on that page, an index into [`crate::layout::Page::items`].
        item: usize,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// The standard structure types the form uses.
pub enum Role {
    /// The whole document.
    Document,
    /// Heading of level 1–6.
    H(u8),
    /// A paragraph.
    P,
    /// A list.
    L,
    /// A list item: its label and its body.
    LI,
    /// A list item's bullet or number.
    Lbl,
    /// A list item's text.
    LBody,
    /// A table.
    Table,
    /// A table row.
    TR,
    /// A header cell and what it heads.
    TH(Scope),
    /// A data cell.
    TD,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// What a header cell heads.
pub enum Scope {
    /// The cells below it.
    Column,
    /// The cells beside it.
    Row,
}

impl Role {
    /// The structure type's name in PDF.
    pub fn name(self) -> &'static str {
        match self {
            Role::Document => "Document",
            Role::H(1) => "H1",
            Role::H(2) => "H2",
            Role::H(3) => "H3",
            Role::H(4) => "H4",
            Role::H(5) => "H5",
            Role::H(_) => "H6",
            Role::P => "P",
            Role::L => "L",
            Role::LI => "LI",
            Role::Lbl => "Lbl",
            Role::LBody => "LBody",
            Role::Table => "Table",
            Role::TR => "TR",
            Role::TH(_) => "TH",
            Role::TD => "TD",
        }
    }
}

impl StructElem {
    fn new(role: Role) -> Self {
        StructElem { role, kids: vec![] }
    }

    fn push(&mut self, elem: StructElem) {
        if !elem.kids.is_empty() {
            self.kids.push(StructKid::Elem(elem));
        }
    }

    /// The runs under this element, in reading order.
    pub fn runs(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        self.collect_runs(&mut out);
        out
    }

    fn collect_runs(&self, out: &mut Vec<(usize, usize)>) {
        for kid in &self.kids {
            match kid {
                StructKid::Elem(e) => e.collect_runs(out),
                StructKid::Run { page, item } => out.push((*page, *item)),
            }
        }
    }

    /// The element and its descendants, depth first.
    pub fn walk(&self) -> Vec<&StructElem> {
        let mut out = vec![self];
        for kid in &self.kids {
            if let StructKid::Elem(e) = kid {
                out.extend(e.walk());
            }
        }
        out
    }

    /// One line per element, indented by depth, with its text: for tests and debugging.
    pub fn dump(&self, pages: &[Page]) -> String {
        let mut out = String::new();
        self.dump_into(pages, 0, &mut out);
        out
    }

    fn dump_into(&self, pages: &[Page], depth: usize, out: &mut String) {
        let text: String = self
            .kids
            .iter()
            .filter_map(|k| match k {
                StructKid::Run { page, item } => match pages.get(*page)?.items.get(*item)? {
                    Item::Text(run) => Some(run.text.as_str()),
                    Item::Box(_) => None,
                },
                StructKid::Elem(_) => None,
            })
            .collect();
        out.push_str(&"  ".repeat(depth));
        out.push_str(self.role.name());
        if self.role == Role::TH(Scope::Row) {
            out.push_str("(Row)");
        }
        if !text.is_empty() {
            out.push(' ');
            out.push_str(&text);
        }
        out.push('\n');
        for kid in &self.kids {
            if let StructKid::Elem(e) = kid {
                e.dump_into(pages, depth + 1, out);
            }
        }
    }
}

/// Builds the structure of a laid-out form. `furniture[p]` items were put in front of page
/// `p`'s own (the drawn pieces' indices are shifted by them); the title's runs on the first
/// page are its H1.
pub(crate) fn build(
    rows: &[Row],
    drawn: &[DrawnPiece],
    furniture: &[usize],
    pages: &[Page],
) -> StructElem {
    let mut runs: BTreeMap<(usize, usize, usize, usize), Vec<StructKid>> = BTreeMap::new();
    for d in drawn {
        let shift = furniture.get(d.page).copied().unwrap_or(0);
        runs.entry((d.row, d.cell, d.line, d.piece))
            .or_default()
            .extend(d.items.clone().map(|item| StructKid::Run {
                page: d.page,
                item: item + shift,
            }));
    }
    let mut builder = Builder { rows, runs };
    let mut document = StructElem::new(Role::Document);
    let mut title = StructElem::new(Role::H(1));
    if let Some(page) = pages.first() {
        for (item, it) in page.items.iter().enumerate().take(furniture[0]) {
            if matches!(it, Item::Text(run) if run.source == "labels.title") {
                title.kids.push(StructKid::Run { page: 0, item });
            }
        }
    }
    document.push(title);
    builder.rows_into(&mut document);
    document
}

struct Builder<'a> {
    rows: &'a [Row],
    /// The runs of each (row, cell, line, piece), in drawing order.
    runs: BTreeMap<(usize, usize, usize, usize), Vec<StructKid>>,
}

impl Builder<'_> {
    fn rows_into(&mut self, document: &mut StructElem) {
        let mut table: Option<(usize, StructElem)> = None;
        for (r, row) in self.rows.iter().enumerate() {
            let continues = match (&table, row.header) {
                (Some((h, _)), Some(rh)) => *h == rh,
                (Some((h, _)), None) => row.reading == Reading::BudgetLines && *h + 1 == r,
                _ => false,
            };
            if !continues && let Some((_, t)) = table.take() {
                document.push(t);
            }
            match (row.kind, row.reading) {
                (RowKind::Label, Reading::BudgetHeader) => {
                    let mut t = StructElem::new(Role::Table);
                    t.push(self.budget_header(r));
                    table = Some((r, t));
                }
                (RowKind::Heading | RowKind::Label, _) => {
                    let mut heading = StructElem::new(Role::H(row.level.clamp(1, 6)));
                    for c in 0..row.cells.len() {
                        heading.kids.extend(self.cell_runs(r, c));
                    }
                    document.push(heading);
                }
                (RowKind::Header, _) => {
                    let mut tr = StructElem::new(Role::TR);
                    for c in 0..row.cells.len() {
                        let mut th = StructElem::new(Role::TH(Scope::Column));
                        th.kids.extend(self.cell_runs(r, c));
                        tr.push(th);
                    }
                    let mut t = StructElem::new(Role::Table);
                    t.push(tr);
                    table = Some((r, t));
                }
                (RowKind::Content, reading) => match &mut table {
                    Some((_, t)) if continues && reading == Reading::BudgetLines => {
                        self.budget_rows_into(t, r);
                    }
                    Some((_, t)) if continues => {
                        let mut tr = StructElem::new(Role::TR);
                        for c in 0..row.cells.len() {
                            let role = match (c, reading) {
                                (0, Reading::RowHeader) => Role::TH(Scope::Row),
                                _ => Role::TD,
                            };
                            let mut cell = StructElem::new(role);
                            self.blocks_into(&mut cell, r, c);
                            tr.kids.push(StructKid::Elem(cell));
                        }
                        t.push(tr);
                    }
                    _ if reading == Reading::HeadingSuffix => self.heading_suffix(document, r),
                    _ => {
                        for c in 0..row.cells.len() {
                            self.blocks_into(document, r, c);
                        }
                    }
                },
            }
        }
        if let Some((_, t)) = table {
            document.push(t);
        }
    }

    /// The budget table's header row from the label's runs: those before its trailing
    /// parenthetical head the 取組 column, the parenthetical's the 予算額 column (the form
    /// stage cut the label's text there, so no run straddles the two).
    fn budget_header(&mut self, r: usize) -> StructElem {
        let mut item = StructElem::new(Role::TH(Scope::Column));
        let mut amount = StructElem::new(Role::TH(Scope::Column));
        for c in 0..self.rows[r].cells.len() {
            let cell = &self.rows[r].cells[c];
            let text: String = cell
                .lines
                .iter()
                .flat_map(|l| &l.pieces)
                .map(|p| p.text.as_str())
                .collect();
            let open = trailing_parenthetical(&text).unwrap_or(text.len());
            let mut offset = 0;
            for (l, line) in cell.lines.iter().enumerate() {
                for (p, piece) in line.pieces.iter().enumerate() {
                    let kids = self.runs.remove(&(r, c, l, p)).unwrap_or_default();
                    let column = if offset < open {
                        &mut item
                    } else {
                        &mut amount
                    };
                    column.kids.extend(kids);
                    offset += piece.text.len();
                }
            }
        }
        let mut tr = StructElem::new(Role::TR);
        tr.push(item);
        tr.push(amount);
        tr
    }

    /// A table row per initiative (a paragraph of the cell): TD with its marker and text, TD
    /// with its amount (empty for an initiative without one, so the columns stay aligned).
    fn budget_rows_into(&mut self, table: &mut StructElem, r: usize) {
        for c in 0..self.rows[r].cells.len() {
            let cell = &self.rows[r].cells[c];
            let mut l = 0;
            while l < cell.lines.len() {
                let end = paragraph_end(cell, l);
                let mut text = StructElem::new(Role::TD);
                let mut amount = StructElem::new(Role::TD);
                for k in l..end {
                    for (p, piece) in cell.lines[k].pieces.iter().enumerate() {
                        let kids = self.runs.remove(&(r, c, k, p)).unwrap_or_default();
                        // The amount is the suffix the form stage set from `….amount`.
                        if piece.source.ends_with(".amount") {
                            amount.kids.extend(kids);
                        } else {
                            text.kids.extend(kids);
                        }
                    }
                }
                let mut tr = StructElem::new(Role::TR);
                tr.kids.push(StructKid::Elem(text));
                tr.kids.push(StructKid::Elem(amount));
                table.push(tr);
                l = end;
            }
        }
    }

    /// Adds the row's runs to the heading just before it; a paragraph where there is none.
    fn heading_suffix(&mut self, document: &mut StructElem, r: usize) {
        let runs: Vec<StructKid> = (0..self.rows[r].cells.len())
            .flat_map(|c| self.cell_runs(r, c))
            .collect();
        match document.kids.last_mut() {
            Some(StructKid::Elem(heading)) if matches!(heading.role, Role::H(_)) => {
                heading.kids.extend(runs);
            }
            _ => {
                let mut p = StructElem::new(Role::P);
                p.kids.extend(runs);
                document.push(p);
            }
        }
    }

    /// Every run of a cell, in order.
    fn cell_runs(&mut self, r: usize, c: usize) -> Vec<StructKid> {
        let lines = self.rows[r].cells[c].lines.len();
        let mut out = Vec::new();
        for l in 0..lines {
            for p in 0..self.rows[r].cells[c].lines[l].pieces.len() {
                out.extend(self.runs.remove(&(r, c, l, p)).unwrap_or_default());
            }
        }
        out
    }

    /// A cell's paragraphs: P, or LI (Lbl = the marker, LBody = the rest) gathered in an L.
    fn blocks_into(&mut self, parent: &mut StructElem, r: usize, c: usize) {
        let cell = &self.rows[r].cells[c];
        let mut list: Option<StructElem> = None;
        let mut l = 0;
        while l < cell.lines.len() {
            let end = paragraph_end(cell, l);
            let is_item = cell.lines[l].pieces.first().is_some_and(|p| p.marker);
            let mut body = StructElem::new(if is_item { Role::LBody } else { Role::P });
            let mut label = StructElem::new(Role::Lbl);
            for k in l..end {
                for (p, piece) in cell.lines[k].pieces.iter().enumerate() {
                    let kids = self.runs.remove(&(r, c, k, p)).unwrap_or_default();
                    if piece.marker {
                        label.kids.extend(kids);
                    } else {
                        body.kids.extend(kids);
                    }
                }
            }
            if is_item {
                let mut item = StructElem::new(Role::LI);
                item.push(label);
                item.push(body);
                list.get_or_insert_with(|| StructElem::new(Role::L))
                    .push(item);
            } else {
                if let Some(done) = list.take() {
                    parent.push(done);
                }
                parent.push(body);
            }
            l = end;
        }
        if let Some(done) = list {
            parent.push(done);
        }
    }
}

/// End (exclusive) of the paragraph whose lines start at line `l` of `cell`.
fn paragraph_end(cell: &Cell, l: usize) -> usize {
    let para = cell.lines[l].para;
    (l..cell.lines.len())
        .find(|&k| cell.lines[k].para != para)
        .unwrap_or(cell.lines.len())
}
