//! 様式2: one detail sheet per 経営課題, starting on a new page, beside the vertical side label.

use unei_core::{Form2, LabeledBlock, ManagementIssue};

use super::form::FormBuilder;

pub fn build(b: &mut FormBuilder<'_, '_, '_>, i: usize, issue: &ManagementIssue, form2: &Form2) {
    let path = format!("issues[{i}].form2");
    let heading = b.labels.get("form2_heading");
    b.label_row(&heading, "labels.form2_heading", None);
    b.mark_break_before();
    let number = FormBuilder::issue_number(issue);
    let issue_heading = b
        .labels
        .numbered("form2_issue_heading", &number, &issue.title);
    let tag = b.labels.get("form2_tag");
    b.label_row(&issue_heading, "labels.form2_issue_heading", None);
    if let Some(row) = b.rows.last_mut() {
        row.bookmark = Some((format!("{tag}{issue_heading}"), 0));
    }
    blocks(b, &form2.blocks, &format!("{path}.blocks"));
    for (s, strategy) in form2.strategies.iter().enumerate() {
        let sp = format!("{path}.strategies[{s}]");
        let heading =
            b.labels
                .numbered("form2_strategy_heading", &strategy.number, &strategy.title);
        b.label_row(&heading, "labels.form2_strategy_heading", Some(1));
        blocks(b, &strategy.blocks, &format!("{sp}.blocks"));
        // The strategy's reviews before its initiatives: after them, a 中間振り返り label could
        // be read as the last initiative's (by people and by the importer).
        reviews(b, &sp, &strategy.midterm_review, &strategy.year_end_review);
        for (k, it) in strategy.initiatives.iter().enumerate() {
            let ip = format!("{sp}.initiatives[{k}]");
            let heading = b
                .labels
                .numbered("form2_initiative_heading", &it.number, &it.title);
            b.label_row(&heading, "labels.form2_initiative_heading", None);
            if let Some(amount) = &it.amount {
                let width = b.inner_width();
                let source = format!("{ip}.amount");
                let lines =
                    b.setter
                        .with_suffix("", "", Some((amount.text(), &source)), width, &source);
                b.lines_row(lines);
            }
            blocks(b, &it.blocks, &format!("{ip}.blocks"));
            reviews(b, &ip, &it.midterm_review, &it.year_end_review);
        }
    }
}

fn blocks(b: &mut FormBuilder<'_, '_, '_>, blocks: &[LabeledBlock], path: &str) {
    for (n, block) in blocks.iter().enumerate() {
        let bp = format!("{path}[{n}]");
        b.label_row(&block.label, &format!("{bp}.label"), None);
        let width = b.inner_width();
        let mut lines = b.setter.rich(&block.text, width, &format!("{bp}.text"));
        if let Some(code) = &block.code {
            let source = format!("{bp}.code.code");
            lines.extend(
                b.setter
                    .with_suffix("", "", Some((&code.code, &source)), width, &source),
            );
        }
        b.lines_row(lines);
    }
}

fn reviews(
    b: &mut FormBuilder<'_, '_, '_>,
    path: &str,
    midterm: &unei_core::RichText,
    year_end: &unei_core::RichText,
) {
    for (id, text, field) in [
        ("midterm_review", midterm, "midterm_review"),
        ("year_end_review", year_end, "year_end_review"),
    ] {
        if !text.is_empty() {
            b.label_id(id);
            b.content_row(text, &format!("{path}.{field}"));
        }
    }
}
