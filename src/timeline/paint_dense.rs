//! Painting crowded lanes: clusters (a pill with the number of events it holds) and density
//! graphs (one mesh of columns whose height grows with the number of events starting there).

use egui::{Align2, Color32, Mesh, Painter, Rect, Shape, Stroke, StrokeKind, pos2, vec2};

use super::layout::{Cluster, Item, Lane};
use super::paint::{Scene, color32};

/// Paints a lane's density graph as a single mesh, behind its markers.
pub fn paint_density(painter: &Painter, scene: &Scene<'_>, lane: &Lane) {
    profiling::function_scope!();
    if lane.density.is_empty() {
        return;
    }
    let Some(theme) = scene.dataset.themes().get(lane.theme) else {
        return;
    };
    let color = color32(theme.color);
    let top = scene.geo.lanes.top() + lane.top + scene.params.lane_padding;
    let bottom = scene.geo.lanes.top() + lane.top + lane.height - scene.params.lane_padding;
    let height = (bottom - top).max(1.0);
    let max = lane
        .density
        .iter()
        .map(|b| b.count)
        .max()
        .unwrap_or(1)
        .max(2);
    let log_max = (max as f32).ln_1p();
    let mut mesh = Mesh::default();
    for b in &lane.density {
        // Logarithmic, so one event still shows beside thousands.
        let share = 0.12 + 0.88 * (b.count as f32).ln_1p() / log_max;
        let alpha = 0.35 + 0.5 * share;
        let rect = Rect::from_min_max(
            pos2(b.x0, bottom - height * share),
            pos2(b.x1.max(b.x0 + 1.0), bottom),
        );
        mesh.add_colored_rect(rect, color.gamma_multiply(alpha));
    }
    painter.add(Shape::mesh(mesh));
}

/// Paints a cluster: a pill over its events with their number inside.
pub fn paint_cluster(painter: &Painter, scene: &Scene<'_>, lane: &Lane, item: &Item, c: &Cluster) {
    let Some(theme) = scene.dataset.themes().get(lane.theme) else {
        return;
    };
    let y = scene.geo.lanes.top() + lane.row_center(item.row, &scene.params);
    let h = scene.params.marker_radius + 3.0;
    let rect = Rect::from_min_max(pos2(item.x0, y - h), pos2(item.x1, y + h));
    let color = color32(theme.color);
    painter.rect_filled(rect, h, color.gamma_multiply(0.9));
    painter.rect_stroke(
        rect,
        h,
        Stroke::new(1.0, scene.style.background),
        StrokeKind::Inside,
    );
    let text = c.count.to_string();
    if rect.width() >= 10.0 {
        painter.text(
            rect.center() + vec2(0.0, 0.5),
            Align2::CENTER_CENTER,
            text,
            scene.style.axis_font.clone(),
            Color32::WHITE,
        );
    }
}
