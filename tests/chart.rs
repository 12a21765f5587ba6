//! The chart of counts over time (View ▸ Chart, Ctrl+J) as a user meets it in a 1600 × 900
//! window: its time axis follows the timeline's, a click on a bar zooms the timeline to that
//! period, a drag across it sets the date filter, its counts follow the search, and it is
//! remembered.

use chronolane::model::HistDate;
use chronolane::timeline::counts::BinChoice;
use chronolane::ui::App;
use chronolane::ui::command::Command;
use chronolane::ui::panels::chart::ChartShown;
use chronolane::ui::parts::FilterInputs;
use chronolane::ui::state::{ChartMode, ChartSettings, Persisted};
use egui::{Key, Modifiers, Pos2, pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

mod common;

fn harness_with(persisted: Persisted) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(vec2(1600.0, 900.0))
        .with_max_steps(12)
        .build_eframe(move |_cc| App::with_state(persisted.clone()));
    h.run();
    h
}

fn with_chart(bin: BinChoice) -> Persisted {
    Persisted {
        show_chart: true,
        chart: ChartSettings {
            mode: ChartMode::Bars,
            bin,
        },
        ..Persisted::default()
    }
}

fn chart(h: &Harness<'_, App>) -> ChartShown {
    h.state()
        .probe()
        .chart
        .cloned()
        .unwrap_or_else(|| panic!("the chart is not shown"))
}

/// Where time `t` is on the chart (the middle of its height).
fn x_of(c: &ChartShown, t: f64) -> f32 {
    let (a, b) = c.x_range;
    c.frame.left() + ((t - a) / (b - a)) as f32 * c.frame.width()
}

fn at(c: &ChartShown, t: f64, y_from_bottom: f32) -> Pos2 {
    pos2(x_of(c, t), c.frame.bottom() - y_from_bottom)
}

/// The chart's right edge is the view's end and its left edge within a few points of the view's
/// start: the same time axis as the timeline.
fn assert_follows_the_view(h: &Harness<'_, App>) {
    let view = h.state().probe().view;
    let c = chart(h);
    let per_point = view.span / f64::from(c.frame.width());
    assert!(
        (c.x_range.1 - view.end()).abs() < per_point,
        "{:?} ends at {}",
        c.x_range,
        view.end()
    );
    assert!(
        (c.x_range.0 - view.start).abs() < 12.0 * per_point,
        "{:?} starts at {}",
        c.x_range,
        view.start
    );
}

#[test]
fn ctrl_j_opens_the_chart_and_its_time_axis_follows_the_timeline_zoom() {
    let mut h = harness_with(Persisted::default());
    assert!(h.state().probe().chart.is_none());
    h.key_press_modifiers(Modifiers::COMMAND, Key::J);
    h.run();
    assert_follows_the_view(&h);
    let before = h.state().probe().view;
    // Zoom the timeline with the wheel over its middle.
    h.hover_at(pos2(700.0, 300.0));
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: vec2(0.0, 200.0),
        modifiers: Modifiers::NONE,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
    });
    h.run();
    let after = h.state().probe().view;
    assert!(after.span < before.span * 0.8, "{before:?} → {after:?}");
    assert_follows_the_view(&h);
    // And the key zoom, animated.
    h.key_press(Key::Plus);
    h.run();
    assert!(h.state().probe().view.span < after.span * 0.8);
    assert_follows_the_view(&h);
    // Lines instead of bars; all of it remembered.
    h.get_by_label("Lines").click();
    h.run();
    assert_eq!(h.state().probe().chart_settings.mode, ChartMode::Lines);
    assert_follows_the_view(&h);
    let remembered = common::remembered(h.state_mut());
    assert!(remembered.show_chart);
    assert_eq!(remembered.chart.mode, ChartMode::Lines);
}

#[test]
fn the_wheel_over_the_chart_zooms_the_timeline() {
    let mut h = harness_with(with_chart(BinChoice::Auto));
    let before = h.state().probe().view;
    let c = chart(&h);
    h.hover_at(c.frame.center());
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: vec2(0.0, 200.0),
        modifiers: Modifiers::NONE,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
    });
    h.run();
    assert!(h.state().probe().view.span < before.span * 0.8);
    assert_follows_the_view(&h);
}

#[test]
fn clicking_a_bar_zooms_the_timeline_to_its_period() {
    let mut h = harness_with(with_chart(BinChoice::Decade));
    let c = chart(&h);
    let Some(&(t0, t1, _)) = c
        .periods
        .iter()
        .find(|(a, _, n)| *n > 0 && *a >= HistDate::parse("1900").map_or(0.0, |d| d.axis_start()))
    else {
        panic!("no bar after 1900 in {:?}", c.periods);
    };
    let p = at(&c, (t0 + t1) * 0.5, 3.0);
    h.hover_at(p);
    h.run();
    h.drag_at(p);
    h.drop_at(p);
    h.run();
    let view = h.state().probe().view;
    assert!(
        (view.start - t0).abs() < 1.0 && (view.end() - t1).abs() < 1.0,
        "{view:?} is not {t0}–{t1}"
    );
    assert_follows_the_view(&h);
}

#[test]
fn dragging_across_the_chart_sets_the_date_filter_to_those_periods() {
    let mut h = harness_with(with_chart(BinChoice::Decade));
    let c = chart(&h);
    let year = |y: &str| HistDate::parse(y).map_or(0.0, |d| d.axis_start());
    let (a, b) = (at(&c, year("1855-06"), 20.0), at(&c, year("1873-06"), 20.0));
    common::drag(&mut h, a, b);
    let p = h.state().probe();
    assert_eq!(
        (p.filter.from.as_ref(), p.filter.to.as_ref()),
        (
            HistDate::parse("1850").ok().as_ref(),
            HistDate::parse("1879").ok().as_ref()
        )
    );
    let shown = chart(&h).periods;
    // Outside the range nothing is counted any more.
    assert!(
        shown
            .iter()
            .filter(|(t0, _, _)| *t0 >= year("1880") || *t0 < year("1850"))
            .all(|(_, _, n)| *n == 0),
        "{shown:?}"
    );
}

#[test]
fn while_searching_the_chart_counts_the_matches_only() {
    let mut h = harness_with(with_chart(BinChoice::Century));
    let all: u32 = chart(&h).periods.iter().map(|p| p.2).sum();
    assert_eq!(all as usize, h.state().probe().dataset.events().len());
    h.state_mut().push(Command::SetFilterInputs(FilterInputs {
        search: "treaty".into(),
        min_importance: 1,
        ..FilterInputs::default()
    }));
    h.run();
    let counted: u32 = chart(&h).periods.iter().map(|p| p.2).sum();
    let p = h.state().probe();
    assert!(p.match_count > 0);
    assert_eq!(counted as usize, p.match_count);
}

#[test]
fn the_counts_in_view_are_saved_as_csv() -> std::io::Result<()> {
    use chronolane::ui::parts::PathPurpose;
    let mut h = harness_with(with_chart(BinChoice::Decade));
    // No file dialog on these machines: the button asks for a typed path.
    h.get_by_label("Save counts as CSV…").click();
    h.run();
    assert_eq!(h.state().probe().path_prompt, Some(PathPurpose::ChartCsv));
    let dir = tempfile::tempdir()?;
    let out = dir.path().join("counts.csv");
    h.state_mut()
        .push(Command::SubmitPath(PathPurpose::ChartCsv, out.clone()));
    h.run();
    let text = std::fs::read_to_string(&out)?;
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("period_start,period_end,diplomacy,war,territory")
    );
    let rows: Vec<Vec<String>> = lines
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect();
    let c = chart(&h);
    assert_eq!(rows.len(), c.periods.len());
    for (row, (_, _, total)) in rows.iter().zip(&c.periods) {
        let sum: u32 = row[2..].iter().filter_map(|n| n.parse::<u32>().ok()).sum();
        assert_eq!(sum, *total, "{row:?}");
    }
    assert!(
        rows.iter().any(|r| r[0] == "1900" && r[1] == "1909"),
        "{text}"
    );
    assert!(
        h.state()
            .probe()
            .message
            .starts_with("Wrote the chart's counts")
    );
    Ok(())
}

#[test]
fn the_chart_is_saved_as_a_png() -> Result<(), Box<dyn std::error::Error>> {
    use chronolane::ui::parts::PathPurpose;
    let mut h = harness_with(with_chart(BinChoice::Auto));
    h.get_by_label("Save as PNG…").click();
    h.run();
    assert_eq!(h.state().probe().path_prompt, Some(PathPurpose::ChartPng));
    let dir = tempfile::tempdir()?;
    let out = dir.path().join("chart.png");
    h.state_mut()
        .push(Command::SubmitPath(PathPurpose::ChartPng, out.clone()));
    h.run();
    let message = h.state().probe().message.to_owned();
    assert!(message.starts_with("Wrote a "), "{message}");
    let image = image::open(&out)?.to_rgba8();
    // Twice the chart's size on screen: as wide as the timeline, name column included.
    let c = chart(&h);
    assert_eq!(
        image.width(),
        ((c.frame.width() + chronolane::timeline::paint::GUTTER) * 2.0) as u32
    );
    // Bars in the lanes' colours are drawn: the diplomacy lane's blue is there.
    let blue = h.state().probe().dataset.themes()[0].color.0;
    assert!(image.pixels().filter(|p| p.0[..3] == blue).count() > 100);
    Ok(())
}

/// The legend's entries are labels in the accessibility tree, each with its lane's count of
/// the events the chart counts, and the counts add up to the chart's.
#[test]
fn the_legend_tells_screen_readers_each_lanes_count() {
    let h = harness_with(with_chart(BinChoice::Auto));
    let c = chart(&h);
    let dataset = h.state().probe().dataset.clone();
    let mut sum = 0;
    for (l, theme) in dataset.themes().iter().enumerate() {
        let count: u32 = c.counts.get(l).map_or(0, |k| k.iter().sum());
        let noun = if count == 1 { "event" } else { "events" };
        let label = format!("{}: {count} {noun}", theme.label);
        h.get_by_role_and_label(egui::Role::Label, &label);
        sum += count;
    }
    let periods: u32 = c.periods.iter().map(|p| p.2).sum();
    assert_eq!(sum, periods);
    assert!(sum > 0);
}
