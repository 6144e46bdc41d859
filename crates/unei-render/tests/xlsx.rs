//! The workbook read back as its users' tools read it: every model text in the cell the
//! importer looks in (below its label, calamine), merged ranges as designed, row heights that
//! hold every line by an independent computation from the file's own numbers, golden XML
//! parts, and byte-identical output.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;
mod xlsx_support;

use std::collections::BTreeMap;

use calamine::{Data, Reader, Xlsx};
use unei_core::{ItemKind, Plan, Template, outline};
use unei_render::{XlsxOutput, template_fonts};
use xlsx_support::{Part, parts, write};

/// A sheet as calamine reads it: text by (row, col) and merged regions.
struct ReadSheet {
    name: String,
    cells: BTreeMap<(u32, u32), String>,
    merges: Vec<((u32, u32), (u32, u32))>,
}

impl ReadSheet {
    /// Extent of the cell at `at`: its merged region, or the cell alone.
    fn extent(&self, at: (u32, u32)) -> ((u32, u32), (u32, u32)) {
        self.merges
            .iter()
            .find(|(start, _)| *start == at)
            .copied()
            .unwrap_or((at, at))
    }

    /// Positions of cells whose text is exactly `text`, top to bottom.
    fn find(&self, text: &str) -> Vec<(u32, u32)> {
        self.cells
            .iter()
            .filter(|(_, t)| t.as_str() == text)
            .map(|(&at, _)| at)
            .collect()
    }

    /// The `n`-th cell below the cell at `at` in its column (0: directly below).
    fn below(&self, at: (u32, u32), n: usize) -> Option<(u32, u32)> {
        let (_, (last_row, _)) = self.extent(at);
        self.cells
            .keys()
            .filter(|(r, c)| *c == at.1 && *r > last_row)
            .nth(n)
            .copied()
    }
}

fn read_back(bytes: &[u8]) -> Vec<ReadSheet> {
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let names = book.sheet_names();
    names
        .iter()
        .map(|name| {
            let range = book.worksheet_range(name).unwrap();
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let cells = range
                .used_cells()
                .filter_map(|(r, c, v)| match v {
                    Data::String(s) => Some(((r as u32 + r0, c as u32 + c0), s.clone())),
                    Data::Empty => None,
                    other => panic!("{name}: unexpected cell value {other:?}"),
                })
                .collect();
            let merges = book
                .merge_cells_by_sheet_name(name)
                .unwrap()
                .into_iter()
                .map(|d| (d.start, d.end))
                .collect();
            ReadSheet {
                name: name.clone(),
                cells,
                merges,
            }
        })
        .collect()
}

/// The sheet a model text belongs on.
fn sheet_of(path: &str, plan: &Plan) -> String {
    if plan.meta.generation == unei_core::Generation::B {
        return "運営方針".to_owned();
    }
    if let Some(rest) = path.strip_prefix("issues[")
        && let Some((index, tail)) = rest.split_once(']')
        && tail.starts_with(".form2")
    {
        let issue = &plan.issues[index.parse::<usize>().unwrap()];
        let number = issue
            .number_text
            .clone()
            .unwrap_or_else(|| issue.number.to_string());
        return format!("様式2-{number}");
    }
    if path.starts_with("reform.") {
        "様式3".to_owned()
    } else {
        "様式1".to_owned()
    }
}

/// Labels whose value is the cell below them; other labels head sections or sit in a cell.
const FIELD_LABELS: [&str; 16] = [
    "goal",
    "mission",
    "policy",
    "issue_strategies",
    "strategies",
    "initiatives",
    "achievements",
    "challenges",
    "recognition",
    "outcome_indicators",
    "achievement",
    "previous_result",
    "self_evaluation",
    "future_policy",
    "midterm_review",
    "year_end_review",
];

/// Where the importer finds a model text: below the `occurrence`-th cell on `sheet` holding
/// `label`, `offset` values down (table rows), or in the cell to its right (`right`).
#[derive(Debug, Clone)]
struct Expected {
    sheet: String,
    label: String,
    occurrence: usize,
    offset: usize,
    right: bool,
}

/// The expected place of every text of the plan, walking the outline as a reader would.
fn expectations(plan: &Plan, template: &Template) -> Vec<(String, String, Expected)> {
    let labels = unei_core::Labeler::new(plan, template);
    let items = outline(plan, template);
    let mut seen: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut current: Option<Expected> = None;
    let mut out = Vec::new();
    for (k, item) in items.iter().enumerate() {
        // A label belongs on the sheet of the text that follows it.
        let sheet = items[k..]
            .iter()
            .find(|i| i.kind == ItemKind::Text)
            .map_or_else(|| "様式1".to_owned(), |i| sheet_of(&i.path, plan));
        let id = item.path.strip_prefix("labels.").unwrap_or("");
        let is_field_label = (item.kind == ItemKind::Label
            && (FIELD_LABELS.contains(&id) || id == "form2_initiative_heading"))
            || (item.kind == ItemKind::Text && item.path.ends_with(".label"));
        if is_field_label {
            let n = seen.entry((sheet.clone(), item.text.clone())).or_default();
            current = Some(Expected {
                sheet: sheet.clone(),
                label: item.text.clone(),
                occurrence: *n,
                offset: 0,
                right: false,
            });
            *n += 1;
        }
        if item.kind != ItemKind::Text || item.path.ends_with(".label") {
            continue;
        }
        let mut expected = special_place(&item.path, &sheet, plan, &labels, &seen)
            .or_else(|| current.clone())
            .unwrap_or_else(|| panic!("{}: no label before it", item.path));
        // 様式2's amounts and evaluation codes sit beside their label.
        expected.right = item.path.contains(".form2.")
            && (item.path.ends_with(".amount") || item.path.ends_with(".code.code"));
        out.push((item.path.clone(), item.text.clone(), expected));
    }
    out
}

/// Texts not below the last field label: a 経営課題の概要 (before 主な戦略 in the outline) and
/// 様式3's table cells (one header, a row per item).
fn special_place(
    path: &str,
    sheet: &str,
    plan: &Plan,
    labels: &unei_core::Labeler<'_>,
    seen: &BTreeMap<(String, String), usize>,
) -> Option<Expected> {
    let at = |label: String, occurrence: usize, offset: usize| Expected {
        sheet: sheet.to_owned(),
        label,
        occurrence,
        offset,
        right: false,
    };
    if plan.meta.generation == unei_core::Generation::A && path.contains("].overview") {
        let label = labels.get("issue_overview");
        let n = seen.get(&(sheet.to_owned(), labels.get("issue_strategies")))?;
        return Some(at(label, n - 1, 0));
    }
    let rest = path.strip_prefix("reform.rows[")?;
    let (row, field) = rest.split_once("].")?;
    let id = match field.split(['[', '.']).next()? {
        "item" => "reform_item",
        "content" => "reform_content",
        _ => "reform_midterm_review",
    };
    Some(at(labels.get(id), 0, row.parse().ok()?))
}

#[test]
fn every_model_text_is_in_the_cell_below_its_label() {
    let template = Template::bundled();
    for name in common::fixture_names() {
        let name = name.as_str();
        let (plan, out) = write(name);
        let sheets = read_back(&out.bytes);
        for (path, text, want) in expectations(&plan, &template) {
            let sheet = sheets
                .iter()
                .find(|s| s.name == want.sheet)
                .unwrap_or_else(|| panic!("{name}: no sheet {}", want.sheet));
            let label_at = *sheet
                .find(&want.label)
                .get(want.occurrence)
                .unwrap_or_else(|| panic!("{name}: {path}: label {want:?} not found"));
            let value_at = if want.right {
                let (_, (_, last_col)) = sheet.extent(label_at);
                (label_at.0, last_col + 1)
            } else {
                sheet
                    .below(label_at, want.offset)
                    .unwrap_or_else(|| panic!("{name}: {path}: nothing below {want:?}"))
            };
            let value = &sheet.cells[&value_at];
            if want.right {
                assert_eq!(value, &text, "{name}: {path}: beside {want:?}");
                continue;
            }
            assert!(
                value.contains(&text),
                "{name}: {path}: {text:?} not in {}!{value_at:?} below {want:?}: {value:?}",
                sheet.name
            );
            let (label_start, label_end) = sheet.extent(label_at);
            let (value_start, value_end) = sheet.extent(value_at);
            assert!(
                value_start.1 == label_start.1 && value_end.1 >= label_end.1,
                "{name}: {path}: the value spans the label's columns"
            );
        }
    }
}

#[test]
fn labels_title_and_tag_are_cells_of_their_own() {
    let template = Template::bundled();
    for name in common::fixture_names() {
        let name = name.as_str();
        let (plan, out) = write(name);
        let sheets = read_back(&out.bytes);
        let labels = unei_core::Labeler::new(&plan, &template);
        for sheet in &sheets {
            assert_eq!(sheet.cells.get(&(0, 0)), Some(&labels.title()), "{name}");
            if sheet.name.starts_with("様式2") {
                assert_eq!(sheet.cells.get(&(1, 0)), Some(&labels.get("form2_tag")));
                let side = sheet.find(&labels.get("form2_side_label"));
                assert!(!side.is_empty() && side.iter().all(|&(_, c)| c == 0));
            }
        }
        let all: Vec<&String> = sheets.iter().flat_map(|s| s.cells.values()).collect();
        for item in outline(&plan, &template) {
            if item.kind == ItemKind::Label {
                assert!(
                    all.iter().any(|cell| cell.contains(&item.text)),
                    "{name}: label {:?} ({}) is in no cell",
                    item.text,
                    item.path
                );
            }
        }
    }
}

#[test]
fn sheets_are_one_per_form() {
    let names = |name: &str| -> Vec<String> {
        read_back(&write(name).1.bytes)
            .into_iter()
            .map(|s| s.name)
            .collect()
    };
    assert_eq!(names("fukushima-r2"), ["様式1", "様式3"]);
    assert_eq!(names("sample-form2-r1"), ["様式1", "様式2-1", "様式3"]);
    assert_eq!(names("sample-gen-b-r5"), ["運営方針"]);
    assert_eq!(names("stress-kinsoku"), ["様式1", "様式3"]);
}

/// `A1:B1`-style names of a sheet's merged regions.
fn merge_names(sheet: &ReadSheet) -> Vec<String> {
    let cell = |(r, c): (u32, u32)| format!("{}{}", char::from(b'A' + c as u8), r + 1);
    sheet
        .merges
        .iter()
        .map(|&(start, end)| format!("{}:{}", cell(start), cell(end)))
        .collect()
}

#[test]
fn merged_ranges_are_as_designed() {
    let (_, out) = write("sample-form2-r1");
    let sheets = read_back(&out.bytes);
    // 様式1: full-width rows merge A:B; the 経営課題 table's two columns are single cells.
    let form1 = &sheets[0];
    let mut merges = merge_names(form1);
    merges.sort();
    // Rows 1–9: title, ◆計画, 目標/使命/方針 labels and values, the 経営課題 label; rows 10–11:
    // the table header and its values; rows 12–13: the 主な具体的取組 label and value.
    let full_width_rows = [1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13];
    let mut want: Vec<String> = full_width_rows
        .iter()
        .map(|r| format!("A{r}:B{r}"))
        .collect();
    want.sort();
    assert_eq!(merges, want);
    assert_eq!(form1.cells[&(9, 0)], "経営課題の概要");
    assert_eq!(form1.cells[&(9, 1)], "主な戦略");
    assert!(form1.cells[&(10, 0)].starts_with("【経営課題1 都市の防災性の向上】"));
    assert!(form1.cells[&(10, 1)].starts_with("・老朽住宅の建替え促進"));
    // 様式2: title and tag across all columns, the side label down column A beside the form
    // (one region per printed page), form rows across B:C except labels with an amount or
    // evaluation code in C.
    let form2 = &sheets[1];
    let merges = merge_names(form2);
    let last = form2.cells.keys().map(|&(r, _)| r).max().unwrap() + 1;
    assert_eq!(merges[..2], ["A1:C1", "A2:C2"]);
    assert_eq!(merges.last().unwrap(), &format!("A3:A{last}"));
    let beside: Vec<&str> = (3..last)
        .filter(|r| !merges.contains(&format!("B{}:C{}", r + 1, r + 1)))
        .map(|r| form2.cells[&(r, 2)].as_str())
        .collect();
    assert_eq!(beside, ["ア", "(1,976千円)", "①"]);
    assert_eq!(merges.len(), 3 + (last as usize - 2 - beside.len()));
    // 様式3: a table of three columns (this plan has 中間振り返り), its label across it.
    let form3 = &sheets[2];
    assert_eq!(merge_names(form3), ["A1:C1", "A2:C2"]);
    assert_eq!(form3.cells[&(2, 0)], "主な取組項目");
    assert_eq!(form3.cells[&(2, 1)], "取組内容");
    assert_eq!(form3.cells[&(2, 2)], "中間振り返り");
}

/// Checks the print titles of every sheet of a workbook and that every printed page holds its
/// rows under them; returns how many sheets print on more than one page.
fn check_print_titles(what: &str, plan: &Plan, out: &XlsxOutput) -> usize {
    let template = Template::bundled();
    let labels = unei_core::Labeler::new(plan, &template);
    let printed = xlsx_support::printed_sheets(&out.bytes);
    let read = read_back(&out.bytes);
    let mut spanning = 0;
    for (sheet, cells) in printed.iter().zip(&read) {
        let at = |row: u32| cells.cells.get(&(row - 1, 0)).map(String::as_str);
        let titles = sheet
            .print_titles
            .unwrap_or_else(|| panic!("{what}: {} has no print titles", sheet.name));
        // The title rows lead the repeated rows: which plan, and on 様式2 which form.
        assert_eq!(titles.0, 1, "{what}: {}", sheet.name);
        assert_eq!(
            at(1),
            Some(labels.title().as_str()),
            "{what}: {}",
            sheet.name
        );
        let last_title = if sheet.name.starts_with("様式2") {
            assert_eq!(at(2), Some(labels.get("form2_tag").as_str()));
            2
        } else {
            1
        };
        if sheet.name == "様式3" {
            // 様式3's table continues over pages: its label and column headers repeat.
            assert_eq!(at(titles.1), Some(labels.get("reform_item").as_str()));
        } else {
            assert_eq!(titles.1, last_title, "{what}: {}", sheet.name);
        }
        let repeated = sheet.height(titles);
        spanning += usize::from(sheet.pages.len() > 1);
        for (k, &(first, last)) in sheet.pages.iter().enumerate() {
            let used = sheet.height((first, last)) + if k > 0 { repeated } else { 0.0 };
            // A cell taller than a page (reported) overflows whatever repeats above it.
            let reported = out.fit_problems.iter().any(|p| {
                let row: u32 = p
                    .cell
                    .trim_start_matches(char::is_alphabetic)
                    .parse()
                    .unwrap();
                p.sheet == sheet.name && (first..=last).contains(&row)
            });
            assert!(
                used <= sheet.body_pt || reported,
                "{what}: {} page {}: rows {first}–{last} need {used} pt under the print titles, the page holds {} pt",
                sheet.name,
                k + 1,
                sheet.body_pt
            );
        }
    }
    spanning
}

#[test]
fn every_sheet_repeats_its_title_rows_and_every_page_holds_them() {
    // With the bundled template the PDF's pages fill before the sheet's and the sheet mostly
    // breaks where the PDF does; with tight PDF lines the sheet's own breaks decide more
    // often, and they must leave room for the repeated rows.
    let bundled = Template::bundled();
    let tight_toml = unei_core::template::DEFAULT_TEMPLATE_TOML
        .replace("line_height = 1.5", "line_height = 0.8");
    assert_ne!(tight_toml, unei_core::template::DEFAULT_TEMPLATE_TOML);
    let tight = Template::from_toml(&tight_toml, "tight.toml").unwrap();
    let mut spanning = 0;
    for name in common::fixture_names() {
        for template in [&bundled, &tight] {
            let (plan, out) = xlsx_support::write_with(&name, template);
            spanning += check_print_titles(&name, &plan, &out);
        }
    }
    // 様式1 of fukushima-r2 and stress-kinsoku and the generation B sheet print on several pages.
    assert!(spanning >= 3, "only {spanning} sheets span pages");
    // A 様式2 long enough for several pages (its tag repeats with the title) and a long 様式3.
    let mut plan = xlsx_support::fixture("sample-form2-r1");
    let form2 = plan.issues[0].form2.as_mut().unwrap();
    let strategy = form2.strategies[0].clone();
    form2.strategies.extend(std::iter::repeat_n(strategy, 5));
    let reform = plan.reform.as_mut().unwrap();
    let row = reform.rows[0].clone();
    reform.rows.extend(std::iter::repeat_n(row, 40));
    for template in [&bundled, &tight] {
        let fonts = template_fonts(template).unwrap();
        let options = unei_render::XlsxOptions {
            epoch: xlsx_support::EPOCH,
        };
        let out = unei_render::write_xlsx(&plan, template, &fonts, &options).unwrap();
        let printed = xlsx_support::printed_sheets(&out.bytes);
        let form2_pages = printed
            .iter()
            .find(|s| s.name == "様式2-1")
            .unwrap()
            .pages
            .len();
        assert!(form2_pages > 1, "様式2 prints on {form2_pages} page");
        check_print_titles("long 様式2", &plan, &out);
    }
}

/// `docProps/app.xml` as Excel writes it, through the re-packing that adds the language: it is
/// a relationship of the package, and its parts list (what Excel's document panel and
/// Windows' file properties show) names every sheet and every defined name of workbook.xml.
#[test]
fn app_properties_list_every_sheet_and_defined_name() {
    for name in common::fixture_names() {
        let (_, out) = write(&name);
        let parts = parts(&out.bytes);
        let app = &parts["docProps/app.xml"];
        assert!(
            parts["_rels/.rels"].contains("Target=\"docProps/app.xml\""),
            "{name}"
        );
        assert!(
            parts["[Content_Types].xml"].contains("/docProps/app.xml"),
            "{name}"
        );
        let listed: Vec<&str> = app
            .split("<vt:lpstr>")
            .skip(1)
            .filter_map(|s| s.split_once("</vt:lpstr>").map(|(text, _)| text))
            .collect();
        let sheets: Vec<String> = read_back(&out.bytes).into_iter().map(|s| s.name).collect();
        let workbook = &parts["xl/workbook.xml"];
        let defined: Vec<String> = workbook
            .split("<definedName ")
            .skip(1)
            .map(|d| {
                let kind = d.split('"').nth(1).unwrap().trim_start_matches("_xlnm.");
                let (sheet, _) = d.split_once('>').unwrap().1.rsplit_once('!').unwrap();
                format!("{sheet}!{kind}")
            })
            .collect();
        let want: Vec<String> = ["Worksheets".to_owned(), "Named Ranges".to_owned()]
            .into_iter()
            .chain(sheets.iter().cloned())
            .chain(defined.iter().cloned())
            .collect();
        assert_eq!(listed, want, "{name}: {app}");
        assert!(
            app.contains(&format!("<vt:i4>{}</vt:i4>", sheets.len()))
                && app.contains(&format!("<vt:i4>{}</vt:i4>", defined.len())),
            "{name}: the heading pairs count the sheets and names: {app}"
        );
        assert!(
            defined
                .iter()
                .filter(|d| d.ends_with("!Print_Titles"))
                .count()
                == sheets.len()
        );
    }
}

/// The issue's rule for two-column blocks (経営課題の概要 | 主な戦略, 様式3's columns): each of
/// their cells stays within its own column, on every sheet of every fixture, also where a
/// row taller than Excel allows is merged down.
#[test]
fn no_merged_cell_spans_two_columns_of_a_block() {
    let template = Template::bundled();
    for name in common::fixture_names() {
        let (plan, out) = write(&name);
        let labels = unei_core::Labeler::new(&plan, &template);
        let first_headers = [labels.get("issue_overview"), labels.get("reform_item")];
        let mut blocks = 0;
        for sheet in read_back(&out.bytes) {
            let last_row = sheet.cells.keys().map(|&(r, _)| r).max().unwrap();
            for (&(row, col), text) in &sheet.cells {
                if col != 0 || !first_headers.contains(text) {
                    continue;
                }
                blocks += 1;
                // The header row's cells are the block's columns.
                let columns: Vec<(u32, u32)> = sheet
                    .cells
                    .keys()
                    .filter(|&&(r, _)| r == row)
                    .map(|&at| {
                        let (start, end) = sheet.extent(at);
                        (start.1, end.1)
                    })
                    .collect();
                assert!(columns.len() >= 2, "{name}: {}: {columns:?}", sheet.name);
                // 経営課題: the row below; 様式3: every row to the end of the sheet.
                let rows = if text == &first_headers[0] {
                    row..=row + 1
                } else {
                    row..=last_row
                };
                for &(start, end) in &sheet.merges {
                    let touches = start.0 <= *rows.end() && end.0 >= *rows.start();
                    let within_one = columns.iter().any(|&(a, b)| a <= start.1 && end.1 <= b);
                    assert!(
                        !touches || within_one,
                        "{name}: {}: merge {start:?}–{end:?} crosses the columns {columns:?}",
                        sheet.name
                    );
                }
            }
        }
        if plan.meta.generation == unei_core::Generation::A {
            assert!(blocks > 0, "{name}: no two-column block found");
        }
    }
}

#[test]
fn rows_taller_than_excel_allows_are_merged_and_over_a_page_are_reported() {
    let (_, out) = write("stress-kinsoku");
    let sheets = read_back(&out.bytes);
    let tall: Vec<_> = sheets[0]
        .merges
        .iter()
        .filter(|(start, end)| end.0 > start.0)
        .collect();
    assert_eq!(tall.len(), 2, "overview and strategies of the long issue");
    let rows = tall[0].1.0 - tall[0].0.0 + 1;
    assert!(rows > 1);
    let problems: Vec<String> = out.fit_problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 2, "{problems:#?}");
    let first = &out.fit_problems[0];
    assert_eq!(first.sheet, "様式1");
    assert_eq!(first.cell, format!("A{}", tall[0].0.0 + 1));
    assert!(first.text_start.starts_with("【経営課題1"), "{first:?}");
    assert!(first.lines_needed > first.lines_available, "{first:?}");
    assert!(problems[0].starts_with("様式1!A"), "{}", problems[0]);
    for name in ["fukushima-r2", "sample-gen-b-r5", "sample-form2-r1"] {
        assert_eq!(write(name).1.fit_problems, [], "{name}");
    }
}

#[test]
fn row_heights_hold_every_line_by_an_independent_computation() {
    for name in common::fixture_names() {
        let name = name.as_str();
        let (_, out) = write(name);
        let checked = xlsx_support::check_heights(&out.bytes);
        assert!(
            checked.cells > 10,
            "{name}: only {} cells checked",
            checked.cells
        );
        assert!(
            checked.short.is_empty(),
            "{name}: cells whose rows cannot show all lines:\n{}",
            checked.short.join("\n")
        );
    }
}

/// The PDF's composition (justified or ragged, 和欧間, tight punctuation) never reaches the
/// workbook's line breaks: Excel sets every character at its advance, so the rows are sized
/// from those breaks and hold every line either way.
#[test]
fn row_heights_hold_every_line_with_justified_and_ragged_templates() {
    let text = unei_core::template::DEFAULT_TEMPLATE_TOML;
    let ragged = text
        .replace("justify = true", "justify = false")
        .replace("latin_spacing = \"quarter\"", "latin_spacing = \"none\"");
    assert_ne!(ragged, text);
    let templates = [
        Template::bundled(),
        Template::from_toml(&ragged, "ragged.toml").unwrap(),
    ];
    for name in common::fixture_names() {
        let texts: Vec<Vec<String>> = templates
            .iter()
            .map(|template| {
                let (_, out) = xlsx_support::write_with(&name, template);
                let checked = xlsx_support::check_heights(&out.bytes);
                assert!(
                    checked.short.is_empty(),
                    "{name}:\n{}",
                    checked.short.join("\n")
                );
                read_back(&out.bytes)
                    .iter()
                    .flat_map(|sheet| sheet.cells.values().cloned())
                    .collect()
            })
            .collect();
        assert_eq!(texts[0], texts[1], "{name}: the same cell texts either way");
    }
}

#[test]
fn same_input_same_bytes_and_the_date_is_the_only_difference() {
    let (plan, first) = write("fukushima-r2");
    let template = Template::bundled();
    let fonts = template_fonts(&template).unwrap();
    let again = |epoch| -> XlsxOutput {
        unei_render::write_xlsx(
            &plan,
            &template,
            &fonts,
            &unei_render::XlsxOptions { epoch },
        )
        .unwrap()
    };
    assert_eq!(first.bytes, again(xlsx_support::EPOCH).bytes);
    let later = again(xlsx_support::EPOCH + 86_400);
    assert_ne!(first.bytes, later.bytes);
    let (a, b) = (parts(&first.bytes), parts(&later.bytes));
    let differing: Vec<&String> = a.keys().filter(|k| a[*k] != b[*k]).collect();
    assert_eq!(differing, ["docProps/core.xml"]);
    assert!(a["docProps/core.xml"].contains("2023-11-14T22:13:20Z"));
}

#[test]
fn xml_parts_match_golden_files() {
    for (name, part, golden) in [
        (
            "fukushima-r2",
            "xl/worksheets/sheet1.xml",
            "fukushima-r2.sheet1.xml",
        ),
        (
            "fukushima-r2",
            "xl/sharedStrings.xml",
            "fukushima-r2.sharedStrings.xml",
        ),
        ("fukushima-r2", "xl/styles.xml", "fukushima-r2.styles.xml"),
        ("fukushima-r2", "docProps/core.xml", "fukushima-r2.core.xml"),
        (
            "sample-form2-r1",
            "xl/workbook.xml",
            "sample-form2-r1.workbook.xml",
        ),
        (
            "sample-form2-r1",
            "xl/worksheets/sheet2.xml",
            "sample-form2-r1.sheet2.xml",
        ),
        (
            "sample-form2-r1",
            "xl/worksheets/sheet3.xml",
            "sample-form2-r1.sheet3.xml",
        ),
    ] {
        let (_, out) = write(name);
        let parts = parts(&out.bytes);
        let xml = if part.starts_with("xl/worksheets/") {
            Part::readable_sheet(&parts[part], &parts["xl/sharedStrings.xml"])
        } else {
            Part::readable(&parts[part])
        };
        common::compare_golden(&golden_path(golden), &xml);
    }
}

fn golden_path(name: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}
