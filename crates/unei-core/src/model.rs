//! The plan model: one 運営方針 of one organisation for one fiscal year, both form generations.
//!
//! Generation-specific fields are optional and checked by [`crate::validate()`], not by separate
//! types, so a JSON error always points at the exact line (serde buffers tagged enums and loses
//! positions).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::amount::Amount;
use crate::rich::{RichText, default_marker, is_default_marker};

/// Version of the plan file format written in `format`.
pub const FORMAT_VERSION: u32 = 1;

/// A 運営方針.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Optional link to the published JSON Schema, ignored by unei.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Plan file format version; currently 1.
    pub format: u32,
    /// 基本情報: organisation, year, status, form generation, template.
    pub meta: Meta,
    /// Label texts that replace the template's for this plan, by label id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    /// Lines printed before the 目標 in older plans (基本理念, スローガン).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preamble: Vec<LabeledBlock>,
    /// 目標（何をめざすのか）.
    pub goal: RichText,
    /// 使命（どのような役割を担うのか）, usually a paragraph and numbered aims.
    pub mission: RichText,
    /// 運営の基本的な考え方（…長の方針）.
    pub policy: RichText,
    /// 重点的に取り組む主な経営課題, numbered 1..N.
    pub issues: Vec<ManagementIssue>,
    /// 様式3: 「市政改革プラン」に基づく取組等 (generation A).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reform: Option<Reform>,
    /// 自己評価, written a year later.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_evaluation: Option<SelfEvaluation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// Who, when, which stage and which form.
pub struct Meta {
    /// The 所属 the plan is of.
    pub organisation: Organisation,
    /// Fiscal year in 和暦 as written: `令和2年度`, `令和元年度`, `平成30年度`.
    pub fiscal_year: String,
    /// The plan's life-cycle stage.
    pub status: Status,
    /// The form generation (A or B).
    pub generation: Generation,
    /// Template id; `osaka-default` is bundled.
    #[serde(default = "default_template")]
    pub template: String,
    /// Which organisation kind's label wording the form uses, when it differs from the
    /// organisation's own kind (the city's pages print 区・局の目標 for wards too).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_variant: Option<OrgKind>,
    /// Set on made-up plans so nobody mistakes them for published ones.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sample_data: bool,
    /// Where the text came from (publication note, source file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

pub(crate) fn default_template() -> String {
    "osaka-default".to_owned()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// A 所属: its name and kind.
pub struct Organisation {
    /// `福島区`, `都市計画局`.
    pub name: String,
    /// 区, 局, 室 or 区・局.
    pub kind: OrgKind,
}

/// 所属 kinds; each has its own label wording in the template.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
pub enum OrgKind {
    #[serde(rename = "区")]
    /// 区.
    Ward,
    #[serde(rename = "局")]
    /// 局.
    Bureau,
    #[serde(rename = "室")]
    /// 室.
    Office,
    #[serde(rename = "区・局")]
    /// 区・局 (a ward office that is also a bureau).
    WardOrBureau,
}

impl OrgKind {
    /// Every kind.
    pub const ALL: [OrgKind; 4] = [
        OrgKind::Ward,
        OrgKind::Bureau,
        OrgKind::Office,
        OrgKind::WardOrBureau,
    ];

    /// The kind as written in JSON and in the template (`区`, `区・局`).
    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::Ward => "区",
            OrgKind::Bureau => "局",
            OrgKind::Office => "室",
            OrgKind::WardOrBureau => "区・局",
        }
    }
}

/// Life-cycle stage; later stages require more sections.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
pub enum Status {
    #[serde(rename = "案")]
    /// 案.
    Draft,
    #[serde(rename = "確定")]
    /// 確定.
    Final,
    #[serde(rename = "中間振り返り済")]
    /// 中間振り返り済.
    MidYearReviewed,
    #[serde(rename = "自己評価済")]
    /// 自己評価済.
    SelfEvaluated,
}

impl Status {
    /// The status as written in JSON and printed (`案`, `確定` …).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "案",
            Status::Final => "確定",
            Status::MidYearReviewed => "中間振り返り済",
            Status::SelfEvaluated => "自己評価済",
        }
    }
}

/// Form generation: A until 令和4年度 (様式1–3), B from 令和5年度 (one simplified form).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Generation {
    /// Generation A: 様式1–3, until 令和4年度.
    A,
    /// Generation B: one simplified form, from 令和5年度.
    B,
}

/// One 経営課題.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ManagementIssue {
    /// 1..N in order.
    pub number: u32,
    /// Number as the author wrote it when it is not plain (`1-(1)`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_text: Option<String>,
    /// The 経営課題's title.
    pub title: String,
    /// Generation A: the heading `【経営課題N title】` stands in its own paragraph instead of
    /// running into the first paragraph of the overview.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub heading_own_paragraph: bool,
    /// Generation A: 経営課題の概要.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overview: RichText,
    /// Generation B: 課題認識.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recognition: RichText,
    /// 主な戦略 (generation B: 主な戦略（課題解決の方策）).
    #[serde(default)]
    pub strategies: RichText,
    /// Generation A: 主な具体的取組 with their budgets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub initiatives: Vec<Initiative>,
    /// Generation A: the 様式2 sheet of this 経営課題.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form2: Option<Form2>,
    /// Generation B: アウトカム指標.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcome_indicators: RichText,
    /// Generation B: アウトカム指標の達成状況（定量評価）.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub achievement: Option<Achievement>,
    /// Generation B: 前年度実績.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub previous_result: RichText,
}

/// A 具体的取組 line of 様式1: `・自主防災組織の防災活動・訓練への支援(2,781千円)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Initiative {
    #[serde(default = "default_marker", skip_serializing_if = "is_default_marker")]
    /// The line's bullet as written (`・`).
    pub marker: String,
    /// The initiative's text, without its amount.
    pub text: String,
    /// Printed right after the text, exactly as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
}

/// Generation B: the year's result, ending in a grade from the template's code list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Achievement {
    #[serde(default)]
    /// The result as written.
    pub result: RichText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The grade (`achievement_grade` list), when given.
    pub grade: Option<Code>,
}

/// A value from one of the template's code lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Code {
    /// Code list id in the template (`achievement_grade`).
    pub list: String,
    /// The code (`A`, `B` …).
    pub code: String,
}

/// A labelled block of 様式2 (and of the preamble): label text as printed, then the value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LabeledBlock {
    /// The label as printed.
    pub label: String,
    #[serde(default)]
    /// The value.
    pub text: RichText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// An evaluation code beside the value, when the block has one.
    pub code: Option<Code>,
}

/// 様式2: the detail sheet of one 経営課題.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Form2 {
    /// めざすべき将来像, 現状, 要因分析, 課題 … in order.
    #[serde(default)]
    pub blocks: Vec<LabeledBlock>,
    #[serde(default)]
    /// The 戦略 of 様式2, in order.
    pub strategies: Vec<Form2Strategy>,
}

/// A 戦略 of 様式2 (`戦略1-1`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Form2Strategy {
    /// `1-1`.
    pub number: String,
    /// The 戦略's title.
    pub title: String,
    /// めざす成果及び戦略, めざす状態, 戦略のアウトカム指標 … in order, with evaluation codes.
    #[serde(default)]
    pub blocks: Vec<LabeledBlock>,
    #[serde(default)]
    /// Its 具体的取組.
    pub initiatives: Vec<Form2Initiative>,
    /// 中間振り返り.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub midterm_review: RichText,
    /// 年度末振り返り.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub year_end_review: RichText,
}

/// A 具体的取組 of 様式2 (`具体的取組1-1-1 …（2年度予算額）`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Form2Initiative {
    /// `1-1-1`.
    pub number: String,
    /// The initiative's title.
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Its budget (`（2年度予算額）… 千円`), as written.
    pub amount: Option<Amount>,
    /// 業績目標, プロセス指標, 撤退・再構築基準, 前年度までの実績 … in order.
    #[serde(default)]
    pub blocks: Vec<LabeledBlock>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// 中間振り返り.
    pub midterm_review: RichText,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// 年度末振り返り.
    pub year_end_review: RichText,
}

/// 様式3.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reform {
    /// 市政改革プラン version: `2.0`, `3.0`; the template's default when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_version: Option<String>,
    /// The rows, in order.
    pub rows: Vec<ReformRow>,
}

/// A row `主な取組項目 | 取組内容`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReformRow {
    /// 主な取組項目.
    pub item: String,
    /// 取組内容.
    pub content: RichText,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// 中間振り返り.
    pub midterm_review: RichText,
}

/// 自己評価. Generation A: achievements + challenges; generation B: overall + future_policy.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SelfEvaluation {
    /// A: 1年間の取組成果と今後取り組みたいこと.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub achievements: RichText,
    /// A: 解決すべき課題と今後の改善方向.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub challenges: RichText,
    /// B: 自己評価（運営方針全体の定性評価）.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overall: RichText,
    /// B: 今後の方針.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub future_policy: RichText,
}

impl Plan {
    /// The kind whose label wording the form uses.
    pub fn label_kind(&self) -> OrgKind {
        self.meta
            .label_variant
            .unwrap_or(self.meta.organisation.kind)
    }

    /// A file-name-friendly name: `fukushima-r2` is not derivable from Japanese, so this is
    /// `令和2年度_福島区運営方針` style text with path separators removed.
    pub fn file_stem(&self) -> String {
        let raw = format!(
            "{}_{}運営方針",
            self.meta.fiscal_year, self.meta.organisation.name
        );
        raw.chars()
            .map(|c| {
                if matches!(c, '/' | '\\' | ':' | '\0') {
                    '_'
                } else {
                    c
                }
            })
            .collect()
    }
}
