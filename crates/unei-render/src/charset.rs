//! A set of characters, one bit each: for walks that ask a question once per distinct
//! character of a plan (a plan repeats a few hundred characters thousands of times).

/// A set of Basic Multilingual Plane characters (one bit each); others are never in it.
#[derive(Debug)]
pub(crate) struct CharSet {
    words: Vec<u64>,
}

impl Default for CharSet {
    fn default() -> Self {
        CharSet {
            words: vec![0; 0x1_0000 / 64],
        }
    }
}

impl CharSet {
    pub(crate) fn contains(&self, c: char) -> bool {
        bit_of(&self.words, c)
    }

    pub(crate) fn insert(&mut self, c: char) {
        let code = c as usize;
        if let Some(word) = self.words.get_mut(code / 64) {
            *word |= 1 << (code % 64);
        }
    }
}

/// Whether `c`'s bit is set in `words` (bit `c % 64` of word `c / 64`); false past the end.
/// The lookup of [`CharSet`] and of the breaker's compile-time character sets.
pub(crate) fn bit_of(words: &[u64], c: char) -> bool {
    let code = c as usize;
    words
        .get(code / 64)
        .is_some_and(|w| w & (1 << (code % 64)) != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_what_was_put_in_and_never_a_character_beyond_the_bmp() {
        let mut set = CharSet::default();
        for c in ['あ', 'A', '\u{FFFF}', '𠮷'] {
            assert!(!set.contains(c));
            set.insert(c);
        }
        assert!(set.contains('あ') && set.contains('A') && set.contains('\u{FFFF}'));
        assert!(!set.contains('𠮷') && !set.contains('い'));
    }
}
