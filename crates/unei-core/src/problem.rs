//! What validation and the loader say about a plan, as typed values: each problem writes
//! itself in Japanese or English when shown ([`Localize`]), so no message is translated by
//! matching its English text.

use crate::amount::AmountError;
use crate::i18n::{Lang, Localize};
use crate::model::{Generation, Status};
use crate::wareki::WarekiError;

/// A problem of a plan file found by unei itself (not by the JSON parser).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// `format` is not the version this unei reads.
    UnsupportedFormat {
        /// The file's `format`.
        found: u32,
        /// The version this unei reads.
        supported: u32,
    },
    /// The file is not UTF-8 from this byte on.
    InvalidUtf8 {
        /// Byte offset of the first invalid byte.
        byte: usize,
    },
    /// `meta.organisation.name` is empty.
    EmptyOrganisation,
    /// `meta.fiscal_year` is not a 和暦 fiscal year.
    Year(WarekiError),
    /// The year's usual generation differs from `meta.generation`.
    UnusualGeneration {
        /// The fiscal year.
        year: String,
        /// The generation that year usually has.
        expected: Generation,
    },
    /// The plan names a template other than the one in use.
    OtherTemplate {
        /// The template the plan names.
        named: String,
        /// The template in use.
        in_use: String,
    },
    /// A label id in `labels` that the form does not have.
    UnknownLabel {
        /// The unknown id.
        id: String,
        /// The plan's generation.
        generation: Generation,
        /// The ids the form has.
        known: Vec<String>,
    },
    /// A control character in a text (it prints as nothing).
    ControlCharacter {
        /// Its code point.
        code: u32,
    },
    /// Tabs in a text: printed as space to the next em (a tab stop every em).
    Tab {
        /// How many tabs.
        count: usize,
    },
    /// 経営課題 are not numbered 1..N in order.
    IssueNumbering {
        /// How many 経営課題 the plan has.
        count: usize,
        /// The number found.
        found: u32,
        /// The number expected there.
        expected: u32,
    },
    /// The plan has no 経営課題.
    NoIssues,
    /// A 経営課題 without a title.
    EmptyIssueTitle,
    /// A 経営課題 without 主な戦略 (a warning).
    EmptyStrategies,
    /// A 具体的取組 without text.
    EmptyInitiativeText,
    /// An amount that is not a 千円 amount.
    Amount(AmountError),
    /// A code names a list the template does not have.
    UnknownCodeList {
        /// The list named.
        list: String,
        /// The template's lists.
        known: Vec<String>,
    },
    /// A code its list does not have.
    UnknownCode {
        /// The code.
        code: String,
        /// Its list.
        list: String,
        /// The list's codes.
        known: Vec<String>,
    },
    /// A field of the other generation's form.
    OtherGeneration {
        /// The field.
        field: String,
        /// The plan's generation.
        generation: Generation,
    },
    /// 自己評価 before the status 自己評価済.
    EarlySelfEvaluation {
        /// The plan's status.
        status: Status,
    },
    /// Status 自己評価済 without a 自己評価.
    MissingSelfEvaluation,
    /// A text of a later stage (中間振り返り, 年度末振り返り, 達成状況).
    EarlyStageText {
        /// The text's name (中間振り返り …).
        stage: &'static str,
        /// The status it needs.
        needs: Status,
        /// The plan's status.
        status: Status,
    },
    /// A required part of the self-evaluation is empty.
    EmptyEvaluationPart {
        /// The part's name.
        field: String,
    },
    /// 目標, 使命, 方針 or a 経営課題's content is empty (named in Japanese).
    EmptySection {
        /// The section's name, in Japanese.
        section: String,
    },
}

fn other(generation: Generation) -> &'static str {
    match generation {
        Generation::A => "B",
        Generation::B => "A",
    }
}

fn generation_name(generation: Generation) -> &'static str {
    match generation {
        Generation::A => "A",
        Generation::B => "B",
    }
}

impl Localize for Problem {
    fn localize(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.english(),
            Lang::Ja => self.japanese(),
        }
    }
}

impl Problem {
    fn english(&self) -> String {
        use Problem::*;
        match self {
            UnsupportedFormat { found, supported } => format!(
                "plan file format {found} is not supported by this unei (it reads format {supported})"
            ),
            InvalidUtf8 { byte } => {
                format!("invalid UTF-8 at byte {byte} (plan files must be UTF-8)")
            }
            EmptyOrganisation => "organisation name is empty".to_owned(),
            Year(e) => e.localize(Lang::En),
            UnusualGeneration { year, expected } => format!(
                "{year} plans normally use generation {} forms (A until 令和4年度, B from 令和5年度)",
                generation_name(*expected)
            ),
            OtherTemplate { named, in_use } => format!(
                "template {named:?} is not the template in use ({in_use:?}); pass it with --template"
            ),
            UnknownLabel {
                id,
                generation,
                known,
            } => format!(
                "{id:?} is not a label of generation {} forms (known: {})",
                generation_name(*generation),
                known.join(", ")
            ),
            ControlCharacter { code } => {
                format!("contains control character U+{code:04X}, which cannot be printed")
            }
            Tab { count: 1 } => {
                "contains a tab: it is printed as space to the next character position (a tab stop every em)".to_owned()
            }
            Tab { count } => format!(
                "contains {count} tabs: each is printed as space to the next character position (a tab stop every em)"
            ),
            IssueNumbering {
                count,
                found,
                expected,
            } => format!(
                "経営課題 must be numbered 1..{count} in order: found {found} where {expected} is expected"
            ),
            NoIssues => "the plan has no 経営課題".to_owned(),
            EmptyIssueTitle => "経営課題 title is empty".to_owned(),
            EmptyStrategies => "主な戦略 is empty".to_owned(),
            EmptyInitiativeText => "具体的取組 text is empty".to_owned(),
            Amount(e) => e.localize(Lang::En),
            UnknownCodeList { list, known } => format!(
                "{list:?} is not a code list of the template (known: {})",
                known.join(", ")
            ),
            UnknownCode { code, list, known } => format!(
                "{code:?} is not in code list {list:?} ({})",
                known.join(", ")
            ),
            OtherGeneration { field, generation } => format!(
                "{field} belongs to generation {} forms, but meta.generation is {}",
                other(*generation),
                generation_name(*generation)
            ),
            EarlySelfEvaluation { status } => format!(
                "自己評価 is written only once the status is 自己評価済 (status is {})",
                status.as_str()
            ),
            MissingSelfEvaluation => {
                "status 自己評価済 requires a self_evaluation section".to_owned()
            }
            EarlyStageText {
                stage,
                needs,
                status,
            } => format!(
                "{stage} is written only once the status is {} (status is {})",
                needs.as_str(),
                status.as_str()
            ),
            EmptyEvaluationPart { field } => format!("{field} is empty"),
            EmptySection { section } => format!("{section} is empty"),
        }
    }

    fn japanese(&self) -> String {
        use Problem::*;
        match self {
            UnsupportedFormat { found, supported } => format!(
                "計画ファイルの形式 {found} には対応していません（この unei が読めるのは形式 {supported}）"
            ),
            InvalidUtf8 { byte } => format!(
                "{byte} バイト目が UTF-8 として正しくありません（計画ファイルは UTF-8 で保存してください）"
            ),
            EmptyOrganisation => "所属名が空です".to_owned(),
            Year(e) => e.localize(Lang::Ja),
            UnusualGeneration { year, expected } => format!(
                "{year}の計画は通常、第{}世代の様式を使います（A は令和4年度まで、B は令和5年度から）",
                generation_name(*expected)
            ),
            OtherTemplate { named, in_use } => format!(
                "テンプレート {named:?} は使用中のテンプレート（{in_use:?}）ではありません。--template で指定してください"
            ),
            UnknownLabel {
                id,
                generation,
                known,
            } => format!(
                "{id:?} は第{}世代様式のラベルではありません（使えるもの: {}）",
                generation_name(*generation),
                known.join(", ")
            ),
            ControlCharacter { code } => {
                format!("印字できない制御文字 U+{code:04X} が含まれています")
            }
            Tab { count: 1 } => {
                "タブが含まれています: 次の文字位置までの空白として印字します（1 字ごとのタブ位置）"
                    .to_owned()
            }
            Tab { count } => format!(
                "タブが {count} 個含まれています: それぞれ次の文字位置までの空白として印字します（1 字ごとのタブ位置）"
            ),
            IssueNumbering {
                count,
                found,
                expected,
            } => format!(
                "経営課題の番号は 1..{count} の順です: {expected} のはずの所が {found} になっています"
            ),
            NoIssues => "経営課題がありません".to_owned(),
            EmptyIssueTitle => "経営課題の題名が空です".to_owned(),
            EmptyStrategies => "主な戦略が空です".to_owned(),
            EmptyInitiativeText => "具体的取組の文が空です".to_owned(),
            Amount(e) => e.localize(Lang::Ja),
            UnknownCodeList { list, known } => format!(
                "{list:?} はテンプレートのコード表にありません（あるもの: {}）",
                known.join(", ")
            ),
            UnknownCode { code, list, known } => format!(
                "{code:?} はコード表 {list:?} にありません（{}）",
                known.join(", ")
            ),
            OtherGeneration { field, generation } => format!(
                "{field} は第{}世代様式の項目ですが、meta.generation は {} です",
                other(*generation),
                generation_name(*generation)
            ),
            EarlySelfEvaluation { status } => format!(
                "自己評価は状況が「自己評価済」になってから書きます（現在の状況: {}）",
                status.as_str()
            ),
            MissingSelfEvaluation => {
                "状況「自己評価済」には自己評価（self_evaluation）が必要です".to_owned()
            }
            EarlyStageText {
                stage,
                needs,
                status,
            } => format!(
                "{stage}は状況が「{}」になってから書きます（現在の状況: {}）",
                needs.as_str(),
                status.as_str()
            ),
            EmptyEvaluationPart { field } => format!("{field} が空です"),
            EmptySection { section } => format!("{section}が空です"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_problem_has_both_languages_and_no_english_in_japanese() {
        let samples = [
            Problem::NoIssues,
            Problem::EmptyOrganisation,
            Problem::IssueNumbering {
                count: 4,
                found: 5,
                expected: 3,
            },
            Problem::EarlyStageText {
                stage: "中間振り返り",
                needs: Status::MidYearReviewed,
                status: Status::Final,
            },
        ];
        for problem in samples {
            let (en, ja) = (problem.localize(Lang::En), problem.localize(Lang::Ja));
            assert_ne!(en, ja);
            assert!(
                !ja.contains(" is ") && !ja.contains(" the "),
                "English left in {ja}"
            );
        }
        assert_eq!(
            Problem::IssueNumbering {
                count: 4,
                found: 5,
                expected: 3
            }
            .localize(Lang::Ja),
            "経営課題の番号は 1..4 の順です: 3 のはずの所が 5 になっています"
        );
    }
}
