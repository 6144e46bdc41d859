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
//! operators [`page_ops`] makes for each [`Item`] (it sees each item with its source); the
//! structure tree, /MarkInfo and the catalog keys are objects added to the lopdf document in
//! [`post::finish`] before it is saved (object streams then pack the many small structure
//! elements). Neither step needs anything else here to change.

mod deflate;
mod embed;
mod post;
pub mod subset;
mod tagged;
mod xmp;
mod xref;

use std::collections::BTreeMap;

use printpdf::{
    Codepoint, Color, Op, PaintMode, PdfDocument, PdfFont, PdfFontHandle, PdfSaveOptions, Pt,
    Rect as PdfRect, Rgb as PdfRgb, TextItem, TextMatrix, TextRenderingMode,
};

use unei_core::{Lang, Localize};

use crate::fonts::FontData;
use crate::layout::{BoxItem, Document, FAKE_BOLD_STROKE_EM, Item, Page, Rgb, TextRun};
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
    /// The standards the file claims and meets.
    pub standard: PdfStandard,
}

/// Which archival and accessibility standards a PDF is written to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PdfStandard {
    /// PDF/A-2a and PDF/UA-1 at once: tagged with the form's structure, XMP metadata,
    /// sRGB OutputIntent.
    #[default]
    A2aUa1,
    /// PDF/A-2b: XMP metadata and the OutputIntent, no structure tree.
    A2b,
    /// Plain PDF 1.7: neither tags nor XMP nor OutputIntent (the smallest file).
    None,
}

impl PdfStandard {
    /// The names `--pdf-standard` takes.
    pub const NAMES: [&'static str; 3] = ["a-2a+ua-1", "a-2b", "none"];

    /// The standard of a name of [`PdfStandard::NAMES`]; `None` for any other.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "a-2a+ua-1" => Some(PdfStandard::A2aUa1),
            "a-2b" => Some(PdfStandard::A2b),
            "none" => Some(PdfStandard::None),
            _ => None,
        }
    }

    /// True when the file carries marked content and a structure tree.
    pub fn tagged(self) -> bool {
        self == PdfStandard::A2aUa1
    }
}

/// Why a PDF could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// A face that cannot be read (the reason from the font library).
    #[error("font {0}: {1}")]
    Font(String, String),
    #[error("font {0}: cannot subset it for embedding: {1}")]
    /// A face that cannot be subset for embedding: its name and why.
    Subset(String, SubsetError),
    /// lopdf could not write the document (the reason from lopdf).
    #[error("cannot assemble the PDF: {0}")]
    Assemble(String),
}

impl Localize for PdfError {
    fn localize(&self, lang: Lang) -> String {
        match (self, lang) {
            (PdfError::Subset(font, e), Lang::Ja) => format!(
                "フォント {font}: 埋め込み用に必要な字形だけを取り出せません: {}",
                e.localize(lang)
            ),
            (PdfError::Font(font, reason), Lang::Ja) => format!("フォント {font}: {reason}"),
            (PdfError::Assemble(reason), Lang::Ja) => {
                format!("PDF を組み立てられません: {reason}")
            }
            (e, Lang::En) => e.to_string(),
        }
    }
}

/// Writes `doc` as PDF; `fonts` is the face list the layout was made with.
///
/// # Errors
/// [`PdfError::Font`] for a face that cannot be read, [`PdfError::Subset`] for one that
/// cannot be subset, [`PdfError::Assemble`] when lopdf cannot write the file.
pub fn write_pdf(
    doc: &Document,
    fonts: &[FontData],
    options: &PdfOptions,
) -> Result<Vec<u8>, PdfError> {
    let mut embedded = embed_fonts(doc, fonts)?;
    let (w, h) = (doc.width, doc.height);
    let mut pdf = PdfDocument::new(&doc.info.title);
    post::set_info(&mut pdf, doc, options.epoch);
    for e in embedded.values_mut() {
        // Our own ids (not add_font's process-wide counter): stable bytes.
        let font = PdfFont::new(e.take_printpdf_font());
        pdf.resources.fonts.map.insert(e.id.clone(), font);
    }
    let marks = options.standard.tagged().then(|| tagged::Marks::new(doc));
    pdf.pages = doc
        .pages
        .iter()
        .enumerate()
        .map(|(n, page)| {
            let tags = marks.as_ref().map(|m| (m, n));
            let ops = page_ops(page, h, &embedded, tags);
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
    if let Some(marks) = &marks {
        let pages: Vec<lopdf::ObjectId> = lo.get_pages().values().copied().collect();
        tagged::add_structure(&mut lo, doc, marks, &pages)?;
    }
    post::finish(&mut lo, doc, options)
}

const MM_PER_PT: f32 = 25.4 / 72.0;

/// Each face that draws text, subset to the glyphs the layout drew with it (vertical forms
/// included), by index in the font list.
fn embed_fonts(doc: &Document, fonts: &[FontData]) -> Result<BTreeMap<usize, Embedded>, PdfError> {
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
    used.into_iter()
        .map(|(index, glyphs)| {
            let font = fonts
                .get(index)
                .ok_or_else(|| PdfError::Assemble(format!("no font #{index}")))?;
            Ok((index, Embedded::new(font, &glyphs)?))
        })
        .collect()
}

fn black() -> Color {
    Color::Rgb(PdfRgb::new(0.0, 0.0, 0.0, None))
}

/// A length in points rounded to a thousandth: positions written with at most three
/// decimals (and differences of them exact), which keeps content streams short.
fn milli(points: f32) -> i64 {
    (f64::from(points) * 1000.0).round() as i64
}

fn points(milli: i64) -> Pt {
    Pt((milli as f64 / 1000.0) as f32)
}

/// The operators of a page: its boxes, then all its text in one text object. No glyph lies
/// under a box (the layout keeps every glyph inside its cell and cells do not overlap), so
/// drawing the boxes first changes no pixel, and the text state (font, size, fake bold) is
/// set only where it changes.
///
/// Tagged (`tags`: the document's marks and this page's index), each text run's operators
/// are marked content (inside the text object) with its /MCID, or an artifact when the
/// structure does not name it; the boxes are one artifact.
fn page_ops(
    page: &Page,
    page_h: f32,
    fonts: &BTreeMap<usize, Embedded>,
    tags: Option<(&tagged::Marks, usize)>,
) -> Vec<Op> {
    let mut ops = Vec::new();
    let mut boxes = BoxState::default();
    for item in &page.items {
        if let Item::Box(b) = item {
            ops.extend(boxes.draw(b, page_h));
        }
    }
    if tags.is_some() && !ops.is_empty() {
        ops.insert(0, tagged::artifact());
        ops.push(Op::EndMarkedContent);
    }
    let mut text = TextObject::new(page_h);
    for (i, item) in page.items.iter().enumerate() {
        if let Item::Text(run) = item
            && let Some(font) = fonts.get(&run.font)
        {
            if text.is_empty() {
                ops.extend([Op::StartTextSection, Op::SetFillColor { col: black() }]);
            }
            if let Some((marks, n)) = tags {
                ops.push(marks.begin(n, i));
            }
            ops.extend(text.run(run, font));
            if tags.is_some() {
                ops.push(Op::EndMarkedContent);
            }
        }
    }
    if !text.is_empty() {
        ops.push(Op::EndTextSection);
    }
    ops
}

/// Colour and line width of the boxes drawn so far on a page.
#[derive(Default)]
struct BoxState {
    fill: Option<Rgb>,
    stroke: Option<i64>,
}

impl BoxState {
    fn draw(&mut self, b: &BoxItem, page_h: f32) -> Vec<Op> {
        let mut ops = Vec::new();
        if let Some(fill) = b.fill.filter(|f| self.fill != Some(*f)) {
            let c = |v: u8| f32::from(v) / 255.0;
            ops.push(Op::SetFillColor {
                col: Color::Rgb(PdfRgb::new(c(fill.0), c(fill.1), c(fill.2), None)),
            });
            self.fill = Some(fill);
        }
        if let Some(width) = b.stroke.map(milli).filter(|w| self.stroke != Some(*w)) {
            if self.stroke.is_none() {
                ops.push(Op::SetOutlineColor { col: black() });
            }
            ops.push(Op::SetOutlineThickness { pt: points(width) });
            self.stroke = Some(width);
        }
        let mode = match (b.fill.is_some(), b.stroke.is_some()) {
            (true, true) => PaintMode::FillStroke,
            (true, false) => PaintMode::Fill,
            (false, true) => PaintMode::Stroke,
            (false, false) => return ops,
        };
        let (x, top, w, h) = (
            milli(b.rect.x),
            milli(page_h - b.rect.bottom()),
            milli(b.rect.w),
            milli(b.rect.h),
        );
        ops.push(Op::DrawRectangle {
            rectangle: PdfRect {
                x: points(x),
                y: points(top),
                width: points(w),
                height: points(h),
                mode: Some(mode),
                winding_order: None,
            },
        });
        ops
    }
}

/// The text state of a page's text object: lines are placed with `Td` relative to the
/// previous line's start (exact, in thousandths of a point), and font, size and fake bold
/// are set only when they change.
struct TextObject {
    page_h: f32,
    runs: usize,
    font: Option<(usize, i64)>,
    /// Size of the fake-bold stroke when fake bold is on.
    bold: Option<i64>,
    /// Origin of the last line in thousandths of a point; `None` when the line matrix is
    /// not a plain translation (after a rotated run).
    line_start: Option<(i64, i64)>,
}

impl TextObject {
    fn new(page_h: f32) -> Self {
        TextObject {
            page_h,
            runs: 0,
            font: None,
            bold: None,
            line_start: Some((0, 0)),
        }
    }

    fn is_empty(&self) -> bool {
        self.runs == 0
    }

    /// The operators that show one run.
    fn run(&mut self, run: &TextRun, font: &Embedded) -> Vec<Op> {
        let mut ops = Vec::new();
        let size = milli(run.size);
        let key = (run.font, size);
        if self.font != Some(key) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font.id.clone()),
                size: points(size),
            });
            self.font = Some(key);
        }
        ops.extend(self.fake_bold(run.bold.then(|| milli(run.size * FAKE_BOLD_STROKE_EM))));
        ops.push(self.move_to(run));
        ops.push(Op::ShowText {
            items: tj_items(run, font),
        });
        self.runs += 1;
        ops
    }

    /// The operator that puts the text line matrix at the run's origin: `Td` from the
    /// previous line's start, or `Tm` for a run turned 90° clockwise (the glyphs' up is the
    /// page's right) and for the first upright run after one.
    fn move_to(&mut self, run: &TextRun) -> Op {
        let at = (milli(run.x), milli(self.page_h - run.baseline));
        if run.rotated {
            self.line_start = None;
            let (x, y) = (points(at.0).0, points(at.1).0);
            return Op::SetTextMatrix {
                matrix: TextMatrix::Raw([0.0, -1.0, 1.0, 0.0, x, y]),
            };
        }
        let Some(start) = self.line_start.replace(at) else {
            return Op::SetTextMatrix {
                matrix: TextMatrix::Translate(points(at.0), points(at.1)),
            };
        };
        Op::SetTextCursor {
            pos: printpdf::Point {
                x: points(at.0 - start.0),
                y: points(at.1 - start.1),
            },
        }
    }

    /// Fake bold is fill + stroke (Tr 2) with a stroke of `stroke`; `None` turns it off.
    fn fake_bold(&mut self, stroke: Option<i64>) -> Vec<Op> {
        if self.bold == stroke {
            return Vec::new();
        }
        let mut ops = Vec::new();
        match stroke {
            Some(width) => {
                if self.bold.is_none() {
                    ops.push(Op::SetTextRenderingMode {
                        mode: TextRenderingMode::FillStroke,
                    });
                    ops.push(Op::SetOutlineColor { col: black() });
                }
                ops.push(Op::SetOutlineThickness { pt: points(width) });
            }
            None => ops.push(Op::SetTextRenderingMode {
                mode: TextRenderingMode::Fill,
            }),
        }
        self.bold = stroke;
        ops
    }
}

/// The TJ elements of a run: each glyph (its subset id, with its character for the
/// ToUnicode map), followed by the adjustment that moves the next one from where the glyph's
/// /W width would put it to where the layout put it; the first glyph's offset from the run's
/// origin leads.
fn tj_items(run: &TextRun, font: &Embedded) -> Vec<TextItem> {
    let per_em = 1000.0 / f64::from(run.size);
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
            let gid = font.glyph(glyph.id);
            let adjust = (font.pdf_width(gid) as f64 - wanted) as f32;
            Codepoint::with_cid(gid, adjust, glyph.ch.to_string())
        })
        .collect();
    items.push(TextItem::GlyphIds(codepoints));
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_read_in_japanese_and_english() {
        let e = PdfError::Subset("x.otf".into(), SubsetError::Malformed("loca"));
        assert_eq!(
            e.localize(Lang::En),
            "font x.otf: cannot subset it for embedding: the font file is damaged (loca)"
        );
        assert_eq!(
            e.localize(Lang::Ja),
            "フォント x.otf: 埋め込み用に必要な字形だけを取り出せません: フォントファイルが壊れています（loca）"
        );
        let e = PdfError::Assemble("disk".into());
        assert!(e.localize(Lang::Ja).starts_with("PDF を組み立てられません"));
        assert_eq!(e.localize(Lang::En), "cannot assemble the PDF: disk");
    }
}
