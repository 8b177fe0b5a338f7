//! Stream decoding under a per-document budget of decompressed bytes.
//!
//! FlateDecode (by far the most common filter) is inflated here through a bounded reader,
//! so a decompression bomb never allocates more than the remaining budget; other filters
//! go through lopdf's bounded decoders.

use lopdf::{DecompressError, Object, Stream};
use std::borrow::Cow;
use std::io::Read;

/// The decompressed bytes still allowed for one document.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Budget {
    /// Bytes used so far.
    pub used: u64,
    /// The limit (`Limits::max_decompressed_bytes`).
    pub max: u64,
}

/// Why a stream could not be decoded.
#[derive(Debug)]
pub(crate) enum DecodeError {
    /// The budget would be exceeded; the value is a lower bound of the bytes needed in all.
    Limit(u64),
    /// The data cannot be decoded (unsupported filter, corrupt data).
    Failed(String),
}

impl Budget {
    fn remaining(&self) -> u64 {
        self.max.saturating_sub(self.used)
    }

    /// Counts `n` more bytes against the budget.
    pub(crate) fn charge(&mut self, n: u64) -> Result<(), DecodeError> {
        let total = self.used.saturating_add(n);
        if total > self.max {
            return Err(DecodeError::Limit(total));
        }
        self.used = total;
        Ok(())
    }

    /// Decodes a stream's data, charging its decoded size.
    pub(crate) fn decode<'d>(&mut self, stream: &'d Stream) -> Result<Cow<'d, [u8]>, DecodeError> {
        let filters = match stream.dict.get(b"Filter") {
            Err(_) | Ok(Object::Null) => Vec::new(),
            Ok(_) => stream
                .filters()
                .map_err(|e| DecodeError::Failed(format!("bad /Filter: {e}")))?,
        };
        if filters.is_empty() {
            self.charge(stream.content.len() as u64)?;
            return Ok(Cow::Borrowed(&stream.content));
        }
        let plain_flate =
            matches!(filters.as_slice(), [b"FlateDecode"] | [b"Fl"]) && !has_predictor(stream);
        let remaining = self.remaining();
        let data = if plain_flate {
            inflate_bounded(&stream.content, remaining)?
        } else {
            let limit = usize::try_from(remaining).unwrap_or(usize::MAX);
            match stream.decompressed_content_with_limit(limit) {
                Ok(d) => d,
                Err(lopdf::Error::Decompress(DecompressError::MemoryLimitExceeded { .. })) => {
                    return Err(DecodeError::Limit(self.max.saturating_add(1)));
                }
                Err(e) => return Err(DecodeError::Failed(e.to_string())),
            }
        };
        self.charge(data.len() as u64)?;
        Ok(Cow::Owned(data))
    }
}

fn has_predictor(stream: &Stream) -> bool {
    let params = match stream.dict.get(b"DecodeParms") {
        Ok(Object::Dictionary(d)) => Some(d),
        Ok(Object::Array(a)) => a.first().and_then(|o| o.as_dict().ok()),
        _ => None,
    };
    params
        .and_then(|d| d.get(b"Predictor").ok())
        .and_then(|p| p.as_i64().ok())
        .is_some_and(|p| p > 1)
}

/// Inflates zlib (or, failing that, raw deflate) data, reading at most `max + 1` bytes.
fn inflate_bounded(input: &[u8], max: u64) -> Result<Vec<u8>, DecodeError> {
    let mut out = Vec::new();
    let zlib = read_bounded(flate2::read::ZlibDecoder::new(input), max, &mut out);
    if zlib.is_err() && out.is_empty() && input.len() > 2 {
        // Some producers write raw deflate data or a broken zlib header.
        let _ = read_bounded(
            flate2::read::DeflateDecoder::new(&input[2..]),
            max,
            &mut out,
        );
    }
    if out.len() as u64 > max {
        return Err(DecodeError::Limit(max.saturating_add(1)));
    }
    // A corrupt tail keeps what was inflated before it (best effort, as viewers do).
    Ok(out)
}

/// Reads `reader` into `out` until the end or `max + 1` bytes, growing `out` by at most
/// that much (never by doubling past the limit).
fn read_bounded<R: Read>(reader: R, max: u64, out: &mut Vec<u8>) -> std::io::Result<()> {
    let cap = usize::try_from(max.saturating_add(1)).unwrap_or(usize::MAX);
    let mut reader = reader.take(cap as u64);
    let mut chunk = [0u8; 32 * 1024];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if out.capacity() - out.len() < n {
            let want = out
                .len()
                .saturating_mul(2)
                .max(out.len() + n)
                .max(64 * 1024)
                .min(cap);
            out.reserve_exact(want.saturating_sub(out.len()).max(n));
        }
        out.extend_from_slice(&chunk[..n]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::Dictionary;
    use std::io::Write;

    fn flate(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn bounded_inflate() {
        let mut dict = Dictionary::new();
        dict.set("Filter", "FlateDecode");
        let s = Stream::new(dict, flate(&vec![0u8; 100_000]));
        let mut b = Budget {
            used: 0,
            max: 150_000,
        };
        assert_eq!(b.decode(&s).unwrap().len(), 100_000);
        assert!(matches!(b.decode(&s), Err(DecodeError::Limit(_))));
    }

    #[test]
    fn plain_stream_is_borrowed() {
        let s = Stream::new(Dictionary::new(), b"BT ET".to_vec());
        let mut b = Budget { used: 0, max: 10 };
        assert!(matches!(b.decode(&s), Ok(Cow::Borrowed(_))));
        assert_eq!(b.used, 5);
    }
}
