//! Document-type extractors: the typed model of each kind of document, composed from
//! the element extractors in [`crate::extract`] and the [`crate::primitives`].

pub mod arrest;
pub mod indictment;
pub mod recommendation;
