//! The action table as a user meets it: the command palette runs actions by name, and every
//! keyboard shortcut is listed, with the same keys, in the help window and in the palette.

use chronolane::ui::App;
use chronolane::ui::action::{Action, shortcuts_text};
use chronolane::ui::state::Persisted;
use egui::{Key, Modifiers, Role, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness() -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(vec2(1400.0, 800.0))
        .with_max_steps(40)
        .build_eframe(|_cc| App::with_state(Persisted::default()));
    h.run();
    h
}

/// Ctrl+K, the query typed, Enter.
fn run_from_palette(h: &mut Harness<'_, App>, query: &str) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    assert!(h.state().probe().palette_open, "Ctrl+K opens the palette");
    h.get_by_role_and_label(Role::SearchInput, "Command")
        .type_text(query);
    h.run();
    h.key_press(Key::Enter);
    h.run();
}

#[test]
fn palette_fit_fits_the_view() {
    let mut h = harness();
    let fitted = h.state().probe().view;
    for _ in 0..3 {
        h.key_press(Key::Plus);
        h.run();
    }
    let zoomed = h.state().probe().view;
    assert!(zoomed.span < fitted.span * 0.5, "{zoomed:?}");
    run_from_palette(&mut h, "fit");
    let back = h.state().probe().view;
    assert!(
        !h.state().probe().palette_open,
        "running an action closes the palette"
    );
    assert!(
        (back.span - fitted.span).abs() < 1e-6 && (back.start - fitted.start).abs() < 1e-6,
        "{back:?} vs {fitted:?}"
    );
}

#[test]
fn palette_dark_turns_dark_mode_on_and_ctrl_shift_p_opens_it_too() {
    let mut h = harness();
    assert!(!h.state().probe().dark);
    run_from_palette(&mut h, "dark");
    assert!(h.state().probe().dark);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    assert!(h.state().probe().palette_open);
    assert_eq!(h.state().probe().selected, None, "P did not also step");
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().probe().palette_open, "Esc closes the palette");
}

#[test]
fn palette_arrows_choose_the_row_enter_runs() {
    let mut h = harness();
    let fitted = h.state().probe().view;
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    // "zoom" lists Zoom to fit, Zoom in, Zoom out, …: the second row zooms in.
    h.get_by_role_and_label(Role::SearchInput, "Command")
        .type_text("zoom");
    h.run();
    h.key_press(Key::ArrowDown);
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(h.state().probe().view.span < fitted.span);
}

#[test]
fn every_shortcut_is_in_the_help_window_and_the_palette() {
    let with_keys: Vec<(Action, String)> = Action::ALL
        .iter()
        .filter_map(|&a| shortcuts_text(a, false).map(|k| (a, k)))
        .collect();
    assert!(with_keys.len() >= 12);

    let mut h = harness();
    h.get_by_label("Help").click();
    h.run();
    h.get_by_label("Keyboard shortcuts").click();
    h.run();
    for (a, keys) in &with_keys {
        assert!(h.query_all_by_label(keys).count() >= 1, "{a:?}: {keys}");
        assert!(
            h.query_all_by_label(a.tooltip()).count() >= 1,
            "{a:?}: {}",
            a.tooltip()
        );
    }

    let mut h = harness();
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    for (a, keys) in &with_keys {
        assert!(h.query_all_by_label(a.label()).count() >= 1, "{a:?}");
        assert!(h.query_all_by_label(keys).count() >= 1, "{a:?}: {keys}");
    }
    // The palette lists every action, shortcut or not.
    h.get_by_label(Action::About.label());
}
