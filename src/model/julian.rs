//! The Julian calendar (Old Style), in which Russia dated until February 1918: conversion both
//! ways through ICU4X's `icu_calendar`, and an Old Style date in words beside the Gregorian one
//! ("7 February 1855 (26 January O.S.)").

use icu_calendar::Date;
use icu_calendar::cal::{Gregorian, Julian};

use super::calendar::{CivilDate, MONTH_NAMES, edtf_year};
use super::date::{HistDate, Precision};
use super::event::{InputCalendar, OriginalDates};

/// The first day Russia counted in the Gregorian calendar, 14 February 1918 (days since
/// 1970-01-01): the day after 31 January 1918 O.S.
pub const RUSSIA_SWITCH_DAY: i64 = -18_949;

/// The Gregorian day of a Julian (Old Style) day; `None` outside ICU4X's range (years ±9999)
/// or for a day the Julian calendar does not have.
pub fn to_gregorian(year: i64, month: u8, day: u8) -> Option<CivilDate> {
    let julian = Date::try_new_julian(i32::try_from(year).ok()?, month, day).ok()?;
    let g = julian.to_calendar(Gregorian);
    Some(CivilDate {
        year: i64::from(g.year().extended_year()),
        month: g.month().ordinal,
        day: g.day_of_month().0,
    })
}

/// The Julian (Old Style) day of a Gregorian day, as (year, month, day).
pub fn from_gregorian(d: CivilDate) -> Option<(i64, u8, u8)> {
    let g = Date::try_new_gregorian(i32::try_from(d.year).ok()?, d.month, d.day).ok()?;
    let j = g.to_calendar(Julian);
    Some((
        i64::from(j.year().extended_year()),
        j.month().ordinal,
        j.day_of_month().0,
    ))
}

/// A date read as written in the Julian calendar, moved to the Gregorian day it was: dates
/// known to the day are converted (qualifiers kept); coarser ones (a month, a year) are kept as
/// they are, as the two calendars' months and years differ by under two weeks.
pub fn date_to_gregorian(d: &HistDate) -> Option<HistDate> {
    if d.precision() != Precision::Day || d.is_open() {
        return Some(d.clone());
    }
    let day = d.earliest();
    let g = to_gregorian(day.year, day.month, day.day)?;
    HistDate::parse(&day_text(d, (g.year, g.month, g.day))).ok()
}

/// The EDTF of the day `(year, month, day)` with the qualifiers of `d`, a date known to the
/// day: `1855-01-26`, `1904-12-25~`.
fn day_text(d: &HistDate, (year, month, day): (i64, u8, u8)) -> String {
    // The qualifiers (`~`, `?`, `%`) follow the day in EDTF.
    let qualifiers: String = d
        .edtf()
        .chars()
        .rev()
        .take_while(|c| matches!(c, '~' | '?' | '%'))
        .collect();
    format!("{}-{month:02}-{day:02}{qualifiers}", edtf_year(year))
}

/// A date written in the Julian calendar with the `O.S.` suffix (`1855-01-26 O.S.`), from its
/// Gregorian date: a day is converted (qualifiers kept), a month or a year is written as it is,
/// as [`date_to_gregorian`] reads them.
pub fn old_style_text(d: &HistDate) -> Option<String> {
    if d.precision() != Precision::Day || d.is_open() {
        return Some(format!("{} O.S.", d.edtf()));
    }
    let text = day_text(d, from_gregorian(d.earliest())?);
    // A Julian 29 February of a year the Gregorian calendar gives none (1700, 1800, 1900) is
    // no EDTF date: it could not be read back.
    HistDate::parse(&text).ok()?;
    Some(format!("{text} O.S."))
}

/// The dates of an event as written in the Julian calendar, from its Gregorian ones: what an
/// Old Style event keeps to show and write back once its dates are changed in the window.
/// `None` when a date cannot be converted.
pub fn original_of(start: &HistDate, end: Option<&HistDate>) -> Option<OriginalDates> {
    Some(OriginalDates {
        calendar: InputCalendar::Julian,
        start: old_style_text(start)?,
        end: match end {
            Some(e) => Some(old_style_text(e)?),
            None => None,
        },
    })
}

/// The Old Style day of a Gregorian date known to the day, in words: `26 January`, with its
/// year when it differs from the Gregorian one (`20 December 1854`).
fn day_in_words(d: &HistDate, with_year: bool) -> Option<String> {
    if d.precision() != Precision::Day || d.is_open() {
        return None;
    }
    let (y, m, day) = from_gregorian(d.earliest())?;
    let month = MONTH_NAMES.get(usize::from(m).checked_sub(1)?)?;
    Some(if with_year || y != d.earliest().year {
        format!("{day} {month} {y}")
    } else {
        format!("{day} {month}")
    })
}

/// The Old Style dates of an event known to the day, in words: `26 January` for one day,
/// `27 January 1904 – 23 August 1905` for a span; `None` for dates not known to the day.
pub fn old_style_in_words(start: &HistDate, end: Option<&HistDate>) -> Option<String> {
    match end {
        Some(end) if end.edtf() != start.edtf() => Some(format!(
            "{} – {}",
            day_in_words(start, true)?,
            day_in_words(end, true)?
        )),
        _ => day_in_words(start, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A day as (year, month, day).
    type Ymd = (i64, u8, u8);

    fn civil(year: i64, month: u8, day: u8) -> CivilDate {
        CivilDate { year, month, day }
    }

    /// Pairs of Julian and Gregorian days from published tables, not from this code: the table
    /// "Difference between Gregorian and Julian calendar dates" of Wikipedia's article
    /// "Gregorian calendar" (10 days until Gregorian 10 March 1700 = Julian 28 February 1700;
    /// 11 days from Gregorian 11 March 1700 = Julian 29 February 1700; 12 from 12 March 1800 =
    /// 29 February 1800; 13 from 13 March 1900 = 29 February 1900), the day line of 1700 on the
    /// talk page of "Conversion between Julian and Gregorian calendars" (Julian 18, 19 … 29
    /// February, 1 March = Gregorian 28 February, 1 … 11, 12 March), and days the dataset's
    /// sources print both ways (Russian Wikipedia's "26 января (7 февраля) 1855", "23 августа
    /// (5 сентября) 1905").
    const PAIRS: [(Ymd, Ymd); 12] = [
        // The gap changes on the Julian leap days the Gregorian calendar skips.
        ((1700, 2, 18), (1700, 2, 28)),
        ((1700, 2, 19), (1700, 3, 1)),
        ((1700, 2, 29), (1700, 3, 11)),
        ((1700, 3, 1), (1700, 3, 12)),
        ((1800, 2, 29), (1800, 3, 12)),
        ((1800, 3, 1), (1800, 3, 13)),
        ((1900, 2, 29), (1900, 3, 13)),
        ((1900, 3, 1), (1900, 3, 14)),
        // The Treaty of Shimoda: 26 January (7 February) 1855.
        ((1855, 1, 26), (1855, 2, 7)),
        // The Treaty of Portsmouth: 23 August (5 September) 1905.
        ((1905, 8, 23), (1905, 9, 5)),
        // Russia's switch: 31 January 1918 O.S. was followed by 14 February 1918 N.S.
        ((1918, 1, 31), (1918, 2, 13)),
        ((1918, 2, 1), (1918, 2, 14)),
    ];

    #[test]
    fn julian_and_gregorian_days_match_published_pairs_both_ways() {
        for ((jy, jm, jd), (gy, gm, gd)) in PAIRS {
            assert_eq!(
                to_gregorian(jy, jm, jd),
                Some(civil(gy, gm, gd)),
                "{jy}-{jm}-{jd} O.S."
            );
            assert_eq!(from_gregorian(civil(gy, gm, gd)), Some((jy, jm, jd)));
        }
        // 29 February 1900 exists in the Julian calendar only.
        assert_eq!(to_gregorian(1900, 2, 30), None);
    }

    #[test]
    fn changed_dates_are_written_back_in_old_style() {
        let date = |s: &str| HistDate::parse(s).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            old_style_text(&date("1855-02-07")).as_deref(),
            Some("1855-01-26 O.S.")
        );
        assert_eq!(
            old_style_text(&date("1905-01-07~")).as_deref(),
            Some("1904-12-25~ O.S.")
        );
        assert_eq!(old_style_text(&date("1856")).as_deref(), Some("1856 O.S."));
        // Read back, the text gives the Gregorian date again.
        for s in ["1855-02-07", "1905-01-07~", "1700-03-12"] {
            let text = old_style_text(&date(s)).unwrap_or_default();
            let bare = text.trim_end_matches(" O.S.");
            assert_eq!(date_to_gregorian(&date(bare)), Some(date(s)), "{text}");
        }
        // The Julian 29 February 1700 cannot be written in EDTF: no Old Style text.
        assert_eq!(old_style_text(&date("1700-03-11")), None);
    }

    #[test]
    fn russia_switched_on_14_february_1918() {
        assert_eq!(RUSSIA_SWITCH_DAY, CivilDate::new(1918, 2, 14).days());
        assert_eq!(
            to_gregorian(1918, 2, 1).map(CivilDate::days),
            Some(RUSSIA_SWITCH_DAY)
        );
    }

    #[test]
    fn dates_known_to_the_day_move_and_coarser_ones_stay() {
        let date = |s: &str| HistDate::parse(s).unwrap_or_else(|e| panic!("{e}"));
        let moved = |s: &str| date_to_gregorian(&date(s)).map(|d| d.edtf().to_owned());
        assert_eq!(moved("1855-01-26").as_deref(), Some("1855-02-07"));
        assert_eq!(moved("1904-12-25~").as_deref(), Some("1905-01-07~"));
        assert_eq!(moved("1855-01").as_deref(), Some("1855-01"));
        assert_eq!(moved("1855").as_deref(), Some("1855"));
    }

    #[test]
    fn old_style_in_words_beside_the_gregorian() {
        let date = |s: &str| HistDate::parse(s).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            old_style_in_words(&date("1855-02-07"), None).as_deref(),
            Some("26 January")
        );
        assert_eq!(
            old_style_in_words(&date("1905-01-07"), None).as_deref(),
            Some("25 December 1904")
        );
        assert_eq!(
            old_style_in_words(&date("1904-02-09"), Some(&date("1905-09-05"))).as_deref(),
            Some("27 January 1904 – 23 August 1905")
        );
        assert_eq!(old_style_in_words(&date("1855"), None), None);
    }
}
