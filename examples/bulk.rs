//! A bulk job: every document under a folder read and extracted in parallel (rayon), the
//! documents assembled into cases by folder, each case checked in parallel; prints a count per
//! document type, the findings per rule and every finding.
//!
//! ```sh
//! cargo run --release --example bulk -- examples/cases
//! ```

use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use wenshu::check::CaseDocument;

fn main() {
    let root = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("examples/cases"), PathBuf::from);
    let started = std::time::Instant::now();
    let engine = wenshu::Engine::new();
    eprintln!("engine built in {:.2?}", started.elapsed());
    let started = std::time::Instant::now();

    // Files in a deterministic order; expectation and gold files are left out.
    let items = wenshu::input::list(std::slice::from_ref(&root));
    let read: Vec<(String, Result<CaseDocument, String>)> = items
        .par_iter()
        .map(|item| {
            let doc = item.read(engine.limits()).map_err(|e| e.to_string());
            // Classification and extraction; no clone of the document.
            (item.name(), doc.map(CaseDocument::new))
        })
        .collect();

    let mut per_type: BTreeMap<&str, usize> = BTreeMap::new();
    let (mut documents, mut folders) = (Vec::new(), Vec::new());
    for (name, result) in read {
        match result {
            Ok(d) => {
                *per_type.entry(d.class.doc_type.name()).or_default() += 1;
                // The folder a document sits in names its case.
                folders.push(parent(&name));
                documents.push(d);
            }
            Err(e) => {
                *per_type.entry("unreadable").or_default() += 1;
                eprintln!("{e}");
            }
        }
    }
    let n = documents.len();
    eprintln!(
        "{n} documents read and extracted in {:.2?} on {} threads",
        started.elapsed(),
        rayon::current_num_threads()
    );
    let assembly = wenshu::check::assemble::assemble(documents, &folders);
    let findings: Vec<_> = assembly
        .cases
        .par_iter()
        .flat_map_iter(|case| engine.check(case))
        .collect();

    println!(
        "{} documents, {} cases in {:.2?}",
        n,
        assembly.cases.len(),
        started.elapsed()
    );
    println!("per type:");
    for (t, c) in &per_type {
        println!("  {c:>6}  {t}");
    }
    let mut per_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &findings {
        *per_rule.entry(&f.rule).or_default() += 1;
    }
    println!("findings per rule:");
    for (r, c) in &per_rule {
        println!("  {c:>6}  {r}");
    }
    println!("assembly notes: {}", assembly.notes.len());
    for f in &findings {
        match serde_json::to_string(f) {
            Ok(line) => println!("{line}"),
            Err(e) => eprintln!("{}: {e}", f.rule),
        }
    }
}

fn parent(name: &str) -> String {
    Path::new(name)
        .parent()
        .map(|p| p.display().to_string())
        .unwrap_or_default()
}
