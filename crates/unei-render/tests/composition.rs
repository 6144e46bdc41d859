//! Composition on every fixture, read from the layout result alone: every line but a
//! paragraph's last within 0.05 em of its measure (justified template), flush left with the
//! ragged template, 約物 pairs at their JLREQ widths, 天付き brackets, glyph positions that
//! add no characters.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

use std::collections::BTreeMap;

use unei_core::{ItemKind, Plan, Template, outline};
use unei_render::layout::{Document, Rect, TextRun};
use unei_render::{layout, template_fonts};

mod common;

/// Every fixture plan (`fixtures/plans/*.json`).
fn fixtures() -> Vec<String> {
    common::fixture_names()
        .into_iter()
        .map(|name| format!("{name}.json"))
        .collect()
}

fn fixture(name: &str) -> Plan {
    let path = common::plans_dir().join(name);
    unei_core::plan_from_str(&std::fs::read_to_string(path).unwrap(), name).unwrap()
}

fn template_with(replace: &[(&str, &str)]) -> Template {
    let mut text = unei_core::template::DEFAULT_TEMPLATE_TOML.to_owned();
    for (from, to) in replace {
        assert!(text.contains(from), "{from}");
        text = text.replace(from, to);
    }
    Template::from_toml(&text, "test.toml").unwrap()
}

fn laid_out(name: &str, template: &Template) -> Document {
    let fonts = template_fonts(template).unwrap();
    layout(&fixture(name), template, &fonts).unwrap()
}

/// A printed line: the runs of one source on one baseline of one cell.
#[derive(Debug)]
struct Line<'d> {
    page: usize,
    runs: Vec<&'d TextRun>,
}

impl Line<'_> {
    fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }

    fn source(&self) -> &str {
        &self.runs[0].source
    }

    fn cell(&self) -> Rect {
        self.runs[0].cell
    }

    fn size(&self) -> f32 {
        self.runs[0].size
    }

    /// Where the ink of the line starts.
    fn start(&self) -> f32 {
        self.runs[0].glyph_box.x
    }

    /// Where the line as set ends: the last printed glyph's advance.
    fn end(&self) -> f32 {
        self.runs
            .iter()
            .flat_map(|r| r.glyphs.iter().map(move |g| (r, g)))
            .filter(|(_, g)| !g.ch.is_whitespace())
            .map(|(r, g)| r.x + g.x + g.advance)
            .next_back()
            .unwrap_or(self.start())
    }
}

/// Lines of a document in drawing order, grouped per source (a label occurrence, a piece of
/// page furniture is a source of its own).
fn lines_by_source(doc: &Document) -> BTreeMap<String, Vec<Line<'_>>> {
    let mut by_source: BTreeMap<String, Vec<Line<'_>>> = BTreeMap::new();
    for page in 0..doc.pages.len() {
        for run in doc.runs(page) {
            let key = if run.source.starts_with("labels.") || run.source == "page_number" {
                format!("{} p{page} y{}", run.source, run.cell.y)
            } else {
                run.source.clone()
            };
            let lines = by_source.entry(key).or_default();
            match lines.last_mut() {
                Some(line)
                    if line.page == page && (line.runs[0].baseline - run.baseline).abs() < 0.01 =>
                {
                    line.runs.push(run)
                }
                _ => lines.push(Line {
                    page,
                    runs: vec![run],
                }),
            }
        }
    }
    by_source
}

/// The model text of every text item, by source path.
fn model_texts(plan: &Plan) -> BTreeMap<String, String> {
    outline(plan, &Template::bundled())
        .into_iter()
        .filter(|i| i.kind == ItemKind::Text)
        .map(|i| (i.path, i.text))
        .collect()
}

/// Lines that end a paragraph: the last of their source, or followed by a hard break.
fn paragraph_ends(lines: &[Line<'_>], model: Option<&String>) -> Vec<bool> {
    let mut pos = 0;
    let n = lines.len();
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            pos += line.text().len();
            let hard = model.is_some_and(|m| m[pos.min(m.len())..].starts_with('\n'));
            if hard {
                pos += 1;
            }
            hard || i + 1 == n
        })
        .collect()
}

/// The cell padding: the least inset of any line's ink from its cell's left edge (the same
/// on the right).
fn padding(by_source: &BTreeMap<String, Vec<Line<'_>>>) -> f32 {
    by_source
        .values()
        .flatten()
        .filter(|l| !furniture(l.source()))
        .map(|l| l.start() - l.cell().x)
        .fold(f32::INFINITY, f32::min)
}

/// Furniture set on one line by itself: not paragraphs of the form.
fn furniture(source: &str) -> bool {
    [
        "labels.title",
        "page_number",
        "labels.form2_tag",
        "labels.form2_side_label",
    ]
    .iter()
    .any(|f| source.starts_with(f))
}

/// (source, is paragraph end, shortfall in em) for every line of a document.
fn shortfalls(plan: &Plan, doc: &Document) -> Vec<(String, String, bool, f32)> {
    let model = model_texts(plan);
    let by_source = lines_by_source(doc);
    let pad = padding(&by_source);
    let mut found = Vec::new();
    for (source, lines) in &by_source {
        if furniture(source) {
            continue;
        }
        let ends = paragraph_ends(lines, model.get(lines[0].source()));
        for (line, &end) in lines.iter().zip(&ends) {
            let right = line.cell().right() - pad;
            let short = (right - line.end()) / line.size();
            found.push((source.clone(), line.text(), end, short));
        }
    }
    found
}

#[test]
fn every_line_but_a_paragraphs_last_is_set_to_its_measure() {
    let template = Template::bundled();
    let mut wrapped = 0;
    for name in fixtures() {
        let plan = fixture(&name);
        let doc = laid_out(&name, &template);
        let lines = shortfalls(&plan, &doc);
        let justified: Vec<_> = lines.iter().filter(|l| !l.2).collect();
        wrapped += justified.len();
        for (source, text, _, short) in justified {
            assert!(
                short.abs() <= 0.05,
                "{name}: {source}: {text:?} is {short:.3} em off"
            );
        }
        for (source, text, _, short) in lines.iter().filter(|l| l.2) {
            assert!(
                *short >= -0.05,
                "{name}: {source}: {text:?} {short:.3} em too long"
            );
        }
    }
    assert!(wrapped > 100, "only {wrapped} wrapped lines checked");
}

#[test]
fn ragged_template_leaves_lines_short_and_never_expands() {
    let template = template_with(&[("justify = true", "justify = false")]);
    let plan = fixture("fukushima-r2.json");
    let doc = laid_out("fukushima-r2.json", &template);
    let lines = shortfalls(&plan, &doc);
    let short = lines.iter().filter(|l| !l.2 && l.3 > 0.1).count();
    assert!(short > 20, "ragged lines stay short: {short}");
    assert!(
        lines.iter().all(|l| l.3 >= -0.05),
        "no line longer than its measure"
    );
    // Spacing is natural or tighter: no glyph further from the previous than its font advance
    // plus 和欧間 (½ em at most, with a bracket's half em).
    for run in (0..doc.pages.len()).flat_map(|p| doc.runs(p)) {
        for pair in run.glyphs.windows(2) {
            assert!(
                pair[1].x - pair[0].x <= 1.5 * run.size + 0.01,
                "{:?}",
                run.text
            );
        }
    }
}

/// Consecutive marks in the laid-out fixtures: `、「` 1.5 em (not 2), as JLREQ 3.1.4 sets
/// them; ragged lines keep exactly that, a justified line may reduce it (追い込み), never
/// below the marks set solid.
#[test]
fn consecutive_punctuation_in_the_fixtures_takes_jlreq_widths() {
    let ragged = template_with(&[("justify = true", "justify = false")]);
    for (template, justified) in [(Template::bundled(), true), (ragged, false)] {
        let mut checked = 0;
        for name in fixtures() {
            let doc = laid_out(&name, &template);
            for run in (0..doc.pages.len()).flat_map(|p| doc.runs(p)) {
                checked += check_pairs(run, justified);
            }
        }
        // The example's `となり、「★★` (the pair the issue measured at 2 em); the
        // table-driven tests of the breaker cover every pair.
        assert!(checked >= 1, "the example has 、「: {checked}");
    }
}

/// Checks the width of each pair of marks in `run`; returns how many it checked.
fn check_pairs(run: &TextRun, justified: bool) -> usize {
    let chars: Vec<char> = run.glyphs.iter().map(|g| g.ch).collect();
    let mut checked = 0;
    for (i, pair) in chars.windows(2).enumerate() {
        let expected = match pair {
            ['、', '「']
            | ['」', '「']
            | ['。', '「']
            | ['）', '（']
            | ['」', '、']
            | ['」', '。'] => 1.5,
            _ => continue,
        };
        // From the first mark's origin to the end of the second's ink: the first's ink (½
        // em), the gap, the second's ink.
        let (a, b) = (run.glyphs[i], run.glyphs[i + 1]);
        let ink_end = if matches!(pair[1], '「' | '（') {
            b.x + run.size
        } else {
            b.x + run.size / 2.0
        };
        let width = (ink_end - a.x) / run.size;
        let ok = if justified {
            (0.95..=expected + 0.01).contains(&width)
        } else {
            (width - expected).abs() < 0.01
        };
        assert!(ok, "{pair:?} in {:?}: {width:.3} em", run.text);
        checked += 1;
    }
    checked
}

/// A wrapped line that starts with an opening bracket is set flush (天付き): the bracket's
/// ink starts where the paragraph's other wrapped lines start; with `line_start_bracket =
/// "half"` half an em in.
#[test]
fn opening_brackets_at_wrapped_line_starts_are_flush() {
    let half = (
        "line_start_bracket = \"flush\"",
        "line_start_bracket = \"half\"",
    );
    for (template, expected) in [(Template::bundled(), 0.0), (template_with(&[half]), 0.5)] {
        let doc = laid_out("stress-kinsoku.json", &template);
        let mut seen = 0;
        for lines in lines_by_source(&doc).values() {
            let wrapped = lines.get(1..).unwrap_or_default();
            let opens = |l: &Line<'_>| {
                matches!(
                    l.runs[0].glyphs.first().map(|g| g.ch),
                    Some('「' | '（' | '【' | '『')
                )
            };
            let base = wrapped
                .iter()
                .filter(|l| !opens(l))
                .map(Line::start)
                .fold(f32::INFINITY, f32::min);
            for line in wrapped.iter().filter(|l| opens(l) && base.is_finite()) {
                let indent = (line.start() - base) / line.size();
                assert!(
                    (indent - expected).abs() < 0.02,
                    "{:?}: {indent}",
                    line.text()
                );
                seen += 1;
            }
        }
        assert!(seen > 0, "the stress plan wraps before an opening bracket");
    }
}

/// The PDF writer places glyphs from these numbers alone: they must be ordered and finite,
/// and each run's glyphs must draw exactly its text (control characters aside).
#[test]
fn glyph_positions_are_finite_and_draw_the_text() {
    for name in fixtures() {
        let doc = laid_out(&name, &Template::bundled());
        for run in (0..doc.pages.len()).flat_map(|p| doc.runs(p)) {
            let drawn: String = run.glyphs.iter().map(|g| g.ch).collect();
            let text: String = run.text.chars().filter(|c| !c.is_control()).collect();
            assert_eq!(drawn, text, "{name}");
            for g in &run.glyphs {
                assert!(g.x.is_finite() && g.advance.is_finite(), "{name}: {g:?}");
            }
            for pair in run.glyphs.windows(2) {
                assert!(
                    pair[1].x >= pair[0].x - run.size / 2.0,
                    "{name}: {:?}",
                    run.text
                );
            }
        }
    }
}
