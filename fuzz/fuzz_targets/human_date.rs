//! `to_edtf` / `to_edtf_span`: what they return must be EDTF that `HistDate::parse` reads.
//!
//! Four rejections are by design and allowed: a month that does not exist (`+1855-13-01T…`
//! becomes `1855-13`, "there is no month 13"), a range that runs backwards (`between 1860 and
//! 1850` becomes `[1860..1850]`, "the range ends before it begins"), an impossible day (`30 Feb 1855` becomes
//! `1855-02-30` so the EDTF check reports "February 1855 has 28 days"), and a year beyond
//! ±100 billion (written `Y…`, rejected as out of range). Anything else (a syntax error above all)
//! means `human_date` produced text that is not EDTF.
#![no_main]

use chronolane::io::human_date::{to_edtf, to_edtf_span};
use chronolane::model::date::{DateError, HistDate};
use libfuzzer_sys::fuzz_target;

fn check(input: &str, edtf: &str) {
    match HistDate::parse(edtf) {
        Ok(d) => {
            assert_eq!(d.edtf(), edtf, "to_edtf({input:?}) is not trimmed");
            let _ = d.in_words();
        }
        Err(
            DateError::NoSuchDay { .. }
            | DateError::NoSuchMonth(_)
            | DateError::OutOfRange
            | DateError::Backwards,
        ) => {}
        Err(e) => panic!("to_edtf({input:?}) = {edtf:?}, which HistDate::parse rejects: {e}"),
    }
}

fuzz_target!(|input: &str| {
    if let Some(edtf) = to_edtf(input) {
        check(input, &edtf);
    }
    if let Some((a, b)) = to_edtf_span(input) {
        check(input, &a);
        check(input, &b);
    }
});
