//! A native JSON file read without one pass of serde over its events, which no second core
//! could share. The top level is read key by key (serde reads each value but the events
//! list); the events list is cut into parts read at once on every core ([`Run::read_list`]:
//! each object of plain values is checked as JSON and read in the same pass, anything else is
//! read by serde). One thread reads from the list's start on, part after part; the others take
//! parts from the end, each begun at a guess, the first likely event object after a byte offset
//! ([`part_starts`]). Such a part is kept only when the reading before it, from a known
//! element, ended exactly where it begins, and when it read as one run would (no record without
//! id, notes below the limit: [`Run::can_take`]); otherwise that stretch is read again after
//! the part before. So the events, their order and their problems are those of one reading.
//!
//! Anything else than what [`FileIn`] reads the usual way (a key written with an escape, a key
//! given twice, what is not JSON) is left to [`super::json`], which reads the file again with
//! serde in one pass and says what is wrong: this gives what that gives, or nothing.

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, mpsc};
use std::time::Duration;

use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::value::RawValue;

use super::json::{FileIn, Reader};
use super::json_fast::{self, ListEnd, Run, Walk};
use super::json_plain::{begins_event, plain_string, skip_space};

/// A part of an events list is at least this many bytes.
const MIN_PART: usize = 1 << 16;

/// Parts of a list for each thread: when one core is busy with something else, the others
/// read more parts.
const PARTS_PER_THREAD: usize = 4;

/// What [`read`] gives.
pub(super) enum Streamed<'s> {
    /// The file as [`FileIn`] reads it (without its events) and its events list read, when it
    /// has one.
    Read(Box<(FileIn<'s>, Option<Run>)>),
    /// Something [`FileIn`] would read another way or refuse (the caller then reads the file
    /// that way).
    Other,
    /// `progress` asked to stop.
    Cancelled,
}

/// The native JSON file `src` read ([`Streamed`]), telling `progress` the fraction of the file
/// read now and then; it stops when `progress` answers false.
pub(super) fn read<'s>(src: &'s str, progress: &dyn Fn(f64) -> bool) -> Streamed<'s> {
    match top_level(src, progress) {
        Ok(read) => Streamed::Read(Box::new(read)),
        Err(stop) => stop,
    }
}

/// The top-level keys of [`FileIn`].
const KEYS: [&str; 6] = [
    "title",
    "description",
    "sources",
    "themes",
    "eras",
    "events",
];

/// [`read`]: the file's top level, its events list read in parts; `Err` holds
/// [`Streamed::Other`] or [`Streamed::Cancelled`].
fn top_level<'s>(
    src: &'s str,
    progress: &dyn Fn(f64) -> bool,
) -> Result<(FileIn<'s>, Option<Run>), Streamed<'s>> {
    let bytes = src.as_bytes();
    let space = |at: &mut usize| skip_space(bytes, at, &mut 0);
    let expect = |at: &mut usize, byte: u8| {
        space(at);
        if bytes.get(*at) == Some(&byte) {
            *at += 1;
            Ok(())
        } else {
            Err(Streamed::Other)
        }
    };
    let mut at = 0;
    expect(&mut at, b'{')?;
    let mut file = FileIn::default();
    let mut seen = [false; KEYS.len()];
    let mut run = None;
    space(&mut at);
    if bytes.get(at) == Some(&b'}') {
        at += 1;
    } else {
        loop {
            // (A key with an escape is read by serde: it may be one of ours.)
            let key = plain_string(src, &mut at).ok_or(Streamed::Other)?;
            expect(&mut at, b':')?;
            space(&mut at);
            if let Some(i) = KEYS.iter().position(|k| *k == key)
                && std::mem::replace(&mut seen[i], true)
            {
                return Err(Streamed::Other);
            }
            match key {
                "title" => file.title = value_at(src, &mut at)?,
                "description" => file.description = value_at(src, &mut at)?,
                "sources" => file.sources = value_at(src, &mut at)?,
                "themes" => file.themes = value_at(src, &mut at)?,
                "eras" => file.eras = value_at(src, &mut at)?,
                "events" if bytes.get(at) == Some(&b'[') => {
                    let (events, end) = list(src, at + 1, progress)?;
                    run = Some(events);
                    at = end;
                }
                // (`null`, or a value that is no list: serde refuses it.)
                "events" => drop(value_at::<Option<Vec<&RawValue>>>(src, &mut at)?),
                _ => drop(value_at::<IgnoredAny>(src, &mut at)?),
            }
            space(&mut at);
            match bytes.get(at) {
                Some(b',') => {
                    at += 1;
                    space(&mut at);
                }
                Some(b'}') => {
                    at += 1;
                    break;
                }
                _ => return Err(Streamed::Other),
            }
        }
    }
    space(&mut at);
    if at != bytes.len() {
        return Err(Streamed::Other);
    }
    Ok((file, run))
}

/// [`json_fast::value_at`], anything serde cannot read leaving the file to serde whole.
fn value_at<'s, T: Deserialize<'s>>(src: &'s str, at: &mut usize) -> Result<T, Streamed<'s>> {
    json_fast::value_at(src, at).ok_or(Streamed::Other)
}

/// The events list whose first byte after its `[` is at `from`, read in parts on every core:
/// its run and where it ends.
fn list<'s>(
    src: &'s str,
    mut from: usize,
    progress: &dyn Fn(f64) -> bool,
) -> Result<(Run, usize), Streamed<'s>> {
    let bytes = src.as_bytes();
    skip_space(bytes, &mut from, &mut 0);
    if bytes.get(from) == Some(&b']') {
        return Ok((Run::default(), from + 1));
    }
    let threads = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
    let threads = threads.min(8);
    let starts = part_starts(src, from, threads * PARTS_PER_THREAD);
    let cancel = AtomicBool::new(false);
    let walked: Vec<AtomicUsize> = starts.iter().map(|_| AtomicUsize::new(0)).collect();
    // The fraction of the file the threads have read so far.
    let read_so_far = || {
        let read: usize = walked.iter().map(|w| w.load(Ordering::Relaxed)).sum();
        (from + read) as f64 / src.len() as f64
    };
    // The parts no thread has taken yet: the first thread reads on from the first part into
    // the next ones, one run; the others take parts from the end, a run each, which the first
    // run then takes in (so that fewer events are copied).
    let unread = Mutex::new(Unread {
        parts: 1..starts.len(),
        from_end: true,
    });
    let parts = std::thread::scope(|scope| {
        let (done, finished) = mpsc::channel::<()>();
        let workers: Vec<_> = (0..threads.min(starts.len()))
            .map(|thread| {
                let done = done.clone();
                let (starts, cancel, walked, unread) = (&starts, &cancel, &walked, &unread);
                let part = Part {
                    src,
                    starts,
                    cancel,
                    walked,
                };
                scope.spawn(move || {
                    let read = if thread == 0 {
                        vec![part.read_on(unread)]
                    } else {
                        // (A thread that panicked holding the list has its panic passed on.)
                        let mut read = Vec::new();
                        while let Some(k) = unread.lock().ok().and_then(|mut u| u.take_last()) {
                            let (run, end) = part.read(k);
                            match end {
                                ListEnd::Next(_) | ListEnd::Closed(_) => read.push((k, run, end)),
                                _ => {
                                    if let Ok(mut u) = unread.lock() {
                                        u.give_back(k);
                                    }
                                }
                            }
                        }
                        read
                    };
                    let _ = done.send(());
                    read
                })
            })
            .collect();
        drop(done);
        let mut running = workers.len();
        while running > 0 {
            match finished.recv_timeout(Duration::from_millis(50)) {
                Ok(()) => running -= 1,
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                // (A thread panicked: that is passed on below.)
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
            if !cancel.load(Ordering::Relaxed) && !progress(read_so_far()) {
                cancel.store(true, Ordering::Relaxed);
            }
        }
        let mut first = None;
        // (Only the parts that ended at an element or at the list's end: the others were
        // given back.)
        let mut parts: Vec<Option<(Run, ListEnd)>> = starts.iter().map(|_| None).collect();
        for (thread, worker) in workers.into_iter().enumerate() {
            let read = worker
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            for (k, run, end) in read {
                if thread == 0 {
                    first = Some((k, run, end));
                } else {
                    parts[k] = Some((run, end));
                }
            }
        }
        first.map(|first| (first, parts))
    });
    if cancel.load(Ordering::Relaxed) {
        return Err(Streamed::Cancelled);
    }
    let (first, parts) = parts.ok_or(Streamed::Other)?;
    let done = read_so_far();
    joined(src, &starts, first, parts, &|at| progress(at.max(done)))
}

/// The parts of a list no thread has taken yet.
struct Unread {
    parts: std::ops::Range<usize>,
    /// Whether the threads that take parts from the end go on doing so.
    from_end: bool,
}

impl Unread {
    /// The last part, for a thread that takes parts from the end.
    fn take_last(&mut self) -> Option<usize> {
        self.from_end.then(|| self.parts.next_back()).flatten()
    }

    /// Part `k`, taken from the end, did not read as a part of the whole list would: it is
    /// the first thread's to read if it is the last taken, and no more parts are taken from
    /// the end (after a record without id, whose name is its place in the list, which a part
    /// does not know, most likely others lack ids too).
    fn give_back(&mut self, k: usize) {
        if self.parts.end == k {
            self.parts.end += 1;
        }
        self.from_end = false;
    }
}

/// Parts of an events list read by one thread.
#[derive(Clone, Copy)]
struct Part<'p> {
    src: &'p str,
    /// Where the parts begin.
    starts: &'p [usize],
    cancel: &'p AtomicBool,
    /// The bytes read of each part.
    walked: &'p [AtomicUsize],
}

impl Part<'_> {
    /// Part `k` read with a checker of its own, as a part of a list read from its start would
    /// read it, unless it meets a record without id: its run and where it ended.
    fn read(self, k: usize) -> (Run, ListEnd) {
        let start = self.starts[k];
        let until = self.starts.get(k + 1).copied().unwrap_or(usize::MAX);
        let walk = Walk {
            until,
            // (Only a reading from the list's start knows the place of a record in the list.)
            stop_without_id: true,
            cancel: self.cancel,
            walked: &self.walked[k],
            reserve_for: until.min(self.src.len()) - start,
        };
        let mut run = Run::default();
        let end = run.read_list(&Reader::new(self.src), self.src, start, &walk);
        (run, end)
    }

    /// The first part read, then the parts after it (where it ends, whatever their guessed
    /// starts) as long as no other thread has taken them from `unread`: the last part's index,
    /// the run and its end.
    fn read_on(self, unread: &Mutex<Unread>) -> (usize, Run, ListEnd) {
        let reader = Reader::new(self.src);
        let mut run = Run::default();
        let (mut k, mut at) = (0, self.starts[0]);
        loop {
            let walk = Walk {
                until: self.starts.get(k + 1).copied().unwrap_or(usize::MAX),
                stop_without_id: false,
                cancel: self.cancel,
                walked: &self.walked[k],
                // This run takes in the others.
                reserve_for: self.src.len() - at,
            };
            let end = run.read_list(&reader, self.src, at, &walk);
            match (end, unread.lock().ok().and_then(|mut u| u.parts.next())) {
                (ListEnd::Next(next), Some(part)) => (k, at) = (part, next),
                _ => return (k, run, end),
            }
        }
    }
}

/// The run of the list read from its start to the end of part `last` (`first`) and the parts
/// of the list read from `starts` after it (each ended at an element or at the list's end),
/// made one run, as one reading of the list would make it, and where the list ends;
/// [`Streamed::Other`] when it is not JSON. A part read again (its guessed start was not an
/// element's) is first told to `progress` (the fraction of the file where it begins), which
/// stops the reading ([`Streamed::Cancelled`]) when it answers false: Cancel holds while
/// parts are read again too.
fn joined<'s>(
    src: &str,
    starts: &[usize],
    (last, mut run, mut end): (usize, Run, ListEnd),
    parts: Vec<Option<(Run, ListEnd)>>,
    progress: &dyn Fn(f64) -> bool,
) -> Result<(Run, usize), Streamed<'s>> {
    let reader = Reader::new(src);
    let (cancel, walked) = (AtomicBool::new(false), AtomicUsize::new(0));
    for (k, part) in parts.into_iter().enumerate().skip(last + 1) {
        let ListEnd::Next(at) = end else {
            break;
        };
        match part {
            Some((next, next_end)) if at == starts[k] && run.can_take(&next) => {
                run.take(next);
                end = next_end;
            }
            // The part began where no element does, or read otherwise than one reading would.
            _ => {
                if !progress(at as f64 / src.len() as f64) {
                    return Err(Streamed::Cancelled);
                }
                let walk = Walk {
                    until: starts.get(k + 1).copied().unwrap_or(usize::MAX),
                    stop_without_id: false,
                    cancel: &cancel,
                    walked: &walked,
                    reserve_for: 0,
                };
                end = run.read_list(&reader, src, at, &walk);
            }
        }
    }
    match end {
        ListEnd::Closed(after) => Ok((run, after)),
        _ => Err(Streamed::Other),
    }
}

/// Where the parts of a list whose first element is at `first` begin: there, and the first
/// likely event object ([`begins_event`], after a `}` and a comma) after each of `parts - 1`
/// offsets spread evenly over the rest of the file, when one is found within [`MIN_PART`]
/// bytes. Fewer parts for a short list: none under [`MIN_PART`] bytes.
fn part_starts(src: &str, first: usize, parts: usize) -> Vec<usize> {
    let bytes = src.as_bytes();
    let len = src.len().saturating_sub(first);
    let parts = parts.min(len / MIN_PART).max(1);
    let mut starts = vec![first];
    for k in 1..parts {
        let guess = first + len / parts * k;
        let end = (guess + MIN_PART).min(src.len());
        let found = memchr::memchr_iter(b'}', &bytes[guess..end]).find_map(|close| {
            let mut at = guess + close + 1;
            skip_space(bytes, &mut at, &mut 0);
            if bytes.get(at) != Some(&b',') {
                return None;
            }
            at += 1;
            skip_space(bytes, &mut at, &mut 0);
            (bytes.get(at) == Some(&b'{') && begins_event(&src[at..])).then_some(at)
        });
        if let Some(start) = found.filter(|&s| starts.last().is_some_and(|&last| s > last)) {
            starts.push(start);
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::json;
    use std::fmt::Write as _;

    /// A list of `n` events of about 150 bytes each, each ending with `extra`, and where each
    /// begins.
    fn list_of(n: usize, extra: &str) -> (String, Vec<usize>) {
        let mut src = String::from("{\"events\": [\n");
        let mut at = Vec::new();
        for i in 0..n {
            if i > 0 {
                src.push_str(",\n  ");
            }
            at.push(src.len());
            let _ = write!(
                src,
                "{{\"id\": \"e{i}\", \"title\": \"Event {i}\", \"start\": \"1900\", \"description\": \"padding padding padding\"{extra}}}"
            );
        }
        src.push_str("\n]}\n");
        (src, at)
    }

    #[test]
    fn parts_begin_at_events_spread_over_the_list() {
        let (src, objects) = list_of(20_000, "");
        let starts = part_starts(&src, objects[0], 8);
        assert_eq!(starts.len(), 8, "{starts:?}");
        assert!(starts.iter().all(|s| objects.binary_search(s).is_ok()));
        assert!(starts.windows(2).all(|w| w[1] - w[0] > src.len() / 10));
    }

    #[test]
    fn a_short_list_is_one_part() {
        let (src, objects) = list_of(100, "");
        assert_eq!(part_starts(&src, objects[0], 8), vec![objects[0]]);
    }

    /// A part taken from the end that did not read is the first thread's when it was the last
    /// taken, and the end's threads take no more (nor that one again).
    #[test]
    fn parts_given_back_go_to_the_first_thread() {
        let mut unread = Unread {
            parts: 1..8,
            from_end: true,
        };
        assert_eq!(unread.take_last(), Some(7));
        assert_eq!(unread.take_last(), Some(6));
        unread.give_back(7);
        assert_eq!(unread.parts, 1..6, "part 6 is still being read");
        assert_eq!(unread.take_last(), None);
        unread.give_back(6);
        assert_eq!(unread.parts, 1..7);
        assert_eq!(unread.take_last(), None);
        assert_eq!(unread.parts.next(), Some(1));
    }

    /// Parts read again after the threads (their guessed starts were not elements') are each
    /// told to `progress` first, and Cancel stops them.
    #[test]
    fn cancel_holds_while_parts_are_read_again() {
        let (src, objects) = list_of(20_000, "");
        let starts = part_starts(&src, objects[0], 8);
        assert!(starts.len() > 2, "{starts:?}");
        // As if the first thread had read nothing and no other thread any part: every part
        // after the first is read again here, the first with it.
        let nothing_read = || (0, Run::default(), ListEnd::Next(objects[0]));
        let unread = || starts.iter().map(|_| None).collect::<Vec<_>>();
        let told = std::cell::RefCell::new(Vec::new());
        let all = joined(&src, &starts, nothing_read(), unread(), &|f| {
            told.borrow_mut().push(f);
            true
        });
        let Ok((run, _)) = all else {
            panic!("the list is read");
        };
        let (events, _) = super::super::json_fast::finish(run, &mut Vec::new());
        assert_eq!(events.len(), 20_000);
        let told = told.into_inner();
        assert_eq!(told.len(), starts.len() - 1);
        assert!(
            told.windows(2).all(|w| w[0] < w[1]) && told.iter().all(|f| (0.0..1.0).contains(f))
        );
        // Cancel while the second part is read again: nothing more is read.
        let asked = std::cell::Cell::new(0);
        let cancelled = joined(&src, &starts, nothing_read(), unread(), &|_| {
            asked.set(asked.get() + 1);
            asked.get() < 2
        });
        assert!(matches!(cancelled, Err(Streamed::Cancelled)));
        assert_eq!(asked.get(), 2);
    }

    /// A guess that is no element of the list (an object in an event's sources that looks
    /// like an event) is read again after the part before it: the events are those of one
    /// reading.
    #[test]
    fn a_part_begun_inside_an_event_is_read_again() {
        let (src, objects) = list_of(
            20_000,
            r#", "sources": [{"title": "A"}, {"title": "B \"q\"", "url": "https://b.org", "id": "s"}]"#,
        );
        let starts = part_starts(&src, objects[0], 8);
        assert!(
            starts.iter().any(|s| objects.binary_search(s).is_err()),
            "some guesses are to fall inside events: {starts:?}"
        );
        // Read by the fast path, not left to serde.
        let Streamed::Read(read) = read(&src, &|_| true) else {
            panic!("the file is to be read by the fast path");
        };
        let (_, run) = *read;
        let mut problems = Vec::new();
        let (events, _) = super::super::json_fast::finish(run.unwrap_or_default(), &mut problems);
        assert_eq!(events.len(), 20_000);
        assert!(json::parse(&src) == json::parse_general(&src));
    }
}
