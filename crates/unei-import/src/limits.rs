//! Limits on what a workbook may make the importer do, so a damaged or hostile file ends in
//! an error that names the limit instead of exhausting memory. They are options of an import
//! ([`crate::ImportOptions::limits`]); the CLI sets them from `UNEI_MAX_*`. The defaults are
//! far above any real 運営方針 workbook (~30 KB, ~200 cells).

use std::io::Cursor;

use crate::error::LimitExceeded;

/// The limits in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// `UNEI_MAX_WORKBOOK_MB`: size of the file.
    pub file_bytes: u64,
    /// `UNEI_MAX_UNPACKED_MB`: total size of the parts of a zip-based file (.xlsx, .ods),
    /// as its directory declares them: a zip bomb is refused before anything is inflated.
    pub unpacked_bytes: u64,
    /// `UNEI_MAX_CELLS`: non-empty cells in the whole workbook.
    pub cells: usize,
    /// `UNEI_MAX_CELL_CHARS`: characters in one cell.
    pub cell_chars: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            file_bytes: 50 << 20,
            unpacked_bytes: 200 << 20,
            cells: 200_000,
            cell_chars: 100_000,
        }
    }
}

impl Limits {
    /// Checks what can be known before reading: the file's size and, for zip-based formats,
    /// the declared size of its parts.
    ///
    /// # Errors
    /// The limit exceeded.
    pub fn check_file(&self, bytes: &[u8], zipped: bool) -> Result<(), LimitExceeded> {
        if bytes.len() as u64 > self.file_bytes {
            return Err(LimitExceeded::FileSize {
                bytes: bytes.len() as u64,
                limit_mib: self.file_bytes >> 20,
            });
        }
        if !zipped {
            return Ok(());
        }
        let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
            return Ok(()); // not a zip: the reader says so in its own words
        };
        let mut total: u64 = 0;
        for i in 0..archive.len() {
            let Ok(entry) = archive.by_index_raw(i) else {
                continue;
            };
            total = total.saturating_add(entry.size());
        }
        if total > self.unpacked_bytes {
            return Err(LimitExceeded::Unpacked {
                bytes: total,
                limit_mib: self.unpacked_bytes >> 20,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_name_themselves_and_can_be_raised() {
        let tight = Limits {
            file_bytes: 10,
            ..Limits::default()
        };
        let err = tight.check_file(&[0; 11], false).unwrap_err();
        assert_eq!(
            err,
            LimitExceeded::FileSize {
                bytes: 11,
                limit_mib: 0
            }
        );
        assert!(Limits::default().check_file(&[0; 11], false).is_ok());
        let workbook = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../fixtures/workbooks/gen-a-ward-merged-labels.xlsx"
        ))
        .unwrap();
        let small = Limits {
            unpacked_bytes: 1000,
            ..Limits::default()
        };
        let err = small.check_file(&workbook, true).unwrap_err();
        assert!(matches!(err, LimitExceeded::Unpacked { .. }), "{err:?}");
        assert!(Limits::default().check_file(&workbook, true).is_ok());
        assert!(
            Limits::default().check_file(b"not a zip", true).is_ok(),
            "the reader reports non-zips"
        );
    }
}
