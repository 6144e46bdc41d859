//! Plan files: the JSON loader, validation and the locator that gives every finding its
//! `file:line:col`, on arbitrary bytes. A finding's position must lie inside the text.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use unei_core::Template;

fn template() -> &'static Template {
    static TEMPLATE: OnceLock<Template> = OnceLock::new();
    TEMPLATE.get_or_init(Template::bundled)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        let _ = unei_core::plan_from_slice(data, "fuzz.json");
        return;
    };
    let diagnostics = match unei_core::check_plan(text, "fuzz.json", template()) {
        Ok((_, findings)) => findings,
        Err(error) => vec![*error],
    };
    for d in diagnostics {
        assert!(d.offset <= text.len(), "{d}: offset past the end");
        assert!(d.line >= 1 && d.column >= 1, "{d}");
        assert!(d.line <= text.lines().count().max(1) + 1, "{d}: line past the end");
        let _ = d.snippet(text);
    }
});
