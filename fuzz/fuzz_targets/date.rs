//! `HistDate::parse` on any text; an accepted date must have sane, self-consistent bounds.
#![no_main]

use chronolane::model::date::{
    CivilDate, HistDate, MAX_YEAR, Precision, day_in_words, days_in_month, span_in_words,
};
use libfuzzer_sys::fuzz_target;

fn check_day(d: CivilDate, what: &str, input: &str) {
    assert!(d.year.abs() <= MAX_YEAR, "{what} year out of range for {input:?}: {d:?}");
    assert!((1..=12).contains(&d.month), "{what} month for {input:?}: {d:?}");
    assert!(
        d.day >= 1 && d.day <= days_in_month(d.year, d.month),
        "{what} day for {input:?}: {d:?}"
    );
    // days() and from_days() are inverses.
    assert_eq!(CivilDate::from_days(d.days()), d, "{what} day-number round trip for {input:?}");
    assert_eq!(CivilDate::from_axis(d.axis()), d, "{what} axis round trip for {input:?}");
    let _ = day_in_words(d);
}

fuzz_target!(|input: &str| {
    let Ok(d) = HistDate::parse(input) else {
        return;
    };
    let (lo, hi) = (d.earliest(), d.latest());
    check_day(lo, "earliest", input);
    check_day(hi, "latest", input);
    assert!(lo <= hi, "earliest after latest for {input:?}: {lo:?} > {hi:?}");
    assert!(d.axis_start() < d.axis_end(), "empty axis span for {input:?}");
    assert!(d.axis_start().is_finite() && d.axis_end().is_finite());
    // The precision shown (and `in_words`) must not claim more than the bounds know.
    if !d.is_qualified() {
        match d.precision() {
            Precision::Day => assert_eq!(lo, hi, "a day date spans several days: {input:?}"),
            Precision::Month => assert_eq!(
                (lo.year, lo.month),
                (hi.year, hi.month),
                "a month date spans several months: {input:?}"
            ),
            Precision::Year => {
                assert_eq!(lo.year, hi.year, "a year date spans several years: {input:?}")
            }
            _ => {}
        }
    }
    let _ = d.precision().label();
    let _ = (d.is_approximate(), d.is_uncertain(), d.is_qualified());
    let words = d.in_words();
    assert!(!words.is_empty());
    let _ = span_in_words(&d, Some(&d));
    let _ = span_in_words(&d, None);
    // The stored EDTF is the trimmed input and reparses to the same date.
    assert_eq!(d.edtf(), input.trim());
    assert_eq!(d.to_string(), &*d.edtf());
    let again = HistDate::parse(&d.edtf()).expect("a parsed date's EDTF reparses");
    assert_eq!(again, d);
    assert_eq!((again.earliest(), again.latest(), again.precision()), (lo, hi, d.precision()));
});
