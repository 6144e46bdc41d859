//! Published pages (.txt and .html, by the first byte): HTML tokenising, chrome, labels,
//! headings and the assembler, on arbitrary text.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use unei_core::Template;
use unei_import::{ImportOptions, PageFormat, import_page_text};

fn template() -> &'static Template {
    static TEMPLATE: OnceLock<Template> = OnceLock::new();
    TEMPLATE.get_or_init(Template::bundled)
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let format = if selector % 2 == 0 {
        PageFormat::Text
    } else {
        PageFormat::Html
    };
    let text = String::from_utf8_lossy(bytes);
    let _ = import_page_text(&text, "fuzz", format, template(), &ImportOptions::default());
});
