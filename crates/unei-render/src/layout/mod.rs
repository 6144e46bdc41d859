//! The layout engine: plan + template + fonts → [`Document`] (pages of positioned runs, boxes
//! and rules). Output-independent: the PDF and XLSX writers both read its result.

pub mod doc;
pub(crate) mod form;
mod form2;
pub(crate) mod paginate;
pub mod rows;
pub mod text;

use unei_core::template::paper_size_mm;
use unei_core::{Labeler, Plan, Template};

pub use doc::*;
use form::{Columns, FormBuilder};
use paginate::{Frame, Paginator, RowPages};
use rows::{Advances, LineSetter, Metrics as RowMetrics};
use text::FontChain;

use crate::fonts::{FontData, FontError};
use crate::linebreak::BreakOptions;

pub(crate) const MM: f32 = 72.0 / 25.4;
/// Cell padding, left/right and top/bottom, in points.
const PAD_X: f32 = 4.0;
const PAD_Y: f32 = 2.5;
const BORDER: f32 = 0.5;

/// Why a plan could not be laid out.
#[derive(Debug, thiserror::Error)]
pub enum LayoutError {
    #[error(transparent)]
    Font(#[from] FontError),
    #[error("template page.size {0:?} is not a known paper size")]
    PaperSize(String),
    #[error("template page.label_shading {0:?} is not a #RRGGBB colour")]
    Colour(String),
}

/// The font chain of a template as it is (no `--font` choices): [`crate::fonts::font_chain`].
pub fn template_fonts(template: &Template) -> Result<Vec<FontData>, FontError> {
    crate::fonts::font_chain(template, &crate::fonts::FontChoice::default())
}

/// Lays out a whole plan with the given font chain (first face is the main one).
pub fn layout(
    plan: &Plan,
    template: &Template,
    fonts: &[FontData],
) -> Result<Document, LayoutError> {
    let chain = FontChain::from_fonts(fonts)?;
    let (width, height) = page_size(template)?;
    let PdfGeometry {
        metrics,
        frame,
        cols,
    } = pdf_geometry(template)?;
    let mut setter = LineSetter::new(&chain, metrics);
    let rows = FormBuilder::new(&mut setter, plan, template, cols).build(plan);
    let paginated = Paginator::new(frame, &chain, &rows).run();
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
        pages: paginated.pages.clone(),
        bookmarks: paginated.bookmarks.clone(),
        info: DocInfo {
            title: labels.title(),
            author: plan.meta.organisation.name.clone(),
            subject: "運営方針".to_owned(),
            language: "ja".to_owned(),
        },
        fonts: fonts.iter().map(|f| f.name.clone()).collect(),
        missing_glyphs,
    };
    let furniture = Furniture {
        chain: &chain,
        frame,
        labels: &labels,
        template,
        side_w: cols.side_w,
    };
    furniture.add(&mut document, &paginated.form2_spans);
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

/// Where the PDF puts rows: text metrics, the page frame and the columns.
struct PdfGeometry {
    metrics: RowMetrics,
    frame: Frame,
    cols: Columns,
}

fn pdf_geometry(template: &Template) -> Result<PdfGeometry, LayoutError> {
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
    Ok(PdfGeometry {
        metrics,
        frame,
        cols,
    })
}

/// The PDF pages each row of the plan is drawn on, by row index ([`FormBuilder`] order):
/// the XLSX writer breaks its pages where the PDF does.
pub(crate) fn pdf_row_pages(
    plan: &Plan,
    template: &Template,
    chain: &FontChain<'_>,
) -> Result<Vec<RowPages>, LayoutError> {
    let PdfGeometry {
        metrics,
        frame,
        cols,
    } = pdf_geometry(template)?;
    let mut setter = LineSetter::new(chain, metrics);
    let rows = FormBuilder::new(&mut setter, plan, template, cols).build(plan);
    Ok(Paginator::new(frame, chain, &rows).run().row_pages)
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

/// Running header, 【様式2】 tag, side label and page numbers.
struct Furniture<'a, 'f> {
    chain: &'a FontChain<'f>,
    frame: Frame,
    labels: &'a Labeler<'a>,
    template: &'a Template,
    side_w: f32,
}

impl Furniture<'_, '_> {
    fn add(&self, document: &mut Document, form2_spans: &[Option<(f32, f32)>]) {
        let total = document.pages.len();
        let title = self.labels.title();
        let title_size = self.template.page.title_font_size_pt;
        let size = self.template.page.font_size_pt;
        let margin_top = self.template.page.margin_top_mm * MM;
        let header = Rect {
            x: self.frame.left,
            y: margin_top,
            w: self.frame.right - self.frame.left,
            h: self.frame.top - margin_top,
        };
        let footer = Rect {
            x: self.frame.left,
            y: self.frame.bottom,
            w: header.w,
            h: (self.frame.height - self.frame.bottom) * 0.75,
        };
        for (n, page) in document.pages.iter_mut().enumerate() {
            let mut items = Vec::new();
            self.centered(
                &mut items,
                &title,
                title_size,
                header,
                margin_top + title_size,
                "labels.title",
            );
            let number = format!("{} / {}", n + 1, total);
            self.centered(
                &mut items,
                &number,
                size,
                footer,
                footer.y + footer.h * 0.6,
                "page_number",
            );
            if let Some(Some((top, bottom))) = form2_spans.get(n) {
                let tag = self.labels.get("form2_tag");
                self.run(
                    &mut items,
                    &tag,
                    size,
                    header.x,
                    margin_top + title_size,
                    header,
                    "labels.form2_tag",
                );
                self.side_label(&mut items, *top, *bottom, size);
            }
            page.items.splice(0..0, items);
        }
    }

    fn centered(
        &self,
        items: &mut Vec<Item>,
        text: &str,
        size: f32,
        cell: Rect,
        baseline: f32,
        source: &str,
    ) {
        let width = self.chain.width(text) * size;
        let x = cell.x + (cell.w - width) / 2.0;
        self.run(items, text, size, x, baseline, cell, source);
    }

    #[allow(clippy::too_many_arguments)]
    fn run(
        &self,
        items: &mut Vec<Item>,
        text: &str,
        size: f32,
        x: f32,
        baseline: f32,
        cell: Rect,
        source: &str,
    ) {
        let (asc, desc) = self.chain.extents();
        let mut x = x;
        for seg in self.chain.segments(text) {
            let width = seg.width * size;
            items.push(Item::Text(TextRun {
                x,
                baseline,
                size,
                font: seg.font,
                bold: false,
                text: seg.text,
                width,
                glyph_box: Rect {
                    x,
                    y: baseline - asc * size,
                    w: width,
                    h: (asc + desc) * size,
                },
                cell,
                source: source.to_owned(),
            }));
            x += width;
        }
    }

    /// The vertical 計/画 label: one character per line, centred in a boxed column.
    fn side_label(&self, items: &mut Vec<Item>, top: f32, bottom: f32, size: f32) {
        let cell = Rect {
            x: self.frame.left,
            y: top,
            w: self.side_w,
            h: bottom - top,
        };
        items.push(Item::Box(BoxItem {
            rect: cell,
            fill: Some(self.frame.shading),
            stroke: Some(BORDER),
        }));
        let text = self.labels.get("form2_side_label");
        let chars: Vec<char> = text.chars().collect();
        let pitch = size * 1.6;
        let first = top + (cell.h - pitch * chars.len() as f32) / 2.0;
        let (asc, desc) = self.chain.extents();
        for (k, c) in chars.iter().enumerate() {
            let s = c.to_string();
            let width = self.chain.width(&s) * size;
            let baseline =
                first + pitch * k as f32 + (pitch - (asc + desc) * size) / 2.0 + asc * size;
            self.run(
                items,
                &s,
                size,
                cell.x + (cell.w - width) / 2.0,
                baseline,
                cell,
                "labels.form2_side_label",
            );
        }
    }
}
