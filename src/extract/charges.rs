//! Charge names as written (`犯盗窃罪`, `涉嫌诈骗罪`), split where one phrase names several.

use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

static CHARGE_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(concat!(
        r"(?:犯|涉嫌|构成|以|判处|认定为?)(",
        crate::pattern::charge_chars!(),
        r"{1,40}?罪)(?:[，,。；;、\s（(）)]|$)"
    ))
});

/// A charge name found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChargeMatch {
    /// The name as written, with 罪.
    pub written: String,
    /// Byte span of the name.
    pub span: Range<usize>,
}

/// Finds charge names introduced by 犯 / 涉嫌 / 构成 / 以 in `text`.
pub fn find_charges(text: &str) -> Vec<ChargeMatch> {
    let mut out = Vec::new();
    for c in CHARGE_RE.captures_iter(text) {
        let Some(m) = c.get(1) else { continue };
        let name = m.as_str();
        // Words that end in 罪 but are not charge names.
        if [
            "无罪", "有罪", "犯罪", "数罪", "一罪", "此罪", "该罪", "本罪", "重罪", "轻罪", "前罪",
            "后罪", "新罪",
        ]
        .contains(&name)
            || name.starts_with("数罪")
            || name.ends_with("犯罪")
            || name.chars().count() < 3
        {
            continue;
        }
        out.push(ChargeMatch {
            written: name.to_string(),
            span: m.range(),
        });
    }
    out
}
