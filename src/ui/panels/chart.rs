//! The chart (View ▸ Chart, Ctrl+J): how many events start in each period, per lane, as
//! stacked bars or lines in the lanes' colours, drawn with `egui_plot` under the timeline.
//!
//! Its time axis is the timeline's: the plot's x range is read off the [`TimeView`] every frame
//! (with the timeline's own mapping, so a period sits under the same pixels as its events), and
//! the wheel, a horizontal scroll or a right-drag move the view by [`Command::SetView`]. A click
//! on a period zooms the timeline to it; a drag across periods sets the date filter to them (the
//! filter panel's fields, by [`Command::SetFilterInputs`]). The counts follow the filter and,
//! while searching, count the matches only; they come from the lanes' indices
//! ([`crate::timeline::counts`]), so a frame costs the same at a thousand events as at a million.

use egui::{Color32, CursorIcon, PointerButton, Rect, RichText, Sense, Stroke, Ui};
use egui_plot::{AxisHints, Bar, BarChart, GridInput, GridMark, Line, Plot, PlotPoints};

use crate::model::{AxisTime, Dataset};
use crate::timeline::counts::{self, BinChoice, Source};
use crate::timeline::paint::{GUTTER, Style, color32};
use crate::timeline::ticks::{self, Step};
use crate::timeline::{Limits, TimeMapping, TimeView};
use crate::ui::command::{Command, Commands};
use crate::ui::parts::FilterState;
use crate::ui::state::{ChartMode, ChartSettings};
use crate::ui::timeline_ui::wheel_view;

/// The panel's height at first.
pub const DEFAULT_HEIGHT: f32 = 190.0;
/// Narrowest period (points) when the periods follow the view.
const AUTO_PERIOD_POINTS: f32 = 12.0;
/// Narrowest period (points) of a chosen length; narrower, the chart takes the automatic one.
const CHOSEN_PERIOD_POINTS: f32 = 2.0;

/// What the chart showed in a frame (for the app's probe: tests read it).
#[derive(Clone, Debug, PartialEq)]
pub struct ChartShown {
    /// The plot's area on screen.
    pub frame: Rect,
    /// The times at its left and right edges.
    pub x_range: (AxisTime, AxisTime),
    pub step: Option<Step>,
    /// Each period in view: its start, its end and how many events start in it (all lanes).
    pub periods: Vec<(AxisTime, AxisTime, u32)>,
    /// The periods' edges, and each lane's counts (theme order), for the CSV export.
    pub edges: Vec<AxisTime>,
    pub counts: Vec<Vec<u32>>,
}

/// What the chart reads.
pub struct ChartInput<'a> {
    pub dataset: &'a Dataset,
    pub filter: &'a FilterState,
    pub view: TimeView,
    pub limits: Limits,
    pub settings: ChartSettings,
}

/// The periods in view and their counts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChartData {
    pub step: Option<Step>,
    /// Edges of the periods covering the view.
    pub edges: Vec<AxisTime>,
    /// Per lane (theme order), the events starting in each period.
    pub counts: Vec<Vec<u32>>,
    /// The chosen period length is too narrow at this zoom; the automatic one is shown.
    pub chosen_too_fine: bool,
    /// The period length that follows the view (shown when none is chosen).
    pub auto: Option<Step>,
}

impl ChartData {
    /// All lanes' events starting in period `k`.
    pub fn total(&self, k: usize) -> u32 {
        self.counts.iter().filter_map(|c| c.get(k)).sum()
    }

    /// The period holding time `t`.
    pub fn period_at(&self, t: AxisTime) -> Option<usize> {
        let k = self.edges.partition_point(|&e| e <= t);
        (k >= 1 && k < self.edges.len()).then(|| k - 1)
    }
}

/// The periods and counts of the view mapped by `mapping`.
pub fn chart_data(input: &ChartInput<'_>, mapping: &TimeMapping) -> ChartData {
    profiling::function_scope!();
    let auto = counts::auto_step(mapping, AUTO_PERIOD_POINTS);
    let chosen = input.settings.bin.step();
    let too_fine =
        chosen.is_some_and(|s| mapping.points_from_days(s.days()) < CHOSEN_PERIOD_POINTS);
    let step = match chosen {
        Some(s) if !too_fine => s,
        _ => auto,
    };
    let (from, to) = (mapping.view.start, mapping.view.end());
    let Some(edges) = counts::period_edges(step, from, to) else {
        return ChartData::default();
    };
    let filter = &input.filter.filter;
    let lanes = if filter.is_searching() {
        &input.filter.matched_lanes[..]
    } else {
        input.dataset.lanes()
    };
    let source = Source {
        lanes,
        ..Source::dataset(input.dataset, filter)
    };
    ChartData {
        step: Some(step),
        counts: counts::count(&source, &edges),
        edges,
        chosen_too_fine: too_fine,
        auto: Some(auto),
    }
}

pub fn chart_ui(ui: &mut Ui, input: &ChartInput<'_>, cmds: &mut Commands) -> ChartShown {
    let rect = ui.available_rect_before_wrap();
    // The timeline's mapping: the panel is as wide as the timeline and starts where it does.
    let left = rect.left() + GUTTER;
    let mapping = TimeMapping::new(input.view, left, (rect.right() - left).max(1.0));
    let data = chart_data(input, &mapping);
    controls_ui(ui, input, &data, cmds);
    let (frame, x_range) = plot_ui(ui, input, &data, &mapping, cmds);
    ChartShown {
        frame,
        x_range,
        step: data.step,
        periods: data
            .edges
            .windows(2)
            .enumerate()
            .map(|(k, w)| (w[0], w[1], data.total(k)))
            .collect(),
        edges: data.edges,
        counts: data.counts,
    }
}

/// The chart alone, for a PNG (drawn by the offscreen renderer): a line saying what it counts,
/// then the plot with its legend; the screen is as wide as the timeline was.
pub fn chart_figure_ui(ui: &mut Ui, input: &ChartInput<'_>) {
    let rect = ui.max_rect();
    ui.painter().rect_filled(rect, 0.0, ui.visuals().panel_fill);
    let left = rect.left() + GUTTER;
    let mapping = TimeMapping::new(input.view, left, (rect.right() - left).max(1.0));
    let data = chart_data(input, &mapping);
    let per = data
        .step
        .map_or_else(String::new, |s| format!(" ({})", step_in_words(s)));
    let title = format!(
        "{}: events starting per period{per}, {}",
        input.dataset.meta.title.trim(),
        crate::timeline::view::range_in_words(&input.view)
    );
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.add_space(8.0);
        ui.strong(title);
    });
    // Nothing points at a figure: what the plot would ask for is dropped.
    plot_ui(ui, input, &data, &mapping, &mut Commands::default());
}

/// Bars or lines, the periods, and what the chart counts.
fn controls_ui(ui: &mut Ui, input: &ChartInput<'_>, data: &ChartData, cmds: &mut Commands) {
    let settings = input.settings;
    ui.horizontal(|ui| {
        ui.add_space(8.0);
        ui.strong("Events starting per period");
        ui.separator();
        for (mode, label) in [(ChartMode::Bars, "Bars"), (ChartMode::Lines, "Lines")] {
            if ui.selectable_label(settings.mode == mode, label).clicked() {
                cmds.push(Command::SetChart(ChartSettings { mode, ..settings }));
            }
        }
        ui.separator();
        let shown = |bin: BinChoice| match (bin, data.auto) {
            (BinChoice::Auto, Some(step)) => format!("Auto ({})", step_in_words(step)),
            _ => bin.label().to_owned(),
        };
        egui::ComboBox::from_label("Periods")
            .selected_text(shown(settings.bin))
            .show_ui(ui, |ui| {
                for bin in BinChoice::ALL {
                    if ui
                        .selectable_label(settings.bin == bin, shown(bin))
                        .clicked()
                    {
                        cmds.push(Command::SetChart(ChartSettings { bin, ..settings }));
                    }
                }
            });
        if data.chosen_too_fine
            && let Some(step) = data.step
        {
            ui.weak(format!("too narrow at this zoom: {}", step_in_words(step)));
        }
        if input.filter.filter.is_searching() {
            ui.weak("(matches of the search)");
        }
        ui.separator();
        if ui
            .button("Save counts as CSV…")
            .on_hover_text("The counts in view, a row per period and a column per lane")
            .clicked()
        {
            cmds.push(Command::SaveChartCsv);
        }
        if ui
            .button("Save as PNG…")
            .on_hover_text("The chart as an image, twice the size on screen")
            .clicked()
        {
            cmds.push(Command::SaveChartPng);
        }
    });
}

/// `decades`, `3 months`, `days`.
fn step_in_words(step: Step) -> String {
    let (n, unit) = match step {
        Step::Years(n) => match n {
            10 => return "decades".into(),
            100 => return "centuries".into(),
            1000 => return "millennia".into(),
            _ => (n, "years"),
        },
        Step::Months(n) => (n, "months"),
        Step::Days(7) => return "weeks".into(),
        Step::Days(n) => (n, "days"),
    };
    if n == 1 {
        unit.to_owned()
    } else {
        format!("{n} {unit}")
    }
}

/// The plot, and what the pointer does over it.
fn plot_ui(
    ui: &mut Ui,
    input: &ChartInput<'_>,
    data: &ChartData,
    mapping: &TimeMapping,
    cmds: &mut Commands,
) -> (Rect, (AxisTime, AxisTime)) {
    let themes = input.dataset.themes();
    let hidden = &input.filter.filter.hidden_themes;
    let lanes: Vec<usize> = (0..themes.len())
        .filter(|&l| !hidden.contains(&themes[l].id))
        .collect();
    let y_max = match input.settings.mode {
        ChartMode::Bars => (0..data.edges.len().saturating_sub(1))
            .map(|k| data.total(k))
            .max(),
        ChartMode::Lines => data.counts.iter().flatten().copied().max(),
    }
    .unwrap_or(0)
    .max(1);
    let (marks, labels) = axis_marks(mapping, ui);
    let plot = Plot::new("chart")
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_x(false)
        .show_y(false)
        .y_axis_min_width(GUTTER - 8.0)
        .y_grid_spacer(|input| count_marks(&input))
        .x_grid_spacer(move |_| marks.clone())
        .custom_x_axes(vec![
            AxisHints::new_x()
                .formatter(move |mark, _| {
                    labels
                        .iter()
                        .find(|(t, _)| *t == mark.value)
                        .map(|(_, l)| l.clone())
                        .unwrap_or_default()
                })
                // The ticks' labels never collide (`ticks::ticks` sees to it): show them all.
                .label_spacing(8.0..=10.0),
        ])
        .y_axis_formatter(|mark, _| {
            if mark.value.fract() == 0.0 && mark.value >= 0.0 {
                format!("{}", mark.value)
            } else {
                String::new()
            }
        })
        .sense(Sense::click_and_drag());
    let mode = input.settings.mode;
    let shown = plot.show(ui, |p| {
        let frame = p.response().rect;
        p.set_plot_bounds_x(mapping.time_from_x(frame.left())..=mapping.time_from_x(frame.right()));
        p.set_plot_bounds_y(0.0..=f64::from(y_max) * 1.08);
        let mut base = vec![0u32; data.edges.len().saturating_sub(1)];
        for &l in &lanes {
            let theme = &themes[l];
            let color = color32(theme.color);
            let Some(counts) = data.counts.get(l) else {
                continue;
            };
            match mode {
                ChartMode::Bars => p.bar_chart(bars(theme, color, data, counts, &mut base)),
                ChartMode::Lines => {
                    let points: Vec<[f64; 2]> = data
                        .edges
                        .windows(2)
                        .zip(counts)
                        .map(|(w, &c)| [(w[0] + w[1]) * 0.5, f64::from(c)])
                        .collect();
                    p.line(
                        Line::new(theme.label.clone(), PlotPoints::from(points))
                            .id(theme.id.as_str())
                            .color(color)
                            .width(2.0)
                            .allow_hover(false),
                    );
                }
            }
        }
    });
    let response = shown.response;
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Chart"));
    legend_ui(ui, input.dataset, &lanes, data, response.rect);
    pointer_ui(ui, &response, input, data, mapping, cmds);
    let bounds = shown.transform.bounds();
    (response.rect, (bounds.min()[0], bounds.max()[0]))
}

/// The shown lanes' colours and names, top to bottom as they stack, in the name column left of
/// the plot (where the timeline has its lanes' names), so that no bar hides under them. Each
/// entry is a label for screen readers too, with the lane's count ("Russia: 42 events"), which
/// its tooltip shows.
fn legend_ui(ui: &Ui, dataset: &Dataset, lanes: &[usize], data: &ChartData, frame: Rect) {
    let left = frame.left() - GUTTER + 16.0;
    // Clear of the count axis's labels.
    let room = Rect::from_x_y_ranges(left..=frame.left() - 30.0, frame.y_range());
    let painter = ui.painter().with_clip_rect(room);
    let font = egui::FontId::proportional(12.5);
    let color = ui.visuals().text_color();
    for (row, &l) in lanes.iter().rev().enumerate() {
        let Some(theme) = dataset.themes().get(l) else {
            continue;
        };
        let y = frame.top() + 8.0 + row as f32 * (font.size + 6.0);
        let swatch = Rect::from_min_size(egui::pos2(left, y + 1.0), egui::vec2(10.0, 10.0));
        painter.rect_filled(swatch, 2.0, color32(theme.color));
        let text = painter.text(
            egui::pos2(left + 15.0, y + 6.0),
            egui::Align2::LEFT_CENTER,
            &theme.label,
            font.clone(),
            color,
        );
        let count: u32 = data.counts.get(l).map_or(0, |c| c.iter().sum());
        let noun = if count == 1 { "event" } else { "events" };
        let entry = ui.interact(
            swatch.union(text).intersect(room),
            ui.scope_id().with(("chart-legend", l)),
            Sense::hover(),
        );
        entry.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Label,
                true,
                format!("{}: {count} {noun}", theme.label),
            )
        });
        entry.on_hover_text(format!(
            "{}: {count} {noun} start in the periods shown",
            theme.label
        ));
    }
}

/// Grid lines and labels of the count axis: whole numbers, 1, 2 or 5 × 10ⁿ apart, at least
/// 24 points apart.
fn count_marks(input: &GridInput) -> Vec<GridMark> {
    // `base_step_size` is the value of the smallest grid spacing (8 points).
    let wanted = (input.base_step_size * 3.0).max(1.0);
    let mut step = 1.0;
    while step < wanted {
        step *= if (step / 10f64.powf(step.log10().floor()) - 2.0).abs() < 0.5 {
            2.5
        } else {
            2.0
        };
    }
    let top = input.bounds.1.max(0.0);
    (0..)
        .map(|k| f64::from(k) * step)
        .take_while(|v| *v <= top)
        .take(100)
        .map(|value| GridMark {
            value,
            step_size: step,
        })
        .collect()
}

/// One lane's bars, stacked on `base` (the lanes below), which it raises.
fn bars(
    theme: &crate::model::Theme,
    color: Color32,
    data: &ChartData,
    counts: &[u32],
    base: &mut [u32],
) -> BarChart {
    let bars: Vec<Bar> = data
        .edges
        .windows(2)
        .zip(counts)
        .zip(base.iter_mut())
        .filter(|((_, c), _)| **c > 0)
        .map(|((w, &c), b)| {
            let bar = Bar::new((w[0] + w[1]) * 0.5, f64::from(c))
                .width(w[1] - w[0])
                .base_offset(f64::from(*b))
                .fill(color)
                .stroke(Stroke::new(0.5, color.gamma_multiply(0.6)));
            *b += c;
            bar
        })
        .collect();
    BarChart::new(theme.label.clone(), bars)
        .id(theme.id.as_str())
        .color(color)
        .allow_hover(false)
}

/// The x axis: the timeline's labelled ticks, and their labels.
fn axis_marks(mapping: &TimeMapping, ui: &Ui) -> (Vec<GridMark>, Vec<(f64, String)>) {
    // As the timeline's axis measures its labels (`paint_grid`).
    let char_width = Style::new(ui.visuals().dark_mode).axis_font.size * 0.55;
    let step = ticks::label_step(mapping, char_width).days();
    let labelled: Vec<(f64, String)> = ticks::ticks(mapping, char_width)
        .into_iter()
        .filter_map(|t| t.label.map(|l| (t.time, l)))
        .collect();
    let marks = labelled
        .iter()
        .map(|(t, _)| GridMark {
            value: *t,
            step_size: step,
        })
        .collect();
    (marks, labelled)
}

/// Hover, click, drag and wheel over the plot.
fn pointer_ui(
    ui: &Ui,
    response: &egui::Response,
    input: &ChartInput<'_>,
    data: &ChartData,
    mapping: &TimeMapping,
    cmds: &mut Commands,
) {
    let frame = response.rect;
    let period_x = |x: f32| data.period_at(mapping.time_from_x(x));
    if let Some(view) = wheel_view(ui, response, mapping, input.limits) {
        cmds.push(Command::SetView(view));
    }
    if response.dragged_by(PointerButton::Secondary) || response.dragged_by(PointerButton::Middle) {
        let dx = response.drag_delta().x;
        if dx != 0.0 {
            let view = input.view.pan(-f64::from(dx) * mapping.days_per_point());
            cmds.push(Command::SetView(view.clamped(input.limits)));
        }
        ui.ctx().set_cursor_icon(CursorIcon::Grabbing);
    }
    drag_filter_ui(ui, response, input, data, mapping, cmds);
    let hovered = response
        .hover_pos()
        .filter(|_| !response.dragged())
        .and_then(|p| period_x(p.x));
    let Some(k) = hovered else {
        return;
    };
    let (t0, t1) = (data.edges[k], data.edges[k + 1]);
    if response.clicked() && data.total(k) > 0 {
        cmds.push(Command::AnimateTo(TimeView::new(t0, t1 - t0)));
    }
    let band = Rect::from_x_y_ranges(
        mapping.x_from_time(t0)..=mapping.x_from_time(t1),
        frame.y_range(),
    );
    ui.painter_at(frame)
        .rect_filled(band, 0.0, ui.visuals().text_color().gamma_multiply(0.06));
    period_tooltip_ui(response, input, data, k);
}

/// A drag across the chart: the periods it covers are shaded while it lasts, and become the
/// date filter (its first period's start to its last period's end) when it ends.
fn drag_filter_ui(
    ui: &Ui,
    response: &egui::Response,
    input: &ChartInput<'_>,
    data: &ChartData,
    mapping: &TimeMapping,
    cmds: &mut Commands,
) {
    // The range dragged so far, as the filter's fields would read it: kept from frame to frame,
    // because the pointer may be gone in the frame where the drag ends.
    let id = response.id.with("drag range");
    if response.dragged_by(PointerButton::Primary) {
        let origin = ui.input(|i| i.pointer.press_origin());
        let latest = ui.input(|i| i.pointer.latest_pos());
        let period_x = |x: f32| data.period_at(mapping.time_from_x(x));
        if let (Some(a), Some(b), Some(step)) = (origin, latest, data.step)
            && let (Some(ka), Some(kb)) = (period_x(a.x), period_x(b.x))
        {
            let (lo, hi) = (ka.min(kb), ka.max(kb));
            let band = Rect::from_x_y_ranges(
                mapping.x_from_time(data.edges[lo])..=mapping.x_from_time(data.edges[hi + 1]),
                response.rect.y_range(),
            );
            ui.painter_at(response.rect).rect_filled(
                band,
                0.0,
                ui.visuals().selection.bg_fill.gamma_multiply(0.35),
            );
            ui.ctx().set_cursor_icon(CursorIcon::ResizeHorizontal);
            let (from, _) = counts::period_edtf(step, data.edges[lo], data.edges[lo + 1]);
            let (_, to) = counts::period_edtf(step, data.edges[hi], data.edges[hi + 1]);
            ui.data_mut(|d| d.insert_temp(id, (from, to)));
        }
    } else if let Some((from, to)) = ui.data_mut(|d| d.remove_temp::<(String, String)>(id)) {
        let mut inputs = input.filter.inputs.clone();
        inputs.from = from;
        inputs.to = to;
        cmds.push(Command::SetFilterInputs(inputs));
    }
}

/// The period under the pointer and each shown lane's count.
fn period_tooltip_ui(
    response: &egui::Response,
    input: &ChartInput<'_>,
    data: &ChartData,
    k: usize,
) {
    let Some(step) = data.step else {
        return;
    };
    let when = counts::period_in_words(step, data.edges[k], data.edges[k + 1]);
    let hidden = &input.filter.filter.hidden_themes;
    response.clone().on_hover_ui_at_pointer(|ui| {
        ui.strong(when);
        for (lane, theme) in input.dataset.themes().iter().enumerate() {
            if hidden.contains(&theme.id) {
                continue;
            }
            let n = data
                .counts
                .get(lane)
                .and_then(|c| c.get(k))
                .copied()
                .unwrap_or(0);
            ui.horizontal(|ui| {
                let (r, painter) = ui.allocate_painter(egui::vec2(10.0, 10.0), Sense::hover());
                painter.rect_filled(r.rect, 2.0, color32(theme.color));
                ui.label(format!("{}: {n}", theme.label));
            });
        }
        let total = data.total(k);
        ui.label(RichText::new(format!("{total} in all")).weak());
        if total > 0 {
            ui.weak("Click to zoom to this period; drag across periods to filter by date");
        }
    });
}
