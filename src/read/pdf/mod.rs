//! PDF text layer built on lopdf: positioned glyphs → lines → paragraphs.
//!
//! lopdf parses the file, decrypts it (when the user password is empty) and hands out the
//! objects; everything above that is here:
//!
//! - `interp`: the content-stream interpreter (graphics/text state, Form XObjects) producing
//!   positioned glyphs, with `lexer` tokenizing content streams and CMaps;
//! - `font`, `cmap`, `encodings`, `program`: code → width and code → Unicode per font
//!   (ToUnicode, predefined Unicode and GBK-family CMaps, simple-font encodings, the
//!   embedded font's own cmap), loaded once per document;
//! - `lines`: glyphs → lines (baselines, reading order, spaces only between non-CJK glyphs);
//! - `furniture`: running headers, footers and page numbers;
//! - `paragraphs`: lines → paragraphs from indentation, line ends and vertical gaps;
//! - `stream`: stream decoding under the document's decompression budget.

mod cmap;
mod doc;
mod encodings;
mod font;
mod furniture;
mod interp;
mod lexer;
mod lines;
mod objects;
mod paragraphs;
mod program;
mod stream;

use super::{Format, RawText};
use crate::{Error, Limits, Result};
use doc::Ctx;
use lopdf::xref::XrefRecovery;
use lopdf::{DecompressError, Dictionary, Document, LoadOptions, Object, ObjectId};
use objects::{get, num};
use std::borrow::Cow;

/// Share of undecodable glyphs above which the text layer is reported as unusable.
const MAX_UNDECODABLE_SHARE: f64 = 0.5;

/// Reads the text layer of a PDF.
///
/// The text comes back one paragraph per line, with running headers, footers and page
/// numbers removed; `pages` gives the byte offset of the first paragraph starting on each
/// page. Errors: [`Error::Unsupported`] for a PDF that needs a password,
/// [`Error::NoText`] for a PDF without a usable text layer (scanned, or fonts without any
/// Unicode mapping), [`Error::Malformed`] for a file that cannot be parsed, and
/// [`Error::Limit`] when the page count, the decompressed size or the nesting depth exceed
/// `limits`.
pub fn read_pdf(source: &str, bytes: &[u8], limits: &Limits) -> Result<RawText> {
    let doc = load(source, bytes, limits)?;
    let mut warnings = Vec::new();
    match doc.xref_recovery {
        Some(XrefRecovery::Reconstructed) => warnings.push(
            "the file is damaged (cross-reference table rebuilt); text may be incomplete".into(),
        ),
        Some(_) => warnings.push("the file is damaged (cross-reference data repaired)".into()),
        None => {}
    }
    let page_ids: Vec<ObjectId> = doc
        .page_iter()
        .take(limits.max_pages as usize + 1)
        .collect();
    if page_ids.len() > limits.max_pages as usize {
        return Err(Error::Limit {
            source_name: source.to_string(),
            limit: "max_pages",
            allowed: u64::from(limits.max_pages),
            found: doc.page_iter().count() as u64,
        });
    }
    if page_ids.is_empty() {
        return Err(malformed(source, "no readable pages".into()));
    }

    let mut ctx = Ctx::new(&doc, source, limits);
    let mut pages = Vec::with_capacity(page_ids.len());
    let mut images = 0;
    for (i, &id) in page_ids.iter().enumerate() {
        let Ok(page) = doc.get_dictionary(id) else {
            continue;
        };
        let content = page_content(&mut ctx, id)?;
        let resources = inherited(&doc, page, b"Resources").and_then(|o| o.as_dict().ok());
        let out = interp::run_page(&mut ctx, &content, resources)?;
        images += out.images;
        let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
        pages.push(lines::page_lines(number, &out.glyphs, page_box(&doc, page)));
    }
    check_usable(&ctx, images)?;
    if ctx.stats.undecodable > 0 {
        warnings.push(format!(
            "{} of {} characters could not be mapped to Unicode (fonts: {}) and show as U+FFFD",
            ctx.stats.undecodable,
            ctx.stats.glyphs,
            undecodable_fonts(&ctx)
        ));
    }
    warnings.append(&mut ctx.warnings);

    let metrics = paragraphs::metrics(&pages);
    furniture::strip(&mut pages, metrics.pitch);
    let paras = paragraphs::paragraphs(&pages);
    let mut text = String::new();
    let mut page_starts: Vec<(usize, u32)> = Vec::new();
    for (i, p) in paras.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        if page_starts.last().map(|&(_, n)| n) != Some(p.page) {
            page_starts.push((text.len(), p.page));
        }
        text.push_str(&p.text);
    }
    if text.trim().is_empty() {
        return Err(Error::NoText {
            source_name: source.to_string(),
            detail: "no text layer (scanned images?); OCR it first (the pages show only blanks)"
                .into(),
        });
    }
    Ok(RawText {
        source: source.to_string(),
        format: Format::Pdf,
        text,
        pages: page_starts,
        warnings,
    })
}

fn malformed(source: &str, detail: String) -> Error {
    Error::Malformed {
        source_name: source.to_string(),
        format: "pdf",
        detail,
    }
}

fn encrypted(source: &str) -> Error {
    Error::Unsupported {
        source_name: source.to_string(),
        what: "encrypted PDF (it needs a password to open)".into(),
        hint: "supply an unencrypted copy of the document".into(),
    }
}

/// Parses the file with lopdf, mapping its failures to the crate's errors.
fn load(source: &str, bytes: &[u8], limits: &Limits) -> Result<Document> {
    let options = LoadOptions {
        max_decompressed_size: Some(
            usize::try_from(limits.max_decompressed_bytes).unwrap_or(usize::MAX),
        ),
        ..LoadOptions::default()
    };
    // lopdf is a third-party parser fed untrusted bytes: contain any panic in it.
    let loaded = std::panic::catch_unwind(|| Document::load_mem_with_options(bytes, options));
    let doc = match loaded {
        Ok(Ok(doc)) => doc,
        Ok(Err(lopdf::Error::Decompress(DecompressError::MemoryLimitExceeded { .. }))) => {
            return Err(Error::Limit {
                source_name: source.to_string(),
                limit: "max_decompressed_bytes",
                allowed: limits.max_decompressed_bytes,
                found: limits.max_decompressed_bytes.saturating_add(1),
            });
        }
        Ok(Err(lopdf::Error::InvalidPassword | lopdf::Error::Decryption(_))) => {
            return Err(encrypted(source));
        }
        Ok(Err(e)) => return Err(malformed(source, format!("cannot parse the file: {e}"))),
        Err(_) => {
            return Err(malformed(
                source,
                "the PDF parser failed on this file".into(),
            ))
        }
    };
    if doc.is_encrypted() {
        return Err(encrypted(source));
    }
    Ok(doc)
}

/// An inheritable page attribute (`/Resources`, `/MediaBox`, `/CropBox`), resolved.
fn inherited<'d>(doc: &'d Document, page: &'d Dictionary, key: &[u8]) -> Option<&'d Object> {
    let mut node = page;
    for _ in 0..64 {
        if let Some(v) = get(doc, node, key) {
            return Some(v);
        }
        node = get(doc, node, b"Parent")?.as_dict().ok()?;
    }
    None
}

/// The page's crop box (or media box) as `[x0, y0, x1, y1]`.
fn page_box(doc: &Document, page: &Dictionary) -> [f32; 4] {
    let rect = ["CropBox", "MediaBox"].iter().find_map(|k| {
        let arr = inherited(doc, page, k.as_bytes())?.as_array().ok()?;
        let v: Vec<f32> = arr.iter().filter_map(|o| num(doc, o)).collect();
        (v.len() == 4).then(|| {
            [
                v[0].min(v[2]),
                v[1].min(v[3]),
                v[0].max(v[2]),
                v[1].max(v[3]),
            ]
        })
    });
    rect.unwrap_or([0.0, 0.0, 612.0, 792.0])
}

/// The page's content streams, decoded and joined.
fn page_content<'d>(ctx: &mut Ctx<'d>, page: ObjectId) -> Result<Cow<'d, [u8]>> {
    let doc = ctx.doc;
    let ids = doc.get_page_contents(page);
    let mut parts: Vec<Cow<'d, [u8]>> = Vec::with_capacity(ids.len());
    for id in ids {
        let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else {
            ctx.warn(format!("page content object {} {} is missing", id.0, id.1));
            continue;
        };
        if let Some(data) = ctx.decode(stream, "page content")? {
            parts.push(data);
        }
    }
    Ok(match parts.len() {
        0 => Cow::Borrowed(&[]),
        1 => parts.swap_remove(0),
        _ => Cow::Owned(parts.join(&b'\n')),
    })
}

/// Fails with [`Error::NoText`] when there is no text layer or it cannot be decoded.
fn check_usable(ctx: &Ctx<'_>, images: usize) -> Result<()> {
    let stats = &ctx.stats;
    if stats.glyphs == 0 {
        let seen = if images > 0 {
            format!("the pages hold {images} image(s) and no text")
        } else {
            "the pages hold no text".to_string()
        };
        return Err(Error::NoText {
            source_name: ctx.source.clone(),
            detail: format!("no text layer (scanned images?); OCR it first ({seen})"),
        });
    }
    if stats.undecodable as f64 > MAX_UNDECODABLE_SHARE * stats.glyphs as f64 {
        return Err(Error::NoText {
            source_name: ctx.source.clone(),
            detail: format!(
                "the text layer is unusable: {} of {} characters use fonts with no Unicode \
                 mapping (fonts: {}); OCR the rendered pages instead",
                stats.undecodable,
                stats.glyphs,
                undecodable_fonts(ctx)
            ),
        });
    }
    Ok(())
}

fn undecodable_fonts(ctx: &Ctx<'_>) -> String {
    let mut fonts: Vec<(u32, u64)> = ctx
        .stats
        .undecodable_by_font
        .iter()
        .map(|(&f, &n)| (f, n))
        .collect();
    fonts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let names: Vec<String> = fonts
        .iter()
        .take(5)
        .map(|(f, _)| {
            let name = ctx.fonts.get(*f as usize).map_or("?", |f| f.name.as_str());
            if name.is_empty() {
                "(unnamed)".to_string()
            } else {
                name.to_string()
            }
        })
        .collect();
    names.join(", ")
}
