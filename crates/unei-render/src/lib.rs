//! unei-render: the Japanese layout engine (font metrics, 禁則 line breaking, pagination) and
//! the writers that turn its result into files.

pub mod fonts;
pub mod html;
pub mod layout;
pub mod linebreak;
pub mod pdf;
pub mod xlsx;

pub use fonts::{FontData, FontError};
pub use html::write_html;
pub use layout::{Document, LayoutError, LayoutOptions, layout, layout_with, template_fonts};
pub use pdf::{PdfError, PdfOptions, write_pdf};
pub use xlsx::{FitProblem, XlsxError, XlsxOptions, XlsxOutput, write_xlsx};
