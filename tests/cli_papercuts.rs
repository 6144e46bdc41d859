//! The everyday mistakes the CLI must take well: a workbook or page given to `render`, a PDF
//! given as a plan, a folder given to `validate`, an output with the wrong extension, a
//! `batch` of one file or of inputs sharing a name, `new` with nothing to make.

use crate::common::{root, stderr, stdout, unei};

use std::path::Path;

fn text(o: &std::process::Output) -> String {
    format!("{}{}", stdout(o), stderr(o))
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn render_reads_a_workbook_or_page_through_the_importer() {
    let dir = tempfile::tempdir().unwrap();
    for input in [
        "fixtures/workbooks/gen-b-ward.xlsx",
        "fixtures/pages/sample-gen-b-r5-page.txt",
    ] {
        let pdf = dir.path().join("out.pdf");
        let o = unei(&["render", input, "--pdf", arg(&pdf)]);
        assert_eq!(o.status.code(), Some(0), "{input}: {}", text(&o));
        assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"), "{input}");
        std::fs::remove_file(&pdf).unwrap();
    }
}

#[test]
fn a_pdf_or_workbook_given_as_a_plan_is_named_for_what_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("plan.pdf");
    let o = unei(&[
        "render",
        "fixtures/plans/fukushima-r2.json",
        "--pdf",
        arg(&pdf),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let disguised = dir.path().join("plan.json");
    std::fs::copy(&pdf, &disguised).unwrap();
    for command in ["validate", "fonts"] {
        let args: &[&str] = match command {
            "fonts" => &["fonts", "check", arg(&disguised)],
            _ => &["validate", arg(&disguised)],
        };
        let o = unei(args);
        assert_eq!(o.status.code(), Some(1), "{}", text(&o));
        assert!(
            text(&o).contains("is a PDF file, not a plan"),
            "{command}: {}",
            text(&o)
        );
    }
    let workbook = dir.path().join("book.json");
    std::fs::copy(root().join("fixtures/workbooks/gen-b-ward.xlsx"), &workbook).unwrap();
    let o = unei(&["validate", arg(&workbook)]);
    assert!(text(&o).contains("workbook"), "{}", text(&o));
    assert!(text(&o).contains("unei import"), "{}", text(&o));
}

#[test]
fn validate_takes_a_folder() {
    let o = unei(&["validate", "fixtures/plans"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(stderr(&o).contains("4 file(s) checked"), "{}", text(&o));
}

#[test]
fn an_output_with_the_wrong_extension_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (option, name) in [
        ("--pdf", "out.xlsx"),
        ("--xlsx", "out.pdf"),
        ("--html", "out.json"),
    ] {
        let target = dir.path().join(name);
        let o = unei(&[
            "render",
            "fixtures/plans/fukushima-r2.json",
            option,
            arg(&target),
        ]);
        assert_eq!(o.status.code(), Some(2), "{option} {name}: {}", text(&o));
        assert!(
            stderr(&o).contains(name) && stderr(&o).contains(option),
            "{}",
            text(&o)
        );
        assert!(!target.exists());
    }
}

#[test]
fn batch_of_one_file_writes_into_the_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("results");
    let o = unei(&["batch", "fixtures/plans/fukushima-r2.json", "-o", arg(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(out.join("fukushima-r2.pdf").is_file(), "{}", text(&o));
    assert!(!dir.path().join("results.pdf").exists());
}

#[test]
fn batch_inputs_sharing_a_name_never_overwrite_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let copy = |from: &str, to: &str| std::fs::copy(root().join(from), input.join(to)).unwrap();
    copy("fixtures/plans/sample-gen-b-r5.json", "x.json");
    copy("fixtures/workbooks/gen-b-ward.xlsx", "x.xlsx");
    copy("fixtures/pages/sample-gen-b-r5-page.txt", "x.txt");
    let out = dir.path().join("out");
    let o = unei(&[
        "batch",
        arg(&input),
        "-o",
        arg(&out),
        "--format",
        "pdf,html",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    for name in ["x.json", "x.xlsx", "x.txt"] {
        for format in ["pdf", "html"] {
            assert!(
                out.join(format!("{name}.{format}")).is_file(),
                "{name}.{format}: {}",
                text(&o)
            );
        }
        assert!(stderr(&o).contains(&format!("{name}: another input has the same name")));
    }
    assert!(!out.join("x.pdf").exists());
}

#[test]
fn batch_table_aligns_wide_names_counts_pages_and_shows_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let copy = |from: &str, to: &str| std::fs::copy(root().join(from), input.join(to)).unwrap();
    copy("fixtures/plans/fukushima-r2.json", "福島区.json");
    copy("fixtures/plans/sample-gen-b-r5.json", "b.json");
    copy("tests/bad-inputs/negative-amount.json", "broken.json");
    let o = unei(&[
        "batch",
        arg(&input),
        "-o",
        arg(&dir.path().join("out")),
        "--jobs",
        "1",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let out = stdout(&o);
    let table: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("file "))
        .collect();
    let column = |line: &str, word: &str| {
        let at = line
            .find(word)
            .unwrap_or_else(|| panic!("{word} in {line:?}"));
        unicode_columns(&line[..at])
    };
    let result_at = column(table[0], "result");
    let rows: Vec<&&str> = table[1..].iter().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(rows.len(), 4, "three files and the count: {out}");
    for row in &rows[..3] {
        let word = if row.contains("FAILED") {
            "FAILED"
        } else {
            "ok"
        };
        assert_eq!(column(row, word), result_at, "{out}");
    }
    assert!(table.iter().any(|l| l.contains(" pages ")), "{out}");
    let failed = table
        .iter()
        .position(|l| l.starts_with("broken.json"))
        .unwrap();
    let columns: Vec<&str> = table[failed].split_whitespace().collect();
    assert!(
        columns[2] == "-" && columns[3] == "-",
        "a failure is not one warning: {out}"
    );
    assert!(
        table[failed + 1].contains("is not a 千円 amount"),
        "its error follows: {out}"
    );
}

/// Display columns of `text`: 2 for 全角, 1 otherwise (enough for these names).
fn unicode_columns(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

#[test]
fn a_missing_output_folder_is_named_not_the_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("o/t.pdf");
    let o = unei(&[
        "render",
        "fixtures/plans/fukushima-r2.json",
        "--pdf",
        arg(&pdf),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        stderr(&o).contains(&format!(
            "{}: cannot write: its folder does not exist",
            pdf.display()
        )),
        "{}",
        text(&o)
    );
    assert!(!stderr(&o).contains("o/.tmp"), "{}", text(&o));
}

#[test]
fn new_refuses_no_issues_and_an_empty_name() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.json");
    let base = ["new", "--kind", "区", "--year", "令和7", "-o", arg(&plan)];
    for extra in [
        &["--name", "福島区", "--issues", "0"][..],
        &["--name", ""][..],
        &["--name", "  "][..],
    ] {
        let o = unei(&[&base[..], extra].concat());
        assert_eq!(o.status.code(), Some(2), "{extra:?}: {}", text(&o));
        assert!(!plan.exists(), "{extra:?}");
    }
}

#[test]
fn man_lists_only_pages_it_produces() {
    let mut queue = referenced_pages(&[]);
    assert!(queue.contains(&"validate".to_owned()), "{queue:?}");
    let mut seen = Vec::new();
    while let Some(name) = queue.pop() {
        if seen.contains(&name) {
            continue;
        }
        let o = unei(&["man", &name]);
        assert_eq!(o.status.code(), Some(0), "unei man {name}: {}", text(&o));
        assert!(
            stdout(&o).contains(&format!(".TH unei-{name} ")),
            "unei man {name}"
        );
        queue.extend(referenced_pages(&[&name]));
        seen.push(name);
    }
    assert!(seen.contains(&"fonts-check".to_owned()), "{seen:?}");
}

/// The `unei-NAME(1)` pages the man page of `page` refers to.
fn referenced_pages(page: &[&str]) -> Vec<String> {
    let args: Vec<&str> = ["man"].iter().chain(page).copied().collect();
    stdout(&unei(&args))
        .replace("\\-", "-")
        .split_whitespace()
        .filter_map(|w| w.strip_prefix("unei-")?.strip_suffix("(1)"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn show_source_is_offered_only_where_it_shows_something() {
    for command in [&["schema"][..], &["man"], &["completions", "bash"]] {
        let o = unei(&[command, &["--show-source"][..]].concat());
        assert_eq!(o.status.code(), Some(2), "{command:?}: {}", text(&o));
        let help = stdout(&unei(&[command, &["--help"][..]].concat()));
        assert!(!help.contains("--show-source"), "{command:?}: {help}");
    }
    let o = unei(&[
        "validate",
        "--show-source",
        "tests/bad-inputs/negative-amount.json",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        stdout(&o).contains("^"),
        "a caret under the problem: {}",
        text(&o)
    );
}
