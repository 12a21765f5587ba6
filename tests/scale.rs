//! A big dataset in the real window: dense lanes aggregate without losing events, hovering a
//! crowded place tells how many events it holds and clicking zooms in, search runs in the
//! background and agrees with a plain scan, and an idle window asks for no repaint.

use chronolane::model::Search;
use chronolane::synth;
use chronolane::timeline::lod::Level;
use chronolane::ui::App;
use chronolane::ui::state::Persisted;
use egui::{Role, pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const EVENTS: usize = 120_000;

fn harness() -> Harness<'static, App> {
    Harness::builder()
        .with_size(vec2(1400.0, 800.0))
        .with_max_steps(12)
        .build_eframe(|_cc| {
            let mut app = App::with_state(Persisted::default());
            app.show_dataset(synth::dataset(EVENTS, 5));
            app
        })
}

#[test]
fn a_dense_whole_view_counts_every_event_and_stays_idle() {
    let mut h = harness();
    // `run` fails if the app keeps asking for frames: an idle window must not repaint.
    h.run();
    assert_eq!(h.state().probe().visible_count, EVENTS);
    h.get_by_label(&format!("{EVENTS} of {EVENTS} events in view"));
    let levels = h.state().probe().levels.to_vec();
    assert!(
        !levels.is_empty() && levels.iter().all(|l| *l == Level::Density),
        "{levels:?}"
    );
}

#[test]
fn hovering_a_dense_lane_tells_the_count_and_clicking_zooms_in() {
    let mut h = harness();
    h.run();
    let lane = h.get_by_label("Diplomacy lane").rect();
    let timeline = h.get_by_label("Timeline").rect();
    let p = pos2(
        timeline.left() + 0.5 * timeline.width(),
        lane.center().y + 8.0,
    );
    h.hover_at(p);
    h.run();
    h.get_by_label("Click to zoom in");
    let before = h.state().probe().view.span;
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: p,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        h.step();
    }
    // The zoom animates; let it finish.
    for _ in 0..40 {
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let after = h.state().probe().view.span;
    assert!(
        after < before / 3.0,
        "zoomed in from {before} to {after} days"
    );
}

#[test]
fn search_in_the_background_agrees_with_a_scan() {
    let mut h = harness();
    h.run();
    let search = h.get_by_role_and_label(Role::TextInput, "Search");
    search.focus();
    search.type_text("treaty 1234");
    let s = Search::new("treaty 1234");
    let expected: usize = h
        .state()
        .probe()
        .dataset
        .events()
        .iter()
        .filter(|e| s.matches(e))
        .count();
    assert!(expected > 0);
    // The answer arrives from another thread: step until it is in (or a minute passes).
    let started = std::time::Instant::now();
    // One frame takes the typed text, the next starts the search.
    h.step();
    h.step();
    assert!(
        h.state().probe().searching,
        "a big dataset is searched in the background"
    );
    while h.state().probe().searching && started.elapsed() < std::time::Duration::from_mins(1) {
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    h.run();
    let app = h.state().probe();
    assert_eq!(app.match_count, expected);
    assert_eq!(app.matches.iter().filter(|m| **m).count(), expected);
    h.get_by_label(&format!("{expected} matches"));
}
