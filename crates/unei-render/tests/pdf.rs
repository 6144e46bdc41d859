//! The PDF writer's output read back with lopdf: fonts embedded as lean subsets (only the
//! tables a CIDFontType2 needs, /W only where a width differs from /DW and equal to the
//! program's own advances, no .notdef drawn, the subset tag on every name), object and
//! cross-reference streams, an /ID that follows the content, and the example's size budget.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

use std::collections::{BTreeMap, BTreeSet};

use lopdf::{Document, Object};
use unei_core::Template;
use unei_render::{Engine, FontChoice, PdfOptions};

fn engine(template: Template) -> Engine {
    Engine::new(template, &FontChoice::default()).unwrap()
}

fn pdf(engine: &Engine, plan: &str, epoch: i64) -> Vec<u8> {
    let path = format!("{}/../../fixtures/plans/{plan}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).unwrap();
    let plan = unei_core::plan_from_str(&text, plan).unwrap();
    let document = engine.layout(&plan).unwrap();
    let options = PdfOptions {
        epoch,
        compress_content: true,
        standard: Default::default(),
    };
    engine.pdf(&document, &options).unwrap()
}

fn dict<'a>(doc: &'a Document, object: &'a Object) -> &'a lopdf::Dictionary {
    match object {
        Object::Reference(id) => doc.get_dictionary(*id).unwrap(),
        Object::Dictionary(d) => d,
        other => panic!("not a dictionary: {other:?}"),
    }
}

fn name(d: &lopdf::Dictionary, key: &str) -> String {
    String::from_utf8(d.get(key.as_bytes()).unwrap().as_name().unwrap().to_vec()).unwrap()
}

/// Width of each CID from /DW and /W (both of /W's forms).
fn widths(w: &[Object], default: i64, count: u16) -> BTreeMap<u16, i64> {
    let mut out: BTreeMap<u16, i64> = (0..count).map(|g| (g, default)).collect();
    let int = |o: &Object| o.as_i64().unwrap();
    let mut i = 0;
    while i < w.len() {
        let first = int(&w[i]) as u16;
        match &w[i + 1] {
            Object::Array(list) => {
                for (k, width) in list.iter().enumerate() {
                    out.insert(first + k as u16, int(width));
                }
                i += 2;
            }
            last => {
                for g in first..=int(last) as u16 {
                    out.insert(g, int(&w[i + 2]));
                }
                i += 3;
            }
        }
    }
    out
}

/// The 2-byte codes each font's resource name draws on every page.
fn drawn_codes(doc: &Document) -> BTreeMap<String, BTreeSet<u16>> {
    let mut drawn: BTreeMap<String, BTreeSet<u16>> = BTreeMap::new();
    for page in doc.get_pages().values() {
        let content = doc.get_and_decode_page_content(*page).unwrap();
        let mut font = String::new();
        for op in content.operations {
            match op.operator.as_str() {
                "Tf" => {
                    font = String::from_utf8(op.operands[0].as_name().unwrap().to_vec()).unwrap()
                }
                "Tj" | "TJ" => {
                    let strings: Vec<&Object> = match &op.operands[0] {
                        Object::Array(items) => items.iter().collect(),
                        single => vec![single],
                    };
                    for s in strings {
                        if let Object::String(bytes, _) = s {
                            let codes = bytes.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]]));
                            drawn.entry(font.clone()).or_default().extend(codes);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    drawn
}

#[test]
fn fonts_are_lean_subsets_whose_widths_match_their_programs() {
    let engine = engine(Template::bundled());
    let bytes = pdf(&engine, "fukushima-r2.json", 0);
    let doc = Document::load_mem(&bytes).unwrap();
    let drawn = drawn_codes(&doc);
    let page = *doc.get_pages().values().next().unwrap();
    let resources = dict(
        &doc,
        doc.get_dictionary(page).unwrap().get(b"Resources").unwrap(),
    );
    let fonts = dict(&doc, resources.get(b"Font").unwrap());
    assert_eq!(fonts.len(), 2, "BIZ UDGothic Regular and Bold");
    for (resource, font) in fonts.iter() {
        let resource = String::from_utf8(resource.clone()).unwrap();
        let font = dict(&doc, font);
        let base = name(font, "BaseFont");
        let (tag, face) = base.split_once('+').unwrap();
        assert_eq!(tag, resource, "the resource name is the subset tag");
        assert!(face.starts_with("BIZUDGothic-"), "{base}");
        let descendant = dict(
            &doc,
            &font.get(b"DescendantFonts").unwrap().as_array().unwrap()[0],
        );
        assert_eq!(
            name(descendant, "BaseFont"),
            base,
            "descendant named with its tag"
        );
        assert_eq!(name(descendant, "CIDToGIDMap"), "Identity");
        let descriptor = dict(&doc, descendant.get(b"FontDescriptor").unwrap());
        assert_eq!(name(descriptor, "FontName"), base);
        let program_id = descriptor
            .get(b"FontFile2")
            .unwrap()
            .as_reference()
            .unwrap();
        let program = doc.get_object(program_id).unwrap().as_stream().unwrap();
        let program = program.decompressed_content().unwrap();
        let raw = ttf_parser::RawFace::parse(&program, 0).unwrap();
        let tables: Vec<[u8; 4]> = raw
            .table_records
            .into_iter()
            .map(|r| r.tag.to_bytes())
            .collect();
        assert_eq!(
            tables,
            [*b"glyf", *b"head", *b"hhea", *b"hmtx", *b"loca", *b"maxp"]
        );
        let face = ttf_parser::Face::parse(&program, 0).unwrap();
        let default = descendant.get(b"DW").unwrap().as_i64().unwrap();
        let w = descendant.get(b"W").unwrap().as_array().unwrap();
        let widths = widths(w, default, face.number_of_glyphs());
        let codes = &drawn[&resource];
        let listed = codes.iter().filter(|g| widths[g] != default).count();
        assert!(
            listed * 4 < codes.len(),
            "{base}: /W lists the exceptions only"
        );
        assert!(!codes.contains(&0), "{base}: .notdef drawn");
        for &gid in codes {
            let advance = face.glyph_hor_advance(ttf_parser::GlyphId(gid)).unwrap();
            let expected = (f32::from(advance) * 1000.0 / f32::from(face.units_per_em())) as i64;
            assert_eq!(widths[&gid], expected, "{base}: glyph {gid}");
        }
        assert!(
            usize::from(face.number_of_glyphs()) <= codes.len() + 1,
            "{base}: only drawn glyphs and .notdef"
        );
    }
}

#[test]
fn w_lists_no_width_equal_to_dw() {
    let engine = engine(Template::bundled());
    let doc = Document::load_mem(&pdf(&engine, "stress-kinsoku.json", 0)).unwrap();
    for object in doc.objects.values() {
        let Ok(font) = object.as_dict() else { continue };
        let Ok(descendants) = font.get(b"DescendantFonts").and_then(Object::as_array) else {
            continue;
        };
        let descendant = dict(&doc, &descendants[0]);
        let default = descendant.get(b"DW").unwrap().as_i64().unwrap();
        let w = descendant.get(b"W").unwrap().as_array().unwrap();
        let mut i = 0;
        while i < w.len() {
            match &w[i + 1] {
                Object::Array(list) => {
                    assert!(list.iter().all(|x| x.as_i64().unwrap() != default), "{w:?}");
                    i += 2;
                }
                _ => {
                    assert_ne!(w[i + 2].as_i64().unwrap(), default, "{w:?}");
                    i += 3;
                }
            }
        }
    }
}

#[test]
fn objects_sit_in_object_streams_and_the_id_follows_the_content() {
    let engine = engine(Template::bundled());
    let first = pdf(&engine, "sample-form2-r1.json", 1_700_000_000);
    let text = String::from_utf8_lossy(&first);
    assert!(text.contains("/Type/ObjStm"), "object streams");
    assert!(text.contains("/Type/XRef"), "a cross-reference stream");
    assert!(!text.contains("\nxref\n"), "no cross-reference table");
    assert!(
        !text.contains("/Type/Page/") && !text.contains("/Type/Catalog"),
        "dictionaries are packed"
    );
    let id = |bytes: &[u8]| {
        let doc = Document::load_mem(bytes).unwrap();
        let id = doc.trailer.get(b"ID").unwrap().as_array().unwrap().clone();
        assert_eq!(id[0], id[1]);
        id[0].as_str().unwrap().to_vec()
    };
    assert_eq!(id(&first).len(), 16);
    assert_ne!(id(&first), [0; 16], "the placeholder was replaced");
    assert_eq!(
        pdf(&engine, "sample-form2-r1.json", 1_700_000_000),
        first,
        "same bytes"
    );
    let later = pdf(&engine, "sample-form2-r1.json", 1_800_000_000);
    assert_ne!(id(&later), id(&first), "the /ID changes with the content");
}

#[test]
fn the_example_stays_within_its_size_budget() {
    // Issue 16: at most 90 KB (90,000 bytes, so also under 90 KiB) tagged (PDF/UA-1 +
    // PDF/A-2a, the default) with the Bold face; the IPAex template's file no larger than
    // before this writer (76,182 bytes).
    let size = pdf(&engine(Template::bundled()), "fukushima-r2.json", 0).len();
    assert!(size <= 90_000, "fukushima-r2.pdf is {size} bytes");
    let ipaex = Template::bundled_named("osaka-ipaex").unwrap().unwrap();
    let size = pdf(&engine(ipaex), "fukushima-r2.json", 0).len();
    assert!(
        size <= 76_182 * 11 / 10,
        "fukushima-r2.pdf with IPAex is {size} bytes"
    );
}

/// Where each TJ puts its glyphs, in points from the line's origin: the /W widths (in
/// thousandths of an em) advanced by the adjustments, as a viewer places them.
fn tj_positions(items: &[Object], size: f64, widths: &BTreeMap<u16, i64>) -> Vec<f64> {
    let mut pen = 0.0;
    let mut out = Vec::new();
    for item in items {
        match item {
            Object::String(bytes, _) => {
                for code in bytes.chunks(2) {
                    out.push(pen);
                    let code = u16::from_be_bytes([code[0], code[1]]);
                    pen += widths[&code] as f64 / 1000.0 * size;
                }
            }
            other => pen -= other.as_float().unwrap() as f64 / 1000.0 * size,
        }
    }
    out
}

#[test]
fn glyphs_stand_where_the_layout_put_them() {
    let engine = engine(Template::bundled());
    let path = format!(
        "{}/../../fixtures/plans/fukushima-r2.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let plan = unei_core::plan_from_str(&std::fs::read_to_string(path).unwrap(), "p").unwrap();
    let document = engine.layout(&plan).unwrap();
    let options = PdfOptions {
        epoch: 0,
        compress_content: true,
        standard: Default::default(),
    };
    let doc = Document::load_mem(&engine.pdf(&document, &options).unwrap()).unwrap();
    let mut checked = 0;
    for (page, (_, id)) in document.pages.iter().zip(doc.get_pages()) {
        let fonts: BTreeMap<Vec<u8>, BTreeMap<u16, i64>> = doc
            .get_page_fonts(id)
            .unwrap()
            .into_iter()
            .map(|(name, font)| {
                let descendant = dict(
                    &doc,
                    &font.get(b"DescendantFonts").unwrap().as_array().unwrap()[0],
                );
                let default = descendant.get(b"DW").unwrap().as_i64().unwrap();
                let w = descendant.get(b"W").unwrap().as_array().unwrap();
                (name, widths(w, default, u16::MAX))
            })
            .collect();
        let runs = page.items.iter().filter_map(|item| match item {
            unei_render::layout::Item::Text(run) if !run.glyphs.is_empty() => Some(run),
            _ => None,
        });
        let content = doc.get_and_decode_page_content(id).unwrap();
        let mut font = Vec::new();
        let tjs = content
            .operations
            .iter()
            .filter_map(|op| match op.operator.as_str() {
                "Tf" => {
                    font = op.operands[0].as_name().unwrap().to_vec();
                    None
                }
                "TJ" => Some((font.clone(), op.operands[0].as_array().unwrap().clone())),
                _ => None,
            });
        let tjs: Vec<_> = tjs.collect();
        let runs: Vec<_> = runs.collect();
        assert_eq!(tjs.len(), runs.len(), "one TJ per run");
        for ((font, items), run) in tjs.iter().zip(runs) {
            let placed = tj_positions(items, f64::from(run.size), &fonts[font]);
            assert_eq!(placed.len(), run.glyphs.len(), "{}", run.text);
            for (x, glyph) in placed.iter().zip(&run.glyphs) {
                // A hundredth of a thousandth of an em, and f32 noise of the layout.
                let off = (x - f64::from(glyph.x)).abs();
                assert!(
                    off < 1e-3,
                    "{}: glyph {:?} at {x}, layout {}",
                    run.text,
                    glyph.ch,
                    glyph.x
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "{checked} glyphs checked");
}
