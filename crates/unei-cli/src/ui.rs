//! How problems are shown: language (`--lang`, else the locale) and, for people at a
//! terminal (or with `--show-source`), the source line with a caret under the problem.
//! Piped output keeps one line per problem, so scripts can read it.
//!
//! Every line unei's commands print is made here, from a typed message ([`Say`], the batch
//! table in [`batch`], the render crate's failures in [`Drawing`]) rendered in the chosen
//! language.

pub mod batch;
mod drawing;
mod say;

pub use drawing::Drawing;
pub use say::{FileKind, Say};

use std::io::IsTerminal;
use std::sync::OnceLock;

use unei_core::{Diagnostic, Lang, Localize};

#[derive(Debug, Clone, Copy)]
pub struct Ui {
    pub lang: Lang,
    pub show_source: bool,
}

static UI: OnceLock<Ui> = OnceLock::new();

/// Called once from main with the global options.
pub fn init(lang: Option<Lang>, show_source: bool) {
    let ui = Ui {
        lang: lang.unwrap_or_else(system_lang),
        show_source: show_source || std::io::stdout().is_terminal(),
    };
    let _ = UI.set(ui);
}

fn ui() -> Ui {
    *UI.get_or_init(|| Ui {
        lang: system_lang(),
        show_source: false,
    })
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
    ui().lang
}

/// A diagnostic as shown to the user: the problem line, plus the source line when wanted.
pub fn diagnostic(d: &Diagnostic, source: Option<&str>) -> String {
    let ui = ui();
    let line = d.render(ui.lang);
    match source.filter(|_| ui.show_source).and_then(|s| d.snippet(s)) {
        Some(snippet) => format!("{line}\n{snippet}"),
        None => line,
    }
}

/// A message of the commands, in the chosen language.
pub fn say(message: &Say<'_>) -> String {
    message.localize(ui().lang)
}

/// `error: …` (エラー: …) before any typed message.
pub fn error(message: &impl Localize) -> String {
    error_text(&message.localize(ui().lang))
}

/// `error: …` (エラー: …) before a message already in the user's language.
pub fn error_text(text: &str) -> String {
    match ui().lang {
        Lang::En => format!("error: {text}"),
        Lang::Ja => format!("エラー: {text}"),
    }
}

/// `FILE: message` for a failure of drawing the plan in FILE.
pub fn drawing(file: &std::path::Path, failure: &Drawing<'_>) -> String {
    format!("{}: {}", file.display(), failure.localize(ui().lang))
}

/// A font that cannot be used, in the chosen language.
pub fn font_error(e: &unei_render::FontError) -> String {
    error(e)
}

/// A finding of a plan that has no source text of its own (an imported plan):
/// `file: [warning: ]path: message`.
pub fn finding(file: &str, finding: &unei_core::Finding) -> String {
    let lang = ui().lang;
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
