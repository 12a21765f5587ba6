//! The status bar: events shown in this frame, the visible range in words, and the last message
//! or the progress of background work.

use egui::{RichText, Ui};

use crate::timeline::TimeView;
use crate::timeline::view::range_in_words;
use crate::ui::command::{Command, Commands, Dialog};
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
    /// Whether the window's frames are drawn on the CPU: it redraws less often while a job
    /// goes on.
    pub cpu_frames: bool,
    pub message: &'a str,
    /// Notes on how the file on screen was read.
    pub notes: usize,
    /// `1 row skipped`, when rows of the file on screen were left out.
    pub skipped: Option<String>,
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
            .request_repaint_after(crate::ui::job::progress_repaint(
                crate::ui::job::LOAD_REPAINT,
                s.cpu_frames,
            ));
    } else if let Some(job) = s.export {
        ui.spinner();
        ui.label(format!("{}…", job.stage()));
    } else {
        document_links_ui(ui, s, cmds);
        ui.add(egui::Label::new(s.message).truncate());
    }
}

/// What stays with the document on screen, one click from its list: `1 row skipped`, `6 notes`.
fn document_links_ui(ui: &mut Ui, s: &StatusInfo<'_>, cmds: &mut Commands) {
    if let Some(skipped) = &s.skipped {
        let link = ui.link(RichText::new(skipped).color(ui.visuals().warn_fg_color));
        if link
            .on_hover_text("Rows of the file left out for their problems: click to see them")
            .clicked()
        {
            cmds.push(Command::Show(Dialog::Skipped));
        }
        ui.separator();
    }
    if s.notes > 0 {
        let text = if s.notes == 1 {
            "1 note".to_owned()
        } else {
            format!("{} notes", s.notes)
        };
        if ui
            .link(text)
            .on_hover_text("How the file was read: click to see the notes")
            .clicked()
        {
            cmds.push(Command::Show(Dialog::Notes));
        }
        ui.separator();
    }
}
