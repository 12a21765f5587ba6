//! Level of detail: how a lane is drawn for the events the view holds. Few events are laid out
//! one by one; more are merged where they fall within a few points of each other into counted
//! clusters; many become a density graph (events starting per column of pixels) with a few
//! headline events labelled over it. Everything here is found by binary search in the lane's
//! index, so the cost of a frame depends on the window's width, not on the number of events.

use crate::model::{AxisTime, Filter, LaneIndex};

use super::view::TimeMapping;

/// Lanes with at most this many events starting in view are laid out event by event.
pub const DETAIL_LIMIT: usize = 150;
/// Lanes with at most this many are drawn as clusters; more as a density graph.
pub const CLUSTER_LIMIT: usize = 4000;
/// Events closer than this (points) merge into a cluster.
pub const CLUSTER_PX: f32 = 4.0;
/// Width of a density column (points).
pub const DENSITY_PX: f32 = 2.0;
/// Width of the slots in which one headline event each is labelled over a density graph.
pub const HEADLINE_SLOT_PX: f32 = 180.0;

/// How a lane is drawn at the current view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Detail,
    Clusters,
    Density,
}

/// The level of detail for a lane with `candidates` events starting in view.
pub fn level(candidates: usize) -> Level {
    if candidates <= DETAIL_LIMIT {
        Level::Detail
    } else if candidates <= CLUSTER_LIMIT {
        Level::Clusters
    } else {
        Level::Density
    }
}

/// A stretch of the time axis and how many events start in it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bin {
    pub x0: f32,
    pub x1: f32,
    pub t0: AxisTime,
    pub t1: AxisTime,
    pub count: u32,
}

/// The part of the view the filter's date range lets through (by start), or `None`.
fn shown_range(filter: &Filter, mapping: &TimeMapping) -> Option<(AxisTime, AxisTime)> {
    let mut from = mapping.view.start;
    let mut to = mapping.view.end();
    if let Some(f) = &filter.from {
        from = from.max(f.axis_start());
    }
    if let Some(t) = &filter.to {
        to = to.min(t.axis_end());
    }
    (from < to).then_some((from, to))
}

/// The non-empty bins, `px` points wide, of the events of `lane` that pass `filter` and start
/// in the view. Their counts add up to exactly the number of such events.
pub fn bins(lane: &LaneIndex, filter: &Filter, mapping: &TimeMapping, px: f32) -> Vec<Bin> {
    profiling::function_scope!();
    let Some((from, to)) = shown_range(filter, mapping) else {
        return Vec::new();
    };
    let x_from = mapping.x_from_time(from);
    let x_to = mapping.x_from_time(to);
    let n = ((x_to - x_from) / px).ceil().max(1.0) as usize;
    // Column edges in time; the last is exactly `to`.
    let xs: Vec<f32> = (0..=n)
        .map(|k| (x_from + k as f32 * px).min(x_to))
        .collect();
    let mut ts: Vec<AxisTime> = xs.iter().map(|&x| mapping.time_from_x(x)).collect();
    ts[0] = from;
    ts[n] = to;
    for k in 1..n {
        ts[k] = ts[k].clamp(ts[k - 1], to);
    }
    lane.counts_between(&ts, filter.min_importance)
        .into_iter()
        .enumerate()
        .filter(|&(_, c)| c > 0)
        .map(|(k, c)| Bin {
            x0: xs[k],
            x1: xs[k + 1],
            t0: ts[k],
            t1: ts[k + 1],
            count: u32::try_from(c).unwrap_or(u32::MAX),
        })
        .collect()
}

/// Widest a cluster grows (points) by taking in its neighbours.
pub const MAX_CLUSTER_PX: f32 = 24.0;

/// Adjacent crowded bins joined, up to [`MAX_CLUSTER_PX`] wide: a cluster is a run of bins of
/// several events with no empty one between.
pub fn clusters(bins: &[Bin]) -> Vec<Bin> {
    profiling::function_scope!();
    let mut out: Vec<Bin> = Vec::new();
    for b in bins {
        match out.last_mut() {
            Some(last)
                if (b.x0 - last.x1).abs() < 0.01
                    && last.count > 1
                    && b.count > 1
                    && b.x1 - last.x0 <= MAX_CLUSTER_PX =>
            {
                last.x1 = b.x1;
                last.t1 = b.t1;
                last.count += b.count;
            }
            _ => out.push(*b),
        }
    }
    out
}

/// Whether clusters cover so much of a lane (a third of `width`) that they run into each other:
/// the lane is then better drawn as a density graph.
pub fn crowded(clusters: &[Bin], width: f32) -> bool {
    let covered: f32 = clusters
        .iter()
        .filter(|c| c.count > 1)
        .map(|c| c.x1 - c.x0)
        .sum();
    covered > width / 3.0
}

/// Headline events to label over a density graph: in each slot of [`HEADLINE_SLOT_PX`], the
/// first event of the highest importance present (at least the filter's), as dataset indices.
pub fn headlines(lane: &LaneIndex, filter: &Filter, mapping: &TimeMapping) -> Vec<usize> {
    profiling::function_scope!();
    let Some((from, to)) = shown_range(filter, mapping) else {
        return Vec::new();
    };
    let min = filter.min_importance.max(4);
    let (x_from, x_to) = (mapping.x_from_time(from), mapping.x_from_time(to));
    let slots = ((x_to - x_from) / HEADLINE_SLOT_PX).ceil().max(1.0) as usize;
    (0..slots)
        .filter_map(|k| {
            let t0 = mapping
                .time_from_x(x_from + k as f32 * HEADLINE_SLOT_PX)
                .max(from);
            let t1 = mapping
                .time_from_x(x_from + (k + 1) as f32 * HEADLINE_SLOT_PX)
                .min(to);
            lane.first_starting(t0, t1, min)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth;
    use crate::timeline::view::TimeView;

    fn mapping(from_year: i64, years: f64) -> TimeMapping {
        let start = crate::model::date::axis_from_year(from_year);
        TimeMapping::new(TimeView::new(start, years * 365.2425), 120.0, 1400.0)
    }

    #[test]
    fn bins_conserve_the_count_of_events_starting_in_view() {
        let d = synth::dataset(30_000, 3);
        for (from, years) in [(1770, 150.0), (1850, 10.0), (1900, 0.1)] {
            let m = mapping(from, years);
            for min_importance in [1, 3, 5] {
                let filter = Filter {
                    min_importance,
                    ..Filter::default()
                };
                for (lane, index) in d.lanes().iter().enumerate() {
                    let brute = index
                        .events()
                        .filter(|&i| {
                            let e = &d.events()[i];
                            e.importance() >= min_importance
                                && e.axis_start() >= m.view.start
                                && e.axis_start() < m.view.end()
                        })
                        .count();
                    let b = bins(index, &filter, &m, DENSITY_PX);
                    let total: u32 = b.iter().map(|b| b.count).sum();
                    assert_eq!(
                        total as usize, brute,
                        "lane {lane}, {from}+{years}, ≥{min_importance}"
                    );
                    let c: u32 = clusters(&b).iter().map(|b| b.count).sum();
                    assert_eq!(c, total, "clusters keep every event");
                }
            }
        }
    }

    #[test]
    fn every_event_lies_in_the_bin_at_its_x() {
        let d = synth::dataset(5_000, 9);
        let m = mapping(1800, 20.0);
        let filter = Filter::default();
        let index = &d.lanes()[0];
        let b = bins(index, &filter, &m, CLUSTER_PX);
        for i in index.events() {
            let e = &d.events()[i];
            let t = e.axis_start();
            if t < m.view.start || t >= m.view.end() {
                continue;
            }
            let x = m.x_from_time(t);
            assert!(
                b.iter()
                    .any(|b| x >= b.x0 - 0.01 && x <= b.x1 + 0.01 && t >= b.t0 && t < b.t1),
                "event {i} at x {x} is in no bin"
            );
        }
    }

    #[test]
    fn clusters_stay_narrow_and_a_uniform_crowd_reads_as_density() {
        let d = synth::dataset(20_000, 6);
        let m = mapping(1850, 10.0);
        let b = bins(&d.lanes()[0], &Filter::default(), &m, CLUSTER_PX);
        let c = clusters(&b);
        assert!(c.iter().all(|c| c.x1 - c.x0 <= MAX_CLUSTER_PX + 0.01));
        assert!(crowded(&c, m.width), "evenly spread events fill the lane");
        // A few events far apart are not crowded.
        let sparse = [
            Bin {
                x0: 10.0,
                x1: 14.0,
                t0: 0.0,
                t1: 1.0,
                count: 3,
            },
            Bin {
                x0: 500.0,
                x1: 504.0,
                t0: 5.0,
                t1: 6.0,
                count: 2,
            },
        ];
        assert_eq!(clusters(&sparse).len(), 2);
        assert!(!crowded(&sparse, 1400.0));
    }

    #[test]
    fn date_filter_and_levels() {
        let d = synth::dataset(20_000, 4);
        let m = mapping(1770, 150.0);
        let filter = Filter {
            from: crate::model::HistDate::parse("1850").ok(),
            to: crate::model::HistDate::parse("1859").ok(),
            ..Filter::default()
        };
        let b = bins(&d.lanes()[1], &filter, &m, DENSITY_PX);
        let lo = m.x_from_time(crate::model::date::axis_from_year(1850));
        let hi = m.x_from_time(crate::model::date::axis_from_year(1860));
        assert!(b.iter().all(|b| b.x0 >= lo - 0.01 && b.x1 <= hi + 0.01));
        assert_eq!(level(10), Level::Detail);
        assert_eq!(level(1000), Level::Clusters);
        assert_eq!(level(100_000), Level::Density);
        let h = headlines(&d.lanes()[0], &Filter::default(), &m);
        assert!(!h.is_empty() && h.len() <= 8);
        assert!(h.iter().all(|&i| d.events()[i].importance() >= 4));
    }
}
