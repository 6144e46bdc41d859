//! Rows: the form as a list of full-width rows of cells, each cell holding lines already broken
//! at its width. The page stage (`layout/page/`) only stacks and splits these.

use unei_core::{Block, RichText};

use super::doc::{FAKE_BOLD_STROKE_EM, MissingGlyph};
use super::text::FontChain;
use crate::charset::CharSet;
use crate::linebreak::{
    BreakOptions, CharBox, PlacedChar, compose, compose_unplaced, is_invisible,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// What a row is, which decides how the page stage may split and keep it.
pub enum RowKind {
    /// A section heading without a box (◆計画).
    Heading,
    /// A shaded label cell spanning the row; kept with the next row.
    Label,
    /// A table header row; repeated on continuation pages and kept with the next row.
    Header,
    /// Content cells; may be split across pages between lines.
    Content,
}

/// One full-width row of the form: its cells and how the page stage treats it.
#[derive(Debug, Clone)]
pub struct Row {
    /// What the row is.
    pub kind: RowKind,
    /// Its cells, left to right, covering the content width.
    pub cells: Vec<Cell>,
    /// The header row (index into the row list) repeated when this row continues on a new page.
    pub header: Option<usize>,
    /// Start a new page before this row (a new part of the form).
    pub break_before: bool,
    /// An outline entry at this row: its text and level.
    pub bookmark: Option<(String, u8)>,
    /// The part of the plan the row belongs to (the XLSX writer gives parts their own sheets).
    pub part: Part,
    /// Heading level of a heading or label row in the document's structure (2 for ◆計画,
    /// 3 for the labels under it, deeper in 様式2): tagged PDF's H2…H6.
    pub level: u8,
    /// How the document's structure reads the row where its kind does not say it all.
    pub reading: Reading,
}

/// What a row is in the document's structure (tagged PDF) beyond its kind: the printed form
/// draws these as labels and lines, a screen reader needs them as table cells with headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Reading {
    /// As its kind says: a heading, a table header, content.
    #[default]
    Plain,
    /// The 主な具体的取組（2年度予算額） label as the header row of the budget table: the text
    /// before its trailing parenthetical heads the 取組 column, the parenthetical (the form's
    /// own words for the amounts) the 予算額 column.
    BudgetHeader,
    /// The initiative lines under a [`Reading::BudgetHeader`]: a table row per initiative, its
    /// text in one cell and its amount in the other.
    BudgetLines,
    /// A line that ends the heading above it: 様式2's amount under its 具体的取組 heading,
    /// which names 予算額 (as the web page's heading holds the amount).
    HeadingSuffix,
    /// A table row whose first cell heads the row (様式3's 取組項目).
    RowHeader,
}

/// Parts of a plan that are separate forms: the XLSX writer puts each on a sheet of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    /// 様式1 of generation A, or the whole single form of generation B.
    Plan,
    /// 様式3: 「市政改革プラン」に基づく取組等.
    Reform,
    /// ◆自己評価 (generation A) or the 自己評価 rows of generation B.
    SelfEvaluation,
    /// The 様式2 sheet of `issues[issue]`: drawn beside the vertical side label, with the
    /// 【様式2】 tag.
    Form2 {
        /// The index into `issues`.
        issue: usize,
    },
}

impl Part {
    /// Whether this is a 様式2 sheet.
    pub fn is_form2(self) -> bool {
        matches!(self, Part::Form2 { .. })
    }
}

#[derive(Debug, Clone)]
/// One cell of a row: its column and its lines.
pub struct Cell {
    /// Left edge, in points from the page's left.
    pub x: f32,
    /// Width, in points.
    pub w: f32,
    /// Filled with the template's label shading.
    pub shaded: bool,
    /// Drawn with a border.
    pub border: bool,
    /// The lines, already broken at the cell's inner width.
    pub lines: Vec<CellLine>,
}

/// One printed line inside a cell.
#[derive(Debug, Clone)]
pub struct CellLine {
    /// The line's pieces of text, left to right.
    pub pieces: Vec<Piece>,
    /// Line height, in points.
    pub height: f32,
    /// Paragraph (or list item) the line belongs to, for widow/orphan control.
    pub para: usize,
}

/// Text placed at `dx` from the cell's inner left edge.
#[derive(Debug, Clone)]
pub struct Piece {
    /// Offset from the cell's inner left edge, in points.
    pub dx: f32,
    /// The characters.
    pub text: String,
    /// Width as set (the measure for a justified line).
    pub width: f32,
    /// Font size, in points.
    pub size: f32,
    /// Set bold (a bold face, or fake bold without one).
    pub bold: bool,
    /// Where the text comes from (JSON path or `labels.<id>`).
    pub source: String,
    /// Where each character of `text` goes, from `dx` (empty when nothing reads it: the
    /// spreadsheet only needs the text).
    pub chars: Vec<PlacedChar>,
    /// A list item's bullet or number (set before its hanging text).
    pub marker: bool,
}

/// Size and weight of a piece of text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    /// Font size, in points.
    pub size: f32,
    /// Bold.
    pub bold: bool,
}

/// Sizes shared by the row builder and the paginator.
#[derive(Debug, Clone, Copy)]
pub struct Metrics {
    /// Body text size, in points.
    pub size: f32,
    /// Size of section headings, in points.
    pub heading_size: f32,
    /// Line height as a multiple of the size.
    pub line_height: f32,
    /// Cell padding left and right, in points.
    pub pad_x: f32,
    /// Cell padding top and bottom, in points.
    pub pad_y: f32,
    /// How lines are broken (禁則 and line-start brackets).
    pub break_options: BreakOptions,
    /// How the output renders advances; lines are broken with these widths.
    pub advances: Advances,
}

/// How the output advances glyphs. The PDF places them exactly; a spreadsheet application
/// snaps each advance to whole screen pixels and widens synthetic bold (drawn where no bold
/// face has the glyph, e.g. with IPAex), so a cell must be broken with those widths to hold what the application shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Advances {
    /// As the font gives them: the PDF.
    Exact,
    /// Snapped to screen pixels, as a spreadsheet application shows them.
    PixelGrid {
        /// Pixels per point (96 / 72 on a 96 dpi screen).
        px_per_pt: f32,
        /// Extra advance of a synthetic-bold character, in pixels.
        bold_extra_px: f32,
    },
}

impl Advances {
    /// The advance the output gives a character whose exact advance is `exact` points at
    /// `size`; `fake_bold` when it is drawn bold without a bold face (the PDF widens it by
    /// the stroke, a spreadsheet application by its own amount).
    pub fn advance(self, exact: f32, fake_bold: bool, size: f32) -> f32 {
        match self {
            Advances::Exact if fake_bold => exact + FAKE_BOLD_STROKE_EM * size,
            Advances::Exact => exact,
            Advances::PixelGrid {
                px_per_pt,
                bold_extra_px,
            } => {
                // The wider of the rounded (hinted screen) and the exact (print) advance.
                let px = exact * px_per_pt;
                let extra = if fake_bold { bold_extra_px } else { 0.0 };
                (px.round().max(px) + extra) / px_per_pt
            }
        }
    }
}

impl Piece {
    /// The piece cut before byte `at` of its text into two that print exactly as the one did.
    fn split_at(&self, at: usize) -> (Piece, Piece) {
        let k = self.text[..at].chars().count();
        let shift = self.chars.get(k).map_or(self.width, |c| c.x);
        let (left_chars, right_chars) = self.chars.split_at(k.min(self.chars.len()));
        let left = Piece {
            text: self.text[..at].to_owned(),
            width: shift,
            chars: left_chars.to_vec(),
            ..self.clone()
        };
        let right = Piece {
            dx: self.dx + shift,
            text: self.text[at..].to_owned(),
            width: self.width - shift,
            chars: right_chars
                .iter()
                .map(|c| PlacedChar {
                    x: c.x - shift,
                    advance: c.advance,
                    ink: (c.ink.0 - shift, c.ink.1 - shift),
                })
                .collect(),
            ..self.clone()
        };
        (left, right)
    }
}

/// Byte offset where the trailing parenthetical of `text` opens (`主な具体的取組（2年度予算額）`
/// → the offset of `（`), brackets nested inside it matched; `None` when the text does not
/// end in one or is nothing else.
pub fn trailing_parenthetical(text: &str) -> Option<usize> {
    let trimmed = text.trim_end();
    let (open, close) = match trimmed.chars().last()? {
        '）' => ('（', '）'),
        ')' => ('(', ')'),
        _ => return None,
    };
    let mut depth = 0usize;
    for (at, c) in trimmed.char_indices().rev() {
        if c == close {
            depth += 1;
        } else if c == open {
            depth -= 1;
            if depth == 0 {
                return (at > 0).then_some(at);
            }
        }
    }
    None
}

/// Cuts the piece in which the lines' trailing parenthetical opens, so that it starts a piece
/// (a text run of its own in the PDF); positions stay. False when the text has none.
pub fn split_at_trailing_parenthetical(lines: &mut [CellLine]) -> bool {
    let text: String = lines
        .iter()
        .flat_map(|l| &l.pieces)
        .map(|p| p.text.as_str())
        .collect();
    let Some(open) = trailing_parenthetical(&text) else {
        return false;
    };
    let mut offset = 0;
    for line in lines.iter_mut() {
        for p in 0..line.pieces.len() {
            let len = line.pieces[p].text.len();
            if open == offset {
                return true;
            }
            if open < offset + len {
                let (left, right) = line.pieces[p].split_at(open - offset);
                line.pieces.splice(p..=p, [left, right]);
                return true;
            }
            offset += len;
        }
    }
    false
}

impl Row {
    /// Height of the whole row: the tallest cell.
    pub fn height(&self, pad_y: f32) -> f32 {
        self.cells
            .iter()
            .map(|c| cell_height(&c.lines, pad_y))
            .fold(0.0, f32::max)
    }
}

/// Height of a cell holding `lines`.
pub fn cell_height(lines: &[CellLine], pad_y: f32) -> f32 {
    2.0 * pad_y + lines.iter().map(|l| l.height).sum::<f32>()
}

/// Breaks rich text into cell lines. Lists and numbered items hang after their marker.
#[derive(Debug)]
pub struct LineSetter<'c, 'f> {
    /// The faces text is drawn in, main face first.
    pub chain: &'c FontChain<'f>,
    /// Sizes and break options.
    pub metrics: Metrics,
    /// Characters no face could draw, found so far.
    pub missing: Vec<MissingGlyph>,
    /// Whether `missing` is kept: off for a layout whose caller finds missing glyphs by
    /// itself (the workbook's two layouts; the engine walks the plan's text once).
    finds_missing: bool,
    /// Characters a face draws, each asked once.
    drawable: CharSet,
    /// Whether pieces get their characters' positions (`Piece::chars`): off for a layout
    /// that is measured and never drawn (the workbook's two layouts).
    places_chars: bool,
    next_para: usize,
}

impl<'c, 'f> LineSetter<'c, 'f> {
    /// A setter over `chain` with `metrics`, no paragraph seen yet.
    pub fn new(chain: &'c FontChain<'f>, metrics: Metrics) -> Self {
        LineSetter {
            chain,
            metrics,
            missing: Vec::new(),
            finds_missing: true,
            drawable: CharSet::default(),
            places_chars: true,
            next_para: 0,
        }
    }

    /// The same setter without the missing-glyph bookkeeping (`missing` stays empty).
    pub fn without_missing_glyphs(self) -> Self {
        LineSetter {
            finds_missing: false,
            ..self
        }
    }

    /// The same setter for a layout that is measured and never drawn: the same lines,
    /// pieces and widths, every piece's `chars` empty (and no missing-glyph bookkeeping).
    pub fn measuring_only(self) -> Self {
        LineSetter {
            places_chars: false,
            ..self.without_missing_glyphs()
        }
    }

    fn new_para(&mut self) -> usize {
        self.next_para += 1;
        self.next_para
    }

    /// Records characters that no face can draw (control and format characters are never
    /// drawn, so they are not missing: validation reports them).
    fn check_glyphs(&mut self, text: &str, source: &str) {
        if !self.finds_missing {
            return;
        }
        for c in text.chars() {
            if c.is_whitespace() || self.drawable.contains(c) || is_invisible(c) {
                continue;
            }
            if self.chain.font_for(c).is_some() {
                self.drawable.insert(c);
            } else {
                let glyph = MissingGlyph {
                    character: c,
                    source: source.to_owned(),
                };
                if !self.missing.contains(&glyph) {
                    self.missing.push(glyph);
                }
            }
        }
    }

    /// A paragraph of text, optionally after a prefix (bullet, number) with a hanging indent.
    pub fn hanging(
        &mut self,
        prefix: &str,
        text: &str,
        width: f32,
        style: Style,
        source: &str,
    ) -> Vec<CellLine> {
        let m = self.metrics;
        let Style { size, bold } = style;
        self.check_glyphs(prefix, source);
        self.check_glyphs(text, source);
        let chain = self.chain;
        let measure = |c: char| -> CharBox {
            let drawn = chain.drawn(c, bold);
            let b = drawn.char_box;
            CharBox {
                advance: m.advances.advance(b.advance * size, drawn.fake_bold, size),
                free_start: b.free_start * size,
                free_end: b.free_end * size,
            }
        };
        let marker = natural_chars(prefix, &measure);
        let indent = marker.last().map_or(0.0, |c| c.x + c.advance);
        let indent = if indent > width / 2.0 { 0.0 } else { indent };
        let para = self.new_para();
        let set = if self.places_chars {
            compose
        } else {
            compose_unplaced
        };
        let lines = set(text, width - indent, size, &measure, m.break_options);
        let marker = if self.places_chars {
            marker
        } else {
            Vec::new()
        };
        lines
            .into_iter()
            .enumerate()
            .map(|(i, line)| {
                let own = &text[line.range];
                let piece = |dx: f32, text: &str, width: f32, chars: Vec<PlacedChar>| Piece {
                    dx,
                    text: text.to_owned(),
                    width,
                    size,
                    bold,
                    source: source.to_owned(),
                    chars,
                    marker: false,
                };
                let mut pieces = Vec::with_capacity(2);
                // The marker is a piece of its own: tagged PDF reads it as the item's Lbl.
                if i == 0 && !prefix.is_empty() {
                    pieces.push(Piece {
                        marker: true,
                        ..piece(0.0, prefix, indent, marker.clone())
                    });
                }
                if !own.is_empty() || pieces.is_empty() {
                    pieces.push(piece(indent, own, line.width, line.chars));
                }
                CellLine {
                    pieces,
                    height: size * m.line_height,
                    para,
                }
            })
            .collect()
    }

    /// Plain paragraph lines.
    pub fn paragraph(
        &mut self,
        text: &str,
        width: f32,
        style: Style,
        source: &str,
    ) -> Vec<CellLine> {
        self.hanging("", text, width, style, source)
    }

    /// Body text style.
    pub fn body(&self) -> Style {
        Style {
            size: self.metrics.size,
            bold: false,
        }
    }

    /// Label style: body size, bold.
    pub fn bold(&self) -> Style {
        Style {
            size: self.metrics.size,
            bold: true,
        }
    }

    /// Lines of a rich text, in order.
    pub fn rich(&mut self, text: &RichText, width: f32, path: &str) -> Vec<CellLine> {
        let mut lines = Vec::new();
        for (b, block) in text.iter().enumerate() {
            match block {
                Block::P(p) => {
                    let style = self.body();
                    lines.extend(self.paragraph(p, width, style, &format!("{path}[{b}].p")));
                }
                Block::List(list) => {
                    for (i, item) in list.items.iter().enumerate() {
                        let source = format!("{path}[{b}].list.items[{i}]");
                        let style = self.body();
                        lines.extend(self.hanging(&list.marker, item, width, style, &source));
                    }
                }
                Block::Numbered(list) => {
                    for (i, item) in list.items.iter().enumerate() {
                        let source = format!("{path}[{b}].numbered.items[{i}]");
                        let prefix = format!("{} ", item.number);
                        let style = self.body();
                        lines.extend(self.hanging(&prefix, &item.text, width, style, &source));
                    }
                }
            }
        }
        lines
    }

    /// Text with a right-aligned suffix on its last line (an amount, a grade); the suffix moves
    /// to a line of its own when it does not fit beside the text.
    pub fn with_suffix(
        &mut self,
        prefix: &str,
        text: &str,
        suffix: Option<(&str, &str)>,
        width: f32,
        source: &str,
    ) -> Vec<CellLine> {
        let style = self.body();
        let Some((suffix, suffix_source)) = suffix else {
            return self.hanging(prefix, text, width, style, source);
        };
        self.check_glyphs(suffix, suffix_source);
        let size = self.metrics.size;
        let gap = size;
        let chars = self.chain.natural(suffix, size, false);
        let suffix_w = chars.last().map_or(0.0, |c| c.x + c.advance);
        let mut lines = self.hanging(prefix, text, width, style, source);
        let piece = Piece {
            dx: width - suffix_w,
            text: suffix.to_owned(),
            width: suffix_w,
            size,
            bold: false,
            source: suffix_source.to_owned(),
            chars: if self.places_chars { chars } else { Vec::new() },
            marker: false,
        };
        let fits_beside = lines.last().is_some_and(|last| {
            let used = last
                .pieces
                .iter()
                .map(|p| p.dx + p.width)
                .fold(0.0, f32::max);
            used + gap + suffix_w <= width
        });
        match lines.last_mut() {
            Some(last) if fits_beside => last.pieces.push(piece),
            _ => {
                let para = lines.last().map_or_else(|| self.new_para(), |l| l.para);
                lines.push(CellLine {
                    pieces: vec![piece],
                    height: size * self.metrics.line_height,
                    para,
                });
            }
        }
        lines
    }
}

/// A marker (bullet, number) at its natural advances from 0.
fn natural_chars(text: &str, measure: &dyn Fn(char) -> CharBox) -> Vec<PlacedChar> {
    let mut x = 0.0;
    text.chars()
        .map(|c| {
            let advance = measure(c).advance;
            let placed = PlacedChar {
                x,
                advance,
                ink: (x, x + advance),
            };
            x += advance;
            placed
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `test` with the bundled template's font chain and page metrics.
    fn with_bundled_chain(test: impl FnOnce(&FontChain<'_>, Metrics)) {
        let template = unei_core::Template::bundled();
        let fonts = crate::fonts::font_chain(&template, &Default::default()).unwrap();
        let chain = FontChain::from_fonts(&fonts).unwrap();
        test(
            &chain,
            crate::layout::page_geometry(&template).unwrap().metrics,
        );
    }

    #[test]
    fn a_setter_without_missing_glyphs_sets_the_same_lines_and_records_none() {
        with_bundled_chain(|chain, metrics| {
            let text = "𠮷野家の「取組」、区民の安全・安心を守る。".repeat(4);
            let mut finding = LineSetter::new(chain, metrics);
            let mut quiet = LineSetter::new(chain, metrics).without_missing_glyphs();
            let style = finding.body();
            let found = finding.paragraph(&text, 120.0, style, "p");
            let set = quiet.paragraph(&text, 120.0, style, "p");
            assert_eq!(format!("{found:?}"), format!("{set:?}"));
            assert!(found.len() > 1);
            assert_eq!(finding.missing.len(), 1, "{:?}", finding.missing);
            assert_eq!(finding.missing[0].character, '𠮷');
            assert!(quiet.missing.is_empty());
        });
    }

    #[test]
    fn a_measuring_setter_sets_the_same_lines_without_character_positions() {
        with_bundled_chain(|chain, metrics| {
            let text = "区民の「安全・安心」を守る取組を、地域と協働して進めます。".repeat(3);
            let suffix = Some(("1,234千円", "amount"));
            let set = |setter: &mut LineSetter| {
                let style = setter.body();
                let mut lines = setter.hanging("・", &text, 150.0, style, "item");
                lines.extend(setter.with_suffix("", &text, suffix, 150.0, "initiative"));
                lines
            };
            let drawn = set(&mut LineSetter::new(chain, metrics));
            let measured = set(&mut LineSetter::new(chain, metrics).measuring_only());
            assert!(
                drawn.len() > 4
                    && drawn
                        .iter()
                        .all(|l| l.pieces.iter().all(|p| !p.chars.is_empty()))
            );
            assert!(
                measured
                    .iter()
                    .flat_map(|l| &l.pieces)
                    .all(|p| p.chars.is_empty())
            );
            let mut expected = drawn.clone();
            for piece in expected.iter_mut().flat_map(|l| &mut l.pieces) {
                piece.chars = Vec::new();
            }
            assert_eq!(format!("{expected:?}"), format!("{measured:?}"));
        });
    }

    #[test]
    fn the_trailing_parenthetical_is_found_with_nested_brackets() {
        fn open(t: &str) -> Option<&str> {
            trailing_parenthetical(t).map(|at| &t[at..])
        }
        assert_eq!(
            open("主な具体的取組（2年度予算額）"),
            Some("（2年度予算額）")
        );
        assert_eq!(open("取組(予算額(千円)) "), Some("(予算額(千円)) "));
        assert_eq!(open("主な具体的取組"), None);
        assert_eq!(
            open("（2年度予算額）"),
            None,
            "nothing before it to head the 取組"
        );
        assert_eq!(open("予算額）"), None);
    }

    #[test]
    fn a_split_piece_prints_where_the_whole_one_did() {
        let chars: Vec<PlacedChar> = (0..5)
            .map(|k| PlacedChar {
                x: 10.0 * k as f32,
                advance: 10.0,
                ink: (10.0 * k as f32, 10.0 * k as f32 + 10.0),
            })
            .collect();
        let piece = Piece {
            dx: 3.0,
            text: "取組（額）".to_owned(),
            width: 50.0,
            size: 10.0,
            bold: true,
            source: "labels.initiatives".to_owned(),
            chars,
            marker: false,
        };
        let mut lines = vec![CellLine {
            pieces: vec![piece],
            height: 15.0,
            para: 1,
        }];
        assert!(split_at_trailing_parenthetical(&mut lines));
        let [left, right] = &lines[0].pieces[..] else {
            panic!("two pieces: {:?}", lines[0].pieces)
        };
        assert_eq!(
            (left.text.as_str(), left.dx, left.width),
            ("取組", 3.0, 20.0)
        );
        assert_eq!(
            (right.text.as_str(), right.dx, right.width),
            ("（額）", 23.0, 30.0)
        );
        let absolute = |p: &Piece| -> Vec<f32> { p.chars.iter().map(|c| p.dx + c.x).collect() };
        assert_eq!(absolute(left), [3.0, 13.0]);
        assert_eq!(absolute(right), [23.0, 33.0, 43.0]);
        assert_eq!(right.chars[0].ink, (0.0, 10.0));
        // Already cut there: nothing changes.
        assert!(split_at_trailing_parenthetical(&mut lines));
        assert_eq!(lines[0].pieces.len(), 2);
    }
}
