//! PDF text layer built on lopdf: positioned glyphs → lines → paragraphs.

use super::RawText;
use crate::{Limits, Result};

/// Reads the text layer of a PDF.
pub fn read_pdf(source: &str, bytes: &[u8], _limits: &Limits) -> Result<RawText> {
    Err(crate::Error::Unsupported {
        source_name: source.into(),
        what: format!("PDF ({} bytes)", bytes.len()),
        hint: "not yet read".into(),
    })
}
