//! Helpers shared by the window tests: the window at a size, opening a file as a user does,
//! and what the app remembers between runs.

// Each test file uses some of these; the others would warn in that file's build.
#![allow(dead_code)]

pub mod cli;
pub mod figure;

use std::collections::HashMap;
use std::path::PathBuf;

use chronolane::io::ColumnMap;
use chronolane::ui::App;
use chronolane::ui::command::Command;
use chronolane::ui::state::Persisted;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The window, `width` × `height` points, with what it remembered, after its first frames.
pub fn window(width: f32, height: f32, persisted: Persisted) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(width, height))
        .with_max_steps(12)
        .build_eframe(move |_cc| App::with_state(persisted.clone()));
    h.run();
    h
}

/// [`window`] with the system's fonts for every script, as the app installs them at start (the
/// dataset's names in Japanese and Russian need them); `run` steps it at most `max_steps` times.
pub fn window_with_fonts(width: f32, height: f32, max_steps: u64) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(width, height))
        .with_max_steps(max_steps)
        .build_eframe(|cc| {
            chronolane::fonts::install(&cc.egui_ctx);
            App::with_state(Persisted::default())
        });
    h.run();
    h
}

/// Opens a file as File ▸ Open does, and waits (up to two seconds) until it is read.
pub fn open(h: &mut Harness<'_, App>, path: PathBuf) {
    h.state_mut().push(Command::Open(path));
    wait_loaded(h);
}

/// Opens a file with the columns chosen in the import dialog, and waits until it is read.
pub fn open_mapped(h: &mut Harness<'_, App>, path: PathBuf, map: ColumnMap) {
    h.state_mut().push(Command::Import(path, map));
    wait_loaded(h);
}

/// Waits (up to two seconds) until the file being opened is read.
fn wait_loaded(h: &mut Harness<'_, App>) {
    for _ in 0..100 {
        h.step();
        if !h.state().probe().loading {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    h.run();
}

/// eframe's storage, in memory.
#[derive(Default)]
pub struct MemoryStorage(HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }

    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }

    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }

    fn flush(&mut self) {}
}

/// What the app writes to its storage when it closes, read back as the next run reads it.
pub fn remembered(app: &mut App) -> Persisted {
    let mut storage = MemoryStorage::default();
    eframe::App::save(app, &mut storage);
    eframe::get_value(&storage, eframe::APP_KEY).unwrap_or_else(|| panic!("nothing saved"))
}

/// Selects an event by searching its title (or a name) and pressing Enter, as a user would.
pub fn select_by_search(h: &mut Harness<'_, App>, text: &str) {
    let search = h.get_by_role_and_label(egui::Role::TextInput, "Search");
    search.focus();
    search.type_text(text);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
}

/// Submits `out` as the path the Export tab asked for (`purpose`), waits (up to ten seconds)
/// for the export to finish, and gives the status message it left.
pub fn export_to(
    h: &mut Harness<'_, App>,
    purpose: chronolane::ui::parts::PathPurpose,
    out: &std::path::Path,
) -> String {
    h.state_mut()
        .push(Command::SubmitPath(purpose, out.to_path_buf()));
    for _ in 0..200 {
        h.step();
        if !h.state().probe().exporting {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    h.state().probe().message.to_owned()
}

/// Types into the field `name` (of `role`), after what it holds.
pub fn type_into(h: &mut Harness<'_, App>, role: egui::Role, name: &str, text: &str) {
    let field = h.get_by_role_and_label(role, name);
    field.focus();
    field.type_text(text);
    h.run();
}

/// Replaces what the text field `name` holds.
pub fn replace_in(h: &mut Harness<'_, App>, name: &str, text: &str) {
    h.get_by_role_and_label(egui::Role::TextInput, name).focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    type_into(h, egui::Role::TextInput, name, text);
}

/// Presses at `from`, moves to `to` in a few steps and lets go.
pub fn drag(h: &mut Harness<'_, App>, from: egui::Pos2, to: egui::Pos2) {
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    for k in 1..=4 {
        h.hover_at(from + (to - from) * (k as f32 / 4.0));
        h.run();
    }
    h.drop_at(to);
    h.run();
}

/// Pointer events one by one, as a window gets them: presses on `from`, moves to `to` in ten
/// steps, releases; with `modifiers` held throughout.
pub fn drag_holding(
    h: &mut Harness<'_, App>,
    from: egui::Pos2,
    to: egui::Pos2,
    modifiers: egui::Modifiers,
) {
    let button = |pos, pressed| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers,
    };
    h.event(egui::Event::ModifiersChanged(modifiers));
    h.event(egui::Event::PointerMoved(from));
    h.step();
    h.event(button(from, true));
    h.step();
    for k in 1..=10 {
        let t = k as f32 / 10.0;
        h.event(egui::Event::PointerMoved(from + (to - from) * t));
        h.step();
    }
    h.event(button(to, false));
    h.step();
    h.event(egui::Event::ModifiersChanged(egui::Modifiers::NONE));
    h.run();
}
