//! Hit testing: what is at a point of the layout — an event, a cluster of events, or a column of
//! a density graph.

use crate::model::AxisTime;

use super::layout::{Layout, Params};

/// How far (points) outside a marker a click still hits it.
pub const SLACK: f32 = 3.0;

/// What the pointer is over.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Hit {
    /// One event (index into the dataset's events).
    Event(usize),
    /// Several events starting within `[t0, t1)`: a cluster, or a column of a density graph.
    Group {
        count: u32,
        t0: AxisTime,
        t1: AxisTime,
    },
}

/// The event under `(x, y)` (y relative to the top of the lanes), the nearest when several are.
pub fn event_at(layout: &Layout, p: &Params, x: f32, y: f32) -> Option<usize> {
    match at(layout, p, x, y) {
        Some(Hit::Event(i)) => Some(i),
        _ => None,
    }
}

/// What is under `(x, y)`: the nearest marker (or label), else the density column there.
pub fn at(layout: &Layout, p: &Params, x: f32, y: f32) -> Option<Hit> {
    let lane = layout
        .lanes
        .iter()
        .find(|l| y >= l.top && y < l.top + l.height)?;
    let mut best: Option<(f32, Hit)> = None;
    for item in &lane.items {
        let cy = lane.row_center(item.row, p);
        if (y - cy).abs() > p.row_height * 0.5 {
            continue;
        }
        let (a, b) = item.extent();
        if x < a - SLACK || x > b + SLACK {
            continue;
        }
        // Distance to the marker itself; a label hit counts a little less than a marker hit.
        let d = if x < item.x0 {
            item.x0 - x
        } else if x > item.x1 {
            x - item.x1 + 0.5
        } else {
            0.0
        };
        let hit = match item.cluster {
            Some(c) => Hit::Group {
                count: c.count,
                t0: c.t0,
                t1: c.t1,
            },
            None => Hit::Event(item.event),
        };
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, hit));
        }
    }
    if let Some((_, hit)) = best {
        return Some(hit);
    }
    // A density column: the nearest within the slack.
    let i = lane.density.partition_point(|b| b.x1 < x - SLACK);
    lane.density
        .get(i)
        .filter(|b| b.x0 <= x + SLACK)
        .map(|b| Hit::Group {
            count: b.count,
            t0: b.t0,
            t1: b.t1,
        })
}
