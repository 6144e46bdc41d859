//! Segmentation of a paragraph into *clusters* (a character with its combining marks: what
//! is positioned as one) grouped into *units* (what is only split in an emergency: a Latin
//! word, a number with its unit word, a URL piece, a run of `……`, a run of spaces, or one
//! cluster), and where a break between units is allowed (禁則).

use std::ops::Range;

use super::chars::*;
use super::spacing::{self, Gap};
use super::{CharBox, Composition};

/// A character with its combining marks, as the line adjustment sees it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Cluster {
    pub start: usize,
    pub end: usize,
    /// Sum of the characters' advances (a tab's is set when the line is filled).
    pub advance: f32,
    pub class: Class,
    /// Blank inside the advance before and after the ink that composition may remove
    /// (half an em in front of 「, after 」、。; a quarter on both sides of ・).
    pub blank_start: f32,
    pub blank_end: f32,
    /// First character (a tab's width is set where the line is filled).
    pub first: char,
    /// A line may break before this cluster.
    pub break_before: bool,
    /// The spacing between the previous cluster and this one.
    pub gap: Gap,
    /// Part of a run of spaces: stays at the end of a line, uncounted there.
    pub space: bool,
    /// A single 、。，． that may hang (ぶら下げ).
    pub hang: bool,
    /// First cluster of its unit (an emergency break elsewhere splits a unit).
    pub unit_start: bool,
}

impl Cluster {
    /// Width of the ink part: the advance without the removable blanks.
    pub fn nominal(&self) -> f32 {
        self.advance - self.blank_start - self.blank_end
    }
}

/// A unit while segmenting: a byte range and what its neighbours need to know.
#[derive(Debug, Clone, Copy)]
struct Unit {
    start: usize,
    end: usize,
    first: char,
    last: char,
    chars: usize,
    space: bool,
    glue_after: bool,
    /// A later piece of a URL: breakable before, but spaced as the inside of a word.
    url_piece: bool,
    /// Starts or ends with Latin text (和欧間 on that side).
    latin_start: bool,
    latin_end: bool,
}

impl Unit {
    fn new(text: &str, range: Range<usize>) -> Self {
        let mut unit = Unit {
            start: range.start,
            end: range.end,
            first: '\0',
            last: '\0',
            chars: 0,
            space: true,
            glue_after: false,
            url_piece: false,
            latin_start: false,
            latin_end: false,
        };
        for c in text[range].chars() {
            if unit.chars == 0 {
                unit.first = c;
                unit.last = c;
            } else if !is_extend(c) {
                unit.last = c;
            }
            unit.space &= is_space(c);
            unit.glue_after = c == ZWJ || is_glue(c);
            unit.chars += 1;
        }
        let signed = unit.chars > 1;
        unit.latin_start = is_western(unit.first) || (signed && in_table(PREFIXES, unit.first));
        unit.latin_end = is_western(unit.last) || (signed && in_table(POSTFIXES, unit.last));
        unit
    }

    fn absorb(&mut self, next: &Unit) {
        self.end = next.end;
        if !is_extend(next.last) {
            self.last = next.last;
        }
        self.chars += next.chars;
        self.glue_after = next.glue_after;
        self.space = false;
        self.latin_end = next.latin_end;
    }
}

/// Whether `next` must stay attached to `prev` (joiners, no-break characters,
/// a combining mark that starts its own atom after a glued piece).
fn glued(prev: &Unit, next: &Unit) -> bool {
    !prev.space && !next.space && (prev.glue_after || is_glue(next.first) || is_extend(next.first))
}

/// Cuts the paragraph `range` of `text` into clusters, with their spacing and where breaks
/// are allowed. `em` is the font size in the width unit.
pub(super) fn segment(
    text: &str,
    range: Range<usize>,
    measure: &dyn Fn(char) -> CharBox,
    composition: Option<&Composition>,
    em: f32,
    clusters: &mut Vec<Cluster>,
    unit_buffer: &mut UnitBuffer,
) {
    let units = &mut unit_buffer.0;
    find_units(text, range, units);
    clusters.clear();
    let mut last_solid: Option<char> = None;
    let mut prev_unit: Option<&Unit> = None;
    for unit in units.iter() {
        let break_before = match last_solid {
            Some(prev) => {
                !unit.space
                    && (unit.url_piece
                        || (!forbidden_at_line_start(unit.first) && !forbidden_at_line_end(prev)))
                    && !is_extend(unit.first)
                    && !is_glue(unit.first)
            }
            None => false,
        };
        if !unit.space {
            last_solid = Some(unit.last);
        }
        let mut pos = unit.start;
        while pos < unit.end {
            let end = cluster_end(text, pos, unit.end);
            let mut cluster = measure_cluster(text, pos..end, measure, composition, em);
            cluster.space = unit.space;
            cluster.hang = unit.chars == 1 && in_table(HANGABLE, cluster.first);
            if pos == unit.start {
                cluster.unit_start = true;
                cluster.break_before = break_before;
                if let (Some(prev), Some(before), Some(c)) =
                    (prev_unit, clusters.last(), composition)
                {
                    let boundary = spacing::Boundary {
                        latin_before: prev.latin_end,
                        latin_after: unit.latin_start,
                        inside_word: unit.url_piece,
                        breakable: break_before,
                    };
                    cluster.gap = spacing::gap(before, &cluster, boundary, c, em);
                }
            }
            clusters.push(cluster);
            pos = end;
        }
        prev_unit = Some(unit);
    }
}

fn measure_cluster(
    text: &str,
    range: Range<usize>,
    measure: &dyn Fn(char) -> CharBox,
    composition: Option<&Composition>,
    em: f32,
) -> Cluster {
    let s = &text[range.clone()];
    let first = s.chars().next().unwrap_or(' ');
    // Nearly every cluster is one character: its box is kept, the others only summed (no
    // Vec per cluster; the sum runs in the same order, so the widths are the same bits).
    let (mut advance, mut count, mut last_box) = (0.0_f32, 0_usize, None);
    for c in s.chars() {
        let b = measure(c);
        advance += b.advance;
        count += 1;
        last_box = Some(b);
    }
    let full_width = composition.is_some() && em > 0.0 && advance >= 0.75 * em;
    let class = Class::of(first, full_width);
    let (blank_start, blank_end) = match (composition, last_box) {
        (Some(_), Some(b)) if count == 1 => (
            (class.nominal_blank_start() * em).min(b.free_start.max(0.0)),
            (class.nominal_blank_end() * em).min(b.free_end.max(0.0)),
        ),
        _ => (0.0, 0.0),
    };
    Cluster {
        start: range.start,
        end: range.end,
        advance,
        class,
        blank_start,
        blank_end,
        first,
        break_before: false,
        gap: Gap::default(),
        space: false,
        hang: false,
        unit_start: false,
    }
}

/// Room for a paragraph's units, kept from one paragraph to the next (and across calls, by
/// the composer's per-thread scratch) so segmenting allocates nothing once it is warm.
#[derive(Debug, Default)]
pub(super) struct UnitBuffer(Vec<Unit>);

impl UnitBuffer {
    /// How many units it has room for.
    pub fn capacity(&self) -> usize {
        self.0.capacity()
    }
}

/// The units of a paragraph, in order, into `units` (cleared first).
fn find_units(text: &str, range: Range<usize>, units: &mut Vec<Unit>) {
    units.clear();
    let paragraph = &text[..range.end];
    let mut i = range.start;
    while i < range.end {
        // The URL's own test first: it fails at the first byte for nearly every atom, and
        // looking at the character before costs a backwards decode.
        let url = match url_len(&paragraph[i..]) {
            len if len > 0 && starts_token(paragraph, i) => len,
            _ => 0,
        };
        if url > 0 {
            push_url(text, i..i + url, units);
            i += url;
            continue;
        }
        let j = atom_end(paragraph, i);
        let atom = Unit::new(text, i..j);
        match units.last_mut() {
            Some(prev) if glued(prev, &atom) => prev.absorb(&atom),
            _ => units.push(atom),
        }
        i = j;
    }
}

/// A URL starts a token: not in the middle of a word (`xhttp://`).
fn starts_token(s: &str, i: usize) -> bool {
    !s[..i].chars().next_back().is_some_and(is_word)
}

/// A URL as units that end after `/` `.` `-` `?` `&` (a run of them stays whole, so `://`
/// never breaks), each later one a piece that continues the word.
fn push_url(text: &str, range: Range<usize>, units: &mut Vec<Unit>) {
    let url = &text[range.clone()];
    let mut piece_start = 0;
    let mut chars = url.char_indices().peekable();
    while let Some((k, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let ends_piece =
            in_table(URL_BREAK_AFTER, c) && next.is_some_and(|n| !in_table(URL_BREAK_AFTER, n));
        if ends_piece || next.is_none() {
            let end = k + c.len_utf8();
            let mut unit = Unit::new(text, range.start + piece_start..range.start + end);
            unit.url_piece = piece_start > 0;
            unit.latin_start = true;
            unit.latin_end = true;
            units.push(unit);
            piece_start = end;
        }
    }
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

/// End of the word or number whose first character (`first`) ends just before `i`. A
/// number takes its postfix sign (`2.5%`) or its unit word (`2,781千円`) along.
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
    if !is_digit(prev) {
        return i;
    }
    match char_at(s, i) {
        Some(c) if in_table(POSTFIXES, c) => i + c.len_utf8(),
        _ => i + unit_word(&s[i..]).map_or(0, str::len),
    }
}

/// End of the grapheme cluster (UAX #29, extended: a character with its combining marks,
/// an emoji ZWJ sequence, a flag, a Hangul syllable of jamo) starting at `pos`, not beyond
/// `limit`.
pub(super) fn cluster_end(text: &str, pos: usize, limit: usize) -> usize {
    let rest = text.get(pos..limit).unwrap_or("");
    // A plain base (漢字, kana, Latin; not CR, Hangul, a flag) not followed by an extending
    // character is a cluster of its own: no need to ask the segmenter.
    let mut chars = rest.chars();
    if let Some(c) = chars.next()
        && is_plain_base(c)
        && chars.next().is_none_or(|next| !is_extend(next))
    {
        return pos + c.len_utf8();
    }
    let cluster = unicode_segmentation::UnicodeSegmentation::graphemes(rest, true).next();
    pos + cluster.map_or(rest.len(), str::len)
}

/// True for characters that must not start a wrapped line (行頭禁則).
pub fn forbidden_at_line_start(c: char) -> bool {
    in_table(NO_START, c) || ('\u{31F0}'..='\u{31FF}').contains(&c)
}

/// True for characters that must not end a wrapped line (行末禁則).
pub fn forbidden_at_line_end(c: char) -> bool {
    in_table(NO_END, c)
}
