//! HTML export: the plan as an accessible web page (JIS X 8341-3 / WCAG 2.1 AA: lang="ja",
//! headings, every table with a caption and header cells, budget amounts in cells of their
//! own, no inline styles), in the shape of the city's published pages so that `unei import`
//! reads it back. A pure function of the plan and the template; it needs no layout.

use std::fmt::Write as _;

use unei_core::{
    Block, Form2, Generation, Initiative, LabeledBlock, Labeler, ManagementIssue, Plan, RichText,
    Template,
};

/// The whole page.
#[inline(never)] // a stage of bench/callgrind.py's breakdown
pub fn write_html(plan: &Plan, template: &Template) -> String {
    let labels = Labeler::new(plan, template);
    let title = labels.title();
    let mut page = Page {
        labels,
        out: String::new(),
    };
    page.head(&title, template);
    match plan.meta.generation {
        Generation::A => page.generation_a(plan),
        Generation::B => page.generation_b(plan),
    }
    page.out.push_str("</main>\n</body>\n</html>\n");
    page.out
}

/// The page's only styles (no `style` attributes): margins that keep text off a phone's
/// screen edge, boxed cells, shaded header cells, unmarked lists (the author's bullets are
/// part of the text), right-aligned amounts, and captions that repeat a visible heading
/// hidden from the eye but not from screen readers.
const STYLE: &str = "body{font-family:\"BIZ UDGothic\",\"BIZ UDゴシック\",sans-serif;\
max-width:60em;margin:0 auto;padding:.5em 1em 2em;line-height:1.6}\
table{border-collapse:collapse;width:100%;margin:.5em 0}\
caption{text-align:left;font-weight:bold;padding:.3em 0}\
th,td{border:1px solid #000;padding:.3em .5em;vertical-align:top;text-align:left}\
td>:first-child{margin-top:0}td>:last-child{margin-bottom:0}\
th{background:SHADING}th.item{background:none;font-weight:normal}\
table.pair th:first-child{width:SPLIT%}\
td.amount{text-align:right;white-space:nowrap}\
ul.plain{list-style:none;padding-left:0;margin:0}\
.sr-only{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;\
clip:rect(0,0,0,0);white-space:nowrap;border:0}";

/// Escapes text for HTML element content (`&`, `<`, `>`).
fn esc(text: &str) -> String {
    html_escape::encode_text(text).into_owned()
}

/// Rich text as the city writes it: `<p>`, and bullets kept as written inside unmarked lists.
fn rich(text: &RichText) -> String {
    let mut out = String::new();
    for block in text {
        match block {
            Block::P(p) => {
                let _ = write!(out, "<p>{}</p>", esc(p));
            }
            Block::List(list) => {
                out.push_str("<ul class=\"plain\">");
                for item in &list.items {
                    let _ = write!(out, "<li>{}</li>", esc(&format!("{}{item}", list.marker)));
                }
                out.push_str("</ul>");
            }
            Block::Numbered(list) => {
                out.push_str("<ol>");
                for item in &list.items {
                    let _ = write!(
                        out,
                        "<li value=\"{}\">{}</li>",
                        esc(&item.number),
                        esc(&item.text)
                    );
                }
                out.push_str("</ol>");
            }
        }
    }
    out
}

/// A table's caption; `hidden` when a heading right above already shows the same text.
fn caption(text: &str, hidden: bool) -> String {
    let class = if hidden { " class=\"sr-only\"" } else { "" };
    format!("<caption{class}>{}</caption>\n", esc(text))
}

/// A header row of column headers.
fn column_headers(texts: &[String]) -> String {
    let cells: String = texts
        .iter()
        .map(|t| format!("<th scope=\"col\">{}</th>", esc(t)))
        .collect();
    format!("<thead><tr>{cells}</tr></thead>\n")
}

/// A row of a label (its row header) and its value cells.
fn labeled_row(label: &str, cells: &[String]) -> String {
    let cells: String = cells.iter().map(|c| format!("<td>{c}</td>")).collect();
    format!("<tr><th scope=\"row\">{}</th>{cells}</tr>\n", esc(label))
}

/// A table of label rows under a caption repeating the heading above it.
fn label_table(heading: &str, rows: &str) -> String {
    format!("<table>\n{}{rows}</table>\n", caption(heading, true))
}

struct Page<'a> {
    labels: Labeler<'a>,
    out: String,
}

/// Heading level of the labelled sections (目標, 使命, 方針…): under ◆計画 in generation A,
/// right under the title in generation B (its form has no ◆ parts).
fn section_level(plan: &Plan) -> u8 {
    match plan.meta.generation {
        Generation::A => 3,
        Generation::B => 2,
    }
}

impl Page<'_> {
    fn head(&mut self, title: &str, template: &Template) {
        let split = (template.page.two_column_split * 100.0).round();
        let _ = write!(
            self.out,
            "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"UTF-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{t}</title>\n<style>{style}</style>\n</head>\n<body>\n<main>\n<h1>{t}</h1>\n",
            t = esc(title),
            style = STYLE
                .replace("SHADING", &template.page.label_shading)
                .replace("SPLIT", &split.to_string())
        );
    }

    fn heading(&mut self, level: u8, text: &str) {
        let _ = writeln!(self.out, "<h{level}>{}</h{level}>", esc(text));
    }

    fn section(&mut self, level: u8, id: &str, text: &RichText) {
        let label = self.labels.get(id);
        self.heading(level, &label);
        let _ = writeln!(self.out, "{}", rich(text));
    }

    fn common_head(&mut self, plan: &Plan) {
        let level = section_level(plan);
        for block in &plan.preamble {
            self.heading(level, &block.label);
            let _ = writeln!(self.out, "{}", rich(&block.text));
        }
        self.section(level, "goal", &plan.goal);
        self.section(level, "mission", &plan.mission);
        self.section(level, "policy", &plan.policy);
    }

    fn generation_a(&mut self, plan: &Plan) {
        self.heading(2, &self.labels.get("plan_heading"));
        self.common_head(plan);
        self.heading(3, &self.labels.get("issues"));
        for issue in &plan.issues {
            self.issue_a(issue);
        }
        self.reform(plan);
        if let Some(se) = &plan.self_evaluation {
            self.heading(2, &self.labels.get("self_evaluation_heading"));
            self.section(3, "achievements", &se.achievements);
            self.section(3, "challenges", &se.challenges);
        }
        for issue in &plan.issues {
            if let Some(form2) = &issue.form2 {
                self.form2(issue, form2);
            }
        }
    }

    fn issue_number(issue: &ManagementIssue) -> String {
        issue
            .number_text
            .clone()
            .unwrap_or_else(|| issue.number.to_string())
    }

    /// The 経営課題 table (概要 | 主な戦略), then its budget table.
    fn issue_a(&mut self, issue: &ManagementIssue) {
        let heading =
            self.labels
                .numbered("issue_heading", &Self::issue_number(issue), &issue.title);
        // The heading opens the overview cell, as the city writes it; the caption names the
        // table for screen readers only.
        let overview = match (issue.heading_own_paragraph, issue.overview.split_first()) {
            (false, Some((Block::P(first), rest))) => format!(
                "<p>{} {}</p>{}",
                esc(&heading),
                esc(first),
                rich(&rest.to_vec())
            ),
            _ => format!("<p>{}</p>{}", esc(&heading), rich(&issue.overview)),
        };
        let _ = write!(
            self.out,
            "<table class=\"pair\">\n{}{}<tbody><tr><td>{overview}</td><td>{}</td></tr></tbody>\n</table>\n",
            caption(&heading, true),
            column_headers(&[
                self.labels.get("issue_overview"),
                self.labels.get("issue_strategies")
            ]),
            rich(&issue.strategies),
        );
        self.budget(&issue.initiatives);
    }

    /// 主な具体的取組 as a table 取組 | 予算額: each amount in a cell of its own, under its
    /// header, beside the 取組 it belongs to.
    fn budget(&mut self, initiatives: &[Initiative]) {
        let rows: String = initiatives
            .iter()
            .map(|it| {
                let amount = it.amount.as_ref().map_or("", |a| a.text());
                format!(
                    "<tr><td>{}</td><td class=\"amount\">{}</td></tr>\n",
                    esc(&format!("{}{}", it.marker, it.text)),
                    esc(amount)
                )
            })
            .collect();
        let body = if rows.is_empty() {
            String::new()
        } else {
            format!("<tbody>\n{rows}</tbody>\n")
        };
        let _ = write!(
            self.out,
            "<table>\n{}{}{body}</table>\n",
            caption(&self.labels.get("initiatives"), false),
            column_headers(&[
                self.labels.get("initiatives_item"),
                self.labels.get("initiatives_amount")
            ]),
        );
    }

    fn reform(&mut self, plan: &Plan) {
        let Some(reform) = &plan.reform else { return };
        let label = self.labels.get("reform");
        self.heading(3, &label);
        let with_review = reform.rows.iter().any(|r| !r.midterm_review.is_empty());
        let mut headers = vec![
            self.labels.get("reform_item"),
            self.labels.get("reform_content"),
        ];
        if with_review {
            headers.push(self.labels.get("reform_midterm_review"));
        }
        let _ = write!(
            self.out,
            "<table>\n{}{}<tbody>\n",
            caption(&label, true),
            column_headers(&headers)
        );
        for row in &reform.rows {
            // The item names its row: a row header, unshaded as on the form.
            let _ = write!(
                self.out,
                "<tr><th scope=\"row\" class=\"item\">{}</th><td>{}</td>",
                esc(&row.item),
                rich(&row.content)
            );
            if with_review {
                let _ = write!(self.out, "<td>{}</td>", rich(&row.midterm_review));
            }
            self.out.push_str("</tr>\n");
        }
        self.out.push_str("</tbody>\n</table>\n");
    }

    /// Rows of 様式2 blocks (label | text | code) and reviews (label | text); the code column
    /// exists when a block has a code, empty in the other rows.
    fn form2_rows(
        &self,
        blocks: &[LabeledBlock],
        midterm: &RichText,
        year_end: &RichText,
    ) -> String {
        let with_code = blocks.iter().any(|b| b.code.is_some());
        let cells = |text: String, code: Option<&str>| {
            let mut cells = vec![text];
            if with_code {
                cells.push(code.map(esc).unwrap_or_default());
            }
            cells
        };
        let mut rows: String = blocks
            .iter()
            .map(|b| {
                let code = b.code.as_ref().map(|c| c.code.as_str());
                labeled_row(&b.label, &cells(rich(&b.text), code))
            })
            .collect();
        for (id, text) in [("midterm_review", midterm), ("year_end_review", year_end)] {
            if !text.is_empty() {
                rows.push_str(&labeled_row(&self.labels.get(id), &cells(rich(text), None)));
            }
        }
        rows
    }

    /// A heading and the table of what it introduces (none when there is nothing).
    fn form2_part(&mut self, level: u8, heading: &str, rows: &str) {
        self.heading(level, heading);
        if !rows.is_empty() {
            self.out.push_str(&label_table(heading, rows));
        }
    }

    fn form2(&mut self, issue: &ManagementIssue, form2: &Form2) {
        self.heading(2, &self.labels.get("form2_tag"));
        self.heading(3, &self.labels.get("form2_heading"));
        let heading = self.labels.numbered(
            "form2_issue_heading",
            &Self::issue_number(issue),
            &issue.title,
        );
        let rows = self.form2_rows(&form2.blocks, &Vec::new(), &Vec::new());
        self.form2_part(3, &heading, &rows);
        for strategy in &form2.strategies {
            let heading =
                self.labels
                    .numbered("form2_strategy_heading", &strategy.number, &strategy.title);
            let rows = self.form2_rows(
                &strategy.blocks,
                &strategy.midterm_review,
                &strategy.year_end_review,
            );
            self.form2_part(4, &heading, &rows);
            for it in &strategy.initiatives {
                let heading =
                    self.labels
                        .numbered("form2_initiative_heading", &it.number, &it.title);
                let amount = it.amount.as_ref().map_or("", |a| a.text());
                let rows = self.form2_rows(&it.blocks, &it.midterm_review, &it.year_end_review);
                self.form2_part(5, &format!("{heading}{amount}"), &rows);
            }
        }
    }

    fn generation_b(&mut self, plan: &Plan) {
        self.common_head(plan);
        for issue in &plan.issues {
            self.issue_b(issue);
        }
        if let Some(se) = &plan.self_evaluation {
            self.heading(2, &self.labels.get("self_evaluation"));
            let _ = writeln!(self.out, "{}", rich(&se.overall));
            self.heading(2, &self.labels.get("future_policy"));
            let _ = writeln!(self.out, "{}", rich(&se.future_policy));
        }
    }

    fn issue_b(&mut self, issue: &ManagementIssue) {
        let heading =
            self.labels
                .numbered("issue_heading", &Self::issue_number(issue), &issue.title);
        self.heading(2, &heading);
        let mut rows = String::new();
        for (id, text) in [
            ("recognition", &issue.recognition),
            ("strategies", &issue.strategies),
            ("outcome_indicators", &issue.outcome_indicators),
        ] {
            rows.push_str(&labeled_row(&self.labels.get(id), &[rich(text)]));
        }
        let previous = (!issue.previous_result.is_empty()).then(|| {
            labeled_row(
                &self.labels.get("previous_result"),
                &[rich(&issue.previous_result)],
            )
        });
        let Some(a) = &issue.achievement else {
            // Without a 達成状況 the 前年度実績 closes the issue's own table.
            rows.push_str(previous.as_deref().unwrap_or_default());
            self.out.push_str(&label_table(&heading, &rows));
            return;
        };
        self.out.push_str(&label_table(&heading, &rows));
        let label = self.labels.get("achievement");
        self.heading(3, &label);
        let grade = a
            .grade
            .as_ref()
            .map_or(String::new(), |g| format!(" {}", esc(&g.code)));
        let mut rows = labeled_row(
            &self.labels.get("achievement_result"),
            &[format!("{}{grade}", rich(&a.result))],
        );
        rows.push_str(previous.as_deref().unwrap_or_default());
        self.out.push_str(&label_table(&label, &rows));
    }
}
