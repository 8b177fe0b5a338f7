//! Compiling the crate's own regular expressions.

use regex::Regex;

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
