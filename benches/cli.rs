//! The command line against the library, side by side in one run, on all cores:
//! `wenshu extract --format gold` over a .jsonl corpus (the judgments repeated to
//! `REPEAT` × their number of records, written to a temporary file), and the same work in
//! process — document from text, classify, segment, extract, gold record, serialised — over
//! the same records with rayon, warmed up. The difference is what the command line costs:
//! starting the process (compiling the lazy patterns, warming the regex caches: about 0.2 s,
//! paid once), reading and parsing the JSON lines, streaming in ordered chunks, writing. With
//! 40 × 421 records the one-time part is a few per cent; over a bulk run it vanishes.
//!
//! `cargo bench --bench cli`; each reports documents/s: the library on one core and on all
//! cores in process, and the command line on all cores.
#![allow(clippy::expect_used)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rayon::prelude::*;
use std::hint::black_box;
use std::process::{Command, Stdio};
use std::time::Duration;
use wenshu::check::CaseDocument;
use wenshu::Document;

mod common;

/// The allocator the command line uses, so that the figures are the command line's.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const REPEAT: usize = 40;

fn bench_cli(c: &mut Criterion) {
    let inputs = common::judgments();
    let records: Vec<(String, &str)> = (0..REPEAT)
        .flat_map(|r| {
            inputs
                .texts
                .iter()
                .map(move |(id, text)| (format!("{id}-{r}"), text.as_str()))
        })
        .collect();
    let corpus =
        std::env::temp_dir().join(format!("wenshu-bench-cli-{}.jsonl", std::process::id()));
    let lines: String = records
        .iter()
        .map(|(id, text)| serde_json::json!({"id": id, "text": text}).to_string() + "\n")
        .collect();
    std::fs::write(&corpus, lines).expect("temporary corpus");
    eprintln!(
        "inputs: {} ({} records = {} × {REPEAT}), {} threads",
        inputs.origin,
        records.len(),
        inputs.len(),
        rayon::current_num_threads()
    );

    let mut g = c.benchmark_group("cli_vs_library");
    g.throughput(Throughput::Elements(records.len() as u64));
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    let gold = |(id, text): &(String, &str)| {
        let d = CaseDocument::new(Document::from_text(id, black_box(text)));
        serde_json::to_string(&wenshu::gold::gold_record(id, &d)).map_or(0, |s| s.len())
    };
    // The library's figure times the cores is what the command line is held to.
    g.bench_function("library_one_core", |b| {
        b.iter(|| records.iter().map(gold).sum::<usize>())
    });
    g.bench_function("library_all_cores", |b| {
        b.iter(|| records.par_iter().map(gold).sum::<usize>())
    });
    g.bench_function("cli_all_cores", |b| {
        b.iter(|| {
            let status = Command::new(env!("CARGO_BIN_EXE_wenshu"))
                .args(["extract", "--format", "gold", "--progress", "never"])
                .arg(&corpus)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .expect("run wenshu");
            assert!(status.success());
        })
    });
    g.finish();
    let _ = std::fs::remove_file(&corpus);
}

criterion_group!(benches, bench_cli);
criterion_main!(benches);
