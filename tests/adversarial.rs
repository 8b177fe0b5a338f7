//! Hostile and damaged inputs: hard limits fail with typed errors in bounded time and
//! memory, huge texts are extracted in linear time, and every crash the fuzzers found stays
//! fixed (one test each, with the input that crashed).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::bombs::*;
use std::time::{Duration, Instant};
use wenshu::docs::judgment::extract_judgment;
use wenshu::gold::judgment_gold;
use wenshu::read::read_bytes;
use wenshu::{Document, Error, Limits};

/// Every evidence of the judgment extracted from `text` quotes its span exactly.
fn evidence_exact(doc: &Document) -> usize {
    fn walk(original: &str, v: &serde_json::Value, n: &mut usize) {
        match v {
            serde_json::Value::Object(m) => {
                if let (Some(span), Some(text), Some(_)) =
                    (m.get("span"), m.get("text"), m.get("document"))
                {
                    let s = span[0].as_u64().unwrap() as usize;
                    let e = span[1].as_u64().unwrap() as usize;
                    assert_eq!(original.get(s..e), text.as_str(), "span {s}..{e}");
                    *n += 1;
                }
                m.values().for_each(|x| walk(original, x, n));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(original, x, n)),
            _ => {}
        }
    }
    let j = extract_judgment(doc);
    let _ = judgment_gold("a", &j);
    let mut n = 0;
    walk(doc.original(), &serde_json::to_value(&j).unwrap(), &mut n);
    n
}

fn judged(text: &str) -> usize {
    evidence_exact(&Document::from_text("a", text))
}

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let r = f();
    let took = t.elapsed();
    println!("{what}: {took:?}");
    (r, took)
}

// ---------------------------------------------------------------------------------------
// Crashes found by the fuzz targets (fixed in src/; see the commit that added each)

/// fuzz `judgment`: an operative part (判决如下) before the first party marker made the
/// reasoning search start past its end (segment.rs sliced `text[from..limit]`, from > limit).
#[test]
fn fuzz_operative_part_before_the_parties() {
    judged("判决如下： 被告人张某犯盗窃罪，判处拘役一个月。");
    judged("本院认为，判决如下：\n被告人张某，男。\n被告人张某犯盗窃罪。");
}

/// fuzz `primitives`: an 18-byte string with a multi-byte character across byte 17 made
/// `parse_id_number` slice inside the character.
#[test]
fn fuzz_id_number_with_a_character_across_byte_17() {
    assert_eq!(
        wenshu::primitives::parse_id_number("1234567890123456é"),
        None
    );
    assert_eq!(wenshu::primitives::parse_id_number("第二百三六杬"), None);
    let ok = wenshu::primitives::parse_id_number("11010519491231002X");
    assert!(ok.is_some_and(|id| id.checksum_ok));
}

/// Chinese numerals whose value does not fit in 64 bits overflowed (a panic in debug
/// builds, a wrong value in release).
#[test]
fn chinese_numerals_too_large_for_u64() {
    use wenshu::primitives::parse_numeral;
    for s in [
        "一亿亿亿",
        "九千九百亿亿亿",
        &"亿".repeat(10),
        &"十".repeat(100_000),
    ] {
        let _ = parse_numeral(s);
    }
    assert_eq!(parse_numeral("一亿亿亿"), None);
    assert_eq!(parse_numeral("一万亿").map(|n| n.value), Some(1e12));
    judged("被告人张某犯盗窃罪，判处罚金人民币一亿亿亿元。");
}

// ---------------------------------------------------------------------------------------
// PDF: decompression bomb, nesting, reference cycles

#[cfg(feature = "pdf")]
#[test]
fn pdf_flate_bomb_of_one_gib_fails_with_the_decompression_limit() {
    let bomb = pdf_flate_bomb(GIB);
    assert!(
        bomb.len() < 4 * MIB as usize,
        "bomb file {} bytes",
        bomb.len()
    );
    let limits = Limits {
        max_decompressed_bytes: 64 * MIB,
        ..Limits::default()
    };
    let (r, took) = timed("1 GiB FlateDecode bomb", || {
        read_bytes("bomb.pdf", &bomb, &limits)
    });
    match r {
        Err(Error::Limit {
            limit: "max_decompressed_bytes",
            allowed,
            ..
        }) => assert_eq!(allowed, 64 * MIB),
        other => panic!("expected the decompression limit, got {other:?}"),
    }
    assert!(took < Duration::from_secs(60), "{took:?}");
    // A small honest stream under the same limit reads.
    let fine = one_page_pdf(
        Obj::Stream(String::new(), text_ops("Court")),
        "",
        Vec::new(),
    );
    let raw = read_bytes("fine.pdf", &fine, &limits).unwrap();
    assert!(raw.text.contains("Court"), "{:?}", raw.text);
}

#[cfg(feature = "pdf")]
#[test]
fn pdf_deeply_nested_arrays_fail_cleanly() {
    for depth in [100, 10_000, 200_000] {
        let pdf = pdf_nested_object(depth);
        let (r, took) = timed(&format!("object nested {depth} deep"), || {
            read_bytes("nested.pdf", &pdf, &Limits::default())
        });
        // The page itself is fine: either the text is read or a typed error says why not.
        match &r {
            Ok(raw) => assert!(raw.text.contains("Nested"), "{:?}", raw.text),
            Err(e) => println!("  {e}"),
        }
        assert!(took < Duration::from_secs(30), "{took:?}");
        let pdf = pdf_nested_content(depth);
        let (r, took) = timed(&format!("content nested {depth} deep"), || {
            read_bytes("nested.pdf", &pdf, &Limits::default())
        });
        match r {
            Err(Error::Limit {
                limit: "max_depth", ..
            }) => {}
            Ok(raw) if depth <= 64 => assert!(raw.text.contains("Deep")),
            other => panic!("content nested {depth} deep: expected max_depth, got {other:?}"),
        }
        assert!(took < Duration::from_secs(30), "{took:?}");
    }
}

#[cfg(feature = "pdf")]
#[test]
fn pdf_reference_cycles_terminate() {
    for (i, pdf) in pdf_cycles().iter().enumerate() {
        let (r, took) = timed(&format!("cycle {i}"), || {
            read_bytes("cycle.pdf", pdf, &Limits::default())
        });
        match r {
            Ok(raw) => assert!(!raw.text.is_empty()),
            Err(e) => println!("  cycle {i}: {e}"),
        }
        assert!(took < Duration::from_secs(10), "cycle {i}: {took:?}");
    }
}

/// The per-document time budget (`Limits::max_millis`) stops a long content stream between
/// operators, without a thread; with the default budget the same file reads.
#[cfg(feature = "pdf")]
#[test]
fn pdf_time_budget_stops_a_long_content_stream() {
    let mut content = b"BT /F1 12 Tf 72 700 Td ".to_vec();
    for _ in 0..400_000 {
        content.extend_from_slice(b"0 -0.01 Td (x) Tj ");
    }
    content.extend_from_slice(b"ET");
    let pdf = one_page_pdf(Obj::Stream(String::new(), content), "", Vec::new());
    let tight = Limits {
        max_millis: 1,
        ..Limits::default()
    };
    let (r, took) = timed("long content, 1 ms budget", || {
        read_bytes("slow.pdf", &pdf, &tight)
    });
    match r {
        Err(Error::Limit {
            limit: "max_millis",
            allowed: 1,
            found,
            ..
        }) => assert!(found >= 1),
        other => panic!("expected the time budget, got {other:?}"),
    }
    assert!(took < Duration::from_secs(10), "{took:?}");
    let (r, _) = timed("long content, default budget", || {
        read_bytes("slow.pdf", &pdf, &Limits::default())
    });
    assert!(r.is_ok(), "{r:?}");
}

// ---------------------------------------------------------------------------------------
// DOCX: zip bomb

#[cfg(feature = "docx")]
#[test]
fn docx_zip_bomb_fails_with_the_decompression_limit() {
    let limits = Limits {
        max_decompressed_bytes: 64 * MIB,
        ..Limits::default()
    };
    // Honest headers: refused from the declared size before inflating anything.
    let (honest, size) = docx_bomb(GIB, None);
    assert!(size >= GIB - MIB && honest.len() < 8 * MIB as usize);
    let (r, took) = timed("1 GiB DOCX, honest header", || {
        read_bytes("bomb.docx", &honest, &limits)
    });
    assert!(
        matches!(r, Err(Error::Limit { limit: "max_decompressed_bytes", found, .. }) if found == size),
        "{r:?}"
    );
    assert!(took < Duration::from_secs(5), "{took:?}");
    // Lying headers (a 1 KiB entry that inflates to 1 GiB): inflation stops at the limit.
    let (lying, _) = docx_bomb(GIB, Some(1024));
    let (r, took) = timed("1 GiB DOCX, lying header", || {
        read_bytes("bomb.docx", &lying, &limits)
    });
    match r {
        Err(Error::Limit {
            limit: "max_decompressed_bytes",
            ..
        })
        | Err(Error::Malformed { .. }) => {}
        other => panic!("lying zip bomb: expected a limit or damage, got {other:?}"),
    }
    assert!(took < Duration::from_secs(60), "{took:?}");
}

// ---------------------------------------------------------------------------------------
// Huge texts: extraction is linear

/// `被告人张某，男，…。` × n: reading, normalising and extracting take time proportional to n.
#[test]
fn a_million_defendant_paragraphs_extract_in_linear_time() {
    // Doubling the input must not much more than double the time (quadratic would be 4×).
    let run = |n: usize, sep: &str, distinct: bool| {
        let text = many_defendants(n, sep, distinct);
        let doc = Document::from_text("many", &text);
        let (j, took) = timed(
            &format!("{n} paragraphs sep {sep:?} distinct {distinct}"),
            || extract_judgment(&doc),
        );
        (j.defendants.len(), took)
    };
    for (sep, distinct) in [("\n", false), ("", false), (" ", true), ("", true)] {
        // Distinct names make a party each: fewer of them keep the test quick in debug builds.
        let n = if distinct { 10_000 } else { 25_000 };
        // The fastest of three runs each: the other tests of this file run beside it, and a
        // neighbour's burst must not read as a quadratic cost.
        let fastest = |n: usize| {
            (0..3)
                .map(|_| run(n, sep, distinct).1)
                .min()
                .unwrap_or_default()
        };
        let (small, large) = (fastest(n), fastest(4 * n));
        let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-3);
        assert!(
            ratio < 10.0,
            "sep {sep:?}: 4× the input took {ratio:.1}× the time"
        );
    }
    let (defendants, took) = run(1_000_000, "\n", false);
    assert_eq!(defendants, 1);
    assert!(took < Duration::from_secs(300), "{took:?}");
}

/// 100 MB without a line break (20 MB in debug builds, where the same work is ~30× slower):
/// read, normalised and extracted in bounded time, and in time linear in the size.
#[test]
fn a_100_mb_single_line() {
    let size = if cfg!(debug_assertions) { 20 } else { 100 } * MIB as usize;
    let run = |size: usize| {
        let line = single_line(size);
        let t = Instant::now();
        let raw = read_bytes("line.txt", line.as_bytes(), &Limits::default()).unwrap();
        assert_eq!(raw.text.len(), line.len());
        drop(line);
        let doc = Document::from_raw(raw);
        let normalised = t.elapsed();
        let j = extract_judgment(&doc);
        let took = t.elapsed();
        println!(
            "{} MB line: read and normalised in {normalised:?}, extracted by {took:?}, {} defendants",
            size >> 20,
            j.defendants.len()
        );
        took
    };
    let small = run(size / 4);
    let large = run(size);
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-3);
    assert!(ratio < 10.0, "4× the line took {ratio:.1}× the time");
    assert!(large < Duration::from_secs(300), "{large:?}");
}

// ---------------------------------------------------------------------------------------
// Invalid UTF-8 and other damage

#[test]
fn invalid_utf8_is_replaced_and_evidence_stays_exact() {
    let text = common::samples::JUDGMENT_ONE;
    let bytes = text.as_bytes();
    // Cut bytes out of the middle of characters, add stray continuation and lead bytes.
    let mut damaged = Vec::with_capacity(bytes.len() + 64);
    for (i, &b) in bytes.iter().enumerate() {
        if i % 97 == 1 {
            continue;
        }
        damaged.push(b);
        if i % 131 == 0 {
            damaged.extend_from_slice(&[0x80, 0xFF, 0xC3]);
        }
    }
    assert!(std::str::from_utf8(&damaged).is_err());
    let raw = read_bytes("bad.txt", &damaged, &Limits::default()).unwrap();
    assert!(raw.text.contains('\u{FFFD}'));
    assert!(!raw.warnings.is_empty());
    let doc = Document::from_raw(raw);
    evidence_exact(&doc);
    // Overlong encodings, surrogates and truncated sequences only.
    let junk: &[&[u8]] = &[
        b"\xC0\xAF\xE0\x80\xAF",
        b"\xED\xA0\x80\xED\xBF\xBF",
        b"\xF4\x90\x80\x80\xF8\x88\x80\x80\x80",
        b"\xE5\x88",
    ];
    for j in junk {
        let mut b = "被告人张某，男。".as_bytes().to_vec();
        b.extend_from_slice(j);
        if let Ok(raw) = read_bytes("junk.txt", &b, &Limits::default()) {
            evidence_exact(&Document::from_raw(raw));
        }
    }
}

#[test]
fn input_size_limit_is_checked_first() {
    let limits = Limits {
        max_input_bytes: 1000,
        ..Limits::default()
    };
    let r = read_bytes("big.txt", &vec![b'a'; 1001], &limits);
    assert!(
        matches!(
            r,
            Err(Error::Limit {
                limit: "max_input_bytes",
                found: 1001,
                ..
            })
        ),
        "{r:?}"
    );
}
