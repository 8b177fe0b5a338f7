//! JSON lines: one object per document, finding, note or error, each with a `"type"`.
//!
//! | type | fields |
//! |---|---|
//! | `document` | `source`, `doc_type`, `classification`, `extraction`, `warnings` (`extract`); `source`, `doc_type`, `text` or `sections` (`text --format jsonl`) |
//! | `error` | `file`, `kind`, `reason` — an input that could not be read; the run went on |
//! | `finding` | `case`, `rule`, `severity`, `defendant`, `message`, `basis`, `evidence` |
//! | `note` | `note`: how documents were (not) assembled into cases |
//! | `summary` | counts: `cases`, `documents`, `findings`, `unreadable`, `per_severity`, `per_rule`, `per_case` |
//!
//! The gold format (`extract --format gold`) writes gold records without `"type"`, and error
//! lines as above.

use super::check::Summary;
use crate::check::assemble::AssemblyNote;
use crate::check::{CaseDocument, Finding};
use crate::{classify, segment, Document};
use serde_json::{json, Value};

/// The extraction of a document: the full model with evidence.
pub fn document(source: &str, d: &CaseDocument) -> Value {
    json!({"type": "document", "source": source, "doc_type": d.class.doc_type, "classification": d.class,
           "extraction": d.content, "warnings": d.doc.read_warnings()})
}

/// The text of a document as read and normalised; with `sections`, the sections found.
pub fn text(source: &str, doc: &Document, sections: bool) -> Value {
    let c = classify(doc);
    let mut v = json!({"type": "document", "source": source, "doc_type": c.doc_type});
    if sections {
        v["sections"] = segment(doc.text(), c.doc_type)
            .0
            .iter()
            .map(|s| json!({"kind": format!("{:?}", s.kind), "span": [s.span.start, s.span.end], "text": &doc.text()[s.span.clone()]}))
            .collect();
    } else {
        v["text"] = doc.text().into();
    }
    v
}

/// A finding.
pub fn finding(f: &Finding) -> Value {
    let mut v = serde_json::to_value(f).unwrap_or_default();
    v["type"] = "finding".into();
    v
}

/// An assembly note.
pub fn note(n: &AssemblyNote) -> Value {
    json!({"type": "note", "note": n})
}

/// The closing summary of a check run.
pub fn summary(s: &Summary) -> Value {
    let mut v = serde_json::to_value(s).unwrap_or_default();
    v["type"] = "summary".into();
    v
}
