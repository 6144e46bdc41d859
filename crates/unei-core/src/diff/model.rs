//! What a diff is made of: plain data that the reports read and that `--format json` prints
//! as it is (the field names and values below are the documented JSON).

use schemars::JsonSchema;
use serde::Serialize;

use crate::model::{Generation, Status};

/// The differences between two plans.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct PlanDiff {
    /// The plan compared from (last year's, the draft).
    pub old: PlanHeader,
    /// The plan compared to.
    pub new: PlanHeader,
    /// Every change, one per fact, in the reading order of the new plan (removed items where
    /// they stood).
    pub changes: Vec<Change>,
    /// Budgets of the 主な具体的取組 (様式1), old and new.
    pub budget: Budget,
    /// Changes found but left out because the options ask so (`ignore_width`).
    pub ignored: Ignored,
}

impl PlanDiff {
    /// True when nothing changed (ignored changes do not count).
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

/// Who and when: enough to title a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct PlanHeader {
    /// The organisation's name (`福島区`).
    pub organisation: String,
    /// As written: `令和2年度`.
    pub fiscal_year: String,
    /// The plan's status (案, 確定 …).
    pub status: Status,
    /// The form generation (A until 令和4年度, B after).
    pub generation: Generation,
}

/// One fact about what changed.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Change {
    /// What kind of change.
    pub kind: ChangeKind,
    /// What the change is about.
    pub item: Item,
    /// Where it is: the new plan's place (the old plan's for removed items), outermost first.
    pub place: Vec<Step>,
    /// For moved items: where the item was in the old plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Vec<Step>>,
    /// The item in the old plan (absent when added).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old: Option<Side>,
    /// The item in the new plan (absent when removed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new: Option<Side>,
    /// Character-level diff of the text, for reworded, width-only and whitespace-only changes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub segments: Vec<Segment>,
    /// Budget in 千円, for amount changes and added or removed 具体的取組.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<AmountDelta>,
}

/// The kinds of change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Only in the new plan.
    Added,
    /// Only in the old plan.
    Removed,
    /// The same item at another place (another 経営課題, another position in its list).
    Moved,
    /// The same 経営課題 (or 様式2 戦略 / 具体的取組) under another number.
    Renumbered,
    /// The text changed; `segments` shows how.
    Reworded,
    /// Only full-width / half-width forms changed (equal after NFKC).
    WidthOnly,
    /// Only spaces or line breaks changed.
    WhitespaceOnly,
    /// A budget amount changed value.
    AmountChanged,
    /// An evaluation code or grade changed.
    CodeChanged,
    /// A printed label changed (the label wording variant, a label override, a block's label).
    LabelChanged,
    /// A plan attribute changed (fiscal year, status, generation, organisation …).
    ValueChanged,
}

impl ChangeKind {
    /// Every kind, in the order reports list them.
    pub const ALL: [ChangeKind; 11] = [
        ChangeKind::Added,
        ChangeKind::Removed,
        ChangeKind::Moved,
        ChangeKind::Renumbered,
        ChangeKind::Reworded,
        ChangeKind::WidthOnly,
        ChangeKind::WhitespaceOnly,
        ChangeKind::AmountChanged,
        ChangeKind::CodeChanged,
        ChangeKind::LabelChanged,
        ChangeKind::ValueChanged,
    ];
}

/// What a change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Item {
    /// A plan attribute (`meta.*`, 様式3's plan version).
    Value,
    /// A printed label.
    Label,
    /// A whole optional section (様式2, 様式3, 自己評価, 達成状況).
    Section,
    /// A 経営課題.
    Issue,
    /// The title of a 経営課題, 様式2 戦略 or 具体的取組, or a 様式3 row's 主な取組項目.
    Title,
    /// A paragraph added or removed whole.
    Paragraph,
    /// A sentence of a paragraph.
    Sentence,
    /// A bullet line (bullet included).
    ListItem,
    /// A numbered line (number included).
    NumberedItem,
    /// A 主な戦略 line (様式1) or a 様式2 戦略.
    Strategy,
    /// A 具体的取組 (様式1 line or 様式2 entry).
    Initiative,
    /// A budget amount's text.
    Amount,
    /// A labelled block of 様式2 or of the preamble.
    Block,
    /// An evaluation code or grade.
    Code,
    /// A 様式3 row.
    Row,
}

/// One level of a change's place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Step {
    /// A part of the plan.
    Section {
        /// Which part.
        section: Section,
    },
    /// A 経営課題, by its number in each plan (absent on the side that lacks it).
    Issue {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        /// Its number in the old plan.
        old: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        /// Its number in the new plan.
        new: Option<String>,
        /// Its title (the new plan's when both have it).
        title: String,
    },
    /// A field of the item above.
    Field {
        /// Which field.
        field: Field,
    },
    /// A labelled block (様式2, preamble), by its label.
    Block {
        /// The block's label.
        label: String,
    },
    /// A 様式2 戦略.
    Strategy {
        /// Its number (`1-1`).
        number: String,
        /// Its title.
        title: String,
    },
    /// A 具体的取組: a 様式2 one by number, a 様式1 line by its text (for its amount's changes).
    Initiative {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        /// Its number (様式2).
        number: Option<String>,
        /// Its title or text.
        title: String,
    },
    /// A 様式3 row, by its 主な取組項目.
    Row {
        /// The row's 主な取組項目.
        item: String,
    },
}

/// The parts of a plan, in reading order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// 基本情報: organisation, year, status, generation.
    Meta,
    /// The plan's own label texts.
    Labels,
    /// The preamble before the 目標.
    Preamble,
    /// 目標.
    Goal,
    /// 使命.
    Mission,
    /// 運営の基本的な考え方.
    Policy,
    /// The 経営課題 (様式1).
    Issues,
    /// 様式2.
    Form2,
    /// 様式3 (市政改革プラン).
    Reform,
    /// 自己評価.
    SelfEvaluation,
}

/// A named field inside a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    // meta
    /// The organisation's name.
    Organisation,
    /// The organisation's kind (区, 局 …).
    OrganisationKind,
    /// The fiscal year.
    FiscalYear,
    /// The status.
    Status,
    /// The form generation.
    Generation,
    /// The template the plan names.
    Template,
    /// The label variant (wording) the plan uses.
    LabelVariant,
    /// Whether the plan is sample data.
    SampleData,
    /// Where the plan came from (meta.source).
    Source,
    // 経営課題
    /// A 経営課題's title.
    Title,
    /// 経営課題の概要 (generation A).
    Overview,
    /// 課題認識 (generation B).
    Recognition,
    /// 主な戦略.
    Strategies,
    /// 具体的取組.
    Initiatives,
    /// 成果指標.
    OutcomeIndicators,
    /// 達成状況.
    Achievement,
    /// 達成状況's grade (code).
    Grade,
    /// 前年度の結果.
    PreviousResult,
    // 様式2
    /// 様式2: the labelled blocks.
    Blocks,
    /// 中間振り返り.
    MidtermReview,
    /// 年度末振り返り.
    YearEndReview,
    // 様式3
    /// 様式3: the reform plan's version.
    PlanVersion,
    /// 様式3: a row's 取組内容.
    Content,
    // 自己評価
    /// 自己評価: 主な成果.
    Achievements,
    /// 自己評価: 課題.
    Challenges,
    /// 自己評価: 総括.
    Overall,
    /// 自己評価: 今後の方針.
    FuturePolicy,
}

/// An item as one plan has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Side {
    /// JSON path of the item in its plan file (`issues[0].initiatives[1]`).
    pub path: String,
    /// The item's text as printed (bullet or number included).
    pub text: String,
    /// The item's number, for numbered items (経営課題 `2`, 戦略 `1-1`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
}

/// A run of characters in a character-level diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Segment {
    /// In both texts, only the old or only the new.
    pub op: SegmentOp,
    /// The characters.
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
/// Which text a [`Segment`] is in.
pub enum SegmentOp {
    /// In both texts (the new text's characters).
    Equal,
    /// Only in the old text.
    Delete,
    /// Only in the new text.
    Insert,
}

/// An amount in 千円 on each side; `delta` = new − old, missing sides counting as 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct AmountDelta {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The old plan's amount, when it has one.
    pub old: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The new plan's amount, when it has one.
    pub new: Option<u64>,
    /// new − old.
    pub delta: i64,
}

impl AmountDelta {
    /// The delta of two sides (a missing side counts as 0; saturating).
    pub fn new(old: Option<u64>, new: Option<u64>) -> Self {
        let value = |v: Option<u64>| i64::try_from(v.unwrap_or(0)).unwrap_or(i64::MAX);
        AmountDelta {
            old,
            new,
            delta: value(new).saturating_sub(value(old)),
        }
    }
}

/// Budgets (様式1 主な具体的取組) per 経営課題 and for the plan, in 千円.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, JsonSchema)]
pub struct Budget {
    /// One row per 経営課題 of either plan: matched ones in the new plan's order, then removed.
    pub issues: Vec<IssueBudget>,
    /// The old plan's total, in 千円.
    pub old_total: u64,
    /// The new plan's total, in 千円.
    pub new_total: u64,
    /// new − old.
    pub delta: i64,
    /// Initiatives in both plans whose amount changed.
    pub changed: Vec<BudgetLine>,
    /// Initiatives only in the new plan, with their amounts.
    pub added: Vec<BudgetLine>,
    /// Initiatives only in the old plan, with their amounts.
    pub dropped: Vec<BudgetLine>,
    /// Amounts of the old plan that are not 千円 amounts (see `unei validate`): left out of
    /// the totals.
    pub unreadable_old: Vec<Side>,
    /// Likewise in the new plan.
    pub unreadable_new: Vec<Side>,
}

impl Budget {
    /// True when some amount, total or initiative of the budget differs between the plans.
    pub fn has_changes(&self) -> bool {
        self.delta != 0
            || self.issues.iter().any(|i| i.delta != 0)
            || !(self.changed.is_empty() && self.added.is_empty() && self.dropped.is_empty())
    }

    /// True when neither plan has any budget.
    pub fn is_empty(&self) -> bool {
        self.issues
            .iter()
            .all(|i| i.old_total == 0 && i.new_total == 0)
            && self.unreadable_old.is_empty()
            && self.unreadable_new.is_empty()
    }
}

/// The budget of one 経営課題.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct IssueBudget {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Its number in the old plan.
    pub old_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Its number in the new plan.
    pub new_number: Option<String>,
    /// Its title.
    pub title: String,
    /// Its total in the old plan, in 千円.
    pub old_total: u64,
    /// Its total in the new plan, in 千円.
    pub new_total: u64,
    /// new − old.
    pub delta: i64,
}

/// One 具体的取組 in the budget lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct BudgetLine {
    /// The 経営課題 number in the plan that has the line (the new one when both have it).
    pub issue: String,
    /// The initiative's text.
    pub text: String,
    /// Its amount on each side.
    pub amount: AmountDelta,
}

/// How many changes were left out, by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
pub struct Ignored {
    /// Changes only of 全角/半角 width.
    pub width_only: usize,
    /// Changes only of whitespace.
    pub whitespace_only: usize,
}

impl Ignored {
    /// All changes left out.
    pub fn total(&self) -> usize {
        self.width_only + self.whitespace_only
    }
}
