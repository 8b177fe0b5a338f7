//! Indictments (起诉书) and the police's 起诉意见书: header, defendants with their charges,
//! circumstances and sentencing recommendation, transfer date, articles, proposed procedure.
//!
//! ```
//! use wenshu::docs::indictment::extract_indictment;
//! use wenshu::Document;
//! let doc = Document::from_text("起诉书.txt", "某市某区人民检察院\n起诉书\n某检刑诉〔2023〕12号\n\
//!     被告人张某，男，1985年3月12日出生，汉族。因涉嫌盗窃罪于2023年1月5日被刑事拘留，同年1月12日被逮捕。\n\
//!     本案由某市公安局某分局侦查终结，以被告人张某涉嫌盗窃罪，于2023年3月1日向本院移送审查起诉。\n\
//!     本院认为，被告人张某秘密窃取他人财物，其行为触犯了《中华人民共和国刑法》第二百六十四条，应当以盗窃罪追究其刑事责任。\
//!     被告人张某如实供述自己的罪行，可以从轻处罚。建议判处被告人张某有期徒刑十个月，并处罚金人民币二千元。\n\
//!     此致\n某区人民法院\n检察官 王某\n二〇二三年三月二十日");
//! let ind = extract_indictment(&doc);
//! assert_eq!(ind.number.as_ref().unwrap().value, "某检刑诉〔2023〕12号");
//! assert_eq!(ind.date.as_ref().unwrap().value.to_string(), "2023-03-20");
//! let d = &ind.defendants[0];
//! assert_eq!(d.party.name.value, "张某");
//! assert_eq!(d.charges[0].name.value, "盗窃罪");
//! assert_eq!(d.circumstances[0].value.name(), "坦白");
//! assert_eq!(ind.articles[0].value, "264");
//! assert!(d.recommendation.is_some());
//! ```

use super::recommendation::{
    parse_recommendation_in, recommendation_gold, SentencingRecommendation,
};
use crate::classify::{classify, DocType};
use crate::dict::{Dictionaries, Polarity, WrittenKind};
use crate::document::{Document, Field, Warning};
use crate::extract::parties::{find_parties, Party};
use crate::pattern::{NameMatcher, PrefixLiterals};
use crate::primitives::{find_articles, find_dates, find_dates_from, Date};
use crate::segment::{segment, SectionKind, Sections};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::LazyLock;

/// A sentencing circumstance asserted for a defendant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "CircumstanceTag")
)]
pub enum Circumstance {
    /// 累犯
    #[serde(rename = "累犯")]
    Recidivist,
    /// 自首
    #[serde(rename = "自首")]
    Surrender,
    /// 坦白 (如实供述自己的罪行, without 自首)
    #[serde(rename = "坦白")]
    Confession,
    /// 立功
    #[serde(rename = "立功")]
    MeritoriousService,
    /// 认罪认罚
    #[serde(rename = "认罪认罚")]
    PleaAgreement,
    /// 未遂
    #[serde(rename = "未遂")]
    Attempt,
    /// 中止
    #[serde(rename = "中止")]
    Abandonment,
    /// 预备
    #[serde(rename = "预备")]
    Preparation,
    /// 从犯
    #[serde(rename = "从犯")]
    Accessory,
    /// 主犯
    #[serde(rename = "主犯")]
    Principal,
    /// 未成年人
    #[serde(rename = "未成年人")]
    Minor,
    /// 退赃退赔
    #[serde(rename = "退赃退赔")]
    Restitution,
    /// 取得谅解
    #[serde(rename = "取得谅解")]
    Forgiveness,
    /// 前科 (a prior record that is not 累犯)
    #[serde(rename = "前科")]
    PriorRecord,
}

impl Circumstance {
    /// Every circumstance.
    pub const ALL: [Circumstance; 14] = [
        Circumstance::Recidivist,
        Circumstance::Surrender,
        Circumstance::Confession,
        Circumstance::MeritoriousService,
        Circumstance::PleaAgreement,
        Circumstance::Attempt,
        Circumstance::Abandonment,
        Circumstance::Preparation,
        Circumstance::Accessory,
        Circumstance::Principal,
        Circumstance::Minor,
        Circumstance::Restitution,
        Circumstance::Forgiveness,
        Circumstance::PriorRecord,
    ];

    /// The circumstance a tag names (`坦白` → [`Circumstance::Confession`]).
    pub fn from_name(tag: &str) -> Option<Circumstance> {
        Circumstance::ALL
            .into_iter()
            .find(|c| c.name() == tag.trim())
    }

    /// Whether the tag belongs to the gold schema (the annotation guide's list, which has no
    /// 主犯 and no 预备).
    pub fn in_gold(self) -> bool {
        !matches!(self, Circumstance::Principal | Circumstance::Preparation)
    }

    /// The tag as written in gold files.
    pub fn name(self) -> &'static str {
        match self {
            Circumstance::Recidivist => "累犯",
            Circumstance::Surrender => "自首",
            Circumstance::Confession => "坦白",
            Circumstance::MeritoriousService => "立功",
            Circumstance::PleaAgreement => "认罪认罚",
            Circumstance::Attempt => "未遂",
            Circumstance::Abandonment => "中止",
            Circumstance::Preparation => "预备",
            Circumstance::Accessory => "从犯",
            Circumstance::Principal => "主犯",
            Circumstance::Minor => "未成年人",
            Circumstance::Restitution => "退赃退赔",
            Circumstance::Forgiveness => "取得谅解",
            Circumstance::PriorRecord => "前科",
        }
    }
}

/// A charge as written, with the official name when known.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Charge {
    /// The charge exactly as written (`非法持有枪支罪`).
    pub name: Field<String>,
    /// The current official charge name the written one stands for, when the charge
    /// dictionary knows it (`非法持有、私藏枪支、弹药罪`; `走私、贩卖、运输、制造毒品罪` for
    /// `贩卖毒品罪`).
    pub official: Option<String>,
}

impl Charge {
    /// A charge read at `range`, resolved against the charge dictionary.
    pub(crate) fn read(doc: &Document, written: String, range: Range<usize>) -> Charge {
        Charge {
            official: official_charge(&written),
            name: doc.field(written, range),
        }
    }

    /// The official name if known, else the written one.
    pub fn canonical(&self) -> &str {
        self.official.as_deref().unwrap_or(&self.name.value)
    }

    /// The name the gold files record: the written name when it is an official name or a
    /// component of a selective charge (贩卖毒品罪, a legitimate conviction name), the official
    /// name for a short form, a variant or a renamed name (帮信罪 → 帮助信息网络犯罪活动罪).
    pub fn gold_name(&self) -> &str {
        let legitimate = DICT.charge(&self.name.value).is_some_and(|r| match r.kind {
            WrittenKind::Official => r.official == Some(r.name),
            WrittenKind::Selective => true,
            _ => false,
        });
        if legitimate {
            &self.name.value
        } else {
            self.canonical()
        }
    }
}

/// The charge dictionary, built once.
static DICT: LazyLock<Dictionaries> = LazyLock::new(Dictionaries::builtin);

/// A defendant of an indictment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Defendant {
    /// Identity, prior records and custody, from the party paragraph.
    pub party: Party,
    /// The charges brought against this defendant.
    pub charges: Vec<Charge>,
    /// Circumstances the prosecution asserts for this defendant.
    pub circumstances: Vec<Field<Circumstance>>,
    /// The sentencing recommendation for this defendant.
    pub recommendation: Option<SentencingRecommendation>,
}

/// An indictment (or a 起诉意见书), extracted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Indictment {
    /// 起诉书, or 起诉意见书 for the police's recommendation to prosecute.
    pub kind: DocType,
    /// The issuing organ in the header: the procuratorate (a 公安局 for 起诉意见书).
    pub procuratorate: Option<Field<String>>,
    /// The document number exactly as printed.
    pub number: Option<Field<String>>,
    /// The signature date.
    pub date: Option<Field<Date>>,
    /// The court (or procuratorate) addressed after 此致.
    pub addressee: Option<Field<String>>,
    /// The defendants, in the order of their paragraphs.
    pub defendants: Vec<Defendant>,
    /// When the case was transferred for review for prosecution (移送审查起诉).
    pub transfer_date: Option<Field<Date>>,
    /// Set when the document says the defendant pleaded guilty and accepted punishment (认罪认罚).
    pub plea_agreement: Option<Field<bool>>,
    /// 刑法 articles cited in the reasoning, in order, without duplicates (`264`, `133之一`).
    pub articles: Vec<Field<String>>,
    /// The procedure proposed: 简易程序, 速裁程序 or 普通程序.
    pub procedure_proposed: Option<Field<String>>,
    /// Problems noticed while reading.
    pub warnings: Vec<Warning>,
}

/// The header and signature of a procuratorate or police document.
#[derive(Debug, Clone, Default)]
pub(crate) struct Header {
    /// The organ before the title.
    pub organ: Option<Field<String>>,
    /// The number after the title, as printed.
    pub number: Option<Field<String>>,
    /// The signature date.
    pub date: Option<Field<Date>>,
    /// Who 此致 addresses.
    pub addressee: Option<Field<String>>,
    /// Where the body begins (after the number line).
    pub body_start: usize,
    /// Where the title stands.
    pub title: Option<Range<usize>>,
    /// Problems (impossible dates …).
    pub warnings: Vec<Warning>,
}

/// Titles of the documents read here, longest first.
const TITLES: &[&str] = &[
    "不批准逮捕决定书",
    "批准逮捕决定书",
    "提请批准逮捕书",
    "逮捕决定书",
    "量刑建议书",
    "起诉意见书",
    "刑事判决书",
    "刑事裁定书",
    "起诉书",
];

const TITLE_WINDOW: usize = 600;

static NUMBER_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"^[\p{Han}A-Za-z0-9（）〔〕]{1,40}?[〔（]\s?[0-9]{4}\s?[〕）]\s?第?\s?[A-Za-z\p{Han}]{0,3}?[0-9]{1,6}\s?号",
    )
});

static ADDRESSEE_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"此\s?致[\s：:]*([^\s，,。；：:]{2,40}?(?:人民法院|法院|人民检察院|检察院|公安局|分局|公安处))",
    )
});

/// `以…号起诉书`, or the number in brackets after it: `本院起诉书（…号）`.
static CITED_INDICTMENT_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"以\s?([^\s，,。；以]{2,40}?号)\s?《?起诉书|起诉书》?\s?[（(]([^\s，,。；（()]{2,40}?号)[）)]",
    )
});

/// Reads the header (organ, title, number), the signature date and the addressee.
pub(crate) fn read_header(doc: &Document) -> Header {
    read_header_in(doc, &segment(doc.text(), DocType::Indictment))
}

/// [`read_header`] with the document's sections as an indictment already found.
fn read_header_in(doc: &Document, sections: &Sections) -> Header {
    let text = doc.text();
    let mut h = Header::default();
    let window = crate::text::prefix(text, TITLE_WINDOW);
    let title = TITLES
        .iter()
        .filter_map(|t| find_title(window, t))
        .min_by_key(|r| (r.start, usize::MAX - r.end));
    if let Some(t) = title.clone() {
        h.title = Some(t.clone());
        h.body_start = t.end;
        // The organ: the last line (or blank-separated token) before the title.
        let before = text[..t.start].trim_end();
        let line_start = before.rfind(['\n', ' ']).map_or(0, |i| i + 1);
        let organ = &before[line_start..];
        if ["院", "局", "处", "所"].iter().any(|e| organ.ends_with(e))
            && organ.chars().count() >= 3
            && organ.chars().count() <= 40
        {
            h.organ = Some(doc.field(organ.to_string(), line_start..line_start + organ.len()));
        }
        // The number: on the line right after the title.
        let after = &text[t.end..];
        let lead = after.len() - after.trim_start().len();
        let at = t.end + lead;
        if let Some(m) = NUMBER_RE.find(&text[at..]) {
            let r = at + m.start()..at + m.end();
            let printed = doc.evidence(r.clone()).text.trim().to_string();
            h.number = Some(doc.field(printed, r.clone()));
            h.body_start = r.end;
        }
    }
    let tail_end = sections
        .get(SectionKind::Appendix)
        .map_or(text.len(), |r| r.start)
        .max(h.body_start);
    let (date, warning) = match signature_date(doc, h.body_start..tail_end) {
        // A note (`附：补充侦查提纲一份。`) may stand before the signature.
        (None, None) if tail_end < text.len() => signature_date(doc, h.body_start..text.len()),
        found => found,
    };
    h.date = date;
    h.warnings.extend(warning);
    if let Some(c) = ADDRESSEE_RE.captures(&text[h.body_start..]) {
        if let Some(m) = c.get(1) {
            let r = h.body_start + m.start()..h.body_start + m.end();
            h.addressee = Some(doc.field(m.as_str().to_string(), r));
        }
    }
    h
}

/// A title standing as a title: at a line start (or after the organ), not inside a sentence.
fn find_title(window: &str, title: &str) -> Option<Range<usize>> {
    let mut from = 0;
    while let Some(p) = window[from..].find(title) {
        let at = from + p;
        let head = &window[..at];
        let before = head.chars().next_back();
        // `变更量刑建议书`, `补充起诉书`: the qualifier is part of the title.
        let qualifier = crate::classify::QUALIFIED_TITLES
            .contains(&title)
            .then(|| crate::classify::title_qualifier(head))
            .flatten();
        let starts = matches!(before, None | Some('\n' | ' '))
            || ["院", "局", "处"].iter().any(|o| head.ends_with(o))
            || qualifier.is_some();
        let after = window[at + title.len()..].chars().next();
        let ends = !matches!(after, Some('，' | '。' | '、' | '提'));
        if starts && ends {
            return Some(at - qualifier.unwrap_or(0)..at + title.len());
        }
        from = at + title.len();
    }
    None
}

/// The number of the indictment a document cites (`以…号起诉书`), as printed.
pub(crate) fn cited_indictment_number(doc: &Document) -> Option<Field<String>> {
    let text = doc.text();
    let c = CITED_INDICTMENT_RE.captures(text)?;
    let m = c.get(1).or_else(|| c.get(2))?;
    let printed = doc.evidence(m.range()).text.trim().to_string();
    Some(doc.field(printed, m.range()))
}

/// The signature date: the last date standing on its own (line or blank-separated) in `range`.
fn signature_date(doc: &Document, range: Range<usize>) -> (Option<Field<Date>>, Option<Warning>) {
    let text = doc.text();
    let Some(hay) = text.get(range.clone()) else {
        return (None, None);
    };
    // The signature stands at the end: the last lines are read first, the whole range only
    // when they hold no date standing on its own.
    let Some((last, offset)) = last_signature_date(hay) else {
        return (None, None);
    };
    let r = range.start + offset + last.span.start..range.start + offset + last.span.end;
    if last.invalid || !last.date.is_full() {
        let w = doc.warning(
            format!("signature date 「{}」 does not exist", &text[r.clone()]),
            Some(r),
        );
        return (None, Some(w));
    }
    (Some(doc.field(last.date, r)), None)
}

/// [`last_standalone_date`] of `hay`, looked for in its last lines first; with the offset its
/// span is relative to.
fn last_signature_date(hay: &str) -> Option<(crate::primitives::DateMatch, usize)> {
    let tail = tail_start(hay, SIGNATURE_TAIL);
    last_standalone_date(&hay[tail..])
        .map(|d| (d, tail))
        .or_else(|| {
            (tail > 0)
                .then(|| last_standalone_date(hay))
                .flatten()
                .map(|d| (d, 0))
        })
}

/// How many bytes from the end the signature is looked for first.
const SIGNATURE_TAIL: usize = 600;

/// The start of a line about `n` bytes from the end of `hay` at which the date search may
/// begin: the line before must not end in a character a date goes on from
/// ([`crate::primitives::date_goes_on_after`]), so that no date match crosses it and the dates found from there are those found from the start. 0 when there is
/// no such line.
fn tail_start(hay: &str, n: usize) -> usize {
    let from = hay.len().saturating_sub(n);
    let bytes = hay.as_bytes();
    memchr::memchr_iter(b'\n', &bytes[from..])
        .map(|i| from + i)
        .find(|&nl| {
            let before = hay[..nl].chars().next_back();
            !before.is_some_and(crate::primitives::date_goes_on_after)
        })
        .map_or(0, |nl| nl + 1)
}

/// The last date of `hay` standing on its own: nothing but a line break, a blank or a colon
/// before it, nothing but a line break, a blank or an opening bracket after it.
fn last_standalone_date(hay: &str) -> Option<crate::primitives::DateMatch> {
    find_dates(hay).into_iter().rev().find(|d| {
        if d.relative {
            return false;
        }
        let before = hay[..d.span.start].chars().next_back();
        let after = hay[d.span.end..].chars().next();
        matches!(before, None | Some('\n' | ' ' | '：' | ':'))
            && matches!(after, None | Some('\n' | ' ' | '（' | '('))
    })
}

static CHARGE_PROSECUTE_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(concat!(
        r"以(",
        crate::pattern::charge_chars!(),
        r"{2,60}?罪)(?:对其|对被告人[^，。；]{0,8}?)?(?:追究|论处|定罪|提起公诉)"
    ))
});

static CHARGE_CONSTITUTE_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(concat!(
        r"构成(",
        crate::pattern::charge_chars!(),
        r"{2,80}?罪)(?:[，,。；;：:（(\s]|$|的)"
    ))
});

/// `涉嫌…罪`, the list of charges up to the punctuation (or 一案 / 被 / 于) after it.
pub(crate) static SUSPECT_CHARGE_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(concat!(
        r"涉嫌(?:犯)?(",
        crate::pattern::charge_chars!(),
        r"{2,80}?罪)(?:[，,。；;：:（(\s0-9]|$|一案|被|于|的|，)"
    ))
});

/// Words ending in 罪 that are not charges.
const NOT_CHARGES: &[&str] = &[
    "犯罪",
    "共同犯罪",
    "单位犯罪",
    "故意犯罪",
    "过失犯罪",
    "数罪",
    "本罪",
    "此罪",
    "该罪",
    "重罪",
    "轻罪",
    "新罪",
    "前罪",
    "余罪",
    "一罪",
    "两罪",
    "二罪",
    "上述犯罪",
    "有罪",
    "无罪",
];

/// Splits `抢劫罪、强奸罪` into charges; a charge name may itself contain 、 but never `罪、`.
pub(crate) fn split_charges_at(list: &str, start: usize) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let mut from = 0;
    while from < list.len() {
        // Charges are listed with 、 or, the last one, with 和 / 及 / 与 (`甲罪和乙罪`).
        let end = ["罪、", "罪和", "罪及", "罪与"]
            .iter()
            .filter_map(|sep| list[from..].find(sep))
            .min()
            .map_or(list.len(), |i| from + i + "罪".len());
        let name = &list[from..end];
        let name = name.trim_start_matches(['、', '和', '及', '与', '犯']);
        let lead = list[from..end].len() - name.len();
        // No charge's name ends in 犯罪: `新的犯罪`, `其他犯罪` speak of crime in general.
        if name.ends_with('罪')
            && !name.ends_with("犯罪")
            && name.chars().count() >= 3
            && !NOT_CHARGES.contains(&name)
        {
            out.push((name.to_string(), start + from + lead..start + end));
        }
        // Each separator is one character of three bytes.
        from = end + if end < list.len() { "、".len() } else { 0 };
    }
    out
}

/// Charges named after a cue (`以…罪追究`, `构成…罪`, `涉嫌…罪`) in `s`, at offset `abs`.
pub(crate) fn charges_in(re: &Regex, s: &str, abs: usize) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    for c in re.captures_iter(s) {
        if let Some(m) = c.get(1) {
            out.extend(split_charges_at(m.as_str(), abs + m.start()));
        }
    }
    out
}

/// Whether the charge dictionary knows the written form as a charge (official or not).
pub(crate) fn is_charge_name(written: &str) -> bool {
    DICT.charge(written).is_some()
}

/// The current official name of a written charge, from the charge dictionary.
pub(crate) fn official_charge(written: &str) -> Option<String> {
    DICT.charge(written)?.official.map(str::to_string)
}

struct Cue {
    tag: Circumstance,
    re: Regex,
    /// Whether a negation just before the cue cancels it.
    negatable: bool,
}

/// The affirming patterns `circumstances.tsv` lists for a tag, as one alternation.
fn dictionary_cues(tag: Circumstance) -> Vec<String> {
    DICT.circumstance_patterns(tag.name())
        .filter(|p| p.polarity == Polarity::Assert)
        .map(|p| {
            if p.regex {
                format!("(?:{})", p.pattern)
            } else {
                regex::escape(&p.pattern)
            }
        })
        .collect()
}

static CUES: LazyLock<Vec<Cue>> = LazyLock::new(|| {
    let cue = |tag, p: &str, negatable| Cue {
        tag,
        re: crate::pattern::re(p),
        negatable,
    };
    // Tags whose wording varies with the thing returned or the party reconciled take the
    // dictionary's forms as well (退出违法所得, 达成和解协议); the others keep cues bound to
    // the defendant's own conduct (the dictionary's bare 未成年 would catch a victim).
    let with_dictionary = |tag, p: &str, negatable| {
        let mut alternatives = vec![format!("(?:{p})")];
        alternatives.extend(dictionary_cues(tag));
        cue(tag, &alternatives.join("|"), negatable)
    };
    use Circumstance::*;
    vec![
        cue(Recidivist, r"累犯", true),
        cue(Surrender, r"自首|第六十七条第一款|第67条第1款", true),
        cue(
            Confession,
            r"如实供述|坦白|第六十七条第三款|第67条第3款",
            true,
        ),
        cue(MeritoriousService, r"立功", true),
        cue(PleaAgreement, r"认罪认罚", true),
        cue(Attempt, r"未遂|未得逞", true),
        cue(Abandonment, r"中止", true),
        cue(Preparation, r"犯罪预备|预备犯|系预备", true),
        cue(Accessory, r"从犯|次要作用|辅助作用", true),
        cue(Principal, r"主犯|主要作用", true),
        cue(
            Minor,
            r"(?:已满|不满|未满)十[二四六]周岁[，,]?(?:不满|未满)十八周岁|(?:不满|未满)十八周岁|系未成年人|未成年人犯罪|犯罪时(?:系|是|为|尚)?未成年",
            false,
        ),
        with_dictionary(
            Restitution,
            r"退赃|退赔|退缴|(?:退还|退回|归还|返还)(?:了)?(?:全部|部分)?(?:赃款|赃物|违法所得|透支本金|本金|挪用(?:的)?(?:公款|资金|款项)|所骗(?:取)?(?:的)?(?:款项|钱款|财物))",
            true,
        ),
        with_dictionary(Forgiveness, r"谅解", true),
        cue(PriorRecord, r"前科", true),
    ]
});

/// The prefix literals of [`COLLECTIVE_RE`] (pattern 0) and of the [`CUES`] (from
/// [`FIRST_CUE`] on), scanned once per reasoning instead of a search per clause.
static REASONING_LITERALS: LazyLock<PrefixLiterals> = LazyLock::new(|| {
    PrefixLiterals::new(std::iter::once(&*COLLECTIVE_RE).chain(CUES.iter().map(|c| &c.re)))
});
const FIRST_CUE: usize = 1;

static NEGATION_RE: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::re(r"不|未|非|无|没有|拒不|否认|尚不|不能|不宜|不予|不区分"));

static COLLECTIVE_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"[二两三四五六七八九十]被告人|[二两三四五六七八九十]名被告人|各被告人|上述被告人|全体被告人|被告人均|本案被告人|上列被告人|[二两三四五六七八九十]犯罪嫌疑人|各犯罪嫌疑人|上述犯罪嫌疑人",
    )
});

static PROCEDURE_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"建议(?:本案|对本案)?(?:依法)?(?:适用|按照?|采用|依照)(简易程序|速裁程序|普通程序)",
    )
});

static PROCEDURE_AGREE_RE: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::re(r"同意(?:本案)?(?:依法)?适用(简易程序|速裁程序|普通程序)"));

static TRANSFER_RE: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::re(r"移送(?:本院)?审查起诉"));

static PLEA_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(r"自愿认罪认罚|签署(?:了)?《?认罪认罚具结书|认罪认罚具结书")
});

/// Extracts an indictment (起诉书) or a police 起诉意见书.
pub fn extract_indictment(doc: &Document) -> Indictment {
    let text = doc.text();
    let ty = classify(doc).doc_type;
    let mut warnings = Vec::new();
    let kind = match ty {
        DocType::Indictment | DocType::ProsecutionOpinion => ty,
        other => {
            warnings.push(doc.warning(
                format!("not an indictment (classified as {})", other.name()),
                None,
            ));
            DocType::Indictment
        }
    };
    let sections = segment(text, kind);
    let header = if kind == DocType::Indictment {
        read_header_in(doc, &sections)
    } else {
        read_header(doc)
    };
    warnings.extend(header.warnings.iter().cloned());
    let parties_range = sections
        .get(SectionKind::Parties)
        .unwrap_or(header.body_start..header.body_start);
    let parties: Vec<Party> = find_parties(doc, parties_range, &mut warnings)
        .into_iter()
        .filter(|p| is_person_name(&p.name.value))
        .collect();
    let names: Vec<&str> = parties.iter().map(|p| p.name.value.as_str()).collect();
    let reasoning = reasoning_range(&sections, text.len());
    if reasoning.is_none() {
        warnings.push(doc.warning("no reasoning (本院认为) found", None));
    }
    let mut defendants: Vec<Defendant> = parties
        .iter()
        .map(|p| Defendant {
            party: p.clone(),
            charges: Vec::new(),
            circumstances: Vec::new(),
            recommendation: None,
        })
        .collect();
    if let Some(r) = reasoning.clone() {
        for (d, (charges, circumstances)) in
            defendants
                .iter_mut()
                .zip(read_reasoning(doc, r.clone(), &names))
        {
            d.charges = charges;
            d.circumstances = circumstances;
        }
        let recs = parse_recommendation_in(doc, r.clone(), &names, &mut warnings);
        assign_recommendations(doc, recs, &mut defendants, &mut warnings);
    }
    charges_fallback(doc, &sections, &names, &mut defendants);
    let articles = reasoning
        .clone()
        .map_or_else(Vec::new, |r| criminal_law_articles(doc, r));
    let plea_agreement = plea_flag(doc, &defendants, &sections);
    let before_signature = sections
        .get(SectionKind::Signature)
        .or_else(|| sections.get(SectionKind::Appendix))
        .map_or(text.len(), |r| r.start);
    let procedure_proposed = proposed_procedure(doc, 0..before_signature);
    let transfer_date = transfer_date(doc, &sections, &mut warnings);
    check_completeness(
        doc,
        &header,
        &sections,
        &parties,
        reasoning.is_some(),
        &mut warnings,
    );
    Indictment {
        kind,
        procuratorate: header.organ,
        number: header.number,
        date: header.date,
        addressee: header.addressee,
        defendants,
        transfer_date,
        plea_agreement,
        articles,
        procedure_proposed,
        warnings,
    }
}

/// Whether a party name read from a paragraph start is a name and not a phrase.
pub(crate) fn is_person_name(name: &str) -> bool {
    !["涉嫌", "一案", "罪", "等人", "的"]
        .iter()
        .any(|w| name.contains(w))
}

/// From 本院认为 (or the recommendation, when it comes first) to the signature or appendix.
fn reasoning_range(sections: &Sections, len: usize) -> Option<Range<usize>> {
    let start = [
        sections.get(SectionKind::Reasoning),
        sections.get(SectionKind::Recommendation),
    ]
    .into_iter()
    .flatten()
    .map(|r| r.start)
    .min()?;
    let end = [
        sections.get(SectionKind::Signature),
        sections.get(SectionKind::Appendix),
    ]
    .into_iter()
    .flatten()
    .map(|r| r.start)
    .filter(|&s| s > start)
    .min()
    .unwrap_or(len);
    Some(start..end)
}

/// Sub-clauses: runs without `，。；` or a line break.
fn sub_clauses(s: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if matches!(c, '，' | ',' | '。' | '；' | ';' | '\n') {
            if i > start {
                out.push(start..i);
            }
            start = i + c.len_utf8();
        }
    }
    if start < s.len() {
        out.push(start..s.len());
    }
    out
}

/// The number of a list item at the start of a clause: `一、`, `2.`, `（三）`.
static LIST_NUMBER_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"^(?:[一二三四五六七八九十]{1,3}、|[0-9]{1,2}[.．、]|[（(][一二三四五六七八九十0-9]{1,3}[）)])",
    )
});

/// The length of the list number (`一、`, `2.`, `（三）`) that `s` opens with, or 0.
pub(crate) fn list_number_len(s: &str) -> usize {
    LIST_NUMBER_RE.find(s).map_or(0, |m| m.end())
}

/// A sub-clause that is the charge committed: `被告人甲、乙犯盗窃罪`, `一、被告人甲犯诈骗罪`,
/// `犯非法经营罪`, or a block's label `罪名：盗窃罪`.
static COMMITTED_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(concat!(
        r"^\s*(?:[一二三四五六七八九十]{1,3}、|[0-9]{1,2}[.．、]|[（(][一二三四五六七八九十0-9]{1,3}[）)])?(?:(?:(?:被告人|犯罪嫌疑人)[^\s，,。；;犯]{1,30}?)?犯|罪名[：:]\s?)(",
        crate::pattern::charge_chars!(),
        r"{2,60}?罪)\s*$"
    ))
});

/// A sub-clause that is a numbered item's heading naming a charge: `（一）盗窃罪`.
static ITEM_CHARGE_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(concat!(
        r"^\s*(?:[一二三四五六七八九十]{1,3}、|[0-9]{1,2}[.．、]|[（(][一二三四五六七八九十0-9]{1,3}[）)])\s?(",
        crate::pattern::charge_chars!(),
        r"{2,60}?罪)\s*$"
    ))
});

/// The defendants a sub-clause opens with (`被告人甲、乙…`), if it opens with names.
fn leading_names(clause: &str, ac: &NameMatcher, names: &[&str]) -> Vec<usize> {
    let mut out = Vec::new();
    let trimmed = clause.trim_start();
    // Most clauses open with no list number: the first character tells.
    let numbered = trimmed.chars().next().is_some_and(|c| {
        c.is_ascii_digit()
            || matches!(
                c,
                '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '（' | '('
            )
    });
    let number_end = if numbered {
        LIST_NUMBER_RE.find(trimmed).map_or(0, |m| m.end())
    } else {
        0
    };
    let mut rest = &trimmed[number_end..];
    // Whether a unit was named by its role alone: it counts only beside a name.
    let mut bare_unit = false;
    loop {
        // `被告单位、被告人乙均…`: the unit named by its role alone.
        if let Some(r) = rest.strip_prefix("被告单位") {
            if let Some(sep) = ['、', '和', '及', '与']
                .into_iter()
                .find(|c| r.starts_with(*c))
            {
                for (i, n) in names.iter().enumerate() {
                    if crate::docs::recommendation::is_unit_name(n) && !out.contains(&i) {
                        out.push(i);
                    }
                }
                rest = &r[sep.len_utf8()..];
                bare_unit = true;
                continue;
            }
        }
        for w in [
            "被告单位",
            "被告人",
            "犯罪嫌疑人",
            "姓名：",
            "名称：",
            "对",
            "其中",
            "、",
            "和",
            "及",
            "与",
        ] {
            if let Some(r) = rest.strip_prefix(w) {
                rest = r;
            }
        }
        let found = ac.find(rest).filter(|m| m.start() == 0);
        let Some(m) = found else {
            // `被告单位及二被告人均…` names the group, not the unit alone.
            if bare_unit
                && out
                    .iter()
                    .all(|&i| crate::docs::recommendation::is_unit_name(names[i]))
            {
                out.clear();
            }
            break;
        };
        let name = &rest[..m.end()];
        if let Some(i) = names.iter().position(|n| *n == name) {
            if !out.contains(&i) {
                out.push(i);
            }
        }
        rest = &rest[m.end()..];
        if !(rest.starts_with('、')
            || rest.starts_with('和')
            || rest.starts_with('及')
            || rest.starts_with('与'))
        {
            break;
        }
    }
    out
}

/// The defendants `s` opens with after `对` / `被告人` (`被告人张某、李某的刑事责任`).
fn named_defendants(s: &str, ac: &NameMatcher, names: &[&str]) -> Vec<usize> {
    let rest = s.trim_start();
    let rest = rest.strip_prefix('对').unwrap_or(rest);
    leading_names(rest, ac, names)
}

/// What the reasoning says of each defendant: charges and circumstances.
pub(crate) type ReasoningRead = (Vec<Charge>, Vec<Field<Circumstance>>);

/// Reads charges and circumstances clause by clause, attributing each to the defendants the
/// clause is about (named at its start, collectively, or carried over from before). One entry
/// per name, in the order of `names`.
pub(crate) fn read_reasoning(
    doc: &Document,
    range: Range<usize>,
    names: &[&str],
) -> Vec<ReasoningRead> {
    let text = doc.text();
    let Some(hay) = text.get(range.clone()) else {
        return vec![(Vec::new(), Vec::new()); names.len()];
    };
    let all: Vec<usize> = (0..names.len()).collect();
    // `二被告人`, `各被告人` speak of the persons; a unit is named as 被告单位 beside them.
    let persons: Vec<usize> = all
        .iter()
        .copied()
        .filter(|&i| !crate::docs::recommendation::is_unit_name(names[i]))
        .collect();
    let ac = NameMatcher::new(names);
    let mut subject: Vec<usize> = Vec::new();
    let mut prosecuted: Vec<Vec<(String, Range<usize>)>> = vec![Vec::new(); names.len()];
    let mut constituted: Vec<Vec<(String, Range<usize>)>> = vec![Vec::new(); names.len()];
    let mut suspected: Vec<Vec<(String, Range<usize>)>> = vec![Vec::new(); names.len()];
    let mut committed: Vec<Vec<(String, Range<usize>)>> = vec![Vec::new(); names.len()];
    let mut circumstances: Vec<Vec<Field<Circumstance>>> = vec![Vec::new(); names.len()];
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut open_group: Vec<usize> = Vec::new();
    let clauses = sub_clauses(hay);
    let cands = REASONING_LITERALS.candidates(hay, &(0..hay.len()), &clauses);
    for (ci, clause) in clauses.iter().enumerate() {
        let s = &hay[clause.clone()];
        let abs = range.start + clause.start;
        if let Some(ac) = ac.as_ref() {
            let lead = leading_names(s, ac, names);
            if !lead.is_empty() {
                subject = lead;
            } else if cands.is_match(0, &COLLECTIVE_RE, hay, ci, clause) {
                let with_unit = s.contains("被告单位") || s.contains("犯罪嫌疑单位");
                subject = if with_unit || persons.is_empty() {
                    all.clone()
                } else {
                    persons.clone()
                };
            } else if subject.is_empty() {
                let mentioned: Vec<usize> = ac
                    .find_iter(s)
                    .filter_map(|m| names.iter().position(|n| *n == &s[m.range()]))
                    .collect();
                if !mentioned.is_empty() {
                    subject = mentioned;
                }
            }
        }
        let who: &[usize] = if subject.is_empty() { &all } else { &subject };
        // Every charge pattern below ends in 罪.
        let names_charge = s.contains('罪');
        // `被告人甲犯盗窃罪，…` / `…，犯盗窃罪，建议判处…`: a clause that is only the charge
        // the defendant committed.
        // `（一）盗窃罪` heading an item of its own is the charge the item is about.
        let item_charge = names_charge
            .then(|| ITEM_CHARGE_RE.captures(s))
            .flatten()
            .and_then(|c| c.get(1))
            .filter(|m| is_charge_name(m.as_str()));
        let committed_charge = names_charge
            .then(|| COMMITTED_RE.captures(s))
            .flatten()
            .and_then(|c| c.get(1))
            .or(item_charge);
        if let Some(m) = committed_charge {
            for (name, r) in split_charges_at(m.as_str(), abs + m.start()) {
                for &i in who {
                    if let Some(list) = committed.get_mut(i) {
                        if !list.iter().any(|(n, _)| *n == name) {
                            list.push((name.clone(), r.clone()));
                        }
                    }
                }
            }
        }
        // Each `其行为触犯了…` closes a group: the defendants named since the one before.
        if let Some(ac) = ac.as_ref() {
            for i in ac
                .find_iter(s)
                .filter_map(|m| names.iter().position(|n| *n == &s[m.range()]))
            {
                if !open_group.contains(&i) {
                    open_group.push(i);
                }
            }
        }
        if s.contains("触犯") {
            let group = if open_group.is_empty() {
                who.to_vec()
            } else {
                std::mem::take(&mut open_group)
            };
            groups.push(group);
        }
        if names_charge {
            for c in CHARGE_PROSECUTE_RE.captures_iter(s) {
                let (Some(whole), Some(m)) = (c.get(0), c.get(1)) else {
                    continue;
                };
                let charges = split_charges_at(m.as_str(), abs + m.start());
                // `以甲罪追究被告人张某的刑事责任` / `以甲罪对被告人张某追究…`: the defendants
                // named with the charge are its subject, whoever the clause opened with.
                let named = ac.as_ref().map_or_else(Vec::new, |ac| {
                    let inside = named_defendants(&s[m.end()..whole.end()], ac, names);
                    if inside.is_empty() {
                        named_defendants(&s[whole.end()..], ac, names)
                    } else {
                        inside
                    }
                });
                // `分别以甲罪、乙罪追究其刑事责任` after as many groups as charges: one each.
                let respectively = named.is_empty()
                    && s[..m.start()].contains("分别")
                    && charges.len() > 1
                    && charges.len() == groups.len();
                for (k, (name, r)) in charges.into_iter().enumerate() {
                    let targets: &[usize] = if !named.is_empty() {
                        &named
                    } else if respectively {
                        groups.get(k).map_or(who, Vec::as_slice)
                    } else {
                        who
                    };
                    for &i in targets {
                        if let Some(list) = prosecuted.get_mut(i) {
                            if !list.iter().any(|(n, _)| *n == name) {
                                list.push((name.clone(), r.clone()));
                            }
                        }
                    }
                }
            }
            if CHARGE_PROSECUTE_RE.is_match(s) {
                groups.clear();
            }
            for (re, store) in [
                (&*CHARGE_CONSTITUTE_RE, &mut constituted),
                (&*SUSPECT_CHARGE_RE, &mut suspected),
            ] {
                for (name, r) in charges_in(re, s, abs) {
                    for &i in who {
                        if let Some(list) = store.get_mut(i) {
                            if !list.iter().any(|(n, _)| *n == name) {
                                list.push((name.clone(), r.clone()));
                            }
                        }
                    }
                }
            }
        }
        for (k, cue) in CUES.iter().enumerate() {
            if !cands.may_match(FIRST_CUE + k, ci) {
                continue;
            }
            for m in cue.re.find_iter(s) {
                if cue.negatable && negated(s, m.start()) {
                    continue;
                }
                if cue.tag == Circumstance::Minor && s[..m.start()].contains("被害人") {
                    continue;
                }
                if cue.tag == Circumstance::PriorRecord && s[m.end()..].starts_with("材料") {
                    continue;
                }
                // `…情节和认罪认罚情况`: a topic, not an assertion.
                if s[m.end()..].starts_with("情况") {
                    continue;
                }
                // 胁从犯 is not 从犯.
                if cue.tag == Circumstance::Accessory && s[..m.start()].ends_with('胁') {
                    continue;
                }
                // A title quoted in 《》 (…认罪认罚从宽制度…办法) asserts nothing.
                if s[..m.start()].matches('《').count() > s[..m.start()].matches('》').count() {
                    continue;
                }
                for &i in who {
                    if let Some(list) = circumstances.get_mut(i) {
                        if !list.iter().any(|c| c.value == cue.tag) {
                            list.push(doc.field(cue.tag, abs + m.start()..abs + m.end()));
                        }
                    }
                }
                break;
            }
        }
    }
    let mut out = Vec::with_capacity(names.len());
    for (i, mut circ) in circumstances.into_iter().enumerate() {
        let chosen = [
            &prosecuted[i],
            &constituted[i],
            &suspected[i],
            &committed[i],
        ]
        .into_iter()
        .find(|l| !l.is_empty());
        let charges = chosen.map_or_else(Vec::new, |list| {
            list.iter()
                .map(|(n, r)| Charge::read(doc, n.clone(), r.clone()))
                .collect()
        });
        settle_circumstances(&mut circ);
        out.push((charges, circ));
    }
    out
}

/// Whether a negation stands shortly before `at` in the clause.
fn negated(s: &str, at: usize) -> bool {
    let before = &s[..at];
    let start = before.char_indices().rev().nth(5).map_or(0, |(i, _)| i);
    NEGATION_RE.is_match(&before[start..])
}

/// 自首 excludes 坦白; 累犯 excludes 前科; kept in the order asserted.
fn settle_circumstances(list: &mut Vec<Field<Circumstance>>) {
    let has = |l: &Vec<Field<Circumstance>>, c| l.iter().any(|f| f.value == c);
    if has(list, Circumstance::Surrender) {
        list.retain(|f| f.value != Circumstance::Confession);
    }
    if has(list, Circumstance::Recidivist) {
        list.retain(|f| f.value != Circumstance::PriorRecord);
    }
}

/// Charges for defendants the reasoning did not charge: the procedure paragraph's
/// `以被告人甲、乙涉嫌…罪`, then the party paragraph's `因涉嫌…罪`.
fn charges_fallback(
    doc: &Document,
    sections: &Sections,
    names: &[&str],
    defendants: &mut [Defendant],
) {
    let text = doc.text();
    let ac = NameMatcher::new(names);
    if let (Some(r), Some(ac)) = (sections.get(SectionKind::Procedure), ac.as_ref()) {
        let hay = &text[r.clone()];
        for c in SUSPECT_CHARGE_RE.captures_iter(hay) {
            let (Some(whole), Some(list)) = (c.get(0), c.get(1)) else {
                continue;
            };
            // The names in the same clause, before 涉嫌.
            let clause_start = hay[..whole.start()]
                .rfind(['，', '。', '；'])
                .map_or(0, |i| i + '，'.len_utf8());
            let who: Vec<usize> = ac
                .find_iter(&hay[clause_start..whole.start()])
                .filter_map(|m| {
                    let n = &hay[clause_start + m.start()..clause_start + m.end()];
                    names.iter().position(|x| *x == n)
                })
                .collect();
            for i in who {
                if let Some(d) = defendants.get_mut(i) {
                    if d.charges.is_empty() {
                        d.charges = split_charges_at(list.as_str(), r.start + list.start())
                            .into_iter()
                            .map(|(n, rr)| Charge::read(doc, n, rr))
                            .collect();
                    }
                }
            }
        }
    }
    for d in defendants.iter_mut().filter(|d| d.charges.is_empty()) {
        let p = d.party.paragraph.clone();
        if let Some(hay) = text.get(p.clone()) {
            d.charges = charges_in(&SUSPECT_CHARGE_RE, hay, p.start)
                .into_iter()
                .map(|(n, r)| Charge::read(doc, n, r))
                .collect();
        }
    }
}

fn assign_recommendations(
    doc: &Document,
    recs: Vec<super::recommendation::NamedRecommendation>,
    defendants: &mut [Defendant],
    warnings: &mut Vec<Warning>,
) {
    for (name, rec) in recs {
        match name {
            Some(n) => {
                if let Some(d) = defendants
                    .iter_mut()
                    .find(|d| d.party.name.value == n.value)
                {
                    d.recommendation = Some(rec);
                }
            }
            None if defendants.len() == 1 => defendants[0].recommendation = Some(rec),
            None if COLLECTIVE_RE.is_match(&rec.evidence.text)
                || rec.evidence.text.contains('均') =>
            {
                for d in defendants.iter_mut() {
                    d.recommendation = Some(rec.clone());
                }
            }
            None => {
                let at = doc.text().find(&rec.evidence.text);
                warnings.push(doc.warning(
                    "sentencing recommendation names no defendant",
                    at.map(|s| s..s + rec.evidence.text.len()),
                ));
            }
        }
    }
}

/// 刑法 articles in the range, in order, without duplicates.
pub(crate) fn criminal_law_articles(doc: &Document, range: Range<usize>) -> Vec<Field<String>> {
    let text = doc.text();
    let mut out: Vec<Field<String>> = Vec::new();
    for a in find_articles(&text[range.clone()]) {
        if a.law == "刑法" && !out.iter().any(|f| f.value == a.article) {
            out.push(doc.field(
                a.article,
                range.start + a.span.start..range.start + a.span.end,
            ));
        }
    }
    out
}

fn plea_flag(doc: &Document, defendants: &[Defendant], sections: &Sections) -> Option<Field<bool>> {
    if let Some(c) = defendants
        .iter()
        .flat_map(|d| d.circumstances.iter())
        .find(|c| c.value == Circumstance::PleaAgreement)
    {
        return Some(Field {
            value: true,
            evidence: c.evidence.clone(),
        });
    }
    let text = doc.text();
    let from = sections.get(SectionKind::Parties).map_or(0, |r| r.start);
    let m = PLEA_RE.find(&text[from..])?;
    Some(doc.field(true, from + m.start()..from + m.end()))
}

/// The procedure proposed in `range`: `建议…适用X`, else `同意…适用X`.
pub(crate) fn proposed_procedure(doc: &Document, range: Range<usize>) -> Option<Field<String>> {
    let hay = doc.text().get(range.clone())?;
    let c = PROCEDURE_RE
        .captures(hay)
        .or_else(|| PROCEDURE_AGREE_RE.captures(hay))?;
    let whole = c.get(0)?;
    let m = c.get(1)?;
    Some(doc.field(
        m.as_str().to_string(),
        range.start + whole.start()..range.start + whole.end(),
    ))
}

fn transfer_date(
    doc: &Document,
    sections: &Sections,
    warnings: &mut Vec<Warning>,
) -> Option<Field<Date>> {
    let text = doc.text();
    let range = sections
        .get(SectionKind::Procedure)
        .unwrap_or(0..text.len());
    let hay = &text[range.clone()];
    let m = TRANSFER_RE.find(hay)?;
    let sentence_start = hay[..m.start()]
        .rfind('。')
        .map_or(0, |i| i + '。'.len_utf8());
    // Anchor relative dates (同年…) on the last full date before the sentence.
    let anchor = find_dates(&text[..range.start + sentence_start])
        .into_iter()
        .rev()
        .find(|d| d.date.is_full() && !d.invalid)
        .map(|d| d.date);
    let dates = find_dates_from(&hay[sentence_start..m.start()], anchor);
    let d = dates.last()?;
    let r = range.start + sentence_start + d.span.start..range.start + sentence_start + d.span.end;
    if d.invalid || !d.date.is_full() {
        warnings.push(doc.warning(
            format!("transfer date 「{}」 does not exist", &text[r.clone()]),
            Some(r),
        ));
        return None;
    }
    Some(doc.field(d.date, r))
}

/// Warns when the document is only part of an indictment, or carries a second document.
fn check_completeness(
    doc: &Document,
    header: &Header,
    sections: &Sections,
    parties: &[Party],
    has_reasoning: bool,
    warnings: &mut Vec<Warning>,
) {
    let text = doc.text();
    let mut missing = Vec::new();
    if header.title.is_none() {
        missing.push("title");
    }
    if parties.is_empty() {
        missing.push("defendants");
    }
    if !has_reasoning {
        missing.push("reasoning (本院认为)");
    }
    if sections.get(SectionKind::Signature).is_none() {
        missing.push("signature (此致)");
    }
    if header.date.is_none() {
        missing.push("date");
    }
    if !missing.is_empty() && missing.len() < 5 {
        // Point at where the text stops.
        let trimmed = text.trim_end();
        let tail_start = trimmed.char_indices().rev().nth(29).map_or(0, |(i, _)| i);
        warnings.push(doc.warning(
            format!("incomplete indictment: no {}", missing.join(", ")),
            Some(tail_start..trimmed.len()),
        ));
    }
    // A second document glued after this one.
    if let Some(t) = header.title.clone() {
        const TITLES: [&str; 5] = [
            "刑事判决书",
            "刑事裁定书",
            "起诉书",
            "批准逮捕决定书",
            "量刑建议书",
        ];
        // Every title ends with 书: one scan for it, then the first title of the list that
        // stands alone on its line, at its first such place.
        let mut first: Option<(usize, usize)> = None;
        for end in memchr::memmem::find_iter(&text.as_bytes()[t.end..], "书".as_bytes()) {
            let end = t.end + end + "书".len();
            for (k, title) in TITLES.iter().enumerate() {
                let Some(at) = end.checked_sub(title.len()).filter(|&at| at >= t.end) else {
                    continue;
                };
                if !text.is_char_boundary(at) || &text[at..end] != *title {
                    continue;
                }
                let before = text[..at].chars().next_back();
                let after = text[end..].chars().next();
                let standalone =
                    matches!(before, Some('\n' | ' ')) && matches!(after, None | Some('\n' | ' '));
                if standalone && first.is_none_or(|(fk, _)| k < fk) {
                    first = Some((k, at));
                }
            }
        }
        if let Some((k, at)) = first {
            let title = TITLES[k];
            warnings.push(doc.warning(
                format!("a second document ({title}) begins inside this indictment"),
                Some(at..at + title.len()),
            ));
        }
    }
}

/// The indictment in the gold schema of the case bundles (`truth.json` → `indictment`):
/// number as printed, ISO dates, defendants with identity, custody, charges (official names
/// where known, and as written), circumstances and recommendation (see
/// [`recommendation_gold`]), 刑法 articles as strings, the proposed procedure, and the court
/// addressed.
pub fn indictment_gold(ind: &Indictment) -> serde_json::Value {
    let s = |f: &Option<Field<String>>| f.as_ref().map(|f| f.value.clone());
    let d = |f: &Option<Field<Date>>| f.as_ref().map(|f| f.value.to_string());
    let defendants: Vec<serde_json::Value> = ind
        .defendants
        .iter()
        .map(|def| {
            let p = &def.party;
            serde_json::json!({
                "name": p.name.value,
                "gender": s(&p.gender),
                "birth_date": d(&p.birth_date),
                "id_number": p.id_number.as_ref().map(|i| i.value.number.clone()),
                "ethnicity": s(&p.ethnicity),
                "custody": p.custody.iter().map(|c| serde_json::json!({
                    "measure": c.measure,
                    "date": c.date.map(|x| x.to_string()),
                })).collect::<Vec<_>>(),
                "charges": def.charges.iter().map(|c| c.gold_name().to_string()).collect::<Vec<_>>(),
                "charges_written": def.charges.iter().map(|c| c.name.value.clone()).collect::<Vec<_>>(),
                "circumstances": def.circumstances.iter().filter(|c| c.value.in_gold()).map(|c| c.value.name()).collect::<Vec<_>>(),
                "recommendation": def.recommendation.as_ref().map(recommendation_gold),
            })
        })
        .collect();
    serde_json::json!({
        "number": s(&ind.number),
        "date": d(&ind.date),
        "procuratorate": s(&ind.procuratorate),
        "court": s(&ind.addressee),
        "defendants": defendants,
        "articles": ind.articles.iter().map(|a| a.value.clone()).collect::<Vec<_>>(),
        "procedure_proposed": gold_procedure(&ind.procedure_proposed),
    })
}

/// The gold records a proposal of 简易程序 or 速裁程序 only: 普通程序 is the default a
/// proposal departs from, so proposing it is recorded as no proposal.
pub(crate) fn gold_procedure(p: &Option<Field<String>>) -> Option<String> {
    p.as_ref()
        .map(|f| f.value.clone())
        .filter(|v| v != "普通程序")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Looking at the last lines first finds the date a search of the whole text finds, on
    /// every committed fixture and on dates run over a line break.
    #[test]
    fn signature_dates_from_the_tail_are_those_of_the_whole_text() {
        let mut texts: Vec<String> = crate::test_support::fixture_texts(&[
            "tests/fixtures/procuratorate",
            "tests/fixtures/judgments",
        ]);
        let filler = "本案事实清楚。\n".repeat(60);
        for tail in [
            "2023年\n5月6日",
            "二〇二三年五\n月六日",
            "2023\n年5月6日",
            "2023.5.6\n",
            "同年\n5月6日",
        ] {
            texts.push(format!("{filler}签名\n2021年3月4日\n{filler}{tail}"));
        }
        let mut found = 0;
        for text in &texts {
            let text = crate::text::normalize(text).text;
            let want = last_standalone_date(&text).map(|d| (d.span, d.date));
            let got = last_signature_date(&text)
                .map(|(d, at)| (d.span.start + at..d.span.end + at, d.date));
            assert_eq!(got, want, "{}", crate::text::prefix(&text, 60));
            found += usize::from(want.is_some());
        }
        assert!(found > 50, "{found}");
    }

    /// The literal scan of a reasoning skips only clauses where a pattern cannot match, on
    /// every committed fixture, and leaves no pattern searched in every clause.
    #[test]
    fn charges_listed_with_he_are_two() {
        let got: Vec<String> = split_charges_at(
            "非法获取计算机信息系统数据罪和提供侵入计算机信息系统程序罪",
            0,
        )
        .into_iter()
        .map(|(c, _)| c)
        .collect();
        assert_eq!(
            got,
            [
                "非法获取计算机信息系统数据罪",
                "提供侵入计算机信息系统程序罪"
            ]
        );
    }

    #[test]
    fn two_defendants_said_collectively_are_the_persons_not_the_unit() {
        let t = "本院认为，被告人甲某、乙某某的行为均触犯了刑法。二被告人到案后如实供述自己的罪行，可以从轻处罚。被告单位及二被告人自愿认罪认罚。";
        let doc = Document::from_text("t", t);
        let read = read_reasoning(&doc, 0..t.len(), &["某某药业有限公司", "甲某", "乙某某"]);
        let tags: Vec<Vec<Circumstance>> = read
            .iter()
            .map(|(_, c)| c.iter().map(|f| f.value).collect())
            .collect();
        assert_eq!(
            tags,
            [
                vec![Circumstance::PleaAgreement],
                vec![Circumstance::Confession, Circumstance::PleaAgreement],
                vec![Circumstance::Confession, Circumstance::PleaAgreement]
            ]
        );
    }

    #[test]
    fn reasoning_literals_skip_only_clauses_without_a_match() {
        assert_eq!(REASONING_LITERALS.always(), 0);
        let patterns: Vec<&Regex> = std::iter::once(&*COLLECTIVE_RE)
            .chain(super::CUES.iter().map(|c| &c.re))
            .collect();
        let mut texts = vec!["二被告人均系累犯，如实供述，自首；认罪认罚。系未成年人".to_string()];
        texts.extend(crate::test_support::fixture_texts(&[
            "tests/fixtures/procuratorate",
            "tests/fixtures/judgments",
        ]));
        let mut matched = 0;
        for text in &texts {
            let text = crate::text::normalize(text).text;
            let clauses = sub_clauses(&text);
            let cands = REASONING_LITERALS.candidates(&text, &(0..text.len()), &clauses);
            for (p, re) in patterns.iter().enumerate() {
                for (ci, c) in clauses.iter().enumerate() {
                    let want = re.is_match(&text[c.clone()]);
                    assert!(
                        cands.may_match(p, ci) || !want,
                        "{} in {:?}",
                        re.as_str(),
                        &text[c.clone()]
                    );
                    assert_eq!(cands.is_match(p, re, &text, ci, c), want);
                    matched += usize::from(want);
                }
            }
        }
        assert!(matched > 100, "{matched}");
    }

    fn tags(reasoning: &str, names: &[&str]) -> Vec<Vec<&'static str>> {
        let doc = Document::from_text("t", reasoning);
        read_reasoning(&doc, 0..doc.text().len(), names)
            .into_iter()
            .map(|(_, c)| c.iter().map(|f| f.value.name()).collect())
            .collect()
    }

    #[test]
    fn a_clause_of_the_charge_committed_charges_its_subject() {
        let charges = |reasoning: &str| {
            let doc = Document::from_text("t", reasoning);
            read_reasoning(&doc, 0..doc.text().len(), &["张某", "李某某"])
                .into_iter()
                .map(|(c, _)| c.iter().map(|c| c.name.value.clone()).collect::<Vec<_>>())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            charges("一、被告人张某犯盗窃罪，数额较大。建议判处有期徒刑一年。\n二、被告人李某某未经许可出售烟草，犯非法经营罪，建议判处拘役三个月。"),
            [vec!["盗窃罪".to_string()], vec!["非法经营罪".to_string()]]
        );
        // A past conviction (`曾因犯…罪被判处`) is not the charge.
        assert_eq!(
            charges("被告人张某曾因犯盗窃罪被判处有期徒刑一年。"),
            [Vec::<String>::new(), Vec::new()]
        );
    }

    #[test]
    fn a_circumstance_named_as_a_topic_is_not_asserted() {
        assert_eq!(
            tags("结合各被告人的犯罪事实、情节和认罪认罚情况，提出量刑建议如下：被告人张某拒不供述。", &["张某"]),
            [Vec::<&str>::new()]
        );
        assert_eq!(
            tags("被告人张某自愿认罪认罚。", &["张某"]),
            [vec!["认罪认罚"]]
        );
    }

    /// (reasoning about 张某, the tags asserted)
    const CUES: &[(&str, &[&str])] = &[
        ("被告人张某系累犯，应当从重处罚。", &["累犯"]),
        ("被告人张某不构成累犯。", &[]),
        (
            "被告人张某到案后如实供述自己的罪行，可以从轻处罚。",
            &["坦白"],
        ),
        ("被告人张某未能如实供述自己的罪行。", &[]),
        (
            "依照《中华人民共和国刑法》第六十七条第三款的规定，可以从轻处罚。",
            &["坦白"],
        ),
        (
            "被告人张某自动投案，如实供述自己的罪行，系自首。",
            &["自首"],
        ),
        ("被告人张某系胁从犯。", &[]),
        ("被告人张某起次要作用，系从犯。", &["从犯"]),
        (
            "被告人张某犯罪时未满十八周岁，应当从轻处罚。",
            &["未成年人"],
        ),
        ("被告人张某明知被害人系未成年人。", &[]),
        ("被告人张某已退缴全部赃款。", &["退赃退赔"]),
        // Wording only the dictionary lists.
        ("被告人张某在审查起诉期间退出全部违法所得。", &["退赃退赔"]),
        ("被告人张某已退还被害单位全部货款。", &["退赃退赔"]),
        ("被告人张某至今未退出违法所得。", &[]),
        ("被告人张某与被害人达成和解协议。", &["取得谅解"]),
        ("被告人张某已赔偿被害人损失并取得谅解。", &["取得谅解"]),
        ("被告人张某未取得被害人谅解。", &[]),
        ("被告人张某有前科，系累犯。", &["累犯"]),
        ("被告人张某有前科，酌情从重处罚。", &["前科"]),
        (
            "根据《关于在部分地区开展刑事案件认罪认罚从宽制度试点工作的办法》的规定。",
            &[],
        ),
        ("被告人张某自愿认罪认罚，可以从宽处理。", &["认罪认罚"]),
        (
            "被告人张某已经着手实行犯罪，由于其意志以外的原因而未得逞，系犯罪未遂。",
            &["未遂"],
        ),
    ];

    #[test]
    fn circumstance_cues() {
        for (text, want) in CUES {
            assert_eq!(tags(text, &["张某"]), [want.to_vec()], "{text}");
        }
    }

    #[test]
    fn circumstances_follow_the_subject() {
        let t = "被告人张某起主要作用，系主犯；被告人李某某起次要作用，系从犯，其到案后如实供述自己的罪行。二被告人均自愿认罪认罚。一、被告人李某某已退赔被害人损失；二、被告人张某系累犯。";
        assert_eq!(
            tags(t, &["张某", "李某某"]),
            [
                vec!["主犯", "认罪认罚", "累犯"],
                vec!["从犯", "坦白", "认罪认罚", "退赃退赔"]
            ]
        );
    }

    #[test]
    fn charges_by_cue() {
        let doc = Document::from_text(
            "t",
            "被告人张某的行为触犯了刑法，应当分别以抢劫罪、强奸罪追究其刑事责任。被告人李某的行为已构成掩饰、隐瞒犯罪所得、犯罪所得收益罪，应当以掩饰、隐瞒犯罪所得、犯罪所得收益罪对其追究刑事责任。",
        );
        let read = read_reasoning(&doc, 0..doc.text().len(), &["张某", "李某"]);
        let names: Vec<Vec<&str>> = read
            .iter()
            .map(|(c, _)| c.iter().map(|c| c.name.value.as_str()).collect())
            .collect();
        assert_eq!(
            names,
            [
                vec!["抢劫罪", "强奸罪"],
                vec!["掩饰、隐瞒犯罪所得、犯罪所得收益罪"]
            ]
        );
        assert!(split_charges_at("犯罪", 0).is_empty());
    }

    #[test]
    fn charges_named_with_their_defendants_or_respectively() {
        let charges = |t: &str, names: &[&str]| -> Vec<Vec<String>> {
            let doc = Document::from_text("t", t);
            read_reasoning(&doc, 0..doc.text().len(), names)
                .into_iter()
                .map(|(c, _)| c.into_iter().map(|c| c.name.value).collect())
                .collect()
        };
        // The defendant named after the charge, whoever the clause opened with.
        let t = "本院认为，被告人甲某、乙某盗伐林木，被告人甲某、丙某滥伐林木，其行为触犯了《中华人民共和国刑法》第三百四十五条。应当以盗伐林木罪、滥伐林木罪追究被告人甲某的刑事责任，以盗伐林木罪追究被告人乙某的刑事责任，以滥伐林木罪对被告人丙某追究刑事责任。";
        assert_eq!(
            charges(t, &["甲某", "乙某", "丙某"]),
            [
                vec!["盗伐林木罪", "滥伐林木罪"],
                vec!["盗伐林木罪"],
                vec!["滥伐林木罪"]
            ]
        );
        // `分别以甲罪、乙罪` after two groups, each closed by what it violated.
        let t = "本院认为，被告人甲某、乙某组织考试作弊，其行为触犯了《中华人民共和国刑法》第二百八十四条之一第一款；被告人丙某代替他人考试，被告人丁某让他人代考，其行为触犯了《中华人民共和国刑法》第二百八十四条之一第四款。应当分别以组织考试作弊罪、代替考试罪追究其刑事责任。";
        assert_eq!(
            charges(t, &["甲某", "乙某", "丙某", "丁某"]),
            [
                vec!["组织考试作弊罪"],
                vec!["组织考试作弊罪"],
                vec!["代替考试罪"],
                vec!["代替考试罪"]
            ]
        );
    }

    #[test]
    fn the_ordinary_procedure_proposed_is_no_proposal_in_the_gold() {
        let t = "某县人民检察院\n起诉书\n某检刑诉〔2023〕5号\n被告人甲某，男，1980年1月1日出生。\n本院认为，被告人甲某的行为触犯了《中华人民共和国刑法》第二百六十四条，应当以盗窃罪追究其刑事责任。本案建议适用普通程序审理。\n此致\n某县人民法院\n检察官：某某\n2023年3月1日";
        let ind = extract_indictment(&Document::from_text("t", t));
        assert_eq!(
            ind.procedure_proposed.as_ref().map(|p| p.value.as_str()),
            Some("普通程序")
        );
        assert_eq!(
            indictment_gold(&ind)["procedure_proposed"],
            serde_json::Value::Null
        );
    }

    #[test]
    fn charges_resolve_against_the_dictionary() {
        let doc = Document::from_text("t", "非法持有枪支罪 帮信罪 贩卖毒品罪 盗窃罪 某某罪");
        let charge = |w: &str| {
            let at = doc.text().find(w).unwrap_or(0);
            Charge::read(&doc, w.to_string(), at..at + w.len())
        };
        let c = charge("非法持有枪支罪");
        assert_eq!(c.official.as_deref(), Some("非法持有、私藏枪支、弹药罪"));
        assert_eq!(c.gold_name(), "非法持有枪支罪");
        assert_eq!(c.name.evidence.text, "非法持有枪支罪");
        assert_eq!(charge("帮信罪").gold_name(), "帮助信息网络犯罪活动罪");
        assert_eq!(charge("贩卖毒品罪").gold_name(), "贩卖毒品罪");
        assert_eq!(charge("盗窃罪").gold_name(), "盗窃罪");
        let unknown = charge("某某罪");
        assert_eq!(
            (unknown.official.as_deref(), unknown.gold_name()),
            (None, "某某罪")
        );
    }
}
