//! Windows over the app: a file's problems, a typed path where no file dialog exists, keyboard
//! shortcuts (from the action table), and About.

use egui::{Key, RichText, ScrollArea};

use crate::ui::action::{Action, is_mac, shortcuts_text};
use crate::ui::command::{Command, Commands, Dialog};
use crate::ui::document::Document;
use crate::ui::parts::{Dialogs, PathPrompt, PathPurpose, ProblemReport};

/// Pointer gestures and keys that belong to a field rather than to an action, for the help
/// window.
pub const GESTURES: &[(&str, &str)] = &[
    ("Mouse wheel / pinch", "Zoom around the pointer"),
    ("Drag / Shift + wheel", "Pan"),
    ("Click", "Select an event"),
    ("Click a lane's name", "Collapse or expand the lane"),
    ("Drag a lane's name", "Move the lane up or down"),
    (
        "Drag a lane's lower edge",
        "Resize the lane (double-click: as tall as it needs)",
    ),
    (
        "Right-click a lane's name",
        "Rename, Colour, Delete lane, New lane; Show only this lane, …",
    ),
    (
        "Double-click empty lane space",
        "New event there, in that lane",
    ),
    ("Double-click an event", "Edit it"),
    ("Double-click the axis", "Zoom to fit"),
    (
        "Drag an event",
        "Move it (into another lane: change its theme)",
    ),
    (
        "Shift + drag an event",
        "Finer steps: a year-known event by months, a month-known by days (days stay days)",
    ),
    ("Enter (in Search)", "Select the next match"),
    ("Enter (in the event form)", "Apply the form"),
    ("Esc (in the event form)", "Cancel the form"),
];

pub fn dialogs_ui(ctx: &egui::Context, doc: &Document, dialogs: &Dialogs, cmds: &mut Commands) {
    if let Some(report) = &dialogs.problems {
        problems_ui(ctx, report, cmds);
    }
    if let Some(prompt) = &dialogs.path_prompt {
        path_prompt_ui(ctx, prompt, cmds);
    }
    if dialogs.shortcuts {
        shortcuts_ui(ctx, cmds);
    }
    if dialogs.about {
        about_ui(ctx, doc, cmds);
    }
}

fn problems_ui(ctx: &egui::Context, report: &ProblemReport, cmds: &mut Commands) {
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
                if ui.button("Close").on_hover_text("Enter or Esc").clicked() {
                    cmds.push(Command::Close(Dialog::Problems));
                }
            });
            if ui.input(|i| i.key_pressed(Key::Escape) || i.key_pressed(Key::Enter)) {
                cmds.push(Command::Close(Dialog::Problems));
            }
        });
    if !open {
        cmds.push(Command::Close(Dialog::Problems));
    }
}

fn path_prompt_ui(ctx: &egui::Context, prompt: &PathPrompt, cmds: &mut Commands) {
    let (title, action) = match prompt.purpose {
        PathPurpose::Open => ("Open a file", "Open"),
        PathPurpose::ExportCsv => ("Export CSV", "Export"),
        PathPurpose::ExportPng => ("Export PNG", "Export"),
        PathPurpose::ExportSvg => ("Export SVG", "Export"),
        PathPurpose::ExportPdf => ("Export PDF", "Export"),
        PathPurpose::SkippedRows => ("Save the rows with problems as CSV", "Save"),
        PathPurpose::ChartCsv => ("Export the chart's counts as CSV", "Export"),
        PathPurpose::ChartPng => ("Export the chart as PNG", "Export"),
        PathPurpose::SaveAs => ("Save the timeline (.json, or .csv for events only)", "Save"),
    };
    let mut edited = prompt.clone();
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
                egui::TextEdit::singleline(&mut edited.text)
                    .desired_width(420.0)
                    .hint_text("/path/to/events.csv"),
            );
            r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Path"));
            if !edited.focused {
                r.request_focus();
                edited.focused = true;
            }
            if r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                submit = true;
            }
            ui.horizontal(|ui| {
                submit |= ui.button(action).clicked();
                cancel = ui.button("Cancel").clicked();
            });
            cancel |= ui.input(|i| i.key_pressed(Key::Escape));
        });
    open &= !cancel;
    let path = edited.text.trim();
    if submit && !path.is_empty() {
        cmds.push(Command::SubmitPath(prompt.purpose, path.into()));
    } else if !open {
        cmds.push(Command::Close(Dialog::PathPrompt));
    } else if edited != *prompt {
        cmds.push(Command::SetPrompt(edited));
    }
}

fn shortcuts_ui(ctx: &egui::Context, cmds: &mut Commands) {
    let mut open = true;
    let mac = is_mac(ctx);
    egui::Window::new("Keyboard shortcuts")
        .open(&mut open)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                for a in Action::ALL {
                    if let Some(keys) = shortcuts_text(a, mac) {
                        ui.label(RichText::new(keys).strong());
                        ui.label(a.tooltip());
                        ui.end_row();
                    }
                }
                for (keys, what) in GESTURES {
                    ui.label(RichText::new(*keys).strong());
                    ui.label(*what);
                    ui.end_row();
                }
            });
            ui.add_space(6.0);
            ui.strong("On a lane's name");
            egui::Grid::new("lane keys").striped(true).show(ui, |ui| {
                for (keys, what) in crate::ui::lane_controls::LANE_KEYS {
                    ui.label(RichText::new(*keys).strong());
                    ui.label(*what);
                    ui.end_row();
                }
            });
            ui.add_space(4.0);
            ui.weak(format!(
                "Every action, with or without a key: {}",
                shortcuts_text(Action::CommandPalette, mac).unwrap_or_default()
            ));
        });
    if !open {
        cmds.push(Command::Close(Dialog::Shortcuts));
    }
}

fn about_ui(ctx: &egui::Context, doc: &Document, cmds: &mut Commands) {
    let meta = &doc.dataset.meta;
    let mut open = true;
    egui::Window::new("About")
        .open(&mut open)
        .default_width(480.0)
        .show(ctx, |ui| {
            ui.heading(&meta.title);
            if !meta.description.is_empty() {
                ui.label(&meta.description);
            }
            if let Some(url) = super::details::sources_ui(ui, &meta.sources) {
                cmds.push(Command::OpenUrl(url));
            }
            ui.separator();
            ui.label(format!("Chronolane {}", env!("CARGO_PKG_VERSION")));
        });
    if !open {
        cmds.push(Command::Close(Dialog::About));
    }
}
