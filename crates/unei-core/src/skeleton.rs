//! New plans: a skeleton with every section of the chosen form generation, ready to fill in.

use crate::model::{
    Achievement, FORMAT_VERSION, Form2, Generation, LabeledBlock, ManagementIssue, Meta, OrgKind,
    Organisation, Plan, Reform, ReformRow, Status,
};
use crate::rich::{Block, BulletList, NumberedItem, NumberedList, RichText};
use crate::template::Template;
use crate::wareki::{FiscalYear, WarekiError};

/// Gregorian year from which plans use the generation-B form (令和5年度).
const FIRST_GENERATION_B_YEAR: i32 = 2023;

fn paragraph() -> RichText {
    vec![Block::P(String::new())]
}

fn bullets(count: usize) -> RichText {
    vec![Block::List(BulletList {
        marker: crate::rich::DEFAULT_MARKER.to_owned(),
        items: vec![String::new(); count],
    })]
}

/// A draft (案) plan with empty fields for every section the generation's form has.
///
/// # Errors
/// [`WarekiError`] when `year` is not a 和暦 fiscal year.
pub fn skeleton(
    kind: OrgKind,
    name: &str,
    year: &str,
    issues: u32,
    template: &Template,
) -> Result<Plan, WarekiError> {
    let fiscal = FiscalYear::parse(year)?;
    let generation = if fiscal.gregorian() >= FIRST_GENERATION_B_YEAR {
        Generation::B
    } else {
        Generation::A
    };
    let meta = Meta {
        organisation: Organisation {
            name: name.to_owned(),
            kind,
        },
        fiscal_year: fiscal.to_string(),
        status: Status::Draft,
        generation,
        template: template.id.clone(),
        label_variant: None,
        sample_data: false,
        source: None,
    };
    let mission = vec![
        Block::P(String::new()),
        Block::Numbered(NumberedList {
            items: vec![NumberedItem {
                number: "1".to_owned(),
                text: String::new(),
            }],
        }),
    ];
    let issues = (1..=issues.max(1))
        .map(|n| issue(n, generation, template))
        .collect();
    let reform = (generation == Generation::A).then(|| Reform {
        plan_version: None,
        rows: vec![ReformRow {
            item: String::new(),
            content: bullets(1),
            midterm_review: vec![],
        }],
    });
    Ok(Plan {
        schema: None,
        format: FORMAT_VERSION,
        meta,
        labels: Default::default(),
        preamble: vec![],
        goal: paragraph(),
        mission,
        policy: paragraph(),
        issues,
        reform,
        self_evaluation: None,
    })
}

fn blocks(labels: &[String]) -> Vec<LabeledBlock> {
    labels
        .iter()
        .map(|label| LabeledBlock {
            label: label.clone(),
            text: paragraph(),
            code: None,
        })
        .collect()
}

fn issue(number: u32, generation: Generation, template: &Template) -> ManagementIssue {
    match generation {
        Generation::A => ManagementIssue {
            number,
            title: String::new(),
            overview: paragraph(),
            strategies: bullets(1),
            initiatives: vec![crate::model::Initiative {
                marker: crate::rich::DEFAULT_MARKER.to_owned(),
                text: String::new(),
                amount: None,
            }],
            form2: Some(Form2 {
                blocks: blocks(&template.form2.issue_blocks),
                strategies: vec![],
            }),
            ..ManagementIssue::default()
        },
        Generation::B => ManagementIssue {
            number,
            title: String::new(),
            recognition: paragraph(),
            strategies: bullets(1),
            outcome_indicators: paragraph(),
            achievement: Some(Achievement {
                result: vec![],
                grade: None,
            }),
            ..ManagementIssue::default()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Severity;

    #[test]
    fn skeletons_validate_and_pick_the_generation_by_year() {
        let t = Template::bundled();
        for (year, generation) in [
            ("令和7", Generation::B),
            ("令和4年度", Generation::A),
            ("平成30年度", Generation::A),
        ] {
            let plan = skeleton(OrgKind::Ward, "福島区", year, 2, &t).unwrap();
            assert_eq!(plan.meta.generation, generation, "{year}");
            assert_eq!(plan.issues.len(), 2);
            let findings = crate::validate(&plan, &t);
            assert!(
                findings.iter().all(|f| f.severity == Severity::Warning),
                "{year}: {findings:?}"
            );
            let text = crate::plan_to_string(&plan).unwrap();
            assert_eq!(crate::plan_from_str(&text, "new").unwrap(), plan);
        }
        assert_eq!(
            skeleton(OrgKind::Ward, "x", "令和7", 1, &t)
                .unwrap()
                .meta
                .fiscal_year,
            "令和7年度"
        );
        assert!(skeleton(OrgKind::Ward, "x", "令和0", 1, &t).is_err());
    }
}
