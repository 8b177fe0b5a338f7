//! The records of the dictionaries.

use std::fmt;

use serde::Serialize;

/// Where a charge name stands: in force, replaced by another name, or removed.
///
/// ```
/// use wenshu::dict::{ChargeStatus, Dictionaries};
/// let d = Dictionaries::builtin();
/// assert_eq!(d.charge("投毒罪").unwrap().status, ChargeStatus::Renamed);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChargeStatus {
    /// An official charge name in force.
    Current,
    /// Replaced by one or more later names (also where it was merged into another charge).
    Renamed,
    /// Removed without a successor (嫖宿幼女罪).
    Abolished,
}

/// A provision of 刑法: an article, optionally a 款 (clause) and a 项 (item).
///
/// Displayed in the compact form of the dictionary files: `264`, `115-1`, `155#3`.
///
/// ```
/// use wenshu::dict::Provision;
/// let p: Provision = "115-1".parse().unwrap();
/// assert_eq!(p.article, "115");
/// assert_eq!(p.clause, Some(1));
/// assert_eq!(p.to_string(), "115-1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Provision {
    /// The article: `264`, `133之一`.
    pub article: String,
    /// The 款, 1-based.
    pub clause: Option<u8>,
    /// The 项, 1-based.
    pub item: Option<u8>,
}

impl fmt::Display for Provision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.article)?;
        if let Some(c) = self.clause {
            write!(f, "-{c}")?;
        }
        if let Some(i) = self.item {
            write!(f, "#{i}")?;
        }
        Ok(())
    }
}

impl std::str::FromStr for Provision {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let (rest, item) = match s.split_once('#') {
            Some((r, i)) => (
                r,
                Some(i.parse::<u8>().map_err(|_| format!("bad 项 in `{s}`"))?),
            ),
            None => (s, None),
        };
        let (article, clause) = match rest.split_once('-') {
            Some((a, c)) => (
                a,
                Some(c.parse::<u8>().map_err(|_| format!("bad 款 in `{s}`"))?),
            ),
            None => (rest, None),
        };
        let article =
            super::normalize_article(article).ok_or_else(|| format!("bad article `{s}`"))?;
        Ok(Provision {
            article,
            clause,
            item,
        })
    }
}

/// One charge name of `charges.tsv`: official now or at some time since 1997.
///
/// ```
/// let d = wenshu::dict::Dictionaries::builtin();
/// let c = d.charge_record("盗窃罪").unwrap();
/// assert_eq!(c.articles, ["264"]);
/// assert_eq!(c.source, "1997意见");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Charge {
    /// The official name, with 罪.
    pub name: String,
    /// The 刑法 articles (article level), in citation order.
    pub articles: Vec<String>,
    /// The citation with 款 and 项.
    pub provisions: Vec<Provision>,
    /// Current, renamed or abolished.
    pub status: ChargeStatus,
    /// For a renamed name: the current name(s) it leads to.
    pub replaced_by: Vec<String>,
    /// The instrument in which the name first appears (`1997意见`, `2021补充规定（七）`).
    pub source: String,
    /// The instrument that renamed or abolished it.
    pub changed_by: Option<String>,
    /// The provisions that define its statutory penalty (see `penalties.tsv`).
    pub penalty_provisions: Vec<Provision>,
    /// How the row was derived, where not read directly.
    pub note: String,
}

/// How a written form relates to the charge it names.
///
/// ```
/// use wenshu::dict::{Dictionaries, WrittenKind};
/// let d = Dictionaries::builtin();
/// assert_eq!(d.charge("贩卖毒品罪").unwrap().kind, WrittenKind::Selective);
/// assert_eq!(d.charge("盗窃罪").unwrap().kind, WrittenKind::Official);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WrittenKind {
    /// The written form is an official name (current or not).
    Official,
    /// A component of a selective charge name (选择性罪名): a legitimate conviction name.
    Selective,
    /// A shortened or colloquial form.
    Short,
    /// A component of a renamed name.
    Old,
    /// A typing variant (、 left out, half-width brackets, a misprint).
    Variant,
}

/// One row of `charge_aliases.tsv`.
///
/// ```
/// let d = wenshu::dict::Dictionaries::builtin();
/// assert!(d.aliases().iter().any(|a| a.alias == "非法持有枪支罪"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Alias {
    /// The written form.
    pub alias: String,
    /// The current official name it stands for.
    pub official: String,
    /// Selective component, short form, old component or variant.
    pub kind: WrittenKind,
    /// Where it comes from.
    pub note: String,
}

/// A written charge name resolved against the dictionary.
///
/// ```
/// use wenshu::dict::{ChargeStatus, Dictionaries};
/// let d = Dictionaries::builtin();
/// let r = d.charge("非法持有枪支罪").unwrap();
/// assert_eq!(r.written, "非法持有枪支罪");
/// assert_eq!(r.official, Some("非法持有、私藏枪支、弹药罪"));
/// assert_eq!(r.status, ChargeStatus::Current);
/// assert_eq!(r.articles, ["128"]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ChargeRef<'a> {
    /// The form as written (for [`Dictionaries::charge`], after trimming).
    pub written: &'a str,
    /// How the written form relates to `name`.
    pub kind: WrittenKind,
    /// The official name the written form denotes directly (an old name stays old).
    pub name: &'a str,
    /// The status of `name`.
    pub status: ChargeStatus,
    /// The current official name: `name` itself when current, its successor when
    /// renamed to exactly one name; `None` when abolished or split in two.
    pub official: Option<&'a str>,
    /// For a renamed `name`: every current name it leads to.
    pub replaced_by: &'a [String],
    /// The articles of `name`.
    pub articles: &'a [String],
    /// The full record of `name`.
    #[serde(skip)]
    pub record: &'a Charge,
}

/// A charge name found in a text by [`Dictionaries::find_charges`].
///
/// ```
/// let d = wenshu::dict::Dictionaries::builtin();
/// let text = "被告人犯盗窃罪";
/// let m = d.find_charges(text).next().unwrap();
/// assert_eq!(&text[m.start..m.end], "盗窃罪");
/// assert_eq!(m.charge.official, Some("盗窃罪"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ChargeMatch<'a> {
    /// Byte offset of the first byte of the match.
    pub start: usize,
    /// Byte offset one past the match.
    pub end: usize,
    /// What was matched and what it means.
    #[serde(flatten)]
    pub charge: ChargeRef<'a>,
}

/// A principal penalty (or a penalty that may stand alone) of 刑法 §33–34.
///
/// ```
/// use wenshu::dict::Penalty;
/// assert_eq!(Penalty::from_chinese("拘役"), Some(Penalty::CriminalDetention));
/// assert_eq!(Penalty::FixedTerm.chinese(), "有期徒刑");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Penalty {
    /// 管制 (public surveillance).
    #[serde(rename = "管制")]
    Control,
    /// 拘役 (criminal detention).
    #[serde(rename = "拘役")]
    CriminalDetention,
    /// 有期徒刑 (fixed-term imprisonment).
    #[serde(rename = "有期徒刑")]
    FixedTerm,
    /// 无期徒刑 (life imprisonment).
    #[serde(rename = "无期徒刑")]
    Life,
    /// 死刑 (death).
    #[serde(rename = "死刑")]
    Death,
    /// 剥夺政治权利 imposed alone.
    #[serde(rename = "剥夺政治权利")]
    PoliticalRights,
    /// 罚金 imposed alone (单处罚金).
    #[serde(rename = "罚金")]
    Fine,
}

impl Penalty {
    /// The Chinese name.
    ///
    /// ```
    /// assert_eq!(wenshu::dict::Penalty::Death.chinese(), "死刑");
    /// ```
    pub fn chinese(self) -> &'static str {
        match self {
            Penalty::Control => "管制",
            Penalty::CriminalDetention => "拘役",
            Penalty::FixedTerm => "有期徒刑",
            Penalty::Life => "无期徒刑",
            Penalty::Death => "死刑",
            Penalty::PoliticalRights => "剥夺政治权利",
            Penalty::Fine => "罚金",
        }
    }

    /// Reads the Chinese name (死刑缓期二年执行 counts as 死刑).
    ///
    /// ```
    /// use wenshu::dict::Penalty;
    /// assert_eq!(Penalty::from_chinese("死刑缓期二年执行"), Some(Penalty::Death));
    /// assert_eq!(Penalty::from_chinese("缓刑"), None);
    /// ```
    pub fn from_chinese(s: &str) -> Option<Penalty> {
        Some(match s.trim() {
            "管制" => Penalty::Control,
            "拘役" => Penalty::CriminalDetention,
            "有期徒刑" => Penalty::FixedTerm,
            "无期徒刑" => Penalty::Life,
            "死刑" | "死刑缓期二年执行" | "死刑缓期执行" | "死缓" => {
                Penalty::Death
            }
            "剥夺政治权利" => Penalty::PoliticalRights,
            "罚金" => Penalty::Fine,
            _ => return None,
        })
    }
}

/// Whether a tier adds a fine (罚金) or a confiscation (没收财产).
///
/// Ordered from the weakest to the strictest requirement.
///
/// ```
/// use wenshu::dict::Additional;
/// assert!(Additional::Optional < Additional::Mandatory);
/// assert!(Additional::Mandatory.is_required());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Additional {
    /// Not provided for.
    None,
    /// May be added (可以并处; 并处或者单处 — may also stand alone).
    Optional,
    /// One of fine and confiscation must be added (并处罚金或者没收财产).
    Alternative,
    /// Must be added (并处罚金 / 并处没收财产).
    Mandatory,
}

impl Additional {
    /// `true` for [`Additional::Mandatory`].
    ///
    /// ```
    /// assert!(!wenshu::dict::Additional::Alternative.is_required());
    /// ```
    pub fn is_required(self) -> bool {
        self == Additional::Mandatory
    }

    fn parse(s: &str) -> Option<Additional> {
        Some(match s {
            "none" | "" => Additional::None,
            "optional" => Additional::Optional,
            "alternative" => Additional::Alternative,
            "mandatory" => Additional::Mandatory,
            _ => return None,
        })
    }
}

pub(crate) fn parse_additional(s: &str) -> Option<Additional> {
    Additional::parse(s)
}

/// An article rewritten by an amendment of 刑法, from `amendments.tsv`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Amendment {
    /// The article (`271`, `133之一`).
    pub article: String,
    /// The amending instrument (`刑法修正案（十一）`).
    pub amendment: String,
    /// When the rewrite took effect.
    pub effective: crate::primitives::Date,
}

/// One statutory penalty tier (量刑幅度) of `penalties.tsv`.
///
/// ```
/// use wenshu::dict::{Additional, Dictionaries, Penalty};
/// let d = Dictionaries::builtin();
/// let t = &d.penalty_tiers("264")[0];
/// assert_eq!(t.condition, "数额较大");
/// assert_eq!((t.min_months, t.max_months), (Some(6), Some(36)));
/// assert!(t.allows(Penalty::Control));
/// assert_eq!(t.fine, Additional::Optional);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PenaltyTier {
    /// The article: `264`, `133之一`.
    pub article: String,
    /// The 款, when the article has several.
    pub clause: Option<u8>,
    /// 1-based order within the article (or clause).
    pub tier: u8,
    /// A short label of the condition (数额较大, 情节严重 …).
    pub condition: String,
    /// Shortest 有期徒刑 of the tier, in months.
    pub min_months: Option<u16>,
    /// Longest 有期徒刑 of the tier, in months.
    pub max_months: Option<u16>,
    /// The penalties the tier allows as the sentence.
    pub allows: Vec<Penalty>,
    /// Fine requirement.
    pub fine: Additional,
    /// Confiscation requirement.
    pub confiscation: Additional,
    /// The provision whose tiers this clause applies (依照前款的规定处罚), if any.
    pub via: Option<Provision>,
}

impl PenaltyTier {
    /// Whether the tier allows `p` as the sentence.
    ///
    /// ```
    /// use wenshu::dict::{Dictionaries, Penalty};
    /// let d = Dictionaries::builtin();
    /// let t = &d.penalty_tiers("133之一")[0];
    /// assert!(t.allows(Penalty::CriminalDetention));
    /// assert!(!t.allows(Penalty::FixedTerm));
    /// ```
    pub fn allows(&self, p: Penalty) -> bool {
        self.allows.contains(&p)
    }

    /// Whether a sentence of `p` (with `months` for 有期徒刑) falls in this tier.
    /// For 有期徒刑 without a term, only the kind is checked.
    ///
    /// ```
    /// use wenshu::dict::{Dictionaries, Penalty};
    /// let d = Dictionaries::builtin();
    /// let tiers = d.penalty_tiers("264");
    /// assert!(tiers[1].admits(Penalty::FixedTerm, Some(48)));
    /// assert!(!tiers[0].admits(Penalty::FixedTerm, Some(48)));
    /// ```
    pub fn admits(&self, p: Penalty, months: Option<u32>) -> bool {
        if !self.allows(p) {
            return false;
        }
        match (p, months, self.min_months, self.max_months) {
            (Penalty::FixedTerm, Some(m), Some(lo), Some(hi)) => {
                (u32::from(lo)..=u32::from(hi)).contains(&m)
            }
            _ => true,
        }
    }
}

/// Whether a surface pattern asserts or denies a circumstance.
///
/// ```
/// use wenshu::dict::Polarity;
/// assert_ne!(Polarity::Assert, Polarity::Deny);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    /// The pattern asserts the circumstance (系累犯).
    Assert,
    /// The pattern denies it (不构成自首); a denial overrides an overlapping assertion.
    Deny,
}

/// One surface pattern of a sentencing circumstance (`circumstances.tsv`).
///
/// ```
/// let d = wenshu::dict::Dictionaries::builtin();
/// let p = d.circumstance_patterns("坦白").next().unwrap();
/// assert_eq!(p.article.as_deref(), Some("67"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CircumstancePattern {
    /// The circumstance: 累犯, 自首, 坦白 …
    pub tag: String,
    /// The surface form (a literal or a regular expression).
    pub pattern: String,
    /// `true` when `pattern` is a regular expression.
    pub regex: bool,
    /// Assert or deny.
    pub polarity: Polarity,
    /// The law of the basis (`刑法`, `刑事诉讼法`), from the tag's first row.
    pub law: Option<String>,
    /// The article of the basis.
    pub article: Option<String>,
    /// The clause of the basis.
    pub clause: Option<u8>,
    /// The legal effect.
    pub note: String,
}

/// A circumstance found in a text by [`Dictionaries::find_circumstances`].
///
/// ```
/// use wenshu::dict::{Dictionaries, Polarity};
/// let d = Dictionaries::builtin();
/// let text = "被告人不构成自首";
/// let m = &d.find_circumstances(text)[0];
/// assert_eq!((m.tag, m.polarity), ("自首", Polarity::Deny));
/// assert_eq!(&text[m.start..m.end], "不构成自首");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CircumstanceMatch<'a> {
    /// Byte offset of the match.
    pub start: usize,
    /// Byte offset one past the match.
    pub end: usize,
    /// The circumstance.
    pub tag: &'a str,
    /// Assert or deny.
    pub polarity: Polarity,
    /// The pattern that matched.
    pub pattern: &'a str,
}

/// The unit of a [`Deadline`].
///
/// ```
/// use wenshu::dict::DeadlineUnit;
/// assert_eq!(DeadlineUnit::Day.chinese(), "日");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DeadlineUnit {
    /// Days.
    Day,
    /// Months.
    Month,
    /// Years.
    Year,
    /// A plain ratio (parole: half of the term).
    Ratio,
}

impl DeadlineUnit {
    /// The Chinese unit word.
    ///
    /// ```
    /// assert_eq!(wenshu::dict::DeadlineUnit::Month.chinese(), "个月");
    /// ```
    pub fn chinese(self) -> &'static str {
        match self {
            DeadlineUnit::Day => "日",
            DeadlineUnit::Month => "个月",
            DeadlineUnit::Year => "年",
            DeadlineUnit::Ratio => "",
        }
    }
}

/// A procedural deadline or general penalty bound of `deadlines.tsv`.
///
/// ```
/// use wenshu::dict::{Dictionaries, DeadlineUnit};
/// let d = Dictionaries::builtin();
/// let x = d.deadline("custody.arrest_decision").unwrap();
/// assert_eq!((x.whole(), x.unit), (Some(7), DeadlineUnit::Day));
/// assert_eq!(x.basis(), "刑事诉讼法第91条第3款");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Deadline {
    /// The dotted key.
    pub key: String,
    /// The number (1.5 for 一个半月).
    pub value: f64,
    /// Its unit.
    pub unit: DeadlineUnit,
    /// The law of the basis.
    pub law: String,
    /// The article of the basis.
    pub article: String,
    /// The clause of the basis.
    pub clause: Option<u8>,
    /// What the number bounds.
    pub note: String,
}

impl Deadline {
    /// The value when it is a whole number.
    ///
    /// ```
    /// let d = wenshu::dict::Dictionaries::builtin();
    /// assert_eq!(d.deadline("trial.summary.extended").unwrap().whole(), None); // 1.5 months
    /// assert_eq!(d.deadline("penalty.fixed_term.max").unwrap().whole(), Some(180));
    /// ```
    pub fn whole(&self) -> Option<u32> {
        (self.value.fract() == 0.0 && self.value >= 0.0 && self.value <= f64::from(u32::MAX))
            .then_some(self.value as u32)
    }

    /// The basis as text: `刑法第38条第1款`.
    ///
    /// ```
    /// let d = wenshu::dict::Dictionaries::builtin();
    /// assert_eq!(d.deadline("penalty.control.max").unwrap().basis(), "刑法第38条第1款");
    /// ```
    pub fn basis(&self) -> String {
        let mut s = format!("{}第{}条", self.law, self.article);
        if let Some(c) = self.clause {
            s.push_str(&format!("第{c}款"));
        }
        s
    }
}
