//! Runs every case of tests/bad-inputs/cases.toml through the real binary: expected exit code
//! and messages, never a panic, no temporary file left, no output but the expected.

use crate::common::root;

use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Debug, serde::Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    input: String,
    command: Vec<String>,
    exit: i32,
    #[serde(default)]
    says: Vec<String>,
    #[serde(default)]
    creates: Vec<String>,
}

fn corpus() -> PathBuf {
    root().join("tests/bad-inputs")
}

/// Inputs too large or too odd to commit.
fn generate(name: &str, dir: &Path) -> PathBuf {
    let path = dir.join(name);
    let fixture = std::fs::read_to_string(corpus().join("utf8-bom.json")).unwrap();
    match name {
        "deep-nesting.json" => {
            let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
            std::fs::write(
                &path,
                fixture.replacen(
                    "\"format\": 1,",
                    &format!("\"format\": 1, \"x\": {deep},"),
                    1,
                ),
            )
            .unwrap();
        }
        "50mb-string.json" => {
            let body = "あ".repeat(50 * 1024 * 1024 / 3 + 1);
            std::fs::write(&path, format!("{{\"format\": 1, \"x\": \"{body}\"}}")).unwrap();
        }
        "broken-template.toml" => std::fs::write(&path, "id = \"x\"\nname = [\n").unwrap(),
        "folder-of-bad-inputs" => {
            std::fs::create_dir(&path).unwrap();
            for file in [
                "empty.json",
                "random-bytes.json",
                "nul-in-text.json",
                "emoji.json",
            ] {
                std::fs::copy(corpus().join(file), path.join(file)).unwrap();
            }
        }
        "truncated.xlsx" => {
            let full =
                std::fs::read(root().join("fixtures/workbooks/gen-a-ward-merged-labels.xlsx"))
                    .unwrap();
            std::fs::write(&path, &full[..full.len() / 2]).unwrap();
        }
        "random-bytes.xlsx" => std::fs::copy(corpus().join("random-bytes.json"), &path)
            .map(|_| ())
            .unwrap(),
        "empty.xlsx" => std::fs::write(&path, b"").unwrap(),
        "zip-bomb.xlsx" => std::fs::write(&path, zip_bomb()).unwrap(),
        "100k-rows.xlsx" => {
            let rows: Vec<(u32, String)> = (1..=100_000).map(|r| (r, format!("行{r}"))).collect();
            std::fs::write(&path, minimal_xlsx(&rows)).unwrap();
        }
        "1mb-cell.xlsx" => std::fs::write(
            &path,
            minimal_xlsx(&[(1, "区の目標".into()), (2, "あ".repeat(1 << 20))]),
        )
        .unwrap(),
        "far-apart-cells.xlsx" => {
            let cells = [
                (1, "A", "hello".to_owned()),
                (1_048_576, "XFD", "world".to_owned()),
            ];
            std::fs::write(&path, xlsx_with_cells(&cells)).unwrap();
        }
        "no-known-labels.xlsx" => {
            std::fs::write(
                &path,
                minimal_xlsx(&[(1, "hello".into()), (2, "world".into())]),
            )
            .unwrap();
        }
        other => panic!("no generator for {other}"),
    }
    path
}

/// A workbook with one sheet `様式1` holding `cells` in column A, written by hand: the
/// smallest file calamine reads, so hostile sizes cost nothing to make.
fn minimal_xlsx(cells: &[(u32, String)]) -> Vec<u8> {
    let placed: Vec<(u32, &str, String)> = cells
        .iter()
        .map(|(row, text)| (*row, "A", text.clone()))
        .collect();
    xlsx_with_cells(&placed)
}

/// Like [`minimal_xlsx`], with each cell's column given (`A`, `XFD`).
fn xlsx_with_cells(cells: &[(u32, &str, String)]) -> Vec<u8> {
    use std::io::Write as _;
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (row, col, text) in cells {
        sheet.push_str(&format!(
            r#"<row r="{row}"><c r="{col}{row}" t="inlineStr"><is><t>{text}</t></is></c></row>"#
        ));
    }
    sheet.push_str("</sheetData></worksheet>");
    let parts = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_owned()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_owned()),
        ("xl/workbook.xml", r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="様式1" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_owned()),
        ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_owned()),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in parts {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A real workbook whose directory says its sheet unpacks to 4 GB: what a zip bomb declares.
fn zip_bomb() -> Vec<u8> {
    let mut bytes = minimal_xlsx(&[(1, "区の目標".into())]);
    let name = b"xl/worksheets/sheet1.xml";
    // Central directory entry: signature, …, uncompressed size at +24, name length at +28, name at +46.
    let at = bytes
        .windows(4)
        .enumerate()
        .filter(|(_, w)| *w == [0x50, 0x4b, 0x01, 0x02])
        .map(|(i, _)| i)
        .find(|&i| bytes[i + 46..].starts_with(name))
        .unwrap();
    bytes[at + 24..at + 28].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
    bytes
}

fn run_case(case: &Case) {
    let dir = tempfile::tempdir().unwrap();
    let input = match case.input.strip_prefix("gen:") {
        Some(name) => generate(name, dir.path()),
        None => {
            let path = dir.path().join(&case.input);
            std::fs::copy(corpus().join(&case.input), &path).unwrap();
            path
        }
    };
    let fill = |s: &str| {
        s.replace("{input}", input.to_str().unwrap())
            .replace("{dir}", dir.path().to_str().unwrap())
    };
    let args: Vec<String> = case.command.iter().map(|a| fill(a)).collect();
    let before = std::fs::read(&input).ok();
    let out = Command::new(env!("CARGO_BIN_EXE_unei"))
        .env("LC_ALL", "C.UTF-8")
        .args(&args)
        .current_dir(root())
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!text.contains("panicked"), "{}: panic:\n{text}", case.name);
    assert_eq!(
        out.status.code(),
        Some(case.exit),
        "{}: {args:?}\n{text}",
        case.name
    );
    for expected in &case.says {
        assert!(
            text.contains(&fill(expected)),
            "{}: {:?} not said:\n{text}",
            case.name,
            fill(expected)
        );
    }
    assert_eq!(
        std::fs::read(&input).ok(),
        before,
        "{}: the input changed",
        case.name
    );
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    let mut expected: Vec<String> = case.creates.clone();
    expected.push(input.file_name().unwrap().to_string_lossy().into_owned());
    expected.sort();
    expected.dedup();
    assert_eq!(left, expected, "{}: files left in the folder", case.name);
}

#[test]
fn every_bad_input_case_ends_as_expected() {
    let cases: Cases =
        toml::from_str(&std::fs::read_to_string(corpus().join("cases.toml")).unwrap()).unwrap();
    assert!(cases.case.len() >= 30, "{} cases", cases.case.len());
    let failures: Vec<String> = cases
        .case
        .iter()
        .filter_map(|case| {
            std::panic::catch_unwind(|| run_case(case)).err().map(|e| {
                e.downcast_ref::<String>()
                    .cloned()
                    .unwrap_or_else(|| case.name.clone())
            })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n---\n")
    );
    println!("{} bad-input cases, 0 panics", cases.case.len());
}
