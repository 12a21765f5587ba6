//! Layout: which events are visible, where each one sits (lane, sub-row, x extents) and which
//! labels fit. Pure: it takes the dataset, the filter, the time mapping and a text measurer, and
//! returns positions in points relative to the top of the lanes. The screen and the PNG export
//! both paint from it.

use crate::model::{AxisTime, Dataset, Filter};

use super::lod::{self, Bin, Level};
use super::view::TimeMapping;

/// Sizes that shape the layout, in points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Params {
    pub row_height: f32,
    pub lane_padding: f32,
    /// Half the size of a point marker.
    pub marker_radius: f32,
    /// Minimum room kept between neighbours in a row.
    pub gap: f32,
    /// At most this many sub-rows per lane; items that fit nowhere share a row, unlabelled.
    pub max_rows: usize,
}

impl Default for Params {
    fn default() -> Self {
        Self {
            row_height: 22.0,
            lane_padding: 6.0,
            marker_radius: 5.0,
            gap: 6.0,
            max_rows: 6,
        }
    }
}

/// Where an event's label goes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Label {
    pub x: f32,
    pub width: f32,
    /// True when the label sits inside its range bar.
    pub inside: bool,
}

/// One visible event.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// Index into the dataset's events.
    pub event: usize,
    pub row: usize,
    /// Marker extents: a point's marker, or a range's bar (at least a marker wide).
    pub x0: f32,
    pub x1: f32,
    /// Extents of everything the start (and end) dates may denote: the year of `1855`, etc.
    pub bounds: (f32, f32),
    pub is_range: bool,
    pub label: Option<Label>,
    /// Set when the item stands for several events merged because they are too close to tell
    /// apart; `event` is then the first of them.
    pub cluster: Option<Cluster>,
}

/// Events merged into one marker.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cluster {
    pub count: u32,
    /// The stretch of time their starts fall in.
    pub t0: AxisTime,
    pub t1: AxisTime,
}

impl Item {
    /// The x range the item occupies including its label.
    pub fn extent(&self) -> (f32, f32) {
        match self.label {
            Some(l) if !l.inside => (self.x0.min(l.x), self.x1.max(l.x + l.width)),
            _ => (self.x0, self.x1),
        }
    }
}

/// One lane on screen.
#[derive(Clone, Debug, PartialEq)]
pub struct Lane {
    /// Index into the dataset's themes.
    pub theme: usize,
    pub top: f32,
    pub height: f32,
    pub rows: usize,
    pub items: Vec<Item>,
    pub level: Level,
    /// Density columns (events starting in each), when the lane is too dense for markers.
    pub density: Vec<Bin>,
}

impl Lane {
    /// Vertical center of a sub-row.
    pub fn row_center(&self, row: usize, p: &Params) -> f32 {
        self.top + p.lane_padding + (row as f32 + 0.5) * p.row_height
    }
}

/// An era band.
#[derive(Clone, Debug, PartialEq)]
pub struct EraBand {
    pub era: usize,
    pub x0: f32,
    pub x1: f32,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    pub lanes: Vec<Lane>,
    pub eras: Vec<EraBand>,
    /// Total height of the lanes.
    pub height: f32,
    /// Events that passed the filter in the visible range.
    pub visible_events: usize,
}

impl Layout {
    /// The item showing an event, with its lane.
    pub fn find(&self, event: usize) -> Option<(&Lane, &Item)> {
        self.lanes
            .iter()
            .find_map(|l| l.items.iter().find(|i| i.event == event).map(|i| (l, i)))
    }
}

/// Occupied x intervals of one sub-row, sorted and disjoint, each with the index of the item
/// that took it.
#[derive(Default)]
struct RowSpace(Vec<(f32, f32, usize)>);

impl RowSpace {
    /// Index of the first interval that ends after `a`.
    fn first_after(&self, a: f32) -> usize {
        self.0.partition_point(|&(_, end, _)| end <= a)
    }
    fn is_free(&self, a: f32, b: f32) -> bool {
        self.0
            .get(self.first_after(a))
            .is_none_or(|&(start, _, _)| start >= b)
    }
    fn take(&mut self, a: f32, b: f32, owner: usize) {
        debug_assert!(self.is_free(a, b));
        let i = self.0.partition_point(|&(start, _, _)| start < a);
        self.0.insert(i, (a, b, owner));
    }
    /// Owners of the intervals overlapping `[a, b)`.
    fn overlapping(&self, a: f32, b: f32) -> impl Iterator<Item = usize> + '_ {
        self.0[self.first_after(a)..]
            .iter()
            .take_while(move |&&(start, _, _)| start < b)
            .map(|&(_, _, o)| o)
    }
    /// Takes `[a, b)` even where it is taken already, merging what it overlaps (for markers,
    /// which may pile up when crowded).
    fn cover(&mut self, a: f32, b: f32) {
        let i = self.first_after(a);
        let j = i + self.0[i..]
            .iter()
            .take_while(|&&(start, _, _)| start < b)
            .count();
        let (mut lo, mut hi) = (a, b);
        for &(s, e, _) in &self.0[i..j] {
            lo = lo.min(s);
            hi = hi.max(e);
        }
        self.0.splice(i..j, [(lo, hi, usize::MAX)]);
    }
    fn release(&mut self, owner: usize) {
        self.0.retain(|&(_, _, o)| o != owner);
    }
}

/// Where a label goes: inside a range bar when it fits in the bar's visible part, otherwise to
/// the right of the marker, or to its left when the right has no room on screen.
fn place_label(
    is_range: bool,
    x0: f32,
    x1: f32,
    width: f32,
    x_min: f32,
    x_max: f32,
    gap: f32,
) -> Label {
    let bar_from = x0.max(x_min);
    if is_range && x1.min(x_max) - bar_from >= width + 2.0 * gap {
        return Label {
            x: bar_from + gap,
            width,
            inside: true,
        };
    }
    // Beside the marker; kept on screen (sticky) when the marker is off the left edge.
    let right = (x1 + gap * 0.5).max(x_min + gap * 0.5);
    let left = x0 - gap * 0.5 - width;
    if right + width > x_max && left >= x_min {
        Label {
            x: left,
            width,
            inside: false,
        }
    } else {
        Label {
            x: right,
            width,
            inside: false,
        }
    }
}

/// Rows a density lane is at least tall, so its graph reads.
const DENSITY_ROWS: usize = 3;

/// What is laid out in a lane: an event, or a cluster (its first event and its bin).
#[derive(Clone, Copy, Debug)]
enum Entry {
    Event(usize),
    Cluster(usize, Bin),
}

impl Entry {
    /// Clusters before events, events by importance.
    fn priority(&self, dataset: &Dataset) -> u8 {
        match self {
            Self::Cluster(..) => u8::MAX,
            Self::Event(i) => dataset.event(*i).map_or(0, |e| e.importance),
        }
    }
}

/// The events drawn one by one: every event starting in view, then the most important of the
/// spans that began earlier and reach into it, at most [`lod::DETAIL_LIMIT`] in all (a day in a
/// million events is crossed by hundreds of long spans; drawing them all says nothing more).
fn detail_entries(dataset: &Dataset, visible: Vec<usize>, from: AxisTime) -> Vec<usize> {
    if visible.len() <= lod::DETAIL_LIMIT {
        return visible;
    }
    let starts_in_view = |i: &usize| dataset.event(*i).is_some_and(|e| e.axis_start() >= from);
    let (mut shown, mut reaching): (Vec<usize>, Vec<usize>) =
        visible.into_iter().partition(starts_in_view);
    let importance = |i: &usize| dataset.event(*i).map_or(0, |e| e.importance);
    reaching.sort_by_key(|i| std::cmp::Reverse(importance(i)));
    reaching.truncate(lod::DETAIL_LIMIT.saturating_sub(shown.len()));
    shown.extend(reaching);
    shown
}

/// Per sub-row of a lane: the x intervals taken by markers, and by labels.
type Rows = Vec<(RowSpace, RowSpace)>;

/// Places a cluster marker (a pill wide enough for its count, centred on its events) in the
/// first row where it covers no label; clusters never lose their place.
fn place_cluster(
    rows: &mut Rows,
    items: &mut Vec<Item>,
    first: usize,
    bin: &Bin,
    p: &Params,
    measure: &mut dyn FnMut(&str) -> f32,
) {
    let text = bin.count.to_string();
    let width = (measure(&text) + 8.0).max(2.0 * p.marker_radius);
    let centre = (bin.x0 + bin.x1) * 0.5;
    let (x0, x1) = (
        (centre - width * 0.5).min(bin.x0),
        (centre + width * 0.5).max(bin.x1),
    );
    let (ma, mb) = (x0 - p.gap * 0.25, x1 + p.gap * 0.25);
    let mut row = rows
        .iter()
        .position(|r| r.0.is_free(ma, mb) && r.1.is_free(ma, mb));
    if row.is_none() && rows.len() < p.max_rows {
        rows.push(Default::default());
        row = Some(rows.len() - 1);
    }
    let row = row
        .or_else(|| rows.iter().position(|r| r.1.is_free(ma, mb)))
        .unwrap_or(0);
    if let Some(space) = rows.get_mut(row) {
        space.0.cover(ma, mb);
    }
    items.push(Item {
        event: first,
        row,
        x0,
        x1,
        bounds: (bin.x0, bin.x1),
        is_range: false,
        label: None,
        cluster: Some(Cluster {
            count: bin.count,
            t0: bin.t0,
            t1: bin.t1,
        }),
    });
}

/// Lays out the visible, filtered events of each shown theme.
pub fn layout(
    dataset: &Dataset,
    filter: &Filter,
    mapping: &TimeMapping,
    p: &Params,
    measure: &mut dyn FnMut(&str) -> f32,
) -> Layout {
    let (from, to) = (mapping.view.start, mapping.view.end());
    let (x_min, x_max) = (mapping.x_min, mapping.x_min + mapping.width);
    let mut out = Layout::default();
    let mut top = 0.0;
    for (lane_index, theme) in dataset.themes().iter().enumerate() {
        if filter.hidden_themes.contains(&theme.id) {
            continue;
        }
        let Some(index) = dataset.lanes().get(lane_index) else {
            continue;
        };
        // How crowded the view is: the events starting in it (a span that began earlier is
        // drawn too, but does not crowd the view).
        let mut level = lod::level(index.count_starting(from, to, filter.min_importance));
        let mut clusters = Vec::new();
        if level == Level::Clusters {
            clusters = lod::clusters(&lod::bins(index, filter, mapping, lod::CLUSTER_PX));
            // Clusters that run into each other say less than a density graph.
            if lod::crowded(&clusters, mapping.width) {
                level = Level::Density;
            }
        }
        let mut density = Vec::new();
        let mut entries: Vec<Entry> = Vec::new();
        match level {
            Level::Detail => {
                let visible: Vec<usize> = index
                    .visible(from, to)
                    .into_iter()
                    .filter(|&i| dataset.event(i).is_some_and(|e| filter.passes(e)))
                    .collect();
                out.visible_events += visible.len();
                entries = detail_entries(dataset, visible, from)
                    .into_iter()
                    .map(Entry::Event)
                    .collect();
            }
            Level::Clusters => {
                for bin in clusters {
                    out.visible_events += bin.count as usize;
                    let first = index.first_starting(bin.t0, bin.t1, filter.min_importance);
                    match (bin.count, first) {
                        (1, Some(i)) => entries.push(Entry::Event(i)),
                        (_, Some(i)) => entries.push(Entry::Cluster(i, bin)),
                        _ => {}
                    }
                }
            }
            Level::Density => {
                density = lod::bins(index, filter, mapping, lod::DENSITY_PX);
                out.visible_events += density.iter().map(|b| b.count as usize).sum::<usize>();
                entries = lod::headlines(index, filter, mapping)
                    .into_iter()
                    .map(Entry::Event)
                    .collect();
            }
        }
        // Clusters first, then the most important, so they get room and labels when space is
        // short.
        entries.sort_by_key(|e| std::cmp::Reverse(e.priority(dataset)));
        // Per sub-row: the x intervals taken by markers and by labels.
        let mut rows: Rows = Vec::new();
        let free =
            |row: &(RowSpace, RowSpace), a: f32, b: f32| row.0.is_free(a, b) && row.1.is_free(a, b);
        let mut items: Vec<Item> = Vec::with_capacity(entries.len());
        for entry in entries {
            let (i, cluster) = match entry {
                Entry::Event(i) => (i, None),
                Entry::Cluster(i, bin) => (i, Some(bin)),
            };
            let Some(e) = dataset.event(i) else { continue };
            if let Some(bin) = cluster {
                place_cluster(&mut rows, &mut items, i, &bin, p, measure);
                continue;
            }
            let bounds = (
                mapping.x_from_time(e.axis_start()),
                mapping.x_from_time(e.axis_end()),
            );
            let (x0, x1) = if e.is_range() {
                let x0 = bounds.0;
                (x0, bounds.1.max(x0 + 2.0 * p.marker_radius))
            } else {
                let c = (bounds.0 + bounds.1) * 0.5;
                (c - p.marker_radius, c + p.marker_radius)
            };
            let width = measure(&e.title);
            let label = place_label(e.is_range(), x0, x1, width, x_min, x_max, p.gap);
            let (ma, mb) = (x0 - p.gap * 0.5, x1 + p.gap * 0.5);
            // The marker itself, less a point each side: what must never lie under a label.
            let core = (x0 + 1.0, (x1 - 1.0).max(x0 + 1.0));
            let (la, lb) = if label.inside {
                (ma, mb)
            } else {
                (label.x - p.gap * 0.5, label.x + width + p.gap * 0.5)
            };
            // 1. A row with room for the marker and its label (a new row if allowed);
            // 2. a row with room for the marker alone;
            // 3. a row where the marker only covers other markers, never a label.
            let mut placed = rows
                .iter()
                .position(|r| free(r, ma, mb) && free(r, la, lb))
                .map(|r| (r, true));
            if placed.is_none() && rows.len() < p.max_rows {
                rows.push(Default::default());
                placed = Some((rows.len() - 1, true));
            }
            let placed = placed
                .or_else(|| {
                    rows.iter()
                        .position(|r| free(r, ma, mb))
                        .map(|r| (r, false))
                })
                .or_else(|| {
                    rows.iter()
                        .position(|r| r.1.is_free(core.0, core.1))
                        .map(|r| (r, false))
                });
            // 4. Crowded everywhere: the marker goes where it hides the fewest labels, and those
            // labels give way (they still show on hover). Every event keeps its marker.
            let (row, labelled) = placed.unwrap_or_else(|| {
                let row = (0..rows.len())
                    .min_by_key(|&r| rows[r].1.overlapping(core.0, core.1).count())
                    .unwrap_or(0);
                if let Some(space) = rows.get_mut(row) {
                    let covered: Vec<usize> = space.1.overlapping(core.0, core.1).collect();
                    for owner in covered {
                        space.1.release(owner);
                        if let Some(item) = items.get_mut(owner) {
                            item.label = None;
                        }
                    }
                }
                (row, false)
            });
            let owner = items.len();
            if let Some(space) = rows.get_mut(row) {
                space.0.cover(ma, mb);
                if labelled && !label.inside {
                    space.1.take(la, lb, owner);
                }
            }
            items.push(Item {
                event: i,
                row,
                x0,
                x1,
                bounds: (
                    mapping.x_from_time(e.start.axis_start()),
                    mapping.x_from_time(e.end.as_ref().unwrap_or(&e.start).axis_end()),
                ),
                is_range: e.is_range(),
                label: labelled.then_some(label),
                cluster: None,
            });
        }
        items.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let rows_used = if level == Level::Density {
            rows.len().max(DENSITY_ROWS)
        } else {
            rows.len().max(1)
        };
        let height = rows_used as f32 * p.row_height + 2.0 * p.lane_padding;
        out.lanes.push(Lane {
            theme: lane_index,
            top,
            height,
            rows: rows_used,
            items,
            level,
            density,
        });
        top += height;
    }
    out.height = top;
    out.eras = dataset
        .eras()
        .iter()
        .enumerate()
        .filter(|(_, e)| e.end.axis_end() > from && e.start.axis_start() < to)
        .map(|(i, e)| EraBand {
            era: i,
            x0: mapping.x_from_time(e.start.axis_start()),
            x1: mapping.x_from_time(e.end.axis_end()),
        })
        .collect();
    out
}

/// Lays out the visible events with as many sub-rows per lane as fit `height` (at most
/// [`Params::default`]'s), for the window and figures alike.
pub fn layout_to_fit(
    dataset: &Dataset,
    filter: &Filter,
    mapping: &TimeMapping,
    height: f32,
    measure: &mut dyn FnMut(&str) -> f32,
) -> (Layout, Params) {
    let mut params = Params::default();
    loop {
        let l = layout(dataset, filter, mapping, &params, measure);
        if l.height <= height || params.max_rows == 1 {
            return (l, params);
        }
        params.max_rows -= 1;
    }
}

#[cfg(test)]
#[path = "layout_tests.rs"]
mod tests;
