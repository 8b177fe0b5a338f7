//! # wenshu — read and cross-check the documents of Chinese criminal cases
//!
//! `wenshu` reads the documents of a criminal case — 刑事判决书 / 裁定书, 起诉书, the arrest
//! documents (批准逮捕决定书 and its relatives), 量刑建议书 — from text in any encoding, DOCX,
//! PDF or HTML; extracts their elements (parties, custody, charges, sentences, dates, amounts,
//! law citations, circumstances, sentencing recommendations), each with the exact text it came
//! from; and cross-checks the documents of one case (三书比对) against each other and against
//! the law. Every value and every finding carries [`Evidence`]: the document, the byte span in
//! the text as read, the page (PDF) and the quoted text.
//!
//! The entry point is [`Engine`]: build it once, share it everywhere.
//!
//! ## The pipeline
//!
//! | stage | what | where |
//! |---|---|---|
//! | read | bytes → text; the format is detected from the content (UTF-8/16, GBK/GB18030, DOCX, PDF, HTML), never from the name | [`Engine::read_bytes`], [`Engine::read_path`], [`read`] |
//! | normalise | full-width letters and digits, bracket variants, 〇 in dates, spaced titles, blanks folded; an offset map leads back to the original | [`Document`], [`text::normalize`] |
//! | classify | the document type from its title, with the evidence | [`classify()`], [`DocType`] |
//! | segment | header, parties, procedure, facts, reasoning, operative part, signature … | [`segment()`], [`Sections`] |
//! | extract | the typed model of the type: [`docs::judgment::Judgment`], [`docs::indictment::Indictment`], [`docs::arrest::ArrestDocument`], [`docs::recommendation::RecommendationDocument`] | [`Engine::extract`] → [`check::Content`] |
//! | assemble | documents linked into cases by folder, by the numbers they cite and by the persons they name; notes for what links nowhere | [`Engine::assemble`] → [`check::assemble::Assembly`] |
//! | check | the supervision catalogue (`L-` legality rules, `X-` cross-document rules, `S-` statistics) over each case | [`Engine::check`], [`Engine::check_documents`] → [`check::Finding`] |
//!
//! ## A complete example
//!
//! Read the documents of one case folder, extract each, and check the case:
//!
//! ```
//! use wenshu::check::Content;
//!
//! let engine = wenshu::Engine::new(); // expensive: do it once
//! let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/cases/case-4-legality");
//! let mut documents = Vec::new();
//! for entry in std::fs::read_dir(&folder)? {
//!     let path = entry?.path();
//!     if path.extension().is_some_and(|e| e == "json") {
//!         continue; // the expectations that come with the example, not a document
//!     }
//!     match engine.read_path(&path) {
//!         Ok(doc) => documents.push(doc),
//!         // A typed error naming the file: unsupported format, no text, a limit …
//!         Err(e) => eprintln!("skipped: {e}"),
//!     }
//! }
//!
//! for doc in &documents {
//!     match engine.extract(doc) {
//!         Content::Judgment(j) => {
//!             for d in &j.defendants {
//!                 let sentence = d.outcome.as_ref().and_then(|o| o.sentence.as_ref());
//!                 println!("{}: {:?}", d.party.name.value, sentence.map(|s| &s.principal));
//!             }
//!         }
//!         Content::Indictment(i) => println!("起诉书 {:?}", i.number.map(|n| n.value)),
//!         other => println!("{}", serde_json::to_string(&other)?),
//!     }
//! }
//!
//! // Same folder name for every document: they form one case.
//! let folders = vec![folder.display().to_string(); documents.len()];
//! let (assembly, findings) = engine.check_documents(documents, &folders);
//! assert_eq!(assembly.cases.len(), 1);
//! for f in &findings {
//!     // Every finding quotes the text it rests on, in every document involved.
//!     println!("{} {:?} {} ({} quotes)", f.rule, f.defendant, f.message, f.evidence.len());
//! }
//! assert!(findings.iter().any(|f| f.rule == "L-term-dates"));
//! assert!(findings.iter().any(|f| f.rule == "L-fine-missing"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Every output type is `serde::Serialize`; with the `schema` feature each also derives
//! `schemars::JsonSchema`, and `wenshu::schema::schemas()` gives the JSON Schemas committed
//! under `schema/` in the repository.
//!
//! ## Cargo features
//!
//! | feature | default | what |
//! |---|---|---|
//! | `pdf` | yes | the PDF text layer (lopdf, ttf-parser, flate2); without it a PDF is [`Error::Unsupported`] |
//! | `docx` | yes | DOCX (zip, quick-xml); without it a DOCX is [`Error::Unsupported`] |
//! | `schema` | yes | `schemars::JsonSchema` on every output type and the `wenshu::schema` module |
//! | `cli` | yes | the `wenshu` binary (clap, indicatif); a library user does not need it |
//!
//! `wenshu = { version = "0.1", default-features = false, features = ["pdf", "docx"] }` is
//! the usual choice for a service.
//!
//! ## Performance
//!
//! - [`Engine::new`] is the expensive step: it parses the built-in dictionaries and builds
//!   their Aho–Corasick automatons and lookup tables — about 40 ms of CPU in a release build,
//!   more in a debug build. Build one engine at start-up and share it: it is `Send + Sync`, and
//!   cloning it clones an `Arc`.
//! - Reading, classifying, segmenting and extracting a text judgment of the usual size (5 KB)
//!   takes about a millisecond of CPU in a release build (the 421 judgments of the development
//!   corpus: about 0.5 s on one thread, `examples/bulk.rs`). A PDF costs more: its text layer is
//!   laid out from glyph positions (`cargo bench --bench read_pdf`). Checking a case costs
//!   little next to reading and extracting its documents.
//! - Everything is synchronous and CPU-bound, with no global mutable state: run documents in
//!   parallel with rayon (`examples/bulk.rs`), and in an async service call the engine from
//!   `tokio::task::spawn_blocking` (`examples/service.rs`) so that a large PDF does not stall
//!   the other connections.
//! - Compiled patterns live in `LazyLock` statics built on first use: the first document of a
//!   process pays for them once.
//!
//! ## Pitfalls
//!
//! - Building an [`Engine`] (or [`dict::Dictionaries::builtin`]) per request or per document
//!   multiplies the start-up cost by the request count.
//! - Evidence spans are byte offsets into [`Document::original`] — the text as read — not into
//!   the normalised [`Document::text`] that the extractors work on. Use [`Document::evidence`]
//!   to go from a normalised range to the original one.
//! - The name given to [`Engine::read_bytes`] is only a label for errors and evidence; the
//!   format comes from the bytes.
//! - Scanned PDFs have no text layer: they fail with [`Error::NoText`] (there is no OCR).
//! - Input is untrusted: [`Limits`] bounds size, pages, decompressed bytes and nesting. The
//!   default allows 256 MB per input; a service should lower it
//!   (`Engine::builder().limits(..)`).
//! - Assembly links documents by folder, by the numbers they cite and by the persons they name.
//!   Pass the folders to [`Engine::check_documents`] when you know which documents belong
//!   together; without them, unrelated documents that happen to share a number or a person are
//!   put in one case.
//! - A [`check::Finding`] is a lead for a person to verify, never an error; rule levels are
//!   configuration ([`EngineBuilder::rules_toml`]).
//! - [`Error`] is `#[non_exhaustive]`: match it with a wildcard arm.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod check;
pub mod dict;
pub mod docs;
mod engine;
mod error;
pub mod eval;
pub mod extract;
pub mod gold;
pub mod input;
mod limits;
mod pattern;
pub mod primitives;
pub mod read;
#[cfg(feature = "cli")]
pub mod report;
#[cfg(feature = "schema")]
pub mod schema;
#[cfg(test)]
mod test_support;
pub mod text;

pub use engine::{Engine, EngineBuilder};
pub use error::{Error, Result};
pub use limits::Limits;
mod classify;
mod document;
mod segment;

pub use classify::{classify, Classification, DocType};
pub use document::{Document, Evidence, Field, Warning};
pub use segment::{segment, Section, SectionKind, Sections};
