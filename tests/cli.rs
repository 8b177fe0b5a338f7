//! The command line end to end: inputs of every kind, output formats, per-file errors and exit
//! codes, redaction, and a heap of unreadable files.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_wenshu");
const CASES: &str = "examples/cases";

fn wenshu(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .output()
        .expect("run wenshu")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn lines(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {e}: {l}")))
        .collect()
}

fn of_type<'a>(lines: &'a [Value], t: &str) -> Vec<&'a Value> {
    lines.iter().filter(|l| l["type"] == t).collect()
}

/// A fresh folder under the system's temporary folder, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(tag: &str) -> Scratch {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let p = std::env::temp_dir().join(format!("wenshu-cli-{tag}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        Scratch(p)
    }
    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn example(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(CASES).join(rel)
}

#[test]
fn help_documents_the_exit_codes() {
    for args in [
        &["--help"][..],
        &["check", "--help"],
        &["extract", "--help"],
    ] {
        let o = wenshu(args);
        assert!(o.status.success());
        let s = stdout(&o);
        for needle in [
            "Exit codes",
            "0  success",
            "--fail-on",
            "2  usage error",
            "3  some inputs",
        ] {
            assert!(s.contains(needle), "{args:?} lacks {needle:?}:\n{s}");
        }
    }
}

#[test]
fn usage_errors_exit_with_2() {
    assert_eq!(wenshu(&["extract"]).status.code(), Some(2));
    assert_eq!(
        wenshu(&["check", "--fail-on", "fatal", CASES])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        wenshu(&["extract", "--format", "yaml", CASES])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        wenshu(&["check", "--config", "/no/such.toml", CASES])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(wenshu(&["rules", "X-nope"]).status.code(), Some(2));
}

#[test]
fn check_reports_the_expected_findings_of_the_examples() {
    let o = wenshu(&["check", CASES]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let l = lines(&o);
    let mut got: Vec<(String, String)> = of_type(&l, "finding")
        .iter()
        .filter(|f| {
            f["rule"]
                .as_str()
                .is_some_and(|r| r.starts_with("X-") || r.starts_with("L-"))
        })
        .map(|f| {
            let case = f["case"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string();
            (case, f["rule"].as_str().unwrap().to_string())
        })
        .collect();
    got.sort();
    got.dedup();
    let mut want = Vec::new();
    for case in [
        "case-1-clean",
        "case-2-planted",
        "case-3-charge-absent",
        "case-4-legality",
    ] {
        let e: Value = serde_json::from_str(
            &std::fs::read_to_string(example(&format!("{case}/expected.json"))).unwrap(),
        )
        .unwrap();
        for f in e["findings"].as_array().unwrap() {
            want.push((case.to_string(), f["rule"].as_str().unwrap().to_string()));
        }
    }
    want.sort();
    want.dedup();
    assert_eq!(got, want);
    let summary = l.last().unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["cases"], 4);
    assert_eq!(summary["unreadable"], 0);
    assert_eq!(
        summary["findings"].as_u64().unwrap() as usize,
        of_type(&l, "finding").len()
    );
    // --fail-on: 1 when a finding is at or above the level.
    assert_eq!(
        wenshu(&["check", "--fail-on", "info", CASES]).status.code(),
        Some(1)
    );
    assert_eq!(
        wenshu(&["check", "--fail-on", "error", "examples/cases/case-1-clean"])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn check_csv_has_one_row_per_evidence() {
    let o = wenshu(&["check", "--format", "csv", CASES]);
    assert!(o.status.success());
    let s = stdout(&o);
    let mut rows = s.split("\r\n").filter(|r| !r.is_empty());
    assert_eq!(
        rows.next().unwrap(),
        "type,finding,case,rule,severity,defendant,message,basis,document,span,page,text"
    );
    let findings: Vec<&str> = rows.filter(|r| r.starts_with("finding,")).collect();
    let json = lines(&wenshu(&["check", CASES]));
    let evidence: usize = of_type(&json, "finding")
        .iter()
        .map(|f| f["evidence"].as_array().unwrap().len().max(1))
        .sum();
    assert_eq!(findings.len(), evidence);
    assert!(findings.iter().any(|r| r.contains("X-identity")
        && r.contains("judgment.pdf")
        && r.contains("1991年4月17日")));
}

#[test]
fn check_table_is_readable() {
    let o = wenshu(&["check", "--format", "table", CASES]);
    let s = stdout(&o);
    assert!(s.contains("examples/cases/case-2-planted"), "{s}");
    assert!(s.contains("X-identity") && s.contains("葛永利"), "{s}");
    assert!(s.contains("4 cases,") && s.contains("by rule:"), "{s}");
}

#[test]
fn extract_streams_every_format_in_input_order() {
    let o = wenshu(&["extract", CASES]);
    assert!(o.status.success(), "{}", stderr(&o));
    let l = lines(&o);
    let sources: Vec<&str> = l.iter().map(|d| d["source"].as_str().unwrap()).collect();
    let mut sorted = sources.clone();
    sorted.sort();
    assert_eq!(sources, sorted, "input order is folder order");
    assert_eq!(sources.len(), 14);
    assert!(l
        .iter()
        .all(|d| d["type"] == "document" && d["extraction"].is_object()));
    // Deterministic whatever the number of workers.
    assert_eq!(
        stdout(&wenshu(&["--jobs", "1", "extract", CASES])),
        stdout(&o)
    );
    let gold = lines(&wenshu(&["extract", "--format", "gold", CASES]));
    assert!(gold
        .iter()
        .any(|g| g["id"] == "judgment" && g["doc_kind"] == "判决书"));
    let csv = stdout(&wenshu(&["extract", "--format", "csv", CASES]));
    assert!(csv.starts_with("type,source,doc_type,defendants,charges,message\r\n"));
    assert!(
        csv.contains("examples/cases/case-2-planted/indictment.txt,起诉书,葛永利、韦大勇,盗窃罪"),
        "{csv}"
    );
    let table = stdout(&wenshu(&["extract", "--format", "table", CASES]));
    assert!(
        table.contains("起诉书") && table.contains("葛永利、韦大勇"),
        "{table}"
    );
}

#[test]
fn globs_stdin_and_corpora() {
    // A pattern the shell did not expand.
    let o = wenshu(&["extract", "examples/cases/*/judgment.*"]);
    assert!(o.status.success());
    assert_eq!(lines(&o).len(), 4);
    let o = wenshu(&["extract", "examples/cases/**/arrest-*.txt"]);
    assert_eq!(lines(&o).len(), 5, "{}", stdout(&o));
    let o = wenshu(&["extract", "examples/*.nothing"]);
    assert_eq!(o.status.code(), Some(3));
    assert!(lines(&o)[0]["reason"].as_str().unwrap().contains("matches"));

    // Standard input.
    let text = std::fs::read(example("case-4-legality/judgment.txt")).unwrap();
    let mut child = Command::new(BIN)
        .args(["extract", "--format", "gold", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&text).unwrap();
    let o = child.wait_with_output().unwrap();
    let l = lines(&o);
    assert_eq!(l.len(), 1);
    assert_eq!(l[0]["id"], "-");
    assert_eq!(l[0]["doc_kind"], "判决书");

    // A corpus: records in order, bad lines reported where they are, the run goes on.
    let dir = Scratch::new("corpus");
    let judgment = String::from_utf8(text).unwrap();
    let mut corpus = String::new();
    corpus.push_str(&serde_json::json!({"id": "a", "text": judgment}).to_string());
    corpus.push_str("\n{not json\n\n{\"id\": 7}\n");
    corpus.push_str(&serde_json::json!({"id": "b", "text": judgment}).to_string());
    corpus.push('\n');
    std::fs::write(dir.path("c.jsonl"), corpus).unwrap();
    let o = wenshu(&[
        "extract",
        "--format",
        "gold",
        dir.path("c.jsonl").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(3));
    let l = lines(&o);
    let kinds: Vec<String> = l
        .iter()
        .map(|v| {
            v["id"].as_str().map_or_else(
                || {
                    v["file"]
                        .as_str()
                        .unwrap()
                        .rsplit('/')
                        .next()
                        .unwrap()
                        .to_string()
                },
                str::to_string,
            )
        })
        .collect();
    assert_eq!(kinds, ["a", "c.jsonl:2", "c.jsonl:4", "b"]);
}

#[test]
fn a_missing_path_is_a_clear_error_and_the_rest_is_processed() {
    let o = wenshu(&[
        "extract",
        "/no/such/folder",
        "examples/cases/case-4-legality/judgment.txt",
    ]);
    assert_eq!(o.status.code(), Some(3));
    let l = lines(&o);
    assert_eq!(l[0]["type"], "error");
    assert_eq!(l[0]["file"], "/no/such/folder");
    assert_eq!(l[0]["kind"], "missing");
    assert_eq!(l[0]["reason"], "no such file or folder");
    assert_eq!(l[1]["type"], "document");
    assert!(
        stderr(&o).contains("/no/such/folder: no such file or folder"),
        "{}",
        stderr(&o)
    );
    // check: the error line comes first and the summary counts it.
    let o = wenshu(&["check", "/no/such/folder", "examples/cases/case-4-legality"]);
    assert_eq!(o.status.code(), Some(3));
    let l = lines(&o);
    assert_eq!(of_type(&l, "error").len(), 1);
    assert_eq!(l.last().unwrap()["unreadable"], 1);
    assert!(!of_type(&l, "finding").is_empty());
}

/// The OLE compound-file signature of a legacy Word .doc.
const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

#[test]
fn a_heap_of_good_and_unreadable_files() {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::PermissionsExt;
    let dir = Scratch::new("heap");
    let heap = dir.path("heap");
    std::fs::create_dir_all(heap.join("sub")).unwrap();
    let good = [
        ("a-judgment.txt", "case-4-legality/judgment.txt"),
        ("b-indictment.docx", "case-1-clean/indictment.docx"),
        ("c-judgment.pdf", "case-2-planted/judgment.pdf"),
        ("sub/d-arrest.txt", "case-3-charge-absent/arrest-1.txt"),
    ];
    for (name, from) in good {
        std::fs::copy(example(from), heap.join(name)).unwrap();
    }
    // A non-UTF-8 file name holding a good document: read, and named lossily in the output.
    let latin1 = std::ffi::OsStr::from_bytes(b"e-\xe9\xe8.txt");
    std::fs::copy(example("case-1-clean/judgment.txt"), heap.join(latin1)).unwrap();
    std::fs::write(heap.join("f-empty.txt"), b"").unwrap();
    let mut noise = Vec::with_capacity(4096);
    let mut x: u32 = 0x9e37_79b9;
    for _ in 0..4096 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        noise.push((x >> 24) as u8);
    }
    std::fs::write(heap.join("g-random.bin"), &noise).unwrap();
    let mut doc = OLE.to_vec();
    doc.extend([0u8; 504]);
    std::fs::write(heap.join("h-legacy.doc"), doc).unwrap();
    std::os::unix::fs::symlink("..", heap.join("sub/i-loop")).unwrap();
    std::fs::write(
        heap.join("j-locked.txt"),
        b"\xe8\xa2\xab\xe5\x91\x8a\xe4\xba\xba",
    )
    .unwrap();
    std::fs::set_permissions(
        heap.join("j-locked.txt"),
        std::fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    std::os::unix::fs::symlink("nowhere.txt", heap.join("k-dangling.txt")).unwrap();

    // Permission denial: root reads anything, so as root the run is made as `nobody` (through
    // setpriv); without setpriv that one file is readable and not counted as bad.
    let root = unsafe_free_euid() == Some(0);
    const NOBODY: [&str; 3] = ["--reuid=65534", "--regid=65534", "--clear-groups"];
    let as_nobody = root
        && Command::new("setpriv")
            .args(NOBODY)
            .args([BIN, "--version"])
            .output()
            .is_ok_and(|o| o.status.success());
    let mut cmd = if as_nobody {
        // Readable by nobody whatever the umask, except the locked file.
        for p in [&dir.0, &heap, &heap.join("sub")] {
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        for e in std::fs::read_dir(&heap)
            .unwrap()
            .chain(std::fs::read_dir(heap.join("sub")).unwrap())
        {
            let p = e.unwrap().path();
            let meta = std::fs::symlink_metadata(&p).unwrap();
            if meta.is_file() && !p.ends_with("j-locked.txt") {
                std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).unwrap();
            }
        }
        let mut c = Command::new("setpriv");
        c.args(NOBODY).arg(BIN);
        c
    } else {
        Command::new(BIN)
    };
    let o = cmd
        .args(["extract", "--format", "jsonl"])
        .arg(&heap)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let l = lines(&o);
    let denied = !root || as_nobody;
    if !denied {
        println!(
            "skipped: permission denial (running as root, and setpriv cannot run wenshu as nobody)"
        );
    }
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let docs: Vec<String> = of_type(&l, "document")
        .iter()
        .map(|d| {
            d["source"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    let mut want: Vec<String> = [
        "a-judgment.txt",
        "b-indictment.docx",
        "c-judgment.pdf",
        "e-\u{fffd}\u{fffd}.txt",
        "d-arrest.txt",
    ]
    .map(String::from)
    .to_vec();
    if !denied {
        want.push("j-locked.txt".into());
    }
    for w in &want {
        assert!(docs.contains(w), "{w} missing from {docs:?}");
    }
    let errors: Vec<(String, String, String)> = of_type(&l, "error")
        .iter()
        .map(|e| {
            (
                e["file"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_string(),
                e["kind"].as_str().unwrap().to_string(),
                e["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expect_error = |name: &str, kind: &str, words: &str| {
        let e = errors
            .iter()
            .find(|e| e.0 == name)
            .unwrap_or_else(|| panic!("{name} not reported: {errors:?}"));
        assert_eq!(e.1, kind, "{e:?}");
        assert!(e.2.contains(words), "{e:?} lacks {words:?}");
    };
    expect_error("f-empty.txt", "no-text", "no text");
    expect_error("g-random.bin", "unsupported", "binary");
    expect_error("h-legacy.doc", "unsupported", ".doc");
    expect_error("i-loop", "input", "loop");
    expect_error("k-dangling.txt", "missing", "broken symbolic link");
    if denied {
        expect_error("j-locked.txt", "io", "permission denied");
    }
    assert_eq!(docs.len() + errors.len(), l.len());
    assert_eq!(errors.len(), if denied { 6 } else { 5 }, "{errors:?}");
    // The closing summary on standard error lists them.
    let err = stderr(&o);
    assert!(
        err.contains(&format!("{} unreadable", errors.len())),
        "{err}"
    );
    assert!(err.contains("h-legacy.doc"), "{err}");
}

/// The effective user id, read from /proc (no libc needed).
fn unsafe_free_euid() -> Option<u32> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let uid = status.lines().find(|l| l.starts_with("Uid:"))?;
    uid.split_whitespace().nth(2)?.parse().ok()
}

#[test]
fn ten_thousand_empty_files_are_each_reported_quickly() {
    let dir = Scratch::new("empty");
    for i in 0..10_000 {
        std::fs::File::create(dir.path(&format!("{i:05}.txt"))).unwrap();
    }
    let started = std::time::Instant::now();
    let o = wenshu(&["extract", dir.0.to_str().unwrap()]);
    let took = started.elapsed();
    assert_eq!(o.status.code(), Some(3));
    let l = lines(&o);
    assert_eq!(l.len(), 10_000);
    assert!(l
        .iter()
        .all(|e| e["type"] == "error" && e["kind"] == "no-text"));
    assert!(l[9_999]["file"].as_str().unwrap().ends_with("09999.txt"));
    assert!(took.as_secs() < 30, "{took:?}");
    println!("10,000 empty files: {took:?}");
}

/// Names and ID numbers in the examples' extraction gold.
fn personal_data() -> (Vec<String>, Vec<String>) {
    let (mut names, mut ids) = (Vec::new(), Vec::new());
    fn walk(v: &Value, names: &mut Vec<String>, ids: &mut Vec<String>) {
        match v {
            Value::Object(o) => {
                for (k, x) in o {
                    match (k.as_str(), x.as_str()) {
                        ("name", Some(s)) => names.push(s.to_string()),
                        ("id_number", Some(s)) => ids.push(s.to_string()),
                        _ => walk(x, names, ids),
                    }
                }
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, names, ids)),
            _ => {}
        }
    }
    for case in [
        "case-1-clean",
        "case-2-planted",
        "case-3-charge-absent",
        "case-4-legality",
    ] {
        let t: Value = serde_json::from_str(
            &std::fs::read_to_string(example(&format!("{case}/truth.json"))).unwrap(),
        )
        .unwrap();
        walk(&t, &mut names, &mut ids);
    }
    names.sort();
    names.dedup();
    ids.sort();
    ids.dedup();
    (names, ids)
}

#[test]
fn redaction_masks_every_output_and_keeps_findings_usable() {
    let (names, ids) = personal_data();
    assert!(names.len() >= 6 && ids.len() >= 6, "{names:?} {ids:?}");
    let dir = Scratch::new("redact");
    let html = dir.path("r.html");
    let runs: Vec<(Vec<&str>, String)> = vec![
        (
            vec!["check", "--redact", CASES, "--html", html.to_str().unwrap()],
            String::new(),
        ),
        (
            vec!["check", "--redact", "--format", "csv", CASES],
            String::new(),
        ),
        (
            vec!["check", "--redact", "--format", "table", CASES],
            String::new(),
        ),
        (vec!["extract", "--redact", CASES], String::new()),
        (
            vec!["extract", "--redact", "--format", "gold", CASES],
            String::new(),
        ),
        (
            vec!["extract", "--redact", "--format", "csv", CASES],
            String::new(),
        ),
        (vec!["text", "--redact", CASES], String::new()),
    ];
    let mut outputs = Vec::new();
    for (args, _) in runs {
        let o = wenshu(&args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        outputs.push((args.join(" "), stdout(&o)));
    }
    outputs.push(("html".into(), std::fs::read_to_string(&html).unwrap()));
    for (what, out) in &outputs {
        for secret in names.iter().chain(&ids) {
            assert!(!out.contains(secret.as_str()), "{what} shows {secret}");
        }
        assert!(
            !out.contains("骆岗街道"),
            "{what} shows an address below the county"
        );
    }
    // Findings stay usable: the same rules, defendants as placeholders, IDs partly kept.
    let plain = lines(&wenshu(&["check", CASES]));
    let masked = lines(&wenshu(&["check", "--redact", CASES]));
    let rules = |l: &[Value]| -> Vec<String> {
        of_type(l, "finding")
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(rules(&plain), rules(&masked));
    let defendants: Vec<&str> = of_type(&masked, "finding")
        .iter()
        .filter_map(|f| f["defendant"].as_str())
        .collect();
    assert!(
        defendants.contains(&"葛某") && defendants.contains(&"韦某"),
        "{defendants:?}"
    );
    let text = &outputs[6].1;
    assert!(
        text.contains("340111********2530"),
        "ID kept as first 6 + last 4"
    );
    assert!(
        text.contains("住合肥市包河区***"),
        "address kept to the county"
    );
}

#[test]
fn a_document_that_makes_the_library_panic_is_an_internal_error_and_the_run_goes_on() {
    // A masked ID number whose multi-byte × straddles byte 17 once made the ID parser panic.
    // Where that is fixed the document is simply read; either way the run goes on.
    let dir = Scratch::new("panic");
    let judgment = std::fs::read_to_string(example("case-4-legality/judgment.txt")).unwrap();
    let odd = judgment.replacen(
        "被告人鲍志勇，男，",
        "被告人鲍志勇，男，公民身份号码123456××××××，",
        1,
    );
    std::fs::write(dir.path("a.txt"), &judgment).unwrap();
    std::fs::write(dir.path("b.txt"), odd).unwrap();
    std::fs::write(dir.path("c.txt"), &judgment).unwrap();
    for command in ["extract", "check"] {
        let o = wenshu(&[command, "--format", "jsonl", dir.0.to_str().unwrap()]);
        assert!(
            matches!(o.status.code(), Some(0 | 1 | 3)),
            "{command}: {:?} {}",
            o.status,
            stderr(&o)
        );
        assert!(
            !stderr(&o).contains("panicked"),
            "the panic message is not spilled"
        );
        let l = lines(&o);
        let internal = of_type(&l, "error");
        for e in &internal {
            assert_eq!(e["kind"], "internal");
            assert!(e["file"].as_str().unwrap().ends_with("b.txt"), "{e}");
            assert!(
                e["reason"].as_str().unwrap().contains("internal error"),
                "{e}"
            );
        }
        if command == "extract" {
            assert_eq!(of_type(&l, "document").len() + internal.len(), 3);
            assert_eq!(
                o.status.code(),
                Some(if internal.is_empty() { 0 } else { 3 })
            );
        }
    }
}

#[test]
fn eval_scores_a_folder_of_documents_with_gold() {
    let o = wenshu(&[
        "eval",
        "--gold",
        "tests/fixtures/procuratorate",
        "--min-field",
        "0.97",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for field in [
        "indictment.defendants.recommendation.term_months_min",
        "arrest.suspects.charge",
        "recommendation_document.defendants.recommendation.fine_yuan_max",
        "MICRO AVERAGE",
    ] {
        assert!(out.contains(field), "{field} not in\n{out}");
    }
    // A threshold no field can reach fails, naming the fields.
    let o = wenshu(&[
        "eval",
        "--gold",
        "tests/fixtures/procuratorate",
        "--min-field",
        "1.01",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("arrest.number scores 1.0000, below 1.01"),
        "{}",
        stderr(&o)
    );
    // A gold object whose document is gone is reported, not passed over in silence.
    let s = Scratch::new("eval");
    std::fs::copy(
        "tests/fixtures/procuratorate/approve-01.json",
        s.path("approve-01.json"),
    )
    .unwrap();
    std::fs::copy(
        "tests/fixtures/procuratorate/decide-01.json",
        s.path("decide-01.json"),
    )
    .unwrap();
    std::fs::copy(
        "tests/fixtures/procuratorate/decide-01.txt",
        s.path("decide-01.txt"),
    )
    .unwrap();
    let o = wenshu(&["eval", "--gold", s.0.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("approve-01.json: no document beside it"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).contains("arrest.number"));
    // Judgment gold needs its corpus; a missing gold path is a usage error.
    let o = wenshu(&[
        "eval",
        "--gold",
        "tests/fixtures/judgments/judgment-01.json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let o = wenshu(&["eval", "--gold", "no/such/gold"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn limits_are_set_on_the_command_line_and_reported_per_file() {
    let o = wenshu(&[
        "extract",
        "--format",
        "jsonl",
        "--max-pages",
        "1",
        "examples/cases/case-2-planted/judgment.pdf",
        "examples/cases/case-1-clean/judgment.txt",
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let l = lines(&o);
    let errors = of_type(&l, "error");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["kind"], "limit");
    assert!(errors[0]["reason"]
        .as_str()
        .unwrap()
        .contains("max_pages (allowed 1, found 2)"));
    assert_eq!(
        of_type(&l, "document").len(),
        1,
        "the other file is extracted"
    );
    let o = wenshu(&[
        "check",
        "--format",
        "jsonl",
        "--max-input-mib",
        "0",
        "examples/cases/case-1-clean",
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stdout(&o).contains("max_input_bytes (allowed 0"));
}
