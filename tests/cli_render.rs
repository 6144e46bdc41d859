//! Drives `unei render` and checks the PDF for real: text layer (pdftotext), fonts
//! (pdffonts), structure (qpdf --check), 禁則 (the shared kinsoku-check), determinism, and
//! what happens with bad input.

use crate::common::{root, stderr, stdout, tool, tool_reporting, unei};

use std::path::{Path, PathBuf};
use std::process::Command;

fn render(plan: &str, dir: &Path) -> PathBuf {
    let o = unei(&["render", plan, "-o", dir.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let stem = Path::new(plan)
        .file_stem()
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    dir.join(format!("{stem}.pdf"))
}

const PLANS: [&str; 4] = [
    "fixtures/plans/fukushima-r2.json",
    "fixtures/plans/sample-gen-b-r5.json",
    "fixtures/plans/sample-form2-r1.json",
    "fixtures/plans/stress-kinsoku.json",
];

/// Lines of text per page as `(page, centre y, text without spaces)`, sorted by position.
type Lines = Vec<(usize, f32, String)>;

fn pdf_lines(pdf: &Path) -> Lines {
    let o = tool("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let html = String::from_utf8(o.stdout).unwrap();
    let mut words: Vec<(usize, f32, f32, String)> = Vec::new();
    let mut page = 0;
    for line in html.lines() {
        if line.trim_start().starts_with("<page ") {
            page += 1;
        }
        let Some(rest) = line.trim_start().strip_prefix("<word ") else {
            continue;
        };
        let attr = |name: &str| -> f32 {
            let start = rest.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
            rest[start..].split('"').next().unwrap().parse().unwrap()
        };
        let text = rest.split_once('>').unwrap().1.trim_end_matches("</word>");
        let text = text
            .replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"");
        words.push((
            page - 1,
            (attr("yMin") + attr("yMax")) / 2.0,
            attr("xMin"),
            text,
        ));
    }
    group_lines(words)
}

fn group_lines(mut words: Vec<(usize, f32, f32, String)>) -> Lines {
    words.sort_by(|a, b| (a.0, a.1, a.2).partial_cmp(&(b.0, b.1, b.2)).unwrap());
    let mut lines: Lines = Vec::new();
    for (page, y, _, text) in words {
        match lines.last_mut() {
            Some((p, ly, t)) if *p == page && (*ly - y).abs() < 1.5 => t.push_str(&text),
            _ => lines.push((page, y, text)),
        }
    }
    for line in &mut lines {
        line.2.retain(|c| !c.is_whitespace());
    }
    lines
}

fn layout_lines(plan: &str) -> Lines {
    let template = unei_core::Template::bundled();
    let text = std::fs::read_to_string(root().join(plan)).unwrap();
    let plan = unei_core::plan_from_str(&text, plan).unwrap();
    let fonts = unei_render::template_fonts(&template).unwrap();
    let doc = unei_render::layout(&plan, &template, &fonts).unwrap();
    let mut words = Vec::new();
    for page in 0..doc.pages.len() {
        for run in doc.runs(page) {
            let centre = run.glyph_box.y + run.glyph_box.h / 2.0;
            words.push((page, centre, run.x, run.text.clone()));
        }
    }
    group_lines(words)
}

#[test]
fn pdf_text_layer_equals_the_layout_line_by_line() {
    let dir = tempfile::tempdir().unwrap();
    for plan in PLANS {
        let pdf = render(plan, dir.path());
        let extracted = pdf_lines(&pdf);
        let expected = layout_lines(plan);
        assert_eq!(extracted.len(), expected.len(), "{plan}: line count");
        for (got, want) in extracted.iter().zip(&expected) {
            assert_eq!((got.0, &got.2), (want.0, &want.2), "{plan}");
            assert!(
                (got.1 - want.1).abs() < 1.5,
                "{plan}: {:?} at y {} instead of {}",
                got.2,
                got.1,
                want.1
            );
        }
    }
}

#[test]
fn fonts_are_embedded_subsets_with_unicode_maps() {
    let dir = tempfile::tempdir().unwrap();
    for plan in PLANS {
        let pdf = render(plan, dir.path());
        let o = tool("pdffonts", &[pdf.to_str().unwrap()]);
        let out = String::from_utf8(o.stdout).unwrap();
        let fonts: Vec<&str> = out.lines().skip(2).collect();
        assert!(!fonts.is_empty(), "{out}");
        let mut faces = Vec::new();
        for line in &fonts {
            let cols: Vec<&str> = line.split_whitespace().collect();
            let (name, flags) = (cols[0], &cols[cols.len() - 5..cols.len() - 2]);
            assert_eq!(flags, &["yes", "yes", "yes"], "{plan}: {line}");
            assert!(
                line.contains("CID TrueType") && line.contains("Identity-H"),
                "{line}"
            );
            let (tag, face) = name.split_once('+').unwrap();
            assert!(
                tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
                "{name}"
            );
            faces.push(face.to_owned());
        }
        let n = faces.len();
        faces.dedup();
        assert_eq!(faces.len(), n, "{plan}: one subset per face: {out}");
    }
}

#[test]
fn qpdf_check_and_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = render("fixtures/plans/fukushima-r2.json", dir.path());
    let o = tool("qpdf", &["--check", pdf.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let info = String::from_utf8(tool("pdfinfo", &[pdf.to_str().unwrap()]).stdout).unwrap();
    for expected in [
        "Title:           令和2年度 福島区運営方針",
        "Author:          福島区",
        "Page size:       595.276 x 841.89 pts (A4)",
        "CreationDate:    Tue Nov 14 22:13:20 2023 UTC",
    ] {
        assert!(info.contains(expected), "{expected:?} not in {info}");
    }
    let o = tool("qpdf", &["--json", pdf.to_str().unwrap()]);
    let json = String::from_utf8(o.stdout).unwrap();
    assert!(
        json.contains("\"/Lang\": \"u:ja\""),
        "no /Lang ja in the catalog"
    );
    let o = tool(
        "qpdf",
        &["--json", "--json-key=outlines", pdf.to_str().unwrap()],
    );
    let json = String::from_utf8(o.stdout).unwrap();
    for title in [
        "◆計画",
        "【経営課題1 人と人がつながり支え合うまちづくり】",
        "「市政改革プラン3.0」に基づく取組等（様式3）",
    ] {
        assert!(json.contains(title), "bookmark {title} missing: {json}");
    }
}

#[test]
fn same_input_and_epoch_give_the_same_bytes() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let first = std::fs::read(render("fixtures/plans/sample-form2-r1.json", a.path())).unwrap();
    let second = std::fs::read(render("fixtures/plans/sample-form2-r1.json", b.path())).unwrap();
    assert!(first == second, "renders differ");
    let o = Command::new(env!("CARGO_BIN_EXE_unei"))
        .env("LC_ALL", "C.UTF-8")
        .args(["render", "fixtures/plans/sample-form2-r1.json", "--pdf"])
        .arg(a.path().join("later.pdf"))
        .current_dir(root())
        .env("SOURCE_DATE_EPOCH", "1800000000")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_ne!(
        std::fs::read(a.path().join("later.pdf")).unwrap(),
        first,
        "the date is in the file"
    );
}

#[test]
fn shared_kinsoku_check_finds_no_violation() {
    let dir = tempfile::tempdir().unwrap();
    for plan in PLANS {
        let pdf = render(plan, dir.path());
        // Exit 1 is the checker's "violations found"; any other failure is the tool's own.
        let checker = root().join("../shared/tools/kinsoku-check");
        let o = tool_reporting(&checker, &[pdf.to_str().unwrap()], Some(1));
        // A Python error exits 1 as well, with its traceback on stderr.
        assert!(
            o.stderr.is_empty(),
            "{plan}: kinsoku-check itself failed:\n{}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert_eq!(
            o.status.code(),
            Some(0),
            "{plan}: kinsoku-check found violations:\n{}",
            String::from_utf8_lossy(&o.stdout)
        );
    }
}

#[test]
fn missing_glyph_is_a_warning_and_an_error_with_strict() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("fixtures/plans/fukushima-r2.json")).unwrap();
    let plan = dir.path().join("yoshi.json");
    std::fs::write(
        &plan,
        text.replacen(
            "区政会議の効果的な運営",
            "𠮷野家と区政会議の効果的な運営",
            1,
        ),
    )
    .unwrap();
    let out = dir.path().join("yoshi.pdf");
    let args = [
        "render",
        plan.to_str().unwrap(),
        "--pdf",
        out.to_str().unwrap(),
    ];
    let o = unei(&args);
    assert_eq!(o.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("warning: issues[3].initiatives[0]: no font can draw '𠮷' (U+20BB7)"),
        "{stdout}"
    );
    let strict = [&args[..], &["--strict"]].concat();
    std::fs::remove_file(&out).unwrap();
    let o = unei(&strict);
    assert_eq!(o.status.code(), Some(1));
    assert!(!out.exists(), "no output with --strict");
}

#[test]
fn invalid_plan_or_unwritable_target_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("fixtures/plans/fukushima-r2.json")).unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, text.replacen("(231千円)", "2,78千円", 1)).unwrap();
    let o = unei(&[
        "render",
        bad.to_str().unwrap(),
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!dir.path().join("bad.pdf").exists());
    let o = unei(&[
        "render",
        "fixtures/plans/fukushima-r2.json",
        "--pdf",
        dir.path().join("no/such/dir/x.pdf").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let o = unei(&["render", "fixtures/plans/fukushima-r2.json"]);
    assert_eq!(o.status.code(), Some(2), "no target given");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "only bad.json, no temp files: {names:?}");
}

/// The page's markup as the accessibility rules want it: no inline styles, a caption on
/// every table, no column-group scope without a `<colgroup>`, and the budget as a table
/// 取組 | 予算額 with each amount in a cell of its own.
fn assert_accessible_markup(name: &str, page: &str) {
    assert!(
        page.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"),
        "{name}"
    );
    assert!(
        !page.contains(" style="),
        "{name}: an inline style attribute"
    );
    let tables: Vec<&str> = page.split("<table").skip(1).collect();
    assert!(!tables.is_empty(), "{name}: no table");
    for table in tables {
        let after_tag = table.split_once(">\n").map_or("", |(_, rest)| rest);
        assert!(
            after_tag.starts_with("<caption"),
            "{name}: a table without a caption: <table{}",
            &table[..table.len().min(200)]
        );
    }
    if page.contains("scope=\"colgroup\"") {
        assert!(
            page.contains("<colgroup"),
            "{name}: colgroup scope without a colgroup"
        );
    }
    assert!(
        page.contains("padding:.5em 1em 2em"),
        "{name}: body keeps text off the screen edge"
    );
}

#[test]
fn html_pages_are_accessible_and_read_back_into_the_same_plan() {
    let dir = tempfile::tempdir().unwrap();
    for name in crate::common::plan_fixtures() {
        let source = root().join(format!("fixtures/plans/{name}.json"));
        let html = dir.path().join(format!("{name}.html"));
        let o = unei(&[
            "render",
            source.to_str().unwrap(),
            "--html",
            html.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        let page = std::fs::read_to_string(&html).unwrap();
        assert_accessible_markup(&name, &page);
        let back = dir.path().join(format!("{name}.back.json"));
        let organisation = crate::common::fixture_organisation(&name);
        let o = unei(&[
            "import",
            html.to_str().unwrap(),
            "--organisation",
            &organisation,
            "-o",
            back.to_str().unwrap(),
        ]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{name}: {}",
            String::from_utf8_lossy(&o.stdout)
        );
        assert_eq!(
            crate::common::without_provenance(&back),
            crate::common::without_provenance(&source),
            "{name}"
        );
    }
}

#[test]
fn html_budget_is_a_table_of_initiatives_and_amounts() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("page.html");
    let o = unei(&[
        "render",
        "fixtures/plans/fukushima-r2.json",
        "--html",
        html.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = std::fs::read_to_string(&html).unwrap();
    for expected in [
        "<caption class=\"sr-only\">【経営課題1 人と人がつながり支え合うまちづくり】</caption>\n\
         <thead><tr><th scope=\"col\">経営課題の概要</th><th scope=\"col\">主な戦略</th></tr></thead>",
        "<caption>主な具体的取組（2年度予算額）</caption>\n\
         <thead><tr><th scope=\"col\">取組</th><th scope=\"col\">予算額</th></tr></thead>",
        "<tr><td>・自主防災組織の防災活動・訓練への支援</td><td class=\"amount\">(2,781千円)</td></tr>",
        "<li>・地域の福祉活動</li>",
        "<th scope=\"row\" class=\"item\">経常経費の削減</th>",
    ] {
        assert!(page.contains(expected), "{expected:?} missing from\n{page}");
    }
    assert_eq!(
        page.matches("<td class=\"amount\">(").count(),
        11,
        "every amount of the plan in a cell of its own"
    );
}

#[test]
fn template_bold_face_is_embedded_and_used_for_labels() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("bold.pdf");
    let o = unei(&[
        "render",
        "fixtures/plans/fukushima-r2.json",
        "--pdf",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let fonts = String::from_utf8(tool("pdffonts", &[pdf.to_str().unwrap()]).stdout).unwrap();
    assert!(
        fonts.contains("+BIZUDGothic-Regular") && fonts.contains("+BIZUDGothic-Bold"),
        "the default template embeds BIZ UDGothic and its real Bold face: {fonts}"
    );
    let extracted = pdf_lines(&pdf);
    assert!(
        extracted
            .iter()
            .any(|(_, _, t)| t == "区・局の目標（何をめざすのか）"),
        "labels still extract exactly"
    );
    // The bundled IPAex template has no bold face: one face, labels fake bold.
    let ipaex = dir.path().join("ipaex.pdf");
    let o = unei(&[
        "render",
        "--template",
        "osaka-ipaex",
        "fixtures/plans/fukushima-r2.json",
        "--pdf",
        ipaex.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let fonts = String::from_utf8(tool("pdffonts", &[ipaex.to_str().unwrap()]).stdout).unwrap();
    assert!(fonts.contains("+IPAexGothic"), "{fonts}");
    assert!(!fonts.contains("BIZUD"), "{fonts}");
}

#[test]
fn tabs_are_warned_at_their_place_and_printed_as_space_never_as_geta() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("fixtures/plans/fukushima-r2.json")).unwrap();
    let from = "区政会議の効果的な運営";
    let tabbed = text.replacen(from, "区政会議の\\t効果的な運営", 1);
    let plan = dir.path().join("tab.json");
    std::fs::write(&plan, &tabbed).unwrap();
    let offset = tabbed.find("\\t効果").unwrap();
    let line = tabbed[..offset].matches('\n').count() + 1;
    let column = tabbed[..offset]
        .rsplit('\n')
        .next()
        .unwrap()
        .chars()
        .count()
        + 1;
    let o = unei(&["validate", plan.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "a tab is a warning: {}",
        stdout(&o)
    );
    let said = stdout(&o);
    let at = format!("{}:{line}:{column}: warning: ", plan.display());
    assert!(
        said.contains(&at) && said.contains("contains a tab"),
        "{at} in {said}"
    );
    let pdf = dir.path().join("tab.pdf");
    let o = unei(&[
        "render",
        plan.to_str().unwrap(),
        "--pdf",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stdout(&o).contains("no font can draw"), "{}", stdout(&o));
    let o = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    let extracted = String::from_utf8(o.stdout).unwrap();
    assert!(!extracted.contains('〓'), "no stand-in printed for the tab");
    assert!(extracted.contains("区政会議の"), "{extracted}");
    // Japanese messages name the same place.
    let o = unei(&["--lang", "ja", "validate", plan.to_str().unwrap()]);
    assert!(
        stdout(&o).contains("タブが含まれています"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn bold_font_option_takes_a_family_weight_700_face_or_fails_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("bold.pdf");
    let plan = "fixtures/plans/fukushima-r2.json";
    // IPAex has no bold face: an error (exit 2), not the Regular face embedded twice.
    let o = unei(&[
        "render",
        plan,
        "--pdf",
        pdf.to_str().unwrap(),
        "--bold-font",
        "IPAexGothic",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("has no bold face (weight 700)"),
        "{}",
        stderr(&o)
    );
    assert!(!pdf.exists());
    let o = unei(&[
        "--lang",
        "ja",
        "render",
        plan,
        "--pdf",
        pdf.to_str().unwrap(),
        "--bold-font",
        "IPAexGothic",
    ]);
    assert!(
        stderr(&o).contains("太字（ウェイト 700）の書体がありません"),
        "{}",
        stderr(&o)
    );
    // An installed family with a Bold face: its Bold face draws what it has (the digits of
    // the labels), fake bold the rest.
    let o = unei(&[
        "render",
        plan,
        "--pdf",
        pdf.to_str().unwrap(),
        "--bold-font",
        "DejaVu Sans",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let fonts = String::from_utf8(tool("pdffonts", &[pdf.to_str().unwrap()]).stdout).unwrap();
    assert!(fonts.contains("+DejaVuSans-Bold"), "{fonts}");
    assert!(!fonts.contains("BIZUDGothic-Bold"), "{fonts}");
}

#[test]
fn a_fallback_font_is_tried_before_the_stand_in() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("fixtures/plans/fukushima-r2.json")).unwrap();
    let plan = dir.path().join("interrobang.json");
    std::fs::write(&plan, text.replacen("区政会議の", "区政会議‽の", 1)).unwrap();
    let pdf = dir.path().join("out.pdf");
    let args = [
        "render",
        plan.to_str().unwrap(),
        "--pdf",
        pdf.to_str().unwrap(),
    ];
    // Neither BIZ UDGothic nor IPAex has ‽: reported and printed as 〓.
    let o = unei(&args);
    assert!(
        stdout(&o).contains("no font can draw '‽'"),
        "{}",
        stdout(&o)
    );
    // DejaVu Sans has it: with --fallback-font no warning, the glyph from DejaVu.
    let dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    let o = unei(&[&args[..], &["--fallback-font", dejavu]].concat());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stdout(&o).contains("no font can draw"), "{}", stdout(&o));
    let fonts = String::from_utf8(tool("pdffonts", &[pdf.to_str().unwrap()]).stdout).unwrap();
    assert!(fonts.contains("+DejaVuSans"), "{fonts}");
    let extracted =
        String::from_utf8(tool("pdftotext", &[pdf.to_str().unwrap(), "-"]).stdout).unwrap();
    assert!(extracted.contains("区政会議‽の"), "{extracted}");
}

/// The outside check (`bench/line_shortfall.py`, from the PDF alone): no line of the example
/// or of the stress plan that continues a paragraph ends more than 0.1 em short of its measure.
#[test]
fn justified_lines_reach_their_measure_by_an_outside_check() {
    let dir = tempfile::tempdir().unwrap();
    for plan in [
        "fixtures/plans/fukushima-r2.json",
        "fixtures/plans/stress-kinsoku.json",
    ] {
        let pdf = render(plan, dir.path());
        let o = Command::new("python3")
            .arg(root().join("bench/line_shortfall.py"))
            .arg(&pdf)
            .arg("--json")
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "bench/line_shortfall.py needs `pip install pdfplumber` (tests/run.sh installs it): {}",
            stderr(&o)
        );
        let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let file = &report[0];
        assert!(file["non_final_lines"].as_u64().unwrap() > 20, "{file}");
        assert_eq!(file["short"]["> 0.1 em"], 0, "{plan}: {file}");
    }
}
