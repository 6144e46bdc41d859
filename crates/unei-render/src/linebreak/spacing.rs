//! Spacing between characters (JLREQ 3.1.2–3.1.6, 3.2) and line adjustment (JLREQ 3.8).
//!
//! Every full-em punctuation mark is seen as its ink (half an em; ・ a half em in the middle)
//! plus blanks inside its body: half an em before 「（, after 」）、。, a quarter on both sides
//! of ・：；. Between two clusters the JLREQ gives a *gap*: the blanks of consecutive marks
//! merge (`、「` is 1.5 em, not 2; `」」` 1 em), and ¼ em of 和欧間 separates Japanese from
//! Latin text. A gap has a natural amount, parts that may be reduced (by priority) and a
//! kind of expansion. [`adjust_line`] then adjusts one justified line to its measure (a ragged
//! line keeps its natural spacing):
//! - reduction (a line that only fits by 追い込み), in this order: the blank after 」、。 at
//!   the line end (invisible there, so it goes first), word spaces down to ¼ em, the blank
//!   after ・ at the line end, the quarters around ・, the halves before 「 and after 」、 (to
//!   solid), 和欧間 down to ⅛ em. The half em after 。 inside a line is never reduced.
//! - expansion (justification, not on a paragraph's last line), in this order: word spaces
//!   (+¼ em each), 和欧間 (up to ½ em), gaps between characters where a line may break (+¼
//!   em, never after 「 or before 」、。, never around ・ or ！？ or a space), then all of
//!   those alike without limit, and only when a line has none of them, every gap (letters of
//!   a word, the inside of a number).

use super::Composition;
use super::chars::Class;
use super::units::Cluster;

/// The spacing between two clusters, in the width unit.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct Gap {
    /// Amount added between the ink of the two clusters.
    pub natural: f32,
    /// Reducible part that belongs to a middle dot (・：；).
    pub shrink_middle: f32,
    /// Reducible half em before an opening or after a closing bracket or a comma.
    pub shrink_bracket: f32,
    /// Reducible half of 和欧間.
    pub shrink_latin: f32,
    pub stretch: Stretch,
}

/// How a gap may widen when a line is justified.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) enum Stretch {
    /// Inside a word, a number or a URL: only when the line has no other gap.
    #[default]
    Inside,
    /// Never before the last resort: after 「, before 」、。, around ・ or a space.
    Fixed,
    /// 和欧間.
    Latin,
    /// Between two characters where a line may break.
    Between,
}

/// What segmentation knows about a unit boundary.
#[derive(Debug, Clone, Copy)]
pub(super) struct Boundary {
    /// The unit before ends with Latin text, the unit after starts with it.
    pub latin_before: bool,
    pub latin_after: bool,
    /// Both sides belong to one word (a URL broken into pieces).
    pub inside_word: bool,
    /// A line may break here.
    pub breakable: bool,
}

/// The gap between `prev` and `next` at a unit boundary.
pub(super) fn gap(
    prev: &Cluster,
    next: &Cluster,
    boundary: Boundary,
    composition: &Composition,
    em: f32,
) -> Gap {
    let (fixed, middle, bracket) =
        punctuation_aki(prev.class, prev.blank_end, next.class, next.blank_start);
    let mut gap = Gap {
        natural: fixed + middle + bracket,
        shrink_middle: middle,
        shrink_bracket: bracket,
        ..Gap::default()
    };
    let japanese = |c: &Cluster| c.class == Class::Japanese;
    let latin_gap = !boundary.inside_word
        && ((boundary.latin_after && japanese(prev) && !japanese(next))
            || (boundary.latin_before && japanese(next) && !japanese(prev)));
    let quarter = composition.latin_gap_em * em;
    gap.stretch = if latin_gap && quarter > 0.0 {
        gap.natural += quarter;
        gap.shrink_latin = quarter / 2.0;
        Stretch::Latin
    } else if boundary.inside_word {
        Stretch::Inside
    } else if boundary.breakable && expandable(prev.class, next.class) {
        Stretch::Between
    } else {
        Stretch::Fixed
    };
    gap
}

/// Spacing between two adjacent marks from their blanks (JLREQ 3.1.4), as (fixed, middle dot
/// part, reducible bracket part). `pb` is the blank after `p`, `nb` the blank before `n`.
pub(super) fn punctuation_aki(p: Class, pb: f32, n: Class, nb: f32) -> (f32, f32, f32) {
    use Class::*;
    let closes = |c: Class| matches!(c, Closing | Comma | FullStop);
    match (p, n) {
        // 「「 and 」」、」。」」、: set solid, the blank stays outside the pair.
        (Opening, Opening) => (0.0, 0.0, 0.0),
        (MiddleDot, m) if closes(m) => (0.0, pb, 0.0),
        (_, m) if closes(m) => (0.0, 0.0, 0.0),
        // 」「 and 、「: one half em between them.
        (Closing | Comma, Opening) => (0.0, 0.0, pb.max(nb)),
        (FullStop, Opening) => (pb, 0.0, (nb - pb).max(0.0)),
        // 」・ and ・「: the quarter of the middle dot only; 、・ and 。・ the sum.
        (Closing, MiddleDot) => (0.0, nb, 0.0),
        (Comma, MiddleDot) => (0.0, nb, pb),
        (FullStop, MiddleDot) => (pb, nb, 0.0),
        (MiddleDot, Opening) => (0.0, pb, 0.0),
        (MiddleDot, _) => (0.0, pb + nb, 0.0),
        (Closing | Comma, _) => (0.0, 0.0, pb),
        (FullStop, _) => (pb, 0.0, 0.0),
        (_, Opening) => (0.0, 0.0, nb),
        (_, MiddleDot) => (0.0, nb, 0.0),
        _ => (0.0, 0.0, 0.0),
    }
}

/// Whether justification may widen the gap between these classes (JLREQ 3.1.7: not after
/// an opening or before a closing bracket, not around commas, stops, middle dots, dividing
/// marks and spaces).
fn expandable(prev: Class, next: Class) -> bool {
    use Class::*;
    let tight_after = matches!(
        prev,
        Opening
            | Closing
            | Comma
            | FullStop
            | MiddleDot
            | Dividing
            | Space
            | FixedSpace
            | Invisible
    );
    let tight_before = matches!(
        next,
        Closing | Comma | FullStop | MiddleDot | Dividing | Space | FixedSpace | Invisible
    );
    !tight_after && !tight_before
}

/// A line to adjust: clusters `start..end` of a paragraph.
#[derive(Debug, Clone, Copy)]
pub(super) struct LineRef {
    pub start: usize,
    pub end: usize,
    pub hanging: bool,
    /// The line continues a paragraph (its first cluster follows a soft break).
    pub wrapped: bool,
    /// The paragraph's last line: set flush left, never expanded.
    pub last: bool,
}

/// Where the clusters of one line go: per cluster its origin, set advance and ink extent.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Placement {
    pub origin: Vec<f32>,
    pub advance: Vec<f32>,
    pub ink: Vec<(f32, f32)>,
    /// Width of the line as set: to the end of its last printed cluster (a hanging mark and
    /// trailing spaces not counted).
    pub width: f32,
}

/// Blank kept before the first cluster of a line: none before 「 on a wrapped line
/// (天付き) unless the template keeps half an em; a paragraph's first line keeps its form.
pub(super) fn lead(first: &Cluster, wrapped: bool, composition: Option<&Composition>) -> f32 {
    match composition {
        Some(c) if wrapped && first.class == Class::Opening && !c.indent_line_start_bracket => 0.0,
        _ => first.blank_start,
    }
}

/// Blank after the last cluster of a line that reduction may remove, and whether it goes
/// first (after 」、。) or later (after ・).
fn removable_tail(last: &Cluster) -> (f32, f32) {
    if last.class.ends_sentence_or_phrase() {
        (last.blank_end, 0.0)
    } else if last.class == Class::MiddleDot {
        (0.0, last.blank_end)
    } else {
        (0.0, 0.0)
    }
}

/// Word-space reduction and expansion of the gap before `clusters[k]`: the gap after a
/// space that follows printed text on the same line.
fn word_space(clusters: &[Cluster], line_start: usize, k: usize, em: f32) -> Option<f32> {
    let before = &clusters[k - 1];
    // The class first: the look back along the line is only for a gap after a space.
    if before.class != Class::Space {
        return None;
    }
    let printed_before = clusters[line_start..k - 1].iter().any(|c| !c.space);
    printed_before.then(|| (before.advance - 0.25 * em).max(0.0))
}

/// One line with its gaps adjusted to its measure, ready to be placed or only measured.
pub(super) struct AdjustedLine<'a> {
    clusters: &'a [Cluster],
    line: LineRef,
    composition: Option<&'a Composition>,
    /// Per cluster of the line, the change of the gap before it.
    adjust: &'a [f32],
    /// The line's last printed cluster (before a hanging mark).
    last: Option<usize>,
    /// The change of the blank after `last`.
    tail_adjust: f32,
}

impl AdjustedLine<'_> {
    /// Where every cluster of the line goes.
    pub fn place(&self) -> Placement {
        place(self)
    }

    /// The width [`AdjustedLine::place`]'s placement has, without placing the clusters (for
    /// lines that are measured and never drawn).
    pub fn width(&self) -> f32 {
        let (clusters, line, adjust) = (self.clusters, self.line, self.adjust);
        let Some(last) = self.last else {
            return 0.0;
        };
        // The same sums in the same order as `place`, so the width is the same bits.
        let mut ink_start = lead(&clusters[line.start], line.wrapped, self.composition);
        for k in line.start + 1..=last {
            ink_start +=
                clusters[k - 1].nominal() + clusters[k].gap.natural + adjust[k - line.start];
        }
        let c = &clusters[last];
        ink_start + c.nominal() + c.blank_end + self.tail_adjust
    }
}

/// Adjusts one line's gaps to `measure`: the change of each goes into `adjust` (scratch
/// space, reused from line to line).
pub(super) fn adjust_line<'a>(
    clusters: &'a [Cluster],
    line: LineRef,
    measure: f32,
    composition: Option<&'a Composition>,
    em: f32,
    adjust: &'a mut Vec<f32>,
) -> AdjustedLine<'a> {
    let mut printed = (line.start..line.end).rev().filter(|&k| !clusters[k].space);
    let last = if line.hanging {
        printed.nth(1)
    } else {
        printed.next()
    };
    adjust.clear();
    adjust.resize(line.end - line.start, 0.0);
    let mut tail_adjust = 0.0;
    if let (Some(last), Some(c)) = (last, composition) {
        let natural = natural_width(clusters, line, last, composition);
        let delta = measure - natural;
        let gaps = GapSet {
            clusters,
            line,
            last,
            em,
        };
        if delta < -1e-4 && c.justify {
            tail_adjust = gaps.reduce(-delta, adjust);
        } else if delta > 1e-4 && c.justify && !line.last {
            gaps.expand(delta, adjust);
        }
    }
    AdjustedLine {
        clusters,
        line,
        composition,
        adjust,
        last,
        tail_adjust,
    }
}

fn natural_width(
    clusters: &[Cluster],
    line: LineRef,
    last: usize,
    composition: Option<&Composition>,
) -> f32 {
    let mut width = lead(&clusters[line.start], line.wrapped, composition);
    for (k, cluster) in clusters.iter().enumerate().take(last + 1).skip(line.start) {
        if k > line.start {
            width += cluster.gap.natural;
        }
        width += cluster.nominal();
    }
    width + clusters[last].blank_end
}

/// The adjustable gaps of one line (before clusters `line.start + 1 ..= last`).
struct GapSet<'a> {
    clusters: &'a [Cluster],
    line: LineRef,
    last: usize,
    em: f32,
}

impl GapSet<'_> {
    fn indices(&self) -> std::ops::RangeInclusive<usize> {
        self.line.start + 1..=self.last
    }

    /// Reduces the line by `need`; returns the reduction of the blank at its end.
    fn reduce(&self, mut need: f32, adjust: &mut [f32]) -> f32 {
        let (tail_first, tail_middle) = removable_tail(&self.clusters[self.last]);
        let mut tail = 0.0;
        let take_tail = |need: &mut f32, tail: &mut f32, amount: f32| {
            let t = amount.min(*need);
            *tail += t;
            *need -= t;
        };
        take_tail(&mut need, &mut tail, tail_first);
        self.spread_reduction(&mut need, adjust, |k| {
            word_space(self.clusters, self.line.start, k, self.em).unwrap_or(0.0)
        });
        take_tail(&mut need, &mut tail, tail_middle);
        self.spread_reduction(&mut need, adjust, |k| self.clusters[k].gap.shrink_middle);
        self.spread_reduction(&mut need, adjust, |k| self.clusters[k].gap.shrink_bracket);
        self.spread_reduction(&mut need, adjust, |k| self.clusters[k].gap.shrink_latin);
        -tail
    }

    /// Takes up to `need` from the gaps in proportion to `capacity`.
    fn spread_reduction(
        &self,
        need: &mut f32,
        adjust: &mut [f32],
        capacity: impl Fn(usize) -> f32,
    ) {
        if *need <= 0.0 {
            return;
        }
        let total: f32 = self.indices().map(&capacity).sum();
        if total <= 0.0 {
            return;
        }
        let take = total.min(*need);
        for k in self.indices() {
            adjust[k - self.line.start] -= capacity(k) * take / total;
        }
        *need -= take;
    }

    /// Widens the line by `need` (justification).
    fn expand(&self, mut need: f32, adjust: &mut [f32]) {
        let quarter = 0.25 * self.em;
        let stage_of = |k: usize| -> Option<Stage> {
            if word_space(self.clusters, self.line.start, k, self.em).is_some() {
                return Some(Stage::WordSpace);
            }
            match self.clusters[k].gap.stretch {
                Stretch::Latin => Some(Stage::Latin),
                Stretch::Between => Some(Stage::Between),
                Stretch::Inside | Stretch::Fixed => None,
            }
        };
        for stage in [Stage::WordSpace, Stage::Latin, Stage::Between] {
            let members = || self.indices().filter(move |&k| stage_of(k) == Some(stage));
            let count = members().count();
            if count == 0 || need <= 0.0 {
                continue;
            }
            let each = quarter.min(need / count as f32);
            for k in members() {
                adjust[k - self.line.start] += each;
                need -= each;
            }
        }
        if need <= 1e-6 {
            return;
        }
        // Past the limits: all of those gaps alike, or every gap when the line has none.
        let adjustable = self.indices().filter(|&k| stage_of(k).is_some()).count();
        let (count, every) = match adjustable {
            0 => (self.indices().count(), true),
            n => (n, false),
        };
        if count == 0 {
            return;
        }
        let each = need / count as f32;
        for k in self.indices().filter(|&k| every || stage_of(k).is_some()) {
            adjust[k - self.line.start] += each;
        }
    }
}

/// Expansion stages before the unlimited one, in JLREQ's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    WordSpace,
    Latin,
    Between,
}

/// Places the clusters of a line with the adjusted gaps.
fn place(set: &AdjustedLine<'_>) -> Placement {
    let (clusters, line, adjust, last) = (set.clusters, set.line, set.adjust, set.last);
    let (composition, tail_adjust) = (set.composition, set.tail_adjust);
    let n = line.end - line.start;
    let mut placement = Placement {
        origin: Vec::with_capacity(n),
        advance: Vec::with_capacity(n),
        ink: Vec::with_capacity(n),
        width: 0.0,
    };
    if n == 0 {
        return placement;
    }
    let mut ink_start = lead(&clusters[line.start], line.wrapped, composition);
    for k in line.start..line.end {
        let c = &clusters[k];
        if k > line.start {
            let prev = &clusters[k - 1];
            ink_start += prev.nominal() + c.gap.natural + adjust[k - line.start];
        }
        placement.origin.push(ink_start - c.blank_start);
        let visible = !c.space && c.class != Class::Invisible;
        let ink_end = ink_start + if visible { c.nominal() } else { 0.0 };
        placement.ink.push((ink_start, ink_end));
        if Some(k) == last {
            placement.width = ink_start + c.nominal() + c.blank_end + tail_adjust;
        }
    }
    // Each cluster's set advance reaches the next one's origin; the last printed one ends
    // where the line's width does.
    for i in 0..n {
        let k = line.start + i;
        let advance = if Some(k) == last {
            placement.width - placement.origin[i]
        } else if i + 1 < n {
            placement.origin[i + 1] - placement.origin[i]
        } else {
            clusters[k].advance
        };
        placement.advance.push(advance);
    }
    placement
}
