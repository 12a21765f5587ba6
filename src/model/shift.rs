//! Moving an event in time by whole steps of its precision (a year-known event moves by whole
//! years, a month-known one by months, a day-known one by days), keeping each date's form and
//! qualifiers (`1855~` moved a year is `1856~`). What a drag on the timeline does.
//!
//! With Shift the steps are finer: a year-known event moves by months, a month-known one by
//! days, a day-known one by days still (dates hold no time of day). A date moved by finer steps
//! than it is known to is written to that step, from its first part for a start and its last
//! for an end (`1855`–`1905` moved a month is `1855-02`–`1906-01`), so the span keeps its length.

use super::calendar::{CivilDate, days_in_month};
use super::date::{HistDate, Precision};
use super::event::Event;

/// A step of a move: the coarsest precision of an event's dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Year,
    Month,
    Day,
}

impl Step {
    /// The step's length in days, on average.
    pub fn days(self) -> f64 {
        match self {
            Self::Year => 365.2425,
            Self::Month => 30.436_875,
            Self::Day => 1.0,
        }
    }

    /// `year`, `month`, `day`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Year => "year",
            Self::Month => "month",
            Self::Day => "day",
        }
    }

    /// The next finer step: a year's is a month, a month's a day; a day has none finer.
    #[must_use]
    pub fn finer(self) -> Self {
        match self {
            Self::Year => Self::Month,
            Self::Month | Self::Day => Self::Day,
        }
    }

    /// This step, or the next finer one when `fine`.
    fn fine(self, fine: bool) -> Self {
        if fine { self.finer() } else { self }
    }

    fn of(p: Precision) -> Option<Self> {
        match p {
            Precision::Year => Some(Self::Year),
            Precision::Month => Some(Self::Month),
            Precision::Day => Some(Self::Day),
            _ => None,
        }
    }
}

/// A plain EDTF date: `[-]YYYY[-MM[-DD]]` and a qualifier (`~`, `?`, `%`).
struct Plain<'a> {
    year: i64,
    month: Option<u8>,
    day: Option<u8>,
    qualifier: &'a str,
}

fn plain(edtf: &str) -> Option<Plain<'_>> {
    let body = edtf.trim_end_matches(['~', '?', '%']);
    let qualifier = &edtf[body.len()..];
    let (negative, digits) = match body.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, body),
    };
    let mut parts = digits.split('-');
    let y = parts.next()?;
    if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number = |s: &str| {
        (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u8>().ok())
            .flatten()
    };
    let month = parts.next().map(number);
    let day = parts.next().map(number);
    if parts.next().is_some() || month == Some(None) || day == Some(None) {
        return None;
    }
    let year: i64 = y.parse().ok()?;
    Some(Plain {
        year: if negative { -year } else { year },
        month: month.flatten(),
        day: day.flatten(),
        qualifier,
    })
}

fn write(year: i64, month: Option<u8>, day: Option<u8>, qualifier: &str) -> String {
    let sign = if year < 0 { "-" } else { "" };
    let month = month.map(|m| format!("-{m:02}")).unwrap_or_default();
    let day = day.map(|d| format!("-{d:02}")).unwrap_or_default();
    format!("{sign}{:04}{month}{day}{qualifier}", year.abs())
}

/// `d` written down to `step` where it is known less precisely: its first month or day (`1855`
/// → `1855-01`), or its last when `last` (`1855` → `1855-12`, `1855-02` → `1855-02-28`).
/// Unchanged when it is known to the step already; `None` when it is not a plain date.
fn refined(d: &HistDate, step: Step, last: bool) -> Option<HistDate> {
    let edtf = d.edtf();
    let p = plain(&edtf)?;
    let month = match (step, p.month) {
        (Step::Year, _) | (_, Some(_)) => p.month,
        _ => Some(if last { 12 } else { 1 }),
    };
    let day = match (step, p.day, month) {
        (Step::Day, None, Some(m)) => Some(if last { days_in_month(p.year, m) } else { 1 }),
        _ => p.day,
    };
    if month == p.month && day == p.day {
        return Some(d.clone());
    }
    HistDate::parse(&write(p.year, month, day, p.qualifier)).ok()
}

/// `d` moved by `n` steps, in the same form; `None` for a date that is not a plain year, month
/// or day (a range, a decade, deep time, a time of day) or that would leave the calendar.
pub fn shift_date(d: &HistDate, n: i64, step: Step) -> Option<HistDate> {
    if d.is_open() {
        return None;
    }
    let edtf = d.edtf();
    let p = plain(&edtf)?;
    let text = match (step, p.month, p.day) {
        (Step::Year, month, day) => {
            let year = p.year.checked_add(n)?;
            // 29 February moved to a common year is the 28th.
            let day = match (month, day) {
                (Some(m), Some(dd)) => Some(dd.min(days_in_month(year, m))),
                _ => day,
            };
            write(year, month, day, p.qualifier)
        }
        (Step::Month, Some(m), day) => {
            let index = (p.year * 12 + i64::from(m) - 1).checked_add(n)?;
            let (year, month) = (index.div_euclid(12), (index.rem_euclid(12) + 1) as u8);
            let day = day.map(|dd| dd.min(days_in_month(year, month)));
            write(year, Some(month), day, p.qualifier)
        }
        (Step::Day, Some(m), Some(dd)) => {
            let c = CivilDate::from_days(CivilDate::new(p.year, m, dd).days().checked_add(n)?);
            write(c.year, Some(c.month), Some(c.day), p.qualifier)
        }
        _ => return None,
    };
    HistDate::parse(&text).ok()
}

/// The step an event moves by: the coarsest precision of its dates (`None` when a date is not
/// a plain year, month or day).
pub fn step_of(e: &Event) -> Option<Step> {
    let start = Step::of(e.start().precision())?;
    let end = match &e.end {
        Some(d) => Step::of(d.precision())?,
        None => start,
    };
    Some(match (start, end) {
        (Step::Year, _) | (_, Step::Year) => Step::Year,
        (Step::Month, _) | (_, Step::Month) => Step::Month,
        _ => Step::Day,
    })
}

/// The event moved by `days` (on the axis), rounded to whole steps of its precision (the next
/// finer step when `fine`: Shift held): the moved event, how many steps and of what; `None`
/// when it cannot move (a date of another form) or when the move rounds to no step.
pub fn moved_by(e: &Event, days: f64, fine: bool) -> Option<(Event, i64, Step)> {
    let step = step_of(e)?.fine(fine);
    let n = (days / step.days()).round() as i64;
    if n == 0 {
        return None;
    }
    let start = shift_date(&refined(e.start(), step, false)?, n, step)?;
    let end = match &e.end {
        Some(d) => Some(shift_date(&refined(d, step, true)?, n, step)?),
        None => None,
    };
    let mut moved = e.clone();
    moved.set_start(start);
    moved.end = end;
    Some((with_original_rewritten(moved), n, step))
}

/// An event whose dates changed, with its dates as written in another calendar rewritten to
/// match (an Old Style event stays Old Style, in its new dates), or dropped when they cannot
/// be, so that what is saved is always the dates on screen.
pub fn with_original_rewritten(mut e: Event) -> Event {
    if e.original().is_some() {
        e.more_mut().original = super::julian::original_of(e.start(), e.end.as_ref());
    }
    e
}

/// One end of a span: its start or its end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpanEnd {
    Start,
    End,
}

/// The span with one end moved by `days`, rounded to whole steps of that end's precision (the
/// next finer step when `fine`): the changed event and how many steps; `None` when it cannot
/// move (no end, a date of another form), rounds to no step, or would end before it starts.
pub fn moved_end(e: &Event, which: SpanEnd, days: f64, fine: bool) -> Option<(Event, i64, Step)> {
    let d = match which {
        SpanEnd::Start => e.start(),
        SpanEnd::End => e.end.as_ref()?,
    };
    let step = Step::of(d.precision())?.fine(fine);
    let n = (days / step.days()).round() as i64;
    if n == 0 {
        return None;
    }
    let shifted = shift_date(&refined(d, step, which == SpanEnd::End)?, n, step)?;
    let mut m = e.clone();
    match which {
        SpanEnd::Start => m.set_start(shifted),
        SpanEnd::End => m.end = Some(shifted),
    }
    let end = m.end.as_ref()?;
    (end.axis_end() > m.start().axis_start()).then(|| (with_original_rewritten(m), n, step))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> HistDate {
        HistDate::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn shifted(s: &str, n: i64, step: Step) -> Option<String> {
        shift_date(&date(s), n, step).map(|d| d.edtf().to_owned())
    }

    #[test]
    fn a_moved_old_style_event_is_written_back_in_its_new_dates() {
        let mut shimoda = Event::new("shimoda", "Treaty of Shimoda", date("1855-02-07"));
        shimoda.more_mut().original = Some(crate::model::OriginalDates {
            calendar: crate::model::InputCalendar::Julian,
            start: "26 January 1855 O.S.".into(),
            end: None,
        });
        let Some((moved, 1, Step::Day)) = moved_by(&shimoda, 1.0, false) else {
            panic!("should move a day")
        };
        assert_eq!(moved.start().edtf(), "1855-02-08");
        let original = moved
            .original()
            .unwrap_or_else(|| panic!("still Old Style"));
        assert_eq!(original.start, "1855-01-27 O.S.");
    }

    #[test]
    fn dates_move_by_whole_steps_keeping_their_form() {
        assert_eq!(
            shifted("1855-02-07", 1, Step::Year).as_deref(),
            Some("1856-02-07")
        );
        assert_eq!(shifted("1855~", 2, Step::Year).as_deref(), Some("1857~"));
        assert_eq!(
            shifted("1904-02-29", 1, Step::Year).as_deref(),
            Some("1905-02-28")
        );
        assert_eq!(
            shifted("1855-12", 1, Step::Month).as_deref(),
            Some("1856-01")
        );
        assert_eq!(
            shifted("1855-01-31", 1, Step::Month).as_deref(),
            Some("1855-02-28")
        );
        assert_eq!(
            shifted("1855-02-28", 1, Step::Day).as_deref(),
            Some("1855-03-01")
        );
        assert_eq!(shifted("-0054", -1, Step::Year).as_deref(), Some("-0055"));
        assert_eq!(shifted("0000", -1, Step::Year).as_deref(), Some("-0001"));
        assert_eq!(
            shifted("185X", 1, Step::Year),
            None,
            "a decade is not moved"
        );
        assert_eq!(
            shifted("1855", 1, Step::Day),
            None,
            "a year is not moved by days"
        );
    }

    #[test]
    fn an_event_moves_by_the_steps_of_its_coarsest_date() {
        let mut e = Event::new("x", "X", date("1904-02-08"));
        e.end = Some(date("1905"));
        e.theme = "war".into();
        e.set_importance(3);
        let (m, n, step) = moved_by(&e, 400.0, false).unwrap_or_else(|| panic!("moves"));
        assert_eq!((n, step), (1, Step::Year));
        assert_eq!(
            (
                &*m.start().edtf(),
                m.end.as_ref().map(|d| d.edtf().to_string()).as_deref()
            ),
            ("1905-02-08", Some("1906"))
        );
        assert!(
            moved_by(&e, 100.0, false).is_none(),
            "less than half a year is no move"
        );
    }

    #[test]
    fn with_shift_an_event_moves_by_the_next_finer_step_keeping_its_length() {
        let mut year = Event::new("x", "X", date("1855~"));
        year.end = Some(date("1905"));
        let (m, n, step) = moved_by(&year, 31.0, true).unwrap_or_else(|| panic!("moves"));
        assert_eq!((n, step), (1, Step::Month));
        assert_eq!(
            (
                &*m.start().edtf(),
                m.end.as_ref().map(|d| d.edtf().to_string()).as_deref()
            ),
            ("1855-02~", Some("1906-01"))
        );
        assert!(moved_by(&year, 31.0, false).is_none(), "a month is no year");
        let month = Event::new("m", "M", date("1855-02"));
        let (m, n, step) = moved_by(&month, -1.0, true).unwrap_or_else(|| panic!("moves"));
        assert_eq!((&*m.start().edtf(), n, step), ("1855-01-31", -1, Step::Day));
        let day = Event::new("d", "D", date("1855-02-07"));
        let (m, _, step) = moved_by(&day, 2.0, true).unwrap_or_else(|| panic!("moves"));
        assert_eq!((&*m.start().edtf(), step), ("1855-02-09", Step::Day));
        // One end of a span, by the finer step too.
        let (m, n, step) =
            moved_end(&year, SpanEnd::End, -62.0, true).unwrap_or_else(|| panic!("moves"));
        assert_eq!((n, step), (-2, Step::Month));
        assert_eq!(
            m.end.as_ref().map(|d| d.edtf().to_string()).as_deref(),
            Some("1905-10")
        );
        assert_eq!(m.start(), year.start());
    }
}
