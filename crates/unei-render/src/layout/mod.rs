//! The layout engine: plan + template + fonts → [`Document`] (pages of positioned runs, boxes
//! and rules). Output-independent: the PDF and XLSX writers both read its result.
//!
//! Two stages, each a folder:
//! - `form`: the plan as form rows (labels, values, tables) at the template's column widths,
//!   every line already broken by the 禁則 breaker ([`rows::LineSetter`], [`text::FontChain`]);
//! - `page`: those rows stacked on pages (splits, keep-with-next, header repeat), then the
//!   page furniture.
//!
//! The XLSX writer runs the form stage itself at spreadsheet widths and takes the page breaks
//! of the page stage.

pub mod doc;
pub(crate) mod form;
pub(crate) mod page;
pub mod rows;
pub mod structure;
pub mod text;

use unei_core::template::{LineStartBracket, paper_size_mm};
use unei_core::{Labeler, Plan, Template};

pub use doc::*;
use form::Columns;
use page::{Frame, Furniture, RowPages, paginate, row_pages};
use rows::{Advances, LineSetter, Metrics as RowMetrics};
pub use structure::{Role, Scope, StructElem, StructKid};
use text::FontChain;

use crate::fonts::{FontData, FontError};
use crate::linebreak::{BreakOptions, Composition};

pub(crate) const MM: f32 = 72.0 / 25.4;
/// Cell padding, left/right and top/bottom, in points.
const PAD_X: f32 = 4.0;
const PAD_Y: f32 = 2.5;
pub(crate) const BORDER: f32 = 0.5;

/// Why a plan could not be laid out.
#[derive(Debug, thiserror::Error)]
pub enum LayoutError {
    #[error(transparent)]
    /// A font of the chain cannot be used.
    Font(#[from] FontError),
    #[error("template page.size {0:?} is not a known paper size")]
    /// `page.size` names no paper size unei knows.
    PaperSize(String),
    #[error("template page.label_shading {0:?} is not a #RRGGBB colour")]
    /// `page.label_shading` is not a `#RRGGBB` colour.
    Colour(String),
}

/// The font chain of a template as it is (no `--font` choices): [`crate::fonts::font_chain`].
///
/// # Errors
/// As [`crate::fonts::font_chain`].
pub fn template_fonts(template: &Template) -> Result<Vec<FontData>, FontError> {
    crate::fonts::font_chain(template, &crate::fonts::FontChoice::default())
}

/// How a plan is laid out besides its template.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LayoutOptions {
    /// A draft print (`unei render --draft`): the template's draft mark on every page.
    pub draft: bool,
}

/// Lays out a whole plan with the given font chain (first face is the main one).
///
/// # Errors
/// [`LayoutError::Font`] when a face cannot be parsed, [`LayoutError::PaperSize`] and
/// [`LayoutError::Colour`] for a template value the layout cannot use.
pub fn layout(
    plan: &Plan,
    template: &Template,
    fonts: &[FontData],
) -> Result<Document, LayoutError> {
    layout_with(plan, template, fonts, LayoutOptions::default())
}

/// [`layout`] with options.
///
/// # Errors
/// As [`layout`].
pub fn layout_with(
    plan: &Plan,
    template: &Template,
    fonts: &[FontData],
    options: LayoutOptions,
) -> Result<Document, LayoutError> {
    let chain = FontChain::from_fonts(fonts)?;
    let (width, height) = page_size(template)?;
    let PageGeometry {
        metrics,
        frame,
        cols,
    } = page_geometry(template)?;
    let mut setter = LineSetter::new(&chain, metrics);
    let rows = form::build_rows(&mut setter, plan, template, cols);
    let paginated = paginate(frame, &chain, &rows);
    let labels = Labeler::new(plan, template);
    // The running title is furniture, set outside the rows: its characters are checked here.
    let mut missing_glyphs = missing_in(&chain, &labels.title(), "labels.title");
    for glyph in setter.missing {
        if !missing_glyphs.contains(&glyph) {
            missing_glyphs.push(glyph);
        }
    }
    let mut document = Document {
        width,
        height,
        pages: paginated.pages,
        bookmarks: paginated.bookmarks,
        info: DocInfo {
            title: labels.title(),
            author: plan.meta.organisation.name.clone(),
            subject: "運営方針".to_owned(),
            language: "ja".to_owned(),
        },
        fonts: fonts.iter().map(|f| f.name.clone()).collect(),
        missing_glyphs,
        structure: StructElem {
            role: Role::Document,
            kids: vec![],
        },
    };
    let furniture = Furniture::new(&chain, frame, &labels, template, cols.side_w, options.draft)
        .add(&mut document, &paginated.form2_spans);
    document.structure = structure::build(&rows, &paginated.drawn, &furniture, &document.pages);
    Ok(document)
}

/// The characters of `text` no face of the chain draws, each once.
fn missing_in(chain: &FontChain<'_>, text: &str, source: &str) -> Vec<MissingGlyph> {
    let mut missing: Vec<MissingGlyph> = Vec::new();
    for character in text.chars() {
        let glyph = MissingGlyph {
            character,
            source: source.to_owned(),
        };
        if !character.is_whitespace()
            && chain.font_for(character).is_none()
            && !missing.contains(&glyph)
        {
            missing.push(glyph);
        }
    }
    missing
}

/// Where rows go on the printed page: text metrics, the page frame and the columns.
struct PageGeometry {
    metrics: RowMetrics,
    frame: Frame,
    cols: Columns,
}

fn page_geometry(template: &Template) -> Result<PageGeometry, LayoutError> {
    let page = &template.page;
    let (width, height) = page_size(template)?;
    let shading = doc::Rgb::parse(&page.label_shading)
        .ok_or_else(|| LayoutError::Colour(page.label_shading.clone()))?;
    let heading_size = page.font_size_pt * 1.15;
    // A hanging 、。 (ぶら下げ) sits past the text width; its ink is the left half of its em,
    // so the padding must hold half an em of the largest size.
    let pad_x = if page.hanging_punctuation {
        PAD_X.max(heading_size / 2.0)
    } else {
        PAD_X
    };
    let metrics = RowMetrics {
        size: page.font_size_pt,
        heading_size,
        line_height: page.line_height,
        pad_x,
        pad_y: PAD_Y,
        break_options: BreakOptions {
            hanging_punctuation: page.hanging_punctuation,
            composition: Some(composition(page)),
        },
        advances: Advances::Exact,
    };
    let frame = Frame {
        height,
        top: page.margin_top_mm * MM + page.title_font_size_pt * 1.8,
        bottom: height - page.margin_bottom_mm * MM,
        left: page.margin_left_mm * MM,
        right: width - page.margin_right_mm * MM,
        pad_x,
        pad_y: PAD_Y,
        border: BORDER,
        shading,
    };
    let cols = Columns {
        x: frame.left,
        w: frame.right - frame.left,
        side_w: page.font_size_pt + 2.0 * pad_x,
    };
    Ok(PageGeometry {
        metrics,
        frame,
        cols,
    })
}

/// How the PDF sets lines (JLREQ), from the template's page setup.
pub(crate) fn composition(page: &unei_core::template::PageSetup) -> Composition {
    Composition {
        justify: page.justify,
        latin_gap_em: page.latin_spacing.em(),
        indent_line_start_bracket: page.line_start_bracket == LineStartBracket::Half,
    }
}

/// The printed pages each row of the plan is drawn on, by row index ([`form::build_rows`]
/// order): the XLSX writer breaks its pages where the PDF does.
#[inline(never)] // a stage of bench/callgrind.py's breakdown
pub(crate) fn printed_row_pages(
    plan: &Plan,
    template: &Template,
    chain: &FontChain<'_>,
) -> Result<Vec<RowPages>, LayoutError> {
    let PageGeometry {
        metrics,
        frame,
        cols,
    } = page_geometry(template)?;
    let mut setter = LineSetter::new(chain, metrics).measuring_only();
    let rows = form::build_rows(&mut setter, plan, template, cols);
    Ok(row_pages(frame, chain, &rows))
}

/// Page width and height in points, orientation applied.
pub(crate) fn page_size(template: &Template) -> Result<(f32, f32), LayoutError> {
    let page = &template.page;
    let (w, h) =
        paper_size_mm(&page.size).ok_or_else(|| LayoutError::PaperSize(page.size.clone()))?;
    let (w, h) = if page.orientation == "landscape" {
        (h, w)
    } else {
        (w, h)
    };
    Ok((w * MM, h * MM))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_pages_found_without_drawing_are_the_drawn_layout_s() {
        let template = Template::bundled();
        let fonts = crate::fonts::font_chain(&template, &Default::default()).unwrap();
        let chain = FontChain::from_fonts(&fonts).unwrap();
        for name in ["fukushima-r2", "sample-form2-r1", "sample-gen-b-r5"] {
            let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/plans");
            let text = std::fs::read_to_string(format!("{dir}/{name}.json")).unwrap();
            let plan = unei_core::plan_from_str(&text, name).unwrap();
            let geometry = page_geometry(&template).unwrap();
            let mut setter = LineSetter::new(&chain, geometry.metrics);
            let rows = form::build_rows(&mut setter, &plan, &template, geometry.cols);
            let drawn = paginate(geometry.frame, &chain, &rows);
            assert!(
                drawn.row_pages.iter().any(|p| p.last > 0),
                "{name} spans pages"
            );
            let found = printed_row_pages(&plan, &template, &chain).unwrap();
            assert_eq!(found, drawn.row_pages, "{name}");
        }
    }
}
