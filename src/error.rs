//! The error enum of the crate: every failure names the input and the cause.

use std::path::PathBuf;

/// What went wrong, and with which input.
///
/// Every variant names the document (`source_name`: a path, a corpus record id or
/// `"<bytes>"`) so that a bulk run can report the failure and go on. The enum is
/// `#[non_exhaustive]`: match it with a wildcard arm.
///
/// ```
/// let engine = wenshu::Engine::new();
/// match engine.read_bytes("scan.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00") {
///     Ok(_) => unreachable!("an image has no text"),
///     Err(wenshu::Error::Unsupported { source_name, what, hint }) => {
///         assert_eq!(source_name, "scan.jpg");
///         println!("{what}: {hint}");
///     }
///     Err(other) => panic!("{other}"),
/// }
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be opened or read.
    #[error("{source_name}: cannot read: {cause}")]
    Io {
        /// The path as given.
        source_name: String,
        /// The operating-system error.
        #[source]
        cause: std::io::Error,
    },
    /// The input is of a format the library does not read (legacy .doc, .wps, images …).
    #[error("{source_name}: unsupported format: {what}; {hint}")]
    Unsupported {
        /// The input.
        source_name: String,
        /// What the input was recognised as.
        what: String,
        /// What the user can do about it.
        hint: String,
    },
    /// The input is of a supported format but is damaged or cannot be decoded.
    #[error("{source_name}: malformed {format}: {detail}")]
    Malformed {
        /// The input.
        source_name: String,
        /// The format that was being read (`pdf`, `docx`, `html`, `text`).
        format: &'static str,
        /// What is wrong.
        detail: String,
    },
    /// The input has no text the library could recover (a scanned PDF, an empty file).
    #[error("{source_name}: no text: {detail}")]
    NoText {
        /// The input.
        source_name: String,
        /// Why no text was found and what to do.
        detail: String,
    },
    /// A hard limit (size, pages, decompressed bytes, nesting) was exceeded.
    #[error("{source_name}: limit exceeded: {limit} (allowed {allowed}, found {found})")]
    Limit {
        /// The input.
        source_name: String,
        /// Which limit.
        limit: &'static str,
        /// The configured maximum.
        allowed: u64,
        /// What the input needed (a lower bound where reading stopped early).
        found: u64,
    },
    /// A configuration or dictionary file is invalid.
    #[error("configuration {path}: {detail}")]
    Config {
        /// The file (or `"<built-in>"`).
        path: PathBuf,
        /// What is wrong, with the line where known.
        detail: String,
    },
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
