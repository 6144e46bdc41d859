//! Every word the diff reports print, in Japanese and English: one typed phrase per thing said,
//! so a phrase without its translation cannot compile.

use super::model::{ChangeKind, Field, Item, Section};
use crate::i18n::Lang;

/// A phrase of the diff reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phrase<'a> {
    /// Report title: `令和2年度 福島区 → 令和3年度 福島区`.
    Title {
        /// The old plan's name.
        old: &'a str,
        /// The new plan's name.
        new: &'a str,
    },
    /// A plan in the title: organisation, year and status.
    PlanName {
        /// The organisation's name.
        organisation: &'a str,
        /// The fiscal year as written.
        year: &'a str,
        /// The status.
        status: &'a str,
    },
    /// `12 changes` / `変更 12 件`.
    ChangeCount(usize),
    /// `no changes` / `変更なし`.
    NoChanges,
    /// Changes left out by `--ignore-width`.
    Ignored(usize),
    /// The name of a kind of change (`added` / `追加`).
    Kind(ChangeKind),
    /// The name of what changed (`strategy` / `戦略`).
    Item(Item),
    /// The name of a part of the plan (`目標`).
    Section(Section),
    /// The name of a field (`成果指標`).
    Field(Field),
    /// `経営課題2`.
    Issue(&'a str),
    /// `経営課題2（旧 3）`: renumbered, the old number beside.
    IssueWas {
        /// The new number.
        new: &'a str,
        /// The old number.
        old: &'a str,
    },
    /// 様式2 `戦略1-1`.
    Strategy(&'a str),
    /// 様式2 `具体的取組1-1-1`.
    Initiative(&'a str),
    /// Where a moved item came from: `経営課題1 から`.
    MovedFrom(&'a str),
    /// Label variant value: `区・局 の文言`.
    LabelWording(&'a str),
    /// Budget section heading.
    Budget,
    /// Budget table caption.
    BudgetCaption,
    /// Budget column: the old plan's amount.
    Old,
    /// Budget column: the new plan's amount.
    New,
    /// Budget column: new − old.
    Delta,
    /// Budget row: the plan's total.
    Total,
    /// Unit after amounts.
    ThousandYen,
    /// Heading of the initiatives whose amount changed.
    ChangedAmounts,
    /// Heading of the initiatives only in the new plan.
    NewInitiatives,
    /// Heading of the initiatives only in the old plan.
    DroppedInitiatives,
    /// An amount that is not a 千円 amount, left out of the totals.
    Unreadable,
    /// No amount written.
    NoAmount,
    /// Marks for the screen reader around inserted / deleted text in the HTML report.
    InsertedText,
    /// The mark after deleted text (the one before inserted text is `InsertedText`).
    DeletedText,
    /// Legend of the plain text markup.
    Legend,
}

impl Phrase<'_> {
    /// The phrase in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let ja = lang == Lang::Ja;
        let pick = |j: &str, e: &str| if ja { j.to_owned() } else { e.to_owned() };
        match self {
            Phrase::Title { old, new } => format!("{old} → {new}"),
            Phrase::PlanName {
                organisation,
                year,
                status,
            } => {
                if ja {
                    format!("{year} {organisation} 運営方針（{status}）")
                } else {
                    format!("{organisation} {year} plan ({status})")
                }
            }
            Phrase::ChangeCount(n) => {
                if ja {
                    format!("変更 {n} 件")
                } else if *n == 1 {
                    "1 change".to_owned()
                } else {
                    format!("{n} changes")
                }
            }
            Phrase::NoChanges => pick("変更はありません。", "No changes."),
            Phrase::Ignored(n) => {
                if ja {
                    format!("全角/半角・空白だけの変更 {n} 件は除外しました（--ignore-width）。")
                } else {
                    format!(
                        "{n} width-only or whitespace-only change(s) left out (--ignore-width)."
                    )
                }
            }
            Phrase::Kind(kind) => kind_text(*kind, ja).to_owned(),
            Phrase::Item(item) => item_text(*item, ja).to_owned(),
            Phrase::Section(section) => section_text(*section, ja).to_owned(),
            Phrase::Field(field) => field_text(*field, ja).to_owned(),
            Phrase::Issue(n) => {
                if ja {
                    format!("経営課題{n}")
                } else {
                    format!("Issue {n}")
                }
            }
            Phrase::IssueWas { new, old } => {
                if ja {
                    format!("経営課題{new}（旧 {old}）")
                } else {
                    format!("Issue {new} (was {old})")
                }
            }
            Phrase::Strategy(n) => pick(&format!("戦略{n}"), &format!("Strategy {n}")),
            Phrase::Initiative(n) => pick(&format!("具体的取組{n}"), &format!("Initiative {n}")),
            Phrase::MovedFrom(from) => pick(&format!("{from} から"), &format!("from {from}")),
            Phrase::LabelWording(kind) => {
                pick(&format!("{kind}の文言"), &format!("{kind} wording"))
            }
            Phrase::Budget => pick("予算額", "Budget"),
            Phrase::BudgetCaption => pick(
                "主な具体的取組の予算額（千円）",
                "Budget of the main initiatives (thousand yen)",
            ),
            Phrase::Old => pick("旧", "Old"),
            Phrase::New => pick("新", "New"),
            Phrase::Delta => pick("増減", "Change"),
            Phrase::Total => pick("合計", "Total"),
            Phrase::ThousandYen => pick("千円", "thousand yen"),
            Phrase::ChangedAmounts => pick("予算額が変わった取組", "Changed amounts"),
            Phrase::NewInitiatives => pick("新規の取組", "New initiatives"),
            Phrase::DroppedInitiatives => pick("なくなった取組", "Dropped initiatives"),
            Phrase::Unreadable => pick(
                "千円の金額として読めないため合計から除外",
                "not a 千円 amount: left out of the totals",
            ),
            Phrase::NoAmount => pick("金額なし", "no amount"),
            Phrase::InsertedText => pick("追加:", "added:"),
            Phrase::DeletedText => pick("削除:", "deleted:"),
            Phrase::Legend => pick(
                "[-…-] は削除、{+…+} は追加された文字です。",
                "[-…-] marks deleted text, {+…+} inserted text.",
            ),
        }
    }
}

fn kind_text(kind: ChangeKind, ja: bool) -> &'static str {
    let (j, e) = match kind {
        ChangeKind::Added => ("追加", "added"),
        ChangeKind::Removed => ("削除", "removed"),
        ChangeKind::Moved => ("移動", "moved"),
        ChangeKind::Renumbered => ("番号変更", "renumbered"),
        ChangeKind::Reworded => ("修正", "reworded"),
        ChangeKind::WidthOnly => ("全角/半角のみ", "width only"),
        ChangeKind::WhitespaceOnly => ("空白のみ", "whitespace only"),
        ChangeKind::AmountChanged => ("予算額", "amount"),
        ChangeKind::CodeChanged => ("評価", "code"),
        ChangeKind::LabelChanged => ("見出し", "label"),
        ChangeKind::ValueChanged => ("変更", "changed"),
    };
    if ja { j } else { e }
}

fn item_text(item: Item, ja: bool) -> &'static str {
    let (j, e) = match item {
        Item::Value => ("値", "value"),
        Item::Label => ("見出し", "label"),
        Item::Section => ("欄", "section"),
        Item::Issue => ("経営課題", "issue"),
        Item::Title => ("題名", "title"),
        Item::Paragraph => ("段落", "paragraph"),
        Item::Sentence => ("文", "sentence"),
        Item::ListItem => ("箇条", "list item"),
        Item::NumberedItem => ("番号付きの項目", "numbered item"),
        Item::Strategy => ("戦略", "strategy"),
        Item::Initiative => ("具体的取組", "initiative"),
        Item::Amount => ("予算額", "amount"),
        Item::Block => ("記載欄", "block"),
        Item::Code => ("評価", "code"),
        Item::Row => ("行", "row"),
    };
    if ja { j } else { e }
}

fn section_text(section: Section, ja: bool) -> &'static str {
    let (j, e) = match section {
        Section::Meta => ("計画の情報", "Plan"),
        Section::Labels => ("見出しの文言", "Labels"),
        Section::Preamble => ("前文", "Preamble"),
        Section::Goal => ("目標", "Goal"),
        Section::Mission => ("使命", "Mission"),
        Section::Policy => ("運営の基本的な考え方", "Basic policy"),
        Section::Issues => ("経営課題", "Management issues"),
        Section::Form2 => ("様式2", "Form 2"),
        Section::Reform => (
            "市政改革プランに基づく取組等（様式3）",
            "City reform plan (Form 3)",
        ),
        Section::SelfEvaluation => ("自己評価", "Self-evaluation"),
    };
    if ja { j } else { e }
}

fn field_text(field: Field, ja: bool) -> &'static str {
    let (j, e) = match field {
        Field::Organisation => ("所属名", "organisation"),
        Field::OrganisationKind => ("所属の種類", "organisation kind"),
        Field::FiscalYear => ("年度", "fiscal year"),
        Field::Status => ("状況", "status"),
        Field::Generation => ("様式の世代", "form generation"),
        Field::Template => ("テンプレート", "template"),
        Field::LabelVariant => ("見出しの文言", "label wording"),
        Field::SampleData => ("見本データ", "sample data"),
        Field::Source => ("出典", "source"),
        Field::Title => ("題名", "title"),
        Field::Overview => ("経営課題の概要", "overview"),
        Field::Recognition => ("課題認識", "recognition of the issue"),
        Field::Strategies => ("主な戦略", "main strategies"),
        Field::Initiatives => ("主な具体的取組", "main initiatives"),
        Field::OutcomeIndicators => ("アウトカム指標", "outcome indicators"),
        Field::Achievement => ("アウトカム指標の達成状況", "achievement"),
        Field::Grade => ("達成状況の評価", "achievement grade"),
        Field::PreviousResult => ("前年度実績", "previous year's result"),
        Field::Blocks => ("記載欄", "blocks"),
        Field::MidtermReview => ("中間振り返り", "mid-year review"),
        Field::YearEndReview => ("年度末振り返り", "year-end review"),
        Field::PlanVersion => ("市政改革プランの版", "reform plan version"),
        Field::Content => ("取組内容", "content"),
        Field::Achievements => ("1年間の取組成果と今後取り組みたいこと", "achievements"),
        Field::Challenges => ("解決すべき課題と今後の改善方向", "challenges"),
        Field::Overall => ("自己評価（運営方針全体の定性評価）", "overall evaluation"),
        Field::FuturePolicy => ("今後の方針", "future policy"),
    };
    if ja { j } else { e }
}
