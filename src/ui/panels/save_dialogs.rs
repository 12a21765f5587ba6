//! The questions saving asks: Save / Don't save / Cancel before unsaved changes would be lost,
//! what CSV cannot hold before saving as CSV (with JSON offered instead), and the work kept
//! from a crash, to restore or discard.

use egui::{Key, RichText};

use crate::ui::command::{Command, Commands};
use crate::ui::parts::{CsvWarning, Dialogs, PathPurpose};
use crate::ui::recovery::Recovered;
use crate::ui::saving::{CsvAnswer, UnsavedAnswer};

pub fn save_dialogs_ui(ctx: &egui::Context, dialogs: &Dialogs, title: &str, cmds: &mut Commands) {
    if let Some(pending) = &dialogs.unsaved {
        unsaved_ui(ctx, pending, title, cmds);
    } else if let Some(warning) = &dialogs.csv_warning {
        csv_warning_ui(ctx, warning, cmds);
    }
}

/// What the held-back command was about to do, to finish "Save the changes before …?".
fn doing(c: &Command) -> String {
    let name = |p: &std::path::Path| {
        p.file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    };
    match c {
        Command::Open(p) | Command::SubmitPath(PathPurpose::Open, p) => {
            format!("opening {}", name(p))
        }
        Command::ShowOpenDialog => "opening another file".to_owned(),
        Command::Reload => "reading the file again".to_owned(),
        Command::OpenEmbedded => "showing the Japan–Russia dataset".to_owned(),
        Command::NewTimeline => "starting a new timeline".to_owned(),
        Command::FileChanged => "reading the file again: another program changed it".to_owned(),
        _ => "quitting".to_owned(),
    }
}

fn unsaved_ui(ctx: &egui::Context, pending: &Command, title: &str, cmds: &mut Commands) {
    let mut answer = None;
    egui::Window::new("Unsaved changes")
        .id(egui::Id::unique("unsaved-changes"))
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            ui.label(
                RichText::new(format!("\u{201c}{title}\u{201d} has unsaved changes.")).strong(),
            );
            ui.label(format!("Save them before {}?", doing(pending)));
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui
                    .button("Save")
                    .on_hover_text("Save, then go on (Enter)")
                    .clicked()
                {
                    answer = Some(UnsavedAnswer::Save);
                }
                if ui
                    .button("Don't save")
                    .on_hover_text("Go on; the changes are lost")
                    .clicked()
                {
                    answer = Some(UnsavedAnswer::DontSave);
                }
                if ui
                    .button("Cancel")
                    .on_hover_text("Keep working on the changes (Esc)")
                    .clicked()
                {
                    answer = Some(UnsavedAnswer::Cancel);
                }
            });
        });
    ctx.input(|i| {
        if i.key_pressed(Key::Enter) {
            answer = answer.or(Some(UnsavedAnswer::Save));
        }
        if i.key_pressed(Key::Escape) {
            answer = Some(UnsavedAnswer::Cancel);
        }
    });
    if let Some(a) = answer {
        cmds.push(Command::AnswerUnsaved(a));
    }
}

fn csv_warning_ui(ctx: &egui::Context, warning: &CsvWarning, cmds: &mut Commands) {
    let mut answer = None;
    let name = warning
        .path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let json = warning.path.with_extension("json");
    let json_name = json
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    egui::Window::new("Save as CSV?")
        .id(egui::Id::unique("csv-warning"))
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            ui.label(
                RichText::new(format!("CSV holds events only: {name} would not keep")).strong(),
            );
            for lost in &warning.lost {
                ui.label(format!("  • {lost}"));
            }
            ui.label(format!(
                "JSON keeps everything: save as {json_name} instead?"
            ));
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui
                    .button(format!("Save as {json_name}"))
                    .on_hover_text(json.display().to_string())
                    .clicked()
                {
                    answer = Some(CsvAnswer::Json);
                }
                if ui
                    .button("Save as CSV")
                    .on_hover_text("Only the events are saved")
                    .clicked()
                {
                    answer = Some(CsvAnswer::Csv);
                }
                if ui
                    .button("Cancel")
                    .on_hover_text("Save nothing (Esc)")
                    .clicked()
                {
                    answer = Some(CsvAnswer::Cancel);
                }
            });
        });
    if ctx.input(|i| i.key_pressed(Key::Escape)) {
        answer = Some(CsvAnswer::Cancel);
    }
    if let Some(a) = answer {
        cmds.push(Command::AnswerCsv(a));
    }
}

/// Work found at start after a crash: Restore or Discard.
pub fn recovery_ui(ctx: &egui::Context, found: &Recovered, cmds: &mut Commands) {
    let mut answer = None;
    let name = found.path.as_ref().map_or_else(
        || found.dataset.meta.title.clone(),
        |p| p.display().to_string(),
    );
    egui::Window::new("Restore unsaved work?")
        .id(egui::Id::unique("recovery"))
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, -160.0))
        .show(ctx, |ui| {
            ui.label(RichText::new("Chronolane did not close cleanly last time.").strong());
            ui.label(format!(
                "Unsaved work on {name} ({}) was kept on {}.",
                found.dataset.summary(),
                found.when
            ));
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui
                    .button("Restore")
                    .on_hover_text("Open the work as it was; save it to keep it")
                    .clicked()
                {
                    answer = Some(true);
                }
                if ui
                    .button("Discard")
                    .on_hover_text("Delete the kept work")
                    .clicked()
                {
                    answer = Some(false);
                }
            });
        });
    if let Some(a) = answer {
        cmds.push(Command::AnswerRecovery(a));
    }
}
