//! The end-to-end tests: one test crate (one binary to build and link) over the real `unei`
//! binary. Every `tests/*.rs` file is a module here; `every_test_file_is_compiled` fails when
//! a file is added without its `mod` line, so no test can sit unseen.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

mod bad_inputs;
mod browser_check;
mod cli_batch;
mod cli_diff;
mod cli_everyday;
mod cli_help;
mod cli_import;
mod cli_japanese;
mod cli_papercuts;
mod cli_render;
mod cli_validate;
mod cli_xlsx;
mod output_files;
mod pdf_standards;
mod serve;

/// Each module's file name, as listed above.
const MODULES: &str = include_str!("main.rs");

#[test]
fn every_test_file_is_compiled() {
    let dir = common::root().join("tests");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let is_module = path.extension().is_some_and(|e| e == "rs") && stem != "main";
        if is_module && !MODULES.contains(&format!("\nmod {stem};\n")) {
            missing.push(path.display().to_string());
        }
    }
    assert!(
        missing.is_empty(),
        "add `mod NAME;` to tests/main.rs for: {missing:?}"
    );
}
