//! The found parts → a plan: meta decided from the labels' evidence (organisation, year,
//! generation, status), and a warning for every section the source did not have.

use unei_core::rich::is_blank;
use unei_core::wareki::FiscalYear;
use unei_core::{
    FORMAT_VERSION, Generation, Labeler, ManagementIssue, Meta, OrgKind, Organisation, Plan, Status,
};

use crate::ImportOptions;
use crate::assemble::{Context, Draft, Evidence};
use crate::error::Warning;

/// Last fiscal year (Gregorian) of generation A forms.
const LAST_GENERATION_A_YEAR: i32 = 2022;

/// Where the plan came from: decides meta.source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    Workbook,
    Page,
}

/// The imported plan with the reasons for what the importer chose.
#[derive(Debug)]
pub struct Finished {
    pub plan: Plan,
    pub generation_reason: String,
    pub status_reason: String,
    pub warnings: Vec<Warning>,
}

pub fn finish(
    draft: Draft,
    ctx: &Context<'_>,
    options: &ImportOptions,
    file: &str,
    kind: SourceKind,
) -> Finished {
    let mut warnings = Vec::new();
    let evidence = &draft.evidence;
    let organisation = organisation(evidence, options, file, &mut warnings);
    let fiscal_year = fiscal_year(evidence, file, &mut warnings);
    let (generation, generation_reason) = generation(evidence, fiscal_year);
    let (status, status_reason) = status(&draft);
    let meta = Meta {
        label_variant: evidence.label_kind.filter(|k| *k != organisation.kind),
        source: Some(source(
            ctx,
            kind,
            file,
            &organisation.name,
            fiscal_year,
            &draft,
        )),
        organisation,
        fiscal_year: fiscal_year.map(|y| y.to_string()).unwrap_or_default(),
        status,
        generation,
        template: ctx.template.id.clone(),
        sample_data: false,
    };
    let mut reform = draft.reform;
    if let Some(reform) = &mut reform {
        reform.plan_version = draft.evidence.reform_version.clone();
    }
    let plan = Plan {
        schema: None,
        format: FORMAT_VERSION,
        meta,
        labels: Default::default(),
        preamble: draft.preamble,
        goal: draft.goal,
        mission: draft.mission,
        policy: draft.policy,
        issues: draft.issues,
        reform,
        self_evaluation: draft.self_evaluation,
    };
    warnings.extend(missing_sections(&plan, ctx, file));
    Finished {
        plan,
        generation_reason,
        status_reason,
        warnings,
    }
}

/// `--organisation`, else the title line; the kind from the name's last character.
fn organisation(
    evidence: &Evidence,
    options: &ImportOptions,
    file: &str,
    warnings: &mut Vec<Warning>,
) -> Organisation {
    let name = options
        .organisation
        .clone()
        .or_else(|| evidence.organisation.as_ref().map(|(name, _)| name.clone()));
    let Some(name) = name else {
        warnings.push(Warning::new(
            file,
            "no organisation name: the source has no title line such as 「令和2年度 福島区運営方針」; pass --organisation NAME",
        ));
        return Organisation {
            name: String::new(),
            kind: evidence.label_kind.unwrap_or(OrgKind::Ward),
        };
    };
    let kind = match name.chars().last() {
        Some('区') => Some(OrgKind::Ward),
        Some('局') => Some(OrgKind::Bureau),
        Some('室') => Some(OrgKind::Office),
        _ => None,
    };
    let kind = kind.unwrap_or_else(|| {
        let guess = evidence
            .label_kind
            .filter(|k| *k != OrgKind::WardOrBureau)
            .unwrap_or(OrgKind::Ward);
        warnings.push(Warning::new(
            file,
            format!(
                "{name:?} does not end in 区, 局 or 室; its kind is taken as {}",
                guess.as_str()
            ),
        ));
        guess
    });
    Organisation { name, kind }
}

/// The year of a title or label; a bare `2年度` is read as 令和 (FORMAT.md).
fn fiscal_year(evidence: &Evidence, file: &str, warnings: &mut Vec<Warning>) -> Option<FiscalYear> {
    if let Some((year, _)) = evidence.year {
        return Some(year);
    }
    let from_number = evidence
        .year_number
        .as_ref()
        .and_then(|number| FiscalYear::parse(&format!("令和{number}年度")).ok());
    let message = match from_number {
        Some(year) => format!(
            "the fiscal year is read as {year} from a 「{}年度予算額」 label",
            year.number_text()
        ),
        None => "no fiscal year found (in a title or the 基本的な考え方 label)".to_owned(),
    };
    warnings.push(Warning::new(file, message));
    from_number
}

fn generation(evidence: &Evidence, year: Option<FiscalYear>) -> (Generation, String) {
    let (a, b) = (&evidence.generation_a, &evidence.generation_b);
    let list = |found: &[String]| {
        let shown: Vec<&str> = found.iter().take(5).map(String::as_str).collect();
        shown.join(", ")
    };
    if a.len() > b.len() {
        return (
            Generation::A,
            format!("labels found only on generation A forms: {}", list(a)),
        );
    }
    if b.len() > a.len() {
        return (
            Generation::B,
            format!("labels found only on generation B forms: {}", list(b)),
        );
    }
    match year {
        Some(year) if year.gregorian() > LAST_GENERATION_A_YEAR => (
            Generation::B,
            format!("no generation-specific labels; {year} is after 令和4年度"),
        ),
        Some(year) => (
            Generation::A,
            format!("no generation-specific labels; {year} is 令和4年度 or earlier"),
        ),
        None => (
            Generation::A,
            "no generation-specific labels and no year; generation A assumed".to_owned(),
        ),
    }
}

/// 案 for a draft title; 自己評価済 only when year-end text is present; 中間振り返り済 when a
/// 中間振り返り is; else 確定 (a published plan without either).
fn status(draft: &Draft) -> (Status, String) {
    if draft.evidence.draft_title {
        return (Status::Draft, "the title ends in （案）".to_owned());
    }
    let evaluated = draft.self_evaluation.as_ref().is_some_and(|se| {
        !is_blank(&se.achievements)
            || !is_blank(&se.challenges)
            || !is_blank(&se.overall)
            || !is_blank(&se.future_policy)
    });
    let year_end = draft.issues.iter().any(|issue| {
        issue
            .achievement
            .as_ref()
            .is_some_and(|a| !is_blank(&a.result))
            || form2_reviews(issue).any(|(_, year_end)| !is_blank(year_end))
    });
    if evaluated || year_end {
        return (
            Status::SelfEvaluated,
            "a 自己評価 (or a year-end result) is written".to_owned(),
        );
    }
    let reviewed = draft
        .issues
        .iter()
        .any(|issue| form2_reviews(issue).any(|(mid, _)| !is_blank(mid)))
        || draft
            .reform
            .as_ref()
            .is_some_and(|r| r.rows.iter().any(|row| !is_blank(&row.midterm_review)));
    if reviewed {
        return (
            Status::MidYearReviewed,
            "a 中間振り返り is written, no 自己評価".to_owned(),
        );
    }
    (
        Status::Final,
        "neither 中間振り返り nor 自己評価 is written and the title has no （案）".to_owned(),
    )
}

/// (中間振り返り, 年度末振り返り) of every 様式2 strategy and initiative of an issue.
fn form2_reviews(
    issue: &ManagementIssue,
) -> impl Iterator<Item = (&unei_core::RichText, &unei_core::RichText)> {
    issue.form2.iter().flat_map(|form2| {
        form2.strategies.iter().flat_map(|s| {
            std::iter::once((&s.midterm_review, &s.year_end_review)).chain(
                s.initiatives
                    .iter()
                    .map(|i| (&i.midterm_review, &i.year_end_review)),
            )
        })
    })
}

fn source(
    ctx: &Context<'_>,
    kind: SourceKind,
    file: &str,
    organisation: &str,
    year: Option<FiscalYear>,
    draft: &Draft,
) -> String {
    if kind == SourceKind::Workbook {
        let name = std::path::Path::new(file)
            .file_name()
            .map_or_else(|| file.to_owned(), |n| n.to_string_lossy().into_owned());
        return ctx.rules.workbook_source.replace("{ファイル名}", &name);
    }
    let page = &ctx.rules.page;
    let has_plan = !draft.goal.is_empty() || !draft.policy.is_empty() || !draft.issues.is_empty();
    let generation_b = draft.evidence.generation_b.len() > draft.evidence.generation_a.len();
    let mut parts = Vec::new();
    if has_plan {
        parts.push(
            if generation_b {
                &page.plan_part_b
            } else {
                &page.plan_part_a
            }
            .as_str(),
        );
    }
    if draft.self_evaluation.is_some() {
        parts.push(page.self_evaluation_part.as_str());
    }
    let mut text = page
        .source
        .replace("{所属名}", organisation)
        .replace("{年度}", &year.map(|y| y.to_string()).unwrap_or_default())
        .replace("{内容}", &parts.join("・"));
    for note in &draft.evidence.notes {
        text.push('\n');
        text.push_str(note);
    }
    text
}

/// A warning for each section of the form the source did not have (a cut-off draft).
fn missing_sections(plan: &Plan, ctx: &Context<'_>, file: &str) -> Vec<Warning> {
    let labels = Labeler::new(plan, ctx.template);
    let mut missing = Vec::new();
    for (id, text) in [
        ("goal", &plan.goal),
        ("mission", &plan.mission),
        ("policy", &plan.policy),
    ] {
        if is_blank(text) {
            missing.push(format!("{} ({id})", labels.get(id)));
        }
    }
    let generation = plan.meta.generation;
    if plan.issues.is_empty() {
        let id = if generation == Generation::A {
            "issues"
        } else {
            "issue_heading"
        };
        missing.push(format!("{} (issues)", labels.numbered(id, "N", "…")));
    }
    for (i, issue) in plan.issues.iter().enumerate() {
        missing.extend(missing_issue_parts(i, issue, generation, &labels));
    }
    if generation == Generation::A && plan.reform.is_none() {
        missing.push(format!("{} (reform)", labels.get("reform")));
    }
    missing.extend(missing_evaluation_parts(plan, &labels));
    missing
        .into_iter()
        .map(|section| Warning::new(file, format!("missing section: {section}")))
        .collect()
}

/// The parts of a 自己評価 that was begun but not finished.
fn missing_evaluation_parts(plan: &Plan, labels: &Labeler<'_>) -> Vec<String> {
    let Some(se) = &plan.self_evaluation else {
        return Vec::new();
    };
    let parts = match plan.meta.generation {
        Generation::A => [
            ("achievements", &se.achievements),
            ("challenges", &se.challenges),
        ],
        Generation::B => [
            ("self_evaluation", &se.overall),
            ("future_policy", &se.future_policy),
        ],
    };
    parts
        .into_iter()
        .filter(|(_, text)| is_blank(text))
        .map(|(id, _)| format!("{} (self_evaluation)", labels.get(id)))
        .collect()
}

fn missing_issue_parts(
    i: usize,
    issue: &ManagementIssue,
    generation: Generation,
    labels: &Labeler<'_>,
) -> Vec<String> {
    let parts: Vec<(&str, bool)> = match generation {
        Generation::A => vec![
            ("issue_overview", is_blank(&issue.overview)),
            ("issue_strategies", is_blank(&issue.strategies)),
            ("initiatives", issue.initiatives.is_empty()),
        ],
        Generation::B => vec![
            ("recognition", is_blank(&issue.recognition)),
            ("strategies", is_blank(&issue.strategies)),
            ("outcome_indicators", is_blank(&issue.outcome_indicators)),
        ],
    };
    parts
        .into_iter()
        .filter(|(_, missing)| *missing)
        .map(|(id, _)| {
            format!(
                "{} of 経営課題{} (issues[{i}])",
                labels.get(id),
                issue.number
            )
        })
        .collect()
}
