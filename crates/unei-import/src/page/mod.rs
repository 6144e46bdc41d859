//! Published pages → rows of cells. The text form (the city's page as text: rich-text cells as
//! HTML fragments, two-column rows tab-separated, `## ` headings and `- ` list lines) and real
//! .html pages. Site navigation and dates are skipped (and listed); a publication note is kept.

mod document;
pub mod html;

use unei_core::template::PageImportRules;

use crate::assemble::Context;
use crate::error::{ImportError, Warning};
use crate::normalize::normalise;
use crate::report::{MappedCell, UnmappedCell};
use crate::source::{Content, Line, SourceCell};

/// The two page forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageFormat {
    /// The page as text (`.txt`).
    Text,
    /// The page itself (`.html`, `.htm`).
    Html,
}

impl PageFormat {
    pub fn from_extension(extension: &str) -> Option<PageFormat> {
        match extension.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(PageFormat::Text),
            "html" | "htm" => Some(PageFormat::Html),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            PageFormat::Text => "page-text",
            PageFormat::Html => "page-html",
        }
    }
}

/// A page's content rows, the lines left out, and its publication notes.
#[derive(Debug, Default)]
pub struct PageRows {
    pub lines: Vec<Line>,
    pub skipped: Vec<UnmappedCell>,
    pub notes: Vec<MappedCell>,
}

/// UTF-8 (a BOM is dropped), else Shift_JIS as older pages and Windows editors wrote them.
pub fn decode(bytes: &[u8], file: &str) -> Result<(String, Option<Warning>), ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_owned(), None));
    }
    let (text, had_errors) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(ImportError::Unreadable {
            file: file.to_owned(),
            format: "page",
            message: "the text is neither UTF-8 nor Shift_JIS".to_owned(),
        });
    }
    let warning = Warning::new(
        file,
        "the page is not UTF-8; it was read as Shift_JIS (cp932)",
    );
    Ok((text.into_owned(), Some(warning)))
}

/// Reads a page's rows.
pub fn read(text: &str, file: &str, format: PageFormat, ctx: &Context<'_>) -> PageRows {
    let mut out = PageRows::default();
    let rows = match format {
        PageFormat::Text => text_rows(text, file),
        PageFormat::Html => document::rows(text, file, ctx, &mut out.skipped),
    };
    for (index, mut row) in rows.into_iter().enumerate() {
        // Rows in reading order: an HTML page may hold many rows on one source line.
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        for cell in &mut row {
            cell.row = number;
            cell.row_end = number;
        }
        keep_row(row, &ctx.rules.page, &ctx.rules.bullets, &mut out);
    }
    out
}

/// Sorts a row into content, navigation, dates and notes.
fn keep_row(row: Vec<SourceCell>, rules: &PageImportRules, bullets: &[String], out: &mut PageRows) {
    if let [cell] = row.as_slice() {
        let text = cell.plain_text(bullets);
        let normalised = normalise(&text);
        let starts = |prefixes: &[String]| {
            prefixes
                .iter()
                .any(|p| !p.is_empty() && normalised.starts_with(&normalise(p)))
        };
        let reason = if starts(&rules.navigation_lines) {
            Some("site navigation")
        } else if starts(&rules.date_lines) {
            Some("date of the page")
        } else {
            None
        };
        if let Some(reason) = reason {
            out.skipped.push(UnmappedCell {
                address: cell.address.clone(),
                text: cell.source_text(),
                reason: reason.to_owned(),
            });
            return;
        }
        let trimmed = text.trim();
        if rules
            .note_prefixes
            .iter()
            .any(|p| !p.is_empty() && trimmed.starts_with(p.as_str()))
        {
            out.notes.push(MappedCell {
                address: cell.address.clone(),
                text: trimmed.to_owned(),
                field: "meta.source".to_owned(),
            });
            return;
        }
    }
    out.lines.push(Line::Row(row));
}

/// The text form: one row per line, cells split at tabs; consecutive `- ` lines are one list.
fn text_rows(text: &str, file: &str) -> Vec<Vec<SourceCell>> {
    let mut rows = Vec::new();
    let mut list: Option<(u32, Vec<String>)> = None;
    for (index, line) in text.split('\n').enumerate() {
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        if let Some(item) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
            list.get_or_insert_with(|| (number, Vec::new()))
                .1
                .push(item.trim().to_owned());
            continue;
        }
        if let Some((first, items)) = list.take() {
            rows.push(vec![list_cell(file, first, items)]);
        }
        let line = markdown_heading(line);
        let row = line_cells(file, number, line);
        if !row.is_empty() {
            rows.push(row);
        }
    }
    if let Some((first, items)) = list {
        rows.push(vec![list_cell(file, first, items)]);
    }
    rows
}

/// `## ◆自己評価` → `◆自己評価`.
fn markdown_heading(line: &str) -> &str {
    let stripped = line.trim_start_matches('#');
    if stripped.len() < line.len() && stripped.starts_with(' ') {
        stripped.trim_start()
    } else {
        line
    }
}

fn list_cell(file: &str, line: u32, items: Vec<String>) -> SourceCell {
    SourceCell {
        address: format!("{file}:{line}"),
        row: line,
        row_end: line,
        col: 0,
        col_end: 0,
        content: Content::ListItems(items),
    }
}

fn line_cells(file: &str, number: u32, line: &str) -> Vec<SourceCell> {
    let parts: Vec<&str> = line.split('\t').collect();
    let several = parts.len() > 1;
    parts
        .into_iter()
        .enumerate()
        .filter(|(_, part)| !part.trim().is_empty())
        .map(|(i, part)| {
            let col = u32::try_from(i).unwrap_or(u32::MAX);
            let address = if several && i > 0 {
                format!("{file}:{number} (cell {})", i + 1)
            } else {
                format!("{file}:{number}")
            };
            let part = part.trim_matches([' ', '\r']);
            SourceCell {
                address,
                row: number,
                row_end: number,
                col,
                col_end: col,
                content: if looks_like_html(part) {
                    Content::Html(part.to_owned())
                } else {
                    Content::Text(part.to_owned())
                },
            }
        })
        .collect()
}

/// True when the text holds a tag (`<p>`, `</li>`, `<br/>`), not just a `<` (`<前年度実績>`).
fn looks_like_html(text: &str) -> bool {
    html::tokenize(text).iter().any(|token| match token {
        html::Token::Start { name, .. } | html::Token::End { name, .. } => {
            html::BLOCKS.contains(&name.as_str())
                || matches!(
                    name.as_str(),
                    "ul" | "ol" | "li" | "br" | "span" | "strong" | "a" | "b"
                )
        }
        html::Token::Text { .. } => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_split_cells_and_list_lines_join() {
        let rows = text_rows(
            "## ◆自己評価\n\n経営課題の概要\t主な戦略\n- 1 人 2 次\n- 3 三\n<p>x</p>\t\n",
            "p.txt",
        );
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0][0].content, Content::Text("◆自己評価".to_owned()));
        assert_eq!(rows[1][1].address, "p.txt:3 (cell 2)");
        assert_eq!(rows[1][1].col, 1);
        assert_eq!(
            rows[2][0].content,
            Content::ListItems(vec!["1 人 2 次".to_owned(), "3 三".to_owned()])
        );
        assert_eq!(rows[3].len(), 1);
        assert_eq!(rows[3][0].content, Content::Html("<p>x</p>".to_owned()));
    }

    #[test]
    fn angle_bracket_labels_are_not_html() {
        assert!(!looks_like_html("<令和5年度実績と達成状況>"));
        assert!(!looks_like_html("<前年度実績>"));
        assert!(looks_like_html("<p>主な具体的取組</p>"));
    }

    #[test]
    fn hostile_markup_is_read_without_panicking() {
        let template = unei_core::Template::bundled();
        let ctx = Context::new(&template).unwrap();
        for text in [
            "<<<>>>",
            "<a b='",
            "&#99999999; &#xD800; &#x; &; &amp",
            "<table><tr><td colspan=4294967295>a<td colspan=-1>b<td colspan=99999>c</table>",
            "<ul><li><ul><li>入れ子</ul></ul></ul></li>",
            "</p></div><p>閉じ過ぎ",
            "<script>",
            "<!-- 閉じないコメント",
            "区の目標（何をめざすのか）\t\t\t\t<p>値",
        ] {
            for format in [PageFormat::Text, PageFormat::Html] {
                let rows = read(text, "x", format, &ctx);
                for line in rows.lines {
                    if let Line::Row(cells) = line {
                        for cell in cells {
                            let _ = cell.rich(&ctx.rules.bullets);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn shift_jis_pages_are_decoded_with_a_warning() {
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("区の目標（何をめざすのか）");
        let (text, warning) = decode(&bytes, "p.txt").unwrap();
        assert_eq!(text, "区の目標（何をめざすのか）");
        assert!(warning.is_some());
        assert!(decode(&[0xff, 0xfe, 0x00, 0x81], "p.txt").is_err());
    }
}
