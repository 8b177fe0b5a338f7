//! Court case numbers (`（2017）沪0120刑初684号`, `（2014）临罗刑一初字第81号`) and procuratorate
//! document numbers (`沪奉检诉刑诉［2017］700号`), compared bracket-insensitively.

use regex::Regex;
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::LazyLock;

/// A court case number, parsed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseNumber {
    /// Year in the brackets.
    pub year: u32,
    /// Court code (`沪0120`, `临罗`).
    pub court_code: String,
    /// Type code (`刑初`, `刑终`, `刑一初`).
    pub type_code: String,
    /// Serial number.
    pub serial: String,
    /// `一审` or `二审` from the type code, when it says.
    pub trial_level: Option<String>,
    /// Byte span in the searched text.
    #[serde(skip)]
    pub span: Range<usize>,
}

static CASE_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"[（〔]\s?([0-9]{4})\s?[）〕]\s?([\p{Han}0-9]{0,12}?)(刑[一二三四五六]?(?:初|终|更|监|再|申|提|复|核|他|其他|赔|辖)[\p{Han}]{0,2}?)字?\s?第?\s?([0-9A-Za-z\-]+)\s?号",
    )
});

static PROCURATORATE_NO_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"[\p{Han}A-Za-z0-9（）]{1,24}?[〔（]\s?[0-9]{4}\s?[〕）]\s?[A-Za-z\p{Han}]{0,3}?[0-9]{1,6}\s?号",
    )
});

/// Finds the first court case number in `text`.
///
/// ```
/// use wenshu::primitives::find_case_number;
/// let n = find_case_number("（2017）沪0120刑初684号").unwrap();
/// assert_eq!((n.year, n.court_code.as_str(), n.type_code.as_str(), n.serial.as_str()), (2017, "沪0120", "刑初", "684"));
/// assert_eq!(n.trial_level.as_deref(), Some("一审"));
/// ```
pub fn find_case_number(text: &str) -> Option<CaseNumber> {
    let c = CASE_RE.captures(text)?;
    let type_code = c[3].to_string();
    let trial_level = if type_code.contains('终') {
        Some("二审".to_string())
    } else if type_code.contains('初') {
        Some("一审".to_string())
    } else {
        None
    };
    Some(CaseNumber {
        year: c[1].parse().ok()?,
        court_code: c[2].to_string(),
        type_code,
        serial: c[4].to_string(),
        trial_level,
        span: c.get(0)?.range(),
    })
}

/// Finds procuratorate / police document numbers (`X检刑诉〔2023〕45号`, `X公（刑）提捕字〔2023〕12号`).
pub fn find_document_numbers(text: &str) -> Vec<Range<usize>> {
    PROCURATORATE_NO_RE
        .find_iter(text)
        .map(|m| m.range())
        .collect()
}

/// The comparison key of a case or document number: brackets, blanks and 字/第 noise removed,
/// full-width digits folded, so that `〔2023〕`, `[2023]`, `（2023）` compare equal.
///
/// ```
/// use wenshu::primitives::number_key;
/// assert_eq!(number_key("沪奉检诉刑诉［2017］700号"), number_key("沪奉检诉刑诉〔2017〕700号"));
/// assert_ne!(number_key("沪奉检诉刑诉〔2017〕700号"), number_key("沪奉检诉刑诉〔2017〕701号"));
/// ```
pub fn number_key(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '（' | '）' | '(' | ')' | '〔' | '〕' | '[' | ']' | '［' | '］' | '【' | '】'
            | '〖' | '〗' => None,
            c if c.is_whitespace() || c == '\u{3000}' => None,
            '\u{FF10}'..='\u{FF19}' => char::from_u32(c as u32 - 0xFF10 + '0' as u32),
            c => Some(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_numbers() {
        // (text, year, court code, type code, serial)
        let cases = [
            ("（2017）沪0120刑初684号", 2017, "沪0120", "刑初", "684"),
            ("（2014）临罗刑一初字第81号", 2014, "临罗", "刑一初", "81"),
            ("（2011）卫刑初字第155号", 2011, "卫", "刑初", "155"),
            ("（2018）辽02刑终173号", 2018, "辽02", "刑终", "173"),
            ("〔2014〕通刑再字第2号", 2014, "通", "刑再", "2"),
        ];
        for (s, y, court, ty, serial) in cases {
            let n = find_case_number(s).unwrap_or_else(|| panic!("{s}"));
            assert_eq!(
                (
                    n.year,
                    n.court_code.as_str(),
                    n.type_code.as_str(),
                    n.serial.as_str()
                ),
                (y, court, ty, serial),
                "{s}"
            );
        }
        assert!(find_case_number("沪奉检诉刑诉〔2017〕700号").is_none());
    }

    #[test]
    fn document_numbers_compare_across_bracket_styles() {
        let forms = [
            "京朝检一部刑诉〔2023〕Z123号",
            "京朝检一部刑诉[2023]Z123号",
            "京朝检一部刑诉【2023】Z123号",
            "京朝检一部刑诉（2023）Z123号",
            "京朝检一部刑诉(2023)Z123号",
            "京朝检一部刑诉［２０２３］Z123号",
        ];
        for f in forms {
            assert_eq!(number_key(f), number_key(forms[0]), "{f}");
        }
        let t = "以锦铁公（刑）提捕字〔2018〕21号提请批准逮捕书";
        let found: Vec<&str> = find_document_numbers(t)
            .into_iter()
            .map(|r| &t[r])
            .collect();
        assert_eq!(found, ["以锦铁公（刑）提捕字〔2018〕21号"]);
    }
}
