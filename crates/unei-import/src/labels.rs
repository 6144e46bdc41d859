//! Finding fields by label text: the template's `[import.labels]` variants, normalised and
//! matched with placeholders (`{所属}の目標（何をめざすのか）` matches `【区・局の目標】`).

use unei_core::template::{IMPORT_FIELDS, ImportRules};
use unei_core::wareki::FiscalYear;
use unei_core::{OrgKind, Template};

use crate::error::ImportError;
use crate::normalize::{normalise, strip_numbering};

/// Texts longer than this (normalised) are content, never labels; keeps matching cheap.
const MAX_LABEL_CHARS: usize = 80;

/// A field an import label names (the keys of `[import.labels]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Title,
    DraftTitle,
    PlanHeading,
    Preamble,
    Goal,
    Mission,
    Policy,
    Issues,
    IssueOverview,
    Strategies,
    Initiatives,
    Reform,
    ReformItem,
    ReformContent,
    MidtermReview,
    YearEndReview,
    SelfEvaluationHeading,
    Achievements,
    Challenges,
    Recognition,
    OutcomeIndicators,
    Achievement,
    AchievementResult,
    PreviousResult,
    Overall,
    FuturePolicy,
    Form2Tag,
    Form2SideLabel,
    Form2Block,
}

impl Field {
    /// Every field, in the order of [`IMPORT_FIELDS`].
    pub const ALL: [Field; 29] = [
        Field::Title,
        Field::DraftTitle,
        Field::PlanHeading,
        Field::Preamble,
        Field::Goal,
        Field::Mission,
        Field::Policy,
        Field::Issues,
        Field::IssueOverview,
        Field::Strategies,
        Field::Initiatives,
        Field::Reform,
        Field::ReformItem,
        Field::ReformContent,
        Field::MidtermReview,
        Field::YearEndReview,
        Field::SelfEvaluationHeading,
        Field::Achievements,
        Field::Challenges,
        Field::Recognition,
        Field::OutcomeIndicators,
        Field::Achievement,
        Field::AchievementResult,
        Field::PreviousResult,
        Field::Overall,
        Field::FuturePolicy,
        Field::Form2Tag,
        Field::Form2SideLabel,
        Field::Form2Block,
    ];

    /// The id used in the template.
    pub fn id(self) -> &'static str {
        let index = Field::ALL.iter().position(|f| *f == self).unwrap_or(0);
        IMPORT_FIELDS[index]
    }

    pub fn from_id(id: &str) -> Option<Field> {
        let index = IMPORT_FIELDS.iter().position(|f| *f == id)?;
        Field::ALL.get(index).copied()
    }

    /// Headings and titles stand alone; every other label has a value beside or below it.
    pub fn takes_value(self) -> bool {
        !matches!(
            self,
            Field::Title
                | Field::DraftTitle
                | Field::PlanHeading
                | Field::Issues
                | Field::Reform
                | Field::SelfEvaluationHeading
                | Field::Achievement
                | Field::Form2Tag
                | Field::Form2SideLabel
        )
    }
}

/// What a label match found besides the field: wording, year, version, organisation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Captures {
    /// The organisation kind whose wording the label uses ({所属} / {長}).
    pub label_kind: Option<OrgKind>,
    pub year: Option<FiscalYear>,
    /// {年度番号}: `2`, `元`.
    pub year_number: Option<String>,
    /// {版}: `3.0`.
    pub version: Option<String>,
    /// {所属名}: `福島区`.
    pub organisation: Option<String>,
}

/// A matched label.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelMatch {
    pub field: Field,
    pub captures: Captures,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Placeholder {
    Unit,
    Head,
    OrganisationName,
    Year,
    YearNumber,
    Version,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Literal(String),
    Hole(Placeholder),
}

#[derive(Debug, Clone)]
struct Pattern {
    field: Field,
    tokens: Vec<Token>,
}

/// Matches normalised cell texts against every label variant of a template.
#[derive(Debug, Clone)]
pub struct LabelMatcher {
    patterns: Vec<Pattern>,
    /// Normalised {所属} wordings with their kinds, longest first.
    units: Vec<(String, OrgKind)>,
    heads: Vec<(String, OrgKind)>,
}

impl LabelMatcher {
    /// Builds the matcher from `[import.labels]` and the `[form2]` block labels.
    pub fn new(template: &Template, rules: &ImportRules) -> Result<LabelMatcher, ImportError> {
        let mut patterns = Vec::new();
        for (id, variants) in &rules.labels {
            let field = Field::from_id(id).ok_or_else(|| {
                ImportError::Template(format!("import.labels: unknown field {id:?}"))
            })?;
            for variant in variants {
                patterns.push(Pattern {
                    field,
                    tokens: tokenize(variant)?,
                });
            }
        }
        let form2 = &template.form2;
        for label in form2
            .issue_blocks
            .iter()
            .chain(&form2.strategy_blocks)
            .chain(&form2.initiative_blocks)
        {
            patterns.push(Pattern {
                field: Field::Form2Block,
                tokens: tokenize(label)?,
            });
        }
        check_conflicts(&patterns)?;
        let mut units = Vec::new();
        let mut heads = Vec::new();
        for kind in OrgKind::ALL {
            if let Some(wording) = template.org_kinds.get(kind.as_str()) {
                units.push((normalise(&wording.unit), kind));
                heads.push((normalise(&wording.head), kind));
            }
        }
        units.sort_by_key(|(text, _)| std::cmp::Reverse(text.len()));
        heads.sort_by_key(|(text, _)| std::cmp::Reverse(text.len()));
        Ok(LabelMatcher {
            patterns,
            units,
            heads,
        })
    }

    /// The label a cell text is, if any: the whole text first, then without a section number.
    pub fn find(&self, text: &str) -> Option<LabelMatch> {
        let normalised = normalise(text);
        if normalised.is_empty() || normalised.chars().count() > MAX_LABEL_CHARS {
            return None;
        }
        self.find_normalised(&normalised)
            .or_else(|| strip_numbering(&normalised).and_then(|rest| self.find_normalised(rest)))
    }

    fn find_normalised(&self, text: &str) -> Option<LabelMatch> {
        self.patterns.iter().find_map(|pattern| {
            let mut captures = Captures::default();
            let matched = self.match_tokens(&pattern.tokens, text, &mut captures);
            matched.then_some(LabelMatch {
                field: pattern.field,
                captures,
            })
        })
    }

    fn match_tokens(&self, tokens: &[Token], text: &str, captures: &mut Captures) -> bool {
        let Some((first, rest)) = tokens.split_first() else {
            return text.is_empty();
        };
        match first {
            Token::Literal(literal) => text
                .strip_prefix(literal.as_str())
                .is_some_and(|after| self.match_tokens(rest, after, captures)),
            Token::Hole(hole) => self
                .candidates(*hole, text)
                .into_iter()
                .any(|(len, found)| {
                    let saved = captures.clone();
                    found.record(captures);
                    let matched = self.match_tokens(rest, &text[len..], captures);
                    if !matched {
                        *captures = saved;
                    }
                    matched
                }),
        }
    }

    /// Byte lengths of the prefixes of `text` a placeholder can stand for, longest first.
    fn candidates(&self, hole: Placeholder, text: &str) -> Vec<(usize, Found)> {
        match hole {
            Placeholder::Unit => wording_candidates(&self.units, text, Found::Kind),
            Placeholder::Head => wording_candidates(&self.heads, text, Found::Kind),
            Placeholder::Year => year_prefix(text)
                .map(|(len, year)| vec![(len, Found::Year(year))])
                .unwrap_or_default(),
            Placeholder::YearNumber => year_number_prefix(text)
                .map(|len| vec![(len, Found::YearNumber(text[..len].to_owned()))])
                .unwrap_or_default(),
            Placeholder::Version => version_prefix(text)
                .map(|len| vec![(len, Found::Version(text[..len].to_owned()))])
                .unwrap_or_default(),
            Placeholder::OrganisationName => {
                let mut ends: Vec<usize> = text.char_indices().skip(1).map(|(i, _)| i).collect();
                ends.push(text.len());
                ends.into_iter()
                    .rev()
                    .map(|len| (len, Found::Organisation(text[..len].to_owned())))
                    .collect()
            }
        }
    }
}

/// One placeholder's value while matching.
enum Found {
    Kind(OrgKind),
    Year(FiscalYear),
    YearNumber(String),
    Version(String),
    Organisation(String),
}

impl Found {
    fn record(self, captures: &mut Captures) {
        match self {
            Found::Kind(kind) => {
                captures.label_kind.get_or_insert(kind);
            }
            Found::Year(year) => captures.year = Some(year),
            Found::YearNumber(number) => captures.year_number = Some(number),
            Found::Version(version) => captures.version = Some(version),
            Found::Organisation(name) => captures.organisation = Some(name),
        }
    }
}

fn wording_candidates(
    wordings: &[(String, OrgKind)],
    text: &str,
    found: fn(OrgKind) -> Found,
) -> Vec<(usize, Found)> {
    wordings
        .iter()
        .filter(|(wording, _)| text.starts_with(wording.as_str()))
        .map(|(wording, kind)| (wording.len(), found(*kind)))
        .collect()
}

/// `令和2年度` / `平成31年度` / `令和元年度` at the start of a normalised text.
fn year_prefix(text: &str) -> Option<(usize, FiscalYear)> {
    let era_len = ["令和", "平成"]
        .iter()
        .find(|era| text.starts_with(**era))?
        .len();
    let number_len = year_number_prefix(&text[era_len..])?;
    let end = era_len + number_len;
    let suffix = if text[end..].starts_with("年度") {
        "年度".len()
    } else {
        return None;
    };
    let year = FiscalYear::parse(&text[..end + suffix]).ok()?;
    Some((end + suffix, year))
}

/// `元` or up to two digits.
fn year_number_prefix(text: &str) -> Option<usize> {
    if text.starts_with('元') {
        return Some('元'.len_utf8());
    }
    let digits = text.bytes().take_while(u8::is_ascii_digit).count().min(2);
    (digits > 0).then_some(digits)
}

/// `3.0`, `2.0`.
fn version_prefix(text: &str) -> Option<usize> {
    let major = text.bytes().take_while(u8::is_ascii_digit).count();
    if major == 0 || !text[major..].starts_with('.') {
        return None;
    }
    let minor = text[major + 1..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    (minor > 0).then_some(major + 1 + minor)
}

/// Splits a variant into normalised literals and placeholders.
fn tokenize(variant: &str) -> Result<Vec<Token>, ImportError> {
    let mut tokens = Vec::new();
    let mut rest = variant;
    while let Some(start) = rest.find('{') {
        push_literal(&mut tokens, &rest[..start]);
        let after = &rest[start + 1..];
        let end = after.find('}').ok_or_else(|| {
            ImportError::Template(format!("label variant {variant:?}: unclosed {{"))
        })?;
        let hole = match &after[..end] {
            "所属" => Placeholder::Unit,
            "長" => Placeholder::Head,
            "所属名" => Placeholder::OrganisationName,
            "年度" => Placeholder::Year,
            "年度番号" => Placeholder::YearNumber,
            "版" => Placeholder::Version,
            other => {
                return Err(ImportError::Template(format!(
                    "label variant {variant:?}: unknown placeholder {{{other}}}"
                )));
            }
        };
        tokens.push(Token::Hole(hole));
        rest = &after[end + 1..];
    }
    push_literal(&mut tokens, rest);
    Ok(tokens)
}

fn push_literal(tokens: &mut Vec<Token>, text: &str) {
    let literal = normalise(text);
    if !literal.is_empty() {
        tokens.push(Token::Literal(literal));
    }
}

/// Two fields with the same variant would make a label's meaning depend on pattern order.
fn check_conflicts(patterns: &[Pattern]) -> Result<(), ImportError> {
    for (i, a) in patterns.iter().enumerate() {
        if let Some(b) = patterns[i + 1..]
            .iter()
            .find(|b| b.tokens == a.tokens && b.field != a.field)
        {
            return Err(ImportError::Template(format!(
                "import.labels: fields {:?} and {:?} share a label variant",
                a.field.id(),
                b.field.id()
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher() -> LabelMatcher {
        let template = Template::bundled();
        let rules = template.import.clone().unwrap();
        LabelMatcher::new(&template, &rules).unwrap()
    }

    #[test]
    fn every_template_field_id_has_a_field() {
        for id in IMPORT_FIELDS {
            assert_eq!(Field::from_id(id).map(Field::id), Some(id));
        }
    }

    #[test]
    fn finds_org_wording_variants() {
        let m = matcher();
        for (text, kind) in [
            ("区・局の目標（何をめざすのか）", OrgKind::WardOrBureau),
            ("【区の目標（何をめざすのか）】", OrgKind::Ward),
            ("局の目標\n（何をめざすのか）", OrgKind::Bureau),
            ("1 室の目標(何をめざすのか)", OrgKind::Office),
            ("（1）【局の目標（何をめざすのか）】", OrgKind::Bureau),
        ] {
            let found = m.find(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(found.field, Field::Goal, "{text}");
            assert_eq!(found.captures.label_kind, Some(kind), "{text}");
        }
    }

    #[test]
    fn captures_year_version_and_organisation() {
        let m = matcher();
        let policy = m
            .find("令和2年度 区・局運営の基本的な考え方（区・局長の方針）")
            .unwrap();
        assert_eq!(policy.field, Field::Policy);
        assert_eq!(policy.captures.year.unwrap().to_string(), "令和2年度");
        assert_eq!(policy.captures.label_kind, Some(OrgKind::WardOrBureau));
        let ward = m.find("区の運営方針の基本的な考え方（区の方針）").unwrap();
        assert_eq!(ward.field, Field::Policy);
        let reform = m
            .find("「市政改革プラン2.0」に基づく取組等（様式3）")
            .unwrap();
        assert_eq!(reform.captures.version.as_deref(), Some("2.0"));
        let title = m.find("令和元年度 都市計画局運営方針").unwrap();
        assert_eq!(title.field, Field::Title);
        assert_eq!(title.captures.organisation.as_deref(), Some("都市計画局"));
        let draft = m.find("令和3年度 見本区運営方針（案）").unwrap();
        assert_eq!(draft.field, Field::DraftTitle);
        let budget = m.find("主な具体的取組（２年度予算額）").unwrap();
        assert_eq!(budget.captures.year_number.as_deref(), Some("2"));
    }

    #[test]
    fn content_is_not_a_label() {
        let m = matcher();
        for text in [
            "地域の福祉活動",
            "1年間の取組成果",
            "目標",
            "令和2年度",
            "1",
            "",
            "主な戦略は次のとおり",
        ] {
            assert_eq!(m.find(text), None, "{text}");
        }
        assert_eq!(
            m.find("1年間の取組成果と今後取り組みたいこと")
                .map(|l| l.field),
            Some(Field::Achievements)
        );
    }

    #[test]
    fn conflicting_variants_are_a_template_error() {
        let mut template = Template::bundled();
        let mut rules = template.import.take().unwrap();
        rules
            .labels
            .get_mut("mission")
            .unwrap()
            .push("目標（何をめざすのか）".to_owned());
        let err = LabelMatcher::new(&template, &rules).unwrap_err();
        assert!(err.to_string().contains("share a label variant"), "{err}");
    }
}
