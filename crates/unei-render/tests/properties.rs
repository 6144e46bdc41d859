//! Random valid plans through the layout engine and the PDF writer: every model text is laid
//! out exactly, every glyph lies inside its cell and the page, no 禁則 violation, and the
//! PDF is produced without error.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

use std::collections::BTreeMap;

use proptest::prelude::*;
use unei_core::{Block, BulletList, ItemKind, Plan, Template, outline};
use unei_render::layout::{Document, Rect};
use unei_render::linebreak::kinsoku_violations;
use unei_render::{PdfOptions, layout, template_fonts, write_pdf};

/// Characters the forms are made of: kana, kanji, punctuation that 禁則 cares about, Latin,
/// digits and spaces.
const ALPHABET: &str = "あいうえおかきくけこっゃゅょぁァィッャー々ゝ区役所地域防災支援取組計画福島、。，．「」『』（）【】〔〕・：；！？…‥―ABCxyz0123456789,.%()　 ";

fn text(max: usize) -> impl Strategy<Value = String> {
    let chars: Vec<char> = ALPHABET.chars().collect();
    prop::collection::vec(prop::sample::select(chars), 1..max)
        .prop_map(|v| v.into_iter().collect::<String>().trim().to_owned())
        .prop_filter("visible text", |s| !s.is_empty())
}

fn rich() -> impl Strategy<Value = Vec<Block>> {
    prop::collection::vec(
        prop_oneof![
            text(400).prop_map(Block::P),
            prop::collection::vec(text(120), 1..5).prop_map(|items| Block::List(BulletList {
                marker: "・".into(),
                items
            })),
        ],
        1..4,
    )
}

fn plan() -> impl Strategy<Value = Plan> {
    let base: Plan = {
        let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../fixtures/plans/fukushima-r2.json");
        unei_core::plan_from_str(&std::fs::read_to_string(path).unwrap(), "base").unwrap()
    };
    (rich(), rich(), rich(), text(40), rich(), rich()).prop_map(
        move |(goal, mission, policy, title, overview, strategies)| {
            let mut plan = base.clone();
            plan.goal = goal;
            plan.mission = mission;
            plan.policy = policy;
            plan.issues[0].title = title;
            plan.issues[0].overview = overview;
            plan.issues[0].strategies = strategies;
            plan
        },
    )
}

fn check(plan: &Plan, doc: &Document) {
    let page = Rect {
        x: 0.0,
        y: 0.0,
        w: doc.width,
        h: doc.height,
    };
    let mut by_source: BTreeMap<&str, String> = BTreeMap::new();
    let mut lines: BTreeMap<&str, Vec<(usize, f32, String)>> = BTreeMap::new();
    for p in 0..doc.pages.len() {
        for run in doc.runs(p) {
            assert!(
                page.contains(&run.glyph_box) && run.cell.contains(&run.glyph_box),
                "{run:?}"
            );
            by_source
                .entry(&run.source)
                .or_default()
                .push_str(&run.text);
            let l = lines.entry(&run.source).or_default();
            match l.last_mut() {
                Some((pp, y, t)) if *pp == p && (*y - run.baseline).abs() < 0.01 => {
                    t.push_str(&run.text)
                }
                _ => l.push((p, run.baseline, run.text.clone())),
            }
        }
    }
    for item in outline(plan, &Template::bundled())
        .into_iter()
        .filter(|i| i.kind == ItemKind::Text)
    {
        assert_eq!(
            by_source.get(item.path.as_str()),
            Some(&item.text),
            "{}",
            item.path
        );
    }
    for (source, l) in lines
        .iter()
        .filter(|(s, _)| !s.starts_with("labels.") && **s != "page_number")
    {
        let texts: Vec<&str> = l.iter().map(|(_, _, t)| t.as_str()).collect();
        let v = kinsoku_violations(&texts);
        assert!(v.is_empty(), "{source}: {v:?} in {texts:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn random_plans_lay_out_completely_inside_their_cells(plan in plan()) {
        let template = Template::bundled();
        let fonts = template_fonts(&template).unwrap();
        let doc = layout(&plan, &template, &fonts).unwrap();
        check(&plan, &doc);
        let pdf = write_pdf(&doc, &fonts, &PdfOptions { epoch: 0, compress_content: true, standard: Default::default() }).unwrap();
        prop_assert!(pdf.starts_with(b"%PDF-1.7"));
    }
}
