//! Composition (JLREQ) on a monospaced model font at 1 em = 1.0: full-width punctuation with
//! its ink in one half (・ in the middle), ASCII half width.

use super::*;

const EM: f32 = 1.0;

fn model(c: char) -> CharBox {
    let full = |free_start: f32, free_end: f32| CharBox {
        advance: 1.0,
        free_start,
        free_end,
    };
    match Class::of(c, !c.is_ascii()) {
        Class::Opening => full(0.55, 0.05),
        Class::Closing | Class::Comma | Class::FullStop => full(0.05, 0.55),
        Class::MiddleDot => full(0.4, 0.4),
        _ if c.is_ascii() => CharBox::solid(0.5),
        _ => CharBox::solid(1.0),
    }
}

fn options(justify: bool) -> BreakOptions {
    BreakOptions {
        hanging_punctuation: false,
        composition: Some(Composition {
            justify,
            ..Composition::default()
        }),
    }
}

fn set(text: &str, width: f32) -> Vec<ComposedLine> {
    let lines = compose(text, width, EM, &model, options(true));
    check(text, &lines, width);
    lines
}

fn texts<'a>(text: &'a str, lines: &[ComposedLine]) -> Vec<&'a str> {
    lines.iter().map(|l| &text[l.range.clone()]).collect()
}

/// Round trip, one entry per character, inks in order without overlap (an origin may sit
/// before the previous one's when a bracket's blank covers a reduced space), ink inside the
/// line (a hanging mark's ink past it by at most half an em).
fn check(text: &str, lines: &[ComposedLine], width: f32) {
    let rebuilt: Vec<&str> = lines.iter().map(|l| &text[l.range.clone()]).collect();
    assert_eq!(rebuilt.concat(), text.replace('\n', ""), "round trip");
    for line in lines {
        let s = &text[line.range.clone()];
        assert_eq!(line.chars.len(), s.chars().count(), "{s:?}");
        let chars: Vec<char> = s.chars().collect();
        let hung = line
            .hanging
            .then(|| chars.iter().rposition(|&c| !is_space(c)));
        for (i, pair) in line.chars.windows(2).enumerate() {
            assert!(pair[0].ink.1 <= pair[1].ink.0 + 1e-4, "{s:?}: {pair:?}");
            // The last printed character's advance ends where the line does; trailing
            // spaces and a hanging mark follow at their natural places.
            if !is_space(chars[i + 1]) && hung != Some(Some(i + 1)) {
                assert!(
                    (pair[0].x + pair[0].advance - pair[1].x).abs() < 1e-4,
                    "{s:?}"
                );
            }
        }
        let limit = if line.hanging { width + 0.5 } else { width };
        for (c, placed) in s.chars().zip(&line.chars) {
            if !is_space(c) && line.chars.len() > 1 {
                assert!(placed.ink.0 >= -1e-4, "{s:?}: {c} ink {placed:?}");
                assert!(placed.ink.1 <= limit + 1e-4, "{s:?}: {c} ink {placed:?}");
            }
        }
        if line.chars.len() > 1 && width.is_finite() && width > 0.0 {
            assert!(
                line.width <= width + 1e-3,
                "{s:?}: {} > {width}",
                line.width
            );
        }
    }
}

/// Width a pair of marks takes between two kanji: the JLREQ 3.1.4 amounts.
#[test]
fn consecutive_punctuation_takes_the_jlreq_widths() {
    let cases: &[(&str, f32)] = &[
        ("、", 1.0),
        ("。", 1.0),
        ("「", 1.0),
        ("」", 1.0),
        ("・", 1.0),
        ("、「", 1.5),
        ("。「", 1.5),
        ("」「", 1.5),
        ("）（", 1.5),
        ("（（", 1.5),
        ("」」", 1.5),
        ("。」", 1.5),
        ("、」", 1.5),
        ("」、", 1.5),
        ("」。", 1.5),
        ("）、", 1.5),
        ("』」", 1.5),
        ("「『", 1.5),
        ("」・", 1.5),
        ("・「", 1.5),
        ("・・", 2.0),
        ("、・", 2.0),
        ("。」「", 2.0),
        ("）」、「（", 3.0),
    ];
    for &(marks, expected) in cases {
        let text = format!("漢{marks}字");
        let lines = set(&text, 100.0);
        assert_eq!(lines.len(), 1);
        let got = lines[0].width - 2.0;
        assert!(
            (got - expected).abs() < 1e-4,
            "{marks}: {got} em, JLREQ {expected}"
        );
    }
}

#[test]
fn consecutive_punctuation_is_set_tight_without_justification_too() {
    let text = "となり、「★★";
    let ragged = compose(text, 100.0, EM, &model, options(false));
    let chars = &ragged[0].chars;
    // 、 ink at 3.0–3.5, half an em, 「 ink at 4.0–4.5: the pair takes 1.5 em, not 2.
    assert!(
        (chars[4].ink.1 - chars[3].ink.0 - 1.5).abs() < 1e-4,
        "{chars:?}"
    );
    assert!((ragged[0].width - 6.5).abs() < 1e-4);
}

#[test]
fn opening_bracket_at_a_wrapped_line_start_is_flush() {
    // Width 4: 「 starts the second line.
    let text = "ああああ「いい」とした。";
    let lines = set(text, 4.0);
    assert_eq!(texts(text, &lines)[1], "「いい」と");
    let bracket = lines[1].chars[0];
    assert!(
        (bracket.ink.0 - 0.0).abs() < 1e-4,
        "天付き: ink at the line start"
    );
    assert!(
        (bracket.x + 0.5).abs() < 1e-4,
        "its blank half lies before the line"
    );
    // Half-em indent as an option.
    let mut indent = options(true);
    if let Some(c) = indent.composition.as_mut() {
        c.indent_line_start_bracket = true;
    }
    let lines = compose(text, 4.0, EM, &model, indent);
    assert!((lines[1].chars[0].ink.0 - 0.5).abs() < 1e-4);
    // A paragraph's first line keeps its form.
    let lines = set("「いい」と言った。", 100.0);
    assert!(lines[0].chars[0].x.abs() < 1e-4 && (lines[0].chars[0].ink.0 - 0.5).abs() < 1e-4);
}

#[test]
fn every_line_but_the_last_is_set_to_the_measure() {
    let text = "福島区は、近年大型マンションが増加し、それに伴い人口増加が顕著である。特に若年層（20〜30代）の流入が激しく、「つながり」を大切にしたPDF版のまちづくりを進める。";
    for tenth in 60..=300 {
        let width = tenth as f32 / 10.0;
        let lines = set(text, width);
        let (last, rest) = lines.split_last().unwrap();
        for line in rest {
            let s = &text[line.range.clone()];
            assert!(
                (line.width - width).abs() < 1e-3,
                "{width}: {s:?} {}",
                line.width
            );
        }
        assert!(last.width <= width + 1e-3);
        let refs = texts(text, &lines);
        assert_eq!(kinsoku_violations(&refs), [], "{width}: {refs:?}");
    }
}

#[test]
fn ragged_right_keeps_natural_spacing() {
    // The first line (8 em) is 0.2 em short and stays so.
    let text = "ああああああ、いいいいい、ううう";
    let lines = compose(text, 8.2, EM, &model, options(false));
    for line in &lines {
        for pair in line.chars.windows(2) {
            let step = pair[1].x - pair[0].x;
            assert!([0.5, 1.0].iter().any(|s| (step - s).abs() < 1e-4), "{step}");
        }
    }
    assert_eq!(&text[lines[0].range.clone()], "ああああああ、い");
    assert!((lines[0].width - 8.0).abs() < 1e-4);
}

#[test]
fn last_line_and_line_before_a_hard_break_are_flush_left() {
    let text = "あいうえおかきくけこさし\nすせそ";
    let lines = set(text, 5.0);
    let last_of_first = &lines[2];
    assert_eq!(&text[last_of_first.range.clone()], "さし");
    assert!(last_of_first.last_in_paragraph);
    assert!((last_of_first.width - 2.0).abs() < 1e-4);
    assert!((lines[3].width - 3.0).abs() < 1e-4);
    assert!(!lines[0].last_in_paragraph);
}

#[test]
fn punctuation_is_squeezed_in_before_anything_is_pushed_out() {
    // Natural widths: 「ああ、ああ」 is 5 em; the 、 after it may not start a line, and fits
    // when the blank after the first 、 and the one at the end go (追い込み).
    let text = "ああ、ああ、いいい";
    let lines = set(text, 5.0);
    assert_eq!(texts(text, &lines), ["ああ、ああ、", "いいい"]);
    assert!((lines[0].width - 5.0).abs() < 1e-4);
    // Without composition, or ragged, the same text pushes a character down (追い出し).
    let plain = break_lines(text, 5.0, &|c| model(c).advance, BreakOptions::default());
    assert_eq!(&text[plain[0].range.clone()], "ああ、あ");
    let ragged = compose(text, 5.0, EM, &model, options(false));
    assert_eq!(&text[ragged[0].range.clone()], "ああ、あ");
}

#[test]
fn latin_text_is_set_a_quarter_em_apart() {
    let lines = set("あPDFあ", 100.0);
    assert!((lines[0].width - 4.0).abs() < 1e-4, "1 + ¼ + 1.5 + ¼ + 1");
    assert!((lines[0].chars[1].x - 1.25).abs() < 1e-4);
    // Not inside an amount: `(2,781千円)` keeps its own spacing, as does 「PDF」.
    let lines = set("事業(2,781千円)を", 100.0);
    let expected: f32 = "事業(2,781千円)を".chars().map(|c| model(c).advance).sum();
    assert!((lines[0].width - expected).abs() < 1e-4);
    let lines = set("「PDF」", 100.0);
    assert!((lines[0].width - 3.5).abs() < 1e-4, "1 + 1.5 + 1");
    // Off in the template: no space.
    let mut none = options(true);
    if let Some(c) = none.composition.as_mut() {
        c.latin_gap_em = 0.0;
    }
    let lines = compose("あPDFあ", 100.0, EM, &model, none);
    assert!((lines[0].width - 3.5).abs() < 1e-4);
}

#[test]
fn justification_widens_latin_gaps_first_then_between_characters() {
    // 「あPDFあいう」 (6 em) before a word too long to follow it.
    let text = "あPDFあいうabcdefghijkl";
    let lines = set(text, 6.45);
    assert_eq!(&text[lines[0].range.clone()], "あPDFあいう");
    let x: Vec<f32> = lines[0].chars.iter().map(|c| c.x).collect();
    // Both 和欧間 take the 0.45 em; the kana keep their solid setting.
    assert!((x[1] - 1.475).abs() < 1e-4, "{x:?}");
    assert!((x[5] - x[4] - 1.0).abs() < 1e-4 && (x[6] - x[5] - 1.0).abs() < 1e-4);
    // One em short: 和欧間 go to half an em, the kana gaps take the rest (¼ em each).
    let lines = set(text, 7.0);
    let x: Vec<f32> = lines[0].chars.iter().map(|c| c.x).collect();
    assert!((x[1] - 1.5).abs() < 1e-4, "{x:?}");
    assert!((x[5] - x[4] - 1.25).abs() < 1e-4, "{x:?}");
    // Letters of the word never move apart.
    assert!((x[2] - x[1] - 0.5).abs() < 1e-4 && (x[3] - x[2] - 0.5).abs() < 1e-4);
}

#[test]
fn letters_spread_only_when_a_line_has_no_other_gap() {
    let text = "abcdefgh、ああああああ";
    let lines = set(text, 5.2);
    assert_eq!(&text[lines[0].range.clone()], "abcdefgh、");
    let steps: Vec<f32> = lines[0].chars.windows(2).map(|p| p[1].x - p[0].x).collect();
    assert!(
        steps[..7].iter().all(|s| (s - 0.525).abs() < 1e-4),
        "{steps:?}"
    );
    assert!((lines[0].width - 5.2).abs() < 1e-4);
}

#[test]
fn numbers_stay_with_their_unit_words() {
    let text = "主な取組の予算は2,781千円で、対象は15,224人、令和2年度から実施する。";
    // From 5 em on, 「2,781千円」 (4.5 em) fits on a line.
    for tenth in 50..=200 {
        let width = tenth as f32 / 10.0;
        let lines = set(text, width);
        let refs = texts(text, &lines);
        for (a, b) in refs.iter().zip(refs.iter().skip(1)) {
            assert!(!(a.ends_with("2,781") && b.starts_with("千円")), "{refs:?}");
            assert!(!a.ends_with("2,781千"), "{refs:?}");
            assert!(!(a.ends_with('2') && b.starts_with("年度")), "{refs:?}");
        }
        assert_eq!(kinsoku_violations(&refs), [], "{width}: {refs:?}");
    }
    assert_eq!(
        kinsoku_violations(&["予算は2,781", "千円"])[0].rule,
        RULE_UNIT_SPLIT
    );
}

#[test]
fn urls_break_only_after_slash_dot_hyphen_question_mark_ampersand() {
    let url = "https://www.city.osaka.lg.jp/fukushima/page/0000123-abc.html?id=12&lang=ja";
    let text = format!("詳しくは{url}をご覧ください。");
    for tenth in 60..=250 {
        let width = tenth as f32 / 10.0;
        let lines = set(&text, width);
        let refs = texts(&text, &lines);
        for (a, b) in refs.iter().zip(refs.iter().skip(1)) {
            let inside = a.contains("://") || a.is_ascii();
            if inside && b.starts_with(|c: char| c.is_ascii_alphanumeric()) {
                assert!(a.ends_with(['/', '.', '-', '?', '&']), "{width}: {refs:?}");
                assert!(!a.ends_with(":/"), "{width}: {refs:?}");
            }
        }
        assert_eq!(kinsoku_violations(&refs), [], "{width}: {refs:?}");
    }
    // The checker still flags a word split at a URL's letters.
    assert_eq!(
        kinsoku_violations(&["https://www.ci", "ty.osaka"])[0].rule,
        RULE_WORD_SPLIT
    );
}

#[test]
fn tabs_advance_to_the_next_em() {
    let lines = set("項目\t内容", 100.0);
    let x: Vec<f32> = lines[0].chars.iter().map(|c| c.x).collect();
    assert_eq!(x, [0.0, 1.0, 2.0, 3.0, 4.0], "a tab at 2 em reaches 3 em");
    let lines = set("a\tb", 100.0);
    assert!((lines[0].chars[2].x - 1.0).abs() < 1e-4);
    let lines = set("ab\tc", 100.0);
    assert!(
        (lines[0].chars[3].x - 2.0).abs() < 1e-4,
        "a tab at a stop goes a full em"
    );
}

#[test]
fn hanging_marks_hang_only_when_squeezing_cannot_fit_them() {
    let mut hang = options(true);
    hang.hanging_punctuation = true;
    let text = "あいうえおかき、くけこ";
    let lines = compose(text, 7.0, EM, &model, hang);
    check(text, &lines, 7.0);
    assert!(lines[0].hanging, "{:?}", texts(text, &lines));
    assert!((lines[0].width - 7.0).abs() < 1e-4);
    let mark = lines[0].chars[7];
    assert!((mark.ink.0 - 7.0).abs() < 1e-4 && (mark.ink.1 - 7.5).abs() < 1e-4);
    // With a reducible blank on the line the mark is squeezed in instead.
    let text = "あ、いうえおか、くけこ";
    let lines = compose(text, 7.0, EM, &model, hang);
    assert!(!lines[0].hanging, "{:?}", texts(text, &lines));
}

#[test]
fn without_composition_every_character_keeps_its_advance() {
    let text = "ああ、「いい」。";
    let lines = compose(text, 100.0, EM, &model, BreakOptions::default());
    let x: Vec<f32> = lines[0].chars.iter().map(|c| c.x).collect();
    assert_eq!(x, [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]);
    assert_eq!(lines[0].width, 8.0);
}

const CORPUS: &[&str] = &[
    "「ああ」、",
    "（いい）。",
    "PDFを",
    "約15,224人",
    "予算(2,781千円)",
    "ちょっと",
    "・項目",
    "management plan",
    "はhttps://www.example.jp/a-b/c.htmlを",
    "【重要】",
    "2.5%",
    "『計画』「",
    "あ…… ",
    "\t",
    "　",
];

/// `compose_unplaced` sets the same lines as `compose` did (`placed`), to the bit of their
/// widths, without character positions.
fn assert_unplaced_lines_match(text: &str, width: f32, placed: &[ComposedLine], o: BreakOptions) {
    let unplaced = compose_unplaced(text, width, EM, &model, o);
    assert_eq!(unplaced.len(), placed.len(), "{text:?}");
    for (u, p) in unplaced.iter().zip(placed) {
        assert!(u.chars.is_empty());
        assert_eq!(
            (&u.range, u.width.to_bits(), u.hanging, u.last_in_paragraph),
            (&p.range, p.width.to_bits(), p.hanging, p.last_in_paragraph),
            "{text:?} at {width}"
        );
    }
}

/// Random paragraphs at many widths, justified and ragged: the invariants of `check`, no
/// 禁則 violation, justified lines at the measure.
#[test]
fn random_paragraphs_keep_every_invariant() {
    let mut seed: u64 = 0x5DEE_CE66;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for round in 0..300 {
        let mut text = String::new();
        for _ in 0..next(30) + 1 {
            let fragment = CORPUS[next(CORPUS.len())];
            // Keep words from running into each other (a word longer than the line is
            // split, a 禁則 chain longer than the line breaks anyway: not what this tests).
            if text.ends_with(|c: char| c.is_ascii_alphanumeric())
                && fragment.starts_with(|c: char| c.is_ascii_alphanumeric())
            {
                text.push('と');
            }
            text.push_str(fragment);
            if next(8) == 0 {
                text.push('あ');
            }
        }
        let width = 6.0 + next(200) as f32 / 10.0;
        for justify in [true, false] {
            let lines = compose(&text, width, EM, &model, options(justify));
            check(&text, &lines, width);
            assert_unplaced_lines_match(&text, width, &lines, options(justify));
            let hanging = BreakOptions {
                hanging_punctuation: true,
                ..options(justify)
            };
            let hung = compose(&text, width, EM, &model, hanging);
            assert_unplaced_lines_match(&text, width, &hung, hanging);
            let refs = texts(&text, &lines);
            assert_eq!(kinsoku_violations(&refs), [], "{round}: {refs:?}");
            for line in lines.iter().filter(|l| justify && !l.last_in_paragraph) {
                let printed = text[line.range.clone()].trim_end_matches(is_space);
                if printed.chars().count() > 1 {
                    assert!((line.width - width).abs() < 1e-3, "{round}: {printed:?}");
                }
            }
        }
    }
}
