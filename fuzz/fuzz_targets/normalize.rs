//! The normaliser: its offset map stays inside the original, on char boundaries, in order.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    wenshu_fuzz::check_normalize(text);
    let doc = wenshu::Document::from_text("fuzz", text);
    let n = doc.text().len();
    let ev = doc.evidence(0..n);
    assert_eq!(ev.text, &doc.original()[ev.span[0]..ev.span[1]]);
});
