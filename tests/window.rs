//! The real app, driven through its accessibility tree with `egui_kittest`: what a user clicks,
//! types and scrolls, and what they then see.

use chronolane::ui::App;
use chronolane::ui::command::Command;
use chronolane::ui::state::Persisted;
use egui::{Event, Key, Modifiers, MouseWheelSource, MouseWheelUnit, Role, TouchPhase, pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness() -> Harness<'static, App> {
    Harness::builder()
        .with_size(vec2(1400.0, 800.0))
        .with_max_steps(12)
        .build_eframe(|_cc| App::with_state(Persisted::default()))
}

/// A point inside the time area of the timeline, between the lanes.
fn timeline_point(h: &Harness<'_, App>) -> egui::Pos2 {
    let r = h.get_by_label("Timeline").rect();
    pos2(r.left() + 0.6 * r.width(), r.top() + 0.5 * r.height())
}

#[test]
fn opens_on_the_embedded_dataset_with_three_lanes() {
    let mut h = harness();
    h.run();
    for lane in ["Diplomacy lane", "War lane", "Territory lane"] {
        h.get_by_label(lane);
    }
    assert!(h.state().probe().visible_count >= 30);
}

#[test]
fn hiding_a_theme_removes_its_lane() {
    let mut h = harness();
    h.run();
    h.get_by_label("War lane");
    h.get_by_label_contains("War (").click();
    h.run();
    assert!(h.query_by_label("War lane").is_none());
    h.get_by_label("Diplomacy lane");
    h.get_by_label_contains("War (").click();
    h.run();
    h.get_by_label("War lane");
}

#[test]
fn search_finds_portsmouth_and_fills_the_details() {
    // With the system's fonts: the details show the treaty's Japanese name.
    let mut h = Harness::builder()
        .with_size(vec2(1400.0, 800.0))
        .with_max_steps(12)
        .build_eframe(|cc| App::new(cc, None, chronolane::io::ColumnMap::default()));
    h.run();
    let search = h.get_by_role_and_label(Role::TextInput, "Search");
    search.focus();
    search.type_text("Portsmouth");
    h.run();
    let n = h.state().probe().match_count;
    assert!(n >= 1);
    h.get_by_label(&if n == 1 {
        "1 match".to_owned()
    } else {
        format!("{n} matches")
    });
    h.key_press(Key::Enter);
    h.run();
    let selected = h
        .state()
        .probe()
        .selected_event
        .map(|e| e.title().to_owned());
    assert_eq!(selected.as_deref(), Some("Treaty of Portsmouth"));
    // The details panel shows its title, its date in words (with its Japanese era year, as it
    // has a Japanese name) and its sources.
    h.get_by_role_and_label(Role::Label, "Treaty of Portsmouth");
    h.get_by_label("5 September 1905 (Meiji 38)");
    assert!(h.get_all_by_label_contains("Wikipedia").count() >= 1);
}

#[test]
fn mouse_wheel_zooms_around_the_pointer_and_zoom_to_fit_restores() {
    let mut h = harness();
    h.run();
    let fitted = h.state().probe().view;
    let p = timeline_point(&h);
    h.hover_at(p);
    h.run();
    h.event(Event::MouseWheel {
        unit: MouseWheelUnit::Point,
        delta: vec2(0.0, 240.0),
        phase: TouchPhase::Move,
        source: MouseWheelSource::Unknown,
        modifiers: Modifiers::NONE,
    });
    h.run();
    let zoomed = h.state().probe().view;
    assert!(zoomed.span < fitted.span * 0.8, "{zoomed:?} vs {fitted:?}");
    // The time under the pointer stayed where it was.
    let r = h.get_by_label("Timeline").rect();
    let x_min = r.left() + chronolane::timeline::paint::GUTTER;
    let width = f64::from(r.right() - x_min);
    let t_before = fitted.start + f64::from(p.x - x_min) / width * fitted.span;
    let t_after = zoomed.start + f64::from(p.x - x_min) / width * zoomed.span;
    assert!(
        (t_before - t_after).abs() < zoomed.span / width,
        "{t_before} vs {t_after}"
    );
    h.get_by_label("Zoom to fit").click();
    for _ in 0..30 {
        h.step();
    }
    h.run();
    let back = h.state().probe().view;
    assert!((back.span - fitted.span).abs() < 1e-6 && (back.start - fitted.start).abs() < 1e-6);
}

#[test]
fn keyboard_moves_the_selection_through_time() {
    let mut h = harness();
    h.run();
    h.key_press(Key::N);
    h.run();
    let events = chronolane::io::default_dataset();
    let first = h.state().probe().selected;
    assert!(first.is_some());
    h.key_press(Key::N);
    h.run();
    let second = h.state().probe().selected;
    let time = |i: Option<usize>| {
        i.and_then(|i| events.event(i))
            .map(chronolane::model::Event::axis_start)
    };
    assert!(time(second) >= time(first) && second != first);
    h.key_press(Key::P);
    h.run();
    assert_eq!(h.state().probe().selected, first);
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().probe().selected, None);
}

#[test]
fn a_bad_file_leaves_the_dataset_on_screen() {
    let mut h = harness();
    h.run();
    h.state_mut()
        .push(Command::Open("tests/bad/many-problems.csv".into()));
    h.run();
    h.get_by_label("Diplomacy lane");
    assert!(h.state().probe().path.is_none());
    h.get_by_label_contains("many-problems.csv:2: start \"1855-02-30\"");
    h.get_by_label("8 problems; nothing was loaded and the dataset on screen has not changed.");
}

#[test]
fn snapshot_of_the_default_view() {
    let mut h = Harness::builder()
        .with_size(vec2(1400.0, 800.0))
        .with_max_steps(12)
        .wgpu()
        .build_eframe(|_cc| App::with_state(Persisted::default()));
    h.run();
    h.snapshot("default_view");
}
