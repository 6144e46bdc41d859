//! A small, forgiving HTML reader: enough for the city's rich-text cells (`<p>`, `<ul><li>`,
//! `<br>`) and whole pages. Unclosed tags (a page cut mid-way) end where the text ends.

use unei_core::rich::{Block, RichText};

use crate::richtext::{items_to_block, trim_ascii};

/// Elements that never have content or an end tag.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose content is raw text, not markup.
const RAW_TEXT: [&str; 2] = ["script", "style"];

/// Block-level elements: each starts a new paragraph.
pub const BLOCKS: [&str; 20] = [
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "dt",
    "dd",
    "dl",
    "section",
    "article",
    "main",
    "table",
    "tr",
    "td",
    "th",
    "caption",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token<'a> {
    Start {
        name: String,
        attrs: &'a str,
        offset: usize,
        end: usize,
    },
    End {
        name: String,
        offset: usize,
        end: usize,
    },
    Text {
        text: &'a str,
        offset: usize,
    },
}

impl Token<'_> {
    pub fn offset(&self) -> usize {
        match self {
            Token::Start { offset, .. }
            | Token::End { offset, .. }
            | Token::Text { offset, .. } => *offset,
        }
    }
}

pub fn is_void(name: &str) -> bool {
    VOID.contains(&name)
}

/// Splits HTML into tags and text; comments, doctypes and broken tags are dropped.
pub fn tokenize(html: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut pos = 0;
    while pos < html.len() {
        let Some(found) = html[pos..].find('<') else {
            tokens.push(Token::Text {
                text: &html[pos..],
                offset: pos,
            });
            break;
        };
        let start = pos + found;
        if start > pos {
            tokens.push(Token::Text {
                text: &html[pos..start],
                offset: pos,
            });
        }
        pos = match read_markup(html, start, &mut tokens) {
            Some(next) => next,
            None => break,
        };
    }
    tokens
}

/// Reads the markup at `start` (`<…`); returns where text resumes, `None` at a cut-off tag.
fn read_markup<'a>(html: &'a str, start: usize, tokens: &mut Vec<Token<'a>>) -> Option<usize> {
    let rest = &html[start..];
    if rest.starts_with("<!--") {
        return Some(rest.find("-->").map_or(html.len(), |i| start + i + 3));
    }
    let close = start + find_tag_end(rest)?;
    let inner = &html[start + 1..close];
    let end = close + 1;
    if let Some(name) = inner.strip_prefix('/') {
        tokens.push(Token::End {
            name: tag_name(name),
            offset: start,
            end,
        });
        return Some(end);
    }
    let name = tag_name(inner);
    if name.is_empty() {
        // `<!DOCTYPE…>`, `<?xml…>` or a stray `<`: markup without content for us.
        if !inner.starts_with(['!', '?']) {
            tokens.push(Token::Text {
                text: &html[start..start + 1],
                offset: start,
            });
            return Some(start + 1);
        }
        return Some(end);
    }
    let attrs = inner[name.len()..].trim_end_matches('/');
    tokens.push(Token::Start {
        name: name.clone(),
        attrs,
        offset: start,
        end,
    });
    if RAW_TEXT.contains(&name.as_str()) {
        let closing = format!("</{name}");
        let text_end =
            find_ascii_case_insensitive(&html[end..], &closing).map_or(html.len(), |i| end + i);
        tokens.push(Token::Text {
            text: &html[end..text_end],
            offset: end,
        });
        return Some(text_end);
    }
    Some(end)
}

/// Index of the `>` closing a tag, quotes respected.
fn find_tag_end(tag: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in tag.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

fn find_ascii_case_insensitive(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
}

fn tag_name(inner: &str) -> String {
    inner
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

/// The value of attribute `name` (`class`, `id`) in a start tag's attribute text.
pub fn attribute<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = attrs;
    while let Some(i) = find_ascii_case_insensitive(rest, name) {
        let before_ok = i == 0 || rest.as_bytes()[i - 1].is_ascii_whitespace();
        let after = rest[i + name.len()..].trim_start();
        if before_ok && let Some(value) = after.strip_prefix('=') {
            let value = value.trim_start();
            return Some(match value.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let inner = &value[1..];
                    inner.find(q).map_or(inner, |end| &inner[..end])
                }
                _ => value.split_whitespace().next().unwrap_or(""),
            });
        }
        rest = &rest[i + name.len()..];
    }
    None
}

/// Text with runs of HTML whitespace made one space, then character references decoded by
/// html-escape (every named reference of HTML, decimal and hexadecimal ones): a decoded
/// `&nbsp;` or `&#10;` is text, not markup whitespace.
pub fn decode_text(text: &str) -> String {
    let mut collapsed = String::with_capacity(text.len());
    let mut last_space = false;
    for c in text.chars() {
        let space = matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C');
        if !space {
            collapsed.push(c);
        } else if !last_space {
            collapsed.push(' ');
        }
        last_space = space;
    }
    html_escape::decode_html_entities(&collapsed).into_owned()
}

/// A rich-text cell (`<p>…</p> <ul><li>・…</li></ul>`) as blocks.
pub fn fragment_to_rich(fragment: &str, bullets: &[String]) -> RichText {
    let mut builder = BlockBuilder::new(bullets);
    for token in tokenize(fragment) {
        builder.token(&token);
    }
    builder.finish()
}

/// Turns the token stream of a fragment into blocks.
struct BlockBuilder<'b> {
    bullets: &'b [String],
    blocks: RichText,
    paragraph: String,
    list: Option<ListState>,
    skip_depth: usize,
}

struct ListState {
    ordered: bool,
    items: Vec<String>,
    current: Option<String>,
    /// Lists nested inside this one; their items join it.
    nested: usize,
}

impl<'b> BlockBuilder<'b> {
    fn new(bullets: &'b [String]) -> Self {
        BlockBuilder {
            bullets,
            blocks: Vec::new(),
            paragraph: String::new(),
            list: None,
            skip_depth: 0,
        }
    }

    fn token(&mut self, token: &Token<'_>) {
        match token {
            Token::Start { name, .. } if RAW_TEXT.contains(&name.as_str()) => self.skip_depth += 1,
            Token::End { name, .. } if RAW_TEXT.contains(&name.as_str()) => {
                self.skip_depth = self.skip_depth.saturating_sub(1);
            }
            _ if self.skip_depth > 0 => {}
            Token::Text { text, .. } => self.text(&decode_text(text)),
            Token::Start { name, .. } => self.start(name),
            Token::End { name, .. } => self.end(name),
        }
    }

    fn text(&mut self, text: &str) {
        match &mut self.list {
            Some(ListState {
                current: Some(item),
                ..
            }) => item.push_str(text),
            Some(list) if !text.trim().is_empty() => list.current = Some(text.to_owned()),
            Some(_) => {}
            None => self.paragraph.push_str(text),
        }
    }

    fn start(&mut self, name: &str) {
        match name {
            "br" => self.text("\n"),
            "ul" | "ol" => match &mut self.list {
                Some(list) => list.nested += 1,
                None => {
                    self.flush_paragraph();
                    self.list = Some(ListState {
                        ordered: name == "ol",
                        items: Vec::new(),
                        current: None,
                        nested: 0,
                    });
                }
            },
            "li" => {
                self.flush_paragraph();
                let list = self.list.get_or_insert(ListState {
                    ordered: false,
                    items: Vec::new(),
                    current: None,
                    nested: 0,
                });
                push_item(list);
                list.current = Some(String::new());
            }
            _ if BLOCKS.contains(&name) && self.list.is_none() => self.flush_paragraph(),
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "li" => {
                if let Some(list) = &mut self.list {
                    push_item(list);
                }
            }
            "ul" | "ol" => match &mut self.list {
                Some(list) if list.nested > 0 => list.nested -= 1,
                Some(_) => self.flush_list(),
                None => {}
            },
            _ if BLOCKS.contains(&name) && self.list.is_none() => self.flush_paragraph(),
            _ => {}
        }
    }

    fn flush_paragraph(&mut self) {
        let text = tidy(&std::mem::take(&mut self.paragraph));
        if !text.is_empty() {
            self.blocks.push(Block::P(text));
        }
    }

    fn flush_list(&mut self) {
        if let Some(mut list) = self.list.take() {
            push_item(&mut list);
            if !list.items.is_empty() {
                self.blocks
                    .push(items_to_block(list.items, list.ordered, self.bullets));
            }
        }
    }

    fn finish(mut self) -> RichText {
        self.flush_list();
        self.flush_paragraph();
        self.blocks
    }
}

fn push_item(list: &mut ListState) {
    if let Some(item) = list.current.take() {
        let item = tidy(&item);
        if !item.is_empty() {
            list.items.push(item);
        }
    }
}

/// Each line trimmed of the spaces that HTML source formatting adds.
fn tidy(text: &str) -> String {
    text.split('\n')
        .map(trim_ascii)
        .collect::<Vec<_>>()
        .join("\n")
        .trim_matches('\n')
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use unei_core::rich::BulletList;

    fn bullets() -> Vec<String> {
        vec!["・".to_owned()]
    }

    #[test]
    fn paragraphs_and_bullet_lists() {
        let rich = fragment_to_rich(
            "<p>【経営課題4 区民】</p> <p>区政運営において、</p>\t<ul style=\"list-style-type: none\"> <li>・区民が区政運営に参加</li> <li>・広報・情報発信の充実</li> </ul>",
            &bullets(),
        );
        assert_eq!(
            rich,
            vec![
                Block::P("【経営課題4 区民】".to_owned()),
                Block::P("区政運営において、".to_owned()),
                Block::List(BulletList {
                    marker: "・".to_owned(),
                    items: vec![
                        "区民が区政運営に参加".to_owned(),
                        "広報・情報発信の充実".to_owned()
                    ],
                }),
            ]
        );
    }

    #[test]
    fn entities_breaks_and_inline_tags() {
        let rich = fragment_to_rich(
            "<p>A&amp;B&#12354;&#x3044;<br>次の<strong>行</strong>&hellip;&mdash;&rarr;&nbsp;&bogus;</p>",
            &bullets(),
        );
        assert_eq!(
            rich,
            vec![Block::P("A&Bあい\n次の行…—→\u{a0}&bogus;".to_owned())]
        );
    }

    #[test]
    fn cut_off_fragments_keep_what_is_there() {
        let rich = fragment_to_rich("<ul> <li>・一つ目</li> <li>・二つ", &bullets());
        let Some(Block::List(list)) = rich.first() else {
            panic!("{rich:?}")
        };
        assert_eq!(list.items, ["一つ目", "二つ"]);
        assert_eq!(
            fragment_to_rich("<p>途中まで<", &bullets()),
            vec![Block::P("途中まで".to_owned())]
        );
        assert_eq!(fragment_to_rich("<", &bullets()), Vec::<Block>::new());
    }

    #[test]
    fn attributes_and_raw_text() {
        let tokens =
            tokenize("<div class='nav menu' id=\"top\"><script>if (a<b) {}</script>x</div>");
        let Token::Start { attrs, .. } = &tokens[0] else {
            panic!("{tokens:?}")
        };
        assert_eq!(attribute(attrs, "class"), Some("nav menu"));
        assert_eq!(attribute(attrs, "id"), Some("top"));
        assert!(
            tokens
                .iter()
                .any(|t| matches!(t, Token::Text { text, .. } if *text == "if (a<b) {}"))
        );
    }
}
