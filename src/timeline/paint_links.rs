//! Links between events drawn as curved arrows (cubic Bézier curves) across lanes, each
//! labelled with its kind: the links of the selected and hovered events, or every link in view.
//! The geometry ([`anchor`], [`arrow_curve`], [`arrow_head`]) is pure.

use std::collections::HashMap;

use egui::epaint::CubicBezierShape;
use egui::{Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, Vec2, pos2, vec2};
use serde::{Deserialize, Serialize};

use crate::model::LinkRef;

use super::layout::{Item, Lane, Layout};
use super::paint::{Scene, with_alpha};

/// Which links a timeline draws.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LinkMode {
    None,
    /// Those from and to the selected (and the hovered) event.
    #[default]
    Selected,
    /// Every link with an end in view.
    All,
}

impl LinkMode {
    /// The mode's name on the command line.
    pub const fn name(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Selected => "selected",
            Self::All => "all",
        }
    }
}

/// Where an event is drawn: its marker or bar's extent and the middle of its row.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mark {
    pub x0: f32,
    pub x1: f32,
    pub y: f32,
    /// Half the height of the marker or bar.
    pub half: f32,
}

impl Mark {
    fn center(&self) -> Pos2 {
        pos2((self.x0 + self.x1) * 0.5, self.y)
    }
}

/// Where an arrow meets a mark, seen from the other end at `other`, and the direction it leaves
/// (or arrives from): beside the mark when the other end is left or right of it, above or below
/// when it is over or under the mark's extent (a range bar's, say).
pub fn anchor(mark: &Mark, other: Pos2) -> (Pos2, Vec2) {
    const ROOM: f32 = 2.0;
    if other.x > mark.x1 + 4.0 {
        (pos2(mark.x1 + ROOM, mark.y), vec2(1.0, 0.0))
    } else if other.x < mark.x0 - 4.0 {
        (pos2(mark.x0 - ROOM, mark.y), vec2(-1.0, 0.0))
    } else {
        let x = other.x.clamp(mark.x0, mark.x1);
        if other.y > mark.y {
            (pos2(x, mark.y + mark.half + ROOM), vec2(0.0, 1.0))
        } else {
            (pos2(x, mark.y - mark.half - ROOM), vec2(0.0, -1.0))
        }
    }
}

/// The control points of an arrow's curve from `from` (leaving in direction `out`) to `to`
/// (arriving against direction `back`, the outward direction at its end): a cubic Bézier
/// whose handles reach along those directions, further for longer arrows.
pub fn arrow_curve(from: Pos2, out: Vec2, to: Pos2, back: Vec2) -> [Pos2; 4] {
    let reach = ((to - from).length() * 0.4).clamp(18.0, 120.0);
    [from, from + out * reach, to + back * reach, to]
}

/// The point at `t` (0 to 1) along a cubic Bézier curve.
pub fn curve_at(c: &[Pos2; 4], t: f32) -> Pos2 {
    let u = 1.0 - t;
    let v = c[0].to_vec2() * (u * u * u)
        + c[1].to_vec2() * (3.0 * u * u * t)
        + c[2].to_vec2() * (3.0 * u * t * t)
        + c[3].to_vec2() * (t * t * t);
    v.to_pos2()
}

/// The point halfway along a cubic Bézier curve (t = ½).
pub fn curve_middle(c: &[Pos2; 4]) -> Pos2 {
    curve_at(c, 0.5)
}

/// Where along an arrow its kind's label is tried, in order: the middle first.
const LABEL_AT: [f32; 5] = [0.5, 0.35, 0.65, 0.2, 0.8];

/// The screen rects of the event labels of a scene, which kinds must not cover.
fn event_label_rects(scene: &Scene<'_>) -> Vec<Rect> {
    let top = scene.geo.lanes.top();
    scene
        .layout
        .lanes
        .iter()
        .flat_map(|lane| {
            lane.items.iter().filter_map(move |item| {
                let label = item.label?;
                let y = top + lane.row_center(item.row, &scene.params);
                Some(Rect::from_min_size(
                    pos2(label.x, y - 8.0),
                    vec2(label.width, 16.0),
                ))
            })
        })
        .collect()
}

/// The triangle of an arrow's head at the curve's end, pointing along its last handle.
pub fn arrow_head(c: &[Pos2; 4], size: f32) -> [Pos2; 3] {
    let tip = c[3];
    let dir = (tip - c[2]).normalized();
    let dir = if dir.is_finite() && dir != Vec2::ZERO {
        dir
    } else {
        (tip - c[0]).normalized()
    };
    let across = vec2(-dir.y, dir.x) * size * 0.5;
    let base = tip - dir * size;
    [tip, base + across, base - across]
}

/// Where an event is drawn in a scene: its item in the layout, or, when it has none (out of
/// view, or merged into a cluster), its time on the first row of its lane, held just outside
/// the time area; `None` when its lane is not shown.
fn mark_of(scene: &Scene<'_>, shown: &Shown<'_>, event: usize) -> Option<Mark> {
    let top = scene.geo.lanes.top();
    if let Some(&(lane, item)) = shown.get(&event)
        && item.cluster.is_none()
    {
        let half = if item.is_range {
            7.0
        } else {
            scene.params.marker_radius
        };
        return Some(Mark {
            x0: item.x0,
            x1: item.x1,
            y: top + lane.row_center(item.row, &scene.params),
            half,
        });
    }
    let e = scene.dataset.event(event)?;
    let theme = scene.dataset.lane_of(&e.theme)?;
    let lane = scene.layout.lanes.iter().find(|l| l.theme == theme)?;
    let (left, width) = scene.geo.time_span();
    let x = scene
        .mapping
        .x_from_time((e.axis_start() + e.axis_end()) * 0.5)
        .clamp(left - 40.0, left + width + 40.0);
    Some(Mark {
        x0: x,
        x1: x,
        y: top + lane.row_center(0, &scene.params),
        half: scene.params.marker_radius,
    })
}

/// The items of a layout by event, each with its lane: found once per frame, not once per link.
type Shown<'a> = HashMap<usize, (&'a Lane, &'a Item)>;

fn shown(layout: &Layout) -> Shown<'_> {
    layout
        .lanes
        .iter()
        .flat_map(|lane| {
            lane.items
                .iter()
                .map(move |item| (item.event, (lane, item)))
        })
        .collect()
}

/// The links a scene draws, each with whether it touches the selected or hovered event.
fn links_to_draw(scene: &Scene<'_>, shown: &Shown<'_>) -> Vec<(LinkRef, bool)> {
    let focus = [scene.emphasis.selected, scene.emphasis.hovered];
    let touches = |l: &LinkRef| focus.contains(&Some(l.from)) || focus.contains(&Some(l.to));
    match scene.links {
        LinkMode::None => Vec::new(),
        LinkMode::Selected => {
            let mut out: Vec<(LinkRef, bool)> = Vec::new();
            for i in focus.into_iter().flatten() {
                for l in scene.dataset.links_of(i) {
                    if !out.iter().any(|(o, _)| o == l) {
                        out.push((*l, true));
                    }
                }
            }
            out
        }
        LinkMode::All => scene
            .dataset
            .links()
            .iter()
            .filter(|l| shown.contains_key(&l.from) || shown.contains_key(&l.to))
            .map(|l| (*l, touches(l)))
            .collect(),
    }
}

/// Paints the links of a scene ([`Scene::links`]) as arrows with their kinds.
pub fn paint_links(painter: &Painter, scene: &Scene<'_>) {
    if scene.links == LinkMode::None || scene.dataset.links().is_empty() {
        return;
    }
    profiling::function_scope!();
    let shown = shown(scene.layout);
    let links = links_to_draw(scene, &shown);
    let style = scene.style;
    let font = FontId::proportional(11.0);
    let mut labels = Vec::new();
    for (link, focus) in links {
        let (Some(a), Some(b)) = (
            mark_of(scene, &shown, link.from),
            mark_of(scene, &shown, link.to),
        ) else {
            continue;
        };
        let (from, out) = anchor(&a, b.center());
        let (to, back) = anchor(&b, a.center());
        let curve = arrow_curve(from, out, to, back);
        let color = with_alpha(style.highlight, if focus { 0.75 } else { 0.4 });
        let stroke = Stroke::new(if focus { 1.6 } else { 1.1 }, color);
        painter.add(CubicBezierShape::from_points_stroke(
            curve,
            false,
            Color32::TRANSPARENT,
            stroke,
        ));
        let head = arrow_head(&curve, if focus { 8.0 } else { 6.0 });
        painter.add(Shape::convex_polygon(head.to_vec(), color, Stroke::NONE));
        labels.push((curve, scene.dataset.link_kind(&link), focus));
    }
    // Kinds over every arrow, on a backing, so that no arrow crosses a kind; the focus's first,
    // and none over another.
    labels.sort_by_key(|(_, _, focus)| !focus);
    let mut placed: Vec<Rect> = event_label_rects(scene);
    for (curve, kind, focus) in labels {
        let color = if focus { style.text } else { style.text_dim };
        let galley = painter.layout_no_wrap(kind.to_owned(), font.clone(), color);
        let size = galley.size() + vec2(6.0, 2.0);
        // On a part of the arrow where it covers neither an event's label nor another kind;
        // left out when the arrow is shorter than the kind (it would hide the arrow).
        if (curve[3] - curve[0]).length() < size.x {
            continue;
        }
        let free = LABEL_AT
            .iter()
            .map(|&t| Rect::from_center_size(curve_at(&curve, t), size))
            .find(|r| !placed.iter().any(|p| p.intersects(*r)));
        let Some(rect) = free else { continue };
        placed.push(rect);
        painter.rect_filled(rect, 3.0, with_alpha(style.background, 0.9));
        painter.galley(rect.min + vec2(3.0, 1.0), galley, color);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POINT: Mark = Mark {
        x0: 95.0,
        x1: 105.0,
        y: 50.0,
        half: 5.0,
    };

    #[test]
    fn arrows_leave_beside_a_mark_or_above_and_below_its_extent() {
        assert_eq!(
            anchor(&POINT, pos2(300.0, 10.0)),
            (pos2(107.0, 50.0), vec2(1.0, 0.0))
        );
        assert_eq!(
            anchor(&POINT, pos2(10.0, 90.0)),
            (pos2(93.0, 50.0), vec2(-1.0, 0.0))
        );
        let bar = Mark {
            x0: 0.0,
            x1: 400.0,
            y: 50.0,
            half: 7.0,
        };
        // A treaty under the end of a war's bar: the arrow leaves the bar downwards, over it.
        assert_eq!(
            anchor(&bar, pos2(398.0, 120.0)),
            (pos2(398.0, 59.0), vec2(0.0, 1.0))
        );
        assert_eq!(
            anchor(&bar, pos2(-3.0, 20.0)),
            (pos2(0.0, 41.0), vec2(0.0, -1.0))
        );
    }

    #[test]
    fn a_curve_leaves_and_arrives_along_its_directions() {
        let c = arrow_curve(
            pos2(0.0, 0.0),
            vec2(1.0, 0.0),
            pos2(200.0, 100.0),
            vec2(-1.0, 0.0),
        );
        assert_eq!(c[0], pos2(0.0, 0.0));
        assert_eq!(c[3], pos2(200.0, 100.0));
        // Handles 40% of the distance (223.6) long, along the directions.
        assert!((c[1].x - 89.44).abs() < 0.01 && c[1].y == 0.0, "{c:?}");
        assert!((c[2].x - 110.56).abs() < 0.01 && c[2].y == 100.0, "{c:?}");
        assert_eq!(curve_middle(&c), pos2(100.0, 50.0));
        // Short arrows still bow: handles at least 18 points long.
        let short = arrow_curve(
            pos2(0.0, 0.0),
            vec2(0.0, -1.0),
            pos2(10.0, 0.0),
            vec2(0.0, -1.0),
        );
        assert_eq!(short[1], pos2(0.0, -18.0));
        assert!(curve_middle(&short).y < -10.0, "an arc above the row");
    }

    #[test]
    fn the_head_points_into_the_target() {
        let c = arrow_curve(
            pos2(0.0, 0.0),
            vec2(1.0, 0.0),
            pos2(200.0, 0.0),
            vec2(-1.0, 0.0),
        );
        let [tip, a, b] = arrow_head(&c, 8.0);
        assert_eq!(tip, pos2(200.0, 0.0));
        assert_eq!((a.x, b.x), (192.0, 192.0));
        assert_eq!((a.y + b.y, (a.y - b.y).abs()), (0.0, 8.0));
    }
}
