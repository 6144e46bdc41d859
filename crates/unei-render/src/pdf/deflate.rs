//! Flate compression of the PDF's streams: libdeflate, one compressor per thread.
//!
//! Compressing the font programs is the largest single cost of a PDF (they are ~90 % of the
//! bytes and compress poorly: glyph outlines). libdeflate does it in half the time zlib
//! (zlib-rs, miniz_oxide) needs for the same size; it works on whole buffers, which is what
//! a PDF stream is. The level is chosen by measurement (docs/PERFORMANCE.md): level 4 is
//! within 1.5 % of level 9's size at 60 % of its time.

use std::cell::RefCell;

use libdeflater::{CompressionLvl, Compressor};

/// libdeflate level of every stream.
pub const LEVEL: i32 = 4;

thread_local! {
    static COMPRESSOR: RefCell<Option<Compressor>> = const { RefCell::new(None) };
}

/// `data` as a zlib stream (FlateDecode), or `None` if compression fails.
#[inline(never)] // a stage of bench/callgrind.py's breakdown
pub fn zlib(data: &[u8]) -> Option<Vec<u8>> {
    COMPRESSOR.with_borrow_mut(|slot| {
        let compressor = match slot {
            Some(compressor) => compressor,
            None => slot.insert(Compressor::new(CompressionLvl::new(LEVEL).ok()?)),
        };
        let mut out = vec![0; compressor.zlib_compress_bound(data.len())];
        let len = compressor.zlib_compress(data, &mut out).ok()?;
        out.truncate(len);
        Some(out)
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
    fn streams_round_trip_through_zlib_and_a_reused_compressor_gives_the_same_bytes() {
        let font = &crate::fonts::BIZ_UD_GOTHIC[..200_000];
        let text = "令和2年度 福島区運営方針".repeat(500).into_bytes();
        let first = zlib(font).unwrap();
        assert_eq!(unzlib(&first), font, "a standard zlib stream");
        assert!(first.len() < font.len());
        assert_eq!(unzlib(&zlib(&text).unwrap()), text);
        assert_eq!(zlib(font).unwrap(), first, "same bytes again");
        let fresh = std::thread::spawn(move || zlib(font).unwrap())
            .join()
            .unwrap();
        assert_eq!(fresh, first, "same bytes from another thread's compressor");
        assert_eq!(unzlib(&zlib(b"").unwrap()), b"");
    }
}
