//! Sentencing recommendations (量刑建议): the penalty, its term or range, probation, fine and
//! political rights a procuratorate proposes — inside an indictment or in a 量刑建议书.
//!
//! ```
//! use wenshu::docs::recommendation::{parse_recommendation, Penalty};
//! use wenshu::primitives::Term;
//! use wenshu::Document;
//! let doc = Document::from_text("t", "建议判处被告人张某有期徒刑一年至一年六个月，并处罚金人民币二千元。");
//! let recs = parse_recommendation(&doc, 0..doc.text().len());
//! let (name, rec) = &recs[0];
//! assert_eq!(name.as_ref().map(|n| n.value.as_str()), Some("张某"));
//! assert_eq!(rec.principal.as_ref().map(|p| p.value), Some(Penalty::FixedTerm));
//! let term = &rec.term.as_ref().unwrap().value;
//! assert_eq!((term.min, term.max), (Some(Term::Months(12)), Some(Term::Months(18))));
//! assert_eq!(rec.fine.as_ref().unwrap().value.exact(), Some(2000.0));
//! assert!(rec.probation.is_none());
//! ```

use super::indictment::{
    cited_indictment_number, criminal_law_articles, is_charge_name, is_person_name,
    proposed_procedure, read_header, read_reasoning, split_charges_at, Charge, Circumstance,
};
use crate::classify::{classify, DocType};
use crate::document::{Document, Evidence, Field, Warning};
use crate::extract::parties::find_parties;
use crate::pattern::NameMatcher;
use crate::primitives::{find_money, parse_int, Date, Term};
use crate::segment::{segment, SectionKind};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::LazyLock;

/// A principal penalty (主刑), or what stands in its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Penalty {
    /// 有期徒刑
    #[serde(rename = "有期徒刑")]
    FixedTerm,
    /// 拘役
    #[serde(rename = "拘役")]
    Detention,
    /// 管制
    #[serde(rename = "管制")]
    Control,
    /// 无期徒刑
    #[serde(rename = "无期徒刑")]
    Life,
    /// 死刑缓期二年执行
    #[serde(rename = "死刑缓期二年执行")]
    DeathSuspended,
    /// 死刑
    #[serde(rename = "死刑")]
    Death,
    /// No principal penalty: a fine alone (单处罚金).
    #[serde(rename = "无")]
    FineOnly,
    /// 免予刑事处罚
    #[serde(rename = "免予刑事处罚")]
    Exemption,
    /// 剥夺政治权利 applied alone (单处剥夺政治权利), for a term.
    #[serde(rename = "剥夺政治权利")]
    RightsOnly,
}

impl Penalty {
    /// The Chinese name (`无` for a fine alone).
    pub fn name(self) -> &'static str {
        match self {
            Penalty::FixedTerm => "有期徒刑",
            Penalty::Detention => "拘役",
            Penalty::Control => "管制",
            Penalty::Life => "无期徒刑",
            Penalty::DeathSuspended => "死刑缓期二年执行",
            Penalty::Death => "死刑",
            Penalty::FineOnly => "无",
            Penalty::Exemption => "免予刑事处罚",
            Penalty::RightsOnly => "剥夺政治权利",
        }
    }

    fn from_word(w: &str) -> Option<Penalty> {
        Some(match w {
            "有期徒刑" => Penalty::FixedTerm,
            "拘役" => Penalty::Detention,
            "管制" => Penalty::Control,
            "无期徒刑" => Penalty::Life,
            "死刑" => Penalty::Death,
            "单处罚金" => Penalty::FineOnly,
            "单处剥夺政治权利" => Penalty::RightsOnly,
            "免予刑事处罚" | "免除刑事处罚" => Penalty::Exemption,
            w if w.starts_with("死刑") && w.contains("缓期") => Penalty::DeathSuspended,
            _ => return None,
        })
    }

    /// Whether the penalty has a term (有期徒刑, 拘役, 管制, 剥夺政治权利 alone).
    pub fn has_term(self) -> bool {
        matches!(
            self,
            Penalty::FixedTerm | Penalty::Detention | Penalty::Control | Penalty::RightsOnly
        )
    }
}

/// A term, exact or a range: `十个月` is `min = max = 10 months`, `一年以下` has only `max`,
/// `三年以上` only `min`, `一年至一年六个月` both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TermRange {
    /// The lower bound, when said.
    pub min: Option<Term>,
    /// The upper bound, when said.
    pub max: Option<Term>,
}

impl TermRange {
    /// The lower bound in months, when the term is given in years/months.
    pub fn min_months(&self) -> Option<u32> {
        self.min.and_then(Term::months)
    }

    /// The upper bound in months, when the term is given in years/months.
    pub fn max_months(&self) -> Option<u32> {
        self.max.and_then(Term::months)
    }

    /// The term when it is exact (`min == max`).
    pub fn exact(&self) -> Option<Term> {
        match (self.min, self.max) {
            (Some(a), Some(b)) if a == b => Some(a),
            _ => None,
        }
    }
}

/// An amount of money in yuan, exact or a range; both bounds absent means the amount was
/// not said (`并处罚金`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AmountRange {
    /// The lower bound, when said.
    pub min: Option<f64>,
    /// The upper bound, when said.
    pub max: Option<f64>,
}

impl AmountRange {
    /// The amount when it is exact.
    pub fn exact(&self) -> Option<f64> {
        match (self.min, self.max) {
            (Some(a), Some(b)) if a == b => Some(a),
            _ => None,
        }
    }
}

/// Deprivation of political rights (剥夺政治权利).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "RecommendedPoliticalRights")
)]
pub enum PoliticalRights {
    /// 剥夺政治权利终身
    #[serde(rename = "终身")]
    Life,
    /// For a term.
    #[serde(rename = "term")]
    Term(Term),
}

/// One recommendation for one defendant (or for the defendants it names together).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SentencingRecommendation {
    /// The principal penalty; `None` when the clause only speaks of probation or the like.
    pub principal: Option<Field<Penalty>>,
    /// The term or range, for 有期徒刑 / 拘役 / 管制.
    pub term: Option<Field<TermRange>>,
    /// `Some(true)` for 适用缓刑 / 缓刑X, `Some(false)` for 不适用缓刑 / 实刑, `None` when not said.
    pub probation: Option<Field<bool>>,
    /// The probation period, when given (`缓刑一年`).
    pub probation_period: Option<Field<Term>>,
    /// The fine: exact, a range, or proposed without an amount.
    pub fine: Option<Field<AmountRange>>,
    /// Deprivation of political rights.
    pub political_rights: Option<Field<PoliticalRights>>,
    /// For several charges (数罪并罚): the sentence proposed for each charge; the fields above
    /// are then the combined sentence (决定执行).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub per_charge: Vec<ChargeRecommendation>,
    /// The clause the recommendation was read from.
    pub evidence: Evidence,
}

/// The sentence proposed for one of several charges (`以盗窃罪判处有期徒刑一年`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ChargeRecommendation {
    /// The charge as written.
    pub charge: Charge,
    /// What is proposed for it.
    pub recommendation: SentencingRecommendation,
}

impl SentencingRecommendation {
    /// A recommendation that says nothing yet, read from `evidence`.
    fn unsaid(evidence: Evidence) -> SentencingRecommendation {
        SentencingRecommendation {
            principal: None,
            term: None,
            probation: None,
            probation_period: None,
            fine: None,
            political_rights: None,
            per_charge: Vec::new(),
            evidence,
        }
    }

    fn is_empty(&self) -> bool {
        self.principal.is_none()
            && self.term.is_none()
            && self.probation.is_none()
            && self.fine.is_none()
            && self.political_rights.is_none()
    }
}

/// A recommendation with the defendant it names (`None` when it names nobody).
pub type NamedRecommendation = (Option<Field<String>>, SentencingRecommendation);

/// A 量刑建议书: the separate document in which a procuratorate proposes the sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RecommendationDocument {
    /// The procuratorate in the header.
    pub procuratorate: Option<Field<String>>,
    /// The document number exactly as printed.
    pub number: Option<Field<String>>,
    /// The signature date.
    pub date: Option<Field<Date>>,
    /// The number of the indictment it accompanies (`以…号起诉书`), as printed.
    pub indictment_number: Option<Field<String>>,
    /// The court addressed (此致 …).
    pub court: Option<Field<String>>,
    /// The defendants named, with their charges, circumstances and recommendation.
    pub defendants: Vec<RecommendedDefendant>,
    /// Every recommendation read, each with the defendant it names (`None` when it names nobody).
    pub recommendations: Vec<NamedRecommendation>,
    /// 刑法 articles cited, in order, without duplicates.
    pub articles: Vec<Field<String>>,
    /// The procedure proposed (简易程序, 速裁程序, 普通程序), when the document proposes one.
    pub procedure_proposed: Option<Field<String>>,
    /// Problems noticed.
    pub warnings: Vec<Warning>,
}

/// A defendant of a 量刑建议书.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RecommendedDefendant {
    /// The name as printed (its first mention).
    pub name: Field<String>,
    /// The charges the document names for this defendant.
    pub charges: Vec<Charge>,
    /// The circumstances it lists for this defendant.
    pub circumstances: Vec<Field<Circumstance>>,
    /// The recommendation for this defendant.
    pub recommendation: Option<SentencingRecommendation>,
}

const N: &str = "[0-9〇零一二三四五六七八九十两廿]{1,4}";

static TERM_AT: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(&format!(
        r"^(?:({N})\s?年(半)?)?(?:零|又)?(?:({N})\s?个\s?月)?(?:({N})\s?(?:日|天))?"
    ))
});

static BARE_AT: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::re(&format!(r"^({N})\s?(?:至|到|-|—|－|~|～)\s?")));

static CONNECTOR_AT: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"^(?:\s|[，,]|至|到|—|－|-|~|～|以上|以下|以内|之间|不超过|不低于|不少于|不高于|最高|最低|在)+",
    )
});

static PRINCIPAL_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"死刑[，,]?缓期(?:二|两)年执行|死刑[，,]?缓期执行|无期徒刑|有期徒刑|拘役|管制|死刑|单处罚金|单处剥夺政治权利|免予刑事处罚|免除刑事处罚",
    )
});

/// Words after which a term stops belonging to the text before a principal penalty.
static TERM_ANCHOR_RE: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::re(r"判处|处以|建议|量刑|在|对"));

static PROBATION_NO_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"不(?:建议|宜|应当?|予|得|能|再)?(?:适用|宣告|判处|判)?缓刑|(?:判处|适用|执行)?实刑|缓刑[：:]\s?(?:不适用|不建议适用|不予适用|否)",
    )
});

static PROBATION_RE: LazyLock<Regex> = LazyLock::new(|| crate::pattern::re(r"缓刑|缓期执行|缓期"));

static PROBATION_PERIOD_RE: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::re(r"^(?:考验期(?:限)?)?(?:为)?\s?"));

static FINE_RE: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::re(r"(?:并处|单处|判处|处)?罚金"));

static MONEY_GAP_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"^(?:\s|[，,：:]|至|到|—|－|-|~|～|以上|以下|以内|之间|不超过|不低于|不少于|不高于|最高|最低|人民币|数额为|数额在|为|在)*$",
    )
});

static RIGHTS_RE: LazyLock<Regex> = LazyLock::new(|| crate::pattern::re(r"剥夺政治权利(终身)?"));

/// Something that makes a sentence a recommendation: `建议` followed by a sentencing word,
/// or a `量刑建议：` heading.
static TRIGGER_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(r"量刑建议(?:如下|为)?[：:]|提出(?:如下|以下)?量刑建议|建议|主刑[：:]")
});

static SENTENCING_WORD_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"判处|处以|量刑|有期徒刑|拘役|管制|无期徒刑|死刑|罚金|缓刑|实刑|免予刑事处罚|剥夺政治权利",
    )
});

static NAME_LIST_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"(?:被告人|犯罪嫌疑人)((?:[^\s，,、。；：:（(）)“”]{1,6}?、)*[^\s，,、。；：:（(）)“”]{1,6}?)(?:[，,（(：:]|涉嫌|犯|因|的|一案|等)",
    )
});

/// A case title, from its first role word to 一案: `被告人甲、乙盗窃、诈骗一案`,
/// `被告单位甲公司、被告人乙滥伐林木、非法占用农用地，被告人丙滥伐林木一案`.
static CASE_TITLE_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"(?:被告单位|被告人|犯罪嫌疑单位|犯罪嫌疑人)[^\s。；;：:（(）)“”]{2,300}?一案",
    )
});

/// The role words that open a defendant's name in a case title.
const TITLE_ROLES: &[&str] = &["被告单位", "犯罪嫌疑单位", "被告人", "犯罪嫌疑人"];

/// A name right before the penalty proposed for it (`被告人刘涛十个月以上…`).
static WEAK_NAME_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"(?:被告人|犯罪嫌疑人)([^\s，,、。；：:（(）)“”]{1,6}?)(?:判处|处以|在|有期徒刑|拘役|管制|无期徒刑|死刑|单处|罚金|免予|适用|[0-9一二三四五六七八九十两]{1,3}(?:年|个月|日))",
    )
});

/// A line that only names the defendant the items below it are about: `一、被告人甲`,
/// `二、被告单位某公司`, `三、对被告人乙的量刑建议`, or `被告人丙` / `被告人姓名：丙` heading a
/// labelled block.
/// Groups: the item number, the role word, the name.
static OWNER_HEADING_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"^\s*([一二三四五六七八九十]{1,3}、|[0-9]{1,2}[.．、]|[（(][一二三四五六七八九十0-9]{1,3}[）)])?\s?(?:对)?(被告单位|被告人)?(?:姓名|名称)?[：:]?\s?([^\s，,、。；：:（(）)]{1,40}?)(?:的量刑建议)?[：:]?\s*$",
    )
});

/// The name an owner heading gives (`一、被告人甲`), with whether a role word stood before
/// it. A line without an item number heads only with its role word (`被告人丙`).
fn owner_heading(line: &str) -> Option<(regex::Match<'_>, bool)> {
    let c = OWNER_HEADING_RE.captures(line)?;
    let role = c.get(2).map(|r| r.as_str() == "被告单位");
    if c.get(1).is_none() && role.is_none() {
        return None;
    }
    Some((c.get(3)?, role == Some(true)))
}

/// A numbered item headed by the charge it is about: `（一）盗窃罪。…建议判处…`.
static ITEM_CHARGE_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(concat!(
        r"^\s*(?:[一二三四五六七八九十]{1,3}、|[0-9]{1,2}[.．、]|[（(][一二三四五六七八九十0-9]{1,3}[）)])\s?(",
        crate::pattern::charge_chars!(),
        r"{2,40}?罪)[。：:，,]"
    ))
});

/// A clause that recounts an earlier sentence (a prior record), not a proposal.
static PRIOR_SENTENCE_RE: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::re(r"曾(?:因|于|经|被)[^，。；]*?(?:判处|判决)|刑满释放"));

/// A heading that announces proposals on the following lines, also the new one of a
/// 变更量刑建议书 (`撤回原量刑建议，变更为：`).
static HEADING_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"(?:(?:建议|量刑建议)(?:如下)?|(?:变更|调整)(?:量刑建议)?(?:为|如下))[：:]\s*$",
    )
});

/// An item of a numbered list: `一、`, `1.`, `（一）`.
static LIST_ITEM_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"^\s*(?:[一二三四五六七八九十]{1,3}、|[0-9]{1,2}[.．、]|[（(][一二三四五六七八九十0-9]{1,3}[）)])",
    )
});

/// Words that do not occur in a name but do in the phrase after it (or after a role word that
/// names nobody: `经被告人同意`, `被告人签署具结书`).
static NOT_NAME_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"判处|建议|适用|有期|拘役|管制|罚金|缓刑|实刑|系|在|为|已|到案|归案|如实|自愿|认罪|均|分别|同意|签署|签字|认可|确认|知悉|表示|具结|无异议|姓名|名称|辩护|及其",
    )
});

/// The sentence for one charge among several: `以盗窃罪判处…`, `犯诈骗罪，建议判处…`.
static SHARE_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(concat!(
        r"(?:以|犯)(",
        crate::pattern::charge_chars!(),
        r"{2,40}?罪)[，,]?\s?(?:建议|拟)?(?:判处|处以|判|处)"
    ))
});

/// A clause that opens with the one charge it proposes for, whatever stands between
/// (`犯甲罪，触犯…第X条，建议判处…`).
static CLAUSE_CHARGE_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(concat!(
        r"^\s?(?:以|犯)(",
        crate::pattern::charge_chars!(),
        r"{2,40}?罪)[，,]"
    ))
});

/// The combined sentence of several charges.
static COMBINED_RE: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::re(r"数罪并罚|决定执行|合并执行"));

/// A clause that continues the one before it with another charge's share or the combined
/// sentence (`…；以诈骗罪判处…；数罪并罚，决定执行…`).
static CONTINUATION_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(concat!(
        r"^\s?(?:(?:以|犯)",
        crate::pattern::charge_chars!(),
        r"{2,40}?罪[，,]?\s?(?:建议|拟)?(?:判处|处以|判|处)|(?:数罪并罚|决定执行|合并执行)|撤销[^；;]{0,80}?(?:缓刑|假释)[^；;]{0,80}?(?:并罚|决定执行))"
    ))
});

/// Parses every sentencing recommendation in `range` of the document's text.
///
/// The defendants a recommendation names are recognised from the whole document (party
/// paragraphs, `被告人X涉嫌…` mentions). Clauses that look like a recommendation but
/// cannot be read are skipped; use [`parse_recommendation_in`] to receive a warning for them.
pub fn parse_recommendation(doc: &Document, range: Range<usize>) -> Vec<NamedRecommendation> {
    let names = known_names(doc);
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    parse_recommendation_in(doc, range, &refs, &mut Vec::new())
}

/// Parses the recommendations in `range`, attributing them to the defendants in `names`,
/// and warns (with the span) about clauses that look like a recommendation but cannot be read.
pub fn parse_recommendation_in(
    doc: &Document,
    range: Range<usize>,
    names: &[&str],
    warnings: &mut Vec<Warning>,
) -> Vec<NamedRecommendation> {
    let text = doc.text();
    let Some(hay) = text.get(range.clone()) else {
        return Vec::new();
    };
    let matcher = NameMatcher::new(names);
    let mut out: Vec<NamedRecommendation> = Vec::new();
    // After a heading (`本院建议：`, `量刑建议如下：`) the items that follow are proposals too.
    let mut listing = false;
    // The defendants a numbered item (`二、被告人乙犯…。建议判处…`) has named so far: a
    // proposal later in the item that names nobody is for its one defendant.
    let mut item_names: Vec<Field<String>> = Vec::new();
    let mut shares: Vec<(usize, Charge)> = Vec::new();
    // Whether the sentence before, in the same paragraph, proposed a sentence: then
    // `对被告人乙判处…` after it proposes one too, though it repeats no 建议.
    let mut proposing = false;
    // `一、被告人甲` on a line of its own: the paragraphs below it are about 甲, up to the next
    // such heading.
    let mut owner: Option<Field<String>> = None;
    // `（一）盗窃罪。…建议判处…`: the charge the item's proposal is for.
    let mut item_charge: Option<Charge> = None;
    // `（一）被告人甲因…纠集乙、丙…`: the one defendant an item opens with is whom its
    // proposal that names nobody is for, whoever else the item mentions.
    let mut subject: Option<Field<String>> = None;
    let sents = sentences(hay);
    // A numbered item after a blank opens a paragraph too: a document joined onto one line
    // keeps its paragraphs apart with blanks.
    let opens: Vec<bool> = sents
        .iter()
        .map(|r| {
            let s = &hay[r.clone()];
            r.start == 0
                || hay[..r.start].ends_with('\n')
                || (s.starts_with([' ', '\u{3000}']) && LIST_ITEM_RE.is_match(s))
        })
        .collect();
    // Each sentence's paragraph: from the sentence that opened it to the next opening.
    let mut paragraphs: Vec<Range<usize>> = vec![0..0; sents.len()];
    let mut end = hay.len();
    for k in (0..sents.len()).rev() {
        paragraphs[k].end = end;
        if opens[k] {
            end = sents[k].start;
        }
    }
    let mut start = 0;
    for k in 0..sents.len() {
        if opens[k] {
            start = sents[k].start;
        }
        paragraphs[k].start = start;
    }
    for (k, sentence) in sents.iter().cloned().enumerate() {
        let s = &hay[sentence.clone()];
        if s.trim().is_empty() {
            continue;
        }
        let abs = range.start + sentence.start;
        let new_paragraph = opens[k];
        // The sentence after a proposal may go on with it: another penalty (`…判处…`), or
        // probation alone (`…符合…规定的条件，可以适用缓刑。`).
        let continued = std::mem::take(&mut proposing)
            && !new_paragraph
            && ((s.contains("判处") && PRINCIPAL_RE.is_match(s))
                || (PROBATION_RE.is_match(s) && !PRINCIPAL_RE.is_match(s)));
        if new_paragraph {
            item_names.clear();
            subject = matcher
                .as_ref()
                .and_then(|m| item_subject(s, m))
                .map(|r| doc.field(s[r.clone()].to_string(), abs + r.start..abs + r.end));
            item_charge = ITEM_CHARGE_RE
                .captures(s)
                .and_then(|c| c.get(1))
                .filter(|m| is_charge_name(m.as_str()))
                .map(|m| Charge::read(doc, m.as_str().to_string(), abs + m.start()..abs + m.end()));
            if let Some((m, _)) = owner_heading(s) {
                if names.contains(&m.as_str()) {
                    owner = Some(doc.field(m.as_str().to_string(), abs + m.start()..abs + m.end()));
                    continue;
                }
            }
            if let Some(o) = owner.as_ref() {
                item_names.push(o.clone());
            } else if !LIST_ITEM_RE.is_match(s) {
                // Only numbered items carry their defendant over.
                item_names.push(doc.field(String::new(), abs..abs));
            }
        }
        if let Some(ac) = matcher.as_ref() {
            for m in ac.find_iter(s) {
                let n = &s[m.start()..m.end()];
                if !item_names.iter().any(|f| f.value == n) {
                    item_names.push(doc.field(n.to_string(), abs + m.start()..abs + m.end()));
                }
            }
        }
        if HEADING_RE.is_match(s) {
            listing = true;
            continue;
        }
        // In a paragraph that proposes with 建议, its other sentences (法定刑, 量刑起点,
        // 基准刑 of a reasoned item) are no proposals, though they name penalties.
        let paragraph = paragraphs[k].clone();
        let explicit_elsewhere =
            listing && !is_recommendation(s) && is_recommendation(&hay[paragraph]);
        // A unit's proposal names no principal penalty (`对被告单位甲判处罚金…`).
        let candidate =
            LIST_ITEM_RE.is_match(s) || PRINCIPAL_RE.is_match(s) || s.contains("判处罚金");
        let item = listing && candidate && !explicit_elsewhere;
        listing = listing && (candidate || explicit_elsewhere);
        if !item && !continued && !is_recommendation(s) {
            continue;
        }
        let mut before = out.len();
        let combined = COMBINED_RE.is_match(s);
        for clause in clauses(s, combined) {
            let c = &s[clause.clone()];
            if !SENTENCING_WORD_RE.is_match(c) && !c.contains("量刑建议") {
                continue;
            }
            // `曾因犯盗窃罪于…被判处有期徒刑二年`: an earlier sentence, no proposal.
            if PRIOR_SENTENCE_RE.is_match(c) {
                continue;
            }
            let clause_before = out.len();
            parse_clause(
                doc,
                abs + clause.start,
                c,
                matcher.as_ref(),
                &mut out,
                warnings,
            );
            // The item's charge is for its proposal, in whichever sentence of the item it
            // comes; each clause may be one charge's share (`犯甲罪，…建议判处…；犯乙罪，…`).
            let charge = if out.len() > clause_before {
                item_charge.take()
            } else {
                None
            };
            let dropped = gather_shares(
                doc,
                abs + clause.start,
                c,
                clause_before,
                charge,
                &mut shares,
                &mut out,
            );
            // The shares folded into the combined sentence leave `out`.
            before -= dropped.iter().filter(|&&i| i < before).count();
        }
        // Under a heading naming its defendant (`一、被告人甲`), a proposal that names nobody is
        // the heading's, whoever else the item mentions (`甲伙同被告人乙…`).
        let holder = owner
            .as_ref()
            .or(subject.as_ref())
            .or(match item_names.as_slice() {
                [only] => Some(only),
                _ => None,
            });
        if let Some(only) = holder.filter(|o| !o.value.is_empty()) {
            for (name, _) in out[before..].iter_mut().filter(|(n, _)| n.is_none()) {
                *name = Some(only.clone());
            }
        }
        proposing = out.len() > before;
    }
    out
}

/// The one defendant a numbered item opens with (`（一）被告人甲因…`), not a group
/// (`一、被告人甲、乙…`).
fn item_subject(s: &str, matcher: &NameMatcher) -> Option<Range<usize>> {
    let item = LIST_ITEM_RE.find(s)?;
    let rest = s[item.end()..].trim_start();
    let mut at = s.len() - rest.len();
    if let Some(role) = TITLE_ROLES.iter().find(|r| rest.starts_with(**r)) {
        at += role.len();
    }
    let m = matcher
        .find_iter(&s[at..])
        .next()
        .filter(|m| m.start() == 0)?;
    let end = at + m.end();
    let group = s[end..].starts_with(['、', '和', '与', '及']);
    (!group).then_some(at..end)
}

/// Numbered items that each propose the sentence for one charge (`一、…犯甲罪，建议判处…；`
/// `二、…犯乙罪，建议判处…；`) and an item with the combined sentence after them
/// (`三、…数罪并罚，建议决定执行…`): the combined sentence with the charges' own, for the
/// defendant the shares name. `shares` holds the items read so far (index in `out`, charge).
/// Returns the indices in `out` of the shares folded into the combined sentence and removed.
fn gather_shares(
    doc: &Document,
    abs: usize,
    s: &str,
    before: usize,
    item_charge: Option<Charge>,
    shares: &mut Vec<(usize, Charge)>,
    out: &mut Vec<NamedRecommendation>,
) -> Vec<usize> {
    if out.len() != before + 1 {
        if out.len() > before {
            shares.clear();
        }
        return Vec::new();
    }
    let combined = COMBINED_RE.is_match(s);
    if !combined {
        let share = SHARE_RE.captures_iter(s).collect::<Vec<_>>();
        let share = if share.is_empty() {
            CLAUSE_CHARGE_RE.captures_iter(s).collect()
        } else {
            share
        };
        let one = match share.as_slice() {
            [c] => c.get(1).and_then(|m| {
                match split_charges_at(m.as_str(), abs + m.start()).as_slice() {
                    [(n, r)] => Some(Charge::read(doc, n.clone(), r.clone())),
                    _ => None,
                }
            }),
            _ => None,
        };
        match one.or(item_charge) {
            Some(charge) => shares.push((before, charge)),
            None => shares.clear(),
        }
        return Vec::new();
    }
    let taken = std::mem::take(shares);
    let Some((_, last)) = out.last() else {
        return Vec::new();
    };
    if taken.len() < 2 || !last.per_charge.is_empty() || last.principal.is_none() {
        return Vec::new();
    }
    // One defendant for all the shares: named in some of them or in none
    // (`对被告人甲，建议就其所犯A罪判处…；就其所犯B罪判处…`).
    let names: Vec<Option<&str>> = taken
        .iter()
        .filter_map(|(i, _)| out.get(*i))
        .map(|(n, _)| n.as_ref().map(|f| f.value.as_str()))
        .collect();
    let named: Vec<&str> = names.iter().flatten().copied().collect();
    if names.len() != taken.len() || named.windows(2).any(|w| w[0] != w[1]) {
        return Vec::new();
    }
    let owner = taken
        .iter()
        .filter_map(|(i, _)| out.get(*i))
        .find_map(|(n, _)| n.clone());
    let per_charge: Vec<ChargeRecommendation> = taken
        .iter()
        .filter_map(|(i, charge)| {
            out.get(*i).map(|(_, rec)| ChargeRecommendation {
                charge: charge.clone(),
                recommendation: rec.clone(),
            })
        })
        .collect();
    if let Some((name, rec)) = out.last_mut() {
        rec.per_charge = per_charge;
        if name.is_none() {
            *name = owner;
        }
    }
    let drop: Vec<usize> = taken.iter().map(|(i, _)| *i).collect();
    let mut i = 0;
    out.retain(|_| {
        let keep = !drop.contains(&i);
        i += 1;
        keep
    });
    drop
}

/// Extracts a 量刑建议书: header, the indictment it refers to, defendants with charges,
/// circumstances and recommendation, articles, the procedure proposed.
///
/// ```
/// use wenshu::docs::recommendation::extract_recommendation_document;
/// use wenshu::Document;
/// let doc = Document::from_text("r.txt", "某区人民检察院\n量刑建议书\n某检刑建〔2023〕3号\n\
///     本院以某检刑诉〔2023〕21号起诉书提起公诉的被告人张某盗窃一案，经本院审查认为，被告人张某的行为已触犯\
///     《中华人民共和国刑法》第二百六十四条之规定，应当以盗窃罪追究其刑事责任。被告人张某到案后如实供述自己的罪行，系坦白。\
///     建议判处被告人张某有期徒刑六个月至八个月，并处罚金人民币二千元。\n此致\n某区人民法院\n检察官 王某\n2023年3月1日");
/// let r = extract_recommendation_document(&doc);
/// assert_eq!(r.indictment_number.as_ref().unwrap().value, "某检刑诉〔2023〕21号");
/// let d = &r.defendants[0];
/// assert_eq!(d.name.value, "张某");
/// assert_eq!(d.charges[0].name.value, "盗窃罪");
/// assert_eq!(d.recommendation.as_ref().unwrap().term.as_ref().unwrap().value.max_months(), Some(8));
/// ```
pub fn extract_recommendation_document(doc: &Document) -> RecommendationDocument {
    let text = doc.text();
    let mut warnings = Vec::new();
    let ty = classify(doc).doc_type;
    if ty != DocType::SentencingRecommendation {
        warnings.push(doc.warning(
            format!("not a 量刑建议书 (classified as {})", ty.name()),
            None,
        ));
    }
    let header = read_header(doc);
    warnings.extend(header.warnings);
    let names = known_names(doc);
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let sections = segment(text, DocType::SentencingRecommendation);
    let body_start = header.body_start.min(text.len());
    let body_end = sections
        .get(SectionKind::Signature)
        .or_else(|| sections.get(SectionKind::Appendix))
        .map(|r| r.start)
        .filter(|&s| s > body_start)
        .unwrap_or(text.len());
    let body = body_start..body_end;
    let mut recommendations = parse_recommendation_in(doc, body.clone(), &refs, &mut warnings);
    let rows = table_rows(doc, body.clone(), &names);
    let defendants: Vec<RecommendedDefendant> = if rows.is_empty() {
        // Prose: charges and circumstances clause by clause, the proposal per name.
        let read = read_reasoning(doc, body.clone(), &refs);
        let titled = case_titles(text);
        names
            .iter()
            .zip(read)
            .filter_map(|(n, (mut charges, circumstances))| {
                let at = text.find(n.as_str())?;
                // Charged nowhere in the reasoning: the charges its case title writes.
                if charges.is_empty() {
                    charges = title_charges_of(doc, &titled, n);
                }
                let recommendation = recommendations
                    .iter()
                    .rev()
                    .find(|(name, _)| name.as_ref().is_some_and(|x| x.value == *n))
                    .or_else(|| {
                        (names.len() == 1)
                            .then(|| {
                                recommendations
                                    .iter()
                                    .rev()
                                    .find(|(name, _)| name.is_none())
                            })
                            .flatten()
                    })
                    .map(|(_, r)| r.clone());
                Some(RecommendedDefendant {
                    name: doc.field(n.clone(), at..at + n.len()),
                    charges,
                    circumstances,
                    recommendation,
                })
            })
            .collect()
    } else {
        // A table says everything per defendant; its rows are not prose to warn about.
        warnings.retain(|w| !w.message.contains("could not be read"));
        rows.into_iter()
            .map(|r| {
                if let Some(rec) = &r.recommendation {
                    recommendations.push((Some(r.name.clone()), rec.clone()));
                }
                RecommendedDefendant {
                    name: r.name,
                    charges: r.charges,
                    circumstances: r.circumstances,
                    recommendation: r.recommendation,
                }
            })
            .collect()
    };
    if recommendations.is_empty() {
        warnings.push(doc.warning(
            "no sentencing recommendation could be read",
            Some(body.clone()),
        ));
    }
    RecommendationDocument {
        procuratorate: header.organ,
        number: header.number,
        date: header.date,
        indictment_number: cited_indictment_number(doc),
        court: header
            .addressee
            .or_else(|| addressed_court(doc, body_start)),
        defendants,
        recommendations,
        articles: criminal_law_articles(doc, body.clone()),
        procedure_proposed: proposed_procedure(doc, body),
        warnings,
    }
}

/// The court addressed at the top (`某区人民法院：`) when no `此致` names it at the end.
fn addressed_court(doc: &Document, body_start: usize) -> Option<Field<String>> {
    let text = doc.text();
    let c = COURT_ADDRESSED_RE.captures(text.get(body_start..)?)?;
    let m = c.get(1)?;
    Some(doc.field(
        m.as_str().to_string(),
        body_start + m.start()..body_start + m.end(),
    ))
}

static COURT_ADDRESSED_RE: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::re(r"^\s*([^\s：:，,。；]{2,40}?(?:人民法院|法院))[：:]"));

/// A table `被告人 | 罪名 | 量刑情节 | 建议刑罚`, one row per defendant (cells separated by
/// blanks or tabs, by `|` when the head is drawn with bars, or one per line when the table came
/// from a DOCX). Besides the name, columns are recognised by their heads: 序号, charges,
/// circumstances, the statutory range (ignored) and the proposal, which may be one column or
/// split into columns of its own (`主刑 | 执行方式 | 罚金`).
static TABLE_HEAD_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"(?:(?:序号|编号)[ \t\n|｜]+)?(?:被告单位[/／、]?)?被告人(?:姓名)?(?:[ \t\n|｜]+(?:罪名|量刑情节|情节|法定刑幅度|适用法定刑|法定刑|建议刑罚|量刑建议|建议判处刑罚|建议主刑|主刑|附加刑|罚金|刑罚执行方式|执行方式|是否适用缓刑|缓刑))+",
    )
});

/// The head of the column of circumstances.
const CIRCUMSTANCE_HEADS: &[&str] = &["量刑情节", "情节"];

/// Heads of the columns that hold (part of) the proposal.
const PENALTY_HEADS: &[&str] = &[
    "建议刑罚",
    "量刑建议",
    "建议判处刑罚",
    "建议主刑",
    "主刑",
    "附加刑",
    "罚金",
    "刑罚执行方式",
    "执行方式",
    "是否适用缓刑",
    "缓刑",
];

/// One row of a recommendation table.
struct TableRow {
    name: Field<String>,
    charges: Vec<Charge>,
    circumstances: Vec<Field<Circumstance>>,
    recommendation: Option<SentencingRecommendation>,
}

/// Whether a table cell names a unit defendant (`某某有限公司`).
pub(crate) fn is_unit_name(name: &str) -> bool {
    (4..=40).contains(&name.chars().count())
        && ["公司", "厂", "企业", "合作社", "中心", "商行", "店"]
            .iter()
            .any(|e| name.ends_with(e))
}

/// The cells after a table's head, as ranges of `hay`, cut into rows of `columns`.
/// A table drawn with bars has one row per line, blanks inside its cells and `—` for an empty
/// cell; its rule row (`|---|---|`) is skipped. Otherwise blanks, tabs and line breaks all
/// separate cells.
fn table_cells(hay: &str, after: usize, columns: usize, barred: bool) -> Vec<Vec<Range<usize>>> {
    let mut rows: Vec<Vec<Range<usize>>> = Vec::new();
    if barred {
        let mut at = after;
        for line in hay[after..].split_inclusive('\n') {
            let start = at;
            at += line.len();
            let mut cells: Vec<Range<usize>> = Vec::new();
            let mut from = start;
            for piece in line.split(['|', '｜']) {
                let lead = piece.len() - piece.trim_start().len();
                let trimmed = piece.trim();
                cells.push(from + lead..from + lead + trimmed.len());
                from += piece.len() + bar_len(&hay[from + piece.len()..]);
            }
            // The bars at the ends of a row leave empty cells outside them.
            if cells.len() > 1 && cells.first().is_some_and(|c| c.is_empty()) {
                cells.remove(0);
            }
            if cells.len() > 1 && cells.last().is_some_and(|c| c.is_empty()) {
                cells.pop();
            }
            let texts: Vec<&str> = cells.iter().map(|c| &hay[c.clone()]).collect();
            if texts.iter().all(|t| t.is_empty()) {
                if rows.is_empty() {
                    continue;
                }
                break;
            }
            if texts
                .iter()
                .all(|t| !t.is_empty() && t.chars().all(|c| matches!(c, '-' | ':' | '：')))
            {
                continue;
            }
            if cells.len() != columns {
                break;
            }
            rows.push(cells);
        }
        return rows;
    }
    let mut cells: Vec<Range<usize>> = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in hay[after..].char_indices() {
        let at = after + i;
        if matches!(c, ' ' | '\t' | '\n') {
            if let Some(st) = start.take() {
                cells.push(st..at);
            }
        } else if start.is_none() {
            start = Some(at);
        }
    }
    if let Some(st) = start {
        cells.push(st..hay.len());
    }
    cells
        .chunks(columns)
        .take_while(|row| row.len() == columns)
        .map(<[Range<usize>]>::to_vec)
        .collect()
}

/// The length of the bar at the start of `s` (`|` or `｜`; none at the end of a line).
fn bar_len(s: &str) -> usize {
    s.chars()
        .next()
        .filter(|c| matches!(c, '|' | '｜'))
        .map_or(0, char::len_utf8)
}

/// Whether a cell says nothing (`—`, `/`, `无`).
fn is_blank_cell(t: &str) -> bool {
    t.chars()
        .all(|c| matches!(c, '—' | '-' | '－' | '/' | '／' | '无' | ' ' | '\u{3000}'))
}

/// The proposal of one row read from its penalty cells (head, absolute range), one after the
/// other: a later cell fills only what the earlier ones left unsaid.
fn row_recommendation(
    doc: &Document,
    cells: &[(&str, Range<usize>)],
) -> Option<SentencingRecommendation> {
    let text = doc.text();
    let mut rec: Option<SentencingRecommendation> = None;
    for (head, cell) in cells {
        let t = &text[cell.clone()];
        if is_blank_cell(t) {
            continue;
        }
        let mut part = parse_part(doc, cell.start, t)
            .unwrap_or_else(|| SentencingRecommendation::unsaid(doc.evidence(cell.clone())));
        // A column headed 罚金 holds the amount alone; one headed 缓刑 may say 是 / 否.
        if *head == "罚金" && part.fine.is_none() {
            let (amount, end) = amount_in(t);
            if amount.min.is_some() {
                part.fine = Some(doc.field(amount, cell.start..cell.start + end));
            }
        }
        if matches!(*head, "缓刑" | "是否适用缓刑") && part.probation.is_none() {
            let yes = match t {
                "是" | "适用" | "建议适用" | "可以适用" => Some(true),
                "否" | "不适用" | "不建议适用" => Some(false),
                _ => None,
            };
            part.probation = yes.map(|v| doc.field(v, cell.clone()));
        }
        if part.is_empty() {
            continue;
        }
        match rec.as_mut() {
            None => rec = Some(part),
            Some(r) => {
                if r.principal.is_none()
                    || (r
                        .principal
                        .as_ref()
                        .is_some_and(|p| p.value == Penalty::FineOnly)
                        && part.principal.is_some())
                {
                    r.principal = part.principal.or(r.principal.take());
                }
                r.term = r.term.take().or(part.term);
                r.probation = r.probation.take().or(part.probation);
                r.probation_period = r.probation_period.take().or(part.probation_period);
                r.fine = r.fine.take().or(part.fine);
                r.political_rights = r.political_rights.take().or(part.political_rights);
                let start = r.evidence.span[0].min(cell.start);
                let end = r.evidence.span[1].max(cell.end);
                r.evidence = doc.evidence(start..end);
            }
        }
    }
    let mut rec = rec?;
    // A fine alone: principal 无, as in prose.
    if rec.principal.is_none() {
        if let Some(f) = rec.fine.as_ref() {
            let [from, to] = f.evidence.span;
            rec.principal = Some(doc.field(Penalty::FineOnly, from..to));
        }
    }
    Some(rec)
}

/// The rows of a recommendation table in `range`, if there is one; `names` are the document's
/// defendants ([`known_names`]).
fn table_rows(doc: &Document, range: Range<usize>, names: &[String]) -> Vec<TableRow> {
    let text = doc.text();
    let Some(hay) = text.get(range.clone()) else {
        return Vec::new();
    };
    let Some(head) = TABLE_HEAD_RE.find(hay) else {
        return Vec::new();
    };
    // A table drawn with bars keeps blanks inside its cells; otherwise blanks separate them.
    let barred = head.as_str().contains(['|', '｜']);
    let is_separator = |c: char| matches!(c, ' ' | '\t' | '\n' | '|' | '｜');
    let mut heads: Vec<&str> = head
        .as_str()
        .split(is_separator)
        .filter(|h| !h.is_empty())
        .collect();
    let mut head_end = head.end();
    // The last head may be the start of a longer word (`罚金人民币…` in the first row).
    if hay[head_end..]
        .chars()
        .next()
        .is_some_and(|c| !is_separator(c))
        && heads.len() > 1
    {
        let last = heads.pop().unwrap_or_default();
        head_end -= last.len();
    }
    let columns = heads.len();
    let Some(name_col) = heads
        .iter()
        .position(|h| h.contains("被告人") || h.contains("被告单位"))
    else {
        return Vec::new();
    };
    let penalty_cols: Vec<usize> = (0..columns)
        .filter(|&i| PENALTY_HEADS.contains(&heads[i]))
        .collect();
    if penalty_cols.is_empty() {
        return Vec::new();
    }
    // Without a column of charges, each defendant's charges are read from the prose.
    let charge_col = heads.iter().position(|h| *h == "罪名");
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let prose_charges: Vec<(&str, Vec<Charge>)> = if charge_col.is_none() {
        let read = read_reasoning(doc, range.clone(), &refs);
        let titled = case_titles(text);
        refs.iter()
            .copied()
            .zip(read.into_iter().map(|(c, _)| c))
            .map(|(n, c)| {
                let c = if c.is_empty() {
                    title_charges_of(doc, &titled, n)
                } else {
                    c
                };
                (n, c)
            })
            .collect()
    } else {
        Vec::new()
    };
    let circumstance_col = heads.iter().position(|h| CIRCUMSTANCE_HEADS.contains(h));
    // Without a column of circumstances, they are read from the prose above the table.
    let prose_circumstances: Vec<(&str, Vec<Field<Circumstance>>)> = if circumstance_col.is_none() {
        let read = read_reasoning(doc, range.start..range.start + head.start(), &refs);
        refs.iter()
            .copied()
            .zip(read.into_iter().map(|(_, c)| c))
            .collect()
    } else {
        Vec::new()
    };
    let abs = |r: &Range<usize>| range.start + r.start..range.start + r.end;
    let mut rows = Vec::new();
    for row in table_cells(hay, head_end, columns, barred) {
        let name = abs(&row[name_col]);
        let n = &text[name.clone()];
        let plausible = ((2..=6).contains(&n.chars().count()) || is_unit_name(n))
            && is_person_name(n)
            && !n.contains(['，', '。', '：']);
        if !plausible {
            break;
        }
        let penalty: Vec<(&str, Range<usize>)> = penalty_cols
            .iter()
            .map(|&i| (heads[i], abs(&row[i])))
            .collect();
        let Some(recommendation) = row_recommendation(doc, &penalty) else {
            break;
        };
        let charges = match charge_col.map(|i| abs(&row[i])) {
            Some(cell) => super::indictment::split_charges_at(&text[cell.clone()], cell.start)
                .into_iter()
                .map(|(c, r)| Charge::read(doc, c, r))
                .collect(),
            None => prose_charges
                .iter()
                .find(|(known, _)| *known == n)
                .map(|(_, c)| c.clone())
                .unwrap_or_default(),
        };
        let mut circumstances: Vec<Field<Circumstance>> = prose_circumstances
            .iter()
            .find(|(known, _)| *known == n)
            .map(|(_, c)| c.clone())
            .unwrap_or_default();
        if let Some(cell) = circumstance_col.map(|i| abs(&row[i])) {
            // Tags (`坦白、认罪认罚`), or the wording of the circumstances (`有前科；赔偿
            //被害人损失并取得谅解`) read as the reasoning is.
            let mut at = cell.start;
            for tag in text[cell.clone()].split(['、', '；', ';']) {
                let found: Vec<Field<Circumstance>> = match Circumstance::from_name(tag) {
                    Some(c) => vec![doc.field(c, at..at + tag.len())],
                    None => read_reasoning(doc, at..at + tag.len(), &[n])
                        .into_iter()
                        .flat_map(|(_, c)| c)
                        .collect(),
                };
                for c in found {
                    if !circumstances.iter().any(|x| x.value == c.value) {
                        circumstances.push(c);
                    }
                }
                at += tag.len() + tag_sep_len(&text[at + tag.len()..]);
            }
        }
        rows.push(TableRow {
            name: doc.field(n.to_string(), name),
            charges,
            circumstances,
            recommendation: Some(recommendation),
        });
    }
    rows
}

/// The length of the separator at the start of `s` (none at the end of a cell).
fn tag_sep_len(s: &str) -> usize {
    s.chars()
        .next()
        .filter(|c| matches!(c, '、' | '；' | ';'))
        .map_or(0, char::len_utf8)
}

/// The defendants' names in a document: from party paragraphs, else from `被告人X…` mentions.
fn known_names(doc: &Document) -> Vec<String> {
    let text = doc.text();
    // Party paragraphs (a name followed by identity) are the reliable source.
    let mut names: Vec<String> = find_parties(doc, 0..text.len(), &mut Vec::new())
        .into_iter()
        .filter(|p| p.gender.is_some() || p.birth_date.is_some() || p.id_number.is_some())
        .map(|p| p.name.value)
        .filter(|n| is_person_name(n))
        .collect();
    if !names.is_empty() {
        return names;
    }
    // Mentions: `被告人甲、乙涉嫌…`, `被告人甲的…`, and `被告人甲有期徒刑…` in the proposal.
    let mut found: Vec<(usize, String)> = Vec::new();
    // `被告人坦白，减少基准刑的10%`: a circumstance is no name.
    let plausible = |n: &str| {
        (2..=5).contains(&n.chars().count())
            && is_person_name(n)
            && !NOT_NAME_RE.is_match(n)
            && Circumstance::from_name(n).is_none()
    };
    // A case title may run the first charge onto the name beyond a name's length
    // (`被告人甲非法经营、妨害公务一案`): titles are read on their own, with their units.
    for t in case_titles(text) {
        if t.unit || plausible(&t.name) {
            found.push((t.at, t.name));
        }
    }
    // `二、被告单位某公司` / `一、被告人甲` heading the items about them.
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let role = OWNER_HEADING_RE.captures(line).and_then(|c| c.get(2));
        if let (Some((m, unit_role)), Some(_)) = (owner_heading(line), role) {
            let n = m.as_str();
            if (unit_role && is_unit_name(n)) || plausible(n) {
                found.push((line_start + m.start(), n.to_string()));
            }
        }
        line_start += line.len();
    }
    for c in NAME_LIST_RE.captures_iter(text) {
        let Some(list) = c.get(1) else { continue };
        let mut names_part = list.as_str();
        if c.get(0).is_some_and(|w| w.as_str().ends_with("一案")) {
            names_part = case_title_names(names_part);
        }
        let mut items: Vec<(usize, &str)> = Vec::new();
        let mut at = list.start();
        for n in names_part.split('、').filter(|n| !n.is_empty()) {
            // `被告人甲犯诈骗罪、信用卡诈骗罪`: the list of charges after 犯 is no list of names.
            if let Some(i) = n.find('犯').filter(|&i| i > 0 && n.ends_with('罪')) {
                items.push((at, &n[..i]));
                break;
            }
            items.push((at, n));
            at += n.len() + '、'.len_utf8();
        }
        // `各被告人的犯罪事实、性质、情节`: a list that does not start with a name is no list.
        if items.first().is_none_or(|(_, n)| !plausible(n)) {
            continue;
        }
        found.extend(items.into_iter().map(|(at, n)| (at, n.to_string())));
    }
    for c in WEAK_NAME_RE.captures_iter(text) {
        if let Some(m) = c.get(1) {
            found.push((m.start(), m.as_str().to_string()));
        }
    }
    found.sort();
    let candidates: Vec<String> = found.iter().map(|(_, n)| n.clone()).collect();
    for (_, n) in found {
        if is_unit_name(&n) {
            if !names.contains(&n) {
                names.push(n);
            }
            continue;
        }
        // `卢俊杰诈骗一案` when `卢俊杰` is mentioned too: the shorter is the name.
        let extends = candidates
            .iter()
            .any(|c| c.len() < n.len() && n.starts_with(c.as_str()) && plausible(c));
        if plausible(&n) && !extends && !names.contains(&n) {
            names.push(n);
        }
    }
    names
}

/// The names of a case title (`被告人甲、乙盗窃、诈骗一案`): the charges that close the list
/// are no names, and the first of them is written onto the last name. Charges are taken from
/// the end, longest first, since a charge's name may itself hold `、` (`危害珍贵、濒危野生动物`).
fn case_title_names(list: &str) -> &str {
    let charge = |w: &str| is_charge_name(&format!("{w}罪"));
    let mut end = list.len();
    loop {
        let head = &list[..end];
        let found = head.char_indices().map(|(i, _)| i).find(|&i| {
            let own = i == 0 || head[..i].ends_with('、');
            // Written onto a name: at least two characters of the name stay.
            let onto = head[..i]
                .rsplit('、')
                .next()
                .is_some_and(|n| n.chars().count() >= 2);
            (own || onto) && charge(&head[i..])
        });
        match found {
            // A title of charges only (`各被告人组织卖淫、协助组织卖淫一案`) names nobody.
            Some(0) => return "",
            Some(i) if head[..i].ends_with('、') => end = i - '、'.len_utf8(),
            Some(i) => return &list[..i],
            None => return head,
        }
    }
}

/// A defendant of a case title, with the charges the title writes after its names.
struct TitledDefendant {
    name: String,
    /// Byte offset of the name in the text.
    at: usize,
    /// Named after 被告单位 / 犯罪嫌疑单位.
    unit: bool,
    charges: Vec<(String, Range<usize>)>,
}

/// The defendants of the case titles in `text`
/// (`被告单位甲公司、被告人乙滥伐林木、非法占用农用地，被告人丙滥伐林木一案`): each
/// comma-separated piece of a title names defendants after their role words and ends with
/// the charges they share.
fn case_titles(text: &str) -> Vec<TitledDefendant> {
    let mut out = Vec::new();
    for m in CASE_TITLE_RE.find_iter(text) {
        let title = &text[m.start()..m.end() - "一案".len()];
        // The pieces after the last one that does not open with a role word.
        let mut pieces: Vec<(usize, &str)> = Vec::new();
        let mut at = 0;
        for piece in title.split(['，', ',']) {
            if TITLE_ROLES.iter().any(|r| piece.starts_with(r)) {
                pieces.push((m.start() + at, piece));
            } else {
                pieces.clear();
            }
            at += piece.len()
                + title[at + piece.len()..]
                    .chars()
                    .next()
                    .map_or(0, char::len_utf8);
        }
        // `被告单位甲、乙，被告人丙犯A罪一案`: a piece that writes no charge shares the charges
        // of the next piece that does.
        let mut read: Vec<Vec<TitledDefendant>> = pieces
            .into_iter()
            .map(|(start, p)| title_piece(start, p))
            .collect();
        let mut later: Vec<(String, Range<usize>)> = Vec::new();
        for group in read.iter_mut().rev() {
            if let Some(c) = group.iter().find(|d| !d.charges.is_empty()) {
                later = c.charges.clone();
            }
            for d in group.iter_mut().filter(|d| d.charges.is_empty()) {
                d.charges = later.clone();
            }
        }
        out.extend(read.into_iter().flatten());
    }
    out
}

/// One piece of a case title: `被告单位甲公司、被告人乙滥伐林木、非法占用农用地`.
fn title_piece(start: usize, piece: &str) -> Vec<TitledDefendant> {
    // Role groups: each role word and the names after it, up to the next role word.
    let mut roles: Vec<(usize, &str)> = Vec::new();
    let mut i = 0;
    while i < piece.len() {
        if let Some(r) = TITLE_ROLES.iter().find(|r| piece[i..].starts_with(**r)) {
            roles.push((i, r));
            i += r.len();
        } else {
            i += piece[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    let mut names: Vec<(usize, &str, bool)> = Vec::new();
    let mut charges = Vec::new();
    for (k, (at, role)) in roles.iter().enumerate() {
        let from = at + role.len();
        let to = roles.get(k + 1).map_or(piece.len(), |n| n.0);
        let group = piece[from..to].trim_end_matches('、');
        let unit = role.ends_with("单位");
        let list = if k + 1 == roles.len() {
            // The last group carries the charges: after 涉嫌, or written onto the names.
            // `…甲、乙涉嫌A罪一案`, `…甲、乙犯A罪一案`.
            let committed = || {
                group.match_indices('犯').map(|(j, _)| j).find(|&j| {
                    let rest = &group[j + "犯".len()..];
                    group[..j].chars().count() >= 2
                        && rest.ends_with('罪')
                        && split_charges_at(rest, 0)
                            .iter()
                            .all(|(c, _)| is_charge_name(c))
                })
            };
            let sep = group
                .find("涉嫌")
                .map(|j| (j, "涉嫌".len()))
                .or_else(|| committed().map(|j| (j, "犯".len())));
            let (list, rest, rest_at) = match sep {
                Some((j, len)) => (&group[..j], &group[j + len..], from + j + len),
                None => {
                    let list = case_title_names(group);
                    (list, &group[list.len()..], from + list.len())
                }
            };
            let lead = rest.len() - rest.trim_start_matches(['、', '犯']).len();
            charges = title_charges(&rest[lead..], start + rest_at + lead);
            list
        } else {
            group
        };
        let mut off = from;
        for n in list.split('、') {
            if !n.is_empty() {
                names.push((start + off, n, unit));
            }
            off += n.len() + '、'.len_utf8();
        }
    }
    names
        .into_iter()
        .filter(|(_, n, unit)| !*unit || is_unit_name(n))
        .map(|(at, n, unit)| TitledDefendant {
            name: n.to_string(),
            at,
            unit,
            charges: charges.clone(),
        })
        .collect()
}

/// The charges the case titles write for the defendant `name`.
fn title_charges_of(doc: &Document, titled: &[TitledDefendant], name: &str) -> Vec<Charge> {
    titled
        .iter()
        .find(|t| t.name == name && !t.charges.is_empty())
        .map(|t| {
            t.charges
                .iter()
                .map(|(c, r)| Charge::read(doc, c.clone(), r.clone()))
                .collect()
        })
        .unwrap_or_default()
}

/// The charges closing a case title (`滥伐林木、非法占用农用地`, `盗窃罪`): at each place the
/// longest known charge that ends at a `、` or at the end.
fn title_charges(rest: &str, start: usize) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let mut p = 0;
    while p < rest.len() {
        let best = rest[p..]
            .char_indices()
            .map(|(i, c)| p + i + c.len_utf8())
            .filter(|&e| e == rest.len() || rest[e..].starts_with('、'))
            .rev()
            .find_map(|e| {
                let w = &rest[p..e];
                let name = format!("{}罪", w.strip_suffix('罪').unwrap_or(w));
                is_charge_name(&name).then_some((e, name))
            });
        let Some((e, name)) = best else { break };
        out.push((name, start + p..start + e));
        p = e + '、'.len_utf8();
    }
    out
}

/// Sentences: runs of text without `。` or a line break.
fn sentences(hay: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in hay.char_indices() {
        // `缓刑：不适用` or `罚金：人民币五千元` on the lines below `建议刑罚：…` belong to it.
        let label_follows = c == '\n'
            && CONTINUATION_LABELS.iter().any(|l| {
                hay[i + 1..]
                    .trim_start_matches([' ', '\u{3000}'])
                    .starts_with(l)
            });
        if c == '。' || (c == '\n' && !label_follows) {
            if i > start {
                out.push(start..i + c.len_utf8());
            }
            start = i + c.len_utf8();
        } else if (c == ' ' || c == '\u{3000}')
            && i > start
            && hay[start..i].trim_end().ends_with(['：', ':', '；', ';'])
            && LIST_ITEM_RE.is_match(&hay[i..])
        {
            // A document joined onto one line: a numbered item after a blank, following a
            // heading's colon or an item's semicolon, starts a sentence (and a paragraph).
            out.push(start..i);
            start = i;
        }
    }
    if start < hay.len() {
        out.push(start..hay.len());
    }
    out
}

/// Labels of a labelled block that go on with the penalty on the line above them.
const CONTINUATION_LABELS: &[&str] = &[
    "缓刑：",
    "缓刑:",
    "是否适用缓刑",
    "适用缓刑：",
    "罚金：",
    "罚金:",
    "附加刑：",
    "附加刑:",
    "主刑：",
    "主刑:",
    "执行方式：",
    "执行方式:",
    "刑罚执行方式",
];

/// Clauses of a sentence split at `；`. In a sentence that combines the sentences of several
/// charges (`combined`), a clause that goes on with another charge or with the combined
/// sentence stays with the clause before it.
fn clauses(s: &str, combined: bool) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if c == '；' || c == ';' {
            out.push(start..i);
            start = i + c.len_utf8();
        }
    }
    out.push(start..s.len());
    if !combined {
        return out;
    }
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in out {
        match merged.last_mut() {
            Some(last) if CONTINUATION_RE.is_match(&s[r.clone()]) => last.end = r.end,
            _ => merged.push(r),
        }
    }
    merged
}

/// Whether a sentence proposes a sentence: a `量刑建议：` heading, or `建议` with a
/// sentencing word after it.
fn is_recommendation(s: &str) -> bool {
    TRIGGER_RE
        .find_iter(s)
        .any(|m| m.as_str() != "建议" || SENTENCING_WORD_RE.is_match(&s[m.end()..]))
}

/// Splits a clause by the defendants it names and parses each part.
fn parse_clause(
    doc: &Document,
    abs: usize,
    clause: &str,
    matcher: Option<&NameMatcher>,
    out: &mut Vec<NamedRecommendation>,
    warnings: &mut Vec<Warning>,
) {
    // Name mentions, grouped when only 、/和 separate them (`被告人甲、乙均判处…`).
    let mut groups: Vec<(Vec<Range<usize>>, usize)> = Vec::new();
    if let Some(ac) = matcher {
        for m in ac.find_iter(clause) {
            let r = m.start()..m.end();
            if let Some((names, end)) = groups.last_mut() {
                let gap = &clause[*end..r.start];
                if gap
                    .trim_matches(|c: char| {
                        matches!(c, '、' | '和' | '及' | '与' | '，' | ',' | ' ')
                    })
                    .trim_start_matches("被告人")
                    .is_empty()
                {
                    names.push(r.clone());
                    *end = r.end;
                    continue;
                }
            }
            groups.push((vec![r.clone()], r.end));
        }
    }
    // `以甲罪判处被告人张某…；以乙罪判处…；数罪并罚，决定执行…`: one defendant named inside
    // the first share; the shares and the combined sentence are read across the name.
    let same_names = |a: &[Range<usize>], b: &[Range<usize>]| {
        a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(x, y)| clause[x.clone()] == clause[y.clone()])
    };
    let one_group = groups.windows(2).all(|w| same_names(&w[0].0, &w[1].0));
    if let (true, Some((names, _))) = (one_group, groups.first()) {
        if let Some(rec) = per_charge_part(doc, abs, clause) {
            for r in names {
                let name = doc.field(clause[r.clone()].to_string(), abs + r.start..abs + r.end);
                out.push((Some(name), rec.clone()));
            }
            return;
        }
    }
    let mut parts: Vec<(Vec<Range<usize>>, Range<usize>)> = Vec::new();
    let first = groups.first().map_or(clause.len(), |g| g.0[0].start);
    parts.push((Vec::new(), 0..first));
    for (i, (names, end)) in groups.iter().enumerate() {
        let next = groups.get(i + 1).map_or(clause.len(), |g| g.0[0].start);
        parts.push((names.clone(), *end..next));
    }
    let mut any = false;
    let first_out = out.len();
    // `对甲判处…，对乙判处…，均适用缓刑，并处罚金…`: the tail after the last proposal's `，均`
    // is said of every defendant the clause names.
    let mut shared: Option<Range<usize>> = None;
    let last_part = parts.len() - 1;
    for (pi, (names, part)) in parts.iter().enumerate() {
        let mut content = part.clone();
        if pi == last_part && groups.len() >= 2 {
            if let Some(i) = clause[content.clone()].find("，均") {
                shared = Some(content.start + i + "，".len()..content.end);
                content.end = content.start + i;
            }
        }
        let name_fields: Vec<Option<Field<String>>> = if names.is_empty() {
            vec![None]
        } else {
            names
                .iter()
                .map(|r| Some(doc.field(clause[r.clone()].to_string(), abs + r.start..abs + r.end)))
                .collect()
        };
        // A part that tells a story before proposing (曾被判处…，系累犯，建议判处…) starts at
        // the 建议 that a penalty follows.
        let body = &clause[content.clone()];
        if let Some(rec) = per_charge_part(doc, abs + content.start, body) {
            any = true;
            for n in name_fields {
                out.push((n, rec.clone()));
            }
            continue;
        }
        let start = body
            .match_indices("建议")
            .find(|(at, _)| PRINCIPAL_RE.is_match(&body[*at..]))
            .or_else(|| {
                // `…，建议并处罚金` with no penalty named anywhere.
                (!PRINCIPAL_RE.is_match(body))
                    .then(|| {
                        body.match_indices("建议")
                            .find(|(at, _)| body[*at..].contains("罚金"))
                    })
                    .flatten()
            });
        if let Some((at, _)) = start {
            content.start += at;
        }
        let text = &clause[content.clone()];
        let rec = parse_part(doc, abs + content.start, text);
        let Some(mut rec) = rec else { continue };
        any = true;
        rec.evidence =
            doc.evidence(abs + names.first().map_or(content.start, |r| r.start)..abs + content.end);
        // A clause only about probation belongs to the recommendation before it, and so does
        // a labelled line of a block (`附加刑：罚金…`, `执行方式：实刑`) that names no principal.
        let label_led = CONTINUATION_LABELS
            .iter()
            .any(|l| clause.trim_start().starts_with(l))
            && !PRINCIPAL_RE.is_match(text);
        if label_led || (rec.principal.is_none() && rec.fine.is_none() && rec.term.is_none()) {
            if let Some(prev) = out.iter_mut().rev().find(|(n, _)| {
                names.is_empty()
                    || n.as_ref().map(|f| f.value.as_str())
                        == name_fields
                            .first()
                            .and_then(|f| f.as_ref())
                            .map(|f| f.value.as_str())
            }) {
                if prev.1.probation.is_none() {
                    prev.1.probation = rec.probation.take();
                    prev.1.probation_period = rec.probation_period.take();
                }
                if prev.1.political_rights.is_none() {
                    prev.1.political_rights = rec.political_rights.take();
                }
                if prev.1.fine.is_none() {
                    prev.1.fine = rec.fine.take();
                }
                continue;
            }
        }
        // `分别判处甲、乙有期徒刑一年、十个月` (or `对甲、乙分别判处…`): the values listed go to
        // the names in turn.
        let respective = (name_fields.len() >= 2
            && (clause[..names.first().map_or(0, |r| r.start)].contains("分别")
                || text.starts_with("分别")))
        .then(|| respective(doc, abs + content.start, text, name_fields.len(), &rec))
        .flatten();
        match respective {
            Some(recs) => out.extend(name_fields.into_iter().zip(recs)),
            None => {
                for n in name_fields {
                    out.push((n, rec.clone()));
                }
            }
        }
    }
    if let Some(tail) = shared {
        if let Some(t) = parse_part(doc, abs + tail.start, &clause[tail]) {
            for (_, rec) in &mut out[first_out..] {
                if rec.probation.is_none() {
                    rec.probation = t.probation.clone();
                    rec.probation_period = t.probation_period.clone();
                }
                if rec.fine.is_none() {
                    rec.fine = t.fine.clone();
                }
                if rec.political_rights.is_none() {
                    rec.political_rights = t.political_rights.clone();
                }
            }
        }
    }
    if !any {
        warnings.push(doc.warning(
            "sentencing recommendation could not be read",
            Some(abs..abs + clause.len()),
        ));
    }
}

/// A part that proposes a sentence for each of several charges and then the combined one
/// (`以盗窃罪判处…；以诈骗罪判处…；数罪并罚，决定执行…`): the combined sentence with the
/// charges' own. `None` when the part is not of that form or a share cannot be read.
fn per_charge_part(doc: &Document, abs: usize, part: &str) -> Option<SentencingRecommendation> {
    let shares: Vec<(Range<usize>, Range<usize>)> = SHARE_RE
        .captures_iter(part)
        .filter_map(|c| {
            let (whole, charge) = (c.get(0)?, c.get(1)?);
            // One charge, and a charge indeed (not 数罪, 犯罪).
            let [(_, _)] = split_charges_at(charge.as_str(), 0).as_slice() else {
                return None;
            };
            Some((whole.range(), charge.range()))
        })
        .collect();
    let last = shares.last()?.0.end;
    let combined = COMBINED_RE.find_iter(part).find(|m| m.start() >= last)?;
    // One charge combined with an earlier sentence (撤销缓刑, 前罪…并罚) is a share too.
    let with_earlier = ["前罪", "撤销", "漏罪", "余刑"]
        .iter()
        .any(|w| part[last..combined.start()].contains(w));
    if shares.len() < 2 && !with_earlier {
        return None;
    }
    let trim = |r: Range<usize>| {
        let t = part[r.clone()].trim_end_matches(['，', ',', '；', ';', '。', ' ']);
        r.start..r.start + t.len()
    };
    let mut per_charge = Vec::new();
    for (i, (whole, charge)) in shares.iter().enumerate() {
        let mut end = shares.get(i + 1).map_or(combined.start(), |n| n.0.start);
        // A share ends at its clause: what follows `；` (撤销…缓刑) is about the combining.
        if let Some(semi) = part[whole.end..end].find(['；', ';']) {
            end = whole.end + semi;
        }
        let seg = trim(whole.start..end);
        let rec = parse_part(doc, abs + seg.start, &part[seg.clone()])?;
        rec.principal.as_ref()?;
        per_charge.push(ChargeRecommendation {
            charge: Charge::read(
                doc,
                part[charge.clone()].to_string(),
                abs + charge.start..abs + charge.end,
            ),
            recommendation: rec,
        });
    }
    let seg = trim(combined.start()..part.len());
    let mut rec = parse_part(doc, abs + seg.start, &part[seg.clone()])?;
    rec.principal.as_ref()?;
    rec.per_charge = per_charge;
    let first = shares.first().map_or(seg.start, |s| s.0.start);
    rec.evidence = doc.evidence(abs + first..abs + seg.end);
    Some(rec)
}

/// Parses one part of a clause (the text after a defendant's name).
fn parse_part(doc: &Document, abs: usize, part: &str) -> Option<SentencingRecommendation> {
    let at = |r: Range<usize>| abs + r.start..abs + r.end;
    let mut rec = SentencingRecommendation::unsaid(doc.evidence(abs..abs + part.len()));
    // The principal penalty: the first one named, unless a 罚金 alone is proposed.
    let principal = PRINCIPAL_RE.find(part);
    if let Some(p) = principal {
        if let Some(pen) = Penalty::from_word(p.as_str()) {
            rec.principal = Some(doc.field(pen, at(p.range())));
            if pen.has_term() {
                rec.term = term_near(part, p.range()).map(|(t, r)| doc.field(t, at(r)));
            }
        }
    }
    // Probation: refused, granted (with its period), or not said.
    let no = PROBATION_NO_RE.find(part);
    if let Some(m) = no {
        rec.probation = Some(doc.field(false, at(m.range())));
    } else if let Some(m) = PROBATION_RE.find_iter(part).find(|m| {
        !part[..m.start()]
            .trim_end_matches(['，', ','])
            .ends_with("死刑")
    }) {
        rec.probation = Some(doc.field(true, at(m.range())));
        // The period after this word or after a later one (`宣告缓刑，缓刑考验期限为一年`).
        let period = PROBATION_RE.find_iter(&part[m.start()..]).find_map(|w| {
            let end = m.start() + w.end();
            let rest = &part[end..];
            let skip = PROBATION_PERIOD_RE.find(rest).map_or(0, |x| x.end());
            term_at(&rest[skip..]).map(|(t, r)| (t, end + skip + r.start..end + skip + r.end))
        });
        if let Some((t, r)) = period {
            rec.probation_period = Some(doc.field(t, at(r)));
        }
    }
    // The fine.
    if let Some(f) = FINE_RE.find(part) {
        let zone_end = part[f.end()..]
            .find(['；', '。'])
            .map_or(part.len(), |i| f.end() + i);
        let zone = &part[f.end()..zone_end];
        let (amount, end) = amount_in(zone);
        rec.fine = Some(doc.field(amount, at(f.start()..f.end() + end)));
        if rec.principal.is_none() {
            rec.principal = Some(doc.field(Penalty::FineOnly, at(f.range())));
        }
    }
    if let Some(m) = RIGHTS_RE.find(part) {
        let value = if m.as_str().ends_with("终身") {
            Some((PoliticalRights::Life, m.end()))
        } else {
            term_at(&part[m.end()..]).map(|(t, r)| (PoliticalRights::Term(t), m.end() + r.end))
        };
        if let Some((v, end)) = value {
            rec.political_rights = Some(doc.field(v, at(m.start()..end)));
        }
    }
    (!rec.is_empty()).then_some(rec)
}

/// The recommendations of `k` defendants proposed together with 分别 in `part` (at `abs`):
/// a comma-separated segment listing `k` values with `、` (`有期徒刑一年、十个月`,
/// `罚金人民币二万元、一万元`) gives the i-th defendant the i-th value; `rec`, read from the whole
/// part, holds the first values. `None` when no segment lists `k` values.
fn respective(
    doc: &Document,
    abs: usize,
    part: &str,
    k: usize,
    rec: &SentencingRecommendation,
) -> Option<Vec<SentencingRecommendation>> {
    let mut recs = vec![rec.clone(); k];
    let mut split = false;
    let mut seg_start = 0;
    for seg_end in part
        .match_indices(['，', ','])
        .map(|(i, _)| i)
        .chain([part.len()])
    {
        let seg = &part[seg_start..seg_end];
        let mut pieces: Vec<Range<usize>> = Vec::new();
        let mut from = 0;
        for (i, _) in seg.match_indices('、').chain([(seg.len(), "")]) {
            pieces.push(seg_start + from..seg_start + i);
            from = i + '、'.len_utf8();
        }
        let is_term = rec.term.is_some() && PRINCIPAL_RE.is_match(seg);
        let is_fine = seg.contains("罚金");
        if pieces.len() == k && (is_term || is_fine) {
            for (r, piece) in recs.iter_mut().zip(&pieces).skip(1) {
                let zone = &part[piece.clone()];
                let at = abs + piece.start..abs + piece.end;
                if is_term {
                    // A value with its own penalty (`有期徒刑十个月、拘役五个月`).
                    let names_penalty = PRINCIPAL_RE
                        .find(zone)
                        .is_some_and(|p| Penalty::from_word(p.as_str()).is_some());
                    if let Some(own) = names_penalty
                        .then(|| parse_part(doc, at.start, zone))
                        .flatten()
                    {
                        r.principal = own.principal;
                        r.term = own.term;
                        continue;
                    }
                    let (terms, _) = scan_terms(zone);
                    if terms.is_empty() {
                        return None;
                    }
                    r.term = Some(doc.field(interpret(zone, &terms), at));
                } else {
                    let (amount, _) = amount_in(zone);
                    if amount.min.is_none() && amount.max.is_none() {
                        return None;
                    }
                    r.fine = Some(doc.field(amount, at));
                }
            }
            split = true;
        }
        seg_start = seg_end + part[seg_end..].chars().next().map_or(0, char::len_utf8);
    }
    split.then_some(recs)
}

/// The term written next to a principal penalty: before it (`一年以下有期徒刑`) or after it
/// (`有期徒刑一年至一年六个月`).
fn term_near(part: &str, principal: Range<usize>) -> Option<(TermRange, Range<usize>)> {
    // Before: from the last anchor word (判处, 在, 建议 …) up to the penalty.
    let before = &part[..principal.start];
    let zone_start = TERM_ANCHOR_RE
        .find_iter(before)
        .last()
        .map_or(0, |m| m.end());
    let zone = &before[zone_start..];
    if !zone.trim().is_empty() {
        let (terms, consumed) = scan_terms(zone);
        if !terms.is_empty() && zone[consumed..].trim().is_empty() {
            let range = interpret(zone, &terms);
            let (s, e) = (terms[0].1.start, terms[terms.len() - 1].1.end);
            return Some((range, zone_start + s..zone_start + bound_end(zone, e)));
        }
    }
    let after = &part[principal.end..];
    let (terms, _) = scan_terms(after);
    if terms.is_empty() {
        return None;
    }
    let range = interpret(after, &terms);
    let (s, e) = (terms[0].1.start, terms[terms.len() - 1].1.end);
    Some((
        range,
        principal.end + s..principal.end + bound_end(after, e),
    ))
}

/// Extends a term span over a following `以下` / `以上` / `以内`.
fn bound_end(zone: &str, end: usize) -> usize {
    let rest = &zone[end..];
    for w in ["以下", "以上", "以内"] {
        if rest.starts_with(w) {
            return end + w.len();
        }
    }
    end
}

/// One term at the start of `s`.
fn term_at(s: &str) -> Option<(Term, Range<usize>)> {
    let c = TERM_AT.captures(s)?;
    let whole = c.get(0)?;
    if whole.is_empty() {
        return None;
    }
    let years = c.get(1).and_then(|m| parse_int(m.as_str()));
    let half = c.get(2).is_some();
    let months = c.get(3).and_then(|m| parse_int(m.as_str()));
    let days = c.get(4).and_then(|m| parse_int(m.as_str()));
    let term = match (years, months, days) {
        (None, None, Some(d)) if !half => Term::Days(d),
        (None, None, None) => return None,
        (y, m, _) => Term::Months(
            y.unwrap_or(0)
                .checked_mul(12)?
                .checked_add(m.unwrap_or(0))?
                .checked_add(if half { 6 } else { 0 })?,
        ),
    };
    Some((term, whole.range()))
}

/// The unit of a term as written: 年, 月 or 日.
fn unit_of(s: &str) -> Option<char> {
    let has_y = s.contains('年');
    let has_m = s.contains('月');
    let has_d = s.contains('日') || s.contains('天');
    match (has_y, has_m, has_d) {
        (true, false, false) => Some('年'),
        (false, true, false) => Some('月'),
        (false, false, true) => Some('日'),
        _ => None,
    }
}

/// Terms at the start of `zone`, separated only by connectors (至, 以上, ，…); returns them
/// and how far the scan consumed.
fn scan_terms(zone: &str) -> (Vec<(Term, Range<usize>)>, usize) {
    let mut terms: Vec<(Term, Range<usize>)> = Vec::new();
    let mut cursor = 0;
    let mut consumed = 0;
    while cursor < zone.len() && terms.len() < 2 {
        if let Some(m) = CONNECTOR_AT.find(&zone[cursor..]) {
            cursor += m.end();
            if cursor >= zone.len() {
                consumed = cursor;
                break;
            }
        }
        let rest = &zone[cursor..];
        if let Some((t, r)) = term_at(rest) {
            terms.push((t, cursor + r.start..cursor + r.end));
            cursor += r.end;
            consumed = cursor;
            continue;
        }
        // `六至八个月`: a bare number borrows the unit of the term after it.
        if let Some(b) = BARE_AT.captures(rest) {
            let (Some(num), Some(whole)) = (b.get(1), b.get(0)) else {
                break;
            };
            if let Some((next, nr)) = term_at(&rest[whole.end()..]) {
                let written = &rest[whole.end() + nr.start..whole.end() + nr.end];
                let n = parse_int(num.as_str());
                let first = match (unit_of(written), n) {
                    (Some('年'), Some(n)) => n.checked_mul(12).map(Term::Months),
                    (Some('月'), Some(n)) => Some(Term::Months(n)),
                    (Some('日'), Some(n)) => Some(Term::Days(n)),
                    _ => None,
                };
                if let Some(first) = first {
                    terms.push((first, cursor + num.start()..cursor + num.end()));
                    let second = cursor + whole.end();
                    terms.push((next, second + nr.start..second + nr.end));
                    cursor = second + nr.end;
                    consumed = cursor;
                    continue;
                }
            }
        }
        break;
    }
    // Trailing bounds (`以下`, `之间`) belong to the terms.
    if !terms.is_empty() {
        if let Some(m) = CONNECTOR_AT.find(&zone[consumed..]) {
            consumed += m.end();
        }
    }
    (terms, consumed)
}

/// What the terms of a zone mean: a range, a bound (以下 / 以上) or an exact term.
fn interpret(zone: &str, terms: &[(Term, Range<usize>)]) -> TermRange {
    match terms {
        [] => TermRange {
            min: None,
            max: None,
        },
        [(t, r)] => {
            let after = zone[r.end..].trim_start();
            let before = zone[..r.start].trim_end();
            if after.starts_with("以下")
                || after.starts_with("以内")
                || ["不超过", "不高于", "最高"]
                    .iter()
                    .any(|w| before.ends_with(w))
            {
                TermRange {
                    min: None,
                    max: Some(*t),
                }
            } else if after.starts_with("以上")
                || ["不低于", "不少于", "最低"]
                    .iter()
                    .any(|w| before.ends_with(w))
            {
                TermRange {
                    min: Some(*t),
                    max: None,
                }
            } else {
                TermRange {
                    min: Some(*t),
                    max: Some(*t),
                }
            }
        }
        [(a, ra), (b, rb), ..] => {
            // `X以下，Y以上` names the bounds in reverse order.
            let after_a = zone[ra.end..rb.start].trim_start();
            let after_b = zone[rb.end..].trim_start();
            if after_a.starts_with("以下") && after_b.starts_with("以上") {
                TermRange {
                    min: Some(*b),
                    max: Some(*a),
                }
            } else {
                TermRange {
                    min: Some(*a),
                    max: Some(*b),
                }
            }
        }
    }
}

/// The amount(s) at the start of a fine zone: exact, a range, a bound, or none; and the end
/// of what was read.
fn amount_in(zone: &str) -> (AmountRange, usize) {
    let mut found: Vec<(f64, Range<usize>)> = Vec::new();
    let mut last = 0;
    for m in find_money(zone) {
        if found.len() == 2 || !MONEY_GAP_RE.is_match(&zone[last..m.span.start]) {
            break;
        }
        last = m.span.end;
        found.push((m.yuan.value, m.span));
    }
    match found.as_slice() {
        [] => (
            AmountRange {
                min: None,
                max: None,
            },
            0,
        ),
        [(v, r)] => {
            let after = zone[r.end..].trim_start();
            let before = zone[..r.start].trim_end();
            let end = bound_end(zone, r.end);
            if after.starts_with("以下")
                || after.starts_with("以内")
                || ["不超过", "不高于", "最高"]
                    .iter()
                    .any(|w| before.ends_with(w))
            {
                (
                    AmountRange {
                        min: None,
                        max: Some(*v),
                    },
                    end,
                )
            } else if after.starts_with("以上")
                || ["不低于", "不少于", "最低"]
                    .iter()
                    .any(|w| before.ends_with(w))
            {
                (
                    AmountRange {
                        min: Some(*v),
                        max: None,
                    },
                    end,
                )
            } else {
                (
                    AmountRange {
                        min: Some(*v),
                        max: Some(*v),
                    },
                    r.end,
                )
            }
        }
        [(a, _), (b, rb), ..] => (
            AmountRange {
                min: Some(*a),
                max: Some(*b),
            },
            bound_end(zone, rb.end),
        ),
    }
}

/// A recommendation in the gold schema of the case bundles, with the fields the fixtures add:
/// `{principal, term_months_min, term_months_max, probation, probation_months, fine, fine_yuan,
/// fine_yuan_min, fine_yuan_max, per_charge}`. Probation not said counts as `false` (no
/// probation proposed), as in `truth.json`; `fine_yuan` is the exact amount or `null`.
pub fn recommendation_gold(r: &SentencingRecommendation) -> serde_json::Value {
    gold_with(r, serde_json::Value::Bool(false))
}

/// The same, with `probation: null` when the recommendation does not speak of probation
/// (the schema of the 量刑建议书 fixtures).
fn gold_with(r: &SentencingRecommendation, unsaid: serde_json::Value) -> serde_json::Value {
    let term = r.term.as_ref().map(|t| t.value);
    let fine = r.fine.as_ref().map(|f| f.value);
    let yuan = |v: Option<f64>| v.map(yuan_json);
    serde_json::json!({
        "principal": r.principal.as_ref().map(|p| p.value.name()),
        "term_months_min": term.and_then(|t| t.min_months()),
        "term_months_max": term.and_then(|t| t.max_months()),
        "probation": r.probation.as_ref().map_or(unsaid, |p| serde_json::Value::Bool(p.value)),
        "probation_months": r.probation_period.as_ref().and_then(|p| p.value.months()),
        "fine": fine.is_some(),
        "fine_yuan": yuan(fine.and_then(|f| f.exact())),
        "fine_yuan_min": yuan(fine.and_then(|f| f.min)),
        "fine_yuan_max": yuan(fine.and_then(|f| f.max)),
        "per_charge": r.per_charge.iter().map(|c| {
            // Each charge's share: the same fields with the charge, silence on probation null.
            let mut v = gold_with(&c.recommendation, serde_json::Value::Null);
            if let Some(o) = v.as_object_mut() {
                o.remove("per_charge");
                o.insert("charge".into(), c.charge.gold_name().into());
            }
            v
        }).collect::<Vec<_>>(),
    })
}

/// A number of yuan as JSON: an integer when it is whole.
pub(crate) fn yuan_json(v: f64) -> serde_json::Value {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        serde_json::json!(v as i64)
    } else {
        serde_json::json!(v)
    }
}

/// A 量刑建议书 in the gold schema of the fixtures: number and indictment number as printed,
/// ISO date, procuratorate, court, each defendant with charges (official names where known),
/// the charges as written, circumstances and recommendation, 刑法 articles, the procedure
/// proposed.
pub fn recommendation_document_gold(d: &RecommendationDocument) -> serde_json::Value {
    let s = |f: &Option<Field<String>>| f.as_ref().map(|f| f.value.clone());
    let defendants: Vec<serde_json::Value> = d
        .defendants
        .iter()
        .map(|x| {
            serde_json::json!({
                "name": x.name.value,
                "charges": x.charges.iter().map(|c| c.gold_name().to_string()).collect::<Vec<_>>(),
                "charges_written": x.charges.iter().map(|c| c.name.value.clone()).collect::<Vec<_>>(),
                "circumstances": x.circumstances.iter().filter(|c| c.value.in_gold()).map(|c| c.value.name()).collect::<Vec<_>>(),
                "recommendation": x.recommendation.as_ref().map(|r| gold_with(r, serde_json::Value::Null)),
            })
        })
        .collect();
    serde_json::json!({
        "number": s(&d.number),
        "date": d.date.as_ref().map(|x| x.value.to_string()),
        "procuratorate": s(&d.procuratorate),
        "court": s(&d.court),
        "indictment_number": s(&d.indictment_number),
        "defendants": defendants,
        "articles": d.articles.iter().map(|a| a.value.clone()).collect::<Vec<_>>(),
        "procedure_proposed": super::indictment::gold_procedure(&d.procedure_proposed),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Vec<NamedRecommendation>, Vec<Warning>) {
        let doc = Document::from_text("t", text);
        let mut w = Vec::new();
        let recs = parse_recommendation_in(&doc, 0..doc.text().len(), &["张某", "李某某"], &mut w);
        (recs, w)
    }

    /// Name, maximum months, fine (yuan) and probation of a recommendation.
    type Summary = (String, Option<u32>, Option<f64>, Option<bool>);

    /// The [`Summary`] of each recommendation.
    fn summary(recs: &[NamedRecommendation]) -> Vec<Summary> {
        recs.iter()
            .map(|(n, r)| {
                (
                    n.as_ref().map(|f| f.value.clone()).unwrap_or_default(),
                    r.term.as_ref().and_then(|t| t.value.max_months()),
                    r.fine.as_ref().and_then(|f| f.value.max),
                    r.probation.as_ref().map(|p| p.value),
                )
            })
            .collect()
    }

    #[test]
    fn values_listed_with_respectively_go_to_the_names_in_turn() {
        let (recs, _) = parse("建议分别判处被告人张某、李某某有期徒刑一年六个月、一年，并处罚金人民币二万元、一万元。");
        assert_eq!(
            summary(&recs),
            [
                ("张某".into(), Some(18), Some(20000.0), None),
                ("李某某".into(), Some(12), Some(10000.0), None)
            ]
        );
        // The evidence of the second term is its own value.
        assert_eq!(recs[1].1.term.as_ref().unwrap().evidence.text, "一年");
    }

    #[test]
    fn a_shared_tail_after_the_last_proposal_is_said_of_every_name() {
        let (recs, _) = parse("建议对被告人张某判处有期徒刑一年，对被告人李某某判处有期徒刑十个月，均适用缓刑，并处罚金人民币五千元。");
        assert_eq!(
            summary(&recs),
            [
                ("张某".into(), Some(12), Some(5000.0), Some(true)),
                ("李某某".into(), Some(10), Some(5000.0), Some(true))
            ]
        );
    }

    #[test]
    fn labelled_blocks_opened_by_a_name_label() {
        let t = "某区人民检察院\n量刑建议书\n某检量建〔2024〕8号\n被告人姓名：甲某\n罪名：盗窃罪\n量刑情节：累犯\n建议刑罚：有期徒刑十个月到一年\n缓刑：不适用\n罚金：人民币五千元\n被告人姓名：乙某某\n罪名：盗窃罪\n量刑情节：从犯\n建议刑罚：有期徒刑六个月\n缓刑：建议适用\n罚金：人民币二千元\n此致\n某区人民法院\n2024年2月1日";
        let r = extract_recommendation_document(&Document::from_text("r", t));
        let got: Vec<_> = r
            .defendants
            .iter()
            .map(|d| {
                let rec = d.recommendation.as_ref().unwrap();
                (
                    d.name.value.as_str(),
                    d.charges.len(),
                    rec.term.as_ref().and_then(|t| t.value.min_months()),
                    rec.probation.as_ref().map(|p| p.value),
                    rec.fine.as_ref().and_then(|f| f.value.max),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("甲某", 1, Some(10), Some(false), Some(5000.0)),
                ("乙某某", 1, Some(6), Some(true), Some(2000.0))
            ]
        );
    }

    #[test]
    fn a_units_fine_alone_after_a_heading_is_a_proposal() {
        let t = "某区人民检察院\n量刑建议书\n某检量建〔2024〕9号\n被告单位某某化工有限公司、被告人张某涉嫌污染环境罪一案，被告单位、被告人张某均自愿认罪认罚。提出量刑建议如下：\n对被告单位某某化工有限公司判处罚金人民币二十万元；\n对被告人张某判处有期徒刑一年，并处罚金人民币五万元。\n此致\n某区人民法院\n2024年1月15日";
        let r = extract_recommendation_document(&Document::from_text("r", t));
        let unit = &r.defendants[0];
        assert_eq!(unit.name.value, "某某化工有限公司");
        let rec = unit.recommendation.as_ref().unwrap();
        assert_eq!(
            rec.principal.as_ref().map(|p| p.value),
            Some(Penalty::FineOnly)
        );
        assert_eq!(rec.fine.as_ref().and_then(|f| f.value.max), Some(200000.0));
        assert_eq!(unit.circumstances.len(), 1, "{:?}", unit.circumstances);
    }

    #[test]
    fn a_case_title_may_run_a_long_charge_onto_the_name() {
        let t = "某区人民检察院\n量刑建议书\n某检刑建〔2023〕3号\n被告人钱某某组织卖淫、协助组织卖淫一案，本院已以某检刑诉〔2023〕21号起诉书提起公诉。建议判处被告人钱某某有期徒刑五年。\n此致\n某区人民法院\n2023年3月1日";
        let doc = Document::from_text("r", t);
        assert_eq!(known_names(&doc), ["钱某某"]);
        // A title without a defendant names nobody.
        let doc = Document::from_text(
            "r",
            "某区人民检察院\n量刑建议书\n本院办理的各被告人组织卖淫、协助组织卖淫一案。",
        );
        assert!(known_names(&doc).is_empty());
    }

    #[test]
    fn a_case_title_of_several_pieces_names_units_and_their_charges() {
        let t = "某县人民检察院\n量刑建议书\n某检量建〔2024〕2号\n某县人民法院：\n本院以某检刑诉〔2024〕5号起诉书提起公诉的被告单位某县青松木业有限公司、被告人甲某某盗伐林木、非法占用农用地，被告人乙某盗伐林木一案，现提出量刑建议如下：\n一、被告单位某县青松木业有限公司\n犯盗伐林木罪，触犯《中华人民共和国刑法》第三百四十五条第一款、第三百四十六条，建议判处罚金人民币六万元；犯非法占用农用地罪，建议判处罚金人民币四万元。数罪并罚，建议决定执行罚金人民币十万元。\n二、被告人甲某某\n犯盗伐林木罪，建议判处有期徒刑一年，并处罚金人民币一万元；犯非法占用农用地罪，建议判处有期徒刑八个月，并处罚金人民币五千元。其认罪认罚，可以从宽处理。数罪并罚，建议决定执行有期徒刑一年六个月，缓刑二年，并处罚金人民币一万五千元。\n三、被告人乙某\n系从犯，建议判处拘役四个月，缓刑六个月，并处罚金人民币三千元。\n此致\n某县人民法院\n2024年1月9日";
        let doc = Document::from_text("r", t);
        assert_eq!(
            known_names(&doc),
            ["某县青松木业有限公司", "甲某某", "乙某"]
        );
        let r = extract_recommendation_document(&doc);
        let charges = |i: usize| -> Vec<&str> {
            r.defendants[i]
                .charges
                .iter()
                .map(|c| c.name.value.as_str())
                .collect()
        };
        // The charges a title writes after its names are theirs when the items name none.
        assert_eq!(charges(2), ["盗伐林木罪"]);
        let rec = |i: usize| r.defendants[i].recommendation.as_ref().unwrap();
        // Shares split at `；` in one sentence and the combined sentence in a later one.
        let unit = rec(0);
        assert_eq!(
            unit.principal.as_ref().map(|p| p.value),
            Some(Penalty::FineOnly)
        );
        assert_eq!(unit.fine.as_ref().unwrap().value.exact(), Some(100_000.0));
        let shares: Vec<(&str, Option<f64>)> = unit
            .per_charge
            .iter()
            .map(|c| {
                (
                    c.charge.name.value.as_str(),
                    c.recommendation.fine.as_ref().and_then(|f| f.value.exact()),
                )
            })
            .collect();
        assert_eq!(
            shares,
            [
                ("盗伐林木罪", Some(60_000.0)),
                ("非法占用农用地罪", Some(40_000.0))
            ]
        );
        let person = rec(1);
        assert_eq!(person.term.as_ref().unwrap().value.max_months(), Some(18));
        assert_eq!(person.per_charge.len(), 2);
        assert_eq!(person.probation.as_ref().map(|p| p.value), Some(true));
        assert_eq!(
            rec(2).principal.as_ref().map(|p| p.value),
            Some(Penalty::Detention)
        );
    }

    #[test]
    fn an_item_opening_with_one_defendant_owns_its_unnamed_proposal() {
        let t = "某区人民检察院\n量刑建议书\n某检刑建〔2024〕4号\n被告人甲某、乙某、丙某故意伤害一案，提出量刑建议如下：\n（一）被告人甲某纠集乙某、丙某殴打被害人，起主要作用；认罪认罚。建议判处有期徒刑二年至二年六个月。\n（二）被告人乙某协助抓获甲某，系立功。建议判处有期徒刑八个月，可宣告缓刑。\n（三）被告人丙某、乙某均系从犯。建议判处拘役三个月。\n此致\n某区人民法院\n2024年3月1日";
        let doc = Document::from_text("r", t);
        let mut w = Vec::new();
        let body = t.find("（一）").unwrap()..t.find("此致").unwrap();
        let recs = parse_recommendation_in(&doc, body, &["甲某", "乙某", "丙某"], &mut w);
        let got: Vec<(Option<&str>, Option<u32>)> = recs
            .iter()
            .map(|(n, r)| {
                (
                    n.as_ref().map(|f| f.value.as_str()),
                    r.term.as_ref().and_then(|t| t.value.max_months()),
                )
            })
            .collect();
        // A group opening the third item owns nothing by itself.
        assert_eq!(
            got,
            [
                (Some("甲某"), Some(30)),
                (Some("乙某"), Some(8)),
                (None, Some(3))
            ]
        );
    }

    #[test]
    fn a_table_without_charges_the_court_above_and_the_indictment_in_brackets() {
        let t = "某县人民检察院\n量刑建议书\n某检刑建〔2023〕5号\n某县人民法院：\n被告人甲某某、乙某涉嫌非法捕捞水产品罪一案，经本院审查认为，二被告人的行为均已触犯《中华人民共和国刑法》第三百四十条，应当以非法捕捞水产品罪追究刑事责任。本院起诉书（某检刑诉〔2023〕9号）已移送。建议如下：\n序号\t被告人\t量刑情节\t量刑建议\n1\t甲某某\t坦白；认罪认罚\t拘役五个月\n2\t乙某\t自首\t单处罚金人民币八千元\n此致\n检察官：某某\n2023年3月1日";
        let doc = Document::from_text("r", t);
        let r = extract_recommendation_document(&doc);
        type Row<'a> = (&'a str, Vec<&'a str>, Vec<&'a str>, Option<u32>);
        let got: Vec<Row> = r
            .defendants
            .iter()
            .map(|d| {
                (
                    d.name.value.as_str(),
                    d.charges.iter().map(|c| c.name.value.as_str()).collect(),
                    d.circumstances.iter().map(|c| c.value.name()).collect(),
                    d.recommendation
                        .as_ref()
                        .and_then(|r| r.term.as_ref())
                        .and_then(|t| t.value.max_months()),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "甲某某",
                    vec!["非法捕捞水产品罪"],
                    vec!["坦白", "认罪认罚"],
                    Some(5)
                ),
                ("乙某", vec!["非法捕捞水产品罪"], vec!["自首"], None),
            ]
        );
        assert_eq!(r.court.map(|c| c.value).as_deref(), Some("某县人民法院"));
        assert_eq!(
            r.indictment_number.map(|c| c.value).as_deref(),
            Some("某检刑诉〔2023〕9号")
        );
    }

    /// (name, charges, principal, months max, fine max, per-charge (charge, months max)).
    type Proposed = (
        String,
        Vec<String>,
        Option<String>,
        Option<u32>,
        Option<f64>,
        Vec<(String, Option<u32>)>,
    );

    fn proposed(t: &str) -> Vec<Proposed> {
        let doc = Document::from_text("r", t);
        let r = extract_recommendation_document(&doc);
        r.defendants
            .iter()
            .map(|d| {
                let rec = d.recommendation.as_ref();
                (
                    d.name.value.clone(),
                    d.charges.iter().map(|c| c.name.value.clone()).collect(),
                    rec.and_then(|r| r.principal.as_ref())
                        .and_then(|p| serde_json::to_value(p.value).ok())
                        .and_then(|v| v.as_str().map(String::from)),
                    rec.and_then(|r| r.term.as_ref())
                        .and_then(|t| t.value.max_months()),
                    rec.and_then(|r| r.fine.as_ref()).and_then(|f| f.value.max),
                    rec.map_or_else(Vec::new, |r| {
                        r.per_charge
                            .iter()
                            .map(|c| {
                                let term = c.recommendation.term.as_ref();
                                (
                                    c.charge.name.value.clone(),
                                    term.and_then(|t| t.value.max_months()),
                                )
                            })
                            .collect()
                    }),
                )
            })
            .collect()
    }

    #[test]
    fn sections_per_defendant_with_items_per_charge() {
        let t = "某旗人民检察院\n量刑建议书\n某检量建〔2023〕9号\n某旗人民法院：\n本院以某检刑诉〔2023〕38号起诉书提起公诉的被告人甲某某、乙某、丙某某危害珍贵、濒危野生动物、非法狩猎一案，提出量刑建议如下：\n一、被告人甲某某\n（一）危害珍贵、濒危野生动物罪。法定刑为五年以下有期徒刑或者拘役，并处罚金。确定量刑起点为有期徒刑一年，基准刑为有期徒刑一年六个月。建议判处有期徒刑一年四个月，并处罚金人民币一万元。\n（二）非法狩猎罪。法定刑为三年以下有期徒刑、拘役、管制或者罚金。建议判处有期徒刑六个月，并处罚金人民币五千元。\n（三）依照《中华人民共和国刑法》第六十九条的规定数罪并罚，建议决定执行有期徒刑一年八个月，并处罚金人民币一万五千元，不适用缓刑。\n二、被告人乙某\n犯危害珍贵、濒危野生动物罪，系从犯。建议判处有期徒刑十个月以上一年以下，并处罚金人民币五千元以上八千元以下。\n三、被告人丙某某\n犯非法狩猎罪，系从犯。建议判处管制六个月。\n此致\n某旗人民法院\n2023年3月15日";
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            proposed(t),
            [
                (
                    "甲某某".into(),
                    s(&["危害珍贵、濒危野生动物罪", "非法狩猎罪"]),
                    Some("有期徒刑".into()),
                    Some(20),
                    Some(15000.0),
                    vec![
                        ("危害珍贵、濒危野生动物罪".into(), Some(16)),
                        ("非法狩猎罪".into(), Some(6))
                    ]
                ),
                (
                    "乙某".into(),
                    s(&["危害珍贵、濒危野生动物罪"]),
                    Some("有期徒刑".into()),
                    Some(12),
                    Some(8000.0),
                    vec![]
                ),
                (
                    "丙某某".into(),
                    s(&["非法狩猎罪"]),
                    Some("管制".into()),
                    Some(6),
                    None,
                    vec![]
                ),
            ]
        );
    }

    #[test]
    fn a_section_with_a_prior_sentence_and_an_accomplice_named_in_an_item() {
        let t = "某区人民检察院\n量刑建议书\n某检刑建〔2022〕4号\n某区人民法院：\n本院以某检刑诉〔2022〕12号起诉书指控被告人甲某犯盗窃罪、诈骗罪，被告人乙某某犯盗窃罪一案，提出量刑建议如下：\n一、被告人甲某\n1.盗窃罪。被告人甲某伙同被告人乙某某窃取财物，数额较大。建议判处有期徒刑十个月，并处罚金人民币五千元。\n2.诈骗罪。被告人甲某骗取他人钱款，数额较大。建议判处有期徒刑一年，并处罚金人民币一万元。\n3.被告人甲某曾因犯抢夺罪于2017年5月被判处有期徒刑三年，2020年1月刑满释放，系累犯，应当从重处罚。\n4.数罪并罚，建议决定执行有期徒刑一年八个月，并处罚金人民币一万五千元。\n二、被告人乙某某\n犯盗窃罪，系从犯。建议判处拘役五个月，并处罚金人民币二千元。\n此致\n某区人民法院\n2022年6月1日";
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            proposed(t),
            [
                (
                    "甲某".into(),
                    s(&["盗窃罪", "诈骗罪"]),
                    Some("有期徒刑".into()),
                    Some(20),
                    Some(15000.0),
                    vec![("盗窃罪".into(), Some(10)), ("诈骗罪".into(), Some(12))]
                ),
                (
                    "乙某某".into(),
                    s(&["盗窃罪"]),
                    Some("拘役".into()),
                    Some(5),
                    Some(2000.0),
                    vec![]
                ),
            ]
        );
    }

    #[test]
    fn items_of_a_document_joined_onto_one_line() {
        let t = "某区人民检察院 量刑建议书 某检刑建〔2023〕2号 某区人民法院： 被告人甲某、乙某某涉嫌生产、销售伪劣产品罪一案，二被告人均认罪认罚，提出量刑建议如下： 一、被告人甲某销售伪劣产品，系主犯。建议判处有期徒刑一年至一年六个月，并处销售金额百分之五十以上一倍以下的罚金。 二、被告人乙某某系从犯。建议判处拘役四个月，缓刑六个月，并处罚金人民币三万元。 此致 某区人民法院 2023年1月1日";
        let got = proposed(t);
        let names: Vec<&str> = got.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(names, ["甲某", "乙某某"]);
        assert_eq!(got[0].2.as_deref(), Some("有期徒刑"));
        assert_eq!(got[0].3, Some(18));
        assert_eq!(got[1].2.as_deref(), Some("拘役"));
        assert_eq!(got[1].4, Some(30000.0));
    }

    #[test]
    fn one_charge_combined_with_an_earlier_sentence_and_shares_across_a_name() {
        let t = "某区人民检察院\n量刑建议书\n某检量建〔2023〕71号\n被告人甲某涉嫌盗窃罪一案，现提出量刑建议如下：\n一、被告人甲某盗窃他人财物，应当以盗窃罪追究其刑事责任。\n二、综上，建议对被告人甲某以盗窃罪判处有期徒刑十个月，并处罚金人民币五千元；撤销某区人民法院（2022）某0502刑初118号刑事判决对其宣告的缓刑，与前罪所判处的有期徒刑一年并罚，决定执行有期徒刑一年八个月，并处罚金人民币八千元。\n此致\n某区人民法院\n2023年7月26日";
        let got = proposed(t);
        assert_eq!(
            got,
            [(
                "甲某".into(),
                vec!["盗窃罪".to_string()],
                Some("有期徒刑".into()),
                Some(20),
                Some(8000.0),
                vec![("盗窃罪".into(), Some(10))]
            )]
        );
        let t = "某区人民检察院\n量刑建议书\n某检量建〔2023〕72号\n被告人乙某涉嫌危险驾驶罪、妨害公务罪一案，建议以危险驾驶罪判处被告人乙某拘役三个月，并处罚金人民币五千元；以妨害公务罪判处有期徒刑七个月；数罪并罚，决定执行有期徒刑七个月，并处罚金人民币五千元。\n此致\n某区人民法院\n2023年7月26日";
        let got = proposed(t);
        assert_eq!(got[0].3, Some(7));
        assert_eq!(
            got[0].5,
            [
                ("危险驾驶罪".to_string(), Some(3)),
                ("妨害公务罪".to_string(), Some(7))
            ]
        );
    }

    #[test]
    fn a_proposal_continued_in_the_next_sentence_of_its_paragraph() {
        let t = "被告人甲某，男，1980年1月1日出生。\n被告人乙某，女，1985年1月1日出生。\n量刑建议：对被告人甲某判处有期徒刑二年，并处罚金人民币一万元。对被告人乙某判处有期徒刑一年，并处罚金人民币五千元，可以宣告缓刑。\n被告人甲某曾于2015年被判处拘役三个月。";
        let doc = Document::from_text("r", t);
        let got: Vec<(Option<String>, Option<u32>)> =
            parse_recommendation_in(&doc, 0..t.len(), &["甲某", "乙某"], &mut Vec::new())
                .into_iter()
                .map(|(n, r)| {
                    (
                        n.map(|n| n.value),
                        r.term.and_then(|t| t.value.max_months()),
                    )
                })
                .collect();
        // The record in the next paragraph is no proposal.
        assert_eq!(
            got,
            [
                (Some("甲某".into()), Some(24)),
                (Some("乙某".into()), Some(12))
            ]
        );
    }

    #[test]
    fn a_table_with_a_unit_defendant() {
        let t = "某市人民检察院\n量刑建议书\n某检量建〔2023〕8号\n某市人民法院：\n本院提起公诉的被告单位某某科技有限公司、被告人甲某某虚开发票一案，提出量刑建议如下表：\n序号\t被告单位/被告人\t罪名\t量刑情节\t量刑建议\n1\t某某科技有限公司\t虚开发票罪\t认罪认罚\t判处罚金人民币五万元\n2\t甲某某\t虚开发票罪\t坦白\t有期徒刑一年，缓刑二年\n此致\n某市人民法院\n2023年5月6日";
        let doc = Document::from_text("t", t);
        let rows = table_rows(&doc, 0..doc.text().len(), &known_names(&doc));
        let names: Vec<&str> = rows.iter().map(|r| r.name.value.as_str()).collect();
        assert_eq!(names, ["某某科技有限公司", "甲某某"]);
        assert_eq!(rows[0].charges[0].name.value, "虚开发票罪");
    }

    #[test]
    fn a_table_with_a_number_and_a_statutory_range_column() {
        let t = "某区人民检察院\n量刑建议书\n某检刑建〔2023〕3号\n对各被告人提出量刑建议如下：\n序号\t被告人\t罪名\t法定刑\t量刑情节\t量刑建议\n1\t甲某某\t寻衅滋事罪\t五年以下有期徒刑、拘役或者管制\t首要分子；有前科；认罪认罚\t有期徒刑一年至一年三个月\n2\t乙某\t寻衅滋事罪\t五年以下有期徒刑、拘役或者管制\t退出违法所得并取得谅解\t拘役四个月，缓刑六个月\n此致\n某区人民法院\n2023年3月1日";
        let doc = Document::from_text("r", t);
        let r = extract_recommendation_document(&doc);
        type Row<'a> = (&'a str, Vec<&'a str>, Vec<&'a str>, Option<u32>);
        let got: Vec<Row> = r
            .defendants
            .iter()
            .map(|d| {
                (
                    d.name.value.as_str(),
                    d.charges.iter().map(|c| c.name.value.as_str()).collect(),
                    d.circumstances.iter().map(|c| c.value.name()).collect(),
                    d.recommendation
                        .as_ref()
                        .and_then(|r| r.term.as_ref())
                        .and_then(|t| t.value.max_months()),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "甲某某",
                    vec!["寻衅滋事罪"],
                    vec!["前科", "认罪认罚"],
                    Some(15)
                ),
                (
                    "乙某",
                    vec!["寻衅滋事罪"],
                    vec!["退赃退赔", "取得谅解"],
                    Some(4)
                ),
            ]
        );
        // A table of statutory ranges only proposes nothing.
        let t = "某区人民检察院\n量刑建议书\n序号\t被告人\t罪名\t法定刑\t量刑建议\n1\t甲某某\t寻衅滋事罪\t五年以下有期徒刑\t另行提出\n";
        let doc = Document::from_text("r", t);
        assert!(table_rows(&doc, 0..doc.text().len(), &known_names(&doc)).is_empty());
    }

    #[test]
    fn numbered_shares_then_the_combined_sentence() {
        let t = "一、被告人张某盗窃他人财物，犯盗窃罪，建议判处有期徒刑一年至二年；\n二、被告人张某驾驶机动车追逐竞驶，犯危险驾驶罪，建议判处拘役三个月；\n三、数罪并罚，建议决定执行有期徒刑一年至二年，并处罚金人民币一万元。";
        let (recs, _) = parse(t);
        assert_eq!(recs.len(), 1, "{recs:?}");
        let (name, r) = &recs[0];
        assert_eq!(name.as_ref().unwrap().value, "张某");
        let charges: Vec<&str> = r
            .per_charge
            .iter()
            .map(|c| c.charge.name.value.as_str())
            .collect();
        assert_eq!(charges, ["盗窃罪", "危险驾驶罪"]);
        assert_eq!(r.term.as_ref().unwrap().value.max_months(), Some(24));
        // Two defendants with one charge each are no shares of one sentence.
        let t = "一、被告人张某犯盗窃罪，建议判处有期徒刑一年；\n二、被告人李某某犯盗窃罪，建议判处有期徒刑十个月。";
        let (recs, _) = parse(t);
        assert_eq!(recs.len(), 2);
        assert!(recs.iter().all(|(_, r)| r.per_charge.is_empty()));
    }

    #[test]
    fn evidence_quotes_the_text() {
        let (recs, _) =
            parse("建议判处被告人张某有期徒刑一年至一年六个月，缓刑二年，并处罚金人民币二千元。");
        let r = &recs[0].1;
        assert_eq!(r.term.as_ref().unwrap().evidence.text, "一年至一年六个月");
        assert_eq!(r.probation_period.as_ref().unwrap().value, Term::Months(24));
        assert_eq!(r.probation_period.as_ref().unwrap().evidence.text, "二年");
        assert_eq!(
            r.fine.as_ref().unwrap().evidence.text,
            "并处罚金人民币二千元"
        );
        assert_eq!(r.principal.as_ref().unwrap().evidence.text, "有期徒刑");
    }

    #[test]
    fn several_defendants() {
        let (recs, w) = parse("建议判处被告人张某有期徒刑一年，并处罚金人民币二千元；被告人李某某有期徒刑六个月，缓刑一年。");
        assert!(w.is_empty());
        let got: Vec<(String, Option<u32>, Option<bool>)> = recs
            .iter()
            .map(|(n, r)| {
                (
                    n.as_ref().map(|n| n.value.clone()).unwrap_or_default(),
                    r.term.as_ref().and_then(|t| t.value.max_months()),
                    r.probation.as_ref().map(|p| p.value),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("张某".to_string(), Some(12), None),
                ("李某某".to_string(), Some(6), Some(true))
            ]
        );
        let (recs, _) = parse("建议对被告人张某、李某某均判处拘役三个月。");
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[1].0.as_ref().unwrap().value, "李某某");
    }

    #[test]
    fn several_charges_give_their_shares_and_the_combined_sentence() {
        let shares = |r: &SentencingRecommendation| -> Vec<(String, Option<u32>)> {
            r.per_charge
                .iter()
                .map(|c| {
                    (
                        c.charge.name.value.clone(),
                        c.recommendation
                            .term
                            .as_ref()
                            .and_then(|t| t.value.max_months()),
                    )
                })
                .collect()
        };
        for text in [
            "建议对被告人张某以抢夺罪判处有期徒刑十个月，并处罚金人民币二千元；以侵占罪判处拘役四个月；数罪并罚，决定执行有期徒刑一年，并处罚金人民币二千元。",
            "建议对被告人张某以抢夺罪判处有期徒刑十个月，并处罚金人民币二千元，以侵占罪判处拘役四个月，合并执行有期徒刑一年，并处罚金人民币二千元。",
        ] {
            let (recs, w) = parse(text);
            assert!(w.is_empty(), "{w:?}");
            assert_eq!(recs.len(), 1, "{text}: {recs:?}");
            let (n, r) = &recs[0];
            assert_eq!(n.as_ref().unwrap().value, "张某");
            assert_eq!(r.term.as_ref().unwrap().value.max_months(), Some(12));
            assert_eq!(
                shares(r),
                [("抢夺罪".to_string(), Some(10)), ("侵占罪".to_string(), Some(4))]
            );
            assert_eq!(
                r.per_charge[1].recommendation.principal.as_ref().unwrap().value,
                Penalty::Detention
            );
        }
        // One charge named with its sentence is no share of a combined sentence.
        let (recs, _) = parse(
            "建议对被告人张某以抢夺罪判处有期徒刑十个月；对被告人李某某以抢夺罪判处拘役四个月。",
        );
        assert_eq!(recs.len(), 2);
        assert!(recs.iter().all(|(_, r)| r.per_charge.is_empty()));
    }

    #[test]
    fn a_numbered_item_gives_its_defendant_to_the_proposal_after_it() {
        let (recs, _) = parse("量刑建议如下：\n一、被告人李某某犯抢夺罪，系累犯。建议判处有期徒刑二年。\n二、被告人张某犯抢夺罪，系从犯。建议判处拘役五个月。\n");
        let got: Vec<(Option<String>, Option<u32>)> = recs
            .iter()
            .map(|(n, r)| {
                (
                    n.as_ref().map(|n| n.value.clone()),
                    r.term.as_ref().and_then(|t| t.value.max_months()),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (Some("李某某".to_string()), Some(24)),
                (Some("张某".to_string()), Some(5))
            ]
        );
        // Outside a numbered item a proposal naming nobody stays unnamed.
        let (recs, _) = parse("被告人李某某犯抢夺罪，系累犯。建议判处有期徒刑二年。");
        assert_eq!(recs.len(), 1);
        assert!(recs[0].0.is_none());
    }

    #[test]
    fn names_of_a_case_title_and_role_words_naming_nobody() {
        let names = |t: &str| known_names(&Document::from_text("t", t));
        assert_eq!(
            names("本院以某检刑诉〔2023〕5号起诉书提起公诉的被告人钱某甲抢夺、侵占一案，建议判处被告人钱某甲有期徒刑一年。"),
            ["钱某甲"]
        );
        assert_eq!(
            names("被告人钱某甲、孙某乙抢夺一案。以上量刑建议均经被告人同意，被告人已签署认罪认罚具结书。"),
            ["钱某甲", "孙某乙"]
        );
    }

    #[test]
    fn labelled_blocks_and_headings_of_a_defendants_proposal() {
        let t = "某区人民检察院\n量刑建议书\n某检量建〔2024〕8号\n某区人民法院：\n本院以某检刑诉〔2024〕30号起诉书提起公诉的被告人甲某、乙某某敲诈勒索一案，提出量刑建议如下：\n被告人甲某\n罪名：敲诈勒索罪\n法定刑幅度：三年以上十年以下有期徒刑，并处罚金\n量刑建议：有期徒刑三年至三年六个月，并处罚金人民币二万元\n一、对被告人乙某某的量刑建议\n被告人乙某某系从犯，认罪认罚。建议判处有期徒刑一年，并处罚金人民币五千元。\n此致\n某区人民法院\n2024年2月1日";
        let doc = Document::from_text("r", t);
        let r = extract_recommendation_document(&doc);
        let got: Vec<(&str, Option<u32>)> = r
            .defendants
            .iter()
            .map(|d| {
                let rec = d.recommendation.as_ref();
                (
                    d.name.value.as_str(),
                    rec.and_then(|r| r.term.as_ref())
                        .and_then(|t| t.value.max_months()),
                )
            })
            .collect();
        assert_eq!(got, [("甲某", Some(42)), ("乙某某", Some(12))]);
    }

    /// Name, longest term in months, probation, highest fine and number of circumstances.
    type RowSummary = (String, Option<u32>, Option<bool>, Option<f64>, usize);

    fn table_summary(t: &str) -> Vec<RowSummary> {
        let doc = Document::from_text("r", t);
        let r = extract_recommendation_document(&doc);
        r.defendants
            .iter()
            .map(|d| {
                let rec = d.recommendation.as_ref();
                (
                    d.name.value.clone(),
                    rec.and_then(|r| r.term.as_ref())
                        .and_then(|t| t.value.max_months()),
                    rec.and_then(|r| r.probation.as_ref()).map(|p| p.value),
                    rec.and_then(|r| r.fine.as_ref()).and_then(|f| f.value.max),
                    d.circumstances.len(),
                )
            })
            .collect()
    }

    #[test]
    fn tables_drawn_with_bars_or_tabs() {
        let head = "某区人民检察院\n量刑建议书\n某检量建〔2024〕8号\n某区人民法院：\n被告人甲某、乙某涉嫌盗窃罪一案，被告人乙某系从犯。提出量刑建议如下：\n";
        let tail = "\n此致\n某区人民法院\n2024年2月1日";
        let barred = format!("{head}| 序号 | 被告人 | 罪名 | 量刑情节 | 建议刑罚 |\n|---|---|---|---|---|\n| 1 | 甲某 | 盗窃罪 | 累犯、坦白 | 有期徒刑一年六个月，并处罚金人民币六千元 |\n| 2 | 乙某 | 盗窃罪 | 从犯 | 有期徒刑八个月，缓刑一年 |{tail}");
        assert_eq!(
            table_summary(&barred),
            [
                ("甲某".to_string(), Some(18), None, Some(6000.0), 2),
                ("乙某".to_string(), Some(8), Some(true), None, 1)
            ]
        );
        // No column of circumstances: 从犯 is read from the prose above.
        let tabbed = format!("{head}被告人\t罪名\t建议刑罚\n甲某\t盗窃罪\t有期徒刑二年\n乙某\t盗窃罪\t有期徒刑一年，缓刑一年{tail}");
        assert_eq!(
            table_summary(&tabbed),
            [
                ("甲某".to_string(), Some(24), None, None, 0),
                ("乙某".to_string(), Some(12), Some(true), None, 1)
            ]
        );
    }

    #[test]
    fn a_proposal_split_into_columns_of_principal_execution_and_fine() {
        let t = "某区人民检察院\n量刑建议书\n某检量建〔2024〕8号\n某区人民法院：\n被告单位某某建材有限公司、被告人甲某串通投标一案，提出量刑建议如下表：\n|序号|被告单位/被告人|罪名|量刑情节|主刑|执行方式|罚金|\n|---|---|---|---|---|---|---|\n|1|某某建材有限公司|串通投标罪|认罪认罚|—|—|人民币三十万元|\n|2|甲某|串通投标罪|坦白|有期徒刑一年至一年六个月|缓刑|人民币八万元|\n此致\n某区人民法院\n2024年2月1日";
        assert_eq!(
            table_summary(t),
            [
                (
                    "某某建材有限公司".to_string(),
                    None,
                    None,
                    Some(300_000.0),
                    1
                ),
                ("甲某".to_string(), Some(18), Some(true), Some(80_000.0), 1)
            ]
        );
        let doc = Document::from_text("r", t);
        let r = extract_recommendation_document(&doc);
        let unit = r.defendants[0].recommendation.as_ref().unwrap();
        assert_eq!(
            unit.principal.as_ref().map(|p| p.value),
            Some(Penalty::FineOnly)
        );
    }

    #[test]
    fn the_new_proposal_of_an_amended_recommendation_replaces_the_old() {
        let t = "某区人民检察院\n变更量刑建议书\n某检变建〔2024〕4号\n某区人民法院：\n本院以某检刑诉〔2024〕15号起诉书对被告人甲某危险作业一案提起公诉，并建议判处被告人甲某拘役四个月，缓刑六个月。被告人甲某揭发他人犯罪，系立功，本院决定撤回原量刑建议，变更为：\n判处被告人甲某拘役三个月，缓刑五个月。\n此致\n某区人民法院\n2024年6月3日";
        assert_eq!(
            table_summary(t),
            [("甲某".to_string(), Some(3), Some(true), None, 1)]
        );
    }

    #[test]
    fn listed_values_with_penalties_of_their_own_go_to_the_names_in_turn() {
        let (recs, _) = parse(
            "建议对被告人张某、李某某分别判处有期徒刑十个月、拘役五个月，并分别处罚金人民币一万元、五千元，对被告人李某某可以适用缓刑。",
        );
        let penalties: Vec<(&str, Option<Penalty>, Option<u32>)> = recs
            .iter()
            .map(|(n, r)| {
                (
                    n.as_ref().map_or("", |n| n.value.as_str()),
                    r.principal.as_ref().map(|p| p.value),
                    r.term.as_ref().and_then(|t| t.value.max_months()),
                )
            })
            .collect();
        assert_eq!(
            penalties,
            [
                ("张某", Some(Penalty::FixedTerm), Some(10)),
                ("李某某", Some(Penalty::Detention), Some(5))
            ]
        );
        let rest: Vec<(Option<f64>, Option<bool>)> = recs
            .iter()
            .map(|(_, r)| {
                (
                    r.fine.as_ref().and_then(|f| f.value.max),
                    r.probation.as_ref().map(|p| p.value),
                )
            })
            .collect();
        assert_eq!(rest, [(Some(10_000.0), None), (Some(5_000.0), Some(true))]);
    }

    #[test]
    fn proposals_grouped_by_kind_with_rights_alone_and_a_circumstance_after_the_role() {
        let t = "某区人民检察院\n量刑建议书\n某检量建〔2024〕9号\n某区人民法院：\n被告人甲某、乙某某、丙某聚众扰乱社会秩序一案，被告人丙某系自首。本院对被告人甲某的量刑计算如下：被告人坦白，减少基准刑的10%。提出量刑建议如下：\n（一）确定刑量刑建议\n被告人甲某：有期徒刑三年，宣告缓刑四年。\n被告人乙某某：单处剥夺政治权利一年。\n（二）幅度刑量刑建议\n被告人丙某：管制八个月至一年。\n此致\n某区人民法院\n2024年3月18日";
        let doc = Document::from_text("r", t);
        let r = extract_recommendation_document(&doc);
        // Name, principal, shortest and longest term in months.
        type Row<'a> = (&'a str, Option<Penalty>, Option<u32>, Option<u32>);
        let got: Vec<Row> = r
            .defendants
            .iter()
            .map(|d| {
                let rec = d.recommendation.as_ref();
                let term = rec.and_then(|r| r.term.as_ref());
                (
                    d.name.value.as_str(),
                    rec.and_then(|r| r.principal.as_ref()).map(|p| p.value),
                    term.and_then(|t| t.value.min_months()),
                    term.and_then(|t| t.value.max_months()),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("甲某", Some(Penalty::FixedTerm), Some(36), Some(36)),
                ("乙某某", Some(Penalty::RightsOnly), Some(12), Some(12)),
                ("丙某", Some(Penalty::Control), Some(8), Some(12))
            ]
        );
    }

    #[test]
    fn shares_named_once_with_the_sum_of_terms_before_the_combined_sentence() {
        let (recs, _) = parse(
            "对被告人张某，本院建议就其所犯盗窃罪判处有期徒刑二年，并处罚金人民币二万元；就其所犯诈骗罪判处有期徒刑一年六个月，并处罚金人民币一万元；二罪总和刑期为有期徒刑三年六个月，罚金合计人民币三万元，建议决定执行有期徒刑三年，并处罚金人民币三万元。",
        );
        assert_eq!(recs.len(), 1, "{recs:?}");
        let (name, r) = &recs[0];
        assert_eq!(name.as_ref().map(|n| n.value.as_str()), Some("张某"));
        assert_eq!(r.term.as_ref().and_then(|t| t.value.max_months()), Some(36));
        assert_eq!(r.fine.as_ref().and_then(|f| f.value.max), Some(30_000.0));
        assert_eq!(r.per_charge.len(), 2);
    }

    #[test]
    fn a_units_ranged_fine_and_probation_said_in_the_next_sentence() {
        let t = "某区人民检察院\n量刑建议书\n某检量建〔2023〕71号\n某区人民法院：\n本院以某检刑诉〔2023〕389号起诉书指控被告单位某某食品有限公司，被告人甲某犯生产、销售不符合安全标准的食品罪一案，提出量刑建议如下：\n（一）建议对被告单位某某食品有限公司判处罚金，数额在人民币十五万元以上二十万元以下；\n（二）建议对被告人甲某在拘役四个月至六个月之间量刑，并处罚金人民币五千元以上八千元以下。被告人甲某有自首情节，符合《中华人民共和国刑法》第七十二条规定的条件，可以适用缓刑。\n此致\n某区人民法院\n2023年11月6日";
        let doc = Document::from_text("r", t);
        let r = extract_recommendation_document(&doc);
        let unit = &r.defendants[0];
        assert_eq!(
            unit.charges[0].name.value,
            "生产、销售不符合安全标准的食品罪"
        );
        let fine = unit
            .recommendation
            .as_ref()
            .and_then(|r| r.fine.as_ref())
            .map(|f| f.value);
        assert_eq!(
            fine.map(|f| (f.min, f.max)),
            Some((Some(150_000.0), Some(200_000.0)))
        );
        let person = r.defendants[1].recommendation.as_ref().unwrap();
        assert_eq!(person.probation.as_ref().map(|p| p.value), Some(true));
        assert_eq!(
            person.term.as_ref().and_then(|t| t.value.max_months()),
            Some(6)
        );
    }

    #[test]
    fn the_defendant_and_counsel_heard_are_no_name() {
        let t = "某区人民检察院\n量刑建议书\n某检量建〔2024〕5号\n某区人民法院：\n被告人甲某涉嫌诈骗罪一案，经听取被告人及其辩护人的意见，本院提出量刑建议如下：\n建议判处被告人甲某有期徒刑一年，缓刑一年六个月，并处罚金人民币一万元。\n此致\n某区人民法院\n2024年5月1日";
        let doc = Document::from_text("r", t);
        let names: Vec<String> = extract_recommendation_document(&doc)
            .defendants
            .into_iter()
            .map(|d| d.name.value)
            .collect();
        assert_eq!(names, ["甲某"]);
    }

    #[test]
    fn labelled_lines_of_principal_additional_penalty_and_execution() {
        let t = "某区人民检察院\n量刑建议书\n某检量建〔2024〕8号\n某区人民法院：\n被告人甲某涉嫌非法吸收公众存款罪一案，建议判处：\n主刑：有期徒刑三年以上四年以下；\n附加刑：罚金人民币十万元；\n执行方式：实刑。\n此致\n某区人民法院\n2024年2月1日";
        assert_eq!(
            table_summary(t),
            [(
                "甲某".to_string(),
                Some(48),
                Some(false),
                Some(100_000.0),
                0
            )]
        );
    }

    #[test]
    fn the_probation_period_may_follow_a_second_mention_of_probation() {
        let (recs, _) =
            parse("建议判处被告人张某有期徒刑一年，宣告缓刑，缓刑考验期限为一年六个月。");
        let r = &recs[0].1;
        assert_eq!(r.probation.as_ref().map(|p| p.value), Some(true));
        assert_eq!(
            r.probation_period.as_ref().and_then(|p| p.value.months()),
            Some(18)
        );
    }

    #[test]
    fn probation_in_its_own_sentence_joins_the_recommendation() {
        let (recs, _) = parse("建议判处被告人张某有期徒刑一年。建议对被告人张某适用缓刑。");
        assert_eq!(recs.len(), 1);
        assert_eq!(recs[0].1.probation.as_ref().map(|p| p.value), Some(true));
    }

    #[test]
    fn not_recommendations() {
        for text in [
            "本案事实清楚，证据充分，建议适用简易程序审理。",
            "被告人张某曾因故意犯罪被判处有期徒刑，系累犯，应当从重处罚。",
            "建议不公开开庭审理。",
            "被告人张某系累犯，建议从重处罚。",
        ] {
            let (recs, w) = parse(text);
            assert!(recs.is_empty() && w.is_empty(), "{text}: {recs:?} {w:?}");
        }
    }

    #[test]
    fn unreadable_recommendation_warns_with_its_span() {
        let (recs, w) = parse("量刑建议：建议对被告人张某依法判处适当刑罚。");
        assert!(recs.is_empty());
        assert_eq!(w.len(), 1);
        let ev = w[0].evidence.as_ref().unwrap();
        assert!(ev.text.contains("适当刑罚"), "{ev:?}");
    }

    #[test]
    fn no_name_gives_none() {
        let doc = Document::from_text("t", "建议判处有期徒刑一年。");
        let recs = parse_recommendation_in(&doc, 0..doc.text().len(), &[], &mut Vec::new());
        assert_eq!(recs.len(), 1);
        assert!(recs[0].0.is_none());
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in [
            "",
            "建议",
            "建议判处",
            "建议判处有期徒刑",
            "罚金",
            "缓刑",
            "建议判处被告人张某有期徒刑至",
            "量刑建议：",
            "建议判处九九九九年有期徒刑",
        ] {
            let _ = parse(text);
        }
    }
}
