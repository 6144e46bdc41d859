//! 和暦 fiscal years (年度). 令和 n = 2018 + n, 平成 n = 1988 + n; a fiscal year runs April–March.

use std::fmt;

use crate::i18n::{Lang, Localize};

/// A Japanese era that plans can be dated in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Era {
    /// 平成 (1989–2019).
    Heisei,
    /// 令和 (from 2019).
    Reiwa,
}

impl Era {
    /// The era's name (`令和`).
    pub fn name(self) -> &'static str {
        match self {
            Era::Heisei => "平成",
            Era::Reiwa => "令和",
        }
    }

    /// Gregorian year of the era's first year (元年).
    fn first_gregorian_year(self) -> i32 {
        match self {
            Era::Heisei => 1989,
            Era::Reiwa => 2019,
        }
    }

    /// Last year number the era reached (平成31 = 令和元), `None` for the current era.
    fn last_year(self) -> Option<u32> {
        match self {
            Era::Heisei => Some(31),
            Era::Reiwa => None,
        }
    }
}

/// A fiscal year such as 令和2年度, parsed from the author's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FiscalYear {
    /// The era.
    pub era: Era,
    /// Year within the era, 1 for 元年.
    pub year: u32,
}

/// Why a 和暦 year text was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.localize(Lang::En))]
pub enum WarekiError {
    /// Not of the form `令和2年度`.
    Syntax(String),
    /// A year after the era ended (平成32年度).
    PastEraEnd {
        /// The text as written.
        text: String,
        /// The era's name.
        era: &'static str,
        /// The era's last year.
        last: u32,
    },
    /// Year 0 (元年 is year 1).
    Zero(String),
}

impl Localize for WarekiError {
    fn localize(&self, lang: Lang) -> String {
        match (self, lang) {
            (WarekiError::Syntax(text), Lang::En) => {
                format!("{text:?} is not a 和暦 year (expected e.g. 令和2年度 or 平成31年度)")
            }
            (WarekiError::Syntax(text), Lang::Ja) => {
                format!("{text:?} は和暦の年度ではありません（例: 令和2年度、平成31年度）")
            }
            (WarekiError::PastEraEnd { text, era, last }, Lang::En) => {
                format!("{text:?} is not a real year: {era} ended in its {last}th year")
            }
            (WarekiError::PastEraEnd { text, era, last }, Lang::Ja) => {
                format!("{text:?} は実在しない年度です: {era}は{last}年までです")
            }
            (WarekiError::Zero(text), Lang::En) => {
                format!("{text:?} is not a real year: era years start at 1 (元年)")
            }
            (WarekiError::Zero(text), Lang::Ja) => {
                format!("{text:?} は実在しない年度です: 元年（1年）から数えます")
            }
        }
    }
}

impl FiscalYear {
    /// Parses `令和2年度`, `令和2年`, `令和2`, `令和元年度`, full-width digits included.
    ///
    /// # Errors
    /// [`WarekiError`] when `text` is not a fiscal year of 平成 or 令和 (or a year after 平成 ended).
    pub fn parse(text: &str) -> Result<Self, WarekiError> {
        let syntax = || WarekiError::Syntax(text.to_owned());
        let trimmed = text.trim();
        let (era, rest) = if let Some(rest) = trimmed.strip_prefix("令和") {
            (Era::Reiwa, rest)
        } else if let Some(rest) = trimmed.strip_prefix("平成") {
            (Era::Heisei, rest)
        } else {
            return Err(syntax());
        };
        let number = rest
            .strip_suffix("年度")
            .or_else(|| rest.strip_suffix('年'))
            .unwrap_or(rest);
        let year = if number == "元" {
            1
        } else {
            parse_digits(number).ok_or_else(syntax)?
        };
        if year == 0 {
            return Err(WarekiError::Zero(text.to_owned()));
        }
        if let Some(last) = era.last_year().filter(|last| year > *last) {
            return Err(WarekiError::PastEraEnd {
                text: text.to_owned(),
                era: era.name(),
                last,
            });
        }
        Ok(FiscalYear { era, year })
    }

    /// A fiscal year from its Gregorian starting year (April of `year`).
    pub fn from_gregorian(year: i32) -> Option<Self> {
        if year >= Era::Reiwa.first_gregorian_year() {
            let n = u32::try_from(year - 2018).ok()?;
            Some(FiscalYear {
                era: Era::Reiwa,
                year: n,
            })
        } else if year >= Era::Heisei.first_gregorian_year() {
            let n = u32::try_from(year - 1988).ok()?;
            Some(FiscalYear {
                era: Era::Heisei,
                year: n,
            })
        } else {
            None
        }
    }

    /// Gregorian year in which the fiscal year starts (令和2年度 → 2020).
    pub fn gregorian(self) -> i32 {
        self.era.first_gregorian_year() + self.year as i32 - 1
    }

    /// The year number as written inside labels: `2` for 令和2年度, `元` for the first year.
    pub fn number_text(self) -> String {
        if self.year == 1 {
            "元".to_owned()
        } else {
            self.year.to_string()
        }
    }
}

impl fmt::Display for FiscalYear {
    /// `令和2年度`, `令和元年度`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}年度", self.era.name(), self.number_text())
    }
}

/// ASCII or full-width decimal digits, nothing else.
fn parse_digits(text: &str) -> Option<u32> {
    if text.is_empty() || text.chars().count() > 3 {
        return None;
    }
    text.chars().try_fold(0u32, |acc, c| {
        let digit = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '０'..='９' => c as u32 - '０' as u32,
            _ => return None,
        };
        Some(acc * 10 + digit)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reiwa_gannen_is_2019() {
        let y = FiscalYear::parse("令和元年度").unwrap();
        assert_eq!(y.gregorian(), 2019);
        assert_eq!(y.to_string(), "令和元年度");
    }

    #[test]
    fn parses_variants() {
        for (text, greg) in [
            ("令和2年度", 2020),
            ("令和２年度", 2020),
            ("令和5", 2023),
            ("令和7年", 2025),
            ("平成31年度", 2019),
            ("平成27年度", 2015),
            ("平成元年度", 1989),
        ] {
            assert_eq!(FiscalYear::parse(text).unwrap().gregorian(), greg, "{text}");
        }
    }

    #[test]
    fn rejects_unreal_years() {
        assert!(matches!(
            FiscalYear::parse("平成32年度"),
            Err(WarekiError::PastEraEnd { last: 31, .. })
        ));
        assert!(matches!(
            FiscalYear::parse("令和0年度"),
            Err(WarekiError::Zero(_))
        ));
        assert!(matches!(
            FiscalYear::parse("昭和60年度"),
            Err(WarekiError::Syntax(_))
        ));
        assert!(matches!(
            FiscalYear::parse("令和二年度"),
            Err(WarekiError::Syntax(_))
        ));
        assert!(matches!(
            FiscalYear::parse("2020"),
            Err(WarekiError::Syntax(_))
        ));
    }

    #[test]
    fn gregorian_round_trip() {
        for g in 1989..2060 {
            let y = FiscalYear::from_gregorian(g).unwrap();
            assert_eq!(y.gregorian(), g);
            assert_eq!(FiscalYear::parse(&y.to_string()).unwrap(), y);
        }
        assert_eq!(FiscalYear::from_gregorian(2019).unwrap().era, Era::Reiwa);
    }
}
