//! Hit testing: which event is at a point of the layout.

use super::layout::{Layout, Params};

/// How far (points) outside a marker a click still hits it.
pub const SLACK: f32 = 3.0;

/// The event under `(x, y)` (y relative to the top of the lanes), the nearest when several are.
pub fn event_at(layout: &Layout, p: &Params, x: f32, y: f32) -> Option<usize> {
    let lane = layout
        .lanes
        .iter()
        .find(|l| y >= l.top && y < l.top + l.height)?;
    let mut best: Option<(f32, usize)> = None;
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
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, item.event));
        }
    }
    best.map(|(_, e)| e)
}
