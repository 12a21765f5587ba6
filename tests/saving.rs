//! Saving through the real window: Save (Ctrl+S) to the file the timeline came from in its
//! format, keeping the previous version as `NAME.bak`; Save As for the embedded dataset, which
//! is never overwritten; what CSV cannot hold said first, with JSON offered; File ▸ New; and
//! Save / Don't save / Cancel before unsaved changes would be lost. Also the done-when
//! walk: an event made with the form, renamed, dragged a year later, undone three times and
//! redone once, saved and reopened.

use std::path::Path;

use chronolane::io::load_path;
use chronolane::model::Event;
use chronolane::timeline::TimeView;
use chronolane::ui::App;
use chronolane::ui::command::Command;
use chronolane::ui::parts::PathPurpose;
use egui::{Key, Modifiers, Role, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

mod common;

fn harness() -> Harness<'static, App> {
    common::window_with_fonts(1400.0, 800.0, 40)
}

fn type_into(h: &mut Harness<'_, App>, name: &str, text: &str) {
    let field = h.get_by_role_and_label(Role::TextInput, name);
    field.focus();
    field.type_text(text);
    h.run();
}

fn events_in(path: &Path) -> Vec<Event> {
    match load_path(path) {
        Ok(loaded) => loaded.dataset.events().to_vec(),
        Err(e) => panic!("{e}"),
    }
}

/// Drags the selected event's marker along the timeline by about `days`.
fn drag_selected_by_days(h: &mut Harness<'_, App>, days: f64) {
    let p = h.state().probe();
    let marker = p
        .selected_marker
        .unwrap_or_else(|| panic!("the marker is drawn"));
    let dx = (days / p.days_per_point) as f32;
    let from = marker.center();
    let button = |pos, pressed| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    };
    h.event(egui::Event::PointerMoved(from));
    h.step();
    h.event(button(from, true));
    h.step();
    for k in 1..=10 {
        h.event(egui::Event::PointerMoved(
            from + vec2(dx * k as f32 / 10.0, 0.0),
        ));
        h.step();
    }
    h.event(button(from + vec2(dx, 0.0), false));
    h.step();
    h.run();
}

/// Ctrl+S on a timeline with no file asks where (a typed path here: no file dialog).
fn save_as(h: &mut Harness<'_, App>, path: &Path) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert_eq!(h.state().probe().path_prompt, Some(PathPurpose::SaveAs));
    h.state_mut()
        .push(Command::SubmitPath(PathPurpose::SaveAs, path.to_path_buf()));
    h.run();
}

#[test]
fn make_rename_drag_undo_redo_save_and_reopen_gives_exactly_the_expected_events() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("shimoda.json");
    let mut h = harness();
    let original = h.state().probe().dataset.events().to_vec();

    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    type_into(&mut h, "Title", "Putyatin signs at Shimoda");
    type_into(&mut h, "Start", "7 Feb 1855");
    h.key_press(Key::Enter);
    h.run();
    let made = h
        .state()
        .probe()
        .selected_event
        .cloned()
        .unwrap_or_else(|| panic!("the new event is selected"));
    assert_eq!(made.start().edtf(), "1855-02-07");

    h.key_press(Key::E);
    h.run();
    type_into(&mut h, "Title", " (Russian text)");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        h.state().probe().undo_name,
        Some("Edit 'Putyatin signs at Shimoda'")
    );
    // Drag it one year later: its start changes by exactly one year.
    let t = made.axis_start();
    h.state_mut().push(Command::SetView(TimeView::new(
        t - 365.0 * 10.0,
        365.0 * 20.0,
    )));
    h.run();
    drag_selected_by_days(&mut h, 365.2425);
    let moved = h.state().probe().selected_event.cloned();
    let moved = moved.unwrap_or_else(|| panic!("still selected"));
    assert_eq!(moved.start().edtf(), "1856-02-07");
    assert_eq!(moved.title(), "Putyatin signs at Shimoda (Russian text)");
    assert_eq!(
        h.state().probe().undo_name,
        Some("Move 'Putyatin signs at Shimoda (Russian text)'")
    );
    // Undo three times (move, rename, create), redo once (create).
    for _ in 0..3 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    assert_eq!(h.state().probe().dataset.events(), original.as_slice());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert!(h.state().probe().title.starts_with('•'));

    save_as(&mut h, &out);
    let p = h.state().probe();
    assert!(!p.dirty && !p.title.starts_with('•'), "{}", p.title);
    assert_eq!(p.path, Some(out.as_path()));

    let mut expected = original.clone();
    expected.push(made);
    expected.sort_by(|a, b| {
        (a.axis_start(), a.axis_end(), &a.id())
            .partial_cmp(&(b.axis_start(), b.axis_end(), &b.id()))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    assert_eq!(events_in(&out), expected);
    assert!(
        !dir.path().join("shimoda.json.bak").exists(),
        "a new file has no previous version"
    );
}

#[test]
fn ctrl_s_saves_a_csv_file_as_csv_keeping_the_previous_version_as_bak() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("events.csv");
    let first = "id,title,start,end,theme,importance,place,description,sources,tags\n\
                 a,Treaty of Shimoda,1855-02-07,,diplomacy,5,Shimoda,,,\n";
    std::fs::write(&path, first).unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness();
    h.state_mut().push(Command::Open(path.clone()));
    h.run();
    assert_eq!(h.state().probe().dataset.events().len(), 1);
    h.state_mut().push(Command::Select(Some(0)));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(h.state().probe().csv_warning.is_none(), "nothing is lost");
    assert!(!h.state().probe().dirty);
    let saved = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        saved.starts_with("id,title,start,end,theme,importance"),
        "saved as CSV: {saved}"
    );
    let titles: Vec<String> = events_in(&path)
        .iter()
        .map(|e| e.title().to_string())
        .collect();
    assert_eq!(titles, ["Treaty of Shimoda", "Treaty of Shimoda (copy)"]);
    let bak = std::fs::read_to_string(dir.path().join("events.csv.bak")).unwrap_or_default();
    assert_eq!(bak, first, "the previous version is kept as NAME.bak");
}

#[test]
fn saving_as_csv_says_what_csv_cannot_hold_and_offers_json() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let csv = dir.path().join("japan.csv");
    let mut h = harness();
    let events = h.state().probe().dataset.events().to_vec();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    h.state_mut()
        .push(Command::SubmitPath(PathPurpose::SaveAs, csv.clone()));
    h.run();
    let lost = h.state().probe().csv_warning.map(<[String]>::to_vec);
    let lost = lost.unwrap_or_else(|| panic!("the question is asked"));
    assert!(lost.iter().any(|l| l.ends_with(" eras")), "{lost:?}");
    assert!(lost.contains(&"the dataset's description".to_owned()));
    h.get_by_label("Save as japan.json").click();
    h.run();
    assert!(!csv.exists(), "nothing was written as CSV");
    let json = dir.path().join("japan.json");
    assert_eq!(events_in(&json), events);
    let reopened = load_path(&json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        *h.state().probe().dataset,
        reopened.dataset,
        "JSON keeps everything"
    );
    assert_eq!(h.state().probe().path, Some(json.as_path()));
}

#[test]
fn unsaved_changes_ask_save_dont_save_or_cancel_before_they_are_lost() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness();
    h.state_mut().push(Command::Select(Some(0)));
    h.run();
    h.key_press(Key::Delete);
    h.run();
    let edited = h.state().probe().dataset.clone();
    assert!(h.state().probe().dirty);

    // File ▸ New timeline asks; Cancel keeps the changes.
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("New timeline").click();
    h.run();
    assert_eq!(h.state().probe().unsaved, Some(&Command::NewTimeline));
    h.get_by_label("Save them before starting a new timeline?");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(*h.state().probe().dataset, edited);
    assert!(h.state().probe().dirty && h.state().probe().unsaved.is_none());

    // Don't save: a new, empty timeline with the three default lanes.
    h.state_mut().push(Command::NewTimeline);
    h.run();
    h.get_by_label("Don't save").click();
    h.run();
    let p = h.state().probe();
    assert!(p.dataset.events().is_empty() && !p.dirty);
    let lanes: Vec<&str> = p
        .dataset
        .themes()
        .iter()
        .map(|t| t.label.as_str())
        .collect();
    assert_eq!(lanes, ["Diplomacy", "War", "Territory"]);

    // With a new event unsaved, Reload… there is no file: opening the embedded dataset asks;
    // Save asks where, writes, then goes on.
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    type_into(&mut h, "Title", "First");
    type_into(&mut h, "Start", "1900");
    h.key_press(Key::Enter);
    h.run();
    h.state_mut().push(Command::OpenEmbedded);
    h.run();
    assert_eq!(h.state().probe().unsaved, Some(&Command::OpenEmbedded));
    h.get_by_label("Save").click();
    h.run();
    assert_eq!(h.state().probe().path_prompt, Some(PathPurpose::SaveAs));
    let out = dir.path().join("first.json");
    h.state_mut()
        .push(Command::SubmitPath(PathPurpose::SaveAs, out.clone()));
    h.run();
    let titles: Vec<String> = events_in(&out)
        .iter()
        .map(|e| e.title().to_string())
        .collect();
    assert_eq!(titles, ["First"]);
    let p = h.state().probe();
    assert!(
        p.dataset.events().len() > 40,
        "then the embedded dataset opened"
    );
    assert!(!p.dirty && p.path.is_none());
}

#[test]
fn quitting_with_unsaved_changes_asks_first_and_esc_cancels() {
    let mut h = harness();
    h.state_mut().push(Command::Select(Some(0)));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    h.run();
    assert_eq!(h.state().probe().unsaved, Some(&Command::Quit));
    h.get_by_label("Save them before quitting?");
    h.key_press(Key::Escape);
    h.run();
    let p = h.state().probe();
    assert!(p.unsaved.is_none() && p.dirty, "still open, changes kept");
}

#[test]
fn ctrl_s_never_writes_chronolane_json_over_another_tools_file() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("story.json");
    let original = std::fs::read("tests/formats/timelinejs-wild.json").unwrap_or_default();
    std::fs::write(&path, &original).unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness();
    h.state_mut().push(Command::Open(path.clone()));
    h.run();
    assert_eq!(h.state().probe().path, Some(path.as_path()));
    h.state_mut().push(Command::Select(Some(0)));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let p = h.state().probe();
    assert_eq!(p.path_prompt, Some(PathPurpose::SaveAs), "asks where");
    assert!(p.message.contains("is a TimelineJS file"), "{}", p.message);
    assert_eq!(std::fs::read(&path).unwrap_or_default(), original);
}
