//! 様式2 (and the preamble, which is also labelled blocks): blocks paired by label, 戦略 and
//! 具体的取組 paired by title, content and number; renumbered, moved, added, removed.

use std::collections::HashSet;

use super::differ::{Differ, Event, Unit, change, events, side, within};
use super::issues::joined;
use super::model::{ChangeKind, Field, Item, Section, Side, Step};
use super::pairing::pair_up;
use super::text::similarity;
use crate::model::{Code, Form2, Form2Initiative, Form2Strategy, LabeledBlock};
use crate::rich::{RichText, is_blank};

/// Blocks, strategies and initiatives this similar are one that changed.
const THRESHOLD: f32 = 0.5;

/// Compares the 様式2 of a pair of issues (`base` is each one's JSON path).
pub(crate) fn compare(
    d: &mut Differ,
    issue: &[Step],
    old: Option<(&Form2, String)>,
    new: Option<(&Form2, String)>,
) {
    let place = within(
        issue,
        Step::Section {
            section: Section::Form2,
        },
    );
    match (old, new) {
        (None, None) => {}
        (None, Some((f, base))) => {
            d.one_sided(ChangeKind::Added, Item::Section, issue, summary(f, base))
        }
        (Some((f, base)), None) => {
            d.one_sided(ChangeKind::Removed, Item::Section, issue, summary(f, base))
        }
        (Some((o, ob)), Some((n, nb))) => {
            blocks(
                d,
                &place,
                (&o.blocks, &format!("{ob}.blocks")),
                (&n.blocks, &format!("{nb}.blocks")),
            );
            strategies(d, &place, (&o.strategies, &ob), (&n.strategies, &nb));
        }
    }
}

fn summary(form2: &Form2, base: String) -> Side {
    let mut lines: Vec<String> = form2.blocks.iter().map(|b| b.label.clone()).collect();
    lines.extend(
        form2
            .strategies
            .iter()
            .map(|s| format!("{} {}", s.number, s.title)),
    );
    side(base, lines.join("\n"))
}

/// Pairs two lists by key (equal first) and `score`; the report order of their items.
fn ordered(old: &[String], new: &[String], score: impl Fn(usize, usize) -> f32) -> Vec<Event> {
    let pairs = pair_up(old, new, THRESHOLD, score);
    events(
        old.len(),
        new.len(),
        &pairs,
        &HashSet::new(),
        &HashSet::new(),
    )
}

/// Labelled blocks: the label, the text and the evaluation code of each.
pub(crate) fn blocks(
    d: &mut Differ,
    place: &[Step],
    (old, old_base): (&[LabeledBlock], &str),
    (new, new_base): (&[LabeledBlock], &str),
) {
    let labels = |b: &[LabeledBlock]| b.iter().map(|b| b.label.clone()).collect::<Vec<_>>();
    let score = |i: usize, j: usize| {
        let label = similarity(&old[i].label, &new[j].label);
        if is_blank(&old[i].text) || is_blank(&new[j].text) {
            label
        } else {
            label.max(similarity(&joined(&old[i].text), &joined(&new[j].text)))
        }
    };
    let block_side =
        |b: &LabeledBlock, base: &str, k: usize| side(format!("{base}[{k}]"), &b.label);
    let sides = (
        |i| block_side(&old[i], old_base, i),
        |j| block_side(&new[j], new_base, j),
    );
    for event in ordered(&labels(old), &labels(new), score) {
        if let Some((i, j, moved)) = d.listed(event, Item::Block, place, (&sides.0, &sides.1)) {
            let old = (&old[i], format!("{old_base}[{i}]"));
            paired_block(d, place, old, (&new[j], format!("{new_base}[{j}]")), moved);
        }
    }
}

/// A block in both plans: its position, label, text and code.
fn paired_block(
    d: &mut Differ,
    place: &[Step],
    (o, op): (&LabeledBlock, String),
    (n, np): (&LabeledBlock, String),
    moved: bool,
) {
    if moved {
        d.push(super::model::Change {
            old: Some(side(&op, &o.label)),
            new: Some(side(&np, &n.label)),
            ..change(ChangeKind::Moved, Item::Block, place)
        });
    }
    d.value(
        ChangeKind::LabelChanged,
        Item::Label,
        place,
        Some(side(format!("{op}.label"), &o.label)),
        Some(side(format!("{np}.label"), &n.label)),
    );
    let inner = within(
        place,
        Step::Block {
            label: n.label.clone(),
        },
    );
    d.rich(
        &inner,
        (&o.text, &format!("{op}.text")),
        (&n.text, &format!("{np}.text")),
    );
    code(d, &inner, (&o.code, &op), (&n.code, &np));
}

fn code(d: &mut Differ, place: &[Step], old: (&Option<Code>, &str), new: (&Option<Code>, &str)) {
    let side_of = |(c, base): (&Option<Code>, &str)| {
        c.as_ref().map(|c| side(format!("{base}.code"), &c.code))
    };
    d.value(
        ChangeKind::CodeChanged,
        Item::Code,
        place,
        side_of(old),
        side_of(new),
    );
}

/// What the 戦略 and 具体的取組 of 様式2 have in common, so one function pairs and compares both.
trait Numbered {
    const ITEM: Item;
    fn number(&self) -> &str;
    fn title(&self) -> &str;
    fn blocks(&self) -> &[LabeledBlock];
    fn reviews(&self) -> [(Field, &'static str, &RichText); 2];
    fn step(&self) -> Step;
}

impl Numbered for Form2Strategy {
    const ITEM: Item = Item::Strategy;
    fn number(&self) -> &str {
        &self.number
    }
    fn title(&self) -> &str {
        &self.title
    }
    fn blocks(&self) -> &[LabeledBlock] {
        &self.blocks
    }
    fn reviews(&self) -> [(Field, &'static str, &RichText); 2] {
        [
            (Field::MidtermReview, "midterm_review", &self.midterm_review),
            (
                Field::YearEndReview,
                "year_end_review",
                &self.year_end_review,
            ),
        ]
    }
    fn step(&self) -> Step {
        Step::Strategy {
            number: self.number.clone(),
            title: self.title.clone(),
        }
    }
}

impl Numbered for Form2Initiative {
    const ITEM: Item = Item::Initiative;
    fn number(&self) -> &str {
        &self.number
    }
    fn title(&self) -> &str {
        &self.title
    }
    fn blocks(&self) -> &[LabeledBlock] {
        &self.blocks
    }
    fn reviews(&self) -> [(Field, &'static str, &RichText); 2] {
        [
            (Field::MidtermReview, "midterm_review", &self.midterm_review),
            (
                Field::YearEndReview,
                "year_end_review",
                &self.year_end_review,
            ),
        ]
    }
    fn step(&self) -> Step {
        Step::Initiative {
            number: Some(self.number.clone()),
            title: self.title.clone(),
        }
    }
}

/// How alike two numbered items are: by title or by content, the same number breaking ties.
fn numbered_score<T: Numbered>(old: &T, new: &T) -> f32 {
    let body = |x: &T| {
        x.blocks()
            .iter()
            .map(|b| joined(&b.text))
            .collect::<String>()
    };
    let bonus = if old.number() == new.number() {
        0.05
    } else {
        0.0
    };
    similarity(old.title(), new.title()).max(similarity(&body(old), &body(new))) + bonus
}

fn numbered_side<T: Numbered>(item: &T, path: String) -> Side {
    Side {
        number: Some(item.number().to_owned()),
        ..side(path, item.title())
    }
}

/// Pairs and compares numbered items (`base` is the list's JSON path); `inner` compares what
/// only one of the two kinds has (a strategy's initiatives, an initiative's amount).
fn numbered<T: Numbered>(
    d: &mut Differ,
    place: &[Step],
    (old, old_base): (&[T], &str),
    (new, new_base): (&[T], &str),
    inner: impl Fn(&mut Differ, &[Step], (&T, &str), (&T, &str)),
) {
    let titles = |items: &[T]| {
        items
            .iter()
            .map(|x| x.title().to_owned())
            .collect::<Vec<_>>()
    };
    let score = |i: usize, j: usize| numbered_score(&old[i], &new[j]);
    let sides = (
        |i| numbered_side(&old[i], format!("{old_base}[{i}]")),
        |j| numbered_side(&new[j], format!("{new_base}[{j}]")),
    );
    for event in ordered(&titles(old), &titles(new), score) {
        if let Some((i, j, moved)) = d.listed(event, T::ITEM, place, (&sides.0, &sides.1)) {
            let old = (&old[i], format!("{old_base}[{i}]"));
            let new = (&new[j], format!("{new_base}[{j}]"));
            paired_numbered(d, place, old, new, moved, &inner);
        }
    }
}

/// A numbered item in both plans: its number or position, then its content.
fn paired_numbered<T: Numbered>(
    d: &mut Differ,
    place: &[Step],
    (o, op): (&T, String),
    (n, np): (&T, String),
    moved: bool,
    inner: &impl Fn(&mut Differ, &[Step], (&T, &str), (&T, &str)),
) {
    let kind = if o.number() != n.number() {
        Some(ChangeKind::Renumbered)
    } else {
        moved.then_some(ChangeKind::Moved)
    };
    if let Some(kind) = kind {
        d.push(super::model::Change {
            old: Some(numbered_side(o, op.clone())),
            new: Some(numbered_side(n, np.clone())),
            ..change(kind, T::ITEM, place)
        });
    }
    let here = within(place, n.step());
    inner(d, &here, (o, &op), (n, &np));
    blocks(
        d,
        &here,
        (o.blocks(), &format!("{op}.blocks")),
        (n.blocks(), &format!("{np}.blocks")),
    );
    for ((field, key, ot), (_, _, nt)) in o.reviews().into_iter().zip(n.reviews()) {
        d.rich(
            &within(&here, Step::Field { field }),
            (ot, &format!("{op}.{key}")),
            (nt, &format!("{np}.{key}")),
        );
    }
}

fn strategies(
    d: &mut Differ,
    place: &[Step],
    old: (&[Form2Strategy], &str),
    new: (&[Form2Strategy], &str),
) {
    let (old_base, new_base) = (
        format!("{}.strategies", old.1),
        format!("{}.strategies", new.1),
    );
    numbered(
        d,
        place,
        (old.0, &old_base),
        (new.0, &new_base),
        |d, here, (o, op), (n, np)| {
            d.text(
                Item::Strategy,
                here,
                side(format!("{op}.title"), &o.title),
                side(format!("{np}.title"), &n.title),
            );
            numbered(
                d,
                here,
                (&o.initiatives, &format!("{op}.initiatives")),
                (&n.initiatives, &format!("{np}.initiatives")),
                initiative_content,
            );
        },
    );
}

/// A 様式2 具体的取組's title and amount, compared as a 様式1 line is.
fn initiative_content(
    d: &mut Differ,
    here: &[Step],
    (o, op): (&Form2Initiative, &str),
    (n, np): (&Form2Initiative, &str),
) {
    let unit = |x: &Form2Initiative, path: &str| Unit {
        item: Item::Initiative,
        path: format!("{path}.title"),
        text: x.title.clone(),
        paragraph: None,
        amount: x.amount.clone().map(|a| (format!("{path}.amount"), a)),
    };
    d.unit_content(here, &unit(o, op), &unit(n, np));
}
