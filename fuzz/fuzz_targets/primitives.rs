//! Numerals, money, dates, terms, ID numbers, citations and case numbers on any string:
//! no panic, every span inside the string on char boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wenshu::primitives::*;

fn inside(s: &str, r: &std::ops::Range<usize>) {
    assert!(r.start <= r.end && r.end <= s.len(), "{r:?} outside {} bytes", s.len());
    assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end), "{r:?} off a boundary");
}

fuzz_target!(|s: &str| {
    let _ = parse_numeral(s);
    let _ = parse_int(s);
    let _ = parse_date(s);
    let _ = parse_money(s);
    let _ = parse_term(s);
    let _ = parse_id_number(s);
    let _ = check_char(s);
    let _ = number_key(s);
    for d in find_dates(s) {
        inside(s, &d.span);
        let _ = d.date.to_string();
        let _ = d.date.add_months(1200);
        let _ = d.date.add_days(-100_000);
    }
    for m in find_money(s) {
        inside(s, &m.span);
    }
    for a in find_articles(s) {
        inside(s, &a.span);
    }
    if let Some(n) = find_case_number(s) {
        inside(s, &n.span);
    }
    for r in find_document_numbers(s) {
        inside(s, &r);
    }
});
