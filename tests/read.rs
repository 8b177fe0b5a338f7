//! Reading inputs: format detection, text encodings, DOCX and HTML, limits and damage.
//!
//! The fixtures are made here. When the shared real-format fixtures are present
//! (`../shared/fixtures` from the crate root), their DOCX and GB18030 renderings are
//! also compared with the ground-truth text.

// Test helpers outside `#[test]` functions may panic (the crate's lints deny it in library code).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::time::Instant;
use wenshu::read::{read_bytes, read_path, Format, RawText};
use wenshu::{Error, Limits};

// ---------------------------------------------------------------------------------------
// Allocation accounting: the bytes a closure holds at most, on the calling thread.

struct Counting;

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn account(delta: isize) {
    let _ = LIVE.try_with(|live| {
        let now = live.get() + delta;
        live.set(now);
        let _ = PEAK.try_with(|peak| {
            if now > peak.get() {
                peak.set(now);
            }
        });
    });
}

// SAFETY: every call is forwarded unchanged to the system allocator; the counters are
// plain thread-local cells that never allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            account(layout.size() as isize);
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            account(layout.size() as isize);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        account(-(layout.size() as isize));
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            account(new_size as isize - layout.size() as isize);
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Runs `f` and returns its result with the most bytes it held at once.
fn peak_bytes<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let base = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(base));
    let r = f();
    let peak = PEAK.with(Cell::get);
    (r, (peak - base).max(0) as usize)
}

// ---------------------------------------------------------------------------------------
// Helpers

const MIB: u64 = 1 << 20;

fn read(bytes: &[u8]) -> wenshu::Result<RawText> {
    read_bytes("<test>", bytes, &Limits::default())
}

fn text_of(bytes: &[u8]) -> RawText {
    match read(bytes) {
        Ok(raw) => raw,
        Err(e) => panic!("expected text, got error: {e}"),
    }
}

/// A judgment-like text, invented.
const JUDGMENT: &str = "某某市某某区人民法院\n刑事判决书\n（2019）某0102刑初123号\n\
公诉机关某某市某某区人民检察院。\n\
被告人张某，男，1985年3月12日出生，汉族，初中文化，无业。因涉嫌犯盗窃罪于2019年5月6日被刑事拘留。\n\
被告人李某某，女，1990年出生，住某某市某某区。\n\
经审理查明：2019年4月至5月间，被告人张某伙同李某某多次窃取他人财物，价值共计人民币12,345元。\n\
本院认为，被告人张某、李某某以非法占有为目的，秘密窃取他人财物，数额较大，其行为均已构成盗窃罪。\n\
判决如下：\n一、被告人张某犯盗窃罪，判处有期徒刑一年，并处罚金人民币五千元。\n\
审判员　王某\n二〇一九年八月一日\n书记员　赵某";

/// A tiny deterministic generator for "random" bytes.
fn pseudo_random(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Format detection and damage

#[test]
fn empty_file_has_no_text() {
    assert!(matches!(read(b""), Err(Error::NoText { .. })));
    assert!(matches!(read(b"  \n\r\n\t "), Err(Error::NoText { .. })));
}

#[test]
fn random_bytes_are_unsupported() {
    for seed in [1u64, 7, 0x9E37_79B9_7F4A_7C15] {
        let bytes = pseudo_random(64 * 1024, seed);
        match read(&bytes) {
            Err(Error::Unsupported { what, .. }) => assert!(what.contains("binary"), "{what}"),
            other => panic!("random bytes: expected Unsupported, got {other:?}"),
        }
    }
}

#[test]
fn ole_compound_file_is_unsupported_with_hint() {
    let mut doc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    doc.extend(pseudo_random(4096, 3));
    match read(&doc) {
        Err(Error::Unsupported { what, hint, .. }) => {
            assert!(what.contains(".doc"), "{what}");
            assert!(hint.contains(".docx"), "{hint}");
        }
        other => panic!("OLE: expected Unsupported, got {other:?}"),
    }
}

#[test]
fn png_is_unsupported() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(pseudo_random(2048, 5));
    match read(&png) {
        Err(Error::Unsupported { what, hint, .. }) => {
            assert!(what.contains("image"), "{what}");
            assert!(hint.contains("OCR"), "{hint}");
        }
        other => panic!("PNG: expected Unsupported, got {other:?}"),
    }
}

#[test]
fn input_size_limit() {
    let limits = Limits {
        max_input_bytes: 100,
        ..Limits::default()
    };
    let r = read_bytes("<test>", JUDGMENT.as_bytes(), &limits);
    assert!(
        matches!(
            r,
            Err(Error::Limit {
                limit: "max_input_bytes",
                ..
            })
        ),
        "{r:?}"
    );
}

// ---------------------------------------------------------------------------------------
// Text encodings

#[test]
fn utf8_plain_and_with_bom() {
    let raw = text_of(JUDGMENT.as_bytes());
    assert_eq!(raw.format, Format::Text);
    assert_eq!(raw.text, JUDGMENT);
    assert!(raw.warnings.is_empty(), "{:?}", raw.warnings);

    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(JUDGMENT.as_bytes());
    let raw = text_of(&bom);
    assert_eq!(raw.text, JUDGMENT);
}

#[test]
fn crlf_becomes_lf() {
    let crlf = JUDGMENT.replace('\n', "\r\n");
    assert_eq!(text_of(crlf.as_bytes()).text, JUDGMENT);
}

#[test]
fn utf16_with_bom() {
    let le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(JUDGMENT.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(JUDGMENT.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    for (name, bytes) in [("UTF-16LE", le), ("UTF-16BE", be)] {
        let raw = text_of(&bytes);
        assert_eq!(raw.text, JUDGMENT, "{name}");
        assert_eq!(raw.format, Format::Text, "{name}");
    }
}

#[test]
fn gbk_text_decodes() {
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(JUDGMENT);
    assert!(!unmappable);
    let raw = text_of(&gbk);
    assert_eq!(raw.text, JUDGMENT);
}

#[test]
fn gb18030_text_decodes_exactly() {
    // Characters outside GBK take GB18030's four-byte form: 𠮷 (U+20BB7), ḿ, €.
    let text = format!("{JUDGMENT}\n被告人吉某（曾用名𠮷某）称其于2019年购买价值€100的物品。ḿ");
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    assert!(
        bytes
            .windows(2)
            .any(|w| w[0] >= 0x81 && (0x30..=0x39).contains(&w[1])),
        "the fixture must contain four-byte sequences"
    );
    let raw = text_of(&bytes);
    assert_eq!(raw.text, text);
}

#[test]
fn invalid_bytes_inside_utf8_give_text_and_warning() {
    let mut bytes = JUDGMENT.as_bytes().to_vec();
    bytes.insert(40, 0xFF);
    bytes.extend_from_slice(b"\n\xC3(\n");
    let raw = text_of(&bytes);
    assert!(raw.text.contains('\u{FFFD}'));
    assert!(raw.text.contains("被告人张某"));
    assert!(
        !raw.warnings.is_empty(),
        "a warning must say bytes were replaced"
    );
}

#[test]
fn huge_single_line_is_linear() {
    const LEN: usize = 100 << 20;
    let unit = "被告人张某盗窃。";
    let line = unit.repeat(LEN / unit.len()).into_bytes();
    let start = Instant::now();
    let (raw, peak) = peak_bytes(|| text_of(&line));
    let took = start.elapsed();
    assert_eq!(raw.text.len(), line.len());
    assert!(!raw.text.contains('\n'));
    println!(
        "100 MB single line read in {took:?}, peak {} MB held",
        peak >> 20
    );
    assert!(peak < 4 * line.len(), "peak {peak} bytes");
    // Quadratic work on 100 MB would take hours; even an unoptimised build is far below.
    assert!(took.as_secs() < 120, "took {took:?}");

    let limits = Limits {
        max_input_bytes: 10 * MIB,
        ..Limits::default()
    };
    let r = read_bytes("<test>", &line, &limits);
    assert!(matches!(r, Err(Error::Limit { found, .. }) if found == line.len() as u64));
}

#[test]
fn read_path_reads_files_and_refuses_directories() {
    let dir = std::env::temp_dir().join(format!("wenshu-read-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let file = dir.join("判决书.txt");
    let (gbk, _, _) = encoding_rs::GBK.encode(JUDGMENT);
    std::fs::write(&file, &gbk).unwrap_or_else(|e| panic!("{e}"));
    let raw = read_path(&file, &Limits::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(raw.text, JUDGMENT);
    assert!(matches!(
        read_path(&dir, &Limits::default()),
        Err(Error::Unsupported { .. })
    ));
    assert!(matches!(
        read_path(&dir.join("missing.txt"), &Limits::default()),
        Err(Error::Io { .. })
    ));
    let _ = std::fs::remove_dir_all(&dir);
}

// ---------------------------------------------------------------------------------------
// HTML

#[test]
fn html_page_utf8() {
    let page = r#"<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>张某盗窃案 - 裁判文书</title>
<style>.p { text-indent: 2em }</style>
<script>var s = "<div>不是正文</div>"; if (a < b) {}</script>
</head>
<body><!-- 导航 --><div class="nav"><a href="/">首页</a></div>
<div id="content">
  <div style="text-align:center">某某市某某区人民法院</div>
  <div>刑事判决书</div>
  <p>&nbsp;&nbsp;被告人<span class="name">张某</span>，男，
     1985年出生。</p>
  <p>被告人李某某，女，住某某市
  某某区。</p>
  <p>价值&lt;1000元&gt;&amp;其他&#x3001;共&#49;&#50;元&hellip;</p>
  <table><tr><td>审判员</td><td>王某</td></tr></table>
  二〇一九年八月一日<br>书记员　赵某
</div></body></html>"#;
    let raw = text_of(page.as_bytes());
    assert_eq!(raw.format, Format::Html);
    assert_eq!(
        raw.text,
        "首页\n某某市某某区人民法院\n刑事判决书\n被告人张某，男， 1985年出生。\n\
         被告人李某某，女，住某某市某某区。\n价值<1000元>&其他、共12元…\n审判员\n王某\n\
         二〇一九年八月一日\n书记员　赵某"
    );
}

#[test]
fn html_page_gbk_with_meta_charset() {
    let page = format!(
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">\
         <title>标题</title></head><body>{}</body></html>",
        JUDGMENT
            .lines()
            .map(|l| format!("<p>{l}</p>\n"))
            .collect::<String>()
    );
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&page);
    assert!(!unmappable);
    let raw = text_of(&bytes);
    assert_eq!(raw.format, Format::Html);
    assert_eq!(raw.text, JUDGMENT);
}

#[test]
fn html_damaged_and_huge_is_linear() {
    let mut page = String::from("<html><body><p>被告人张某");
    for _ in 0..200_000 {
        page.push_str("<span>盗</span>< <b>&amp</b>&#x;&zz;");
    }
    page.push_str("<p class=\"unterminated");
    let start = Instant::now();
    let raw = text_of(page.as_bytes());
    println!("{} bytes of HTML read in {:?}", page.len(), start.elapsed());
    assert!(raw.text.starts_with("被告人张某盗< &&#x;&zz;盗"));
    // Unclosed comments, scripts and quotes swallow the rest instead of looping.
    let unclosed = "<html><body><p>正文</p><!--".to_string() + &"<p>x</p>".repeat(500_000);
    assert_eq!(text_of(unclosed.as_bytes()).text, "正文");
    let unclosed = "<html><body><p>正文</p><script>".to_string() + &"</scrip>".repeat(500_000);
    assert_eq!(text_of(unclosed.as_bytes()).text, "正文");
}

#[test]
fn html_charset_declared_wrongly_or_missing() {
    // Re-saved as UTF-8 but still declaring gb2312: the valid UTF-8 wins.
    let page = format!(
        "<html><head><meta charset=\"gb2312\"></head><body><p>{}</p></body></html>",
        JUDGMENT.replace('\n', "</p><p>")
    );
    assert_eq!(text_of(page.as_bytes()).text, JUDGMENT);
    // GBK without any declaration: detected.
    let page = page.replace("<meta charset=\"gb2312\">", "");
    let (gbk, _, _) = encoding_rs::GBK.encode(&page);
    assert_eq!(text_of(&gbk).text, JUDGMENT);
    // UTF-8 with a BOM.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(page.as_bytes());
    let raw = text_of(&bom);
    assert_eq!(raw.format, Format::Html);
    assert_eq!(raw.text, JUDGMENT);
}

#[test]
fn html_markup_soup_never_panics() {
    const PIECES: [&str; 24] = [
        "<",
        ">",
        "</",
        "<p>",
        "</p",
        "<div class=\"",
        "\"",
        "'",
        "=",
        "&",
        "&#",
        "&#x",
        ";",
        "&amp",
        "<!--",
        "-->",
        "<script>",
        "</script",
        "<br/>",
        "张某",
        " ",
        "\n",
        "<!",
        "\u{A0}",
    ];
    for seed in 1..200u64 {
        let picks = pseudo_random(300, seed);
        let mut page = String::from("<html>");
        for b in picks {
            page.push_str(PIECES[b as usize % PIECES.len()]);
        }
        match read(page.as_bytes()) {
            Ok(raw) => assert!(!raw.text.contains("\n\n")),
            Err(Error::NoText { .. }) => {}
            Err(e) => panic!("seed {seed}: {e}"),
        }
    }
}

// ---------------------------------------------------------------------------------------
// DOCX

#[cfg(feature = "docx")]
mod docx {
    use super::*;
    use crate::common::bombs::{raw_zip, repeated_deflate};
    use std::io::Write;

    const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    fn document_xml(body: &str) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
             <w:document xmlns:w=\"{W_NS}\" \
             xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" \
             xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\">\
             <w:body>{body}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>"
        )
    }

    /// A DOCX (zip) with `word/document.xml` holding `body`.
    pub(super) fn docx(body: &str) -> Vec<u8> {
        docx_with_parts(&[("word/document.xml", &document_xml(body))])
    }

    fn docx_with_parts(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let mut all: Vec<(&str, &str)> = parts.to_vec();
        all.push((
            "[Content_Types].xml",
            "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>",
        ));
        all.push((
            "_rels/.rels",
            "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>",
        ));
        for (name, content) in all {
            w.start_file(name, opts).unwrap_or_else(|e| panic!("{e}"));
            w.write_all(content.as_bytes())
                .unwrap_or_else(|e| panic!("{e}"));
        }
        w.finish().unwrap_or_else(|e| panic!("{e}")).into_inner()
    }

    /// A paragraph of runs, split where Word and LibreOffice split them.
    fn para(runs: &[&str]) -> String {
        let mut p = String::from("<w:p><w:pPr><w:ind w:firstLine=\"480\"/><w:rPr/></w:pPr>");
        for r in runs {
            p.push_str(&format!(
                "<w:r><w:rPr><w:rFonts w:hint=\"eastAsia\"/></w:rPr><w:t xml:space=\"preserve\">{r}</w:t></w:r>"
            ));
        }
        p.push_str("</w:p>");
        p
    }

    fn docx_text(body: &str) -> String {
        let raw = text_of(&docx(body));
        assert_eq!(raw.format, Format::Docx);
        raw.text
    }

    #[test]
    fn runs_split_at_script_changes_are_joined() {
        let body = para(&["被告人张", "3", "，女，", "1975", "年", "6", "月出生。"])
            + &para(&["（", "2019", "）某", "0102", "刑初", "123", "号"]);
        assert_eq!(
            docx_text(&body),
            "被告人张3，女，1975年6月出生。\n（2019）某0102刑初123号"
        );
    }

    #[test]
    fn tables_in_reading_order() {
        let cell = |ps: &[&str]| {
            format!(
                "<w:tc><w:tcPr><w:tcW w:w=\"2000\"/></w:tcPr>{}</w:tc>",
                ps.iter().map(|p| para(&[p])).collect::<String>()
            )
        };
        let body = para(&["前言"])
            + "<w:tbl><w:tblPr><w:tblW w:w=\"0\"/></w:tblPr><w:tblGrid><w:gridCol/></w:tblGrid><w:tr>"
            + &cell(&["被告人", "张某"])
            + &cell(&["罪名"])
            + "</w:tr><w:tr>"
            + &cell(&["李某某"])
            + &cell(&["盗窃罪"])
            + "</w:tr></w:tbl>"
            + &para(&["结尾"]);
        assert_eq!(
            docx_text(&body),
            "前言\n被告人\n张某\n罪名\n李某某\n盗窃罪\n结尾"
        );
    }

    #[test]
    fn page_break_is_layout_line_break_is_text() {
        let body = "<w:p><w:r><w:t>第一页末尾</w:t></w:r><w:r><w:br w:type=\"page\"/></w:r>\
            <w:r><w:lastRenderedPageBreak/><w:t>第二页</w:t></w:r></w:p>\
            <w:p><w:r><w:t>甲</w:t><w:br/><w:t>乙</w:t><w:cr/><w:t>丙</w:t><w:tab/><w:t>丁</w:t>\
            <w:br w:type=\"textWrapping\"/><w:t>戊</w:t></w:r></w:p>";
        assert_eq!(docx_text(body), "第一页末尾第二页\n甲\n乙\n丙\t丁\n戊");
    }

    #[test]
    fn deleted_text_field_codes_and_fallbacks_are_skipped() {
        let body = "<w:p><w:r><w:t>被告人</w:t></w:r><w:del w:id=\"1\"><w:r><w:delText>王某</w:delText></w:r></w:del>\
            <w:ins w:id=\"2\"><w:r><w:t>张某</w:t></w:r></w:ins></w:p>\
            <w:p><w:r><w:t xml:space=\"preserve\">第 </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>\
            <w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>\
            <w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:t xml:space=\"preserve\"> 页</w:t></w:r></w:p>\
            <w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx><w:txbxContent>\
            <w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>\
            <mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框副本</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>\
            </mc:AlternateContent></w:r></w:p>\
            <w:p><w:r><w:t>A &amp; B &lt;C&gt; &#x4E00;&#19968;</w:t></w:r></w:p>";
        assert_eq!(
            docx_text(body),
            "被告人张某\n第 2 页\n文本框\nA & B <C> 一一"
        );
    }

    #[test]
    fn empty_body_has_no_text() {
        let body =
            "<w:p/><w:p><w:pPr/></w:p><w:p><w:r><w:t xml:space=\"preserve\">  </w:t></w:r></w:p>";
        assert!(matches!(read(&docx(body)), Err(Error::NoText { .. })));
    }

    #[test]
    fn truncated_zip_is_malformed() {
        let bytes = docx(&(para(&[JUDGMENT]).repeat(3)));
        // document.xml is the first entry, so its name stays in every cut below.
        for cut in [bytes.len() - 1, bytes.len() - 30, bytes.len() / 2, 200] {
            match read(&bytes[..cut]) {
                Err(Error::Malformed { format, detail, .. }) => {
                    assert_eq!(format, "docx");
                    assert!(!detail.is_empty());
                }
                other => panic!("cut at {cut}: expected Malformed, got {other:?}"),
            }
        }
    }

    #[test]
    fn missing_document_part_is_malformed() {
        let bytes = docx_with_parts(&[("word/document.xml.bak", &document_xml(&para(&["正文"])))]);
        match read(&bytes) {
            Err(Error::Malformed { detail, .. }) => {
                assert!(detail.contains("word/document.xml"), "{detail}")
            }
            other => panic!("expected Malformed, got {other:?}"),
        }
    }

    #[test]
    fn bad_xml_is_malformed() {
        for xml in [
            "<w:document><w:body><w:p><w:r><w:t>张某</w:r></w:p></w:body></w:document>",
            "<w:document><w:body><w:p><w:r><w:t>张某 & 李某</w:t></w:r></w:p></w:body></w:document>",
            "<w:document><w:body><w:p><w:r><w:t>张某",
        ] {
            match read(&docx_with_parts(&[("word/document.xml", xml)])) {
                Err(Error::Malformed { detail, .. }) => {
                    assert!(detail.contains("document.xml"), "{detail}")
                }
                other => panic!("{xml}: expected Malformed, got {other:?}"),
            }
        }
    }

    #[test]
    fn xml_nesting_limit() {
        let deep = "<w:sdt><w:sdtContent>".repeat(100)
            + &para(&["正文"])
            + &"</w:sdtContent></w:sdt>".repeat(100);
        assert!(matches!(
            read(&docx(&deep)),
            Err(Error::Limit {
                limit: "max_depth",
                ..
            })
        ));
        let limits = Limits {
            max_depth: 1000,
            ..Limits::default()
        };
        let raw = read_bytes("<test>", &docx(&deep), &limits).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(raw.text, "正文");
    }

    // -- zip bombs ------------------------------------------------------------------------

    /// `word/document.xml` of about 200 MB of repeated paragraphs, deflated.
    fn bomb_data() -> (Vec<u8>, u64) {
        let xml = document_xml("");
        let header = xml
            .split_once("<w:sectPr>")
            .map(|(h, _)| h.to_string())
            .unwrap_or_else(|| panic!("no sectPr"));
        let footer = "</w:body></w:document>";
        let p = para(&["被告人张某犯盗窃罪，判处有期徒刑一年。"]);
        let chunk = p.repeat((1 << 20) / p.len());
        let copies = 200;
        let total = header.len() as u64 + chunk.len() as u64 * copies as u64 + footer.len() as u64;
        let data = repeated_deflate(
            header.as_bytes(),
            chunk.as_bytes(),
            copies,
            footer.as_bytes(),
        );
        (data, total)
    }

    #[test]
    fn zip_bomb_fails_with_limit_without_allocating() {
        let (data, total) = bomb_data();
        assert!(total > 200_000_000);
        let limits = Limits {
            max_decompressed_bytes: 4 * MIB,
            ..Limits::default()
        };

        // Honest headers: refused from the declared size alone.
        let honest = raw_zip("word/document.xml", &data, total as u32);
        let (r, peak) = peak_bytes(|| read_bytes("<bomb>", &honest, &limits));
        match r {
            Err(Error::Limit {
                limit: "max_decompressed_bytes",
                found,
                ..
            }) => assert_eq!(found, total),
            other => panic!("expected Limit, got {other:?}"),
        }
        assert!(peak < 16 * MIB as usize, "peak {peak} bytes");
        println!(
            "bomb ({} bytes, inflating to {total}): honest header refused, peak {peak} bytes",
            honest.len()
        );

        // Lying headers: the inflated bytes are counted while reading and reading stops
        // at the declared size or the limit, whichever comes first.
        for declared in [100_000u32, (3 * MIB) as u32, u32::MAX / 2] {
            let lying = raw_zip("word/document.xml", &data, declared);
            let (r, peak) = peak_bytes(|| read_bytes("<bomb>", &lying, &limits));
            match &r {
                Err(Error::Limit {
                    limit: "max_decompressed_bytes",
                    ..
                }) => assert!(u64::from(declared) > limits.max_decompressed_bytes),
                Err(Error::Malformed { detail, .. }) => {
                    assert!(u64::from(declared) <= limits.max_decompressed_bytes);
                    assert!(detail.contains("declared"), "{detail}");
                }
                other => panic!("declared {declared}: expected an error, got {other:?}"),
            }
            assert!(
                peak < 16 * MIB as usize,
                "declared {declared}: peak {peak} bytes"
            );
            println!("bomb declaring {declared} bytes: {r:?}, peak {peak} bytes");
        }
    }

    #[test]
    fn decompression_exactly_at_limit_is_read() {
        let xml = document_xml(&para(&[JUDGMENT]));
        let bytes = docx(&para(&[JUDGMENT]));
        let at = Limits {
            max_decompressed_bytes: xml.len() as u64,
            ..Limits::default()
        };
        assert!(read_bytes("<t>", &bytes, &at).is_ok());
        let below = Limits {
            max_decompressed_bytes: xml.len() as u64 - 1,
            ..Limits::default()
        };
        assert!(matches!(
            read_bytes("<t>", &bytes, &below),
            Err(Error::Limit { .. })
        ));
    }

    #[test]
    fn damaged_docx_never_panics() {
        let bytes = docx(&(para(&["被告人张", "3", "，女。"]).repeat(20)));
        // Flip bytes across the whole file, one position at a time.
        for i in (0..bytes.len()).step_by(7) {
            let mut d = bytes.clone();
            d[i] ^= 0x5A;
            let _ = read(&d);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Real-format fixtures against their ground truth

fn shared_fixtures() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures");
    if dir.join("truth").is_dir() {
        Some(dir)
    } else {
        println!(
            "SKIPPED: {} not found; real-format fidelity not checked",
            dir.display()
        );
        None
    }
}

/// Levenshtein distance between `a` and `b` and, for each prefix length of `a`, the
/// length of the prefix of `b` aligned with it.
fn align(a: &[char], b: &[char]) -> (usize, Vec<usize>) {
    let mut band = 16.max(a.len().abs_diff(b.len()) + 1);
    loop {
        if let Some(r) = align_in_band(a, b, band) {
            return r;
        }
        band *= 2;
    }
}

/// Edit distance restricted to alignments within `k` of the diagonal (Ukkonen): exact
/// whenever the result is at most `k`; `None` otherwise.
fn align_in_band(a: &[char], b: &[char], k: usize) -> Option<(usize, Vec<usize>)> {
    const INF: u32 = u32::MAX / 2;
    let (n, m) = (a.len(), b.len());
    let w = 2 * k + 1;
    let in_band = |i: usize, j: usize| j + k >= i && j <= i + k;
    let at = |i: usize, j: usize| i * w + (j + k - i);
    let mut d = vec![INF; (n + 1) * w];
    for j in 0..=m.min(k) {
        d[at(0, j)] = j as u32;
    }
    for i in 1..=n {
        for j in i.saturating_sub(k)..=m.min(i + k) {
            let mut v = INF;
            if j == 0 {
                v = i as u32;
            } else {
                v = v.min(d[at(i - 1, j - 1)] + u32::from(a[i - 1] != b[j - 1]));
                if in_band(i, j - 1) {
                    v = v.min(d[at(i, j - 1)] + 1);
                }
            }
            if in_band(i - 1, j) {
                v = v.min(d[at(i - 1, j)] + 1);
            }
            d[at(i, j)] = v;
        }
    }
    if !in_band(n, m) {
        return None;
    }
    let dist = d[at(n, m)] as usize;
    if dist > k {
        return None;
    }
    let mut map = vec![0; n + 1];
    let (mut i, mut j) = (n, m);
    map[n] = m;
    while i > 0 || j > 0 {
        let cur = d[at(i, j)];
        if i > 0 && j > 0 && d[at(i - 1, j - 1)] + u32::from(a[i - 1] != b[j - 1]) == cur {
            i -= 1;
            j -= 1;
        } else if i > 0 && in_band(i - 1, j) && d[at(i - 1, j)] + 1 == cur {
            i -= 1;
        } else {
            j -= 1;
        }
        map[i] = j;
    }
    Some((dist, map))
}

/// Non-whitespace characters of `text`, and the positions in them of paragraph breaks.
fn chars_and_breaks(text: &str) -> (Vec<char>, Vec<usize>) {
    let mut chars = Vec::new();
    let mut breaks = Vec::new();
    for line in text.lines() {
        let before = chars.len();
        chars.extend(line.chars().filter(|c| !c.is_whitespace()));
        if chars.len() > before {
            breaks.push(chars.len());
        }
    }
    breaks.pop(); // the end of the text is no break
    (chars, breaks)
}

struct Fidelity {
    cer: f64,
    breaks_found: f64,
    spurious: f64,
    truth_breaks: usize,
    got_breaks: usize,
}

fn fidelity(truth: &str, got: &str) -> Fidelity {
    let (tc, tb) = chars_and_breaks(truth);
    let (gc, gb) = chars_and_breaks(got);
    let (dist, map) = align(&tc, &gc);
    // A break is found when the output has one exactly where the alignment puts it.
    let got: std::collections::HashSet<usize> = gb.iter().copied().collect();
    let expected: std::collections::HashSet<usize> = tb.iter().map(|&p| map[p]).collect();
    let found = tb.iter().filter(|&&p| got.contains(&map[p])).count();
    let spurious = gb.iter().filter(|q| !expected.contains(q)).count();
    Fidelity {
        cer: dist as f64 / tc.len().max(1) as f64,
        breaks_found: found as f64 / tb.len().max(1) as f64,
        spurious: spurious as f64 / gb.len().max(1) as f64,
        truth_breaks: tb.len(),
        got_breaks: gb.len(),
    }
}

#[test]
fn fidelity_measure_itself() {
    let f = fidelity("甲乙丙\n丁戊\n己", "甲乙丙\n丁戊\n己");
    assert_eq!((f.cer, f.breaks_found, f.spurious), (0.0, 1.0, 0.0));
    let f = fidelity("甲乙丙\n丁戊\n己", "甲乙X丙丁\n戊己");
    assert!((f.cer - 1.0 / 6.0).abs() < 1e-9);
    assert_eq!(f.breaks_found, 0.0);
    assert_eq!(f.spurious, 1.0);
}

#[test]
fn real_fixtures_match_truth() {
    let Some(dir) = shared_fixtures() else {
        return;
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            (cfg!(feature = "docx") && name.ends_with(".docx")) || name.ends_with(".gb18030.txt")
        })
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "no DOCX or GB18030 fixtures in {}",
        dir.display()
    );

    println!(
        "{:<24} {:>8} {:>9} {:>13} {:>11} {:>9}",
        "file", "chars", "CER %", "breaks found", "spurious %", "ms"
    );
    let mut failures = Vec::new();
    for path in &files {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let base = name.split('.').next().unwrap_or_default();
        let truth_path = dir.join("truth").join(format!("{base}.txt"));
        let truth = std::fs::read_to_string(&truth_path)
            .unwrap_or_else(|e| panic!("{}: {e}", truth_path.display()));
        let start = Instant::now();
        let raw = match read_path(path, &Limits::default()) {
            Ok(raw) => raw,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        let ms = start.elapsed().as_secs_f64() * 1e3;
        let f = fidelity(&truth, &raw.text);
        println!(
            "{:<24} {:>8} {:>9.3} {:>6}/{:<6} {:>11.2} {:>9.2}",
            name,
            truth.chars().filter(|c| !c.is_whitespace()).count(),
            f.cer * 100.0,
            (f.breaks_found * f.truth_breaks as f64).round(),
            f.truth_breaks,
            f.spurious * 100.0,
            ms
        );
        if f.cer > 0.001 {
            failures.push(format!("{name}: CER {:.3} % > 0.1 %", f.cer * 100.0));
        }
        if f.breaks_found < 0.98 {
            failures.push(format!(
                "{name}: {:.1} % of paragraph breaks found < 98 %",
                f.breaks_found * 100.0
            ));
        }
        if f.spurious > 0.01 {
            failures.push(format!(
                "{name}: {:.2} % of {} breaks spurious > 1 %",
                f.spurious * 100.0,
                f.got_breaks
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
