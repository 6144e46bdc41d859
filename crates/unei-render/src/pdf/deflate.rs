//! Flate compression of the PDF's streams: libdeflate, one compressor per thread.
//!
//! Compressing the font programs is the largest single cost of a PDF (they are ~90 % of the
//! bytes and compress poorly: glyph outlines). libdeflate does it in half the time zlib
//! (zlib-rs, miniz_oxide) needs for the same size; it works on whole buffers, which is what
//! a PDF stream is. The levels are chosen by measurement, per kind of stream (below).

use std::cell::RefCell;

use libdeflater::{CompressionLvl, Compressor};
use lopdf::{Dictionary, Object};

// Levels by stream kind, measured on the example (docs/PERFORMANCE.md): the font programs
// are most of the bytes and of the time; level 3 makes them 285 bytes smaller than level 2
// for 0.3 % more instructions per plan (what keeps the example under 90,000 bytes), level 4
// and above buy little more for ~20 % more time; the small, repetitive content streams and
// CMaps shrink by a tenth at level 6 for next to no time.

/// libdeflate level of the font programs.
pub const FONT_LEVEL: i32 = 3;
/// Level of the page content streams.
pub const CONTENT_LEVEL: i32 = 6;
/// Level of the ToUnicode CMaps.
pub const CMAP_LEVEL: i32 = 6;
/// Level of the object stream (the dictionaries) and the cross-reference stream.
pub const OBJECT_LEVEL: i32 = 6;
/// Level of the streams compressed once per process (the ICC profile).
pub const ONCE_LEVEL: i32 = 6;

/// libdeflate's levels are 0–12.
const LEVELS: usize = 13;

thread_local! {
    static COMPRESSORS: RefCell<[Option<Compressor>; LEVELS]> =
        const { RefCell::new([const { None }; LEVELS]) };
}

/// `data` as a stream object with `dict`: FlateDecode at `level` when that is smaller.
pub fn stream(mut dict: Dictionary, data: Vec<u8>, level: i32) -> Object {
    let content = match zlib_at(&data, level).filter(|c| c.len() < data.len()) {
        Some(packed) => {
            dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
            packed
        }
        None => data,
    };
    Object::Stream(lopdf::Stream::new(dict, content).with_compression(false))
}

/// `data` as a zlib stream at libdeflate `level`, or `None` if compression fails.
#[inline(never)] // a stage of bench/callgrind.py's breakdown
pub fn zlib_at(data: &[u8], level: i32) -> Option<Vec<u8>> {
    COMPRESSORS.with_borrow_mut(|slots| {
        let slot = slots.get_mut(usize::try_from(level).ok()?)?;
        let compressor = match slot {
            Some(compressor) => compressor,
            None => slot.insert(Compressor::new(CompressionLvl::new(level).ok()?)),
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
        let zlib = |data: &[u8]| zlib_at(data, FONT_LEVEL);
        let first = zlib(font).unwrap();
        assert_eq!(unzlib(&first), font, "a standard zlib stream");
        assert!(first.len() < font.len());
        assert_eq!(unzlib(&zlib(&text).unwrap()), text);
        assert_eq!(zlib(font).unwrap(), first, "same bytes again");
        let fresh = std::thread::spawn(move || zlib_at(font, FONT_LEVEL).unwrap())
            .join()
            .unwrap();
        assert_eq!(fresh, first, "same bytes from another thread's compressor");
        assert_eq!(unzlib(&zlib(b"").unwrap()), b"");
    }
}
