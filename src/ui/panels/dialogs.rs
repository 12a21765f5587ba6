//! Windows over the app: a file's problems, a typed path where no file dialog exists, keyboard
//! shortcuts, and About.

use egui::{Key, RichText, ScrollArea};

use crate::ui::app::{App, PathPurpose};
use crate::ui::command::Command;
use crate::ui::shortcuts::SHORTCUTS;

pub fn dialogs_ui(ctx: &egui::Context, app: &mut App) {
    problems_ui(ctx, app);
    path_prompt_ui(ctx, app);
    shortcuts_ui(ctx, app);
    about_ui(ctx, app);
}

fn problems_ui(ctx: &egui::Context, app: &mut App) {
    let Some(report) = app.problems.clone() else {
        return;
    };
    let mut open = true;
    egui::Window::new(&report.title)
        .id(egui::Id::unique("problems"))
        .open(&mut open)
        .default_width(640.0)
        .show(ctx, |ui| {
            let n = report.lines.len();
            ui.label(if report.failed {
                let problems = if n == 1 {
                    "1 problem".to_owned()
                } else {
                    format!("{n} problems")
                };
                format!("{problems}; nothing was loaded and the dataset on screen has not changed.")
            } else {
                let notes = if n == 1 {
                    "1 note".to_owned()
                } else {
                    format!("{n} notes")
                };
                format!("The file opened; {notes} on what was assumed:")
            });
            ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
                for line in &report.lines {
                    ui.label(RichText::new(line).monospace());
                }
            });
            ui.horizontal(|ui| {
                if ui.button("Copy all").clicked() {
                    ui.ctx().copy_text(report.lines.join("\n"));
                }
                if ui.button("Close").clicked() {
                    app.problems = None;
                }
            });
        });
    if !open {
        app.problems = None;
    }
}

fn path_prompt_ui(ctx: &egui::Context, app: &mut App) {
    let Some(prompt) = app.path_prompt.as_mut() else {
        return;
    };
    let (title, action) = match prompt.purpose {
        PathPurpose::Open => ("Open a file", "Open"),
        PathPurpose::ExportCsv => ("Export CSV", "Export"),
        PathPurpose::ExportPng => ("Export PNG", "Export"),
    };
    let mut open = true;
    let mut cancel = false;
    let mut submit = false;
    egui::Window::new(title)
        .id(egui::Id::unique("path-prompt"))
        .open(&mut open)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.label("No file dialog is available on this desktop. Type a path:");
            let r = ui.add(
                egui::TextEdit::singleline(&mut prompt.text)
                    .desired_width(420.0)
                    .hint_text("/path/to/events.csv"),
            );
            r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Path"));
            if !prompt.focused {
                r.request_focus();
                prompt.focused = true;
            }
            if r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                submit = true;
            }
            ui.horizontal(|ui| {
                submit |= ui.button(action).clicked();
                cancel = ui.button("Cancel").clicked();
            });
        });
    open &= !cancel;
    if submit && !prompt.text.trim().is_empty() {
        let path = std::path::PathBuf::from(prompt.text.trim());
        match prompt.purpose {
            PathPurpose::Open => app.push(Command::Open(path)),
            PathPurpose::ExportCsv => app.export_csv(&path),
            PathPurpose::ExportPng => app.start_png(path, ctx),
        }
        open = false;
    }
    if !open {
        app.path_prompt = None;
    }
}

fn shortcuts_ui(ctx: &egui::Context, app: &mut App) {
    egui::Window::new("Keyboard shortcuts")
        .open(&mut app.show_shortcuts)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                for (keys, what) in SHORTCUTS {
                    ui.label(RichText::new(*keys).strong());
                    ui.label(*what);
                    ui.end_row();
                }
            });
        });
}

fn about_ui(ctx: &egui::Context, app: &mut App) {
    let meta = app.doc.dataset.meta.clone();
    let mut links = Vec::new();
    egui::Window::new("About")
        .open(&mut app.show_about)
        .default_width(480.0)
        .show(ctx, |ui| {
            ui.heading(&meta.title);
            if !meta.description.is_empty() {
                ui.label(&meta.description);
            }
            if let Some(url) = super::details::sources_ui(ui, &meta.sources) {
                links.push(url);
            }
            ui.separator();
            ui.label(format!("Chronolane {}", env!("CARGO_PKG_VERSION")));
        });
    for url in links {
        app.push(Command::OpenUrl(url));
    }
}
