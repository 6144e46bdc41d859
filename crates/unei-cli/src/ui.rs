//! How problems are shown: language (`--lang`, else the locale) and, for people at a
//! terminal (or with `--show-source`), the source line with a caret under the problem.
//! Piped output keeps one line per problem, so scripts can read it.

use std::io::IsTerminal;
use std::sync::OnceLock;

use unei_core::{Diagnostic, Lang};

#[derive(Debug, Clone, Copy)]
pub struct Ui {
    pub lang: Lang,
    pub show_source: bool,
}

static UI: OnceLock<Ui> = OnceLock::new();

/// Called once from main with the global options.
pub fn init(lang: Option<Lang>, show_source: bool) {
    let ui = Ui {
        lang: lang.unwrap_or_else(Lang::from_env),
        show_source: show_source || std::io::stdout().is_terminal(),
    };
    let _ = UI.set(ui);
}

fn ui() -> Ui {
    *UI.get_or_init(|| Ui {
        lang: Lang::from_env(),
        show_source: false,
    })
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

/// A font that cannot be used, in the chosen language.
pub fn font_error(e: &unei_render::FontError) -> String {
    match ui().lang {
        Lang::En => format!("error: {}", unei_core::Localize::localize(e, Lang::En)),
        Lang::Ja => format!("エラー: {}", unei_core::Localize::localize(e, Lang::Ja)),
    }
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
