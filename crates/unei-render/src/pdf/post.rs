//! After printpdf: PDF version, clean Info with fixed dates, nested outline, /Lang, viewer
//! preferences, compression, and an /ID that is a hash of the content (stable bytes).

use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use printpdf::PdfDocument;

use super::{PdfError, PdfOptions};
use crate::layout::{Bookmark, Document};

/// Title, author, subject, creator, producer and dates.
pub fn set_info(pdf: &mut PdfDocument, doc: &Document, epoch: i64) {
    let info = &mut pdf.metadata.info;
    info.author = doc.info.author.clone();
    info.subject = doc.info.subject.clone();
    info.creator = "unei".into();
    info.producer = format!("unei {} (printpdf 0.12)", env!("CARGO_PKG_VERSION"));
    if let Ok(date) = printpdf::OffsetDateTime::from_unix_timestamp(clamp_epoch(epoch)) {
        info.creation_date = date;
        info.modification_date = date;
        info.metadata_date = date;
    }
}

pub fn finish(
    lo: &mut lopdf::Document,
    doc: &Document,
    options: &PdfOptions,
) -> Result<Vec<u8>, PdfError> {
    lo.version = "1.7".into();
    clean_info(lo, options.epoch)?;
    let pages: Vec<ObjectId> = lo.get_pages().values().copied().collect();
    let tree = outline_tree(&doc.bookmarks);
    if !tree.is_empty() {
        let root = lo.new_object_id();
        let (first, last, count) = add_outline_level(lo, &tree, root, &pages, doc.height);
        let outlines = Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Outlines".to_vec())),
            ("First", Object::Reference(first)),
            ("Last", Object::Reference(last)),
            ("Count", Object::Integer(count)),
        ]);
        lo.objects.insert(root, Object::Dictionary(outlines));
        let catalog = lo.catalog_mut().map_err(assemble)?;
        catalog.set("Outlines", Object::Reference(root));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
    let catalog = lo.catalog_mut().map_err(assemble)?;
    catalog.set(
        "Lang",
        Object::String(
            doc.info.language.clone().into_bytes(),
            StringFormat::Literal,
        ),
    );
    let prefs = Dictionary::from_iter(vec![("DisplayDocTitle", Object::Boolean(true))]);
    catalog.set("ViewerPreferences", Object::Dictionary(prefs));
    compress(lo, options.compress_content);
    save_with_content_id(lo)
}

fn assemble(e: impl std::fmt::Display) -> PdfError {
    PdfError::Assemble(e.to_string())
}

/// printpdf writes empty or misleading keys and its own date format; keep only real data.
fn clean_info(lo: &mut lopdf::Document, epoch: i64) -> Result<(), PdfError> {
    let info_id = lo
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .map_err(assemble)?;
    let info = lo.get_dictionary_mut(info_id).map_err(assemble)?;
    for key in ["GTS_PDFXVersion", "Identifier", "Keywords", "Trapped"] {
        info.remove(key.as_bytes());
    }
    let date = pdf_date(epoch);
    info.set(
        "CreationDate",
        Object::String(date.clone().into_bytes(), StringFormat::Literal),
    );
    info.set(
        "ModDate",
        Object::String(date.into_bytes(), StringFormat::Literal),
    );
    Ok(())
}

/// Years 1970–9999, the range PDF dates can hold.
fn clamp_epoch(epoch: i64) -> i64 {
    epoch.clamp(0, 253_402_300_799)
}

fn pdf_date(epoch: i64) -> String {
    let Ok(d) = printpdf::OffsetDateTime::from_unix_timestamp(clamp_epoch(epoch)) else {
        return "D:19700101000000Z".to_owned();
    };
    format!(
        "D:{:04}{:02}{:02}{:02}{:02}{:02}Z",
        d.year(),
        u8::from(d.month()),
        d.day(),
        d.hour(),
        d.minute(),
        d.second()
    )
}

/// Names each embedded face `TAG+Name`, the PDF's mark of a subset font (printpdf adds it
/// only when it subsets the font itself). `tags` pairs a PostScript name with its tag.
pub fn tag_subsets(lo: &mut lopdf::Document, tags: &[(String, String)]) {
    for obj in lo.objects.values_mut() {
        let Object::Dictionary(d) = obj else { continue };
        for key in [b"BaseFont".as_slice(), b"FontName".as_slice()] {
            let Ok(name) = d.get(key).and_then(Object::as_name) else {
                continue;
            };
            let tagged = tags
                .iter()
                .find(|(font, _)| font.as_bytes() == name)
                .map(|(font, tag)| format!("{tag}+{font}").into_bytes());
            if let Some(tagged) = tagged {
                d.set(key, Object::Name(tagged));
            }
        }
    }
}

/// A bookmark with the level-1 entries that follow it.
struct OutlineNode<'a> {
    mark: &'a Bookmark,
    children: Vec<OutlineNode<'a>>,
}

fn outline_tree(marks: &[Bookmark]) -> Vec<OutlineNode<'_>> {
    let mut tree: Vec<OutlineNode<'_>> = Vec::new();
    for mark in marks {
        match tree.last_mut() {
            Some(parent) if mark.level > 0 => parent.children.push(OutlineNode {
                mark,
                children: vec![],
            }),
            _ => tree.push(OutlineNode {
                mark,
                children: vec![],
            }),
        }
    }
    tree
}

fn utf16(text: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// Writes one level of the outline; returns (first, last, visible count).
fn add_outline_level(
    lo: &mut lopdf::Document,
    nodes: &[OutlineNode<'_>],
    parent: ObjectId,
    pages: &[ObjectId],
    page_h: f32,
) -> (ObjectId, ObjectId, i64) {
    let ids: Vec<ObjectId> = nodes.iter().map(|_| lo.new_object_id()).collect();
    let mut count = 0;
    for (i, node) in nodes.iter().enumerate() {
        let page = pages
            .get(node.mark.page)
            .or(pages.first())
            .copied()
            .unwrap_or(parent);
        let dest = vec![
            Object::Reference(page),
            Object::Name(b"XYZ".to_vec()),
            Object::Integer(0),
            Object::Real(page_h - node.mark.y),
            Object::Null,
        ];
        let mut d = Dictionary::from_iter(vec![
            ("Title", utf16(&node.mark.title)),
            ("Parent", Object::Reference(parent)),
            ("Dest", Object::Array(dest)),
        ]);
        if i > 0 {
            d.set("Prev", Object::Reference(ids[i - 1]));
        }
        if let Some(next) = ids.get(i + 1) {
            d.set("Next", Object::Reference(*next));
        }
        count += 1;
        if !node.children.is_empty() {
            let (first, last, n) = add_outline_level(lo, &node.children, ids[i], pages, page_h);
            d.set("First", Object::Reference(first));
            d.set("Last", Object::Reference(last));
            d.set("Count", Object::Integer(n));
            count += n;
        }
        lo.objects.insert(ids[i], Object::Dictionary(d));
    }
    (ids[0], ids[ids.len() - 1], count)
}

/// Font programs are always compressed; content streams only when asked.
fn compress(lo: &mut lopdf::Document, content_too: bool) {
    let mut font_files = std::collections::BTreeSet::new();
    for obj in lo.objects.values() {
        if let Object::Dictionary(d) = obj
            && d.get(b"Type").and_then(Object::as_name).ok() == Some(b"FontDescriptor".as_slice())
        {
            for key in ["FontFile", "FontFile2", "FontFile3"] {
                if let Ok(r) = d.get(key.as_bytes()).and_then(Object::as_reference) {
                    font_files.insert(r);
                }
            }
        }
    }
    for (id, obj) in lo.objects.iter_mut() {
        if let Object::Stream(stream) = obj
            && (content_too || font_files.contains(id))
        {
            deflate(stream);
        }
    }
}

/// Flate at zlib's default level: lopdf's own `compress` uses the best level, which costs
/// three times the time here for 1–2% of the size.
fn deflate(stream: &mut lopdf::Stream) {
    use std::io::Write as _;
    if stream.dict.get(b"Filter").is_ok() {
        return;
    }
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(3));
    let compressed = encoder
        .write_all(&stream.content)
        .and_then(|()| encoder.finish());
    if let Some(compressed) = compressed.ok().filter(|c| c.len() < stream.content.len()) {
        stream
            .dict
            .set("Filter", Object::Name(b"FlateDecode".to_vec()));
        stream.set_content(compressed);
    }
}

/// Saves with /ID = hash of the file saved without one, so equal input gives equal bytes.
fn save_with_content_id(lo: &mut lopdf::Document) -> Result<Vec<u8>, PdfError> {
    use sha2::{Digest, Sha256};
    lo.trailer.remove(b"ID");
    let mut without_id = Vec::new();
    lo.save_to(&mut without_id).map_err(assemble)?;
    let hash = Sha256::digest(&without_id);
    let id = Object::String(hash[..16].to_vec(), StringFormat::Hexadecimal);
    lo.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    let mut out = Vec::with_capacity(without_id.len() + 64);
    lo.save_to(&mut out).map_err(assemble)?;
    Ok(out)
}
