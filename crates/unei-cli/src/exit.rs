//! Exit codes shared by every subcommand (documented in `--help` and the README).

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    Ok = 0,
    Problems = 1,
    Failure = 2,
}

/// Loads `--template FILE` or the bundled template, printing the error on failure.
pub fn load_template(path: Option<&std::path::Path>) -> Result<unei_core::Template, Exit> {
    match path {
        None => Ok(unei_core::Template::bundled()),
        Some(path) => unei_core::Template::load(path).map_err(|e| {
            eprintln!("error: {e}");
            Exit::Failure
        }),
    }
}
