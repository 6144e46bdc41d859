//! Japanese line breaking with strict 禁則処理 (JIS X 4051) and JLREQ composition.
//!
//! Form cells in the management-plan templates have a fixed width, and a wrapped line that
//! starts with 「、」 or ends with 「（」 reads as a typesetting error to the people who review
//! the printed plan; so does a ragged right edge or a two-em hole in `、「`. This module wraps
//! text greedily, resolves every 禁則 conflict, and sets each line as JLREQ asks (with
//! [`Composition`]): 約物の詰め, 和欧間, 天付き, 両端揃え. Nothing is ever inserted or dropped:
//! a line is a byte range into the input plus where each of its characters goes, so the
//! renderer prints exactly what the author wrote.
//!
//! The model, in four steps:
//! 1. The text is cut into paragraphs at `'\n'` (hard breaks).
//! 2. Each paragraph is cut into *units*, pieces that are only split in an emergency: a
//!    Latin word (`management`, `don't`, `e.g`), a number with its sign or unit word
//!    (`15,224`, `2.5%`, `¥1,000`, `▲120`, `2,781千円`: 分離禁止), a piece of a URL (a URL
//!    breaks only after `/ . - ? &`), a run of `……`, `‥‥`, `――` or `——`, a run of spaces,
//!    or one character with its combining marks. A break between two units is *allowed*
//!    unless it would put a 行頭禁則 character at the start of a line or a 行末禁則
//!    character at the end.
//! 3. Lines are filled greedily. A justified line takes a unit when it still fits with all
//!    its reducible spacing reduced (追い込み first: JLREQ 3.8.2 prefers reduction whenever
//!    a line has some); a ragged line only at natural spacing. When a unit does not fit, the
//!    line ends at the last allowed break (追い出し), unless the unit is a single 、。，．
//!    that may hang. Only a line with no allowed break at all gets an emergency break, so
//!    the width bound always holds.
//! 4. Each line is set (`spacing`): reduced to the measure if it only fits reduced,
//!    expanded to it when justified (not the last line of a paragraph).
//!
//! Without [`Composition`] (the spreadsheet's view: Excel wraps at the font's advances) every
//! character keeps its advance and lines are ragged.
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
//!   one unit just like `15,224`; they are set like kanji (no 和欧間).
//! - `'\r'`, `'\t'` and U+200B are treated like spaces: kept in the range, never
//!   counted when trailing, never at the start of a wrapped line. A tab advances to the
//!   next em (a tab stop every em from the line's start).
//! - The blank after 」、。 at a line end is kept (the line reads as full), but it is the
//!   first thing reduced when a line must shrink: it is invisible there.

mod chars;
mod spacing;
mod units;

use std::cell::Cell;
use std::ops::Range;

pub use chars::{Class, is_invisible};
pub use units::{forbidden_at_line_end, forbidden_at_line_start};

use chars::*;
use spacing::{LineRef, Placement, adjust_line, lead};
use units::{Cluster, UnitBuffer, segment};

/// Options from the template.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct BreakOptions {
    /// ぶら下げ: let 、。，． hang past the right edge instead of being pushed to the next line.
    pub hanging_punctuation: bool,
    /// JLREQ composition; `None` sets every character at its advance (as a spreadsheet
    /// application does).
    pub composition: Option<Composition>,
}

/// How lines are set (JLREQ), from the template.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Composition {
    /// 両端揃え: every line but a paragraph's last is set flush to the measure; off keeps
    /// the right edge ragged (punctuation is still set tight).
    pub justify: bool,
    /// 和欧間: space between Japanese and Latin text, in em (¼; 0 for none).
    pub latin_gap_em: f32,
    /// Keep the half em before 「（ at the start of a wrapped line; off sets it flush (天付き).
    pub indent_line_start_bracket: bool,
}

impl Default for Composition {
    fn default() -> Self {
        Composition {
            justify: true,
            latin_gap_em: 0.25,
            indent_line_start_bracket: false,
        }
    }
}

/// What the breaker needs to know of a character's glyph, in the width unit.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct CharBox {
    /// Advance width.
    pub advance: f32,
    /// Ink-free space at the start and at the end of the advance (from the glyph's bounding
    /// box): how much of a bracket's half-em blank is really blank.
    pub free_start: f32,
    /// Ink-free space at the end of the advance.
    pub free_end: f32,
}

impl CharBox {
    /// A glyph whose ink fills its advance (nothing to remove).
    pub fn solid(advance: f32) -> Self {
        CharBox {
            advance,
            free_start: 0.0,
            free_end: 0.0,
        }
    }
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

/// A line as set: its characters and where each goes.
#[derive(Debug, Clone, PartialEq)]
pub struct ComposedLine {
    /// Byte range in the input, as [`LineSpan::range`].
    pub range: Range<usize>,
    /// Width as set, from the line's start to the end of its last printed character (a
    /// hanging mark and trailing spaces not counted): the measure for a justified line.
    pub width: f32,
    /// True when the last character hangs past the right edge (ぶら下げ).
    pub hanging: bool,
    /// The last line of its paragraph (before a hard break or the end): set flush left.
    pub last_in_paragraph: bool,
    /// One entry per character of `text[range]`.
    pub chars: Vec<PlacedChar>,
}

/// Where one character goes, relative to the line's start.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlacedChar {
    /// Origin of the glyph (a 天付き 「 starts half an em before the line).
    pub x: f32,
    /// Distance to the next character's origin (the last printed one: to the line's end).
    pub advance: f32,
    /// Where its ink may be: its advance without the blanks composition removed.
    pub ink: (f32, f32),
}

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
/// still print something a person can see and fix. Every character keeps its advance
/// (`options.composition` is not applied: use [`compose`] for that).
pub fn break_lines(
    text: &str,
    max_width: f32,
    advance: &dyn Fn(char) -> f32,
    options: BreakOptions,
) -> Vec<LineSpan> {
    let plain = BreakOptions {
        composition: None,
        ..options
    };
    compose(text, max_width, 0.0, &|c| CharBox::solid(advance(c)), plain)
        .into_iter()
        .map(|line| LineSpan {
            range: line.range,
            width: line.width,
            hanging: line.hanging,
        })
        .collect()
}

/// Breaks and sets `text` (as [`break_lines`]) with JLREQ composition when
/// `options.composition` is given. `em` is the font size in the width unit.
pub fn compose(
    text: &str,
    max_width: f32,
    em: f32,
    measure: &dyn Fn(char) -> CharBox,
    options: BreakOptions,
) -> Vec<ComposedLine> {
    Breaker::new(text, max_width, em, measure, options, true).run()
}

/// The lines [`compose`] sets, without where each character goes (every `chars` is empty):
/// for a layout that is measured and never drawn (the workbook's row heights and page breaks).
pub fn compose_unplaced(
    text: &str,
    max_width: f32,
    em: f32,
    measure: &dyn Fn(char) -> CharBox,
    options: BreakOptions,
) -> Vec<ComposedLine> {
    Breaker::new(text, max_width, em, measure, options, false).run()
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
/// A number was split from its unit word (`2,781` | `千円`).
pub const RULE_UNIT_SPLIT: &str = "unit-split";

/// Checks already-broken lines (the printed text of each line) against the strict 禁則 rules.
///
/// Every boundary between two lines is treated as a soft (wrapped) break, so
/// pass the lines of one paragraph, or use [`span_violations`], which knows
/// where the hard breaks are. Leading and trailing spaces are skipped for the
/// line-start and line-end rules. The checks are written pairwise, apart
/// from the breaker's unit logic, so they catch the breaker's mistakes.
pub fn kinsoku_violations(lines: &[&str]) -> Vec<Violation> {
    let mut found = Vec::new();
    let mut url = String::new();
    for (k, pair) in lines.windows(2).enumerate() {
        check_boundary(pair[0], pair[1], k + 1, &mut url, &mut found);
    }
    found
}

/// Like [`kinsoku_violations`], for the output of [`break_lines`]: boundaries
/// at a `'\n'` are hard breaks and exempt (a paragraph may start with `・`).
pub fn span_violations(text: &str, spans: &[LineSpan]) -> Vec<Violation> {
    let mut found = Vec::new();
    let mut url = String::new();
    for (k, pair) in spans.windows(2).enumerate() {
        if pair[0].range.end != pair[1].range.start {
            url.clear();
            continue;
        }
        let prev = text.get(pair[0].range.clone()).unwrap_or("");
        let next = text.get(pair[1].range.clone()).unwrap_or("");
        check_boundary(prev, next, k + 1, &mut url, &mut found);
    }
    found
}

// ---------------------------------------------------------------------------
// Line filling.

/// State of one `compose` call.
struct Breaker<'a> {
    text: &'a str,
    max_width: f32,
    em: f32,
    measure: &'a dyn Fn(char) -> CharBox,
    options: BreakOptions,
    /// Whether lines get their characters' positions (`ComposedLine::chars`).
    places_chars: bool,
    scratch: Scratch,
    lines: Vec<ComposedLine>,
}

/// The composer's working buffers. A plan is thousands of short compose calls (a cell, a
/// label, a list item each), so the buffers outlive the call: each thread keeps its own
/// ([`SCRATCH`]) and composing allocates only the lines it returns.
#[derive(Debug, Default)]
struct Scratch {
    clusters: Vec<Cluster>,
    units: UnitBuffer,
    /// The lines of the paragraph being filled.
    refs: Vec<LineRef>,
    /// Per cluster of the line being set, the change of the gap before it.
    adjust: Vec<f32>,
}

impl Scratch {
    /// Paragraphs up to this many clusters keep their buffers for the next call; a longer
    /// one's are freed, so one huge paragraph (a hostile upload to `unei serve`) does not
    /// pin its memory in a worker thread for good.
    const KEPT_CLUSTERS: usize = 4096;

    /// The buffers worth keeping: all of them, or none after an oversized paragraph.
    fn kept(self) -> Scratch {
        if self.capacity() > Self::KEPT_CLUSTERS {
            Scratch::default()
        } else {
            self
        }
    }

    /// The largest number of entries any buffer has room for.
    fn capacity(&self) -> usize {
        [
            self.clusters.capacity(),
            self.units.capacity(),
            self.refs.capacity(),
            self.adjust.capacity(),
        ]
        .into_iter()
        .max()
        .unwrap_or(0)
    }
}

thread_local! {
    /// Taken by a compose call and put back when it ends (a `Cell`: a measure callback that
    /// composed in turn would find it empty and start its own, not fail).
    static SCRATCH: Cell<Scratch> = Cell::new(Scratch::default());
}

impl<'a> Breaker<'a> {
    fn new(
        text: &'a str,
        max_width: f32,
        em: f32,
        measure: &'a dyn Fn(char) -> CharBox,
        options: BreakOptions,
        places_chars: bool,
    ) -> Self {
        Breaker {
            text,
            max_width,
            em,
            measure,
            options,
            places_chars,
            scratch: SCRATCH.take(),
            lines: Vec::new(),
        }
    }

    /// Every paragraph's lines, in order.
    fn run(mut self) -> Vec<ComposedLine> {
        let mut start = 0;
        for paragraph in self.text.split('\n') {
            let end = start + paragraph.len();
            self.paragraph(start..end);
            start = end + 1;
        }
        SCRATCH.set(self.scratch.kept());
        self.lines
    }

    fn paragraph(&mut self, range: Range<usize>) {
        if range.is_empty() {
            self.lines.push(ComposedLine {
                range,
                width: 0.0,
                hanging: false,
                last_in_paragraph: true,
                chars: Vec::new(),
            });
            return;
        }
        let composition = self.options.composition;
        let Scratch {
            clusters, units, ..
        } = &mut self.scratch;
        segment(
            self.text,
            range,
            self.measure,
            composition.as_ref(),
            self.em,
            clusters,
            units,
        );
        let mut refs = std::mem::take(&mut self.scratch.refs);
        refs.clear();
        let mut next = 0;
        while next < self.scratch.clusters.len() {
            let (end, hanging) = self.fill_line(next);
            refs.push(LineRef {
                start: next,
                end,
                hanging,
                wrapped: next > 0,
                last: end == self.scratch.clusters.len(),
            });
            next = end;
        }
        for &line in &refs {
            self.emit(line);
        }
        self.scratch.refs = refs;
    }

    fn composition(&self) -> Option<&Composition> {
        self.options.composition.as_ref()
    }

    /// Fills one line starting at cluster `first`; returns the end of the line (always
    /// greater than `first`) and whether its last mark hangs.
    fn fill_line(&mut self, first: usize) -> (usize, bool) {
        // Width to the end of the last printed cluster's ink, and of the spaces after it,
        // which count only if something printed follows on this line; with the spacing
        // reduction each could still give.
        let (mut solid, mut pending) = (0.0_f32, 0.0_f32);
        let (mut shrink, mut pending_shrink) = (0.0_f32, 0.0_f32);
        let mut printed_before = false;
        let mut last_break: Option<usize> = None;
        for k in first..self.scratch.clusters.len() {
            let cluster = self.scratch.clusters[k];
            if k > first && cluster.break_before {
                last_break = Some(k);
            }
            let (gap, gap_shrink) = if k == first {
                (lead(&cluster, first > 0, self.composition()), 0.0)
            } else {
                (cluster.gap.natural, self.gap_shrink(k, printed_before))
            };
            let x = solid + pending + gap;
            if cluster.space {
                let width = self.space_width(k, x);
                pending += gap + width;
                pending_shrink += gap_shrink;
                continue;
            }
            let width = x + cluster.nominal();
            let reducible = shrink + pending_shrink + gap_shrink;
            if self.fits(width + cluster.blank_end - reducible - self.end_shrink(&cluster)) {
                (solid, shrink) = (width, reducible);
                (pending, pending_shrink) = (0.0, 0.0);
                printed_before = true;
                continue;
            }
            return self.overflow(first, k, last_break);
        }
        (self.scratch.clusters.len(), false)
    }

    /// Whether lines are adjusted (reduced to take one more unit in, expanded to the
    /// measure): with justification only; ragged lines keep their natural spacing.
    fn adjusts(&self) -> bool {
        self.composition().is_some_and(|c| c.justify)
    }

    /// Reducible spacing in the gap before cluster `k`.
    fn gap_shrink(&self, k: usize, printed_before: bool) -> f32 {
        if !self.adjusts() {
            return 0.0;
        }
        let gap = &self.scratch.clusters[k].gap;
        let prev = &self.scratch.clusters[k - 1];
        let word = if prev.class == Class::Space && printed_before {
            (prev.advance - 0.25 * self.em).max(0.0)
        } else {
            0.0
        };
        gap.shrink_middle + gap.shrink_bracket + gap.shrink_latin + word
    }

    /// The blank after a line's last mark that reduction may remove.
    fn end_shrink(&self, cluster: &Cluster) -> f32 {
        let removable =
            cluster.class.ends_sentence_or_phrase() || cluster.class == Class::MiddleDot;
        if self.adjusts() && removable {
            cluster.blank_end
        } else {
            0.0
        }
    }

    /// Width of space cluster `k` starting at `x` from the line's start: a tab advances to
    /// the next em (or by its advance without composition).
    fn space_width(&mut self, k: usize, x: f32) -> f32 {
        let cluster = &mut self.scratch.clusters[k];
        if cluster.first == '\t' && self.options.composition.is_some() && self.em > 0.0 {
            let to_stop = self.em - x.rem_euclid(self.em);
            cluster.advance = if to_stop < 0.01 * self.em {
                self.em
            } else {
                to_stop
            };
        }
        cluster.advance
    }

    /// Cluster `k` does not fit on the line that starts at cluster `first`: hang it, push
    /// out (追い出し) to the last allowed break, or break in an emergency.
    fn overflow(&self, first: usize, k: usize, last_break: Option<usize>) -> (usize, bool) {
        if self.can_hang(first, k) {
            return (self.skip_spaces(k + 1), true);
        }
        if let Some(at) = last_break {
            return (at, false);
        }
        // No allowed break on this line: the 禁則 chain is longer than the line. Break
        // before the unit holding `k` if it fits on a line of its own (a 禁則 violation,
        // but the width bound wins); otherwise the unit is too wide anyway and is cut
        // between clusters, filling this line first.
        let unit = (first..=k)
            .rev()
            .find(|&i| self.scratch.clusters[i].unit_start)
            .unwrap_or(first);
        if unit > first && self.fits_alone(unit) {
            return (unit, false);
        }
        if k > first {
            return (k, false);
        }
        (self.skip_spaces(k + 1), false)
    }

    /// Whether the unit starting at cluster `unit` fits on a wrapped line of its own.
    fn fits_alone(&self, unit: usize) -> bool {
        let end = (unit + 1..self.scratch.clusters.len())
            .find(|&i| self.scratch.clusters[i].unit_start)
            .unwrap_or(self.scratch.clusters.len());
        let clusters = &self.scratch.clusters[unit..end];
        let Some(last) = clusters.last() else {
            return true;
        };
        let width = lead(&clusters[0], true, self.composition())
            + clusters.iter().map(Cluster::nominal).sum::<f32>()
            + last.blank_end
            - self.end_shrink(last);
        self.fits(width)
    }

    /// ぶら下げ is only for one 、。，． right after printed text, and only if
    /// the line may end after it (so `。」` is pushed out instead of leaving
    /// `」` at the start of the next line).
    fn can_hang(&self, first: usize, k: usize) -> bool {
        if !self.options.hanging_punctuation || !self.scratch.clusters[k].hang || k == first {
            return false;
        }
        if self.scratch.clusters[k - 1].space {
            return false;
        }
        let next = self.skip_spaces(k + 1);
        next == self.scratch.clusters.len() || self.scratch.clusters[next].break_before
    }

    fn skip_spaces(&self, mut k: usize) -> usize {
        while k < self.scratch.clusters.len() && self.scratch.clusters[k].space {
            k += 1;
        }
        k
    }

    /// The one width comparison (with a little room for rounding in sums of spacing). A
    /// NaN width or limit never fits, which degrades to one cluster per line instead of a
    /// loop that never ends.
    fn fits(&self, width: f32) -> bool {
        width <= self.max_width + 1e-4
    }

    /// Sets line `line` and adds it to the output, one entry per character (none when
    /// characters are not placed: then only the line's width is worked out).
    fn emit(&mut self, line: LineRef) {
        let set = adjust_line(
            &self.scratch.clusters,
            line,
            self.max_width,
            self.options.composition.as_ref(),
            self.em,
            &mut self.scratch.adjust,
        );
        let (width, placement) = if self.places_chars {
            let placement = set.place();
            (placement.width, Some(placement))
        } else {
            (set.width(), None)
        };
        let chars = placement.map_or_else(Vec::new, |p| self.per_char(line, &p));
        let range =
            self.scratch.clusters[line.start].start..self.scratch.clusters[line.end - 1].end;
        self.lines.push(ComposedLine {
            range,
            width,
            hanging: line.hanging,
            last_in_paragraph: line.last,
            chars,
        });
    }

    /// Spreads cluster placements over their characters: combining marks follow their base
    /// at their own advances, the last one taking what is left of the cluster's.
    fn per_char(&self, line: LineRef, placement: &Placement) -> Vec<PlacedChar> {
        // Most clusters are one character: room for them all, grown rarely.
        let mut chars = Vec::with_capacity(line.end - line.start);
        for (i, cluster) in self.scratch.clusters[line.start..line.end]
            .iter()
            .enumerate()
        {
            let (origin, advance, ink) =
                (placement.origin[i], placement.advance[i], placement.ink[i]);
            let text = &self.text[cluster.start..cluster.end];
            let count = text.chars().count();
            let mut x = origin;
            for (n, c) in text.chars().enumerate() {
                let own = if count == 1 {
                    advance
                } else {
                    (self.measure)(c).advance
                };
                let own = if n + 1 == count {
                    origin + advance - x
                } else {
                    own
                };
                chars.push(PlacedChar {
                    x,
                    advance: own,
                    ink,
                });
                x += own;
            }
        }
        chars
    }
}

// ---------------------------------------------------------------------------
// Independent checker.

/// Checks the soft break between `prev` and `next` (line index `line`). `url` holds the
/// part of a URL that earlier lines ended with (a URL may span several lines).
fn check_boundary(
    prev: &str,
    next: &str,
    line: usize,
    url: &mut String,
    found: &mut Vec<Violation>,
) {
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
    if url_break(prev, next, url) {
        return;
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
    if let Some(a) = a
        && is_digit(a)
        && unit_word(next).is_some()
    {
        add(line, RULE_UNIT_SPLIT, next.chars().next().unwrap_or(a));
    }
}

/// A break inside a URL right after `/ . - ? &`: where a URL may break. `url` carries the
/// URL's text from earlier lines and is updated for the next boundary.
fn url_break(prev: &str, next: &str, url: &mut String) -> bool {
    let token_start = prev
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_url_char(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    if token_start > 0 {
        url.clear();
    }
    url.push_str(&prev[token_start..]);
    let ends_at_break = url
        .chars()
        .last()
        .is_some_and(|c| in_table(URL_BREAK_AFTER, c));
    let continues = next.chars().next().is_some_and(is_url_char);
    // The URL may start inside the token (`2.5%https://…`), as the breaker finds it.
    let starts = ["https://", "http://", "www."]
        .iter()
        .filter_map(|p| url.find(p))
        .min();
    let inside = ends_at_break && continues && starts.is_some_and(|i| url_len(&url[i..]) > 0);
    if !inside {
        url.clear();
    }
    inside
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
mod composition_tests;
#[cfg(test)]
mod tests;
