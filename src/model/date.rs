//! Historical dates: EDTF strings (ISO 8601-2, levels 0 and 1, plus seasons, `Y` years with
//! significant digits, the one-of-a-range, earlier and later sets `[1850..1853]`, `[..0879]`,
//! `[1066..]`, and the open end `..`) parsed with `edtf-core`, with their precision,
//! qualifiers, calendar bounds, a position on the time axis and a human form (`7 February 1855`,
//! `c. 1792`, `55 BC`, `13.8 billion years ago`, `879 or earlier`).

use std::fmt;
use std::num::NonZeroI64;

use edtf_core::{Bound, BoundDate, Date, Edtf, Set, SetElement, SetKind};

pub use super::calendar::{
    AxisTime, CivilDate, DEEP_YEARS, MAX_YEAR, MONTH_NAMES, axis_from_year, day_in_words,
    days_in_month, edtf_year, grouped, is_leap_year, rough_year_in_words, today_days,
    year_in_words, years_ago_in_words,
};
pub use words::span_in_words;

#[path = "date_words.rs"]
mod words;

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
    const ALL: [Precision; 7] = [
        Self::Millennium,
        Self::Century,
        Self::Decade,
        Self::Year,
        Self::Season,
        Self::Month,
        Self::Day,
    ];

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

/// What a date says of the day it names, besides its bounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateKind {
    /// A date: `1855`, `1792~`, `185X`, `1904-02-08T23:30:00`, `Y-13800000000S3`.
    Date,
    /// One day of a range, which one unknown: `[1850..1853]` (between 1850 and 1853).
    OneOf,
    /// On or before a date: `[..0879]` (879 or earlier).
    OnOrBefore,
    /// On or after a date: `[1066..]` (1066 or later).
    OnOrAfter,
    /// An open end, `..`: still going on. Its bounds are today (when it was read).
    Open,
}

impl DateKind {
    const ALL: [DateKind; 5] = [
        Self::Date,
        Self::OneOf,
        Self::OnOrBefore,
        Self::OnOrAfter,
        Self::Open,
    ];
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
    #[error("the range ends before it begins")]
    Backwards,
    #[error("years beyond ±100 billion are not supported")]
    OutOfRange,
    #[error("{0} (EDTF examples: 1855, 1855-02, 1855-02-07, 1792~, 1811?, 185X, -0054)")]
    Syntax(String),
}

/// A parsed historical date.
///
/// Its earliest and latest days are kept as day numbers (days since 1970-01-01) shifted left
/// by [`FLAG_BITS`], the bits below holding the precision and qualifiers (under `lo`) and the
/// kind (under `hi`), and the text only when it is not a plain date's: 24 bytes a date (and an
/// `Option` of one), although the days reach a hundred billion years.
#[derive(Clone, Debug)]
pub struct HistDate {
    /// The date as written, unless it is a plain date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`): its
    /// first day and precision write that again ([`HistDate::edtf`]), so most dates hold no
    /// text at all.
    written: Option<arcstr::ArcStr>,
    lo: i64,
    /// Never zero ([`HI_SET`] is always set): an `Option` of a date is no bigger than a date.
    hi: NonZeroI64,
}

/// A date's EDTF text, as [`HistDate::edtf`] gives it: the text it was written with, or a plain
/// date's written again from its first day and precision (`1855-02-07`: at most ten bytes,
/// made on the stack). Reads as a `&str` (`&*date.edtf()`, or any `str` method).
pub enum Written<'a> {
    Text(&'a str),
    Plain([u8; 10], u8),
}

impl Written<'_> {
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` of the day `days` (years 0–9999, as a plain date
    /// has).
    fn plain(days: i64, precision: Precision) -> Self {
        let CivilDate { year, month, day } = CivilDate::from_days(days);
        // (Digits put by hand: every event's date is written so when a file is saved, and
        // `write!` took most of that time.)
        let digit = |n: u32| b'0' + (n % 10) as u8;
        let year = year.clamp(0, 9999) as u32;
        let (month, day) = (u32::from(month), u32::from(day));
        let mut buf = *b"0000-00-00";
        buf[..4].copy_from_slice(&[
            digit(year / 1000),
            digit(year / 100),
            digit(year / 10),
            digit(year),
        ]);
        buf[5..7].copy_from_slice(&[digit(month / 10), digit(month)]);
        buf[8..].copy_from_slice(&[digit(day / 10), digit(day)]);
        let len = match precision {
            Precision::Day => 10,
            Precision::Month => 7,
            _ => 4,
        };
        Self::Plain(buf, len)
    }
}

impl std::ops::Deref for Written<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Self::Text(text) => text,
            Self::Plain(buf, len) => std::str::from_utf8(&buf[..usize::from(*len)]).unwrap_or(""),
        }
    }
}

impl serde::Serialize for Written<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
}

impl fmt::Display for Written<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

impl fmt::Debug for Written<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl PartialEq for Written<'_> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl PartialEq<&str> for Written<'_> {
    fn eq(&self, other: &&str) -> bool {
        **self == **other
    }
}

/// Bits under each packed day number.
const FLAG_BITS: u32 = 8;
const APPROXIMATE: i64 = 1 << 3;
const UNCERTAIN: i64 = 1 << 4;
/// A bit always set in `hi`.
const HI_SET: i64 = 1 << 7;
/// Bits of `lo` that are no part of the date: its owner's to use ([`HistDate::tag`]).
const TAG_SHIFT: u32 = 5;
const TAG: i64 = 0b111 << TAG_SHIFT;
/// The largest tag.
pub(crate) const MAX_TAG: u8 = 7;

impl PartialEq for HistDate {
    fn eq(&self, other: &Self) -> bool {
        match (&self.written, &other.written) {
            // Plain dates: the same days and precision are the same text.
            (None, None) => (self.lo ^ other.lo) & !TAG == 0 && self.hi == other.hi,
            (Some(a), Some(b)) => a == b,
            _ => *self.edtf() == *other.edtf(),
        }
    }
}
impl Eq for HistDate {}

impl HistDate {
    /// A date of these bounds; `written` is its text unless it is a plain date's.
    fn pack(
        written: Option<arcstr::ArcStr>,
        kind: DateKind,
        bounds: (i64, i64),
        precision: Precision,
        q: (bool, bool),
    ) -> Self {
        let (approximate, uncertain) = q;
        let flags = precision as i64
            | if approximate { APPROXIMATE } else { 0 }
            | if uncertain { UNCERTAIN } else { 0 };
        Self {
            written,
            lo: bounds.0 << FLAG_BITS | flags,
            hi: NonZeroI64::new(bounds.1 << FLAG_BITS | kind as i64 | HI_SET)
                .unwrap_or(NonZeroI64::MIN),
        }
    }

    /// The open end `..`, drawn to today.
    fn open() -> Self {
        let today = today_days();
        Self::pack(
            Some(arcstr::literal!("..")),
            DateKind::Open,
            (today, today),
            Precision::Day,
            (false, false),
        )
    }

    /// The same open end, reaching at least to the last day of `start` (an ongoing event that
    /// begins after today is drawn as long as its start). Other dates are returned unchanged.
    #[must_use]
    pub fn open_past(self, start: &HistDate) -> Self {
        if self.kind() != DateKind::Open || self.latest_day() >= start.latest_day() {
            return self;
        }
        let day = start.latest_day();
        Self::pack(
            self.written,
            DateKind::Open,
            (day, day),
            Precision::Day,
            (false, false),
        )
    }

    /// Parses an EDTF date (`1855`, `1855-02-07`, `1792~`, `1811?`, `1904%`, `185X`, `-0054`,
    /// `Y-13800000000S3`, `[1850..1853]`, `[..0879]`, `[1066..]`, `..`).
    pub fn parse(input: &str) -> Result<Self, DateError> {
        let text = input.trim();
        if text.is_empty() {
            return Err(DateError::Empty);
        }
        if text == ".." {
            return Ok(Self::open());
        }
        if let Some(date) = Self::parse_plain(text) {
            return Ok(date);
        }
        Self::parse_edtf(text)
    }

    /// The shapes most dates in real files take, `YYYY`, `YYYY-MM` and `YYYY-MM-DD`, read
    /// without edtf-core (whose parse and bounds were a third of the time of opening a file).
    /// Anything else, or a month or day that does not exist, is left to [`Self::parse_edtf`],
    /// which says what is wrong. Gives exactly what `parse_edtf` gives (tested on every day
    /// of 0000–2100 and on random text), and what [`Self::parse`] gives for trimmed text.
    pub(crate) fn parse_plain(text: &str) -> Option<Self> {
        let (bounds, precision) = plain_bounds(text)?;
        Some(Self::pack(
            None,
            DateKind::Date,
            bounds,
            precision,
            (false, false),
        ))
    }

    /// Any EDTF date, through edtf-core.
    fn parse_edtf(text: &str) -> Result<Self, DateError> {
        let parsed = Edtf::parse(text).map_err(|e| diagnose(text, e.message))?;
        let (kind, first, last) = match parsed {
            Edtf::Date(d) => (DateKind::Date, d, d),
            Edtf::DateTime(dt) => (DateKind::Date, dt.date, dt.date),
            Edtf::Interval(_) => return Err(DateError::Interval),
            Edtf::Set(set) => one_of(&set)?,
        };
        let bounds = Edtf::Date(first).bounds();
        let latest = match kind {
            DateKind::OneOf => Edtf::Date(last).bounds().latest,
            _ => bounds.latest,
        };
        let (Bound::Date(lo), Bound::Date(hi)) = (bounds.earliest, latest) else {
            return Err(DateError::OutOfRange);
        };
        if lo.year.abs() > MAX_YEAR || hi.year.abs() > MAX_YEAR {
            return Err(DateError::OutOfRange);
        }
        if hi < lo {
            return Err(DateError::Backwards);
        }
        let precision = match kind {
            DateKind::OneOf => span_precision(lo, hi),
            _ => date_precision(&first),
        };
        let qualifiers = (
            first.is_approximate() || last.is_approximate(),
            first.is_uncertain() || last.is_uncertain(),
        );
        let bounds = (civil(lo).days(), civil(hi).days());
        Ok(Self::pack(
            Some(text.into()),
            kind,
            bounds,
            precision,
            qualifiers,
        ))
    }

    /// The EDTF string as written.
    pub fn edtf(&self) -> Written<'_> {
        match &self.written {
            Some(text) => Written::Text(text),
            None => Written::plain(self.earliest_day(), self.precision()),
        }
    }
    /// Three bits that are no part of the date (a new date's are 0; equality ignores them),
    /// which the date's owner may use: an event keeps its importance in its start's, in the
    /// room the date's packing leaves, so that it takes no byte of its own ([`super::Event`]).
    pub(crate) fn tag(&self) -> u8 {
        ((self.lo & TAG) >> TAG_SHIFT) as u8
    }
    /// The date with `tag` (at most [`MAX_TAG`]; higher bits are dropped) as its tag.
    #[must_use]
    pub(crate) fn with_tag(mut self, tag: u8) -> Self {
        self.set_tag(tag);
        self
    }
    /// Sets the tag (at most [`MAX_TAG`]; higher bits are dropped).
    pub(crate) fn set_tag(&mut self, tag: u8) {
        self.lo = self.lo & !TAG | i64::from(tag & MAX_TAG) << TAG_SHIFT;
    }
    pub fn precision(&self) -> Precision {
        Precision::ALL[(self.lo & 7) as usize % Precision::ALL.len()]
    }
    pub fn kind(&self) -> DateKind {
        DateKind::ALL[(self.hi.get() & 7) as usize % DateKind::ALL.len()]
    }
    /// True for the open end `..` (ongoing).
    pub fn is_open(&self) -> bool {
        self.kind() == DateKind::Open
    }
    pub fn is_approximate(&self) -> bool {
        self.lo & APPROXIMATE != 0
    }
    pub fn is_uncertain(&self) -> bool {
        self.lo & UNCERTAIN != 0
    }
    /// True when the date is approximate or uncertain.
    pub fn is_qualified(&self) -> bool {
        self.lo & (APPROXIMATE | UNCERTAIN) != 0
    }
    /// True for a date known to the day: one day, neither qualified nor one of a range.
    pub fn is_exact_day(&self) -> bool {
        self.precision() == Precision::Day && self.earliest_day() == self.latest_day()
    }
    fn earliest_day(&self) -> i64 {
        self.lo >> FLAG_BITS
    }
    fn latest_day(&self) -> i64 {
        self.hi.get() >> FLAG_BITS
    }
    /// The first calendar day the date may denote.
    pub fn earliest(&self) -> CivilDate {
        CivilDate::from_days(self.earliest_day())
    }
    /// The last calendar day the date may denote (inclusive).
    pub fn latest(&self) -> CivilDate {
        CivilDate::from_days(self.latest_day())
    }
    /// Axis position of the start of the earliest day.
    pub fn axis_start(&self) -> AxisTime {
        self.earliest_day() as f64
    }
    /// Axis position of the end of the latest day (exclusive).
    pub fn axis_end(&self) -> AxisTime {
        self.latest_day() as f64 + 1.0
    }
}

impl fmt::Display for HistDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.edtf())
    }
}

/// The kind and the first and last dates of a one-member set of one element: a range
/// `[1850..1853]`, `[..0879]` or `[1066..]`. Any other set is refused.
fn one_of(set: &Set) -> Result<(DateKind, Date, Date), DateError> {
    match (set.kind, set.elements.as_slice()) {
        (SetKind::OneMember, [SetElement::Range(a, b)]) => Ok((DateKind::OneOf, *a, *b)),
        (SetKind::OneMember, [SetElement::OnOrBefore(d)]) => Ok((DateKind::OnOrBefore, *d, *d)),
        (SetKind::OneMember, [SetElement::OnOrAfter(d)]) => Ok((DateKind::OnOrAfter, *d, *d)),
        _ => Err(DateError::Set),
    }
}

/// The finest unit holding both ends of a range: `[1850..1853]` is known to the decade.
fn span_precision(lo: BoundDate, hi: BoundDate) -> Precision {
    let same = |unit: i64| lo.year.div_euclid(unit) == hi.year.div_euclid(unit);
    if lo == hi {
        Precision::Day
    } else if (lo.year, lo.month) == (hi.year, hi.month) {
        Precision::Month
    } else if lo.year == hi.year {
        Precision::Year
    } else if same(10) {
        Precision::Decade
    } else if same(100) {
        Precision::Century
    } else {
        Precision::Millennium
    }
}

/// The precision of a date as written.
fn date_precision(date: &Date) -> Precision {
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
    let month_unknown = date
        .month
        .is_some_and(edtf_core::DateField::has_unspecified);
    let day_unknown = date.day.is_some_and(edtf_core::DateField::has_unspecified);
    match (date.precision(), unspecified_year_digits) {
        // An unspecified year digit makes the whole date that vague (`156X-12-25` is some
        // 25 December of the 1560s), as an unspecified month makes `1855-XX` a year.
        (_, 1) => Precision::Decade,
        (_, 2) => Precision::Century,
        (_, 3..) => Precision::Millennium,
        // `2001-XX-XX`, `1855-XX`: the month is unknown, so the date is a year.
        (edtf_core::Precision::Day | edtf_core::Precision::Month, _) if month_unknown => {
            Precision::Year
        }
        (edtf_core::Precision::Day, _) if day_unknown => Precision::Month,
        (edtf_core::Precision::Day, _) => Precision::Day,
        (edtf_core::Precision::Season, _) => Precision::Season,
        (edtf_core::Precision::Month, _) => Precision::Month,
        _ => Precision::Year,
    }
}

fn civil(b: BoundDate) -> CivilDate {
    CivilDate::new(b.year, b.month, b.day)
}

/// Turns edtf-core's rejection into a reason a historian can act on.
fn diagnose(text: &str, message: &str) -> DateError {
    if message.contains("precedes") {
        return DateError::Backwards;
    }
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

/// The first and last day of a plain date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD` of a month and day
/// that exist) and its precision; `None` for any other text.
fn plain_bounds(text: &str) -> Option<((i64, i64), Precision)> {
    let b = text.as_bytes();
    let number = |from: usize, to: usize| -> Option<u16> {
        b.get(from..to)?.iter().try_fold(0u16, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u16::from(c - b'0'))
        })
    };
    let year = i64::from(number(0, 4)?);
    let month = || {
        let m = number(5, 7)?;
        (b[4] == b'-' && (1..=12).contains(&m)).then_some(m as u8)
    };
    let (first, last, precision) = match b.len() {
        4 => ((1, 1), (12, 31), Precision::Year),
        7 => {
            let m = month()?;
            ((m, 1), (m, days_in_month(year, m)), Precision::Month)
        }
        10 => {
            let (m, d) = (month()?, number(8, 10)?);
            let d = (b[7] == b'-' && d >= 1 && d <= u16::from(days_in_month(year, m)))
                .then_some(d as u8)?;
            ((m, d), (m, d), Precision::Day)
        }
        _ => return None,
    };
    let days = |(m, d): (u8, u8)| CivilDate::new(year, m, d).days();
    Some(((days(first), days(last)), precision))
}

#[cfg(test)]
#[path = "date_tests.rs"]
mod tests;
