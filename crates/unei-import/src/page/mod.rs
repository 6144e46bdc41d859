//! Published pages → rows of cells. The text form (the city's page as text: rich-text cells as
//! HTML fragments, two-column rows tab-separated, `## ` headings and `- ` list lines) and real
//! .html pages. A transcription with the whole form on one line is cut at its labels; lines
//! wrapped where a PDF wrapped them are joined again. Chrome (navigation, dates, notices) is
//! recognised by the assembler, which knows whether the plan has begun.

mod document;
pub mod html;

use crate::assemble::Context;
use crate::error::{ImportError, Warning};
use crate::headings::parse_heading;
use crate::message::Message;
use crate::richtext::{split_amount, starts_item};
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
    /// The page format of a file extension (`txt`, `html`, `htm`; any case).
    pub fn from_extension(extension: &str) -> Option<PageFormat> {
        match extension.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(PageFormat::Text),
            "html" | "htm" => Some(PageFormat::Html),
            _ => None,
        }
    }

    /// The format's name in the report (`page-text`, `page-html`).
    pub fn name(self) -> &'static str {
        match self {
            PageFormat::Text => "page-text",
            PageFormat::Html => "page-html",
        }
    }
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
    let warning = Warning::new(file, Message::ShiftJis);
    Ok((text.into_owned(), Some(warning)))
}

/// One row of a page, or a line its reader accounted for itself (an HTML navigation region).
#[derive(Debug)]
pub enum PageRow {
    Cells(Vec<SourceCell>),
    Accounted(Box<crate::report::Entry>),
}

/// Reads a page's rows, numbered in reading order (an HTML page may hold many on one line).
pub fn read(text: &str, file: &str, format: PageFormat, ctx: &Context<'_>) -> Vec<Line> {
    let rows = match format {
        PageFormat::Text => text_rows(text, file, ctx)
            .into_iter()
            .map(PageRow::Cells)
            .collect(),
        PageFormat::Html => document::rows(text, file, ctx),
    };
    let mut lines = Vec::with_capacity(rows.len());
    for (index, row) in rows.into_iter().enumerate() {
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        match row {
            PageRow::Cells(mut cells) => {
                for cell in &mut cells {
                    cell.row = number;
                    cell.row_end = number;
                }
                lines.push(Line::Row(cells));
            }
            PageRow::Accounted(entry) => lines.push(Line::Entry(entry)),
        }
    }
    lines
}

/// The text form: one row per line, cells split at tabs; consecutive `- ` lines are one list;
/// a whole form on one line is cut at its labels; wrapped lines are joined.
fn text_rows(text: &str, file: &str, ctx: &Context<'_>) -> Vec<Vec<SourceCell>> {
    let mut rows: Vec<Vec<SourceCell>> = Vec::new();
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
        let (heading_offset, kept) = markdown_heading(line);
        for (offset, piece) in split_at_labels(kept, ctx) {
            let before = line[..heading_offset + offset].chars().count();
            let row = line_cells(file, number, before, &piece);
            if !row.is_empty() {
                join_or_push(&mut rows, row, ctx);
            }
        }
    }
    if let Some((first, items)) = list {
        rows.push(vec![list_cell(file, first, items)]);
    }
    rows
}

/// A plain text line that continues the one before it (a wrap copied from a PDF) is joined
/// to it; anything else is a row of its own.
fn join_or_push(rows: &mut Vec<Vec<SourceCell>>, row: Vec<SourceCell>, ctx: &Context<'_>) {
    if let ([cell], Some([previous])) = (row.as_slice(), rows.last_mut().map(Vec::as_mut_slice))
        && let (Content::Text(before), Content::Text(after)) = (&previous.content, &cell.content)
        && previous.row + 1 == cell.row
        && continues(before, after, ctx)
    {
        let joined = format!("{before}{after}");
        previous.joined.push((cell.address.clone(), after.clone()));
        previous.content = Content::Text(joined);
        previous.row = cell.row;
        return;
    }
    rows.push(row);
}

/// True when `before` ends mid-sentence (or, not ending a sentence, is followed by a line
/// that cannot start one) and `after` starts no new item, heading or label.
fn continues(before: &str, after: &str, ctx: &Context<'_>) -> bool {
    let rules = &ctx.rules.page;
    let last = before.chars().last();
    let ends_open = last.is_some_and(|c| rules.wrap_continues_after.contains(c));
    let ends_sentence = last.is_some_and(|c| rules.wrap_ends_sentence.contains(c));
    let first = after.chars().next();
    let starts_closed =
        !ends_sentence && first.is_some_and(|c| rules.wrap_continues_before.contains(c));
    let word_goes_on = rules.wrap_hiragana_continues_words
        && last.is_some_and(is_japanese_letter)
        && first.is_some_and(|c| ('ぁ'..='ゖ').contains(&c));
    if !(ends_open || starts_closed || word_goes_on)
        || is_chrome_line(before, ctx)
        || is_chrome_line(after, ctx)
    {
        return false;
    }
    let standalone = |text: &str| {
        starts_item(text, &ctx.rules.bullets)
            || parse_heading(text, &ctx.rules).is_some()
            || ctx.matcher.find(text).is_some()
    };
    let amount_only = split_amount(after.trim()).0.trim().is_empty();
    !standalone(before) && !standalone(after) && !amount_only
}

/// Kana or kanji: a line ending in one may be a word cut by a wrap.
fn is_japanese_letter(c: char) -> bool {
    matches!(c, 'ぁ'..='ゖ' | 'ァ'..='ヺ' | '一'..='鿿' | '々')
}

/// A line of the site's chrome (navigation, a date): never part of the text before it.
pub fn is_chrome_line(text: &str, ctx: &Context<'_>) -> bool {
    let normalised = crate::normalize::normalise(text);
    let page = &ctx.rules.page;
    page.navigation_lines
        .iter()
        .chain(&page.date_lines)
        .any(|p| !p.is_empty() && normalised.starts_with(&crate::normalize::normalise(p)))
        || crate::assemble::is_date(&normalised)
}

/// A transcription of a whole form on one line, cut before and after each label and before
/// each heading it holds (where spaces separate them); other lines stay whole. Byte offsets
/// of the pieces come with them.
fn split_at_labels(line: &str, ctx: &Context<'_>) -> Vec<(usize, String)> {
    let whole = vec![(0, line.to_owned())];
    if line.contains('\t') || line.chars().count() <= ctx.rules.grammar.max_label_chars {
        return whole;
    }
    let words: Vec<(usize, usize)> = word_spans(line);
    let mut cuts = Vec::new();
    let mut labels = 0;
    let mut i = 0;
    while i < words.len() {
        let start = words[i].0;
        if parse_heading(&line[start..words[i].1], &ctx.rules).is_some() {
            cuts.push(start);
            i += 1;
            continue;
        }
        let label = (1..=4.min(words.len() - i)).rev().find(|len| {
            let end = words[i + len - 1].1;
            ctx.matcher
                .find(&line[start..end])
                .is_some_and(|m| !m.fuzzy)
        });
        match label {
            Some(len) => {
                cuts.push(start);
                cuts.push(words[i + len - 1].1);
                labels += 1;
                i += len;
            }
            None => i += 1,
        }
    }
    if labels < 2 {
        return whole;
    }
    cuts.push(line.len());
    let mut pieces = Vec::new();
    let mut from = 0;
    for cut in cuts {
        let piece = &line[from..cut];
        if !piece.trim().is_empty() {
            let lead = piece.len() - piece.trim_start().len();
            pieces.push((from + lead, rejoin_words(piece.trim(), ctx)));
        }
        from = cut;
    }
    pieces
}

/// A piece of a one-line transcription with the spaces that stood for line wraps removed
/// (the same rule as for wrapped lines).
fn rejoin_words(piece: &str, ctx: &Context<'_>) -> String {
    let mut out = String::with_capacity(piece.len());
    for (start, end) in word_spans(piece) {
        let word = &piece[start..end];
        if !out.is_empty() {
            let previous_word = out.rsplit([' ', '\u{3000}']).next().unwrap_or(&out);
            if !continues(previous_word, word, ctx) {
                out.push(' ');
            }
        }
        out.push_str(word);
    }
    out
}

/// Byte spans of the words of a line (separated by ASCII or full-width spaces).
fn word_spans(line: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        let space = c == ' ' || c == '\u{3000}';
        match (space, start) {
            (true, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, line.len()));
    }
    spans
}

/// `## ◆自己評価` → `◆自己評価`, with the byte offset of what is kept.
fn markdown_heading(line: &str) -> (usize, &str) {
    let stripped = line.trim_start_matches('#');
    if stripped.len() < line.len() && stripped.starts_with(' ') {
        let kept = stripped.trim_start();
        (line.len() - kept.len(), kept)
    } else {
        (0, line)
    }
}

fn list_cell(file: &str, line: u32, items: Vec<String>) -> SourceCell {
    SourceCell::new(
        format!("{file}:{line}:1"),
        line,
        0,
        Content::ListItems(items),
    )
}

/// The cells of a line (or of a piece of one, `before` characters into it), split at tabs;
/// each is addressed `file:line:column`, the column counted in characters from 1.
fn line_cells(file: &str, number: u32, before: usize, line: &str) -> Vec<SourceCell> {
    let mut cells = Vec::new();
    let mut start = 0;
    for (i, part) in line.split('\t').enumerate() {
        let part_start = start;
        start += part.len() + 1;
        let trimmed = part.trim_matches([' ', '\r']);
        if trimmed.is_empty() {
            continue;
        }
        let lead = part.len() - part.trim_start_matches([' ', '\r']).len();
        let column = before + line[..part_start + lead].chars().count() + 1;
        let col = u32::try_from(i).unwrap_or(u32::MAX);
        let content = if looks_like_html(trimmed) {
            Content::Html(trimmed.to_owned())
        } else {
            Content::Text(trimmed.to_owned())
        };
        cells.push(SourceCell::new(
            format!("{file}:{number}:{column}"),
            number,
            col,
            content,
        ));
    }
    cells
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

    fn ctx(template: &unei_core::Template) -> Context<'_> {
        Context::new(template).unwrap()
    }

    #[test]
    fn tabs_split_cells_and_list_lines_join() {
        let template = unei_core::Template::bundled();
        let rows = text_rows(
            "## ◆自己評価\n\n経営課題の概要\t主な戦略\n- 1 人 2 次\n- 3 三\n<p>x</p>\t\n",
            "p.txt",
            &ctx(&template),
        );
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0][0].content, Content::Text("◆自己評価".to_owned()));
        assert_eq!(rows[0][0].address, "p.txt:1:4");
        assert_eq!(rows[1][1].address, "p.txt:3:9");
        assert_eq!(rows[1][1].col, 1);
        assert_eq!(
            rows[2][0].content,
            Content::ListItems(vec!["1 人 2 次".to_owned(), "3 三".to_owned()])
        );
        assert_eq!(rows[3].len(), 1);
        assert_eq!(rows[3][0].content, Content::Html("<p>x</p>".to_owned()));
    }

    #[test]
    fn one_line_forms_are_cut_at_labels_and_wraps_are_joined() {
        let template = unei_core::Template::bundled();
        let ctx = ctx(&template);
        let line = "経営課題1【都市の防災性の向上】 めざすべき将来像（最終的なめざす状態）<概ね10～20年間を念頭に設定> 災害に強いまちが実現している。 現状（課題設定の根拠となる現状・データ） 老朽住宅が多く残っている地区がある。 要因分析 建替えが進んでいない。";
        let pieces: Vec<String> = split_at_labels(line, &ctx)
            .into_iter()
            .map(|(_, p)| p)
            .collect();
        assert_eq!(
            pieces,
            [
                "経営課題1【都市の防災性の向上】",
                "めざすべき将来像（最終的なめざす状態）<概ね10～20年間を念頭に設定>",
                "災害に強いまちが実現している。",
                "現状（課題設定の根拠となる現状・データ）",
                "老朽住宅が多く残っている地区がある。",
                "要因分析",
                "建替えが進んでいない。",
            ]
        );
        let rows = text_rows(
            "区の目標（何をめざすのか）\n災害に強く、誰もが安心して暮らせるまちを\nめざす。\n\n次の段落。\n",
            "p.txt",
            &ctx,
        );
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert_eq!(
            rows[1][0].content,
            Content::Text("災害に強く、誰もが安心して暮らせるまちをめざす。".to_owned())
        );
        assert_eq!(
            rows[1][0].joined,
            [("p.txt:3:1".to_owned(), "めざす。".to_owned())]
        );
        assert_eq!(
            rows[1][0].source_text(),
            "災害に強く、誰もが安心して暮らせるまちを"
        );
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
                let lines = read(text, "x", format, &ctx);
                let cells: Vec<SourceCell> = lines
                    .into_iter()
                    .filter_map(|line| match line {
                        Line::Row(cells) => Some(cells),
                        _ => None,
                    })
                    .flatten()
                    .collect();
                let rich: Vec<_> = cells.iter().map(|c| c.rich(&ctx.rules.bullets)).collect();
                // Whatever the markup, every text character read is kept somewhere.
                let kept: usize = rich.iter().flatten().map(|b| b.texts().len()).sum();
                let read_chars: usize = cells.iter().map(|c| c.plain_text(&[]).trim().len()).sum();
                assert!(read_chars == 0 || kept > 0, "{text:?}: {cells:?}");
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
