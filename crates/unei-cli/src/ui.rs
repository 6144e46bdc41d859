//! How problems are shown: language (`--lang`, else the locale) and, for people at a
//! terminal (or with `--show-source`), the source line with a caret under the problem.
//! Piped output keeps one line per problem, so scripts can read it.
//!
//! Every line unei's commands print is made here, from a typed message ([`Say`], the batch
//! table in [`batch`], the render crate's failures in [`Drawing`]) rendered in the chosen
//! language.

pub mod batch;
pub mod command_line;
mod drawing;
mod help_ja;
mod say;

pub use drawing::Drawing;
pub use say::{FileKind, Say};

use std::io::IsTerminal;
use std::sync::OnceLock;

use unei_core::{Diagnostic, Lang, Localize};

static LANG: OnceLock<Lang> = OnceLock::new();
static SHOW_SOURCE: OnceLock<bool> = OnceLock::new();

/// Called once from main, before the arguments are parsed (clap's messages need it), with
/// `--lang` when given.
pub fn init_lang(lang: Option<Lang>) {
    let _ = LANG.set(lang.unwrap_or_else(system_lang));
}

/// Called once from main with `--show-source`; a terminal shows the source anyway.
pub fn init_show_source(show_source: bool) {
    let _ = SHOW_SOURCE.set(show_source || std::io::stdout().is_terminal());
}

fn show_source() -> bool {
    SHOW_SOURCE.get().copied().unwrap_or(false)
}

/// The locale's language: `LC_ALL`, `LC_MESSAGES` or `LANG` when one is set, else the
/// operating system's (Windows and macOS keep it outside the environment).
fn system_lang() -> Lang {
    let set = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .any(|k| std::env::var_os(k).is_some_and(|v| !v.is_empty()));
    if set {
        return Lang::from_env();
    }
    match sys_locale::get_locale() {
        Some(locale) if locale.starts_with("ja") => Lang::Ja,
        _ => Lang::En,
    }
}

/// The language of messages and reports.
pub fn lang() -> Lang {
    *LANG.get_or_init(system_lang)
}

/// A diagnostic as shown to the user: the problem line, plus the source line when wanted.
pub fn diagnostic(d: &Diagnostic, source: Option<&str>) -> String {
    let line = d.render(lang());
    match source.filter(|_| show_source()).and_then(|s| d.snippet(s)) {
        Some(snippet) => format!("{line}\n{snippet}"),
        None => line,
    }
}

/// A message of the commands, in the chosen language.
pub fn say(message: &Say<'_>) -> String {
    message.localize(lang())
}

/// `error: …` (エラー: …) before any typed message.
pub fn error(message: &impl Localize) -> String {
    error_text(&message.localize(lang()))
}

/// `error: …` (エラー: …) before a message already in the user's language.
pub fn error_text(text: &str) -> String {
    match lang() {
        Lang::En => format!("error: {text}"),
        Lang::Ja => format!("エラー: {text}"),
    }
}

/// `FILE: message` for a failure of drawing the plan in FILE.
pub fn drawing(file: &std::path::Path, failure: &Drawing<'_>) -> String {
    format!("{}: {}", file.display(), failure.localize(lang()))
}

/// A font that cannot be used, in the chosen language.
pub fn font_error(e: &unei_render::FontError) -> String {
    error(e)
}

/// A finding of a plan that has no source text of its own (an imported plan):
/// `file: [warning: ]path: message`.
pub fn finding(file: &str, finding: &unei_core::Finding) -> String {
    let lang = lang();
    let warning = match (finding.severity, lang) {
        (unei_core::Severity::Error, _) => "",
        (unei_core::Severity::Warning, Lang::En) => "warning: ",
        (unei_core::Severity::Warning, Lang::Ja) => "警告: ",
    };
    format!(
        "{file}: {warning}{}: {}",
        unei_core::diag::with_gloss(&finding.path),
        unei_core::Localize::localize(&finding.problem, lang)
    )
}
