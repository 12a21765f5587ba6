//! Unit tests for every form people write.

use super::*;
use crate::model::HistDate;

fn e(s: &str) -> Option<String> {
    to_edtf(s)
}

#[test]
fn every_documented_form() {
    assert_eq!(e("1855").as_deref(), Some("1855"));
    assert_eq!(e("7 Feb 1855").as_deref(), Some("1855-02-07"));
    assert_eq!(e("7 February 1855").as_deref(), Some("1855-02-07"));
    assert_eq!(e("February 7, 1855").as_deref(), Some("1855-02-07"));
    assert_eq!(e("Feb 1855").as_deref(), Some("1855-02"));
    assert_eq!(e("30 may 1381").as_deref(), Some("1381-05-30"));
    assert_eq!(e("30 MAY 1381").as_deref(), Some("1381-05-30"));
    assert_eq!(e("55 BC").as_deref(), Some("-0054"));
    assert_eq!(e("55 BCE").as_deref(), Some("-0054"));
    assert_eq!(e("1 BC").as_deref(), Some("0000"));
    assert_eq!(e("AD 43").as_deref(), Some("0043"));
    assert_eq!(e("43 AD").as_deref(), Some("0043"));
    assert_eq!(e("c. 383").as_deref(), Some("0383~"));
    assert_eq!(e("circa 1792").as_deref(), Some("1792~"));
    assert_eq!(e("circa 1367-04").as_deref(), Some("1367-04~"));
    assert_eq!(e("c. 1855-02-07").as_deref(), Some("1855-02-07~"));
    assert_eq!(e("ca. 1792").as_deref(), Some("1792~"));
    assert_eq!(e("c. 55 BC").as_deref(), Some("-0054~"));
    assert_eq!(e("1790s").as_deref(), Some("179X"));
    assert_eq!(e("1800s").as_deref(), Some("18XX"));
    assert_eq!(e("18th century").as_deref(), Some("17XX"));
    assert_eq!(e("1st century").as_deref(), Some("00XX"));
    assert_eq!(e("c. 1811?").as_deref(), Some("1811%"));
}

#[test]
fn between_is_an_uncertain_span() {
    assert_eq!(
        to_edtf_span("Between 47 and 50"),
        Some(("0047?".into(), "0050?".into()))
    );
    assert_eq!(
        to_edtf_span("between 55 BC and 44 BC"),
        Some(("-0054?".into(), "-0043?".into()))
    );
    assert_eq!(to_edtf_span("Between soon and later"), None);
    assert_eq!(to_edtf_span("1855"), None);
}

#[test]
fn not_dates() {
    for s in [
        "",
        "soon",
        "7/2/1855",
        "Ju 1855",
        "1855 Feb 7 8",
        "0",
        "0 BC",
        "100th century",
        // `C19` may be the 19th century: a bare `c` takes no year written against it.
        "C19",
        "c1066",
    ] {
        assert_eq!(e(s), None, "{s:?}");
    }
}

#[test]
fn results_are_edtf_with_the_right_meaning() {
    use crate::model::HistDate;
    let d = |s: &str| {
        e(s).and_then(|x| HistDate::parse(&x).ok())
            .map(|h| h.in_words())
    };
    assert_eq!(d("February 7, 1855").as_deref(), Some("7 February 1855"));
    assert_eq!(d("55 BCE").as_deref(), Some("55 BC"));
    assert_eq!(d("circa 1792").as_deref(), Some("c. 1792"));
    assert_eq!(d("1790s").as_deref(), Some("1790s"));
    // An impossible day is passed on for the EDTF check to reject in its words.
    assert_eq!(e("30 Feb 1855").as_deref(), Some("1855-02-30"));
}

#[test]
fn every_form_the_error_message_lists_is_accepted() {
    use crate::model::HistDate;
    for form in ACCEPTED_FORMS.split("; ") {
        let ok = HistDate::parse(form).is_ok()
            || to_edtf(form).is_some_and(|e| HistDate::parse(&e).is_ok())
            || to_edtf_span(form)
                .is_some_and(|(a, b)| HistDate::parse(&a).is_ok() && HistDate::parse(&b).is_ok());
        assert!(ok, "{form}");
    }
}

/// The date a form reads as, in words.
fn w(s: &str) -> String {
    match read(s) {
        Some(Ok(r)) => match HistDate::parse(&r.edtf) {
            Ok(d) => d.in_words(),
            Err(err) => panic!("{s:?} → {:?}, which is not a date: {err}", r.edtf),
        },
        other => panic!("{s:?} did not read: {other:?}"),
    }
}

fn note(s: &str) -> Option<&'static str> {
    read(s).and_then(Result::ok).and_then(|r| r.note)
}

/// Why a recognised form is refused.
fn refused(s: &str) -> String {
    match read(s) {
        Some(Err(reason)) => reason,
        other => panic!("{s:?} should be refused with a reason: {other:?}"),
    }
}

#[test]
fn between_in_any_column_is_one_date_of_a_range() {
    assert_eq!(e("Between 1850 and 1853").as_deref(), Some("[1850..1853]"));
    assert_eq!(
        e("Between 25 jun 1381 and 26 jun 1381").as_deref(),
        Some("[1381-06-25..1381-06-26]")
    );
    assert_eq!(
        e("between Jun 1381 and Aug 1381").as_deref(),
        Some("[1381-06..1381-08]")
    );
    // Ends of different precision take the finer one.
    assert_eq!(
        e("between 1066 and Dec 1068").as_deref(),
        Some("[1066-01..1068-12]")
    );
    assert_eq!(
        e("Between 500BC and 400BC").as_deref(),
        Some("[-0499..-0399]")
    );
    assert_eq!(w("Between 500BC and 400BC"), "between 500 BC and 400 BC");
    assert_eq!(w("between 1790s and 1800s"), "between 1790 and 1899");
    assert_eq!(
        w("Between 25 jun 1381 and 26 jun 1381"),
        "between 25 June 1381 and 26 June 1381"
    );
    assert!(refused("between c. 1066 and 1068").contains("no approximate"));
    assert_eq!(refused("between soon and 1068"), "\"soon\" is not a date");
    assert_eq!(
        refused("between 30 Feb 1855 and 1856"),
        "February 1855 has 28 days"
    );
    // A range that runs backwards is EDTF the date check refuses in its own words.
    assert_eq!(
        HistDate::parse(&e("between 1860 and 1850").unwrap_or_default())
            .err()
            .map(|e| e.to_string()),
        Some("the range ends before it begins".to_owned())
    );
}

#[test]
fn before_and_after_are_earlier_and_later_sets() {
    assert_eq!(e("Before 879").as_deref(), Some("[..0879]"));
    assert_eq!(
        e("on or before 7 Feb 1855").as_deref(),
        Some("[..1855-02-07]")
    );
    assert_eq!(e("After 1066").as_deref(), Some("[1066..]"));
    assert_eq!(
        e("on or after 14 October 1066").as_deref(),
        Some("[1066-10-14..]")
    );
    assert_eq!(e("not before 1066").as_deref(), Some("[1066..]"));
    assert_eq!(e("no later than 55 BC").as_deref(), Some("[..-0054]"));
    assert_eq!(e("earliest 1483").as_deref(), Some("[1483..]"));
    assert_eq!(e("latest 1483").as_deref(), Some("[..1483]"));
    assert_eq!(e("before c. 879").as_deref(), Some("[..0879~]"));
    assert_eq!(w("Before 879"), "879 or earlier");
    assert_eq!(w("After 1066"), "1066 or later");
    assert_eq!(w("before 1904-02-08 23:30"), "8 February 1904 or earlier");
}

#[test]
fn iso_date_times_with_sign_and_zone() {
    assert_eq!(e("+1855-02-07T00:00:00Z").as_deref(), Some("1855-02-07"));
    assert_eq!(e("1855-02-07T00:00:00Z").as_deref(), Some("1855-02-07"));
    assert_eq!(
        e("1904-02-08T23:30").as_deref(),
        Some("1904-02-08T23:30:00")
    );
    assert_eq!(
        e("1904-02-08 23:30").as_deref(),
        Some("1904-02-08T23:30:00")
    );
    assert_eq!(
        e("1904-02-08t23:30:15.250z").as_deref(),
        Some("1904-02-08T23:30:15Z")
    );
    assert_eq!(
        e("1904-02-08T23:30+0900").as_deref(),
        Some("1904-02-08T23:30:00+09:00")
    );
    assert_eq!(
        e("1904-02-08T23:30-05").as_deref(),
        Some("1904-02-08T23:30:00-05")
    );
    assert_eq!(w("1904-02-08 23:30"), "8 February 1904, 23:30");
    // Wikidata's year and month precision.
    assert_eq!(e("+1855-00-00T00:00:00Z").as_deref(), Some("1855"));
    assert_eq!(e("1855-02-00T00:00:00Z").as_deref(), Some("1855-02"));
    // Deep time keeps its year: EDTF writes no month or day with a `Y` year.
    assert_eq!(
        e("-13798000000-00-00T00:00:00Z").as_deref(),
        Some("Y-13798000000")
    );
    assert_eq!(e("+12345-06-01").as_deref(), Some("Y12345"));
    for bad in [
        "1904-02-08T24:00",
        "1904-02-08T23",
        "1904-02-08 noon",
        "+1855-02-07X",
    ] {
        assert_eq!(e(bad), None, "{bad}");
    }
}

#[test]
fn a_negative_iso_year_counts_a_year_zero() {
    // ISO 8601, XSD 1.1, EDTF and the Wikidata Query Service: -0489 is 490 BC.
    assert_eq!(w("-0489-09-12T00:00:00Z"), "12 September 490 BC");
    assert_eq!(e("-0490-09-12T00:00:00Z").as_deref(), Some("-0490-09-12"));
    assert_eq!(w("-0490-09-12T00:00:00Z"), "12 September 491 BC");
    assert_eq!(note("-0490-09-12T00:00:00Z"), Some(iso::NEGATIVE_YEAR_NOTE));
    assert_eq!(note("+1855-02-07T00:00:00Z"), None);
    // EDTF has no time of day before year 0: the day is kept.
    assert_eq!(e("-0490-09-12T10:00:00Z").as_deref(), Some("-0490-09-12"));
}

#[test]
fn thirds_of_decades_centuries_years_and_months() {
    assert_eq!(e("early 1850s").as_deref(), Some("[1850..1853]"));
    assert_eq!(e("mid 1850s").as_deref(), Some("[1854..1856]"));
    assert_eq!(e("mid-1850s").as_deref(), Some("[1854..1856]"));
    assert_eq!(e("late 1850s").as_deref(), Some("[1857..1859]"));
    assert_eq!(e("Early 19th century").as_deref(), Some("[1800..1833]"));
    assert_eq!(e("mid-19th century").as_deref(), Some("[1834..1866]"));
    assert_eq!(e("late 1800s").as_deref(), Some("[1867..1899]"));
    assert_eq!(e("early 1855").as_deref(), Some("[1855-01..1855-04]"));
    assert_eq!(e("late 1855").as_deref(), Some("[1855-09..1855-12]"));
    assert_eq!(
        e("mid February 1855").as_deref(),
        Some("[1855-02-11..1855-02-20]")
    );
    assert_eq!(
        e("late Feb 1856").as_deref(),
        Some("[1856-02-21..1856-02-29]")
    );
    assert_eq!(w("early 1850s"), "between 1850 and 1853");
    assert!(refused("early 7 Feb 1855").contains("early, mid and late divide"));
}

#[test]
fn dual_years_are_the_later_year_with_a_note() {
    assert_eq!(e("1735/6").as_deref(), Some("1736"));
    assert_eq!(e("1735/36").as_deref(), Some("1736"));
    assert_eq!(e("1739/40").as_deref(), Some("1740"));
    assert_eq!(e("11 Feb 1731/2").as_deref(), Some("1732-02-11"));
    assert_eq!(e("Feb 1731/32").as_deref(), Some("1732-02"));
    assert_eq!(e("c. 1735/6").as_deref(), Some("1736~"));
    assert_eq!(note("1735/6"), Some(words::DUAL_YEAR_NOTE));
    assert_eq!(note("c. 1735/6"), Some(words::DUAL_YEAR_NOTE));
    assert_eq!(note("1736"), None);
    // Not dual years: the second does not follow the first.
    for bad in ["1735/7", "1735/37", "1735/1736x", "7/2/1855"] {
        assert_eq!(e(bad), None, "{bad}");
    }
}

#[test]
fn deep_time() {
    assert_eq!(
        e("13.8 billion years ago").as_deref(),
        Some("Y-13800000000S3")
    );
    assert_eq!(w("13.8 billion years ago"), "13.8 billion years ago");
    assert_eq!(e("4.5 Ga").as_deref(), Some("Y-4500000000S2"));
    assert_eq!(w("4.5 Ga"), "4.5 billion years ago");
    assert_eq!(e("65 Ma").as_deref(), Some("Y-65000000S2"));
    assert_eq!(e("65Ma").as_deref(), Some("Y-65000000S2"));
    assert_eq!(e("65 million years ago").as_deref(), Some("Y-65000000S2"));
    assert_eq!(w("65 million years ago"), "65 million years ago");
    assert_eq!(e("66.0 mya").as_deref(), Some("Y-66000000S3"));
    assert_eq!(e("2.5 million BC").as_deref(), Some("Y-2500000S2"));
    assert_eq!(e("300 ka").as_deref(), Some("Y-300000S1"));
    // Where the last figure is below ten thousand years, years ago count from 1950.
    assert_eq!(e("12,000 years ago").as_deref(), Some("Y-10050~"));
    assert_eq!(w("12,000 years ago"), "c. 10,051 BC");
    assert_eq!(e("5 ka BP").as_deref(), Some("-3050~"));
    assert_eq!(e("c. 65 Ma").as_deref(), Some("Y-65000000S2~"));
    assert!(refused("1.2345 thousand years ago").contains("not a whole number"));
    // Calendar years far back.
    assert_eq!(e("10,000 BC").as_deref(), Some("-9999"));
    assert_eq!(w("10,000 BC"), "10,000 BC");
    assert_eq!(e("200000 BCE").as_deref(), Some("Y-199999"));
    assert_eq!(w("200000 BCE"), "200,000 BC");
    assert_eq!(e("13,800,000,000 BC").as_deref(), Some("Y-13799999999"));
    for bad in [
        "65 million years",
        "a million years ago",
        "0 Ma",
        "65 Ma later",
    ] {
        assert_eq!(e(bad), None, "{bad}");
    }
}

#[test]
fn open_ends() {
    for s in [
        "ongoing",
        "Ongoing",
        "present",
        "Present",
        "now",
        "to present",
        " NOW ",
    ] {
        assert_eq!(e(s).as_deref(), Some(".."), "{s}");
    }
    assert_eq!(w("ongoing"), "ongoing");
}

#[test]
fn bc_written_together_and_with_circa() {
    assert_eq!(e("500BC").as_deref(), Some("-0499"));
    assert_eq!(e("500 B.C.").as_deref(), Some("-0499"));
    assert_eq!(e("circa 525 bc").as_deref(), Some("-0524~"));
    assert_eq!(w("circa 525 bc"), "c. 525 BC");
    assert_eq!(e("15 March 44 BC").as_deref(), Some("-0043-03-15"));
    assert_eq!(e("Mar 44 BC").as_deref(), Some("-0043-03"));
    assert_eq!(e("about 1066").as_deref(), Some("1066~"));
}

/// The forms of the `historicaldate` package named in the issue, and the others its README
/// documents (`25th Dec 1066`, `1066-12`, `circa5d`, `circa2y`).
#[test]
fn historicaldate_forms() {
    assert_eq!(e("circa1m 10 August 843").as_deref(), Some("0843-08-10~"));
    assert_eq!(w("circa1m 10 August 843"), "c. 10 August 843");
    assert_eq!(e("circa5d 25 Dec 1066").as_deref(), Some("1066-12-25~"));
    assert_eq!(e("circa2y 1066").as_deref(), Some("1066~"));
    assert_eq!(
        e("924 after 17 jul 924").as_deref(),
        Some("[0924-07-17..0924-12-31]")
    );
    assert_eq!(
        w("924 after 17 jul 924"),
        "between 17 July 924 and 31 December 924"
    );
    assert_eq!(e("c. 890 after 889").as_deref(), Some("[0889..0895]"));
    assert_eq!(
        e("circa 1483 earliest 1483").as_deref(),
        Some("[1483..1488]")
    );
    assert_eq!(e("circa 1483 latest 1485").as_deref(), Some("[1478..1485]"));
    assert_eq!(
        e("1066 before 1 dec 1066").as_deref(),
        Some("[1066-01-01..1066-12-01]")
    );
    assert_eq!(
        e("1066 after 1 mar 1066 before 1 dec 1066").as_deref(),
        Some("[1066-03-01..1066-12-01]")
    );
    assert_eq!(
        e("circa1m 10 Aug 843 after 1 Aug 843").as_deref(),
        Some("[0843-08-01..0843-09-10]")
    );
    assert_eq!(
        e("Between 500BC and 400BC").as_deref(),
        Some("[-0499..-0399]")
    );
    assert_eq!(e("circa 525 bc").as_deref(), Some("-0524~"));
    assert_eq!(e("Before 879").as_deref(), Some("[..0879]"));
    assert_eq!(e("ongoing").as_deref(), Some(".."));
    assert_eq!(e("25th Dec 1066").as_deref(), Some("1066-12-25"));
    assert_eq!(e("Dec 25, 1066").as_deref(), Some("1066-12-25"));
}

#[test]
fn qualifiers_do_not_reach_ranges_or_times() {
    assert!(refused("c. between 1066 and 1068").contains("EDTF marks a single date"));
    assert!(refused("ongoing?").contains("uncertain"));
    assert!(refused("c. 1904-02-08 23:30").contains("approximate"));
}

#[test]
fn normalizing() {
    assert_eq!(normalize("  10,000   BC "), "10000 bc");
    assert_eq!(normalize("February 7,1855"), "february 7,1855");
    assert_eq!(normalize("February 7, 1855"), "february 7, 1855");
    assert_eq!(normalize("500BC"), "500 bc");
    assert_eq!(normalize("1790s"), "1790s");
    assert_eq!(normalize("18th century"), "18th century");
}

#[test]
fn a_runaway_field_is_no_date() {
    let long = format!("1855{}", "?".repeat(300_000));
    assert_eq!(read(&long), None);
    let nested = format!("{}1855", "c. ".repeat(60));
    assert_eq!(e(&nested).as_deref(), Some("1855~"));
}

/// Every form part 2 of issue 11 names, and what it reads as (in words, as the window shows
/// it).
#[test]
fn the_forms_people_keep_read_as_they_mean() {
    for (form, words) in [
        ("1904-02-08T23:30", "8 February 1904, 23:30"),
        ("1904-02-08 23:30", "8 February 1904, 23:30"),
        ("+1855-02-07T00:00:00Z", "7 February 1855"),
        // ISO 8601 and the Wikidata Query Service count a year 0: -0490 is 491 BC.
        ("-0490-09-12T00:00:00Z", "12 September 491 BC"),
        ("-0489-09-12T00:00:00Z", "12 September 490 BC"),
        ("early 1850s", "between 1850 and 1853"),
        ("mid 1850s", "between 1854 and 1856"),
        ("late 1850s", "between 1857 and 1859"),
        ("1735/6", "1736"),
        ("1735/36", "1736"),
        ("13.8 billion years ago", "13.8 billion years ago"),
        ("4.5 Ga", "4.5 billion years ago"),
        ("65 Ma", "65 million years ago"),
        ("65 million years ago", "65 million years ago"),
        ("10,000 BC", "10,000 BC"),
        ("200000 BCE", "200,000 BC"),
        ("ongoing", "ongoing"),
        ("present", "ongoing"),
        ("now", "ongoing"),
        ("Before 879", "879 or earlier"),
        ("After 1066", "1066 or later"),
        ("on or before 7 Feb 1855", "7 February 1855 or earlier"),
        ("500BC", "500 BC"),
        ("circa 525 bc", "c. 525 BC"),
        ("Between 500BC and 400BC", "between 500 BC and 400 BC"),
        (
            "Between 25 jun 1381 and 26 jun 1381",
            "between 25 June 1381 and 26 June 1381",
        ),
        ("circa1m 10 August 843", "c. 10 August 843"),
        (
            "924 after 17 jul 924",
            "between 17 July 924 and 31 December 924",
        ),
        ("c. 890 after 889", "between 889 and 895"),
        ("circa 1483 earliest 1483", "between 1483 and 1488"),
    ] {
        assert_eq!(w(form), words, "{form}");
    }
}

/// The date forms the `historicaldate` package's README and overview document, each read or
/// refused with a reason.
#[test]
fn historicaldate_documented_forms_are_read_or_refused_clearly() {
    for (form, edtf) in [
        ("25 Dec 1066", "1066-12-25"),
        ("25th Dec 1066", "1066-12-25"),
        ("25 December 1066", "1066-12-25"),
        ("Dec 25, 1066", "1066-12-25"),
        ("25/Dec/1066", "1066-12-25"),
        ("Dec 1066", "1066-12"),
        ("1066", "1066"),
        ("circa 1066", "1066~"),
        ("c. 1066", "1066~"),
        ("c 1066", "1066~"),
        ("circa1066", "1066~"),
        ("c.1066", "1066~"),
        ("about 1066", "1066~"),
        ("estimated 1066", "1066~"),
        ("circa 25 Dec 1066", "1066-12-25~"),
        ("circa5d 25 Dec 1066", "1066-12-25~"),
        ("circa3m 25 Dec 1066", "1066-12-25~"),
        ("circa2y 25 Dec 1066", "1066-12-25~"),
        ("between 1066 and 1068", "[1066..1068]"),
        ("circa 1483 earliest 1483", "[1483..1488]"),
        ("385 BC", "-0384"),
        ("1066 CE", "1066"),
        ("ongoing", ".."),
        // Both bounds and no date; an era written once, after the second date.
        ("after 1066 before 1070", "[1066..1070]"),
        ("earliest 1066 latest 1070", "[1066..1070]"),
        ("between 500 and 400 BC", "[-0499..-0399]"),
    ] {
        assert_eq!(e(form).as_deref(), Some(edtf), "{form}");
    }
    // `1066-12-25` and `1066-12` are EDTF, read before any of these forms.
    assert!(HistDate::parse("1066-12-25").is_ok() && HistDate::parse("1066-12").is_ok());
    // A width of circa has no place in EDTF: the date is approximate, and a note says so.
    assert_eq!(note("circa1m 10 August 843"), Some(CIRCA_WIDTH_NOTE));
    assert_eq!(note("circa 10 August 843"), None);
    // Its `dmy` and `mdy` options read `25/12/1066` and `12/25/1066`: which one a file means
    // cannot be told, so both are refused with what to write instead.
    for form in ["25/12/1066", "12/25/1066"] {
        assert_eq!(
            refused(form),
            "a day and month written with slashes read one way in one country and the other in \
             another (25/12/1066 or 12/25/1066); write 1066-MM-DD or the month in words \
             (25 Dec 1066)"
        );
    }
}
