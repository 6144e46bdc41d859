//! Workbook writing speed: the target is at most 10 ms per plan for the Fukushima
//! fixture. The plan and fonts are loaded once; the benchmark times `write_xlsx` itself
//! (rows at spreadsheet widths, the PDF's page breaks, the zip).
//! `cargo bench -p unei-render --bench xlsx`

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark fails loudly on bad fixtures

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use unei_core::Template;
use unei_render::{XlsxOptions, template_fonts, write_xlsx};

fn plan(name: &str) -> unei_core::Plan {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/plans")
        .join(name);
    unei_core::plan_from_str(&std::fs::read_to_string(&path).unwrap(), name).unwrap()
}

fn write(c: &mut Criterion) {
    let template = Template::bundled();
    let fonts = template_fonts(&template).unwrap();
    let options = XlsxOptions {
        epoch: 1_700_000_000,
    };
    for name in [
        "fukushima-r2.json",
        "sample-form2-r1.json",
        "stress-kinsoku.json",
    ] {
        let plan = plan(name);
        c.bench_function(&format!("write_xlsx {name}"), |b| {
            b.iter(|| {
                write_xlsx(black_box(&plan), &template, &fonts, &options)
                    .map(|out| out.bytes.len())
                    .unwrap()
            })
        });
    }
}

criterion_group!(benches, write);
criterion_main!(benches);
