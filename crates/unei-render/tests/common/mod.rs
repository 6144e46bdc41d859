//! What the render tests share: the fixture plans (every file in `fixtures/plans/`, so a new
//! fixture is tested without editing a list) and golden files compared with a full diff.

#![allow(dead_code)] // each test file uses part of this module

use std::path::{Path, PathBuf};

/// `fixtures/plans/` of the workspace.
pub fn plans_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/plans")
}

/// The stems of every fixture plan (`fukushima-r2`, …), sorted.
pub fn fixture_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(plans_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 4, "fixtures/plans/ holds {names:?}");
    names
}

/// Compares `actual` with the golden file at `path`, failing with a unified diff of the
/// whole file; `UPDATE_GOLDEN=1` rewrites the file instead.
pub fn compare_golden(path: &Path, actual: &str) {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}; run with UPDATE_GOLDEN=1", path.display()));
    if actual != expected {
        let diff = similar::TextDiff::from_lines(expected.as_str(), actual)
            .unified_diff()
            .context_radius(2)
            .header("golden (want)", "this run (got)")
            .to_string();
        panic!(
            "{} differs (UPDATE_GOLDEN=1 after a deliberate change):\n{diff}",
            path.display()
        );
    }
}
