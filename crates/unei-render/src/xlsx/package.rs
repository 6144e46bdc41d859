//! What rust_xlsxwriter cannot write into the package: the document's language in
//! `docProps/core.xml` (`dc:language ja-JP`, read by screen readers and search tools). The
//! saved zip is copied part by part, each unchanged part as its compressed bytes, with
//! core.xml rewritten; entry dates and order stay, so the bytes stay deterministic.

use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

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
        // Stored: a deflate stream set up for the one rewritten part cost as much as the
        // rest of the copy (zlib-rs clears its tables for every stream), for ~400 bytes.
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Stored)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn zipped(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        for (name, text) in parts {
            zip.start_file(*name, options).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn raw(archive: &mut ZipArchive<Cursor<&[u8]>>, name: &str) -> (CompressionMethod, Vec<u8>) {
        let index = archive.index_for_name(name).unwrap();
        let mut entry = archive.by_index_raw(index).unwrap();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        (entry.compression(), bytes)
    }

    #[test]
    fn the_language_goes_into_a_stored_core_xml_and_every_other_part_is_copied_as_it_was() {
        let sheet = "<worksheet>".to_owned() + &"<row/>".repeat(50) + "</worksheet>";
        let before = zipped(&[
            ("xl/worksheets/sheet1.xml", &sheet),
            (
                CORE,
                "<cp:coreProperties><dc:title>t</dc:title></cp:coreProperties>",
            ),
        ]);
        let after = with_language(&before, "ja-JP").unwrap();
        let (mut old, mut new) = (
            ZipArchive::new(Cursor::new(&before[..])).unwrap(),
            ZipArchive::new(Cursor::new(&after[..])).unwrap(),
        );
        let names = |archive: &mut ZipArchive<Cursor<&[u8]>>| -> Vec<String> {
            (0..archive.len())
                .map(|i| {
                    archive
                        .by_index_raw(i)
                        .unwrap()
                        .name()
                        .unwrap()
                        .into_owned()
                })
                .collect()
        };
        assert_eq!(names(&mut new), names(&mut old));
        let sheet_part = raw(&mut new, "xl/worksheets/sheet1.xml");
        assert_eq!(sheet_part, raw(&mut old, "xl/worksheets/sheet1.xml"));
        assert_eq!(sheet_part.0, CompressionMethod::Deflated);
        let (method, core) = raw(&mut new, CORE);
        assert_eq!(method, CompressionMethod::Stored);
        assert_eq!(
            String::from_utf8(core).unwrap(),
            "<cp:coreProperties><dc:title>t</dc:title>\
             <dc:language>ja-JP</dc:language></cp:coreProperties>"
        );
    }
}
