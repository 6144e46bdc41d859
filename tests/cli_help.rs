//! Every subcommand's `--help` shows how it is used (examples) and what its exit codes mean,
//! so a script writer never has to read the source.

use crate::common::{command, stdout};

/// The paths of the subcommands the help lists under `heading` (`Commands:`, or
/// `サブコマンド:` with `--lang ja` in `lang`), nested ones too (`["fonts", "check"]`), found
/// from the help itself, so a new subcommand is checked without editing a test.
pub(crate) fn subcommand_paths(lang: &[&str], heading: &str) -> Vec<Vec<String>> {
    nested_paths(lang, heading, &[])
}

fn nested_paths(lang: &[&str], heading: &str, path: &[String]) -> Vec<Vec<String>> {
    listed(lang, heading, path)
        .into_iter()
        .flat_map(|name| {
            let sub: Vec<String> = path.iter().cloned().chain([name]).collect();
            let mut found = vec![sub.clone()];
            found.extend(nested_paths(lang, heading, &sub));
            found
        })
        .collect()
}

/// The names under `heading` in the help of `path`, without `help`.
fn listed(lang: &[&str], heading: &str, path: &[String]) -> Vec<String> {
    let o = command()
        .args(lang)
        .args(path)
        .arg("--help")
        .output()
        .unwrap();
    let help = stdout(&o);
    help.lines()
        .skip_while(|l| *l != heading)
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_subcommand_shows_examples_and_exit_codes() {
    let commands = subcommand_paths(&[], "Commands:");
    assert!(commands.len() >= 11, "{commands:?}");
    let mut lacking = Vec::new();
    for path in &commands {
        let args: Vec<&str> = path.iter().map(String::as_str).chain(["--help"]).collect();
        let o = command().args(&args).output().unwrap();
        let help = stdout(&o);
        assert_eq!(o.status.code(), Some(0), "{path:?}");
        let examples = help.contains("Example:") || help.contains("Examples:");
        let exit_codes = help.contains("Exit codes:") && help.contains("  0  ");
        let runs_unei = help.lines().any(|l| l.trim_start().starts_with("unei "));
        if !(examples && exit_codes && runs_unei) {
            lacking.push(format!("unei {}", path.join(" ")));
        }
    }
    assert!(
        lacking.is_empty(),
        "no examples or exit codes in --help of {lacking:?}"
    );
}
