//! The render state every request shares, made once at start: for each template a client
//! may choose, the template and its font chain, parsed once and shared (`Arc`) by every
//! worker. The steps themselves are the CLI's (`pipeline.rs`), so a PDF of `unei serve` is
//! the PDF of `unei render`.
//!
//! The PDF performance work (h/perf) builds the same shared state for the whole CLI as
//! `unei_render::Engine`. When it lands on main, [`Context`] becomes that engine: `new`
//! calls `pipeline::engine`, and the four methods below call the engine's `layout`, `pdf`,
//! `xlsx` and `html` — nothing outside this file changes.

use std::path::Path;
use std::sync::Arc;

use unei_core::{Plan, Template};
use unei_render::{Document, FontData, FontError, XlsxOutput, write_html};

use crate::pipeline::{self, Failure, FontChoice};

/// A template with its fonts; cheap to clone, `Send + Sync`.
#[derive(Debug, Clone)]
pub struct Context {
    shared: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    template: Template,
    fonts: Vec<FontData>,
}

impl Context {
    /// The template with its font chain (`--font`, `--bold-font`, `--fallback-font`), as
    /// `unei render` makes it.
    pub fn new(template: Template, fonts: &FontChoice) -> Result<Context, FontError> {
        let fonts = pipeline::font_chain(&template, fonts)?;
        Ok(Context {
            shared: Arc::new(Shared { template, fonts }),
        })
    }

    pub fn template(&self) -> &Template {
        &self.shared.template
    }

    /// Lays the plan out (`unei render`'s step; `draft` marks every page 「確認用」).
    pub fn layout(&self, plan: &Plan, name: &str, draft: bool) -> Result<Document, Failure> {
        let shared = &self.shared;
        pipeline::lay_out_as(
            plan,
            &shared.template,
            &shared.fonts,
            Path::new(name),
            draft,
        )
    }

    /// The PDF of a laid-out plan.
    pub fn pdf(&self, document: &Document, name: &str) -> Result<Vec<u8>, Failure> {
        pipeline::pdf_bytes(document, &self.shared.fonts, Path::new(name))
    }

    /// The workbook and its fit problems.
    pub fn xlsx(&self, plan: &Plan, name: &str) -> Result<XlsxOutput, Failure> {
        let shared = &self.shared;
        pipeline::xlsx_output(plan, &shared.template, &shared.fonts, Path::new(name))
    }

    /// The web page of the plan.
    pub fn html(&self, plan: &Plan) -> String {
        write_html(plan, self.template())
    }
}

/// The templates a client may choose, by id; the first is the server's default.
#[derive(Debug, Clone)]
pub struct Templates {
    choices: Arc<Vec<Choice>>,
}

/// One template a client may choose.
#[derive(Debug)]
pub struct Choice {
    /// `osaka-default`, `osaka-ipaex`, or the file stem of `--template FILE`.
    pub id: String,
    pub context: Context,
}

impl Templates {
    /// The server's template (`--template`, a bundled id or a file) first, then every other
    /// bundled template, each with the same font options.
    pub fn load(default: (String, Template), fonts: &FontChoice) -> Result<Templates, String> {
        let (default_id, default_template) = default;
        let mut choices = vec![Choice {
            context: Context::new(default_template, fonts).map_err(|e| e.to_string())?,
            id: default_id,
        }];
        for (id, _) in unei_core::template::BUNDLED_TEMPLATES {
            if choices.iter().any(|c| c.id == id) {
                continue;
            }
            let template = match Template::bundled_named(id) {
                Some(Ok(template)) => template,
                Some(Err(e)) => return Err(e.to_string()),
                None => continue,
            };
            let context = Context::new(template, fonts).map_err(|e| e.to_string())?;
            choices.push(Choice {
                id: id.to_owned(),
                context,
            });
        }
        Ok(Templates {
            choices: Arc::new(choices),
        })
    }

    /// The template of `id`; the default for `None` or `""`; `None` for an unknown id.
    pub fn get(&self, id: Option<&str>) -> Option<&Context> {
        match id.filter(|id| !id.is_empty()) {
            None => self.choices.first().map(|c| &c.context),
            Some(id) => self.choices.iter().find(|c| c.id == id).map(|c| &c.context),
        }
    }

    /// Every choice, the default first.
    pub fn choices(&self) -> &[Choice] {
        &self.choices
    }
}
