//! Rich text as the forms hold it: paragraphs, bullet lists keeping the author's bullet
//! character, and numbered items. Every character is kept as written.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A cell's content: blocks in reading order.
pub type RichText = Vec<Block>;

/// One block of rich text. In JSON: `{"p": "…"}`, `{"list": {…}}` or `{"numbered": {…}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Block {
    /// A paragraph.
    P(String),
    /// A bullet list; the bullet is printed before each item.
    List(BulletList),
    /// Numbered items such as the 使命's aims (`1 人と人が…`).
    Numbered(NumberedList),
}

/// Items each introduced by `marker` (the author's bullet, `・` by default).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BulletList {
    #[serde(default = "default_marker", skip_serializing_if = "is_default_marker")]
    /// The bullet (`・` when absent).
    pub marker: String,
    /// The items' texts, without the bullet.
    pub items: Vec<String>,
}

/// Numbered items; `number` is kept as written (`1`, `①`, `(1)`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NumberedList {
    /// The items, in order.
    pub items: Vec<NumberedItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// One numbered item.
pub struct NumberedItem {
    /// The number as written (`1`, `①`, `(1)`).
    pub number: String,
    /// The item's text.
    pub text: String,
}

/// The bullet used when a list does not name one.
pub const DEFAULT_MARKER: &str = "・";

pub(crate) fn default_marker() -> String {
    DEFAULT_MARKER.to_owned()
}

pub(crate) fn is_default_marker(marker: &str) -> bool {
    marker == DEFAULT_MARKER
}

impl Block {
    /// Each printed line of text of the block with its marker or number joined as printed
    /// (`・地域の福祉活動`, `1 人と人が…`), and the JSON path suffix of its text.
    pub fn texts(&self) -> Vec<(String, String)> {
        match self {
            Block::P(text) => vec![(".p".to_owned(), text.clone())],
            Block::List(list) => list
                .items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    (
                        format!(".list.items[{i}]"),
                        format!("{}{item}", list.marker),
                    )
                })
                .collect(),
            Block::Numbered(list) => list
                .items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    (
                        format!(".numbered.items[{i}]"),
                        format!("{} {}", item.number, item.text),
                    )
                })
                .collect(),
        }
    }

    /// True when the block holds no visible text.
    pub fn is_blank(&self) -> bool {
        match self {
            Block::P(text) => text.trim().is_empty(),
            Block::List(list) => list.items.iter().all(|i| i.trim().is_empty()),
            Block::Numbered(list) => list.items.iter().all(|i| i.text.trim().is_empty()),
        }
    }
}

/// True when a rich text has no visible text at all.
pub fn is_blank(text: &[Block]) -> bool {
    text.iter().all(Block::is_blank)
}
