//! The text report: lines of styled spans. Deleted and inserted characters carry `[-…-]` and
//! `{+…+}` (as `git diff --word-diff` writes them), so the report reads the same with or
//! without colour; the columns of the budget table are aligned by display width (全角 = 2).

use unicode_width::UnicodeWidthStr;

use super::lines::{
    Group, budget_amount, budget_rows, change_spans, grouped, heading_text, sub_text,
    unreadable_amounts,
};
use crate::diff::model::{BudgetLine, ChangeKind, PlanDiff, PlanHeader};
use crate::diff::wording::Phrase;
use crate::i18n::Lang;

/// What a span is, for whoever colours it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Ordinary text.
    Plain,
    /// The report's first line.
    Title,
    /// A part of the plan or a 経営課題.
    Heading,
    /// A field inside it.
    Subheading,
    /// The kind of a change, at the start of its line.
    Kind(ChangeKind),
    /// Characters only in the old text (shown between `[-` and `-]`).
    Deleted,
    /// Characters only in the new text (shown between `{+` and `+}`).
    Inserted,
    /// A value as it was (no markers).
    OldValue,
    /// A value as it is now (no markers).
    NewValue,
    /// Context: where from, units, differences.
    Muted,
}

/// A run of text in one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// How it is shown.
    pub style: Style,
    /// The text, without markers.
    pub text: String,
}

impl Span {
    /// The text as printed, with the markers of deleted and inserted text.
    pub fn shown(&self) -> String {
        match self.style {
            Style::Deleted => format!("[-{}-]", self.text),
            Style::Inserted => format!("{{+{}+}}", self.text),
            _ => self.text.clone(),
        }
    }
}

/// One line of the report.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Line {
    /// The line's runs, in order.
    pub spans: Vec<Span>,
}

impl Line {
    fn of(style: Style, text: impl Into<String>) -> Line {
        Line {
            spans: vec![Span {
                style,
                text: text.into(),
            }],
        }
    }

    /// The line without colour.
    pub fn plain(&self) -> String {
        self.spans.iter().map(Span::shown).collect()
    }
}

fn plan_name(plan: &PlanHeader, lang: Lang) -> String {
    Phrase::PlanName {
        organisation: &plan.organisation,
        year: &plan.fiscal_year,
        status: plan.status.as_str(),
    }
    .text(lang)
}

/// The whole text report.
pub fn text_report(diff: &PlanDiff, lang: Lang) -> Vec<Line> {
    let (old, new) = (plan_name(&diff.old, lang), plan_name(&diff.new, lang));
    let mut lines = vec![Line::of(
        Style::Title,
        Phrase::Title {
            old: &old,
            new: &new,
        }
        .text(lang),
    )];
    lines.push(Line::of(Style::Plain, summary(diff, lang)));
    if diff.ignored.total() > 0 {
        lines.push(Line::of(
            Style::Muted,
            Phrase::Ignored(diff.ignored.total()).text(lang),
        ));
    }
    if diff.changes.iter().any(|c| !c.segments.is_empty()) {
        lines.push(Line::of(Style::Muted, Phrase::Legend.text(lang)));
    }
    changes(&mut lines, &grouped(diff), lang);
    if diff.budget.has_changes() {
        budget(&mut lines, diff, lang);
    }
    lines
}

/// `変更 5 件（追加 2、修正 3）` / `5 changes (added 2, reworded 3)`.
pub(crate) fn summary(diff: &PlanDiff, lang: Lang) -> String {
    if diff.is_empty() {
        return Phrase::NoChanges.text(lang);
    }
    let counts: Vec<String> = ChangeKind::ALL
        .iter()
        .filter_map(|kind| {
            let n = diff.changes.iter().filter(|c| c.kind == *kind).count();
            (n > 0).then(|| format!("{} {n}", Phrase::Kind(*kind).text(lang)))
        })
        .collect();
    let (open, separator, close) = match lang {
        Lang::Ja => ("（", "、", "）"),
        Lang::En => (" (", ", ", ")"),
    };
    format!(
        "{}{open}{}{close}",
        Phrase::ChangeCount(diff.changes.len()).text(lang),
        counts.join(separator)
    )
}

fn changes(lines: &mut Vec<Line>, groups: &[Group<'_>], lang: Lang) {
    let kind_width = groups
        .iter()
        .flat_map(|g| &g.changes)
        .map(|c| Phrase::Kind(c.kind).text(lang).width())
        .max()
        .unwrap_or(0);
    let mut heading = None;
    for group in groups {
        if heading != Some(&group.heading) {
            lines.push(Line::default());
            lines.push(Line::of(
                Style::Heading,
                format!("■ {}", heading_text(&group.heading, lang)),
            ));
            heading = Some(&group.heading);
        }
        let indent = if group.sub.is_empty() { "  " } else { "    " };
        if !group.sub.is_empty() {
            lines.push(Line::of(
                Style::Subheading,
                format!("  {}", sub_text(&group.sub, lang)),
            ));
        }
        for change in &group.changes {
            let kind = Phrase::Kind(change.kind).text(lang);
            let pad = " ".repeat(kind_width - kind.width() + 2);
            let mut spans = vec![
                Span {
                    style: Style::Plain,
                    text: indent.to_owned(),
                },
                Span {
                    style: Style::Kind(change.kind),
                    text: kind,
                },
                Span {
                    style: Style::Plain,
                    text: pad,
                },
            ];
            spans.extend(change_spans(change, lang));
            lines.push(Line { spans });
        }
    }
}

/// Cuts `text` to `width` display columns, with `…` when cut.
fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return format!("{text}{}", " ".repeat(width - text.width()));
    }
    let mut out = String::new();
    for c in text.chars() {
        if (out.clone() + &c.to_string()).width() + 1 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    let pad = width.saturating_sub(out.width());
    format!("{out}{}", " ".repeat(pad))
}

fn budget(lines: &mut Vec<Line>, diff: &PlanDiff, lang: Lang) {
    lines.push(Line::default());
    lines.push(Line::of(
        Style::Heading,
        format!("■ {}", Phrase::BudgetCaption.text(lang)),
    ));
    let (header, rows, total) = budget_rows(diff, lang);
    let all: Vec<[String; 4]> = std::iter::once(header)
        .chain(rows)
        .chain(std::iter::once(total))
        .collect();
    let title_width = all.iter().map(|r| r[0].width()).max().unwrap_or(0).min(36);
    let widths: Vec<usize> = (1..4)
        .map(|c| all.iter().map(|r| r[c].width()).max().unwrap_or(0))
        .collect();
    for row in &all {
        let mut text = format!("  {}", fit(&row[0], title_width));
        for (c, width) in widths.iter().enumerate() {
            let cell = &row[c + 1];
            text.push_str(&format!("  {}{cell}", " ".repeat(width - cell.width())));
        }
        lines.push(Line::of(Style::Plain, text.trim_end().to_owned()));
    }
    let b = &diff.budget;
    budget_lines(
        lines,
        (Phrase::ChangedAmounts.text(lang), true),
        &b.changed,
        lang,
    );
    budget_lines(
        lines,
        (Phrase::NewInitiatives.text(lang), false),
        &b.added,
        lang,
    );
    budget_lines(
        lines,
        (Phrase::DroppedInitiatives.text(lang), false),
        &b.dropped,
        lang,
    );
    for line in unreadable_amounts(diff, lang) {
        lines.push(Line::of(Style::Muted, format!("  {line}")));
    }
}

/// One budget list; `changed` lists show old → new.
fn budget_lines(
    lines: &mut Vec<Line>,
    (title, changed): (String, bool),
    items: &[BudgetLine],
    lang: Lang,
) {
    if items.is_empty() {
        return;
    }
    lines.push(Line::of(Style::Subheading, format!("  {title}")));
    for item in items {
        let amount = budget_amount(item, changed, lang);
        lines.push(Line {
            spans: vec![
                Span {
                    style: Style::Muted,
                    text: format!("    {} ", Phrase::Issue(&item.issue).text(lang)),
                },
                Span {
                    style: Style::Plain,
                    text: item.text.clone(),
                },
                Span {
                    style: Style::Muted,
                    text: format!("  {amount}"),
                },
            ],
        });
    }
}
