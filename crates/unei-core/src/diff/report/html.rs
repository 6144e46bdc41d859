//! The HTML report: one self-contained, accessible page — `lang` set, a heading per part of the
//! plan and per field, changed characters in `<del>`/`<ins>` with words for screen readers, the
//! budget in a table with a caption and header cells. Styles live in one `<style>` element (no
//! `style` attributes, nothing loaded from elsewhere), so the page also works offline.

use std::fmt::Write as _;

use super::lines::{
    Group, budget_amount, budget_rows, change_spans, grouped, heading_text, sub_text,
    unreadable_amounts,
};
use super::text::{Span, Style, summary};
use crate::diff::model::{BudgetLine, PlanDiff, PlanHeader};
use crate::diff::wording::Phrase;
use crate::i18n::Lang;

const STYLESHEET: &str = "\
body{font-family:\"BIZ UDGothic\",\"BIZ UDゴシック\",\"Noto Sans CJK JP\",sans-serif;line-height:1.7;color:#1a1a1a;\
background:#fff;max-width:60em;margin:0 auto;padding:0 1em 2em}\
h1{font-size:1.5em;line-height:1.4}h2{font-size:1.2em;border-bottom:2px solid #444;margin-top:2em}\
h3{font-size:1em;margin:1.2em 0 .3em}\
ul{padding-left:0;list-style:none}li{margin:.35em 0;display:flex;gap:.5em}\
.kind{flex:0 0 7.5em;font-weight:bold}.text{flex:1 1 auto;min-width:0;overflow-wrap:anywhere}\
@media (max-width:40em){li{display:block}.kind{margin-right:.5em}}\
del{background:#ffe3e3;color:#7a0000;text-decoration:line-through}\
ins{background:#d9f7e0;color:#0a4f19;text-decoration:underline}\
.old{color:#7a0000}.new{color:#0a4f19}.muted{color:#555}\
.table{overflow-x:auto}table{border-collapse:collapse;min-width:100%}\
caption{text-align:left;font-weight:bold;padding:.3em 0}\
th,td{border:1px solid #767676;padding:.3em .6em;vertical-align:top}\
thead th{background:#eee}th{text-align:left;font-weight:normal}thead th,tfoot th{font-weight:bold}\
td{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}tfoot td{font-weight:bold}\
.visually-hidden{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;\
clip:rect(0 0 0 0);white-space:nowrap;border:0}";

/// Escapes text for element content and attribute values (`&`, `<`, `>`, `"`).
fn esc(text: &str) -> String {
    html_escape::encode_double_quoted_attribute(text).into_owned()
}

fn plan_name(plan: &PlanHeader, lang: Lang) -> String {
    Phrase::PlanName {
        organisation: &plan.organisation,
        year: &plan.fiscal_year,
        status: plan.status.as_str(),
    }
    .text(lang)
}

fn span(out: &mut String, span: &Span, lang: Lang) {
    let text = esc(&span.text);
    let hidden = |p: Phrase<'_>| {
        format!(
            "<span class=\"visually-hidden\">{} </span>",
            esc(&p.text(lang))
        )
    };
    let _ = match span.style {
        Style::Deleted => write!(out, "<del>{}{text}</del>", hidden(Phrase::DeletedText)),
        Style::Inserted => write!(out, "<ins>{}{text}</ins>", hidden(Phrase::InsertedText)),
        Style::OldValue => write!(out, "<span class=\"old\">{text}</span>"),
        Style::NewValue => write!(out, "<span class=\"new\">{text}</span>"),
        Style::Muted => write!(out, "<span class=\"muted\">{text}</span>"),
        Style::Kind(_) => write!(out, "<strong class=\"kind\">{text}</strong>"),
        Style::Plain | Style::Title | Style::Heading | Style::Subheading => write!(out, "{text}"),
    };
}

/// The whole page, in `lang`.
pub fn write_html(diff: &PlanDiff, lang: Lang) -> String {
    let (old, new) = (plan_name(&diff.old, lang), plan_name(&diff.new, lang));
    let title = esc(&Phrase::Title {
        old: &old,
        new: &new,
    }
    .text(lang));
    let code = match lang {
        Lang::Ja => "ja",
        Lang::En => "en",
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"UTF-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>{STYLESHEET}</style>\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n\
         <p>{}</p>\n",
        esc(&summary(diff, lang))
    );
    if diff.ignored.total() > 0 {
        let _ = writeln!(
            out,
            "<p class=\"muted\">{}</p>",
            esc(&Phrase::Ignored(diff.ignored.total()).text(lang))
        );
    }
    changes(&mut out, &grouped(diff), lang);
    if diff.budget.has_changes() {
        budget(&mut out, diff, lang);
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn changes(out: &mut String, groups: &[Group<'_>], lang: Lang) {
    let mut heading = None;
    for group in groups {
        if heading != Some(&group.heading) {
            if heading.is_some() {
                out.push_str("</section>\n");
            }
            let _ = writeln!(
                out,
                "<section>\n<h2>{}</h2>",
                esc(&heading_text(&group.heading, lang))
            );
            heading = Some(&group.heading);
        }
        if !group.sub.is_empty() {
            let _ = writeln!(out, "<h3>{}</h3>", esc(&sub_text(&group.sub, lang)));
        }
        out.push_str("<ul>\n");
        for change in &group.changes {
            out.push_str("<li>");
            let kind = Span {
                style: Style::Kind(change.kind),
                text: Phrase::Kind(change.kind).text(lang),
            };
            span(out, &kind, lang);
            out.push_str(" <span class=\"text\">");
            for s in change_spans(change, lang) {
                span(out, &s, lang);
            }
            out.push_str("</span></li>\n");
        }
        out.push_str("</ul>\n");
    }
    if heading.is_some() {
        out.push_str("</section>\n");
    }
}

fn budget(out: &mut String, diff: &PlanDiff, lang: Lang) {
    let (header, rows, total) = budget_rows(diff, lang);
    let _ = write!(
        out,
        "<section>\n<h2>{}</h2>\n<div class=\"table\">\n<table>\n<caption>{}</caption>\n<thead>\n<tr>",
        esc(&Phrase::Budget.text(lang)),
        esc(&Phrase::BudgetCaption.text(lang))
    );
    for cell in &header {
        let _ = write!(out, "<th scope=\"col\">{}</th>", esc(cell));
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    let row = |out: &mut String, cells: &[String; 4]| {
        let _ = write!(out, "<tr><th scope=\"row\">{}</th>", esc(&cells[0]));
        for cell in &cells[1..] {
            let _ = write!(out, "<td>{}</td>", esc(cell));
        }
        out.push_str("</tr>\n");
    };
    for cells in &rows {
        row(out, cells);
    }
    out.push_str("</tbody>\n<tfoot>\n");
    row(out, &total);
    out.push_str("</tfoot>\n</table>\n</div>\n");
    let b = &diff.budget;
    budget_list(out, Phrase::ChangedAmounts, &b.changed, true, lang);
    budget_list(out, Phrase::NewInitiatives, &b.added, false, lang);
    budget_list(out, Phrase::DroppedInitiatives, &b.dropped, false, lang);
    let unreadable = unreadable_amounts(diff, lang);
    if !unreadable.is_empty() {
        out.push_str("<ul>\n");
        for line in unreadable {
            let _ = writeln!(out, "<li>{}</li>", esc(&line));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

fn budget_list(
    out: &mut String,
    title: Phrase<'_>,
    items: &[BudgetLine],
    changed: bool,
    lang: Lang,
) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "<h3>{}</h3>\n<ul>", esc(&title.text(lang)));
    for item in items {
        let _ = writeln!(
            out,
            "<li><span class=\"muted\">{}</span> <span class=\"text\">{} <span class=\"muted\">{}</span></span></li>",
            esc(&Phrase::Issue(&item.issue).text(lang)),
            esc(&item.text),
            esc(&budget_amount(item, changed, lang)),
        );
    }
    out.push_str("</ul>\n");
}
