//! Law citations: `《中华人民共和国刑法》第二百六十四条、第六十七条第三款、第一百三十三条之一第一款第（二）项`.

use super::numeral::parse_int;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::LazyLock;

/// One cited article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// The law: `刑法`, `刑事诉讼法`, or the title as written for others.
    pub law: String,
    /// Article number with suffix, e.g. `264`, `133之一`.
    pub article: String,
    /// 款, if cited.
    pub clause: Option<u32>,
    /// 项, if cited.
    pub item: Option<u32>,
    /// Byte span of this article's citation.
    #[serde(skip)]
    pub span: Range<usize>,
}

const CN: &str = "0-9零〇一二三四五六七八九十百千两";

/// Further 款 / 项 of the same article (`第一款、第四款`, `第（一）、（二）项`), skipped over.
static MORE_CLAUSES_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(&format!(
        r"^(?:[、，,和及]\s?(?:第?\s?[{CN}]+(?:[、，,][{CN}]+)*\s?款(?:第?[（(]?[{CN}]+[）)]?项)?|第?[（(][{CN}]+[）)](?:项)?|[（(][{CN}]+[）)]项?))+"
    ))
});

static LAW_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(r"《([^《》]{1,60})》|(?:^|[^《\p{Han}])(刑法|刑事诉讼法)(?:第)")
});

static ARTICLE_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(&format!(
        r"^(?:[、，,和及以与]|以及|\s)*第?\s?([{CN}]+)\s?条(之[一二三四五六七八九十]+)?(?:\s?第?\s?([{CN}]+)(?:[、，,][{CN}]+)*\s?款)?(?:\s?第?\s?[（(]?([{CN}]+)[）)]?\s?项)?"
    ))
});

/// A short form the document announces after a title: `（以下简称《刑法》）`, `（以下称“刑诉法”）`.
static ABBREVIATION_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r#"^\s?[（(]\s?(?:以下|下文)(?:简称|称)(?:为)?\s?[《“"]([^《》“”"（）()]{1,20})[》”"]\s?[）)]"#,
    )
});

/// Canonical name of a law title.
fn law_name(title: &str) -> String {
    let t = title.trim_start_matches("中华人民共和国");
    match t {
        "刑法" => "刑法".into(),
        "刑事诉讼法" => "刑事诉讼法".into(),
        _ => title.to_string(),
    }
}

/// The law a match of [`LAW_RE`] cites and where its articles start, from the match alone:
/// `《title》` (only the first alternative starts with 《) gives the title and the match end;
/// otherwise the match is an optional character that is neither 《 nor an ideograph, 刑法 or
/// 刑事诉讼法, and 第, and the articles start before 第.
fn law_of(m: regex::Match) -> (String, usize) {
    let s = m.as_str();
    if let Some(title) = s.strip_prefix('《').and_then(|t| t.strip_suffix('》')) {
        return (law_name(title), m.end());
    }
    let body = s.strip_suffix('第').unwrap_or(s);
    let law = if body.ends_with("刑事诉讼法") {
        "刑事诉讼法"
    } else {
        "刑法"
    };
    (law_name(law), m.start() + body.len())
}

/// Finds every cited article in `text`, grouped under the law cited before them.
///
/// ```
/// use wenshu::primitives::find_articles;
/// let a = find_articles("依照《中华人民共和国刑法》第一百三十三条之一第一款第（二）项、第六十七条第三款之规定");
/// assert_eq!(a[0].article, "133之一");
/// assert_eq!((a[0].clause, a[0].item), (Some(1), Some(2)));
/// assert_eq!(a[1].article, "67");
/// ```
pub fn find_articles(text: &str) -> Vec<Article> {
    let mut out = Vec::new();
    // Short forms announced after a full title (`（以下简称《刑法》）`) and the law they stand for.
    let mut short: Vec<(String, String)> = Vec::new();
    for m in LAW_RE.find_iter(text) {
        let (mut law, mut at) = law_of(m);
        if let Some((_, full)) = short.iter().find(|(s, _)| *s == law) {
            law = full.clone();
        }
        if let Some(a) = ABBREVIATION_RE.captures(&text[at..]) {
            if let (Some(whole), Some(s)) = (a.get(0), a.get(1)) {
                short.push((s.as_str().to_string(), law.clone()));
                at += whole.end();
            }
        }
        while let Some(a) = ARTICLE_RE.captures(&text[at..]) {
            let Some(whole) = a.get(0) else { break };
            if whole.is_empty() {
                break;
            }
            let Some(num) = parse_int(&a[1]) else { break };
            let suffix = a.get(2).map_or("", |m| m.as_str());
            // The citation starts at its 第 when written (blanks may stand between 第 and
            // the number), else at the number.
            let num_start = a.get(1).map_or(0, |m| m.start());
            let start = at + text[at..at + num_start].rfind('第').unwrap_or(num_start);
            out.push(Article {
                law: law.clone(),
                article: format!("{num}{suffix}"),
                clause: a.get(3).and_then(|m| parse_int(m.as_str())),
                item: a.get(4).and_then(|m| parse_int(m.as_str())),
                span: start..at + whole.end(),
            });
            at += whole.end();
            if let Some(more) = MORE_CLAUSES_RE.find(&text[at..]) {
                at += more.end();
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `law_of` gives what the capture groups gave, on every committed fixture.
    #[test]
    fn law_of_is_the_capture_groups() {
        let mut texts = vec![
            "刑法第一条，《刑法》第二条，x刑事诉讼法第三条，《》《中华人民共和国刑事诉讼法》刑法第"
                .to_string(),
        ];
        for dir in ["tests/fixtures/judgments", "tests/fixtures/procuratorate"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                if e.path().extension().is_some_and(|x| x == "txt") {
                    texts.extend(std::fs::read_to_string(e.path()));
                }
            }
        }
        let mut found = 0;
        for text in &texts {
            let text = crate::text::normalize(text).text;
            let want: Vec<(String, usize)> = LAW_RE
                .captures_iter(&text)
                .filter_map(|c| match (c.get(1), c.get(2)) {
                    (Some(t), _) => Some((law_name(t.as_str()), c.get(0)?.end())),
                    (None, Some(t)) => Some((law_name(t.as_str()), t.end())),
                    _ => None,
                })
                .collect();
            let got: Vec<(String, usize)> = LAW_RE.find_iter(&text).map(law_of).collect();
            assert_eq!(got, want);
            found += want.len();
        }
        assert!(found > 20, "{found}");
    }

    /// (text, [(law, article, clause, item)])
    #[test]
    fn examples() {
        type Cited<'a> = (&'a str, &'a str, Option<u32>, Option<u32>);
        let cases: &[(&str, &[Cited])] = &[
            (
                "《中华人民共和国刑法》第二百六十四条",
                &[("刑法", "264", None, None)],
            ),
            (
                "《中华人民共和国刑法》第二百六十四条、第六十七条第三款、第五十二条",
                &[
                    ("刑法", "264", None, None),
                    ("刑法", "67", Some(3), None),
                    ("刑法", "52", None, None),
                ],
            ),
            (
                "《中华人民共和国刑法》第一百三十三条之一第一款第（二）项",
                &[("刑法", "133之一", Some(1), Some(2))],
            ),
            (
                "《刑法》第264条，《中华人民共和国刑事诉讼法》第二百零一条",
                &[
                    ("刑法", "264", None, None),
                    ("刑事诉讼法", "201", None, None),
                ],
            ),
            ("第二百六十四条", &[]),
            (
                "《中华人民共和国刑事诉讼法》（以下简称《诉讼法》）第十五条，依照《诉讼法》第二百零一条",
                &[
                    ("刑事诉讼法", "15", None, None),
                    ("刑事诉讼法", "201", None, None),
                ],
            ),
            (
                "《中华人民共和国刑法》（以下简称“刑法”）第三百零三条",
                &[("刑法", "303", None, None)],
            ),
            // A short form nobody announced stays as written.
            ("《诉讼法》第十五条", &[("诉讼法", "15", None, None)]),
            (
                "《中华人民共和国刑法》第三百四十七条第一款、第四款、第七款、第六十七条第三款",
                &[
                    ("刑法", "347", Some(1), None),
                    ("刑法", "67", Some(3), None),
                ],
            ),
            (
                "《中华人民共和国刑法》第二百三十六条第一、二款、第六十七条第三款、第七十二条二款",
                &[
                    ("刑法", "236", Some(1), None),
                    ("刑法", "67", Some(3), None),
                    ("刑法", "72", Some(2), None),
                ],
            ),
            (
                "《中华人民共和国刑法》三百零七条之一、第七十二条第一款、第三款，第七十三条",
                &[
                    ("刑法", "307之一", None, None),
                    ("刑法", "72", Some(1), None),
                    ("刑法", "73", None, None),
                ],
            ),
            (
                "《最高人民法院关于审理盗窃案件的解释》第一条",
                &[("最高人民法院关于审理盗窃案件的解释", "1", None, None)],
            ),
        ];
        for (text, want) in cases {
            let got: Vec<(String, String, Option<u32>, Option<u32>)> = find_articles(text)
                .into_iter()
                .map(|a| (a.law, a.article, a.clause, a.item))
                .collect();
            let want: Vec<(String, String, Option<u32>, Option<u32>)> = want
                .iter()
                .map(|&(l, a, c, i)| (l.to_string(), a.to_string(), c, i))
                .collect();
            assert_eq!(got, want, "{text}");
        }
    }

    /// Found by fuzzing: a blank between 第 and the number put the span inside 第.
    #[test]
    fn spans_start_at_the_article_mark_whatever_stands_between() {
        let text = "《中华人民共和国刑法》第二百六十四条第一款、第\u{b}六十七条、 第 五十二条";
        let found = find_articles(text);
        let spans: Vec<&str> = found.iter().map(|a| &text[a.span.clone()]).collect();
        assert_eq!(
            spans,
            ["第二百六十四条第一款", "第\u{b}六十七条", "第 五十二条"]
        );
    }
}
