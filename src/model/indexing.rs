//! How a dataset's events are put in start order and indexed by lane, on every core: a key of
//! 32 bytes per event (its times, the first bytes of its id, its place, its lane and
//! importance) sorted, or, for events read in order already (a snapshot, a sorted file, an
//! edit's rebuild), only their order checked and their lanes found; then each lane's lists
//! filled part by part ([`LaneIndex`]). Pure functions of the events, tested in
//! `indexing_tests.rs`.

use std::collections::HashMap;

use rayon::prelude::*;

use super::date::AxisTime;
use super::event::{Event, Theme};
use super::event_list::EventList;
use super::lane_index::LaneIndex;

/// What building a dataset needs of an event, read in one pass over the events (a million
/// events are hundreds of megabytes: each pass over them costs more than the work on these).
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Key {
    /// Axis start and end: whole days, compared as integers.
    start: i64,
    end: i64,
    /// The id's first bytes ([`id_prefix`]): most ids are ordered by this alone, without
    /// reading the events again.
    id: u64,
    /// Where the event is among those given.
    index: u32,
    /// Its lane (the place of its theme among the themes) in the low bits, its importance in
    /// the top three: 32 bytes a key rather than 40, a fifth less to write and to move in the
    /// sort.
    lane_importance: u32,
}

/// Bits of [`Key::lane_importance`] that hold the lane (more lanes than that is more than a
/// file can hold events).
const LANE_BITS: u32 = 29;
const LANE_MASK: u32 = (1 << LANE_BITS) - 1;

impl Key {
    fn lane(&self) -> usize {
        lane_of(self.lane_importance)
    }

    fn importance(&self) -> u8 {
        importance_of(self.lane_importance)
    }

    /// `lane` and `importance` (1 to 5) packed as the key holds them.
    fn pack(lane: u32, importance: u8) -> u32 {
        lane.min(LANE_MASK) | u32::from(importance) << LANE_BITS
    }
}

/// The lane of a lane and importance packed by [`Key::pack`].
fn lane_of(packed: u32) -> usize {
    (packed & LANE_MASK) as usize
}

/// The importance of a lane and importance packed by [`Key::pack`].
fn importance_of(packed: u32) -> u8 {
    (packed >> LANE_BITS) as u8
}

/// The first eight bytes of an id as a number that orders as the ids do (a shorter id padded
/// with zero bytes, which sort first): ids whose numbers differ are in the order of these;
/// equal numbers leave it to the whole ids.
fn id_prefix(id: &str) -> u64 {
    let mut bytes = [0u8; 8];
    let n = id.len().min(8);
    bytes[..n].copy_from_slice(&id.as_bytes()[..n]);
    u64::from_be_bytes(bytes)
}

/// Shares of [`index`]'s work done once the keys are made, and once they are sorted (the lanes
/// are indexed then; measured with ten million events: keys 0.3 s, sort 0.9 s, lanes 0.3 s).
pub(super) const KEYS_DONE: f64 = 0.07;
pub(super) const SORTED: f64 = 0.25;

/// A dataset's events in start order, indexed.
pub(super) struct Indexed {
    pub events: EventList,
    /// Each lane's index, in the themes' order.
    pub lanes: Vec<LaneIndex>,
    /// The first start and the last end (whole days), when there are events.
    pub range: Option<(i64, i64)>,
    /// Whether any event links to another.
    pub any_links: bool,
}

/// `events` put in start order (start, end, then id) and indexed by lane, their lanes the
/// places of their themes among `themes` (a theme not there is added, with a note); `report`
/// is told the share of the work done after each step.
pub(super) fn index(
    events: Vec<Event>,
    themes: &mut Vec<Theme>,
    notes: &mut Vec<String>,
    report: &dyn Fn(f64),
) -> Indexed {
    if in_order(&events) {
        // (A snapshot, a sorted file, an edit's rebuild: no keys to make and sort, only
        // each event's lane.)
        let (packed, any_links) = lanes_of(&events, themes, notes, |_, _, p| p, |p| p);
        report(SORTED);
        let lanes = lane_indices_in_parts(
            events.len(),
            &slot_of_event(&events, &packed),
            themes.len(),
            LANE_PART,
        );
        let first = events.first().map(|e| e.axis_start() as i64);
        let end = events.par_iter().map(|e| e.axis_end() as i64).max();
        Indexed {
            events: EventList::in_order(events),
            lanes,
            range: first.zip(end),
            any_links,
        }
    } else {
        let (mut keys, any_links) = keys_of(&events, themes, notes);
        report(KEYS_DONE);
        sort_keys(&events, &mut keys);
        report(SORTED);
        let lanes = lane_indices(&keys, themes.len());
        // The events stay where they were read: the order of their starts is kept beside
        // them.
        let events = EventList::new(events, keys.par_iter().map(|k| k.index).collect());
        let first = keys.first().map(|k| k.start);
        let end = keys.par_iter().map(|k| k.end).max();
        Indexed {
            events,
            lanes,
            range: first.zip(end),
            any_links,
        }
    }
}

/// Events per part when keys are made on every core.
const KEY_PART: usize = 1 << 16;

/// The key of each event ([`lanes_of`] with the rest of the key).
pub(super) fn keys_of(
    events: &[Event],
    themes: &mut Vec<Theme>,
    notes: &mut Vec<String>,
) -> (Vec<Key>, bool) {
    let key = |e: &Event, index: usize, lane_importance: u32| Key {
        start: e.axis_start() as i64,
        end: e.axis_end() as i64,
        id: id_prefix(e.id()),
        index: u32::try_from(index).unwrap_or(u32::MAX),
        lane_importance,
    };
    lanes_of(events, themes, notes, key, |k: &mut Key| {
        &mut k.lane_importance
    })
}

/// Each event's lane (its theme's place in `themes`) and importance packed as a key holds them
/// ([`Key::pack`]), made into a `T` with the event and its place by `of_event` (`packed` gives a
/// `T`'s packed lane back); a theme not among `themes` is added (generated), with a note
/// saying so. Made on every core, part by part: each part names its lanes by the themes it
/// meets, in order, and those are then found among `themes` (most events share their theme's
/// name with others: it is found by its address, not read or hashed per event). Also whether
/// any event links to another.
pub(super) fn lanes_of<T: Clone + Default + Send + Sync>(
    events: &[Event],
    themes: &mut Vec<Theme>,
    notes: &mut Vec<String>,
    of_event: impl Fn(&Event, usize, u32) -> T + Sync,
    packed: impl Fn(&mut T) -> &mut u32 + Sync,
) -> (Vec<T>, bool) {
    let mut out = vec![T::default(); events.len()];
    let parts: Vec<(Vec<&str>, bool)> = out
        .par_chunks_mut(KEY_PART)
        .zip(events.par_chunks(KEY_PART))
        .enumerate()
        .map(|(part, (out, events))| part_lanes(out, events, part * KEY_PART, &of_event))
        .collect();
    let mut index: HashMap<String, u32, foldhash::fast::FixedState> = themes
        .iter()
        .zip(0u32..)
        .map(|(t, i)| (t.id.clone(), i))
        .collect();
    // Each part's lanes by their numbers there, in the parts' order (as one pass would meet them).
    let lanes: Vec<Vec<u32>> = parts
        .iter()
        .map(|(names, _)| {
            names
                .iter()
                .map(|&theme| {
                    *index.entry(theme.to_owned()).or_insert_with(|| {
                        let taken: Vec<_> = themes.iter().map(|t| t.color).collect();
                        notes.push(format!(
                            "theme \"{theme}\" is not declared; it gets a lane of its own"
                        ));
                        themes.push(Theme::generated(theme, &taken));
                        themes.len() as u32 - 1
                    })
                })
                .collect()
        })
        .collect();
    out.par_chunks_mut(KEY_PART)
        .zip(&lanes)
        .for_each(|(out, lanes)| {
            for m in out {
                let p = packed(m);
                let lane = lanes.get(lane_of(*p)).copied().unwrap_or_default();
                *p = Key::pack(lane, importance_of(*p));
            }
        });
    let links = parts.iter().any(|&(_, links)| links);
    (out, links)
}

/// Theme names whose lanes [`part_lanes`] finds by their address.
const SHARED_NAMES: usize = 16;

/// Fills `out` from `events` (the first of which is the `first`th event) with `of_event`; each
/// one's lane is the place of the event's theme among the names returned, which are in the
/// order met. Also whether any of the events links to another.
fn part_lanes<'e, T>(
    out: &mut [T],
    events: &'e [Event],
    first: usize,
    of_event: impl Fn(&Event, usize, u32) -> T,
) -> (Vec<&'e str>, bool) {
    let mut names: Vec<&str> = Vec::new();
    // (By hash: a file may give every event a theme of its own.)
    let mut known: HashMap<&str, u32, foldhash::fast::FixedState> = HashMap::default();
    // The lanes of the first few theme names met, by where their text is: the events a reader
    // makes share one name per theme, so most events' lanes are found by comparing addresses,
    // without reading or hashing the name (the same text elsewhere is looked up by hash).
    let mut shared: Vec<(usize, u32)> = Vec::new();
    let mut links = false;
    for ((m, e), i) in out.iter_mut().zip(events).zip(first..) {
        let theme = e.theme.as_str();
        let at = theme.as_ptr() as usize;
        let lane = if let Some(&(_, lane)) = shared.iter().find(|&&(name, _)| name == at) {
            lane
        } else {
            let lane = *known.entry(theme).or_insert_with(|| {
                names.push(theme);
                u32::try_from(names.len() - 1).unwrap_or(u32::MAX)
            });
            if shared.len() < SHARED_NAMES {
                shared.push((at, lane));
            }
            lane
        };
        links |= !e.links().is_empty();
        *m = of_event(e, i, Key::pack(lane, e.importance()));
    }
    (names, links)
}

/// Whether `events` are in the order [`sort_keys`] gives (start, end, then id; events equal in
/// all three in any order, as the sort keeps them): checked on every core, pair by pair, and
/// over at the first pair out of order (at once for a file in no order).
pub(super) fn in_order(events: &[Event]) -> bool {
    let order = |e: &Event| (e.axis_start() as i64, e.axis_end() as i64);
    events.par_windows(2).all(|w| {
        let (a, b) = (&w[0], &w[1]);
        (order(a), a.id()) <= (order(b), b.id())
    })
}

/// Sorts the keys of `events` by start, then end, then id (events equal in all three keep
/// their order). Ids are compared whole only between events of the same start and end whose ids
/// begin with the same eight bytes (a random read of each event, where the keys are read in
/// order: with ten million events that was a second and a half).
pub(super) fn sort_keys(events: &[Event], keys: &mut [Key]) {
    keys.par_sort_unstable_by_key(|k| (k.start, k.end, k.id, k.index));
    for run in keys.chunk_by_mut(|a, b| (a.start, a.end, a.id) == (b.start, b.end, b.id)) {
        if run.len() > 1 {
            // Ids alike in their first bytes; stable: in file order among equal ids.
            run.sort_by(|a, b| {
                events[a.index as usize]
                    .id()
                    .cmp(events[b.index as usize].id())
            });
        }
    }
}

/// A lane's events (places among the sorted events) and their times and importance levels.
struct LaneParts<E, T, I> {
    events: E,
    starts: T,
    ends: T,
    importance: I,
}

/// A lane's whole lists.
type LaneLists = LaneParts<Vec<u32>, Vec<AxisTime>, Vec<u8>>;
/// The stretch of a lane's lists one part of the keys fills.
type LaneSlices<'a> = LaneParts<&'a mut [u32], &'a mut [AxisTime], &'a mut [u8]>;

impl LaneLists {
    /// Lists of `n` events (zeroed memory: the system gives it as it is written).
    fn zeroed(n: usize) -> Self {
        Self {
            events: vec![0; n],
            starts: vec![0.0; n],
            ends: vec![0.0; n],
            importance: vec![0; n],
        }
    }

    /// The lists split in stretches of `lens` events, one after the other.
    fn split(&mut self, lens: impl Iterator<Item = usize>) -> Vec<LaneSlices<'_>> {
        let mut rest = LaneParts {
            events: &mut self.events[..],
            starts: &mut self.starts[..],
            ends: &mut self.ends[..],
            importance: &mut self.importance[..],
        };
        lens.map(|n| {
            let (events, e) = std::mem::take(&mut rest.events).split_at_mut(n);
            let (starts, s) = std::mem::take(&mut rest.starts).split_at_mut(n);
            let (ends, d) = std::mem::take(&mut rest.ends).split_at_mut(n);
            let (importance, i) = std::mem::take(&mut rest.importance).split_at_mut(n);
            rest = LaneParts {
                events: e,
                starts: s,
                ends: d,
                importance: i,
            };
            LaneParts {
                events,
                starts,
                ends,
                importance,
            }
        })
        .collect()
    }
}

/// Keys per part when the lanes are indexed on every core.
pub(super) const LANE_PART: usize = 1 << 20;

/// What a lane index needs of the event at a place in start order: its lane, its start and
/// end as whole days, and its importance.
type Slot = (usize, AxisTime, AxisTime, u8);

/// Each lane's index, from the keys of the events in order.
pub(super) fn lane_indices(keys: &[Key], lanes: usize) -> Vec<LaneIndex> {
    lane_indices_in_parts(keys.len(), &slot_of_key(keys), lanes, LANE_PART)
}

/// The slot of the event at each place from the sorted keys.
pub(super) fn slot_of_key(keys: &[Key]) -> impl Fn(usize) -> Slot + Sync {
    |place| {
        let k = &keys[place];
        (
            k.lane(),
            k.start as AxisTime,
            k.end as AxisTime,
            k.importance(),
        )
    }
}

/// The slot of the event at each place from the events in start order and their lanes (packed
/// as a key packs them): the times as the keys give them.
pub(super) fn slot_of_event<'a>(
    events: &'a [Event],
    lanes: &'a [u32],
) -> impl Fn(usize) -> Slot + Sync {
    |place| {
        let (e, packed) = (&events[place], lanes[place]);
        let start = e.axis_start() as i64 as AxisTime;
        let end = e.axis_end() as i64 as AxisTime;
        (lane_of(packed), start, end, importance_of(packed))
    }
}

/// Each lane's index, from the `n` events in start order (`slot` gives what is needed of each),
/// on every core: each part of `part` events counts its events in each lane, then writes them
/// into its own stretch of each lane's lists (made once, at their size), then each lane is
/// indexed.
pub(super) fn lane_indices_in_parts(
    n: usize,
    slot: &(impl Fn(usize) -> Slot + Sync),
    lanes: usize,
    part: usize,
) -> Vec<LaneIndex> {
    let places = |i: usize| i * part..((i + 1) * part).min(n);
    let counts: Vec<Vec<usize>> = (0..n.div_ceil(part))
        .into_par_iter()
        .map(|i| {
            let mut counts = vec![0usize; lanes];
            for place in places(i) {
                counts[slot(place).0] += 1;
            }
            counts
        })
        .collect();
    let mut lists: Vec<LaneLists> = (0..lanes)
        .map(|lane| LaneLists::zeroed(counts.iter().map(|c| c[lane]).sum()))
        .collect();
    // Each part's stretches of every lane's lists.
    let mut stretches: Vec<Vec<LaneSlices<'_>>> =
        counts.iter().map(|_| Vec::with_capacity(lanes)).collect();
    for (lane, list) in lists.iter_mut().enumerate() {
        for (part, s) in stretches
            .iter_mut()
            .zip(list.split(counts.iter().map(|c| c[lane])))
        {
            part.push(s);
        }
    }
    stretches
        .into_par_iter()
        .enumerate()
        .for_each(|(i, mut lanes)| {
            let mut filled = vec![0usize; lanes.len()];
            for place in places(i) {
                let (lane, start, end, importance) = slot(place);
                let (list, at) = (&mut lanes[lane], &mut filled[lane]);
                list.events[*at] = u32::try_from(place).unwrap_or(u32::MAX);
                list.starts[*at] = start;
                list.ends[*at] = end;
                list.importance[*at] = importance;
                *at += 1;
            }
        });
    lists
        .into_par_iter()
        .map(|l| LaneIndex::from_times(l.events, l.starts, l.ends, &l.importance))
        .collect()
}

#[cfg(test)]
#[path = "indexing_tests.rs"]
mod tests;
