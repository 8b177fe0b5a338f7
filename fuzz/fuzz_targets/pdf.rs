//! The PDF text layer on its own (also for inputs whose header the sniffer would not take).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let raw = wenshu::read::pdf::read_pdf("fuzz", data, &wenshu_fuzz::limits());
    wenshu_fuzz::check_read(raw);
});
