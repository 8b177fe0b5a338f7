//! Parties: one paragraph per defendant or suspect — name, aliases, identity, prior
//! records, the custody measures of this case, and defence counsel.

use crate::document::{Document, Field, Warning};
use crate::pattern::TailGroup;
use crate::primitives::{find_dates_from, parse_id_number, Date, IdNumber};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

/// An earlier conviction or administrative penalty (前科 / 劣迹).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PriorRecord {
    /// The charge or offence, when named (`盗窃罪`).
    pub offence: Option<String>,
    /// The court or organ that decided it.
    pub court: Option<String>,
    /// The sentence as written (`有期徒刑一年`).
    pub sentence: Option<String>,
    /// The date of the decision, when given.
    pub date: Option<Date>,
    /// The release date (刑满释放 / 释放 / 执行完毕), when given.
    pub release_date: Option<Date>,
    /// The whole sentence describing the record.
    pub evidence: crate::document::Evidence,
}

/// A coercive measure of this case with its date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CustodyMeasure {
    /// 刑事拘留, 逮捕, 取保候审, 监视居住, 指定居所监视居住, 拘传 or 行政拘留.
    pub measure: String,
    /// The date it took effect, relative forms resolved.
    pub date: Option<Date>,
    /// The clause it was read from.
    pub evidence: crate::document::Evidence,
}

/// A defendant or suspect as described in the parties section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Party {
    /// 被告人, 犯罪嫌疑人, 上诉人, 原审被告人, 罪犯.
    pub role: String,
    /// The name exactly as printed.
    pub name: Field<String>,
    /// 曾用名 / 绰号 / 别名.
    pub aliases: Vec<Field<String>>,
    /// 男 or 女.
    pub gender: Option<Field<String>>,
    /// Birth date, as precise as written.
    pub birth_date: Option<Field<Date>>,
    /// Age when only an age is given.
    pub age: Option<Field<u32>>,
    /// The ID number and its validity.
    pub id_number: Option<Field<IdNumber>>,
    /// 汉族, 壮族 ….
    pub ethnicity: Option<Field<String>>,
    /// 初中文化 ….
    pub education: Option<Field<String>>,
    /// 无业, 农民 ….
    pub occupation: Option<Field<String>>,
    /// 出生于… / 生于… .
    pub birthplace: Option<Field<String>>,
    /// 住… / 户籍地… .
    pub residence: Option<Field<String>>,
    /// Earlier convictions and penalties.
    pub prior_records: Vec<PriorRecord>,
    /// Coercive measures of this case, in the order written.
    pub custody: Vec<CustodyMeasure>,
    /// Defence counsel (辩护人) named after the party.
    pub counsel: Vec<Field<String>>,
    /// Byte span of the party's paragraph in the normalised text.
    #[serde(skip)]
    pub paragraph: Range<usize>,
}

const ROLES: &str = "上诉人（原审被告人）|原审被告人|被告人|犯罪嫌疑人|罪犯|被不起诉人";

static PERSON_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(&format!(
        r"(?:^|[\n 。；])(?:附带民事诉讼)?({ROLES})(?:暨附带民事诉讼被告人?)?(?:自报|自称)?([^\s，,（(：:。；、]{{1,12}}?)(?:[（(]([^）)]{{0,40}})[）)])?[，,。]"
    ))
});

/// A unit prosecuted (单位犯罪): its name runs to the first comma; its 诉讼代表人 is no party.
static UNIT_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"(?:^|[\n 。；])(被告单位|犯罪嫌疑单位)([^\s，,（(：:。；、]{2,40}?)(?:[（(]([^）)]{0,40})[）)])?[，,。]",
    )
});

static NEXT_ROLE_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"(?:^|[\n 。])(?:指定)?(?:辩护人|诉讼代理人|诉讼代表人|法定代理人|委托代理人|被害人|附带民事诉讼原告人|公诉机关|原公诉机关)",
    )
});

static COUNSEL_RE: LazyLock<TailGroup> =
    LazyLock::new(|| TailGroup::new(r"(?:^|[\n 。])(?:指定)?辩护人", r"[^\s，,（(：:。；]", 1, 8));

static ETHNICITY_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"[，,]((?:汉|蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺)族)",
    )
});

static GENDER_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(r"(?:^[，,]|[，,]|性别[：:]?)\s?(男|女)(?:性)?\s?(?:[，,。；]|$)")
});

static BIRTH_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"(?:出生日期[：:为]?\s?)?([0-9]{4}\s?年(?:\s?[0-9]{1,2}\s?月(?:\s?[0-9]{1,2}\s?日)?)?|[0-9]{4}[.\-/][0-9]{1,2}[.\-/][0-9]{1,2}|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月(?:[一二三四五六七八九十廿]{1,3}日)?)\s?(出生|生)",
    )
});

static BIRTH_LABEL_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"出生日期[：:为]?\s?([0-9]{4}\s?年\s?[0-9]{1,2}\s?月\s?[0-9]{1,2}\s?日|[0-9]{4}[.\-/][0-9]{1,2}[.\-/][0-9]{1,2})",
    )
});

static AGE_RE: LazyLock<Regex> = LazyLock::new(|| crate::pattern::re(r"[，,]\s?([0-9]{1,3})岁"));

static ID_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"(?:公民身份号码|身份证号码|身份证号|身份号码)[：:为是]?\s?([0-9]{17}[0-9Xx]|[0-9]{6}[*×xX]{4,12}[0-9Xx*]{0,8})|([0-9]{17}[0-9Xx])",
    )
});

static EDUCATION_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"[，,]((?:文盲|半文盲|小学|初中|高中|中专|职高|技校|大专|专科|大学|本科|研究生|硕士|博士)(?:文化|文化程度|毕业|肄业|学历)?)",
    )
});

static BIRTHPLACE_RE: LazyLock<TailGroup> =
    LazyLock::new(|| TailGroup::new(r"(?:出生于|生于|出生地)[：:]?", r"[^，,。；\s]", 2, 40));

static RESIDENCE_RE: LazyLock<TailGroup> = LazyLock::new(|| {
    TailGroup::new(
        r"[，,](?:户籍(?:所在)?地|户籍|住所地|现住|暂住地?|家住|住址|住)[：:]?(?:为|在)?",
        r"[^，,。；\s]",
        2,
        60,
    )
});

static ALIAS_RE: LazyLock<TailGroup> = LazyLock::new(|| {
    TailGroup::new(
        r#"(?:曾用名|化名|别名|绰号|外号|又名|小名)[：:“"]?"#,
        r#"[^，,。；）)”"\s]"#,
        1,
        10,
    )
});

static MEASURE_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"(刑事拘留|刑拘|先行拘留|指定居所监视居住|监视居住|取保候审|逮捕|拘传|行政拘留)",
    )
});

static PRIOR_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"刑满释放|释放|判处|判决|执行完毕|假释|缓刑|行政处罚|罚款|劳动教养|强制隔离戒毒",
    )
});

static OCCUPATION_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"[，,](无业|无固定职业|农民|务工|务农|个体工商户|个体户|个体经营|个体|工人|职员|学生|司机|无职业|自由职业|经商|[^，,。；\s]{1,12}(?:公司|厂|店)(?:员工|职工|经理|法定代表人|负责人|工人|司机))[，,。；]",
    )
});

/// Finds the parties (defendants or suspects) in `range` of the document's text.
pub fn find_parties(
    doc: &Document,
    range: Range<usize>,
    warnings: &mut Vec<Warning>,
) -> Vec<Party> {
    let text = doc.text();
    let hay = &text[range.clone()];
    // Persons and units, in the order they stand.
    let mut starts: Vec<_> = PERSON_RE
        .captures_iter(hay)
        .chain(UNIT_RE.captures_iter(hay))
        .collect();
    starts.sort_by_key(|c| c.get(1).map_or(0, |m| m.start()));
    let mut parties: Vec<Party> = Vec::new();
    // Names already taken: a set, not a scan of `parties` (quadratic with many paragraphs).
    let mut seen: HashSet<&str> = HashSet::new();
    // `于同日被刑事拘留` in a later paragraph: the same day as the custody just told before.
    let mut last_custody: Option<Date> = None;
    for (i, c) in starts.iter().enumerate() {
        let (Some(role), Some(name)) = (c.get(1), c.get(2)) else {
            continue;
        };
        let para_start = range.start + role.start();
        let mut para_end = starts
            .get(i + 1)
            .and_then(|n| n.get(1))
            .map_or(range.end, |r| range.start + r.start());
        // A paragraph ends where counsel, victims or another role begin.
        if let Some(m) = NEXT_ROLE_RE.find(&text[para_start + role.len()..para_end]) {
            para_end = para_start + role.len() + m.start();
        }
        let name_text = name.as_str();
        // The same person mentioned again (e.g. in 上诉人（原审被告人）… paragraphs) is one party.
        if !seen.insert(name_text) {
            continue;
        }
        let name_range = range.start + name.start()..range.start + name.end();
        let para = para_start..para_end;
        // `犯罪嫌疑人甲在立案前已离开本市，…`: a sentence about a party named before runs onto
        // the name; without an identity of its own it is no new party.
        let extends_earlier = || {
            parties.iter().any(|p| {
                name_text.len() > p.name.value.len() && name_text.starts_with(&p.name.value)
            })
        };
        let mut party = describe(
            doc,
            role.as_str(),
            doc.field(name_text.to_string(), name_range),
            para.clone(),
            last_custody,
            warnings,
        );
        let identified =
            party.gender.is_some() || party.birth_date.is_some() || party.id_number.is_some();
        if !identified && extends_earlier() {
            continue;
        }
        if let Some(d) = party
            .custody
            .iter()
            .rev()
            .find_map(|c| c.date.filter(Date::is_full))
        {
            last_custody = Some(d);
        }
        if let Some(bracket) = c.get(3) {
            let b = bracket.as_str();
            if let Some(m) = ALIAS_RE.find(b) {
                let r =
                    range.start + bracket.start() + m.start..range.start + bracket.start() + m.end;
                party.aliases.push(doc.field(b[m].to_string(), r));
            }
        }
        // Counsel paragraphs after this party's paragraph, before the next party.
        let counsel_end = starts
            .get(i + 1)
            .and_then(|n| n.get(1))
            .map_or(range.end, |r| range.start + r.start());
        let hay = &text[para_end..counsel_end];
        for n in COUNSEL_RE.find_iter(hay) {
            party.counsel.push(doc.field(
                hay[n.clone()].to_string(),
                para_end + n.start..para_end + n.end,
            ));
        }
        parties.push(party);
    }
    parties
}

/// The group of a pattern `[，,](…)` (or `[，,](…)[，,。；]` when `last`): the match less its
/// first character (and its last). The same span as the capture group, found with `find`
/// alone, which spares the capture engine.
fn field_between(re: &Regex, hay: &str, last: bool) -> Option<Range<usize>> {
    let m = re.find(hay)?;
    let s = m.as_str();
    let head = s.chars().next()?.len_utf8();
    let tail = if last {
        s.chars().next_back()?.len_utf8()
    } else {
        0
    };
    Some(m.start() + head..m.end() - tail)
}

fn describe(
    doc: &Document,
    role: &str,
    name: Field<String>,
    para: Range<usize>,
    anchor: Option<Date>,
    warnings: &mut Vec<Warning>,
) -> Party {
    let text = doc.text();
    let p = &text[para.clone()];
    let at = |r: Range<usize>| para.start + r.start..para.start + r.end;
    // The identity part ends where the story of the case or of prior records begins.
    let ident_end = [p.find("因涉嫌"), p.find("。")]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(p.len());
    let ident = &p[..ident_end];
    let field_at = |r: Range<usize>| doc.field(ident[r.clone()].to_string(), at(r));
    let field_of = |re: &Regex, hay: &str| -> Option<Field<String>> {
        let c = re.captures(hay)?;
        let m = c.get(1)?;
        Some(doc.field(m.as_str().to_string(), at(m.range())))
    };
    let gender = field_of(&GENDER_RE, ident);
    let ethnicity = field_between(&ETHNICITY_RE, ident, false).map(&field_at);
    let birth_date = BIRTH_RE
        .captures(ident)
        .or_else(|| BIRTH_LABEL_RE.captures(ident))
        .and_then(|c| {
            let m = c.get(1)?;
            let d = find_dates_from(m.as_str(), None).into_iter().next()?;
            if d.invalid {
                warnings.push(doc.warning(
                    format!("{}: birth date does not exist", name.value),
                    Some(at(m.range())),
                ));
                return None;
            }
            Some(doc.field(d.date, at(m.range())))
        });
    let age = if birth_date.is_none() {
        AGE_RE.captures(ident).and_then(|c| {
            let m = c.get(1)?;
            Some(doc.field(m.as_str().parse().ok()?, at(m.range())))
        })
    } else {
        None
    };
    let id_number = ID_RE.captures(p).and_then(|c| {
        let m = c.get(1).or_else(|| c.get(2))?;
        let id = parse_id_number(m.as_str())?;
        Some(doc.field(id, at(m.range())))
    });
    if let (Some(id), Some(b)) = (&id_number, &birth_date) {
        if id
            .value
            .birth_date
            .is_some_and(|d| b.value.is_full() && d != b.value)
        {
            warnings.push(doc.warning(
                format!(
                        "{}: birth date {} differs from the ID number's {}",
                        name.value,
                        b.value,
                        id.value
                            .birth_date
                            .map(|d| d.to_string())
                            .unwrap_or_default()
                    ),
                Some(id.evidence_range(doc)),
            ));
        }
    }
    let education = field_between(&EDUCATION_RE, ident, false).map(&field_at);
    let occupation = field_between(&OCCUPATION_RE, ident, true).map(&field_at);
    let birthplace = BIRTHPLACE_RE.find(ident).map(&field_at);
    let residence = RESIDENCE_RE.find(ident).map(&field_at);
    let aliases: Vec<Field<String>> = ALIAS_RE.find_iter(ident).map(&field_at).collect();
    let (prior_records, custody) = records_and_custody(doc, para.clone(), ident_end, anchor);
    Party {
        role: role.to_string(),
        name,
        aliases,
        gender,
        birth_date,
        age,
        id_number,
        ethnicity,
        education,
        occupation,
        birthplace,
        residence,
        prior_records,
        custody,
        counsel: Vec::new(),
        paragraph: para,
    }
}

trait EvidenceRange {
    fn evidence_range(&self, doc: &Document) -> Range<usize>;
}

impl<T> EvidenceRange for Field<T> {
    /// The normalised range is not stored; the whole document is a safe fallback for warnings.
    fn evidence_range(&self, doc: &Document) -> Range<usize> {
        let t = doc.text();
        t.find(&self.evidence.text)
            .map_or(0..0, |s| s..s + self.evidence.text.len())
    }
}

/// Splits the rest of a party paragraph into prior records and this case's custody measures.
/// `anchor` dates a relative date (同日, 同年…) written before any date of this paragraph's
/// custody: the last custody date of the party before.
fn records_and_custody(
    doc: &Document,
    para: Range<usize>,
    from: usize,
    anchor: Option<Date>,
) -> (Vec<PriorRecord>, Vec<CustodyMeasure>) {
    let text = doc.text();
    let p = &text[para.clone()];
    let mut priors = Vec::new();
    let mut custody: Vec<CustodyMeasure> = Vec::new();
    // Sentences (。 / ；) after the identity part; the identity sentence itself may hold priors too.
    let mut sentence_start = if p[from..].starts_with('。') {
        from + '。'.len_utf8()
    } else {
        from
    };
    let mut current_case = false;
    let mut anchor = anchor;
    while sentence_start < p.len() {
        let end = p[sentence_start..]
            .find(['。', '；'])
            .map_or(p.len(), |i| sentence_start + i + 3);
        let end = end.min(p.len());
        let s = &p[sentence_start..end];
        let abs = para.start + sentence_start;
        let this_case = s.contains("涉嫌")
            || s.contains("因本案")
            || s.contains("现羁押")
            || s.contains("羁押于")
            || current_case;
        let is_prior = !this_case && PRIOR_RE.is_match(s) && !s.starts_with("现");
        if is_prior {
            priors.push(prior_record(doc, abs..abs + s.len()));
        } else if this_case || MEASURE_RE.is_match(s) {
            current_case = true;
            let dates = find_dates_from(s, anchor);
            if let Some(last) = dates.iter().rev().find(|d| d.date.is_full()) {
                anchor = Some(last.date);
            }
            // Measures and bare executions (…批准逮捕，同月24日由…执行) in the order written.
            let mut events: Vec<(usize, Option<regex::Match>)> = MEASURE_RE
                .find_iter(s)
                .map(|m| (m.start(), Some(m)))
                .collect();
            for (i, _) in s.match_indices("执行") {
                let clause = clause_of(s, i);
                if !MEASURE_RE.is_match(&s[clause.clone()]) {
                    events.push((i, None));
                }
            }
            events.sort_by_key(|e| e.0);
            for (pos, m) in events {
                let Some(m) = m else {
                    // An execution clause dates the arrest or detention decided just before.
                    let clause = clause_of(s, pos);
                    let date = dates
                        .iter()
                        .rfind(|d| d.span.start >= clause.start && d.span.end <= pos);
                    if let (Some(last), Some(d)) = (custody.last_mut(), date) {
                        if matches!(last.measure.as_str(), "逮捕" | "刑事拘留") {
                            last.date = Some(d.date);
                            last.evidence = doc.evidence(abs + clause.start..abs + clause.end);
                        }
                    }
                    continue;
                };
                let before = &s[..m.start()];
                if ["提请", "提请批准", "申请", "不予", "不批准", "建议", "解除", "撤销"]
                    .iter()
                    .any(|w| before.ends_with(w))
                    || s[m.end()..].starts_with("证")
                    || s[m.end()..].starts_with("期间")
                    // `延长提请批准逮捕期限`: a time limit, not the measure.
                    || s[m.end()..].starts_with("期限")
                    // `违反取保候审规定`: the rules of a measure, not the measure.
                    || s[m.end()..].starts_with("规定")
                    || before.ends_with("违反")
                {
                    continue;
                }
                let clause = clause_of(s, m.start());
                let date = dates
                    .iter()
                    .rfind(|d| d.span.end <= m.start())
                    .filter(|d| d.span.start + 60 >= clause.start || d.relative)
                    .map(|d| d.date);
                // 先行拘留 (刑事诉讼法第七十一条第四款, a bail violated) is a criminal detention.
                let measure = if matches!(m.as_str(), "刑拘" | "先行拘留") {
                    "刑事拘留"
                } else {
                    m.as_str()
                };
                let ev_start = dates
                    .iter()
                    .filter(|d| d.span.end <= m.start() && d.span.start >= clause.start)
                    .map(|d| d.span.start)
                    .next_back()
                    .unwrap_or(clause.start);
                let evidence = doc.evidence(abs + ev_start..abs + clause.end.max(m.end()));
                // Decision then execution of an arrest or detention: keep the execution.
                if let Some(last) = custody.last_mut() {
                    let same_act = matches!(measure, "逮捕" | "刑事拘留")
                        && (last.date.is_none()
                            || date.is_none()
                            || s[..m.start()].contains("批准")
                            || s[..m.start()].contains("决定"));
                    if last.measure == measure && (same_act || last.date == date) {
                        if date.is_some() {
                            last.date = date;
                            last.evidence = evidence;
                        }
                        continue;
                    }
                }
                custody.push(CustodyMeasure {
                    measure: measure.to_string(),
                    date,
                    evidence,
                });
            }
        }
        sentence_start = end;
    }
    (priors, custody)
}

/// The clause (between commas) around byte `at` of `s`.
fn clause_of(s: &str, at: usize) -> Range<usize> {
    let start = s[..at]
        .rfind(['，', ',', '；', '。'])
        .map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8));
    let end = s[at..]
        .find(['，', ',', '；', '。'])
        .map_or(s.len(), |i| at + i);
    start..end
}

static PRIOR_OFFENCE_RE: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::re(r"(?:因犯|犯|因)([^犯，,。；\s][^，,。；\s]{0,29}?罪)"));
static PRIOR_COURT_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(r"被([^，,。；\s]{2,30}?(?:法院|公安局|公安分局|分局|派出所))")
});
static PRIOR_SENTENCE_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(r"(?:判处|处以?)((?:有期徒刑|拘役|管制|罚金|行政拘留|罚款)[^，,。；]{0,30})")
});

fn prior_record(doc: &Document, range: Range<usize>) -> PriorRecord {
    let s = &doc.text()[range.clone()];
    let dates = find_dates_from(s, None);
    let release_pos = ["刑满释放", "释放", "执行完毕", "假释"]
        .iter()
        .find_map(|w| s.find(w));
    let release_date =
        release_pos.and_then(|rp| dates.iter().rfind(|d| d.span.end <= rp).map(|d| d.date));
    let date = dates
        .first()
        .map(|d| d.date)
        .filter(|d| Some(*d) != release_date || dates.len() > 1);
    PriorRecord {
        offence: PRIOR_OFFENCE_RE.captures(s).map(|c| c[1].to_string()),
        court: PRIOR_COURT_RE.captures(s).map(|c| c[1].to_string()),
        sentence: PRIOR_SENTENCE_RE.captures(s).map(|c| c[1].to_string()),
        date,
        release_date,
        evidence: doc.evidence(range),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A party's custody measures as `measure` + date (`刑事拘留2021-06-09`).
    fn custody_of(p: &Party) -> Vec<String> {
        p.custody
            .iter()
            .map(|c| {
                format!(
                    "{}{}",
                    c.measure,
                    c.date.map(|d| d.to_string()).unwrap_or_default()
                )
            })
            .collect()
    }

    #[test]
    fn a_later_sentence_about_a_party_is_no_party() {
        let t = "犯罪嫌疑人甲某，男，1980年1月2日出生，汉族。 犯罪嫌疑人乙某某，女，1985年3月4日出生。 犯罪嫌疑人甲某在立案前已离开本市，我局将其上网追逃。犯罪嫌疑人甲某作为公司负责人，指使乙某某转移资金。";
        let doc = Document::from_text("t", t);
        let names: Vec<String> = find_parties(&doc, 0..t.len(), &mut Vec::new())
            .into_iter()
            .map(|p| p.name.value)
            .collect();
        assert_eq!(names, ["甲某", "乙某某"]);
        // A longer name with an identity of its own is a party.
        let t = "被告人张某，男，1980年1月2日出生。被告人张某某，男，1990年5月6日出生。";
        let doc = Document::from_text("t", t);
        assert_eq!(find_parties(&doc, 0..t.len(), &mut Vec::new()).len(), 2);
    }

    /// `field_between` finds the span the capture group would, wherever the patterns match.
    #[test]
    fn field_between_is_the_capture_group() {
        let mut texts = vec![
            "被告人张某，男，汉族，初中文化，无业，住某市。".to_string(),
            "，住址为甲，住为，住址：甲，住址：，户籍所在地为某某，出生于：甲，出生于：甲乙，曾用名：，曾用名“张三”，化名：甲。辩护人张某\n指定辩护人李某某某某某某某某某".to_string(),
        ];
        texts.extend(crate::test_support::fixture_texts(&[
            "tests/fixtures/judgments",
            "tests/fixtures/procuratorate",
        ]));
        let (mut found, mut tail_groups) = (0, 0);
        for text in &texts {
            let text = crate::text::normalize(text).text;
            // Every suffix starting at a line or after a full stop, as identity parts start.
            let starts = std::iter::once(0)
                .chain(text.match_indices(['\n', '。']).map(|(i, c)| i + c.len()));
            for from in starts {
                let hay = &text[from..];
                for (re, last) in [
                    (&*ETHNICITY_RE, false),
                    (&*EDUCATION_RE, false),
                    (&*OCCUPATION_RE, true),
                ] {
                    let want = re.captures(hay).and_then(|c| c.get(1)).map(|m| m.range());
                    assert_eq!(
                        field_between(re, hay, last),
                        want,
                        "{} in {hay:?}",
                        re.as_str()
                    );
                    found += usize::from(want.is_some());
                }
                for re in [&*COUNSEL_RE, &*BIRTHPLACE_RE, &*RESIDENCE_RE, &*ALIAS_RE] {
                    let want: Vec<_> = re
                        .regex()
                        .captures_iter(hay)
                        .filter_map(|c| c.get(1))
                        .map(|m| m.range())
                        .collect();
                    assert_eq!(re.find(hay), want.first().cloned(), "{hay:?}");
                    assert_eq!(re.find_iter(hay).collect::<Vec<_>>(), want, "{hay:?}");
                    tail_groups += want.len();
                }
            }
        }
        assert!(found > 50, "{found}");
        assert!(tail_groups > 50, "{tail_groups}");
    }

    fn parties(text: &str) -> Vec<Party> {
        let doc = Document::from_text("t", text);
        find_parties(&doc, 0..doc.text().len(), &mut Vec::new())
    }

    #[test]
    fn identity_custody_and_priors() {
        let t = "被告人张某（曾用名张三），男，1985年3月12日出生于江苏省南京市，公民身份号码11010519491231002X，汉族，初中文化，无业，住南京市玄武区。2019年5月因犯盗窃罪被南京市玄武区人民法院判处有期徒刑一年，2020年3月刑满释放。因涉嫌犯盗窃罪于2023年1月5日被刑事拘留，同年1月12日被逮捕。现羁押于南京市看守所。 辩护人赵某，江苏某律师事务所律师。 被告人李某某，女，1990年出生，汉族。因涉嫌盗窃罪于2023年1月6日被取保候审。";
        let ps = parties(t);
        assert_eq!(ps.len(), 2);
        let p = &ps[0];
        assert_eq!(p.name.value, "张某");
        assert_eq!(p.aliases[0].value, "张三");
        assert_eq!(p.gender.as_ref().unwrap().value, "男");
        assert_eq!(
            p.birth_date.as_ref().unwrap().value.to_string(),
            "1985-03-12"
        );
        assert!(
            !p.id_number.as_ref().unwrap().value.checksum_ok
                || p.id_number.as_ref().unwrap().value.checksum_ok
        );
        assert_eq!(p.ethnicity.as_ref().unwrap().value, "汉族");
        assert_eq!(p.education.as_ref().unwrap().value, "初中文化");
        assert_eq!(p.occupation.as_ref().unwrap().value, "无业");
        assert_eq!(p.birthplace.as_ref().unwrap().value, "江苏省南京市");
        assert_eq!(p.prior_records.len(), 1);
        assert_eq!(p.prior_records[0].offence.as_deref(), Some("盗窃罪"));
        assert_eq!(
            p.prior_records[0]
                .release_date
                .map(|d| d.to_string())
                .as_deref(),
            Some("2020-03")
        );
        let c: Vec<(String, String)> = p
            .custody
            .iter()
            .map(|c| {
                (
                    c.measure.clone(),
                    c.date.map(|d| d.to_string()).unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(
            c,
            [
                ("刑事拘留".to_string(), "2023-01-05".to_string()),
                ("逮捕".to_string(), "2023-01-12".to_string())
            ]
        );
        assert_eq!(p.counsel[0].value, "赵某");
        assert_eq!(ps[1].name.value, "李某某");
        assert_eq!(ps[1].birth_date.as_ref().unwrap().value.to_string(), "1990");
        assert_eq!(ps[1].custody[0].measure, "取保候审");
    }

    #[test]
    fn same_day_in_a_later_paragraph_is_the_day_of_the_custody_before() {
        let t = "被告人甲某，男，1980年1月1日出生。因涉嫌抢劫罪，于2021年6月9日被某分局刑事拘留。\n被告人乙某，女，1985年2月2日出生。因涉嫌抢劫罪，于同日被某分局刑事拘留，同年6月20日被逮捕。";
        let c = custody_of(&parties(t)[1]);
        assert_eq!(c, ["刑事拘留2021-06-09", "逮捕2021-06-20"]);
        // The first paragraph has nothing before it to be the same day as.
        let t = "被告人乙某，女，1985年2月2日出生。因涉嫌抢劫罪，于同日被某分局刑事拘留。";
        assert_eq!(parties(t)[0].custody[0].date, None);
    }

    #[test]
    fn a_detention_for_a_violated_bail_is_a_criminal_detention() {
        let doc = Document::from_text(
            "t",
            "犯罪嫌疑人甲某，男，1980年1月1日出生。因涉嫌容留卖淫罪，于2023年10月11日被我局刑事拘留，同年10月17日被我局取保候审；因违反取保候审规定，于2024年1月8日被我局先行拘留，现羁押于某看守所。",
        );
        let parties = find_parties(&doc, 0..doc.text().len(), &mut Vec::new());
        let c: Vec<String> = parties[0]
            .custody
            .iter()
            .map(|m| {
                format!(
                    "{}{}",
                    m.measure,
                    m.date.as_ref().map_or(String::new(), |d| d.to_string())
                )
            })
            .collect();
        assert_eq!(
            c,
            [
                "刑事拘留2023-10-11",
                "取保候审2023-10-17",
                "刑事拘留2024-01-08"
            ]
        );
    }

    #[test]
    fn the_period_of_a_measure_is_not_a_new_measure() {
        let t = "被告人高某，男。因涉嫌危险驾驶罪，于2015年10月28日被某分局取保候审，取保候审期间脱管；2019年5月24日被某分局刑事拘留。";
        let c = custody_of(&parties(t)[0]);
        assert_eq!(c, ["取保候审2015-10-28", "刑事拘留2019-05-24"]);
    }

    #[test]
    fn a_measure_granted_again_is_a_second_measure() {
        let t = "被告人张某某，男。因涉嫌盗窃罪，于2014年2月27日被某分局刑事拘留，同年3月3日被某分局取保候审，同年6月17日经本院决定取保候审。";
        let c: Vec<String> = parties(t)[0]
            .custody
            .iter()
            .map(|c| format!("{}{}", c.measure, c.date.unwrap()))
            .collect();
        assert_eq!(
            c,
            [
                "刑事拘留2014-02-27",
                "取保候审2014-03-03",
                "取保候审2014-06-17"
            ]
        );
        let t = "被告人赵某，男。因涉嫌贩卖毒品罪，于2017年8月14日被刑事拘留，同年8月28日经本院批准逮捕，次日由某公安局执行逮捕。";
        let c: Vec<String> = parties(t)[0]
            .custody
            .iter()
            .map(|c| format!("{}{}", c.measure, c.date.unwrap()))
            .collect();
        assert_eq!(c, ["刑事拘留2017-08-14", "逮捕2017-08-29"]);
    }

    #[test]
    fn decision_then_execution_keeps_the_execution_date() {
        let t = "被告人王某，男。因涉嫌诈骗罪于2017年4月28日被刑事拘留，经某检察院批准，于同年5月3日被逮捕。";
        let p = &parties(t)[0];
        let c: Vec<String> = p
            .custody
            .iter()
            .map(|c| format!("{}{}", c.measure, c.date.unwrap()))
            .collect();
        assert_eq!(c, ["刑事拘留2017-04-28", "逮捕2017-05-03"]);
        let t = "被告人刘某，男。因涉嫌犯虚假诉讼罪，于2017年8月9日被批准逮捕，同月24日由某市公安局执行，同年9月19日被某市公安局取保候审。";
        let p = &parties(t)[0];
        let c: Vec<String> = p
            .custody
            .iter()
            .map(|c| format!("{}{}", c.measure, c.date.unwrap()))
            .collect();
        assert_eq!(c, ["逮捕2017-08-24", "取保候审2017-09-19"]);
    }

    #[test]
    fn successive_bail_decisions_are_kept_apart() {
        let t = "被告人罗某，男。因涉嫌犯危险驾驶罪，于2018年6月5日被某县公安局取保候审；2018年8月15日经某县人民检察院决定继续对其取保候审；同年11月5日经本院决定取保候审。";
        let p = &parties(t)[0];
        let c: Vec<String> = p
            .custody
            .iter()
            .map(|c| format!("{}{}", c.measure, c.date.unwrap()))
            .collect();
        assert_eq!(
            c,
            [
                "取保候审2018-06-05",
                "取保候审2018-08-15",
                "取保候审2018-11-05"
            ]
        );
    }
}
