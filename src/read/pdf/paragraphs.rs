//! Lines → paragraphs, from geometry: first-line indents, short last lines, vertical gaps,
//! size changes, and continuation across page breaks.

use super::lines::{is_cjk, is_closing, is_opening, Line, PageLines};

/// One paragraph and the page on which it starts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Paragraph {
    /// The text: its lines joined without separator (a space only between Latin words).
    pub text: String,
    /// The page (from 1) of its first line.
    pub page: u32,
}

/// Document-wide layout measures, from the body text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Metrics {
    /// The em size of body text.
    pub body_size: f32,
    /// The usual distance between baselines of body text.
    pub pitch: f32,
    /// The common left margin.
    pub left: f32,
    /// The common right margin.
    pub right: f32,
}

fn weighted_median_size(pages: &[PageLines]) -> f32 {
    let mut sizes: Vec<(f32, usize)> = pages
        .iter()
        .flat_map(|p| &p.lines)
        .map(|l| (l.size, l.text.chars().count()))
        .collect();
    sizes.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total: usize = sizes.iter().map(|s| s.1).sum();
    let mut acc = 0;
    for (s, n) in &sizes {
        acc += n;
        if acc * 2 >= total {
            return *s;
        }
    }
    12.0
}

fn is_body(l: &Line, body: f32) -> bool {
    (l.size - body).abs() <= 0.2 * body
}

/// The smallest x at which many lines start (the left margin), clustering within `tol`.
fn left_margin(xs: &mut [f32], tol: f32) -> Option<f32> {
    xs.sort_by(f32::total_cmp);
    let n = xs.len();
    if n == 0 {
        return None;
    }
    let mut counts = Vec::with_capacity(n);
    let mut hi = 0;
    for i in 0..n {
        while hi < n && xs[hi] - xs[i] <= tol {
            hi += 1;
        }
        counts.push(hi - i);
    }
    let max = counts.iter().copied().max().unwrap_or(1);
    let need = (max * 15 / 100).max(2).min(max);
    counts.iter().position(|&c| c >= need).map(|i| xs[i])
}

fn percentile(values: &mut [f32], p: f32) -> Option<f32> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f32::total_cmp);
    let idx = ((values.len() - 1) as f32 * p).round() as usize;
    values.get(idx).copied()
}

/// Measures the body text of the document.
pub(crate) fn metrics(pages: &[PageLines]) -> Metrics {
    let body_size = weighted_median_size(pages);
    let body: Vec<&Line> = pages
        .iter()
        .flat_map(|p| &p.lines)
        .filter(|l| is_body(l, body_size))
        .collect();
    let mut pitches: Vec<f32> = Vec::new();
    for p in pages {
        for w in p.lines.windows(2) {
            let dy = w[0].y - w[1].y;
            if is_body(&w[0], body_size) && is_body(&w[1], body_size) && dy > 0.5 * body_size {
                pitches.push(dy);
            }
        }
    }
    let pitch = percentile(&mut pitches, 0.5).unwrap_or(1.2 * body_size);
    let mut xs: Vec<f32> = body.iter().map(|l| l.x0).collect();
    let left = left_margin(&mut xs, 0.25 * body_size).unwrap_or(0.0);
    let mut ends: Vec<f32> = body
        .iter()
        .filter(|l| l.text.chars().count() >= 4)
        .map(|l| l.x1)
        .collect();
    let right = percentile(&mut ends, 0.8).unwrap_or(left + 40.0 * body_size);
    Metrics {
        body_size,
        pitch,
        left,
        right,
    }
}

/// Whether `cur` starts a new paragraph after `prev` (`same_page`: both on one page).
fn breaks(prev: &Line, cur: &Line, m: &Metrics, same_page: bool) -> bool {
    let size = prev.size.max(cur.size);
    if cur.x0 - m.left > 0.6 * cur.size {
        return true;
    }
    // A line starting with closing punctuation, or following one that ends with opening
    // punctuation, continues a paragraph however the line breaker filled the line before.
    let glued = cur.text.chars().next().is_some_and(is_closing)
        || prev.text.chars().next_back().is_some_and(is_opening);
    if !glued && m.right - prev.x1 > cur.first_w + 1.2 * size {
        return true;
    }
    if (prev.size - cur.size).abs() > 0.08 * size {
        return true;
    }
    if same_page {
        let dy = prev.y - cur.y;
        let pitch = m.pitch * size / m.body_size.max(0.1);
        if dy <= 0.0 || dy > 1.6 * pitch {
            return true;
        }
    }
    false
}

fn join(text: &mut String, line: &str) {
    let last = text.chars().next_back();
    let first = line.chars().next();
    if let (Some(a), Some(b)) = (last, first) {
        if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() && !is_cjk(a) {
            text.push(' ');
        }
    }
    text.push_str(line);
}

/// Groups the lines of all pages into paragraphs. Pages of different widths (a landscape
/// page among portrait ones) are measured separately.
pub(crate) fn paragraphs(pages: &[PageLines]) -> Vec<Paragraph> {
    let width_key = |p: &PageLines| p.width.round() as i64;
    let mut groups: Vec<(i64, Metrics)> = Vec::new();
    for p in pages {
        let key = width_key(p);
        if !groups.iter().any(|g| g.0 == key) {
            let same: Vec<PageLines> = pages
                .iter()
                .filter(|q| width_key(q) == key)
                .cloned()
                .collect();
            groups.push((key, metrics(&same)));
        }
    }
    let mut out: Vec<Paragraph> = Vec::new();
    let mut prev: Option<&Line> = None;
    for page in pages {
        let key = width_key(page);
        let Some(&(_, m)) = groups.iter().find(|g| g.0 == key) else {
            continue;
        };
        for (i, line) in page.lines.iter().enumerate() {
            let new = match prev {
                None => true,
                Some(p) => breaks(p, line, &m, i > 0),
            };
            match out.last_mut() {
                Some(para) if !new => join(&mut para.text, &line.text),
                _ => out.push(Paragraph {
                    text: line.text.clone(),
                    page: page.number,
                }),
            }
            prev = Some(line);
        }
        if page.lines.is_empty() {
            prev = None;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, x0: f32, y: f32) -> Line {
        let n = text.chars().count() as f32;
        Line {
            text: text.into(),
            x0,
            x1: x0 + 12.0 * n,
            y,
            size: 12.0,
            first_w: 12.0,
        }
    }

    fn page(n: u32, lines: Vec<Line>) -> PageLines {
        PageLines {
            number: n,
            lines,
            top: 842.0,
            bottom: 0.0,
            width: 595.0,
        }
    }

    #[test]
    fn indent_short_lines_and_page_continuation() {
        // 10-character measure from x=100 to x=220; first-line indent 2 em.
        let p1 = page(
            1,
            vec![
                line("一一一一一一一一", 124.0, 700.0),
                line("二二二二二二二二二二", 100.0, 680.0),
                line("三三三", 100.0, 660.0),
                line("四四四四四四四四", 124.0, 640.0),
                line("五五五五五五五五五五", 100.0, 620.0),
            ],
        );
        let p2 = page(
            2,
            vec![
                line("六六六", 100.0, 700.0),
                line("七七七七七七七七", 124.0, 680.0),
            ],
        );
        let paras = paragraphs(&[p1, p2]);
        let texts: Vec<&str> = paras.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "一一一一一一一一二二二二二二二二二二三三三",
                "四四四四四四四四五五五五五五五五五五六六六",
                "七七七七七七七七"
            ]
        );
        assert_eq!(paras[1].page, 1);
        assert_eq!(paras[2].page, 2);
    }

    #[test]
    fn vertical_gap_breaks() {
        let p = page(
            1,
            vec![
                line("一一一一一一一一一一", 100.0, 700.0),
                line("二二二二二二二二二二", 100.0, 680.0),
                line("三三三三三三三三三三", 100.0, 640.0),
                line("四四四四四四四四四四", 100.0, 620.0),
            ],
        );
        assert_eq!(paragraphs(&[p]).len(), 2);
    }
}
