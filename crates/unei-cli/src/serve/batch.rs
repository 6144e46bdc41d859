//! Batch: a .zip of plans, workbooks and pages (sub-folders kept) in, a .zip of their outputs
//! and a summary out — `unei batch` over an upload. The zip is read in memory and checked
//! whole before anything is processed: an entry with `..`, an absolute path, a link, NUL or
//! another control character in its name, or encryption refuses the upload; the declared
//! sizes are added up against the importer's unpacked-size limit before anything is inflated,
//! and each entry is read through a limit too (a lying header stops there). Every file is then
//! checked exactly like a single upload, on the shared pool, a few at a time so single
//! requests keep their turn.

use std::io::{Cursor, Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use axum::body::Bytes;
use serde::Serialize;
use unei_core::{Lang, Localize};
use zip::ZipArchive;
use zip::write::{SimpleFileOptions, ZipWriter};

use super::check::{CheckOptions, Checked, Wanted, check};
use super::describe::problem_lines;
use super::engine::Context;
use super::message::{EntryProblem, Notice};
use super::pool::{Pool, PoolError};
use super::upload::{InputKind, Upload};

/// A file of the zip to process.
#[derive(Debug)]
pub struct BatchFile {
    /// Its path inside the zip, `/`-separated, cleaned.
    pub path: String,
    pub upload: Upload,
}

/// The zip's files: those to process, and those skipped (other types).
#[derive(Debug, Default)]
pub struct Unpacked {
    pub files: Vec<BatchFile>,
    pub skipped: Vec<String>,
}

/// Reads a batch zip. The error is the notice to answer (422 or 413).
pub fn unpack(bytes: &[u8], max_files: usize, max_unpacked: u64) -> Result<Unpacked, Notice> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(|_| Notice::NotAZip {
        name: String::new(),
    })?;
    let mut names = std::collections::BTreeSet::new();
    let mut entries = Vec::new();
    let mut declared: u64 = 0;
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index).map_err(|e| Notice::BadForm {
            detail: e.to_string(),
        })?;
        let Some(path) = entry_path(entry.name_raw(), &entry)? else {
            continue;
        };
        if !names.insert(path.clone()) {
            return Err(Notice::EntryRefused {
                entry: path,
                problem: EntryProblem::Duplicate,
            });
        }
        declared = declared.saturating_add(entry.size());
        entries.push((index, path));
    }
    if entries.len() > max_files {
        return Err(Notice::TooManyEntries { limit: max_files });
    }
    if declared > max_unpacked {
        return Err(Notice::UnpacksTooLarge {
            limit_mib: max_unpacked >> 20,
        });
    }
    let mut unpacked = Unpacked::default();
    let mut remaining = max_unpacked;
    for (index, path) in entries {
        let is_junk = path.starts_with("__MACOSX/") || file_name(&path).starts_with("._");
        if is_junk || InputKind::of(&path).is_none() {
            unpacked.skipped.push(path);
            continue;
        }
        let bytes = inflate(&mut archive, index, &mut remaining, max_unpacked)?;
        let upload = Upload {
            name: file_name(&path).to_owned(),
            bytes: Bytes::from(bytes),
        };
        unpacked.files.push(BatchFile { path, upload });
    }
    Ok(unpacked)
}

/// One entry's bytes, at most `remaining` of them (what is left of the unpacked limit).
fn inflate(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    index: usize,
    remaining: &mut u64,
    max_unpacked: u64,
) -> Result<Vec<u8>, Notice> {
    let too_large = Notice::UnpacksTooLarge {
        limit_mib: max_unpacked >> 20,
    };
    let entry = archive.by_index(index).map_err(|e| Notice::BadForm {
        detail: e.to_string(),
    })?;
    let mut bytes = Vec::new();
    entry
        .take(remaining.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Notice::BadForm {
            detail: e.to_string(),
        })?;
    let read = bytes.len() as u64;
    if read > *remaining {
        return Err(too_large);
    }
    *remaining -= read;
    Ok(bytes)
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// The entry's name as a relative path (`None` for a folder), or why it is refused. Names
/// are UTF-8, or Shift_JIS as Windows' own zip folders write them, else the zip's CP437.
fn entry_path<R: Read>(
    raw: &[u8],
    entry: &zip::read::ZipFile<'_, R>,
) -> Result<Option<String>, Notice> {
    let name = match std::str::from_utf8(raw) {
        Ok(text) => text.to_owned(),
        Err(_) => {
            let (text, _, bad) = encoding_rs::SHIFT_JIS.decode(raw);
            if bad {
                entry.name().map(|n| n.into_owned()).unwrap_or_default()
            } else {
                text.into_owned()
            }
        }
    };
    let refuse = |problem| {
        Err(Notice::EntryRefused {
            entry: name.escape_debug().to_string(),
            problem,
        })
    };
    if name.chars().any(char::is_control) {
        return refuse(EntryProblem::ControlCharacter);
    }
    let slashed = name.replace('\\', "/");
    let bytes = slashed.as_bytes();
    let drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    if slashed.starts_with('/') || drive {
        return refuse(EntryProblem::Absolute);
    }
    if slashed.split('/').any(|c| c == "..") {
        return refuse(EntryProblem::ParentComponent);
    }
    let link = entry.is_symlink() || entry.unix_mode().is_some_and(|m| m & 0o170000 == 0o120000);
    if link {
        return refuse(EntryProblem::Link);
    }
    if entry.encrypted() {
        return refuse(EntryProblem::Encrypted);
    }
    if entry.is_dir() || slashed.ends_with('/') {
        return Ok(None);
    }
    let path = slashed
        .split('/')
        .filter(|c| !c.is_empty() && *c != ".")
        .collect::<Vec<_>>()
        .join("/");
    Ok(Some(path).filter(|p| !p.is_empty()))
}

/// What happened to one file of the batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RowResult {
    Rendered,
    Failed,
    Skipped,
}

/// One line of the summary table.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Row {
    /// The file's path in the zip.
    pub file: String,
    pub result: RowResult,
    pub pages: Option<usize>,
    /// Warnings (and, for failures, problems) listed in `messages`.
    pub warnings: usize,
    pub time_ms: u64,
    /// Each problem or warning, one a line, in the request's language.
    pub messages: Vec<String>,
}

/// The finished batch: the summary and the zip of outputs.
#[derive(Debug)]
pub struct Finished {
    pub rows: Vec<Row>,
    pub zip: Vec<u8>,
}

/// A batch under way or done; the page and the progress API read it.
#[derive(Debug)]
pub struct BatchJob {
    /// The uploaded zip's name.
    pub name: String,
    pub total: usize,
    done: AtomicUsize,
    finished: OnceLock<Finished>,
    pub lang: Lang,
}

impl BatchJob {
    pub fn new(name: String, total: usize, lang: Lang) -> BatchJob {
        BatchJob {
            name,
            total,
            done: AtomicUsize::new(0),
            finished: OnceLock::new(),
            lang,
        }
    }

    pub fn done(&self) -> usize {
        self.done.load(Ordering::SeqCst)
    }

    pub fn finished(&self) -> Option<&Finished> {
        self.finished.get()
    }

    /// The name of the output zip.
    pub fn output_name(&self) -> String {
        format!("{}-unei.zip", super::upload::stem(&self.name))
    }
}

impl super::results::Weigh for Arc<BatchJob> {
    fn bytes(&self) -> usize {
        // The zip is written after the job is kept; the budget counts what a batch may hold.
        self.total.saturating_mul(256 << 10)
    }
}

/// What every file of a batch is checked with.
#[derive(Debug, Clone)]
pub struct Settings {
    pub context: Context,
    pub options: CheckOptions,
    pub wanted: Wanted,
    pub import_limits: unei_import::Limits,
    pub timeout: std::time::Duration,
}

/// Processes the files on the pool, at most a worker's count at a time, and finishes `job`.
pub async fn run(
    job: Arc<BatchJob>,
    unpacked: Unpacked,
    pool: Arc<Pool>,
    settings: Settings,
    running: tokio::sync::OwnedSemaphorePermit,
) {
    // Held until the batch ends: batches running at once are limited.
    let _running = running;
    let lang = job.lang;
    let mut rows: Vec<Row> = Vec::new();
    let mut outputs: Vec<(String, Vec<u8>)> = Vec::new();
    let slots = Arc::new(tokio::sync::Semaphore::new(pool.jobs()));
    let mut tasks = tokio::task::JoinSet::new();
    for file in unpacked.files {
        let Ok(slot) = slots.clone().acquire_owned().await else {
            break;
        };
        let (pool, settings, job) = (pool.clone(), settings.clone(), job.clone());
        tasks.spawn(async move {
            let _slot = slot;
            let result = process(file, &pool, &settings, lang).await;
            job.done.fetch_add(1, Ordering::SeqCst);
            result
        });
    }
    while let Some(result) = tasks.join_next().await {
        if let Ok((row, files)) = result {
            rows.push(row);
            outputs.extend(files);
        }
    }
    for path in unpacked.skipped {
        rows.push(Row {
            file: path,
            result: RowResult::Skipped,
            pages: None,
            warnings: 0,
            time_ms: 0,
            messages: vec![Notice::Skipped.localize(lang)],
        });
    }
    rows.sort_by(|a, b| a.file.cmp(&b.file));
    outputs.sort_by(|a, b| a.0.cmp(&b.0));
    let deadline = tokio::time::Instant::now() + settings.timeout;
    let summary = rows.clone();
    let zip = pool
        .run_admitted(deadline, move || write_zip(&outputs, &summary))
        .await
        .unwrap_or_default();
    let _ = job.finished.set(Finished { rows, zip });
}

/// One file: the row of the summary and the outputs, named after the file's path.
async fn process(
    file: BatchFile,
    pool: &Pool,
    settings: &Settings,
    lang: Lang,
) -> (Row, Vec<(String, Vec<u8>)>) {
    let start = Instant::now();
    let deadline = tokio::time::Instant::now() + settings.timeout;
    let work = {
        let settings = settings.clone();
        let upload = file.upload.clone();
        move || {
            let kind = upload.kind().unwrap_or(InputKind::Plan);
            check(
                &upload,
                kind,
                &settings.context,
                &settings.options,
                settings.import_limits,
                settings.wanted,
            )
        }
    };
    let outcome = pool.run_admitted(deadline, work).await;
    let time_ms = u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX);
    match outcome {
        Ok(checked) => row_of(&file.path, checked, time_ms, lang),
        Err(error) => {
            let notice = match error {
                PoolError::TimedOut => Notice::TimedOut {
                    seconds: settings.timeout.as_secs().max(1),
                },
                PoolError::Closed => Notice::Stopping,
                PoolError::Busy | PoolError::Panicked => Notice::Internal {
                    detail: format!("{error:?}"),
                },
            };
            let row = Row {
                file: file.path,
                result: RowResult::Failed,
                pages: None,
                warnings: 1,
                time_ms,
                messages: vec![notice.localize(lang)],
            };
            (row, Vec::new())
        }
    }
}

fn row_of(path: &str, checked: Checked, time_ms: u64, lang: Lang) -> (Row, Vec<(String, Vec<u8>)>) {
    let messages = problem_lines(&checked, lang);
    let stem = super::upload::stem(path).to_owned();
    let mut files = Vec::new();
    let outputs = checked.outputs;
    if let Some(pdf) = outputs.pdf {
        files.push((format!("{stem}.pdf"), pdf));
    }
    if let Some(xlsx) = outputs.xlsx {
        files.push((format!("{stem}.xlsx"), xlsx));
    }
    if let Some(html) = outputs.html {
        files.push((format!("{stem}.html"), html.into_bytes()));
    }
    let rendered = checked.refusal.is_none();
    let row = Row {
        file: path.to_owned(),
        result: if rendered {
            RowResult::Rendered
        } else {
            RowResult::Failed
        },
        pages: rendered.then_some(outputs.pages),
        warnings: messages.len(),
        time_ms,
        messages,
    };
    (row, files)
}

/// The output zip: every file, then `summary.json`; times from `SOURCE_DATE_EPOCH` (or now),
/// so equal inputs give equal bytes.
fn write_zip(outputs: &[(String, Vec<u8>)], rows: &[Row]) -> Vec<u8> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip_time(crate::pipeline::source_date_epoch()));
    let summary = serde_json::to_vec_pretty(rows).unwrap_or_default();
    let mut seen = std::collections::BTreeSet::new();
    let all = outputs
        .iter()
        .map(|(name, bytes)| (name.as_str(), bytes.as_slice()))
        .chain(std::iter::once(("summary.json", summary.as_slice())));
    for (name, bytes) in all {
        // Two inputs of one stem (a.json, a.xlsx) would make two a.pdf: the later is skipped.
        if !seen.insert(name.to_owned()) {
            continue;
        }
        if writer.start_file(name, options).is_err() || writer.write_all(bytes).is_err() {
            return Vec::new();
        }
    }
    writer.finish().map(Cursor::into_inner).unwrap_or_default()
}

fn zip_time(epoch: i64) -> zip::DateTime {
    time::OffsetDateTime::from_unix_timestamp(epoch)
        .ok()
        .and_then(|t| {
            zip::DateTime::try_from(time::PrimitiveDateTime::new(t.date(), t.time())).ok()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, bytes) in entries {
            writer
                .start_file(*name, SimpleFileOptions::default())
                .unwrap();
            writer.write_all(bytes).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn sub_folders_are_kept_and_other_files_skipped() {
        let zip = zip_of(&[
            ("区/福島区.json", b"{}"),
            ("./局/a.xlsx", b"PK"),
            ("readme.pdf", b"%PDF"),
            ("__MACOSX/区/._福島区.json", b""),
        ]);
        let unpacked = unpack(&zip, 10, 1 << 20).unwrap();
        let paths: Vec<&str> = unpacked.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["区/福島区.json", "局/a.xlsx"]);
        assert_eq!(unpacked.files[0].upload.name, "福島区.json");
        assert_eq!(
            unpacked.skipped,
            ["readme.pdf", "__MACOSX/区/._福島区.json"]
        );
    }

    #[test]
    fn hostile_names_refuse_the_whole_zip() {
        for (name, problem) in [
            ("../evil.json", EntryProblem::ParentComponent),
            ("a/../../evil.json", EntryProblem::ParentComponent),
            ("/etc/evil.json", EntryProblem::Absolute),
            ("C:\\evil.json", EntryProblem::Absolute),
            ("..\\evil.json", EntryProblem::ParentComponent),
            ("a\u{0}.json", EntryProblem::ControlCharacter),
        ] {
            let zip = zip_of(&[("ok.json", b"{}"), (name, b"{}")]);
            match unpack(&zip, 10, 1 << 20) {
                Err(Notice::EntryRefused { problem: p, .. }) => assert_eq!(p, problem, "{name}"),
                other => panic!("{name}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_link_and_a_duplicate_are_refused() {
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        writer
            .add_symlink("plan.json", "/etc/passwd", SimpleFileOptions::default())
            .unwrap();
        let zip = writer.finish().unwrap().into_inner();
        assert!(matches!(
            unpack(&zip, 10, 1 << 20),
            Err(Notice::EntryRefused {
                problem: EntryProblem::Link,
                ..
            })
        ));
        let zip = zip_of(&[("a.json", b"{}"), ("./a.json", b"{}")]);
        assert!(matches!(
            unpack(&zip, 10, 1 << 20),
            Err(Notice::EntryRefused {
                problem: EntryProblem::Duplicate,
                ..
            })
        ));
    }

    #[test]
    fn sizes_and_counts_are_bounded_before_inflating() {
        let big = vec![b' '; 4096];
        let zip = zip_of(&[("a.json", &big), ("b.json", &big)]);
        assert!(matches!(
            unpack(&zip, 10, 6000),
            Err(Notice::UnpacksTooLarge { .. })
        ));
        assert!(matches!(
            unpack(&zip, 1, 1 << 20),
            Err(Notice::TooManyEntries { limit: 1 })
        ));
        assert!(matches!(
            unpack(b"not a zip", 1, 1),
            Err(Notice::NotAZip { .. })
        ));
    }

    #[test]
    fn windows_zip_names_in_shift_jis_are_read() {
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("福島区.json");
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        // The name's bytes as Windows' zip folders write them: Shift_JIS, no UTF-8 flag.
        let raw = unsafe_free_name(&sjis);
        writer
            .start_file(raw, SimpleFileOptions::default())
            .unwrap();
        writer.write_all(b"{}").unwrap();
        let zip = writer.finish().unwrap().into_inner();
        let unpacked = unpack(&zip, 10, 1 << 20).unwrap();
        assert_eq!(unpacked.files.len(), 1);
    }

    /// A name the zip writer will store byte for byte (it writes `&str` names as UTF-8).
    fn unsafe_free_name(bytes: &[u8]) -> String {
        String::from_utf8_lossy(bytes).into_owned()
    }
}
