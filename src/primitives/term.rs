//! Terms of penalties and periods: `一年六个月`, `十五日`, `六个月`, `二年零六个月`, `1年6个月`.

use super::numeral::parse_int;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// A length of time as sentences state it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Term {
    /// Years and months, as months.
    Months(u32),
    /// Days (拘役十五日, 行政拘留十日).
    Days(u32),
}

impl Term {
    /// The term in months, when it is given in years/months.
    pub fn months(self) -> Option<u32> {
        match self {
            Term::Months(m) => Some(m),
            Term::Days(_) => None,
        }
    }
}

const N: &str = "[0-9〇零一二三四五六七八九十两廿]{1,4}";

/// The term pattern: years and/or months, or days.
pub static TERM_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(&format!(
        r"(?:({N})\s?年(?:零|又)?)?(?:({N})\s?个\s?月)?(?:({N})\s?(?:日|天))?"
    ))
});

/// Parses a term written on its own.
///
/// ```
/// use wenshu::primitives::{parse_term, Term};
/// assert_eq!(parse_term("一年六个月"), Some(Term::Months(18)));
/// assert_eq!(parse_term("十五日"), Some(Term::Days(15)));
/// ```
pub fn parse_term(s: &str) -> Option<Term> {
    let s = s.trim();
    let c = TERM_RE.captures(s)?;
    let whole = c.get(0)?;
    if whole.start() != 0 || whole.is_empty() {
        return None;
    }
    term_from_captures(&c)
}

/// The term of a [`TERM_RE`] match.
pub fn term_from_captures(c: &regex::Captures<'_>) -> Option<Term> {
    let years = c.get(1).and_then(|m| parse_int(m.as_str()));
    let months = c.get(2).and_then(|m| parse_int(m.as_str()));
    let days = c.get(3).and_then(|m| parse_int(m.as_str()));
    match (years, months, days) {
        (None, None, Some(d)) => Some(Term::Days(d)),
        (None, None, None) => None,
        (y, m, _) => Some(Term::Months(y.unwrap_or(0) * 12 + m.unwrap_or(0))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLES: &[(&str, Term)] = &[
        ("一年六个月", Term::Months(18)),
        ("一年零六个月", Term::Months(18)),
        ("六个月", Term::Months(6)),
        ("三年", Term::Months(36)),
        ("十年", Term::Months(120)),
        ("十五年", Term::Months(180)),
        ("二年", Term::Months(24)),
        ("两年", Term::Months(24)),
        ("1年6个月", Term::Months(18)),
        ("十一个月", Term::Months(11)),
        ("十五日", Term::Days(15)),
        ("二十天", Term::Days(20)),
    ];

    #[test]
    fn examples() {
        for &(s, want) in EXAMPLES {
            assert_eq!(parse_term(s), Some(want), "{s}");
        }
        for s in ["", "年", "张某"] {
            assert_eq!(parse_term(s), None, "{s}");
        }
    }
}
