//! The render state every request shares, made once at start: for each template a client
//! may choose, its `unei_render::Engine` (the template and its font chain, parsed once,
//! `Arc`, `Send + Sync`) shared by every worker. The steps themselves are the CLI's
//! (`pipeline.rs`), so a PDF of `unei serve` is the PDF of `unei render`.

use std::path::Path;
use std::sync::Arc;

use unei_core::{Plan, Template};
use unei_render::{Document, Engine, XlsxOutput};

use crate::pipeline::{self, Failure, FontChoice};

/// A template with its fonts: the CLI's engine; cheap to clone, `Send + Sync`.
#[derive(Debug, Clone)]
pub struct Context {
    engine: Engine,
}

impl Context {
    /// The template with its font chain (`--font`, `--bold-font`, `--fallback-font`), as
    /// `unei render` makes it.
    pub fn new(template: Template, fonts: &FontChoice) -> Result<Context, String> {
        let engine = pipeline::engine(template, fonts).map_err(|f| f.lines.join("; "))?;
        Ok(Context { engine })
    }

    pub fn template(&self) -> &Template {
        self.engine.template()
    }

    /// Lays the plan out (`unei render`'s step; `draft` marks every page 「確認用」).
    pub fn layout(&self, plan: &Plan, name: &str, draft: bool) -> Result<Document, Failure> {
        pipeline::lay_out(&self.engine, plan, Path::new(name), draft)
    }

    /// The PDF of a laid-out plan.
    pub fn pdf(&self, document: &Document, name: &str) -> Result<Vec<u8>, Failure> {
        pipeline::pdf_bytes(
            &self.engine,
            document,
            Path::new(name),
            unei_render::PdfStandard::default(),
        )
    }

    /// The workbook and its fit problems.
    pub fn xlsx(&self, plan: &Plan, name: &str) -> Result<XlsxOutput, Failure> {
        pipeline::xlsx_output(&self.engine, plan, Path::new(name))
    }

    /// The web page of the plan.
    pub fn html(&self, plan: &Plan) -> String {
        self.engine.html(plan)
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
            context: Context::new(default_template, fonts)?,
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
            let context = Context::new(template, fonts)?;
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
