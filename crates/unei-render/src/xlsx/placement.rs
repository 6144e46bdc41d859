//! What goes where: each sheet's grid, cells (text, style, merged range), row heights, page
//! breaks, repeated rows and fit problems. Plain data; `book.rs` writes it.

use unei_core::{Labeler, Plan, Template};

use crate::layout::form::{self, Columns};
use crate::layout::page::RowPages;
use crate::layout::rows::{Advances, LineSetter, Metrics as RowMetrics, Row, RowKind, Style};
use crate::layout::text::FontChain;
use crate::layout::{MM, page_size, printed_row_pages};
use crate::linebreak::BreakOptions;

use super::XlsxError;
use super::cells::{CellText, Run, cell_px, line_size};
use super::metrics::{BOLD_EXTRA_PX, GridMetrics, MAX_ROW_PX, PX_PER_PT, VERTICAL_PAD_PX};
use super::pages::{Block, PageRoom, page_starts};
use super::sheets::{Grid, SheetKind, SheetSpec, sheet_specs};
use super::side_values::{IndexedRow, move_side_values, side_column_width};

/// How a cell looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum CellStyle {
    /// The plan's title (row 1).
    Title,
    /// The 【様式2】 tag (row 2 of 様式2 sheets).
    Tag,
    /// A section heading without a box (◆計画, ◆自己評価).
    Heading,
    /// A shaded, bold, boxed label or table header.
    Label,
    /// A boxed value.
    Value,
    /// 様式2's vertical side label (計/画, one character per line).
    SideLabel,
}

/// A cell and the range it covers (0-based, inclusive).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PlacedCell {
    pub first_row: u32,
    pub last_row: u32,
    pub first_col: u16,
    pub last_col: u16,
    pub text: CellText,
    pub style: CellStyle,
    /// Font size of the cell's text.
    pub size: f32,
}

/// A cell whose row is taller than a printed page: it shows whole on screen, but a printed
/// row cannot continue on the next page the way the PDF's does, so the application splits it
/// wherever the page ends, possibly through a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FitProblem {
    /// The sheet's name.
    pub sheet: String,
    /// Address of the cell's top-left corner (`A7`).
    pub cell: String,
    /// The first characters of the cell's text.
    pub text_start: String,
    /// Lines of the cell's text size its row needs.
    pub lines_needed: usize,
    /// Lines of the cell's text size a printed page holds.
    pub lines_available: usize,
}

impl std::fmt::Display for FitProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}!{}: 「{}…」 needs {} lines but a printed page holds {}: the cell does not fit on one page and may be cut at the page edges",
            self.sheet, self.cell, self.text_start, self.lines_needed, self.lines_available
        )
    }
}

/// Everything about one sheet.
#[derive(Debug, Clone)]
pub(crate) struct SheetPlacement {
    pub name: String,
    pub kind: SheetKind,
    pub grid: Grid,
    pub cells: Vec<PlacedCell>,
    /// Height of each row in pixels, by row index.
    pub row_px: Vec<u32>,
    /// First row of the form (the rows above hold the title and 様式2's tag).
    pub first_form_row: u32,
    /// Rows that start a printed page.
    pub page_breaks: Vec<u32>,
    /// Rows repeated at the top of every printed page.
    pub repeat_rows: Option<(u32, u32)>,
    pub fit_problems: Vec<FitProblem>,
}

/// Characters of a cell's text quoted in a fit problem.
const TEXT_START_CHARS: usize = 20;

/// Plans every sheet of the workbook.
#[inline(never)] // a stage of bench/callgrind.py's breakdown
pub(crate) fn place_sheets(
    plan: &Plan,
    template: &Template,
    grid: &GridMetrics,
    chain: &FontChain<'_>,
) -> Result<Vec<SheetPlacement>, XlsxError> {
    let page = PrintedPage::of(template)?;
    let grid = *grid;
    // Missing glyphs are the engine's walk of the plan's text (`Engine::missing_glyphs`).
    let mut setter = LineSetter::new(chain, row_metrics(template, &grid)).measuring_only();
    let side_px = side_label_px(template, &grid);
    let cols = Columns {
        x: 0.0,
        w: grid.layout_pt(page.width_px),
        side_w: grid.layout_pt(side_px),
    };
    let rows = form::build_rows(&mut setter, plan, template, cols);
    let pdf_pages = printed_row_pages(plan, template, chain)?;
    let labels = Labeler::new(plan, template);
    let mut planner = SheetPlanner {
        template,
        grid,
        page,
        setter,
        side_px,
        title: labels.title(),
        tag: labels.get("form2_tag"),
        side_label: labels.get("form2_side_label"),
    };
    let specs = sheet_specs(plan, &rows);
    let mut rows: Vec<Option<Row>> = rows.into_iter().map(Some).collect();
    Ok(specs
        .into_iter()
        .map(|spec| {
            let own = take_rows(&mut rows, &spec.rows);
            planner.sheet(&spec, plan, own, &pdf_pages)
        })
        .collect())
}

/// The rows at `indices`, with their indices, moved out of `rows` (`sheet_specs` puts each
/// row on one sheet; a row asked for twice would be missing the second time).
fn take_rows(rows: &mut [Option<Row>], indices: &[usize]) -> Vec<IndexedRow> {
    indices
        .iter()
        .filter_map(|&r| Some((r, rows.get_mut(r)?.take()?)))
        .collect()
}

/// Row metrics of the spreadsheet: the template's sizes (headings at a size a spreadsheet
/// offers), Excel's padding, pixel-snapped advances.
fn row_metrics(template: &Template, grid: &GridMetrics) -> RowMetrics {
    let page = &template.page;
    RowMetrics {
        size: page.font_size_pt,
        heading_size: (page.font_size_pt * 1.15 * 2.0).round() / 2.0,
        line_height: page.line_height,
        pad_x: grid.pad_x,
        pad_y: 0.0,
        break_options: BreakOptions {
            hanging_punctuation: page.hanging_punctuation,
            composition: None,
        },
        advances: Advances::PixelGrid {
            px_per_pt: PX_PER_PT,
            bold_extra_px: BOLD_EXTRA_PX,
        },
    }
}

/// Width of 様式2's side label column: one bold character and the padding.
fn side_label_px(template: &Template, grid: &GridMetrics) -> u32 {
    let glyph = template.page.font_size_pt * PX_PER_PT + BOLD_EXTRA_PX;
    (glyph + 2.0 * grid.pad_x / grid.pt_per_px).ceil() as u32
}

/// The printed page in the spreadsheet's terms.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PrintedPage {
    /// Width of the form: the PDF's text width, whole pixels.
    pub width_px: u32,
    /// Height of the page body between the margins.
    pub body_px: u32,
}

impl PrintedPage {
    pub fn of(template: &Template) -> Result<PrintedPage, XlsxError> {
        let (width, height) = page_size(template)?;
        let p = &template.page;
        let text_width = width - (p.margin_left_mm + p.margin_right_mm) * MM;
        let body = height - top_margin_pt(template) - p.margin_bottom_mm * MM;
        Ok(PrintedPage {
            width_px: (text_width * PX_PER_PT).floor() as u32,
            body_px: (body * PX_PER_PT).floor() as u32,
        })
    }
}

/// The PDF's top margin: the running title is not in the page header but the sheet's first
/// row, repeated on every page as a print title.
pub(crate) fn top_margin_pt(template: &Template) -> f32 {
    template.page.margin_top_mm * MM
}

struct SheetPlanner<'t, 'c, 'f> {
    template: &'t Template,
    grid: GridMetrics,
    page: PrintedPage,
    setter: LineSetter<'c, 'f>,
    side_px: u32,
    title: String,
    tag: String,
    side_label: String,
}

impl SheetPlanner<'_, '_, '_> {
    fn sheet(
        &mut self,
        spec: &SheetSpec,
        plan: &Plan,
        mut form_rows: Vec<IndexedRow>,
        pdf_pages: &[RowPages],
    ) -> SheetPlacement {
        let form2 = matches!(spec.kind, SheetKind::Form2 { .. });
        if form2 && let Some(width) = side_column_width(&form_rows, &self.setter) {
            form_rows = move_side_values(form_rows, &mut self.setter, width);
        }
        let sheet_rows: Vec<&Row> = form_rows.iter().map(|(_, row)| row).collect();
        let extra_edges: &[u32] = if form2 { &[self.side_px] } else { &[] };
        let grid = Grid::of(&sheet_rows, &self.grid, self.page.width_px, extra_edges);
        let mut sheet = SheetPlacement {
            name: spec.name.clone(),
            kind: spec.kind,
            grid,
            cells: Vec::new(),
            row_px: Vec::new(),
            first_form_row: 0,
            page_breaks: Vec::new(),
            repeat_rows: None,
            fit_problems: Vec::new(),
        };
        let title = self.title.clone();
        self.banner(&mut sheet, &title, CellStyle::Title);
        if form2 {
            let tag = self.tag.clone();
            self.banner(&mut sheet, &tag, CellStyle::Tag);
        }
        sheet.first_form_row = sheet.row_px.len() as u32;
        let placed: Vec<PlacedRow> = sheet_rows
            .iter()
            .map(|row| self.place_row(&mut sheet, row, plan))
            .collect();
        self.paginate(&mut sheet, &form_rows, &placed, pdf_pages);
        if form2 {
            self.side_labels(&mut sheet, &placed);
        }
        sheet
    }

    /// A one-cell row across the whole sheet (title, tag), repeated on every printed page.
    fn banner(&mut self, sheet: &mut SheetPlacement, text: &str, style: CellStyle) {
        let size = match style {
            CellStyle::Title => self.template.page.title_font_size_pt,
            _ => self.template.page.font_size_pt,
        };
        let width = self.grid.layout_pt(self.page.width_px) - 2.0 * self.grid.pad_x;
        let style_of_text = Style { size, bold: false };
        let lines = self.setter.paragraph(text, width, style_of_text, "");
        let row = sheet.row_px.len() as u32;
        sheet.row_px.push(cell_px(&lines, size, &self.grid));
        sheet.cells.push(PlacedCell {
            first_row: row,
            last_row: row,
            first_col: 0,
            last_col: (sheet.grid.columns() - 1) as u16,
            text: CellText {
                runs: vec![Run {
                    bold: false,
                    text: text.to_owned(),
                }],
            },
            style,
            size,
        });
    }

    /// Puts a form row on the sheet: one spreadsheet row, or several merged ones when it is
    /// taller than Excel allows a row to be.
    fn place_row(&mut self, sheet: &mut SheetPlacement, row: &Row, plan: &Plan) -> PlacedRow {
        let body = self.template.page.font_size_pt;
        let cell_heights: Vec<u32> = row
            .cells
            .iter()
            .map(|c| cell_px(&c.lines, body, &self.grid))
            .collect();
        let height = cell_heights.iter().copied().max().unwrap_or(0);
        let first = sheet.row_px.len() as u32;
        let parts = height.div_ceil(MAX_ROW_PX).max(1);
        for k in 0..parts {
            // Spread evenly, the remainder on the first rows.
            sheet
                .row_px
                .push(height / parts + u32::from(k < height % parts));
        }
        let last = first + parts - 1;
        for cell in &row.cells {
            let style = match (row.kind, cell.shaded) {
                (RowKind::Heading, _) => CellStyle::Heading,
                (_, true) => CellStyle::Label,
                (_, false) => CellStyle::Value,
            };
            let (first_col, last_col) = sheet.grid.span(&self.grid, cell.x, cell.w);
            let size = cell.lines.iter().map(line_size).fold(body, f32::max);
            sheet.cells.push(PlacedCell {
                first_row: first,
                last_row: last,
                first_col,
                last_col,
                text: CellText::of(cell, plan),
                style,
                size,
            });
        }
        PlacedRow {
            first,
            last,
            height,
            cell_heights,
            keep_with_next: matches!(
                row.kind,
                RowKind::Label | RowKind::Header | RowKind::Heading
            ),
            cells_from: sheet.cells.len() - row.cells.len(),
        }
    }
}

/// Rows printed at the top of every page (Excel's print titles): the sheet's title rows — the
/// plan's title (year, organisation, 運営方針) and on 様式2 the 【様式2】 tag, what a reader of
/// page 2 needs to know which plan and form the page belongs to — and on 様式3 also its label
/// and the column headers of its table, which continues from page to page. 様式1's tables
/// (経営課題の概要 | 主な戦略) are one header and one row each, which move to a page together,
/// so there is no continuing header to repeat there. Real rows rather than the page header:
/// an official who edits the title cell sees the change on every printed page.
fn print_titles(
    sheet: &SheetPlacement,
    rows: &[IndexedRow],
    placed: &[PlacedRow],
) -> Option<(u32, u32)> {
    let titles_end = sheet.first_form_row.checked_sub(1);
    let table_header = match sheet.kind {
        SheetKind::Reform => rows
            .iter()
            .position(|(_, row)| row.kind == RowKind::Header)
            .map(|h| placed[h].last),
        _ => None,
    };
    table_header.or(titles_end).map(|last| (0, last))
}

/// Room for form rows: on the first page under the title rows, on later ones under the
/// print titles (with 様式3's label and table header there).
fn page_room(sheet: &SheetPlacement, body_px: u32) -> PageRoom {
    let height = |range: Option<(u32, u32)>| -> u32 {
        range.map_or(0, |(a, b)| (a..=b).map(|r| sheet.row_px[r as usize]).sum())
    };
    let titles = height(sheet.first_form_row.checked_sub(1).map(|last| (0, last)));
    PageRoom {
        first_px: body_px.saturating_sub(titles),
        later_px: body_px.saturating_sub(height(sheet.repeat_rows)),
    }
}

/// Where a form row went.
#[derive(Debug, Clone)]
struct PlacedRow {
    first: u32,
    last: u32,
    height: u32,
    cell_heights: Vec<u32>,
    keep_with_next: bool,
    /// Index of the row's first cell in the sheet's cell list.
    cells_from: usize,
}

impl SheetPlanner<'_, '_, '_> {
    fn paginate(
        &self,
        sheet: &mut SheetPlacement,
        rows: &[IndexedRow],
        placed: &[PlacedRow],
        pdf_pages: &[RowPages],
    ) {
        sheet.repeat_rows = print_titles(sheet, rows, placed);
        let room = page_room(sheet, self.page.body_px);
        let pdf_breaks_before = |r: usize| {
            let this = pdf_pages.get(r);
            let previous = r.checked_sub(1).and_then(|p| pdf_pages.get(p));
            matches!((previous, this), (Some(p), Some(t)) if t.first > p.last)
        };
        let blocks: Vec<Block> = placed
            .iter()
            .zip(rows)
            .map(|(p, &(r, _))| Block {
                height_px: p.height,
                keep_with_next: p.keep_with_next,
                pdf_break_before: pdf_breaks_before(r),
            })
            .collect();
        let starts = page_starts(&blocks, room);
        sheet.page_breaks = starts.iter().map(|&b| placed[b].first).collect();
        for (i, p) in placed.iter().enumerate() {
            let room_px = if starts.iter().any(|&s| s <= i) {
                room.later_px
            } else {
                room.first_px
            };
            self.report_overflow(sheet, p, room_px);
        }
    }

    /// Reports every cell of a row taller than the page it prints on.
    fn report_overflow(&self, sheet: &mut SheetPlacement, row: &PlacedRow, room_px: u32) {
        for (k, &height) in row.cell_heights.iter().enumerate() {
            if height <= room_px {
                continue;
            }
            let cell = &sheet.cells[row.cells_from + k];
            let pitch = self.grid.line_px(cell.size);
            let text = cell.text.plain();
            sheet.fit_problems.push(FitProblem {
                sheet: sheet.name.clone(),
                cell: rust_xlsxwriter::utility::row_col_to_cell(cell.first_row, cell.first_col),
                text_start: text.chars().take(TEXT_START_CHARS).collect(),
                lines_needed: ((height - VERTICAL_PAD_PX) / pitch) as usize,
                lines_available: (room_px.saturating_sub(VERTICAL_PAD_PX) / pitch) as usize,
            });
        }
    }

    /// 様式2's side label beside the form rows of each printed page, as the PDF draws it;
    /// a page too short for it gets its rows heightened evenly.
    fn side_labels(&self, sheet: &mut SheetPlacement, placed: &[PlacedRow]) {
        let Some(last) = placed.last() else { return };
        let size = self.template.page.font_size_pt;
        let needed =
            self.side_label.chars().count() as u32 * self.grid.line_px(size) + VERTICAL_PAD_PX;
        let mut starts: Vec<u32> = vec![sheet.first_form_row];
        starts.extend(&sheet.page_breaks);
        let ends = starts.iter().skip(1).map(|&s| s - 1).chain([last.last]);
        let segments: Vec<(u32, u32)> = starts.iter().copied().zip(ends).collect();
        for (first, last) in segments {
            let range = first as usize..=last as usize;
            let have: u32 = sheet.row_px[range.clone()].iter().sum();
            if have < needed {
                let n = last - first + 1;
                for (k, px) in sheet.row_px[range].iter_mut().enumerate() {
                    *px += (needed - have) / n + u32::from((k as u32) < (needed - have) % n);
                }
            }
            sheet.cells.push(PlacedCell {
                first_row: first,
                last_row: last,
                first_col: 0,
                last_col: 0,
                text: CellText {
                    runs: vec![Run {
                        bold: true,
                        text: self.side_label.clone(),
                    }],
                },
                style: CellStyle::SideLabel,
                size,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_pages_leave_room_for_the_print_titles() {
        let sheet = |kind, first_form_row, repeat_rows| SheetPlacement {
            name: "様式".to_owned(),
            kind,
            grid: Grid {
                edges: vec![0, 680],
            },
            cells: Vec::new(),
            row_px: vec![24, 20, 19, 40, 19],
            first_form_row,
            page_breaks: Vec::new(),
            repeat_rows,
            fit_problems: Vec::new(),
        };
        let reform = sheet(SheetKind::Reform, 1, Some((0, 2)));
        let room = page_room(&reform, 1000);
        assert_eq!((room.first_px, room.later_px), (976, 937));
        let form2 = sheet(SheetKind::Form2 { issue: 0 }, 2, Some((0, 1)));
        let room = page_room(&form2, 1000);
        assert_eq!((room.first_px, room.later_px), (956, 956));
    }
}
