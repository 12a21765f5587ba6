//! Packing one lane: markers into sub-rows and labels beside (or inside) them, so that no label
//! covers another label or a marker. Items are placed one by one, most important first; a
//! [`LanePack`] holds the sub-rows taken so far and the items placed.

use crate::model::Event;

use super::layout::{Cluster, Item, Label, Params};
use super::lod::Bin;
use super::view::TimeMapping;

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

/// One sub-row of a lane: the x intervals taken by markers, and by labels.
#[derive(Default)]
struct Row {
    markers: RowSpace,
    labels: RowSpace,
}

impl Row {
    /// Whether `[a, b)` is clear of markers and labels alike.
    fn is_free(&self, a: f32, b: f32) -> bool {
        self.markers.is_free(a, b) && self.labels.is_free(a, b)
    }
}

/// Where a label may go, best first: inside a range bar when it fits in the bar's visible part;
/// otherwise right of the marker, then left of it, each only where it stays on screen (right of
/// the marker, clipped, when neither does). A label right of a marker off the left edge sticks to
/// the edge.
fn label_places(
    is_range: bool,
    (x0, x1): (f32, f32),
    width: f32,
    (x_min, x_max): (f32, f32),
    gap: f32,
) -> Vec<Label> {
    let bar_from = x0.max(x_min);
    if is_range && x1.min(x_max) - bar_from >= width + 2.0 * gap {
        return vec![Label {
            x: bar_from + gap,
            width,
            inside: true,
        }];
    }
    let beside = |x: f32| Label {
        x,
        width,
        inside: false,
    };
    let right = (x1 + gap * 0.5).max(x_min + gap * 0.5);
    let left = x0 - gap * 0.5 - width;
    let mut places = Vec::with_capacity(2);
    if right + width <= x_max {
        places.push(beside(right));
    }
    if left >= x_min {
        places.push(beside(left));
    }
    if places.is_empty() {
        places.push(beside(right));
    }
    places
}

/// The x intervals an event needs in its row.
struct Footprint {
    /// The marker and a half gap each side.
    marker: (f32, f32),
    /// Where its label may go, best first, each with the interval it takes (the label and a half
    /// gap each side; the marker's when the label sits inside its bar).
    labels: Vec<(Label, (f32, f32))>,
    /// The marker itself, less a point each side: what must never lie under a label.
    core: (f32, f32),
}

/// One lane being packed: its sub-rows and the items placed so far.
pub(super) struct LanePack<'p> {
    rows: Vec<Row>,
    items: Vec<Item>,
    p: &'p Params,
    /// At most this many sub-rows.
    max_rows: usize,
    /// The item whose label always shows (the selected event), when placed.
    pinned: Option<usize>,
}

impl<'p> LanePack<'p> {
    /// An empty lane of at most `max_rows` sub-rows, with room for `capacity` items.
    pub(super) fn new(capacity: usize, max_rows: usize, p: &'p Params) -> Self {
        Self {
            rows: Vec::new(),
            items: Vec::with_capacity(capacity),
            p,
            max_rows: max_rows.max(1),
            pinned: None,
        }
    }

    /// Keeps the label of the next item placed whatever comes after (call before placing it).
    pub(super) fn pin_next(&mut self) {
        self.pinned = Some(self.items.len());
    }

    /// The items placed, sorted by their left edge, and the number of sub-rows they take.
    pub(super) fn finish(mut self) -> (Vec<Item>, usize) {
        self.items.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        (self.items, self.rows.len())
    }

    /// A new row when fewer than the lane's maximum are taken.
    fn new_row(&mut self) -> Option<usize> {
        (self.rows.len() < self.max_rows).then(|| {
            self.rows.push(Row::default());
            self.rows.len() - 1
        })
    }

    /// Places a cluster marker (a pill wide enough for its count, centred on its events) in the
    /// first row where it covers no label; clusters never lose their place.
    pub(super) fn place_cluster(&mut self, first: usize, bin: &Bin, text_width: f32) {
        let p = self.p;
        let width = (text_width + 8.0).max(2.0 * p.marker_radius);
        let centre = (bin.x0 + bin.x1) * 0.5;
        let (x0, x1) = (
            (centre - width * 0.5).min(bin.x0),
            (centre + width * 0.5).max(bin.x1),
        );
        let (ma, mb) = (x0 - p.gap * 0.25, x1 + p.gap * 0.25);
        let row = self
            .rows
            .iter()
            .position(|r| r.is_free(ma, mb))
            .or_else(|| self.new_row())
            .or_else(|| self.rows.iter().position(|r| r.labels.is_free(ma, mb)))
            .unwrap_or(0);
        if let Some(space) = self.rows.get_mut(row) {
            space.markers.cover(ma, mb);
        }
        self.items.push(Item {
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

    /// Places an event's marker in a sub-row, labelled where its label fits.
    pub(super) fn place_event(
        &mut self,
        index: usize,
        e: &Event,
        mapping: &TimeMapping,
        width: f32,
    ) {
        let p = self.p;
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
        let (x_min, x_max) = (mapping.x_min, mapping.x_min + mapping.width);
        let half = p.gap * 0.5;
        let marker = (x0 - half, x1 + half);
        let labels = label_places(e.is_range(), (x0, x1), width, (x_min, x_max), p.gap)
            .into_iter()
            .map(|l| {
                let taken = if l.inside {
                    marker
                } else {
                    (l.x - half, l.x + width + half)
                };
                (l, taken)
            })
            .collect();
        let footprint = Footprint {
            marker,
            labels,
            core: (x0 + 1.0, (x1 - 1.0).max(x0 + 1.0)),
        };
        let (row, label) = self
            .find_row(&footprint)
            .unwrap_or_else(|| (self.make_room(footprint.core), None));
        let owner = self.items.len();
        if let Some(space) = self.rows.get_mut(row) {
            space.markers.cover(marker.0, marker.1);
            if let Some(k) = label
                && let Some(&(l, (a, b))) = footprint.labels.get(k)
                && !l.inside
            {
                space.labels.take(a, b, owner);
            }
        }
        let label = label.and_then(|k| footprint.labels.get(k)).map(|&(l, _)| l);
        self.items.push(Item {
            event: index,
            row,
            x0,
            x1,
            bounds,
            is_range: e.is_range(),
            label,
            cluster: None,
        });
    }

    /// The row for an event, and which of its label places (if any) it takes there:
    /// 1. the first row with room for the marker and a label, right of it or left of it (a new
    ///    row if allowed);
    /// 2. a row with room for the marker alone;
    /// 3. a row where the marker only covers other markers, never a label.
    fn find_row(&mut self, f: &Footprint) -> Option<(usize, Option<usize>)> {
        let ((ma, mb), core) = (f.marker, f.core);
        let labelled = self.rows.iter().enumerate().find_map(|(r, row)| {
            if !row.is_free(ma, mb) {
                return None;
            }
            f.labels
                .iter()
                .position(|&(_, (la, lb))| row.is_free(la, lb))
                .map(|k| (r, Some(k)))
        });
        labelled
            .or_else(|| self.new_row().map(|r| (r, Some(0))))
            .or_else(|| {
                self.rows
                    .iter()
                    .position(|r| r.is_free(ma, mb))
                    .map(|r| (r, None))
            })
            .or_else(|| {
                self.rows
                    .iter()
                    .position(|r| r.labels.is_free(core.0, core.1))
                    .map(|r| (r, None))
            })
    }

    /// When crowded everywhere (step 4 after [`Self::find_row`]'s three): the row where the
    /// marker hides the fewest labels; those labels give way (they still show on hover). Every
    /// event keeps its marker.
    /// The pinned label gives way to no one: its row is taken last.
    fn make_room(&mut self, core: (f32, f32)) -> usize {
        let pinned = self.pinned;
        let row = (0..self.rows.len())
            .min_by_key(|&r| {
                let mut covered = self.rows[r].labels.overlapping(core.0, core.1);
                let count = covered.by_ref().filter(|&o| Some(o) != pinned).count();
                let covers_pinned = pinned.is_some_and(|o| {
                    self.rows[r]
                        .labels
                        .overlapping(core.0, core.1)
                        .any(|c| c == o)
                });
                (covers_pinned, count)
            })
            .unwrap_or(0);
        if let Some(space) = self.rows.get_mut(row) {
            let covered: Vec<usize> = space
                .labels
                .overlapping(core.0, core.1)
                .filter(|&o| Some(o) != pinned)
                .collect();
            for owner in covered {
                space.labels.release(owner);
                if let Some(item) = self.items.get_mut(owner) {
                    item.label = None;
                }
            }
        }
        row
    }
}
