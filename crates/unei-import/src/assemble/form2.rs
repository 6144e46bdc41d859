//! Numbered headings that open parts of the form (a 経営課題 of generation B or of 様式2,
//! a 戦略, a 具体的取組) and the labelled blocks of 様式2.

use unei_core::rich::RichText;
use unei_core::{Code, Form2, Form2Initiative, Form2Strategy, LabeledBlock};

use super::{Assembler, Cursor, Section, Sink, Tail};
use crate::headings::{Heading, HeadingKind};
use crate::labels::Field;
use crate::message::Message;
use crate::richtext::{split_amount, trim_ascii};
use crate::source::SourceCell;

type Placed = Result<String, Message>;

/// The labelled block a label's values go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockRef {
    Preamble(usize),
    Issue {
        issue: usize,
        block: usize,
    },
    Strategy {
        issue: usize,
        strategy: usize,
        block: usize,
    },
    Initiative {
        issue: usize,
        strategy: usize,
        initiative: usize,
        block: usize,
    },
}

impl BlockRef {
    /// JSON path of the block.
    pub fn path(self) -> String {
        match self {
            BlockRef::Preamble(index) => format!("preamble[{index}]"),
            BlockRef::Issue { issue, block } => format!("issues[{issue}].form2.blocks[{block}]"),
            BlockRef::Strategy {
                issue,
                strategy,
                block,
            } => format!("issues[{issue}].form2.strategies[{strategy}].blocks[{block}]"),
            BlockRef::Initiative {
                issue,
                strategy,
                initiative,
                block,
            } => format!(
                "issues[{issue}].form2.strategies[{strategy}].initiatives[{initiative}].blocks[{block}]"
            ),
        }
    }
}

impl Assembler<'_> {
    /// A heading cell: opens a 経営課題, 戦略 or 具体的取組.
    pub(super) fn structural_heading(&mut self, cell: &SourceCell, heading: &Heading) -> Placed {
        // A heading ends the values of the labels above it.
        self.open.iter_mut().for_each(|l| l.below = false);
        let (path, content) = match heading.kind {
            HeadingKind::Issue if self.section == Section::Form2 => {
                (self.form2_issue(cell, heading), None)
            }
            HeadingKind::Issue => (self.plan_issue(cell, heading), Some(Field::IssueOverview)),
            HeadingKind::Strategy => (self.form2_strategy(cell, heading)?, Some(Field::Form2Block)),
            HeadingKind::Initiative => (
                self.form2_initiative(cell, heading)?,
                Some(Field::Form2Block),
            ),
        };
        // The text on the lines (rows) under a heading is the heading's: an issue's
        // overview, a 戦略's or 具体的取組's block without a label of its own.
        if let Some(field) = content {
            self.open_label(cell, field, String::new(), Sink::Field);
        }
        Ok(path)
    }

    /// `【経営課題1】title` of generation B (or a 様式1 heading cell of its own).
    fn plan_issue(&mut self, cell: &SourceCell, heading: &Heading) -> String {
        self.section = Section::Issues;
        let issue = self.new_issue(Some(heading));
        let mut path = format!("issues[{issue}].title");
        if heading.title.is_empty() {
            self.tail = Some(Tail::IssueTitle {
                row: cell.row,
                issue,
            });
        }
        if !heading.rest.trim().is_empty() {
            let rich = crate::richtext::text_to_rich(&heading.rest, self.bullets());
            self.draft.issues[issue].overview.extend(rich);
            path.push_str(&format!(", issues[{issue}].overview"));
        }
        path
    }

    /// `経営課題1【title】` on a 様式2 sheet: the 様式1 issue of that number gets its 様式2.
    /// A title on the next cell (or line) is the issue's.
    fn form2_issue(&mut self, cell: &SourceCell, heading: &Heading) -> String {
        let existing = self
            .draft
            .issues
            .iter()
            .position(|i| Some(i.number) == heading.leading);
        let issue = match existing {
            Some(index) => {
                let title = &self.draft.issues[index].title;
                if !title.is_empty() && !heading.title.is_empty() && *title != heading.title {
                    let message = Message::Form2TitleDiffers {
                        number: heading.number.clone(),
                        form2: heading.title.clone(),
                        form1: title.clone(),
                    };
                    self.warn(&cell.address, message);
                }
                index
            }
            None => self.new_issue(Some(heading)),
        };
        if self.draft.issues[issue].title.is_empty() {
            self.tail = Some(Tail::IssueTitle {
                row: cell.row,
                issue,
            });
        }
        self.draft.issues[issue]
            .form2
            .get_or_insert_with(Form2::default);
        self.cursor = Cursor {
            issue: Some(issue),
            ..Cursor::default()
        };
        format!("issues[{issue}].form2")
    }

    /// The 様式2 issue a 戦略 or 具体的取組 belongs to: the current one, else by its number;
    /// a 戦略 with no 経営課題 at all gets one, numbered after it, with a warning.
    fn form2_issue_for(&mut self, cell: &SourceCell, heading: &Heading) -> Option<usize> {
        if let Some(issue) = self.cursor.issue
            && self.draft.issues[issue].form2.is_some()
        {
            return Some(issue);
        }
        let found = self
            .draft
            .issues
            .iter()
            .position(|i| Some(i.number) == heading.leading);
        let issue = match (found, self.cursor.issue) {
            (Some(issue), _) => issue,
            (None, Some(current)) => current,
            (None, None) => {
                let number = heading.leading?;
                let issue = self.new_issue(None);
                self.draft.issues[issue].number = number;
                self.warn(&cell.address, Message::IssueForStrategy { number });
                issue
            }
        };
        self.draft.issues[issue]
            .form2
            .get_or_insert_with(Form2::default);
        self.cursor = Cursor {
            issue: Some(issue),
            ..Cursor::default()
        };
        self.section = Section::Form2;
        Some(issue)
    }

    fn form2_strategy(&mut self, cell: &SourceCell, heading: &Heading) -> Placed {
        self.section = Section::Form2;
        let issue = self
            .form2_issue_for(cell, heading)
            .ok_or(Message::NoLabel)?;
        let strategies = &mut self.form2_of(issue).strategies;
        strategies.push(Form2Strategy {
            number: heading.number.clone(),
            title: heading.title.clone(),
            blocks: Vec::new(),
            initiatives: Vec::new(),
            midterm_review: Vec::new(),
            year_end_review: Vec::new(),
        });
        let strategy = strategies.len() - 1;
        self.cursor.strategy = Some(strategy);
        self.cursor.initiative = None;
        Ok(format!("issues[{issue}].form2.strategies[{strategy}]"))
    }

    /// `具体的取組1-1-1 title（2年度予算額）(1,976千円)`; the amount may be the next cell.
    fn form2_initiative(&mut self, cell: &SourceCell, heading: &Heading) -> Placed {
        let issue = self
            .form2_issue_for(cell, heading)
            .ok_or(Message::InitiativeBeforeStrategy)?;
        let strategy = self
            .cursor
            .strategy
            .ok_or(Message::InitiativeBeforeStrategy)?;
        let (title, amount) = split_amount(trim_ascii(&heading.title));
        if amount.is_none() {
            self.warn_unparsed_amounts(cell, std::iter::once(title));
        }
        let title = self.strip_budget_suffix(title.trim_end());
        let initiatives = &mut self.form2_of(issue).strategies[strategy].initiatives;
        let has_amount = amount.is_some();
        initiatives.push(Form2Initiative {
            number: heading.number.clone(),
            title,
            amount,
            blocks: Vec::new(),
            midterm_review: Vec::new(),
            year_end_review: Vec::new(),
        });
        let initiative = initiatives.len() - 1;
        self.cursor.initiative = Some(initiative);
        if !has_amount {
            self.tail = Some(Tail::InitiativeAmount {
                row: cell.row,
                issue,
                strategy,
                initiative,
            });
        }
        Ok(format!(
            "issues[{issue}].form2.strategies[{strategy}].initiatives[{initiative}]"
        ))
    }

    /// Drops `（2年度予算額）` (in any width) — the template's text after {題名} in
    /// form2_initiative_heading, which the form prints itself — and keeps its year number.
    fn strip_budget_suffix(&mut self, title: &str) -> String {
        let suffix = self
            .ctx
            .template
            .labels
            .a
            .get("form2_initiative_heading")
            .and_then(|l| l.split_once("{題名}"))
            .map(|(_, suffix)| suffix.trim());
        let Some((before, after)) = suffix.and_then(|s| s.split_once("{年度番号}")) else {
            return title.to_owned();
        };
        let (before, after) = (self.ctx.matcher.norm(before), self.ctx.matcher.norm(after));
        for (start, _) in title.char_indices().rev() {
            let tail = self.ctx.matcher.norm(&title[start..]);
            let Some(number) = tail
                .strip_prefix(before.as_str())
                .and_then(|t| t.strip_suffix(after.as_str()))
            else {
                continue;
            };
            if number == "元"
                || (!number.is_empty() && number.chars().all(crate::normalize::is_digit))
            {
                self.draft
                    .evidence
                    .year_number
                    .get_or_insert_with(|| number.to_owned());
                return title[..start].trim_end().to_owned();
            }
            return title.to_owned();
        }
        title.to_owned()
    }

    fn form2_of(&mut self, issue: usize) -> &mut Form2 {
        self.draft.issues[issue]
            .form2
            .get_or_insert_with(Form2::default)
    }

    /// The cell after a heading in its row: an issue's title or an initiative's amount.
    pub(super) fn take_tail(&mut self, cell: &SourceCell) -> bool {
        let Some(tail) = self.tail else {
            return false;
        };
        let page = self.page;
        let next = |row: u32| row == cell.row || (page && row + 1 == cell.row);
        match tail {
            Tail::IssueTitle { row, issue } if next(row) => {
                let title = crate::source::rich_plain_text(&cell.rich(self.bullets()));
                self.draft.issues[issue].title = title;
                self.tail = None;
                self.map(cell, format!("issues[{issue}].title"));
                true
            }
            Tail::InitiativeAmount {
                row,
                issue,
                strategy,
                initiative,
            } if next(row) => {
                let Some(Ok(amount)) = self.amount_in(cell) else {
                    return false;
                };
                self.tail = None;
                self.form2_of(issue).strategies[strategy].initiatives[initiative].amount =
                    Some(amount);
                let path = format!(
                    "issues[{issue}].form2.strategies[{strategy}].initiatives[{initiative}].amount"
                );
                self.map(cell, path);
                true
            }
            _ => false,
        }
    }

    /// A 様式2 block (めざすべき将来像, 業績目標 …): of the current 具体的取組, else 戦略,
    /// else 経営課題. A value that is a code of a code list is the block's code.
    pub(super) fn form2_block(&mut self, label: usize, cell: &SourceCell) -> Placed {
        let block = self.open_block(label)?;
        if self.open[label].text.is_empty()
            && let Some(path) = self.heading_amount(block, cell)
        {
            return Ok(path);
        }
        let code = self.code_of(cell);
        let rich = cell.rich(self.bullets());
        let (target, path) = self.block_mut(block).ok_or(Message::BlockBeforeIssue)?;
        match code {
            Some(code) if target.code.is_none() => {
                target.code = Some(code);
                Ok(format!("{path}.code"))
            }
            _ => {
                target.text.extend(rich);
                Ok(format!("{path}.text"))
            }
        }
    }

    /// The block an open label's values go to, created on first use.
    pub(super) fn open_block(&mut self, label: usize) -> Result<BlockRef, Message> {
        match self.open[label].block {
            Some(block) => Ok(block),
            None => {
                let block = self.new_form2_block(label)?;
                self.open[label].block = Some(block);
                Ok(block)
            }
        }
    }

    /// Under a 具体的取組 heading, a line that is only an amount — or a text ending in one —
    /// gives the 具体的取組 its amount, when it has none yet.
    fn heading_amount(&mut self, block: BlockRef, cell: &SourceCell) -> Option<String> {
        let BlockRef::Initiative {
            issue,
            strategy,
            initiative,
            ..
        } = block
        else {
            return None;
        };
        let taken = self.form2_of(issue).strategies[strategy].initiatives[initiative]
            .amount
            .is_some();
        if taken {
            return None;
        }
        let path =
            format!("issues[{issue}].form2.strategies[{strategy}].initiatives[{initiative}]");
        if let Some(Ok(amount)) = self.amount_in(cell) {
            self.form2_of(issue).strategies[strategy].initiatives[initiative].amount = Some(amount);
            return Some(format!("{path}.amount"));
        }
        let crate::source::Content::Text(text) = &cell.content else {
            return None;
        };
        let (before, amount) = split_amount(trim_ascii(text));
        let amount = amount?;
        let before = before.trim_end().to_owned();
        let text_cell = cell.with_text(before);
        let rich = text_cell.rich(self.bullets());
        let (target, block_path) = self.block_mut(block)?;
        target.text.extend(rich);
        self.form2_of(issue).strategies[strategy].initiatives[initiative].amount = Some(amount);
        Some(format!("{block_path}.text, {path}.amount"))
    }

    /// A new block of the current issue's 様式2 (begun here when a standalone 様式2 has no
    /// 【様式2】 tag before its first block).
    fn new_form2_block(&mut self, label: usize) -> Result<BlockRef, Message> {
        let issue = self.cursor.issue.ok_or(Message::BlockBeforeIssue)?;
        let block = LabeledBlock {
            label: self.open[label].text.clone(),
            text: Vec::new(),
            code: None,
        };
        let cursor = self.cursor;
        let form2 = self.form2_of(issue);
        Ok(match (cursor.strategy, cursor.initiative) {
            (Some(strategy), Some(initiative)) => {
                let blocks = &mut form2.strategies[strategy].initiatives[initiative].blocks;
                blocks.push(block);
                BlockRef::Initiative {
                    issue,
                    strategy,
                    initiative,
                    block: blocks.len() - 1,
                }
            }
            (Some(strategy), None) => {
                let blocks = &mut form2.strategies[strategy].blocks;
                blocks.push(block);
                BlockRef::Strategy {
                    issue,
                    strategy,
                    block: blocks.len() - 1,
                }
            }
            _ => {
                form2.blocks.push(block);
                BlockRef::Issue {
                    issue,
                    block: form2.blocks.len() - 1,
                }
            }
        })
    }

    fn block_mut(&mut self, block: BlockRef) -> Option<(&mut LabeledBlock, String)> {
        let path = block.path();
        let issues = &mut self.draft.issues;
        let target = match block {
            BlockRef::Preamble(index) => self.draft.preamble.get_mut(index)?,
            BlockRef::Issue { issue, block } => issues
                .get_mut(issue)?
                .form2
                .as_mut()?
                .blocks
                .get_mut(block)?,
            BlockRef::Strategy {
                issue,
                strategy,
                block,
            } => {
                let form2 = issues.get_mut(issue)?.form2.as_mut()?;
                form2.strategies.get_mut(strategy)?.blocks.get_mut(block)?
            }
            BlockRef::Initiative {
                issue,
                strategy,
                initiative,
                block,
            } => {
                let form2 = issues.get_mut(issue)?.form2.as_mut()?;
                let strategy = form2.strategies.get_mut(strategy)?;
                strategy
                    .initiatives
                    .get_mut(initiative)?
                    .blocks
                    .get_mut(block)?
            }
        };
        Some((target, path))
    }

    /// A cell that holds nothing but a code of one of the template's code lists.
    pub(super) fn code_of(&self, cell: &SourceCell) -> Option<Code> {
        let text = cell.plain_text(self.bullets());
        let text = text.trim();
        self.ctx
            .template
            .code_lists
            .iter()
            .find_map(|(list, codes)| {
                codes.codes.iter().any(|c| c.code == text).then(|| Code {
                    list: list.clone(),
                    code: text.to_owned(),
                })
            })
    }

    /// 中間振り返り / 年度末振り返り of the current 具体的取組, else 戦略.
    pub(super) fn form2_review(&mut self, field: Field, rich: RichText) -> Placed {
        let cursor = self.cursor;
        let issue = cursor
            .issue
            .filter(|i| self.draft.issues[*i].form2.is_some())
            .ok_or(Message::ReviewOutside)?;
        let strategy = cursor.strategy.ok_or(Message::ReviewOutside)?;
        let form2 = self.form2_of(issue);
        let midterm = field == Field::MidtermReview;
        let name = if midterm {
            "midterm_review"
        } else {
            "year_end_review"
        };
        let target = &mut form2.strategies[strategy];
        let (text, path) = match cursor.initiative {
            Some(k) => {
                let it = &mut target.initiatives[k];
                let text = if midterm {
                    &mut it.midterm_review
                } else {
                    &mut it.year_end_review
                };
                let path =
                    format!("issues[{issue}].form2.strategies[{strategy}].initiatives[{k}].{name}");
                (text, path)
            }
            None => {
                let text = if midterm {
                    &mut target.midterm_review
                } else {
                    &mut target.year_end_review
                };
                (
                    text,
                    format!("issues[{issue}].form2.strategies[{strategy}].{name}"),
                )
            }
        };
        text.extend(rich);
        Ok(path)
    }
}
