//! Reads one hostile input and prints the result and the time taken; run it under
//! `/usr/bin/time -v` to see the peak memory (maximum resident set size):
//!
//! ```text
//! cargo build --release --example bombs
//! /usr/bin/time -v target/release/examples/bombs pdf-bomb
//! ```
//!
//! Kinds: `pdf-bomb` (1 GiB FlateDecode), `docx-bomb` (1 GiB document.xml, honest zip
//! headers), `docx-bomb-lying` (the same declaring 1 KiB), `pdf-nested`, `pdf-cycles`,
//! `defendants` (10^6 defendant paragraphs), `line` (100 MB without a line break),
//! `none` (builds nothing: the baseline). The input is built before the clock starts; the
//! builder's own peak is reported by `build-only KIND`.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

#[path = "../tests/common/bombs.rs"]
mod bombs;

use bombs::*;
use std::time::Instant;
use wenshu::docs::judgment::extract_judgment;
use wenshu::read::read_bytes;
use wenshu::{Document, Limits};

enum Input {
    Bytes(Vec<u8>),
    Many(Vec<Vec<u8>>),
    Text(String),
}

fn build(kind: &str) -> Input {
    match kind {
        "pdf-bomb" => Input::Bytes(pdf_flate_bomb(GIB)),
        "docx-bomb" => Input::Bytes(docx_bomb(GIB, None).0),
        "docx-bomb-lying" => Input::Bytes(docx_bomb(GIB, Some(1024)).0),
        "pdf-nested" => Input::Many(vec![
            pdf_nested_object(200_000),
            pdf_nested_content(200_000),
        ]),
        "pdf-cycles" => Input::Many(pdf_cycles()),
        "defendants" => Input::Text(many_defendants(1_000_000, "\n", false)),
        "line" => Input::Text(single_line(100 << 20)),
        _ => Input::Bytes(Vec::new()),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (build_only, kind) = match args.as_slice() {
        [b, k] if b == "build-only" => (true, k.clone()),
        [k] => (false, k.clone()),
        _ => (false, "none".to_string()),
    };
    let input = build(&kind);
    if build_only || kind == "none" {
        return;
    }
    let limits = Limits::default();
    let start = Instant::now();
    match input {
        Input::Bytes(b) => {
            println!("{kind}: {} bytes in", b.len());
            let r = read_bytes(&kind, &b, &limits);
            println!("{kind}: {:?}", r.map(|raw| raw.text.len()));
        }
        Input::Many(v) => {
            for (i, b) in v.iter().enumerate() {
                let r = read_bytes(&kind, b, &limits);
                println!("{kind} {i}: {:?}", r.map(|raw| raw.text.len()));
            }
        }
        Input::Text(t) => {
            println!("{kind}: {} bytes of text", t.len());
            let raw = read_bytes(&kind, t.as_bytes(), &limits).expect("text reads");
            drop(t);
            let doc = Document::from_raw(raw);
            let j = extract_judgment(&doc);
            println!("{kind}: {} defendants", j.defendants.len());
        }
    }
    println!("{kind}: {:?}", start.elapsed());
}
