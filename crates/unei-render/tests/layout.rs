//! Layout invariants on every fixture: text complete and exact, glyphs inside page and cell,
//! no overlapping lines, 0 禁則 violations, labels never last on a page.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use unei_core::{ItemKind, Plan, Template, outline};
use unei_render::layout::{Document, Item, Rect, TextRun};
use unei_render::linebreak::kinsoku_violations;
use unei_render::{layout, template_fonts};

fn fixture(name: &str) -> Plan {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/plans")
        .join(name);
    unei_core::plan_from_str(&std::fs::read_to_string(path).unwrap(), name).unwrap()
}

/// Every fixture plan's file name.
fn fixtures() -> Vec<String> {
    common::fixture_names()
        .into_iter()
        .map(|name| format!("{name}.json"))
        .collect()
}

fn laid_out(name: &str) -> (Plan, Document) {
    let template = Template::bundled();
    let plan = fixture(name);
    let fonts = template_fonts(&template).unwrap();
    let doc = layout(&plan, &template, &fonts).unwrap();
    (plan, doc)
}

/// Text of all runs per source, in drawing order.
fn text_by_source(doc: &Document) -> BTreeMap<String, String> {
    let mut map: BTreeMap<String, String> = BTreeMap::new();
    for page in 0..doc.pages.len() {
        for run in doc.runs(page) {
            map.entry(run.source.clone())
                .or_default()
                .push_str(&run.text);
        }
    }
    map
}

#[test]
fn every_model_text_is_laid_out_exactly() {
    for name in fixtures() {
        let name = name.as_str();
        let (plan, doc) = laid_out(name);
        let texts = text_by_source(&doc);
        for item in outline(&plan, &Template::bundled()) {
            if item.kind == ItemKind::Text {
                assert_eq!(
                    texts.get(&item.path),
                    Some(&item.text),
                    "{name}: {}",
                    item.path
                );
            } else {
                let id = item.path.clone();
                let all = texts
                    .get(&id)
                    .unwrap_or_else(|| panic!("{name}: label {id} not drawn"));
                assert!(
                    all.contains(&item.text),
                    "{name}: label {:?} not drawn",
                    item.text
                );
            }
        }
        assert!(
            doc.missing_glyphs.is_empty(),
            "{name}: {:?}",
            doc.missing_glyphs
        );
    }
}

/// The field a text item belongs to: `issues[0].overview` for `issues[0].overview[2].p`.
fn field_of(path: &str) -> &str {
    let end = path.rfind("].").map_or(path.len(), |i| i + 1);
    let field = &path[..end];
    field.rfind('[').map_or(field, |i| &field[..i])
}

#[test]
fn text_follows_reading_order() {
    for name in fixtures() {
        let name = name.as_str();
        let (plan, doc) = laid_out(name);
        let mut first_seen: BTreeMap<String, usize> = BTreeMap::new();
        let mut n = 0;
        for page in 0..doc.pages.len() {
            for run in doc.runs(page) {
                first_seen.entry(run.source.clone()).or_insert(n);
                n += 1;
            }
        }
        // Within a field (a cell's content) items follow each other; fields start in order.
        // Across fields of one table row, columns interleave when the row splits across pages.
        let mut last_in_field: BTreeMap<String, usize> = BTreeMap::new();
        let mut last_field_start = 0;
        for item in outline(&plan, &Template::bundled())
            .into_iter()
            .filter(|i| i.kind == ItemKind::Text)
        {
            let at = first_seen[&item.path];
            let field = field_of(&item.path).to_owned();
            match last_in_field.get(&field) {
                Some(&prev) => assert!(
                    prev < at,
                    "{name}: {} drawn before the item preceding it",
                    item.path
                ),
                None => {
                    assert!(
                        last_field_start < at || last_field_start == 0,
                        "{name}: {field} starts too early"
                    );
                    last_field_start = at;
                }
            }
            last_in_field.insert(field, at);
        }
    }
}

#[test]
fn glyphs_lie_inside_page_and_cell() {
    for name in fixtures() {
        let name = name.as_str();
        let (_, doc) = laid_out(name);
        let page = Rect {
            x: 0.0,
            y: 0.0,
            w: doc.width,
            h: doc.height,
        };
        for p in 0..doc.pages.len() {
            for run in doc.runs(p) {
                assert!(
                    page.contains(&run.glyph_box),
                    "{name} p{}: {run:?} outside the page",
                    p + 1
                );
                assert!(
                    run.cell.contains(&run.glyph_box),
                    "{name} p{}: {:?} outside its cell",
                    p + 1,
                    run.text
                );
            }
        }
    }
}

fn overlaps(a: &Rect, b: &Rect) -> bool {
    const EPS: f32 = 0.05;
    a.x + EPS < b.right()
        && b.x + EPS < a.right()
        && a.y + EPS < b.bottom()
        && b.y + EPS < a.bottom()
}

#[test]
fn no_two_runs_overlap() {
    for name in fixtures() {
        let name = name.as_str();
        let (_, doc) = laid_out(name);
        for p in 0..doc.pages.len() {
            let runs: Vec<&TextRun> = doc.runs(p).collect();
            for (i, a) in runs.iter().enumerate() {
                for b in &runs[i + 1..] {
                    assert!(
                        !overlaps(&a.glyph_box, &b.glyph_box),
                        "{name} p{}: {:?} overlaps {:?}",
                        p + 1,
                        a.text,
                        b.text
                    );
                }
            }
        }
    }
}

/// Lines of each paragraph (runs of one source grouped by baseline); a label or page
/// furniture occurrence is a paragraph of its own.
fn paragraph_lines(doc: &Document) -> Vec<Vec<String>> {
    let mut paragraphs: BTreeMap<String, Vec<(usize, f32, String)>> = BTreeMap::new();
    for p in 0..doc.pages.len() {
        for run in doc.runs(p) {
            let key = if run.source.starts_with("labels.") || run.source == "page_number" {
                format!("{} p{p} y{}", run.source, run.cell.y)
            } else {
                run.source.clone()
            };
            let lines = paragraphs.entry(key).or_default();
            match lines.last_mut() {
                Some((page, baseline, text))
                    if *page == p && (*baseline - run.baseline).abs() < 0.01 =>
                {
                    text.push_str(&run.text)
                }
                _ => lines.push((p, run.baseline, run.text.clone())),
            }
        }
    }
    paragraphs
        .into_values()
        .map(|l| l.into_iter().map(|(_, _, t)| t).collect())
        .collect()
}

#[test]
fn no_kinsoku_violations() {
    for name in fixtures() {
        let name = name.as_str();
        let (_, doc) = laid_out(name);
        let mut lines_checked = 0;
        for lines in paragraph_lines(&doc) {
            let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
            lines_checked += refs.len();
            let v = kinsoku_violations(&refs);
            assert!(v.is_empty(), "{name}: {v:?} in {refs:#?}");
        }
        assert!(lines_checked > 10, "{name}");
    }
}

#[test]
fn shaded_labels_are_never_last_on_a_page() {
    for name in fixtures() {
        let name = name.as_str();
        let (_, doc) = laid_out(name);
        for (p, page) in doc.pages.iter().enumerate().take(doc.pages.len() - 1) {
            let last_box = page.items.iter().rev().find_map(|i| match i {
                Item::Box(b) => Some(b),
                _ => None,
            });
            assert!(
                last_box.is_some_and(|b| b.fill.is_none()),
                "{name}: page {} ends with a label",
                p + 1
            );
        }
    }
}

#[test]
fn stress_row_splits_across_pages_with_repeated_header() {
    let (_, doc) = laid_out("stress-kinsoku.json");
    let pages_with_overview: Vec<usize> = (0..doc.pages.len())
        .filter(|&p| {
            doc.runs(p)
                .any(|r| r.source.starts_with("issues[0].overview"))
        })
        .collect();
    assert!(
        pages_with_overview.len() >= 2,
        "the long row spans pages: {pages_with_overview:?}"
    );
    for &p in &pages_with_overview {
        let header = doc
            .runs(p)
            .filter(|r| r.source == "labels.issue_overview")
            .count();
        assert_eq!(header, 1, "page {} repeats the header once", p + 1);
    }
}

#[test]
fn fukushima_pages_have_title_and_numbers() {
    let (_, doc) = laid_out("fukushima-r2.json");
    let total = doc.pages.len();
    assert!(total >= 2, "{total}");
    for p in 0..total {
        let texts: Vec<&str> = doc.runs(p).map(|r| r.text.as_str()).collect();
        assert!(texts.contains(&"令和2年度 福島区運営方針"), "{texts:?}");
        assert!(
            texts.contains(&format!("{} / {}", p + 1, total).as_str()),
            "{texts:?}"
        );
    }
    assert_eq!(doc.info.title, "令和2年度 福島区運営方針");
    let titles: Vec<&str> = doc.bookmarks.iter().map(|b| b.title.as_str()).collect();
    assert!(
        titles.contains(&"【経営課題1 人と人がつながり支え合うまちづくり】"),
        "{titles:?}"
    );
}

#[test]
fn form2_pages_have_tag_and_side_label() {
    let (_, doc) = laid_out("sample-form2-r1.json");
    let form2_pages: Vec<usize> = (0..doc.pages.len())
        .filter(|&p| doc.runs(p).any(|r| r.source.contains("form2")))
        .collect();
    assert!(!form2_pages.is_empty());
    for p in form2_pages {
        let side: Vec<&TextRun> = doc
            .runs(p)
            .filter(|r| r.source == "labels.form2_side_label")
            .collect();
        assert_eq!(
            side.iter().map(|r| r.text.as_str()).collect::<String>(),
            "計画"
        );
        assert!(
            side[0].baseline < side[1].baseline && (side[0].x - side[1].x).abs() < 1.0,
            "vertical"
        );
        assert!(doc.runs(p).any(|r| r.text == "【様式2】"));
    }
}

/// A side label with brackets and Latin letters: brackets in their vertical forms (from the
/// font's GSUB), the letters turned 90° and set along the column, all inside the column.
#[test]
fn vertical_side_label_uses_vertical_forms_and_turns_latin() {
    let text = unei_core::template::DEFAULT_TEMPLATE_TOML.replace(
        "form2_side_label = \"計画\"",
        "form2_side_label = \"計画（PDCA）\"",
    );
    let template = Template::from_toml(&text, "vertical.toml").unwrap();
    let fonts = template_fonts(&template).unwrap();
    let doc = layout(&fixture("sample-form2-r1.json"), &template, &fonts).unwrap();
    let face = unei_render::fonts::Metrics::new(&fonts[0]).unwrap();
    let page = (0..doc.pages.len())
        .find(|&p| doc.runs(p).any(|r| r.source == "labels.form2_side_label"))
        .unwrap();
    let side: Vec<&TextRun> = doc
        .runs(page)
        .filter(|r| r.source == "labels.form2_side_label")
        .collect();
    let texts: Vec<&str> = side.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(texts, ["計", "画", "（", "PDCA", "）"]);
    for run in &side {
        assert!(run.cell.contains(&run.glyph_box), "{run:?}");
        let glyph = run.glyphs[0];
        let horizontal = face.glyph_id(glyph.ch).unwrap();
        match glyph.ch {
            '（' | '）' => assert_eq!(Some(glyph.id), face.vertical_form(horizontal)),
            _ => assert_eq!(glyph.id, horizontal, "{}", glyph.ch),
        }
        assert_eq!(run.rotated, run.text == "PDCA", "{:?}", run.text);
    }
    for pair in side.windows(2) {
        assert!(
            pair[0].glyph_box.bottom() <= pair[1].glyph_box.y + 0.5,
            "top to bottom: {pair:?}"
        );
    }
    let latin = side[3];
    assert!(
        latin.glyph_box.h > latin.glyph_box.w,
        "the turned word runs down the column"
    );
}

#[test]
fn a_bold_face_named_by_the_template_replaces_fake_bold() {
    let template = Template::bundled();
    let fonts = template_fonts(&template).unwrap();
    assert!(
        fonts.last().unwrap().bold,
        "the bold face comes last in the list"
    );
    let bold_index = fonts.len() - 1;
    let plan = fixture("fukushima-r2.json");
    let doc = layout(&plan, &template, &fonts).unwrap();
    let runs: Vec<&TextRun> = (0..doc.pages.len()).flat_map(|p| doc.runs(p)).collect();
    let label = runs
        .iter()
        .find(|r| r.text == "区・局の目標（何をめざすのか）")
        .unwrap();
    assert_eq!(
        (label.font, label.bold),
        (bold_index, false),
        "labels in the bold face, not fake bold"
    );
    let body = runs.iter().find(|r| r.source == "goal[0].p").unwrap();
    assert_eq!((body.font, body.bold), (0, false));
    for run in &runs {
        assert!(run.cell.contains(&run.glyph_box), "{run:?}");
    }
    // Without a bold face (the bundled IPAex template), labels are fake bold in the main face.
    let ipaex = Template::bundled_named("osaka-ipaex").unwrap().unwrap();
    let plain = layout(&plan, &ipaex, &template_fonts(&ipaex).unwrap()).unwrap();
    let label = (0..plain.pages.len())
        .flat_map(|p| plain.runs(p))
        .find(|r| r.text == "区・局の目標（何をめざすのか）")
        .unwrap();
    assert_eq!((label.font, label.bold), (0, true));
    // Fake bold is wider by its stroke, and the line is set with that width: each glyph
    // advances by the font's advance plus the stroke (the label is a last line, unjustified).
    let stroke = unei_render::layout::FAKE_BOLD_STROKE_EM * label.size;
    let ipaex_font = &template_fonts(&ipaex).unwrap()[0];
    let face = unei_render::fonts::Metrics::new(ipaex_font).unwrap();
    let (a, b) = (label.glyphs[0], label.glyphs[1]);
    let natural = face.advance(a.ch).unwrap() * label.size;
    assert!((b.x - a.x - natural - stroke).abs() < 0.01, "{a:?} {b:?}");
    assert!(label.cell.contains(&label.glyph_box));
}

/// Characters the main face lacks come from the next face of the chain (BIZ UD, then
/// IPAex Gothic, then IPAex Mincho, then the user's fallbacks), and only then 〓.
#[test]
fn the_fallback_chain_is_tried_before_the_stand_in() {
    let template = Template::bundled();
    let fonts = template_fonts(&template).unwrap();
    let mut plan = fixture("fukushima-r2.json");
    plan.goal = vec![unei_core::Block::P("目標は㈠と𠮷".to_owned())];
    let doc = layout(&plan, &template, &fonts).unwrap();
    let runs: Vec<&TextRun> = (0..doc.pages.len())
        .flat_map(|p| doc.runs(p))
        .filter(|r| r.source == "goal[0].p")
        .collect();
    let by_text: Vec<(&str, usize)> = runs.iter().map(|r| (r.text.as_str(), r.font)).collect();
    assert_eq!(
        by_text,
        [("目標は", 0), ("㈠", 1), ("と〓", 0)],
        "{by_text:?}"
    );
    assert_eq!(fonts[1].name, "IPAexGothic");
    let missing: Vec<char> = doc.missing_glyphs.iter().map(|m| m.character).collect();
    assert_eq!(missing, ['𠮷'], "reported, not silent");
}

#[test]
fn hanging_punctuation_stays_inside_the_cell() {
    let text = unei_core::template::DEFAULT_TEMPLATE_TOML
        .replace("hanging_punctuation = false", "hanging_punctuation = true");
    let template = Template::from_toml(&text, "hanging.toml").unwrap();
    let fonts = template_fonts(&template).unwrap();
    let plan = fixture("stress-kinsoku.json");
    let doc = layout(&plan, &template, &fonts).unwrap();
    let mut hung = 0;
    for p in 0..doc.pages.len() {
        for run in doc.runs(p) {
            assert!(run.cell.contains(&run.glyph_box), "{run:?}");
            if run.glyph_box.right() > run.cell.right() - 4.0 + 0.01 {
                hung += 1;
            }
        }
    }
    assert!(hung > 0, "some 、。 hang into the padding");
}
