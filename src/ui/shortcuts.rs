//! Keyboard shortcuts of the timeline, turned into commands. They are listed (with
//! [`SHORTCUTS`]) in the Help ▸ Keyboard shortcuts window.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::app::App;
use super::command::Command;

/// Every shortcut and what it does, for the help window.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("Mouse wheel / pinch", "Zoom around the pointer"),
    ("Drag / Shift + wheel", "Pan"),
    ("Click", "Select an event"),
    ("Double-click / Home", "Zoom to fit"),
    ("+ / -", "Zoom in / out around the center"),
    ("Left / Right", "Pan"),
    ("N / ]", "Select the next event in time"),
    ("P / [", "Select the previous event in time"),
    ("F", "Zoom to the selected event"),
    ("Esc", "Clear the selection; stop opening a file"),
    ("Enter (in Search)", "Select the next match"),
    ("Ctrl+O", "Open a file"),
    ("Ctrl+R", "Reload the file"),
    ("Ctrl+Q", "Quit"),
];

pub const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
pub const RELOAD: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::R);
pub const QUIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);

/// Reads this frame's key presses. Plain keys only act when no text field has the focus.
pub fn shortcuts(ctx: &egui::Context, app: &mut App) {
    let mut commands = Vec::new();
    ctx.input_mut(|i| {
        if i.consume_shortcut(&OPEN) {
            commands.push(Command::ShowOpenDialog);
        }
        if i.consume_shortcut(&RELOAD) {
            commands.push(Command::Reload);
        }
        if i.consume_shortcut(&QUIT) {
            commands.push(Command::Quit);
        }
    });
    if ctx.egui_wants_keyboard_input() {
        app.push_all(commands);
        return;
    }
    let loading = app.loading.is_some();
    ctx.input(|i| {
        let pressed = |k: Key| i.key_pressed(k) && !i.modifiers.command;
        if pressed(Key::Plus) || pressed(Key::Equals) {
            commands.push(Command::Zoom(1.5));
        }
        if pressed(Key::Minus) {
            commands.push(Command::Zoom(1.0 / 1.5));
        }
        if pressed(Key::ArrowLeft) {
            commands.push(Command::Pan(-0.15));
        }
        if pressed(Key::ArrowRight) {
            commands.push(Command::Pan(0.15));
        }
        if pressed(Key::Home) {
            commands.push(Command::ZoomToFit);
        }
        if pressed(Key::N) || pressed(Key::CloseBracket) {
            commands.push(Command::Step(1));
        }
        if pressed(Key::P) || pressed(Key::OpenBracket) {
            commands.push(Command::Step(-1));
        }
        if pressed(Key::F) {
            commands.push(Command::ZoomToSelected);
        }
        if pressed(Key::Escape) {
            commands.push(if loading {
                Command::CancelLoad
            } else {
                Command::Select(None)
            });
        }
    });
    app.push_all(commands);
}
