//! Dates in words (lower case, as [`super::normalize`] leaves them): `7 feb 1855` →
//! `1855-02-07`, `february 7 1855` → `1855-02-07`, `feb 1855` → `1855-02`, `55 bc` → `-0054`,
//! `10000 bc` → `-9999`, `ad 43` → `0043`, `1790s` → `179X`, `18th century` → `17XX`, and dual
//! years (`1735/6`, `11 feb 1731/2`) read as the later year.

use crate::model::date::{MONTH_NAMES, edtf_year};

use super::Reading;

/// What a note on a dual year says.
pub(super) const DUAL_YEAR_NOTE: &str =
    "a dual year (Old Style/New Style, the year beginning on 25 March) is read as the later year";

/// A date in words, or `None` when the words are not one.
pub(super) fn read(l: &str) -> Option<Reading> {
    let mut words: Vec<&str> = l
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    // A dual year ends the date: `1735/6`, `11 feb 1731/2`.
    let later;
    let mut note = None;
    if let Some(last) = words.last_mut()
        && let Some(year) = dual_year(last)
    {
        later = year.to_string();
        *last = &later;
        note = Some(DUAL_YEAR_NOTE);
    }
    let (bc, words) = era(&words)?;
    let edtf = match words {
        [y] if bc == Some(true) => bc_year(y),
        [y] if bc == Some(false) => plain_year(y),
        [y] => plain_year(y).or_else(|| decade(y)),
        [n, c] if *c == "century" => century(n, bc == Some(true)),
        [m, y] => {
            let year = year_number(y, bc)?;
            Some(format!("{}-{:02}", small_year(year)?, month(m)?))
        }
        [d, m, y] if month(m).is_some() => day_date(year_number(y, bc)?, m, d),
        [m, d, y] if month(m).is_some() => day_date(year_number(y, bc)?, m, d),
        _ => None,
    }?;
    Some(Reading { edtf, note })
}

/// The words without an era word (`55 bc`, `ad 43`, `43 ad`), and whether it was BC (`None`
/// when there was none). `None` for an era word in the middle.
fn era<'a, 'w>(words: &'a [&'w str]) -> Option<(Option<bool>, &'a [&'w str])> {
    match words {
        [rest @ .., last] if is_bc(last) => Some((Some(true), rest)),
        [rest @ .., last] if is_ad(last) => Some((Some(false), rest)),
        [first, rest @ ..] if is_ad(first) => Some((Some(false), rest)),
        _ if words.iter().any(|w| is_bc(w) || is_ad(w)) => None,
        _ => Some((None, words)),
    }
}

fn is_bc(w: &str) -> bool {
    matches!(w, "bc" | "bce" | "b.c." | "b.c.e.")
}

fn is_ad(w: &str) -> bool {
    matches!(w, "ad" | "ce" | "a.d." | "c.e.")
}

/// A whole number of up to twelve digits (a hundred billion years has twelve).
fn number(w: &str) -> Option<i64> {
    if w.is_empty() || w.len() > 12 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w.parse().ok()
}

/// The astronomical year of a year number, BC or not; there is no year 0 BC or AD.
fn year_number(w: &str, bc: Option<bool>) -> Option<i64> {
    let y = number(w)?;
    if y == 0 {
        return None;
    }
    Some(if bc == Some(true) { 1 - y } else { y })
}

/// A year that EDTF writes with four digits (and so with a month or day): `0043`, `-0054`.
fn small_year(year: i64) -> Option<String> {
    (-9999..=9999).contains(&year).then(|| edtf_year(year))
}

fn plain_year(w: &str) -> Option<String> {
    year_number(w, Some(false)).map(edtf_year)
}

/// `55 BC` is astronomical year -54; `10000 BC` is `-9999`; `200000 BC` is `Y-199999`.
fn bc_year(w: &str) -> Option<String> {
    year_number(w, Some(true)).map(edtf_year)
}

/// `1790s` → `179X`; a round hundred (`1800s`) is the century, `18XX`.
fn decade(w: &str) -> Option<String> {
    let digits = w.strip_suffix("s")?.trim_end_matches('\'');
    if digits.len() != 4 {
        return None;
    }
    number(digits)?;
    if digits.ends_with("00") {
        Some(format!("{}XX", &digits[..2]))
    } else if digits.ends_with('0') {
        Some(format!("{}X", &digits[..3]))
    } else {
        None
    }
}

/// `18th century` → `17XX` (the years 1700–1799); `1st century BC` → 100–1 BC, approximately.
fn century(w: &str, bc: bool) -> Option<String> {
    let n = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| w.strip_suffix(s))
        .and_then(number)?;
    if !(1..=99).contains(&n) {
        return None;
    }
    if bc {
        // 100 BC–1 BC is astronomical -99..0, not a masked EDTF year: give its first year, approximate.
        return bc_year(&(n * 100).to_string()).map(|y| format!("{y}~"));
    }
    Some(format!("{:02}XX", n - 1))
}

/// A month by name or by a prefix of at least three letters that names only one (`Feb`, `Sept`).
pub(super) fn month(w: &str) -> Option<u8> {
    let w = w.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    let mut hits = MONTH_NAMES
        .iter()
        .enumerate()
        .filter(|(_, m)| m.to_lowercase().starts_with(w));
    let (i, _) = hits.next()?;
    if hits.next().is_some() {
        return None;
    }
    u8::try_from(i + 1).ok()
}

/// A day date; an impossible day still becomes EDTF, so the EDTF check reports it in its own
/// words (`February 1855 has 28 days`).
fn day_date(year: i64, m: &str, d: &str) -> Option<String> {
    let year = small_year(year)?;
    let month = month(m)?;
    let day = number(d.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']))?;
    (1..=31)
        .contains(&day)
        .then(|| format!("{year}-{month:02}-{day:02}"))
}

/// The later year of a dual year: `1735/6` and `1735/36` are 1736 (the year 1735 by the old
/// reckoning, whose year began on 25 March, and 1736 by the new).
fn dual_year(w: &str) -> Option<i64> {
    let (first, second) = w.split_once('/')?;
    if !(3..=4).contains(&first.len()) || !(1..=2).contains(&second.len()) {
        return None;
    }
    let later = number(first)? + 1;
    let tail = number(second)?;
    (later % 10i64.pow(second.len() as u32) == tail).then_some(later)
}
