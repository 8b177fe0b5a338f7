//! S- rules: supervision leads — facts worth a prosecutor's attention, not errors.

use super::{Rule, RuleInfo};
use crate::check::{Case, Content, Context, Emitter, Severity};
use crate::segment::SectionKind;
use regex::Regex;
use std::sync::LazyLock;

macro_rules! judgment {
    ($parties:expr, $facts:expr, $reasoning:expr, $operative:expr) => {
        concat!(
            "某县人民法院 刑事判决书 （2023）某0102刑初1号 公诉机关某县人民检察院。 ",
            $parties,
            " 某县人民检察院以某检刑诉〔2023〕1号起诉书指控被告人张某犯罪，于2023年3月1日向本院提起公诉。本院依法适用普通程序。 经审理查明：",
            $facts,
            " 本院认为，",
            $reasoning,
            "判决如下： ",
            $operative,
            " 如不服本判决，可在接到判决书的第二日起十日内提出上诉。 审判长 李某 二〇二三年五月十日 书记员 王某"
        )
    };
}

pub(super) fn rules() -> Vec<Rule> {
    vec![
        Rule {
            info: RuleInfo {
                id: "S-not-in-custody",
                severity: Severity::Info,
                what: "审前未羁押（取保候审、监视居住）的被告人被判处实刑",
                why: "审前未羁押判处实刑的罪犯应当及时交付执行，是刑罚执行监督的重点线索。",
                basis: "刑事诉讼法第二百六十四条",
                fires: &[&[("j", judgment!("被告人张某，男，1985年3月12日出生，汉族。因涉嫌盗窃罪于2023年1月5日被取保候审。", "2022年12月3日，被告人张某窃取他人财物。", "被告人张某构成盗窃罪。依照《中华人民共和国刑法》第二百六十四条之规定，", "被告人张某犯盗窃罪，判处有期徒刑一年，并处罚金人民币二千元。"))]],
                quiet: &[&[("j", judgment!("被告人张某，男，1985年3月12日出生，汉族。因涉嫌盗窃罪于2023年1月5日被取保候审。", "2022年12月3日，被告人张某窃取他人财物。", "被告人张某构成盗窃罪。依照《中华人民共和国刑法》第二百六十四条之规定，", "被告人张某犯盗窃罪，判处有期徒刑一年，缓刑二年，并处罚金人民币二千元。"))]],
            },
            check: not_in_custody,
        },
        Rule {
            info: RuleInfo {
                id: "S-bribe-giver",
                severity: Severity::Info,
                what: "受贿罪判决中载明的行贿人，在本案卷宗中没有被追诉的记录",
                why: "“受贿行贿一起查”：行贿人是否被追究刑事责任需要核实。",
                basis: "刑法第三百八十九条、第三百九十条",
                fires: &[&[("j", judgment!("被告人张某，男，1970年3月12日出生，汉族。因涉嫌受贿罪于2023年1月5日被逮捕。", "2020年至2022年，被告人张某利用职务上的便利，为他人谋取利益，先后收受行贿人王某某给予的人民币二十万元。", "被告人张某构成受贿罪。依照《中华人民共和国刑法》第三百八十五条、第三百八十六条之规定，", "被告人张某犯受贿罪，判处有期徒刑三年，并处罚金人民币二十万元。"))]],
                quiet: &[&[("j", judgment!("被告人张某，男，1970年3月12日出生，汉族。因涉嫌盗窃罪于2023年1月5日被逮捕。", "2022年12月3日，被告人张某窃取王某某的财物。", "被告人张某构成盗窃罪。依照《中华人民共和国刑法》第二百六十四条之规定，", "被告人张某犯盗窃罪，判处有期徒刑一年，并处罚金人民币二千元。"))]],
            },
            check: bribe_giver,
        },
    ]
}

fn not_in_custody(case: &Case, _ctx: &Context<'_>, out: &mut Emitter<'_>) {
    for (_, j) in case.judgments() {
        for d in &j.defendants {
            let Some(s) = d.outcome.as_ref().and_then(|o| o.sentence.as_ref()) else {
                continue;
            };
            if s.probation_months.is_some() || !matches!(s.principal.as_str(), "有期徒刑" | "拘役")
            {
                continue;
            }
            let Some(last) = d.party.custody.last() else {
                continue;
            };
            if matches!(
                last.measure.as_str(),
                "取保候审" | "监视居住" | "指定居所监视居住"
            ) {
                out.report(
                    Some(&d.party.name.value),
                    format!(
                        "审前{}，被判处{}实刑，请跟进交付执行",
                        last.measure, s.principal
                    ),
                    vec![last.evidence.clone(), s.evidence.clone()],
                );
            }
        }
    }
}

static GIVER_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"(?:行贿人|收受|接受|索取)([\p{Han}]{1,2}某{0,2}[甲乙丙丁0-9]?|[\p{Han}]{2,3})(?:等人|等)?(?:给予|送予|所送|贿送|送的|送来|的贿赂|给的|财物|现金|人民币)",
    )
});

fn bribe_giver(case: &Case, _ctx: &Context<'_>, out: &mut Emitter<'_>) {
    // Everyone named as a defendant anywhere in the bundle has a record of prosecution.
    let prosecuted: Vec<String> = case
        .documents
        .iter()
        .flat_map(|d| match &d.content {
            Content::Judgment(j) => j
                .defendants
                .iter()
                .map(|x| x.party.name.value.clone())
                .collect::<Vec<_>>(),
            #[allow(unreachable_patterns)]
            _ => Vec::new(),
        })
        .collect();
    for (doc, j) in case.judgments() {
        for d in &j.defendants {
            let Some(o) = &d.outcome else { continue };
            if !o.charges.iter().any(|c| c.value == "受贿罪") {
                continue;
            }
            let Some(facts) = j
                .sections
                .get(SectionKind::Facts)
                .or_else(|| j.sections.get(SectionKind::Allegation))
            else {
                continue;
            };
            let text = &doc.text()[facts.clone()];
            let mut seen: Vec<&str> = Vec::new();
            for c in GIVER_RE.captures_iter(text) {
                let Some(m) = c.get(1) else { continue };
                let giver = m.as_str();
                if seen.contains(&giver)
                    || prosecuted.iter().any(|p| p == giver)
                    || giver.starts_with("他人")
                {
                    continue;
                }
                seen.push(giver);
                let whole = c.get(0).map_or(m.range(), |w| w.range());
                out.report(
                    Some(&d.party.name.value),
                    format!("受贿罪判决载明行贿人{giver}，卷宗中未见其被追诉的记录"),
                    vec![
                        doc.evidence(facts.start + whole.start..facts.start + whole.end),
                        o.verdict.evidence.clone(),
                    ],
                );
            }
        }
    }
}
