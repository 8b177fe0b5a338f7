//! Throughput of the PDF text layer on the shared real-format fixtures, in pages per second.
//!
//! Reads `../shared/fixtures/*.pdf` relative to the crate root; prints a message and
//! measures nothing when the fixtures are absent.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;
use wenshu::read::pdf::read_pdf;
use wenshu::Limits;

/// The allocator the command line uses, so that the figures are the command line's.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    files.sort();
    files
}

fn bench_read_pdf(c: &mut Criterion) {
    let files = fixtures();
    if files.is_empty() {
        eprintln!("read_pdf bench: ../shared/fixtures is absent; nothing to measure");
        return;
    }
    let limits = Limits::default();
    let mut group = c.benchmark_group("read_pdf");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(2));
    for path in files {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("?")
            .to_string();
        let pages = lopdf::Document::load_mem(&bytes).map_or(0, |d| d.get_pages().len());
        if pages == 0 {
            continue;
        }
        group.throughput(Throughput::Elements(pages as u64));
        group.bench_function(&name, |b| {
            b.iter(|| black_box(read_pdf(&name, black_box(&bytes), &limits)).is_ok())
        });
    }
    group.finish();
}

criterion_group!(benches, bench_read_pdf);
criterion_main!(benches);
