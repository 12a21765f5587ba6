//! Files from the window: the open and save dialogs (with a typed path where the desktop has
//! none), dropped files, CSV export, and PNG export run in the background.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::export::figure::FigureOptions;
use crate::io;
use crate::model::{Event, HistDate};
use crate::timeline::TimeView;

use super::app::{App, PathPrompt, PathPurpose};
use super::command::Command;
use super::export_job::{ExportJob, human_bytes};
use super::panels::export::{CsvScope, FigureRange};

/// A dialog that returns nothing sooner than this did not open: no portal answered.
const NO_DIALOG: Duration = Duration::from_millis(300);

impl App {
    /// A native file dialog; where none answers (no desktop portal), a typed path instead.
    pub(super) fn open_dialog(&mut self) {
        let asked = Instant::now();
        let picked = rfd::FileDialog::new()
            .set_title("Open a timeline")
            .add_filter("Timeline data (JSON, CSV)", &["json", "csv"])
            .add_filter("All files", &["*"])
            .pick_file();
        match picked {
            Some(path) => self.push(Command::Open(path)),
            None if asked.elapsed() < NO_DIALOG => {
                self.path_prompt = Some(PathPrompt::new(PathPurpose::Open, String::new()));
            }
            None => {}
        }
    }

    /// Asks where to save, with a default name; `None` when the user cancelled or when a typed
    /// path was asked for instead (no dialog on this desktop).
    fn save_dialog(&mut self, purpose: PathPurpose, ext: &str) -> Option<PathBuf> {
        let name = format!("{}.{ext}", self.doc.name());
        let asked = Instant::now();
        let picked = rfd::FileDialog::new()
            .set_title(format!("Export {}", ext.to_uppercase()))
            .set_file_name(&name)
            .add_filter(ext.to_uppercase(), &[ext])
            .save_file();
        if picked.is_none() && asked.elapsed() < NO_DIALOG {
            // A full path, so the user sees where the file will go.
            let text = std::env::current_dir()
                .map(|d| d.join(&name).display().to_string())
                .unwrap_or(name);
            self.path_prompt = Some(PathPrompt::new(purpose, text));
        }
        picked
    }

    pub(super) fn save_csv_dialog(&mut self) {
        if let Some(path) = self.save_dialog(PathPurpose::ExportCsv, "csv") {
            self.export_csv(&path);
        }
    }

    pub(super) fn save_png_dialog(&mut self, ctx: &egui::Context) {
        if let Err(e) = self.figure_options() {
            self.message = e;
            return;
        }
        if let Some(path) = self.save_dialog(PathPurpose::ExportPng, "png") {
            self.start_png(path, ctx);
        }
    }

    /// The events a CSV export holds, by the export window's choice.
    pub fn csv_events(&self) -> Vec<&Event> {
        let d = &self.doc.dataset;
        let (from, to) = (self.view.start, self.view.end());
        match self.state.export.csv {
            CsvScope::Everything => d.events().iter().collect(),
            CsvScope::Shown => self.shown().filter_map(|i| d.event(i)).collect(),
            CsvScope::VisibleRange => self
                .shown()
                .filter_map(|i| d.event(i))
                .filter(|e| e.axis_end() > from && e.axis_start() < to)
                .collect(),
        }
    }

    /// Writes the chosen events as CSV, atomically.
    pub fn export_csv(&mut self, path: &Path) {
        let events = self.csv_events();
        let text = io::csv::to_string(events.iter().copied());
        self.message = match io::atomic::write(path, text.as_bytes()) {
            Ok(()) => format!(
                "Wrote {} events to {} ({})",
                events.len(),
                path.display(),
                human_bytes(text.len())
            ),
            Err(e) => format!(
                "Could not write {}: {e}; nothing was written",
                path.display()
            ),
        };
    }

    /// The figure the export window describes.
    pub fn figure_options(&self) -> Result<FigureOptions, String> {
        let s = &self.state.export;
        let view = match s.range {
            FigureRange::CurrentView => self.view,
            FigureRange::WholeTimeline => self.doc.fit_view(),
            FigureRange::DateRange => {
                let date = |what: &str, text: &str| {
                    HistDate::parse(text).map_err(|e| {
                        format!("Figure {what} \"{}\" is not a date: {e}", text.trim())
                    })
                };
                let (from, to) = (date("from", &s.from)?, date("to", &s.to)?);
                if to.axis_end() <= from.axis_start() {
                    return Err("The figure's date range ends before it starts".into());
                }
                TimeView::new(from.axis_start(), to.axis_end() - from.axis_start())
            }
        };
        Ok(FigureOptions {
            view,
            look: s.figure.clone(),
        })
    }

    /// Starts rendering the figure to `path` in the background.
    pub fn start_png(&mut self, path: PathBuf, ctx: &egui::Context) {
        match self.figure_options() {
            Ok(opts) => {
                let ctx = ctx.clone();
                self.job = Some(ExportJob::png(
                    path,
                    Arc::clone(&self.doc.dataset),
                    self.filter.clone(),
                    opts,
                    ctx,
                ));
                self.message = "Rendering the figure…".into();
            }
            Err(e) => self.message = e,
        }
    }

    /// Picks up a finished export; keeps the progress moving while one runs.
    pub(super) fn poll_job(&mut self, ctx: &egui::Context) {
        let Some(job) = self.job.as_mut() else { return };
        match job.poll() {
            Some(Ok(msg)) => {
                self.message = format!("{msg} in {:.1} s", job.started.elapsed().as_secs_f32());
                self.job = None;
            }
            Some(Err(e)) => {
                self.message = format!("Export failed: {e}");
                self.job = None;
            }
            None => ctx.request_repaint_after(Duration::from_millis(100)),
        }
    }

    pub(super) fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.push(Command::Open(path));
        }
    }
}
