//! The parts of a plan outside the 経営課題: attributes, labels, preamble, 目標 / 使命 / 方針,
//! 様式3 rows and the 自己評価.

use super::differ::events;
use super::differ::{Differ, side, within};
use super::form2::blocks;
use super::issues::joined;
use super::model::{ChangeKind, Field, Item, Section, Side, Step};
use super::pairing::pair_up;
use super::text::similarity;
use crate::model::{Plan, Reform, ReformRow, SelfEvaluation};
use crate::rich::RichText;

/// A part of a plan or of its 自己評価, by where it is printed and how to reach it.
type Part<S, T> = (S, &'static str, fn(&T) -> &RichText);

fn section(section: Section) -> Vec<Step> {
    vec![Step::Section { section }]
}

fn field(section_id: Section, field: Field) -> Vec<Step> {
    within(&section(section_id), Step::Field { field })
}

/// Plan attributes (`meta`), the label wording variant and label overrides.
pub(crate) fn meta(d: &mut Differ, old: &Plan, new: &Plan) {
    let values = |p: &Plan| -> [(Field, &'static str, String); 8] {
        let m = &p.meta;
        [
            (
                Field::Organisation,
                "meta.organisation.name",
                m.organisation.name.clone(),
            ),
            (
                Field::OrganisationKind,
                "meta.organisation.kind",
                m.organisation.kind.as_str().to_owned(),
            ),
            (Field::FiscalYear, "meta.fiscal_year", m.fiscal_year.clone()),
            (Field::Status, "meta.status", m.status.as_str().to_owned()),
            (
                Field::Generation,
                "meta.generation",
                format!("{:?}", m.generation),
            ),
            (Field::Template, "meta.template", m.template.clone()),
            (
                Field::SampleData,
                "meta.sample_data",
                m.sample_data.to_string(),
            ),
            (
                Field::Source,
                "meta.source",
                m.source.clone().unwrap_or_default(),
            ),
        ]
    };
    for ((f, path, o), (_, _, n)) in values(old).into_iter().zip(values(new)) {
        let present = |v: String| (!v.is_empty()).then(|| side(path, v));
        d.value(
            ChangeKind::ValueChanged,
            Item::Value,
            &field(Section::Meta, f),
            present(o),
            present(n),
        );
    }
    labels(d, old, new);
}

/// The label wording variant and the plan's label overrides.
fn labels(d: &mut Differ, old: &Plan, new: &Plan) {
    // The wording variant matters only when it changes the printed labels.
    if old.meta.label_variant != new.meta.label_variant {
        let kind = |p: &Plan| Some(side("meta.label_variant", p.label_kind().as_str()));
        d.value(
            ChangeKind::LabelChanged,
            Item::Label,
            &field(Section::Labels, Field::LabelVariant),
            kind(old),
            kind(new),
        );
    }
    let ids: std::collections::BTreeSet<&String> =
        old.labels.keys().chain(new.labels.keys()).collect();
    for id in ids {
        let label = |p: &Plan| {
            p.labels
                .get(id)
                .map(|text| side(format!("labels.{id}"), text))
        };
        d.value(
            ChangeKind::LabelChanged,
            Item::Label,
            &section(Section::Labels),
            label(old),
            label(new),
        );
    }
}

/// Preamble, 目標, 使命 and 運営の基本的な考え方.
pub(crate) fn head(d: &mut Differ, old: &Plan, new: &Plan) {
    blocks(
        d,
        &section(Section::Preamble),
        (&old.preamble, "preamble"),
        (&new.preamble, "preamble"),
    );
    let parts: [Part<Section, Plan>; 3] = [
        (Section::Goal, "goal", |p| &p.goal),
        (Section::Mission, "mission", |p| &p.mission),
        (Section::Policy, "policy", |p| &p.policy),
    ];
    for (s, key, text) in parts {
        d.rich(&section(s), (text(old), key), (text(new), key));
    }
}

/// 様式3: 「市政改革プラン」に基づく取組等.
pub(crate) fn reform(d: &mut Differ, old: Option<&Reform>, new: Option<&Reform>) {
    let place = section(Section::Reform);
    let (old, new) = match (old, new) {
        (None, None) => return,
        (Some(r), None) => {
            return d.one_sided(ChangeKind::Removed, Item::Section, &place, reform_side(r));
        }
        (None, Some(r)) => {
            return d.one_sided(ChangeKind::Added, Item::Section, &place, reform_side(r));
        }
        (Some(o), Some(n)) => (o, n),
    };
    let version = |r: &Reform| {
        r.plan_version
            .as_ref()
            .map(|v| side("reform.plan_version", v))
    };
    d.value(
        ChangeKind::ValueChanged,
        Item::Value,
        &field(Section::Reform, Field::PlanVersion),
        version(old),
        version(new),
    );
    let items = |r: &Reform| {
        r.rows
            .iter()
            .map(|row| row.item.clone())
            .collect::<Vec<_>>()
    };
    let (old_items, new_items) = (items(old), items(new));
    let pairs = pair_up(&old_items, &new_items, 0.5, |i, j| {
        let content = similarity(&joined(&old.rows[i].content), &joined(&new.rows[j].content));
        similarity(&old_items[i], &new_items[j]).max(content)
    });
    let none = std::collections::HashSet::new();
    let row_side = |r: &ReformRow, k: usize| side(format!("reform.rows[{k}]"), &r.item);
    let sides = (|i| row_side(&old.rows[i], i), |j| row_side(&new.rows[j], j));
    for event in events(old.rows.len(), new.rows.len(), &pairs, &none, &none) {
        if let Some((i, j, moved)) = d.listed(event, Item::Row, &place, (&sides.0, &sides.1)) {
            if moved {
                d.push(super::model::Change {
                    old: Some(sides.0(i)),
                    new: Some(sides.1(j)),
                    ..super::differ::change(ChangeKind::Moved, Item::Row, &place)
                });
            }
            row(d, &place, (&old.rows[i], i), (&new.rows[j], j));
        }
    }
}

fn row(d: &mut Differ, place: &[Step], (o, i): (&ReformRow, usize), (n, j): (&ReformRow, usize)) {
    let here = within(
        place,
        Step::Row {
            item: n.item.clone(),
        },
    );
    let (op, np) = (format!("reform.rows[{i}]"), format!("reform.rows[{j}]"));
    d.text(
        Item::Title,
        &here,
        side(format!("{op}.item"), &o.item),
        side(format!("{np}.item"), &n.item),
    );
    for (f, key, ot, nt) in [
        (Field::Content, "content", &o.content, &n.content),
        (
            Field::MidtermReview,
            "midterm_review",
            &o.midterm_review,
            &n.midterm_review,
        ),
    ] {
        d.rich(
            &within(&here, Step::Field { field: f }),
            (ot, &format!("{op}.{key}")),
            (nt, &format!("{np}.{key}")),
        );
    }
}

fn reform_side(reform: &Reform) -> Side {
    let rows: Vec<&str> = reform.rows.iter().map(|r| r.item.as_str()).collect();
    side("reform", rows.join("\n"))
}

/// 自己評価.
pub(crate) fn self_evaluation(
    d: &mut Differ,
    old: Option<&SelfEvaluation>,
    new: Option<&SelfEvaluation>,
) {
    let place = section(Section::SelfEvaluation);
    let parts: [Part<Field, SelfEvaluation>; 4] = [
        (Field::Achievements, "achievements", |s| &s.achievements),
        (Field::Challenges, "challenges", |s| &s.challenges),
        (Field::Overall, "overall", |s| &s.overall),
        (Field::FuturePolicy, "future_policy", |s| &s.future_policy),
    ];
    let whole = |s: &SelfEvaluation| {
        let text: Vec<String> = parts
            .iter()
            .map(|(_, _, f)| joined(f(s)))
            .filter(|t| !t.is_empty())
            .collect();
        side("self_evaluation", text.join("\n"))
    };
    match (old, new) {
        (None, None) => {}
        (Some(s), None) => d.one_sided(ChangeKind::Removed, Item::Section, &place, whole(s)),
        (None, Some(s)) => d.one_sided(ChangeKind::Added, Item::Section, &place, whole(s)),
        (Some(o), Some(n)) => {
            for (f, key, text) in parts {
                let path = format!("self_evaluation.{key}");
                d.rich(
                    &field(Section::SelfEvaluation, f),
                    (text(o), &path),
                    (text(n), &path),
                );
            }
        }
    }
}
