//! The second calendar row under the time axis (View ▸ Second calendar): the Julian (Old Style)
//! dates Russia used until February 1918, at the same steps as the axis (`26 Jan 1855` sits
//! where the Gregorian 7 February is), or the Japanese eras as named bands with their years.
//! Pure: marks and bands in axis time, painted by [`super::paint`].

use serde::{Deserialize, Serialize};

use crate::model::event::OtherCalendars;
use crate::model::{AxisTime, CivilDate, japanese_era, julian};

use super::ticks::{Step, label_step};
use super::view::TimeMapping;

/// The calendar of the second row.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SecondCalendar {
    #[default]
    None,
    /// Julian (Old Style) dates.
    Julian,
    /// Japanese era names and years.
    JapaneseEras,
}

impl SecondCalendar {
    pub const ALL: [Self; 3] = [Self::None, Self::Julian, Self::JapaneseEras];

    /// Its name in the View menu.
    pub fn label(self) -> &'static str {
        match self {
            Self::None => "None",
            Self::Julian => "Julian (O.S.)",
            Self::JapaneseEras => "Japanese eras",
        }
    }

    /// What the row is called in the lane-name column.
    pub fn row_name(self) -> &'static str {
        match self {
            Self::None => "",
            Self::Julian => "Old Style",
            Self::JapaneseEras => "Japanese era",
        }
    }

    /// The calendars dates are also given in (details, tooltips) when this row is shown: its
    /// own, for every event.
    pub fn other_calendars(self) -> OtherCalendars {
        OtherCalendars {
            old_style: self == Self::Julian,
            japanese: self == Self::JapaneseEras,
        }
    }
}

/// A labelled line of the second row.
#[derive(Clone, Debug, PartialEq)]
pub struct RowMark {
    pub time: AxisTime,
    pub label: Option<String>,
}

/// A named stretch of the second row (an era).
#[derive(Clone, Debug, PartialEq)]
pub struct RowBand {
    pub t0: AxisTime,
    pub t1: AxisTime,
    /// `Ansei 安政`.
    pub label: String,
    /// `Ansei`, for a band too narrow for its label.
    pub short: String,
}

/// What the second row shows in a view.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SecondRow {
    pub marks: Vec<RowMark>,
    pub bands: Vec<RowBand>,
}

/// Julian years, months and days exist for ICU4X's years ±9999; beyond, the row is empty.
const JULIAN_YEARS: i64 = 9_999;

/// The second row of `calendar` in the view of `mapping`, its labels `char_width` points per
/// character wide.
pub fn second_row(calendar: SecondCalendar, mapping: &TimeMapping, char_width: f32) -> SecondRow {
    match calendar {
        SecondCalendar::None => SecondRow::default(),
        SecondCalendar::Julian => SecondRow {
            marks: julian_marks(mapping, char_width),
            bands: Vec::new(),
        },
        SecondCalendar::JapaneseEras => era_row(mapping, char_width),
    }
}

/// The axis's labelled step, counted in the Julian calendar: each Julian date with the
/// Gregorian fields of a tick (`26 Jan 1855`, `Feb 1855`, `1855`) where that Julian day is.
fn julian_marks(mapping: &TimeMapping, char_width: f32) -> Vec<RowMark> {
    let (from, to) = (mapping.view.start, mapping.view.end());
    let in_reach = |t: AxisTime| CivilDate::from_axis(t).year.abs() <= JULIAN_YEARS;
    let step = label_step(mapping, char_width);
    if !in_reach(from) || !in_reach(to) || matches!(step, Step::Years(n) if n > 1000) {
        return Vec::new();
    }
    // The steps are counted on the Julian dates' fields as if they were Gregorian ones: from
    // the Julian date of the view's first day to that of its last.
    let fields_at = |t: AxisTime| {
        julian::from_gregorian(CivilDate::from_axis(t))
            .map(|(y, m, d)| CivilDate::new(y, m, d).axis())
    };
    let (Some(first), Some(last)) = (fields_at(from), fields_at(to)) else {
        return Vec::new();
    };
    let limit = (mapping.width / 4.0) as usize + 8;
    step.times(first - 1.0, last + 1.0, limit)
        .into_iter()
        .filter_map(|(_, fields)| {
            let day = julian::to_gregorian(fields.year, fields.month, fields.day)?;
            let time = day.axis();
            (from..=to).contains(&time).then(|| RowMark {
                time,
                label: Some(step.label(fields)),
            })
        })
        .collect()
}

/// The eras in view as bands; their years as marks, labelled when a year is wide enough for
/// `Ansei 12`.
fn era_row(mapping: &TimeMapping, char_width: f32) -> SecondRow {
    let (from, to) = (mapping.view.start, mapping.view.end());
    let eras = japanese_era::eras();
    let mut bands = Vec::new();
    for (i, era) in eras.iter().enumerate() {
        let t0 = era.start as f64;
        let t1 = eras
            .get(i + 1)
            .map_or(f64::INFINITY, |next| next.start as f64);
        if t1 > from && t0 < to {
            bands.push(RowBand {
                t0,
                t1,
                label: format!("{} {}", era.name, era.kanji),
                short: era.name.clone(),
            });
        }
    }
    let year_points = mapping.points_from_days(365.2425);
    let mut marks = Vec::new();
    if year_points >= 6.0 {
        let label_years = year_points >= 12.0 * char_width + 16.0;
        let (first, last) = (from.floor() as i64, to.ceil() as i64);
        marks = japanese_era::year_starts(first, last)
            .into_iter()
            .map(|(day, year)| RowMark {
                time: day as f64,
                label: label_years.then(|| year.to_string()),
            })
            .collect();
    }
    SecondRow { marks, bands }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::view::TimeView;

    fn around(year: i64, month: u8, day: u8, span_days: f64) -> TimeMapping {
        let center = CivilDate::new(year, month, day).axis();
        TimeMapping::new(
            TimeView::new(center - span_days / 2.0, span_days),
            0.0,
            1200.0,
        )
    }

    fn label_at(row: &SecondRow, y: i64, m: u8, d: u8) -> Option<String> {
        let t = CivilDate::new(y, m, d).axis();
        row.marks
            .iter()
            .find(|mark| mark.time == t)
            .and_then(|mark| mark.label.clone())
    }

    #[test]
    fn julian_days_sit_on_their_gregorian_days() {
        let row = second_row(SecondCalendar::Julian, &around(1855, 2, 9, 10.0), 7.0);
        // 26 January 1855 O.S. was 7 February 1855.
        assert_eq!(label_at(&row, 1855, 2, 7).as_deref(), Some("26 Jan 1855"));
        assert_eq!(label_at(&row, 1855, 2, 13).as_deref(), Some("1 Feb 1855"));
        // 1 March 1900 O.S. was 14 March: the gap grew to 13 days on the Julian 29 February.
        let row = second_row(SecondCalendar::Julian, &around(1900, 3, 14, 10.0), 7.0);
        assert_eq!(label_at(&row, 1900, 3, 14).as_deref(), Some("1 Mar 1900"));
    }

    #[test]
    fn julian_years_begin_twelve_days_late_in_the_nineteenth_century() {
        let row = second_row(
            SecondCalendar::Julian,
            &around(1855, 6, 1, 8.0 * 365.0),
            7.0,
        );
        assert_eq!(label_at(&row, 1855, 1, 13).as_deref(), Some("1855"));
        assert!(label_at(&row, 1855, 1, 1).is_none());
    }

    #[test]
    fn no_row_without_a_calendar_or_out_of_reach() {
        let none = second_row(SecondCalendar::None, &around(1855, 2, 7, 20.0), 7.0);
        assert_eq!(none, SecondRow::default());
        let deep = second_row(SecondCalendar::Julian, &around(-200_000, 1, 1, 1e7), 7.0);
        assert!(deep.marks.is_empty());
    }

    #[test]
    fn eras_are_bands_and_their_years_marks() {
        let row = second_row(
            SecondCalendar::JapaneseEras,
            &around(1858, 1, 1, 12.0 * 365.0),
            7.0,
        );
        let names: Vec<&str> = row.bands.iter().map(|b| b.label.as_str()).collect();
        assert!(names.contains(&"Ansei 安政"), "{names:?}");
        assert!(names.contains(&"Kaei 嘉永"), "{names:?}");
        // Ansei 2 began at the lunisolar New Year, 17 February 1855.
        assert_eq!(label_at(&row, 1855, 2, 17).as_deref(), Some("Ansei 2"));
        // Ansei 1 began with the era, 15 January 1855 (Kaei 7, 11th month, 27th day).
        assert_eq!(label_at(&row, 1855, 1, 15).as_deref(), Some("Ansei 1"));
        // Two centuries: bands, no year labels.
        let wide = second_row(
            SecondCalendar::JapaneseEras,
            &around(1850, 1, 1, 2e2 * 365.0),
            7.0,
        );
        assert!(wide.marks.iter().all(|m| m.label.is_none()));
        assert!(wide.bands.len() > 10);
    }
}
