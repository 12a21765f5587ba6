//! Writing a snapshot (`super::snapshot` has the format) in one pass, on every core: each
//! part's records and text are made in parallel, a block at a time, then written and added to
//! the checksum, which is put in the head once the payload is written. The events go in start
//! order, whatever the order they were read in, so that reading them back needs no sort, no
//! keys and no order beside them (a shuffled file's 10M events: written in 6–8 s rather than
//! 3.5–4.5 in the order read, reopened in 1.4–2.0 s rather than 2.3–2.6, 420 MB less at the
//! peak; the window writes a snapshot in the background once the data is drawn).

use std::collections::HashMap;
use std::io::{Seek, SeekFrom, Write};

use rayon::prelude::*;

use super::snapshot::{
    EraJ, HAS_END, HAS_PLACE, KEPT_TEXTS, MAGIC, MAX_PART, MetaJ, PART, PARTS_PER_BLOCK, RECORD,
    Rest, SourceKey, ThemeJ, VERSION, more_out, sources_out,
};
use crate::model::event_list::{self, EventList};
use crate::model::{Dataset, Event, HistDate, Written};

/// The snapshot of `dataset` and the notes it was read with, made from the file `source`
/// describes. `None` when its text is too big for the format (over 4 GiB).
pub fn write(dataset: &Dataset, notes: &[String], source: &SourceKey) -> Option<Vec<u8>> {
    write_in_parts(dataset, notes, source, PART)
}

/// [`write`] with `part` events per part (1 to [`MAX_PART`]): for the tests, so that small
/// datasets have many parts and blocks.
#[doc(hidden)]
pub fn write_in_parts(
    dataset: &Dataset,
    notes: &[String],
    source: &SourceKey,
    part: usize,
) -> Option<Vec<u8>> {
    let mut plan = Plan::new(dataset, notes, source)?;
    (1..=MAX_PART).contains(&part).then_some(())?;
    plan.part = part;
    let mut bytes = std::io::Cursor::new(Vec::new());
    plan.write(&mut bytes).ok()?;
    Some(bytes.into_inner())
}

/// What a snapshot holds besides its events' text and records; [`Plan::write`] then writes the
/// snapshot as it goes (ten million events make a snapshot of a gigabyte, which is never held
/// in memory: a block at most).
pub(super) struct Plan<'a> {
    /// Written in start order (what reading then checks pair by pair, without sorting).
    events: &'a EventList,
    /// The key, as JSON.
    key: Vec<u8>,
    count: u32,
    /// Events per part.
    part: usize,
    text_len: u32,
    /// Each lane's place among the theme names, by name.
    theme_index: HashMap<&'a str, u32>,
    /// The rare parts, meta, themes, eras and notes, as JSON.
    rest: Vec<u8>,
}

/// The texts of an event in the order the snapshot keeps them (an absent place or end empty).
fn texts(e: &Event) -> [Written<'_>; 6] {
    [
        Written::Text(e.id()),
        Written::Text(e.title()),
        Written::Text(e.place().unwrap_or("")),
        Written::Text(e.description()),
        e.start().edtf(),
        e.end.as_ref().map_or(Written::Text(""), HistDate::edtf),
    ]
}

/// The bytes of an event's texts.
fn text_len(e: &Event) -> usize {
    texts(e).iter().map(|t| t.len()).sum()
}

impl<'a> Plan<'a> {
    /// `None` when the dataset cannot have a snapshot (over four billion events or bytes of
    /// text).
    pub(super) fn new(dataset: &'a Dataset, notes: &[String], source: &SourceKey) -> Option<Self> {
        profiling::function_scope!();
        let events = dataset.events();
        // What does not depend on the order is taken in the order read: one pass through
        // memory (in start order, a shuffled file's events are read here and there).
        let read = events.as_read();
        let count = u32::try_from(read.len()).ok()?;
        // The lanes numbered in order of their first event read (most events are in the lane
        // of the event before them: one comparison, no lookup).
        let mut theme_index: HashMap<&str, u32> = HashMap::new();
        let mut theme_names = Vec::new();
        let mut last: Option<&str> = None;
        let mut any_more = false;
        for e in read {
            if last != Some(e.theme.as_str()) {
                last = Some(&e.theme);
                theme_index.entry(&e.theme).or_insert_with(|| {
                    theme_names.push(e.theme.to_string());
                    u32::try_from(theme_names.len() - 1).unwrap_or(u32::MAX)
                });
            }
            any_more |= !e.more().is_empty();
        }
        // The rare parts by place in start order (most big files have none).
        let more = if any_more {
            (0u32..)
                .zip(events)
                .filter(|(_, e)| !e.more().is_empty())
                .map(|(place, e)| (place, more_out(e.more())))
                .collect()
        } else {
            Vec::new()
        };
        let text_len: usize = read.par_iter().map(text_len).sum();
        let rest = Rest {
            meta: MetaJ {
                title: dataset.meta.title.clone(),
                description: dataset.meta.description.clone(),
                sources: sources_out(&dataset.meta.sources),
            },
            themes: dataset
                .themes()
                .iter()
                .map(|t| ThemeJ(t.id.clone(), t.label.clone(), t.color.0))
                .collect(),
            eras: dataset
                .eras()
                .iter()
                .map(|e| {
                    EraJ(
                        e.label.clone(),
                        e.start.edtf().to_owned(),
                        e.end.edtf().to_owned(),
                        e.color.map(|c| c.0),
                    )
                })
                .collect(),
            notes: notes.to_vec(),
            theme_names,
            more,
        };
        Some(Self {
            events,
            key: serde_json::to_vec(source).ok()?,
            count,
            part: PART,
            text_len: u32::try_from(text_len).ok()?,
            theme_index,
            rest: serde_json::to_vec(&rest).ok()?,
        })
    }

    /// Writes the snapshot to `out` from its place there: the head with a checksum of zero,
    /// the payload (added to the checksum as it is written), then the checksum over the zero.
    pub(super) fn write(&self, out: &mut (impl Write + Seek)) -> std::io::Result<()> {
        profiling::function_scope!();
        let start = out.stream_position()?;
        let mut head = Vec::with_capacity(40 + self.key.len());
        head.extend_from_slice(MAGIC);
        head.extend_from_slice(&VERSION.to_le_bytes());
        head.extend_from_slice(&len_u32(self.key.len())?.to_le_bytes());
        head.extend_from_slice(&self.key);
        let payload_len = 16
            + u64::from(self.count) * RECORD as u64
            + u64::from(self.text_len)
            + self.rest.len() as u64;
        head.extend_from_slice(&payload_len.to_le_bytes());
        let sum_at = start + head.len() as u64;
        head.extend_from_slice(&0u64.to_le_bytes());
        out.write_all(&head)?;
        let mut payload = Checksum {
            out: std::io::BufWriter::with_capacity(1 << 20, &mut *out),
            hash: twox_hash::XxHash3_64::new(),
            length: 0,
        };
        self.payload(&mut payload)?;
        payload.out.flush()?;
        let (sum, length) = (std::hash::Hasher::finish(&payload.hash), payload.length);
        drop(payload);
        if length != payload_len {
            return Err(std::io::Error::other(
                "the snapshot's payload is not as planned",
            ));
        }
        out.seek(SeekFrom::Start(sum_at))?;
        out.write_all(&sum.to_le_bytes())?;
        out.seek(SeekFrom::End(0))?;
        out.flush()
    }

    /// The payload: its counts, its blocks (records, then text) and the rest.
    fn payload(&self, out: &mut impl Write) -> std::io::Result<()> {
        let part = len_u32(self.part)?;
        for n in [self.count, self.text_len, len_u32(self.rest.len())?, part] {
            out.write_all(&n.to_le_bytes())?;
        }
        // In start order, a part on each core at a time (for a file read in no order, each
        // event is read from wherever it is: slower to write than in the order read, but the
        // snapshot then reopens without sorting).
        let n = self.events.len();
        let block = self.part * PARTS_PER_BLOCK;
        for first in (0..n).step_by(block) {
            let parts = (first..(first + block).min(n))
                .into_par_iter()
                .step_by(self.part)
                .map(|from| self.part_bytes(self.events.range(from..from + self.part)))
                .collect::<std::io::Result<Vec<_>>>()?;
            for (records, _) in &parts {
                out.write_all(records)?;
            }
            for (_, text) in &parts {
                out.write_all(text)?;
            }
        }
        out.write_all(&self.rest)
    }

    /// The records and the text of a part's `events`: the texts the events keep (ids,
    /// titles, places, descriptions), then their dates (read, never kept as written).
    fn part_bytes(&self, events: event_list::Iter<'_>) -> std::io::Result<(Vec<u8>, Vec<u8>)> {
        let mut records = Vec::with_capacity(events.len() * RECORD);
        let mut text = Vec::new();
        let mut dates = Vec::new();
        let mut last: Option<(&str, u32)> = None;
        for e in events {
            let mut record = [0u8; RECORD];
            for (i, t) in texts(e).iter().enumerate() {
                record[4 * i..4 * i + 4].copy_from_slice(&len_u32(t.len())?.to_le_bytes());
                let to = if i < KEPT_TEXTS {
                    &mut text
                } else {
                    &mut dates
                };
                to.extend_from_slice(t.as_bytes());
            }
            let lane = match last {
                Some((name, lane)) if name == e.theme.as_str() => lane,
                _ => {
                    let lane = *self.theme_index.get(e.theme.as_str()).ok_or_else(|| {
                        std::io::Error::other("an event's lane is not among the snapshot's")
                    })?;
                    last = Some((&e.theme, lane));
                    lane
                }
            };
            record[24..28].copy_from_slice(&lane.to_le_bytes());
            record[28] = e.importance();
            record[29] = if e.place().is_some() { HAS_PLACE } else { 0 }
                | if e.end.is_some() { HAS_END } else { 0 };
            records.extend_from_slice(&record);
        }
        text.extend_from_slice(&dates);
        Ok((records, text))
    }
}

/// A length as the format keeps it.
fn len_u32(n: usize) -> std::io::Result<u32> {
    u32::try_from(n).map_err(|_| std::io::Error::other("too long for a snapshot"))
}

/// Writes to `out`, adding what it writes to an xxh3 checksum and its length.
struct Checksum<W: Write> {
    out: W,
    hash: twox_hash::XxHash3_64,
    length: u64,
}

impl<W: Write> Write for Checksum<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let n = self.out.write(bytes)?;
        std::hash::Hasher::write(&mut self.hash, &bytes[..n]);
        self.length += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}
