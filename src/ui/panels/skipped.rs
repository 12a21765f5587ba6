//! The rows of a file skipped for their problems: before opening ("98 rows, 1 with problems:",
//! Open the 97 good events / Cancel) and after (from the status bar's "1 row skipped"), each
//! problem as `path:line: message`, with Copy all and Save the rows with problems as CSV….

use egui::{Key, RichText, ScrollArea};

use crate::ui::command::{Command, Commands, Dialog};
use crate::ui::document::Document;
use crate::ui::parts::Dialogs;
use crate::ui::skipped::Skipped;

/// The label of the button that saves the skipped rows.
pub const SAVE_LABEL: &str = "Save the rows with problems as CSV…";

/// The question before opening a file with skipped rows, or the list of the rows skipped from
/// the file on screen.
pub fn skipped_ui(ctx: &egui::Context, dialogs: &Dialogs, doc: &Document, cmds: &mut Commands) {
    if let Some(confirm) = &dialogs.skip_confirm {
        window_ui(ctx, &confirm.skipped, true, cmds);
    } else if dialogs.skipped_list
        && let Some(skipped) = &doc.skipped
    {
        window_ui(ctx, skipped, false, cmds);
    }
}

fn window_ui(ctx: &egui::Context, skipped: &Skipped, confirm: bool, cmds: &mut Commands) {
    let title = if confirm {
        format!("Open {}?", skipped.file_name())
    } else {
        format!("Skipped from {}", skipped.file_name())
    };
    let closing = if confirm {
        Dialog::SkipConfirm
    } else {
        Dialog::Skipped
    };
    let mut open = true;
    egui::Window::new(title)
        .id(egui::Id::unique(if confirm {
            "skip-confirm"
        } else {
            "skipped-list"
        }))
        .open(&mut open)
        .collapsible(false)
        .default_width(720.0)
        .show(ctx, |ui| {
            ui.label(skipped.heading());
            ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
                for line in &skipped.lines {
                    ui.label(RichText::new(line).monospace());
                }
            });
            ui.horizontal(|ui| {
                if ui
                    .button("Copy all")
                    .on_hover_text("Copy every problem to the clipboard")
                    .clicked()
                {
                    ui.ctx().copy_text(skipped.lines.join("\n"));
                }
                if ui
                    .button(SAVE_LABEL)
                    .on_hover_text(
                        "The header and the rows with problems, as in the file, to fix and open \
                         again; the file itself is not changed",
                    )
                    .clicked()
                {
                    cmds.push(Command::SaveSkippedRows);
                }
            });
            ui.separator();
            let enter = ui.input(|i| i.key_pressed(Key::Enter));
            let esc = ui.input(|i| i.key_pressed(Key::Escape));
            ui.horizontal(|ui| {
                if confirm {
                    let open_good = ui
                        .button(RichText::new(skipped.open_label()).strong())
                        .on_hover_text("Replace the dataset on screen; the rows with problems are left out (Enter)")
                        .clicked();
                    if open_good || enter {
                        cmds.push(Command::OpenGoodRows);
                    }
                    let cancel = ui
                        .button("Cancel")
                        .on_hover_text("Keep the dataset on screen (Esc)")
                        .clicked();
                    if cancel || esc {
                        cmds.push(Command::Close(closing));
                    }
                } else if ui.button("Close").on_hover_text("Enter or Esc").clicked() || enter || esc {
                    cmds.push(Command::Close(closing));
                }
            });
        });
    if !open {
        cmds.push(Command::Close(closing));
    }
}
