//! Import speed: the main workbook (each format) and the published page; the issue's target
//! is at most 10 ms per workbook. Files are read once; the benchmark times the import itself.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use unei_core::Template;
use unei_import::{
    ImportOptions, PageFormat, WorkbookFormat, import_page_text, import_workbook_bytes,
};

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: PathBuf) -> Vec<u8> {
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn workbooks(c: &mut Criterion) {
    let template = Template::bundled();
    let options = ImportOptions::default();
    for (name, format) in [
        ("gen-a-ward-merged-labels.xlsx", WorkbookFormat::Xlsx),
        ("gen-a-ward.ods", WorkbookFormat::Ods),
        ("gen-a-ward-cp932.xls", WorkbookFormat::Xls),
        ("gen-a-with-form2-sheet.xlsx", WorkbookFormat::Xlsx),
    ] {
        let bytes = read(workspace().join("fixtures/workbooks").join(name));
        c.bench_function(&format!("import workbook {name}"), |b| {
            b.iter(|| {
                import_workbook_bytes(black_box(&bytes), name, format, &template, &options)
                    .map(|imported| imported.plan.issues.len())
            })
        });
    }
}

fn page(c: &mut Criterion) {
    let template = Template::bundled();
    let options = ImportOptions {
        organisation: Some("福島区".to_owned()),
        ..ImportOptions::default()
    };
    let path = workspace().join("../shared/examples/fukushima-r2-published-page.txt");
    let text = String::from_utf8(read(path)).unwrap_or_default();
    c.bench_function("import page fukushima-r2-published-page.txt", |b| {
        b.iter(|| {
            import_page_text(
                black_box(&text),
                "page.txt",
                PageFormat::Text,
                &template,
                &options,
            )
            .map(|imported| imported.plan.issues.len())
        })
    });
    let html = String::from_utf8(read(
        workspace().join("fixtures/pages/fukushima-r2-site-page.html"),
    ))
    .unwrap_or_default();
    c.bench_function("import page fukushima-r2-site-page.html", |b| {
        b.iter(|| {
            import_page_text(
                black_box(&html),
                "page.html",
                PageFormat::Html,
                &template,
                &options,
            )
            .map(|imported| imported.plan.issues.len())
        })
    });
}

criterion_group!(benches, workbooks, page);
criterion_main!(benches);
