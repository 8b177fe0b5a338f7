//! Bytes → text: format detection by content, decoding, and the per-format readers.
//!
//! [`read_bytes`] and [`read_path`] return a [`RawText`]: the text as the author wrote it,
//! one paragraph per line, with the page on which each line started (PDF only).

mod encoding;
mod html;
mod sniff;

#[cfg(feature = "docx")]
mod docx;
#[cfg(feature = "pdf")]
pub mod pdf;

use crate::{Error, Limits, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;

pub use sniff::Format;

/// The text read from one input, before normalisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RawText {
    /// The input's name (path or record id).
    pub source: String,
    /// The detected format.
    pub format: Format,
    /// The text: paragraphs separated by `\n`.
    pub text: String,
    /// `(byte offset in text, page number from 1)` for each page start; empty when not paged.
    pub pages: Vec<(usize, u32)>,
    /// Problems that did not prevent reading (invalid bytes replaced, encoding guessed …).
    pub warnings: Vec<String>,
}

impl RawText {
    /// The page (from 1) on which byte `offset` of [`RawText::text`] lies, if the source is paged.
    pub fn page_of(&self, offset: usize) -> Option<u32> {
        let idx = self.pages.partition_point(|&(start, _)| start <= offset);
        idx.checked_sub(1).map(|i| self.pages[i].1)
    }
}

/// Reads a document from a file. The format is detected from the content, not the extension.
pub fn read_path(path: &Path, limits: &Limits) -> Result<RawText> {
    let name = path.display().to_string();
    let io = |cause| Error::Io {
        source_name: name.clone(),
        cause,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(Error::Unsupported {
            source_name: name,
            what: "a directory".into(),
            hint: "give the files inside it, or use the CLI, which walks folders".into(),
        });
    }
    if meta.len() > limits.max_input_bytes {
        return Err(Error::Limit {
            source_name: name,
            limit: "max_input_bytes",
            allowed: limits.max_input_bytes,
            found: meta.len(),
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    read_bytes(&name, &bytes, limits)
}

/// Reads a document from memory. `source` names it in errors and evidence.
pub fn read_bytes(source: &str, bytes: &[u8], limits: &Limits) -> Result<RawText> {
    if bytes.len() as u64 > limits.max_input_bytes {
        return Err(Error::Limit {
            source_name: source.to_string(),
            limit: "max_input_bytes",
            allowed: limits.max_input_bytes,
            found: bytes.len() as u64,
        });
    }
    let format = sniff::sniff(bytes);
    let mut raw = match format {
        Format::Text => encoding::read_text(source, bytes)?,
        Format::Html => html::read_html(source, bytes)?,
        #[cfg(feature = "pdf")]
        Format::Pdf => pdf::read_pdf(source, bytes, limits)?,
        #[cfg(feature = "docx")]
        Format::Docx => docx::read_docx(source, bytes, limits)?,
        other => return Err(sniff::unsupported(source, other)),
    };
    raw.format = format;
    if raw.text.trim().is_empty() {
        return Err(Error::NoText {
            source_name: source.to_string(),
            detail: "the document contains no text".into(),
        });
    }
    Ok(raw)
}
