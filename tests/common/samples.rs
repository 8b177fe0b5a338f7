//! Invented judgment texts and small files in every input format, shared by the property
//! and adversarial tests and by the fuzz seed generator (`examples/fuzz_seeds.rs`).
//! All names, courts and numbers are made up.

#![allow(dead_code, clippy::expect_used, clippy::unwrap_used)]

/// A first-instance judgment, one defendant, ordinary shape.
pub const JUDGMENT_ONE: &str = "\
江宁县人民法院
刑 事 判 决 书
（2021）苏0115刑初207号
公诉机关江宁县人民检察院。
被告人周小明，男，1990年7月3日出生于江宁县，汉族，高中文化，无业，住江宁县秣陵镇。2015年3月因犯盗窃罪被江宁县人民法院判处有期徒刑一年，2016年1月刑满释放。因涉嫌犯盗窃罪于2021年2月4日被江宁县公安局刑事拘留，同年3月10日被逮捕。现羁押于江宁县看守所。
辩护人吴建国，某律师事务所律师。
江宁县人民检察院以宁检刑诉〔2021〕188号起诉书指控被告人周小明犯盗窃罪，于2021年5月6日向本院提起公诉。本院依法适用简易程序，公开开庭审理了本案。
公诉机关指控，2021年1月至2月间，被告人周小明在江宁县多次窃取他人财物，价值共计人民币8,650元。
经审理查明的事实与指控一致。
上述事实，有被害人陈述、证人证言、监控录像等证据证实，足以认定。
本院认为，被告人周小明以非法占有为目的，多次秘密窃取他人财物，数额较大，其行为已构成盗窃罪。被告人周小明曾因故意犯罪被判处有期徒刑，刑罚执行完毕后五年内再犯应当判处有期徒刑以上刑罚之罪，系累犯，依法应当从重处罚。被告人周小明到案后如实供述自己的罪行，可以从轻处罚。依照《中华人民共和国刑法》第二百六十四条、第六十五条第一款、第六十七条第三款之规定，判决如下：
被告人周小明犯盗窃罪，判处有期徒刑一年三个月，并处罚金人民币五千元。
（刑期从判决执行之日起计算。判决执行以前先行羁押的，羁押一日折抵刑期一日，即自2021年2月4日起至2022年5月3日止。）
如不服本判决，可在接到判决书的第二日起十日内，通过本院或者直接向某市中级人民法院提出上诉。
审判员　郑丽华
二〇二一年六月十八日
书记员　孙晓
";

/// Two defendants, several charges for one of them (数罪并罚), probation for the other.
pub const JUDGMENT_TWO: &str = "\
青石市北湖区人民法院
刑事判决书
（2022）青0102刑初55号
公诉机关青石市北湖区人民检察院。
被告人马立强，男，1983年11月20日出生，汉族，初中文化，个体户。因涉嫌犯诈骗罪于2022年1月8日被刑事拘留，同月21日被逮捕。
被告人何芳芳，女，1995年出生，汉族，大专文化。因涉嫌犯诈骗罪于2022年1月9日被取保候审。
青石市北湖区人民检察院以北检刑诉〔2022〕31号起诉书指控被告人马立强犯诈骗罪、伪造公司印章罪，被告人何芳芳犯诈骗罪，于2022年3月2日向本院提起公诉。本院依法组成合议庭，适用普通程序，公开开庭审理了本案。
经审理查明：2021年间，被告人马立强伙同何芳芳虚构投资项目，骗取被害人财物共计人民币十二万元。
本院认为，被告人马立强、何芳芳以非法占有为目的，骗取他人财物，数额巨大，其行为均已构成诈骗罪。在共同犯罪中，被告人何芳芳起次要作用，系从犯，依法应当减轻处罚。被告人何芳芳自愿认罪认罚，退赔被害人全部损失并取得谅解。依照《中华人民共和国刑法》第二百六十六条、第二百八十条第二款、第二十七条、第六十九条、第七十二条之规定，判决如下：
一、被告人马立强犯诈骗罪，判处有期徒刑四年，并处罚金人民币三万元；犯伪造公司印章罪，判处有期徒刑一年，并处罚金人民币五千元；决定执行有期徒刑四年六个月，并处罚金人民币三万五千元。
（刑期从判决执行之日起计算。判决执行以前先行羁押的，羁押一日折抵刑期一日，即自2022年1月8日起至2026年7月7日止。）
二、被告人何芳芳犯诈骗罪，判处有期徒刑二年，缓刑三年，并处罚金人民币一万元。
如不服本判决，可在接到判决书的第二日起十日内提出上诉。
审　判　长　李卫东
人民陪审员　王秀兰
二〇二二年五月九日
书　记　员　赵宁
";

/// A ruling on appeal, with lost line breaks (paragraphs joined by spaces).
pub const RULING: &str = "某市中级人民法院 刑事裁定书 （2020）某01刑终88号 原公诉机关某县人民检察院。 上诉人（原审被告人）钱二，男，1978年2月2日出生，汉族，农民。因涉嫌犯故意伤害罪于2019年9月1日被刑事拘留，同年9月15日被逮捕。 某县人民法院审理某县人民检察院指控原审被告人钱二犯故意伤害罪一案，于2020年3月3日作出（2020）某0121刑初12号刑事判决。原审被告人钱二不服，提出上诉。本院依法组成合议庭审理了本案。 原判认定，2019年8月30日，钱二因琐事与被害人发生争执，持木棍将其打成轻伤二级。 本院认为，上诉人钱二故意伤害他人身体，致一人轻伤，其行为已构成故意伤害罪。上诉人提出其系自首的意见，经查，其系被抓获归案，不构成自首，该意见不予采纳。依照《中华人民共和国刑事诉讼法》第二百三十六条第一款第（一）项之规定，裁定如下： 驳回上诉，维持原判。 本裁定为终审裁定。 审判长 周某 审判员 吴某 二〇二〇年五月二十日 书记员 郑某";

/// Every sample judgment.
pub const JUDGMENTS: [&str; 3] = [JUDGMENT_ONE, JUDGMENT_TWO, RULING];

/// The GB18030 bytes of `text`.
pub fn gbk(text: &str) -> Vec<u8> {
    encoding_rs::GB18030.encode(text).0.into_owned()
}

#[cfg(feature = "docx")]
/// A DOCX holding one paragraph per line of `text`, the last paragraph split into runs.
pub fn docx(text: &str) -> Vec<u8> {
    let mut body = String::new();
    for line in text.lines() {
        let esc = line
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        let mid = esc.char_indices().nth(3).map_or(esc.len(), |(i, _)| i);
        body.push_str(&format!(
            "<w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr><w:r><w:t>{}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            &esc[..mid],
            &esc[mid..]
        ));
    }
    docx_with_xml(&document_xml(&body))
}

/// `word/document.xml` with `body` inside `w:body`.
pub fn document_xml(body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}<w:sectPr/></w:body></w:document>"
    )
}

#[cfg(feature = "docx")]
/// A DOCX archive whose `word/document.xml` is `xml`, deflated.
pub fn docx_with_xml(xml: &str) -> Vec<u8> {
    zip_of(&[
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>".as_bytes(),
        ),
        ("word/document.xml", xml.as_bytes()),
    ])
}

#[cfg(feature = "docx")]
/// A zip archive of the given parts, deflated.
pub fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        w.start_file(*name, opts).expect("zip entry");
        w.write_all(data).expect("zip data");
    }
    w.finish().expect("zip archive").into_inner()
}

#[cfg(feature = "pdf")]
/// A one-page PDF with a Helvetica text line per entry of `lines` (ASCII only), its
/// content stream FlateDecode-compressed.
pub fn pdf(lines: &[&str]) -> Vec<u8> {
    use lopdf::content::{Content, Operation};
    use lopdf::{dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
    });
    let resources_id = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font_id },
    });
    let mut ops = vec![
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec!["F1".into(), 12.into()]),
        Operation::new("TL", vec![16.into()]),
        Operation::new("Td", vec![72.into(), 760.into()]),
    ];
    for line in lines {
        ops.push(Operation::new("Tj", vec![Object::string_literal(*line)]));
        ops.push(Operation::new("T*", vec![]));
    }
    ops.push(Operation::new("ET", vec![]));
    let content = Content { operations: ops };
    let mut stream = Stream::new(dictionary! {}, content.encode().expect("content"));
    stream.compress().expect("compress");
    let content_id = doc.add_object(stream);
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "Contents" => content_id,
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![page_id.into()],
            "Count" => 1,
            "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
    });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("pdf");
    out
}

#[cfg(feature = "pdf")]
/// A one-page PDF whose Chinese text is set in a Type0 font with Identity-H encoding and a
/// ToUnicode CMap (two-byte codes = the UTF-16 code units).
pub fn pdf_cjk(lines: &[&str]) -> Vec<u8> {
    use lopdf::content::{Content, Operation};
    use lopdf::{dictionary, Document, Object, Stream, StringFormat};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let mut chars: Vec<u16> = lines.iter().flat_map(|l| l.encode_utf16()).collect();
    chars.sort_unstable();
    chars.dedup();
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for chunk in chars.chunks(100) {
        cmap.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for c in chunk {
            cmap.push_str(&format!("<{c:04X}> <{c:04X}>\n"));
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    let to_unicode = doc.add_object(Stream::new(dictionary! {}, cmap.into_bytes()));
    let descendant = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => "SimSunTest",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "DW" => 1000,
    });
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => "SimSunTest",
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![descendant.into()],
        "ToUnicode" => to_unicode,
    });
    let resources_id = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font_id },
    });
    let mut ops = vec![
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec!["F1".into(), 12.into()]),
        Operation::new("TL", vec![18.into()]),
        Operation::new("Td", vec![72.into(), 760.into()]),
    ];
    for line in lines {
        let codes: Vec<u8> = line.encode_utf16().flat_map(u16::to_be_bytes).collect();
        ops.push(Operation::new(
            "Tj",
            vec![Object::String(codes, StringFormat::Hexadecimal)],
        ));
        ops.push(Operation::new("T*", vec![]));
    }
    ops.push(Operation::new("ET", vec![]));
    let content = Content { operations: ops };
    let content_id = doc.add_object(Stream::new(
        dictionary! {},
        content.encode().expect("content"),
    ));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "Contents" => content_id,
        "Resources" => resources_id,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![page_id.into()],
            "Count" => 1,
        }),
    );
    let catalog_id = doc.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
    });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("pdf");
    out
}

/// An HTML page of a publication site holding `text`, one `<p>` per line.
pub fn html(text: &str, charset: &str) -> String {
    let mut s = format!(
        "<!DOCTYPE html><html><head><meta charset=\"{charset}\"><title>裁判文书</title><script>var x = 1 < 2;</script></head><body><div class=\"content\">"
    );
    for line in text.lines() {
        s.push_str("<p>");
        s.push_str(&line.replace('&', "&amp;").replace('<', "&lt;"));
        s.push_str("</p>\n");
    }
    s.push_str("</div><div style=\"display:none\">隐藏</div></body></html>");
    s
}
