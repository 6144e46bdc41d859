//! unei-core: the model of Osaka City's 運営方針 (yearly management plan), its JSON form and
//! schema, semantic validation, templates, 和暦 years and 千円 amounts.
//!
//! The pipeline starts here: a plan file's text is parsed into a [`Plan`] and checked against
//! a [`Template`] ([`check_plan`]); every finding is a [`Diagnostic`] naming the file,
//! line:col (in characters) and JSON path, in Japanese or English ([`Lang`]). unei-render
//! lays the plan out and writes the PDF, workbook and page; unei-import reads old workbooks
//! and published pages into a [`Plan`].
//!
//! ```
//! use unei_core::{Lang, Severity, Template, check_plan};
//!
//! let text = include_str!("../../../fixtures/plans/fukushima-r2.json");
//! let template = Template::bundled();
//! let (plan, findings) = check_plan(text, "fukushima-r2.json", &template).map_err(|d| d.to_string())?;
//! assert_eq!(plan.meta.organisation.name, "福島区");
//! assert!(findings.iter().all(|d| d.severity != Severity::Error));
//!
//! // An amount in 円 rather than 千円 is found, at its place.
//! let broken = text.replacen("(2,781千円)", "(2,781円)", 1);
//! let (_, findings) = check_plan(&broken, "broken.json", &template).map_err(|d| d.to_string())?;
//! let error = findings.iter().find(|d| d.severity == Severity::Error).expect("an error");
//! assert!(error.path.starts_with("issues[0].initiatives"));
//! assert!(error.render(Lang::Ja).contains("千円単位の金額ではありません"));
//! # Ok::<(), String>(())
//! ```

#![warn(missing_docs)]

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
pub mod template_problem;
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
pub use template_problem::TemplateProblem;
pub use validate::validate;
pub use wareki::FiscalYear;

/// Loads and validates a plan file's text: the parse error, or every finding with its position.
///
/// # Errors
/// The [`Diagnostic`] of the first syntax or type error; the findings of a plan that parses
/// (errors included) are in the `Ok` value.
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
