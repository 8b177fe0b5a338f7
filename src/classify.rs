//! Document type, decided from the title near the top, with the evidence for the decision.

use crate::document::{Document, Evidence};
use serde::{Deserialize, Serialize};

/// The kinds of document the library knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum DocType {
    /// 刑事判决书
    #[serde(rename = "刑事判决书")]
    Judgment,
    /// 刑事附带民事判决书
    #[serde(rename = "刑事附带民事判决书")]
    CivilJudgment,
    /// 刑事裁定书
    #[serde(rename = "刑事裁定书")]
    Ruling,
    /// 起诉书
    #[serde(rename = "起诉书")]
    Indictment,
    /// 量刑建议书
    #[serde(rename = "量刑建议书")]
    SentencingRecommendation,
    /// 批准逮捕决定书
    #[serde(rename = "批准逮捕决定书")]
    ArrestApproval,
    /// 逮捕决定书
    #[serde(rename = "逮捕决定书")]
    ArrestDecision,
    /// 不批准逮捕决定书
    #[serde(rename = "不批准逮捕决定书")]
    ArrestRefusal,
    /// 提请批准逮捕书
    #[serde(rename = "提请批准逮捕书")]
    ArrestRequest,
    /// 起诉意见书
    #[serde(rename = "起诉意见书")]
    ProsecutionOpinion,
    /// Not a criminal-case document the library reads.
    #[serde(rename = "unknown")]
    Unknown,
}

impl DocType {
    /// The Chinese name, as in the title.
    pub fn name(self) -> &'static str {
        match self {
            DocType::Judgment => "刑事判决书",
            DocType::CivilJudgment => "刑事附带民事判决书",
            DocType::Ruling => "刑事裁定书",
            DocType::Indictment => "起诉书",
            DocType::SentencingRecommendation => "量刑建议书",
            DocType::ArrestApproval => "批准逮捕决定书",
            DocType::ArrestDecision => "逮捕决定书",
            DocType::ArrestRefusal => "不批准逮捕决定书",
            DocType::ArrestRequest => "提请批准逮捕书",
            DocType::ProsecutionOpinion => "起诉意见书",
            DocType::Unknown => "unknown",
        }
    }

    /// Judgments and rulings.
    pub fn is_court(self) -> bool {
        matches!(
            self,
            DocType::Judgment | DocType::CivilJudgment | DocType::Ruling
        )
    }

    /// The four arrest documents.
    pub fn is_arrest(self) -> bool {
        matches!(
            self,
            DocType::ArrestApproval
                | DocType::ArrestDecision
                | DocType::ArrestRefusal
                | DocType::ArrestRequest
        )
    }
}

/// The type of a document and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Classification {
    /// The type.
    pub doc_type: DocType,
    /// The title (or body cue) the decision rests on; `None` for unknown.
    pub evidence: Option<Evidence>,
    /// A sentence saying how the type was decided.
    pub reason: String,
}

/// Titles, longest first so that `不批准逮捕决定书` wins over `批准逮捕决定书`.
const TITLES: &[(&str, DocType)] = &[
    ("刑事附带民事判决书", DocType::CivilJudgment),
    ("刑事附带民事裁定书", DocType::Ruling),
    ("不批准逮捕决定书", DocType::ArrestRefusal),
    ("批准逮捕决定书", DocType::ArrestApproval),
    ("提请批准逮捕书", DocType::ArrestRequest),
    ("刑事判决书", DocType::Judgment),
    ("刑事裁定书", DocType::Ruling),
    ("逮捕决定书", DocType::ArrestDecision),
    ("量刑建议书", DocType::SentencingRecommendation),
    ("起诉意见书", DocType::ProsecutionOpinion),
    ("起诉书", DocType::Indictment),
];

/// How far into the text a title is looked for (bytes): past a site's headline and the organ.
const TITLE_WINDOW: usize = 600;

/// Classifies a document by the first title found near its top.
///
/// ```
/// use wenshu::{classify, DocType, Document};
/// let doc = Document::from_text("a", "某市某区人民检察院\n起 诉 书\n某检刑诉〔2023〕1号\n被告人张某");
/// assert_eq!(classify(&doc).doc_type, DocType::Indictment);
/// let doc = Document::from_text("b", "今天天气很好。");
/// assert_eq!(classify(&doc).doc_type, DocType::Unknown);
/// ```
pub fn classify(doc: &Document) -> Classification {
    let text = doc.text();
    let window = crate::text::prefix(text, TITLE_WINDOW);
    let mut best: Option<(usize, &str, DocType)> = None;
    for &(title, ty) in TITLES {
        if let Some(pos) = find_title(window, title) {
            // The earliest title wins; at the same place the longer one (listed first).
            if best.is_none_or(|(b, _, _)| pos < b) {
                best = Some((pos, title, ty));
            }
        }
    }
    if let Some((pos, title, ty)) = best {
        // A civil judgment (民事判决书) quoting no criminal title never reaches here; a
        // criminal title must not be the tail of 民事/行政 (e.g. "行政裁定书" has no 刑事).
        return Classification {
            doc_type: ty,
            evidence: Some(doc.evidence(pos..pos + title.len())),
            reason: format!("title 「{title}」 near the top of the document"),
        };
    }
    Classification {
        doc_type: DocType::Unknown,
        evidence: None,
        reason: "no title of a known criminal-case document near the top".into(),
    }
}

/// Finds `title` where it stands as a title: not inside a sentence that merely mentions it
/// (e.g. `以…起诉书指控`), i.e. preceded by a line start, a blank, or the end of a headline.
fn find_title(window: &str, title: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(rel) = window[from..].find(title) {
        let pos = from + rel;
        let before = window[..pos].chars().next_back();
        let after = window[pos + title.len()..].chars().next();
        let starts_ok = match before {
            None | Some('\n' | ' ') => true,
            // A site headline such as "张某盗窃一审刑事判决书" ends in the title too.
            Some(c) => {
                let head = &window[..pos];
                ["院", "局", "处"].iter().any(|organ| head.ends_with(organ))
                    || (title.starts_with("刑事") && crate::text::is_cjk(c))
            }
        };
        let ends_ok = matches!(after, None | Some('\n' | ' ' | '（' | '〔'))
            || after.is_some_and(|c| c.is_ascii_alphanumeric() || crate::text::is_cjk(c));
        if starts_ok && ends_ok && !is_mention(window, pos) {
            return Some(pos);
        }
        from = pos + title.len();
    }
    None
}

/// A mention inside a sentence: `以…号起诉书`, `的起诉书`, `提请批准逮捕书提请`.
fn is_mention(window: &str, pos: usize) -> bool {
    let before: String = window[..pos].chars().rev().take(1).collect();
    matches!(before.as_str(), "号" | "的" | "以" | "份")
}
