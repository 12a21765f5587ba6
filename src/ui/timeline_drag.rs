//! Dragging an event along the timeline: a drag that starts on an event moves it (a drag
//! elsewhere pans), by whole steps of its precision ([`crate::model::shift`]), and into another
//! lane to take that lane's theme; a drag on either end of a bar moves that end; with Shift held
//! the steps are finer (a year-known event moves by months, a month-known one by days; days stay
//! days: dates hold no time of day); while dragging, a ghost shows where it goes and a tooltip
//! its new dates; releasing pushes one [`Command::MoveEvent`], one undo step.

use egui::{CursorIcon, Rect, Response, Ui, pos2};

use crate::model::Text;
use crate::model::date::span_in_words;
use crate::model::shift::{SpanEnd, moved_by, moved_end};
use crate::timeline::TimeMapping;
use crate::timeline::hit::{self, Hit};
use crate::timeline::layout::{Layout, Params};
use crate::timeline::paint::Geometry;

use super::command::{Command, Commands};
use super::timeline_ui::TimelineInput;

/// An event being dragged: which, where the drag began, and whether it holds an end of its
/// bar (`None`: the whole event).
#[derive(Clone, Debug)]
struct EventDrag {
    index: usize,
    id: Text,
    origin_x: f32,
    end: Option<SpanEnd>,
}

/// How near (points) to an end of a bar a drag holds that end.
const END_GRAB: f32 = 5.0;

/// What a drag on the timeline is doing.
pub struct DragFrame<'a> {
    pub response: &'a Response,
    pub input: &'a TimelineInput<'a>,
    pub layout: &'a Layout,
    pub params: &'a Params,
    pub geo: &'a Geometry,
    pub mapping: &'a TimeMapping,
}

/// What a drag did this frame.
#[derive(Clone, Copy, Debug, Default)]
pub struct DragShown {
    /// An event (not the view) is dragged.
    pub moving: bool,
    /// Where the dragged event would go, to paint over the timeline.
    pub ghost: Option<Rect>,
}

/// Paints where a dragged event would go: an outlined bar over its row and a line down the
/// lanes at its start.
pub fn paint_ghost(ui: &Ui, clip: Rect, ghost: Rect) {
    let sel = ui.visuals().selection;
    let painter = ui.painter_at(clip);
    painter.vline(
        ghost.left(),
        clip.y_range(),
        egui::Stroke::new(1.0, sel.stroke.color.gamma_multiply(0.6)),
    );
    painter.rect(
        ghost,
        2.0,
        sel.bg_fill.gamma_multiply(0.7),
        egui::Stroke::new(1.5, sel.stroke.color),
        egui::StrokeKind::Outside,
    );
}

/// Moves an event dragged on the timeline.
pub fn drag_event_ui(ui: &Ui, f: &DragFrame<'_>, cmds: &mut Commands) -> DragShown {
    let moving = DragShown {
        moving: true,
        ghost: None,
    };
    let id = f.response.id.with("event drag");
    if f.response.drag_started() {
        start_drag(ui, f, id);
    }
    let Some(drag) = ui.data(|d| d.get_temp::<EventDrag>(id)) else {
        return DragShown::default();
    };
    let pointer = f
        .response
        .interact_pointer_pos()
        .or_else(|| ui.input(|i| i.pointer.latest_pos()));
    let x = pointer.map_or(drag.origin_x, |p| p.x);
    let days = f64::from(x - drag.origin_x) * f.mapping.days_per_point();
    let fine = ui.input(|i| i.modifiers.shift);
    let event = f
        .input
        .dataset
        .event(drag.index)
        .filter(|e| e.id() == drag.id);
    // Dropped into another lane: the event takes that lane's theme.
    let lane = pointer.and_then(|p| lane_at(f, p.y));
    let theme = lane.and_then(|(l, _)| f.input.dataset.themes().get(l.theme));
    let new_theme = theme.filter(|t| event.is_some_and(|e| e.theme != t.id.as_str()));
    if f.response.drag_stopped() || !f.response.dragged() {
        ui.data_mut(|d| d.remove::<EventDrag>(id));
        if event.is_some() {
            cmds.push(match drag.end {
                Some(end) => Command::ResizeEvent {
                    id: drag.id.to_string(),
                    start: end == SpanEnd::Start,
                    days,
                    fine,
                },
                None => Command::MoveEvent {
                    id: drag.id.to_string(),
                    days,
                    theme: new_theme.map(|t| t.id.clone()),
                    fine,
                },
            });
        }
        return moving;
    }
    let Some(e) = event else {
        return moving;
    };
    let new_theme = new_theme.filter(|_| drag.end.is_none());
    ui.ctx().set_cursor_icon(if drag.end.is_some() {
        CursorIcon::ResizeHorizontal
    } else {
        CursorIcon::Grabbing
    });
    let moved = match drag.end {
        Some(end) => moved_end(e, end, days, fine),
        None => moved_by(e, days, fine),
    };
    let (t0, t1) = moved
        .as_ref()
        .map_or((e.axis_start(), e.axis_end()), |(m, _, _)| {
            (m.axis_start(), m.axis_end())
        });
    let ghost = if new_theme.is_some() {
        lane.map(|(_, y)| bar(f, y, t0, t1))
    } else if moved.is_some() {
        ghost_rect(f, drag.index, t0, t1)
    } else {
        None
    };
    drag_tooltip_ui(f.response, e, moved.as_ref(), drag.end, new_theme, fine);
    DragShown {
        moving: true,
        ghost,
    }
}

/// The dragged event's new dates, how far it moved, and the lane it goes to.
fn drag_tooltip_ui(
    response: &Response,
    e: &crate::model::Event,
    moved: Option<&(crate::model::Event, i64, crate::model::shift::Step)>,
    end: Option<SpanEnd>,
    new_theme: Option<&crate::model::Theme>,
    fine: bool,
) {
    egui::Tooltip::for_widget(response).at_pointer().show(|ui| {
        ui.set_min_width(180.0);
        ui.strong(e.title());
        match moved {
            Some((m, n, step)) => {
                ui.label(span_in_words(m.start(), m.end.as_ref()));
                let plural = if n.abs() == 1 { "" } else { "s" };
                let way = if *n > 0 { "later" } else { "earlier" };
                let what = match end {
                    Some(SpanEnd::Start) => "start ",
                    Some(SpanEnd::End) => "end ",
                    None => "",
                };
                ui.weak(format!("{what}{} {}{plural} {way}", n.abs(), step.name()));
            }
            None if crate::model::shift::step_of(e).is_none() => {
                ui.weak("Dates of this form move in the form (E), not by dragging");
            }
            None => {
                ui.label(span_in_words(e.start(), e.end.as_ref()));
                ui.weak("Drag further to move it");
            }
        }
        if let Some(t) = new_theme {
            ui.label(format!("to the {} lane", t.label));
        }
        ui.weak(if fine {
            "Finer steps (Shift): years by months, months by days"
        } else {
            "Hold Shift for finer steps"
        });
    });
}

/// Remembers the event a drag starts on (none when it starts elsewhere: it pans).
fn start_drag(ui: &Ui, f: &DragFrame<'_>, id: egui::Id) {
    let origin = ui.input(|i| i.pointer.press_origin());
    let started =
        origin.and_then(
            |p| match hit::at(f.layout, f.params, p.x, p.y - f.geo.lanes.top()) {
                Some(Hit::Event(index)) if p.x >= f.mapping.x_min => {
                    let e = f.input.dataset.event(index)?;
                    let end = f.layout.find(index).and_then(|(_, item)| {
                        let wide = item.is_range && item.x1 - item.x0 >= 4.0 * END_GRAB;
                        if !wide {
                            None
                        } else if (p.x - item.x0).abs() <= END_GRAB {
                            Some(SpanEnd::Start)
                        } else if (p.x - item.x1).abs() <= END_GRAB {
                            Some(SpanEnd::End)
                        } else {
                            None
                        }
                    });
                    Some(EventDrag {
                        index,
                        id: e.id_text(),
                        origin_x: p.x,
                        end,
                    })
                }
                _ => None,
            },
        );
    ui.data_mut(|d| match started {
        Some(s) => {
            d.insert_temp(id, s);
        }
        None => d.remove::<EventDrag>(id),
    });
}

/// Where the dragged event goes: a bar over its row.
fn ghost_rect(f: &DragFrame<'_>, index: usize, t0: f64, t1: f64) -> Option<Rect> {
    let (lane, item) = f.layout.find(index)?;
    let y = f.geo.lanes.top() + lane.row_center(item.row, f.params);
    Some(bar(f, y, t0, t1))
}

/// A bar from `t0` to `t1` (at least a marker wide) centred on `y`.
fn bar(f: &DragFrame<'_>, y: f32, t0: f64, t1: f64) -> Rect {
    let (x0, x1) = (f.mapping.x_from_time(t0), f.mapping.x_from_time(t1));
    let half = f.params.row_height * 0.3;
    Rect::from_min_max(pos2(x0, y - half), pos2(x1.max(x0 + 8.0), y + half))
}

/// The lane at screen height `y`, and the height of its middle.
fn lane_at<'a>(f: &'a DragFrame<'_>, y: f32) -> Option<(&'a crate::timeline::layout::Lane, f32)> {
    let top = f.geo.lanes.top();
    f.layout
        .lanes
        .iter()
        .find(|l| (top + l.top..top + l.top + l.height).contains(&y))
        .map(|l| (l, top + l.top + l.height * 0.5))
}
