//! Dates in words: `7 February 1855`, `c. 1792`, `1850s`, `8 February 1904, 23:30`,
//! `13.8 billion years ago`, `between 1850 and 1853`, `879 or earlier`, `ongoing`.

use edtf_core::Edtf;

use super::{DEEP_YEARS, DateKind, HistDate, MONTH_NAMES, Precision};
use super::{day_in_words, year_in_words, years_ago_in_words};

impl HistDate {
    /// The date without its qualifiers, in words: `7 February 1855`, `February 1855`, `1850s`.
    fn bare_words(&self) -> String {
        let lo = self.earliest();
        match self.precision() {
            Precision::Day => day_in_words(lo),
            Precision::Month => format!(
                "{} {}",
                MONTH_NAMES[usize::from(lo.month.clamp(1, 12) - 1)],
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
            _ if self.latest().year <= -DEEP_YEARS => {
                deep_words(&self.edtf()).unwrap_or_else(|| self.years_between())
            }
            Precision::Decade | Precision::Century | Precision::Millennium if lo.year > 0 => {
                format!("{}s", lo.year)
            }
            _ => self.years_between(),
        }
    }

    /// `60 BC–51 BC`: the first and last year the date may be.
    fn years_between(&self) -> String {
        format!(
            "{}–{}",
            year_in_words(self.earliest().year),
            year_in_words(self.latest().year)
        )
    }

    /// The date in words with its qualifiers: `c. 1792`, `1811?`, `c. 1904?`, `55 BC`,
    /// `8 February 1904, 23:30`, `between 1850 and 1853`, `879 or earlier`, `ongoing`.
    pub fn in_words(&self) -> String {
        let edtf = &*self.edtf();
        let inner = |s: &str| HistDate::parse(s).map_or_else(|_| s.to_owned(), |d| d.in_words());
        match self.kind() {
            DateKind::Open => return "ongoing".to_owned(),
            DateKind::OnOrBefore => {
                let x = edtf.trim_start_matches("[..").trim_end_matches(']');
                return format!("{} or earlier", inner(x));
            }
            DateKind::OnOrAfter => {
                let x = edtf.trim_start_matches('[').trim_end_matches("..]");
                return format!("{} or later", inner(x));
            }
            DateKind::OneOf => {
                let body = edtf.trim_start_matches('[').trim_end_matches(']');
                if let Some((a, b)) = body.split_once("..") {
                    return format!("between {} and {}", inner(a), inner(b));
                }
            }
            DateKind::Date => {}
        }
        let mut bare = self.bare_words();
        if let Some(time) = time_in_words(edtf) {
            bare = format!("{bare}, {time}");
        }
        match (self.is_approximate(), self.is_uncertain()) {
            (true, true) => format!("c. {bare}?"),
            (true, false) => format!("c. {bare}"),
            (false, true) => format!("{bare}?"),
            (false, false) => bare,
        }
    }
}

/// A deep-time year with significant digits in years ago: `Y-13800000000S3` is "13.8 billion
/// years ago" (the estimate EDTF writes, with its figures; the two thousand years between
/// "BC" and "ago" are far below them).
fn deep_words(edtf: &str) -> Option<String> {
    let Ok(Edtf::Date(d)) = Edtf::parse(edtf) else {
        return None;
    };
    let value = d.year.value()?;
    (value < 0).then(|| years_ago_in_words(value.unsigned_abs(), d.year.significant_digits))
}

/// The time of day of an EDTF date-time: `23:30`, `23:30:15`, `00:00 UTC`, `09:00 +09:00`.
fn time_in_words(edtf: &str) -> Option<String> {
    let (_, time) = edtf.split_once('T')?;
    let clock = time.get(..8)?;
    let zone = match time.get(8..).unwrap_or("") {
        "" => String::new(),
        "Z" => " UTC".to_owned(),
        z => format!(" {z}"),
    };
    let clock = clock.strip_suffix(":00").unwrap_or(clock);
    Some(format!("{clock}{zone}"))
}

/// A span in words: `1904–1905`, `8 February 1904 – 5 September 1905`, `1952 – ongoing`; a lone
/// date when `end` is absent.
pub fn span_in_words(start: &HistDate, end: Option<&HistDate>) -> String {
    let Some(end) = end else {
        return start.in_words();
    };
    let (a, b) = (start.in_words(), end.in_words());
    if a == b {
        a
    } else if !a.contains(' ') && !b.contains(' ') && !end.is_open() {
        format!("{a}–{b}")
    } else {
        format!("{a} – {b}")
    }
}
