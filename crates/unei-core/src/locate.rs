//! Positions in JSON text: byte offset → line:column, and JSON path → offset of the value.
//!
//! Semantic problems are found on the typed plan; this maps their JSON path back to the
//! source so every message can say `file:line:col`.

use std::fmt;

/// One step of a JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// An object key.
    Key(String),
    /// An array index (0-based).
    Index(usize),
}

/// A JSON path such as `issues[2].initiatives[0].amount`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JsonPath(pub Vec<Segment>);

impl JsonPath {
    /// The empty path: the whole document.
    pub fn root() -> Self {
        JsonPath(Vec::new())
    }

    /// This path with a key appended.
    pub fn key(&self, key: &str) -> Self {
        let mut next = self.clone();
        next.0.push(Segment::Key(key.to_owned()));
        next
    }

    /// Reads a path back from its display form (`issues[2].initiatives[0].amount`).
    pub fn parse(text: &str) -> Self {
        let mut path = JsonPath::root();
        for part in text.split('.') {
            let (key, indexes) = part.split_once('[').unwrap_or((part, ""));
            if !key.is_empty() {
                path = path.key(key);
            }
            for index in indexes.split('[') {
                if let Ok(n) = index.trim_end_matches(']').parse() {
                    path = path.index(n);
                }
            }
        }
        path
    }

    /// This path with an array index appended.
    pub fn index(&self, index: usize) -> Self {
        let mut next = self.clone();
        next.0.push(Segment::Index(index));
        next
    }
}

/// Japanese names of the plan's keys, for messages read by city staff.
const GLOSSES: [(&str, &str); 34] = [
    ("meta", "基本情報"),
    ("organisation", "所属"),
    ("fiscal_year", "年度"),
    ("status", "状況"),
    ("generation", "様式の世代"),
    ("template", "テンプレート"),
    ("labels", "ラベル"),
    ("goal", "目標"),
    ("mission", "使命"),
    ("policy", "基本的な考え方"),
    ("issues", "経営課題"),
    ("title", "題名"),
    ("number", "番号"),
    ("overview", "概要"),
    ("strategies", "主な戦略"),
    ("initiatives", "具体的取組"),
    ("amount", "予算額"),
    ("form2", "様式2"),
    ("blocks", "項目"),
    ("recognition", "課題認識"),
    ("outcome_indicators", "アウトカム指標"),
    ("achievement", "達成状況"),
    ("grade", "評価"),
    ("previous_result", "前年度実績"),
    ("reform", "様式3"),
    ("rows", "行"),
    ("item", "主な取組項目"),
    ("content", "取組内容"),
    ("self_evaluation", "自己評価"),
    ("achievements", "取組成果"),
    ("challenges", "課題と改善方向"),
    ("overall", "定性評価"),
    ("future_policy", "今後の方針"),
    ("midterm_review", "中間振り返り"),
];

impl JsonPath {
    /// The path in the form's own words (`経営課題3・具体的取組1・予算額`); keys without a
    /// Japanese name are left out, and array positions count from 1 like the forms do.
    pub fn gloss(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        for seg in &self.0 {
            match seg {
                Segment::Key(k) => {
                    if let Some((_, ja)) = GLOSSES.iter().find(|(en, _)| en == k) {
                        parts.push((*ja).to_owned());
                    }
                }
                Segment::Index(n) => {
                    let numbered = matches!(
                        parts.last().map(String::as_str),
                        Some("経営課題" | "具体的取組" | "行" | "項目")
                    );
                    if let (true, Some(last)) = (numbered, parts.last_mut()) {
                        last.push_str(&(n + 1).to_string());
                    }
                }
            }
        }
        parts.join("・")
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(root)");
        }
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Segment::Key(k) if i == 0 => write!(f, "{k}")?,
                Segment::Key(k) => write!(f, ".{k}")?,
                Segment::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    // A byte-order mark is not a character of the first line.
    let bom = if line_start == 0 {
        crate::diag::bom_len(before)
    } else {
        0
    };
    let column = before[line_start + bom..].chars().count() + 1;
    (line, column)
}

/// Byte offset of `column` (1-based, counted in bytes, as serde_json and many parsers count)
/// on `line` (1-based) of `text`, clamped to the text.
pub fn byte_offset(text: &str, line: usize, byte_column: usize) -> usize {
    let line_start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    (line_start + byte_column.saturating_sub(1)).min(text.len())
}

/// Byte offset of the character `from_end` characters before the end (1 = the last one,
/// counted as serde_json decodes the string) of the text at `path`: the string there, or the
/// `text` of the object there (an initiative or a numbered item). Counted from the end
/// because what a reader sees of such a text starts with its marker or number, which the
/// string does not hold. The value's own offset when it has no such string or it is shorter.
pub fn locate_char(text: &str, path: &JsonPath, from_end: usize) -> usize {
    let mut value = locate(text, path);
    if text.as_bytes().get(value) == Some(&b'{') {
        let mut scanner = Scanner {
            src: text.as_bytes(),
            pos: value,
        };
        if scanner.enter_key("text") {
            value = scanner.pos;
        }
    }
    match string_char_count(text, value).checked_sub(from_end) {
        Some(index) => string_char_offset(text, value, index),
        None => value,
    }
}

/// Characters of the JSON string that starts at `value` (0 when none does).
fn string_char_count(text: &str, value: usize) -> usize {
    string_chars(text, value).count()
}

/// Byte offset of character `index` of the JSON string that starts at `value`.
fn string_char_offset(text: &str, value: usize, index: usize) -> usize {
    string_chars(text, value).nth(index).unwrap_or(value)
}

/// Byte offsets of the characters of the JSON string that starts at `value` (its opening
/// quote), each escape one character and a surrogate pair of escapes one.
fn string_chars(text: &str, value: usize) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    let mut pos = if bytes.get(value) == Some(&b'"') {
        value + 1
    } else {
        text.len()
    };
    std::iter::from_fn(move || {
        let &b = bytes.get(pos).filter(|&&b| b != b'"')?;
        let start = pos;
        pos += match b {
            b'\\' if bytes.get(pos + 1) == Some(&b'u') => {
                let high = text
                    .get(pos + 2..pos + 6)
                    .and_then(|h| u16::from_str_radix(h, 16).ok());
                let pair = high.is_some_and(|h| (0xD800..0xDC00).contains(&h))
                    && text.get(pos + 6..pos + 8) == Some("\\u");
                if pair { 12 } else { 6 }
            }
            b'\\' => 2,
            _ => text[pos..].chars().next().map_or(1, char::len_utf8),
        };
        Some(start)
    })
}

/// Byte offset of the value at `path` in well-formed JSON text; for a path that is only
/// partly present, the offset of the deepest value that is.
pub fn locate(text: &str, path: &JsonPath) -> usize {
    let mut scanner = Scanner {
        src: text.as_bytes(),
        pos: 0,
    };
    scanner.skip_ws();
    for seg in &path.0 {
        let found = match seg {
            Segment::Key(key) => scanner.enter_key(key),
            Segment::Index(index) => scanner.enter_index(*index),
        };
        if !found {
            break;
        }
    }
    scanner.pos
}

struct Scanner<'a> {
    src: &'a [u8],
    pos: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// Positioned on an object: moves to the value of `key` and returns true, or stays put.
    fn enter_key(&mut self, key: &str) -> bool {
        let start = self.pos;
        if self.peek() != Some(b'{') {
            return false;
        }
        self.pos += 1;
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                break;
            }
            let key_start = self.pos;
            self.skip_string();
            let raw = &self.src[key_start..self.pos];
            let name: Option<String> = serde_json::from_slice(raw).ok();
            self.skip_ws();
            self.pos += 1; // ':'
            self.skip_ws();
            if name.as_deref() == Some(key) {
                return true;
            }
            self.skip_value_and_comma();
        }
        self.pos = start;
        false
    }

    /// Positioned on an array: moves to element `index` and returns true, or stays put.
    fn enter_index(&mut self, index: usize) -> bool {
        let start = self.pos;
        if self.peek() != Some(b'[') {
            return false;
        }
        self.pos += 1;
        for i in 0.. {
            self.skip_ws();
            if matches!(self.peek(), Some(b']') | None) {
                break;
            }
            if i == index {
                return true;
            }
            self.skip_value_and_comma();
        }
        self.pos = start;
        false
    }

    /// Past one value and the comma after it, if any.
    fn skip_value_and_comma(&mut self) {
        self.skip_value();
        self.skip_ws();
        if self.peek() == Some(b',') {
            self.pos += 1;
        }
    }

    fn skip_string(&mut self) {
        self.pos += 1;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'\\' => self.pos += 1,
                b'"' => return,
                _ => {}
            }
        }
    }

    /// Skips one value of any kind; nesting is tracked with a counter, not recursion.
    fn skip_value(&mut self) {
        let mut depth = 0usize;
        while let Some(b) = self.peek() {
            match b {
                b'"' => {
                    self.skip_string();
                    if depth == 0 {
                        return;
                    }
                    continue;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    if depth == 0 {
                        return;
                    }
                    depth -= 1;
                    if depth == 0 {
                        self.pos += 1;
                        return;
                    }
                }
                b',' if depth == 0 => return,
                _ => {}
            }
            self.pos += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_and_skip_a_byte_order_mark() {
        let text = "{\n  \"name\": \"福島区\" ,,\n}";
        let comma = text.find(",,").unwrap() + 1;
        assert_eq!(
            line_col(text, comma),
            (2, 18),
            "福島区 is 3 characters, 9 bytes"
        );
        assert_eq!(
            byte_offset(text, 2, 24),
            comma,
            "serde_json's byte column 24"
        );
        let bom = "\u{FEFF}{\"a\": 1}";
        assert_eq!(line_col(bom, 3), (1, 1), "the mark is not a column");
        assert_eq!(line_col(bom, bom.find('1').unwrap()), (1, 7));
        assert_eq!(line_col("あい", 4), (1, 2), "inside a character: its start");
        assert_eq!(byte_offset("ab", 9, 9), 2, "clamped to the text");
    }

    const DOC: &str = r#"{
  "a": {"x": [1, {"y": "he said \"}\""}, 3]},
  "b\u0062": [
    [],
    {"c": 2}
  ]
}"#;

    fn at(path: JsonPath) -> (usize, usize) {
        line_col(DOC, locate(DOC, &path))
    }

    #[test]
    fn finds_nested_values() {
        let root = JsonPath::root();
        assert_eq!(at(root.clone()), (1, 1));
        assert_eq!(at(root.key("a")), (2, 8));
        assert_eq!(at(root.key("a").key("x").index(2)), (2, 42));
        assert_eq!(at(root.key("bb").index(1).key("c")), (5, 11));
    }

    #[test]
    fn missing_part_stops_at_deepest_present() {
        let root = JsonPath::root();
        assert_eq!(at(root.key("a").key("nope")), (2, 8));
        assert_eq!(at(root.key("bb").index(7)), (3, 14));
    }

    #[test]
    fn path_display() {
        let p = JsonPath::root()
            .key("issues")
            .index(2)
            .key("initiatives")
            .index(0)
            .key("amount");
        assert_eq!(p.to_string(), "issues[2].initiatives[0].amount");
        assert_eq!(JsonPath::parse(&p.to_string()), p);
        let nested = JsonPath::root().key("a").index(1).index(2).key("b");
        assert_eq!(JsonPath::parse(&nested.to_string()), nested);
    }

    #[test]
    fn gloss_names_form_parts() {
        let p = JsonPath::root()
            .key("issues")
            .index(2)
            .key("initiatives")
            .index(0)
            .key("amount");
        assert_eq!(p.gloss(), "経営課題3・具体的取組1・予算額");
        let p = JsonPath::root().key("goal").index(0).key("p");
        assert_eq!(p.gloss(), "目標");
    }

    #[test]
    fn columns_count_characters() {
        assert_eq!(line_col("{\"目標\": 1}", "{\"目標\": ".len()), (1, 8));
    }
}
