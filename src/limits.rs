//! Hard limits applied while reading untrusted input.

use serde::{Deserialize, Serialize};

/// Bounds on the resources one document may take. Every reader enforces them
/// and fails with [`crate::Error::Limit`] rather than exhausting memory.
///
/// ```
/// let limits = wenshu::Limits { max_input_bytes: 1 << 20, ..Default::default() };
/// assert!(limits.max_pages > 0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Limits {
    /// Largest input file, in bytes.
    pub max_input_bytes: u64,
    /// Largest total of decompressed bytes (PDF streams, DOCX parts) per document.
    pub max_decompressed_bytes: u64,
    /// Most PDF pages read per document.
    pub max_pages: u32,
    /// Deepest nesting of PDF objects / XML elements / Form XObjects followed.
    pub max_depth: u32,
    /// Longest time, in milliseconds, the PDF reader may spend interpreting one document's
    /// pages (0: no budget). Checked between content-stream operators and between pages, so
    /// no thread is needed; parsing the file (lopdf) before that is not counted.
    pub max_millis: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 256 << 20,
            max_decompressed_bytes: 512 << 20,
            max_pages: 5_000,
            max_depth: 64,
            max_millis: 120_000,
        }
    }
}
