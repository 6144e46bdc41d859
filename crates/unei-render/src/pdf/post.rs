//! After printpdf: PDF version, clean Info with fixed dates, no empty resources, nested
//! outline, /Lang, viewer preferences, and a file of object and cross-reference streams
//! whose /ID is a hash of its content.

use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use printpdf::PdfDocument;

use super::{PdfError, PdfOptions};
use crate::layout::{Bookmark, Document};

const CREATOR: &str = "unei";

fn producer() -> String {
    format!("unei {} (printpdf 0.12)", env!("CARGO_PKG_VERSION"))
}

/// Title, author, subject, creator, producer and dates.
pub fn set_info(pdf: &mut PdfDocument, doc: &Document, epoch: i64) {
    let info = &mut pdf.metadata.info;
    info.author = doc.info.author.clone();
    info.subject = doc.info.subject.clone();
    info.creator = CREATOR.into();
    info.producer = producer();
    if let Ok(date) = printpdf::OffsetDateTime::from_unix_timestamp(clamp_epoch(epoch)) {
        info.creation_date = date;
        info.modification_date = date;
        info.metadata_date = date;
    }
}

/// Finishes the document and writes the file; `stand_ins` are the font programs'
/// fingerprints for the /ID ([`super::write::save`]).
pub fn finish(
    lo: &mut lopdf::Document,
    doc: &Document,
    options: &PdfOptions,
    stand_ins: &std::collections::BTreeMap<ObjectId, Vec<u8>>,
) -> Result<Vec<u8>, PdfError> {
    lo.version = "1.7".into();
    clean_info(lo, options.epoch)?;
    drop_defaults(lo);
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
    let producer = producer();
    let meta = super::xmp::Metadata {
        title: &doc.info.title,
        author: &doc.info.author,
        subject: &doc.info.subject,
        language: &doc.info.language,
        creator: CREATOR,
        producer: &producer,
        date: xmp_date(options.epoch),
    };
    super::xmp::add(lo, &meta, options.standard)?;
    super::write::save(lo, stand_ins)
}

pub(super) fn assemble(e: impl std::fmt::Display) -> PdfError {
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

/// The date of [`pdf_date`] as XMP writes it.
fn xmp_date(epoch: i64) -> String {
    let Ok(d) = printpdf::OffsetDateTime::from_unix_timestamp(clamp_epoch(epoch)) else {
        return "1970-01-01T00:00:00Z".to_owned();
    };
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        d.year(),
        u8::from(d.month()),
        d.day(),
        d.hour(),
        d.minute(),
        d.second()
    )
}

/// printpdf gives every page empty /XObject, /ExtGState and /Shading resources, an empty
/// /Annots and a /TrimBox and /CropBox equal to the /MediaBox (the defaults): drop them.
fn drop_defaults(lo: &mut lopdf::Document) {
    let empty: std::collections::BTreeSet<ObjectId> = lo
        .objects
        .iter()
        .filter(|(_, o)| matches!(o, Object::Dictionary(d) if d.is_empty()))
        .map(|(id, _)| *id)
        .collect();
    for obj in lo.objects.values_mut() {
        let Object::Dictionary(d) = obj else { continue };
        let empty_refs: Vec<Vec<u8>> = d
            .iter()
            .filter(|(_, v)| matches!(v, Object::Reference(r) if empty.contains(r)))
            .map(|(k, _)| k.clone())
            .collect();
        for key in empty_refs {
            d.remove(&key);
        }
        if matches!(entry(d, b"Annots"), Some(Object::Array(a)) if a.is_empty()) {
            d.remove(b"Annots");
        }
        let media = entry(d, b"MediaBox").cloned();
        for key in [b"TrimBox".as_slice(), b"CropBox".as_slice()] {
            if media.is_some() && entry(d, key) == media.as_ref() {
                d.remove(key);
            }
        }
    }
    for id in empty {
        lo.objects.remove(&id);
    }
}

/// The value of `key` in `d`, if any. lopdf's `get` builds an error message (a String) for
/// a key that is not there, which is most keys asked of most of a document's dictionaries.
fn entry<'d>(d: &'d Dictionary, key: &[u8]) -> Option<&'d Object> {
    if d.has(key) { d.get(key).ok() } else { None }
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
