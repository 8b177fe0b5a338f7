//! Text after reading: normalisation with offset maps, spans and evidence.

mod normalize;
mod offsets;

pub(crate) use normalize::is_cjk;
pub use normalize::{normalize, Normalized};
pub use offsets::OffsetMap;
