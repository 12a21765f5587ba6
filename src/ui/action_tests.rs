//! Tests of [`super`]: shortcuts as people read them, one action per key, disabled actions
//! saying why, keys respecting text focus.

use super::*;

#[test]
fn shortcuts_read_as_people_write_them() {
    assert_eq!(shortcut_text(&ctrl(Key::K), false), "Ctrl+K");
    assert_eq!(shortcut_text(&ctrl_shift(Key::P), false), "Ctrl+Shift+P");
    assert_eq!(shortcut_text(&key(Key::ArrowLeft), false), "Left");
    assert_eq!(shortcut_text(&key(Key::Plus), false), "+");
    assert_eq!(
        shortcuts_text(Action::NextEvent, false).as_deref(),
        Some("N / ]")
    );
    assert_eq!(shortcuts_text(Action::About, false), None);
}

#[test]
fn no_shortcut_is_bound_to_two_actions_that_can_run_together() {
    // Esc is shared by CancelLoad and ClearSelection, which run in different states:
    // cancelling comes first in the table.
    let mut seen: Vec<(KeyboardShortcut, Action)> = Vec::new();
    for a in Action::ALL {
        for k in a.shortcuts() {
            if let Some((_, other)) = seen.iter().find(|(s, _)| s == k) {
                assert_eq!(
                    (*other, a),
                    (Action::CancelLoad, Action::ClearSelection),
                    "{k:?}"
                );
            }
            seen.push((*k, a));
        }
    }
}

#[test]
fn every_action_is_in_the_table_once_with_a_label() {
    for (i, a) in Action::ALL.iter().enumerate() {
        assert!(!a.label().is_empty() && !a.tooltip().is_empty());
        assert!(!Action::ALL[..i].contains(a), "{a:?} twice");
    }
}

#[test]
fn disabled_actions_say_why() {
    let s = ActionState::default();
    assert_eq!(
        Action::ZoomToSelected.disabled_reason(&s),
        Some("Select an event first")
    );
    let s = ActionState {
        selection: true,
        ..s
    };
    assert_eq!(Action::ZoomToSelected.disabled_reason(&s), None);
}

fn press(k: Key, modifiers: Modifiers) -> egui::InputState {
    let raw = egui::RawInput {
        events: vec![egui::Event::Key {
            key: k,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers,
        }],
        ..Default::default()
    };
    egui::InputState::default().begin_pass(raw, false, 1.0, egui::InputOptions::default())
}

#[test]
fn keys_run_the_enabled_action_and_respect_text_focus() {
    let s = ActionState::default();
    let mut i = press(Key::Escape, Modifiers::NONE);
    // Nothing selected and nothing loading: Esc does nothing.
    assert!(pressed(&mut i, &s, true).is_empty());
    let loading = ActionState {
        loading: true,
        selection: true,
        ..s
    };
    let mut i = press(Key::Escape, Modifiers::NONE);
    assert_eq!(pressed(&mut i, &loading, true), vec![Command::CancelLoad]);
    let mut i = press(Key::N, Modifiers::NONE);
    assert!(pressed(&mut i, &s, false).is_empty(), "typing N in a field");
    let mut i = press(Key::P, Modifiers::COMMAND.plus(Modifiers::SHIFT));
    assert_eq!(
        pressed(&mut i, &s, true),
        vec![Command::Show(Dialog::Palette)],
        "Ctrl+Shift+P is the palette, not P"
    );
}

#[test]
fn ctrl_e_opens_the_export_tab_and_details_panel_toggles_the_details() {
    let s = ActionState::default();
    let mut i = press(Key::E, Modifiers::COMMAND);
    assert_eq!(
        pressed(&mut i, &s, false),
        vec![Command::ShowTab(SideTab::Export)],
        "Ctrl+E works even while typing"
    );
    // The panel hidden, or at its Export tab: Details panel shows the details.
    assert_eq!(
        Action::DetailsPanel.command(&s),
        Command::ShowTab(SideTab::Details)
    );
    let details = ActionState { details: true, ..s };
    assert_eq!(
        Action::DetailsPanel.command(&details),
        Command::ShowPanel(Panel::Details, false)
    );
}
