//! Properties of the importers:
//! - pages built from the template's label grammar — random variants, random wordings,
//!   widths, brackets and left-out parts, random chrome around them — import with every line
//!   where it belongs: nothing lost, nothing misplaced;
//! - mutated pages never panic, and when they import, every line is accounted for;
//! - workbooks whose cell texts and sheet XML are mutated inside valid zips never panic, and
//!   every non-empty cell is accounted for once.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

use std::collections::BTreeSet;
use std::io::{Cursor, Read, Write};
use std::path::PathBuf;

use calamine::{Data, Reader, Xlsx};
use proptest::prelude::*;
use unei_core::Template;
use unei_import::{
    EntryKind, ImportOptions, ImportRules, Imported, PageFormat, WorkbookFormat, import_page_text,
    import_workbook_bytes,
};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn page() -> String {
    std::fs::read_to_string(root().join("../shared/examples/fukushima-r2-published-page.txt"))
        .unwrap()
}

fn workbook() -> Vec<u8> {
    std::fs::read(root().join("fixtures/workbooks/gen-a-ward-merged-labels.xlsx")).unwrap()
}

fn fukushima() -> ImportOptions {
    ImportOptions {
        organisation: Some("福島区".into()),
        ..ImportOptions::default()
    }
}

/// One way of writing a label: which variant, which wordings, which liberties.
#[derive(Debug, Clone)]
struct Writing {
    variant: prop::sample::Index,
    unit: prop::sample::Index,
    head: prop::sample::Index,
    year: u32,
    brackets: bool,
    half_width: bool,
    drop_part: bool,
    spaces: bool,
}

fn writing() -> impl Strategy<Value = Writing> {
    (
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        1u32..7,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(variant, unit, head, year, brackets, half_width, drop_part, spaces)| Writing {
                variant,
                unit,
                head,
                year,
                brackets,
                half_width,
                drop_part,
                spaces,
            },
        )
}

const UNITS: [&str; 5] = ["区", "局", "室", "区・局", "所属"];
const HEADS: [&str; 5] = ["区長", "局長", "区", "所属長", "区・局長"];

/// A label of `field` as an author might write it, within what the grammar allows.
fn write_label(rules: &ImportRules, field: &str, w: &Writing) -> String {
    let variants = &rules.labels[field];
    let mut text = w.variant.get(variants).clone();
    if w.drop_part
        && let (Some(open), Some(close)) = (text.rfind('（'), text.rfind('）'))
        && close > open
        && open >= 3 * 3
    {
        // A bracketed part left out (区の使命, 区運営の基本的な考え方).
        text.replace_range(open..close + '）'.len_utf8(), "");
    }
    text = text
        .replace("{所属}", w.unit.get::<&str>(&UNITS))
        .replace("{長}", w.head.get::<&str>(&HEADS))
        .replace("{年度}", &format!("令和{}年度 ", w.year));
    if w.half_width {
        text = text.replace('（', "(").replace('）', ")");
    }
    if w.spaces {
        text = text.replacen('の', " の", 1);
    }
    if w.brackets {
        text = format!("【{}】", text.trim());
    }
    text.trim().to_owned()
}

/// The fields of a page built by the property, in order, with their JSON paths.
const FIELDS: [(&str, &str); 5] = [
    ("goal", "goal"),
    ("mission", "mission"),
    ("policy", "policy"),
    ("achievements", "self_evaluation.achievements"),
    ("challenges", "self_evaluation.challenges"),
];

/// Lines of chrome a page may hold anywhere: navigation and dates. Footer phrases are left
/// out: a footer line ends the plan, so everything after it is chrome by position.
fn chrome_pool(rules: &ImportRules) -> Vec<String> {
    let footer = &rules.page.footer_lines;
    let mut pool: Vec<String> = rules
        .page
        .navigation_lines
        .iter()
        .filter(|line| !footer.iter().any(|phrase| line.contains(phrase.as_str())))
        .cloned()
        .collect();
    pool.push("更新日：2024年4月1日".to_owned());
    pool.push("2024年4月1日".to_owned());
    pool.push("令和6年3月29日(金)".to_owned());
    pool
}

fn line_of(address: &str) -> Option<usize> {
    address.rsplit(':').nth(1)?.parse().ok()
}

/// Lines with text, but not the `- ` lines after the first of a list (one cell).
fn text_lines(text: &str) -> BTreeSet<usize> {
    let mut lines = BTreeSet::new();
    let mut in_list = false;
    for (i, line) in text.split('\n').enumerate() {
        let list = line.starts_with("- ") || line.starts_with("* ");
        if !line.trim().is_empty() && (!list || !in_list) {
            lines.insert(i + 1);
        }
        if !line.trim().is_empty() {
            in_list = list;
        }
    }
    lines
}

fn assert_every_line_accounted_for(imported: &Imported, text: &str) {
    let reported: BTreeSet<usize> = imported
        .report
        .entries
        .iter()
        .filter_map(|e| line_of(&e.address))
        .collect();
    let missing: Vec<usize> = text_lines(text).difference(&reported).copied().collect();
    assert!(missing.is_empty(), "lines not accounted for: {missing:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn pages_built_from_the_grammar_import_every_line_where_it_belongs(
        writings in prop::collection::vec(writing(), FIELDS.len()),
        chrome in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>()), 0..6),
    ) {
        let template = Template::bundled();
        let rules = ImportRules::from_template(&template).unwrap();
        // (line, expected kind, expected field)
        let mut lines: Vec<(String, EntryKind, String)> = vec![(
            "令和2年度 見本区運営方針".to_owned(),
            EntryKind::Mapped,
            "label:title".to_owned(),
        )];
        for ((field, path), w) in FIELDS.iter().zip(&writings) {
            if *field == "achievements" {
                lines.push(("◆自己評価".to_owned(), EntryKind::Mapped, "label:self_evaluation_heading".to_owned()));
            }
            lines.push((write_label(&rules, field, w), EntryKind::Mapped, format!("label:{field}")));
            lines.push((format!("{field}の内容を書いた一つ目の文です。"), EntryKind::Mapped, (*path).to_owned()));
            lines.push((format!("{field}の内容の二つ目の文です。"), EntryKind::Mapped, (*path).to_owned()));
        }
        let pool = chrome_pool(&rules);
        for (at, which) in chrome {
            let at = 1 + at.index(lines.len());
            lines.insert(at, (which.get(&pool).clone(), EntryKind::Chrome, "-".to_owned()));
        }
        let text: String = lines.iter().map(|(l, ..)| format!("{l}\n")).collect();
        let imported = import_page_text(&text, "p.txt", PageFormat::Text, &template, &ImportOptions::default()).unwrap();
        let found: Vec<(EntryKind, String)> = imported
            .report
            .entries
            .iter()
            .map(|e| (e.kind, e.field.clone().unwrap_or_else(|| "-".to_owned())))
            .collect();
        let expected: Vec<(EntryKind, String)> = lines.iter().map(|(_, k, f)| (*k, f.clone())).collect();
        prop_assert_eq!(found, expected, "{}", text);
        prop_assert!(!imported.report.needs_attention());
    }

    #[test]
    fn mutated_pages_never_panic(edits in prop::collection::vec((any::<prop::sample::Index>(), any::<char>()), 1..12), html in any::<bool>()) {
        let mut chars: Vec<char> = page().chars().collect();
        for (at, c) in edits {
            let i = at.index(chars.len());
            chars[i] = c;
        }
        let text: String = chars.into_iter().collect();
        let format = if html { PageFormat::Html } else { PageFormat::Text };
        match import_page_text(&text, "fuzz.txt", format, &Template::bundled(), &fukushima()) {
            Err(e) => prop_assert!(e.to_string().contains("fuzz.txt"), "{e}"),
            Ok(imported) => {
                let counts = &imported.report.counts;
                prop_assert_eq!(
                    counts.mapped + counts.chrome + counts.unknown_label + counts.unmapped,
                    imported.report.entries.len()
                );
                prop_assert!(imported.report.entries.iter().all(|e| e.address.starts_with("fuzz.txt:")));
                if !html {
                    assert_every_line_accounted_for(&imported, &text);
                }
            }
        }
    }

    #[test]
    fn workbooks_mutated_inside_valid_zips_never_panic_and_account_for_every_cell(
        texts in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>()), 1..10),
        moves in prop::collection::vec((any::<prop::sample::Index>(), 0u8..3), 0..6),
    ) {
        let template = Template::bundled();
        let rules = ImportRules::from_template(&template).unwrap();
        let mut pool: Vec<String> = rules.labels.values().flatten().map(|v| v.replace("{所属}", "区").replace("{長}", "区長").replace("{年度}", "令和2年度")).collect();
        pool.extend(["(2,78千円)", "（２，７８１千円）", "要確認", "※メモ", "【経営課題9】", "戦略1-1 見出し", "", " ", "・", "A"].map(String::from));
        let bytes = mutate_zip(&workbook(), |name, xml| match name {
            "xl/sharedStrings.xml" => replace_texts(&xml, &texts, &pool),
            _ if name.starts_with("xl/worksheets/") => move_cells(&xml, &moves),
            _ => xml,
        });
        let result = import_workbook_bytes(&bytes, "fuzz.xlsx", WorkbookFormat::Xlsx, &template, &ImportOptions::default());
        match result {
            Err(e) => prop_assert!(e.to_string().contains("fuzz.xlsx"), "{e}"),
            Ok(imported) => {
                let listed: Vec<&str> = imported.report.entries.iter().map(|e| e.address.as_str()).collect();
                let unique: BTreeSet<&str> = listed.iter().copied().collect();
                prop_assert_eq!(unique.len(), listed.len(), "an address is listed twice");
                let cells = non_empty_cells(&bytes);
                prop_assert_eq!(unique, cells.iter().map(String::as_str).collect::<BTreeSet<_>>());
            }
        }
    }
}

/// Rewrites the XML parts of a zip through `edit`; the result is a valid zip.
fn mutate_zip(bytes: &[u8], edit: impl Fn(&str, String) -> String) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name.ends_with(".xml") {
            data = edit(&name, String::from_utf8(data).unwrap()).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// Replaces the texts of some shared strings with texts from `pool`.
fn replace_texts(
    xml: &str,
    picks: &[(prop::sample::Index, prop::sample::Index)],
    pool: &[String],
) -> String {
    let starts: Vec<usize> = xml.match_indices("<t").map(|(i, _)| i).collect();
    let mut out = xml.to_owned();
    for (which, text) in picks {
        let Some(&start) = starts.get(which.index(starts.len().max(1))) else {
            continue;
        };
        let Some(open_end) = out[start..].find('>').map(|i| start + i + 1) else {
            continue;
        };
        let Some(close) = out[open_end..].find("</t>").map(|i| open_end + i) else {
            continue;
        };
        if out[start..open_end].ends_with("/>") {
            continue;
        }
        let escaped = html_escape(text.get::<String>(pool));
        out.replace_range(open_end..close, &escaped);
    }
    out
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Moves some cells one or two columns right (or leaves them), as a slip of the mouse would.
fn move_cells(xml: &str, moves: &[(prop::sample::Index, u8)]) -> String {
    let starts: Vec<usize> = xml.match_indices("<c r=\"").map(|(i, _)| i + 6).collect();
    let mut out = xml.to_owned();
    for (which, by) in moves {
        let Some(&at) = starts.get(which.index(starts.len().max(1))) else {
            continue;
        };
        let letter = out.as_bytes()[at];
        if letter.is_ascii_uppercase() && letter < b'X' && *by > 0 {
            let moved = char::from(letter + by);
            out.replace_range(at..at + 1, &moved.to_string());
        }
    }
    out
}

/// Every non-empty cell of a workbook as `sheet!A1`, read by calamine.
fn non_empty_cells(bytes: &[u8]) -> BTreeSet<String> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let mut cells = BTreeSet::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        let (row0, col0) = range.start().unwrap_or((0, 0));
        for (row, col, data) in range.used_cells() {
            let empty = match data {
                Data::Empty => true,
                Data::String(s) => s.trim().is_empty(),
                _ => false,
            };
            if !empty {
                let col = col0 + u32::try_from(col).unwrap();
                let row = row0 + u32::try_from(row).unwrap();
                cells.insert(format!("{name}!{}{}", column(col), row + 1));
            }
        }
    }
    cells
}

fn column(mut col: u32) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(char::from(b'A' + u8::try_from(col % 26).unwrap()));
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    letters.iter().rev().collect()
}
