//! The HTML report of `unei diff`, checked as a browser sees it: tests/browser/check.mjs opens
//! it in headless Chromium, runs axe (WCAG 2.0/2.1 A and AA), takes screenshots at 1280 and 375
//! px, and runs the Nu HTML Checker. A deliberately broken page must fail the same harness, so
//! a harness that passes everything is caught. Needs node, java, /usr/bin/chromium and
//! `npm ci` in tests/browser: `bash tests/browser/setup.sh` installs them; without them this
//! test fails, it never skips.

use crate::common::{root, unei};

use std::path::Path;
use std::process::{Command, Output};

const SETUP: &str =
    "run `bash tests/browser/setup.sh` (installs chromium, a JRE and the npm packages)";

pub fn require_tools() {
    let browser = root().join("tests/browser");
    let missing: Vec<&str> = [
        (
            "node",
            Command::new("node").arg("--version").output().is_ok(),
        ),
        (
            "java",
            Command::new("java").arg("-version").output().is_ok(),
        ),
        ("/usr/bin/chromium", Path::new("/usr/bin/chromium").exists()),
        (
            "tests/browser/node_modules",
            browser.join("node_modules/playwright-core").exists()
                && browser.join("node_modules/axe-core").exists()
                && browser.join("node_modules/vnu-jar").exists(),
        ),
    ]
    .into_iter()
    .filter(|(_, present)| !present)
    .map(|(name, _)| name)
    .collect();
    assert!(
        missing.is_empty(),
        "browser checks need {missing:?}: {SETUP}"
    );
}

fn check(out: &Path, pages: &[&Path]) -> Output {
    Command::new("node")
        .arg(root().join("tests/browser/check.mjs"))
        .arg("--out")
        .arg(out)
        .args(pages)
        .output()
        .unwrap()
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(path: &Path) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(
        &bytes[..8],
        b"\x89PNG\r\n\x1a\n",
        "{} is not a PNG",
        path.display()
    );
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

#[test]
fn diff_report_passes_axe_and_the_html_checker() {
    require_tools();
    let dir = tempfile::tempdir().unwrap();
    let case = "fixtures/diff/year-over-year";
    let mut pages = Vec::new();
    for lang in ["ja", "en"] {
        let page = dir.path().join(format!("diff-{lang}.html"));
        let o = unei(&[
            "--lang",
            lang,
            "diff",
            &format!("{case}/old.json"),
            &format!("{case}/new.json"),
            "--format",
            "html",
            "-o",
            page.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(1), "{}", crate::common::stderr(&o));
        pages.push(page);
    }
    let shots = dir.path().join("shots");
    let refs: Vec<&Path> = pages.iter().map(|p| p.as_path()).collect();
    let o = check(&shots, &refs);
    let report = format!("{}{}", crate::common::stdout(&o), crate::common::stderr(&o));
    assert_eq!(o.status.code(), Some(0), "{report}");
    for lang in ["ja", "en"] {
        assert!(report.contains(&format!("diff-{lang}: axe ")), "{report}");
        assert!(report.contains(" 0 violated"), "{report}");
        for width in [1280, 375] {
            let (w, h) = png_size(&shots.join(format!("diff-{lang}-{width}.png")));
            assert_eq!(w, width, "screenshot width");
            assert!(
                h > 900,
                "a full-page screenshot of the whole report: {h} px"
            );
        }
    }
    assert!(report.contains("vnu: no errors"), "{report}");
}

#[test]
fn a_broken_page_fails_the_harness() {
    require_tools();
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("broken.html");
    // No lang, an image without text, grey on grey, a script from elsewhere (loopback only),
    // and an element the HTML checker rejects.
    std::fs::write(
        &page,
        "<!DOCTYPE html><html><head><meta charset=\"UTF-8\"><title>broken</title>\
         <script src=\"http://127.0.0.1:9/x.js\"></script></head><body><main>\
         <img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\">\
         <p style=\"color:#aaa;background:#bbb\">読みにくい文字</p><center>old</center>\
         </main></body></html>",
    )
    .unwrap();
    let o = check(&dir.path().join("shots"), &[page.as_path()]);
    let report = format!("{}{}", crate::common::stdout(&o), crate::common::stderr(&o));
    assert_eq!(o.status.code(), Some(1), "{report}");
    for expected in [
        "axe html-has-lang",
        "axe image-alt",
        "axe color-contrast",
        "loads a resource from elsewhere: http://127.0.0.1:9/x.js",
        "center",
        "vnu: errors found",
    ] {
        assert!(
            report.contains(expected),
            "{expected:?} missing from:\n{report}"
        );
    }
}

/// `NAME: WIDTH px: text N px from the screen edges, page W px wide` lines of a report.
fn text_room(report: &str, name: &str, width: u32) -> (u32, u32) {
    let prefix = format!("{name}: {width} px: text ");
    let line = report
        .lines()
        .find_map(|l| l.strip_prefix(&prefix))
        .unwrap_or_else(|| panic!("no {prefix:?} line in\n{report}"));
    let numbers: Vec<u32> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    (numbers[0], numbers[1])
}

/// Every fixture's web page in a real browser: 0 axe violations (WCAG 2.1 AA), 0 errors of
/// the Nu HTML checker, text at least 12 px from the screen edges and no sideways scrolling on
/// a 375 px phone. The screenshots are kept in target/browser-shots/ for people to look at.
#[test]
fn plan_pages_pass_axe_and_the_html_checker() {
    require_tools();
    let dir = tempfile::tempdir().unwrap();
    let mut pages = Vec::new();
    for name in crate::common::plan_fixtures() {
        let page = dir.path().join(format!("{name}.html"));
        let plan = format!("fixtures/plans/{name}.json");
        let o = unei(&["render", &plan, "--html", page.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{}", crate::common::stderr(&o));
        pages.push(page);
    }
    let shots = root().join("target/browser-shots");
    let refs: Vec<&Path> = pages.iter().map(|p| p.as_path()).collect();
    let o = check(&shots, &refs);
    let report = format!("{}{}", crate::common::stdout(&o), crate::common::stderr(&o));
    assert_eq!(o.status.code(), Some(0), "{report}");
    assert!(report.contains("vnu: no errors"), "{report}");
    for name in crate::common::plan_fixtures() {
        assert!(
            report
                .lines()
                .any(|l| l.starts_with(&format!("{name}: axe ")) && l.ends_with(" 0 violated")),
            "{name}: {report}"
        );
        for width in [1280, 375] {
            let (w, _) = png_size(&shots.join(format!("{name}-{width}.png")));
            assert_eq!(w, width, "screenshot width");
            let (edge, page_width) = text_room(&report, &name, width);
            assert!(
                edge >= 12,
                "{name} at {width} px: text {edge} px from the edge"
            );
            assert_eq!(
                page_width, width,
                "{name}: sideways scrolling at {width} px"
            );
        }
    }
}
