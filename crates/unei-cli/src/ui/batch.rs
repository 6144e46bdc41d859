//! `unei batch`'s own words: the progress lines, the summary table (columns aligned by
//! display width, so 全角 file names line up) and the closing count.

use unei_core::Lang;
use unicode_width::UnicodeWidthStr;

/// One row of the summary table.
#[derive(Debug)]
pub struct Row {
    pub file: String,
    /// `Ok(pages, warnings)` (no pages when no PDF was made), or the failure.
    pub outcome: Result<(Option<usize>, usize), ()>,
    pub millis: u128,
}

/// `ok`/`FAILED` (成功/失敗).
pub fn result_word(ok: bool, lang: Lang) -> &'static str {
    match (ok, lang) {
        (true, Lang::En) => "ok",
        (false, Lang::En) => "FAILED",
        (true, Lang::Ja) => "成功",
        (false, Lang::Ja) => "失敗",
    }
}

/// A progress line: `ok     plans/a.json (12 ms)`.
pub fn progress_line(file: &str, ok: bool, millis: u128, lang: Lang) -> String {
    format!("{} {file} ({millis} ms)", pad(result_word(ok, lang), 6))
}

/// The table: a header, then one line per file.
pub fn table(rows: &[Row], lang: Lang) -> Vec<String> {
    let header: [&str; 5] = match lang {
        Lang::En => ["file", "result", "pages", "warnings", "time"],
        Lang::Ja => ["ファイル", "結果", "ページ", "警告", "時間"],
    };
    let cells: Vec<[String; 5]> = rows.iter().map(|r| cells(r, lang)).collect();
    let mut widths = header.map(|h| h.width());
    for row in &cells {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    let line = |row: [&str; 5]| {
        format!(
            "{}  {}  {}  {}  {}",
            pad(row[0], widths[0]),
            pad(row[1], widths[1]),
            pad_left(row[2], widths[2]),
            pad_left(row[3], widths[3]),
            pad_left(row[4], widths[4]),
        )
        .trim_end()
        .to_owned()
    };
    std::iter::once(line(header))
        .chain(
            cells
                .iter()
                .map(|c| line([&c[0], &c[1], &c[2], &c[3], &c[4]])),
        )
        .collect()
}

fn cells(row: &Row, lang: Lang) -> [String; 5] {
    let (pages, warnings) = match row.outcome {
        Ok((Some(pages), warnings)) => (pages_word(pages, lang), warnings.to_string()),
        Ok((None, warnings)) => ("-".to_owned(), warnings.to_string()),
        Err(()) => ("-".to_owned(), "-".to_owned()),
    };
    [
        row.file.clone(),
        result_word(row.outcome.is_ok(), lang).to_owned(),
        pages,
        warnings,
        format!("{} ms", row.millis),
    ]
}

/// "1 page", "2 pages", "2 ページ".
fn pages_word(pages: usize, lang: Lang) -> String {
    match lang {
        Lang::En => super::say::pages_en(pages),
        Lang::Ja => format!("{pages} ページ"),
    }
}

/// The closing count.
pub fn summary(files: usize, failed: usize, lang: Lang) -> String {
    let rendered = files - failed;
    match lang {
        Lang::En => format!("{files} file(s): {rendered} rendered, {failed} failed"),
        Lang::Ja => format!("{files} ファイル: 出力 {rendered} 件、失敗 {failed} 件"),
    }
}

/// Pads `text` on the right to `width` columns of display width.
fn pad(text: &str, width: usize) -> String {
    let fill = width.saturating_sub(text.width());
    format!("{text}{}", " ".repeat(fill))
}

fn pad_left(text: &str, width: usize) -> String {
    let fill = width.saturating_sub(text.width());
    format!("{}{text}", " ".repeat(fill))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_file_names_line_up() {
        let rows = [
            Row {
                file: "福島区.json".to_owned(),
                outcome: Ok((Some(2), 0)),
                millis: 5,
            },
            Row {
                file: "a.json".to_owned(),
                outcome: Ok((Some(1), 3)),
                millis: 10,
            },
        ];
        let lines = table(&rows, Lang::En);
        let result_column = |line: &str| line[..line.find("ok").unwrap()].width();
        assert_eq!(
            result_column(&lines[1]),
            result_column(&lines[2]),
            "{lines:#?}"
        );
        assert!(
            lines[1].contains("2 pages") && lines[2].contains("1 page "),
            "{lines:#?}"
        );
    }
}
