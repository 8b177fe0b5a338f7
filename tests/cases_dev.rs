//! 三书比对 on the development case bundles of ../shared/corpus/cases-dev: every planted and
//! natural inconsistency must be reported under its rule and defendant (recall 1.0), and
//! cross-document findings must be real (precision ≥ 0.95). Skipped when ../shared is absent.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use wenshu::check::{check_documents, CaseDocument, Context, RuleConfig};
use wenshu::{dict::Dictionaries, Limits};

#[test]
fn cases_dev_recall_and_precision() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/cases-dev");
    let Ok(entries) = std::fs::read_dir(&root) else {
        eprintln!(
            "skipped: {} not found (the shared corpus is not beside this checkout)",
            root.display()
        );
        return;
    };
    let mut cases: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    let (dict, config) = (Dictionaries::builtin(), RuleConfig::default());
    let ctx = Context {
        dict: &dict,
        config: &config,
    };
    let (mut expected_n, mut found_n, mut x_total, mut x_true) = (0, 0, 0, 0);
    let mut missed = Vec::new();
    let mut spurious = Vec::new();
    for case in &cases {
        let truth: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(case.join("truth.json")).expect("truth.json"),
        )
        .expect("truth JSON");
        let expected: Vec<(String, Option<String>)> = ["planted", "natural"]
            .iter()
            .flat_map(|k| truth[k].as_array().cloned().unwrap_or_default())
            .map(|p| {
                (
                    p["rule"].as_str().unwrap_or_default().to_string(),
                    p["defendant"].as_str().map(String::from),
                )
            })
            .collect();
        let mut docs = Vec::new();
        for item in wenshu::input::list(std::slice::from_ref(case)) {
            docs.push(CaseDocument::new(
                item.read(&Limits::default())
                    .expect("readable bundle document"),
            ));
        }
        let folders = vec![case.display().to_string(); docs.len()];
        let (_, findings) = check_documents(docs, &folders, &ctx);
        let name = case
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for (rule, who) in &expected {
            expected_n += 1;
            if findings
                .iter()
                .any(|f| &f.rule == rule && (who.is_none() || f.defendant.as_ref() == who.as_ref()))
            {
                found_n += 1;
            } else {
                missed.push(format!("{name} {rule} {who:?}"));
            }
        }
        for f in findings.iter().filter(|f| f.rule.starts_with("X-")) {
            x_total += 1;
            if expected
                .iter()
                .any(|(r, w)| r == &f.rule && (w.is_none() || w.as_ref() == f.defendant.as_ref()))
            {
                x_true += 1;
            } else {
                spurious.push(format!(
                    "{name} {} {:?}: {}",
                    f.rule, f.defendant, f.message
                ));
            }
        }
    }
    let recall = found_n as f64 / expected_n.max(1) as f64;
    let precision = x_true as f64 / x_total.max(1) as f64;
    eprintln!("cases: {}, expected: {expected_n}, found: {found_n}, recall {recall:.3}; cross-document findings: {x_total}, true: {x_true}, precision {precision:.3}", cases.len());
    for m in &missed {
        eprintln!("missed: {m}");
    }
    for s in &spurious {
        eprintln!("spurious: {s}");
    }
    assert!(missed.is_empty(), "recall {recall:.3} < 1.0");
    assert!(precision >= 0.95, "precision {precision:.3} < 0.95");
}

/// The same bundles as one flat heap with names that say nothing: cases are assembled from the
/// numbers the documents cite and the persons they name, and the findings are the same.
#[test]
fn cases_dev_as_one_heap() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/cases-dev");
    if !root.exists() {
        eprintln!(
            "skipped: {} not found (the shared corpus is not beside this checkout)",
            root.display()
        );
        return;
    }
    let (dict, config) = (Dictionaries::builtin(), RuleConfig::default());
    let ctx = Context {
        dict: &dict,
        config: &config,
    };
    let mut docs = Vec::new();
    let mut expected_types = Vec::new();
    for (n, item) in wenshu::input::list(std::slice::from_ref(&root))
        .into_iter()
        .enumerate()
    {
        let doc = item
            .read(&Limits::default())
            .expect("readable bundle document");
        let file = item.name();
        let want = if file.ends_with("judgment.txt") {
            "刑事判决书"
        } else if file.ends_with("indictment.txt") {
            "起诉书"
        } else {
            "批准逮捕决定书"
        };
        expected_types.push((file.clone(), want));
        // Anonymous names: the content alone must place the document.
        let text = doc.original().to_string();
        docs.push(CaseDocument::new(wenshu::Document::from_text(
            &format!("doc-{n:03}"),
            &text,
        )));
    }
    for (d, (file, want)) in docs.iter().zip(&expected_types) {
        assert_eq!(
            d.class.doc_type.name(),
            *want,
            "{file} classified as {}",
            d.class.doc_type.name()
        );
    }
    let folders = vec![String::new(); docs.len()];
    let (assembly, findings) = check_documents(docs, &folders, &ctx);
    let judgments_per_case: Vec<usize> = assembly
        .cases
        .iter()
        .map(|c| c.judgments().count())
        .collect();
    eprintln!(
        "heap of {} documents → {} cases; notes: {}",
        expected_types.len(),
        assembly.cases.len(),
        assembly.notes.len()
    );
    for n in &assembly.notes {
        eprintln!("note: {} {} {:?}", n.kind, n.message, n.documents);
    }
    assert_eq!(assembly.cases.len(), 20, "one case per bundle");
    assert!(
        judgments_per_case.iter().all(|&n| n == 1),
        "each case has its judgment: {judgments_per_case:?}"
    );
    let x = findings.iter().filter(|f| f.rule.starts_with("X-")).count();
    assert_eq!(
        x, 23,
        "the same cross-document findings as bundle by bundle"
    );
}
