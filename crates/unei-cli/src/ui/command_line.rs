//! clap's own words in Japanese: the help's headings and usage line, and the argument errors
//! (unknown option, missing argument, bad value …), built from the error's kind and context,
//! never by matching clap's English text.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use unei_core::Lang;

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

const TEMPLATE: &str = "\
{before-help}{about-with-newline}
使い方: {usage}

{all-args}{after-help}";

/// The command with Japanese headings (使い方, 引数, オプション, サブコマンド) and help flags,
/// on every subcommand.
pub fn japanese(command: clap::Command) -> clap::Command {
    let mut command = command
        .help_template(TEMPLATE)
        .subcommand_help_heading("サブコマンド")
        .subcommand_value_name("サブコマンド");
    command.build();
    japanese_args(command)
}

fn japanese_args(command: clap::Command) -> clap::Command {
    command
        .help_template(TEMPLATE)
        .subcommand_help_heading("サブコマンド")
        .mut_args(|arg| {
            let heading = if arg.is_positional() {
                "引数"
            } else {
                "オプション"
            };
            let arg = arg.help_heading(heading);
            match arg.get_id().as_str() {
                "help" => arg.help("使い方を表示します"),
                "version" => arg.help("版を表示します"),
                _ => arg,
            }
        })
        .mut_subcommands(japanese_args)
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
