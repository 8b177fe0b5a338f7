//! Text after reading: normalisation with offset maps, spans and evidence.

mod normalize;
mod offsets;

pub use normalize::{normalize, Normalized};
pub(crate) use normalize::is_cjk;
pub use offsets::OffsetMap;
