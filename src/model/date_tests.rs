//! Unit tests for historical dates.

use super::*;

fn d(s: &str) -> HistDate {
    match HistDate::parse(s) {
        Ok(d) => d,
        Err(e) => panic!("{s:?} should parse: {e}"),
    }
}

fn err(s: &str) -> String {
    match HistDate::parse(s) {
        Ok(_) => panic!("{s:?} should be rejected"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn precision_of_each_form() {
    assert_eq!(d("1855").precision(), Precision::Year);
    assert_eq!(d("1855-02").precision(), Precision::Month);
    assert_eq!(d("1855-02-07").precision(), Precision::Day);
    assert_eq!(d("185X").precision(), Precision::Decade);
    assert_eq!(d("18XX").precision(), Precision::Century);
    assert_eq!(d("1855-XX").precision(), Precision::Year);
    assert_eq!(d("1855-02-XX").precision(), Precision::Month);
    assert_eq!(d("1855-21").precision(), Precision::Season);
}

#[test]
fn qualifiers() {
    let a = d("1792~");
    assert!(a.is_approximate() && !a.is_uncertain());
    let u = d("1811?");
    assert!(u.is_uncertain() && !u.is_approximate());
    let b = d("1904%");
    assert!(b.is_uncertain() && b.is_approximate() && b.is_qualified());
    assert!(!d("1855").is_qualified());
}

#[test]
fn bounds_cover_the_whole_unit() {
    let y = d("1855");
    assert_eq!(y.earliest(), CivilDate::new(1855, 1, 1));
    assert_eq!(y.latest(), CivilDate::new(1855, 12, 31));
    let m = d("1900-02");
    assert_eq!(m.latest(), CivilDate::new(1900, 2, 28));
    let leap = d("2000-02");
    assert_eq!(leap.latest(), CivilDate::new(2000, 2, 29));
    let dec = d("185X");
    assert_eq!(dec.earliest(), CivilDate::new(1850, 1, 1));
    assert_eq!(dec.latest(), CivilDate::new(1859, 12, 31));
    let day = d("1855-02-07");
    assert_eq!(day.earliest(), day.latest());
}

#[test]
fn axis_positions() {
    assert_eq!(d("1970-01-01").axis_start(), 0.0);
    assert_eq!(d("1970-01-02").axis_start(), 1.0);
    assert_eq!(d("1969-12-31").axis_start(), -1.0);
    // A year-precision date spans the whole year on the axis.
    let y = d("1855");
    assert_eq!(y.axis_end() - y.axis_start(), 365.0);
    assert_eq!(d("1856").axis_end() - d("1856").axis_start(), 366.0);
    // Exact to the day at ±10,000 years.
    let far = d("Y-10000");
    let far_next = d("Y-10000");
    assert_eq!(far.axis_start(), far_next.axis_start());
    assert_eq!(
        CivilDate::from_days(far.axis_start() as i64),
        CivilDate::new(-10000, 1, 1)
    );
    assert_eq!(d("9999-12-31").axis_start() + 1.0, d("Y10000").axis_start());
}

#[test]
fn civil_round_trip_over_twenty_thousand_years() {
    let mut day = CivilDate::new(-10_000, 1, 1).days();
    let end = CivilDate::new(10_000, 12, 31).days();
    let mut previous = CivilDate::from_days(day - 1);
    while day <= end {
        let c = CivilDate::from_days(day);
        assert_eq!(c.days(), day);
        assert!(c > previous);
        assert!(c.day >= 1 && c.day <= days_in_month(c.year, c.month));
        previous = c;
        day += 1;
    }
}

#[test]
fn human_forms() {
    assert_eq!(d("1855").in_words(), "1855");
    assert_eq!(d("1855-02").in_words(), "February 1855");
    assert_eq!(d("1855-02-07").in_words(), "7 February 1855");
    assert_eq!(d("1792~").in_words(), "c. 1792");
    assert_eq!(d("1811?").in_words(), "1811?");
    assert_eq!(d("1904%").in_words(), "c. 1904?");
    assert_eq!(d("-0054").in_words(), "55 BC");
    assert_eq!(d("0000").in_words(), "1 BC");
    assert_eq!(d("0001").in_words(), "1");
    assert_eq!(d("185X").in_words(), "1850s");
    assert_eq!(d("1855-21").in_words(), "Spring 1855");
}

#[test]
fn spans_in_words() {
    let (a, b) = (d("1904"), d("1905"));
    assert_eq!(span_in_words(&a, Some(&b)), "1904–1905");
    let (a, b) = (d("1904-02-08"), d("1905-09-05"));
    assert_eq!(
        span_in_words(&a, Some(&b)),
        "8 February 1904 – 5 September 1905"
    );
    assert_eq!(span_in_words(&a, None), "8 February 1904");
    assert_eq!(span_in_words(&a, Some(&a)), "8 February 1904");
}

#[test]
fn bce_years_count_year_zero() {
    let caesar = d("-0043-03-15");
    assert_eq!(caesar.earliest().year, -43);
    assert_eq!(caesar.in_words(), "15 March 44 BC");
    assert!(d("-0054").axis_start() < d("0001").axis_start());
    // Year 0 (1 BC) is a leap year in the proleptic Gregorian calendar.
    assert_eq!(d("0000-02").latest(), CivilDate::new(0, 2, 29));
}

#[test]
fn impossible_dates_are_errors() {
    assert_eq!(err("1855-02-30"), "February 1855 has 28 days");
    assert_eq!(err("1900-02-29"), "February 1900 has 28 days");
    assert_eq!(err("1855-04-31"), "April 1855 has 30 days");
    assert_eq!(err("1855-13"), "there is no month 13");
    assert_eq!(err("1855-00-10"), "there is no month 0");
    assert!(HistDate::parse("2000-02-29").is_ok());
}

#[test]
fn other_errors() {
    assert_eq!(err(""), "it is empty");
    assert_eq!(err("   "), "it is empty");
    assert_eq!(
        err("1855/1858"),
        "it is a range; give its end in the end field"
    );
    assert!(err("Feb 1855").starts_with("not EDTF: "));
    assert!(err("1855-2-7").contains("EDTF examples"));
    assert!(
        err("Y99999999999").contains("not supported") || err("Y99999999999").contains("not EDTF")
    );
}

#[test]
fn whitespace_is_trimmed_and_text_kept() {
    let x = d("  1855-02-07 ");
    assert_eq!(x.edtf(), "1855-02-07");
    assert_eq!(x.to_string(), "1855-02-07");
}
