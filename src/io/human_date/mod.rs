//! Dates as people write them in spreadsheets, turned into EDTF with their precision kept.
//! Anything already EDTF is left to the EDTF parser; these forms are tried only when it fails.
//!
//! - [`words`]: `7 Feb 1855`, `February 7, 1855`, `Feb 1855`, `55 BC`, `500BC`, `10,000 BC`,
//!   `AD 43`, `1790s`, `18th century`, dual years `1735/6`.
//! - [`iso`]: ISO 8601 date-times with sign and zone (`+1855-02-07T00:00:00Z`,
//!   `-0490-09-12T00:00:00Z`, `1904-02-08 23:30`).
//! - [`deep`]: `13.8 billion years ago`, `4.5 Ga`, `65 Ma`, `12,000 years ago`.
//! - [`ranges`]: `Between A and B`, `Before 879`, `After 1066`, `on or before …`,
//!   `early/mid/late 1850s`, and the `historicaldate` package's bounded forms
//!   (`924 after 17 jul 924`, `c. 890 after 889`, `circa 1483 earliest 1483`).
//! - here: qualifiers (`c. 383`, `circa1m 10 August 843`, `1811?`) and open ends (`ongoing`,
//!   `present`, `now`).

mod deep;
mod iso;
mod ranges;
mod words;

#[cfg(test)]
mod tests;

/// The forms accepted besides EDTF, for error messages and the README.
pub const ACCEPTED_FORMS: &str = "1855; 1855-02-07; 7 Feb 1855; 7 February 1855; February 7, 1855; \
Feb 1855; 55 BC; 55 BCE; 500BC; AD 43; c. 383; circa 1792; ca. 1792; 1790s; early 1850s; \
18th century; 1811?; 1735/6; Between 47 and 50; Before 879; After 1066; 1904-02-08 23:30; \
+1855-02-07T00:00:00Z; 10,000 BC; 65 million years ago; 4.5 Ga; ongoing";

/// Text longer than this is no date anyone writes.
const MAX_LEN: usize = 200;

/// A date read from one of the forms: its EDTF, and a note when the reading chose one of
/// several meanings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reading {
    pub edtf: String,
    /// How the date was read, for a note to the user (`a dual year (Old Style/New Style) is
    /// read as the later year`).
    pub note: Option<&'static str>,
}

impl Reading {
    fn plain(edtf: String) -> Self {
        Self { edtf, note: None }
    }
}

/// How a text reads: `None` when it is none of the forms, `Some(Err(reason))` when it is a form
/// Chronolane recognises but does not read (the reason names it and what to write instead).
pub type Read = Option<Result<Reading, String>>;

/// Reads a date written as people write it.
pub fn read(text: &str) -> Read {
    let t = text.trim();
    if t.is_empty() || t.len() > MAX_LEN {
        return None;
    }
    // ISO date-times are read as they are, without a lowercase copy.
    if let Some(r) = iso::read(t) {
        return Some(Ok(r));
    }
    read_lower(&normalize(t))
}

/// The EDTF for a date written as people write it, or `None` when it is not one of the forms
/// (or one Chronolane does not read).
pub fn to_edtf(text: &str) -> Option<String> {
    read(text).and_then(Result::ok).map(|r| r.edtf)
}

/// `Between 47 and 50` (or `between 1790 and 1795`) in a start field with no end: an uncertain
/// span, as the EDTF of its start and end, each marked uncertain (`0047?`, `0050?`).
pub fn to_edtf_span(text: &str) -> Option<(String, String)> {
    let t = text.trim();
    // Most dates are not spans: tell at once, without a lowercase copy.
    if t.len() > MAX_LEN
        || !t
            .get(..8)
            .is_some_and(|p| p.eq_ignore_ascii_case("between "))
    {
        return None;
    }
    let lower = normalize(t);
    let rest = lower.strip_prefix("between ")?;
    let (a, b) = rest.split_once(" and ")?;
    let date = |s: &str| {
        read_single(s)
            .and_then(Result::ok)
            .and_then(|r| qualify(&r.edtf, '?'))
    };
    Some((date(a)?, date(b)?))
}

/// Ranges and bounds, then a single date.
fn read_lower(l: &str) -> Read {
    ranges::read(l).or_else(|| read_single(l))
}

/// `1367`, `1367-04` or `1367-04-12`: the shape of an EDTF year, month or day (the date check
/// says whether the month and day exist).
fn is_edtf_day_month_or_year(l: &str) -> bool {
    let mut parts = l.split('-');
    let year = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.collect();
    year.len() == 4
        && year.bytes().all(|b| b.is_ascii_digit())
        && rest.len() <= 2
        && rest
            .iter()
            .all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// One date (no range): an open end, an ISO date-time, a qualified date, deep time, or a date
/// in words.
fn read_single(l: &str) -> Read {
    let l = l.trim();
    if l.is_empty() {
        return None;
    }
    if matches!(
        l,
        "ongoing" | "present" | "now" | "to present" | "until now" | "to date" | "to the present"
    ) {
        return Some(Ok(Reading::plain("..".to_owned())));
    }
    if let Some(r) = iso::read(l) {
        return Some(Ok(r));
    }
    if is_edtf_day_month_or_year(l) {
        // Reached after a qualifier: `circa 1367-04`.
        return Some(Ok(Reading::plain(l.to_owned())));
    }
    if let Some((width, rest)) = circa(l) {
        // A width (`circa1m`) has no place in EDTF: the date is approximate, as `circa` is,
        // and a note says the width is not kept.
        let note = width.map(|_| CIRCA_WIDTH_NOTE);
        return read_lower(rest).map(|r| {
            r.and_then(|r| qualified(&r, '~')).map(|r| Reading {
                note: r.note.or(note),
                ..r
            })
        });
    }
    if let Some(r) = slashed_day(l) {
        return Some(r);
    }
    if let Some(rest) = l.strip_suffix('?') {
        return read_lower(rest).map(|r| r.and_then(|r| qualified(&r, '?')));
    }
    if let Some(r) = deep::read(l) {
        return Some(r);
    }
    words::read(l).map(Ok)
}

/// A width of `circa`, as the `historicaldate` package writes it: `circa5d`, `circa1m`,
/// `circa2y`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Width {
    Days(i64),
    Months(i64),
    Years(i64),
}

/// What `circa` means in `historicaldate` when no width is given: five years either way.
pub(crate) const DEFAULT_CIRCA: Width = Width::Years(5);

/// `circa 1792`, `c. 383`, `ca. 1792`, `about 1066`, `circa1m 10 August 843`: the width when
/// one is written, and the rest.
fn circa(l: &str) -> Option<(Option<Width>, &str)> {
    for word in ["circa", "ca.", "ca", "c.", "c", "about", "estimated"] {
        let Some(rest) = l.strip_prefix(word) else {
            continue;
        };
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let width = match (digits, rest.as_bytes().get(digits)) {
            (1..=4, Some(unit @ (b'd' | b'm' | b'y'))) => {
                let n: i64 = rest[..digits].parse().ok()?;
                let w = match unit {
                    b'd' => Width::Days(n),
                    b'm' => Width::Months(n),
                    _ => Width::Years(n),
                };
                return rest[digits + 1..]
                    .strip_prefix(' ')
                    .map(|r| (Some(w), r.trim_start()));
            }
            _ => None,
        };
        if let Some(r) = rest.strip_prefix(' ') {
            return Some((width, r.trim_start()));
        }
        // `c.1066`, `circa1066`: a year may follow at once, as the `historicaldate` package
        // allows; not after a bare `c` (`C19` may be the 19th century).
        if digits > 0 && matches!(word, "circa" | "ca." | "c.") {
            return Some((width, rest));
        }
    }
    None
}

/// What a note on a `circa` with a width says.
pub(crate) const CIRCA_WIDTH_NOTE: &str = "EDTF gives an approximate date no width: the width of \
circa (circa5d, circa1m, circa2y) is not kept, the date is marked approximate (~)";

/// A day, month and year written with slashes: `25/Dec/1066` reads as `25 Dec 1066`; with the
/// month in figures (`25/12/1066`, `12/25/1066`) the reason it is not read, the order of day
/// and month differing between countries. `None` for other text (a dual year `1735/6` has one
/// slash).
fn slashed_day(l: &str) -> Read {
    let parts: Vec<&str> = l.split('/').map(str::trim).collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(d, 1..=2) || !digits(y, 1..=8) {
        return None;
    }
    if words::month(m).is_some() {
        return words::read(&format!("{d} {m} {y}")).map(Ok);
    }
    digits(m, 1..=2).then(|| {
        Err(format!(
            "a day and month written with slashes read one way in one country and the other in \
             another (25/12/1066 or 12/25/1066); write {y}-MM-DD or the month in words \
             (25 Dec 1066)"
        ))
    })
}

/// A reading with a qualifier added, or why it cannot take one.
fn qualified(r: &Reading, q: char) -> Result<Reading, String> {
    match qualify(&r.edtf, q) {
        Some(edtf) => Ok(Reading { edtf, note: r.note }),
        None => Err(format!(
            "EDTF marks a single date {}, not a range, an open end or a time of day",
            if q == '~' { "approximate" } else { "uncertain" }
        )),
    }
}

/// Adds an EDTF qualifier, combining `~` and `?` into `%`; `None` for a set, an open end or a
/// date-time, which EDTF does not qualify as a whole.
pub(crate) fn qualify(edtf: &str, q: char) -> Option<String> {
    if edtf.starts_with('[') || edtf == ".." || edtf.contains('T') {
        return None;
    }
    Some(match (edtf.chars().last(), q) {
        (Some('~'), '?') | (Some('?'), '~') => format!("{}%", &edtf[..edtf.len() - 1]),
        (Some('~' | '?' | '%'), _) => edtf.to_owned(),
        _ => format!("{edtf}{q}"),
    })
}

/// Eras and units written against a number (`500BC`, `65Ma`), split from it.
const SUFFIXES: [&str; 14] = [
    "bc", "bce", "b.c.", "b.c.e.", "ad", "ce", "ka", "kya", "ma", "mya", "ga", "gya", "bya", "bp",
];

/// Lower case, runs of spaces as one, thousands separators gone (`10,000` → `10000`), and an
/// era or unit written against its number split from it (`500bc` → `500 bc`).
fn normalize(t: &str) -> String {
    let lower = t.to_lowercase();
    let bytes = lower.as_bytes();
    let mut out = String::with_capacity(lower.len() + 2);
    for (i, c) in lower.char_indices() {
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            continue;
        }
        if c == ',' && is_thousands_comma(bytes, i) {
            continue;
        }
        out.push(c);
        if c.is_ascii_digit() && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            let word_end = bytes[i + 1..]
                .iter()
                .position(|b| b.is_ascii_whitespace() || *b == b',')
                .map_or(bytes.len(), |p| i + 1 + p);
            if SUFFIXES.contains(&&lower[i + 1..word_end]) {
                out.push(' ');
            }
        }
    }
    let len = out.trim_end().len();
    out.truncate(len);
    out
}

/// A comma between a digit and exactly three digits (`10,000`, `13,800,000,000`), not the comma
/// of `February 7,1855`.
fn is_thousands_comma(bytes: &[u8], i: usize) -> bool {
    let digit = |j: usize| bytes.get(j).is_some_and(u8::is_ascii_digit);
    i > 0 && digit(i - 1) && digit(i + 1) && digit(i + 2) && digit(i + 3) && !digit(i + 4)
}
