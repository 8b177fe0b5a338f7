//! Simple-font encodings (WinAnsi, Standard, MacRoman, Differences), glyph names and
//! the metrics of the standard 14 fonts for ASCII.

use super::cmap::Uni;

/// Adobe glyph names of ASCII 0x20..=0x7E, in order.
const ASCII_NAMES: [&str; 95] = [
    "space",
    "exclam",
    "quotedbl",
    "numbersign",
    "dollar",
    "percent",
    "ampersand",
    "quotesingle",
    "parenleft",
    "parenright",
    "asterisk",
    "plus",
    "comma",
    "hyphen",
    "period",
    "slash",
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "colon",
    "semicolon",
    "less",
    "equal",
    "greater",
    "question",
    "at",
    "A",
    "B",
    "C",
    "D",
    "E",
    "F",
    "G",
    "H",
    "I",
    "J",
    "K",
    "L",
    "M",
    "N",
    "O",
    "P",
    "Q",
    "R",
    "S",
    "T",
    "U",
    "V",
    "W",
    "X",
    "Y",
    "Z",
    "bracketleft",
    "backslash",
    "bracketright",
    "asciicircum",
    "underscore",
    "grave",
    "a",
    "b",
    "c",
    "d",
    "e",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "v",
    "w",
    "x",
    "y",
    "z",
    "braceleft",
    "bar",
    "braceright",
    "asciitilde",
];

/// Other common glyph names.
const EXTRA_NAMES: &[(&str, char)] = &[
    ("quoteright", '\u{2019}'),
    ("quoteleft", '\u{2018}'),
    ("quotedblleft", '\u{201C}'),
    ("quotedblright", '\u{201D}'),
    ("quotesinglbase", '\u{201A}'),
    ("quotedblbase", '\u{201E}'),
    ("endash", '\u{2013}'),
    ("emdash", '\u{2014}'),
    ("bullet", '\u{2022}'),
    ("ellipsis", '\u{2026}'),
    ("periodcentered", '\u{00B7}'),
    ("middot", '\u{00B7}'),
    ("minus", '\u{2212}'),
    ("nbspace", '\u{00A0}'),
    ("nonbreakingspace", '\u{00A0}'),
    ("degree", '\u{00B0}'),
    ("copyright", '\u{00A9}'),
    ("registered", '\u{00AE}'),
    ("trademark", '\u{2122}'),
    ("section", '\u{00A7}'),
    ("paragraph", '\u{00B6}'),
    ("dagger", '\u{2020}'),
    ("daggerdbl", '\u{2021}'),
    ("guillemotleft", '\u{00AB}'),
    ("guillemotright", '\u{00BB}'),
    ("guilsinglleft", '\u{2039}'),
    ("guilsinglright", '\u{203A}'),
    ("exclamdown", '\u{00A1}'),
    ("questiondown", '\u{00BF}'),
    ("cent", '\u{00A2}'),
    ("sterling", '\u{00A3}'),
    ("yen", '\u{00A5}'),
    ("currency", '\u{00A4}'),
    ("Euro", '\u{20AC}'),
    ("multiply", '\u{00D7}'),
    ("divide", '\u{00F7}'),
    ("plusminus", '\u{00B1}'),
    ("onehalf", '\u{00BD}'),
    ("onequarter", '\u{00BC}'),
    ("threequarters", '\u{00BE}'),
    ("germandbls", '\u{00DF}'),
    ("fraction", '\u{2044}'),
    ("florin", '\u{0192}'),
    ("perthousand", '\u{2030}'),
    ("acute", '\u{00B4}'),
    ("circumflex", '\u{02C6}'),
    ("tilde", '\u{02DC}'),
    ("macron", '\u{00AF}'),
    ("breve", '\u{02D8}'),
    ("dotaccent", '\u{02D9}'),
    ("dieresis", '\u{00A8}'),
    ("ring", '\u{02DA}'),
    ("cedilla", '\u{00B8}'),
    ("hungarumlaut", '\u{02DD}'),
    ("ogonek", '\u{02DB}'),
    ("caron", '\u{02C7}'),
    ("AE", '\u{00C6}'),
    ("ae", '\u{00E6}'),
    ("OE", '\u{0152}'),
    ("oe", '\u{0153}'),
    ("Oslash", '\u{00D8}'),
    ("oslash", '\u{00F8}'),
    ("Lslash", '\u{0141}'),
    ("lslash", '\u{0142}'),
    ("dotlessi", '\u{0131}'),
    ("ordfeminine", '\u{00AA}'),
    ("ordmasculine", '\u{00BA}'),
    ("brokenbar", '\u{00A6}'),
    ("logicalnot", '\u{00AC}'),
    ("mu", '\u{00B5}'),
    ("twosuperior", '\u{00B2}'),
    ("threesuperior", '\u{00B3}'),
    ("onesuperior", '\u{00B9}'),
    ("softhyphen", '\u{00AD}'),
    ("sfthyphen", '\u{00AD}'),
];

/// StandardEncoding above 0x7F (code, glyph name); ASCII differs only at 0x27 and 0x60.
const STANDARD_HIGH: &[(u8, &str)] = &[
    (0xA1, "exclamdown"),
    (0xA2, "cent"),
    (0xA3, "sterling"),
    (0xA4, "fraction"),
    (0xA5, "yen"),
    (0xA6, "florin"),
    (0xA7, "section"),
    (0xA8, "currency"),
    (0xA9, "quotesingle"),
    (0xAA, "quotedblleft"),
    (0xAB, "guillemotleft"),
    (0xAC, "guilsinglleft"),
    (0xAD, "guilsinglright"),
    (0xAE, "fi"),
    (0xAF, "fl"),
    (0xB1, "endash"),
    (0xB2, "dagger"),
    (0xB3, "daggerdbl"),
    (0xB4, "periodcentered"),
    (0xB6, "paragraph"),
    (0xB7, "bullet"),
    (0xB8, "quotesinglbase"),
    (0xB9, "quotedblbase"),
    (0xBA, "quotedblright"),
    (0xBB, "guillemotright"),
    (0xBC, "ellipsis"),
    (0xBD, "perthousand"),
    (0xBF, "questiondown"),
    (0xC1, "grave"),
    (0xC2, "acute"),
    (0xC3, "circumflex"),
    (0xC4, "tilde"),
    (0xC5, "macron"),
    (0xC6, "breve"),
    (0xC7, "dotaccent"),
    (0xC8, "dieresis"),
    (0xCA, "ring"),
    (0xCB, "cedilla"),
    (0xCD, "hungarumlaut"),
    (0xCE, "ogonek"),
    (0xCF, "caron"),
    (0xD0, "emdash"),
    (0xE1, "AE"),
    (0xE3, "ordfeminine"),
    (0xE8, "Lslash"),
    (0xE9, "Oslash"),
    (0xEA, "OE"),
    (0xEB, "ordmasculine"),
    (0xF1, "ae"),
    (0xF5, "dotlessi"),
    (0xF8, "lslash"),
    (0xF9, "oslash"),
    (0xFA, "oe"),
    (0xFB, "germandbls"),
];

/// The base encodings of simple fonts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum BaseEncoding {
    /// `/StandardEncoding` (Type 1 default).
    Standard,
    /// `/WinAnsiEncoding`.
    WinAnsi,
    /// `/MacRomanEncoding`.
    MacRoman,
}

impl BaseEncoding {
    /// The encoding named `name`, if it is one of the base encodings.
    pub(crate) fn from_name(name: &[u8]) -> Option<BaseEncoding> {
        match name {
            b"StandardEncoding" => Some(BaseEncoding::Standard),
            b"WinAnsiEncoding" => Some(BaseEncoding::WinAnsi),
            b"MacRomanEncoding" | b"MacExpertEncoding" => Some(BaseEncoding::MacRoman),
            _ => None,
        }
    }

    /// The 256-entry table of the encoding.
    pub(crate) fn table(self) -> Vec<Option<Uni>> {
        let mut t: Vec<Option<Uni>> = vec![None; 256];
        for code in 0x20u8..=0x7E {
            t[usize::from(code)] = Some(Uni::One(char::from(code)));
        }
        match self {
            BaseEncoding::Standard => {
                t[0x27] = Some(Uni::One('\u{2019}'));
                t[0x60] = Some(Uni::One('\u{2018}'));
                for &(code, name) in STANDARD_HIGH {
                    t[usize::from(code)] = glyph_name_to_unicode(name.as_bytes());
                }
            }
            BaseEncoding::WinAnsi | BaseEncoding::MacRoman => {
                let enc = if self == BaseEncoding::WinAnsi {
                    encoding_rs::WINDOWS_1252
                } else {
                    encoding_rs::MACINTOSH
                };
                for code in 0x80u8..=0xFF {
                    let byte = [code];
                    let (s, _, bad) = enc.decode(&byte);
                    let c = s.chars().next().filter(|c| !c.is_control());
                    if !bad {
                        t[usize::from(code)] = c.map(Uni::One);
                    }
                }
                if self == BaseEncoding::WinAnsi {
                    // PDF 32000 D.2, note 6: unused codes above 0x7F show a bullet, 0xA0 a space.
                    t[0xA0] = Some(Uni::One(' '));
                    t[0xAD] = Some(Uni::One('-'));
                }
            }
        }
        t
    }
}

/// The Unicode text of an Adobe glyph name (`A`, `uni4E0A`, `u20000`, `one.oldstyle`, `f_i`).
pub(crate) fn glyph_name_to_unicode(name: &[u8]) -> Option<Uni> {
    let name = std::str::from_utf8(name).ok()?;
    let base = name.split('.').next().unwrap_or(name);
    if base.contains('_') {
        let mut s = String::new();
        for part in base.split('_') {
            match single_name(part)? {
                Uni::One(c) => s.push(c),
                Uni::Many(m) => s.push_str(&m),
            }
        }
        return Some(if s.chars().count() == 1 {
            Uni::One(s.chars().next()?)
        } else {
            Uni::Many(s.into())
        });
    }
    single_name(base)
}

fn single_name(name: &str) -> Option<Uni> {
    if let Some(i) = ASCII_NAMES.iter().position(|&n| n == name) {
        return Some(Uni::One(char::from(0x20 + i as u8)));
    }
    if let Some(&(_, c)) = EXTRA_NAMES.iter().find(|(n, _)| *n == name) {
        return Some(Uni::One(c));
    }
    match name {
        "fi" => return Some(Uni::Many("fi".into())),
        "fl" => return Some(Uni::Many("fl".into())),
        "ff" => return Some(Uni::Many("ff".into())),
        "ffi" => return Some(Uni::Many("ffi".into())),
        "ffl" => return Some(Uni::Many("ffl".into())),
        _ => {}
    }
    if let Some(hex) = name.strip_prefix("uni") {
        if hex.len() >= 4 && hex.len() % 4 == 0 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            let units: Vec<u16> = hex
                .as_bytes()
                .chunks(4)
                .filter_map(|c| std::str::from_utf8(c).ok())
                .filter_map(|c| u16::from_str_radix(c, 16).ok())
                .collect();
            return Uni::from_units(&units);
        }
        return None;
    }
    if let Some(hex) = name.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            let v = u32::from_str_radix(hex, 16).ok()?;
            return char::from_u32(v).map(Uni::One);
        }
    }
    None
}

/// Advance widths (1/1000 em) of ASCII 0x20..=0x7E in Helvetica.
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

/// Advance widths (1/1000 em) of ASCII 0x20..=0x7E in Times-Roman.
const TIMES: [u16; 95] = [
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500,
    500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611,
    556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722,
    722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500,
    278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
];

/// The width (1/1000 em) of character `c` in the standard font `base_font`
/// (a guess for non-standard fonts without `/Widths`).
pub(crate) fn standard_width(base_font: &[u8], c: Option<char>) -> f32 {
    let has = |s: &[u8]| base_font.windows(s.len()).any(|w| w == s);
    if has(b"Courier") || has(b"Mono") {
        return 600.0;
    }
    let table = if has(b"Times") || has(b"Roman") || has(b"Serif") {
        &TIMES
    } else {
        &HELVETICA
    };
    match c {
        Some(c @ ' '..='~') => f32::from(table[c as usize - 0x20]),
        Some(c) if is_wide(c) => 1000.0,
        _ => 500.0,
    }
}

/// Characters typically set on a full em (CJK ideographs, kana, full-width forms).
pub(crate) fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF01..=0xFF60 | 0x20000..=0x3FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(glyph_name_to_unicode(b"A"), Some(Uni::One('A')));
        assert_eq!(glyph_name_to_unicode(b"space"), Some(Uni::One(' ')));
        assert_eq!(glyph_name_to_unicode(b"uni4E0A"), Some(Uni::One('上')));
        assert_eq!(
            glyph_name_to_unicode(b"uni4E0A4E0B"),
            Some(Uni::Many("上下".into()))
        );
        assert_eq!(
            glyph_name_to_unicode(b"u20000"),
            Some(Uni::One('\u{20000}'))
        );
        assert_eq!(glyph_name_to_unicode(b"one.oldstyle"), Some(Uni::One('1')));
        assert_eq!(glyph_name_to_unicode(b"f_i"), Some(Uni::Many("fi".into())));
        assert_eq!(glyph_name_to_unicode(b"g123"), None);
        assert_eq!(glyph_name_to_unicode(b"cid00042"), None);
    }

    #[test]
    fn base_tables() {
        let w = BaseEncoding::WinAnsi.table();
        assert_eq!(w[0x41], Some(Uni::One('A')));
        assert_eq!(w[0x93], Some(Uni::One('\u{201C}')));
        let s = BaseEncoding::Standard.table();
        assert_eq!(s[0x27], Some(Uni::One('\u{2019}')));
        assert_eq!(s[0xAE], Some(Uni::Many("fi".into())));
        assert_eq!(standard_width(b"Helvetica", Some('0')), 556.0);
        assert_eq!(standard_width(b"Courier-Bold", Some('i')), 600.0);
    }
}
