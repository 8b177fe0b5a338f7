//! Sentencing circumstances (累犯, 自首, 坦白 …) and who asserts, affirms or rejects them.

use crate::document::{Document, Evidence};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::LazyLock;

/// Who states a circumstance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// The issuing organ affirms it (the court in a judgment, the procuratorate in an indictment).
    Affirmed,
    /// It is claimed (by the defence or the prosecution) and rejected.
    Rejected,
}

/// A sentencing circumstance for one person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Circumstance {
    /// The tag (累犯, 自首, 坦白, 立功, 认罪认罚, 未遂, 中止, 预备, 从犯, 主犯, 未成年人, 退赃退赔, 取得谅解, 前科).
    pub tag: String,
    /// Affirmed or rejected.
    pub stance: Stance,
    /// The sentence it was read from.
    pub evidence: Evidence,
}

/// (tag, pattern that affirms it, pattern that negates it in the same sentence)
static TAGS: LazyLock<Vec<(&'static str, Regex, Option<Regex>)>> = LazyLock::new(|| {
    let r = |p: &str| crate::pattern::re(p);
    vec![
        ("累犯", r("累犯"), Some(r("不(?:构成|属于?|是|系|能认定为?)累犯|累犯[^，。；]{0,10}不(?:成立|能成立|予)"))),
        ("自首", r("自首"), Some(r("不(?:构成|属于?|是|系|能认定为?|应认定为?|具有|符合)[^，。；]{0,8}自首|自首[^，。；]{0,12}(?:不能成立|不成立|不予|不符合|不足)|没有自首|无自首|(?:提出|辩称|认为)[^。；]{0,30}自首"))),
        ("坦白", r("如实供述|如实交代|坦白|(?:交代|供述|供认)[^，。；]{0,8}(?:犯罪事实|罪行)"), Some(r("不(?:构成|属于?|能认定为?)坦白|未如实供述|没有如实供述"))),
        ("立功", r("立功"), Some(r("不(?:构成|属于?|是|系|能认定为?|具有)[^，。；]{0,8}立功|立功[^，。；]{0,12}(?:不能成立|不成立|不予)|没有立功|无立功"))),
        ("认罪认罚", r("认罪认罚|愿意接受处罚|同意(?:检察机关的)?量刑建议|签署[^，。；]{0,10}具结书"), Some(r("不(?:适用|属于)认罪认罚"))),
        ("未遂", r("未遂"), Some(r("不(?:构成|属于?|是|系)[^，。；]{0,6}未遂"))),
        ("中止", r("犯罪中止|中止犯|系中止"), None),
        ("预备", r("犯罪预备|预备犯"), None),
        ("从犯", r("从犯"), Some(r("不(?:构成|属于?|是|系|能认定为?)从犯|不(?:必|需|宜|应|予)?(?:区)?分主从|从犯[^，。；]{0,12}(?:不能成立|不成立|不予)"))),
        ("主犯", r("主犯"), Some(r("不(?:必|需|宜|应|予)?(?:区)?分主从|不(?:构成|属于?|是|系)主犯"))),
        ("未成年人", r("(?:系|是|属于?|作为|时为|时系)未成年人?|犯罪时[^，。；]{0,12}(?:未满|不满)十八周岁|已满十[四六]周岁不满十八周岁|未成年人犯罪"), None),
        ("退赃退赔", r("退赃|退赔|退缴|退还[^，。；]{0,10}(?:赃款|赃物|违法所得|被害人)|退出[^，。；]{0,6}(?:赃款|违法所得)|返还[^，。；]{0,10}(?:赃款|赃物)|赃款[^，。；]{0,6}已?退还|赃物[^，。；]{0,6}已?(?:退还|发还)|(?:上缴|缴回|退回|返还)[^，。；]{0,8}(?:非法所得|违法所得|赃款|税款)|(?:非法所得|违法所得)[^，。；]{0,8}(?:上缴|缴回|退回|退还)"), Some(r("未退赃|未退赔|没有退赃|拒不退"))),
        ("取得谅解", r("谅解|达成和解|刑事和解"), Some(r("未(?:能)?(?:取得|获得|得到)[^，。；]{0,10}谅解|没有[^，。；]{0,6}谅解"))),
        ("前科", r("前科|劣迹|曾因[^，。；]{0,20}(?:被判处|受过刑事处罚)|有犯罪记录"), Some(r("无前科|没有前科|无犯罪前科|系初犯|前科[^，。；]{0,6}(?:不予|不能)"))),
    ]
});

/// Phrases that turn a sentence into a claim that the speaker then rejects.
static REJECT_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"不予(?:采纳|支持|认定|采信)|不能成立|不能采纳|理由不(?:能成立|足|充分)|不成立|与事实不符|没有(?:事实和法律)?依据|本院不予",
    )
});

static CLAIM_RE: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::re(r"(?:辩护人|辩护意见|辩称|提出|认为|公诉机关|检察院)"));

/// Sentences of a range, as byte ranges, split at 。 and ；.
pub fn sentences(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    // Byte by byte: `\n`, and the lead bytes of 。 (E3 80 82) and ； (EF BC 9B).
    let bytes = text[range.clone()].as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let len = match bytes[i] {
            b'\n' => 1,
            0xE3 if bytes[i + 1..].starts_with(&[0x80, 0x82]) => 3,
            0xEF if bytes[i + 1..].starts_with(&[0xBC, 0x9B]) => 3,
            _ => {
                i += 1;
                continue;
            }
        };
        let end = range.start + i + len;
        out.push(start..end);
        start = end;
        i += len;
    }
    if start < range.end {
        out.push(start..range.end);
    }
    out
}

/// Where a pattern matches in a whole passage, to rule out sentences quickly: a pattern with
/// no anchors or word boundaries that matches inside a sentence has, in the passage's
/// leftmost-first matches, one that overlaps the sentence. Only sentences some match
/// overlaps are searched, with the same `is_match` as before.
/// `None` for a passage of few sentences, searched sentence by sentence.
struct Hits(Option<Vec<Range<usize>>>);

/// From how many sentences on a passage is searched whole first.
const HITS_FROM_SENTENCES: usize = 2;

impl Hits {
    fn new(re: &Regex, text: &str, range: &Range<usize>, sentences: usize) -> Hits {
        Hits((sentences >= HITS_FROM_SENTENCES).then(|| {
            re.find_iter(&text[range.clone()])
                .map(|m| range.start + m.start()..range.start + m.end())
                .collect()
        }))
    }

    /// Whether `re` (the pattern these hits are of) matches inside `sentence`.
    fn is_match(&self, re: &Regex, text: &str, sentence: &Range<usize>) -> bool {
        let possible = self.0.as_ref().is_none_or(|hits| {
            let i = hits.partition_point(|h| h.end <= sentence.start);
            hits.get(i).is_some_and(|h| h.start < sentence.end)
        });
        possible && re.is_match(&text[sentence.clone()])
    }
}

/// Finds circumstances in `range` per person: `names` are the persons of the document;
/// a sentence naming none of them applies to the one last named (or to all when the
/// sentence speaks of 各被告人 / 二被告人 / 均).
pub fn find_circumstances(
    doc: &Document,
    range: Range<usize>,
    names: &[String],
) -> Vec<Vec<Circumstance>> {
    let text = doc.text();
    let mut per: Vec<Vec<Circumstance>> = vec![Vec::new(); names.len()];
    let mut last_named: Vec<usize> = if names.len() == 1 {
        vec![0]
    } else {
        Vec::new()
    };
    // A claim rejected later ("…辩护人提出系自首。经查，…不予采纳。") spans two sentences.
    let sents = sentences(text, range.clone());
    let n = sents.len();
    let claims = Hits::new(&CLAIM_RE, text, &range, n);
    let rejections = Hits::new(&REJECT_RE, text, &range, n);
    let tag_hits: Vec<Hits> = TAGS
        .iter()
        .map(|(_, yes, _)| Hits::new(yes, text, &range, n))
        .collect();
    for (si, s) in sents.iter().enumerate() {
        let st = &text[s.clone()];
        let named: Vec<usize> = names
            .iter()
            .enumerate()
            .filter(|(_, n)| mentions(st, n, names))
            .map(|(i, _)| i)
            .collect();
        let named = subjects(st, &named, names);
        // Every group word contains 被告.
        let group = st.contains("被告")
            && [
                "各被告人",
                "上述被告人",
                "二被告人",
                "三被告人",
                "四被告人",
                "两被告人",
                "全体被告人",
                "各被告",
            ]
            .iter()
            .any(|g| st.contains(g));
        // A sentence that names nobody continues the previous one's subject.
        let who: Vec<usize> = if group && named.len() <= 1 {
            (0..names.len()).collect()
        } else if !named.is_empty() {
            named.clone()
        } else {
            last_named.clone()
        };
        last_named = who.clone();
        let next_range = sents.get(si + 1);
        let next = next_range.map_or("", |n| &text[n.clone()]);
        let is_claim = claims.is_match(&CLAIM_RE, text, s) && !st.starts_with("本院认为");
        let rejected_here = rejections.is_match(&REJECT_RE, text, s)
            || (is_claim
                && (next.starts_with("经查") || next.starts_with("本院认为"))
                && next_range.is_some_and(|n| rejections.is_match(&REJECT_RE, text, n)));
        for ((tag, yes, no), hits) in TAGS.iter().zip(&tag_hits) {
            if !hits.is_match(yes, text, s) {
                continue;
            }
            let negated = no.as_ref().is_some_and(|n| n.is_match(st));
            let stance = if rejected_here && is_claim || negated {
                Stance::Rejected
            } else if is_claim
                && !st.contains("本院")
                && !st.contains("予以确认")
                && !st.contains("予以采纳")
                && !st.contains("成立")
            {
                // A bare claim: neither affirmed nor rejected by the court in this sentence.
                continue;
            } else {
                Stance::Affirmed
            };
            for &p in &who {
                if per[p].iter().any(|c| c.tag == *tag && c.stance == stance) {
                    continue;
                }
                per[p].push(Circumstance {
                    tag: tag.to_string(),
                    stance,
                    evidence: doc.evidence(s.clone()),
                });
            }
        }
    }
    // 坦白 is the truthful confession of one who did not surrender (自首 includes it).
    for list in &mut per {
        if list
            .iter()
            .any(|c| c.tag == "自首" && c.stance == Stance::Affirmed)
        {
            list.retain(|c| !(c.tag == "坦白" && c.stance == Stance::Affirmed));
        }
        if list
            .iter()
            .any(|c| c.tag == "累犯" && c.stance == Stance::Affirmed)
        {
            list.retain(|c| c.tag != "前科");
        }
        // A circumstance both affirmed and rejected: affirmed wins (the court's conclusion).
        let affirmed: Vec<String> = list
            .iter()
            .filter(|c| c.stance == Stance::Affirmed)
            .map(|c| c.tag.clone())
            .collect();
        list.retain(|c| c.stance == Stance::Affirmed || !affirmed.contains(&c.tag));
    }
    per
}

/// Of the persons named in a sentence, those it speaks about: the first one named and any
/// listed with it (`张某、李某`), not one named later as an object (`协助抓获同案被告人王某`).
fn subjects(sentence: &str, named: &[usize], names: &[String]) -> Vec<usize> {
    let first_pos = |i: usize| sentence.find(names[i].as_str()).unwrap_or(usize::MAX);
    let Some(&first) = named.iter().min_by_key(|&&i| first_pos(i)) else {
        return Vec::new();
    };
    let mut out = vec![first];
    let mut end = first_pos(first) + names[first].len();
    loop {
        let rest = &sentence[end..];
        let sep = ["、", "和", "及", "与", "，"]
            .iter()
            .find(|s| rest.starts_with(**s));
        let Some(sep) = sep else { break };
        let after = &rest[sep.len()..];
        let after = after.strip_prefix("被告人").unwrap_or(after);
        let next = named
            .iter()
            .filter(|&&i| after.starts_with(names[i].as_str()))
            .max_by_key(|&&i| names[i].len());
        match next {
            Some(&i) if !out.contains(&i) => {
                out.push(i);
                end = sentence.len() - after.len() + names[i].len();
            }
            _ => break,
        }
    }
    out
}

/// Whether `sentence` names `name` (and not only as part of a longer name of another person).
pub fn mentions(sentence: &str, name: &str, all: &[String]) -> bool {
    let mut from = 0;
    while let Some(i) = sentence[from..].find(name) {
        let at = from + i;
        let longer = all.iter().any(|o| {
            o.len() > name.len() && o.starts_with(name) && sentence[at..].starts_with(o.as_str())
        });
        if !longer {
            return true;
        }
        from = at + name.len();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn patterns() -> Vec<&'static Regex> {
        let mut v: Vec<&Regex> = vec![&CLAIM_RE, &REJECT_RE];
        v.extend(TAGS.iter().map(|(_, yes, _)| yes));
        v
    }

    /// What [`Hits`] relies on: no anchors or word boundaries, no empty match.
    #[test]
    fn prefiltered_patterns_have_no_anchors_and_never_match_empty() {
        for re in patterns() {
            let p = re.as_str();
            let anchored = p.contains('$')
                || p.contains("\\b")
                || p.contains("\\B")
                || p.contains("\\A")
                || p.contains("\\z")
                || p.match_indices('^').any(|(i, _)| !p[..i].ends_with('['));
            assert!(!anchored, "{p}");
            assert!(!re.is_match(""), "{p}");
        }
    }

    /// The prefilter answers as `is_match` on the sentence does, on every committed fixture.
    #[test]
    fn hits_answer_as_is_match_does() {
        let mut texts = vec![
            "辩护人提出被告人系自首。经查，不予采纳；供述\n罪行。被告人如实供述犯罪事实，有立功表现".to_string(),
        ];
        for dir in ["tests/fixtures/judgments", "tests/fixtures/procuratorate"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                if e.path().extension().is_some_and(|x| x == "txt") {
                    texts.extend(std::fs::read_to_string(e.path()));
                }
            }
        }
        let mut checked = 0;
        for text in &texts {
            let text = crate::text::normalize(text).text;
            let range = 0..text.len();
            for re in patterns() {
                let sents = sentences(&text, range.clone());
                let hits = Hits::new(re, &text, &range, sents.len());
                assert!(hits.0.is_some() || sents.len() < HITS_FROM_SENTENCES);
                for s in sents {
                    let want = re.is_match(&text[s.clone()]);
                    assert_eq!(
                        hits.is_match(re, &text, &s),
                        want,
                        "{} in {:?}",
                        re.as_str(),
                        &text[s]
                    );
                    checked += usize::from(want);
                }
            }
        }
        assert!(checked > 100, "{checked}");
    }

    #[test]
    fn sentences_end_at_full_stops_semicolons_and_line_breaks() {
        let text = "甲。乙；丙\n丁，戊";
        let got: Vec<&str> = sentences(text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(got, ["甲。", "乙；", "丙\n", "丁，戊"]);
        let got: Vec<&str> = sentences(text, 3..text.len() - 3)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(got, ["。", "乙；", "丙\n", "丁，"]);
    }
}
