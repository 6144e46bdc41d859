//! The objects of one embedded face: the Type0 font, its descendant CIDFont with /DW and /W,
//! the font descriptor, the compressed font program and the ToUnicode CMap — written from
//! what [`Embedded`] read once from the face, the CMap straight to bytes.

use lopdf::{Dictionary, Object, ObjectId};

use super::deflate;
use super::embed::{Embedded, ProgramKind};
use super::write::{UPPER_HEX, push_hex_u16};

fn name(n: &str) -> Object {
    Object::Name(n.as_bytes().to_vec())
}

/// The face's objects in `lo`.
pub(super) struct Added {
    /// The Type0 font.
    pub font: ObjectId,
    /// The font program's stream and what stands in for its data in the /ID's hash.
    pub program: ObjectId,
    pub fingerprint: Vec<u8>,
}

/// Adds the face's objects to `lo`.
#[inline(never)] // a stage of bench/callgrind.py's breakdown
pub(super) fn add(lo: &mut lopdf::Document, font: &mut Embedded) -> Added {
    let (program, kind) = font.take_program();
    let fingerprint = fingerprint(&program, kind);
    let (subtype, file_key, file_dict) = program_keys(kind, program.len());
    let program = lo.add_object(deflate::stream(file_dict, program, deflate::FONT_LEVEL));
    let descriptor = lo.add_object(descriptor(font, file_key, program));
    let cid_font = cid_font(font, kind, subtype, descriptor);
    let cmap = deflate::stream(
        Dictionary::new(),
        to_unicode(font.codes_and_chars()),
        deflate::CMAP_LEVEL,
    );
    let to_unicode = lo.add_object(cmap);
    let type0 = lo.add_object(Dictionary::from_iter(vec![
        ("Type", name("Font")),
        ("Subtype", name("Type0")),
        ("BaseFont", name(&font.base_font)),
        ("Encoding", name("Identity-H")),
        (
            "DescendantFonts",
            Object::Array(vec![Object::Dictionary(cid_font)]),
        ),
        ("ToUnicode", Object::Reference(to_unicode)),
    ]));
    Added {
        font: type0,
        program,
        fingerprint,
    }
}

/// The descendant font's subtype, the descriptor's key for the program and the program
/// stream's dictionary, by the kind of program.
fn program_keys(kind: ProgramKind, length: usize) -> (&'static str, &'static str, Dictionary) {
    match kind {
        ProgramKind::TrueType => (
            "CIDFontType2",
            "FontFile2",
            Dictionary::from_iter(vec![("Length1", Object::Integer(length as i64))]),
        ),
        ProgramKind::BareCff => (
            "CIDFontType0",
            "FontFile3",
            Dictionary::from_iter(vec![("Subtype", name("CIDFontType0C"))]),
        ),
        ProgramKind::OpenTypeCff => (
            "CIDFontType0",
            "FontFile3",
            Dictionary::from_iter(vec![("Subtype", name("OpenType"))]),
        ),
    }
}

/// The descendant CIDFont: Identity ordering, /DW with /W only where a width differs, and
/// for TrueType the identity CID-to-glyph map (the subset's glyph ids are the codes).
fn cid_font(font: &Embedded, kind: ProgramKind, subtype: &str, descriptor: ObjectId) -> Dictionary {
    let widths = font.widths();
    let mut cid_font = Dictionary::from_iter(vec![
        ("Type", name("Font")),
        ("Subtype", name(subtype)),
        ("BaseFont", name(&font.base_font)),
        (
            "CIDSystemInfo",
            Object::Dictionary(Dictionary::from_iter(vec![
                ("Registry", Object::string_literal("Adobe")),
                ("Ordering", Object::string_literal("Identity")),
                ("Supplement", Object::Integer(0)),
            ])),
        ),
        ("FontDescriptor", Object::Reference(descriptor)),
        ("DW", Object::Integer(widths.default)),
        ("W", Object::Array(widths.array)),
    ]);
    if kind == ProgramKind::TrueType {
        cid_font.set("CIDToGIDMap", name("Identity"));
    }
    cid_font
}

/// What identifies a font program: our TrueType subset's table directory, which holds
/// every table's checksum (and the whole-font checksum in `head` beside it); any other
/// program whole.
fn fingerprint(program: &[u8], kind: ProgramKind) -> Vec<u8> {
    let tables = program
        .get(4..6)
        .map_or(0, |n| usize::from(u16::from_be_bytes([n[0], n[1]])));
    match (kind, program.get(..12 + 16 * tables)) {
        (ProgramKind::TrueType, Some(directory)) => directory.to_vec(),
        _ => program.to_vec(),
    }
}

/// The font descriptor: the face's metrics in thousandths of an em, its slant and an
/// estimated stem width (ISO 32000-1, 9.8), and the font program.
fn descriptor(font: &Embedded, file_key: &str, program: ObjectId) -> Dictionary {
    let m = font.metrics();
    let scale = 1000.0 / f32::from(m.units_per_em.max(1));
    let em = |v: i16| (f32::from(v) * scale).round() as i64;
    // ItalicAngle: degrees counter-clockwise from vertical, from hhea's caret slope.
    let italic_angle = if m.caret_slope_rise == 0 {
        0
    } else {
        (-f32::from(m.caret_slope_run)
            .atan2(f32::from(m.caret_slope_rise))
            .to_degrees())
        .round() as i64
    };
    const NONSYMBOLIC: i64 = 1 << 5;
    const ITALIC: i64 = 1 << 6;
    let flags = NONSYMBOLIC | if italic_angle != 0 { ITALIC } else { 0 };
    // No table holds the stem width: the usual estimate from the weight class.
    let stem_v = match m.weight {
        0 => 80,
        w => 50 + (f32::from(w) / 65.0).powi(2).round() as i64,
    };
    let bbox = [m.x_min, m.y_min, m.x_max, m.y_max].map(|v| Object::Integer(em(v)));
    Dictionary::from_iter(vec![
        ("Type", name("FontDescriptor")),
        ("FontName", name(&font.base_font)),
        ("Ascent", Object::Integer(em(m.ascent))),
        ("Descent", Object::Integer(em(m.descent))),
        // The face's cap height is not read; its ascent stands in, as before.
        ("CapHeight", Object::Integer(em(m.ascent))),
        ("ItalicAngle", Object::Integer(italic_angle)),
        ("Flags", Object::Integer(flags)),
        ("StemV", Object::Integer(stem_v)),
        ("FontBBox", Object::Array(bbox.to_vec())),
        (file_key, Object::Reference(program)),
    ])
}

/// The ToUnicode CMap of `(code, character)` pairs sorted by code: `bfchar` blocks of at
/// most 100 pairs (the CMap format's limit), characters as UTF-16BE.
fn to_unicode(pairs: impl ExactSizeIterator<Item = (u16, char)>) -> Vec<u8> {
    const HEAD: &str = "/CIDInit/ProcSet findresource begin\n12 dict begin\nbegincmap\n\
/CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>>def\n\
/CMapName/Adobe-Identity-UCS def\n/CMapType 2 def\n\
1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    const TAIL: &str = "endcmap\nCMapName currentdict/CMap defineresource pop\nend\nend\n";
    let mut out = Vec::with_capacity(HEAD.len() + TAIL.len() + pairs.len() * 16 + 64);
    out.extend_from_slice(HEAD.as_bytes());
    let pairs: Vec<(u16, char)> = pairs.collect();
    for block in pairs.chunks(100) {
        out.extend_from_slice(itoa::Buffer::new().format(block.len()).as_bytes());
        out.extend_from_slice(b" beginbfchar\n");
        for &(code, c) in block {
            out.push(b'<');
            push_hex_u16(&mut out, code, UPPER_HEX);
            out.extend_from_slice(b"> <");
            for unit in c.encode_utf16(&mut [0; 2]) {
                push_hex_u16(&mut out, *unit, UPPER_HEX);
            }
            out.extend_from_slice(b">\n");
        }
        out.extend_from_slice(b"endbfchar\n");
    }
    out.extend_from_slice(TAIL.as_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cmap_maps_each_code_to_its_character_in_blocks_of_100() {
        let pairs: Vec<(u16, char)> = (1..=101u16)
            .map(|code| (code, char::from_u32(0x3000 + u32::from(code)).unwrap()))
            .chain([(0x200, '𠮷')])
            .collect();
        let cmap = String::from_utf8(to_unicode(pairs.into_iter())).unwrap();
        assert!(cmap.contains("100 beginbfchar\n<0001> <3001>\n"), "{cmap}");
        assert!(cmap.contains("endbfchar\n2 beginbfchar\n<0065> <3065>\n"));
        assert!(
            cmap.contains("<0200> <D842DFB7>\nendbfchar\nendcmap"),
            "a surrogate pair"
        );
        assert!(cmap.starts_with("/CIDInit/ProcSet findresource begin"));
        assert!(cmap.ends_with("defineresource pop\nend\nend\n"));
    }
}
