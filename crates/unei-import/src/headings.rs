//! Numbered headings: `【経営課題1 title】 overview`, `【経営課題1-(1)】title`,
//! `経営課題1【title】`, `戦略1-1 title`, `具体的取組1-1-1 title（2年度予算額）`.
//! The keywords come from the template; the title keeps every character as written.

use crate::normalize::{is_digit, parse_digits};
use crate::rules::ImportRules;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadingKind {
    Issue,
    Strategy,
    Initiative,
}

/// A parsed heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub kind: HeadingKind,
    /// The number as written: `1`, `1-(1)`, `1-1-1`.
    pub number: String,
    /// The first number in it (`1` of `1-(1)`).
    pub leading: Option<u32>,
    pub title: String,
    /// Text after the heading: the overview that runs on after `【経営課題1 title】`.
    pub rest: String,
}

impl Heading {
    /// True when the number is written as plain ASCII digits (`1`, not `1-(1)` or `１`).
    pub fn plain_number(&self) -> bool {
        self.number.bytes().all(|b| b.is_ascii_digit())
    }
}

/// Parses a heading at the start of `text` (its first line); `None` when it is no heading.
pub fn parse_heading(text: &str, rules: &ImportRules) -> Option<Heading> {
    let trimmed = text.trim_start();
    let (opened, body) = match trimmed.strip_prefix('【') {
        Some(after) => (true, after.trim_start()),
        None => (false, trimmed),
    };
    let keywords = [
        (rules.initiative_keyword.as_str(), HeadingKind::Initiative),
        (rules.issue_keyword.as_str(), HeadingKind::Issue),
        (rules.strategy_keyword.as_str(), HeadingKind::Strategy),
    ];
    let (kind, after_keyword) = keywords.iter().find_map(|(keyword, kind)| {
        let after = body.strip_prefix(keyword).filter(|_| !keyword.is_empty())?;
        // `【戦略 1-1 …】`: a space may stand before the number.
        Some((*kind, after.trim_start_matches([' ', '　'])))
    })?;
    let number_len = number_length(after_keyword)?;
    let number = &after_keyword[..number_len];
    let (title, rest) = title_and_rest(&after_keyword[number_len..], opened);
    let leading_digits: String = number.chars().take_while(|c| is_digit(*c)).collect();
    Some(Heading {
        kind,
        number: number.to_owned(),
        leading: parse_digits(&leading_digits),
        title,
        rest,
    })
}

/// Length of `1`, `1-1`, `1-(1)`, `１－（１）` at the start of `text`.
fn number_length(text: &str) -> Option<usize> {
    let mut end = digits_length(text)?;
    loop {
        let rest = &text[end..];
        let Some(dash) = rest.chars().next().filter(|c| is_dash(*c)) else {
            break;
        };
        let after_dash = &rest[dash.len_utf8()..];
        let part = match after_dash.chars().next() {
            Some(open @ ('(' | '（')) => {
                let inner = &after_dash[open.len_utf8()..];
                let digits = digits_length(inner)?;
                let close = inner[digits..]
                    .chars()
                    .next()
                    .filter(|c| matches!(c, ')' | '）'))?;
                open.len_utf8() + digits + close.len_utf8()
            }
            _ => match digits_length(after_dash) {
                Some(digits) => digits,
                None => break,
            },
        };
        end += dash.len_utf8() + part;
    }
    Some(end)
}

fn digits_length(text: &str) -> Option<usize> {
    let len = text
        .char_indices()
        .find(|(_, c)| !is_digit(*c))
        .map_or(text.len(), |(i, _)| i);
    (len > 0).then_some(len)
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '－' | '‐' | '−' | 'ー' | '―')
}

/// The title and what follows, for the three bracket styles.
fn title_and_rest(after_number: &str, opened: bool) -> (String, String) {
    let (first_line, more) = match after_number.split_once('\n') {
        Some((line, more)) => (line, Some(more)),
        None => (after_number, None),
    };
    let line = first_line.trim_start();
    let (title, rest_of_line) = if opened && let Some(after) = line.strip_prefix('】') {
        // 【経営課題1】title
        (after.trim(), "")
    } else if opened {
        // 【経営課題1 title】 rest (a truncated page may lack the 】)
        match line.split_once('】') {
            Some((title, rest)) => (title.trim_end(), rest.trim_start()),
            None => (line.trim_end(), ""),
        }
    } else if let Some(after) = line.strip_prefix('【') {
        // 経営課題1【title】 rest
        match after.split_once('】') {
            Some((title, rest)) => (title.trim(), rest.trim_start()),
            None => (after.trim(), ""),
        }
    } else {
        (line.trim(), "")
    };
    let mut rest = rest_of_line.trim_end_matches('\r').to_owned();
    if let Some(more) = more {
        if !rest.is_empty() {
            rest.push('\n');
        }
        rest.push_str(more);
    }
    (title.trim_end_matches('\r').to_owned(), rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> ImportRules {
        ImportRules::from_template(&unei_core::Template::bundled()).unwrap()
    }

    fn parse(text: &str) -> Heading {
        parse_heading(text, &rules()).unwrap_or_else(|| panic!("{text}"))
    }

    #[test]
    fn issue_heading_with_overview_running_on() {
        let h = parse("【経営課題1 人と人がつながり支え合うまちづくり】 福祉や防災といった");
        assert_eq!(h.kind, HeadingKind::Issue);
        assert_eq!((h.number.as_str(), h.leading), ("1", Some(1)));
        assert_eq!(h.title, "人と人がつながり支え合うまちづくり");
        assert_eq!(h.rest, "福祉や防災といった");
    }

    #[test]
    fn generation_b_and_form2_styles() {
        let h = parse("【経営課題1-(1)】地域防災力の向上");
        assert_eq!((h.number.as_str(), h.leading), ("1-(1)", Some(1)));
        assert_eq!(h.title, "地域防災力の向上");
        assert!(!h.plain_number());
        let h = parse("経営課題１【都市の防災性の向上】");
        assert_eq!((h.number.as_str(), h.leading), ("１", Some(1)));
        assert_eq!(h.title, "都市の防災性の向上");
        let h = parse("戦略1-1 老朽住宅の建替え促進");
        assert_eq!((h.kind, h.number.as_str()), (HeadingKind::Strategy, "1-1"));
        let h = parse("【戦略 1-2 空家の利活用】");
        assert_eq!(
            (h.number.as_str(), h.title.as_str()),
            ("1-2", "空家の利活用")
        );
        let h = parse("経営課題1");
        assert_eq!((h.number.as_str(), h.title.as_str()), ("1", ""));
        let h = parse("具体的取組1-1-1 密集住宅市街地整備事業（元年度予算額）");
        assert_eq!(h.kind, HeadingKind::Initiative);
        assert_eq!(h.number, "1-1-1");
        assert_eq!(h.title, "密集住宅市街地整備事業（元年度予算額）");
    }

    #[test]
    fn heading_on_its_own_line_leaves_the_rest() {
        let h = parse("【経営課題4 区民が満足・納得できる区役所づくり】\n区政運営において");
        assert_eq!(h.title, "区民が満足・納得できる区役所づくり");
        assert_eq!(h.rest, "区政運営において");
    }

    #[test]
    fn truncated_heading_and_non_headings() {
        assert_eq!(parse("【経営課題3 にぎわいと魅力").title, "にぎわいと魅力");
        for text in [
            "経営課題の概要",
            "戦略的な取組",
            "主な戦略",
            "【経営課題】",
            "",
        ] {
            assert_eq!(parse_heading(text, &rules()), None, "{text}");
        }
    }
}
