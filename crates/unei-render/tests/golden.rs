//! Readable golden snapshots of the layout (one line per run/box, 0.1 pt). A change in the
//! layout shows up as a text diff; `UPDATE_GOLDEN=1 cargo test -p unei-render --test golden`
//! rewrites them after a deliberate change.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn layout_dumps_match_golden_files() {
    let template = unei_core::Template::bundled();
    let fonts = unei_render::template_fonts(&template).unwrap();
    for name in common::fixture_names() {
        let plan_path = common::plans_dir().join(format!("{name}.json"));
        let plan =
            unei_core::plan_from_str(&std::fs::read_to_string(plan_path).unwrap(), &name).unwrap();
        let document = unei_render::layout(&plan, &template, &fonts).unwrap();
        common::compare_golden(
            &dir().join(format!("tests/golden/{name}.layout.txt")),
            &document.dump(),
        );
        // The structure tagged PDF carries: element by element, with each one's own text.
        common::compare_golden(
            &dir().join(format!("tests/golden/{name}.structure.txt")),
            &document.structure.dump(&document.pages),
        );
    }
}
