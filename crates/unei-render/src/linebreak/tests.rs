use super::units::cluster_end;
use super::*;

/// Monospace metrics from the brief: ASCII is half width, the rest full width.
fn mono(c: char) -> f32 {
    if c.is_ascii() { 0.5 } else { 1.0 }
}

fn opts(hang: bool) -> BreakOptions {
    BreakOptions {
        hanging_punctuation: hang,
        composition: None,
    }
}

fn wrap(text: &str, width: f32, hang: bool) -> Vec<LineSpan> {
    let spans = break_lines(text, width, &mono, opts(hang));
    assert_invariants(text, &spans, width, hang);
    spans
}

fn lines(text: &str, width: f32, hang: bool) -> Vec<&str> {
    wrap(text, width, hang)
        .into_iter()
        .map(|s| &text[s.range])
        .collect()
}

fn cluster_count(s: &str) -> usize {
    let mut count = 0;
    let mut pos = 0;
    while pos < s.len() {
        pos = cluster_end(s, pos, s.len());
        count += 1;
    }
    count
}

/// Round trip, widths as reported and within the limit, no empty lines.
fn assert_invariants(text: &str, spans: &[LineSpan], max: f32, hang: bool) {
    let mut rebuilt = String::with_capacity(text.len());
    for (k, span) in spans.iter().enumerate() {
        if k > 0 && spans[k - 1].range.end != span.range.start {
            assert_eq!(&text[spans[k - 1].range.end..span.range.start], "\n");
            rebuilt.push('\n');
        }
        rebuilt.push_str(&text[span.range.clone()]);
    }
    assert_eq!(rebuilt, text, "round trip");
    let hard = spans
        .windows(2)
        .filter(|p| p[0].range.end != p[1].range.start);
    assert_eq!(
        hard.count(),
        text.matches('\n').count(),
        "one gap per hard break"
    );
    for span in spans {
        check_span(text, span, max, hang);
    }
}

fn check_span(text: &str, span: &LineSpan, max: f32, hang: bool) {
    let line = &text[span.range.clone()];
    if line.is_empty() {
        let at_start = span.range.start == 0 || text[..span.range.start].ends_with('\n');
        let at_end = span.range.end == text.len() || text[span.range.end..].starts_with('\n');
        assert!(at_start && at_end, "empty line inside a paragraph");
    }
    let mut printed = line.trim_end_matches(is_space);
    if span.hanging {
        assert!(hang, "hanging without the option");
        let mark = printed.chars().next_back().unwrap();
        assert!(in_table(HANGABLE, mark), "{mark} hangs");
        printed = &printed[..printed.len() - mark.len_utf8()];
    }
    let width: f32 = printed.chars().map(mono).sum();
    assert!(
        (width - span.width).abs() < 1e-3,
        "{line:?}: {width} vs {}",
        span.width
    );
    if span.width > max {
        assert!(cluster_count(printed) <= 1, "{line:?} wider than {max}");
    }
}

/// Deterministic xorshift64* so the property tests need no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

#[test]
fn every_forbidden_start_character_is_pushed_out() {
    let small_ext = ['ㇰ', 'ㇷ', 'ㇿ'];
    for &c in NO_START.chars.iter().chain(&small_ext) {
        let text = format!("ああああ{c}いい");
        let got = lines(&text, 4.0, false);
        assert_eq!(got[0], "あああ", "{c}: {got:?}");
        assert!(got[1].starts_with(&format!("あ{c}")), "{c}: {got:?}");
        assert_eq!(kinsoku_violations(&got), [], "{c}");
    }
}

#[test]
fn every_forbidden_end_character_is_pushed_out() {
    for &c in NO_END.chars {
        let text = format!("あああ{c}いいいい");
        let got = lines(&text, 4.0, false);
        assert_eq!(got[0], "あああ", "{c}: {got:?}");
        assert!(got[1].starts_with(c), "{c}: {got:?}");
        assert_eq!(kinsoku_violations(&got), [], "{c}");
    }
}

#[test]
fn required_classes_are_covered() {
    let start = "、。，．,.）)」』】〕〉》］]｝}！？!?：；:;・々ゝゞヽヾー…‥ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ゛゜’”ㇰㇿ";
    assert!(start.chars().all(forbidden_at_line_start));
    assert!("（(「『【〔〈《［[｛{‘“".chars().all(forbidden_at_line_end));
    assert!(!forbidden_at_line_start('あ') && !forbidden_at_line_end('あ'));
}

#[test]
fn dense_punctuation_never_violates() {
    let text = "「ああ」、「いい」。（うう）ー……「ええ」！？『おお』、【かか】。";
    for tenth in 50..=200 {
        let width = tenth as f32 / 10.0;
        for hang in [false, true] {
            let spans = wrap(text, width, hang);
            assert_eq!(span_violations(text, &spans), [], "width {width}");
        }
    }
    for width in 1..5 {
        wrap(text, width as f32, false);
    }
}

#[test]
fn small_kana_stay_with_their_base() {
    let text = "キャッシュのチェックインをちょっと待って。しゃっくりとジェットコースター。";
    for width in 4..30 {
        let got = lines(text, width as f32, false);
        assert_eq!(kinsoku_violations(&got), [], "width {width}: {got:?}");
    }
}

#[test]
fn numbers_are_never_split() {
    let text =
        "予算は15,224千円で、そのうち(2,781千円)と2.5%と１５，２２４円と¥1,000と▲120を含む。";
    let numbers = ["15,224", "(2,781", "2.5%", "１５，２２４", "¥1,000", "▲120"];
    for width in 3..7 {
        wrap(text, width as f32, false);
    }
    // From 7 on every number fits on a line with its unit word (`１５，２２４円` is 7 em),
    // so none may be cut.
    for width in 7..30 {
        let spans = wrap(text, width as f32, false);
        assert_eq!(span_violations(text, &spans), [], "width {width}");
        for number in numbers {
            let at = text.find(number).unwrap();
            for span in &spans[1..] {
                let cut = span.range.start;
                assert!(
                    cut <= at || cut >= at + number.len(),
                    "{number} cut at {width}"
                );
            }
        }
    }
}

#[test]
fn latin_words_are_split_only_when_longer_than_the_line() {
    let text = "これはmanagement planとwell-knownとdon'tの例です";
    for width in 3..20 {
        let got = lines(text, width as f32, false);
        let whole = got.iter().any(|l| l.contains("management"));
        assert_eq!(whole, width >= 5, "width {width}: {got:?}");
        if width >= 5 {
            assert_eq!(kinsoku_violations(&got), [], "width {width}");
            assert!(got.iter().any(|l| l.contains("well-known")));
            assert!(got.iter().any(|l| l.contains("don't")));
        }
    }
}

#[test]
fn ellipsis_and_dash_pairs_stay_together() {
    let text = "彼は「……」と言った。「――」も同様で、‥‥や——も。";
    for width in 4..20 {
        let got = lines(text, width as f32, false);
        assert_eq!(kinsoku_violations(&got), [], "width {width}: {got:?}");
        for pair in ["「……」", "「――」", "‥‥", "——"] {
            assert!(got.iter().any(|l| l.contains(pair)), "{pair} at {width}");
        }
    }
}

#[test]
fn hanging_punctuation_on_and_off() {
    let text = "ああああ、いいいい";
    assert_eq!(lines(text, 4.0, false), ["あああ", "あ、いい", "いい"]);
    let spans = wrap(text, 4.0, true);
    assert_eq!(
        spans[0],
        LineSpan {
            range: 0..15,
            width: 4.0,
            hanging: true
        }
    );
    assert_eq!(&text[spans[1].range.clone()], "いいいい");
    assert_eq!(lines("ああああ.いい", 4.0, true)[0], "ああああ.");
    assert_eq!(lines("ああああ。", 4.0, true), ["ああああ。"]);
}

#[test]
fn only_one_mark_hangs_and_never_before_a_closing_bracket() {
    assert_eq!(
        lines("ああああ。」いい", 4.0, true),
        ["あああ", "あ。」い", "い"]
    );
    assert_eq!(
        lines("ああああ、、いい", 4.0, true),
        ["あああ", "あ、、い", "い"]
    );
    // A mark that fits is not hanging.
    let spans = wrap("あああ、いい", 4.0, true);
    assert!(!spans[0].hanging);
    assert_eq!(spans[0].width, 4.0);
}

#[test]
fn hard_breaks_and_empty_paragraphs() {
    let text = "あいう\n\nえお\n";
    let spans = wrap(text, 10.0, false);
    let ranges: Vec<_> = spans.iter().map(|s| s.range.clone()).collect();
    assert_eq!(ranges, [0..9, 10..10, 11..17, 18..18]);
    assert_eq!(
        wrap("", 3.0, false),
        [LineSpan {
            range: 0..0,
            width: 0.0,
            hanging: false
        }]
    );
    assert_eq!(wrap("\n", 3.0, false).len(), 2);
}

#[test]
fn middle_dot_starts_paragraphs_but_not_wrapped_lines() {
    let text = "・項目\n・次の項目";
    let spans = wrap(text, 10.0, false);
    assert_eq!(span_violations(text, &spans), []);
    assert_eq!(lines("ああああ・いい", 4.0, false), ["あああ", "あ・いい"]);
    assert_eq!(kinsoku_violations(&["・項目", "・次"]).len(), 1);
}

#[test]
fn prolonged_sound_mark_stays_after_latin_word() {
    assert_eq!(lines("ああPDFー", 3.5, false), ["ああ", "PDFー"]);
}

#[test]
fn emergency_breaks_keep_the_width() {
    let word = "abcdefghijklmnopqrstuvwxyz";
    let got = lines(word, 3.0, false);
    assert!(got.iter().all(|l| l.len() == 6 || l == &"yz"), "{got:?}");
    let chain = "あっっっっっっっっっ";
    assert!(wrap(chain, 3.0, false).iter().all(|s| s.width <= 3.0));
    let number = "1234567890123456";
    assert!(wrap(number, 2.0, false).iter().all(|s| s.width <= 2.0));
    // The tail of a split word shares its line with what follows.
    assert_eq!(
        lines("abcdefghij、あい", 2.0, false),
        ["abcd", "efgh", "ij、", "あい"]
    );
}

#[test]
fn narrower_than_one_character_gives_one_per_line() {
    for width in [0.3, 0.0, -1.0, f32::NAN] {
        let got = lines("あいabc「え」", width, false);
        assert_eq!(
            got,
            ["あ", "い", "a", "b", "c", "「", "え", "」"],
            "{width}"
        );
    }
    let clusters = "e\u{301}e\u{301}👨\u{200D}👩";
    assert_eq!(lines(clusters, 0.1, false).len(), 3);
}

#[test]
fn spaces_stay_at_line_end_uncounted() {
    let text = "word word word";
    let spans = wrap(text, 2.5, false);
    assert_eq!(lines(text, 2.5, false), ["word ", "word ", "word"]);
    assert!(spans.iter().all(|s| s.width == 2.0));
    let text = "あ          い";
    assert_eq!(lines(text, 2.0, false), ["あ          ", "い"]);
    // A leading 全角 indent is printed, so it counts.
    let spans = wrap("　あいうえ", 3.0, false);
    assert_eq!(spans[0].width, 3.0);
    assert_eq!(lines("あいう\r\nえ", 3.0, false), ["あいう\r", "え"]);
}

#[test]
fn pure_cjk_fills_every_line() {
    let text = "福島区近年大型増加人口顕著若年層流入激古長住続方多価値観行政対需要多様化現状";
    let spans = wrap(text, 7.0, false);
    let (last, full) = spans.split_last().unwrap();
    assert!(full.iter().all(|s| s.width == 7.0));
    assert!(last.width <= 7.0);
}

#[test]
fn checker_finds_planted_violations() {
    let cases: [(&[&str], usize, &str, char); 6] = [
        (&["あああ", "、いい"], 1, RULE_LINE_START, '、'),
        (&["ああ「", "いい"], 0, RULE_LINE_END, '「'),
        (&["約15,", "224人"], 1, RULE_NUMBER_SPLIT, '2'),
        (&["約15", "224人"], 1, RULE_NUMBER_SPLIT, '2'),
        (&["the manage", "ment plan"], 1, RULE_WORD_SPLIT, 'm'),
        (&["ああ", "ッいい"], 1, RULE_LINE_START, 'ッ'),
    ];
    for (input, line, rule, character) in cases {
        let found = kinsoku_violations(input);
        assert_eq!(
            found,
            [Violation {
                line,
                rule,
                character
            }],
            "{input:?}"
        );
    }
    assert_eq!(
        kinsoku_violations(&["ああ、", "「いい」", "word ", "next"]),
        []
    );
    let ellipsis = kinsoku_violations(&["ああ…", "…い"]);
    let rules: Vec<_> = ellipsis.iter().map(|v| v.rule).collect();
    assert_eq!(rules, [RULE_LINE_START, RULE_INSEPARABLE]);
    assert_eq!(kinsoku_violations(&["a-", "b"])[0].rule, RULE_WORD_SPLIT);
}

/// Pieces that start with a character that may start a line and end with
/// one that may end it, so a corpus built from them needs no emergency
/// break at widths of 8 or more: any violation is the breaker's fault.
const FRAGMENTS: &[&str] = &[
    "「ああ」、",
    "「いい」。",
    "（うう）ー……",
    "ちょっと",
    "キャッシュ",
    "チェックイン",
    "約15,224人",
    "予算(2,781千円)",
    "の「……」",
    "と「――」",
    "PDFを",
    "全体の2.5％",
    "行政。",
    "ニーズ、",
    "（注）",
    "『計画』",
    "【重要】",
    "様々な",
    "“引用”",
    "¥1,000の",
    "▲120",
    "management",
    "本当！？",
    "いすゞ",
    "項目・内容",
    "ドキュメント・フォーム",
    "あぁぃぅ",
];

fn corpus_text(rng: &mut Rng) -> String {
    let mut text = String::new();
    for _ in 0..rng.below(40) {
        match rng.below(12) {
            0 => text.push(' '),
            1 => text.push('　'),
            2 => text.push('\n'),
            _ => {}
        }
        let fragment = rng.pick(FRAGMENTS);
        // Keep words and numbers from running into each other.
        if text.ends_with(|c: char| is_word(c)) && fragment.starts_with(|c: char| is_word(c)) {
            text.push('と');
        }
        text.push_str(fragment);
    }
    text
}

#[test]
fn no_violations_over_generated_corpus() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..400 {
        let text = corpus_text(&mut rng);
        for width in 16..=80 {
            let width = width as f32 / 2.0;
            let hang = rng.below(2) == 0;
            let spans = wrap(&text, width, hang);
            assert_eq!(span_violations(&text, &spans), [], "{text:?} at {width}");
        }
    }
}

const POOL: &[&str] = &[
    "あ",
    "い",
    "漢",
    "字",
    "ア",
    "ッ",
    "ょ",
    "ー",
    "、",
    "。",
    "「",
    "」",
    "（",
    "）",
    "(",
    ")",
    "・",
    "…",
    "―",
    "a",
    "b",
    "Z",
    "1",
    "2",
    ",",
    ".",
    "-",
    "'",
    " ",
    "　",
    "\n",
    "%",
    "¥",
    "e\u{301}",
    "👨\u{200D}👩",
    "\u{A0}",
    "！",
    "々",
    "っ",
    "\r",
    "🇯🇵",
    "\u{200B}",
];

#[test]
fn round_trip_and_bounds_over_random_text() {
    let widths = [
        0.3,
        0.5,
        1.0,
        1.5,
        2.0,
        3.0,
        4.0,
        7.0,
        10.0,
        25.0,
        0.0,
        -2.0,
        f32::NAN,
    ];
    let mut rng = Rng(42);
    for _ in 0..3000 {
        let mut text = String::new();
        for _ in 0..rng.below(60) {
            text.push_str(rng.pick(POOL));
        }
        let width = widths[rng.below(widths.len())];
        wrap(&text, width, rng.below(2) == 0);
    }
}

const FUKUSHIMA: &str = "福島区は、近年大型マンションが増加し、それに伴い人口増加が顕著である。特に若年層の流入が激しく、その一方で古くから長く住み続けている方も多いため、価値観や行政に対するニーズが多様化している現状がある。";

#[test]
fn real_sentence_at_widths_10_to_40() {
    for width in 10..=40 {
        for hang in [false, true] {
            let spans = wrap(FUKUSHIMA, width as f32, hang);
            assert_eq!(span_violations(FUKUSHIMA, &spans), [], "width {width}");
            let (_, full) = spans.split_last().unwrap();
            // 追い出し moves at most a short chain such as 「し、」 down.
            assert!(
                full.iter().all(|s| s.width >= width as f32 - 2.0),
                "{width}"
            );
        }
    }
    // Width 12: 「シ」 goes down with 「ョ」, and 「く、」 goes down whole
    // unless 「、」 may hang.
    let pushed = [
        "福島区は、近年大型マン",
        "ションが増加し、それに伴",
        "い人口増加が顕著である。",
        "特に若年層の流入が激し",
        "く、その一方で古くから長",
        "く住み続けている方も多い",
        "ため、価値観や行政に対す",
        "るニーズが多様化している",
        "現状がある。",
    ];
    assert_eq!(lines(FUKUSHIMA, 12.0, false), pushed);
    let hung = wrap(FUKUSHIMA, 12.0, true);
    assert_eq!(
        &FUKUSHIMA[hung[3].range.clone()],
        "特に若年層の流入が激しく、"
    );
    assert!(hung[3].hanging && hung[3].width == 12.0);
}

fn paragraph_of(chars: usize) -> String {
    FUKUSHIMA.chars().cycle().take(chars).collect()
}

#[test]
fn two_thousand_characters_in_one_paragraph() {
    let text = paragraph_of(2000);
    let spans = break_lines(&text, 25.0, &mono, opts(true));
    assert!(spans.len() > 70);
    assert_eq!(span_violations(&text, &spans), []);
}

/// Grapheme clusters of scripts the old hand table of combining marks did not know: a
/// Hebrew point, a Devanagari spacing mark, a Thai vowel, Hangul jamo, an emoji family.
const CLUSTERS_OUTSIDE_THE_OLD_TABLE: [&str; 6] = [
    "\u{05E7}\u{05B0}",
    "\u{0915}\u{093F}",
    "\u{0E01}\u{0E31}",
    "\u{1100}\u{1161}\u{11A8}",
    "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}",
    "\u{0627}\u{064B}",
];

#[test]
fn grapheme_clusters_of_every_script_are_one_cluster() {
    for cluster in CLUSTERS_OUTSIDE_THE_OLD_TABLE {
        assert_eq!(cluster_count(cluster), 1, "{cluster:?}");
        assert_eq!(cluster_count(&cluster.repeat(3)), 3, "{cluster:?}");
    }
}

#[test]
fn a_line_never_starts_with_a_combining_mark() {
    for cluster in CLUSTERS_OUTSIDE_THE_OLD_TABLE {
        let text = format!("福島{}区役所", cluster.repeat(4));
        for line in lines(&text, 2.0, false) {
            let first = line.chars().next().unwrap();
            assert!(!super::chars::is_extend(first), "{line:?} in {text:?}");
        }
    }
}

/// The composer's buffers are kept per thread between calls: a call after a longer one, and
/// a call made from inside another call's measure, set the lines a first call would.
#[test]
fn composing_is_independent_of_earlier_and_enclosing_calls() {
    let short = "「取組」、区民の安全。";
    let fresh = std::thread::scope(|s| s.spawn(|| lines(short, 4.0, false)).join().unwrap());
    let long = "長い段落の文字、".repeat(40);
    assert!(lines(&long, 7.0, false).len() > 30);
    assert_eq!(lines(short, 4.0, false), fresh);
    let nested = |c: char| {
        assert_eq!(lines(short, 4.0, false), fresh);
        mono(c)
    };
    let outer = break_lines(&long, 7.0, &nested, opts(false));
    let plain = break_lines(&long, 7.0, &mono, opts(false));
    assert_eq!(outer, plain);
}

/// A huge paragraph's buffers are not kept by the thread after the call; ordinary ones are.
#[test]
fn an_oversized_paragraph_does_not_leave_its_buffers_with_the_thread() {
    std::thread::scope(|s| {
        s.spawn(|| {
            let capacity = || {
                let scratch = SCRATCH.take();
                let capacity = scratch.capacity();
                SCRATCH.set(scratch);
                capacity
            };
            lines("「取組」、区民の安全。".repeat(20).as_str(), 12.0, false);
            let ordinary = capacity();
            assert!(
                (200..=Scratch::KEPT_CLUSTERS).contains(&ordinary),
                "{ordinary}"
            );
            let huge = "区民の安全、".repeat(2000);
            assert!(lines(&huge, 40.0, false).len() > 250);
            assert_eq!(capacity(), 0);
        })
        .join()
        .unwrap();
    });
}
