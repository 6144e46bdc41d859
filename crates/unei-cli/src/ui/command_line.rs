//! The command line in Japanese: unei's own help texts (from [`help_ja`]), clap's own words
//! (the help's headings and usage line, the help flags), and the argument errors (unknown
//! option, missing argument, bad value …), built from the error's kind and context, never by
//! matching clap's English text.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use unei_core::Lang;

use super::help_ja;

/// The language asked for on the command line (`--lang ja`, `--lang=ja`), before parsing.
pub fn lang_argument(args: &[std::ffi::OsString]) -> Option<Lang> {
    let words: Vec<&str> = args.iter().filter_map(|a| a.to_str()).collect();
    let value = words.windows(2).find(|w| w[0] == "--lang").map(|w| w[1]);
    let joined = words.iter().find_map(|w| w.strip_prefix("--lang="));
    match value.or(joined)? {
        "ja" => Some(Lang::Ja),
        "en" => Some(Lang::En),
        _ => None,
    }
}

/// The help's layout with Japanese headings, with only the sections the command has.
/// Arguments and options are placed by tags, not by headings of their own: clap sorts the
/// arguments under a custom heading by name, which would list `<NEW>` before `<OLD>`.
fn help_template(command: &clap::Command) -> String {
    let shown = |positional: bool| {
        command
            .get_arguments()
            .any(|arg| arg.is_positional() == positional && !arg.is_hide_set())
    };
    let mut sections = vec!["{before-help}{about-with-newline}\n使い方: {usage}"];
    if command.has_subcommands() {
        sections.push("サブコマンド:\n{subcommands}");
    }
    if shown(true) {
        sections.push("引数:\n{positionals}");
    }
    if shown(false) {
        sections.push("オプション:\n{options}");
    }
    format!("{}{{after-help}}", sections.join("\n\n"))
}

/// The command in Japanese: every description, argument help, example and exit-code section
/// from [`help_ja`], then clap's own words (使い方, 引数, オプション, サブコマンド, the help
/// flags and the `help` subcommand) on every subcommand.
pub fn japanese(command: clap::Command) -> clap::Command {
    // Texts first: building copies them into the `help` subcommand's list and the global
    // `--lang` into every subcommand; clap's own arguments exist only once built.
    let mut command = japanese_texts(command, "");
    command.build();
    japanese_clap_words(command)
}

/// clap_mangen's section headings and the Japanese names man-pages-ja gives them.
const MAN_HEADINGS: [(&str, &str); 8] = [
    ("NAME", "名前"),
    ("SYNOPSIS", "書式"),
    ("DESCRIPTION", "説明"),
    ("OPTIONS", "オプション"),
    ("SUBCOMMANDS", "サブコマンド"),
    ("EXTRA", "補足"),
    ("VERSION", "版"),
    ("AUTHORS", "作者"),
];

/// A man page clap_mangen wrote from the [`japanese`] command, with its section headings
/// (`.SH NAME` …, which clap_mangen writes in English whatever the texts) in Japanese.
pub fn japanese_man_headings(roff: &str) -> String {
    let mut page = String::with_capacity(roff.len());
    for line in roff.split_inclusive('\n') {
        let heading = line.trim_end().strip_prefix(".SH ");
        match heading.and_then(|h| MAN_HEADINGS.iter().find(|(en, _)| *en == h)) {
            Some((_, ja)) => {
                page.push_str(".SH ");
                page.push_str(ja);
                page.push('\n');
            }
            None => page.push_str(line),
        }
    }
    page
}

/// The command at `path` (`""`, `"fonts check"`) and its subcommands with the Japanese texts.
fn japanese_texts(command: clap::Command, path: &str) -> clap::Command {
    let command = match help_ja::command(path) {
        Some(text) => command
            .about(text.about)
            .long_about(None::<&str>)
            .after_help(text.after_help)
            .after_long_help(None::<&str>),
        None => command,
    };
    let command = command.mut_args(|arg| japanese_argument(arg, path));
    let names: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_owned())
        .collect();
    names.into_iter().fold(command, |command, name| {
        let sub_path = format!("{path} {name}").trim_start().to_owned();
        command.mut_subcommand(name, |sub| japanese_texts(sub, &sub_path))
    })
}

/// The argument's Japanese help, with its default, possible values and environment variable
/// in Japanese instead of clap's `[default: …]`, `[possible values: …]`, `[env: …]`.
fn japanese_argument(arg: clap::Arg, path: &str) -> clap::Arg {
    let Some(help) = help_ja::argument(path, arg.get_id().as_str()) else {
        return arg;
    };
    if !arg.get_action().takes_values() {
        return arg.help(help).long_help(None::<&str>);
    }
    let notes = value_notes(&arg);
    arg.help(format!("{help}{notes}"))
        .long_help(None::<&str>)
        .hide_default_value(true)
        .hide_possible_values(true)
        .hide_env(true)
}

/// ` [既定: …] [使える値: …] [環境変数: …]` for an argument that takes a value.
fn value_notes(arg: &clap::Arg) -> String {
    let mut notes = String::new();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() {
        notes.push_str(&format!(" [既定: {}]", defaults.join(", ")));
    }
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_owned())
        .collect();
    if !values.is_empty() {
        notes.push_str(&format!(" [使える値: {}]", values.join(", ")));
    }
    if let Some(variable) = arg.get_env() {
        notes.push_str(&format!(" [環境変数: {}]", variable.to_string_lossy()));
    }
    notes
}

/// clap's own words in Japanese, on the built command and every subcommand:
/// headings, the help and version flags, the `help` subcommand.
fn japanese_clap_words(command: clap::Command) -> clap::Command {
    let command = if command.get_name() == "help" {
        command.about("このメッセージ、または指定したサブコマンドの使い方を表示します")
    } else {
        command
    };
    let command = command
        .subcommand_value_name("サブコマンド")
        .mut_args(|arg| match arg.get_id().as_str() {
            "help" => arg.help("使い方を表示します"),
            "version" => arg.help("版を表示します"),
            "subcommand" => arg.help("使い方を表示するサブコマンド"),
            _ => arg,
        });
    let template = help_template(&command);
    let usage = japanese_usage(&command);
    command
        .help_template(template)
        .override_usage(usage)
        .mut_subcommands(japanese_clap_words)
}

/// The command's usage line as clap writes it, with `[OPTIONS]` as `[オプション]` (clap has
/// no setting for that word).
fn japanese_usage(command: &clap::Command) -> String {
    let usage = command.clone().render_usage().to_string();
    let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
    usage.replace("[OPTIONS]", "[オプション]")
}

/// A clap error in Japanese: what is wrong, the usage line, and where to read more.
pub fn japanese_error(error: &clap::Error) -> String {
    let context = |kind: ContextKind| match error.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(list)) => list.join("、"),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(list)) => list
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("、"),
        Some(ContextValue::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let arg = context(ContextKind::InvalidArg);
    let value = context(ContextKind::InvalidValue);
    let what = match error.kind() {
        ErrorKind::InvalidValue => format!(
            "{arg} に {value:?} は使えません（使える値: {}）",
            context(ContextKind::ValidValue)
        ),
        ErrorKind::UnknownArgument => match context(ContextKind::SuggestedArg) {
            similar if similar.is_empty() => format!("{arg} というオプションはありません"),
            similar => format!("{arg} というオプションはありません（{similar} のことですか）"),
        },
        ErrorKind::InvalidSubcommand => {
            format!(
                "{} というサブコマンドはありません",
                context(ContextKind::InvalidSubcommand)
            )
        }
        ErrorKind::MissingRequiredArgument => format!("{arg} を指定してください"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "サブコマンドを指定してください".to_owned()
        }
        ErrorKind::ValueValidation => format!(
            "{arg} の値 {value:?} が正しくありません: {}",
            error.source_text()
        ),
        ErrorKind::ArgumentConflict => format!(
            "{arg} は {} と一緒には使えません",
            context(ContextKind::PriorArg)
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("{arg} の値の数が正しくありません")
        }
        _ => {
            format!("引数が正しくありません（{arg}）")
        }
    };
    let usage = context(ContextKind::Usage);
    let usage = match usage.trim_start_matches("Usage:").trim() {
        "" => String::new(),
        usage => format!("使い方: {usage}\n\n"),
    };
    format!("エラー: {what}\n\n{usage}詳しくは --help を付けて実行してください。\n")
}

/// The text of an error's cause (a value parser's message, already in the user's language).
trait SourceText {
    fn source_text(&self) -> String;
}

impl SourceText for clap::Error {
    fn source_text(&self) -> String {
        std::error::Error::source(self).map_or_else(String::new, ToString::to_string)
    }
}
