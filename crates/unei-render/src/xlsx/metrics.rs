//! How spreadsheet applications size cells, so that the writer can break text into exactly
//! the lines they need and set heights that hold them.
//!
//! Excel measures column widths in "characters" of the workbook's default font: a column of
//! `w` characters is `w × MDW` pixels, MDW being the font's widest digit in whole pixels at
//! 96 dpi, and text keeps a padding of `2·⌈MDW/4⌉ + 1` pixels. LibreOffice reads the same
//! width with its unrounded digit width, so its columns come out slightly narrower (IPAex
//! Gothic 10.5 pt: 6.615 pt per character instead of 9 px = 6.75 pt). Excel's line pitch is
//! the font's Windows ascent + descent in whole pixels; LibreOffice's the hhea extent. The
//! writer plans with the narrower width and the taller pitch of the two.

use crate::fonts::FontData;

use super::XlsxError;

/// Screen pixels per point (96 dpi).
pub(crate) const PX_PER_PT: f32 = 96.0 / 72.0;
/// Excel's highest row: 409 pt.
pub(crate) const MAX_ROW_PX: u32 = 545;
/// Space above the first and below the last line of a cell, in pixels: Excel draws the
/// first line 1–2 px under the top border and needs as much under the last.
pub(crate) const VERTICAL_PAD_PX: u32 = 4;
/// Extra advance of synthetic bold (IPAex has no bold face): Windows widens each glyph by
/// one pixel; LibreOffice keeps the advance (measured with 7.4: bold lines wrap like regular).
pub(crate) const BOLD_EXTRA_PX: f32 = 1.0;
/// LibreOffice's text inset, both sides together, in points (measured with 7.4: ~1 pt a side).
const LIBREOFFICE_PAD_PT: f32 = 2.0;
/// Column edges are whole pixels: a cell may come out up to this much narrower than planned.
const ROUNDING_PX: f32 = 1.0;
/// Margin on top of every measured width, in pixels, for what neither application documents
/// (hinting that moves an advance by more than rounding, printer metrics).
const SAFETY_PX: f32 = 2.0;

/// Default column widths (pixels) rust_xlsxwriter accepts, by maximum digit width.
const SUPPORTED_DEFAULT_WIDTHS: [(u32, u32); 7] = [
    (6, 56),
    (7, 64),
    (8, 72),
    (9, 80),
    (11, 96),
    (12, 104),
    (13, 120),
];

/// Vertical metrics of a face per em.
#[derive(Debug, Clone, Copy)]
struct VerticalMetrics {
    win_ascent: f32,
    win_descent: f32,
    hhea_extent: f32,
}

/// The grid of a workbook set in one default font.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GridMetrics {
    /// Excel's maximum digit width of the default font, pixels.
    pub mdw_px: u32,
    /// The maximum digit width the workbook file is written with (a supported one).
    pub written_mdw_px: u32,
    /// Default column width matching `written_mdw_px`.
    pub default_col_px: u32,
    /// Points of text width one planned pixel of column gives in the narrower application.
    pub pt_per_px: f32,
    /// Points each side of a cell's text that neither application lets text use, plus
    /// rounding and safety: the `pad_x` of the row builder.
    pub pad_x: f32,
    vertical: VerticalMetrics,
}

impl GridMetrics {
    pub fn new(font: &FontData, size: f32) -> Result<GridMetrics, XlsxError> {
        let face = font.face()?;
        let upem = f32::from(face.units_per_em());
        let digit_em = ('0'..='9')
            .filter_map(|c| face.glyph_index(c))
            .filter_map(|g| face.glyph_hor_advance(g))
            .map(|a| f32::from(a) / upem)
            .fold(0.5, f32::max);
        let ppem = size * PX_PER_PT;
        let mdw_px = ((digit_em * ppem).round() as u32).max(1);
        let (written_mdw_px, default_col_px) = SUPPORTED_DEFAULT_WIDTHS
            .iter()
            .rev()
            .find(|(mdw, _)| *mdw <= mdw_px)
            .copied()
            .unwrap_or(SUPPORTED_DEFAULT_WIDTHS[0]);
        let excel_pad_px = (2 * mdw_px.div_ceil(4) + 1) as f32;
        // Planned pixels are written scaled by written/real MDW (see `written_px`), which
        // Excel shows as at least the planned pixels and LibreOffice as planned × digit / MDW.
        let libreoffice_pt_per_px = digit_em * size / mdw_px as f32;
        let pt_per_px = libreoffice_pt_per_px.min(1.0 / PX_PER_PT);
        let inset = (excel_pad_px / PX_PER_PT).max(LIBREOFFICE_PAD_PT);
        let pad_x = (inset + (ROUNDING_PX + SAFETY_PX) * pt_per_px) / 2.0;
        let os2 = face.tables().os2;
        let vertical = VerticalMetrics {
            win_ascent: os2.map_or(0.0, |t| f32::from(t.windows_ascender()) / upem),
            win_descent: os2.map_or(0.0, |t| f32::from(t.windows_descender()).abs() / upem),
            hhea_extent: f32::from(face.ascender() - face.descender() + face.line_gap()) / upem,
        };
        Ok(GridMetrics {
            mdw_px,
            written_mdw_px,
            default_col_px,
            pt_per_px,
            pad_x,
            vertical,
        })
    }

    /// Pitch of a line of text at `size` pt, in whole pixels: the taller of Excel's (Windows
    /// ascent and descent, each rounded up) and LibreOffice's (the hhea extent).
    pub fn line_px(&self, size: f32) -> u32 {
        let ppem = size * PX_PER_PT;
        let v = self.vertical;
        let excel = (v.win_ascent * ppem).ceil() + (v.win_descent * ppem).ceil();
        let libreoffice = (v.hhea_extent * ppem).ceil();
        excel.max(libreoffice).max(1.0) as u32
    }

    /// Width to write for a column of `px` planned pixels: Excel shows a column written
    /// with an unsupported digit width `written` as `px × real / written` pixels, so the
    /// width is scaled to come out at least as wide as planned.
    pub fn written_px(&self, px: u32) -> u32 {
        (px * self.written_mdw_px).div_ceil(self.mdw_px)
    }

    /// Layout points of a planned pixel position.
    pub fn layout_pt(&self, px: u32) -> f32 {
        px as f32 * self.pt_per_px
    }

    /// Nearest planned pixel of a layout position.
    pub fn px_at(&self, layout_pt: f32) -> u32 {
        (layout_pt / self.pt_per_px).round().max(0.0) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipaex_gothic_grid_is_excel_s() {
        let font = FontData::bundled("IPAexGothic").unwrap();
        let m = GridMetrics::new(&font, 10.5).unwrap();
        // Digits are 1290/2048 em: 8.82 px at 14 ppem, shown as 9.
        assert_eq!((m.mdw_px, m.written_mdw_px, m.default_col_px), (9, 9, 80));
        assert_eq!(m.written_px(340), 340);
        // LibreOffice: 6.615 pt per 9 px character, narrower than Excel's 6.75 pt.
        assert!((m.pt_per_px - 0.735).abs() < 0.001, "{}", m.pt_per_px);
        // Windows ascent 1802 + descent 401 per 2048 at 14 ppem: 13 + 3 px.
        assert_eq!(m.line_px(10.5), 16);
        // Excel's padding of 7 px at MDW 9 dominates LibreOffice's 2 pt.
        assert!(
            (m.pad_x - (5.25 + 3.0 * 0.735) / 2.0).abs() < 0.01,
            "{}",
            m.pad_x
        );
    }

    #[test]
    fn unsupported_digit_widths_are_written_wider() {
        let font = FontData::bundled("IPAexGothic").unwrap();
        // 12 pt: 16 ppem, digits 10.08 px → MDW 10, which rust_xlsxwriter cannot write.
        let m = GridMetrics::new(&font, 12.0).unwrap();
        assert_eq!((m.mdw_px, m.written_mdw_px), (10, 9));
        // Written with MDW 9, Excel shows 90 px as 100: planned 100 px is written as 90.
        assert_eq!(m.written_px(100), 90);
        assert_eq!(m.written_px(101), 91, "rounded towards wider");
    }
}
