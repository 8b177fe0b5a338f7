//! JSON Schemas of the outputs (feature `schema`, on by default).
//!
//! Every output type derives [`schemars::JsonSchema`] when the feature is on, so a service that
//! embeds the crate can publish or validate what it returns. The schemas of the main outputs are
//! committed under `schema/` in the repository, and a test fails when they and the types drift
//! apart (`WENSHU_UPDATE_SCHEMA=1 cargo test --test schema` rewrites them).
//!
//! ```
//! let schemas = wenshu::schema::schemas();
//! let (file, judgment) = &schemas[0];
//! assert_eq!(*file, "judgment.json");
//! assert_eq!(judgment.get("title").and_then(|t| t.as_str()), Some("Judgment"));
//! ```

use crate::check::assemble::AssemblyNote;
use crate::check::{Content, Finding};
use crate::docs::arrest::ArrestDocument;
use crate::docs::indictment::Indictment;
use crate::docs::judgment::Judgment;
use crate::docs::recommendation::RecommendationDocument;
use crate::primitives::Date;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use std::borrow::Cow;

pub use schemars;

/// A [`Date`] is written as `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when the document gives only
/// that much.
impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn schema_id() -> Cow<'static, str> {
        "wenshu::primitives::Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
            "description": "A calendar date as precise as the document gives it: YYYY-MM-DD, YYYY-MM or YYYY.",
        })
    }
}

/// The schema of one output type, as the root of a JSON Schema (2020-12) document.
///
/// ```
/// let s = wenshu::schema::schema_of::<wenshu::check::Finding>();
/// assert!(s.get("properties").unwrap().get("rule").is_some());
/// ```
pub fn schema_of<T: JsonSchema>() -> Schema {
    SchemaGenerator::default().into_root_schema_for::<T>()
}

/// The schemas of the outputs, each with the file name it is committed under in `schema/`:
/// the extraction of each document type ([`Judgment`], [`Indictment`], [`ArrestDocument`],
/// [`RecommendationDocument`]), the [`Content`] enum that holds any of them, a checking
/// [`Finding`] and an [`AssemblyNote`].
pub fn schemas() -> Vec<(&'static str, Schema)> {
    vec![
        ("judgment.json", schema_of::<Judgment>()),
        ("indictment.json", schema_of::<Indictment>()),
        ("arrest_document.json", schema_of::<ArrestDocument>()),
        (
            "recommendation_document.json",
            schema_of::<RecommendationDocument>(),
        ),
        ("content.json", schema_of::<Content>()),
        ("finding.json", schema_of::<Finding>()),
        ("assembly_note.json", schema_of::<AssemblyNote>()),
    ]
}
