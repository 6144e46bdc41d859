//! Label text normalisation: the same label is typed in many ways (full-width or half-width
//! brackets, 【】 or not, spaces, line breaks inside a merged cell, a section number before it).

use unicode_normalization::UnicodeNormalization;

/// NFKC, then 【】 and every kind of whitespace (line breaks, full-width spaces) removed.
pub fn normalise(text: &str) -> String {
    text.nfkc()
        .filter(|c| !c.is_whitespace() && !matches!(c, '【' | '】'))
        .collect()
}

/// The normalised text without a leading section number (`1`, `1.`, `(1)`, `①` — which NFKC
/// turns into `1` —, `第1`, `一、`), or `None` when it has none.
pub fn strip_numbering(normalised: &str) -> Option<&str> {
    let rest = normalised
        .strip_prefix('(')
        .and_then(|r| skip_number(r)?.strip_prefix(')'))
        .or_else(|| {
            let after = skip_number(normalised.strip_prefix('第').unwrap_or(normalised))?;
            Some(after.strip_prefix(['.', ')', '、', ':']).unwrap_or(after))
        })
        .or_else(|| {
            let after = normalised.trim_start_matches(is_kanji_numeral);
            (after.len() < normalised.len())
                .then(|| after.strip_prefix(['、', '.']))
                .flatten()
        })?;
    (!rest.is_empty()).then_some(rest)
}

fn skip_number(text: &str) -> Option<&str> {
    let rest = text.trim_start_matches(|c: char| c.is_ascii_digit());
    (rest.len() < text.len()).then_some(rest)
}

fn is_kanji_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// ASCII or full-width digits as a number (`１２` → 12).
pub fn parse_digits(text: &str) -> Option<u32> {
    if text.is_empty() || text.chars().count() > 6 {
        return None;
    }
    text.chars().try_fold(0u32, |acc, c| {
        let digit = c.to_digit(10).or_else(|| {
            let offset = u32::from(c).checked_sub(u32::from('０'))?;
            (offset < 10).then_some(offset)
        })?;
        acc.checked_mul(10)?.checked_add(digit)
    })
}

/// True for ASCII and full-width decimal digits.
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_width_brackets_spaces_and_line_breaks() {
        assert_eq!(
            normalise("【区・局の目標\n（何をめざすのか）】"),
            normalise("区・局の目標 (何をめざすのか)")
        );
        assert_eq!(
            normalise("主な具体的取組（２年度予算額）"),
            "主な具体的取組(2年度予算額)"
        );
        assert_eq!(normalise("　計\n画　"), "計画");
    }

    #[test]
    fn strips_section_numbers_only() {
        for (text, rest) in [
            ("1区の目標", Some("区の目標")),
            ("1.区の目標", Some("区の目標")),
            ("(2)区の使命", Some("区の使命")),
            ("第3区の方針", Some("区の方針")),
            ("一、区の目標", Some("区の目標")),
            ("区の目標", None),
            ("12", None),
        ] {
            assert_eq!(strip_numbering(text), rest, "{text}");
        }
        assert_eq!(strip_numbering(&normalise("①区の目標")), Some("区の目標"));
    }

    #[test]
    fn parses_ascii_and_full_width_digits() {
        assert_eq!(parse_digits("12"), Some(12));
        assert_eq!(parse_digits("１２"), Some(12));
        assert_eq!(parse_digits("1a"), None);
        assert_eq!(parse_digits(""), None);
    }
}
