//! lopdf writes its cross-reference stream unfiltered: 7 bytes an object, which for a tagged
//! document (a structure element per paragraph, list item and table cell) is over a kilobyte.
//! This compresses it in the saved bytes — PNG Up prediction over its rows, then Flate — as
//! every PDF library does. The stream is the file's last object, so no offset moves.

/// Bytes of one cross-reference entry (lopdf's `/W[1 4 2]`).
const ROW: usize = 7;

/// Rewrites the file's final cross-reference stream compressed; leaves `pdf` as it is when
/// its tail is not the shape lopdf writes.
pub(super) fn compress_xref_stream(pdf: &mut Vec<u8>) {
    if let Some(compressed) = compressed(pdf) {
        *pdf = compressed;
    }
}

fn compressed(pdf: &[u8]) -> Option<Vec<u8>> {
    let tail_at = rfind(pdf, b"startxref")?;
    let start: usize = std::str::from_utf8(&pdf[tail_at + 9..])
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    let obj = pdf.get(start..tail_at)?;
    let dict_start = find(obj, b"<<")?;
    let stream_kw = find(obj, b">>stream\n")? + 2;
    let dict = std::str::from_utf8(&obj[dict_start..stream_kw]).ok()?;
    if !dict.contains("/W[1 4 2]") || dict.contains("/Filter") {
        return None;
    }
    let length_at = dict.find("/Length ")?;
    let digits: String = dict[length_at + 8..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let length: usize = digits.parse().ok()?;
    let data_start = stream_kw + "stream\n".len();
    let data = obj.get(data_start..data_start + length)?;
    if !length.is_multiple_of(ROW) {
        return None;
    }
    let packed = super::deflate::zlib(&predicted(data))?;
    let new_dict = format!(
        "{}/Length {}/Filter/FlateDecode/DecodeParms<</Columns {ROW}/Predictor 12>>{}",
        &dict[..length_at],
        packed.len(),
        &dict[length_at + 8 + digits.len()..]
    );
    let mut out = Vec::with_capacity(start + obj.len());
    out.extend_from_slice(&pdf[..start]);
    out.extend_from_slice(&obj[..dict_start]);
    out.extend_from_slice(new_dict.as_bytes());
    out.extend_from_slice(b"stream\n");
    out.extend_from_slice(&packed);
    out.extend_from_slice(&obj[data_start + length..]);
    out.extend_from_slice(&pdf[tail_at..]);
    Some(out)
}

/// Rows of `ROW` bytes, each after a PNG filter byte 2 (Up: the difference from the row above).
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

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn up_prediction_is_the_difference_from_the_row_above() {
        let rows = [1, 0, 0, 0, 16, 0, 0, 1, 0, 0, 0, 32, 0, 0];
        assert_eq!(
            predicted(&rows),
            [2, 1, 0, 0, 0, 16, 0, 0, 2, 0, 0, 0, 0, 16, 0, 0]
        );
    }
}
