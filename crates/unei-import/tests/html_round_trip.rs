//! The HTML export reads back: plan → `unei_render::write_html` → page importer → the same
//! plan, for every fixture (all but `meta.source`, which records where a plan came from).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

use std::path::PathBuf;

use unei_core::{Plan, Template};
use unei_import::{EntryKind, ImportOptions, PageFormat, import_page_text};

fn fixture(name: &str) -> Plan {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/plans")
        .join(name);
    unei_core::plan_from_str(&std::fs::read_to_string(path).unwrap(), name).unwrap()
}

#[test]
fn exported_pages_import_to_the_same_plan() {
    let template = Template::bundled();
    for name in [
        "fukushima-r2.json",
        "sample-gen-b-r5.json",
        "sample-form2-r1.json",
        "stress-kinsoku.json",
    ] {
        let plan = fixture(name);
        let html = unei_render::write_html(&plan, &template);
        assert!(
            html.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"),
            "{name}"
        );
        let options = ImportOptions {
            organisation: Some(plan.meta.organisation.name.clone()),
            ..ImportOptions::default()
        };
        let imported =
            import_page_text(&html, "export.html", PageFormat::Html, &template, &options).unwrap();
        let unmapped = &imported.report.of(EntryKind::Unmapped).collect::<Vec<_>>();
        assert!(unmapped.is_empty(), "{name}: {unmapped:#?}");
        let mut back = imported.plan;
        back.meta.source = plan.meta.source.clone();
        back.meta.sample_data = plan.meta.sample_data;
        // A plan that leaves the 市政改革プラン version to the template gets it printed, and
        // reads back with the version written out: the same plan.
        if let (Some(reform), Some(original)) = (back.reform.as_mut(), plan.reform.as_ref())
            && original.plan_version.is_none()
            && reform.plan_version.as_deref() == Some(&template.reform_plan_version)
        {
            reform.plan_version = None;
        }
        let (got, want) = (
            unei_core::plan_to_string(&back).unwrap(),
            unei_core::plan_to_string(&plan).unwrap(),
        );
        let first = got.lines().zip(want.lines()).position(|(a, b)| a != b);
        assert!(
            got == want,
            "{name}: first difference at line {first:?}: {:?}",
            first.map(|i| (got.lines().nth(i), want.lines().nth(i)))
        );
    }
}
