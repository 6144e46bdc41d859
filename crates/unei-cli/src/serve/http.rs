//! What every response shares: the request's language, errors as JSON (API) or a page (UI),
//! the layers (admission with a clear 503, the token, `Connection: close` after an error,
//! security headers, one log line per request) and `Content-Disposition` with Japanese file
//! names (RFC 6266 / RFC 5987).

use std::time::Instant;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use unei_core::{Lang, Localize};

use super::Shared;
use super::message::Notice;
use super::upload::BodyError;

/// The language of a request: `?lang=en|ja`, else the best of `Accept-Language`, else
/// Japanese (the office's).
pub fn lang_of(headers: &HeaderMap, query: Option<&str>) -> Lang {
    let asked = query.and_then(|q| {
        q.split('&')
            .find_map(|pair| pair.strip_prefix("lang="))
            .map(str::to_owned)
    });
    match asked.as_deref() {
        Some("en") => return Lang::En,
        Some("ja") => return Lang::Ja,
        _ => {}
    }
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let best = accept_language::intersection(accept, &["ja", "en"]);
    match best.first().map(String::as_str) {
        Some("en") => Lang::En,
        _ => Lang::Ja,
    }
}

/// The `lang` of a request, for handlers.
pub fn request_lang(request: &Request) -> Lang {
    lang_of(request.headers(), request.uri().query())
}

/// The HTTP status a notice is answered with.
pub fn status_of(notice: &Notice) -> StatusCode {
    match notice {
        Notice::TooLarge { .. } | Notice::UnpacksTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
        Notice::UnsupportedType { .. } | Notice::NotAZip { .. } => {
            StatusCode::UNSUPPORTED_MEDIA_TYPE
        }
        Notice::NoFile { .. } | Notice::BadForm { .. } | Notice::BadOption { .. } => {
            StatusCode::BAD_REQUEST
        }
        Notice::BodyTimeout { .. } => StatusCode::REQUEST_TIMEOUT,
        Notice::Busy { .. } | Notice::Stopping => StatusCode::SERVICE_UNAVAILABLE,
        Notice::TimedOut { .. } => StatusCode::GATEWAY_TIMEOUT,
        Notice::Unauthorized => StatusCode::UNAUTHORIZED,
        Notice::NotFound => StatusCode::NOT_FOUND,
        Notice::Internal { .. } => StatusCode::INTERNAL_SERVER_ERROR,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

/// An error as the API answers it: `{"error": {"status", "message"}}`, with `Retry-After`
/// when the server is busy.
pub fn json_error(notice: &Notice, lang: Lang, retry_after: u64) -> Response {
    let status = status_of(notice);
    let body = serde_json::json!({
        "error": { "status": status.as_u16(), "message": notice.localize(lang) }
    });
    with_retry(status, axum::Json(body).into_response(), retry_after)
}

/// Adds `Retry-After` to a 503.
pub fn with_retry(status: StatusCode, mut response: Response, retry_after: u64) -> Response {
    *response.status_mut() = status;
    if status == StatusCode::SERVICE_UNAVAILABLE {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
    }
    response
}

/// The notice for a body that could not be read.
pub fn body_notice(error: BodyError, state: &Shared) -> Notice {
    match error {
        BodyError::TooLarge => Notice::TooLarge {
            limit_mib: state.limits.body_mib(),
        },
        BodyError::TimedOut => Notice::BodyTimeout {
            seconds: state.limits.timeout_seconds(),
        },
        BodyError::Form(detail) => Notice::BadForm { detail },
    }
}

/// True for the API's paths (errors in JSON), false for the pages'.
fn is_api(path: &str) -> bool {
    path.starts_with("/api/") || path == "/healthz"
}

/// Admission, before any body is read: a request beyond `--max-requests` is answered 503
/// at once; a declared body beyond the limit 413; an API request without the token 401.
/// The permit is held until the response is made, so a slow upload counts.
pub async fn admit(State(state): State<Shared>, request: Request, next: Next) -> Response {
    let lang = request_lang(&request);
    let api = is_api(request.uri().path());
    let answer = |notice: Notice| {
        let retry = state.limits.retry_after();
        if api {
            json_error(&notice, lang, retry)
        } else {
            super::pages::error_page(&notice, lang, retry)
        }
    };
    let Ok(_permit) = state.requests.clone().try_acquire_owned() else {
        let retry_after = state.limits.retry_after();
        return answer(Notice::Busy { retry_after });
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > state.limits.body_bytes) {
        let limit_mib = state.limits.body_mib();
        return answer(Notice::TooLarge { limit_mib });
    }
    if api && request.method() == Method::POST && !token_ok(&state, &request) {
        return answer(Notice::Unauthorized);
    }
    next.run(request).await
}

/// True when there is no `--token`, or the request's `Authorization: Bearer …` holds it.
pub fn bearer_ok(state: &Shared, headers: &HeaderMap) -> bool {
    let Some(expected) = &state.token else {
        return true;
    };
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .is_some_and(|given| token_matches(expected, given))
}

/// The token of `--token`, from `Authorization: Bearer …` or `?token=`.
fn token_ok(state: &Shared, request: &Request) -> bool {
    let Some(expected) = &state.token else {
        return true;
    };
    let bearer = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_owned);
    let query = request.uri().query().and_then(|q| {
        q.split('&')
            .find_map(|pair| pair.strip_prefix("token="))
            .map(|t| {
                percent_encoding::percent_decode_str(t)
                    .decode_utf8_lossy()
                    .into_owned()
            })
    });
    bearer
        .or(query)
        .is_some_and(|given| token_matches(expected, &given))
}

/// Compares a given token with `--token` in constant time.
pub fn token_matches(expected: &str, given: &str) -> bool {
    constant_time_eq::constant_time_eq(expected.as_bytes(), given.as_bytes())
}

/// The page's policy: everything from this server only, no inline script, no framing by
/// others. The diff report (`unei diff --format html`) carries its styles in one `<style>`
/// element, so its response allows inline styles (never scripts).
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'self'; frame-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'";
pub const CSP_INLINE_STYLE: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'; frame-ancestors 'self'";

/// Security headers on every response (a handler may set its own CSP first).
pub async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let set = |headers: &mut HeaderMap, name: HeaderName, value: &'static str| {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    };
    set(headers, header::CONTENT_SECURITY_POLICY, CSP);
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::REFERRER_POLICY, "no-referrer");
    set(headers, header::X_FRAME_OPTIONS, "SAMEORIGIN");
    set(headers, header::CACHE_CONTROL, "no-store");
    set(
        headers,
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    response
}

/// `Connection: close` on an HTTP/1 error answer to a request that carries a body. An error
/// can be answered before the body is read (a refused type, size or token, a form without a
/// boundary); under load such a connection went away after the answer while the client had
/// put it back in its pool, and its next request got `Peer disconnected` (the hostile-uploads
/// test, 2 runs in 25). Said in the answer, the client opens a new connection instead.
pub async fn close_after_error(request: Request, next: Next) -> Response {
    let carries_body = !matches!(*request.method(), Method::GET | Method::HEAD);
    let http1 = request.version() <= axum::http::Version::HTTP_11;
    let mut response = next.run(request).await;
    let status = response.status();
    if carries_body && http1 && (status.is_client_error() || status.is_server_error()) {
        let close = HeaderValue::from_static("close");
        response.headers_mut().insert(header::CONNECTION, close);
    }
    response
}

/// One line per request: method, path (without the query, which may hold the token),
/// status, time.
pub async fn log_request(request: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    tracing::info!(
        "{method} {path} {} {:.1} ms",
        response.status().as_u16(),
        start.elapsed().as_secs_f64() * 1000.0
    );
    response
}

/// Characters kept as they are in RFC 5987's `filename*` (its `attr-char`).
const ATTR_CHAR: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'!')
    .remove(b'#')
    .remove(b'$')
    .remove(b'&')
    .remove(b'+')
    .remove(b'-')
    .remove(b'.')
    .remove(b'^')
    .remove(b'_')
    .remove(b'`')
    .remove(b'|')
    .remove(b'~');

/// `attachment` (or `inline`) with an ASCII `filename` for old clients and the real name
/// as `filename*=UTF-8''…` (RFC 6266 §4.3, RFC 5987).
pub fn content_disposition(name: &str, inline: bool) -> HeaderValue {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && !matches!(c, '"' | '\\' | '%' | ';') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let kind = if inline { "inline" } else { "attachment" };
    let encoded = utf8_percent_encode(name, ATTR_CHAR);
    let value = format!("{kind}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static("attachment"))
}

/// A file to download: its bytes, content type and name.
pub fn file_response(
    bytes: Vec<u8>,
    content_type: &'static str,
    name: &str,
    inline: bool,
) -> Response {
    let mut response = Response::new(Body::from(bytes));
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(
        header::CONTENT_DISPOSITION,
        content_disposition(name, inline),
    );
    response
}

pub const PDF: &str = "application/pdf";
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
pub const HTML: &str = "text/html; charset=utf-8";
pub const JSON: &str = "application/json";
pub const ZIP: &str = "application/zip";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_file_names_follow_rfc_5987() {
        let value = content_disposition("令和2年度 福島区.pdf", false);
        assert_eq!(
            value.to_str().unwrap(),
            "attachment; filename=\"__2______.pdf\"; filename*=UTF-8''%E4%BB%A4%E5%92%8C2%E5%B9%B4%E5%BA%A6%20%E7%A6%8F%E5%B3%B6%E5%8C%BA.pdf"
        );
        let quoted = content_disposition("a\"b;c.pdf", true);
        assert!(
            quoted
                .to_str()
                .unwrap()
                .starts_with("inline; filename=\"a_b_c.pdf\";")
        );
    }

    #[test]
    fn the_language_comes_from_the_query_then_the_header() {
        let mut headers = HeaderMap::new();
        assert_eq!(lang_of(&headers, None), Lang::Ja);
        headers.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_static("en-GB,en;q=0.8"),
        );
        assert_eq!(lang_of(&headers, None), Lang::En);
        assert_eq!(lang_of(&headers, Some("a=1&lang=ja")), Lang::Ja);
        headers.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_static("ja,en;q=0.5"),
        );
        assert_eq!(lang_of(&headers, Some("lang=en")), Lang::En);
    }
}
