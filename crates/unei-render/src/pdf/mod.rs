//! PDF writer: a pure function from a laid-out [`Document`] to PDF bytes.
//!
//! The stages: [`embed`] subsets each face to the glyphs the document draws ([`subset`]: our
//! own glyph copier) and hands printpdf a ready-made font; printpdf builds the pages, fonts and
//! document objects as a lopdf document (no second parse of anything); [`post`] adds what
//! printpdf cannot write (nested outline, /Lang, /W only where it differs from /DW, fixed
//! dates), compresses, and saves with object and cross-reference streams and an /ID that is a
//! hash of the content.
//!
//! Glyph positions equal the layout exactly: each line is one TJ whose per-glyph adjustments
//! correct the integer /W widths back to the font's own advances.
//!
//! **Where tagged PDF goes** (structure tree and marked content): marked-content operators
//! (`Op::BeginMarkedContentWithProperties` with an /MCID, `Op::EndMarkedContent`) wrap the
//! operators of an item in [`item_ops`], which sees each [`Item`] with its source; the
//! structure tree, /MarkInfo and the catalog keys are objects added to the lopdf document in
//! [`post::finish`] before it is saved (object streams then pack the many small structure
//! elements). Neither step needs anything else here to change.

mod embed;
mod post;
pub mod subset;

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{
    Color, Op, PaintMode, PdfDocument, PdfFont, PdfFontHandle, PdfSaveOptions, Pt, Rect as PdfRect,
    Rgb as PdfRgb, TextItem, TextMatrix, TextRenderingMode,
};

use crate::fonts::FontData;
use crate::layout::{BoxItem, Document, Item, TextRun};
use embed::Embedded;
pub use subset::SubsetError;

/// How the file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PdfOptions {
    /// Creation and modification date, seconds since 1970 (`SOURCE_DATE_EPOCH`).
    pub epoch: i64,
    /// Compress page content streams (font programs are always compressed). Off gives
    /// readable content for golden tests.
    pub compress_content: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("font {0}: {1}")]
    Font(String, String),
    #[error("font {0}: cannot subset it for embedding: {1}")]
    Subset(String, SubsetError),
    #[error("cannot assemble the PDF: {0}")]
    Assemble(String),
}

/// Stroke width for fake bold, as a fraction of the font size: visibly bold, not blotted.
const FAKE_BOLD_STROKE: f32 = 1.0 / 35.0;

/// Writes `doc` as PDF; `fonts` is the face list the layout was made with.
pub fn write_pdf(
    doc: &Document,
    fonts: &[FontData],
    options: &PdfOptions,
) -> Result<Vec<u8>, PdfError> {
    let embedded = embed_fonts(doc, fonts)?;
    let (w, h) = (doc.width, doc.height);
    let mut pdf = PdfDocument::new(&doc.info.title);
    post::set_info(&mut pdf, doc, options.epoch);
    for e in embedded.values() {
        // Our own ids (not add_font's process-wide counter): stable bytes.
        pdf.resources
            .fonts
            .map
            .insert(e.id.clone(), PdfFont::new(e.printpdf_font()));
    }
    pdf.pages = doc
        .pages
        .iter()
        .map(|page| {
            let ops = page
                .items
                .iter()
                .flat_map(|item| item_ops(item, h, &embedded))
                .collect();
            printpdf::PdfPage::new(
                printpdf::Mm(w * MM_PER_PT),
                printpdf::Mm(h * MM_PER_PT),
                ops,
            )
        })
        .collect();
    let save = PdfSaveOptions {
        optimize: false,
        // The fonts handed over are our subsets already.
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&save, &mut warnings);
    post::set_widths(&mut lo, embedded.values());
    post::finish(&mut lo, doc, options)
}

const MM_PER_PT: f32 = 25.4 / 72.0;

/// Each face that draws text, subset to its characters, by index in the font list.
fn embed_fonts(doc: &Document, fonts: &[FontData]) -> Result<BTreeMap<usize, Embedded>, PdfError> {
    let mut used: BTreeMap<usize, BTreeSet<char>> = BTreeMap::new();
    for page in &doc.pages {
        for item in &page.items {
            if let Item::Text(run) = item {
                used.entry(run.font).or_default().extend(run.text.chars());
            }
        }
    }
    used.into_iter()
        .map(|(index, chars)| {
            let font = fonts
                .get(index)
                .ok_or_else(|| PdfError::Assemble(format!("no font #{index}")))?;
            Ok((index, Embedded::new(font, &chars)?))
        })
        .collect()
}

fn black() -> Color {
    Color::Rgb(PdfRgb::new(0.0, 0.0, 0.0, None))
}

fn item_ops(item: &Item, page_h: f32, fonts: &BTreeMap<usize, Embedded>) -> Vec<Op> {
    match item {
        Item::Box(b) => box_ops(b, page_h),
        Item::Text(run) => fonts
            .get(&run.font)
            .map_or_else(Vec::new, |font| text_ops(run, page_h, font)),
    }
}

fn box_ops(b: &BoxItem, page_h: f32) -> Vec<Op> {
    let rect = |mode| PdfRect {
        x: Pt(b.rect.x),
        y: Pt(page_h - b.rect.bottom()),
        width: Pt(b.rect.w),
        height: Pt(b.rect.h),
        mode: Some(mode),
        winding_order: None,
    };
    let mut ops = vec![Op::SaveGraphicsState];
    if let Some(fill) = b.fill {
        let c = |v: u8| f32::from(v) / 255.0;
        ops.push(Op::SetFillColor {
            col: Color::Rgb(PdfRgb::new(c(fill.0), c(fill.1), c(fill.2), None)),
        });
        ops.push(Op::DrawRectangle {
            rectangle: rect(PaintMode::Fill),
        });
    }
    if let Some(width) = b.stroke {
        ops.push(Op::SetOutlineColor { col: black() });
        ops.push(Op::SetOutlineThickness { pt: Pt(width) });
        ops.push(Op::DrawRectangle {
            rectangle: rect(PaintMode::Stroke),
        });
    }
    ops.push(Op::RestoreGraphicsState);
    ops
}

fn text_ops(run: &TextRun, page_h: f32, font: &Embedded) -> Vec<Op> {
    let mut ops = vec![
        Op::SaveGraphicsState, // the bold state (Tr, w) outlives ET
        Op::StartTextSection,
        Op::SetFillColor { col: black() },
        Op::SetFont {
            font: PdfFontHandle::External(font.id.clone()),
            size: Pt(run.size),
        },
    ];
    if run.bold {
        ops.push(Op::SetTextRenderingMode {
            mode: TextRenderingMode::FillStroke,
        });
        ops.push(Op::SetOutlineColor { col: black() });
        ops.push(Op::SetOutlineThickness {
            pt: Pt(run.size * FAKE_BOLD_STROKE),
        });
    }
    ops.push(Op::SetTextMatrix {
        matrix: TextMatrix::Translate(Pt(run.x), Pt(page_h - run.baseline)),
    });
    ops.push(Op::ShowText {
        items: tj_items(&run.text, font),
    });
    ops.push(Op::EndTextSection);
    ops.push(Op::RestoreGraphicsState);
    ops
}

/// The TJ elements of a run: its characters (printpdf writes their subset glyph ids), each
/// glyph whose /W width is not its exact advance followed by the adjustment back to it.
fn tj_items(text: &str, font: &Embedded) -> Vec<TextItem> {
    let upem = f64::from(font.units_per_em());
    let mut items = Vec::new();
    let mut pending = String::new();
    for c in text.chars() {
        let gid = font.glyph(c);
        let exact = f64::from(font.advance(gid)) * 1000.0 / upem;
        let adjustment = (font.pdf_width(gid) as f64 - exact) as f32;
        pending.push(c);
        if adjustment != 0.0 {
            items.push(TextItem::Text(std::mem::take(&mut pending)));
            items.push(TextItem::Offset(adjustment));
        }
    }
    if !pending.is_empty() {
        items.push(TextItem::Text(pending));
    }
    items
}
