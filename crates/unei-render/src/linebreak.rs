//! Japanese line breaking with strict 禁則処理 (JIS X 4051).
//!
//! Form cells in the management-plan templates have a fixed width, and a
//! wrapped line that starts with 「、」 or ends with 「（」 reads as a
//! typesetting error to the people who review the printed plan. This module
//! wraps text greedily and resolves every 禁則 conflict by 追い出し (pushing
//! characters down to the next line) or, when the template asks for it, by
//! ぶら下げ (letting one 、。，． hang past the right edge). Nothing is ever
//! compressed, inserted or dropped: the output is a list of byte ranges into
//! the input, so the renderer prints exactly what the author wrote.
//!
//! The model, in three steps:
//! 1. The text is cut into paragraphs at `'\n'` (hard breaks).
//! 2. Each paragraph is cut into *units*, pieces that are only split in an
//!    emergency: a Latin word (`management`, `don't`, `e.g`), a number
//!    (`15,224`, `2.5%`, `¥1,000`, `▲120`), a run of `……`, `‥‥`, `――` or
//!    `——`, a run of spaces, or one character with its combining marks.
//!    A break between two units is *allowed* unless it would put a 行頭禁則
//!    character at the start of a line or a 行末禁則 character at the end.
//! 3. Lines are filled greedily. When a unit does not fit, the line ends at
//!    the last allowed break (追い出し), unless the unit is a single 、。，．
//!    that may hang. Only a line with no allowed break at all gets an
//!    emergency break, so the width bound always holds.
//!
//! Decisions beyond the lists in the brief:
//! - `・` is 行頭禁則 (JIS X 4051 中点類, like `：；`). It never starts a
//!   *wrapped* line, but a paragraph may of course start with it (the
//!   project's bullets): only soft breaks are subject to 禁則.
//! - `ー` is always 行頭禁則, also after a Latin word or a digit (`PDFー`):
//!   JIS has no exception and a line starting with `ー` is always wrong, so it
//!   stays with whatever precedes it.
//! - `〜～‐–゠` (JIS ハイフン類) and `%％‰℃°′″¢` (後置省略記号, as in the
//!   strict list of common word processors) are 行頭禁則 as well; currency
//!   signs, `〒` and `№` (前置省略記号) are 行末禁則.
//! - Full-width digits and letters are word characters, so `１５，２２４` is
//!   one unit just like `15,224`.
//! - `'\r'` and U+200B are treated like spaces: kept in the range, never
//!   counted when trailing, never at the start of a wrapped line.

use std::ops::Range;

/// Options from the template.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct BreakOptions {
    /// ぶら下げ: let 、。，． hang past the right edge instead of being pushed to the next line.
    pub hanging_punctuation: bool,
}

/// One output line: a byte range into the input text and its measured width.
#[derive(Debug, Clone, PartialEq)]
pub struct LineSpan {
    /// Byte range of the line in the input: its printed characters plus any
    /// trailing spaces, never a `'\n'`.
    pub range: std::ops::Range<usize>,
    /// Width of the line's characters as printed (a hanging punctuation mark and trailing spaces not counted).
    pub width: f32,
    /// True when the last character hangs past the right edge (ぶら下げ).
    pub hanging: bool,
}

/// A 禁則 problem between two adjacent lines (for tests and for an independent checker).
///
/// `line` is the index of the line that carries the offending character: the
/// line that starts with it for every rule except [`RULE_LINE_END`], where it
/// is the line that ends with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// Index of the line that carries `character`.
    pub line: usize,
    /// Which rule: one of the `RULE_*` constants.
    pub rule: &'static str,
    /// The offending character.
    pub character: char,
}

/// A wrapped line starts with a 行頭禁則 character (closing bracket, 、。, ー, small kana…).
pub const RULE_LINE_START: &str = "line-start";
/// A wrapped line ends with a 行末禁則 character (opening bracket, currency prefix…).
pub const RULE_LINE_END: &str = "line-end";
/// A pair of 分離禁止 characters (`……`, `‥‥`, `――`, `——`) was split.
pub const RULE_INSEPARABLE: &str = "inseparable";
/// A number (`15,224`, `2.5`, `▲120`) was split.
pub const RULE_NUMBER_SPLIT: &str = "number-split";
/// A Latin word (`management`, `don't`) was split.
pub const RULE_WORD_SPLIT: &str = "word-split";

/// Breaks `text` into lines no wider than `max_width` (same unit as `advance`).
/// `advance(c)` gives the advance width of a character. '\n' in the text is a hard break (not part of any line's range).
///
/// Every paragraph (the text between two `'\n'`) yields at least one line, so
/// an empty paragraph yields one empty range and the empty text yields one
/// empty line. A line is wider than `max_width` only when it holds a single
/// character (with its combining marks) that is wider than `max_width` on its
/// own; a hanging mark and trailing spaces are not part of the width. A
/// `max_width` that is zero, negative or NaN gives one character per line
/// rather than an error, because a template with a broken cell size should
/// still print something a person can see and fix.
pub fn break_lines(
    text: &str,
    max_width: f32,
    advance: &dyn Fn(char) -> f32,
    options: BreakOptions,
) -> Vec<LineSpan> {
    let mut breaker = Breaker {
        text,
        max_width,
        advance,
        options,
        units: Vec::new(),
        lines: Vec::new(),
    };
    let mut start = 0;
    for paragraph in text.split('\n') {
        let end = start + paragraph.len();
        breaker.paragraph(start..end);
        start = end + 1;
    }
    breaker.lines
}

/// Checks already-broken lines (the printed text of each line) against the strict 禁則 rules.
///
/// Every boundary between two lines is treated as a soft (wrapped) break, so
/// pass the lines of one paragraph, or use [`span_violations`], which knows
/// where the hard breaks are. Leading and trailing spaces are skipped for the
/// line-start and line-end rules. The checks are written pairwise, apart
/// from the breaker's unit logic, so they catch the breaker's mistakes.
pub fn kinsoku_violations(lines: &[&str]) -> Vec<Violation> {
    let mut found = Vec::new();
    for (k, pair) in lines.windows(2).enumerate() {
        check_boundary(pair[0], pair[1], k + 1, &mut found);
    }
    found
}

/// Like [`kinsoku_violations`], for the output of [`break_lines`]: boundaries
/// at a `'\n'` are hard breaks and exempt (a paragraph may start with `・`).
pub fn span_violations(text: &str, spans: &[LineSpan]) -> Vec<Violation> {
    let mut found = Vec::new();
    for (k, pair) in spans.windows(2).enumerate() {
        if pair[0].range.end != pair[1].range.start {
            continue;
        }
        let prev = text.get(pair[0].range.clone()).unwrap_or("");
        let next = text.get(pair[1].range.clone()).unwrap_or("");
        check_boundary(prev, next, k + 1, &mut found);
    }
    found
}

/// True for characters that must not start a wrapped line (行頭禁則).
pub fn forbidden_at_line_start(c: char) -> bool {
    in_table(NO_START, c) || ('\u{31F0}'..='\u{31FF}').contains(&c)
}

/// True for characters that must not end a wrapped line (行末禁則).
pub fn forbidden_at_line_end(c: char) -> bool {
    in_table(NO_END, c)
}

// ---------------------------------------------------------------------------
// Character classes. The tables are sorted by code point so that a lookup is
// a binary search (a few comparisons per unit, no allocation); a test keeps
// them sorted.

/// 行頭禁則: closing brackets and quotes, 句読点, ！？：；, 中点, 繰返し記号,
/// 長音記号, ……, ハイフン類, 小書きの仮名, 濁点, 後置省略記号.
const NO_START: &[char] = &[
    '!', '%', ')', ',', '.', ':', ';', '?', ']', '}', '¢', '°', '»', '\u{2010}', '\u{2013}',
    '\u{2019}', '\u{201D}', '‥', '…', '‰', '\u{2032}', '\u{2033}', '\u{203A}', '‼', '⁇', '⁈', '⁉',
    '℃', '℉', '⦆', '、', '。', '々', '〉', '》', '」', '』', '】', '〕', '〗', '〙', '〛', '〜',
    '〞', '〟', '〻', 'ぁ', 'ぃ', 'ぅ', 'ぇ', 'ぉ', 'っ', 'ゃ', 'ゅ', 'ょ', 'ゎ', 'ゕ', 'ゖ', '゛',
    '゜', 'ゝ', 'ゞ', '゠', 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ッ', 'ャ', 'ュ', 'ョ', 'ヮ', 'ヵ', 'ヶ',
    '・', 'ー', 'ヽ', 'ヾ', '！', '％', '）', '，', '．', '：', '；', '？', '］', '｝', '～', '｠',
    '｡', '｣', '､', '･', 'ｧ', 'ｨ', 'ｩ', 'ｪ', 'ｫ', 'ｬ', 'ｭ', 'ｮ', 'ｯ', 'ｰ', 'ﾞ', 'ﾟ', '￠',
];

/// 行末禁則: opening brackets and quotes, 前置省略記号.
const NO_END: &[char] = &[
    '$', '(', '[', '{', '£', '¥', '«', '\u{2018}', '\u{201C}', '\u{2039}', '€', '№', '⦅', '〈',
    '《', '「', '『', '【', '〒', '〔', '〖', '〘', '〚', '〝', '＄', '（', '［', '｛', '｟', '｢',
    '￡', '￥',
];

/// Signs that belong to the number right after them (`¥1,000`, `▲120`, `-5`).
const PREFIXES: &[char] = &[
    '#', '$', '+', '-', '£', '¥', '±', '€', '№', '\u{2212}', '▲', '△', '▼', '▽', '〒', '＃', '＄',
    '＋', '\u{FF0D}', '￡', '￥',
];

/// Signs that belong to the number right before them (`2.5%`, `30℃`).
const POSTFIXES: &[char] = &[
    '%', '¢', '°', '‰', '\u{2032}', '\u{2033}', '℃', '℉', '％', '￠',
];

/// Marks that may hang past the right edge (ぶら下げ).
const HANGABLE: &[char] = &[',', '.', '、', '。', '，', '．', '｡', '､'];

/// Characters that keep a Latin word together when they sit between two word
/// characters (`well-known`, `don't`, `e.g`, `15,224`, `2.5`, `a/b`).
const WORD_JOINERS: &[char] = &[
    '&', '\'', '+', ',', '-', '.', '/', ':', '@', '_', '\u{2019}',
];

/// Full-width separators that keep a number together between two digits (`１５，２２４`).
const NUMBER_SEPARATORS: &[char] = &['，', '．', '／', '：'];

/// 分離禁止文字: a run of the same one of these is never split.
const INSEPARABLE: &[char] = &['—', '―', '‥', '…', '─'];

const ZWJ: char = '\u{200D}';

fn in_table(table: &[char], c: char) -> bool {
    table.binary_search(&c).is_ok()
}

/// Spaces stay at the end of the line before a break and are not counted there.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '\r' | '\u{200B}')
}

/// Combining marks, joiners, variation selectors and emoji modifiers belong
/// to the character before them and are never separated from it.
fn is_extend(c: char) -> bool {
    matches!(
        u32::from(c),
        0x0300..=0x036F
            | 0x0483..=0x0489
            | 0x1AB0..=0x1AFF
            | 0x1DC0..=0x1DFF
            | 0x200C..=0x200D
            | 0x20D0..=0x20FF
            | 0x302A..=0x302F
            | 0x3099..=0x309A
            | 0xFE00..=0xFE0F
            | 0xFE20..=0xFE2F
            | 0x1F3FB..=0x1F3FF
            | 0xE0020..=0xE007F
            | 0xE0100..=0xE01EF
    )
}

/// No-break characters (NBSP, word joiner, non-breaking hyphen): the author
/// asked for their neighbours to stay together.
fn is_glue(c: char) -> bool {
    matches!(
        c,
        '\u{A0}' | '\u{2011}' | '\u{202F}' | '\u{2060}' | '\u{FEFF}'
    )
}

fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Letters and digits of alphabetic scripts (and their full-width forms).
/// CJK is excluded because a break between two ideographs is allowed.
fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || (c < '\u{2000}' && c.is_alphanumeric())
        || matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
}

/// Whether `sep` between `prev` and `next` keeps them in one word or number.
fn joins(prev: char, sep: char, next: char) -> bool {
    (is_word(prev) && is_word(next) && WORD_JOINERS.contains(&sep))
        || (is_digit(prev) && is_digit(next) && NUMBER_SEPARATORS.contains(&sep))
}

fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|rest| rest.chars().next())
}

// ---------------------------------------------------------------------------
// Segmentation into units.

/// A piece of a paragraph that is only split in an emergency.
#[derive(Debug, Clone, Copy)]
struct Unit {
    start: usize,
    end: usize,
    width: f32,
    first: char,
    /// Last character that is not a combining mark: what 行末禁則 looks at.
    last: char,
    space: bool,
    /// A single 、。，． that may hang.
    hang: bool,
    /// Ends with ZWJ or a no-break character, so the next unit is glued on.
    glue_after: bool,
    /// A break between the previous unit and this one is allowed.
    break_before: bool,
}

impl Unit {
    fn measure(text: &str, range: Range<usize>, advance: &dyn Fn(char) -> f32) -> Self {
        let mut unit = Unit {
            start: range.start,
            end: range.end,
            width: 0.0,
            first: '\0',
            last: '\0',
            space: true,
            hang: false,
            glue_after: false,
            break_before: false,
        };
        let mut count = 0;
        for c in text[range].chars() {
            if count == 0 {
                unit.first = c;
                unit.last = c;
            } else if !is_extend(c) {
                unit.last = c;
            }
            unit.width += advance(c);
            unit.space &= is_space(c);
            unit.glue_after = c == ZWJ || is_glue(c);
            count += 1;
        }
        unit.hang = count == 1 && in_table(HANGABLE, unit.first);
        unit
    }

    fn absorb(&mut self, next: &Unit) {
        self.end = next.end;
        self.width += next.width;
        if !is_extend(next.last) {
            self.last = next.last;
        }
        self.glue_after = next.glue_after;
        self.space = false;
        self.hang = false;
    }
}

/// Whether `next` must stay attached to `prev` (joiners, no-break characters,
/// a combining mark that starts its own atom after a glued piece).
fn glued(prev: &Unit, next: &Unit) -> bool {
    !prev.space && !next.space && (prev.glue_after || is_glue(next.first) || is_extend(next.first))
}

/// Cuts the paragraph `range` of `text` into units and marks where breaks are allowed.
fn segment(text: &str, range: Range<usize>, advance: &dyn Fn(char) -> f32, units: &mut Vec<Unit>) {
    units.clear();
    let paragraph = &text[..range.end];
    let mut i = range.start;
    while i < range.end {
        let j = atom_end(paragraph, i);
        let atom = Unit::measure(text, i..j, advance);
        match units.last_mut() {
            Some(prev) if glued(prev, &atom) => prev.absorb(&atom),
            _ => units.push(atom),
        }
        i = j;
    }
    mark_breaks(units);
}

/// End of the atom starting at `i`; `s` ends where the paragraph ends.
fn atom_end(s: &str, i: usize) -> usize {
    let Some(c) = char_at(s, i) else {
        return s.len();
    };
    let next = i + c.len_utf8();
    if is_space(c) {
        return run_end(s, next, is_space);
    }
    let core = if in_table(INSEPARABLE, c) {
        run_end(s, next, |d| d == c)
    } else if is_word(c) || (in_table(PREFIXES, c) && char_at(s, next).is_some_and(is_digit)) {
        word_end(s, next, c)
    } else if is_regional_indicator(c) && char_at(s, next).is_some_and(is_regional_indicator) {
        next + '\u{1F1E6}'.len_utf8()
    } else {
        next
    };
    run_end(s, core.min(s.len()), is_extend)
}

fn run_end(s: &str, mut i: usize, belongs: impl Fn(char) -> bool) -> usize {
    while let Some(c) = char_at(s, i).filter(|&c| belongs(c)) {
        i += c.len_utf8();
    }
    i
}

/// End of the word or number whose first character (`first`) ends just before `i`.
fn word_end(s: &str, mut i: usize, first: char) -> usize {
    let mut prev = first;
    while let Some(c) = char_at(s, i) {
        let after = i + c.len_utf8();
        if is_word(c) {
            prev = c;
        } else if is_extend(c) {
            // A combining mark continues the word (`café` written with U+0301).
        } else if char_at(s, after).is_some_and(|n| joins(prev, c, n)) {
            prev = c;
        } else {
            break;
        }
        i = after;
    }
    match char_at(s, i) {
        Some(c) if is_digit(prev) && in_table(POSTFIXES, c) => i + c.len_utf8(),
        _ => i,
    }
}

/// Sets `break_before` on every unit: allowed unless the unit is a space (spaces
/// stay on the previous line), starts with a 行頭禁則 character, or follows a
/// 行末禁則 character (looking back over spaces). Nothing may break before the
/// first non-space unit, so an indented paragraph keeps its indent with its text.
fn mark_breaks(units: &mut [Unit]) {
    let mut last_solid: Option<char> = None;
    for unit in units.iter_mut() {
        unit.break_before = match last_solid {
            Some(prev) => {
                !unit.space
                    && !forbidden_at_line_start(unit.first)
                    && !forbidden_at_line_end(prev)
                    && !is_extend(unit.first)
                    && !is_glue(unit.first)
            }
            None => false,
        };
        if !unit.space {
            last_solid = Some(unit.last);
        }
    }
}

/// End of the character cluster (a character, its combining marks, and
/// whatever a ZWJ joins on) starting at `pos`, not beyond `limit`.
fn cluster_end(text: &str, pos: usize, limit: usize) -> usize {
    let s = &text[..limit];
    let mut end = pos;
    let mut take_next = true;
    while let Some(c) = char_at(s, end) {
        if !(take_next || is_extend(c)) {
            break;
        }
        take_next = c == ZWJ;
        end += c.len_utf8();
    }
    end
}

// ---------------------------------------------------------------------------
// Line filling.

/// State of one `break_lines` call; `units` is reused across paragraphs so a
/// call allocates only the unit buffer and the output.
struct Breaker<'a> {
    text: &'a str,
    max_width: f32,
    advance: &'a dyn Fn(char) -> f32,
    options: BreakOptions,
    units: Vec<Unit>,
    lines: Vec<LineSpan>,
}

impl Breaker<'_> {
    fn paragraph(&mut self, range: Range<usize>) {
        if range.is_empty() {
            self.push(range, 0.0, false);
            return;
        }
        segment(self.text, range, self.advance, &mut self.units);
        let mut next = 0;
        while next < self.units.len() {
            next = self.fill_line(next);
        }
    }

    /// Fills one line starting at unit `first`, emits it and returns the first
    /// unit of the next line (always greater than `first`, or `first` with
    /// that unit shortened by an emergency split, so the loop always ends).
    fn fill_line(&mut self, first: usize) -> usize {
        // Width up to the last non-space unit, and of the spaces after it,
        // which count only if something printed follows on this line.
        let (mut solid, mut pending) = (0.0_f32, 0.0_f32);
        let mut last_break: Option<(usize, f32)> = None;
        for i in first..self.units.len() {
            let unit = self.units[i];
            if i > first && unit.break_before {
                last_break = Some((i, solid));
            }
            if unit.space {
                pending += unit.width;
                continue;
            }
            let width = solid + pending + unit.width;
            if self.fits(width) {
                solid = width;
                pending = 0.0;
                continue;
            }
            return self.overflow(first, i, (solid, pending), last_break);
        }
        let end = self.units.len();
        self.emit_units(first, end, solid, false);
        end
    }

    /// Unit `i` does not fit on the line that starts at unit `first`: hang it,
    /// push out (追い出し) to the last allowed break, or break in an emergency.
    fn overflow(
        &mut self,
        first: usize,
        i: usize,
        (solid, pending): (f32, f32),
        last_break: Option<(usize, f32)>,
    ) -> usize {
        if self.can_hang(first, i) {
            let end = self.skip_spaces(i + 1);
            self.emit_units(first, end, solid, true);
            return end;
        }
        if let Some((at, width)) = last_break {
            self.emit_units(first, at, width, false);
            return at;
        }
        // No allowed break on this line: the 禁則 chain is longer than the
        // line. Break before unit `i` if it fits on a line of its own (a 禁則
        // violation, but the width bound wins); otherwise the unit is too
        // wide anyway and is cut between characters, filling this line first.
        if self.fits(self.units[i].width) {
            self.emit_units(first, i, solid, false);
            return i;
        }
        self.split_unit(first, i, solid, pending)
    }

    /// ぶら下げ is only for one 、。，． right after printed text, and only if
    /// the line may end after it (so `。」` is pushed out instead of leaving
    /// `」` at the start of the next line).
    fn can_hang(&self, first: usize, i: usize) -> bool {
        if !self.options.hanging_punctuation || !self.units[i].hang || i == first {
            return false;
        }
        if self.units[i - 1].space {
            return false;
        }
        let next = self.skip_spaces(i + 1);
        next == self.units.len() || self.units[next].break_before
    }

    fn skip_spaces(&self, mut i: usize) -> usize {
        while i < self.units.len() && self.units[i].space {
            i += 1;
        }
        i
    }

    /// Emergency: unit `i` is wider than a whole line, so it is cut between
    /// character clusters. The current line (units `first..i`) is filled
    /// first; the tail that fits stays in `units[i]` so that the following
    /// units can share its line.
    fn split_unit(&mut self, first: usize, i: usize, solid: f32, pending: f32) -> usize {
        let unit = self.units[i];
        let mut line_start = self.units[first].start;
        let mut counted = solid + pending;
        let mut reported = solid;
        let mut pos = unit.start;
        while pos < unit.end {
            let end = cluster_end(self.text, pos, unit.end);
            let width = self.measure(pos..end);
            if line_start < pos && !self.fits(counted + width) {
                self.push(line_start..pos, reported, false);
                line_start = pos;
                counted = 0.0;
            }
            counted += width;
            reported = counted;
            pos = end;
        }
        if line_start > unit.start && self.fits(counted) {
            let first_char = char_at(self.text, line_start).unwrap_or(unit.first);
            self.units[i] = Unit {
                start: line_start,
                width: counted,
                first: first_char,
                hang: false,
                ..unit
            };
            return i;
        }
        let next = self.skip_spaces(i + 1);
        let end = self.units[next - 1].end;
        self.push(line_start..end, reported, false);
        next
    }

    /// The one width comparison. A NaN width or limit never fits, which
    /// degrades to one cluster per line instead of a loop that never ends.
    fn fits(&self, width: f32) -> bool {
        width <= self.max_width
    }

    fn measure(&self, range: Range<usize>) -> f32 {
        self.text[range].chars().map(self.advance).sum()
    }

    fn emit_units(&mut self, first: usize, end: usize, width: f32, hanging: bool) {
        let range = self.units[first].start..self.units[end - 1].end;
        self.push(range, width, hanging);
    }

    fn push(&mut self, range: Range<usize>, width: f32, hanging: bool) {
        self.lines.push(LineSpan {
            range,
            width,
            hanging,
        });
    }
}

// ---------------------------------------------------------------------------
// Independent checker.

/// Checks the soft break between `prev` and `next` (line index `line`).
fn check_boundary(prev: &str, next: &str, line: usize, found: &mut Vec<Violation>) {
    let mut add = |line: usize, rule: &'static str, character: char| {
        found.push(Violation {
            line,
            rule,
            character,
        });
    };
    if let Some(c) = next.chars().find(|&c| !is_space(c))
        && forbidden_at_line_start(c)
    {
        add(line, RULE_LINE_START, c);
    }
    if let Some(c) = prev.chars().rev().find(|&c| !is_space(c))
        && forbidden_at_line_end(c)
    {
        add(line - 1, RULE_LINE_END, c);
    }
    let mut back = prev.chars().rev();
    let (a, before_a) = (back.next(), back.next());
    let mut ahead = next.chars();
    let (b, after_b) = (ahead.next(), ahead.next());
    if let (Some(a), Some(b)) = (a, b)
        && let Some(rule) = split_rule(before_a, a, b, after_b)
    {
        add(line, rule, b);
    }
}

/// Which never-split rule, if any, a break between `a` and `b` breaks;
/// `before_a` and `after_b` are their outer neighbours.
fn split_rule(
    before_a: Option<char>,
    a: char,
    b: char,
    after_b: Option<char>,
) -> Option<&'static str> {
    if a == b && in_table(INSEPARABLE, a) {
        return Some(RULE_INSEPARABLE);
    }
    let (left, right) = if is_word(a) && is_word(b) {
        (a, b)
    } else if let Some(p) = before_a.filter(|&p| joins(p, a, b)) {
        (p, b)
    } else if let Some(n) = after_b.filter(|&n| joins(a, b, n)) {
        (a, n)
    } else if in_table(PREFIXES, a) && is_digit(b) {
        ('0', b)
    } else {
        return None;
    };
    Some(if is_digit(left) && is_digit(right) {
        RULE_NUMBER_SPLIT
    } else {
        RULE_WORD_SPLIT
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Monospace metrics from the brief: ASCII is half width, the rest full width.
    fn mono(c: char) -> f32 {
        if c.is_ascii() { 0.5 } else { 1.0 }
    }

    fn opts(hang: bool) -> BreakOptions {
        BreakOptions {
            hanging_punctuation: hang,
        }
    }

    fn wrap(text: &str, width: f32, hang: bool) -> Vec<LineSpan> {
        let spans = break_lines(text, width, &mono, opts(hang));
        assert_invariants(text, &spans, width, hang);
        spans
    }

    fn lines(text: &str, width: f32, hang: bool) -> Vec<&str> {
        wrap(text, width, hang)
            .into_iter()
            .map(|s| &text[s.range])
            .collect()
    }

    fn cluster_count(s: &str) -> usize {
        let mut count = 0;
        let mut pos = 0;
        while pos < s.len() {
            pos = cluster_end(s, pos, s.len());
            count += 1;
        }
        count
    }

    /// Round trip, widths as reported and within the limit, no empty lines.
    fn assert_invariants(text: &str, spans: &[LineSpan], max: f32, hang: bool) {
        let mut rebuilt = String::with_capacity(text.len());
        for (k, span) in spans.iter().enumerate() {
            if k > 0 && spans[k - 1].range.end != span.range.start {
                assert_eq!(&text[spans[k - 1].range.end..span.range.start], "\n");
                rebuilt.push('\n');
            }
            rebuilt.push_str(&text[span.range.clone()]);
        }
        assert_eq!(rebuilt, text, "round trip");
        let hard = spans
            .windows(2)
            .filter(|p| p[0].range.end != p[1].range.start);
        assert_eq!(
            hard.count(),
            text.matches('\n').count(),
            "one gap per hard break"
        );
        for span in spans {
            check_span(text, span, max, hang);
        }
    }

    fn check_span(text: &str, span: &LineSpan, max: f32, hang: bool) {
        let line = &text[span.range.clone()];
        if line.is_empty() {
            let at_start = span.range.start == 0 || text[..span.range.start].ends_with('\n');
            let at_end = span.range.end == text.len() || text[span.range.end..].starts_with('\n');
            assert!(at_start && at_end, "empty line inside a paragraph");
        }
        let mut printed = line.trim_end_matches(is_space);
        if span.hanging {
            assert!(hang, "hanging without the option");
            let mark = printed.chars().next_back().unwrap();
            assert!(in_table(HANGABLE, mark), "{mark} hangs");
            printed = &printed[..printed.len() - mark.len_utf8()];
        }
        let width: f32 = printed.chars().map(mono).sum();
        assert!(
            (width - span.width).abs() < 1e-3,
            "{line:?}: {width} vs {}",
            span.width
        );
        if span.width > max {
            assert!(cluster_count(printed) <= 1, "{line:?} wider than {max}");
        }
    }

    /// Deterministic xorshift64* so the property tests need no dependency.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }

        fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            items[self.below(items.len())]
        }
    }

    #[test]
    fn tables_are_sorted_for_binary_search() {
        for table in [NO_START, NO_END, PREFIXES, POSTFIXES, HANGABLE] {
            assert!(table.windows(2).all(|w| w[0] < w[1]), "{table:?}");
        }
    }

    #[test]
    fn every_forbidden_start_character_is_pushed_out() {
        let small_ext = ['ㇰ', 'ㇷ', 'ㇿ'];
        for &c in NO_START.iter().chain(&small_ext) {
            let text = format!("ああああ{c}いい");
            let got = lines(&text, 4.0, false);
            assert_eq!(got[0], "あああ", "{c}: {got:?}");
            assert!(got[1].starts_with(&format!("あ{c}")), "{c}: {got:?}");
            assert_eq!(kinsoku_violations(&got), [], "{c}");
        }
    }

    #[test]
    fn every_forbidden_end_character_is_pushed_out() {
        for &c in NO_END {
            let text = format!("あああ{c}いいいい");
            let got = lines(&text, 4.0, false);
            assert_eq!(got[0], "あああ", "{c}: {got:?}");
            assert!(got[1].starts_with(c), "{c}: {got:?}");
            assert_eq!(kinsoku_violations(&got), [], "{c}");
        }
    }

    #[test]
    fn required_classes_are_covered() {
        let start = "、。，．,.）)」』】〕〉》］]｝}！？!?：；:;・々ゝゞヽヾー…‥ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ゛゜’”ㇰㇿ";
        assert!(start.chars().all(forbidden_at_line_start));
        assert!("（(「『【〔〈《［[｛{‘“".chars().all(forbidden_at_line_end));
        assert!(!forbidden_at_line_start('あ') && !forbidden_at_line_end('あ'));
    }

    #[test]
    fn dense_punctuation_never_violates() {
        let text = "「ああ」、「いい」。（うう）ー……「ええ」！？『おお』、【かか】。";
        for tenth in 50..=200 {
            let width = tenth as f32 / 10.0;
            for hang in [false, true] {
                let spans = wrap(text, width, hang);
                assert_eq!(span_violations(text, &spans), [], "width {width}");
            }
        }
        for width in 1..5 {
            wrap(text, width as f32, false);
        }
    }

    #[test]
    fn small_kana_stay_with_their_base() {
        let text = "キャッシュのチェックインをちょっと待って。しゃっくりとジェットコースター。";
        for width in 4..30 {
            let got = lines(text, width as f32, false);
            assert_eq!(kinsoku_violations(&got), [], "width {width}: {got:?}");
        }
    }

    #[test]
    fn numbers_are_never_split() {
        let text =
            "予算は15,224千円で、そのうち(2,781千円)と2.5%と１５，２２４円と¥1,000と▲120を含む。";
        let numbers = ["15,224", "(2,781", "2.5%", "１５，２２４", "¥1,000", "▲120"];
        for width in 3..6 {
            wrap(text, width as f32, false);
        }
        // From 6 on every number fits on a line, so none may be cut.
        for width in 6..30 {
            let spans = wrap(text, width as f32, false);
            assert_eq!(span_violations(text, &spans), [], "width {width}");
            for number in numbers {
                let at = text.find(number).unwrap();
                for span in &spans[1..] {
                    let cut = span.range.start;
                    assert!(
                        cut <= at || cut >= at + number.len(),
                        "{number} cut at {width}"
                    );
                }
            }
        }
    }

    #[test]
    fn latin_words_are_split_only_when_longer_than_the_line() {
        let text = "これはmanagement planとwell-knownとdon'tの例です";
        for width in 3..20 {
            let got = lines(text, width as f32, false);
            let whole = got.iter().any(|l| l.contains("management"));
            assert_eq!(whole, width >= 5, "width {width}: {got:?}");
            if width >= 5 {
                assert_eq!(kinsoku_violations(&got), [], "width {width}");
                assert!(got.iter().any(|l| l.contains("well-known")));
                assert!(got.iter().any(|l| l.contains("don't")));
            }
        }
    }

    #[test]
    fn ellipsis_and_dash_pairs_stay_together() {
        let text = "彼は「……」と言った。「――」も同様で、‥‥や——も。";
        for width in 4..20 {
            let got = lines(text, width as f32, false);
            assert_eq!(kinsoku_violations(&got), [], "width {width}: {got:?}");
            for pair in ["「……」", "「――」", "‥‥", "——"] {
                assert!(got.iter().any(|l| l.contains(pair)), "{pair} at {width}");
            }
        }
    }

    #[test]
    fn hanging_punctuation_on_and_off() {
        let text = "ああああ、いいいい";
        assert_eq!(lines(text, 4.0, false), ["あああ", "あ、いい", "いい"]);
        let spans = wrap(text, 4.0, true);
        assert_eq!(
            spans[0],
            LineSpan {
                range: 0..15,
                width: 4.0,
                hanging: true
            }
        );
        assert_eq!(&text[spans[1].range.clone()], "いいいい");
        assert_eq!(lines("ああああ.いい", 4.0, true)[0], "ああああ.");
        assert_eq!(lines("ああああ。", 4.0, true), ["ああああ。"]);
    }

    #[test]
    fn only_one_mark_hangs_and_never_before_a_closing_bracket() {
        assert_eq!(
            lines("ああああ。」いい", 4.0, true),
            ["あああ", "あ。」い", "い"]
        );
        assert_eq!(
            lines("ああああ、、いい", 4.0, true),
            ["あああ", "あ、、い", "い"]
        );
        // A mark that fits is not hanging.
        let spans = wrap("あああ、いい", 4.0, true);
        assert!(!spans[0].hanging);
        assert_eq!(spans[0].width, 4.0);
    }

    #[test]
    fn hard_breaks_and_empty_paragraphs() {
        let text = "あいう\n\nえお\n";
        let spans = wrap(text, 10.0, false);
        let ranges: Vec<_> = spans.iter().map(|s| s.range.clone()).collect();
        assert_eq!(ranges, [0..9, 10..10, 11..17, 18..18]);
        assert_eq!(
            wrap("", 3.0, false),
            [LineSpan {
                range: 0..0,
                width: 0.0,
                hanging: false
            }]
        );
        assert_eq!(wrap("\n", 3.0, false).len(), 2);
    }

    #[test]
    fn middle_dot_starts_paragraphs_but_not_wrapped_lines() {
        let text = "・項目\n・次の項目";
        let spans = wrap(text, 10.0, false);
        assert_eq!(span_violations(text, &spans), []);
        assert_eq!(lines("ああああ・いい", 4.0, false), ["あああ", "あ・いい"]);
        assert_eq!(kinsoku_violations(&["・項目", "・次"]).len(), 1);
    }

    #[test]
    fn prolonged_sound_mark_stays_after_latin_word() {
        assert_eq!(lines("ああPDFー", 3.5, false), ["ああ", "PDFー"]);
    }

    #[test]
    fn emergency_breaks_keep_the_width() {
        let word = "abcdefghijklmnopqrstuvwxyz";
        let got = lines(word, 3.0, false);
        assert!(got.iter().all(|l| l.len() == 6 || l == &"yz"), "{got:?}");
        let chain = "あっっっっっっっっっ";
        assert!(wrap(chain, 3.0, false).iter().all(|s| s.width <= 3.0));
        let number = "1234567890123456";
        assert!(wrap(number, 2.0, false).iter().all(|s| s.width <= 2.0));
        // The tail of a split word shares its line with what follows.
        assert_eq!(
            lines("abcdefghij、あい", 2.0, false),
            ["abcd", "efgh", "ij、", "あい"]
        );
    }

    #[test]
    fn narrower_than_one_character_gives_one_per_line() {
        for width in [0.3, 0.0, -1.0, f32::NAN] {
            let got = lines("あいabc「え」", width, false);
            assert_eq!(
                got,
                ["あ", "い", "a", "b", "c", "「", "え", "」"],
                "{width}"
            );
        }
        let clusters = "e\u{301}e\u{301}👨\u{200D}👩";
        assert_eq!(lines(clusters, 0.1, false).len(), 3);
    }

    #[test]
    fn spaces_stay_at_line_end_uncounted() {
        let text = "word word word";
        let spans = wrap(text, 2.5, false);
        assert_eq!(lines(text, 2.5, false), ["word ", "word ", "word"]);
        assert!(spans.iter().all(|s| s.width == 2.0));
        let text = "あ          い";
        assert_eq!(lines(text, 2.0, false), ["あ          ", "い"]);
        // A leading 全角 indent is printed, so it counts.
        let spans = wrap("　あいうえ", 3.0, false);
        assert_eq!(spans[0].width, 3.0);
        assert_eq!(lines("あいう\r\nえ", 3.0, false), ["あいう\r", "え"]);
    }

    #[test]
    fn pure_cjk_fills_every_line() {
        let text = "福島区近年大型増加人口顕著若年層流入激古長住続方多価値観行政対需要多様化現状";
        let spans = wrap(text, 7.0, false);
        let (last, full) = spans.split_last().unwrap();
        assert!(full.iter().all(|s| s.width == 7.0));
        assert!(last.width <= 7.0);
    }

    #[test]
    fn checker_finds_planted_violations() {
        let cases: [(&[&str], usize, &str, char); 6] = [
            (&["あああ", "、いい"], 1, RULE_LINE_START, '、'),
            (&["ああ「", "いい"], 0, RULE_LINE_END, '「'),
            (&["約15,", "224人"], 1, RULE_NUMBER_SPLIT, '2'),
            (&["約15", "224人"], 1, RULE_NUMBER_SPLIT, '2'),
            (&["the manage", "ment plan"], 1, RULE_WORD_SPLIT, 'm'),
            (&["ああ", "ッいい"], 1, RULE_LINE_START, 'ッ'),
        ];
        for (input, line, rule, character) in cases {
            let found = kinsoku_violations(input);
            assert_eq!(
                found,
                [Violation {
                    line,
                    rule,
                    character
                }],
                "{input:?}"
            );
        }
        assert_eq!(
            kinsoku_violations(&["ああ、", "「いい」", "word ", "next"]),
            []
        );
        let ellipsis = kinsoku_violations(&["ああ…", "…い"]);
        let rules: Vec<_> = ellipsis.iter().map(|v| v.rule).collect();
        assert_eq!(rules, [RULE_LINE_START, RULE_INSEPARABLE]);
        assert_eq!(kinsoku_violations(&["a-", "b"])[0].rule, RULE_WORD_SPLIT);
    }

    /// Pieces that start with a character that may start a line and end with
    /// one that may end it, so a corpus built from them needs no emergency
    /// break at widths of 8 or more: any violation is the breaker's fault.
    const FRAGMENTS: &[&str] = &[
        "「ああ」、",
        "「いい」。",
        "（うう）ー……",
        "ちょっと",
        "キャッシュ",
        "チェックイン",
        "約15,224人",
        "予算(2,781千円)",
        "の「……」",
        "と「――」",
        "PDFを",
        "全体の2.5％",
        "行政。",
        "ニーズ、",
        "（注）",
        "『計画』",
        "【重要】",
        "様々な",
        "“引用”",
        "¥1,000の",
        "▲120",
        "management",
        "本当！？",
        "いすゞ",
        "項目・内容",
        "ドキュメント・フォーム",
        "あぁぃぅ",
    ];

    fn corpus_text(rng: &mut Rng) -> String {
        let mut text = String::new();
        for _ in 0..rng.below(40) {
            match rng.below(12) {
                0 => text.push(' '),
                1 => text.push('　'),
                2 => text.push('\n'),
                _ => {}
            }
            let fragment = rng.pick(FRAGMENTS);
            // Keep words and numbers from running into each other.
            if text.ends_with(|c: char| is_word(c)) && fragment.starts_with(|c: char| is_word(c)) {
                text.push('と');
            }
            text.push_str(fragment);
        }
        text
    }

    #[test]
    fn no_violations_over_generated_corpus() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..400 {
            let text = corpus_text(&mut rng);
            for width in 16..=80 {
                let width = width as f32 / 2.0;
                let hang = rng.below(2) == 0;
                let spans = wrap(&text, width, hang);
                assert_eq!(span_violations(&text, &spans), [], "{text:?} at {width}");
            }
        }
    }

    const POOL: &[&str] = &[
        "あ",
        "い",
        "漢",
        "字",
        "ア",
        "ッ",
        "ょ",
        "ー",
        "、",
        "。",
        "「",
        "」",
        "（",
        "）",
        "(",
        ")",
        "・",
        "…",
        "―",
        "a",
        "b",
        "Z",
        "1",
        "2",
        ",",
        ".",
        "-",
        "'",
        " ",
        "　",
        "\n",
        "%",
        "¥",
        "e\u{301}",
        "👨\u{200D}👩",
        "\u{A0}",
        "！",
        "々",
        "っ",
        "\r",
        "🇯🇵",
        "\u{200B}",
    ];

    #[test]
    fn round_trip_and_bounds_over_random_text() {
        let widths = [
            0.3,
            0.5,
            1.0,
            1.5,
            2.0,
            3.0,
            4.0,
            7.0,
            10.0,
            25.0,
            0.0,
            -2.0,
            f32::NAN,
        ];
        let mut rng = Rng(42);
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..rng.below(60) {
                text.push_str(rng.pick(POOL));
            }
            let width = widths[rng.below(widths.len())];
            wrap(&text, width, rng.below(2) == 0);
        }
    }

    const FUKUSHIMA: &str = "福島区は、近年大型マンションが増加し、それに伴い人口増加が顕著である。特に若年層の流入が激しく、その一方で古くから長く住み続けている方も多いため、価値観や行政に対するニーズが多様化している現状がある。";

    #[test]
    fn real_sentence_at_widths_10_to_40() {
        for width in 10..=40 {
            for hang in [false, true] {
                let spans = wrap(FUKUSHIMA, width as f32, hang);
                assert_eq!(span_violations(FUKUSHIMA, &spans), [], "width {width}");
                let (_, full) = spans.split_last().unwrap();
                // 追い出し moves at most a short chain such as 「し、」 down.
                assert!(
                    full.iter().all(|s| s.width >= width as f32 - 2.0),
                    "{width}"
                );
            }
        }
        // Width 12: 「シ」 goes down with 「ョ」, and 「く、」 goes down whole
        // unless 「、」 may hang.
        let pushed = [
            "福島区は、近年大型マン",
            "ションが増加し、それに伴",
            "い人口増加が顕著である。",
            "特に若年層の流入が激し",
            "く、その一方で古くから長",
            "く住み続けている方も多い",
            "ため、価値観や行政に対す",
            "るニーズが多様化している",
            "現状がある。",
        ];
        assert_eq!(lines(FUKUSHIMA, 12.0, false), pushed);
        let hung = wrap(FUKUSHIMA, 12.0, true);
        assert_eq!(
            &FUKUSHIMA[hung[3].range.clone()],
            "特に若年層の流入が激しく、"
        );
        assert!(hung[3].hanging && hung[3].width == 12.0);
    }

    fn paragraph_of(chars: usize) -> String {
        FUKUSHIMA.chars().cycle().take(chars).collect()
    }

    #[test]
    fn two_thousand_characters_are_fast() {
        let text = paragraph_of(2000);
        let started = std::time::Instant::now();
        let spans = break_lines(&text, 25.0, &mono, opts(true));
        let elapsed = started.elapsed();
        assert!(spans.len() > 70);
        // Generous for debug builds and a busy machine; release is far below 1 ms.
        assert!(elapsed.as_millis() < 200, "{elapsed:?}");
    }

    /// `cargo test --release -- --ignored --nocapture timing` prints the release timing.
    #[test]
    #[ignore = "timing report, run in release mode"]
    fn timing_2000_characters() {
        let text = paragraph_of(2000);
        let rounds = 2000;
        let started = std::time::Instant::now();
        let mut count = 0;
        for _ in 0..rounds {
            count += break_lines(std::hint::black_box(&text), 25.0, &mono, opts(true)).len();
        }
        let per_call = started.elapsed() / rounds;
        println!("2,000 characters: {per_call:?} per call ({count} lines total)");
        assert!(per_call.as_micros() < 1000);
    }
}
