//! The dictionaries: reproducibility of the generated files, lookups, scanning, penalties.

// Test helpers outside `#[test]` functions may panic (the crate's lints deny it in library code).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use wenshu::dict::{Additional, ChargeStatus, Dictionaries, Penalty, Polarity, WrittenKind};
use wenshu::Error;

fn dict() -> &'static Dictionaries {
    static D: std::sync::OnceLock<Dictionaries> = std::sync::OnceLock::new();
    D.get_or_init(Dictionaries::builtin)
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

// ------------------------------------------------------------------ generator

#[test]
fn generator_reproduces_committed_files() {
    let law = manifest_dir().join("../shared/law");
    if !law.join("criminal-law.md").is_file() {
        println!("skipped: {} not present", law.display());
        return;
    }
    if Command::new("python3").arg("--version").output().is_err() {
        println!("skipped: python3 not available");
        return;
    }
    let out = std::env::temp_dir().join(format!("wenshu-dict-gen-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let run = Command::new("python3")
        .arg(manifest_dir().join("dictionaries/generate.py"))
        .arg(&law)
        .arg(&out)
        .output()
        .expect("run generate.py");
    let report = String::from_utf8_lossy(&run.stderr);
    println!("{report}");
    assert!(run.status.success(), "generate.py failed:\n{report}");
    for name in [
        "charges.tsv",
        "charge_aliases.tsv",
        "penalties.tsv",
        "legal_user_dict.txt",
    ] {
        let fresh = std::fs::read(out.join(name)).unwrap();
        let committed = std::fs::read(manifest_dir().join("dictionaries").join(name)).unwrap();
        assert!(
            fresh == committed,
            "dictionaries/{name} differs from a fresh run of generate.py; regenerate and commit"
        );
    }
    std::fs::remove_dir_all(&out).unwrap();
}

// ------------------------------------------------------------------ build

#[test]
fn builtin_builds_quickly_and_is_shareable() {
    fn shareable<T: Send + Sync>() {}
    shareable::<Dictionaries>();
    // the fastest of several builds: wall-clock time on a shared machine is noisy
    let mut best = std::time::Duration::MAX;
    for _ in 0..8 {
        let t = Instant::now();
        std::hint::black_box(Dictionaries::builtin());
        best = best.min(t.elapsed());
    }
    let profile = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    println!("Dictionaries::builtin(): {best:?} (fastest of 8 builds, {profile} profile; target 50 ms in release)");
    if !cfg!(debug_assertions) {
        // a gross-regression guard; the 50 ms target is checked by reading the print-out
        assert!(best.as_millis() <= 200, "builtin() took {best:?}");
    }
}

// ------------------------------------------------------------------ charges

#[test]
fn coverage() {
    let d = dict();
    let count = |s| d.charges().iter().filter(|c| c.status == s).count();
    println!(
        "charges: {} current, {} renamed, {} abolished; aliases {}; tiers {}; circumstance patterns {}; deadlines {}",
        count(ChargeStatus::Current),
        count(ChargeStatus::Renamed),
        count(ChargeStatus::Abolished),
        d.aliases().len(),
        d.all_penalty_tiers().len(),
        d.circumstances().len(),
        d.deadlines().len()
    );
    assert_eq!(count(ChargeStatus::Current), 483);
    assert!(count(ChargeStatus::Renamed) >= 55);
    assert_eq!(count(ChargeStatus::Abolished), 1);
    // every current charge but 骗购外汇罪 (a separate 1998 decision) has statutory tiers
    let without: Vec<_> = d
        .charges()
        .iter()
        .filter(|c| c.status == ChargeStatus::Current && d.charge_penalty_tiers(&c.name).is_empty())
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(without, ["骗购外汇罪"]);
}

#[test]
fn charge_lookup_table() {
    let d = dict();
    // written form, official (current) name, status of the written name, kind, articles
    type Case<'a> = (
        &'a str,
        Option<&'a str>,
        ChargeStatus,
        WrittenKind,
        &'a [&'a str],
    );
    let cases: &[Case] = &[
        (
            "盗窃罪",
            Some("盗窃罪"),
            ChargeStatus::Current,
            WrittenKind::Official,
            &["264"],
        ),
        (
            "危险驾驶罪",
            Some("危险驾驶罪"),
            ChargeStatus::Current,
            WrittenKind::Official,
            &["133之一"],
        ),
        (
            "放火罪",
            Some("放火罪"),
            ChargeStatus::Current,
            WrittenKind::Official,
            &["114", "115"],
        ),
        (
            "投毒罪",
            Some("投放危险物质罪"),
            ChargeStatus::Renamed,
            WrittenKind::Official,
            &["114", "115"],
        ),
        (
            "生产、销售假药罪",
            Some("生产、销售、提供假药罪"),
            ChargeStatus::Renamed,
            WrittenKind::Official,
            &["141"],
        ),
        (
            "非法持有枪支罪",
            Some("非法持有、私藏枪支、弹药罪"),
            ChargeStatus::Current,
            WrittenKind::Selective,
            &["128"],
        ),
        (
            "贩卖毒品罪",
            Some("走私、贩卖、运输、制造毒品罪"),
            ChargeStatus::Current,
            WrittenKind::Selective,
            &["347"],
        ),
        (
            "运输毒品罪",
            Some("走私、贩卖、运输、制造毒品罪"),
            ChargeStatus::Current,
            WrittenKind::Selective,
            &["347"],
        ),
        (
            "走私毒品罪",
            Some("走私、贩卖、运输、制造毒品罪"),
            ChargeStatus::Current,
            WrittenKind::Selective,
            &["347"],
        ),
        (
            "制造毒品罪",
            Some("走私、贩卖、运输、制造毒品罪"),
            ChargeStatus::Current,
            WrittenKind::Selective,
            &["347"],
        ),
        (
            "贩卖、运输毒品罪",
            Some("走私、贩卖、运输、制造毒品罪"),
            ChargeStatus::Current,
            WrittenKind::Selective,
            &["347"],
        ),
        (
            "掩饰、隐瞒犯罪所得罪",
            Some("掩饰、隐瞒犯罪所得、犯罪所得收益罪"),
            ChargeStatus::Current,
            WrittenKind::Selective,
            &["312"],
        ),
        (
            "隐瞒犯罪所得罪",
            Some("掩饰、隐瞒犯罪所得、犯罪所得收益罪"),
            ChargeStatus::Current,
            WrittenKind::Selective,
            &["312"],
        ),
        (
            "开设赌场罪",
            Some("开设赌场罪"),
            ChargeStatus::Current,
            WrittenKind::Official,
            &["303"],
        ),
        (
            "帮信罪",
            Some("帮助信息网络犯罪活动罪"),
            ChargeStatus::Current,
            WrittenKind::Short,
            &["287之二"],
        ),
        (
            "窝藏、转移、收购、销售赃物罪",
            Some("掩饰、隐瞒犯罪所得、犯罪所得收益罪"),
            ChargeStatus::Renamed,
            WrittenKind::Official,
            &["312"],
        ),
        (
            "销售赃物罪",
            Some("掩饰、隐瞒犯罪所得、犯罪所得收益罪"),
            ChargeStatus::Current,
            WrittenKind::Old,
            &["312"],
        ),
        (
            "徇私舞弊低价折股、出售国有资产罪",
            Some("徇私舞弊低价折股、出售公司、企业资产罪"),
            ChargeStatus::Renamed,
            WrittenKind::Official,
            &["169"],
        ),
        (
            "操纵证券交易价格罪",
            Some("操纵证券、期货市场罪"),
            ChargeStatus::Renamed,
            WrittenKind::Official,
            &["182"],
        ),
        (
            "组织他人偷越国(边)境罪",
            Some("组织他人偷越国（边）境罪"),
            ChargeStatus::Current,
            WrittenKind::Variant,
            &["318"],
        ),
        (
            "组织领导传销活动罪",
            Some("组织、领导传销活动罪"),
            ChargeStatus::Current,
            WrittenKind::Variant,
            &["224之一"],
        ),
        (
            "伪造变造国家有价证券罪",
            Some("伪造、变造国家有价证券罪"),
            ChargeStatus::Current,
            WrittenKind::Variant,
            &["178"],
        ),
        (
            "嫖宿幼女罪",
            None,
            ChargeStatus::Abolished,
            WrittenKind::Official,
            &["360"],
        ),
        (
            "国家机关工作人员徇私舞弊罪",
            None,
            ChargeStatus::Renamed,
            WrittenKind::Official,
            &["397"],
        ),
    ];
    for &(written, official, status, kind, articles) in cases {
        let r = d
            .charge(written)
            .unwrap_or_else(|| panic!("{written} not found"));
        assert_eq!(r.official, official, "{written}");
        assert_eq!(r.status, status, "{written}");
        assert_eq!(r.kind, kind, "{written}");
        assert_eq!(r.articles, articles, "{written}");
        assert_eq!(r.written, written);
    }
    let r = d.charge("国家机关工作人员徇私舞弊罪").unwrap();
    assert_eq!(r.replaced_by, ["滥用职权罪", "玩忽职守罪"]);

    for bad in [
        "盗窃",
        "罪",
        "",
        "诈骗",
        "非法持有枪支",
        "盗窃罪犯罪",
        "抢劫盗窃罪",
        "醉驾",
    ] {
        assert!(d.charge(bad).is_none(), "{bad} must not resolve");
    }
}

#[test]
fn every_name_and_alias_resolves_consistently() {
    let d = dict();
    for c in d.charges() {
        let r = d.charge(&c.name).unwrap();
        assert_eq!(r.name, c.name);
        assert!(c.name.ends_with('罪'));
        if c.status == ChargeStatus::Current {
            assert_eq!(r.official, Some(c.name.as_str()));
        }
        for s in &c.replaced_by {
            assert_eq!(
                d.charge_record(s).unwrap().status,
                ChargeStatus::Current,
                "{} -> {s}",
                c.name
            );
        }
    }
    for a in d.aliases() {
        let r = d.charge(&a.alias).unwrap();
        assert_eq!(r.official, Some(a.official.as_str()), "{}", a.alias);
        assert!(a.alias.ends_with('罪'));
        // the scanner finds the alias as a whole
        let m: Vec<_> = d.find_charges(&a.alias).collect();
        assert_eq!(m.len(), 1, "{}", a.alias);
        assert_eq!((m[0].start, m[0].end), (0, a.alias.len()), "{}", a.alias);
    }
}

// ------------------------------------------------------------------ scanning

#[test]
fn find_charges_table() {
    let d = dict();
    // text, expected (written, official)
    let cases: &[(&str, &[(&str, &str)])] = &[
        (
            "被告人张某犯盗窃罪，判处有期徒刑一年",
            &[("盗窃罪", "盗窃罪")],
        ),
        ("被告人张某盗窃他人财物", &[]),
        (
            "以合同诈骗罪追究其刑事责任",
            &[("合同诈骗罪", "合同诈骗罪")],
        ),
        ("犯诈骗罪", &[("诈骗罪", "诈骗罪")]),
        (
            "涉嫌信用卡诈骗罪、集资诈骗罪",
            &[
                ("信用卡诈骗罪", "信用卡诈骗罪"),
                ("集资诈骗罪", "集资诈骗罪"),
            ],
        ),
        (
            "犯贩卖、运输毒品罪",
            &[("贩卖、运输毒品罪", "走私、贩卖、运输、制造毒品罪")],
        ),
        (
            "犯掩饰、隐瞒犯罪所得罪",
            &[("掩饰、隐瞒犯罪所得罪", "掩饰、隐瞒犯罪所得、犯罪所得收益罪")],
        ),
        (
            "犯非法持有枪支罪",
            &[("非法持有枪支罪", "非法持有、私藏枪支、弹药罪")],
        ),
        ("犯投毒罪", &[("投毒罪", "投放危险物质罪")]),
        (
            "犯帮助信息网络犯罪活动罪",
            &[("帮助信息网络犯罪活动罪", "帮助信息网络犯罪活动罪")],
        ),
        ("犯协助组织卖淫罪", &[("协助组织卖淫罪", "协助组织卖淫罪")]),
        ("犯过失致人死亡罪", &[("过失致人死亡罪", "过失致人死亡罪")]),
        // forms seen in published judgments
        (
            "犯伪造国家机关证件、印章罪",
            &[(
                "伪造国家机关证件、印章罪",
                "伪造、变造、买卖国家机关公文、证件、印章罪",
            )],
        ),
        (
            "犯销售有毒有害食品罪",
            &[("销售有毒有害食品罪", "生产、销售有毒、有害食品罪")],
        ),
        (
            "犯拒不执行判决罪",
            &[("拒不执行判决罪", "拒不执行判决、裁定罪")],
        ),
        (
            "犯故意伤害罪、寻衅滋事罪，数罪并罚",
            &[("故意伤害罪", "故意伤害罪"), ("寻衅滋事罪", "寻衅滋事罪")],
        ),
        ("犯罪事实清楚，证据确实充分", &[]),
        ("构成犯罪", &[]),
        ("盗窃数额较大", &[]),
    ];
    for &(text, expected) in cases {
        let got: Vec<(&str, &str)> = d
            .find_charges(text)
            .map(|m| {
                assert!(text[m.start..m.end].ends_with('罪'));
                assert_eq!(&text[m.start..m.end], m.charge.written);
                (m.charge.written, m.charge.official.unwrap())
            })
            .collect();
        assert_eq!(got, expected, "{text}");
    }
}

#[test]
fn find_charges_serializes() {
    let d = dict();
    let m = d.find_charges("犯贩卖毒品罪").next().unwrap();
    let v = serde_json::to_value(m).unwrap();
    assert_eq!(v["start"], 3);
    assert_eq!(v["written"], "贩卖毒品罪");
    assert_eq!(v["kind"], "selective");
    assert_eq!(v["official"], "走私、贩卖、运输、制造毒品罪");
    assert_eq!(v["status"], "current");
}

// ------------------------------------------------------------------ penalties

#[test]
fn penalty_table() {
    let d = dict();
    // article, tier index, (min, max), allows, fine, confiscation
    type Row<'a> = (
        &'a str,
        usize,
        Option<(u16, u16)>,
        &'a [Penalty],
        Additional,
        Additional,
    );
    use Additional::*;
    use Penalty::*;
    let cases: &[Row] = &[
        (
            "264",
            0,
            Some((6, 36)),
            &[Control, CriminalDetention, FixedTerm, Fine],
            Optional,
            None,
        ),
        ("264", 1, Some((36, 120)), &[FixedTerm], Mandatory, None),
        (
            "264",
            2,
            Some((120, 180)),
            &[FixedTerm, Life],
            Alternative,
            Alternative,
        ),
        (
            "133之一",
            0,
            Option::None,
            &[CriminalDetention],
            Mandatory,
            None,
        ),
        (
            "232",
            0,
            Some((120, 180)),
            &[FixedTerm, Life, Death],
            None,
            None,
        ),
        ("232", 1, Some((36, 120)), &[FixedTerm], None, None),
        ("121", 1, Option::None, &[Death], None, None),
        (
            "347",
            0,
            Some((180, 180)),
            &[FixedTerm, Life, Death],
            None,
            Mandatory,
        ),
        ("114", 0, Some((36, 120)), &[FixedTerm], None, None),
        (
            "115",
            0,
            Some((120, 180)),
            &[FixedTerm, Life, Death],
            None,
            None,
        ),
        (
            "120",
            2,
            Some((6, 36)),
            &[Control, CriminalDetention, FixedTerm, PoliticalRights],
            Optional,
            None,
        ),
    ];
    for &(article, i, range, allows, fine, conf) in cases {
        let t = &d.penalty_tiers(article)[i];
        assert_eq!(t.min_months.zip(t.max_months), range, "{article} tier {i}");
        assert_eq!(t.allows, allows, "{article} tier {i}");
        assert_eq!(t.fine, fine, "{article} tier {i}");
        assert_eq!(t.confiscation, conf, "{article} tier {i}");
    }
    // 危险驾驶 allows only 拘役, with a mandatory fine
    let t = d.charge_penalty_tiers("危险驾驶罪");
    assert!(!t.is_empty());
    assert!(t
        .iter()
        .all(|t| t.allows == [CriminalDetention] && t.fine == Mandatory));
    // clauses that apply another clause's tiers say so
    let t = d.provision_tiers(&"128-2".parse().unwrap());
    assert_eq!(t[0].via.as_ref().unwrap().to_string(), "128-1");
    // 受贿罪 is punished under §386 → §383
    assert_eq!(
        d.charge_penalty_tiers("受贿罪")[0]
            .via
            .as_ref()
            .unwrap()
            .to_string(),
        "383-1"
    );
    // articles without penalties
    for a in ["382", "385", "389", "450", "1", "999"] {
        assert!(d.penalty_tiers(a).is_empty(), "{a}");
    }
}

#[test]
fn fines() {
    let d = dict();
    for a in ["264", "133之一", "266", "347", "303", "第二百六十三条"] {
        assert!(d.mandates_fine(a), "{a}");
    }
    for a in ["232", "234", "133", "114", "115", "382", "garbage"] {
        assert!(!d.mandates_fine(a), "{a}");
    }
    use Additional::*;
    assert_eq!(
        d.fine_requirement("264", Penalty::CriminalDetention, Option::None),
        Some(Optional)
    );
    assert_eq!(
        d.fine_requirement("264", Penalty::FixedTerm, Some(48)),
        Some(Mandatory)
    );
    assert_eq!(
        d.fine_requirement("264", Penalty::FixedTerm, Some(150)),
        Some(Alternative)
    );
    assert_eq!(
        d.fine_requirement("264", Penalty::FixedTerm, Some(200)),
        Option::None
    );
    assert_eq!(
        d.fine_requirement("234", Penalty::FixedTerm, Some(12)),
        Some(None)
    );
    assert_eq!(
        d.charge_fine_requirement("开设赌场罪", Penalty::FixedTerm, Some(24)),
        Some(Mandatory)
    );
    assert_eq!(
        d.charge_fine_requirement("赌博罪", Penalty::CriminalDetention, Option::None),
        Some(Mandatory)
    );
    assert_eq!(
        d.charge_fine_requirement("危险驾驶罪", Penalty::FixedTerm, Some(6)),
        Option::None
    );
}

// ------------------------------------------------------------------ circumstances, deadlines

#[test]
fn circumstance_table() {
    let d = dict();
    let cases: &[(&str, &[(&str, Polarity)])] = &[
        ("系累犯，应当从重处罚", &[("累犯", Polarity::Assert)]),
        ("不构成累犯", &[("累犯", Polarity::Deny)]),
        ("到案后如实供述自己的罪行", &[("坦白", Polarity::Assert)]),
        ("有自首情节", &[("自首", Polarity::Assert)]),
        (
            "辩护人提出被告人系自首的意见，不能认定为自首",
            &[("自首", Polarity::Assert), ("自首", Polarity::Deny)],
        ),
        (
            "在共同犯罪中起次要作用，系从犯",
            &[("从犯", Polarity::Assert), ("从犯", Polarity::Assert)],
        ),
        ("系胁从犯", &[("胁从犯", Polarity::Assert)]),
        ("已退赔被害人全部损失", &[("退赃退赔", Polarity::Assert)]),
        ("取得了被害人的谅解", &[("取得谅解", Polarity::Assert)]),
        ("未能取得被害人谅解", &[("取得谅解", Polarity::Deny)]),
        ("签署了认罪认罚具结书", &[("认罪认罚", Polarity::Assert)]),
        ("犯罪时不满十八周岁", &[("未成年人", Polarity::Assert)]),
        ("系犯罪未遂", &[("未遂", Polarity::Assert)]),
        (
            "被告人系初犯、偶犯",
            &[("初犯", Polarity::Assert), ("偶犯", Polarity::Assert)],
        ),
        ("经审理查明", &[]),
    ];
    for &(text, expected) in cases {
        let got: Vec<_> = d
            .find_circumstances(text)
            .iter()
            .map(|m| (m.tag, m.polarity))
            .collect();
        assert_eq!(got, expected, "{text}");
    }
    let basis = |tag: &str| {
        let p = d.circumstance_patterns(tag).next().unwrap();
        (
            p.law.clone().unwrap_or_default(),
            p.article.clone().unwrap_or_default(),
            p.clause,
        )
    };
    assert_eq!(basis("累犯"), ("刑法".into(), "65".into(), Some(1)));
    assert_eq!(basis("自首"), ("刑法".into(), "67".into(), Some(1)));
    assert_eq!(basis("坦白"), ("刑法".into(), "67".into(), Some(3)));
    assert_eq!(basis("立功"), ("刑法".into(), "68".into(), Option::None));
    assert_eq!(basis("未遂"), ("刑法".into(), "23".into(), Some(1)));
    assert_eq!(basis("从犯"), ("刑法".into(), "27".into(), Some(1)));
    assert_eq!(
        basis("认罪认罚"),
        ("刑事诉讼法".into(), "15".into(), Option::None)
    );
    // denial rows inherit the basis of their tag
    let deny = d
        .circumstance_patterns("自首")
        .find(|p| p.polarity == Polarity::Deny)
        .unwrap();
    assert_eq!(deny.article.as_deref(), Some("67"));
}

#[test]
fn deadline_table() {
    let d = dict();
    let cases: &[(&str, u32, &str)] = &[
        ("custody.detention_to_request", 3, "刑事诉讼法第91条第1款"),
        (
            "custody.detention_to_request.extension_max",
            4,
            "刑事诉讼法第91条第1款",
        ),
        (
            "custody.detention_to_request.serious",
            30,
            "刑事诉讼法第91条第2款",
        ),
        ("custody.arrest_decision", 7, "刑事诉讼法第91条第3款"),
        (
            "custody.detention_to_arrest.max_serious",
            37,
            "刑事诉讼法第91条",
        ),
        ("investigation.arrest_custody", 2, "刑事诉讼法第156条"),
        ("trial.speedy", 10, "刑事诉讼法第225条"),
        ("trial.speedy.extended", 15, "刑事诉讼法第225条"),
        ("trial.summary", 20, "刑事诉讼法第220条"),
        ("trial.ordinary.max", 3, "刑事诉讼法第208条第1款"),
        ("penalty.control.min", 3, "刑法第38条第1款"),
        ("penalty.control.max", 24, "刑法第38条第1款"),
        ("penalty.criminal_detention.max", 6, "刑法第42条"),
        ("penalty.fixed_term.min", 6, "刑法第45条"),
        ("penalty.fixed_term.max", 180, "刑法第45条"),
        ("penalty.combined.fixed_term.max", 240, "刑法第69条第1款"),
        (
            "penalty.combined.fixed_term.max_high",
            300,
            "刑法第69条第1款",
        ),
        (
            "penalty.combined.criminal_detention.max",
            12,
            "刑法第69条第1款",
        ),
        ("penalty.combined.control.max", 36, "刑法第69条第1款"),
        ("probation.criminal_detention.min", 2, "刑法第73条第1款"),
        ("probation.criminal_detention.max", 12, "刑法第73条第1款"),
        ("probation.fixed_term.min", 12, "刑法第73条第2款"),
        ("probation.fixed_term.max", 60, "刑法第73条第2款"),
        ("penalty.political_rights.min", 12, "刑法第55条第1款"),
        ("penalty.political_rights.max", 60, "刑法第55条第1款"),
        ("recidivism.window", 60, "刑法第65条第1款"),
    ];
    for &(key, value, basis) in cases {
        let x = d.deadline(key).unwrap_or_else(|| panic!("{key}"));
        assert_eq!(x.whole(), Some(value), "{key}");
        assert_eq!(x.basis(), basis, "{key}");
    }
    assert_eq!(d.deadline("trial.summary.extended").unwrap().value, 1.5);
}

// ------------------------------------------------------------------ overrides and errors

fn tmpdir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wenshu-dict-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn config_error(dir: &Path) -> (PathBuf, String) {
    match Dictionaries::from_dir(dir) {
        Err(Error::Config { path, detail }) => (path, detail),
        other => panic!("expected a configuration error, got {other:?}"),
    }
}

#[test]
fn from_dir_overrides_and_falls_back() {
    let dir = tmpdir("override");
    // empty folder: everything built in
    let d = Dictionaries::from_dir(&dir).unwrap();
    assert_eq!(d.charges().len(), dict().charges().len());
    // a local alias file
    std::fs::write(
        dir.join("charge_aliases.tsv"),
        "# local\nalias\tofficial\tkind\tnote\n偷东西罪\t盗窃罪\tshort\tcolloquial\n",
    )
    .unwrap();
    let d = Dictionaries::from_dir(&dir).unwrap();
    assert_eq!(d.charge("偷东西罪").unwrap().official, Some("盗窃罪"));
    assert!(d.charge("贩卖毒品罪").is_none());
    let m: Vec<_> = d
        .find_charges("犯偷东西罪")
        .map(|m| m.charge.official)
        .collect();
    assert_eq!(m, [Some("盗窃罪")]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn from_dir_errors_name_file_and_line() {
    let dir = tmpdir("errors");
    let cases: &[(&str, &str, &str)] = &[
        ("charge_aliases.tsv", "alias\tofficial\tkind\n偷东西罪\t偷东西罪\tshort\n", "line 2"),
        ("charge_aliases.tsv", "alias\tofficial\tkind\n偷东西\t盗窃罪\tshort\n", "does not end with 罪"),
        ("charge_aliases.tsv", "alias\tofficial\tkind\n投毒罪\t投放危险物质罪\told\n", "official charge name"),
        ("charge_aliases.tsv", "alias\tofficial\n", "lacks column `kind`"),
        ("charges.tsv", "name\tarticles\tstatus\n盗窃罪\t264\tvalid\n", "line 2: status"),
        (
            "penalties.tsv",
            "article\tclause\ttier\tcondition\tmin_months\tmax_months\tallows\tfine\tconfiscation\tvia\n\
             264\t\t1\tx\t36\t6\t有期徒刑\tnone\tnone\t\n",
            "min_months 36 > max_months 6",
        ),
        (
            "penalties.tsv",
            "article\tclause\ttier\tcondition\tmin_months\tmax_months\tallows\tfine\tconfiscation\tvia\n\
             \n# comment\n264\t\t1\tx\t6\t36\t有期徒刑\tsometimes\tnone\t\n",
            "line 4: fine `sometimes`",
        ),
        ("circumstances.tsv", "tag\tpattern\tmatch\tpolarity\n自首\t(未\tregex\tpos\n", "line 2: pattern"),
        ("deadlines.tsv", "key\tvalue\tunit\nx\t3\tweek\n", "line 2: unit `week`"),
    ];
    for &(file, content, expect) in cases {
        for f in wenshu::dict::FILES {
            let _ = std::fs::remove_file(dir.join(f));
        }
        std::fs::write(dir.join(file), content).unwrap();
        let (path, detail) = config_error(&dir);
        assert_eq!(path, dir.join(file), "{file}: {detail}");
        assert!(
            detail.contains(expect),
            "{file}: `{detail}` lacks `{expect}`"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
