//! The typed models of each document kind, composed from the element extractors.

pub mod judgment;
