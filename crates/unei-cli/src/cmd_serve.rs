//! `unei serve`: the command line's options turned into the server's (`serve/`).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::exit::{Exit, load_template};
use crate::pipeline::FontChoice;
use crate::serve::ServeOptions;
use crate::serve::limits::Limits;

/// The options of `unei serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on; anything but 127.0.0.1/::1 is reachable from other machines
    /// (a warning is printed): put a reverse proxy with HTTPS in front.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "IP:PORT")]
    addr: SocketAddr,
    /// Workers that import and render at once (default: one per core).
    #[arg(long, value_name = "N")]
    jobs: Option<usize>,
    /// Requests that may wait for a worker; beyond that the answer is 503 (default: 8 per worker).
    #[arg(long, value_name = "N")]
    queue: Option<usize>,
    /// Requests handled at once, uploads being received included; beyond that 503.
    #[arg(long, default_value_t = 64, value_name = "N")]
    max_requests: usize,
    /// Largest upload (a plan, workbook, page or batch zip), in MiB; beyond that 413.
    #[arg(long, default_value_t = 50, value_name = "MiB")]
    max_upload_mb: u64,
    /// Seconds an upload may take to arrive (408 after), and the work to end (504 after).
    #[arg(long, default_value = "60", value_parser = crate::serve::limits::parse_seconds, value_name = "SECONDS")]
    timeout: Duration,
    /// Minutes a result (report, PDF, batch zip) stays downloadable.
    #[arg(long, default_value_t = 60, value_name = "MINUTES")]
    keep: u64,
    /// Seconds requests under way may take to finish after SIGINT/SIGTERM.
    #[arg(long, default_value_t = 30, value_name = "SECONDS")]
    grace: u64,
    /// A shared secret: POST requests need it (the form's token field, or
    /// `Authorization: Bearer TOKEN`). Also read from UNEI_TOKEN.
    #[arg(
        long,
        env = "UNEI_TOKEN",
        hide_env_values = true,
        value_name = "SECRET"
    )]
    token: Option<String>,
    /// The default template: a bundled id (osaka-default, osaka-ipaex) or a file (TOML).
    #[arg(long, value_name = "ID|FILE")]
    template: Option<PathBuf>,
}

/// Starts the server with `args` and the font choice.
pub fn run(args: ServeArgs, fonts: FontChoice) -> Exit {
    let template = match load_template(args.template.as_deref()) {
        Ok(template) => template,
        Err(exit) => return exit,
    };
    let template_id = match &args.template {
        None => "osaka-default".to_owned(),
        Some(path) => path
            .file_stem()
            .map_or_else(|| "custom".to_owned(), |s| s.to_string_lossy().into_owned()),
    };
    let defaults = Limits::default();
    let jobs = args.jobs.unwrap_or(defaults.jobs).max(1);
    let limits = Limits {
        body_bytes: args.max_upload_mb.saturating_mul(1 << 20),
        timeout: args.timeout,
        jobs,
        queue: args.queue.unwrap_or(jobs * 8),
        requests: args.max_requests.max(1),
        import: crate::pipeline::import_limits(),
        keep_results: Duration::from_secs(args.keep.saturating_mul(60)),
        ..defaults
    };
    crate::serve::run(ServeOptions {
        addr: args.addr,
        token: args.token.filter(|t| !t.is_empty()),
        template: (template_id, template),
        fonts,
        limits,
        grace: Duration::from_secs(args.grace),
    })
}
