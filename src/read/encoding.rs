//! Text files: BOM → strict UTF-8 → detected legacy encoding (GBK/GB18030 in practice).

use super::{Format, RawText};
use crate::Result;
use encoding_rs::{Encoding, GB18030, UTF_8};

/// How many leading bytes are given to the detector: enough for any judgment header.
const DETECT_PREFIX: usize = 64 * 1024;

/// Decodes a text file. Never fails on content: undecodable bytes become U+FFFD with a warning.
pub(super) fn read_text(source: &str, bytes: &[u8]) -> Result<RawText> {
    let mut warnings = Vec::new();
    let text = decode(bytes, &mut warnings);
    Ok(RawText {
        source: source.to_string(),
        format: Format::Text,
        text: text.replace("\r\n", "\n").replace('\r', "\n"),
        pages: Vec::new(),
        warnings,
    })
}

/// Decodes bytes of unknown encoding to a string, recording guesses and replacements.
pub(crate) fn decode(bytes: &[u8], warnings: &mut Vec<String>) -> String {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            warnings.push(format!(
                "invalid {} sequences replaced by U+FFFD",
                enc.name()
            ));
        }
        return text.into_owned();
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    let enc = detect(bytes);
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if enc == UTF_8 {
        warnings.push("invalid UTF-8 sequences replaced by U+FFFD".into());
    } else if had_errors {
        warnings.push(format!(
            "decoded as {} (detected); invalid sequences replaced by U+FFFD",
            enc.name()
        ));
    }
    text.into_owned()
}

/// Guesses the encoding of bytes that are not valid UTF-8.
fn detect(bytes: &[u8]) -> &'static Encoding {
    // Mostly-valid UTF-8 with a few broken bytes is UTF-8 with damage, not GBK.
    let valid = utf8_valid_fraction(bytes);
    if valid > 0.98 && bytes.iter().filter(|&&b| b >= 0x80).count() > 16 {
        return UTF_8;
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    // `last = false`: a cut-off prefix must not be judged as complete (see the notes on GBK).
    det.feed(&bytes[..bytes.len().min(DETECT_PREFIX)], false);
    let guess = det.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    // GB18030 is a superset of GBK and gb2312: decode every Chinese guess with it.
    if guess.name() == "GBK" || guess.name() == "gb18030" {
        GB18030
    } else {
        guess
    }
}

/// Fraction of non-ASCII bytes that belong to well-formed UTF-8 sequences.
fn utf8_valid_fraction(bytes: &[u8]) -> f64 {
    let (mut good, mut bad) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                good += s.bytes().filter(|b| *b >= 0x80).count();
                break;
            }
            Err(e) => {
                let (ok, after) = rest.split_at(e.valid_up_to());
                good += ok.iter().filter(|b| **b >= 0x80).count();
                let skip = e.error_len().unwrap_or(after.len()).max(1);
                bad += skip;
                rest = &after[skip.min(after.len())..];
                if rest.is_empty() {
                    break;
                }
            }
        }
    }
    if good + bad == 0 {
        1.0
    } else {
        good as f64 / (good + bad) as f64
    }
}
