//! Removes TrueType hinting from an embedded subset. Hints (per-glyph instructions plus the
//! fpgm/prep/cvt programs) are for screen rasterisers at small pixel sizes; PDF viewers and
//! printers do not need them, and in IPAex they are ~45% of the glyph data.

/// Tables that only hold hinting programs.
const HINT_TABLES: [&[u8; 4]; 3] = [b"fpgm", b"prep", b"cvt "];

/// Why a font could not be rewritten (it is then embedded as it is).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed(pub &'static str);

struct Table<'a> {
    tag: [u8; 4],
    data: std::borrow::Cow<'a, [u8]>,
}

/// The font without hinting instructions; glyph outlines, metrics and cmap unchanged.
pub fn strip_hints(font: &[u8]) -> Result<Vec<u8>, Malformed> {
    let tables = read_tables(font)?;
    let find = |tag: &[u8; 4]| {
        tables
            .iter()
            .find(|t| &t.tag == tag)
            .ok_or(Malformed("missing table"))
    };
    let head = find(b"head")?;
    let long_loca = read_u16(&head.data, 50)? == 1;
    let offsets = loca_offsets(&find(b"loca")?.data, long_loca)?;
    let glyf = &find(b"glyf")?.data;
    let mut new_glyf = Vec::with_capacity(glyf.len());
    let mut new_loca = Vec::with_capacity(offsets.len() * 4);
    for pair in offsets.windows(2) {
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        let glyph = glyf
            .get(pair[0]..pair[1])
            .ok_or(Malformed("glyph outside glyf"))?;
        new_glyf.extend_from_slice(&glyph_without_instructions(glyph)?);
        while new_glyf.len() % 4 != 0 {
            new_glyf.push(0);
        }
    }
    new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
    let mut new_head = head.data.to_vec();
    new_head[50..52].copy_from_slice(&1u16.to_be_bytes()); // long loca offsets
    new_head[8..12].copy_from_slice(&[0; 4]); // checkSumAdjustment, recomputed below
    let kept = tables
        .into_iter()
        .filter(|t| !HINT_TABLES.contains(&&t.tag))
        .map(|t| match &t.tag {
            b"glyf" => Table {
                tag: t.tag,
                data: new_glyf.clone().into(),
            },
            b"loca" => Table {
                tag: t.tag,
                data: new_loca.clone().into(),
            },
            b"head" => Table {
                tag: t.tag,
                data: new_head.clone().into(),
            },
            _ => t,
        });
    Ok(assemble(font, kept.collect()))
}

fn read_u16(data: &[u8], at: usize) -> Result<u16, Malformed> {
    data.get(at..at + 2)
        .map(|b| u16::from_be_bytes([b[0], b[1]]))
        .ok_or(Malformed("truncated"))
}

fn read_u32(data: &[u8], at: usize) -> Result<u32, Malformed> {
    data.get(at..at + 4)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
        .ok_or(Malformed("truncated"))
}

fn read_tables(font: &[u8]) -> Result<Vec<Table<'_>>, Malformed> {
    let count = usize::from(read_u16(font, 4)?);
    (0..count)
        .map(|i| {
            let record = 12 + 16 * i;
            let tag: [u8; 4] = font
                .get(record..record + 4)
                .and_then(|t| t.try_into().ok())
                .ok_or(Malformed("truncated"))?;
            let offset = read_u32(font, record + 8)? as usize;
            let length = read_u32(font, record + 12)? as usize;
            let data = font
                .get(offset..offset + length)
                .ok_or(Malformed("table outside the file"))?;
            Ok(Table {
                tag,
                data: data.into(),
            })
        })
        .collect()
}

fn loca_offsets(loca: &[u8], long: bool) -> Result<Vec<usize>, Malformed> {
    if long {
        (0..loca.len() / 4)
            .map(|i| read_u32(loca, 4 * i).map(|v| v as usize))
            .collect()
    } else {
        (0..loca.len() / 2)
            .map(|i| read_u16(loca, 2 * i).map(|v| 2 * usize::from(v)))
            .collect()
    }
}

/// One glyph's data with its instructions removed.
fn glyph_without_instructions(glyph: &[u8]) -> Result<Vec<u8>, Malformed> {
    if glyph.is_empty() {
        return Ok(Vec::new());
    }
    let contours = read_u16(glyph, 0)? as i16;
    if contours >= 0 {
        let at = 10 + 2 * contours as usize; // after the header and endPtsOfContours
        let length = usize::from(read_u16(glyph, at)?);
        let rest = glyph
            .get(at + 2 + length..)
            .ok_or(Malformed("truncated glyph"))?;
        let mut out = glyph[..at].to_vec();
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(rest);
        return Ok(out);
    }
    composite_without_instructions(glyph)
}

/// Composite glyphs keep their components; the instruction flag and bytes go.
fn composite_without_instructions(glyph: &[u8]) -> Result<Vec<u8>, Malformed> {
    const ARGS_ARE_WORDS: u16 = 0x0001;
    const HAVE_SCALE: u16 = 0x0008;
    const MORE_COMPONENTS: u16 = 0x0020;
    const HAVE_XY_SCALE: u16 = 0x0040;
    const HAVE_2X2: u16 = 0x0080;
    const HAVE_INSTRUCTIONS: u16 = 0x0100;
    let mut out = glyph
        .get(..10)
        .ok_or(Malformed("truncated glyph"))?
        .to_vec();
    let mut at = 10;
    loop {
        let flags = read_u16(glyph, at)?;
        let args = if flags & ARGS_ARE_WORDS != 0 { 4 } else { 2 };
        let transform = match flags {
            f if f & HAVE_SCALE != 0 => 2,
            f if f & HAVE_XY_SCALE != 0 => 4,
            f if f & HAVE_2X2 != 0 => 8,
            _ => 0,
        };
        let end = at + 4 + args + transform;
        let component = glyph.get(at..end).ok_or(Malformed("truncated component"))?;
        out.extend_from_slice(&(flags & !HAVE_INSTRUCTIONS).to_be_bytes());
        out.extend_from_slice(&component[2..]);
        at = end;
        if flags & MORE_COMPONENTS == 0 {
            return Ok(out);
        }
    }
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

/// Writes an sfnt with the tables sorted by tag, 4-byte aligned, checksums filled in.
fn assemble(original: &[u8], mut tables: Vec<Table<'_>>) -> Vec<u8> {
    tables.sort_by_key(|t| t.tag);
    let count = tables.len() as u16;
    let power = if count == 0 {
        0
    } else {
        15 - count.leading_zeros() as u16
    };
    let search_range = 16 * (1u16 << power);
    let mut out = original[..4].to_vec(); // sfnt version
    for v in [count, search_range, power, count * 16 - search_range] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut body = Vec::new();
    for t in &tables {
        out.extend_from_slice(&t.tag);
        out.extend_from_slice(&checksum(&t.data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(t.data.len() as u32).to_be_bytes());
        body.extend_from_slice(&t.data);
        while body.len() % 4 != 0 {
            body.push(0);
        }
        offset = 12 + 16 * tables.len() + body.len();
    }
    out.extend_from_slice(&body);
    let head_at = tables
        .iter()
        .position(|t| &t.tag == b"head")
        .map(|i| read_u32(&out, 12 + 16 * i + 8));
    if let Some(Ok(head)) = head_at {
        let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[head as usize + 8..head as usize + 12].copy_from_slice(&adjust.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(face: &ttf_parser::Face<'_>, c: char) -> String {
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
        let glyph = face.glyph_index(c).unwrap();
        face.outline_glyph(glyph, &mut pen);
        pen.0
    }

    #[test]
    fn outlines_and_metrics_survive_and_hints_go() {
        let original = crate::fonts::IPAEX_GOTHIC;
        let stripped = strip_hints(original).unwrap();
        assert!(
            stripped.len() < original.len() * 3 / 4,
            "{} vs {}",
            stripped.len(),
            original.len()
        );
        let (a, b) = (
            ttf_parser::Face::parse(original, 0).unwrap(),
            ttf_parser::Face::parse(&stripped, 0).unwrap(),
        );
        assert_eq!(a.number_of_glyphs(), b.number_of_glyphs());
        for c in "令和福島区運営方針、。（）・ABCabc123(2,781千円)ぁっー".chars()
        {
            assert_eq!(a.glyph_index(c), b.glyph_index(c), "{c}");
            let g = a.glyph_index(c).unwrap();
            assert_eq!(a.glyph_hor_advance(g), b.glyph_hor_advance(g), "{c}");
            assert_eq!(outline(&a, c), outline(&b, c), "{c}");
        }
        for tag in HINT_TABLES {
            assert!(
                !read_tables(&stripped)
                    .unwrap()
                    .iter()
                    .any(|t| &t.tag == tag)
            );
        }
    }

    #[test]
    fn malformed_input_is_an_error_not_a_panic() {
        assert!(strip_hints(b"").is_err());
        assert!(strip_hints(&crate::fonts::IPAEX_GOTHIC[..1000]).is_err());
    }
}
