//! Offset maps: from byte offsets of a derived text back to the text it came from.

use serde::{Deserialize, Serialize};

/// One stretch of the derived text and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Segment {
    norm_start: usize,
    orig_start: usize,
    norm_len: usize,
    orig_len: usize,
    /// Copied byte for byte (offsets inside map one to one) or replaced as a whole.
    identity: bool,
}

/// Maps byte offsets of a normalised text to the original text.
///
/// Built while normalising: stretches copied unchanged are one segment each,
/// replaced or deleted characters are segments of their own, so the map stays
/// small for ordinary text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OffsetMap {
    segments: Vec<Segment>,
    norm_len: usize,
    orig_len: usize,
}

impl OffsetMap {
    fn push(&mut self, seg: Segment) {
        if let Some(last) = self.segments.last_mut() {
            if last.identity
                && seg.identity
                && last.norm_start + last.norm_len == seg.norm_start
                && last.orig_start + last.orig_len == seg.orig_start
            {
                last.norm_len += seg.norm_len;
                last.orig_len += seg.orig_len;
                return;
            }
        }
        self.segments.push(seg);
    }

    fn cursor(&self) -> (usize, usize) {
        self.segments.last().map_or((0, 0), |s| {
            (s.norm_start + s.norm_len, s.orig_start + s.orig_len)
        })
    }

    /// Copies `original[from..to]` unchanged to `out`.
    pub(crate) fn copy(&mut self, out: &mut String, original: &str, from: usize, to: usize) {
        self.skip_to(from);
        out.push_str(&original[from..to]);
        let (n, _) = self.cursor();
        self.push(Segment {
            norm_start: n,
            orig_start: from,
            norm_len: to - from,
            orig_len: to - from,
            identity: true,
        });
    }

    /// Writes `with` to `out` in place of `original[from..to]`.
    pub(crate) fn replace(&mut self, out: &mut String, with: &str, from: usize, to: usize) {
        self.skip_to(from);
        let (n, _) = self.cursor();
        out.push_str(with);
        self.push(Segment {
            norm_start: n,
            orig_start: from,
            norm_len: with.len(),
            orig_len: to - from,
            identity: false,
        });
    }

    /// Drops the original text up to `to` (exclusive) from the output.
    pub(crate) fn delete_to(&mut self, to: usize) {
        let (n, o) = self.cursor();
        if to > o {
            self.push(Segment {
                norm_start: n,
                orig_start: o,
                norm_len: 0,
                orig_len: to - o,
                identity: false,
            });
        }
    }

    fn skip_to(&mut self, from: usize) {
        self.delete_to(from);
    }

    pub(crate) fn finish(&mut self, norm_len: usize, orig_len: usize) {
        self.delete_to(orig_len);
        self.norm_len = norm_len;
        self.orig_len = orig_len;
    }

    /// The original offset where the character at normalised offset `pos` starts.
    pub fn to_original(&self, pos: usize) -> usize {
        let idx = self
            .segments
            .partition_point(|s| s.norm_start + s.norm_len <= pos);
        match self.segments[idx..].iter().find(|s| s.norm_len > 0) {
            Some(s) if s.identity => s.orig_start + (pos - s.norm_start).min(s.orig_len),
            Some(s) => s.orig_start,
            None => self.orig_len,
        }
    }

    /// The original offset where a span ending at normalised offset `pos` ends.
    pub fn to_original_end(&self, pos: usize) -> usize {
        if pos == 0 {
            return self
                .segments
                .first()
                .filter(|s| s.norm_len == 0)
                .map_or(0, |_| 0);
        }
        let idx = self
            .segments
            .partition_point(|s| s.norm_start + s.norm_len < pos);
        match self.segments.get(idx) {
            Some(s) if s.identity => s.orig_start + (pos - s.norm_start),
            Some(s) => s.orig_start + s.orig_len,
            None => self.orig_len,
        }
    }

    /// Maps a normalised byte range to the original byte range it came from.
    pub fn to_original_range(&self, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
        if range.is_empty() {
            let p = self.to_original(range.start);
            return p..p;
        }
        self.to_original(range.start)..self.to_original_end(range.end)
    }
}
