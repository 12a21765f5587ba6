//! The status bar: events shown, the visible range in words, the last message.

use egui::Ui;

use crate::timeline::view::range_in_words;
use crate::ui::app::App;

pub fn status_ui(ui: &mut Ui, app: &mut App) {
    ui.horizontal(|ui| {
        let total = app.doc.dataset.events().len();
        ui.label(format!("{} of {} events in view", app.visible_count, total))
            .on_hover_text("Events in the visible range that pass the filters, of all events");
        ui.separator();
        ui.label(range_in_words(&app.view))
            .on_hover_text("The visible range");
        ui.separator();
        if let Some(job) = &app.loading {
            let name = job
                .path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            ui.add(
                egui::ProgressBar::new(job.progress.fraction())
                    .desired_width(160.0)
                    .show_percentage(),
            )
            .on_hover_text(format!("Reading {}", job.path.display()));
            ui.label(format!("Opening {name}…"));
            if ui
                .button("Cancel")
                .on_hover_text("Stop opening the file; the dataset on screen stays (Esc)")
                .clicked()
            {
                app.push(crate::ui::command::Command::CancelLoad);
            }
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(250));
        } else if let Some(job) = &app.job {
            ui.spinner();
            ui.label(format!("{}…", job.stage));
        } else {
            ui.add(egui::Label::new(&app.message).truncate());
        }
    });
}
