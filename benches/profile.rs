//! A driver for profilers, not a timing bench: runs one stage over its inputs once to warm up
//! (lazy regexes compiled, caches filled), then `REPS` more times inside `measured`, so that
//! `valgrind --tool=callgrind --toggle-collect='*measured*'` counts only the steady state.
//!
//! ```text
//! cargo bench --bench profile --no-run
//! valgrind --tool=callgrind --toggle-collect='*measured*' target/release/deps/profile-* STAGE [REPS]
//! ```
//!
//! Stages: normalise, classify, segment, judgment, pipeline, indictment, arrest, check,
//! startup, gbk, docx, pdf. Prints the instructions-independent facts (documents, bytes) so
//! that counts can be turned into instructions per document or per byte.

use std::hint::black_box;
use wenshu::docs::arrest::extract_arrest;
use wenshu::docs::indictment::extract_indictment;
use wenshu::docs::judgment::extract_judgment;
use wenshu::{classify, segment, text::normalize, Document, Engine, Limits};

mod common;

fn docs(inputs: &common::Inputs) -> Vec<Document> {
    inputs
        .texts
        .iter()
        .map(|(n, t)| Document::from_text(n, t))
        .collect()
}

/// One pass of `stage`; returns a checksum so nothing is optimised away.
type Pass = Box<dyn Fn() -> usize + Sync>;

fn stage(name: &str) -> (Pass, u64, u64) {
    let limits = Limits::default();
    match name {
        "normalise" | "classify" | "segment" | "judgment" | "pipeline" => {
            let inputs = common::judgments();
            let (n, b) = (inputs.len(), inputs.bytes());
            let texts: Vec<String> = inputs.texts.iter().map(|(_, t)| t.clone()).collect();
            let docs = docs(&inputs);
            let pass: Pass = match name {
                "normalise" => Box::new(move || {
                    texts
                        .iter()
                        .map(|t| normalize(black_box(t)).text.len())
                        .sum()
                }),
                "classify" => Box::new(move || {
                    docs.iter()
                        .map(|d| classify(black_box(d)).doc_type as usize)
                        .sum()
                }),
                "segment" => Box::new(move || {
                    docs.iter()
                        .map(|d| segment(d.text(), classify(d).doc_type).0.len())
                        .sum()
                }),
                "judgment" => Box::new(move || {
                    docs.iter()
                        .map(|d| extract_judgment(black_box(d)).defendants.len())
                        .sum()
                }),
                _ => Box::new(move || {
                    texts
                        .iter()
                        .map(|t| {
                            let d = Document::from_text("d", t);
                            let j = extract_judgment(&d);
                            wenshu::gold::judgment_gold("d", &j).to_string().len()
                        })
                        .sum()
                }),
            };
            (pass, n, b)
        }
        "indictment" => {
            let inputs = common::procuratorate(&["indictment-"]);
            let (n, b) = (inputs.len(), inputs.bytes());
            let docs = docs(&inputs);
            (
                Box::new(move || {
                    docs.iter()
                        .map(|d| extract_indictment(d).defendants.len())
                        .sum()
                }),
                n,
                b,
            )
        }
        "arrest" => {
            let inputs = common::procuratorate(&["approve-", "decide-", "refuse-", "request-"]);
            let (n, b) = (inputs.len(), inputs.bytes());
            let docs: Vec<_> = docs(&inputs)
                .into_iter()
                .map(|d| {
                    let t = classify(&d).doc_type;
                    (d, t)
                })
                .collect();
            (
                Box::new(move || {
                    docs.iter()
                        .map(|(d, t)| extract_arrest(d, *t).suspects.len())
                        .sum()
                }),
                n,
                b,
            )
        }
        "check" => {
            let (_, cases) = common::cases();
            let n = cases.len() as u64;
            let b = cases.iter().flatten().map(|(_, t)| t.len() as u64).sum();
            let engine = Engine::new();
            (
                Box::new(move || {
                    cases
                        .iter()
                        .map(|case| {
                            let docs = case
                                .iter()
                                .map(|(n, t)| Document::from_text(n, t))
                                .collect();
                            let (a, f) = engine.check_documents(docs, &[]);
                            a.cases.len() + f.len()
                        })
                        .sum()
                }),
                n,
                b,
            )
        }
        "startup" => (
            Box::new(|| {
                let e = Engine::new();
                e.dictionaries().charges().len()
            }),
            1,
            0,
        ),
        "gbk" | "docx" | "pdf" => {
            let suffix = match name {
                "gbk" => ".gb18030.txt",
                "docx" => ".docx",
                _ => ".pdf",
            };
            let (_, files) = common::binary_inputs(suffix);
            let (n, b) = (
                files.len() as u64,
                files.iter().map(|(_, b)| b.len() as u64).sum(),
            );
            (
                Box::new(move || {
                    files
                        .iter()
                        .map(|(n, b)| {
                            wenshu::read::read_bytes(n, b, &limits).map_or(0, |r| r.text.len())
                        })
                        .sum()
                }),
                n,
                b,
            )
        }
        other => {
            eprintln!("unknown stage {other}");
            std::process::exit(2);
        }
    }
}

#[inline(never)]
fn measured(pass: &(dyn Fn() -> usize + Sync), reps: usize) -> usize {
    (0..reps).map(|_| pass()).sum()
}

/// `threads` threads each running `reps` passes at once (`WENSHU_PROFILE_THREADS`): with
/// perfect scaling they take as long as one thread's `reps` passes.
fn measured_threads(pass: &(dyn Fn() -> usize + Sync), reps: usize, threads: usize) -> usize {
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| s.spawn(|| measured(pass, reps)))
            .collect();
        handles.into_iter().filter_map(|h| h.join().ok()).sum()
    })
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let name = args.first().map_or("pipeline", String::as_str);
    let reps: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(1);
    let (pass, docs, bytes) = stage(name);
    let warm = pass();
    let threads: usize = std::env::var("WENSHU_PROFILE_THREADS")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(1);
    let t = std::time::Instant::now();
    let sum = if threads > 1 {
        measured_threads(&*pass, reps, threads)
    } else {
        measured(&*pass, reps)
    };
    let secs = t.elapsed().as_secs_f64();
    black_box((warm, sum));
    println!(
        "{name}: {docs} inputs, {bytes} bytes, {reps} reps, {threads} threads, {:.1} inputs/s, {:.1} MB/s",
        (docs as usize * reps * threads) as f64 / secs,
        (bytes as usize * reps * threads) as f64 / secs / 1e6
    );
}
