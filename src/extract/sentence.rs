//! Sentences in the operative part: principal penalty and term, probation, fine,
//! deprivation of political rights, confiscation, per-charge sentences, term dates.

use crate::document::{Document, Evidence};
use crate::primitives::{
    find_dates, find_money, parse_term, term_from_captures, Date, Term, TERM_RE,
};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::LazyLock;

/// Deprivation of political rights.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PoliticalRights {
    /// For a term, in months.
    Months(u32),
    /// For life (终身).
    Life,
}

/// Confiscation of property as a penalty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Confiscation {
    /// 没收个人全部财产.
    All,
    /// 没收个人财产人民币X元.
    Yuan(f64),
}

/// A sentence: what one defendant (or one charge) is given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Sentence {
    /// 有期徒刑, 拘役, 管制, 无期徒刑, 死刑, 死刑缓期二年执行, or 无 (fine only).
    pub principal: String,
    /// Term in months (years × 12 + months).
    pub term_months: Option<u32>,
    /// Term in days, when written in days.
    pub term_days: Option<u32>,
    /// Probation period in months.
    pub probation_months: Option<u32>,
    /// Fine in yuan.
    pub fine_yuan: Option<f64>,
    /// Deprivation of political rights.
    pub political_rights: Option<PoliticalRights>,
    /// Confiscation of property.
    pub confiscation: Option<Confiscation>,
    /// The text it was read from.
    pub evidence: Evidence,
}

/// The sentence for one charge of several (数罪并罚).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ChargeSentence {
    /// The charge as written.
    pub charge: String,
    /// Its sentence.
    pub sentence: Sentence,
}

static PRINCIPAL_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(r"(死刑[，,]?\s?缓期[二两]年执行|无期徒刑|死刑|有期徒刑|拘役|管制)")
});
static PROBATION_RE: LazyLock<Regex> = LazyLock::new(|| crate::pattern::re(r"缓刑"));
static FINE_RE: LazyLock<Regex> = LazyLock::new(|| crate::pattern::re(r"罚金"));
static RIGHTS_RE: LazyLock<Regex> = LazyLock::new(|| crate::pattern::re(r"剥夺政治权利\s?(终身)?"));
static CONFISCATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(r"没收(?:其)?个人(?:全部)?财产|没收(?:其)?(?:个人)?全部财产")
});
static TERM_DATES_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(r"(?:自|从)\s?([^起，。；]{6,22}?)\s?起\s?至\s?([^止，。；]{6,22}?)\s?止")
});

fn term_after(text: &str, at: usize) -> Option<(Term, Range<usize>)> {
    let rest = &text[at..];
    let trimmed = rest.trim_start();
    let off = at + (rest.len() - trimmed.len());
    let c = TERM_RE.captures(&text[off..])?;
    let m = c.get(0)?;
    if m.start() != 0 || m.is_empty() {
        return None;
    }
    Some((term_from_captures(&c)?, off..off + m.end()))
}

/// Parses the sentence in `range` (one defendant's or one charge's clause).
pub fn parse_sentence(doc: &Document, range: Range<usize>) -> Option<Sentence> {
    // Notes in brackets (刑期…, 罚金已缴纳) are not part of the sentence.
    let masked = mask_brackets(&doc.text()[range.clone()]);
    let s = masked.as_str();
    let mut principal = None;
    let mut term_months = None;
    let mut term_days = None;
    if let Some(m) = PRINCIPAL_RE.find(s) {
        let p = m.as_str();
        let name = if p.starts_with("死刑") && p.contains("缓期") {
            "死刑缓期二年执行"
        } else {
            p
        };
        principal = Some(name.to_string());
        if matches!(name, "有期徒刑" | "拘役" | "管制") {
            if let Some((t, _)) = term_after(s, m.end()) {
                match t {
                    Term::Months(mo) => term_months = Some(mo),
                    Term::Days(d) => term_days = Some(d),
                }
            }
        }
    }
    let probation_months = PROBATION_RE.find(s).and_then(|m| {
        let rest = &s[m.end()..];
        let rest_t = rest.trim_start_matches(['期', '考', '验', '限', '为', ' ']);
        parse_term_prefix(rest_t).and_then(Term::months)
    });
    let fine_yuan = FINE_RE.find(s).and_then(|m| {
        // The amount follows 罚金 within the clause: 并处罚金人民币三万元.
        let clause_end = s[m.end()..]
            .find(['；', '。', '（'])
            .map_or(s.len(), |i| m.end() + i);
        find_money(&s[m.end()..clause_end])
            .first()
            .map(|x| x.yuan.value)
    });
    let political_rights = RIGHTS_RE.captures(s).and_then(|c| {
        if c.get(1).is_some() {
            return Some(PoliticalRights::Life);
        }
        let end = c.get(0)?.end();
        term_after(s, end)
            .and_then(|(t, _)| t.months())
            .map(PoliticalRights::Months)
    });
    let confiscation = CONFISCATE_RE.find(s).map(|m| {
        let clause_end = s[m.end()..]
            .find(['；', '。', '，'])
            .map_or(s.len(), |i| m.end() + i);
        if m.as_str().contains("全部") {
            Confiscation::All
        } else {
            find_money(&s[m.end()..clause_end])
                .first()
                .map_or(Confiscation::All, |x| Confiscation::Yuan(x.yuan.value))
        }
    });
    if principal.is_none() && fine_yuan.is_some() {
        principal = Some("无".to_string());
    }
    let principal = principal?;
    Some(Sentence {
        principal,
        term_months,
        term_days,
        probation_months,
        fine_yuan,
        political_rights,
        confiscation,
        evidence: doc.evidence(range),
    })
}

/// `s` with the contents of full-width brackets blanked (same byte length, so offsets hold).
pub fn mask_brackets(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        let masked = match c {
            '（' => {
                depth += 1;
                true
            }
            '）' if depth > 0 => {
                depth -= 1;
                true
            }
            _ => depth > 0,
        };
        if masked {
            // As many blanks as the character has bytes, so that offsets stay the same.
            for _ in 0..c.len_utf8() {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn parse_term_prefix(s: &str) -> Option<Term> {
    let c = TERM_RE.captures(s)?;
    let m = c.get(0)?;
    if m.start() != 0 || m.is_empty() {
        return None;
    }
    parse_term(m.as_str())
}

/// The term's start and end dates (`即自2017年4月28日起至2017年11月27日止`) in `range`.
pub fn term_dates(doc: &Document, range: Range<usize>) -> Option<(Date, Date, Range<usize>)> {
    let text = doc.text();
    let c = TERM_DATES_RE.captures(&text[range.clone()])?;
    let start = find_dates(&c[1])
        .into_iter()
        .find(|d| d.date.is_full())?
        .date;
    let end = find_dates(&c[2])
        .into_iter()
        .find(|d| d.date.is_full())?
        .date;
    let m = c.get(0)?;
    Some((start, end, range.start + m.start()..range.start + m.end()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masking_keeps_byte_offsets_and_blanks_nested_brackets() {
        let blanks = |n: usize| " ".repeat(n);
        let cases = [
            (
                "判处有期徒刑一年（刑期自2023年1月5日起）。",
                format!("判处有期徒刑一年{}。", blanks(33)),
            ),
            ("甲（乙（丙）丁）戊）己", format!("甲{}戊）己", blanks(21))),
            ("）甲（乙", format!("）甲{}", blanks(6))),
            ("", String::new()),
        ];
        for (input, want) in cases {
            let got = mask_brackets(input);
            assert_eq!(got.len(), input.len(), "{input}");
            assert_eq!(got, want, "{input}");
        }
    }

    fn sentence(s: &str) -> Sentence {
        let doc = Document::from_text("t", s);
        parse_sentence(&doc, 0..doc.text().len()).unwrap_or_else(|| panic!("{s}"))
    }

    #[test]
    fn examples() {
        // (text, principal, months, days, probation, fine, rights, confiscation)
        type Row = (
            &'static str,
            &'static str,
            Option<u32>,
            Option<u32>,
            Option<u32>,
            Option<f64>,
            Option<PoliticalRights>,
            Option<Confiscation>,
        );
        let rows: &[Row] = &[
            (
                "判处有期徒刑七个月，并处罚金人民币三千元",
                "有期徒刑",
                Some(7),
                None,
                None,
                Some(3000.0),
                None,
                None,
            ),
            (
                "判处有期徒刑三年，缓刑四年，并处罚金人民币二万元",
                "有期徒刑",
                Some(36),
                None,
                Some(48),
                Some(20000.0),
                None,
                None,
            ),
            (
                "判处拘役十五日",
                "拘役",
                None,
                Some(15),
                None,
                None,
                None,
                None,
            ),
            (
                "判处拘役三个月，缓刑五个月，并处罚金人民币二千元",
                "拘役",
                Some(3),
                None,
                Some(5),
                Some(2000.0),
                None,
                None,
            ),
            (
                "判处罚金人民币五千元",
                "无",
                None,
                None,
                None,
                Some(5000.0),
                None,
                None,
            ),
            (
                "判处无期徒刑，剥夺政治权利终身，并处没收个人全部财产",
                "无期徒刑",
                None,
                None,
                None,
                None,
                Some(PoliticalRights::Life),
                Some(Confiscation::All),
            ),
            (
                "判处死刑，缓期二年执行，剥夺政治权利终身",
                "死刑缓期二年执行",
                None,
                None,
                None,
                None,
                Some(PoliticalRights::Life),
                None,
            ),
            (
                "判处有期徒刑十年，剥夺政治权利二年，并处没收个人财产人民币五万元",
                "有期徒刑",
                Some(120),
                None,
                None,
                None,
                Some(PoliticalRights::Months(24)),
                Some(Confiscation::Yuan(50000.0)),
            ),
            (
                "判处有期徒刑一年六个月，宣告缓刑二年",
                "有期徒刑",
                Some(18),
                None,
                Some(24),
                None,
                None,
                None,
            ),
            (
                "判处管制一年",
                "管制",
                Some(12),
                None,
                None,
                None,
                None,
                None,
            ),
        ];
        for (s, p, m, d, pr, f, r, c) in rows {
            let got = sentence(s);
            assert_eq!(
                (
                    got.principal.as_str(),
                    got.term_months,
                    got.term_days,
                    got.probation_months,
                    got.fine_yuan,
                    got.political_rights.clone(),
                    got.confiscation.clone()
                ),
                (*p, *m, *d, *pr, *f, r.clone(), c.clone()),
                "{s}"
            );
        }
    }

    #[test]
    fn term_dates_are_read() {
        let doc = Document::from_text(
            "t",
            "（刑期从判决执行之日起计算。即自2017年4月28日起至2017年11月27日止。）",
        );
        let (s, e, _) = term_dates(&doc, 0..doc.text().len()).unwrap();
        assert_eq!(
            (s.to_string(), e.to_string()),
            ("2017-04-28".into(), "2017-11-27".into())
        );
    }
}
