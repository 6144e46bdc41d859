//! The flow of rows down the pages: stacks rows, splits content rows between lines (closing
//! the cell borders at the page foot and reopening them on the next page, repeating the table
//! header), keeps labels with what follows, and avoids single lines of a paragraph at a page
//! edge.

use super::super::doc::{Bookmark, BoxItem, Item, Page, Rect};
use super::super::rows::{CellLine, Row, RowKind, cell_height};
use super::super::text::{FontChain, PlacedText};
use super::{DrawnPiece, Frame, Paginated, RowPages};

/// Lines of a paragraph that must stay together at a page edge (widows and orphans).
const MIN_EDGE_LINES: usize = 2;

pub(super) struct Paginator<'a, 'f> {
    frame: Frame,
    chain: &'a FontChain<'f>,
    rows: &'a [Row],
    pages: Vec<Page>,
    bookmarks: Vec<Bookmark>,
    /// Vertical extent of 様式2 rows per page, for the side label.
    form2_spans: Vec<Option<(f32, f32)>>,
    row_pages: Vec<RowPages>,
    drawn: Vec<DrawnPiece>,
    y: f32,
    /// False when only the pages of the rows are wanted: nothing is drawn (the page breaks
    /// depend on the rows' heights alone).
    draws: bool,
}

impl std::fmt::Debug for Paginator<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Paginator")
            .field("pages", &self.pages.len())
            .finish()
    }
}

impl<'a, 'f> Paginator<'a, 'f> {
    pub(super) fn new(
        frame: Frame,
        chain: &'a FontChain<'f>,
        rows: &'a [Row],
        draws: bool,
    ) -> Self {
        Paginator {
            draws,
            frame,
            chain,
            rows,
            pages: vec![Page::default()],
            bookmarks: Vec::new(),
            form2_spans: vec![None],
            row_pages: Vec::with_capacity(rows.len()),
            drawn: Vec::new(),
            y: frame.top,
        }
    }

    pub(super) fn run(mut self) -> Paginated {
        for i in 0..self.rows.len() {
            let row = &self.rows[i];
            if row.break_before && !self.page_is_empty() {
                self.new_page();
            }
            self.place(i);
        }
        Paginated {
            pages: self.pages,
            bookmarks: self.bookmarks,
            form2_spans: self.form2_spans,
            row_pages: self.row_pages,
            drawn: self.drawn,
        }
    }

    fn page_is_empty(&self) -> bool {
        (self.y - self.frame.top).abs() < 0.01
    }

    fn space_left(&self) -> f32 {
        self.frame.bottom - self.y
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.form2_spans.push(None);
        self.y = self.frame.top;
    }

    /// Height a row needs at least on this page: the first legal split of each cell.
    fn min_height(&self, row: &Row) -> f32 {
        row.cells
            .iter()
            .map(|c| cell_height(&c.lines[..min_lines(&c.lines)], self.frame.pad_y))
            .fold(0.0, f32::max)
    }

    /// Height row `i` needs on this page: labels and headers bring the start of what they
    /// introduce along (keep-with-next).
    fn lead_height(&self, i: usize) -> f32 {
        let row = &self.rows[i];
        if !keeps_with_next(row) {
            return self.min_height(row);
        }
        let next = self.rows.get(i + 1).filter(|n| !n.break_before);
        row.height(self.frame.pad_y) + next.map_or(0.0, |_| self.lead_height(i + 1))
    }

    fn place(&mut self, i: usize) {
        let row = &self.rows[i];
        if keeps_with_next(row) && self.lead_height(i) > self.space_left() && !self.page_is_empty()
        {
            self.new_page();
        }
        if let Some((title, level)) = &row.bookmark {
            self.bookmarks.push(Bookmark {
                title: title.clone(),
                level: *level,
                page: self.pages.len() - 1,
                y: self.y,
            });
        }
        let mut rest: Vec<&[CellLine]> = row.cells.iter().map(|c| c.lines.as_slice()).collect();
        let mut first_page = None;
        loop {
            let take = self.lines_that_fit(&rest);
            // A cell that would start only on the next page while its neighbours start here
            // reads wrongly: move the row on instead.
            let cell_left_behind =
                rest.len() > 1 && take.iter().zip(&rest).any(|(&n, r)| n < min_lines(r));
            if cell_left_behind && !self.page_is_empty() {
                self.continue_on_new_page(row);
                continue;
            }
            let done = take.iter().zip(&rest).all(|(&n, r)| n == r.len());
            first_page.get_or_insert(self.pages.len() - 1);
            self.emit(Some(i), row, &rest, &take);
            if done {
                break;
            }
            rest = rest.iter().zip(&take).map(|(r, &n)| &r[n..]).collect();
            self.continue_on_new_page(row);
        }
        let last = self.pages.len() - 1;
        self.row_pages.push(RowPages {
            first: first_page.unwrap_or(last),
            last,
        });
    }

    fn continue_on_new_page(&mut self, row: &Row) {
        self.new_page();
        if let Some(h) = row.header {
            let header = &self.rows[h];
            let all: Vec<&[CellLine]> = header.cells.iter().map(|c| c.lines.as_slice()).collect();
            let take: Vec<usize> = all.iter().map(|l| l.len()).collect();
            // A repeated header is page furniture: it is read once, where it first stands.
            self.emit(None, header, &all, &take);
        }
    }

    /// How many lines of each cell fit in the space left, respecting widows and orphans.
    fn lines_that_fit(&self, rest: &[&[CellLine]]) -> Vec<usize> {
        let avail = self.space_left() - 2.0 * self.frame.pad_y;
        rest.iter()
            .map(|lines| {
                let mut used = 0.0;
                let fit = lines
                    .iter()
                    .take_while(|l| {
                        used += l.height;
                        used <= avail + 0.01
                    })
                    .count();
                let adjusted = keep_paragraph_edges(lines, fit);
                // A fresh page must make progress even if the rule cannot be met.
                if adjusted == 0 && self.page_is_empty() {
                    fit.max(1).min(lines.len())
                } else {
                    adjusted
                }
            })
            .collect()
    }

    /// Draws `take[c]` lines of each cell's `rest` at the current position; `index` is the
    /// row's (recorded in [`DrawnPiece`]s), `None` for a repeated header.
    fn emit(&mut self, index: Option<usize>, row: &Row, rest: &[&[CellLine]], take: &[usize]) {
        let pad_y = self.frame.pad_y;
        let height = rest
            .iter()
            .zip(take)
            .map(|(lines, &n)| cell_height(&lines[..n], pad_y))
            .fold(0.0, f32::max);
        let top = self.y;
        // Without drawing, only the height moves the page on.
        let drawn_cells = if self.draws { row.cells.len() } else { 0 };
        let cells = row.cells.iter().zip(rest.iter().zip(take));
        for (c, (cell, (lines, &n))) in cells.enumerate().take(drawn_cells) {
            let rect = Rect {
                x: cell.x,
                y: top,
                w: cell.w,
                h: height,
            };
            if cell.shaded || cell.border {
                let boxed = BoxItem {
                    rect,
                    fill: cell.shaded.then_some(self.frame.shading),
                    stroke: cell.border.then_some(self.frame.border),
                };
                self.page().items.push(Item::Box(boxed));
            }
            let first_line = cell.lines.len() - lines.len();
            let origin = index.map(|row| (row, c, first_line));
            self.emit_lines(rect, &lines[..n], origin);
        }
        if row.part.is_form2() {
            let span = self.form2_spans.last_mut().and_then(|s| s.as_mut());
            match span {
                Some(span) => span.1 = top + height,
                None => {
                    if let Some(last) = self.form2_spans.last_mut() {
                        *last = Some((top, top + height));
                    }
                }
            }
        }
        self.y = top + height;
    }

    fn page(&mut self) -> &mut Page {
        let n = self.pages.len() - 1;
        &mut self.pages[n]
    }

    /// `origin`: row, cell and line index of the first of `lines`, to record what is drawn.
    fn emit_lines(
        &mut self,
        cell: Rect,
        lines: &[CellLine],
        origin: Option<(usize, usize, usize)>,
    ) {
        let (asc, desc) = self.chain.extents();
        let mut line_top = cell.y + self.frame.pad_y;
        for (l, line) in lines.iter().enumerate() {
            for (p, piece) in line.pieces.iter().enumerate() {
                let baseline =
                    line_top + (line.height - (asc + desc) * piece.size) / 2.0 + asc * piece.size;
                let placed = PlacedText {
                    text: &piece.text,
                    chars: &piece.chars,
                    x: cell.x + self.frame.pad_x + piece.dx,
                    baseline,
                    size: piece.size,
                    bold: piece.bold,
                    cell,
                    source: &piece.source,
                };
                let runs = self.chain.runs(&placed);
                let page = self.pages.len() - 1;
                let start = self.page().items.len();
                self.page().items.extend(runs.into_iter().map(Item::Text));
                let end = self.page().items.len();
                if let Some((row, cell, first_line)) = origin {
                    self.drawn.push(DrawnPiece {
                        row,
                        cell,
                        line: first_line + l,
                        piece: p,
                        page,
                        items: start..end,
                    });
                }
            }
            line_top += line.height;
        }
    }
}

fn keeps_with_next(row: &Row) -> bool {
    matches!(
        row.kind,
        RowKind::Label | RowKind::Header | RowKind::Heading
    )
}

/// The fewest lines a cell can show before a page break: at least two (or all), and a split
/// that leaves no paragraph with a lone line.
fn min_lines(lines: &[CellLine]) -> usize {
    (lines.len().min(MIN_EDGE_LINES)..=lines.len())
        .find(|&k| keep_paragraph_edges(lines, k) == k)
        .unwrap_or(lines.len())
}

/// Moves the split point so that neither side keeps a lone line of a paragraph; returns how
/// many of `lines` stay on this page (maybe 0: the whole paragraph moves).
fn keep_paragraph_edges(lines: &[CellLine], fit: usize) -> usize {
    if fit == 0 || fit >= lines.len() {
        return fit;
    }
    let para = lines[fit - 1].para;
    let start = lines[..fit]
        .iter()
        .rposition(|l| l.para != para)
        .map_or(0, |i| i + 1);
    let end = lines[fit..]
        .iter()
        .position(|l| l.para != para)
        .map_or(lines.len(), |i| fit + i);
    let (before, after) = (fit - start, end - fit);
    if after == 0 {
        return fit; // the split falls between paragraphs
    }
    if before + after < 2 * MIN_EDGE_LINES {
        return start; // too short to split well: keep it whole on the next page
    }
    if before < MIN_EDGE_LINES {
        start
    } else if after < MIN_EDGE_LINES {
        fit - (MIN_EDGE_LINES - after)
    } else {
        fit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(paras: &[usize]) -> Vec<CellLine> {
        paras
            .iter()
            .map(|&para| CellLine {
                pieces: vec![],
                height: 10.0,
                para,
            })
            .collect()
    }

    #[test]
    fn widows_and_orphans() {
        // paragraph 1 has 5 lines, paragraph 2 has 3.
        let l = lines(&[1, 1, 1, 1, 1, 2, 2, 2]);
        assert_eq!(
            keep_paragraph_edges(&l, 1),
            0,
            "orphan: the first line alone moves down"
        );
        assert_eq!(keep_paragraph_edges(&l, 2), 2);
        assert_eq!(
            keep_paragraph_edges(&l, 4),
            3,
            "widow: one line alone would start the next page"
        );
        assert_eq!(keep_paragraph_edges(&l, 5), 5, "split between paragraphs");
        assert_eq!(
            keep_paragraph_edges(&l, 6),
            5,
            "3-line paragraph moves whole rather than 1+2"
        );
        assert_eq!(keep_paragraph_edges(&l, 7), 5);
        assert_eq!(keep_paragraph_edges(&l, 8), 8);
    }
}
