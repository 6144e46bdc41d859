//! A whole .html page → rows: each paragraph, heading or list outside tables is a row of
//! one cell; each table row is a row of its cells (colspan kept). Navigation regions
//! (`<nav>`, `<header>`, `class="breadcrumb"` … per `[import.page].skip_html`) are left out
//! and listed.

use super::PageRow;
use super::html::{Token, attribute, decode_text, is_void, tokenize};
use crate::assemble::Context;
use crate::message::Message;
use crate::report::Entry;
use crate::source::{Content, SourceCell};

/// Elements whose whole content is one row.
const ROW_BLOCKS: [&str; 13] = [
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "dl",
    "blockquote",
    "pre",
    "li",
];

/// Elements of the page's machinery, not its text: skipped without being listed.
const MACHINERY: [&str; 5] = ["head", "script", "style", "noscript", "template"];

pub fn rows(html: &str, file: &str, ctx: &Context<'_>) -> Vec<PageRow> {
    let walker = Walker {
        html,
        file,
        tokens: tokenize(html),
        line_starts: line_starts(html),
        skip: &ctx.rules.page.skip_html,
    };
    let mut rows = Vec::new();
    walker.walk(&mut rows);
    rows
}

struct Walker<'h, 'r> {
    html: &'h str,
    file: &'h str,
    tokens: Vec<Token<'h>>,
    line_starts: Vec<usize>,
    skip: &'r [String],
}

impl Walker<'_, '_> {
    fn walk(&self, rows: &mut Vec<PageRow>) {
        let mut i = 0;
        let mut loose: Option<usize> = None;
        while i < self.tokens.len() {
            let token = &self.tokens[i];
            let (name, attrs) = match token {
                Token::Start { name, attrs, .. } => (name.as_str(), *attrs),
                Token::Text { text, .. } => {
                    if loose.is_none() && !decode_text(text).trim().is_empty() {
                        loose = Some(i);
                    }
                    i += 1;
                    continue;
                }
                Token::End { name, .. } => {
                    if is_block_boundary(name) {
                        self.flush_loose(&mut loose, i, rows);
                    }
                    i += 1;
                    continue;
                }
            };
            if !is_block_boundary(name) && !self.skipped(name, attrs) {
                // Inline markup (`<span>`, `<a>`) inside loose text.
                i += 1;
                continue;
            }
            self.flush_loose(&mut loose, i, rows);
            let end = self.matching_end(i, name);
            if self.skipped(name, attrs) {
                if !MACHINERY.contains(&name) {
                    self.list_skipped(i, end, name, rows);
                }
            } else if name == "table" {
                self.table(i, end, rows);
            } else if ROW_BLOCKS.contains(&name) {
                rows.push(PageRow::Cells(vec![self.cell(i, end, 0, 0)]));
            } else {
                // A container (`<div>`, `<main>`): its children are read in turn.
                i += 1;
                continue;
            }
            i = end + 1;
        }
        self.flush_loose(&mut loose, self.tokens.len(), rows);
    }

    /// True for navigation (by element name, id or class word) and machinery.
    fn skipped(&self, name: &str, attrs: &str) -> bool {
        if MACHINERY.contains(&name) || self.skip.iter().any(|s| s == name) {
            return true;
        }
        let words = ["id", "class"]
            .iter()
            .filter_map(|a| attribute(attrs, a))
            .flat_map(|v| v.split(|c: char| c.is_whitespace() || c == '-' || c == '_'))
            .map(str::to_ascii_lowercase);
        words.into_iter().any(|w| self.skip.contains(&w))
    }

    /// Index of the end tag closing the element started at `start` (the last token when the
    /// page is cut off before it).
    fn matching_end(&self, start: usize, name: &str) -> usize {
        if is_void(name) {
            return start;
        }
        let mut depth = 0usize;
        for (i, token) in self.tokens.iter().enumerate().skip(start) {
            match token {
                Token::Start { name: n, .. } if n == name => depth += 1,
                Token::End { name: n, .. } if n == name => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return i;
                    }
                }
                _ => {}
            }
        }
        self.tokens.len().saturating_sub(1)
    }

    /// One cell holding the source between the tokens `start` and `end` (both included).
    /// Rows are numbered by the caller in reading order; the address names the source line.
    fn cell(&self, start: usize, end: usize, col: u32, col_end: u32) -> SourceCell {
        let from = self.tokens[start].offset();
        let to = match &self.tokens[end] {
            Token::End { end, .. } | Token::Start { end, .. } => *end,
            Token::Text { text, offset } => offset + text.len(),
        };
        let mut cell = SourceCell::new(
            self.address(from),
            0,
            col,
            Content::Html(self.html[from..to.max(from)].to_owned()),
        );
        cell.col_end = col_end;
        cell
    }

    fn flush_loose(&self, loose: &mut Option<usize>, before: usize, rows: &mut Vec<PageRow>) {
        if let Some(start) = loose.take()
            && before > start
        {
            rows.push(PageRow::Cells(vec![self.cell(start, before - 1, 0, 0)]));
        }
    }

    /// A table's rows: `<tr>` → row, `<td>`/`<th>` → cell whose content is its inner HTML.
    fn table(&self, start: usize, end: usize, rows: &mut Vec<PageRow>) {
        let mut i = start + 1;
        let mut row: Vec<SourceCell> = Vec::new();
        let mut col = 0u32;
        while i < end {
            match &self.tokens[i] {
                Token::Start { name, .. } if name == "tr" => {
                    push_row(&mut row, rows);
                    col = 0;
                }
                Token::Start { name, attrs, .. } if name == "td" || name == "th" => {
                    let close = self.matching_end(i, name).min(end);
                    let span = attribute(attrs, "colspan")
                        .and_then(|s| s.trim().parse::<u32>().ok())
                        .map_or(1, |s| s.clamp(1, 1000));
                    let mut cell = self.cell(i, close, col, col.saturating_add(span - 1));
                    cell.content = Content::Html(self.inner(i, close));
                    if !cell.plain_text(&[]).trim().is_empty() {
                        row.push(cell);
                    }
                    col = col.saturating_add(span);
                    i = close;
                }
                _ => {}
            }
            i += 1;
        }
        push_row(&mut row, rows);
    }

    /// The source between a start tag and its end tag.
    fn inner(&self, start: usize, end: usize) -> String {
        let from = match &self.tokens[start] {
            Token::Start { end, .. } => *end,
            other => other.offset(),
        };
        let to = match &self.tokens[end] {
            Token::End { offset, .. } => *offset,
            Token::Start { end, .. } => *end,
            Token::Text { text, offset } => offset + text.len(),
        };
        self.html[from..to.max(from)].to_owned()
    }

    fn list_skipped(&self, start: usize, end: usize, name: &str, rows: &mut Vec<PageRow>) {
        let text: String = self.tokens[start..=end]
            .iter()
            .filter_map(|t| match t {
                Token::Text { text, .. } => Some(decode_text(text)),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(" ");
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            let rule = Message::NavigationRegion {
                element: name.to_owned(),
            };
            let address = self.address(self.tokens[start].offset());
            rows.push(PageRow::Accounted(Box::new(Entry::chrome(
                &address, text, rule,
            ))));
        }
    }

    /// `file:line:column` of a byte offset, the column in characters from 1.
    fn address(&self, offset: usize) -> String {
        let line = self.line_of(offset);
        let line_start = self
            .line_starts
            .get(line.saturating_sub(1) as usize)
            .copied()
            .unwrap_or(0);
        let column = self
            .html
            .get(line_start..offset)
            .map_or(1, |text| text.chars().count() + 1);
        format!("{}:{line}:{column}", self.file)
    }

    fn line_of(&self, offset: usize) -> u32 {
        let line = self.line_starts.partition_point(|start| *start <= offset);
        u32::try_from(line).unwrap_or(u32::MAX)
    }
}

fn push_row(row: &mut Vec<SourceCell>, rows: &mut Vec<PageRow>) {
    if !row.is_empty() {
        rows.push(PageRow::Cells(std::mem::take(row)));
    }
}

/// Block-level elements end loose text.
fn is_block_boundary(name: &str) -> bool {
    ROW_BLOCKS.contains(&name)
        || super::html::BLOCKS.contains(&name)
        || matches!(
            name,
            "body" | "html" | "nav" | "header" | "footer" | "aside" | "form" | "br" | "hr"
        )
}

/// Byte offsets where lines start.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}
