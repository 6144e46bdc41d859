//! XLSX writer: the official forms as a workbook that officials can keep editing in Excel and
//! that prints like the PDF.
//!
//! The form rows come from the same builder as the PDF's (`crate::layout::form`), set on a column
//! grid whose widths are what Excel and LibreOffice give text in a cell, with each character
//! measured as they render it (whole screen pixels, synthetic bold one pixel wider). Every
//! cell's line count is therefore what our 禁則 breaker needs at that width, which is at
//! least what the application's own, laxer wrapping needs; row heights are set from it, never
//! left to the application (neither autofits wrapped or merged cells). The cells hold the
//! author's text with paragraphs and list items on lines of their own; the application
//! wraps it.
//!
//! Layout of a sheet (for the importer): row 1 holds the title, 様式2 sheets have the 【様式2】
//! tag in row 2; then one row per form row. Labels are shaded bold cells holding the
//! template's label text, each value is one cell below its label (or below a table header
//! cell), merged across the columns the PDF gives it. README.md ("XLSX") has the details.

mod book;
mod cells;
mod metrics;
mod package;
mod pages;
mod placement;
mod sheets;
mod side_values;

use unei_core::{Plan, Template};

use crate::fonts::{FontData, FontError};
use crate::layout::LayoutError;
use crate::layout::text::FontChain;
use metrics::GridMetrics;

pub use placement::FitProblem;

/// How the file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct XlsxOptions {
    /// Creation date, seconds since 1970 (`SOURCE_DATE_EPOCH`).
    pub epoch: i64,
}

/// The workbook and the cells that will not print whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XlsxOutput {
    /// The workbook file (XLSX).
    pub bytes: Vec<u8>,
    /// Cells taller than a printed page: whole on screen, possibly cut at page edges on paper.
    pub fit_problems: Vec<FitProblem>,
}

#[derive(Debug, thiserror::Error)]
/// Why a workbook could not be written.
pub enum XlsxError {
    #[error(transparent)]
    /// A face cannot be used.
    Font(#[from] FontError),
    #[error(transparent)]
    /// The form could not be laid out (see [`LayoutError`]).
    Layout(#[from] LayoutError),
    #[error("no font to set the workbook in")]
    /// The font chain is empty.
    NoFont,
    #[error("SOURCE_DATE_EPOCH {0} is outside the dates a workbook can hold (1900–9999)")]
    /// `SOURCE_DATE_EPOCH` is outside the dates a workbook can hold.
    Date(i64),
    #[error("cannot write the workbook: {0}")]
    /// rust_xlsxwriter could not write the workbook.
    Write(#[from] rust_xlsxwriter::XlsxError),
    /// The saved package could not be reopened to add the document language (the reason from
    /// the zip library).
    #[error("cannot add the document language to the workbook: {0}")]
    Package(String),
}

/// The workbook's `dc:language`: the forms are Japanese (BCP 47, as Office writes it).
const WORKBOOK_LANGUAGE: &str = "ja-JP";

/// Writes the plan's forms as a workbook; `fonts` is the chain the PDF uses (the first face
/// becomes the workbook's default font).
///
/// # Errors
/// See [`XlsxError`].
pub fn write_xlsx(
    plan: &Plan,
    template: &Template,
    fonts: &[FontData],
    options: &XlsxOptions,
) -> Result<XlsxOutput, XlsxError> {
    let main = fonts.first().ok_or(XlsxError::NoFont)?;
    let chain = FontChain::from_fonts(fonts)?;
    let grid = GridMetrics::new(main, template.page.font_size_pt)?;
    let sheets = placement::place_sheets(plan, template, &grid, &chain)?;
    let fit_problems = sheets
        .iter()
        .flat_map(|s| s.fit_problems.iter().cloned())
        .collect();
    let font = book::BookFont {
        family: family_name(main)?,
        size: template.page.font_size_pt,
    };
    let bytes = book::write(plan, template, &font, &grid, &sheets, options.epoch)?;
    let bytes = package::with_language(&bytes, WORKBOOK_LANGUAGE).map_err(XlsxError::Package)?;
    Ok(XlsxOutput {
        bytes,
        fit_problems,
    })
}

/// The family name Japanese Excel lists the face by: its Japanese name-table entry
/// (`BIZ UDゴシック`), else the English one, else the first.
fn family_name(font: &FontData) -> Result<String, XlsxError> {
    const FAMILY: u16 = ttf_parser::name_id::FAMILY;
    const JAPANESE: u16 = 0x0411;
    const ENGLISH_US: u16 = 0x0409;
    let face = font.face()?;
    let names: Vec<_> = face
        .names()
        .into_iter()
        .filter(|n| n.name_id == FAMILY && n.is_unicode())
        .collect();
    let japanese = names.iter().find(|n| n.language_id == JAPANESE);
    let english = names.iter().find(|n| n.language_id == ENGLISH_US);
    Ok(japanese
        .or(english)
        .or(names.first())
        .and_then(|n| n.to_string())
        .unwrap_or_else(|| font.name.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn family_comes_from_the_font_not_the_file_name() {
        let font = FontData {
            name: "/some/path/ipaexg.ttf".to_owned(),
            ..FontData::bundled("IPAexGothic").unwrap()
        };
        assert_eq!(family_name(&font).unwrap(), "IPAexゴシック");
        let biz = FontData::bundled("BIZ UDGothic").unwrap();
        assert_eq!(family_name(&biz).unwrap(), "BIZ UDゴシック");
    }
}
