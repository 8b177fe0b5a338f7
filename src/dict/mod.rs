//! Dictionaries of the criminal law: charge names and their written forms, statutory
//! penalty tiers, sentencing circumstances, procedural deadlines.
//!
//! The data lives in `dictionaries/` (generated from the statute texts by
//! `dictionaries/generate.py`, plus two curated files) and is compiled in.
//! [`Dictionaries::builtin`] parses it; [`Dictionaries::from_dir`] reads a folder
//! with any of the same files and falls back to the built-in data for the
//! others. The result is immutable, `Send + Sync`; build it once and share it
//! behind an `Arc`.
//!
//! ```
//! use std::sync::Arc;
//! use wenshu::dict::Dictionaries;
//!
//! let dict = Arc::new(Dictionaries::builtin());
//! let c = dict.charge("盗窃罪").unwrap();
//! assert_eq!(c.articles, ["264"]);
//! assert!(dict.mandates_fine("264"));
//! ```

mod tsv;
mod types;

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::Regex;

pub use types::{
    Additional, Alias, Amendment, Charge, ChargeMatch, ChargeRef, ChargeStatus, CircumstanceMatch,
    CircumstancePattern, Deadline, DeadlineUnit, Penalty, PenaltyTier, Polarity, Provision,
    WrittenKind,
};

use crate::{Error, Result};
use tsv::Table;

/// The file names a dictionary folder may hold (see `dictionaries/README.md`).
///
/// ```
/// assert!(wenshu::dict::FILES.contains(&"charges.tsv"));
/// ```
pub const FILES: [&str; 7] = [
    "charges.tsv",
    "charge_aliases.tsv",
    "penalties.tsv",
    "circumstances.tsv",
    "deadlines.tsv",
    "legal_user_dict.txt",
    "amendments.tsv",
];

const BUILTIN: [&str; 7] = [
    include_str!("../../dictionaries/charges.tsv"),
    include_str!("../../dictionaries/charge_aliases.tsv"),
    include_str!("../../dictionaries/penalties.tsv"),
    include_str!("../../dictionaries/circumstances.tsv"),
    include_str!("../../dictionaries/deadlines.tsv"),
    include_str!("../../dictionaries/legal_user_dict.txt"),
    include_str!("../../dictionaries/amendments.tsv"),
];

/// What a pattern of the charge scanner stands for.
#[derive(Debug, Clone, Copy)]
enum Target {
    Charge(usize),
    Alias(usize),
}

/// The parsed dictionaries. See the [module documentation](self).
///
/// ```
/// use wenshu::dict::Dictionaries;
/// let d = Dictionaries::builtin();
/// let text = "被告人犯危险驾驶罪，判处拘役二个月，并处罚金人民币三千元";
/// let m = d.find_charges(text).next().unwrap();
/// let tiers = d.charge_penalty_tiers(m.charge.name);
/// assert!(tiers.iter().all(|t| t.fine.is_required()));
/// ```
#[derive(Debug)]
pub struct Dictionaries {
    charges: Vec<Charge>,
    charge_index: HashMap<String, usize>,
    aliases: Vec<Alias>,
    alias_index: HashMap<String, usize>,
    tiers: Vec<PenaltyTier>,
    tier_index: HashMap<String, Range<usize>>,
    circumstances: Vec<CircumstancePattern>,
    circ_literals: AhoCorasick,
    circ_literal_ids: Vec<usize>,
    circ_regexes: Vec<(usize, Regex)>,
    deadlines: Vec<Deadline>,
    amendments: Vec<Amendment>,
    deadline_index: HashMap<String, usize>,
    user_dict: String,
    scanner: AhoCorasick,
    targets: Vec<Target>,
}

impl Dictionaries {
    /// The compiled-in dictionaries.
    ///
    /// ```
    /// let d = wenshu::dict::Dictionaries::builtin();
    /// assert!(d.charges().len() > 500);
    /// ```
    ///
    /// # Panics
    ///
    /// Never in a released build: the compiled-in files are checked by the test suite.
    // Compiled-in data, never input: the one panic of this module is deliberate.
    #[allow(clippy::panic)]
    pub fn builtin() -> Dictionaries {
        let texts = BUILTIN.map(|t| (None, t.to_string()));
        match Self::build(texts) {
            Ok(d) => d,
            Err(e) => panic!("built-in dictionaries are invalid: {e}"),
        }
    }

    /// Reads the dictionary files present in `dir` (any of [`FILES`]); the
    /// others come from the built-in data.
    ///
    /// Errors name the file and line: [`Error::Config`] for invalid content,
    /// [`Error::Io`] for a file that exists but cannot be read.
    ///
    /// ```
    /// let dir = std::env::temp_dir().join(format!("wenshu-dict-doc-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir).unwrap();
    /// std::fs::write(dir.join("deadlines.tsv"), "key\tvalue\tunit\tlaw\tarticle\tclause\tnote\n\
    ///     trial.speedy\t12\tday\t刑事诉讼法\t225\t\tlocal rule\n").unwrap();
    /// let d = wenshu::dict::Dictionaries::from_dir(&dir).unwrap();
    /// assert_eq!(d.deadline("trial.speedy").unwrap().whole(), Some(12));
    /// assert!(d.deadline("trial.summary").is_none()); // the file replaces the built-in one
    /// assert!(d.charge("盗窃罪").is_some());          // the others are built in
    ///
    /// std::fs::write(dir.join("deadlines.tsv"), "key\tvalue\tunit\nx\tseven\tday\n").unwrap();
    /// let err = wenshu::dict::Dictionaries::from_dir(&dir).unwrap_err();
    /// assert!(err.to_string().contains("line 2"));
    /// std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Dictionaries> {
        let dir = dir.as_ref();
        let mut texts: [(Option<PathBuf>, String); 7] = BUILTIN.map(|t| (None, t.to_string()));
        for (i, name) in FILES.iter().enumerate() {
            let path = dir.join(name);
            match std::fs::read(&path) {
                Ok(bytes) => {
                    let text = String::from_utf8(bytes).map_err(|e| Error::Config {
                        path: path.clone(),
                        detail: format!("not UTF-8 (byte {})", e.utf8_error().valid_up_to()),
                    })?;
                    texts[i] = (Some(path), text);
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    return Err(Error::Io {
                        source_name: path.display().to_string(),
                        cause: e,
                    })
                }
            }
        }
        Self::build(texts)
    }

    fn build(texts: [(Option<PathBuf>, String); 7]) -> Result<Dictionaries> {
        let path = |i: usize| {
            texts[i]
                .0
                .clone()
                .unwrap_or_else(|| PathBuf::from(format!("<built-in>/{}", FILES[i])))
        };
        let (charges, charge_index) = load_charges(&path(0), &texts[0].1)?;
        let (aliases, alias_index) = load_aliases(&path(1), &texts[1].1, &charges, &charge_index)?;
        let (tiers, tier_index) = load_penalties(&path(2), &texts[2].1)?;
        let (circumstances, circ_regexes) = load_circumstances(&path(3), &texts[3].1)?;
        let (deadlines, deadline_index) = load_deadlines(&path(4), &texts[4].1)?;
        let amendments = load_amendments(&path(6), &texts[6].1)?;

        let mut patterns: Vec<&str> = Vec::with_capacity(charges.len() + aliases.len());
        let mut targets = Vec::with_capacity(patterns.capacity());
        for (i, c) in charges.iter().enumerate() {
            patterns.push(&c.name);
            targets.push(Target::Charge(i));
        }
        for (i, a) in aliases.iter().enumerate() {
            patterns.push(&a.alias);
            targets.push(Target::Alias(i));
        }
        // A contiguous NFA, not a DFA: the same matches, built in a fraction of the time
        // (the DFA took most of `Dictionaries::builtin()`), and scanning stays fast.
        let scanner = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&patterns)
            .map_err(|e| {
                tsv::config(&path(1), 0, format!("cannot build the charge scanner: {e}"))
            })?;

        let mut lit = Vec::new();
        let mut circ_literal_ids = Vec::new();
        for (i, c) in circumstances.iter().enumerate() {
            if !c.regex {
                lit.push(c.pattern.as_str());
                circ_literal_ids.push(i);
            }
        }
        let circ_literals = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&lit)
            .map_err(|e| {
                tsv::config(
                    &path(3),
                    0,
                    format!("cannot build the pattern scanner: {e}"),
                )
            })?;

        let user_dict = texts[5].1.clone();
        for (i, line) in user_dict.lines().enumerate() {
            let n = line.split_whitespace().count();
            if !line.trim().is_empty() && !(1..=3).contains(&n) {
                return Err(tsv::config(
                    &path(5),
                    i + 1,
                    "expected `word [freq] [tag]`".into(),
                ));
            }
        }

        Ok(Dictionaries {
            charges,
            charge_index,
            aliases,
            alias_index,
            tiers,
            tier_index,
            circumstances,
            circ_literals,
            circ_literal_ids,
            circ_regexes,
            deadlines,
            amendments,
            deadline_index,
            user_dict,
            scanner,
            targets,
        })
    }

    // ---------------------------------------------------------------- charges

    /// Every charge name of `charges.tsv` (current, renamed, abolished).
    ///
    /// ```
    /// use wenshu::dict::{ChargeStatus, Dictionaries};
    /// let d = Dictionaries::builtin();
    /// let current = d.charges().iter().filter(|c| c.status == ChargeStatus::Current).count();
    /// assert_eq!(current, 483);
    /// ```
    pub fn charges(&self) -> &[Charge] {
        &self.charges
    }

    /// The record of an official name (current or not); aliases are not looked up.
    ///
    /// ```
    /// let d = wenshu::dict::Dictionaries::builtin();
    /// assert!(d.charge_record("投毒罪").is_some());
    /// assert!(d.charge_record("贩卖毒品罪").is_none()); // a component, not an official name
    /// ```
    pub fn charge_record(&self, name: &str) -> Option<&Charge> {
        self.charge_index.get(name).map(|&i| &self.charges[i])
    }

    /// Every alias of `charge_aliases.tsv`.
    ///
    /// ```
    /// use wenshu::dict::WrittenKind;
    /// let d = wenshu::dict::Dictionaries::builtin();
    /// assert!(d.aliases().iter().any(|a| a.kind == WrittenKind::Short));
    /// ```
    pub fn aliases(&self) -> &[Alias] {
        &self.aliases
    }

    /// Resolves a written charge name: an official name (current or old), a
    /// selective component, a short form or a variant. Surrounding and inner
    /// white space is ignored and half-width brackets are accepted. A name must
    /// end with 罪.
    ///
    /// ```
    /// use wenshu::dict::{ChargeStatus, Dictionaries, WrittenKind};
    /// let d = Dictionaries::builtin();
    /// let r = d.charge("投毒罪").unwrap();
    /// assert_eq!(r.status, ChargeStatus::Renamed);
    /// assert_eq!(r.official, Some("投放危险物质罪"));
    ///
    /// let r = d.charge(" 贩卖毒品罪 ").unwrap();
    /// assert_eq!((r.kind, r.official), (WrittenKind::Selective, Some("走私、贩卖、运输、制造毒品罪")));
    /// assert!(d.charge("盗窃").is_none());
    /// ```
    pub fn charge<'a>(&'a self, surface: &'a str) -> Option<ChargeRef<'a>> {
        let written = surface.trim();
        let target = self.lookup(written).or_else(|| {
            let norm: String = written
                .chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| match c {
                    '(' => '（',
                    ')' => '）',
                    c => c,
                })
                .collect();
            self.lookup(&norm)
        })?;
        Some(self.resolve(written, target))
    }

    fn lookup(&self, s: &str) -> Option<Target> {
        if let Some(&i) = self.charge_index.get(s) {
            return Some(Target::Charge(i));
        }
        self.alias_index.get(s).map(|&i| Target::Alias(i))
    }

    fn resolve<'a>(&'a self, written: &'a str, target: Target) -> ChargeRef<'a> {
        let (kind, record) = match target {
            Target::Charge(i) => (WrittenKind::Official, &self.charges[i]),
            Target::Alias(i) => {
                let a = &self.aliases[i];
                (a.kind, &self.charges[self.charge_index[&a.official]])
            }
        };
        let official = match record.status {
            ChargeStatus::Current => Some(record.name.as_str()),
            ChargeStatus::Renamed if record.replaced_by.len() == 1 => {
                Some(record.replaced_by[0].as_str())
            }
            _ => None,
        };
        ChargeRef {
            written,
            kind,
            name: &record.name,
            status: record.status,
            official,
            replaced_by: &record.replaced_by,
            articles: &record.articles,
            record,
        }
    }

    /// Finds charge names in `text`: every official name (current or old) and
    /// every alias, leftmost-longest, so that a name inside a longer one is not
    /// reported on its own (合同诈骗罪 yields 合同诈骗罪, not 诈骗罪). Every match ends
    /// with 罪; a bare act (盗窃) is not a charge. Spans are byte offsets into `text`.
    ///
    /// ```
    /// let d = wenshu::dict::Dictionaries::builtin();
    /// let text = "以合同诈骗罪、非法持有枪支罪追究其刑事责任";
    /// let found: Vec<_> = d.find_charges(text).map(|m| (&text[m.start..m.end], m.charge.official)).collect();
    /// assert_eq!(found, [
    ///     ("合同诈骗罪", Some("合同诈骗罪")),
    ///     ("非法持有枪支罪", Some("非法持有、私藏枪支、弹药罪")),
    /// ]);
    /// ```
    pub fn find_charges<'a>(&'a self, text: &'a str) -> impl Iterator<Item = ChargeMatch<'a>> + 'a {
        self.scanner.find_iter(text).map(move |m| ChargeMatch {
            start: m.start(),
            end: m.end(),
            charge: self.resolve(
                &text[m.start()..m.end()],
                self.targets[m.pattern().as_usize()],
            ),
        })
    }

    // ---------------------------------------------------------------- penalties

    /// Every penalty tier of `penalties.tsv`, ordered by article, clause and tier.
    ///
    /// ```
    /// let d = wenshu::dict::Dictionaries::builtin();
    /// assert!(d.all_penalty_tiers().len() > 900);
    /// ```
    pub fn all_penalty_tiers(&self) -> &[PenaltyTier] {
        &self.tiers
    }

    /// The penalty tiers of an article (all its clauses). The article may be
    /// written `264`, `第二百六十四条`, `133之一` or `第一百三十三条之一`. Empty
    /// for an article that defines no penalty.
    ///
    /// ```
    /// use wenshu::dict::{Additional, Dictionaries, Penalty};
    /// let d = Dictionaries::builtin();
    /// let t = d.penalty_tiers("第一百三十三条之一");
    /// assert_eq!(t[0].allows, [Penalty::CriminalDetention]);
    /// assert_eq!(t[0].fine, Additional::Mandatory);
    /// assert!(d.penalty_tiers("382").is_empty()); // 贪污罪 is punished under 383
    /// ```
    pub fn penalty_tiers(&self, article: &str) -> &[PenaltyTier] {
        normalize_article(article)
            .and_then(|a| self.tier_index.get(&a))
            .map_or(&[][..], |r| &self.tiers[r.clone()])
    }

    /// The tiers of one provision: the whole article, or one clause of it.
    ///
    /// ```
    /// let d = wenshu::dict::Dictionaries::builtin();
    /// let p = "303-2".parse().unwrap();
    /// let t = d.provision_tiers(&p);
    /// assert_eq!(t.len(), 2);
    /// assert_eq!(t[0].condition, "开设赌场");
    /// ```
    pub fn provision_tiers(&self, p: &Provision) -> &[PenaltyTier] {
        let all = self.penalty_tiers(&p.article);
        match p.clause {
            None => all,
            Some(c) => {
                let lo = all.partition_point(|t| t.clause.unwrap_or(1) < c);
                let hi = all.partition_point(|t| t.clause.unwrap_or(1) <= c);
                &all[lo..hi]
            }
        }
    }

    /// The statutory penalty tiers of a charge (any written form), from its
    /// `penalty_provisions`: 受贿罪 → the tiers of §386 (which applies §383).
    ///
    /// ```
    /// let d = wenshu::dict::Dictionaries::builtin();
    /// let t = d.charge_penalty_tiers("受贿罪");
    /// assert_eq!(t.len(), 4);
    /// assert_eq!(t[0].article, "386");
    /// let t = d.charge_penalty_tiers("开设赌场罪");
    /// assert!(t.iter().all(|t| t.clause == Some(2)));
    /// ```
    pub fn charge_penalty_tiers(&self, charge: &str) -> Vec<&PenaltyTier> {
        let Some(r) = self.charge(charge) else {
            return Vec::new();
        };
        r.record
            .penalty_provisions
            .iter()
            .flat_map(|p| self.provision_tiers(p))
            .collect()
    }

    /// Whether any tier of the article mandates a fine (并处罚金). 并处或者单处罚金
    /// and 可以并处罚金 are optional; 并处罚金或者没收财产 is an alternative and does
    /// not count.
    ///
    /// ```
    /// let d = wenshu::dict::Dictionaries::builtin();
    /// assert!(d.mandates_fine("264"));
    /// assert!(d.mandates_fine("133之一"));
    /// assert!(!d.mandates_fine("232"));
    /// ```
    pub fn mandates_fine(&self, article: &str) -> bool {
        self.penalty_tiers(article)
            .iter()
            .any(|t| t.fine == Additional::Mandatory)
    }

    /// The fine requirement for a sentence of `penalty` (and `months` of
    /// 有期徒刑) under `article`: the weakest requirement among the tiers that
    /// admit the sentence (a term on the border of two tiers belongs to both),
    /// or `None` when no tier does.
    ///
    /// ```
    /// use wenshu::dict::{Additional, Dictionaries, Penalty};
    /// let d = Dictionaries::builtin();
    /// assert_eq!(d.fine_requirement("264", Penalty::FixedTerm, Some(12)), Some(Additional::Optional));
    /// assert_eq!(d.fine_requirement("264", Penalty::FixedTerm, Some(60)), Some(Additional::Mandatory));
    /// assert_eq!(d.fine_requirement("264", Penalty::FixedTerm, Some(36)), Some(Additional::Optional));
    /// assert_eq!(d.fine_requirement("264", Penalty::Death, None), None);
    /// ```
    pub fn fine_requirement(
        &self,
        article: &str,
        penalty: Penalty,
        months: Option<u32>,
    ) -> Option<Additional> {
        weakest_fine(self.penalty_tiers(article).iter(), penalty, months)
    }

    /// Like [`Dictionaries::fine_requirement`], over the tiers of a charge
    /// ([`Dictionaries::charge_penalty_tiers`]).
    ///
    /// ```
    /// use wenshu::dict::{Additional, Dictionaries, Penalty};
    /// let d = Dictionaries::builtin();
    /// let r = d.charge_fine_requirement("危险驾驶罪", Penalty::CriminalDetention, None);
    /// assert_eq!(r, Some(Additional::Mandatory));
    /// ```
    pub fn charge_fine_requirement(
        &self,
        charge: &str,
        penalty: Penalty,
        months: Option<u32>,
    ) -> Option<Additional> {
        weakest_fine(
            self.charge_penalty_tiers(charge).into_iter(),
            penalty,
            months,
        )
    }

    // ---------------------------------------------------------------- circumstances

    /// Every circumstance pattern of `circumstances.tsv`.
    ///
    /// ```
    /// let d = wenshu::dict::Dictionaries::builtin();
    /// assert!(d.circumstances().iter().any(|p| p.tag == "累犯"));
    /// ```
    pub fn circumstances(&self) -> &[CircumstancePattern] {
        &self.circumstances
    }

    /// The distinct circumstance tags, in file order.
    ///
    /// ```
    /// let d = wenshu::dict::Dictionaries::builtin();
    /// assert_eq!(d.circumstance_tags()[..3], ["累犯", "自首", "坦白"]);
    /// ```
    pub fn circumstance_tags(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for c in &self.circumstances {
            if !out.contains(&c.tag.as_str()) {
                out.push(&c.tag);
            }
        }
        out
    }

    /// The patterns of one circumstance tag.
    ///
    /// ```
    /// let d = wenshu::dict::Dictionaries::builtin();
    /// assert!(d.circumstance_patterns("退赃退赔").any(|p| p.pattern == "退赔"));
    /// ```
    pub fn circumstance_patterns<'a>(
        &'a self,
        tag: &'a str,
    ) -> impl Iterator<Item = &'a CircumstancePattern> + 'a {
        self.circumstances.iter().filter(move |c| c.tag == tag)
    }

    /// Finds circumstance patterns in `text`, left to right without overlaps.
    /// A denial (不构成自首) removes the assertions of the same tag it overlaps;
    /// otherwise the longer match wins (胁从犯 over 从犯).
    ///
    /// ```
    /// let d = wenshu::dict::Dictionaries::builtin();
    /// let text = "被告人系累犯，如实供述自己的罪行，已取得被害人谅解";
    /// let tags: Vec<_> = d.find_circumstances(text).iter().map(|m| m.tag).collect();
    /// assert_eq!(tags, ["累犯", "坦白", "取得谅解"]);
    /// ```
    pub fn find_circumstances<'a>(&'a self, text: &str) -> Vec<CircumstanceMatch<'a>> {
        let mut cands: Vec<(usize, usize, usize)> = Vec::new();
        for m in self.circ_literals.find_iter(text) {
            cands.push((
                m.start(),
                m.end(),
                self.circ_literal_ids[m.pattern().as_usize()],
            ));
        }
        for (i, re) in &self.circ_regexes {
            for m in re.find_iter(text) {
                if m.start() < m.end() {
                    cands.push((m.start(), m.end(), *i));
                }
            }
        }
        let denials: Vec<(usize, usize, &str)> = cands
            .iter()
            .filter(|c| self.circumstances[c.2].polarity == Polarity::Deny)
            .map(|c| (c.0, c.1, self.circumstances[c.2].tag.as_str()))
            .collect();
        cands.retain(|c| {
            let p = &self.circumstances[c.2];
            p.polarity == Polarity::Deny
                || !denials
                    .iter()
                    .any(|d| d.2 == p.tag && d.0 < c.1 && c.0 < d.1)
        });
        cands.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        let mut out = Vec::new();
        let mut pos = 0;
        for (s, e, i) in cands {
            if s < pos {
                continue;
            }
            let p = &self.circumstances[i];
            out.push(CircumstanceMatch {
                start: s,
                end: e,
                tag: &p.tag,
                polarity: p.polarity,
                pattern: &p.pattern,
            });
            pos = e;
        }
        out
    }

    // ---------------------------------------------------------------- amendments

    /// The latest amendment that rewrote `article`, if any: statutory data of the current
    /// text (penalty tiers, mandatory fines) applies to offences from its effective date on.
    ///
    /// ```
    /// let d = wenshu::dict::Dictionaries::builtin();
    /// let a = d.latest_amendment("271").unwrap();
    /// assert_eq!(a.effective.to_string(), "2021-03-01");
    /// assert!(d.latest_amendment("354").is_none());
    /// ```
    pub fn latest_amendment(&self, article: &str) -> Option<&Amendment> {
        self.amendments
            .iter()
            .filter(|a| a.article == article)
            .max_by_key(|a| a.effective)
    }

    // ---------------------------------------------------------------- deadlines

    /// Every row of `deadlines.tsv`.
    ///
    /// ```
    /// let d = wenshu::dict::Dictionaries::builtin();
    /// assert!(d.deadlines().iter().any(|x| x.key.starts_with("probation.")));
    /// ```
    pub fn deadlines(&self) -> &[Deadline] {
        &self.deadlines
    }

    /// A deadline or bound by key.
    ///
    /// ```
    /// let d = wenshu::dict::Dictionaries::builtin();
    /// assert_eq!(d.deadline("custody.detention_to_request.serious").unwrap().whole(), Some(30));
    /// assert!(d.deadline("no.such.key").is_none());
    /// ```
    pub fn deadline(&self, key: &str) -> Option<&Deadline> {
        self.deadline_index.get(key).map(|&i| &self.deadlines[i])
    }

    // ---------------------------------------------------------------- segmentation

    /// The jieba user dictionary (`word freq tag` per line).
    ///
    /// ```
    /// let d = wenshu::dict::Dictionaries::builtin();
    /// assert!(d.jieba_user_dict().lines().any(|l| l.starts_with("盗窃罪 ")));
    /// ```
    pub fn jieba_user_dict(&self) -> &str {
        &self.user_dict
    }
}

fn weakest_fine<'a>(
    tiers: impl Iterator<Item = &'a PenaltyTier>,
    penalty: Penalty,
    months: Option<u32>,
) -> Option<Additional> {
    tiers
        .filter(|t| t.admits(penalty, months))
        .map(|t| t.fine)
        .min()
}

/// Normalises an article number of 刑法: `264`, `第264条`, `第二百六十四条`,
/// `133之一`, `第一百三十三条之一`, `133之1` → `264` / `133之一`.
///
/// ```
/// use wenshu::dict::normalize_article;
/// assert_eq!(normalize_article("第一百三十三条之一").as_deref(), Some("133之一"));
/// assert_eq!(normalize_article("第264条").as_deref(), Some("264"));
/// assert_eq!(normalize_article("盗窃"), None);
/// ```
pub fn normalize_article(s: &str) -> Option<String> {
    let s = s.trim();
    let s = s.strip_prefix('第').unwrap_or(s);
    let (num, rest) = match s.find(['条', '之']) {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, ""),
    };
    let n = parse_number(num.trim())?;
    let rest = rest.strip_prefix('条').unwrap_or(rest);
    let suffix = match rest.strip_prefix('之') {
        None if rest.is_empty() => String::new(),
        None => return None,
        Some(x) => {
            let x = x.strip_suffix('条').unwrap_or(x);
            let k = parse_number(x)?;
            if k == 0 || k > 10 {
                return None;
            }
            format!(
                "之{}",
                ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"][k as usize - 1]
            )
        }
    };
    if n == 0 || n > 1000 {
        return None;
    }
    Some(format!("{n}{suffix}"))
}

/// Arabic or Chinese numerals (二百六十四, 一百零五) up to thousands.
fn parse_number(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    let (mut total, mut num) = (0u32, None::<u32>);
    for c in s.chars() {
        let d = match c {
            '零' | '〇' => Some(0),
            '一' => Some(1),
            '二' | '两' => Some(2),
            '三' => Some(3),
            '四' => Some(4),
            '五' => Some(5),
            '六' => Some(6),
            '七' => Some(7),
            '八' => Some(8),
            '九' => Some(9),
            _ => None,
        };
        if let Some(d) = d {
            num = Some(d);
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => return None,
        };
        total += num.unwrap_or(if unit == 10 { 1 } else { 0 }) * unit;
        num = None;
    }
    Some(total + num.unwrap_or(0))
}

// -------------------------------------------------------------------- loaders

fn split_list(s: &str) -> impl Iterator<Item = &str> {
    s.split([';', ',']).map(str::trim).filter(|x| !x.is_empty())
}

fn parse_provisions(t: &Table<'_>, line: usize, s: &str) -> Result<Vec<Provision>> {
    split_list(s)
        .map(|p| p.parse::<Provision>().map_err(|e| t.error(line, e)))
        .collect()
}

fn opt(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

fn opt_u8(t: &Table<'_>, line: usize, what: &str, s: &str) -> Result<Option<u8>> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    s.parse::<u8>()
        .map(Some)
        .map_err(|_| t.error(line, format!("{what} `{s}` is not a small number")))
}

fn load_charges(path: &Path, text: &str) -> Result<(Vec<Charge>, HashMap<String, usize>)> {
    let t = Table::parse(path, text, &["name", "articles", "status"])?;
    let mut charges = Vec::new();
    let mut index = HashMap::new();
    for r in t.rows() {
        let name = r.get("name").trim();
        if !name.ends_with('罪') {
            return Err(t.error(r.line, format!("charge name `{name}` does not end with 罪")));
        }
        let status = match r.get("status").trim() {
            "current" => ChargeStatus::Current,
            "renamed" => ChargeStatus::Renamed,
            "abolished" => ChargeStatus::Abolished,
            s => {
                return Err(t.error(
                    r.line,
                    format!("status `{s}` is not current, renamed or abolished"),
                ))
            }
        };
        let articles = split_list(r.get("articles"))
            .map(|a| {
                normalize_article(a).ok_or_else(|| t.error(r.line, format!("bad article `{a}`")))
            })
            .collect::<Result<Vec<_>>>()?;
        let mut provisions = parse_provisions(&t, r.line, r.get("provisions"))?;
        if provisions.is_empty() {
            provisions = articles
                .iter()
                .map(|a| Provision {
                    article: a.clone(),
                    clause: None,
                    item: None,
                })
                .collect();
        }
        let replaced_by: Vec<String> = split_list(r.get("replaced_by"))
            .map(str::to_string)
            .collect();
        if status == ChargeStatus::Renamed && replaced_by.is_empty() {
            return Err(t.error(r.line, format!("renamed `{name}` has no replaced_by")));
        }
        let penalty_provisions = parse_provisions(&t, r.line, r.get("penalty_provisions"))?;
        if index.insert(name.to_string(), charges.len()).is_some() {
            return Err(t.error(r.line, format!("duplicate charge name `{name}`")));
        }
        charges.push(Charge {
            name: name.to_string(),
            articles,
            provisions,
            status,
            replaced_by,
            source: r.get("source").trim().to_string(),
            changed_by: opt(r.get("changed_by")),
            penalty_provisions,
            note: r.get("note").trim().to_string(),
        });
    }
    for r in t.rows() {
        let c = &charges[index[r.get("name").trim()]];
        for s in &c.replaced_by {
            match index.get(s) {
                Some(&j) if charges[j].status == ChargeStatus::Current => {}
                _ => {
                    return Err(t.error(
                        r.line,
                        format!("replaced_by `{s}` is not a current charge name"),
                    ))
                }
            }
        }
    }
    Ok((charges, index))
}

fn load_aliases(
    path: &Path,
    text: &str,
    charges: &[Charge],
    charge_index: &HashMap<String, usize>,
) -> Result<(Vec<Alias>, HashMap<String, usize>)> {
    let t = Table::parse(path, text, &["alias", "official", "kind"])?;
    let mut aliases = Vec::new();
    let mut index = HashMap::new();
    for r in t.rows() {
        let alias = r.get("alias").trim();
        let official = r.get("official").trim();
        if !alias.ends_with('罪') {
            return Err(t.error(r.line, format!("alias `{alias}` does not end with 罪")));
        }
        match charge_index.get(official) {
            Some(&i) if charges[i].status == ChargeStatus::Current => {}
            _ => return Err(t.error(r.line, format!("`{official}` is not a current charge name"))),
        }
        if charge_index.contains_key(alias) {
            return Err(t.error(
                r.line,
                format!("alias `{alias}` is an official charge name"),
            ));
        }
        let kind = match r.get("kind").trim() {
            "selective" => WrittenKind::Selective,
            "short" => WrittenKind::Short,
            "old" => WrittenKind::Old,
            "variant" => WrittenKind::Variant,
            k => {
                return Err(t.error(
                    r.line,
                    format!("kind `{k}` is not selective, short, old or variant"),
                ))
            }
        };
        if index.insert(alias.to_string(), aliases.len()).is_some() {
            return Err(t.error(r.line, format!("duplicate alias `{alias}`")));
        }
        aliases.push(Alias {
            alias: alias.to_string(),
            official: official.to_string(),
            kind,
            note: r.get("note").trim().to_string(),
        });
    }
    Ok((aliases, index))
}

fn article_key(a: &str) -> (u32, u32) {
    match a.split_once('之') {
        Some((n, k)) => (n.parse().unwrap_or(u32::MAX), parse_number(k).unwrap_or(0)),
        None => (a.parse().unwrap_or(u32::MAX), 0),
    }
}

type TierIndex = HashMap<String, Range<usize>>;

fn load_penalties(path: &Path, text: &str) -> Result<(Vec<PenaltyTier>, TierIndex)> {
    let t = Table::parse(
        path,
        text,
        &[
            "article",
            "clause",
            "tier",
            "min_months",
            "max_months",
            "allows",
            "fine",
        ],
    )?;
    let mut tiers = Vec::new();
    for r in t.rows() {
        let a = r.get("article");
        let article =
            normalize_article(a).ok_or_else(|| t.error(r.line, format!("bad article `{a}`")))?;
        let clause = opt_u8(&t, r.line, "clause", r.get("clause"))?;
        let tier = opt_u8(&t, r.line, "tier", r.get("tier"))?.unwrap_or(1);
        let months = |col: &str| -> Result<Option<u16>> {
            let s = r.get(col).trim();
            if s.is_empty() {
                return Ok(None);
            }
            s.parse::<u16>()
                .map(Some)
                .map_err(|_| t.error(r.line, format!("{col} `{s}` is not a number of months")))
        };
        let (min_months, max_months) = (months("min_months")?, months("max_months")?);
        if let (Some(lo), Some(hi)) = (min_months, max_months) {
            if lo > hi {
                return Err(t.error(r.line, format!("min_months {lo} > max_months {hi}")));
            }
        }
        let mut allows = Vec::new();
        for p in split_list(r.get("allows")) {
            allows.push(
                Penalty::from_chinese(p)
                    .ok_or_else(|| t.error(r.line, format!("unknown penalty `{p}`")))?,
            );
        }
        if allows.contains(&Penalty::FixedTerm) != min_months.is_some() {
            return Err(t.error(
                r.line,
                "有期徒刑 in allows and min_months/max_months disagree",
            ));
        }
        let additional = |col: &str| -> Result<Additional> {
            let s = r.get(col).trim();
            types::parse_additional(s).ok_or_else(|| {
                t.error(
                    r.line,
                    format!("{col} `{s}` is not none, optional, alternative or mandatory"),
                )
            })
        };
        let via = match r.get("via").trim() {
            "" => None,
            v => Some(v.parse::<Provision>().map_err(|e| t.error(r.line, e))?),
        };
        tiers.push(PenaltyTier {
            article,
            clause,
            tier,
            condition: r.get("condition").trim().to_string(),
            min_months,
            max_months,
            allows,
            fine: additional("fine")?,
            confiscation: additional("confiscation")?,
            via,
        });
    }
    tiers.sort_by(|x, y| {
        article_key(&x.article)
            .cmp(&article_key(&y.article))
            .then(x.clause.cmp(&y.clause))
            .then(x.tier.cmp(&y.tier))
    });
    let mut index: TierIndex = HashMap::new();
    let mut i = 0;
    while i < tiers.len() {
        let j = i + tiers[i..]
            .iter()
            .take_while(|t| t.article == tiers[i].article)
            .count();
        index.insert(tiers[i].article.clone(), i..j);
        i = j;
    }
    Ok((tiers, index))
}

/// The basis of a circumstance tag: law, article, clause, note.
type Basis = (Option<String>, Option<String>, Option<u8>, String);

type CompiledPatterns = (Vec<CircumstancePattern>, Vec<(usize, Regex)>);

fn load_circumstances(path: &Path, text: &str) -> Result<CompiledPatterns> {
    let t = Table::parse(path, text, &["tag", "pattern", "match", "polarity"])?;
    let mut out: Vec<CircumstancePattern> = Vec::new();
    let mut regexes = Vec::new();
    let mut basis: HashMap<String, Basis> = HashMap::new();
    for r in t.rows() {
        let tag = r.get("tag").trim();
        let pattern = r.get("pattern");
        if tag.is_empty() || pattern.is_empty() {
            return Err(t.error(r.line, "empty tag or pattern"));
        }
        let regex = match r.get("match").trim() {
            "literal" | "" => false,
            "regex" => true,
            m => return Err(t.error(r.line, format!("match `{m}` is not literal or regex"))),
        };
        if regex {
            let re = Regex::new(pattern)
                .map_err(|e| t.error(r.line, format!("pattern `{pattern}`: {e}")))?;
            regexes.push((out.len(), re));
        }
        let polarity = match r.get("polarity").trim() {
            "pos" | "" => Polarity::Assert,
            "neg" => Polarity::Deny,
            p => return Err(t.error(r.line, format!("polarity `{p}` is not pos or neg"))),
        };
        let law = opt(r.get("law"));
        let article = match opt(r.get("article")) {
            Some(a) => Some(
                normalize_article(&a)
                    .ok_or_else(|| t.error(r.line, format!("bad article `{a}`")))?,
            ),
            None => None,
        };
        let clause = opt_u8(&t, r.line, "clause", r.get("clause"))?;
        let note = r.get("note").trim().to_string();
        let b = basis
            .entry(tag.to_string())
            .or_insert_with(|| (law.clone(), article.clone(), clause, note.clone()));
        let (law, article, clause, note) = if law.is_some() || article.is_some() {
            (
                law,
                article,
                clause,
                if note.is_empty() { b.3.clone() } else { note },
            )
        } else {
            (
                b.0.clone(),
                b.1.clone(),
                b.2,
                if note.is_empty() { b.3.clone() } else { note },
            )
        };
        out.push(CircumstancePattern {
            tag: tag.to_string(),
            pattern: pattern.to_string(),
            regex,
            polarity,
            law,
            article,
            clause,
            note,
        });
    }
    Ok((out, regexes))
}

fn load_amendments(path: &Path, text: &str) -> Result<Vec<Amendment>> {
    let t = Table::parse(path, text, &["article", "amendment", "effective"])?;
    let mut out = Vec::new();
    for r in t.rows() {
        let e = r.get("effective").trim();
        let effective = crate::primitives::Date::parse_iso(e)
            .filter(crate::primitives::Date::is_full)
            .ok_or_else(|| {
                t.error(
                    r.line,
                    format!("effective `{e}` is not a date (YYYY-MM-DD)"),
                )
            })?;
        out.push(Amendment {
            article: r.get("article").trim().to_string(),
            amendment: r.get("amendment").trim().to_string(),
            effective,
        });
    }
    Ok(out)
}

fn load_deadlines(path: &Path, text: &str) -> Result<(Vec<Deadline>, HashMap<String, usize>)> {
    let t = Table::parse(path, text, &["key", "value", "unit"])?;
    let mut out = Vec::new();
    let mut index = HashMap::new();
    for r in t.rows() {
        let key = r.get("key").trim();
        let v = r.get("value").trim();
        let value: f64 = v
            .parse()
            .ok()
            .filter(|x: &f64| x.is_finite() && *x >= 0.0)
            .ok_or_else(|| t.error(r.line, format!("value `{v}` is not a number")))?;
        let unit = match r.get("unit").trim() {
            "day" => DeadlineUnit::Day,
            "month" => DeadlineUnit::Month,
            "year" => DeadlineUnit::Year,
            "ratio" => DeadlineUnit::Ratio,
            u => {
                return Err(t.error(
                    r.line,
                    format!("unit `{u}` is not day, month, year or ratio"),
                ))
            }
        };
        if index.insert(key.to_string(), out.len()).is_some() {
            return Err(t.error(r.line, format!("duplicate key `{key}`")));
        }
        let a = r.get("article").trim();
        let article = if a.is_empty() {
            String::new()
        } else {
            normalize_article(a).ok_or_else(|| t.error(r.line, format!("bad article `{a}`")))?
        };
        out.push(Deadline {
            key: key.to_string(),
            value,
            unit,
            law: r.get("law").trim().to_string(),
            article,
            clause: opt_u8(&t, r.line, "clause", r.get("clause"))?,
            note: r.get("note").trim().to_string(),
        });
    }
    Ok((out, index))
}
