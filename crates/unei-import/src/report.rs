//! The import report: where every non-empty cell or line went, in four kinds — mapped (with
//! its field), chrome (skipped, with the rule), unknown label (with the closest known label
//! and where its text went) and unmapped (with the reason) — and why the generation and
//! status were chosen. Written by `unei import --report`; read by `unei serve` and `unei diff`.

use serde::Serialize;
use unei_core::{Generation, Lang, Status};

use crate::error::Warning;
use crate::message::Message;

/// What became of one cell or line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// Went into the plan.
    Mapped,
    /// Site chrome around the plan (navigation, dates, notices): skipped on purpose.
    Chrome,
    /// Looks like a label but matches none of the template's.
    UnknownLabel,
    /// Went nowhere.
    Unmapped,
}

impl EntryKind {
    /// Every kind, in the order of the summary line.
    pub const ALL: [EntryKind; 4] = [
        EntryKind::Mapped,
        EntryKind::Chrome,
        EntryKind::UnknownLabel,
        EntryKind::Unmapped,
    ];

    /// The kind's name in `lang` (`unknown label` / `不明な見出し`).
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (EntryKind::Mapped, Lang::En) => "mapped",
            (EntryKind::Chrome, Lang::En) => "chrome",
            (EntryKind::UnknownLabel, Lang::En) => "unknown label",
            (EntryKind::Unmapped, Lang::En) => "unmapped",
            (EntryKind::Mapped, Lang::Ja) => "取り込み",
            (EntryKind::Chrome, Lang::Ja) => "ページの飾り",
            (EntryKind::UnknownLabel, Lang::Ja) => "不明な見出し",
            (EntryKind::Unmapped, Lang::Ja) => "対応先なし",
        }
    }
}

/// One non-empty cell or line of the source and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// What became of it.
    pub kind: EntryKind,
    /// `様式1!C12` or `page.txt:12:1` (line and column in characters).
    pub address: String,
    /// The text as the source holds it.
    pub text: String,
    /// Mapped: the JSON path of the plan field (`issues[0].strategies`), or `label:<id>` for
    /// a label. Unknown label: where its text went (a path, or `unmapped`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Chrome: the rule that recognised it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<Message>,
    /// Unknown label: the closest known label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closest_label: Option<String>,
    /// Unmapped: why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<Message>,
}

impl Entry {
    pub(crate) fn mapped(address: &str, text: String, field: String) -> Entry {
        Entry {
            kind: EntryKind::Mapped,
            address: address.to_owned(),
            text,
            field: Some(field),
            rule: None,
            closest_label: None,
            reason: None,
        }
    }

    pub(crate) fn chrome(address: &str, text: String, rule: Message) -> Entry {
        Entry {
            kind: EntryKind::Chrome,
            rule: Some(rule),
            ..Entry::mapped(address, text, String::new())
        }
        .without_field()
    }

    pub(crate) fn unmapped(address: &str, text: String, reason: Message) -> Entry {
        Entry {
            kind: EntryKind::Unmapped,
            reason: Some(reason),
            ..Entry::mapped(address, text, String::new())
        }
        .without_field()
    }

    pub(crate) fn unknown_label(
        address: &str,
        text: String,
        closest: String,
        destination: String,
    ) -> Entry {
        Entry {
            kind: EntryKind::UnknownLabel,
            closest_label: Some(closest),
            ..Entry::mapped(address, text, destination)
        }
    }

    fn without_field(mut self) -> Entry {
        self.field = None;
        self
    }

    /// The entry as one line for people: `様式1!F12: unmapped (reason): "text"`.
    pub fn render(&self, lang: Lang) -> String {
        let kind = self.kind.name(lang);
        let why = match self.kind {
            EntryKind::Mapped => self.field.clone().unwrap_or_default(),
            EntryKind::Chrome => self
                .rule
                .as_ref()
                .map(|m| m.render(lang))
                .unwrap_or_default(),
            EntryKind::Unmapped => self
                .reason
                .as_ref()
                .map(|m| m.render(lang))
                .unwrap_or_default(),
            EntryKind::UnknownLabel => Message::UnknownLabel {
                closest: self.closest_label.clone().unwrap_or_default(),
                destination: self.field.clone().unwrap_or_default(),
            }
            .render(lang),
        };
        match lang {
            Lang::En => format!("{}: {kind} ({why}): {:?}", self.address, self.text),
            Lang::Ja => format!("{}: {kind}（{why}）: {:?}", self.address, self.text),
        }
    }
}

/// Which sheet held which 様式.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SheetReport {
    /// The sheet's name.
    pub name: String,
    /// The 様式 it holds (`様式1`, `様式2`, `様式3`).
    pub form: String,
}

/// Entries per kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Went into the plan.
    pub mapped: usize,
    /// The page's site chrome (skipped).
    pub chrome: usize,
    /// Label-shaped, matching no label.
    pub unknown_label: usize,
    /// Went nowhere.
    pub unmapped: usize,
}

impl Counts {
    /// `40 mapped, 6 chrome, 0 unknown label, 0 unmapped` in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        EntryKind::ALL
            .iter()
            .map(|kind| format!("{} {}", self.of(*kind), kind.name(lang)))
            .collect::<Vec<_>>()
            .join(match lang {
                Lang::En => ", ",
                Lang::Ja => "、",
            })
    }

    /// The count of `kind`.
    pub fn of(&self, kind: EntryKind) -> usize {
        match kind {
            EntryKind::Mapped => self.mapped,
            EntryKind::Chrome => self.chrome,
            EntryKind::UnknownLabel => self.unknown_label,
            EntryKind::Unmapped => self.unmapped,
        }
    }
}

/// Where everything went, and why the importer chose what it chose.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The imported file.
    pub source: String,
    /// `xlsx`, `xls`, `ods`, `page-text`, `page-html`.
    pub format: String,
    /// The generation chosen.
    pub generation: Generation,
    /// Why that generation.
    pub generation_reason: Message,
    /// The status chosen: the one the content supports.
    pub status: Status,
    /// Why that status.
    pub status_reason: Message,
    /// Workbooks: each sheet and the 様式 it holds.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sheets: Vec<SheetReport>,
    /// Entries per kind.
    pub counts: Counts,
    /// Every non-empty cell or line, in source order.
    pub entries: Vec<Entry>,
    /// The same warnings as [`crate::Imported::warnings`].
    pub warnings: Vec<Warning>,
}

impl Report {
    /// Pretty JSON with a trailing newline.
    pub fn to_json(&self) -> String {
        // Plain data with string keys and no maps: serialisation cannot fail.
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The entries of one kind.
    pub fn of(&self, kind: EntryKind) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(move |e| e.kind == kind)
    }

    /// True when something needs a person's look: unmapped text or an unknown label.
    /// Chrome alone never does.
    pub fn needs_attention(&self) -> bool {
        self.counts.unmapped + self.counts.unknown_label > 0
    }

    pub(crate) fn count(entries: &[Entry]) -> Counts {
        let mut counts = Counts::default();
        for entry in entries {
            match entry.kind {
                EntryKind::Mapped => counts.mapped += 1,
                EntryKind::Chrome => counts.chrome += 1,
                EntryKind::UnknownLabel => counts.unknown_label += 1,
                EntryKind::Unmapped => counts.unmapped += 1,
            }
        }
        counts
    }
}
