//! 様式2's amounts and evaluation codes as cells of their own. The PDF prints an initiative's
//! amount on a row under its heading and a block's code on the last line of the block,
//! right-aligned; a workbook gives each its own cell to the right of the label, on the label's
//! row, so that officials edit them apart from the text and the importer reads them as values.

use crate::layout::rows::{Cell, CellLine, LineSetter, Row, RowKind};

/// A form row of a sheet with its index in the plan's row list.
pub(crate) type IndexedRow = (usize, Row);

/// What a right-aligned line holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SideValue {
    /// `(1,976千円)`: the row it sits on holds nothing else.
    Amount,
    /// `ア`: the block's text stays below the label.
    Code,
}

fn side_value(line: &CellLine) -> Option<SideValue> {
    let all = |suffix: &str| line.pieces.iter().all(|p| p.source.ends_with(suffix));
    if line.pieces.is_empty() {
        None
    } else if all(".amount") {
        Some(SideValue::Amount)
    } else if all(".code.code") {
        Some(SideValue::Code)
    } else {
        None
    }
}

/// Moves every amount and code that follows a label into a cell to the right of that label,
/// `width` points wide (see [`side_column_width`]).
pub(crate) fn move_side_values(
    rows: Vec<IndexedRow>,
    setter: &mut LineSetter<'_, '_>,
    width: f32,
) -> Vec<IndexedRow> {
    let mut out: Vec<IndexedRow> = Vec::with_capacity(rows.len());
    let mut rows = rows.into_iter().peekable();
    while let Some((index, mut row)) = rows.next() {
        let next = rows.peek_mut().filter(|_| row.kind == RowKind::Label);
        let taken = next.and_then(|(_, next)| take_last_side_value(next));
        let Some((text, kind)) = taken else {
            out.push((index, row));
            continue;
        };
        attach(&mut row, &text, setter, width);
        out.push((index, row));
        let emptied = rows
            .peek()
            .is_some_and(|(_, next)| next.cells.iter().all(|c| c.lines.is_empty()));
        if kind == SideValue::Amount && emptied {
            rows.next();
        }
    }
    out
}

/// Removes the side value on the last line of a one-cell content row, returning its text.
fn take_last_side_value(row: &mut Row) -> Option<(String, SideValue)> {
    let [cell] = row.cells.as_mut_slice() else {
        return None;
    };
    if row.kind != RowKind::Content {
        return None;
    }
    let kind = side_value(cell.lines.last()?)?;
    let line = cell.lines.pop()?;
    Some((line.pieces.iter().map(|p| p.text.as_str()).collect(), kind))
}

/// Narrows the label cell and adds the value cell at its right.
fn attach(row: &mut Row, text: &str, setter: &mut LineSetter<'_, '_>, width: f32) {
    let Some(label) = row.cells.first_mut() else {
        return;
    };
    let pad = 2.0 * setter.metrics.pad_x;
    let label_text: String = label
        .lines
        .iter()
        .flat_map(|l| &l.pieces)
        .map(|p| p.text.as_str())
        .collect();
    let source = label
        .lines
        .first()
        .and_then(|l| l.pieces.first())
        .map_or_else(String::new, |p| p.source.clone());
    label.w -= width;
    let bold = setter.bold();
    label.lines = setter.paragraph(&label_text, label.w - pad, bold, &source);
    let body = setter.body();
    let value = Cell {
        x: label.x + label.w,
        w: width,
        shaded: false,
        border: true,
        lines: setter.paragraph(text, width - pad, body, &source),
    };
    row.cells.push(value);
}

/// Width of the amounts-and-codes column: the widest of them on one line, or `None` when the
/// rows have none.
pub(crate) fn side_column_width(rows: &[IndexedRow], setter: &LineSetter<'_, '_>) -> Option<f32> {
    let size = setter.metrics.size;
    rows.iter()
        .flat_map(|(_, row)| &row.cells)
        .flat_map(|cell| &cell.lines)
        .filter(|line| side_value(line).is_some())
        .map(|line| {
            line.pieces
                .iter()
                .flat_map(|p| p.text.chars())
                .map(|c| {
                    setter
                        .metrics
                        .advances
                        .advance(setter.chain.advance(c) * size, false, size)
                })
                .sum::<f32>()
        })
        .reduce(f32::max)
        .map(|text| text + 2.0 * setter.metrics.pad_x)
}
