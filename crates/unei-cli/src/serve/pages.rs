//! The pages for people: the upload forms, a file's result (import report, findings,
//! glyphs, fit, PDF preview, downloads), a batch's progress and summary, the comparison of
//! two plans, and the error page. Written with maud (every text escaped); they work without
//! JavaScript (forms post, results come back by a 303 redirect); `unei.js` only adds
//! drag-and-drop and live batch progress. Nothing is loaded from elsewhere.

use axum::extract::{Path, Request, State};
use axum::http::header::{self, HeaderValue};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use unei_core::{Lang, Localize};

use super::api::{self, Stop, pool_notice, run_check};
use super::batch::RowResult;
use super::check::{Checked, Wanted};
use super::describe::{self, ReportJson};
use super::http::{self as web, CSP_INLINE_STYLE, request_lang, status_of};
use super::message::Notice;
use super::text::Text;
use super::upload::{InputKind, Submission};
use super::{Kept, Shared};

const STYLESHEET: &str = include_str!("assets/unei.css");
const SCRIPT: &str = include_str!("assets/unei.js");

fn code(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "ja",
        Lang::En => "en",
    }
}

fn other(lang: Lang) -> Lang {
    match lang {
        Lang::Ja => Lang::En,
        Lang::En => Lang::Ja,
    }
}

/// The frame of every page: language, skip link, the other language's link, the main part.
fn page(lang: Lang, title: &str, path: &str, main: Markup) -> Markup {
    let other = other(lang);
    html! {
        (DOCTYPE)
        html lang=(code(lang)) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — unei" }
                link rel="stylesheet" href="/static/unei.css";
                script src="/static/unei.js" defer {}
            }
            body {
                a.skip href="#main" { (Text::SkipToContent.get(lang)) }
                header {
                    p.brand { a href={ "/?lang=" (code(lang)) } { "unei" } }
                    p.lang { a href={ (path) "?lang=" (code(other)) } lang=(code(other)) hreflang=(code(other)) { (Text::OtherLanguage.get(lang)) } }
                }
                main #main { (main) }
            }
        }
    }
}

fn html_response(status: StatusCode, markup: Markup) -> Response {
    let mut response = (status, markup.into_string()).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(web::HTML));
    response
}

/// The error page of a notice, with its status (and `Retry-After` when busy).
pub fn error_page(notice: &Notice, lang: Lang, retry_after: u64) -> Response {
    let status = status_of(notice);
    let heading = Text::ErrorHeading.get(lang);
    let main = html! {
        h1 { (heading) }
        p.problem role="alert" { (notice.localize(lang)) }
        p { a href={ "/?lang=" (code(lang)) } { (Text::Back.get(lang)) } }
    };
    let response = html_response(status, page(lang, heading, "/", main));
    web::with_retry(status, response, retry_after)
}

fn stop_page(stop: Stop, state: &Shared, lang: Lang) -> Response {
    error_page(&stop.0, lang, state.limits.retry_after())
}

/// `GET /`: the three forms.
pub async fn index(State(state): State<Shared>, request: Request) -> Response {
    let lang = request_lang(&request);
    let q = format!("?lang={}", code(lang));
    let token = state.token.is_some();
    let main = html! {
        h1 { (Text::Title.get(lang)) }
        p { (Text::Intro.get(lang)) }
        section aria-labelledby="check-heading" {
            h2 #check-heading { (Text::CheckHeading.get(lang)) }
            form.upload method="post" action={ "/check" (q) } enctype="multipart/form-data" {
                p { (Text::CheckHelp.get(lang)) }
                (file_input("file", "check-file", Text::FileLabel, ".json,.xlsx,.xlsm,.xls,.ods,.txt,.html,.htm", lang))
                (template_select(&state, "check-template", lang))
                details {
                    summary { (Text::OrganisationLabel.get(lang)) " / " (Text::YearLabel.get(lang)) }
                    p { label for="organisation" { (Text::OrganisationLabel.get(lang)) } br;
                        input #organisation type="text" name="organisation" aria-describedby="organisation-help";
                        span #organisation-help .help { " " (Text::OrganisationHelp.get(lang)) } }
                    p { label for="kind" { (Text::KindLabel.get(lang)) } br;
                        select #kind name="kind" {
                            option value="" { (Text::KindAny.get(lang)) }
                            @for kind in unei_core::OrgKind::ALL { option value=(kind.as_str()) { (kind.as_str()) } }
                        } }
                    p { label for="year" { (Text::YearLabel.get(lang)) } br;
                        input #year type="text" name="year" aria-describedby="year-help";
                        span #year-help .help { " " (Text::YearHelp.get(lang)) } }
                }
                p { input #strict type="checkbox" name="strict" value="1"; " " label for="strict" { (Text::StrictLabel.get(lang)) } }
                p { input #draft type="checkbox" name="draft" value="1"; " " label for="draft" { (Text::DraftLabel.get(lang)) } }
                @if token { (token_input("check-token", lang)) }
                p { button type="submit" { (Text::CheckButton.get(lang)) } }
            }
        }
        section aria-labelledby="batch-heading" {
            h2 #batch-heading { (Text::BatchHeading.get(lang)) }
            form.upload method="post" action={ "/batch" (q) } enctype="multipart/form-data" {
                p { (Text::BatchHelp.get(lang)) }
                (file_input("file", "batch-file", Text::ZipLabel, ".zip", lang))
                fieldset {
                    legend { (Text::FormatsLegend.get(lang)) }
                    @for (id, label, checked) in [("pdf", "PDF", true), ("xlsx", "XLSX", false), ("html", "HTML", false)] {
                        span.choice { input id={ "format-" (id) } type="checkbox" name={ "format." (id) } value=(id) checked[checked]; " " label for={ "format-" (id) } { (label) } }
                    }
                }
                (template_select(&state, "batch-template", lang))
                @if token { (token_input("batch-token", lang)) }
                p { button type="submit" { (Text::BatchButton.get(lang)) } }
            }
        }
        section aria-labelledby="diff-heading" {
            h2 #diff-heading { (Text::DiffHeading.get(lang)) }
            form method="post" action={ "/diff" (q) } enctype="multipart/form-data" {
                p { (Text::DiffHelp.get(lang)) }
                (file_input("old", "diff-old", Text::OldLabel, ".json,.xlsx,.xlsm,.xls,.ods,.txt,.html,.htm", lang))
                (file_input("new", "diff-new", Text::NewLabel, ".json,.xlsx,.xlsm,.xls,.ods,.txt,.html,.htm", lang))
                p { input #ignore-width type="checkbox" name="ignore_width" value="1"; " " label for="ignore-width" { (Text::IgnoreWidthLabel.get(lang)) } }
                @if token { (token_input("diff-token", lang)) }
                p { button type="submit" { (Text::DiffButton.get(lang)) } }
            }
        }
    };
    html_response(StatusCode::OK, page(lang, Text::Title.get(lang), "/", main))
}

fn file_input(name: &str, id: &str, label: Text, accept: &str, lang: Lang) -> Markup {
    html! {
        div.drop data-drop-text=(Text::Dropping.get(lang)) {
            label for=(id) { (label.get(lang)) }
            input id=(id) type="file" name=(name) accept=(accept) required aria-describedby={ (id) "-help" };
            p.help id={ (id) "-help" } { (Text::FileHelp.get(lang)) }
        }
    }
}

fn template_select(state: &Shared, id: &str, lang: Lang) -> Markup {
    html! {
        p { label for=(id) { (Text::TemplateLabel.get(lang)) } br;
            select id=(id) name="template" {
                @for choice in state.templates.choices() { option value=(choice.id) { (choice.id) } }
            } }
    }
}

fn token_input(id: &str, lang: Lang) -> Markup {
    html! {
        p { label for=(id) { (Text::TokenLabel.get(lang)) } br;
            input id=(id) type="password" name="token" autocomplete="current-password" required; }
    }
}

/// `POST /check`: checks the file and sends the browser to its result page.
pub async fn check(State(state): State<Shared>, request: Request) -> Response {
    let lang = request_lang(&request);
    let header_token = web::bearer_ok(&state, request.headers());
    let accept = [InputKind::Plan, InputKind::Workbook, InputKind::Page];
    let (checked, _) = match run_check(&state, request, "file", &accept, |s| {
        form_token(&state, s, header_token).map(|()| Wanted::ALL)
    })
    .await
    {
        Ok(done) => done,
        Err(stop) => return stop_page(stop, &state, lang),
    };
    let id = state.results.insert(Kept { checked });
    Redirect::to(&format!("/r/{id}?lang={}", code(lang))).into_response()
}

/// With `--token`, a form must carry it (or the request its header).
fn form_token(state: &Shared, submission: &Submission, header_ok: bool) -> Result<(), Notice> {
    match &state.token {
        None => Ok(()),
        Some(_) if header_ok => Ok(()),
        Some(expected) => match submission.field("token") {
            Some(given) if web::token_matches(expected, given) => Ok(()),
            _ => Err(Notice::Unauthorized),
        },
    }
}

/// `GET /r/{id}`: a checked file's result.
pub async fn result(
    State(state): State<Shared>,
    Path(id): Path<String>,
    request: Request,
) -> Response {
    let lang = request_lang(&request);
    let Some(kept) = state.results.get(&id) else {
        return error_page(&Notice::NotFound, lang, 0);
    };
    let checked = &kept.checked;
    let report = describe::report(checked, lang);
    let path = format!("/r/{id}");
    let main = html! {
        h1 { (Text::ResultHeading.get(lang)) ": " (checked.name) }
        (summary(&report, lang))
        (downloads(checked, &path, lang))
        (findings(&report, lang))
        (glyphs_and_fit(&report, lang))
        (import_report(&report, lang))
        @if checked.outputs.pdf.is_some() {
            section aria-labelledby="preview-heading" {
                h2 #preview-heading { (Text::Preview.get(lang)) }
                object.preview data={ (path) "/preview" } type="application/pdf" aria-label=(Text::Preview.get(lang)) {
                    p { (Text::PreviewFallback.get(lang)) }
                }
            }
        }
        p { a href={ "/?lang=" (code(lang)) } { (Text::Back.get(lang)) } }
    };
    html_response(
        StatusCode::OK,
        page(lang, Text::ResultHeading.get(lang), &path, main),
    )
}

fn summary(report: &ReportJson, lang: Lang) -> Markup {
    html! {
        @if report.rendered {
            p.ok role="status" { (Text::Rendered.get(lang))
                @if let Some(pages) = report.pages { " (" (Text::Pages.get(lang)) ": " (pages) ")" } }
        } @else {
            p.problem role="alert" { (Text::NotRendered.get(lang)) ": " (report.refusal.clone().unwrap_or_default()) }
        }
    }
}

fn downloads(checked: &Checked, path: &str, lang: Lang) -> Markup {
    let outputs = &checked.outputs;
    let links = [
        (outputs.pdf.is_some(), "pdf", Text::DownloadPdf),
        (outputs.xlsx.is_some(), "xlsx", Text::DownloadXlsx),
        (outputs.html.is_some(), "html", Text::DownloadHtml),
        (checked.plan_json.is_some(), "plan", Text::DownloadPlan),
        (true, "report", Text::DownloadReport),
    ];
    html! {
        section aria-labelledby="downloads-heading" {
            h2 #downloads-heading { (Text::Downloads.get(lang)) }
            ul.downloads {
                @for (present, file, text) in links {
                    @if present { li { a href={ (path) "/" (file) } download { (text.get(lang)) } } }
                }
            }
        }
    }
}

fn findings(report: &ReportJson, lang: Lang) -> Markup {
    html! {
        section aria-labelledby="findings-heading" {
            h2 #findings-heading { (Text::FindingsHeading.get(lang)) }
            @if report.findings.is_empty() {
                p { (Text::NoFindings.get(lang)) }
            } @else {
                ul.findings {
                    @for f in &report.findings {
                        li class=(f.severity) {
                            span.where { (f.file) ":" (f.line) ":" (f.column) } " " (f.path) ": " (f.message)
                            @if let Some(source) = &f.source { pre { (source) } }
                        }
                    }
                }
            }
        }
    }
}

fn glyphs_and_fit(report: &ReportJson, lang: Lang) -> Markup {
    html! {
        @for (lines, heading, id) in [(&report.missing_glyphs, Text::GlyphsHeading, "glyphs-heading"), (&report.fit, Text::FitHeading, "fit-heading")] {
            @if !lines.is_empty() {
                section aria-labelledby=(id) {
                    h2 id=(id) { (heading.get(lang)) }
                    ul { @for line in lines { li { (line) } } }
                }
            }
        }
    }
}

fn import_report(report: &ReportJson, lang: Lang) -> Markup {
    let Some(import) = &report.import else {
        return html! {};
    };
    html! {
        section aria-labelledby="import-heading" {
            h2 #import-heading { (Text::ImportHeading.get(lang)) }
            p.counts { (import.summary) }
            @if !import.warnings.is_empty() {
                h3 { (Text::ImportWarnings.get(lang)) }
                ul { @for w in &import.warnings { li { (w) } } }
            }
            div.scroll role="region" aria-labelledby="import-heading" tabindex="0" {
                table.entries {
                    thead { tr { th scope="col" { (Text::Kind.get(lang)) } th scope="col" { (Text::Address.get(lang)) }
                                 th scope="col" { (Text::Content.get(lang)) } th scope="col" { (Text::Explanation.get(lang)) } } }
                    tbody {
                        @for e in &import.entries {
                            tr class=(e.kind) {
                                td { (kind_name(&e.kind, lang)) } td { code { (e.address) } } td { (e.text) } td { (e.explanation) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn kind_name(id: &str, lang: Lang) -> &'static str {
    let kind = unei_import::EntryKind::ALL
        .into_iter()
        .find(|k| describe::kind_id(*k) == id)
        .unwrap_or(unei_import::EntryKind::Unmapped);
    kind.name(lang)
}

/// `GET /r/{id}/{file}`: pdf, xlsx, html, plan, report, or preview (the PDF, inline).
pub async fn download(
    State(state): State<Shared>,
    Path((id, file)): Path<(String, String)>,
    request: Request,
) -> Response {
    let lang = request_lang(&request);
    let Some(kept) = state.results.get(&id) else {
        return error_page(&Notice::NotFound, lang, 0);
    };
    let checked = &kept.checked;
    let outputs = &checked.outputs;
    let made = match file.as_str() {
        "pdf" | "preview" => outputs
            .pdf
            .clone()
            .map(|b| (b, web::PDF, checked.output_name("pdf"))),
        "xlsx" => outputs
            .xlsx
            .clone()
            .map(|b| (b, web::XLSX, checked.output_name("xlsx"))),
        "html" => outputs
            .html
            .clone()
            .map(|h| (h.into_bytes(), web::HTML, checked.output_name("html"))),
        "plan" => checked
            .plan_json
            .clone()
            .map(|p| (p.into_bytes(), web::JSON, checked.output_name("json"))),
        "report" => serde_json::to_vec_pretty(&describe::report(checked, lang))
            .ok()
            .map(|b| {
                (
                    b,
                    web::JSON,
                    format!("{}-report.json", super::upload::stem(&checked.name)),
                )
            }),
        _ => None,
    };
    match made {
        Some((bytes, content_type, name)) => {
            let mut response = web::file_response(bytes, content_type, &name, file == "preview");
            if content_type == web::HTML {
                // The plan's own page is a download, shown as the city's page would show it.
                response.headers_mut().insert(
                    header::CONTENT_SECURITY_POLICY,
                    HeaderValue::from_static(CSP_INLINE_STYLE),
                );
            }
            response
        }
        None => error_page(&Notice::NotFound, lang, 0),
    }
}

/// `POST /batch`: starts a batch and sends the browser to its page.
pub async fn batch(State(state): State<Shared>, request: Request) -> Response {
    let lang = request_lang(&request);
    let header_token = web::bearer_ok(&state, request.headers());
    let authorize = |s: &Submission| form_token(&state, s, header_token);
    let (_, id, _) = match api::start_batch(&state, request, authorize).await {
        Ok(started) => started,
        Err(stop) => return stop_page(stop, &state, lang),
    };
    Redirect::to(&format!("/b/{id}?lang={}", code(lang))).into_response()
}

/// `GET /b/{id}`: a batch's progress, then its summary and the zip.
pub async fn batch_page(
    State(state): State<Shared>,
    Path(id): Path<String>,
    request: Request,
) -> Response {
    let lang = request_lang(&request);
    let Some(job) = state.batches.get(&id) else {
        return error_page(&Notice::NotFound, lang, 0);
    };
    let path = format!("/b/{id}");
    let finished = job.finished();
    let main = html! {
        h1 { (Text::BatchResultHeading.get(lang)) ": " (job.name) }
        @match finished {
            None => {
                p role="status" { (Text::BatchRunning.get(lang)) " " a href={ (path) "?lang=" (code(lang)) } { (Text::Refresh.get(lang)) } }
                p { progress #batch-progress max=(job.total) value=(job.done()) data-status={ "/api/batch/" (id) } aria-label=(Text::BatchResultHeading.get(lang)) { (job.done()) " / " (job.total) } }
            }
            Some(finished) => {
                p role="status" { (Text::BatchDone.get(lang)) }
                p { a href={ (path) "/zip" } download { (Text::DownloadZip.get(lang)) } }
                div.scroll role="region" aria-label=(Text::BatchResultHeading.get(lang)) tabindex="0" {
                    table.summary {
                        thead { tr { th scope="col" { (Text::File.get(lang)) } th scope="col" { (Text::Result.get(lang)) } th scope="col" { (Text::Pages.get(lang)) }
                                     th scope="col" { (Text::Warnings.get(lang)) } th scope="col" { (Text::Time.get(lang)) } th scope="col" { (Text::Messages.get(lang)) } } }
                        tbody {
                            @for row in &finished.rows {
                                tr {
                                    td { code { (row.file) } }
                                    td { (match row.result { RowResult::Rendered => Text::ResultRendered, RowResult::Failed => Text::ResultFailed, RowResult::Skipped => Text::ResultSkipped }.get(lang)) }
                                    td { @if let Some(p) = row.pages { (p) } }
                                    td { (row.warnings) }
                                    td { (row.time_ms) " ms" }
                                    td { @for m in &row.messages { (m) br; } }
                                }
                            }
                        }
                    }
                }
            }
        }
        p { a href={ "/?lang=" (code(lang)) } { (Text::Back.get(lang)) } }
    };
    html_response(
        StatusCode::OK,
        page(lang, Text::BatchResultHeading.get(lang), &path, main),
    )
}

/// `GET /b/{id}/zip`.
pub async fn batch_zip(
    State(state): State<Shared>,
    Path(id): Path<String>,
    request: Request,
) -> Response {
    let lang = request_lang(&request);
    match state.batches.get(&id) {
        Some(job) => match job.finished() {
            Some(finished) => {
                web::file_response(finished.zip.clone(), web::ZIP, &job.output_name(), false)
            }
            None => error_page(&Notice::NotFound, lang, 0),
        },
        None => error_page(&Notice::NotFound, lang, 0),
    }
}

/// `POST /diff`: `unei diff --format html` of the two files.
pub async fn diff(State(state): State<Shared>, request: Request) -> Response {
    let lang = request_lang(&request);
    let header_token = web::bearer_ok(&state, request.headers());
    match diff_report(&state, request, lang, header_token).await {
        Ok(report) => {
            let mut response = html_response(StatusCode::OK, PreEscaped(report));
            response.headers_mut().insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(CSP_INLINE_STYLE),
            );
            response
        }
        Err(stop) => stop_page(stop, &state, lang),
    }
}

async fn diff_report(
    state: &Shared,
    request: Request,
    lang: Lang,
    header_token: bool,
) -> Result<String, Stop> {
    let deadline = tokio::time::Instant::now() + state.limits.timeout;
    let limit = usize::try_from(state.limits.body_bytes).unwrap_or(usize::MAX);
    let submission = Submission::read(request, "old", deadline, limit, false)
        .await
        .map_err(|e| web::body_notice(e, state))?;
    form_token(state, &submission, header_token)?;
    let (old, new) = (
        submission.file("old")?.clone(),
        submission.file("new")?.clone(),
    );
    old.kind()?;
    new.kind()?;
    let ignore_width = submission.flag("ignore_width");
    let Some(context) = state.templates.get(None).cloned() else {
        return Err(Stop(Notice::NotFound));
    };
    let deadline = tokio::time::Instant::now() + state.limits.timeout;
    let work = move || -> Result<String, Notice> {
        let template = context.template();
        let read = |upload: &super::upload::Upload| {
            crate::cmd_diff::read_side(&upload.bytes, &upload.name, template)
                .map_err(|e| side_notice(e, upload, lang))
        };
        let (old, new) = (read(&old)?, read(&new)?);
        let options = unei_core::diff::DiffOptions { ignore_width };
        let result = unei_core::diff::diff(&old.plan, &new.plan, &options);
        crate::cmd_diff::render(&result, crate::cmd_diff::Format::Html, lang, false).map_err(|e| {
            Notice::Internal {
                detail: e.to_string(),
            }
        })
    };
    let report = state
        .pool
        .run(deadline, work)
        .await
        .map_err(|e| pool_notice(e, state))??;
    Ok(report)
}

fn side_notice(
    error: crate::cmd_diff::SideError,
    upload: &super::upload::Upload,
    lang: Lang,
) -> Notice {
    match error {
        crate::cmd_diff::SideError::Syntax(d) => Notice::PlanSyntax { at: d.render(lang) },
        crate::cmd_diff::SideError::UnknownInput => Notice::UnsupportedType {
            name: upload.name.clone(),
        },
        crate::cmd_diff::SideError::Import(e) => Notice::ImportFailed {
            detail: e.render(lang),
        },
    }
}

/// Any other address.
pub async fn not_found(headers: HeaderMap, request: Request) -> Response {
    let lang = web::lang_of(&headers, request.uri().query());
    error_page(&Notice::NotFound, lang, 0)
}

pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        STYLESHEET,
    )
        .into_response()
}

pub async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        SCRIPT,
    )
        .into_response()
}
