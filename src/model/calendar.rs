//! The calendar under every date: days in the proleptic Gregorian calendar with astronomical
//! year numbering (year 0 = 1 BC), the time axis, and years in words from a day to the Big Bang
//! (`7 February 1855`, `55 BC`, `10,000 BC`, `13.8 billion years ago`).
//!
//! The time axis is measured in days since 1970-01-01 as an `f64`. Whole days are exact
//! everywhere Chronolane reaches (±[`MAX_YEAR`] years is ±3.7·10¹³ days, below 2⁵³), and a day
//! is still about a thousand steps of an `f64` at the Big Bang (13.8 billion years is 5·10¹²
//! days, where an `f64` steps by 2⁻¹⁰ of a day, about 84 seconds).

/// Position on the time axis: days since 1970-01-01 (proleptic Gregorian), fractional within a day.
pub type AxisTime = f64;

/// The largest year magnitude Chronolane accepts: 100 billion years, seven times the age of the
/// universe, where a day is still 128 steps of an `f64` on the axis.
pub const MAX_YEAR: i64 = 100_000_000_000;

/// Axis times beyond this are clamped before turning into days.
const AXIS_LIMIT: f64 = (MAX_YEAR + 2) as f64 * 366.0;

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

    /// The civil date containing an axis time (days are floored; far times are clamped to the
    /// years Chronolane reaches).
    pub fn from_axis(t: AxisTime) -> Self {
        let clamped = if t.is_nan() {
            0.0
        } else {
            t.clamp(-AXIS_LIMIT, AXIS_LIMIT)
        };
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

/// Today's day number (days since 1970-01-01, UTC), where open ends are drawn to.
pub fn today_days() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs() / 86_400).unwrap_or(0))
}

/// A whole number with thousands separated by commas when it has five digits or more
/// (`1855`, `10,000`, `13,800,000,000`).
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    if digits.len() < 5 {
        return digits;
    }
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A year as people write it: `1855`, `55 BC` (astronomical year -54), `1 BC` (year 0),
/// `10,000 BC`.
pub fn year_in_words(year: i64) -> String {
    if year <= 0 {
        format!("{} BC", grouped(year.unsigned_abs() + 1))
    } else {
        grouped(year.unsigned_abs())
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

/// A year in words at a glance: far back it is said in years ago to three figures (`13.8 billion years ago`), nearer as a year (`10,000 BC`, `1855`).
pub fn rough_year_in_words(year: i64) -> String {
    if year <= -DEEP_YEARS {
        let ago = year.unsigned_abs() + 1;
        let scale = 10u64.pow(ago.ilog10().saturating_sub(2));
        // Rounded, not cut: 13,798,000,000 years ago is 13.8 billion.
        years_ago_in_words((ago + scale / 2) / scale * scale, None)
    } else {
        year_in_words(year)
    }
}

/// Years before which dates are said in years ago (`65 million years ago`) rather than as a
/// year BC: a million years, where the two thousand years between "BC" and "ago" are lost in
/// the rounding.
pub const DEEP_YEARS: i64 = 1_000_000;

/// `13.8 billion years ago`, `65 million years ago`, `12,000 years ago`: a number of years
/// before the present, said with at least `significant` figures when given (`66.0 million`),
/// otherwise with as many as it needs.
pub fn years_ago_in_words(years: u64, significant: Option<u32>) -> String {
    let (scale, unit) = if years >= 1_000_000_000 {
        (1_000_000_000u64, " billion")
    } else if years >= 1_000_000 {
        (1_000_000, " million")
    } else {
        return format!("{} years ago", grouped(years));
    };
    let whole = years / scale;
    let whole_digits = whole.ilog10() + 1;
    let fraction = years % scale;
    let scale_digits = scale.ilog10();
    // Decimals needed to say the number exactly, and those its significant figures ask for.
    let exact = if fraction == 0 {
        0
    } else {
        scale_digits - decimal_trailing_zeros(fraction)
    };
    let wanted = significant.map_or(0, |s| s.saturating_sub(whole_digits));
    let decimals = exact.max(wanted).min(scale_digits);
    let mut text = whole.to_string();
    if decimals > 0 {
        let digits = format!("{fraction:0width$}", width = scale_digits as usize);
        text.push('.');
        text.push_str(&digits[..decimals as usize]);
    }
    format!("{text}{unit} years ago")
}

/// How many decimal zeros end a number (none for 0).
fn decimal_trailing_zeros(mut n: u64) -> u32 {
    let mut zeros = 0;
    while n != 0 && n.is_multiple_of(10) {
        n /= 10;
        zeros += 1;
    }
    zeros
}

/// The EDTF of an astronomical year: `1855`, `0043`, `-0054`, and beyond four digits the
/// `Y`-prefixed form (`Y12345`, `Y-13799999999`).
pub fn edtf_year(year: i64) -> String {
    match year {
        0..=9999 => format!("{year:04}"),
        -9999..=-1 => format!("-{:04}", year.unsigned_abs()),
        _ => format!("Y{year}"),
    }
}
