//! Reading a snapshot (`super::snapshot` has the format) as it comes, checking everything.

use std::io::Read;
use std::ops::Range;

use arcstr::ArcStr;

use super::Loaded;
use super::snapshot::{
    EraJ, HAS_END, HAS_PLACE, MAGIC, RECORD, Rest, SourceKey, ThemeJ, VERSION, date_of, more_in,
    sources_in,
};
use crate::model::event::{MAX_IMPORTANCE, MIN_IMPORTANCE};
use crate::model::{Dataset, Era, Event, Meta, Rgb, Text, Theme, ThemeName};

/// The dataset of a snapshot made from `source` as it is now; `None` when the snapshot is of
/// another file, another state of it or another column mapping (stale), or is damaged in any
/// way (corrupt). Never panics, whatever the bytes.
pub fn read(bytes: &[u8], source: &SourceKey) -> Option<Loaded> {
    read_from(&mut &bytes[..], bytes.len() as u64, Some(source))
}

/// [`read`] without comparing the key with a file or the payload with its checksum: for the
/// fuzz target and the tests, so that damaged bytes reach the checks behind the checksum.
#[doc(hidden)]
pub fn read_unverified(bytes: &[u8]) -> Option<Loaded> {
    read_from(&mut &bytes[..], bytes.len() as u64, None)
}

/// Records read at a time.
const RECORDS_AT_ONCE: usize = 4096;

/// Reads a snapshot of `size` bytes from `input` as it goes (a snapshot of ten million events is
/// a gigabyte, never held whole): the text straight into the string its events share, the
/// records a few thousand at a time. With `source`, a snapshot of another file or state is
/// known from its key, before the rest is read, and nothing read is used unless the whole
/// payload matches its checksum; without, neither is compared (for fuzzing and tests). Every
/// length is checked against the bytes there are before anything is made for it.
pub(crate) fn read_from(
    input: &mut impl Read,
    size: u64,
    source: Option<&SourceKey>,
) -> Option<Loaded> {
    profiling::function_scope!();
    let mut r = Input {
        inner: input,
        sum: None,
        left: size,
    };
    (r.array()? == *MAGIC).then_some(())?;
    (r.u32()? == VERSION).then_some(())?;
    let key_len = r.len()?;
    let key: SourceKey = serde_json::from_slice(&r.bytes(key_len)?).ok()?;
    if let Some(source) = source {
        (key == *source).then_some(())?;
    }
    // The payload is the rest, exactly; the checksum covers it.
    (Some(r.u64()?) == r.left.checked_sub(8)).then_some(())?;
    let sum = r.u64()?;
    r.sum = Some(twox_hash::XxHash3_64::new());
    let count = r.len()?;
    let text_len = r.len()?;
    let rest_len = r.len()?;
    (r.u32()? == 0).then_some(())?;
    let records = (count as u64).checked_mul(RECORD as u64)?;
    (text_len as u64 + records + rest_len as u64 == r.left).then_some(())?;
    let text = r.text(text_len)?;
    let mut events = Vec::with_capacity(count);
    // Each event's lane, named once the rest (after the records) is read.
    let mut lanes = Vec::with_capacity(count);
    let mut at = 0usize;
    let mut chunk = vec![0u8; RECORD * RECORDS_AT_ONCE.min(count)];
    for first in (0..count).step_by(RECORDS_AT_ONCE) {
        let chunk = &mut chunk[..RECORD * RECORDS_AT_ONCE.min(count - first)];
        r.fill(chunk)?;
        for record in chunk.chunks_exact(RECORD) {
            let (e, lane) = event(&text, record.try_into().ok()?, &mut at)?;
            events.push(e);
            lanes.push(lane);
        }
    }
    // Every byte of text belongs to a field.
    (at == text.len()).then_some(())?;
    let rest: Rest = serde_json::from_slice(&r.bytes(rest_len)?).ok()?;
    let checked = r.sum.as_ref().map(std::hash::Hasher::finish);
    (source.is_none() || checked == Some(sum)).then_some(())?;
    let lane_names: Vec<ThemeName> = rest.theme_names.into_iter().map(ThemeName::from).collect();
    for (e, lane) in events.iter_mut().zip(lanes) {
        e.theme = lane_names.get(lane as usize)?.clone();
    }
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

/// Reads a snapshot's bytes, never more than `left`, adding those of the payload to its
/// checksum once it is started.
struct Input<'a, R> {
    inner: &'a mut R,
    sum: Option<twox_hash::XxHash3_64>,
    left: u64,
}

impl<R: Read> Input<'_, R> {
    fn fill(&mut self, buf: &mut [u8]) -> Option<()> {
        self.left = self.left.checked_sub(buf.len() as u64)?;
        self.inner.read_exact(buf).ok()?;
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
    /// `n` bytes, once there are that many left.
    fn bytes(&mut self, n: usize) -> Option<Vec<u8>> {
        (n as u64 <= self.left).then_some(())?;
        let mut bytes = vec![0; n];
        self.fill(&mut bytes)?;
        Some(bytes)
    }
    /// `n` bytes of UTF-8 text, read straight into a shared string.
    fn text(&mut self, n: usize) -> Option<ArcStr> {
        (n as u64 <= self.left).then_some(())?;
        if n == 0 {
            // (arcstr allocates nothing for an empty string.)
            return Some(ArcStr::new());
        }
        let mut filled = None;
        let text = ArcStr::init_with(n, |buf| filled = self.fill(buf)).ok()?;
        filled.map(|()| text)
    }
}

/// One event from its record, its text starting at `at` in `text` (moved past it), and the
/// number of its lane (its theme is named by the caller).
fn event(text: &ArcStr, r: &[u8; RECORD], at: &mut usize) -> Option<(Event, u32)> {
    let u32_at = |i: usize| u32::from_le_bytes([r[i], r[i + 1], r[i + 2], r[i + 3]]);
    // The next field's place in the text, checked to be in it and on character boundaries
    // (what `substr` would panic on).
    let mut next = |i: usize| -> Option<Range<usize>> {
        let len = usize::try_from(u32_at(i)).ok()?;
        let end = at.checked_add(len)?;
        text.get(*at..end)?;
        let range = *at..end;
        *at = end;
        Some(range)
    };
    let slice = |range: Range<usize>| {
        if range.is_empty() {
            Text::new()
        } else {
            text.substr(range)
        }
    };
    let (id, title, place, description, start, end) = (
        next(0)?,
        next(4)?,
        next(8)?,
        next(12)?,
        next(16)?,
        next(20)?,
    );
    let (importance, flags) = (r[28], r[29]);
    let valid = (MIN_IMPORTANCE..=MAX_IMPORTANCE).contains(&importance)
        && flags & !(HAS_PLACE | HAS_END) == 0
        && r[30] == 0
        && r[31] == 0
        && (flags & HAS_PLACE != 0 || place.is_empty())
        && (flags & HAS_END != 0 || end.is_empty());
    valid.then_some(())?;
    let start = date_of(text.get(start)?)?;
    (!start.is_open()).then_some(())?;
    let end = if flags & HAS_END == 0 {
        None
    } else {
        let end = date_of(text.get(end)?)?.open_past(&start);
        (end.axis_end() > start.axis_start()).then_some(())?;
        Some(end)
    };
    let mut e = Event::new(slice(id), slice(title), start);
    e.end = end;
    e.importance = importance;
    e.place = (flags & HAS_PLACE != 0).then(|| slice(place));
    e.description = slice(description);
    Some((e, u32_at(24)))
}
