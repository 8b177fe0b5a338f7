//! Extraction and classification on the committed fixtures (always run: no ../shared needed).
//! Accuracy is measured against the hand-written gold beside each document.

// Test helpers outside `#[test]` functions may panic (the crate's lints deny it in library code).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use wenshu::{
    classify, docs::judgment::extract_judgment, eval::score_judgments, gold::judgment_gold,
    Document, Limits,
};

fn fixtures(dir: &str) -> Vec<(PathBuf, serde_json::Value)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir);
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("fixture folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.extension().is_some_and(|e| e == "json") {
            let gold: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&p).expect("gold"))
                    .expect("gold JSON");
            for ext in ["txt", "pdf", "docx"] {
                let doc = p.with_extension(ext);
                if doc.exists() {
                    out.push((doc, gold.clone()));
                }
            }
        }
    }
    out
}

fn read(p: &Path) -> Option<Document> {
    match wenshu::read::read_path(p, &Limits::default()) {
        Ok(raw) => Some(Document::from_raw(raw)),
        Err(e) => {
            eprintln!("skipped {}: {e}", p.display());
            None
        }
    }
}

#[test]
fn judgment_fixtures_are_extracted_accurately() {
    let mut gold = Vec::new();
    let mut predicted = Vec::new();
    for (path, g) in fixtures("judgments") {
        let Some(doc) = read(&path) else { continue };
        let id = g["id"].as_str().unwrap_or_default().to_string();
        predicted.push(judgment_gold(&id, &extract_judgment(&doc)));
        gold.push(g);
    }
    assert!(gold.len() >= 10, "the judgment fixtures are there");
    let report = score_judgments(&gold, &predicted);
    eprintln!("{}", report.table());
    for m in &report.mismatches {
        eprintln!(
            "{}\t{}\tgold={}\tgot={}",
            m.id, m.field, m.gold, m.predicted
        );
    }
    assert!(
        report.micro() >= 0.95,
        "micro average {:.4} below 0.95",
        report.micro()
    );
}

#[test]
fn every_fixture_is_classified_as_its_gold_says() {
    let mut wrong = Vec::new();
    let mut n = 0;
    for dir in ["judgments", "procuratorate", "other"] {
        for (path, g) in fixtures(dir) {
            let Some(doc) = read(&path) else { continue };
            let want = g["doc_type"].as_str().unwrap_or("unknown");
            let got = classify(&doc).doc_type.name();
            n += 1;
            if got != want {
                wrong.push(format!("{}: {got} (gold {want})", path.display()));
            }
        }
    }
    eprintln!("{n} fixtures classified, {} wrong", wrong.len());
    assert!(n >= 100);
    assert!(wrong.is_empty(), "{wrong:#?}");
}
