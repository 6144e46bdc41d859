//! Uploads: a form (`multipart/form-data`, what the page sends) or a raw body (what other
//! systems send, with `?name=` and a `Content-Type`), read whole into memory within the body
//! limit and the time limit, before any worker is taken. Nothing a client sends becomes a path:
//! the file name is only a label (its last component, control characters removed) whose
//! extension says how to read the bytes.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::multipart::{Multipart, MultipartError};
use axum::extract::{FromRequest, Request};
use axum::http::header::CONTENT_TYPE;
use tokio::time::{Instant, timeout_at};

use super::message::Notice;

/// How an upload is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    /// A plan file (.json).
    Plan,
    /// A legacy workbook (.xlsx, .xlsm, .xls, .ods), through the importer.
    Workbook,
    /// A published page (.txt, .html, .htm), through the importer.
    Page,
}

impl InputKind {
    /// The kind of a file name's extension.
    pub fn of(name: &str) -> Option<InputKind> {
        let extension = extension(name).to_ascii_lowercase();
        if extension == "json" {
            Some(InputKind::Plan)
        } else if unei_import::WorkbookFormat::from_extension(&extension).is_some() {
            Some(InputKind::Workbook)
        } else if unei_import::PageFormat::from_extension(&extension).is_some() {
            Some(InputKind::Page)
        } else {
            None
        }
    }
}

/// The extension a content type stands for, when the client gives no file name.
fn extension_for(content_type: &str) -> Option<&'static str> {
    let essence = content_type.split(';').next().unwrap_or("").trim();
    Some(match essence.to_ascii_lowercase().as_str() {
        "application/json" => "json",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "xlsx",
        "application/vnd.ms-excel.sheet.macroenabled.12" => "xlsm",
        "application/vnd.ms-excel" => "xls",
        "application/vnd.oasis.opendocument.spreadsheet" => "ods",
        "text/plain" => "txt",
        "text/html" => "html",
        "application/zip" | "application/x-zip-compressed" => "zip",
        _ => return None,
    })
}

/// The extension of the bytes' own signature, for `application/octet-stream` without a name:
/// a zip (an .xlsx, the most common), an OLE file (.xls), JSON or HTML.
fn sniffed_extension(bytes: &[u8], want_zip: bool) -> Option<&'static str> {
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = start.iter().find(|b| !b.is_ascii_whitespace());
    if bytes.starts_with(b"PK\x03\x04") {
        Some(if want_zip { "zip" } else { "xlsx" })
    } else if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        Some("xls")
    } else if first == Some(&b'{') {
        Some("json")
    } else if first == Some(&b'<') {
        Some("html")
    } else {
        None
    }
}

fn extension(name: &str) -> &str {
    name.rsplit_once('.').map_or("", |(_, ext)| ext)
}

/// A client's file name as a label: the last component of any path it holds (old browsers
/// sent `C:\…\file.xlsx`), without control characters, at most 120 characters.
pub fn clean_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .trim_start_matches('.')
        .to_owned();
    let (stem, ext) = match cleaned.rsplit_once('.') {
        Some((stem, ext)) if ext.chars().count() <= 5 => (stem.to_owned(), format!(".{ext}")),
        _ => (cleaned.clone(), String::new()),
    };
    let stem: String = stem.chars().take(120).collect();
    format!("{stem}{ext}")
}

/// The name without its extension (for the names of the outputs).
pub fn stem(name: &str) -> &str {
    match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => name,
    }
}

/// One uploaded file.
#[derive(Debug, Clone)]
pub struct Upload {
    /// The cleaned file name, with an extension unei reads.
    pub name: String,
    pub bytes: Bytes,
}

impl Upload {
    /// The upload's name: the client's (cleaned), given the extension of its content type
    /// or its bytes when it has none (`upload` alone when nothing says what it is).
    fn named(
        raw_name: Option<&str>,
        content_type: Option<&str>,
        bytes: Bytes,
        want_zip: bool,
    ) -> Upload {
        let mut name = raw_name.map(clean_name).unwrap_or_default();
        if extension(&name).is_empty() {
            let guessed = content_type
                .and_then(extension_for)
                .or_else(|| sniffed_extension(&bytes, want_zip));
            if let Some(ext) = guessed {
                let base = if name.is_empty() {
                    "upload"
                } else {
                    name.as_str()
                };
                name = format!("{base}.{ext}");
            }
        }
        if name.is_empty() {
            name = "upload".to_owned();
        }
        Upload { name, bytes }
    }

    /// How the file is read; the error is the 415 to answer.
    pub fn kind(&self) -> Result<InputKind, Notice> {
        InputKind::of(&self.name).ok_or_else(|| Notice::UnsupportedType {
            name: self.name.clone(),
        })
    }

    /// True when the name says zip and the bytes are one.
    pub fn is_zip(&self) -> bool {
        extension(&self.name).eq_ignore_ascii_case("zip") && self.bytes.starts_with(b"PK")
    }
}

/// A submitted form or raw body: its files by field, and its text fields (the query's
/// parameters too, a field of the body winning).
#[derive(Debug, Default)]
pub struct Submission {
    pub files: BTreeMap<String, Upload>,
    pub fields: BTreeMap<String, String>,
}

/// Why a body could not be read: the error page or JSON error to answer.
#[derive(Debug)]
pub enum BodyError {
    TooLarge,
    TimedOut,
    Form(String),
}

impl Submission {
    pub fn file(&self, field: &'static str) -> Result<&Upload, Notice> {
        self.files
            .get(field)
            .filter(|u| !u.bytes.is_empty() || !u.name.is_empty())
            .ok_or(Notice::NoFile { field })
    }

    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .get(name)
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// A checkbox or a boolean query parameter.
    pub fn flag(&self, name: &str) -> bool {
        matches!(self.field(name), Some("1" | "true" | "on" | "yes"))
    }

    /// Reads the request: a form, or a raw body as the file `file_field` named by `?name=`.
    /// The whole body must arrive by `deadline`.
    pub async fn read(
        request: Request,
        file_field: &str,
        deadline: Instant,
        limit: usize,
        want_zip: bool,
    ) -> Result<Submission, BodyError> {
        let query: BTreeMap<String, String> =
            request.uri().query().map(url_pairs).unwrap_or_default();
        let content_type = request
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let is_form = content_type
            .as_deref()
            .is_some_and(|t| t.to_ascii_lowercase().starts_with("multipart/form-data"));
        let read = async {
            if is_form {
                let multipart = Multipart::from_request(request, &())
                    .await
                    .map_err(|e| BodyError::Form(e.body_text()))?;
                read_form(multipart, query, want_zip).await
            } else {
                let bytes = axum::body::to_bytes(request.into_body(), limit)
                    .await
                    .map_err(|e| body_error(&e))?;
                let mut submission = Submission {
                    fields: query,
                    ..Submission::default()
                };
                let name = submission.fields.get("name").cloned();
                let upload =
                    Upload::named(name.as_deref(), content_type.as_deref(), bytes, want_zip);
                submission.files.insert(file_field.to_owned(), upload);
                Ok(submission)
            }
        };
        timeout_at(deadline, read)
            .await
            .map_err(|_| BodyError::TimedOut)?
    }
}

/// The pairs of a query string, percent-decoded.
fn url_pairs(query: &str) -> BTreeMap<String, String> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key), decode(value))
        })
        .collect()
}

fn decode(text: &str) -> String {
    let spaced = text.replace('+', " ");
    percent_encoding::percent_decode_str(&spaced)
        .decode_utf8_lossy()
        .into_owned()
}

/// Text fields a form may hold, and how long each may be: a form is small.
const MAX_FIELDS: usize = 32;
const MAX_FIELD_BYTES: usize = 4096;

async fn read_form(
    mut multipart: Multipart,
    query: BTreeMap<String, String>,
    want_zip: bool,
) -> Result<Submission, BodyError> {
    let mut submission = Submission {
        fields: query,
        ..Submission::default()
    };
    let mut count = 0;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| multipart_error(&e))?
    {
        count += 1;
        if count > MAX_FIELDS {
            return Err(BodyError::Form(format!("more than {MAX_FIELDS} fields")));
        }
        let name = field.name().unwrap_or("").to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let content_type = field.content_type().map(str::to_owned);
        let bytes = field.bytes().await.map_err(|e| multipart_error(&e))?;
        match file_name {
            Some(file_name) => {
                // A form's file input with nothing chosen sends an empty part without a name.
                if file_name.is_empty() && bytes.is_empty() {
                    continue;
                }
                let upload =
                    Upload::named(Some(&file_name), content_type.as_deref(), bytes, want_zip);
                submission.files.insert(name, upload);
            }
            None => {
                if bytes.len() > MAX_FIELD_BYTES {
                    return Err(BodyError::Form(format!("field {name} is too long")));
                }
                let text = String::from_utf8_lossy(&bytes).into_owned();
                submission.fields.insert(name, text);
            }
        }
    }
    Ok(submission)
}

fn multipart_error(e: &MultipartError) -> BodyError {
    if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        BodyError::TooLarge
    } else {
        BodyError::Form(e.body_text())
    }
}

fn body_error(e: &axum::Error) -> BodyError {
    let too_large = std::error::Error::source(e)
        .is_some_and(|s| s.is::<http_body_util::LengthLimitError>())
        || e.to_string().contains("length limit exceeded");
    if too_large {
        BodyError::TooLarge
    } else {
        BodyError::Form(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_labels_never_paths() {
        assert_eq!(clean_name("C:\\Users\\職員\\様式1.xlsx"), "様式1.xlsx");
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("a\u{0}b\r\n.json"), "ab.json");
        assert_eq!(clean_name("..."), "");
        assert_eq!(clean_name(&"長".repeat(300)).chars().count(), 120);
        assert_eq!(stem("福島区.xlsx"), "福島区");
    }

    #[test]
    fn a_nameless_upload_is_named_by_its_type_or_bytes() {
        let named = |ct: Option<&str>, bytes: &'static [u8]| {
            Upload::named(None, ct, Bytes::from_static(bytes), false).name
        };
        assert_eq!(
            named(Some("application/json; charset=utf-8"), b"{}"),
            "upload.json"
        );
        assert_eq!(
            named(Some("application/octet-stream"), b"PK\x03\x04"),
            "upload.xlsx"
        );
        assert_eq!(
            named(None, b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"),
            "upload.xls"
        );
        assert_eq!(named(None, b"GIF89a"), "upload");
        assert!(
            Upload::named(None, None, Bytes::from_static(b"GIF89a"), false)
                .kind()
                .is_err()
        );
        let plan = Upload::named(Some("計画"), Some("application/json"), Bytes::new(), false);
        assert_eq!(plan.name, "計画.json");
        assert_eq!(plan.kind(), Ok(InputKind::Plan));
    }
}
