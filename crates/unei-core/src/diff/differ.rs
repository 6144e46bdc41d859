//! The collector of changes, and the comparison of two lists of text units (sentences, list
//! lines, 具体的取組) that every field of a plan comes down to.

use std::collections::HashSet;

use super::model::{AmountDelta, Change, ChangeKind, Ignored, Item, Side, Step};
use super::pairing::{moved, pair_up};
use super::text::{classify, segments, sentences, similarity};
use crate::amount::Amount;
use crate::rich::{Block, RichText};

/// Texts at least this similar are one unit that changed, not one removed and one added.
pub(crate) const UNIT_THRESHOLD: f32 = 0.5;

/// Collects changes; drops (and counts) width- and whitespace-only ones when asked.
#[derive(Debug, Default)]
pub(crate) struct Differ {
    pub ignore_width: bool,
    pub changes: Vec<Change>,
    pub ignored: Ignored,
}

/// A change with nothing but its kind, item and place filled in.
pub(crate) fn change(kind: ChangeKind, item: Item, place: &[Step]) -> Change {
    Change {
        kind,
        item,
        place: place.to_vec(),
        from: None,
        old: None,
        new: None,
        segments: Vec::new(),
        amount: None,
    }
}

pub(crate) fn side(path: impl Into<String>, text: impl Into<String>) -> Side {
    Side {
        path: path.into(),
        text: text.into(),
        number: None,
    }
}

/// `place` with one more step.
pub(crate) fn within(place: &[Step], step: Step) -> Vec<Step> {
    let mut inner = place.to_vec();
    inner.push(step);
    inner
}

/// One comparable piece of text.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    pub item: Item,
    pub path: String,
    /// As printed, bullet or number included.
    pub text: String,
    /// For a sentence: its paragraph (path, whole text), so a paragraph added whole is
    /// reported as one paragraph.
    pub paragraph: Option<(String, String)>,
    /// For a 具体的取組: its amount and the amount's path.
    pub amount: Option<(String, Amount)>,
}

impl Unit {
    pub(crate) fn side(&self) -> Side {
        side(&self.path, &self.text)
    }

    fn value(&self) -> Option<u64> {
        self.amount.as_ref()?.1.thousand_yen().ok()
    }
}

/// The units of a rich text whose JSON path is `base`: sentences of paragraphs, list lines
/// (as `list_item`) and numbered lines.
pub(crate) fn rich_units(text: &RichText, base: &str, list_item: Item) -> Vec<Unit> {
    let mut units = Vec::new();
    for (b, block) in text.iter().enumerate() {
        let unit = |item, path: String, text: String| Unit {
            item,
            path,
            text,
            paragraph: None,
            amount: None,
        };
        match block {
            Block::P(p) => {
                let path = format!("{base}[{b}].p");
                units.extend(sentences(p).into_iter().map(|s| Unit {
                    paragraph: Some((path.clone(), p.clone())),
                    ..unit(Item::Sentence, path.clone(), s.to_owned())
                }));
            }
            Block::List(_) | Block::Numbered(_) => {
                let item = match block {
                    Block::List(_) => list_item,
                    _ => Item::NumberedItem,
                };
                units.extend(
                    block
                        .texts()
                        .into_iter()
                        .map(|(suffix, text)| unit(item, format!("{base}[{b}]{suffix}"), text)),
                );
            }
        }
    }
    units
}

/// How the units of two lists correspond.
#[derive(Debug, Default)]
pub(crate) struct UnitPairs {
    /// (old, new) indexes of units in the same list.
    pub local: Vec<(usize, usize)>,
    /// New units that came from another list: (new index, the old list's place, the old unit).
    pub moved_in: Vec<(usize, Vec<Step>, Unit)>,
    /// Old units that went to another list.
    pub moved_out: HashSet<usize>,
}

/// Pairs the units of one list by text.
pub(crate) fn pair_units(old: &[Unit], new: &[Unit]) -> Vec<(usize, usize)> {
    let keys = |units: &[Unit]| units.iter().map(|u| u.text.clone()).collect::<Vec<_>>();
    let (old_keys, new_keys) = (keys(old), keys(new));
    pair_up(&old_keys, &new_keys, UNIT_THRESHOLD, |i, j| {
        similarity(&old_keys[i], &new_keys[j])
    })
}

/// What to report about one item of a list, in report order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Event {
    Paired { old: usize, new: usize, moved: bool },
    MovedIn(usize),
    Added(usize),
    Removed(usize),
}

impl Differ {
    pub(crate) fn push(&mut self, change: Change) {
        match change.kind {
            ChangeKind::WidthOnly if self.ignore_width => self.ignored.width_only += 1,
            ChangeKind::WhitespaceOnly if self.ignore_width => self.ignored.whitespace_only += 1,
            _ => self.changes.push(change),
        }
    }

    /// Reports `old` → `new` if the text differs: reworded, width-only or whitespace-only.
    pub(crate) fn text(&mut self, item: Item, place: &[Step], old: Side, new: Side) {
        let Some(kind) = classify(&old.text, &new.text).kind() else {
            return;
        };
        let ignore_width = self.ignore_width && kind == ChangeKind::Reworded;
        self.push(Change {
            segments: segments(&old.text, &new.text, ignore_width),
            old: Some(old),
            new: Some(new),
            ..change(kind, item, place)
        });
    }

    /// Reports a value (code, label, attribute) that differs between the plans.
    pub(crate) fn value(
        &mut self,
        kind: ChangeKind,
        item: Item,
        place: &[Step],
        old: Option<Side>,
        new: Option<Side>,
    ) {
        let text = |s: &Option<Side>| s.as_ref().map(|s| s.text.clone());
        if text(&old) != text(&new) {
            self.push(Change {
                old,
                new,
                ..change(kind, item, place)
            });
        }
    }

    /// Reports an item only one plan has.
    pub(crate) fn one_sided(&mut self, kind: ChangeKind, item: Item, place: &[Step], side: Side) {
        let (old, new) = match kind {
            ChangeKind::Removed => (Some(side), None),
            _ => (None, Some(side)),
        };
        self.push(Change {
            old,
            new,
            ..change(kind, item, place)
        });
    }

    /// Reports an added or removed item of a list; returns a paired one's (old, new, moved)
    /// for the caller to compare.
    pub(crate) fn listed(
        &mut self,
        event: Event,
        item: Item,
        place: &[Step],
        sides: (impl Fn(usize) -> Side, impl Fn(usize) -> Side),
    ) -> Option<(usize, usize, bool)> {
        match event {
            Event::Added(j) => self.one_sided(ChangeKind::Added, item, place, sides.1(j)),
            Event::Removed(i) => self.one_sided(ChangeKind::Removed, item, place, sides.0(i)),
            Event::Paired { old, new, moved } => return Some((old, new, moved)),
            Event::MovedIn(_) => {}
        }
        None
    }

    /// Compares two rich texts at `place`.
    pub(crate) fn rich(&mut self, place: &[Step], old: (&RichText, &str), new: (&RichText, &str)) {
        let old = rich_units(old.0, old.1, Item::ListItem);
        let new = rich_units(new.0, new.1, Item::ListItem);
        let pairs = UnitPairs {
            local: pair_units(&old, &new),
            ..UnitPairs::default()
        };
        self.units(place, &old, &new, &pairs);
    }

    /// Compares two unit lists whose correspondence is `pairs`.
    pub(crate) fn units(&mut self, place: &[Step], old: &[Unit], new: &[Unit], pairs: &UnitPairs) {
        let moved_in = pairs.moved_in.iter().map(|m| m.0).collect();
        let events = events(
            old.len(),
            new.len(),
            &pairs.local,
            &moved_in,
            &pairs.moved_out,
        );
        let whole = WholeParagraphs::new(old, new, pairs);
        let mut reported = HashSet::new();
        for event in events {
            match event {
                Event::Paired {
                    old: i,
                    new: j,
                    moved,
                } => {
                    if moved {
                        self.moved(place, None, &old[i], &new[j]);
                    }
                    self.unit_content(place, &old[i], &new[j]);
                }
                Event::MovedIn(j) => {
                    if let Some((_, from, unit)) = pairs.moved_in.iter().find(|m| m.0 == j) {
                        self.moved(place, Some(from.clone()), unit, &new[j]);
                        self.unit_content(place, unit, &new[j]);
                    }
                }
                Event::Added(j) => {
                    self.whole_or_unit(ChangeKind::Added, place, &new[j], &whole.new, &mut reported)
                }
                Event::Removed(i) => self.whole_or_unit(
                    ChangeKind::Removed,
                    place,
                    &old[i],
                    &whole.old,
                    &mut reported,
                ),
            }
        }
    }

    /// Reports only the units that came from other lists (for a list whose other units are
    /// reported with their container, as in an added 経営課題).
    pub(crate) fn moved_in(&mut self, place: &[Step], new: &[Unit], pairs: &UnitPairs) {
        for (j, from, unit) in &pairs.moved_in {
            self.moved(place, Some(from.clone()), unit, &new[*j]);
            self.unit_content(place, unit, &new[*j]);
        }
    }

    pub(crate) fn moved(
        &mut self,
        place: &[Step],
        from: Option<Vec<Step>>,
        old: &Unit,
        new: &Unit,
    ) {
        self.push(Change {
            from,
            old: Some(old.side()),
            new: Some(new.side()),
            amount: new
                .amount
                .as_ref()
                .map(|_| AmountDelta::new(old.value(), new.value())),
            ..change(ChangeKind::Moved, new.item, place)
        });
    }

    /// Text and amount of a unit present in both plans.
    pub(crate) fn unit_content(&mut self, place: &[Step], old: &Unit, new: &Unit) {
        self.text(new.item, place, old.side(), new.side());
        let text = |u: &Unit| u.amount.as_ref().map(|a| a.1.text().to_owned());
        let (old_amount, new_amount) = (text(old), text(new));
        if old_amount == new_amount {
            return;
        }
        let amount_side = |u: &Unit| {
            u.amount
                .as_ref()
                .map(|(path, amount)| side(path, amount.text()))
        };
        // A 様式1 line's amount is placed under the line, so the report can name it.
        let line_place;
        let place = match place.last() {
            Some(Step::Initiative { .. }) => place,
            _ => {
                line_place = within(
                    place,
                    Step::Initiative {
                        number: None,
                        title: new.text.clone(),
                    },
                );
                &line_place
            }
        };
        let values = (old.value(), new.value());
        let both_read = values.0.is_some() && values.1.is_some();
        match (amount_side(old), amount_side(new)) {
            (Some(o), Some(n)) if both_read && values.0 == values.1 => {
                self.text(Item::Amount, place, o, n);
            }
            (o, n) => self.push(Change {
                old: o,
                new: n,
                amount: Some(AmountDelta::new(values.0, values.1)),
                ..change(ChangeKind::AmountChanged, Item::Amount, place)
            }),
        }
    }

    /// An added or removed unit, or its whole paragraph once when every sentence of it is.
    fn whole_or_unit(
        &mut self,
        kind: ChangeKind,
        place: &[Step],
        unit: &Unit,
        whole: &HashSet<String>,
        reported: &mut HashSet<(ChangeKind, String)>,
    ) {
        let (item, shown) = match &unit.paragraph {
            Some((path, text)) if whole.contains(path) => {
                // Old and new paragraphs can share a path: the kind tells them apart.
                if !reported.insert((kind, path.clone())) {
                    return;
                }
                (Item::Paragraph, side(path, text))
            }
            _ => (unit.item, unit.side()),
        };
        let mut c = change(kind, item, place);
        c.amount = unit.amount.as_ref().map(|_| match kind {
            ChangeKind::Removed => AmountDelta::new(unit.value(), None),
            _ => AmountDelta::new(None, unit.value()),
        });
        match kind {
            ChangeKind::Removed => c.old = Some(shown),
            _ => c.new = Some(shown),
        }
        self.push(c);
    }
}

/// Report order: the new list's order, each removed unit right after the new position of the
/// old unit before it.
pub(crate) fn events(
    old_len: usize,
    new_len: usize,
    local: &[(usize, usize)],
    moved_in: &HashSet<usize>,
    moved_out: &HashSet<usize>,
) -> Vec<Event> {
    let moved = moved(local);
    let mut new_of_old = vec![None; old_len];
    let mut old_of_new = vec![None; new_len];
    for (p, &(i, j)) in local.iter().enumerate() {
        new_of_old[i] = Some(j);
        old_of_new[j] = Some((i, moved.contains(&p)));
    }
    let mut keyed: Vec<((usize, u8, usize), Event)> = Vec::new();
    for (j, paired) in old_of_new.iter().enumerate() {
        let event = match paired {
            Some((i, moved)) => Event::Paired {
                old: *i,
                new: j,
                moved: *moved,
            },
            None if moved_in.contains(&j) => Event::MovedIn(j),
            None => Event::Added(j),
        };
        keyed.push(((j, 1, 0), event));
    }
    for i in (0..old_len).filter(|i| new_of_old[*i].is_none() && !moved_out.contains(i)) {
        let anchor = new_of_old[..i]
            .iter()
            .rev()
            .find_map(|j| *j)
            .map_or(0, |j| j + 1);
        keyed.push(((anchor, 0, i), Event::Removed(i)));
    }
    keyed.sort_by_key(|(key, _)| *key);
    keyed.into_iter().map(|(_, e)| e).collect()
}

/// Paragraphs every sentence of which is added (new) or removed (old), by path.
struct WholeParagraphs {
    old: HashSet<String>,
    new: HashSet<String>,
}

impl WholeParagraphs {
    fn new(old: &[Unit], new: &[Unit], pairs: &UnitPairs) -> Self {
        let old_kept: HashSet<usize> = pairs
            .local
            .iter()
            .map(|p| p.0)
            .chain(pairs.moved_out.iter().copied())
            .collect();
        let new_kept: HashSet<usize> = pairs
            .local
            .iter()
            .map(|p| p.1)
            .chain(pairs.moved_in.iter().map(|m| m.0))
            .collect();
        WholeParagraphs {
            old: unkept_paragraphs(old, &old_kept),
            new: unkept_paragraphs(new, &new_kept),
        }
    }
}

fn unkept_paragraphs(units: &[Unit], kept: &HashSet<usize>) -> HashSet<String> {
    let paths = |keep: bool| -> HashSet<String> {
        units
            .iter()
            .enumerate()
            .filter(|(i, _)| kept.contains(i) == keep)
            .filter_map(|(_, u)| u.paragraph.as_ref().map(|p| p.0.clone()))
            .collect()
    };
    let touched = paths(true);
    paths(false)
        .into_iter()
        .filter(|p| !touched.contains(p))
        .collect()
}
