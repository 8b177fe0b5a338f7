//! Property tests: primitives round-trip, spans and evidence stay inside their text on char
//! boundaries, and extraction does not depend on digit width or on blank lines and spaces.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::samples::{JUDGMENTS, JUDGMENT_ONE, JUDGMENT_TWO, RULING};
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::Value;
use wenshu::docs::judgment::extract_judgment;
use wenshu::gold::judgment_gold;
use wenshu::primitives::{parse_date, parse_numeral, Date};
use wenshu::text::normalize;
use wenshu::Document;

// ---------------------------------------------------------------------------------------
// Rendering numbers and dates the ways documents write them

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const FORMAL: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];

/// A number below 10^4 in Chinese: 二千零五十, 一百一十, 十五 (a leading 一十 only inside).
fn section(n: u64, leading: bool, digits: &[char; 10], units: [char; 3]) -> String {
    let parts = [
        (n / 1000, units[2]),
        (n / 100 % 10, units[1]),
        (n / 10 % 10, units[0]),
    ];
    let mut s = String::new();
    let mut zero = false;
    for (i, &(d, u)) in parts.iter().enumerate() {
        if d == 0 {
            zero = !s.is_empty();
            continue;
        }
        if zero {
            s.push(digits[0]);
            zero = false;
        }
        // 十五 rather than 一十五 at the very start; 一百一十 inside.
        if !(i == 2 && d == 1 && s.is_empty() && leading) {
            s.push(digits[d as usize]);
        }
        s.push(u);
    }
    let ones = n % 10;
    if ones != 0 {
        if zero || (!s.is_empty() && n % 100 < 10) {
            s.push(digits[0]);
        }
        s.push(digits[ones as usize]);
    }
    s
}

/// `n` in Chinese numerals with 万 and 亿 (`formal`: 壹贰叁 with 拾佰仟).
fn chinese(n: u64, formal: bool) -> String {
    let (digits, units) = if formal {
        (&FORMAL, ['拾', '佰', '仟'])
    } else {
        (&DIGITS, ['十', '百', '千'])
    };
    if n == 0 {
        return digits[0].to_string();
    }
    let groups = [
        (n / 100_000_000, Some('亿')),
        (n / 10_000 % 10_000, Some('万')),
        (n % 10_000, None),
    ];
    let mut s = String::new();
    let mut pending_zero = false;
    for (g, unit) in groups {
        if g == 0 {
            pending_zero = !s.is_empty();
            continue;
        }
        if !s.is_empty() && (pending_zero || g < 1000) {
            s.push(digits[0]);
        }
        pending_zero = false;
        s.push_str(&section(g, s.is_empty(), digits, units));
        if let Some(u) = unit {
            s.push(u);
        }
    }
    s
}

/// A year written digit by digit (二〇一七), with the given zero.
fn chinese_year(y: i32, zero: char) -> String {
    y.to_string()
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(0) => zero,
            Some(d) => DIGITS[d as usize],
            None => c,
        })
        .collect()
}

/// A month or day in Chinese (六, 十二, 二十八, 三十一).
fn chinese_small(n: u32) -> String {
    chinese(u64::from(n), false)
}

fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c),
            _ => c,
        })
        .collect()
}

fn arb_date() -> impl Strategy<Value = Date> {
    (1900i32..=2099, 1u32..=12, 1u32..=31)
        .prop_filter_map("a day of the calendar", |(y, m, d)| Date::ymd(y, m, d))
}

fn ymd(d: &Date) -> (i32, u32, u32) {
    (d.year, d.month.unwrap_or(0), d.day.unwrap_or(0))
}

proptest! {
    #![proptest_config(Config { cases: 512, ..Config::default() })]

    /// 2017年6月28日, 2017年06月28日, 2017-06-28, 2017.6.28, 2017/6/28, ２０１７年６月２８日,
    /// 二〇一七年六月二十八日 (also with ○ and 零) all parse to the date they render.
    #[test]
    fn dates_round_trip(date in arb_date(), zero in prop::sample::select(vec!['〇', '○', '零'])) {
        let (y, m, d) = ymd(&date);
        let forms = [
            format!("{y}年{m}月{d}日"),
            format!("{y}年{m:02}月{d:02}日"),
            format!("{y}年{m}月{d}号"),
            format!("{y}-{m:02}-{d:02}"),
            format!("{y}.{m}.{d}"),
            format!("{y}/{m}/{d}"),
            full_width(&format!("{y}年{m}月{d}日")),
            format!("{}年{}月{}日", chinese_year(y, zero), chinese_small(m), chinese_small(d)),
            format!(" {y}年 {m}月 {d}日 "),
        ];
        for f in &forms {
            prop_assert_eq!(parse_date(f), Some(date), "{}", f);
        }
    }

    /// Chinese numerals (ordinary and formal), Arabic with and without thousands separators.
    #[test]
    fn numerals_round_trip(n in prop_oneof![0u64..100, 0u64..10_000, 0u64..1_000_000_000_000]) {
        let ordinary = chinese(n, false);
        let formal = chinese(n, true);
        let arabic = n.to_string();
        let grouped = {
            let mut out = String::new();
            for (i, c) in arabic.chars().enumerate() {
                if i > 0 && (arabic.len() - i) % 3 == 0 {
                    out.push(',');
                }
                out.push(c);
            }
            out
        };
        for s in [&ordinary, &formal, &arabic, &grouped] {
            let got = parse_numeral(s).map(|x| x.value);
            prop_assert_eq!(got, Some(n as f64), "{}", s);
        }
    }

    /// Every range of the normalised text maps back inside the original, on char boundaries
    /// and in order, whatever the text.
    #[test]
    fn normalize_offsets_stay_on_boundaries(s in tricky_text()) {
        check_offsets(&s)?;
    }
}

/// Characters that normalisation treats specially, and some that it must leave alone.
fn tricky_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "起",
        "诉",
        "书",
        "被告人",
        "张某",
        "，",
        "。",
        "：",
        "（",
        "）",
        "(",
        ")",
        "［",
        "】",
        " ",
        "  ",
        "\u{3000}",
        "\t",
        "\n",
        "\r\n",
        "\r",
        "\u{00A0}",
        "\u{200B}",
        "\u{FEFF}",
        "\u{00AD}",
        "２",
        "０",
        "１",
        "７",
        "Ａ",
        "ｚ",
        "．",
        "％",
        "二",
        "〇",
        "○",
        "O",
        "0",
        "o",
        "Ｏ",
        "年",
        "1",
        "9",
        "a",
        "é",
        "𠀀",
        "\u{2003}",
        "−",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

fn check_offsets(original: &str) -> Result<(), TestCaseError> {
    let n = normalize(original);
    let mut bounds: Vec<usize> = n.text.char_indices().map(|(i, _)| i).collect();
    bounds.push(n.text.len());
    let mut prev = 0;
    for w in bounds.windows(2) {
        let r = n.map.to_original_range(w[0]..w[1]);
        prop_assert!(
            r.start <= r.end && r.end <= original.len(),
            "{:?} -> {:?}",
            w,
            r
        );
        prop_assert!(original.is_char_boundary(r.start) && original.is_char_boundary(r.end));
        prop_assert!(r.start >= prev, "out of order at {}", w[0]);
        prev = r.start;
    }
    for &a in &bounds {
        for r in [
            n.map.to_original_range(0..a),
            n.map.to_original_range(a..n.text.len()),
        ] {
            prop_assert!(r.start <= r.end && r.end <= original.len());
            prop_assert!(original.is_char_boundary(r.start) && original.is_char_boundary(r.end));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Evidence on generated and perturbed judgments

/// Every evidence object in `value` quotes exactly its span of `original`.
fn check_evidence(original: &str, value: &Value, found: &mut usize) -> Result<(), TestCaseError> {
    match value {
        Value::Object(map) => {
            if let (Some(Value::Array(span)), Some(Value::String(text)), Some(_)) =
                (map.get("span"), map.get("text"), map.get("document"))
            {
                let s = span[0].as_u64().unwrap() as usize;
                let e = span[1].as_u64().unwrap() as usize;
                prop_assert!(
                    s <= e && e <= original.len(),
                    "span {}..{} out of bounds",
                    s,
                    e
                );
                prop_assert!(original.is_char_boundary(s) && original.is_char_boundary(e));
                prop_assert_eq!(&original[s..e], text.as_str());
                *found += 1;
            }
            for v in map.values() {
                check_evidence(original, v, found)?;
            }
        }
        Value::Array(items) => {
            for v in items {
                check_evidence(original, v, found)?;
            }
        }
        _ => {}
    }
    Ok(())
}

fn evidence_holds(text: &str) -> Result<usize, TestCaseError> {
    let doc = Document::from_text("p", text);
    let j = extract_judgment(&doc);
    let v = serde_json::to_value(&j).unwrap();
    let mut found = 0;
    check_evidence(doc.original(), &v, &mut found)?;
    for s in &j.sections.0 {
        prop_assert!(doc.text().is_char_boundary(s.span.start));
        prop_assert!(doc.text().is_char_boundary(s.span.end));
    }
    Ok(found)
}

const SURNAMES: &[&str] = &["周", "马", "何", "钱", "欧阳", "诸葛", "林", "宋"];
const GIVEN: &[&str] = &[
    "小明", "立强", "芳芳", "二", "某", "某某", "建华", "一", "晓",
];
const CHARGES: &[&str] = &["盗窃罪", "诈骗罪", "故意伤害罪", "危险驾驶罪", "寻衅滋事罪"];

/// What a generated judgment says, to compare with what is extracted.
#[derive(Debug, Clone)]
struct Case {
    name: String,
    gender: &'static str,
    birth: Date,
    detained: Date,
    charge: &'static str,
    months: u32,
    fine: u64,
    judged: Date,
}

fn arb_case() -> impl Strategy<Value = Case> {
    (
        prop::sample::select(SURNAMES),
        prop::sample::select(GIVEN),
        any::<bool>(),
        arb_date(),
        arb_date(),
        prop::sample::select(CHARGES),
        1u32..=180,
        (1u64..=500).prop_map(|k| k * 1000),
        1u32..=300,
    )
        .prop_map(
            |(s, g, male, birth, detained, charge, months, fine, later)| Case {
                name: format!("{s}{g}"),
                gender: if male { "男" } else { "女" },
                birth,
                detained,
                charge,
                months,
                fine,
                judged: detained.add_days(i64::from(later)).unwrap_or(detained),
            },
        )
}

fn term(months: u32) -> String {
    match (months / 12, months % 12) {
        (0, m) => format!("{}个月", chinese_small(m)),
        (y, 0) => format!("{}年", chinese_small(y)),
        (y, m) => format!("{}年{}个月", chinese_small(y), chinese_small(m)),
    }
}

fn render(c: &Case) -> String {
    let (by, bm, bd) = ymd(&c.birth);
    let (dy, dm, dd) = ymd(&c.detained);
    let (jy, jm, jd) = ymd(&c.judged);
    format!(
        "某县人民法院\n刑事判决书\n（{jy}）某0101刑初{n}号\n公诉机关某县人民检察院。\n\
         被告人{name}，{gender}，{by}年{bm}月{bd}日出生，汉族，初中文化，无业。因涉嫌犯{charge}于{dy}年{dm}月{dd}日被刑事拘留。\n\
         某县人民检察院以某检刑诉〔{jy}〕{n}号起诉书指控被告人{name}犯{charge}，向本院提起公诉。本院依法适用简易程序审理了本案。\n\
         经审理查明：被告人{name}实施了起诉书指控的行为。\n\
         本院认为，被告人{name}的行为已构成{charge}。被告人{name}到案后如实供述自己的罪行，可以从轻处罚。判决如下：\n\
         被告人{name}犯{charge}，判处有期徒刑{term}，并处罚金人民币{fine}元。\n\
         如不服本判决，可在接到判决书的第二日起十日内提出上诉。\n\
         审判员　某某\n{jyc}年{jmc}月{jdc}日\n书记员　某某",
        n = bd * 7 + 3,
        name = c.name,
        gender = c.gender,
        charge = c.charge,
        term = term(c.months),
        fine = chinese(c.fine, false),
        jyc = chinese_year(jy, '〇'),
        jmc = chinese_small(jm),
        jdc = chinese_small(jd),
    )
}

/// Edits that real documents suffer: stray characters, lost or doubled line breaks,
/// full-width digits, cut-off text.
#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, &'static str),
    Delete(usize, usize),
    FullWidth(usize, usize),
    Truncate(usize),
}

fn arb_edits() -> impl Strategy<Value = Vec<Edit>> {
    let piece = prop::sample::select(vec![
        " ",
        "\u{3000}",
        "\n",
        "\r\n",
        "。",
        "，",
        "（",
        "）",
        "被告人",
        "判决如下：",
        "本院认为",
        "二〇",
        "○",
        "年",
        "月",
        "日",
        "１",
        "9",
        "\u{200B}",
        "罪",
        "有期徒刑",
        "𠀀",
        "é",
    ]);
    let edit = prop_oneof![
        4 => (any::<usize>(), piece).prop_map(|(a, p)| Edit::Insert(a, p)),
        2 => (any::<usize>(), 0usize..40).prop_map(|(a, n)| Edit::Delete(a, n)),
        2 => (any::<usize>(), 0usize..200).prop_map(|(a, n)| Edit::FullWidth(a, n)),
        1 => any::<usize>().prop_map(Edit::Truncate),
    ];
    prop::collection::vec(edit, 0..8)
}

/// The char boundary of `s` nearest below `at % (len + 1)`.
fn boundary(s: &str, at: usize) -> usize {
    let mut i = at % (s.len() + 1);
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut s = text.to_string();
    for e in edits {
        match *e {
            Edit::Insert(at, p) => {
                let i = boundary(&s, at);
                s.insert_str(i, p);
            }
            Edit::Delete(at, n) => {
                let i = boundary(&s, at);
                let j = boundary(&s, i + n.min(s.len() - i));
                s.replace_range(i..j.max(i), "");
            }
            Edit::FullWidth(at, n) => {
                let i = boundary(&s, at);
                let j = boundary(&s, (i + n).min(s.len()));
                let fw = full_width(&s[i..j.max(i)]);
                s.replace_range(i..j.max(i), &fw);
            }
            Edit::Truncate(at) => {
                let i = boundary(&s, at);
                s.truncate(i);
            }
        }
    }
    s
}

proptest! {
    #![proptest_config(Config { cases: 96, ..Config::default() })]

    /// Generated judgments: evidence quotes its span exactly, and the values come back.
    #[test]
    fn generated_judgments_extract_what_they_say(c in arb_case()) {
        let text = render(&c);
        prop_assert!(evidence_holds(&text)? > 0);
        let doc = Document::from_text("g", &text);
        let g = judgment_gold("g", &extract_judgment(&doc));
        let d = &g["defendants"][0];
        prop_assert_eq!(d["name"].as_str(), Some(c.name.as_str()), "{}", text);
        prop_assert_eq!(d["gender"].as_str(), Some(c.gender));
        prop_assert_eq!(d["birth_date"].as_str().map(String::from), Some(c.birth.to_string()));
        prop_assert_eq!(d["custody"][0]["date"].as_str().map(String::from), Some(c.detained.to_string()));
        prop_assert_eq!(d["charges"][0].as_str(), Some(c.charge));
        prop_assert_eq!(d["sentence"]["term_months"].as_u64(), Some(u64::from(c.months)), "{}", text);
        prop_assert_eq!(d["sentence"]["fine_yuan"].as_u64(), Some(c.fine), "{}", text);
        prop_assert_eq!(g["judgment_date"].as_str().map(String::from), Some(c.judged.to_string()));
    }

    /// Perturbed sample judgments: whatever the damage, evidence quotes its span exactly.
    #[test]
    fn perturbed_judgments_keep_evidence_exact(
        which in 0..JUDGMENTS.len(),
        edits in arb_edits(),
    ) {
        let text = apply(JUDGMENTS[which], &edits);
        evidence_holds(&text)?;
    }

    /// Perturbed generated judgments, too.
    #[test]
    fn perturbed_generated_judgments_keep_evidence_exact(c in arb_case(), edits in arb_edits()) {
        let text = apply(&render(&c), &edits);
        evidence_holds(&text)?;
    }
}

// ---------------------------------------------------------------------------------------
// Invariance under digit width and blanks

/// The gold record, with the fields that quote the original text (case and indictment
/// numbers) normalised, so that variants of the same text compare equal.
fn gold_of(text: &str) -> Value {
    let doc = Document::from_text("v", text);
    let mut g = judgment_gold("v", &extract_judgment(&doc));
    for key in ["case_number", "indictment_number"] {
        if let Some(s) = g[key].as_str() {
            g[key] = Value::String(normalize(s).text);
        }
    }
    g
}

/// Where a blank may go: between paragraphs (line breaks) in the given way.
#[derive(Debug, Clone, Copy)]
enum Blank {
    /// A blank line between paragraphs.
    Doubled,
    /// Ideographic-space indentation of every paragraph.
    Indented,
    /// Spaces before the line break.
    Trailing,
    /// Windows line breaks.
    Crlf,
}

fn blanks(text: &str, how: Blank) -> String {
    match how {
        Blank::Doubled => text.replace('\n', "\n\n"),
        Blank::Indented => text.replace('\n', "\n\u{3000}\u{3000}"),
        Blank::Trailing => text.replace('\n', " \u{3000}\n"),
        Blank::Crlf => text.replace('\n', "\r\n"),
    }
}

#[test]
fn sample_judgments_are_invariant_under_digit_width_and_blanks() {
    for j in JUDGMENTS {
        let want = gold_of(j);
        assert_eq!(gold_of(&full_width(j)), want, "full-width digits:\n{j}");
        for how in [
            Blank::Doubled,
            Blank::Indented,
            Blank::Trailing,
            Blank::Crlf,
        ] {
            assert_eq!(gold_of(&blanks(j, how)), want, "{how:?}:\n{j}");
        }
    }
}

proptest! {
    #![proptest_config(Config { cases: 64, ..Config::default() })]

    /// Generated judgments: converting any stretch of digits to full width, or changing the
    /// blanks between paragraphs, changes nothing that is extracted.
    #[test]
    fn generated_judgments_are_invariant(
        c in arb_case(),
        how in prop::sample::select(vec![Blank::Doubled, Blank::Indented, Blank::Trailing, Blank::Crlf]),
        from in any::<usize>(),
        len in 0usize..2000,
    ) {
        let text = render(&c);
        let want = gold_of(&text);
        let i = boundary(&text, from);
        let j = boundary(&text, (i + len).min(text.len()));
        let partly = format!("{}{}{}", &text[..i], full_width(&text[i..j]), &text[j..]);
        prop_assert_eq!(gold_of(&partly), want.clone(), "{}", partly);
        prop_assert_eq!(gold_of(&full_width(&text)), want.clone());
        prop_assert_eq!(gold_of(&blanks(&text, how)), want);
    }
}

#[test]
fn renderers_write_what_documents_write() {
    assert_eq!(chinese(0, false), "零");
    assert_eq!(chinese(15, false), "十五");
    assert_eq!(chinese(110, false), "一百一十");
    assert_eq!(chinese(1005, false), "一千零五");
    assert_eq!(chinese(2050, false), "二千零五十");
    assert_eq!(chinese(10_010, false), "一万零一十");
    assert_eq!(chinese(35_000, false), "三万五千");
    assert_eq!(chinese(100_000_005, false), "一亿零五");
    assert_eq!(chinese(120_000_000, false), "一亿二千万");
    assert_eq!(chinese(3200, true), "叁仟贰佰");
    assert_eq!(chinese_year(2017, '〇'), "二〇一七");
    assert_eq!(term(18), "一年六个月");
    let _ = (JUDGMENT_ONE, JUDGMENT_TWO, RULING);
}
