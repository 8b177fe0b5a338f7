//! Sentencing circumstances (累犯, 自首, 坦白 …) and who asserts, affirms or rejects them.

use crate::document::{Document, Evidence};
use crate::pattern::PrefixLiterals;
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
    // `\n`, and the lead bytes of 。 (E3 80 82) and ； (EF BC 9B), found with `memchr3`: the
    // continuation bytes of a terminator are never one of the three bytes searched for.
    let bytes = text[range.clone()].as_bytes();
    for i in memchr::memchr3_iter(b'\n', 0xE3, 0xEF, bytes) {
        let rest = bytes.get(i + 1..).unwrap_or_default();
        let len = match bytes[i] {
            b'\n' => 1,
            0xE3 if rest.starts_with(&[0x80, 0x82]) => 3,
            0xEF if rest.starts_with(&[0xBC, 0x9B]) => 3,
            _ => continue,
        };
        let end = range.start + i + len;
        out.push(start..end);
        start = end;
    }
    if start < range.end {
        out.push(start..range.end);
    }
    out
}

/// The patterns searched in every sentence: [`CLAIM_RE`], [`REJECT_RE`], then the tags'
/// affirming patterns in the order of [`TAGS`].
fn patterns() -> impl Iterator<Item = &'static Regex> {
    [&*CLAIM_RE, &*REJECT_RE]
        .into_iter()
        .chain(TAGS.iter().map(|(_, yes, _)| yes))
}

const CLAIM: usize = 0;
const REJECT: usize = 1;
const FIRST_TAG: usize = 2;

/// The prefix literals of [`patterns`], scanned once per passage.
static LITERALS: LazyLock<PrefixLiterals> = LazyLock::new(|| PrefixLiterals::new(patterns()));

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
    let cands = LITERALS.candidates(text, &range, &sents);
    let finders: Vec<memchr::memmem::Finder> = names
        .iter()
        .map(|n| memchr::memmem::Finder::new(n.as_bytes()))
        .collect();
    for (si, s) in sents.iter().enumerate() {
        let st = &text[s.clone()];
        let named: Vec<usize> = names
            .iter()
            .enumerate()
            .filter(|(i, n)| mentions_with(&finders[*i], st, n, names))
            .map(|(i, _)| i)
            .collect();
        let named = subjects(st, &named, names);
        let group = group_word(st);
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
        let is_claim = cands.is_match(CLAIM, &CLAIM_RE, text, si, s) && !st.starts_with("本院认为");
        let rejected_here = cands.is_match(REJECT, &REJECT_RE, text, si, s)
            || (is_claim
                && (next.starts_with("经查") || next.starts_with("本院认为"))
                && next_range.is_some_and(|n| cands.is_match(REJECT, &REJECT_RE, text, si + 1, n)));
        for (t, (tag, yes, no)) in TAGS.iter().enumerate() {
            if !cands.is_match(FIRST_TAG + t, yes, text, si, s) {
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

/// Whether a sentence speaks of the defendants as a group: contains 各被告人, 上述被告人,
/// 二被告人, 三被告人, 四被告人, 两被告人, 全体被告人 or 各被告. Every one of them contains
/// 被告, so the occurrences of 被告 are looked at instead of searching for each word.
fn group_word(sentence: &str) -> bool {
    static BEIGAO: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("被告"));
    BEIGAO.find_iter(sentence.as_bytes()).any(|i| {
        let (before, after) = sentence.split_at(i);
        let after = &after["被告".len()..];
        before.ends_with('各')
            || (after.starts_with('人')
                && ["上述", "二", "三", "四", "两", "全体"]
                    .iter()
                    .any(|w| before.ends_with(w)))
    })
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
    mentions_with(&memchr::memmem::Finder::new(name), sentence, name, all)
}

/// [`mentions`] with the searcher for `name` built once for all sentences.
fn mentions_with(
    finder: &memchr::memmem::Finder,
    sentence: &str,
    name: &str,
    all: &[String],
) -> bool {
    let mut from = 0;
    while let Some(i) = finder.find(&sentence.as_bytes()[from..]) {
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

    /// Every pattern has a finite set of non-empty prefix literals, so none is searched in
    /// every sentence; the masks have a bit per pattern.
    #[test]
    fn every_pattern_has_prefix_literals() {
        assert!(patterns().count() <= 64);
        assert!(LITERALS.scans());
        assert_eq!(LITERALS.always(), 0);
    }

    /// The literal scan answers as `is_match` on the sentence does, on every committed fixture.
    #[test]
    fn candidates_answer_as_is_match_does() {
        let mut texts = vec![
            "辩护人提出被告人系自首。经查，不予采纳；供述\n罪行。被告人如实供述犯罪事实，有立功表现".to_string(),
            "自首。自首；自\n首；交代犯罪事实。交代，罪行。时为未成年人；未成年".to_string(),
        ];
        texts.extend(crate::test_support::fixture_texts(&[
            "tests/fixtures/judgments",
            "tests/fixtures/procuratorate",
        ]));
        let mut checked = 0;
        for text in &texts {
            let text = crate::text::normalize(text).text;
            let floor = |mut i: usize| {
                while !text.is_char_boundary(i) {
                    i -= 1;
                }
                i
            };
            for range in [
                0..text.len(),
                floor(text.len() / 3)..floor(text.len() / 3 * 2),
            ] {
                let sents = sentences(&text, range.clone());
                let cands = LITERALS.candidates(&text, &range, &sents);
                for (p, re) in patterns().enumerate() {
                    for (si, s) in sents.iter().enumerate() {
                        let want = re.is_match(&text[s.clone()]);
                        assert_eq!(
                            cands.is_match(p, re, &text, si, s),
                            want,
                            "{} in {:?}",
                            re.as_str(),
                            &text[s.clone()]
                        );
                        checked += usize::from(want);
                    }
                }
            }
        }
        assert!(checked > 100, "{checked}");
    }

    #[test]
    fn group_words_are_found_as_by_searching_each() {
        let words = [
            "各被告人",
            "上述被告人",
            "二被告人",
            "三被告人",
            "四被告人",
            "两被告人",
            "全体被告人",
            "各被告",
        ];
        let mut cases: Vec<String> = words.iter().map(|w| format!("甲{w}乙")).collect();
        cases.extend(words.iter().map(|w| w.to_string()));
        cases.extend(
            [
                "被告",
                "被告人",
                "二被告",
                "上述被告",
                "全被告人",
                "述被告人",
                "各",
                "被告人各被告",
            ]
            .iter()
            .map(|w| w.to_string()),
        );
        for c in &cases {
            assert_eq!(group_word(c), words.iter().any(|w| c.contains(w)), "{c}");
        }
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
