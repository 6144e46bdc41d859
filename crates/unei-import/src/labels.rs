//! Finding fields by label text: the template's `[import.labels]` variants, compared through
//! its label grammar (`[import.grammar]`: same characters, optional words and bracketed parts,
//! more wordings of {所属} / {長}) with placeholders, and scored, so that a text matching no
//! variant still names the closest label (`区の使命` matches `{所属}の使命（どのような役割を担うのか）`).

use unei_core::wareki::FiscalYear;
use unei_core::{OrgKind, Template};

use crate::error::{ImportError, RulesProblem};
use crate::normalize::{normalise, strip_numbering};
use crate::rules::{Grammar, ImportRules};

/// A field an import label names (the keys of `[import.labels]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// The page's title line (`令和2年度 福島区運営方針`).
    Title,
    /// A title that marks a draft (`（案）`).
    DraftTitle,
    /// The heading of the plan part (`◆計画`).
    PlanHeading,
    /// The preamble before the 目標.
    Preamble,
    /// 目標 (the goal).
    Goal,
    /// 使命 (the mission).
    Mission,
    /// 運営の基本的な考え方 (the policy).
    Policy,
    /// The heading of the 経営課題.
    Issues,
    /// 経営課題の概要 (generation A).
    IssueOverview,
    /// 主な戦略.
    Strategies,
    /// 具体的取組 (with their 予算額).
    Initiatives,
    /// The heading of 様式3 (市政改革プラン).
    Reform,
    /// 様式3: 主な取組項目.
    ReformItem,
    /// 様式3: 取組内容.
    ReformContent,
    /// 中間振り返り.
    MidtermReview,
    /// 年度末振り返り.
    YearEndReview,
    /// The heading of the 自己評価.
    SelfEvaluationHeading,
    /// 自己評価: 主な成果.
    Achievements,
    /// 自己評価: 課題.
    Challenges,
    /// 課題認識 (generation B).
    Recognition,
    /// 成果指標.
    OutcomeIndicators,
    /// The heading of 達成状況.
    Achievement,
    /// 達成状況: the result.
    AchievementResult,
    /// 前年度の結果.
    PreviousResult,
    /// 自己評価: 総括.
    Overall,
    /// 自己評価: 今後の方針.
    FuturePolicy,
    /// The tag that starts 様式2.
    Form2Tag,
    /// 様式2's vertical side label.
    Form2SideLabel,
    /// A labelled block of 様式2.
    Form2Block,
}

/// Whether a label stands alone (a heading, a title) or has a value beside or below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Heading,
    Value,
}

/// The one table of fields: template id and role. Everything else derives from it.
const FIELDS: [(Field, &str, Role); 29] = [
    (Field::Title, "title", Role::Heading),
    (Field::DraftTitle, "draft_title", Role::Heading),
    (Field::PlanHeading, "plan_heading", Role::Heading),
    (Field::Preamble, "preamble", Role::Value),
    (Field::Goal, "goal", Role::Value),
    (Field::Mission, "mission", Role::Value),
    (Field::Policy, "policy", Role::Value),
    (Field::Issues, "issues", Role::Heading),
    (Field::IssueOverview, "issue_overview", Role::Value),
    (Field::Strategies, "strategies", Role::Value),
    (Field::Initiatives, "initiatives", Role::Value),
    (Field::Reform, "reform", Role::Heading),
    (Field::ReformItem, "reform_item", Role::Value),
    (Field::ReformContent, "reform_content", Role::Value),
    (Field::MidtermReview, "midterm_review", Role::Value),
    (Field::YearEndReview, "year_end_review", Role::Value),
    (
        Field::SelfEvaluationHeading,
        "self_evaluation_heading",
        Role::Heading,
    ),
    (Field::Achievements, "achievements", Role::Value),
    (Field::Challenges, "challenges", Role::Value),
    (Field::Recognition, "recognition", Role::Value),
    (Field::OutcomeIndicators, "outcome_indicators", Role::Value),
    (Field::Achievement, "achievement", Role::Heading),
    (Field::AchievementResult, "achievement_result", Role::Value),
    (Field::PreviousResult, "previous_result", Role::Value),
    (Field::Overall, "overall", Role::Value),
    (Field::FuturePolicy, "future_policy", Role::Value),
    (Field::Form2Tag, "form2_tag", Role::Heading),
    (Field::Form2SideLabel, "form2_side_label", Role::Heading),
    (Field::Form2Block, "form2_block", Role::Value),
];

impl Field {
    /// Every field, in the order of the table.
    pub const ALL: [Field; FIELDS.len()] = {
        let mut all = [Field::Title; FIELDS.len()];
        let mut i = 0;
        while i < FIELDS.len() {
            all[i] = FIELDS[i].0;
            i += 1;
        }
        all
    };

    /// The id used in the template.
    pub fn id(self) -> &'static str {
        FIELDS
            .iter()
            .find(|(field, ..)| *field == self)
            .map_or("", |(_, id, _)| id)
    }

    /// The field a key of `[import.labels]` names (`goal`, `initiatives`).
    pub fn from_id(id: &str) -> Option<Field> {
        FIELDS
            .iter()
            .find(|(_, known, _)| *known == id)
            .map(|(field, ..)| *field)
    }

    /// Headings and titles stand alone; every other label has a value beside or below it.
    pub fn takes_value(self) -> bool {
        FIELDS
            .iter()
            .any(|(field, _, role)| *field == self && *role == Role::Value)
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
    /// 1.0 for a variant as written; less for a shortened variant or a close text.
    pub score: f64,
    /// Read by similarity, not by the grammar: worth a warning.
    pub fuzzy: bool,
    /// The variant it matched, placeholders filled with example wording.
    pub variant: String,
}

/// The known label closest to a text that matches none.
#[derive(Debug, Clone, PartialEq)]
pub struct Closest {
    pub field: Field,
    pub variant: String,
    pub score: f64,
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
    /// 1.0 for the variant as written, 0.01 less for each optional part left out.
    score: f64,
    /// The variant as written in the template, placeholders filled: for people.
    display: String,
    /// Normalised with placeholders filled: for similarity.
    filled: String,
    filled_chars: usize,
}

/// A wording of {所属} / {長}: its normalised text and the kind it names, if any.
type Wording = (String, Option<OrgKind>);

/// Matches cell texts against every label variant of a template, through its grammar.
#[derive(Debug, Clone)]
pub struct LabelMatcher {
    patterns: Vec<Pattern>,
    units: Vec<Wording>,
    heads: Vec<Wording>,
    /// Character → the character its same_characters group is compared as.
    same: Vec<(char, char)>,
    brackets: Vec<(char, char)>,
    min_chars: usize,
    max_chars: usize,
    accept_score: f64,
    unknown_score: f64,
}

impl LabelMatcher {
    /// Builds the matcher from `[import.labels]`, the grammar and the `[form2]` block labels.
    ///
    /// # Errors
    /// [`ImportError::Template`] for an unknown field id or placeholder, or two fields
    /// sharing a variant.
    pub fn new(template: &Template, rules: &ImportRules) -> Result<LabelMatcher, ImportError> {
        let grammar = &rules.grammar;
        let mut matcher = LabelMatcher {
            patterns: Vec::new(),
            units: Vec::new(),
            heads: Vec::new(),
            same: same_characters(grammar),
            brackets: grammar
                .optional_brackets
                .iter()
                .filter_map(|pair| {
                    let mut chars = normalise(pair).chars().collect::<Vec<_>>().into_iter();
                    Some((chars.next()?, chars.next()?))
                })
                .collect(),
            min_chars: grammar.min_shortened_chars,
            max_chars: grammar.max_label_chars,
            accept_score: grammar.accept_score,
            unknown_score: grammar.unknown_label_score,
        };
        matcher.wordings(template, grammar);
        let form2 = &template.form2;
        let form2_labels = form2
            .issue_blocks
            .iter()
            .chain(&form2.strategy_blocks)
            .chain(&form2.initiative_blocks)
            .map(|label| (Field::Form2Block, label));
        let mut listed = Vec::new();
        for (id, variants) in &rules.labels {
            let field = Field::from_id(id).ok_or_else(|| {
                ImportError::Template(RulesProblem::UnknownField {
                    place: "import.labels".to_owned(),
                    id: id.clone(),
                })
            })?;
            listed.extend(variants.iter().map(|v| (field, v)));
        }
        for (field, variant) in listed.into_iter().chain(form2_labels) {
            matcher.add_variant(field, variant, grammar)?;
        }
        check_conflicts(&matcher.patterns)?;
        Ok(matcher)
    }

    fn wordings(&mut self, template: &Template, grammar: &Grammar) {
        for kind in OrgKind::ALL {
            if let Some(wording) = template.org_kinds.get(kind.as_str()) {
                self.units.push((self.norm(&wording.unit), Some(kind)));
                self.heads.push((self.norm(&wording.head), Some(kind)));
            }
        }
        let extra_units: Vec<Wording> =
            grammar.units.iter().map(|u| (self.norm(u), None)).collect();
        self.units.extend(extra_units);
        let extra_heads: Vec<Wording> =
            grammar.heads.iter().map(|h| (self.norm(h), None)).collect();
        self.heads.extend(extra_heads);
        if grammar.head_may_be_unit {
            let units = self.units.clone();
            self.heads.extend(units);
        }
        self.units
            .sort_by_key(|(text, _)| std::cmp::Reverse(text.len()));
        self.heads
            .sort_by_key(|(text, _)| std::cmp::Reverse(text.len()));
        self.units.retain(|(text, _)| !text.is_empty());
        self.heads.retain(|(text, _)| !text.is_empty());
    }

    /// The variant and every shortening the grammar allows (optional words and bracketed
    /// parts left out), each a pattern with its score.
    fn add_variant(
        &mut self,
        field: Field,
        variant: &str,
        grammar: &Grammar,
    ) -> Result<(), ImportError> {
        let normalised = self.norm(variant);
        let segments =
            optional_segments(&normalised, &self.brackets, &grammar.optional_words, self);
        let display = fill_example(variant, self);
        let count = segments.len().min(4);
        for mask in 0u32..(1 << count) {
            let mut text = String::new();
            let mut from = 0;
            for (i, (start, end)) in segments.iter().take(count).enumerate() {
                if mask & (1 << i) != 0 {
                    text.push_str(&normalised[from..*start]);
                    from = *end;
                }
            }
            text.push_str(&normalised[from..]);
            if mask != 0 && literal_chars(&text) < self.min_chars {
                continue;
            }
            let tokens = tokenize(&text, variant, field)?;
            if tokens.is_empty() {
                continue;
            }
            let filled = self.norm(&fill_example(&text, self));
            self.patterns.push(Pattern {
                field,
                filled_chars: filled.chars().count(),
                filled,
                tokens,
                score: 1.0 - 0.01 * f64::from(mask.count_ones()),
                display: display.clone(),
            });
        }
        Ok(())
    }

    /// NFKC, spaces and 【】 removed, each same_characters group made one character.
    pub fn norm(&self, text: &str) -> String {
        normalise(text)
            .chars()
            .map(|c| {
                self.same
                    .iter()
                    .find(|(from, _)| *from == c)
                    .map_or(c, |(_, to)| *to)
            })
            .collect()
    }

    /// The label a cell text is, if any: by the grammar (the whole text, without a section
    /// number, without a bracketed part of its own), else by similarity above the accept
    /// score.
    pub fn find(&self, text: &str) -> Option<LabelMatch> {
        self.lookup(text).0
    }

    /// [`LabelMatcher::find`], and when it finds nothing, the closest known label (for an
    /// unknown label), computed once.
    pub fn lookup(&self, text: &str) -> (Option<LabelMatch>, Option<Closest>) {
        let normalised = self.norm(text);
        let length = normalised.chars().count();
        if normalised.is_empty() || length > self.max_chars {
            return (None, None);
        }
        let mut candidates = vec![(normalised.clone(), 1.0)];
        if let Some(rest) = strip_numbering(&normalised) {
            candidates.push((rest.to_owned(), 1.0));
        }
        let unbracketed: Vec<(String, f64)> = candidates
            .iter()
            .filter_map(|(text, _)| {
                let shorter = self.without_brackets(text);
                (shorter != *text && literal_chars(&shorter) >= self.min_chars)
                    .then_some((shorter, 0.98))
            })
            .collect();
        candidates.extend(unbracketed);
        let mut best: Option<LabelMatch> = None;
        for (candidate, factor) in &candidates {
            for pattern in &self.patterns {
                let score = pattern.score * factor;
                if best.as_ref().is_some_and(|b| b.score >= score) {
                    continue;
                }
                let mut captures = Captures::default();
                if self.match_tokens(&pattern.tokens, candidate, &mut captures) {
                    best = Some(LabelMatch {
                        field: pattern.field,
                        captures,
                        score,
                        fuzzy: false,
                        variant: pattern.display.clone(),
                    });
                }
            }
        }
        if best.is_some() {
            return (best, None);
        }
        let closest = self.closest_normalised(&normalised);
        match closest {
            Some(closest) if closest.score >= self.accept_score => {
                let found = LabelMatch {
                    field: closest.field,
                    captures: Captures::default(),
                    score: closest.score,
                    fuzzy: true,
                    variant: closest.variant,
                };
                (Some(found), None)
            }
            closest => (None, closest),
        }
    }

    /// True when `closest` is close enough to make a label-shaped text an unknown label.
    pub fn is_unknown_label_score(&self, score: f64) -> bool {
        score >= self.unknown_score
    }

    fn closest_normalised(&self, normalised: &str) -> Option<Closest> {
        if normalised.chars().count() < 2 {
            return None;
        }
        let text = strip_numbering(normalised).unwrap_or(normalised);
        let length = text.chars().count();
        // Lengths this far apart cannot reach the unknown-label score: skip the distance.
        let reachable = |other: usize| {
            let longer = length.max(other) as f64;
            1.0 - (length.abs_diff(other) as f64) / longer >= self.unknown_score
        };
        self.patterns
            .iter()
            .filter(|p| p.score >= 1.0 && p.filled_chars >= 2 && reachable(p.filled_chars))
            .map(|p| (p, strsim::normalized_levenshtein(text, &p.filled)))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(p, score)| Closest {
                field: p.field,
                variant: p.display.clone(),
                score,
            })
    }

    /// The text without the bracketed part it ends in (`アウトカム指標（成果指標）`).
    fn without_brackets(&self, text: &str) -> String {
        let Some(last) = text.chars().last() else {
            return String::new();
        };
        let Some((open, _)) = self.brackets.iter().find(|(_, close)| *close == last) else {
            return text.to_owned();
        };
        match text.rfind(*open) {
            Some(start) if start > 0 => text[..start].to_owned(),
            _ => text.to_owned(),
        }
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
            Placeholder::Unit => wording_candidates(&self.units, text),
            Placeholder::Head => wording_candidates(&self.heads, text),
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
    Kind(Option<OrgKind>),
    Year(FiscalYear),
    YearNumber(String),
    Version(String),
    Organisation(String),
}

impl Found {
    fn record(self, captures: &mut Captures) {
        match self {
            Found::Kind(Some(kind)) => {
                captures.label_kind.get_or_insert(kind);
            }
            Found::Kind(None) => {}
            Found::Year(year) => captures.year = Some(year),
            Found::YearNumber(number) => captures.year_number = Some(number),
            Found::Version(version) => captures.version = Some(version),
            Found::Organisation(name) => captures.organisation = Some(name),
        }
    }
}

fn wording_candidates(wordings: &[Wording], text: &str) -> Vec<(usize, Found)> {
    wordings
        .iter()
        .filter(|(wording, _)| text.starts_with(wording.as_str()))
        .map(|(wording, kind)| (wording.len(), Found::Kind(*kind)))
        .collect()
}

fn same_characters(grammar: &Grammar) -> Vec<(char, char)> {
    let mut map = Vec::new();
    for group in &grammar.same_characters {
        let chars: Vec<char> = group.chars().collect();
        let Some(first) = chars.first() else { continue };
        let target = normalise(&first.to_string())
            .chars()
            .next()
            .unwrap_or(*first);
        for c in chars {
            map.push((c, target));
            for n in normalise(&c.to_string()).chars() {
                map.push((n, target));
            }
        }
    }
    map
}

/// Byte ranges of the parts of a normalised variant the grammar lets a label leave out.
fn optional_segments(
    text: &str,
    brackets: &[(char, char)],
    words: &[String],
    matcher: &LabelMatcher,
) -> Vec<(usize, usize)> {
    let mut segments = Vec::new();
    for (i, c) in text.char_indices() {
        if let Some((_, close)) = brackets.iter().find(|(open, _)| *open == c)
            && let Some(len) = text[i..].find(*close)
        {
            segments.push((i, i + len + close.len_utf8()));
        }
    }
    for word in words {
        let word = matcher.norm(word);
        if word.is_empty() {
            continue;
        }
        segments.extend(text.match_indices(&word).map(|(i, w)| (i, i + w.len())));
    }
    segments.sort_unstable();
    let mut kept: Vec<(usize, usize)> = Vec::new();
    for segment in segments {
        if kept.last().is_none_or(|last| segment.0 >= last.1) {
            kept.push(segment);
        }
    }
    kept
}

/// Characters outside placeholders, each placeholder counting as one.
fn literal_chars(text: &str) -> usize {
    let mut count = 0;
    let mut in_hole = false;
    for c in text.chars() {
        match c {
            '{' => {
                in_hole = true;
                count += 1;
            }
            '}' => in_hole = false,
            _ if !in_hole => count += 1,
            _ => {}
        }
    }
    count
}

/// A variant with its placeholders filled with example wording (区, 区長), for people.
fn fill_example(variant: &str, matcher: &LabelMatcher) -> String {
    let unit = matcher
        .units
        .iter()
        .find(|(_, k)| *k == Some(OrgKind::Ward));
    let head = matcher
        .heads
        .iter()
        .find(|(_, k)| *k == Some(OrgKind::Ward));
    variant
        .replace("{所属名}", "")
        .replace("{所属}", unit.map_or("区", |(t, _)| t.as_str()))
        .replace("{長}", head.map_or("区長", |(t, _)| t.as_str()))
        .replace("{年度番号}", "")
        .replace("{年度}", "")
        .replace("{版}", "")
}

/// `令和2年度` / `平成31年度` / `令和元年度` at the start of a normalised text.
fn year_prefix(text: &str) -> Option<(usize, FiscalYear)> {
    let era_len = ["令和", "平成"]
        .iter()
        .find(|era| text.starts_with(**era))?
        .len();
    let number_len = year_number_prefix(&text[era_len..])?;
    let end = era_len + number_len;
    if !text[end..].starts_with("年度") {
        return None;
    }
    let suffix = "年度".len();
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

/// Splits a normalised variant into literals and placeholders; `variant` and `field` name
/// it in errors.
fn tokenize(text: &str, variant: &str, field: Field) -> Result<Vec<Token>, ImportError> {
    let mut tokens = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        push_literal(&mut tokens, &rest[..start]);
        let after = &rest[start + 1..];
        let end = after.find('}').ok_or_else(|| {
            ImportError::Template(RulesProblem::UnclosedPlaceholder {
                place: variant_place(field),
                variant: variant.to_owned(),
            })
        })?;
        let hole = match &after[..end] {
            "所属" => Placeholder::Unit,
            "長" => Placeholder::Head,
            "所属名" => Placeholder::OrganisationName,
            "年度" => Placeholder::Year,
            "年度番号" => Placeholder::YearNumber,
            "版" => Placeholder::Version,
            other => {
                return Err(ImportError::Template(RulesProblem::UnknownPlaceholder {
                    place: variant_place(field),
                    variant: variant.to_owned(),
                    name: other.to_owned(),
                }));
            }
        };
        tokens.push(Token::Hole(hole));
        rest = &after[end + 1..];
    }
    push_literal(&mut tokens, rest);
    Ok(tokens)
}

/// The template key a field's label variants are under: `[form2]`'s block lists for the
/// 様式2 blocks, `import.labels.FIELD` for the rest.
fn variant_place(field: Field) -> String {
    match field {
        Field::Form2Block => "form2".to_owned(),
        field => format!("import.labels.{}", field.id()),
    }
}

fn push_literal(tokens: &mut Vec<Token>, text: &str) {
    if !text.is_empty() {
        tokens.push(Token::Literal(text.to_owned()));
    }
}

/// Two fields with the same variant would make a label's meaning depend on pattern order.
fn check_conflicts(patterns: &[Pattern]) -> Result<(), ImportError> {
    let exact: Vec<&Pattern> = patterns.iter().filter(|p| p.score >= 1.0).collect();
    for (i, a) in exact.iter().enumerate() {
        if let Some(b) = exact[i + 1..]
            .iter()
            .find(|b| b.tokens == a.tokens && b.field != a.field)
        {
            return Err(ImportError::Template(RulesProblem::SharedVariant {
                first: a.field.id().to_owned(),
                second: b.field.id().to_owned(),
            }));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use unei_core::Localize;

    fn matcher() -> LabelMatcher {
        let template = Template::bundled();
        let rules = ImportRules::from_template(&template).unwrap();
        LabelMatcher::new(&template, &rules).unwrap()
    }

    /// The matcher's template error for the bundled template changed by `change`.
    fn matcher_problem(change: impl FnOnce(&mut Template, &mut ImportRules)) -> RulesProblem {
        let mut template = Template::bundled();
        let mut rules = ImportRules::from_template(&template).unwrap();
        change(&mut template, &mut rules);
        match LabelMatcher::new(&template, &rules) {
            Err(ImportError::Template(problem)) => problem,
            other => panic!("not a template error: {:?}", other.err()),
        }
    }

    #[test]
    fn bad_variants_are_typed_problems_at_their_place() {
        let shared = matcher_problem(|_, rules| {
            let goal = rules.labels["goal"][0].clone();
            rules.labels.insert("mission".to_owned(), vec![goal]);
        });
        assert!(
            matches!(&shared, RulesProblem::SharedVariant { .. }),
            "{shared:?}"
        );
        assert_eq!(shared.place(), "import.labels");
        let unclosed = matcher_problem(|template, _| {
            template.form2.issue_blocks.push("{所属の課題".to_owned());
        });
        assert_eq!(
            unclosed,
            RulesProblem::UnclosedPlaceholder {
                place: "form2".to_owned(),
                variant: "{所属の課題".to_owned()
            }
        );
        let unknown = matcher_problem(|_, rules| {
            rules
                .labels
                .insert("missions".to_owned(), vec!["将来像".to_owned()]);
        });
        assert_eq!(
            unknown,
            RulesProblem::UnknownField {
                place: "import.labels".to_owned(),
                id: "missions".to_owned()
            }
        );
        let placeholder = matcher_problem(|template, _| {
            template
                .form2
                .strategy_blocks
                .push("{前年度}の戦略".to_owned());
        });
        assert_eq!(placeholder.place(), "form2");
        assert!(
            placeholder
                .localize(unei_core::Lang::Ja)
                .contains("{前年度} は使えない差し込みです"),
            "{placeholder:?}"
        );
    }

    #[test]
    fn every_template_field_id_has_a_field() {
        for field in Field::ALL {
            assert_eq!(Field::from_id(field.id()), Some(field));
        }
        assert!(Field::Goal.takes_value() && !Field::Title.takes_value());
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
        let template = Template::bundled();
        let mut rules = ImportRules::from_template(&template).unwrap();
        rules
            .labels
            .get_mut("mission")
            .unwrap()
            .push("目標（何をめざすのか）".to_owned());
        let err = LabelMatcher::new(&template, &rules).unwrap_err();
        assert!(err.to_string().contains("share a label variant"), "{err}");
    }

    #[test]
    fn the_grammar_reads_the_wordings_seen_on_real_pages() {
        let m = matcher();
        for (text, field) in [
            ("区の使命", Field::Mission),
            (
                "【令和5年度 所属運営の基本的な考え方(区の方針)】",
                Field::Policy,
            ),
            (
                "令和2年度 区運営の基本的な考え方（区長の方針）",
                Field::Policy,
            ),
            (
                "令和2年度 所属運営の基本的な考え方（区の方針）",
                Field::Policy,
            ),
            ("重点的に取り組む経営課題", Field::Issues),
            (
                "「目標」「使命」及び「所属運営の基本的な考え方」",
                Field::PlanHeading,
            ),
            ("【全体概要】", Field::PlanHeading),
            (
                "めざすべき将来像（最終的なめざす状態）<概ね10∼20年間を念頭に設定>",
                Field::Form2Block,
            ),
            ("要因分析", Field::Form2Block),
            ("概要", Field::IssueOverview),
            ("アウトカム指標（成果指標）", Field::OutcomeIndicators),
        ] {
            let found = m.find(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(found.field, field, "{text}");
            assert!(!found.fuzzy, "{text}");
        }
        let exact = m.find("区の使命（どのような役割を担うのか）").unwrap();
        let short = m.find("区の使命").unwrap();
        assert!(exact.score > short.score, "{exact:?} {short:?}");
        assert_eq!(
            m.find("自己評価").map(|l| l.field),
            Some(Field::SelfEvaluationHeading),
            "an exact variant wins over a shortened one"
        );
    }

    #[test]
    fn close_texts_are_read_with_a_score_and_others_name_the_closest() {
        let m = matcher();
        let typo = m.find("解決すべき課題と今後の改善方法").unwrap();
        assert_eq!(typo.field, Field::Challenges);
        assert!(typo.fuzzy && typo.score >= 0.8, "{typo:?}");
        assert_eq!(m.find("主な取組"), None);
        let closest = m.lookup("主な取組").1.unwrap();
        assert_eq!(closest.field, Field::ReformItem);
        assert!(m.is_unknown_label_score(closest.score), "{closest:?}");
    }
}
