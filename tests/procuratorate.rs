//! Indictments, arrest documents and sentencing recommendations: per-field accuracy against
//! the case bundles in ../shared (skipped when absent) and the committed fixtures, plus small
//! inline examples that fire and that must not fire.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use wenshu::docs::arrest::{arrest_gold, extract_arrest};
use wenshu::docs::indictment::{extract_indictment, indictment_gold};
use wenshu::docs::recommendation::{
    extract_recommendation_document, parse_recommendation, recommendation_document_gold,
};
use wenshu::primitives::Term;
use wenshu::{classify, DocType, Document};

// ---------------------------------------------------------------------------------------------
// Per-field accuracy, scored as `wenshu eval --gold DIR` scores it (wenshu::eval).

fn read(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

fn cases_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/cases-dev");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: {} not found (the shared corpus is not beside this checkout)",
            dir.display()
        );
        None
    }
}

/// The committed procuratorate fixtures with their gold objects.
fn fixtures() -> Vec<(PathBuf, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/procuratorate");
    wenshu::eval::find_gold(&dir)
        .map(|set| {
            set.documents
                .into_iter()
                .map(|g| (g.path, g.gold))
                .collect()
        })
        .unwrap_or_default()
}

/// Reads, extracts and scores every document with gold under `dir`; prints the table and
/// the mismatches; returns the report.
fn score_folder(dir: &Path) -> wenshu::eval::Report {
    let mut set = wenshu::eval::find_gold(dir).unwrap();
    assert!(set.problems.is_empty(), "unusable gold: {:?}", set.problems);
    // Renderings whose reader is not compiled in are not scored.
    set.documents.retain(|g| {
        let ext = g.path.extension().and_then(|e| e.to_str()).unwrap_or("");
        (cfg!(feature = "pdf") || ext != "pdf") && (cfg!(feature = "docx") || ext != "docx")
    });
    let engine = wenshu::Engine::new();
    let predicted: Vec<Option<Value>> = wenshu::eval::extract_records(&engine, &set.documents)
        .into_iter()
        .map(Result::ok)
        .collect();
    let report = wenshu::eval::score_documents(&set.documents, &predicted);
    eprintln!("{}\n{}", dir.display(), report.table());
    for m in &report.mismatches {
        eprintln!(
            "  miss {}: {}: want {}, got {}",
            m.id, m.field, m.gold, m.predicted
        );
    }
    report
}

fn assert_every_field_at_least(report: &wenshu::eval::Report, min: f64) {
    let low = report.fields_below(min);
    assert!(low.is_empty(), "fields below {min}: {low:?}");
}

/// The held-back sets that have been measured and seen (written apart from the extractor;
/// see their READMEs): kept as regression sets once their misses were fixed.
#[test]
fn held_back_sets_per_field_accuracy() {
    for set in [
        "tests/fixtures/heldback",
        "tests/fixtures/heldback-2",
        "tests/fixtures/heldback-3",
        "tests/fixtures/heldback-4",
        "tests/fixtures/heldback-5",
        "tests/fixtures/heldback-6",
        "tests/fixtures/heldback-7",
        "tests/fixtures/heldback-8",
        "tests/fixtures/heldback-9",
        "tests/fixtures/heldback-10",
        "tests/fixtures/heldback-11",
        "tests/fixtures/heldback-12",
        "tests/fixtures/heldback-13",
    ] {
        let report = score_folder(&Path::new(env!("CARGO_MANIFEST_DIR")).join(set));
        eprintln!("command: cargo run --release -- eval --gold {set}");
        for kind in ["indictment", "arrest", "recommendation_document"] {
            assert!(
                report.fields.contains_key(&format!("{kind}.doc_type")),
                "{set}: no {kind}"
            );
        }
        assert!(report.missing.is_empty(), "not read: {:?}", report.missing);
        assert_every_field_at_least(&report, 0.97);
    }
}

/// The 量刑建议书 written in layouts the other sets lack (labelled blocks, 分别, a shared tail,
/// a unit's fine alone, an amended recommendation …): every field at 0.97 or more.
#[test]
fn recommendation_layouts_per_field_accuracy() {
    let set = "tests/fixtures/recommendation-layouts";
    let report = score_folder(&Path::new(env!("CARGO_MANIFEST_DIR")).join(set));
    eprintln!("command: cargo run --release -- eval --gold {set}");
    assert!(report
        .fields
        .contains_key("recommendation_document.defendants.recommendation.principal"));
    assert!(report.missing.is_empty(), "not read: {:?}", report.missing);
    assert_every_field_at_least(&report, 0.97);
}

/// The indictments and 批准逮捕决定书 of the development case bundles in ../shared.
#[test]
fn case_bundles_per_field_accuracy() {
    let Some(dir) = cases_dir() else { return };
    let report = score_folder(&dir);
    eprintln!("command: cargo run --release -- eval --gold ../shared/corpus/cases-dev");
    assert!(report.fields.contains_key("indictment.defendants.name"));
    assert!(report.fields.contains_key("arrest.suspects.name"));
    assert!(report.missing.is_empty(), "not read: {:?}", report.missing);
    assert_every_field_at_least(&report, 0.97);
}

/// The committed fixtures: every procuratorate document and judgment with gold beside it
/// (`<name>.json` next to `<name>.txt` and its PDF or DOCX renderings).
#[test]
fn fixtures_per_field_accuracy() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/procuratorate");
    let report = score_folder(&dir);
    eprintln!("command: cargo run --release -- eval --gold tests/fixtures/procuratorate");
    for kind in ["indictment", "arrest", "recommendation_document"] {
        let n = report
            .fields
            .get(&format!("{kind}.doc_type"))
            .map_or(0, |f| f.total);
        assert!(n >= 15, "{kind}: only {n} documents with gold");
    }
    assert!(report.missing.is_empty(), "not read: {:?}", report.missing);
    assert_every_field_at_least(&report, 0.97);
}

// ---------------------------------------------------------------------------------------------
// (c) inline examples

fn rec_of(
    text: &str,
) -> Vec<(
    Option<String>,
    wenshu::docs::recommendation::SentencingRecommendation,
)> {
    let doc = Document::from_text("t", text);
    parse_recommendation(&doc, 0..doc.text().len())
        .into_iter()
        .map(|(n, r)| (n.map(|n| n.value), r))
        .collect()
}

/// (text, principal, months min, months max, probation, fine min, fine max)
type Row = (
    &'static str,
    &'static str,
    Option<u32>,
    Option<u32>,
    Option<bool>,
    Option<f64>,
    Option<f64>,
);

#[rustfmt::skip]
const RECOMMENDATIONS: &[Row] = &[
    // exact
    ("建议判处被告人张某有期徒刑十个月，并处罚金人民币二千元。", "有期徒刑", Some(10), Some(10), None, Some(2000.0), Some(2000.0)),
    ("建议判处被告人张某拘役三个月。", "拘役", Some(3), Some(3), None, None, None),
    ("建议判处被告人张某有期徒刑一年半。", "有期徒刑", Some(18), Some(18), None, None, None),
    ("量刑建议：建议判处被告人张某有期徒刑1年6个月。", "有期徒刑", Some(18), Some(18), None, None, None),
    ("建议判处被告人张某管制一年。", "管制", Some(12), Some(12), None, None, None),
    // ranges
    ("建议判处被告人张某有期徒刑一年至一年六个月。", "有期徒刑", Some(12), Some(18), None, None, None),
    ("建议判处被告人张某拘役三个月至五个月。", "拘役", Some(3), Some(5), None, None, None),
    ("建议对被告人张某在有期徒刑五年至七年之间量刑。", "有期徒刑", Some(60), Some(84), None, None, None),
    ("建议判处被告人张某十个月以上，一年三个月以下有期徒刑，并处罚金。", "有期徒刑", Some(10), Some(15), None, None, None),
    ("建议判处被告人张某有期徒刑一年以上二年以下。", "有期徒刑", Some(12), Some(24), None, None, None),
    ("建议判处被告人张某有期徒刑六至八个月。", "有期徒刑", Some(6), Some(8), None, None, None),
    ("建议判处被告人张某有期徒刑一至二年。", "有期徒刑", Some(12), Some(24), None, None, None),
    ("建议判处被告人张某有期徒刑六个月到一年。", "有期徒刑", Some(6), Some(12), None, None, None),
    // 以下 / 以上
    ("建议判处被告人张某六个月以下有期徒刑。", "有期徒刑", None, Some(6), None, None, None),
    ("建议对被告人张某判处一年以下有期徒刑，并处罚金。", "有期徒刑", None, Some(12), None, None, None),
    ("建议判处被告人张某有期徒刑三年以上。", "有期徒刑", Some(36), None, None, None, None),
    // probation said, refused, not said
    ("建议判处被告人张某有期徒刑六个月，缓刑一年。", "有期徒刑", Some(6), Some(6), Some(true), None, None),
    ("建议判处被告人张某拘役四个月，建议适用缓刑。", "拘役", Some(4), Some(4), Some(true), None, None),
    ("建议判处被告人张某有期徒刑六个月，可以适用缓刑。", "有期徒刑", Some(6), Some(6), Some(true), None, None),
    ("建议判处被告人张某有期徒刑二年，缓期三年执行。", "有期徒刑", Some(24), Some(24), Some(true), None, None),
    ("建议判处被告人张某有期徒刑二年，不适用缓刑。", "有期徒刑", Some(24), Some(24), Some(false), None, None),
    ("建议判处被告人张某有期徒刑二年，不建议适用缓刑。", "有期徒刑", Some(24), Some(24), Some(false), None, None),
    ("建议对被告人张某判处实刑，有期徒刑二年。", "有期徒刑", Some(24), Some(24), Some(false), None, None),
    // fines
    ("建议判处被告人张某拘役二个月，并处罚金人民币一万元至二万元。", "拘役", Some(2), Some(2), None, Some(10000.0), Some(20000.0)),
    ("建议判处被告人张某拘役二个月，并处罚金五千元以上一万元以下。", "拘役", Some(2), Some(2), None, Some(5000.0), Some(10000.0)),
    ("建议判处被告人张某有期徒刑一年，并处罚金人民币3000元以下。", "有期徒刑", Some(12), Some(12), None, None, Some(3000.0)),
    ("建议对被告人张某单处罚金人民币五千元。", "无", None, None, None, Some(5000.0), Some(5000.0)),
    ("建议判处被告人张某罚金人民币五千元。", "无", None, None, None, Some(5000.0), Some(5000.0)),
    // no term
    ("建议判处被告人张某无期徒刑，剥夺政治权利终身。", "无期徒刑", None, None, None, None, None),
    ("建议判处被告人张某死刑，缓期二年执行。", "死刑缓期二年执行", None, None, None, None, None),
    ("建议判处被告人张某死刑缓期二年执行。", "死刑缓期二年执行", None, None, None, None, None),
    ("建议对被告人张某免予刑事处罚。", "免予刑事处罚", None, None, None, None, None),
];

#[test]
fn recommendation_examples() {
    for &(text, principal, min, max, probation, fmin, fmax) in RECOMMENDATIONS {
        let recs = rec_of(&format!("被告人张某，男。{text}"));
        assert_eq!(recs.len(), 1, "{text}: {recs:?}");
        let (name, r) = &recs[0];
        assert_eq!(name.as_deref(), Some("张某"), "{text}");
        assert_eq!(
            r.principal.as_ref().map(|p| p.value.name()),
            Some(principal),
            "{text}"
        );
        let t = r.term.as_ref().map(|t| t.value);
        assert_eq!(t.and_then(|t| t.min_months()), min, "{text}: min");
        assert_eq!(t.and_then(|t| t.max_months()), max, "{text}: max");
        assert_eq!(
            r.probation.as_ref().map(|p| p.value),
            probation,
            "{text}: probation"
        );
        let f = r.fine.as_ref().map(|f| f.value);
        assert_eq!(f.and_then(|f| f.min), fmin, "{text}: fine min");
        assert_eq!(f.and_then(|f| f.max), fmax, "{text}: fine max");
    }
}

#[test]
fn recommendation_days_and_period() {
    let recs = rec_of("被告人张某，男。建议判处被告人张某拘役二十日，缓刑二个月。");
    let r = &recs[0].1;
    assert_eq!(
        r.term.as_ref().map(|t| t.value.min),
        Some(Some(Term::Days(20)))
    );
    assert_eq!(
        r.probation_period.as_ref().map(|p| p.value),
        Some(Term::Months(2))
    );
}

#[test]
fn not_recommendations() {
    for text in [
        "本案事实清楚，证据充分，被告人认罪，建议适用简易程序审理。",
        "被告人张某曾因故意犯罪被判处有期徒刑，刑罚执行完毕以后五年以内再犯，系累犯，应当从重处罚。",
        "因涉及个人隐私，建议不公开开庭审理。",
        "附：相关法律条文 第二百六十四条 盗窃公私财物，数额较大的，处三年以下有期徒刑、拘役或者管制，并处或者单处罚金。",
    ] {
        assert!(rec_of(text).is_empty(), "{text}");
    }
}

const INDICTMENT: &str = "某省某市某区人民检察院
起 诉 书
某检刑诉［2023］123号

被告人张某，男，1985年3月12日出生，公民身份号码11010519850312001X，汉族，初中文化，无业。2019年5月因犯盗窃罪被某区人民法院判处有期徒刑一年，2020年3月刑满释放。因涉嫌盗窃罪，于2023年1月5日被某市公安局某分局刑事拘留，经本院批准，于同年1月12日被逮捕。现羁押于某市看守所。

被告人李某某，女，1990年6月1日出生，汉族。因涉嫌盗窃罪，于2023年1月6日被某市公安局某分局取保候审。

本案由某市公安局某分局侦查终结，以被告人张某、李某某涉嫌盗窃罪，于2023年3月1日向本院移送审查起诉。本院受理后，于次日已告知被告人有权委托辩护人，依法讯问了被告人，审查了全部案件材料。

经依法审查查明：
2023年1月3日晚，被告人张某、李某某在某商场窃取被害人王某的手机一部，经鉴定价值人民币3200元。

认定上述事实的证据如下：被害人王某的陈述；被告人张某、李某某的供述和辩解。

本院认为，被告人张某、李某某以非法占有为目的，秘密窃取他人财物，数额较大，其行为触犯了《中华人民共和国刑法》第二百六十四条，犯罪事实清楚，证据确实、充分，应当以盗窃罪追究其刑事责任。二被告人系共同犯罪，适用《中华人民共和国刑法》第二十五条第一款。被告人张某曾因故意犯罪被判处有期徒刑，刑罚执行完毕以后五年以内再犯应当判处有期徒刑以上刑罚之罪，系累犯，应当从重处罚。被告人李某某起次要作用，系从犯，应当从轻处罚；其到案后如实供述自己的罪行，可以从轻处罚，自愿认罪认罚，可以从宽处理。被告人张某不构成自首。根据《中华人民共和国刑事诉讼法》第一百七十六条的规定，提起公诉，请依法判处。建议判处被告人张某有期徒刑十个月，并处罚金人民币二千元；被告人李某某拘役三个月，缓刑三个月，并处罚金人民币一千元。建议本案适用简易程序审理。

此致
某市某区人民法院

检察官 王某
二〇二三年三月二十日

附：1.被告人张某现羁押于某市看守所；2.《认罪认罚具结书》一份。";

#[test]
fn indictment_example() {
    let doc = Document::from_text("ind.txt", INDICTMENT);
    let ind = extract_indictment(&doc);
    assert!(ind.warnings.is_empty(), "{:?}", ind.warnings);
    let g = indictment_gold(&ind);
    assert_eq!(g["number"], "某检刑诉［2023］123号");
    assert_eq!(g["date"], "2023-03-20");
    assert_eq!(g["procuratorate"], "某省某市某区人民检察院");
    assert_eq!(g["articles"], serde_json::json!(["264", "25"]));
    assert_eq!(g["procedure_proposed"], "简易程序");
    let zhang = &g["defendants"][0];
    assert_eq!(zhang["circumstances"], serde_json::json!(["累犯"]));
    assert_eq!(zhang["charges"], serde_json::json!(["盗窃罪"]));
    assert_eq!(zhang["id_number"], "11010519850312001X");
    assert_eq!(zhang["recommendation"]["term_months_max"], 10);
    assert_eq!(zhang["recommendation"]["probation"], false);
    let li = &g["defendants"][1];
    assert_eq!(
        li["circumstances"],
        serde_json::json!(["从犯", "坦白", "认罪认罚"])
    );
    assert_eq!(li["recommendation"]["principal"], "拘役");
    assert_eq!(li["recommendation"]["probation"], true);
    assert_eq!(li["recommendation"]["fine_yuan"], 1000);
    assert_eq!(
        ind.transfer_date
            .as_ref()
            .map(|d| d.value.to_string())
            .as_deref(),
        Some("2023-03-01")
    );
    assert!(ind.plea_agreement.as_ref().is_some_and(|p| p.value));
    // Evidence quotes the original text.
    assert_eq!(
        ind.number.as_ref().unwrap().evidence.text,
        "某检刑诉［2023］123号"
    );
    let rec = ind.defendants[0].recommendation.as_ref().unwrap();
    assert!(
        rec.evidence.text.starts_with("张某有期徒刑十个月"),
        "{}",
        rec.evidence.text
    );
}

#[test]
fn half_an_indictment_is_flagged_and_nothing_invented() {
    // The text breaks off in the facts: no reasoning, no signature, no date.
    let end = INDICTMENT.find("认定上述事实").unwrap_or(INDICTMENT.len());
    let doc = Document::from_text("half.txt", &INDICTMENT[..end]);
    let ind = extract_indictment(&doc);
    let w = ind
        .warnings
        .iter()
        .find(|w| w.message.contains("incomplete"))
        .unwrap_or_else(|| panic!("{:?}", ind.warnings));
    assert!(w.evidence.is_some());
    assert!(ind.date.is_none());
    assert!(ind.articles.is_empty());
    assert!(ind.procedure_proposed.is_none());
    assert!(ind
        .defendants
        .iter()
        .all(|d| d.recommendation.is_none() && d.circumstances.is_empty()));
    // Charges still come from the procedure paragraph.
    assert_eq!(ind.defendants[0].charges[0].name.value, "盗窃罪");
}

#[test]
fn a_second_document_glued_on_is_flagged_at_its_title() {
    // A 量刑建议书 and then a judgment pasted after the indictment: the first title of the list
    // (判决书 before 量刑建议书), where it stands alone on its line.
    let text = format!(
        "{INDICTMENT}\n某区人民检察院\n量刑建议书\n某检量建〔2023〕5号\n某区人民法院\n刑事判决书\n（2023）某0102刑初1号\n"
    );
    let doc = Document::from_text("glued.txt", &text);
    let ind = extract_indictment(&doc);
    let w = ind
        .warnings
        .iter()
        .find(|w| w.message.contains("second document"))
        .unwrap_or_else(|| panic!("{:?}", ind.warnings));
    assert!(w.message.contains("刑事判决书"), "{}", w.message);
    assert_eq!(
        w.evidence.as_ref().map(|e| e.text.as_str()),
        Some("刑事判决书")
    );
    // A title word inside a sentence is no second document.
    let doc = Document::from_text("one.txt", INDICTMENT);
    assert!(!extract_indictment(&doc)
        .warnings
        .iter()
        .any(|w| w.message.contains("second document")));
}

#[test]
fn unreadable_recommendation_warns_with_span() {
    let text = INDICTMENT.replace(
        "建议判处被告人张某有期徒刑十个月，并处罚金人民币二千元；被告人李某某拘役三个月，缓刑三个月，并处罚金人民币一千元。",
        "量刑建议：建议对被告人张某、李某某依法判处适当刑罚。",
    );
    let doc = Document::from_text("ind.txt", &text);
    let ind = extract_indictment(&doc);
    assert!(ind.defendants.iter().all(|d| d.recommendation.is_none()));
    let w = ind
        .warnings
        .iter()
        .find(|w| w.message.contains("recommendation"))
        .unwrap_or_else(|| panic!("{:?}", ind.warnings));
    let ev = w.evidence.as_ref().unwrap();
    assert!(ev.text.contains("适当刑罚"));
    assert_eq!(&text[ev.span[0]..ev.span[1]], ev.text);
}

#[test]
fn impossible_signature_date_warns() {
    let text = INDICTMENT.replace("二〇二三年三月二十日", "2023年2月30日");
    let doc = Document::from_text("ind.txt", &text);
    let ind = extract_indictment(&doc);
    assert!(ind.date.is_none());
    let w = ind
        .warnings
        .iter()
        .find(|w| w.message.contains("does not exist"))
        .unwrap_or_else(|| panic!("{:?}", ind.warnings));
    assert_eq!(w.evidence.as_ref().unwrap().text, "2023年2月30日");
}

#[test]
fn arrest_request_and_decision() {
    let request = "某市公安局某分局
提请批准逮捕书
某公（刑）提捕字〔2023〕12号

犯罪嫌疑人张某，男，1985年3月12日出生，公民身份号码11010519850312001X，汉族，初中文化，无业。因涉嫌盗窃罪于2023年1月5日被刑事拘留。

犯罪嫌疑人张某涉嫌盗窃一案，由被害人王某于2023年1月4日报案至我局。

经依法侦查查明：2023年1月3日晚，犯罪嫌疑人张某在某商场窃取被害人王某的手机一部。

认定上述事实的证据如下：被害人王某的陈述；犯罪嫌疑人张某的供述和辩解。

本局认为，犯罪嫌疑人张某以非法占有为目的，秘密窃取他人财物，其行为已触犯《中华人民共和国刑法》第二百六十四条之规定，涉嫌盗窃罪，可能判处徒刑以上刑罚，采取取保候审不足以防止发生社会危险性。依照《中华人民共和国刑事诉讼法》第八十一条、第八十七条之规定，特提请批准逮捕。

此致
某市某区人民检察院

局长 赵某
2023年1月9日
（公章）";
    let doc = Document::from_text("req.txt", request);
    assert_eq!(classify(&doc).doc_type, DocType::ArrestRequest);
    let a = extract_arrest(&doc, DocType::ArrestRequest);
    let g = arrest_gold(&a);
    // For a request, the procuratorate is the one addressed; the police organ requests.
    assert_eq!(g["procuratorate"], "某市某区人民检察院");
    assert_eq!(g["requesting_agency"], "某市公安局某分局");
    assert_eq!(g["request_number"], "某公（刑）提捕字〔2023〕12号");
    assert_eq!(g["number"], "某公（刑）提捕字〔2023〕12号");
    assert_eq!(g["date"], "2023-01-09");
    assert_eq!(g["suspects"][0]["name"], "张某");
    assert_eq!(g["suspects"][0]["charge"], "盗窃罪");
    assert_eq!(g["suspects"][0]["id_number"], "11010519850312001X");
    assert_eq!(
        a.addressee.as_ref().map(|f| f.value.as_str()),
        Some("某市某区人民检察院")
    );
    let basis: Vec<(&str, &str)> = a
        .legal_basis
        .iter()
        .map(|f| (f.value.law.as_str(), f.value.article.as_str()))
        .collect();
    assert_eq!(
        basis,
        [("刑法", "264"), ("刑事诉讼法", "81"), ("刑事诉讼法", "87")]
    );
}

#[test]
fn police_recommendation_to_prosecute() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/other/police-recommendation.txt");
    let Some(text) = read(&path) else {
        eprintln!("skipped: {} not found", path.display());
        return;
    };
    let doc = Document::from_text("police-recommendation.txt", &text);
    let ind = extract_indictment(&doc);
    assert_eq!(ind.kind, DocType::ProsecutionOpinion);
    let g = indictment_gold(&ind);
    assert_eq!(g["procuratorate"], "宜昌市公安局伍家岗分局");
    assert_eq!(g["number"], "宜伍公（刑）诉字〔2023〕156号");
    assert_eq!(g["date"], "2023-05-26");
    assert_eq!(g["court"], "宜昌市伍家岗区人民检察院");
    assert_eq!(g["articles"], serde_json::json!(["264"]));
    let d = &g["defendants"][0];
    assert_eq!(d["name"], "黄志刚");
    assert_eq!(d["charges"], serde_json::json!(["盗窃罪"]));
    assert_eq!(d["recommendation"], Value::Null);
    assert!(ind.transfer_date.is_none(), "{:?}", ind.transfer_date);
    assert!(ind.warnings.is_empty(), "{:?}", ind.warnings);
}

/// Every document cut at many places, and every judgment of the corpus, goes through every
/// extractor without a panic.
#[test]
fn extractors_never_panic_on_cut_documents() {
    let mut texts: Vec<String> = fixtures()
        .into_iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "txt"))
        .filter_map(|(p, _)| read(&p))
        .collect();
    texts.push(INDICTMENT.to_string());
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/judgments.jsonl");
    let judgments: Vec<String> = read(&corpus)
        .map(|d| {
            d.lines()
                .filter_map(|l| serde_json::from_str::<Value>(l).ok())
                .filter_map(|v| v["text"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let run = |t: &str| {
        let doc = Document::from_text("cut", t);
        let _ = indictment_gold(&extract_indictment(&doc));
        let _ = recommendation_document_gold(&extract_recommendation_document(&doc));
        for k in [
            DocType::ArrestApproval,
            DocType::ArrestRequest,
            DocType::ArrestRefusal,
        ] {
            let _ = arrest_gold(&extract_arrest(&doc, k));
        }
        let _ = parse_recommendation(&doc, 0..doc.text().len());
    };
    for t in &texts {
        let bounds: Vec<usize> = t.char_indices().map(|(i, _)| i).collect();
        for &cut in bounds.iter().step_by(bounds.len() / 8 + 1) {
            run(&t[..cut]);
            run(&t[cut..]);
        }
    }
    for t in judgments.iter().step_by(10) {
        run(t);
    }
}

fn gold_of(doc: &Document) -> Value {
    match classify(doc).doc_type {
        DocType::Indictment | DocType::ProsecutionOpinion => {
            indictment_gold(&extract_indictment(doc))
        }
        DocType::SentencingRecommendation => {
            recommendation_document_gold(&extract_recommendation_document(doc))
        }
        k if k.is_arrest() => arrest_gold(&extract_arrest(doc, k)),
        k => serde_json::json!({ "classified": k.name() }),
    }
}

/// Layout does not change the reading: the same document with its paragraphs joined on one
/// line, or without blank lines, gives the same gold output.
#[test]
fn layout_does_not_change_the_reading() {
    let mut texts: Vec<(String, String)> = fixtures()
        .into_iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "txt"))
        .filter_map(|(p, _)| Some((p.display().to_string(), read(&p)?)))
        .collect();
    if let Some(dir) = cases_dir() {
        for case in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            for f in std::fs::read_dir(case.path())
                .into_iter()
                .flatten()
                .flatten()
            {
                let p = f.path();
                let name = p
                    .file_name()
                    .map_or(String::new(), |n| n.to_string_lossy().to_string());
                if name == "indictment.txt" || name.starts_with("arrest-") {
                    if let Some(t) = read(&p) {
                        texts.push((p.display().to_string(), t));
                    }
                }
            }
        }
    }
    let mut differ = Vec::new();
    for (name, text) in &texts {
        let want = gold_of(&Document::from_text(name, text));
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        for (layout, t) in [
            ("one line", lines.join(" ")),
            ("no blank lines", lines.join("\n")),
        ] {
            if gold_of(&Document::from_text(name, &t)) != want {
                differ.push(format!("{name} ({layout})"));
            }
        }
    }
    assert!(differ.is_empty(), "{differ:?}");
}
