//! Painting event labels: beside (or inside) their markers where the layout placed them, and
//! floating over their neighbours, on a backing, for a hovered or selected event the layout
//! found no room for.

use egui::{Align2, Color32, FontId, Painter, Rect, Stroke, StrokeKind, pos2, vec2};

use crate::model::Event;

use super::layout::{Item, Label, Lane, NAMES_LINE_SCALE};
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
    // The names line, under the title, when labels have one and the event has names.
    let names = (scene.params.names_line && !label.inside)
        .then(|| event.names_line())
        .flatten();
    let half = if names.is_some() { 15.0 } else { 8.0 };
    let title_y = if names.is_some() { y - 7.0 } else { y };
    if lane.level == Level::Density && !label.inside {
        // Over a density graph: a backing keeps the label readable.
        let bg = Rect::from_min_size(
            pos2(label.x - 2.0, y - half),
            vec2(label.width + 4.0, 2.0 * half),
        );
        painter.rect_filled(bg, 3.0, with_alpha(style.background, 0.85));
    }
    if is_match == Some(true) {
        let bg = Rect::from_min_size(
            pos2(label.x - 2.0, y - half - 1.0),
            vec2(label.width + 4.0, 2.0 * half + 2.0),
        );
        painter.rect_filled(bg, 3.0, style.match_fill);
    }
    painter.text(
        pos2(label.x, title_y),
        Align2::LEFT_CENTER,
        event.title(),
        style.label_font.clone(),
        text_color,
    );
    if let Some(names) = names {
        let font = FontId::proportional(style.label_font.size * NAMES_LINE_SCALE);
        let color = if is_match == Some(false) {
            with_alpha(style.text_dim, 0.6)
        } else {
            style.text_dim
        };
        painter.text(
            pos2(label.x, y + 8.0),
            Align2::LEFT_CENTER,
            names,
            font,
            color,
        );
    }
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
        event.title().to_string(),
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
