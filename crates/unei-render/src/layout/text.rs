//! Setting text: the font chain (primary face, then fallbacks, then 〓), what each character
//! is drawn with, and the runs (one face each) that carry every glyph where the layout put
//! it.

use super::doc::{FAKE_BOLD_STROKE_EM, PlacedGlyph, Rect, TextRun};
use crate::fonts::{FontData, FontError, Metrics};
use crate::linebreak::{BreakOptions, CharBox, Composition, PlacedChar, compose, is_invisible};

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

/// How one character is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Drawn {
    /// Index in the document's font list.
    pub font: usize,
    /// Glyph id in that face; `None` for a character that is never drawn (a control or
    /// format character, a tab).
    pub glyph: Option<u16>,
    /// What is drawn: the character itself, or the stand-in 〓.
    pub shown: char,
    /// Advance and ink-free sides at 1 pt.
    pub char_box: CharBox,
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
    ///
    /// # Errors
    /// [`FontError::Parse`] when a face cannot be parsed.
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

    /// The face and glyph that draw `c`, bold or not: the bold face where it has the glyph,
    /// the first regular face that has it, else the stand-in.
    pub fn drawn(&self, c: char, bold: bool) -> Drawn {
        let first = self.ids.first().copied().unwrap_or(0);
        if is_invisible(c) {
            // Never drawn. A tab is as wide as a space until the breaker sets a tab stop.
            let advance = if c == '\t' { self.advance(' ') } else { 0.0 };
            return Drawn {
                font: first,
                glyph: None,
                shown: c,
                char_box: CharBox::solid(advance),
                fake_bold: false,
            };
        }
        if bold
            && let Some((id, face)) = &self.bold
            && let Some((glyph, char_box)) = face.glyph_box(c)
        {
            return Drawn {
                font: *id,
                glyph: Some(glyph),
                shown: c,
                char_box,
                fake_bold: false,
            };
        }
        let found = self
            .faces
            .iter()
            .zip(&self.ids)
            .find_map(|(face, &id)| face.glyph_box(c).map(|(glyph, b)| (id, glyph, b, c)));
        let standin = || {
            let face = self.faces.first()?;
            let s = MISSING_GLYPH_STANDIN;
            face.glyph_box(s).map(|(glyph, b)| (first, glyph, b, s))
        };
        match found.or_else(standin) {
            Some((font, glyph, char_box, shown)) => Drawn {
                font,
                glyph: Some(glyph),
                shown,
                char_box,
                fake_bold: bold,
            },
            None => Drawn {
                font: first,
                glyph: None,
                shown: MISSING_GLYPH_STANDIN,
                char_box: CharBox::solid(1.0),
                fake_bold: bold,
            },
        }
    }

    /// The glyph drawn for glyph `glyph` of document font `font` in vertical text (its GSUB
    /// `vert` form, or itself).
    pub fn vertical_glyph(&self, font: usize, glyph: u16) -> u16 {
        let face = match &self.bold {
            Some((id, face)) if *id == font => Some(face),
            _ => self
                .ids
                .iter()
                .position(|&id| id == font)
                .map(|i| &self.faces[i]),
        };
        face.and_then(|f| f.vertical_form(glyph)).unwrap_or(glyph)
    }

    /// True when bold `c` is drawn fake bold: no bold face has its glyph.
    pub fn fake_bold(&self, c: char) -> bool {
        self.drawn(c, true).fake_bold
    }

    /// Advance of `c` at 1 pt in the face that draws it, bold or not.
    pub fn advance_styled(&self, c: char, bold: bool) -> f32 {
        self.drawn(c, bold).char_box.advance
    }

    /// Width of a text at 1 pt, bold or not.
    pub fn width_styled(&self, text: &str, bold: bool) -> f32 {
        text.chars().map(|c| self.advance_styled(c, bold)).sum()
    }

    /// Advance of `c` at 1 pt in the face that draws it (the stand-in's when none does).
    pub fn advance(&self, c: char) -> f32 {
        self.advance_styled(c, false)
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

    /// A one-line text (page furniture) set with `composition`, never justified nor broken.
    pub fn set_line(
        &self,
        text: &str,
        size: f32,
        bold: bool,
        composition: Option<Composition>,
    ) -> Vec<PlacedChar> {
        let measure = |c: char| {
            let b = self.drawn(c, bold).char_box;
            CharBox {
                advance: b.advance * size,
                free_start: b.free_start * size,
                free_end: b.free_end * size,
            }
        };
        let options = BreakOptions {
            hanging_punctuation: false,
            composition,
        };
        compose(text, f32::INFINITY, size, &measure, options)
            .into_iter()
            .flat_map(|line| line.chars)
            .collect()
    }

    /// Characters of a one-line text at their natural advances.
    pub fn natural(&self, text: &str, size: f32, bold: bool) -> Vec<PlacedChar> {
        let mut x = 0.0;
        text.chars()
            .map(|c| {
                let advance = self.drawn(c, bold).char_box.advance * size;
                let placed = PlacedChar {
                    x,
                    advance,
                    ink: (x, x + advance),
                };
                x += advance;
                placed
            })
            .collect()
    }

    /// The runs of placed text: one per face and fake-bold state, each glyph where the
    /// layout put it. A fake-bold glyph's advance holds its stroke: it is drawn half a
    /// stroke in, so its ink stays inside the advance.
    pub fn runs(&self, placed: &PlacedText<'_>) -> Vec<TextRun> {
        let mut runs: Vec<TextRun> = Vec::new();
        let (asc, desc) = self.extents();
        let size = placed.size;
        let stroke = FAKE_BOLD_STROKE_EM * size;
        for (c, at) in placed.text.chars().zip(placed.chars) {
            let drawn = self.drawn(c, placed.bold);
            let x = placed.x + at.x;
            let same_run = runs.last().is_some_and(|run| {
                drawn.glyph.is_none() || (run.font == drawn.font && run.bold == drawn.fake_bold)
            });
            if !same_run {
                runs.push(TextRun {
                    x,
                    baseline: placed.baseline,
                    size,
                    font: drawn.font,
                    bold: drawn.fake_bold,
                    rotated: false,
                    // Room for the rest of the text: a line is nearly always one run.
                    text: String::with_capacity(placed.text.len()),
                    width: 0.0,
                    glyphs: Vec::with_capacity(placed.chars.len()),
                    glyph_box: Rect {
                        x: placed.x + at.ink.0,
                        y: placed.baseline - asc * size,
                        w: 0.0,
                        h: (asc + desc) * size,
                    },
                    cell: placed.cell,
                    source: placed.source.to_owned(),
                });
            }
            let Some(run) = runs.last_mut() else { continue };
            run.text.push(drawn.shown);
            if let Some(id) = drawn.glyph {
                let inset = if drawn.fake_bold { stroke / 2.0 } else { 0.0 };
                run.glyphs.push(PlacedGlyph {
                    id,
                    ch: drawn.shown,
                    x: x - run.x + inset,
                    advance: at.advance,
                });
            }
            run.width = x + at.advance - run.x;
            let visible = drawn.glyph.is_some() && at.ink.1 > at.ink.0;
            if visible {
                let (left, right) = (placed.x + at.ink.0, placed.x + at.ink.1);
                let ink = &mut run.glyph_box;
                if ink.w == 0.0 {
                    ink.x = left;
                }
                let end = right.max(ink.right());
                ink.x = ink.x.min(left);
                ink.w = end - ink.x;
            }
        }
        runs
    }
}

/// Text placed character by character, ready to be cut into runs.
#[derive(Debug, Clone, Copy)]
pub struct PlacedText<'a> {
    /// The characters.
    pub text: &'a str,
    /// One per character of `text`, positions from `x`.
    pub chars: &'a [PlacedChar],
    /// Where the text starts, in points from the page's left.
    pub x: f32,
    /// The baseline's y, in points from the page's top.
    pub baseline: f32,
    /// Font size, in points.
    pub size: f32,
    /// Set bold.
    pub bold: bool,
    /// The cell it is in.
    pub cell: Rect,
    /// Where the text comes from (JSON path or `labels.<id>`).
    pub source: &'a str,
}
