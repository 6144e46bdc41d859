//! The layout result: pages of positioned text runs, boxes and rules. Plain data that the PDF
//! and XLSX writers read and that tests assert on. Units are points; the origin is the page's
//! top-left corner and y grows downwards.

use std::fmt::Write as _;

/// A laid-out document.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub width: f32,
    pub height: f32,
    pub pages: Vec<Page>,
    pub bookmarks: Vec<Bookmark>,
    pub info: DocInfo,
    /// Face names; [`TextRun::font`] indexes this list.
    pub fonts: Vec<String>,
    /// Characters no configured font can draw (drawn as 〓 and reported).
    pub missing_glyphs: Vec<MissingGlyph>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct DocInfo {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub language: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text(TextRun),
    Box(BoxItem),
}

/// An axis-aligned rectangle.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }

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

/// One run of text in one face on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub x: f32,
    pub baseline: f32,
    pub size: f32,
    pub font: usize,
    pub bold: bool,
    pub text: String,
    /// Advance width of the run, from the font's own metrics.
    pub width: f32,
    /// The box the run's glyphs occupy (ascender to descender).
    pub glyph_box: Rect,
    /// The cell the run belongs to; the glyph box lies inside it.
    pub cell: Rect,
    /// Where the text comes from (JSON path or `labels.<id>`).
    pub source: String,
}

/// A rectangle, filled and/or stroked.
#[derive(Debug, Clone, PartialEq)]
pub struct BoxItem {
    pub rect: Rect,
    pub fill: Option<Rgb>,
    /// Border line width, if stroked.
    pub stroke: Option<f32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    pub title: String,
    /// 0 for top-level sections, 1 for entries inside them.
    pub level: u8,
    pub page: usize,
    pub y: f32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingGlyph {
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
            "text x={:.1} y={:.1} size={:.1} font={}{} \"{}\"",
            t.x,
            t.baseline,
            t.size,
            t.font,
            if t.bold { " bold" } else { "" },
            t.text
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
