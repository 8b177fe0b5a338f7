//! Embedded font programs (TrueType / OpenType / bare CFF): glyph id → Unicode from the
//! font's own `cmap` (or CFF glyph names), for fonts that have no `/ToUnicode`.

use super::cmap::Uni;
use super::encodings::glyph_name_to_unicode;
use ttf_parser::{cff, cmap, GlyphId, PlatformId, RawFace, Tag};

/// What an embedded font program tells about its glyphs.
#[derive(Debug, Default)]
pub(crate) struct Program {
    /// Unicode of each glyph id (`'\0'` where unknown).
    pub gid_uni: Vec<char>,
    /// The font's built-in encoding for simple fonts: byte code → glyph id (0 = none).
    pub code_gid: Option<Vec<u16>>,
}

/// Preference among several code points mapped to one glyph: lower is better.
fn rank(cp: u32) -> u8 {
    match cp {
        // Radicals, compatibility ideographs and vertical forms share glyphs with the
        // unified ideographs and punctuation that text uses.
        0x2E80..=0x2FDF | 0xF900..=0xFAFF | 0x2F800..=0x2FA1F | 0xFE10..=0xFE4F => 1,
        0xE000..=0xF8FF | 0xF0000..=0x10FFFF => 2,
        _ => 0,
    }
}

fn put(gid_uni: &mut Vec<char>, gid: u16, cp: u32) {
    let Some(c) = char::from_u32(cp) else { return };
    if c.is_control() {
        return;
    }
    let i = usize::from(gid);
    if gid_uni.len() <= i {
        gid_uni.resize(i + 1, '\0');
    }
    let old = gid_uni[i];
    if old == '\0' || (rank(cp), cp) < (rank(old as u32), old as u32) {
        gid_uni[i] = c;
    }
}

/// Reads the glyph → Unicode relation of a font program; `None` when it says nothing.
pub(crate) fn parse(data: &[u8], simple: bool) -> Option<Program> {
    if let Ok(face) = RawFace::parse(data, 0) {
        return from_sfnt(&face, simple);
    }
    from_cff(data, simple)
}

fn from_sfnt(face: &RawFace<'_>, simple: bool) -> Option<Program> {
    let table = cmap::Table::parse(face.table(Tag::from_bytes(b"cmap"))?)?;
    let mut prog = Program::default();
    for sub in table.subtables {
        if !sub.is_unicode() {
            continue;
        }
        sub.codepoints(|cp| {
            if let Some(gid) = sub.glyph_index(cp) {
                put(&mut prog.gid_uni, gid.0, cp);
            }
        });
    }
    if simple {
        let mut code_gid = vec![0u16; 256];
        let mut any = false;
        for sub in table.subtables {
            let symbol = sub.platform_id == PlatformId::Windows && sub.encoding_id == 0;
            let mac = sub.platform_id == PlatformId::Macintosh && sub.encoding_id == 0;
            if !symbol && !mac {
                continue;
            }
            for (code, slot) in code_gid.iter_mut().enumerate() {
                if *slot != 0 {
                    continue;
                }
                let code = code as u32;
                let gid = if symbol {
                    sub.glyph_index(0xF000 | code)
                        .or_else(|| sub.glyph_index(code))
                } else {
                    sub.glyph_index(code)
                };
                if let Some(g) = gid {
                    *slot = g.0;
                    any = true;
                }
            }
        }
        if any {
            prog.code_gid = Some(code_gid);
        }
    }
    if prog.gid_uni.is_empty() && prog.code_gid.is_none() {
        None
    } else {
        Some(prog)
    }
}

fn from_cff(data: &[u8], simple: bool) -> Option<Program> {
    let table = cff::Table::parse(data)?;
    let mut prog = Program::default();
    for gid in 0..table.number_of_glyphs() {
        let Some(name) = table.glyph_name(GlyphId(gid)) else {
            continue;
        };
        if let Some(Uni::One(c)) = glyph_name_to_unicode(name.as_bytes()) {
            put(&mut prog.gid_uni, gid, c as u32);
        }
    }
    if simple {
        let code_gid: Vec<u16> = (0..=255u8)
            .map(|c| table.glyph_index(c).map_or(0, |g| g.0))
            .collect();
        if code_gid.iter().any(|&g| g != 0) {
            prog.code_gid = Some(code_gid);
        }
    }
    if prog.gid_uni.is_empty() {
        None
    } else {
        Some(prog)
    }
}

impl Program {
    /// The Unicode character of glyph `gid`.
    pub(crate) fn unicode(&self, gid: u32) -> Option<char> {
        self.gid_uni
            .get(gid as usize)
            .copied()
            .filter(|&c| c != '\0')
    }
}
