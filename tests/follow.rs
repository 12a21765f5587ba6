//! Following the file, through the real window: when another program rewrites the open file,
//! Chronolane reads it again, keeping the view and the selection (by id), with a note in the
//! status bar; with unsaved edits it asks first; a file that is now invalid leaves the screen
//! as it was and shows the problems; Chronolane's own saves are no change.

use std::path::Path;
use std::time::{Duration, Instant};

use chronolane::ui::App;
use chronolane::ui::command::Command;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

mod common;

const HEADER: &str = "id,title,start,end,theme,importance,place,description,sources,tags\n";
const SHIMODA: &str = "shimoda,Treaty of Shimoda,1855-02-07,,diplomacy,5,,,,\n";
const PORTSMOUTH: &str = "portsmouth,Treaty of Portsmouth,1905-09-05,,diplomacy,5,,,,\n";

fn harness_on(path: &Path) -> Harness<'static, App> {
    let mut h = common::window_with_fonts(1400.0, 800.0, 40);
    h.state_mut().push(Command::Open(path.to_path_buf()));
    h.run();
    h
}

/// Another program writes the file as editors do: a new file renamed over it.
fn rewrite(path: &Path, text: &str) {
    let tmp = path.with_extension("tmp-edit");
    std::fs::write(&tmp, text).unwrap_or_else(|e| panic!("{e}"));
    std::fs::rename(&tmp, path).unwrap_or_else(|e| panic!("{e}"));
}

/// Runs frames until `done` holds (the watcher reports from another thread), for at most ten
/// seconds; whether it did.
fn run_until(h: &mut Harness<'_, App>, done: impl Fn(&App) -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        h.run();
        if done(h.state()) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

fn titles(app: &App) -> Vec<String> {
    app.probe()
        .dataset
        .events()
        .iter()
        .map(|e| e.title().to_string())
        .collect()
}

#[test]
fn a_file_rewritten_by_another_program_is_read_again_keeping_view_and_selection() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("treaties.csv");
    std::fs::write(&path, format!("{HEADER}{SHIMODA}")).unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness_on(&path);
    h.state_mut().push(Command::Select(Some(0)));
    h.key_press(Key::Minus);
    h.run();
    let view = h.state().probe().view;

    rewrite(&path, &format!("{HEADER}{SHIMODA}{PORTSMOUTH}"));
    assert!(
        run_until(&mut h, |app| app.probe().dataset.events().len() == 2),
        "read again"
    );
    let p = h.state().probe();
    assert_eq!(
        titles(h.state()),
        ["Treaty of Shimoda", "Treaty of Portsmouth"]
    );
    assert_eq!(p.view, view, "the view stays");
    assert_eq!(
        p.selected_event.map(chronolane::model::Event::id),
        Some("shimoda"),
        "the selection stays, by id"
    );
    assert!(
        p.message.starts_with("treaties.csv changed on disk"),
        "{}",
        p.message
    );

    // Now invalid: what is on screen stays, and the problems show.
    rewrite(&path, "title,start\nSpring fair,next spring\n");
    assert!(run_until(&mut h, |app| app.probe().report.is_some()));
    assert_eq!(
        titles(h.state()),
        ["Treaty of Shimoda", "Treaty of Portsmouth"]
    );
    h.get_by_label_contains("is not a date");
}

#[test]
fn with_unsaved_edits_a_change_on_disk_asks_first_and_own_saves_are_no_change() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("treaties.csv");
    std::fs::write(&path, format!("{HEADER}{SHIMODA}")).unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness_on(&path);
    h.state_mut().push(Command::Select(Some(0)));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    // Chronolane's own save is no change on disk to read.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    // Frames for five times the debounce: long enough for a change to be read.
    let start = Instant::now();
    while start.elapsed() < Duration::from_millis(1500) {
        h.run();
        std::thread::sleep(Duration::from_millis(50));
    }
    let p = h.state().probe();
    assert!(p.message.starts_with("Saved 2 events"), "{}", p.message);
    assert!(p.unsaved.is_none());
    assert_eq!(h.state().probe().dataset.events().len(), 2);

    h.key_press(Key::Delete);
    h.run();
    assert!(h.state().probe().dirty);
    rewrite(&path, &format!("{HEADER}{SHIMODA}{PORTSMOUTH}"));
    assert!(run_until(&mut h, |app| app.probe().unsaved
        == Some(&Command::FileChanged)));
    h.get_by_label("Save them before reading the file again: another program changed it?");
    h.get_by_label("Don't save").click();
    h.run();
    assert_eq!(
        titles(h.state()),
        ["Treaty of Shimoda", "Treaty of Portsmouth"]
    );
    assert!(!h.state().probe().dirty);
}
