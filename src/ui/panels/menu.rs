//! The menu bar (File, Edit, View, Help) and the zoom buttons beside it, generated from the action
//! table; [`action_ui`] draws any action as a menu entry or a button.

use std::path::PathBuf;

use egui::{Response, Ui};

use crate::model::History;
use crate::ui::action::{Action, ActionState, is_mac, shortcut_text, shortcuts_text};
use crate::ui::command::{Command, Commands};

/// An action as a button (a checkbox for a toggle), with its first shortcut, its tooltip, and
/// why it is disabled when it is. Pushes the action's command when clicked.
pub fn action_ui(ui: &mut Ui, action: Action, s: &ActionState, cmds: &mut Commands) -> Response {
    action_named_ui(ui, action, action.label(), s, cmds)
}

/// [`action_ui`] under another name (`Undo New event 'Kuril'`).
pub fn action_named_ui(
    ui: &mut Ui,
    action: Action,
    label: &str,
    s: &ActionState,
    cmds: &mut Commands,
) -> Response {
    let enabled = action.disabled_reason(s).is_none();
    let response = if let Some(mut on) = action.checked(s) {
        ui.add_enabled(enabled, egui::Checkbox::new(&mut on, label))
    } else {
        let mut button = egui::Button::new(label);
        if let Some(k) = action.shortcuts().first() {
            button = button.shortcut_text(shortcut_text(k, is_mac(ui.ctx())));
        }
        ui.add_enabled(enabled, button)
    };
    let response = response.on_hover_text(action.tooltip());
    let response = match action.disabled_reason(s) {
        Some(why) => response.on_disabled_hover_text(why),
        None => response,
    };
    if response.clicked() {
        cmds.push(action.command(s));
    }
    response
}

/// A toolbar button: the action's label, its tooltip with its shortcut.
fn tool_ui(ui: &mut Ui, action: Action, s: &ActionState, cmds: &mut Commands) {
    let keys = shortcuts_text(action, is_mac(ui.ctx()));
    let tip = match keys {
        Some(k) => format!("{} ({k})", action.tooltip()),
        None => action.tooltip().to_owned(),
    };
    let r = ui
        .add_enabled(
            action.disabled_reason(s).is_none(),
            egui::Button::new(action.label()),
        )
        .on_hover_text(tip)
        .on_disabled_hover_text(action.disabled_reason(s).unwrap_or_default());
    if r.clicked() {
        cmds.push(action.command(s));
    }
}

pub fn menu_bar_ui(
    ui: &mut Ui,
    s: &ActionState,
    recent: &[PathBuf],
    history: &History,
    cmds: &mut Commands,
) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| file_menu_ui(ui, s, recent, cmds));
        ui.menu_button("Edit", |ui| edit_menu_ui(ui, s, history, cmds));
        ui.menu_button("View", |ui| {
            for a in [Action::ZoomToFit, Action::ZoomIn, Action::ZoomOut] {
                action_ui(ui, a, s, cmds);
            }
            ui.separator();
            for a in [
                Action::FiltersPanel,
                Action::DetailsPanel,
                Action::ExportPanel,
                Action::OverviewStrip,
                Action::Chart,
            ] {
                action_ui(ui, a, s, cmds);
            }
            ui.separator();
            for a in [Action::ShowAllLanes, Action::ResetLanes] {
                action_ui(ui, a, s, cmds);
            }
            ui.separator();
            action_ui(ui, Action::ShowAllLinks, s, cmds);
            action_ui(ui, Action::NamesOnLabels, s, cmds);
            ui.menu_button("Second calendar", |ui| {
                for a in [
                    Action::SecondCalendarNone,
                    Action::SecondCalendarJulian,
                    Action::SecondCalendarJapanese,
                ] {
                    let name = a.second_calendar().unwrap_or_default().label();
                    action_named_ui(ui, a, name, s, cmds);
                }
            });
            ui.separator();
            action_ui(ui, Action::DarkMode, s, cmds);
        });
        ui.menu_button("Help", |ui| {
            for a in [
                Action::CommandPalette,
                Action::KeyboardShortcuts,
                Action::About,
            ] {
                action_ui(ui, a, s, cmds);
            }
        });
        ui.separator();
        for a in [
            Action::ZoomToFit,
            Action::ZoomOut,
            Action::ZoomIn,
            Action::ZoomToSelected,
        ] {
            tool_ui(ui, a, s, cmds);
        }
    });
}

/// Undo and Redo, named after their step, then the event actions.
fn edit_menu_ui(ui: &mut Ui, s: &ActionState, history: &History, cmds: &mut Commands) {
    let named = |action: Action, step: Option<&str>| match step {
        Some(step) => format!("{} {step}", action.label()),
        None => action.label().to_owned(),
    };
    action_named_ui(
        ui,
        Action::Undo,
        &named(Action::Undo, history.undo_name()),
        s,
        cmds,
    );
    action_named_ui(
        ui,
        Action::Redo,
        &named(Action::Redo, history.redo_name()),
        s,
        cmds,
    );
    ui.separator();
    for a in [
        Action::NewEvent,
        Action::EditEvent,
        Action::DuplicateEvent,
        Action::DeleteEvent,
    ] {
        action_ui(ui, a, s, cmds);
    }
    ui.separator();
    for a in [Action::LanesEditor, Action::NewLane, Action::NewEra] {
        action_ui(ui, a, s, cmds);
    }
}

fn file_menu_ui(ui: &mut Ui, s: &ActionState, recent: &[PathBuf], cmds: &mut Commands) {
    action_ui(ui, Action::NewTimeline, s, cmds);
    action_ui(ui, Action::Open, s, cmds);
    ui.menu_button("Open Recent", |ui| {
        if recent.is_empty() {
            ui.weak("No recent files");
        }
        for path in recent {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if ui
                .button(name)
                .on_hover_text(path.display().to_string())
                .clicked()
            {
                cmds.push(Command::Open(path.clone()));
            }
        }
    });
    for a in [
        Action::OpenEmbedded,
        Action::Reload,
        Action::CsvColumns,
        Action::SkippedRows,
        Action::FileNotes,
    ] {
        action_ui(ui, a, s, cmds);
    }
    ui.separator();
    action_ui(ui, Action::Save, s, cmds);
    action_ui(ui, Action::SaveAs, s, cmds);
    action_ui(ui, Action::Properties, s, cmds);
    ui.separator();
    action_ui(ui, Action::ExportPng, s, cmds);
    action_ui(ui, Action::ExportCsv, s, cmds);
    ui.separator();
    action_ui(ui, Action::Quit, s, cmds);
}
