//! Templates: label texts, page setup and code lists as data (`templates/*.toml`).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::i18n::Localize;
use crate::model::{Generation, OrgKind, Plan};
pub use crate::template_problem::TemplateProblem;
use crate::wareki::FiscalYear;

/// The bundled default template.
pub const DEFAULT_TEMPLATE_TOML: &str = include_str!("../../../templates/osaka-default.toml");

/// Templates bundled in the binary, by id: `--template` takes one of these names or a file.
/// A template file may start from one of them with `extends = "osaka-default"` and give only
/// what differs.
pub const BUNDLED_TEMPLATES: [(&str, &str); 2] = [
    ("osaka-default", DEFAULT_TEMPLATE_TOML),
    (
        "osaka-ipaex",
        include_str!("../../../templates/osaka-ipaex.toml"),
    ),
];

/// Placeholders a label may use.
pub const PLACEHOLDERS: [&str; 8] = [
    "所属",
    "長",
    "所属名",
    "年度",
    "年度番号",
    "版",
    "番号",
    "題名",
];

/// Label ids every template must define, per generation.
pub const REQUIRED_LABELS_A: [&str; 28] = [
    "title",
    "draft_suffix",
    "plan_heading",
    "goal",
    "mission",
    "policy",
    "issues",
    "issue_overview",
    "issue_strategies",
    "issue_heading",
    "initiatives",
    "initiatives_item",
    "initiatives_amount",
    "reform",
    "reform_item",
    "reform_content",
    "reform_midterm_review",
    "self_evaluation_heading",
    "achievements",
    "challenges",
    "form2_tag",
    "form2_heading",
    "form2_issue_heading",
    "form2_side_label",
    "form2_strategy_heading",
    "form2_initiative_heading",
    "midterm_review",
    "year_end_review",
];
/// Label ids a generation-B template must define.
pub const REQUIRED_LABELS_B: [&str; 14] = [
    "title",
    "draft_suffix",
    "goal",
    "mission",
    "policy",
    "issue_heading",
    "recognition",
    "strategies",
    "outcome_indicators",
    "achievement",
    "achievement_result",
    "previous_result",
    "self_evaluation",
    "future_policy",
];

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
/// A template: the wording of the forms' labels, per generation and organisation kind, the
/// page setup, the code lists and the import vocabulary (`templates/*.toml`).
pub struct Template {
    /// The template's id (`osaka-default`), named by plans in `meta.template`.
    pub id: String,
    /// A name for people.
    pub name: String,
    /// The 市政改革プラン version 様式3 names when the plan does not.
    pub reform_plan_version: String,
    /// `{所属}` and `{長}` wording per organisation kind (`区`, `局` …).
    pub org_kinds: BTreeMap<String, OrgWording>,
    /// Label texts by id, per generation.
    pub labels: GenerationLabels,
    /// The block labels of 様式2.
    pub form2: Form2Labels,
    /// Paper, margins, fonts and composition.
    pub page: PageSetup,
    #[serde(default)]
    /// Code lists by id (`achievement_grade`).
    pub code_lists: BTreeMap<String, CodeList>,
    /// `[import]`: how unei-import finds fields by label text, kept as written and read (and
    /// checked) by unei-import, which owns that vocabulary; templates that never import omit it.
    #[serde(default)]
    pub import: Option<toml::Table>,
    /// The bundled template this one `extends`: a plan made for it is a plan for this one.
    #[serde(skip)]
    pub extends: Option<String>,
}

impl Template {
    /// True when a plan naming template `id` is laid out by this template: its own id or the
    /// id of the template it extends.
    pub fn serves(&self, id: &str) -> bool {
        self.id == id || self.extends.as_deref() == Some(id)
    }
}

/// How one organisation kind is named in labels.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrgWording {
    /// {所属}: 区, 局, 室, 区・局.
    pub unit: String,
    /// {長}: 区長, 局長, 室長, 区・局長.
    pub head: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
/// Label texts by id for each form generation.
pub struct GenerationLabels {
    #[serde(rename = "A")]
    /// Generation A's labels (`[labels.A]`).
    pub a: BTreeMap<String, String>,
    #[serde(rename = "B")]
    /// Generation B's labels (`[labels.B]`).
    pub b: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
/// The labels of 様式2's blocks, in the order printed.
pub struct Form2Labels {
    /// Blocks of a 経営課題 (めざすべき将来像, 現状 …).
    pub issue_blocks: Vec<String>,
    /// Blocks of a 戦略.
    pub strategy_blocks: Vec<String>,
    /// Blocks of a 具体的取組.
    pub initiative_blocks: Vec<String>,
}

/// Page and print setup shared by the PDF and XLSX writers.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageSetup {
    /// Paper size: A4, A3, B4, B5 or Letter.
    pub size: String,
    /// `portrait` or `landscape`.
    pub orientation: String,
    /// Top margin, in millimetres.
    pub margin_top_mm: f32,
    /// Bottom margin, in millimetres.
    pub margin_bottom_mm: f32,
    /// Left margin, in millimetres.
    pub margin_left_mm: f32,
    /// Right margin, in millimetres.
    pub margin_right_mm: f32,
    /// The main font: a bundled or installed family, or a file.
    pub font: String,
    #[serde(default)]
    /// Fonts tried, in order, for characters the main font lacks.
    pub fallback_fonts: Vec<String>,
    #[serde(default)]
    /// The bold face for labels; empty draws them fake bold.
    pub bold_font: String,
    /// Body text size, in points (6–36).
    pub font_size_pt: f32,
    /// Title size, in points.
    pub title_font_size_pt: f32,
    /// Line pitch as a multiple of the font size.
    pub line_height: f32,
    /// Background of label cells, `#RRGGBB`.
    pub label_shading: String,
    #[serde(default)]
    /// Whether each 経営課題 starts a new page.
    pub issue_starts_new_page: bool,
    #[serde(default)]
    /// Whether 、。 may hang past the line end (ぶら下げ).
    pub hanging_punctuation: bool,
    /// 両端揃え (JLREQ 3.8): every line but a paragraph's last is set flush to the text
    /// width; `false` keeps the right edge ragged (the spreadsheet look).
    #[serde(default = "default_justify")]
    pub justify: bool,
    /// 和欧間 (JLREQ 3.2.6): the space between Japanese text and Latin letters or digits.
    #[serde(default)]
    pub latin_spacing: LatinSpacing,
    /// How an opening bracket (「（【) that starts a wrapped line is set (JLREQ 3.1.5).
    #[serde(default)]
    pub line_start_bracket: LineStartBracket,
    /// Where two-column rows split, as a fraction of the width (0.2–0.8).
    pub two_column_split: f32,
}

fn default_justify() -> bool {
    true
}

/// 和欧間 amounts a template may choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LatinSpacing {
    /// ¼ em, the JLREQ and JIS X 4051 default.
    #[default]
    Quarter,
    /// ⅛ em, the least JLREQ reduces it to.
    Eighth,
    /// No space: Latin text set solid against Japanese.
    None,
}

impl LatinSpacing {
    /// The amount in em.
    pub fn em(self) -> f32 {
        match self {
            LatinSpacing::Quarter => 0.25,
            LatinSpacing::Eighth => 0.125,
            LatinSpacing::None => 0.0,
        }
    }
}

/// Setting of an opening bracket at the start of a wrapped line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LineStartBracket {
    /// 天付き: the bracket's ink at the line start (JIS X 4051's default).
    #[default]
    Flush,
    /// The bracket keeps the half em before it (二分下げ).
    Half,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
/// A list of codes a plan may use (evaluation grades).
pub struct CodeList {
    /// The list's name for people.
    pub name: String,
    /// Its codes.
    pub codes: Vec<CodeDef>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
/// One code and what it means.
pub struct CodeDef {
    /// The code as written in plans (`A`).
    pub code: String,
    /// Its meaning as printed.
    pub meaning: String,
}

/// A template that could not be loaded; the message names the file and place.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("{file}: cannot read: {source}")]
    /// The template file could not be read.
    Read {
        /// The file as named.
        file: String,
        /// Why.
        source: std::io::Error,
    },
    #[error("{file}:{line}:{column}: {message}")]
    /// The file is not valid TOML, or a value has the wrong type.
    Syntax {
        /// The file as named.
        file: String,
        /// Byte offset in the template's text; line and column (in characters) derive from it.
        offset: usize,
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// toml's message.
        message: String,
    },
    #[error("{file}: {problem}")]
    /// The content is wrong (a missing label, an unknown paper size …).
    Invalid {
        /// The file as named.
        file: String,
        /// The first problem found.
        problem: TemplateProblem,
    },
}

impl Localize for TemplateError {
    fn localize(&self, lang: crate::Lang) -> String {
        use crate::Lang;
        match (self, lang) {
            (TemplateError::Read { file, source }, Lang::Ja) => {
                format!("{file}: 読み込めません: {source}")
            }
            (
                TemplateError::Syntax {
                    file,
                    line,
                    column,
                    message,
                    ..
                },
                lang,
            ) => format!(
                "{file}:{line}:{column}: {}",
                crate::i18n::translate(message, lang)
            ),
            (TemplateError::Invalid { file, problem }, lang) => {
                format!("{file}: {}", problem.localize(lang))
            }
            (other, Lang::En) => other.to_string(),
        }
    }
}

/// Paper sizes the template may name, in millimetres (portrait).
pub fn paper_size_mm(name: &str) -> Option<(f32, f32)> {
    match name {
        "A4" => Some((210.0, 297.0)),
        "A3" => Some((297.0, 420.0)),
        "B4" => Some((257.0, 364.0)),
        "B5" => Some((182.0, 257.0)),
        "Letter" => Some((215.9, 279.4)),
        _ => None,
    }
}

/// A template that `extends` a bundled one: the base's tables with this file's keys laid over
/// them, key by key (a table merges, any other value replaces).
fn extended(
    base: toml::Value,
    overrides: toml::Table,
    file: &str,
) -> Result<Template, TemplateError> {
    let invalid = |problem: TemplateProblem| TemplateError::Invalid {
        file: file.to_owned(),
        problem,
    };
    let name = base
        .as_str()
        .ok_or_else(|| invalid(TemplateProblem::ExtendsNotAName))?;
    let known = || {
        BUNDLED_TEMPLATES
            .iter()
            .map(|(id, _)| *id)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (_, base_text) = BUNDLED_TEMPLATES
        .iter()
        .find(|(id, _)| *id == name)
        .ok_or_else(|| {
            invalid(TemplateProblem::UnknownBase {
                name: name.to_owned(),
                known: known(),
            })
        })?;
    let parser = |e: toml::de::Error| {
        invalid(TemplateProblem::Parser {
            message: e.message().to_owned(),
        })
    };
    let mut merged: toml::Table = toml::from_str(base_text).map_err(parser)?;
    merged.remove("extends");
    lay_over(&mut merged, overrides);
    let mut template: Template = toml::Value::Table(merged).try_into().map_err(parser)?;
    template.extends = Some(name.to_owned());
    Ok(template)
}

fn lay_over(base: &mut toml::Table, overrides: toml::Table) {
    for (key, value) in overrides {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(inner)), toml::Value::Table(over)) => lay_over(inner, over),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

impl Template {
    /// The bundled `osaka-default` template.
    pub fn bundled() -> Template {
        // The bundled files are checked by tests; failing here is a build defect, not user input.
        #[allow(clippy::expect_used)]
        Template::bundled_named("osaka-default")
            .and_then(Result::ok)
            .expect("bundled template is valid")
    }

    /// A bundled template by id (`osaka-default`, `osaka-ipaex`), `None` for other names.
    ///
    /// # Errors
    /// `Some(Err)` when the bundled template does not load (a build defect the tests catch).
    pub fn bundled_named(id: &str) -> Option<Result<Template, TemplateError>> {
        let (_, text) = BUNDLED_TEMPLATES.iter().find(|(name, _)| *name == id)?;
        Some(Template::from_toml(text, &format!("templates/{id}.toml")))
    }

    /// Loads and checks a template file.
    ///
    /// # Errors
    /// When the file cannot be read, is not valid TOML, or its content has a problem
    /// ([`TemplateError`]).
    pub fn load(path: &Path) -> Result<Template, TemplateError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| TemplateError::Read {
            file: file.clone(),
            source,
        })?;
        Template::from_toml(&text, &file)
    }

    /// Parses and checks a template; `file` names it in errors.
    ///
    /// # Errors
    /// [`TemplateError::Syntax`] for invalid TOML or a wrong type, [`TemplateError::Invalid`] for
    /// a problem of its content or of `extends`.
    pub fn from_toml(text: &str, file: &str) -> Result<Template, TemplateError> {
        let syntax = |e: toml::de::Error| {
            let offset = e.span().map_or(0, |span| span.start);
            let (line, column) = crate::locate::line_col(text, offset);
            TemplateError::Syntax {
                file: file.to_owned(),
                offset,
                line,
                column,
                message: e.message().to_owned(),
            }
        };
        let mut table: toml::Table = toml::from_str(text).map_err(syntax)?;
        let template: Template = match table.remove("extends") {
            // Parsed from the text itself, so that type errors keep their line and column.
            None => toml::from_str(text).map_err(syntax)?,
            Some(base) => extended(base, table, file)?,
        };
        let problems = template.problems();
        if let Some(problem) = problems.into_iter().next() {
            return Err(TemplateError::Invalid {
                file: file.to_owned(),
                problem,
            });
        }
        Ok(template)
    }

    /// Everything wrong with the template's content, one problem each.
    pub fn problems(&self) -> Vec<TemplateProblem> {
        let mut problems: Vec<TemplateProblem> = OrgKind::ALL
            .into_iter()
            .filter(|kind| !self.org_kinds.contains_key(kind.as_str()))
            .map(|kind| TemplateProblem::NoOrgKindWording {
                kind: kind.as_str().to_owned(),
            })
            .collect();
        problems.extend(self.label_problems());
        problems.extend(self.page_problems());
        for (id, list) in &self.code_lists {
            if list.codes.is_empty() {
                problems.push(TemplateProblem::EmptyCodeList { id: id.clone() });
            }
        }
        problems
    }

    fn label_problems(&self) -> Vec<TemplateProblem> {
        let mut problems = Vec::new();
        for (generation, labels, required) in [
            ("A", &self.labels.a, &REQUIRED_LABELS_A[..]),
            ("B", &self.labels.b, &REQUIRED_LABELS_B[..]),
        ] {
            for id in required.iter().filter(|id| !labels.contains_key(**id)) {
                problems.push(TemplateProblem::MissingLabel {
                    generation: generation.to_owned(),
                    id: (*id).to_owned(),
                });
            }
            for (id, text) in labels {
                if let Err(name) = check_placeholders(text) {
                    problems.push(TemplateProblem::UnknownPlaceholder {
                        generation: generation.to_owned(),
                        id: id.clone(),
                        name,
                        known: PLACEHOLDERS.join(", "),
                    });
                }
            }
        }
        problems
    }

    fn page_problems(&self) -> Vec<TemplateProblem> {
        let page = &self.page;
        let mut problems = Vec::new();
        if paper_size_mm(&page.size).is_none() {
            problems.push(TemplateProblem::UnknownPaperSize {
                size: page.size.clone(),
            });
        }
        if !matches!(page.orientation.as_str(), "portrait" | "landscape") {
            problems.push(TemplateProblem::BadOrientation {
                orientation: page.orientation.clone(),
            });
        }
        if !(6.0..=36.0).contains(&page.font_size_pt) {
            problems.push(TemplateProblem::FontSizeOutOfRange {
                size: page.font_size_pt,
            });
        }
        if !(0.2..=0.8).contains(&page.two_column_split) {
            problems.push(TemplateProblem::SplitOutOfRange {
                split: page.two_column_split,
            });
        }
        problems
    }

    /// Label texts of a generation.
    pub fn labels(&self, generation: Generation) -> &BTreeMap<String, String> {
        match generation {
            Generation::A => &self.labels.a,
            Generation::B => &self.labels.b,
        }
    }

    /// Finds a code list entry.
    pub fn code(&self, list: &str, code: &str) -> Option<&CodeDef> {
        self.code_lists
            .get(list)?
            .codes
            .iter()
            .find(|c| c.code == code)
    }
}

/// `Err(name)` for the first `{name}` that is not a known placeholder.
fn check_placeholders(text: &str) -> Result<(), String> {
    check_placeholders_among(text, &PLACEHOLDERS)
}

/// `Err(name)` for the first `{name}` that is not one of `known`.
///
/// # Errors
/// The name of the first `{name}` that is not one of `known` (or an unclosed `{`).
pub fn check_placeholders_among(text: &str, known: &[&str]) -> Result<(), String> {
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else {
            return Err(after.to_owned());
        };
        let name = &after[..end];
        if !known.contains(&name) {
            return Err(name.to_owned());
        }
        rest = &after[end + 1..];
    }
    Ok(())
}

/// Resolves label texts for one plan: template text or the plan's override, placeholders filled.
#[derive(Debug)]
pub struct Labeler<'a> {
    plan: &'a Plan,
    template: &'a Template,
}

impl<'a> Labeler<'a> {
    /// Labels of `plan`, worded by `template` and the plan's own overrides.
    pub fn new(plan: &'a Plan, template: &'a Template) -> Self {
        Labeler { plan, template }
    }

    /// The label `id` with the plan's wording; numbered labels use [`Labeler::numbered`].
    pub fn get(&self, id: &str) -> String {
        self.numbered(id, "", "")
    }

    /// The label `id` with {番号} and {題名} filled.
    pub fn numbered(&self, id: &str, number: &str, title: &str) -> String {
        let raw = self
            .plan
            .labels
            .get(id)
            .or_else(|| self.template.labels(self.plan.meta.generation).get(id))
            .map(String::as_str)
            .unwrap_or(id);
        self.fill(raw, number, title)
    }

    /// `raw` with each known `{name}` replaced, in one pass: a value is never searched for
    /// placeholders again (an office named `{番号}区` stays so), unknown names and an unclosed
    /// `{` stay as written. Most labels have no placeholder and are copied as they are.
    fn fill(&self, raw: &str, number: &str, title: &str) -> String {
        let mut filled = String::with_capacity(raw.len() + number.len() + title.len());
        let mut rest = raw;
        while let Some(open) = rest.find('{') {
            filled.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let value = after
                .find('}')
                .and_then(|close| Some((close, self.placeholder(&after[..close], number, title)?)));
            match value {
                Some((close, value)) => {
                    filled.push_str(&value);
                    rest = &after[close + 1..];
                }
                None => {
                    filled.push('{');
                    rest = after;
                }
            }
        }
        filled.push_str(rest);
        filled
    }

    /// The value of placeholder `name` ([`PLACEHOLDERS`]), `None` for an unknown name.
    fn placeholder(&self, name: &str, number: &str, title: &str) -> Option<String> {
        let kind = || self.plan.label_kind();
        let wording = |kind: &str| self.template.org_kinds.get(kind);
        let year = || FiscalYear::parse(&self.plan.meta.fiscal_year).ok();
        Some(match name {
            "所属名" => self.plan.meta.organisation.name.clone(),
            "所属" => {
                let kind = kind();
                wording(kind.as_str()).map_or_else(|| kind.as_str().to_owned(), |w| w.unit.clone())
            }
            "長" => wording(kind().as_str()).map_or_else(String::new, |w| w.head.clone()),
            "年度番号" => year().map_or_else(String::new, |y| y.number_text()),
            "年度" => {
                year().map_or_else(|| self.plan.meta.fiscal_year.clone(), |y| y.to_string())
            }
            "版" => self
                .plan
                .reform
                .as_ref()
                .and_then(|r| r.plan_version.clone())
                .unwrap_or_else(|| self.template.reform_plan_version.clone()),
            "番号" => number.to_owned(),
            "題名" => title.to_owned(),
            _ => return None,
        })
    }

    /// The title line: `令和2年度 福島区運営方針`, with the draft suffix for drafts.
    pub fn title(&self) -> String {
        let mut title = self.get("title");
        if self.plan.meta.status == crate::model::Status::Draft {
            title.push_str(&self.get("draft_suffix"));
        }
        title
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fukushima() -> Plan {
        let text = include_str!("../../../fixtures/plans/fukushima-r2.json");
        crate::plan_from_str(text, "fukushima-r2.json").unwrap()
    }

    #[test]
    fn every_placeholder_is_filled_and_values_are_not_filled_again() {
        let mut plan = fukushima();
        plan.meta.organisation.name = "{番号}区".to_owned();
        let template = Template::bundled();
        let labels = Labeler::new(&plan, &template);
        for name in PLACEHOLDERS {
            let raw = format!("<{{{name}}}>");
            let filled = labels.fill(&raw, "3", "題");
            assert!(!filled.contains(&raw[1..raw.len() - 1]), "{name}: {filled}");
        }
        assert_eq!(
            labels.fill("{所属名}{年度}{年度番号} {番号}:{題名}", "3", "題"),
            "{番号}区令和2年度2 3:題"
        );
        assert_eq!(labels.fill("{未知}{番号}{", "3", ""), "{未知}3{");
        assert_eq!(labels.fill("{{番号}}", "3", ""), "{3}");
        assert_eq!(labels.fill("課題なし", "3", ""), "課題なし");
    }

    #[test]
    fn every_bundled_template_loads_and_ipaex_extends_the_default() {
        for (id, _) in BUNDLED_TEMPLATES {
            let template = Template::bundled_named(id).unwrap().unwrap();
            assert_eq!(template.id, id);
        }
        let default = Template::bundled();
        let ipaex = Template::bundled_named("osaka-ipaex").unwrap().unwrap();
        assert_eq!(default.page.font, "BIZ UDGothic");
        assert_eq!(default.page.bold_font, "BIZ UDGothic Bold");
        assert_eq!(ipaex.page.font, "IPAexGothic");
        assert_eq!(ipaex.page.bold_font, "");
        // Everything the file does not give comes from the base, tables merged key by key.
        assert_eq!(ipaex.labels, default.labels);
        assert_eq!(ipaex.page.font_size_pt, default.page.font_size_pt);
        assert!(ipaex.serves("osaka-ipaex") && ipaex.serves("osaka-default"));
        assert!(!default.serves("osaka-ipaex"));
        assert!(Template::bundled_named("no-such").is_none());
    }

    #[test]
    fn extends_errors_name_the_file_and_the_known_templates() {
        let err = Template::from_toml("extends = \"nope\"\n", "mine.toml").unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("mine.toml: "), "{text}");
        assert!(text.contains("osaka-default, osaka-ipaex"), "{text}");
        let err = Template::from_toml(
            "extends = \"osaka-default\"\n[page]\nfont_size_pt = \"big\"\n",
            "mine.toml",
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("mine.toml: "), "{err}");
        let ok = Template::from_toml(
            "extends = \"osaka-default\"\nid = \"mine\"\n[page]\nfont_size_pt = 11.0\n",
            "mine.toml",
        )
        .unwrap();
        assert_eq!((ok.page.font_size_pt, ok.page.size.as_str()), (11.0, "A4"));
    }

    #[test]
    fn bundled_template_is_valid() {
        let t = Template::from_toml(DEFAULT_TEMPLATE_TOML, "x").unwrap();
        assert!(t.problems().is_empty(), "{:?}", t.problems());
        assert_eq!(t.id, "osaka-default");
    }

    #[test]
    fn syntax_error_names_line_and_column() {
        let text = "id = \"x\"\nname = \n";
        let err = Template::from_toml(text, "t.toml").unwrap_err().to_string();
        assert!(err.starts_with("t.toml:2:"), "{err}");
    }

    #[test]
    fn unknown_field_is_an_error() {
        let text = DEFAULT_TEMPLATE_TOML.replace("[page]\n", "[page]\npaper = \"A4\"\n");
        let err = Template::from_toml(&text, "t.toml")
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown field `paper`"), "{err}");
        assert!(err.starts_with("t.toml:"), "{err}");
    }

    #[test]
    fn missing_label_and_bad_placeholder_are_reported() {
        let text = DEFAULT_TEMPLATE_TOML
            .replace("recognition = \"課題認識\"\n", "")
            .replace("{所属}の目標", "{部署}の目標");
        let t: Template = toml::from_str(&text).unwrap();
        let problems = t
            .problems()
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            problems.contains("labels.B: missing label \"recognition\""),
            "{problems}"
        );
        assert!(
            problems.contains("unknown placeholder {部署}"),
            "{problems}"
        );
        assert!(Template::from_toml(&text, "t.toml").is_err());
    }

    #[test]
    fn import_section_is_optional_and_kept_for_the_importer() {
        let bundled = Template::bundled();
        let import = bundled
            .import
            .as_ref()
            .expect("bundled template has [import]");
        assert!(import.contains_key("labels"), "{import:?}");
        let start = DEFAULT_TEMPLATE_TOML.find("\n[import]").unwrap();
        let without = &DEFAULT_TEMPLATE_TOML[..start];
        let t = Template::from_toml(without, "t.toml").unwrap();
        assert_eq!(t.import, None);
    }

    #[test]
    fn bad_page_values_are_reported() {
        let text = DEFAULT_TEMPLATE_TOML
            .replace("size = \"A4\"", "size = \"A9\"")
            .replace("orientation = \"portrait\"", "orientation = \"sideways\"");
        let t: Template = toml::from_str(&text).unwrap();
        let problems = t
            .problems()
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n");
        assert!(problems.contains("page.size"), "{problems}");
        assert!(problems.contains("page.orientation"), "{problems}");
    }
}
