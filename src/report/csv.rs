//! CSV (RFC 4180: comma-separated, fields quoted when they hold a comma, quote or line break,
//! UTF-8, `\r\n` line ends) for spreadsheets.
//!
//! `check`: **one row per piece of evidence**, the finding's fields repeated on each, so every
//! row carries the quoted text and where it is; a `finding` number ties the rows of one finding
//! together (a finding without evidence has one row with the evidence columns empty). Errors
//! and assembly notes are rows too, told apart by `type`:
//!
//! `type,finding,case,rule,severity,defendant,message,basis,document,span,page,text`
//!
//! - `finding` rows: `span` is `start-end` (bytes of the document as read), `page` for PDFs;
//! - `error` rows: `document` is the input, `rule` its kind, `message` the reason;
//! - `note` rows: `rule` is the note's kind, `document` the documents joined with `; `.
//!
//! `extract`: one row per document, `type,source,doc_type,defendants,charges,message`.
//!
//! A cell beginning with `=`, `+`, `-` or `@` (read as a formula by spreadsheets) is prefixed
//! with `'`, unless it is a number.

use super::batch::Failure;
use super::check::severity_name;
use crate::check::assemble::AssemblyNote;
use crate::check::{CaseDocument, Content, Finding};
use std::borrow::Cow;
use std::io::{self, Write};

/// The header of `check` CSV.
pub const CHECK_HEADER: &[&str] = &[
    "type",
    "finding",
    "case",
    "rule",
    "severity",
    "defendant",
    "message",
    "basis",
    "document",
    "span",
    "page",
    "text",
];

/// The header of `extract` CSV.
pub const EXTRACT_HEADER: &[&str] = &[
    "type",
    "source",
    "doc_type",
    "defendants",
    "charges",
    "message",
];

/// One field, quoted and guarded as needed.
pub fn cell(s: &str) -> Cow<'_, str> {
    let formula = s.starts_with(['=', '+', '-', '@']) && s.parse::<f64>().is_err() && s != "-";
    let s: Cow<str> = if formula {
        format!("'{s}").into()
    } else {
        s.into()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\"")).into()
    } else {
        s
    }
}

/// Writes one record.
pub fn row<S: AsRef<str>>(w: &mut impl Write, fields: &[S]) -> io::Result<()> {
    let line: Vec<Cow<str>> = fields.iter().map(|f| cell(f.as_ref())).collect();
    write!(w, "{}\r\n", line.join(","))
}

/// Writes a check run: header, error rows, note rows, finding rows.
pub fn check(
    w: &mut impl Write,
    findings: &[Finding],
    notes: &[AssemblyNote],
    failures: &[Failure],
) -> io::Result<()> {
    row(w, CHECK_HEADER)?;
    for f in failures {
        row(
            w,
            &[
                "error", "", "", &f.kind, "error", "", &f.reason, "", &f.file, "", "", "",
            ],
        )?;
    }
    for n in notes {
        row(
            w,
            &[
                "note",
                "",
                n.case.as_deref().unwrap_or(""),
                &n.kind,
                "info",
                "",
                &n.message,
                "",
                &n.documents.join("; "),
                "",
                "",
                "",
            ],
        )?;
    }
    for (i, f) in findings.iter().enumerate() {
        let number = (i + 1).to_string();
        let head = [
            "finding",
            number.as_str(),
            &f.case,
            &f.rule,
            severity_name(f.severity),
            f.defendant.as_deref().unwrap_or(""),
            &f.message,
            &f.basis,
        ];
        if f.evidence.is_empty() {
            let mut r: Vec<&str> = head.to_vec();
            r.extend(["", "", "", ""]);
            row(w, &r)?;
        }
        for e in &f.evidence {
            let span = format!("{}-{}", e.span[0], e.span[1]);
            let page = e.page.map(|p| p.to_string()).unwrap_or_default();
            let mut r: Vec<&str> = head.to_vec();
            r.extend([e.document.as_str(), &span, &page, &e.text]);
            row(w, &r)?;
        }
    }
    Ok(())
}

/// The defendants (or suspects) a document names, joined with `、`.
pub fn defendants(d: &CaseDocument) -> String {
    crate::check::assemble::persons(d)
        .into_iter()
        .map(|p| p.0)
        .collect::<Vec<_>>()
        .join("、")
}

/// The charges a document states (judged, indicted or named in the arrest document).
pub fn charges(d: &CaseDocument) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut add = |c: &str| {
        if !out.iter().any(|x| x == c) {
            out.push(c.to_string());
        }
    };
    match &d.content {
        Content::Judgment(j) => j
            .defendants
            .iter()
            .filter_map(|x| x.outcome.as_ref())
            .flat_map(|o| &o.charges)
            .for_each(|c| add(&c.value)),
        Content::Indictment(i) => i
            .defendants
            .iter()
            .flat_map(|x| &x.charges)
            .for_each(|c| add(c.canonical())),
        Content::Arrest(a) => a
            .suspects
            .iter()
            .flat_map(|s| &s.charges)
            .for_each(|c| add(c.canonical())),
        Content::Recommendation(_) | Content::Other => {}
    }
    out.join("、")
}

/// The extract row of a document (fields not yet masked).
pub fn extract_fields(source: &str, d: &CaseDocument) -> Vec<String> {
    let warnings = d.doc.read_warnings().len();
    vec![
        "document".into(),
        source.into(),
        d.class.doc_type.name().into(),
        defendants(d),
        charges(d),
        if warnings > 0 {
            format!("{warnings} reading warnings")
        } else {
            String::new()
        },
    ]
}

/// The extract row of a failure.
pub fn extract_failure(f: &Failure) -> Vec<String> {
    vec![
        "error".into(),
        f.file.clone(),
        String::new(),
        String::new(),
        String::new(),
        format!("{}: {}", f.kind, f.reason),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=1+1"), "'=1+1");
        assert_eq!(cell("-12"), "-12");
        assert_eq!(cell("-"), "-");
        assert_eq!(cell("盗窃罪"), "盗窃罪");
    }
}
