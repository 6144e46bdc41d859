//! Helpers of the XLSX tests: writing fixtures, the workbook's XML parts, golden files, and
//! an independent row-height check that reads only the file and the font.

#![allow(dead_code)] // each test file uses part of this module

use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;

use unei_core::{Plan, Template};
use unei_render::linebreak::{BreakOptions, break_lines};
use unei_render::{XlsxOptions, XlsxOutput, template_fonts, write_xlsx};

/// `SOURCE_DATE_EPOCH` of the tests: 2023-11-14T22:13:20Z.
pub const EPOCH: i64 = 1_700_000_000;

pub fn fixture(name: &str) -> Plan {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/plans")
        .join(format!("{name}.json"));
    unei_core::plan_from_str(&std::fs::read_to_string(path).unwrap(), name).unwrap()
}

pub fn write(name: &str) -> (Plan, XlsxOutput) {
    write_with(name, &Template::bundled())
}

/// The workbook of fixture `name` made with `template`.
pub fn write_with(name: &str, template: &Template) -> (Plan, XlsxOutput) {
    let plan = fixture(name);
    let fonts = template_fonts(template).unwrap();
    let out = write_xlsx(&plan, template, &fonts, &XlsxOptions { epoch: EPOCH }).unwrap();
    (plan, out)
}

/// Every part of the workbook (zip entry) as text.
pub fn parts(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut entry = zip.by_index(i).unwrap();
            let mut text = String::new();
            entry.read_to_string(&mut text).unwrap();
            (entry.name().unwrap().into_owned(), text)
        })
        .collect()
}

/// XML made readable for golden files.
pub struct Part;

impl Part {
    /// A worksheet made readable, each shared-string index followed by its text
    /// (`<v>2</v> = "区・局の目標…"`), so a golden diff shows which text moved.
    pub fn readable_sheet(xml: &str, shared_strings: &str) -> String {
        let strings: Vec<String> = elements(shared_strings, "si")
            .iter()
            .map(|(_, si)| string_runs(si).into_iter().map(|(_, t)| t).collect())
            .collect();
        let readable = Part::readable(xml);
        let mut out = String::with_capacity(readable.len() * 2);
        let mut shared = false;
        for line in readable.lines() {
            out.push_str(line);
            if line.starts_with("<c ") {
                shared = line.contains(" t=\"s\"");
            }
            let index = line
                .strip_prefix("<v>")
                .and_then(|l| l.strip_suffix("</v>"))
                .and_then(|n| n.parse::<usize>().ok());
            if let (true, Some(text)) = (shared, index.and_then(|i| strings.get(i))) {
                out.push_str(&format!(" = {text:?}"));
            }
            out.push('\n');
        }
        out
    }

    /// One element per line, and the creation/modification dates replaced by `DATE`.
    pub fn readable(xml: &str) -> String {
        let mut out = String::with_capacity(xml.len() * 2);
        for (i, piece) in xml.split("><").enumerate() {
            if i > 0 {
                out.push_str(">\n<");
            }
            out.push_str(piece);
        }
        out.push('\n');
        for tag in ["dcterms:created", "dcterms:modified"] {
            out = replace_element_text(&out, tag, "DATE");
        }
        out
    }
}

fn replace_element_text(xml: &str, tag: &str, with: &str) -> String {
    let open = format!("<{tag} ");
    let close = format!("</{tag}>");
    let Some(start) = xml.find(&open) else {
        return xml.to_owned();
    };
    let text_start = start + xml[start..].find('>').unwrap() + 1;
    let end = text_start + xml[text_start..].find(&close).unwrap();
    format!("{}{with}{}", &xml[..text_start], &xml[end..])
}

// ---- a minimal reader of the XML rust_xlsxwriter writes ----

/// Every `<name …>` or `<name …/>` start tag in `xml`, with the text up to the matching end
/// tag (empty for self-closing ones).
fn elements<'x>(xml: &'x str, name: &str) -> Vec<(&'x str, &'x str)> {
    let open = format!("<{name}");
    let close = format!("</{name}>");
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i + open.len()..];
        if !after.starts_with([' ', '>', '/']) {
            rest = after;
            continue;
        }
        let tag_end = after.find('>').unwrap();
        let tag = &after[..tag_end];
        if tag.ends_with('/') {
            out.push((tag, ""));
            rest = &after[tag_end + 1..];
        } else {
            let body = &after[tag_end + 1..];
            let end = body.find(&close).unwrap();
            out.push((tag, &body[..end]));
            rest = &body[end + close.len()..];
        }
    }
    out
}

fn attr<'x>(tag: &'x str, name: &str) -> Option<&'x str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    Some(&tag[start..start + tag[start..].find('"')?])
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Text of a shared string as runs `(bold, text)`.
fn string_runs(si: &str) -> Vec<(bool, String)> {
    let runs = elements(si, "r");
    if runs.is_empty() {
        return elements(si, "t")
            .iter()
            .map(|(_, t)| (false, unescape(t)))
            .collect();
    }
    runs.iter()
        .map(|(_, r)| {
            let bold = elements(r, "rPr").iter().any(|(_, p)| p.contains("<b/>"));
            let text: String = elements(r, "t").iter().map(|(_, t)| unescape(t)).collect();
            (bold, text)
        })
        .collect()
}

/// A cell format: font size, weight, and stacked (one character per line) text.
#[derive(Debug, Clone, Copy)]
struct Xf {
    size: f32,
    bold: bool,
    stacked: bool,
}

fn cell_formats(styles: &str) -> Vec<Xf> {
    let fonts: Vec<(f32, bool)> = elements(styles, "font")
        .iter()
        .map(|(_, f)| {
            let size = elements(f, "sz")
                .first()
                .and_then(|(t, _)| attr(t, "val"))
                .unwrap()
                .parse()
                .unwrap();
            (size, f.contains("<b/>"))
        })
        .collect();
    let (_, cell_xfs) = elements(styles, "cellXfs")[0];
    elements(cell_xfs, "xf")
        .iter()
        .map(|(tag, body)| {
            let font: usize = attr(tag, "fontId").unwrap().parse().unwrap();
            Xf {
                size: fonts[font].0,
                bold: fonts[font].1,
                stacked: body.contains("textRotation=\"255\""),
            }
        })
        .collect()
}

/// `B12` → (11, 1).
fn position(reference: &str) -> (u32, u32) {
    let letters: String = reference
        .chars()
        .take_while(char::is_ascii_uppercase)
        .collect();
    let col = letters
        .bytes()
        .fold(0u32, |n, b| n * 26 + u32::from(b - b'A' + 1))
        - 1;
    let row: u32 = reference[letters.len()..].parse().unwrap();
    (row - 1, col)
}

/// The independent model of how Excel and LibreOffice size text: the workbook font's own
/// advances (whole screen pixels or exact, whichever is wider; bold text in the family's bold
/// face, synthetic bold one pixel wider where the family has none), Excel's column-width rule,
/// LibreOffice's unrounded digit width, and the line pitch of the font's Windows ascent +
/// descent or hhea extent, whichever is taller.
struct Model {
    face: ttf_parser::Face<'static>,
    bold_face: Option<ttf_parser::Face<'static>>,
    upem: f32,
    default_size: f32,
}

/// The bundled faces of the family the workbook names (regular, bold if the family has one).
fn workbook_faces(styles: &str) -> (&'static [u8], Option<&'static [u8]>) {
    use unei_render::fonts::{BIZ_UD_GOTHIC, BIZ_UD_GOTHIC_BOLD, IPAEX_GOTHIC};
    let (tag, _) = elements(styles, "name")[0];
    match unescape(attr(tag, "val").unwrap()).as_str() {
        "BIZ UDゴシック" => (BIZ_UD_GOTHIC, Some(BIZ_UD_GOTHIC_BOLD)),
        "IPAexゴシック" => (IPAEX_GOTHIC, None),
        other => panic!("the workbook names a font this check does not know: {other}"),
    }
}

impl Model {
    fn em(&self, c: char) -> f32 {
        let glyph = self.face.glyph_index(c).unwrap_or_default();
        f32::from(self.face.glyph_hor_advance(glyph).unwrap_or(0)) / self.upem
    }

    fn ppem(size: f32) -> f32 {
        size * 96.0 / 72.0
    }

    fn digit_em(&self) -> f32 {
        ('0'..='9').map(|c| self.em(c)).fold(0.0, f32::max)
    }

    fn mdw(&self) -> f32 {
        (self.digit_em() * Self::ppem(self.default_size)).round()
    }

    /// Points of text a merged cell of these column widths (in characters) gives.
    fn text_width(&self, widths: &[f32]) -> f32 {
        let mdw = self.mdw();
        let excel_px: f32 = widths
            .iter()
            .map(|w| (((256.0 * w + (128.0 / mdw).trunc()) / 256.0) * mdw).trunc())
            .sum();
        let excel_padding = 2.0 * (mdw / 4.0).ceil() + 1.0;
        let excel = (excel_px - excel_padding) * 0.75;
        let libreoffice: f32 =
            widths.iter().sum::<f32>() * self.digit_em() * self.default_size - 2.0;
        excel.min(libreoffice)
    }

    fn line_px(&self, size: f32) -> f32 {
        let ppem = Self::ppem(size);
        let os2 = self.face.tables().os2.unwrap();
        let win = (f32::from(os2.windows_ascender()) / self.upem * ppem).ceil()
            + (f32::from(os2.windows_descender()).abs() / self.upem * ppem).ceil();
        let hhea = f32::from(self.face.ascender() - self.face.descender() + self.face.line_gap());
        win.max((hhea / self.upem * ppem).ceil())
    }

    /// Lines the runs need at `width` points: each paragraph broken with the strict breaker;
    /// a paragraph mixing weights is broken per run, which needs at least as many lines.
    fn lines(&self, runs: &[(bool, String)], width: f32, size: f32) -> usize {
        let mut paragraphs: Vec<Vec<(bool, String)>> = vec![Vec::new()];
        for (bold, text) in runs {
            for (k, piece) in text.split('\n').enumerate() {
                if k > 0 {
                    paragraphs.push(Vec::new());
                }
                if let Some(p) = paragraphs.last_mut() {
                    p.push((*bold, piece.to_owned()));
                }
            }
        }
        paragraphs
            .iter()
            .map(|runs| {
                let pieces: Vec<&(bool, String)> =
                    runs.iter().filter(|(_, t)| !t.is_empty()).collect();
                if pieces.is_empty() {
                    return 1;
                }
                pieces
                    .iter()
                    .map(|(bold, text)| self.break_count(text, width, size, *bold))
                    .sum()
            })
            .sum()
    }

    fn break_count(&self, text: &str, width: f32, size: f32, bold: bool) -> usize {
        let ppem = Self::ppem(size);
        let bold_glyph = |c: char| {
            let face = self.bold_face.as_ref().filter(|_| bold)?;
            let glyph = face.glyph_index(c)?;
            Some(f32::from(face.glyph_hor_advance(glyph).unwrap_or(0)) / self.upem)
        };
        let advance = |c: char| {
            let (em, extra) = match bold_glyph(c) {
                Some(em) => (em, 0.0),
                None => (self.em(c), if bold { 1.0 } else { 0.0 }),
            };
            let px = em * ppem;
            (px.round().max(px) + extra) * 0.75
        };
        break_lines(text, width, &advance, BreakOptions::default()).len()
    }
}

/// The outcome of [`check_heights`].
#[derive(Debug, Default)]
pub struct Checked {
    pub cells: usize,
    /// `sheet!cell: needs N px, has M px` for every cell whose rows are too short.
    pub short: Vec<String>,
}

/// Checks from the file alone that every text cell's rows are tall enough for its lines.
pub fn check_heights(bytes: &[u8]) -> Checked {
    let parts = parts(bytes);
    let (regular, bold) = workbook_faces(&parts["xl/styles.xml"]);
    let face = ttf_parser::Face::parse(regular, 0).unwrap();
    let formats = cell_formats(&parts["xl/styles.xml"]);
    let model = Model {
        upem: f32::from(face.units_per_em()),
        bold_face: bold.map(|b| ttf_parser::Face::parse(b, 0).unwrap()),
        face,
        default_size: formats[0].size,
    };
    let strings: Vec<Vec<(bool, String)>> = elements(&parts["xl/sharedStrings.xml"], "si")
        .iter()
        .map(|(_, si)| string_runs(si))
        .collect();
    let workbook = &parts["xl/workbook.xml"];
    let names: Vec<String> = elements(workbook, "sheet")
        .iter()
        .map(|(t, _)| unescape(attr(t, "name").unwrap()))
        .collect();
    let mut checked = Checked::default();
    for (n, name) in names.iter().enumerate() {
        let xml = &parts[&format!("xl/worksheets/sheet{}.xml", n + 1)];
        check_sheet(name, xml, &strings, &formats, &model, &mut checked);
    }
    checked
}

fn check_sheet(
    name: &str,
    xml: &str,
    strings: &[Vec<(bool, String)>],
    formats: &[Xf],
    model: &Model,
    checked: &mut Checked,
) {
    let mut widths: BTreeMap<u32, f32> = BTreeMap::new();
    for (tag, _) in elements(xml, "col") {
        let (min, max): (u32, u32) = (
            attr(tag, "min").unwrap().parse().unwrap(),
            attr(tag, "max").unwrap().parse().unwrap(),
        );
        for col in min..=max {
            widths.insert(col - 1, attr(tag, "width").unwrap().parse().unwrap());
        }
    }
    let (format_tag, _) = elements(xml, "sheetFormatPr")[0];
    let default_ht: f32 = attr(format_tag, "defaultRowHeight")
        .unwrap()
        .parse()
        .unwrap();
    let mut heights: BTreeMap<u32, f32> = BTreeMap::new();
    let mut cells = Vec::new();
    for (tag, body) in elements(xml, "row") {
        let row: u32 = attr(tag, "r").unwrap().parse::<u32>().unwrap() - 1;
        let ht = attr(tag, "ht").map_or(default_ht, |h| h.parse().unwrap());
        heights.insert(row, ht);
        for (c, value) in elements(body, "c") {
            if attr(c, "t") == Some("s") {
                let index: usize = elements(value, "v")[0].1.parse().unwrap();
                let xf = formats[attr(c, "s").unwrap().parse::<usize>().unwrap()];
                cells.push((position(attr(c, "r").unwrap()), index, xf));
            }
        }
    }
    let merges: Vec<((u32, u32), (u32, u32))> = elements(xml, "mergeCell")
        .iter()
        .map(|(t, _)| {
            let (a, b) = attr(t, "ref").unwrap().split_once(':').unwrap();
            (position(a), position(b))
        })
        .collect();
    for (at, index, xf) in cells {
        let end = merges.iter().find(|(s, _)| *s == at).map_or(at, |m| m.1);
        let has_px: f32 = (at.0..=end.0)
            .map(|r| (heights[&r] * 4.0 / 3.0).round())
            .sum();
        let runs: Vec<(bool, String)> = strings[index]
            .iter()
            .map(|(bold, t)| (*bold || xf.bold, t.clone()))
            .collect();
        let lines = if xf.stacked {
            runs.iter().map(|(_, t)| t.chars().count()).sum()
        } else {
            let cols: Vec<f32> = (at.1..=end.1).map(|c| widths[&c]).collect();
            model.lines(&runs, model.text_width(&cols), xf.size)
        };
        let needs_px = lines as f32 * model.line_px(xf.size) + 4.0;
        checked.cells += 1;
        if needs_px > has_px {
            checked.short.push(format!(
                "{name}!{at:?}: {lines} lines need {needs_px} px, the rows have {has_px} px"
            ));
        }
    }
}

/// A sheet as it prints, from the file's own numbers: row heights, where pages break, what
/// repeats at the top of every page.
pub struct PrintedSheet {
    pub name: String,
    /// Height of each row of the print area in points, row 1 first.
    pub row_pt: Vec<f64>,
    /// First and last row (1-based) of each printed page.
    pub pages: Vec<(u32, u32)>,
    /// Rows (1-based) of the sheet's `_xlnm.Print_Titles`.
    pub print_titles: Option<(u32, u32)>,
    /// Height of the page between the top and bottom margins.
    pub body_pt: f64,
}

impl PrintedSheet {
    /// Height of rows `first..=last` (1-based).
    pub fn height(&self, (first, last): (u32, u32)) -> f64 {
        self.row_pt[first as usize - 1..last as usize].iter().sum()
    }
}

/// Every sheet of a workbook as it prints.
pub fn printed_sheets(bytes: &[u8]) -> Vec<PrintedSheet> {
    let parts = parts(bytes);
    let workbook = &parts["xl/workbook.xml"];
    let names: Vec<String> = elements(workbook, "sheet")
        .iter()
        .map(|(tag, _)| unescape(attr(tag, "name").unwrap()))
        .collect();
    let defined = elements(workbook, "definedName");
    // `様式1!$1:$3` → (1, 3); `'様式2-1'!$A$1:$C$28` → (1, 28).
    let rows_of = |kind: &str, sheet: usize| -> Option<(u32, u32)> {
        let (_, range) = defined.iter().find(|(tag, _)| {
            attr(tag, "name") == Some(kind) && attr(tag, "localSheetId") == Some(&sheet.to_string())
        })?;
        let (_, cells) = range.rsplit_once('!')?;
        let (a, b) = cells.split_once(':')?;
        let row = |c: &str| -> u32 {
            c.trim_start_matches('$')
                .trim_start_matches(|ch: char| ch.is_ascii_uppercase())
                .trim_start_matches('$')
                .parse()
                .unwrap()
        };
        Some((row(a), row(b)))
    };
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let xml = &parts[&format!("xl/worksheets/sheet{}.xml", i + 1)];
            let default: f64 = elements(xml, "sheetFormatPr")
                .first()
                .and_then(|(tag, _)| attr(tag, "defaultRowHeight"))
                .unwrap()
                .parse()
                .unwrap();
            let (_, last_row) = rows_of("_xlnm.Print_Area", i).unwrap();
            let mut row_pt = vec![default; last_row as usize];
            for (tag, _) in elements(xml, "row") {
                let r: usize = attr(tag, "r").unwrap().parse().unwrap();
                if let (Some(ht), Some(slot)) = (attr(tag, "ht"), row_pt.get_mut(r - 1)) {
                    *slot = ht.parse().unwrap();
                }
            }
            let mut starts = vec![1];
            starts.extend(
                elements(xml, "brk")
                    .iter()
                    .map(|(tag, _)| attr(tag, "id").unwrap().parse::<u32>().unwrap() + 1),
            );
            let ends = starts.iter().skip(1).map(|s| s - 1).chain([last_row]);
            let pages = starts.iter().copied().zip(ends).collect();
            let (margins, _) = elements(xml, "pageMargins")[0];
            let inch = |key: &str| attr(margins, key).unwrap().parse::<f64>().unwrap() * 72.0;
            let (setup, _) = elements(xml, "pageSetup")[0];
            assert_eq!(
                attr(setup, "paperSize"),
                Some("9"),
                "A4 is what the fixtures print on"
            );
            assert_eq!(attr(setup, "orientation"), Some("portrait"));
            let a4_height_pt = 297.0 / 25.4 * 72.0;
            PrintedSheet {
                name: name.clone(),
                row_pt,
                pages,
                print_titles: rows_of("_xlnm.Print_Titles", i),
                body_pt: a4_height_pt - inch("top") - inch("bottom"),
            }
        })
        .collect()
}
