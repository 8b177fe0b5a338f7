//! The checker: up to four documents (the input split at form feeds) from one folder are
//! classified, extracted, assembled into cases and checked by every rule. No panic; every
//! finding's evidence quotes its own document exactly.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use wenshu::check::{check_documents, CaseDocument, Context, RuleConfig};
use wenshu::dict::Dictionaries;
use wenshu::Document;

static DICT: LazyLock<Dictionaries> = LazyLock::new(Dictionaries::builtin);

fuzz_target!(|text: &str| {
    let docs: Vec<Document> = text
        .split('\u{0C}')
        .take(4)
        .enumerate()
        .map(|(i, t)| Document::from_text(&format!("d{i}"), t))
        .collect();
    let originals: Vec<String> = docs.iter().map(|d| d.original().to_string()).collect();
    let folders = vec!["case".to_string(); docs.len()];
    let config = RuleConfig::default();
    let ctx = Context {
        dict: &DICT,
        config: &config,
    };
    let docs: Vec<CaseDocument> = docs.into_iter().map(CaseDocument::new).collect();
    let (_, findings) = check_documents(docs, &folders, &ctx);
    for f in &findings {
        for ev in &f.evidence {
            let i: usize = ev.document.trim_start_matches('d').parse().unwrap_or(usize::MAX);
            let Some(original) = originals.get(i) else {
                panic!("evidence names an unknown document {:?}", ev.document);
            };
            let [s, e] = ev.span;
            assert_eq!(original.get(s..e), Some(ev.text.as_str()), "finding {}", f.rule);
        }
    }
});
