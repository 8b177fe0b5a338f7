//! Small helpers to read PDF objects through references.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

/// Follows references (a bounded number of times).
pub(crate) fn resolve<'d>(doc: &'d Document, obj: &'d Object) -> Option<&'d Object> {
    doc.dereference(obj).ok().map(|(_, o)| o)
}

/// Follows references, also returning the id of the last reference followed.
pub(crate) fn resolve_with_id<'d>(
    doc: &'d Document,
    obj: &'d Object,
) -> Option<(Option<ObjectId>, &'d Object)> {
    doc.dereference(obj).ok()
}

/// `dict[key]`, resolved.
pub(crate) fn get<'d>(doc: &'d Document, dict: &'d Dictionary, key: &[u8]) -> Option<&'d Object> {
    resolve(doc, dict.get(key).ok()?)
}

/// `dict[key]` as a dictionary (a stream's dictionary counts).
pub(crate) fn get_dict<'d>(
    doc: &'d Document,
    dict: &'d Dictionary,
    key: &[u8],
) -> Option<&'d Dictionary> {
    match get(doc, dict, key)? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

/// `dict[key]` as a stream.
pub(crate) fn get_stream<'d>(
    doc: &'d Document,
    dict: &'d Dictionary,
    key: &[u8],
) -> Option<&'d Stream> {
    match get(doc, dict, key)? {
        Object::Stream(s) => Some(s),
        _ => None,
    }
}

/// `dict[key]` as a name.
pub(crate) fn get_name<'d>(
    doc: &'d Document,
    dict: &'d Dictionary,
    key: &[u8],
) -> Option<&'d [u8]> {
    match get(doc, dict, key)? {
        Object::Name(n) => Some(n),
        _ => None,
    }
}

/// `dict[key]` as an array.
pub(crate) fn get_array<'d>(
    doc: &'d Document,
    dict: &'d Dictionary,
    key: &[u8],
) -> Option<&'d [Object]> {
    match get(doc, dict, key)? {
        Object::Array(a) => Some(a),
        _ => None,
    }
}

/// An object as a number.
pub(crate) fn num(doc: &Document, obj: &Object) -> Option<f32> {
    match resolve(doc, obj)? {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) if r.is_finite() => Some(*r),
        _ => None,
    }
}

/// `dict[key]` as a number.
pub(crate) fn get_num(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<f32> {
    num(doc, dict.get(key).ok()?)
}

/// A six-number matrix array.
pub(crate) fn matrix(doc: &Document, arr: &[Object]) -> Option<[f32; 6]> {
    if arr.len() != 6 {
        return None;
    }
    let mut m = [0f32; 6];
    for (slot, o) in m.iter_mut().zip(arr) {
        *slot = num(doc, o)?;
    }
    Some(m)
}

/// The BaseFont name without a subset prefix (`ABCDEF+`).
pub(crate) fn font_display_name(raw: &[u8]) -> String {
    let name = String::from_utf8_lossy(raw);
    match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()) => {
            rest.to_string()
        }
        _ => name.into_owned(),
    }
}
