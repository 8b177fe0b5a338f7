//! Per-document state: the loaded document, the decompression budget, the font cache,
//! decoded Form XObjects, warnings and decoding statistics.

use super::cmap::IntMap;
use super::font::Font;
use super::objects::resolve_with_id;
use super::stream::{Budget, DecodeError};
use crate::{Error, Limits};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use std::borrow::Cow;
use std::collections::HashMap;
use std::rc::Rc;

/// Identifies a font or form: its object id, or the address of a direct object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum ObjKey {
    /// An indirect object.
    Id(ObjectId),
    /// A direct object, by address (stable while the document is borrowed).
    Ptr(usize),
}

impl ObjKey {
    /// The key of `obj`, reached through `id` if it was a reference.
    pub(crate) fn of<T>(id: Option<ObjectId>, obj: &T) -> ObjKey {
        match id {
            Some(id) => ObjKey::Id(id),
            None => ObjKey::Ptr(obj as *const T as usize),
        }
    }
}

/// Glyph counts for the "is the text layer usable" decision.
#[derive(Debug, Default)]
pub(crate) struct Stats {
    /// Glyphs shown (spaces included).
    pub glyphs: u64,
    /// Glyphs without a Unicode mapping.
    pub undecodable: u64,
    /// Undecodable glyphs per font index.
    pub undecodable_by_font: IntMap<u64>,
}

/// The state shared by all pages of one document.
pub(crate) struct Ctx<'d> {
    /// The document.
    pub doc: &'d Document,
    /// The input's name, for errors.
    pub source: String,
    /// The limits in force.
    pub limits: Limits,
    /// Decompressed bytes so far.
    pub budget: Budget,
    /// Loaded fonts; index 0 is the stand-in for missing fonts.
    pub fonts: Vec<Font>,
    font_index: HashMap<ObjKey, usize>,
    forms: HashMap<ObjKey, Rc<[u8]>>,
    /// Problems that did not stop reading.
    pub warnings: Vec<String>,
    /// Decoding statistics.
    pub stats: Stats,
}

impl<'d> Ctx<'d> {
    /// A fresh context for `doc`.
    pub(crate) fn new(doc: &'d Document, source: &str, limits: &Limits) -> Self {
        Ctx {
            doc,
            source: source.to_string(),
            limits: *limits,
            budget: Budget {
                used: 0,
                max: limits.max_decompressed_bytes,
            },
            fonts: vec![Font::missing(b"(no font)")],
            font_index: HashMap::new(),
            forms: HashMap::new(),
            warnings: Vec::new(),
            stats: Stats::default(),
        }
    }

    /// The error for an exceeded decompression budget.
    pub(crate) fn limit_error(&self, found: u64) -> Error {
        Error::Limit {
            source_name: self.source.clone(),
            limit: "max_decompressed_bytes",
            allowed: self.limits.max_decompressed_bytes,
            found,
        }
    }

    /// Adds a warning once.
    pub(crate) fn warn(&mut self, msg: String) {
        if self.warnings.len() < 50 && !self.warnings.contains(&msg) {
            self.warnings.push(msg);
        }
    }

    /// Decodes a stream under the budget: `Ok(None)` (with a warning) when it cannot be read.
    pub(crate) fn decode(
        &mut self,
        stream: &'d Stream,
        what: &str,
    ) -> Result<Option<Cow<'d, [u8]>>, Error> {
        match self.budget.decode(stream) {
            Ok(data) => Ok(Some(data)),
            Err(DecodeError::Limit(n)) => Err(self.limit_error(n)),
            Err(DecodeError::Failed(e)) => {
                self.warn(format!("unreadable {what}: {e}"));
                Ok(None)
            }
        }
    }

    /// The font named `name` in `resources`, loading it on first use.
    pub(crate) fn font(
        &mut self,
        resources: Option<&'d Dictionary>,
        name: &[u8],
    ) -> Result<usize, Error> {
        let doc = self.doc;
        let found = resources
            .and_then(|r| r.get(b"Font").ok())
            .and_then(|f| resolve_with_id(doc, f))
            .and_then(|(_, f)| f.as_dict().ok())
            .and_then(|fonts| fonts.get(name).ok())
            .and_then(|f| resolve_with_id(doc, f));
        let Some((id, Object::Dictionary(dict))) = found else {
            self.warn(format!(
                "font /{} is missing",
                String::from_utf8_lossy(name)
            ));
            return Ok(0);
        };
        let key = ObjKey::of(id, dict);
        if let Some(&i) = self.font_index.get(&key) {
            return Ok(i);
        }
        let font = match Font::load(doc, dict, &mut self.budget, &mut self.warnings) {
            Ok(font) => font,
            Err(DecodeError::Limit(n)) => return Err(self.limit_error(n)),
            Err(DecodeError::Failed(e)) => {
                self.warn(format!(
                    "font /{} is unreadable: {e}",
                    String::from_utf8_lossy(name)
                ));
                Font::missing(name)
            }
        };
        self.fonts.push(font);
        let i = self.fonts.len() - 1;
        self.font_index.insert(key, i);
        Ok(i)
    }

    /// The decoded content of a Form XObject, charged to the budget on every use so that
    /// forms drawn many times cannot multiply the work without bound.
    pub(crate) fn form_content(
        &mut self,
        key: ObjKey,
        stream: &'d Stream,
    ) -> Result<Option<Rc<[u8]>>, Error> {
        if let Some(data) = self.forms.get(&key).cloned() {
            self.budget.charge(data.len() as u64).map_err(|e| match e {
                DecodeError::Limit(n) => self.limit_error(n),
                DecodeError::Failed(_) => self.limit_error(0),
            })?;
            return Ok(Some(data));
        }
        let Some(data) = self.decode(stream, "Form XObject")? else {
            return Ok(None);
        };
        let data: Rc<[u8]> = Rc::from(data.as_ref());
        self.forms.insert(key, data.clone());
        Ok(Some(data))
    }
}
