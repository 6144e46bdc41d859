//! Readable golden snapshots of the layout (one line per run/box, 0.1 pt). A change in the
//! layout shows up as a text diff; `UPDATE_GOLDEN=1 cargo test -p unei-render --test golden`
//! rewrites them after a deliberate change.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn layout_dumps_match_golden_files() {
    let template = unei_core::Template::bundled();
    let fonts = unei_render::template_fonts(&template).unwrap();
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    for name in [
        "fukushima-r2",
        "sample-gen-b-r5",
        "sample-form2-r1",
        "stress-kinsoku",
    ] {
        let plan_path = dir().join(format!("../../fixtures/plans/{name}.json"));
        let plan =
            unei_core::plan_from_str(&std::fs::read_to_string(plan_path).unwrap(), name).unwrap();
        let dump = unei_render::layout(&plan, &template, &fonts)
            .unwrap()
            .dump();
        let golden = dir().join(format!("tests/golden/{name}.layout.txt"));
        if update {
            std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
            std::fs::write(&golden, &dump).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&golden)
            .unwrap_or_else(|e| panic!("{}: {e}; run with UPDATE_GOLDEN=1", golden.display()));
        if dump != expected {
            let first = dump
                .lines()
                .zip(expected.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            panic!(
                "{name}: layout differs from {} at line {}:\n  got:  {}\n  want: {}",
                golden.display(),
                first + 1,
                dump.lines().nth(first).unwrap_or(""),
                expected.lines().nth(first).unwrap_or("")
            );
        }
    }
}
