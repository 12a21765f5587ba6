//! Deep time: `13.8 billion years ago`, `4.5 Ga`, `65 Ma`, `65 million years ago`,
//! `12,000 years ago`, `2.5 million BC`.
//!
//! A number of years ago keeps its significant figures as EDTF's significant digits:
//! `13.8 billion years ago` is `Y-13800000000S3`, "some year from 13.8 to 13.9 billion years
//! BC, estimated to be 13.8 billion". Years ago count back from the present, which for these
//! numbers is the same as from year 0: the two thousand years between are far below their last
//! figure. When they are not (a number whose last figure is below ten thousand years, such as
//! `12,000 years ago`), the present is 1950, as radiocarbon and geology's "before present"
//! count, and the year is exact and approximate: `12,000 years ago` is `Y-10050~`.

use crate::model::date::edtf_year;

use super::Reading;

/// The year "before present" counts from.
const PRESENT: i64 = 1950;

/// Figures below this many years are lost in the difference between "ago" and "BC".
const SIGNIFICANT_UNIT: u64 = 10_000;

/// A deep-time date, or `None` when the words are not one (`1855` is not).
pub(super) fn read(l: &str) -> Option<Result<Reading, String>> {
    let words: Vec<&str> = l.split(' ').collect();
    let (number, rest) = words.split_first()?;
    if !number.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    let (scale, rest) = match rest {
        ["thousand", rest @ ..] => (3, rest),
        ["million", rest @ ..] => (6, rest),
        ["billion", rest @ ..] => (9, rest),
        ["ka" | "kya", rest @ ..] => return unit_form(number, 3, rest),
        ["ma" | "mya", rest @ ..] => return unit_form(number, 6, rest),
        ["ga" | "gya" | "bya", rest @ ..] => return unit_form(number, 9, rest),
        rest => (0, rest),
    };
    let rest = rest.strip_prefix(&["years"]).unwrap_or(rest);
    let ago = match rest {
        ["ago" | "bp"] | ["before", "present"] => true,
        ["bc" | "bce"] if scale > 0 => false,
        _ => return None,
    };
    Some(years_back(number, scale, ago))
}

/// `4.5 Ga`, `65 Ma ago`, `12 ka BP`: units that are years ago by themselves.
fn unit_form(number: &str, scale: u32, rest: &[&str]) -> Option<Result<Reading, String>> {
    matches!(rest, [] | ["ago" | "bp"]).then(|| years_back(number, scale, true))
}

/// The EDTF of `number × 10^scale` years ago (from the present) or BC.
fn years_back(number: &str, scale: u32, ago: bool) -> Result<Reading, String> {
    let Some((years, figures)) = decimal(number, scale) else {
        return Err(format!(
            "\"{number}\" is not a whole number of years; write it with fewer decimals"
        ));
    };
    let digits = years.ilog10() + 1;
    let unit = 10u64.pow(digits.saturating_sub(figures));
    let edtf = if unit >= SIGNIFICANT_UNIT {
        format!("Y-{years}S{figures}")
    } else {
        let back = i64::try_from(years).map_err(|_| "too far back".to_owned())?;
        let year = if ago { PRESENT - back } else { 1 - back };
        let approximate = if unit > 1 { "~" } else { "" };
        format!("{}{approximate}", edtf_year(year))
    };
    Ok(Reading::plain(edtf))
}

/// The whole number a decimal (`13.8`, `65`, `4.50`) times `10^scale` is, and its significant
/// figures (`13.8` has three, `65` two, `100` one, `4.50` three). `None` when it is not a
/// number, not whole, zero, or beyond a trillion.
fn decimal(text: &str, scale: u32) -> Option<(u64, u32)> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty()
        || !all_digits(whole)
        || !all_digits(fraction)
        || whole.len() + fraction.len() > 13
    {
        return None;
    }
    let decimals = u32::try_from(fraction.len()).ok()?;
    if decimals > scale {
        return None;
    }
    let digits = format!("{whole}{fraction}");
    let mantissa: u64 = digits.parse().ok()?;
    let years = mantissa.checked_mul(10u64.checked_pow(scale - decimals)?)?;
    if years == 0 || years > 1_000_000_000_000 {
        return None;
    }
    let significant = digits.trim_start_matches('0');
    let significant = if fraction.is_empty() {
        significant.trim_end_matches('0')
    } else {
        significant
    };
    Some((years, u32::try_from(significant.len().max(1)).ok()?))
}
