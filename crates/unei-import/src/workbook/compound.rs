//! The compound-file (OLE2/CFB) structure of an .xls, checked with the `cfb` crate before
//! calamine reads it: every sector chain must end and no sector may be used twice. calamine
//! trusts the chains and follows a looping one until memory runs out (found by fuzzing: an
//! 11 KB file took 21 GB); `cfb` rejects such a file as malformed.

use std::io::{Cursor, Read};

/// `Err` with the reason when `bytes` is not a well-formed compound file whose streams all
/// read to their end.
pub(super) fn check(bytes: &[u8]) -> Result<(), String> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| format!("not a well-formed Excel 97–2003 file ({e})"))?;
    let streams: Vec<_> = file
        .walk()
        .filter(|entry| entry.is_stream())
        .map(|entry| entry.path().to_path_buf())
        .collect();
    let mut sink = Vec::new();
    for path in streams {
        sink.clear();
        file.open_stream(&path)
            .and_then(|mut stream| stream.read_to_end(&mut sink))
            .map_err(|e| {
                format!(
                    "not a well-formed Excel 97–2003 file (stream {}: {e})",
                    path.display()
                )
            })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(name: &str) -> Vec<u8> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(name);
        std::fs::read(path).unwrap()
    }

    #[test]
    fn real_workbooks_pass_and_a_looping_chain_is_refused() {
        for name in [
            "fixtures/workbooks/gen-a-ward-biff8.xls",
            "fixtures/workbooks/gen-a-ward-cp932.xls",
        ] {
            assert_eq!(check(&corpus(name)), Ok(()), "{name}");
        }
        let error = check(&corpus("tests/bad-inputs/cyclic-fat-chain.xls")).unwrap_err();
        assert!(error.contains("not a well-formed"), "{error}");
    }
}
