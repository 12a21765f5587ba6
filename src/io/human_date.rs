//! Dates as people write them in spreadsheets, turned into EDTF with their precision kept:
//! `7 Feb 1855` → `1855-02-07`, `February 7, 1855` → `1855-02-07`, `Feb 1855` → `1855-02`,
//! `55 BC` → `-0054`, `AD 43` → `0043`, `c. 383` → `0383~`, `1790s` → `179X`,
//! `18th century` → `17XX`. Anything already EDTF is left to the EDTF parser.

use crate::model::date::MONTH_NAMES;

/// The forms accepted besides EDTF, for error messages and the README.
pub const ACCEPTED_FORMS: &str = "1855; 1855-02-07; 7 Feb 1855; 7 February 1855; February 7, 1855; \
Feb 1855; 55 BC; 55 BCE; AD 43; c. 383; circa 1792; ca. 1792; 1790s; 18th century; 1811?; \
Between 47 and 50";

/// `Between 47 and 50` (or `between 1790 and 1795`): an uncertain span, as the EDTF of its start
/// and end, each marked uncertain (`0047?`, `0050?`).
pub fn to_edtf_span(text: &str) -> Option<(String, String)> {
    let t = text.trim();
    // Most dates are not spans: tell at once, without a lowercase copy.
    if !t
        .get(..8)
        .is_some_and(|p| p.eq_ignore_ascii_case("between "))
    {
        return None;
    }
    let lower = t.to_lowercase();
    let rest = lower.strip_prefix("between ")?;
    let (a, b) = rest.split_once(" and ")?;
    let date = |s: &str| {
        to_edtf(s)
            .or_else(|| plain_year(s))
            .map(|e| qualify(&e, '?'))
    };
    Some((date(a)?, date(b)?))
}

/// The EDTF for a date written as people write it, or `None` when it is not one of the forms.
pub fn to_edtf(text: &str) -> Option<String> {
    let t = text.trim();
    // No date people write is this long; the bound also keeps the qualifier recursion below
    // (which lowercases what is left at each level) from taking quadratic memory on a runaway
    // field such as `1855` followed by 300,000 `?`.
    if t.is_empty() || t.len() > 200 {
        return None;
    }
    // Qualifiers around the date.
    let lower = t.to_lowercase();
    for prefix in ["circa ", "ca. ", "ca ", "c. ", "c.", "c "] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            let inner = to_edtf(rest).or_else(|| plain_year(rest))?;
            return Some(qualify(&inner, '~'));
        }
    }
    if let Some(rest) = lower.strip_suffix('?') {
        let inner = to_edtf(rest).or_else(|| plain_year(rest))?;
        return Some(qualify(&inner, '?'));
    }
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    match words.as_slice() {
        [y] => plain_year(y).or_else(|| decade(y)),
        [y, era] if is_bc(era) => bc_year(y),
        [y, era] if is_ad(era) => plain_year(y),
        [era, y] if is_ad(era) => plain_year(y),
        [n, c] if *c == "century" => century(n, false),
        [n, c, era] if *c == "century" && is_bc(era) => century(n, true),
        [m, y] => Some(format!("{}-{:02}", year4(y)?, month(m)?)),
        [d, m, y] if month(m).is_some() => day_date(y, m, d),
        [m, d, y] if month(m).is_some() => day_date(y, m, d),
        _ => None,
    }
}

fn is_bc(w: &str) -> bool {
    matches!(w, "bc" | "bce" | "b.c." | "b.c.e.")
}

fn is_ad(w: &str) -> bool {
    matches!(w, "ad" | "ce" | "a.d." | "c.e.")
}

/// Adds an EDTF qualifier, combining `~` and `?` into `%`.
fn qualify(edtf: &str, q: char) -> String {
    match (edtf.chars().last(), q) {
        (Some('~'), '?') | (Some('?'), '~') => format!("{}%", &edtf[..edtf.len() - 1]),
        (Some('~' | '?' | '%'), _) => edtf.to_owned(),
        _ => format!("{edtf}{q}"),
    }
}

fn number(w: &str) -> Option<i64> {
    if w.is_empty() || w.len() > 7 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w.parse().ok()
}

/// A year of one to four digits as four EDTF digits (`43` → `0043`).
fn year4(w: &str) -> Option<String> {
    let y = number(w)?;
    (w.len() <= 4).then(|| format!("{y:04}"))
}

fn plain_year(w: &str) -> Option<String> {
    let w = w.trim();
    let y = number(w)?;
    if y == 0 {
        return None;
    }
    // By value, not by digit count: `05905` is 5905, whose EDTF is `5905`; `Y` is for > 9999.
    Some(if y <= 9999 {
        format!("{y:04}")
    } else {
        format!("Y{y}")
    })
}

/// `55 BC` is astronomical year -54.
fn bc_year(w: &str) -> Option<String> {
    let y = number(w)?;
    if y == 0 {
        return None;
    }
    let astronomical = y - 1;
    if astronomical == 0 {
        Some("0000".to_owned())
    } else if astronomical <= 9999 {
        Some(format!("-{astronomical:04}"))
    } else {
        Some(format!("Y-{astronomical}"))
    }
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
fn month(w: &str) -> Option<u8> {
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
fn day_date(y: &str, m: &str, d: &str) -> Option<String> {
    let year = year4(y)?;
    let month = month(m)?;
    let day = number(d.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']))?;
    (1..=31)
        .contains(&day)
        .then(|| format!("{year}-{month:02}-{day:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(s: &str) -> Option<String> {
        to_edtf(s)
    }

    #[test]
    fn every_documented_form() {
        assert_eq!(e("1855").as_deref(), Some("1855"));
        assert_eq!(e("7 Feb 1855").as_deref(), Some("1855-02-07"));
        assert_eq!(e("7 February 1855").as_deref(), Some("1855-02-07"));
        assert_eq!(e("February 7, 1855").as_deref(), Some("1855-02-07"));
        assert_eq!(e("Feb 1855").as_deref(), Some("1855-02"));
        assert_eq!(e("30 may 1381").as_deref(), Some("1381-05-30"));
        assert_eq!(e("30 MAY 1381").as_deref(), Some("1381-05-30"));
        assert_eq!(e("55 BC").as_deref(), Some("-0054"));
        assert_eq!(e("55 BCE").as_deref(), Some("-0054"));
        assert_eq!(e("1 BC").as_deref(), Some("0000"));
        assert_eq!(e("AD 43").as_deref(), Some("0043"));
        assert_eq!(e("43 AD").as_deref(), Some("0043"));
        assert_eq!(e("c. 383").as_deref(), Some("0383~"));
        assert_eq!(e("circa 1792").as_deref(), Some("1792~"));
        assert_eq!(e("ca. 1792").as_deref(), Some("1792~"));
        assert_eq!(e("c. 55 BC").as_deref(), Some("-0054~"));
        assert_eq!(e("1790s").as_deref(), Some("179X"));
        assert_eq!(e("1800s").as_deref(), Some("18XX"));
        assert_eq!(e("18th century").as_deref(), Some("17XX"));
        assert_eq!(e("1st century").as_deref(), Some("00XX"));
        assert_eq!(e("c. 1811?").as_deref(), Some("1811%"));
    }

    #[test]
    fn between_is_an_uncertain_span() {
        assert_eq!(
            to_edtf_span("Between 47 and 50"),
            Some(("0047?".into(), "0050?".into()))
        );
        assert_eq!(
            to_edtf_span("between 55 BC and 44 BC"),
            Some(("-0054?".into(), "-0043?".into()))
        );
        assert_eq!(to_edtf_span("Between soon and later"), None);
        assert_eq!(to_edtf_span("1855"), None);
    }

    #[test]
    fn not_dates() {
        for s in [
            "",
            "soon",
            "7/2/1855",
            "Ju 1855",
            "1855 Feb 7 8",
            "0",
            "0 BC",
            "100th century",
        ] {
            assert_eq!(e(s), None, "{s:?}");
        }
    }

    #[test]
    fn results_are_edtf_with_the_right_meaning() {
        use crate::model::HistDate;
        let d = |s: &str| {
            e(s).and_then(|x| HistDate::parse(&x).ok())
                .map(|h| h.in_words())
        };
        assert_eq!(d("February 7, 1855").as_deref(), Some("7 February 1855"));
        assert_eq!(d("55 BCE").as_deref(), Some("55 BC"));
        assert_eq!(d("circa 1792").as_deref(), Some("c. 1792"));
        assert_eq!(d("1790s").as_deref(), Some("1790s"));
        // An impossible day is passed on for the EDTF check to reject in its words.
        assert_eq!(e("30 Feb 1855").as_deref(), Some("1855-02-30"));
    }

    #[test]
    fn every_form_the_error_message_lists_is_accepted() {
        use crate::model::HistDate;
        for form in ACCEPTED_FORMS.split("; ") {
            let ok = HistDate::parse(form).is_ok()
                || to_edtf(form).is_some_and(|e| HistDate::parse(&e).is_ok())
                || to_edtf_span(form).is_some_and(|(a, b)| {
                    HistDate::parse(&a).is_ok() && HistDate::parse(&b).is_ok()
                });
            assert!(ok, "{form}");
        }
    }
}
