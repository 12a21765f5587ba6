//! Historical dates: EDTF strings (ISO 8601-2, levels 0 and 1, plus seasons) parsed with
//! `edtf-core`, with their precision, qualifiers, calendar bounds, a position on the time axis
//! and a human form (`7 February 1855`, `c. 1792`, `55 BC`).
//!
//! The time axis is measured in days since 1970-01-01 in the proleptic Gregorian calendar with
//! astronomical year numbering (year 0 = 1 BC), as an `f64`: whole days are exact far beyond
//! ±10,000 years.

use std::fmt;

use edtf_core::{Bound, BoundDate, Edtf};

/// Position on the time axis: days since 1970-01-01 (proleptic Gregorian), fractional within a day.
pub type AxisTime = f64;

/// The largest year magnitude Chronolane accepts (beyond it, bounds stop being meaningful here).
pub const MAX_YEAR: i64 = 1_000_000;

pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A day in the proleptic Gregorian calendar, astronomical years (0 = 1 BC, -1 = 2 BC).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CivilDate {
    pub year: i64,
    pub month: u8,
    pub day: u8,
}

impl CivilDate {
    pub fn new(year: i64, month: u8, day: u8) -> Self {
        Self { year, month, day }
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn days(self) -> i64 {
        let y = if self.month <= 2 {
            self.year - 1
        } else {
            self.year
        };
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The civil date of a day number (inverse of [`CivilDate::days`]).
    pub fn from_days(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        // month is 1..=12 and day 1..=31 by construction.
        Self::new(year, month as u8, day as u8)
    }

    /// The civil date containing an axis time (days are floored).
    pub fn from_axis(t: AxisTime) -> Self {
        let clamped = t.clamp(-4.0e8, 4.0e8);
        Self::from_days(clamped.floor() as i64)
    }

    pub fn axis(self) -> AxisTime {
        self.days() as f64
    }
}

pub fn is_leap_year(year: i64) -> bool {
    year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0)
}

pub fn days_in_month(year: i64, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Axis time of 1 January of an astronomical year.
pub fn axis_from_year(year: i64) -> AxisTime {
    CivilDate::new(year, 1, 1).axis()
}

/// A year as people write it: `1855`, `55 BC` (astronomical year -54), `1 BC` (year 0).
pub fn year_in_words(year: i64) -> String {
    if year <= 0 {
        format!("{} BC", 1 - year)
    } else {
        year.to_string()
    }
}

/// A calendar day in words: `7 February 1855`.
pub fn day_in_words(d: CivilDate) -> String {
    format!(
        "{} {} {}",
        d.day,
        MONTH_NAMES[usize::from(d.month.clamp(1, 12) - 1)],
        year_in_words(d.year)
    )
}

/// The finest unit a date is known to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Millennium,
    Century,
    Decade,
    Year,
    Season,
    Month,
    Day,
}

impl Precision {
    pub fn label(self) -> &'static str {
        match self {
            Self::Millennium => "millennium",
            Self::Century => "century",
            Self::Decade => "decade",
            Self::Year => "year",
            Self::Season => "season",
            Self::Month => "month",
            Self::Day => "day",
        }
    }
}

/// Why a string is not a date Chronolane accepts. `Display` gives the reason alone; callers
/// prefix the field and value (`start "1855-02-30" is not a date: February 1855 has 28 days`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("it is empty")]
    Empty,
    #[error("{month} {year} has {days} days")]
    NoSuchDay {
        month: &'static str,
        year: String,
        days: u8,
    },
    #[error("there is no month {0}")]
    NoSuchMonth(u8),
    #[error("it is a range; give its end in the end field")]
    Interval,
    #[error("it is a set of dates, which Chronolane does not place on a timeline")]
    Set,
    #[error("years beyond ±{MAX_YEAR} are not supported")]
    OutOfRange,
    #[error("{0} (EDTF examples: 1855, 1855-02, 1855-02-07, 1792~, 1811?, 185X, -0054)")]
    Syntax(String),
}

/// A parsed historical date.
#[derive(Clone, Debug)]
pub struct HistDate {
    edtf: compact_str::CompactString,
    precision: Precision,
    approximate: bool,
    uncertain: bool,
    /// Days since 1970-01-01 of the earliest and latest day the date may denote (32 bits reach
    /// five million years either way; a million events keep 16 bytes each this way).
    earliest: i32,
    latest: i32,
}

impl PartialEq for HistDate {
    fn eq(&self, other: &Self) -> bool {
        self.edtf == other.edtf
    }
}
impl Eq for HistDate {}

impl HistDate {
    /// Parses an EDTF date (`1855`, `1855-02-07`, `1792~`, `1811?`, `1904%`, `185X`, `-0054`).
    pub fn parse(input: &str) -> Result<Self, DateError> {
        let text = input.trim();
        if text.is_empty() {
            return Err(DateError::Empty);
        }
        let parsed = Edtf::parse(text).map_err(|e| diagnose(text, e.message))?;
        let date = match parsed {
            Edtf::Date(d) => d,
            Edtf::DateTime(dt) => dt.date,
            Edtf::Interval(_) => return Err(DateError::Interval),
            Edtf::Set(_) => return Err(DateError::Set),
        };
        let bounds = Edtf::Date(date).bounds();
        let (Bound::Date(lo), Bound::Date(hi)) = (bounds.earliest, bounds.latest) else {
            return Err(DateError::OutOfRange);
        };
        if lo.year.abs() > MAX_YEAR || hi.year.abs() > MAX_YEAR {
            return Err(DateError::OutOfRange);
        }
        // Year digits the date leaves open: `X` digits, and those after the significant ones
        // (`1950S2` is 1900–1999, `Y10001S1` is 10000–19999).
        let digit_count = |n: i64| n.unsigned_abs().to_string().len();
        let insignificant = |total: usize| {
            date.year
                .significant_digits
                .map_or(0, |s| total.saturating_sub(s as usize))
        };
        let unspecified_year_digits = match date.year.kind {
            edtf_core::YearKind::Standard { digits, .. } => digits
                .iter()
                .filter(|d| d.is_none())
                .count()
                .max(insignificant(4)),
            edtf_core::YearKind::Big { value } => insignificant(digit_count(value)),
            edtf_core::YearKind::Exponential {
                significand,
                exponent,
            } => insignificant(digit_count(significand) + exponent as usize),
        };
        #[allow(clippy::match_same_arms)] // one arm per case of EDTF's precision, as it reads
        let precision = match (date.precision(), unspecified_year_digits) {
            // An unspecified year digit makes the whole date that vague (`156X-12-25` is some
            // 25 December of the 1560s), as an unspecified month makes `1855-XX` a year.
            (_, 1) => Precision::Decade,
            (_, 2) => Precision::Century,
            (_, 3..) => Precision::Millennium,
            // `2001-XX-XX`: the month is unknown too.
            (edtf_core::Precision::Day, _)
                if date
                    .month
                    .is_some_and(edtf_core::DateField::has_unspecified) =>
            {
                Precision::Year
            }
            (edtf_core::Precision::Day, _)
                if date.day.is_some_and(edtf_core::DateField::has_unspecified) =>
            {
                Precision::Month
            }
            (edtf_core::Precision::Day, _) => Precision::Day,
            (edtf_core::Precision::Season, _) => Precision::Season,
            (edtf_core::Precision::Month, _)
                if date
                    .month
                    .is_some_and(edtf_core::DateField::has_unspecified) =>
            {
                Precision::Year
            }
            (edtf_core::Precision::Month, _) => Precision::Month,
            _ => Precision::Year,
        };
        Ok(Self {
            edtf: text.into(),
            precision,
            approximate: date.is_approximate(),
            uncertain: date.is_uncertain(),
            earliest: day_number(civil(lo)),
            latest: day_number(civil(hi)),
        })
    }

    /// The EDTF string as written.
    pub fn edtf(&self) -> &str {
        &self.edtf
    }
    pub fn precision(&self) -> Precision {
        self.precision
    }
    pub fn is_approximate(&self) -> bool {
        self.approximate
    }
    pub fn is_uncertain(&self) -> bool {
        self.uncertain
    }
    /// True when the date is approximate or uncertain.
    pub fn is_qualified(&self) -> bool {
        self.approximate || self.uncertain
    }
    /// The first calendar day the date may denote.
    pub fn earliest(&self) -> CivilDate {
        CivilDate::from_days(i64::from(self.earliest))
    }
    /// The last calendar day the date may denote (inclusive).
    pub fn latest(&self) -> CivilDate {
        CivilDate::from_days(i64::from(self.latest))
    }
    /// Axis position of the start of the earliest day.
    pub fn axis_start(&self) -> AxisTime {
        f64::from(self.earliest)
    }
    /// Axis position of the end of the latest day (exclusive).
    pub fn axis_end(&self) -> AxisTime {
        f64::from(self.latest) + 1.0
    }

    /// The date without its qualifiers, in words: `7 February 1855`, `February 1855`, `1850s`.
    fn bare_words(&self) -> String {
        let lo = self.earliest();
        match self.precision {
            Precision::Day => day_in_words(lo),
            Precision::Month => format!(
                "{} {}",
                MONTH_NAMES[usize::from(lo.month - 1)],
                year_in_words(lo.year)
            ),
            Precision::Season => {
                let season = match lo.month {
                    3..=5 => "Spring",
                    6..=8 => "Summer",
                    9..=11 => "Autumn",
                    _ => "Winter",
                };
                format!("{season} {}", year_in_words(lo.year))
            }
            Precision::Year => year_in_words(lo.year),
            Precision::Decade | Precision::Century | Precision::Millennium if lo.year > 0 => {
                format!("{}s", lo.year)
            }
            _ => format!(
                "{}–{}",
                year_in_words(lo.year),
                year_in_words(self.latest().year)
            ),
        }
    }

    /// The date in words with its qualifiers: `c. 1792`, `1811?`, `c. 1904?`, `55 BC`.
    pub fn in_words(&self) -> String {
        let bare = self.bare_words();
        match (self.approximate, self.uncertain) {
            (true, true) => format!("c. {bare}?"),
            (true, false) => format!("c. {bare}"),
            (false, true) => format!("{bare}?"),
            (false, false) => bare,
        }
    }
}

impl fmt::Display for HistDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.edtf)
    }
}

/// A span in words: `1904–1905`, `8 February 1904 – 5 September 1905`; a lone date when `end`
/// is absent.
pub fn span_in_words(start: &HistDate, end: Option<&HistDate>) -> String {
    let Some(end) = end else {
        return start.in_words();
    };
    let (a, b) = (start.in_words(), end.in_words());
    if a == b {
        a
    } else if !a.contains(' ') && !b.contains(' ') {
        format!("{a}–{b}")
    } else {
        format!("{a} – {b}")
    }
}

fn civil(b: BoundDate) -> CivilDate {
    CivilDate::new(b.year, b.month, b.day)
}

/// Turns edtf-core's rejection into a reason a historian can act on.
/// A day's number as stored in a [`HistDate`]; years are limited to ±[`MAX_YEAR`], well inside.
fn day_number(d: CivilDate) -> i32 {
    i32::try_from(d.days()).unwrap_or(if d.year < 0 { i32::MIN } else { i32::MAX })
}

fn diagnose(text: &str, message: &str) -> DateError {
    let core = text.trim_end_matches(['?', '~', '%']);
    let (negative, body) = match core.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, core),
    };
    let parts: Vec<&str> = body.split('-').collect();
    let numeric = |s: &str| s.len() >= 2 && s.bytes().all(|b| b.is_ascii_digit());
    if parts[0].len() > 4 && parts[0].bytes().all(|b| b.is_ascii_digit()) {
        return DateError::Syntax(format!(
            "write a year of more than four digits with a Y: Y{}{}",
            if negative { "-" } else { "" },
            parts[0].trim_start_matches('0')
        ));
    }
    if parts.len() >= 2 && parts.len() <= 3 && parts.iter().all(|p| numeric(p)) {
        let year: i64 = parts[0].parse().unwrap_or(0);
        let year = if negative { -year } else { year };
        let month: u8 = parts[1].parse().unwrap_or(0);
        if !(1..=12).contains(&month) && !(21..=41).contains(&month) {
            return DateError::NoSuchMonth(month);
        }
        if let (Some(day), true) = (parts.get(2), (1..=12).contains(&month)) {
            let day: u8 = day.parse().unwrap_or(0);
            let days = days_in_month(year, month);
            if day == 0 || day > days {
                return DateError::NoSuchDay {
                    month: MONTH_NAMES[usize::from(month - 1)],
                    year: year_in_words(year),
                    days,
                };
            }
        }
    }
    DateError::Syntax(format!("not EDTF: {message}"))
}

#[cfg(test)]
#[path = "date_tests.rs"]
mod tests;
