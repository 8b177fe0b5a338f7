//! L- rules: single-document legality checks of judgments — terms and their dates, the
//! statutory ranges, fines the law mandates, probation, combined sentences, age, recidivism,
//! political rights, custody and trial deadlines, impossible dates, ID numbers.

use super::{Rule, RuleInfo};
use crate::check::{Case, Context, Emitter, Severity};
use crate::dict::{Additional, Penalty};
use crate::docs::judgment::{JudgedDefendant, Judgment, Outcome};
use crate::document::{Document, Evidence};
use crate::extract::circumstances::Stance;
use crate::extract::sentence::{PoliticalRights, Sentence};
use crate::primitives::{find_dates, Date};
use crate::segment::SectionKind;

/// A small first-instance judgment with the given parties paragraph, reasoning and operative part.
macro_rules! judgment {
    ($parties:expr, $reasoning:expr, $operative:expr) => {
        judgment!($parties, "简易程序", $reasoning, $operative, "二〇二三年三月十日")
    };
    ($parties:expr, $procedure:expr, $reasoning:expr, $operative:expr, $date:expr) => {
        concat!(
            "某县人民法院 刑事判决书 （2023）某0102刑初1号 公诉机关某县人民检察院。 ",
            $parties,
            " 某县人民检察院以某检刑诉〔2023〕1号起诉书指控被告人张某犯罪，于2023年3月1日向本院提起公诉。本院依法适用",
            $procedure,
            "，公开开庭审理了本案。 经审理查明：2022年12月3日，被告人张某实施了犯罪行为。 本院认为，",
            $reasoning,
            "判决如下： ",
            $operative,
            " 如不服本判决，可在接到判决书的第二日起十日内提出上诉。 审判员 李某 ",
            $date,
            " 书记员 王某"
        )
    };
}

macro_rules! detained {
    () => {
        "被告人张某，男，1985年3月12日出生，汉族。因涉嫌盗窃罪于2023年1月5日被刑事拘留，同年1月12日被逮捕。"
    };
}

macro_rules! theft {
    () => {
        "被告人张某秘密窃取他人财物，数额较大，其行为已构成盗窃罪。依照《中华人民共和国刑法》第二百六十四条之规定，"
    };
}

macro_rules! drunk {
    () => {
        "被告人张某醉酒驾驶机动车，其行为已构成危险驾驶罪。依照《中华人民共和国刑法》第一百三十三条之一之规定，"
    };
}

const OK_THEFT: &str = judgment!(detained!(), theft!(), "被告人张某犯盗窃罪，判处有期徒刑十个月，并处罚金人民币二千元。（刑期自2023年1月5日起至2023年11月4日止。）");

pub(super) fn rules() -> Vec<Rule> {
    vec![
        Rule {
            info: RuleInfo {
                id: "L-term-dates",
                severity: Severity::Warning,
                what: "刑期止日与起日加刑期不符（有期徒刑、拘役，羁押一日折抵一日，羁押未中断）",
                why: "刑期起止日期决定实际执行期限，计算错误会导致多关或少关。",
                basis: "刑法第四十一条、第四十四条、第四十七条",
                fires: &[&[("j", judgment!(detained!(), theft!(), "被告人张某犯盗窃罪，判处有期徒刑十个月，并处罚金人民币二千元。（刑期自2023年1月5日起至2023年12月4日止。）"))]],
                quiet: &[&[("j", OK_THEFT)]],
            },
            check: term_dates,
        },
        Rule {
            info: RuleInfo {
                id: "L-term-start",
                severity: Severity::Warning,
                what: "刑期起算日不是本案最初羁押之日，且文书未作说明",
                why: "先行羁押的日期应当折抵刑期；起算日错误直接改变刑满日期。",
                basis: "刑法第四十七条",
                fires: &[&[("j", judgment!(detained!(), theft!(), "被告人张某犯盗窃罪，判处有期徒刑十个月，并处罚金人民币二千元。（刑期自2023年1月12日起至2023年11月11日止。）"))]],
                quiet: &[&[("j", OK_THEFT)]],
            },
            check: term_start,
        },
        Rule {
            info: RuleInfo {
                id: "L-range",
                severity: Severity::Error,
                what: "主刑种类或刑期超出所适用条文（及总则）允许的范围",
                why: "超出法定刑幅度的判决适用法律错误，是抗诉的典型线索。",
                basis: "刑法第三十八条、第四十二条、第四十五条及罪名所在条文",
                fires: &[&[("j", judgment!(detained!(), drunk!(), "被告人张某犯危险驾驶罪，判处有期徒刑一年，并处罚金人民币五千元。"))]],
                quiet: &[&[("j", judgment!(detained!(), drunk!(), "被告人张某犯危险驾驶罪，判处拘役三个月，并处罚金人民币五千元。（刑期自2023年1月5日起至2023年4月4日止。）"))]],
            },
            check: range,
        },
        Rule {
            info: RuleInfo {
                id: "L-fine-missing",
                severity: Severity::Error,
                what: "罪名所在条文（对应量刑幅度）规定“并处罚金”，判决未判处罚金",
                why: "漏判附加刑是常见的审判监督线索。",
                basis: "刑法第五十二条及罪名所在条文",
                fires: &[&[("j", judgment!(detained!(), drunk!(), "被告人张某犯危险驾驶罪，判处拘役三个月。（刑期自2023年1月5日起至2023年4月4日止。）"))]],
                quiet: &[&[("j", judgment!(detained!(), drunk!(), "被告人张某犯危险驾驶罪，判处拘役三个月，并处罚金人民币五千元。（刑期自2023年1月5日起至2023年4月4日止。）"))]],
            },
            check: fine_missing,
        },
        Rule {
            info: RuleInfo {
                id: "L-probation",
                severity: Severity::Error,
                what: "缓刑适用错误：主刑不是拘役或三年以下有期徒刑、对累犯适用缓刑、或考验期超出法定范围",
                why: "缓刑的适用条件和考验期限由刑法明确规定。",
                basis: "刑法第七十二条、第七十三条、第七十四条",
                fires: &[&[("j", judgment!(detained!(), theft!(), "被告人张某犯盗窃罪，判处有期徒刑一年，缓刑六个月，并处罚金人民币二千元。"))]],
                quiet: &[&[("j", judgment!(detained!(), theft!(), "被告人张某犯盗窃罪，判处有期徒刑一年，缓刑二年，并处罚金人民币二千元。"))]],
            },
            check: probation,
        },
        Rule {
            info: RuleInfo {
                id: "L-combined",
                severity: Severity::Error,
                what: "数罪并罚决定执行的刑期低于数刑中最高刑期、高于总和刑期，或超过法定上限",
                why: "并罚规则（限制加重）由刑法第六十九条规定。",
                basis: "刑法第六十九条",
                fires: &[&[("j", judgment!(detained!(), theft!(), "被告人张某犯盗窃罪，判处有期徒刑一年；犯诈骗罪，判处有期徒刑二年；决定执行有期徒刑一年六个月。"))]],
                quiet: &[&[("j", judgment!(detained!(), theft!(), "被告人张某犯盗窃罪，判处有期徒刑一年；犯诈骗罪，判处有期徒刑二年；决定执行有期徒刑二年六个月。"))]],
            },
            check: combined,
        },
        Rule {
            info: RuleInfo {
                id: "L-juvenile",
                severity: Severity::Error,
                what: "犯罪时不满十八周岁而判决未提及未成年或从轻、减轻；对未成年人判处死刑；未达刑事责任年龄",
                why: "未成年人犯罪应当从轻或者减轻处罚，且不适用死刑。",
                basis: "刑法第十七条、第四十九条",
                fires: &[&[("j", judgment!("被告人张某，男，2006年3月12日出生，汉族。因涉嫌盗窃罪于2023年1月5日被刑事拘留。", theft!(), "被告人张某犯盗窃罪，判处有期徒刑六个月，并处罚金人民币一千元。"))]],
                quiet: &[&[("j", judgment!("被告人张某，男，2006年3月12日出生，汉族。因涉嫌盗窃罪于2023年1月5日被刑事拘留。", "被告人张某犯盗窃罪，犯罪时未满十八周岁，依法应当从轻处罚。依照《中华人民共和国刑法》第二百六十四条、第十七条之规定，", "被告人张某犯盗窃罪，判处有期徒刑六个月，并处罚金人民币一千元。"))]],
            },
            check: juvenile,
        },
        Rule {
            info: RuleInfo {
                id: "L-elderly",
                severity: Severity::Warning,
                what: "犯罪或审判时已满七十五周岁而判决未提及从宽；对其判处死刑",
                why: "已满七十五周岁的人故意犯罪可以从轻或者减轻处罚，过失犯罪应当从轻或者减轻处罚，审判时一般不适用死刑。",
                basis: "刑法第十七条之一、第四十九条",
                fires: &[&[("j", judgment!("被告人张某，男，1940年3月12日出生，汉族。因涉嫌盗窃罪于2023年1月5日被刑事拘留。", theft!(), "被告人张某犯盗窃罪，判处有期徒刑六个月，并处罚金人民币一千元。"))]],
                quiet: &[&[("j", judgment!("被告人张某，男，1940年3月12日出生，汉族。因涉嫌盗窃罪于2023年1月5日被刑事拘留。", "被告人张某犯盗窃罪，犯罪时已满七十五周岁，可以从轻处罚。依照《中华人民共和国刑法》第二百六十四条、第十七条之一之规定，", "被告人张某犯盗窃罪，判处有期徒刑六个月，并处罚金人民币一千元。"))]],
            },
            check: elderly,
        },
        Rule {
            info: RuleInfo {
                id: "L-recidivism",
                severity: Severity::Error,
                what: "认定累犯，但前罪刑罚低于有期徒刑、刑满释放已逾五年或犯罪时不满十八周岁",
                why: "累犯应当从重处罚且不得缓刑、假释，错误认定加重被告人刑罚。",
                basis: "刑法第六十五条",
                fires: &[&[("j", judgment!("被告人张某，男，1985年3月12日出生，汉族。2010年5月因犯盗窃罪被某县人民法院判处拘役五个月，2010年9月刑满释放。因涉嫌盗窃罪于2023年1月5日被刑事拘留。", "被告人张某犯盗窃罪，系累犯，应当从重处罚。依照《中华人民共和国刑法》第二百六十四条、第六十五条之规定，", "被告人张某犯盗窃罪，判处有期徒刑一年，并处罚金人民币二千元。"))]],
                quiet: &[&[("j", judgment!("被告人张某，男，1985年3月12日出生，汉族。2020年5月因犯盗窃罪被某县人民法院判处有期徒刑一年，2021年3月刑满释放。因涉嫌盗窃罪于2023年1月5日被刑事拘留。", "被告人张某犯盗窃罪，系累犯，应当从重处罚。依照《中华人民共和国刑法》第二百六十四条、第六十五条之规定，", "被告人张某犯盗窃罪，判处有期徒刑一年，并处罚金人民币二千元。"))]],
            },
            check: recidivism,
        },
        Rule {
            info: RuleInfo {
                id: "L-political-rights",
                severity: Severity::Error,
                what: "判处死刑、无期徒刑未剥夺政治权利终身；剥夺政治权利的期限不在一年以上五年以下",
                why: "附加剥夺政治权利的期限由刑法规定，漏判或错判是附加刑适用错误。",
                basis: "刑法第五十五条、第五十七条",
                fires: &[&[("j", judgment!(detained!(), "被告人张某抢劫他人财物，其行为已构成抢劫罪。依照《中华人民共和国刑法》第二百六十三条之规定，", "被告人张某犯抢劫罪，判处无期徒刑，并处没收个人全部财产。"))]],
                quiet: &[&[("j", judgment!(detained!(), "被告人张某抢劫他人财物，其行为已构成抢劫罪。依照《中华人民共和国刑法》第二百六十三条之规定，", "被告人张某犯抢劫罪，判处无期徒刑，剥夺政治权利终身，并处没收个人全部财产。"))]],
            },
            check: political_rights,
        },
        Rule {
            info: RuleInfo {
                id: "L-custody-deadlines",
                severity: Severity::Warning,
                what: "刑事拘留至逮捕超过三十七日",
                why: "拘留后提请批准逮捕最长三十日，检察院审查批准七日；超期羁押是侦查监督的重点。",
                basis: "刑事诉讼法第九十一条",
                fires: &[&[("j", judgment!("被告人张某，男，1985年3月12日出生，汉族。因涉嫌盗窃罪于2023年1月5日被刑事拘留，同年3月12日被逮捕。", theft!(), "被告人张某犯盗窃罪，判处有期徒刑十个月，并处罚金人民币二千元。"))]],
                quiet: &[&[("j", OK_THEFT)]],
            },
            check: custody_deadlines,
        },
        Rule {
            info: RuleInfo {
                id: "L-trial-deadlines",
                severity: Severity::Info,
                what: "速裁程序十日（可能判处一年以上十五日）、简易程序二十日（可能判处三年以上一个半月）、普通程序三个月内未审结",
                why: "审理期限可以延长，因此作为线索提示，由人工核实是否有延长审批。",
                basis: "刑事诉讼法第二百零八条、第二百二十条、第二百二十五条",
                fires: &[&[("j", judgment!(detained!(), "简易程序", theft!(), "被告人张某犯盗窃罪，判处有期徒刑十个月，并处罚金人民币二千元。（刑期自2023年1月5日起至2023年11月4日止。）", "二〇二三年五月十日"))]],
                quiet: &[&[("j", OK_THEFT)]],
            },
            check: trial_deadlines,
        },
        Rule {
            info: RuleInfo {
                id: "L-dates-order",
                severity: Severity::Error,
                what: "日期顺序不可能：出生晚于犯罪、逮捕早于拘留、判决早于起诉、刑期止日早于起日",
                why: "不可能的日期说明文书有笔误，影响刑期和期限计算。",
                basis: "刑事诉讼法第二百零一条（裁判文书应当准确）",
                fires: &[&[("j", judgment!("被告人张某，男，1985年3月12日出生，汉族。因涉嫌盗窃罪于2023年1月15日被刑事拘留，2023年1月12日被逮捕。", theft!(), "被告人张某犯盗窃罪，判处有期徒刑十个月，并处罚金人民币二千元。"))]],
                quiet: &[&[("j", OK_THEFT)]],
            },
            check: dates_order,
        },
        Rule {
            info: RuleInfo {
                id: "L-id-number",
                severity: Severity::Warning,
                what: "公民身份号码校验位错误，或其中的出生日期、性别与文书所载不一致",
                why: "身份信息错误可能导致错误执行或文书无效。",
                basis: "GB 11643-1999 公民身份号码",
                fires: &[&[("j", judgment!("被告人张某，男，1985年3月12日出生，公民身份号码110105198503120010，汉族。因涉嫌盗窃罪于2023年1月5日被刑事拘留，同年1月12日被逮捕。", theft!(), "被告人张某犯盗窃罪，判处有期徒刑十个月，并处罚金人民币二千元。（刑期自2023年1月5日起至2023年11月4日止。）"))]],
                quiet: &[&[("j", judgment!("被告人张某，男，1985年3月12日出生，公民身份号码110105198503120012，汉族。因涉嫌盗窃罪于2023年1月5日被刑事拘留，同年1月12日被逮捕。", theft!(), "被告人张某犯盗窃罪，判处有期徒刑十个月，并处罚金人民币二千元。（刑期自2023年1月5日起至2023年11月4日止。）"))]],
            },
            check: id_number,
        },
    ]
}

static EXTRA_DAYS_RE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::pattern::re(r"个月(?:零|又)?([〇零一二三四五六七八九十两廿0-9]{1,3})[日天]")
});

/// Every defendant of every judgment of the case, with its outcome.
fn judged(case: &Case) -> impl Iterator<Item = (&Document, &Judgment, &JudgedDefendant, &Outcome)> {
    case.judgments().flat_map(|(doc, j)| {
        j.defendants
            .iter()
            .filter_map(move |d| d.outcome.as_ref().map(|o| (doc, j, d, o)))
    })
}

fn name(d: &JudgedDefendant) -> &str {
    &d.party.name.value
}

fn penalty_of(s: &Sentence) -> Option<Penalty> {
    Penalty::from_chinese(&s.principal)
}

fn months_text(m: u32) -> String {
    match (m / 12, m % 12) {
        (0, mo) => format!("{mo}个月"),
        (y, 0) => format!("{y}年"),
        (y, mo) => format!("{y}年{mo}个月"),
    }
}

/// The earliest full date in the facts (or the allegation): the offence date as far as it is known.
fn offence_date(doc: &Document, j: &Judgment) -> Option<Date> {
    // Facts also mention victims' birthdays and old events: skip birth dates, and keep to the
    // five years before the prosecution.
    let text = doc.text();
    let latest = j
        .prosecution_date
        .as_ref()
        .or(j.judgment_date.as_ref())
        .map(|d| d.value)?;
    let earliest = Date {
        year: latest.year - 5,
        ..latest
    };
    [SectionKind::Facts, SectionKind::Allegation]
        .iter()
        .filter_map(|k| j.sections.get(*k))
        .flat_map(|r| {
            let s = &text[r];
            find_dates(s)
                .into_iter()
                .filter(move |d| !crate::text::prefix(&s[d.span.end..], 6).contains('生'))
                .map(|d| d.date)
        })
        .filter(|d| d.is_full() && *d >= earliest && *d <= latest)
        .min()
}

/// Whole years between `birth` and `at` (a birth date without a day counts from its month's end).
fn age_at(birth: Date, at: Date) -> Option<i32> {
    let (bm, bd) = (birth.month?, birth.day.unwrap_or(31));
    let (am, ad) = (at.month?, at.day?);
    let mut age = at.year - birth.year;
    if (am, ad) < (bm, bd) {
        age -= 1;
    }
    Some(age)
}

fn affirmed(d: &JudgedDefendant, tag: &str) -> bool {
    d.circumstances
        .iter()
        .any(|c| c.tag == tag && c.stance == Stance::Affirmed)
}

fn term_dates(case: &Case, _ctx: &Context<'_>, out: &mut Emitter<'_>) {
    for (_, _, d, o) in judged(case) {
        let (Some(s), Some(start), Some(end)) = (&o.sentence, &o.term_start, &o.term_end) else {
            continue;
        };
        if s.probation_months.is_some() || !matches!(s.principal.as_str(), "有期徒刑" | "拘役")
        {
            continue;
        }
        // Bail or surveillance between detentions interrupts custody: the end moves legitimately.
        if d.party.custody.iter().any(|c| {
            matches!(
                c.measure.as_str(),
                "取保候审" | "监视居住" | "指定居所监视居住"
            )
        }) {
            continue;
        }
        // 拘役四个月十五日: the days after the months count too.
        let extra_days = EXTRA_DAYS_RE
            .captures(&s.evidence.text)
            .and_then(|c| crate::primitives::parse_int(&c[1]))
            .unwrap_or(0) as i64;
        let expected = match (s.term_months, s.term_days) {
            (Some(m), _) => start
                .value
                .add_months(m as i64)
                .and_then(|x| x.add_days(extra_days - 1)),
            (None, Some(days)) => start.value.add_days(days as i64 - 1),
            _ => None,
        };
        if let Some(exp) = expected.filter(|e| *e != end.value) {
            let term = s
                .term_months
                .map(months_text)
                .or(s.term_days.map(|d| format!("{d}日")))
                .unwrap_or_default();
            out.report(
                Some(name(d)),
                format!(
                    "刑期止日有误：{}{}自{}起算应至{}止，判决写至{}止",
                    s.principal, term, start.value, exp, end.value
                ),
                vec![s.evidence.clone(), end.evidence.clone()],
            );
        }
    }
}

fn term_start(case: &Case, _ctx: &Context<'_>, out: &mut Emitter<'_>) {
    for (doc, _, d, o) in judged(case) {
        let (Some(s), Some(start)) = (&o.sentence, &o.term_start) else {
            continue;
        };
        if s.probation_months.is_some() {
            continue;
        }
        let detentions: Vec<_> = d
            .party
            .custody
            .iter()
            .filter(|c| matches!(c.measure.as_str(), "刑事拘留" | "逮捕"))
            .collect();
        let Some(first) = detentions
            .iter()
            .filter_map(|c| c.date.map(|dt| (dt, c)))
            .min_by_key(|(dt, _)| *dt)
        else {
            continue;
        };
        // Starting a few days before the detention is the day of capture (抓获, 传唤): no lead.
        let (Some(s0), Some(f0)) = (start.value.to_days(), first.0.to_days()) else {
            continue;
        };
        if s0 == f0 || (s0 < f0 && f0 - s0 <= 10) {
            continue;
        }
        // A start before the first detention on a date the paragraph gives (被抓获, 被羁押,
        // 投案, an earlier custody) is the first day of custody: only other starts are leads.
        let para = &doc.text()[d.party.paragraph.clone()];
        if start.value < first.0 && find_dates(para).iter().any(|m| m.date == start.value) {
            continue;
        }
        // Custody interrupted (released, bailed, detained in another case) explains a later start.
        if ["释放", "取保", "监视居住", "另案", "脱逃", "暂予监外"]
            .iter()
            .any(|w| para.contains(w))
        {
            continue;
        }
        out.report(
            Some(name(d)),
            format!(
                "刑期起算日{}与最初羁押日{}（{}）不一致",
                start.value, first.0, first.1.measure
            ),
            vec![start.evidence.clone(), first.1.evidence.clone()],
        );
    }
}

/// (penalty, months, days, evidence) of each sentence a defendant received: per charge, or the one sentence.
fn charge_sentences(o: &Outcome) -> Vec<(&str, &Sentence)> {
    if o.per_charge.len() > 1 {
        o.per_charge
            .iter()
            .map(|c| (c.charge.as_str(), &c.sentence))
            .collect()
    } else {
        match (&o.sentence, o.charges.first()) {
            (Some(s), Some(c)) if o.charges.len() == 1 => vec![(c.value.as_str(), s)],
            _ => Vec::new(),
        }
    }
}

fn range(case: &Case, ctx: &Context<'_>, out: &mut Emitter<'_>) {
    let bound = |k: &str, d: f64| ctx.number(k, d) as u32;
    for (doc, j, d, o) in judged(case) {
        let mitigated = j.sections.get(SectionKind::Reasoning).is_some_and(|r| {
            let t = &doc.text()[r];
            t.contains("减轻") || t.contains("免除")
        });
        for (charge, s) in charge_sentences(o) {
            let Some(p) = penalty_of(s) else { continue };
            // General bounds of 刑法 §38, §42, §45.
            let general = match (p, s.term_months) {
                (Penalty::FixedTerm, Some(m)) => Some((
                    bound("penalty.fixed_term.min", 6.0),
                    bound("penalty.fixed_term.max", 180.0),
                    m,
                )),
                (Penalty::CriminalDetention, Some(m)) => Some((
                    bound("penalty.criminal_detention.min", 1.0),
                    bound("penalty.criminal_detention.max", 6.0),
                    m,
                )),
                (Penalty::Control, Some(m)) => Some((
                    bound("penalty.control.min", 3.0),
                    bound("penalty.control.max", 24.0),
                    m,
                )),
                _ => None,
            };
            // A combined sentence (决定执行) has its own bounds (L-combined).
            let combined = s.evidence.text.contains("决定执行");
            if let Some((min, max, m)) = general.filter(|_| !combined) {
                if m < min || m > max {
                    out.report(
                        Some(name(d)),
                        format!(
                            "{}{}超出法定期限（{}至{}）",
                            s.principal,
                            months_text(m),
                            months_text(min),
                            months_text(max)
                        ),
                        vec![s.evidence.clone()],
                    );
                    continue;
                }
            }
            let tiers = ctx.dict.charge_penalty_tiers(charge);
            if tiers.is_empty() || p == Penalty::Fine || amended_since(ctx, charge, doc, j) {
                continue;
            }
            let allowed: Vec<Penalty> = tiers
                .iter()
                .flat_map(|t| t.allows.iter().copied())
                .collect();
            let heaviest = allowed
                .iter()
                .copied()
                .filter(|a| *a <= Penalty::Death)
                .max();
            if !allowed.contains(&p) {
                let heavier = heaviest.is_some_and(|h| p > h);
                if heavier || !mitigated {
                    let allows: Vec<&str> = {
                        let mut v: Vec<&str> = allowed.iter().map(|a| a.chinese()).collect();
                        v.sort_unstable();
                        v.dedup();
                        v
                    };
                    out.report(
                        Some(name(d)),
                        format!(
                            "{charge}判处{}，不在法定刑种类（{}）之内",
                            s.principal,
                            allows.join("、")
                        ),
                        vec![s.evidence.clone()],
                    );
                }
                continue;
            }
            if p == Penalty::FixedTerm
                && !allowed.contains(&Penalty::Life)
                && !allowed.contains(&Penalty::Death)
            {
                let max = tiers.iter().filter_map(|t| t.max_months).max();
                if let (Some(max), Some(m)) = (max, s.term_months) {
                    if m > max as u32 {
                        out.report(
                            Some(name(d)),
                            format!(
                                "{charge}判处有期徒刑{}，超过法定最高刑{}",
                                months_text(m),
                                months_text(max as u32)
                            ),
                            vec![s.evidence.clone()],
                        );
                    }
                }
            }
        }
    }
}

/// Whether an article of `charge` was rewritten after the offence (or, when the offence date is
/// unknown, within the five years before the judgment): the current statutory data may not be the
/// law that applied, so rules built on it stay quiet.
fn amended_since(ctx: &Context<'_>, charge: &str, doc: &Document, j: &Judgment) -> bool {
    let Some(c) = ctx.dict.charge(charge) else {
        return false;
    };
    let at = offence_date(doc, j).or_else(|| {
        j.judgment_date.as_ref().map(|d| Date {
            year: d.value.year - 5,
            ..d.value
        })
    });
    let Some(at) = at else { return true };
    c.articles.iter().any(|a| {
        ctx.dict
            .latest_amendment(a)
            .is_some_and(|m| m.effective > at)
    })
}

fn fine_missing(case: &Case, ctx: &Context<'_>, out: &mut Emitter<'_>) {
    for (doc, j, d, o) in judged(case) {
        let combined_fine = o.sentence.as_ref().is_some_and(|s| s.fine_yuan.is_some());
        for (charge, s) in charge_sentences(o) {
            let Some(p) = penalty_of(s) else { continue };
            if s.fine_yuan.is_some()
                || combined_fine
                || s.confiscation.is_some()
                || amended_since(ctx, charge, doc, j)
            {
                continue;
            }
            if ctx.dict.charge_fine_requirement(charge, p, s.term_months)
                == Some(Additional::Mandatory)
            {
                out.report(
                    Some(name(d)),
                    format!("{charge}依法应当并处罚金，判决未判处罚金"),
                    vec![s.evidence.clone()],
                );
            }
        }
    }
}

fn probation(case: &Case, ctx: &Context<'_>, out: &mut Emitter<'_>) {
    let n = |k: &str, d: f64| ctx.number(k, d) as u32;
    for (_, _, d, o) in judged(case) {
        let Some(s) = &o.sentence else { continue };
        let Some(period) = s.probation_months else {
            continue;
        };
        let term = s.term_months.unwrap_or(0);
        let problem = match s.principal.as_str() {
            "拘役" if period < term.max(n("probation.criminal_detention.min", 2.0)) || period > n("probation.criminal_detention.max", 12.0) => {
                Some(format!("拘役{}的缓刑考验期{}不在法定范围（不少于原判刑期且不少于二个月，不超过一年）", months_text(term), months_text(period)))
            }
            "有期徒刑" if term > n("probation.eligible.fixed_term.max", 36.0) => Some(format!("有期徒刑{}超过三年，不得适用缓刑", months_text(term))),
            "有期徒刑" if period < term.max(n("probation.fixed_term.min", 12.0)) || period > n("probation.fixed_term.max", 60.0) => {
                Some(format!("有期徒刑{}的缓刑考验期{}不在法定范围（不少于原判刑期且不少于一年，不超过五年）", months_text(term), months_text(period)))
            }
            "拘役" | "有期徒刑" => None,
            other => Some(format!("{other}不得适用缓刑")),
        };
        let problem =
            problem.or_else(|| affirmed(d, "累犯").then(|| "对累犯不得适用缓刑".to_string()));
        if let Some(msg) = problem {
            let mut evidence = vec![s.evidence.clone()];
            if let Some(c) = d.circumstances.iter().find(|c| c.tag == "累犯") {
                evidence.push(c.evidence.clone());
            }
            out.report(Some(name(d)), msg, evidence);
        }
    }
}

fn combined(case: &Case, ctx: &Context<'_>, out: &mut Emitter<'_>) {
    let n = |k: &str, d: f64| ctx.number(k, d) as u32;
    for (_, _, d, o) in judged(case) {
        if o.per_charge.len() < 2 {
            continue;
        }
        let Some(total) = &o.sentence else { continue };
        let Some(combined) = total.term_months else {
            continue;
        };
        let terms = |kind: &str| -> Vec<u32> {
            o.per_charge
                .iter()
                .filter(|c| c.sentence.principal == kind)
                .filter_map(|c| c.sentence.term_months)
                .collect()
        };
        let kind = total.principal.as_str();
        let same = terms(kind);
        if same.is_empty() {
            continue;
        }
        let (max, sum) = (
            same.iter().copied().max().unwrap_or(0),
            same.iter().sum::<u32>(),
        );
        let all_same = same.len() == o.per_charge.len();
        let msg = if combined < max {
            Some(format!(
                "决定执行{}{}低于数刑中最高刑{}",
                kind,
                months_text(combined),
                months_text(max)
            ))
        } else if all_same && combined > sum {
            Some(format!(
                "决定执行{}{}高于总和刑期{}",
                kind,
                months_text(combined),
                months_text(sum)
            ))
        } else {
            let cap = match kind {
                "有期徒刑" if sum < n("penalty.combined.fixed_term.threshold", 420.0) => {
                    n("penalty.combined.fixed_term.max", 240.0)
                }
                "有期徒刑" => n("penalty.combined.fixed_term.max_high", 300.0),
                "拘役" => n("penalty.combined.criminal_detention.max", 12.0),
                "管制" => n("penalty.combined.control.max", 36.0),
                _ => u32::MAX,
            };
            (combined > cap).then(|| {
                format!(
                    "决定执行{}{}超过并罚上限{}",
                    kind,
                    months_text(combined),
                    months_text(cap)
                )
            })
        };
        if let Some(m) = msg {
            let mut evidence: Vec<Evidence> = o
                .per_charge
                .iter()
                .map(|c| c.sentence.evidence.clone())
                .collect();
            evidence.push(total.evidence.clone());
            out.report(Some(name(d)), m, evidence);
        }
    }
}

/// Mentions of a mitigation for age in the judgment.
fn mentions_any(doc: &Document, words: &[&str]) -> bool {
    words.iter().any(|w| doc.text().contains(w))
}

const SERIOUS_14: &[&str] = &[
    "故意杀人罪",
    "故意伤害罪",
    "强奸罪",
    "抢劫罪",
    "贩卖毒品罪",
    "走私、贩卖、运输、制造毒品罪",
    "放火罪",
    "爆炸罪",
    "投放危险物质罪",
];

fn juvenile(case: &Case, _ctx: &Context<'_>, out: &mut Emitter<'_>) {
    for (doc, j, d, o) in judged(case) {
        let (Some(birth), Some(offence)) = (&d.party.birth_date, offence_date(doc, j)) else {
            continue;
        };
        let Some(age) = age_at(birth.value, offence) else {
            continue;
        };
        if age >= 18 {
            continue;
        }
        let death = o
            .sentence
            .as_ref()
            .is_some_and(|s| s.principal.starts_with("死刑"));
        let serious = o
            .charges
            .iter()
            .any(|c| SERIOUS_14.contains(&c.value.as_str()));
        let msg = if age < 12
            || (age < 14
                && !o
                    .charges
                    .iter()
                    .any(|c| matches!(c.value.as_str(), "故意杀人罪" | "故意伤害罪")))
        {
            Some(format!("犯罪时{age}周岁，未达刑事责任年龄"))
        } else if age < 16 && !serious {
            Some(format!(
                "犯罪时{age}周岁，所犯之罪不属已满十四周岁应负刑事责任的犯罪"
            ))
        } else if death {
            Some(format!("犯罪时{age}周岁，不适用死刑"))
        } else if !(mentions_any(
            doc,
            &[
                "未成年",
                "未满十八周岁",
                "不满十八周岁",
                "已满十六周岁",
                "已满十四周岁",
            ],
        ) && mentions_any(doc, &["从轻", "减轻"]))
        {
            Some(format!(
                "犯罪时{age}周岁（{}出生，犯罪日{}），判决未提及未成年人从轻、减轻处罚",
                birth.value, offence
            ))
        } else {
            None
        };
        if let Some(m) = msg {
            out.report(
                Some(name(d)),
                m,
                vec![birth.evidence.clone(), o.verdict.evidence.clone()],
            );
        }
    }
}

fn elderly(case: &Case, ctx: &Context<'_>, out: &mut Emitter<'_>) {
    let limit = ctx.number("age.elderly", 75.0) as i32;
    for (doc, j, d, o) in judged(case) {
        let Some(birth) = &d.party.birth_date else {
            continue;
        };
        let at = j
            .judgment_date
            .as_ref()
            .map(|x| x.value)
            .or_else(|| offence_date(doc, j));
        let Some(age) = at.and_then(|a| age_at(birth.value, a)) else {
            continue;
        };
        if age < limit {
            continue;
        }
        let death = o.sentence.as_ref().is_some_and(|s| s.principal == "死刑");
        let msg = if death {
            Some(format!("审判时{age}周岁，一般不适用死刑"))
        } else if !mentions_any(doc, &["七十五周岁", "老年", "年满75", "已满75"]) {
            Some(format!("审判时{age}周岁，判决未提及老年人从宽处罚"))
        } else {
            None
        };
        if let Some(m) = msg {
            out.report(
                Some(name(d)),
                m,
                vec![birth.evidence.clone(), o.verdict.evidence.clone()],
            );
        }
    }
}

fn recidivism(case: &Case, ctx: &Context<'_>, out: &mut Emitter<'_>) {
    let window = ctx.number("recidivism.window", 60.0) as i64;
    for (doc, j, d, _) in judged(case) {
        if !affirmed(d, "累犯") || d.party.prior_records.is_empty() {
            continue;
        }
        let Some(claim) = d
            .circumstances
            .iter()
            .find(|c| c.tag == "累犯" && c.stance == Stance::Affirmed)
        else {
            continue;
        };
        let priors = &d.party.prior_records;
        let imprisoned = priors.iter().any(|p| {
            p.sentence.as_deref().is_some_and(|s| {
                s.starts_with("有期徒刑") || s.starts_with("无期") || s.starts_with("死刑")
            }) || p.release_date.is_some()
        });
        let offence = offence_date(doc, j);
        // The last release: the stated one, or the end of a term (刑期…至…止) in the record.
        // A record without either (only the decision date) says nothing about the release.
        let term_end = |t: &str| -> Option<Date> {
            let at = t.find("至")?;
            find_dates(&t[at..]).into_iter().next().map(|m| m.date)
        };
        let last_release = priors
            .iter()
            .flat_map(|p| p.release_date.into_iter().chain(term_end(&p.evidence.text)))
            .filter(|d| offence.is_none_or(|o| *d <= o))
            .max();
        let msg = if !imprisoned && priors.iter().all(|p| p.sentence.is_some()) {
            Some("认定累犯，但前罪判处的刑罚低于有期徒刑".to_string())
        } else if let (Some(rel), Some(off)) = (last_release, offence) {
            let deadline = rel
                .month
                .map(|_| Date {
                    day: Some(rel.day.unwrap_or(1)),
                    ..rel
                })
                .and_then(|r| r.add_months(window));
            deadline
                .filter(|dl| off > *dl)
                .map(|_| format!("认定累犯，但前罪刑满释放（{rel}）至本次犯罪（{off}）已逾五年"))
        } else {
            None
        };
        let msg = msg.or_else(|| {
            let birth = d.party.birth_date.as_ref()?.value;
            let age = age_at(birth, offence?)?;
            (age < 18).then(|| format!("认定累犯，但犯罪时{age}周岁，不满十八周岁不构成累犯"))
        });
        if let Some(m) = msg {
            let mut evidence = vec![claim.evidence.clone()];
            evidence.extend(priors.iter().map(|p| p.evidence.clone()));
            out.report(Some(name(d)), m, evidence);
        }
    }
}

fn political_rights(case: &Case, ctx: &Context<'_>, out: &mut Emitter<'_>) {
    let (min, max) = (
        ctx.number("penalty.political_rights.min", 12.0) as u32,
        ctx.number("penalty.political_rights.max", 60.0) as u32,
    );
    for (_, _, d, o) in judged(case) {
        let Some(s) = &o.sentence else { continue };
        let msg = match (&s.political_rights, s.principal.as_str()) {
            (Some(PoliticalRights::Life), _) => None,
            (_, "死刑" | "无期徒刑") => {
                Some(format!("判处{}，未剥夺政治权利终身", s.principal))
            }
            (Some(PoliticalRights::Months(m)), "死刑缓期二年执行") => Some(format!(
                "判处死刑缓期二年执行，剥夺政治权利{}而非终身",
                months_text(*m)
            )),
            (None, "死刑缓期二年执行") => {
                Some("判处死刑缓期二年执行，未剥夺政治权利终身".to_string())
            }
            (Some(PoliticalRights::Months(m)), _) if *m < min || *m > max => Some(format!(
                "剥夺政治权利{}，不在一年以上五年以下",
                months_text(*m)
            )),
            _ => None,
        };
        if let Some(m) = msg {
            out.report(Some(name(d)), m, vec![s.evidence.clone()]);
        }
    }
}

fn custody_deadlines(case: &Case, ctx: &Context<'_>, out: &mut Emitter<'_>) {
    let max = ctx.number("custody.detention_to_arrest.max_serious", 37.0) as i64;
    for (_, _, d, _) in judged(case) {
        let c = &d.party.custody;
        for (i, det) in c
            .iter()
            .enumerate()
            .filter(|(_, m)| m.measure == "刑事拘留")
        {
            let Some(k) = c[i + 1..].iter().position(|m| m.measure == "逮捕") else {
                continue;
            };
            let arrest = &c[i + 1 + k];
            // Release in between (bail, surveillance), an arrest the court decides after
            // prosecution, or a detention by a procuratorate (its own deadlines) are not this case.
            let released = c[i + 1..i + 1 + k].iter().any(|m| {
                matches!(
                    m.measure.as_str(),
                    "取保候审" | "监视居住" | "指定居所监视居住"
                )
            });
            if released
                || arrest.evidence.text.contains("法院")
                || det.evidence.text.contains("检察院")
                || det.evidence.text.contains("在逃")
            {
                continue;
            }
            let (Some(a), Some(b)) = (
                det.date.and_then(|x| x.to_days()),
                arrest.date.and_then(|x| x.to_days()),
            ) else {
                continue;
            };
            // The arrest is executed at the latest the day after the decision.
            if b - a > max + 1 {
                out.report(
                    Some(name(d)),
                    format!("刑事拘留至逮捕{}日，超过{}日", b - a, max),
                    vec![det.evidence.clone(), arrest.evidence.clone()],
                );
            }
        }
    }
}

fn trial_deadlines(case: &Case, ctx: &Context<'_>, out: &mut Emitter<'_>) {
    for (_, j) in case.judgments() {
        if j.trial_level.as_deref() == Some("二审") {
            continue;
        }
        let (Some(proc_), Some(pros), Some(judg)) =
            (&j.procedure, &j.prosecution_date, &j.judgment_date)
        else {
            continue;
        };
        let (Some(a), Some(b)) = (pros.value.to_days(), judg.value.to_days()) else {
            continue;
        };
        let longest = j
            .defendants
            .iter()
            .filter_map(|d| d.outcome.as_ref()?.sentence.as_ref()?.term_months)
            .max()
            .unwrap_or(0);
        let limit = match proc_.value.as_str() {
            "速裁程序" if longest > ctx.number("trial.speedy.extension_threshold", 12.0) as u32 => {
                Some((ctx.number("trial.speedy.extended", 15.0) as i64, "十五日"))
            }
            "速裁程序" => Some((ctx.number("trial.speedy", 10.0) as i64, "十日")),
            "简易程序"
                if longest > ctx.number("trial.summary.extension_threshold", 36.0) as u32 =>
            {
                pros.value
                    .add_months(1)
                    .and_then(|x| x.add_days(15))
                    .and_then(|x| x.to_days())
                    .map(|x| (x - a, "一个半月"))
            }
            "简易程序" => Some((ctx.number("trial.summary", 20.0) as i64, "二十日")),
            "普通程序" => pros
                .value
                .add_months(ctx.number("trial.ordinary.max", 3.0) as i64)
                .and_then(|x| x.to_days())
                .map(|x| (x - a, "三个月")),
            _ => None,
        };
        if let Some((days, label)) = limit {
            if b - a > days {
                out.report(
                    None,
                    format!(
                        "{}自受理（{}）至宣判（{}）{}日，超过{}，请核实是否延长审限",
                        proc_.value,
                        pros.value,
                        judg.value,
                        b - a,
                        label
                    ),
                    vec![
                        proc_.evidence.clone(),
                        pros.evidence.clone(),
                        judg.evidence.clone(),
                    ],
                );
            }
        }
    }
}

fn dates_order(case: &Case, _ctx: &Context<'_>, out: &mut Emitter<'_>) {
    for (doc, j) in case.judgments() {
        if let (Some(p), Some(jd)) = (&j.prosecution_date, &j.judgment_date) {
            if jd.value < p.value {
                out.report(
                    None,
                    format!("判决日期{}早于起诉日期{}", jd.value, p.value),
                    vec![p.evidence.clone(), jd.evidence.clone()],
                );
            }
        }
        let offence = offence_date(doc, j);
        for d in &j.defendants {
            let who = Some(name(d));
            if let (Some(b), Some(off)) = (&d.party.birth_date, offence) {
                if b.value.is_full() && b.value > off {
                    out.report(
                        who,
                        format!("出生日期{}晚于犯罪日期{}", b.value, off),
                        vec![b.evidence.clone()],
                    );
                }
            }
            let c = &d.party.custody;
            if let (Some(det), Some(arr)) = (
                c.iter().find(|m| m.measure == "刑事拘留"),
                c.iter().find(|m| m.measure == "逮捕"),
            ) {
                if let (Some(a), Some(b)) = (det.date, arr.date) {
                    if b < a {
                        out.report(
                            who,
                            format!("逮捕日期{b}早于刑事拘留日期{a}"),
                            vec![det.evidence.clone(), arr.evidence.clone()],
                        );
                    }
                }
            }
            if let Some(o) = &d.outcome {
                if let (Some(s), Some(e)) = (&o.term_start, &o.term_end) {
                    if e.value < s.value {
                        out.report(
                            who,
                            format!("刑期止日{}早于起日{}", e.value, s.value),
                            vec![e.evidence.clone()],
                        );
                    }
                }
            }
        }
    }
}

fn id_number(case: &Case, _ctx: &Context<'_>, out: &mut Emitter<'_>) {
    for (_, j) in case.judgments() {
        for d in &j.defendants {
            let Some(id) = &d.party.id_number else {
                continue;
            };
            let mut problems = Vec::new();
            if !id.value.checksum_ok {
                problems.push("校验位错误".to_string());
            }
            if let (Some(b), Some(ib)) = (&d.party.birth_date, id.value.birth_date) {
                if b.value.is_full() && b.value != ib {
                    problems.push(format!("号码中的出生日期{ib}与所载{}不符", b.value));
                }
            }
            if let (Some(g), Some(ig)) = (&d.party.gender, &id.value.gender) {
                if &g.value != ig {
                    problems.push(format!("号码中的性别{ig}与所载{}不符", g.value));
                }
            }
            if !problems.is_empty() {
                out.report(
                    Some(name(d)),
                    format!("公民身份号码{}：{}", id.value.number, problems.join("；")),
                    vec![id.evidence.clone()],
                );
            }
        }
    }
}
