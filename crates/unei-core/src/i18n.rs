//! Messages in Japanese or English. unei's own messages are typed values that write
//! themselves in either language ([`Localize`]); only the messages of the libraries unei
//! calls (serde_json's and toml's parse errors) are English text, given their Japanese form
//! here by matching their shape.

/// Language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Japanese.
    Ja,
    /// English.
    En,
}

impl Lang {
    /// From `--lang`, else the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`): Japanese for `ja*`.
    pub fn from_env() -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .unwrap_or_default();
        if locale.starts_with("ja") {
            Lang::Ja
        } else {
            Lang::En
        }
    }
}

/// A message of unei's own, shown in the user's language.
pub trait Localize {
    /// The message in `lang`.
    fn localize(&self, lang: Lang) -> String;
}

/// English shape (`{}` marks a part carried over) → Japanese shape (`{0}`, `{1}` … in any
/// order), for the parsers' messages (serde, serde_json, toml) and, until the importer's
/// messages are typed, the importer's.
const SHAPES: &[(&str, &str)] = &[
    (
        "unknown field `{}`, expected one of {}",
        "不明な項目 `{0}` です（使える項目: {1}）",
    ),
    (
        "unknown field `{}`, there are no fields",
        "不明な項目 `{0}` です",
    ),
    ("missing field `{}`", "必須の項目 `{0}` がありません"),
    ("duplicate field `{}`", "項目 `{0}` が重複しています"),
    (
        "unknown variant `{}`, expected one of {}",
        "使えない値 `{0}` です（使える値: {1}）",
    ),
    (
        "unknown variant `{}`, expected {}",
        "使えない値 `{0}` です（使える値: {1}）",
    ),
    (
        "invalid type: {}, expected {}",
        "型が違います: {0}（期待する型: {1}）",
    ),
    (
        "invalid value: {}, expected {}",
        "値が正しくありません: {0}（期待: {1}）",
    ),
    (
        "invalid length {}, expected {}",
        "要素の数が正しくありません: {0}（期待: {1}）",
    ),
    (
        "EOF while parsing {}",
        "{0}の途中でファイルが終わっています",
    ),
    ("a value", "値"),
    ("an object", "オブジェクト"),
    ("a list", "配列"),
    ("a string", "文字列"),
    ("trailing characters", "JSON の後に余分な文字があります"),
    ("trailing comma", "末尾に余分なカンマがあります"),
    ("expected value", "値がありません"),
    ("expected `,` or `}`", "`,` か `}` が必要です"),
    ("expected `,` or `]`", "`,` か `]` が必要です"),
    ("expected `:`", "`:` が必要です"),
    ("expected ident", "true / false / null のつづりが違います"),
    ("key must be a string", "キーは文字列にします"),
    (
        "control character (\\u0000-\\u001F) found while parsing a string",
        "文字列の中に制御文字があります（\\u0000 のように書いてください）",
    ),
    (
        "unexpected end of hex escape",
        "\\u エスケープが途中で終わっています",
    ),
    (
        "lone leading surrogate in hex escape",
        "対になっていないサロゲート（\\u エスケープ）です",
    ),
    ("invalid escape", "正しくないエスケープです"),
    ("invalid number", "正しくない数値です"),
    ("number out of range", "数値が大きすぎます"),
    (
        "invalid unicode code point",
        "正しくない Unicode 符号位置です",
    ),
    (
        "recursion limit exceeded",
        "入れ子が深すぎます（上限 128 段）",
    ),
    // The importer's messages are unei_import::Message, rendered per language there.
];

/// The message in `lang`; untranslated messages stay English.
pub fn translate(message: &str, lang: Lang) -> String {
    match lang {
        Lang::En => message.to_owned(),
        Lang::Ja => japanese(message).unwrap_or_else(|| message.to_owned()),
    }
}

/// The Japanese form of a message, if its shape is known. Parts carried over are translated
/// too when they are messages themselves (an amount error's reason).
pub fn japanese(message: &str) -> Option<String> {
    SHAPES.iter().find_map(|(en, ja)| {
        let parts = match_shape(en, message)?;
        let mut out = (*ja).to_owned();
        for (i, part) in parts.iter().enumerate() {
            let part = japanese(part).unwrap_or_else(|| part.clone());
            out = out.replace(&format!("{{{i}}}"), &part);
        }
        Some(out)
    })
}

/// The parts of `message` standing where `shape` has `{}`, if the literal text matches.
fn match_shape(shape: &str, message: &str) -> Option<Vec<String>> {
    let literals: Vec<&str> = shape.split("{}").collect();
    let mut rest = message.strip_prefix(literals[0])?;
    let mut parts = Vec::new();
    for (k, literal) in literals.iter().enumerate().skip(1) {
        let last = k == literals.len() - 1;
        let end = if last {
            if !rest.ends_with(literal) || rest.len() < literal.len() {
                return None;
            }
            rest.len() - literal.len()
        } else {
            rest.find(literal)?
        };
        parts.push(rest[..end].to_owned());
        rest = &rest[end + literal.len()..];
    }
    (literals.len() > 1 || rest.is_empty()).then_some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_with_parts_in_another_order() {
        assert_eq!(
            japanese("unknown field `nmae`, expected one of `name`, `kind`").unwrap(),
            "不明な項目 `nmae` です（使える項目: `name`, `kind`）"
        );
        assert_eq!(
            japanese("EOF while parsing an object").unwrap(),
            "オブジェクトの途中でファイルが終わっています"
        );
        assert_eq!(japanese("something new"), None);
        assert_eq!(translate("something new", Lang::Ja), "something new");
        assert_eq!(
            translate("trailing characters", Lang::En),
            "trailing characters"
        );
    }

    #[test]
    fn literal_shapes_must_match_whole() {
        assert_eq!(japanese("a value"), Some("値".to_owned()));
        assert_eq!(japanese("a value and more"), None);
    }
}
