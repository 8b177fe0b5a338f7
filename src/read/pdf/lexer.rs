//! A tokenizer for content streams and CMaps (PostScript-like syntax).
//!
//! Every call to [`Lexer::next_token`] consumes at least one byte, so a loop over the
//! tokens of an input ends after at most `input.len()` iterations, whatever the bytes.

/// One token. Strings are decoded into the caller's buffer and given as a byte range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Token<'a> {
    /// An integer or real number.
    Num(f32),
    /// A name, without the leading `/` (escapes `#xx` are not decoded).
    Name(&'a [u8]),
    /// A literal or hexadecimal string: `buf[start..end]`.
    Str(usize, usize),
    /// `[`
    ArrayOpen,
    /// `]`
    ArrayClose,
    /// `<<`
    DictOpen,
    /// `>>`
    DictClose,
    /// A bare keyword: an operator (`Tj`, `BT` …) or `true`, `begincmap` …
    Keyword(&'a [u8]),
}

/// The tokenizer over one input.
pub(crate) struct Lexer<'a> {
    input: &'a [u8],
    pos: usize,
}

#[inline]
fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0')
}

#[inline]
fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

#[inline]
fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

impl<'a> Lexer<'a> {
    /// A lexer at the start of `input`.
    pub(crate) fn new(input: &'a [u8]) -> Self {
        Lexer { input, pos: 0 }
    }

    /// The next token, decoding string bytes into `buf`; `None` at the end of input.
    pub(crate) fn next_token(&mut self, buf: &mut Vec<u8>) -> Option<Token<'a>> {
        loop {
            let &b = self.input.get(self.pos)?;
            if is_white(b) {
                self.pos += 1;
                continue;
            }
            if b == b'%' {
                while let Some(&c) = self.input.get(self.pos) {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
                continue;
            }
            return Some(self.token_at(b, buf));
        }
    }

    fn token_at(&mut self, b: u8, buf: &mut Vec<u8>) -> Token<'a> {
        match b {
            b'/' => {
                self.pos += 1;
                let start = self.pos;
                self.skip_regular();
                Token::Name(&self.input[start..self.pos])
            }
            b'(' => {
                self.pos += 1;
                self.literal_string(buf)
            }
            b'<' => {
                if self.input.get(self.pos + 1) == Some(&b'<') {
                    self.pos += 2;
                    Token::DictOpen
                } else {
                    self.pos += 1;
                    self.hex_string(buf)
                }
            }
            b'>' => {
                self.pos += 1;
                if self.input.get(self.pos) == Some(&b'>') {
                    self.pos += 1;
                }
                Token::DictClose
            }
            b'[' => {
                self.pos += 1;
                Token::ArrayOpen
            }
            b']' => {
                self.pos += 1;
                Token::ArrayClose
            }
            b'{' | b'}' | b')' => {
                // Procedure braces (CMaps) and stray parentheses carry nothing we need.
                self.pos += 1;
                Token::Keyword(&self.input[self.pos - 1..self.pos])
            }
            b'0'..=b'9' | b'+' | b'-' | b'.' => self.number(),
            _ => {
                let start = self.pos;
                self.skip_regular();
                if self.pos == start {
                    self.pos += 1;
                }
                Token::Keyword(&self.input[start..self.pos])
            }
        }
    }

    fn skip_regular(&mut self) {
        while let Some(&c) = self.input.get(self.pos) {
            if is_white(c) || is_delim(c) {
                break;
            }
            self.pos += 1;
        }
    }

    fn number(&mut self) -> Token<'a> {
        let start = self.pos;
        self.skip_regular();
        let text = &self.input[start..self.pos];
        match parse_number(text) {
            Some(v) => Token::Num(v),
            None => Token::Keyword(text),
        }
    }

    fn literal_string(&mut self, buf: &mut Vec<u8>) -> Token<'a> {
        let start = buf.len();
        let mut depth = 0usize;
        while let Some(&c) = self.input.get(self.pos) {
            self.pos += 1;
            match c {
                b'(' => {
                    depth += 1;
                    buf.push(c);
                }
                b')' => {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                    buf.push(c);
                }
                b'\\' => self.escape(buf),
                b'\r' => {
                    // An end of line in a string is read as \n.
                    if self.input.get(self.pos) == Some(&b'\n') {
                        self.pos += 1;
                    }
                    buf.push(b'\n');
                }
                _ => buf.push(c),
            }
        }
        Token::Str(start, buf.len())
    }

    fn escape(&mut self, buf: &mut Vec<u8>) {
        let Some(&c) = self.input.get(self.pos) else {
            return;
        };
        self.pos += 1;
        match c {
            b'n' => buf.push(b'\n'),
            b'r' => buf.push(b'\r'),
            b't' => buf.push(b'\t'),
            b'b' => buf.push(8),
            b'f' => buf.push(12),
            b'0'..=b'7' => {
                let mut v = u32::from(c - b'0');
                for _ in 0..2 {
                    match self.input.get(self.pos) {
                        Some(&d @ b'0'..=b'7') => {
                            v = v * 8 + u32::from(d - b'0');
                            self.pos += 1;
                        }
                        _ => break,
                    }
                }
                buf.push((v & 0xff) as u8);
            }
            b'\r' => {
                if self.input.get(self.pos) == Some(&b'\n') {
                    self.pos += 1;
                }
            }
            b'\n' => {}
            _ => buf.push(c),
        }
    }

    fn hex_string(&mut self, buf: &mut Vec<u8>) -> Token<'a> {
        let start = buf.len();
        let mut high: Option<u8> = None;
        while let Some(&c) = self.input.get(self.pos) {
            self.pos += 1;
            if c == b'>' {
                break;
            }
            let Some(v) = hex_val(c) else {
                continue;
            };
            match high.take() {
                Some(h) => buf.push((h << 4) | v),
                None => high = Some(v),
            }
        }
        if let Some(h) = high {
            buf.push(h << 4);
        }
        Token::Str(start, buf.len())
    }

    /// Skips the data of an inline image after its `ID` keyword, up to and including `EI`.
    pub(crate) fn skip_inline_image_data(&mut self) {
        // One white-space byte follows ID; the data ends at white space + "EI" + a delimiter.
        self.pos = self.pos.saturating_add(1);
        let input = self.input;
        let mut i = self.pos;
        while i + 1 < input.len() {
            if input[i] == b'E'
                && input[i + 1] == b'I'
                && i > 0
                && is_white(input[i - 1])
                && input.get(i + 2).is_none_or(|&c| is_white(c) || is_delim(c))
            {
                self.pos = i + 2;
                return;
            }
            i += 1;
        }
        self.pos = input.len();
    }
}

/// Parses a PDF number (`12`, `-3.5`, `.5`, `4.`); tolerant of doubled signs.
pub(crate) fn parse_number(text: &[u8]) -> Option<f32> {
    let mut i = 0;
    let mut neg = false;
    while let Some(&c) = text.get(i) {
        match c {
            b'-' => neg = !neg,
            b'+' => {}
            _ => break,
        }
        i += 1;
    }
    let mut int: f64 = 0.0;
    let mut frac: f64 = 0.0;
    let mut scale: f64 = 1.0;
    let mut seen_dot = false;
    let mut digits = 0;
    for &c in &text[i..] {
        match c {
            b'0'..=b'9' => {
                digits += 1;
                if seen_dot {
                    scale /= 10.0;
                    frac += f64::from(c - b'0') * scale;
                } else {
                    int = int * 10.0 + f64::from(c - b'0');
                }
            }
            b'.' if !seen_dot => seen_dot = true,
            _ => return None,
        }
    }
    if digits == 0 {
        return None;
    }
    let v = int + frac;
    let v = if neg { -v } else { v };
    Some(v.clamp(f64::from(f32::MIN), f64::from(f32::MAX)) as f32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(input: &[u8]) -> (Vec<Token<'_>>, Vec<u8>) {
        let mut lx = Lexer::new(input);
        let mut buf = Vec::new();
        let mut out = Vec::new();
        while let Some(t) = lx.next_token(&mut buf) {
            out.push(t);
        }
        (out, buf)
    }

    #[test]
    fn basic_tokens() {
        let (t, buf) = tokens(b"BT /F1 12 Tf (a\\(b\\)) Tj <4e0a> Tj [(x) -250 (y)] TJ ET");
        assert_eq!(t[0], Token::Keyword(b"BT"));
        assert_eq!(t[1], Token::Name(b"F1"));
        assert_eq!(t[2], Token::Num(12.0));
        assert_eq!(t[4], Token::Str(0, 4));
        assert_eq!(&buf[0..4], b"a(b)");
        assert_eq!(t[6], Token::Str(4, 6));
        assert_eq!(&buf[4..6], &[0x4e, 0x0a]);
        assert_eq!(t[8], Token::ArrayOpen);
        assert_eq!(t[10], Token::Num(-250.0));
        assert_eq!(t[13], Token::Keyword(b"TJ"));
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number(b"-.5"), Some(-0.5));
        assert_eq!(parse_number(b"4."), Some(4.0));
        assert_eq!(parse_number(b"--3"), Some(3.0));
        assert_eq!(parse_number(b"1.2.3"), None);
        assert_eq!(parse_number(b"-"), None);
    }

    #[test]
    fn inline_image_is_skipped() {
        let input = b"BI /W 1 /H 1 ID \x01EI\xffx EI Q";
        let mut lx = Lexer::new(input);
        let mut buf = Vec::new();
        while let Some(t) = lx.next_token(&mut buf) {
            if t == Token::Keyword(b"ID") {
                lx.skip_inline_image_data();
                break;
            }
        }
        assert_eq!(lx.next_token(&mut buf), Some(Token::Keyword(b"Q")));
    }

    #[test]
    fn garbage_terminates() {
        let input: Vec<u8> = (0..=255u8).cycle().take(5000).collect();
        let (t, _) = tokens(&input);
        assert!(t.len() <= input.len());
    }
}
