//! The menu bar (File, View, Help) and the zoom buttons beside it.

use egui::Ui;

use crate::ui::app::App;
use crate::ui::command::Command;
use crate::ui::shortcuts::{OPEN, QUIT, RELOAD};

pub fn menu_bar_ui(ui: &mut Ui, app: &mut App) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| file_menu_ui(ui, app));
        ui.menu_button("View", |ui| view_menu_ui(ui, app));
        ui.menu_button("Help", |ui| {
            if ui.button("Keyboard shortcuts").clicked() {
                app.show_shortcuts = true;
            }
            if ui.button("About this dataset").clicked() {
                app.show_about = true;
            }
        });
        ui.separator();
        if ui
            .button("Zoom to fit")
            .on_hover_text("Show all the data (Home, or double-click)")
            .clicked()
        {
            app.push(Command::ZoomToFit);
        }
        if ui
            .button("Zoom out")
            .on_hover_text("Zoom out around the center (-)")
            .clicked()
        {
            app.push(Command::Zoom(1.0 / 1.5));
        }
        if ui
            .button("Zoom in")
            .on_hover_text("Zoom in around the center (+)")
            .clicked()
        {
            app.push(Command::Zoom(1.5));
        }
        let has_selection = app.selected.is_some();
        if ui
            .add_enabled(has_selection, egui::Button::new("Zoom to selected"))
            .on_hover_text("Zoom to the selected event (F)")
            .on_disabled_hover_text("Select an event first")
            .clicked()
        {
            app.push(Command::ZoomToSelected);
        }
    });
}

fn file_menu_ui(ui: &mut Ui, app: &mut App) {
    let ctx = ui.ctx().clone();
    if ui
        .add(egui::Button::new("Open…").shortcut_text(ctx.format_shortcut(&OPEN)))
        .clicked()
    {
        app.push(Command::ShowOpenDialog);
    }
    ui.menu_button("Open Recent", |ui| {
        if app.state.recent.is_empty() {
            ui.weak("No recent files");
        }
        for path in app.state.recent.clone() {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if ui
                .button(name)
                .on_hover_text(path.display().to_string())
                .clicked()
            {
                app.push(Command::Open(path));
            }
        }
    });
    if ui.button("Open the Japan–Russia dataset").clicked() {
        app.push(Command::OpenEmbedded);
    }
    let can_reload = app.doc.path.is_some();
    if ui
        .add_enabled(
            can_reload,
            egui::Button::new("Reload").shortcut_text(ctx.format_shortcut(&RELOAD)),
        )
        .on_disabled_hover_text("The embedded dataset has no file")
        .clicked()
    {
        app.push(Command::Reload);
    }
    let is_csv = app
        .doc
        .path
        .as_ref()
        .is_some_and(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")));
    if ui
        .add_enabled(is_csv, egui::Button::new("CSV columns…"))
        .on_hover_text("Choose which column holds each field, and open the file again")
        .on_disabled_hover_text("The dataset on screen is not a CSV file")
        .clicked()
    {
        app.push(Command::AskColumns);
    }
    ui.separator();
    if ui
        .button("Export PNG…")
        .on_hover_text("A figure of the timeline")
        .clicked()
    {
        app.push(Command::ShowExport);
    }
    if ui
        .button("Export CSV…")
        .on_hover_text("A spreadsheet of the events")
        .clicked()
    {
        app.push(Command::ShowExport);
    }
    ui.separator();
    if ui
        .add(egui::Button::new("Quit").shortcut_text(ctx.format_shortcut(&QUIT)))
        .clicked()
    {
        app.push(Command::Quit);
    }
}

fn view_menu_ui(ui: &mut Ui, app: &mut App) {
    if ui
        .add(egui::Button::new("Zoom to fit").shortcut_text("Home"))
        .clicked()
    {
        app.push(Command::ZoomToFit);
    }
    if ui
        .add(egui::Button::new("Zoom in").shortcut_text("+"))
        .clicked()
    {
        app.push(Command::Zoom(1.5));
    }
    if ui
        .add(egui::Button::new("Zoom out").shortcut_text("-"))
        .clicked()
    {
        app.push(Command::Zoom(1.0 / 1.5));
    }
    ui.separator();
    ui.checkbox(&mut app.state.show_filters, "Filters panel");
    ui.checkbox(&mut app.state.show_details, "Details panel");
    ui.checkbox(&mut app.state.show_overview, "Overview strip");
    ui.separator();
    let mut dark = app.state.dark;
    if ui.checkbox(&mut dark, "Dark mode").changed() {
        app.push(Command::SetDark(dark));
    }
}
