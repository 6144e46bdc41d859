//! One face as the PDF embeds it: the subset font program, the code of each drawn glyph,
//! the widths and the face's descriptor metrics — everything read once from the original
//! face with ttf-parser; [`super::font_objects`] writes the objects from it.
//!
//! Faces with PostScript (CFF) outlines, which our glyph copier does not handle, are subset
//! by allsorts (printpdf's own font library); printpdf's helpers then say whether the codes
//! are the subset's glyph ids or its CFF charset's CIDs. No bundled face takes this path.

use std::collections::{BTreeMap, BTreeSet};

use lopdf::Object;

use super::PdfError;
use super::subset::{Subset, SubsetError, subset};
use crate::fonts::FontData;

/// A face as embedded in one document.
#[derive(Debug)]
pub(super) struct Embedded {
    /// Resource name of the font, also its six-letter subset tag.
    pub id: String,
    /// `TAG+PostScriptName`: /BaseFont of the font and its descendant, /FontName of its
    /// descriptor.
    pub base_font: String,
    program: Program,
    /// The code (Identity-H, = CID) of each glyph of the original face drawn in this face.
    code_of: BTreeMap<u16, u16>,
    /// `code_of` as a table indexed by the original glyph id (0 for a glyph not drawn): the
    /// content streams ask it for every glyph they show.
    code_table: Vec<u16>,
    /// The character each drawn glyph (original id) shows.
    chars: BTreeMap<u16, char>,
    metrics: FaceMetrics,
}

/// What the font descriptor says of the face, in font units.
#[derive(Debug, Clone, Copy)]
pub(super) struct FaceMetrics {
    pub units_per_em: u16,
    pub x_min: i16,
    pub y_min: i16,
    pub x_max: i16,
    pub y_max: i16,
    pub ascent: i16,
    pub descent: i16,
    pub caret_slope_rise: i16,
    pub caret_slope_run: i16,
    pub weight: u16,
}

/// A descendant font's /DW and /W.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Widths {
    pub default: i64,
    pub array: Vec<Object>,
}

/// What kind of font program a face embeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ProgramKind {
    /// Our TrueType subset (`/FontFile2`, `CIDFontType2`, codes are glyph ids).
    TrueType,
    /// A CID-keyed CFF table alone (`/FontFile3 /CIDFontType0C`, codes are CIDs).
    BareCff,
    /// A whole OpenType font with name-keyed CFF outlines (`/FontFile3 /OpenType`).
    OpenTypeCff,
}

/// The font program and where its advances come from.
#[derive(Debug)]
enum Program {
    /// Our subset of a TrueType face.
    TrueType(Subset),
    /// allsorts' subset of a CFF face.
    Cff {
        kind: ProgramKind,
        bytes: Vec<u8>,
        /// Advance of each code, in font units.
        advances: BTreeMap<u16, u16>,
    },
}

impl Embedded {
    /// Subsets `font` to `glyphs`: the layout's glyph ids in the face (vertical forms
    /// included), each with the character it draws.
    pub fn new(font: &FontData, glyphs: &BTreeMap<u16, char>) -> Result<Self, PdfError> {
        let face = font
            .face()
            .map_err(|e| PdfError::Font(font.name.clone(), e.to_string()))?;
        let (program, code_of) = match subset(font.bytes(), font.index, glyphs.keys().copied()) {
            Ok(subset) => {
                let code_of = glyphs
                    .keys()
                    .map(|&gid| (gid, subset.new_id(gid).unwrap_or(0)))
                    .collect();
                (Program::TrueType(subset), code_of)
            }
            Err(SubsetError::NotTrueType) => cff_subset(font, glyphs)?,
            Err(e) => return Err(PdfError::Subset(font.name.clone(), e)),
        };
        let name = postscript_name(&face).unwrap_or_else(|| sanitised(&font.name));
        let tag = subset_tag(&name, glyphs.keys());
        let bbox = face.global_bounding_box();
        let (rise, run) = caret_slope(&face);
        Ok(Embedded {
            base_font: format!("{tag}+{name}"),
            id: tag,
            program,
            code_table: code_table(&code_of),
            code_of,
            chars: glyphs.clone(),
            metrics: FaceMetrics {
                units_per_em: face.units_per_em(),
                x_min: bbox.x_min,
                y_min: bbox.y_min,
                x_max: bbox.x_max,
                y_max: bbox.y_max,
                ascent: face.ascender(),
                descent: face.descender(),
                caret_slope_rise: rise,
                caret_slope_run: run,
                weight: face.weight().to_number(),
            },
        })
    }

    /// The font program (moved out: it is written once) and its kind.
    pub fn take_program(&mut self) -> (Vec<u8>, ProgramKind) {
        match &mut self.program {
            Program::TrueType(subset) => {
                (std::mem::take(&mut subset.program), ProgramKind::TrueType)
            }
            Program::Cff { kind, bytes, .. } => (std::mem::take(bytes), *kind),
        }
    }

    pub fn metrics(&self) -> &FaceMetrics {
        &self.metrics
    }

    /// Each drawn code with the character it shows, by code. A character drawn by two
    /// glyphs (a vertical form) is mapped from both.
    pub fn codes_and_chars(&self) -> impl ExactSizeIterator<Item = (u16, char)> {
        let by_code: BTreeMap<u16, char> = self
            .chars
            .iter()
            .map(|(original, &c)| (self.glyph(*original), c))
            .collect();
        by_code.into_iter()
    }

    /// The code of the original face's glyph `original` (`.notdef` for a glyph not
    /// collected).
    pub fn glyph(&self, original: u16) -> u16 {
        self.code_table
            .get(usize::from(original))
            .copied()
            .unwrap_or(0)
    }

    /// Advance of a code in font units.
    pub fn advance(&self, code: u16) -> u16 {
        match &self.program {
            Program::TrueType(subset) => subset.advances.get(usize::from(code)).copied(),
            Program::Cff { advances, .. } => advances.get(&code).copied(),
        }
        .unwrap_or(0)
    }

    pub fn units_per_em(&self) -> u16 {
        self.metrics.units_per_em.max(1)
    }

    /// The width /W gives a glyph, in thousandths of an em: the advance truncated, as the
    /// TJ adjustments of [`super::tj_items`] assume.
    pub fn pdf_width(&self, code: u16) -> i64 {
        (f32::from(self.advance(code)) * 1000.0 / f32::from(self.units_per_em())) as i64
    }

    /// /DW (the most common width of the drawn glyphs) and /W listing only the glyphs whose
    /// width differs from it: `first [w w …]` for runs of consecutive codes, `first last w`
    /// for runs of one width.
    pub fn widths(&self) -> Widths {
        let drawn: BTreeSet<u16> = self.code_of.values().copied().collect();
        let widths: Vec<(u16, i64)> = drawn.iter().map(|&g| (g, self.pdf_width(g))).collect();
        let mut counts: BTreeMap<i64, usize> = BTreeMap::new();
        for (_, w) in &widths {
            *counts.entry(*w).or_default() += 1;
        }
        let default = counts
            .iter()
            .max_by_key(|(w, n)| (**n, -**w))
            .map_or(1000, |(w, _)| *w);
        let others: Vec<(u16, i64)> = widths.into_iter().filter(|w| w.1 != default).collect();
        Widths {
            default,
            array: width_array(&others),
        }
    }
}

/// A CFF face subset by allsorts to `glyphs`, with the code of each original glyph:
/// allsorts numbers the glyphs in the order asked (`.notdef` first), and a CID-keyed
/// subset keeps the original CIDs in its charset, which are then the codes.
fn cff_subset(
    font: &FontData,
    glyphs: &BTreeMap<u16, char>,
) -> Result<(Program, BTreeMap<u16, u16>), PdfError> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData as AllsortsFont;
    use allsorts::subset::{CmapTarget, SubsetProfile, subset};
    let fail = |e: &dyn std::fmt::Display| PdfError::Font(font.name.clone(), e.to_string());
    let ids: Vec<u16> = std::iter::once(0)
        .chain(glyphs.keys().copied().filter(|&g| g != 0))
        .collect();
    let scope = ReadScope::new(font.bytes());
    let data = scope.read::<AllsortsFont<'_>>().map_err(|e| fail(&e))?;
    let provider = data
        .table_provider(font.index as usize)
        .map_err(|e| fail(&e))?;
    let bytes =
        subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode).map_err(|e| fail(&e))?;
    let face = ttf_parser::Face::parse(&bytes, 0).map_err(|e| fail(&e))?;
    let cids = printpdf::cff_charset_gid_to_cid_map(&bytes, 0);
    let mut code_of = BTreeMap::new();
    let mut advances = BTreeMap::new();
    for (new, &old) in ids.iter().enumerate() {
        let Ok(new) = u16::try_from(new) else {
            continue;
        };
        let code = cids
            .as_ref()
            .and_then(|m| m.get(&new).copied())
            .unwrap_or(new);
        code_of.insert(old, code);
        let advance = face
            .glyph_hor_advance(ttf_parser::GlyphId(new))
            .unwrap_or(0);
        advances.insert(code, advance);
    }
    let (kind, bytes) = match printpdf::extract_cid_keyed_cff(&bytes, 0) {
        Some(table) => (ProgramKind::BareCff, table),
        None => (ProgramKind::OpenTypeCff, bytes),
    };
    Ok((
        Program::Cff {
            kind,
            bytes,
            advances,
        },
        code_of,
    ))
}

/// `code_of` as a table indexed by the original glyph id, as long as the largest id needs.
fn code_table(code_of: &BTreeMap<u16, u16>) -> Vec<u16> {
    let len = code_of
        .keys()
        .next_back()
        .map_or(0, |&last| usize::from(last) + 1);
    let mut table = vec![0; len];
    for (&original, &code) in code_of {
        table[usize::from(original)] = code;
    }
    table
}

/// /W entries for `(glyph, width)` pairs sorted by glyph.
fn width_array(widths: &[(u16, i64)]) -> Vec<Object> {
    let mut out = Vec::new();
    let mut rest = widths;
    while let Some(&(first, width)) = rest.first() {
        let consecutive = rest
            .iter()
            .enumerate()
            .take_while(|(i, (g, _))| usize::from(*g) == usize::from(first) + i)
            .count();
        let same = rest[..consecutive]
            .iter()
            .take_while(|(_, w)| *w == width)
            .count();
        if same >= 3 {
            let last = first + same as u16 - 1;
            out.extend([
                Object::Integer(first.into()),
                Object::Integer(last.into()),
                Object::Integer(width),
            ]);
            rest = &rest[same..];
            continue;
        }
        // A list up to the next run of three equal widths (which gets the short form).
        let mut end = 1;
        while end < consecutive && !starts_equal_run(&rest[end..consecutive]) {
            end += 1;
        }
        let list = rest[..end]
            .iter()
            .map(|(_, w)| Object::Integer(*w))
            .collect();
        out.extend([Object::Integer(first.into()), Object::Array(list)]);
        rest = &rest[end..];
    }
    out
}

fn starts_equal_run(widths: &[(u16, i64)]) -> bool {
    widths.len() >= 3 && widths[..3].iter().all(|(_, w)| *w == widths[0].1)
}

/// hhea's caret slope (rise, run), from which printpdf derives /ItalicAngle; upright when
/// the table is short.
fn caret_slope(face: &ttf_parser::Face<'_>) -> (i16, i16) {
    let hhea = face.raw_face().table(ttf_parser::Tag::from_bytes(b"hhea"));
    let read = |at: usize| {
        hhea.and_then(|t| t.get(at..at + 2))
            .map(|b| i16::from_be_bytes([b[0], b[1]]))
    };
    (read(18).unwrap_or(1), read(20).unwrap_or(0))
}

/// The face's PostScript name (name id 6), as a PDF name may hold it.
fn postscript_name(face: &ttf_parser::Face<'_>) -> Option<String> {
    face.names()
        .into_iter()
        .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
        .find_map(|n| n.to_string())
        .map(|n| sanitised(&n))
        .filter(|n| !n.is_empty())
}

/// Printable ASCII without the characters PDF names and PostScript names avoid.
fn sanitised(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_ascii_graphic() && !"[](){}<>/%#".contains(*c))
        .collect()
}

/// Six capital letters (the PDF subset tag and resource name) from the face and its glyphs.
fn subset_tag<'g>(name: &str, glyphs: impl IntoIterator<Item = &'g u16>) -> String {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    hash.update(name.as_bytes());
    for glyph in glyphs {
        hash.update(glyph.to_be_bytes());
    }
    hash.finalize()
        .iter()
        .take(6)
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(objects: &[Object]) -> String {
        objects
            .iter()
            .map(|o| match o {
                Object::Integer(i) => i.to_string(),
                Object::Array(a) => format!("[{}]", ints(a)),
                other => format!("{other:?}"),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn width_array_uses_ranges_for_runs_and_lists_elsewhere() {
        let widths = [
            (3, 500),
            (4, 500),
            (5, 500),
            (6, 250),
            (7, 333),
            (9, 600),
            (10, 600),
            (11, 600),
            (12, 600),
            (13, 700),
        ];
        assert_eq!(
            ints(&width_array(&widths)),
            "3 5 500 6 [250 333] 9 12 600 13 [700]"
        );
        assert!(width_array(&[]).is_empty());
    }

    #[test]
    fn the_code_table_answers_as_the_map_and_zero_elsewhere() {
        let code_of = BTreeMap::from([(0, 0), (7, 1), (12_000, 2), (40, 3)]);
        let table = code_table(&code_of);
        assert_eq!(table.len(), 12_001);
        for (gid, code) in table.iter().enumerate() {
            let gid = u16::try_from(gid).unwrap();
            assert_eq!(*code, code_of.get(&gid).copied().unwrap_or(0), "{gid}");
        }
        assert!(code_table(&BTreeMap::new()).is_empty());
    }

    #[test]
    fn names_are_valid_pdf_names() {
        assert_eq!(sanitised("BIZ UDGothic (Bold)/x"), "BIZUDGothicBoldx");
        let tag = subset_tag("IPAexGothic", &[12, 345]);
        assert!(tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()));
    }
}
