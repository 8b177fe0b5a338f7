//! A whole `check` run: documents read in parallel chunks, assembled into cases, every case
//! checked; failures collected, never fatal.
//!
//! Memory: a case needs all its documents, and any document may belong to any case, so a check
//! run keeps every document read — its text (as read and normalised) and its extraction — until
//! the cases are assembled. The input bytes are not kept: a PDF or DOCX is dropped once its text
//! is read. A run therefore grows with the documents (283 MB for 10,000 judgments of about 5 KB
//! of text each); `extract` and `text`, which need one document at a time, stay flat however
//! many there are.

use super::batch::{self, guarded, Failure, CHUNK};
use super::redact::Redactor;
use crate::check::assemble::{assemble, Assembly, AssemblyNote};
use crate::check::{check_case, CaseDocument, Finding, Severity};
use crate::input::Item;
use crate::Engine;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// What a check run found.
#[derive(Debug, Default)]
pub struct CheckRun {
    /// The cases and the notes on their assembly.
    pub assembly: Assembly,
    /// The findings, case by case in case order, each case's in catalogue order.
    pub findings: Vec<Finding>,
    /// Inputs that could not be read (and cases whose check failed), in input order.
    pub failures: Vec<Failure>,
    /// Documents read.
    pub documents: usize,
}

/// The folder a document came from (documents of one folder are one case when they can be).
pub fn folder_of(item: &Item) -> String {
    match item {
        Item::File(p) => p
            .parent()
            .map(|f| f.display().to_string())
            .unwrap_or_default(),
        _ => String::new(),
    }
}

/// Reads `items`, assembles and checks them. `progress` is called once per item, after it was
/// read, with its failure if any.
pub fn run(
    engine: &Engine,
    items: impl Iterator<Item = Item> + Send,
    mut progress: impl FnMut(&Item, Option<&Failure>),
) -> CheckRun {
    let limits = *engine.limits();
    let mut docs = Vec::new();
    let mut folders = Vec::new();
    let mut failures = Vec::new();
    batch::run_ordered(
        items,
        CHUNK,
        |item| {
            let doc = batch::read(item, &limits)?;
            Ok((folder_of(item), CaseDocument::new(doc)))
        },
        |item, r| match r {
            Ok((folder, d)) => {
                progress(item, None);
                docs.push(d);
                folders.push(folder);
            }
            Err(f) => {
                progress(item, Some(&f));
                failures.push(f);
            }
        },
    );
    let documents = docs.len();
    let assembly = match guarded("(assembly)", || Ok(assemble(docs, &folders))) {
        Ok(a) => a,
        Err(f) => {
            failures.push(f);
            Assembly::default()
        }
    };
    let ctx = engine.context();
    let per_case: Vec<Result<Vec<Finding>, Failure>> = assembly
        .cases
        .par_iter()
        .map(|c| {
            let names: Vec<&str> = c.documents.iter().map(|d| d.doc.source()).collect();
            guarded(&format!("{} ({})", c.id, names.join(", ")), || {
                Ok(check_case(c, &ctx))
            })
        })
        .collect();
    let mut findings = Vec::new();
    for r in per_case {
        match r {
            Ok(mut f) => findings.append(&mut f),
            Err(f) => failures.push(f),
        }
    }
    CheckRun {
        assembly,
        findings,
        failures,
        documents,
    }
}

/// The redactors of a run: one per case, from the persons its documents name.
#[derive(Debug, Default)]
pub struct Redaction {
    by_case: HashMap<String, Redactor>,
    by_document: HashMap<String, String>,
    patterns: Redactor,
}

impl Redaction {
    /// Builds the redactors of every case of an assembly.
    pub fn new(assembly: &Assembly) -> Redaction {
        let mut r = Redaction::default();
        for c in &assembly.cases {
            r.by_case
                .insert(c.id.clone(), Redactor::for_documents(&c.documents));
            for d in &c.documents {
                r.by_document
                    .insert(d.doc.source().to_string(), c.id.clone());
            }
        }
        r
    }

    /// The redactor of a case (patterns only for an unknown case).
    pub fn case(&self, id: &str) -> &Redactor {
        self.by_case.get(id).unwrap_or(&self.patterns)
    }

    /// The redactor of the case a document belongs to.
    pub fn document(&self, source: &str) -> &Redactor {
        self.by_document
            .get(source)
            .map_or(&self.patterns, |c| self.case(c))
    }

    /// A note with names masked.
    pub fn note(&self, n: &AssemblyNote) -> AssemblyNote {
        let r = match &n.case {
            Some(c) => self.case(c),
            None => n
                .documents
                .first()
                .map_or(&self.patterns, |d| self.document(d)),
        };
        AssemblyNote {
            case: n.case.as_ref().map(|c| r.text(c)),
            kind: n.kind.clone(),
            documents: n.documents.iter().map(|d| r.text(d)).collect(),
            message: r.text(&n.message),
        }
    }

    /// A failure with ID numbers, phone numbers and addresses masked.
    pub fn failure(&self, f: &Failure) -> Failure {
        let r = self.document(&f.file);
        Failure {
            file: r.text(&f.file),
            kind: f.kind.clone(),
            reason: r.text(&f.reason),
        }
    }
}

/// What a run's outputs show: findings, notes and failures, masked when asked.
#[derive(Debug)]
pub struct View {
    /// Findings, as in [`CheckRun::findings`].
    pub findings: Vec<Finding>,
    /// Assembly notes.
    pub notes: Vec<AssemblyNote>,
    /// Failures.
    pub failures: Vec<Failure>,
    /// The redactors when masking, for texts the outputs quote from documents.
    pub redaction: Option<Redaction>,
}

impl CheckRun {
    /// The findings, notes and failures to output, masked when `redact`.
    pub fn view(&self, redact: bool) -> View {
        if !redact {
            return View {
                findings: self.findings.clone(),
                notes: self.assembly.notes.clone(),
                failures: self.failures.clone(),
                redaction: None,
            };
        }
        let r = Redaction::new(&self.assembly);
        View {
            findings: self
                .findings
                .iter()
                .map(|f| r.case(&f.case).finding(f))
                .collect(),
            notes: self.assembly.notes.iter().map(|n| r.note(n)).collect(),
            failures: self.failures.iter().map(|f| r.failure(f)).collect(),
            redaction: Some(r),
        }
    }

    /// Counts for the closing summary (over `view`'s findings, so case names are masked
    /// when the view is).
    pub fn summary(&self, view: &View) -> Summary {
        let mut s = Summary {
            cases: self.assembly.cases.len(),
            documents: self.documents,
            findings: view.findings.len(),
            unreadable: view.failures.len(),
            ..Default::default()
        };
        for sev in [Severity::Error, Severity::Warning, Severity::Info] {
            s.per_severity.insert(severity_name(sev).into(), 0);
        }
        for f in &view.findings {
            *s.per_severity
                .entry(severity_name(f.severity).into())
                .or_default() += 1;
            *s.per_rule.entry(f.rule.clone()).or_default() += 1;
            *s.per_case.entry(f.case.clone()).or_default() += 1;
        }
        s
    }
}

/// The counts of a check run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Cases assembled.
    pub cases: usize,
    /// Documents read.
    pub documents: usize,
    /// Findings.
    pub findings: usize,
    /// Inputs that could not be read (and internal errors).
    pub unreadable: usize,
    /// Findings per severity.
    pub per_severity: BTreeMap<String, usize>,
    /// Findings per rule.
    pub per_rule: BTreeMap<String, usize>,
    /// Findings per case.
    pub per_case: BTreeMap<String, usize>,
}

/// `error`, `warning` or `info`.
pub fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}
