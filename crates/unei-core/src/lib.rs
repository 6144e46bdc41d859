//! unei-core: the model of Osaka City's 運営方針 (yearly management plan), its JSON form and
//! schema, semantic validation, templates, 和暦 years and 千円 amounts.

pub mod amount;
pub mod diag;
pub mod diff;
pub mod i18n;
pub mod json;
pub mod locate;
pub mod model;
pub mod outline;
pub mod problem;
pub mod provenance;
pub mod rich;
pub mod schema;
pub mod skeleton;
pub mod template;
pub mod validate;
pub mod wareki;

pub use amount::Amount;
pub use diag::{Diagnostic, Finding, Message, Severity};
pub use i18n::{Lang, Localize};
pub use json::{plan_from_slice, plan_from_str, plan_to_string};
pub use model::*;
pub use outline::{ItemKind, TextItem, outline};
pub use problem::Problem;
pub use rich::{Block, BulletList, NumberedItem, NumberedList, RichText};
pub use schema::plan_schema;
pub use skeleton::skeleton;
pub use template::{Labeler, Template, TemplateError};
pub use validate::validate;
pub use wareki::FiscalYear;

/// Loads and validates a plan file's text: the parse error, or every finding with its position.
pub fn check_plan(
    text: &str,
    file: &str,
    template: &Template,
) -> Result<(Plan, Vec<Diagnostic>), Box<Diagnostic>> {
    let plan = plan_from_str(text, file)?;
    let findings = validate(&plan, template)
        .into_iter()
        .map(|f| f.locate(file, text))
        .collect();
    Ok((plan, findings))
}
