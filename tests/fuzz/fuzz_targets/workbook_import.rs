//! Legacy workbooks, two ways (by the first byte):
//! - raw bytes as .xlsx, .xls or .ods: the zip and BIFF layers, calamine, the importer;
//! - a valid zip: one XML part of a real fixture workbook is replaced by the fuzz input, so
//!   the sheet/string XML parsers and the importer's assembler see hostile content instead of
//!   stopping at the zip's CRC check.
#![no_main]

use std::io::{Cursor, Read, Write};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use unei_core::Template;
use unei_import::{ImportOptions, WorkbookFormat, import_workbook_bytes};

static SEED: &[u8] = include_bytes!("../../../fixtures/workbooks/gen-a-with-form2-sheet.xlsx");

/// First-byte values from this one on replace a part of the seed.
const PARTS_MODE: u8 = 0x80;

fn template() -> &'static Template {
    static TEMPLATE: OnceLock<Template> = OnceLock::new();
    TEMPLATE.get_or_init(Template::bundled)
}

fn import(bytes: &[u8], format: WorkbookFormat) {
    let _ = import_workbook_bytes(bytes, "fuzz", format, template(), &ImportOptions::default());
}

/// The seed's parts, in archive order.
fn parts() -> &'static [(String, Vec<u8>)] {
    static PARTS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    PARTS.get_or_init(|| {
        let mut archive = zip::ZipArchive::new(Cursor::new(SEED)).expect("the seed is a zip");
        (0..archive.len())
            .map(|i| {
                let mut file = archive.by_index(i).expect("seed part");
                let mut bytes = Vec::new();
                file.read_to_end(&mut bytes).expect("seed part reads");
                (file.name().expect("seed part name").into_owned(), bytes)
            })
            .collect()
    })
}

fn rezip(replace: usize, content: &[u8]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored);
    for (i, (name, bytes)) in parts().iter().enumerate() {
        writer.start_file(name.as_str(), options).expect("zip entry");
        let body = if i == replace { content } else { bytes };
        writer.write_all(body).expect("zip write");
    }
    writer.finish().expect("zip finish").into_inner()
}

/// The importer catches panics inside calamine (a damaged file is an error, not a crash), but
/// libFuzzer's hook aborts on every panic, caught or not. This hook only prints: a panic that
/// escapes the importer still aborts (libfuzzer-sys aborts when the target unwinds) and is a
/// crash; one the importer catches is not.
fn report_panics_without_aborting() {
    std::panic::set_hook(Box::new(|info| eprintln!("panic (caught by the importer?): {info}")));
}

fuzz_target!(init: report_panics_without_aborting(), |data: &[u8]| {
    let Some((&selector, content)) = data.split_first() else {
        return;
    };
    if selector < PARTS_MODE {
        let format = match selector % 3 {
            0 => WorkbookFormat::Xlsx,
            1 => WorkbookFormat::Xls,
            _ => WorkbookFormat::Ods,
        };
        return import(content, format);
    }
    let xml: Vec<usize> = parts()
        .iter()
        .enumerate()
        .filter(|(_, (name, _))| name.ends_with(".xml"))
        .map(|(i, _)| i)
        .collect();
    let replace = xml[usize::from(selector - PARTS_MODE) % xml.len()];
    import(&rezip(replace, content), WorkbookFormat::Xlsx);
});
