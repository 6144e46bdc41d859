//! PDF writer: a pure function from a laid-out [`Document`] to PDF bytes.
//!
//! The stages: `embed` subsets each face to the glyphs the document draws ([`subset`]: our
//! own glyph copier); printpdf lays down the document's frame (catalog, page tree, Info) as a
//! lopdf document; `content` writes each page's content stream and `font_objects` each
//! face's objects straight into it (bytes and a few dictionaries: printpdf's operator list
//! and its number formatting were most of a render's cost); `post` adds the nested
//! outline, /Lang and fixed dates, and saves with object and cross-reference streams and an
//! /ID that is a hash of the content.
//!
//! Glyph positions equal the layout's to a hundredth of a thousandth of an em: each line is
//! one TJ whose adjustments correct the integer /W widths back to the layout's positions.
//!
//! Tagged PDF: each text run's operators are marked content (`/Tag <</MCID n>> BDC … EMC`)
//! or an artifact, the boxes one artifact (`tagged::Marks`); the structure tree,
//! /MarkInfo and the catalog keys are added by `tagged::add_structure` before the file is
//! saved (object streams then pack the many small structure elements).

mod content;
mod deflate;
mod embed;
mod font_objects;
mod post;
pub mod subset;
mod tagged;
mod write;
mod xmp;

use std::collections::BTreeMap;

use lopdf::{Dictionary, Object};
use printpdf::{PdfDocument, PdfSaveOptions};

use unei_core::{Lang, Localize};

use crate::fonts::FontData;
use crate::layout::{BoxItem, Document, FAKE_BOLD_STROKE_EM, Item, Page, Rgb, TextRun};
use content::{Content, TjItem};
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
    pdf.pages = doc
        .pages
        .iter()
        .map(|_| {
            let (w, h) = (printpdf::Mm(w * MM_PER_PT), printpdf::Mm(h * MM_PER_PT));
            printpdf::PdfPage::new(w, h, Vec::new())
        })
        .collect();
    let save = PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut lo = pdf.to_lopdf_document(&save, &mut Vec::new());
    let mut font_dict = Dictionary::new();
    let mut stand_ins = BTreeMap::new();
    for e in embedded.values_mut() {
        let added = font_objects::add(&mut lo, e);
        font_dict.set(e.id.as_bytes(), Object::Reference(added.font));
        stand_ins.insert(added.program, added.fingerprint);
    }
    let pages: Vec<lopdf::ObjectId> = lo.get_pages().values().copied().collect();
    let marks = options.standard.tagged().then(|| tagged::Marks::new(doc));
    let level = options.compress_content.then_some(deflate::CONTENT_LEVEL);
    for (n, (page, id)) in doc.pages.iter().zip(&pages).enumerate() {
        let tags = marks.as_ref().map(|m| (m, n));
        let stream = deflate::stream(
            Dictionary::new(),
            page_content(page, h, &embedded, tags),
            level.unwrap_or(0),
        );
        set_page_content(&mut lo, *id, stream, &font_dict)?;
    }
    if let Some(marks) = &marks {
        tagged::add_structure(&mut lo, doc, marks, &pages)?;
    }
    post::finish(&mut lo, doc, options, &stand_ins)
}

/// Gives a page printpdf laid down its content stream and its fonts (the same font
/// dictionary on every page, written inline: no object of its own).
fn set_page_content(
    lo: &mut lopdf::Document,
    page: lopdf::ObjectId,
    stream: Object,
    fonts: &Dictionary,
) -> Result<(), PdfError> {
    let contents = lo.add_object(stream);
    let page = lo.get_dictionary_mut(page).map_err(post::assemble)?;
    let replaced = [page.remove(b"Contents"), page.remove(b"Resources")];
    page.set("Contents", Object::Reference(contents));
    let resources = Dictionary::from_iter(vec![("Font", Object::Dictionary(fonts.clone()))]);
    page.set("Resources", resources);
    // printpdf's empty content stream and resources object are no longer referenced.
    for old in replaced.into_iter().flatten() {
        if let Object::Reference(id) = old {
            lo.objects.remove(&id);
        }
    }
    Ok(())
}

const MM_PER_PT: f32 = 25.4 / 72.0;

/// Each face that draws text, subset to the glyphs the layout drew with it (vertical forms
/// included), by index in the font list.
fn embed_fonts(doc: &Document, fonts: &[FontData]) -> Result<BTreeMap<usize, Embedded>, PdfError> {
    // Every drawn glyph in order, then by id with the first character seen for each (a
    // stable sort): one B-tree built from sorted keys, not an insertion per glyph shown.
    let mut drawn: BTreeMap<usize, Vec<(u16, char)>> = BTreeMap::new();
    for page in &doc.pages {
        for item in &page.items {
            if let Item::Text(run) = item {
                let glyphs = drawn.entry(run.font).or_default();
                glyphs.extend(run.glyphs.iter().map(|g| (g.id, g.ch)));
            }
        }
    }
    drawn
        .into_iter()
        .map(|(index, mut glyphs)| {
            glyphs.sort_by_key(|&(id, _)| id);
            glyphs.dedup_by_key(|&mut (id, _)| id);
            let glyphs: BTreeMap<u16, char> = glyphs.into_iter().collect();
            let font = fonts
                .get(index)
                .ok_or_else(|| PdfError::Assemble(format!("no font #{index}")))?;
            Ok((index, Embedded::new(font, &glyphs)?))
        })
        .collect()
}

/// A length in points rounded to a thousandth: positions written with at most three
/// decimals (and differences of them exact), which keeps content streams short.
fn milli(points: f32) -> i64 {
    (f64::from(points) * 1000.0).round() as i64
}

/// The content stream of a page: its boxes, then all its text in one text object. No glyph
/// lies under a box (the layout keeps every glyph inside its cell and cells do not
/// overlap), so drawing the boxes first changes no pixel, and the text state (font, size,
/// fake bold) is set only where it changes.
///
/// Tagged (`tags`: the document's marks and this page's index), each text run's operators
/// are marked content (inside the text object) with its /MCID, or an artifact when the
/// structure does not name it; the boxes are one artifact.
#[inline(never)] // a stage of bench/callgrind.py's breakdown
fn page_content(
    page: &Page,
    page_h: f32,
    fonts: &BTreeMap<usize, Embedded>,
    tags: Option<(&tagged::Marks, usize)>,
) -> Vec<u8> {
    let mut boxes = BoxState::default();
    let mut drawn = Content::with_capacity(64 * page.items.len());
    for item in &page.items {
        if let Item::Box(b) = item {
            boxes.draw(&mut drawn, b, page_h);
        }
    }
    let mut out = Content::with_capacity(64 * page.items.len());
    if !drawn.is_empty() {
        if tags.is_some() {
            out.op("/Artifact BMC");
        }
        out.extend(drawn);
        if tags.is_some() {
            out.op("EMC");
        }
    }
    let mut text = TextObject::new(page_h);
    for (i, item) in page.items.iter().enumerate() {
        if let Item::Text(run) = item
            && let Some(font) = fonts.get(&run.font)
        {
            if text.is_empty() {
                out.op("BT");
                out.rgb((0, 0, 0), "rg");
            }
            if let Some((marks, n)) = tags {
                marks.begin(&mut out, n, i);
            }
            text.run(&mut out, run, font);
            if tags.is_some() {
                out.op("EMC");
            }
        }
    }
    if !text.is_empty() {
        out.op("ET");
    }
    out.into_bytes()
}

/// Colour and line width of the boxes drawn so far on a page.
#[derive(Default)]
struct BoxState {
    fill: Option<Rgb>,
    stroke: Option<i64>,
}

impl BoxState {
    fn draw(&mut self, out: &mut Content, b: &BoxItem, page_h: f32) {
        if let Some(fill) = b.fill.filter(|f| self.fill != Some(*f)) {
            out.rgb((fill.0, fill.1, fill.2), "rg");
            self.fill = Some(fill);
        }
        if let Some(width) = b.stroke.map(milli).filter(|w| self.stroke != Some(*w)) {
            if self.stroke.is_none() {
                out.rgb((0, 0, 0), "RG");
            }
            out.milli(width);
            out.op("w");
            self.stroke = Some(width);
        }
        let paint = match (b.fill.is_some(), b.stroke.is_some()) {
            (true, true) => "B",
            (true, false) => "f",
            (false, true) => "S",
            (false, false) => return,
        };
        for v in [
            milli(b.rect.x),
            milli(page_h - b.rect.bottom()),
            milli(b.rect.w),
            milli(b.rect.h),
        ] {
            out.milli(v);
        }
        out.op("re");
        out.op(paint);
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
    fn run(&mut self, out: &mut Content, run: &TextRun, font: &Embedded) {
        let size = milli(run.size);
        let key = (run.font, size);
        if self.font != Some(key) {
            out.name(&font.id);
            out.milli(size);
            out.op("Tf");
            self.font = Some(key);
        }
        self.fake_bold(out, run.bold.then(|| milli(run.size * FAKE_BOLD_STROKE_EM)));
        self.move_to(out, run);
        out.show(tj_items(run, font));
        self.runs += 1;
    }

    /// Puts the text line matrix at the run's origin: `Td` from the previous line's start,
    /// or `Tm` for a run turned 90° clockwise (the glyphs' up is the page's right) and for
    /// the first upright run after one.
    fn move_to(&mut self, out: &mut Content, run: &TextRun) {
        let at = (milli(run.x), milli(self.page_h - run.baseline));
        if run.rotated {
            self.line_start = None;
            for v in [0, -1000, 1000, 0, at.0, at.1] {
                out.milli(v);
            }
            return out.op("Tm");
        }
        let Some(start) = self.line_start.replace(at) else {
            for v in [1000, 0, 0, 1000, at.0, at.1] {
                out.milli(v);
            }
            return out.op("Tm");
        };
        out.milli(at.0 - start.0);
        out.milli(at.1 - start.1);
        out.op("Td");
    }

    /// Fake bold is fill + stroke (Tr 2) with a stroke of `stroke`; `None` turns it off.
    fn fake_bold(&mut self, out: &mut Content, stroke: Option<i64>) {
        if self.bold == stroke {
            return;
        }
        match stroke {
            Some(width) => {
                if self.bold.is_none() {
                    out.int(2);
                    out.op("Tr");
                    out.rgb((0, 0, 0), "RG");
                }
                out.milli(width);
                out.op("w");
            }
            None => {
                out.int(0);
                out.op("Tr");
            }
        }
        self.bold = stroke;
    }
}

/// The TJ elements of a run: each glyph's code, and before each glyph the adjustment that
/// moves it from where the previous glyph's /W width puts it to where the layout put it,
/// in hundredths of a thousandth of an em. Positions are rounded from the run's origin,
/// not from the previous glyph, so rounding never accumulates along a line.
fn tj_items(run: &TextRun, font: &Embedded) -> impl Iterator<Item = TjItem> {
    let centi_per_point = 100_000.0 / f64::from(run.size);
    let at = move |x: f32| (f64::from(x) * centi_per_point).round() as i64;
    // Where the pen stands in TJ hundredths: the run's origin first.
    let mut pen = 0;
    run.glyphs.iter().flat_map(move |glyph| {
        let wanted = at(glyph.x);
        let code = font.glyph(glyph.id);
        let adjust = pen - wanted;
        pen = wanted + font.pdf_width(code) * 100;
        [TjItem::Adjust(adjust), TjItem::Code(code)]
    })
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
