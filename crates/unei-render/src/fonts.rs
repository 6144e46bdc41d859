//! Fonts: the bundled faces (BIZ UDGothic Regular and Bold, the fonts city PCs have; IPAex
//! Gothic and Mincho as the alternative), font files, and system fonts by family name; metrics
//! come from the font itself (hmtx advances, hhea ascender/descender), never estimates.

use std::path::Path;
use std::sync::Arc;

use unei_core::{Lang, Localize, Template};

pub use crate::glyph_cache::{Glyph, GlyphCache, Ink};
use crate::linebreak::CharBox;

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
    /// A font file could not be read.
    Read {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    #[error("{name}: not a usable TrueType/OpenType font ({reason})")]
    /// The bytes are not a font unei can use.
    Parse {
        /// The font's name or file.
        name: String,
        /// The parser's reason.
        reason: String,
    },
    #[error(
        "font {0:?} not found: it is neither bundled (BIZ UDGothic, BIZ UDGothic Bold, IPAexGothic, IPAexMincho) nor installed on this system"
    )]
    /// A family that is neither bundled nor installed.
    NotFound(String),
    #[error(
        "bold font {0:?} has no bold face (weight 700): name a bold face or a family that has one, or leave bold_font empty to draw labels fake bold"
    )]
    /// `bold_font` names a family without a weight-700 face.
    NoBold(String),
}

impl Localize for FontError {
    fn localize(&self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::En, _) => self.to_string(),
            (Lang::Ja, FontError::Read { path, source }) => {
                format!("{path}: フォントを読めません: {source}")
            }
            (Lang::Ja, FontError::Parse { name, reason }) => {
                format!("{name}: 使える TrueType/OpenType フォントではありません（{reason}）")
            }
            (Lang::Ja, FontError::NotFound(name)) => format!(
                "フォント {name:?} が見つかりません: 同梱のもの（BIZ UDGothic、BIZ UDGothic Bold、IPAexGothic、IPAexMincho）でも、この PC にインストールされたものでもありません"
            ),
            (Lang::Ja, FontError::NoBold(name)) => format!(
                "太字のフォント {name:?} に太字（ウェイト 700）の書体がありません: 太字の書体か太字のある書体名を指定するか、bold_font を空にして擬似太字にしてください"
            ),
        }
    }
}

/// Font bytes plus the name used in messages and in the PDF.
#[derive(Clone)]
pub struct FontData {
    /// Family or file name: in messages and in the PDF's font names.
    pub name: String,
    /// The font file's bytes (a bundled static or the file as read), shared by every clone.
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
    /// The font file's bytes.
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
    ///
    /// # Errors
    /// [`FontError::Read`] when the file cannot be read, [`FontError::Parse`] when it is not a font.
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
    ///
    /// # Errors
    /// [`FontError::NotFound`] when no bundled or installed family has that name (or its file
    /// cannot be read), [`FontError::Parse`] when the installed face is not usable.
    pub fn by_name(name: &str) -> Result<FontData, FontError> {
        if let Some(font) = FontData::bundled(name) {
            return Ok(font);
        }
        system_font(name, fontdb::Weight::NORMAL)
    }

    /// The bold face (weight 700) of a family, or a bold face named directly: bundled first
    /// (`BIZ UDGothic` gives BIZ UDGothic Bold), else the installed family's bold face. A
    /// family without one is an error, never its regular face embedded a second time.
    ///
    /// # Errors
    /// [`FontError::NoBold`] for a family without a weight-700 face, else as [`FontData::by_name`].
    pub fn bold_by_name(name: &str) -> Result<FontData, FontError> {
        let bold = match normalise_family(name).as_str() {
            "bizudgothic" | "bizudゴシック" | "bizudgothicbold" | "bizudゴシックbold" => {
                FontData::bundled("BIZ UDGothic Bold")
            }
            _ if FontData::bundled(name).is_some() => {
                return Err(FontError::NoBold(name.to_owned()));
            }
            _ => None,
        };
        let font = match bold {
            Some(font) => font,
            None => system_font(name, fontdb::Weight::BOLD)?,
        };
        let weight = font.face()?.weight().to_number();
        if weight < BOLD_ENOUGH {
            return Err(FontError::NoBold(name.to_owned()));
        }
        Ok(FontData {
            name: name.to_owned(),
            ..font
        }
        .as_bold())
    }

    /// A font file when `spec` names one, else a bundled or installed family.
    ///
    /// # Errors
    /// As [`FontData::from_file`] or [`FontData::by_name`].
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
    ///
    /// # Errors
    /// [`FontError::Parse`] when the bytes are not a face ttf-parser reads.
    pub fn face(&self) -> Result<ttf_parser::Face<'_>, FontError> {
        ttf_parser::Face::parse(self.bytes(), self.index).map_err(|e| FontError::Parse {
            name: self.name.clone(),
            reason: e.to_string(),
        })
    }
}

/// Faces chosen instead of or besides the template's (`--font`, `--fallback-font`,
/// `--bold-font`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FontChoice {
    /// Replaces the template's main font: a font file or a family name.
    pub font: Option<String>,
    /// Tried after the template's fallbacks.
    pub fallbacks: Vec<String>,
    /// Replaces the template's bold face: a font file, or a family whose weight-700 face is
    /// taken.
    pub bold_font: Option<String>,
}

/// The font chain, the one list of faces every output uses: the main font (the choice's,
/// else the template's), the template's fallbacks, the choice's fallbacks (tried in that
/// order before 〓), then the bold face when there is one: the choice's or the template's,
/// a family's weight-700 face (an error if it has none) or a file as it is.
/// [`crate::layout::TextRun::font`] indexes it.
///
/// # Errors
/// The first face of the chain that cannot be found or read (see [`FontData::by_spec`],
/// [`FontData::bold_by_name`]).
pub fn font_chain(template: &Template, choice: &FontChoice) -> Result<Vec<FontData>, FontError> {
    let page = &template.page;
    let main = choice.font.as_deref().unwrap_or(&page.font);
    let mut fonts = std::iter::once(main)
        .chain(page.fallback_fonts.iter().map(String::as_str))
        .chain(choice.fallbacks.iter().map(String::as_str))
        .map(FontData::by_spec)
        .collect::<Result<Vec<_>, _>>()?;
    let bold = choice.bold_font.as_deref().unwrap_or(&page.bold_font);
    if !bold.is_empty() {
        let path = Path::new(bold);
        fonts.push(if path.is_file() {
            FontData::from_file(path)?.as_bold()
        } else {
            FontData::bold_by_name(bold)?
        });
    }
    Ok(fonts)
}

fn normalise_family(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The least OS/2 weight a face must have to be taken as bold (SemiBold and up).
const BOLD_ENOUGH: u16 = 600;

/// Looks a family up among installed fonts (fontconfig's usual folders, via fontdb): the face
/// of that family closest to `weight` (CSS matching), or a face whose PostScript name it is.
fn system_font(name: &str, weight: fontdb::Weight) -> Result<FontData, FontError> {
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    let wanted = normalise_family(name);
    let family = db.faces().find_map(|face| {
        face.families
            .iter()
            .find(|(family, _)| normalise_family(family) == wanted)
            .map(|(family, _)| family.clone())
    });
    let found = match family {
        Some(family) => db.query(&fontdb::Query {
            families: &[fontdb::Family::Name(&family)],
            weight,
            ..fontdb::Query::default()
        }),
        None => db
            .faces()
            .find(|face| normalise_family(&face.post_script_name) == wanted)
            .map(|face| face.id),
    };
    let id = found.ok_or_else(|| FontError::NotFound(name.to_owned()))?;
    let (bytes, index) = db
        .with_face_data(id, |data, index| (data.to_vec(), index))
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

/// The extent of glyph `id`'s outline, `None` for a glyph without one (a space). A TrueType
/// glyph's box is read from its glyf header: outlining the glyph to measure it (ttf-parser's
/// `glyph_bounding_box`) gives the same box in a font whose headers are up to date — every
/// glyph of every bundled font, a test checks — and cost ~7,600 instructions a character,
/// 18 % of a whole render. Other outlines (CFF) are measured.
fn ink_box(face: &ttf_parser::Face<'_>, id: ttf_parser::GlyphId) -> Option<ttf_parser::Rect> {
    let Some(glyf) = face.tables().glyf else {
        return face.glyph_bounding_box(id);
    };
    // An empty glyph has no header; a header of zeros is a glyph without contours.
    glyf.bbox(id)
        .filter(|b| (b.x_min, b.y_min, b.x_max, b.y_max) != (0, 0, 0, 0))
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
    /// The metrics of `font`'s face.
    ///
    /// # Errors
    /// [`FontError::Parse`] when the face cannot be parsed.
    pub fn new(font: &'a FontData) -> Result<Self, FontError> {
        let face = font.face()?;
        let units_per_em = f32::from(face.units_per_em());
        Ok(Metrics {
            face,
            glyphs: &font.glyphs,
            units_per_em,
        })
    }

    /// The face's glyph for `c`, its advance and its ink in font units (cached per face).
    pub fn glyph(&self, c: char) -> Option<Glyph> {
        self.glyphs.get(c, || {
            let id = self.face.glyph_index(c)?;
            Some(Glyph {
                id: id.0,
                advance: self.face.glyph_hor_advance(id).unwrap_or(0),
                ink: ink_box(&self.face, id).map(|ink| Ink {
                    x_min: ink.x_min,
                    x_max: ink.x_max,
                }),
            })
        })
    }

    /// Advance width of `c` for a 1 pt font, or `None` when the face has no glyph for it.
    pub fn advance(&self, c: char) -> Option<f32> {
        Some(f32::from(self.glyph(c)?.advance) / self.units_per_em)
    }

    /// True when the face has a glyph for `c`: from the cache, else from the cmap alone
    /// (the glyph's outline is read for its ink only when the character is set).
    pub fn has_glyph(&self, c: char) -> bool {
        match self.glyphs.known(c) {
            Some(glyph) => glyph.is_some(),
            None => self.face.glyph_index(c).is_some(),
        }
    }

    /// Glyph id of `c` in this face (the font file's numbering).
    pub fn glyph_id(&self, c: char) -> Option<u16> {
        self.glyph(c).map(|g| g.id)
    }

    /// The glyph drawn for `glyph` in vertical text: its `vert` (else `vrt2`) substitute from
    /// the font's GSUB (（）「」ー〜 and the small kana turn or move), `None` when it has none.
    pub fn vertical_form(&self, glyph: u16) -> Option<u16> {
        use ttf_parser::gsub::{SingleSubstitution, SubstitutionSubtable};
        let gsub = self.face.tables().gsub?;
        let glyph = ttf_parser::GlyphId(glyph);
        for tag in [b"vert", b"vrt2"] {
            let tag = ttf_parser::Tag::from_bytes(tag);
            let lookups = gsub
                .features
                .into_iter()
                .filter(|f| f.tag == tag)
                .flat_map(|f| f.lookup_indices);
            for index in lookups {
                let Some(lookup) = gsub.lookups.get(index) else {
                    continue;
                };
                for subtable in lookup.subtables.into_iter::<SubstitutionSubtable<'_>>() {
                    let SubstitutionSubtable::Single(single) = subtable else {
                        continue;
                    };
                    let found = match single {
                        SingleSubstitution::Format1 { coverage, delta } => coverage
                            .contains(glyph)
                            .then(|| (i32::from(glyph.0) + i32::from(delta)) as u16),
                        SingleSubstitution::Format2 {
                            coverage,
                            substitutes,
                        } => coverage
                            .get(glyph)
                            .and_then(|i| substitutes.get(i))
                            .map(|g| g.0),
                    };
                    if found.is_some() {
                        return found;
                    }
                }
            }
        }
        None
    }

    /// Advance of `c` at 1 pt with the ink-free space before and after its ink (from the
    /// glyph's bounding box): how much of a full-width bracket's blank half is blank.
    pub fn char_box(&self, c: char) -> Option<CharBox> {
        self.glyph_box(c).map(|(_, char_box)| char_box)
    }

    /// The glyph id of `c` and its [`CharBox`], from one look at the face's cache.
    pub fn glyph_box(&self, c: char) -> Option<(u16, CharBox)> {
        let glyph = self.glyph(c)?;
        let units = f32::from(glyph.advance);
        let (free_start, free_end) = match glyph.ink {
            Some(ink) => (f32::from(ink.x_min), units - f32::from(ink.x_max)),
            None => (0.0, 0.0),
        };
        let char_box = CharBox {
            advance: units / self.units_per_em,
            free_start: free_start / self.units_per_em,
            free_end: free_end / self.units_per_em,
        };
        Some((glyph.id, char_box))
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
    fn a_glyph_s_stored_box_is_its_outline_s_box_in_every_bundled_font() {
        for name in [
            "BIZ UDGothic",
            "BIZ UDGothic Bold",
            "IPAexGothic",
            "IPAexMincho",
        ] {
            let font = FontData::bundled(name).unwrap();
            let face = font.face().unwrap();
            let mut with_ink = 0;
            for id in (0..face.number_of_glyphs()).map(ttf_parser::GlyphId) {
                let measured = face.glyph_bounding_box(id);
                assert_eq!(ink_box(&face, id), measured, "{name}: glyph {}", id.0);
                with_ink += usize::from(measured.is_some());
            }
            assert!(with_ink > 12_000, "{name}: {with_ink}");
        }
    }

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

    /// The cached box is the font's own: advance and bounding box read straight from the
    /// face, asked twice (the second answer comes from the cache).
    #[test]
    fn char_boxes_from_the_cache_equal_the_font() {
        let font = FontData::bundled("BIZ UDGothic").unwrap();
        let m = Metrics::new(&font).unwrap();
        let face = font.face().unwrap();
        let em = f32::from(face.units_per_em());
        for c in ['「', '」', '、', '。', '（', 'a', 'W', ' ', '福', '〓'] {
            let id = face.glyph_index(c).unwrap();
            let advance = f32::from(face.glyph_hor_advance(id).unwrap());
            let (start, end) = face.glyph_bounding_box(id).map_or((0.0, 0.0), |b| {
                (f32::from(b.x_min), advance - f32::from(b.x_max))
            });
            let expected = CharBox {
                advance: advance / em,
                free_start: start / em,
                free_end: end / em,
            };
            for _ in 0..2 {
                assert_eq!(m.glyph_box(c), Some((id.0, expected)), "{c}");
                assert_eq!(m.char_box(c), Some(expected), "{c}");
            }
        }
        let (_, bracket) = m.glyph_box('「').unwrap();
        assert!(
            bracket.free_start > 0.3,
            "「 is blank on its left: {bracket:?}"
        );
        assert_eq!(m.glyph_box('\u{10FFFD}'), None);
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
    fn a_bold_family_gives_its_bold_face_or_an_error() {
        let weight = |f: &FontData| f.face().unwrap().weight().to_number();
        for name in ["BIZ UDGothic", "BIZ UDゴシック", "BIZ UDGothic Bold"] {
            let bold = FontData::bold_by_name(name).unwrap();
            assert_eq!(weight(&bold), 700, "{name}");
            assert!(bold.bold);
            assert_eq!(bold.bytes(), BIZ_UD_GOTHIC_BOLD);
        }
        for name in ["IPAexGothic", "IPAexMincho"] {
            let err = FontData::bold_by_name(name).unwrap_err();
            assert!(matches!(err, FontError::NoBold(_)), "{name}: {err}");
            assert!(
                err.localize(Lang::Ja).contains("太字"),
                "{}",
                err.localize(Lang::Ja)
            );
            assert!(err.to_string().contains("no bold face"));
        }
        let err = FontData::bold_by_name("No Such Family 42").unwrap_err();
        assert!(matches!(err, FontError::NotFound(_)), "{err}");
    }

    /// DejaVu Sans (installed by tests/run.sh with the other tools) has Book and Bold faces:
    /// the family name gives the Bold one, not the first face found.
    #[test]
    fn an_installed_family_gives_its_weight_700_face() {
        let regular = FontData::by_name("DejaVu Sans")
            .expect("DejaVu Sans must be installed (fonts-dejavu-core, see tests/run.sh)");
        let bold = FontData::bold_by_name("DejaVu Sans").unwrap();
        assert_eq!(bold.face().unwrap().weight().to_number(), 700);
        assert!(regular.face().unwrap().weight().to_number() < 600);
        assert_ne!(regular.bytes(), bold.bytes());
    }

    #[test]
    fn vertical_forms_come_from_the_fonts_gsub() {
        for name in ["BIZ UDGothic", "BIZ UDGothic Bold", "IPAexGothic"] {
            let font = FontData::bundled(name).unwrap();
            let m = Metrics::new(&font).unwrap();
            for c in ['（', '）', '「', 'ー', '〜'] {
                let glyph = m.glyph_id(c).unwrap();
                let vertical = m.vertical_form(glyph);
                assert!(
                    vertical.is_some_and(|v| v != glyph),
                    "{name}: {c} has a vert form"
                );
            }
            let kanji = m.glyph_id('計').unwrap();
            assert_eq!(
                m.vertical_form(kanji),
                None,
                "{name}: kanji stay as they are"
            );
        }
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
