//! Budget amounts in 千円, kept exactly as the author wrote them (`(2,781千円)`).

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Localize};

/// Pattern every amount text must match; the schema publishes it and [`Amount::parse`] applies it.
pub const AMOUNT_PATTERN: &str = r"^(\(N千円\)|（N千円）|N千円)$";

/// The number part of [`AMOUNT_PATTERN`].
const NUMBER_PATTERN: &str = "(0|[1-9][0-9]{0,2}(,[0-9]{3})*|[1-9][0-9]*)";

/// The full regular expression of an amount, as published in the schema.
pub fn amount_regex() -> String {
    AMOUNT_PATTERN.replace('N', NUMBER_PATTERN)
}

/// An amount as written (`(2,781千円)`, `（15,224千円）`, `0千円`); the value is derived from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Amount(pub String);

/// Why an amount text is not a 千円 amount.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.localize(Lang::En))]
pub struct AmountError {
    /// The amount as written.
    pub text: String,
    /// What is wrong with it.
    pub fault: AmountFault,
}

/// What is wrong with an amount's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountFault {
    /// An opening bracket without its closing one, or the reverse.
    UnbalancedBrackets,
    /// No 千円 after the number.
    NoUnit,
    /// 全角 digits or commas (`２，７８１`), which the form does not use in amounts.
    FullWidthDigits,
    /// Digits not grouped by three with commas.
    Grouping,
}

impl Localize for AmountError {
    fn localize(&self, lang: Lang) -> String {
        let text = &self.text;
        let (en, ja) = match self.fault {
            AmountFault::UnbalancedBrackets => ("unbalanced brackets", "括弧が対応していません"),
            AmountFault::NoUnit => ("no 千円 unit", "単位「千円」がありません"),
            AmountFault::FullWidthDigits => (
                "write the digits and commas half-width (半角数字)",
                "数字とカンマは半角で書きます",
            ),
            AmountFault::Grouping => (
                "digits must be grouped by 3 with commas",
                "数字は3桁ごとにカンマで区切ります",
            ),
        };
        match lang {
            Lang::En => {
                format!("{text:?} is not a 千円 amount ({en}; expected e.g. \"(2,781千円)\")")
            }
            Lang::Ja => {
                format!("{text:?} は千円単位の金額ではありません（{ja}。例: \"(2,781千円)\"）")
            }
        }
    }
}

impl Amount {
    /// An amount as written (`(2,781千円)`); [`Amount::thousand_yen`] reads it.
    pub fn new(text: impl Into<String>) -> Self {
        Amount(text.into())
    }

    /// The author's exact text.
    pub fn text(&self) -> &str {
        &self.0
    }

    /// The value in 千円.
    ///
    /// # Errors
    /// [`AmountError`] when the text is not a 千円 amount (brackets, unit, grouping).
    pub fn thousand_yen(&self) -> Result<u64, AmountError> {
        Self::parse(&self.0)
    }

    /// Parses the value in 千円 out of an amount text.
    ///
    /// # Errors
    /// [`AmountError`] when `text` is not a 千円 amount (brackets, unit, grouping).
    pub fn parse(text: &str) -> Result<u64, AmountError> {
        let fail = |fault| AmountError {
            text: text.to_owned(),
            fault,
        };
        let (open, inner) = match text.chars().next() {
            Some(c @ ('(' | '（')) => (Some(c), &text[c.len_utf8()..]),
            _ => (None, text),
        };
        let (inner, close) = match inner.chars().last() {
            Some(c @ (')' | '）')) => (&inner[..inner.len() - c.len_utf8()], Some(c)),
            _ => (inner, None),
        };
        let balanced = matches!(
            (open, close),
            (None, None) | (Some('('), Some(')')) | (Some('（'), Some('）'))
        );
        if !balanced {
            return Err(fail(AmountFault::UnbalancedBrackets));
        }
        let digits = inner
            .strip_suffix("千円")
            .ok_or_else(|| fail(AmountFault::NoUnit))?;
        if digits
            .chars()
            .any(|c| ('０'..='９').contains(&c) || c == '，')
        {
            return Err(fail(AmountFault::FullWidthDigits));
        }
        parse_grouped(digits).ok_or_else(|| fail(AmountFault::Grouping))
    }
}

/// `15,224` or `15224`; a comma must separate exactly three digits.
fn parse_grouped(digits: &str) -> Option<u64> {
    if digits.is_empty() {
        return None;
    }
    let groups: Vec<&str> = digits.split(',').collect();
    let (first, rest) = groups.split_first()?;
    let well_formed = !first.is_empty()
        && first.bytes().all(|b| b.is_ascii_digit())
        && (rest.is_empty() || first.len() <= 3)
        && rest
            .iter()
            .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
    if !well_formed || (first.len() > 1 && first.starts_with('0')) {
        return None;
    }
    groups.concat().parse().ok()
}

impl JsonSchema for Amount {
    fn schema_name() -> Cow<'static, str> {
        "Amount".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": amount_regex(),
            "description": "Budget amount in 千円 exactly as written, e.g. \"(2,781千円)\"",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_author_forms() {
        for (text, value) in [
            ("(2,781千円)", 2781),
            ("(231千円)", 231),
            ("（15,224千円）", 15224),
            ("33,774千円", 33774),
            ("(1,234,567千円)", 1_234_567),
            ("0千円", 0),
            ("(2781千円)", 2781),
        ] {
            assert_eq!(Amount::parse(text), Ok(value), "{text}");
        }
    }

    #[test]
    fn rejects_malformed() {
        for text in [
            "2,78千円",
            "(2,781千円",
            "2,781千円)",
            "(2,781円)",
            "",
            "千円",
            "(1,2345千円)",
            "(02千円)",
            "abc千円",
            "(,781千円)",
            "(2,781 千円)",
            "(2,781千円）",
        ] {
            assert!(Amount::parse(text).is_err(), "{text}");
        }
    }

    #[test]
    fn pattern_agrees_with_parser() {
        // The schema pattern and the parser are two statements of one rule; keep them in step.
        let samples = [
            "(2,781千円)",
            "2,78千円",
            "（15,224千円）",
            "(2781千円)",
            "(02千円)",
            "0千円",
            "(1,2345千円)",
            "(2,781千円",
            "(2,781千円）",
        ];
        for text in samples {
            let by_pattern = simple_regex_match(text);
            assert_eq!(by_pattern, Amount::parse(text).is_ok(), "{text}");
        }
    }

    /// Tiny matcher for AMOUNT_PATTERN's language, written independently of `parse`.
    fn simple_regex_match(text: &str) -> bool {
        let chars: Vec<char> = text.chars().collect();
        let mut i = 0;
        let open = matches!(chars.first(), Some('(' | '（'));
        if open {
            i += 1;
        }
        let start = i;
        while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == ',') {
            i += 1;
        }
        let num: String = chars[start..i].iter().collect();
        let rest: String = chars[i..].iter().collect();
        let close_ok = match chars.first() {
            Some('(') => rest == "千円)",
            Some('（') => rest == "千円）",
            _ => rest == "千円",
        };
        let num_ok = num == "0"
            || (!num.starts_with('0')
                && !num.is_empty()
                && (!num.contains(',')
                    || num.split(',').enumerate().all(|(k, g)| {
                        if k == 0 {
                            (1..=3).contains(&g.len())
                        } else {
                            g.len() == 3
                        }
                    })));
        close_ok && num_ok
    }
}
