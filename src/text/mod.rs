//! Text after reading: normalisation with offset maps, spans and evidence.

mod normalize;
mod offsets;

pub(crate) use normalize::is_cjk;
pub use normalize::{normalize, Normalized};
pub use offsets::OffsetMap;

/// The longest prefix of `s` no longer than `max` bytes that ends on a char boundary.
pub(crate) fn prefix(s: &str, max: usize) -> &str {
    if max >= s.len() {
        return s;
    }
    let mut at = max;
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    &s[..at]
}
