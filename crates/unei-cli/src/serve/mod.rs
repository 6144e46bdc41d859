//! `unei serve`: the office's web page and API for importing, checking and printing plans,
//! thin over the same steps the CLI runs (`check.rs` calls `pipeline.rs` and the libraries).
//! This file starts the server: the shared state, the routes, the layers every request
//! passes (request limit, `Connection: close` after an error, security headers, the request
//! log) and the graceful shutdown.

pub mod api;
pub mod batch;
pub mod check;
pub mod describe;
pub mod engine;
pub mod http;
pub mod limits;
pub mod message;
pub mod openapi;
pub mod pages;
pub mod pool;
pub mod results;
pub mod text;
pub mod upload;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use tokio::sync::Semaphore;
use unei_core::{Lang, Localize, Template};

use self::batch::BatchJob;
use self::check::Checked;
use self::engine::Templates;
use self::limits::Limits;
use self::message::Notice;
use self::pool::Pool;
use self::results::{Store, Weigh};
use crate::exit::Exit;
use crate::pipeline::FontChoice;

/// `unei serve`'s options, as parsed from the command line.
#[derive(Debug)]
pub struct ServeOptions {
    pub addr: SocketAddr,
    pub token: Option<String>,
    pub template: (String, Template),
    pub fonts: FontChoice,
    pub limits: Limits,
    /// Seconds requests under way may take to finish after SIGINT/SIGTERM.
    pub grace: Duration,
}

/// A checked upload kept for its result page and downloads.
#[derive(Debug)]
pub struct Kept {
    pub checked: Checked,
}

impl Weigh for Kept {
    fn bytes(&self) -> usize {
        let outputs = &self.checked.outputs;
        let plan = self.checked.plan_json.as_ref().map_or(0, String::len);
        outputs.pdf.as_ref().map_or(0, Vec::len)
            + outputs.xlsx.as_ref().map_or(0, Vec::len)
            + outputs.html.as_ref().map_or(0, String::len)
            + plan * 2
            + 4096
    }
}

/// What every request shares.
#[derive(Debug)]
pub struct State {
    pub templates: Templates,
    pub limits: Limits,
    pub pool: Arc<Pool>,
    pub results: Store<Kept>,
    pub batches: Store<Arc<BatchJob>>,
    /// Requests handled at once (`--max-requests`).
    pub requests: Arc<Semaphore>,
    /// Batches running at once.
    pub running_batches: Arc<Semaphore>,
    pub token: Option<String>,
}

pub type Shared = Arc<State>;

/// Runs the server until SIGINT or SIGTERM.
pub fn run(options: ServeOptions) -> Exit {
    let lang = crate::ui::lang();
    let _ = tracing_subscriber::fmt()
        .with_target(false)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr)
        .try_init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(options.limits.jobs.max(1) + 2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            let error = e.to_string();
            eprintln!("{}", Notice::CannotStart { error }.localize(lang));
            return Exit::Failure;
        }
    };
    runtime.block_on(serve(options, lang))
}

async fn serve(options: ServeOptions, lang: Lang) -> Exit {
    let templates = match Templates::load(options.template, &options.fonts) {
        Ok(templates) => templates,
        Err(error) => {
            eprintln!("{}", Notice::CannotStart { error }.localize(lang));
            return Exit::Failure;
        }
    };
    let limits = options.limits;
    let listener = match tokio::net::TcpListener::bind(options.addr).await {
        Ok(listener) => listener,
        Err(e) => {
            let (addr, error) = (options.addr, e.to_string());
            eprintln!("{}", Notice::CannotBind { addr, error }.localize(lang));
            return Exit::Failure;
        }
    };
    let addr = listener.local_addr().unwrap_or(options.addr);
    if !addr.ip().is_loopback() {
        let token = options.token.is_some();
        eprintln!("{}", Notice::NotLoopback { addr, token }.localize(lang));
    }
    let state = Arc::new(State {
        templates,
        pool: Arc::new(Pool::new(limits.jobs, limits.queue)),
        results: Store::new(limits.keep_results, limits.results_bytes),
        batches: Store::new(limits.keep_results, limits.results_bytes),
        requests: Arc::new(Semaphore::new(limits.requests.max(1))),
        running_batches: Arc::new(Semaphore::new(limits.batches.max(1))),
        token: options.token,
        limits,
    });
    let url = format!("http://{addr}/");
    let jobs = state.limits.jobs;
    eprintln!("{}", Notice::Listening { url, jobs }.localize(lang));
    let app = router(state);
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let server = axum::serve(listener, app).with_graceful_shutdown(async move {
        shutdown_signal().await;
        eprintln!("{}", Notice::ShuttingDown.localize(lang));
        let _ = stop_tx.send(true);
    });
    let grace = options.grace;
    let forced = async move {
        let mut stop_rx = stop_rx;
        let _ = stop_rx.wait_for(|stopping| *stopping).await;
        tokio::time::sleep(grace).await;
    };
    tokio::select! {
        result = server => match result {
            Ok(()) => Exit::Ok,
            Err(e) => {
                eprintln!("{}", Notice::CannotStart { error: e.to_string() }.localize(lang));
                Exit::Failure
            }
        },
        () = forced => {
            let seconds = grace.as_secs();
            eprintln!("{}", Notice::ShutdownForced { seconds }.localize(lang));
            Exit::Ok
        }
    }
}

/// Every route, behind the layers of `http.rs`.
pub fn router(state: Shared) -> Router {
    let body_limit = usize::try_from(state.limits.body_bytes).unwrap_or(usize::MAX);
    Router::new()
        .route("/", get(pages::index))
        .route("/check", post(pages::check))
        .route("/r/{id}", get(pages::result))
        .route("/r/{id}/{file}", get(pages::download))
        .route("/batch", post(pages::batch))
        .route("/b/{id}", get(pages::batch_page))
        .route("/b/{id}/zip", get(pages::batch_zip))
        .route("/diff", post(pages::diff))
        .route("/static/unei.css", get(pages::stylesheet))
        .route("/static/unei.js", get(pages::script))
        .route("/healthz", get(api::health))
        .route("/api/openapi.json", get(openapi::document))
        .route("/api/import", post(api::import))
        .route("/api/validate", post(api::validate))
        .route("/api/render", post(api::render))
        .route("/api/batch", post(api::batch))
        .route("/api/batch/{id}", get(api::batch_progress))
        .fallback(pages::not_found)
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            http::admit,
        ))
        .layer(axum::middleware::from_fn(http::close_after_error))
        .layer(axum::middleware::from_fn(http::security_headers))
        .layer(axum::middleware::from_fn(http::log_request))
        .with_state(state)
}

/// SIGINT (Ctrl+C) or SIGTERM (systemd's stop).
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}
