//! The glyph id, advance and ink extent of each character of a face, looked up in the font
//! once per process and shared by every plan and thread that uses the face.
//!
//! A font lookup (cmap subtable, binary search over its segments, hmtx, and the glyph's
//! bounding box from loca + glyf) costs hundreds of instructions, and a plan measures its
//! ~500 distinct characters tens of thousands of times (the composer measures every
//! character with its ink-free sides, and line breaking tries every break). The cache is
//! lock-free: two atomic words per Basic Multilingual Plane character (glyph + advance, and
//! ink), in pages of 256 allocated when a character of the page is first met (a Japanese
//! plan touches a few dozen pages). Characters beyond the BMP are rare and looked up each
//! time.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

const PAGE: usize = 256;
const KNOWN: u64 = 1 << 40;
const HAS_GLYPH: u64 = 1 << 32;
const HAS_INK: u64 = 1 << 33;

/// Per-face cache of `char → (glyph, advance, ink)`; `Default` is empty.
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

/// A face's glyph for a character: its id, its advance and its ink in font units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyph {
    /// Glyph id in the face.
    pub id: u16,
    /// Advance width, in font units.
    pub advance: u16,
    /// Horizontal extent of the glyph's outline; `None` for a glyph without one (a space).
    pub ink: Option<Ink>,
}

/// Left and right edge of a glyph's bounding box, font units from its origin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ink {
    /// Left edge.
    pub x_min: i16,
    /// Right edge.
    pub x_max: i16,
}

impl GlyphCache {
    /// The glyph of `c` when the cache has it (`Some(None)`: known to have none), without
    /// looking it up.
    pub fn known(&self, c: char) -> Option<Option<Glyph>> {
        let code = c as usize;
        let words = self.pages.get(code / PAGE)?.get()?;
        let (glyph_word, ink_word) = (&words[2 * (code % PAGE)], &words[2 * (code % PAGE) + 1]);
        let word = glyph_word.load(Ordering::Acquire);
        (word & KNOWN != 0).then(|| decode(word, ink_word.load(Ordering::Relaxed)))
    }

    /// The glyph of `c`, from the cache or from `lookup` (whose answer is then kept).
    pub fn get(&self, c: char, lookup: impl FnOnce() -> Option<Glyph>) -> Option<Glyph> {
        let code = c as usize;
        let Some(page) = self.pages.get(code / PAGE) else {
            return lookup();
        };
        let words = page.get_or_init(|| (0..2 * PAGE).map(|_| AtomicU64::new(0)).collect());
        let (glyph_word, ink_word) = (&words[2 * (code % PAGE)], &words[2 * (code % PAGE) + 1]);
        // The ink word is stored before the glyph word is released: a reader that sees a
        // known glyph word sees its ink. Two threads may both look a character up; they
        // store the same answer.
        let word = glyph_word.load(Ordering::Acquire);
        if word & KNOWN != 0 {
            return decode(word, ink_word.load(Ordering::Relaxed));
        }
        let glyph = lookup();
        let (word, ink) = encode(glyph);
        ink_word.store(ink, Ordering::Relaxed);
        glyph_word.store(word, Ordering::Release);
        glyph
    }
}

fn encode(glyph: Option<Glyph>) -> (u64, u64) {
    let Some(g) = glyph else {
        return (KNOWN, 0);
    };
    let word = KNOWN | HAS_GLYPH | u64::from(g.id) << 16 | u64::from(g.advance);
    match g.ink {
        Some(ink) => (
            word | HAS_INK,
            u64::from(ink.x_min as u16) << 16 | u64::from(ink.x_max as u16),
        ),
        None => (word, 0),
    }
}

fn decode(word: u64, ink: u64) -> Option<Glyph> {
    (word & HAS_GLYPH != 0).then_some(Glyph {
        id: (word >> 16) as u16,
        advance: word as u16,
        ink: (word & HAS_INK != 0).then_some(Ink {
            x_min: (ink >> 16) as u16 as i16,
            x_max: ink as u16 as i16,
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_answers_only_what_was_looked_up() {
        let cache = GlyphCache::default();
        let glyph = Glyph {
            id: 7,
            advance: 1000,
            ink: None,
        };
        assert_eq!(cache.known('あ'), None);
        cache.get('あ', || Some(glyph));
        cache.get('〠', || None);
        assert_eq!(cache.known('あ'), Some(Some(glyph)));
        assert_eq!(cache.known('〠'), Some(None));
        assert_eq!(cache.known('い'), None, "same page, not looked up");
        assert_eq!(
            cache.known('\u{20000}'),
            None,
            "beyond the BMP nothing is kept"
        );
    }

    #[test]
    fn answers_are_kept_including_missing_glyphs() {
        let cache = GlyphCache::default();
        let glyph = Glyph {
            id: 65535,
            advance: 2048,
            ink: Some(Ink {
                x_min: -32768,
                x_max: 32767,
            }),
        };
        assert_eq!(cache.get('福', || Some(glyph)), Some(glyph));
        assert_eq!(cache.get('福', || panic!("looked up twice")), Some(glyph));
        let blank = Glyph {
            id: 3,
            advance: 1024,
            ink: None,
        };
        assert_eq!(cache.get(' ', || Some(blank)), Some(blank));
        assert_eq!(cache.get(' ', || panic!("looked up twice")), Some(blank));
        let negative = Glyph {
            ink: Some(Ink {
                x_min: -12,
                x_max: -1,
            }),
            ..blank
        };
        assert_eq!(cache.get('\u{0301}', || Some(negative)), Some(negative));
        assert_eq!(cache.get('\u{0301}', || None), Some(negative));
        assert_eq!(cache.get('\u{FFFF}', || None), None);
        assert_eq!(cache.get('\u{FFFF}', || panic!("looked up twice")), None);
        let beyond = '\u{20BB7}';
        assert_eq!(cache.get(beyond, || None), None);
        assert_eq!(cache.get(beyond, || Some(glyph)), Some(glyph), "not cached");
        assert_eq!(format!("{cache:?}"), "GlyphCache { pages: 4 }");
    }

    #[test]
    fn threads_share_one_cache() {
        let cache = std::sync::Arc::new(GlyphCache::default());
        let glyph = Glyph {
            id: 7,
            advance: 1024,
            ink: Some(Ink {
                x_min: 40,
                x_max: 980,
            }),
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
