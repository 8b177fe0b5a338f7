//! A document read and normalised: the text every extractor works on, and the
//! way back from any span of it to the original text (evidence).

use crate::read::{Format, RawText};
use crate::text::{normalize, OffsetMap};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// Where a value came from: the document, the byte span in the text as read
/// (UTF-8), the page when the source is paged, and the quoted text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Evidence {
    /// The document's name (path or corpus id).
    pub document: String,
    /// Byte span `[start, end)` in the document's text as read (see [`Document::original`]).
    pub span: [usize; 2],
    /// The page (from 1) where the span starts, for paged sources (PDF).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub page: Option<u32>,
    /// The quoted original text of the span.
    pub text: String,
}

/// A value extracted from a document, with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "Field_of_{T}")
)]
pub struct Field<T> {
    /// The value.
    pub value: T,
    /// Where it was read.
    pub evidence: Evidence,
}

/// A problem noticed in a document (contradiction, unparseable value, missing section).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Warning {
    /// What is wrong.
    pub message: String,
    /// Where, when it has a place.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub evidence: Option<Evidence>,
}

/// A document read and normalised.
///
/// ```
/// let doc = wenshu::Document::from_text("例", "被告人张某，１９８５年３月１２日出生。");
/// let at = doc.text().find("1985").unwrap();
/// let ev = doc.evidence(at..at + 4);
/// assert_eq!(ev.text, "１９８５");
/// ```
#[derive(Debug, Clone)]
pub struct Document {
    source: String,
    format: Format,
    original: String,
    pages: Vec<(usize, u32)>,
    text: String,
    map: OffsetMap,
    read_warnings: Vec<String>,
}

impl Document {
    /// Normalises text that was read by [`crate::read`].
    pub fn from_raw(raw: RawText) -> Self {
        let n = normalize(&raw.text);
        Document {
            source: raw.source,
            format: raw.format,
            original: raw.text,
            pages: raw.pages,
            text: n.text,
            map: n.map,
            read_warnings: raw.warnings,
        }
    }

    /// A document from text already in memory (a corpus record, a test string).
    pub fn from_text(source: &str, text: &str) -> Self {
        Self::from_raw(RawText {
            source: source.to_string(),
            format: Format::Text,
            text: text.to_string(),
            pages: Vec::new(),
            warnings: Vec::new(),
        })
    }

    /// The document's name.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The format it was read from.
    pub fn format(&self) -> Format {
        self.format
    }

    /// The normalised text that extractors read.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text as read, before normalisation: evidence spans point into it.
    pub fn original(&self) -> &str {
        &self.original
    }

    /// Warnings from reading (encoding guessed, bytes replaced …).
    pub fn read_warnings(&self) -> &[String] {
        &self.read_warnings
    }

    /// Maps a range of the normalised text to the original text.
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        self.map.to_original_range(range)
    }

    /// The page of a normalised offset, for paged sources.
    pub fn page_of(&self, pos: usize) -> Option<u32> {
        let orig = self.map.to_original(pos);
        let idx = self.pages.partition_point(|&(start, _)| start <= orig);
        idx.checked_sub(1).map(|i| self.pages[i].1)
    }

    /// The evidence for a range of the normalised text.
    pub fn evidence(&self, range: Range<usize>) -> Evidence {
        let orig = self.original_range(range.clone());
        Evidence {
            document: self.source.clone(),
            span: [orig.start, orig.end],
            page: self.page_of(range.start),
            text: self.original.get(orig).unwrap_or_default().to_string(),
        }
    }

    /// A value with the evidence of a range of the normalised text.
    pub fn field<T>(&self, value: T, range: Range<usize>) -> Field<T> {
        Field {
            value,
            evidence: self.evidence(range),
        }
    }

    /// A warning at a range of the normalised text.
    pub fn warning(&self, message: impl Into<String>, range: Option<Range<usize>>) -> Warning {
        Warning {
            message: message.into(),
            evidence: range.map(|r| self.evidence(r)),
        }
    }
}
