//! The loader: any bytes, every format (text in any encoding, HTML, DOCX, PDF).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let raw = wenshu::read::read_bytes("fuzz", data, &wenshu_fuzz::limits());
    wenshu_fuzz::check_read(raw);
});
