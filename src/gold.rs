//! The `gold` output format: one flat JSON object per document in the schema of the
//! annotation guide (see README, "Gold format"), which `eval` compares with hand-made gold.

use crate::docs::judgment::{Judgment, Verdict};
use crate::extract::circumstances::Stance;
use crate::extract::sentence::{Confiscation, PoliticalRights, Sentence};
use serde_json::{json, Value};

/// The circumstance tags the gold schema knows.
pub const GOLD_TAGS: &[&str] = &[
    "累犯",
    "自首",
    "坦白",
    "立功",
    "认罪认罚",
    "未遂",
    "中止",
    "从犯",
    "未成年人",
    "退赃退赔",
    "取得谅解",
    "前科",
];

/// The gold record of a judgment; `id` names it.
///
/// ```
/// use wenshu::{docs::judgment::extract_judgment, gold::judgment_gold, Document};
/// let doc = Document::from_text("x", "某县人民法院 刑事判决书 （2023）某0102刑初1号 公诉机关某县人民检察院。 被告人张某，男。 本院认为，… 判决如下： 被告人张某犯盗窃罪，判处拘役五个月。 审判员 李某 二〇二三年四月十日");
/// let g = judgment_gold("x", &extract_judgment(&doc));
/// assert_eq!(g["defendants"][0]["sentence"]["term_months"], 5);
/// assert_eq!(g["judgment_date"], "2023-04-10");
/// ```
pub fn judgment_gold(id: &str, j: &Judgment) -> Value {
    let mut articles: Vec<String> = Vec::new();
    for a in &j.law_articles {
        if a.value.law == "刑法" && !articles.contains(&a.value.article) {
            articles.push(a.value.article.clone());
        }
    }
    let with_outcome = j.defendants.iter().any(|d| d.outcome.is_some());
    let defendants: Vec<Value> = j
        .defendants
        .iter()
        .filter(|d| !with_outcome || d.outcome.is_some())
        .map(|d| {
            let p = &d.party;
            let o = d.outcome.as_ref();
            // No decision for this defendant (a withdrawal ruling): no verdict.
            let verdict = o.map(|o| o.verdict.value);
            let per_charge: Vec<Value> = o
                .filter(|o| o.per_charge.len() > 1)
                .map(|o| {
                    o.per_charge
                        .iter()
                        .map(|c| {
                            json!({"charge": c.charge, "principal": c.sentence.principal, "term_months": c.sentence.term_months,
                                   "term_days": c.sentence.term_days, "fine_yuan": c.sentence.fine_yuan.map(yuan)})
                        })
                        .collect()
                })
                .unwrap_or_default();
            let mut tags: Vec<&str> = Vec::new();
            for c in &d.circumstances {
                if c.stance == Stance::Affirmed && GOLD_TAGS.contains(&c.tag.as_str()) && !tags.contains(&c.tag.as_str()) {
                    tags.push(&c.tag);
                }
            }
            json!({
                "name": p.name.value,
                "gender": p.gender.as_ref().map(|g| &g.value),
                "birth_date": p.birth_date.as_ref().map(|b| b.value.to_string()),
                "ethnicity": p.ethnicity.as_ref().map(|e| &e.value),
                "custody": p.custody.iter().map(|c| json!({"measure": c.measure, "date": c.date.map(|d| d.to_string())})).collect::<Vec<_>>(),
                "verdict": verdict,
                "charges": o.map(|o| o.charges.iter().map(|c| c.value.clone()).collect::<Vec<_>>()).unwrap_or_default(),
                "sentence": o.and_then(|o| o.sentence.as_ref()).filter(|_| verdict == Some(Verdict::Guilty)).map(sentence_gold),
                "per_charge": per_charge,
                "term_start": o.and_then(|o| o.term_start.as_ref()).map(|d| d.value.to_string()),
                "term_end": o.and_then(|o| o.term_end.as_ref()).map(|d| d.value.to_string()),
                "circumstances": tags,
            })
        })
        .collect();
    json!({
        "id": id,
        "doc_kind": if j.doc_type == crate::DocType::Ruling { "裁定书" } else { "判决书" },
        "court": j.court.as_ref().map(|c| &c.value),
        "case_number": j.case_number.as_ref().map(|c| c.evidence.text.trim()),
        "trial_level": j.trial_level.clone().unwrap_or_else(|| "一审".into()),
        "procedure": j.procedure.as_ref().map(|p| &p.value),
        "prosecutor": j.prosecutor.as_ref().map(|p| &p.value),
        "indictment_number": j.indictment_number.as_ref().map(|n| n.evidence.text.trim()),
        "prosecution_date": j.prosecution_date.as_ref().map(|d| d.value.to_string()),
        "judgment_date": j.judgment_date.as_ref().map(|d| d.value.to_string()),
        "law_articles": articles,
        "defendants": defendants,
        "notes": "",
    })
}

fn yuan(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        json!(v as i64)
    } else {
        json!(v)
    }
}

fn sentence_gold(s: &Sentence) -> Value {
    json!({
        "principal": s.principal,
        "term_months": s.term_months,
        "term_days": s.term_days,
        "probation_months": s.probation_months,
        "fine_yuan": s.fine_yuan.map(yuan),
        "political_rights": match &s.political_rights { None => Value::Null, Some(PoliticalRights::Life) => json!("终身"), Some(PoliticalRights::Months(m)) => json!(m) },
        "confiscation": match &s.confiscation { None => Value::Null, Some(Confiscation::All) => json!("全部财产"), Some(Confiscation::Yuan(y)) => yuan(*y) },
    })
}

/// The gold record of any document: judgments in the annotation-guide schema; indictments,
/// arrest documents and 量刑建议书 in the schema of `docs/gold-schema.md`; other documents as
/// `{"id", "doc_type": "unknown"}`.
pub fn gold_record(id: &str, d: &crate::check::CaseDocument) -> Value {
    use crate::check::Content;
    let mut v = match &d.content {
        Content::Judgment(j) => return judgment_gold(id, j),
        Content::Indictment(i) => {
            json!({"indictment": crate::docs::indictment::indictment_gold(i)})
        }
        Content::Arrest(a) => json!({"arrest": crate::docs::arrest::arrest_gold(a)}),
        Content::Recommendation(r) => {
            json!({"recommendation_document": crate::docs::recommendation::recommendation_document_gold(r)})
        }
        Content::Other => json!({}),
    };
    v["id"] = json!(id);
    v["doc_type"] = json!(d.class.doc_type.name());
    v
}
