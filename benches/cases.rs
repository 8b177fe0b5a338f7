//! Cases per second: three-document cases (judgment, indictment, arrest documents) assembled
//! and checked, on one core and on all cores, side by side in one run.
//!
//! Cases: `../shared/corpus/cases-dev` when present, otherwise `examples/cases` (their PDF
//! and DOCX read to text beforehand). The texts are in memory; each iteration normalises,
//! classifies, extracts, assembles and runs the whole catalogue (`Engine::check_documents`).
//! `extract` is the part before assembly, `check` the catalogue alone over assembled cases.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rayon::prelude::*;
use std::hint::black_box;
use std::time::Duration;
use wenshu::check::{check_documents, CaseDocument};
use wenshu::{Document, Engine};

mod common;

/// The allocator the command line uses, so that the figures are the command line's.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

type Texts = Vec<(String, String)>;

fn documents(case: &Texts) -> Vec<Document> {
    case.iter()
        .map(|(n, t)| Document::from_text(n, t))
        .collect()
}

fn bench_cases(c: &mut Criterion) {
    let (origin, cases) = common::cases();
    if cases.is_empty() {
        eprintln!("no cases to benchmark");
        return;
    }
    eprintln!("cases: {} from {origin}", cases.len());
    let bytes: u64 = cases.iter().flatten().map(|(_, t)| t.len() as u64).sum();
    let engine = Engine::new();
    let ctx = engine.context();

    let mut g = c.benchmark_group("case");
    g.warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .sample_size(10)
        .throughput(Throughput::ElementsAndBytes {
            elements: cases.len() as u64,
            bytes,
        });

    // The whole check of a case, from texts to findings.
    let full = |case: &Texts| {
        let (a, f) = engine.check_documents(documents(black_box(case)), &[]);
        a.cases.len() + f.len()
    };
    g.bench_function("full/one_core", |b| {
        b.iter(|| cases.iter().map(full).sum::<usize>())
    });
    g.bench_function("full/all_cores", |b| {
        b.iter(|| cases.par_iter().map(full).sum::<usize>())
    });

    // Normalise, classify and extract each document (CaseDocument::new), nothing else.
    let extract = |case: &Texts| {
        documents(black_box(case))
            .into_iter()
            .map(|d| CaseDocument::new(d).class.doc_type as usize)
            .sum::<usize>()
    };
    g.bench_function("extract/one_core", |b| {
        b.iter(|| cases.iter().map(extract).sum::<usize>())
    });

    // Assembly and the catalogue over documents already extracted.
    let extracted: Vec<Vec<CaseDocument>> = cases
        .iter()
        .map(|case| documents(case).into_iter().map(CaseDocument::new).collect())
        .collect();
    g.bench_function("assemble_check/one_core", |b| {
        b.iter_batched(
            || extracted.clone(),
            |docs| {
                docs.into_iter()
                    .map(|d| {
                        let n = d.len();
                        let (a, f) = check_documents(d, &vec![String::new(); n], &ctx);
                        a.cases.len() + f.len()
                    })
                    .sum::<usize>()
            },
            criterion::BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group!(benches, bench_cases);
criterion_main!(benches);
