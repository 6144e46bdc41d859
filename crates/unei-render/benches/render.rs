//! Micro-benchmarks of the PDF pipeline's stages on the Fukushima fixture: font loading,
//! line breaking, layout, PDF writing. `cargo bench -p unei-render --bench render`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // benchmarks fail loudly on purpose

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use unei_core::Template;
use unei_render::fonts::{FontData, Metrics};
use unei_render::layout::text::FontChain;
use unei_render::linebreak::{BreakOptions, break_lines};
use unei_render::{PdfOptions, layout, template_fonts, write_pdf};

fn plan() -> unei_core::Plan {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/plans/fukushima-r2.json");
    unei_core::plan_from_str(&std::fs::read_to_string(path).unwrap(), "fukushima").unwrap()
}

fn stages(c: &mut Criterion) {
    let template = Template::bundled();
    let plan = plan();
    let fonts = template_fonts(&template).unwrap();
    c.bench_function("font: load bundled IPAexGothic + metrics", |b| {
        b.iter(|| {
            let font = FontData::bundled("IPAexGothic").unwrap();
            black_box(Metrics::new(&font).unwrap().advance('福'))
        })
    });
    let policy = match &plan.policy[0] {
        unei_core::Block::P(p) => p.clone(),
        _ => unreachable!(),
    };
    let font = FontData::bundled("IPAexGothic").unwrap();
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
        b.iter(|| black_box(layout(&plan, &template, &fonts).unwrap()))
    });
    let doc = layout(&plan, &template, &fonts).unwrap();
    let options = PdfOptions {
        epoch: 0,
        compress_content: true,
    };
    c.bench_function("pdf: write the laid-out Fukushima plan", |b| {
        b.iter(|| black_box(write_pdf(&doc, &fonts, &options).unwrap()))
    });
}

criterion_group!(benches, stages);
criterion_main!(benches);
