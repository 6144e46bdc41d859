//! Page content streams written straight to bytes: numbers as fixed-point decimals (itoa, no
//! `core::fmt`), only the operators a page of boxes and text lines needs, each glyph run one
//! hex string. printpdf's operator list and its float formatting cost more than the rest of
//! the page put together (docs/PERFORMANCE.md).

use super::write::{LOWER_HEX, push_hex_u16};

/// A content stream being written.
#[derive(Debug, Default)]
pub(super) struct Content {
    out: Vec<u8>,
}

impl Content {
    pub fn with_capacity(bytes: usize) -> Self {
        Content {
            out: Vec::with_capacity(bytes),
        }
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.out
    }

    pub fn is_empty(&self) -> bool {
        self.out.is_empty()
    }

    /// Appends what `other` wrote.
    pub fn extend(&mut self, other: Content) {
        self.out.extend_from_slice(&other.out);
    }

    /// An operator and the end of its line.
    pub fn op(&mut self, operator: &str) {
        self.out.extend_from_slice(operator.as_bytes());
        self.out.push(b'\n');
    }

    /// An integer operand and the space after it.
    pub fn int(&mut self, value: i64) {
        self.out
            .extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
        self.out.push(b' ');
    }

    /// A length in thousandths of a point (see [`super::milli`]) and the space after it.
    pub fn milli(&mut self, value: i64) {
        decimal(&mut self.out, value, 3);
        self.out.push(b' ');
    }

    /// A name operand (`/Name`) and the space after it; `name` is a valid PDF name.
    pub fn name(&mut self, name: &str) {
        self.out.push(b'/');
        self.out.extend_from_slice(name.as_bytes());
        self.out.push(b' ');
    }

    /// An sRGB colour of 8-bit channels, each written to three decimals (exactly the same
    /// 8-bit value again).
    pub fn rgb(&mut self, (r, g, b): (u8, u8, u8), operator: &str) {
        for channel in [r, g, b] {
            self.milli((i64::from(channel) * 1000 + 127) / 255);
        }
        self.op(operator);
    }

    /// `/Tag<</MCID n>>BDC` (a name and a dictionary need no space after them).
    pub fn begin_marked(&mut self, tag: &str, mcid: i64) {
        self.out.push(b'/');
        self.out.extend_from_slice(tag.as_bytes());
        self.out.extend_from_slice(b"<</MCID ");
        self.out
            .extend_from_slice(itoa::Buffer::new().format(mcid).as_bytes());
        self.out.extend_from_slice(b">>BDC\n");
    }

    /// A TJ operator: `items` alternate glyph codes and adjustments (in hundredths of a
    /// thousandth of an em; positive moves the next glyph left). Codes with no adjustment
    /// between them share one hex string.
    pub fn show(&mut self, items: impl IntoIterator<Item = TjItem>) {
        self.out.push(b'[');
        let mut in_string = false;
        for item in items {
            match item {
                TjItem::Code(code) => {
                    if !in_string {
                        self.out.push(b'<');
                        in_string = true;
                    }
                    push_hex_u16(&mut self.out, code, LOWER_HEX);
                }
                TjItem::Adjust(0) => {}
                TjItem::Adjust(centi) => {
                    if in_string {
                        self.out.push(b'>');
                        in_string = false;
                    } else if self.out.last() != Some(&b'[') {
                        self.out.push(b' ');
                    }
                    decimal(&mut self.out, centi, 2);
                }
            }
        }
        if in_string {
            self.out.push(b'>');
        }
        self.out.extend_from_slice(b"] TJ\n");
    }
}

/// One element of a TJ array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TjItem {
    /// A 2-byte glyph code (Identity-H).
    Code(u16),
    /// A move in hundredths of TJ units (thousandths of an em).
    Adjust(i64),
}

/// `value / 10^places` as the shortest decimal: no trailing zeros, no point for a whole
/// number.
fn decimal(out: &mut Vec<u8>, value: i64, places: u32) {
    let scale = 10_i64.pow(places);
    if value < 0 {
        out.push(b'-');
    }
    let magnitude = value.unsigned_abs();
    let scale = scale.unsigned_abs();
    out.extend_from_slice(itoa::Buffer::new().format(magnitude / scale).as_bytes());
    let mut fraction = magnitude % scale;
    if fraction == 0 {
        return;
    }
    out.push(b'.');
    let mut digits = places;
    while fraction.is_multiple_of(10) {
        fraction /= 10;
        digits -= 1;
    }
    let mut buffer = itoa::Buffer::new();
    let text = buffer.format(fraction);
    out.extend(std::iter::repeat_n(b'0', digits as usize - text.len()));
    out.extend_from_slice(text.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(write: impl FnOnce(&mut Content)) -> String {
        let mut c = Content::default();
        write(&mut c);
        String::from_utf8(c.into_bytes()).unwrap()
    }

    #[test]
    fn decimals_are_the_shortest_exact_form() {
        let cases = [
            (42_520, "42.52"),
            (-761_984, "-761.984"),
            (10_500, "10.5"),
            (0, "0"),
            (-5, "-0.005"),
            (70, "0.07"),
            (1_000, "1"),
        ];
        for (milli, expected) in cases {
            assert_eq!(text(|c| c.milli(milli)), format!("{expected} "));
        }
        let mut out = Vec::new();
        decimal(&mut out, -25_000, 2);
        assert_eq!(out, b"-250");
    }

    #[test]
    fn colours_round_trip_to_the_same_8_bit_channels() {
        assert_eq!(text(|c| c.rgb((0xD9, 0, 255), "rg")), "0.851 0 1 rg\n");
        for v in 0..=255u8 {
            let milli = (i64::from(v) * 1000 + 127) / 255;
            assert_eq!((milli as f64 / 1000.0 * 255.0).round() as u8, v);
        }
    }

    #[test]
    fn glyphs_without_a_move_between_them_share_a_hex_string() {
        use TjItem::{Adjust, Code};
        let tj = text(|c| {
            c.show([
                Adjust(-1_250),
                Code(0x185),
                Adjust(0),
                Code(0x189),
                Adjust(25_000),
                Code(8),
                Adjust(-7),
                Adjust(3),
                Code(0xABCD),
            ])
        });
        assert_eq!(tj, "[-12.5<01850189>250<0008>-0.07 0.03<abcd>] TJ\n");
        assert_eq!(text(|c| c.begin_marked("P", 3)), "/P<</MCID 3>>BDC\n");
    }
}
