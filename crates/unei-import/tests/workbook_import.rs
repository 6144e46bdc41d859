//! Workbook import: every fixture (written by openpyxl, LibreOffice and Gnumeric) imports to
//! its plan, every non-empty cell is accounted for, cp932 text survives, and broken files are
//! clean errors.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader};
use unei_core::rich::Block;
use unei_core::{Generation, OrgKind, Plan, Severity, Status, Template, plan_to_string, validate};
use unei_import::{EntryKind, ImportError, ImportOptions, Imported, WorkbookFormat, import_file};

fn workbooks() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/workbooks")
}

fn fixture(name: &str) -> Plan {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/plans")
        .join(name);
    unei_core::plan_from_str(&std::fs::read_to_string(path).unwrap(), name).unwrap()
}

fn import(name: &str) -> Imported {
    import_file(
        &workbooks().join(name),
        &Template::bundled(),
        &ImportOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

/// The plan without what only its source can say (meta.source, sample_data).
fn comparable(mut plan: Plan) -> String {
    plan.meta.source = None;
    plan.meta.sample_data = false;
    plan_to_string(&plan).unwrap()
}

fn assert_clean(imported: &Imported) {
    let warnings: Vec<String> = imported.warnings.iter().map(ToString::to_string).collect();
    assert!(warnings.is_empty(), "{warnings:#?}");
    assert!(
        imported.report.of(EntryKind::Unmapped).next().is_none(),
        "{:#?}",
        imported.report.of(EntryKind::Unmapped).collect::<Vec<_>>()
    );
    let errors: Vec<_> = validate(&imported.plan, &Template::bundled())
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn fukushima_workbook_in_every_format_imports_to_the_published_plan() {
    let expected = comparable(fixture("fukushima-r2.json"));
    for name in [
        "gen-a-ward-merged-labels.xlsx",
        "gen-a-ward.ods",
        "gen-a-ward-biff8.xls",
        "gen-a-ward-cp932.xls",
    ] {
        let imported = import(name);
        assert_eq!(comparable(imported.plan.clone()), expected, "{name}");
        assert_clean(&imported);
        assert_eq!(
            imported.plan.meta.source.as_deref(),
            Some(format!("{name} から取り込み").as_str())
        );
        let forms: Vec<(&str, &str)> = imported
            .report
            .sheets
            .iter()
            .map(|s| (s.name.as_str(), s.form.as_str()))
            .collect();
        assert_eq!(
            forms,
            [("様式1", "様式1"), ("自己評価", "自己評価")],
            "{name}"
        );
    }
}

#[test]
fn cp932_workbook_keeps_every_character() {
    let bytes = std::fs::read(workbooks().join("gen-a-ward-cp932.xls")).unwrap();
    // The fixture really is BIFF5 with code page 932 and Shift_JIS strings.
    assert!(
        bytes.windows(6).any(|w| w == b"\x09\x08\x08\x00\x00\x05"),
        "BOF of BIFF5"
    );
    assert!(
        bytes.windows(6).any(|w| w == b"\x42\x00\x02\x00\xa4\x03"),
        "CODEPAGE 932"
    );
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("「ニア・イズ・ベター」");
    assert!(bytes.windows(sjis.len()).any(|w| w == &sjis[..]));
    let imported = import("gen-a-ward-cp932.xls");
    let report = &imported.report;
    let label = report
        .entries
        .iter()
        .find(|m| m.address == "様式1!A3")
        .unwrap();
    assert_eq!(label.text, "区・局の目標\n（何をめざすのか）");
    let strategies = &imported.plan.issues[1].strategies;
    let Block::List(list) = &strategies[0] else {
        panic!("{strategies:?}")
    };
    assert_eq!(
        list.items[1],
        "「ニア・イズ・ベター」に基づく分権型教育行政の効果的な推進"
    );
    let achievements = &imported.plan.self_evaluation.as_ref().unwrap().achievements;
    assert!(
        matches!(&achievements[2], Block::P(p) if p.contains("「★★：民間の窓口サービス")),
        "{achievements:?}"
    );
}

#[test]
fn form2_sheet_imports_to_the_sample_plan() {
    let imported = import("gen-a-with-form2-sheet.xlsx");
    assert_eq!(
        comparable(imported.plan.clone()),
        comparable(fixture("sample-form2-r1.json"))
    );
    assert_clean(&imported);
    let forms: Vec<&str> = imported
        .report
        .sheets
        .iter()
        .map(|s| s.form.as_str())
        .collect();
    assert_eq!(forms, ["様式1", "様式2", "様式3"]);
    assert_eq!(imported.report.status, Status::MidYearReviewed);
    let code = imported
        .report
        .entries
        .iter()
        .find(|m| m.address == "様式2!F10")
        .unwrap();
    assert_eq!(
        code.field.as_deref().unwrap(),
        "issues[0].form2.strategies[0].blocks[1].code"
    );
    let amount = imported
        .report
        .entries
        .iter()
        .find(|m| m.address == "様式2!F12")
        .unwrap();
    assert_eq!(
        amount.field.as_deref().unwrap(),
        "issues[0].form2.strategies[0].initiatives[0].amount"
    );
}

#[test]
fn generation_b_workbook_imports_to_the_sample_plan() {
    let imported = import("gen-b-ward.xlsx");
    assert_eq!(
        comparable(imported.plan.clone()),
        comparable(fixture("sample-gen-b-r5.json"))
    );
    assert_clean(&imported);
    assert_eq!(imported.report.generation, Generation::B);
    assert_eq!(imported.report.sheets[0].form, "第B世代様式");
}

#[test]
fn bureau_label_variants_are_recognised() {
    let imported = import("gen-a-bureau-label-variants.xlsx");
    assert_clean(&imported);
    let plan = &imported.plan;
    assert_eq!(plan.meta.organisation.name, "見本局");
    assert_eq!(plan.meta.organisation.kind, OrgKind::Bureau);
    assert_eq!(plan.meta.label_variant, None);
    assert_eq!(plan.meta.fiscal_year, "平成30年度");
    assert_eq!(plan.meta.status, Status::Final);
    let preamble: Vec<&str> = plan.preamble.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(preamble, ["基本理念", "スローガン"]);
    assert_eq!(
        plan.goal,
        [Block::P(
            "災害に強く、だれもが移動しやすい都市をめざす。".to_owned()
        )]
    );
    assert_eq!(plan.mission.len(), 1);
    assert_eq!(plan.policy.len(), 1);
    let labels: BTreeSet<&str> = imported
        .report
        .entries
        .iter()
        .filter_map(|m| m.field.as_deref())
        .filter(|f| f.starts_with("label:"))
        .collect();
    for label in [
        "label:goal",
        "label:mission",
        "label:policy",
        "label:initiatives",
    ] {
        assert!(labels.contains(label), "{label} not found: {labels:?}");
    }
}

#[test]
fn bureau_heading_cell_markers_and_amount_cells_are_read() {
    let imported = import("gen-a-bureau-label-variants.xlsx");
    let plan = &imported.plan;
    let issue = &plan.issues[0];
    assert_eq!(
        (issue.number, issue.title.as_str()),
        (1, "市街地の防災性の向上")
    );
    assert_eq!(
        issue.overview,
        [Block::P("密集市街地の解消を進める。".to_owned())]
    );
    let initiatives: Vec<(&str, &str, &str)> = issue
        .initiatives
        .iter()
        .map(|i| {
            (
                i.marker.as_str(),
                i.text.as_str(),
                i.amount.as_ref().unwrap().text(),
            )
        })
        .collect();
    assert_eq!(
        initiatives,
        [
            ("●", "防災空地の確保", "（12,500千円）"),
            ("●", "老朽住宅の除却支援", "(980千円)")
        ]
    );
    let reform = plan.reform.as_ref().unwrap();
    assert_eq!(reform.plan_version.as_deref(), Some("2.0"));
    assert_eq!(reform.rows[0].item, "ICTを活用した業務改革");
    let title = imported
        .report
        .entries
        .iter()
        .find(|m| m.address == "計画!B8")
        .unwrap();
    assert_eq!(title.field.as_deref().unwrap(), "issues[0].title");
}

#[test]
fn note_outside_the_form_is_reported_unmapped_with_its_address() {
    let imported = import("gen-a-unmapped-note.xlsx");
    let unmapped = &imported.report.of(EntryKind::Unmapped).collect::<Vec<_>>();
    assert_eq!(unmapped.len(), 1, "{unmapped:#?}");
    assert_eq!(unmapped[0].address, "様式1!F12");
    assert_eq!(
        unmapped[0].text,
        "※この様式は令和3年2月の案をもとに作成しています"
    );
    assert!(imported.report.needs_attention());
    // The ward's own wording of the policy label is found; the rest imports as usual.
    let plan = &imported.plan;
    assert_eq!(plan.meta.fiscal_year, "令和3年度");
    assert_eq!(
        plan.policy,
        [Block::P(
            "地域とともに課題を解決する区役所をめざす。".to_owned()
        )]
    );
    assert_eq!(plan.meta.label_variant, None);
    assert_eq!(
        plan.issues[0].initiatives[0]
            .amount
            .as_ref()
            .unwrap()
            .text(),
        "(1,234千円)"
    );
    let json = imported.report.to_json();
    assert!(json.contains("\"address\": \"様式1!F12\""), "{json}");
}

/// Every non-empty cell of the workbook, as calamine reads it: `様式1!C12`.
fn non_empty_cells(path: &Path) -> BTreeSet<String> {
    let mut book = calamine::open_workbook_auto(path).unwrap();
    let mut cells = BTreeSet::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        let (row0, col0) = range.start().unwrap_or((0, 0));
        for (row, col, data) in range.used_cells() {
            if matches!(data, Data::String(s) if s.trim().is_empty()) {
                continue;
            }
            let col = col0 + u32::try_from(col).unwrap();
            let letters = column_letters(col);
            cells.insert(format!("{name}!{letters}{}", row0 as usize + row + 1));
        }
    }
    cells
}

fn column_letters(mut col: u32) -> String {
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

#[test]
fn every_non_empty_cell_is_mapped_or_unmapped_exactly_once() {
    let mut names: Vec<PathBuf> = std::fs::read_dir(workbooks())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            WorkbookFormat::from_extension(&p.extension().unwrap().to_string_lossy()).is_some()
        })
        .collect();
    names.sort();
    assert!(names.len() >= 8, "fixtures missing: {names:?}");
    for path in names {
        let imported = import_file(&path, &Template::bundled(), &ImportOptions::default()).unwrap();
        let addresses = imported
            .report
            .entries
            .iter()
            .map(|e| e.address.as_str())
            .collect::<Vec<_>>();
        let listed: BTreeSet<String> = addresses.iter().map(|a| (*a).to_owned()).collect();
        assert_eq!(
            listed.len(),
            addresses.len(),
            "{}: listed twice",
            path.display()
        );
        assert_eq!(listed, non_empty_cells(&path), "{}", path.display());
    }
}

#[test]
fn broken_files_are_clean_errors_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut random = Vec::new();
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    for _ in 0..4096 {
        // xorshift: reproducible bytes without a random-number crate.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        random.push(state.to_le_bytes()[0]);
    }
    for (name, bytes) in [
        ("random.xlsx", random.as_slice()),
        ("random.xls", random.as_slice()),
        ("random.ods", random.as_slice()),
        ("empty.xlsx", &[][..]),
        ("empty.xls", &[][..]),
        ("empty.ods", &[][..]),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let err = import_file(&path, &Template::bundled(), &ImportOptions::default()).unwrap_err();
        assert!(
            matches!(err, ImportError::Unreadable { .. }),
            "{name}: {err}"
        );
        assert!(err.to_string().contains(name), "{err}");
    }
    let missing = import_file(
        &dir.path().join("missing.xlsx"),
        &Template::bundled(),
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert!(matches!(missing, ImportError::Read { .. }), "{missing}");
    let path = dir.path().join("plan.docx");
    std::fs::write(&path, b"x").unwrap();
    let unsupported =
        import_file(&path, &Template::bundled(), &ImportOptions::default()).unwrap_err();
    assert!(
        matches!(unsupported, ImportError::Unsupported { .. }),
        "{unsupported}"
    );
}

#[test]
fn truncated_workbooks_never_panic() {
    for name in [
        "gen-a-ward-merged-labels.xlsx",
        "gen-a-ward.ods",
        "gen-a-ward-biff8.xls",
        "gen-a-ward-cp932.xls",
    ] {
        let bytes = std::fs::read(workbooks().join(name)).unwrap();
        let format = WorkbookFormat::from_extension(name.rsplit('.').next().unwrap()).unwrap();
        for cut in (0..bytes.len()).step_by(bytes.len() / 40 + 1) {
            let result = unei_import::import_workbook_bytes(
                &bytes[..cut],
                name,
                format,
                &Template::bundled(),
                &ImportOptions::default(),
            );
            if let Err(e) = result {
                assert!(
                    matches!(
                        e,
                        ImportError::Unreadable { .. } | ImportError::NoContent { .. }
                    ),
                    "{name} cut at {cut}: {e}"
                );
            }
        }
        // Flipped bytes in the middle: read or refused, never a crash.
        let mut damaged = bytes.clone();
        for i in (bytes.len() / 3..bytes.len() / 2).step_by(97) {
            damaged[i] ^= 0x5a;
        }
        let _ = unei_import::import_workbook_bytes(
            &damaged,
            name,
            format,
            &Template::bundled(),
            &ImportOptions::default(),
        );
    }
}
