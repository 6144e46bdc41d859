//! Everything the importer says to a person — warnings, why a line went nowhere, which chrome
//! rule skipped it, why a status was chosen — as one typed enum rendered in Japanese or
//! English. Reports serialise the English text; programs match on the variant.

use std::fmt;

use serde::{Serialize, Serializer};
use unei_core::Lang;

/// One message of the importer.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Message {
    // --- why a cell or line went nowhere (unmapped) ---
    /// No label to its left or above it.
    NoLabel,
    /// A heading (or title) that takes no value has text beside it.
    HeadingWithoutValue {
        /// The heading's text.
        label: String,
    },
    /// Beside a label's value, where the form has no value cell.
    BesideValue {
        /// The label whose value this is beside.
        label: String,
    },
    /// Below a label but not in its column.
    OffColumn {
        /// The label above.
        label: String,
    },
    /// Under a list (具体的取組) but not an item of it.
    NotAListItem {
        /// The list's label.
        label: String,
    },
    /// An amount cell with no single 具体的取組 on its row.
    AmountWithoutInitiative,
    /// An amount cell beside a 具体的取組 that already has one.
    AmountTaken,
    /// A number cell that is not a whole number of 千円.
    NotWholeThousands {
        /// The cell's value as written.
        value: String,
    },
    /// A cell hidden under a merged region.
    HiddenUnderMerge {
        /// The merged region's first cell (`B7`).
        anchor: String,
    },
    /// A 様式2 block before any 経営課題 of 様式2.
    BlockBeforeIssue,
    /// A 振り返り outside a 様式2 戦略 or 様式3 row.
    ReviewOutside,
    /// A 具体的取組 heading before any 戦略.
    InitiativeBeforeStrategy,
    /// Text under an unknown label.
    UnderUnknownLabel {
        /// The unknown label.
        label: String,
    },
    // --- chrome rules (skipped lines) ---
    /// Site navigation: the line starts with a navigation phrase of the template.
    Navigation {
        /// The template's navigation phrase it starts with.
        phrase: String,
    },
    /// A navigation region of an HTML page (`<nav>`, `class="breadcrumb"`).
    NavigationRegion {
        /// The element or class (`nav`, `breadcrumb`).
        element: String,
    },
    /// A date line (更新日, or nothing but a date).
    DateLine,
    /// Before the plan: a notice about it (進捗管理, what a 運営方針 is).
    Notice {
        /// The word that marks the notice.
        word: String,
    },
    /// Before the plan: a line ending in a date in brackets (an update notice).
    DatedNotice,
    /// The site's footer: this line (`このページの作成者・問合せ先`) and every line after it.
    Footer {
        /// The footer phrase of the template.
        phrase: String,
    },
    /// The site's header: a line before the plan's title (menus, links, banners).
    SiteHeader,
    // --- unknown labels ---
    /// A label-shaped line matching no label; where its text went.
    UnknownLabel {
        /// The closest known label.
        closest: String,
        /// Where its text went (never into the field above).
        destination: String,
    },
    // --- warnings ---
    /// A label read as the closest known one.
    LabelReadAs {
        /// The label as written.
        written: String,
        /// The known label it was read as.
        label: String,
        /// Similarity, in percent.
        score: u32,
    },
    /// A section of the form the source does not have.
    MissingSection {
        /// The missing section's name.
        section: String,
    },
    /// A 経営課題 field before any 経営課題 heading.
    FieldBeforeIssue,
    /// A 戦略 with no 経営課題 got one.
    IssueForStrategy {
        /// The 経営課題 number given to it.
        number: u32,
    },
    /// 様式2 names an issue differently from 様式1.
    Form2TitleDiffers {
        /// The 経営課題's number.
        number: String,
        /// Its title in 様式2.
        form2: String,
        /// Its title in 様式1 (the one kept).
        form1: String,
    },
    /// 取組内容 without a 主な取組項目.
    ContentWithoutItem,
    /// Text that looks like an amount but is not one.
    AmountNotParsed {
        /// The text as written.
        text: String,
    },
    /// A page read as Shift_JIS.
    ShiftJis,
    /// No organisation name in the source.
    NoOrganisation,
    /// The organisation's kind guessed.
    KindGuessed {
        /// The organisation's name.
        name: String,
        /// The kind guessed (区, 局 …).
        kind: String,
    },
    /// The fiscal year read from a 予算額 label.
    YearFromBudget {
        /// The fiscal year read.
        year: String,
        /// The 予算額 label's year number.
        number: String,
    },
    /// No fiscal year.
    NoYear,
    /// A value given on the command line differs from the source's.
    OptionOverrides {
        /// The option (`--organisation`, `--kind`, `--year`).
        what: &'static str,
        /// The value given on the command line (used).
        given: String,
        /// The value in the source.
        found: String,
    },
    // --- why the generation and status were chosen ---
    /// The generation, from labels only one generation has.
    GenerationByLabels {
        /// `A` or `B`.
        generation: &'static str,
        /// The labels that decided it.
        labels: String,
    },
    /// The generation, from the fiscal year.
    GenerationByYear {
        /// The fiscal year.
        year: String,
        /// Whether the year is after the last generation-A year.
        after_a: bool,
    },
    /// Neither labels nor year decide: generation A is assumed.
    GenerationAssumed,
    /// 案: the title says （案）.
    StatusDraftTitle,
    /// 自己評価済: the source has a 自己評価.
    StatusSelfEvaluated,
    /// 中間振り返り済: the source has 振り返り.
    StatusReviewed,
    /// 確定: neither reviews nor a draft title.
    StatusFinal,
    /// 達成状況 is written but no 自己評価: the status that allows it.
    StatusAchievementOnly,
}

impl Message {
    /// The message in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.english(),
            Lang::Ja => self.japanese(),
        }
    }

    fn english(&self) -> String {
        use Message as M;
        match self {
            M::NoLabel => "no label to its left or above it".to_owned(),
            M::HeadingWithoutValue { label } => {
                format!("{label} is a heading without a value")
            }
            M::BesideValue { label } => format!(
                "beside the value of {label}, where the form has no value cell"
            ),
            M::OffColumn { label } => {
                format!("below {label} but not in its column")
            }
            M::NotAListItem { label } => {
                format!("under the list of {label} but not an item of it")
            }
            M::AmountWithoutInitiative => "an amount with no single 具体的取組 beside it".to_owned(),
            M::AmountTaken => "the 具体的取組 beside it already has an amount".to_owned(),
            M::NotWholeThousands { value } => format!("{value} is not a whole number of 千円"),
            M::HiddenUnderMerge { anchor } => format!("hidden under the merged cell {anchor}"),
            M::BlockBeforeIssue => "a 様式2 block before any 経営課題 heading of 様式2".to_owned(),
            M::ReviewOutside => "a 振り返り outside a 様式2 戦略 or 様式3 row".to_owned(),
            M::InitiativeBeforeStrategy => "a 具体的取組 heading before any 戦略 heading".to_owned(),
            M::UnderUnknownLabel { label } => format!("under the unknown label {label:?}"),
            M::Navigation { phrase } => format!("site navigation (「{phrase}」)"),
            M::NavigationRegion { element } => format!("site navigation (<{element}>)"),
            M::DateLine => "date of the page".to_owned(),
            M::Notice { word } => format!("notice about the plan before it (「{word}」)"),
            M::DatedNotice => "notice about the plan before it (ends in a date)".to_owned(),
            M::Footer { phrase } => format!("site footer (from 「{phrase}」 on)"),
            M::SiteHeader => "site header (before the plan's title)".to_owned(),
            M::UnknownLabel {
                closest,
                destination,
            } => format!("matches no label (closest: {closest}); its text: {destination}"),
            M::LabelReadAs {
                written,
                label,
                score,
            } => format!("label {written:?} read as {label} ({score}% alike)"),
            M::MissingSection { section } => format!("missing section: {section}"),
            M::FieldBeforeIssue => {
                "a 経営課題 field comes before any 経営課題 heading; it starts an untitled 経営課題"
                    .to_owned()
            }
            M::IssueForStrategy { number } => format!(
                "a 戦略 comes before any 経営課題 heading; it starts 経営課題{number} (numbered after the 戦略), untitled"
            ),
            M::Form2TitleDiffers {
                number,
                form2,
                form1,
            } => format!(
                "様式2 names 経営課題{number} {form2:?}, 様式1 names it {form1:?}; 様式1's title is kept"
            ),
            M::ContentWithoutItem => "取組内容 without a 主な取組項目 beside it".to_owned(),
            M::AmountNotParsed { text } => format!(
                "{text:?} looks like an amount but is not one (expected e.g. (2,781千円), half-width digits grouped by 3); it stays in the text"
            ),
            M::ShiftJis => "the page is not UTF-8; it was read as Shift_JIS (cp932)".to_owned(),
            M::NoOrganisation => "no organisation name: the source has no title line such as 「令和2年度 福島区運営方針」; pass --organisation NAME".to_owned(),
            M::KindGuessed { name, kind } => format!(
                "{name:?} does not end in 区, 局 or 室; its kind is taken as {kind} (pass --kind)"
            ),
            M::YearFromBudget { year, number } => format!(
                "the fiscal year is read as {year} from a 「{number}年度予算額」 label"
            ),
            M::NoYear => {
                "no fiscal year found (in a title or the 基本的な考え方 label); pass --year".to_owned()
            }
            M::OptionOverrides { what, given, found } => {
                format!("--{what} {given} is used; the source says {found}")
            }
            M::GenerationByLabels { generation, labels } => {
                format!("labels found only on generation {generation} forms: {labels}")
            }
            M::GenerationByYear { year, after_a: true } => {
                format!("no generation-specific labels; {year} is after 令和4年度")
            }
            M::GenerationByYear { year, after_a: false } => {
                format!("no generation-specific labels; {year} is 令和4年度 or earlier")
            }
            M::GenerationAssumed => {
                "no generation-specific labels and no year; generation A assumed".to_owned()
            }
            M::StatusDraftTitle => "the title ends in （案）".to_owned(),
            M::StatusSelfEvaluated => "a 自己評価 (or a year-end result) is written".to_owned(),
            M::StatusReviewed => "a 中間振り返り is written, no 自己評価".to_owned(),
            M::StatusFinal => {
                "neither 中間振り返り nor 自己評価 is written and the title has no （案）".to_owned()
            }
            M::StatusAchievementOnly => {
                "a 達成状況 is written but no 自己評価: the status that allows it without one"
                    .to_owned()
            }
        }
    }

    fn japanese(&self) -> String {
        use Message as M;
        match self {
            M::NoLabel => "左にも上にも見出しがありません".to_owned(),
            M::HeadingWithoutValue { label } => format!("{label} は値を持たない見出しです"),
            M::BesideValue { label } => {
                format!("{label} の値の横にあり、様式では値の欄ではありません")
            }
            M::OffColumn { label } => format!("{label} の下にありますが、列がずれています"),
            M::NotAListItem { label } => {
                format!("{label} の一覧の下にありますが、その項目ではありません")
            }
            M::AmountWithoutInitiative => {
                "金額の横に具体的取組が一つだけ、という形になっていません".to_owned()
            }
            M::AmountTaken => "隣の具体的取組にはすでに金額があります".to_owned(),
            M::NotWholeThousands { value } => format!("{value} は千円単位の整数ではありません"),
            M::HiddenUnderMerge { anchor } => format!("結合セル {anchor} の下に隠れています"),
            M::BlockBeforeIssue => "様式2 の経営課題の見出しより前にある様式2 の欄です".to_owned(),
            M::ReviewOutside => "様式2 の戦略・様式3 の行の外にある振り返りです".to_owned(),
            M::InitiativeBeforeStrategy => "戦略の見出しより前にある具体的取組の見出しです".to_owned(),
            M::UnderUnknownLabel { label } => format!("不明な見出し「{label}」の下の文です"),
            M::Navigation { phrase } => format!("サイトの案内（「{phrase}」）"),
            M::NavigationRegion { element } => format!("サイトの案内（<{element}>）"),
            M::DateLine => "ページの日付".to_owned(),
            M::Notice { word } => format!("計画の前にあるお知らせ（「{word}」）"),
            M::DatedNotice => "計画の前にあるお知らせ（日付で終わる行）".to_owned(),
            M::Footer { phrase } => format!("サイトのフッター（「{phrase}」以降）"),
            M::SiteHeader => "サイトのヘッダー（計画の表題より前）".to_owned(),
            M::UnknownLabel {
                closest,
                destination,
            } => format!("どの見出しにも当たりません（最も近いもの: {closest}）。その下の文: {destination}"),
            M::LabelReadAs {
                written,
                label,
                score,
            } => format!("見出し「{written}」を {label} と読みました（類似度 {score}%）"),
            M::MissingSection { section } => format!("欠けている項目: {section}"),
            M::FieldBeforeIssue => {
                "経営課題の見出しより前に経営課題の欄があるため、題名のない経営課題を作りました"
                    .to_owned()
            }
            M::IssueForStrategy { number } => format!(
                "経営課題の見出しより前に戦略があるため、戦略の番号から経営課題{number}（題名なし）を作りました"
            ),
            M::Form2TitleDiffers {
                number,
                form2,
                form1,
            } => format!(
                "様式2 では経営課題{number}が「{form2}」、様式1 では「{form1}」です。様式1 の題名を使います"
            ),
            M::ContentWithoutItem => "主な取組項目のない取組内容です".to_owned(),
            M::AmountNotParsed { text } => format!(
                "「{text}」は金額のように見えますが金額として読めません（例: (2,781千円)。半角数字を3桁ごとにカンマで区切ります）。文のまま残しました"
            ),
            M::ShiftJis => "ページが UTF-8 ではないため Shift_JIS (cp932) として読みました".to_owned(),
            M::NoOrganisation => "所属名がありません: 「令和2年度 福島区運営方針」のような表題の行がないため、--organisation 名前 で指定してください".to_owned(),
            M::KindGuessed { name, kind } => format!(
                "{name} は 区・局・室 で終わらないため、種別を {kind} としました（--kind で指定できます）"
            ),
            M::YearFromBudget { year, number } => {
                format!("年度を「{number}年度予算額」の見出しから {year} と読みました")
            }
            M::NoYear => "年度が見つかりません（表題にも基本的な考え方の見出しにもありません）。--year で指定してください".to_owned(),
            M::OptionOverrides { what, given, found } => {
                format!("--{what} の {given} を使います（取り込み元では {found}）")
            }
            M::GenerationByLabels { generation, labels } => {
                format!("第{generation}世代の様式だけにある見出しがあります: {labels}")
            }
            M::GenerationByYear { year, after_a: true } => {
                format!("世代を決める見出しがなく、{year} は令和4年度より後です")
            }
            M::GenerationByYear { year, after_a: false } => {
                format!("世代を決める見出しがなく、{year} は令和4年度以前です")
            }
            M::GenerationAssumed => {
                "世代を決める見出しも年度もないため、第A世代としました".to_owned()
            }
            M::StatusDraftTitle => "表題が（案）で終わっています".to_owned(),
            M::StatusSelfEvaluated => "自己評価（または年度末の実績）が書かれています".to_owned(),
            M::StatusReviewed => "中間振り返りが書かれ、自己評価はありません".to_owned(),
            M::StatusFinal => {
                "中間振り返りも自己評価もなく、表題に（案）がありません".to_owned()
            }
            M::StatusAchievementOnly => {
                "達成状況は書かれていますが自己評価がないため、それを書ける状況にしました"
                    .to_owned()
            }
        }
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.english())
    }
}

impl Serialize for Message {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages() {
        let samples = [
            Message::NoLabel,
            Message::BesideValue {
                label: "区長の方針".to_owned(),
            },
            Message::AmountNotParsed {
                text: "(2,78千円)".to_owned(),
            },
            Message::Navigation {
                phrase: "ページの先頭です".to_owned(),
            },
            Message::StatusAchievementOnly,
        ];
        for message in samples {
            let (en, ja) = (message.render(Lang::En), message.render(Lang::Ja));
            assert_ne!(en, ja);
            assert!(
                ja.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)),
                "{ja}"
            );
            assert_eq!(message.to_string(), en);
        }
    }
}
