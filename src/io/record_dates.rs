//! The dates of a record: its start and end (EDTF or a form people write), an EDTF interval in
//! its start, a life given beside them, and the problems each of them can have. The checker
//! ([`super::record::Checker`]) reads plain dates without edtf-core ([`plain_dates`]).

use crate::model::{DateError, HistDate, Life};

use super::field::Field;
use super::record::{RawEvent, non_empty};
use super::{Problem, ProblemKind, human_date};

/// Parses a date field: EDTF, or a form people write in spreadsheets (`7 Feb 1855`, `55 BC`,
/// `c. 383`, `Between 1850 and 1853`; kept as the equivalent EDTF). Reports `field "value" is
/// not a date: reason`; a reading that chose one of several meanings (a dual year) adds a note
/// (a [`ProblemKind::Note`]) saying how it was read.
pub fn parse_date_field(
    field: Field,
    value: &str,
    line: usize,
    problems: &mut Vec<Problem>,
) -> Option<HistDate> {
    parse_date(field.name(), Some(field), value, line, problems)
}

/// [`parse_date_field`] for a date named `name` in messages (`start_date` of a `TimelineJS`
/// era), about `field` if it is one.
pub fn parse_date(
    name: &str,
    field: Option<Field>,
    value: &str,
    line: usize,
    problems: &mut Vec<Problem>,
) -> Option<HistDate> {
    // EDTF first: the forms people write are tried only when it fails.
    let edtf_error = match HistDate::parse(value) {
        Ok(d) => return Some(d),
        Err(e) => e,
    };
    let reason = match human_date::read(value) {
        Some(Ok(reading)) => match HistDate::parse(&reading.edtf) {
            Ok(d) => {
                if let Some(note) = reading.note {
                    let mut p = Problem::note_at(
                        line,
                        format!("{name} \"{value}\" read as {}: {note}", d.in_words()),
                    );
                    p.field = field;
                    problems.push(p);
                }
                return Some(d);
            }
            Err(e) => e.to_string(),
        },
        Some(Err(reason)) => reason,
        // Something EDTF read but cannot place (a year out of range), or something EDTF-like.
        None if !matches!(edtf_error, DateError::Syntax(_))
            || value
                .trim()
                .starts_with(|c: char| c.is_ascii_digit() || c == '-')
                && !value.trim().contains(' ') =>
        {
            edtf_error.to_string()
        }
        None => format!(
            "write EDTF (1855-02-07, 1792~, 185X, -0054) or one of: {}",
            human_date::ACCEPTED_FORMS
        ),
    };
    let mut problem = Problem::at(
        line,
        ProblemKind::NotADate,
        format!("{name} \"{value}\" is not a date: {reason}"),
    );
    problem.field = field;
    problems.push(problem);
    None
}

/// The dates of a record whose start and end (if any) are plain (`YYYY`, `YYYY-MM`,
/// `YYYY-MM-DD`), the end after the start, without a calendar or a life: what
/// [`super::calendar_input::dates`] gives for them, with no problem, read without edtf-core.
/// `None` for any other record.
pub(super) fn plain_dates(r: &RawEvent) -> Option<(HistDate, Option<HistDate>)> {
    if r.calendar.is_some() || r.born.is_some() || r.died.is_some() {
        return None;
    }
    let end = match &r.end {
        None => None,
        Some(end) => Some(non_empty(Some(end))?),
    };
    plain_span(non_empty(r.start.as_ref())?, end)
}

/// A start and an optional end, both plain dates (trimmed, not empty) and the end after the
/// start: the dates without a problem, as the general reading gives them; `None` otherwise.
pub(super) fn plain_span(start: &str, end: Option<&str>) -> Option<(HistDate, Option<HistDate>)> {
    let start = HistDate::parse_plain(start)?;
    let end = match end {
        None => None,
        Some(end) => {
            let end = HistDate::parse_plain(end)?;
            if end.axis_end() <= start.axis_start() {
                return None;
            }
            Some(end)
        }
    };
    Some((start, end))
}

/// The dates of a record and the life it gives beside them. Birth and death are the event's
/// dates when it has no other (a person's life); beside its own dates they are kept as the
/// life of the person it is about (a reign and a life).
pub(super) fn lifespan(
    r: &RawEvent,
    problems: &mut Vec<Problem>,
) -> (Option<HistDate>, Option<HistDate>, Option<Life>) {
    let (born, died) = (non_empty(r.born.as_ref()), non_empty(r.died.as_ref()));
    if born.is_none() && died.is_none() {
        let (start, end) = dates(r, problems);
        return (start, end, None);
    }
    let date = |field: Field, value: Option<&str>, problems: &mut Vec<Problem>| {
        value.and_then(|v| parse_date_field(field, v, r.line_of(field), problems))
    };
    let (born, died) = (
        date(Field::Born, born, problems),
        date(Field::Died, died, problems),
    );
    if let (Some(b), Some(d)) = (&born, &died)
        && d.axis_end() <= b.axis_start()
    {
        problems.push(
            Problem::at(
                r.line_of(Field::Died),
                ProblemKind::EndBeforeStart,
                format!("died \"{d}\" is before born \"{b}\""),
            )
            .on(Field::Died),
        );
    }
    if non_empty(r.start.as_ref()).is_none() && non_empty(r.end.as_ref()).is_none() {
        // A life alone: birth to death, or the one of them given.
        return match (born, died) {
            (Some(b), d) => (Some(b), d, None),
            (None, d) => (d, None, None),
        };
    }
    let (start, end) = dates(r, problems);
    (start, end, Some(Life { born, died }))
}

/// The start (required) and end of a record, each `None` after reporting why when it does not
/// read; an end before the start is reported too.
pub(super) fn dates(
    r: &RawEvent,
    problems: &mut Vec<Problem>,
) -> (Option<HistDate>, Option<HistDate>) {
    let lines = (r.line_of(Field::Start), r.line_of(Field::End));
    read_dates(
        non_empty(r.start.as_ref()),
        non_empty(r.end.as_ref()),
        lines,
        problems,
    )
}

/// The start and end an event gets from the text of its start and end fields (trimmed, `None`
/// when empty), each `None` after reporting why when it does not read: the loader's reading,
/// which the import preview shows. `lines` are the lines of the start and end fields.
///
/// `Between 47 and 50` in the start field, with no end, is an uncertain span (`0047?` to
/// `0050?`), and an EDTF interval its two ends (`1850/1853`; `1952/..`, still going on); an
/// open end (`ongoing`) reaches at least to the end of the start; a start that is
/// an open end, a missing start and an end before the start are reported.
pub fn read_dates(
    start: Option<&str>,
    end: Option<&str>,
    lines: (usize, usize),
    problems: &mut Vec<Problem>,
) -> (Option<HistDate>, Option<HistDate>) {
    let (start_line, end_line) = lines;
    let span = start
        .filter(|_| end.is_none())
        .and_then(|s| human_date::to_edtf_span(s).or_else(|| edtf_interval(s)));
    let (start_text, end_text) = match &span {
        Some((a, b)) => (Some(a.as_str()), Some(b.as_str())),
        None => (start, end),
    };
    let start = if let Some(s) = start_text {
        parse_date_field(Field::Start, s, start_line, problems)
            .filter(|d| !open_start(d, s, start_line, problems))
    } else {
        problems.push(missing(start_line, Field::Start));
        None
    };
    let end = end_text.and_then(|s| parse_date_field(Field::End, s, end_line, problems));
    // An ongoing event drawn to today, or as long as its start when that is later.
    let end = match (&start, end) {
        (Some(s), Some(e)) => Some(e.open_past(s)),
        (_, e) => e,
    };
    if let (Some(s), Some(e)) = (&start, &end)
        && e.axis_end() <= s.axis_start()
    {
        problems.push(end_before_start(end_line, e, s).on(Field::End));
    }
    (start, end)
}

/// The two ends of an EDTF interval with both ends given (`1850/1853`, `1952/..`); `None` for
/// anything else, an interval with an unknown end (`1952/`) included.
fn edtf_interval(text: &str) -> Option<(String, String)> {
    // Most starts are no interval: skip the second parse for them.
    if !text.contains('/') || !matches!(HistDate::parse(text), Err(DateError::Interval)) {
        return None;
    }
    let (a, b) = text.trim().split_once('/')?;
    (!a.is_empty() && !b.is_empty() && a != "..").then(|| (a.to_owned(), b.to_owned()))
}

/// Reports a start that is an open end (`ongoing`), which only an end may be.
fn open_start(d: &HistDate, value: &str, line: usize, problems: &mut Vec<Problem>) -> bool {
    if !d.is_open() {
        return false;
    }
    problems.push(
        Problem::at(
            line,
            ProblemKind::NotADate,
            format!(
                "start \"{value}\" is not a date: an open end (ongoing, present, now, ..) \
                 ends an event; give the day it began"
            ),
        )
        .on(Field::Start),
    );
    true
}

/// `title is missing`: a required field the record lacks.
pub(super) fn missing(line: usize, field: Field) -> Problem {
    Problem::at(line, ProblemKind::Missing, format!("{field} is missing")).on(field)
}

/// `end "1904" is before start "1905"`, of an event or an era.
pub fn end_before_start(line: usize, end: &HistDate, start: &HistDate) -> Problem {
    Problem::at(
        line,
        ProblemKind::EndBeforeStart,
        format!("end \"{end}\" is before start \"{start}\""),
    )
}
