//! Sections of a document: where the parties, the facts, the reasoning, the operative
//! part … begin and end. Works on real line structure and on text whose line breaks
//! were lost (paragraphs joined by spaces), because every marker is a phrase, not a layout.

use crate::classify::DocType;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::LazyLock;

/// The kinds of section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    /// Organ, title, number.
    Header,
    /// One paragraph per party (defendants, counsel, prosecutor).
    Parties,
    /// How the case came to this organ.
    Procedure,
    /// 公诉机关指控 (judgments).
    Allegation,
    /// 经审理查明 / 经依法审查查明.
    Facts,
    /// The evidence list.
    Evidence,
    /// 本院认为.
    Reasoning,
    /// 判决如下 / 裁定如下 / the decision of an arrest document.
    Operative,
    /// The sentencing recommendation (indictments, 量刑建议书).
    Recommendation,
    /// 如不服本判决… .
    AppealNotice,
    /// Judges or prosecutors, the date, the clerk.
    Signature,
    /// 附：… (statutes quoted, custody notes).
    Appendix,
}

/// A section and its byte span in the normalised text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Section {
    /// What it is.
    pub kind: SectionKind,
    /// Byte span in [`crate::Document::text`].
    pub span: Range<usize>,
}

/// The sections of one document, in order, covering the whole text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Sections(pub Vec<Section>);

impl Sections {
    /// The span of the first section of `kind`.
    pub fn get(&self, kind: SectionKind) -> Option<Range<usize>> {
        self.0
            .iter()
            .find(|s| s.kind == kind)
            .map(|s| s.span.clone())
    }

    /// The text of the first section of `kind`, or "".
    pub fn text<'t>(&self, text: &'t str, kind: SectionKind) -> &'t str {
        self.get(kind).map_or("", |r| &text[r])
    }

    /// The section containing byte `pos`.
    pub fn kind_at(&self, pos: usize) -> Option<SectionKind> {
        self.0
            .iter()
            .find(|s| s.span.contains(&pos))
            .map(|s| s.kind)
    }
}

struct Marker {
    kind: SectionKind,
    re: Regex,
    /// Whether the section starts after the match (判决如下：) rather than at the paragraph start.
    after: bool,
}

fn m(kind: SectionKind, pattern: &str, after: bool) -> Marker {
    Marker {
        kind,
        re: crate::pattern::re(pattern),
        after,
    }
}

static COURT: LazyLock<Vec<Marker>> = LazyLock::new(|| {
    use SectionKind::*;
    vec![
        m(
            Parties,
            r"(?:^|[\n 。])((?:原审)?(?:公诉机关|抗诉机关|自诉人|附带民事诉讼原告人|上诉人|被告单位|被告人|罪犯|申请人|被申请人))",
            false,
        ),
        m(
            Procedure,
            r"(?:以.{0,80}?(?:起诉书|起诉)|(?:向|于).{0,40}?本院提起公诉|本院受理后|提出上诉|审理了本案|审理终结|(?:报请|提请)本院)",
            false,
        ),
        m(
            Allegation,
            r"(?:公诉机关|检察院|起诉书|自诉人)(?:指控|起诉(?:称|指控))|原判认定|原审判决认定|原判决认定",
            false,
        ),
        m(
            Facts,
            r"经(?:本院)?(?:公开)?审理查明|本院(?:经审理)?查明|经审理，本院(?:认定|查明)|经审理认定|本院二审查明|二审(?:审理)?查明",
            false,
        ),
        m(
            Evidence,
            r"(?:上述|以上|前述)(?:犯罪)?事实[，,]?(?:有|已|经|并有|在开庭)|(?:认定|证实)上述(?:犯罪)?事实的证据|证据(?:如下|有)[：:]",
            false,
        ),
        m(Reasoning, r"本院认为", false),
        m(Operative, r"(?:判决|裁定|决定)如下[：:]?", true),
        m(
            AppealNotice,
            r"如不服本(?:判决|裁定)|本(?:判决|裁定)为终审(?:判决|裁定)|本(?:判决|裁定)(?:送达后)?即发生法律效力",
            false,
        ),
        m(
            Signature,
            r"(?:^|[\n 。）)])(?:审\s?判\s?长|审\s?判\s?员|代理审判员|人民陪审员|陪审员)",
            false,
        ),
        m(
            Appendix,
            r"(?:^|[\n 。])附[：:]|(?:^|[\n 。])附(?:本案|本判决|本裁定|相关|：?相关|录)|(?:^|[\n 。])(?:相关|本案|所适用的)法律条文",
            false,
        ),
    ]
});

static PROCURATORATE: LazyLock<Vec<Marker>> = LazyLock::new(|| {
    use SectionKind::*;
    vec![
        m(
            Parties,
            r"(?:^|[\n 。：:])(?:被告单位|被告人|犯罪嫌疑单位|犯罪嫌疑人|被不起诉人)",
            false,
        ),
        m(
            Procedure,
            r"本案由|(?:移送|移送本院)审查起诉|侦查终结|提请批准逮捕(?:[^期]|$)|你(?:局|单位|处)于|(?:^|[\n ])(?:犯罪嫌疑人|被告人)[^，,。\n]{1,60}?(?:涉嫌|犯)[^，,。\n]{0,60}?一案",
            false,
        ),
        m(
            Facts,
            r"经(?:依法)?审查(?:查明|认定)|经(?:本院)?审查[，,]?(?:查明|认定)|(?:经|现已)?侦查(?:查明|终结查明)|犯罪事实如下|涉嫌犯罪事实",
            false,
        ),
        m(
            Evidence,
            r"认定(?:上述|以上)(?:犯罪)?事实的证据|上述(?:犯罪)?事实[，,]?有|证据(?:如下|有)[：:]",
            false,
        ),
        m(
            Reasoning,
            r"本院认为|(?:经本院)?审查认为|本局认为|综上所述",
            false,
        ),
        m(
            Recommendation,
            r"(?:量刑建议|建议判处|建议对被告人|建议(?:法院|人民法院)?对|建议适用|提出(?:如下|以下)量刑建议)",
            false,
        ),
        m(
            Signature,
            r"(?:^|[\n 。])此\s?致|(?:^|[\n 。])(?:检察官|检察员|代理检察员|检察长|局长)",
            false,
        ),
        m(
            Appendix,
            r"(?:^|[\n 。])附[：:]|(?:^|[\n 。])附(?:件|注)",
            false,
        ),
    ]
});

/// Splits a document of type `ty` into sections.
///
/// ```
/// use wenshu::{segment, DocType, SectionKind};
/// let text = "某法院 刑事判决书 （2023）某0102刑初1号 公诉机关某检察院。 被告人张某，男。 \
///             某检察院以某检刑诉〔2023〕1号起诉书指控被告人张某犯盗窃罪。 经审理查明：… \
///             本院认为，… 判决如下： 被告人张某犯盗窃罪，判处拘役五个月。 \
///             如不服本判决，可在… 审判员 李某 二〇二三年四月十日 书记员 王某";
/// let s = segment(text, DocType::Judgment);
/// let op = s.text(text, SectionKind::Operative);
/// assert!(op.contains("判处拘役五个月") && !op.contains("如不服"));
/// ```
pub fn segment(text: &str, ty: DocType) -> Sections {
    let markers: &[Marker] = if ty.is_court() {
        &COURT
    } else {
        &PROCURATORATE
    };
    // Two anchors bound the search: the operative part (the last 判决如下) and the reasoning
    // (the first 本院认为 before it). Markers of earlier sections are searched only before the
    // reasoning, so that "公诉机关指控的罪名成立" inside the reasoning opens no allegation.
    let operative = markers
        .iter()
        .find(|m| m.kind == SectionKind::Operative)
        .and_then(|m| find_marker(text, m, 0, text.len(), 0));
    let op_limit = operative.unwrap_or(text.len());
    let reasoning = markers
        .iter()
        .find(|m| m.kind == SectionKind::Reasoning)
        .and_then(|m| find_marker(text, m, first_party_end(text, markers), op_limit, 0));
    let mut starts: Vec<(SectionKind, usize)> = vec![(SectionKind::Header, 0)];
    let mut cursor = 0;
    for marker in markers {
        let prev_start = starts.last().map_or(0, |&(_, s)| s);
        let found = match marker.kind {
            SectionKind::Reasoning => reasoning.filter(|&r| r >= cursor),
            SectionKind::Operative => operative.filter(|&o| o >= cursor),
            kind => {
                let limit = if kind < SectionKind::Reasoning {
                    reasoning.unwrap_or(op_limit)
                } else {
                    text.len()
                };
                find_marker(text, marker, cursor, limit.max(cursor), prev_start)
            }
        };
        let Some(found) = found else { continue };
        starts.push((marker.kind, found));
        cursor = found;
    }
    let mut out = Vec::with_capacity(starts.len());
    for (i, &(kind, start)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(text.len(), |&(_, s)| s);
        if end > start {
            out.push(Section {
                kind,
                span: start..end,
            });
        }
    }
    Sections(out)
}

/// Where the first party marker ends: the reasoning is never looked for before it.
fn first_party_end(text: &str, markers: &[Marker]) -> usize {
    markers
        .iter()
        .find(|m| m.kind == SectionKind::Parties)
        .and_then(|m| m.re.find(text))
        .map_or(0, |m| m.end())
}

fn find_marker(
    text: &str,
    marker: &Marker,
    from: usize,
    limit: usize,
    prev_start: usize,
) -> Option<usize> {
    // The first party may stand after the operative part (a damaged or odd text): then
    // there is nothing to search between them.
    let hay = text.get(from..limit)?;
    if marker.kind == SectionKind::Operative {
        // An appeal ruling quotes the first instance's 判决如下: the last one is this court's.
        let last = marker.re.find_iter(hay).last()?;
        return Some(skip_blank(text, from + last.end()));
    }
    // The last paragraph break before the current match, found incrementally: matches come
    // in order, so each byte is scanned once (a text without breaks was quadratic).
    let (mut scanned, mut last_break) = (from, None);
    for found in marker.re.find_iter(hay) {
        let abs_start = from + found.start();
        let abs_end = from + found.end();
        if marker.after {
            return Some(skip_blank(text, abs_end));
        }
        // Start at the beginning of the paragraph (line break or the space of a joined text).
        let matched = &text[abs_start..abs_end];
        let lead = matched.len()
            - matched
                .trim_start_matches(['\n', ' ', '。', '）', ')', '；'])
                .len();
        let at = abs_start + lead;
        if at > scanned {
            if let Some(p) = text[scanned..at].rfind(['\n', ' ']) {
                last_break = Some(scanned + p);
            }
            scanned = at;
        }
        let start = last_break.map_or(from, |p| p + 1);
        // A marker inside the paragraph that opened the previous section does not open a new one.
        if start > prev_start || prev_start == 0 && start > 0 {
            return Some(start);
        }
    }
    None
}

fn skip_blank(text: &str, mut at: usize) -> usize {
    while let Some(c) = text[at..].chars().next() {
        if c == ' ' || c == '\n' {
            at += 1;
        } else {
            break;
        }
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_on_its_own_line_starts_its_section_there() {
        // No blank lines between paragraphs: 此致 must not pull the reasoning into the signature.
        let text = "某区人民检察院\n起诉书\n某检刑诉〔2023〕1号\n被告人张某，男。\n本案由某局侦查终结。\n经依法审查查明：张某盗窃。\n本院认为，被告人张某应当以盗窃罪追究其刑事责任。\n此致\n某区人民法院\n检察员 王某\n2023年3月20日\n附：1.案卷一册。";
        let s = segment(text, DocType::Indictment);
        let reasoning = s.text(text, SectionKind::Reasoning);
        assert!(
            reasoning.starts_with("本院认为") && !reasoning.contains("此致"),
            "{reasoning:?}"
        );
        assert!(s.text(text, SectionKind::Signature).starts_with("此致"));
        let signature = s.text(text, SectionKind::Signature);
        assert!(signature.ends_with("2023年3月20日\n"), "{signature:?}");
        assert!(s.text(text, SectionKind::Appendix).starts_with("附："));
    }
}
