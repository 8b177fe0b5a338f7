//! DOCX: body paragraphs and table cells in reading order.
//!
//! Only `word/document.xml` is read. Runs are joined within a paragraph (Word and
//! LibreOffice split runs at every script or format change), every paragraph — also
//! each paragraph of a table cell or text box — becomes one line of the output.
//! Deleted text, field instructions and the fallback copies of `mc:AlternateContent`
//! are skipped; page breaks are layout and give no text.

use super::{Format, RawText};
use crate::{Error, Limits, Result};
use quick_xml::events::{BytesRef, BytesStart, BytesText, Event};
use quick_xml::Reader;
use std::borrow::Cow;
use std::io::{Cursor, Read};

/// The part holding the main document text.
const DOCUMENT_PART: &str = "word/document.xml";

/// Deflate cannot expand by more than this factor: used to cap the initial buffer
/// when an entry declares a large size but is small in the archive.
const MAX_DEFLATE_RATIO: u64 = 1032;

/// Reads a DOCX file.
pub(super) fn read_docx(source: &str, bytes: &[u8], limits: &Limits) -> Result<RawText> {
    let malformed = |detail: String| Error::Malformed {
        source_name: source.to_string(),
        format: "docx",
        detail,
    };
    let mut warnings = Vec::new();
    let xml = read_part(source, bytes, limits)?;
    let text = match xml_text(&xml, limits, &mut warnings) {
        Ok(text) => text,
        Err(TextError::Xml(d)) => return Err(malformed(format!("{DOCUMENT_PART}: {d}"))),
        Err(TextError::Utf8) => return Err(malformed(format!("{DOCUMENT_PART}: not UTF-8"))),
        Err(TextError::Depth(found)) => {
            return Err(Error::Limit {
                source_name: source.to_string(),
                limit: "max_depth",
                allowed: u64::from(limits.max_depth),
                found,
            })
        }
    };
    Ok(RawText {
        source: source.to_string(),
        format: Format::Docx,
        text,
        pages: Vec::new(),
        warnings,
    })
}

/// Decompresses `word/document.xml`, never holding more than the decompression limit.
fn read_part(source: &str, bytes: &[u8], limits: &Limits) -> Result<Vec<u8>> {
    let malformed = |detail: String| Error::Malformed {
        source_name: source.to_string(),
        format: "docx",
        detail,
    };
    let limit = limits
        .max_decompressed_bytes
        .min(usize::MAX as u64 / 2)
        .min(isize::MAX as u64 / 2);
    let too_big = |found: u64| Error::Limit {
        source_name: source.to_string(),
        limit: "max_decompressed_bytes",
        allowed: limit,
        found,
    };

    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| malformed(format!("not a readable zip archive ({e})")))?;
    let index = match archive.index_for_name(DOCUMENT_PART) {
        Some(i) => i,
        // Some tools write the part names in another case.
        None => archive
            .file_names()
            .position(|n| n.is_ok_and(|n| n.eq_ignore_ascii_case(DOCUMENT_PART)))
            .ok_or_else(|| malformed(format!("the archive has no {DOCUMENT_PART}")))?,
    };
    let mut entry = archive.by_index(index).map_err(|e| match e {
        zip::result::ZipError::UnsupportedArchive(m)
            if m == zip::result::ZipError::PASSWORD_REQUIRED =>
        {
            Error::Unsupported {
                source_name: source.to_string(),
                what: "a DOCX whose zip entries are password-protected".into(),
                hint: "save an unprotected copy and read that".into(),
            }
        }
        zip::result::ZipError::InvalidPassword => Error::Unsupported {
            source_name: source.to_string(),
            what: "a DOCX whose zip entries are password-protected".into(),
            hint: "save an unprotected copy and read that".into(),
        },
        other => malformed(format!("cannot open {DOCUMENT_PART} ({other})")),
    })?;

    let declared = entry.size();
    if declared > limit {
        return Err(too_big(declared));
    }
    let capacity = declared
        .min(entry.compressed_size().saturating_mul(MAX_DEFLATE_RATIO))
        .saturating_add(1);
    let mut buf = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    // One byte past the limit tells "exactly at the limit" from "beyond it".
    let mut bounded = (&mut entry).take(limit.saturating_add(1));
    bounded.read_to_end(&mut buf).map_err(|e| {
        malformed(format!(
            "cannot decompress {DOCUMENT_PART} (declared {declared} bytes): {e}"
        ))
    })?;
    if buf.len() as u64 > limit {
        return Err(too_big(buf.len() as u64));
    }
    Ok(buf)
}

/// The text of the XML part: UTF-8 (with or without BOM) or UTF-16 with BOM.
///
/// The parser checks UTF-8 as it goes; only a part that fails that check is
/// converted with replacement characters and parsed again.
fn xml_text(
    xml: &[u8],
    limits: &Limits,
    warnings: &mut Vec<String>,
) -> std::result::Result<String, TextError> {
    let mut body = xml;
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(xml) {
        if enc != encoding_rs::UTF_8 {
            let (text, had_errors) = enc.decode_without_bom_handling(&xml[bom_len..]);
            if had_errors {
                warnings.push(format!(
                    "{DOCUMENT_PART}: invalid {} sequences replaced by U+FFFD",
                    enc.name()
                ));
            }
            return document_text(text.as_bytes(), limits);
        }
        body = &xml[bom_len..];
    }
    match document_text(body, limits) {
        Err(TextError::Utf8) => {
            warnings.push(format!(
                "{DOCUMENT_PART}: invalid UTF-8 sequences replaced by U+FFFD"
            ));
            document_text(String::from_utf8_lossy(body).as_bytes(), limits)
        }
        other => other,
    }
}

enum TextError {
    Xml(String),
    Utf8,
    Depth(u64),
}

/// What an element means for the text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A paragraph (`w:p`).
    Paragraph,
    /// Text of a run (`w:t`, also `m:t` of equations).
    Text,
    /// An element whose whole content is not text of the document.
    Skip,
    /// `w:tab`, `w:ptab`.
    Tab,
    /// `w:br` (unless a page or column break), `w:cr`.
    Break,
    /// `w:noBreakHyphen`.
    Hyphen,
    /// Anything else: its content is read.
    Other,
}

/// What an element named `local` (without prefix) means; `layout_break` tells a page or
/// column break among the `br`.
fn kind(local: &str, layout_break: impl FnOnce() -> bool) -> Kind {
    match local {
        "p" => Kind::Paragraph,
        "t" => Kind::Text,
        // Deleted and moved-away text, field codes, the fallback copy of alternate
        // content, and properties (which hold tab stops, not tabs).
        "delText" | "delInstrText" | "instrText" | "moveFrom" | "Fallback" | "pPr" | "rPr"
        | "sectPr" | "tblPr" | "trPr" | "tcPr" | "tblGrid" => Kind::Skip,
        "tab" | "ptab" => Kind::Tab,
        "cr" => Kind::Break,
        "br" => {
            if layout_break() {
                Kind::Other
            } else {
                Kind::Break
            }
        }
        "noBreakHyphen" => Kind::Hyphen,
        _ => Kind::Other,
    }
}

/// `w:br w:type="page"` and `"column"` end a page or column: layout, not text.
fn is_layout_break(e: &BytesStart<'_>) -> bool {
    e.attributes()
        .filter_map(|a| a.ok())
        .any(|a| a.key.local_name().as_ref() == "type" && a.value.as_ref() != "textWrapping")
}

/// The text of `document.xml` as it is built from the parser's events, whichever
/// parser reads them.
struct Builder {
    out: String,
    /// Open paragraphs: a text box inside a paragraph opens a nested one.
    paras: Vec<String>,
    /// Text found outside any paragraph (not produced by Word, but possible).
    loose: String,
    depth: u64,
    /// Depth at which a skipped element was opened, while inside it.
    skip_at: Option<u64>,
    /// Depth at which the outermost open `t` element was opened.
    text_depth: Option<u64>,
    max_depth: u64,
}

impl Builder {
    fn new(xml_len: usize, limits: &Limits) -> Self {
        Builder {
            out: String::with_capacity(xml_len / 4),
            paras: Vec::new(),
            loose: String::new(),
            depth: 0,
            skip_at: None,
            text_depth: None,
            max_depth: u64::from(limits.max_depth).max(1),
        }
    }

    /// A start tag.
    fn start(
        &mut self,
        local: &str,
        layout_break: impl FnOnce() -> bool,
    ) -> std::result::Result<(), TextError> {
        self.depth += 1;
        if self.depth > self.max_depth {
            return Err(TextError::Depth(self.depth));
        }
        if self.skip_at.is_some() {
            return Ok(());
        }
        match kind(local, layout_break) {
            Kind::Paragraph => self.paras.push(String::new()),
            Kind::Text => {
                if self.text_depth.is_none() {
                    self.text_depth = Some(self.depth);
                }
            }
            Kind::Skip => self.skip_at = Some(self.depth),
            k => push_special(k, self.current()),
        }
        Ok(())
    }

    /// An empty-element tag.
    fn empty(&mut self, local: &str, layout_break: impl FnOnce() -> bool) {
        if self.skip_at.is_some() {
            return;
        }
        match kind(local, layout_break) {
            // An empty paragraph gives no line.
            Kind::Paragraph | Kind::Text | Kind::Skip | Kind::Other => {}
            k => push_special(k, self.current()),
        }
    }

    /// An end tag (whose name the parser has matched with its start tag).
    fn end(&mut self, local: &str) {
        if self.skip_at == Some(self.depth) {
            self.skip_at = None;
        } else if self.skip_at.is_none() {
            if self.text_depth == Some(self.depth) {
                self.text_depth = None;
            } else if local == "p" {
                if let Some(p) = self.paras.pop() {
                    flush(&mut self.out, &p);
                }
            }
        }
        self.depth = self.depth.saturating_sub(1);
    }

    /// Whether character data is text of the document here.
    fn in_text(&self) -> bool {
        self.text_depth.is_some() && self.skip_at.is_none()
    }

    /// The paragraph text is being added to.
    fn current(&mut self) -> &mut String {
        match self.paras.last_mut() {
            Some(p) => p,
            None => &mut self.loose,
        }
    }

    /// Emits text found outside paragraphs once it is complete; called after each event.
    fn settle(&mut self) {
        if !self.loose.is_empty() && self.paras.is_empty() && self.text_depth.is_none() {
            flush(&mut self.out, &self.loose);
            self.loose.clear();
        }
    }

    /// The text, once the parser has reached the end of the part.
    fn finish(mut self) -> std::result::Result<String, TextError> {
        if self.depth != 0 || !self.paras.is_empty() {
            return Err(TextError::Xml(format!(
                "the document ends inside {} unclosed element(s)",
                self.depth
            )));
        }
        flush(&mut self.out, &self.loose);
        Ok(self.out)
    }
}

/// Paragraph texts of `document.xml`, joined by `\n`.
fn document_text(xml: &[u8], limits: &Limits) -> std::result::Result<String, TextError> {
    match scanned_text(xml, limits) {
        Some(text) => Ok(text),
        None => parsed_text(xml, limits),
    }
}

/// [`document_text`] read with quick-xml: any well-formed part, and the errors.
fn parsed_text(xml: &[u8], limits: &Limits) -> std::result::Result<String, TextError> {
    let mut reader = Reader::from_reader(xml);
    let mut b = Builder::new(xml.len(), limits);
    loop {
        let event = reader.read_event().map_err(|e| match e {
            quick_xml::Error::Encoding(_) => TextError::Utf8,
            e => TextError::Xml(format!(
                "invalid XML at byte {}: {e}",
                reader.error_position()
            )),
        })?;
        match event {
            Event::Start(e) => b.start(e.local_name().as_ref(), || is_layout_break(&e))?,
            Event::Empty(e) => b.empty(e.local_name().as_ref(), || is_layout_break(&e)),
            Event::End(e) => b.end(e.local_name().as_ref()),
            Event::Text(t) if b.in_text() => b.current().push_str(&t.xml10_content()),
            Event::CData(t) if b.in_text() => b.current().push_str(&t.into_inner()),
            Event::GeneralRef(r) if b.in_text() => push_reference(&r, b.current()),
            Event::Eof => break,
            _ => {}
        }
        b.settle();
    }
    b.finish()
}

fn push_special(k: Kind, target: &mut String) {
    match k {
        Kind::Tab => target.push('\t'),
        Kind::Break => target.push('\n'),
        Kind::Hyphen => target.push('-'),
        _ => {}
    }
}

/// Resolves an entity or character reference inside `w:t`.
fn push_reference(r: &BytesRef<'_>, target: &mut String) {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        target.push(c);
        return;
    }
    let name: Cow<'_, str> = r.xml10_content();
    match name.as_ref() {
        "lt" => target.push('<'),
        "gt" => target.push('>'),
        "amp" => target.push('&'),
        "apos" => target.push('\''),
        "quot" => target.push('"'),
        other if other.starts_with('#') => target.push('\u{FFFD}'),
        // An undeclared entity: keep it as written.
        other => {
            target.push('&');
            target.push_str(other);
            target.push(';');
        }
    }
}

/// [`document_text`] read by a scanner of the subset of XML that word processors write:
/// tags, character data and references, in UTF-8.
///
/// Why not quick-xml here: it spends most of the time on what this reader does not use
/// (an event, a copy of the name and a UTF-8 check for every tag), several times what
/// this scanner takes for the whole part. The scanner checks UTF-8 once, walks the bytes
/// and feeds the [`Builder`] the same calls, in the same order, that [`parsed_text`] makes
/// from quick-xml's events (it uses quick-xml's own types for attributes, references and
/// line ends). On anything else — comments, CDATA, DOCTYPE, an unterminated tag or
/// reference, a lone `&`, an unmatched end tag, an empty name, invalid UTF-8, too deep a
/// nesting, an unclosed element — it gives `None` and the part is read by
/// [`parsed_text`], which gives the same text or the error.
fn scanned_text(xml: &[u8], limits: &Limits) -> Option<String> {
    let s = encoding_rs::UTF_8.decode_without_bom_handling_and_without_replacement(xml)?;
    // quick-xml drops a UTF-8 byte order mark at the start.
    let s = s.strip_prefix('\u{FEFF}').unwrap_or(&s);
    let b = s.as_bytes();
    let mut out = Builder::new(xml.len(), limits);
    // Byte ranges of the names of the open elements.
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        // Most markup follows markup: look for the next `<` or `&` only after text.
        let next = if b[i] == b'<' {
            Some(i)
        } else {
            memchr::memchr2(b'<', b'&', &b[i..]).map(|p| i + p)
        };
        let Some(at) = next else {
            scanned_chars(&mut out, &s[i..]);
            break;
        };
        if at > i {
            scanned_chars(&mut out, &s[i..at]);
        }
        if b[at] == b'&' {
            // As quick-xml: the reference ends at `;`, a `&` or `<` first is an error.
            let end = at + 1 + memchr::memchr3(b';', b'&', b'<', &b[at + 1..])?;
            if b[end] != b';' {
                return None;
            }
            if out.in_text() {
                push_reference(&BytesRef::new(&s[at + 1..end]), out.current());
            }
            out.settle();
            i = end + 1;
            continue;
        }
        match b.get(at + 1) {
            None | Some(b'!') => return None,
            Some(b'?') => {
                // A declaration or processing instruction ends at the first `?>`;
                // `<?>` is an error.
                let mut end = at + 2;
                loop {
                    end += memchr::memchr(b'>', b.get(end..)?)?;
                    if b[end - 1] == b'?' {
                        break;
                    }
                    end += 1;
                }
                if end - at < 3 {
                    return None;
                }
                i = end + 1;
            }
            Some(b'/') => {
                let end = tag_end(b, at)?;
                let name = s[at + 2..end].trim_end_matches(is_xml_space);
                let (from, to) = open.pop()?;
                if name != &s[from..to] {
                    return None;
                }
                out.end(local_name(name));
                out.settle();
                i = end + 1;
            }
            Some(_) => {
                let end = tag_end(b, at)?;
                let is_empty = b[end - 1] == b'/';
                let content = &s[at + 1..if is_empty { end - 1 } else { end }];
                let name_len = content
                    .bytes()
                    .position(|c| is_xml_space(char::from(c)))
                    .unwrap_or(content.len());
                if name_len == 0 {
                    return None;
                }
                let local = local_name(&content[..name_len]);
                let layout_break = || is_layout_break(&BytesStart::from_content(content, name_len));
                if is_empty {
                    out.empty(local, layout_break);
                } else {
                    open.push((at + 1, at + 1 + name_len));
                    out.start(local, layout_break).ok()?;
                }
                out.settle();
                i = end + 1;
            }
        }
    }
    if !open.is_empty() {
        return None;
    }
    out.finish().ok()
}

/// Character data between markup, as quick-xml gives it in a text event.
fn scanned_chars(out: &mut Builder, chars: &str) {
    if out.in_text() {
        out.current()
            .push_str(&BytesText::from_escaped(chars).xml10_content());
    }
    out.settle();
}

/// The position of the `>` closing the tag opened at `from`, outside quoted values.
fn tag_end(b: &[u8], from: usize) -> Option<usize> {
    // Tags are short: a byte loop, with a search only across quoted values.
    let mut at = from;
    while let Some(&c) = b.get(at) {
        if c == b'>' {
            return Some(at);
        }
        if c == b'"' || c == b'\'' {
            at += 1 + memchr::memchr(c, b.get(at + 1..)?)?;
        }
        at += 1;
    }
    None
}

/// White space as XML (and quick-xml) counts it.
fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

/// The name without its prefix, as quick-xml's `QName::local_name`.
fn local_name(name: &str) -> &str {
    match name.bytes().position(|c| c == b':') {
        Some(colon) => name.get(colon + 1..).unwrap_or(name),
        None => name,
    }
}

/// Appends a paragraph as one output line unless it holds no text.
fn flush(out: &mut String, para: &str) {
    let para = para.trim_matches(['\n', '\r']);
    if para.trim().is_empty() {
        return;
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(para);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(body: &str) -> String {
        let xml = format!(
            r#"<?xml version="1.0"?><w:document xmlns:w="w" xmlns:mc="mc"><w:body>{body}</w:body></w:document>"#
        );
        match document_text(xml.as_bytes(), &Limits::default()) {
            Ok(t) => t,
            Err(TextError::Xml(d)) => panic!("xml error: {d}"),
            Err(TextError::Utf8) => panic!("not UTF-8"),
            Err(TextError::Depth(d)) => panic!("depth {d}"),
        }
    }

    #[test]
    fn runs_tabs_breaks_entities() {
        let t = text(
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left"/></w:tabs></w:pPr><w:r><w:t>被告人张</w:t></w:r><w:r><w:t>3</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">A &amp; B &#x4E00;&#19968;</w:t><w:br/><w:t>下</w:t><w:br w:type="page"/><w:lastRenderedPageBreak/><w:t>页</w:t></w:r></w:p><w:p/><w:p><w:r><w:delText>删</w:delText><w:instrText>PAGE</w:instrText><w:t>留</w:t></w:r></w:p>"#,
        );
        assert_eq!(t, "被告人张3\tA & B 一一\n下页\n留");
    }

    #[test]
    fn alternate_content_and_nested_paragraphs() {
        let t = text(
            r#"<w:p><w:r><w:t>前</w:t></w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:p>"#,
        );
        assert_eq!(t, "框\n前");
    }

    #[test]
    fn encodings_of_the_part() {
        let xml = "<w:document><w:body><w:p><w:r><w:t>张某</w:t></w:r></w:p></w:body></w:document>";
        let mut warnings = Vec::new();
        let limits = Limits::default();
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(xml.as_bytes());
        assert!(matches!(xml_text(&bom, &limits, &mut warnings), Ok(t) if t == "张某"));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(xml.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert!(matches!(xml_text(&utf16, &limits, &mut warnings), Ok(t) if t == "张某"));
        assert!(warnings.is_empty());
        let (head, tail) = xml.split_at(xml.find("</w:t>").unwrap_or(0));
        let broken = [head.as_bytes(), &[0xFF], tail.as_bytes()].concat();
        assert!(std::str::from_utf8(&broken).is_err());
        let r = xml_text(&broken, &limits, &mut warnings);
        assert!(matches!(r, Ok(t) if t == "张某\u{FFFD}"), "{:?}", warnings);
        assert_eq!(warnings.len(), 1);
    }

    /// The scanner gives quick-xml's text, or gives way to it.
    fn same_as_quick_xml(xml: &str) -> bool {
        let limits = Limits {
            max_depth: 12,
            ..Limits::default()
        };
        let parsed = parsed_text(xml.as_bytes(), &limits);
        match scanned_text(xml.as_bytes(), &limits) {
            Some(t) => matches!(parsed, Ok(p) if p == t),
            None => true,
        }
    }

    #[test]
    fn scanner_reads_word_markup() {
        let body = r#"<w:p><w:pPr><w:pStyle w:val="Title"/><w:jc w:val="center"/><w:rPr></w:rPr></w:pPr><w:r><w:rPr><w:rFonts w:hint="eastAsia" w:ascii='a>b'/></w:rPr><w:t xml:space="preserve">被告人 &amp; 张某&#x4E00;</w:t></w:r><w:r><w:tab/><w:br w:type="page"/><w:t>页</w:t></w:r></w:p><w:sectPr><w:pgSz w:w="11906"/></w:sectPr>"#;
        let xml = format!(
            "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:document xmlns:w=\"w\"><w:body>{body}</w:body></w:document >\r\n"
        );
        let scanned = scanned_text(xml.as_bytes(), &Limits::default());
        assert_eq!(scanned.as_deref(), Some("被告人 & 张某一\t页"));
        assert!(same_as_quick_xml(&xml));
    }

    #[test]
    fn scanner_agrees_with_quick_xml() {
        const PIECES: &[&str] = &[
            "<w:p>",
            "</w:p>",
            "<w:r>",
            "</w:r>",
            "<w:t>",
            "</w:t>",
            "<w:t xml:space=\"preserve\">",
            "<w:rPr>",
            "</w:rPr>",
            "<w:pPr>",
            "</w:pPr>",
            "<w:sectPr>",
            "</w:sectPr>",
            "<w:p/>",
            "<w:t/>",
            "<w:tab/>",
            "<w:br/>",
            "<w:br w:type=\"page\"/>",
            "<w:br w:type='textWrapping'>",
            "</w:br>",
            "<w:cr/>",
            "<w:noBreakHyphen/>",
            "<mc:Fallback>",
            "</mc:Fallback>",
            "<w:delText>",
            "</w:delText>",
            "<x a=\">\">",
            "</x>",
            "<x >",
            "</x >",
            "<x/ >",
            "</ x>",
            "<p>",
            "</p>",
            "<a:b:p>",
            "</a:b:p>",
            "张某",
            " ",
            "\r\n",
            "\r",
            "\n",
            "\t",
            "&amp;",
            "&lt;",
            "&#x4E00;",
            "&#19968;",
            "&#xD800;",
            "&#;",
            "&bogus;",
            "&",
            "&amp",
            ";",
            ">",
            "<",
            "/>",
            "\"",
            "'",
            "=",
            "<?pi x?>",
            "<?>",
            "<??>",
            "<!-- c -->",
            "<![CDATA[c]]>",
            "<>",
            "</>",
            "<w:p\t>",
            "</w:p\n>",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize % n
        };
        let mut taken = 0;
        for _ in 0..20_000 {
            let mut xml = String::from("<w:document><w:body>");
            for _ in 0..next(24) {
                xml.push_str(PIECES[next(PIECES.len())]);
            }
            if next(4) > 0 {
                xml.push_str("</w:body></w:document>");
            }
            assert!(same_as_quick_xml(&xml), "{xml:?}");
            taken += usize::from(scanned_text(xml.as_bytes(), &Limits::default()).is_some());
        }
        // Enough of the inputs are read by the scanner for the comparison to mean something.
        assert!(taken > 1_000, "{taken}");
    }

    #[test]
    fn unclosed_is_malformed() {
        let r = document_text(b"<w:document><w:body><w:p>", &Limits::default());
        assert!(matches!(r, Err(TextError::Xml(_))));
        let r = document_text(b"<w:document><w:body></w:p></w:body>", &Limits::default());
        assert!(matches!(r, Err(TextError::Xml(_))));
    }
}
