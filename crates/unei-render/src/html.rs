//! HTML export: the plan as an accessible web page (lang="ja", headings, tables with header
//! cells), in the shape of the city's published pages so that `unei import` reads it back.
//! A pure function of the plan and the template; it needs no layout.

use std::fmt::Write as _;

use unei_core::{
    Block, Form2, Generation, LabeledBlock, Labeler, ManagementIssue, Plan, RichText, Template,
};

/// The whole page.
pub fn write_html(plan: &Plan, template: &Template) -> String {
    let labels = Labeler::new(plan, template);
    let title = labels.title();
    let mut page = Page {
        labels,
        out: String::new(),
    };
    page.head(&title, &template.page.label_shading);
    match plan.meta.generation {
        Generation::A => page.generation_a(plan),
        Generation::B => page.generation_b(plan),
    }
    page.out.push_str("</main>\n</body>\n</html>\n");
    page.out
}

/// Escapes text for HTML element content.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

/// Rich text as the city writes it: `<p>`, and bullets kept as written inside unstyled lists.
fn rich(text: &RichText) -> String {
    let mut out = String::new();
    for block in text {
        match block {
            Block::P(p) => {
                let _ = write!(out, "<p>{}</p>", esc(p));
            }
            Block::List(list) => {
                out.push_str("<ul style=\"list-style-type: none\">");
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

struct Page<'a> {
    labels: Labeler<'a>,
    out: String,
}

impl Page<'_> {
    fn head(&mut self, title: &str, shading: &str) {
        let _ = write!(
            self.out,
            "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"UTF-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{t}</title>\n\
             <style>body{{font-family:\"BIZ UDGothic\",\"BIZ UDゴシック\",sans-serif;max-width:60em;margin:auto;line-height:1.6}}\
             table{{border-collapse:collapse;width:100%;margin:.5em 0}}th,td{{border:1px solid #000;padding:.3em .5em;\
             vertical-align:top;text-align:left}}th{{background:{shading}}}ul{{padding-left:0}}</style>\n\
             </head>\n<body>\n<main>\n<h1>{t}</h1>\n",
            t = esc(title)
        );
    }

    fn heading(&mut self, level: u8, text: &str) {
        let _ = writeln!(self.out, "<h{level}>{}</h{level}>", esc(text));
    }

    fn section(&mut self, id: &str, text: &RichText) {
        let label = self.labels.get(id);
        self.heading(3, &label);
        let _ = writeln!(self.out, "{}", rich(text));
    }

    fn common_head(&mut self, plan: &Plan) {
        for block in &plan.preamble {
            self.heading(3, &block.label);
            let _ = writeln!(self.out, "{}", rich(&block.text));
        }
        self.section("goal", &plan.goal);
        self.section("mission", &plan.mission);
        self.section("policy", &plan.policy);
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
            self.section("achievements", &se.achievements);
            self.section("challenges", &se.challenges);
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

    fn issue_a(&mut self, issue: &ManagementIssue) {
        let heading =
            self.labels
                .numbered("issue_heading", &Self::issue_number(issue), &issue.title);
        let overview = match (issue.heading_own_paragraph, issue.overview.split_first()) {
            (false, Some((Block::P(first), rest))) => format!(
                "<p>{} {}</p>{}",
                esc(&heading),
                esc(first),
                rich(&rest.to_vec())
            ),
            _ => format!("<p>{}</p>{}", esc(&heading), rich(&issue.overview)),
        };
        let initiatives: String = issue
            .initiatives
            .iter()
            .map(|it| {
                let amount = it.amount.as_ref().map_or("", |a| a.text());
                format!(
                    "<li>{}</li>",
                    esc(&format!("{}{}{amount}", it.marker, it.text))
                )
            })
            .collect();
        let _ = write!(
            self.out,
            "<table>\n<tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr>\n<tr><td>{overview}</td><td>{}</td></tr>\n\
             <tr><th colspan=\"2\" scope=\"colgroup\">{}</th></tr>\n<tr><td colspan=\"2\"><ul style=\"list-style-type: none\">{initiatives}</ul></td></tr>\n</table>\n",
            esc(&self.labels.get("issue_overview")),
            esc(&self.labels.get("issue_strategies")),
            rich(&issue.strategies),
            esc(&self.labels.get("initiatives")),
        );
    }

    fn reform(&mut self, plan: &Plan) {
        let Some(reform) = &plan.reform else { return };
        self.heading(3, &self.labels.get("reform"));
        let with_review = reform.rows.iter().any(|r| !r.midterm_review.is_empty());
        let mut header = format!(
            "<tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th>",
            esc(&self.labels.get("reform_item")),
            esc(&self.labels.get("reform_content"))
        );
        if with_review {
            let _ = write!(
                header,
                "<th scope=\"col\">{}</th>",
                esc(&self.labels.get("reform_midterm_review"))
            );
        }
        let _ = write!(self.out, "<table>\n{header}</tr>\n");
        for row in &reform.rows {
            let _ = write!(
                self.out,
                "<tr><td>{}</td><td>{}</td>",
                esc(&row.item),
                rich(&row.content)
            );
            if with_review {
                let _ = write!(self.out, "<td>{}</td>", rich(&row.midterm_review));
            }
            self.out.push_str("</tr>\n");
        }
        self.out.push_str("</table>\n");
    }

    fn blocks(&mut self, blocks: &[LabeledBlock]) {
        for block in blocks {
            let code = block
                .code
                .as_ref()
                .map_or(String::new(), |c| format!("<td>{}</td>", esc(&c.code)));
            let _ = writeln!(
                self.out,
                "<table><tr><th scope=\"row\">{}</th><td>{}</td>{code}</tr></table>",
                esc(&block.label),
                rich(&block.text)
            );
        }
    }

    fn reviews(&mut self, midterm: &RichText, year_end: &RichText) {
        for (id, text) in [("midterm_review", midterm), ("year_end_review", year_end)] {
            if !text.is_empty() {
                let label = self.labels.get(id);
                let _ = writeln!(
                    self.out,
                    "<table><tr><th scope=\"row\">{}</th><td>{}</td></tr></table>",
                    esc(&label),
                    rich(text)
                );
            }
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
        self.heading(3, &heading);
        self.blocks(&form2.blocks);
        for strategy in &form2.strategies {
            let heading =
                self.labels
                    .numbered("form2_strategy_heading", &strategy.number, &strategy.title);
            self.heading(4, &heading);
            self.blocks(&strategy.blocks);
            self.reviews(&strategy.midterm_review, &strategy.year_end_review);
            for it in &strategy.initiatives {
                let heading =
                    self.labels
                        .numbered("form2_initiative_heading", &it.number, &it.title);
                let amount = it
                    .amount
                    .as_ref()
                    .map_or(String::new(), |a| a.text().to_owned());
                self.heading(5, &format!("{heading}{amount}"));
                self.blocks(&it.blocks);
                self.reviews(&it.midterm_review, &it.year_end_review);
            }
        }
    }

    fn generation_b(&mut self, plan: &Plan) {
        self.common_head(plan);
        for issue in &plan.issues {
            let heading =
                self.labels
                    .numbered("issue_heading", &Self::issue_number(issue), &issue.title);
            self.heading(3, &heading);
            let mut rows = String::new();
            for (id, text) in [
                ("recognition", &issue.recognition),
                ("strategies", &issue.strategies),
                ("outcome_indicators", &issue.outcome_indicators),
            ] {
                let _ = writeln!(
                    rows,
                    "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
                    esc(&self.labels.get(id)),
                    rich(text)
                );
            }
            let _ = write!(self.out, "<table>\n{rows}</table>\n");
            if let Some(a) = &issue.achievement {
                self.heading(4, &self.labels.get("achievement"));
                let grade = a
                    .grade
                    .as_ref()
                    .map_or(String::new(), |g| format!(" {}", esc(&g.code)));
                let _ = write!(
                    self.out,
                    "<table>\n<tr><th scope=\"row\">{}</th><td>{}{grade}</td></tr>\n",
                    esc(&self.labels.get("achievement_result")),
                    rich(&a.result)
                );
                if !issue.previous_result.is_empty() {
                    let _ = writeln!(
                        self.out,
                        "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
                        esc(&self.labels.get("previous_result")),
                        rich(&issue.previous_result)
                    );
                }
                self.out.push_str("</table>\n");
            }
        }
        if let Some(se) = &plan.self_evaluation {
            self.heading(2, &self.labels.get("self_evaluation"));
            let _ = writeln!(self.out, "{}", rich(&se.overall));
            self.heading(2, &self.labels.get("future_policy"));
            let _ = writeln!(self.out, "{}", rich(&se.future_policy));
        }
    }
}
