//! Throughput of `read_bytes` on text (GBK/GB18030 and UTF-8), DOCX and HTML.
//!
//! Uses the shared real-format fixtures (`../shared/fixtures`) when present, otherwise
//! inputs made here.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;
use wenshu::read::read_bytes;
use wenshu::Limits;

/// The allocator the command line uses, so that the figures are the command line's.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// An invented judgment-like text of about `size` bytes in UTF-8.
fn judgment(size: usize) -> String {
    let head = "某某市某某区人民法院\n刑事判决书\n（2019）某0102刑初123号\n公诉机关某某市某某区人民检察院。\n";
    let para = "被告人张某，男，1985年3月12日出生，汉族，初中文化。经审理查明：2019年4月至5月间，\
                被告人张某伙同李某某多次窃取他人财物，价值共计人民币12,345元，其行为已构成盗窃罪。\n";
    let mut s = String::from(head);
    while s.len() < size {
        s.push_str(para);
    }
    s
}

fn html_page(size: usize) -> String {
    let mut s = String::from(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>刑事判决书</title>\
         <style>p{text-indent:2em}</style><script>var a = 1 < 2;</script></head><body>\
         <div id=\"content\">",
    );
    for line in judgment(size).lines() {
        s.push_str("<p>&nbsp;&nbsp;<span>");
        s.push_str(line);
        s.push_str("</span></p>\n");
    }
    s.push_str("</div></body></html>");
    s
}

#[cfg(feature = "docx")]
fn docx(text: &str) -> Vec<u8> {
    use std::io::Write;
    let mut body = String::new();
    for line in text.lines() {
        body.push_str("<w:p><w:pPr><w:ind w:firstLine=\"480\"/></w:pPr>");
        // Split runs at script changes, as Word and LibreOffice do.
        let mut run = String::new();
        let mut ascii = None;
        for c in line.chars() {
            if ascii.is_some_and(|a| a != c.is_ascii()) {
                body.push_str(&format!("<w:r><w:rPr/><w:t>{run}</w:t></w:r>"));
                run.clear();
            }
            ascii = Some(c.is_ascii());
            run.push(c);
        }
        body.push_str(&format!("<w:r><w:rPr/><w:t>{run}</w:t></w:r></w:p>"));
    }
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document \
         xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let parts = [
        ("[Content_Types].xml", "<Types/>".to_string()),
        ("word/document.xml", xml),
    ];
    for (name, content) in parts {
        if w.start_file(name, opts).is_err() || w.write_all(content.as_bytes()).is_err() {
            return Vec::new();
        }
    }
    w.finish().map(|c| c.into_inner()).unwrap_or_default()
}

fn fixtures(suffix: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_str().is_some_and(|s| s.ends_with(suffix)))
        .collect();
    files.sort();
    files
}

/// `(name, bytes)` inputs of one kind: the shared fixtures, else `fallback`.
fn inputs(suffix: &str, fallback: impl FnOnce() -> Vec<u8>) -> Vec<(String, Vec<u8>)> {
    let found: Vec<(String, Vec<u8>)> = fixtures(suffix)
        .into_iter()
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?.to_string();
            Some((name, std::fs::read(&p).ok()?))
        })
        .collect();
    if found.is_empty() {
        println!("shared fixtures *{suffix} not found: using a generated input");
        vec![(format!("generated{suffix}"), fallback())]
    } else {
        found
    }
}

fn bench_read(c: &mut Criterion) {
    let limits = Limits::default();
    let mut cases: Vec<(String, String, Vec<u8>)> = Vec::new();
    for (name, bytes) in inputs(".gb18030.txt", || {
        encoding_rs::GBK.encode(&judgment(40_000)).0.into_owned()
    }) {
        cases.push(("gbk-text".into(), name, bytes));
    }
    cases.push((
        "utf8-text".into(),
        "generated-60k".into(),
        judgment(60_000).into_bytes(),
    ));
    #[cfg(feature = "docx")]
    for (name, bytes) in inputs(".docx", || docx(&judgment(5_000))) {
        cases.push(("docx".into(), name, bytes));
    }
    cases.push((
        "html".into(),
        "generated-60k".into(),
        html_page(60_000).into_bytes(),
    ));

    let mut group = c.benchmark_group("read_bytes");
    group
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    for (kind, name, bytes) in &cases {
        if read_bytes(name, bytes, &limits).is_err() {
            println!("{kind}/{name}: not readable, skipped");
            continue;
        }
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(format!("{kind}/{name}"), |b| {
            b.iter(|| read_bytes(black_box(name), black_box(bytes), &limits))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_read);
criterion_main!(benches);
