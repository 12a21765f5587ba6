//! Per-lane indices that answer "what is visible" and "how many start here" by binary search, so
//! no frame ever walks a whole lane: starts and ends in contiguous arrays, the few long ranges
//! apart (so one long event does not widen every search), and each importance level's events.

use super::date::AxisTime;
use super::event::{Event, MAX_IMPORTANCE, MIN_IMPORTANCE};

/// Events longer than this (days) are searched apart from the others: a visible range is found
/// among events starting at most this long before it, plus the long ones.
pub const LONG_DAYS: f64 = 366.0;

/// How many of a lane's long events share one latest end (`LaneIndex::long_reach`).
const LONG_BLOCK: usize = 64;

const LEVELS: usize = (MAX_IMPORTANCE - MIN_IMPORTANCE + 1) as usize;

/// The place of an importance level's list among a lane's `levels` (out of range: the nearest).
fn level_of(importance: u8) -> usize {
    usize::from(importance.clamp(MIN_IMPORTANCE, MAX_IMPORTANCE) - MIN_IMPORTANCE)
}

/// The events of one lane, as indices into the dataset's events, sorted by start.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LaneIndex {
    /// (Indices as u32, four bytes an event rather than eight: a file holds fewer than four
    /// billion events.)
    events: Vec<u32>,
    /// Axis start and end of each of `events`.
    starts: Vec<AxisTime>,
    ends: Vec<AxisTime>,
    /// Positions in `events` of those longer than [`LONG_DAYS`].
    long: Vec<u32>,
    /// The latest end in each block of [`LONG_BLOCK`] of `long`: a search passes over the
    /// blocks that end before the view without reading their events' ends (at a day in 1870,
    /// with a million events, some 17,000 long events of a lane start more than a year before).
    long_reach: Vec<AxisTime>,
    /// Positions in `events` of each importance level's events (1 first), in start order.
    levels: [Vec<u32>; LEVELS],
}

impl LaneIndex {
    /// The index of a lane's events; `indices` are sorted by start.
    pub fn new<E: std::ops::Index<usize, Output = Event> + ?Sized>(
        all: &E,
        indices: Vec<usize>,
    ) -> Self {
        let starts = indices.iter().map(|&i| all[i].axis_start()).collect();
        let ends = indices.iter().map(|&i| all[i].axis_end()).collect();
        let importance: Vec<u8> = indices.iter().map(|&i| all[i].importance()).collect();
        let indices = indices.into_iter().map(index_u32).collect();
        Self::from_times(indices, starts, ends, &importance)
    }

    /// The index of a lane's events (`indices`, sorted by start) from their axis starts and
    /// ends and importance levels, in the same order.
    pub fn from_times(
        indices: Vec<u32>,
        starts: Vec<AxisTime>,
        ends: Vec<AxisTime>,
        importance: &[u8],
    ) -> Self {
        let mut l = Self {
            starts,
            ends,
            ..Self::default()
        };
        // Each level's events counted first: its list is made once, at its size.
        let mut counts = [0usize; LEVELS];
        for &level in importance {
            counts[level_of(level)] += 1;
        }
        for (list, n) in l.levels.iter_mut().zip(counts) {
            list.reserve_exact(n);
        }
        for (pos, &level) in importance.iter().enumerate() {
            if l.ends[pos] - l.starts[pos] > LONG_DAYS {
                l.long.push(pos as u32);
            }
            l.levels[level_of(level)].push(pos as u32);
        }
        l.long_reach = l
            .long
            .chunks(LONG_BLOCK)
            .map(|block| {
                block
                    .iter()
                    .map(|&p| l.ends[p as usize])
                    .fold(f64::NEG_INFINITY, f64::max)
            })
            .collect();
        l.events = indices;
        l
    }

    /// Indices (into the dataset's events) of the lane's events, in start order.
    pub fn events(&self) -> impl DoubleEndedIterator<Item = usize> + ExactSizeIterator + '_ {
        self.events.iter().map(|&i| i as usize)
    }

    pub fn len(&self) -> usize {
        self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// Positions in `events` of the events overlapping `[from, to)`, in start order.
    fn visible_positions(&self, from: AxisTime, to: AxisTime) -> impl Iterator<Item = usize> + '_ {
        let lo = self.starts.partition_point(|&s| s < from - LONG_DAYS);
        let hi = self.starts.partition_point(|&s| s < to).max(lo);
        // Long events that start before `lo` and reach into the range: only the blocks of them
        // whose latest end does are read.
        let early = self.long.partition_point(|&p| (p as usize) < lo);
        let early = self.long[..early]
            .chunks(LONG_BLOCK)
            .zip(&self.long_reach)
            .filter(move |&(_, &reach)| reach > from)
            .flat_map(|(block, _)| block.iter().map(|&p| p as usize))
            .filter(move |&p| self.ends[p] > from);
        early.chain((lo..hi).filter(move |&p| self.ends[p] > from))
    }

    /// Indices (into the dataset's events) of the events overlapping `[from, to)`, in start order.
    pub fn visible(&self, from: AxisTime, to: AxisTime) -> Vec<usize> {
        self.visible_positions(from, to)
            .map(|p| self.events[p] as usize)
            .collect()
    }

    /// [`Self::visible`] in two: the events starting at `from` or later, and those that began
    /// before and reach into the range (each in start order). Told apart by the index's own
    /// starts, without reading an event.
    pub fn visible_by_start(&self, from: AxisTime, to: AxisTime) -> (Vec<usize>, Vec<usize>) {
        let (mut starting, mut reaching) = (Vec::new(), Vec::new());
        for p in self.visible_positions(from, to) {
            let i = self.events[p] as usize;
            if self.starts[p] >= from {
                starting.push(i);
            } else {
                reaching.push(i);
            }
        }
        (starting, reaching)
    }

    /// Indices (into the dataset's events) of the events that start before `t` and end after
    /// it: the few a date filter from `t` lets in although they start earlier.
    pub fn reaching_into(&self, t: AxisTime) -> Vec<usize> {
        self.visible_positions(t, t)
            .map(|p| self.events[p] as usize)
            .collect()
    }

    /// How many events of importance `min_importance` or more start in `[t0, t1)`.
    pub fn count_starting(&self, t0: AxisTime, t1: AxisTime, min_importance: u8) -> usize {
        if min_importance <= MIN_IMPORTANCE {
            let lo = self.starts.partition_point(|&s| s < t0);
            return self.starts[lo..].partition_point(|&s| s < t1);
        }
        self.levels_from(min_importance)
            .map(|level| {
                let lo = level.partition_point(|&p| self.starts[p as usize] < t0);
                lo + level[lo..].partition_point(|&p| self.starts[p as usize] < t1) - lo
            })
            .sum()
    }

    /// How many events of importance `min_importance` or more start between each two neighbours
    /// of the sorted `bounds`: `counts[i]` is the number starting in `[bounds[i], bounds[i+1])`.
    /// Each boundary is found by galloping on from the one before, so a whole row of columns
    /// costs a few steps each, close together in memory.
    pub fn counts_between(&self, bounds: &[AxisTime], min_importance: u8) -> Vec<usize> {
        let mut counts = vec![0; bounds.len().saturating_sub(1)];
        if min_importance <= MIN_IMPORTANCE {
            add_counts(&mut counts, bounds, self.starts.len(), |p| self.starts[p]);
        } else {
            for level in self.levels_from(min_importance) {
                add_counts(&mut counts, bounds, level.len(), |p| {
                    self.starts[level[p] as usize]
                });
            }
        }
        counts
    }

    /// The first event (index into the dataset's events) of importance `min_importance` or more
    /// starting in `[t0, t1)`, preferring the most important.
    pub fn first_starting(&self, t0: AxisTime, t1: AxisTime, min_importance: u8) -> Option<usize> {
        self.levels_from(min_importance).rev().find_map(|level| {
            let lo = level.partition_point(|&p| self.starts[p as usize] < t0);
            level
                .get(lo)
                .filter(|&&p| self.starts[p as usize] < t1)
                .map(|&p| self.events[p as usize] as usize)
        })
    }

    fn levels_from(&self, min_importance: u8) -> impl DoubleEndedIterator<Item = &Vec<u32>> {
        let skip = usize::from(min_importance.max(MIN_IMPORTANCE) - MIN_IMPORTANCE);
        self.levels.iter().skip(skip)
    }
}

/// Adds to `counts[i]` how many of `len` sorted values (`value(p)`) lie in
/// `[bounds[i], bounds[i+1])`.
fn add_counts(
    counts: &mut [usize],
    bounds: &[AxisTime],
    len: usize,
    value: impl Fn(usize) -> AxisTime,
) {
    // The first position whose value is at least `t`, searching from `from` on by galloping.
    let seek = |from: usize, t: AxisTime| {
        let mut step = 1;
        let mut lo = from;
        let mut hi = from;
        while hi < len && value(hi) < t {
            lo = hi + 1;
            hi += step;
            step *= 2;
        }
        let hi = hi.min(len);
        // Binary search in (lo..hi] for the first value >= t.
        let (mut a, mut b) = (lo, hi);
        while a < b {
            let m = a + (b - a) / 2;
            if value(m) < t {
                a = m + 1;
            } else {
                b = m;
            }
        }
        a
    };
    let Some(&first) = bounds.first() else { return };
    let mut at = seek(0, first);
    for (i, &t) in bounds.iter().enumerate().skip(1) {
        let next = seek(at, t);
        counts[i - 1] += next - at;
        at = next;
    }
}

/// An index into a dataset's events as stored in a lane index.
fn index_u32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::HistDate;

    fn ev(i: usize, start: &str, end: Option<&str>, importance: u8) -> Event {
        let date = |s: &str| HistDate::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"));
        let mut e = Event::new(format!("e{i}"), format!("E{i}"), date(start));
        e.end = end.map(date);
        e.theme = "t".into();
        e.set_importance(importance);
        e
    }

    fn lane(events: &[Event]) -> LaneIndex {
        LaneIndex::new(events, (0..events.len()).collect())
    }

    fn t(s: &str) -> AxisTime {
        HistDate::parse(s).map_or(f64::NAN, |d| d.axis_start())
    }

    #[test]
    fn visible_matches_a_scan_with_long_and_short_ranges() {
        let mut events = vec![
            ev(0, "1700", Some("1900"), 1),
            ev(1, "1800-01-01", None, 2),
            ev(2, "1850-05-01", Some("1850-06-01"), 3),
            ev(3, "1851", None, 5),
            ev(4, "1849-01-01", Some("1851-01-01"), 4),
            ev(5, "1860", None, 1),
        ];
        events.sort_by(|a, b| a.axis_start().total_cmp(&b.axis_start()));
        let l = lane(&events);
        for (from, to) in [
            ("1850", "1851"),
            ("1600", "2000"),
            ("1855", "1856"),
            ("1901", "1950"),
        ] {
            let (a, b) = (t(from), t(to));
            let scan: Vec<usize> = (0..events.len())
                .filter(|&i| events[i].axis_start() < b && events[i].axis_end() > a)
                .collect();
            assert_eq!(l.visible(a, b), scan, "{from}–{to}");
        }
    }

    #[test]
    fn visible_matches_a_scan_across_many_blocks_of_long_events() {
        // Hundreds of long spans (several blocks of them), a few of them centuries long, among
        // short events: every range finds exactly what a scan of all events finds.
        let mut rng = fastrand::Rng::with_seed(7);
        let mut events: Vec<Event> = (0..3000)
            .map(|i| {
                let year = rng.i32(1500..1900);
                let start = format!("{year}-{:02}-{:02}", rng.u8(1..13), rng.u8(1..29));
                let end = match rng.u8(0..100) {
                    0..=1 => Some(format!("{}", year + rng.i32(50..300))),
                    2..=29 => Some(format!("{}", year + rng.i32(1..6))),
                    30..=49 => Some(format!("{year}-12-31")),
                    _ => None,
                };
                ev(i, &start, end.as_deref(), rng.u8(1..6))
            })
            .collect();
        events.sort_by(|a, b| a.axis_start().total_cmp(&b.axis_start()));
        let l = lane(&events);
        assert!(
            l.long.len() > 3 * LONG_BLOCK,
            "{} long events",
            l.long.len()
        );
        for _ in 0..300 {
            let a = t(&format!("{}", rng.i32(1490..1910))) + rng.f64() * 365.0;
            let b = a + [1.0, 30.0, 400.0, 5000.0][rng.usize(0..4)];
            let scan: Vec<usize> = (0..events.len())
                .filter(|&i| events[i].axis_start() < b && events[i].axis_end() > a)
                .collect();
            let mut found = l.visible(a, b);
            found.sort_unstable();
            assert_eq!(found, scan, "{a}–{b}");
            let (starting, reaching) = l.visible_by_start(a, b);
            assert!(starting.iter().all(|&i| events[i].axis_start() >= a));
            assert!(reaching.iter().all(|&i| events[i].axis_start() < a));
            assert_eq!(starting.len() + reaching.len(), scan.len());
        }
        // Columns counted in one pass give what counting each column by itself gives: columns
        // of a few events and of thousands, a bound on an event's start.
        for _ in 0..100 {
            let from = t(&format!("{}", rng.i32(1450..1900)));
            let step = [0.5, 3.0, 40.0, 900.0, 20_000.0][rng.usize(0..5)];
            let mut bounds: Vec<AxisTime> = (0..rng.usize(2..400))
                .map(|k| from + k as f64 * step)
                .collect();
            // Now and then a bound exactly on an event's start.
            if let Some(b) = bounds.get_mut(1) {
                *b = events[rng.usize(0..events.len())].axis_start().max(from);
            }
            bounds.sort_by(f64::total_cmp);
            let one_by_one: Vec<usize> = bounds
                .windows(2)
                .map(|w| l.count_starting(w[0], w[1], 1))
                .collect();
            assert_eq!(l.counts_between(&bounds, 1), one_by_one, "{from} by {step}");
        }
    }

    #[test]
    fn counts_by_start_and_importance() {
        let events: Vec<Event> = (0..100)
            .map(|i| ev(i, &format!("{}", 1800 + i), None, (i % 5) as u8 + 1))
            .collect();
        let l = lane(&events);
        assert_eq!(l.count_starting(t("1800"), t("1900"), 1), 100);
        assert_eq!(l.count_starting(t("1810"), t("1820"), 1), 10);
        assert_eq!(l.count_starting(t("1800"), t("1900"), 4), 40);
        assert_eq!(l.count_starting(t("1810"), t("1820"), 5), 2);
        assert_eq!(l.first_starting(t("1810"), t("1820"), 1), Some(14));
        assert_eq!(l.first_starting(t("1810"), t("1813"), 3), Some(12));
        assert_eq!(l.first_starting(t("1810"), t("1812"), 3), None);
        let bounds: Vec<AxisTime> = (0..=21).map(|k| t(&format!("{}", 1795 + 5 * k))).collect();
        for min in [1, 2, 5] {
            let counts = l.counts_between(&bounds, min);
            let one_by_one: Vec<usize> = bounds
                .windows(2)
                .map(|w| l.count_starting(w[0], w[1], min))
                .collect();
            assert_eq!(counts, one_by_one, "importance ≥ {min}");
        }
        assert_eq!(l.counts_between(&bounds, 1).iter().sum::<usize>(), 100);
    }

    #[test]
    fn counts_between_runs_of_equal_starts() {
        // 1,000 events a year on three days of it: runs of a few hundred equal starts.
        let days = ["01-01", "06-15", "12-31"];
        let events: Vec<Event> = (0..6000)
            .map(|i| {
                let year = 1850 + i / 1000;
                ev(
                    i,
                    &format!("{year}-{}", days[(i % 1000) * 3 / 1000]),
                    None,
                    1,
                )
            })
            .collect();
        let l = lane(&events);
        let on = |s: &str| t(s);
        let bounds = [
            on("1849-12-31"),
            on("1850-01-01"),
            on("1850-01-02"),
            on("1850-06-15"),
            on("1851-01-01"),
            on("1853-06-15"),
            on("1853-06-16"),
            on("1860-01-01"),
        ];
        let one_by_one: Vec<usize> = bounds
            .windows(2)
            .map(|w| l.count_starting(w[0], w[1], 1))
            .collect();
        assert_eq!(l.counts_between(&bounds, 1), one_by_one);
        assert_eq!(one_by_one[1], 334, "the first day of 1850");
        assert_eq!(one_by_one.iter().sum::<usize>(), 6000);
    }
}
