//! Dates: `2017年4月28日`, `二〇一七年六月二十八日`, `2017.3.12`, `2017-03-12`, partial dates
//! (`1975年4月`), and relative ones (`同年5月3日`, `次日`, `当日`, `同月5日`) resolved against
//! the previous date in the same passage.

use super::numeral::parse_int;
use regex::Regex;
use serde::{Serialize, Serializer};
use std::ops::Range;
use std::sync::LazyLock;

/// A calendar date, possibly partial (year only, or year and month).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month 1–12, if given.
    pub month: Option<u32>,
    /// Day 1–31, if given.
    pub day: Option<u32>,
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse_iso(&s).ok_or_else(|| serde::de::Error::custom(format!("not a date: {s}")))
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => write!(f, "{:04}-{:02}", self.year, m),
            _ => write!(f, "{:04}", self.year),
        }
    }
}

impl Date {
    /// A full date, if it exists in the calendar.
    pub fn ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)).then_some(
            Date {
                year,
                month: Some(month),
                day: Some(day),
            },
        )
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut it = s.split('-');
        let year = it.next()?.parse().ok()?;
        let month = it.next().map(|m| m.parse().ok()).unwrap_or(None);
        let day = it.next().map(|d| d.parse().ok()).unwrap_or(None);
        Some(Date { year, month, day })
    }

    /// Whether year, month and day are all given.
    pub fn is_full(&self) -> bool {
        self.month.is_some() && self.day.is_some()
    }

    /// Days since 1970-01-01 (full dates only).
    pub fn to_days(&self) -> Option<i64> {
        let (y, m, d) = (self.year as i64, self.month? as i64, self.day? as i64);
        // Howard Hinnant's days_from_civil.
        let y = if m <= 2 { y - 1 } else { y };
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(era * 146_097 + doe - 719_468)
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = if m <= 2 { y + 1 } else { y } as i32;
        Date {
            year: y,
            month: Some(m),
            day: Some(d),
        }
    }

    /// This date plus `days`.
    pub fn add_days(&self, days: i64) -> Option<Date> {
        Some(Date::from_days(self.to_days()? + days))
    }

    /// This date plus `months` calendar months, clamped to the month's last day.
    pub fn add_months(&self, months: i64) -> Option<Date> {
        let total = self.year as i64 * 12 + (self.month? as i64 - 1) + months;
        let (y, m) = (
            (total.div_euclid(12)) as i32,
            (total.rem_euclid(12) + 1) as u32,
        );
        let d = self.day?.min(days_in_month(y, m));
        Some(Date {
            year: y,
            month: Some(m),
            day: Some(d),
        })
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// A date found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMatch {
    /// The date (relative forms resolved).
    pub date: Date,
    /// Byte span in the searched text.
    pub span: Range<usize>,
    /// Written relatively (同年, 次日 …).
    pub relative: bool,
    /// Written with a day that does not exist (2023年2月30日): `date` then holds year and month only.
    pub invalid: bool,
}

const CN: &str = "〇○零一二三四五六七八九十廿卅";

static DATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    let y = format!("([0-9]{{4}}|[{CN}]{{4}})");
    let md = format!("([0-9]{{1,2}}|[{CN}]{{1,3}})");
    crate::pattern::re(&format!(
        r"{y}\s?年\s?(?:{md}\s?月(?:\s?{md}\s?[日号])?)?|([0-9]{{4}})[.\-/．]([0-9]{{1,2}})[.\-/．]([0-9]{{1,2}})(?:[^0-9]|$)|(同年|同月|次日|当日|同日|当天|次年|翌日)(?:{md}\s?月)?(?:{md}\s?[日号])?|{md}\s?月\s?{md}\s?[日号]"
    ))
});

/// Whether a [`DATE_RE`] match may go on from `c` across one whitespace character (a line
/// break among them): `c` is a digit, a Chinese numeral, 年 or 月, the only parts the pattern
/// follows with `\s?`. A line break after any other character is a point no date crosses.
pub(crate) fn date_goes_on_after(c: char) -> bool {
    c.is_ascii_digit() || is_cn(c) || c == '年' || c == '月'
}

/// A group of a [`DATE_RE`] match.
#[derive(Debug, Clone, PartialEq)]
struct Group<'h> {
    hay: &'h str,
    range: Range<usize>,
}

impl<'h> Group<'h> {
    fn as_str(&self) -> &'h str {
        &self.hay[self.range.clone()]
    }

    fn end(&self) -> usize {
        self.range.end
    }
}

/// The capture groups of a [`DATE_RE`] match (1–3: year, month, day written out; 4–6: the
/// numeric form; 7–9: a relative word, month, day; 10–11: month and day alone), read from
/// the match alone rather than with the capture engine. Which alternative matched follows
/// from how the match starts (a relative word; a year and 年; a four-digit year and a
/// separator; otherwise a month); the groups are then separated by characters no group
/// contains (年, 月, 日, 号, separators, white space).
struct Groups<'h> {
    hay: &'h str,
    groups: [Option<Range<usize>>; 12],
}

impl<'h> Groups<'h> {
    fn get(&self, i: usize) -> Option<Group<'h>> {
        let range = self.groups.get(i)?.clone()?;
        Some(Group {
            hay: self.hay,
            range,
        })
    }
}

const RELATIVE_WORDS: [&str; 8] = [
    "同年", "同月", "次日", "当日", "同日", "当天", "次年", "翌日",
];

fn is_cn(c: char) -> bool {
    // A `matches!` rather than `CN.contains(c)`: a non-ASCII char is searched in a string
    // with a substring searcher built for each call.
    matches!(
        c,
        '〇' | '○'
            | '零'
            | '一'
            | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '廿'
            | '卅'
    )
}

/// `s` less one leading white-space character, if any (`\s?`).
fn skip_space(s: &str) -> &str {
    s.strip_prefix(char::is_whitespace).unwrap_or(s)
}

/// `s` less one trailing white-space character, if any.
fn trim_space_end(s: &str) -> &str {
    s.strip_suffix(char::is_whitespace).unwrap_or(s)
}

fn groups(hay: &str, whole: Range<usize>) -> Groups<'_> {
    let mut groups: [Option<Range<usize>>; 12] = Default::default();
    let base = whole.start;
    let s = &hay[whole.clone()];
    // The range of `part`, a subslice of `s`.
    let at = |part: &str| {
        let start = base + (part.as_ptr() as usize - s.as_ptr() as usize);
        Some(start..start + part.len())
    };
    // `md\s?月` then, optionally, `\s?md\s?[日号]` (the day only when `lead_space`).
    let month_day = |rest: &str, groups: &mut [Option<Range<usize>>; 12], m: usize| {
        let after_month = match rest.find('月') {
            Some(i) => {
                groups[m] = at(trim_space_end(&rest[..i]));
                skip_space(&rest[i + '月'.len_utf8()..])
            }
            None => rest,
        };
        let day = after_month
            .strip_suffix(['日', '号'])
            .map(trim_space_end)
            .filter(|d| !d.is_empty());
        if let Some(day) = day {
            groups[m + 1] = at(day);
        }
    };
    groups[0] = Some(whole.clone());
    if let Some(word) = RELATIVE_WORDS.iter().find(|w| s.starts_with(*w)) {
        groups[7] = at(&s[..word.len()]);
        let rest = &s[word.len()..];
        month_day(rest, &mut groups, 8);
        return Groups { hay, groups };
    }
    let digits4 = s.len() >= 4 && s.as_bytes()[..4].iter().all(u8::is_ascii_digit);
    let year_len = if digits4 {
        4
    } else if s.chars().take(4).filter(|&c| is_cn(c)).count() == 4 {
        4 * '〇'.len_utf8()
    } else {
        0
    };
    if year_len > 0 {
        if let Some(rest) = skip_space(&s[year_len..]).strip_prefix('年') {
            groups[1] = at(&s[..year_len]);
            let rest = skip_space(rest);
            if !rest.is_empty() {
                month_day(rest, &mut groups, 2);
            }
            return Groups { hay, groups };
        }
    }
    if digits4 {
        // `([0-9]{4})[.\-/．]([0-9]{1,2})[.\-/．]([0-9]{1,2})(?:[^0-9]|$)`
        let seps = ['.', '-', '/', '．'];
        groups[4] = at(&s[..4]);
        let rest = s[4..].strip_prefix(seps).unwrap_or("");
        let m_len = rest.bytes().take_while(u8::is_ascii_digit).count();
        groups[5] = at(&rest[..m_len]);
        let rest = rest[m_len..].strip_prefix(seps).unwrap_or("");
        let d_len = rest.bytes().take_while(u8::is_ascii_digit).count();
        groups[6] = at(&rest[..d_len]);
        return Groups { hay, groups };
    }
    month_day(s, &mut groups, 10);
    Groups { hay, groups }
}

/// Finds all dates in `text`, resolving relative dates against the previous one.
///
/// ```
/// use wenshu::primitives::find_dates;
/// let ds: Vec<String> = find_dates("于2023年1月5日被刑事拘留，同年1月12日被逮捕，次日移送")
///     .iter().map(|d| d.date.to_string()).collect();
/// assert_eq!(ds, ["2023-01-05", "2023-01-12", "2023-01-13"]);
/// ```
pub fn find_dates(text: &str) -> Vec<DateMatch> {
    find_dates_from(text, None)
}

/// Like [`find_dates`], with an anchor for relative dates at the start of `text`.
pub fn find_dates_from(text: &str, mut anchor: Option<Date>) -> Vec<DateMatch> {
    let mut out = Vec::new();
    for whole in DATE_RE.find_iter(text) {
        let c = groups(text, whole.range());
        let mut span = whole.range();
        let mut invalid = false;
        let (date, relative) = if let Some(y) = c.get(1) {
            let Some(year) = parse_int(y.as_str()) else {
                continue;
            };
            let month = c.get(2).and_then(|m| parse_int(m.as_str()));
            let day = c.get(3).and_then(|d| parse_int(d.as_str()));
            if month.is_some_and(|m| !(1..=12).contains(&m)) {
                continue;
            }
            let mut d = Date {
                year: year as i32,
                month,
                day,
            };
            if let (Some(m), Some(dd)) = (month, day) {
                if Date::ymd(year as i32, m, dd).is_none() {
                    invalid = true;
                    d.day = None;
                }
            }
            (d, false)
        } else if let Some(y) = c.get(4) {
            // Numeric form: the trailing non-digit is not part of the date.
            let (Ok(year), Ok(m), Ok(dd)) = (
                y.as_str().parse::<i32>(),
                c.get(5).map_or("", |g| g.as_str()).parse::<u32>(),
                c.get(6).map_or("", |g| g.as_str()).parse::<u32>(),
            ) else {
                continue;
            };
            span.end = c.get(6).map_or(span.end, |g| g.end());
            match Date::ymd(year, m, dd) {
                Some(d) => (d, false),
                None => continue,
            }
        } else if let (Some(m), Some(d)) = (c.get(10), c.get(11)) {
            // A month and day without a year belong to the year of the previous date.
            let Some(a) = anchor else { continue };
            let (Some(month), Some(day)) = (parse_int(m.as_str()), parse_int(d.as_str())) else {
                continue;
            };
            match Date::ymd(a.year, month, day) {
                Some(d) => (d, true),
                None => continue,
            }
        } else {
            let Some(word) = c.get(7).map(|w| w.as_str()) else {
                continue;
            };
            let Some(a) = anchor else { continue };
            let month = c.get(8).and_then(|m| parse_int(m.as_str()));
            let day = c.get(9).and_then(|d| parse_int(d.as_str()));
            let d = match word {
                "次日" | "翌日" => match a.add_days(1) {
                    Some(d) => d,
                    None => continue,
                },
                "当日" | "同日" | "当天" => a,
                "同月" => Date {
                    year: a.year,
                    month: a.month,
                    day,
                },
                "次年" => Date {
                    year: a.year + 1,
                    month,
                    day,
                },
                _ => Date {
                    year: a.year,
                    month: month.or(if day.is_some() { a.month } else { None }),
                    day,
                },
            };
            if let (Some(m), Some(dd)) = (d.month, d.day) {
                if Date::ymd(d.year, m, dd).is_none() {
                    continue;
                }
            }
            (d, true)
        };
        if date.is_full() {
            anchor = Some(date);
        }
        out.push(DateMatch {
            date,
            span,
            relative,
            invalid,
        });
    }
    out
}

/// Parses one date written on its own (the whole string).
///
/// Full-width digits (`２０１７年６月２８日`) are read like ASCII ones: a value on its own has
/// not been through [`crate::text::normalize`], which [`find_dates`] relies on.
pub fn parse_date(s: &str) -> Option<Date> {
    let ascii: String = s
        .trim()
        .chars()
        .map(|c| match c {
            '\u{FF10}'..='\u{FF19}' => {
                char::from_u32(c as u32 - 0xFF10 + u32::from(b'0')).unwrap_or(c)
            }
            _ => c,
        })
        .collect();
    find_dates(&ascii)
        .into_iter()
        .next()
        .filter(|m| !m.invalid)
        .map(|m| m.date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_cn_is_the_set_the_patterns_use() {
        for c in CN.chars() {
            assert!(is_cn(c), "{c}");
        }
        for c in "年月日号0１百千两甲".chars() {
            assert!(!is_cn(c), "{c}");
        }
    }

    /// `groups` reads the groups the capture engine finds, match by match.
    fn assert_groups_as_captures(text: &str) -> usize {
        let mut n = 0;
        for c in DATE_RE.captures_iter(text) {
            let whole = c.get(0).unwrap();
            let got = groups(text, whole.range());
            for i in 0..12 {
                assert_eq!(
                    got.get(i).map(|g| g.range),
                    c.get(i).map(|m| m.range()),
                    "group {i} of {:?} in {text:?}",
                    whole.as_str()
                );
            }
            n += 1;
        }
        n
    }

    #[test]
    fn groups_are_the_capture_groups() {
        let mut texts = vec![
            "2017年4月28日 2017 年 04 月 08 日，二〇一七年六月二十八日、2017.3.12，2017-03-1２ 2017/3/5"
                .to_string(),
            "同年5月3日，次日，当日，同月5日，同年 5 月，次年3月，翌日12号，5 月 6 日，十二月一日，1999年 ，1999年5月 3".to_string(),
            "二〇二三年十二月廿一日20231年2023.1.123，2023．1．2，同年十二月二十号，2023年13月".to_string(),
        ];
        texts.extend(crate::test_support::fixture_texts(&[
            "tests/fixtures/judgments",
            "tests/fixtures/procuratorate",
        ]));
        let n: usize = texts
            .iter()
            .map(|t| assert_groups_as_captures(&crate::text::normalize(t).text))
            .sum();
        assert!(n > 200, "{n}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(3000))]
        /// On text made of the characters the pattern is about, and a few others.
        #[test]
        fn groups_are_the_capture_groups_anywhere(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "0", "1", "2", "9", "12", "2023", "一", "〇", "十", "廿", "二〇二三", "年", "月", "日",
                "号", " ", "\n", "\u{3000}", ".", "-", "/", "．", "同年", "同月", "次日", "当日", "同日",
                "当天", "次年", "翌日", "同", "，", "a", "于",
            ]), 0..24)
        ) {
            assert_groups_as_captures(&parts.concat());
        }
    }

    /// (written, ISO) — every year-digit variant.
    const EXAMPLES: &[(&str, &str)] = &[
        ("2017年4月28日", "2017-04-28"),
        ("2017年04月08日", "2017-04-08"),
        ("二〇一七年六月二十八日", "2017-06-28"),
        ("二○一七年六月二十八日", "2017-06-28"),
        ("二零一七年十二月三十一日", "2017-12-31"),
        ("二〇二〇年二月二十九日", "2020-02-29"),
        ("二〇一七年六月廿八日", "2017-06-28"),
        ("2017.3.12", "2017-03-12"),
        ("2017-03-12", "2017-03-12"),
        ("2017/3/12", "2017-03-12"),
        ("1975年4月", "1975-04"),
        ("1975年", "1975"),
        ("2017年 4月 28日", "2017-04-28"),
        ("2017年4月28号", "2017-04-28"),
    ];

    #[test]
    fn examples() {
        for (s, want) in EXAMPLES {
            let got = parse_date(s).map(|d| d.to_string());
            assert_eq!(got.as_deref(), Some(*want), "{s}");
        }
    }

    /// (text, dates in order)
    const RELATIVE: &[(&str, &[&str])] = &[
        (
            "2023年1月5日被拘留，同年1月12日被逮捕",
            &["2023-01-05", "2023-01-12"],
        ),
        (
            "2023年1月31日被拘留，次日被释放",
            &["2023-01-31", "2023-02-01"],
        ),
        (
            "2023年12月31日被拘留，次日被释放",
            &["2023-12-31", "2024-01-01"],
        ),
        (
            "2023年3月5日被拘留，当日被释放",
            &["2023-03-05", "2023-03-05"],
        ),
        (
            "2023年3月5日被拘留，同月20日被逮捕",
            &["2023-03-05", "2023-03-20"],
        ),
        (
            "2016年11月14日被羁押，同年12月21日被逮捕，2017年1月3日",
            &["2016-11-14", "2016-12-21", "2017-01-03"],
        ),
        ("同年5月3日", &[]),
        (
            "2017年6月25日被刑事拘留，8月1日被逮捕",
            &["2017-06-25", "2017-08-01"],
        ),
        ("6月25日", &[]),
    ];

    #[test]
    fn relative_dates_resolve_against_the_previous_date() {
        for (s, want) in RELATIVE {
            let got: Vec<String> = find_dates(s).iter().map(|d| d.date.to_string()).collect();
            assert_eq!(&got, want, "{s}");
        }
    }

    #[test]
    fn impossible_dates_are_flagged_not_invented() {
        let m = &find_dates("于2023年2月30日被拘留")[0];
        assert!(m.invalid);
        assert_eq!(m.date.to_string(), "2023-02");
        assert!(parse_date("2023年2月30日").is_none());
    }

    #[test]
    fn not_dates() {
        for s in ["第2017号", "2017元", "13月1日"] {
            assert!(parse_date(s).is_none(), "{s}");
        }
    }

    #[test]
    fn day_arithmetic_round_trips() {
        for days in [-1000i64, 0, 1, 17_000, 19_000, 20_000] {
            assert_eq!(Date::from_days(days).to_days(), Some(days));
        }
        assert_eq!(
            Date::ymd(2020, 1, 31)
                .and_then(|d| d.add_months(1))
                .map(|d| d.to_string())
                .as_deref(),
            Some("2020-02-29")
        );
    }
}
