//! The judgment extractor on any text: no panic, every evidence quotes its span exactly.
//!
//! The other extractors have targets of their own (`procuratorate`, `checker`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let doc = wenshu::Document::from_text("fuzz", text);
    wenshu_fuzz::check_judgment(&doc);
});
