//! Which old item is which new item: equal texts first, then the most similar pairs above a
//! threshold, so a reworded, renumbered or moved item is one item that changed rather than one
//! removed and another added. Which pairs moved is read from a sequence diff of the pairs.

use std::collections::{HashMap, HashSet};

use similar::{Algorithm, DiffOp, capture_diff_slices};

/// Pairs `old[i]` with `new[j]`. Equal keys pair first (in order); the rest pair by `score`
/// (0..=1), best first, nearer positions first on ties, when the score reaches `threshold`.
/// Returns the pairs sorted by old index.
pub(crate) fn pair_up<S: AsRef<str>>(
    old: &[S],
    new: &[S],
    threshold: f32,
    score: impl Fn(usize, usize) -> f32,
) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let mut new_taken = vec![false; new.len()];
    let mut old_taken = vec![false; old.len()];
    let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, key) in new.iter().enumerate().rev() {
        by_key.entry(key.as_ref()).or_default().push(j);
    }
    for (i, key) in old.iter().enumerate() {
        if let Some(j) = by_key.get_mut(key.as_ref()).and_then(Vec::pop) {
            pairs.push((i, j));
            new_taken[j] = true;
            old_taken[i] = true;
        }
    }
    let mut candidates = Vec::new();
    for i in (0..old.len()).filter(|&i| !old_taken[i]) {
        for j in (0..new.len()).filter(|&j| !new_taken[j]) {
            let s = score(i, j);
            if s >= threshold {
                candidates.push((s, i, j));
            }
        }
    }
    candidates.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(a.1.abs_diff(a.2).cmp(&b.1.abs_diff(b.2)))
            .then((a.1, a.2).cmp(&(b.1, b.2)))
    });
    for (_, i, j) in candidates {
        if !old_taken[i] && !new_taken[j] {
            old_taken[i] = true;
            new_taken[j] = true;
            pairs.push((i, j));
        }
    }
    pairs.sort_unstable();
    pairs
}

/// The pairs (as indexes into `pairs`) whose relative order changed: those the sequence diff
/// of old order against new order cannot keep.
pub(crate) fn moved(pairs: &[(usize, usize)]) -> HashSet<usize> {
    let mut old_order: Vec<usize> = (0..pairs.len()).collect();
    old_order.sort_by_key(|&p| pairs[p].0);
    let mut new_order: Vec<usize> = (0..pairs.len()).collect();
    new_order.sort_by_key(|&p| pairs[p].1);
    capture_diff_slices(Algorithm::Myers, &old_order, &new_order)
        .iter()
        .filter(|op| !matches!(op, DiffOp::Equal { .. }))
        .flat_map(|op| old_order[op.old_range()].to_vec())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::text::similarity;

    fn pair(old: &[&str], new: &[&str]) -> Vec<(usize, usize)> {
        pair_up(old, new, 0.5, |i, j| similarity(old[i], new[j]))
    }

    #[test]
    fn equal_then_similar_then_nothing() {
        let old = ["地域の福祉活動", "花とみどり", "区政会議の運営"];
        let new = [
            "区政会議の効果的な運営",
            "地域の福祉活動",
            "全く新しい取組の開始",
        ];
        assert_eq!(pair(&old, &new), [(0, 1), (2, 0)]);
    }

    #[test]
    fn duplicates_pair_in_order() {
        assert_eq!(pair(&["同じ", "同じ"], &["同じ", "同じ"]), [(0, 0), (1, 1)]);
    }

    #[test]
    fn a_swap_moves_one_item() {
        let pairs = [(0, 0), (1, 2), (2, 1)];
        assert_eq!(moved(&pairs).len(), 1);
        assert!(moved(&[(0, 0), (1, 1)]).is_empty());
    }
}
