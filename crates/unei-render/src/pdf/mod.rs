//! PDF writer: a pure function from a laid-out [`Document`] to PDF bytes (printpdf for the
//! content and font subsetting, lopdf for what printpdf cannot do: outline, /Lang, /ID).
//!
//! Glyph positions equal the layout exactly: each line is one TJ whose per-glyph adjustments
//! correct printpdf's integer /W widths back to the font's own advances.

mod post;
mod unhint;

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{
    Codepoint, Color, FontId, Op, PaintMode, ParsedFont, PdfDocument, PdfFont, PdfFontHandle,
    PdfSaveOptions, Pt, Rect as PdfRect, Rgb as PdfRgb, TextItem, TextMatrix, TextRenderingMode,
};

use crate::fonts::FontData;
use crate::layout::{BoxItem, Document, FAKE_BOLD_STROKE_EM, Item, TextRun};

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
    #[error("font {0}: cannot subset it for embedding: {1}")]
    Subset(String, String),
    #[error("font {0}: printpdf cannot read the subset font")]
    FontParse(String),
    #[error("cannot assemble the PDF: {0}")]
    Assemble(String),
}

/// A face as embedded: printpdf's parsed subset plus the original's metrics.
struct Embedded<'f> {
    id: FontId,
    /// PostScript name printpdf writes as /BaseFont.
    name: String,
    parsed: ParsedFont,
    original: ttf_parser::Face<'f>,
    /// Glyph id in the subset of each glyph id of the original face.
    subset_ids: BTreeMap<u16, u16>,
}

/// Writes `doc` as PDF; `fonts` is the face list the layout was made with.
pub fn write_pdf(
    doc: &Document,
    fonts: &[FontData],
    options: &PdfOptions,
) -> Result<Vec<u8>, PdfError> {
    let used = used_glyphs(doc);
    let mut embedded: BTreeMap<usize, Embedded<'_>> = BTreeMap::new();
    for (&index, glyphs) in &used {
        let font = fonts
            .get(index)
            .ok_or_else(|| PdfError::Assemble(format!("no font #{index}")))?;
        embedded.insert(index, embed(font, glyphs)?);
    }
    let (w, h) = (doc.width, doc.height);
    let mut pdf = PdfDocument::new(&doc.info.title);
    post::set_info(&mut pdf, doc, options.epoch);
    for e in embedded.values() {
        // Our own ids (not add_font's process-wide counter): stable bytes.
        pdf.resources
            .fonts
            .map
            .insert(e.id.clone(), PdfFont::new(e.parsed.clone()));
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
        // The fonts handed over are already subsets: printpdf need not subset them again
        // (saves ~1.5 ms a document); post::tag_subsets gives them their subset names.
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&save, &mut warnings);
    let tags: Vec<(String, String)> = embedded
        .values()
        .map(|e| (e.name.clone(), e.id.0.clone()))
        .collect();
    post::tag_subsets(&mut lo, &tags);
    post::finish(&mut lo, doc, options)
}

const MM_PER_PT: f32 = 25.4 / 72.0;

/// Glyphs drawn per face (the layout's glyph ids, vertical forms included) and the
/// characters they draw.
fn used_glyphs(doc: &Document) -> BTreeMap<usize, BTreeMap<u16, char>> {
    let mut used: BTreeMap<usize, BTreeMap<u16, char>> = BTreeMap::new();
    for page in &doc.pages {
        for item in &page.items {
            if let Item::Text(run) = item {
                let glyphs = used.entry(run.font).or_default();
                for glyph in &run.glyphs {
                    glyphs.entry(glyph.id).or_insert(glyph.ch);
                }
            }
        }
    }
    used
}

/// Subsets a face to the used glyphs first (parsing the small subset is ~100× faster than
/// parsing the whole 6 MB font), keeping its cmap for printpdf.
fn embed<'f>(font: &'f FontData, glyphs: &BTreeMap<u16, char>) -> Result<Embedded<'f>, PdfError> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData as AllsortsFont;
    use allsorts::subset::{CmapTarget, SubsetProfile, subset};
    let original = font
        .face()
        .map_err(|e| PdfError::Subset(font.name.clone(), e.to_string()))?;
    let ids: Vec<u16> = std::iter::once(0)
        .chain(glyphs.keys().copied().filter(|&g| g != 0))
        .collect();
    let subset_ids = ids
        .iter()
        .enumerate()
        .map(|(new, &old)| (old, new as u16))
        .collect();
    let chars: BTreeSet<char> = glyphs.values().copied().collect();
    let fail = |e: &dyn std::fmt::Display| PdfError::Subset(font.name.clone(), e.to_string());
    let scope = ReadScope::new(font.bytes());
    let data = scope.read::<AllsortsFont<'_>>().map_err(|e| fail(&e))?;
    let provider = data
        .table_provider(font.index as usize)
        .map_err(|e| fail(&e))?;
    let small =
        subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode).map_err(|e| fail(&e))?;
    // Without hints the embedded IPAex subset is about half the size; a font we cannot
    // rewrite is embedded as it is.
    let small = unhint::strip_hints(&small).unwrap_or(small);
    let mut warnings = Vec::new();
    let parsed = ParsedFont::from_bytes(&small, 0, &mut warnings)
        .ok_or_else(|| PdfError::FontParse(font.name.clone()))?;
    let name = parsed
        .font_name
        .clone()
        .unwrap_or_else(|| font.name.clone());
    Ok(Embedded {
        id: FontId(subset_tag(&name, &chars)),
        name,
        parsed,
        original,
        subset_ids,
    })
}

/// Six capital letters (the PDF subset tag and resource name) from the face and its glyphs.
fn subset_tag(name: &str, chars: &BTreeSet<char>) -> String {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    hash.update(name.as_bytes());
    for c in chars {
        hash.update(c.to_string().as_bytes());
    }
    hash.finalize()
        .iter()
        .take(6)
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}

fn black() -> Color {
    Color::Rgb(PdfRgb::new(0.0, 0.0, 0.0, None))
}

fn item_ops(item: &Item, page_h: f32, fonts: &BTreeMap<usize, Embedded<'_>>) -> Vec<Op> {
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

fn text_ops(run: &TextRun, page_h: f32, font: &Embedded<'_>) -> Vec<Op> {
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
            pt: Pt(run.size * FAKE_BOLD_STROKE_EM),
        });
    }
    let (x, y) = (run.x, page_h - run.baseline);
    let matrix = if run.rotated {
        // 90° clockwise: the glyphs' up is the page's right, their advance the page's down.
        TextMatrix::Raw([0.0, -1.0, 1.0, 0.0, x, y])
    } else {
        TextMatrix::Translate(Pt(x), Pt(y))
    };
    ops.push(Op::SetTextMatrix { matrix });
    ops.push(Op::ShowText {
        items: tj_items(run, font),
    });
    ops.push(Op::EndTextSection);
    ops.push(Op::RestoreGraphicsState);
    ops
}

/// The TJ elements of a run: each glyph, followed by the adjustment that moves the next one
/// from where the font's /W width (printpdf's integer thousandths) would put it to where the
/// layout put it; the first glyph's offset from the run's origin leads. Each glyph carries
/// its character for the ToUnicode map.
fn tj_items(run: &TextRun, font: &Embedded<'_>) -> Vec<TextItem> {
    let upem = f64::from(font.original.units_per_em());
    let per_em = 1000.0 / f64::from(run.size);
    let width_in_w = |id: u16| {
        let advance = font
            .original
            .glyph_hor_advance(ttf_parser::GlyphId(id))
            .map_or(0.0, f64::from);
        // Same f32 arithmetic and truncation as printpdf uses for /W.
        f64::from((advance as f32 * 1000.0 / upem as f32) as i32)
    };
    let mut items = Vec::with_capacity(2);
    let Some(first) = run.glyphs.first() else {
        return items;
    };
    if first.x.abs() > 1e-4 {
        items.push(TextItem::Offset((-f64::from(first.x) * per_em) as f32));
    }
    let codepoints = run
        .glyphs
        .iter()
        .enumerate()
        .map(|(i, glyph)| {
            let next_x = run
                .glyphs
                .get(i + 1)
                .map_or(glyph.x + glyph.advance, |n| n.x);
            let wanted = f64::from(next_x - glyph.x) * per_em;
            let gid = font.subset_ids.get(&glyph.id).copied().unwrap_or(0);
            let adjust = (width_in_w(glyph.id) - wanted) as f32;
            Codepoint::with_cid(gid, adjust, glyph.ch.to_string())
        })
        .collect();
    items.push(TextItem::GlyphIds(codepoints));
    items
}
