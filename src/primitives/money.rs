//! Amounts of money: `人民币3200元`, `三千二百元`, `1.5万元`, `3万余元`, `3,200元`.

use super::numeral::{parse_numeral, Numeral};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

static MONEY_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"(?:人民币|人民幣)?\s?([0-9][0-9.,，]*\s?[万亿]?[余多]?|[零〇一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟]+[余多]?[万]?)\s?(?:元|圆)",
    )
});

/// An amount found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct MoneyMatch {
    /// The amount in yuan.
    pub yuan: Numeral,
    /// Byte span of the whole amount (including 人民币 and 元).
    pub span: Range<usize>,
}

/// Finds amounts of money in `text`.
///
/// ```
/// use wenshu::primitives::find_money;
/// let m = find_money("并处罚金人民币三万元，退赔1.5万元");
/// assert_eq!(m[0].yuan.value, 30000.0);
/// assert_eq!(m[1].yuan.value, 15000.0);
/// ```
pub fn find_money(text: &str) -> Vec<MoneyMatch> {
    MONEY_RE
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let yuan = parse_numeral(&c[1])?;
            Some(MoneyMatch {
                yuan,
                span: whole.range(),
            })
        })
        .collect()
}

/// Parses one amount written on its own.
pub fn parse_money(s: &str) -> Option<f64> {
    find_money(s).first().map(|m| m.yuan.value)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLES: &[(&str, f64)] = &[
        ("人民币3200元", 3200.0),
        ("人民币三千二百元", 3200.0),
        ("三千二百元", 3200.0),
        ("1.5万元", 15000.0),
        ("3万余元", 30000.0),
        ("十余万元", 100000.0),
        ("3,200元", 3200.0),
        ("3，200元", 3200.0),
        ("人民币叁仟元", 3000.0),
        ("人民币二万元", 20000.0),
        ("人民币一千元", 1000.0),
        ("人民币 5000 元", 5000.0),
    ];

    #[test]
    fn examples() {
        for &(s, want) in EXAMPLES {
            assert_eq!(parse_money(s), Some(want), "{s}");
        }
        for s in ["元", "第三条", "2017年"] {
            assert_eq!(parse_money(s), None, "{s}");
        }
    }
}
