//! Citizen ID numbers (GB 11643-1999): 18 characters, the last a check digit.

use super::date::Date;
use serde::{Deserialize, Serialize};

/// What an 18-character ID number says and whether it is valid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdNumber {
    /// The number as written (upper-case X).
    pub number: String,
    /// The check digit is right.
    pub checksum_ok: bool,
    /// The birth date encoded in positions 7–14, if it is a real date.
    pub birth_date: Option<Date>,
    /// `男` or `女`, from the 17th digit.
    pub gender: Option<String>,
}

/// The GB 11643 check character for the first 17 digits.
pub fn check_char(first17: &str) -> Option<char> {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const C: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
    if first17.len() != 17 {
        return None;
    }
    let mut sum = 0;
    for (ch, w) in first17.chars().zip(W) {
        sum += ch.to_digit(10)? * w;
    }
    Some(C[(sum % 11) as usize])
}

/// Parses an 18-character ID number.
///
/// ```
/// use wenshu::primitives::parse_id_number;
/// let id = parse_id_number("11010519491231002X").unwrap();
/// assert!(id.checksum_ok);
/// assert_eq!(id.birth_date.unwrap().to_string(), "1949-12-31");
/// assert_eq!(id.gender.as_deref(), Some("女"));
/// ```
pub fn parse_id_number(s: &str) -> Option<IdNumber> {
    let s = s.trim().to_ascii_uppercase();
    // Bytes, not a str slice: a multi-byte character may straddle byte 17.
    if s.len() != 18 || !s.bytes().take(17).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let last = s.chars().last()?;
    if !(last.is_ascii_digit() || last == 'X') {
        return None;
    }
    let checksum_ok = check_char(&s[..17]) == Some(last);
    let year = s[6..10].parse().ok()?;
    let month = s[10..12].parse().ok()?;
    let day = s[12..14].parse().ok()?;
    let birth_date = Date::ymd(year, month, day);
    let g = s[16..17].parse::<u32>().ok()?;
    Some(IdNumber {
        number: s.clone(),
        checksum_ok,
        birth_date,
        gender: Some(if g % 2 == 1 { "男" } else { "女" }.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples() {
        // (number, checksum ok, birth date, gender)
        let cases = [
            ("11010519491231002X", true, Some("1949-12-31"), "女"),
            ("110105194912310021", false, Some("1949-12-31"), "女"),
            ("440524188001010014", true, Some("1880-01-01"), "男"),
            ("110105199902300011", false, None, "男"),
        ];
        for (s, ok, birth, gender) in cases {
            let id = parse_id_number(s).unwrap();
            assert_eq!(id.checksum_ok, ok, "{s}");
            assert_eq!(
                id.birth_date.map(|d| d.to_string()).as_deref(),
                birth,
                "{s}"
            );
            assert_eq!(id.gender.as_deref(), Some(gender), "{s}");
        }
        assert!(parse_id_number("12345").is_none());
        assert!(parse_id_number("1101051949123100ZZ").is_none());
    }
}
