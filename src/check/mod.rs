//! Checking: documents assembled into cases, and the supervision catalogue run over them.
//!
//! A [`Finding`] is an ordinary result, never an error: a lead for a prosecutor to verify,
//! with the rule that produced it, its legal basis and the evidence from every document involved.

pub mod assemble;
pub mod config;
pub mod rules;

use crate::classify::{Classification, DocType};
use crate::dict::Dictionaries;
use crate::docs::arrest::{extract_arrest, ArrestDocument};
use crate::docs::indictment::{extract_indictment, Indictment};
use crate::docs::judgment::{extract_judgment, Judgment};
use crate::docs::recommendation::{extract_recommendation_document, RecommendationDocument};
use crate::document::{Document, Evidence};
use serde::{Deserialize, Serialize};

pub use config::RuleConfig;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A fact worth a human's attention (supervision lead).
    Info,
    /// A likely error or inconsistency.
    Warning,
    /// A clear violation of a statutory rule.
    Error,
}

impl std::str::FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            other => Err(format!("unknown severity {other:?} (info, warning, error)")),
        }
    }
}

/// One finding of one rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Finding {
    /// The case it belongs to.
    pub case: String,
    /// The rule id (`L-term-dates`, `X-identity` …).
    pub rule: String,
    /// Its severity (after configuration).
    pub severity: Severity,
    /// The defendant concerned, if any.
    pub defendant: Option<String>,
    /// One line in Chinese saying what is wrong.
    pub message: String,
    /// The legal basis.
    pub basis: String,
    /// The text the finding rests on, from every document involved.
    pub evidence: Vec<Evidence>,
}

/// What was extracted from one document of a case.
///
/// In JSON the model's fields carry a `"type"` tag: `judgment`, `indictment`, `arrest`,
/// `recommendation` or `other`. (Not `kind`: indictments and arrest documents have a `kind`
/// field of their own, which the tag would collide with.)
///
/// ```
/// let doc = wenshu::Document::from_text("a", "某市公安局\n提请批准逮捕书\n某公（刑）提捕字〔2023〕12号\n犯罪嫌疑人张某，男，1985年3月12日出生。");
/// let v = serde_json::to_value(wenshu::Engine::new().extract(&doc)).unwrap();
/// assert_eq!((v["type"].as_str(), v["kind"].as_str()), (Some("arrest"), Some("提请批准逮捕书")));
/// ```
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
#[allow(clippy::large_enum_variant)]
pub enum Content {
    /// A judgment or ruling.
    Judgment(Judgment),
    /// An indictment (or a police 起诉意见书).
    Indictment(Indictment),
    /// One of the four arrest documents.
    Arrest(ArrestDocument),
    /// A separate 量刑建议书.
    Recommendation(RecommendationDocument),
    /// A document of a type the checks do not read.
    Other,
}

/// One document of a case: the text, its type and what was extracted.
#[derive(Debug, Clone)]
pub struct CaseDocument {
    /// The document.
    pub doc: Document,
    /// Its type.
    pub class: Classification,
    /// Its extraction.
    pub content: Content,
}

impl CaseDocument {
    /// Reads a document's type and extracts it.
    pub fn new(doc: Document) -> CaseDocument {
        let class = crate::classify(&doc);
        let content = match class.doc_type {
            DocType::Judgment | DocType::CivilJudgment | DocType::Ruling => {
                Content::Judgment(extract_judgment(&doc))
            }
            DocType::Indictment | DocType::ProsecutionOpinion => {
                Content::Indictment(extract_indictment(&doc))
            }
            DocType::SentencingRecommendation => {
                Content::Recommendation(extract_recommendation_document(&doc))
            }
            t if t.is_arrest() => Content::Arrest(extract_arrest(&doc, t)),
            _ => Content::Other,
        };
        CaseDocument {
            doc,
            class,
            content,
        }
    }
}

/// The documents of one criminal case.
#[derive(Debug, Clone)]
pub struct Case {
    /// A name for the case (folder name, or the number that links its documents).
    pub id: String,
    /// Its documents.
    pub documents: Vec<CaseDocument>,
}

impl Case {
    /// The indictments of the case (起诉书 first, then 起诉意见书), with their documents.
    pub fn indictments(&self) -> impl Iterator<Item = (&Document, &Indictment)> {
        let mut v: Vec<_> = self
            .documents
            .iter()
            .filter_map(|d| match &d.content {
                Content::Indictment(i) => Some((&d.doc, i)),
                _ => None,
            })
            .collect();
        v.sort_by_key(|(_, i)| i.kind != DocType::Indictment);
        v.into_iter()
    }

    /// The arrest documents of the case, with their documents.
    pub fn arrests(&self) -> impl Iterator<Item = (&Document, &ArrestDocument)> {
        self.documents.iter().filter_map(|d| match &d.content {
            Content::Arrest(a) => Some((&d.doc, a)),
            _ => None,
        })
    }

    /// The separate 量刑建议书 of the case.
    pub fn recommendations(&self) -> impl Iterator<Item = (&Document, &RecommendationDocument)> {
        self.documents.iter().filter_map(|d| match &d.content {
            Content::Recommendation(r) => Some((&d.doc, r)),
            _ => None,
        })
    }

    /// The judgments (and rulings) of the case, with their documents.
    pub fn judgments(&self) -> impl Iterator<Item = (&Document, &Judgment)> {
        self.documents.iter().filter_map(|d| match &d.content {
            Content::Judgment(j) => Some((&d.doc, j)),
            _ => None,
        })
    }
}

/// What rules need besides the case: the dictionaries (statutory data) and the rule levels.
pub struct Context<'a> {
    /// Legal dictionaries.
    pub dict: &'a Dictionaries,
    /// Rule levels.
    pub config: &'a RuleConfig,
}

impl Context<'_> {
    /// A statutory number from `deadlines.tsv` (a default when the key is missing).
    pub fn number(&self, key: &str, default: f64) -> f64 {
        self.dict.deadline(key).map_or(default, |d| d.value)
    }
}

/// Assembles documents into cases and checks every case: the findings, in case order, and the
/// assembly notes.
///
/// ```
/// use wenshu::check::{check_documents, CaseDocument, Context, RuleConfig};
/// use wenshu::{dict::Dictionaries, Document};
/// let doc = Document::from_text("j.txt", "某县人民法院 刑事判决书 （2023）某0102刑初1号 公诉机关某县人民检察院。 \
///     被告人张某，男，1985年3月12日出生。因涉嫌危险驾驶罪于2023年1月5日被取保候审。 \
///     本院认为，被告人张某醉酒驾驶机动车，其行为已构成危险驾驶罪。依照《中华人民共和国刑法》第一百三十三条之一之规定，\
///     判决如下： 被告人张某犯危险驾驶罪，判处拘役二个月。 审判员 李某 二〇二三年三月十日");
/// let (dict, config) = (Dictionaries::builtin(), RuleConfig::default());
/// let ctx = Context { dict: &dict, config: &config };
/// let (assembly, findings) = check_documents(vec![CaseDocument::new(doc)], &["".into()], &ctx);
/// assert_eq!(assembly.cases.len(), 1);
/// assert!(findings.iter().any(|f| f.rule == "L-fine-missing"));
/// ```
pub fn check_documents(
    documents: Vec<CaseDocument>,
    folders: &[String],
    ctx: &Context<'_>,
) -> (assemble::Assembly, Vec<Finding>) {
    let assembly = assemble::assemble(documents, folders);
    let findings = assembly
        .cases
        .iter()
        .flat_map(|c| check_case(c, ctx))
        .collect();
    (assembly, findings)
}

/// Runs every enabled rule of the catalogue over a case.
pub fn check_case(case: &Case, ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for rule in rules::catalogue() {
        let Some(severity) = ctx.config.severity(rule.info.id, rule.info.severity) else {
            continue;
        };
        let mut found = Vec::new();
        (rule.check)(
            case,
            ctx,
            &mut Emitter {
                case: &case.id,
                info: &rule.info,
                severity,
                out: &mut found,
            },
        );
        out.append(&mut found);
    }
    out
}

/// Collects the findings of one rule.
pub struct Emitter<'a> {
    case: &'a str,
    info: &'a rules::RuleInfo,
    severity: Severity,
    out: &'a mut Vec<Finding>,
}

impl Emitter<'_> {
    /// Reports a finding.
    pub fn report(&mut self, defendant: Option<&str>, message: String, evidence: Vec<Evidence>) {
        self.out.push(Finding {
            case: self.case.to_string(),
            rule: self.info.id.to_string(),
            severity: self.severity,
            defendant: defendant.map(str::to_string),
            message,
            basis: self.info.basis.to_string(),
            evidence,
        });
    }
}
