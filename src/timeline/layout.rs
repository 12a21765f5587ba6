//! Layout: which events are visible, where each one sits (lane, sub-row, x extents) and which
//! labels fit. Pure: it takes the dataset, the filter, the time mapping and a text measurer, and
//! returns positions in points relative to the top of the lanes. The screen and the PNG export
//! both paint from it.

use crate::model::{AxisTime, Dataset, Event, Filter, LaneIndex};

use super::layout_pack::LanePack;
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
    /// At most this many sub-rows per lane in [`layout`] (items that fit nowhere share a row,
    /// unlabelled); [`super::layout_fit::fit`] instead shares the height among the lanes.
    pub max_rows: usize,
    /// Labels have a second line with the event's names in their own scripts (View ▸ Names
    /// under labels): rows are taller and a label is as wide as its longer line.
    pub names_line: bool,
}

/// How wide the names line is beside the title line, for the same text: it is set smaller.
pub const NAMES_LINE_SCALE: f32 = 0.85;

impl Params {
    /// The parameters with or without the names line under labels.
    pub fn with_names_line(names_line: bool) -> Self {
        Self {
            row_height: if names_line { 34.0 } else { 22.0 },
            names_line,
            ..Self::default()
        }
    }
}

impl Default for Params {
    fn default() -> Self {
        Self {
            row_height: 22.0,
            lane_padding: 6.0,
            marker_radius: 5.0,
            gap: 6.0,
            max_rows: 6,
            names_line: false,
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
    /// Events of the lane that pass the filter in the visible range.
    pub visible: usize,
    /// Sub-rows the lane would take with room for every row it can use.
    pub need: usize,
}

impl Lane {
    /// Events in view whose title the lane does not show (the "+N" badge): those unlabelled, in
    /// clusters, under the density graph, or beyond [`lod::DETAIL_LIMIT`].
    pub fn hidden(&self) -> usize {
        let labelled = self
            .items
            .iter()
            .filter(|i| i.label.is_some() && i.cluster.is_none())
            .count();
        self.visible.saturating_sub(labelled)
    }

    /// Events whose titles show.
    pub fn labelled(&self) -> usize {
        self.visible - self.hidden()
    }

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
            Self::Event(i) => importance_of(dataset, *i),
        }
    }
}

/// The importance of the event at `index` (0 for none).
fn importance_of(dataset: &Dataset, index: usize) -> u8 {
    dataset.event(index).map_or(0, Event::importance)
}

/// The events drawn one by one: every event starting in view, then the most important of the
/// spans that began earlier and reach into it, at most [`lod::DETAIL_LIMIT`] in all (a day in a
/// million events is crossed by hundreds of long spans; drawing them all says nothing more).
fn detail_entries(dataset: &Dataset, starting: Vec<usize>, reaching: Vec<usize>) -> Vec<usize> {
    if starting.len() + reaching.len() <= lod::DETAIL_LIMIT {
        // In start order: those that began earlier first.
        let mut all = reaching;
        all.extend(starting);
        return all;
    }
    let mut shown = starting;
    // Each event's importance read once (a read of the event, anywhere in memory), not at
    // every comparison; a stable sort: in start order among equals.
    let mut reaching: Vec<(u8, usize)> = reaching
        .into_iter()
        .map(|i| (importance_of(dataset, i), i))
        .collect();
    reaching.sort_by_key(|&(importance, _)| std::cmp::Reverse(importance));
    reaching.truncate(lod::DETAIL_LIMIT.saturating_sub(shown.len()));
    shown.extend(reaching.into_iter().map(|(_, i)| i));
    shown
}

/// What every lane is laid out against.
pub(super) struct Frame<'a> {
    pub(super) dataset: &'a Dataset,
    pub(super) filter: &'a Filter,
    pub(super) mapping: &'a TimeMapping,
    pub(super) p: &'a Params,
    /// The event whose label always shows (the selected one).
    pub(super) pinned: Option<usize>,
    /// Theme indices in the order their lanes go, top to bottom.
    pub(super) order: Vec<usize>,
}

/// What a lane shows at its level of detail, before packing.
pub(super) struct LaneEntries {
    /// Index of the lane's theme.
    pub(super) theme: usize,
    pub(super) level: Level,
    /// Events (and clusters) to place, most important first.
    entries: Vec<Entry>,
    /// Density columns, for a lane drawn as a density graph.
    density: Vec<Bin>,
    /// Events that pass the filter in the visible range.
    pub(super) visible: usize,
    /// The entry of the selected event, whose label always shows.
    pinned: Option<usize>,
    /// Width of each entry's label (an event's title, a cluster's count), in points.
    widths: Vec<f32>,
}

impl LaneEntries {
    /// Measures every entry's label once, for all the packings tried.
    fn measure(
        &mut self,
        dataset: &Dataset,
        names_line: bool,
        measure: &mut dyn FnMut(&str) -> f32,
    ) {
        let mut widths = Vec::with_capacity(self.entries.len());
        for entry in &self.entries {
            widths.push(match entry {
                Entry::Event(i) => dataset.event(*i).map_or(0.0, |e| {
                    let title = measure(e.title());
                    // The names line is only made when labels have one.
                    match names_line.then(|| e.names_line()).flatten() {
                        Some(names) => title.max(measure(&names) * NAMES_LINE_SCALE),
                        None => title,
                    }
                }),
                Entry::Cluster(_, bin) => measure(&bin.count.to_string()),
            });
        }
        self.widths = widths;
    }

    /// The order in which to pack the entries: as sorted (most important first), or from left
    /// to right, which fits more labels into few rows; the pinned entry first when `pin`.
    fn order(&self, dataset: &Dataset, left_to_right: bool, pin: bool) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.entries.len()).collect();
        if left_to_right {
            let start = |k: &usize| match self.entries[*k] {
                Entry::Event(i) => dataset.event(i).map_or(0.0, Event::axis_start),
                Entry::Cluster(_, bin) => bin.t0,
            };
            order.sort_by(|a, b| start(a).total_cmp(&start(b)));
        }
        if pin
            && let Some(k) = self.pinned
            && let Some(at) = order.iter().position(|&o| o == k)
        {
            order[..=at].rotate_right(1);
        }
        order
    }
}

/// Lays out the visible, filtered events of each shown theme, each lane at most
/// [`Params::max_rows`] sub-rows.
pub fn layout(
    dataset: &Dataset,
    filter: &Filter,
    mapping: &TimeMapping,
    p: &Params,
    measure: &mut dyn FnMut(&str) -> f32,
) -> Layout {
    profiling::function_scope!();
    let frame = Frame {
        dataset,
        filter,
        mapping,
        p,
        pinned: None,
        order: (0..dataset.themes().len()).collect(),
    };
    let lanes = shown_lanes(&frame, measure);
    let rows = vec![p.max_rows; lanes.len()];
    assemble(&frame, &lanes, &rows)
}

/// What each shown lane holds at the view, in the lanes' order.
pub(super) fn shown_lanes(
    frame: &Frame<'_>,
    measure: &mut dyn FnMut(&str) -> f32,
) -> Vec<LaneEntries> {
    let (dataset, filter) = (frame.dataset, frame.filter);
    frame
        .order
        .iter()
        .filter_map(|&lane_index| {
            let theme = dataset.themes().get(lane_index)?;
            if filter.hidden_themes.contains(&theme.id) {
                return None;
            }
            let index = dataset.lanes().get(lane_index)?;
            profiling::scope!("lane", &theme.id);
            let mut shown = lane_entries(frame, lane_index, index);
            shown.measure(frame.dataset, frame.p.names_line, measure);
            Some(shown)
        })
        .collect()
}

/// The lanes packed one below the other, each into at most its number of `rows`.
pub(super) fn assemble(frame: &Frame<'_>, lanes: &[LaneEntries], rows: &[usize]) -> Layout {
    let mut out = Layout::default();
    let mut top = 0.0;
    for (shown, &max_rows) in lanes.iter().zip(rows) {
        out.visible_events += shown.visible;
        let lane = pack_lane(frame, top, shown, max_rows);
        top += lane.height;
        out.lanes.push(lane);
    }
    out.height = top;
    out.eras = era_bands(frame.dataset, frame.mapping);
    out
}

/// The level of detail of a lane (how crowded the view is: the events starting in it; a span
/// that began earlier is drawn too, but does not crowd the view), with its clusters when it
/// is drawn as clusters.
fn choose_level(frame: &Frame<'_>, index: &LaneIndex) -> (Level, Vec<Bin>) {
    let (filter, mapping) = (frame.filter, frame.mapping);
    let (from, to) = (mapping.view.start, mapping.view.end());
    let level = lod::level(index.count_starting(from, to, filter.min_importance));
    if level != Level::Clusters {
        return (level, Vec::new());
    }
    let clusters = lod::clusters(&lod::bins(index, filter, mapping, lod::CLUSTER_PX));
    // Clusters that run into each other say less than a density graph.
    if lod::crowded(&clusters, mapping.width) {
        (Level::Density, Vec::new())
    } else {
        (Level::Clusters, clusters)
    }
}

/// What a lane shows at its level of detail, ordered for packing.
fn lane_entries(frame: &Frame<'_>, theme: usize, index: &LaneIndex) -> LaneEntries {
    profiling::function_scope!();
    let (level, clusters) = choose_level(frame, index);
    let mut shown = match level {
        Level::Detail => detail_level(frame, theme, index),
        Level::Clusters => cluster_level(frame, theme, index, clusters),
        Level::Density => density_level(frame, theme, index),
    };
    // Clusters first, then the most important, so they get room and labels when space is
    // short.
    let dataset = frame.dataset;
    shown
        .entries
        .sort_by_key(|e| std::cmp::Reverse(e.priority(dataset)));
    // The selected event's label always shows (see `pack_lane`).
    shown.pinned = frame.pinned.and_then(|pinned| {
        shown
            .entries
            .iter()
            .position(|e| matches!(e, Entry::Event(i) if *i == pinned))
    });
    shown
}

/// Every visible event that passes the filter (at most [`lod::DETAIL_LIMIT`] drawn).
fn detail_level(frame: &Frame<'_>, theme: usize, index: &LaneIndex) -> LaneEntries {
    let (dataset, filter) = (frame.dataset, frame.filter);
    let (from, to) = (frame.mapping.view.start, frame.mapping.view.end());
    // Asked once: when it lets everything through, no event need be read to filter.
    let all_pass = filter.passes_all();
    let passes = |i: &usize| all_pass || dataset.event(*i).is_some_and(|e| filter.passes(e));
    let (mut starting, mut reaching) = index.visible_by_start(from, to);
    starting.retain(passes);
    reaching.retain(passes);
    let count = starting.len() + reaching.len();
    LaneEntries {
        theme,
        level: Level::Detail,
        entries: detail_entries(dataset, starting, reaching)
            .into_iter()
            .map(Entry::Event)
            .collect(),
        density: Vec::new(),
        visible: count,
        pinned: None,
        widths: Vec::new(),
    }
}

/// One entry per cluster: its first event alone when it holds one.
fn cluster_level(
    frame: &Frame<'_>,
    theme: usize,
    index: &LaneIndex,
    clusters: Vec<Bin>,
) -> LaneEntries {
    let min_importance = frame.filter.min_importance;
    let mut entries = Vec::new();
    let mut visible = 0;
    for bin in clusters {
        visible += bin.count as usize;
        let first = index.first_starting(bin.t0, bin.t1, min_importance);
        match (bin.count, first) {
            (1, Some(i)) => entries.push(Entry::Event(i)),
            (_, Some(i)) => entries.push(Entry::Cluster(i, bin)),
            _ => {}
        }
    }
    LaneEntries {
        theme,
        level: Level::Clusters,
        entries,
        density: Vec::new(),
        visible,
        pinned: None,
        widths: Vec::new(),
    }
}

/// Density columns, and the headline events labelled over them.
fn density_level(frame: &Frame<'_>, theme: usize, index: &LaneIndex) -> LaneEntries {
    let (filter, mapping) = (frame.filter, frame.mapping);
    let density = lod::bins(index, filter, mapping, lod::DENSITY_PX);
    let visible = density.iter().map(|b| b.count as usize).sum::<usize>();
    LaneEntries {
        theme,
        level: Level::Density,
        entries: lod::headlines(index, filter, mapping)
            .into_iter()
            .map(Entry::Event)
            .collect(),
        density,
        visible,
        pinned: None,
        widths: Vec::new(),
    }
}

/// Packs a lane's entries into at most `max_rows` sub-rows, `top` points below the top of the
/// lanes: by importance, and (for a lane of single events) also from left to right, keeping the
/// packing that labels more (importance's on a tie). When that leaves the selected event
/// unlabelled, it is packed again with the selected event first (so that selecting an event
/// moves nothing when its label shows already).
fn pack_lane(frame: &Frame<'_>, top: f32, shown: &LaneEntries, max_rows: usize) -> Lane {
    profiling::function_scope!();
    let p = frame.p;
    let best = |pin: bool| {
        let (mut items, mut rows) = pack_in_order(frame, shown, max_rows, false, pin);
        if shown.level == Level::Detail {
            let (other, other_rows) = pack_in_order(frame, shown, max_rows, true, pin);
            let labelled = |items: &[Item]| items.iter().filter(|i| i.label.is_some()).count();
            if labelled(&other) > labelled(&items) {
                (items, rows) = (other, other_rows);
            }
        }
        (items, rows)
    };
    let (mut items, mut rows) = best(false);
    let selected = shown.pinned.and_then(|k| match shown.entries.get(k) {
        Some(Entry::Event(i)) => Some(*i),
        _ => None,
    });
    if let Some(i) = selected
        && items.iter().any(|it| it.event == i && it.label.is_none())
    {
        (items, rows) = best(true);
    }
    let rows_used = rows.max(min_rows(shown.level));
    Lane {
        theme: shown.theme,
        top,
        height: lane_height(rows_used, p),
        rows: rows_used,
        items,
        level: shown.level,
        density: shown.density.clone(),
        visible: shown.visible,
        need: rows_used,
    }
}

/// One packing of a lane's entries: its items and the sub-rows they take.
fn pack_in_order(
    frame: &Frame<'_>,
    shown: &LaneEntries,
    max_rows: usize,
    left_to_right: bool,
    pin: bool,
) -> (Vec<Item>, usize) {
    let mut pack = LanePack::new(shown.entries.len(), max_rows, frame.p);
    for (n, k) in shown
        .order(frame.dataset, left_to_right, pin)
        .into_iter()
        .enumerate()
    {
        let width = shown.widths.get(k).copied().unwrap_or(0.0);
        match shown.entries[k] {
            Entry::Cluster(i, bin) => pack.place_cluster(i, &bin, width),
            Entry::Event(i) => {
                let Some(e) = frame.dataset.event(i) else {
                    continue;
                };
                if n == 0 && pin && shown.pinned == Some(k) {
                    pack.pin_next();
                }
                pack.place_event(i, e, frame.mapping, width);
            }
        }
    }
    pack.finish()
}

/// The fewest sub-rows a lane takes: one row of markers, or a density graph that reads.
pub fn min_rows(level: Level) -> usize {
    if level == Level::Density {
        DENSITY_ROWS
    } else {
        1
    }
}

/// The height of a lane of `rows` sub-rows.
pub(super) fn lane_height(rows: usize, p: &Params) -> f32 {
    rows as f32 * p.row_height + 2.0 * p.lane_padding
}

/// The eras that reach into the view.
fn era_bands(dataset: &Dataset, mapping: &TimeMapping) -> Vec<EraBand> {
    profiling::function_scope!();
    let (from, to) = (mapping.view.start, mapping.view.end());
    dataset
        .eras()
        .iter()
        .enumerate()
        .filter(|(_, e)| e.end.axis_end() > from && e.start.axis_start() < to)
        .map(|(i, e)| EraBand {
            era: i,
            x0: mapping.x_from_time(e.start.axis_start()),
            x1: mapping.x_from_time(e.end.axis_end()),
        })
        .collect()
}

#[cfg(test)]
#[path = "layout_tests.rs"]
mod tests;
