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
    // The limit is a hundred billion years.
    assert_eq!(
        err("Y999999999999"),
        "years beyond ±100 billion are not supported"
    );
    assert!(HistDate::parse("Y99999999999").is_ok());
}

#[test]
fn whitespace_is_trimmed_and_text_kept() {
    let x = d("  1855-02-07 ");
    assert_eq!(x.edtf(), "1855-02-07");
    assert_eq!(x.to_string(), "1855-02-07");
}

#[test]
fn a_date_stays_twenty_four_bytes() {
    // A million events keep their two dates in 48 bytes each: a plain date holds no text (its
    // days write it again), and an absent end costs nothing more than a present one.
    assert_eq!(std::mem::size_of::<HistDate>(), 24);
    assert_eq!(std::mem::size_of::<Option<HistDate>>(), 24);
}

#[test]
fn a_plain_date_is_written_again_as_it_was_written() {
    for text in [
        "0000",
        "0043",
        "1855",
        "1855-02",
        "1855-02-07",
        "2000-02-29",
        "9999-12-31",
    ] {
        let d = HistDate::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert!(d.written.is_none(), "{text} keeps a text");
        assert_eq!(&*d.edtf(), text);
        assert_eq!(d.to_string(), text);
    }
    // Other forms keep their text; a plain date and the same date read by edtf-core are equal.
    for text in [
        "1855~",
        "-0054",
        "185X",
        "1855-02-07T10:00:00",
        "[1850..1853]",
        "..",
    ] {
        let d = HistDate::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(&*d.edtf(), text);
    }
    let (plain, general) = (HistDate::parse("1855-02"), HistDate::parse_edtf("1855-02"));
    assert_eq!(plain, general);
    assert!(general.is_ok_and(|g| g.written.is_some()));
}

#[test]
fn deep_time_from_the_big_bang() {
    let big_bang = d("Y-13800000000S3");
    assert_eq!(big_bang.in_words(), "13.8 billion years ago");
    assert_eq!(big_bang.precision(), Precision::Millennium);
    // EDTF's significant digits: some year from 13.8 to 13.9 billion years BC.
    assert_eq!(big_bang.latest().year, -13_800_000_000);
    assert_eq!(big_bang.earliest().year, -13_899_999_999);
    assert_eq!(d("Y-65000000S2").in_words(), "65 million years ago");
    assert_eq!(d("Y-66000000S3").in_words(), "66.0 million years ago");
    assert_eq!(d("Y-4500000000S2").in_words(), "4.5 billion years ago");
    // An exact year stays a year.
    assert_eq!(d("Y-13799999999").in_words(), "13,800,000,000 BC");
    assert_eq!(d("-9999").in_words(), "10,000 BC");
    assert_eq!(d("Y12345").in_words(), "12,345");
    // Days stay exact at the Big Bang: the day after is one axis day later.
    let y = d("Y-13799999999");
    assert_eq!(y.axis_end() - y.axis_start(), 365.0);
    assert_eq!(
        CivilDate::from_axis(y.axis_start() + 45.5),
        CivilDate::new(-13_799_999_999, 2, 15)
    );
    assert!(HistDate::parse("Y-99999999999").is_ok());
}

#[test]
fn one_of_a_range_before_and_after() {
    let between = d("[1850..1853]");
    assert_eq!(between.kind(), DateKind::OneOf);
    assert_eq!(between.in_words(), "between 1850 and 1853");
    assert_eq!(between.earliest(), CivilDate::new(1850, 1, 1));
    assert_eq!(between.latest(), CivilDate::new(1853, 12, 31));
    assert_eq!(between.precision(), Precision::Decade);
    let days = d("[1381-06-25..1381-06-26]");
    assert_eq!(days.precision(), Precision::Month);
    assert!(!days.is_exact_day());
    assert_eq!(days.in_words(), "between 25 June 1381 and 26 June 1381");
    let before = d("[..0879]");
    assert_eq!(before.kind(), DateKind::OnOrBefore);
    assert_eq!(before.in_words(), "879 or earlier");
    assert_eq!(before.earliest(), CivilDate::new(879, 1, 1));
    assert_eq!(before.latest(), CivilDate::new(879, 12, 31));
    let after = d("[1066-10-14..]");
    assert_eq!(after.kind(), DateKind::OnOrAfter);
    assert_eq!(after.in_words(), "14 October 1066 or later");
    assert!(after.is_exact_day());
    assert_eq!(d("[..-0054]").in_words(), "55 BC or earlier");
    assert_eq!(err("[1860..1850]"), "the range ends before it begins");
    assert_eq!(
        err("[1850,1860]"),
        "it is a set of dates, which Chronolane does not place on a timeline"
    );
}

#[test]
fn an_open_end_is_today() {
    let open = d("..");
    assert!(open.is_open());
    assert_eq!(open.in_words(), "ongoing");
    assert_eq!(open.earliest(), CivilDate::from_days(today_days()));
    assert_eq!(open.earliest(), open.latest());
    let start = d("1952-02-06");
    assert_eq!(
        span_in_words(&start, Some(&open)),
        "6 February 1952 – ongoing"
    );
    assert_eq!(span_in_words(&d("1952"), Some(&open)), "1952 – ongoing");
    // An ongoing event that begins after today is drawn as long as its start.
    let later = d("Y10000");
    let reaching = open.clone().open_past(&later);
    assert_eq!(reaching.latest(), later.latest());
    assert_eq!(reaching, open);
    assert_eq!(d("1855").open_past(&later).latest().year, 1855);
}

#[test]
fn date_times_keep_their_time_in_words() {
    let t = d("1904-02-08T23:30:00");
    assert_eq!(t.precision(), Precision::Day);
    assert_eq!(t.in_words(), "8 February 1904, 23:30");
    assert_eq!(
        d("1904-02-08T23:30:15Z").in_words(),
        "8 February 1904, 23:30:15 UTC"
    );
    assert_eq!(
        d("1904-02-08T23:30:00+09:00").in_words(),
        "8 February 1904, 23:30 +09:00"
    );
}

#[test]
fn numbers_in_words() {
    assert_eq!(grouped(1855), "1855");
    assert_eq!(grouped(10_000), "10,000");
    assert_eq!(grouped(13_800_000_000), "13,800,000,000");
    assert_eq!(year_in_words(-199_999), "200,000 BC");
    assert_eq!(
        years_ago_in_words(13_800_000_000, None),
        "13.8 billion years ago"
    );
    assert_eq!(years_ago_in_words(65_000_000, None), "65 million years ago");
    assert_eq!(years_ago_in_words(1_500_000, None), "1.5 million years ago");
    assert_eq!(years_ago_in_words(12_000, None), "12,000 years ago");
    assert_eq!(
        years_ago_in_words(66_000_000, Some(3)),
        "66.0 million years ago"
    );
    assert_eq!(
        rough_year_in_words(-13_799_999_999),
        "13.8 billion years ago"
    );
    assert_eq!(rough_year_in_words(-64_987_654), "65 million years ago");
    assert_eq!(rough_year_in_words(-64_937_654), "64.9 million years ago");
    assert_eq!(
        rough_year_in_words(-13_797_999_999),
        "13.8 billion years ago"
    );
    assert_eq!(rough_year_in_words(-9999), "10,000 BC");
    assert_eq!(edtf_year(1855), "1855");
    assert_eq!(edtf_year(43), "0043");
    assert_eq!(edtf_year(0), "0000");
    assert_eq!(edtf_year(-54), "-0054");
    assert_eq!(edtf_year(-13_799_999_999), "Y-13799999999");
    assert_eq!(edtf_year(12_345), "Y12345");
}

/// Everything a parsed date holds, to compare two parses (`==` compares the text only).
fn whole(r: Result<HistDate, DateError>) -> Result<(String, i64, i64), String> {
    r.map(|d| (d.edtf().to_string(), d.lo, d.hi.get()))
        .map_err(|e| e.to_string())
}

#[test]
fn the_plain_path_gives_what_edtf_core_gives_on_every_day_of_0000_to_2100() {
    let mut checked = 0;
    for year in 0..=2100 {
        let y = format!("{year:04}");
        assert_eq!(
            whole(HistDate::parse(&y)),
            whole(HistDate::parse_edtf(&y)),
            "{y}"
        );
        for month in 1..=12u8 {
            let ym = format!("{y}-{month:02}");
            assert_eq!(
                whole(HistDate::parse(&ym)),
                whole(HistDate::parse_edtf(&ym)),
                "{ym}"
            );
            for day in 1..=days_in_month(year, month) {
                let ymd = format!("{ym}-{day:02}");
                assert!(
                    HistDate::parse_plain(&ymd).is_some(),
                    "{ymd} takes the fast path"
                );
                assert_eq!(
                    whole(HistDate::parse(&ymd)),
                    whole(HistDate::parse_edtf(&ymd))
                );
                checked += 1;
            }
        }
    }
    // 2101 × 365 days and 510 leap days (year 0 is a leap year; 100, 200, 300, 500, … are not).
    assert_eq!(checked, 767_375);
}

#[test]
fn dates_that_do_not_exist_go_the_general_way_and_keep_its_reasons() {
    for s in [
        "1855-02-29",
        "1900-02-29",
        "1855-13",
        "1855-00",
        "1855-04-31",
        "1855-02-00",
        "1855-1-07",
        "185-02-07",
        "1855/02/07",
        "1855-02-07T10:00",
        "18550207",
        "+1855",
        "1855-02-7",
        "1855-0a",
        "-855",
        "12345",
    ] {
        assert!(HistDate::parse_plain(s).is_none(), "{s}");
        assert_eq!(
            whole(HistDate::parse(s)),
            whole(HistDate::parse_edtf(s)),
            "{s}"
        );
    }
    assert!(
        err("1855-02-29").contains("28 days"),
        "{}",
        err("1855-02-29")
    );
}

proptest::proptest! {
    #[test]
    fn any_short_text_parses_the_same_both_ways(s in "[0-9X?~%./-]{1,11}") {
        let text = s.trim();
        if !text.is_empty() && text != ".." {
            proptest::prop_assert_eq!(whole(HistDate::parse(text)), whole(HistDate::parse_edtf(text)));
        }
    }
}

#[test]
fn a_tag_is_no_part_of_the_date() {
    for text in [
        "1855",
        "1855-02",
        "1855-02-07",
        "1792~",
        "1811?",
        "185X",
        "-0054",
        "Y-170000",
    ] {
        let date = d(text);
        assert_eq!(date.tag(), 0, "{text}");
        for tag in 0..=MAX_TAG {
            let tagged = date.clone().with_tag(tag);
            assert_eq!(tagged.tag(), tag);
            assert_eq!(tagged, date, "{text} tagged {tag}");
            assert_eq!(tagged.edtf().to_string(), date.edtf().to_string());
            assert_eq!(
                (
                    tagged.precision(),
                    tagged.is_approximate(),
                    tagged.is_uncertain()
                ),
                (date.precision(), date.is_approximate(), date.is_uncertain())
            );
            assert_eq!(
                (tagged.axis_start(), tagged.axis_end()),
                (date.axis_start(), date.axis_end())
            );
        }
    }
    // Higher bits than a tag has are dropped.
    assert_eq!(d("1905").with_tag(MAX_TAG + 2).tag(), 1);
}
