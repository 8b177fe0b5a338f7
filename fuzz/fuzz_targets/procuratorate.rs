//! The procuratorate documents on any text: indictments, the four arrest documents and
//! sentencing recommendations. No panic; every evidence quotes its span exactly.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wenshu::docs::{arrest, indictment, recommendation};
use wenshu::{DocType, Document};

fuzz_target!(|text: &str| {
    let doc = Document::from_text("fuzz", text);
    let original = doc.original();
    let ind = indictment::extract_indictment(&doc);
    wenshu_fuzz::check_serialized(original, &ind);
    let _ = indictment::indictment_gold(&ind);
    for kind in [
        DocType::ArrestApproval,
        DocType::ArrestDecision,
        DocType::ArrestRefusal,
        DocType::ArrestRequest,
    ] {
        let a = arrest::extract_arrest(&doc, kind);
        wenshu_fuzz::check_serialized(original, &a);
        let _ = arrest::arrest_gold(&a);
    }
    let r = recommendation::extract_recommendation_document(&doc);
    wenshu_fuzz::check_serialized(original, &r);
    let _ = recommendation::recommendation_document_gold(&r);
});
