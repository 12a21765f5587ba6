//! The events of a native JSON file, read fast: each event object is read in one pass over its
//! bytes ([`super::json_plain::plain_object`]); an object whose values are all plain (text
//! without escapes, whole numbers, `null`) and say only what most events say (an id, a title,
//! plain dates…) becomes its event at once, as the CSV fast path makes it; another object whose
//! values are all plain becomes its [`RawEvent`] at once; any other object (a list of sources,
//! a value of another type, an escape, a key given twice…) is read by the general path of
//! [`super::json`], which says what is wrong with it. All give what the general path gives, so
//! the checker reports the same events and problems. [`Run`] reads a list of them (or a part
//! of one: [`super::json_stream`] reads lists in parts on every core).

use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use serde_json::value::RawValue;

use arcstr::ArcStr;

use crate::model::shared_text::joined;
use crate::model::{Event, Text};

use super::csv_fast::{PlainParts, READ, event_of_parts, plain_parts, trim};
use super::field::Field;
use super::json::{Reader, Skipped};
use super::json_plain::{Plain, PlainObject, plain_object, skip_space};
use super::record::{Checker, MAX_FIELD_BYTES, MAX_NOTES, RawEvent};
use super::{Problem, ProblemKind};

/// Whether an event keeps the text of `field` (its id, title, place and description), where
/// the others (dates, theme, importance…) are read into something else and let go.
fn kept(field: Field) -> bool {
    matches!(
        field,
        Field::Id | Field::Title | Field::Place | Field::Description
    )
}

/// Texts copied one after the other into one buffer that they share (rather than a string
/// each), handed out in the order they were copied.
struct Arena {
    text: ArcStr,
    at: usize,
}

impl Arena {
    /// The texts `each` gives, every time the same.
    fn new<'t, I: Iterator<Item = &'t str>>(each: impl Fn() -> I) -> Self {
        // (Without a buffer, each text is a copy of its own.)
        let text = joined(each).unwrap_or_default();
        Self { text, at: 0 }
    }

    /// The next text, which is `text`: the buffer's copy of it, or a copy of its own should the
    /// buffer not hold it (it always does).
    fn next(&mut self, text: &str) -> Text {
        match self.place(text) {
            Some(range) => self.text.substr(range),
            None => Text::from(text),
        }
    }

    /// Where the next text, which is `text`, is in the buffer; `None` should the buffer not
    /// hold it (it always does).
    fn place(&mut self, text: &str) -> Option<Range<usize>> {
        let range = self.at..self.at + text.len();
        self.at = range.end;
        (self.text.get(range.clone()) == Some(text)).then_some(range)
    }
}

/// The text of a run's plain values, event by event, field by field in [`Field::ALL`] order:
/// what the events keep in one buffer, what their records need only while they are checked in
/// another, freed with the records.
struct Texts {
    kept: Arena,
    passing: Arena,
}

impl Texts {
    /// The texts of the plain objects: what `keeping`'s events keep, and what `passing`'s
    /// records need while they are checked.
    fn new<'a>(
        keeping: &(impl Iterator<Item = &'a PlainObject<'a>> + Clone),
        passing: &(impl Iterator<Item = &'a PlainObject<'a>> + Clone),
    ) -> Self {
        fn each<'a>(
            objects: impl Iterator<Item = &'a PlainObject<'a>>,
            keep: bool,
        ) -> impl Iterator<Item = &'a str> {
            objects.flat_map(move |obj| {
                Field::ALL
                    .into_iter()
                    .filter(move |&field| kept(field) == keep)
                    .filter_map(|field| match obj.get(field)? {
                        Plain::Text(text) => Some(text),
                        Plain::Null => None,
                    })
            })
        }
        Self {
            kept: Arena::new(|| each(keeping.clone(), true)),
            passing: Arena::new(|| each(passing.clone(), false)),
        }
    }

    /// The text `field` gets from its plain value, as [`Reader::text_of`] reads it.
    fn of(&mut self, field: Field, value: Plain<'_>) -> Option<Text> {
        let arena = if kept(field) {
            &mut self.kept
        } else {
            &mut self.passing
        };
        match value {
            Plain::Text(text) => Some(arena.next(text)),
            Plain::Null => None,
        }
    }
}

/// How an event object is read.
enum Shape<'a> {
    /// Its values are all plain and say only what [`direct_cells`] reads: it becomes its
    /// event at once, as the general path would make it, without a record.
    Direct(PlainObject<'a>, [&'a str; READ.len()], PlainParts),
    /// Its values are all plain: its record is made of them.
    Plain(PlainObject<'a>),
    /// The general path reads it.
    General(&'a RawValue),
}

impl<'a> Shape<'a> {
    fn of_plain(obj: PlainObject<'a>) -> Self {
        match direct_cells(&obj) {
            Some((cells, parts)) => Shape::Direct(obj, cells, parts),
            None => Shape::Plain(obj),
        }
    }

    /// `raw` with its text, read by the fast path when `fast`.
    fn of(raw: &'a RawValue, fast: bool) -> Element<'a> {
        let shape = match plain_object(raw.get()).filter(|_| fast) {
            Some((obj, _)) => Shape::of_plain(obj),
            None => Shape::General(raw),
        };
        (raw.get(), shape)
    }

    /// The object, when its values are all plain.
    fn plain(&self) -> Option<&PlainObject<'a>> {
        match self {
            Shape::Direct(obj, ..) | Shape::Plain(obj) => Some(obj),
            Shape::General(_) => None,
        }
    }
}

/// An element of an events list: its text (a slice of the file's) and how it is read.
type Element<'a> = (&'a str, Shape<'a>);

/// The element of a list at `at` in `src` (valid JSON, or `None`) and where it ends: an object
/// of plain values read by the fast path, anything else read by serde.
fn element_at(src: &str, at: usize) -> Option<(Element<'_>, usize)> {
    let rest = src.get(at..)?;
    if let Some((obj, len)) = plain_object(rest) {
        return Some(((rest.get(..len)?, Shape::of_plain(obj)), at + len));
    }
    let mut end = at;
    let raw: &RawValue = value_at(src, &mut end)?;
    Some(((raw.get(), Shape::General(raw)), end))
}

/// The JSON value at `at` in `src` read by serde as `T` (checked as JSON whatever `T`), `at`
/// moved past it; `None` when serde cannot read it so.
pub(super) fn value_at<'s, T: serde::Deserialize<'s>>(src: &'s str, at: &mut usize) -> Option<T> {
    let mut values = serde_json::Deserializer::from_str(src.get(*at..)?).into_iter::<T>();
    let value = values.next()?.ok()?;
    *at += values.byte_offset();
    Some(value)
}

/// The trimmed values of [`READ`] of `obj` (an empty one for none) and what its dates and
/// importance say, when the general path would make its event without a problem and without
/// anything else: no other field has a value, no value is over the limit, the id and title
/// are there, the dates and importance are of the common shapes (a blank end is none).
fn direct_cells<'a>(obj: &PlainObject<'a>) -> Option<([&'a str; READ.len()], PlainParts)> {
    let others = Field::ALL.into_iter().filter(|field| !READ.contains(field));
    if others
        .into_iter()
        .any(|field| matches!(obj.get(field), Some(Plain::Text(_))))
    {
        return None;
    }
    let mut cells = [""; READ.len()];
    for (cell, field) in cells.iter_mut().zip(READ) {
        if let Some(Plain::Text(text)) = obj.get(field) {
            if text.len() > MAX_FIELD_BYTES {
                return None;
            }
            *cell = trim(text);
        }
    }
    let [id, title, ..] = cells;
    if id.is_empty() || title.is_empty() {
        return None;
    }
    Some((cells, plain_parts(&cells)?))
}

/// The line the object `text` begins on, the lines counted past its end (`obj` is what it
/// holds).
fn object_line(reader: &Reader<'_>, text: &str, obj: &PlainObject<'_>) -> usize {
    let lines = reader.lines();
    let line = lines.of_text(text);
    // The next object's line is counted from this one's end.
    lines.seen(
        lines.offset_of(text) + text.len(),
        line + obj.newlines as usize,
    );
    line
}

/// The event of `raw`, read as [`Shape::Direct`] (`obj`, its `cells` and `parts`), its text
/// from `texts`, after telling `checker` of its id.
fn direct_event(
    reader: &Reader<'_>,
    raw: &str,
    (obj, cells, parts): (&PlainObject<'_>, &[&str; READ.len()], PlainParts),
    texts: &mut Texts,
    checker: &mut Checker,
) -> Event {
    let line = object_line(reader, raw, obj);
    // The kept texts are taken from their buffer in order, the empty ones too.
    let mut own: [Option<Range<usize>>; READ.len()] = Default::default();
    for (slot, field) in own.iter_mut().zip(READ) {
        if let Some((Plain::Text(value), _)) = obj.values[field.index()].filter(|_| kept(field)) {
            *slot = texts.kept.place(value);
        }
    }
    let id_line = line + obj.values[Field::Id.index()].map_or(0, |(_, n)| n as usize);
    let buf = &texts.kept.text;
    event_of_parts(cells, parts, id_line, checker, Some(buf), |i, cell| {
        own[i].clone().and_then(|r| buf.get(r)).map_or(cell, trim)
    })
}

/// The record of `raw`, an event object whose values are all plain (`obj`), as the general path
/// reads it, its text from `texts`.
fn record(reader: &Reader<'_>, raw: &str, obj: &PlainObject<'_>, texts: &mut Texts) -> RawEvent {
    let mut rec = RawEvent {
        line: object_line(reader, raw, obj),
        ..RawEvent::default()
    };
    for field in Field::ALL {
        let Some((value, newlines)) = obj.values[field.index()] else {
            continue;
        };
        if let Some(slot) = rec.text_mut(field) {
            *slot = texts.of(field, value);
        }
        rec.field_lines[field] = rec.line + newlines as usize;
    }
    rec
}

/// Objects read at a time: their shapes (hundreds of bytes each) are held until their texts
/// are copied, and a few hundred kilobytes of them stay in the cache and reuse the same memory
/// (the 8192 of a chunk took 5 MiB of fresh memory each, 700 MB for a million events).
const BATCH: usize = 512;

/// How [`Run::read_list`] reads a part of an events list.
pub(super) struct Walk<'w> {
    /// It stops at the first element that begins here or after.
    pub until: usize,
    /// It gives up at the first record without id ([`Run::read`]).
    pub stop_without_id: bool,
    /// It stops when this is set (between batches of [`BATCH`]).
    pub cancel: &'w AtomicBool,
    /// It tells here how many bytes it has read.
    pub walked: &'w AtomicUsize,
    /// Its run's events are to have room for the events of this many bytes.
    pub reserve_for: usize,
}

/// Where [`Run::read_list`] stopped.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum ListEnd {
    /// At the element that begins here, at or after where it was to stop.
    Next(usize),
    /// At the end of the list, whose closing bracket ends here.
    Closed(usize),
    /// At something that is not JSON, or not the rest of a list.
    Invalid,
    /// At a record without id (when it was to stop there) or when cancelled.
    Stopped,
}

/// What reading a run of events gave.
#[derive(Default)]
pub(super) struct Run {
    checker: Checker,
    events: Vec<Event>,
    problems: Vec<Problem>,
    /// How many of `problems` are notes.
    notes: usize,
    not_objects: usize,
}

impl Run {
    pub(super) fn with_capacity(n: usize) -> Self {
        Self {
            checker: Checker::with_capacity(n),
            events: Vec::with_capacity(n),
            ..Self::default()
        }
    }

    /// Reads and checks `raws`, the fast path first when `fast`. `stop_without_id` gives up
    /// (returns false) at the first record with no id, whose name would depend on its place in
    /// the whole list.
    pub(super) fn read(
        &mut self,
        reader: &Reader<'_>,
        raws: &[&RawValue],
        fast: bool,
        stop_without_id: bool,
    ) -> bool {
        raws.chunks(BATCH).all(|batch| {
            let elements = batch.iter().map(|raw| Shape::of(raw, fast)).collect();
            self.read_batch(reader, elements, stop_without_id)
        })
    }

    /// Reads and checks the elements of an events list of the file `src` (that `reader`
    /// reads) from the element at `from` on, by the fast path first, until the list closes
    /// or an element begins at or after `walk.until`: where it stopped.
    pub(super) fn read_list(
        &mut self,
        reader: &Reader<'_>,
        src: &str,
        from: usize,
        walk: &Walk<'_>,
    ) -> ListEnd {
        let bytes = src.as_bytes();
        let mut at = from;
        loop {
            let mut batch = Vec::with_capacity(BATCH);
            let mut end = None;
            while end.is_none() && batch.len() < BATCH {
                if at >= walk.until {
                    end = Some(ListEnd::Next(at));
                    break;
                }
                let Some((element, after)) = element_at(src, at) else {
                    return ListEnd::Invalid;
                };
                batch.push(element);
                at = after;
                let mut newlines = 0;
                skip_space(bytes, &mut at, &mut newlines);
                match bytes.get(at) {
                    Some(b',') => {
                        at += 1;
                        skip_space(bytes, &mut at, &mut newlines);
                    }
                    Some(b']') => end = Some(ListEnd::Closed(at + 1)),
                    _ => return ListEnd::Invalid,
                }
            }
            if self.events.is_empty() && !batch.is_empty() {
                // Room for about as many events as the bytes to read hold, erring on more
                // (room never written to takes no memory).
                let per_event = (at - from) / batch.len();
                let expected = walk.reserve_for / per_event.max(32) + BATCH;
                self.events.reserve(expected);
                self.checker.reserve(expected);
            }
            if !self.read_batch(reader, batch, walk.stop_without_id) {
                return ListEnd::Stopped;
            }
            walk.walked.store(at - from, Ordering::Relaxed);
            if walk.cancel.load(Ordering::Relaxed) {
                return ListEnd::Stopped;
            }
            if let Some(end) = end {
                return end;
            }
        }
    }

    /// [`Run::read`] of at most [`BATCH`] elements, whose texts share their buffers.
    fn read_batch(
        &mut self,
        reader: &Reader<'_>,
        elements: Vec<Element<'_>>,
        stop_without_id: bool,
    ) -> bool {
        let passing = elements.iter().filter_map(|(_, shape)| match shape {
            Shape::Plain(obj) => Some(obj),
            _ => None,
        });
        let mut texts = Texts::new(&elements.iter().filter_map(|(_, s)| s.plain()), &passing);
        for (raw, shape) in elements {
            let since = self.problems.len();
            let record = match shape {
                Shape::Direct(obj, cells, parts) => {
                    let event = direct_event(
                        reader,
                        raw,
                        (&obj, &cells, parts),
                        &mut texts,
                        &mut self.checker,
                    );
                    self.events.push(event);
                    continue;
                }
                Shape::Plain(obj) => record(reader, raw, &obj, &mut texts),
                Shape::General(raw) => {
                    let Some(obj) = reader.object(raw, "an event", &mut self.problems) else {
                        self.not_objects += 1;
                        continue;
                    };
                    reader.record(raw, &obj, &mut self.problems)
                }
            };
            if stop_without_id && record.id.as_deref().is_none_or(|id| id.trim().is_empty()) {
                return false;
            }
            let event = self.checker.check_since(record, &mut self.problems, since);
            self.events.extend(event);
            self.notes += self.problems[since..]
                .iter()
                .filter(|p| p.kind == ProblemKind::Note)
                .count();
        }
        true
    }

    /// Whether the run `next`, read by a checker of its own, can be appended to this one: it
    /// then gives what reading on would give, unless its notes would reach the limit (each
    /// checker lists up to [`MAX_NOTES`]). (Records without id are not in such runs.)
    pub(super) fn can_take(&self, next: &Run) -> bool {
        next.notes == 0 || self.notes + next.notes < MAX_NOTES
    }

    pub(super) fn take(&mut self, next: Run) {
        self.checker.merge(next.checker);
        self.events.extend(next.events);
        self.problems.extend(next.problems);
        self.notes += next.notes;
        self.not_objects += next.not_objects;
    }
}

/// The events of `raws` (read by serde from a file that [`super::json_stream`] left to it) read
/// in one run, in order, the fast path first when `fast`. The list is consumed, so that its
/// memory is free again before the dataset is indexed.
pub(super) fn read_run(src: &str, raws: Vec<&RawValue>, fast: bool) -> Run {
    let reader = Reader::new(src);
    let mut run = Run::with_capacity(raws.len());
    run.read(&reader, &raws, fast, false);
    drop(raws);
    run
}

/// The events of a run that read without problems, and what was rejected; their problems are
/// appended to `problems`.
pub(super) fn finish(mut run: Run, problems: &mut Vec<Problem>) -> (Vec<Event>, Skipped) {
    problems.append(&mut run.problems);
    let mut events = run.events;
    let rejected = run.checker.finish(&events, problems);
    let dropped = rejected.drop_duplicates(&mut events);
    let skipped = Skipped {
        count: rejected.count() + run.not_objects,
        records: rejected.records,
        duplicates: dropped,
    };
    (events, skipped)
}
