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

/// The groups of an [`ARTICLE_RE`] match (which starts at the haystack's start).
#[derive(Debug, PartialEq)]
struct ArticleGroups<'a> {
    /// The article number and where it starts.
    number: &'a str,
    number_start: usize,
    /// `之一` …, or empty.
    suffix: &'a str,
    clause: Option<&'a str>,
    item: Option<&'a str>,
}

fn is_cn(c: char) -> bool {
    c.is_ascii_digit()
        || matches!(
            c,
            '零' | '〇'
                | '一'
                | '二'
                | '三'
                | '四'
                | '五'
                | '六'
                | '七'
                | '八'
                | '九'
                | '十'
                | '百'
                | '千'
                | '两'
        )
}

/// `s` less one leading white-space character, if any (`\s?`).
fn skip_space(s: &str) -> &str {
    s.strip_prefix(char::is_whitespace).unwrap_or(s)
}

/// The leading run of numeral characters of `s`.
fn numeral_run(s: &str) -> &str {
    let end = s.find(|c: char| !is_cn(c)).unwrap_or(s.len());
    &s[..end]
}

/// The numeral after `\s?第?\s?` and, for an item, `[（(]?`.
fn part_number(s: &str, bracket: bool) -> &str {
    let s = skip_space(s);
    let s = s.strip_prefix('第').unwrap_or(s);
    let s = skip_space(s);
    let s = if bracket {
        s.strip_prefix(['（', '(']).unwrap_or(s)
    } else {
        s
    };
    numeral_run(s)
}

/// The capture groups of an [`ARTICLE_RE`] match, read from the match alone rather than with
/// the capture engine. Numerals, the connectives before the article, 第, 条, 之, 款, 项 and
/// brackets are distinct characters, so each group is the numeral run after its markers: the
/// article number the first one (after connectives, 第 and a space); the 款 part is in the match
/// when the match has a 款 after 条, the 项 part when it has a 项.
fn article_groups(s: &str) -> ArticleGroups<'_> {
    let lead = s.trim_start_matches(|c: char| {
        matches!(c, '、' | '，' | ',' | '和' | '及' | '以' | '与') || c.is_whitespace()
    });
    let at_number = skip_space(lead.strip_prefix('第').unwrap_or(lead));
    let number = numeral_run(at_number);
    let number_start = s.len() - at_number.len();
    let after_number = &at_number[number.len()..];
    let rest = skip_space(after_number)
        .strip_prefix('条')
        .unwrap_or(after_number);
    let suffix_len = rest.strip_prefix('之').map_or(0, |t| {
        let run = t
            .find(|c: char| {
                !matches!(
                    c,
                    '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
                )
            })
            .unwrap_or(t.len());
        if run > 0 {
            '之'.len_utf8() + run
        } else {
            0
        }
    });
    let (suffix, rest) = rest.split_at(suffix_len);
    let (clause, rest) = match rest.find('款') {
        Some(i) => (Some(part_number(rest, false)), &rest[i + '款'.len_utf8()..]),
        None => (None, rest),
    };
    let item = rest.contains('项').then(|| part_number(rest, true));
    ArticleGroups {
        number,
        number_start,
        suffix,
        clause,
        item,
    }
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
        while let Some(whole) = ARTICLE_RE.find(&text[at..]) {
            if whole.is_empty() {
                break;
            }
            let a = article_groups(whole.as_str());
            let Some(num) = parse_int(a.number) else {
                break;
            };
            // The citation starts at its 第 when written (blanks may stand between 第 and
            // the number), else at the number.
            let num_start = a.number_start;
            let start = at + text[at..at + num_start].rfind('第').unwrap_or(num_start);
            out.push(Article {
                law: law.clone(),
                article: format!("{num}{}", a.suffix),
                clause: a.clause.and_then(parse_int),
                item: a.item.and_then(parse_int),
                span: start..at + whole.end(),
            });
            at += whole.end();
            if let Some(more) = MORE_CLAUSES_RE.find(&text[at..]) {
                at += more.end();
            }
        }
        // `…触犯《刑法》第二百六十四条，…，并依照第六十九条数罪并罚`, `…系主犯（第二十六条）`,
        // `不符合该法第八十一条…`, `第二百六十四条规定的盗窃罪、第三百一十二条规定的…`: later in
        // the same sentence, an article cited with 依照 / 根据, in brackets, after 该法 / 本法 /
        // 同法 or after a 、, with no law of its own, is of the same law.
        let sentence_end = text[at..].find('。').map_or(text.len(), |i| at + i);
        let next_law = LAW_RE.find_at(text, at).map_or(text.len(), |l| l.start());
        let zone = &text[at..sentence_end.min(next_law)];
        for (i, _) in zone.match_indices(['依', '根', '按', '该', '本', '同', '（', '(', '、'])
        {
            let after = &zone[i..];
            let Some(rest) = [
                "依照", "根据", "依据", "按照", "该法", "本法", "同法", "（", "(", "、",
            ]
            .iter()
            .find_map(|w| after.strip_prefix(w))
            .filter(|r| r.starts_with('第')) else {
                continue;
            };
            let from = at + i + (after.len() - rest.len());
            let Some(whole) = ARTICLE_RE.find(&text[from..]).filter(|w| !w.is_empty()) else {
                continue;
            };
            let a = article_groups(whole.as_str());
            let Some(num) = parse_int(a.number) else {
                continue;
            };
            out.push(Article {
                law: law.clone(),
                article: format!("{num}{}", a.suffix),
                clause: a.clause.and_then(parse_int),
                item: a.item.and_then(parse_int),
                span: from..from + whole.end(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_article_cited_later_in_the_sentence_without_its_law_is_of_the_same_law() {
        let a = find_articles(
            "触犯了《中华人民共和国刑法》第二百六十四条，应当以盗窃罪追究其刑事责任，并依照第六十九条数罪并罚。依照第十五条从宽。",
        );
        let got: Vec<(&str, &str)> = a
            .iter()
            .map(|a| (a.law.as_str(), a.article.as_str()))
            .collect();
        assert_eq!(got, [("刑法", "264"), ("刑法", "69")]);
        assert!(a[1].span.start > a[0].span.end);
    }

    #[test]
    fn an_article_in_brackets_or_after_gaifa_is_of_the_law_before_it() {
        let a = find_articles(
            "系共同犯罪（《中华人民共和国刑法》第二十五条第一款），甲系主犯（第二十六条第一款）；乙系从犯（第二十七条）。另见（第三十条）。",
        );
        let got: Vec<&str> = a.iter().map(|a| a.article.as_str()).collect();
        assert_eq!(got, ["25", "26", "27"]);
        let a = find_articles(
            "根据《中华人民共和国刑事诉讼法》第二百八十条第一款的规定，不符合该法第八十一条第一款规定的逮捕条件。",
        );
        let got: Vec<(&str, &str)> = a
            .iter()
            .map(|a| (a.law.as_str(), a.article.as_str()))
            .collect();
        assert_eq!(got, [("刑事诉讼法", "280"), ("刑事诉讼法", "81")]);
    }

    #[test]
    fn an_article_after_a_comma_of_enumeration_later_in_the_sentence_is_of_the_same_law() {
        let a = find_articles(
            "应当审查其行为是否涉嫌《中华人民共和国刑法》第二百六十四条规定的盗窃罪、第三百一十二条规定的掩饰、隐瞒犯罪所得罪。",
        );
        let got: Vec<&str> = a.iter().map(|a| a.article.as_str()).collect();
        assert_eq!(got, ["264", "312"]);
    }

    /// `article_groups` reads the groups the capture engine finds.
    fn assert_article_groups(hay: &str) -> bool {
        let Some(c) = ARTICLE_RE.captures(hay) else {
            return false;
        };
        let whole = c.get(0).unwrap();
        let want = ArticleGroups {
            number: c.get(1).map_or("", |m| m.as_str()),
            number_start: c.get(1).map_or(0, |m| m.start()),
            suffix: c.get(2).map_or("", |m| m.as_str()),
            clause: c.get(3).map(|m| m.as_str()),
            item: c.get(4).map(|m| m.as_str()),
        };
        assert_eq!(article_groups(whole.as_str()), want, "{hay:?}");
        true
    }

    #[test]
    fn article_groups_are_the_capture_groups() {
        let mut texts = vec![
            "第一百三十三条之一第一款第（二）项、第六十七条第三款、第五十二条 以及 第 5 条 之二 第1、2款 （三） 项".to_string(),
        ];
        texts.extend(crate::test_support::fixture_texts(&[
            "tests/fixtures/judgments",
            "tests/fixtures/procuratorate",
        ]));
        let mut found = 0;
        for text in &texts {
            let text = crate::text::normalize(text).text;
            for (i, _) in text.char_indices() {
                found += usize::from(assert_article_groups(&text[i..]));
            }
        }
        assert!(found > 50, "{found}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(3000))]
        #[test]
        fn article_groups_are_the_capture_groups_anywhere(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "第", "条", "之", "一", "十", "百", "两", "零", "3", "12", "款", "项", "（", "(", "）", ")",
                "、", "，", ",", "和", "及", "以", "与", "以及", " ", "\u{3000}", "\u{b}", "刑法", "之规定", "。",
            ]), 0..20)
        ) {
            assert_article_groups(&parts.concat());
        }
    }

    /// `law_of` gives what the capture groups gave, on every committed fixture.
    #[test]
    fn law_of_is_the_capture_groups() {
        let mut texts = vec![
            "刑法第一条，《刑法》第二条，x刑事诉讼法第三条，《》《中华人民共和国刑事诉讼法》刑法第"
                .to_string(),
        ];
        texts.extend(crate::test_support::fixture_texts(&[
            "tests/fixtures/judgments",
            "tests/fixtures/procuratorate",
        ]));
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
