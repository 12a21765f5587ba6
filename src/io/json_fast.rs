//! The events of a native JSON file, read fast: each event object is read in one pass into
//! its raw values ([`EventIn`]); an object whose values are all plain (text without escapes,
//! whole numbers, `null`) becomes its [`RawEvent`] at once, and any other object (a list of
//! sources, a value of another type, an escape, a key given twice…) is read by the general
//! path of [`super::json`], which says what is wrong with it. Both give the same records, so the
//! checker reports the same events and problems. Big lists are read in two halves at once.

use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

use crate::model::Event;

use super::Problem;
use super::field::Field;
use super::json::{Reader, Skipped};
use super::record::{Checker, MAX_NOTES, RawEvent};

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

/// The text a plain value gives a text field, as [`Reader::text_of`] reads it: `Some(None)`
/// for `null`, `None` for a value the general path must read (an escape, a number that is not
/// a plain whole number, another type).
fn plain_text(raw: &RawValue) -> Option<Option<String>> {
    let s = raw.get();
    let bytes = s.as_bytes();
    match bytes.first()? {
        // A valid JSON string without a backslash is its own text.
        b'"' => {
            let inner = s.get(1..s.len().checked_sub(1)?)?;
            memchr::memchr(b'\\', inner.as_bytes())
                .is_none()
                .then(|| Some(inner.to_owned()))
        }
        // Digits alone are a whole number written as `serde_json::Number` writes it (JSON has
        // no leading zeros); 19 digits always fit in a u64.
        b'0'..=b'9' => {
            (bytes.len() <= 19 && bytes.iter().all(u8::is_ascii_digit)).then(|| Some(s.to_owned()))
        }
        b'n' if s == "null" => Some(None),
        _ => None,
    }
}

/// The record of an event object whose values are all plain, as the general path reads it;
/// `None` for any other value, which the general path is to read.
fn record(reader: &Reader<'_>, raw: &RawValue) -> Option<RawEvent> {
    // (A derived struct would take a list too, as its fields in order.)
    if !raw.get().starts_with('{') {
        return None;
    }
    let obj: EventIn<'_> = serde_json::from_str(raw.get()).ok()?;
    let mut rec = RawEvent {
        line: reader.line(raw),
        ..RawEvent::default()
    };
    for field in Field::ALL {
        let Some(value) = obj.get(field) else {
            continue;
        };
        *rec.text_mut(field)? = plain_text(value)?;
        rec.field_lines[field] = reader.line(value);
    }
    Some(rec)
}

/// What one run of events gave.
#[derive(Default)]
struct Run {
    checker: Checker,
    events: Vec<Event>,
    problems: Vec<Problem>,
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
        for &raw in raws {
            let since = self.problems.len();
            let fast_record = if fast { record(reader, raw) } else { None };
            let record = match fast_record {
                Some(r) => r,
                None => {
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
        }
        true
    }

    fn notes(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.kind == super::ProblemKind::Note)
            .count()
    }
}

/// Lists shorter than this are read on one thread.
const HALVES_FROM: usize = 20_000;

/// The events that read without problems, and what was rejected; their problems are appended
/// to `problems`. The list is consumed, so that its memory is free again before the dataset is
/// indexed. `fast` takes the fast path where it can; without it, every object is read by the
/// general path (which the tests compare it with).
pub(super) fn events(
    src: &str,
    raws: Vec<&RawValue>,
    fast: bool,
    problems: &mut Vec<Problem>,
) -> (Vec<Event>, Skipped) {
    let reader = Reader::new(src);
    let mut run = Run::with_capacity(raws.len());
    if fast && raws.len() >= HALVES_FROM {
        let (first, second) = raws.split_at(raws.len() / 2);
        let (done, other) = std::thread::scope(|scope| {
            let other = scope.spawn(|| {
                let mut other = Run::with_capacity(second.len());
                let done = other.read(&Reader::new(src), second, true, true);
                done.then_some(other)
            });
            let done = run.read(&reader, first, true, false);
            (done, other.join())
        });
        // A panic of the other thread is passed on, as one of this thread would be.
        let other = other.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        debug_assert!(done);
        // The halves give what one run gives unless a record of the second has no id (it is
        // named after its place) or the notes reach the limit (which each half counts alone):
        // then the second half is read again after the first.
        match other {
            Some(other) if run.notes() + other.notes() < MAX_NOTES => {
                run.checker.merge(other.checker);
                run.events.extend(other.events);
                run.problems.extend(other.problems);
                run.not_objects += other.not_objects;
            }
            _ => {
                run.read(&reader, second, true, false);
            }
        }
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
