//! Cell text → the model's rich text: `・` bullet lines become lists, `1 …` lines numbered
//! items, other lines paragraphs; amounts are split off the end of 具体的取組 lines.

use unei_core::rich::{Block, BulletList, NumberedItem, NumberedList, RichText};
use unei_core::{Amount, Initiative};

use crate::normalize::{is_digit, parse_digits};

/// Plain text (line breaks inside the cell kept) as rich text; every line is kept.
pub fn text_to_rich(text: &str, bullets: &[String]) -> RichText {
    let mut blocks = Vec::new();
    let mut group = LineGroup::None;
    for line in text.split('\n') {
        let line = trim_ascii(line);
        if line.trim().is_empty() {
            continue;
        }
        if let Some((marker, item)) = bullet_prefix(line, bullets) {
            group.push_bullet(marker, item, &mut blocks);
        } else if let Some(items) = numbered_items(line) {
            group.push_numbered(items, &mut blocks);
        } else {
            group.flush(&mut blocks);
            blocks.push(Block::P(line.to_owned()));
        }
    }
    group.flush(&mut blocks);
    blocks
}

/// Consecutive list lines collected into one block.
enum LineGroup {
    None,
    Bullets(BulletList),
    Numbered(NumberedList),
}

impl LineGroup {
    fn push_bullet(&mut self, marker: &str, item: &str, blocks: &mut Vec<Block>) {
        if let LineGroup::Bullets(list) = self
            && list.marker == marker
        {
            list.items.push(item.to_owned());
            return;
        }
        self.flush(blocks);
        *self = LineGroup::Bullets(BulletList {
            marker: marker.to_owned(),
            items: vec![item.to_owned()],
        });
    }

    fn push_numbered(&mut self, items: Vec<NumberedItem>, blocks: &mut Vec<Block>) {
        if let LineGroup::Numbered(list) = self {
            list.items.extend(items);
            return;
        }
        self.flush(blocks);
        *self = LineGroup::Numbered(NumberedList { items });
    }

    fn flush(&mut self, blocks: &mut Vec<Block>) {
        match std::mem::replace(self, LineGroup::None) {
            LineGroup::None => {}
            LineGroup::Bullets(list) => blocks.push(Block::List(list)),
            LineGroup::Numbered(list) => blocks.push(Block::Numbered(list)),
        }
    }
}

/// List items (HTML `<li>`, the page's `- ` lines) as one block: a bullet list when every
/// item starts with the same bullet, numbered items when they are numbered, else a list
/// without a printed bullet (the page draws it).
pub fn items_to_block(items: Vec<String>, ordered: bool, bullets: &[String]) -> Block {
    let common_bullet = items.first().and_then(|first| {
        let (marker, _) = bullet_prefix(first, bullets)?;
        items
            .iter()
            .all(|item| item.starts_with(marker))
            .then_some(marker)
    });
    if let Some(marker) = common_bullet {
        let stripped = items
            .iter()
            .map(|item| trim_ascii(&item[marker.len()..]).to_owned())
            .collect();
        return Block::List(BulletList {
            marker: marker.to_owned(),
            items: stripped,
        });
    }
    let numbered: Option<Vec<NumberedItem>> = items
        .iter()
        .map(|item| numbered_items(item))
        .collect::<Option<Vec<_>>>()
        .map(|lists| lists.into_iter().flatten().collect());
    match numbered {
        Some(items) => Block::Numbered(NumberedList { items }),
        None if ordered => Block::Numbered(NumberedList {
            items: items
                .into_iter()
                .enumerate()
                .map(|(i, text)| NumberedItem {
                    number: (i + 1).to_string(),
                    text,
                })
                .collect(),
        }),
        None => Block::List(BulletList {
            marker: String::new(),
            items,
        }),
    }
}

/// True when a line starts a new item: a bullet or a number (`・…`, `1 …`, `(1)…`, `①…`).
pub fn starts_item(line: &str, bullets: &[String]) -> bool {
    bullet_prefix(line, bullets).is_some() || number_prefix(line).is_some()
}

/// The end of a text that looks like an amount but is none: `(2,78千円)`, `（２，７８１千円）`,
/// `2781千円` without commas where they belong. `None` for a real amount or no amount at all.
pub fn amount_like_suffix(text: &str) -> Option<&str> {
    let text = trim_ascii(text).trim_end_matches('　');
    if split_amount(text).1.is_some() {
        return None;
    }
    let is_number_char = |c: char| is_digit(c) || matches!(c, ',' | '，' | '、' | '.' | '．');
    let before_unit = text
        .strip_suffix("千円)")
        .or_else(|| text.strip_suffix("千円）"))
        .or_else(|| text.strip_suffix("千円"))?;
    let start = before_unit
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_number_char(*c))
        .last()
        .map(|(i, _)| i)?;
    let start = before_unit[..start]
        .char_indices()
        .next_back()
        .filter(|(_, c)| matches!(c, '(' | '（'))
        .map_or(start, |(i, _)| i);
    Some(&text[start..])
}

/// `・地域の福祉活動` → (`・`, `地域の福祉活動`).
fn bullet_prefix<'a, 'b>(line: &'a str, bullets: &'b [String]) -> Option<(&'b str, &'a str)> {
    bullets.iter().find_map(|bullet| {
        let item = line.strip_prefix(bullet.as_str())?;
        let item = trim_ascii(item);
        (!item.is_empty()).then_some((bullet.as_str(), item))
    })
}

/// A numbered line: `1 人と人が…`, `(1) …`, `①…`; a run `1 A 2 B 3 C` (the page flattens
/// numbered lists into one line) is split at each next number standing between spaces.
fn numbered_items(line: &str) -> Option<Vec<NumberedItem>> {
    let (number, text) = number_prefix(line)?;
    let mut items = Vec::new();
    let mut current = NumberedItem {
        number: number.to_owned(),
        text: String::new(),
    };
    let mut rest = text;
    let mut next = parse_digits(number).map(|n| n + 1);
    while let Some(n) = next {
        let Some((before, after)) = split_at_number(rest, n) else {
            break;
        };
        current.text = before.to_owned();
        items.push(current);
        current = NumberedItem {
            number: n.to_string(),
            text: String::new(),
        };
        rest = after;
        next = Some(n + 1);
    }
    current.text = rest.to_owned();
    items.push(current);
    Some(items)
}

/// The number at the start of a line and the text after it.
fn number_prefix(line: &str) -> Option<(&str, &str)> {
    let first = line.chars().next()?;
    if ('①'..='⑳').contains(&first) {
        let text = line[first.len_utf8()..].trim_start();
        return (!text.is_empty()).then_some((&line[..first.len_utf8()], text));
    }
    let (number_len, needs_space) = match first {
        '(' | '（' => {
            let close = line.find([')', '）'])?;
            let inner = &line[first.len_utf8()..close];
            parse_digits(inner)?;
            (close + line[close..].chars().next()?.len_utf8(), false)
        }
        c if is_digit(c) => (
            line.char_indices()
                .find(|(_, c)| !is_digit(*c))
                .map_or(line.len(), |(i, _)| i),
            true,
        ),
        _ => return None,
    };
    let after = &line[number_len..];
    let text = after.trim_start();
    let spaced = text.len() < after.len();
    (!text.is_empty() && (spaced || !needs_space)).then_some((&line[..number_len], text))
}

/// Splits `A 2 B` at ` 2 ` (spaces on both sides, ASCII or full-width).
fn split_at_number(text: &str, number: u32) -> Option<(&str, &str)> {
    let digits = number.to_string();
    let mut from = 0;
    while let Some(found) = text[from..].find(digits.as_str()) {
        let start = from + found;
        let end = start + digits.len();
        let before = &text[..start];
        let after = &text[end..];
        let spaced_before = before.ends_with([' ', '　']);
        let spaced_after = after.starts_with([' ', '　']);
        if spaced_before && spaced_after && !before.trim().is_empty() {
            return Some((before.trim_end(), after.trim_start()));
        }
        from = end;
    }
    None
}

/// ASCII spaces, tabs and carriage returns trimmed; full-width spaces (indentation) kept.
pub fn trim_ascii(text: &str) -> &str {
    text.trim_matches([' ', '\t', '\r'])
}

/// A 具体的取組 line split into text and the amount written at its end: `(2,781千円)`,
/// `（2,781千円）`, `2,781千円`. The text keeps every character before the amount.
pub fn split_amount(line: &str) -> (&str, Option<Amount>) {
    for (i, c) in line.char_indices().rev() {
        if matches!(c, '(' | '（') {
            let suffix = &line[i..];
            if Amount::parse(suffix).is_ok() {
                return (&line[..i], Some(Amount::new(suffix)));
            }
            break;
        }
    }
    if let Some(number) = line.strip_suffix("千円") {
        let start = number
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_digit() || *c == ',')
            .last()
            .map(|(i, _)| i);
        if let Some(start) = start
            && Amount::parse(&line[start..]).is_ok()
        {
            return (&line[..start], Some(Amount::new(&line[start..])));
        }
    }
    (line, None)
}

/// An amount written in 千円 from a number cell, in the template's format (`(2,781千円)`).
pub fn format_amount(value: f64, format: &str) -> Option<Amount> {
    let whole = whole_number(value)?;
    Some(Amount::new(
        format.replace("{金額}", &group_thousands(whole)),
    ))
}

/// A non-negative whole number that fits exactly in an f64.
pub fn whole_number(value: f64) -> Option<u64> {
    let exact = value.is_finite() && value >= 0.0 && value.fract() == 0.0 && value < 9.0e15;
    // Checked just above: finite, whole and within the exactly representable range.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    exact.then_some(value as u64)
}

/// `15224` → `15,224`.
pub fn group_thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A number cell as text: `2781`, `23.4`.
pub fn number_text(value: f64) -> String {
    match whole_number(value) {
        Some(whole) => whole.to_string(),
        None => value.to_string(),
    }
}

/// Rich text as 具体的取組 lines: each list item or line, with its marker and amount.
pub fn rich_to_initiatives(text: &RichText) -> Vec<Initiative> {
    let mut initiatives = Vec::new();
    let mut push = |marker: &str, line: &str| {
        let (text, amount) = split_amount(line);
        initiatives.push(Initiative {
            marker: marker.to_owned(),
            text: text.to_owned(),
            amount,
        });
    };
    for block in text {
        match block {
            Block::P(line) => push("", line),
            Block::List(list) => list.items.iter().for_each(|item| push(&list.marker, item)),
            Block::Numbered(list) => list
                .items
                .iter()
                .for_each(|item| push(&format!("{} ", item.number), &item.text)),
        }
    }
    initiatives
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bullets() -> Vec<String> {
        vec!["・".to_owned(), "●".to_owned()]
    }

    #[test]
    fn lines_become_paragraphs_lists_and_numbered_items() {
        let text = "次の4つをめざす。\n1 人と人がつながる\n2 次世代を育む\n・地域の福祉活動\n・防災\r\n\n最後の段落";
        let rich = text_to_rich(text, &bullets());
        assert_eq!(rich.len(), 4, "{rich:?}");
        assert_eq!(rich[0], Block::P("次の4つをめざす。".to_owned()));
        let Block::Numbered(n) = &rich[1] else {
            panic!("{rich:?}")
        };
        assert_eq!(n.items[1].number, "2");
        assert_eq!(n.items[1].text, "次世代を育む");
        let Block::List(l) = &rich[2] else {
            panic!("{rich:?}")
        };
        assert_eq!(l.items, ["地域の福祉活動", "防災"]);
        assert_eq!(rich[3], Block::P("最後の段落".to_owned()));
    }

    #[test]
    fn flattened_numbered_run_is_split_in_order() {
        let block = items_to_block(
            vec!["1 人と人が 2 令和2年度の 3 にぎわい 4 区民".to_owned()],
            false,
            &bullets(),
        );
        let Block::Numbered(list) = block else {
            panic!("{block:?}")
        };
        let texts: Vec<_> = list.items.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(texts, ["人と人が", "令和2年度の", "にぎわい", "区民"]);
    }

    #[test]
    fn a_year_is_not_a_numbered_item() {
        let rich = text_to_rich("1年間の取組成果\n2025年 万博", &bullets());
        assert!(rich.iter().all(|b| matches!(b, Block::P(_))), "{rich:?}");
    }

    #[test]
    fn amounts_are_split_off_exactly() {
        assert_eq!(
            split_amount("自主防災組織の防災活動・訓練への支援(2,781千円)"),
            (
                "自主防災組織の防災活動・訓練への支援",
                Some(Amount::new("(2,781千円)"))
            )
        );
        assert_eq!(
            split_amount("事業 （15,224千円）"),
            ("事業 ", Some(Amount::new("（15,224千円）")))
        );
        assert_eq!(
            split_amount("事業33,774千円"),
            ("事業", Some(Amount::new("33,774千円")))
        );
        assert_eq!(
            split_amount("歳入の確保(広告事業等)"),
            ("歳入の確保(広告事業等)", None)
        );
        assert_eq!(split_amount("(2,78千円)"), ("(2,78千円)", None));
    }

    #[test]
    fn amount_like_texts_that_are_no_amounts_are_found() {
        assert_eq!(
            amount_like_suffix("訓練への支援(2,78千円)"),
            Some("(2,78千円)")
        );
        assert_eq!(
            amount_like_suffix("訓練への支援（２，７８１千円）"),
            Some("（２，７８１千円）")
        );
        assert_eq!(amount_like_suffix("事業2,78千円"), Some("2,78千円"));
        assert_eq!(amount_like_suffix("訓練への支援(2,781千円)"), None);
        assert_eq!(amount_like_suffix("歳入の確保(広告事業等)"), None);
        assert_eq!(amount_like_suffix("千円"), None);
        assert!(starts_item("・地域", &bullets()) && starts_item("1 人と人", &bullets()));
        assert!(!starts_item("地域の", &bullets()));
    }

    #[test]
    fn number_cells_become_amounts_in_the_template_format() {
        assert_eq!(
            format_amount(15224.0, "({金額}千円)"),
            Some(Amount::new("(15,224千円)"))
        );
        assert_eq!(
            format_amount(231.0, "({金額}千円)").unwrap().text(),
            "(231千円)"
        );
        assert_eq!(format_amount(2.5, "({金額}千円)"), None);
        assert_eq!(format_amount(-1.0, "({金額}千円)"), None);
        assert_eq!(format_amount(f64::NAN, "({金額}千円)"), None);
        assert_eq!(group_thousands(1_234_567), "1,234,567");
    }
}
