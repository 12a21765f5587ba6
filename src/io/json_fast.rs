//! The events of a native JSON file, read fast: each event object is read in one pass over its
//! bytes ([`plain_object`]); an object whose values are all plain (text without escapes, whole
//! numbers, `null`) and say only what most events say (an id, a title, plain dates…) becomes
//! its event at once, as the CSV fast path makes it; another object whose values are all plain
//! becomes its [`RawEvent`] at once; any other object (a list of sources, a value of another
//! type, an escape, a key given twice…) is read by the general path of [`super::json`], which
//! says what is wrong with it. All give what the general path gives, so the checker reports the
//! same events and problems. [`Run`] reads a list of them (or a chunk of one:
//! [`super::json_stream`] reads big lists in chunks on two threads).

use serde_json::value::RawValue;

use arcstr::ArcStr;

use crate::model::shared_text::joined;
use crate::model::{Event, Text};

use super::csv_fast::{PlainParts, READ, event_of_parts, plain_parts};
use super::field::Field;
use super::json::{Reader, Skipped};
use super::record::{Checker, MAX_FIELD_BYTES, MAX_NOTES, RawEvent};
use super::{Problem, ProblemKind};

/// An event object whose values are all plain, read by [`plain_object`].
struct PlainObject<'a> {
    /// Each field's value, and the newlines between the object's start and it.
    values: [Option<(Plain<'a>, u32)>; Field::COUNT],
    /// The newlines in the whole object.
    newlines: u32,
}

impl<'a> PlainObject<'a> {
    /// The value of `field`'s key.
    fn get(&self, field: Field) -> Option<Plain<'a>> {
        self.values[field.index()].map(|(value, _)| value)
    }
}

/// A plain value of a text field.
#[derive(Clone, Copy)]
enum Plain<'a> {
    Text(&'a str),
    Null,
}

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
        let range = self.at..self.at + text.len();
        self.at = range.end;
        match self.text.get(range.clone()) {
            Some(copy) if copy == text => self.text.substr(range),
            _ => Text::from(text),
        }
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

/// Bytes of JSON whitespace from `at` on, and the newlines among them.
fn skip_space(bytes: &[u8], at: &mut usize, newlines: &mut u32) {
    while let Some(&c) = bytes.get(*at) {
        match c {
            b'\n' => *newlines += 1,
            b' ' | b'\t' | b'\r' => {}
            _ => return,
        }
        *at += 1;
    }
}

/// The text of the string at `at` (past its closing quote after), when it has no escape.
fn plain_string<'a>(s: &'a str, at: &mut usize) -> Option<&'a str> {
    let bytes = s.as_bytes();
    if bytes.get(*at) != Some(&b'"') {
        return None;
    }
    let start = *at + 1;
    let end = start + memchr::memchr2(b'"', b'\\', bytes.get(start..)?)?;
    // A backslash before the closing quote: an escape, which the general path reads.
    if bytes.get(end) != Some(&b'"') {
        return None;
    }
    *at = end + 1;
    s.get(start..end)
}

/// The plain value at `at` (see [`plain_object`]), `at` moved past it; `None` for a value the
/// general path must read.
fn plain_value<'a>(s: &'a str, at: &mut usize) -> Option<Plain<'a>> {
    let bytes = s.as_bytes();
    match bytes.get(*at)? {
        b'"' => plain_string(s, at).map(Plain::Text),
        // Digits alone are a whole number written as `serde_json::Number` writes it (JSON has
        // no leading zeros); 19 digits always fit in a u64. A fraction or an exponent is not.
        b'0'..=b'9' => {
            let start = *at;
            let digits = bytes[start..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            *at = start + digits;
            let plain = digits <= 19 && !matches!(bytes.get(*at), Some(b'.' | b'e' | b'E'));
            plain.then(|| s.get(start..*at)).flatten().map(Plain::Text)
        }
        b'n' if s.get(*at..*at + 4) == Some("null") => {
            *at += 4;
            Some(Plain::Null)
        }
        _ => None,
    }
}

/// `raw` read in one pass as an event object whose values are all plain: each key a field's
/// name without escapes and given once, its value text without escapes, a whole number or
/// `null`; no sources, tags, links or names (lists and objects); other keys ignored when their
/// values are plain too. `None` for anything else, which the general path is to read. (`raw`
/// is valid JSON: the file was read as such.)
fn plain_object(raw: &RawValue) -> Option<PlainObject<'_>> {
    let s = raw.get();
    let bytes = s.as_bytes();
    if bytes.first() != Some(&b'{') {
        return None;
    }
    let mut obj = PlainObject {
        values: [None; Field::COUNT],
        newlines: 0,
    };
    let (mut at, mut newlines) = (1, 0);
    skip_space(bytes, &mut at, &mut newlines);
    if bytes.get(at) != Some(&b'}') {
        loop {
            let key = plain_string(s, &mut at)?;
            skip_space(bytes, &mut at, &mut newlines);
            if bytes.get(at) != Some(&b':') {
                return None;
            }
            at += 1;
            skip_space(bytes, &mut at, &mut newlines);
            let value = (plain_value(s, &mut at)?, newlines);
            if let Some(field) = Field::from_name(key) {
                let slot = &mut obj.values[field.index()];
                // Lists and objects are the general path's; so is a key given twice.
                if matches!(
                    field,
                    Field::Sources | Field::Tags | Field::Links | Field::Names
                ) || slot.is_some()
                {
                    return None;
                }
                *slot = Some(value);
            }
            skip_space(bytes, &mut at, &mut newlines);
            match bytes.get(at)? {
                b',' => {
                    at += 1;
                    skip_space(bytes, &mut at, &mut newlines);
                }
                b'}' => break,
                _ => return None,
            }
        }
    }
    obj.newlines = newlines;
    Some(obj)
}

/// How an event object is read.
enum Shape<'a> {
    /// Its values are all plain and say only what [`direct_cells`] reads: it becomes its
    /// event at once, as the general path would make it, without a record.
    Direct(PlainObject<'a>, [&'a str; READ.len()], PlainParts),
    /// Its values are all plain: its record is made of them.
    Plain(PlainObject<'a>),
    /// The general path reads it.
    General,
}

impl<'a> Shape<'a> {
    fn of(raw: &'a RawValue, fast: bool) -> Self {
        let Some(obj) = plain_object(raw).filter(|_| fast) else {
            return Shape::General;
        };
        match direct_cells(&obj) {
            Some((cells, parts)) => Shape::Direct(obj, cells, parts),
            None => Shape::Plain(obj),
        }
    }

    /// The object, when its values are all plain.
    fn plain(&self) -> Option<&PlainObject<'a>> {
        match self {
            Shape::Direct(obj, ..) | Shape::Plain(obj) => Some(obj),
            Shape::General => None,
        }
    }
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
            *cell = text.trim();
        }
    }
    let [id, title, ..] = cells;
    if id.is_empty() || title.is_empty() {
        return None;
    }
    Some((cells, plain_parts(&cells)?))
}

/// The line `raw` begins on, the lines counted past its end (`obj` is what it holds).
fn object_line(reader: &Reader<'_>, raw: &RawValue, obj: &PlainObject<'_>) -> usize {
    let line = reader.line(raw);
    // The next object's line is counted from this one's end.
    let lines = reader.lines();
    lines.seen(
        lines.offset(raw) + raw.get().len(),
        line + obj.newlines as usize,
    );
    line
}

/// The event of `raw`, read as [`Shape::Direct`] (`obj`, its `cells` and `parts`), its text
/// from `texts`, after telling `checker` of its id.
fn direct_event(
    reader: &Reader<'_>,
    raw: &RawValue,
    (obj, cells, parts): (&PlainObject<'_>, &[&str; READ.len()], PlainParts),
    texts: &mut Texts,
    checker: &mut Checker,
) -> Event {
    let line = object_line(reader, raw, obj);
    // The kept texts are taken from their buffer in order, the empty ones too.
    let mut own: [Option<Text>; READ.len()] = Default::default();
    for (slot, field) in own.iter_mut().zip(READ) {
        if let Some((value, _)) = obj.values[field.index()].filter(|_| kept(field)) {
            *slot = texts.of(field, value);
        }
    }
    let id_line = line + obj.values[Field::Id.index()].map_or(0, |(_, n)| n as usize);
    event_of_parts(cells, parts, id_line, checker, |i, cell| {
        own[i]
            .take()
            .map_or_else(|| Text::from(cell), |text| text.substr_using(str::trim))
    })
}

/// The record of `raw`, an event object whose values are all plain (`obj`), as the general path
/// reads it, its text from `texts`.
fn record(
    reader: &Reader<'_>,
    raw: &RawValue,
    obj: &PlainObject<'_>,
    texts: &mut Texts,
) -> RawEvent {
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
        raws.chunks(BATCH)
            .all(|batch| self.read_batch(reader, batch, fast, stop_without_id))
    }

    /// [`Run::read`] of at most [`BATCH`] objects, whose texts share their buffers.
    fn read_batch(
        &mut self,
        reader: &Reader<'_>,
        raws: &[&RawValue],
        fast: bool,
        stop_without_id: bool,
    ) -> bool {
        let shapes: Vec<Shape<'_>> = raws.iter().map(|raw| Shape::of(raw, fast)).collect();
        let passing = shapes.iter().filter_map(|shape| match shape {
            Shape::Plain(obj) => Some(obj),
            _ => None,
        });
        let mut texts = Texts::new(&shapes.iter().filter_map(Shape::plain), &passing);
        for (&raw, shape) in raws.iter().zip(shapes) {
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
                Shape::General => {
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

/// The events of `raws` read in one run, in order, the fast path first when `fast` (a list
/// read while serde reads the file is read in chunks instead: [`super::json_stream`]). The
/// list is consumed, so that its memory is free again before the dataset is indexed.
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
