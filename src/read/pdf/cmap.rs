//! CMap streams: `/ToUnicode` maps (bfchar/bfrange) and embedded encoding CMaps
//! (codespace ranges, cidchar/cidrange).

use super::encodings::glyph_name_to_unicode;
use super::lexer::{Lexer, Token};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A fast hasher for small integer keys (codes, CIDs, glyph ids).
#[derive(Default, Clone, Copy)]
pub(crate) struct IntHasher(u64);

impl Hasher for IntHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = (u64::from(n)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// A map keyed by code or glyph id.
pub(crate) type IntMap<V> = HashMap<u32, V, BuildHasherDefault<IntHasher>>;

/// The Unicode text of one code: usually one character.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Uni {
    /// One character.
    One(char),
    /// Several characters (ligatures, decompositions).
    Many(Box<str>),
}

impl Uni {
    /// Builds the text from UTF-16BE bytes (single bytes are taken as code units).
    pub(crate) fn from_utf16_bytes(bytes: &[u8]) -> Option<Uni> {
        match bytes {
            [a, b] => return Uni::from_units(&[u16::from_be_bytes([*a, *b])]),
            [a, b, c, d] => {
                return Uni::from_units(&[
                    u16::from_be_bytes([*a, *b]),
                    u16::from_be_bytes([*c, *d]),
                ])
            }
            _ => {}
        }
        let units: Vec<u16> = if bytes.len() == 1 {
            vec![u16::from(bytes[0])]
        } else {
            bytes
                .chunks(2)
                .map(|c| {
                    if c.len() == 2 {
                        u16::from_be_bytes([c[0], c[1]])
                    } else {
                        u16::from(c[0])
                    }
                })
                .collect()
        };
        Uni::from_units(&units)
    }

    /// Builds the text from UTF-16 code units.
    pub(crate) fn from_units(units: &[u16]) -> Option<Uni> {
        match units {
            [u] if !(0xD800..0xE000).contains(u) => {
                return char::from_u32(u32::from(*u)).map(Uni::One)
            }
            [hi @ 0xD800..=0xDBFF, lo @ 0xDC00..=0xDFFF] => {
                let c = 0x10000 + ((u32::from(*hi) - 0xD800) << 10) + (u32::from(*lo) - 0xDC00);
                return char::from_u32(c).map(Uni::One);
            }
            _ => {}
        }
        let s: String = char::decode_utf16(units.iter().copied())
            .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect();
        Uni::from_str(&s)
    }

    fn from_str(s: &str) -> Option<Uni> {
        let mut chars = s.chars();
        let first = chars.next()?;
        if chars.next().is_none() {
            Some(Uni::One(first))
        } else {
            Some(Uni::Many(s.into()))
        }
    }
}

/// One codespace range: codes of `len` bytes whose bytes lie between `lo` and `hi`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct CodeSpace {
    /// Bytes per code (1 to 4).
    pub len: u8,
    /// Lower bound of each byte.
    pub lo: [u8; 4],
    /// Upper bound of each byte.
    pub hi: [u8; 4],
}

/// A large bfrange kept as a range rather than expanded: `lo..=hi` → `dst` + offset.
#[derive(Debug, Clone)]
struct UniRange {
    lo: u32,
    hi: u32,
    dst: Vec<u16>,
}

/// A parsed CMap.
#[derive(Debug, Default, Clone)]
pub(crate) struct CMap {
    /// The codespace ranges, shortest codes first.
    pub codespace: Vec<CodeSpace>,
    /// code → Unicode (from bfchar and bfrange).
    pub uni: IntMap<Uni>,
    ranges: Vec<UniRange>,
    /// code ranges → CID (from cidchar and cidrange), sorted by start.
    cids: Vec<(u32, u32, u32)>,
    /// The CMap named by `usecmap`, if any.
    pub use_cmap: Option<Vec<u8>>,
}

/// Entries expanded into the hash map at most, per CMap; larger ranges stay ranges.
const MAX_EXPANDED: u32 = 1 << 18;

#[derive(Clone, Copy, PartialEq)]
enum Section {
    None,
    Codespace,
    BfChar,
    BfRange,
    CidChar,
    CidRange,
}

#[derive(Clone)]
enum Item {
    Str(usize, usize),
    Num(f32),
    Name(Vec<u8>),
    Array(Vec<(usize, usize)>),
}

/// Big-endian value of up to 4 code bytes (longer strings keep their last 4 bytes).
pub(crate) fn code_value(bytes: &[u8]) -> u32 {
    let tail = &bytes[bytes.len().saturating_sub(4)..];
    tail.iter().fold(0u32, |acc, &b| (acc << 8) | u32::from(b))
}

impl CMap {
    /// Parses CMap text. Unknown or malformed entries are skipped.
    pub(crate) fn parse(data: &[u8]) -> CMap {
        let mut cmap = CMap::default();
        let mut lexer = Lexer::new(data);
        let mut buf = Vec::new();
        let mut section = Section::None;
        let mut items: Vec<Item> = Vec::new();
        let mut array: Option<Vec<(usize, usize)>> = None;
        let mut last_name: Option<Vec<u8>> = None;
        let mut expanded = 0u32;
        while let Some(tok) = lexer.next_token(&mut buf) {
            match tok {
                Token::Str(s, e) => match array.as_mut() {
                    Some(a) => a.push((s, e)),
                    None => items.push(Item::Str(s, e)),
                },
                Token::Num(v) => items.push(Item::Num(v)),
                Token::Name(n) => {
                    last_name = Some(n.to_vec());
                    if section != Section::None {
                        items.push(Item::Name(n.to_vec()));
                    }
                }
                Token::ArrayOpen => array = Some(Vec::new()),
                Token::ArrayClose => {
                    if let Some(a) = array.take() {
                        items.push(Item::Array(a));
                    }
                }
                Token::Keyword(k) => {
                    let next = match k {
                        b"begincodespacerange" => Some(Section::Codespace),
                        b"beginbfchar" => Some(Section::BfChar),
                        b"beginbfrange" => Some(Section::BfRange),
                        b"begincidchar" => Some(Section::CidChar),
                        b"begincidrange" => Some(Section::CidRange),
                        b"usecmap" => {
                            cmap.use_cmap = last_name.take();
                            None
                        }
                        _ if k.starts_with(b"end") && section != Section::None => {
                            cmap.apply(section, &items, &buf, &mut expanded);
                            section = Section::None;
                            None
                        }
                        _ => None,
                    };
                    if let Some(s) = next {
                        section = s;
                        items.clear();
                        array = None;
                    }
                }
                Token::DictOpen | Token::DictClose => {}
            }
        }
        cmap.codespace.sort_by_key(|c| c.len);
        cmap.ranges.sort_by_key(|r| r.lo);
        cmap.cids.sort_by_key(|c| c.0);
        cmap
    }

    fn apply(&mut self, section: Section, items: &[Item], buf: &[u8], expanded: &mut u32) {
        let bytes = |s: usize, e: usize| buf.get(s..e).unwrap_or(&[]);
        let mut i = 0;
        while i < items.len() {
            let used = match (section, &items[i..]) {
                (Section::Codespace, [Item::Str(a, b), Item::Str(c, d), ..]) => {
                    self.add_codespace(bytes(*a, *b), bytes(*c, *d));
                    2
                }
                (Section::BfChar, [Item::Str(a, b), Item::Str(c, d), ..]) => {
                    if let Some(u) = Uni::from_utf16_bytes(bytes(*c, *d)) {
                        self.uni.insert(code_value(bytes(*a, *b)), u);
                    }
                    2
                }
                (Section::BfChar, [Item::Str(a, b), Item::Name(n), ..]) => {
                    if let Some(u) = glyph_name_to_unicode(n) {
                        self.uni.insert(code_value(bytes(*a, *b)), u);
                    }
                    2
                }
                (Section::BfRange, [Item::Str(a, b), Item::Str(c, d), Item::Str(e, f), ..]) => {
                    let (lo, hi) = (code_value(bytes(*a, *b)), code_value(bytes(*c, *d)));
                    self.add_bfrange(lo, hi, bytes(*e, *f), expanded);
                    3
                }
                (Section::BfRange, [Item::Str(a, b), Item::Str(c, d), Item::Array(arr), ..]) => {
                    let (lo, hi) = (code_value(bytes(*a, *b)), code_value(bytes(*c, *d)));
                    for (k, (s, e)) in arr.iter().enumerate() {
                        let Some(code) = lo.checked_add(k as u32) else {
                            break;
                        };
                        if code > hi {
                            break;
                        }
                        if let Some(u) = Uni::from_utf16_bytes(bytes(*s, *e)) {
                            self.uni.insert(code, u);
                        }
                    }
                    3
                }
                (Section::CidChar, [Item::Str(a, b), Item::Num(cid), ..]) => {
                    let code = code_value(bytes(*a, *b));
                    self.cids.push((code, code, num_to_u32(*cid)));
                    2
                }
                (Section::CidRange, [Item::Str(a, b), Item::Str(c, d), Item::Num(cid), ..]) => {
                    let (lo, hi) = (code_value(bytes(*a, *b)), code_value(bytes(*c, *d)));
                    if lo <= hi {
                        self.cids.push((lo, hi, num_to_u32(*cid)));
                    }
                    3
                }
                _ => 1,
            };
            i += used;
        }
    }

    fn add_codespace(&mut self, lo: &[u8], hi: &[u8]) {
        let len = lo.len().min(hi.len());
        if !(1..=4).contains(&len) {
            return;
        }
        let mut cs = CodeSpace {
            len: len as u8,
            lo: [0; 4],
            hi: [0; 4],
        };
        cs.lo[..len].copy_from_slice(&lo[..len]);
        cs.hi[..len].copy_from_slice(&hi[..len]);
        self.codespace.push(cs);
    }

    fn add_bfrange(&mut self, lo: u32, hi: u32, dst: &[u8], expanded: &mut u32) {
        if lo > hi || dst.is_empty() {
            return;
        }
        let units: Vec<u16> = if dst.len() == 1 {
            vec![u16::from(dst[0])]
        } else {
            dst.chunks(2)
                .map(|c| {
                    if c.len() == 2 {
                        u16::from_be_bytes([c[0], c[1]])
                    } else {
                        u16::from(c[0])
                    }
                })
                .collect()
        };
        let count = hi - lo;
        if count < MAX_EXPANDED.saturating_sub(*expanded) {
            *expanded += count + 1;
            let mut cur = units.clone();
            for k in 0..=count {
                if let (Some(last), Some(&base)) = (cur.last_mut(), units.last()) {
                    *last = base.wrapping_add(k as u16);
                }
                if let Some(u) = Uni::from_units(&cur) {
                    self.uni.insert(lo + k, u);
                }
            }
        } else {
            self.ranges.push(UniRange { lo, hi, dst: units });
        }
    }

    /// The Unicode text of `code`, if the CMap maps it.
    pub(crate) fn lookup(&self, code: u32) -> Option<Uni> {
        if let Some(u) = self.uni.get(&code) {
            return Some(u.clone());
        }
        // Ranges are sorted by start; overlapping ones are rare, so look back a little.
        let idx = self.ranges.partition_point(|r| r.lo <= code);
        let r = self.ranges[..idx]
            .iter()
            .rev()
            .take(8)
            .find(|r| code <= r.hi)?;
        let mut units = r.dst.clone();
        let last = units.last_mut()?;
        *last = last.wrapping_add((code - r.lo) as u16);
        Uni::from_units(&units)
    }

    /// Whether the CMap maps anything to Unicode.
    pub(crate) fn has_unicode(&self) -> bool {
        !self.uni.is_empty() || !self.ranges.is_empty()
    }

    /// The CID of `code` from cidchar/cidrange entries.
    pub(crate) fn cid(&self, code: u32) -> Option<u32> {
        let idx = self.cids.partition_point(|c| c.0 <= code);
        self.cids[..idx]
            .iter()
            .rev()
            .take(8)
            .find(|c| c.1 >= code)
            .map(|c| c.2.saturating_add(code - c.0))
    }

    /// Whether the CMap has cidchar/cidrange entries.
    pub(crate) fn has_cids(&self) -> bool {
        !self.cids.is_empty()
    }
}

fn num_to_u32(v: f32) -> u32 {
    if v.is_finite() && v >= 0.0 {
        v.min(u32::MAX as f32) as u32
    } else {
        0
    }
}

/// The length of the code at the start of `bytes` under `codespace` (≥ 1, ≤ bytes.len()).
pub(crate) fn code_len(codespace: &[CodeSpace], bytes: &[u8]) -> usize {
    for cs in codespace {
        let n = usize::from(cs.len);
        if n <= bytes.len() && (0..n).all(|i| cs.lo[i] <= bytes[i] && bytes[i] <= cs.hi[i]) {
            return n;
        }
    }
    let shortest = codespace.first().map_or(1, |c| usize::from(c.len));
    shortest.clamp(1, bytes.len().max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bfchar_bfrange_and_array() {
        let src = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
            1 begincodespacerange <0000> <FFFF> endcodespacerange
            2 beginbfchar <0001> <4E0A> <0002> <D840DC00> endbfchar
            2 beginbfrange <0010> <0012> <0041> <0020> <0021> [<0066006C> <0078>] endbfrange
            endcmap";
        let c = CMap::parse(src);
        assert_eq!(c.codespace.len(), 1);
        assert_eq!(c.lookup(1), Some(Uni::One('上')));
        assert_eq!(c.lookup(2), Some(Uni::One('\u{20000}')));
        assert_eq!(c.lookup(0x11), Some(Uni::One('B')));
        assert_eq!(c.lookup(0x20), Some(Uni::Many("fl".into())));
        assert_eq!(c.lookup(0x21), Some(Uni::One('x')));
        assert_eq!(c.lookup(0x30), None);
    }

    #[test]
    fn huge_range_is_not_expanded() {
        let c = CMap::parse(b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange");
        assert!(c.uni.len() < 10);
        assert_eq!(c.lookup(1), Some(Uni::One('B')));
    }

    #[test]
    fn codespace_split() {
        let c = CMap::parse(
            b"2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange
              1 begincidrange <8140> <8150> 100 endcidrange",
        );
        assert_eq!(code_len(&c.codespace, b"A\x81\x40"), 1);
        assert_eq!(code_len(&c.codespace, b"\x81\x40"), 2);
        assert_eq!(c.cid(0x8142), Some(102));
        assert_eq!(c.cid(0x8160), None);
    }
}
