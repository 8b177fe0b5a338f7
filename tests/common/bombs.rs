//! Hostile inputs built in memory: decompression bombs (never holding the inflated data),
//! hand-written PDFs with deep nesting and reference cycles, huge texts. Shared by
//! tests/adversarial.rs and `examples/bombs.rs` (which measures peak memory).

#![allow(dead_code, clippy::expect_used, clippy::unwrap_used, clippy::panic)]

pub const MIB: u64 = 1 << 20;
pub const GIB: u64 = 1 << 30;

/// Raw deflate data inflating to `header`, `copies` × `chunk`, then `footer`. Each piece is
/// flushed to a byte boundary with a reset dictionary, so one compressed chunk is repeated.
pub fn repeated_deflate(header: &[u8], chunk: &[u8], copies: usize, footer: &[u8]) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress, Status};
    let mut c = Compress::new(Compression::best(), false);
    let mut piece = |input: &[u8], flush: FlushCompress| {
        let mut out = Vec::with_capacity(input.len() / 64 + 4096);
        let mut consumed = 0;
        loop {
            out.reserve(4096);
            let before = c.total_in();
            let status = c
                .compress_vec(&input[consumed..], &mut out, flush)
                .expect("deflate");
            consumed += (c.total_in() - before) as usize;
            let flushed = consumed == input.len() && out.len() < out.capacity();
            if status == Status::StreamEnd || (flushed && flush != FlushCompress::Finish) {
                break;
            }
        }
        out
    };
    let mut data = piece(header, FlushCompress::Full);
    let compressed = piece(chunk, FlushCompress::Full);
    data.reserve(compressed.len() * copies);
    for _ in 0..copies {
        data.extend_from_slice(&compressed);
    }
    data.extend(piece(footer, FlushCompress::Finish));
    data
}

/// A zlib stream (FlateDecode) of `total` zero bytes, with a correct checksum.
pub fn zlib_zeros(total: u64) -> Vec<u8> {
    let chunk = vec![0u8; MIB as usize];
    let copies = (total / MIB) as usize;
    let mut z = vec![0x78, 0xDA];
    z.extend(repeated_deflate(b"", &chunk, copies, b""));
    // Adler-32 of n zero bytes: a stays 1, b grows by 1 per byte.
    let n = copies as u64 * MIB;
    let adler = ((n % 65521) << 16) | 1;
    z.extend_from_slice(&(adler as u32).to_be_bytes());
    z
}

/// A PDF from object bodies: object `i + 1` is `objects[i]`; object 1 is the catalog.
/// Streams are given as (dictionary entries, data).
pub enum Obj {
    Plain(String),
    Stream(String, Vec<u8>),
}

pub fn raw_pdf(objects: &[Obj]) -> Vec<u8> {
    let mut out = b"%PDF-1.5\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        match o {
            Obj::Plain(body) => out.extend_from_slice(body.as_bytes()),
            Obj::Stream(dict, data) => {
                out.extend_from_slice(
                    format!("<< {dict} /Length {} >>\nstream\n", data.len()).as_bytes(),
                );
                out.extend_from_slice(data);
                out.extend_from_slice(b"\nendstream");
            }
        }
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

const FONT: &str = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

/// Catalog, pages, one page with `content` and resources `extra_resources` (objects 1–4,
/// font 5); `more` objects follow as 6, 7, ….
pub fn one_page_pdf(content: Obj, extra_resources: &str, more: Vec<Obj>) -> Vec<u8> {
    let mut objs = vec![
        Obj::Plain("<< /Type /Catalog /Pages 2 0 R >>".into()),
        Obj::Plain("<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into()),
        Obj::Plain(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> {extra_resources} >> >>"
        )),
        content,
        Obj::Plain(FONT.into()),
    ];
    objs.extend(more);
    raw_pdf(&objs)
}

/// A PDF whose page content is a FlateDecode stream inflating to `total` zero bytes.
pub fn pdf_flate_bomb(total: u64) -> Vec<u8> {
    one_page_pdf(
        Obj::Stream("/Filter /FlateDecode".into(), zlib_zeros(total)),
        "",
        Vec::new(),
    )
}

/// Text operators drawing one line.
pub fn text_ops(s: &str) -> Vec<u8> {
    format!("BT /F1 12 Tf 72 700 Td ({s}) Tj ET").into_bytes()
}

/// A PDF with an object nested `depth` arrays deep (referenced from the page).
pub fn pdf_nested_object(depth: usize) -> Vec<u8> {
    let nested = "[".repeat(depth) + &"]".repeat(depth);
    one_page_pdf(
        Obj::Stream(String::new(), text_ops("Nested")),
        "/Properties << /P1 6 0 R >>",
        vec![Obj::Plain(nested)],
    )
}

/// A PDF whose content stream opens `depth` arrays (and dictionaries) before a text operator.
pub fn pdf_nested_content(depth: usize) -> Vec<u8> {
    let mut content = "[".repeat(depth).into_bytes();
    content.extend("<<".repeat(depth).bytes());
    content.extend(text_ops("Deep"));
    one_page_pdf(Obj::Stream(String::new(), content), "", Vec::new())
}

/// Reference cycles: a page tree whose Kids include itself, a Form XObject drawing itself,
/// a Contents reference chain that loops, a Resources entry pointing at itself.
pub fn pdf_cycles() -> Vec<Vec<u8>> {
    let self_kid = raw_pdf(&[
        Obj::Plain("<< /Type /Catalog /Pages 2 0 R >>".into()),
        Obj::Plain("<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>".into()),
        Obj::Plain("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".into()),
        Obj::Stream(String::new(), text_ops("Loop")),
        Obj::Plain(FONT.into()),
    ]);
    let parent_loop = raw_pdf(&[
        Obj::Plain("<< /Type /Catalog /Pages 2 0 R >>".into()),
        Obj::Plain("<< /Type /Pages /Kids [6 0 R] /Count 1 /Parent 6 0 R >>".into()),
        Obj::Plain("<< /Type /Page /Parent 6 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".into()),
        Obj::Stream(String::new(), text_ops("Parent")),
        Obj::Plain(FONT.into()),
        Obj::Plain("<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 1 /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> >>".into()),
    ]);
    let self_form = one_page_pdf(
        Obj::Stream(String::new(), b"/X1 Do BT /F1 12 Tf 72 700 Td (Form) Tj ET".to_vec()),
        "/XObject << /X1 6 0 R >>",
        vec![Obj::Stream(
            "/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /X1 6 0 R >> /Font << /F1 5 0 R >> >>".into(),
            b"/X1 Do BT /F1 12 Tf 72 650 Td (Inner) Tj ET".to_vec(),
        )],
    );
    let mutual_forms = one_page_pdf(
        Obj::Stream(String::new(), b"/A Do".to_vec()),
        "/XObject << /A 6 0 R >>",
        vec![
            Obj::Stream(
                "/Type /XObject /Subtype /Form /BBox [0 0 9 9] /Resources << /XObject << /B 7 0 R >> >>".into(),
                b"/B Do".to_vec(),
            ),
            Obj::Stream(
                "/Type /XObject /Subtype /Form /BBox [0 0 9 9] /Resources << /XObject << /A 6 0 R >> /Font << /F1 5 0 R >> >>".into(),
                b"/A Do BT /F1 12 Tf 72 650 Td (Mutual) Tj ET".to_vec(),
            ),
        ],
    );
    let reference_chain = raw_pdf(&[
        Obj::Plain("<< /Type /Catalog /Pages 2 0 R >>".into()),
        Obj::Plain("<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into()),
        Obj::Plain("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources 6 0 R >>".into()),
        Obj::Plain("7 0 R".into()),
        Obj::Plain(FONT.into()),
        Obj::Plain("6 0 R".into()),
        Obj::Plain("4 0 R".into()),
    ]);
    vec![
        self_kid,
        parent_loop,
        self_form,
        mutual_forms,
        reference_chain,
    ]
}

/// `word/document.xml` of about `total` bytes of judgment paragraphs, in a DOCX whose zip
/// headers declare `declared` bytes (the real size, or a lie).
pub fn docx_bomb(total: u64, declared: Option<u32>) -> (Vec<u8>, u64) {
    let header = "<?xml version=\"1.0\"?><w:document xmlns:w=\"w\"><w:body>";
    let footer = "</w:body></w:document>";
    let p = "<w:p><w:r><w:t>被告人张某，男，1985年3月12日出生，因涉嫌犯盗窃罪被刑事拘留。</w:t></w:r></w:p>";
    let chunk = p.repeat(MIB as usize / p.len());
    let copies = (total / chunk.len() as u64).max(1) as usize;
    let size = (header.len() + chunk.len() * copies + footer.len()) as u64;
    let data = repeated_deflate(
        header.as_bytes(),
        chunk.as_bytes(),
        copies,
        footer.as_bytes(),
    );
    let declared = declared.unwrap_or(u32::try_from(size).unwrap_or(u32::MAX));
    (raw_zip("word/document.xml", &data, declared), size)
}

/// A zip of one deflated entry with the sizes written into its headers as given.
pub fn raw_zip(name: &str, deflated: &[u8], declared_size: u32) -> Vec<u8> {
    let mut z = Vec::with_capacity(deflated.len() + 256);
    let name = name.as_bytes();
    let compressed = deflated.len() as u32;
    let common = |z: &mut Vec<u8>| {
        z.extend_from_slice(&0u16.to_le_bytes()); // flags
        z.extend_from_slice(&8u16.to_le_bytes()); // deflate
        z.extend_from_slice(&[0, 0, 0x21, 0]); // time, date
        z.extend_from_slice(&0u32.to_le_bytes()); // crc (never reached)
        z.extend_from_slice(&compressed.to_le_bytes());
        z.extend_from_slice(&declared_size.to_le_bytes());
        z.extend_from_slice(&(name.len() as u16).to_le_bytes());
    };
    z.extend_from_slice(b"PK\x03\x04");
    z.extend_from_slice(&20u16.to_le_bytes());
    common(&mut z);
    z.extend_from_slice(&0u16.to_le_bytes());
    z.extend_from_slice(name);
    z.extend_from_slice(deflated);
    let cd_start = z.len() as u32;
    z.extend_from_slice(b"PK\x01\x02");
    z.extend_from_slice(&20u16.to_le_bytes());
    z.extend_from_slice(&20u16.to_le_bytes());
    common(&mut z);
    z.extend_from_slice(&[0; 8]);
    z.extend_from_slice(&0u32.to_le_bytes());
    z.extend_from_slice(&0u32.to_le_bytes());
    z.extend_from_slice(name);
    let cd_len = z.len() as u32 - cd_start;
    z.extend_from_slice(b"PK\x05\x06");
    z.extend_from_slice(&[0; 4]);
    z.extend_from_slice(&1u16.to_le_bytes());
    z.extend_from_slice(&1u16.to_le_bytes());
    z.extend_from_slice(&cd_len.to_le_bytes());
    z.extend_from_slice(&cd_start.to_le_bytes());
    z.extend_from_slice(&0u16.to_le_bytes());
    z
}

/// A judgment whose parties section holds `n` defendant paragraphs, joined by `sep`.
pub fn many_defendants(n: usize, sep: &str, distinct: bool) -> String {
    let mut s =
        String::from("某县人民法院\n刑事判决书\n（2023）某0102刑初1号\n公诉机关某县人民检察院。\n");
    s.reserve(n * 80);
    for i in 0..n {
        if distinct {
            s.push_str(&format!("被告人张{i}，男，1985年3月12日出生，汉族。"));
        } else {
            s.push_str("被告人张某，男，1985年3月12日出生，汉族。");
        }
        s.push_str(sep);
    }
    s.push_str("\n本院认为，被告人张某构成盗窃罪。判决如下：\n被告人张某犯盗窃罪，判处拘役五个月。\n审判员 李某\n二〇二三年四月十日");
    s
}

/// One line of `bytes` bytes of judgment text without any line break.
pub fn single_line(bytes: usize) -> String {
    let unit = "被告人张某，男，1985年3月12日出生，因涉嫌犯盗窃罪于2023年1月5日被刑事拘留，判处有期徒刑一年。";
    let mut s = unit.repeat(bytes / unit.len() + 1);
    let mut cut = bytes.min(s.len());
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    s.truncate(cut);
    s
}
