//! The PDF text layer: fidelity on the shared real-format fixtures, and typed errors (never
//! panics) on hostile or broken files built here with lopdf's writer.
#![cfg(feature = "pdf")]
// Test helpers outside `#[test]` functions may panic (the crate's lints deny it in library code).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use lopdf::{
    dictionary, Document, EncryptionState, EncryptionVersion, Object, ObjectId, Permissions, Stream,
};
use std::path::{Path, PathBuf};
use std::time::Instant;
use wenshu::read::pdf::read_pdf;
use wenshu::{Error, Limits};

// ---------------------------------------------------------------------------------------
// Fidelity on ../shared/fixtures
// ---------------------------------------------------------------------------------------

fn fixtures_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures");
    dir.join("truth").is_dir().then_some(dir)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF)
}

/// Characters without white space, and the positions where paragraphs 2.. start.
fn stripped(text: &str) -> (Vec<char>, Vec<usize>) {
    let mut chars = Vec::new();
    let mut breaks = Vec::new();
    for para in text.split('\n') {
        let before = chars.len();
        chars.extend(para.chars().filter(|c| !c.is_whitespace()));
        if chars.len() > before && before > 0 {
            breaks.push(before);
        }
    }
    (chars, breaks)
}

/// Levenshtein distance with an alignment: for each char of `a`, the index of the char of
/// `b` it is matched or substituted with. Banded (Ukkonen), so near-identical texts are
/// cheap; `None` alignment when the texts are too far apart to align in memory.
fn align(a: &[char], b: &[char]) -> (usize, Option<Vec<Option<usize>>>) {
    let (n, m) = (a.len(), b.len());
    let mut k = n.abs_diff(m).max(32);
    loop {
        if (n + 1).saturating_mul(2 * k + 1) > 60_000_000 {
            return (plain_levenshtein(a, b), None);
        }
        if let Some(r) = banded(a, b, k) {
            return (r.0, Some(r.1));
        }
        k *= 2;
    }
}

fn plain_levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

fn banded(a: &[char], b: &[char], k: usize) -> Option<(usize, Vec<Option<usize>>)> {
    let (n, m) = (a.len(), b.len());
    let w = 2 * k + 1;
    const INF: u32 = u32::MAX / 2;
    // d[i][off] is the distance of a[..i] and b[..j] with j = i + off - k.
    let mut d = vec![INF; (n + 1) * w];
    let idx = |i: usize, j: usize| -> Option<usize> {
        let off = j as isize - i as isize + k as isize;
        (0..w as isize).contains(&off).then(|| i * w + off as usize)
    };
    for j in 0..=m.min(k) {
        d[idx(0, j)?] = j as u32;
    }
    for i in 1..=n {
        let lo = i.saturating_sub(k);
        let hi = (i + k).min(m);
        for j in lo..=hi {
            let mut best = INF;
            if j == 0 {
                best = i as u32;
            } else {
                if let Some(p) = idx(i - 1, j - 1) {
                    best = best.min(d[p] + u32::from(a[i - 1] != b[j - 1]));
                }
                if let Some(p) = idx(i, j - 1) {
                    best = best.min(d[p] + 1);
                }
            }
            if let Some(p) = idx(i - 1, j) {
                best = best.min(d[p] + 1);
            }
            d[idx(i, j)?] = best;
        }
    }
    let dist = d[idx(n, m)?] as usize;
    if dist > k {
        return None;
    }
    let mut map = vec![None; n];
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let cur = d[idx(i, j)?];
        if i > 0 && j > 0 {
            if let Some(p) = idx(i - 1, j - 1) {
                if d[p] + u32::from(a[i - 1] != b[j - 1]) == cur {
                    map[i - 1] = Some(j - 1);
                    i -= 1;
                    j -= 1;
                    continue;
                }
            }
        }
        if i > 0 {
            if let Some(p) = idx(i - 1, j) {
                if d[p] + 1 == cur {
                    i -= 1;
                    continue;
                }
            }
        }
        j -= 1;
    }
    Some((dist, map))
}

struct Fidelity {
    cer: f64,
    truth_breaks: usize,
    found: usize,
    spurious: usize,
    cjk_spaces: usize,
}

fn fidelity(output: &str, truth: &str) -> Fidelity {
    let (out, out_breaks) = stripped(output);
    let (tru, tru_breaks) = stripped(truth);
    let (dist, map) = align(&out, &tru);
    let cer = dist as f64 / tru.len().max(1) as f64;
    let (mut found, mut spurious) = (0, out_breaks.len());
    if let Some(map) = map {
        // An output break lands where the first char of its paragraph aligns (or the next
        // aligned char, when that one was inserted).
        let landed: Vec<Option<usize>> = out_breaks
            .iter()
            .map(|&p| (p..out.len()).find_map(|i| map[i]))
            .collect();
        let truth_set: std::collections::HashSet<usize> = tru_breaks.iter().copied().collect();
        let hits: std::collections::HashSet<usize> = landed
            .iter()
            .flatten()
            .copied()
            .filter(|j| truth_set.contains(j))
            .collect();
        found = hits.len();
        spurious = landed
            .iter()
            .filter(|l| l.is_none_or(|j| !truth_set.contains(&j)))
            .count();
    }
    let cjk_spaces = output
        .lines()
        .map(|l| {
            let cs: Vec<char> = l.chars().collect();
            cs.windows(3)
                .filter(|w| {
                    w[1].is_whitespace()
                        && ((is_cjk(w[0]) && (is_cjk(w[2]) || w[2].is_ascii_digit()))
                            || (is_cjk(w[2]) && w[0].is_ascii_digit()))
                })
                .count()
        })
        .sum();
    Fidelity {
        cer,
        truth_breaks: tru_breaks.len(),
        found,
        spurious,
        cjk_spaces,
    }
}

#[test]
fn fixtures_fidelity() {
    let Some(dir) = fixtures_dir() else {
        eprintln!("skipping fixtures_fidelity: ../shared/fixtures is absent");
        return;
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no PDF fixtures in {}", dir.display());
    println!(
        "{:<22} {:>5} {:>8} {:>12} {:>10} {:>6} {:>8}",
        "file", "pages", "CER %", "breaks", "spurious", "cjk_sp", "ms"
    );
    let mut failures = Vec::new();
    for path in &files {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("?")
            .to_string();
        let base = name.split('.').next().unwrap_or("");
        let truth_path = dir.join("truth").join(format!("{base}.txt"));
        let Ok(truth) = std::fs::read_to_string(&truth_path) else {
            println!("{name:<22} (no truth file)");
            continue;
        };
        let bytes = std::fs::read(path).expect("read fixture");
        let pages = Document::load_mem(&bytes)
            .map(|d| d.get_pages().len())
            .unwrap_or(0);
        let t0 = Instant::now();
        let raw = match read_pdf(&name, &bytes, &Limits::default()) {
            Ok(raw) => raw,
            Err(e) => {
                println!("{name:<22} {pages:>5} ERROR {e}");
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        let ms = t0.elapsed().as_secs_f64() * 1000.0;
        if let Ok(out) = std::env::var("WENSHU_PDF_DUMP") {
            let _ = std::fs::write(Path::new(&out).join(format!("{name}.txt")), &raw.text);
        }
        let f = fidelity(&raw.text, &truth);
        let recall = f.found as f64 / f.truth_breaks.max(1) as f64;
        let spurious_rate = f.spurious as f64 / (f.truth_breaks + 1) as f64;
        println!(
            "{:<22} {:>5} {:>8.3} {:>5}/{:<5}  {:>4} ({:.1}%) {:>6} {:>8.1}",
            name,
            pages,
            f.cer * 100.0,
            f.found,
            f.truth_breaks,
            f.spurious,
            spurious_rate * 100.0,
            f.cjk_spaces,
            ms
        );
        if f.cer > 0.001 {
            failures.push(format!("{name}: CER {:.3} % > 0.1 %", f.cer * 100.0));
        }
        if recall < 0.98 {
            failures.push(format!(
                "{name}: break recall {:.1} % < 98 %",
                recall * 100.0
            ));
        }
        if spurious_rate > 0.01 {
            failures.push(format!("{name}: {} spurious breaks > 1 %", f.spurious));
        }
        if f.cjk_spaces > 0 {
            failures.push(format!("{name}: {} spaces next to CJK", f.cjk_spaces));
        }
        let max_page = raw.pages.last().map_or(0, |p| p.1 as usize);
        if max_page != pages
            || raw
                .pages
                .windows(2)
                .any(|w| w[0].0 >= w[1].0 || w[0].1 >= w[1].1)
        {
            failures.push(format!("{name}: page starts {:?} inconsistent", raw.pages));
        }
    }
    assert!(
        failures.is_empty(),
        "fidelity failures:\n{}",
        failures.join("\n")
    );
}

// ---------------------------------------------------------------------------------------
// Self-made PDFs
// ---------------------------------------------------------------------------------------

struct Built {
    doc: Document,
    pages: Vec<ObjectId>,
    resources: ObjectId,
}

/// A document with one page per content stream and fonts F1 (Helvetica), F2 (STSong-Light
/// with /UniGB-UCS2-H), F3 (STSong-Light with /GBK-EUC-H).
fn build(contents: Vec<Vec<u8>>) -> Built {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let helv = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let cid = |enc: &str| {
        dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "STSong-Light", "Encoding" => enc.to_string(),
            "DescendantFonts" => vec![Object::Dictionary(dictionary! {
                "Type" => "Font", "Subtype" => "CIDFontType0", "BaseFont" => "STSong-Light",
                "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"),
                    "Ordering" => Object::string_literal("GB1"), "Supplement" => 2 },
                "DW" => 1000,
            })],
        }
    };
    let ucs2 = doc.add_object(cid("UniGB-UCS2-H"));
    let gbk = doc.add_object(cid("GBK-EUC-H"));
    let resources = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => helv, "F2" => ucs2, "F3" => gbk },
    });
    let mut pages = Vec::new();
    for content in contents {
        let c = doc.add_object(Stream::new(dictionary! {}, content));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => c, "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        pages.push(page);
    }
    let kids: Vec<Object> = pages.iter().map(|&p| p.into()).collect();
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    Built {
        doc,
        pages,
        resources,
    }
}

fn save(doc: &mut Document) -> Vec<u8> {
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save");
    out
}

fn ucs2_hex(s: &str) -> String {
    s.encode_utf16().map(|u| format!("{u:04x}")).collect()
}

/// A CJK page: a 30-em measure at 12 pt from x=72, first lines indented 2 em.
fn cjk_page(paragraphs: &[&str]) -> Vec<u8> {
    let mut c = String::from("BT /F2 12 Tf 20 TL\n");
    let mut y = 770.0;
    for p in paragraphs {
        let chars: Vec<char> = p.chars().collect();
        let mut first = true;
        let mut rest: &[char] = &chars;
        while !rest.is_empty() {
            let (x, n) = if first { (96.0, 28) } else { (72.0, 30) };
            let take = n.min(rest.len());
            let line: String = rest[..take].iter().collect();
            c.push_str(&format!("1 0 0 1 {x} {y} Tm <{}> Tj\n", ucs2_hex(&line)));
            rest = &rest[take..];
            y -= 20.0;
            first = false;
        }
    }
    c.push_str("ET\n");
    c.into_bytes()
}

fn read(bytes: &[u8]) -> wenshu::Result<wenshu::read::RawText> {
    read_pdf("test.pdf", bytes, &Limits::default())
}

#[test]
fn reads_cjk_paragraphs_across_pages() {
    let p1 = "被告人张3，女，1975年4月16日出生，汉族，户籍地上海市奉贤区，暂住地上海市奉贤区。";
    let long = "本院认为，被告人以非法占有为目的，虚构事实、隐瞒真相，骗取他人财物，数额巨大，其行为已构成诈骗罪。";
    // The second paragraph fills page 1 exactly to its last line and continues on page 2.
    let split = 28 + 30;
    let (a, b): (String, String) = (
        long.chars().take(split).collect(),
        long.chars().skip(split).collect(),
    );
    let mut built = build(vec![cjk_page(&[p1, &a]), {
        let mut c = String::from("BT /F2 12 Tf\n");
        c.push_str(&format!("1 0 0 1 72 770 Tm <{}> Tj\n", ucs2_hex(&b)));
        c.push_str(&format!(
            "1 0 0 1 96 750 Tm <{}> Tj\nET\n",
            ucs2_hex("如不服本判决。")
        ));
        c.into_bytes()
    }]);
    let raw = read(&save(&mut built.doc)).expect("read");
    let paras: Vec<&str> = raw.text.split('\n').collect();
    assert_eq!(paras, [p1, long, "如不服本判决。"]);
    assert_eq!(
        raw.pages,
        vec![(0, 1), (raw.text.find("如不服").unwrap(), 2)]
    );
}

#[test]
fn reads_gbk_euc_strings() {
    let (gbk, _, _) = encoding_rs::GBK.encode("公诉机关上海市奉贤区人民检察院2017年");
    let hex: String = gbk.iter().map(|b| format!("{b:02x}")).collect();
    let content = format!("BT /F3 12 Tf 1 0 0 1 96 770 Tm <{hex}> Tj ET").into_bytes();
    let mut built = build(vec![content]);
    let raw = read(&save(&mut built.doc)).expect("read");
    assert_eq!(raw.text, "公诉机关上海市奉贤区人民检察院2017年");
}

#[test]
fn latin_text_and_page_numbers() {
    let page = |n: usize| {
        let word = ["one", "two", "three"][n - 1];
        format!(
            "BT /F1 12 Tf 1 0 0 1 72 770 Tm (Hello) Tj 1 0 0 1 110 770 Tm (world, page {word}.) Tj \
             1 0 0 1 96 750 Tm (End.) Tj 1 0 0 1 290 40 Tm (- {n} -) Tj ET"
        )
        .into_bytes()
    };
    let mut built = build(vec![page(1), page(2), page(3)]);
    let raw = read(&save(&mut built.doc)).expect("read");
    assert_eq!(raw.text, "Hello world, page one.\nEnd.\nHello world, page two.\nEnd.\nHello world, page three.\nEnd.");
}

#[test]
fn empty_file_is_malformed() {
    assert!(
        matches!(read(b""), Err(Error::Malformed { .. })),
        "{:?}",
        read(b"")
    );
}

#[test]
fn random_bytes_are_malformed() {
    let mut x: u32 = 12345;
    let bytes: Vec<u8> = (0..20_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect();
    assert!(matches!(read(&bytes), Err(Error::Malformed { .. })));
    let mut with_header = b"%PDF-1.4\n".to_vec();
    with_header.extend_from_slice(&bytes);
    assert!(matches!(
        read(&with_header),
        Err(Error::Malformed { .. } | Error::NoText { .. })
    ));
}

fn typed_or_warned(r: wenshu::Result<wenshu::read::RawText>) {
    match r {
        Ok(raw) => assert!(!raw.warnings.is_empty() || !raw.text.is_empty(), "{raw:?}"),
        Err(Error::Malformed { .. } | Error::NoText { .. } | Error::Limit { .. }) => {}
        Err(e) => panic!("unexpected error {e}"),
    }
}

#[test]
fn truncated_file_fails_cleanly_or_warns() {
    let mut built = build(vec![
        cjk_page(&["第一段文字内容。"]),
        cjk_page(&["第二段文字内容。"]),
    ]);
    let bytes = save(&mut built.doc);
    for cut in [
        bytes.len() / 4,
        bytes.len() / 2,
        bytes.len() * 3 / 4,
        bytes.len() - 10,
    ] {
        typed_or_warned(read(&bytes[..cut]));
    }
    // Cut after the first page's objects: best effort with a warning.
    let raw = read(&bytes[..bytes.len() - 10]);
    if let Ok(raw) = raw {
        assert!(raw.text.contains("第一段"), "{raw:?}");
    }
}

#[test]
fn broken_xref_is_recovered_with_a_warning() {
    let mut built = build(vec![cjk_page(&["第一段文字内容。"])]);
    let mut bytes = save(&mut built.doc);
    let pos = bytes
        .windows(9)
        .rposition(|w| w == b"startxref")
        .expect("startxref");
    let tail = b"startxref\n999999\n%%EOF\n";
    bytes.truncate(pos);
    bytes.extend_from_slice(tail);
    let raw = read(&bytes).expect("recovered");
    assert_eq!(raw.text, "第一段文字内容。");
    assert!(
        !raw.warnings.is_empty(),
        "expected a warning about the damaged file"
    );
    // An xref table whose entries point nowhere.
    let mut built = build(vec![cjk_page(&["第二段文字内容。"])]);
    let mut bytes = save(&mut built.doc);
    if let Some(x) = bytes.windows(5).rposition(|w| w == b"xref\n") {
        for b in bytes[x + 5..].iter_mut().take(200) {
            if b.is_ascii_digit() {
                *b = b'7';
            }
        }
    }
    typed_or_warned(read(&bytes));
}

#[test]
fn encrypted_with_user_password_is_unsupported() {
    let mut built = build(vec![cjk_page(&["保密文字。"])]);
    built.doc.trailer.set(
        "ID",
        vec![
            Object::string_literal(b"0123456789abcdef".to_vec()),
            Object::string_literal(b"0123456789abcdef".to_vec()),
        ],
    );
    let make = |doc: &Document, user: &str| -> EncryptionState {
        EncryptionVersion::V2 {
            document: doc,
            owner_password: "owner",
            user_password: user,
            key_length: 128,
            permissions: Permissions::all(),
        }
        .try_into()
        .expect("encryption state")
    };
    let mut locked = built.doc.clone();
    let state = make(&locked, "secret");
    locked.encrypt(&state).expect("encrypt");
    match read(&save(&mut locked)) {
        Err(Error::Unsupported { what, hint, .. }) => {
            assert!(what.contains("encrypted"), "{what}");
            assert!(hint.contains("unencrypted"), "{hint}");
        }
        other => panic!("expected Unsupported, got {other:?}"),
    }
    // An empty user password (owner password only) opens without asking.
    let mut open = built.doc.clone();
    let state = make(&open, "");
    open.encrypt(&state).expect("encrypt");
    assert_eq!(read(&save(&mut open)).expect("read").text, "保密文字。");
}

#[test]
fn image_only_page_has_no_text() {
    let mut built = build(vec![b"q 500 0 0 700 50 50 cm /Im1 Do Q".to_vec()]);
    let img = built.doc.add_object(Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => 1, "Height" => 1,
        "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8 },
        vec![128],
    ));
    if let Ok(Object::Dictionary(res)) = built.doc.get_object_mut(built.resources) {
        res.set("XObject", dictionary! { "Im1" => img });
    }
    match read(&save(&mut built.doc)) {
        Err(Error::NoText { detail, .. }) => assert!(detail.contains("OCR"), "{detail}"),
        other => panic!("expected NoText, got {other:?}"),
    }
}

#[test]
fn fonts_without_unicode_mapping_make_the_layer_unusable() {
    let mut built = build(vec![
        b"BT /F9 12 Tf 72 700 Td <0011002200330044> Tj ET".to_vec()
    ]);
    let font = built.doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "ABCDEF+Mystery", "Encoding" => "Identity-H",
        "DescendantFonts" => vec![Object::Dictionary(dictionary! {
            "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "ABCDEF+Mystery" })],
    });
    if let Ok(Object::Dictionary(res)) = built.doc.get_object_mut(built.resources) {
        res.set("Font", dictionary! { "F9" => font });
    }
    match read(&save(&mut built.doc)) {
        Err(Error::NoText { detail, .. }) => {
            assert!(
                detail.contains("unusable") && detail.contains("Mystery"),
                "{detail}"
            )
        }
        other => panic!("expected NoText, got {other:?}"),
    }
}

/// A zlib stream inflating to `n` zero bytes (fixed Huffman: 13 bits per 258 bytes).
fn zlib_zeros(n: usize) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        len: u32,
    }
    impl Bits {
        fn put(&mut self, v: u64, n: u32) {
            self.acc |= v << self.len;
            self.len += n;
            while self.len >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.len -= 8;
            }
        }
        fn huff(&mut self, code: u64, n: u32) {
            let rev = (0..n).fold(0, |r, i| r | (((code >> i) & 1) << (n - 1 - i)));
            self.put(rev, n);
        }
    }
    let mut b = Bits {
        out: vec![0x78, 0x01],
        acc: 0,
        len: 0,
    };
    b.put(1, 1); // final block
    b.put(1, 2); // fixed Huffman
    b.huff(0x30, 8); // literal 0
    let mut left = n - 1;
    while left >= 258 {
        b.huff(0b1100_0101, 8); // length 258
        b.huff(0, 5); // distance 1
        left -= 258;
    }
    for _ in 0..left {
        b.huff(0x30, 8);
    }
    b.huff(0, 7); // end of block
    if b.len > 0 {
        b.put(0, 8 - b.len);
    }
    let adler_b = (n % 65521) as u32; // a stays 1 for zeros: b = n·1
    b.out
        .extend_from_slice(&((adler_b << 16) | 1).to_be_bytes());
    b.out
}

#[test]
fn flate_bomb_hits_the_decompression_limit() {
    let bomb = zlib_zeros(1 << 30);
    assert!(bomb.len() < 8 << 20);
    let mut built = build(vec![b"BT ET".to_vec()]);
    let content = built
        .doc
        .add_object(Stream::new(dictionary! { "Filter" => "FlateDecode" }, bomb));
    if let Ok(Object::Dictionary(page)) = built.doc.get_object_mut(built.pages[0]) {
        page.set("Contents", content);
    }
    let bytes = save(&mut built.doc);
    let limits = Limits {
        max_decompressed_bytes: 64 << 20,
        ..Limits::default()
    };
    let t0 = Instant::now();
    match read_pdf("bomb.pdf", &bytes, &limits) {
        Err(Error::Limit {
            limit,
            allowed,
            found,
            ..
        }) => {
            assert_eq!(limit, "max_decompressed_bytes");
            assert!(found > allowed);
        }
        other => panic!("expected Limit, got {other:?}"),
    }
    eprintln!("bomb rejected in {:?}", t0.elapsed());
}

#[test]
fn deeply_nested_arrays_are_bounded() {
    // In a content stream.
    let mut content = vec![b'['; 100_000];
    content.extend_from_slice(&[b']'; 100_000]);
    content.extend_from_slice(b" TJ");
    let mut built = build(vec![content]);
    match read(&save(&mut built.doc)) {
        Err(Error::Limit { limit, .. }) => assert_eq!(limit, "max_depth"),
        other => panic!("expected Limit, got {other:?}"),
    }
    // In an object of the file.
    let mut built = build(vec![cjk_page(&["正文。"])]);
    let mut bytes = save(&mut built.doc);
    let pos = bytes
        .windows(5)
        .position(|w| w == b"/Type")
        .expect("an object");
    let mut nested = b"/Deep ".to_vec();
    nested.extend_from_slice(&vec![b'['; 200_000]);
    nested.extend_from_slice(&vec![b']'; 200_000]);
    nested.push(b' ');
    bytes.splice(pos..pos, nested);
    typed_or_warned(read(&bytes));
}

#[test]
fn circular_form_xobjects_are_skipped() {
    let mut built = build(vec![b"/X1 Do".to_vec()]);
    let res = built.resources;
    let x1 = built.doc.new_object_id();
    let x2 = built.doc.new_object_id();
    let form = |content: &[u8]| {
        Object::Stream(Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()], "Resources" => res },
            content.to_vec(),
        ))
    };
    built.doc.objects.insert(
        x1,
        form(
            format!(
                "BT /F2 12 Tf 72 700 Td <{}> Tj ET /X2 Do",
                ucs2_hex("循环表单")
            )
            .as_bytes(),
        ),
    );
    built.doc.objects.insert(x2, form(b"/X1 Do /X2 Do"));
    if let Ok(Object::Dictionary(r)) = built.doc.get_object_mut(res) {
        r.set("XObject", dictionary! { "X1" => x1, "X2" => x2 });
    }
    let raw = read(&save(&mut built.doc)).expect("read");
    assert_eq!(raw.text, "循环表单");
    assert!(
        raw.warnings.iter().any(|w| w.contains("circular")),
        "{:?}",
        raw.warnings
    );
}

#[test]
fn form_nesting_and_repetition_are_bounded() {
    // A chain of 100 distinct nested forms exceeds max_depth (64).
    let mut built = build(vec![b"/F0 Do".to_vec()]);
    let ids: Vec<ObjectId> = (0..100).map(|_| built.doc.new_object_id()).collect();
    let mut names = lopdf::Dictionary::new();
    for (i, &id) in ids.iter().enumerate() {
        names.set(format!("F{i}"), id);
    }
    let res = built.doc.add_object(dictionary! { "XObject" => names });
    for (i, &id) in ids.iter().enumerate() {
        let content = format!("/F{} Do", i + 1).into_bytes();
        built.doc.objects.insert(
            id,
            Object::Stream(Stream::new(
                dictionary! { "Subtype" => "Form", "Resources" => res,
                "BBox" => vec![0.into(), 0.into(), 1.into(), 1.into()] },
                content,
            )),
        );
    }
    if let Ok(Object::Dictionary(page)) = built.doc.get_object_mut(built.pages[0]) {
        page.set("Resources", res);
    }
    match read(&save(&mut built.doc)) {
        Err(Error::Limit { limit, .. }) => assert_eq!(limit, "max_depth"),
        other => panic!("expected Limit, got {other:?}"),
    }

    // Forms drawing each other 16 times on 8 levels (16^8 draws) run out of budget.
    let mut built = build(vec![b"/G0 Do".to_vec()]);
    let ids: Vec<ObjectId> = (0..9).map(|_| built.doc.new_object_id()).collect();
    let mut names = lopdf::Dictionary::new();
    for (i, &id) in ids.iter().enumerate() {
        names.set(format!("G{i}"), id);
    }
    let res = built.doc.add_object(dictionary! { "XObject" => names });
    for (i, &id) in ids.iter().enumerate() {
        let content = if i + 1 < ids.len() {
            format!("/G{} Do ", i + 1).repeat(16).into_bytes()
        } else {
            b"BT ET".to_vec()
        };
        built.doc.objects.insert(
            id,
            Object::Stream(Stream::new(
                dictionary! { "Subtype" => "Form", "Resources" => res },
                content,
            )),
        );
    }
    if let Ok(Object::Dictionary(page)) = built.doc.get_object_mut(built.pages[0]) {
        page.set("Resources", res);
    }
    let limits = Limits {
        max_decompressed_bytes: 16 << 20,
        ..Limits::default()
    };
    match read_pdf("fan.pdf", &save(&mut built.doc), &limits) {
        Err(Error::Limit { limit, .. }) => assert_eq!(limit, "max_decompressed_bytes"),
        other => panic!("expected Limit, got {other:?}"),
    }
}

#[test]
fn page_count_above_the_limit() {
    let mut built = build(vec![
        cjk_page(&["一。"]),
        cjk_page(&["二。"]),
        cjk_page(&["三。"]),
    ]);
    let bytes = save(&mut built.doc);
    let limits = Limits {
        max_pages: 2,
        ..Limits::default()
    };
    match read_pdf("pages.pdf", &bytes, &limits) {
        Err(Error::Limit {
            limit,
            allowed,
            found,
            ..
        }) => {
            assert_eq!((limit, allowed, found), ("max_pages", 2, 3));
        }
        other => panic!("expected Limit, got {other:?}"),
    }
    assert!(read(&bytes).is_ok());
}

#[test]
fn mutated_files_never_panic() {
    let mut built = build(vec![
        cjk_page(&[
            "被告人张3，女，1975年4月16日出生。",
            "本院认为，被告人的行为已构成诈骗罪。",
        ]),
        b"BT /F1 12 Tf 72 700 Td (Latin text) Tj /F3 12 Tf <d5c5> Tj ET".to_vec(),
    ]);
    built.doc.compress();
    let bytes = save(&mut built.doc);
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let limits = Limits {
        max_decompressed_bytes: 8 << 20,
        ..Limits::default()
    };
    for round in 0..300 {
        let mut m = bytes.clone();
        for _ in 0..1 + round % 8 {
            let i = (next() as usize) % m.len();
            m[i] = match next() % 4 {
                0 => b'[',
                1 => b'(',
                2 => b'0',
                _ => next() as u8,
            };
        }
        if round % 10 == 0 {
            let cut = (next() as usize) % m.len();
            m.truncate(cut);
        }
        // Any typed outcome is fine; a panic fails the test.
        let _ = read_pdf("mutated.pdf", &m, &limits);
    }
}
