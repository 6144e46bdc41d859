//! unei-render: the Japanese layout engine (font metrics, 禁則 line breaking, pagination) and
//! the writers that turn its result into files.

pub mod engine;
pub mod fonts;
mod glyph_cache;
pub mod html;
pub mod layout;
pub mod linebreak;
pub mod pdf;
pub mod xlsx;

pub use engine::Engine;
pub use fonts::{FontChoice, FontData, FontError, font_chain};
pub use html::write_html;
pub use layout::{
    Document, LayoutError, LayoutOptions, MissingGlyph, Role, Scope, StructElem, StructKid, layout,
    layout_with, template_fonts,
};
pub use pdf::{PdfError, PdfOptions, PdfStandard, SubsetError, write_pdf};
pub use xlsx::{FitProblem, XlsxError, XlsxOptions, XlsxOutput, write_xlsx};
