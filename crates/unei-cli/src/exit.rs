//! Exit codes shared by every subcommand (documented in `--help` and the README).

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    Ok = 0,
    Problems = 1,
    Failure = 2,
}

/// Loads `--template FILE|NAME` (a file, else a bundled template's id such as `osaka-ipaex`)
/// or the default template, printing the error on failure; a syntax error is shown like a
/// plan's, with the source line when a person is reading.
pub fn load_template(path: Option<&std::path::Path>) -> Result<unei_core::Template, Exit> {
    let Some(path) = path else {
        return Ok(unei_core::Template::bundled());
    };
    let bundled = path
        .to_str()
        .filter(|_| !path.exists())
        .and_then(unei_core::Template::bundled_named);
    bundled
        .unwrap_or_else(|| unei_core::Template::load(path))
        .map_err(|e| {
            match e {
                unei_core::TemplateError::Syntax {
                    file,
                    offset,
                    message,
                    ..
                } => {
                    let source = std::fs::read_to_string(path).unwrap_or_default();
                    let diagnostic = unei_core::Diagnostic::new(
                        unei_core::Severity::Error,
                        &file,
                        &source,
                        offset,
                        String::new(),
                        unei_core::Message::Parser(message),
                    );
                    eprintln!("{}", crate::ui::diagnostic(&diagnostic, Some(&source)));
                }
                other => eprintln!("{}", crate::ui::error(&other)),
            }
            Exit::Failure
        })
}
