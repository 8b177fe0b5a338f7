//! X- rules: the documents of one case compared (三书比对) — defendants, identity, charges,
//! custody dates, the sentencing recommendation, circumstances, document references,
//! articles and procedure. Persons are matched by name (or a recorded alias) within a case;
//! equivalent forms (bracket styles, date notations, 男/男性) are normalised before comparing.

use super::{Rule, RuleInfo};
use crate::check::{Case, Context, Emitter, Severity};
use crate::classify::DocType;
use crate::docs::indictment::Indictment;
use crate::docs::judgment::{JudgedDefendant, Judgment};
use crate::docs::recommendation::SentencingRecommendation;
use crate::document::{Document, Evidence, Field};
use crate::extract::circumstances::Stance;
use crate::extract::parties::CustodyMeasure;
use crate::primitives::{number_key, Date, IdNumber};

macro_rules! indictment {
    ($party:expr, $reasoning:expr, $recommendation:expr) => {
        indictment!("某检刑诉〔2023〕1号", $party, $reasoning, $recommendation)
    };
    ($number:expr, $party:expr, $reasoning:expr, $recommendation:expr) => {
        concat!(
            "某县人民检察院\n起诉书\n",
            $number,
            "\n",
            $party,
            "\n本案由某县公安局侦查终结，以被告人张某涉嫌盗窃罪，于2023年2月1日向本院移送审查起诉。\n经依法审查查明：2022年12月3日，被告人张某在某县某超市窃取他人财物，价值人民币3000元。\n本院认为，被告人张某秘密窃取他人财物，数额较大，其行为触犯了《中华人民共和国刑法》第二百六十四条，犯罪事实清楚，证据确实、充分，应当以",
            $reasoning,
            $recommendation,
            "\n此致\n某县人民法院\n检察官 王某\n2023年2月20日\n"
        )
    };
}

macro_rules! judgment {
    ($party:expr, $procedure:expr, $reasoning:expr, $operative:expr) => {
        concat!(
            "某县人民法院\n刑事判决书\n（2023）某0102刑初1号\n公诉机关某县人民检察院。\n",
            $party,
            "\n某县人民检察院以某检刑诉［2023］1号起诉书指控被告人张某犯盗窃罪，于2023年3月1日向本院提起公诉。本院依法适用",
            $procedure,
            "，公开开庭审理了本案。\n经审理查明：2022年12月3日，被告人张某在某县某超市窃取他人财物，价值人民币3000元。\n本院认为，",
            $reasoning,
            "判决如下：\n",
            $operative,
            "\n如不服本判决，可在接到判决书的第二日起十日内提出上诉。\n审判员 李某\n二〇二三年三月十日\n书记员 王某\n"
        )
    };
}

macro_rules! party {
    () => {
        "被告人张某，男，1985年3月12日出生，汉族，初中文化，无业。因涉嫌盗窃罪于2023年1月5日被某县公安局刑事拘留，经某县人民检察院批准，于同年1月12日被逮捕。"
    };
}

macro_rules! confessed {
    () => {
        "盗窃罪追究其刑事责任。被告人张某到案后如实供述自己的罪行，可以从轻处罚。根据《中华人民共和国刑事诉讼法》第一百七十六条的规定，提起公诉，请依法判处。"
    };
}

macro_rules! court_confessed {
    () => {
        "被告人张某秘密窃取他人财物，数额较大，其行为已构成盗窃罪。被告人张某到案后如实供述自己的罪行，依法可以从轻处罚。公诉机关的量刑建议适当，本院予以采纳。依照《中华人民共和国刑法》第二百六十四条、第六十七条第三款之规定，"
    };
}

macro_rules! sentence {
    () => {
        "被告人张某犯盗窃罪，判处有期徒刑十个月，并处罚金人民币二千元。（刑期自2023年1月5日起至2023年11月4日止。）"
    };
}

macro_rules! approval {
    ($date:expr) => {
        concat!(
            "某县人民检察院\n批准逮捕决定书\n某检刑批捕〔2023〕3号\n某县公安局：\n你局于2023年1月9日以某公（刑）提捕字〔2023〕12号提请批准逮捕书提请批准逮捕犯罪嫌疑人张某，经本院审查认为，该犯罪嫌疑人涉嫌盗窃罪，符合《中华人民共和国刑事诉讼法》第八十一条规定的逮捕条件，决定批准逮捕犯罪嫌疑人张某（性别男，出生日期1985年3月12日）。\n请依法立即执行，并将执行情况在三日以内通知本院。\n",
            $date,
            "\n"
        )
    };
}

const RECOMMEND: &str =
    "建议判处被告人张某有期徒刑八个月至一年，并处罚金人民币二千元。建议适用简易程序。";
const INDICTMENT: &str = indictment!(
    party!(),
    confessed!(),
    "建议判处被告人张某有期徒刑八个月至一年，并处罚金人民币二千元。建议适用简易程序。"
);
const JUDGMENT: &str = judgment!(party!(), "简易程序", court_confessed!(), sentence!());
const APPROVAL: &str = approval!("2023年1月11日");

pub(super) fn rules() -> Vec<Rule> {
    let _ = RECOMMEND;
    vec![
        Rule {
            info: RuleInfo {
                id: "X-defendants",
                severity: Severity::Warning,
                what: "起诉书指控的被告人未出现在判决书中（漏判）、判决书中的被告人未被起诉，或被批准逮捕的犯罪嫌疑人未被起诉",
                why: "人民法院应当对起诉的每一名被告人作出判决；逮捕后未起诉的人需核实是否另案处理或不起诉。",
                basis: "刑事诉讼法第一百七十六条、第二百条",
                fires: &[&[("indictment", indictment!(concat!(party!(), "\n被告人李某某，女，1990年5月6日出生，汉族。因涉嫌盗窃罪于2023年1月5日被某县公安局取保候审。"), confessed!(), "")), ("judgment", JUDGMENT)]],
                quiet: &[&[("indictment", INDICTMENT), ("judgment", JUDGMENT), ("arrest", APPROVAL)]],
            },
            check: defendants,
        },
        Rule {
            info: RuleInfo {
                id: "X-identity",
                severity: Severity::Warning,
                what: "同一人在不同文书中的性别、出生日期、公民身份号码或民族不一致",
                why: "身份信息错误可能导致错误羁押、错误执行或文书无效。",
                basis: "刑事诉讼法第一百七十六条（起诉书应当载明被告人的基本情况）",
                fires: &[&[("indictment", indictment!("被告人张某，男，1985年3月21日出生，汉族，初中文化，无业。因涉嫌盗窃罪于2023年1月5日被某县公安局刑事拘留，经某县人民检察院批准，于同年1月12日被逮捕。", confessed!(), "")), ("judgment", JUDGMENT)]],
                quiet: &[&[("indictment", indictment!("被告人张某，男性，1985.3.12出生，汉族，初中文化，无业。因涉嫌盗窃罪于2023年1月5日被某县公安局刑事拘留，经某县人民检察院批准，于同年1月12日被逮捕。", confessed!(), "")), ("judgment", JUDGMENT)]],
            },
            check: identity,
        },
        Rule {
            info: RuleInfo {
                id: "X-charge-judged",
                severity: Severity::Warning,
                what: "判决认定的罪名与起诉指控的罪名不同（改变罪名、漏判罪名、增加罪名）",
                why: "人民法院一般应当采纳人民检察院指控的罪名；改变罪名应当有充分理由，是审判监督线索。",
                basis: "刑事诉讼法第二百零一条",
                fires: &[&[("indictment", INDICTMENT), ("judgment", judgment!(party!(), "简易程序", "被告人张某的行为已构成诈骗罪。依照《中华人民共和国刑法》第二百六十六条之规定，", "被告人张某犯诈骗罪，判处有期徒刑十个月，并处罚金人民币二千元。"))]],
                quiet: &[&[("indictment", INDICTMENT), ("judgment", JUDGMENT)]],
            },
            check: charge_judged,
        },
        Rule {
            info: RuleInfo {
                id: "X-charge-arrest",
                severity: Severity::Info,
                what: "逮捕文书所载涉嫌罪名与起诉书指控的罪名不同",
                why: "记录案件定性在侦查、审查起诉阶段的变化，供核实。",
                basis: "刑事诉讼法第八十一条、第一百七十六条",
                fires: &[&[("indictment", INDICTMENT), ("arrest", "某县人民检察院\n批准逮捕决定书\n某检刑批捕〔2023〕3号\n某县公安局：\n你局于2023年1月9日以某公（刑）提捕字〔2023〕12号提请批准逮捕书提请批准逮捕犯罪嫌疑人张某，经本院审查认为，该犯罪嫌疑人涉嫌抢夺罪，符合《中华人民共和国刑事诉讼法》第八十一条规定的逮捕条件，决定批准逮捕犯罪嫌疑人张某（性别男，出生日期1985年3月12日）。\n2023年1月11日\n")]],
                quiet: &[&[("indictment", INDICTMENT), ("arrest", APPROVAL)]],
            },
            check: charge_arrest,
        },
        Rule {
            info: RuleInfo {
                id: "X-custody",
                severity: Severity::Warning,
                what: "起诉书与判决书记载的拘留、逮捕、取保候审日期不一致；逮捕执行早于批准或晚于批准三日以上",
                why: "羁押日期决定刑期折抵和期限计算；逮捕应当在批准后立即执行。",
                basis: "刑法第四十七条；刑事诉讼法第九十三条",
                fires: &[&[("indictment", INDICTMENT), ("judgment", JUDGMENT), ("arrest", approval!("2023年1月13日"))]],
                quiet: &[&[("indictment", INDICTMENT), ("judgment", JUDGMENT), ("arrest", APPROVAL)]],
            },
            check: custody,
        },
        Rule {
            info: RuleInfo {
                id: "X-recommendation",
                severity: Severity::Warning,
                what: "判决的刑种、刑期、缓刑或罚金与量刑建议不一致，并说明差距",
                why: "对认罪认罚案件，人民法院一般应当采纳人民检察院的量刑建议；偏离建议是审判监督线索。",
                basis: "刑事诉讼法第一百七十六条第二款、第二百零一条",
                fires: &[&[("indictment", INDICTMENT), ("judgment", judgment!(party!(), "简易程序", court_confessed!(), "被告人张某犯盗窃罪，判处有期徒刑一年六个月，并处罚金人民币二千元。"))]],
                quiet: &[&[("indictment", INDICTMENT), ("judgment", JUDGMENT)]],
            },
            check: recommendation,
        },
        Rule {
            info: RuleInfo {
                id: "X-circumstance",
                severity: Severity::Warning,
                what: "起诉书认定的量刑情节（累犯、自首、坦白、立功、认罪认罚、从犯等）未被判决认定，或判决认定的情节起诉书未认定",
                why: "量刑情节的差异直接影响量刑，需核实是事实变化还是认定错误。",
                basis: "刑法第六十五条、第六十七条、第六十八条；刑事诉讼法第十五条",
                fires: &[&[("indictment", indictment!(party!(), "盗窃罪追究其刑事责任。被告人张某到案后如实供述自己的罪行，可以从轻处罚。被告人张某有立功表现，可以从轻处罚。", "")), ("judgment", JUDGMENT)]],
                quiet: &[&[("indictment", INDICTMENT), ("judgment", JUDGMENT)]],
            },
            check: circumstance,
        },
        Rule {
            info: RuleInfo {
                id: "X-reference",
                severity: Severity::Warning,
                what: "判决书引用的起诉书文号、起诉日期与起诉书不符；逮捕决定引用的提请批准逮捕书文号与该文书不符",
                why: "文书之间的引用必须一致，否则文书链条断裂、难以核对。",
                basis: "刑事诉讼法第一百七十六条、第八十七条",
                fires: &[&[("indictment", indictment!("某检刑诉〔2023〕7号", party!(), confessed!(), "")), ("judgment", JUDGMENT)]],
                quiet: &[&[("indictment", INDICTMENT), ("judgment", JUDGMENT)]],
            },
            check: reference,
        },
        Rule {
            info: RuleInfo {
                id: "X-articles",
                severity: Severity::Warning,
                what: "起诉书认定触犯的罪名条文与判决适用的条文（主罪条文）不同",
                why: "适用条文不同意味着定性或法律适用发生变化。",
                basis: "刑事诉讼法第二百条",
                fires: &[&[("indictment", INDICTMENT), ("judgment", judgment!(party!(), "简易程序", "被告人张某的行为已构成盗窃罪。依照《中华人民共和国刑法》第二百六十五条之规定，", sentence!()))]],
                quiet: &[&[("indictment", INDICTMENT), ("judgment", JUDGMENT)]],
            },
            check: articles,
        },
        Rule {
            info: RuleInfo {
                id: "X-procedure",
                severity: Severity::Info,
                what: "起诉书建议适用的简易程序、速裁程序与法院实际适用的程序不同",
                why: "程序转换需符合法定条件，供核实。",
                basis: "刑事诉讼法第二百一十四条、第二百二十二条、第二百二十一条、第二百二十六条",
                fires: &[&[("indictment", INDICTMENT), ("judgment", judgment!(party!(), "普通程序", court_confessed!(), sentence!()))]],
                quiet: &[&[("indictment", INDICTMENT), ("judgment", JUDGMENT)]],
            },
            check: procedure,
        },
    ]
}

/// A person as one document describes them.
struct Person<'a> {
    doc: &'a Document,
    kind: DocType,
    name: &'a Field<String>,
    aliases: Vec<&'a str>,
    gender: Option<&'a Field<String>>,
    birth: Option<&'a Field<Date>>,
    id: Option<&'a Field<IdNumber>>,
    ethnicity: Option<&'a Field<String>>,
}

impl Person<'_> {
    fn is(&self, other: &Person<'_>) -> bool {
        let n = |p: &Person<'_>| p.name.value.clone();
        n(self) == n(other)
            || self.aliases.contains(&other.name.value.as_str())
            || other.aliases.contains(&self.name.value.as_str())
    }
}

impl<'a> Person<'a> {
    fn of_party(doc: &'a Document, kind: DocType, p: &'a crate::extract::parties::Party) -> Self {
        Person {
            doc,
            kind,
            name: &p.name,
            aliases: p.aliases.iter().map(|a| a.value.as_str()).collect(),
            gender: p.gender.as_ref(),
            birth: p.birth_date.as_ref(),
            id: p.id_number.as_ref(),
            ethnicity: p.ethnicity.as_ref(),
        }
    }
}

fn people(case: &Case) -> Vec<Person<'_>> {
    let mut out = Vec::new();
    for (doc, i) in case.indictments() {
        out.extend(
            i.defendants
                .iter()
                .map(|d| Person::of_party(doc, i.kind, &d.party)),
        );
    }
    for (doc, j) in case.judgments() {
        out.extend(
            j.defendants
                .iter()
                .map(|d| Person::of_party(doc, j.doc_type, &d.party)),
        );
    }
    for (doc, a) in case.arrests() {
        for s in &a.suspects {
            out.push(Person {
                doc,
                kind: a.kind,
                name: &s.name,
                aliases: s.aliases.iter().map(|a| a.value.as_str()).collect(),
                gender: s.gender.as_ref(),
                birth: s.birth_date.as_ref(),
                id: s.id_number.as_ref(),
                ethnicity: s.ethnicity.as_ref(),
            });
        }
    }
    out
}

/// The 起诉书 of the case (not a police 起诉意见书).
fn indictment(case: &Case) -> Option<(&Document, &Indictment)> {
    case.indictments()
        .find(|(_, i)| i.kind == DocType::Indictment)
}

/// The judgment of the case: the first-instance one when there are several.
fn judgment(case: &Case) -> Option<(&Document, &Judgment)> {
    let mut all: Vec<_> = case.judgments().collect();
    all.sort_by_key(|(_, j)| j.trial_level.as_deref() == Some("二审"));
    all.into_iter().next()
}

fn judged<'a>(j: &'a Judgment, name: &str, aliases: &[&str]) -> Option<&'a JudgedDefendant> {
    j.defendants.iter().find(|d| {
        d.party.name.value == name
            || aliases.contains(&d.party.name.value.as_str())
            || d.party.aliases.iter().any(|a| a.value == name)
    })
}

/// A charge's current official name, so that written variants compare equal.
fn canon(ctx: &Context<'_>, written: &str) -> String {
    ctx.dict
        .charge(written)
        .and_then(|c| c.official.or(Some(c.name)))
        .unwrap_or(written)
        .to_string()
}

/// Evidence pointing at a whole document's header when nothing narrower exists.
fn header(doc: &Document) -> Evidence {
    let t = doc.text();
    let end = t.char_indices().nth(40).map_or(t.len(), |(i, _)| i);
    doc.evidence(0..end)
}

fn defendants(case: &Case, _ctx: &Context<'_>, out: &mut Emitter<'_>) {
    let ind = indictment(case);
    if let (Some((_, i)), Some((jdoc, j))) = (ind, judgment(case)) {
        for d in &i.defendants {
            let aliases: Vec<&str> = d.party.aliases.iter().map(|a| a.value.as_str()).collect();
            if judged(j, &d.party.name.value, &aliases).is_none() {
                out.report(
                    Some(&d.party.name.value),
                    format!(
                        "起诉书指控的被告人{}未出现在判决书中，疑似漏判",
                        d.party.name.value
                    ),
                    vec![d.party.name.evidence.clone(), header(jdoc)],
                );
            }
        }
        for d in &j.defendants {
            let n = &d.party.name.value;
            if !i
                .defendants
                .iter()
                .any(|x| &x.party.name.value == n || x.party.aliases.iter().any(|a| &a.value == n))
            {
                out.report(
                    Some(n),
                    format!("判决书中的被告人{n}未见于起诉书"),
                    vec![
                        d.party.name.evidence.clone(),
                        ind.map_or_else(|| header(jdoc), |(idoc, _)| header(idoc)),
                    ],
                );
            }
        }
    }
    if let Some((idoc, i)) = ind {
        for (adoc, a) in case
            .arrests()
            .filter(|(_, a)| matches!(a.kind, DocType::ArrestApproval | DocType::ArrestDecision))
        {
            for s in &a.suspects {
                let n = &s.name.value;
                if i.defendants.iter().any(|x| {
                    &x.party.name.value == n || x.party.aliases.iter().any(|al| &al.value == n)
                }) {
                    continue;
                }
                let elsewhere = [idoc.text(), adoc.text()]
                    .iter()
                    .any(|t| t.contains(&format!("{n}另案")) || t.contains(&format!("{n}（另案")));
                let note = if elsewhere {
                    "（文书载明另案处理）"
                } else {
                    "，请核实是否另案处理或不起诉"
                };
                out.report(
                    Some(n),
                    format!("被批准逮捕的犯罪嫌疑人{n}未被起诉{note}"),
                    vec![s.name.evidence.clone(), header(idoc)],
                );
            }
        }
    }
}

fn identity(case: &Case, _ctx: &Context<'_>, out: &mut Emitter<'_>) {
    let all = people(case);
    for (i, a) in all.iter().enumerate() {
        for b in all.iter().skip(i + 1) {
            if std::ptr::eq(a.doc, b.doc) || !a.is(b) {
                continue;
            }
            let who = Some(a.name.value.as_str());
            let pair = format!("{}与{}", a.kind.name(), b.kind.name());
            if let (Some(x), Some(y)) = (a.gender, b.gender) {
                if x.value != y.value {
                    out.report(
                        who,
                        format!("{pair}记载的性别不一致：{}／{}", x.value, y.value),
                        vec![x.evidence.clone(), y.evidence.clone()],
                    );
                }
            }
            if let (Some(x), Some(y)) = (a.birth, b.birth) {
                if !dates_agree(x.value, y.value) {
                    out.report(
                        who,
                        format!("{pair}记载的出生日期不一致：{}／{}", x.value, y.value),
                        vec![x.evidence.clone(), y.evidence.clone()],
                    );
                }
            }
            if let (Some(x), Some(y)) = (a.id, b.id) {
                if x.value.number != y.value.number {
                    out.report(
                        who,
                        format!(
                            "{pair}记载的公民身份号码不一致：{}／{}",
                            x.value.number, y.value.number
                        ),
                        vec![x.evidence.clone(), y.evidence.clone()],
                    );
                }
            }
            if let (Some(x), Some(y)) = (a.ethnicity, b.ethnicity) {
                if x.value != y.value {
                    out.report(
                        who,
                        format!("{pair}记载的民族不一致：{}／{}", x.value, y.value),
                        vec![x.evidence.clone(), y.evidence.clone()],
                    );
                }
            }
        }
    }
}

/// Dates agree when equal as far as both are precise (1985年3月 agrees with 1985年3月12日).
fn dates_agree(a: Date, b: Date) -> bool {
    a.year == b.year
        && (a.month.is_none() || b.month.is_none() || a.month == b.month)
        && (a.day.is_none() || b.day.is_none() || a.day == b.day)
}

fn charge_judged(case: &Case, ctx: &Context<'_>, out: &mut Emitter<'_>) {
    let (Some((_, i)), Some((_, j))) = (indictment(case), judgment(case)) else {
        return;
    };
    for d in &i.defendants {
        let aliases: Vec<&str> = d.party.aliases.iter().map(|a| a.value.as_str()).collect();
        let Some(jd) = judged(j, &d.party.name.value, &aliases) else {
            continue;
        };
        let Some(o) = &jd.outcome else { continue };
        if o.verdict.value != crate::docs::judgment::Verdict::Guilty && o.charges.is_empty() {
            continue;
        }
        let charged: Vec<(String, &Evidence)> = d
            .charges
            .iter()
            .map(|c| (canon(ctx, c.canonical()), &c.name.evidence))
            .collect();
        let convicted: Vec<(String, &Evidence)> = o
            .charges
            .iter()
            .map(|c| (canon(ctx, &c.value), &c.evidence))
            .collect();
        let dropped: Vec<_> = charged
            .iter()
            .filter(|(c, _)| !convicted.iter().any(|(x, _)| x == c))
            .collect();
        let added: Vec<_> = convicted
            .iter()
            .filter(|(c, _)| !charged.iter().any(|(x, _)| x == c))
            .collect();
        let who = Some(d.party.name.value.as_str());
        if dropped.len() == 1 && added.len() == 1 {
            out.report(
                who,
                format!(
                    "改变罪名：起诉书指控{}，判决认定{}",
                    dropped[0].0, added[0].0
                ),
                vec![dropped[0].1.clone(), added[0].1.clone()],
            );
            continue;
        }
        for (c, ev) in &dropped {
            out.report(
                who,
                format!("起诉书指控的{c}未被判决认定（漏判或未予认定）"),
                vec![(*ev).clone(), o.verdict.evidence.clone()],
            );
        }
        for (c, ev) in &added {
            out.report(
                who,
                format!("判决认定的{c}未被起诉书指控"),
                vec![(*ev).clone()],
            );
        }
    }
}

fn charge_arrest(case: &Case, ctx: &Context<'_>, out: &mut Emitter<'_>) {
    let Some((_, i)) = indictment(case) else {
        return;
    };
    for (_, a) in case.arrests() {
        if a.kind == DocType::ArrestRefusal {
            continue;
        }
        for s in &a.suspects {
            let Some(d) = i
                .defendants
                .iter()
                .find(|d| d.party.name.value == s.name.value)
            else {
                continue;
            };
            let arrested: Vec<(String, &Evidence)> = if s.charges.is_empty() {
                s.charge
                    .iter()
                    .map(|c| (canon(ctx, &c.value), &c.evidence))
                    .collect()
            } else {
                s.charges
                    .iter()
                    .map(|c| (canon(ctx, c.canonical()), &c.name.evidence))
                    .collect()
            };
            if arrested.is_empty() || d.charges.is_empty() {
                continue;
            }
            let charged: Vec<String> = d
                .charges
                .iter()
                .map(|c| canon(ctx, c.canonical()))
                .collect();
            let differ = arrested.iter().any(|(c, _)| !charged.contains(c))
                || charged
                    .iter()
                    .any(|c| !arrested.iter().any(|(x, _)| x == c));
            if differ {
                let from: Vec<&str> = arrested.iter().map(|(c, _)| c.as_str()).collect();
                let mut ev: Vec<Evidence> = arrested.iter().map(|(_, e)| (*e).clone()).collect();
                ev.extend(d.charges.iter().map(|c| c.name.evidence.clone()));
                out.report(
                    Some(&s.name.value),
                    format!(
                        "逮捕时涉嫌{}，起诉指控{}",
                        from.join("、"),
                        charged.join("、")
                    ),
                    ev,
                );
            }
        }
    }
}

fn first(c: &[CustodyMeasure], measure: &str) -> Option<(Date, Evidence)> {
    c.iter()
        .find(|m| m.measure == measure)
        .and_then(|m| Some((m.date?, m.evidence.clone())))
}

fn custody(case: &Case, _ctx: &Context<'_>, out: &mut Emitter<'_>) {
    let ind = indictment(case);
    let jud = judgment(case);
    if let (Some((_, i)), Some((_, j))) = (ind, jud) {
        for d in &i.defendants {
            let aliases: Vec<&str> = d.party.aliases.iter().map(|a| a.value.as_str()).collect();
            let Some(jd) = judged(j, &d.party.name.value, &aliases) else {
                continue;
            };
            for m in ["刑事拘留", "逮捕", "取保候审"] {
                if let (Some((a, ea)), Some((b, eb))) =
                    (first(&d.party.custody, m), first(&jd.party.custody, m))
                {
                    if a != b {
                        out.report(
                            Some(&d.party.name.value),
                            format!("{m}日期不一致：起诉书{a}，判决书{b}"),
                            vec![ea, eb],
                        );
                    }
                }
            }
        }
    }
    // The approval's date against the execution date the indictment or judgment records.
    for (_, a) in case
        .arrests()
        .filter(|(_, a)| matches!(a.kind, DocType::ArrestApproval | DocType::ArrestDecision))
    {
        let Some(approved) = &a.date else { continue };
        for s in &a.suspects {
            let executed = ind
                .and_then(|(_, i)| {
                    i.defendants
                        .iter()
                        .find(|d| d.party.name.value == s.name.value)
                        .and_then(|d| first(&d.party.custody, "逮捕"))
                })
                .or_else(|| {
                    jud.and_then(|(_, j)| {
                        judged(j, &s.name.value, &[]).and_then(|d| first(&d.party.custody, "逮捕"))
                    })
                });
            let Some((exec, ev)) = executed else { continue };
            let (Some(x), Some(y)) = (approved.value.to_days(), exec.to_days()) else {
                continue;
            };
            let msg = if y < x {
                Some(format!(
                    "逮捕执行日{exec}早于批准（决定）日{}",
                    approved.value
                ))
            } else if y - x > 3 {
                Some(format!(
                    "逮捕执行日{exec}晚于批准（决定）日{}三日以上",
                    approved.value
                ))
            } else {
                None
            };
            if let Some(m) = msg {
                out.report(Some(&s.name.value), m, vec![approved.evidence.clone(), ev]);
            }
        }
    }
}

fn months_text(m: u32) -> String {
    match (m / 12, m % 12) {
        (0, mo) => format!("{mo}个月"),
        (y, 0) => format!("{y}年"),
        (y, mo) => format!("{y}年{mo}个月"),
    }
}

/// The recommendation for a defendant: in the indictment, else in a separate 量刑建议书.
fn recommendation_for<'a>(
    case: &'a Case,
    i: Option<&'a Indictment>,
    name: &str,
) -> Option<&'a SentencingRecommendation> {
    i.and_then(|i| {
        i.defendants
            .iter()
            .find(|d| d.party.name.value == name)
            .and_then(|d| d.recommendation.as_ref())
    })
    .or_else(|| {
        case.recommendations().find_map(|(_, r)| {
            r.recommendations
                .iter()
                .find(|(n, _)| {
                    n.as_ref().is_some_and(|n| n.value == name)
                        || (n.is_none() && r.defendants.len() <= 1)
                })
                .map(|(_, rec)| rec)
        })
    })
}

fn recommendation(case: &Case, _ctx: &Context<'_>, out: &mut Emitter<'_>) {
    let Some((_, j)) = judgment(case) else { return };
    let ind = indictment(case).map(|(_, i)| i);
    for d in &j.defendants {
        let name = &d.party.name.value;
        let Some(rec) = recommendation_for(case, ind, name) else {
            continue;
        };
        let Some(s) = d.outcome.as_ref().and_then(|o| o.sentence.as_ref()) else {
            continue;
        };
        let mut diffs = Vec::new();
        if let Some(p) = &rec.principal {
            if p.value.name() != s.principal
                && !(p.value.name().starts_with("死刑") && s.principal.starts_with("死刑"))
            {
                diffs.push(format!("建议{}，判处{}", p.value.name(), s.principal));
            }
        }
        if let (Some(t), Some(m)) = (&rec.term, s.term_months) {
            let (lo, hi) = (t.value.min_months(), t.value.max_months());
            if lo.is_some_and(|lo| m < lo) {
                diffs.push(format!(
                    "刑期{}低于建议下限{}（差{}）",
                    months_text(m),
                    months_text(lo.unwrap_or(0)),
                    months_text(lo.unwrap_or(0) - m)
                ));
            } else if hi.is_some_and(|hi| m > hi) {
                diffs.push(format!(
                    "刑期{}超出建议上限{}（差{}）",
                    months_text(m),
                    months_text(hi.unwrap_or(0)),
                    months_text(m - hi.unwrap_or(0))
                ));
            }
        }
        let recommended_probation = rec.probation.as_ref().map(|p| p.value);
        match (recommended_probation, s.probation_months.is_some()) {
            (Some(true), false) => diffs.push("建议适用缓刑，判决未适用".into()),
            (Some(false) | None, true) => diffs.push("量刑建议未建议缓刑，判决宣告缓刑".into()),
            _ => {}
        }
        if let Some(f) = &rec.fine {
            let (lo, hi) = (f.value.min, f.value.max);
            match s.fine_yuan {
                None if lo.is_some() || hi.is_some() => {
                    diffs.push("建议并处罚金，判决未判处罚金".into())
                }
                Some(y) if lo.is_some_and(|lo| y < lo) || hi.is_some_and(|hi| y > hi) => {
                    diffs.push(format!(
                        "罚金{y}元不在建议{}元范围内",
                        match (lo, hi) {
                            (Some(a), Some(b)) if a == b => format!("{a}"),
                            (a, b) => format!(
                                "{}—{}",
                                a.map_or("".into(), |x| x.to_string()),
                                b.map_or("".into(), |x| x.to_string())
                            ),
                        }
                    ));
                }
                _ => {}
            }
        }
        if !diffs.is_empty() {
            out.report(
                Some(name),
                format!("判决与量刑建议不一致：{}", diffs.join("；")),
                vec![rec.evidence.clone(), s.evidence.clone()],
            );
        }
    }
}

/// The circumstance tags compared across documents.
const COMPARED: &[&str] = &[
    "累犯",
    "自首",
    "坦白",
    "立功",
    "认罪认罚",
    "未遂",
    "中止",
    "从犯",
    "未成年人",
    "退赃退赔",
    "取得谅解",
];

fn circumstance(case: &Case, _ctx: &Context<'_>, out: &mut Emitter<'_>) {
    let (Some((_, i)), Some((_, j))) = (indictment(case), judgment(case)) else {
        return;
    };
    for d in &i.defendants {
        let aliases: Vec<&str> = d.party.aliases.iter().map(|a| a.value.as_str()).collect();
        let Some(jd) = judged(j, &d.party.name.value, &aliases) else {
            continue;
        };
        if jd.outcome.is_none() {
            continue;
        }
        let asserted: Vec<(&str, &Evidence)> = d
            .circumstances
            .iter()
            .map(|c| (c.value.name(), &c.evidence))
            .filter(|(t, _)| COMPARED.contains(t))
            .collect();
        let affirmed: Vec<(&str, &Evidence)> = jd
            .circumstances
            .iter()
            .filter(|c| c.stance == Stance::Affirmed)
            .map(|c| (c.tag.as_str(), &c.evidence))
            .filter(|(t, _)| COMPARED.contains(t))
            .collect();
        let mut diffs = Vec::new();
        let mut evidence = Vec::new();
        for (t, ev) in &asserted {
            // 坦白 is part of 自首: a court that affirms 自首 has not dropped 坦白.
            let covered = affirmed.iter().any(|(x, _)| x == t)
                || (*t == "坦白" && affirmed.iter().any(|(x, _)| *x == "自首"));
            if !covered {
                diffs.push(format!("起诉书认定{t}，判决未认定"));
                evidence.push((*ev).clone());
            }
        }
        for (t, ev) in &affirmed {
            let covered = asserted.iter().any(|(x, _)| x == t)
                || (*t == "坦白" && asserted.iter().any(|(x, _)| *x == "自首"));
            if !covered {
                diffs.push(format!("判决认定{t}，起诉书未认定"));
                evidence.push((*ev).clone());
            }
        }
        if !diffs.is_empty() {
            out.report(
                Some(&d.party.name.value),
                format!("量刑情节不一致：{}", diffs.join("；")),
                evidence,
            );
        }
    }
}

fn reference(case: &Case, _ctx: &Context<'_>, out: &mut Emitter<'_>) {
    if let (Some((_, i)), Some((_, j))) = (indictment(case), judgment(case)) {
        if let (Some(cited), Some(own)) = (&j.indictment_number, &i.number) {
            if number_key(&cited.value) != number_key(&own.value) {
                out.report(
                    None,
                    format!(
                        "判决书引用的起诉书文号{}与起诉书文号{}不符",
                        cited.evidence.text, own.evidence.text
                    ),
                    vec![cited.evidence.clone(), own.evidence.clone()],
                );
            }
        }
        if let (Some(p), Some(d)) = (&j.prosecution_date, &i.date) {
            if p.value < d.value {
                out.report(
                    None,
                    format!(
                        "判决书记载的起诉日期{}早于起诉书落款日期{}",
                        p.value, d.value
                    ),
                    vec![p.evidence.clone(), d.evidence.clone()],
                );
            }
        }
    }
    // The request number an approval cites against the request itself, when it is in the bundle.
    let requests: Vec<_> = case
        .arrests()
        .filter(|(_, a)| a.kind == DocType::ArrestRequest)
        .collect();
    for (_, a) in case
        .arrests()
        .filter(|(_, a)| a.kind != DocType::ArrestRequest)
    {
        let Some(cited) = &a.request_number else {
            continue;
        };
        let same_suspects = |r: &crate::docs::arrest::ArrestDocument| {
            r.suspects
                .iter()
                .any(|s| a.suspects.iter().any(|x| x.name.value == s.name.value))
        };
        for (_, r) in requests.iter().filter(|(_, r)| same_suspects(r)) {
            if let Some(own) = &r.number {
                if number_key(&cited.value) != number_key(&own.value) {
                    out.report(
                        None,
                        format!(
                            "逮捕决定引用的提请批准逮捕书文号{}与该文书文号{}不符",
                            cited.evidence.text, own.evidence.text
                        ),
                        vec![cited.evidence.clone(), own.evidence.clone()],
                    );
                }
            }
        }
    }
}

/// The first article of 分则 (§102 onward): the article of the main charge.
fn main_article<'a>(
    articles: impl Iterator<Item = (&'a str, &'a Evidence)>,
) -> Option<(&'a str, &'a Evidence)> {
    articles.into_iter().find(|(a, _)| {
        a.split('之')
            .next()
            .and_then(|n| n.parse::<u32>().ok())
            .is_some_and(|n| n >= 102)
    })
}

fn articles(case: &Case, _ctx: &Context<'_>, out: &mut Emitter<'_>) {
    let (Some((_, i)), Some((_, j))) = (indictment(case), judgment(case)) else {
        return;
    };
    let Some((ia, iev)) = main_article(i.articles.iter().map(|a| (a.value.as_str(), &a.evidence)))
    else {
        return;
    };
    let judged: Vec<(&str, &Evidence)> = j
        .law_articles
        .iter()
        .filter(|a| a.value.law == "刑法")
        .map(|a| (a.value.article.as_str(), &a.evidence))
        .collect();
    let Some((ja, jev)) = main_article(judged.iter().copied()) else {
        return;
    };
    if !judged.iter().any(|(a, _)| *a == ia) {
        out.report(
            None,
            format!("起诉书认定触犯刑法第{ia}条，判决适用刑法第{ja}条"),
            vec![iev.clone(), jev.clone()],
        );
    }
}

fn procedure(case: &Case, _ctx: &Context<'_>, out: &mut Emitter<'_>) {
    let (Some((_, i)), Some((_, j))) = (indictment(case), judgment(case)) else {
        return;
    };
    let (Some(p), Some(q)) = (&i.procedure_proposed, &j.procedure) else {
        return;
    };
    if p.value != q.value && p.value != "普通程序" {
        let who = (i.defendants.len() == 1).then(|| i.defendants[0].party.name.value.as_str());
        out.report(
            who,
            format!("起诉书建议适用{}，法院适用{}", p.value, q.value),
            vec![p.evidence.clone(), q.evidence.clone()],
        );
    }
}
