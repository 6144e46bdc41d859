//! Where a label's value goes: one handler per kind of field. Each returns the JSON path it
//! wrote to, or why the value could not be placed.

use unei_core::rich::{Block, RichText};
use unei_core::{Achievement, Amount, Code, ManagementIssue, Reform, ReformRow, SelfEvaluation};

use super::{Assembler, LastInitiatives, Section};
use crate::headings::{Heading, HeadingKind, parse_heading};
use crate::labels::Field;
use crate::message::Message;
use crate::richtext::{amount_like_suffix, format_amount, rich_to_initiatives, text_to_rich};
use crate::source::{Content, SourceCell, rich_plain_text};

/// The code list whose code ends a generation B 達成状況 (`…達成した。 A`).
const ACHIEVEMENT_GRADE_LIST: &str = "achievement_grade";

type Placed = Result<String, Message>;

impl Assembler<'_> {
    /// Puts the value `cell` of the open label `label` into the plan.
    pub(super) fn assign(&mut self, label: usize, cell: &SourceCell) -> Placed {
        let field = self.open[label].field;
        match field {
            Field::Goal | Field::Mission | Field::Policy => {
                let rich = cell.rich(self.bullets());
                let (target, path) = match field {
                    Field::Goal => (&mut self.draft.goal, "goal"),
                    Field::Mission => (&mut self.draft.mission, "mission"),
                    _ => (&mut self.draft.policy, "policy"),
                };
                Ok(append(target, rich, path))
            }
            Field::Preamble => Ok(self.preamble(label, cell)),
            Field::IssueOverview => Ok(self.overview(cell)),
            Field::Strategies
            | Field::Recognition
            | Field::OutcomeIndicators
            | Field::PreviousResult => Ok(self.issue_text(field, cell)),
            Field::Initiatives => self.initiatives(cell),
            Field::AchievementResult => Ok(self.achievement(cell)),
            Field::ReformItem => Ok(self.reform_item(cell)),
            Field::ReformContent => Ok(self.reform_content(cell)),
            Field::Achievements | Field::Challenges | Field::Overall | Field::FuturePolicy => {
                Ok(self.self_evaluation(field, cell))
            }
            Field::MidtermReview | Field::YearEndReview => self.review(label, cell),
            Field::Form2Block => self.form2_block(label, cell),
            // Headings take no value (the one table in labels.rs says which fields are).
            _ => Err(Message::HeadingWithoutValue {
                label: self.open[label].text.clone(),
            }),
        }
    }

    fn preamble(&mut self, label: usize, cell: &SourceCell) -> String {
        let rich = cell.rich(self.bullets());
        let index = match self.open[label].block {
            Some(super::form2::BlockRef::Preamble(index)) => index,
            _ => {
                self.draft.preamble.push(unei_core::LabeledBlock {
                    label: self.open[label].text.clone(),
                    text: Vec::new(),
                    code: None,
                });
                let index = self.draft.preamble.len() - 1;
                self.open[label].block = Some(super::form2::BlockRef::Preamble(index));
                index
            }
        };
        append(
            &mut self.draft.preamble[index].text,
            rich,
            &format!("preamble[{index}].text"),
        )
    }

    /// `【経営課題1 title】 overview…`: the heading opens the issue, the rest is its overview.
    fn overview(&mut self, cell: &SourceCell) -> String {
        let mut rich = cell.rich(self.bullets());
        let heading = match rich.first() {
            Some(Block::P(text)) => {
                parse_heading(text, &self.ctx.rules).filter(|h| h.kind == HeadingKind::Issue)
            }
            _ => None,
        };
        let Some(heading) = heading else {
            let issue = self.current_issue(cell);
            return append(
                &mut self.draft.issues[issue].overview,
                rich,
                &format!("issues[{issue}].overview"),
            );
        };
        rich.remove(0);
        let issue = self.issue_for_heading(&heading);
        if heading.rest.is_empty() {
            self.draft.issues[issue].heading_own_paragraph = !rich.is_empty();
        } else {
            rich.insert(0, Block::P(heading.rest.clone()));
        }
        self.draft.issues[issue].overview.extend(rich);
        format!("issues[{issue}].title, issues[{issue}].overview")
    }

    /// The issue a numbered heading names: the current one when it is the same and still
    /// empty (a heading cell before its overview), else a new one.
    pub(super) fn issue_for_heading(&mut self, heading: &Heading) -> usize {
        if let Some(current) = self.cursor.issue {
            let issue = &self.draft.issues[current];
            let same = heading.leading == Some(issue.number)
                && (issue.title.is_empty() || issue.title == heading.title)
                && issue.overview.is_empty();
            if same {
                self.draft.issues[current].title = heading.title.clone();
                return current;
            }
        }
        self.new_issue(Some(heading))
    }

    pub(super) fn new_issue(&mut self, heading: Option<&Heading>) -> usize {
        let index = self.draft.issues.len();
        let fallback = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let (number, number_text) = match heading {
            Some(h) if h.plain_number() => (h.leading.unwrap_or(fallback), None),
            // `1-(1)` or `１`: numbered in order, the author's number kept as text.
            Some(h) => (fallback, Some(h.number.clone())),
            None => (fallback, None),
        };
        self.draft.issues.push(ManagementIssue {
            number,
            number_text,
            title: heading.map(|h| h.title.clone()).unwrap_or_default(),
            ..ManagementIssue::default()
        });
        self.cursor = super::Cursor {
            issue: Some(index),
            ..super::Cursor::default()
        };
        index
    }

    /// The issue a value belongs to; one without a heading starts an untitled issue.
    pub(super) fn current_issue(&mut self, cell: &SourceCell) -> usize {
        match self.cursor.issue {
            Some(issue) => issue,
            None => {
                self.warn(&cell.address, Message::FieldBeforeIssue);
                self.new_issue(None)
            }
        }
    }

    fn issue_text(&mut self, field: Field, cell: &SourceCell) -> String {
        let rich = cell.rich(self.bullets());
        let issue = self.current_issue(cell);
        let target = &mut self.draft.issues[issue];
        let (text, name) = match field {
            Field::Recognition => (&mut target.recognition, "recognition"),
            Field::OutcomeIndicators => (&mut target.outcome_indicators, "outcome_indicators"),
            Field::PreviousResult => (&mut target.previous_result, "previous_result"),
            _ => (&mut target.strategies, "strategies"),
        };
        append(text, rich, &format!("issues[{issue}].{name}"))
    }

    /// 主な具体的取組: lines with amounts at their ends, or a text cell and an amount cell.
    fn initiatives(&mut self, cell: &SourceCell) -> Placed {
        let issue = self.current_issue(cell);
        if let Some(amount) = self.amount_in(cell) {
            let amount = amount?;
            let last = self
                .last_initiatives
                .filter(|l| l.row == cell.row && l.issue == issue && l.count == 1)
                .ok_or(Message::AmountWithoutInitiative)?;
            let initiative = &mut self.draft.issues[issue].initiatives[last.first];
            if initiative.amount.is_some() {
                return Err(Message::AmountTaken);
            }
            initiative.amount = Some(amount);
            return Ok(format!(
                "issues[{issue}].initiatives[{}].amount",
                last.first
            ));
        }
        let rich = bulleted_paragraphs_as_items(cell.rich(self.bullets()), self.bullets());
        let found = rich_to_initiatives(&rich);
        self.warn_unparsed_amounts(
            cell,
            found
                .iter()
                .filter(|i| i.amount.is_none())
                .map(|i| i.text.as_str()),
        );
        let list = &mut self.draft.issues[issue].initiatives;
        let first = list.len();
        let count = found.len();
        list.extend(found);
        self.last_initiatives = Some(LastInitiatives {
            row: cell.row,
            issue,
            first,
            count,
        });
        Ok(format!(
            "issues[{issue}].initiatives[{first}..{}]",
            first + count
        ))
    }

    /// A warning for each text ending in something amount-like that is no amount (`(2,78千円)`,
    /// full-width digits): it stays in the text, and nothing half-parsed is kept.
    pub(super) fn warn_unparsed_amounts<'t>(
        &mut self,
        cell: &SourceCell,
        texts: impl Iterator<Item = &'t str>,
    ) {
        let suspicious: Vec<String> = texts
            .filter_map(|text| amount_like_suffix(text).map(str::to_owned))
            .collect();
        for text in suspicious {
            self.warn(&cell.address, Message::AmountNotParsed { text });
        }
    }

    /// An amount cell: a number, or text that is nothing but an amount (`(2,781千円)`, `2781`).
    pub(super) fn amount_in(&self, cell: &SourceCell) -> Option<Result<Amount, Message>> {
        let format = &self.ctx.rules.amount_format;
        match &cell.content {
            Content::Number(value) => {
                Some(
                    format_amount(*value, format).ok_or_else(|| Message::NotWholeThousands {
                        value: crate::richtext::number_text(*value),
                    }),
                )
            }
            Content::Text(text) => {
                let text = text.trim();
                if Amount::parse(text).is_ok() {
                    return Some(Ok(Amount::new(text)));
                }
                let digits: String = text.chars().filter(|c| *c != ',').collect();
                let value: f64 = digits
                    .parse()
                    .ok()
                    .filter(|_| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))?;
                Some(
                    format_amount(value, format).ok_or_else(|| Message::NotWholeThousands {
                        value: text.to_owned(),
                    }),
                )
            }
            // A web page's budget table has each amount in a cell of its own.
            Content::Html(_) => {
                let text = cell.plain_text(self.bullets());
                let text = text.trim();
                Amount::parse(text).is_ok().then(|| Ok(Amount::new(text)))
            }
            Content::ListItems(_) => None,
        }
    }

    /// `<令和5年度実績と達成状況>`: the result, ending in a grade from the template's codes.
    fn achievement(&mut self, cell: &SourceCell) -> String {
        let mut rich = cell.rich(self.bullets());
        let grade = self.take_grade(&mut rich);
        let issue = self.current_issue(cell);
        let achievement = self.draft.issues[issue]
            .achievement
            .get_or_insert_with(|| Achievement {
                result: Vec::new(),
                grade: None,
            });
        achievement.result.extend(rich);
        let mut path = format!("issues[{issue}].achievement.result");
        if let Some(code) = grade {
            achievement.grade = Some(code);
            path.push_str(&format!(", issues[{issue}].achievement.grade"));
        }
        path
    }

    /// Removes a trailing grade (`A` on its own line, or after a space at the end).
    fn take_grade(&self, rich: &mut RichText) -> Option<Code> {
        let list = self.ctx.template.code_lists.get(ACHIEVEMENT_GRADE_LIST)?;
        let Some(Block::P(last)) = rich.last_mut() else {
            return None;
        };
        let trimmed = last.trim_end();
        let (rest, code) = list.codes.iter().find_map(|c| {
            let rest = trimmed.strip_suffix(c.code.as_str())?;
            let separated = rest.is_empty() || rest.ends_with([' ', '　', '\n']);
            separated.then_some((rest, c.code.clone()))
        })?;
        let rest = rest.trim_end().to_owned();
        if rest.is_empty() {
            rich.pop();
        } else {
            *last = rest;
        }
        Some(Code {
            list: ACHIEVEMENT_GRADE_LIST.to_owned(),
            code,
        })
    }

    fn reform(&mut self) -> &mut Reform {
        self.draft.reform.get_or_insert_with(|| Reform {
            plan_version: None,
            rows: Vec::new(),
        })
    }

    fn reform_item(&mut self, cell: &SourceCell) -> String {
        let item = rich_plain_text(&cell.rich(self.bullets()));
        let rows = &mut self.reform().rows;
        rows.push(ReformRow {
            item,
            content: Vec::new(),
            midterm_review: Vec::new(),
        });
        format!("reform.rows[{}].item", rows.len() - 1)
    }

    /// The row of the last 主な取組項目; content before any item starts a row without one.
    fn last_reform_row(&mut self, cell: &SourceCell) -> usize {
        if self.reform().rows.is_empty() {
            self.warn(&cell.address, Message::ContentWithoutItem);
            self.reform().rows.push(ReformRow {
                item: String::new(),
                content: Vec::new(),
                midterm_review: Vec::new(),
            });
        }
        self.reform().rows.len() - 1
    }

    fn reform_content(&mut self, cell: &SourceCell) -> String {
        let rich = cell.rich(self.bullets());
        let row = self.last_reform_row(cell);
        append(
            &mut self.reform().rows[row].content,
            rich,
            &format!("reform.rows[{row}].content"),
        )
    }

    fn self_evaluation(&mut self, field: Field, cell: &SourceCell) -> String {
        let rich = cell.rich(self.bullets());
        let se = self
            .draft
            .self_evaluation
            .get_or_insert_with(SelfEvaluation::default);
        let (text, name) = match field {
            Field::Achievements => (&mut se.achievements, "achievements"),
            Field::Challenges => (&mut se.challenges, "challenges"),
            Field::Overall => (&mut se.overall, "overall"),
            _ => (&mut se.future_policy, "future_policy"),
        };
        append(text, rich, &format!("self_evaluation.{name}"))
    }

    /// 中間振り返り / 年度末振り返り: of a 様式3 row, or of a 様式2 具体的取組 or 戦略.
    fn review(&mut self, label: usize, cell: &SourceCell) -> Placed {
        let field = self.open[label].field;
        let rich = cell.rich(self.bullets());
        if self.open[label].section == Section::Reform && field == Field::MidtermReview {
            let row = self.last_reform_row(cell);
            return Ok(append(
                &mut self.reform().rows[row].midterm_review,
                rich,
                &format!("reform.rows[{row}].midterm_review"),
            ));
        }
        self.form2_review(field, rich)
    }
}

/// Appends blocks to a rich-text field; returns the field's path. A list continued on the
/// next line (numbered aims separated by blank lines, one `・` item a row) stays one list.
pub(super) fn append(target: &mut RichText, rich: RichText, path: &str) -> String {
    for block in rich {
        match (target.last_mut(), block) {
            (Some(Block::Numbered(last)), Block::Numbered(next)) => last.items.extend(next.items),
            (Some(Block::List(last)), Block::List(next)) if last.marker == next.marker => {
                last.items.extend(next.items);
            }
            (_, block) => target.push(block),
        }
    }
    path.to_owned()
}

/// A web page's budget table holds one 取組 per cell as a paragraph that starts with its
/// bullet (`<td>・自主防災…</td>`): read such a paragraph as the list item it is.
fn bulleted_paragraphs_as_items(rich: RichText, bullets: &[String]) -> RichText {
    rich.into_iter()
        .flat_map(|block| match block {
            Block::P(text) => text_to_rich(&text, bullets),
            other => vec![other],
        })
        .collect()
}
