//! The overview strip: the whole dataset in miniature (event density per lane) with a window on
//! the current view. Drag the window to pan, drag its edges to zoom, click elsewhere to jump.

use std::sync::{Arc, Weak};

use egui::{Color32, CursorIcon, Id, Rect, Sense, Stroke, StrokeKind, Ui, pos2};

use crate::model::{Dataset, Filter};
use crate::timeline::lod::Bin;
use crate::timeline::paint::{GUTTER, color32};
use crate::timeline::{TimeMapping, TimeView, lod};
use crate::ui::command::{Command, Commands};
use crate::ui::document::Document;
use crate::ui::parts::ViewState;

pub const HEIGHT: f32 = 64.0;
/// How close (points) to the window's edge a drag resizes it.
const EDGE: f32 = 6.0;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Drag {
    Move,
    Left,
    Right,
}

pub fn overview_ui(
    ui: &mut Ui,
    doc: &Document,
    filter: &Filter,
    view: &ViewState,
    cmds: &mut Commands,
) {
    let rect = ui.available_rect_before_wrap();
    let response = ui.allocate_rect(rect, Sense::click_and_drag());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Slider, true, "Overview"));
    let limits = doc.limits();
    let whole = TimeView::new(limits.lo, limits.hi - limits.lo);
    let area = Rect::from_min_max(
        pos2(rect.left() + GUTTER, rect.top() + 4.0),
        pos2(rect.right(), rect.bottom() - 4.0),
    );
    let mapping = TimeMapping::new(whole, area.left(), area.width());
    let painter = ui.painter_at(rect);
    painter.text(
        pos2(rect.left() + 8.0, rect.center().y),
        egui::Align2::LEFT_CENTER,
        "Overview",
        egui::FontId::proportional(12.0),
        ui.visuals().weak_text_color(),
    );

    let density = density_ui(ui, &doc.dataset, filter, &mapping);
    paint_density(&painter, &doc.dataset, &density.lanes, area);

    // The current view.
    let x0 = mapping.x_from_time(view.view.start).max(area.left());
    let x1 = mapping
        .x_from_time(view.view.end())
        .min(area.right())
        .max(x0 + 2.0);
    let window = Rect::from_min_max(pos2(x0, rect.top() + 1.0), pos2(x1, rect.bottom() - 1.0));
    let accent = ui.visuals().selection.stroke.color;
    painter.rect_filled(
        window,
        2.0,
        Color32::from_rgba_unmultiplied(accent.r(), accent.g(), accent.b(), 30),
    );
    painter.rect_stroke(window, 2.0, Stroke::new(1.5, accent), StrokeKind::Inside);

    drag_ui(ui, &response, &mapping, (x0, x1), view.view, cmds);
}

/// Each shown lane's events per 2-point column, for one dataset, filter (but its search, which
/// only highlights) and mapping: counted once and kept while they stay the same (the strip
/// shows the whole dataset, whatever the view: counting it every frame was a fifth of a
/// frame's cost with a million events).
#[derive(Clone, Debug)]
struct Density {
    /// Held weakly: the dataset's memory is not kept, and while this is kept no other dataset
    /// can be at its address.
    dataset: Weak<Dataset>,
    filter: Filter,
    mapping: TimeMapping,
    /// The shown lanes (by index) and their non-empty columns.
    lanes: Vec<(usize, Vec<Bin>)>,
}

impl Density {
    /// Counts the shown lanes' columns.
    fn of(dataset: &Arc<Dataset>, filter: &Filter, mapping: &TimeMapping) -> Self {
        let d = &**dataset;
        let lanes = (0..d.themes().len())
            .filter(|&l| !filter.hidden_themes.contains(&d.themes()[l].id))
            // Found by binary search per column: no pass over the events.
            .map(|l| (l, lod::bins(&d.lanes()[l], filter, mapping, 2.0)))
            .collect();
        Self {
            dataset: Arc::downgrade(dataset),
            filter: filter.clone(),
            mapping: *mapping,
            lanes,
        }
    }

    /// True when it was counted for these.
    fn is_of(&self, dataset: &Arc<Dataset>, filter: &Filter, mapping: &TimeMapping) -> bool {
        std::ptr::eq(self.dataset.as_ptr(), Arc::as_ptr(dataset))
            && self.filter.passes_same(filter)
            && self.mapping == *mapping
    }
}

/// The strip's [`Density`], counted again only when the dataset, filter or mapping changed.
fn density_ui(
    ui: &Ui,
    dataset: &Arc<Dataset>,
    filter: &Filter,
    mapping: &TimeMapping,
) -> Arc<Density> {
    let id = Id::unique("overview-density");
    if let Some(kept) = ui.data(|d| d.get_temp::<Arc<Density>>(id))
        && kept.is_of(dataset, filter, mapping)
    {
        return kept;
    }
    let density = Arc::new(Density::of(dataset, filter, mapping));
    ui.data_mut(|d| d.insert_temp(id, Arc::clone(&density)));
    density
}

/// Each shown lane's columns, darker where more start: one mesh of plain quads for the strip
/// (a rectangle shape per column was tessellated, anti-aliased, every frame: some 1,500 of them
/// with a million events, a third of the tessellation of a day view).
fn paint_density(painter: &egui::Painter, d: &Dataset, lanes: &[(usize, Vec<Bin>)], area: Rect) {
    let row_h = area.height() / lanes.len().max(1) as f32;
    let mut mesh = egui::Mesh::default();
    for (n, (lane, bins)) in lanes.iter().enumerate() {
        let max = bins.iter().map(|b| b.count).max().unwrap_or(0).max(1) as f32;
        let c = color32(d.themes()[*lane].color);
        let top = area.top() + n as f32 * row_h;
        for b in bins {
            let strength = 0.35 + 0.65 * (b.count as f32 / max).sqrt();
            let bar = Rect::from_min_max(pos2(b.x0, top + 1.0), pos2(b.x1, top + row_h - 1.0));
            mesh.add_colored_rect(bar, c.gamma_multiply(strength));
        }
    }
    painter.add(egui::Shape::mesh(mesh));
}

/// Dragging the window (its middle pans, its edges zoom) and clicking beside it (jumps there).
fn drag_ui(
    ui: &Ui,
    response: &egui::Response,
    mapping: &TimeMapping,
    (x0, x1): (f32, f32),
    current: TimeView,
    cmds: &mut Commands,
) {
    let drag_id = Id::unique("overview-drag");
    let hover = response.hover_pos();
    let near = |p: egui::Pos2| {
        if (p.x - x0).abs() <= EDGE {
            Some(Drag::Left)
        } else if (p.x - x1).abs() <= EDGE {
            Some(Drag::Right)
        } else if p.x > x0 && p.x < x1 {
            Some(Drag::Move)
        } else {
            None
        }
    };
    if let Some(p) = hover {
        match near(p) {
            Some(Drag::Left | Drag::Right) => {
                ui.ctx().set_cursor_icon(CursorIcon::ResizeHorizontal);
            }
            Some(Drag::Move) => ui.ctx().set_cursor_icon(CursorIcon::Grab),
            None => {}
        }
    }
    if response.drag_started() {
        let mode = response
            .interact_pointer_pos()
            .and_then(near)
            .unwrap_or(Drag::Move);
        ui.data_mut(|d| d.insert_temp(drag_id, mode));
    }
    if response.dragged() {
        let mode = ui
            .data(|d| d.get_temp::<Drag>(drag_id))
            .unwrap_or(Drag::Move);
        let dt = f64::from(response.drag_delta().x) * mapping.days_per_point();
        let v = current;
        let view = match mode {
            Drag::Move => v.pan(dt),
            Drag::Left => TimeView::new(v.start + dt, v.span - dt),
            Drag::Right => TimeView::new(v.start, v.span + dt),
        };
        if view.span >= crate::timeline::view::MIN_SPAN_DAYS {
            cmds.push(Command::SetView(view));
        }
    }
    if response.clicked()
        && let Some(p) = response.interact_pointer_pos()
    {
        let center = mapping.time_from_x(p.x);
        cmds.push(Command::AnimateTo(TimeView::new(
            center - current.span * 0.5,
            current.span,
        )));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_density_is_counted_again_when_what_it_shows_changes() {
        let dataset = Arc::new(crate::synth::dataset(2_000, 6));
        let (lo, hi) = dataset.time_range().unwrap_or((0.0, 1.0));
        let mapping = TimeMapping::new(TimeView::new(lo, hi - lo), 100.0, 800.0);
        let filter = Filter::default();
        let density = Density::of(&dataset, &filter, &mapping);
        assert!(density.is_of(&dataset, &filter, &mapping));
        assert_eq!(density.lanes.len(), dataset.themes().len());
        let counted: u32 = density
            .lanes
            .iter()
            .flat_map(|(_, b)| b)
            .map(|b| b.count)
            .sum();
        assert_eq!(counted as usize, dataset.events().len());
        // Another filter, another width, the same events in another dataset: counted again.
        let hiding = Filter {
            hidden_themes: [dataset.themes()[0].id.clone()].into_iter().collect(),
            ..Filter::default()
        };
        assert!(!density.is_of(&dataset, &hiding, &mapping));
        assert_eq!(
            Density::of(&dataset, &hiding, &mapping).lanes.len(),
            dataset.themes().len() - 1
        );
        let wider = TimeMapping::new(mapping.view, 100.0, 900.0);
        assert!(!density.is_of(&dataset, &filter, &wider));
        // A search only highlights (the strip counts what passes): typing one counts nothing.
        let searching = Filter {
            search: "treaty".into(),
            ..Filter::default()
        };
        assert!(density.is_of(&dataset, &searching, &mapping));
        let edited = Arc::new((*dataset).clone());
        assert!(!density.is_of(&edited, &filter, &mapping));
    }
}
