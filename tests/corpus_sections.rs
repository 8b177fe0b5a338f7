//! Classification and segmentation over the real corpus (skipped when ../shared is absent).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use wenshu::{classify, segment, DocType, Document, SectionKind};

fn corpus() -> Option<Vec<(String, String)>> {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/judgments.jsonl");
    let Ok(data) = std::fs::read_to_string(&path) else {
        eprintln!(
            "skipped: {} not found (the shared corpus is not beside this checkout)",
            path.display()
        );
        return None;
    };
    Some(
        data.lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .map(|v| {
                (
                    v["id"].as_str().unwrap_or("").to_string(),
                    v["text"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect(),
    )
}

#[test]
fn every_corpus_judgment_is_classified_and_has_a_clean_operative_part() {
    let Some(docs) = corpus() else { return };
    let mut misclassified = Vec::new();
    let mut no_operative = Vec::new();
    let mut dirty = Vec::new();
    for (id, text) in &docs {
        let doc = Document::from_text(id, text);
        let c = classify(&doc);
        if !matches!(
            c.doc_type,
            DocType::Judgment | DocType::CivilJudgment | DocType::Ruling
        ) {
            misclassified.push(id.clone());
        }
        let s = segment(doc.text(), c.doc_type);
        let op = s.text(doc.text(), SectionKind::Operative);
        if op.is_empty() {
            no_operative.push(id.clone());
        } else if op.contains("如不服本判决")
            || op.contains("第一百三十三条之一　")
            || op.contains("附：")
            || op.contains("处三年以下有期徒刑、拘役或者管制")
        {
            dirty.push(id.clone());
        }
    }
    eprintln!(
        "{} documents: {} misclassified, {} without operative part, {} operative parts with appeal notice or statute text",
        docs.len(),
        misclassified.len(),
        no_operative.len(),
        dirty.len()
    );
    assert!(misclassified.is_empty(), "misclassified: {misclassified:?}");
    assert!(
        no_operative.len() * 200 <= docs.len(),
        "no operative part: {no_operative:?}"
    );
    assert!(
        dirty.is_empty(),
        "operative part contains appeal notice or statutes: {dirty:?}"
    );
}
