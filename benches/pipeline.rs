//! Throughput of each analysis stage on plain-text judgments: normalise, classify, segment,
//! extract, and the whole pipeline (normalise → classify → segment → extract → gold record),
//! on one core and on all cores (rayon), side by side in one run.
//!
//! Uses the 421 judgments of `../shared/corpus/judgments.jsonl` when present, otherwise the
//! bundled example cases under `examples/cases`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rayon::prelude::*;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;
use wenshu::docs::judgment::extract_judgment;
use wenshu::{classify, segment, text::normalize, Document};

fn corpus() -> Vec<String> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/judgments.jsonl");
    if let Ok(data) = std::fs::read_to_string(&shared) {
        return data
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["text"].as_str().map(String::from))
            .collect();
    }
    eprintln!(
        "{} not found: benchmarking the bundled examples",
        shared.display()
    );
    let mut out = Vec::new();
    for item in wenshu::input::list(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/cases")])
    {
        if let Ok(doc) = item.read(&wenshu::Limits::default()) {
            out.push(doc.original().to_string());
        }
    }
    out
}

fn stages(c: &mut Criterion) {
    let texts = corpus();
    if texts.is_empty() {
        eprintln!("no documents to benchmark");
        return;
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let docs: Vec<Document> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Document::from_text(&i.to_string(), t))
        .collect();
    let types: Vec<_> = docs.iter().map(|d| classify(d).doc_type).collect();

    let mut g = c.benchmark_group("stages");
    g.measurement_time(Duration::from_secs(4)).sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("normalise", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| normalize(black_box(t)).text.len())
                .sum::<usize>()
        })
    });
    g.bench_function("classify", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| classify(black_box(d)).doc_type as usize)
                .sum::<usize>()
        })
    });
    g.bench_function("segment", |b| {
        b.iter(|| {
            docs.iter()
                .zip(&types)
                .map(|(d, t)| segment(black_box(d.text()), *t).0.len())
                .sum::<usize>()
        })
    });
    g.bench_function("extract_judgment", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| extract_judgment(black_box(d)).defendants.len())
                .sum::<usize>()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("pipeline");
    g.measurement_time(Duration::from_secs(6)).sample_size(10);
    g.throughput(Throughput::Elements(texts.len() as u64));
    let whole = |t: &String| {
        let doc = Document::from_text("d", t);
        let j = extract_judgment(&doc);
        wenshu::gold::judgment_gold("d", &j).to_string().len()
    };
    g.bench_function("one_core", |b| {
        b.iter(|| texts.iter().map(whole).sum::<usize>())
    });
    g.bench_function("all_cores", |b| {
        b.iter(|| texts.par_iter().map(whole).sum::<usize>())
    });
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
