//! The API for other systems: `/api/import`, `/api/validate`, `/api/render?format=`,
//! `/api/batch`, `/healthz`. Each takes the file as the raw body (with `?name=` or a
//! `Content-Type`) or as the `file` field of a form; answers are JSON, or the file made.
//! The steps are the pages' (`run_check`), so the API and the page never disagree.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Request, State};
use axum::http::header::{self, HeaderValue};
use axum::http::{HeaderName, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use tokio::time::Instant;
use unei_core::Lang;

use super::Shared;
use super::batch::{self, BatchJob, Row, RowResult, Settings};
use super::check::{CheckOptions, Checked, Refusal, Wanted, check};
use super::describe::{ReportJson, report};
use super::http::{self as web, body_notice, json_error, request_lang};
use super::message::Notice;
use super::pool::PoolError;
use super::upload::{InputKind, Submission};

/// Why a request ends early, with what to answer.
pub struct Stop(pub Notice);

impl From<Notice> for Stop {
    fn from(notice: Notice) -> Self {
        Stop(notice)
    }
}

/// The notice for a job that did not end.
pub fn pool_notice(error: PoolError, state: &Shared) -> Notice {
    match error {
        PoolError::Busy => Notice::Busy {
            retry_after: state.limits.retry_after(),
        },
        PoolError::TimedOut => Notice::TimedOut {
            seconds: state.limits.timeout_seconds(),
        },
        PoolError::Panicked => Notice::Internal {
            detail: "panic".to_owned(),
        },
        PoolError::Closed => Notice::Stopping,
    }
}

/// The check's options from the form's or query's fields.
pub fn check_options(submission: &Submission) -> Result<CheckOptions, Notice> {
    let kind = submission
        .field("kind")
        .map(|k| {
            crate::cmd_new::parse_kind(k).map_err(|_| Notice::BadOption {
                field: "kind",
                value: k.to_owned(),
            })
        })
        .transpose()?;
    let year = submission
        .field("year")
        .map(|y| {
            crate::parse_year(y).map_err(|_| Notice::BadOption {
                field: "year",
                value: y.to_owned(),
            })
        })
        .transpose()?;
    Ok(CheckOptions {
        organisation: submission.field("organisation").map(str::to_owned),
        kind,
        year,
        strict: submission.flag("strict"),
        draft: submission.flag("draft"),
    })
}

/// Reads the request and checks its file `field` on the pool: what every upload does.
/// `accept` says which kinds the endpoint takes.
pub async fn run_check(
    state: &Shared,
    request: Request,
    field: &'static str,
    accept: &[InputKind],
    wanted: impl Fn(&Submission) -> Result<Wanted, Notice>,
) -> Result<(Checked, Submission), Stop> {
    let deadline = Instant::now() + state.limits.timeout;
    let limit = usize::try_from(state.limits.body_bytes).unwrap_or(usize::MAX);
    let submission = Submission::read(request, field, deadline, limit, false)
        .await
        .map_err(|e| body_notice(e, state))?;
    let upload = submission.file(field)?.clone();
    let kind = upload.kind()?;
    if !accept.contains(&kind) {
        return Err(Stop(Notice::UnsupportedType { name: upload.name }));
    }
    let options = check_options(&submission)?;
    let wanted = wanted(&submission)?;
    let template_id = submission.field("template");
    let context = state
        .templates
        .get(template_id)
        .ok_or_else(|| Notice::BadOption {
            field: "template",
            value: template_id.unwrap_or("").to_owned(),
        })?
        .clone();
    let import_limits = state.limits.import;
    // The work's own deadline starts once the body is in: a slow upload does not eat it.
    let deadline = Instant::now() + state.limits.timeout;
    let checked = state
        .pool
        .run(deadline, move || {
            check(&upload, kind, &context, &options, import_limits, wanted)
        })
        .await
        .map_err(|e| pool_notice(e, state))?;
    Ok((checked, submission))
}

fn stop_json(stop: Stop, state: &Shared, lang: Lang) -> Response {
    json_error(&stop.0, lang, state.limits.retry_after())
}

/// The status of a checked file: 200, or 422 when it was refused.
fn checked_status(checked: &Checked) -> StatusCode {
    match &checked.refusal {
        None => StatusCode::OK,
        Some(Refusal::Internal(_)) => StatusCode::INTERNAL_SERVER_ERROR,
        Some(_) => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

/// What `/api/import` answers.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ImportAnswer {
    pub report: ReportJson,
    /// The plan file the importer wrote (as `unei import -o` writes it).
    #[schema(value_type = Object)]
    pub plan: Option<serde_json::Value>,
}

/// `POST /api/import`: a workbook or page in, the plan and the import report out.
#[utoipa::path(post, path = "/api/import", tag = "unei",
    params(("name" = Option<String>, Query, description = "file name (its extension says the type) for a raw body"),
           ("organisation" = Option<String>, Query), ("kind" = Option<String>, Query), ("year" = Option<String>, Query),
           ("lang" = Option<String>, Query, description = "ja or en")),
    request_body(content = Vec<u8>, description = "the workbook (.xlsx .xlsm .xls .ods) or page (.txt .html)", content_type = "application/octet-stream"),
    responses((status = 200, body = ImportAnswer, description = "imported; the report lists every cell or line"),
              (status = 413, description = "too large"), (status = 415, description = "not a workbook or page"),
              (status = 422, body = ImportAnswer, description = "the importer refused the file"),
              (status = 503, description = "busy"), (status = 504, description = "timed out")))]
pub async fn import(State(state): State<Shared>, request: Request) -> Response {
    let lang = request_lang(&request);
    let accept = [InputKind::Workbook, InputKind::Page];
    match run_check(&state, request, "file", &accept, |_| Ok(Wanted::NONE)).await {
        Ok((checked, _)) => {
            let plan = checked
                .imported
                .as_ref()
                .and_then(|i| serde_json::to_value(&i.plan).ok());
            let status = match &checked.refusal {
                Some(Refusal::Import(_) | Refusal::Internal(_)) => checked_status(&checked),
                _ => StatusCode::OK,
            };
            let answer = ImportAnswer {
                report: report(&checked, lang),
                plan,
            };
            (status, Json(answer)).into_response()
        }
        Err(stop) => stop_json(stop, &state, lang),
    }
}

/// `POST /api/validate`: a plan (or a workbook or page, imported first) in, its findings out.
#[utoipa::path(post, path = "/api/validate", tag = "unei",
    params(("name" = Option<String>, Query), ("strict" = Option<bool>, Query), ("draft" = Option<bool>, Query),
           ("lang" = Option<String>, Query)),
    request_body(content = Vec<u8>, description = "a plan file (.json), workbook or page", content_type = "application/json"),
    responses((status = 200, body = ReportJson, description = "valid (warnings allowed unless strict)"),
              (status = 422, body = ReportJson, description = "invalid; every finding has file, line and column")))]
pub async fn validate(State(state): State<Shared>, request: Request) -> Response {
    let lang = request_lang(&request);
    let accept = [InputKind::Plan, InputKind::Workbook, InputKind::Page];
    match run_check(&state, request, "file", &accept, |_| Ok(Wanted::NONE)).await {
        Ok((checked, _)) => {
            (checked_status(&checked), Json(report(&checked, lang))).into_response()
        }
        Err(stop) => stop_json(stop, &state, lang),
    }
}

/// The output `?format=` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Xlsx,
    Html,
    /// The plan file (for an imported workbook or page: the importer's plan).
    Plan,
}

impl Format {
    fn parse(submission: &Submission) -> Result<Format, Notice> {
        match submission.field("format").unwrap_or("pdf") {
            "pdf" => Ok(Format::Pdf),
            "xlsx" => Ok(Format::Xlsx),
            "html" => Ok(Format::Html),
            "json" | "plan" => Ok(Format::Plan),
            other => Err(Notice::BadOption {
                field: "format",
                value: other.to_owned(),
            }),
        }
    }

    fn wanted(self) -> Wanted {
        Wanted {
            pdf: self == Format::Pdf,
            xlsx: self == Format::Xlsx,
            html: self == Format::Html,
        }
    }
}

/// `POST /api/render?format=pdf|xlsx|html|json`: the file made, as `unei render` makes it.
#[utoipa::path(post, path = "/api/render", tag = "unei",
    params(("format" = Option<String>, Query, description = "pdf (default), xlsx, html or json (the plan)"),
           ("name" = Option<String>, Query), ("strict" = Option<bool>, Query), ("draft" = Option<bool>, Query),
           ("template" = Option<String>, Query, description = "osaka-default or osaka-ipaex"), ("lang" = Option<String>, Query)),
    request_body(content = Vec<u8>, description = "a plan file, workbook or page", content_type = "application/json"),
    responses((status = 200, description = "the PDF, XLSX, HTML or plan file, with Content-Disposition"),
              (status = 400, description = "a bad option"), (status = 413, description = "too large"),
              (status = 415, description = "not a type unei reads"),
              (status = 422, body = ReportJson, description = "not rendered: the report says why"),
              (status = 503, description = "busy"), (status = 504, description = "timed out")))]
pub async fn render(State(state): State<Shared>, request: Request) -> Response {
    let lang = request_lang(&request);
    let accept = [InputKind::Plan, InputKind::Workbook, InputKind::Page];
    let format = std::sync::Mutex::new(Format::Pdf);
    let wanted = |s: &Submission| {
        let parsed = Format::parse(s)?;
        if let Ok(mut f) = format.lock() {
            *f = parsed;
        }
        Ok(parsed.wanted())
    };
    let (checked, _) = match run_check(&state, request, "file", &accept, wanted).await {
        Ok(done) => done,
        Err(stop) => return stop_json(stop, &state, lang),
    };
    let format = format.into_inner().unwrap_or(Format::Pdf);
    if checked.refusal.is_some() {
        return (checked_status(&checked), Json(report(&checked, lang))).into_response();
    }
    output_response(checked, format)
}

/// The made file of `checked` as a download.
fn output_response(checked: Checked, format: Format) -> Response {
    let outputs = checked.outputs;
    let made = match format {
        Format::Pdf => outputs.pdf.map(|b| (b, web::PDF, "pdf")),
        Format::Xlsx => outputs.xlsx.map(|b| (b, web::XLSX, "xlsx")),
        Format::Html => outputs.html.map(|h| (h.into_bytes(), web::HTML, "html")),
        Format::Plan => checked
            .plan_json
            .map(|p| (p.into_bytes(), web::JSON, "json")),
    };
    match made {
        Some((bytes, content_type, extension)) => {
            let name = format!("{}.{extension}", super::upload::stem(&checked.name));
            web::file_response(bytes, content_type, &name, false)
        }
        None => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// Reads a batch upload and starts it; the job is kept for its page and progress.
pub async fn start_batch(
    state: &Shared,
    request: Request,
    authorize: impl Fn(&Submission) -> Result<(), Notice>,
) -> Result<(Arc<BatchJob>, String, tokio::task::JoinHandle<()>), Stop> {
    let lang = request_lang(&request);
    let deadline = Instant::now() + state.limits.timeout;
    let limit = usize::try_from(state.limits.body_bytes).unwrap_or(usize::MAX);
    let submission = Submission::read(request, "file", deadline, limit, true)
        .await
        .map_err(|e| body_notice(e, state))?;
    authorize(&submission)?;
    let upload = submission.file("file")?.clone();
    if !upload.is_zip() {
        return Err(Stop(Notice::NotAZip { name: upload.name }));
    }
    let options = check_options(&submission)?;
    let template_id = submission.field("template");
    let context = state
        .templates
        .get(template_id)
        .ok_or_else(|| Notice::BadOption {
            field: "template",
            value: template_id.unwrap_or("").to_owned(),
        })?
        .clone();
    let wanted = batch_formats(&submission)?;
    let Ok(running) = state.running_batches.clone().try_acquire_owned() else {
        return Err(Stop(Notice::Busy {
            retry_after: state.limits.retry_after(),
        }));
    };
    let (max_files, max_unpacked) = (state.limits.batch_files, state.limits.import.unpacked_bytes);
    let bytes = upload.bytes.clone();
    let unpacked = state
        .pool
        .run(Instant::now() + state.limits.timeout, move || {
            batch::unpack(&bytes, max_files, max_unpacked)
        })
        .await
        .map_err(|e| pool_notice(e, state))?
        .map_err(|notice| match notice {
            Notice::NotAZip { .. } => Notice::NotAZip {
                name: upload.name.clone(),
            },
            other => other,
        })?;
    let total = unpacked.files.len() + unpacked.skipped.len();
    let job = Arc::new(BatchJob::new(upload.name.clone(), total, lang));
    let id = state.batches.insert(job.clone());
    let settings = Settings {
        context,
        options,
        wanted,
        import_limits: state.limits.import,
        timeout: state.limits.timeout,
    };
    let handle = tokio::spawn(batch::run(
        job.clone(),
        unpacked,
        state.pool.clone(),
        settings,
        running,
    ));
    Ok((job, id, handle))
}

/// `?format=pdf,xlsx,html` of a batch (PDF when not given).
fn batch_formats(submission: &Submission) -> Result<Wanted, Notice> {
    let mut wanted = Wanted::NONE;
    let given: Vec<&String> = submission
        .fields
        .iter()
        .filter(|(k, _)| k.as_str() == "format" || k.starts_with("format."))
        .map(|(_, v)| v)
        .collect();
    let list = if given.is_empty() {
        vec!["pdf"]
    } else {
        given
            .iter()
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .collect()
    };
    for format in list {
        match format {
            "pdf" => wanted.pdf = true,
            "xlsx" => wanted.xlsx = true,
            "html" => wanted.html = true,
            "" => {}
            other => {
                return Err(Notice::BadOption {
                    field: "format",
                    value: other.to_owned(),
                });
            }
        }
    }
    Ok(wanted)
}

/// `POST /api/batch`: a zip in, the zip of outputs (with `summary.json`) out once done.
#[utoipa::path(post, path = "/api/batch", tag = "unei",
    params(("format" = Option<String>, Query, description = "comma-separated: pdf (default), xlsx, html"),
           ("strict" = Option<bool>, Query), ("lang" = Option<String>, Query)),
    request_body(content = Vec<u8>, description = "a zip of plans, workbooks and pages (sub-folders kept)", content_type = "application/zip"),
    responses((status = 200, description = "the zip of outputs and summary.json; X-Unei-Failed counts failed files"),
              (status = 413, description = "too large, or unpacks too large"), (status = 415, description = "not a zip"),
              (status = 422, description = "an entry is refused (.., absolute path, link, NUL)"),
              (status = 503, description = "busy")))]
pub async fn batch(State(state): State<Shared>, request: Request) -> Response {
    let lang = request_lang(&request);
    let (job, _, handle) = match start_batch(&state, request, |_| Ok(())).await {
        Ok(started) => started,
        Err(stop) => return stop_json(stop, &state, lang),
    };
    if handle.await.is_err() {
        let detail = "batch".to_owned();
        return json_error(&Notice::Internal { detail }, lang, 0);
    }
    let Some(finished) = job.finished() else {
        return json_error(&Notice::Stopping, lang, 0);
    };
    let failed = finished
        .rows
        .iter()
        .filter(|r| r.result == RowResult::Failed)
        .count();
    let mut response =
        web::file_response(finished.zip.clone(), web::ZIP, &job.output_name(), false);
    response.headers_mut().insert(
        HeaderName::from_static("x-unei-failed"),
        HeaderValue::from(failed),
    );
    response
}

/// A batch's progress, as the page's script reads it.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Progress {
    pub total: usize,
    pub done: usize,
    pub finished: bool,
    pub rows: Option<Vec<Row>>,
}

/// `GET /api/batch/{id}`: how far a batch started from the page has got.
#[utoipa::path(get, path = "/api/batch/{id}", tag = "unei",
    params(("id" = String, Path, description = "the batch's id, from its page's address")),
    responses((status = 200, body = Progress), (status = 404, description = "no such batch (or no longer kept)")))]
pub async fn batch_progress(
    State(state): State<Shared>,
    Path(id): Path<String>,
    request: Request,
) -> Response {
    let lang = request_lang(&request);
    let Some(job) = state.batches.get(&id) else {
        return json_error(&Notice::NotFound, lang, 0);
    };
    let finished = job.finished();
    Json(Progress {
        total: job.total,
        done: job.done(),
        finished: finished.is_some(),
        rows: finished.map(|f| f.rows.clone()),
    })
    .into_response()
}

/// What `/healthz` answers.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Health {
    pub status: &'static str,
    pub version: &'static str,
    pub jobs: usize,
    pub templates: Vec<String>,
    /// Results kept now.
    pub results: usize,
}

/// `GET /healthz`: the server is up and can take work.
#[utoipa::path(get, path = "/healthz", tag = "unei",
    responses((status = 200, body = Health), (status = 503, description = "every worker busy and the queue full")))]
pub async fn health(State(state): State<Shared>) -> Response {
    let status = if state.pool.has_room() {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let body = Health {
        status: if status == StatusCode::OK {
            "ok"
        } else {
            "busy"
        },
        version: env!("CARGO_PKG_VERSION"),
        jobs: state.pool.jobs(),
        templates: state
            .templates
            .choices()
            .iter()
            .map(|c| c.id.clone())
            .collect(),
        results: state.results.count(),
    };
    let mut response = (status, Json(body)).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
