//! Setting text: the font chain (primary face, then fallbacks), measuring, breaking into lines.

use crate::fonts::Metrics;
use crate::linebreak::{BreakOptions, break_lines};

/// Drawn where no configured font has the character; the character is also reported.
/// 〓 (geta) is the traditional Japanese typesetting stand-in for a missing glyph.
pub const MISSING_GLYPH_STANDIN: char = '〓';

/// The faces text is set in: the first that has a glyph for a character draws it.
#[derive(Debug)]
pub struct FontChain<'f> {
    faces: Vec<Metrics<'f>>,
}

/// A run of characters drawn in one face.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub font: usize,
    pub text: String,
    /// Width at 1 pt.
    pub width: f32,
}

impl<'f> FontChain<'f> {
    pub fn new(faces: Vec<Metrics<'f>>) -> Self {
        FontChain { faces }
    }

    /// Index of the face that draws `c`, or `None` when no face has it.
    pub fn font_for(&self, c: char) -> Option<usize> {
        self.faces.iter().position(|f| f.has_glyph(c))
    }

    /// Advance of `c` at 1 pt in the face that draws it (the stand-in's when none does).
    pub fn advance(&self, c: char) -> f32 {
        self.faces
            .iter()
            .find_map(|f| f.advance(c))
            .or_else(|| {
                self.faces
                    .first()
                    .and_then(|f| f.advance(MISSING_GLYPH_STANDIN))
            })
            .unwrap_or(1.0)
    }

    /// Width of a text at 1 pt.
    pub fn width(&self, text: &str) -> f32 {
        text.chars().map(|c| self.advance(c)).sum()
    }

    /// Ascender and descender of the primary face at 1 pt.
    pub fn extents(&self) -> (f32, f32) {
        self.faces
            .first()
            .map_or((0.88, 0.12), |f| (f.ascender(), f.descender()))
    }

    /// Splits a line into runs of one face each; characters no face has become the stand-in.
    pub fn segments(&self, text: &str) -> Vec<Segment> {
        let mut out: Vec<Segment> = Vec::new();
        for c in text.chars() {
            let (font, drawn) = match self.font_for(c) {
                Some(font) => (font, c),
                None => (0, MISSING_GLYPH_STANDIN),
            };
            let width = self.advance(drawn);
            match out.last_mut() {
                Some(last) if last.font == font => {
                    last.text.push(drawn);
                    last.width += width;
                }
                _ => out.push(Segment {
                    font,
                    text: drawn.to_string(),
                    width,
                }),
            }
        }
        out
    }

    /// Breaks a paragraph into lines no wider than `width`, measuring each character with
    /// `advance` (the font's advance at the text's size, as the output renders it).
    pub fn break_paragraph(
        &self,
        text: &str,
        width: f32,
        advance: &dyn Fn(char) -> f32,
        options: BreakOptions,
    ) -> Vec<(String, f32)> {
        break_lines(text, width, advance, options)
            .into_iter()
            .map(|span| (text[span.range].to_owned(), span.width))
            .collect()
    }
}
