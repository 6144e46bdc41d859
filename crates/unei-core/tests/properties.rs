//! Properties of the loader and validator on arbitrary input: they never panic, and whatever
//! they reject they reject with a position inside the text.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

use proptest::prelude::*;
use unei_core::{Template, check_plan};

fn fixture() -> String {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/plans/fukushima-r2.json");
    std::fs::read_to_string(path).unwrap()
}

fn assert_positioned(
    text: &str,
    result: Result<(unei_core::Plan, Vec<unei_core::Diagnostic>), Box<unei_core::Diagnostic>>,
) {
    let lines = text.lines().count().max(1) + 1;
    let diagnostics = match result {
        Ok((_, d)) => d,
        Err(d) => vec![*d],
    };
    for d in diagnostics {
        assert!(
            d.line >= 1 && d.line <= lines,
            "{d} (text has {lines} lines)"
        );
        assert!(d.column >= 1, "{d}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        let result = check_plan(&text, "fuzz.json", &Template::bundled());
        assert_positioned(&text, result);
    }

    #[test]
    fn mutated_plans_never_panic(edits in prop::collection::vec((any::<prop::sample::Index>(), any::<char>()), 1..8)) {
        let mut chars: Vec<char> = fixture().chars().collect();
        for (at, c) in edits {
            let i = at.index(chars.len());
            chars[i] = c;
        }
        let text: String = chars.into_iter().collect();
        let result = check_plan(&text, "fuzz.json", &Template::bundled());
        assert_positioned(&text, result);
    }

    #[test]
    fn truncated_plans_never_panic(cut in 0usize..20_000) {
        let text: String = fixture().chars().take(cut).collect();
        let result = check_plan(&text, "fuzz.json", &Template::bundled());
        assert_positioned(&text, result);
    }

    #[test]
    fn amounts_round_trip_through_their_text(value in 0u64..10_000_000_000, full_width in any::<bool>()) {
        let digits = value.to_string();
        let grouped: Vec<String> = digits.as_bytes().rchunks(3).rev().map(|c| String::from_utf8(c.to_vec()).unwrap()).collect();
        let (open, close) = if full_width { ("（", "）") } else { ("(", ")") };
        let text = format!("{open}{}千円{close}", grouped.join(","));
        prop_assert_eq!(unei_core::Amount::parse(&text), Ok(value));
    }
}
