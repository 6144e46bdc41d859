//! The glyph id and advance of each character of a face, looked up in the font once per
//! process and shared by every plan and thread that uses the face.
//!
//! A font lookup (cmap subtable, binary search over its segments, hmtx) costs hundreds of
//! instructions, and a plan measures its ~500 distinct characters tens of thousands of times
//! (line breaking tries every break). The cache is lock-free: one atomic word per Basic
//! Multilingual Plane character, in pages of 256 allocated when a character of the page is
//! first met (a Japanese plan touches a few dozen pages). Characters beyond the BMP are
//! rare and looked up each time.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

const PAGE: usize = 256;
const KNOWN: u64 = 1 << 40;
const HAS_GLYPH: u64 = 1 << 32;

/// Per-face cache of `char → (glyph, advance)`; `Default` is empty.
pub struct GlyphCache {
    pages: Box<[OnceLock<Box<[AtomicU64]>>]>,
}

impl Default for GlyphCache {
    fn default() -> Self {
        GlyphCache {
            pages: (0..0x1_0000 / PAGE).map(|_| OnceLock::new()).collect(),
        }
    }
}

impl std::fmt::Debug for GlyphCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pages = self.pages.iter().filter(|p| p.get().is_some()).count();
        f.debug_struct("GlyphCache").field("pages", &pages).finish()
    }
}

/// A face's glyph for a character and its advance in font units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyph {
    pub id: u16,
    pub advance: u16,
}

impl GlyphCache {
    /// The glyph of `c`, from the cache or from `lookup` (whose answer is then kept).
    pub fn get(&self, c: char, lookup: impl FnOnce() -> Option<Glyph>) -> Option<Glyph> {
        let code = c as usize;
        let Some(page) = self.pages.get(code / PAGE) else {
            return lookup();
        };
        let slot =
            &page.get_or_init(|| (0..PAGE).map(|_| AtomicU64::new(0)).collect())[code % PAGE];
        let word = slot.load(Ordering::Relaxed);
        if word & KNOWN != 0 {
            return decode(word);
        }
        let glyph = lookup();
        slot.store(encode(glyph), Ordering::Relaxed);
        glyph
    }
}

fn encode(glyph: Option<Glyph>) -> u64 {
    match glyph {
        Some(g) => KNOWN | HAS_GLYPH | u64::from(g.id) << 16 | u64::from(g.advance),
        None => KNOWN,
    }
}

fn decode(word: u64) -> Option<Glyph> {
    (word & HAS_GLYPH != 0).then_some(Glyph {
        id: (word >> 16) as u16,
        advance: word as u16,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_kept_including_missing_glyphs() {
        let cache = GlyphCache::default();
        let glyph = Glyph {
            id: 65535,
            advance: 2048,
        };
        assert_eq!(cache.get('福', || Some(glyph)), Some(glyph));
        assert_eq!(cache.get('福', || panic!("looked up twice")), Some(glyph));
        assert_eq!(cache.get('\u{FFFF}', || None), None);
        assert_eq!(cache.get('\u{FFFF}', || panic!("looked up twice")), None);
        let beyond = '\u{20BB7}';
        assert_eq!(cache.get(beyond, || None), None);
        assert_eq!(cache.get(beyond, || Some(glyph)), Some(glyph), "not cached");
        assert_eq!(format!("{cache:?}"), "GlyphCache { pages: 2 }");
    }

    #[test]
    fn threads_share_one_cache() {
        let cache = std::sync::Arc::new(GlyphCache::default());
        let glyph = Glyph {
            id: 7,
            advance: 1024,
        };
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let cache = cache.clone();
                std::thread::spawn(move || cache.get('あ', || Some(glyph)))
            })
            .collect();
        for t in threads {
            assert_eq!(t.join().unwrap(), Some(glyph));
        }
    }
}
