//! The importer's vocabulary in the template (`[import]`): label variants per field, the label
//! grammar (how a written label is compared with them), page chrome and reading rules. Data, so
//! that a wording found in a real form is an edit of the template, not of the importer. Core
//! keeps the section as written; this crate reads and checks it.

use std::collections::BTreeMap;

use serde::Deserialize;
use unei_core::Template;
use unei_core::template::check_placeholders_among;

use crate::error::{ImportError, RulesProblem};
use crate::labels::Field;

/// Placeholders an import label variant may use; each matches what the form prints there.
pub const IMPORT_PLACEHOLDERS: [&str; 6] = ["所属", "長", "所属名", "年度", "年度番号", "版"];

/// Label variants and reading rules of `unei import` (`[import]`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportRules {
    /// Label variants per field id (see [`Field::id`]); compared through the grammar.
    pub labels: BTreeMap<String, Vec<String>>,
    /// Field ids whose labels exist only on generation A forms: evidence of the generation.
    pub generation_a_fields: Vec<String>,
    /// Field ids whose labels exist only on generation B forms.
    pub generation_b_fields: Vec<String>,
    /// 様式 name → words in a sheet name that say the sheet holds that 様式.
    pub sheet_forms: BTreeMap<String, Vec<String>>,
    /// Characters that start a bullet line inside a cell (`・`, `•`).
    pub bullets: Vec<String>,
    /// Word that starts a 経営課題 heading (`経営課題1`).
    pub issue_keyword: String,
    /// Word that starts a 戦略 heading (`戦略1-1`).
    pub strategy_keyword: String,
    /// Word that starts a 具体的取組 heading (`具体的取組1-1-1`).
    pub initiative_keyword: String,
    /// How an amount from a numeric cell is written; `{金額}` is the comma-grouped number.
    pub amount_format: String,
    /// meta.source of an imported workbook; `{ファイル名}` is the file's name.
    pub workbook_source: String,
    /// How label variants are read (width, brackets, optional parts).
    pub grammar: Grammar,
    /// What of a published page is site chrome.
    pub page: PageImportRules,
}

/// How a written label is compared with the variants: what may differ and still be the label.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grammar {
    /// Groups of characters that stand for one another (after NFKC), e.g. `~∼〜`.
    pub same_characters: Vec<String>,
    /// Words a label may leave out (`主な`).
    pub optional_words: Vec<String>,
    /// Bracket pairs (two characters, after NFKC) whose part a label may leave out.
    pub optional_brackets: Vec<String>,
    /// More wordings of `{所属}` than the organisation kinds' own (`所属`); they name no kind.
    pub units: Vec<String>,
    /// More wordings of `{長}` (`所属長`).
    pub heads: Vec<String>,
    /// `{長}` may also be written as a `{所属}` wording (`（区の方針）` for `（区長の方針）`).
    pub head_may_be_unit: bool,
    /// Fewest characters a variant may keep once optional parts are left out.
    pub min_shortened_chars: usize,
    /// Longest text (normalised) that can be a label.
    pub max_label_chars: usize,
    /// A text this close to a variant (0–1: one minus the edit distance over the length) is read as that label, with
    /// a warning.
    pub accept_score: f64,
    /// A label-shaped text this close to a variant is an unknown label (reported with it).
    pub unknown_label_score: f64,
}

/// How published pages are read.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageImportRules {
    /// meta.source of an imported page: `{所属名}`, `{年度}` and `{内容}` (the parts found).
    pub source: String,
    /// Name of the plan part in `{内容}`, per generation.
    pub plan_part_a: String,
    /// Name of the plan part in `{内容}` for generation B (`plan_part_a` is A's).
    pub plan_part_b: String,
    /// Name of the 自己評価 part in `{内容}`.
    pub self_evaluation_part: String,
    /// Site chrome: lines that start with one of these (after normalisation) are skipped.
    pub navigation_lines: Vec<String>,
    /// Dates of the page (掲載日, 更新日): lines that start with one of these are skipped, as
    /// are lines that are nothing but a date.
    pub date_lines: Vec<String>,
    /// The site's footer starts at a line that starts with one of these: it and every line
    /// after it are chrome (the contact address, related links), never the plan's text.
    #[serde(default)]
    pub footer_lines: Vec<String>,
    /// Before the first label of the form, a line holding one of these words is a notice
    /// about the plan (進捗管理を実施しました, what a 運営方針 is), not part of it.
    pub notice_words: Vec<String>,
    /// A line outside every field that starts with one of these is a publication note
    /// (meta.source); inside a field it is the field's text.
    pub note_prefixes: Vec<String>,
    /// HTML element names, ids and classes whose content is site navigation.
    pub skip_html: Vec<String>,
    /// A text line ending in one of these characters continues on the next line (a line
    /// wrap copied from a PDF), unless the next line starts an item.
    pub wrap_continues_after: String,
    /// A text line starting with one of these continues the line before it, unless that
    /// one ends a sentence (a character of `wrap_ends_sentence`).
    pub wrap_continues_before: String,
    /// Characters that end a sentence (see `wrap_continues_before`).
    pub wrap_ends_sentence: String,
    /// A text line starting with hiragana continues one that ends in kana or kanji.
    pub wrap_hiragana_continues_words: bool,
}

impl ImportRules {
    /// The rules of a template's `[import]` section, checked.
    ///
    /// # Errors
    /// [`ImportError::Template`] when the template has no `[import]` section or the section
    /// does not describe valid rules (unknown keys or field ids, bad placeholders).
    pub fn from_template(template: &Template) -> Result<ImportRules, ImportError> {
        let table = template.import.as_ref().ok_or_else(|| {
            ImportError::Template(RulesProblem::NoImportSection {
                template: template.id.clone(),
            })
        })?;
        let rules: ImportRules =
            toml::Value::Table(table.clone())
                .try_into()
                .map_err(|e: toml::de::Error| {
                    ImportError::Template(RulesProblem::Unparsable {
                        message: e.message().to_owned(),
                    })
                })?;
        if let Some(problem) = rules.problems().into_iter().next() {
            return Err(ImportError::Template(problem));
        }
        Ok(rules)
    }

    /// Unknown field ids, placeholders and out-of-range numbers.
    pub fn problems(&self) -> Vec<RulesProblem> {
        let mut problems = Vec::new();
        let field_lists = [
            ("import.labels", self.labels.keys().collect::<Vec<_>>()),
            (
                "import.generation_a_fields",
                self.generation_a_fields.iter().collect(),
            ),
            (
                "import.generation_b_fields",
                self.generation_b_fields.iter().collect(),
            ),
        ];
        for (place, ids) in field_lists {
            for id in ids {
                if Field::from_id(id).is_none() {
                    problems.push(RulesProblem::UnknownField {
                        place: place.to_owned(),
                        id: id.clone(),
                    });
                }
            }
        }
        for (id, variants) in &self.labels {
            if variants.is_empty() {
                problems.push(RulesProblem::NoVariants { field: id.clone() });
            }
            for variant in variants {
                if let Err(name) = check_placeholders_among(variant, &IMPORT_PLACEHOLDERS) {
                    problems.push(RulesProblem::UnknownPlaceholder {
                        place: format!("import.labels.{id}"),
                        variant: variant.clone(),
                        name,
                    });
                }
            }
        }
        if !self.amount_format.contains("{金額}") {
            problems.push(RulesProblem::AmountWithoutPlaceholder);
        }
        problems.extend(self.grammar.problems());
        problems
    }
}

impl Grammar {
    fn problems(&self) -> Vec<RulesProblem> {
        let mut problems = Vec::new();
        for pair in &self.optional_brackets {
            if pair.chars().count() != 2 {
                problems.push(RulesProblem::NotABracketPair { pair: pair.clone() });
            }
        }
        for (name, score) in [
            ("accept_score", self.accept_score),
            ("unknown_label_score", self.unknown_label_score),
        ] {
            if !(0.0..=1.0).contains(&score) {
                problems.push(RulesProblem::ScoreOutOfRange { name, score });
            }
        }
        if self.unknown_label_score > self.accept_score {
            problems.push(RulesProblem::UnknownAboveAccept);
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_rules_are_valid() {
        let rules = ImportRules::from_template(&Template::bundled()).unwrap();
        assert!(rules.labels["goal"].contains(&"{所属}の目標（何をめざすのか）".to_owned()));
        assert!(rules.problems().is_empty(), "{:?}", rules.problems());
    }

    #[test]
    fn bad_rules_are_template_errors_naming_the_place() {
        let text = unei_core::template::DEFAULT_TEMPLATE_TOML
            .replace("plan_heading = [\"◆計画\"", "plan_headline = [\"◆計画\"")
            .replace(
                "previous_result = [\"<前年度実績>\"",
                "previous_result = [\"<{前年度}実績>\"",
            )
            .replace("({金額}千円)", "(千円)")
            .replace("accept_score = 0.8", "accept_score = 1.5");
        let template = Template::from_toml(&text, "t.toml").unwrap();
        let rules: ImportRules = toml::Value::Table(template.import.clone().unwrap())
            .try_into()
            .unwrap();
        let problems = rules.problems();
        let places: Vec<String> = problems.iter().map(RulesProblem::place).collect();
        assert_eq!(
            places,
            [
                "import.labels",
                "import.labels.previous_result",
                "import.amount_format",
                "import.grammar.accept_score",
            ],
            "{problems:?}"
        );
        assert!(problems.contains(&RulesProblem::UnknownField {
            place: "import.labels".to_owned(),
            id: "plan_headline".to_owned()
        }));
        assert!(problems.contains(&RulesProblem::ScoreOutOfRange {
            name: "accept_score",
            score: 1.5
        }));
        let err = ImportRules::from_template(&template).unwrap_err();
        assert!(
            matches!(&err, ImportError::Template(p) if *p == problems[0]),
            "{err}"
        );
        let without = &unei_core::template::DEFAULT_TEMPLATE_TOML
            [..unei_core::template::DEFAULT_TEMPLATE_TOML
                .find("\n[import]")
                .unwrap()];
        let bare = Template::from_toml(without, "t.toml").unwrap();
        let err = ImportRules::from_template(&bare).unwrap_err().to_string();
        assert!(err.contains("no [import] section"), "{err}");
    }
}
