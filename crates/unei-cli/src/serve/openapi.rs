//! The OpenAPI document of the API (`GET /api/openapi.json`), made by utoipa from the
//! handlers' own annotations, so it cannot drift from the routes.

use axum::Json;
use axum::response::{IntoResponse, Response};
use utoipa::OpenApi;

use super::api;
use super::batch::{Row, RowResult};
use super::describe::{EntryJson, FindingJson, ImportJson, ReportJson};
use super::upload::InputKind;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "unei",
        description = "Import, check and render Osaka City's 運営方針 plans. Every endpoint takes the file as the raw body (its type from `?name=` or `Content-Type`) or as the `file` field of a multipart form. Errors are `{\"error\": {\"status\", \"message\"}}` in the language of `?lang=` or `Accept-Language`. With `--token`, POST requests need `Authorization: Bearer TOKEN`."
    ),
    paths(
        api::import,
        api::validate,
        api::render,
        api::batch,
        api::batch_progress,
        api::health
    ),
    components(schemas(
        ReportJson,
        FindingJson,
        ImportJson,
        EntryJson,
        InputKind,
        api::ImportAnswer,
        api::Progress,
        api::Health,
        Row,
        RowResult
    ))
)]
struct Document;

/// `GET /api/openapi.json`.
pub async fn document() -> Response {
    Json(Document::openapi()).into_response()
}
