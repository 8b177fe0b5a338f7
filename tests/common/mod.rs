//! Helpers shared by the integration tests.

pub mod bombs;
pub mod samples;
