//! Reading a snapshot (`super::snapshot` has the format), checking everything, on every core:
//! each part's text is read on its own (a file is read by place, not in one stream) and the
//! events of a block are made in parallel while its bytes are added to the checksum.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use arcstr::ArcStr;
use rayon::prelude::*;

use super::Loaded;
use super::snapshot::{
    EraJ, HAS_END, HAS_PLACE, KEPT_TEXTS, MAGIC, MAX_PART, PARTS_PER_BLOCK, RECORD, Rest,
    SourceKey, ThemeJ, VERSION, date_of, more_in, sources_in,
};
use crate::model::event::{MAX_IMPORTANCE, MIN_IMPORTANCE};
use crate::model::{Dataset, Era, Event, HistDate, Meta, Rgb, Text, Theme, ThemeName};

/// The dataset of a snapshot made from `source` as it is now; `None` when the snapshot is of
/// another file, another state of it or another column mapping (stale), or is damaged in any
/// way (corrupt). Never panics, whatever the bytes.
pub fn read(bytes: &[u8], source: &SourceKey) -> Option<Loaded> {
    read_from(bytes, Some(source))
}

/// [`read`] without comparing the key with a file or the payload with its checksum: for the
/// fuzz target and the tests, so that damaged bytes reach the checks behind the checksum.
#[doc(hidden)]
pub fn read_unverified(bytes: &[u8]) -> Option<Loaded> {
    read_from(bytes, None)
}

/// Bytes read by their place: a snapshot in memory, or a file read by several cores at once.
pub(crate) trait ReadAt: Sync {
    /// How many bytes there are.
    fn size(&self) -> u64;
    /// Fills `buf` with the bytes from `at` on; `None` when there are not that many.
    fn read_at(&self, buf: &mut [u8], at: u64) -> Option<()>;
}

impl ReadAt for [u8] {
    fn size(&self) -> u64 {
        self.len() as u64
    }
    fn read_at(&self, buf: &mut [u8], at: u64) -> Option<()> {
        let at = usize::try_from(at).ok()?;
        buf.copy_from_slice(self.get(at..at.checked_add(buf.len())?)?);
        Some(())
    }
}

/// A snapshot file, of `size` bytes when opened.
pub(crate) struct FileAt {
    #[cfg(unix)]
    file: std::fs::File,
    /// (Elsewhere the file is read from one place at a time.)
    #[cfg(not(unix))]
    file: std::sync::Mutex<std::fs::File>,
    size: u64,
}

impl FileAt {
    pub(crate) fn new(file: std::fs::File, size: u64) -> Self {
        #[cfg(not(unix))]
        let file = std::sync::Mutex::new(file);
        Self { file, size }
    }
}

impl ReadAt for FileAt {
    fn size(&self) -> u64 {
        self.size
    }
    #[cfg(unix)]
    fn read_at(&self, buf: &mut [u8], at: u64) -> Option<()> {
        (at.checked_add(buf.len() as u64)? <= self.size).then_some(())?;
        std::os::unix::fs::FileExt::read_exact_at(&self.file, buf, at).ok()
    }
    #[cfg(not(unix))]
    fn read_at(&self, buf: &mut [u8], at: u64) -> Option<()> {
        use std::io::{Read, Seek};
        (at.checked_add(buf.len() as u64)? <= self.size).then_some(())?;
        let mut file = self.file.lock().ok()?;
        file.seek(std::io::SeekFrom::Start(at)).ok()?;
        file.read_exact(buf).ok()
    }
}

/// Reads the snapshot in `input`. With `source`, a snapshot of another file or state is known
/// from its key, before the rest is read, and nothing read is used unless the whole payload
/// matches its checksum; without, neither is compared (for fuzzing and tests). Every length
/// is checked against the bytes there are before anything is made for it.
pub(crate) fn read_from(
    input: &(impl ReadAt + ?Sized),
    source: Option<&SourceKey>,
) -> Option<Loaded> {
    profiling::function_scope!();
    let mut r = Head {
        input,
        at: 0,
        sum: None,
    };
    (r.array()? == *MAGIC).then_some(())?;
    (r.u32()? == VERSION).then_some(())?;
    let key_len = r.len()?;
    let key: SourceKey = serde_json::from_slice(&r.bytes(key_len)?).ok()?;
    if let Some(source) = source {
        (key == *source).then_some(())?;
    }
    // The payload is the rest, exactly; the checksum covers it.
    (Some(r.u64()?) == r.left().checked_sub(8)).then_some(())?;
    let sum = r.u64()?;
    r.sum = source.map(|_| twox_hash::XxHash3_64::new());
    let count = r.len()?;
    let text_len = r.len()?;
    let rest_len = r.len()?;
    let part = r.len()?;
    (1..=MAX_PART).contains(&part).then_some(())?;
    let block = part * PARTS_PER_BLOCK;
    let records = (count as u64).checked_mul(RECORD as u64)?;
    (text_len as u64 + records + rest_len as u64 == r.left()).then_some(())?;
    // The rest (last) first: the events' lanes are named there.
    let rest_at = input.size() - rest_len as u64;
    let mut rest_bytes = vec![0; rest_len];
    input.read_at(&mut rest_bytes, rest_at)?;
    let rest: Rest = serde_json::from_slice(&rest_bytes).ok()?;
    let filler = HistDate::parse_plain("2000")?;
    let mut events = Vec::with_capacity(count);
    for first in (0..count).step_by(block) {
        read_block(
            &mut r,
            block.min(count - first),
            part,
            &rest.theme_names,
            &filler,
            &mut events,
        )?;
    }
    // Every byte of text belongs to a field, and the rest follows the last block.
    (r.at == rest_at).then_some(())?;
    if let Some(sum) = &mut r.sum {
        std::hash::Hasher::write(sum, &rest_bytes);
    }
    let checked = r.sum.as_ref().map(std::hash::Hasher::finish);
    (source.is_none() || checked == Some(sum)).then_some(())?;
    // Every rare part belongs to an event, in order, one at most per event.
    let mut after = None;
    for (place, m) in rest.more {
        (after < Some(place)).then_some(())?;
        after = Some(place);
        let m = more_in(m)?;
        (!m.is_empty()).then_some(())?;
        *events.get_mut(place as usize)?.more_mut() = m;
    }
    let themes = rest
        .themes
        .into_iter()
        .map(|ThemeJ(id, label, color)| Theme {
            id,
            label,
            color: Rgb(color),
        })
        .collect();
    let eras = rest
        .eras
        .into_iter()
        .map(|EraJ(label, start, end, color)| {
            let (start, end) = (date_of(&start)?, date_of(&end)?);
            (end.axis_end() > start.axis_start()).then_some(())?;
            Some(Era {
                label,
                start,
                end,
                color: color.map(Rgb),
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let meta = Meta {
        title: rest.meta.title,
        description: rest.meta.description,
        sources: sources_in(rest.meta.sources),
    };
    // Every theme is declared already: building it adds no note.
    let (dataset, _) = Dataset::new(meta, themes, eras, events);
    Some(Loaded {
        dataset,
        notes: rest.notes,
    })
}

/// Reads the block of `n` events at `r`'s place (their records, then their text, each part of
/// `part` events read on its own, on every core) and appends its events to `events`, made on
/// every core while the block's bytes are added to the checksum.
fn read_block(
    r: &mut Head<'_, impl ReadAt + ?Sized>,
    n: usize,
    part: usize,
    lanes: &[String],
    filler: &HistDate,
    events: &mut Vec<Event>,
) -> Option<()> {
    let records = r.bytes(n.checked_mul(RECORD)?)?;
    let (starts, part_lens) = text_places(&records, part)?;
    let mut part_at = Vec::with_capacity(part_lens.len());
    for len in &part_lens {
        part_at.push(r.at);
        r.at =
            r.at.checked_add(u64::from(len.text) + u64::from(len.dates))?;
    }
    (r.at <= r.input.size()).then_some(())?;
    let input = r.input;
    let parts = part_lens
        .par_iter()
        .zip(&part_at)
        .map(|(len, &at)| {
            let dates_at = at + u64::from(len.text);
            Some((
                read_text(input, at, len.text as usize)?,
                read_dates(input, dates_at, len.dates as usize)?,
            ))
        })
        .collect::<Option<Vec<(ArcStr, String)>>>()?;
    let bad = AtomicBool::new(false);
    let sum = &mut r.sum;
    rayon::join(
        || {
            if let Some(sum) = sum {
                std::hash::Hasher::write(sum, &records);
                for (text, dates) in &parts {
                    std::hash::Hasher::write(sum, text.as_bytes());
                    std::hash::Hasher::write(sum, dates.as_bytes());
                }
            }
        },
        || {
            events.par_extend(
                records
                    .par_chunks_exact(RECORD)
                    .zip(&starts)
                    .enumerate()
                    .map_init(
                        || vec![None; lanes.len()],
                        |names, (i, (record, &at))| {
                            let made = parts.get(i / part).and_then(|(text, dates)| {
                                let record = record.try_into().ok()?;
                                event((text, dates), record, at, lanes, names)
                            });
                            made.unwrap_or_else(|| {
                                bad.store(true, Ordering::Relaxed);
                                Event::new(Text::new(), Text::new(), filler.clone())
                            })
                        },
                    ),
            );
        },
    );
    (!bad.into_inner()).then_some(())
}

/// Where each event's texts and dates start in its part's text and dates, and the length of
/// each part's text and dates, from the lengths in the records (checked not to overflow).
fn text_places(records: &[u8], part: usize) -> Option<(Vec<Places>, Vec<Places>)> {
    let mut starts = Vec::with_capacity(records.len() / RECORD);
    let mut part_lens = Vec::new();
    for part_records in records.chunks(RECORD * part) {
        let (mut text, mut dates) = (0u32, 0u32);
        for record in part_records.chunks_exact(RECORD) {
            starts.push(Places { text, dates });
            for (i, len) in record[..24].chunks_exact(4).enumerate() {
                let len = u32::from_le_bytes(len.try_into().ok()?);
                let at = if i < KEPT_TEXTS {
                    &mut text
                } else {
                    &mut dates
                };
                *at = at.checked_add(len)?;
            }
        }
        // (A part's text and dates together are at most 4 GiB, as its text alone was in
        // format 2.)
        text.checked_add(dates)?;
        part_lens.push(Places { text, dates });
    }
    Some((starts, part_lens))
}

/// Where an event's texts start in its part's text, and its dates in the part's dates (or a
/// part's text and dates lengths).
#[derive(Clone, Copy)]
struct Places {
    text: u32,
    dates: u32,
}

/// `len` bytes of UTF-8 text from `at`, read into a string of their own (dates, read then
/// dropped).
fn read_dates(input: &(impl ReadAt + ?Sized), at: u64, len: usize) -> Option<String> {
    let mut bytes = vec![0; len];
    input.read_at(&mut bytes, at)?;
    String::from_utf8(bytes).ok()
}

/// `len` bytes of UTF-8 text from `at`, read straight into a shared string.
fn read_text(input: &(impl ReadAt + ?Sized), at: u64, len: usize) -> Option<ArcStr> {
    if len == 0 {
        // (arcstr allocates nothing for an empty string.)
        return Some(ArcStr::new());
    }
    let mut filled = None;
    let text = ArcStr::init_with(len, |buf| filled = input.read_at(buf, at)).ok()?;
    filled.map(|()| text)
}

/// The snapshot's head and its blocks' records, read one after the other, their bytes added to
/// the checksum once the payload has started.
struct Head<'a, R: ?Sized> {
    input: &'a R,
    /// The place of the next byte.
    at: u64,
    sum: Option<twox_hash::XxHash3_64>,
}

impl<R: ReadAt + ?Sized> Head<'_, R> {
    fn left(&self) -> u64 {
        self.input.size().saturating_sub(self.at)
    }
    fn fill(&mut self, buf: &mut [u8]) -> Option<()> {
        self.input.read_at(buf, self.at)?;
        self.at += buf.len() as u64;
        if let Some(sum) = &mut self.sum {
            std::hash::Hasher::write(sum, buf);
        }
        Some(())
    }
    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        let mut a = [0; N];
        self.fill(&mut a)?;
        Some(a)
    }
    fn u32(&mut self) -> Option<u32> {
        self.array().map(u32::from_le_bytes)
    }
    fn u64(&mut self) -> Option<u64> {
        self.array().map(u64::from_le_bytes)
    }
    fn len(&mut self) -> Option<usize> {
        usize::try_from(self.u32()?).ok()
    }
    /// `n` bytes, once there are that many left; not added to the checksum (the caller adds
    /// them in the payload's order).
    fn bytes(&mut self, n: usize) -> Option<Vec<u8>> {
        (n as u64 <= self.left()).then_some(())?;
        let mut bytes = vec![0; n];
        self.input.read_at(&mut bytes, self.at)?;
        self.at += n as u64;
        Some(bytes)
    }
}

/// One event from its record, its texts starting at `at.text` in its part's `text` and its
/// dates at `at.dates` in the part's `dates`; its lane named among `lanes` by a name of the
/// caller's own (`names`, by lane: each core's events share their own, not one string every
/// core would count its users of).
fn event(
    (text, dates): (&ArcStr, &str),
    r: &[u8; RECORD],
    at: Places,
    lanes: &[String],
    names: &mut [Option<ThemeName>],
) -> Option<Event> {
    let u32_at = |i: usize| u32::from_le_bytes([r[i], r[i + 1], r[i + 2], r[i + 3]]);
    // The next field's place in `of` from `at`, checked to be in it and on character
    // boundaries (what `substr` would panic on).
    let next = |of: &str, at: &mut usize, i: usize| -> Option<Range<usize>> {
        let len = usize::try_from(u32_at(i)).ok()?;
        let end = at.checked_add(len)?;
        of.get(*at..end)?;
        let range = *at..end;
        *at = end;
        Some(range)
    };
    let (mut text_at, mut dates_at) = (at.text as usize, at.dates as usize);
    let (id, title, place, description) = (
        next(text, &mut text_at, 0)?,
        next(text, &mut text_at, 4)?,
        next(text, &mut text_at, 8)?,
        next(text, &mut text_at, 12)?,
    );
    let (start, end) = (
        next(dates, &mut dates_at, 16)?,
        next(dates, &mut dates_at, 20)?,
    );
    let (importance, flags) = (r[28], r[29]);
    let valid = (MIN_IMPORTANCE..=MAX_IMPORTANCE).contains(&importance)
        && flags & !(HAS_PLACE | HAS_END) == 0
        && r[30] == 0
        && r[31] == 0
        && (flags & HAS_PLACE != 0 || place.is_empty())
        && (flags & HAS_END != 0 || end.is_empty());
    valid.then_some(())?;
    let start = date_of(dates.get(start)?)?;
    (!start.is_open()).then_some(())?;
    let end = if flags & HAS_END == 0 {
        None
    } else {
        let end = date_of(dates.get(end)?)?.open_past(&start);
        (end.axis_end() > start.axis_start()).then_some(())?;
        Some(end)
    };
    let lane = usize::try_from(u32_at(24)).ok()?;
    // (`names` has one place per lane: a lane found there is among `lanes`.)
    let theme = names
        .get_mut(lane)?
        .get_or_insert_with(|| ThemeName::from(lanes[lane].as_str()))
        .clone();
    let non_empty = |range: Range<usize>| (!range.is_empty()).then_some(range);
    let place = (flags & HAS_PLACE != 0).then_some(place);
    let ranges = [
        non_empty(id),
        non_empty(title),
        place,
        non_empty(description),
    ];
    let mut e = Event::with_texts_in(text, ranges, start)?;
    e.end = end;
    e.theme = theme;
    e.set_importance(importance);
    Some(e)
}
