//! Dates known to lie in a range, as EDTF's one-of-a-set forms:
//!
//! - `between 1850 and 1853` → `[1850..1853]`, `between 25 jun 1381 and 26 jun 1381` →
//!   `[1381-06-25..1381-06-26]` (ends of different precision are given the finer one:
//!   `between 1066 and dec 1068` → `[1066-01..1068-12]`);
//! - `before 879`, `on or before 879`, `by 879`, `latest 879` → `[..0879]` (879 or earlier:
//!   `before` is read as "on or before", as the `historicaldate` package reads it);
//!   `after 1066`, `on or after 1066`, `earliest 1066` → `[1066..]`;
//! - `early 1850s` → `[1850..1853]`, `mid 1850s` → `[1854..1856]`, `late 1850s` →
//!   `[1857..1859]`; thirds of a century, a year (months) or a month (days) likewise;
//! - the `historicaldate` package's bounded dates, `DATE after|earliest A before|latest B`:
//!   `924 after 17 jul 924` → `[0924-07-17..0924-12-31]`. With `circa` (five years either way
//!   in that package, or its width: `circa2y`, `circa1m`, `circa5d`) the range is the circa
//!   range cut by the bounds: `c. 890 after 889` → `[0889..0895]`, `circa 1483 earliest 1483`
//!   → `[1483..1488]`.

use crate::model::date::{CivilDate, DateKind, HistDate, Precision, days_in_month, edtf_year};

use super::{DEFAULT_CIRCA, Reading, Width, circa, read_single};

const BEFORE: [&str; 6] = [
    "on or before ",
    "before ",
    "not after ",
    "no later than ",
    "latest ",
    "by ",
];
const AFTER: [&str; 5] = [
    "on or after ",
    "after ",
    "not before ",
    "no earlier than ",
    "earliest ",
];
const THIRDS: [(&str, usize); 7] = [
    ("early ", 0),
    ("early-", 0),
    ("mid ", 1),
    ("mid-", 1),
    ("middle ", 1),
    ("late ", 2),
    ("late-", 2),
];

/// A range, a bound or a bounded date; `None` when the words are none of these.
pub(super) fn read(l: &str) -> Option<Result<Reading, String>> {
    if let Some(rest) = l.strip_prefix("between ") {
        let (a, b) = rest.split_once(" and ")?;
        return Some(between(a, b));
    }
    for (prefixes, after) in [(&BEFORE[..], false), (&AFTER[..], true)] {
        if let Some(rest) = prefixes.iter().find_map(|p| l.strip_prefix(p)) {
            // `after 1066 before 1070`, `earliest 1066 latest 1070`: both bounds, no date.
            let both = [" before ", " latest "]
                .iter()
                .find_map(|w| rest.split_once(w))
                .filter(|_| after);
            return Some(match both {
                Some((a, b)) => between(a, b),
                None => bound(rest, after),
            });
        }
    }
    if let Some((rest, which)) = THIRDS
        .iter()
        .find_map(|(p, which)| Some((l.strip_prefix(p)?, *which)))
    {
        return Some(third(rest, which));
    }
    bounded(l)
}

/// A single date at one end of a range, and its note.
fn endpoint(s: &str) -> Result<(HistDate, Option<&'static str>), String> {
    let r = match read_single(s) {
        Some(r) => r?,
        None => return Err(format!("\"{}\" is not a date", s.trim())),
    };
    let d = HistDate::parse(&r.edtf).map_err(|e| e.to_string())?;
    if d.kind() != DateKind::Date {
        return Err(format!("\"{}\" is not a single date", s.trim()));
    }
    Ok((d, r.note))
}

/// `between A and B`, `after A before B`. An era written only after the second date is the
/// era of both (`between 500 and 400 BC`, as the `historicaldate` package reads it).
fn between(a: &str, b: &str) -> Result<Reading, String> {
    let bc_a;
    let a = match era_word(b) {
        Some(era) if era_word(a).is_none() => {
            bc_a = format!("{} {era}", a.trim());
            bc_a.as_str()
        }
        _ => a,
    };
    let (x, x_note) = endpoint(a)?;
    let (y, y_note) = endpoint(b)?;
    let edtf = one_of(&x, &y)?;
    Ok(Reading {
        edtf,
        note: x_note.or(y_note),
    })
}

/// The era word a date ends with (`bc`, `bce`, `ad`, …), if any.
fn era_word(s: &str) -> Option<&str> {
    let last = s.trim().rsplit(' ').next()?;
    matches!(
        last,
        "bc" | "bce" | "b.c." | "b.c.e." | "ad" | "ce" | "a.d." | "c.e."
    )
    .then_some(last)
}

/// `[..X]` or `[X..]`.
fn bound(rest: &str, after: bool) -> Result<Reading, String> {
    let (x, note) = endpoint(rest)?;
    // EDTF gives a set no times of day: a date-time is bounded by its day.
    let date = if x.edtf().contains('T') {
        in_edtf(x.earliest(), Precision::Day)
    } else {
        x.edtf().to_owned()
    };
    let edtf = if after {
        format!("[{date}..]")
    } else {
        format!("[..{date}]")
    };
    Ok(Reading { edtf, note })
}

/// The finest of year, month and day that a date is written to.
fn resolution(d: &HistDate) -> Precision {
    match d.precision() {
        Precision::Day => Precision::Day,
        Precision::Month | Precision::Season => Precision::Month,
        _ => Precision::Year,
    }
}

/// A day at a precision, in EDTF (`1855`, `1855-02`, `1855-02-07`, `Y-13799999999`).
fn in_edtf(d: CivilDate, p: Precision) -> String {
    let year = edtf_year(d.year);
    match p {
        Precision::Day => format!("{year}-{:02}-{:02}", d.month, d.day),
        Precision::Month => format!("{year}-{:02}", d.month),
        _ => year,
    }
}

/// `[lo..hi]` from the first day of `lo` to the last of `hi`, at the finer precision of the
/// two (EDTF wants both ends written alike), or at the year for years beyond ±9999.
fn range(lo: CivilDate, hi: CivilDate, p: Precision) -> String {
    let small = |d: CivilDate| (-9999..=9999).contains(&d.year);
    let p = if small(lo) && small(hi) {
        p
    } else {
        Precision::Year
    };
    format!("[{}..{}]", in_edtf(lo, p), in_edtf(hi, p))
}

/// One day from the first that `x` may be to the last that `y` may be.
fn one_of(x: &HistDate, y: &HistDate) -> Result<String, String> {
    if x.is_qualified() || y.is_qualified() {
        return Err("EDTF gives a range no approximate or uncertain ends; \
                    write Between 1066 and 1070, without c. or ?"
            .to_owned());
    }
    Ok(range(
        x.earliest(),
        y.latest(),
        resolution(x).max(resolution(y)),
    ))
}

/// `early 1850s`, `mid-19th century`, `late 1855`, `early february 1855`: the first, middle or
/// last third of a decade or century (in years), of a year (in months) or of a month (in days).
fn third(rest: &str, which: usize) -> Result<Reading, String> {
    let (d, note) = endpoint(rest)?;
    let (lo, hi) = (d.earliest(), d.latest());
    let refuse = || {
        Err(format!(
            "early, mid and late divide a decade, a century, a year or a month, not \"{rest}\""
        ))
    };
    if d.is_qualified() {
        return refuse();
    }
    // The three parts of `n` units: early takes the odd one (4, 3, 3 years of a decade).
    let part = |n: i64| {
        let first = (n + 2) / 3;
        let mid = (n - first + 1) / 2;
        match which {
            0 => (0, first - 1),
            1 => (first, first + mid - 1),
            _ => (first + mid, n - 1),
        }
    };
    let edtf = match d.precision() {
        Precision::Decade | Precision::Century | Precision::Millennium => {
            let (a, b) = part(hi.year - lo.year + 1);
            range(
                CivilDate::new(lo.year + a, 1, 1),
                CivilDate::new(lo.year + b, 12, 31),
                Precision::Year,
            )
        }
        Precision::Year => {
            let (a, b) = part(12);
            let m = |k: i64| u8::try_from(k + 1).unwrap_or(1);
            range(
                CivilDate::new(lo.year, m(a), 1),
                CivilDate::new(lo.year, m(b), 1),
                Precision::Month,
            )
        }
        Precision::Month => {
            let (a, b) = part(30);
            let last = days_in_month(lo.year, lo.month);
            let day = |k: i64| u8::try_from(k + 1).unwrap_or(1);
            let end = if which == 2 { last } else { day(b) };
            range(
                CivilDate::new(lo.year, lo.month, day(a)),
                CivilDate::new(lo.year, lo.month, end),
                Precision::Day,
            )
        }
        _ => return refuse(),
    };
    Ok(Reading { edtf, note })
}

/// The `historicaldate` package's bounded date: `[circa] DATE [after|earliest A]
/// [before|latest B]`. `None` when the words are not one (so `12 ka before present` is left to
/// deep time).
fn bounded(l: &str) -> Option<Result<Reading, String>> {
    let (width, body) = match circa(l) {
        Some((w, rest)) => (Some(w.unwrap_or(DEFAULT_CIRCA)), rest),
        None => (None, l),
    };
    let find = |words: &[&str], s: &str| {
        words
            .iter()
            .filter_map(|w| s.find(w).map(|i| (i, w.len())))
            .min()
    };
    let early_at = find(&[" after ", " earliest "], body);
    let late_at = find(&[" before ", " latest "], body);
    let cut = match (early_at, late_at) {
        (None, None) => return None,
        (Some((e, _)), Some((l, _))) => e.min(l),
        (Some((i, _)), None) | (None, Some((i, _))) => i,
    };
    let mid = &body[..cut];
    let early = early_at.map(|(i, n)| {
        let end = late_at.map_or(body.len(), |(l, _)| if l > i { l } else { body.len() });
        &body[i + n..end]
    });
    let late = late_at.map(|(i, n)| {
        let end = early_at.map_or(body.len(), |(e, _)| if e > i { e } else { body.len() });
        &body[i + n..end]
    });
    let (m, note) = endpoint(mid).ok()?;
    let read = |s: Option<&str>| match s {
        Some(s) => endpoint(s).ok().map(|(d, _)| Some(d)),
        None => Some(None),
    };
    let (e, l) = (read(early)?, read(late)?);
    let result = match width {
        None => one_of(e.as_ref().unwrap_or(&m), l.as_ref().unwrap_or(&m)),
        Some(w) => Ok(circa_range(&m, e.as_ref(), l.as_ref(), w)),
    };
    Some(result.map(|edtf| Reading { edtf, note }))
}

/// A circa range (the date widened by `w` either way) cut by the bounds that are given.
fn circa_range(m: &HistDate, e: Option<&HistDate>, l: Option<&HistDate>, w: Width) -> String {
    let lo = e.map_or_else(|| shift(m.earliest(), w, -1), HistDate::earliest);
    let hi = l.map_or_else(|| shift(m.latest(), w, 1), HistDate::latest);
    let width_precision = match w {
        Width::Days(_) => Precision::Day,
        Width::Months(_) => Precision::Month,
        Width::Years(_) => Precision::Year,
    };
    let p = [Some(m), e, l]
        .into_iter()
        .flatten()
        .map(resolution)
        .fold(width_precision, Precision::max);
    range(lo, hi, p)
}

/// A day moved by a width, forwards (`sign` 1) or backwards (-1); a day past the end of its
/// new month becomes the month's last.
fn shift(d: CivilDate, w: Width, sign: i64) -> CivilDate {
    // The day in the month numbered `index` (year × 12 + month − 1).
    let in_month = |index: i64| {
        let year = index.div_euclid(12);
        let month = u8::try_from(index.rem_euclid(12) + 1).unwrap_or(1);
        CivilDate::new(year, month, d.day.min(days_in_month(year, month)))
    };
    match w {
        Width::Days(n) => CivilDate::from_days(d.days() + sign * n),
        Width::Months(n) => {
            let index = d.year * 12 + i64::from(d.month) - 1 + sign * n;
            in_month(index)
        }
        Width::Years(n) => {
            let index = (d.year + sign * n) * 12 + i64::from(d.month) - 1;
            in_month(index)
        }
    }
}
