//! Paints the second calendar row under the time axis ([`super::second_row`]): its name in the
//! lane-name column, era bands, and marks with their labels.

use egui::{Align2, Painter, Rect, Stroke, pos2};

use super::paint::{Geometry, Style, with_alpha};
use super::second_row::{SecondCalendar, second_row};
use super::view::TimeMapping;

/// The second calendar row: its name in the lane-name column, era bands, and marks with their
/// labels, clipped to the time area.
pub(super) fn paint_second_row(
    painter: &Painter,
    geo: &Geometry,
    mapping: &TimeMapping,
    calendar: SecondCalendar,
    style: &Style,
) {
    if geo.second.height() <= 0.0 || calendar == SecondCalendar::None {
        return;
    }
    profiling::function_scope!();
    let row = geo.second;
    painter.text(
        pos2(row.left() + 6.0, row.center().y),
        Align2::LEFT_CENTER,
        calendar.row_name(),
        style.axis_font.clone(),
        style.text_dim,
    );
    let time_rect = geo.time_rect();
    let clip = painter.with_clip_rect(
        Rect::from_x_y_ranges(time_rect.x_range(), row.y_range()).intersect(painter.clip_rect()),
    );
    let content = second_row(calendar, mapping, style.axis_font.size * 0.55);
    for (n, band) in content.bands.iter().enumerate() {
        let (x0, x1) = (
            mapping.x_from_time(band.t0).max(time_rect.left() - 1.0),
            mapping.x_from_time(band.t1).min(time_rect.right() + 1.0),
        );
        let fill = with_alpha(style.text_dim, if n % 2 == 0 { 0.10 } else { 0.20 });
        let band_rect = Rect::from_x_y_ranges(x0..=x1, row.y_range());
        clip.rect_filled(band_rect, 0.0, fill);
        // The band's name, or its short name, where it fits and the years are not labelled
        // (they name the era themselves).
        let named = content.marks.iter().any(|m| m.label.is_some());
        let fitting = [&band.label, &band.short].into_iter().find_map(|text| {
            let galley = painter.layout_no_wrap(text.clone(), style.axis_font.clone(), style.text);
            (galley.size().x + 8.0 <= band_rect.width()).then_some(galley)
        });
        if !named && let Some(galley) = fitting {
            let pos = pos2(x0 + 4.0, row.center().y - galley.size().y / 2.0);
            clip.galley(pos, galley, style.text);
        }
    }
    for mark in &content.marks {
        let x = mapping.x_from_time(mark.time).round() + 0.5;
        clip.line_segment(
            [pos2(x, row.top() + 3.0), pos2(x, row.bottom())],
            Stroke::new(1.0, with_alpha(style.grid, 0.45)),
        );
        if let Some(label) = &mark.label {
            clip.text(
                pos2(x + 3.0, row.center().y),
                Align2::LEFT_CENTER,
                label,
                style.axis_font.clone(),
                style.text_dim,
            );
        }
    }
    painter.line_segment(
        [
            pos2(row.left(), row.bottom()),
            pos2(row.right(), row.bottom()),
        ],
        Stroke::new(1.0, style.separator),
    );
}
