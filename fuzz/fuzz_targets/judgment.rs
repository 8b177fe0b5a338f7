//! The judgment extractor on any text: no panic, every evidence quotes its span exactly.
//!
//! Other extractors (indictments, arrest documents) and the cross-document checker get
//! targets of their own once they are in the library; until then this is the only one.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let doc = wenshu::Document::from_text("fuzz", text);
    wenshu_fuzz::check_judgment(&doc);
});
