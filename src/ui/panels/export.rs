//! The export window: a PNG figure (what, size, light or dark, title, legend, caption) and a CSV
//! spreadsheet (everything, what is shown, or the visible range).

use egui::{RichText, Ui};

use crate::export::png::MAX_SIDE;
use crate::ui::command::{Command, Commands, Dialog};
use crate::ui::files::ExportJob;
use crate::ui::state::{CsvScope, ExportSettings, FigureRange};

/// The export window over the settings; `view` is the timeline's size, for figures of 1×, 2×
/// or 4× the view.
pub fn export_window_ui(
    ctx: &egui::Context,
    settings: &ExportSettings,
    view: egui::Vec2,
    job: Option<&ExportJob>,
    cmds: &mut Commands,
) {
    let mut open = true;
    // The settings are edited as a copy, sent back when they changed.
    let mut s = settings.clone();
    egui::Window::new("Export")
        .open(&mut open)
        .default_width(360.0)
        .show(ctx, |ui| {
            png_ui(ui, &mut s, view, job, cmds);
            ui.separator();
            csv_ui(ui, &mut s, cmds);
        });
    if s != *settings {
        cmds.push(Command::SetExportSettings(s));
    }
    if !open {
        cmds.push(Command::Close(Dialog::Export));
    }
}

fn png_ui(
    ui: &mut Ui,
    s: &mut ExportSettings,
    view: egui::Vec2,
    job: Option<&ExportJob>,
    cmds: &mut Commands,
) {
    ui.label(RichText::new("Figure (PNG)").strong());
    ui.horizontal(|ui| {
        ui.radio_value(&mut s.range, FigureRange::CurrentView, "Current view");
        ui.radio_value(&mut s.range, FigureRange::WholeTimeline, "Whole timeline");
        ui.radio_value(&mut s.range, FigureRange::DateRange, "Date range");
    });
    if s.range == FigureRange::DateRange {
        ui.horizontal(|ui| {
            let l = ui.label("From");
            ui.add(
                egui::TextEdit::singleline(&mut s.from)
                    .desired_width(90.0)
                    .hint_text("1850"),
            )
            .labelled_by(l.id);
            let l = ui.label("To");
            ui.add(
                egui::TextEdit::singleline(&mut s.to)
                    .desired_width(90.0)
                    .hint_text("1910"),
            )
            .labelled_by(l.id);
        });
    }
    size_ui(ui, s, view);
    ui.horizontal(|ui| {
        let l = ui.label("Text and lines");
        ui.add(
            egui::DragValue::new(&mut s.figure.scale)
                .range(0.5..=8.0)
                .speed(0.05)
                .suffix("×"),
        )
        .labelled_by(l.id);
    });
    ui.horizontal(|ui| {
        ui.radio_value(&mut s.figure.dark, false, "Light");
        ui.radio_value(&mut s.figure.dark, true, "Dark");
    });
    ui.horizontal(|ui| {
        ui.checkbox(&mut s.figure.title, "Title");
        ui.checkbox(&mut s.figure.legend, "Legend");
        ui.checkbox(&mut s.figure.caption, "Caption");
    });
    if ui
        .add_enabled(job.is_none(), egui::Button::new("Export PNG…"))
        .on_disabled_hover_text("An export is running")
        .clicked()
    {
        cmds.push(Command::SavePng);
    }
    if let Some(job) = job {
        ui.add(
            egui::ProgressBar::new(job.fraction())
                .text(job.stage())
                .animate(true),
        );
    }
}

/// The figure's size in pixels, or 1×, 2× or 4× the timeline's size on screen.
fn size_ui(ui: &mut Ui, s: &mut ExportSettings, view: egui::Vec2) {
    ui.horizontal(|ui| {
        let l = ui.label("Size");
        ui.add(
            egui::DragValue::new(&mut s.figure.width)
                .range(16..=MAX_SIDE)
                .suffix(" px"),
        )
        .labelled_by(l.id);
        ui.label("×");
        ui.add(
            egui::DragValue::new(&mut s.figure.height)
                .range(16..=MAX_SIDE)
                .suffix(" px"),
        )
        .labelled_by(l.id);
    });
    ui.horizontal(|ui| {
        ui.label("Of the view:");
        for k in [1u32, 2, 4] {
            let w = ((view.x * k as f32) as u32).clamp(16, MAX_SIDE);
            let h = ((view.y * k as f32) as u32).clamp(16, MAX_SIDE);
            if ui
                .button(format!("{k}×"))
                .on_hover_text(format!("{w} × {h} px, text at {k}×"))
                .clicked()
            {
                s.figure.width = w;
                s.figure.height = h;
                s.figure.scale = k as f32;
            }
        }
    });
}

fn csv_ui(ui: &mut Ui, s: &mut ExportSettings, cmds: &mut Commands) {
    ui.label(RichText::new("Spreadsheet (CSV)").strong());
    ui.radio_value(&mut s.csv, CsvScope::Everything, "Every event");
    ui.radio_value(
        &mut s.csv,
        CsvScope::Shown,
        "What is shown (filters applied)",
    );
    ui.radio_value(
        &mut s.csv,
        CsvScope::VisibleRange,
        "What is shown in the visible range",
    );
    if ui.button("Export CSV…").clicked() {
        cmds.push(Command::SaveCsv);
    }
}
