//! Micro-benchmarks of the PDF pipeline's stages on the Fukushima fixture: engine (template
//! and fonts, once per process), line breaking, layout, subsetting, PDF writing.
//! `cargo bench -p unei-render --bench render`. Decisions are made on instruction counts
//! (`bench/callgrind.py`); these give the time of each stage on a quiet machine.

#![allow(clippy::unwrap_used, clippy::expect_used)] // benchmarks fail loudly on purpose

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use unei_core::Template;
use unei_render::fonts::{BIZ_UD_GOTHIC, FontData, Metrics};
use unei_render::layout::text::FontChain;
use unei_render::linebreak::{BreakOptions, break_lines};
use unei_render::pdf::subset::subset;
use unei_render::{Engine, FontChoice, PdfOptions};

fn plan() -> unei_core::Plan {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/plans/fukushima-r2.json");
    unei_core::plan_from_str(&std::fs::read_to_string(path).unwrap(), "fukushima").unwrap()
}

fn stages(c: &mut Criterion) {
    let plan = plan();
    c.bench_function("engine: bundled template + font chain", |b| {
        b.iter(|| black_box(Engine::new(Template::bundled(), &FontChoice::default()).unwrap()))
    });
    let engine = Engine::new(Template::bundled(), &FontChoice::default()).unwrap();
    let policy = match &plan.policy[0] {
        unei_core::Block::P(p) => p.clone(),
        _ => unreachable!(),
    };
    let font = FontData::bundled("BIZ UDGothic").unwrap();
    let chain = FontChain::new(vec![Metrics::new(&font).unwrap()]);
    c.bench_function(
        "linebreak: 福島区 policy paragraph (237 chars) at 500 pt",
        |b| {
            b.iter(|| {
                black_box(break_lines(
                    &policy,
                    500.0,
                    &|ch| chain.advance(ch) * 10.5,
                    BreakOptions::default(),
                ))
            })
        },
    );
    c.bench_function("layout: Fukushima plan (3 pages)", |b| {
        b.iter(|| black_box(engine.layout(&plan).unwrap()))
    });
    let doc = engine.layout(&plan).unwrap();
    let face = ttf_parser::Face::parse(BIZ_UD_GOTHIC, 0).unwrap();
    let glyphs: Vec<u16> = doc
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|item| match item {
            unei_render::layout::Item::Text(run) if run.font == 0 => Some(run.text.chars()),
            _ => None,
        })
        .flatten()
        .filter_map(|ch| face.glyph_index(ch).map(|g| g.0))
        .collect();
    c.bench_function("subset: BIZ UDGothic to the plan's regular glyphs", |b| {
        b.iter(|| black_box(subset(BIZ_UD_GOTHIC, 0, glyphs.iter().copied()).unwrap()))
    });
    let options = PdfOptions {
        epoch: 0,
        compress_content: true,
        standard: Default::default(),
    };
    c.bench_function("pdf: write the laid-out Fukushima plan", |b| {
        b.iter(|| black_box(engine.pdf(&doc, &options).unwrap()))
    });
}

criterion_group!(benches, stages);
criterion_main!(benches);
