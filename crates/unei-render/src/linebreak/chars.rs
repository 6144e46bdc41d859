//! Character classes of the breaker: the 禁則 tables (JIS X 4051 strict), the pieces a
//! word or number is made of, and the JLREQ classes that decide the spacing around
//! punctuation. The breaker asks several tables about every character, so their membership
//! is also one byte per Basic Multilingual Plane character, a bit per table, computed at
//! compile time ([`in_table`] is one load); a test checks it against the tables.

use std::sync::atomic::{AtomicU8, Ordering};

/// 行頭禁則: closing brackets and quotes, 句読点, ！？：；, 中点, 繰返し記号,
/// 長音記号, ……, ハイフン類, 小書きの仮名, 濁点, 後置省略記号.
pub(super) const NO_START: Table = Table {
    bit: 1 << 0,
    chars: &[
        '!', '%', ')', ',', '.', ':', ';', '?', ']', '}', '¢', '°', '»', '\u{2010}', '\u{2013}',
        '\u{2019}', '\u{201D}', '‥', '…', '‰', '\u{2032}', '\u{2033}', '\u{203A}', '‼', '⁇', '⁈',
        '⁉', '℃', '℉', '⦆', '、', '。', '々', '〉', '》', '」', '』', '】', '〕', '〗', '〙', '〛',
        '〜', '〞', '〟', '〻', 'ぁ', 'ぃ', 'ぅ', 'ぇ', 'ぉ', 'っ', 'ゃ', 'ゅ', 'ょ', 'ゎ', 'ゕ',
        'ゖ', '゛', '゜', 'ゝ', 'ゞ', '゠', 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ッ', 'ャ', 'ュ', 'ョ',
        'ヮ', 'ヵ', 'ヶ', '・', 'ー', 'ヽ', 'ヾ', '！', '％', '）', '，', '．', '：', '；', '？',
        '］', '｝', '～', '｠', '｡', '｣', '､', '･', 'ｧ', 'ｨ', 'ｩ', 'ｪ', 'ｫ', 'ｬ', 'ｭ', 'ｮ', 'ｯ',
        'ｰ', 'ﾞ', 'ﾟ', '￠',
    ],
};

/// 行末禁則: opening brackets and quotes, 前置省略記号.
pub(super) const NO_END: Table = Table {
    bit: 1 << 1,
    chars: &[
        '$', '(', '[', '{', '£', '¥', '«', '\u{2018}', '\u{201C}', '\u{2039}', '€', '№', '⦅', '〈',
        '《', '「', '『', '【', '〒', '〔', '〖', '〘', '〚', '〝', '＄', '（', '［', '｛', '｟',
        '｢', '￡', '￥',
    ],
};

/// Signs that belong to the number right after them (`¥1,000`, `▲120`, `-5`).
pub(super) const PREFIXES: Table = Table {
    bit: 1 << 2,
    chars: &[
        '#', '$', '+', '-', '£', '¥', '±', '€', '№', '\u{2212}', '▲', '△', '▼', '▽', '〒', '＃',
        '＄', '＋', '\u{FF0D}', '￡', '￥',
    ],
};

/// Signs that belong to the number right before them (`2.5%`, `30℃`).
pub(super) const POSTFIXES: Table = Table {
    bit: 1 << 3,
    chars: &[
        '%', '¢', '°', '‰', '\u{2032}', '\u{2033}', '℃', '℉', '％', '￠',
    ],
};

/// Marks that may hang past the right edge (ぶら下げ).
pub(super) const HANGABLE: Table = Table {
    bit: 1 << 4,
    chars: &[',', '.', '、', '。', '，', '．', '｡', '､'],
};

/// Characters that keep a Latin word together when they sit between two word
/// characters (`well-known`, `don't`, `e.g`, `15,224`, `2.5`, `a/b`).
pub(super) const WORD_JOINERS: Table = Table {
    bit: 1 << 5,
    chars: &[
        '&', '\'', '+', ',', '-', '.', '/', ':', '@', '_', '\u{2019}',
    ],
};

/// Full-width separators that keep a number together between two digits (`１５，２２４`).
pub(super) const NUMBER_SEPARATORS: &[char] = &['，', '．', '／', '：'];

/// 分離禁止文字: a run of the same one of these is never split.
pub(super) const INSEPARABLE: Table = Table {
    bit: 1 << 6,
    chars: &['—', '―', '‥', '…', '─'],
};

/// Unit words that belong to the number before them (分離禁止: `2,781千円`, `15,224人`,
/// `2年度`), longest first where one is the start of another. Latin units (`5km`) are part
/// of the number's word already.
pub(super) const UNIT_WORDS: &[&str] = &[
    "千円", "万円", "億円", "兆円", "千人", "万人", "年度", "年間", "か年", "カ年", "ヶ年", "か月",
    "カ月", "ヶ月", "ケ月", "箇月", "日間", "時間", "か所", "カ所", "ヶ所", "箇所", "世帯", "団体",
    "施設", "種類", "項目", "地区", "事業", "円", "人", "件", "回", "年", "月", "日", "時", "分",
    "秒", "歳", "才", "戸", "校", "園", "名", "倍", "割", "点", "個", "本", "枚", "台", "号", "条",
    "項", "位", "者", "社", "階", "区", "局", "期", "周", "km",
];

/// URL characters after which a URL may break (and only there).
pub(super) const URL_BREAK_AFTER: Table = Table {
    bit: 1 << 7,
    chars: &['&', '-', '.', '/', '?'],
};

pub(super) const ZWJ: char = '\u{200D}';

/// A set of characters the breaker asks about, and its bit in [`MEMBERSHIP`].
#[derive(Debug, Clone, Copy)]
pub(super) struct Table {
    bit: u8,
    /// The characters, in code point order.
    pub chars: &'static [char],
}

const TABLES: [Table; 8] = [
    NO_START,
    NO_END,
    PREFIXES,
    POSTFIXES,
    HANGABLE,
    WORD_JOINERS,
    INSEPARABLE,
    URL_BREAK_AFTER,
];

/// For each BMP character, the bits of the tables that hold it (every table character is in
/// the BMP: the build fails otherwise).
static MEMBERSHIP: [u8; 0x1_0000] = membership();

const fn membership() -> [u8; 0x1_0000] {
    let mut bits = [0u8; 0x1_0000];
    let mut t = 0;
    while t < TABLES.len() {
        let table = TABLES[t];
        let mut i = 0;
        while i < table.chars.len() {
            bits[table.chars[i] as usize] |= table.bit;
            i += 1;
        }
        t += 1;
    }
    bits
}

pub(super) fn in_table(table: Table, c: char) -> bool {
    MEMBERSHIP
        .get(c as usize)
        .is_some_and(|bits| bits & table.bit != 0)
}

/// Spaces stay at the end of the line before a break and are not counted there.
pub(super) fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '\r' | '\u{200B}' | '\t')
}

/// Characters that are never drawn: control characters (a tab is set as a gap by the
/// breaker) and format characters. A renderer gives them no glyph and no width, so none of
/// them can ever print as a missing-glyph stand-in.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            u32::from(c),
            0x00AD
                | 0x061C
                | 0x180E
                | 0x200B..=0x200F
                | 0x2028..=0x202E
                | 0x2060..=0x206F
                | 0xFE00..=0xFE0F
                | 0xFEFF
                | 0xFFF9..=0xFFFB
                | 0xE0000..=0xE0FFF
        )
}

/// Characters that extend the one before them into one grapheme cluster (UAX #29: combining
/// marks of every script, spacing marks, joiners, variation selectors, emoji modifiers, tag
/// characters): they belong to the character before them and are never separated from it.
pub(super) fn is_extend(c: char) -> bool {
    if is_plain_base(c) || c == '\r' {
        return false;
    }
    // Asked for every other character of every line-break candidate: the answer for a BMP
    // character is kept (0 not yet known, 1 no, 2 yes), so segmentation runs once per
    // character per process. Threads that race store the same answer.
    let Some(memo) = EXTEND_BMP.get(c as usize) else {
        return segmented_extend(c);
    };
    match memo.load(Ordering::Relaxed) {
        1 => false,
        2 => true,
        _ => {
            let extend = segmented_extend(c);
            memo.store(if extend { 2 } else { 1 }, Ordering::Relaxed);
            extend
        }
    }
}

/// [`is_extend`]'s answers for the rest of the BMP (64 KB, untouched pages cost nothing).
static EXTEND_BMP: [AtomicU8; 0x10000] = [const { AtomicU8::new(0) }; 0x10000];

/// Blocks without a character that extends a cluster, most frequent first (漢字, kana, CJK
/// and full-width punctuation, Latin): the breaker asks about every character of every line
/// candidate, and asking the segmenter costs hundreds of instructions each time. The ranges
/// stop short of the marks inside these blocks (U+3099–309A 濁点, U+302A–302F, U+FF9E–FF9F
/// half-width 濁点, U+0300 on, U+200B–200F, U+20D0 on); a test checks every character in
/// them against the segmenter.
const NEVER_EXTEND: [(char, char); 10] = [
    ('\u{4E00}', '\u{9FFF}'),
    ('\u{3041}', '\u{3098}'),
    ('\u{309B}', '\u{30FF}'),
    ('\u{3000}', '\u{3029}'),
    ('\u{FF01}', '\u{FF9D}'),
    ('\u{3400}', '\u{4DBF}'),
    ('\u{2010}', '\u{2027}'),
    ('\u{2030}', '\u{205E}'),
    ('\u{2100}', '\u{2BFF}'),
    ('\u{80}', '\u{2FF}'),
];

/// A character that ends its grapheme cluster unless an extending character follows: ASCII
/// but CR (CR LF is one cluster), and the blocks of [`NEVER_EXTEND`] (no Hangul jamo, flags
/// or prepended marks there).
pub(super) fn is_plain_base(c: char) -> bool {
    // Asked about nearly every character several times over (is_extend, cluster ends): one
    // bit per BMP character, set at compile time from the ranges, instead of a walk of them.
    crate::charset::bit_of(&PLAIN_BASE, c)
}

/// [`is_plain_base`] by the ranges: what [`PLAIN_BASE`] holds.
const fn plain_base_by_ranges(c: u32) -> bool {
    if c == '\r' as u32 {
        return false;
    }
    if c < 0x80 {
        return true;
    }
    let mut i = 0;
    while i < NEVER_EXTEND.len() {
        let (first, last) = NEVER_EXTEND[i];
        if first as u32 <= c && c <= last as u32 {
            return true;
        }
        i += 1;
    }
    false
}

/// One bit per BMP character: whether it is a plain base.
static PLAIN_BASE: [u64; 0x1_0000 / 64] = plain_base_bits();

const fn plain_base_bits() -> [u64; 0x1_0000 / 64] {
    let mut words = [0u64; 0x1_0000 / 64];
    let mut c = 0;
    while c < 0x1_0000 {
        if plain_base_by_ranges(c) {
            words[(c / 64) as usize] |= 1 << (c % 64);
        }
        c += 1;
    }
    words
}

/// [`is_extend`] as the UAX #29 segmenter answers it.
fn segmented_extend(c: char) -> bool {
    // Whether `c` after a plain base letter stays in the base's cluster.
    let mut buffer = [0u8; 5];
    buffer[0] = b'a';
    let len = 1 + c.encode_utf8(&mut buffer[1..]).len();
    let pair = std::str::from_utf8(&buffer[..len]).unwrap_or("a");
    unicode_segmentation::UnicodeSegmentation::graphemes(pair, true)
        .nth(1)
        .is_none()
}

/// No-break characters (NBSP, word joiner, non-breaking hyphen): the author
/// asked for their neighbours to stay together.
pub(super) fn is_glue(c: char) -> bool {
    matches!(
        c,
        '\u{A0}' | '\u{2011}' | '\u{202F}' | '\u{2060}' | '\u{FEFF}'
    )
}

pub(super) fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

pub(super) fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Letters and digits of alphabetic scripts (and their full-width forms).
/// CJK is excluded because a break between two ideographs is allowed.
pub(super) fn is_word(c: char) -> bool {
    // By block, so a kana or kanji is answered in two comparisons and a range check.
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if c < '\u{2000}' {
        c.is_alphanumeric()
    } else {
        matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
    }
}

/// Letters and digits set in proportional (Western) forms: what 和欧間 separates from
/// Japanese text. Full-width letters and digits are set like kanji.
pub(super) fn is_western(c: char) -> bool {
    is_word(c) && c < '\u{2000}'
}

/// Whether `sep` between `prev` and `next` keeps them in one word or number.
pub(super) fn joins(prev: char, sep: char, next: char) -> bool {
    (is_word(prev) && is_word(next) && in_table(WORD_JOINERS, sep))
        || (is_digit(prev) && is_digit(next) && NUMBER_SEPARATORS.contains(&sep))
}

pub(super) fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|rest| rest.chars().next())
}

/// The unit word (`千円`) at the start of `s`, if any.
pub(super) fn unit_word(s: &str) -> Option<&'static str> {
    UNIT_WORDS.iter().copied().find(|w| s.starts_with(w))
}

/// Characters a URL is made of (RFC 3986's unreserved, reserved and `%`).
pub(super) fn is_url_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c)
}

/// Length in bytes of the URL starting at the beginning of `s` (`https://…`, `www.…`), or 0.
/// Sentence punctuation right after a URL (`.html。` `…/a).`) is not part of it.
pub(super) fn url_len(s: &str) -> usize {
    let starts = ["https://", "http://", "www."];
    if !s.starts_with(['h', 'w']) || !starts.iter().any(|p| s.starts_with(p)) {
        return 0;
    }
    let mut end = s.find(|c: char| !is_url_char(c)).unwrap_or(s.len());
    while end > 0 && s[..end].ends_with(['.', ',', ';', ':', '!', '?', ')', '\'']) {
        end -= 1;
    }
    end
}

/// JLREQ character classes, as far as they decide spacing and line adjustment (JLREQ 3.1,
/// Appendix A). Punctuation is only treated as such when the font gives it a full em:
/// half-width forms (`(` `,`) are set solid like Latin punctuation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// cl-01 始め括弧類 「（【『〔［｛〈《“‘
    Opening,
    /// cl-02 終わり括弧類 」）】』〕］｝〉》”’
    Closing,
    /// cl-06 句点類 。．
    FullStop,
    /// cl-07 読点類 、，
    Comma,
    /// cl-05 中点類 ・：；
    MiddleDot,
    /// cl-04 区切り約物 ！？
    Dividing,
    /// Kana, kanji, full-width letters and symbols: set solid with each other.
    Japanese,
    /// Latin letters and European digits (and their word's punctuation).
    Western,
    /// A word space (U+0020).
    Space,
    /// Spacing that is never adjusted: 全角スペース, tab, other spaces.
    FixedSpace,
    /// Control and format characters: no glyph, no width.
    Invisible,
    /// Anything else (half-width punctuation, symbols): solid.
    Other,
}

impl Class {
    /// The class of `c`; `full_width` when the font gives it (about) a full em.
    pub fn of(c: char, full_width: bool) -> Class {
        // Kana and kanji, most of a plan's text, answer before the lists below.
        if is_kana_or_kanji(c) {
            return Class::Japanese;
        }
        Class::of_other(c, full_width)
    }

    fn of_other(c: char, full_width: bool) -> Class {
        let punctuation = match c {
            '「' | '『' | '（' | '［' | '｛' | '〔' | '〈' | '《' | '【' | '〖' | '〘' | '〚'
            | '〝' | '\u{2018}' | '\u{201C}' | '｟' | '⦅' => Some(Class::Opening),
            '」' | '』' | '）' | '］' | '｝' | '〕' | '〉' | '》' | '】' | '〗' | '〙' | '〛'
            | '〞' | '〟' | '\u{2019}' | '\u{201D}' | '｠' | '⦆' => Some(Class::Closing),
            '。' | '．' => Some(Class::FullStop),
            '、' | '，' => Some(Class::Comma),
            '・' | '：' | '；' => Some(Class::MiddleDot),
            '！' | '？' | '‼' | '⁇' | '⁈' | '⁉' => Some(Class::Dividing),
            _ => None,
        };
        match punctuation {
            Some(class) if full_width => class,
            Some(_) => Class::Other,
            None if c == ' ' => Class::Space,
            None if is_invisible(c) && c != '\t' => Class::Invisible,
            None if is_space(c) || c == '\t' || c == '\u{A0}' => Class::FixedSpace,
            None if is_western(c) => Class::Western,
            None if is_japanese(c) || (full_width && !c.is_ascii()) => Class::Japanese,
            None => Class::Other,
        }
    }

    /// Blank (in em) the JLREQ gives the mark before its ink, inside its full-em body.
    pub(super) fn nominal_blank_start(self) -> f32 {
        match self {
            Class::Opening => 0.5,
            Class::MiddleDot => 0.25,
            _ => 0.0,
        }
    }

    /// Blank (in em) the JLREQ gives the mark after its ink.
    pub(super) fn nominal_blank_end(self) -> f32 {
        match self {
            Class::Closing | Class::Comma | Class::FullStop => 0.5,
            Class::MiddleDot => 0.25,
            _ => 0.0,
        }
    }

    /// Punctuation whose blank after it may be removed at the line end (JLREQ 3.1.6).
    pub(super) fn ends_sentence_or_phrase(self) -> bool {
        matches!(self, Class::Closing | Class::Comma | Class::FullStop)
    }
}

/// Hiragana and katakana letters (not ・ and the marks after them) and the unified
/// ideographs: [`Class::Japanese`] whatever the font (a test checks `of_other` agrees).
fn is_kana_or_kanji(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | '\u{4E00}'..='\u{9FFF}')
}

/// Kana, kanji and the other characters JLREQ sets like them (cl-09 to cl-11, cl-15,
/// cl-16, cl-19).
fn is_japanese(c: char) -> bool {
    matches!(
        u32::from(c),
        0x2E80..=0x2FFF
            | 0x3003..=0x3007
            | 0x3012..=0x3013
            | 0x3020..=0x303F
            | 0x3040..=0x30FF
            | 0x3190..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xF900..=0xFAFF
            | 0xFF10..=0xFF19
            | 0xFF21..=0xFF3A
            | 0xFF41..=0xFF5A
            | 0xFF66..=0xFF9F
            | 0x20000..=0x3FFFF
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kana_and_kanji_are_japanese_by_the_full_rules_too() {
        for c in ('\u{3000}'..='\u{A000}').filter(|&c| is_kana_or_kanji(c)) {
            for full_width in [true, false] {
                assert_eq!(Class::of_other(c, full_width), Class::Japanese, "{c}");
            }
        }
        assert!(!is_kana_or_kanji('・') && !is_kana_or_kanji('ー') && !is_kana_or_kanji('々'));
    }

    #[test]
    fn membership_answers_as_the_tables_do_for_every_character() {
        for table in TABLES {
            assert!(table.chars.windows(2).all(|w| w[0] < w[1]), "{table:?}");
            for code in (0..0x1_0000)
                .chain([0x1_F600, 0x2_0BB7])
                .filter_map(char::from_u32)
            {
                assert_eq!(
                    in_table(table, code),
                    table.chars.contains(&code),
                    "{code:?} in {:?}",
                    table.chars
                );
            }
        }
        assert_eq!(TABLES.map(|t| t.bit).iter().fold(0, |all, b| all | b), 0xFF);
    }

    #[test]
    fn blocks_taken_as_never_extending_agree_with_the_segmenter() {
        for (first, last) in NEVER_EXTEND {
            for c in first..=last {
                assert!(
                    !segmented_extend(c),
                    "U+{:04X} extends a cluster",
                    u32::from(c)
                );
            }
        }
        // The marks the ranges stop short of are what the segmenter calls extending.
        for c in [
            '\u{3099}', '\u{302A}', '\u{FF9E}', '\u{0300}', '\u{200D}', '\u{20DD}',
        ] {
            assert!(
                segmented_extend(c) && is_extend(c),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }

    #[test]
    fn a_plain_base_ends_its_cluster_before_any_character_that_does_not_extend() {
        use unicode_segmentation::UnicodeSegmentation;
        let ascii = ('\0'..='\u{7F}').filter(|&c| c != '\r');
        let blocks = NEVER_EXTEND.iter().flat_map(|&(first, last)| first..=last);
        let followers = [
            'a',
            '漢',
            'あ',
            '\n',
            '\r',
            '\u{1100}',
            '\u{1F1E6}',
            '\u{600}',
            '©',
        ];
        for c in ascii.chain(blocks) {
            assert!(is_plain_base(c));
            for next in followers {
                let pair = format!("{c}{next}");
                let first = pair.graphemes(true).next().unwrap_or("");
                assert_eq!(
                    first.chars().count(),
                    1,
                    "U+{:04X} U+{:04X}",
                    u32::from(c),
                    u32::from(next)
                );
            }
        }
        assert!(!is_plain_base('\r') && "\r\n".graphemes(true).count() == 1);
    }

    #[test]
    fn the_plain_base_bits_answer_as_the_ranges_for_every_character() {
        let by_ranges = |c: char| {
            c != '\r' && (c.is_ascii() || NEVER_EXTEND.iter().any(|&(a, b)| (a..=b).contains(&c)))
        };
        for c in '\0'..=char::MAX {
            assert_eq!(is_plain_base(c), by_ranges(c), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn unit_words_match_longest_first() {
        for (i, a) in UNIT_WORDS.iter().enumerate() {
            for b in &UNIT_WORDS[i + 1..] {
                assert!(!b.starts_with(a), "{b} comes after its prefix {a}");
            }
        }
        assert_eq!(unit_word("千円)"), Some("千円"));
        assert_eq!(unit_word("年度予算"), Some("年度"));
        assert_eq!(unit_word("の"), None);
    }

    #[test]
    fn urls_end_before_sentence_punctuation() {
        let s = "https://www.city.osaka.lg.jp/fukushima/page/0000123.html。次";
        assert_eq!(
            &s[..url_len(s)],
            "https://www.city.osaka.lg.jp/fukushima/page/0000123.html"
        );
        assert_eq!(url_len("www.example.jp/a)."), "www.example.jp/a".len());
        assert_eq!(url_len("httpx://a"), 0);
    }

    #[test]
    fn classes() {
        assert_eq!(Class::of('「', true), Class::Opening);
        assert_eq!(Class::of('(', false), Class::Other);
        assert_eq!(Class::of('、', true), Class::Comma);
        assert_eq!(Class::of('・', true), Class::MiddleDot);
        assert_eq!(Class::of('あ', true), Class::Japanese);
        assert_eq!(Class::of('Ｐ', true), Class::Japanese);
        assert_eq!(Class::of('P', false), Class::Western);
        assert_eq!(Class::of('ー', true), Class::Japanese);
        assert_eq!(Class::of('\t', false), Class::FixedSpace);
        assert_eq!(Class::of('\u{200B}', false), Class::Invisible);
        assert_eq!(Class::of(' ', false), Class::Space);
        assert!(is_invisible('\u{7}') && is_invisible('\t') && !is_invisible('あ'));
    }

    #[test]
    fn extend_answers_are_kept_and_stay_the_same() {
        let marks = [
            '\u{3099}',
            '\u{301}',
            '\u{FE0F}',
            '\u{200D}',
            '\u{FF9E}',
            '\u{1F3FB}',
        ];
        let bases = ['あ', '漢', 'a', '、', 'ｶ', '가', '\u{1F600}'];
        for _ in 0..2 {
            for c in marks {
                assert!(is_extend(c), "{c:?} extends the character before it");
            }
            for c in bases {
                assert!(!is_extend(c), "{c:?} starts a cluster");
            }
        }
        assert_eq!(EXTEND_BMP['\u{3099}' as usize].load(Ordering::Relaxed), 2);
        // Hangul is outside the plain blocks, so its answer is kept; あ never needs one.
        assert_eq!(EXTEND_BMP['가' as usize].load(Ordering::Relaxed), 1);
        assert_eq!(EXTEND_BMP['あ' as usize].load(Ordering::Relaxed), 0);
    }
}
