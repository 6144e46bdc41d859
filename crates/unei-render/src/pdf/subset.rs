//! The embedded font program: a TrueType font holding only the glyphs a document draws.
//!
//! Glyphs are copied one by one from the original `glyf` table, without their hinting
//! instructions (PDF viewers and printers rasterise at high resolution and do not need them;
//! in the bundled fonts they are about half of the glyph data), and renumbered densely in the
//! order of their original ids: `.notdef` stays 0, a composite glyph's components come along
//! and its references are rewritten. Only the tables a `CIDFontType2` with
//! `/CIDToGIDMap /Identity` reads are written — `head`, `hhea`, `maxp`, `hmtx`, `loca`,
//! `glyf` — because the PDF maps codes to glyphs itself (no `cmap`), names the font itself
//! (no `name`, `post`) and drops the hints (no `fpgm`, `prep`, `cvt `).
//!
//! Nothing here walks the whole font: the cost is the table directory plus the kept glyphs.

use std::collections::BTreeSet;

use unei_core::{Lang, Localize};

/// Why a face could not be subset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubsetError {
    /// The face has no `glyf` table (PostScript/CFF outlines): only TrueType outlines are
    /// embedded.
    NotTrueType,
    /// A table the subset needs is missing or cut short.
    Malformed(&'static str),
}

impl Localize for SubsetError {
    fn localize(&self, lang: Lang) -> String {
        match (self, lang) {
            (SubsetError::NotTrueType, Lang::En) => "it has no TrueType outlines (glyf)".to_owned(),
            (SubsetError::NotTrueType, Lang::Ja) => {
                "TrueType アウトライン（glyf）がありません".to_owned()
            }
            (SubsetError::Malformed(what), Lang::En) => {
                format!("the font file is damaged ({what})")
            }
            (SubsetError::Malformed(what), Lang::Ja) => {
                format!("フォントファイルが壊れています（{what}）")
            }
        }
    }
}

impl std::fmt::Display for SubsetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.localize(Lang::En))
    }
}

/// A subset font program and how the document's glyphs are numbered in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subset {
    /// The font program (an sfnt with TrueType outlines).
    pub program: Vec<u8>,
    /// The original glyph id of each glyph of the subset, in subset order (ascending): the
    /// subset id of a glyph is its index here.
    pub originals: Vec<u16>,
    /// Advance width of each subset glyph, in font units.
    pub advances: Vec<u16>,
    /// Units per em of the face.
    pub units_per_em: u16,
}

impl Subset {
    /// The subset id of an original glyph, if the subset holds it.
    pub fn new_id(&self, original: u16) -> Option<u16> {
        self.originals
            .binary_search(&original)
            .ok()
            .and_then(|i| u16::try_from(i).ok())
    }
}

/// The tables a subset is made from, borrowed from the original face.
struct Source<'a> {
    head: &'a [u8],
    hhea: &'a [u8],
    maxp: &'a [u8],
    hmtx: &'a [u8],
    loca: &'a [u8],
    glyf: &'a [u8],
    long_loca: bool,
    glyph_count: u16,
    long_metrics: u16,
}

fn tag(name: &[u8; 4]) -> ttf_parser::Tag {
    ttf_parser::Tag::from_bytes(name)
}

impl<'a> Source<'a> {
    fn new(font: &'a [u8], index: u32) -> Result<Self, SubsetError> {
        let raw =
            ttf_parser::RawFace::parse(font, index).map_err(|_| SubsetError::Malformed("sfnt"))?;
        let table = |name: &'static [u8; 4], what| raw.table(tag(name)).ok_or(what);
        let glyf = raw.table(tag(b"glyf")).ok_or(SubsetError::NotTrueType)?;
        let head = table(b"head", SubsetError::Malformed("head"))?;
        let hhea = table(b"hhea", SubsetError::Malformed("hhea"))?;
        let maxp = table(b"maxp", SubsetError::Malformed("maxp"))?;
        Ok(Source {
            head,
            hhea,
            maxp,
            hmtx: table(b"hmtx", SubsetError::Malformed("hmtx"))?,
            loca: table(b"loca", SubsetError::Malformed("loca"))?,
            glyf,
            long_loca: read_u16(head, 50)? == 1,
            glyph_count: read_u16(maxp, 4)?,
            long_metrics: read_u16(hhea, 34)?,
        })
    }

    /// The outline data of a glyph (empty for glyphs without contours).
    fn glyph(&self, gid: u16) -> Result<&'a [u8], SubsetError> {
        if gid >= self.glyph_count {
            return Err(SubsetError::Malformed("glyph id beyond maxp.numGlyphs"));
        }
        let at = usize::from(gid);
        let (start, end) = if self.long_loca {
            (
                read_u32(self.loca, 4 * at)? as usize,
                read_u32(self.loca, 4 * at + 4)? as usize,
            )
        } else {
            (
                2 * usize::from(read_u16(self.loca, 2 * at)?),
                2 * usize::from(read_u16(self.loca, 2 * at + 2)?),
            )
        };
        if start == end {
            return Ok(&[]);
        }
        self.glyf
            .get(start..end)
            .ok_or(SubsetError::Malformed("glyph outside glyf"))
    }

    /// Advance width and left side bearing of a glyph (hmtx: long metrics, then bearings).
    fn metrics(&self, gid: u16) -> Result<(u16, u16), SubsetError> {
        let long = self.long_metrics.max(1);
        if gid < long {
            let at = 4 * usize::from(gid);
            return Ok((read_u16(self.hmtx, at)?, read_u16(self.hmtx, at + 2)?));
        }
        let advance = read_u16(self.hmtx, 4 * usize::from(long - 1))?;
        let at = 4 * usize::from(long) + 2 * usize::from(gid - long);
        Ok((advance, read_u16(self.hmtx, at)?))
    }
}

/// The subset of `font` (face `index`) holding `glyphs`, `.notdef` and every component of a
/// composite glyph among them.
#[inline(never)] // a stage of bench/callgrind.py's breakdown
///
/// # Errors
/// [`SubsetError::NotTrueType`] for a face without TrueType outlines,
/// [`SubsetError::Malformed`] when a table it needs is missing or cut short.
pub fn subset(
    font: &[u8],
    index: u32,
    glyphs: impl IntoIterator<Item = u16>,
) -> Result<Subset, SubsetError> {
    let source = Source::new(font, index)?;
    let originals = closure(&source, glyphs)?;
    let mut glyf = Vec::new();
    let mut offsets = Vec::with_capacity(originals.len() + 1);
    let mut advances = Vec::with_capacity(originals.len());
    let mut bearings = Vec::with_capacity(originals.len());
    for &gid in &originals {
        offsets.push(glyf.len());
        copy_glyph(source.glyph(gid)?, &originals, &mut glyf)?;
        if glyf.len() % 2 == 1 {
            glyf.push(0);
        }
        let (advance, bearing) = source.metrics(gid)?;
        advances.push(advance);
        bearings.push(bearing);
    }
    offsets.push(glyf.len());
    let short_loca = glyf.len() / 2 <= usize::from(u16::MAX);
    let count = u16::try_from(originals.len()).map_err(|_| SubsetError::Malformed("glyphs"))?;
    let (hmtx, long_metrics) = hmtx(&advances, &bearings);
    let tables = [
        (*b"glyf", glyf),
        (*b"head", head(source.head, short_loca)?),
        (*b"hhea", patched(source.hhea, 34, long_metrics)?),
        (*b"hmtx", hmtx),
        (*b"loca", loca(&offsets, short_loca)),
        (*b"maxp", maxp(source.maxp, count)?),
    ];
    let units_per_em = read_u16(source.head, 18)?;
    Ok(Subset {
        program: assemble(&tables),
        originals,
        advances,
        units_per_em,
    })
}

/// The kept glyphs, sorted: `.notdef`, the requested glyphs and, transitively, the
/// components of composite glyphs.
fn closure(
    source: &Source<'_>,
    glyphs: impl IntoIterator<Item = u16>,
) -> Result<Vec<u16>, SubsetError> {
    let mut kept: BTreeSet<u16> = std::iter::once(0).chain(glyphs).collect();
    let mut pending: Vec<u16> = kept.iter().copied().collect();
    while let Some(gid) = pending.pop() {
        let data = source.glyph(gid)?;
        if is_composite(data)? {
            for component in components(data)? {
                if kept.insert(component.gid) {
                    pending.push(component.gid);
                }
            }
        }
    }
    Ok(kept.into_iter().collect())
}

fn is_composite(glyph: &[u8]) -> Result<bool, SubsetError> {
    Ok(!glyph.is_empty() && (read_u16(glyph, 0)? as i16) < 0)
}

/// One component record of a composite glyph.
struct Component {
    /// Offset of the record in the glyph data.
    at: usize,
    /// Length of the record (flags, glyph index, arguments, transform).
    len: usize,
    flags: u16,
    gid: u16,
}

const ARGS_ARE_WORDS: u16 = 0x0001;
const HAVE_SCALE: u16 = 0x0008;
const MORE_COMPONENTS: u16 = 0x0020;
const HAVE_XY_SCALE: u16 = 0x0040;
const HAVE_2X2: u16 = 0x0080;
const HAVE_INSTRUCTIONS: u16 = 0x0100;

/// The component records of a composite glyph, in order.
fn components(glyph: &[u8]) -> Result<Vec<Component>, SubsetError> {
    let mut out = Vec::new();
    let mut at = 10;
    loop {
        let flags = read_u16(glyph, at)?;
        let gid = read_u16(glyph, at + 2)?;
        let args = if flags & ARGS_ARE_WORDS != 0 { 4 } else { 2 };
        let transform = if flags & HAVE_SCALE != 0 {
            2
        } else if flags & HAVE_XY_SCALE != 0 {
            4
        } else if flags & HAVE_2X2 != 0 {
            8
        } else {
            0
        };
        let len = 4 + args + transform;
        if glyph.len() < at + len {
            return Err(SubsetError::Malformed("composite glyph cut short"));
        }
        out.push(Component {
            at,
            len,
            flags,
            gid,
        });
        at += len;
        if flags & MORE_COMPONENTS == 0 {
            return Ok(out);
        }
    }
}

/// Appends a glyph to `out` without its instructions; a composite glyph's component ids are
/// rewritten to subset ids.
fn copy_glyph(glyph: &[u8], originals: &[u16], out: &mut Vec<u8>) -> Result<(), SubsetError> {
    if glyph.is_empty() {
        return Ok(());
    }
    let header = glyph
        .get(..10)
        .ok_or(SubsetError::Malformed("glyph header cut short"))?;
    out.extend_from_slice(header);
    if !is_composite(glyph)? {
        return copy_simple_glyph(glyph, out);
    }
    for component in components(glyph)? {
        let new_gid = originals
            .binary_search(&component.gid)
            .map_err(|_| SubsetError::Malformed("component not in the subset"))?;
        let record = &glyph[component.at..component.at + component.len];
        out.extend_from_slice(&(component.flags & !HAVE_INSTRUCTIONS).to_be_bytes());
        out.extend_from_slice(&(new_gid as u16).to_be_bytes());
        out.extend_from_slice(&record[4..]);
    }
    Ok(())
}

/// A simple glyph: header and contour ends, an empty instruction block, then the flags and
/// coordinates as they are.
fn copy_simple_glyph(glyph: &[u8], out: &mut Vec<u8>) -> Result<(), SubsetError> {
    let contours = usize::from(read_u16(glyph, 0)?);
    let instructions_at = 10 + 2 * contours;
    let length = usize::from(read_u16(glyph, instructions_at)?);
    let points = glyph
        .get(instructions_at + 2 + length..)
        .ok_or(SubsetError::Malformed("glyph cut short"))?;
    let ends = glyph
        .get(10..instructions_at)
        .ok_or(SubsetError::Malformed("glyph cut short"))?;
    out.extend_from_slice(ends);
    out.extend_from_slice(&[0, 0]);
    out.extend_from_slice(points);
    Ok(())
}

/// hmtx with long metrics up to the last change of advance, bearings only after it, and the
/// number of long metrics for hhea.
fn hmtx(advances: &[u16], bearings: &[u16]) -> (Vec<u8>, u16) {
    let last = advances.last().copied().unwrap_or(0);
    let long = advances
        .iter()
        .rposition(|&a| a != last)
        .map_or(1, |i| i + 2)
        .min(advances.len());
    let mut out = Vec::with_capacity(4 * long + 2 * (advances.len() - long));
    for (i, (advance, bearing)) in advances.iter().zip(bearings).enumerate() {
        if i < long {
            out.extend_from_slice(&advance.to_be_bytes());
        }
        out.extend_from_slice(&bearing.to_be_bytes());
    }
    (out, long as u16)
}

fn loca(offsets: &[usize], short: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(offsets.len() * if short { 2 } else { 4 });
    for &offset in offsets {
        if short {
            out.extend_from_slice(&((offset / 2) as u16).to_be_bytes());
        } else {
            out.extend_from_slice(&(offset as u32).to_be_bytes());
        }
    }
    out
}

/// head with the loca format and a zero checksum adjustment (set by [`assemble`]).
fn head(original: &[u8], short_loca: bool) -> Result<Vec<u8>, SubsetError> {
    let mut head = patched(original, 50, u16::from(!short_loca))?;
    head.get_mut(8..12)
        .ok_or(SubsetError::Malformed("head"))?
        .fill(0);
    Ok(head)
}

/// maxp with the subset's glyph count; for TrueType (version 1.0) maxp, no instructions.
fn maxp(original: &[u8], count: u16) -> Result<Vec<u8>, SubsetError> {
    let mut maxp = patched(original, 4, count)?;
    if read_u32(original, 0)? == 0x0001_0000 {
        maxp = patched(&maxp, 26, 0)?; // maxSizeOfInstructions
    }
    Ok(maxp)
}

/// A copy of a table with the u16 at `at` replaced.
fn patched(table: &[u8], at: usize, value: u16) -> Result<Vec<u8>, SubsetError> {
    let mut out = table.to_vec();
    out.get_mut(at..at + 2)
        .ok_or(SubsetError::Malformed("table cut short"))?
        .copy_from_slice(&value.to_be_bytes());
    Ok(out)
}

fn read_u16(data: &[u8], at: usize) -> Result<u16, SubsetError> {
    data.get(at..at + 2)
        .map(|b| u16::from_be_bytes([b[0], b[1]]))
        .ok_or(SubsetError::Malformed("table cut short"))
}

fn read_u32(data: &[u8], at: usize) -> Result<u32, SubsetError> {
    data.get(at..at + 4)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
        .ok_or(SubsetError::Malformed("table cut short"))
}

/// The sfnt checksum: the sum of the big-endian words, the last one padded with zeros.
fn checksum(data: &[u8]) -> u32 {
    let words = data.chunks_exact(4);
    let rest = words.remainder();
    let sum = words.fold(0u32, |sum, w| {
        sum.wrapping_add(u32::from_be_bytes([w[0], w[1], w[2], w[3]]))
    });
    let mut last = [0u8; 4];
    last[..rest.len()].copy_from_slice(rest);
    sum.wrapping_add(u32::from_be_bytes(last))
}

/// An sfnt of `tables` (sorted by tag), 4-byte aligned, with table checksums and head's
/// checksum adjustment.
fn assemble(tables: &[([u8; 4], Vec<u8>)]) -> Vec<u8> {
    let count = tables.len() as u16;
    let power = 15 - count.max(1).leading_zeros() as u16;
    let search_range = 16 * (1u16 << power);
    let mut out = Vec::with_capacity(
        12 + 16 * tables.len() + tables.iter().map(|t| t.1.len() + 3).sum::<usize>(),
    );
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    for v in [count, search_range, power, count * 16 - search_range] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, data) in tables {
        if tag == b"head" {
            head_at = Some(offset);
        }
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        offset += data.len().next_multiple_of(4);
    }
    for (_, data) in tables {
        out.extend_from_slice(data);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    if let Some(at) = head_at {
        let adjustment = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[at + 8..at + 12].copy_from_slice(&adjustment.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::{BIZ_UD_GOTHIC, BIZ_UD_GOTHIC_BOLD, IPAEX_GOTHIC};

    const TEXT: &str = "令和2年度 福島区運営方針、。（）・ABCabc123(2,781千円)ぁっー〓「」";

    fn outline(face: &ttf_parser::Face<'_>, glyph: u16) -> String {
        struct Pen(String);
        impl ttf_parser::OutlineBuilder for Pen {
            fn move_to(&mut self, x: f32, y: f32) {
                self.0 += &format!("M{x},{y}");
            }
            fn line_to(&mut self, x: f32, y: f32) {
                self.0 += &format!("L{x},{y}");
            }
            fn quad_to(&mut self, a: f32, b: f32, x: f32, y: f32) {
                self.0 += &format!("Q{a},{b},{x},{y}");
            }
            fn curve_to(&mut self, a: f32, b: f32, c: f32, d: f32, x: f32, y: f32) {
                self.0 += &format!("C{a},{b},{c},{d},{x},{y}");
            }
            fn close(&mut self) {
                self.0 += "Z";
            }
        }
        let mut pen = Pen(String::new());
        face.outline_glyph(ttf_parser::GlyphId(glyph), &mut pen);
        pen.0
    }

    fn tables(program: &[u8]) -> Vec<String> {
        let raw = ttf_parser::RawFace::parse(program, 0).unwrap();
        raw.table_records
            .into_iter()
            .map(|r| String::from_utf8_lossy(&r.tag.to_bytes()).into_owned())
            .collect()
    }

    /// Every glyph of `gids` is in the subset with its outline and advance, and nothing else
    /// but .notdef and components.
    fn assert_faithful(font: &[u8], gids: &[u16]) -> Subset {
        let original = ttf_parser::Face::parse(font, 0).unwrap();
        let subset = subset(font, 0, gids.iter().copied()).unwrap();
        let face = ttf_parser::Face::parse(&subset.program, 0).unwrap();
        assert_eq!(usize::from(face.number_of_glyphs()), subset.originals.len());
        assert_eq!(subset.originals[0], 0, ".notdef stays glyph 0");
        for &gid in gids {
            let new = subset.new_id(gid).unwrap();
            assert_eq!(outline(&original, gid), outline(&face, new), "glyph {gid}");
            let advance = original.glyph_hor_advance(ttf_parser::GlyphId(gid));
            assert_eq!(face.glyph_hor_advance(ttf_parser::GlyphId(new)), advance);
            assert_eq!(Some(subset.advances[usize::from(new)]), advance);
            assert_eq!(
                original.glyph_hor_side_bearing(ttf_parser::GlyphId(gid)),
                face.glyph_hor_side_bearing(ttf_parser::GlyphId(new))
            );
        }
        subset
    }

    fn gids(font: &[u8], text: &str) -> Vec<u16> {
        let face = ttf_parser::Face::parse(font, 0).unwrap();
        text.chars()
            .filter_map(|c| face.glyph_index(c))
            .map(|g| g.0)
            .collect()
    }

    #[test]
    fn drawn_glyphs_keep_outlines_and_metrics_and_only_pdf_tables_remain() {
        for font in [BIZ_UD_GOTHIC, BIZ_UD_GOTHIC_BOLD, IPAEX_GOTHIC] {
            let gids = gids(font, TEXT);
            let subset = assert_faithful(font, &gids);
            assert_eq!(
                tables(&subset.program),
                ["glyf", "head", "hhea", "hmtx", "loca", "maxp"]
            );
            assert!(
                subset.originals.len() <= gids.len() + 1 + 8,
                "few extra glyphs"
            );
            assert_eq!(
                checksum(&subset.program),
                0xB1B0_AFBA,
                "checksum adjustment"
            );
            assert!(subset.program.len() < 40_000, "{}", subset.program.len());
        }
    }

    #[test]
    fn hinting_instructions_are_dropped_while_copying() {
        let subset = subset(BIZ_UD_GOTHIC, 0, gids(BIZ_UD_GOTHIC, TEXT)).unwrap();
        let source = Source::new(BIZ_UD_GOTHIC, 0).unwrap();
        let copied = Source::new(&subset.program, 0).unwrap();
        let (mut hinted, mut unhinted) = (0, 0);
        for (new, &original) in subset.originals.iter().enumerate() {
            hinted += source.glyph(original).unwrap().len();
            let glyph = copied.glyph(new as u16).unwrap();
            unhinted += glyph.len();
            if !glyph.is_empty() {
                let contours = usize::from(read_u16(glyph, 0).unwrap());
                assert_eq!(
                    read_u16(glyph, 10 + 2 * contours).unwrap(),
                    0,
                    "glyph {new}"
                );
            }
        }
        assert!(unhinted * 10 < hinted * 9, "{unhinted} vs {hinted}");
    }

    /// A font of BIZ UDGothic's glyphs for `text` (ids 1, 2, 3 …) plus a composite glyph
    /// made of the first and the third, the third scaled, with instructions.
    fn font_with_composite(text: &str) -> Vec<u8> {
        let base = subset(BIZ_UD_GOTHIC, 0, gids(BIZ_UD_GOTHIC, text)).unwrap();
        let source = Source::new(&base.program, 0).unwrap();
        let mut glyf = source.glyf.to_vec();
        let mut offsets: Vec<usize> = (0..source.glyph_count)
            .map(|g| {
                let at = usize::from(g);
                2 * usize::from(read_u16(source.loca, 2 * at).unwrap())
            })
            .collect();
        offsets.push(glyf.len());
        let first = source.glyph(1).unwrap();
        glyf.extend_from_slice(&(-1i16).to_be_bytes());
        glyf.extend_from_slice(&first[2..10]); // bounding box
        // flags (words, xy values, more), glyph 1, dx 0, dy 0
        glyf.extend_from_slice(&[0x00, 0x23, 0, 1, 0, 0, 0, 0]);
        // flags (words, xy values, scale, instructions), glyph 3, dx 600, dy 0, scale 0.5
        glyf.extend_from_slice(&[0x01, 0x0B, 0, 3, 0x02, 0x58, 0, 0, 0x20, 0x00]);
        glyf.extend_from_slice(&[0, 2, 0xB0, 0x01]); // two bytes of instructions
        offsets.push(glyf.len());
        let mut advances = base.advances.clone();
        advances.push(2048);
        let bearings = vec![0; advances.len()];
        let (hmtx, long) = hmtx(&advances, &bearings);
        let count = advances.len() as u16;
        assemble(&[
            (*b"glyf", glyf),
            (*b"head", head(source.head, false).unwrap()),
            (*b"hhea", patched(source.hhea, 34, long).unwrap()),
            (*b"hmtx", hmtx),
            (*b"loca", loca(&offsets, false)),
            (*b"maxp", maxp(source.maxp, count).unwrap()),
        ])
    }

    #[test]
    fn composite_glyphs_bring_their_components_renumbered() {
        let font = font_with_composite("福島区");
        let composite = 4;
        let subset = assert_faithful(&font, &[composite]);
        assert_eq!(
            subset.originals,
            [0, 1, 3, 4],
            "components kept, glyph 2 not"
        );
        let program = Source::new(&subset.program, 0).unwrap();
        let copied = program.glyph(3).unwrap();
        let references: Vec<u16> = components(copied).unwrap().iter().map(|c| c.gid).collect();
        assert_eq!(
            references,
            [1, 2],
            "glyph 3 of the font is glyph 2 of the subset"
        );
        assert!(
            components(copied)
                .unwrap()
                .iter()
                .all(|c| c.flags & HAVE_INSTRUCTIONS == 0)
        );
        assert_eq!(
            copied.len(),
            10 + 8 + 10,
            "no instructions after the components"
        );
    }

    #[test]
    fn large_subsets_switch_to_long_loca() {
        let face = ttf_parser::Face::parse(BIZ_UD_GOTHIC, 0).unwrap();
        let many: Vec<u16> = (0x4E00..0x4E00 + 3000)
            .filter_map(char::from_u32)
            .filter_map(|c| face.glyph_index(c))
            .map(|g| g.0)
            .collect();
        let subset = assert_faithful(BIZ_UD_GOTHIC, &many);
        let source = Source::new(&subset.program, 0).unwrap();
        assert!(source.long_loca, "glyf of {} bytes", source.glyf.len());
        let small = subset_of(BIZ_UD_GOTHIC, TEXT);
        assert!(!Source::new(&small, 0).unwrap().long_loca);
    }

    fn subset_of(font: &[u8], text: &str) -> Vec<u8> {
        subset(font, 0, gids(font, text)).unwrap().program
    }

    #[test]
    fn checksum_pads_the_last_word() {
        assert_eq!(checksum(&[0, 0, 0, 1, 0, 0, 0, 2]), 3);
        assert_eq!(checksum(&[0, 0, 0, 1, 0x80]), 0x8000_0001);
        assert_eq!(checksum(&[]), 0);
    }

    #[test]
    fn broken_fonts_are_errors_not_panics() {
        assert_eq!(subset(b"", 0, [1]), Err(SubsetError::Malformed("sfnt")));
        let small = subset_of(IPAEX_GOTHIC, TEXT);
        for cut in (0..small.len()).step_by(97) {
            let _ = subset(&small[..cut], 0, 0..40);
        }
        for at in (0..small.len()).step_by(13) {
            let mut broken = small.clone();
            broken[at] ^= 0xA5;
            let _ = subset(&broken, 0, 0..40);
        }
        assert!(matches!(
            subset(&small, 0, [60_000]),
            Err(SubsetError::Malformed(_))
        ));
    }
}
