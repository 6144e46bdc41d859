//! Page furniture: what every page carries besides the form — the running title, `n / N`,
//! and on 様式2 pages the 【様式2】 tag and the vertical 計/画 side label.

use unei_core::{Labeler, Template};

use super::super::doc::{BoxItem, Document, Item, Rect};
use super::super::text::{FontChain, PlacedText};
use super::super::{BORDER, MM, composition};
use super::Frame;
use crate::linebreak::PlacedChar;

/// Running header, 【様式2】 tag, side label and page numbers.
pub(crate) struct Furniture<'a, 'f> {
    chain: &'a FontChain<'f>,
    frame: Frame,
    labels: &'a Labeler<'a>,
    template: &'a Template,
    /// Width of 様式2's side label column.
    side_w: f32,
    /// Prints the template's draft mark (「確認用」) on every page.
    draft: bool,
}

impl<'a, 'f> Furniture<'a, 'f> {
    pub fn new(
        chain: &'a FontChain<'f>,
        frame: Frame,
        labels: &'a Labeler<'a>,
        template: &'a Template,
        side_w: f32,
        draft: bool,
    ) -> Self {
        Furniture {
            chain,
            frame,
            labels,
            template,
            side_w,
            draft,
        }
    }

    /// Adds the furniture to every page, before the page's own items; returns how many items
    /// each page got.
    pub fn add(&self, document: &mut Document, form2_spans: &[Option<(f32, f32)>]) -> Vec<usize> {
        let mut added = Vec::with_capacity(document.pages.len());
        let total = document.pages.len();
        let title = self.labels.title();
        let title_size = self.template.page.title_font_size_pt;
        let size = self.template.page.font_size_pt;
        let margin_top = self.template.page.margin_top_mm * MM;
        let header = Rect {
            x: self.frame.left,
            y: margin_top,
            w: self.frame.right - self.frame.left,
            h: self.frame.top - margin_top,
        };
        let footer = Rect {
            x: self.frame.left,
            y: self.frame.bottom,
            w: header.w,
            h: (self.frame.height - self.frame.bottom) * 0.75,
        };
        for (n, page) in document.pages.iter_mut().enumerate() {
            let mut items = Vec::new();
            self.centered(
                &mut items,
                &title,
                title_size,
                header,
                margin_top + title_size,
                "labels.title",
            );
            let number = format!("{} / {}", n + 1, total);
            self.centered(
                &mut items,
                &number,
                size,
                footer,
                footer.y + footer.h * 0.6,
                "page_number",
            );
            if self.draft {
                self.draft_mark(&mut items, header, margin_top + title_size, size);
            }
            if let Some(Some((top, bottom))) = form2_spans.get(n) {
                let tag = self.labels.get("form2_tag");
                self.run(
                    &mut items,
                    &tag,
                    size,
                    (header.x, margin_top + title_size),
                    header,
                    "labels.form2_tag",
                );
                self.side_label(&mut items, *top, *bottom, size);
            }
            added.push(items.len());
            page.items.splice(0..0, items);
        }
        added
    }

    fn centered(
        &self,
        items: &mut Vec<Item>,
        text: &str,
        size: f32,
        cell: Rect,
        baseline: f32,
        source: &str,
    ) {
        let chars = self.set(text, size);
        let width = chars.last().map_or(0.0, |c| c.x + c.advance);
        let x = cell.x + (cell.w - width) / 2.0;
        self.place(items, text, &chars, size, (x, baseline), cell, source);
    }

    fn run(
        &self,
        items: &mut Vec<Item>,
        text: &str,
        size: f32,
        (x, baseline): (f32, f32),
        cell: Rect,
        source: &str,
    ) {
        let chars = self.set(text, size);
        self.place(items, text, &chars, size, (x, baseline), cell, source);
    }

    /// A one-line text set as the form's text is (約物の詰め, 和欧間), never justified.
    fn set(&self, text: &str, size: f32) -> Vec<PlacedChar> {
        self.chain
            .set_line(text, size, false, Some(composition(&self.template.page)))
    }

    #[allow(clippy::too_many_arguments)]
    fn place(
        &self,
        items: &mut Vec<Item>,
        text: &str,
        chars: &[PlacedChar],
        size: f32,
        (x, baseline): (f32, f32),
        cell: Rect,
        source: &str,
    ) {
        let placed = PlacedText {
            text,
            chars,
            x,
            baseline,
            size,
            bold: false,
            cell,
            source,
        };
        items.extend(self.chain.runs(&placed).into_iter().map(Item::Text));
    }

    /// 「確認用」 boxed at the right of the header: a draft print, not the plan as decided.
    fn draft_mark(&self, items: &mut Vec<Item>, header: Rect, baseline: f32, size: f32) {
        let text = self.labels.get("draft_mark");
        let chars = self.set(&text, size);
        let width = chars.last().map_or(0.0, |c| c.x + c.advance);
        let (asc, desc) = self.chain.extents();
        let pad = size * 0.3;
        let rect = Rect {
            x: header.x + header.w - width - 2.0 * pad,
            y: baseline - asc * size - pad,
            w: width + 2.0 * pad,
            h: (asc + desc) * size + 2.0 * pad,
        };
        items.push(Item::Box(BoxItem {
            rect,
            fill: None,
            stroke: Some(BORDER),
        }));
        let at = (rect.x + pad, baseline);
        self.place(items, &text, &chars, size, at, rect, "labels.draft_mark");
    }

    /// The vertical 計/画 label, centred in a boxed column: upright characters one per 1.6 em
    /// in their vertical forms (the font's GSUB `vert`: （）「」ー〜 turn), Latin letters and
    /// digits turned 90° clockwise and set along the column.
    fn side_label(&self, items: &mut Vec<Item>, top: f32, bottom: f32, size: f32) {
        let cell = Rect {
            x: self.frame.left,
            y: top,
            w: self.side_w,
            h: bottom - top,
        };
        items.push(Item::Box(BoxItem {
            rect: cell,
            fill: Some(self.frame.shading),
            stroke: Some(BORDER),
        }));
        let text = self.labels.get("form2_side_label");
        let pitch = size * 1.6;
        let pieces = vertical_pieces(&text);
        let length = |(piece, turned): &(String, bool)| {
            if *turned {
                self.chain.width(piece) * size
            } else {
                pitch
            }
        };
        let total: f32 = pieces.iter().map(length).sum();
        let mut y = top + (cell.h - total) / 2.0;
        let source = "labels.form2_side_label";
        for piece in &pieces {
            let (text, turned) = piece;
            if *turned {
                items.extend(self.turned(text, size, y, cell, source));
            } else {
                self.upright(items, text, size, (y, pitch), cell, source);
            }
            y += length(piece);
        }
    }

    /// One upright character of vertical text, centred in `cell` on a `pitch` high line.
    fn upright(
        &self,
        items: &mut Vec<Item>,
        text: &str,
        size: f32,
        (top, pitch): (f32, f32),
        cell: Rect,
        source: &str,
    ) {
        let (asc, desc) = self.chain.extents();
        let width = self.chain.width(text) * size;
        let baseline = top + (pitch - (asc + desc) * size) / 2.0 + asc * size;
        let x = cell.x + (cell.w - width) / 2.0;
        let chars = self.chain.natural(text, size, false);
        let placed = PlacedText {
            text,
            chars: &chars,
            x,
            baseline,
            size,
            bold: false,
            cell,
            source,
        };
        for mut run in self.chain.runs(&placed) {
            for glyph in &mut run.glyphs {
                glyph.id = self.chain.vertical_glyph(run.font, glyph.id);
            }
            items.push(Item::Text(run));
        }
    }

    /// Latin text in vertical text: turned 90° clockwise, centred across the column.
    fn turned(&self, text: &str, size: f32, top: f32, cell: Rect, source: &str) -> Vec<Item> {
        let (asc, desc) = self.chain.extents();
        let chars = self.chain.natural(text, size, false);
        let across = cell.x + cell.w / 2.0 - (asc - desc) * size / 2.0;
        let placed = PlacedText {
            text,
            chars: &chars,
            x: 0.0,
            baseline: 0.0,
            size,
            bold: false,
            cell,
            source,
        };
        self.chain
            .runs(&placed)
            .into_iter()
            .map(|mut run| {
                let along = top + run.x;
                run.glyph_box = Rect {
                    x: across - desc * size,
                    y: along,
                    w: (asc + desc) * size,
                    h: run.width,
                };
                (run.x, run.baseline, run.rotated) = (across, along, true);
                Item::Text(run)
            })
            .collect()
    }
}

/// Vertical text as pieces: each character upright on its own, runs of Latin letters and
/// digits (set turned) together.
fn vertical_pieces(text: &str) -> Vec<(String, bool)> {
    let mut pieces: Vec<(String, bool)> = Vec::new();
    for c in text.chars() {
        let turned = c.is_ascii_alphanumeric() || (c.is_alphabetic() && c < '\u{2000}');
        match pieces.last_mut() {
            Some((piece, true)) if turned => piece.push(c),
            _ => pieces.push((c.to_string(), turned)),
        }
    }
    pieces
}
