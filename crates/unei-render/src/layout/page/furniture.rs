//! Page furniture: what every page carries besides the form — the running title, `n / N`,
//! and on 様式2 pages the 【様式2】 tag and the vertical 計/画 side label.

use unei_core::{Labeler, Template};

use super::super::doc::{BoxItem, Document, Item, Rect, TextRun};
use super::super::text::FontChain;
use super::super::{BORDER, MM};
use super::Frame;

/// Running header, 【様式2】 tag, side label and page numbers.
pub(crate) struct Furniture<'a, 'f> {
    chain: &'a FontChain<'f>,
    frame: Frame,
    labels: &'a Labeler<'a>,
    template: &'a Template,
    /// Width of 様式2's side label column.
    side_w: f32,
}

impl<'a, 'f> Furniture<'a, 'f> {
    pub fn new(
        chain: &'a FontChain<'f>,
        frame: Frame,
        labels: &'a Labeler<'a>,
        template: &'a Template,
        side_w: f32,
    ) -> Self {
        Furniture {
            chain,
            frame,
            labels,
            template,
            side_w,
        }
    }

    /// Adds the furniture to every page, before the page's own items.
    pub fn add(&self, document: &mut Document, form2_spans: &[Option<(f32, f32)>]) {
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
            if let Some(Some((top, bottom))) = form2_spans.get(n) {
                let tag = self.labels.get("form2_tag");
                self.run(
                    &mut items,
                    &tag,
                    size,
                    header.x,
                    margin_top + title_size,
                    header,
                    "labels.form2_tag",
                );
                self.side_label(&mut items, *top, *bottom, size);
            }
            page.items.splice(0..0, items);
        }
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
        let width = self.chain.width(text) * size;
        let x = cell.x + (cell.w - width) / 2.0;
        self.run(items, text, size, x, baseline, cell, source);
    }

    #[allow(clippy::too_many_arguments)]
    fn run(
        &self,
        items: &mut Vec<Item>,
        text: &str,
        size: f32,
        x: f32,
        baseline: f32,
        cell: Rect,
        source: &str,
    ) {
        let (asc, desc) = self.chain.extents();
        let mut x = x;
        for seg in self.chain.segments(text) {
            let width = seg.width * size;
            items.push(Item::Text(TextRun {
                x,
                baseline,
                size,
                font: seg.font,
                bold: false,
                text: seg.text,
                width,
                glyph_box: Rect {
                    x,
                    y: baseline - asc * size,
                    w: width,
                    h: (asc + desc) * size,
                },
                cell,
                source: source.to_owned(),
            }));
            x += width;
        }
    }

    /// The vertical 計/画 label: one character per line, centred in a boxed column.
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
        let chars: Vec<char> = text.chars().collect();
        let pitch = size * 1.6;
        let first = top + (cell.h - pitch * chars.len() as f32) / 2.0;
        let (asc, desc) = self.chain.extents();
        for (k, c) in chars.iter().enumerate() {
            let s = c.to_string();
            let width = self.chain.width(&s) * size;
            let baseline =
                first + pitch * k as f32 + (pitch - (asc + desc) * size) / 2.0 + asc * size;
            self.run(
                items,
                &s,
                size,
                cell.x + (cell.w - width) / 2.0,
                baseline,
                cell,
                "labels.form2_side_label",
            );
        }
    }
}
