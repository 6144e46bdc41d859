//! `--lang ja` (and a Japanese locale) is complete: every subcommand, run on the fixtures
//! through its successes and its everyday failures, prints no English word of unei's own.
//! What may stay in Latin letters is listed: file names, JSON and template paths, format and
//! font names, option names, the tool's name.

use std::path::Path;
use std::process::Command;

use crate::common::{command, root};
use crate::serve::{PLAN, Part, Server, WORKBOOK, fixture, read_all, zip_of};

/// A plan with a negative amount (a validation error).
const NEGATIVE: &str = "tests/bad-inputs/negative-amount.json";

/// Words that are names, not English: formats, units, fonts, the tool.
const ALLOWED: &[&str] = &[
    "unei",
    "PDF",
    "XLSX",
    "HTML",
    "JSON",
    "TOML",
    "MiB",
    "pt",
    "ms",
    "BIZ",
    "UDGothic",
    "IPAexGothic",
    "IPAexMincho",
    "Bold",
    "TrueType",
    "OpenType",
    "FILE",
    "DIR",
    "RRGGBB",
    "Letter",
];

/// Every subcommand's successes and failures, as arguments (`T` is the scratch folder).
fn runs() -> Vec<Vec<&'static str>> {
    let plan = "fixtures/plans/fukushima-r2.json";
    vec![
        vec!["validate", plan, "tests/bad-inputs/negative-amount.json"],
        vec![
            "validate",
            "tests/bad-inputs/unknown-field.json",
            "T/none.json",
        ],
        vec!["validate", "tests/bad-inputs/missing-required-field.json"],
        vec!["validate", "--template", "T/bad-template.toml", plan],
        vec!["render", plan, "-o", "T/out"],
        vec!["render", plan],
        vec!["render", plan, "--pdf", "T/no-such-folder/x.pdf"],
        vec![
            "render",
            "tests/bad-inputs/yoshi-missing-glyph.json",
            "--pdf",
            "T/y.pdf",
        ],
        vec![
            "render",
            "tests/bad-inputs/negative-amount.json",
            "--pdf",
            "T/n.pdf",
        ],
        vec!["render", plan, "--xlsx", plan],
        vec!["batch", "T/in", "-o", "T/batch"],
        vec!["batch", "T/in", "-o", "T/batch", "--quiet"],
        vec!["batch", "T/none", "-o", "T/batch"],
        vec![
            "import",
            "fixtures/workbooks/gen-a-unmapped-note.xlsx",
            "-o",
            "T/p.json",
        ],
        vec![
            "import",
            "fixtures/workbooks/gen-a-unmapped-note.xlsx",
            "-o",
            "T/p.json",
        ],
        vec![
            "import",
            "fixtures/workbooks/gen-a-unmapped-note.xlsx",
            "-o",
            "T/q.json",
            "--template",
            "T/bad-import.toml",
        ],
        vec![
            "diff",
            "fixtures/diff/amount-changed/old.json",
            "fixtures/diff/amount-changed/new.json",
        ],
        vec!["diff", plan, "T/none.json"],
        vec![
            "new",
            "--kind",
            "区",
            "--name",
            "福島区",
            "--year",
            "令和7",
            "-o",
            "T/new.json",
        ],
        vec![
            "new",
            "--kind",
            "区",
            "--name",
            "福島区",
            "--year",
            "令和7",
            "-o",
            "T/new.json",
        ],
        vec![
            "new",
            "--kind",
            "区",
            "--name",
            "福島区",
            "--year",
            "平成99",
            "-o",
            "T/n2.json",
        ],
        vec!["fonts", "check", "fixtures/plans"],
        vec![
            "fonts",
            "check",
            "tests/bad-inputs/yoshi-missing-glyph.json",
        ],
        vec!["schema", "-o", "T/schema.json"],
        vec!["schema", "-o", "T/no-such-folder/schema.json"],
    ]
}

/// A scratch folder with a batch input (a plan, a workbook of the same stem, a broken plan),
/// a template with a problem and one whose import rules have one.
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    let copy = |from: &str, to: &str| std::fs::copy(root().join(from), input.join(to)).unwrap();
    copy("fixtures/plans/fukushima-r2.json", "x.json");
    copy("fixtures/workbooks/gen-a-unmapped-note.xlsx", "x.xlsx");
    copy("tests/bad-inputs/negative-amount.json", "福島区.json");
    let template = "extends = \"osaka-default\"\n[page]\nsize = \"A9\"\n";
    std::fs::write(dir.path().join("bad-template.toml"), template).unwrap();
    let import = "extends = \"osaka-default\"\n[import]\namount_format = \"千円\"\n";
    std::fs::write(dir.path().join("bad-import.toml"), import).unwrap();
    dir
}

/// The output of every run, the scratch folder's path written as `T`.
fn outputs(set_language: impl Fn(&mut Command, &[String])) -> Vec<(String, String)> {
    let dir = scratch();
    let scratch = dir.path().to_str().unwrap().to_owned();
    runs()
        .into_iter()
        .map(|args| {
            let args: Vec<String> = args.iter().map(|a| in_scratch(a, &scratch)).collect();
            let mut cmd = command();
            set_language(&mut cmd, &args);
            let o = cmd.output().unwrap();
            let text = format!(
                "{}{}",
                String::from_utf8_lossy(&o.stdout),
                String::from_utf8_lossy(&o.stderr)
            );
            (
                args.join(" ").replace(&scratch, "T"),
                text.replace(&scratch, "T"),
            )
        })
        .collect()
}

/// `T/…` arguments point into the scratch folder.
fn in_scratch(arg: &str, scratch: &str) -> String {
    match arg.strip_prefix("T/") {
        Some(rest) => format!("{scratch}/{rest}"),
        None => arg.to_owned(),
    }
}

/// The English words left once names, paths and identifiers are taken out.
fn english_words(text: &str, keys: &[String]) -> Vec<String> {
    let mut words = Vec::new();
    // `…` quotes a name: a field of the input or of the schema.
    let unquoted: String = text.split('`').step_by(2).collect::<Vec<_>>().join(" ");
    for token in unquoted.split(|c: char| c.is_whitespace() || "（）「」、。:：,()\"'`".contains(c))
    {
        if is_name(token) {
            continue;
        }
        for word in token.split(|c: char| !c.is_ascii_alphabetic()) {
            let allowed = ALLOWED.iter().any(|a| a.eq_ignore_ascii_case(word))
                || keys.iter().any(|k| k == word);
            if word.len() >= 2 && !allowed {
                words.push(word.to_owned());
            }
        }
    }
    words
}

/// File names, paths, options, JSON/template paths, code points and environment variables.
fn is_name(token: &str) -> bool {
    const EXTENSIONS: &[&str] = &[
        "json", "pdf", "xlsx", "xls", "html", "htm", "txt", "toml", "ods", "xlsm", "zip", "gif",
    ];
    let file = Path::new(token.trim_end_matches(['.', '*']))
        .extension()
        .is_some_and(|e| EXTENSIONS.contains(&e.to_str().unwrap_or("")));
    // `.xlsm` or `.xlsx/.xlsm`: extensions (to Path, a file name without one).
    let extension = token
        .rsplit('/')
        .next()
        .and_then(|last| last.strip_prefix('.'))
        .is_some_and(|e| EXTENSIONS.contains(&e));
    file || extension
        || token.starts_with("--")
        || token.starts_with("T/")
        || token.starts_with("U+")
        || token.starts_with("UNEI_")
        || token.contains('[')
        || (token.contains('.')
            && token
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "._".contains(c)))
}

/// The property names of the plan schema: a JSON path's words.
fn schema_keys() -> Vec<String> {
    let o = command().args(["schema"]).output().unwrap();
    let schema: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let mut keys = Vec::new();
    collect_keys(&schema, &mut keys);
    keys
}

fn collect_keys(value: &serde_json::Value, keys: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                keys.push(k.clone());
                collect_keys(v, keys);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_keys(v, keys)),
        _ => {}
    }
}

fn assert_japanese(outputs: Vec<(String, String)>) {
    let keys = schema_keys();
    let mut english = Vec::new();
    for (args, text) in &outputs {
        assert!(
            !text.trim().is_empty() || args.starts_with("diff"),
            "{args}: no output"
        );
        let words = english_words(text, &keys);
        if !words.is_empty() {
            english.push(format!("unei {args}: {words:?}\n{text}"));
        }
    }
    assert!(
        english.is_empty(),
        "English in Japanese output:\n{}",
        english.join("\n")
    );
}

#[test]
fn lang_ja_prints_no_english() {
    assert_japanese(outputs(|cmd, args| {
        cmd.arg("--lang").arg("ja").args(args);
    }));
}

#[test]
fn a_japanese_locale_prints_no_english() {
    assert_japanese(outputs(|cmd, args| {
        cmd.env_remove("LC_ALL")
            .env("LANG", "ja_JP.UTF-8")
            .args(args);
    }));
}

#[test]
fn the_check_finds_english() {
    let words = english_words(
        "T/a.json: cannot write: 書き込めません issues[0].title --pdf",
        &[],
    );
    assert_eq!(words, ["cannot", "write"]);
}

/// The usage line's names (subcommands, value placeholders) and the test's own wrong words.
const USAGE_NAMES: &[&str] = &[
    "frobnicate",
    "docx",
    "render",
    "batch",
    "new",
    "OPTIONS",
    "PLAN",
    "FILES",
    "NAME",
    "FORMATS",
    "KIND",
    "ISSUES",
];

#[test]
fn clap_help_and_errors_are_japanese_too() {
    let help = |args: &[&str]| {
        let o = command()
            .args(["--lang", "ja"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        String::from_utf8(o.stdout).unwrap()
    };
    for args in [
        &["--help"][..],
        &["validate", "--help"],
        &["fonts", "check", "--help"],
    ] {
        let text = help(args);
        assert!(text.contains("使い方: unei"), "{args:?}: {text}");
        for english in [
            "Usage:",
            "Options:",
            "Arguments:",
            "Commands:",
            "Print help",
        ] {
            assert!(!text.contains(english), "{args:?}: {english} in {text}");
        }
    }
    let errors: [&[&str]; 6] = [
        &["render", "--pdff", "x.pdf", "plan.json"],
        &["frobnicate"],
        &["render"],
        &["batch", "in", "-o", "out", "--format", "docx"],
        &[
            "new", "--kind", "区", "--name", "", "--year", "令和7", "-o", "x.json",
        ],
        &[
            "new", "--kind", "市", "--name", "a", "--year", "令和7", "--issues", "0", "-o",
            "x.json",
        ],
    ];
    let keys = schema_keys();
    for args in errors {
        for lang in [&["--lang", "ja"][..], &[]] {
            let o = command()
                .env_remove("LC_ALL")
                .env("LANG", "ja_JP.UTF-8")
                .args(lang)
                .args(args)
                .output()
                .unwrap();
            assert_eq!(o.status.code(), Some(2), "{args:?}");
            let text = String::from_utf8(o.stderr).unwrap();
            assert!(text.starts_with("エラー: "), "{args:?}: {text}");
            let words: Vec<String> = english_words(&text, &keys)
                .into_iter()
                .filter(|w| !USAGE_NAMES.contains(&w.as_str()))
                .collect();
            assert!(words.is_empty(), "{args:?}: {words:?} in {text}");
        }
    }
}

/// Names `--help` shows besides [`ALLOWED`]: what the API is served over and packed in, the
/// man page's format, PDF/UA's letters and the shells of `unei completions`.
const HELP_NAMES: &[&str] = &[
    "API",
    "HTTPS",
    "ZIP",
    "roff",
    "UA",
    "bash",
    "zsh",
    "fish",
    "elvish",
    "powershell",
];

/// The paths of the subcommands the Japanese help lists (`["fonts", "check"]` too).
fn japanese_subcommands() -> Vec<Vec<String>> {
    crate::cli_help::subcommand_paths(&["--lang", "ja"], "サブコマンド:")
}

/// Every way of asking for help on every command: `--help`, `-h` and `unei help SUB`.
fn help_runs() -> Vec<Vec<String>> {
    let mut paths = vec![Vec::new()];
    paths.extend(japanese_subcommands());
    assert!(paths.len() >= 12, "{paths:?}");
    paths
        .iter()
        .flat_map(|path| {
            let with = |flag: &str| path.iter().cloned().chain([flag.to_owned()]).collect();
            let help = ["help".to_owned()].into_iter().chain(path.iter().cloned());
            [with("--help"), with("-h"), help.collect()]
        })
        .collect()
}

/// The help without what is a name there: the example command lines (their （…） comments
/// are still read), placeholders (`<FILE>`, `[OPTIONS]`), the values, defaults and variables
/// of an option (`[既定: …]`, `[使える値: …]`, `[環境変数: …]`) and addresses.
fn help_prose(help: &str) -> String {
    let mut continued = false;
    let lines = help.lines().map(|line| {
        let example = continued || is_example(line);
        continued = example && line.ends_with('\\');
        let line = if example {
            comments(line)
        } else {
            line.to_owned()
        };
        without_placeholders(&line)
    });
    lines.collect::<Vec<_>>().join("\n")
}

/// A line of an example: it runs unei (or curl), perhaps after `VARIABLE=value`.
fn is_example(line: &str) -> bool {
    let first = line.split_whitespace().next().unwrap_or("");
    let variable = first.contains('=') && first.starts_with(|c: char| c.is_ascii_uppercase());
    variable || first == "unei" || first == "curl"
}

/// The （…） comments of a line.
fn comments(line: &str) -> String {
    line.split('（')
        .skip(1)
        .filter_map(|part| part.split_once('）').map(|(comment, _)| comment))
        .collect::<Vec<_>>()
        .join(" ")
}

fn without_placeholders(line: &str) -> String {
    let mut kept = String::new();
    let mut rest = line;
    while let Some(start) = rest.find(['<', '[']) {
        let close = if rest[start..].starts_with('<') {
            '>'
        } else {
            ']'
        };
        let Some(length) = rest[start..].find(close) else {
            break;
        };
        let inner = &rest[start + 1..start + length];
        let placeholder = close == '>'
            || inner.chars().all(|c| c.is_ascii_uppercase() || c == '_')
            || ["既定:", "使える値:", "環境変数:"]
                .iter()
                .any(|p| inner.starts_with(p));
        kept.push_str(&rest[..start]);
        if !placeholder {
            kept.push_str(&rest[start..=start + length]);
        }
        rest = &rest[start + length + 1..];
    }
    kept.push_str(rest);
    kept.split(' ')
        .filter(|token| !token.contains("://"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The English words of a help text.
fn help_english_words(help: &str, keys: &[String]) -> Vec<String> {
    english_words(&help_prose(help), keys)
        .into_iter()
        .filter(|w| !HELP_NAMES.contains(&w.as_str()))
        .collect()
}

fn assert_japanese_help(set_language: impl Fn(&mut Command)) {
    let runs = help_runs();
    // The subcommands' names are names, like the options'.
    let mut names = schema_keys();
    names.extend(runs.iter().flatten().cloned());
    let mut english = Vec::new();
    for args in runs {
        let mut cmd = command();
        set_language(&mut cmd);
        let o = cmd.args(&args).output().unwrap();
        let help = String::from_utf8(o.stdout).unwrap();
        assert_eq!(o.status.code(), Some(0), "{args:?}: {help}");
        assert!(help.contains("使い方: unei"), "{args:?}: {help}");
        assert!(!help.contains("[OPTIONS]"), "{args:?}: {help}");
        let subcommand = args.len() > 1 || !["--help", "-h", "help"].contains(&args[0].as_str());
        let examples = help.contains("\n例:\n") || !subcommand;
        assert!(
            examples && help.contains("\n終了コード:\n  0  "),
            "{args:?}: {help}"
        );
        let words = help_english_words(&help, &names);
        if !words.is_empty() {
            english.push(format!("unei {}: {words:?}", args.join(" ")));
        }
    }
    assert!(
        english.is_empty(),
        "English in Japanese help:\n{}",
        english.join("\n")
    );
}

#[test]
fn every_help_is_japanese_under_lang_ja() {
    assert_japanese_help(|cmd| {
        cmd.args(["--lang", "ja"]);
    });
}

#[test]
fn every_help_is_japanese_in_a_japanese_locale() {
    assert_japanese_help(|cmd| {
        cmd.env_remove("LC_ALL").env("LANG", "ja_JP.UTF-8");
    });
}

/// The man pages follow the language too: under `--lang ja` every heading and text is Japanese
/// (the roff macros and font escapes are not words); under `--lang en` they stay English.
#[test]
fn man_pages_are_japanese_under_lang_ja() {
    let mut names = schema_keys();
    names.extend(help_runs().into_iter().flatten());
    for page in [&["man"][..], &["man", "fonts-check"], &["man", "render"]] {
        let run = |lang: &str| {
            let o = command()
                .args(["--lang", lang])
                .args(page)
                .output()
                .unwrap();
            assert_eq!(o.status.code(), Some(0), "{page:?}");
            String::from_utf8(o.stdout).unwrap()
        };
        let japanese = run("ja");
        assert!(japanese.contains(".SH 名前\n"), "{japanese}");
        assert!(japanese.contains(".SH オプション\n"), "{japanese}");
        let words = help_english_words(&roff_prose(&japanese), &names);
        assert!(words.is_empty(), "unei {page:?}: {words:?}\n{japanese}");
        let english = run("en");
        assert!(english.contains(".SH NAME\n"), "{english}");
        assert!(!english.contains("名前"), "{english}");
    }
}

/// Completion scripts describe the subcommands and options in the language of the messages.
#[test]
fn completion_descriptions_follow_the_language() {
    let script = |lang: &str| {
        let o = command()
            .args(["--lang", lang, "completions", "fish"])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0));
        String::from_utf8(o.stdout).unwrap()
    };
    let (japanese, english) = (script("ja"), script("en"));
    assert!(japanese.contains("計画ファイルを検査します"), "{japanese}");
    assert!(
        japanese.contains("PDF を FILE に書き出します"),
        "{japanese}"
    );
    assert!(!japanese.contains("Write the PDF"), "{japanese}");
    assert!(
        english.contains("Write the PDF") && !english.contains("検査"),
        "{english}"
    );
}

/// A man page's text: no macro lines (`.TH`, `.SH`, `.TP` …; headings are checked apart), no
/// font escapes (`\fB`, `\fR`, `\fI`), `\-` as `-`.
fn roff_prose(roff: &str) -> String {
    roff.lines()
        .filter(|line| !line.starts_with('.'))
        .map(|line| {
            line.replace("\\fB", "")
                .replace("\\fR", "")
                .replace("\\fI", "")
                .replace("\\-", "-")
                .replace("\\*(Aq", "'")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_man_check_finds_english() {
    let roff = ".SH 名前\nunei \\- 計画を出力します\n.TP\n\\fB\\-\\-pdf\\fR\nwrites the PDF\n";
    let words = help_english_words(&roff_prose(roff), &[]);
    assert_eq!(words, ["writes", "the"]);
}

#[test]
fn the_help_check_finds_english() {
    let help = "\
  unei render x.json -o out/   （byte-identical output）
      --pdf <FILE>  PDF を書き出します [既定: a-2b] [possible values: pdf]
  curl --data-binary @plan.json \\
       'http://127.0.0.1:8080/api/render?format=pdf' -o plan.pdf
使い方: unei [OPTIONS] <サブコマンド>";
    let words = help_english_words(help, &[]);
    // `[possible` is skipped as a name (a JSON path has brackets); `values` is caught.
    assert_eq!(words, ["byte", "identical", "output", "values"]);
}

/// The bundled templates' ids, which the pages offer as the template choice.
const TEMPLATE_IDS: &[&str] = &["osaka-default", "osaka-ipaex"];

/// Words the web pages and the log show besides [`ALLOWED`], as Japanese writes them: the
/// office program the downloads are for, Web ページ, ZIP, PC, HTTPS and the key that stops
/// the server.
const SERVE_WORDS: &[&str] = &["Excel", "Web", "ZIP", "PC", "HTTPS", "Ctrl"];

/// What a reader sees of a page: the text between tags and the attributes shown or read
/// aloud, entities decoded; not scripts, styles, the uploaded file's own lines (`<pre>`
/// under a problem), nor what is marked `lang="en"` (the link to the English page).
fn visible_text(html: &str) -> String {
    const SHOWN: [&str; 5] = [
        "alt",
        "title",
        "aria-label",
        "placeholder",
        "data-drop-text",
    ];
    let mut text = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        let name = tag.split([' ', '/']).next().unwrap_or("");
        for attribute in SHOWN {
            if let Some(value) = tag.split(&format!(" {attribute}=\"")).nth(1) {
                text.push(' ');
                text.push_str(value.split('"').next().unwrap_or(""));
            }
        }
        let skipped = ["script", "style", "pre"].contains(&name) || tag.contains(" lang=\"en\"");
        if skipped && !tag.ends_with('/') {
            let end = format!("</{name}>");
            rest = rest.find(&end).map_or("", |at| &rest[at + end.len()..]);
        }
        text.push(' ');
    }
    text.push_str(rest);
    html_escape::decode_html_entities(&text).into_owned()
}

/// The English words of a page or log, names of the server and addresses taken out.
fn serve_english_words(text: &str, keys: &[String]) -> Vec<String> {
    let text = TEMPLATE_IDS
        .iter()
        .fold(text.to_owned(), |text, id| text.replace(id, " "));
    let text: Vec<&str> = text
        .split_whitespace()
        .filter(|token| !token.contains("://"))
        .collect();
    english_words(&text.join(" "), keys)
        .into_iter()
        .filter(|word| !SERVE_WORDS.contains(&word.as_str()))
        .collect()
}

/// The names the pages show: the plan schema's keys, the import report's field ids
/// (`label:issue_overview`) and the subcommands (`unei diff`).
fn serve_keys() -> Vec<String> {
    let mut keys = schema_keys();
    let field_words = unei_import::Field::ALL
        .iter()
        .flat_map(|field| field.id().split('_'));
    keys.extend(field_words.map(str::to_owned));
    keys.extend(japanese_subcommands().into_iter().flatten());
    keys
}

/// A log line without its record fields: the time, the level and, for a request, its
/// method and path (`2026-…Z  INFO GET /r/… 200 0.2 ms`); what remains is a message.
fn log_message(line: &str) -> String {
    let mut words = line.split_whitespace().peekable();
    if words
        .peek()
        .is_some_and(|w| w.ends_with('Z') && w.contains('T'))
    {
        words.next();
        words.next_if(|w| ["TRACE", "DEBUG", "INFO", "WARN", "ERROR"].contains(w));
        let methods = ["GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS"];
        if words.next_if(|w| methods.contains(w)).is_some() {
            words.next();
        }
    }
    words.collect::<Vec<_>>().join(" ")
}

/// A page of the server: what it is (for messages) and its HTML.
type ServedPage = (String, String);

/// Result pages: an import with its report and warnings, a plan with validation errors, a
/// file that cannot be read.
fn result_pages(server: &Server) -> Vec<ServedPage> {
    let uploads = [
        ("見本区.xlsx", fixture(WORKBOOK)),
        ("負の金額.json", fixture(NEGATIVE)),
        ("plan.json", b"{\n oops".to_vec()),
    ];
    let mut pages = vec![("/".to_owned(), server.get_plain("/").text())];
    for (name, bytes) in uploads {
        let sent = server.post_form("/check?lang=ja", &[("file", Some(name), &bytes)]);
        assert_eq!(sent.status, 303, "{name}: {}", sent.text());
        let location = sent.header("location").to_owned();
        let page = server.get_plain(&location).text();
        pages.push((format!("{name} → {location}"), page));
    }
    pages
}

/// The error pages: 404, 413 (answered from the declared length, before the body is sent),
/// 415 and 400.
fn error_pages(server: &Server) -> Vec<ServedPage> {
    let missing = server.get_plain("/r/0123456789abcdef0123456789abcdef");
    assert_eq!(missing.status, 404);
    let mut pages = vec![("404".to_owned(), missing.text())];
    let mut stream = std::net::TcpStream::connect(server.addr()).unwrap();
    let head = "POST /check?lang=ja HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: 2097152\r\n\r\n";
    std::io::Write::write_all(&mut stream, head.as_bytes()).unwrap();
    let answer = read_all(&mut stream);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    let body = answer.split_once("\r\n\r\n").map_or("", |(_, body)| body);
    pages.push(("413".to_owned(), body.to_owned()));
    let forms: [(Part<'_>, u16); 2] = [
        (("file", Some("絵.gif"), b"GIF89a"), 415),
        (("strict", None, b"1"), 400),
    ];
    for (part, status) in forms {
        let answer = server.post_form("/check?lang=ja", &[part]);
        assert_eq!(answer.status, status, "{}", answer.text());
        pages.push((status.to_string(), answer.text()));
    }
    pages
}

/// The batch page once the batch is finished, and a diff page.
fn batch_and_diff_pages(server: &Server) -> Vec<ServedPage> {
    let zip = zip_of(&[
        ("a/福島区.json", &fixture(PLAN)),
        ("b/負.json", &fixture(NEGATIVE)),
    ]);
    let location = server
        .finished_batch("/batch?lang=ja", &[("file", Some("plans.zip"), &zip)])
        .location;
    let old = fixture(PLAN);
    let new = String::from_utf8(old.clone())
        .unwrap()
        .replace("福島区", "北区");
    let diff = server.post_form(
        "/diff?lang=ja",
        &[
            ("old", Some("old.json"), &old),
            ("new", Some("new.json"), new.as_bytes()),
        ],
    );
    assert_eq!(diff.status, 200, "{}", diff.text());
    vec![
        ("batch".to_owned(), server.get_plain(&location).text()),
        ("diff".to_owned(), diff.text()),
    ]
}

/// The log of a server stopped with SIGTERM: start-up, request and shutdown lines.
fn log_after_stopping(mut server: Server) -> String {
    let pid = server.child.id().to_string();
    let stopped = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(stopped.success());
    assert!(server.child.wait().unwrap().success());
    std::thread::sleep(std::time::Duration::from_millis(100));
    let log = server.log();
    let said = log.contains("で待ち受けています") && log.contains("終了します");
    assert!(said, "{log}");
    log
}

/// The Japanese pages of `unei serve` and its log under `--lang ja` (upload, result, error,
/// batch and diff pages; start-up, request and shutdown lines) have no English word.
#[test]
fn serve_pages_and_log_are_japanese() {
    let server = Server::start_in("ja", &["--jobs", "1", "--max-upload-mb", "1"]);
    let mut pages = result_pages(&server);
    pages.extend(error_pages(&server));
    pages.extend(batch_and_diff_pages(&server));
    let keys = serve_keys();
    let mut english = Vec::new();
    for (what, html) in &pages {
        assert!(html.contains("<html lang=\"ja\">"), "{what}: {html}");
        let words = serve_english_words(&visible_text(html), &keys);
        if !words.is_empty() {
            english.push(format!("{what}: {words:?}"));
        }
    }
    for line in log_after_stopping(server).lines() {
        let words = serve_english_words(&log_message(line), &keys);
        if !words.is_empty() {
            english.push(format!("log {line:?}: {words:?}"));
        }
    }
    let english = english.join("\n");
    assert!(
        english.is_empty(),
        "English in Japanese pages or log:\n{english}"
    );
}

/// The warning that the address is reachable from other machines, in Japanese.
#[test]
fn serve_warns_in_japanese() {
    let server = Server::start_on("ja", "0.0.0.0:0", &["--jobs", "1"]);
    let log = server.log();
    assert!(log.contains("警告: 0.0.0.0:"), "{log}");
    let keys = serve_keys();
    for line in log.lines() {
        let words = serve_english_words(&log_message(line), &keys);
        assert!(words.is_empty(), "{line}: {words:?}");
    }
}

#[test]
fn the_page_check_finds_english() {
    let html = "<html lang=\"ja\"><head><title>結果 — unei</title><style>body { margin: 0 }</style></head>\
        <body><a href=\"/?lang=en\" lang=\"en\">English</a><p title=\"Result page\">点検 &amp; done</p>\
        <img alt=\"a preview\"><select><option value=\"osaka-default\">osaka-default</option></select></body></html>";
    let words = serve_english_words(&visible_text(html), &[]);
    assert_eq!(words, ["Result", "page", "done", "preview"]);
    assert_eq!(
        log_message("2026-12-02T05:28:16.330843Z  INFO POST /check 303 42.2 ms"),
        "303 42.2 ms"
    );
    assert_eq!(
        log_message("2026-12-02T05:28:16.330843Z  WARN request failed"),
        "request failed"
    );
}
