//! A laid-out cell as spreadsheet content: the author's text (paragraphs and list items one
//! per line, soft line breaks left to the application), bold runs, and the height its lines
//! need.

use unei_core::Plan;

use crate::layout::rows::{Cell, CellLine};

use super::metrics::{GridMetrics, VERTICAL_PAD_PX};

/// Text of a cell in runs of one weight.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct CellText {
    pub runs: Vec<Run>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Run {
    pub bold: bool,
    pub text: String,
}

impl CellText {
    /// The text as the cell holds it.
    pub fn plain(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }

    /// The cell's paragraphs (list items, numbered items) joined by line breaks; the lines
    /// the layout broke a paragraph into are joined back as written.
    pub fn of(cell: &Cell, plan: &Plan) -> CellText {
        let mut text = CellText::default();
        let mut previous: Option<&CellLine> = None;
        for line in &cell.lines {
            if let Some(prev) = previous
                && prev.para != line.para
            {
                let joiner = if runs_in(prev, line, plan) { " " } else { "\n" };
                text.push(false, joiner);
            }
            for piece in &line.pieces {
                text.push(piece.bold, &piece.text);
            }
            previous = Some(line);
        }
        text
    }

    fn push(&mut self, bold: bool, text: &str) {
        if text.is_empty() {
            return;
        }
        match self.runs.last_mut() {
            // A line break or space between two bold paragraphs stays bold: fewer runs.
            Some(last) if last.bold == bold || (last.bold && text.trim().is_empty()) => {
                last.text.push_str(text)
            }
            _ => self.runs.push(Run {
                bold,
                text: text.to_owned(),
            }),
        }
    }
}

/// True when a generation A issue heading (`【経営課題1 …】`, its own line in the PDF) runs
/// into the first paragraph of the overview, as the author wrote it.
fn runs_in(heading: &CellLine, next: &CellLine, plan: &Plan) -> bool {
    let from_heading = heading
        .pieces
        .first()
        .is_some_and(|p| p.source == "labels.issue_heading");
    let Some(source) = next.pieces.first().map(|p| p.source.as_str()) else {
        return false;
    };
    let issue = source
        .strip_prefix("issues[")
        .and_then(|rest| rest.split_once("].overview"))
        .and_then(|(index, _)| index.parse::<usize>().ok());
    from_heading
        && issue
            .and_then(|i| plan.issues.get(i))
            .is_some_and(|issue| !issue.heading_own_paragraph)
}

/// Pixels a cell's lines need, padding included; an empty cell keeps room for one line.
pub(crate) fn cell_px(lines: &[CellLine], body_size: f32, grid: &GridMetrics) -> u32 {
    let text: u32 = lines.iter().map(|l| grid.line_px(line_size(l))).sum();
    let text = if lines.is_empty() {
        grid.line_px(body_size)
    } else {
        text
    };
    text + VERTICAL_PAD_PX
}

/// The largest font size on a line.
pub(crate) fn line_size(line: &CellLine) -> f32 {
    line.pieces.iter().map(|p| p.size).fold(0.0, f32::max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::rows::Piece;

    fn line(para: usize, pieces: &[(&str, bool, &str)]) -> CellLine {
        CellLine {
            pieces: pieces
                .iter()
                .map(|(text, bold, source)| Piece {
                    dx: 0.0,
                    text: (*text).to_owned(),
                    width: 0.0,
                    size: 10.5,
                    bold: *bold,
                    source: (*source).to_owned(),
                    chars: Vec::new(),
                    marker: false,
                })
                .collect(),
            height: 15.75,
            para,
        }
    }

    fn cell(lines: Vec<CellLine>) -> Cell {
        Cell {
            x: 0.0,
            w: 100.0,
            shaded: false,
            border: true,
            lines,
        }
    }

    fn plan(heading_own_paragraph: bool) -> Plan {
        let mut plan: Plan = unei_core::plan_from_str(
            include_str!("../../../../fixtures/plans/sample-form2-r1.json"),
            "sample",
        )
        .unwrap();
        plan.issues[0].heading_own_paragraph = heading_own_paragraph;
        plan
    }

    #[test]
    fn soft_breaks_vanish_and_paragraphs_become_lines() {
        let c = cell(vec![
            line(1, &[("・地域の", false, "a[0].list.items[0]")]),
            line(1, &[("福祉活動", false, "a[0].list.items[0]")]),
            line(
                2,
                &[
                    ("・支援", false, "b[0]"),
                    ("(2,781千円)", false, "b[0].amount"),
                ],
            ),
        ]);
        let text = CellText::of(&c, &plan(true));
        assert_eq!(text.plain(), "・地域の福祉活動\n・支援(2,781千円)");
        assert_eq!(text.runs.len(), 1);
    }

    #[test]
    fn issue_heading_runs_in_unless_it_is_its_own_paragraph() {
        let lines = vec![
            line(1, &[("【経営課題1 防災】", true, "labels.issue_heading")]),
            line(2, &[("概要。", false, "issues[0].overview[0].p")]),
            line(3, &[("次。", false, "issues[0].overview[1].p")]),
        ];
        let own = CellText::of(&cell(lines.clone()), &plan(true));
        assert_eq!(own.plain(), "【経営課題1 防災】\n概要。\n次。");
        let run_in = CellText::of(&cell(lines), &plan(false));
        assert_eq!(run_in.plain(), "【経営課題1 防災】 概要。\n次。");
        assert_eq!(
            run_in.runs,
            vec![
                Run {
                    bold: true,
                    text: "【経営課題1 防災】 ".to_owned()
                },
                Run {
                    bold: false,
                    text: "概要。\n次。".to_owned()
                }
            ]
        );
    }

    #[test]
    fn heights_count_lines_by_their_size() {
        let font = crate::fonts::FontData::bundled("IPAexGothic").unwrap();
        let grid = GridMetrics::new(&font, 10.5).unwrap();
        let three = vec![line(1, &[("a", false, "x")]); 3];
        assert_eq!(cell_px(&three, 10.5, &grid), 3 * 16 + VERTICAL_PAD_PX);
        assert_eq!(cell_px(&[], 10.5, &grid), 16 + VERTICAL_PAD_PX);
    }
}
