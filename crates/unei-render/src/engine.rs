//! The state every render shares, made once per process: the template and the font chain.
//!
//! An [`Engine`] is cheap to clone (one `Arc`) and `Send + Sync`, so one engine serves every
//! plan and every thread of `unei batch` and every request of a server. Nothing in it
//! depends on a plan; per-plan work (layout, the subset fonts of a PDF) reads it and never
//! changes it. The writers stay pure functions of their inputs ([`write_pdf`],
//! [`write_xlsx`], [`write_html`](crate::write_html)); the engine only hands them the shared state.
//!
//! ```
//! use unei_render::{Engine, FontChoice, PdfOptions};
//!
//! let engine = Engine::new(unei_core::Template::bundled(), &FontChoice::default())?;
//! let text = std::fs::read_to_string("../../fixtures/plans/fukushima-r2.json")?;
//! let plan = unei_core::plan_from_str(&text, "fukushima-r2.json").map_err(|d| d.to_string())?;
//! let worker = engine.clone(); // another thread's handle on the same fonts and template
//! let document = worker.layout(&plan)?;
//! let pdf = worker.pdf(&document, &PdfOptions { epoch: 0, compress_content: true, standard: Default::default() })?;
//! assert!(pdf.starts_with(b"%PDF-1.7"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::sync::Arc;

use unei_core::{Plan, Template};

use crate::charset::CharSet;
use crate::fonts::{FontChoice, FontData, FontError, font_chain};
use crate::layout::text::FontChain;
use crate::layout::{Document, LayoutError, LayoutOptions, MissingGlyph};
use crate::pdf::{PdfError, PdfOptions, write_pdf};
use crate::xlsx::{XlsxError, XlsxOptions, XlsxOutput, write_xlsx};

/// The template and fonts of a run, shared by every plan rendered with them.
#[derive(Debug, Clone)]
pub struct Engine {
    shared: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    template: Template,
    fonts: Vec<FontData>,
}

impl Engine {
    /// The template with its font chain (the template's faces, changed by `choice`).
    ///
    /// # Errors
    /// A font that cannot be found or read.
    #[inline(never)] // a stage of bench/callgrind.py's breakdown
    pub fn new(template: Template, choice: &FontChoice) -> Result<Engine, FontError> {
        let fonts = font_chain(&template, choice)?;
        Engine::with_fonts(template, fonts)
    }

    /// The template with a font chain made elsewhere (first face is the main one).
    ///
    /// # Errors
    /// A face that is not a usable font.
    pub fn with_fonts(template: Template, fonts: Vec<FontData>) -> Result<Engine, FontError> {
        // Parse every face once here, so a broken font fails the run before any plan.
        FontChain::from_fonts(&fonts)?;
        Ok(Engine {
            shared: Arc::new(Shared { template, fonts }),
        })
    }

    /// The template plans are laid out with.
    pub fn template(&self) -> &Template {
        &self.shared.template
    }

    /// The font chain; [`crate::layout::TextRun::font`] indexes it.
    pub fn fonts(&self) -> &[FontData] {
        &self.shared.fonts
    }

    /// Lays a plan out for the PDF.
    ///
    /// # Errors
    /// A template whose page setup cannot be used.
    pub fn layout(&self, plan: &Plan) -> Result<Document, LayoutError> {
        self.layout_with(plan, LayoutOptions::default())
    }

    /// [`Engine::layout`] with options (a draft print).
    ///
    /// # Errors
    /// A template whose page setup cannot be used.
    pub fn layout_with(
        &self,
        plan: &Plan,
        options: LayoutOptions,
    ) -> Result<Document, LayoutError> {
        crate::layout::layout_with(plan, self.template(), self.fonts(), options)
    }

    /// The PDF of a document laid out by this engine.
    ///
    /// # Errors
    /// A face that cannot be embedded.
    pub fn pdf(&self, document: &Document, options: &PdfOptions) -> Result<Vec<u8>, PdfError> {
        write_pdf(document, self.fonts(), options)
    }

    /// The workbook of a plan.
    ///
    /// # Errors
    /// See [`XlsxError`].
    pub fn xlsx(&self, plan: &Plan, options: &XlsxOptions) -> Result<XlsxOutput, XlsxError> {
        write_xlsx(plan, self.template(), self.fonts(), options)
    }

    /// The web page of a plan.
    pub fn html(&self, plan: &Plan) -> String {
        crate::html::write_html(plan, self.template())
    }

    /// The characters of a plan no face of the chain can draw, where they occur, without
    /// laying the plan out (a laid-out [`Document`] lists the same in `missing_glyphs`).
    #[inline(never)] // a stage of bench/callgrind.py's breakdown
    pub fn missing_glyphs(&self, plan: &Plan) -> Vec<MissingGlyph> {
        // The faces parsed when the engine was made; parsing again cannot fail.
        let Ok(chain) = FontChain::from_fonts(self.fonts()) else {
            return Vec::new();
        };
        let mut missing: Vec<MissingGlyph> = Vec::new();
        // A plan repeats a few hundred characters thousands of times: each is asked once.
        let mut drawable = CharSet::default();
        for item in unei_core::outline(plan, self.template()) {
            let missing_here = item.text.chars().filter(|&c| {
                if c.is_whitespace() || drawable.contains(c) {
                    return false;
                }
                let found = chain.font_for(c).is_some();
                if found {
                    drawable.insert(c);
                }
                !found
            });
            for character in missing_here {
                let glyph = MissingGlyph {
                    character,
                    source: item.path.clone(),
                };
                if !missing.contains(&glyph) {
                    missing.push(glyph);
                }
            }
        }
        missing
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(edit: impl Fn(String) -> String) -> Plan {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../fixtures/plans/fukushima-r2.json"
        );
        let text = edit(std::fs::read_to_string(path).unwrap());
        unei_core::plan_from_str(&text, "fukushima-r2.json").unwrap()
    }

    #[test]
    fn one_engine_serves_many_threads_with_equal_results() {
        fn shareable<T: Send + Sync + Clone + 'static>() {}
        shareable::<Engine>();
        let engine = Engine::new(Template::bundled(), &FontChoice::default()).unwrap();
        let plan = std::sync::Arc::new(plan(|t| t));
        let options = PdfOptions {
            epoch: 0,
            compress_content: true,
            standard: Default::default(),
        };
        let pdfs: Vec<Vec<u8>> = (0..2)
            .map(|_| {
                let (engine, plan) = (engine.clone(), plan.clone());
                std::thread::spawn(move || {
                    let document = engine.layout(&plan).unwrap();
                    engine.pdf(&document, &options).unwrap()
                })
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|t| t.join().unwrap())
            .collect();
        assert_eq!(pdfs[0], pdfs[1]);
        assert!(
            std::ptr::eq(engine.fonts(), engine.clone().fonts()),
            "clones share"
        );
    }

    #[test]
    fn missing_glyphs_found_without_layout_equal_the_layouts() {
        let plan = plan(|t| {
            t.replacen(
                "区政会議の効果的な運営",
                "𠮷野家と区政会議の効果的な運営",
                1,
            )
            .replacen("福島区", "福島区\u{2FFF0}", 1)
        });
        let engine = Engine::new(Template::bundled(), &FontChoice::default()).unwrap();
        let walked = engine.missing_glyphs(&plan);
        assert_eq!(walked.len(), 2, "{walked:?}");
        assert_eq!(walked, engine.layout(&plan).unwrap().missing_glyphs);
    }

    #[test]
    fn a_missing_character_is_reported_at_every_place_a_drawn_one_is_asked_once() {
        // Thai is in no bundled face; 区 is drawn and asked once however often it occurs.
        let plan = plan(|t| {
            t.replacen("区政会議の効果的な運営", "ก区政会議の効果的な運営", 1)
                .replacen("福島区", "福島区ก", 1)
        });
        let engine = Engine::new(Template::bundled(), &FontChoice::default()).unwrap();
        let walked = engine.missing_glyphs(&plan);
        let places: Vec<&str> = walked.iter().map(|m| m.source.as_str()).collect();
        assert_eq!(walked.len(), 2, "{walked:?}");
        assert!(walked.iter().all(|m| m.character == 'ก'), "{walked:?}");
        assert_ne!(places[0], places[1]);
        assert_eq!(walked, engine.layout(&plan).unwrap().missing_glyphs);
        let mut set = CharSet::default();
        set.insert('区');
        assert!(set.contains('区') && !set.contains('福') && !set.contains('\u{2FFF0}'));
    }

    #[test]
    fn a_font_that_cannot_be_found_fails_the_engine() {
        let choice = FontChoice {
            font: Some("No Such Font Family 123".into()),
            fallbacks: vec![],
            bold_font: None,
        };
        let err = Engine::new(Template::bundled(), &choice).unwrap_err();
        assert!(matches!(err, FontError::NotFound(_)), "{err}");
    }
}
