//! The custom document properties of an XLSX package (`docProps/custom.xml`): unei's
//! writer stores there the plan's metadata the form does not show
//! ([`unei_core::provenance`]), so a workbook unei wrote imports to the identical plan. A
//! workbook without them (every one another program wrote) gives none; a damaged part is
//! ignored like a missing one, since the form itself is what is imported.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::Event;

const PART: &str = "docProps/custom.xml";
/// More than any set of properties unei writes; a larger part is not read.
const MAX_PART_BYTES: u64 = 1 << 20;

/// `(name, text value)` of each custom property whose name starts with unei's prefix.
pub fn unei_properties(xlsx: &[u8]) -> Vec<(String, String)> {
    let Some(xml) = part(xlsx) else {
        return Vec::new();
    };
    parse(&xml)
        .into_iter()
        .filter(|(name, _)| name.starts_with(unei_core::provenance::PREFIX))
        .collect()
}

fn part(xlsx: &[u8]) -> Option<String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(xlsx)).ok()?;
    let entry = archive.by_name(PART).ok()?;
    if entry.size() > MAX_PART_BYTES {
        return None;
    }
    let mut xml = String::new();
    entry.take(MAX_PART_BYTES).read_to_string(&mut xml).ok()?;
    Some(xml)
}

/// Each `<property name="…"><vt:…>text</vt:…></property>`.
fn parse(xml: &str) -> Vec<(String, String)> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.local_name().as_ref() == "property" => {
                let name = e.try_get_attribute("name").ok().flatten().and_then(|a| {
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .ok()
                        .map(|v| v.into_owned())
                });
                current = name.map(|n| (n, String::new()));
            }
            Ok(Event::Text(t)) => {
                if let Some((_, value)) = &mut current {
                    value.push_str(&t.xml10_content());
                }
            }
            // `&amp;` and `&#x30;` arrive as references of their own.
            Ok(Event::GeneralRef(r)) => {
                if let Some((_, value)) = &mut current {
                    if let Ok(Some(c)) = r.resolve_char_ref() {
                        value.push(c);
                    } else if let Some(text) = quick_xml::escape::resolve_predefined_entity(&r) {
                        value.push_str(text);
                    }
                }
            }
            Ok(Event::End(e)) if e.local_name().as_ref() == "property" => {
                out.extend(current.take());
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_are_read_with_their_text_unescaped() {
        let xml = r#"<?xml version="1.0"?><Properties xmlns:vt="v"><property fmtid="{X}" pid="2" name="unei:source"><vt:lpwstr>A &amp; B「転記」</vt:lpwstr></property><property pid="3" name="Other"><vt:lpwstr>x</vt:lpwstr></property></Properties>"#;
        assert_eq!(
            parse(xml),
            vec![
                ("unei:source".to_owned(), "A & B「転記」".to_owned()),
                ("Other".to_owned(), "x".to_owned())
            ]
        );
    }

    #[test]
    fn a_workbook_without_the_part_has_none() {
        assert!(unei_properties(b"not a zip").is_empty());
    }
}
