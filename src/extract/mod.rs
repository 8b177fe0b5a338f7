//! Element extractors, one module per element family. Each returns typed values with
//! the evidence they were read from.

pub mod charges;
pub mod circumstances;
pub mod parties;
pub mod sentence;
