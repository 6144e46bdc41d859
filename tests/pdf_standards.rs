//! The PDF of every fixture plan, as `unei render` writes it by default (PDF/A-2a + PDF/UA-1),
//! through outside checks: `../shared/tools/pdf-standards-check` (the PDF/UA-1 and PDF/A-2
//! machine-checkable checklist, pikepdf + fontTools from the venv tests/run.sh makes) with
//! 0 FAIL, `pdfinfo` saying Tagged: yes, `qpdf --check` clean. The PDF/A-2b file passes the
//! checklist's PDF/A rows.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common;

/// The Python that has pikepdf and fontTools: `UNEI_TOOLS_PYTHON`, else tests/run.sh's venv.
fn tools_python() -> PathBuf {
    let python = std::env::var_os("UNEI_TOOLS_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| common::root().join(".venv-tools/bin/python"));
    let ok = Command::new(&python)
        .args(["-c", "import pikepdf, fontTools"])
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        ok,
        "{} cannot import pikepdf and fontTools: run tests/run.sh (it makes .venv-tools) or set UNEI_TOOLS_PYTHON",
        python.display()
    );
    python
}

fn checklist(python: &Path, pdf: &Path) -> (bool, String) {
    let tool = common::root().join("../shared/tools/pdf-standards-check");
    assert!(tool.exists(), "{} is missing", tool.display());
    let o = Command::new(python).arg(&tool).arg(pdf).output().unwrap();
    let out = common::stdout(&o) + &common::stderr(&o);
    (o.status.success(), out)
}

fn render(plan: &str, pdf: &Path, standard: &str) {
    let o = common::unei(&[
        "render",
        plan,
        "--pdf",
        pdf.to_str().unwrap(),
        "--pdf-standard",
        standard,
    ]);
    assert!(o.status.success(), "{plan}: {}", common::stderr(&o));
}

fn tool(name: &str, args: &[&str]) -> std::process::Output {
    Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} is needed (tests/run.sh installs it): {e}"))
}

#[test]
fn every_fixture_pdf_passes_the_standards_checklist_and_is_tagged() {
    let python = tools_python();
    let dir = tempfile::tempdir().unwrap();
    for stem in common::plan_fixtures() {
        let plan = format!("fixtures/plans/{stem}.json");
        let pdf = dir.path().join(format!("{stem}.pdf"));
        render(&plan, &pdf, "a-2a+ua-1");
        let (ok, out) = checklist(&python, &pdf);
        assert!(ok && out.contains(": 0 FAIL of "), "{stem}:\n{out}");
        let info = common::stdout(&tool("pdfinfo", &[pdf.to_str().unwrap()]));
        assert!(
            info.lines()
                .any(|l| l.starts_with("Tagged:") && l.ends_with("yes")),
            "{stem}: {info}"
        );
        let qpdf = tool("qpdf", &["--check", pdf.to_str().unwrap()]);
        assert!(
            qpdf.status.success()
                && common::stdout(&qpdf).contains("No syntax or stream encoding errors"),
            "{stem}: {}{}",
            common::stdout(&qpdf),
            common::stderr(&qpdf)
        );
    }
}

#[test]
fn the_archival_pdf_passes_the_pdfa_rows() {
    let python = tools_python();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("a-2b.pdf");
    render("fixtures/plans/fukushima-r2.json", &pdf, "a-2b");
    let (_, out) = checklist(&python, &pdf);
    let pdfa_fails: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("FAIL") && l.contains(" A-2b "))
        .collect();
    assert!(pdfa_fails.is_empty(), "{out}");
    let claims_pdfa = |row: &str| {
        out.lines()
            .any(|l| l.starts_with("PASS") && l.contains(row))
    };
    assert!(claims_pdfa("6.6.4-1") && claims_pdfa("6.2.4.3"), "{out}");
}
