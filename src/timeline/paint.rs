//! Paints a [`Layout`] with an egui [`Painter`]: era bands, the calendar grid and its labels,
//! lanes with their names, and events (markers, bars, imprecision, labels). Used by the window
//! and by the offscreen PNG export, so a figure looks like the screen.

use egui::{Align2, Color32, CornerRadius, FontId, Painter, Rect, Stroke, StrokeKind, pos2, vec2};

use crate::model::{Dataset, Rgb};

use super::layout::{Item, Lane, Layout, Params};
use super::paint_calendar::paint_second_row;
use super::paint_dense::{paint_cluster, paint_density};
use super::paint_label::{paint_floating_label, paint_label};
use super::paint_links::{LinkMode, paint_links};
use super::paint_mark::{dotted, fill_in_view, paint_bar, paint_diamond, paint_life};
use super::second_row::SecondCalendar;
use super::ticks::ticks;
use super::view::TimeMapping;

/// Colors and fonts of a timeline, for a dark or light background.
#[derive(Clone, Debug)]
pub struct Style {
    pub background: Color32,
    pub lane_stripe: Color32,
    pub separator: Color32,
    pub grid: Color32,
    pub text: Color32,
    pub text_dim: Color32,
    pub highlight: Color32,
    pub match_fill: Color32,
    pub label_font: FontId,
    pub axis_font: FontId,
    pub lane_font: FontId,
    /// Room left before each lane's name (the window draws a chevron there).
    pub lane_name_indent: f32,
    /// Room kept after the name of a lane too short to have its "+N" badge under the name
    /// (the window's badge; figures have none).
    pub badge_room: f32,
}

/// A lane at least this tall (points) has its "+N" badge under its name; a shorter one beside.
pub const BADGE_UNDER_NAME_HEIGHT: f32 = 56.0;

impl Style {
    pub fn new(dark: bool) -> Self {
        if dark {
            Self {
                background: Color32::from_rgb(0x1E, 0x1F, 0x22),
                lane_stripe: Color32::from_rgba_unmultiplied(255, 255, 255, 6),
                separator: Color32::from_gray(70),
                grid: Color32::from_gray(200),
                text: Color32::from_gray(225),
                text_dim: Color32::from_gray(150),
                highlight: Color32::WHITE,
                match_fill: Color32::from_rgba_unmultiplied(255, 214, 10, 70),
                label_font: FontId::proportional(13.0),
                axis_font: FontId::proportional(12.0),
                lane_font: FontId::proportional(14.0),
                lane_name_indent: 0.0,
                badge_room: 0.0,
            }
        } else {
            Self {
                background: Color32::from_rgb(0xFC, 0xFC, 0xFA),
                lane_stripe: Color32::from_rgba_unmultiplied(0, 0, 0, 7),
                separator: Color32::from_gray(200),
                grid: Color32::from_gray(60),
                text: Color32::from_gray(25),
                text_dim: Color32::from_gray(110),
                highlight: Color32::BLACK,
                match_fill: Color32::from_rgba_unmultiplied(255, 200, 0, 90),
                label_font: FontId::proportional(13.0),
                axis_font: FontId::proportional(12.0),
                lane_font: FontId::proportional(14.0),
                lane_name_indent: 0.0,
                badge_room: 0.0,
            }
        }
    }
}

/// Heights of the parts of a timeline, in points.
pub const AXIS_HEIGHT: f32 = 26.0;
pub const ERA_HEIGHT: f32 = 18.0;
/// The second calendar row (View ▸ Second calendar), when shown.
pub const SECOND_ROW_HEIGHT: f32 = 18.0;
/// Width of the lane-name column at the left.
pub const GUTTER: f32 = 120.0;

/// Where the parts of a timeline go inside its rect.
#[derive(Clone, Copy, Debug)]
pub struct Geometry {
    pub rect: Rect,
    /// Tick labels.
    pub axis: Rect,
    /// The second calendar row under the axis; no height when it is not shown.
    pub second: Rect,
    /// Era names.
    pub eras: Rect,
    /// The lanes (gutter included).
    pub lanes: Rect,
}

impl Geometry {
    pub fn new(rect: Rect) -> Self {
        Self::with_second_row(rect, false)
    }

    /// The parts, with room for the second calendar row under the axis when `second_row`.
    pub fn with_second_row(rect: Rect, second_row: bool) -> Self {
        let axis = Rect::from_min_size(rect.min, vec2(rect.width(), AXIS_HEIGHT));
        let second = Rect::from_min_size(
            pos2(rect.left(), axis.bottom()),
            vec2(
                rect.width(),
                if second_row { SECOND_ROW_HEIGHT } else { 0.0 },
            ),
        );
        let eras = Rect::from_min_size(
            pos2(rect.left(), second.bottom()),
            vec2(rect.width(), ERA_HEIGHT),
        );
        let lanes = Rect::from_min_max(pos2(rect.left(), eras.bottom()), rect.max);
        Self {
            rect,
            axis,
            second,
            eras,
            lanes,
        }
    }

    /// Left edge and width of the time area (right of the gutter).
    pub fn time_span(&self) -> (f32, f32) {
        let left = self.rect.left() + GUTTER;
        (left, (self.rect.right() - left).max(1.0))
    }

    /// The screen rect of the time area.
    pub fn time_rect(&self) -> Rect {
        Rect::from_min_max(
            pos2(self.rect.left() + GUTTER, self.rect.top()),
            self.rect.max,
        )
    }
}

/// What to emphasise.
#[derive(Clone, Copy, Debug, Default)]
pub struct Emphasis<'a> {
    pub selected: Option<usize>,
    pub hovered: Option<usize>,
    /// When a search is active: whether each event (by index) matches.
    pub matches: Option<&'a [bool]>,
}

pub fn color32(c: Rgb) -> Color32 {
    let [r, g, b] = c.0;
    Color32::from_rgb(r, g, b)
}

/// Everything a timeline picture is made of.
pub struct Scene<'a> {
    pub geo: Geometry,
    pub mapping: TimeMapping,
    pub dataset: &'a Dataset,
    pub layout: &'a Layout,
    pub params: Params,
    pub style: &'a Style,
    pub emphasis: Emphasis<'a>,
    /// Which links to draw as arrows.
    pub links: LinkMode,
    /// The calendar of the row under the axis (drawn when `geo.second` has a height).
    pub second: SecondCalendar,
}

/// Paints the whole timeline: background, eras, grid, lanes and events.
pub fn paint_timeline(painter: &Painter, scene: &Scene<'_>) {
    profiling::function_scope!();
    let Scene {
        geo,
        mapping,
        dataset,
        layout,
        style,
        emphasis,
        ..
    } = scene;
    painter.rect_filled(geo.rect, 0.0, style.background);
    let time_rect = geo.time_rect();
    let clip = painter.with_clip_rect(time_rect.intersect(painter.clip_rect()));
    paint_eras(&clip, geo, dataset, layout, style);
    paint_grid(&clip, geo, mapping, style);
    paint_second_row(painter, geo, mapping, scene.second, style);
    paint_lanes(painter, geo, dataset, layout, style);
    let lanes_clip = painter.with_clip_rect(
        Rect::from_min_max(pos2(time_rect.left(), geo.lanes.top()), geo.lanes.max)
            .intersect(painter.clip_rect()),
    );
    for lane in &layout.lanes {
        profiling::scope!("lane");
        paint_density(&lanes_clip, scene, lane);
        for item in &lane.items {
            paint_item(&lanes_clip, scene, lane, item);
        }
    }
    paint_links(&lanes_clip, scene);
    // Selected and hovered items are painted again, last, so nothing covers them.
    for id in [emphasis.hovered, emphasis.selected].into_iter().flatten() {
        if let Some((lane, item)) = layout.find(id) {
            paint_item(&lanes_clip, scene, lane, item);
        }
    }
}

fn paint_eras(
    painter: &Painter,
    geo: &Geometry,
    dataset: &Dataset,
    layout: &Layout,
    style: &Style,
) {
    profiling::function_scope!();
    let bottom = geo.lanes.top() + layout.height.max(geo.lanes.height());
    for (n, band) in layout.eras.iter().enumerate() {
        let Some(era) = dataset.eras().get(band.era) else {
            continue;
        };
        let base = era.color.map_or(style.text_dim, color32);
        let alpha = if n % 2 == 0 { 18 } else { 30 };
        let fill = Color32::from_rgba_unmultiplied(base.r(), base.g(), base.b(), alpha);
        let rect = Rect::from_min_max(pos2(band.x0, geo.eras.top()), pos2(band.x1, bottom));
        painter.rect_filled(rect, 0.0, fill);
        let edge = Color32::from_rgba_unmultiplied(base.r(), base.g(), base.b(), 90);
        painter.line_segment(
            [pos2(band.x0, geo.eras.top()), pos2(band.x0, bottom)],
            Stroke::new(1.0, edge),
        );
        // The label sits in the visible part of the band, clipped to it.
        let visible = Rect::from_min_max(
            pos2(band.x0.max(painter.clip_rect().left()), geo.eras.top()),
            pos2(band.x1.min(painter.clip_rect().right()), geo.eras.bottom()),
        );
        if visible.width() > 24.0 {
            painter
                .with_clip_rect(visible.intersect(painter.clip_rect()))
                .text(
                    pos2(visible.left() + 4.0, visible.center().y),
                    Align2::LEFT_CENTER,
                    &era.label,
                    style.axis_font.clone(),
                    style.text_dim,
                );
        }
    }
}

fn paint_grid(painter: &Painter, geo: &Geometry, mapping: &TimeMapping, style: &Style) {
    profiling::function_scope!();
    let char_width = style.axis_font.size * 0.55;
    for tick in ticks(mapping, char_width) {
        let x = mapping.x_from_time(tick.time).round() + 0.5;
        let alpha = (tick.strength * 70.0) as u8;
        let c =
            Color32::from_rgba_unmultiplied(style.grid.r(), style.grid.g(), style.grid.b(), alpha);
        painter.line_segment(
            [pos2(x, geo.axis.top() + 14.0), pos2(x, geo.rect.bottom())],
            Stroke::new(1.0, c),
        );
        if let Some(label) = tick.label {
            painter.text(
                pos2(x + 3.0, geo.axis.top() + 3.0),
                Align2::LEFT_TOP,
                label,
                style.axis_font.clone(),
                style.text,
            );
        }
    }
    painter.line_segment(
        [
            pos2(geo.rect.left(), geo.axis.bottom()),
            pos2(geo.rect.right(), geo.axis.bottom()),
        ],
        Stroke::new(1.0, style.separator),
    );
}

fn paint_lanes(
    painter: &Painter,
    geo: &Geometry,
    dataset: &Dataset,
    layout: &Layout,
    style: &Style,
) {
    profiling::function_scope!();
    let left = geo.rect.left();
    for (n, lane) in layout.lanes.iter().enumerate() {
        let top = geo.lanes.top() + lane.top;
        let rect = Rect::from_min_size(pos2(left, top), vec2(geo.rect.width(), lane.height));
        if n % 2 == 1 {
            painter.rect_filled(rect, 0.0, style.lane_stripe);
        }
        painter.line_segment(
            [rect.left_bottom(), rect.right_bottom()],
            Stroke::new(1.0, style.separator),
        );
        let Some(theme) = dataset.themes().get(lane.theme) else {
            continue;
        };
        let color = color32(theme.color);
        painter.rect_filled(
            Rect::from_min_size(
                pos2(left + 6.0, top + 8.0),
                vec2(4.0, (lane.height - 16.0).max(4.0)),
            ),
            CornerRadius::same(2),
            color,
        );
        let x = left + 16.0 + style.lane_name_indent;
        let badge_beside = lane.hidden() > 0 && lane.height < BADGE_UNDER_NAME_HEIGHT;
        let room = if badge_beside { style.badge_room } else { 0.0 };
        let name = lane_name(
            painter,
            &theme.label,
            style,
            color,
            left + GUTTER - 4.0 - room - x,
        );
        let y = top + lane.height.min(44.0) * 0.5 - name.size().y * 0.5;
        painter.galley(pos2(x, y), name, color);
    }
    painter.line_segment(
        [
            pos2(left + GUTTER, geo.axis.bottom()),
            pos2(left + GUTTER, geo.rect.bottom()),
        ],
        Stroke::new(1.0, style.separator),
    );
}

/// A lane's name on one line, cut with "…" where it is wider than `max_width` points.
fn lane_name(
    painter: &Painter,
    text: &str,
    style: &Style,
    color: Color32,
    max_width: f32,
) -> std::sync::Arc<egui::Galley> {
    let mut job =
        egui::text::LayoutJob::simple_singleline(text.to_owned(), style.lane_font.clone(), color);
    job.wrap = egui::text::TextWrapping {
        max_width: max_width.max(8.0),
        max_rows: 1,
        break_anywhere: true,
        overflow_character: Some('…'),
    };
    painter.layout_job(job)
}

pub(super) fn with_alpha(c: Color32, alpha: f32) -> Color32 {
    let [r, g, b, _] = c.to_array();
    Color32::from_rgba_unmultiplied(r, g, b, (alpha.clamp(0.0, 1.0) * 255.0) as u8)
}

fn paint_item(painter: &Painter, scene: &Scene<'_>, lane: &Lane, item: &Item) {
    let Scene {
        geo,
        dataset,
        params,
        style,
        emphasis,
        ..
    } = scene;
    if let Some(c) = &item.cluster {
        paint_cluster(painter, scene, lane, item, c);
        return;
    }
    let Some(event) = dataset.event(item.event) else {
        return;
    };
    let Some(theme) = dataset
        .lane_of(&event.theme)
        .and_then(|l| dataset.themes().get(l))
    else {
        return;
    };
    let is_match = emphasis
        .matches
        .map(|m| m.get(item.event).copied().unwrap_or(false));
    let strength = if is_match == Some(false) { 0.25 } else { 1.0 };
    let color = with_alpha(color32(theme.color), strength);
    let y = geo.lanes.top() + lane.row_center(item.row, params);
    let selected = emphasis.selected == Some(item.event);
    let hovered = emphasis.hovered == Some(item.event);
    let r = params.marker_radius;

    if let Some(life) = event.life() {
        paint_life(
            painter,
            scene,
            event,
            life,
            y,
            with_alpha(color, 0.7 * strength),
        );
    }
    // What the dates may denote, when wider than the marker: a faint band, dotted if qualified.
    let (b0, b1) = item.bounds;
    if !item.is_range && b1 - b0 > 2.0 * r + 2.0 {
        let band = Rect::from_min_max(pos2(b0, y - 3.0), pos2(b1, y + 3.0));
        fill_in_view(
            painter,
            band,
            CornerRadius::same(1),
            with_alpha(color, 0.22 * strength),
        );
        if event.start().is_qualified() {
            dotted(painter, b0, b1, y + 5.0, color);
        }
    }

    if item.is_range {
        paint_bar(painter, event, item, y, color, strength);
    } else {
        let center = pos2((item.x0 + item.x1) * 0.5, y);
        let radius = if hovered { r + 1.5 } else { r };
        paint_diamond(painter, event, center, radius, color, strength);
    }
    if selected || hovered {
        let ring = Rect::from_min_max(
            pos2(item.x0 - 3.0, y - r - 3.0),
            pos2(item.x1 + 3.0, y + r + 3.0),
        );
        let stroke = Stroke::new(if selected { 2.0 } else { 1.0 }, style.highlight);
        painter.rect_stroke(ring, 3.0, stroke, StrokeKind::Outside);
    }

    if let Some(label) = item.label {
        paint_label(painter, scene, lane, event, label, y, is_match);
    } else if hovered || selected {
        paint_floating_label(painter, scene, event, item, y);
    }
}
