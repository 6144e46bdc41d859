//! What can be wrong with a template's content, as typed values in both languages, so a
//! broken template reads in Japanese as well as a broken plan does.

use crate::i18n::{Lang, Localize};

/// One thing wrong with a template (from [`crate::Template::problems`] or `extends`).
#[derive(Debug, Clone, PartialEq)]
pub enum TemplateProblem {
    /// `org_kinds` has no wording for this kind (区, 局, …).
    NoOrgKindWording {
        /// The kind (`区`).
        kind: String,
    },
    /// A label the form needs is missing from `labels.A`/`labels.B`.
    MissingLabel {
        /// `A` or `B`.
        generation: String,
        /// The label's id.
        id: String,
    },
    /// A label uses a `{placeholder}` unei does not fill.
    UnknownPlaceholder {
        /// `A` or `B`.
        generation: String,
        /// The label's id.
        id: String,
        /// The placeholder's name.
        name: String,
        /// The placeholders unei fills.
        known: String,
    },
    /// `page.size` is not a paper size unei knows.
    UnknownPaperSize {
        /// The size as written.
        size: String,
    },
    /// `page.orientation` is neither portrait nor landscape.
    BadOrientation {
        /// The orientation as written.
        orientation: String,
    },
    /// `page.font_size_pt` is outside 6–36 pt.
    FontSizeOutOfRange {
        /// The size, in points.
        size: f32,
    },
    /// `page.two_column_split` is outside 0.2–0.8.
    SplitOutOfRange {
        /// The fraction.
        split: f32,
    },
    /// A code list without codes.
    EmptyCodeList {
        /// The list's id.
        id: String,
    },
    /// `extends` is not a string.
    ExtendsNotAName,
    /// `extends` names no bundled template.
    UnknownBase {
        /// The name `extends` gives.
        name: String,
        /// The bundled templates.
        known: String,
    },
    /// The overrides do not fit the template's fields (toml's own message).
    Parser {
        /// toml's message.
        message: String,
    },
}

impl Localize for TemplateProblem {
    fn localize(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.english(),
            Lang::Ja => self.japanese(),
        }
    }
}

impl std::fmt::Display for TemplateProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.english())
    }
}

impl TemplateProblem {
    fn english(&self) -> String {
        use TemplateProblem::*;
        match self {
            NoOrgKindWording { kind } => {
                format!("org_kinds: no wording for organisation kind {kind:?}")
            }
            MissingLabel { generation, id } => format!("labels.{generation}: missing label {id:?}"),
            UnknownPlaceholder {
                generation,
                id,
                name,
                known,
            } => {
                format!("labels.{generation}.{id}: unknown placeholder {{{name}}} (known: {known})")
            }
            UnknownPaperSize { size } => {
                format!("page.size: {size:?} is not a known paper size (A4, A3, B4, B5, Letter)")
            }
            BadOrientation { orientation } => {
                format!("page.orientation: {orientation:?} must be \"portrait\" or \"landscape\"")
            }
            FontSizeOutOfRange { size } => format!("page.font_size_pt: {size} is outside 6–36 pt"),
            SplitOutOfRange { split } => {
                format!("page.two_column_split: {split} is outside 0.2–0.8")
            }
            EmptyCodeList { id } => format!("code_lists.{id}: has no codes"),
            ExtendsNotAName => "extends must be the name of a bundled template".to_owned(),
            UnknownBase { name, known } => {
                format!("extends {name:?}: no such bundled template (known: {known})")
            }
            Parser { message } => message.clone(),
        }
    }

    fn japanese(&self) -> String {
        use TemplateProblem::*;
        match self {
            NoOrgKindWording { kind } => {
                format!("org_kinds: 組織の種類「{kind}」の表記がありません")
            }
            MissingLabel { generation, id } => {
                format!("labels.{generation}: 見出し {id:?} がありません")
            }
            UnknownPlaceholder {
                generation,
                id,
                name,
                known,
            } => format!(
                "labels.{generation}.{id}: 差し込み {{{name}}} は使えません（使えるもの: {known}）"
            ),
            UnknownPaperSize { size } => format!(
                "page.size: {size:?} は使える用紙の大きさではありません（A4、A3、B4、B5、Letter）"
            ),
            BadOrientation { orientation } => format!(
                "page.orientation: {orientation:?} ではなく \"portrait\"（縦）か \"landscape\"（横）にしてください"
            ),
            FontSizeOutOfRange { size } => {
                format!("page.font_size_pt: {size} は 6～36 pt の範囲外です")
            }
            SplitOutOfRange { split } => {
                format!("page.two_column_split: {split} は 0.2～0.8 の範囲外です")
            }
            EmptyCodeList { id } => format!("code_lists.{id}: コードが一つもありません"),
            ExtendsNotAName => "extends には同梱のテンプレートの名前を書いてください".to_owned(),
            UnknownBase { name, known } => format!(
                "extends {name:?}: そのような同梱のテンプレートはありません（あるもの: {known}）"
            ),
            Parser { message } => crate::i18n::translate(message, Lang::Ja),
        }
    }
}
