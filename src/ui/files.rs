//! Files from the window: the open and save dialogs (with a typed path where the desktop has
//! none), dropped files, CSV export, and PNG export run in a background [`Job`].

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::export::figure::FigureOptions;
use crate::export::pdf::PageSize;
use crate::export::png::{ExportError, OffscreenRenderer};
use crate::io::{self, atomic};
use crate::model::{Event, HistDate};
use crate::timeline::TimeView;

use super::app::App;
use super::job::{Job, JobLost};
use super::parts::{PathPrompt, PathPurpose};
use super::state::{CsvScope, FigureRange};

/// Why the export panel's date range cannot make a figure.
#[derive(Debug, thiserror::Error)]
pub enum FigureRangeError {
    #[error("Figure {what} \"{text}\" is not a date: {reason}")]
    NotADate {
        what: &'static str,
        text: String,
        reason: String,
    },
    #[error("The figure's date range ends before it starts")]
    EndsBeforeStart,
}

/// A figure being rendered, encoded and written in the background; its answer says what was
/// written.
pub type ExportJob = Job<Result<String, ExportError>>;

/// A dialog that returns nothing sooner than this did not open: no portal answered.
const NO_DIALOG: Duration = Duration::from_millis(300);

/// Where the app asks for a file's path: the desktop's own dialog, or a path typed in the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FileDialogs {
    /// The desktop's dialogs; a typed path when none answers.
    Native,
    /// A path typed in the window: there is no desktop session to show a dialog (or the app is
    /// under test, where a dialog would wait for a person).
    #[default]
    Typed,
}

impl FileDialogs {
    /// Native where a dialog can be shown: on Linux and the BSDs the dialogs come from the
    /// desktop portal over the session bus, so without a session bus there are none, known at
    /// once rather than guessed from how fast a dialog came back empty.
    pub fn detect() -> Self {
        if cfg!(any(target_os = "windows", target_os = "macos")) {
            return Self::Native;
        }
        let bus_named = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|a| !a.is_empty());
        let bus_socket =
            std::env::var_os("XDG_RUNTIME_DIR").is_some_and(|d| Path::new(&d).join("bus").exists());
        if bus_named || bus_socket {
            Self::Native
        } else {
            Self::Typed
        }
    }
}

/// What asking for a path gave.
pub(super) enum Asked {
    /// The dialog's answer.
    Path(PathBuf),
    /// The typed-path prompt is open instead (no dialog on this desktop).
    Typed,
    /// The user closed the dialog.
    Cancelled,
}

impl App {
    /// Shows `dialog` (`save`: a save dialog, else an open one) where the desktop has dialogs;
    /// otherwise opens the typed-path prompt for `purpose` holding `typed`. A dialog that comes
    /// back empty at once did not open (no portal answered): the prompt opens instead, and later
    /// requests go straight to it.
    pub(super) fn ask_path(
        &mut self,
        purpose: PathPurpose,
        dialog: rfd::FileDialog,
        save: bool,
        typed: String,
    ) -> Asked {
        if self.dialogs.file_dialogs == FileDialogs::Native {
            let asked = Instant::now();
            let picked = if save {
                dialog.save_file()
            } else {
                dialog.pick_file()
            };
            if let Some(path) = picked {
                return Asked::Path(path);
            }
            if asked.elapsed() >= NO_DIALOG {
                return Asked::Cancelled;
            }
            self.dialogs.file_dialogs = FileDialogs::Typed;
        }
        self.dialogs.path_prompt = Some(PathPrompt::new(purpose, typed));
        Asked::Typed
    }

    /// A native file dialog; where none answers (no desktop portal), a typed path instead.
    pub(super) fn open_dialog(&mut self) {
        let dialog = rfd::FileDialog::new()
            .set_title("Open a timeline")
            .add_filter(
                "Timeline data (JSON, CSV, TSV, Parquet)",
                &["json", "csv", "tsv", "parquet"],
            )
            .add_filter("All files", &["*"]);
        if let Asked::Path(path) = self.ask_path(PathPurpose::Open, dialog, false, String::new()) {
            self.open(&path);
        }
    }

    /// Asks where to save, with a default name; `None` when the user cancelled or when a typed
    /// path was asked for instead (no dialog on this desktop).
    fn save_dialog(&mut self, purpose: PathPurpose, ext: &str) -> Option<PathBuf> {
        let name = match purpose {
            PathPurpose::ChartCsv => format!("{}-counts.{ext}", self.doc.name()),
            PathPurpose::ChartPng => format!("{}-chart.{ext}", self.doc.name()),
            _ => format!("{}.{ext}", self.doc.name()),
        };
        let dialog = rfd::FileDialog::new()
            .set_title(format!("Export {}", ext.to_uppercase()))
            .set_file_name(&name)
            .add_filter(ext.to_uppercase(), &[ext]);
        match self.ask_path(purpose, dialog, true, in_current_dir(&name)) {
            Asked::Path(path) => Some(path),
            Asked::Typed | Asked::Cancelled => None,
        }
    }

    pub(super) fn save_csv_dialog(&mut self) {
        if let Some(path) = self.save_dialog(PathPurpose::ExportCsv, "csv") {
            self.export_csv(&path);
        }
    }

    pub(super) fn save_png_dialog(&mut self) {
        if let Err(e) = self.figure_options() {
            self.message = e.to_string();
            return;
        }
        if let Some(path) = self.save_dialog(PathPurpose::ExportPng, "png") {
            self.start_png(path);
        }
    }

    pub(super) fn save_chart_csv_dialog(&mut self) {
        if let Some(path) = self.save_dialog(PathPurpose::ChartCsv, "csv") {
            self.export_chart_csv(&path);
        }
    }

    /// Writes the counts the chart shows (its periods in view, the shown lanes), atomically, in
    /// the form of `chronolane export counts`.
    pub(super) fn export_chart_csv(&mut self, path: &Path) {
        let Some(chart) = &self.frame.chart else {
            self.message = "Open the chart first (View ▸ Chart)".into();
            return;
        };
        let hidden = &self.filter.filter.hidden_themes;
        let table = crate::timeline::counts::Table {
            step: chart.step.unwrap_or(crate::timeline::ticks::Step::Years(1)),
            edges: chart.edges.clone(),
            lanes: self
                .doc
                .dataset
                .themes()
                .iter()
                .zip(&chart.counts)
                .filter(|(t, _)| !hidden.contains(&t.id))
                .map(|(t, c)| (t.id.clone(), c.clone()))
                .collect(),
        };
        let text = table.to_csv();
        self.message = match io::atomic::write(path, text.as_bytes()) {
            Ok(()) => format!(
                "Wrote the chart's counts ({} periods × {} lanes) to {} ({})",
                table.edges.len().saturating_sub(1),
                table.lanes.len(),
                path.display(),
                human_bytes(text.len())
            ),
            Err(e) => format!(
                "Could not write {}: {e}; nothing was written",
                path.display()
            ),
        };
    }

    pub(super) fn save_chart_png_dialog(&mut self) {
        if let Some(path) = self.save_dialog(PathPurpose::ChartPng, "png") {
            self.export_chart_png(&path);
        }
    }

    /// Draws the chart offscreen (as wide as on screen, at 2×) and writes it as PNG, atomically.
    pub(super) fn export_chart_png(&mut self, path: &Path) {
        use crate::ui::panels::chart::{ChartInput, chart_figure_ui};
        let Some(chart) = &self.frame.chart else {
            self.message = "Open the chart first (View ▸ Chart)".into();
            return;
        };
        let scale = 2.0;
        let points = chart.frame.size() + egui::vec2(crate::timeline::paint::GUTTER, 40.0);
        let size = [
            (points.x * scale) as u32,
            (points.y * scale).max(400.0) as u32,
        ];
        let input = ChartInput {
            dataset: &self.doc.dataset,
            filter: &self.filter,
            view: self.view.view,
            limits: self.doc.limits(),
            settings: self.persisted.chart,
        };
        let written = OffscreenRenderer::new()
            .and_then(|mut r| {
                r.render_ui(size, scale, self.persisted.dark, |ui| {
                    chart_figure_ui(ui, &input);
                })
            })
            .and_then(|image| image.to_png())
            .and_then(|png| {
                atomic::write(path, &png)
                    .map(|()| png.len())
                    .map_err(|source| ExportError::Write {
                        path: path.display().to_string(),
                        source,
                    })
            });
        self.message = match written {
            Ok(bytes) => format!(
                "Wrote a {} × {} PNG of the chart to {} ({})",
                size[0],
                size[1],
                path.display(),
                human_bytes(bytes)
            ),
            Err(e) => format!("Could not export the chart: {e}"),
        };
    }

    /// The events a CSV export holds, by the export panel's choice.
    fn csv_events(&self) -> Vec<&Event> {
        let d = &self.doc.dataset;
        let (from, to) = (self.view.view.start, self.view.view.end());
        match self.persisted.export.csv {
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
    pub(super) fn export_csv(&mut self, path: &Path) {
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

    /// The figure the export panel describes.
    pub(super) fn figure_options(&self) -> Result<FigureOptions, FigureRangeError> {
        let s = &self.persisted.export;
        let view = match s.range {
            FigureRange::CurrentView => self.view.view,
            FigureRange::WholeTimeline => self.doc.fit_view(),
            FigureRange::DateRange => {
                let date = |what: &'static str, text: &str| {
                    HistDate::parse(text).map_err(|e| FigureRangeError::NotADate {
                        what,
                        text: text.trim().to_owned(),
                        reason: e.to_string(),
                    })
                };
                let (from, to) = (date("from", &s.from)?, date("to", &s.to)?);
                if to.axis_end() <= from.axis_start() {
                    return Err(FigureRangeError::EndsBeforeStart);
                }
                TimeView::new(from.axis_start(), to.axis_end() - from.axis_start())
            }
        };
        Ok(FigureOptions {
            view,
            look: s.figure.clone(),
            lanes: self.arrangement().clone(),
            selected: self.selection.selected,
        })
    }

    /// Starts rendering the figure to `path` in the background.
    pub(super) fn start_png(&mut self, path: PathBuf) {
        match self.figure_options() {
            Ok(opts) => {
                let (dataset, filter) = (Arc::clone(&self.doc.dataset), self.filter.filter.clone());
                self.jobs.export = Some(Job::spawn(self.ctx.clone(), move |task| {
                    task.step(0.1, "Preparing the renderer");
                    let mut renderer = OffscreenRenderer::new()?;
                    task.step(0.4, "Drawing the figure");
                    let image = renderer.render(&dataset, &filter, &opts)?;
                    task.step(0.8, "Encoding PNG");
                    let png = image.to_png()?;
                    task.step(0.95, "Writing the file");
                    atomic::write(&path, &png).map_err(|source| ExportError::Write {
                        path: path.display().to_string(),
                        source,
                    })?;
                    Ok(format!(
                        "Wrote a {} × {} PNG to {} ({})",
                        image.width,
                        image.height,
                        path.display(),
                        human_bytes(png.len())
                    ))
                }));
                self.message = "Rendering the figure…".into();
            }
            Err(e) => self.message = e.to_string(),
        }
    }

    pub(super) fn save_svg_dialog(&mut self) {
        self.save_vector_dialog(PathPurpose::ExportSvg, "svg");
    }

    pub(super) fn save_pdf_dialog(&mut self) {
        self.save_vector_dialog(PathPurpose::ExportPdf, "pdf");
    }

    fn save_vector_dialog(&mut self, purpose: PathPurpose, ext: &str) {
        if let Err(e) = self.figure_options() {
            self.message = e.to_string();
            return;
        }
        if let Some(path) = self.save_dialog(purpose, ext) {
            if purpose == PathPurpose::ExportPdf {
                self.start_pdf(path);
            } else {
                self.start_svg(path);
            }
        }
    }

    /// Writes the export panel's figure as SVG in the background (the same layout and painting
    /// as the PNG, written as vector shapes and text).
    pub(super) fn start_svg(&mut self, path: PathBuf) {
        self.start_vector(path, None);
    }

    /// Writes the export panel's figure as PDF, on the page the panel asks for, in the background.
    pub(super) fn start_pdf(&mut self, path: PathBuf) {
        self.start_vector(path, Some(self.persisted.export.page));
    }

    /// Writes the figure as SVG (no page) or PDF (on `page`) in the background.
    fn start_vector(&mut self, path: PathBuf, page: Option<PageSize>) {
        match self.figure_options() {
            Ok(opts) => {
                let (dataset, filter) = (Arc::clone(&self.doc.dataset), self.filter.filter.clone());
                self.jobs.export = Some(Job::spawn(self.ctx.clone(), move |task| {
                    task.step(0.2, "Drawing the figure");
                    let (bytes, kind) = match page {
                        None => (
                            crate::export::svg::export_svg(&path, &dataset, &filter, &opts)?,
                            "SVG",
                        ),
                        Some(page) => (
                            crate::export::pdf::export_pdf(&path, &dataset, &filter, &opts, page)?,
                            "PDF",
                        ),
                    };
                    Ok(format!(
                        "Wrote a {} × {} {kind} to {} ({})",
                        opts.look.width,
                        opts.look.height,
                        path.display(),
                        human_bytes(bytes)
                    ))
                }));
                self.message = "Drawing the figure…".into();
            }
            Err(e) => self.message = e.to_string(),
        }
    }

    /// Holds the window open when it is closed while a figure is written, so the file the user
    /// asked for is not lost: it closes once the export ends. Closing it again meanwhile quits
    /// at once, the figure unwritten (and no temporary file left: `App::on_exit`).
    pub(super) fn close_after_export(&mut self, ctx: &egui::Context) {
        if self.jobs.export.is_some() && !self.jobs.close_after_export {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.jobs.close_after_export = true;
            self.message = "Closing once the figure is written… (close again to quit now)".into();
        }
    }

    /// Picks up a finished export.
    pub(super) fn poll_export(&mut self) {
        let Some(answer) = self.jobs.export.as_ref().and_then(Job::poll) else {
            return;
        };
        let seconds = self
            .jobs
            .export
            .take()
            .map_or(0.0, |j| j.elapsed().as_secs_f32());
        self.message = match answer {
            Ok(Ok(wrote)) => format!("{wrote} in {seconds:.1} s"),
            Ok(Err(ExportError::Write { path, source })) => {
                format!("Export failed: Could not write {path}: {source}; nothing was written")
            }
            Ok(Err(e)) => format!("Export failed: {e}"),
            Err(JobLost) => format!("Export failed: {JobLost}"),
        };
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
            self.push(super::command::Command::Open(path));
        }
    }
}

/// `12.3 KB`, `4.5 MB`.
pub fn human_bytes(n: usize) -> String {
    let n = n as f64;
    if n < 1024.0 {
        format!("{n} bytes")
    } else if n < 1024.0 * 1024.0 {
        format!("{:.1} KB", n / 1024.0)
    } else {
        format!("{:.1} MB", n / 1024.0 / 1024.0)
    }
}

/// `name` in the current folder, as a full path, so the user sees where the file will go.
pub(super) fn in_current_dir(name: &str) -> String {
    std::env::current_dir().map_or_else(|_| name.to_owned(), |d| d.join(name).display().to_string())
}
