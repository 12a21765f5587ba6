//! The status bar: events shown in this frame, the visible range in words, and the last message
//! or the progress of background work.

use egui::Ui;

use crate::timeline::TimeView;
use crate::timeline::view::range_in_words;
use crate::ui::command::{Command, Commands};
use crate::ui::files::ExportJob;
use crate::ui::loading::LoadJob;

/// The status bar's height in points.
pub const HEIGHT: f32 = 25.0;

/// What the status bar shows.
pub struct StatusInfo<'a> {
    /// Events in the dataset.
    pub total: usize,
    /// Events of the visible range that pass the filter, as this frame's timeline drew them.
    pub visible: usize,
    pub view: TimeView,
    pub loading: Option<&'a LoadJob>,
    pub export: Option<&'a ExportJob>,
    pub message: &'a str,
}

/// One row of what the status bar shows.
pub fn status_ui(ui: &mut Ui, s: &StatusInfo<'_>, cmds: &mut Commands) {
    ui.horizontal(|ui| row_ui(ui, s, cmds));
}

fn row_ui(ui: &mut Ui, s: &StatusInfo<'_>, cmds: &mut Commands) {
    ui.label(format!("{} of {} events in view", s.visible, s.total))
        .on_hover_text("Events in the visible range that pass the filters, of all events");
    ui.separator();
    ui.label(range_in_words(&s.view))
        .on_hover_text("The visible range");
    ui.separator();
    if let Some(load) = s.loading {
        let name = load
            .path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        ui.add(
            egui::ProgressBar::new(load.job.fraction())
                .desired_width(160.0)
                .show_percentage(),
        )
        .on_hover_text(format!("Reading {}", load.path.display()));
        ui.label(format!("Opening {name}…"));
        if ui
            .button("Cancel")
            .on_hover_text("Stop opening the file; the dataset on screen stays (Esc)")
            .clicked()
        {
            cmds.push(Command::CancelLoad);
        }
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(250));
    } else if let Some(job) = s.export {
        ui.spinner();
        ui.label(format!("{}…", job.stage()));
    } else {
        ui.add(egui::Label::new(s.message).truncate());
    }
}
