//! Every subcommand's `--help` shows how it is used (examples) and what its exit codes mean,
//! so a script writer never has to read the source.

use crate::common::{stdout, unei};

/// The subcommands `unei --help` lists (and `fonts`' own), found from the help itself, so a
/// new subcommand is checked without editing this test.
fn subcommands() -> Vec<Vec<String>> {
    let mut found = Vec::new();
    for name in listed(&[]) {
        let nested = listed(&[name.as_str()]);
        found.push(vec![name.clone()]);
        found.extend(nested.into_iter().map(|sub| vec![name.clone(), sub]));
    }
    found
}

/// The names under `Commands:` in the help of `path`, without `help`.
fn listed(path: &[&str]) -> Vec<String> {
    let args: Vec<&str> = path.iter().copied().chain(["--help"]).collect();
    let help = stdout(&unei(&args));
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_subcommand_shows_examples_and_exit_codes() {
    let commands = subcommands();
    assert!(commands.len() >= 11, "{commands:?}");
    let mut lacking = Vec::new();
    for command in &commands {
        let args: Vec<&str> = command
            .iter()
            .map(String::as_str)
            .chain(["--help"])
            .collect();
        let o = unei(&args);
        let help = stdout(&o);
        assert_eq!(o.status.code(), Some(0), "{command:?}");
        let examples = help.contains("Example:") || help.contains("Examples:");
        let exit_codes = help.contains("Exit codes:") && help.contains("  0  ");
        let runs_unei = help.lines().any(|l| l.trim_start().starts_with("unei "));
        if !(examples && exit_codes && runs_unei) {
            lacking.push(format!("unei {}", command.join(" ")));
        }
    }
    assert!(
        lacking.is_empty(),
        "no examples or exit codes in --help of {lacking:?}"
    );
}
