//! DOCX: body paragraphs and table cells in reading order.

use super::RawText;
use crate::{Limits, Result};

/// Reads a DOCX file.
pub(super) fn read_docx(source: &str, bytes: &[u8], _limits: &Limits) -> Result<RawText> {
    Err(crate::Error::Unsupported {
        source_name: source.into(),
        what: format!("DOCX ({} bytes)", bytes.len()),
        hint: "not yet read".into(),
    })
}
