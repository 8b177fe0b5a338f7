//! Arrest documents: the procuratorate's 批准逮捕决定书, 逮捕决定书 and 不批准逮捕决定书, and
//! the police's 提请批准逮捕书 — organ, number, date, the request answered, the suspects with
//! their identity and suspected charge, the legal basis, and the reasons for a refusal.
//!
//! ```
//! use wenshu::docs::arrest::extract_arrest;
//! use wenshu::{DocType, Document};
//! let doc = Document::from_text("a.txt", "某市某区人民检察院\n批准逮捕决定书\n某检刑批捕〔2023〕45号\n\
//!     某市公安局某分局：\n你局于2023年1月9日以某公（刑）提捕字〔2023〕12号提请批准逮捕书提请批准逮捕犯罪嫌疑人张某，\
//!     经本院审查认为，该犯罪嫌疑人涉嫌盗窃罪，符合《中华人民共和国刑事诉讼法》第八十一条规定的逮捕条件，\
//!     决定批准逮捕犯罪嫌疑人张某（性别男，出生日期1985年3月12日）。请依法立即执行。\n2023年1月12日\n（院印）");
//! let a = extract_arrest(&doc, DocType::ArrestApproval);
//! assert_eq!(a.requesting_agency.as_ref().unwrap().value, "某市公安局某分局");
//! assert_eq!(a.request_number.as_ref().unwrap().value, "某公（刑）提捕字〔2023〕12号");
//! let s = &a.suspects[0];
//! assert_eq!(s.name.value, "张某");
//! assert_eq!(s.birth_date.as_ref().unwrap().value.to_string(), "1985-03-12");
//! assert_eq!(s.charge.as_ref().unwrap().value, "盗窃罪");
//! assert_eq!(a.legal_basis[0].value.article, "81");
//! ```

use super::indictment::{is_person_name, read_header, split_charges_at, Charge, SUSPECT_CHARGE_RE};
use crate::classify::DocType;
use crate::document::{Document, Field, Warning};
use crate::extract::parties::{find_parties, Party};
use crate::primitives::{find_articles, find_dates, parse_id_number, parse_int, Date, IdNumber};
use crate::segment::{segment, SectionKind, Sections};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::LazyLock;

/// A suspect named in an arrest document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Suspect {
    /// The name as printed.
    pub name: Field<String>,
    /// 曾用名 / 又名 / 绰号.
    pub aliases: Vec<Field<String>>,
    /// 男 or 女.
    pub gender: Option<Field<String>>,
    /// Birth date, as precise as written.
    pub birth_date: Option<Field<Date>>,
    /// ID number and its validity.
    pub id_number: Option<Field<IdNumber>>,
    /// Ethnicity, when given.
    pub ethnicity: Option<Field<String>>,
    /// The suspected charge(s) exactly as written (`强奸罪、抢劫罪`).
    pub charge: Option<Field<String>>,
    /// The same, one per charge.
    pub charges: Vec<Charge>,
    /// The whole party paragraph, for requests (提请批准逮捕书) that have one.
    pub party: Option<Party>,
}

impl Suspect {
    /// A suspect known so far by name alone.
    fn named(name: Field<String>) -> Suspect {
        Suspect {
            name,
            aliases: Vec::new(),
            gender: None,
            birth_date: None,
            id_number: None,
            ethnicity: None,
            charge: None,
            charges: Vec::new(),
            party: None,
        }
    }
}

/// An article cited as legal basis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CitedArticle {
    /// `刑事诉讼法`, `刑法`, or the title as written for other laws.
    pub law: String,
    /// The article number (`81`, `133之一`).
    pub article: String,
}

/// An arrest document, extracted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ArrestDocument {
    /// Which of the four arrest documents.
    pub kind: DocType,
    /// The issuing organ in the header: a procuratorate, or the police for a request.
    pub organ: Option<Field<String>>,
    /// The document number exactly as printed.
    pub number: Option<Field<String>>,
    /// The signature date.
    pub date: Option<Field<Date>>,
    /// The organ addressed (`××公安局××分局：` or 此致 …).
    pub addressee: Option<Field<String>>,
    /// The police organ that requested the arrest.
    pub requesting_agency: Option<Field<String>>,
    /// The number of its request (`以…号提请批准逮捕书`), as printed.
    pub request_number: Option<Field<String>>,
    /// The date of the request.
    pub request_date: Option<Field<Date>>,
    /// The police organ that is to execute the decision (the addressee of a decision).
    pub executing_agency: Option<Field<String>>,
    /// The suspects the document decides on (or asks about).
    pub suspects: Vec<Suspect>,
    /// Articles cited, in order, without duplicates (`刑事诉讼法` 81, `刑法` 264 …).
    pub legal_basis: Vec<Field<CitedArticle>>,
    /// For a refusal: the reasons after `认为`, as written.
    pub refusal_reasons: Option<Field<String>>,
    /// For a refusal: the grounds the reasons amount to — `不构成犯罪`, `证据不足` or
    /// `无社会危险性` (no need of arrest).
    pub refusal_grounds: Vec<Field<String>>,
    /// Problems noticed.
    pub warnings: Vec<Warning>,
}

static ADDRESSEE_AT: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(r"^\s*([^\s：:，,。；]{2,40}?(?:局|厅|处|所|院|分局|委员会|署|队))[：:]")
});

static REQUEST_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"(?:以|你分局|你局|你厅|你处|你单位|你所|你支队|你大队)\s?([^\s，,。；以]{2,40}?号)\s?《?提请(?:批准)?逮捕(?:书|意见书)",
    )
});

/// A person other than the suspects, written with 某 (`李某某`, `王某甲`), ending a clause.
static OTHER_PERSON_RE: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::re(r"\p{Han}某(?:某|[甲乙丙丁])?$"));

static REQUEST_AFTER_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(r"提请(?:批准)?逮捕(?:书|意见书)》?[（(]([^\s，,。；]{2,40}?号)[）)]")
});

static DECISION_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"决定[，,]?(?:不予?)?(?:批准)?(?:逮捕)?(?:对)?(?:涉嫌[^，。；]{2,40}?的)?(?:犯罪嫌疑人)?|(?:提请)?批准逮捕(?:的)?犯罪嫌疑人|逮捕犯罪嫌疑人",
    )
});

/// The measure decided, right after the suspect's name (`决定对犯罪嫌疑人张某予以逮捕`,
/// `…执行逮捕`, `…监视居住`): where the name ends.
static MEASURE_AT: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"^(?:予以|执行|依法|采取|变更为?)?(?:逮捕|监视居住|指定居所监视居住|取保候审|刑事拘留|拘留)",
    )
});

static REASON_RE: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::re(r"审查认为[，,：:]?|本院认为[，,：:]?"));

/// Where the reasons end: the procedural basis of the decision, or the decision itself. The
/// reasons may run over several sentences and cite 刑法 on the way (`依照《刑法》第二十条…，
/// 其行为不构成犯罪`).
static REASON_END_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"[，,；。]?\s?(?:根据|依照|依据|按照)《(?:中华人民共和国)?刑事诉讼法》|[，,；。]?\s?(?:现|故|据此|因此)?[，,]?决定不(?:予)?批准逮捕",
    )
});

/// The end of the reasons when neither basis nor decision follows: the first full stop.
static REASON_STOP_RE: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::re(r"[，,；]?\s?(?:根据|依照|依据|按照)《|。"));

static GENDER_TOKEN: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::re(r"^(?:性别[：:]?\s?)?(男|女)(?:性)?$"));

static ID_TOKEN: LazyLock<Regex> = LazyLock::new(|| crate::pattern::re(r"[0-9]{17}[0-9Xx]"));

static ALIAS_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(r"^(?:曾用名|化名|别名|绰号|外号|又名|小名)[：:]?(.{1,10})$")
});

static ETHNICITY_TOKEN: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::re(r"^(?:民族[：:]?)?([\p{Han}]{1,4}族)$"));

/// Extracts an arrest document of the given kind (see [`crate::classify`]).
pub fn extract_arrest(doc: &Document, kind: DocType) -> ArrestDocument {
    let text = doc.text();
    let mut warnings = Vec::new();
    if !kind.is_arrest() {
        warnings.push(doc.warning(format!("{} is not an arrest document", kind.name()), None));
    }
    let header = read_header(doc);
    warnings.extend(header.warnings.iter().cloned());
    let sections = segment(text, kind);
    let body_start = header.body_start.min(text.len());
    let body_end = sections
        .get(SectionKind::Appendix)
        .map_or(text.len(), |r| r.start)
        .max(body_start);
    let body = body_start..body_end;
    let mut out = ArrestDocument {
        kind,
        organ: header.organ,
        number: header.number,
        date: header.date,
        addressee: None,
        requesting_agency: None,
        request_number: None,
        request_date: None,
        executing_agency: None,
        suspects: Vec::new(),
        legal_basis: legal_basis(doc, basis_range(text, &sections, body.clone())),
        refusal_reasons: None,
        refusal_grounds: Vec::new(),
        warnings: Vec::new(),
    };
    if kind == DocType::ArrestRequest {
        // The request is the document itself.
        out.addressee = header.addressee;
        out.requesting_agency = out.organ.clone();
        out.request_number = out.number.clone();
        out.request_date = out.date.clone();
        out.suspects = request_suspects(doc, &sections, body.clone(), &mut warnings);
    } else {
        if let Some(c) = ADDRESSEE_AT.captures(&text[body.clone()]) {
            if let Some(m) = c.get(1) {
                out.addressee = Some(doc.field(
                    m.as_str().to_string(),
                    body.start + m.start()..body.start + m.end(),
                ));
            }
        }
        // `你局…号提请批准逮捕书`, or the number in brackets after it
        // (`你局2024年3月14日提请批准逮捕书（某公（刑）提捕字〔2024〕156号）收悉`).
        let request = REQUEST_RE
            .captures(&text[body.clone()])
            .or_else(|| REQUEST_AFTER_RE.captures(&text[body.clone()]));
        if let Some(c) = request {
            if let Some(m) = c.get(1) {
                let mut r = body.start + m.start()..body.start + m.end();
                // `你局２０２１年９月６日乌公…号提请批准逮捕书`: the date of the request runs
                // into its number.
                if let Some(d) = find_dates(m.as_str()).first().filter(|d| d.span.start == 0) {
                    r.start += d.span.end;
                }
                let printed = doc.evidence(r.clone()).text.trim().to_string();
                out.request_date = request_date(doc, body.start, r.start, &mut warnings);
                out.request_number = Some(doc.field(printed, r));
                // Whoever is addressed made the request.
                out.requesting_agency = out.addressee.clone();
            }
        }
        // A decision goes to the police organ that executes it (or releases the suspect).
        out.executing_agency = out.addressee.clone();
        out.suspects = decision_suspects(doc, body.clone(), &mut warnings);
        if kind == DocType::ArrestRefusal {
            out.refusal_reasons = refusal_reasons(doc, body.clone());
            out.refusal_grounds = out
                .refusal_reasons
                .as_ref()
                .map_or_else(Vec::new, |r| refusal_grounds(doc, r));
            if out.refusal_reasons.is_none() {
                warnings.push(doc.warning("refusal without readable reasons", None));
            }
        }
    }
    if out.suspects.is_empty() {
        warnings.push(doc.warning("no suspect found", Some(body.clone())));
    }
    out.warnings = warnings;
    out
}

/// The date of the request: the last date before its number (`以…号提请批准逮捕书`) in the
/// same sentence.
fn request_date(
    doc: &Document,
    from: usize,
    to: usize,
    warnings: &mut Vec<Warning>,
) -> Option<Field<Date>> {
    let text = doc.text();
    let hay = text.get(from..to)?;
    let start = hay.rfind('。').map_or(0, |i| i + '。'.len_utf8());
    let d = find_dates(&hay[start..]).into_iter().last()?;
    let r = from + start + d.span.start..from + start + d.span.end;
    if d.invalid || !d.date.is_full() {
        warnings.push(doc.warning(
            format!("request date 「{}」 does not exist", &text[r.clone()]),
            Some(r),
        ));
        return None;
    }
    Some(doc.field(d.date, r))
}

/// Where the articles a document cites are read: its body, and an appendix after the seal
/// unless that appendix only reproduces statute text (`附：相关法律条文`): a
/// `补充侦查提纲` cites articles of its own.
fn basis_range(text: &str, sections: &Sections, body: Range<usize>) -> Range<usize> {
    match sections.get(SectionKind::Appendix) {
        Some(app) if app.start >= body.end => {
            let first_line = text[app.clone()].lines().next().unwrap_or("");
            if first_line.contains("法律条文") || first_line.contains("法条") {
                body
            } else {
                body.start..app.end
            }
        }
        _ => body,
    }
}

/// Articles of 刑法 and 刑事诉讼法 cited in the range, in order, without duplicates; a bare
/// `依照第六十七条的规定` after a citation in the same sentence cites that citation's law.
fn legal_basis(doc: &Document, range: Range<usize>) -> Vec<Field<CitedArticle>> {
    let text = doc.text();
    let Some(hay) = text.get(range.clone()) else {
        return Vec::new();
    };
    let mut found: Vec<(CitedArticle, Range<usize>)> = find_articles(hay)
        .into_iter()
        .map(|a| {
            let cited = CitedArticle {
                law: a.law,
                article: a.article,
            };
            (cited, a.span)
        })
        .collect();
    for c in BARE_ARTICLE_RE.captures_iter(hay) {
        let (Some(whole), Some(number)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let Some(article) = parse_int(number.as_str()) else {
            continue;
        };
        let cited_law = found
            .iter()
            .rfind(|(_, span)| span.end <= whole.start())
            .filter(|(_, span)| !hay[span.end..whole.start()].contains('。'))
            .map(|(a, _)| a.law.clone());
        let Some(law) = cited_law else { continue };
        let span = number.start() - '第'.len_utf8()..number.end() + '条'.len_utf8();
        let at = found.partition_point(|(_, s)| s.start < span.start);
        let cited = CitedArticle {
            law,
            article: article.to_string(),
        };
        found.insert(at, (cited, span));
    }
    let mut out: Vec<Field<CitedArticle>> = Vec::new();
    for (cited, span) in found {
        if !matches!(cited.law.as_str(), "刑法" | "刑事诉讼法") {
            continue;
        }
        if !out.iter().any(|f| f.value == cited) {
            out.push(doc.field(cited, range.start + span.start..range.start + span.end));
        }
    }
    out
}

/// An article cited without its law: `依照第六十七条的规定`.
static BARE_ARTICLE_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(r"(?:依照|根据|按照|依据)第([0-9零〇一二三四五六七八九十百千两]{1,8})条")
});

/// The grounds of a refusal, from the words of its reasons: not a crime, insufficient
/// evidence, no danger that arrest must prevent — in that order. Not being a crime is the
/// whole answer (what could not be proven then only explains why it is none); insufficient
/// evidence of one fact and no need of arrest for another may stand together.
fn refusal_grounds(doc: &Document, reasons: &Field<String>) -> Vec<Field<String>> {
    let text = doc.text();
    let Some(start) = text.find(reasons.value.as_str()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (ground, re) in GROUNDS.iter() {
        if let Some(m) = re.find(&reasons.value) {
            out.push(doc.field(ground.to_string(), start + m.start()..start + m.end()));
            if *ground == "不构成犯罪" {
                break;
            }
        }
    }
    out
}

static GROUNDS: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    [
        (
            "不构成犯罪",
            concat!(
                r"不构成(?:",
                crate::pattern::charge_chars!(),
                r"{0,30}罪|犯罪)|不认为是犯罪|情节显著轻微|不应当?追究刑事责任|依法不负刑事责任"
            ),
        ),
        (
            "证据不足",
            r"证据不足|不足以(?:证明|认定)|事实不清|(?:不能|无法|尚不能)(?:证明|认定)",
        ),
        (
            "无社会危险性",
            r"社会危险性|逮捕必要|不需要逮捕|不予逮捕|不宜逮捕",
        ),
    ]
    .into_iter()
    .map(|(g, p)| (g, crate::pattern::re(p)))
    .collect()
});

/// Suspects of an approval, decision or refusal: `决定批准逮捕犯罪嫌疑人张某（性别男，…）、李某（…）`,
/// else the ones the request named.
fn decision_suspects(
    doc: &Document,
    body: Range<usize>,
    warnings: &mut Vec<Warning>,
) -> Vec<Suspect> {
    let text = doc.text();
    let hay = &text[body.clone()];
    // Prefer the decision (决定…逮捕犯罪嫌疑人), else any mention.
    // A decision on another measure (`决定对犯罪嫌疑人张某监视居住。`) tells the story; the
    // decision on arrest is the one whose sentence speaks of arrest.
    let mentions: Vec<regex::Match> = DECISION_RE.find_iter(hay).collect();
    let decides =
        |m: &&regex::Match| m.as_str().starts_with("决定") && m.as_str().ends_with("犯罪嫌疑人");
    let on_arrest = |m: &&regex::Match| {
        let rest = &hay[m.end()..];
        let sentence = &rest[..rest.find(['。', '\n']).unwrap_or(rest.len())];
        m.as_str().contains("逮捕") || sentence.contains("逮捕")
    };
    let chosen = mentions
        .iter()
        .filter(decides)
        .find(on_arrest)
        .or_else(|| mentions.iter().find(decides))
        .or_else(|| mentions.iter().find(|m| m.as_str().ends_with("犯罪嫌疑人")));
    // `决定批准逮捕下列犯罪嫌疑人：` and then one numbered line per suspect.
    if let Some(list) = LISTED_DECISION_RE.find(hay) {
        let mut suspects =
            listed_suspects(doc, body.start + list.end(), &hay[list.end()..], warnings);
        if !suspects.is_empty() {
            attribute_suspected_charges(doc, body, &mut suspects);
            return suspects;
        }
    }
    // `决定对其逮捕`: the suspect is the one the body opens with (`犯罪嫌疑人甲（男，…）涉嫌…`).
    let by_pronoun = || {
        mentions
            .iter()
            .find(|m| m.as_str().starts_with("决定") && hay[m.end()..].starts_with('其'))
            .and_then(|_| hay.find("犯罪嫌疑人"))
            .map(|first| first + "犯罪嫌疑人".len())
    };
    let Some(mut pos) = chosen.map(|m| m.end()).or_else(by_pronoun) else {
        return Vec::new();
    };
    let mut suspects = Vec::new();
    loop {
        let rest = &hay[pos..];
        let name_len = rest
            .char_indices()
            .find(|&(i, c)| {
                matches!(
                    c,
                    '（' | '(' | '，' | ',' | '、' | '。' | '；' | ';' | '：' | ':' | ' ' | '\n'
                ) || rest[i..].starts_with("涉嫌")
                    || rest[i..].starts_with("的")
                    || rest[i..].starts_with("等")
                    || (i > 0 && MEASURE_AT.is_match(&rest[i..]))
            })
            .map_or(rest.len(), |(i, _)| i);
        let name = &rest[..name_len];
        if name.is_empty() || name.chars().count() > 12 || !is_person_name(name) {
            break;
        }
        let name_range = body.start + pos..body.start + pos + name_len;
        let mut s = Suspect::named(doc.field(name.to_string(), name_range));
        pos += name_len;
        let rest = &hay[pos..];
        if rest.starts_with('（') || rest.starts_with('(') {
            let open = rest.chars().next().map_or(3, char::len_utf8);
            if let Some(close) = rest.find(['）', ')']) {
                read_identity(
                    doc,
                    body.start + pos + open,
                    &rest[open..close],
                    &mut s,
                    warnings,
                );
                pos += close + rest[close..].chars().next().map_or(3, char::len_utf8);
            }
        }
        suspects.push(s);
        let rest = &hay[pos..];
        let Some(next) = rest.strip_prefix('、') else {
            break;
        };
        pos += rest.len() - next.len();
        if let Some(n) = hay[pos..].strip_prefix("犯罪嫌疑人") {
            pos = hay.len() - n.len();
        }
    }
    // The identity may also be listed in an appendix after the seal
    // (`附：被批准逮捕的犯罪嫌疑人基本情况`).
    let with_appendix = body.start..text.len();
    for s in suspects.iter_mut() {
        if s.gender.is_none() && s.birth_date.is_none() && s.id_number.is_none() {
            listed_identity(doc, with_appendix.clone(), s, warnings);
        }
    }
    attribute_suspected_charges(doc, body, &mut suspects);
    suspects
}

/// A decision followed by a list of the suspects it concerns.
static LISTED_DECISION_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(r"决定(?:批准|不批准|不予批准)?逮捕(?:下列|以下|如下)犯罪嫌疑人[：:]")
});

/// The suspects listed one per line after a decision (`一、张某，男，1990年1月1日出生，
/// 公民身份号码…；`), at `abs`: the number and the role word are optional; the list ends at
/// the first line that does not open with a name and an identity.
fn listed_suspects(
    doc: &Document,
    abs: usize,
    rest: &str,
    warnings: &mut Vec<Warning>,
) -> Vec<Suspect> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in rest.split_inclusive('\n') {
        let at = line_start;
        line_start += line.len();
        let body = line.trim_end();
        if body.trim().is_empty() {
            if out.is_empty() {
                continue;
            }
            break;
        }
        let lead = body.len() - body.trim_start().len();
        let item = lead + crate::docs::indictment::list_number_len(body.trim_start());
        let mut name_start = at + item;
        let mut tail = &rest[name_start..at + body.len()];
        let untrimmed = tail.len();
        tail = tail.trim_start();
        name_start += untrimmed - tail.len();
        if let Some(t) = tail.strip_prefix("犯罪嫌疑人") {
            name_start += "犯罪嫌疑人".len();
            tail = t;
        }
        let name_len = tail.find(['，', ',', '（', '(']).unwrap_or(tail.len());
        let name = &tail[..name_len];
        let identity = tail[name_len..]
            .strip_prefix(['，', ','])
            .map(|i| &i[..i.find(['；', ';', '。']).unwrap_or(i.len())]);
        let (Some(identity), true) = (identity, is_person_name(name) && name.chars().count() <= 12)
        else {
            break;
        };
        if !opens_identity(identity) {
            break;
        }
        let mut s = Suspect::named(doc.field(
            name.to_string(),
            abs + name_start..abs + name_start + name_len,
        ));
        let identity_start =
            name_start + name_len + tail[name_len..].chars().next().map_or(0, char::len_utf8);
        read_identity(doc, abs + identity_start, identity, &mut s, warnings);
        out.push(s);
    }
    out
}

/// The identity of a suspect stated at another mention than the decision's list: listed on
/// its own after the decision (`决定批准逮捕：` then `犯罪嫌疑人张某，男，1990年1月1日出生，
/// 公民身份号码…；`), the clause after the name when it opens with gender, birth or ID number;
/// or in brackets right after the name where the request is recited
/// (`提请批准逮捕犯罪嫌疑人张某（男，1990年1月1日出生）`).
fn listed_identity(
    doc: &Document,
    body: Range<usize>,
    s: &mut Suspect,
    warnings: &mut Vec<Warning>,
) {
    let text = doc.text();
    let hay = &text[body.clone()];
    let name = s.name.value.as_str();
    for (at, _) in hay.match_indices(name) {
        let mut after = at + name.len();
        // `犯罪嫌疑人张某（曾用名张某某），男，…` or `貌某（MAUNG AUNG），男，…`: a bracket that
        // holds no identity (aliases, a name in another script) stands between the name and
        // the identity clause.
        if let Some(open) = ['（', '(']
            .into_iter()
            .find(|&c| hay[after..].starts_with(c))
        {
            let inner_start = after + open.len_utf8();
            if let Some(close) = hay[inner_start..].find(['）', ')']) {
                let bracket = hay[inner_start..inner_start + close].trim();
                if ALIAS_TOKEN.is_match(bracket) || !opens_identity(bracket) {
                    let close_len = hay[inner_start + close..]
                        .chars()
                        .next()
                        .map_or(3, char::len_utf8);
                    after = inner_start + close + close_len;
                }
            }
        }
        let rest = &hay[after..];
        let Some(sep) = rest.chars().next() else {
            continue;
        };
        let inner_start = after + sep.len_utf8();
        let inner = &hay[inner_start..];
        let inner = match sep {
            '（' | '(' => match inner.find(['）', ')']) {
                Some(close) => &inner[..close],
                None => continue,
            },
            '，' | ',' if hay[..at].ends_with("犯罪嫌疑人") || opens_list_item(&hay[..at]) => {
                &inner[..inner.find(['；', ';', '。', '\n']).unwrap_or(inner.len())]
            }
            _ => continue,
        };
        if opens_identity(inner) {
            read_identity(doc, body.start + inner_start, inner, s, warnings);
            return;
        }
    }
}

/// Whether the line ending `head` holds only a list number (`1.`, `二、`): a name after it
/// opens a numbered item of its own.
fn opens_list_item(head: &str) -> bool {
    let line = head[head.rfind('\n').map_or(0, |i| i + 1)..].trim_start();
    !line.is_empty() && crate::docs::indictment::list_number_len(line) == line.len()
}

/// Whether a clause opens with an identity part: gender, birth or an ID number.
fn opens_identity(clause: &str) -> bool {
    let first = clause.split(['，', ',']).next().unwrap_or("").trim();
    GENDER_TOKEN.is_match(first) || first.contains("出生") || ID_TOKEN.is_match(first)
}

/// Reads `性别男，出生日期1985年3月12日，公民身份号码…` inside a suspect's brackets.
fn read_identity(
    doc: &Document,
    abs: usize,
    inner: &str,
    s: &mut Suspect,
    warnings: &mut Vec<Warning>,
) {
    let mut start = 0;
    let mut tokens = Vec::new();
    for (i, c) in inner.char_indices() {
        if matches!(c, '，' | ',' | '；' | ';' | '、') {
            tokens.push(start..i);
            start = i + c.len_utf8();
        }
    }
    tokens.push(start..inner.len());
    for t in tokens {
        let tok = inner[t.clone()].trim();
        let lead = inner[t.clone()].len() - inner[t.clone()].trim_start().len();
        let at = abs + t.start + lead;
        if let Some(c) = GENDER_TOKEN.captures(tok) {
            if let Some(m) = c.get(1) {
                s.gender = Some(doc.field(m.as_str().to_string(), at + m.start()..at + m.end()));
            }
        } else if let Some(c) = ALIAS_TOKEN.captures(tok) {
            if let Some(m) = c.get(1) {
                s.aliases
                    .push(doc.field(m.as_str().to_string(), at + m.start()..at + m.end()));
            }
        } else if let Some(m) = ID_TOKEN.find(tok) {
            if let Some(id) = parse_id_number(m.as_str()) {
                s.id_number = Some(doc.field(id, at + m.start()..at + m.end()));
            }
        } else if s.birth_date.is_none()
            && (tok.contains("出生") || tok.contains("日生") || tok.ends_with('生'))
        {
            if let Some(d) = find_dates(tok).into_iter().next() {
                let r = at + d.span.start..at + d.span.end;
                if d.invalid {
                    warnings.push(doc.warning(
                        format!("{}: birth date does not exist", s.name.value),
                        Some(r),
                    ));
                } else {
                    s.birth_date = Some(doc.field(d.date, r));
                }
            }
        } else if let Some(c) = ETHNICITY_TOKEN.captures(tok) {
            if let Some(m) = c.get(1) {
                s.ethnicity = Some(doc.field(m.as_str().to_string(), at + m.start()..at + m.end()));
            }
        }
    }
}

/// `涉嫌…罪` for each suspect: named right before it, or `该犯罪嫌疑人` / one suspect alone.
fn attribute_suspected_charges(doc: &Document, body: Range<usize>, suspects: &mut [Suspect]) {
    let text = doc.text();
    let hay = &text[body.clone()];
    let mut general: Option<(String, Range<usize>)> = None;
    let (mut from, mut prev_end) = (0, 0);
    while let Some(c) = SUSPECT_CHARGE_RE.captures_at(hay, from) {
        let (Some(whole), Some(found)) = (c.get(0), c.get(1)) else {
            break;
        };
        // `甲涉嫌A罪、乙涉嫌B罪`: the list ends before the next suspect's name, and the search
        // goes on at that suspect's 涉嫌.
        let cut = found.as_str().find("涉嫌").and_then(|i| {
            let end = found.as_str()[..i].rfind("罪、")? + "罪".len();
            Some((end, found.start() + i))
        });
        let (list_end, next) = match cut {
            Some((end, next)) => (found.start() + end, next),
            None => (found.end(), whole.end()),
        };
        from = next;
        let list = &hay[found.start()..list_end];
        let r = body.start + found.start()..body.start + list_end;
        // Names before the list before this one were that list's.
        let clause_start = clause_start(&hay[..whole.start()]).max(prev_end);
        prev_end = list_end;
        let named_in = |part: &str| -> Vec<usize> {
            suspects
                .iter()
                .enumerate()
                .filter(|(_, s)| part.contains(s.name.value.as_str()))
                .map(|(i, _)| i)
                .collect()
        };
        let mut named = named_in(&hay[clause_start..whole.start()]);
        // `…，李某某涉嫌故意伤害罪，…`: another person's charge, told in the story (persons
        // other than the suspects are written with 某).
        let subject = hay[clause_start..whole.start()].trim();
        if named.is_empty() && OTHER_PERSON_RE.is_match(subject) {
            continue;
        }
        // `犯罪嫌疑人甲以…，数额较大，其行为已触犯…，涉嫌…罪；`: the suspects the sentence
        // opens with, when the clause of 涉嫌 names nobody.
        // `犯罪嫌疑人甲…涉嫌A罪；伪造公司印章，…涉嫌B罪。`: else the whole sentence's.
        if named.is_empty() {
            let after = |i: usize| i + hay[i..].chars().next().map_or(1, char::len_utf8);
            let head = &hay[..whole.start()];
            let part_start = head.rfind(['。', '；', ';', '\n']).map_or(0, after);
            let sentence_start = head.rfind(['。', '\n']).map_or(0, after);
            named = named_in(&hay[part_start..whole.start()]);
            if named.is_empty() {
                named = named_in(&hay[sentence_start..whole.start()]);
            }
            if !named.is_empty() {
                for &i in &named {
                    if let Some(s) = suspects.get_mut(i) {
                        add_charge(doc, s, list, r.clone());
                    }
                }
                continue;
            }
        }
        if named.is_empty() {
            if general.is_none() {
                general = Some((list.to_string(), r));
            }
            continue;
        }
        for i in named {
            if let Some(s) = suspects.get_mut(i) {
                if s.charge.is_none() {
                    set_charge(doc, s, list, r.clone());
                }
            }
        }
    }
    if let Some((list, r)) = general {
        for s in suspects.iter_mut().filter(|s| s.charge.is_none()) {
            set_charge(doc, s, &list, r.clone());
        }
    }
    // A refusal may name the charge only to deny it: `其行为不构成诈骗罪`.
    if suspects.iter().any(|s| s.charge.is_none()) {
        if let Some(c) = NOT_CONSTITUTE_RE.captures(hay) {
            if let Some(list) = c.get(1).or_else(|| c.get(2)) {
                let r = body.start + list.start()..body.start + list.end();
                for s in suspects.iter_mut().filter(|s| s.charge.is_none()) {
                    set_charge(doc, s, list.as_str(), r.clone());
                }
            }
        }
    }
}

/// Where the clause ending `head` starts: after its last `，`/`；`/`。` outside brackets, so
/// that `甲（男，1990年1月1日出生）涉嫌…` is one clause naming 甲.
fn clause_start(head: &str) -> usize {
    let mut depth = 0usize;
    for (i, c) in head.char_indices().rev() {
        match c {
            '）' | ')' => depth += 1,
            '（' | '(' => depth = depth.saturating_sub(1),
            '。' => return i + c.len_utf8(),
            '，' | '；' | ',' if depth == 0 => return i + c.len_utf8(),
            _ => {}
        }
    }
    0
}

/// A charge denied: `不构成诈骗罪`, `不符合…规定的妨害公务罪的构成要件`.
static NOT_CONSTITUTE_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(concat!(
        r"不构成(",
        crate::pattern::charge_chars!(),
        r"{2,80}?罪)(?:[，,。；;：:（(\s]|$)|不(?:符合|具备)[^。；;]{0,80}?规定的(",
        crate::pattern::charge_chars!(),
        r"{2,40}?罪)的(?:犯罪)?构成要件"
    ))
});

/// Adds the charges of another statement about the suspect (`涉嫌甲罪；…甲、乙…涉嫌乙罪`):
/// the charge as written becomes the charges joined by `、`.
fn add_charge(doc: &Document, s: &mut Suspect, list: &str, r: Range<usize>) {
    if s.charge.is_none() {
        set_charge(doc, s, list, r);
        return;
    }
    for (n, rr) in split_charges_at(list, r.start) {
        if s.charges.iter().all(|c| c.name.value != n) {
            s.charges.push(Charge::read(doc, n, rr));
        }
    }
    if let Some(c) = s.charge.as_mut() {
        c.value = s
            .charges
            .iter()
            .map(|c| c.name.value.as_str())
            .collect::<Vec<_>>()
            .join("、");
    }
}

fn set_charge(doc: &Document, s: &mut Suspect, list: &str, r: Range<usize>) {
    s.charges = split_charges_at(list, r.start)
        .into_iter()
        .map(|(n, rr)| Charge::read(doc, n, rr))
        .collect();
    s.charge = Some(doc.field(list.to_string(), r));
}

/// `犯罪嫌疑人甲、乙…，其行为已分别触犯…，涉嫌A罪、B罪`: a list of charges stated for
/// several suspects together does not say that each committed every one. A suspect whose own
/// paragraph (`因涉嫌A罪被我局刑事拘留`) names only some of the joint list is charged with those.
fn narrow_joint_charges(doc: &Document, suspects: &mut [Suspect]) {
    let names =
        |s: &Suspect| -> Vec<String> { s.charges.iter().map(|c| c.name.value.clone()).collect() };
    let lists: Vec<Vec<String>> = suspects.iter().map(names).collect();
    for (i, s) in suspects.iter_mut().enumerate() {
        let joint = lists[i].len() > 1
            && lists
                .iter()
                .enumerate()
                .any(|(j, other)| j != i && *other == lists[i]);
        if !joint {
            continue;
        }
        let Some(p) = s.party.as_ref().map(|p| p.paragraph.clone()) else {
            continue;
        };
        let Some(hay) = doc.text().get(p.clone()) else {
            continue;
        };
        let Some(m) = SUSPECT_CHARGE_RE.captures(hay).and_then(|c| c.get(1)) else {
            continue;
        };
        let own = split_charges_at(m.as_str(), 0);
        let narrower = !own.is_empty()
            && own.len() < lists[i].len()
            && own.iter().all(|(n, _)| lists[i].contains(n));
        if narrower {
            set_charge(doc, s, m.as_str(), p.start + m.start()..p.start + m.end());
        }
    }
}

/// Suspects of a police request: the party paragraphs.
fn request_suspects(
    doc: &Document,
    sections: &crate::segment::Sections,
    body: Range<usize>,
    warnings: &mut Vec<Warning>,
) -> Vec<Suspect> {
    let range = sections.get(SectionKind::Parties).unwrap_or(body.clone());
    let parties: Vec<Party> = find_parties(doc, range, warnings)
        .into_iter()
        .filter(|p| is_person_name(&p.name.value))
        .collect();
    let mut suspects: Vec<Suspect> = parties
        .into_iter()
        .map(|p| Suspect {
            name: p.name.clone(),
            aliases: p.aliases.clone(),
            gender: p.gender.clone(),
            birth_date: p.birth_date.clone(),
            id_number: p.id_number.clone(),
            ethnicity: p.ethnicity.clone(),
            charge: None,
            charges: Vec::new(),
            party: Some(p),
        })
        .collect();
    // The reasoning (本局认为 …) names the charge; the party paragraph's 因涉嫌 is the fallback.
    let reasoning = sections
        .get(SectionKind::Reasoning)
        .map_or(body.clone(), |r| r.start..body.end.max(r.start));
    attribute_suspected_charges(doc, reasoning, &mut suspects);
    narrow_joint_charges(doc, &mut suspects);
    for s in suspects.iter_mut().filter(|s| s.charge.is_none()) {
        let Some(p) = s.party.as_ref().map(|p| p.paragraph.clone()) else {
            continue;
        };
        let Some(hay) = doc.text().get(p.clone()) else {
            continue;
        };
        if let Some(c) = SUSPECT_CHARGE_RE.captures(hay) {
            if let Some(m) = c.get(1) {
                let list = m.as_str().to_string();
                set_charge(doc, s, &list, p.start + m.start()..p.start + m.end());
            }
        }
    }
    suspects
}

/// The reasons of a refusal: what follows `审查认为` up to the legal basis or the decision.
fn refusal_reasons(doc: &Document, body: Range<usize>) -> Option<Field<String>> {
    let text = doc.text();
    let hay = &text[body.clone()];
    let m = REASON_RE.find(hay)?;
    let rest = &hay[m.end()..];
    let end = REASON_END_RE
        .find(rest)
        .or_else(|| REASON_STOP_RE.find(rest))
        .map_or(rest.len(), |e| e.start());
    let reason = rest[..end].trim_end_matches(['，', ',', '；', '。']).trim();
    if reason.is_empty() {
        return None;
    }
    let start = body.start + m.end() + (rest.len() - rest.trim_start().len());
    Some(doc.field(reason.to_string(), start..start + reason.len()))
}

/// The arrest document in the gold schema of the case bundles (`truth.json` → `arrests[]`,
/// without `file`), with the fields the fixtures add for the other kinds: kind, number as
/// printed, ISO dates, the procuratorate (for a request: the one addressed), requesting and
/// executing agencies, request number and date, suspects with identity and charge (the
/// charges as written, one string), legal basis as `{law, article}`, refusal grounds.
pub fn arrest_gold(a: &ArrestDocument) -> serde_json::Value {
    let s = |f: &Option<Field<String>>| f.as_ref().map(|f| f.value.clone());
    let d = |f: &Option<Field<Date>>| f.as_ref().map(|f| f.value.to_string());
    let suspects: Vec<serde_json::Value> = a
        .suspects
        .iter()
        .map(|x| {
            let mut v = serde_json::json!({
                "name": x.name.value,
                "gender": s(&x.gender),
                "birth_date": d(&x.birth_date),
                "id_number": x.id_number.as_ref().map(|i| i.value.number.clone()),
                "charge": s(&x.charge),
                "charges": x.charges.iter().map(|c| c.gold_name().to_string()).collect::<Vec<_>>(),
                "charges_written": x.charges.iter().map(|c| c.name.value.clone()).collect::<Vec<_>>(),
                "ethnicity": s(&x.ethnicity),
            });
            if let (Some(p), Some(obj)) = (&x.party, v.as_object_mut()) {
                let custody: Vec<serde_json::Value> = p
                    .custody
                    .iter()
                    .map(|c| serde_json::json!({"measure": c.measure, "date": c.date.map(|x| x.to_string())}))
                    .collect();
                obj.insert("custody".into(), serde_json::Value::Array(custody));
            }
            v
        })
        .collect();
    let procuratorate = if a.kind == DocType::ArrestRequest {
        s(&a.addressee)
    } else {
        s(&a.organ)
    };
    serde_json::json!({
        "kind": a.kind.name(),
        "number": s(&a.number),
        "date": d(&a.date),
        "procuratorate": procuratorate,
        "requesting_agency": s(&a.requesting_agency),
        "request_number": s(&a.request_number),
        "request_date": d(&a.request_date),
        "executing_agency": s(&a.executing_agency),
        "suspects": suspects,
        "legal_basis": a.legal_basis.iter().map(|l| serde_json::json!({"law": l.value.law, "article": l.value.article})).collect::<Vec<_>>(),
        "refusal_reasons": (a.kind == DocType::ArrestRefusal)
            .then(|| a.refusal_grounds.iter().map(|g| g.value.clone()).collect::<Vec<_>>()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusal_reasons_and_several_suspects() {
        let t = "某县人民检察院\n不批准逮捕决定书\n某检刑不捕〔2023〕3号\n某县公安局：\n你局于2023年2月1日以某公（刑）提捕字〔2023〕7号提请批准逮捕书提请批准逮捕犯罪嫌疑人张某、李某某，经本院审查认为，犯罪嫌疑人张某、李某某涉嫌盗窃罪的事实不清、证据不足，不符合逮捕条件，根据《中华人民共和国刑事诉讼法》第九十条之规定，决定不批准逮捕犯罪嫌疑人张某、李某某。\n2023年2月7日";
        let doc = Document::from_text("t", t);
        let a = extract_arrest(&doc, DocType::ArrestRefusal);
        let names: Vec<&str> = a.suspects.iter().map(|s| s.name.value.as_str()).collect();
        assert_eq!(names, ["张某", "李某某"]);
        assert!(
            a.refusal_reasons
                .as_ref()
                .is_some_and(|r| r.value.ends_with("不符合逮捕条件")),
            "{:?}",
            a.refusal_reasons
        );
        assert_eq!(a.suspects[1].charge.as_ref().unwrap().value, "盗窃罪");
        assert_eq!(a.legal_basis[0].value.article, "90");
        assert_eq!(a.refusal_grounds[0].value, "证据不足");
        assert_eq!(
            a.request_date.as_ref().unwrap().value.to_string(),
            "2023-02-01"
        );
        assert_eq!(a.date.as_ref().unwrap().value.to_string(), "2023-02-07");
    }

    #[test]
    fn a_name_in_another_script_stands_between_the_name_and_the_identity() {
        let t = "某市人民检察院\n批准逮捕决定书\n某检刑批捕〔2022〕5号\n某市公安局：\n你局于2022年3月1日以某公（刑）提捕字〔2022〕9号提请批准逮捕书提请批准逮捕犯罪嫌疑人甲某、乙某涉嫌走私罪一案，经本院审查认为：\n犯罪嫌疑人甲某，女，1991年4月5日出生，汉族；\n犯罪嫌疑人乙某（NGUYEN VAN AN），男，1993年7月8日出生，越南社会主义共和国国籍，护照号码C1234567；\n二犯罪嫌疑人涉嫌走私罪，决定批准逮捕犯罪嫌疑人甲某、乙某。\n2022年3月6日";
        let doc = Document::from_text("t", t);
        let a = extract_arrest(&doc, DocType::ArrestApproval);
        let second = &a.suspects[1];
        assert_eq!(second.name.value, "乙某");
        assert_eq!(second.gender.as_ref().unwrap().value, "男");
        assert_eq!(
            second.birth_date.as_ref().unwrap().value.to_string(),
            "1993-07-08"
        );
        assert!(second.id_number.is_none());
    }

    #[test]
    fn suspects_listed_after_the_decision_keep_their_identity() {
        let t = "某县人民检察院\n批准逮捕决定书\n某检捕〔2023〕3号\n某县公安局：\n你局于2023年2月1日以某公（刑）提捕字〔2023〕7号提请批准逮捕书提请批准逮捕犯罪嫌疑人钱某甲、孙某乙，经本院审查认为，犯罪嫌疑人钱某甲、孙某乙涉嫌抢夺罪，符合逮捕条件，决定批准逮捕：\n犯罪嫌疑人钱某甲，女，1988年6月1日出生，公民身份号码11010519491231002X；\n犯罪嫌疑人孙某乙，男，2000年2月2日出生。\n请依法立即执行。\n2023年2月7日";
        let doc = Document::from_text("t", t);
        let a = extract_arrest(&doc, DocType::ArrestApproval);
        let got: Vec<(&str, Option<&str>, Option<String>)> = a
            .suspects
            .iter()
            .map(|s| {
                (
                    s.name.value.as_str(),
                    s.gender.as_ref().map(|g| g.value.as_str()),
                    s.birth_date.as_ref().map(|d| d.value.to_string()),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("钱某甲", Some("女"), Some("1988-06-01".to_string())),
                ("孙某乙", Some("男"), Some("2000-02-02".to_string()))
            ]
        );
        assert!(a.suspects[0].id_number.is_some());
        // A later mention that tells the story is no identity.
        let t = "某县人民检察院\n批准逮捕决定书\n某检捕〔2023〕3号\n某县公安局：\n你局以某公（刑）提捕字〔2023〕7号提请批准逮捕书提请批准逮捕犯罪嫌疑人钱某甲，经本院审查认为，犯罪嫌疑人钱某甲，2023年1月5日出手抢夺他人财物，涉嫌抢夺罪，决定批准逮捕犯罪嫌疑人钱某甲。\n2023年2月7日";
        let doc = Document::from_text("t", t);
        let a = extract_arrest(&doc, DocType::ArrestApproval);
        assert!(a.suspects[0].birth_date.is_none() && a.suspects[0].gender.is_none());
    }

    #[test]
    fn refusal_reasons_run_to_the_decision() {
        let refuse = |reasons: &str| {
            let t = format!("某县人民检察院\n不批准逮捕决定书\n某检刑不捕〔2023〕3号\n某县公安局：\n你局以某公（刑）提捕字〔2023〕7号提请批准逮捕书提请批准逮捕犯罪嫌疑人周某涉嫌侵占罪一案，经本院审查认为：{reasons}根据《中华人民共和国刑事诉讼法》第九十条之规定，决定不批准逮捕犯罪嫌疑人周某。\n2023年2月7日");
            let doc = Document::from_text("t", &t);
            let a = extract_arrest(&doc, DocType::ArrestRefusal);
            a.refusal_grounds
                .iter()
                .map(|g| g.value.clone())
                .collect::<Vec<_>>()
        };
        // The conclusion comes in a later sentence, after a 刑法 citation.
        assert_eq!(
            refuse("周某系受人之托保管财物，案发前已如数交还。依照《中华人民共和国刑法》第十三条的规定，其行为不构成犯罪。"),
            ["不构成犯罪"]
        );
        assert_eq!(
            refuse("周某曾经过现场。现有证据不足以证明周某实施了侵占行为。"),
            ["证据不足"]
        );
        // Two findings, two grounds.
        assert_eq!(
            refuse("关于第一笔款项，证据不足；关于第二笔款项，周某已全部退还，采取取保候审足以防止发生社会危险性。"),
            ["证据不足", "无社会危险性"]
        );
        // What could not be proven, when it only explains why there is no crime, is no ground.
        assert_eq!(
            refuse("现有证据不能认定周某具有非法占有目的，本案系民事纠纷，其行为不构成侵占罪。"),
            ["不构成犯罪"]
        );
    }

    #[test]
    fn the_decided_measure_ends_the_name() {
        let decide = |body: &str| {
            let t = format!("某县人民检察院\n逮捕决定书\n某检捕决〔2023〕3号\n某县公安局：\n{body}\n请依法立即执行。\n2023年2月7日");
            let doc = Document::from_text("t", &t);
            let a = extract_arrest(&doc, DocType::ArrestDecision);
            a.suspects
                .iter()
                .map(|s| {
                    (
                        s.name.value.clone(),
                        s.gender.as_ref().map(|g| g.value.clone()),
                        s.charge.as_ref().map(|c| c.value.clone()),
                    )
                })
                .collect::<Vec<_>>()
        };
        // Identity in the opening sentence, the decision at the end.
        assert_eq!(
            decide("犯罪嫌疑人钟某某，女，1979年3月3日出生。本院在侦查犯罪嫌疑人钟某某涉嫌挪用公款一案中，经审查认为：犯罪嫌疑人钟某某利用职务便利挪用公款，涉嫌挪用公款罪，决定对犯罪嫌疑人钟某某执行逮捕。"),
            [("钟某某".to_string(), Some("女".to_string()), Some("挪用公款罪".to_string()))]
        );
        // An earlier decision on another measure is not the decision on arrest.
        assert_eq!(
            decide("犯罪嫌疑人钟某某涉嫌挪用公款罪一案，本院于2023年1月3日决定对犯罪嫌疑人钟某某取保候审。本院决定对犯罪嫌疑人钟某某（女，1979年3月3日出生）予以逮捕。"),
            [("钟某某".to_string(), Some("女".to_string()), Some("挪用公款罪".to_string()))]
        );
        // A name that is followed by its identity stays whole.
        assert_eq!(
            decide("决定对犯罪嫌疑人钟予（女，1979年3月3日出生）予以逮捕。")[0].0,
            "钟予"
        );
    }

    #[test]
    fn each_statement_charges_the_suspects_it_opens_with() {
        let t = "某县公安局\n提请批准逮捕书\n某公（刑）提捕字〔2023〕7号\n犯罪嫌疑人甲某某，男，1990年1月1日出生，汉族。因涉嫌赌博罪于2023年1月1日被刑事拘留。\n犯罪嫌疑人乙某某，男，1991年1月1日出生，汉族。因涉嫌赌博罪于2023年1月2日被刑事拘留。\n经依法侦查查明：……\n综上所述，犯罪嫌疑人甲某某以暴力方法抢走他人财物，其行为已触犯《中华人民共和国刑法》第二百六十三条之规定，涉嫌抢劫罪；犯罪嫌疑人甲某某、乙某某聚众赌博，其行为已触犯《中华人民共和国刑法》第三百零三条之规定，涉嫌赌博罪。依照《中华人民共和国刑事诉讼法》第八十一条之规定，特提请批准逮捕。\n此致\n某县人民检察院\n2023年1月5日";
        let doc = Document::from_text("t", t);
        let a = extract_arrest(&doc, DocType::ArrestRequest);
        let got: Vec<Option<&str>> = a
            .suspects
            .iter()
            .map(|s| s.charge.as_ref().map(|c| c.value.as_str()))
            .collect();
        assert_eq!(got, [Some("抢劫罪、赌博罪"), Some("赌博罪")]);
        // Crime in general (`涉嫌新的犯罪`) is no charge to add.
        let t = "某县人民检察院\n逮捕决定书\n某检捕决〔2023〕3号\n某县公安局：\n犯罪嫌疑人丙某涉嫌赌博罪一案，本院决定对其取保候审。经查，犯罪嫌疑人丙某在取保候审期间又聚众赌博，从中渔利，涉嫌新的犯罪，本院决定对犯罪嫌疑人丙某予以逮捕。\n2023年2月7日";
        let doc = Document::from_text("t", t);
        let a = extract_arrest(&doc, DocType::ArrestDecision);
        assert_eq!(a.suspects[0].charge.as_ref().unwrap().value, "赌博罪");
    }

    #[test]
    fn identity_in_brackets_where_the_request_is_recited() {
        let t = "某县人民检察院\n批准逮捕决定书\n某检捕〔2023〕3号\n某县公安局：\n你局于2023年2月1日以某公（刑）提捕字〔2023〕7号提请批准逮捕书提请批准逮捕犯罪嫌疑人甲某某（男，1980年5月6日出生）、乙某（女，1990年7月8日出生，公民身份号码11010519491231002X）涉嫌赌博罪，丙某（男，1985年1月2日出生）涉嫌开设赌场罪一案，经本院审查认为，符合逮捕条件，决定批准逮捕犯罪嫌疑人甲某某、乙某、丙某。\n2023年2月7日";
        let doc = Document::from_text("t", t);
        let a = extract_arrest(&doc, DocType::ArrestApproval);
        type Row<'a> = (&'a str, Option<&'a str>, Option<String>, Option<&'a str>);
        let got: Vec<Row> = a
            .suspects
            .iter()
            .map(|s| {
                (
                    s.name.value.as_str(),
                    s.gender.as_ref().map(|g| g.value.as_str()),
                    s.birth_date.as_ref().map(|d| d.value.to_string()),
                    s.charge.as_ref().map(|c| c.value.as_str()),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "甲某某",
                    Some("男"),
                    Some("1980-05-06".into()),
                    Some("赌博罪")
                ),
                (
                    "乙某",
                    Some("女"),
                    Some("1990-07-08".into()),
                    Some("赌博罪")
                ),
                (
                    "丙某",
                    Some("男"),
                    Some("1985-01-02".into()),
                    Some("开设赌场罪")
                ),
            ]
        );
        assert!(a.suspects[1].id_number.is_some());
        // A bracket after a mention that holds no identity is not read as one.
        let t = "某县人民检察院\n批准逮捕决定书\n某检捕〔2023〕3号\n某县公安局：\n你局以某公（刑）提捕字〔2023〕7号提请批准逮捕书提请批准逮捕犯罪嫌疑人甲某某（另案处理的丁某的表兄）涉嫌赌博罪一案，决定批准逮捕犯罪嫌疑人甲某某。\n2023年2月7日";
        let doc = Document::from_text("t", t);
        let a = extract_arrest(&doc, DocType::ArrestApproval);
        assert!(a.suspects[0].gender.is_none() && a.suspects[0].birth_date.is_none());
    }

    #[test]
    fn a_provincial_department_addressed_and_an_alias_before_the_identity() {
        let t = "某省人民检察院\n逮捕决定书\n某检捕决〔2023〕4号\n某省公安厅：\n某省监察委员会调查终结的甲某某涉嫌受贿一案，已移送本院审查起诉。经本院审查认为：犯罪嫌疑人甲某某（曾用名甲某），男，1970年3月4日出生，公民身份号码11010519491231002X，曾于2019年5月被某区卫生健康局行政处罚，涉嫌受贿罪，决定逮捕犯罪嫌疑人甲某某，由你厅执行。\n2023年3月9日";
        let doc = Document::from_text("t", t);
        let a = extract_arrest(&doc, DocType::ArrestDecision);
        assert_eq!(
            a.executing_agency.as_ref().map(|f| f.value.as_str()),
            Some("某省公安厅")
        );
        let s = &a.suspects[0];
        assert_eq!(s.name.value, "甲某某");
        assert_eq!(s.gender.as_ref().map(|g| g.value.as_str()), Some("男"));
        // The first birth wins; `卫生健康局` later in the clause is no birth.
        assert_eq!(
            s.birth_date
                .as_ref()
                .map(|d| d.value.to_string())
                .as_deref(),
            Some("1970-03-04")
        );
        assert!(s.id_number.is_some());
    }

    #[test]
    fn a_request_names_what_each_suspect_is_suspected_of() {
        let t = "某县公安局\n提请批准逮捕书\n某公（刑）提捕字〔2023〕9号\n犯罪嫌疑人甲某某，男，1980年1月1日出生，汉族。2023年1月3日因涉嫌盗伐林木罪、滥伐林木罪被我局刑事拘留。\n犯罪嫌疑人乙某，男，1982年2月2日出生，汉族。2023年1月3日因涉嫌盗伐林木罪被我局刑事拘留。\n犯罪嫌疑人甲某某、乙某涉嫌盗伐林木、滥伐林木一案，由某林场报案。同案犯罪嫌疑人丙某于2023年1月4日投案，已被我局取保候审。\n经依法侦查查明：……犯罪嫌疑人乙某负责运输。\n犯罪嫌疑人甲某某、乙某盗伐林木，犯罪嫌疑人甲某某还滥伐林木，其行为已分别触犯《中华人民共和国刑法》第三百四十五条第一款、第二款之规定，涉嫌盗伐林木罪、滥伐林木罪。依照《中华人民共和国刑事诉讼法》第八十一条之规定，特提请批准逮捕。\n此致\n某县人民检察院\n2023年1月8日";
        let doc = Document::from_text("t", t);
        let a = extract_arrest(&doc, DocType::ArrestRequest);
        type Row<'a> = (&'a str, Option<&'a str>, Vec<&'a str>);
        let got: Vec<Row> = a
            .suspects
            .iter()
            .map(|s| {
                let custody = s.party.as_ref().map_or_else(Vec::new, |p| {
                    p.custody.iter().map(|c| c.measure.as_str()).collect()
                });
                (
                    s.name.value.as_str(),
                    s.charge.as_ref().map(|c| c.value.as_str()),
                    custody,
                )
            })
            .collect();
        // The summary paragraph is no party's: 丙某's bail is not 乙某's, and `乙某负责运输`
        // in the facts is no suspect.
        assert_eq!(
            got,
            [
                ("甲某某", Some("盗伐林木罪、滥伐林木罪"), vec!["刑事拘留"]),
                ("乙某", Some("盗伐林木罪"), vec!["刑事拘留"]),
            ]
        );
    }

    #[test]
    fn a_charge_after_a_semicolon_is_the_sentences_suspect() {
        let t = "某区公安分局\n提请批准逮捕书\n某公（刑）提捕字〔2024〕3号\n犯罪嫌疑人甲某，男，1976年2月29日出生，汉族。2024年1月9日因涉嫌骗取贷款罪被我局指定居所监视居住，同年2月3日因违反监视居住规定被我局刑事拘留。\n经依法侦查查明：……\n犯罪嫌疑人甲某以欺骗手段取得银行贷款，其行为已触犯《中华人民共和国刑法》第一百七十五条之一之规定，涉嫌骗取贷款罪；伪造公司印章，其行为已触犯《中华人民共和国刑法》第二百八十条第二款之规定，涉嫌伪造公司印章罪。特提请批准逮捕。\n此致\n某区人民检察院\n2024年2月8日";
        let doc = Document::from_text("t", t);
        let a = extract_arrest(&doc, DocType::ArrestRequest);
        let s = &a.suspects[0];
        assert_eq!(
            s.charge.as_ref().map(|c| c.value.as_str()),
            Some("骗取贷款罪、伪造公司印章罪")
        );
        let custody: Vec<&str> = s.party.as_ref().map_or_else(Vec::new, |p| {
            p.custody.iter().map(|c| c.measure.as_str()).collect()
        });
        // `违反监视居住规定` names the rules of a measure, not a measure.
        assert_eq!(custody, ["指定居所监视居住", "刑事拘留"]);
    }

    #[test]
    fn a_refusal_names_the_charge_whose_elements_are_not_met() {
        let t = "某区人民检察院\n不批准逮捕决定书\n某检不捕〔2024〕2号\n某区公安分局：\n你局于2024年1月3日以某公（刑）提捕字〔2024〕5号提请批准逮捕书提请批准逮捕犯罪嫌疑人甲某一案，经本院审查认为：犯罪嫌疑人甲某（男，1990年5月6日出生）虽与民警发生争执，但未实施暴力，不符合《中华人民共和国刑法》第二百七十七条第一款规定的妨害公务罪的构成要件，其行为不构成犯罪。依据《中华人民共和国刑事诉讼法》第九十条的规定，决定不批准逮捕犯罪嫌疑人甲某。\n2024年1月9日";
        let doc = Document::from_text("t", t);
        let a = extract_arrest(&doc, DocType::ArrestRefusal);
        assert_eq!(
            a.suspects[0].charge.as_ref().map(|c| c.value.as_str()),
            Some("妨害公务罪")
        );
    }

    #[test]
    fn request_date_before_its_number_and_bare_articles() {
        let t = "某县人民检察院\n不批准逮捕决定书\n某检不捕〔2023〕3号\n某县公安局：\n你局２０２３年２月１日某公（刑）提捕字〔2023〕7号提请批准逮捕书收悉。经本院审查认为，犯罪嫌疑人甲某涉嫌盗窃罪，不符合《中华人民共和国刑事诉讼法》第八十一条规定的逮捕条件，可以依照第六十七条的规定取保候审。依照第九十条，决定不批准逮捕犯罪嫌疑人甲某。\n附：补充侦查提纲一份。\n2023年2月7日";
        let doc = Document::from_text("t", t);
        let a = extract_arrest(&doc, DocType::ArrestRefusal);
        assert_eq!(
            a.request_number.as_ref().map(|n| n.value.as_str()),
            Some("某公（刑）提捕字〔2023〕7号")
        );
        assert_eq!(
            a.request_date.as_ref().map(|d| d.value.to_string()),
            Some("2023-02-01".into())
        );
        // 第六十七条 cites the law named earlier in its sentence; 第九十条 stands in a
        // sentence naming no law.
        let cited: Vec<String> = a
            .legal_basis
            .iter()
            .map(|l| format!("{}{}", l.value.law, l.value.article))
            .collect();
        assert_eq!(cited, ["刑事诉讼法81", "刑事诉讼法67"]);
        assert_eq!(a.legal_basis[1].evidence.text, "第六十七条");
        // The signature date stands after the note of what is attached.
        assert_eq!(
            a.date.as_ref().map(|d| d.value.to_string()),
            Some("2023-02-07".into())
        );
    }

    #[test]
    fn suspects_numbered_after_the_decision_without_their_role() {
        let t = "某旗人民检察院\n批准逮捕决定书\n某检刑批捕(2024)15号\n某旗公安局：\n你局2024年2月5日某公（刑）提捕字【2024】21号提请批准逮捕书收悉。经审查，本院认为：犯罪嫌疑人甲某某、乙某某骗取保险金，涉嫌保险诈骗罪，符合逮捕条件。决定批准逮捕下列犯罪嫌疑人：\n一、甲某某，男，鄂伦春族，1982年8月9日出生，公民身份号码11010519491231002X，住某旗某镇；\n二、乙某某，女，汉族，1988年1月30日出生。\n请依法立即执行。\n二零二四年二月九日";
        let doc = Document::from_text("t", t);
        let a = extract_arrest(&doc, DocType::ArrestApproval);
        // Name, gender, ethnicity, charge.
        type Row<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>);
        let got: Vec<Row> = a
            .suspects
            .iter()
            .map(|s| {
                (
                    s.name.value.as_str(),
                    s.gender.as_ref().map(|g| g.value.as_str()),
                    s.ethnicity.as_ref().map(|e| e.value.as_str()),
                    s.charge.as_ref().map(|c| c.value.as_str()),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("甲某某", Some("男"), Some("鄂伦春族"), Some("保险诈骗罪")),
                ("乙某某", Some("女"), Some("汉族"), Some("保险诈骗罪"))
            ]
        );
        assert_eq!(
            a.suspects[1].birth_date.as_ref().unwrap().value.to_string(),
            "1988-01-30"
        );
    }

    #[test]
    fn each_suspect_named_with_its_own_charge_in_one_list() {
        let t = "某县人民检察院\n不批准逮捕决定书\n某检刑不捕〔2024〕9号\n某县公安局：\n你局于2024年4月26日以某公（刑）提捕字［2024］38号提请批准逮捕书提请批准逮捕犯罪嫌疑人甲某涉嫌非法猎捕陆生野生动物罪、乙某某涉嫌非法收购、出售陆生野生动物罪一案，经本院审查认为：犯罪嫌疑人甲某（男，1971年2月17日出生）、乙某某（女，1984年12月25日出生）无社会危险性，根据《中华人民共和国刑事诉讼法》第九十条之规定，决定不批准逮捕犯罪嫌疑人甲某、乙某某。\n2024年4月30日";
        let doc = Document::from_text("t", t);
        let a = extract_arrest(&doc, DocType::ArrestRefusal);
        let got: Vec<(&str, Vec<&str>)> = a
            .suspects
            .iter()
            .map(|s| {
                (
                    s.name.value.as_str(),
                    s.charges.iter().map(|c| c.name.value.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("甲某", vec!["非法猎捕陆生野生动物罪"]),
                ("乙某某", vec!["非法收购、出售陆生野生动物罪"])
            ]
        );
    }

    #[test]
    fn a_one_line_request_ends_the_last_party_at_the_case_summary() {
        let t = "某区公安局 提请批准逮捕书 某公（刑）提捕字〔2023〕0457号 犯罪嫌疑人甲某，男，1986年3月21日出生，汉族。因涉嫌赌博罪，于2023年9月12日被我局刑事拘留。 犯罪嫌疑人乙某某，女，1990年11月8日出生，汉族。因涉嫌赌博罪，于2023年9月12日被我局刑事拘留，现羁押于某区看守所。 犯罪嫌疑人甲某、乙某某涉嫌赌博一案，我局于2023年9月4日立案侦查，同年9月12日将甲某、乙某某及同案犯罪嫌疑人丙某抓获。丙某已于2023年9月15日被我局取保候审。 经依法侦查查明：甲某开设赌场。 综上所述，犯罪嫌疑人甲某、乙某某涉嫌赌博罪。依照《中华人民共和国刑事诉讼法》第八十一条之规定，特提请批准逮捕。 此致 某区人民检察院 2023年9月15日";
        let doc = Document::from_text("t", t);
        let a = extract_arrest(&doc, DocType::ArrestRequest);
        let custody: Vec<Vec<String>> = a
            .suspects
            .iter()
            .map(|s| {
                s.party
                    .as_ref()
                    .map(|p| p.custody.iter().map(|c| c.measure.clone()).collect())
                    .unwrap_or_default()
            })
            .collect();
        assert_eq!(custody, [vec!["刑事拘留"], vec!["刑事拘留"]]);
    }

    #[test]
    fn identities_in_an_appendix_and_articles_of_an_investigation_outline() {
        let t = "某区人民检察院\n批准逮捕决定书\n某检刑批捕〔2024〕58号\n某区公安分局：\n你局于2024年10月8日以某公（刑）提捕字〔2024〕0388号提请批准逮捕书提请批准逮捕犯罪嫌疑人甲某某、乙某，经本院审查认为，该二犯罪嫌疑人涉嫌侵犯商业秘密罪，符合《中华人民共和国刑事诉讼法》第八十一条第一款规定的逮捕条件，决定批准逮捕犯罪嫌疑人甲某某、乙某。\n2024年10月12日\n（院印）\n附：被批准逮捕的犯罪嫌疑人基本情况\n1.甲某某，男，1987年5月6日出生，汉族；\n2.乙某，女，1990年9月30日出生，汉族。";
        let doc = Document::from_text("t", t);
        let a = extract_arrest(&doc, DocType::ArrestApproval);
        let genders: Vec<Option<&str>> = a
            .suspects
            .iter()
            .map(|s| s.gender.as_ref().map(|g| g.value.as_str()))
            .collect();
        assert_eq!(genders, [Some("男"), Some("女")]);
        let t = "某铁路运输检察院\n不批准逮捕决定书\n某检不捕〔2024〕3号\n某公安处：\n你处于2024年5月6日以某公（刑）提捕字〔2024〕12号提请批准逮捕书提请批准逮捕犯罪嫌疑人甲某，经本院审查认为，现有证据不足以证明犯罪嫌疑人甲某涉嫌破坏交通设备罪，根据《中华人民共和国刑事诉讼法》第九十条之规定，决定不批准逮捕犯罪嫌疑人甲某。\n2024年5月13日\n（院印）\n附：补充侦查提纲\n一、查明被拆卸器材的位置；\n二、审查犯罪嫌疑人的行为是否涉嫌《中华人民共和国刑法》第二百六十四条规定的盗窃罪。";
        let doc = Document::from_text("t", t);
        let a = extract_arrest(&doc, DocType::ArrestRefusal);
        let basis: Vec<&str> = a
            .legal_basis
            .iter()
            .map(|b| b.value.article.as_str())
            .collect();
        assert_eq!(basis, ["90", "264"]);
    }

    #[test]
    fn the_request_number_in_brackets_after_the_title_and_another_persons_charge() {
        let t = "某区人民检察院\n批准逮捕决定书\n某检刑批捕〔2024〕58号\n某市公安局某分局：\n你局2024年3月14日提请批准逮捕书（某公（刑）提捕字〔2024〕156号）收悉。经本院审查认为：犯罪嫌疑人甲某在承办李某某故意伤害他人一案中，明知李某某涉嫌故意伤害罪，仍隐匿证据，涉嫌徇私枉法罪，符合《中华人民共和国刑事诉讼法》第八十一条第一款规定的逮捕条件，决定批准逮捕犯罪嫌疑人甲某（男，1980年1月1日出生）。\n2024年3月20日";
        let doc = Document::from_text("t", t);
        let a = extract_arrest(&doc, DocType::ArrestApproval);
        assert_eq!(
            a.request_number.as_ref().map(|n| n.value.as_str()),
            Some("某公（刑）提捕字〔2024〕156号")
        );
        assert_eq!(
            a.request_date.as_ref().unwrap().value.to_string(),
            "2024-03-14"
        );
        assert_eq!(
            a.requesting_agency.as_ref().map(|n| n.value.as_str()),
            Some("某市公安局某分局")
        );
        let charges: Vec<&str> = a.suspects[0]
            .charges
            .iter()
            .map(|c| c.name.value.as_str())
            .collect();
        assert_eq!(charges, ["徇私枉法罪"]);
    }

    #[test]
    fn an_extended_time_limit_for_the_request_is_no_arrest() {
        let t = "某区公安分局\n提请批准逮捕书\n某公（刑）提捕字〔2024〕0093号\n犯罪嫌疑人甲某，男，1984年3月21日出生，汉族。因涉嫌开设赌场罪，于2024年1月19日被我局刑事拘留，因系结伙作案，经批准延长提请批准逮捕期限至三十日，现羁押于某看守所。\n犯罪嫌疑人乙某，男，1990年8月9日出生，汉族。因涉嫌开设赌场罪，于2024年1月19日被我局刑事拘留，现羁押于某看守所。\n经依法侦查查明：二人开设赌场。\n综上所述，犯罪嫌疑人甲某、乙某涉嫌开设赌场罪。依照《中华人民共和国刑事诉讼法》第八十一条之规定，特提请批准逮捕。\n此致\n某区人民检察院\n2024年2月1日";
        let doc = Document::from_text("t", t);
        let a = extract_arrest(&doc, DocType::ArrestRequest);
        let custody: Vec<(&str, Vec<String>)> = a
            .suspects
            .iter()
            .map(|s| {
                (
                    s.name.value.as_str(),
                    s.party
                        .as_ref()
                        .map(|p| p.custody.iter().map(|c| c.measure.clone()).collect())
                        .unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(
            custody,
            [
                ("甲某", vec!["刑事拘留".to_string()]),
                ("乙某", vec!["刑事拘留".to_string()])
            ]
        );
    }

    #[test]
    fn a_decision_on_its_suspect_by_pronoun() {
        let t = "某区人民检察院\n逮捕决定书\n某检刑捕决〔2024〕2号\n某区公安分局：\n犯罪嫌疑人甲某某（男，1979年10月2日出生，公民身份号码11010519491231002X）涉嫌刑讯逼供罪，经本院审查决定，依据《中华人民共和国刑事诉讼法》第八十一条第一款、第一百六十五条的规定，决定对其逮捕。\n请依法立即执行。\n2024年12月3日";
        let doc = Document::from_text("t", t);
        let a = extract_arrest(&doc, DocType::ArrestDecision);
        assert_eq!(a.suspects.len(), 1, "{:?}", a.suspects);
        let s = &a.suspects[0];
        assert_eq!(s.name.value, "甲某某");
        assert_eq!(s.gender.as_ref().map(|g| g.value.as_str()), Some("男"));
        assert_eq!(
            s.charge.as_ref().map(|c| c.value.as_str()),
            Some("刑讯逼供罪")
        );
    }

    #[test]
    fn a_charge_name_with_brackets() {
        let t = "某区人民检察院\n批准逮捕决定书\n某检刑批捕〔2023〕88号\n某区公安局：\n你局于2023年9月15日以某公（刑）提捕字〔2023〕0457号提请批准逮捕书提请批准逮捕犯罪嫌疑人甲某，经本院审查认为，该犯罪嫌疑人涉嫌组织参与国（境）外赌博罪，符合《中华人民共和国刑事诉讼法》第八十一条规定的逮捕条件，决定批准逮捕犯罪嫌疑人甲某（性别男，出生日期1986年3月21日）。\n2023年9月19日";
        let doc = Document::from_text("t", t);
        let a = extract_arrest(&doc, DocType::ArrestApproval);
        assert_eq!(
            a.suspects[0].charge.as_ref().map(|c| c.value.as_str()),
            Some("组织参与国（境）外赌博罪")
        );
    }

    #[test]
    fn impossible_dates_warn() {
        let t = "某县人民检察院\n批准逮捕决定书\n某检捕〔2023〕3号\n某县公安局：\n你局于2023年2月30日以某公（刑）提捕字〔2023〕7号提请批准逮捕书提请批准逮捕犯罪嫌疑人张某，经本院审查认为，该犯罪嫌疑人涉嫌盗窃罪，决定批准逮捕犯罪嫌疑人张某。\n2023年2月30日";
        let doc = Document::from_text("t", t);
        let a = extract_arrest(&doc, DocType::ArrestApproval);
        assert!(a.date.is_none() && a.request_date.is_none());
        assert_eq!(
            a.warnings
                .iter()
                .filter(|w| w
                    .evidence
                    .as_ref()
                    .is_some_and(|e| e.text == "2023年2月30日"))
                .count(),
            2,
            "{:?}",
            a.warnings
        );
    }

    #[test]
    fn never_panics() {
        for t in [
            "",
            "批准逮捕决定书",
            "决定批准逮捕犯罪嫌疑人",
            "决定批准逮捕犯罪嫌疑人张某（",
            "以号提请批准逮捕书",
        ] {
            let doc = Document::from_text("t", t);
            for k in [
                DocType::ArrestApproval,
                DocType::ArrestRequest,
                DocType::ArrestRefusal,
            ] {
                let _ = extract_arrest(&doc, k);
            }
        }
    }
}
