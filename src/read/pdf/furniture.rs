//! Page furniture: running headers, footers and page numbers, recognised by repetition
//! across pages (digits masked) and by page-number patterns at the page edges.

use super::lines::{Line, PageLines};
use regex::Regex;
use std::collections::HashMap;
use std::sync::OnceLock;

fn page_number_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let n = "(?:[0-9]+|[一二三四五六七八九十百零〇]+)";
        let pattern = format!(
            r"^(?:[-—–－_~·•]*[0-9]{{1,4}}[-—–－_~·•]*|第{n}页[,，/]?(?:共{n}页)?|共{n}页[,，]?第{n}页|[0-9]+/[0-9]+|(?i:page)[0-9]+(?:(?i:of)[0-9]+)?)$"
        );
        crate::pattern::re(&pattern)
    })
}

/// Whether `text` is a page number line (`3`, `- 3 -`, `第 3 页 共 5 页`, `3/5`).
pub(crate) fn is_page_number(text: &str) -> bool {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    !compact.is_empty() && compact.chars().count() <= 24 && page_number_re().is_match(&compact)
}

fn key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Edge {
    Top,
    Bottom,
}

/// Where the line at `idx` stands relative to the page edge: `(in_margin, detached)`.
/// `in_margin`: in the outer 7.5 % of the page; `detached`: separated from its neighbour
/// by more than 1.6 × the usual line distance.
fn edge_position(page: &PageLines, idx: usize, edge: Edge, pitch: f32) -> (bool, bool) {
    let line = &page.lines[idx];
    let height = (page.top - page.bottom).abs().max(1.0);
    let margin = 0.075 * height;
    let in_margin = match edge {
        Edge::Top => page.top - line.y < margin,
        Edge::Bottom => line.y - page.bottom < margin,
    };
    let neighbour = match edge {
        Edge::Top => page.lines.get(idx + 1),
        Edge::Bottom => idx.checked_sub(1).and_then(|i| page.lines.get(i)),
    };
    let detached = neighbour.is_none_or(|n| (n.y - line.y).abs() > 1.6 * pitch);
    (in_margin, detached)
}

/// Removes running headers, footers and page numbers. Returns how many lines went.
pub(crate) fn strip(pages: &mut [PageLines], pitch: f32) -> usize {
    let mut removed = 0;
    // Two rounds: a header line and a page number can both sit at one edge.
    for _ in 0..2 {
        let mut seen: HashMap<(Edge, String), usize> = HashMap::new();
        let pages_with_text = pages.iter().filter(|p| !p.lines.is_empty()).count();
        for p in pages.iter() {
            for (edge, idx) in edges(p) {
                if edge_position(p, idx, edge, pitch).1 {
                    *seen.entry((edge, key(&p.lines[idx].text))).or_insert(0) += 1;
                }
            }
        }
        let mut any = false;
        for p in pages.iter_mut() {
            let mut drop: Vec<usize> = Vec::new();
            for (edge, idx) in edges(p) {
                let (in_margin, detached) = edge_position(p, idx, edge, pitch);
                let line: &Line = &p.lines[idx];
                let repeats = seen.get(&(edge, key(&line.text))).copied().unwrap_or(0);
                let repeated = detached && repeats >= 2 && repeats * 2 > pages_with_text;
                if repeated || ((detached || in_margin) && is_page_number(&line.text)) {
                    drop.push(idx);
                }
            }
            drop.sort_unstable();
            drop.dedup();
            for idx in drop.into_iter().rev() {
                p.lines.remove(idx);
                removed += 1;
                any = true;
            }
        }
        if !any {
            break;
        }
    }
    removed
}

fn edges(p: &PageLines) -> Vec<(Edge, usize)> {
    match p.lines.len() {
        0 => Vec::new(),
        1 => vec![(Edge::Bottom, 0)],
        n => vec![(Edge::Top, 0), (Edge::Bottom, n - 1)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, y: f32) -> Line {
        Line {
            text: text.into(),
            x0: 100.0,
            x1: 300.0,
            y,
            size: 12.0,
            first_w: 12.0,
        }
    }

    #[test]
    fn page_numbers() {
        for t in [
            "3",
            "- 3 -",
            "—3—",
            "第 3 页 共 5 页",
            "第3页",
            "3/5",
            "Page 3 of 5",
            "第三页",
        ] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["2017年", "第3条", "三、", "(2016)"] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    #[test]
    fn repeated_header_and_footer_removed() {
        let mut pages: Vec<PageLines> = (1..=3)
            .map(|n| PageLines {
                number: n,
                lines: vec![
                    line("某某法院刑事判决书", 800.0),
                    line("正文一", 700.0),
                    line("正文二", 680.0),
                    line(&format!("- {n} -"), 40.0),
                ],
                top: 842.0,
                bottom: 0.0,
                width: 595.0,
            })
            .collect();
        assert_eq!(strip(&mut pages, 20.0), 6);
        assert_eq!(pages[0].lines.len(), 2);
        assert_eq!(pages[2].lines[0].text, "正文一");
    }

    #[test]
    fn title_on_some_pages_is_kept() {
        let mut pages: Vec<PageLines> = (1..=4)
            .map(|n| PageLines {
                number: n,
                lines: vec![
                    line(if n % 3 == 1 { "某某法院" } else { "正文" }, 780.0),
                    line("正文一", 760.0),
                ],
                top: 842.0,
                bottom: 0.0,
                width: 595.0,
            })
            .collect();
        strip(&mut pages, 20.0);
        assert_eq!(pages[0].lines[0].text, "某某法院");
    }
}
