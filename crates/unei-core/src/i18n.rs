//! Messages in Japanese or English. Messages are made in English; this table gives each
//! message shape its Japanese form, so a new message without a translation shows up in the
//! test that checks every message the validator and the loader can produce.

/// Language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Ja,
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

/// English shape (`{}` marks a part carried over) → Japanese shape (`{0}`, `{1}` … in any order).
const SHAPES: &[(&str, &str)] = &[
    (
        "plan file format {} is not supported by this unei (it reads format {})",
        "計画ファイルの形式 {0} には対応していません（この unei が読めるのは形式 {1}）",
    ),
    ("organisation name is empty", "所属名が空です"),
    (
        "{} plans normally use generation {} forms (A until 令和4年度, B from 令和5年度)",
        "{0}の計画は通常、第{1}世代の様式を使います（A は令和4年度まで、B は令和5年度から）",
    ),
    (
        "template {} is not the template in use ({}); pass it with --template",
        "テンプレート {0} は使用中のテンプレート（{1}）ではありません。--template で指定してください",
    ),
    (
        "{} is not a label of generation {} forms (known: {})",
        "{0} は第{1}世代様式のラベルではありません（使えるもの: {2}）",
    ),
    (
        "contains control character U+{}, which cannot be printed",
        "印字できない制御文字 U+{0} が含まれています",
    ),
    (
        "経営課題 must be numbered 1..{} in order: found {} where {} is expected",
        "経営課題の番号は 1..{0} の順です: {2} のはずの所が {1} になっています",
    ),
    ("the plan has no 経営課題", "経営課題がありません"),
    ("経営課題 title is empty", "経営課題の題名が空です"),
    ("主な戦略 is empty", "主な戦略が空です"),
    ("具体的取組 text is empty", "具体的取組の文が空です"),
    (
        "{} is not a 千円 amount ({}; expected e.g. \"(2,781千円)\")",
        "{0} は千円単位の金額ではありません（{1}。例: \"(2,781千円)\"）",
    ),
    ("unbalanced brackets", "括弧が対応していません"),
    ("no 千円 unit", "単位「千円」がありません"),
    (
        "digits must be grouped by 3 with commas",
        "数字は3桁ごとにカンマで区切ります",
    ),
    (
        "{} is not a 和暦 year (expected e.g. 令和2年度 or 平成31年度)",
        "{0} は和暦の年度ではありません（例: 令和2年度、平成31年度）",
    ),
    (
        "{} is not a real year: {} ended in its {}th year",
        "{0} は実在しない年度です: {1}は{2}年までです",
    ),
    (
        "{} is not a real year: era years start at 1 (元年)",
        "{0} は実在しない年度です: 元年（1年）から数えます",
    ),
    (
        "{} is not a code list of the template (known: {})",
        "{0} はテンプレートのコード表にありません（あるもの: {1}）",
    ),
    (
        "{} is not in code list {} ({})",
        "{0} はコード表 {1} にありません（{2}）",
    ),
    (
        "{} belongs to generation {} forms, but meta.generation is {}",
        "{0} は第{1}世代様式の項目ですが、meta.generation は {2} です",
    ),
    (
        "自己評価 is written only once the status is 自己評価済 (status is {})",
        "自己評価は状況が「自己評価済」になってから書きます（現在の状況: {0}）",
    ),
    (
        "status 自己評価済 requires a self_evaluation section",
        "状況「自己評価済」には自己評価（self_evaluation）が必要です",
    ),
    (
        "{} is written only once the status is {} (status is {})",
        "{0}は状況が「{1}」になってから書きます（現在の状況: {2}）",
    ),
    ("{} is empty", "{0} が空です"),
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
    (
        "invalid UTF-8 at byte {} (plan files must be UTF-8)",
        "{0} バイト目が UTF-8 として正しくありません（計画ファイルは UTF-8 で保存してください）",
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
            japanese("経営課題 must be numbered 1..4 in order: found 5 where 3 is expected")
                .unwrap(),
            "経営課題の番号は 1..4 の順です: 3 のはずの所が 5 になっています"
        );
        assert_eq!(
            japanese("\"2,78千円\" is not a 千円 amount (digits must be grouped by 3 with commas; expected e.g. \"(2,781千円)\")").unwrap(),
            "\"2,78千円\" は千円単位の金額ではありません（数字は3桁ごとにカンマで区切ります。例: \"(2,781千円)\"）"
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
