//! A native JSON file's events read while serde is still reading the file. serde reads the
//! file on the calling thread (checking that it is JSON and finding each event's text), and
//! hands the events list on in chunks of [`CHUNK`] as it goes to two threads, which read them
//! ([`Run::read`]): the even chunks on one, the odd ones on the other with a checker of its own,
//! appended to the first's in order (a chunk the second could not read as the first would — a
//! record without id, notes reaching the limit — is read again by the first). So the file's
//! one pass of serde, which no second core can share, no longer comes before all the rest.
//!
//! Anything else than what [`FileIn`] reads is left to [`super::json`], which reads the file
//! again in one pass and says what is wrong: this gives what that gives, or nothing.

use std::fmt;
use std::sync::Arc;
use std::sync::mpsc;

use serde::de::Visitor;
use serde::de::{DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, SeqAccess};
use serde_json::value::RawValue;

use super::json::{FileIn, Reader};
use super::json_fast::Run;

/// Events lists are read in chunks of this many events, every other chunk by a second thread.
const CHUNK: usize = 8192;

/// A chunk of the events list, shared by the thread that reads it and the one that appends it.
type Chunk<'s> = Arc<[&'s RawValue]>;

/// What [`read`] gives.
pub(super) enum Streamed<'s> {
    /// The file as [`FileIn`] reads it (without its events) and its events list read, when it
    /// has one.
    Read(Box<(FileIn<'s>, Option<Run>)>),
    /// serde found something [`FileIn`] would read another way or refuse (the caller then
    /// reads the file that way).
    Other,
    /// `progress` asked to stop.
    Cancelled,
}

/// The native JSON file `src` read ([`Streamed`]), telling `progress` the fraction of the file
/// read as each chunk of events is handed on; it stops when `progress` answers false.
pub(super) fn read<'s>(src: &'s str, progress: &dyn Fn(f64) -> bool) -> Streamed<'s> {
    let cancelled = std::cell::Cell::new(false);
    std::thread::scope(|scope| {
        let (to_first, chunks) = mpsc::channel::<Chunk<'_>>();
        let (to_second, odd_chunks) = mpsc::channel::<Chunk<'_>>();
        let (send_odd, odd_runs) = mpsc::sync_channel::<Option<Run>>(1);
        let second = scope.spawn(move || {
            let reader = Reader::new(src);
            for chunk in odd_chunks {
                let mut run = Run::with_capacity(chunk.len());
                let done = run.read(&reader, &chunk, true, true);
                // (Stops when the first thread no longer listens.)
                if send_odd.send(done.then_some(run)).is_err() {
                    break;
                }
            }
        });
        let first = scope.spawn(move || {
            let reader = Reader::new(src);
            let mut run: Option<Run> = None;
            for (i, chunk) in chunks.into_iter().enumerate() {
                let run =
                    run.get_or_insert_with(|| Run::with_capacity(expected_events(src, &chunk)));
                if i % 2 == 1
                    && let Ok(Some(next)) = odd_runs.recv()
                    && run.can_take(&next)
                {
                    run.take(next);
                } else {
                    run.read(&reader, &chunk, true, false);
                }
            }
            run
        });
        let file = {
            let mut handed = 0_usize;
            let mut hand_on = |chunk: Vec<&'s RawValue>| {
                // Where serde is in the file: the end of the chunk's last object.
                let at = chunk.last().map_or(0, |raw| {
                    (raw.get().as_ptr() as usize + raw.get().len())
                        .saturating_sub(src.as_ptr() as usize)
                });
                if !progress(at as f64 / src.len().max(1) as f64) {
                    cancelled.set(true);
                    return false;
                }
                let chunk: Chunk<'s> = chunk.into();
                // (A thread that stopped has panicked: that is passed on below.)
                if handed % 2 == 1 {
                    let _ = to_second.send(Arc::clone(&chunk));
                }
                let _ = to_first.send(chunk);
                handed += 1;
                true
            };
            let mut de = serde_json::Deserializer::from_str(src);
            FileSeed {
                hand_on: &mut hand_on,
            }
            .deserialize(&mut de)
            .and_then(|file| de.end().map(|()| file))
        };
        // The list is all handed on: the threads finish what they have.
        drop((to_first, to_second));
        let run = join(first);
        join(second);
        match file {
            _ if cancelled.get() => Streamed::Cancelled,
            Ok((file, listed)) => {
                Streamed::Read(Box::new((file, listed.then(|| run.unwrap_or_default()))))
            }
            Err(_) => Streamed::Other,
        }
    })
}

/// What a scoped thread gave; a panic of it is passed on, as one of this thread would be.
fn join<T>(thread: std::thread::ScopedJoinHandle<'_, T>) -> T {
    thread
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// About how many events a list whose first chunk is `chunk` holds, from the bytes its objects
/// take in the file, erring on more (room never written to takes no memory).
fn expected_events(src: &str, chunk: &[&RawValue]) -> usize {
    let (Some(first), Some(last)) = (chunk.first(), chunk.last()) else {
        return 0;
    };
    if chunk.len() < CHUNK {
        // The whole list.
        return chunk.len();
    }
    let lines = super::json::Lines::new(src);
    let span = lines.offset(last) + last.get().len() - lines.offset(first);
    let rest = src.len().saturating_sub(lines.offset(first));
    // (No object of an event takes under 32 bytes.)
    rest / (span / chunk.len()).max(32) + CHUNK
}

/// The top-level keys of [`FileIn`], read as its derived reading reads them.
#[derive(serde::Deserialize, Clone, Copy, PartialEq)]
#[serde(field_identifier, rename_all = "lowercase")]
enum Key {
    Title,
    Description,
    Sources,
    Themes,
    Eras,
    Events,
    #[serde(other)]
    Other,
}

const KEYS: [&str; 6] = [
    "title",
    "description",
    "sources",
    "themes",
    "eras",
    "events",
];

/// Reads [`FileIn`], its events list handed on in chunks as it is read (`hand_on`): the file
/// and whether it lists events (`"events": null` does not). `hand_on` answers false to stop.
struct FileSeed<'h, 'de> {
    hand_on: &'h mut dyn FnMut(Vec<&'de RawValue>) -> bool,
}

impl<'de> DeserializeSeed<'de> for FileSeed<'_, 'de> {
    type Value = (FileIn<'de>, bool);

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_struct("FileIn", &KEYS, self)
    }
}

impl<'de> Visitor<'de> for FileSeed<'_, 'de> {
    type Value = (FileIn<'de>, bool);

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a Chronolane dataset")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut file = FileIn::default();
        let mut seen = [false; KEYS.len()];
        let mut listed = false;
        while let Some(key) = map.next_key::<Key>()? {
            if key != Key::Other {
                let i = key as usize;
                if std::mem::replace(&mut seen[i], true) {
                    return Err(A::Error::duplicate_field(KEYS[i]));
                }
            }
            match key {
                Key::Title => file.title = map.next_value()?,
                Key::Description => file.description = map.next_value()?,
                Key::Sources => file.sources = map.next_value()?,
                Key::Themes => file.themes = map.next_value()?,
                Key::Eras => file.eras = map.next_value()?,
                Key::Events => {
                    listed = map.next_value_seed(EventsSeed {
                        hand_on: &mut *self.hand_on,
                    })?;
                }
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok((file, listed))
    }
}

/// Reads the events list (or `null`), handing it on in chunks: whether it is a list.
struct EventsSeed<'h, 'de> {
    hand_on: &'h mut dyn FnMut(Vec<&'de RawValue>) -> bool,
}

impl<'de> DeserializeSeed<'de> for EventsSeed<'_, 'de> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for EventsSeed<'_, 'de> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of events")
    }

    fn visit_none<E>(self) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_seq(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        let mut chunk = Vec::with_capacity(CHUNK);
        while let Some(raw) = seq.next_element::<&'de RawValue>()? {
            chunk.push(raw);
            if chunk.len() == CHUNK
                && !(self.hand_on)(std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK)))
            {
                return Err(A::Error::custom("stopped"));
            }
        }
        if !chunk.is_empty() && !(self.hand_on)(chunk) {
            return Err(A::Error::custom("stopped"));
        }
        Ok(true)
    }
}
