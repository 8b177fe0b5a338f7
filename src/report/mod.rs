//! Bulk runs and their outputs: streaming inputs, ordered parallel processing with per-document
//! failure capture, and the renderings the command line writes — JSON lines, CSV, terminal
//! tables, a self-contained HTML report — each optionally with personal data masked.
//!
//! - [`source`]: files, folders, glob patterns, `.jsonl` corpora and standard input, listed
//!   lazily (a corpus is read one line at a time).
//! - [`batch`]: chunks of items processed in parallel, results handed over in input order; a
//!   panic while reading or extracting one document becomes a [`Failure`] naming it.
//! - [`check`]: reading, assembling and checking a whole run (`wenshu check`).
//! - [`jsonl`], [`csv`], [`summary`], [`html`]: the output formats.
//! - [`redact`]: names, ID numbers, addresses and phone numbers masked.

pub mod batch;
pub mod check;
pub mod csv;
pub mod html;
pub mod jsonl;
pub mod redact;
pub mod source;
pub mod summary;

pub use batch::Failure;
