//! Japanese era years (nengō): `7 February 1855` is `Ansei 1`. Japan counted years by era names
//! and, until the end of 1872, by its lunisolar calendar, whose year began between late January
//! and late February; the Gregorian calendar followed on 1 January 1873 (Meiji 6).
//!
//! Two tables under `assets/` hold what is counted with (their sources are named in their
//! headers): the eras (`japanese-eras.csv`: the day each name was proclaimed and the Gregorian
//! year equated with its first year), and the Gregorian day of each lunisolar New Year
//! (`japanese-new-years.csv`). An era year is the lunisolar year of the day counted from the
//! era's first year; no lunisolar month or day is computed. Outside the tables (before the
//! first era listed, or a lunisolar year whose New Year is not listed, when the day falls in the
//! weeks where the New Year could be) there is no era year rather than a guess.

use std::fmt;
use std::sync::OnceLock;

use super::calendar::CivilDate;

const ERAS_CSV: &str = include_str!("../../assets/japanese-eras.csv");
const NEW_YEARS_CSV: &str = include_str!("../../assets/japanese-new-years.csv");

/// The first year counted by the Gregorian calendar in Japan (1 January 1873 = Meiji 6).
pub const GREGORIAN_FROM: i64 = 1873;
/// A lunisolar New Year falls from 21 January to 20 February: days outside those weeks belong
/// to a known lunisolar year without the table.
const EARLIEST_NEW_YEAR: (u8, u8) = (1, 21);
const LATEST_NEW_YEAR: (u8, u8) = (2, 20);

/// An era (nengō).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JapaneseEra {
    /// `安政`.
    pub kanji: String,
    /// `Ansei`.
    pub name: String,
    /// The day (days since 1970-01-01) the name was proclaimed, from which it was in use.
    pub start: i64,
    /// The Gregorian year equated with the era's first year (Ansei 1 = 1854).
    pub first_year: i64,
}

/// A year of an era: `Ansei 1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EraYear {
    pub era: &'static JapaneseEra,
    pub year: i64,
}

impl fmt::Display for EraYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.era.name, self.year)
    }
}

struct Tables {
    eras: Vec<JapaneseEra>,
    /// (lunisolar year, its New Year's day in days since 1970-01-01), by year.
    new_years: Vec<(i64, i64)>,
}

/// The day of `YYYY-MM-DD`.
fn day_of(text: &str) -> Option<i64> {
    let mut parts = text.trim().splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day))
        .then(|| CivilDate::new(year, month, day).days())
}

/// The rows of one of the tables (`#` lines are comments; the first row names the columns).
fn rows(text: &str) -> impl Iterator<Item = csv::StringRecord> + '_ {
    csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes())
        .into_records()
        .filter_map(Result::ok)
}

fn read_tables() -> Tables {
    let mut eras: Vec<JapaneseEra> = rows(ERAS_CSV)
        .filter_map(|r| {
            Some(JapaneseEra {
                kanji: r.get(0)?.to_owned(),
                name: r.get(1)?.to_owned(),
                start: day_of(r.get(2)?)?,
                first_year: r.get(3)?.parse().ok()?,
            })
        })
        .collect();
    eras.sort_by_key(|e| e.start);
    let mut new_years: Vec<(i64, i64)> = rows(NEW_YEARS_CSV)
        .filter_map(|r| Some((r.get(0)?.parse().ok()?, day_of(r.get(1)?)?)))
        .collect();
    new_years.sort_unstable();
    Tables { eras, new_years }
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(read_tables)
}

/// Every era in the table, earliest first.
pub fn eras() -> &'static [JapaneseEra] {
    &tables().eras
}

/// The Gregorian day of the lunisolar New Year of `year`, when the table has it.
pub fn new_year(year: i64) -> Option<i64> {
    let t = &tables().new_years;
    t.binary_search_by_key(&year, |&(y, _)| y)
        .ok()
        .map(|i| t[i].1)
}

/// The Japanese calendar year a day belongs to, numbered as the Gregorian year in which it
/// began: the lunisolar year until 1872, the Gregorian year from 1873. `None` in the weeks where
/// a lunisolar New Year not in the table could fall.
pub fn calendar_year(d: CivilDate) -> Option<i64> {
    if d.year >= GREGORIAN_FROM {
        return Some(d.year);
    }
    if let Some(new_year) = new_year(d.year) {
        return Some(if d.days() >= new_year {
            d.year
        } else {
            d.year - 1
        });
    }
    let md = (d.month, d.day);
    if md < EARLIEST_NEW_YEAR {
        Some(d.year - 1)
    } else if md > LATEST_NEW_YEAR {
        Some(d.year)
    } else {
        None
    }
}

/// The era in use on a day: the last one proclaimed on or before it.
pub fn era_on(d: CivilDate) -> Option<&'static JapaneseEra> {
    let eras = eras();
    let day = d.days();
    let after = eras.partition_point(|e| e.start <= day);
    after.checked_sub(1).map(|i| &eras[i])
}

/// The era year of a day: `Ansei 1` for 7 February 1855.
pub fn era_year(d: CivilDate) -> Option<EraYear> {
    let era = era_on(d)?;
    let year = calendar_year(d)?;
    // A day after the proclamation is in the era's first year or later; the max guards a table
    // whose first year disagrees with its start by a New Year.
    Some(EraYear {
        era,
        year: (year - era.first_year + 1).max(1),
    })
}

/// The era years from one day to another, in words: `Ansei 1`, `Ansei 4–5`,
/// `Kaei 7 – Ansei 1`; `None` when either end has no era year.
pub fn era_years_in_words(first: CivilDate, last: CivilDate) -> Option<String> {
    let (a, b) = (era_year(first)?, era_year(last)?);
    Some(if a == b {
        a.to_string()
    } else if a.era == b.era {
        format!("{} {}–{}", a.era.name, a.year, b.year)
    } else {
        format!("{a} – {b}")
    })
}

/// Where each era year begins in `[from, to]` (days since 1970-01-01), earliest first: an
/// era's proclamation starts its year, a New Year (or 1 January from 1873) the next. Years whose
/// New Year is not in the table are left out.
pub fn year_starts(from: i64, to: i64) -> Vec<(i64, EraYear)> {
    let mut out = Vec::new();
    let (first, last) = (
        CivilDate::from_days(from).year,
        CivilDate::from_days(to).year,
    );
    for era in eras() {
        if (from..=to).contains(&era.start)
            && let Some(y) = era_year(CivilDate::from_days(era.start))
        {
            out.push((era.start, y));
        }
    }
    for year in first..=last {
        let start = if year >= GREGORIAN_FROM {
            CivilDate::new(year, 1, 1).days()
        } else if let Some(day) = new_year(year) {
            day
        } else {
            continue;
        };
        if (from..=to).contains(&start)
            && let Some(y) = era_year(CivilDate::from_days(start))
            && !out.iter().any(|&(d, _)| d == start)
        {
            out.push((start, y));
        }
    }
    out.sort_by_key(|&(d, _)| d);
    out
}

#[cfg(test)]
#[path = "japanese_era_tests.rs"]
mod tests;
