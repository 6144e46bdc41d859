//! The render crate's failures (layout, workbook, PDF) in the user's language: its error
//! enums are English for `Display`; here each variant gets its Japanese wording.

use unei_core::{Lang, Localize};
use unei_render::xlsx::XlsxError;
use unei_render::{LayoutError, PdfError};

/// A step of drawing a plan that failed.
#[derive(Debug)]
pub enum Drawing<'a> {
    Layout(&'a LayoutError),
    Xlsx(&'a XlsxError),
    Pdf(&'a PdfError),
}

impl Localize for Drawing<'_> {
    fn localize(&self, lang: Lang) -> String {
        match (self, lang) {
            (Drawing::Layout(e), lang) => layout(e, lang),
            (Drawing::Xlsx(e), lang) => xlsx(e, lang),
            (Drawing::Pdf(e), lang) => e.localize(lang),
        }
    }
}

fn layout(e: &LayoutError, lang: Lang) -> String {
    match (e, lang) {
        (LayoutError::Font(font), lang) => font.localize(lang),
        (other, Lang::En) => other.to_string(),
        (LayoutError::PaperSize(size), Lang::Ja) => {
            format!("テンプレートの page.size {size:?} は使える用紙の大きさではありません")
        }
        (LayoutError::Colour(colour), Lang::Ja) => {
            format!("テンプレートの page.label_shading {colour:?} は #RRGGBB の色ではありません")
        }
    }
}

fn xlsx(e: &XlsxError, lang: Lang) -> String {
    match (e, lang) {
        (XlsxError::Font(font), lang) => font.localize(lang),
        (XlsxError::Layout(inner), lang) => layout(inner, lang),
        (other, Lang::En) => other.to_string(),
        (XlsxError::NoFont, Lang::Ja) => "ワークブックに使うフォントがありません".to_owned(),
        (XlsxError::Date(epoch), Lang::Ja) => format!(
            "SOURCE_DATE_EPOCH {epoch} はワークブックが持てる日付（1900～9999 年）の範囲外です"
        ),
        (XlsxError::Write(detail), Lang::Ja) => {
            format!("ワークブックを書き出せません: {detail}")
        }
        (XlsxError::Package(detail), Lang::Ja) => {
            format!("ワークブックに文書の言語を書き込めません: {detail}")
        }
    }
}
