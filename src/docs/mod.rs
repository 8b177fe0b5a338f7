//! The typed models of each document kind, composed from the element extractors.

pub mod arrest;
pub mod indictment;
pub mod judgment;
pub mod recommendation;
