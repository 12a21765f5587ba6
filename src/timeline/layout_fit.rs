//! Lanes share the height: each lane is packed with room for every row it could get, which tells
//! how many sub-rows it needs to show its labels; when the needs do not all fit, rows go one at a
//! time to the lane that still lacks the most (an expanded lane first), down to one row of
//! markers (or a readable density graph) per lane. The user's [`LaneArrangement`] orders the
//! lanes, collapses some to their fewest rows and gives others a fixed height. Pure, like the
//! rest of the layout.

use crate::model::{Dataset, Filter};

use super::arrange::{LaneArrangement, NO_ARRANGEMENT, Rows};
use super::layout::{Frame, Lane, Layout, Params, assemble, lane_height, min_rows, shown_lanes};
use super::view::TimeMapping;

/// What the layout favours besides importance, and how the user arranged the lanes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Focus<'a> {
    /// The selected event: its label always shows.
    pub selected: Option<usize>,
    /// The theme (index) of the expanded lane: it gets the rows it needs first, the others what
    /// is left.
    pub expanded: Option<usize>,
    /// The lanes' order, collapsed lanes and fixed heights.
    pub arrangement: &'a LaneArrangement,
    /// Labels have a second line with the events' names ([`Params::names_line`]).
    pub names_line: bool,
}

impl Default for Focus<'_> {
    fn default() -> Self {
        Self {
            selected: None,
            expanded: None,
            arrangement: &NO_ARRANGEMENT,
            names_line: false,
        }
    }
}

/// How many sub-rows `lanes` lanes of padded rows fit into `height` points.
pub fn rows_that_fit(height: f32, lanes: usize, p: &Params) -> usize {
    let room = height - lanes as f32 * 2.0 * p.lane_padding;
    if room <= 0.0 {
        0
    } else {
        (room / p.row_height).floor() as usize
    }
}

/// Sub-rows per lane out of `total`. `gains[i][r]` is how many labels row `r` of lane `i` holds
/// when the lane has all the rows it can use (so `gains[i].len()` rows is its need). Every lane
/// gets its need when they all fit; otherwise each its minimum, the `expanded` lane (position)
/// what it needs of the rest, and then one row at a time to the lane whose next row labels the
/// most (the one lacking more rows, then the first, on a tie): a lane with more to show gets
/// more rows, and a small lane is not starved by a big one. Lanes never get more than they
/// need, nor less than their minimum (even when the minimums alone overflow `total`).
pub fn share(
    total: usize,
    mins: &[usize],
    gains: &[Vec<usize>],
    expanded: Option<usize>,
) -> Vec<usize> {
    let needs: Vec<usize> = gains
        .iter()
        .zip(mins)
        .map(|(g, &m)| g.len().max(m))
        .collect();
    if needs.iter().sum::<usize>() <= total {
        return needs;
    }
    let mut rows = mins.to_vec();
    let mut left = total.saturating_sub(mins.iter().sum());
    if let Some(e) = expanded.filter(|&e| e < rows.len()) {
        let more = (needs[e] - rows[e]).min(left);
        rows[e] += more;
        left -= more;
    }
    while left > 0 {
        let best = (0..rows.len())
            .filter(|&i| needs[i] > rows[i])
            .max_by_key(|&i| {
                let gain = gains[i].get(rows[i]).copied().unwrap_or(0);
                (gain, needs[i] - rows[i], std::cmp::Reverse(i))
            });
        let Some(i) = best else { break };
        rows[i] += 1;
        left -= 1;
    }
    rows
}

/// Lays out the visible, filtered events of each shown theme into `height` points, the lanes
/// sharing it by need (see [`share`]). Each lane's [`super::layout::Lane::need`] tells how many
/// rows it would use given the room.
pub fn fit(
    dataset: &Dataset,
    filter: &Filter,
    mapping: &TimeMapping,
    height: f32,
    focus: Focus<'_>,
    measure: &mut dyn FnMut(&str) -> f32,
) -> (Layout, Params) {
    profiling::function_scope!();
    let p = Params::with_names_line(focus.names_line);
    let frame = Frame {
        dataset,
        filter,
        mapping,
        p: &p,
        pinned: focus.selected,
        order: focus.arrangement.ordered(dataset.themes()),
    };
    let lanes = shown_lanes(&frame, measure);
    let rules: Vec<Rows> = lanes
        .iter()
        .map(|l| {
            dataset
                .themes()
                .get(l.theme)
                .map_or(Rows::Auto, |t| focus.arrangement.rows(&t.id))
        })
        .collect();
    // A collapsed or sized lane takes exactly its rows: its minimum and its cap.
    let mins: Vec<usize> = lanes
        .iter()
        .zip(&rules)
        .map(|(l, rule)| match *rule {
            Rows::Fixed(n) => n.max(min_rows(l.level)),
            Rows::Auto | Rows::Collapsed => min_rows(l.level),
        })
        .collect();
    let floor: usize = mins.iter().sum();
    let total = rows_that_fit(height, lanes.len(), &p).max(floor);
    let caps: Vec<usize> = mins
        .iter()
        .zip(&rules)
        .map(|(m, rule)| match rule {
            Rows::Auto => m + (total - floor),
            Rows::Collapsed | Rows::Fixed(_) => *m,
        })
        .collect();
    let roomy = assemble(&frame, &lanes, &caps);
    let needs: Vec<usize> = roomy.lanes.iter().map(|l| l.rows).collect();
    let gains: Vec<Vec<usize>> = roomy.lanes.iter().map(labels_per_row).collect();
    let expanded = focus
        .expanded
        .and_then(|theme| lanes.iter().position(|l| l.theme == theme));
    let rows = share(total, &mins, &gains, expanded);
    let mut out = if rows == needs {
        roomy
    } else {
        assemble(&frame, &lanes, &rows)
    };
    for (lane, need) in out.lanes.iter_mut().zip(needs) {
        lane.need = need;
    }
    let fixed: Vec<Option<usize>> = rules
        .iter()
        .zip(&mins)
        .map(|(rule, &m)| matches!(rule, Rows::Fixed(_)).then_some(m))
        .collect();
    hold_heights(&mut out, &fixed, &p);
    (out, p)
}

/// A lane the user sized keeps its height even when its events need fewer rows; the lanes
/// below move down.
fn hold_heights(layout: &mut Layout, fixed: &[Option<usize>], p: &Params) {
    if fixed.iter().all(Option::is_none) {
        return;
    }
    let mut top = 0.0;
    for (lane, rows) in layout.lanes.iter_mut().zip(fixed) {
        if let Some(rows) = *rows {
            lane.rows = rows;
            lane.height = lane_height(rows, p);
        }
        lane.top = top;
        top += lane.height;
    }
    layout.height = top;
}

/// How many labels each sub-row of a packed lane holds.
fn labels_per_row(lane: &Lane) -> Vec<usize> {
    let mut gains = vec![0; lane.rows];
    for item in lane.items.iter().filter(|i| i.label.is_some()) {
        if let Some(g) = gains.get_mut(item.row) {
            *g += 1;
        }
    }
    gains
}
