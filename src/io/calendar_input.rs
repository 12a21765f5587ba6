//! Dates written in the Julian calendar (Old Style): an event's `calendar: "julian"` field, or
//! a start or end ending in `O.S.` (`26 January 1855 O.S.`). They are read as any date, moved to
//! the Gregorian day they were, and kept as written ([`OriginalDates`]) to be shown and written
//! back.

use crate::model::{HistDate, InputCalendar, Life, OriginalDates, Text, julian};

use super::field::Field;
use super::record::RawEvent;
use super::record_dates::{lifespan, read_dates};
use super::{Problem, ProblemKind};

/// The suffix that marks an Old Style date.
const OLD_STYLE: &str = "O.S.";

/// A date's text without its `O.S.` suffix, and whether it had one.
fn without_old_style(text: &str) -> (&str, bool) {
    let t = text.trim();
    let cut = t.len().checked_sub(OLD_STYLE.len());
    match cut.and_then(|at| t.get(at..).map(|tail| (at, tail))) {
        Some((at, tail)) if tail.eq_ignore_ascii_case(OLD_STYLE) => (t[..at].trim_end(), true),
        _ => (t, false),
    }
}

/// Whether a date's text ends in `O.S.` (any case and spacing), as the loader reads it.
pub(crate) fn has_old_style_suffix(text: &str) -> bool {
    without_old_style(text).1
}

/// A date's text without its `O.S.` suffix.
fn bare(text: Option<&str>) -> Option<&str> {
    text.map(|t| without_old_style(t).0)
}

/// The calendar a record's dates are written in: the `calendar` field, else Julian when a date
/// ends in `O.S.`; `None` for the Gregorian. An unknown calendar is reported.
fn calendar_of(r: &RawEvent, line: usize, problems: &mut Vec<Problem>) -> Option<InputCalendar> {
    let named = r
        .calendar
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    if let Some(name) = named {
        if let Some(c) = InputCalendar::from_name(name) {
            return Some(c);
        }
        if !name.eq_ignore_ascii_case("gregorian") {
            problems.push(
                Problem::at(
                    line,
                    ProblemKind::OutOfRange,
                    format!(
                        "calendar \"{name}\" is not known: write julian, or leave it empty for \
                         the Gregorian calendar"
                    ),
                )
                .on(Field::Calendar),
            );
        }
        return None;
    }
    let old_style = |t: &Option<Text>| t.as_deref().is_some_and(|t| without_old_style(t).1);
    (old_style(&r.start) || old_style(&r.end)).then_some(InputCalendar::Julian)
}

/// A record's start, end, life, and dates as written in another calendar.
type EventDates = (
    Option<HistDate>,
    Option<HistDate>,
    Option<Life>,
    Option<OriginalDates>,
);

/// The start, end and life of a record, and its dates as written when they are in another
/// calendar than the Gregorian (the life of a person is then not read).
pub(super) fn dates(
    r: &RawEvent,
    line_of: impl Fn(Field) -> usize,
    problems: &mut Vec<Problem>,
) -> EventDates {
    let Some(calendar) = calendar_of(r, line_of(Field::Calendar), problems) else {
        let (start, end, life) = lifespan(r, problems);
        return (start, end, life, None);
    };
    let text = |t: &Option<Text>| {
        t.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
    };
    let lines = (line_of(Field::Start), line_of(Field::End));
    let (start, end, original) =
        in_calendar(calendar, text(&r.start), text(&r.end), lines, problems);
    (start, end, None, original)
}

/// A start and an end written in `calendar` (with or without the `O.S.` suffix): read, moved to
/// the Gregorian days they were, and kept as written.
fn in_calendar(
    calendar: InputCalendar,
    start_text: Option<String>,
    end_text: Option<String>,
    lines: (usize, usize),
    problems: &mut Vec<Problem>,
) -> (Option<HistDate>, Option<HistDate>, Option<OriginalDates>) {
    let (start, end) = read_dates(
        bare(start_text.as_deref()),
        bare(end_text.as_deref()),
        lines,
        problems,
    );
    let convert = |d: Option<HistDate>, line: usize, field: Field, problems: &mut Vec<Problem>| {
        let d = d?;
        let moved = match calendar {
            InputCalendar::Julian => julian::date_to_gregorian(&d),
        };
        if moved.is_none() {
            problems.push(
                Problem::at(
                    line,
                    ProblemKind::NotADate,
                    format!("\"{d}\" is not a day of the Julian calendar Chronolane can convert"),
                )
                .on(field),
            );
        }
        moved
    };
    let start = convert(start, lines.0, Field::Start, problems);
    let end = convert(end, lines.1, Field::End, problems);
    let original = start_text.map(|start| OriginalDates {
        calendar,
        start,
        end: end_text,
    });
    (start, end, original)
}

/// A start and an end typed in a form (trimmed, `None` when empty), read as the loader reads a
/// row's: an `O.S.` suffix on either makes both Julian, moved to the Gregorian days and kept as
/// typed.
pub(crate) fn read_typed(
    start: Option<&str>,
    end: Option<&str>,
    problems: &mut Vec<Problem>,
) -> (Option<HistDate>, Option<HistDate>, Option<OriginalDates>) {
    let old_style = |t: Option<&str>| t.is_some_and(|t| without_old_style(t).1);
    if old_style(start) || old_style(end) {
        let owned = |t: Option<&str>| t.map(str::to_owned);
        in_calendar(
            InputCalendar::Julian,
            owned(start),
            owned(end),
            (1, 1),
            problems,
        )
    } else {
        let (s, e) = read_dates(start, end, (1, 1), problems);
        (s, e, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_old_style_suffix_is_found_in_any_case_and_spacing() {
        assert_eq!(
            without_old_style("26 January 1855 O.S."),
            ("26 January 1855", true)
        );
        assert_eq!(without_old_style(" 1855-01-26 o.s. "), ("1855-01-26", true));
        assert_eq!(without_old_style("1855-01-26"), ("1855-01-26", false));
        assert_eq!(without_old_style("S."), ("S.", false));
    }
}
