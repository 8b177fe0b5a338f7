//! Compiling the crate's own regular expressions.

use regex::Regex;
use std::ops::Range;

/// Compiles a pattern written in this crate's source.
///
/// Every caller passes a literal (or a `format!` of literals) that the unit tests compile,
/// so a failure is a programming error, never a property of the input: this is the one
/// place where the crate turns an error into a panic on purpose.
#[allow(clippy::expect_used)]
pub(crate) fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("the crate's own regex patterns compile")
}

/// A pattern `P([class]{a,b})` whose capture group is its last element, a repeated
/// character class: the group is found without running the capture engine over the
/// repetition's automaton (one copy of the class per repetition, so thousands of states for a
/// large Unicode class, and a bitset of states × bytes cleared for every search).
///
/// `find` with the pattern gives the match; then `^P([class]{a,})$`, the same pattern with
/// the repetition unbounded and anchored to the match, is run on the match alone: its
/// automaton is small. The group is the same: the leftmost-first match takes the first way
/// through `P` (in priority order) after which the class repeats at least `a` times, and the
/// greedy group takes as many as it may; on the match text, the first way through `P` after
/// which the rest is the class `a` or more times is that same one, because any way before it
/// was followed by fewer than `a` characters of the class in the whole haystack already.
pub(crate) struct TailGroup {
    full: Regex,
    tail: Regex,
}

impl TailGroup {
    /// `prefix` is `P` (without capture groups, and with `^` only as an alternative at its very
    /// start, which a way through `P` on the match text can take only where the original
    /// did); `class` a bracketed class.
    pub(crate) fn new(prefix: &str, class: &str, min: usize, max: usize) -> TailGroup {
        TailGroup {
            full: re(&format!("(?:{prefix})({class}{{{min},{max}}})")),
            tail: re(&format!("^(?:{prefix})({class}{{{min},}})$")),
        }
    }

    /// The first match's group range in `hay`.
    pub(crate) fn find(&self, hay: &str) -> Option<std::ops::Range<usize>> {
        let m = self.full.find(hay)?;
        self.group(hay, m)
    }

    fn group(&self, hay: &str, m: regex::Match) -> Option<std::ops::Range<usize>> {
        let g = self.tail.captures(&hay[m.range()])?.get(1)?;
        Some(m.start() + g.start()..m.start() + g.end())
    }

    /// The group ranges of every match, as `captures_iter` gives them.
    pub(crate) fn find_iter<'h>(
        &'h self,
        hay: &'h str,
    ) -> impl Iterator<Item = std::ops::Range<usize>> + 'h {
        self.full
            .find_iter(hay)
            .filter_map(move |m| self.group(hay, m))
    }

    /// The pattern with the bounded repetition, as written.
    #[cfg(test)]
    pub(crate) fn regex(&self) -> &Regex {
        &self.full
    }
}

/// A leftmost-longest matcher of a document's person names, built per document.
///
/// A document names a handful of persons, searched in a few short passages: one `memmem`
/// searcher per name, the next occurrence of each remembered, costs a fraction of building an
/// Aho-Corasick automaton (a dense start state and a prefilter) for every document.
pub(crate) struct NameMatcher {
    finders: Vec<memchr::memmem::Finder<'static>>,
}

impl NameMatcher {
    /// `None` when no name is non-empty.
    pub(crate) fn new(names: &[&str]) -> Option<NameMatcher> {
        let finders: Vec<_> = names
            .iter()
            .filter(|n| !n.is_empty())
            .map(|n| memchr::memmem::Finder::new(n.as_bytes()).into_owned())
            .collect();
        (!finders.is_empty()).then_some(NameMatcher { finders })
    }

    /// The first match in `hay`: the leftmost, and of those starting there the longest.
    pub(crate) fn find(&self, hay: &str) -> Option<NameMatch> {
        self.find_iter(hay).next()
    }

    /// The non-overlapping leftmost-longest matches in `hay`, in order.
    pub(crate) fn find_iter<'h>(&'h self, hay: &'h str) -> impl Iterator<Item = NameMatch> + 'h {
        // The next occurrence at or after `pos` of each name (`None`: none left).
        let mut next: Vec<Option<usize>> = self
            .finders
            .iter()
            .map(|f| f.find(hay.as_bytes()))
            .collect();
        let mut pos = 0;
        std::iter::from_fn(move || {
            for (i, f) in self.finders.iter().enumerate() {
                if next[i].is_some_and(|at| at < pos) {
                    next[i] = f.find(&hay.as_bytes()[pos..]).map(|at| pos + at);
                }
            }
            let (start, len) = next
                .iter()
                .zip(&self.finders)
                .filter_map(|(at, f)| at.map(|at| (at, f.needle().len())))
                .min_by_key(|&(at, len)| (at, std::cmp::Reverse(len)))?;
            pos = start + len;
            Some(NameMatch { start, end: pos })
        })
    }
}

/// Where a name was found: a byte range of the haystack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NameMatch {
    start: usize,
    end: usize,
}

impl NameMatch {
    pub(crate) fn start(&self) -> usize {
        self.start
    }

    pub(crate) fn end(&self) -> usize {
        self.end
    }

    pub(crate) fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// The characters of a charge name in a pattern: ideographs, 、, and the bracketed （境） and
/// （边） of 组织参与国（境）外赌博罪 or 偷越国（边）境罪. For `concat!` in the charge patterns.
macro_rules! charge_chars {
    () => {
        r"(?:[\p{Han}、]|（[境边]）)"
    };
}
pub(crate) use charge_chars;

/// One literal scan of a passage instead of a search per pattern and piece: each pattern's
/// prefix literals (every match of the pattern starts with one of them, as `regex-syntax`
/// extracts them for the regex crate's own prefilters) go into one Aho-Corasick automaton. A
/// piece of the passage in which none of a pattern's literals occurs cannot match it; one in
/// which an exact literal (a whole match) occurs does; the others are searched as before.
pub(crate) struct PrefixLiterals {
    ac: Option<aho_corasick::AhoCorasick>,
    /// Per literal of the automaton: (pattern, whether the literal is a whole match).
    owners: Vec<Vec<(usize, bool)>>,
    /// Patterns without a finite set of non-empty prefix literals: always searched.
    always: u64,
}

impl PrefixLiterals {
    /// At most 64 patterns; any beyond are always searched.
    pub(crate) fn new<'a>(patterns: impl IntoIterator<Item = &'a Regex>) -> PrefixLiterals {
        let mut lits: Vec<Vec<u8>> = Vec::new();
        let mut owners: Vec<Vec<(usize, bool)>> = Vec::new();
        let mut always = 0u64;
        for (i, re) in patterns.into_iter().enumerate().take(64) {
            let seq = regex_syntax::parse(re.as_str())
                .ok()
                .map(|hir| regex_syntax::hir::literal::Extractor::new().extract(&hir));
            let finite = seq
                .as_ref()
                .and_then(|s| s.literals())
                .filter(|l| !l.is_empty() && l.iter().all(|x| !x.is_empty()));
            let Some(list) = finite else {
                always |= 1 << i;
                continue;
            };
            for lit in list {
                let at = match lits.iter().position(|l| l == lit.as_bytes()) {
                    Some(at) => at,
                    None => {
                        lits.push(lit.as_bytes().to_vec());
                        owners.push(Vec::new());
                        lits.len() - 1
                    }
                };
                owners[at].push((i, lit.is_exact()));
            }
        }
        let ac = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::Standard)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&lits)
            .ok();
        if ac.is_none() {
            always = u64::MAX;
        }
        PrefixLiterals { ac, owners, always }
    }

    /// Whether the automaton was built (otherwise every pattern is always searched).
    #[cfg(test)]
    pub(crate) fn scans(&self) -> bool {
        self.ac.is_some()
    }

    /// The patterns searched in every piece, as a bit mask.
    #[cfg(test)]
    pub(crate) fn always(&self) -> u64 {
        self.always
    }

    /// Scans `text[range]` once; `pieces` are sorted, disjoint ranges of `text` inside it.
    pub(crate) fn candidates(
        &self,
        text: &str,
        range: &Range<usize>,
        pieces: &[Range<usize>],
    ) -> Candidates {
        let mut maybe = vec![self.always; pieces.len()];
        let mut sure = vec![0u64; pieces.len()];
        if let (Some(ac), Some(hay)) = (&self.ac, text.get(range.clone())) {
            for m in ac.find_overlapping_iter(hay) {
                let (start, end) = (range.start + m.start(), range.start + m.end());
                let pi = pieces.partition_point(|s| s.end <= start);
                let Some(s) = pieces.get(pi) else { continue };
                if start < s.start || end > s.end {
                    continue;
                }
                for &(p, exact) in &self.owners[m.pattern().as_usize()] {
                    maybe[pi] |= 1 << p;
                    if exact {
                        sure[pi] |= 1 << p;
                    }
                }
            }
        }
        Candidates { maybe, sure }
    }
}

/// Per piece of a passage: the patterns that may match it, and those known to match it.
pub(crate) struct Candidates {
    maybe: Vec<u64>,
    sure: Vec<u64>,
}

impl Candidates {
    /// Whether pattern `p` may match piece `pi` (if not, it certainly does not).
    pub(crate) fn may_match(&self, p: usize, pi: usize) -> bool {
        p >= 64 || self.maybe.get(pi).is_none_or(|m| m & (1 << p) != 0)
    }

    /// Whether pattern `p`, which is `re`, matches piece `pi`, which is `text[s]`.
    pub(crate) fn is_match(
        &self,
        p: usize,
        re: &Regex,
        text: &str,
        pi: usize,
        s: &Range<usize>,
    ) -> bool {
        let sure = p < 64 && self.sure.get(pi).is_some_and(|m| m & (1 << p) != 0);
        sure || (self.may_match(p, pi) && re.is_match(&text[s.clone()]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::LazyLock;

    /// What an Aho-Corasick automaton in leftmost-longest mode finds.
    fn automaton_matches(names: &[&str], hay: &str) -> Vec<Range<usize>> {
        let names: Vec<&str> = names.iter().copied().filter(|n| !n.is_empty()).collect();
        let Ok(ac) = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&names)
        else {
            return Vec::new();
        };
        ac.find_iter(hay).map(|m| m.range()).collect()
    }

    fn matches(names: &[&str], hay: &str) -> Vec<Range<usize>> {
        NameMatcher::new(names)
            .map_or_else(Vec::new, |m| m.find_iter(hay).map(|m| m.range()).collect())
    }

    #[test]
    fn names_are_found_leftmost_and_longest() {
        let names = ["张三", "张三丰", "三丰", "李四", ""];
        let hay = "被告人张三丰、张三和李四，三丰张张三";
        let got: Vec<&str> = matches(&names, hay).into_iter().map(|r| &hay[r]).collect();
        assert_eq!(got, ["张三丰", "张三", "李四", "三丰", "张三"]);
        assert!(NameMatcher::new(&["", ""]).is_none());
        let first = NameMatcher::new(&names).and_then(|m| m.find("李四与张三"));
        assert_eq!(first.map(|m| m.range()), Some(0..6));
    }

    proptest::proptest! {
        /// The literal scan answers as a search of each piece does, with literals that are
        /// prefixes of others, overlap others or cross the end of a piece.
        #[test]
        fn candidates_answer_as_searching_each_piece(hay in "[甲乙丙丁，]{0,40}") {
            static PATTERNS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
                ["甲乙", "甲乙丙", "乙丙", "丙+丁", "甲|丁丁", "乙[丙丁]{2}", "丁甲乙丙丁"]
                    .iter()
                    .map(|p| re(p))
                    .collect()
            });
            static LITERALS: LazyLock<PrefixLiterals> =
                LazyLock::new(|| PrefixLiterals::new(PATTERNS.iter()));
            let mut pieces = Vec::new();
            let mut start = 0;
            for (i, _) in hay.match_indices('，') {
                pieces.push(start..i);
                start = i + '，'.len_utf8();
            }
            pieces.push(start..hay.len());
            let cands = LITERALS.candidates(&hay, &(0..hay.len()), &pieces);
            for (p, re) in PATTERNS.iter().enumerate() {
                for (pi, piece) in pieces.iter().enumerate() {
                    let want = re.is_match(&hay[piece.clone()]);
                    proptest::prop_assert_eq!(cands.is_match(p, re, &hay, pi, piece), want);
                    proptest::prop_assert!(cands.may_match(p, pi) || !want);
                }
            }
        }

        /// The per-name searchers find exactly what the automaton finds.
        #[test]
        fn names_match_as_the_automaton_does(
            names in proptest::collection::vec("[甲乙丙丁]{0,3}", 1..5),
            hay in "[甲乙丙丁、，]{0,40}",
        ) {
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            proptest::prop_assert_eq!(matches(&names, &hay), automaton_matches(&names, &hay));
        }
    }
}
