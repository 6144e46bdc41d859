//! Merged regions of an .ods workbook, read from its content.xml (`table:number-columns-
//! spanned` / `number-rows-spanned`), counting repeated rows and columns as calamine does.

use std::collections::HashMap;
use std::io::{BufReader, Cursor};

use calamine::Dimensions;
use quick_xml::events::{BytesStart, Event};

/// Sheet name → merged regions.
pub fn merged_regions(bytes: &[u8]) -> Result<HashMap<String, Vec<Dimensions>>, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let content = zip
        .by_name("content.xml")
        .map_err(|e| format!("content.xml: {e}"))?;
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(content));
    let mut regions: HashMap<String, Vec<Dimensions>> = HashMap::new();
    let mut table = Table::default();
    let mut buf = Vec::new();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("content.xml: {e}"))?;
        match event {
            Event::Start(e) => table.start(&e, false, &mut regions),
            Event::Empty(e) => table.start(&e, true, &mut regions),
            Event::End(e) if e.name().as_ref() == "table:table-row" => table.end_row(),
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(regions)
}

/// Position while walking one table.
#[derive(Debug, Default)]
struct Table {
    name: String,
    row: u32,
    col: u32,
    row_repeat: u32,
}

impl Table {
    fn start(
        &mut self,
        e: &BytesStart<'_>,
        empty: bool,
        regions: &mut HashMap<String, Vec<Dimensions>>,
    ) {
        match e.name().as_ref() {
            "table:table" => {
                self.name = attr(e, "table:name").unwrap_or_default();
                self.row = 0;
            }
            "table:table-row" => {
                self.col = 0;
                self.row_repeat = number(e, "table:number-rows-repeated");
                if empty {
                    self.end_row();
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let columns = number(e, "table:number-columns-spanned");
                let rows = number(e, "table:number-rows-spanned");
                if columns > 1 || rows > 1 {
                    regions
                        .entry(self.name.clone())
                        .or_default()
                        .push(Dimensions::new(
                            (self.row, self.col),
                            (
                                self.row.saturating_add(rows - 1),
                                self.col.saturating_add(columns - 1),
                            ),
                        ));
                }
                self.col = self
                    .col
                    .saturating_add(number(e, "table:number-columns-repeated"));
            }
            _ => {}
        }
    }

    fn end_row(&mut self) {
        self.row = self.row.saturating_add(self.row_repeat.max(1));
        self.row_repeat = 1;
    }
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    let value = e.try_get_attribute(name).ok()??;
    Some(value.value.into_owned())
}

/// A count attribute; 1 when absent or unreadable. Capped so a hostile file cannot overflow.
fn number(e: &BytesStart<'_>, name: &str) -> u32 {
    attr(e, name)
        .and_then(|v| v.parse::<u32>().ok())
        .map_or(1, |n| n.clamp(1, 1 << 20))
}
