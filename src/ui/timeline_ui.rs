//! The central timeline: turns pointer input into view commands (wheel and pinch zoom around the
//! pointer, drag and horizontal scroll pan, click select, double-click fit, drag an event to
//! move it: `timeline_drag.rs`), lays out what is
//! visible and paints it, and returns what it showed as a [`TimelineResponse`].

use egui::{Color32, CursorIcon, Rect, Role, Sense, Ui, WidgetInfo, pos2, vec2};

use crate::model::{Dataset, Filter};
use crate::timeline::arrange::{LaneArrangement, Rows};
use crate::timeline::hit::{self, Hit};
use crate::timeline::layout::{Lane, Layout, Params};
use crate::timeline::layout_fit::{Focus, fit};
use crate::timeline::lod::Level;
use crate::timeline::paint::{
    BADGE_UNDER_NAME_HEIGHT, Emphasis, GUTTER, Geometry, Scene, Style, paint_timeline,
};
use crate::timeline::paint_links::LinkMode;
use crate::timeline::second_row::SecondCalendar;
use crate::timeline::view::{ZoomAnchor, range_in_words};
use crate::timeline::{Limits, TimeMapping, TimeView};

use super::command::{Command, Commands};
use super::lane_controls::{LaneControls, lane_controls_ui};
use super::timeline_drag::{DragFrame, drag_event_ui, paint_ghost};

/// How much one point of wheel scrolling zooms.
const WHEEL_ZOOM_PER_POINT: f64 = 0.0035;

/// What the timeline draws.
pub struct TimelineInput<'a> {
    pub dataset: &'a Dataset,
    /// How far the view may go.
    pub limits: Limits,
    pub view: TimeView,
    pub filter: &'a Filter,
    /// Whether each event matches the search (empty when there is no search).
    pub matches: &'a [bool],
    pub selected: Option<usize>,
    /// The theme (index) of the lane expanded from its "+N" badge.
    pub expanded: Option<usize>,
    /// The lanes' order, collapsed lanes and heights.
    pub arrangement: &'a LaneArrangement,
    /// Draw every link in view, not only those of the selected and hovered events.
    pub all_links: bool,
    /// The calendar of the row under the axis, also given in tooltips.
    pub second_calendar: SecondCalendar,
    /// Labels have a second line with the events' names.
    pub names_on_labels: bool,
}

/// What the timeline showed this frame.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TimelineResponse {
    /// The event under the pointer.
    pub hovered: Option<usize>,
    /// Events of the visible range that pass the filter.
    pub visible_count: usize,
    /// How each shown lane was drawn.
    pub levels: Vec<Level>,
    /// The widget's size in points.
    pub size: egui::Vec2,
    /// What each shown lane showed.
    pub lanes: Vec<LaneShown>,
    /// Where the selected event's marker is, when it is drawn.
    pub selected_marker: Option<Rect>,
    /// Days of the time axis per point.
    pub days_per_point: f64,
}

/// What one lane showed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LaneShown {
    /// The theme's id.
    pub theme: String,
    /// Events of the lane in view (that pass the filter).
    pub visible: usize,
    /// Events whose titles show.
    pub labelled: usize,
    /// Sub-rows it took, and would take given the room.
    pub rows: usize,
    pub need: usize,
}

pub fn timeline_ui(
    ui: &mut Ui,
    input: &TimelineInput<'_>,
    cmds: &mut Commands,
) -> TimelineResponse {
    let rect = ui.available_rect_before_wrap();
    let response = ui.allocate_rect(rect, Sense::click_and_drag());
    response.widget_info(|| WidgetInfo::labeled(Role::Canvas, true, "Timeline"));
    let geo = Geometry::with_second_row(rect, input.second_calendar != SecondCalendar::None);
    let (x_min, width) = geo.time_span();
    let mapping = TimeMapping::new(input.view, x_min, width);

    let style = window_style(ui);
    let painter = ui.painter_at(rect);
    let font = style.label_font.clone();
    let mut measure = |s: &str| {
        painter
            .layout_no_wrap(s.to_owned(), font.clone(), Color32::PLACEHOLDER)
            .size()
            .x
    };
    let focus = Focus {
        selected: input.selected,
        expanded: input.expanded,
        arrangement: input.arrangement,
        names_line: input.names_on_labels,
    };
    let (layout, params) = fit(
        input.dataset,
        input.filter,
        &mapping,
        geo.lanes.height(),
        focus,
        &mut measure,
    );
    let drag = DragFrame {
        response: &response,
        input,
        layout: &layout,
        params: &params,
        geo: &geo,
        mapping: &mapping,
    };
    let dragged = drag_event_ui(ui, &drag, cmds);
    let moving = dragged.moving;
    navigate(ui, &response, &mapping, input, moving, cmds);

    let hit = response.hover_pos().and_then(|p| {
        hit::at(&layout, &params, p.x, p.y - geo.lanes.top()).filter(|_| p.x >= x_min)
    });
    let hovered = match hit {
        Some(Hit::Event(i)) => Some(i),
        _ => None,
    };
    clicks(&response, hit, &layout, &geo, &mapping, input.dataset, cmds);
    if let Some(Hit::Group { count, t0, t1 }) = hit
        && !response.dragged()
    {
        group_tooltip_ui(ui, &response, count, t0, t1);
    }

    let matches = (!input.matches.is_empty()).then_some(input.matches);
    let emphasis = Emphasis {
        selected: input.selected,
        hovered,
        matches,
    };
    let scene = Scene {
        geo,
        mapping,
        dataset: input.dataset,
        layout: &layout,
        params,
        style: &style,
        emphasis,
        links: [LinkMode::Selected, LinkMode::All][usize::from(input.all_links)],
        second: input.second_calendar,
    };
    paint_timeline(&painter, &scene);
    let controls = LaneControls {
        dataset: input.dataset,
        arrangement: input.arrangement,
        some_hidden: !input.filter.hidden_themes.is_empty(),
        layout: &layout,
        params: &params,
        geo: &geo,
    };
    lane_controls_ui(ui, &controls, cmds);
    if let Some(ghost) = dragged.ghost {
        paint_ghost(ui, geo.lanes, ghost);
    }
    for lane in &layout.lanes {
        badge_ui(ui, input, lane, &geo, &mapping, cmds);
    }
    if let Some(index) = hovered.filter(|_| !moving) {
        event_tooltip_ui(ui, &response, input, &layout, index);
    }
    TimelineResponse {
        hovered,
        selected_marker: input
            .selected
            .and_then(|i| marker_rect(&layout, &params, &geo, i)),
        days_per_point: mapping.days_per_point(),
        visible_count: layout.visible_events,
        levels: layout.lanes.iter().map(|l| l.level).collect(),
        size: rect.size(),
        lanes: lanes_shown(input.dataset, &layout),
    }
}

/// The timeline's look in the window: room for the collapse chevron before each lane's name,
/// and for the "+N" badge beside the name of a short lane.
fn window_style(ui: &Ui) -> Style {
    let mut style = Style::new(ui.visuals().dark_mode);
    style.lane_name_indent = 14.0;
    style.badge_room = 44.0;
    style
}

/// A click selects (or opens a cluster); a double-click on an event edits it, on empty lane
/// space makes a new event there (at the date under the pointer, to the view's precision, in
/// that lane), and elsewhere zooms to fit.
fn clicks(
    response: &egui::Response,
    hit: Option<Hit>,
    layout: &Layout,
    geo: &Geometry,
    mapping: &TimeMapping,
    dataset: &Dataset,
    cmds: &mut Commands,
) {
    if response.double_clicked() {
        let pos = response.interact_pointer_pos().unwrap_or_default();
        let top = geo.lanes.top();
        let lane = layout
            .lanes
            .iter()
            .find(|l| (top + l.top..top + l.top + l.height).contains(&pos.y))
            .and_then(|l| dataset.themes().get(l.theme));
        match (hit, lane) {
            (Some(Hit::Event(i)), _) => {
                cmds.push(Command::Select(Some(i)));
                cmds.push(Command::EditSelected);
            }
            (None, Some(theme)) if pos.x >= mapping.x_min => {
                let t = mapping.time_from_x(pos.x);
                cmds.push(Command::NewEventAt {
                    theme: theme.id.clone(),
                    start: date_at(t, mapping.view.span),
                });
            }
            _ => cmds.push(Command::ZoomToFit),
        }
    } else if response.clicked() {
        match hit {
            // A cluster or a density column opens up: zoom to its events.
            Some(Hit::Group { t0, t1, .. }) => {
                cmds.push(Command::AnimateTo(group_view(t0, t1, mapping)));
            }
            Some(Hit::Event(i)) => cmds.push(Command::Select(Some(i))),
            _ => cmds.push(Command::Select(None)),
        }
    }
}

/// The date at axis time `t` as EDTF, to the precision a view `span` days wide shows: a year
/// beyond 30 years, a month beyond a year, else a day.
fn date_at(t: f64, span: f64) -> String {
    let d = crate::model::CivilDate::from_axis(t);
    let sign = if d.year < 0 { "-" } else { "" };
    let year = format!("{sign}{:04}", d.year.abs());
    if span > 365.0 * 30.0 {
        year
    } else if span > 365.0 {
        format!("{year}-{:02}", d.month)
    } else {
        format!("{year}-{:02}-{:02}", d.month, d.day)
    }
}

/// Where an event's marker is drawn, when it is.
fn marker_rect(layout: &Layout, params: &Params, geo: &Geometry, index: usize) -> Option<Rect> {
    let (lane, item) = layout.find(index)?;
    let y = geo.lanes.top() + lane.row_center(item.row, params);
    Some(Rect::from_min_max(
        pos2(item.x0, y - 4.0),
        pos2(item.x1, y + 4.0),
    ))
}

/// What each lane showed, for tests and the status bar.
fn lanes_shown(dataset: &Dataset, layout: &Layout) -> Vec<LaneShown> {
    layout
        .lanes
        .iter()
        .map(|l| LaneShown {
            theme: dataset
                .themes()
                .get(l.theme)
                .map(|t| t.id.clone())
                .unwrap_or_default(),
            visible: l.visible,
            labelled: l.labelled(),
            rows: l.rows,
            need: l.need,
        })
        .collect()
}

/// Wheel and pinch zoom around the pointer; drag (unless it moves an event) and horizontal
/// scroll pan.
fn navigate(
    ui: &Ui,
    response: &egui::Response,
    mapping: &TimeMapping,
    input: &TimelineInput<'_>,
    moving: bool,
    cmds: &mut Commands,
) {
    let limits = input.limits;
    if let Some(view) = wheel_view(ui, response, mapping, limits) {
        cmds.push(Command::SetView(view));
    }
    if response.dragged() && !moving {
        let dx = response.drag_delta().x;
        if dx != 0.0 {
            let view = input
                .view
                .pan(-f64::from(dx) * mapping.days_per_point())
                .clamped(limits);
            cmds.push(Command::SetView(view));
        }
        ui.ctx().set_cursor_icon(CursorIcon::Grabbing);
    }
}

/// The view after this frame's wheel and pinch (zoom around the pointer) and horizontal scroll
/// (pan) over `response`, whose time axis is `mapping`; `None` when they did not move it. The
/// timeline and the chart navigate alike through it.
pub(crate) fn wheel_view(
    ui: &Ui,
    response: &egui::Response,
    mapping: &TimeMapping,
    limits: Limits,
) -> Option<TimeView> {
    // `contains_pointer`, not `hover_pos`: the lane names and edges on top of the timeline
    // take the hover, and the wheel zooms over them too.
    let pos = response
        .contains_pointer()
        .then(|| ui.ctx().pointer_hover_pos())
        .flatten()?;
    let (scroll, pinch) = ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta()));
    let factor = f64::from(pinch) * (f64::from(scroll.y) * WHEEL_ZOOM_PER_POINT).exp();
    let mut view = mapping.view;
    if (factor - 1.0).abs() > 1e-9 {
        // The time under the pointer is carried from step to step of a gesture, so that
        // rounding does not add up (see `ZoomAnchor`).
        let id = response.id.with("zoom anchor");
        let mut anchor = ui.data(|d| d.get_temp::<ZoomAnchor>(id));
        view = view.zoom_at_x(
            mapping,
            pos.x.max(mapping.x_min),
            factor,
            limits,
            &mut anchor,
        );
        ui.data_mut(|d| match anchor {
            Some(a) => {
                d.insert_temp(id, a);
            }
            None => d.remove::<ZoomAnchor>(id),
        });
    }
    if scroll.x != 0.0 {
        view = view
            .pan(-f64::from(scroll.x) * mapping.days_per_point())
            .clamped(limits);
    }
    (view != mapping.view).then_some(view)
}

/// The "+N" badge of a lane that cannot show every title in view, in the lane's name column:
/// clicking it gives the lane the rows it needs, or, when more rows would not help, zooms in
/// where its hidden events are.
fn badge_ui(
    ui: &mut Ui,
    input: &TimelineInput<'_>,
    lane: &Lane,
    geo: &Geometry,
    mapping: &TimeMapping,
    cmds: &mut Commands,
) {
    let hidden = lane.hidden();
    let Some(theme) = input.dataset.themes().get(lane.theme) else {
        return;
    };
    if hidden == 0 {
        return;
    }
    let text = format!("+{hidden}");
    let font = egui::TextStyle::Button.resolve(ui.style());
    let text_width = ui
        .painter()
        .layout_no_wrap(text.clone(), font, Color32::PLACEHOLDER)
        .size()
        .x;
    let size = vec2(text_width + 14.0, 20.0);
    let top = geo.lanes.top() + lane.top;
    let y = if lane.height >= BADGE_UNDER_NAME_HEIGHT {
        top + lane.height - 6.0 - size.y
    } else {
        top + lane.height * 0.5 - size.y * 0.5
    };
    let rect = Rect::from_min_size(pos2(geo.rect.left() + GUTTER - 6.0 - size.x, y), size);
    let constrained = input.arrangement.rows(&theme.id) != Rows::Auto;
    let expand = constrained || (lane.need > lane.rows && input.expanded != Some(lane.theme));
    let tip = if constrained {
        format!("{hidden} events in view are not labelled: click to expand this lane")
    } else if expand {
        format!("{hidden} events in view are not labelled: click to give this lane more room")
    } else {
        format!("{hidden} events in view are not labelled: click to zoom in on them")
    };
    let button = egui::Button::new(&text)
        .wrap_mode(egui::TextWrapMode::Extend)
        .corner_radius(10.0);
    let response = ui
        .put(rect, button)
        .on_hover_text(tip)
        .on_hover_cursor(CursorIcon::PointingHand);
    response.widget_info(|| {
        WidgetInfo::labeled(
            Role::Button,
            true,
            format!("{} lane: {hidden} more", theme.label),
        )
    });
    if response.clicked() {
        cmds.push(if expand {
            Command::ExpandLane(Some(theme.id.clone()))
        } else {
            Command::AnimateTo(hidden_view(lane, mapping))
        });
    }
}

/// A third of the view, centred on the middle unlabelled item of a lane (on the view's middle
/// when none is drawn).
fn hidden_view(lane: &Lane, mapping: &TimeMapping) -> TimeView {
    let mut xs: Vec<f32> = lane
        .items
        .iter()
        .filter(|i| i.label.is_none())
        .map(|i| (i.x0 + i.x1) * 0.5)
        .collect();
    xs.sort_by(f32::total_cmp);
    let centre = xs
        .get(xs.len() / 2)
        .map_or(mapping.view.center(), |&x| mapping.time_from_x(x));
    let span = mapping.view.span / 3.0;
    TimeView::new(centre - span * 0.5, span)
}

/// How many events a cluster or density column holds, and when they start.
fn group_tooltip_ui(ui: &Ui, response: &egui::Response, count: u32, t0: f64, t1: f64) {
    ui.ctx().set_cursor_icon(CursorIcon::ZoomIn);
    let when = range_in_words(&TimeView::new(t0, t1 - t0));
    response.clone().on_hover_ui_at_pointer(|ui| {
        ui.strong(if count == 1 {
            "1 event".to_owned()
        } else {
            format!("{count} events")
        });
        ui.label(format!("starting {when}"));
        ui.weak("Click to zoom in");
    });
}

/// The hovered event's title, dates and theme.
fn event_tooltip_ui(
    ui: &Ui,
    response: &egui::Response,
    input: &TimelineInput<'_>,
    layout: &Layout,
    index: usize,
) {
    let dataset = input.dataset;
    let also = input.second_calendar.other_calendars();
    let Some(e) = dataset.event(index) else {
        return;
    };
    if !response.dragged() {
        ui.ctx().set_cursor_icon(CursorIcon::PointingHand);
    }
    let theme = dataset
        .lane_of(&e.theme)
        .and_then(|l| dataset.themes().get(l))
        .map_or_else(|| e.theme.to_string(), |t| t.label.clone());
    let (title, when) = (e.title().to_string(), e.when_in_calendars(also));
    let label_hidden = layout.find(index).is_some_and(|(_, i)| i.label.is_none());
    response.clone().on_hover_ui_at_pointer(|ui| {
        ui.strong(title);
        ui.label(when);
        ui.label(format!("Theme: {theme}"));
        if label_hidden {
            ui.weak("Click to read more");
        }
    });
}

/// The view that opens a group of events starting in `[t0, t1)`: their stretch with a margin,
/// at least a day and at least a tenth of the current view narrower.
fn group_view(t0: f64, t1: f64, mapping: &TimeMapping) -> TimeView {
    let span = (t1 - t0).max(1.0);
    let target = (span * 3.0)
        .min(mapping.view.span / 4.0)
        .max(span * 1.2)
        .max(1.0);
    let centre = (t0 + t1) * 0.5;
    TimeView::new(centre - target * 0.5, target)
}
