//! Normalisation that matching code relies on, with a map back to the original bytes.
//!
//! What changes: full-width ASCII letters and digits → ASCII; bracket variants
//! (`［］【】[]〔〕`) → `〔〕` and `()` → `（）`; `○`, `◯` and `O`/`0` between
//! Chinese numerals → `〇`; spaced titles (`起 诉 书`) → `起诉书`; every kind of
//! blank → one ASCII space, collapsed; blanks around line breaks removed; zero-width
//! characters dropped. What does not change: Chinese punctuation (`，：；`), line
//! breaks, and everything else byte for byte.

use super::offsets::OffsetMap;

/// A normalised text and the map from its byte offsets to the original's.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// Normalised byte offsets → original byte offsets.
    pub map: OffsetMap,
}

/// Normalises `original`.
///
/// ```
/// let n = wenshu::text::normalize("起 诉 书\n被告人张某，１９８５年生。");
/// assert_eq!(n.text, "起诉书\n被告人张某，1985年生。");
/// let at = n.text.find("1985").unwrap();
/// assert_eq!(n.map.to_original_range(at..at + 4), 30..42);
/// ```
pub fn normalize(original: &str) -> Normalized {
    let bytes = original.as_bytes();
    let len = original.len();
    let mut out = Normalized {
        text: String::with_capacity(len),
        map: OffsetMap::default(),
    };
    // Characters that stay as they are accumulate in `copy_from..pos` and are copied in one
    // piece; everything else flushes them first.
    let mut copy_from = 0;
    let mut pos = 0;
    while pos < len {
        let b = bytes[pos];
        if b < 0x80 {
            if !matches!(
                b,
                b' ' | b'\t' | b'\r' | 0x0B | 0x0C | b'(' | b')' | b'[' | b']' | b'O' | b'o' | b'0'
            ) {
                pos += 1;
                continue;
            }
        } else if (0xE4..=0xE9).contains(&b) {
            // U+4000..U+9FFF (three bytes): ideographs, never blank nor replaced; only a
            // following blank (a spaced title) needs a closer look.
            let after = pos + 3;
            match bytes.get(after) {
                Some(b' ') => {}
                Some(0xE3) if bytes.get(after + 1..after + 3) == Some(&[0x80, 0x80]) => {}
                _ => {
                    pos = after;
                    continue;
                }
            }
        } else if plain_punctuation(bytes.get(pos..pos + 3)) {
            pos += 3;
            continue;
        }
        let c = char_at(original, pos);
        let next_pos = pos + c.len_utf8();
        if b >= 0x80 && !may_change(c, original, next_pos) {
            pos = next_pos;
            continue;
        }
        if copy_from < pos {
            out.map.copy(&mut out.text, original, copy_from, pos);
        }
        pos = step(original, pos, c, &mut out);
        copy_from = pos;
    }
    if copy_from < len {
        out.map.copy(&mut out.text, original, copy_from, len);
    }
    out.map.finish(out.text.len(), len);
    out
}

/// Whether three bytes are common CJK punctuation that never changes: U+3001..U+3006,
/// U+3008..U+300F (、。〃〄々〆《》「」…) and the full-width forms of `!"#$&'()*,/:;<=>?@`.
fn plain_punctuation(b: Option<&[u8]>) -> bool {
    match b {
        Some(&[0xE3, 0x80, x]) => matches!(x, 0x81..=0x86 | 0x88..=0x8F),
        Some(&[0xEF, 0xBC, x]) => {
            matches!(x, 0x81..=0x84 | 0x86..=0x8A | 0x8C | 0x8F | 0x9A..=0xA0)
        }
        _ => false,
    }
}

/// The character starting at byte `pos` (a char boundary inside `s`).
fn char_at(s: &str, pos: usize) -> char {
    s[pos..].chars().next().unwrap_or('\0')
}

/// The character ending at byte `pos`.
fn char_before(s: &str, pos: usize) -> Option<char> {
    s[..pos].chars().next_back()
}

/// Whether a non-ASCII character may be changed or start a change: a blank, a character
/// with a replacement, or a CJK character followed by a blank (a spaced title may start).
fn may_change(c: char, s: &str, next_pos: usize) -> bool {
    is_blank(c) || replaceable(c) || (is_cjk(c) && s[next_pos..].starts_with([' ', '\u{3000}']))
}

/// Handles the character `c` at `pos` that [`may_change`]; returns where to go on.
fn step(original: &str, pos: usize, c: char, out: &mut Normalized) -> usize {
    let len = original.len();
    let next_pos = pos + c.len_utf8();
    // A spaced title: three or more single CJK characters separated by blanks.
    if is_cjk(c) {
        if let Some((end, kept)) = spaced_run(original, pos) {
            for p in kept {
                let after = p + char_at(original, p).len_utf8();
                out.map.copy(&mut out.text, original, p, after);
            }
            // The skipped blanks map to nothing; keep the total consistent.
            out.map.delete_to(end);
            return end;
        }
    }
    if is_blank(c) {
        // Collapse a run of blanks; drop it entirely next to a line break or at the start.
        let mut run_end = pos;
        let mut after = None;
        while run_end < len {
            let d = char_at(original, run_end);
            if !is_blank(d) {
                after = Some(d);
                break;
            }
            run_end += d.len_utf8();
        }
        let at_line_edge = out.text.is_empty()
            || out.text.ends_with('\n')
            || matches!(after, None | Some('\n' | '\r'));
        if at_line_edge {
            out.map.delete_to(run_end);
        } else if c == ' ' && run_end == next_pos {
            out.map.copy(&mut out.text, original, pos, run_end);
        } else {
            out.map.replace(&mut out.text, " ", pos, run_end);
        }
        return run_end;
    }
    if c == '\r' {
        // \r\n and lone \r both become \n.
        if original[next_pos..].starts_with('\n') {
            out.map.delete_to(next_pos);
        } else {
            out.map.replace(&mut out.text, "\n", pos, next_pos);
        }
        return next_pos;
    }
    let prev = char_before(original, pos);
    let next = original[next_pos..].chars().next();
    match replacement(c, prev, next) {
        Some("") => out.map.delete_to(next_pos),
        Some(r) => out.map.replace(&mut out.text, r, pos, next_pos),
        None => out.map.copy(&mut out.text, original, pos, next_pos),
    }
    next_pos
}

/// Whether [`replacement`] may change `c` (for `O`, `o`, `0` it depends on the neighbours).
fn replaceable(c: char) -> bool {
    matches!(
        c,
        '○' | '◯'
            | 'Ｏ'
            | '\u{FF10}'..='\u{FF19}'
            | '\u{FF21}'..='\u{FF3A}'
            | '\u{FF41}'..='\u{FF5A}'
            | '\u{FF0E}'
            | '\u{FF05}'
            | '\u{FF0B}'
            | '\u{FF0D}'
            | '\u{2212}'
            | '［'
            | '【'
            | '['
            | '〖'
            | '］'
            | '】'
            | ']'
            | '〗'
            | '('
            | ')'
            | 'O'
            | 'o'
            | '0'
            | '\u{200B}'
            | '\u{200C}'
            | '\u{200D}'
            | '\u{FEFF}'
            | '\u{00AD}'
    )
}

/// The replacement for one character, if it changes; `prev` and `next` are its neighbours
/// in the original text.
fn replacement(c: char, prev: Option<char>, next: Option<char>) -> Option<&'static str> {
    const DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
    const UPPER: [&str; 26] = [
        "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R",
        "S", "T", "U", "V", "W", "X", "Y", "Z",
    ];
    const LOWER: [&str; 26] = [
        "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r",
        "s", "t", "u", "v", "w", "x", "y", "z",
    ];
    Some(match c {
        '○' | '◯' | 'Ｏ' => "〇",
        '\u{FF10}'..='\u{FF19}' => DIGITS[(c as u32 - 0xFF10) as usize],
        '\u{FF21}'..='\u{FF3A}' => UPPER[(c as u32 - 0xFF21) as usize],
        '\u{FF41}'..='\u{FF5A}' => LOWER[(c as u32 - 0xFF41) as usize],
        '\u{FF0E}' => ".",
        '\u{FF05}' => "%",
        '\u{FF0B}' => "+",
        '\u{FF0D}' | '\u{2212}' => "-",
        '［' | '【' | '[' | '〖' => "〔",
        '］' | '】' | ']' | '〗' => "〕",
        '(' => "（",
        ')' => "）",
        'O' | 'o' | '0' if between_chinese_numerals(prev, next) => "〇",
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{00AD}' => "",
        _ => return None,
    })
}

/// Whether a character between `prev` and `next` sits in a Chinese-numeral year such as `二O一七`.
fn between_chinese_numerals(prev: Option<char>, next: Option<char>) -> bool {
    let is_num = |c: char| {
        matches!(
            c,
            '〇' | '○'
                | '零'
                | '一'
                | '二'
                | '三'
                | '四'
                | '五'
                | '六'
                | '七'
                | '八'
                | '九'
                | 'O'
                | 'Ｏ'
        )
    };
    let ends_year = |c: char| is_num(c) || c == '年';
    matches!((prev, next), (Some(p), Some(n)) if is_num(p) && ends_year(n) && (p != '0' && n != '0'))
        && (prev.is_some_and(|p| !p.is_ascii()) || next.is_some_and(|n| !n.is_ascii()))
}

/// If a spaced title starts at byte `pos` (single CJK characters separated by one to three
/// blanks), the byte just past its last character and the byte offsets of the characters kept.
fn spaced_run(s: &str, pos: usize) -> Option<(usize, Vec<usize>)> {
    // The run must not continue a word: the previous char is not CJK.
    if char_before(s, pos).is_some_and(is_cjk) {
        return None;
    }
    let len = s.len();
    let mut kept = vec![pos];
    let mut j = pos;
    loop {
        let mut k = j + char_at(s, j).len_utf8();
        let mut blanks = 0;
        while blanks < 3 && k < len && matches!(char_at(s, k), ' ' | '\u{3000}') {
            k += char_at(s, k).len_utf8();
            blanks += 1;
        }
        if blanks == 0 || k >= len || !is_cjk(char_at(s, k)) {
            break;
        }
        j = k;
        kept.push(k);
    }
    // A last char followed directly by more CJK starts the next word (批 准 … 书 深南检…):
    // it is not part of the title.
    let after = |j: usize| j + char_at(s, j).len_utf8();
    if kept.len() > 1 && s[after(j)..].chars().next().is_some_and(is_cjk) {
        kept.pop();
        j = *kept.last()?;
    }
    (kept.len() >= 3).then_some((after(j), kept))
}

/// Whether `c` is a blank other than a line break.
pub(crate) fn is_blank(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{3000}' | '\u{00A0}' | '\u{2002}'
            ..='\u{200A}' | '\u{202F}' | '\u{0B}' | '\u{0C}'
    )
}

/// Whether `c` is a CJK ideograph.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}' | '〇')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The implementation before the single-pass rewrite, kept to check that the output
    /// (text and offset map) is unchanged.
    mod reference {
        use super::super::{is_blank, is_cjk, Normalized, OffsetMap};

        pub fn normalize(original: &str) -> Normalized {
            let chars: Vec<(usize, char)> = original.char_indices().collect();
            let mut out = Normalized {
                text: String::with_capacity(original.len()),
                map: OffsetMap::default(),
            };
            let mut i = 0;
            while i < chars.len() {
                let (pos, c) = chars[i];
                let next_pos = chars.get(i + 1).map_or(original.len(), |&(p, _)| p);
                // A spaced title: three or more single CJK characters separated by blanks.
                if is_cjk(c) {
                    if let Some((end, kept)) = spaced_run(&chars, i) {
                        for &(p, ch) in kept.iter().map(|&k| &chars[k]) {
                            let after = p + ch.len_utf8();
                            out.map.copy(&mut out.text, original, p, after);
                        }
                        let last_end = chars.get(end).map_or(original.len(), |&(p, _)| p);
                        // The skipped blanks map to nothing; keep the total consistent.
                        out.map.delete_to(last_end);
                        i = end;
                        continue;
                    }
                }
                if is_blank(c) {
                    // Collapse a run of blanks; drop it entirely next to a line break or at the start.
                    let mut j = i;
                    while j < chars.len() && is_blank(chars[j].1) {
                        j += 1;
                    }
                    let run_end = chars.get(j).map_or(original.len(), |&(p, _)| p);
                    let at_line_edge = out.text.is_empty()
                        || out.text.ends_with('\n')
                        || j == chars.len()
                        || chars[j].1 == '\n'
                        || chars[j].1 == '\r';
                    if at_line_edge {
                        out.map.delete_to(run_end);
                    } else if c == ' ' && j == i + 1 {
                        out.map.copy(&mut out.text, original, pos, run_end);
                    } else {
                        out.map.replace(&mut out.text, " ", pos, run_end);
                    }
                    i = j;
                    continue;
                }
                if c == '\r' {
                    // \r\n and lone \r both become \n.
                    if chars.get(i + 1).map(|x| x.1) == Some('\n') {
                        out.map.delete_to(next_pos);
                    } else {
                        out.map.replace(&mut out.text, "\n", pos, next_pos);
                    }
                    i += 1;
                    continue;
                }
                match replacement(c, &chars, i) {
                    Some("") => out.map.delete_to(next_pos),
                    Some(r) => out.map.replace(&mut out.text, r, pos, next_pos),
                    None => out.map.copy(&mut out.text, original, pos, next_pos),
                }
                i += 1;
            }
            out.map.finish(out.text.len(), original.len());
            out
        }

        /// The replacement for one character, if it changes.
        fn replacement(c: char, chars: &[(usize, char)], i: usize) -> Option<&'static str> {
            const DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
            const UPPER: [&str; 26] = [
                "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P",
                "Q", "R", "S", "T", "U", "V", "W", "X", "Y", "Z",
            ];
            const LOWER: [&str; 26] = [
                "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p",
                "q", "r", "s", "t", "u", "v", "w", "x", "y", "z",
            ];
            Some(match c {
                '○' | '◯' | 'Ｏ' => "〇",
                '\u{FF10}'..='\u{FF19}' => DIGITS[(c as u32 - 0xFF10) as usize],
                '\u{FF21}'..='\u{FF3A}' => UPPER[(c as u32 - 0xFF21) as usize],
                '\u{FF41}'..='\u{FF5A}' => LOWER[(c as u32 - 0xFF41) as usize],
                '\u{FF0E}' => ".",
                '\u{FF05}' => "%",
                '\u{FF0B}' => "+",
                '\u{FF0D}' | '\u{2212}' => "-",
                '［' | '【' | '[' | '〖' => "〔",
                '］' | '】' | ']' | '〗' => "〕",
                '(' => "（",
                ')' => "）",
                'O' | 'o' | '0' if between_chinese_numerals(chars, i) => "〇",
                '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{00AD}' => "",
                _ => return None,
            })
        }

        /// Whether the character at `i` sits in a Chinese-numeral year such as `二O一七`.
        fn between_chinese_numerals(chars: &[(usize, char)], i: usize) -> bool {
            let is_num = |c: char| {
                matches!(
                    c,
                    '〇' | '○'
                        | '零'
                        | '一'
                        | '二'
                        | '三'
                        | '四'
                        | '五'
                        | '六'
                        | '七'
                        | '八'
                        | '九'
                        | 'O'
                        | 'Ｏ'
                )
            };
            let prev = i.checked_sub(1).map(|j| chars[j].1);
            let next = chars.get(i + 1).map(|x| x.1);
            let ends_year = |c: char| is_num(c) || c == '年';
            matches!((prev, next), (Some(p), Some(n)) if is_num(p) && ends_year(n) && (p != '0' && n != '0'))
                && (prev.is_some_and(|p| !p.is_ascii()) || next.is_some_and(|n| !n.is_ascii()))
        }

        /// If a spaced title starts at `i` (single CJK characters separated by one to three blanks),
        /// the index just past its last character and the indices of the characters kept.
        fn spaced_run(chars: &[(usize, char)], i: usize) -> Option<(usize, Vec<usize>)> {
            // The run must not continue a word: the previous char is not CJK.
            if i > 0 && is_cjk(chars[i - 1].1) {
                return None;
            }
            let mut kept = vec![i];
            let mut j = i;
            loop {
                let mut k = j + 1;
                while k < chars.len() && k - j <= 3 && matches!(chars[k].1, ' ' | '\u{3000}') {
                    k += 1;
                }
                if k == j + 1 || k >= chars.len() || !is_cjk(chars[k].1) {
                    break;
                }
                j = k;
                kept.push(k);
            }
            // A last char followed directly by more CJK starts the next word (批 准 … 书 深南检…):
            // it is not part of the title.
            if kept.len() > 1 && chars.get(j + 1).is_some_and(|x| is_cjk(x.1)) {
                kept.pop();
                j = *kept.last()?;
            }
            (kept.len() >= 3).then_some((j + 1, kept))
        }
    }

    /// A tiny deterministic generator (xorshift) for the differential test.
    fn strings(n: usize, seed: u64) -> Vec<String> {
        const ALPHABET: &[char] = &[
            '起',
            '诉',
            '书',
            '张',
            '某',
            '批',
            '准',
            '年',
            '一',
            '二',
            '十',
            '〇',
            '○',
            '◯',
            'Ｏ',
            '零',
            '九',
            ' ',
            ' ',
            ' ',
            '\u{3000}',
            '\t',
            '\r',
            '\n',
            '\n',
            '\u{A0}',
            '\u{2003}',
            '\u{202F}',
            '\u{0B}',
            '\u{0C}',
            '０',
            '１',
            '９',
            'Ａ',
            'Ｚ',
            'ａ',
            'ｚ',
            '．',
            '％',
            '＋',
            '－',
            '−',
            '［',
            '］',
            '【',
            '】',
            '[',
            ']',
            '〖',
            '〗',
            '(',
            ')',
            'O',
            'o',
            '0',
            '1',
            'a',
            ',',
            '，',
            '。',
            '\u{200B}',
            '\u{200C}',
            '\u{200D}',
            '\u{FEFF}',
            '\u{AD}',
            '\u{20000}',
            '\u{3400}',
            '\u{F900}',
            'é',
        ];
        let mut x = seed;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        (0..n)
            .map(|_| {
                let len = (next() % 24) as usize;
                (0..len)
                    .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
                    .collect()
            })
            .collect()
    }

    #[test]
    fn same_output_as_the_reference_implementation() {
        let mut inputs: Vec<String> = EXAMPLES.iter().map(|(i, _)| i.to_string()).collect();
        inputs.extend(strings(50_000, 0x9E37_79B9_7F4A_7C15));
        inputs.extend(crate::test_support::fixture_texts(&[
            "tests/fixtures/judgments",
            "tests/fixtures/procuratorate",
            "tests/fixtures/other",
        ]));
        for input in &inputs {
            let (new, old) = (normalize(input), reference::normalize(input));
            assert_eq!(new.text, old.text, "input {input:?}");
            assert_eq!(new.map, old.map, "input {input:?}");
        }
    }

    /// (original, normalised) pairs.
    const EXAMPLES: &[(&str, &str)] = &[
        ("起 诉 书", "起诉书"),
        ("起  诉  书\n", "起诉书\n"),
        (
            "某区人民检察院 批 准 逮 捕 决 定 书 某检捕〔2022〕1号",
            "某区人民检察院 批准逮捕决定书 某检捕〔2022〕1号",
        ),
        ("起　　诉　　书", "起诉书"),
        ("刑 事 判 决 书\n（2017）", "刑事判决书\n（2017）"),
        ("２０１７年", "2017年"),
        ("二○一七年", "二〇一七年"),
        ("二O一七年六月", "二〇一七年六月"),
        ("二0一七年", "二〇一七年"),
        ("二〇二0年", "二〇二〇年"),
        ("沪奉检诉刑诉［2017］700号", "沪奉检诉刑诉〔2017〕700号"),
        ("京检【2023】1号", "京检〔2023〕1号"),
        ("(2017)沪0120刑初684号", "（2017）沪0120刑初684号"),
        ("公诉机关。  被告人", "公诉机关。 被告人"),
        ("公诉机关。\u{3000}\u{3000}被告人", "公诉机关。 被告人"),
        ("  首行\n  次行  \n", "首行\n次行\n"),
        ("a\r\nb\rc", "a\nb\nc"),
        ("张\u{200B}某", "张某"),
        // Not a spaced title: only two characters, and words around.
        ("张某 李某", "张某 李某"),
        (
            "检察院 批 准 逮 捕 决 定 书 深南检刑批捕",
            "检察院 批准逮捕决定书 深南检刑批捕",
        ),
        ("判决书 （2017）", "判决书 （2017）"),
        ("3,200元", "3,200元"),
        ("B0 1O", "B0 1O"),
    ];

    #[test]
    fn examples() {
        for (input, want) in EXAMPLES {
            assert_eq!(normalize(input).text, *want, "input {input:?}");
        }
    }

    #[test]
    fn every_span_maps_back_inside_the_original() {
        for (input, _) in EXAMPLES {
            let n = normalize(input);
            for (s, _) in n.text.char_indices() {
                let r = n.map.to_original_range(s..n.text.len());
                assert!(r.start <= r.end && r.end <= input.len(), "{input:?} at {s}");
                assert!(input.is_char_boundary(r.start) && input.is_char_boundary(r.end));
            }
        }
    }

    #[test]
    fn replaced_characters_map_to_their_source() {
        let original = "日期：２０１７年";
        let n = normalize(original);
        let at = n.text.find("2017").unwrap();
        let r = n.map.to_original_range(at..at + 4);
        assert_eq!(&original[r], "２０１７");
    }
}
