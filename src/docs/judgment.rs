//! The judgment (刑事判决书 / 刑事附带民事判决书 / 刑事裁定书): the typed model and its extraction.

use crate::classify::{classify, DocType};
use crate::document::{Document, Evidence, Field, Warning};
use crate::extract::charges::find_charges;
use crate::extract::circumstances::{find_circumstances, Circumstance, Stance};
use crate::extract::parties::{find_parties, Party};
use crate::extract::sentence::{
    mask_brackets, parse_sentence, term_dates, ChargeSentence, Sentence,
};
use crate::primitives::{find_articles, find_case_number, find_dates, CaseNumber, Date};
use crate::segment::{segment, SectionKind, Sections};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::LazyLock;

/// A law article applied or cited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ArticleRef {
    /// `刑法`, `刑事诉讼法` or another law's title.
    pub law: String,
    /// Article number with suffix (`264`, `133之一`).
    pub article: String,
    /// 款.
    pub clause: Option<u32>,
    /// 项.
    pub item: Option<u32>,
}

/// The verdict for one defendant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Verdict {
    /// Convicted and sentenced.
    #[serde(rename = "有罪")]
    Guilty,
    /// Convicted, exempted from punishment.
    #[serde(rename = "免予刑事处罚")]
    Exempted,
    /// Acquitted.
    #[serde(rename = "无罪")]
    Acquitted,
}

/// What the judgment decides for one defendant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Outcome {
    /// The verdict.
    pub verdict: Field<Verdict>,
    /// Charges convicted of, as written.
    pub charges: Vec<Field<String>>,
    /// The sentence to be executed (决定执行 with several charges).
    pub sentence: Option<Sentence>,
    /// Per-charge sentences when several charges are combined.
    pub per_charge: Vec<ChargeSentence>,
    /// The term's first day.
    pub term_start: Option<Field<Date>>,
    /// The term's last day.
    pub term_end: Option<Field<Date>>,
}

/// A defendant of the judgment: identity, custody, outcome, circumstances.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct JudgedDefendant {
    /// Identity, priors, custody, counsel, from the parties section.
    pub party: Party,
    /// The decision for this defendant, from the operative part.
    pub outcome: Option<Outcome>,
    /// Circumstances the court affirms or rejects in its reasoning.
    pub circumstances: Vec<Circumstance>,
    /// Circumstances asserted in the allegation (公诉机关指控 / 认为).
    pub alleged_circumstances: Vec<Circumstance>,
}

/// The sentencing recommendation the court quotes, and whether it adopted it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct QuotedRecommendation {
    /// The quoted recommendation.
    pub text: Evidence,
    /// `Some(true)` 予以采纳, `Some(false)` 不予采纳 / 不当, `None` when the court does not say.
    pub adopted: Option<bool>,
}

/// A judgment or ruling, extracted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Judgment {
    /// The document's name.
    pub source: String,
    /// 刑事判决书, 刑事附带民事判决书 or 刑事裁定书.
    pub doc_type: DocType,
    /// The issuing court.
    pub court: Option<Field<String>>,
    /// The case number as written, parsed.
    pub case_number: Option<Field<CaseNumber>>,
    /// 一审 or 二审.
    pub trial_level: Option<String>,
    /// 普通程序, 简易程序 or 速裁程序 (the last one named).
    pub procedure: Option<Field<String>>,
    /// The prosecuting procuratorate.
    pub prosecutor: Option<Field<String>>,
    /// The indictment number the court cites.
    pub indictment_number: Option<Field<String>>,
    /// The date of prosecution (提起公诉).
    pub prosecution_date: Option<Field<Date>>,
    /// The judgment date from the signature.
    pub judgment_date: Option<Field<Date>>,
    /// Articles applied in the operative clause (依照…之规定).
    pub law_articles: Vec<Field<ArticleRef>>,
    /// The defendants, in the order of the operative part.
    pub defendants: Vec<JudgedDefendant>,
    /// The recommendation the court quotes.
    pub recommendation: Option<QuotedRecommendation>,
    /// The sections found.
    pub sections: Sections,
    /// Problems noticed: missing sections, contradictions.
    pub warnings: Vec<Warning>,
}

static COURT_RE: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::re(r"([\p{Han}]{2,30}?(?:人民法院|法院))"));
static PROSECUTOR_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(r"(?:公诉机关|抗诉机关)[：:]?\s?([\p{Han}]{2,30}?(?:人民检察院|检察院))")
});
static INDICTMENT_NO_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"以\s?([\p{Han}A-Za-z0-9（）〔〕\-]{2,40}?[〔（]\s?[0-9]{4}\s?[〕）][\p{Han}A-Za-z0-9\-]{0,6}?号)(?:刑事)?(?:起诉书|公诉书|指控|起诉)",
    )
});
static PROCEDURE_RE: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::re(r"(简易程序|速裁程序|普通程序)"));
static PROSECUTION_RE: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::re(r"(?:向|于)?本院提起公诉|(?:向本院)?提起公诉"));
static OPERATIVE_BASIS_RE: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::re(r"(?:依照|根据|依据|按照)[^。；]*$"));
static ADOPT_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(
        r"量刑建议[^。；]{0,30}?(予以采纳|应予采纳|本院予以采纳|可予采纳|予以支持|适当|恰当|合理|不予采纳|不当|过重|过轻|明显不当|偏重|偏轻)",
    )
});
static RECOMMENDATION_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(r"建议[^。；]{0,12}?(?:判处|对被告人|处以|适用)[^。；]{2,120}")
});

/// The group of [`PROSECUTOR_RE`], found with `find`: the match less 公诉机关 / 抗诉机关 and
/// the optional colon and space, which the group (starting with an ideograph) never takes.
fn prosecutor_group(hay: &str) -> Option<Range<usize>> {
    let m = PROSECUTOR_RE.find(hay)?;
    let s = m.as_str();
    let rest = s.get("公诉机关".len()..)?;
    let rest = rest.strip_prefix(['：', ':']).unwrap_or(rest);
    let rest = rest.strip_prefix(char::is_whitespace).unwrap_or(rest);
    Some(m.end() - rest.len()..m.end())
}

/// The endings [`INDICTMENT_NO_RE`] requires after its group.
const INDICTMENT_ENDINGS: [&str; 8] = [
    "刑事起诉书",
    "刑事公诉书",
    "刑事指控",
    "刑事起诉",
    "起诉书",
    "公诉书",
    "指控",
    "起诉",
];

/// The group of [`INDICTMENT_NO_RE`], found with `find`: it starts after 以 and an optional
/// space (the group never starts with one) and ends with the 号 right before the ending. No
/// ending contains 号, so one ending at most follows a 号 and reaches the end of the match.
fn indictment_no_group(hay: &str) -> Option<Range<usize>> {
    let m = INDICTMENT_NO_RE.find(hay)?;
    let s = m.as_str();
    let rest = s.strip_prefix('以')?;
    let rest = rest.strip_prefix(char::is_whitespace).unwrap_or(rest);
    let start = m.end() - rest.len();
    let end = INDICTMENT_ENDINGS.iter().find_map(|e| {
        let body = s.strip_suffix(e)?;
        body.ends_with('号').then_some(m.start() + body.len())
    })?;
    Some(start..end)
}

/// Extracts a judgment or ruling.
///
/// ```
/// use wenshu::{docs::judgment::extract_judgment, Document};
/// let doc = Document::from_text("j", "某县人民法院 刑事判决书 （2023）某0102刑初1号 公诉机关某县人民检察院。 \
///     被告人张某，男，1985年3月12日出生，汉族。因涉嫌盗窃罪于2023年1月5日被刑事拘留，同年1月12日被逮捕。 \
///     某县人民检察院以某检刑诉〔2023〕1号起诉书指控被告人张某犯盗窃罪，于2023年3月1日向本院提起公诉。本院依法适用简易程序。 \
///     经审理查明：… 本院认为，被告人张某如实供述自己的罪行，可以从轻处罚。依照《中华人民共和国刑法》第二百六十四条、第六十七条第三款之规定，判决如下： \
///     被告人张某犯盗窃罪，判处有期徒刑十个月，并处罚金人民币二千元。（刑期自2023年1月5日起至2023年11月4日止。） \
///     如不服本判决，可在接到判决书的第二日起十日内提出上诉。 审判员 李某 二〇二三年四月十日 书记员 王某");
/// let j = extract_judgment(&doc);
/// let d = &j.defendants[0];
/// let s = d.outcome.as_ref().unwrap().sentence.as_ref().unwrap();
/// assert_eq!((s.principal.as_str(), s.term_months, s.fine_yuan), ("有期徒刑", Some(10), Some(2000.0)));
/// assert_eq!(j.judgment_date.unwrap().value.to_string(), "2023-04-10");
/// assert_eq!(j.indictment_number.unwrap().value, "某检刑诉〔2023〕1号");
/// ```
pub fn extract_judgment(doc: &Document) -> Judgment {
    let text = doc.text();
    let class = classify(doc);
    let doc_type = if class.doc_type.is_court() {
        class.doc_type
    } else {
        DocType::Judgment
    };
    let sections = segment(text, doc_type);
    let mut warnings = Vec::new();
    let header = sections.get(SectionKind::Header).unwrap_or(0..0);
    let parties_range = sections.get(SectionKind::Parties).unwrap_or(0..0);
    let procedure_range = sections.get(SectionKind::Procedure);
    let operative = sections.get(SectionKind::Operative);
    if operative.is_none() {
        warnings.push(doc.warning(
            "no operative part (判决如下 / 裁定如下) found: outcomes not extracted",
            None,
        ));
    }
    let reasoning = sections.get(SectionKind::Reasoning);

    // The pattern is one group around the whole match: `find` gives the group without running
    // the capture engine over the big Unicode-class automaton.
    let court = COURT_RE.find(&text[header.clone()]).map(|m| {
        doc.field(
            m.as_str().to_string(),
            header.start + m.start()..header.start + m.end(),
        )
    });
    let court = court.or_else(|| {
        // The court name may sit after a site headline that ends the header early.
        let head = crate::text::prefix(text, 400);
        COURT_RE
            .find(head)
            .map(|m| doc.field(m.as_str().to_string(), m.range()))
    });
    let case_number = find_case_number(crate::text::prefix(text, parties_range.start.max(600)))
        .map(|n| {
            let r = n.span.clone();
            doc.field(n, r)
        });
    let trial_level = case_number
        .as_ref()
        .and_then(|n| n.value.trial_level.clone())
        .or_else(|| (text[parties_range.clone()].contains("上诉人")).then(|| "二审".to_string()));
    // 原公诉机关 of an appeal stands before the first party.
    let prosecutor = prosecutor_group(&text[..parties_range.end])
        .map(|r| doc.field(text[r.clone()].to_string(), r));

    // The procedure paragraph: from the procedure section to the facts or reasoning.
    let proc_span = procedure_range.clone().map(|p| {
        let end = [
            SectionKind::Allegation,
            SectionKind::Facts,
            SectionKind::Evidence,
            SectionKind::Reasoning,
        ]
        .iter()
        .filter_map(|k| sections.get(*k))
        .map(|r| r.start)
        .find(|&s| s > p.start)
        .unwrap_or(p.end);
        p.start..end.max(p.start)
    });
    let proc_text = proc_span.clone().map_or("", |r| &text[r]);
    let proc_start = proc_span.as_ref().map_or(0, |r| r.start);
    let indictment_number = indictment_no_group(proc_text).map(|m| {
        doc.field(
            proc_text[m.clone()].trim().to_string(),
            proc_start + m.start..proc_start + m.end,
        )
    });
    // The last procedure named wins; one named only to be refused (不宜适用简易程序, 不适用
    // 简易程序通知书) means the case went on under the ordinary procedure.
    let mut procedure = None;
    for m in PROCEDURE_RE
        .captures_iter(proc_text)
        .filter_map(|c| c.get(1))
    {
        let lead = &proc_text[proc_text[..m.start()]
            .char_indices()
            .rev()
            .nth(3)
            .map_or(0, |(i, _)| i)..m.start()];
        let refused = lead.contains('不') && m.as_str() != "普通程序";
        let value = if refused { "普通程序" } else { m.as_str() };
        procedure = Some(doc.field(
            value.to_string(),
            proc_start + m.start()..proc_start + m.end(),
        ));
    }
    let prosecution_date = PROSECUTION_RE.find(proc_text).and_then(|m| {
        let before = &proc_text[..m.start()];
        // The date of the clause that ends in 提起公诉.
        let clause_start = before.rfind(['。', '；']).map_or(0, |i| i + 3);
        let dates = find_dates(&proc_text[clause_start..m.start()]);
        let d = dates.iter().rev().find(|d| d.date.is_full())?;
        Some(doc.field(
            d.date,
            proc_start + clause_start + d.span.start..proc_start + clause_start + d.span.end,
        ))
    });

    let signature = sections
        .get(SectionKind::Signature)
        .or_else(|| sections.get(SectionKind::AppealNotice));
    let judgment_date = signature.and_then(|sig| {
        let end = sections
            .get(SectionKind::Appendix)
            .map_or(text.len(), |a| a.start.max(sig.start));
        let region = sig.start..end;
        let dates = find_dates(&text[region.clone()]);
        let d = dates.iter().rfind(|d| d.date.is_full())?;
        Some(doc.field(
            d.date,
            region.start + d.span.start..region.start + d.span.end,
        ))
    });
    if let (Some(j), Some(p)) = (&judgment_date, &prosecution_date) {
        if j.value < p.value {
            warnings.push(Warning {
                message: format!(
                    "judgment date {} precedes the prosecution date {}",
                    j.value, p.value
                ),
                evidence: Some(j.evidence.clone()),
            });
        }
    }

    let law_articles = operative_articles(doc, &sections);
    let mut parties = find_parties(doc, parties_range.clone(), &mut warnings);
    if parties.is_empty() {
        warnings.push(doc.warning(
            "no defendant paragraph found in the parties section",
            Some(parties_range.clone()),
        ));
    }
    // Defendants in the order of the operative part; names only there are added too.
    let names: Vec<String> = parties.iter().map(|p| p.name.value.clone()).collect();
    let mut outcomes = operative
        .clone()
        .map(|op| outcomes(doc, op, &names))
        .unwrap_or_default();
    // A ruling that upholds the first instance (维持原判) restates its sentence earlier.
    let upholds = operative
        .as_ref()
        .is_some_and(|op| text[op.clone()].contains("维持原判"));
    if upholds {
        let before = reasoning.as_ref().map_or(0, |r| r.start);
        for n in &names {
            if !outcomes.iter().any(|(x, _)| x == n) {
                if let Some(o) = upheld_outcome(doc, 0..before, n) {
                    outcomes.push((n.clone(), o));
                }
            }
        }
    }
    let circumstances = reasoning
        .clone()
        .map(|r| {
            find_circumstances(
                doc,
                r.start..operative.as_ref().map_or(r.end, |o| o.start).max(r.start),
                &names,
            )
        })
        .unwrap_or_else(|| vec![Vec::new(); names.len()]);
    let allegation = sections.get(SectionKind::Allegation).map(|a| {
        a.start
            ..sections
                .get(SectionKind::Facts)
                .or(sections.get(SectionKind::Reasoning))
                .map_or(a.end, |f| f.start.max(a.start))
    });
    let alleged = allegation
        .clone()
        .map(|a| find_circumstances(doc, a, &names))
        .unwrap_or_else(|| vec![Vec::new(); names.len()]);
    let mut order: Vec<usize> = (0..parties.len()).collect();
    order.sort_by_key(|&i| {
        outcomes
            .iter()
            .position(|(n, _)| n == &names[i])
            .unwrap_or(usize::MAX)
    });
    let mut defendants = Vec::new();
    let mut taken: Vec<Option<Party>> = parties.drain(..).map(Some).collect();
    for i in order {
        let Some(party) = taken[i].take() else {
            continue;
        };
        let outcome = outcomes
            .iter()
            .find(|(n, _)| n == &party.name.value)
            .map(|(_, o)| o.clone());
        let circumstances = circumstances.get(i).cloned().unwrap_or_default();
        defendants.push(JudgedDefendant {
            party,
            outcome,
            circumstances,
            alleged_circumstances: alleged.get(i).cloned().unwrap_or_default(),
        });
    }
    confession_from_citation(&law_articles, &mut defendants);
    for d in &defendants {
        check_term_dates(doc, d, &mut warnings);
    }

    let recommendation = quoted_recommendation(doc, &sections);
    Judgment {
        source: doc.source().to_string(),
        doc_type,
        court,
        case_number,
        trial_level,
        procedure,
        prosecutor,
        indictment_number,
        prosecution_date,
        judgment_date,
        law_articles,
        defendants,
        recommendation,
        sections,
        warnings,
    }
}

/// The articles of the clause that introduces the operative part (依照…之规定，判决如下).
fn operative_articles(doc: &Document, sections: &Sections) -> Vec<Field<ArticleRef>> {
    let text = doc.text();
    let Some(op) = sections.get(SectionKind::Operative) else {
        return Vec::new();
    };
    let reasoning_start = sections.get(SectionKind::Reasoning).map_or(0, |r| r.start);
    let before = &text[reasoning_start..op.start];
    let clause_start = OPERATIVE_BASIS_RE
        .find(before)
        .map(|m| reasoning_start + m.start());
    let mut found = clause_start
        .map(|s| {
            find_articles(&text[s..op.start])
                .into_iter()
                .map(|a| (s, a))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    if !found.iter().any(|(_, a)| a.law == "刑法") {
        // No 刑法 article in the clause: fall back to the reasoning's.
        found = find_articles(before)
            .into_iter()
            .map(|a| (reasoning_start, a))
            .collect();
    }
    let mut out: Vec<Field<ArticleRef>> = Vec::new();
    for (base, a) in found {
        let r = base + a.span.start..base + a.span.end;
        let value = ArticleRef {
            law: a.law,
            article: a.article,
            clause: a.clause,
            item: a.item,
        };
        out.push(doc.field(value, r));
    }
    out
}

static ITEM_RE: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::re(r"(?:^|[\s。；])[一二三四五六七八九十]{1,3}、"));
static BLOCK_RE: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::re(r"(?:上诉人|原审被告人|被告人|被告|罪犯|被告单位)"));

/// Splits the operative part into one block per defendant and reads each block.
fn outcomes(doc: &Document, op: Range<usize>, names: &[String]) -> Vec<(String, Outcome)> {
    let text = doc.text();
    let optext = &text[op.clone()];
    // Every place a defendant is named after a role word; items (一、二、) bound blocks too.
    let mut candidates: Vec<(usize, String)> = Vec::new();
    for m in BLOCK_RE.find_iter(optext) {
        let rest = optext[m.end()..].trim_start_matches(['（', '）', '原', '审', '被', '告', '人']);
        let best = names
            .iter()
            .filter(|n| rest.starts_with(n.as_str()))
            .max_by_key(|n| n.len());
        if let Some(n) = best {
            candidates.push((m.start(), n.clone()));
        }
    }
    // A single defendant who is named without a role word.
    if candidates.is_empty() && names.len() == 1 {
        if let Some(i) = optext.find(names[0].as_str()) {
            candidates.push((i, names[0].clone()));
        }
    }
    let items: Vec<usize> = ITEM_RE.find_iter(optext).map(|m| m.end()).collect();
    let item_start = |pos: usize| items.iter().rfind(|&&i| i <= pos).copied().unwrap_or(0);
    // An appeal decision quotes the first instance inside 维持… / 撤销… items: the
    // defendant's own block is the first one outside such a quotation.
    let quoted = |pos: usize| {
        let lead = &optext[item_start(pos)..pos];
        lead.contains("维持")
            || lead.contains("撤销")
            || lead.ends_with("即")
            || lead.ends_with("即：“")
    };
    let mut starts: Vec<(usize, String)> = Vec::new();
    for n in names {
        let mine: Vec<usize> = candidates
            .iter()
            .filter(|(_, x)| x == n)
            .map(|(p, _)| *p)
            .collect();
        if let Some(p) = mine.iter().find(|&&p| !quoted(p)).or(mine.first()) {
            starts.push((*p, n.clone()));
        }
    }
    starts.sort();
    let end_of_decisions = optext.len();
    let mut out = Vec::new();
    for (i, (s, name)) in starts.iter().enumerate() {
        let e = starts.get(i + 1).map_or(end_of_decisions, |(n, _)| *n);
        let block = op.start + s..op.start + e;
        let o = outcome(doc, block);
        // A block that convicts of nothing and imposes nothing (准许撤回起诉) decides no outcome.
        if o.verdict.value != Verdict::Guilty || !o.charges.is_empty() || o.sentence.is_some() {
            out.push((name.clone(), o));
        }
    }
    out
}

fn outcome(doc: &Document, block: Range<usize>) -> Outcome {
    let text = doc.text();
    // Bracketed notes (刑期…止, 罚金已缴纳) never hold a charge or a penalty.
    let masked = mask_brackets(&text[block.clone()]);
    let b = masked.as_str();
    let exempt = ["免予刑事处罚", "免除刑事处罚", "免于刑事处罚"]
        .iter()
        .any(|w| b.contains(w));
    let penalty = ["判处", "决定执行", "单处罚金"]
        .iter()
        .any(|w| b.contains(w));
    let verdict = if b.contains("无罪") && !b.contains("犯") {
        Verdict::Acquitted
    } else if exempt && !penalty {
        Verdict::Exempted
    } else {
        Verdict::Guilty
    };
    let verdict_field = doc.field(verdict, block.start..block.start + first_clause_len(b));
    let mut charges: Vec<Field<String>> = Vec::new();
    let mut charge_starts: Vec<usize> = Vec::new();
    let decide = b.find("决定执行");
    for c in find_charges(&b[..decide.unwrap_or(b.len())]) {
        let written = c.written.trim_start_matches('犯').to_string();
        if !charges.iter().any(|x| x.value == written) {
            charges.push(doc.field(
                written,
                block.start + c.span.start..block.start + c.span.end,
            ));
            charge_starts.push(c.span.start);
        }
    }
    let mut per_charge = Vec::new();
    let sentence = if matches!(verdict, Verdict::Guilty) {
        if let Some(d) = decide {
            // 数罪并罚: each charge's clause, then the combined sentence.
            for (i, c) in charges.iter().enumerate() {
                let next = charge_starts.get(i + 1).copied().unwrap_or(d).min(d);
                let start = charge_starts[i];
                if next > start {
                    if let Some(s) = parse_sentence(doc, block.start + start..block.start + next) {
                        per_charge.push(ChargeSentence {
                            charge: c.value.clone(),
                            sentence: s,
                        });
                    }
                }
            }
            let end = sentence_end(b, d);
            parse_sentence(doc, block.start + d..block.start + end)
        } else {
            let end = sentence_end(b, 0);
            parse_sentence(doc, block.start..block.start + end)
        }
    } else {
        None
    };
    let dates = term_dates(doc, block.clone());
    let (term_start, term_end) = match dates {
        Some((s, e, r)) => (Some(doc.field(s, r.clone())), Some(doc.field(e, r))),
        None => (None, None),
    };
    Outcome {
        verdict: verdict_field,
        charges,
        sentence,
        per_charge,
        term_start,
        term_end,
    }
}

static UPHELD_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::re(concat!(
        r"(?:以(",
        crate::pattern::charge_chars!(),
        r"{2,40}?罪))?判处(?:被告人|上诉人)?"
    ))
});

/// The first-instance sentence a ruling restates for `name` (…以盗窃罪判处被告人某有期徒刑一年…).
fn upheld_outcome(doc: &Document, range: Range<usize>, name: &str) -> Option<Outcome> {
    let text = doc.text();
    let hay = &text[range.clone()];
    let mut found = None;
    for m in UPHELD_RE.captures_iter(hay) {
        let whole = m.get(0)?;
        let after = &hay[whole.end()..];
        let lead = &hay[hay[..whole.start()]
            .rfind(['。', '；'])
            .map_or(0, |i| i + 3)..whole.start()];
        if after.starts_with(name) || lead.contains(name) {
            found = Some(m);
        }
    }
    let m = found?;
    let whole = m.get(0)?;
    let start = range.start + whole.start();
    let end = range.start
        + whole.end()
        + hay[whole.end()..]
            .find('。')
            .unwrap_or(hay.len() - whole.end());
    let sentence = parse_sentence(doc, start..end)?;
    let charges = m
        .get(1)
        .map(|c| {
            vec![doc.field(
                c.as_str().to_string(),
                range.start + c.start()..range.start + c.end(),
            )]
        })
        .unwrap_or_default();
    Some(Outcome {
        verdict: doc.field(Verdict::Guilty, start..end),
        charges,
        sentence: Some(sentence),
        per_charge: Vec::new(),
        term_start: None,
        term_end: None,
    })
}

fn first_clause_len(b: &str) -> usize {
    b.find(['。', '；']).map_or(b.len(), |i| i + 3).min(b.len())
}

/// Where the sentence proper ends: the term-dates parenthesis or the first full stop.
fn sentence_end(b: &str, from: usize) -> usize {
    let rest = &b[from..];
    let note = |upto: usize| {
        ["刑期", "缓刑考验期"]
            .iter()
            .filter_map(|w| rest[..upto].find(w))
            .min()
    };
    let mut at = 0;
    while let Some(i) = rest[at..].find(['。', '；']) {
        let stop = at + i;
        let next = rest[stop + 3..].trim_start();
        if !["并处", "剥夺", "缓刑", "没收"]
            .iter()
            .any(|w| next.starts_with(w))
        {
            return from + note(stop).unwrap_or(stop);
        }
        at = stop + 3;
    }
    from + note(rest.len()).unwrap_or(rest.len())
}

fn quoted_recommendation(doc: &Document, sections: &Sections) -> Option<QuotedRecommendation> {
    let text = doc.text();
    let until = sections
        .get(SectionKind::Operative)
        .map_or(text.len(), |o| o.start);
    let m = RECOMMENDATION_RE.find(&text[..until])?;
    let adopted = ADOPT_RE
        .captures(&text[..until])
        .and_then(|c| c.get(1))
        .map(|a| {
            let a = a.as_str();
            !(a.contains('不') || a.contains('过') || a.contains('偏'))
        });
    Some(QuotedRecommendation {
        text: doc.evidence(m.range()),
        adopted,
    })
}

/// Citing 第六十七条第三款 affirms a truthful confession (坦白) when the reasoning names it for
/// nobody in words: then it applies to every defendant who did not surrender.
fn confession_from_citation(articles: &[Field<ArticleRef>], defendants: &mut [JudgedDefendant]) {
    let Some(cite) = articles
        .iter()
        .find(|a| a.value.law == "刑法" && a.value.article == "67" && a.value.clause == Some(3))
    else {
        return;
    };
    let affirmed = |d: &JudgedDefendant, tag: &str| {
        d.circumstances
            .iter()
            .any(|c| c.tag == tag && c.stance == Stance::Affirmed)
    };
    if defendants.iter().any(|d| affirmed(d, "坦白")) {
        return;
    }
    for d in defendants.iter_mut().filter(|d| d.outcome.is_some()) {
        if !affirmed(d, "自首") {
            d.circumstances.push(Circumstance {
                tag: "坦白".into(),
                stance: Stance::Affirmed,
                evidence: cite.evidence.clone(),
            });
        }
    }
}

/// A term whose stated dates do not match its length is reported, not smoothed over.
fn check_term_dates(doc: &Document, d: &JudgedDefendant, warnings: &mut Vec<Warning>) {
    let Some(o) = &d.outcome else { return };
    let (Some(s), Some(e), Some(sent)) = (&o.term_start, &o.term_end, &o.sentence) else {
        return;
    };
    if sent.probation_months.is_some() {
        return;
    }
    let expected = match (sent.term_months, sent.term_days) {
        (Some(m), _) => s.value.add_months(m as i64).and_then(|x| x.add_days(-1)),
        (None, Some(days)) => s.value.add_days(days as i64 - 1),
        _ => None,
    };
    if let Some(exp) = expected {
        // Custody interruptions and 管制 credit make differences legitimate; a gap is only noted.
        if exp != e.value && sent.principal != "管制" {
            let _ = doc;
            warnings.push(Warning {
                message: format!(
                    "{}: term {}–{} does not match {} from its start (expected end {})",
                    d.party.name.value, s.value, e.value, sent.principal, exp
                ),
                evidence: Some(e.evidence.clone()),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `find`-based groups are the capture groups, on every suffix of every fixture.
    #[test]
    fn find_based_groups_are_the_capture_groups() {
        let mut texts = vec![
            "公诉机关： 某县人民检察院。原公诉机关某市人民检察院。抗诉机关:某某检察院".to_string(),
            "某县人民检察院以 某检刑诉〔2023〕1号刑事起诉书指控，以（2020）某号号起诉，以某检〔2021〕2号指控号起诉书".to_string(),
        ];
        texts.extend(crate::test_support::fixture_texts(&[
            "tests/fixtures/judgments",
            "tests/fixtures/procuratorate",
        ]));
        let mut found = 0;
        for text in &texts {
            let text = crate::text::normalize(text).text;
            // Every suffix where a match may start, and one starting just before.
            let starts = text
                .char_indices()
                .filter(|(_, c)| matches!(c, '公' | '抗' | '以'))
                .flat_map(|(i, _)| [i, text[..i].char_indices().last().map_or(0, |(j, _)| j)]);
            for from in std::iter::once(0).chain(starts) {
                let hay = &text[from..];
                let group = |re: &Regex| re.captures(hay).and_then(|c| c.get(1)).map(|m| m.range());
                let want = group(&PROSECUTOR_RE);
                assert_eq!(prosecutor_group(hay), want, "{hay:?}");
                found += usize::from(want.is_some());
                let want = group(&INDICTMENT_NO_RE);
                assert_eq!(indictment_no_group(hay), want, "{hay:?}");
                found += usize::from(want.is_some());
            }
        }
        assert!(found > 100, "{found}");
    }
}
