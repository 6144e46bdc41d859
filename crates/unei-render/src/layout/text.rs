//! Setting text: the font chain (primary face, then fallbacks), measuring, breaking into lines.

use crate::fonts::{FontData, FontError, Metrics};
use crate::linebreak::{BreakOptions, break_lines};

/// Drawn where no configured font has the character; the character is also reported.
/// 〓 (geta) is the traditional Japanese typesetting stand-in for a missing glyph.
pub const MISSING_GLYPH_STANDIN: char = '〓';

/// The faces text is set in: the first that has a glyph for a character draws it. Bold
/// text uses the template's bold face where it has the glyph, else fake bold.
#[derive(Debug)]
pub struct FontChain<'f> {
    faces: Vec<Metrics<'f>>,
    /// Index of each face in the document's font list.
    ids: Vec<usize>,
    bold: Option<(usize, Metrics<'f>)>,
}

/// A run of characters drawn in one face.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// Index in the document's font list.
    pub font: usize,
    pub text: String,
    /// Width at 1 pt.
    pub width: f32,
    /// Bold text drawn with a regular face: the writer draws it fake bold.
    pub fake_bold: bool,
}

impl<'f> FontChain<'f> {
    /// A chain of regular faces (document font indices 0, 1, …).
    pub fn new(faces: Vec<Metrics<'f>>) -> Self {
        let ids = (0..faces.len()).collect();
        FontChain {
            faces,
            ids,
            bold: None,
        }
    }

    /// The chain of a document's font list: its regular faces in order, and its bold face.
    pub fn from_fonts(fonts: &'f [FontData]) -> Result<Self, FontError> {
        let mut chain = FontChain {
            faces: Vec::new(),
            ids: Vec::new(),
            bold: None,
        };
        for (id, font) in fonts.iter().enumerate() {
            let metrics = Metrics::new(font)?;
            if font.bold {
                chain.bold = Some((id, metrics));
            } else {
                chain.faces.push(metrics);
                chain.ids.push(id);
            }
        }
        Ok(chain)
    }

    /// Document font index of the face that draws `c`, or `None` when no face has it.
    pub fn font_for(&self, c: char) -> Option<usize> {
        self.faces
            .iter()
            .position(|f| f.has_glyph(c))
            .map(|i| self.ids[i])
    }

    /// The bold face's index when it draws `c`.
    fn bold_for(&self, c: char) -> Option<(usize, f32)> {
        let (id, face) = self.bold.as_ref()?;
        face.advance(c).map(|advance| (*id, advance))
    }

    /// True when bold `c` is drawn fake bold: no bold face has its glyph.
    pub fn fake_bold(&self, c: char) -> bool {
        self.bold_for(c).is_none()
    }

    /// Advance of `c` at 1 pt, in the bold face for bold text when it has the glyph.
    pub fn advance_styled(&self, c: char, bold: bool) -> f32 {
        match self.bold_for(c).filter(|_| bold) {
            Some((_, advance)) => advance,
            None => self.advance(c),
        }
    }

    /// Width of a text at 1 pt, bold or not.
    pub fn width_styled(&self, text: &str, bold: bool) -> f32 {
        text.chars().map(|c| self.advance_styled(c, bold)).sum()
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
        self.segments_styled(text, false)
    }

    /// Like [`FontChain::segments`], for bold or regular text.
    pub fn segments_styled(&self, text: &str, bold: bool) -> Vec<Segment> {
        let mut out: Vec<Segment> = Vec::new();
        for c in text.chars() {
            let (font, drawn, width, fake_bold) =
                match (self.bold_for(c).filter(|_| bold), self.font_for(c)) {
                    (Some((id, advance)), _) => (id, c, advance, false),
                    (None, Some(font)) => (font, c, self.advance(c), bold),
                    (None, None) => {
                        let first = self.ids.first().copied().unwrap_or(0);
                        (
                            first,
                            MISSING_GLYPH_STANDIN,
                            self.advance(MISSING_GLYPH_STANDIN),
                            bold,
                        )
                    }
                };
            match out.last_mut() {
                Some(last) if last.font == font && last.fake_bold == fake_bold => {
                    last.text.push(drawn);
                    last.width += width;
                }
                _ => out.push(Segment {
                    font,
                    text: drawn.to_string(),
                    width,
                    fake_bold,
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
