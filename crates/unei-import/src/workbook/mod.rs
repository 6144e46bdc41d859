//! Legacy workbooks (.xlsx/.xlsm, .xls including cp932 BIFF5, .ods) → rows of cells.
//! Every non-empty cell becomes a [`SourceCell`]; a merged region counts once, at its
//! top-left cell, and anything hidden under a merge is reported, never dropped.

mod compound;
mod ods;
pub mod properties;

use std::collections::HashMap;
use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};

use calamine::{Data, Dimensions, Ods, Range, Reader, Xls, Xlsx};

use crate::assemble::Context;
use crate::error::{ImportError, LimitExceeded};
use crate::labels::Field;
use crate::message::Message;
use crate::normalize::normalise;
use crate::report::Entry;
use crate::source::{Content, Line, SourceCell};

/// The workbook formats the importer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkbookFormat {
    /// .xlsx / .xlsm
    Xlsx,
    /// .xls, BIFF5 (Excel 95, strings in the workbook's code page such as cp932) or BIFF8
    Xls,
    /// .ods
    Ods,
}

impl WorkbookFormat {
    /// The format a file name's extension names.
    pub fn from_extension(extension: &str) -> Option<WorkbookFormat> {
        match extension.to_ascii_lowercase().as_str() {
            "xlsx" | "xlsm" => Some(WorkbookFormat::Xlsx),
            "xls" => Some(WorkbookFormat::Xls),
            "ods" => Some(WorkbookFormat::Ods),
            _ => None,
        }
    }

    /// The format's name in the report (`xlsx`, `xls`, `ods`).
    pub fn name(self) -> &'static str {
        match self {
            WorkbookFormat::Xlsx => "xlsx",
            WorkbookFormat::Xls => "xls",
            WorkbookFormat::Ods => "ods",
        }
    }
}

/// One sheet's non-empty cells and merged regions, positions 0-based.
#[derive(Debug, Default)]
struct Sheet {
    name: String,
    cells: Vec<(u32, u32, Content)>,
    merges: Vec<Dimensions>,
}

/// The rows of every sheet; a cell hidden under a merged region is an unmapped entry in
/// its place.
#[derive(Debug)]
pub struct WorkbookRows {
    pub lines: Vec<Line>,
}

/// Reads a workbook into rows. A reader failure of any kind (including a panic inside the
/// third-party reader on a malformed file) is an error with the reader's message.
pub fn read(
    bytes: &[u8],
    file: &str,
    format: WorkbookFormat,
    ctx: &Context<'_>,
    limits: &crate::Limits,
) -> Result<WorkbookRows, ImportError> {
    let unreadable = |message: String| ImportError::Unreadable {
        file: file.to_owned(),
        format: format.name(),
        message,
    };
    let sheets = catch_unwind(AssertUnwindSafe(|| read_sheets(bytes, format)))
        .unwrap_or_else(|_| Err("the workbook reader failed on this file".to_owned()))
        .map_err(unreadable)?;
    check_cells(&sheets, limits).map_err(|limit| ImportError::Limit {
        file: file.to_owned(),
        limit,
    })?;
    let mut rows = WorkbookRows { lines: Vec::new() };
    for sheet in sheets {
        sheet_lines(sheet, ctx, &mut rows);
    }
    Ok(rows)
}

/// The cell count and cell length limits (see [`crate::Limits`]).
fn check_cells(sheets: &[Sheet], limits: &crate::Limits) -> Result<(), LimitExceeded> {
    let count: usize = sheets.iter().map(|s| s.cells.len()).sum();
    if count > limits.cells {
        return Err(LimitExceeded::Cells {
            cells: count,
            limit: limits.cells,
        });
    }
    for sheet in sheets {
        for (row, col, content) in &sheet.cells {
            let chars = SourceCell::text_of(content).chars().count();
            if chars > limits.cell_chars {
                return Err(LimitExceeded::CellLength {
                    address: address(&sheet.name, *row, *col),
                    chars,
                    limit: limits.cell_chars,
                });
            }
        }
    }
    Ok(())
}

fn read_sheets(bytes: &[u8], format: WorkbookFormat) -> Result<Vec<Sheet>, String> {
    let cursor = Cursor::new(bytes);
    match format {
        WorkbookFormat::Xlsx => {
            let mut book = Xlsx::new(cursor).map_err(|e| e.to_string())?;
            collect_xlsx(&mut book)
        }
        WorkbookFormat::Xls => {
            compound::check(bytes)?;
            let mut book = Xls::new(cursor).map_err(|e| e.to_string())?;
            collect(&mut book, |book, name| {
                book.merge_cells_by_sheet_name(name)
                    .map_err(|e| e.to_string())
            })
        }
        WorkbookFormat::Ods => {
            // calamine does not read ODS merges; they come from content.xml directly.
            let mut merges = ods::merged_regions(bytes)?;
            let mut book = Ods::new(cursor).map_err(|e| e.to_string())?;
            collect(&mut book, |_, name| {
                Ok(merges.remove(name).unwrap_or_default())
            })
        }
    }
}

fn collect<R, B>(
    book: &mut B,
    mut merges: impl FnMut(&mut B, &str) -> Result<Vec<Dimensions>, String>,
) -> Result<Vec<Sheet>, String>
where
    R: std::io::Read + std::io::Seek,
    B: Reader<R>,
    B::Error: std::fmt::Display,
{
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| format!("sheet {name}: {e}"))?;
        let merges = merges(book, &name).map_err(|e| format!("sheet {name}: {e}"))?;
        sheets.push(Sheet {
            cells: cells_of(&range),
            name,
            merges,
        });
    }
    Ok(sheets)
}

/// An .xlsx read cell by cell: calamine's `worksheet_range` would allocate the whole
/// rectangle between the outermost cells, which a hostile file (one cell in A1, one in
/// XFD1048576) can make enormous.
fn collect_xlsx(book: &mut Xlsx<Cursor<&[u8]>>) -> Result<Vec<Sheet>, String> {
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let mut cells = Vec::new();
        let mut reader = book
            .worksheet_cells_reader(&name)
            .map_err(|e| format!("sheet {name}: {e}"))?;
        while let Some(cell) = reader
            .next_cell()
            .map_err(|e| format!("sheet {name}: {e}"))?
        {
            let (row, col) = cell.get_position();
            if let Some(content) = content_of(&Data::from(cell.get_value().clone())) {
                cells.push((row, col, content));
            }
        }
        drop(reader);
        // A cell written twice (a hand-edited sheet) is the last one written, as a reader
        // building the sheet's grid would have it.
        let mut seen = std::collections::HashSet::new();
        cells.reverse();
        cells.retain(|(row, col, _)| seen.insert((*row, *col)));
        cells.reverse();
        let merges = book
            .merge_cells_by_sheet_name(&name)
            .map_err(|e| format!("sheet {name}: {e}"))?;
        sheets.push(Sheet {
            cells,
            name,
            merges,
        });
    }
    Ok(sheets)
}

/// Non-empty cells with absolute positions; whitespace-only text counts as empty.
fn cells_of(range: &Range<Data>) -> Vec<(u32, u32, Content)> {
    let (start_row, start_col) = range.start().unwrap_or((0, 0));
    range
        .used_cells()
        .filter_map(|(row, col, data)| {
            let content = content_of(data)?;
            let row = start_row + u32::try_from(row).ok()?;
            let col = start_col + u32::try_from(col).ok()?;
            Some((row, col, content))
        })
        .collect()
}

fn content_of(data: &Data) -> Option<Content> {
    Some(match data {
        Data::Empty => return None,
        Data::String(text) if text.trim().is_empty() => return None,
        Data::String(text) => Content::Text(text.replace("\r\n", "\n").replace('\r', "\n")),
        Data::Float(value) => Content::Number(*value),
        // Cell integers are far below 2^53: exact as f64.
        #[allow(clippy::cast_precision_loss)]
        Data::Int(value) => Content::Number(*value as f64),
        other => Content::Text(other.to_string()),
    })
}

/// `A`, `Z`, `AA` for 0, 25, 26.
pub fn column_name(mut col: u32) -> String {
    let mut name = Vec::new();
    loop {
        let letter = u8::try_from(col % 26).unwrap_or(0);
        name.push(char::from(b'A' + letter));
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    name.iter().rev().collect()
}

fn address(sheet: &str, row: u32, col: u32) -> String {
    format!("{sheet}!{}{}", column_name(col), u64::from(row) + 1)
}

/// A sheet's cells as rows, with a gap wherever a whole row is empty.
fn sheet_lines(sheet: Sheet, ctx: &Context<'_>, out: &mut WorkbookRows) {
    let form = sheet_form(&sheet, ctx);
    out.lines.push(Line::Sheet {
        name: sheet.name.clone(),
        form,
    });
    let anchors: HashMap<(u32, u32), &Dimensions> =
        sheet.merges.iter().map(|m| (m.start, m)).collect();
    let mut cells: Vec<SourceCell> = Vec::new();
    for (row, col, content) in sheet.cells {
        let covering = sheet
            .merges
            .iter()
            .find(|m| m.contains(row, col) && m.start != (row, col));
        if let Some(merge) = covering {
            let reason = Message::HiddenUnderMerge {
                anchor: address(&sheet.name, merge.start.0, merge.start.1),
            };
            let entry = Entry::unmapped(
                &address(&sheet.name, row, col),
                SourceCell::text_of(&content),
                reason,
            );
            out.lines.push(Line::Entry(Box::new(entry)));
            continue;
        }
        let (row_end, col_end) = anchors.get(&(row, col)).map_or((row, col), |m| m.end);
        let mut cell = SourceCell::new(address(&sheet.name, row, col), row, col, content);
        cell.row_end = row_end;
        cell.col_end = col_end;
        cells.push(cell);
    }
    cells.sort_by_key(|c| (c.row, c.col));
    push_rows(cells, &mut out.lines);
}

fn push_rows(cells: Vec<SourceCell>, lines: &mut Vec<Line>) {
    let mut covered_until: Option<u32> = None;
    let mut current: Vec<SourceCell> = Vec::new();
    for cell in cells {
        if current.first().is_some_and(|c| c.row != cell.row) {
            lines.push(Line::Row(std::mem::take(&mut current)));
        }
        if current.is_empty() && covered_until.is_some_and(|until| cell.row > until + 1) {
            lines.push(Line::Gap);
        }
        covered_until = Some(covered_until.map_or(cell.row_end, |u| u.max(cell.row_end)));
        current.push(cell);
    }
    if !current.is_empty() {
        lines.push(Line::Row(current));
    }
}

/// Which 様式 a sheet holds: by its name (`[import.sheet_forms]`), else by its labels.
fn sheet_form(sheet: &Sheet, ctx: &Context<'_>) -> String {
    let name = normalise(&sheet.name);
    let by_name = ctx.rules.sheet_forms.iter().find(|(_, words)| {
        words
            .iter()
            .any(|word| !word.is_empty() && name.contains(&normalise(word)))
    });
    if let Some((form, _)) = by_name {
        return form.clone();
    }
    let fields: Vec<Field> = sheet
        .cells
        .iter()
        .filter_map(|(_, _, content)| match content {
            Content::Text(text) => ctx.matcher.find(text).map(|m| m.field),
            _ => None,
        })
        .collect();
    let has = |wanted: &[Field]| fields.iter().any(|f| wanted.contains(f));
    let by_id = |ids: &[String]| fields.iter().any(|f| ids.iter().any(|id| id == f.id()));
    if has(&[Field::Form2Tag, Field::Form2Block, Field::Form2SideLabel]) {
        "様式2".to_owned()
    } else if by_id(&ctx.rules.generation_b_fields) {
        "第B世代様式".to_owned()
    } else if has(&[
        Field::Goal,
        Field::Mission,
        Field::Policy,
        Field::IssueOverview,
    ]) {
        "様式1".to_owned()
    } else if has(&[Field::Reform, Field::ReformItem]) {
        "様式3".to_owned()
    } else if has(&[
        Field::SelfEvaluationHeading,
        Field::Achievements,
        Field::Challenges,
    ]) {
        "自己評価".to_owned()
    } else {
        "不明".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }

    #[test]
    fn a_value_hidden_under_a_merge_is_reported_not_dropped() {
        let template = unei_core::Template::bundled();
        let ctx = Context::new(&template).unwrap();
        let sheet = Sheet {
            name: "様式1".to_owned(),
            cells: vec![
                (0, 0, Content::Text("区の目標（何をめざすのか）".to_owned())),
                (0, 1, Content::Text("目標の文".to_owned())),
                (0, 2, Content::Text("結合の下に残った文字".to_owned())),
            ],
            merges: vec![Dimensions::new((0, 1), (1, 3))],
        };
        let mut out = WorkbookRows { lines: Vec::new() };
        sheet_lines(sheet, &ctx, &mut out);
        let hidden: Vec<&Entry> = out
            .lines
            .iter()
            .filter_map(|l| match l {
                Line::Entry(e) => Some(e.as_ref()),
                _ => None,
            })
            .collect();
        assert_eq!(hidden.len(), 1);
        assert_eq!(hidden[0].address, "様式1!C1");
        assert_eq!(
            hidden[0]
                .reason
                .as_ref()
                .map(ToString::to_string)
                .as_deref(),
            Some("hidden under the merged cell 様式1!B1")
        );
        let Some(Line::Row(cells)) = out.lines.get(2) else {
            panic!("{:?}", out.lines)
        };
        assert_eq!((cells[1].row_end, cells[1].col_end), (1, 3));
    }

    fn cell(row: u32, row_end: u32) -> SourceCell {
        let mut cell = SourceCell::new(String::new(), row, 0, Content::Text("x".to_owned()));
        cell.row_end = row_end;
        cell
    }

    #[test]
    fn empty_rows_are_gaps_unless_a_merge_covers_them() {
        let mut lines = Vec::new();
        push_rows(vec![cell(0, 2), cell(3, 3), cell(5, 5)], &mut lines);
        let shape: Vec<&str> = lines
            .iter()
            .map(|l| match l {
                Line::Row(_) => "row",
                Line::Gap => "gap",
                Line::Sheet { .. } => "sheet",
                Line::Entry(_) => "entry",
            })
            .collect();
        assert_eq!(shape, ["row", "row", "gap", "row"]);
    }
}
