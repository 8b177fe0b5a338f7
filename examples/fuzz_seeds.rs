//! Writes the seed corpora of the fuzz targets (`fuzz/seeds/TARGET/`).
//!
//! ```text
//! cargo run --example fuzz_seeds -- fuzz/seeds
//! ```
//!
//! Every seed is made here from invented text: judgments, a GB18030 rendering, UTF-16, HTML,
//! a DOCX, PDFs built with lopdf. Re-running rewrites the same files.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

#[path = "../tests/common/samples.rs"]
mod samples;

use samples::*;
use std::path::Path;

fn write(dir: &Path, target: &str, name: &str, data: &[u8]) {
    let d = dir.join(target);
    std::fs::create_dir_all(&d).expect("seed folder");
    std::fs::write(d.join(name), data).expect("seed file");
}

/// The first `n` lines of a judgment: seeds stay small so that inputs mutate quickly.
fn head(text: &str, n: usize) -> String {
    text.lines().take(n).collect::<Vec<_>>().join("\n")
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "fuzz/seeds".to_string());
    let dir = Path::new(&dir);

    // Extraction: whole invented judgments, and fragments of the shapes that matter.
    for (i, j) in JUDGMENTS.iter().enumerate() {
        write(dir, "judgment", &format!("judgment-{i}.txt"), j.as_bytes());
    }
    write(
        dir,
        "judgment",
        "operative-only.txt",
        "本院认为，被告人甲某构成盗窃罪。判决如下：被告人甲某犯盗窃罪，判处拘役五个月，缓刑六个月。（刑期自2020年1月1日起至2020年5月31日止。） 审判员 乙某 二〇二〇年六月一日"
            .as_bytes(),
    );

    // Procuratorate documents, and a case of three documents for the checker (form feeds
    // separate the documents of one input).
    write(
        dir,
        "procuratorate",
        "indictment.txt",
        INDICTMENT.as_bytes(),
    );
    write(dir, "procuratorate", "arrest.txt", ARREST.as_bytes());
    let case = [JUDGMENT_ONE, INDICTMENT, ARREST].join("\u{0C}");
    write(dir, "checker", "case.txt", case.as_bytes());
    write(
        dir,
        "checker",
        "two.txt",
        [JUDGMENT_TWO, RULING].join("\u{0C}").as_bytes(),
    );

    // The normaliser: full-width forms, spaced titles, year digits, blanks of every kind.
    let norm = [
        "刑 事 判 决 书\r\n（２０２１）苏０１１５刑初２０７号\u{3000}\u{3000}被告人周小明，",
        "二○二一年六月十八日 二O二一年 二0二一年 ［2021］【2021】(2021)",
        "张\u{200B}某\u{00A0}\u{00A0}李某\t\t王某\u{FEFF}\n  \n起\u{3000}诉\u{3000}书",
        "ＡＢＣ１２３ａｂｃ％＋－．",
    ];
    for (i, t) in norm.iter().enumerate() {
        write(dir, "normalize", &format!("norm-{i}.txt"), t.as_bytes());
    }
    write(
        dir,
        "normalize",
        "judgment.txt",
        head(JUDGMENT_ONE, 6).as_bytes(),
    );

    // Primitives: one value of each kind per line.
    let prims = [
        "二〇一七年六月二十八日",
        "2017年4月28日，同年5月3日，次日",
        "2017.3.12 2017-03-12 ２０１７年６月２８日",
        "人民币3,200元 三千二百元 1.5万元 十余万元 壹万贰仟元",
        "一年六个月 十五日 二年零六个月",
        "11010519491231002X 110105194912310021",
        "（2021）苏0115刑初207号 宁检刑诉〔2021〕188号",
        "《中华人民共和国刑法》第二百六十四条、第六十五条第一款、第六十七条第三款",
        "第二百三十六条第一款第（一）项",
    ];
    for (i, t) in prims.iter().enumerate() {
        write(dir, "primitives", &format!("prim-{i}.txt"), t.as_bytes());
    }

    // The loader: every format.
    let short = head(JUDGMENT_ONE, 8);
    write(dir, "read_bytes", "utf8.txt", short.as_bytes());
    write(dir, "read_bytes", "gb18030.txt", &gbk(&short));
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            head(JUDGMENT_TWO, 4)
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    write(dir, "read_bytes", "utf16le.txt", &utf16);
    write(
        dir,
        "read_bytes",
        "page-utf8.html",
        html(&head(JUDGMENT_TWO, 5), "utf-8").as_bytes(),
    );
    write(
        dir,
        "read_bytes",
        "page-gbk.html",
        &gbk(&html(&head(RULING, 1), "gbk")),
    );
    let small_docx = docx(&head(JUDGMENT_ONE, 5));
    write(dir, "read_bytes", "small.docx", &small_docx);
    let pdf_latin = pdf(&["People's Court", "Criminal Judgment", "(2021) No. 207"]);
    let pdf_chinese = pdf_cjk(&[
        "江宁县人民法院",
        "刑事判决书",
        "被告人周小明，男，1990年7月3日出生。",
    ]);
    write(dir, "read_bytes", "latin.pdf", &pdf_latin);
    write(dir, "read_bytes", "cjk.pdf", &pdf_chinese);

    // The PDF reader.
    write(dir, "pdf", "latin.pdf", &pdf_latin);
    write(dir, "pdf", "cjk.pdf", &pdf_chinese);

    // DOCX: a mode byte (bit 0: deflate) then document.xml; a whole archive as is.
    let xml = document_xml(
        "<w:p><w:r><w:t>被告人周</w:t></w:r><w:r><w:t>小明</w:t></w:r><w:r><w:tab/><w:t xml:space=\"preserve\">A &amp; B &#x4E00;</w:t><w:br/><w:t>下</w:t><w:br w:type=\"page\"/></w:r></w:p>\
         <w:tbl><w:tr><w:tc><w:p><w:r><w:t>单元格</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\
         <w:p><w:r><w:delText>删</w:delText><w:instrText>PAGE</w:instrText><w:t>留</w:t></w:r></w:p>",
    );
    write(
        dir,
        "docx",
        "stored.xml",
        &[&[0u8][..], xml.as_bytes()].concat(),
    );
    write(
        dir,
        "docx",
        "deflated.xml",
        &[&[1u8][..], xml.as_bytes()].concat(),
    );
    write(dir, "docx", "small.docx", &small_docx);
    println!("seeds written to {}", dir.display());
}
