//! ISO 8601 dates and date-times as databases and query services write them:
//! `+1855-02-07T00:00:00Z`, `-0490-09-12T00:00:00Z`, `1904-02-08T23:30`, `1904-02-08 23:30`,
//! `1855-00-00T00:00:00Z` (Wikidata's year), `-13798000000-00-00T00:00:00Z`.
//!
//! - A negative year counts as ISO 8601, XSD 1.1, EDTF and the Wikidata Query
//!   Service count: astronomically, with a year 0 that is 1 BC. `-0490` is 491 BC; 490 BC is
//!   `-0489`. A note says so for each such date.
//! - A month or day `00` is unknown (Wikidata writes a year as `1855-00-00`).
//! - A time of exactly midnight is dropped (Wikidata writes every date at midnight UTC); any
//!   other time is kept, with its zone, to the second (`T23:30` → `T23:30:00`).
//! - EDTF gives no month, day or time to a year before year 0 or beyond 9999: those keep the
//!   day only (before year 0) or the year only (beyond ±9999, written `Y…`).

use std::fmt::Write as _;

use crate::model::date::{days_in_month, edtf_year};

use super::Reading;

/// What a note on a negative ISO year says.
pub(super) const NEGATIVE_YEAR_NOTE: &str =
    "ISO 8601 counts a year 0 (1 BC), so a negative year is one year more BC (490 BC is -0489)";

/// An ISO date or date-time, or `None` when the text is not one. Case does not matter.
pub(super) fn read(t: &str) -> Option<Reading> {
    let (negative, signed, rest) = match t.as_bytes().first()? {
        b'+' => (false, true, &t[1..]),
        b'-' => (true, true, &t[1..]),
        b'0'..=b'9' => (false, false, t),
        _ => return None,
    };
    let year_digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(4..=12).contains(&year_digits) || !signed && year_digits != 4 {
        return None;
    }
    let magnitude: i64 = rest[..year_digits].parse().ok()?;
    let year = if negative { -magnitude } else { magnitude };
    let rest = &rest[year_digits..];
    let (month, rest) = match two_digits_after(rest, b'-') {
        Some((m, r)) => (Some(m), r),
        None => (None, rest),
    };
    let (day, rest) = match month.and_then(|_| two_digits_after(rest, b'-')) {
        Some((d, r)) => (Some(d), r),
        None => (None, rest),
    };
    let time = match rest.as_bytes().first() {
        None => None,
        Some(b'T' | b't' | b' ') if day.is_some() => Some(time(&rest[1..])?),
        _ => return None,
    };
    let zeros = month == Some(0) || day == Some(0);
    let (month, day) = match (month.unwrap_or(0), day.unwrap_or(0)) {
        (0, _) => (0, 0),
        md => md,
    };
    // A year of more than four digits needs its sign and a month (`-99999` alone is refused
    // with advice to write `Y-99999`); without a sign, a time or a `00` there is nothing EDTF
    // did not read already.
    if year_digits > 4 && month == 0 && !zeros || !signed && time.is_none() && !zeros {
        return None;
    }
    let mut edtf = edtf_year(year);
    if (-9999..=9999).contains(&year) && month > 0 {
        let _ = write!(edtf, "-{month:02}");
        if day > 0 {
            let _ = write!(edtf, "-{day:02}");
            // An impossible day is left without its time, for the date check to name.
            let possible = month <= 12 && day <= days_in_month(year, month);
            if let Some(time) = time.filter(|t| possible && year >= 0 && !t.starts_with("00:00:00"))
            {
                edtf = format!("{edtf}T{time}");
            }
        }
    }
    let note = negative.then_some(NEGATIVE_YEAR_NOTE);
    Some(Reading { edtf, note })
}

/// `-02` at the start of `s`: the number and what follows.
fn two_digits_after(s: &str, sep: u8) -> Option<(u8, &str)> {
    let b = s.as_bytes();
    if b.first() != Some(&sep) || !b.get(1..3)?.iter().all(u8::is_ascii_digit) {
        return None;
    }
    if b.get(3).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    Some((s[1..3].parse().ok()?, &s[3..]))
}

/// A time of day as EDTF writes it (`hh:mm:ss` and a zone: `Z`, `+09:00`, `-05`) from
/// `hh:mm`, `hh:mm:ss`, `hh:mm:ss.sss` and a zone (`Z`, `+09:00`, `+0900`, `+09`).
fn time(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let field = |i: usize, max: u8| -> Option<u8> {
        let d = b.get(i..i + 2)?;
        let n = if d.iter().all(u8::is_ascii_digit) {
            (d[0] - b'0') * 10 + (d[1] - b'0')
        } else {
            return None;
        };
        (n <= max).then_some(n)
    };
    let hour = field(0, 23)?;
    if b.get(2) != Some(&b':') {
        return None;
    }
    let minute = field(3, 59)?;
    let (second, mut rest) = if b.get(5) == Some(&b':') {
        (field(6, 59)?, &s[8..])
    } else {
        (0, &s[5..])
    };
    if let Some(r) = rest.strip_prefix('.') {
        rest = r.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    let zone = match rest {
        "" => String::new(),
        "Z" | "z" => "Z".to_owned(),
        z if z.starts_with(['+', '-']) => {
            let digits: String = z[1..].chars().filter(|c| *c != ':').collect();
            if !matches!(digits.len(), 2 | 4) || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let (h, m) = digits.split_at(2);
            if m.is_empty() {
                format!("{}{h}", &z[..1])
            } else {
                format!("{}{h}:{m}", &z[..1])
            }
        }
        _ => return None,
    };
    Some(format!("{hour:02}:{minute:02}:{second:02}{zone}"))
}
