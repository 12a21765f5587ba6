//! An event's marks on the timeline: a diamond for a point in time, a bar for a span (lighter
//! where only an imprecise date covers it, fading out when it is ongoing), a person's life
//! behind it and dotted lines under uncertain dates. Marks are cut to what the painter shows:
//! at a day's zoom a span is millions of points wide.

use egui::{Color32, CornerRadius, Mesh, Painter, Pos2, Rect, Shape, Stroke, pos2, vec2};

use crate::model::{Event, HistDate};

use super::layout::Item;
use super::paint::{Scene, with_alpha};

/// A point event's marker: a diamond, hollow when its date is qualified.
pub(super) fn paint_diamond(
    painter: &Painter,
    event: &Event,
    center: Pos2,
    radius: f32,
    color: Color32,
    strength: f32,
) {
    let diamond = vec![
        center + vec2(0.0, -radius),
        center + vec2(radius, 0.0),
        center + vec2(0.0, radius),
        center + vec2(-radius, 0.0),
    ];
    if event.start().is_qualified() {
        painter.add(Shape::convex_polygon(
            diamond,
            with_alpha(color, 0.35 * strength),
            Stroke::new(1.5, color),
        ));
    } else {
        painter.add(Shape::convex_polygon(diamond, color, Stroke::NONE));
    }
}

pub(super) fn paint_bar(
    painter: &Painter,
    event: &Event,
    item: &Item,
    y: f32,
    color: Color32,
    strength: f32,
) {
    let h = 7.0;
    // An ongoing event is drawn to today and fades out over its last stretch.
    let fade = if event.end.as_ref().is_some_and(HistDate::is_open) {
        ((item.x1 - item.x0) * 0.35).min(48.0)
    } else {
        0.0
    };
    let x1 = item.x1 - fade;
    if fade > 0.5 {
        let faded = Rect::from_min_max(pos2(x1, y - h), pos2(item.x1, y + h));
        fade_out(painter, faded, color);
    }
    let rect = Rect::from_min_max(pos2(item.x0, y - h), pos2(x1, y + h));
    // The parts covered only by an imprecise start or end are lighter: the event may or may not
    // have begun (or ended) there.
    let width = x1 - item.x0;
    let total = event.axis_end() - event.axis_start();
    // A date known to the day is certain; a coarser one covers a stretch that may or may not
    // belong to the event.
    let share = |d: &HistDate| {
        if total <= 0.0 || d.is_exact_day() {
            0.0
        } else {
            ((d.axis_end() - d.axis_start()) / total) as f32 * width
        }
    };
    let start_len = share(event.start());
    let end_len = event.end.as_ref().map_or(0.0, share);
    let corners = if fade > 0.5 {
        CornerRadius {
            nw: 3,
            sw: 3,
            ne: 0,
            se: 0,
        }
    } else {
        CornerRadius::same(3)
    };
    let solid = Rect::from_min_max(
        pos2((item.x0 + start_len).min(x1), rect.top()),
        pos2(
            (x1 - end_len).max(item.x0 + start_len).min(x1),
            rect.bottom(),
        ),
    );
    // The light bar shows only where the solid one does not cover it (or through it, when
    // the solid is translucent).
    let solid_shown = solid.width() > 0.5;
    let hidden = solid_shown
        && color.a() == 255
        && solid.left() <= rect.left()
        && solid.right() >= rect.right();
    if !hidden {
        fill_in_view(painter, rect, corners, with_alpha(color, 0.45 * strength));
    }
    if solid_shown {
        fill_in_view(painter, solid, corners, color);
    }
    if event.start().is_qualified() {
        dotted(
            painter,
            item.x0,
            (item.x0 + start_len.max(8.0)).min(x1),
            rect.bottom() + 2.5,
            color,
        );
    }
    if event.end.as_ref().is_some_and(HistDate::is_qualified) {
        dotted(
            painter,
            (x1 - end_len.max(8.0)).max(item.x0),
            x1,
            rect.bottom() + 2.5,
            color,
        );
    }
}

/// A bar's end fading from `color` to nothing, left to right.
fn fade_out(painter: &Painter, rect: Rect, color: Color32) {
    let clear = with_alpha(color, 0.0);
    let mut mesh = Mesh::default();
    mesh.colored_vertex(rect.left_top(), color);
    mesh.colored_vertex(rect.right_top(), clear);
    mesh.colored_vertex(rect.right_bottom(), clear);
    mesh.colored_vertex(rect.left_bottom(), color);
    mesh.add_triangle(0, 1, 2);
    mesh.add_triangle(0, 2, 3);
    painter.add(Shape::mesh(mesh));
}

/// The life of the person an event is about, behind its bar or marker: a thin line from birth
/// to death (from the event, when one of them is unknown) with a short tick at each known end.
pub(super) fn paint_life(
    painter: &Painter,
    scene: &Scene<'_>,
    event: &Event,
    life: &crate::model::Life,
    y: f32,
    color: Color32,
) {
    let (lo, hi) = (
        scene.geo.lanes.left() - 10.0,
        scene.geo.lanes.right() + 10.0,
    );
    let x = |t: crate::model::AxisTime| scene.mapping.x_from_time(t).clamp(lo, hi);
    let x0 = x(life
        .born
        .as_ref()
        .map_or(event.axis_start(), HistDate::axis_start));
    let x1 = x(life
        .died
        .as_ref()
        .map_or(event.axis_end(), HistDate::axis_end));
    if x1 - x0 < 1.0 {
        return;
    }
    let stroke = Stroke::new(1.5, color);
    painter.line_segment([pos2(x0, y), pos2(x1, y)], stroke);
    for (known, at) in [(life.born.is_some(), x0), (life.died.is_some(), x1)] {
        if known {
            painter.line_segment([pos2(at, y - 4.0), pos2(at, y + 4.0)], stroke);
        }
    }
}

/// A dotted line from `x0` to `x1` (what an uncertain date covers), drawn only where it shows:
/// at a day's zoom, an uncertain year is hundreds of thousands of points long.
pub(super) fn dotted(painter: &Painter, x0: f32, x1: f32, y: f32, color: Color32) {
    let (lo, hi) = shown_x(painter);
    let Some((x0, x1)) = cut_dashes(x0, x1, lo, hi, DASH + GAP) else {
        return;
    };
    let pts: [Pos2; 2] = [pos2(x0, y), pos2(x1, y)];
    painter.extend(Shape::dashed_line(&pts, Stroke::new(1.5, color), DASH, GAP));
}

/// A filled rectangle cut to what the painter shows, losing its rounded corners on a cut side
/// (they are out of sight): a span seen at a day's zoom can be millions of points wide, and a
/// plain rectangle is a fifth of the vertices of a rounded one.
pub(super) fn fill_in_view(painter: &Painter, rect: Rect, corners: CornerRadius, color: Color32) {
    let (lo, hi) = shown_x(painter);
    let Some(cut) = cut_span(rect.left(), rect.right(), lo, hi) else {
        return;
    };
    let mut corners = corners;
    if cut.left_cut {
        (corners.nw, corners.sw) = (0, 0);
    }
    if cut.right_cut {
        (corners.ne, corners.se) = (0, 0);
    }
    let rect = Rect::from_x_y_ranges(cut.x0..=cut.x1, rect.y_range());
    painter.rect_filled(rect, corners, color);
}

/// Length of a dash of [`dotted`] and of the gap after it, in points.
const DASH: f32 = 2.0;
const GAP: f32 = 3.0;

/// How far beyond the painter's clip rectangle a cut mark still reaches, so that its cut ends
/// stay out of sight.
const BEYOND: f32 = 8.0;

/// The horizontal range a mark is cut to: the painter's clip rectangle and [`BEYOND`].
fn shown_x(painter: &Painter) -> (f32, f32) {
    let clip = painter.clip_rect();
    (clip.left() - BEYOND, clip.right() + BEYOND)
}

/// What shows of a horizontal span cut to a range, and which of its ends were cut.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Shown {
    x0: f32,
    x1: f32,
    left_cut: bool,
    right_cut: bool,
}

/// `[x0, x1]` cut to `[lo, hi]`; `None` when nothing of it is in the range.
fn cut_span(x0: f32, x1: f32, lo: f32, hi: f32) -> Option<Shown> {
    if x1 < lo || x0 > hi || x1 < x0 {
        return None;
    }
    Some(Shown {
        x0: x0.max(lo),
        x1: x1.min(hi),
        left_cut: x0 < lo,
        right_cut: x1 > hi,
    })
}

/// A dashed line's `[x0, x1]` cut to `[lo, hi]`, its start moved by whole dash periods, so the
/// dashes on screen stay where they were (they do not crawl as the view pans).
fn cut_dashes(x0: f32, x1: f32, lo: f32, hi: f32, period: f32) -> Option<(f32, f32)> {
    let cut = cut_span(x0, x1, lo, hi)?;
    let start = if cut.left_cut {
        x0 + ((lo - x0) / period).floor() * period
    } else {
        x0
    };
    Some((start, cut.x1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_is_cut_to_the_range_and_says_which_ends_were_cut() {
        let in_view = cut_span(10.0, 20.0, 0.0, 100.0);
        assert_eq!(
            in_view,
            Some(Shown {
                x0: 10.0,
                x1: 20.0,
                left_cut: false,
                right_cut: false
            })
        );
        // A war seen at a day's zoom: millions of points on both sides.
        let across = cut_span(-1.2e6, 5.0e5, 0.0, 100.0);
        assert_eq!(
            across,
            Some(Shown {
                x0: 0.0,
                x1: 100.0,
                left_cut: true,
                right_cut: true
            })
        );
        let ending = cut_span(-50.0, 40.0, 0.0, 100.0).map(|c| (c.x0, c.left_cut, c.right_cut));
        assert_eq!(ending, Some((0.0, true, false)));
        assert_eq!(cut_span(-50.0, -1.0, 0.0, 100.0), None);
        assert_eq!(cut_span(101.0, 200.0, 0.0, 100.0), None);
    }

    #[test]
    fn cut_dashes_keep_their_places_on_screen() {
        let period = DASH + GAP;
        for x0 in [-1.0e6_f32, -12_345.6, -3.0] {
            let Some((start, end)) = cut_dashes(x0, 1.0e6, 0.0, 100.0, period) else {
                panic!("a line across the range is drawn");
            };
            assert_eq!(end, 100.0);
            assert!((-period..=0.0).contains(&start), "{start} from {x0}");
            // A whole number of periods from where the line begins.
            let periods = (start - x0) / period;
            assert!((periods - periods.round()).abs() < 0.02, "{periods}");
        }
        assert_eq!(
            cut_dashes(20.0, 30.0, 0.0, 100.0, period),
            Some((20.0, 30.0))
        );
    }

    #[test]
    fn a_long_uncertain_span_at_a_days_zoom_is_a_screenful_of_dashes() {
        let ctx = egui::Context::default();
        let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
            let clip = Rect::from_min_max(pos2(0.0, 0.0), pos2(900.0, 600.0));
            let painter = ui.painter().with_clip_rect(clip);
            // An uncertain year seen a day wide: 365 × 900 points.
            dotted(&painter, -150_000.0, 178_500.0, 10.0, Color32::RED);
        });
        let dashes = out
            .shapes
            .iter()
            .filter(|s| matches!(s.shape, Shape::LineSegment { .. }))
            .count();
        // (900 + 2 × 8) / 5 dashes, give or take the ends.
        assert!((180..=190).contains(&dashes), "{dashes} dashes");
        // (The font atlas this first pass made is not uploaded anywhere.)
        out.textures_delta.clear();
    }
}
