//! What both importers hand to the assembler: rows of cells with positions and spans.
//! A workbook sheet and a published page are read the same way once they are rows.

use unei_core::rich::{Block, RichText};

use crate::page::html;
use crate::richtext::{items_to_block, number_text, text_to_rich};

/// A cell's content as the source holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    /// Plain text; line breaks inside the cell are kept.
    Text(String),
    /// A numeric cell.
    Number(f64),
    /// An HTML fragment: a rich-text cell of a published page.
    Html(String),
    /// List lines of the page's text form (`- 1 人と人が…`), without the `- `.
    ListItems(Vec<String>),
}

/// One non-empty cell (a merged region counts once, at its top-left cell).
#[derive(Debug, Clone, PartialEq)]
pub struct SourceCell {
    /// `様式1!B7`, `page.txt:12`.
    pub address: String,
    pub row: u32,
    pub row_end: u32,
    pub col: u32,
    pub col_end: u32,
    pub content: Content,
    /// Page lines joined onto this one (a line wrap copied from a PDF): their addresses and
    /// texts, which end the content in this order.
    pub joined: Vec<(String, String)>,
}

impl SourceCell {
    /// The cell (its first line, when lines were joined onto it) as the source holds it,
    /// for the report.
    pub fn source_text(&self) -> String {
        let text = Self::text_of(&self.content);
        let joined: usize = self.joined.iter().map(|(_, t)| t.len()).sum();
        text.get(..text.len().saturating_sub(joined))
            .unwrap_or(&text)
            .to_owned()
    }

    /// A cell of its own, not joined to anything.
    pub fn new(address: String, row: u32, col: u32, content: Content) -> SourceCell {
        SourceCell {
            address,
            row,
            row_end: row,
            col,
            col_end: col,
            content,
            joined: Vec::new(),
        }
    }

    /// Content as the source holds it.
    pub fn text_of(content: &Content) -> String {
        match content {
            Content::Text(text) | Content::Html(text) => text.clone(),
            Content::Number(value) => number_text(*value),
            Content::ListItems(items) => items.join("\n"),
        }
    }

    /// The cell as rich text.
    pub fn rich(&self, bullets: &[String]) -> RichText {
        match &self.content {
            Content::Text(text) => text_to_rich(text, bullets),
            Content::Html(fragment) => html::fragment_to_rich(fragment, bullets),
            Content::Number(value) => vec![Block::P(number_text(*value))],
            Content::ListItems(items) => vec![items_to_block(items.clone(), false, bullets)],
        }
    }

    /// The visible text, blocks and list items on lines of their own: what labels and
    /// headings are matched against.
    pub fn plain_text(&self, bullets: &[String]) -> String {
        match &self.content {
            Content::Text(text) => text.clone(),
            Content::Number(value) => number_text(*value),
            Content::Html(_) | Content::ListItems(_) => rich_plain_text(&self.rich(bullets)),
        }
    }

    /// A cell holding `text` at the same place (the value part of a `label\nvalue` cell).
    pub fn with_text(&self, text: String) -> SourceCell {
        SourceCell {
            content: Content::Text(text),
            joined: Vec::new(),
            ..self.clone()
        }
    }
}

/// Rich text as lines, markers and numbers included.
pub fn rich_plain_text(rich: &RichText) -> String {
    rich.iter()
        .flat_map(Block::texts)
        .map(|(_, line)| line)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The assembler's input.
#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    /// A new sheet starts; `form` is the 様式 it was found to hold.
    Sheet { name: String, form: String },
    /// Cells that start on one row (left to right).
    Row(Vec<SourceCell>),
    /// An empty sheet row: values below a label end here.
    Gap,
    /// A line the reader itself accounted for (page chrome found by the HTML reader).
    Entry(Box<crate::report::Entry>),
}
