//! Era years against dates published both ways (sources in `assets/japanese-eras.csv`'s header
//! and in each case below), and the tables' own consistency.

use super::*;

fn era(y: i64, m: u8, d: u8) -> Option<String> {
    era_year(CivilDate::new(y, m, d)).map(|e| e.to_string())
}

#[test]
fn dates_written_both_ways_get_their_era_year() {
    // The Treaty of Shimoda: Ansei 1, 12th month, 21st day = 7 February 1855.
    assert_eq!(era(1855, 2, 7).as_deref(), Some("Ansei 1"));
    // The Sakuradamon incident: Ansei 7, 3rd month, 3rd day = 24 March 1860.
    assert_eq!(era(1860, 3, 24).as_deref(), Some("Ansei 7"));
    // The last day of the lunisolar calendar, Meiji 5, 12th month, 2nd day = 31 December 1872;
    // the next day was 1 January Meiji 6.
    assert_eq!(era(1872, 12, 31).as_deref(), Some("Meiji 5"));
    assert_eq!(era(1873, 1, 1).as_deref(), Some("Meiji 6"));
}

#[test]
fn era_years_either_side_of_era_changes() {
    // Ansei was proclaimed on 15 January 1855 (Kaei 7, 11th month, 27th day); its second year
    // began at the lunisolar New Year, 17 February 1855.
    assert_eq!(era(1855, 1, 14).as_deref(), Some("Kaei 7"));
    assert_eq!(era(1855, 1, 15).as_deref(), Some("Ansei 1"));
    assert_eq!(era(1855, 2, 16).as_deref(), Some("Ansei 1"));
    assert_eq!(era(1855, 2, 17).as_deref(), Some("Ansei 2"));
    // Man'en from 8 April 1860.
    assert_eq!(era(1860, 4, 7).as_deref(), Some("Ansei 7"));
    assert_eq!(era(1860, 4, 8).as_deref(), Some("Man'en 1"));
    // Meiji from its proclamation, 23 October 1868.
    assert_eq!(era(1868, 10, 22).as_deref(), Some("Keiō 4"));
    assert_eq!(era(1868, 10, 23).as_deref(), Some("Meiji 1"));
    // Taishō from 30 July 1912, Shōwa from 25 December 1926, Heisei from 8 January 1989,
    // Reiwa from 1 May 2019.
    assert_eq!(era(1912, 7, 29).as_deref(), Some("Meiji 45"));
    assert_eq!(era(1912, 7, 30).as_deref(), Some("Taishō 1"));
    assert_eq!(era(1926, 12, 24).as_deref(), Some("Taishō 15"));
    assert_eq!(era(1926, 12, 25).as_deref(), Some("Shōwa 1"));
    assert_eq!(era(1989, 1, 7).as_deref(), Some("Shōwa 64"));
    assert_eq!(era(1989, 1, 8).as_deref(), Some("Heisei 1"));
    assert_eq!(era(2019, 4, 30).as_deref(), Some("Heisei 31"));
    assert_eq!(era(2019, 5, 1).as_deref(), Some("Reiwa 1"));
}

#[test]
fn spans_and_days_outside_the_tables() {
    let d = CivilDate::new;
    assert_eq!(
        era_years_in_words(d(1858, 1, 1), d(1858, 12, 31)).as_deref(),
        Some("Ansei 4–5")
    );
    assert_eq!(
        era_years_in_words(d(1904, 2, 8), d(1905, 9, 5)).as_deref(),
        Some("Meiji 37–38")
    );
    assert_eq!(
        era_years_in_words(d(1854, 6, 1), d(1855, 6, 1)).as_deref(),
        Some("Kaei 7 – Ansei 2")
    );
    // Before the first era of the table.
    assert_eq!(era(1500, 6, 1), None);
}

#[test]
fn the_tables_agree_with_themselves() {
    assert!(eras().len() >= 20, "{} eras", eras().len());
    for pair in eras().windows(2) {
        assert!(pair[0].start < pair[1].start, "{:?}", pair[1]);
        assert!(pair[0].first_year <= pair[1].first_year, "{:?}", pair[1]);
    }
    // Each era began in the year the table equates with its first year.
    for e in eras() {
        let year = calendar_year(CivilDate::from_days(e.start));
        assert_eq!(year, Some(e.first_year), "{} {}", e.name, e.kanji);
    }
    // Lunisolar years are 353–355 days, or 383–385 with a leap month.
    let years: Vec<i64> = (1700..GREGORIAN_FROM).filter_map(new_year).collect();
    assert!(years.len() >= 85, "{} New Years", years.len());
    for y in 1700..GREGORIAN_FROM - 1 {
        if let (Some(a), Some(b)) = (new_year(y), new_year(y + 1)) {
            let len = b - a;
            assert!(
                (353..=355).contains(&len) || (383..=385).contains(&len),
                "lunisolar {y}: {len} days"
            );
        }
    }
}

#[test]
fn year_starts_are_proclamations_and_new_years() {
    let d = |y, m, day| CivilDate::new(y, m, day).days();
    let starts = year_starts(d(1854, 6, 1), d(1856, 6, 1));
    let listed: Vec<(i64, String)> = starts.iter().map(|(t, y)| (*t, y.to_string())).collect();
    assert_eq!(
        listed,
        vec![
            (d(1855, 1, 15), "Ansei 1".to_owned()),
            (d(1855, 2, 17), "Ansei 2".to_owned()),
            (d(1856, 2, 6), "Ansei 3".to_owned()),
        ]
    );
}

#[test]
fn from_1873_the_era_years_are_icu4x_s() {
    use icu_calendar::Date;
    use icu_calendar::cal::Japanese;
    let japanese = Japanese::new();
    // Every first of the month, and the days around each modern era change.
    let mut days: Vec<CivilDate> = (1873..=2030)
        .flat_map(|y| (1..=12).map(move |m| CivilDate::new(y, m, 1)))
        .collect();
    for (y, m, d) in [(1912, 7, 29), (1912, 7, 30), (1926, 12, 24), (1926, 12, 25)] {
        days.push(CivilDate::new(y, m, d));
    }
    days.extend(
        [(1989, 1, 7), (1989, 1, 8), (2019, 4, 30), (2019, 5, 1)]
            .map(|(y, m, d)| CivilDate::new(y, m, d)),
    );
    for day in days {
        let icu = Date::try_new_gregorian(day.year as i32, day.month, day.day)
            .unwrap_or_else(|e| panic!("{day:?}: {e:?}"))
            .to_calendar(japanese)
            .era_year();
        let ours = era_year(day).unwrap_or_else(|| panic!("{day:?}: no era year"));
        // ICU4X names eras by CLDR code (meiji, taisho, showa, heisei, reiwa).
        let name = ours.era.name.to_lowercase().replace('ō', "o");
        assert_eq!(
            (name.as_str(), ours.year),
            (icu.era.as_str(), i64::from(icu.year)),
            "{day:?}"
        );
    }
}
