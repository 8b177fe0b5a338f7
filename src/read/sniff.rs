//! Format detection from the first bytes of the content (magic numbers), never from the file name.

use crate::Error;
use serde::{Deserialize, Serialize};

/// The container format of an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Format {
    /// Plain text in any supported encoding.
    Text,
    /// An HTML page.
    Html,
    /// A PDF file.
    Pdf,
    /// An Office Open XML word-processing file.
    Docx,
    /// A zip archive that is not a DOCX (e.g. .xlsx, .odt).
    OtherZip,
    /// An OLE2 compound file: legacy Word `.doc`, WPS `.wps`, `.xls`.
    Ole,
    /// RTF.
    Rtf,
    /// An image (PNG, JPEG, GIF, TIFF, BMP).
    Image,
    /// Binary data of no known kind.
    Binary,
}

/// Detects the format of `bytes`.
pub fn sniff(bytes: &[u8]) -> Format {
    let head = &bytes[..bytes.len().min(1024)];
    if find(head, b"%PDF-").is_some() {
        return Format::Pdf;
    }
    if head.starts_with(b"PK\x03\x04") {
        return if find(bytes, b"word/document.xml").is_some() {
            Format::Docx
        } else {
            Format::OtherZip
        };
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Format::Ole;
    }
    if head.starts_with(b"{\\rtf") {
        return Format::Rtf;
    }
    const IMAGES: [&[u8]; 6] = [
        b"\x89PNG",
        b"\xFF\xD8\xFF",
        b"GIF8",
        b"II*\x00",
        b"MM\x00*",
        b"BM",
    ];
    if IMAGES.iter().any(|m| head.starts_with(m)) {
        return Format::Image;
    }
    if looks_like_html(head) {
        return Format::Html;
    }
    // UTF-16 text with a BOM contains NULs; anything else with many NULs or
    // control bytes is binary.
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return Format::Text;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x09 || (b > 0x0D && b < 0x20 && b != 0x1B))
        .count();
    if controls * 20 > head.len().max(1) {
        Format::Binary
    } else {
        Format::Text
    }
}

fn looks_like_html(head: &[u8]) -> bool {
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace() && *b != 0xEF && *b != 0xBB && *b != 0xBF)
        .unwrap_or(head.len());
    let lower: Vec<u8> = head[start..]
        .iter()
        .take(256)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    lower.starts_with(b"<!doctype html")
        || lower.starts_with(b"<html")
        || (lower.starts_with(b"<") && find(&lower, b"<html").is_some())
}

pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The error for a format that is recognised but not read, with what the user can do.
pub(super) fn unsupported(source: &str, format: Format) -> Error {
    let (what, hint) = match format {
        Format::Ole => (
            "a legacy Word (.doc) or WPS (.wps) compound file",
            "save it as .docx or PDF (Word/WPS: 另存为) and read that",
        ),
        Format::Rtf => ("an RTF file", "save it as .docx or plain text"),
        Format::Image => (
            "an image",
            "run OCR first; the library reads documents with a text layer only",
        ),
        Format::OtherZip => (
            "a zip archive that is not a Word document",
            "unpack it, or save the document as .docx",
        ),
        Format::Pdf => (
            "a PDF",
            "this build has no PDF reader; enable the `pdf` feature",
        ),
        Format::Docx => (
            "a Word document",
            "this build has no DOCX reader; enable the `docx` feature",
        ),
        _ => (
            "binary data of no known document format",
            "give a text, HTML, DOCX or PDF file",
        ),
    };
    Error::Unsupported {
        source_name: source.to_string(),
        what: what.into(),
        hint: hint.into(),
    }
}
