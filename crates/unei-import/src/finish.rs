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
use crate::labels::Field;
use crate::message::Message;
use crate::normalize::strip_numbering;

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
    pub generation_reason: Message,
    pub status_reason: Message,
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
    let fiscal_year = fiscal_year(evidence, options, file, &mut warnings);
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
    let mut plan = Plan {
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
    plan.labels = written_labels(&plan, &draft.evidence.wordings, ctx);
    warnings.extend(missing_sections(&plan, ctx, file));
    Finished {
        plan,
        generation_reason,
        status_reason,
        warnings,
    }
}

/// `--organisation`, else the title line; the kind from `--kind`, else the name's last
/// character, else the labels' wording.
fn organisation(
    evidence: &Evidence,
    options: &ImportOptions,
    file: &str,
    warnings: &mut Vec<Warning>,
) -> Organisation {
    let found = evidence.organisation.as_ref().map(|(name, _)| name.clone());
    if let (Some(given), Some(found)) = (&options.organisation, &found)
        && given != found
    {
        warnings.push(Warning::new(
            file,
            Message::OptionOverrides {
                what: "organisation",
                given: given.clone(),
                found: found.clone(),
            },
        ));
    }
    let name = options.organisation.clone().or(found);
    let Some(name) = name else {
        warnings.push(Warning::new(file, Message::NoOrganisation));
        return Organisation {
            name: String::new(),
            kind: options
                .kind
                .or(evidence.label_kind)
                .unwrap_or(OrgKind::Ward),
        };
    };
    let by_name = match name.chars().last() {
        Some('区') => Some(OrgKind::Ward),
        Some('局') => Some(OrgKind::Bureau),
        Some('室') => Some(OrgKind::Office),
        _ => None,
    };
    let kind = options.kind.or(by_name).unwrap_or_else(|| {
        let guess = evidence
            .label_kind
            .filter(|k| *k != OrgKind::WardOrBureau)
            .unwrap_or(OrgKind::Ward);
        warnings.push(Warning::new(
            file,
            Message::KindGuessed {
                name: name.clone(),
                kind: guess.as_str().to_owned(),
            },
        ));
        guess
    });
    Organisation { name, kind }
}

/// `--year`, else the year of a title or label; a bare `2年度` is read as 令和 (FORMAT.md).
fn fiscal_year(
    evidence: &Evidence,
    options: &ImportOptions,
    file: &str,
    warnings: &mut Vec<Warning>,
) -> Option<FiscalYear> {
    if let Some(given) = options.year {
        if let Some((found, _)) = evidence.year
            && found != given
        {
            warnings.push(Warning::new(
                file,
                Message::OptionOverrides {
                    what: "year",
                    given: given.to_string(),
                    found: found.to_string(),
                },
            ));
        }
        return Some(given);
    }
    if let Some((year, _)) = evidence.year {
        return Some(year);
    }
    let from_number = evidence
        .year_number
        .as_ref()
        .and_then(|number| FiscalYear::parse(&format!("令和{number}年度")).ok());
    let message = match from_number {
        Some(year) => Message::YearFromBudget {
            year: year.to_string(),
            number: year.number_text(),
        },
        None => Message::NoYear,
    };
    warnings.push(Warning::new(file, message));
    from_number
}

fn generation(evidence: &Evidence, year: Option<FiscalYear>) -> (Generation, Message) {
    let (a, b) = (&evidence.generation_a, &evidence.generation_b);
    let list = |found: &[String]| {
        let shown: Vec<&str> = found.iter().take(5).map(String::as_str).collect();
        shown.join(", ")
    };
    if a.len() > b.len() {
        let labels = list(a);
        return (
            Generation::A,
            Message::GenerationByLabels {
                generation: "A",
                labels,
            },
        );
    }
    if b.len() > a.len() {
        let labels = list(b);
        return (
            Generation::B,
            Message::GenerationByLabels {
                generation: "B",
                labels,
            },
        );
    }
    match year {
        Some(year) => {
            let after_a = year.gregorian() > LAST_GENERATION_A_YEAR;
            let generation = if after_a {
                Generation::B
            } else {
                Generation::A
            };
            (
                generation,
                Message::GenerationByYear {
                    year: year.to_string(),
                    after_a,
                },
            )
        }
        None => (Generation::A, Message::GenerationAssumed),
    }
}

/// The status the content supports, so the plan passes `unei validate`: 案 for a draft
/// title; 自己評価済 when a 自己評価 is written; 中間振り返り済 when a 中間振り返り is, or a
/// 達成状況 without any 自己評価 (written before it); else 確定.
fn status(draft: &Draft) -> (Status, Message) {
    let evaluated = draft.self_evaluation.as_ref().is_some_and(|se| {
        !is_blank(&se.achievements)
            || !is_blank(&se.challenges)
            || !is_blank(&se.overall)
            || !is_blank(&se.future_policy)
    });
    let year_end = draft
        .issues
        .iter()
        .any(|issue| form2_reviews(issue).any(|(_, year_end)| !is_blank(year_end)));
    let achievement = draft.issues.iter().any(|issue| {
        issue
            .achievement
            .as_ref()
            .is_some_and(|a| !is_blank(&a.result) || a.grade.is_some())
    });
    let reviewed = draft
        .issues
        .iter()
        .any(|issue| form2_reviews(issue).any(|(mid, _)| !is_blank(mid)))
        || draft
            .reform
            .as_ref()
            .is_some_and(|r| r.rows.iter().any(|row| !is_blank(&row.midterm_review)));
    let later_stage = evaluated || year_end || achievement || reviewed;
    if draft.evidence.draft_title && !later_stage {
        return (Status::Draft, Message::StatusDraftTitle);
    }
    // A 自己評価 section, even one begun, is only written at that stage.
    if draft.self_evaluation.is_some() {
        return (Status::SelfEvaluated, Message::StatusSelfEvaluated);
    }
    if achievement {
        return (Status::MidYearReviewed, Message::StatusAchievementOnly);
    }
    if reviewed || year_end {
        return (Status::MidYearReviewed, Message::StatusReviewed);
    }
    (Status::Final, Message::StatusFinal)
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

/// The labels the author wrote differently from the template (in more than width, spaces
/// or a section number): kept in the plan, so every output prints them as written.
fn written_labels(
    plan: &Plan,
    wordings: &[(Field, String)],
    ctx: &Context<'_>,
) -> std::collections::BTreeMap<String, String> {
    let labeler = Labeler::new(plan, ctx.template);
    let generation = plan.meta.generation;
    let known = ctx.template.labels(generation);
    let norm = |text: &str| {
        let normalised = ctx.matcher.norm(text);
        strip_numbering(&normalised)
            .unwrap_or(&normalised)
            .to_owned()
    };
    let mut labels = std::collections::BTreeMap::new();
    for (field, written) in wordings {
        let id = match (field, generation) {
            (Field::Goal, _) => "goal",
            (Field::Mission, _) => "mission",
            (Field::Policy, _) => "policy",
            (Field::Strategies, Generation::A) => "issue_strategies",
            (Field::Strategies, Generation::B) => "strategies",
            (Field::Issues, Generation::A) => "issues",
            _ => continue,
        };
        if known.contains_key(id) && norm(written) != norm(&labeler.get(id)) {
            labels.insert(id.to_owned(), written.clone());
        }
    }
    labels
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
        .map(|section| Warning::new(file, Message::MissingSection { section }))
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
