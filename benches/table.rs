//! The performance table of README.md: throughput per stage on one core and on all cores
//! (measured side by side, alternating, in one run), start-up cost, memory per worker, and
//! the machine. Prints Markdown.
//!
//! `cargo bench --bench table` (add `-- --quick` for fewer rounds).
//!
//! Inputs as in the other benches: `../shared/corpus` and `../shared/fixtures` when present,
//! the bundled examples and test fixtures otherwise. Each figure is the median of several
//! rounds; one-core and all-core rounds alternate so that a noisy neighbour slows both.

use rayon::prelude::*;
use std::alloc::{GlobalAlloc, Layout};
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};
use std::time::{Duration, Instant};
use wenshu::check::CaseDocument;
use wenshu::dict::Dictionaries;
use wenshu::docs::arrest::extract_arrest;
use wenshu::docs::indictment::extract_indictment;
use wenshu::docs::judgment::extract_judgment;
use wenshu::{classify, segment, text::normalize, DocType, Document, Engine, Limits};

mod common;

/// The allocator counted: the command line's (mimalloc) when that feature is on.
#[cfg(feature = "mimalloc")]
static INNER: mimalloc::MiMalloc = mimalloc::MiMalloc;
#[cfg(not(feature = "mimalloc"))]
static INNER: std::alloc::System = std::alloc::System;

/// Counts live heap bytes and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
/// Counting is switched on only for the memory figures: shared counters would slow the
/// all-core rounds.
static COUNTING: AtomicBool = AtomicBool::new(false);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = unsafe { INNER.alloc(l) };
        if !p.is_null() && COUNTING.load(Relaxed) {
            let now = LIVE.fetch_add(l.size(), Relaxed) + l.size();
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { INNER.dealloc(p, l) };
        if COUNTING.load(Relaxed) {
            LIVE.fetch_sub(l.size(), Relaxed);
        }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let q = unsafe { INNER.realloc(p, l, new) };
        if !q.is_null() && COUNTING.load(Relaxed) {
            if new > l.size() {
                let now = LIVE.fetch_add(new - l.size(), Relaxed) + new - l.size();
                PEAK.fetch_max(now, Relaxed);
            } else {
                LIVE.fetch_sub(l.size() - new, Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

const MB: f64 = 1e6;

/// Passes over fewer inputs than this repeat them: a bulk run keeps every core busy, while a
/// pass over a handful of documents would measure the dispatch and the largest document.
const MIN_ITEMS: usize = 64;

/// One stage: its inputs' count, bytes, unit, how often a pass repeats them, and a pass over
/// them on one core or all.
struct Stage<'a> {
    name: &'a str,
    unit: &'a str,
    count: u64,
    bytes: u64,
    reps: usize,
    one: Box<dyn Fn() -> usize + 'a>,
    /// The same one-core pass on the thread of a one-thread rayon pool.
    worker: Box<dyn Fn() -> usize + 'a>,
    all: Box<dyn Fn() -> usize + 'a>,
}

fn stage<'a, T: Sync>(
    name: &'a str,
    unit: &'a str,
    items: &'a [T],
    count: u64,
    bytes: u64,
    f: impl Fn(&T) -> usize + Sync + Copy + 'a,
) -> Stage<'a> {
    let reps = MIN_ITEMS.div_ceil(items.len().max(1));
    let many: Vec<&'a T> = items.iter().cycle().take(items.len() * reps).collect();
    let many: &'a [&'a T] = Box::leak(many.into_boxed_slice());
    Stage {
        name,
        unit,
        count,
        bytes,
        reps,
        one: Box::new(move || many.iter().map(|x| f(black_box(x))).sum()),
        worker: Box::new(move || {
            let pass = || many.iter().map(|x| f(black_box(x))).sum();
            match ONE_THREAD.as_ref() {
                Some(pool) => pool.install(pass),
                None => pass(),
            }
        }),
        all: Box::new(move || many.par_iter().map(|x| f(black_box(x))).sum()),
    }
}

/// A pool of one worker thread: a pass on it meets the regexes' caches as every worker does.
/// (None if the pool cannot be built: the pass then runs where it is called.)
static ONE_THREAD: std::sync::LazyLock<Option<rayon::ThreadPool>> =
    std::sync::LazyLock::new(|| rayon::ThreadPoolBuilder::new().num_threads(1).build().ok());

/// Seconds per pass: as many passes as fit in `budget` (at least one).
fn time(pass: &dyn Fn() -> usize, budget: Duration) -> f64 {
    let start = Instant::now();
    let mut n = 0u32;
    loop {
        black_box(pass());
        n += 1;
        if start.elapsed() >= budget {
            break;
        }
    }
    start.elapsed().as_secs_f64() / n as f64
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn fmt_rate(x: f64) -> String {
    if x >= 100.0 {
        format!("{:.0}", x)
    } else if x >= 10.0 {
        format!("{:.1}", x)
    } else {
        format!("{:.2}", x)
    }
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}

fn vm_hwm_kb() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn first_call_child() {
    let engine = Engine::new();
    let (_, cases) = common::cases();
    let Some(case) = cases.first() else { return };
    let docs: Vec<Document> = case
        .iter()
        .map(|(n, t)| Document::from_text(n, t))
        .collect();
    let t = Instant::now();
    black_box(engine.check_documents(docs, &[]));
    println!("{}", t.elapsed().as_nanos());
}

fn main() {
    if std::env::var_os("WENSHU_TABLE_FIRST_CALL").is_some() {
        first_call_child();
        return;
    }
    let quick = std::env::args().any(|a| a == "--quick");
    let (rounds, budget) = if quick {
        (3, Duration::from_millis(300))
    } else {
        (7, Duration::from_millis(700))
    };
    let limits = Limits::default();

    // ------------------------------------------------------------------ inputs
    let judgments = common::judgments();
    let jbytes = judgments.bytes();
    let jn = judgments.len();
    let jdocs: Vec<Document> = judgments
        .texts
        .iter()
        .map(|(n, t)| Document::from_text(n, t))
        .collect();
    let typed: Vec<(&Document, DocType)> =
        jdocs.iter().map(|d| (d, classify(d).doc_type)).collect();
    let raw: Vec<(String, Vec<u8>)> = judgments
        .texts
        .iter()
        .map(|(n, t)| (format!("{n}.txt"), t.as_bytes().to_vec()))
        .collect();
    let (gbk_origin, gbk) = common::binary_inputs(".gb18030.txt");
    let (docx_origin, docx) = common::binary_inputs(".docx");
    let (pdf_origin, pdf) = common::binary_inputs(".pdf");
    let pdf_pages: u64 = pdf.iter().map(|(_, b)| common::pdf_pages(b) as u64).sum();
    let indictments = common::procuratorate(&["indictment-"]);
    let idocs: Vec<Document> = indictments
        .texts
        .iter()
        .map(|(n, t)| Document::from_text(n, t))
        .collect();
    let arrests = common::procuratorate(&["approve-", "decide-", "refuse-", "request-"]);
    let adocs: Vec<(Document, DocType)> = arrests
        .texts
        .iter()
        .map(|(n, t)| {
            let d = Document::from_text(n, t);
            let ty = classify(&d).doc_type;
            (d, ty)
        })
        .collect();
    let (case_origin, cases) = common::cases();
    let case_bytes: u64 = cases.iter().flatten().map(|(_, t)| t.len() as u64).sum();
    let engine = Engine::new();
    let bytes_of = |v: &[(String, Vec<u8>)]| v.iter().map(|(_, b)| b.len() as u64).sum::<u64>();

    let read = |(n, b): &(String, Vec<u8>)| {
        wenshu::read::read_bytes(n, b, &limits).map_or(0, |r| r.text.len())
    };
    let stages: Vec<Stage> = vec![
        stage("load: UTF-8 text", "docs", &raw, jn, jbytes, read),
        stage(
            "load: GB18030 text",
            "docs",
            &gbk,
            gbk.len() as u64,
            bytes_of(&gbk),
            read,
        ),
        stage(
            "load: DOCX",
            "docs",
            &docx,
            docx.len() as u64,
            bytes_of(&docx),
            read,
        ),
        stage("load: PDF", "pages", &pdf, pdf_pages, bytes_of(&pdf), read),
        stage(
            "normalise",
            "docs",
            &judgments.texts,
            jn,
            jbytes,
            |(_, t)| normalize(t).text.len(),
        ),
        stage("classify", "docs", &jdocs, jn, jbytes, |d| {
            classify(d).doc_type as usize
        }),
        stage("segment", "docs", &typed, jn, jbytes, |(d, t)| {
            segment(d.text(), *t).0.len()
        }),
        stage(
            "load + normalise + classify + segment",
            "docs",
            &raw,
            jn,
            jbytes,
            |(n, b)| {
                let Ok(r) = wenshu::read::read_bytes(n, b, &limits) else {
                    return 0;
                };
                let d = Document::from_raw(r);
                let t = classify(&d).doc_type;
                segment(d.text(), t).0.len()
            },
        ),
        stage("extract: judgment", "docs", &jdocs, jn, jbytes, |d| {
            extract_judgment(d).defendants.len()
        }),
        stage(
            "extract: indictment",
            "docs",
            &idocs,
            indictments.len(),
            indictments.bytes(),
            |d| extract_indictment(d).defendants.len(),
        ),
        stage(
            "extract: arrest documents",
            "docs",
            &adocs,
            arrests.len(),
            arrests.bytes(),
            |(d, t)| extract_arrest(d, *t).suspects.len(),
        ),
        stage(
            "whole pipeline: judgment text → gold record",
            "docs",
            &judgments.texts,
            jn,
            jbytes,
            |(n, t)| {
                let d = Document::from_text(n, t);
                let j = extract_judgment(&d);
                wenshu::gold::judgment_gold(n, &j).to_string().len()
            },
        ),
        stage(
            "check a case: texts → assembled → findings",
            "cases",
            &cases,
            cases.len() as u64,
            case_bytes,
            |case| {
                let docs = case
                    .iter()
                    .map(|(n, t)| Document::from_text(n, t))
                    .collect();
                let (a, f) = engine.check_documents(docs, &[]);
                a.cases.len() + f.len()
            },
        ),
    ];

    // Warm every stage once (lazy regexes, rayon's threads), then measure.
    for s in &stages {
        black_box((s.one)());
        black_box((s.worker)());
        black_box((s.all)());
    }
    let threads = rayon::current_num_threads();
    let mut rows = Vec::new();
    for s in &stages {
        if s.count == 0 {
            continue;
        }
        let (mut one, mut worker, mut all) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..rounds {
            one.push(time(&*s.one, budget));
            worker.push(time(&*s.worker, budget));
            all.push(time(&*s.all, budget));
        }
        let (one, worker, all) = (median(one), median(worker), median(all));
        let (count, bytes) = (
            (s.count * s.reps as u64) as f64,
            (s.bytes * s.reps as u64) as f64,
        );
        let repeated = if s.reps > 1 {
            format!(" ×{}", s.reps)
        } else {
            String::new()
        };
        rows.push(format!(
            "| {} | {} {}{repeated} | {} | {} | {} | {} | {} | {:.2}× | {:.2}× |",
            s.name,
            s.count,
            s.unit,
            fmt_rate(count / one),
            fmt_rate(bytes / one / MB),
            fmt_rate(count / worker),
            fmt_rate(count / all),
            fmt_rate(bytes / all / MB),
            one / all,
            worker / all
        ));
    }

    // ---------------------------------------------------------------- start-up
    let startup = |f: &dyn Fn()| {
        let v: Vec<f64> = (0..rounds.max(5))
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        median(v)
    };
    let dict_ms = startup(&|| {
        black_box(Dictionaries::builtin());
    });
    let engine_ms = startup(&|| {
        black_box(Engine::new());
    });
    let first_ms = std::env::current_exe().ok().map(|exe| {
        median(
            (0..rounds.max(5))
                .filter_map(|_| {
                    let out = std::process::Command::new(&exe)
                        .env("WENSHU_TABLE_FIRST_CALL", "1")
                        .output()
                        .ok()?;
                    let ns: f64 = String::from_utf8_lossy(&out.stdout).trim().parse().ok()?;
                    Some(ns / 1e6)
                })
                .collect(),
        )
    });
    let warm_ms = cases.first().map(|case| {
        startup(&|| {
            let docs = case
                .iter()
                .map(|(n, t)| Document::from_text(n, t))
                .collect();
            black_box(engine.check_documents(docs, &[]));
        })
    });

    // ------------------------------------------------------------------ memory
    // Engine: heap held by one engine. Worker: the peak heap one worker adds while it checks
    // every case and extracts every judgment (its regex caches included), from a fresh thread.
    // Frees of blocks allocated before counting began may take LIVE below its start: it is
    // only read as differences over spans in which what is freed was allocated.
    LIVE.store(1 << 40, Relaxed);
    COUNTING.store(true, Relaxed);
    let before = LIVE.load(Relaxed);
    let e2 = Engine::new();
    let engine_heap = LIVE.load(Relaxed).saturating_sub(before);
    drop(e2);
    let worker_peak = std::thread::scope(|s| {
        s.spawn(|| {
            let base = LIVE.load(Relaxed);
            PEAK.store(base, Relaxed);
            for case in &cases {
                let docs = case
                    .iter()
                    .map(|(n, t)| Document::from_text(n, t))
                    .collect();
                black_box(engine.check_documents(docs, &[]));
            }
            for (n, t) in &judgments.texts {
                let d = Document::from_text(n, t);
                black_box(CaseDocument::new(d));
            }
            PEAK.load(Relaxed).saturating_sub(base)
        })
        .join()
        .unwrap_or(0)
    });
    COUNTING.store(false, Relaxed);
    let largest = judgments
        .texts
        .iter()
        .map(|(_, t)| t.len())
        .max()
        .unwrap_or(0);
    let rss = vm_hwm_kb();

    // ------------------------------------------------------------------ report
    let nproc = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "Machine: `nproc` = {nproc}, CPU: {}; rayon threads: {threads}; allocator: {}.",
        cpu_model(),
        if cfg!(feature = "mimalloc") {
            "mimalloc (as the command line)"
        } else {
            "the system's"
        }
    );
    println!(
        "Command: `cargo bench --bench table{}`; median of {rounds} rounds per figure, \
         one-core and all-core rounds alternating.\n",
        if quick { " -- --quick" } else { "" }
    );
    println!("| stage | inputs | 1 core /s | 1 core MB/s | 1 core, pool worker /s | {threads} cores /s | {threads} cores MB/s | scaling | scaling over the pool worker |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for r in &rows {
        println!("{r}");
    }
    println!();
    println!("| start-up | ms |");
    println!("|---|---|");
    println!("| `Dictionaries::builtin()` | {dict_ms:.1} |");
    println!("| `Engine::new()` | {engine_ms:.1} |");
    if let Some(ms) = first_ms {
        println!("| first case check in a fresh process (lazy regexes compiled) | {ms:.1} |");
    }
    if let Some(ms) = warm_ms {
        println!("| the same check, warm | {ms:.2} |");
    }
    println!();
    println!("| memory | MB |");
    println!("|---|---|");
    println!(
        "| heap of one `Engine` (shared by all workers) | {:.1} |",
        engine_heap as f64 / MB
    );
    println!(
        "| peak heap one worker adds (every case checked, every judgment extracted; largest judgment {:.0} KB) | {:.1} |",
        largest as f64 / 1e3,
        worker_peak as f64 / MB
    );
    if let Some(kb) = rss {
        println!(
            "| peak RSS of this whole bench process (all inputs in memory) | {:.1} |",
            kb as f64 / 1e3
        );
    }
    println!();
    println!(
        "Inputs: judgments {}; GB18030 {gbk_origin}; DOCX {docx_origin}; PDF {pdf_origin}; \
         indictments and arrest documents {} / {}; cases {case_origin}. A stage with fewer \
         than {MIN_ITEMS} inputs repeats them within a pass (×N). \"1 core\" runs on the \
         thread that compiled the patterns; \"1 core, pool worker\" on a one-thread rayon pool, \
         whose thread, like every worker of a parallel run, takes the regexes' caches from \
         their shared pool.",
        judgments.origin, indictments.origin, arrests.origin
    );
}
