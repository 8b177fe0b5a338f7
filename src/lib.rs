//! # wenshu — read and cross-check the documents of Chinese criminal cases
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod check;
pub mod dict;
pub mod docs;
mod engine;
mod error;
pub mod eval;
pub mod extract;
pub mod gold;
pub mod input;
mod limits;
mod pattern;
pub mod primitives;
pub mod read;
pub mod text;

pub use engine::{Engine, EngineBuilder};
pub use error::{Error, Result};
pub use limits::Limits;
mod classify;
mod document;
mod segment;

pub use classify::{classify, Classification, DocType};
pub use document::{Document, Evidence, Field, Warning};
pub use segment::{segment, Section, SectionKind, Sections};
