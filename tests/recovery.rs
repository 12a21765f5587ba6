//! Nothing lost in a crash, through the real window: unsaved work is written to the recovery
//! file in the app's data folder; the next start offers it, saying from when; Restore gives it
//! back (unsaved, to save), and a save removes the file.

use chronolane::ui::App;
use chronolane::ui::command::Command;
use chronolane::ui::parts::PathPurpose;
use chronolane::ui::recovery::own_file;
use chronolane::ui::state::Persisted;
use egui::{Key, Modifiers, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness(dir: &std::path::Path) -> Harness<'static, App> {
    let dir = dir.to_path_buf();
    let mut h = Harness::builder()
        .with_size(vec2(1400.0, 800.0))
        .with_max_steps(40)
        .build_eframe(move |cc| {
            chronolane::fonts::install(&cc.egui_ctx);
            App::with_state(Persisted::default()).with_recovery_dir(dir)
        });
    h.run();
    h
}

#[test]
fn unsaved_work_is_kept_offered_at_the_next_start_and_restored() {
    let data = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = own_file(data.path());
    let edited = {
        let mut h = harness(data.path());
        assert!(
            h.state().probe().recovery_offer.is_none(),
            "nothing kept yet"
        );
        h.state_mut().push(Command::Select(Some(0)));
        h.run();
        assert!(!file.exists(), "nothing unsaved, nothing written");
        h.key_press(Key::Delete);
        h.run();
        assert!(file.exists(), "unsaved work is written");
        h.state().probe().dataset.clone()
        // The window goes without quitting: as in a crash, the file stays.
    };
    assert!(file.exists());

    let mut h = harness(data.path());
    let when = h.state().probe().recovery_offer.map(str::to_owned);
    let when = when.unwrap_or_else(|| panic!("the work is offered"));
    assert!(when.ends_with(" UTC"), "{when}");
    h.get_by_label_contains(&format!("was kept on {when}"));
    h.get_by_label("Restore").click();
    h.run();
    let p = h.state().probe();
    assert_eq!(*p.dataset, edited);
    assert!(
        p.dirty && p.title.starts_with('•'),
        "restored work is unsaved"
    );
    assert!(file.exists(), "and kept until it is saved");

    // A save removes it.
    let out = data.path().join("restored.json");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.state_mut()
        .push(Command::SubmitPath(PathPurpose::SaveAs, out.clone()));
    h.run();
    assert!(out.exists() && !file.exists());
}

#[test]
fn discarding_the_offer_removes_the_kept_work() {
    let data = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let d = chronolane::io::default_dataset();
    // Left by a window that is gone (another process).
    let crashed = data.path().join("recovery-1.json");
    chronolane::ui::recovery::write(&crashed, &d, None).unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness(data.path());
    h.get_by_label("Discard").click();
    h.run();
    assert!(h.state().probe().recovery_offer.is_none());
    assert!(!crashed.exists());
    assert!(!h.state().probe().dirty);
}

#[test]
fn two_windows_keep_their_work_apart_and_neither_offers_the_other_s() {
    let data = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // Another window, still running: its work and its lock.
    let other = data.path().join("recovery-1.json");
    let d = chronolane::io::default_dataset();
    chronolane::ui::recovery::write(&other, &d, None).unwrap_or_else(|e| panic!("{e}"));
    let lock = std::fs::File::create(other.with_extension("lock"));
    let lock = lock.unwrap_or_else(|e| panic!("{e}"));
    lock.try_lock().unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness(data.path());
    assert!(
        h.state().probe().recovery_offer.is_none(),
        "a running window's work is not offered"
    );
    h.state_mut().push(Command::Select(Some(0)));
    h.run();
    h.key_press(Key::Delete);
    h.run();
    let own = own_file(data.path());
    assert!(
        own.exists() && other.exists(),
        "each window's work in its own file"
    );
    // Saving removes this window's file only.
    let out = data.path().join("mine.json");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.state_mut()
        .push(Command::SubmitPath(PathPurpose::SaveAs, out.clone()));
    h.run();
    assert!(out.exists() && !own.exists() && other.exists());
}
