//! Writes planned sheets with rust_xlsxwriter: formats, merged cells, row heights and the
//! print setup.

use std::collections::HashMap;

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, FormatPattern,
    Workbook, Worksheet,
};
use unei_core::template::paper_size_mm;
use unei_core::{Labeler, Plan, Template};

use crate::layout::doc::Rgb;
use crate::layout::{LayoutError, MM};

use super::XlsxError;
use super::metrics::{GridMetrics, PX_PER_PT};
use super::placement::{CellStyle, PlacedCell, SheetPlacement, top_margin_pt};

/// The workbook's default font.
#[derive(Debug, Clone)]
pub(crate) struct BookFont {
    pub family: String,
    pub size: f32,
}

/// Japanese character set: Excel picks the font's Japanese encoding.
const SHIFTJIS_CHARSET: u8 = 128;
/// Rotation code for stacked text (one character per line), as 様式2's side label is printed.
const STACKED_TEXT: i16 = 270;

#[inline(never)] // a stage of bench/callgrind.py's breakdown
pub(crate) fn write(
    plan: &Plan,
    template: &Template,
    font: &BookFont,
    grid: &GridMetrics,
    sheets: &[SheetPlacement],
    epoch: i64,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    // A workbook's parts are small XML files: zlib's fastest level costs a third of the
    // default's time there and makes the file about 7 % larger (10.1 KB instead of 9.4 KB
    // for the Fukushima plan).
    book.set_zip_compression_level(1);
    let base = base_format(font);
    let default_row_px = grid.line_px(font.size) + super::metrics::VERTICAL_PAD_PX;
    book.set_default_format(&base, default_row_px, grid.default_col_px)?;
    let labels = Labeler::new(plan, template);
    let created = ExcelDateTime::from_timestamp(epoch).map_err(|_| XlsxError::Date(epoch))?;
    let mut properties = DocProperties::new()
        .set_title(labels.title())
        .set_subject("運営方針")
        .set_author(plan.meta.organisation.name.as_str())
        .set_creation_datetime(&created);
    // What the form does not show travels as custom properties: the importer reads them back.
    for (name, value) in unei_core::provenance::properties(plan) {
        properties = properties.set_custom_property(name, value.as_str());
    }
    book.set_properties(&properties);
    let mut formats = Formats::new(font, template)?;
    for sheet in sheets {
        let worksheet = book.add_worksheet();
        worksheet.set_name(&sheet.name)?;
        write_sheet(worksheet, sheet, &mut formats, grid)?;
        print_setup(worksheet, sheet, template)?;
    }
    Ok(book.save_to_buffer()?)
}

fn base_format(font: &BookFont) -> Format {
    Format::new()
        .set_font_name(&font.family)
        .set_font_size(font.size)
        .set_font_charset(SHIFTJIS_CHARSET)
}

/// Cell formats by style and size, and the run fonts of rich text.
struct Formats {
    font: BookFont,
    shading: Color,
    cells: HashMap<(CellStyle, u32), Format>,
}

impl Formats {
    fn new(font: &BookFont, template: &Template) -> Result<Formats, XlsxError> {
        let shading = &template.page.label_shading;
        let Rgb(r, g, b) =
            Rgb::parse(shading).ok_or_else(|| LayoutError::Colour(shading.clone()))?;
        Ok(Formats {
            font: font.clone(),
            shading: Color::RGB(u32::from_be_bytes([0, r, g, b])),
            cells: HashMap::new(),
        })
    }

    /// The format of a cell (created on first use: rust_xlsxwriter numbers formats in the
    /// order cells use them, so the file stays the same for the same plan).
    fn cell(&mut self, style: CellStyle, size: f32) -> &Format {
        let key = (style, (size * 100.0).round() as u32);
        let (font, shading) = (&self.font, self.shading);
        self.cells
            .entry(key)
            .or_insert_with(|| cell_format(font, shading, style, size))
    }

    /// The font of a run of rich text.
    fn run(&self, bold: bool, size: f32) -> Format {
        let font = BookFont {
            family: self.font.family.clone(),
            size,
        };
        let format = base_format(&font);
        if bold { format.set_bold() } else { format }
    }
}

fn cell_format(font: &BookFont, shading: Color, style: CellStyle, size: f32) -> Format {
    let base = base_format(&BookFont {
        family: font.family.clone(),
        size,
    })
    .set_text_wrap()
    .set_align(FormatAlign::Top)
    .set_align(FormatAlign::Left);
    let boxed = |f: Format| f.set_border(FormatBorder::Thin);
    let shaded = |f: Format| {
        f.set_pattern(FormatPattern::Solid)
            .set_background_color(shading)
            .set_bold()
    };
    match style {
        CellStyle::Title => base.set_align(FormatAlign::Center),
        CellStyle::Tag => base,
        CellStyle::Heading => base.set_bold(),
        CellStyle::Label => boxed(shaded(base)),
        CellStyle::Value => boxed(base),
        CellStyle::SideLabel => boxed(shaded(base))
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_rotation(STACKED_TEXT),
    }
}

fn write_sheet(
    worksheet: &mut Worksheet,
    sheet: &SheetPlacement,
    formats: &mut Formats,
    grid: &GridMetrics,
) -> Result<(), XlsxError> {
    for (col, px) in sheet.grid.widths().enumerate() {
        worksheet.set_column_width_pixels(col as u16, grid.written_px(px))?;
    }
    for (row, &px) in sheet.row_px.iter().enumerate() {
        worksheet.set_row_height(row as u32, f64::from(px) / f64::from(PX_PER_PT))?;
    }
    for cell in &sheet.cells {
        write_cell(worksheet, cell, formats)?;
    }
    worksheet.set_screen_gridlines(false);
    Ok(())
}

fn write_cell(
    worksheet: &mut Worksheet,
    cell: &PlacedCell,
    formats: &mut Formats,
) -> Result<(), XlsxError> {
    let (row, col) = (cell.first_row, cell.first_col);
    let merged = cell.last_row > row || cell.last_col > col;
    let runs = &cell.text.runs;
    let rich = runs.iter().any(|r| r.bold) && runs.iter().any(|r| !r.bold);
    // Text of one weight is the cell format's: a value that is all bold (an issue heading
    // without overview) gets a bold cell format.
    let all_bold = !runs.is_empty() && runs.iter().all(|r| r.bold);
    let format = formats.cell(cell.style, cell.size).clone();
    let format = if all_bold && !is_bold(cell.style) {
        format.set_bold()
    } else {
        format
    };
    let plain = if rich {
        String::new()
    } else {
        cell.text.plain()
    };
    if merged {
        worksheet.merge_range(row, col, cell.last_row, cell.last_col, &plain, &format)?;
    } else if plain.is_empty() {
        worksheet.write_blank(row, col, &format)?;
    } else {
        worksheet.write_string_with_format(row, col, &plain, &format)?;
    }
    if !rich {
        return Ok(());
    }
    let fonts: Vec<Format> = runs
        .iter()
        .map(|r| formats.run(r.bold, cell.size))
        .collect();
    let segments: Vec<(&Format, &str)> = fonts
        .iter()
        .zip(runs)
        .map(|(f, r)| (f, r.text.as_str()))
        .collect();
    worksheet.write_rich_string_with_format(row, col, &segments, &format)?;
    Ok(())
}

fn is_bold(style: CellStyle) -> bool {
    matches!(
        style,
        CellStyle::Heading | CellStyle::Label | CellStyle::SideLabel
    )
}

/// Paper, orientation, margins as the PDF's, one page wide, print area, repeated rows (the
/// title rows: the running title), page numbers, and page breaks where the PDF breaks pages.
fn print_setup(
    worksheet: &mut Worksheet,
    sheet: &SheetPlacement,
    template: &Template,
) -> Result<(), XlsxError> {
    let page = &template.page;
    worksheet.set_paper_size(paper_code(&page.size));
    if page.orientation == "landscape" {
        worksheet.set_landscape();
    } else {
        worksheet.set_portrait();
    }
    let inches = |pt: f32| f64::from(pt / 72.0);
    worksheet.set_margins(
        inches(page.margin_left_mm * MM),
        inches(page.margin_right_mm * MM),
        inches(top_margin_pt(template)),
        inches(page.margin_bottom_mm * MM),
        inches(page.margin_top_mm * MM),
        inches(page.margin_bottom_mm * MM * 0.4),
    );
    worksheet.set_print_fit_to_pages(1, 0);
    let last_row = sheet.row_px.len().saturating_sub(1) as u32;
    let last_col = (sheet.grid.columns() - 1) as u16;
    worksheet.set_print_area(0, 0, last_row, last_col)?;
    if let Some((first, last)) = sheet.repeat_rows {
        worksheet.set_repeat_rows(first, last)?;
    }
    worksheet.set_footer("&C&P / &N");
    if !sheet.page_breaks.is_empty() {
        worksheet.set_page_breaks(&sheet.page_breaks)?;
    }
    Ok(())
}

/// Excel's paper size codes for the template's paper names.
fn paper_code(size: &str) -> u8 {
    match size {
        "A3" => 8,
        "B4" => 12,
        "B5" => 13,
        "Letter" => 1,
        _ => {
            debug_assert!(paper_size_mm(size).is_some());
            9 // A4
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_paper_size_has_a_code() {
        for (name, code) in [("A4", 9), ("A3", 8), ("B4", 12), ("B5", 13), ("Letter", 1)] {
            assert!(paper_size_mm(name).is_some());
            assert_eq!(paper_code(name), code);
        }
    }
}
