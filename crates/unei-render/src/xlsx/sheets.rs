//! Which rows go on which sheet, and each sheet's column grid.

use unei_core::{Generation, Plan};

use crate::layout::rows::{Part, Row};

use super::metrics::GridMetrics;

/// The form a sheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SheetKind {
    /// 様式1 with ◆自己評価 (generation A).
    Form1,
    /// 様式2 of `issues[issue]`: a side label column, then the form.
    Form2 { issue: usize },
    /// 様式3.
    Reform,
    /// The single form of generation B.
    GenerationB,
}

/// A sheet: its name, its form and the indices of its rows in the plan's row list.
#[derive(Debug, Clone)]
pub(crate) struct SheetSpec {
    pub name: String,
    pub kind: SheetKind,
    pub rows: Vec<usize>,
}

/// Name of the generation B sheet (that form has no 様式 number).
const GENERATION_B_SHEET: &str = "運営方針";

/// Sheets in form order: 様式1, 様式2-N (one per 経営課題 with 様式2), 様式3. Every row is on
/// exactly one sheet (the planner moves each sheet's rows out of the row list).
pub(crate) fn sheet_specs(plan: &Plan, rows: &[Row]) -> Vec<SheetSpec> {
    if plan.meta.generation == Generation::B {
        return vec![SheetSpec {
            name: GENERATION_B_SHEET.to_owned(),
            kind: SheetKind::GenerationB,
            rows: (0..rows.len()).collect(),
        }];
    }
    let mut sheets: Vec<SheetSpec> = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        let kind = match row.part {
            Part::Plan | Part::SelfEvaluation => SheetKind::Form1,
            Part::Reform => SheetKind::Reform,
            Part::Form2 { issue } => SheetKind::Form2 { issue },
        };
        match sheets.iter_mut().find(|s| s.kind == kind) {
            Some(sheet) => sheet.rows.push(index),
            None => sheets.push(SheetSpec {
                name: sheet_name(plan, kind),
                kind,
                rows: vec![index],
            }),
        }
    }
    sheets.sort_by_key(|s| match s.kind {
        SheetKind::Form1 | SheetKind::GenerationB => (0, 0),
        SheetKind::Form2 { issue } => (1, issue),
        SheetKind::Reform => (2, 0),
    });
    dedupe_names(&mut sheets);
    sheets
}

fn sheet_name(plan: &Plan, kind: SheetKind) -> String {
    let raw = match kind {
        SheetKind::Form1 => "様式1".to_owned(),
        SheetKind::Reform => "様式3".to_owned(),
        SheetKind::GenerationB => GENERATION_B_SHEET.to_owned(),
        SheetKind::Form2 { issue } => {
            let number = plan.issues.get(issue).map_or_else(
                || (issue + 1).to_string(),
                |i| {
                    i.number_text
                        .clone()
                        .unwrap_or_else(|| i.number.to_string())
                },
            );
            format!("様式2-{number}")
        }
    };
    // Excel forbids []:*?/\ in sheet names and allows 31 characters.
    raw.chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(31)
        .collect()
}

/// Two 経営課題 written with the same number would give two sheets one name.
fn dedupe_names(sheets: &mut [SheetSpec]) {
    for i in 1..sheets.len() {
        let mut n = 2;
        let base: String = sheets[i].name.chars().take(27).collect();
        while sheets[..i].iter().any(|s| s.name == sheets[i].name) {
            sheets[i].name = format!("{base}({n})");
            n += 1;
        }
    }
}

/// Column edges of a sheet in planned pixels, from 0 to the sheet's width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Grid {
    pub edges: Vec<u32>,
}

impl Grid {
    /// Every cell edge of the sheet's rows becomes a column edge, so that each cell is a
    /// whole number of columns; `extra` adds edges no row has (the 様式2 side label).
    pub fn of(rows: &[&Row], metrics: &GridMetrics, width_px: u32, extra: &[u32]) -> Grid {
        let mut edges: Vec<u32> = rows
            .iter()
            .flat_map(|row| &row.cells)
            .flat_map(|c| [metrics.px_at(c.x), metrics.px_at(c.x + c.w)])
            .chain([0, width_px])
            .chain(extra.iter().copied())
            .collect();
        edges.sort_unstable();
        edges.dedup();
        Grid { edges }
    }

    pub fn columns(&self) -> usize {
        self.edges.len() - 1
    }

    /// Widths of the columns in planned pixels.
    pub fn widths(&self) -> impl Iterator<Item = u32> + '_ {
        self.edges.windows(2).map(|w| w[1] - w[0])
    }

    /// First and last column (0-based) of a span given in layout points.
    pub fn span(&self, metrics: &GridMetrics, x: f32, w: f32) -> (u16, u16) {
        let column_at = |px: u32| {
            self.edges
                .iter()
                .position(|&e| e == px)
                .unwrap_or_else(|| self.edges.partition_point(|&e| e < px))
        };
        let first = column_at(metrics.px_at(x));
        let end = column_at(metrics.px_at(x + w)).max(first + 1);
        (first as u16, (end - 1) as u16)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_on_exactly_one_sheet() {
        let mut plan: Plan = unei_core::plan_from_str(
            include_str!("../../../../fixtures/plans/sample-form2-r1.json"),
            "sample",
        )
        .unwrap();
        let parts = [
            Part::Plan,
            Part::Form2 { issue: 1 },
            Part::SelfEvaluation,
            Part::Reform,
            Part::Form2 { issue: 0 },
            Part::Plan,
            Part::Form2 { issue: 1 },
        ];
        let rows: Vec<Row> = parts
            .iter()
            .map(|&part| Row {
                kind: crate::layout::rows::RowKind::Content,
                cells: Vec::new(),
                header: None,
                break_before: false,
                bookmark: None,
                part,
                level: 0,
                reading: Default::default(),
            })
            .collect();
        for generation in [Generation::A, Generation::B] {
            plan.meta.generation = generation;
            let mut seen: Vec<usize> = sheet_specs(&plan, &rows)
                .into_iter()
                .flat_map(|s| s.rows)
                .collect();
            seen.sort_unstable();
            assert_eq!(seen, (0..rows.len()).collect::<Vec<_>>(), "{generation:?}");
        }
    }

    #[test]
    fn names_are_legal_and_unique() {
        let mut plan: Plan = unei_core::plan_from_str(
            include_str!("../../../../fixtures/plans/sample-form2-r1.json"),
            "sample",
        )
        .unwrap();
        plan.issues[0].number_text = Some("1/(1)".to_owned());
        assert_eq!(
            sheet_name(&plan, SheetKind::Form2 { issue: 0 }),
            "様式2-1_(1)"
        );
        let spec = |name: &str| SheetSpec {
            name: name.to_owned(),
            kind: SheetKind::Form1,
            rows: vec![],
        };
        let mut sheets = vec![spec("様式2-1"), spec("様式2-1"), spec("様式2-1")];
        dedupe_names(&mut sheets);
        let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["様式2-1", "様式2-1(2)", "様式2-1(3)"]);
    }
}
