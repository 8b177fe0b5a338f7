//! Glyphs → lines: the page's writing direction, baselines, reading order and spaces.

use super::interp::Glyph;

/// One line of text in the page's reading frame (x grows along the text, y upwards).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    /// The text, without leading or trailing spaces.
    pub text: String,
    /// Start of the first visible glyph.
    pub x0: f32,
    /// End of the last visible glyph.
    pub x1: f32,
    /// The baseline.
    pub y: f32,
    /// The typical em size.
    pub size: f32,
    /// Width of the first unbreakable token (a CJK character or a run of Latin/digits).
    pub first_w: f32,
}

/// The lines of one page and the page's extent across lines.
#[derive(Debug, Clone, Default)]
pub(crate) struct PageLines {
    /// The page number (from 1).
    pub number: u32,
    /// Lines from top to bottom.
    pub lines: Vec<Line>,
    /// The top of the page (largest y) in the reading frame.
    pub top: f32,
    /// The bottom of the page (smallest y) in the reading frame.
    pub bottom: f32,
    /// The width of the page along the lines.
    pub width: f32,
}

/// Characters of CJK text: no space is ever inferred next to them.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF
        | 0x2010..=0x206F
        | 0x25A0..=0x25FF
        | 0x2E80..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF
        | 0xFE10..=0xFE1F
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF)
}

fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\u{A0}' | '\u{3000}' | '\t' | '\u{2002}'..='\u{200B}'
    )
}

/// Maps device coordinates into the frame where direction `dir` runs along +x.
fn to_frame(dir: u8, x: f32, y: f32) -> (f32, f32) {
    match dir {
        1 => (y, -x),
        2 => (-x, -y),
        3 => (-y, x),
        _ => (x, y),
    }
}

/// Groups the glyphs of a page into lines. `bbox` is the page box `[x0, y0, x1, y1]`.
pub(crate) fn page_lines(number: u32, glyphs: &[Glyph], bbox: [f32; 4]) -> PageLines {
    let mut counts = [0usize; 4];
    for g in glyphs {
        counts[usize::from(g.dir & 3)] += 1;
    }
    let dir = (0..4u8)
        .max_by_key(|&d| (counts[usize::from(d)], d == 0))
        .unwrap_or(0);
    let corners = [
        (bbox[0], bbox[1]),
        (bbox[2], bbox[3]),
        (bbox[0], bbox[3]),
        (bbox[2], bbox[1]),
    ];
    let ys: Vec<f32> = corners
        .iter()
        .map(|&(x, y)| to_frame(dir, x, y).1)
        .collect();
    let top = ys.iter().copied().fold(f32::MIN, f32::max);
    let bottom = ys.iter().copied().fold(f32::MAX, f32::min);
    let xs: Vec<f32> = corners
        .iter()
        .map(|&(x, y)| to_frame(dir, x, y).0)
        .collect();
    let width =
        xs.iter().copied().fold(f32::MIN, f32::max) - xs.iter().copied().fold(f32::MAX, f32::min);

    let mut gs: Vec<Glyph> = glyphs
        .iter()
        .filter(|g| g.dir == dir)
        .map(|g| {
            let (x, y) = to_frame(dir, g.x, g.y);
            Glyph { x, y, ..*g }
        })
        .collect();
    gs.sort_by(|a, b| b.y.total_cmp(&a.y));

    let mut lines = Vec::new();
    let mut start = 0;
    while start < gs.len() {
        let y0 = gs[start].y;
        let mut size = gs[start].size;
        let mut end = start + 1;
        while end < gs.len() {
            let g = &gs[end];
            if y0 - g.y > 0.4 * size.max(g.size).min(2.0 * size.min(g.size)) {
                break;
            }
            size = size.max(g.size);
            end += 1;
        }
        let group = &mut gs[start..end];
        group.sort_by(|a, b| a.x.total_cmp(&b.x));
        if let Some(line) = make_line(group) {
            lines.push(line);
        }
        start = end;
    }
    PageLines {
        number,
        lines,
        top,
        bottom,
        width,
    }
}

/// Builds one line from glyphs sorted by x; `None` when it has only spaces.
fn make_line(glyphs: &[Glyph]) -> Option<Line> {
    let mut text = String::new();
    let mut prev: Option<&Glyph> = None;
    let mut pending_space = false;
    let mut sizes: Vec<f32> = Vec::new();
    let mut x0 = f32::MAX;
    let mut x1 = f32::MIN;
    for g in glyphs {
        if is_space(g.ch) {
            pending_space = prev.is_some();
            continue;
        }
        if let Some(p) = prev {
            // Overprinted duplicates (fake bold) show once.
            if p.ch == g.ch && (g.x - p.x).abs() < 0.2 * g.size.max(p.size) {
                continue;
            }
            if !is_cjk(p.ch) && !is_cjk(g.ch) {
                let gap = g.x - (p.x + p.w);
                if pending_space || gap > 0.3 * g.size.max(p.size) {
                    text.push(' ');
                }
            }
        }
        pending_space = false;
        text.push(g.ch);
        sizes.push(g.size);
        x0 = x0.min(g.x);
        x1 = x1.max(g.x + g.w);
        prev = Some(g);
    }
    if text.is_empty() {
        return None;
    }
    sizes.sort_by(f32::total_cmp);
    let size = sizes[sizes.len() / 2];
    let visible: Vec<&Glyph> = glyphs.iter().filter(|g| !is_space(g.ch)).collect();
    let first_w = first_token_width(&visible);
    let y = median_y(&visible);
    Some(Line {
        text,
        x0,
        x1,
        y,
        size,
        first_w,
    })
}

fn median_y(glyphs: &[&Glyph]) -> f32 {
    let mut ys: Vec<f32> = glyphs.iter().map(|g| g.y).collect();
    ys.sort_by(f32::total_cmp);
    ys.get(ys.len() / 2).copied().unwrap_or(0.0)
}

/// Opening brackets and quotes (never at the end of a line in CJK typesetting).
pub(crate) fn is_opening(c: char) -> bool {
    matches!(
        c,
        '“' | '‘' | '（' | '(' | '【' | '《' | '「' | '『' | '〔' | '［' | '[' | '〈' | '｛'
    )
}

/// Closing brackets, quotes and punctuation (never at the start of a line in CJK typesetting).
pub(crate) fn is_closing(c: char) -> bool {
    matches!(
        c,
        '”' | '’'
            | '）'
            | ')'
            | '】'
            | '》'
            | '」'
            | '』'
            | '〕'
            | '］'
            | ']'
            | '〉'
            | '｝'
            | '，'
            | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '…'
            | '·'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
    )
}

/// Index after one base unit starting at `i`: a CJK character or a run of other characters.
fn base_unit(glyphs: &[&Glyph], mut i: usize) -> usize {
    let Some(first) = glyphs.get(i) else { return i };
    i += 1;
    if is_cjk(first.ch) {
        return i;
    }
    let mut end = first.x + first.w;
    while let Some(g) = glyphs.get(i) {
        if is_cjk(g.ch) || is_opening(g.ch) || g.x - end > 0.3 * g.size {
            break;
        }
        end = g.x + g.w;
        i += 1;
    }
    i
}

/// The width of the first unit a line breaker cannot split: opening punctuation, a CJK
/// character or a Latin/digit run, the closing punctuation kept with it, and after a
/// closing quote the next unit too (no break is allowed around quotes).
fn first_token_width(glyphs: &[&Glyph]) -> f32 {
    let Some(first) = glyphs.first() else {
        return 0.0;
    };
    let mut i = 0;
    while glyphs.get(i).is_some_and(|g| is_opening(g.ch)) {
        i += 1;
    }
    i = base_unit(glyphs, i);
    let mut after_quote = false;
    while let Some(g) = glyphs.get(i).filter(|g| is_closing(g.ch)) {
        after_quote = matches!(g.ch, '”' | '’');
        i += 1;
    }
    if after_quote {
        i = base_unit(glyphs, i);
    }
    let last = glyphs[i.clamp(1, glyphs.len()) - 1];
    last.x + last.w - first.x
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(x: f32, y: f32, ch: char) -> Glyph {
        let w = if is_cjk(ch) { 12.0 } else { 6.0 };
        Glyph {
            x,
            y,
            w,
            size: 12.0,
            ch,
            dir: 0,
        }
    }

    fn run(x: f32, y: f32, s: &str, gap: f32) -> Vec<Glyph> {
        let mut out = Vec::new();
        let mut x = x;
        for ch in s.chars() {
            let g = glyph(x, y, ch);
            x += g.w + gap;
            out.push(g);
        }
        out
    }

    #[test]
    fn no_space_between_cjk_and_digits_even_with_gaps() {
        let mut g = run(0.0, 700.0, "被告人张", 0.0);
        g.extend(run(52.0, 700.0, "3", 0.0));
        g.extend(run(62.0, 700.0, "，女，", 0.0));
        g.extend(run(102.0, 700.0, "1975", 0.0));
        g.extend(run(132.0, 700.0, "年", 0.0));
        let p = page_lines(1, &g, [0.0, 0.0, 595.0, 842.0]);
        assert_eq!(p.lines.len(), 1);
        assert_eq!(p.lines[0].text, "被告人张3，女，1975年");
    }

    #[test]
    fn latin_words_get_spaces_and_lines_split() {
        let mut g = run(0.0, 700.0, "Hello", 0.0);
        g.extend(run(36.0, 700.0, "world", 0.0));
        g.extend(run(0.0, 680.0, "下一行", 0.0));
        let p = page_lines(1, &g, [0.0, 0.0, 595.0, 842.0]);
        assert_eq!(p.lines.len(), 2);
        assert_eq!(p.lines[0].text, "Hello world");
        assert_eq!(p.lines[1].text, "下一行");
        assert_eq!(p.lines[1].first_w, 12.0);
        let g = run(0.0, 700.0, "2”的身份", 0.0);
        assert_eq!(
            page_lines(1, &g, [0.0, 0.0, 595.0, 842.0]).lines[0].first_w,
            30.0
        );
    }

    #[test]
    fn real_space_between_cjk_is_dropped_and_duplicates_merged() {
        let mut g = run(0.0, 700.0, "审 判", 0.0);
        g.push(glyph(0.3, 700.0, '审'));
        let p = page_lines(1, &g, [0.0, 0.0, 595.0, 842.0]);
        assert_eq!(p.lines[0].text, "审判");
    }
}
