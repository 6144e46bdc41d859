//! What rust_xlsxwriter cannot write into the package: the document's language in
//! `docProps/core.xml` (`dc:language ja-JP`, read by screen readers and search tools). The
//! saved zip is copied part by part, each unchanged part as its compressed bytes, with
//! core.xml rewritten; entry dates and order stay, so the bytes stay deterministic.

use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{ZipArchive, ZipWriter};

const CORE: &str = "docProps/core.xml";

/// `bytes` (a workbook) with `<dc:language>` in its core properties.
#[inline(never)] // a stage of bench/callgrind.py's breakdown
pub(super) fn with_language(bytes: &[u8], language: &str) -> Result<Vec<u8>, String> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let core = archive.index_for_name(CORE);
    let mut out = ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len() + 64)));
    for i in 0..archive.len() {
        if Some(i) != core {
            // Copied as its compressed bytes: no decompressor is set up for a part that stays.
            let raw = archive.by_index_raw(i).map_err(|e| e.to_string())?;
            out.raw_copy_file(raw).map_err(|e| e.to_string())?;
            continue;
        }
        let mut entry = archive.by_index(i).map_err(|e| e.to_string())?;
        let mut xml = String::new();
        entry.read_to_string(&mut xml).map_err(|e| e.to_string())?;
        let options = SimpleFileOptions::default()
            .compression_method(entry.compression())
            .last_modified_time(entry.last_modified().unwrap_or_default());
        drop(entry);
        let xml = xml.replacen(
            "</cp:coreProperties>",
            &format!("<dc:language>{language}</dc:language></cp:coreProperties>"),
            1,
        );
        out.start_file(CORE, options).map_err(|e| e.to_string())?;
        out.write_all(xml.as_bytes()).map_err(|e| e.to_string())?;
    }
    let cursor = out.finish().map_err(|e| e.to_string())?;
    Ok(cursor.into_inner())
}
