//! The published JSON Schema of plan files.

use crate::model::Plan;

/// JSON Schema (2020-12) of a plan file, pretty-printed.
pub fn plan_schema() -> String {
    let mut schema = schemars::schema_for!(Plan);
    schema.insert(
        "$id".to_owned(),
        "https://unei.invalid/schema/plan-v1.json".into(),
    );
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
