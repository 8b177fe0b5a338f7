//! Numerals: Arabic (with thousands separators), Chinese (二百六十四, 一千零五, 两, 廿),
//! formal (叁仟), and mixed (1.5万, 3万余, 十余万).

use serde::{Deserialize, Serialize};

/// A number read from text.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Numeral {
    /// The value.
    pub value: f64,
    /// Written as approximate (`余`, `多`, `许`): the value is a lower bound.
    pub approx: bool,
}

fn digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' | '○' | 'O' => 0,
        '一' | '壹' | '幺' => 1,
        '二' | '贰' | '貳' | '两' | '兩' => 2,
        '三' | '叁' | '參' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

fn unit(c: char) -> Option<u64> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

/// Parses a Chinese integer below 10^4 per section, with 万 / 亿 sections.
/// Digit strings without units (`二〇一七`) read digit by digit.
fn chinese_integer(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    if s.chars().all(|c| digit(c).is_some()) && s.chars().nth(1).is_some() {
        return s
            .chars()
            .try_fold(0u64, |acc, c| acc.checked_mul(10)?.checked_add(digit(c)?));
    }
    let (mut total, mut section, mut number) = (0u64, 0u64, 0u64);
    let mut last_unit = 1u64;
    let mut prev: Option<char> = None;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let last = chars.peek().is_none();
        let before = prev.replace(c);
        if let Some(d) = digit(c) {
            number = d;
            // 一万五 = 15000, 三千五 = 3500: a trailing digit after a unit is one order lower.
            if let Some(prev) = before.filter(|_| last && d != 0) {
                if let Some(u) = unit(prev) {
                    number = d * (u / 10);
                } else if prev == '万' {
                    number = d * 1000;
                }
            }
        } else if let Some(u) = unit(c) {
            let n = if number == 0 && (u == 10) { 1 } else { number };
            section = section.checked_add(n * u)?;
            number = 0;
            last_unit = u;
        } else if c == '廿' {
            section = section.checked_add(20)?;
        } else if c == '卅' {
            section = section.checked_add(30)?;
        } else if c == '万' || c == '萬' {
            total = total.checked_add(section.checked_add(number)?.checked_mul(10_000)?)?;
            section = 0;
            number = 0;
        } else if c == '亿' {
            // Checked: 一亿亿亿… overflows; such a string is no number of a document.
            total = total
                .checked_add(section)?
                .checked_add(number)?
                .checked_mul(100_000_000)?;
            section = 0;
            number = 0;
        } else {
            return None;
        }
    }
    let _ = last_unit;
    total.checked_add(section)?.checked_add(number)
}

/// Parses a numeral as written in a legal document.
///
/// ```
/// use wenshu::primitives::parse_numeral;
/// assert_eq!(parse_numeral("3,200").unwrap().value, 3200.0);
/// assert_eq!(parse_numeral("二百六十四").unwrap().value, 264.0);
/// assert_eq!(parse_numeral("1.5万").unwrap().value, 15000.0);
/// assert!(parse_numeral("十余万").unwrap().approx);
/// ```
pub fn parse_numeral(s: &str) -> Option<Numeral> {
    let s = s.trim();
    let approx = s.ends_with('余')
        || s.ends_with('多')
        || s.ends_with('许')
        || s.contains("余万")
        || s.contains("多万");
    let skipped = |c: char| matches!(c, '余' | '多' | '许' | ',' | '，' | ' ');
    // Borrowed when nothing is left out (the usual case): no allocation.
    let core: std::borrow::Cow<str> = if s.contains(skipped) {
        s.chars()
            .filter(|&c| !skipped(c))
            .collect::<String>()
            .into()
    } else {
        s.into()
    };
    let core = &*core;
    if core.is_empty() {
        return None;
    }
    // Split a trailing 万 / 亿 multiplier off an Arabic or decimal head: 1.5万, 3万.
    let (head, mult) = match core.strip_suffix('万') {
        Some(h) if h.chars().all(|c| c.is_ascii_digit() || c == '.') && !h.is_empty() => {
            (h, 10_000.0)
        }
        _ => match core.strip_suffix('亿') {
            Some(h) if h.chars().all(|c| c.is_ascii_digit() || c == '.') && !h.is_empty() => {
                (h, 1e8)
            }
            _ => (core, 1.0),
        },
    };
    if head.chars().all(|c| c.is_ascii_digit() || c == '.') {
        let v: f64 = head.parse().ok()?;
        return Some(Numeral {
            value: v * mult,
            approx,
        });
    }
    // Mixed Arabic + 万: 3万5000
    if let Some((a, b)) = core.split_once('万') {
        if a.chars().all(|c| c.is_ascii_digit() || c == '.') && !a.is_empty() {
            let av: f64 = a.parse().ok()?;
            let bv = if b.is_empty() {
                0.0
            } else {
                parse_numeral(b)?.value
            };
            return Some(Numeral {
                value: av * 10_000.0 + bv,
                approx,
            });
        }
    }
    chinese_integer(core).map(|v| Numeral {
        value: v as f64,
        approx,
    })
}

/// Parses a small Chinese or Arabic integer (years, months, article numbers).
pub fn parse_int(s: &str) -> Option<u32> {
    // Plain ASCII digits (dates, article numbers) need no numeral parsing: up to nine of
    // them give the same value as the general path below.
    if !s.is_empty() && s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    let n = parse_numeral(s)?;
    (n.value.fract() == 0.0 && n.value >= 0.0 && n.value < u32::MAX as f64)
        .then_some(n.value as u32)
}

/// Characters that may form a numeral in a regex character class.
pub const NUMERAL_CHARS: &str =
    "0-9.,，零〇○一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟廿卅";

#[cfg(test)]
mod tests {
    use super::*;

    /// The ASCII fast path of `parse_int` answers as the general path does.
    #[test]
    fn parse_int_fast_path_agrees_with_parse_numeral() {
        let general = |s: &str| {
            parse_numeral(s).and_then(|n| {
                (n.value.fract() == 0.0 && n.value >= 0.0 && n.value < u32::MAX as f64)
                    .then_some(n.value as u32)
            })
        };
        for s in [
            "0",
            "00",
            "05",
            "7",
            "28",
            "2017",
            "123456789",
            "999999999",
            "0000000001",
        ] {
            assert_eq!(parse_int(s), general(s), "{s}");
        }
        for n in (0..2_000_000u32).step_by(997) {
            let s = n.to_string();
            assert_eq!(parse_int(&s), general(&s), "{s}");
        }
    }

    /// (written, value, approximate)
    const EXAMPLES: &[(&str, f64, bool)] = &[
        ("3200", 3200.0, false),
        ("3,200", 3200.0, false),
        ("3，200", 3200.0, false),
        ("1.5万", 15000.0, false),
        ("3万余", 30000.0, true),
        ("十余万", 100000.0, true),
        ("十", 10.0, false),
        ("十五", 15.0, false),
        ("二十", 20.0, false),
        ("二百六十四", 264.0, false),
        ("一百三十三", 133.0, false),
        ("一千零五", 1005.0, false),
        ("两千", 2000.0, false),
        ("叁仟", 3000.0, false),
        ("壹万贰仟元", f64::NAN, false),
        ("廿三", 23.0, false),
        ("二〇一七", 2017.0, false),
        ("二○一七", 2017.0, false),
        ("三万", 30000.0, false),
        ("一万五", 15000.0, false),
        ("三千五", 3500.0, false),
        ("一百万", 1000000.0, false),
        ("3万5000", 35000.0, false),
        ("零", 0.0, false),
    ];

    #[test]
    fn examples() {
        for &(s, v, approx) in EXAMPLES {
            let got = parse_numeral(s);
            if v.is_nan() {
                assert!(got.is_none(), "{s} should not parse, got {got:?}");
                continue;
            }
            let got = got.unwrap_or_else(|| panic!("{s} did not parse"));
            assert_eq!(got.value, v, "{s}");
            assert_eq!(got.approx, approx, "{s}");
        }
    }

    #[test]
    fn not_numerals() {
        for s in ["", "元", "张某", "余"] {
            assert!(parse_numeral(s).is_none(), "{s}");
        }
    }
}
