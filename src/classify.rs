//! Document type, decided from the title near the top, with the evidence for the decision.

use crate::document::{Document, Evidence};
use serde::{Deserialize, Serialize};

/// The kinds of document the library knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

/// Titles that a document amending or adding to an earlier one keeps, with a qualifier
/// before them: `变更量刑建议书`, `补充起诉书`.
pub(crate) const QUALIFIED_TITLES: &[&str] = &["量刑建议书", "起诉书"];

/// Whether the text before a title ends in a qualifier (`变更`, `补充`, `追加`) that stands
/// at the start of the title line.
fn title_qualified(head: &str) -> bool {
    title_qualifier(head).is_some()
}

/// The length of the qualifier (`变更`, `补充`, `追加`) that `head`, the text before a title,
/// ends in, when it stands at the start of the title line.
pub(crate) fn title_qualifier(head: &str) -> Option<usize> {
    ["变更", "补充", "追加"]
        .iter()
        .find(|q| {
            head.strip_suffix(**q)
                .is_some_and(|h| h.is_empty() || h.ends_with(['\n', ' ']))
        })
        .map(|q| q.len())
}

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
    let first = first_titles(window);
    let mut best: Option<(usize, &str, DocType)> = None;
    for (&(title, ty), pos) in TITLES.iter().zip(first) {
        if let Some(pos) = pos {
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
#[cfg(test)]
fn find_title(window: &str, title: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(rel) = window[from..].find(title) {
        let pos = from + rel;
        if title_at(window, title, pos) {
            return Some(pos);
        }
        from = pos + title.len();
    }
    None
}

/// Whether the occurrence of `title` at `pos` of the window stands as a title.
fn title_at(window: &str, title: &str, pos: usize) -> bool {
    let before = window[..pos].chars().next_back();
    let after = window[pos + title.len()..].chars().next();
    let starts_ok = match before {
        None | Some('\n' | ' ') => true,
        // A site headline such as "张某盗窃一审刑事判决书" ends in the title too.
        Some(c) => {
            let head = &window[..pos];
            ["院", "局", "处"].iter().any(|organ| head.ends_with(organ))
                || (title.starts_with("刑事") && crate::text::is_cjk(c))
                || (QUALIFIED_TITLES.contains(&title) && title_qualified(head))
        }
    };
    let ends_ok = matches!(after, None | Some('\n' | ' ' | '（' | '〔'))
        || after.is_some_and(|c| c.is_ascii_alphanumeric() || crate::text::is_cjk(c));
    starts_ok && ends_ok && !is_mention(window, pos)
}

/// Per title of [`TITLES`], where it first stands as a title (`find_title`), all in one scan: every title ends
/// in 书, so the occurrences of 书 give every occurrence of every title, in order (a title
/// never overlaps itself, so they are the occurrences `find_title` steps through).
fn first_titles(window: &str) -> [Option<usize>; TITLES.len()] {
    static SHU: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("书"));
    let mut first: [Option<usize>; TITLES.len()] = [None; TITLES.len()];
    for at in SHU.find_iter(window.as_bytes()) {
        let head = &window[..at + "书".len()];
        for (k, &(title, _)) in TITLES.iter().enumerate() {
            if first[k].is_none() && head.ends_with(title) {
                let pos = head.len() - title.len();
                if title_at(window, title, pos) {
                    first[k] = Some(pos);
                }
            }
        }
    }
    first
}

/// A mention inside a sentence: `以…号起诉书`, `的起诉书`, `提请批准逮捕书提请`.
fn is_mention(window: &str, pos: usize) -> bool {
    matches!(
        window[..pos].chars().next_back(),
        Some('号' | '的' | '以' | '份')
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_amending_or_supplementary_document_keeps_its_title() {
        for (text, want) in [
            (
                "某区人民检察院\n变更量刑建议书\n某检变量建〔2024〕3号",
                DocType::SentencingRecommendation,
            ),
            (
                "某区人民检察院\n补充起诉书\n某检刑补诉〔2024〕1号",
                DocType::Indictment,
            ),
            ("某区人民检察院\n关于变更的说明\n本院认为", DocType::Unknown),
        ] {
            let doc = Document::from_text("t", text);
            assert_eq!(classify(&doc).doc_type, want, "{text}");
        }
    }

    /// The one scan finds, per title, what a search of the window for that title finds.
    #[test]
    fn first_titles_are_found_as_by_searching_each() {
        let mut texts = vec![
            "某某人民法院\n刑事附带民事判决书\n以起诉书指控，的起诉书 起诉书书 刑事裁定书（"
                .to_string(),
            "批准逮捕决定书不批准逮捕决定书\n提请批准逮捕书 量刑建议书〔".to_string(),
        ];
        texts.extend(crate::test_support::fixture_texts(&[
            "tests/fixtures/judgments",
            "tests/fixtures/procuratorate",
            "tests/fixtures/other",
        ]));
        let mut found = 0;
        for text in &texts {
            let text = crate::text::normalize(text).text;
            let window = crate::text::prefix(&text, TITLE_WINDOW);
            let first = first_titles(window);
            for (k, &(title, _)) in TITLES.iter().enumerate() {
                assert_eq!(first[k], find_title(window, title), "{title} in {window:?}");
                found += usize::from(first[k].is_some());
            }
        }
        assert!(found > 30, "{found}");
    }
}
