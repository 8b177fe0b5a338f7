//! Element extractors, one module per element family. Each returns typed values with
//! the evidence they were read from.

pub mod parties;
