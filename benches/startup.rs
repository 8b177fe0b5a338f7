//! Start-up cost: `Engine::new()`, `Dictionaries::builtin()`, and the first call's lazy
//! compilation of the regexes (measured in a fresh child process each time, since a lazy
//! regex compiles once per process).
//!
//! `cargo bench --bench startup`
#![allow(clippy::expect_used)]

use criterion::{criterion_group, Criterion};
use std::hint::black_box;
use std::time::{Duration, Instant};
use wenshu::dict::Dictionaries;
use wenshu::{Document, Engine};

/// The allocator the command line uses, so that the figures are the command line's.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Set in the child: run the first calls, print their time in nanoseconds, exit.
const CHILD: &str = "WENSHU_BENCH_FIRST_CALL";

/// A small judgment, indictment and arrest decision: enough to touch every extractor.
const DOCS: [(&str, &str); 3] = [
    (
        "j.txt",
        "某县人民法院\n刑事判决书\n（2023）某0102刑初1号\n公诉机关某县人民检察院。\n\
         被告人张某，男，1985年3月12日出生。因涉嫌盗窃罪于2023年1月5日被刑事拘留，同年1月12日被逮捕。\n\
         某县人民检察院以某检刑诉〔2023〕1号起诉书指控被告人张某犯盗窃罪，于2023年3月1日向本院提起公诉。\n\
         经审理查明：…\n本院认为，被告人张某如实供述自己的罪行，可以从轻处罚。依照《中华人民共和国刑法》第二百六十四条之规定，判决如下：\n\
         被告人张某犯盗窃罪，判处有期徒刑十个月，并处罚金人民币二千元。（刑期自2023年1月5日起至2023年11月4日止。）\n\
         审判员 李某\n二〇二三年四月十日\n书记员 王某",
    ),
    (
        "i.txt",
        "某县人民检察院\n起诉书\n某检刑诉〔2023〕1号\n被告人张某，男，1985年3月12日出生。因涉嫌盗窃罪于2023年1月5日被刑事拘留，同年1月12日被逮捕。\n\
         本案由某县公安局侦查终结，以被告人张某涉嫌盗窃罪，于2023年2月1日向本院移送审查起诉。\n\
         经依法审查查明：…\n本院认为，被告人张某的行为已触犯《中华人民共和国刑法》第二百六十四条，应当以盗窃罪追究其刑事责任。建议判处有期徒刑十个月。\n\
         此致\n某县人民法院\n检察官 赵某\n2023年3月1日",
    ),
    (
        "a.txt",
        "某县人民检察院\n批准逮捕决定书\n某检刑批捕〔2023〕1号\n某县公安局：\n\
         你局于2023年1月10日以某公刑提捕字〔2023〕1号提请批准逮捕书提请批准逮捕犯罪嫌疑人张某，经本院审查认为，\
         该犯罪嫌疑人涉嫌盗窃罪，符合《中华人民共和国刑事诉讼法》第八十一条规定的逮捕条件，决定批准逮捕犯罪嫌疑人张某。\n\
         请依法立即执行，并将执行情况在三日以内通知本院。\n2023年1月12日",
    ),
];

fn first_calls(engine: &Engine) -> usize {
    let docs = DOCS
        .iter()
        .map(|(n, t)| Document::from_text(n, t))
        .collect();
    let (a, f) = engine.check_documents(docs, &[]);
    a.cases.len() + f.len()
}

fn bench_startup(c: &mut Criterion) {
    let mut g = c.benchmark_group("startup");
    g.warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5))
        .sample_size(10);
    g.bench_function("Dictionaries::builtin", |b| {
        b.iter(|| black_box(Dictionaries::builtin()).charges().len())
    });
    g.bench_function("Engine::new", |b| b.iter(|| black_box(Engine::new())));
    // The first check of a case in a fresh process: every lazy regex compiled on the way.
    // The child times only the calls, not its own start.
    let exe = std::env::current_exe().expect("bench executable");
    g.bench_function("first_call", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let out = std::process::Command::new(&exe)
                    .env(CHILD, "1")
                    .output()
                    .expect("child");
                let ns: u64 = String::from_utf8_lossy(&out.stdout)
                    .trim()
                    .parse()
                    .expect("child prints nanoseconds");
                total += Duration::from_nanos(ns);
            }
            total
        })
    });
    // The same calls once everything is compiled, for comparison.
    let engine = Engine::new();
    first_calls(&engine);
    g.bench_function("warm_call", |b| b.iter(|| first_calls(&engine)));
    g.finish();
}

criterion_group!(benches, bench_startup);

fn main() {
    if std::env::var_os(CHILD).is_some() {
        let engine = Engine::new();
        let t = Instant::now();
        black_box(first_calls(&engine));
        println!("{}", t.elapsed().as_nanos());
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
