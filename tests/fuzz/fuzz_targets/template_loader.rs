//! Template files: TOML syntax, `extends`, and the template's own checks, on arbitrary text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = unei_core::Template::from_toml(text, "fuzz.toml");
    }
});
