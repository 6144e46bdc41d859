//! unei-render: the Japanese layout engine (font metrics, 禁則 line breaking, pagination) and
//! the writers that turn its result into files.
//!
//! The pipeline: a [`unei_core::Plan`] (parsed and checked by unei-core) and an [`Engine`]
//! (the template and the font chain, made once and shared by every plan and thread) give a
//! laid-out [`Document`] ([`Engine::layout`]: the form's rows at the template's column
//! widths, lines broken by the 禁則 breaker in [`linebreak`], stacked on pages), which
//! [`write_pdf`] turns into a tagged PDF. The workbook ([`write_xlsx`]) and the web page
//! ([`write_html`]) are written from the plan itself.
//!
//! ```
//! use unei_render::{Engine, FontChoice, PdfOptions, XlsxOptions};
//!
//! let text = include_str!("../../../fixtures/plans/fukushima-r2.json");
//! let plan = unei_core::plan_from_str(text, "fukushima-r2.json").map_err(|d| d.to_string())?;
//! let engine = Engine::new(unei_core::Template::bundled(), &FontChoice::default())?;
//!
//! let document = engine.layout(&plan)?;
//! assert!(document.missing_glyphs.is_empty());
//! let options = PdfOptions { epoch: 0, compress_content: true, standard: Default::default() };
//! let pdf = engine.pdf(&document, &options)?;
//! assert!(pdf.starts_with(b"%PDF"));
//!
//! let workbook = engine.xlsx(&plan, &XlsxOptions { epoch: 0 })?;
//! assert!(workbook.bytes.starts_with(b"PK")); // a zip, as every XLSX
//! assert!(engine.html(&plan).contains("福島区"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs, clippy::missing_errors_doc)]

mod charset;
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
