//! Lines of a published page that are not the form's text: the site's chrome (navigation,
//! dates, notices before the plan), the vertical side label of 様式2 printed one character a
//! line, and publication notes (`※…`) outside every field. The rules are the template's.

use crate::labels::Field;
use crate::message::Message;
use crate::normalize::normalise;
use crate::report::Entry;
use crate::source::{Line, SourceCell};

use super::{Assembler, Kind};

impl Assembler<'_> {
    /// Looks ahead for the page's first label: when it is the plan's title, the lines above
    /// it are the site's header (menus, banners, links), never the plan. A page whose first
    /// label is another one keeps every line above it to be accounted for as usual, so a
    /// label the grammar does not know cannot hide its text there.
    pub(crate) fn find_title(&mut self, lines: &[Line]) {
        let cells = lines.iter().flat_map(|line| match line {
            Line::Row(cells) => cells.as_slice(),
            _ => &[],
        });
        for cell in cells {
            match self.classify(cell) {
                Kind::Label(found, _) => {
                    if matches!(found.field, Field::Title | Field::DraftTitle) {
                        self.title_row = Some(cell.row);
                    }
                    return;
                }
                Kind::Unknown(_) => return,
                Kind::Value => {}
            }
        }
    }

    /// Accounts for a page line that is not the form's text; false when it is.
    pub(super) fn page_line(&mut self, cells: &[SourceCell]) -> bool {
        let [cell] = cells else {
            return false;
        };
        let text = cell.plain_text(self.bullets());
        let normalised = normalise(&text);
        if self.footer.is_none() {
            self.footer = self.footer_start(&normalised);
        }
        let header = self.title_row.is_some_and(|title| cell.row < title);
        let rule = match &self.footer {
            Some(phrase) => Some(Message::Footer {
                phrase: phrase.clone(),
            }),
            None if header => Some(Message::SiteHeader),
            None => self.chrome_rule(&normalised),
        };
        if let Some(rule) = rule {
            let first = Entry::chrome(&cell.address, cell.source_text(), rule.clone());
            self.entries.push(first);
            for (address, text) in &cell.joined {
                let joined = Entry::chrome(address, text.clone(), rule.clone());
                self.entries.push(joined);
            }
            return true;
        }
        if self.is_side_label_part(&normalised) {
            self.map(cell, "label:form2_side_label".to_owned());
            return true;
        }
        let trimmed = text.trim();
        let note = self
            .ctx
            .rules
            .page
            .note_prefixes
            .iter()
            .any(|p| !p.is_empty() && trimmed.starts_with(p.as_str()));
        let in_field = self.open.iter().any(|l| l.below && l.field.takes_value());
        if note && !in_field {
            self.draft.evidence.notes.push(trimmed.to_owned());
            self.map(cell, "meta.source".to_owned());
            return true;
        }
        false
    }

    /// The footer phrase this line starts with, if it starts the site's footer.
    fn footer_start(&self, normalised: &str) -> Option<String> {
        self.ctx
            .rules
            .page
            .footer_lines
            .iter()
            .find(|p| !p.is_empty() && normalised.starts_with(&normalise(p)))
            .cloned()
    }

    /// The chrome rule a line falls under: navigation and dates anywhere; notices about the
    /// plan only before its first label.
    fn chrome_rule(&self, normalised: &str) -> Option<Message> {
        let page = &self.ctx.rules.page;
        let starts =
            |phrase: &&String| !phrase.is_empty() && normalised.starts_with(&normalise(phrase));
        if let Some(phrase) = page.navigation_lines.iter().find(starts) {
            return Some(Message::Navigation {
                phrase: phrase.clone(),
            });
        }
        if page.date_lines.iter().any(|p| starts(&p)) || is_date(normalised) {
            return Some(Message::DateLine);
        }
        if self.seen_label {
            return None;
        }
        if let Some(word) = page
            .notice_words
            .iter()
            .find(|w| !w.is_empty() && normalised.contains(&normalise(w)))
        {
            return Some(Message::Notice { word: word.clone() });
        }
        ends_in_bracketed_date(normalised).then_some(Message::DatedNotice)
    }

    /// One character of the side label (`計`, `画`) on a line of its own.
    fn is_side_label_part(&self, normalised: &str) -> bool {
        let mut chars = normalised.chars();
        let (Some(c), None) = (chars.next(), chars.next()) else {
            return false;
        };
        self.ctx
            .rules
            .labels
            .get("form2_side_label")
            .is_some_and(|variants| variants.iter().any(|v| normalise(v).contains(c)))
    }
}

/// `2024年3月29日`, `令和6年3月29日(金)`, `2024/3/29`, `2024-03-29` (normalised).
pub fn is_date(text: &str) -> bool {
    let text = text
        .strip_prefix("令和")
        .or_else(|| text.strip_prefix("平成"))
        .unwrap_or(text);
    let Some(rest) = year_part(text) else {
        return false;
    };
    let rest = match rest.strip_suffix(')') {
        Some(before) => match before.rfind('(') {
            Some(open) if before[open..].chars().count() <= 4 => &before[..open],
            _ => return false,
        },
        None => rest,
    };
    month_day(rest)
}

fn year_part(text: &str) -> Option<&str> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let rest = if digits == 0 {
        text.strip_prefix('元')?
    } else {
        &text[digits..]
    };
    rest.strip_prefix('年')
        .or_else(|| rest.strip_prefix('/').filter(|_| digits == 4))
        .or_else(|| rest.strip_prefix('-').filter(|_| digits == 4))
}

/// `3月29日`, `3/29`, `03-29`.
fn month_day(text: &str) -> bool {
    let month = text.bytes().take_while(u8::is_ascii_digit).count();
    if month == 0 || month > 2 {
        return false;
    }
    let rest = &text[month..];
    let Some(day_part) = rest
        .strip_prefix('月')
        .or_else(|| rest.strip_prefix('/'))
        .or_else(|| rest.strip_prefix('-'))
    else {
        return false;
    };
    let day = day_part.bytes().take_while(u8::is_ascii_digit).count();
    let after = &day_part[day..];
    (1..=2).contains(&day) && (after.is_empty() || after == "日")
}

/// `…を実施しました。(令和6年4月1日)`.
fn ends_in_bracketed_date(text: &str) -> bool {
    let Some(before) = text.strip_suffix(')') else {
        return false;
    };
    before
        .rfind('(')
        .is_some_and(|open| open > 0 && is_date(&before[open + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_their_written_forms() {
        for date in [
            "2024年3月29日",
            "令和6年3月29日",
            "令和元年5月1日",
            "令和6年3月29日(金)",
            "2024/3/29",
            "2024-03-29",
        ] {
            assert!(is_date(date), "{date}");
        }
        for other in [
            "2024年",
            "令和6年度",
            "3月29日に実施",
            "12345",
            "1年間の取組成果",
        ] {
            assert!(!is_date(other), "{other}");
        }
        assert!(ends_in_bracketed_date(&normalise(
            "運営方針の進捗管理を実施しました。（令和6年4月1日）"
        )));
        assert!(!ends_in_bracketed_date("歳入の確保(広告事業等)"));
    }
}
