//! Invariants the fuzz targets check on every input that reads successfully.
//!
//! A panic here is a bug in the library: a span off a char boundary, evidence that does
//! not quote its own span, a section outside the text.

use serde_json::Value;
use wenshu::docs::judgment::extract_judgment;
use wenshu::gold::judgment_gold;
use wenshu::read::RawText;
use wenshu::{Document, Limits};

/// Limits small enough that one fuzz input can never take more than a few MB or seconds.
pub fn limits() -> Limits {
    Limits {
        max_input_bytes: 4 << 20,
        max_decompressed_bytes: 16 << 20,
        max_pages: 64,
        max_depth: 32,
    }
}

/// The text a reader returned is well formed: page offsets inside the text, on char
/// boundaries and in order.
pub fn check_raw(raw: &RawText) {
    let mut last = 0;
    for &(offset, page) in &raw.pages {
        assert!(offset <= raw.text.len(), "page {page} starts past the text");
        assert!(raw.text.is_char_boundary(offset), "page {page} start off a char boundary");
        assert!(offset >= last, "page starts out of order");
        last = offset;
    }
}

/// Every offset of the normalised text maps into the original on char boundaries, in order.
pub fn check_normalize(original: &str) {
    let n = wenshu::text::normalize(original);
    let boundaries: Vec<usize> = n
        .text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(n.text.len()))
        .collect();
    let mut prev_start = 0;
    for w in boundaries.windows(2) {
        let (a, b) = (w[0], w[1]);
        let r = n.map.to_original_range(a..b);
        assert!(r.start <= r.end, "{a}..{b} maps to reversed {r:?}");
        assert!(r.end <= original.len(), "{a}..{b} maps past the end: {r:?}");
        assert!(
            original.is_char_boundary(r.start) && original.is_char_boundary(r.end),
            "{a}..{b} maps off a char boundary: {r:?}"
        );
        assert!(r.start >= prev_start, "offsets out of order at {a}");
        prev_start = r.start;
    }
    let whole = n.map.to_original_range(0..n.text.len());
    assert!(whole.end <= original.len());
}

/// Every evidence object anywhere in `value` quotes exactly its span of `original`.
pub fn check_evidence(original: &str, value: &Value) {
    match value {
        Value::Object(map) => {
            if let (Some(Value::Array(span)), Some(Value::String(text)), Some(_)) =
                (map.get("span"), map.get("text"), map.get("document"))
            {
                let s = span.first().and_then(Value::as_u64).unwrap_or(u64::MAX) as usize;
                let e = span.get(1).and_then(Value::as_u64).unwrap_or(u64::MAX) as usize;
                assert!(s <= e && e <= original.len(), "evidence span {s}..{e} out of bounds");
                assert!(
                    original.is_char_boundary(s) && original.is_char_boundary(e),
                    "evidence span {s}..{e} off a char boundary"
                );
                assert_eq!(&original[s..e], text, "evidence text differs from its span");
            }
            for v in map.values() {
                check_evidence(original, v);
            }
        }
        Value::Array(items) => {
            for v in items {
                check_evidence(original, v);
            }
        }
        _ => {}
    }
}

/// Extracts a judgment from `doc` and checks its sections and evidence.
pub fn check_judgment(doc: &Document) {
    let j = extract_judgment(doc);
    let text = doc.text();
    let mut last_end = 0;
    for s in &j.sections.0 {
        assert!(s.span.start <= s.span.end && s.span.end <= text.len());
        assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
        assert!(s.span.start >= last_end, "sections overlap");
        last_end = s.span.end;
    }
    let value = serde_json::to_value(&j).unwrap_or(Value::Null);
    check_evidence(doc.original(), &value);
    let c = wenshu::classify(doc);
    if let Some(ev) = &c.evidence {
        check_evidence(doc.original(), &serde_json::json!({"e": ev}));
    }
    let _ = judgment_gold("fuzz", &j);
}

/// Reads `bytes` with the fuzz limits and, when that works, checks the whole pipeline.
pub fn check_read(raw: wenshu::Result<RawText>) {
    if let Ok(raw) = raw {
        check_raw(&raw);
        // Long texts are checked for the reader only: extraction is fuzzed on its own.
        if raw.text.len() <= 64 << 10 {
            let doc = Document::from_raw(raw);
            check_judgment(&doc);
        }
    }
}
