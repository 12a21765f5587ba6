//! Painting event labels: beside (or inside) their markers where the layout placed them, and
//! floating over their neighbours, on a backing, for a hovered or selected event the layout
//! found no room for.

use egui::{Align2, Color32, Painter, Rect, Stroke, StrokeKind, pos2, vec2};

use crate::model::Event;

use super::layout::{Item, Label, Lane};
use super::lod::Level;
use super::paint::{Scene, with_alpha};

/// An event's label, with a backing over a density graph and a highlight when it matches the
/// search.
pub(super) fn paint_label(
    painter: &Painter,
    scene: &Scene<'_>,
    lane: &Lane,
    event: &Event,
    label: Label,
    y: f32,
    is_match: Option<bool>,
) {
    let style = scene.style;
    let text_color = if label.inside {
        // Dimmed, as its bar is, when it does not match the search.
        if is_match == Some(false) {
            with_alpha(Color32::WHITE, 0.6)
        } else {
            Color32::WHITE
        }
    } else if is_match == Some(false) {
        with_alpha(style.text_dim, 0.6)
    } else {
        style.text
    };
    let pos = pos2(label.x, y);
    if lane.level == Level::Density && !label.inside {
        // Over a density graph: a backing keeps the label readable.
        let bg = Rect::from_min_size(pos2(label.x - 2.0, y - 8.0), vec2(label.width + 4.0, 16.0));
        painter.rect_filled(bg, 3.0, with_alpha(style.background, 0.85));
    }
    if is_match == Some(true) {
        let bg = Rect::from_min_size(pos2(label.x - 2.0, y - 9.0), vec2(label.width + 4.0, 18.0));
        painter.rect_filled(bg, 3.0, style.match_fill);
    }
    painter.text(
        pos,
        Align2::LEFT_CENTER,
        &event.title,
        style.label_font.clone(),
        text_color,
    );
}

/// The label of a hovered or selected event that has none in the layout: right of its marker,
/// or left where the right has no room, over whatever is there.
pub(super) fn paint_floating_label(
    painter: &Painter,
    scene: &Scene<'_>,
    event: &Event,
    item: &Item,
    y: f32,
) {
    let (style, params) = (scene.style, &scene.params);
    let galley = painter.layout_no_wrap(
        event.title.to_string(),
        style.label_font.clone(),
        style.text,
    );
    let width = galley.size().x;
    let gap = params.gap * 0.5;
    let right = item.x1 + gap;
    let x = if right + width > painter.clip_rect().right() {
        item.x0 - gap - width
    } else {
        right
    };
    let bg = Rect::from_min_size(pos2(x - 3.0, y - 9.0), vec2(width + 6.0, 18.0));
    painter.rect_filled(bg, 3.0, with_alpha(style.background, 0.92));
    painter.rect_stroke(
        bg,
        3.0,
        Stroke::new(1.0, style.separator),
        StrokeKind::Inside,
    );
    painter.galley(pos2(x, y - galley.size().y * 0.5), galley, style.text);
}
