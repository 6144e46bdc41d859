//! The page stage: form rows (from [`super::form`]) onto pages of the template's paper, then
//! the page furniture (running title, page numbers, 【様式2】 tag and the vertical side label).
//! Format-neutral like the form stage: the PDF draws these pages; the XLSX writer breaks its
//! printed pages where they break ([`RowPages`]).

mod flow;
mod furniture;

use super::doc::{Bookmark, Page, Rgb};
use super::rows::Row;
use super::text::FontChain;

pub(crate) use furniture::Furniture;

/// Page geometry in points.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Frame {
    pub height: f32,
    pub top: f32,
    pub bottom: f32,
    pub left: f32,
    pub right: f32,
    pub pad_x: f32,
    pub pad_y: f32,
    pub border: f32,
    pub shading: Rgb,
}

/// First and last page (0-based) a row is drawn on; they differ when the row is split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RowPages {
    pub first: usize,
    pub last: usize,
}

/// Rows set on pages.
#[derive(Debug, Clone)]
pub(crate) struct Paginated {
    pub pages: Vec<Page>,
    pub bookmarks: Vec<Bookmark>,
    /// Vertical extent of 様式2 rows per page, for the side label.
    pub form2_spans: Vec<Option<(f32, f32)>>,
    /// The pages each row is drawn on, by row index (the XLSX writer breaks pages alike).
    pub row_pages: Vec<RowPages>,
    /// Where each piece of the rows went, in drawing order (repeated headers left out): the
    /// structure tree's content.
    pub drawn: Vec<DrawnPiece>,
}

/// The runs one piece of a row's cell line became on a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DrawnPiece {
    pub row: usize,
    pub cell: usize,
    pub line: usize,
    pub piece: usize,
    pub page: usize,
    /// Indices into the page's items, before the furniture is put in front of them.
    pub items: std::ops::Range<usize>,
}

/// Sets `rows` on pages of `frame`.
pub(crate) fn paginate(frame: Frame, chain: &FontChain<'_>, rows: &[Row]) -> Paginated {
    flow::Paginator::new(frame, chain, rows, true).run()
}

/// The pages each of `rows` is drawn on, as [`paginate`] finds them, without drawing them.
pub(crate) fn row_pages(frame: Frame, chain: &FontChain<'_>, rows: &[Row]) -> Vec<RowPages> {
    flow::Paginator::new(frame, chain, rows, false)
        .run()
        .row_pages
}
