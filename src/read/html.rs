//! HTML pages of court publication sites: text with block structure.
//!
//! A small tag scanner, not a full HTML parser: it needs only to tell text from markup,
//! drop the content of `script`, `style`, `title` and the like, and turn block-level
//! elements into paragraph breaks. It runs in one pass over the input (linear time on any
//! input, also with unclosed tags, comments or quotes) and never fails on content.

use super::{encoding, Format, RawText};
use crate::Result;
use encoding_rs::{Encoding, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};

/// How far into the page a `<meta charset>` is looked for.
const META_PREFIX: usize = 4096;

/// Reads an HTML page.
pub(super) fn read_html(source: &str, bytes: &[u8]) -> Result<RawText> {
    let mut warnings = Vec::new();
    let page = decode_page(bytes, &mut warnings);
    Ok(RawText {
        source: source.to_string(),
        format: Format::Html,
        text: html_to_text(&page),
        pages: Vec::new(),
        warnings,
    })
}

/// BOM → valid UTF-8 → the page's declared charset → detection.
///
/// Valid UTF-8 wins over a declared legacy charset: pages re-saved by a browser keep
/// their old `<meta charset=gb2312>` while the bytes became UTF-8.
fn decode_page(bytes: &[u8], warnings: &mut Vec<String>) -> String {
    if Encoding::for_bom(bytes).is_some() || std::str::from_utf8(bytes).is_ok() {
        return encoding::decode(bytes, warnings);
    }
    let declared = meta_charset(&bytes[..bytes.len().min(META_PREFIX)]);
    match declared {
        // A Western single-byte label on a Chinese court page is a mislabel far more
        // often than not, and UTF-8/UTF-16 labels are already known to be wrong here:
        // leave those to the detector.
        Some(enc)
            if enc != UTF_8
                && enc != UTF_16LE
                && enc != UTF_16BE
                && enc != encoding_rs::WINDOWS_1252 =>
        {
            // GB18030 decodes everything GBK and gb2312 do, and more.
            let enc = if enc == GBK { GB18030 } else { enc };
            let (text, had_errors) = enc.decode_without_bom_handling(bytes);
            if had_errors {
                warnings.push(format!(
                    "decoded as {} (declared by the page); invalid sequences replaced by U+FFFD",
                    enc.name()
                ));
            }
            text.into_owned()
        }
        Some(enc) => {
            warnings.push(format!(
                "the page declares {} but is not encoded so; encoding detected instead",
                enc.name()
            ));
            encoding::decode(bytes, warnings)
        }
        None => encoding::decode(bytes, warnings),
    }
}

/// The encoding named by a `<meta charset=…>` or `<meta http-equiv … content="…; charset=…">`.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let mut from = 0;
    while let Some(at) = find_ci(&head[from..], b"<meta") {
        let start = from + at + 5;
        let end = head[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(head.len(), |p| start + p);
        let tag = &head[start..end];
        if let Some(c) = find_ci(tag, b"charset") {
            let mut v = &tag[c + 7..];
            v = trim_start(v);
            if let Some(rest) = v.strip_prefix(b"=") {
                v = trim_start(rest);
                if let Some(rest) = v.strip_prefix(b"\"").or_else(|| v.strip_prefix(b"'")) {
                    v = rest;
                }
                let len = v
                    .iter()
                    .position(|&b| !(b.is_ascii_alphanumeric() || b"-_.:".contains(&b)))
                    .unwrap_or(v.len());
                if let Some(enc) = Encoding::for_label(&v[..len]) {
                    return Some(enc);
                }
            }
        }
        from = end;
    }
    None
}

fn trim_start(v: &[u8]) -> &[u8] {
    let n = v.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &v[n..]
}

/// ASCII-case-insensitive search.
fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// How a tag affects the text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum TagKind {
    /// Starts or ends a paragraph.
    Block,
    /// Its content is raw text that is not shown (script, style, title …): dropped.
    Hidden,
    /// `pre`: whitespace kept, line ends are breaks.
    Pre,
    /// Inline markup: no effect on the text.
    Inline,
}

fn tag_kind(name: &[u8]) -> TagKind {
    match name {
        b"script" | b"style" | b"title" | b"textarea" | b"xmp" | b"iframe" | b"noembed"
        | b"noframes" | b"noscript" | b"template" => TagKind::Hidden,
        b"pre" | b"listing" => TagKind::Pre,
        b"p" | b"div" | b"br" | b"tr" | b"td" | b"th" | b"li" | b"h1" | b"h2" | b"h3" | b"h4"
        | b"h5" | b"h6" | b"table" | b"thead" | b"tbody" | b"tfoot" | b"caption" | b"section"
        | b"article" | b"ul" | b"ol" | b"dl" | b"dt" | b"dd" | b"blockquote" | b"header"
        | b"footer" | b"nav" | b"aside" | b"main" | b"form" | b"fieldset" | b"legend" | b"hr"
        | b"center" | b"figure" | b"figcaption" | b"address" | b"details" | b"summary"
        | b"body" | b"html" | b"head" | b"option" | b"menu" => TagKind::Block,
        _ => TagKind::Inline,
    }
}

/// The visible text of an HTML page: one paragraph per line.
fn html_to_text(page: &str) -> String {
    let b = page.as_bytes();
    let n = b.len();
    let mut out = Out::with_capacity(n / 3);
    let mut i = 0;
    while i < n {
        let lt = memchr(b'<', &b[i..]).map_or(n, |p| i + p);
        out.text(&page[i..lt]);
        if lt >= n {
            break;
        }
        i = lt;
        let rest = &b[i..];
        if rest.starts_with(b"<!--") {
            // A comment; one never closed runs to the end of the page.
            i = find(&b[i + 4..], b"-->").map_or(n, |p| i + 4 + p + 3);
            continue;
        }
        let next = b.get(i + 1).copied().unwrap_or(b' ');
        if next == b'!' || next == b'?' {
            // Doctype, CDATA, processing instruction: markup up to the next '>'.
            i = memchr(b'>', &b[i + 2..]).map_or(n, |p| i + 2 + p + 1);
            continue;
        }
        let is_end = next == b'/';
        let name_start = if is_end { i + 2 } else { i + 1 };
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            if is_end {
                // `</>` is nothing, `</ …>` a bogus comment.
                i = memchr(b'>', &b[name_start.min(n)..]).map_or(n, |p| name_start + p + 1);
            } else {
                // A '<' that starts no tag is text.
                out.text("<");
                i += 1;
            }
            continue;
        }
        let name_end = b[name_start..]
            .iter()
            .position(|&c| c.is_ascii_whitespace() || c == b'/' || c == b'>')
            .map_or(n, |p| name_start + p);
        let Some(tag_end) = tag_end(b, name_end) else {
            // A tag cut off by the end of the page: drop it.
            break;
        };
        i = tag_end + 1;
        let mut name = [0u8; 12];
        let raw_name = &b[name_start..name_end];
        let kind = if raw_name.len() <= name.len() {
            for (d, s) in name.iter_mut().zip(raw_name) {
                *d = s.to_ascii_lowercase();
            }
            tag_kind(&name[..raw_name.len()])
        } else {
            TagKind::Inline
        };
        match kind {
            TagKind::Inline => {}
            TagKind::Block => out.paragraph_break(),
            TagKind::Pre => {
                out.paragraph_break();
                if is_end {
                    out.pre = out.pre.saturating_sub(1);
                } else {
                    out.pre += 1;
                }
            }
            TagKind::Hidden => {
                // The content is not shown: skip to the end tag.
                if !is_end {
                    i = skip_raw(b, i, &name[..raw_name.len()]);
                }
            }
        }
    }
    out.finish()
}

/// The index of the `>` ending a tag whose name ends at `from`, honouring quoted
/// attribute values; `None` when the page ends first.
fn tag_end(b: &[u8], from: usize) -> Option<usize> {
    #[derive(PartialEq)]
    enum St {
        Other,
        AfterEq,
        Quoted(u8),
    }
    let mut st = St::Other;
    for (k, &c) in b.iter().enumerate().skip(from) {
        match st {
            St::Quoted(q) => {
                if c == q {
                    st = St::Other;
                }
            }
            St::AfterEq => match c {
                b'"' | b'\'' => st = St::Quoted(c),
                b'>' => return Some(k),
                c if c.is_ascii_whitespace() => {}
                _ => st = St::Other,
            },
            St::Other => match c {
                b'>' => return Some(k),
                b'=' => st = St::AfterEq,
                _ => {}
            },
        }
    }
    None
}

/// Skips the raw content of a hidden element to just past its end tag.
fn skip_raw(b: &[u8], from: usize, name: &[u8]) -> usize {
    let n = b.len();
    let mut i = from;
    while let Some(p) = find(&b[i..], b"</") {
        let at = i + p + 2;
        let end = at + name.len();
        if end <= n
            && b[at..end].eq_ignore_ascii_case(name)
            && b.get(end)
                .is_none_or(|&c| c.is_ascii_whitespace() || c == b'/' || c == b'>')
        {
            return memchr(b'>', &b[end..]).map_or(n, |q| end + q + 1);
        }
        i = at;
    }
    n
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&c| c == needle)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let mut from = 0;
    while let Some(p) = memchr(first, &hay[from..]) {
        let at = from + p;
        if hay[at..].starts_with(needle) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The text being built: whitespace collapsed within a paragraph, paragraphs on lines.
struct Out {
    text: String,
    /// Byte offset where the current paragraph starts.
    line_start: usize,
    /// Whitespace seen since the last character, and whether it held a line end.
    pending_space: bool,
    pending_newline: bool,
    last: Option<char>,
    /// Depth of open `pre` elements.
    pre: u32,
}

impl Out {
    fn with_capacity(cap: usize) -> Self {
        Out {
            text: String::with_capacity(cap),
            line_start: 0,
            pending_space: false,
            pending_newline: false,
            last: None,
            pre: 0,
        }
    }

    /// Adds source text, decoding character references.
    fn text(&mut self, s: &str) {
        let mut rest = s;
        while let Some(amp) = rest.find('&') {
            self.chars(&rest[..amp]);
            let after = &rest[amp + 1..];
            match entity(after) {
                Some((c, used)) => {
                    self.char(c);
                    rest = &after[used..];
                }
                None => {
                    self.char('&');
                    rest = after;
                }
            }
        }
        self.chars(rest);
    }

    fn chars(&mut self, s: &str) {
        for c in s.chars() {
            self.char(c);
        }
    }

    fn char(&mut self, c: char) {
        if self.pre > 0 {
            match c {
                '\n' => self.paragraph_break(),
                '\r' => {}
                '\u{A0}' => self.push(' '),
                c => self.push(c),
            }
            return;
        }
        match c {
            ' ' | '\t' | '\x0C' | '\u{A0}' => {
                if self.text.len() > self.line_start {
                    self.pending_space = true;
                }
            }
            '\n' | '\r' => {
                if self.text.len() > self.line_start {
                    self.pending_space = true;
                    self.pending_newline = true;
                }
            }
            c => {
                if self.pending_space {
                    // A line end between two CJK characters is no space (CSS text
                    // segment break rules); any other whitespace run is one space.
                    let joined =
                        self.pending_newline && self.last.is_some_and(is_wide) && is_wide(c);
                    if !joined {
                        self.text.push(' ');
                    }
                    self.pending_space = false;
                    self.pending_newline = false;
                }
                self.push(c);
            }
        }
    }

    fn push(&mut self, c: char) {
        if c != '\u{FEFF}' {
            self.text.push(c);
            self.last = Some(c);
        }
    }

    fn paragraph_break(&mut self) {
        self.pending_space = false;
        self.pending_newline = false;
        self.last = None;
        if self.text[self.line_start..].trim().is_empty() {
            self.text.truncate(self.line_start);
            return;
        }
        self.text.push('\n');
        self.line_start = self.text.len();
    }

    fn finish(mut self) -> String {
        self.paragraph_break();
        if self.text.ends_with('\n') {
            self.text.pop();
        }
        self.text
    }
}

/// East Asian wide characters (not Hangul) between which a source line end vanishes.
fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{303E}'
        | '\u{3040}'..='\u{33FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{A000}'..='\u{A4CF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{20000}'..='\u{3FFFD}')
}

/// A character reference after `&`: the character and the bytes it used.
fn entity(s: &str) -> Option<(char, usize)> {
    let b = s.as_bytes();
    if b.first() == Some(&b'#') {
        let (hex, start) = match b.get(1) {
            Some(b'x' | b'X') => (true, 2),
            _ => (false, 1),
        };
        let digits = b[start..]
            .iter()
            .take_while(|c| {
                if hex {
                    c.is_ascii_hexdigit()
                } else {
                    c.is_ascii_digit()
                }
            })
            .count();
        if digits == 0 {
            return None;
        }
        let text = &s[start..start + digits];
        let value = u32::from_str_radix(text, if hex { 16 } else { 10 }).unwrap_or(u32::MAX);
        let mut used = start + digits;
        if b.get(used) == Some(&b';') {
            used += 1;
        }
        return Some((numeric_char(value), used));
    }
    let len = b
        .iter()
        .take(32)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if len == 0 {
        return None;
    }
    let name = &s[..len];
    let semicolon = b.get(len) == Some(&b';');
    let c = named(name)?;
    if semicolon {
        Some((c, len + 1))
    } else if matches!(name, "amp" | "lt" | "gt" | "quot" | "nbsp" | "copy" | "reg") {
        // Legacy references that browsers accept without the semicolon.
        Some((c, len))
    } else {
        None
    }
}

/// A numeric character reference as browsers resolve it.
fn numeric_char(v: u32) -> char {
    // C1 controls are read as windows-1252, as browsers do.
    const C1: [char; 32] = [
        '\u{20AC}', '\u{81}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{8D}',
        '\u{017D}', '\u{8F}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}',
        '\u{2013}', '\u{2014}', '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}',
        '\u{9D}', '\u{017E}', '\u{0178}',
    ];
    match v {
        0 => '\u{FFFD}',
        0x80..=0x9F => C1[(v - 0x80) as usize],
        v => char::from_u32(v).unwrap_or('\u{FFFD}'),
    }
}

/// The common named references.
fn named(name: &str) -> Option<char> {
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "ideographicspace" => '\u{3000}',
        "shy" => '\u{AD}',
        "zwnj" => '\u{200C}',
        "zwj" => '\u{200D}',
        "lrm" => '\u{200E}',
        "rlm" => '\u{200F}',
        "copy" | "COPY" => '©',
        "reg" | "REG" => '®',
        "trade" => '™',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "middot" => '·',
        "bull" => '•',
        "times" => '×',
        "divide" => '÷',
        "deg" => '°',
        "plusmn" => '±',
        "sect" => '§',
        "para" => '¶',
        "yen" => '¥',
        "cent" => '¢',
        "pound" => '£',
        "euro" => '€',
        "permil" => '‰',
        "prime" => '′',
        "Prime" => '″',
        "larr" => '←',
        "rarr" => '→',
        "uarr" => '↑',
        "darr" => '↓',
        "le" => '≤',
        "ge" => '≥',
        "ne" => '≠',
        "minus" => '−',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "sup1" => '¹',
        "sup2" => '²',
        "sup3" => '³',
        "iexcl" => '¡',
        "iquest" => '¿',
        "micro" => 'µ',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_inline_entities_whitespace() {
        let html =
            "<html><head><title>标题</title><style>p{}</style><script>var a='<p>';</script></head>\
            <body><div>被告人<span>张某</span>，\n  男，<b>1980</b>年出生。</div>\
            <p>A&amp;B&nbsp;&nbsp;C &#x4E00;&#19968;&lt;&copy x&unknown; &#150;</p><!-- 注释 -->\
            <table><tr><td>一</td><td>二</td></tr></table>a < b<br>c</body></html>";
        assert_eq!(
            html_to_text(html),
            "被告人张某，男，1980年出生。\nA&B C 一一<© x&unknown; –\n一\n二\na < b\nc"
        );
    }

    #[test]
    fn unclosed_markup_is_linear_and_safe() {
        assert_eq!(html_to_text("<p>文<!-- never closed"), "文");
        assert_eq!(html_to_text("<p>文<div class=\"x>"), "文");
        assert_eq!(html_to_text("<p>文<script>alert(1)"), "文");
        assert_eq!(html_to_text("&#xFFFFFFFFFF;&#0;"), "\u{FFFD}\u{FFFD}");
        let big = "<".repeat(200_000) + &"<a".repeat(100_000);
        let _ = html_to_text(&big);
    }

    #[test]
    fn pre_keeps_lines() {
        assert_eq!(html_to_text("<pre>一  二\n三</pre>"), "一  二\n三");
    }

    #[test]
    fn meta_charset_found() {
        assert_eq!(
            meta_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
            ),
            Some(GBK)
        );
        assert_eq!(meta_charset(b"<META charset='UTF-8'>"), Some(UTF_8));
        assert_eq!(meta_charset(b"<meta name=x>"), None);
    }
}
