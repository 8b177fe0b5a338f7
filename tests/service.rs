//! The HTTP service of `examples/service.rs`, started on a loopback port: real fixtures posted
//! as JSON and as multipart uploads, the answers checked, and the limits and errors answered
//! with the right status and a JSON body.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[allow(dead_code)]
#[path = "../examples/service.rs"]
mod service;

use base64::Engine as _;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The service, started once for every test of this file, on a free loopback port.
fn server() -> SocketAddr {
    static ADDR: OnceLock<SocketAddr> = OnceLock::new();
    *ADDR.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("a runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                    .await
                    .expect("a loopback port");
                tx.send(listener.local_addr().unwrap()).unwrap();
                let engine = wenshu::Engine::new();
                axum::serve(listener, service::app(engine))
                    .await
                    .expect("the service runs");
            });
        });
        rx.recv_timeout(Duration::from_secs(60))
            .expect("the service starts")
    })
}

struct Answer {
    status: u16,
    json: Value,
}

/// One HTTP/1.1 request over a fresh connection; the answer's status and JSON body.
fn request(method: &str, path: &str, headers: &[(&str, String)], body: &[u8]) -> Answer {
    let mut stream = TcpStream::connect(server()).expect("connect to the service");
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    // A writer of its own: the service may answer (413) before it has read the whole body.
    let mut writer = stream.try_clone().unwrap();
    let body = body.to_vec();
    let sending = std::thread::spawn(move || {
        let _ = writer
            .write_all(head.as_bytes())
            .and_then(|_| writer.write_all(&body));
    });
    let answer = read_answer(&mut stream);
    let _ = stream.shutdown(std::net::Shutdown::Both);
    let _ = sending.join();
    answer
}

fn read_answer(stream: &mut TcpStream) -> Answer {
    let mut raw = Vec::new();
    let mut buf = [0u8; 64 * 1024];
    // Read to the end of the connection; a reset after the answer has arrived is fine.
    loop {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => raw.extend_from_slice(&buf[..n]),
            Err(e) if !raw.is_empty() && e.kind() != std::io::ErrorKind::WouldBlock => break,
            Err(e) => panic!("reading the answer: {e}"),
        }
    }
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("an HTTP answer");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let status: u16 = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status");
    let mut body = raw[split + 4..].to_vec();
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = dechunk(&body);
    }
    let json = if body.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&body).unwrap_or_else(|e| {
            panic!(
                "status {status}: the body is not JSON ({e}): {}",
                String::from_utf8_lossy(&body)
            )
        })
    };
    Answer { status, json }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = b.windows(2).position(|w| w == b"\r\n") {
        let size =
            usize::from_str_radix(std::str::from_utf8(&b[..eol]).unwrap().trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + size]);
        b = &b[eol + 2 + size + 2..];
    }
    out
}

fn post_json(path: &str, body: &Value) -> Answer {
    request(
        "POST",
        path,
        &[("Content-Type", "application/json".into())],
        body.to_string().as_bytes(),
    )
}

/// A multipart body with one part per `(file name, bytes)`.
fn post_multipart(path: &str, files: &[(String, Vec<u8>)]) -> Answer {
    let boundary = "wenshu-test-boundary-7c1f";
    let mut body = Vec::new();
    for (name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    request(
        "POST",
        path,
        &[(
            "Content-Type",
            format!("multipart/form-data; boundary={boundary}"),
        )],
        &body,
    )
}

fn fixture(rel: &str) -> Vec<u8> {
    std::fs::read(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn json_document(rel: &str) -> Value {
    json!({
        "name": Path::new(rel).file_name().unwrap().to_string_lossy(),
        "content_base64": base64::engine::general_purpose::STANDARD.encode(fixture(rel)),
    })
}

fn assert_error(a: &Answer, status: u16, code: &str) {
    assert_eq!(a.status, status, "{}", a.json);
    assert_eq!(a.json["error"]["status"], status, "{}", a.json);
    assert_eq!(a.json["error"]["code"], code, "{}", a.json);
    assert!(a.json["error"]["message"].is_string(), "{}", a.json);
}

// ---------------------------------------------------------------------------------------------
// /extract

#[test]
fn extract_json_documents_of_each_type() {
    let a = post_json(
        "/extract",
        &json!({"documents": [
            json_document("examples/cases/case-1-clean/judgment.txt"),
            json_document("tests/fixtures/procuratorate/approve-01.txt"),
            json_document("tests/fixtures/judgments/judgment-01.txt"),
            {"name": "plain", "text": "今天天气很好。"},
        ]}),
    );
    assert_eq!(a.status, 200, "{}", a.json);
    let docs = a.json["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 4);

    let j = &docs[0];
    assert_eq!(j["name"], "judgment.txt");
    assert_eq!(j["doc_type"], "刑事判决书");
    assert_eq!(j["extraction"]["type"], "judgment");
    let truth: Value =
        serde_json::from_slice(&fixture("examples/cases/case-1-clean/truth.json")).unwrap();
    let want = truth["indictment"]["defendants"][0]["name"]
        .as_str()
        .unwrap();
    assert_eq!(
        j["extraction"]["defendants"][0]["party"]["name"]["value"],
        want
    );
    // Evidence quotes the document.
    let ev = &j["extraction"]["defendants"][0]["party"]["name"]["evidence"];
    assert_eq!(ev["document"], "judgment.txt");
    assert_eq!(ev["text"], want);

    let gold: Value =
        serde_json::from_slice(&fixture("tests/fixtures/procuratorate/approve-01.json")).unwrap();
    assert_eq!(docs[1]["doc_type"], gold["doc_type"]);
    assert_eq!(docs[1]["extraction"]["type"], "arrest");
    assert_eq!(
        docs[1]["extraction"]["number"]["value"],
        gold["arrest"]["number"]
    );

    let gold: Value =
        serde_json::from_slice(&fixture("tests/fixtures/judgments/judgment-01.json")).unwrap();
    assert_eq!(docs[2]["extraction"]["court"]["value"], gold["court"]);
    assert_eq!(
        docs[2]["extraction"]["indictment_number"]["value"],
        gold["indictment_number"]
    );

    assert_eq!(docs[3]["doc_type"], "unknown");
    assert_eq!(docs[3]["extraction"], json!({"type": "other"}));
}

#[test]
fn extract_multipart_uploads() {
    let mut files = vec![(
        "indictment.txt".to_string(),
        fixture("examples/cases/case-2-planted/indictment.txt"),
    )];
    if cfg!(feature = "pdf") {
        files.push((
            "judgment.pdf".into(),
            fixture("examples/cases/case-2-planted/judgment.pdf"),
        ));
    }
    if cfg!(feature = "docx") {
        files.push((
            "indictment.docx".into(),
            fixture("examples/cases/case-1-clean/indictment.docx"),
        ));
    }
    let a = post_multipart("/extract", &files);
    assert_eq!(a.status, 200, "{}", a.json);
    let docs = a.json["documents"].as_array().unwrap();
    assert_eq!(docs.len(), files.len());
    for (d, (name, _)) in docs.iter().zip(&files) {
        assert_eq!(d["name"], name.as_str());
        let want = if name.starts_with("judgment") {
            "judgment"
        } else {
            "indictment"
        };
        assert_eq!(d["extraction"]["type"], want, "{name}: {d}");
    }
    if cfg!(feature = "pdf") {
        // The page of the evidence, for a PDF.
        assert_eq!(docs[1]["extraction"]["court"]["evidence"]["page"], 1);
    }
}

#[test]
fn a_document_that_cannot_be_read_is_answered_with_its_error() {
    let a = post_json(
        "/extract",
        &json!({"documents": [
            {"name": "scan.png", "content_base64": base64::engine::general_purpose::STANDARD.encode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")},
            {"name": "empty.txt", "text": "   "},
            json_document("examples/cases/case-4-legality/indictment.txt"),
        ]}),
    );
    assert_eq!(a.status, 200, "{}", a.json);
    let docs = a.json["documents"].as_array().unwrap();
    assert_eq!(docs[0]["name"], "scan.png");
    assert_eq!(docs[0]["error"]["kind"], "unsupported");
    assert!(docs[0]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("scan.png"));
    assert_eq!(docs[1]["error"]["kind"], "no_text");
    assert_eq!(docs[2]["extraction"]["type"], "indictment");
}

// ---------------------------------------------------------------------------------------------
// /check

/// The (rule, defendant) pairs of the findings, sorted and without repeats (one rule may
/// report one defendant against several documents), and those expected by `expected.json`.
fn rules(findings: &Value, case: &str) -> Vec<String> {
    let mut r: Vec<String> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["case"] == case)
        .map(|f| format!("{} {}", f["rule"].as_str().unwrap(), f["defendant"]))
        .collect();
    r.sort();
    r.dedup();
    r
}

fn expected_rules(case: &str) -> Vec<String> {
    let v: Value =
        serde_json::from_slice(&fixture(&format!("examples/cases/{case}/expected.json"))).unwrap();
    let mut r: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{} {}", f["rule"].as_str().unwrap(), f["defendant"]))
        .collect();
    r.sort();
    r.dedup();
    r
}

#[test]
fn check_the_example_cases_uploaded_with_their_folders() {
    // Every document of the four cases in one request; the folder in each file name keeps
    // the cases apart.
    let mut files = Vec::new();
    for case in [
        "case-1-clean",
        "case-2-planted",
        "case-3-charge-absent",
        "case-4-legality",
    ] {
        let v: Value =
            serde_json::from_slice(&fixture(&format!("examples/cases/{case}/expected.json")))
                .unwrap();
        for name in v["documents"].as_object().unwrap().keys() {
            let readable = (!name.ends_with(".pdf") || cfg!(feature = "pdf"))
                && (!name.ends_with(".docx") || cfg!(feature = "docx"));
            if readable {
                files.push((
                    format!("{case}/{name}"),
                    fixture(&format!("examples/cases/{case}/{name}")),
                ));
            }
        }
    }
    let a = post_multipart("/check", &files);
    assert_eq!(a.status, 200, "{}", a.json);
    assert_eq!(a.json["errors"], json!([]));
    let cases = a.json["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 4, "{}", a.json["cases"]);
    assert!(a.json["notes"].is_array());
    for f in a.json["findings"].as_array().unwrap() {
        assert!(f["message"].is_string() && f["basis"].is_string());
        assert!(!f["evidence"].as_array().unwrap().is_empty());
    }
    if cfg!(all(feature = "pdf", feature = "docx")) {
        for case in [
            "case-1-clean",
            "case-2-planted",
            "case-3-charge-absent",
            "case-4-legality",
        ] {
            assert_eq!(
                rules(&a.json["findings"], case),
                expected_rules(case),
                "{case}"
            );
        }
    } else {
        // The judgment alone carries both legality defects of case 4.
        let got = rules(&a.json["findings"], "case-4-legality");
        for want in expected_rules("case-4-legality") {
            if want.starts_with("L-") {
                assert!(got.contains(&want), "{want} not in {got:?}");
            }
        }
    }
}

#[test]
fn check_json_documents_linked_without_folders() {
    // No folder: the judgment cites the indictment's number, which links the two.
    let a = post_json(
        "/check",
        &json!({"documents": [
            json_document("examples/cases/case-4-legality/judgment.txt"),
            json_document("examples/cases/case-4-legality/indictment.txt"),
        ]}),
    );
    assert_eq!(a.status, 200, "{}", a.json);
    let cases = a.json["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 1, "{}", a.json["cases"]);
    assert_eq!(cases[0]["documents"].as_array().unwrap().len(), 2);
    let got: Vec<&str> = a.json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    for want in ["L-term-dates", "L-fine-missing", "X-recommendation"] {
        assert!(got.contains(&want), "{want} not in {got:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Limits and errors

#[test]
fn a_body_over_20_mb_is_refused_with_413() {
    let big = vec![b'a'; service::MAX_BODY_BYTES + 1024];
    // Announced by Content-Length: refused before the body is read.
    let a = request(
        "POST",
        "/extract",
        &[("Content-Type", "application/json".into())],
        &big,
    );
    assert_error(&a, 413, "body_too_large");
    // The same as a multipart upload.
    let a = post_multipart("/check", &[("big.txt".into(), big.clone())]);
    assert_error(&a, 413, "body_too_large");
    // A client that waits for 100-continue is answered at once, and sends nothing.
    let mut stream = TcpStream::connect(server()).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    write!(
        stream,
        "POST /extract HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\nExpect: 100-continue\r\n\r\n",
        big.len()
    )
    .unwrap();
    assert_error(&read_answer(&mut stream), 413, "body_too_large");
}

#[test]
fn a_chunked_body_over_20_mb_is_refused_with_413() {
    // No Content-Length: the limit applies while the body is read.
    let mut stream = TcpStream::connect(server()).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .unwrap();
    let mut writer = stream.try_clone().unwrap();
    let sending = std::thread::spawn(move || {
        let chunk = vec![b' '; 1 << 20];
        let mut w = || -> std::io::Result<()> {
            writer.write_all(b"POST /extract HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")?;
            for _ in 0..21 {
                write!(writer, "{:x}\r\n", chunk.len())?;
                writer.write_all(&chunk)?;
                writer.write_all(b"\r\n")?;
            }
            writer.write_all(b"0\r\n\r\n")
        };
        let _ = w();
    });
    let a = read_answer(&mut stream);
    let _ = stream.shutdown(std::net::Shutdown::Both);
    let _ = sending.join();
    assert_error(&a, 413, "body_too_large");
}

#[test]
fn more_than_50_documents_are_refused_with_413() {
    let many: Vec<Value> = (0..=service::MAX_DOCUMENTS)
        .map(|i| json!({"name": format!("d{i}"), "text": "起诉书"}))
        .collect();
    assert_error(
        &post_json("/extract", &json!({ "documents": many })),
        413,
        "too_many_documents",
    );
    let files: Vec<(String, Vec<u8>)> = (0..=service::MAX_DOCUMENTS)
        .map(|i| (format!("d{i}.txt"), "起诉书".as_bytes().to_vec()))
        .collect();
    assert_error(&post_multipart("/check", &files), 413, "too_many_documents");
    // Exactly 50 is fine.
    let fifty: Vec<Value> = (0..service::MAX_DOCUMENTS)
        .map(|i| json!({"name": format!("d{i}"), "text": "起诉书"}))
        .collect();
    let a = post_json("/extract", &json!({ "documents": fifty }));
    assert_eq!(a.status, 200, "{}", a.json);
}

#[test]
fn malformed_requests_are_answered_with_json_errors() {
    let json_header = [("Content-Type", "application/json".to_string())];
    assert_error(
        &request("POST", "/extract", &json_header, b"{not json"),
        400,
        "bad_request",
    );
    assert_error(
        &post_json("/extract", &json!({"documents": []})),
        400,
        "bad_request",
    );
    assert_error(
        &post_json(
            "/extract",
            &json!({"documents": [{"name": "x", "content_base64": "%%%"}]}),
        ),
        400,
        "bad_request",
    );
    assert_error(
        &post_json("/extract", &json!({"documents": [{"name": "x"}]})),
        400,
        "bad_request",
    );
    assert_error(
        &post_json("/extract", &json!({"docs": []})),
        400,
        "bad_request",
    );
    assert_error(
        &request(
            "POST",
            "/extract",
            &[("Content-Type", "text/plain".into())],
            "起诉书".as_bytes(),
        ),
        415,
        "unsupported_media_type",
    );
    assert_error(
        &request(
            "POST",
            "/check",
            &[(
                "Content-Type",
                "multipart/form-data; boundary=xyz".to_string(),
            )],
            b"--xyz\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nunterminated",
        ),
        400,
        "bad_request",
    );
    assert_error(
        &request("GET", "/extract", &[], b""),
        405,
        "method_not_allowed",
    );
    assert_error(&request("POST", "/nowhere", &[], b""), 404, "not_found");
}

#[test]
fn health() {
    let a = request("GET", "/health", &[], b"");
    assert_eq!((a.status, a.json), (200, json!({"status": "ok"})));
}
