//! The file itself: the header, each stream as an indirect object, every other object packed
//! into one compressed object stream (the structure tree's many small, alike dictionaries
//! compress far better together), and a compressed cross-reference stream whose dictionary
//! is the trailer. Written in one pass with integers through itoa; lopdf's own writer
//! serialises every packed object twice through `core::fmt` and clones it on the way.
//!
//! The /ID is a SHA-256 of the file's bytes with each font program's data stood in for by
//! its fingerprint (the sfnt table directory, which carries every table's checksum): equal
//! input gives equal bytes, and any change to the content changes the /ID, without hashing
//! the font programs that make up most of the file.

use std::collections::BTreeMap;
use std::io::Write as _;

use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use sha2::{Digest, Sha256};

use super::{PdfError, deflate};

/// The header: version and the four high bytes that mark the file as binary (PDF/A).
const HEADER: &[u8] = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";

/// Bytes of one cross-reference entry: type, 4-byte offset or object stream, 2-byte
/// generation or index (`/W[1 4 2]`).
const ROW: usize = 7;

/// The file of `lo`'s objects and trailer (/Root, /Info); `stand_ins` are the font
/// programs' fingerprints by stream id, hashed for /ID instead of their data.
#[inline(never)] // a stage of bench/callgrind.py's breakdown
pub(super) fn save(
    lo: &lopdf::Document,
    stand_ins: &BTreeMap<ObjectId, Vec<u8>>,
) -> Result<Vec<u8>, PdfError> {
    let streams: usize = lo
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .map(|s| s.content.len() + 64)
        .sum();
    let mut file = HashedFile::with_capacity(streams + 4096);
    file.write(HEADER);
    let xref_stream = lo.max_id + 2;
    let entries = write_objects(lo, stand_ins, &mut file)?;
    let xref_at = file.len();
    let (mut bytes, id) = file.finish();
    let (trailer, table) = cross_reference_stream(lo, &entries, &id);
    stream_head(&mut bytes, xref_stream, &trailer, table.len());
    bytes.extend_from_slice(&table);
    bytes.extend_from_slice(STREAM_TAIL);
    bytes.extend_from_slice(b"startxref\n");
    bytes.extend_from_slice(itoa::Buffer::new().format(xref_at).as_bytes());
    bytes.extend_from_slice(b"\n%%EOF\n");
    Ok(bytes)
}

/// Writes every stream object at its offset and packs every other object into one object
/// stream (id `max_id + 1`), written last; the cross-reference stream (`max_id + 2`) is
/// entered where the file ends now, which is where it goes.
fn write_objects(
    lo: &lopdf::Document,
    stand_ins: &BTreeMap<ObjectId, Vec<u8>>,
    file: &mut HashedFile,
) -> Result<Vec<Entry>, PdfError> {
    let object_stream = lo.max_id + 1;
    let xref_stream = lo.max_id + 2;
    let mut entries = vec![Entry::Free; xref_stream as usize + 1];
    let mut packed = Packed::default();
    for (&(id, _), object) in &lo.objects {
        let Some(entry) = entries.get_mut(id as usize) else {
            return Err(PdfError::Assemble(format!("object {id} out of range")));
        };
        match object {
            Object::Stream(stream) => {
                *entry = Entry::At(file.len());
                file.write_indirect_stream(
                    id,
                    &stream.dict,
                    &stream.content,
                    stand_ins.get(&(id, 0)),
                );
            }
            other => *entry = Entry::Packed(object_stream, packed.add(id, other)),
        }
    }
    if let Some(slot) = entries.get_mut(object_stream as usize) {
        *slot = Entry::At(file.len());
    }
    let (dict, data) = packed.into_stream();
    file.write_indirect_stream(object_stream, &dict, &data, None);
    if let Some(slot) = entries.get_mut(xref_stream as usize) {
        *slot = Entry::At(file.len());
    }
    Ok(entries)
}

/// The cross-reference stream's dictionary (the trailer's /Root, /Info and the /ID `id`)
/// and its data: the table, predicted and compressed when that is smaller.
fn cross_reference_stream(
    lo: &lopdf::Document,
    entries: &[Entry],
    id: &[u8],
) -> (Dictionary, Vec<u8>) {
    let mut trailer = Dictionary::new();
    for key in [b"Root".as_slice(), b"Info".as_slice()] {
        if let Ok(value) = lo.trailer.get(key) {
            trailer.set(key, value.clone());
        }
    }
    let id = Object::String(id.to_vec(), StringFormat::Hexadecimal);
    trailer.set("ID", Object::Array(vec![id.clone(), id]));
    let table = cross_reference_table(entries);
    trailer.set("Type", Object::Name(b"XRef".to_vec()));
    trailer.set("Size", Object::Integer(entries.len() as i64));
    trailer.set("W", Object::Array([1, 4, 2].map(Object::Integer).to_vec()));
    match deflate::zlib_at(&predicted(&table), deflate::OBJECT_LEVEL) {
        Some(compressed) => {
            trailer.set("Filter", Object::Name(b"FlateDecode".to_vec()));
            let parms =
                [("Columns", ROW as i64), ("Predictor", 12)].map(|(k, v)| (k, Object::Integer(v)));
            trailer.set("DecodeParms", Dictionary::from_iter(parms));
            (trailer, compressed)
        }
        None => (trailer, table),
    }
}

/// Where an object is: nowhere (a free entry), at an offset in the file, or the n-th object
/// of an object stream.
#[derive(Debug, Clone, Copy)]
enum Entry {
    Free,
    At(usize),
    Packed(u32, usize),
}

/// The cross-reference stream's rows (object 0 heads the free list).
fn cross_reference_table(entries: &[Entry]) -> Vec<u8> {
    let mut rows = Vec::with_capacity(entries.len() * ROW);
    for (n, entry) in entries.iter().enumerate() {
        let (kind, field, second): (u8, usize, u16) = match *entry {
            Entry::Free if n == 0 => (0, 0, u16::MAX),
            Entry::Free => (0, 0, 0),
            Entry::At(offset) => (1, offset, 0),
            Entry::Packed(stream, index) => (2, stream as usize, index as u16),
        };
        rows.push(kind);
        rows.extend_from_slice(&(field as u32).to_be_bytes());
        rows.extend_from_slice(&second.to_be_bytes());
    }
    rows
}

/// Rows of [`ROW`] bytes, each after a PNG filter byte 2 (Up: the difference from the row
/// above), which leaves mostly zeros for Flate.
fn predicted(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + data.len() / ROW);
    let mut above = [0u8; ROW];
    for row in data.chunks(ROW) {
        out.push(2);
        for (b, a) in row.iter().zip(above.iter_mut()) {
            out.push(b.wrapping_sub(*a));
            *a = *b;
        }
    }
    out
}

/// The file being written, hashed as it goes (font programs by their stand-ins).
struct HashedFile {
    bytes: Vec<u8>,
    hash: Sha256,
    /// Bytes written but not yet hashed.
    unhashed_from: usize,
}

impl HashedFile {
    fn with_capacity(bytes: usize) -> Self {
        HashedFile {
            bytes: Vec::with_capacity(bytes),
            hash: Sha256::new(),
            unhashed_from: 0,
        }
    }

    fn len(&self) -> usize {
        self.bytes.len()
    }

    fn write(&mut self, bytes: &[u8]) {
        self.bytes.extend_from_slice(bytes);
    }

    fn write_indirect_stream(
        &mut self,
        id: u32,
        dict: &Dictionary,
        data: &[u8],
        stand_in: Option<&Vec<u8>>,
    ) {
        stream_head(&mut self.bytes, id, dict, data.len());
        if let Some(stand_in) = stand_in {
            // The dictionary (its /Length included) is hashed, the data by its stand-in.
            self.hash.update(&self.bytes[self.unhashed_from..]);
            self.hash.update(stand_in);
            self.unhashed_from = self.bytes.len() + data.len();
        }
        self.bytes.extend_from_slice(data);
        self.bytes.extend_from_slice(STREAM_TAIL);
    }

    /// The bytes and the first 16 bytes of the hash.
    fn finish(mut self) -> (Vec<u8>, [u8; 16]) {
        self.hash.update(&self.bytes[self.unhashed_from..]);
        let digest = self.hash.finalize();
        let mut id = [0; 16];
        id.copy_from_slice(&digest[..16]);
        (self.bytes, id)
    }
}

/// Writes `id 0 obj <<dict>>stream` with /Length `len`; the data and [`STREAM_TAIL`] follow.
fn stream_head(out: &mut Vec<u8>, id: u32, dict: &Dictionary, len: usize) {
    out.extend_from_slice(itoa::Buffer::new().format(id).as_bytes());
    out.extend_from_slice(b" 0 obj\n<<");
    for (key, value) in dict {
        if key.as_slice() != b"Length" {
            entry(out, key, value);
        }
    }
    out.extend_from_slice(b"/Length ");
    out.extend_from_slice(itoa::Buffer::new().format(len).as_bytes());
    out.extend_from_slice(b">>stream\n");
}

const STREAM_TAIL: &[u8] = b"\nendstream\nendobj\n";

/// The object stream being filled: the objects' numbers and offsets, and their bodies.
#[derive(Default)]
struct Packed {
    index: Vec<u8>,
    bodies: Vec<u8>,
    count: usize,
}

impl Packed {
    /// Adds an object; returns its index in the stream.
    fn add(&mut self, id: u32, object: &Object) -> usize {
        self.index
            .extend_from_slice(itoa::Buffer::new().format(id).as_bytes());
        self.index.push(b' ');
        self.index
            .extend_from_slice(itoa::Buffer::new().format(self.bodies.len()).as_bytes());
        self.index.push(b' ');
        write_object(&mut self.bodies, object);
        self.bodies.push(b'\n');
        self.count += 1;
        self.count - 1
    }

    fn into_stream(mut self) -> (Dictionary, Vec<u8>) {
        let first = self.index.len();
        self.index.append(&mut self.bodies);
        let mut dict = Dictionary::from_iter(vec![
            ("Type", Object::Name(b"ObjStm".to_vec())),
            ("N", Object::Integer(self.count as i64)),
            ("First", Object::Integer(first as i64)),
        ]);
        match deflate::zlib_at(&self.index, deflate::OBJECT_LEVEL) {
            Some(compressed) => {
                dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
                (dict, compressed)
            }
            None => (dict, self.index),
        }
    }
}

/// A direct object in PDF syntax, with no more white space than the syntax needs.
fn write_object(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(true) => out.extend_from_slice(b"true"),
        Object::Boolean(false) => out.extend_from_slice(b"false"),
        Object::Integer(n) => out.extend_from_slice(itoa::Buffer::new().format(*n).as_bytes()),
        // Shortest form that reads back as the same f32; never an exponent.
        Object::Real(r) => {
            let _ = write!(out, "{r}");
        }
        Object::Name(name) => write_name(out, name),
        Object::String(text, StringFormat::Literal) => write_literal(out, text),
        Object::String(text, StringFormat::Hexadecimal) => {
            out.push(b'<');
            for &b in text {
                out.extend_from_slice(&hex_byte(b, UPPER_HEX));
            }
            out.push(b'>');
        }
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 && needs_space_before(item) {
                    out.push(b' ');
                }
                write_object(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => {
            out.extend_from_slice(b"<<");
            for (key, value) in dict {
                entry(out, key, value);
            }
            out.extend_from_slice(b">>");
        }
        // Streams are never direct objects; `save` writes them itself.
        Object::Stream(stream) => write_object(out, &Object::Dictionary(stream.dict.clone())),
        Object::Reference((id, generation)) => {
            out.extend_from_slice(itoa::Buffer::new().format(*id).as_bytes());
            out.push(b' ');
            out.extend_from_slice(itoa::Buffer::new().format(*generation).as_bytes());
            out.extend_from_slice(b" R");
        }
    }
}

/// `/Key value` of a dictionary.
fn entry(out: &mut Vec<u8>, key: &[u8], value: &Object) {
    write_name(out, key);
    if needs_space_before(value) {
        out.push(b' ');
    }
    write_object(out, value);
}

/// Objects that begin with a regular character, which a preceding name or number would
/// run into.
fn needs_space_before(object: &Object) -> bool {
    matches!(
        object,
        Object::Null
            | Object::Boolean(_)
            | Object::Integer(_)
            | Object::Real(_)
            | Object::Reference(_)
    )
}

fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &b in name {
        if b"()<>[]{}/%#".contains(&b) || !(b'!'..=b'~').contains(&b) {
            out.push(b'#');
            out.extend_from_slice(&hex_byte(b, UPPER_HEX));
        } else {
            out.push(b);
        }
    }
}

/// A literal string with `\`, both parentheses and CR escaped (balanced or not: simpler,
/// and the same string to every reader).
fn write_literal(out: &mut Vec<u8>, text: &[u8]) {
    out.push(b'(');
    for &b in text {
        match b {
            b'\\' | b'(' | b')' => out.extend_from_slice(&[b'\\', b]),
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.push(b),
        }
    }
    out.push(b')');
}

/// Hex digits of PDF hex strings. The file's own strings and the ToUnicode maps write
/// uppercase, the content streams lowercase (readers take both; kept so files stay
/// byte-identical).
pub(super) const UPPER_HEX: &[u8; 16] = b"0123456789ABCDEF";
/// Lowercase hex digits (content streams).
pub(super) const LOWER_HEX: &[u8; 16] = b"0123456789abcdef";

/// The two hex digits of a byte.
pub(super) fn hex_byte(b: u8, digits: &[u8; 16]) -> [u8; 2] {
    [digits[usize::from(b >> 4)], digits[usize::from(b & 0xF)]]
}

/// The four hex digits of a 2-byte code.
pub(super) fn push_hex_u16(out: &mut Vec<u8>, value: u16, digits: &[u8; 16]) {
    for byte in value.to_be_bytes() {
        out.extend_from_slice(&hex_byte(byte, digits));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(object: &Object) -> String {
        let mut out = Vec::new();
        write_object(&mut out, object);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn objects_are_written_in_pdf_syntax_with_only_the_spaces_it_needs() {
        let dict = Dictionary::from_iter(vec![
            ("S", Object::Name(b"P".to_vec())),
            (
                "K",
                Object::Array(vec![Object::Integer(3), Object::Integer(-4)]),
            ),
            ("P", Object::Reference((15, 0))),
            (
                "T",
                Object::String(b"a(b)\\".to_vec(), StringFormat::Literal),
            ),
            (
                "H",
                Object::String(vec![0xFE, 0xFF], StringFormat::Hexadecimal),
            ),
            ("N", Object::Name(b"A B#".to_vec())),
            (
                "R",
                Object::Array(vec![
                    Object::Real(785.37),
                    Object::Null,
                    Object::Boolean(true),
                ]),
            ),
        ]);
        assert_eq!(
            text(&Object::Dictionary(dict)),
            "<</S/P/K[3 -4]/P 15 0 R/T(a\\(b\\)\\\\)/H<FEFF>/N/A#20B#23/R[785.37 null true]>>"
        );
    }

    #[test]
    fn up_prediction_is_the_difference_from_the_row_above() {
        let rows = [1, 0, 0, 0, 16, 0, 0, 1, 0, 0, 0, 32, 0, 0];
        assert_eq!(
            predicted(&rows),
            [2, 1, 0, 0, 0, 16, 0, 0, 2, 0, 0, 0, 0, 16, 0, 0]
        );
    }

    #[test]
    fn the_file_reads_back_and_its_id_follows_the_stand_ins() {
        let mut lo = lopdf::Document::new();
        let program = lo.add_object(deflate::stream(Dictionary::new(), vec![7; 500], 4));
        let catalog = lo.add_object(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Catalog".to_vec())),
            ("Program", Object::Reference(program)),
        ]));
        lo.trailer.set("Root", Object::Reference(catalog));
        let save = |stand_in: &[u8]| {
            let stand_ins = BTreeMap::from([(program, stand_in.to_vec())]);
            save(&lo, &stand_ins).unwrap()
        };
        let bytes = save(b"one");
        let back = lopdf::Document::load_mem(&bytes).unwrap();
        let root = back.trailer.get(b"Root").unwrap().as_reference().unwrap();
        let read = back.get_dictionary(root).unwrap();
        let program_back = read.get(b"Program").unwrap().as_reference().unwrap();
        let data = back.get_object(program_back).unwrap().as_stream().unwrap();
        assert_eq!(data.decompressed_content().unwrap(), vec![7; 500]);
        let id = |bytes: &[u8]| {
            let doc = lopdf::Document::load_mem(bytes).unwrap();
            doc.trailer.get(b"ID").unwrap().as_array().unwrap()[0].clone()
        };
        assert_eq!(save(b"one"), bytes, "same bytes again");
        assert_ne!(
            id(&save(b"two")),
            id(&bytes),
            "the /ID follows the stand-in"
        );
    }
}
