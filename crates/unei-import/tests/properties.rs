//! Fuzz-style properties of the importers: mutated pages and damaged workbooks never panic;
//! they import or fail with an error that names the file.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

use std::path::PathBuf;

use proptest::prelude::*;
use unei_core::Template;
use unei_import::{
    ImportOptions, PageFormat, WorkbookFormat, import_page_text, import_workbook_bytes,
};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn page() -> String {
    std::fs::read_to_string(root().join("../shared/examples/fukushima-r2-published-page.txt"))
        .unwrap()
}

fn workbook() -> Vec<u8> {
    std::fs::read(root().join("fixtures/workbooks/gen-a-ward-merged-labels.xlsx")).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn mutated_pages_never_panic(edits in prop::collection::vec((any::<prop::sample::Index>(), any::<char>()), 1..12), html in any::<bool>()) {
        let mut chars: Vec<char> = page().chars().collect();
        for (at, c) in edits {
            let i = at.index(chars.len());
            chars[i] = c;
        }
        let text: String = chars.into_iter().collect();
        let format = if html { PageFormat::Html } else { PageFormat::Text };
        let options = ImportOptions { organisation: Some("福島区".into()), ..ImportOptions::default() };
        if let Err(e) = import_page_text(&text, "fuzz.txt", format, &Template::bundled(), &options) {
            prop_assert!(e.to_string().contains("fuzz.txt"), "{e}");
        }
    }

    #[test]
    fn damaged_workbooks_never_panic(edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..16)) {
        let mut bytes = workbook();
        for (at, b) in edits {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        let result = import_workbook_bytes(&bytes, "fuzz.xlsx", WorkbookFormat::Xlsx, &Template::bundled(), &ImportOptions::default());
        if let Err(e) = result {
            prop_assert!(e.to_string().contains("fuzz.xlsx"), "{e}");
        }
    }
}
