//! The plan's metadata that a printed form does not show — where the text came from, the
//! sample-data flag, the template, the label wording, the 市政改革プラン version and the
//! schema reference — as name/value pairs: the XLSX writer stores them as the workbook's
//! custom document properties and the importer reads them back, so a workbook imports to
//! the identical plan.

use crate::{OrgKind, Plan};

/// Prefix of every property name unei writes.
pub const PREFIX: &str = "unei:";

/// The provenance pairs of `plan`, in a fixed order; absent values are left out.
pub fn properties(plan: &Plan) -> Vec<(&'static str, String)> {
    let meta = &plan.meta;
    let mut out = vec![("unei:template", meta.template.clone())];
    if let Some(source) = &meta.source {
        out.push(("unei:source", source.clone()));
    }
    if meta.sample_data {
        out.push(("unei:sample_data", "true".to_owned()));
    }
    if let Some(kind) = meta.label_variant {
        out.push(("unei:label_variant", kind_name(kind)));
    }
    // Empty when the plan names no version (the form prints the template's default, which
    // the importer would otherwise read back as the plan's own).
    if let Some(reform) = &plan.reform {
        let version = reform.plan_version.clone().unwrap_or_default();
        out.push(("unei:reform_plan_version", version));
    }
    if let Some(schema) = &plan.schema {
        out.push(("unei:schema", schema.clone()));
    }
    out
}

/// Puts what `properties` holds back into `plan`; names it does not know are ignored (a
/// later version may write more).
pub fn apply(plan: &mut Plan, properties: &[(String, String)]) {
    for (name, value) in properties {
        match name.as_str() {
            "unei:template" => plan.meta.template = value.clone(),
            "unei:source" => plan.meta.source = Some(value.clone()),
            "unei:sample_data" => plan.meta.sample_data = value == "true",
            "unei:label_variant" => {
                if let Some(kind) = kind_from_name(value) {
                    plan.meta.label_variant = Some(kind);
                }
            }
            "unei:reform_plan_version" => {
                if let Some(reform) = &mut plan.reform {
                    reform.plan_version = Some(value.clone()).filter(|v| !v.is_empty());
                }
            }
            "unei:schema" => plan.schema = Some(value.clone()),
            _ => {}
        }
    }
}

/// The kind as the plan file writes it (`区`, `局`, `区・局`).
fn kind_name(kind: OrgKind) -> String {
    match serde_json::to_value(kind) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn kind_from_name(name: &str) -> Option<OrgKind> {
    serde_json::from_value(serde_json::Value::String(name.to_owned())).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_is_read_back() {
        let text = include_str!("../../../fixtures/plans/sample-form2-r1.json");
        let plan = crate::plan_from_str(text, "sample-form2-r1.json").unwrap();
        let pairs: Vec<(String, String)> = properties(&plan)
            .into_iter()
            .map(|(n, v)| (n.to_owned(), v))
            .collect();
        assert!(
            pairs
                .iter()
                .any(|(n, v)| n == "unei:sample_data" && v == "true")
        );
        let mut blank = plan.clone();
        blank.meta.source = None;
        blank.meta.sample_data = false;
        blank.meta.label_variant = None;
        blank.meta.template = "other".into();
        if let Some(r) = &mut blank.reform {
            r.plan_version = None;
        }
        apply(&mut blank, &pairs);
        assert_eq!(blank, plan);
    }
}
