//! Format-neutral records: what a JSON object or CSV row says about an event, as text, with the
//! line of each field, and the checks that turn records into events (every problem reported).

use std::collections::BTreeMap;
use std::hash::BuildHasher;

use rayon::slice::ParallelSliceMut;

use crate::model::event::{DEFAULT_IMPORTANCE, MAX_IMPORTANCE, MIN_IMPORTANCE};
use crate::model::{CompactString, Event, EventMore, Link, Source, Text, ThemeName, ThemeNames};

use super::field::{Field, FieldMap};
use super::record_dates::{missing, plain_dates};
pub use super::rejected::Rejected;
use super::{Problem, ProblemKind};

/// The fields of one event as a file gives them.
#[derive(Clone, Debug, Default)]
pub struct RawEvent {
    /// Line where the record begins.
    pub line: usize,
    pub id: Option<Text>,
    pub title: Option<Text>,
    pub start: Option<Text>,
    pub end: Option<Text>,
    pub theme: Option<Text>,
    pub importance: Option<Text>,
    pub place: Option<Text>,
    pub description: Option<Text>,
    pub sources: Vec<Source>,
    pub tags: Vec<String>,
    pub display_date: Option<Text>,
    pub born: Option<Text>,
    pub died: Option<Text>,
    pub links: Vec<Link>,
    pub names: BTreeMap<String, String>,
    pub calendar: Option<Text>,
    /// Line of each field when it differs from `line` (JSON objects span lines); 0 when
    /// unknown.
    pub field_lines: FieldMap<usize>,
}

/// The largest text a single field may hold.
pub const MAX_FIELD_BYTES: usize = 1 << 20;

/// The lane of events whose file names no theme.
pub const FALLBACK_THEME: &str = "events";

impl RawEvent {
    pub(super) fn line_of(&self, field: Field) -> usize {
        match self.field_lines[field] {
            0 => self.line,
            l => l,
        }
    }

    /// The text of a field that holds text (not sources or tags), to fill in.
    pub fn text_mut(&mut self, field: Field) -> Option<&mut Option<Text>> {
        Some(match field {
            Field::Id => &mut self.id,
            Field::Title => &mut self.title,
            Field::Start => &mut self.start,
            Field::End => &mut self.end,
            Field::Theme => &mut self.theme,
            Field::Importance => &mut self.importance,
            Field::Place => &mut self.place,
            Field::Description => &mut self.description,
            Field::DisplayDate => &mut self.display_date,
            Field::Born => &mut self.born,
            Field::Died => &mut self.died,
            Field::Calendar => &mut self.calendar,
            Field::Sources | Field::Tags | Field::Links | Field::Names => return None,
        })
    }
}

pub(super) fn non_empty(s: Option<&Text>) -> Option<&str> {
    s.map(|s| s.trim()).filter(|s| !s.is_empty())
}

/// The text of a field without the spaces around it, as a slice of the same text (no copy);
/// `None` when it is empty.
fn non_empty_text(s: Option<&Text>) -> Option<Text> {
    s.map(|s| s.substr_using(str::trim))
        .filter(|s| !s.is_empty())
}

/// True when problems after the first `before` include one that is not a note.
fn errors_since(problems: &[Problem], before: usize) -> bool {
    problems
        .get(before..)
        .is_some_and(|new| new.iter().any(|p| p.kind != ProblemKind::Note))
}

/// Notes listed one by one; beyond them, one note counts the rest.
pub const MAX_NOTES: usize = 20;

/// Checks records one at a time and turns them into events, remembering the ids it has seen;
/// [`Checker::finish`] then reports ids used twice, and says which events to drop for it. (Ids
/// are compared by sorting their hashes once at the end: a hash map of a million ids spends its
/// time on cache misses. The ids themselves are read from the events, and only where two
/// hashes are equal: sixteen bytes an id rather than forty, no count of the text's owners
/// raised and lowered for each.)
#[derive(Default)]
pub struct Checker {
    /// Each link of an accepted event: the line of its links, the id it leads to, and the
    /// index of the event among those returned; checked against every id in
    /// [`Checker::finish`].
    links: Vec<(usize, String, u32)>,
    /// Each id seen: its hash, the line it is on, and the index of its event among those
    /// [`Checker::check`] returned, or [`REJECTED`] and its place among
    /// [`Checker::rejected_ids`] when it returned none.
    ids: Vec<(u64, u32, u32)>,
    /// The ids of the records that gave no event.
    rejected_ids: Vec<Text>,
    records: usize,
    /// Events returned so far.
    accepted: u32,
    /// The records that gave no event, as read.
    rejected: Vec<RawEvent>,
    /// Name events without an id after their line (`line-14`) rather than their place in the
    /// file (`event-3`): rows read in parallel do not know their place.
    pub ids_from_lines: bool,
    /// The themes' names, shared by the events of a lane.
    themes: ThemeNames,
    /// Notes on how dates were read: how many were listed, and how many more were not.
    notes: usize,
    notes_unlisted: usize,
}

impl Checker {
    pub fn new() -> Self {
        Self::default()
    }

    /// The shared name of the theme `id` (trimmed), or of the fallback theme for none.
    pub fn theme(&mut self, id: Option<&str>) -> ThemeName {
        self.themes.of(id.unwrap_or(FALLBACK_THEME))
    }

    /// A checker for about `records` records.
    pub fn with_capacity(records: usize) -> Self {
        Self {
            ids: Vec::with_capacity(records),
            ..Self::default()
        }
    }

    /// Room for about `records` more records.
    pub fn reserve(&mut self, records: usize) {
        self.ids.reserve(records);
    }

    /// The event a record describes, or `None` after adding its problems to `problems`.
    pub fn check(&mut self, r: RawEvent, problems: &mut Vec<Problem>) -> Option<Event> {
        let since = problems.len();
        self.check_since(r, problems, since)
    }

    /// [`Checker::check`] for a record whose reading already added the problems after
    /// `since` (a JSON value of the wrong type): it gives no event either, but its fields are
    /// checked all the same, so that every problem is reported.
    pub fn check_since(
        &mut self,
        r: RawEvent,
        problems: &mut Vec<Problem>,
        since: usize,
    ) -> Option<Event> {
        // Links are checked whether or not the record gives an event, so that every problem
        // is reported.
        let links_from = self.links.len();
        let links_line = r.line_of(Field::Links);
        self.links.extend(
            r.links
                .iter()
                .filter(|l| !l.kind.trim().is_empty())
                .map(|l| l.to.trim())
                .filter(|to| !to.is_empty())
                .map(|to| (links_line, to.to_owned(), PENDING)),
        );
        let event = self.event(r, problems, since);
        let index = match &event {
            Some(_) => {
                self.accepted += 1;
                self.accepted - 1
            }
            None => NO_EVENT,
        };
        for link in &mut self.links[links_from..] {
            link.2 = index;
        }
        if let Some(last) = self.ids.last_mut()
            && last.2 == PENDING
        {
            last.2 = match &event {
                Some(_) => index,
                None => rejected(self.rejected_ids.len() - 1),
            };
        }
        event
    }

    /// Remembers the id of an event the CSV fast path read on `line` (`super::csv_fast`), as
    /// [`Checker::check`] does for a record that gives an event without any problem.
    pub(super) fn accept(&mut self, id: &str, line: usize) {
        self.records += 1;
        self.ids.push((id_hash(id), line_u32(line), self.accepted));
        self.accepted += 1;
    }

    fn event(&mut self, r: RawEvent, problems: &mut Vec<Problem>, since: usize) -> Option<Event> {
        let n = self.records;
        self.records += 1;
        let before = problems.len();
        too_big(&r, problems);
        if errors_since(problems, before) {
            self.rejected.push(r);
            return None;
        }
        let id = match non_empty_text(r.id.as_ref()) {
            Some(id) => id,
            None if self.ids_from_lines => format!("line-{}", r.line).into(),
            None => format!("event-{}", n + 1).into(),
        };
        self.ids
            .push((id_hash(&id), line_u32(r.line_of(Field::Id)), PENDING));
        let title = non_empty_text(r.title.as_ref());
        if title.is_none() {
            problems.push(missing(r.line_of(Field::Title), Field::Title));
        }
        let (start, end, life, original) = match plain_dates(&r) {
            Some((start, end)) => (Some(start), end, None, None),
            None => super::calendar_input::dates(&r, |f| r.line_of(f), problems),
        };
        let importance = importance(&r, problems);
        let links = super::record_links::links(&r, problems);
        self.limit_notes(problems, before);
        let (Some(title), Some(start)) = (title, start) else {
            self.rejected.push(r);
            self.rejected_ids.push(id);
            return None;
        };
        if errors_since(problems, since) {
            self.rejected.push(r);
            self.rejected_ids.push(id);
            return None;
        }
        let more = EventMore {
            sources: r.sources,
            tags: r
                .tags
                .into_iter()
                .map(|t| t.trim().to_owned())
                .filter(|t| !t.is_empty())
                .collect(),
            display_date: non_empty(r.display_date.as_ref()).map(CompactString::from),
            life,
            links,
            names: r
                .names
                .into_iter()
                .map(|(tag, name)| (tag.trim().to_owned(), name.trim().to_owned()))
                .filter(|(tag, name)| !tag.is_empty() && !name.is_empty())
                .collect(),
            original,
        };
        let place = non_empty_text(r.place.as_ref());
        let description = non_empty_text(r.description.as_ref()).unwrap_or_default();
        let mut event =
            Event::with_texts(&id, &title, place.as_ref(), &description, start).with_more(more);
        event.end = end;
        event.theme = self.theme(non_empty(r.theme.as_ref()));
        event.set_importance(importance);
        Some(event)
    }
}

impl Checker {
    /// Keeps the first [`MAX_NOTES`] notes, and counts the others.
    fn limit_notes(&mut self, problems: &mut Vec<Problem>, before: usize) {
        let mut index = before;
        while index < problems.len() {
            if problems[index].kind != ProblemKind::Note {
                index += 1;
            } else if self.notes < MAX_NOTES {
                self.notes += 1;
                index += 1;
            } else {
                problems.remove(index);
                self.notes_unlisted += 1;
            }
        }
    }

    /// Takes in the ids another checker saw (rows read by another thread).
    pub fn merge(&mut self, other: Checker) {
        let offset = self.accepted;
        let rejected_offset = u32::try_from(self.rejected_ids.len()).unwrap_or(u32::MAX);
        self.ids.extend(other.ids.into_iter().map(|(h, l, i)| {
            let i = if i & REJECTED == 0 {
                i + offset
            } else {
                i + rejected_offset
            };
            (h, l, i)
        }));
        self.rejected_ids.extend(other.rejected_ids);
        self.links.extend(
            other
                .links
                .into_iter()
                .map(|(l, to, i)| (l, to, if i == NO_EVENT { i } else { i + offset })),
        );
        self.records += other.records;
        self.notes += other.notes;
        self.notes_unlisted += other.notes_unlisted;
        self.accepted += other.accepted;
        self.rejected.extend(other.rejected);
    }

    /// Reports every id used again after its first line (before the other problems, so that
    /// sorted by line, a row's id problem comes first, as its field does), and gives what was
    /// rejected: the records that gave no event, and the events to drop for their id. `events`
    /// are those [`Checker::check`] (and [`Checker::accept`]) returned, in order.
    pub fn finish(mut self, events: &[Event], problems: &mut Vec<Problem>) -> Rejected {
        // (Two halves read at once list up to the limit each.)
        if self.notes_unlisted > 0 {
            problems.push(Problem::whole(
                ProblemKind::Note,
                format!(
                    "{} more dates were read the same ways as those above",
                    self.notes_unlisted
                ),
            ));
        }
        let mut found = Vec::new();
        let mut duplicates = Vec::new();
        // By hash, then line, then event (the order they were seen in, among those of one line:
        // a minified JSON file has all its events on line 1), the records that gave none last.
        // (On every core: ten million ids took a second on one.)
        self.ids.par_sort_unstable();
        let rejected_ids = &self.rejected_ids;
        let id_of = |index: u32| {
            if index & REJECTED == 0 {
                events.get(index as usize).map_or("", |e| e.id())
            } else {
                rejected_ids
                    .get((index & !REJECTED) as usize)
                    .map_or("", Text::as_str)
            }
        };
        for run in self
            .ids
            .chunk_by(|a, b| a.0 == b.0)
            .filter(|run| run.len() > 1)
        {
            for (k, &(_, line, index)) in run.iter().enumerate().skip(1) {
                let id = id_of(index);
                if let Some((_, first, _)) =
                    run[..k].iter().find(|(_, _, other)| id_of(*other) == id)
                {
                    found.push(
                        Problem::at(
                            line as usize,
                            ProblemKind::Duplicate,
                            format!("id \"{id}\" is already used on line {first}"),
                        )
                        .on(Field::Id),
                    );
                    if index & REJECTED == 0 {
                        duplicates.push(index as usize);
                    }
                }
            }
        }
        problems.splice(0..0, found);
        super::record_links::check_links(
            &self.links,
            events
                .iter()
                .map(Event::id)
                .chain(self.rejected_ids.iter().map(Text::as_str)),
            problems,
            &mut duplicates,
        );
        duplicates.sort_unstable();
        duplicates.dedup();
        Rejected {
            duplicates,
            records: self.rejected,
        }
    }
}

/// A line number as the checker keeps it (files hold fewer than four billion lines).
fn line_u32(line: usize) -> u32 {
    u32::try_from(line).unwrap_or(u32::MAX)
}

/// The hash ids are compared by.
fn id_hash(id: &str) -> u64 {
    foldhash::fast::FixedState::default().hash_one(id)
}

/// The index of no event, in [`Checker`]'s list of ids.
pub(super) const NO_EVENT: u32 = u32::MAX;
/// In [`Checker`]'s list of ids, the mark of a record that gave no event (an event's index is
/// below it: a file of at most 1 GiB has fewer than 2³¹ rows).
const REJECTED: u32 = 1 << 31;
/// A record being checked, whose event is not known yet.
const PENDING: u32 = u32::MAX - 1;

/// The mark in [`Checker`]'s list of ids of the `n`th record that gave no event.
fn rejected(n: usize) -> u32 {
    REJECTED | u32::try_from(n).unwrap_or(u32::MAX >> 1)
}

/// Reports each field bigger than [`MAX_FIELD_BYTES`].
fn too_big(r: &RawEvent, problems: &mut Vec<Problem>) {
    let fields = [
        (Field::Id, &r.id),
        (Field::Title, &r.title),
        (Field::Start, &r.start),
        (Field::End, &r.end),
        (Field::Theme, &r.theme),
        (Field::Importance, &r.importance),
        (Field::Place, &r.place),
        (Field::Description, &r.description),
        (Field::DisplayDate, &r.display_date),
        (Field::Born, &r.born),
        (Field::Died, &r.died),
        (Field::Calendar, &r.calendar),
    ];
    for (field, value) in fields {
        if let Some(v) = value.as_ref().filter(|v| v.len() > MAX_FIELD_BYTES) {
            problems.push(
                Problem::at(
                    r.line_of(field),
                    ProblemKind::TooBig,
                    format!("{field} is {} bytes; a field may hold up to 1 MiB", v.len()),
                )
                .on(field),
            );
        }
    }
}

/// The importance of a record: the default when it has none, or after reporting one that is
/// not a whole number from 1 to 5.
fn importance(r: &RawEvent, problems: &mut Vec<Problem>) -> u8 {
    let Some(text) = non_empty(r.importance.as_ref()) else {
        return DEFAULT_IMPORTANCE;
    };
    match text.parse::<u8>() {
        Ok(v) if (MIN_IMPORTANCE..=MAX_IMPORTANCE).contains(&v) => v,
        _ => {
            problems.push(
                Problem::at(
                    r.line_of(Field::Importance),
                    ProblemKind::OutOfRange,
                    format!("importance \"{text}\" is not a whole number from 1 to 5"),
                )
                .on(Field::Importance),
            );
            DEFAULT_IMPORTANCE
        }
    }
}

/// Checks records and turns them into events. Returns the events of the records without
/// problems, what was rejected and the events dropped for an id used before, and appends every
/// problem found.
pub fn events_from_records(
    records: Vec<RawEvent>,
    problems: &mut Vec<Problem>,
) -> (Vec<Event>, Rejected, Vec<Event>) {
    let mut checker = Checker::new();
    let mut events = records
        .into_iter()
        .filter_map(|r| checker.check(r, problems))
        .collect::<Vec<_>>();
    let rejected = checker.finish(&events, problems);
    let dropped = rejected.drop_duplicates(&mut events);
    (events, rejected, dropped)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::HistDate;

    /// A minified JSON file has every event on line 1: of events with the same id, the first
    /// in the file is kept and every later one dropped, however many there are.
    #[test]
    fn of_ids_used_again_on_one_line_the_first_is_kept() {
        for n in [2, 3, 30, 500] {
            let mut checker = Checker::new();
            let mut events = Vec::new();
            for i in 0..n {
                let id: Text = if i % 3 == 2 { "other" } else { "same" }.into();
                checker.accept(&id, 1);
                events.push(Event::new(
                    id,
                    "t",
                    HistDate::parse("1900").expect("a date"),
                ));
            }
            let mut problems = Vec::new();
            let rejected = checker.finish(&events, &mut problems);
            let later = |id_of: fn(usize) -> bool| (0..n).filter(move |&i| id_of(i)).skip(1);
            let mut expected: Vec<usize> =
                later(|i| i % 3 != 2).chain(later(|i| i % 3 == 2)).collect();
            expected.sort_unstable();
            assert_eq!(rejected.duplicates, expected, "{n} events");
            assert_eq!(problems.len(), expected.len());
            assert!(problems.iter().all(|p| p.kind == ProblemKind::Duplicate));
        }
    }

    fn record(line: usize, id: &str, title: &str) -> RawEvent {
        RawEvent {
            line,
            id: Some(id.into()),
            title: (!title.is_empty()).then(|| title.into()),
            start: Some("1900".into()),
            ..RawEvent::default()
        }
    }

    /// Records read by two checkers, the second's ids taken in by the first, give the problems
    /// and the rejected records and events one checker gives: ids used again after a record
    /// that gave an event and after one that gave none (no title), in either half.
    #[test]
    fn two_checkers_merged_report_what_one_reports() {
        let records = || {
            [
                record(2, "a", "A"),
                record(3, "b", ""),
                record(4, "b", "B again"),
                record(5, "c", ""),
                record(6, "c", ""),
                record(7, "a", "A again"),
                record(8, "d", "D"),
                record(9, "b", "B a third time"),
            ]
        };
        let check = |checker: &mut Checker,
                     records: &[RawEvent],
                     events: &mut Vec<Event>,
                     problems: &mut Vec<Problem>| {
            for r in records {
                events.extend(checker.check(r.clone(), problems));
            }
        };
        let (mut one_events, mut one_problems) = (Vec::new(), Vec::new());
        let mut one = Checker::new();
        check(&mut one, &records(), &mut one_events, &mut one_problems);
        let one_rejected = one.finish(&one_events, &mut one_problems);
        for split in 0..=8 {
            let all = records();
            let (first, second) = all.split_at(split);
            let (mut events, mut problems) = (Vec::new(), Vec::new());
            let mut a = Checker::new();
            check(&mut a, first, &mut events, &mut problems);
            let mut b = Checker::new();
            check(&mut b, second, &mut events, &mut problems);
            a.merge(b);
            let rejected = a.finish(&events, &mut problems);
            assert_eq!(events, one_events, "split at {split}");
            assert_eq!(problems, one_problems, "split at {split}");
            assert_eq!(
                rejected.duplicates, one_rejected.duplicates,
                "split at {split}"
            );
            assert_eq!(rejected.records.len(), one_rejected.records.len());
        }
        // B again (line 4), A again (7) and B a third time (9) are dropped for their ids; the
        // three records without a title give no event.
        assert_eq!(one_events.len(), 5);
        assert_eq!(one_rejected.duplicates, vec![1, 2, 4]);
        assert_eq!(one_rejected.records.len(), 3);
        let mut duplicate_lines: Vec<_> = one_problems
            .iter()
            .filter(|p| p.kind == ProblemKind::Duplicate)
            .map(|p| p.line)
            .collect();
        duplicate_lines.sort_unstable();
        assert_eq!(duplicate_lines, [Some(4), Some(6), Some(7), Some(9)]);
    }
}
