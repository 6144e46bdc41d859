//! What changed between two plans (last year's and this year's, the 案 and the 確定): a
//! structure-aware diff of the plan model.
//!
//! 経営課題, 戦略, 具体的取組, 様式3 rows and 様式2 blocks are paired across the two plans by
//! text and by number, so a renumbered or moved item is reported as renumbered or moved, not as
//! removed + added. Texts are compared sentence by sentence, each sentence character by
//! character (Japanese has no word spaces), and changes that are only 全角/半角 width (equal
//! after NFKC) or only whitespace are classified as such, or left out with
//! [`DiffOptions::ignore_width`]. Budgets are summed per 経営課題 and for the plan.
//!
//! The result, [`PlanDiff`], is plain data: every [`Change`] is one fact with one
//! [`ChangeKind`]. It serialises to the JSON that `unei diff --format json` prints (documented
//! in `docs/DIFF.md`; [`diff_schema`] is its JSON Schema), and the reports in [`report`] read it.
//!
//! ```
//! use unei_core::diff::{ChangeKind, DiffOptions, Item, diff};
//!
//! let old = unei_core::plan_from_str(include_str!("../../../../fixtures/plans/fukushima-r2.json"), "old.json")?;
//! let mut new = old.clone();
//! new.issues[0].initiatives[1].amount = Some(unei_core::Amount::new("(500千円)"));
//!
//! let d = diff(&old, &new, &DiffOptions::default());
//! assert_eq!(d.changes.len(), 1);
//! assert_eq!(d.changes[0].kind, ChangeKind::AmountChanged);
//! assert_eq!(d.changes[0].item, Item::Amount);
//! assert_eq!(d.budget.delta, 500 - 231);
//! assert!(diff(&old, &old, &DiffOptions::default()).is_empty());
//! # Ok::<(), Box<unei_core::Diagnostic>>(())
//! ```

mod budget;
mod differ;
mod form2;
mod issues;
mod model;
mod pairing;
mod plan;
pub mod report;
mod text;
mod wording;

pub use model::*;
pub use wording::Phrase;

use crate::model::Plan;

/// How to compare.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DiffOptions {
    /// Leave out changes that are only 全角/半角 width or whitespace (they are counted in
    /// [`PlanDiff::ignored`]), and let such characters match inside reworded text.
    pub ignore_width: bool,
}

/// Compares two plans. Any two plans can be compared (valid or not, either generation);
/// amounts that are not 千円 amounts are listed in the budget and left out of its totals.
pub fn diff(old: &Plan, new: &Plan, options: &DiffOptions) -> PlanDiff {
    let mut d = differ::Differ {
        ignore_width: options.ignore_width,
        ..differ::Differ::default()
    };
    plan::meta(&mut d, old, new);
    plan::head(&mut d, old, new);
    let matches = issues::compare(&mut d, old, new);
    plan::reform(&mut d, old.reform.as_ref(), new.reform.as_ref());
    plan::self_evaluation(
        &mut d,
        old.self_evaluation.as_ref(),
        new.self_evaluation.as_ref(),
    );
    PlanDiff {
        old: header(old),
        new: header(new),
        changes: d.changes,
        budget: budget::budget(old, new, &matches),
        ignored: d.ignored,
    }
}

fn header(plan: &Plan) -> PlanHeader {
    PlanHeader {
        organisation: plan.meta.organisation.name.clone(),
        fiscal_year: plan.meta.fiscal_year.clone(),
        status: plan.meta.status,
        generation: plan.meta.generation,
    }
}

/// The JSON Schema of [`PlanDiff`] as `unei diff --format json` prints it.
pub fn diff_schema() -> schemars::Schema {
    schemars::schema_for!(PlanDiff)
}
