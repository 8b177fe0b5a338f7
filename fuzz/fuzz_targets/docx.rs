//! DOCX: the input is `word/document.xml`, wrapped in a valid archive, so that the fuzzer
//! works on the XML rather than on the zip checksums. Inputs that already start with a zip
//! header are read as they are.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::Write;
use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

fn wrap(xml: &[u8], deflate: bool) -> Option<Vec<u8>> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let method = if deflate {
        CompressionMethod::Deflated
    } else {
        CompressionMethod::Stored
    };
    let opts = SimpleFileOptions::default().compression_method(method);
    w.start_file("[Content_Types].xml", opts).ok()?;
    w.write_all(b"<?xml version=\"1.0\"?><Types/>").ok()?;
    w.start_file("word/document.xml", opts).ok()?;
    w.write_all(xml).ok()?;
    Some(w.finish().ok()?.into_inner())
}

fuzz_target!(|data: &[u8]| {
    let limits = wenshu_fuzz::limits();
    if data.starts_with(b"PK\x03\x04") {
        wenshu_fuzz::check_read(wenshu::read::read_bytes("fuzz", data, &limits));
        return;
    }
    let Some((&mode, xml)) = data.split_first() else {
        return;
    };
    if let Some(docx) = wrap(xml, mode & 1 == 1) {
        wenshu_fuzz::check_read(wenshu::read::read_bytes("fuzz", &docx, &limits));
    }
});
