//! Throughput of each analysis stage, on one core and on all cores (rayon), side by side in
//! one run: load (UTF-8 text), normalise, classify, segment, extract (judgment, indictment,
//! arrest documents), and the whole pipeline (text → normalise → classify → segment → extract
//! → gold record).
//!
//! Judgments: the 421 of `../shared/corpus/judgments.jsonl` when present, otherwise the
//! bundled judgments (`tests/fixtures/judgments`, `examples/cases`). Indictments and arrest
//! documents: `tests/fixtures/procuratorate`. Every input is in memory before timing starts.
//!
//! `cargo bench --bench pipeline`; each benchmark reports documents/s and bytes/s.

use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
use rayon::prelude::*;
use std::hint::black_box;
use std::time::Duration;
use wenshu::docs::arrest::extract_arrest;
use wenshu::docs::indictment::extract_indictment;
use wenshu::docs::judgment::extract_judgment;
use wenshu::{classify, segment, text::normalize, DocType, Document, Limits};

mod common;

/// The allocator the command line uses, so that the figures are the command line's.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Benchmarks `f` over `items` on one core and on all cores.
fn side_by_side<T: Sync>(
    g: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>,
    items: &[T],
    f: impl Fn(&T) -> usize + Sync,
) {
    g.bench_function("one_core", |b| {
        b.iter(|| items.iter().map(|x| f(black_box(x))).sum::<usize>())
    });
    g.bench_function("all_cores", |b| {
        b.iter(|| items.par_iter().map(|x| f(black_box(x))).sum::<usize>())
    });
}

fn group<'a>(
    c: &'a mut Criterion,
    name: &str,
    docs: u64,
    bytes: u64,
) -> BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut g = c.benchmark_group(name);
    g.warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .sample_size(10)
        .throughput(Throughput::ElementsAndBytes {
            elements: docs,
            bytes,
        });
    g
}

fn to_docs(inputs: &common::Inputs) -> Vec<Document> {
    inputs
        .texts
        .iter()
        .map(|(n, t)| Document::from_text(n, t))
        .collect()
}

fn stages(c: &mut Criterion) {
    let judgments = common::judgments();
    if judgments.is_empty() {
        eprintln!("no judgments to benchmark");
        return;
    }
    eprintln!("judgments: {} from {}", judgments.len(), judgments.origin);
    let (n, bytes) = (judgments.len(), judgments.bytes());
    let docs = to_docs(&judgments);
    let typed: Vec<(&Document, DocType)> = docs.iter().map(|d| (d, classify(d).doc_type)).collect();
    let raw: Vec<(String, Vec<u8>)> = judgments
        .texts
        .iter()
        .map(|(name, t)| (format!("{name}.txt"), t.as_bytes().to_vec()))
        .collect();
    let limits = Limits::default();

    let mut g = group(c, "load_text", n, bytes);
    side_by_side(&mut g, &raw, |(name, b)| {
        wenshu::read::read_bytes(name, b, &limits).map_or(0, |r| r.text.len())
    });
    g.finish();

    let mut g = group(c, "normalise", n, bytes);
    side_by_side(&mut g, &judgments.texts, |(_, t)| normalize(t).text.len());
    g.finish();

    let mut g = group(c, "classify", n, bytes);
    side_by_side(&mut g, &docs, |d| classify(d).doc_type as usize);
    g.finish();

    let mut g = group(c, "segment", n, bytes);
    side_by_side(&mut g, &typed, |(d, t)| segment(d.text(), *t).0.len());
    g.finish();

    let mut g = group(c, "extract_judgment", n, bytes);
    side_by_side(&mut g, &docs, |d| extract_judgment(d).defendants.len());
    g.finish();

    let indictments = common::procuratorate(&["indictment-"]);
    if !indictments.is_empty() {
        let idocs = to_docs(&indictments);
        let mut g = group(
            c,
            "extract_indictment",
            indictments.len(),
            indictments.bytes(),
        );
        side_by_side(&mut g, &idocs, |d| extract_indictment(d).defendants.len());
        g.finish();
    }

    let arrests = common::procuratorate(&["approve-", "decide-", "refuse-", "request-"]);
    if !arrests.is_empty() {
        let adocs: Vec<(Document, DocType)> = to_docs(&arrests)
            .into_iter()
            .map(|d| {
                let t = classify(&d).doc_type;
                (d, t)
            })
            .collect();
        let mut g = group(c, "extract_arrest", arrests.len(), arrests.bytes());
        side_by_side(&mut g, &adocs, |(d, t)| {
            extract_arrest(d, *t).suspects.len()
        });
        g.finish();
    }

    let mut g = group(c, "pipeline", n, bytes);
    side_by_side(&mut g, &judgments.texts, |(name, t)| {
        let doc = Document::from_text(name, t);
        let j = extract_judgment(&doc);
        wenshu::gold::judgment_gold(name, &j).to_string().len()
    });
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
