//! Masking personal data in outputs (`--redact`).
//!
//! - Names of defendants and suspects (with their aliases) and of defence counsel become
//!   placeholders in the style of published judgments: the surname kept, the given name
//!   replaced by 某 (葛永利 → 葛某). Two persons of one case sharing a surname are told apart
//!   as 某甲, 某乙 … in order of appearance; an alias takes its person's placeholder. Names are
//!   known from the extraction, so a placeholder is the same in every document of a case.
//! - Citizen ID numbers (18 or 15 characters): the first six (the region) and the last four
//!   kept, the rest replaced by `*` (`340111********2530`).
//! - Addresses after 住 / 现住 / 住址 / 户籍地 / 户籍所在地 / 暂住 / 住所地: kept up to the county
//!   level (县, 区, 旗, county-level 市), the rest replaced by `***`; an address in which no
//!   county is recognised is replaced whole.
//! - Mobile phone numbers (`1[3-9]` and nine more digits): the first three and the last four
//!   kept (`138****5678`).
//!
//! Dates, case numbers, charges, sentences and amounts are kept, so findings stay usable.
//! Persons the extraction does not name (victims, witnesses) are masked only through the
//! patterns above.

use crate::check::{CaseDocument, Content, Finding};
use crate::extract::parties::Party;
use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

/// Compound surnames (two characters) recognised when making placeholders.
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
    "夏侯", "轩辕", "令狐", "钟离", "端木", "独孤", "南宫", "西门", "百里", "呼延", "澹台", "公冶",
    "太史", "申屠", "万俟", "闻人", "赫连", "濮阳", "淳于", "单于", "司空", "拓跋",
];

/// The ordinals that tell apart persons sharing a surname.
const ORDINALS: &[&str] = &["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"];

/// One replacement: a byte range of the input and what stands there instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// The range replaced.
    pub range: Range<usize>,
    /// The replacement.
    pub with: String,
}

/// Masks the personal data of one case (or one document).
///
/// ```
/// use wenshu::report::redact::Redactor;
/// let r = Redactor::new([("葛永利".to_string(), vec![]), ("葛大勇".to_string(), vec![])]);
/// assert_eq!(
///     r.text("被告人葛永利，公民身份号码340111199104172530，住合肥市包河区骆岗街道18号，电话13912345678；被告人葛大勇"),
///     "被告人葛某甲，公民身份号码340111********2530，住合肥市包河区***，电话139****5678；被告人葛某乙"
/// );
/// ```
#[derive(Debug, Clone)]
pub struct Redactor {
    names: Vec<(String, String)>,
    automaton: Option<AhoCorasick>,
}

impl Default for Redactor {
    fn default() -> Self {
        Redactor::patterns_only()
    }
}

impl Redactor {
    /// A redactor that masks ID numbers, addresses and phone numbers but knows no names.
    pub fn patterns_only() -> Redactor {
        Redactor {
            names: Vec::new(),
            automaton: None,
        }
    }

    /// A redactor for persons given in order of appearance, each with its aliases.
    pub fn new(persons: impl IntoIterator<Item = (String, Vec<String>)>) -> Redactor {
        let mut order: Vec<(String, Vec<String>)> = Vec::new();
        for (name, aliases) in persons {
            let name = name.trim().to_string();
            if !is_name(&name) {
                continue;
            }
            match order.iter_mut().find(|(n, _)| *n == name) {
                Some((_, a)) => a.extend(aliases),
                None => order.push((name, aliases)),
            }
        }
        // Surname → the persons to mask with it (already masked names are kept as they are
        // but take part, so that 张三 next to 张某 becomes 张某甲, not a second 张某).
        let mut by_surname: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, (name, _)) in order.iter().enumerate() {
            by_surname.entry(surname(name).into()).or_default().push(i);
        }
        let mut names = Vec::new();
        for (sur, members) in &by_surname {
            let plain = members.iter().filter(|&&i| !is_masked(&order[i].0)).count();
            let taken_plain = members.iter().any(|&i| order[i].0 == format!("{sur}某"));
            let mut k = 0;
            for &i in members {
                let (name, aliases) = &order[i];
                if is_masked(name) {
                    continue;
                }
                let placeholder = if plain == 1 && !taken_plain {
                    format!("{sur}某")
                } else {
                    let p = match ORDINALS.get(k) {
                        Some(o) => format!("{sur}某{o}"),
                        None => format!("{sur}某{}", k + 1),
                    };
                    k += 1;
                    p
                };
                names.push((name.clone(), placeholder.clone()));
                for a in aliases {
                    let a = a.trim();
                    if a.chars().count() >= 2 && !is_masked(a) {
                        names.push((a.to_string(), placeholder.clone()));
                    }
                }
            }
        }
        let automaton = (!names.is_empty())
            .then(|| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(names.iter().map(|(n, _)| n.as_str()))
                    .ok()
            })
            .flatten();
        Redactor { names, automaton }
    }

    /// A redactor for the persons named in some documents (defendants, suspects, their aliases
    /// and counsel), in document order.
    pub fn for_documents<'a>(docs: impl IntoIterator<Item = &'a CaseDocument>) -> Redactor {
        let mut persons = Vec::new();
        let mut counsel = Vec::new();
        let mut party = |p: &Party, persons: &mut Vec<(String, Vec<String>)>| {
            persons.push((
                p.name.value.clone(),
                p.aliases.iter().map(|a| a.value.clone()).collect(),
            ));
            counsel.extend(p.counsel.iter().map(|c| (c.value.clone(), Vec::new())));
        };
        for d in docs {
            match &d.content {
                Content::Judgment(j) => j
                    .defendants
                    .iter()
                    .for_each(|x| party(&x.party, &mut persons)),
                Content::Indictment(i) => i
                    .defendants
                    .iter()
                    .for_each(|x| party(&x.party, &mut persons)),
                Content::Arrest(a) => {
                    for s in &a.suspects {
                        persons.push((
                            s.name.value.clone(),
                            s.aliases.iter().map(|a| a.value.clone()).collect(),
                        ));
                        if let Some(p) = &s.party {
                            party(p, &mut persons);
                        }
                    }
                }
                Content::Recommendation(r) => persons.extend(
                    r.defendants
                        .iter()
                        .map(|x| (x.name.value.clone(), Vec::new())),
                ),
                Content::Other => {}
            }
        }
        persons.extend(counsel);
        Redactor::new(persons)
    }

    /// The names masked and their placeholders.
    pub fn names(&self) -> &[(String, String)] {
        &self.names
    }

    /// The replacements that mask `s`, sorted and not overlapping.
    pub fn edits(&self, s: &str) -> Vec<Edit> {
        let mut edits = Vec::new();
        if let Some(ac) = &self.automaton {
            for m in ac.find_iter(s) {
                edits.push(Edit {
                    range: m.range(),
                    with: self.names[m.pattern().as_usize()].1.clone(),
                });
            }
        }
        digit_edits(s, &mut edits);
        address_edits(s, &mut edits);
        edits.sort_by_key(|e| (e.range.start, std::cmp::Reverse(e.range.end)));
        let mut out: Vec<Edit> = Vec::with_capacity(edits.len());
        for e in edits {
            if out.last().is_some_and(|l| e.range.start < l.range.end) {
                continue;
            }
            out.push(e);
        }
        out
    }

    /// `s` with personal data masked.
    pub fn text(&self, s: &str) -> String {
        apply(s, &self.edits(s))
    }

    /// Masks every string in a JSON value (object keys are kept). The values of `residence`
    /// and `birthplace` fields (and their quoted text) are addresses without a leading 住:
    /// they are kept to the county as well.
    pub fn value(&self, v: &mut serde_json::Value) {
        self.walk(v, false);
    }

    fn walk(&self, v: &mut serde_json::Value, address: bool) {
        use serde_json::Value;
        match v {
            Value::String(s) => {
                let mut r = self.text(s);
                if address {
                    r = mask_address(&r);
                }
                if r != *s {
                    *s = r;
                }
            }
            Value::Array(a) => a.iter_mut().for_each(|x| self.walk(x, address)),
            Value::Object(o) => {
                for (k, x) in o.iter_mut() {
                    let inner = match k.as_str() {
                        "residence" | "birthplace" => true,
                        "document" => false,
                        _ => address,
                    };
                    self.walk(x, inner);
                }
            }
            _ => {}
        }
    }

    /// A finding with its case, defendant, message and evidence masked (spans kept: they
    /// point into the original document).
    pub fn finding(&self, f: &Finding) -> Finding {
        let mut f = f.clone();
        f.case = self.text(&f.case);
        f.defendant = f.defendant.map(|d| self.text(&d));
        f.message = self.text(&f.message);
        for e in &mut f.evidence {
            e.document = self.text(&e.document);
            e.text = self.text(&e.text);
        }
        f
    }
}

/// Applies sorted, non-overlapping edits.
pub fn apply(s: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(s.len());
    let mut at = 0;
    for e in edits {
        out.push_str(&s[at..e.range.start]);
        out.push_str(&e.with);
        at = e.range.end;
    }
    out.push_str(&s[at..]);
    out
}

/// A text with personal data masked, and the way from offsets of the original to it.
#[derive(Debug, Clone)]
pub struct Masked {
    /// The masked text.
    pub text: String,
    /// `(original range, masked range)` of every replacement.
    map: Vec<(Range<usize>, Range<usize>)>,
}

impl Masked {
    /// Masks `s` with `r` (an empty redactor map when `r` is `None`: the text is kept).
    pub fn new(s: &str, r: Option<&Redactor>) -> Masked {
        let Some(r) = r else {
            return Masked {
                text: s.to_string(),
                map: Vec::new(),
            };
        };
        let edits = r.edits(s);
        let mut map = Vec::with_capacity(edits.len());
        let mut shift: isize = 0;
        for e in &edits {
            let start = (e.range.start as isize + shift) as usize;
            map.push((e.range.clone(), start..start + e.with.len()));
            shift += e.with.len() as isize - e.range.len() as isize;
        }
        Masked {
            text: apply(s, &edits),
            map,
        }
    }

    /// The masked offset of an original offset: a position inside a replaced range moves to
    /// the start of the replacement (`end == false`) or its end (`end == true`).
    pub fn offset(&self, pos: usize, end: bool) -> usize {
        let i = self.map.partition_point(|(o, _)| o.end <= pos);
        let shift = |i: usize| -> isize {
            self.map[..i]
                .last()
                .map_or(0, |(o, m)| m.end as isize - o.end as isize)
        };
        let r = match self.map.get(i) {
            Some((o, m)) if o.start < pos => {
                if end {
                    m.end
                } else {
                    m.start
                }
            }
            _ => (pos as isize + shift(i)) as usize,
        };
        let mut r = r.min(self.text.len());
        while !self.text.is_char_boundary(r) {
            r -= 1;
        }
        r
    }
}

fn is_name(s: &str) -> bool {
    let n = s.chars().count();
    (2..=12).contains(&n)
        && s.chars()
            .all(|c| crate::text::is_cjk(c) || c == '·' || c == '•')
}

fn is_masked(name: &str) -> bool {
    name.chars().skip(1).any(|c| c == '某') || name.contains('×') || name.contains('*')
}

fn surname(name: &str) -> &str {
    if name.chars().count() >= 3 {
        if let Some(c) = COMPOUND_SURNAMES.iter().find(|c| name.starts_with(**c)) {
            return c;
        }
    }
    let end = name.chars().next().map_or(0, char::len_utf8);
    &name[..end]
}

fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// ID numbers and mobile phone numbers: whole runs of digits (ASCII or full-width) of the
/// right length and shape.
fn digit_edits(s: &str, out: &mut Vec<Edit>) {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        if digit(chars[i].1).is_none() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && digit(chars[i].1).is_some() {
            i += 1;
        }
        let mut end = i;
        let x = i < chars.len() && matches!(chars[i].1, 'X' | 'x' | 'Ｘ' | 'ｘ');
        if x && end - start == 17 {
            end += 1;
            i += 1;
        }
        let n = end - start;
        let byte = |k: usize| chars.get(k).map_or(s.len(), |c| c.0);
        let keep = |from: usize, to: usize| s[byte(from)..byte(to)].to_string();
        let first = digit(chars[start].1);
        let masked = match n {
            18 | 15 if first != Some(0) => Some(format!(
                "{}{}{}",
                keep(start, start + 6),
                "*".repeat(n - 10),
                keep(end - 4, end)
            )),
            11 if first == Some(1) && digit(chars[start + 1].1).is_some_and(|d| d >= 3) => Some(
                format!("{}****{}", keep(start, start + 3), keep(end - 4, end)),
            ),
            _ => None,
        };
        if let Some(with) = masked {
            out.push(Edit {
                range: byte(start)..byte(end),
                with,
            });
        }
    }
}

static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"(?:户籍所在地|户籍地|户籍|住所地|现住址|现住|暂住地|暂住|住址|住)(?:[:：]|在|于)?([^，,。；;、\s）)（(]{2,60})",
    )
});

/// The part of an address down to the county level.
static COUNTY: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"^(?:[^省市区县]{2,7}省|[^省市区县]{2,10}自治区|北京市|天津市|上海市|重庆市)?(?:[^省市区县州盟街道镇乡村路号]{2,10}(?:自治州|地区|市|州|盟))?(?:[^省市区县旗街道镇乡村路号栋楼室小园社]{1,10}(?:自治县|县|区|旗|市))?",
    )
});

const ADDRESS_MARKS: &[char] = &[
    '省', '市', '县', '区', '镇', '乡', '村', '街', '路', '号', '巷', '弄', '栋', '楼', '室', '组',
    '旗', '州',
];

/// A bare address (no 住 before it) kept to the county level.
fn mask_address(s: &str) -> String {
    if !s.contains(ADDRESS_MARKS) {
        return s.to_string();
    }
    let keep = COUNTY.find(s).map_or(0, |m| m.end());
    if keep < s.len() && !s[keep..].starts_with("***") {
        format!("{}***", &s[..keep])
    } else {
        s.to_string()
    }
}

fn address_edits(s: &str, out: &mut Vec<Edit>) {
    for c in ADDRESS.captures_iter(s) {
        let (Some(all), Some(addr)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let before = s[..all.start()].chars().next_back();
        if before.is_some_and(|b| {
            !matches!(
                b,
                '，' | ',' | '。' | '；' | ';' | '：' | ':' | '（' | '(' | '、' | '\n' | ' ' | '　'
            )
        }) {
            continue;
        }
        let text = addr.as_str();
        if !text.contains(ADDRESS_MARKS) {
            continue;
        }
        let keep = COUNTY.find(text).map_or(0, |m| m.end());
        if keep < text.len() {
            out.push(Edit {
                range: addr.start() + keep..addr.end(),
                with: "***".into(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_keep_the_surname_and_tell_persons_apart() {
        let r = Redactor::new([
            ("韦大勇".to_string(), vec!["大勇".to_string()]),
            ("欧阳明华".to_string(), vec![]),
            ("张某".to_string(), vec![]),
            ("张三".to_string(), vec![]),
        ]);
        assert_eq!(r.text("韦大勇（绰号大勇）"), "韦某（绰号韦某）");
        assert_eq!(r.text("欧阳明华"), "欧阳某");
        assert_eq!(r.text("张某与张三"), "张某与张某甲");
    }

    #[test]
    fn addresses_are_kept_to_the_county() {
        let r = Redactor::patterns_only();
        assert_eq!(
            r.text("户籍所在地广西壮族自治区南宁市江南区，住合肥市包河区骆岗街道某小区3栋。"),
            "户籍所在地广西壮族自治区南宁市江南区，住合肥市包河区***。"
        );
        assert_eq!(r.text("，住本村五组。"), "，住***。");
        assert_eq!(r.text("，住院治疗。"), "，住院治疗。");
        assert_eq!(
            r.text("安徽省芜湖市人，现住芜湖县湾沚镇"),
            "安徽省芜湖市人，现住芜湖县***"
        );
        let mut v = serde_json::json!({"residence": {"value": "合肥市包河区骆岗街道", "evidence": {"document": "a/b街道.txt", "text": "合肥市包河区骆岗街道"}}});
        r.value(&mut v);
        assert_eq!(v["residence"]["value"], "合肥市包河区***");
        assert_eq!(v["residence"]["evidence"]["text"], "合肥市包河区***");
        assert_eq!(v["residence"]["evidence"]["document"], "a/b街道.txt");
    }

    #[test]
    fn ids_and_phones_are_masked_whole_runs_only() {
        let r = Redactor::patterns_only();
        assert_eq!(
            r.text("３４０１１１１９９１０４１７２５３Ｘ"),
            "３４０１１１********２５３Ｘ"
        );
        assert_eq!(r.text("110105491231002"), "110105*****1002");
        assert_eq!(r.text("赃款182000元，1991年"), "赃款182000元，1991年");
        assert_eq!(r.text("电话：15012345678。"), "电话：150****5678。");
        assert_eq!(r.text("123456789012"), "123456789012");
    }

    #[test]
    fn masked_offsets_follow_the_replacements() {
        let r = Redactor::new([("葛永利".to_string(), vec![])]);
        let s = "被告人葛永利，男";
        let m = Masked::new(s, Some(&r));
        assert_eq!(m.text, "被告人葛某，男");
        let at = s.find("葛永利").unwrap();
        assert_eq!(&m.text[m.offset(at, false)..m.offset(at + 9, true)], "葛某");
        assert_eq!(&m.text[m.offset(at + 9, false)..], "，男");
        assert_eq!(&m.text[..m.offset(at + 3, false)], "被告人");
        assert_eq!(&m.text[..m.offset(at + 3, true)], "被告人葛某");
    }
}
