//! Compiling the crate's own regular expressions.

use regex::Regex;

/// Compiles a pattern written in this crate's source.
///
/// Every caller passes a literal (or a `format!` of literals) that the unit tests compile,
/// so a failure is a programming error, never a property of the input: this is the one
/// place where the crate turns an error into a panic on purpose.
#[allow(clippy::expect_used)]
pub(crate) fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("the crate's own regex patterns compile")
}
