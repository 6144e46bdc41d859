//! Flate compression of the PDF's streams, with one zlib compressor per thread that is reset
//! between streams. zlib's state is a few hundred kilobytes: made anew for every stream, its
//! set-up and the page faults of mapping it again cost a batch more than a millisecond per
//! plan.
//!
//! The level buys size for time only while it pays: docs/PERFORMANCE.md has the
//! measurements (level 4 is within 0.5 % of level 6's size at three quarters of its time).

use std::cell::RefCell;

use flate2::{Compress, Compression, FlushCompress, Status};

/// zlib level of every stream.
pub const LEVEL: u32 = 4;

thread_local! {
    static COMPRESSOR: RefCell<Compress> = RefCell::new(Compress::new(Compression::new(LEVEL), true));
}

/// `data` as a zlib stream (FlateDecode), or `None` if zlib fails.
#[inline(never)] // a stage of bench/callgrind.py's breakdown
pub fn zlib(data: &[u8]) -> Option<Vec<u8>> {
    COMPRESSOR.with_borrow_mut(|compressor| {
        compressor.reset();
        // Deflate's worst case: stored blocks, five bytes per 16 KiB, plus the zlib frame.
        let mut out = Vec::with_capacity(data.len() + data.len() / 16_000 * 5 + 64);
        loop {
            let consumed = usize::try_from(compressor.total_in()).ok()?;
            let input = data.get(consumed..)?;
            match compressor.compress_vec(input, &mut out, FlushCompress::Finish) {
                Ok(Status::StreamEnd) => return Some(out),
                Ok(Status::Ok | Status::BufError) => out.reserve(out.capacity().max(64)),
                Err(_) => return None,
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    fn unzlib(data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::ZlibDecoder::new(data)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn streams_round_trip_and_a_reused_compressor_gives_the_same_bytes() {
        let font = &crate::fonts::BIZ_UD_GOTHIC[..200_000];
        let text = "令和2年度 福島区運営方針".repeat(500).into_bytes();
        let first = zlib(font).unwrap();
        assert_eq!(unzlib(&first), font);
        assert!(first.len() < font.len());
        assert_eq!(unzlib(&zlib(&text).unwrap()), text);
        assert_eq!(zlib(font).unwrap(), first, "same bytes after a reset");
        let fresh = std::thread::spawn(move || zlib(font).unwrap())
            .join()
            .unwrap();
        assert_eq!(fresh, first, "same bytes from another thread's compressor");
        assert_eq!(unzlib(&zlib(b"").unwrap()), b"");
    }
}
