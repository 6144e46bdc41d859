//! Comparing two texts: is the difference only width (全角/半角) or whitespace, how similar are
//! they, and the character-level diff grouped into phrases so a reworded sentence reads as
//! "these words became those" rather than a scatter of single characters.
//!
//! Japanese has no spaces between words, so texts are compared character by character (the
//! diff itself is `similar`'s Myers), then short runs of equal characters caught between two
//! changes are folded into the change, as diff-match-patch's semantic clean-up does.

use std::collections::HashMap;

use similar::{Algorithm, DiffOp, capture_diff_slices, capture_diff_slices_by_key, diff_ratio};
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use super::model::{ChangeKind, Segment, SegmentOp};

/// How two texts differ, from least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Difference {
    Same,
    WhitespaceOnly,
    WidthOnly,
    Reworded,
}

impl Difference {
    pub(crate) fn kind(self) -> Option<ChangeKind> {
        match self {
            Difference::Same => None,
            Difference::WhitespaceOnly => Some(ChangeKind::WhitespaceOnly),
            Difference::WidthOnly => Some(ChangeKind::WidthOnly),
            Difference::Reworded => Some(ChangeKind::Reworded),
        }
    }
}

/// Classifies the difference between two texts.
pub(crate) fn classify(old: &str, new: &str) -> Difference {
    if old == new {
        Difference::Same
    } else if without_whitespace(old).eq(without_whitespace(new)) {
        Difference::WhitespaceOnly
    } else if width_folded(old) == width_folded(new) {
        Difference::WidthOnly
    } else {
        Difference::Reworded
    }
}

fn without_whitespace(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().filter(|c| !c.is_whitespace())
}

/// NFKC without whitespace: the form in which width-only differences vanish.
pub(crate) fn width_folded(text: &str) -> String {
    without_whitespace(text)
        .collect::<String>()
        .nfkc()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The comparison key of one character when width is ignored.
fn width_key(c: &char) -> String {
    if c.is_whitespace() {
        " ".to_owned()
    } else {
        std::iter::once(*c).nfkc().collect()
    }
}

/// Below this, [`similarity`] may return an upper bound instead of the ratio: every threshold
/// the pairing uses (0.5, less a 0.05 bonus for the same number) is above it.
pub(crate) const SIMILARITY_FLOOR: f32 = 0.45;

/// Similarity of two texts in 0..=1 (matching characters over total length); equal texts 1.
/// Values below [`SIMILARITY_FLOOR`] are upper bounds: the diff is skipped when the lengths
/// or the characters alone (order ignored) already rule a pair out, as difflib's quick ratios
/// do — most pairs of unrelated sentences end there.
pub(crate) fn similarity(old: &str, new: &str) -> f32 {
    if old == new {
        return 1.0;
    }
    let old: Vec<char> = old.chars().collect();
    let new: Vec<char> = new.chars().collect();
    let total = old.len() + new.len();
    if total == 0 {
        return 0.0;
    }
    let by_length = 2.0 * old.len().min(new.len()) as f32 / total as f32;
    if by_length < SIMILARITY_FLOOR {
        return by_length;
    }
    let by_characters = common_characters(&old, &new) as f32 * 2.0 / total as f32;
    if by_characters < SIMILARITY_FLOOR {
        return by_characters;
    }
    let ops = capture_diff_slices(Algorithm::Myers, &old, &new);
    diff_ratio(&ops, old.len(), new.len())
}

/// How many characters the two texts have in common, counted with repeats, in any order.
fn common_characters(old: &[char], new: &[char]) -> usize {
    let mut counts: HashMap<char, usize> = HashMap::new();
    for c in old {
        *counts.entry(*c).or_default() += 1;
    }
    new.iter()
        .filter(|c| match counts.get_mut(c) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        })
        .count()
}

/// The character-level diff of `old` → `new`, in phrases. With `ignore_width`, characters that
/// differ only in width count as equal (the new text's form is shown).
pub(crate) fn segments(old: &str, new: &str, ignore_width: bool) -> Vec<Segment> {
    let old: Vec<char> = old.chars().collect();
    let new: Vec<char> = new.chars().collect();
    let ops = if ignore_width {
        capture_diff_slices_by_key(Algorithm::Myers, &old, &new, width_key)
    } else {
        capture_diff_slices(Algorithm::Myers, &old, &new)
    };
    let runs = ops.iter().map(|op| run_of(op, &old, &new)).collect();
    fold_short_equalities(runs)
        .into_iter()
        .flat_map(Run::into_segments)
        .collect()
}

/// Equal text, or a change: `delete` replaced by `insert` (either may be empty).
#[derive(Debug, Clone, PartialEq)]
enum Run {
    Equal(String),
    Change { delete: String, insert: String },
}

fn run_of(op: &DiffOp, old: &[char], new: &[char]) -> Run {
    let (_, old_range, new_range) = op.as_tag_tuple();
    let text = |chars: &[char]| chars.iter().collect::<String>();
    match op {
        DiffOp::Equal { .. } => Run::Equal(text(&new[new_range])),
        _ => Run::Change {
            delete: text(&old[old_range]),
            insert: text(&new[new_range]),
        },
    }
}

impl Run {
    fn change_lengths(&self) -> Option<(usize, usize)> {
        match self {
            Run::Equal(_) => None,
            Run::Change { delete, insert } => {
                Some((delete.chars().count(), insert.chars().count()))
            }
        }
    }

    fn into_segments(self) -> Vec<Segment> {
        let segment = |op, text: String| Segment { op, text };
        match self {
            Run::Equal(text) => vec![segment(SegmentOp::Equal, text)],
            Run::Change { delete, insert } => {
                [(SegmentOp::Delete, delete), (SegmentOp::Insert, insert)]
                    .into_iter()
                    .filter(|(_, text)| !text.is_empty())
                    .map(|(op, text)| segment(op, text))
                    .collect()
            }
        }
    }
}

/// Folds an equal run into the changes on both sides of it when it is no longer than the
/// larger side of each (diff-match-patch's rule), until nothing more folds.
fn fold_short_equalities(mut runs: Vec<Run>) -> Vec<Run> {
    let mut i = 1;
    while i + 1 < runs.len() {
        let (Some(before), Some(after), Run::Equal(equal)) = (
            runs[i - 1].change_lengths(),
            runs[i + 1].change_lengths(),
            &runs[i],
        ) else {
            i += 1;
            continue;
        };
        let length = equal.chars().count();
        if length > before.0.max(before.1) || length > after.0.max(after.1) {
            i += 1;
            continue;
        }
        let merged: Vec<Run> = runs.drain(i - 1..=i + 1).collect();
        runs.insert(i - 1, merge(merged));
        i = i.saturating_sub(1).max(1);
    }
    runs
}

/// change + equal + change → one change holding the equal text on both sides.
fn merge(runs: Vec<Run>) -> Run {
    let mut delete = String::new();
    let mut insert = String::new();
    for run in runs {
        match run {
            Run::Equal(text) => {
                delete.push_str(&text);
                insert.push_str(&text);
            }
            Run::Change {
                delete: d,
                insert: i,
            } => {
                delete.push_str(&d);
                insert.push_str(&i);
            }
        }
    }
    Run::Change { delete, insert }
}

/// The sentences of a paragraph (UAX #29 sentence boundaries: after 。！？ and closing
/// brackets), trailing spaces kept with their sentence, so the parts join back to the text.
pub(crate) fn sentences(paragraph: &str) -> Vec<&str> {
    paragraph.split_sentence_bounds().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(old: &str, new: &str) -> String {
        segments(old, new, false)
            .iter()
            .map(|s| match s.op {
                SegmentOp::Equal => s.text.clone(),
                SegmentOp::Delete => format!("[-{}-]", s.text),
                SegmentOp::Insert => format!("{{+{}+}}", s.text),
            })
            .collect()
    }

    #[test]
    fn classifies_width_and_whitespace() {
        assert_eq!(classify("ICT活用", "ICT活用"), Difference::Same);
        assert_eq!(classify("ICT活用", "ＩＣＴ活用"), Difference::WidthOnly);
        assert_eq!(
            classify("(広告事業等)", "（広告事業等）"),
            Difference::WidthOnly
        );
        assert_eq!(
            classify("めざす。 保護者", "めざす。保護者"),
            Difference::WhitespaceOnly
        );
        assert_eq!(
            classify("めざす。 保護者", "めざす。　保護者"),
            Difference::WhitespaceOnly
        );
        assert_eq!(
            classify("地域の福祉活動", "地域の福祉の活動"),
            Difference::Reworded
        );
    }

    #[test]
    fn diff_is_in_phrases() {
        assert_eq!(
            marked("令和3年度を目標に", "令和4年度を目標に"),
            "令和[-3-]{+4+}年度を目標に"
        );
        // The lone の between two changes folds into one phrase.
        assert_eq!(
            marked("防災訓練の支援を行う", "避難所の運営を行う"),
            "[-防災訓練の支援-]{+避難所の運営+}を行う"
        );
        assert_eq!(marked("支援", "支援の充実"), "支援{+の充実+}");
    }

    #[test]
    fn segments_rebuild_both_texts() {
        let (old, new) = (
            "地域力の強化による防災、減災",
            "地域の力による防災と減災の推進",
        );
        let s = segments(old, new, false);
        let side = |skip| -> String {
            s.iter()
                .filter(|x| x.op != skip)
                .map(|x| x.text.as_str())
                .collect()
        };
        assert_eq!(side(SegmentOp::Insert), old);
        assert_eq!(side(SegmentOp::Delete), new);
    }

    #[test]
    fn ignoring_width_keeps_new_forms_equal() {
        let s = segments("(ICT)の活用", "（ＩＣＴ）の利用", true);
        let changed: Vec<_> = s
            .iter()
            .filter(|x| x.op != SegmentOp::Equal)
            .map(|x| x.text.as_str())
            .collect();
        assert_eq!(changed, ["活", "利"]);
    }

    #[test]
    fn sentences_split_after_japanese_full_stops() {
        assert_eq!(
            sentences("子育てができるまちをめざす。 保護者の声を聞く。"),
            ["子育てができるまちをめざす。 ", "保護者の声を聞く。"]
        );
        assert_eq!(
            sentences("「よい」と言った。次へ"),
            ["「よい」と言った。", "次へ"]
        );
    }

    #[test]
    fn similarity_bounds() {
        assert_eq!(similarity("同じ", "同じ"), 1.0);
        assert!(similarity("地域の福祉活動", "地域の福祉の活動") > 0.8);
        assert!(similarity("花とみどり", "区政会議の効果的な運営") < 0.3);
        assert_eq!(similarity("", "長い文章がここにある"), 0.0);
        // The bounds never hide a ratio above the floor.
        for (a, b) in [
            ("あいうえおかき", "きかおえういあ"),
            ("地域の福祉活動", "地域福祉の活動推進"),
        ] {
            let exact = {
                let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                diff_ratio(
                    &capture_diff_slices(Algorithm::Myers, &a, &b),
                    a.len(),
                    b.len(),
                )
            };
            assert!(similarity(a, b) >= exact, "{a} / {b}");
        }
    }
}
