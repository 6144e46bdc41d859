//! unei-render: the Japanese layout engine (font metrics, 禁則 line breaking, pagination) and
//! the writers that turn its result into files.

pub mod fonts;
pub mod layout;
pub mod linebreak;
pub mod pdf;

pub use fonts::{FontData, FontError};
pub use layout::{Document, LayoutError, layout, template_fonts};
pub use pdf::{PdfError, PdfOptions, write_pdf};
