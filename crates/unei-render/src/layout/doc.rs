//! The layout result: pages of positioned text runs, boxes and rules. Plain data that the PDF
//! and XLSX writers read and that tests assert on. Units are points; the origin is the page's
//! top-left corner and y grows downwards.

use std::fmt::Write as _;

/// A laid-out document.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Page width, in points.
    pub width: f32,
    /// Page height, in points.
    pub height: f32,
    /// The pages, in order.
    pub pages: Vec<Page>,
    /// The outline (PDF bookmarks), in reading order.
    pub bookmarks: Vec<Bookmark>,
    /// The document's metadata.
    pub info: DocInfo,
    /// Face names; [`TextRun::font`] indexes this list.
    pub fonts: Vec<String>,
    /// Characters no configured font can draw (drawn as 〓 and reported).
    pub missing_glyphs: Vec<MissingGlyph>,
    /// The logical structure in reading order; text runs it does not name, and all boxes,
    /// are artifacts (furniture, fills, rules).
    pub structure: super::structure::StructElem,
}

#[derive(Debug, Clone, PartialEq, Default)]
/// The document's metadata (PDF Info and XMP, workbook properties).
pub struct DocInfo {
    /// Title (the plan's, e.g. 令和2年度 福島区運営方針).
    pub title: String,
    /// Author: the organisation.
    pub author: String,
    /// Subject: what the document is (運営方針).
    pub subject: String,
    /// Language tag of the text (`ja-JP`).
    pub language: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
/// One page: what is drawn on it, in drawing order.
pub struct Page {
    /// Text runs and boxes, in drawing order.
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq)]
/// One thing drawn on a page.
pub enum Item {
    /// A run of text.
    Text(TextRun),
    /// A filled and/or stroked rectangle.
    Box(BoxItem),
}

/// An axis-aligned rectangle.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    /// Left edge, in points from the page's left.
    pub x: f32,
    /// Top edge, in points from the page's top.
    pub y: f32,
    /// Width, in points.
    pub w: f32,
    /// Height, in points.
    pub h: f32,
}

impl Rect {
    /// The bottom edge (`y + h`).
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }

    /// The right edge (`x + w`).
    pub fn right(&self) -> f32 {
        self.x + self.w
    }

    /// True when `other` lies inside this rectangle (with a small tolerance for rounding).
    pub fn contains(&self, other: &Rect) -> bool {
        const EPS: f32 = 0.01;
        other.x >= self.x - EPS
            && other.y >= self.y - EPS
            && other.right() <= self.right() + EPS
            && other.bottom() <= self.bottom() + EPS
    }
}

/// Stroke width of fake bold (fill and stroke, drawn where no bold face has a glyph), as a
/// fraction of the font size: visibly bold, not blotted. The layout widens each such glyph's
/// advance by it, so its ink keeps clear of its neighbours.
pub const FAKE_BOLD_STROKE_EM: f32 = 1.0 / 35.0;

/// One run of text in one face on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// Origin of the first glyph (a 天付き bracket's origin lies half an em before its ink).
    pub x: f32,
    /// The baseline's y, in points from the page's top.
    pub baseline: f32,
    /// Font size, in points.
    pub size: f32,
    /// The face: an index into [`Document::fonts`].
    pub font: usize,
    /// Drawn fake bold (no bold face has these glyphs).
    pub bold: bool,
    /// Turned 90° clockwise (Latin text in a vertical label): `(x, baseline)` is where its
    /// baseline starts and its glyphs advance downwards.
    pub rotated: bool,
    /// The characters drawn (〓 where no face has one), control characters included.
    pub text: String,
    /// Width as set: from `x` to where the run's last character ends.
    pub width: f32,
    /// Every glyph and where it goes: what the PDF writer places. Characters that are
    /// never drawn (a tab, a control character) have none.
    pub glyphs: Vec<PlacedGlyph>,
    /// The box the run's glyphs occupy (ascender to descender).
    pub glyph_box: Rect,
    /// The cell the run belongs to; the glyph box lies inside it.
    pub cell: Rect,
    /// Where the text comes from (JSON path or `labels.<id>`).
    pub source: String,
}

/// One glyph of a run, as the layout placed it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlacedGlyph {
    /// Glyph id in the run's face, in the font file's own numbering (a vertical form where
    /// the text is set vertically).
    pub id: u16,
    /// The character it draws (for the text layer).
    pub ch: char,
    /// Origin from the run's `x`, in points.
    pub x: f32,
    /// Space the layout gave it, to the next glyph's origin (the line's end for a line's last).
    pub advance: f32,
}

/// A rectangle, filled and/or stroked.
#[derive(Debug, Clone, PartialEq)]
pub struct BoxItem {
    /// Where the box is.
    pub rect: Rect,
    /// Fill colour, if filled.
    pub fill: Option<Rgb>,
    /// Border line width, if stroked.
    pub stroke: Option<f32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// A colour: red, green and blue, 0–255 each.
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#D9D9D9` → Rgb(0xD9, 0xD9, 0xD9).
    pub fn parse(hex: &str) -> Option<Rgb> {
        let h = hex.strip_prefix('#')?;
        if h.len() != 6 {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(h.get(i..i + 2)?, 16).ok();
        Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
    }
}

/// An outline entry pointing at a place in the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Bookmark {
    /// The entry's text (a section's heading).
    pub title: String,
    /// 0 for top-level sections, 1 for entries inside them.
    pub level: u8,
    /// The page it points at (0-based).
    pub page: usize,
    /// Where on that page, in points from the top.
    pub y: f32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
/// A character no configured font can draw, and where it occurs.
pub struct MissingGlyph {
    /// The character (drawn as 〓).
    pub character: char,
    /// JSON path or label id where it occurs.
    pub source: String,
}

impl Document {
    /// A readable dump for golden tests: one line per item, coordinates rounded to 0.1 pt.
    pub fn dump(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "document {:.1}x{:.1} pages={}",
            self.width,
            self.height,
            self.pages.len()
        );
        for b in &self.bookmarks {
            let _ = writeln!(
                out,
                "bookmark L{} p{} y={:.1} {}",
                b.level,
                b.page + 1,
                b.y,
                b.title
            );
        }
        for (n, page) in self.pages.iter().enumerate() {
            let _ = writeln!(out, "page {}", n + 1);
            for item in &page.items {
                let _ = writeln!(out, "  {}", dump_item(item));
            }
        }
        out
    }

    /// All text runs of a page in drawing order.
    pub fn runs(&self, page: usize) -> impl Iterator<Item = &TextRun> {
        self.pages[page].items.iter().filter_map(|item| match item {
            Item::Text(run) => Some(run),
            _ => None,
        })
    }
}

fn dump_item(item: &Item) -> String {
    match item {
        Item::Text(t) => format!(
            "text x={:.1} y={:.1} w={:.1} size={:.1} font={}{}{} \"{}\"",
            t.x,
            t.baseline,
            t.width,
            t.size,
            t.font,
            if t.bold { " bold" } else { "" },
            if t.rotated { " rotated" } else { "" },
            t.text.escape_debug()
        ),
        Item::Box(b) => format!(
            "box x={:.1} y={:.1} w={:.1} h={:.1}{}{}",
            b.rect.x,
            b.rect.y,
            b.rect.w,
            b.rect.h,
            b.fill.map_or(String::new(), |c| format!(
                " fill=#{:02X}{:02X}{:02X}",
                c.0, c.1, c.2
            )),
            b.stroke
                .map_or(String::new(), |w| format!(" stroke={w:.2}"))
        ),
    }
}
