//! Fonts: the bundled faces (BIZ UDGothic Regular and Bold, the fonts city PCs have; IPAex
//! Gothic and Mincho as the alternative), font files, and system fonts by family name; metrics
//! come from the font itself (hmtx advances, hhea ascender/descender), never estimates.

use std::path::Path;
use std::sync::Arc;

use unei_core::Template;

pub use crate::glyph_cache::{Glyph, GlyphCache};

/// BIZ UDGothic Regular (Morisawa, SIL OFL 1.1): the default face. It ships with Windows 10
/// and later and with Office, so Excel on a city PC wraps with the metrics unei used.
pub static BIZ_UD_GOTHIC: &[u8] = include_bytes!("../../../assets/fonts/BIZUDGothic-Regular.ttf");
/// BIZ UDGothic Bold: the real bold face for labels.
pub static BIZ_UD_GOTHIC_BOLD: &[u8] = include_bytes!("../../../assets/fonts/BIZUDGothic-Bold.ttf");
/// IPAexGothic, bundled as the alternative face (and the fallback for glyphs BIZ UD lacks).
pub static IPAEX_GOTHIC: &[u8] = include_bytes!("../../../assets/fonts/ipaexg.ttf");
/// IPAexMincho, bundled likewise.
pub static IPAEX_MINCHO: &[u8] = include_bytes!("../../../assets/fonts/ipaexm.ttf");

/// A font that could not be found or read.
#[derive(Debug, thiserror::Error)]
pub enum FontError {
    #[error("{path}: cannot read font: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{name}: not a usable TrueType/OpenType font ({reason})")]
    Parse { name: String, reason: String },
    #[error(
        "font {0:?} not found: it is neither bundled (BIZ UDGothic, BIZ UDGothic Bold, IPAexGothic, IPAexMincho) nor installed on this system"
    )]
    NotFound(String),
}

/// Font bytes plus the name used in messages and in the PDF.
#[derive(Clone)]
pub struct FontData {
    pub name: String,
    pub bytes: Arc<dyn AsRef<[u8]> + Send + Sync>,
    /// Face index inside a collection (.ttc).
    pub index: u32,
    /// The template's bold face: drawn for bold text (labels) instead of fake bold.
    pub bold: bool,
    /// Glyph and advance of each character met so far, shared by every clone.
    pub glyphs: Arc<GlyphCache>,
}

impl std::fmt::Debug for FontData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontData")
            .field("name", &self.name)
            .field("len", &self.bytes().len())
            .field("index", &self.index)
            .field("bold", &self.bold)
            .finish()
    }
}

impl FontData {
    pub fn bytes(&self) -> &[u8] {
        (*self.bytes).as_ref()
    }

    /// A bundled face by family name.
    pub fn bundled(name: &str) -> Option<FontData> {
        let bytes: &'static [u8] = match normalise_family(name).as_str() {
            "bizudgothic" | "bizudゴシック" | "bizudgothicregular" | "bizudゴシックregular" => {
                BIZ_UD_GOTHIC
            }
            "bizudgothicbold" | "bizudゴシックbold" => BIZ_UD_GOTHIC_BOLD,
            "ipaexgothic" | "ipaexゴシック" => IPAEX_GOTHIC,
            "ipaexmincho" | "ipaex明朝" => IPAEX_MINCHO,
            _ => return None,
        };
        Some(FontData {
            name: name.to_owned(),
            bytes: Arc::new(bytes),
            index: 0,
            bold: false,
            glyphs: Arc::default(),
        })
    }

    /// A font file (.ttf, .otf, first face of a .ttc).
    pub fn from_file(path: &Path) -> Result<FontData, FontError> {
        let bytes = std::fs::read(path).map_err(|source| FontError::Read {
            path: path.display().to_string(),
            source,
        })?;
        let data = FontData {
            name: path.display().to_string(),
            bytes: Arc::new(bytes),
            index: 0,
            bold: false,
            glyphs: Arc::default(),
        };
        data.face()?;
        Ok(data)
    }

    /// The bundled face of that name, else an installed font of that family.
    pub fn by_name(name: &str) -> Result<FontData, FontError> {
        if let Some(font) = FontData::bundled(name) {
            return Ok(font);
        }
        system_font(name)
    }

    /// A font file when `spec` names one, else a bundled or installed family.
    pub fn by_spec(spec: &str) -> Result<FontData, FontError> {
        let path = Path::new(spec);
        if path.is_file() {
            FontData::from_file(path)
        } else {
            FontData::by_name(spec)
        }
    }

    /// This face as the bold face of the chain.
    pub fn as_bold(mut self) -> FontData {
        self.bold = true;
        self
    }

    /// Parses the face; cheap (ttf-parser reads tables in place).
    pub fn face(&self) -> Result<ttf_parser::Face<'_>, FontError> {
        ttf_parser::Face::parse(self.bytes(), self.index).map_err(|e| FontError::Parse {
            name: self.name.clone(),
            reason: e.to_string(),
        })
    }
}

/// Faces chosen instead of or besides the template's (`--font`, `--fallback-font`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FontChoice {
    /// Replaces the template's main font: a font file or a family name.
    pub font: Option<String>,
    /// Tried after the template's fallbacks.
    pub fallbacks: Vec<String>,
}

/// The font chain, the one list of faces every output uses: the main font (the choice's,
/// else the template's), the template's fallbacks, the choice's fallbacks, then the
/// template's bold face when it names one. [`crate::layout::TextRun::font`] indexes it.
pub fn font_chain(template: &Template, choice: &FontChoice) -> Result<Vec<FontData>, FontError> {
    let page = &template.page;
    let main = choice.font.as_deref().unwrap_or(&page.font);
    let mut fonts = std::iter::once(main)
        .chain(page.fallback_fonts.iter().map(String::as_str))
        .chain(choice.fallbacks.iter().map(String::as_str))
        .map(FontData::by_spec)
        .collect::<Result<Vec<_>, _>>()?;
    if !page.bold_font.is_empty() {
        fonts.push(FontData::by_spec(&page.bold_font)?.as_bold());
    }
    Ok(fonts)
}

fn normalise_family(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Looks a family up among installed fonts (fontconfig's usual folders, via fontdb).
fn system_font(name: &str) -> Result<FontData, FontError> {
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    let wanted = normalise_family(name);
    let found = db.faces().find(|face| {
        face.families
            .iter()
            .any(|(family, _)| normalise_family(family) == wanted)
    });
    let face = found.ok_or_else(|| FontError::NotFound(name.to_owned()))?;
    let (id, index) = (face.id, face.index);
    let bytes = db
        .with_face_data(id, |data, _| data.to_vec())
        .ok_or_else(|| FontError::NotFound(name.to_owned()))?;
    let data = FontData {
        name: name.to_owned(),
        bytes: Arc::new(bytes),
        index,
        bold: false,
        glyphs: Arc::default(),
    };
    data.face()?;
    Ok(data)
}

/// Metrics of one face at 1 pt. Lookups go to cmap/hmtx once per character and process (the
/// face's [`GlyphCache`]).
#[derive(Debug)]
pub struct Metrics<'a> {
    face: ttf_parser::Face<'a>,
    glyphs: &'a GlyphCache,
    units_per_em: f32,
}

impl<'a> Metrics<'a> {
    pub fn new(font: &'a FontData) -> Result<Self, FontError> {
        let face = font.face()?;
        let units_per_em = f32::from(face.units_per_em());
        Ok(Metrics {
            face,
            glyphs: &font.glyphs,
            units_per_em,
        })
    }

    /// The face's glyph for `c` and its advance in font units (cached per face).
    pub fn glyph(&self, c: char) -> Option<Glyph> {
        self.glyphs.get(c, || {
            let id = self.face.glyph_index(c)?;
            Some(Glyph {
                id: id.0,
                advance: self.face.glyph_hor_advance(id).unwrap_or(0),
            })
        })
    }

    /// Advance width of `c` for a 1 pt font, or `None` when the face has no glyph for it.
    pub fn advance(&self, c: char) -> Option<f32> {
        Some(f32::from(self.glyph(c)?.advance) / self.units_per_em)
    }

    /// True when the face has a glyph for `c`.
    pub fn has_glyph(&self, c: char) -> bool {
        self.glyph(c).is_some()
    }

    /// Ascender above the baseline, 1 pt font (positive).
    pub fn ascender(&self) -> f32 {
        f32::from(self.face.ascender()) / self.units_per_em
    }

    /// Descender below the baseline, 1 pt font (positive).
    pub fn descender(&self) -> f32 {
        -f32::from(self.face.descender()) / self.units_per_em
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_fonts_have_real_metrics() {
        for name in [
            "BIZ UDGothic",
            "BIZ UDゴシック",
            "BIZ UDGothic Bold",
            "IPAexGothic",
            "IPAexMincho",
            "ipaex gothic",
        ] {
            let font = FontData::bundled(name).unwrap();
            let m = Metrics::new(&font).unwrap();
            assert_eq!(m.advance('あ'), Some(1.0), "{name}: kana are full width");
            assert_eq!(m.advance('福'), Some(1.0));
            assert_eq!(
                m.advance('「'),
                Some(1.0),
                "{name}: brackets are full width"
            );
            let a = m.advance('a').unwrap();
            assert!(a > 0.3 && a < 0.7, "{name}: Latin is narrow: {a}");
            assert!(m.ascender() > 0.8 && m.descender() > 0.1, "{name}");
        }
    }

    #[test]
    fn biz_ud_gothic_latin_is_half_width_and_bold_is_a_real_face() {
        let regular = FontData::bundled("BIZ UDGothic").unwrap();
        let bold = FontData::bundled("BIZ UDGothic Bold").unwrap();
        let m = Metrics::new(&regular).unwrap();
        for c in ['a', 'W', '1', ','] {
            assert_eq!(
                m.advance(c),
                Some(0.5),
                "ASCII is monospaced half width: {c}"
            );
        }
        let weight = |f: &FontData| f.face().unwrap().weight().to_number();
        assert_eq!((weight(&regular), weight(&bold)), (400, 700));
        assert_ne!(regular.bytes(), bold.bytes());
    }

    #[test]
    fn missing_glyph_is_none_not_zero() {
        let font = FontData::bundled("IPAexGothic").unwrap();
        let m = Metrics::new(&font).unwrap();
        assert_eq!(m.advance('\u{20BB7}'), None, "IPAex has no 𠮷");
        assert!(!m.has_glyph('\u{20BB7}'));
        assert!(m.has_glyph('髙'));
    }

    #[test]
    fn unknown_font_names_are_errors() {
        let err = FontData::by_name("No Such Font Family 123").unwrap_err();
        assert!(err.to_string().contains("not found"), "{err}");
        let err = FontData::from_file(Path::new("/nonexistent.ttf")).unwrap_err();
        assert!(err.to_string().contains("cannot read"), "{err}");
        let tmp = std::env::temp_dir().join("unei-not-a-font.ttf");
        std::fs::write(&tmp, b"not a font").unwrap();
        let err = FontData::from_file(&tmp).unwrap_err();
        assert!(err.to_string().contains("not a usable"), "{err}");
    }
}
