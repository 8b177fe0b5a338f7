//! HTML pages of court publication sites: text with block structure.

use super::RawText;
use crate::Result;

/// Reads an HTML page.
pub(super) fn read_html(source: &str, bytes: &[u8]) -> Result<RawText> {
    Err(crate::Error::Unsupported {
        source_name: source.into(),
        what: format!("HTML ({} bytes)", bytes.len()),
        hint: "not yet read".into(),
    })
}
