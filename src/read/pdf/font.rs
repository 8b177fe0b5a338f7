//! Fonts: how a string splits into codes, each code's advance width and its Unicode text.

use super::cmap::{code_len, CMap, CodeSpace, IntMap, Uni};
use super::encodings::{glyph_name_to_unicode, standard_width, BaseEncoding};
use super::objects::{
    font_display_name, get, get_array, get_dict, get_name, get_num, get_stream, matrix, num,
};
use super::program::{self, Program};
use super::stream::{Budget, DecodeError};
use lopdf::{Dictionary, Document, Object};
use std::cell::RefCell;

/// Multi-byte legacy encodings named by predefined CJK CMaps.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Legacy {
    /// GBK / GB 18030 (GBK-EUC, GBKp-EUC, GBK2K, GB-EUC, GBpc-EUC, GBT-EUC).
    Gbk,
    /// GB 2312 without the high bit (GB-H, GBT-H).
    Gb7,
    /// Big5 (B5pc, ETen-B5, HKscs-B5).
    Big5,
    /// Shift_JIS (RKSJ).
    Sjis,
    /// EUC-KR / UHC (KSC-EUC, KSCms-UHC).
    EucKr,
    /// EUC-JP (EUC-H).
    EucJp,
}

impl Legacy {
    fn from_cmap_name(name: &[u8]) -> Option<Legacy> {
        let has = |s: &[u8]| name.windows(s.len()).any(|w| w == s);
        if matches!(name, b"GB-H" | b"GB-V" | b"GBT-H" | b"GBT-V") {
            Some(Legacy::Gb7)
        } else if name.starts_with(b"GB") && (has(b"EUC") || name.starts_with(b"GBK")) {
            Some(Legacy::Gbk)
        } else if has(b"B5") {
            Some(Legacy::Big5)
        } else if has(b"RKSJ") {
            Some(Legacy::Sjis)
        } else if name.starts_with(b"KSC") {
            Some(Legacy::EucKr)
        } else if matches!(name, b"EUC-H" | b"EUC-V") {
            Some(Legacy::EucJp)
        } else {
            None
        }
    }

    fn code_len(self, b: &[u8]) -> usize {
        let b0 = b[0];
        let n = match self {
            Legacy::Gb7 => 2,
            Legacy::Gbk if (0x81..=0xFE).contains(&b0) => {
                if b.get(1).is_some_and(|c| (0x30..=0x39).contains(c)) {
                    4
                } else {
                    2
                }
            }
            Legacy::Big5 | Legacy::EucKr if (0x81..=0xFE).contains(&b0) => 2,
            Legacy::Sjis if matches!(b0, 0x81..=0x9F | 0xE0..=0xFC) => 2,
            Legacy::EucJp if b0 == 0x8F => 3,
            Legacy::EucJp if b0 == 0x8E || b0 >= 0xA1 => 2,
            _ => 1,
        };
        n.min(b.len())
    }

    fn decode(self, bytes: &[u8]) -> Option<Uni> {
        let mut tmp = [0u8; 4];
        let (enc, input): (&'static encoding_rs::Encoding, &[u8]) = match self {
            Legacy::Gbk => (encoding_rs::GB18030, bytes),
            Legacy::Gb7 => {
                let n = bytes.len().min(4);
                for (t, b) in tmp.iter_mut().zip(bytes) {
                    *t = b | 0x80;
                }
                (encoding_rs::GB18030, &tmp[..n])
            }
            Legacy::Big5 => (encoding_rs::BIG5, bytes),
            Legacy::Sjis => (encoding_rs::SHIFT_JIS, bytes),
            Legacy::EucKr => (encoding_rs::EUC_KR, bytes),
            Legacy::EucJp => (encoding_rs::EUC_JP, bytes),
        };
        let s = enc.decode_without_bom_handling_and_without_replacement(input)?;
        let mut chars = s.chars();
        let c = chars.next()?;
        if chars.next().is_some() {
            Some(Uni::Many(s.as_ref().into()))
        } else {
            Some(Uni::One(c))
        }
    }
}

/// How a shown string splits into codes.
#[derive(Debug, Clone)]
enum Split {
    One,
    Two,
    Four,
    Utf16,
    Utf8,
    Legacy(Legacy),
    Codespace(Vec<CodeSpace>),
}

/// How a code maps to Unicode when `/ToUnicode` does not say.
enum Fallback {
    None,
    /// The code is UTF-16 / UTF-8 / UTF-32 (the `Uni…` predefined CMaps).
    Unicode,
    /// The code is a legacy multi-byte character (GBK …).
    Legacy(Legacy),
    /// CID → glyph id → the embedded font's own cmap.
    Program {
        cid_to_gid: Option<Vec<u16>>,
        program: Program,
    },
    /// Simple fonts: one entry per byte code.
    Table(Vec<Option<Uni>>),
}

/// Code → CID for width lookup in CID fonts.
#[derive(Debug, Clone, Copy, PartialEq)]
enum CidOf {
    /// Simple font: widths are indexed by code.
    Code,
    /// Identity-H/V or a CMap without CID entries.
    Identity,
    /// The embedded encoding CMap's cidrange/cidchar entries.
    EncodingCMap,
    /// Predefined Unicode/legacy CMaps: ASCII is CIDs 1–95 in every Adobe CJK collection;
    /// other characters take the default width.
    AsciiApprox,
}

/// Advance widths in glyph units.
#[derive(Debug, Default)]
struct Widths {
    default: f32,
    /// Simple fonts: width per byte code.
    dense: Vec<f32>,
    /// CID fonts: `(first, last, width)`, sorted by `first`.
    ranges: Vec<(u32, u32, f32)>,
}

impl Widths {
    fn get(&self, key: u32) -> f32 {
        if let Some(&w) = self.dense.get(key as usize) {
            return w;
        }
        let idx = self.ranges.partition_point(|r| r.0 <= key);
        match idx.checked_sub(1).map(|i| self.ranges[i]) {
            Some((_, last, w)) if key <= last => w,
            _ => self.default,
        }
    }
}

/// A loaded font.
pub(crate) struct Font {
    /// The font's name, for messages.
    pub name: String,
    split: Split,
    to_unicode: Option<CMap>,
    encoding_cmap: Option<CMap>,
    fallback: Fallback,
    widths: Widths,
    cid_of: CidOf,
    /// Vertical writing mode (`-V` CMaps).
    pub vertical: bool,
    /// Glyph units → text space (0.001 except for Type 3 fonts).
    scale: f32,
    cache: RefCell<IntMap<Option<Uni>>>,
}

/// A decoded code: its value, byte length, width (text space per unit font size) and text.
pub(crate) struct Code {
    /// The code value.
    pub code: u32,
    /// Its length in bytes.
    pub len: usize,
    /// Advance width in text space for font size 1.
    pub width: f32,
    /// Its Unicode text; `None` when undecodable.
    pub text: Option<Uni>,
}

impl Font {
    /// A font that decodes nothing (for a `Tf` naming a missing font).
    pub(crate) fn missing(name: &[u8]) -> Font {
        Font {
            name: String::from_utf8_lossy(name).into_owned(),
            split: Split::One,
            to_unicode: None,
            encoding_cmap: None,
            fallback: Fallback::None,
            widths: Widths {
                default: 500.0,
                ..Widths::default()
            },
            cid_of: CidOf::Code,
            vertical: false,
            scale: 0.001,
            cache: RefCell::new(IntMap::default()),
        }
    }

    /// Loads a font dictionary. Only the budget can make it fail; anything unreadable
    /// leaves the affected codes undecodable.
    pub(crate) fn load(
        doc: &Document,
        dict: &Dictionary,
        budget: &mut Budget,
        warnings: &mut Vec<String>,
    ) -> Result<Font, DecodeError> {
        let name = get_name(doc, dict, b"BaseFont").map_or_else(String::new, font_display_name);
        let mut font = Font::missing(name.as_bytes());
        font.name = name;
        let to_unicode = match get_stream(doc, dict, b"ToUnicode") {
            Some(s) => match budget.decode(s) {
                Ok(data) => Some(CMap::parse(&data)).filter(CMap::has_unicode),
                Err(DecodeError::Limit(n)) => return Err(DecodeError::Limit(n)),
                Err(DecodeError::Failed(e)) => {
                    warnings.push(format!("font {}: unreadable /ToUnicode ({e})", font.name));
                    None
                }
            },
            None => None,
        };
        font.to_unicode = to_unicode;
        if get_name(doc, dict, b"Subtype") == Some(b"Type0") {
            font.load_type0(doc, dict, budget, warnings)?;
        } else {
            font.load_simple(doc, dict, budget)?;
        }
        Ok(font)
    }

    fn load_type0(
        &mut self,
        doc: &Document,
        dict: &Dictionary,
        budget: &mut Budget,
        warnings: &mut Vec<String>,
    ) -> Result<(), DecodeError> {
        self.split = Split::Two;
        self.cid_of = CidOf::Identity;
        let descendant = get_array(doc, dict, b"DescendantFonts")
            .and_then(|a| a.first())
            .and_then(|o| super::objects::resolve(doc, o))
            .and_then(|o| o.as_dict().ok());
        let mut encoding_name: Option<&[u8]> = None;
        match get(doc, dict, b"Encoding") {
            Some(Object::Name(n)) => encoding_name = Some(n),
            Some(Object::Stream(s)) => match budget.decode(s) {
                Ok(data) => {
                    let cmap = CMap::parse(&data);
                    if let Some(used) = cmap.use_cmap.as_deref() {
                        self.apply_predefined(used);
                    }
                    if !cmap.codespace.is_empty() {
                        self.split = Split::Codespace(cmap.codespace.clone());
                    }
                    if cmap.has_cids() {
                        self.cid_of = CidOf::EncodingCMap;
                    }
                    if let Ok(Object::Name(n)) = s.dict.get(b"CMapName") {
                        self.vertical = n.ends_with(b"-V");
                    }
                    self.encoding_cmap = Some(cmap);
                }
                Err(DecodeError::Limit(n)) => return Err(DecodeError::Limit(n)),
                Err(DecodeError::Failed(e)) => {
                    warnings.push(format!(
                        "font {}: unreadable encoding CMap ({e})",
                        self.name
                    ));
                }
            },
            _ => {}
        }
        if let Some(n) = encoding_name {
            self.apply_predefined(n);
        }
        let Some(desc) = descendant else {
            self.widths.default = 1000.0;
            return Ok(());
        };
        self.widths = cid_widths(doc, desc);
        // The embedded font's cmap is only needed when there is no /ToUnicode.
        if self.to_unicode.is_none()
            && matches!(self.fallback, Fallback::None)
            && matches!(self.cid_of, CidOf::Identity | CidOf::EncodingCMap)
        {
            self.fallback = program_fallback(doc, desc, budget)?;
        }
        Ok(())
    }

    /// Sets splitting and fallback for a predefined CMap name.
    fn apply_predefined(&mut self, name: &[u8]) {
        self.vertical = name.ends_with(b"-V");
        let has = |s: &[u8]| name.windows(s.len()).any(|w| w == s);
        if name.starts_with(b"Identity") {
            self.split = Split::Two;
            self.cid_of = CidOf::Identity;
        } else if name.starts_with(b"Uni") && (has(b"UCS2") || has(b"UTF16")) {
            self.split = if has(b"UTF16") {
                Split::Utf16
            } else {
                Split::Two
            };
            self.fallback = Fallback::Unicode;
            self.cid_of = CidOf::AsciiApprox;
        } else if name.starts_with(b"Uni") && has(b"UTF8") {
            self.split = Split::Utf8;
            self.fallback = Fallback::Unicode;
            self.cid_of = CidOf::AsciiApprox;
        } else if name.starts_with(b"Uni") && has(b"UTF32") {
            self.split = Split::Four;
            self.fallback = Fallback::Unicode;
            self.cid_of = CidOf::AsciiApprox;
        } else if let Some(l) = Legacy::from_cmap_name(name) {
            self.split = Split::Legacy(l);
            self.fallback = Fallback::Legacy(l);
            self.cid_of = CidOf::AsciiApprox;
        }
    }

    fn load_simple(
        &mut self,
        doc: &Document,
        dict: &Dictionary,
        budget: &mut Budget,
    ) -> Result<(), DecodeError> {
        self.split = Split::One;
        self.cid_of = CidOf::Code;
        let subtype = get_name(doc, dict, b"Subtype").unwrap_or(b"Type1");
        let descriptor = get_dict(doc, dict, b"FontDescriptor");
        if subtype == b"Type3" {
            if let Some(m) = get_array(doc, dict, b"FontMatrix").and_then(|a| matrix(doc, a)) {
                if m[0].abs() > 1e-9 && m[0].abs() < 1e3 {
                    self.scale = m[0].abs();
                }
            }
        }
        let raw_base = get_name(doc, dict, b"BaseFont").unwrap_or(b"");
        let symbolic = descriptor
            .and_then(|d| get_num(doc, d, b"Flags"))
            .is_some_and(|f| (f as i64) & 4 != 0);
        let embedded = descriptor
            .is_some_and(|d| d.has(b"FontFile") || d.has(b"FontFile2") || d.has(b"FontFile3"));
        // The encoding: a base table, then /Differences.
        let (base_name, differences) = match get(doc, dict, b"Encoding") {
            Some(Object::Name(n)) => (Some(n.as_slice()), None),
            Some(Object::Dictionary(d)) => (
                get_name(doc, d, b"BaseEncoding"),
                get_array(doc, d, b"Differences"),
            ),
            _ => (None, None),
        };
        let mut table = match base_name.and_then(BaseEncoding::from_name) {
            Some(b) => b.table(),
            None if embedded && (symbolic || subtype == b"Type3") => vec![None; 256],
            None if embedded && self.to_unicode.is_none() => {
                // A subset with a built-in encoding: ask the font program.
                let mut t = vec![None; 256];
                if let Some(prog) = simple_program(doc, descriptor, budget)? {
                    if let Some(code_gid) = &prog.code_gid {
                        for (slot, &gid) in t.iter_mut().zip(code_gid) {
                            *slot = prog.unicode(u32::from(gid)).map(Uni::One);
                        }
                    }
                }
                if t.iter().all(Option::is_none) && !symbolic {
                    BaseEncoding::Standard.table()
                } else {
                    t
                }
            }
            None if subtype == b"TrueType" => BaseEncoding::WinAnsi.table(),
            None => BaseEncoding::Standard.table(),
        };
        if let Some(diffs) = differences {
            apply_differences(doc, diffs, &mut table);
        }
        if symbolic && embedded && self.to_unicode.is_none() && table.iter().all(Option::is_none) {
            if let Some(prog) = simple_program(doc, descriptor, budget)? {
                if let Some(code_gid) = &prog.code_gid {
                    for (slot, &gid) in table.iter_mut().zip(code_gid) {
                        *slot = prog.unicode(u32::from(gid)).map(Uni::One);
                    }
                }
            }
        }
        self.widths = simple_widths(doc, dict, descriptor, raw_base, &table, self.scale);
        self.fallback = Fallback::Table(table);
        Ok(())
    }

    /// The next code of `bytes` (which must not be empty).
    pub(crate) fn next_code(&self, bytes: &[u8]) -> Code {
        let len = match &self.split {
            Split::One => 1,
            Split::Two => 2,
            Split::Four => 4,
            Split::Utf16 => {
                if bytes.len() >= 4 && (0xD8..=0xDB).contains(&bytes[0]) {
                    4
                } else {
                    2
                }
            }
            Split::Utf8 => match bytes[0] {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                0xF0..=0xF7 => 4,
                _ => 1,
            },
            Split::Legacy(l) => l.code_len(bytes),
            Split::Codespace(cs) => code_len(cs, bytes),
        };
        let len = len.clamp(1, bytes.len().max(1)).min(bytes.len());
        let raw = &bytes[..len];
        let code = super::cmap::code_value(raw);
        Code {
            code,
            len,
            width: self.width(code) * self.scale,
            text: self.unicode(code, raw),
        }
    }

    fn width(&self, code: u32) -> f32 {
        let key = match self.cid_of {
            CidOf::Code | CidOf::Identity => code,
            CidOf::EncodingCMap => self
                .encoding_cmap
                .as_ref()
                .and_then(|c| c.cid(code))
                .unwrap_or(code),
            CidOf::AsciiApprox => match code {
                0x20..=0x7E => code - 31,
                _ => return self.widths.default,
            },
        };
        self.widths.get(key)
    }

    fn unicode(&self, code: u32, raw: &[u8]) -> Option<Uni> {
        if let Some(u) = self.to_unicode.as_ref().and_then(|c| c.lookup(code)) {
            if usable(&u) {
                return Some(u);
            }
        }
        let u = match &self.fallback {
            Fallback::None => None,
            Fallback::Table(t) => t.get(code as usize).cloned().flatten(),
            Fallback::Unicode => match &self.split {
                Split::Utf8 => std::str::from_utf8(raw)
                    .ok()
                    .and_then(|s| s.chars().next())
                    .map(Uni::One),
                Split::Four => char::from_u32(code).map(Uni::One),
                _ => Uni::from_utf16_bytes(raw),
            },
            Fallback::Legacy(l) => {
                if raw.len() == 1 && raw[0] < 0x80 {
                    Some(Uni::One(char::from(raw[0])))
                } else {
                    let mut cache = self.cache.borrow_mut();
                    cache.entry(code).or_insert_with(|| l.decode(raw)).clone()
                }
            }
            Fallback::Program {
                cid_to_gid,
                program,
            } => {
                let cid = match self.cid_of {
                    CidOf::EncodingCMap => self
                        .encoding_cmap
                        .as_ref()
                        .and_then(|c| c.cid(code))
                        .unwrap_or(code),
                    _ => code,
                };
                let gid = match cid_to_gid {
                    Some(map) => map.get(cid as usize).map_or(0, |&g| u32::from(g)),
                    None => cid,
                };
                program.unicode(gid).map(Uni::One)
            }
        };
        u.filter(usable)
    }
}

/// Whether a mapping is real text (not a control character, U+FFFD or private use).
fn usable(u: &Uni) -> bool {
    match u {
        Uni::One(c) => {
            !(c.is_control() || *c == '\u{FFFD}' || ('\u{E000}'..='\u{F8FF}').contains(c))
        }
        Uni::Many(s) => !s.is_empty() && !s.chars().any(|c| c.is_control() && c != '\t'),
    }
}

fn apply_differences(doc: &Document, diffs: &[Object], table: &mut [Option<Uni>]) {
    let mut code: usize = 0;
    for item in diffs {
        match super::objects::resolve(doc, item) {
            Some(Object::Integer(i)) => code = usize::try_from(*i).unwrap_or(usize::MAX),
            Some(Object::Name(n)) => {
                if let Some(slot) = table.get_mut(code) {
                    *slot = glyph_name_to_unicode(n);
                }
                code = code.saturating_add(1);
            }
            _ => {}
        }
    }
}

fn simple_widths(
    doc: &Document,
    dict: &Dictionary,
    descriptor: Option<&Dictionary>,
    raw_base: &[u8],
    table: &[Option<Uni>],
    scale: f32,
) -> Widths {
    let missing = descriptor
        .and_then(|d| get_num(doc, d, b"MissingWidth"))
        .filter(|w| *w > 0.0);
    let guess = |code: usize| {
        let c = match table.get(code) {
            Some(Some(Uni::One(c))) => Some(*c),
            _ => None,
        };
        let w = missing.unwrap_or_else(|| standard_width(raw_base, c));
        // Standard metrics are in 1/1000 em; Type 3 glyph units differ.
        w * 0.001 / scale
    };
    let mut dense: Vec<f32> = (0..256).map(guess).collect();
    let first = get_num(doc, dict, b"FirstChar").map_or(0, |f| f.max(0.0) as usize);
    if let Some(ws) = get_array(doc, dict, b"Widths") {
        for (i, w) in ws.iter().enumerate() {
            let Some(slot) = first.checked_add(i).and_then(|c| dense.get_mut(c)) else {
                break;
            };
            if let Some(w) = num(doc, w) {
                *slot = w;
            }
        }
    }
    Widths {
        default: guess(0),
        dense,
        ranges: Vec::new(),
    }
}

fn cid_widths(doc: &Document, desc: &Dictionary) -> Widths {
    let default = get_num(doc, desc, b"DW").unwrap_or(1000.0);
    let mut ranges: Vec<(u32, u32, f32)> = Vec::new();
    if let Some(w) = get_array(doc, desc, b"W") {
        let to_u32 = |o: &Object| {
            num(doc, o)
                .filter(|v| *v >= 0.0)
                .map(|v| v.min(u32::MAX as f32) as u32)
        };
        let mut i = 0;
        while i < w.len() {
            let Some(first) = to_u32(&w[i]) else {
                i += 1;
                continue;
            };
            match w.get(i + 1).and_then(|o| super::objects::resolve(doc, o)) {
                Some(Object::Array(list)) => {
                    for (k, v) in list.iter().enumerate() {
                        if let (Some(c), Some(v)) = (first.checked_add(k as u32), num(doc, v)) {
                            ranges.push((c, c, v));
                        }
                    }
                    i += 2;
                }
                Some(_) => {
                    if let (Some(last), Some(v)) =
                        (to_u32(&w[i + 1]), w.get(i + 2).and_then(|o| num(doc, o)))
                    {
                        if last >= first {
                            ranges.push((first, last, v));
                        }
                    }
                    i += 3;
                }
                None => break,
            }
        }
    }
    ranges.sort_by_key(|r| r.0);
    Widths {
        default,
        dense: Vec::new(),
        ranges,
    }
}

/// The embedded font program's own cmap, for CID fonts without `/ToUnicode`.
fn program_fallback(
    doc: &Document,
    desc: &Dictionary,
    budget: &mut Budget,
) -> Result<Fallback, DecodeError> {
    let Some(fd) = get_dict(doc, desc, b"FontDescriptor") else {
        return Ok(Fallback::None);
    };
    let Some(file) = [b"FontFile2".as_slice(), b"FontFile3", b"FontFile"]
        .iter()
        .find_map(|k| get_stream(doc, fd, k))
    else {
        return Ok(Fallback::None);
    };
    let data = match budget.decode(file) {
        Ok(d) => d,
        Err(DecodeError::Limit(n)) => return Err(DecodeError::Limit(n)),
        Err(DecodeError::Failed(_)) => return Ok(Fallback::None),
    };
    let Some(program) = program::parse(&data, false) else {
        return Ok(Fallback::None);
    };
    let cid_to_gid = match get_stream(doc, desc, b"CIDToGIDMap") {
        Some(s) => match budget.decode(s) {
            Ok(d) => Some(
                d.chunks_exact(2)
                    .map(|c| u16::from_be_bytes([c[0], c[1]]))
                    .collect(),
            ),
            Err(DecodeError::Limit(n)) => return Err(DecodeError::Limit(n)),
            Err(DecodeError::Failed(_)) => None,
        },
        None => None,
    };
    Ok(Fallback::Program {
        cid_to_gid,
        program,
    })
}

fn simple_program(
    doc: &Document,
    descriptor: Option<&Dictionary>,
    budget: &mut Budget,
) -> Result<Option<Program>, DecodeError> {
    let Some(fd) = descriptor else {
        return Ok(None);
    };
    let Some(file) = [b"FontFile2".as_slice(), b"FontFile3", b"FontFile"]
        .iter()
        .find_map(|k| get_stream(doc, fd, k))
    else {
        return Ok(None);
    };
    match budget.decode(file) {
        Ok(d) => Ok(program::parse(&d, true)),
        Err(DecodeError::Limit(n)) => Err(DecodeError::Limit(n)),
        Err(DecodeError::Failed(_)) => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_split_and_decode() {
        let l = Legacy::from_cmap_name(b"GBK-EUC-H").unwrap();
        assert_eq!(l, Legacy::Gbk);
        let bytes = "张3".as_bytes();
        let _ = bytes;
        let (gbk, _, _) = encoding_rs::GBK.encode("张3");
        assert_eq!(l.code_len(&gbk), 2);
        assert_eq!(l.decode(&gbk[..2]), Some(Uni::One('张')));
        assert_eq!(l.code_len(&gbk[2..]), 1);
        assert_eq!(Legacy::from_cmap_name(b"GBK2K-H"), Some(Legacy::Gbk));
        assert_eq!(Legacy::from_cmap_name(b"GB-EUC-H"), Some(Legacy::Gbk));
        assert_eq!(Legacy::from_cmap_name(b"GB-H"), Some(Legacy::Gb7));
        assert_eq!(Legacy::from_cmap_name(b"UniGB-UCS2-H"), None);
    }

    #[test]
    fn widths_ranges() {
        let w = Widths {
            default: 1000.0,
            dense: vec![],
            ranges: vec![(1, 1, 207.0), (10, 20, 500.0)],
        };
        assert_eq!(w.get(1), 207.0);
        assert_eq!(w.get(15), 500.0);
        assert_eq!(w.get(21), 1000.0);
        assert_eq!(w.get(0), 1000.0);
    }
}
