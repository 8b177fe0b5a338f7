//! Primitives every extractor builds on: numerals, money, dates, terms, ID numbers,
//! law citations, case and document numbers. Each module carries a table of examples
//! that doubles as its tests.

mod case_number;
mod citation;
mod date;
mod id_number;
mod money;
mod numeral;
mod term;

pub use case_number::{find_case_number, find_document_numbers, number_key, CaseNumber};
pub use citation::{find_articles, Article};
pub(crate) use date::date_goes_on_after;
pub use date::{find_dates, find_dates_from, parse_date, Date, DateMatch};
pub use id_number::{check_char, parse_id_number, IdNumber};
pub use money::{find_money, parse_money, MoneyMatch};
pub use numeral::{parse_int, parse_numeral, Numeral, NUMERAL_CHARS};
pub use term::{parse_term, term_from_captures, Term, TERM_RE};
