//! # wenshu — read and cross-check the documents of Chinese criminal cases
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod dict;
mod error;
mod limits;
pub mod read;

pub use error::{Error, Result};
pub use limits::Limits;
