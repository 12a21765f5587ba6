//! The events of a native JSON file, read fast: each event object is read in one pass into
//! its raw values ([`EventIn`]); an object whose values are all plain (text without escapes,
//! whole numbers, `null`) becomes its [`RawEvent`] at once, and any other object (a list of
//! sources, a value of another type, an escape, a key given twice…) is read by the general
//! path of [`super::json`], which says what is wrong with it. Both give the same records, so the
//! checker reports the same events and problems. Big lists are read on two threads, in chunks.

use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

use arcstr::ArcStr;

use crate::model::{Event, Text};

use super::field::Field;
use super::json::{Reader, Skipped};
use super::record::{Checker, MAX_NOTES, RawEvent};
use super::{Problem, ProblemKind};

/// One value of an event object, as written (`null` included, unlike `Option<&RawValue>`).
#[derive(Clone, Copy, Default)]
struct Slot<'a>(Option<&'a RawValue>);

impl<'de: 'a, 'a> Deserialize<'de> for Slot<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        <&'a RawValue>::deserialize(d).map(|raw| Slot(Some(raw)))
    }
}

/// The values of one event object, by key. Other keys are ignored, as the general path
/// ignores them; a key given twice is an error, which sends the object to the general path.
#[derive(Deserialize)]
struct EventIn<'a> {
    #[serde(borrow, default)]
    id: Slot<'a>,
    #[serde(borrow, default)]
    title: Slot<'a>,
    #[serde(borrow, default)]
    start: Slot<'a>,
    #[serde(borrow, default)]
    end: Slot<'a>,
    #[serde(borrow, default)]
    theme: Slot<'a>,
    #[serde(borrow, default)]
    importance: Slot<'a>,
    #[serde(borrow, default)]
    place: Slot<'a>,
    #[serde(borrow, default)]
    description: Slot<'a>,
    #[serde(borrow, default)]
    sources: Slot<'a>,
    #[serde(borrow, default)]
    tags: Slot<'a>,
    #[serde(borrow, default)]
    display_date: Slot<'a>,
    #[serde(borrow, default)]
    born: Slot<'a>,
    #[serde(borrow, default)]
    died: Slot<'a>,
    #[serde(borrow, default)]
    links: Slot<'a>,
    #[serde(borrow, default)]
    names: Slot<'a>,
    #[serde(borrow, default)]
    calendar: Slot<'a>,
}

impl<'a> EventIn<'a> {
    /// The value of `field`'s key.
    fn get(&self, field: Field) -> Option<&'a RawValue> {
        match field {
            Field::Id => self.id,
            Field::Title => self.title,
            Field::Start => self.start,
            Field::End => self.end,
            Field::Theme => self.theme,
            Field::Importance => self.importance,
            Field::Place => self.place,
            Field::Description => self.description,
            Field::Sources => self.sources,
            Field::Tags => self.tags,
            Field::DisplayDate => self.display_date,
            Field::Born => self.born,
            Field::Died => self.died,
            Field::Links => self.links,
            Field::Names => self.names,
            Field::Calendar => self.calendar,
        }
        .0
    }
}

/// A plain value of a text field.
#[derive(Clone, Copy)]
enum Plain<'a> {
    Text(&'a str),
    Null,
}

/// The text of a run's plain values, copied into one buffer that their records share (rather
/// than a string each), handed out in the order it was filled: event by event, field by field
/// in [`Field::ALL`] order.
struct Texts {
    arena: ArcStr,
    at: usize,
}

impl Texts {
    /// The texts of the plain `objects`.
    fn new<'a>(objects: &(impl Iterator<Item = &'a EventIn<'a>> + Clone)) -> Self {
        let each = || {
            objects.clone().flat_map(|obj| {
                Field::ALL
                    .into_iter()
                    .filter_map(|field| match plain(obj.get(field)?)? {
                        Plain::Text(text) => Some(text),
                        Plain::Null => None,
                    })
            })
        };
        let total = each().map(str::len).sum();
        if total == 0 {
            return Self {
                arena: ArcStr::new(),
                at: 0,
            };
        }
        let arena = ArcStr::init_with(total, |buf| {
            let mut at = 0;
            for text in each() {
                if let Some(slot) = buf.get_mut(at..at + text.len()) {
                    slot.copy_from_slice(text.as_bytes());
                }
                at += text.len();
            }
        })
        .unwrap_or_default();
        Self { arena, at: 0 }
    }

    /// The next text, which is `text`: the buffer's copy of it, or a copy of its own should the
    /// buffer not hold it (it always does).
    fn next(&mut self, text: &str) -> Text {
        let range = self.at..self.at + text.len();
        self.at = range.end;
        match self.arena.get(range.clone()) {
            Some(copy) if copy == text => self.arena.substr(range),
            _ => Text::from(text),
        }
    }

    /// The text a field gets from its plain value, as [`Reader::text_of`] reads it.
    fn of(&mut self, value: Plain<'_>) -> Option<Text> {
        match value {
            Plain::Text(text) => Some(self.next(text)),
            Plain::Null => None,
        }
    }
}

/// `raw` as a plain value; `None` for a value the general path must read (an escape, a number
/// that is not a plain whole number, another type).
fn plain(raw: &RawValue) -> Option<Plain<'_>> {
    let s = raw.get();
    let bytes = s.as_bytes();
    match bytes.first()? {
        // A valid JSON string without a backslash is its own text.
        b'"' => {
            let inner = s.get(1..s.len().checked_sub(1)?)?;
            memchr::memchr(b'\\', inner.as_bytes())
                .is_none()
                .then_some(Plain::Text(inner))
        }
        // Digits alone are a whole number written as `serde_json::Number` writes it (JSON has
        // no leading zeros); 19 digits always fit in a u64.
        b'0'..=b'9' => {
            (bytes.len() <= 19 && bytes.iter().all(u8::is_ascii_digit)).then_some(Plain::Text(s))
        }
        b'n' if s == "null" => Some(Plain::Null),
        _ => None,
    }
}

/// The values of an event object when they are all plain; `None` for an object the general path
/// is to read.
fn plain_object(raw: &RawValue) -> Option<EventIn<'_>> {
    // (A derived struct would take a list too, as its fields in order.)
    if !raw.get().starts_with('{') {
        return None;
    }
    let obj: EventIn<'_> = serde_json::from_str(raw.get()).ok()?;
    // Sources, tags, links and names are lists or objects: the general path's.
    let text = |field| {
        !matches!(
            field,
            Field::Sources | Field::Tags | Field::Links | Field::Names
        )
    };
    Field::ALL
        .iter()
        .all(|&field| {
            obj.get(field)
                .is_none_or(|value| text(field) && plain(value).is_some())
        })
        .then_some(obj)
}

/// The record of `raw`, an event object whose values are all plain (`obj`), as the general path
/// reads it, its text from `texts`.
fn record(reader: &Reader<'_>, raw: &RawValue, obj: &EventIn<'_>, texts: &mut Texts) -> RawEvent {
    let mut rec = RawEvent {
        line: reader.line(raw),
        ..RawEvent::default()
    };
    let lines = reader.lines();
    // Each value's place in the text and its field, to be put in the text's order.
    let mut values = [(0, 0, Field::Id); Field::COUNT];
    let mut n = 0;
    for field in Field::ALL {
        let Some(value) = obj.get(field) else {
            continue;
        };
        if let (Some(slot), Some(value)) = (rec.text_mut(field), plain(value)) {
            *slot = texts.of(value);
        }
        let start = lines.offset(value);
        values[n] = (start, start + value.get().len(), field);
        n += 1;
    }
    let values = &mut values[..n];
    values.sort_unstable_by_key(|&(start, _, _)| start);
    // Newlines are counted between the values only: a plain value holds none (JSON text has
    // no raw control character).
    let (mut at, mut line) = (lines.offset(raw), rec.line);
    for &mut (start, end, field) in values {
        line += lines.newlines(at, start);
        rec.field_lines[field] = line;
        at = end;
    }
    lines.seen(at, line);
    rec
}

/// What reading a run of events gave.
#[derive(Default)]
struct Run {
    checker: Checker,
    events: Vec<Event>,
    problems: Vec<Problem>,
    /// How many of `problems` are notes.
    notes: usize,
    not_objects: usize,
}

impl Run {
    fn with_capacity(n: usize) -> Self {
        Self {
            checker: Checker::with_capacity(n),
            events: Vec::with_capacity(n),
            ..Self::default()
        }
    }

    /// Reads and checks `raws`, the fast path first when `fast`. `stop_without_id` gives up
    /// (returns false) at the first record with no id, whose name would depend on its place in
    /// the whole list.
    fn read(
        &mut self,
        reader: &Reader<'_>,
        raws: &[&RawValue],
        fast: bool,
        stop_without_id: bool,
    ) -> bool {
        let plain: Vec<Option<EventIn<'_>>> = raws
            .iter()
            .map(|raw| if fast { plain_object(raw) } else { None })
            .collect();
        let mut texts = Texts::new(&plain.iter().flatten());
        for (&raw, obj) in raws.iter().zip(&plain) {
            let since = self.problems.len();
            let record = if let Some(obj) = obj {
                record(reader, raw, obj, &mut texts)
            } else {
                let Some(obj) = reader.object(raw, "an event", &mut self.problems) else {
                    self.not_objects += 1;
                    continue;
                };
                reader.record(raw, &obj, &mut self.problems)
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
    fn can_take(&self, next: &Run) -> bool {
        next.notes == 0 || self.notes + next.notes < MAX_NOTES
    }

    fn take(&mut self, next: Run) {
        self.checker.merge(next.checker);
        self.events.extend(next.events);
        self.problems.extend(next.problems);
        self.notes += next.notes;
        self.not_objects += next.not_objects;
    }
}

/// Lists longer than this are read in chunks of this many events, every other chunk by a
/// second thread.
const CHUNK: usize = 8192;

/// The events that read without problems, and what was rejected; their problems are appended
/// to `problems`. The list is consumed, so that its memory is free again before the dataset is
/// indexed. `fast` takes the fast path where it can; without it, every object is read by the
/// general path, in order (which the tests compare the fast path with).
pub(super) fn events(
    src: &str,
    raws: Vec<&RawValue>,
    fast: bool,
    problems: &mut Vec<Problem>,
) -> (Vec<Event>, Skipped) {
    let reader = Reader::new(src);
    let mut run = Run::with_capacity(raws.len());
    if fast && raws.len() > CHUNK {
        read_two_at_once(src, &reader, &raws, &mut run);
    } else {
        run.read(&reader, &raws, fast, false);
    }
    drop(raws);
    problems.append(&mut run.problems);
    let mut events = run.events;
    let rejected = run.checker.finish(problems);
    let dropped = rejected.drop_duplicates(&mut events);
    let skipped = Skipped {
        count: rejected.count() + run.not_objects,
        records: rejected.records,
        duplicates: dropped,
    };
    (events, skipped)
}

/// Reads `raws` into `run` in chunks, the even ones on this thread and the odd ones on
/// another, each of those with a checker of its own; they are appended in order, and a chunk
/// the other thread could not read as this one would (a record without id, notes reaching the
/// limit) is read again here. Reading on runs at most two chunks ahead of what is appended, so
/// that memory holds no second copy of the events.
fn read_two_at_once(src: &str, reader: &Reader<'_>, raws: &[&RawValue], run: &mut Run) {
    let chunks: Vec<&[&RawValue]> = raws.chunks(CHUNK).collect();
    let other = std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel::<Option<Run>>(1);
        let odd = &chunks;
        let other = scope.spawn(move || {
            let reader = Reader::new(src);
            for chunk in odd.iter().skip(1).step_by(2) {
                let mut next = Run::with_capacity(chunk.len());
                let done = next.read(&reader, chunk, true, true);
                // (Stops when this thread no longer listens.)
                if send.send(done.then_some(next)).is_err() {
                    break;
                }
            }
        });
        for (i, chunk) in chunks.iter().enumerate() {
            if i % 2 == 1
                && let Ok(Some(next)) = receive.recv()
                && run.can_take(&next)
            {
                run.take(next);
            } else {
                run.read(reader, chunk, true, false);
            }
        }
        drop(receive);
        other.join()
    });
    // A panic of the other thread is passed on, as one of this thread would be.
    if let Err(panic) = other {
        std::panic::resume_unwind(panic);
    }
}
