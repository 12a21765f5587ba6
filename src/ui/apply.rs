//! [`App::apply`]: the one place where the app's state changes. It runs at the end of each
//! frame over the commands the panels, the timeline and the keys pushed, then picks up the
//! answers of background jobs.

use egui::ViewportCommand;

use crate::model::AxisTime;
use crate::timeline::TimeView;

use super::app::App;
use super::command::{Command, Dialog, Panel};
use super::document::Document;
use super::parts::{Animation, Palette};

impl App {
    /// Applies this frame's commands, then the answers of background jobs.
    pub(super) fn apply(&mut self, ctx: &egui::Context) {
        let commands = self.take_commands();
        if !commands.is_empty() {
            // What the commands changed shows in the next frame.
            ctx.request_repaint();
        }
        for c in commands {
            self.apply_one(c, ctx);
        }
        self.refresh_matches();
        self.poll_export();
        if self.jobs.close_after_export && self.jobs.export.is_none() {
            // The figure is written (or could not be): the close asked for goes on, through
            // the question about unsaved changes when edits were made meanwhile.
            self.jobs.close_after_export = false;
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
        self.poll_load();
        if self.jobs.export.is_some() {
            ctx.request_repaint_after(super::job::progress_repaint(
                super::job::PROGRESS_REPAINT,
                self.jobs.cpu_frames,
            ));
        }
    }

    fn apply_one(&mut self, c: Command, ctx: &egui::Context) {
        if self.ask_before(&c) {
            return;
        }
        match c {
            Command::Open(path) => self.open(&path),
            Command::ShowOpenDialog => self.open_dialog(),
            Command::OpenGoodRows => self.open_good_rows(),
            Command::SaveSkippedRows => self.save_skipped_dialog(),
            Command::Import(path, map) => {
                self.dialogs.import = None;
                self.load(&path, map);
            }
            Command::RemapImport(columns) => {
                if let Some(dialog) = &mut self.dialogs.import {
                    dialog.remap(columns);
                }
            }
            Command::CancelImport => {
                if let Some(dialog) = self.dialogs.import.take() {
                    self.message = format!("Did not open {}", dialog.file_name());
                }
            }
            Command::AskColumns => self.ask_columns(),
            Command::CancelLoad => self.cancel_load(),
            Command::Reload => self.reload(),
            Command::OpenEmbedded => self.show_embedded(),
            Command::Quit => {
                self.quitting = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            Command::Select(s) => self.selection.selected = s,
            Command::Reveal(i) => self.select_and_reveal(i, ctx),
            Command::ShowAllLinks(all) => self.persisted.show_all_links = all,
            Command::SetSecondCalendar(c) => self.persisted.second_calendar = c,
            Command::ShowNamesOnLabels(on) => self.persisted.names_on_labels = on,
            Command::Step(dir) => match self.step_from(dir) {
                Some(i) => self.select_and_reveal(i, ctx),
                None => self.message = "No more events that way".into(),
            },
            Command::NextMatch => self.next_match(ctx),
            Command::SetView(_)
            | Command::AnimateTo(_)
            | Command::ZoomToFit
            | Command::Zoom(_)
            | Command::Pan(_)
            | Command::ZoomToSelected => self.apply_view(&c, ctx),
            Command::ExpandLane(_)
            | Command::CollapseLane(..)
            | Command::MoveLane { .. }
            | Command::SetLaneHeight(..)
            | Command::ShowOnlyLane(_)
            | Command::ShowAllLanes
            | Command::ResetLanes
            | Command::ToggleTheme(_) => self.apply_lanes(c),
            Command::SetFilterInputs(inputs) => self.filter.set_inputs(inputs),
            Command::SetDark(_) | Command::ShowPanel(..) | Command::ShowTab(_) => {
                self.apply_look(&c, ctx);
            }
            Command::Show(dialog) => self.show_dialog(dialog),
            Command::Close(dialog) => self.close_dialog(dialog),
            Command::SetExportSettings(s) => self.persisted.export = s,
            Command::SetChart(s) => self.persisted.chart = s,
            Command::SavePng => self.save_png_dialog(),
            Command::SaveCsv => self.save_csv_dialog(),
            Command::SaveSvg => self.save_svg_dialog(),
            Command::SavePdf => self.save_pdf_dialog(),
            Command::SaveChartCsv => self.save_chart_csv_dialog(),
            Command::SaveChartPng => self.save_chart_png_dialog(),
            Command::SetPrompt(prompt) => self.dialogs.path_prompt = Some(prompt),
            Command::SubmitPath(purpose, path) => self.submit_path(purpose, path),
            Command::SetPalette(p) => self.dialogs.palette = Some(p),
            Command::OpenUrl(url) => self.open_url(&url),
            Command::NewEvent
            | Command::NewEventAt { .. }
            | Command::EditSelected
            | Command::SetForm(_)
            | Command::CommitForm
            | Command::CancelForm
            | Command::DeleteSelected
            | Command::DuplicateSelected
            | Command::MoveEvent { .. }
            | Command::ResizeEvent { .. }
            | Command::Undo
            | Command::Redo
            | Command::ShowProperties
            | Command::SetProperties(_)
            | Command::CommitProperties
            | Command::CancelProperties => self.apply_edit(c),
            Command::Lanes(l) => self.apply_lane_edit(l),
            Command::NewTimeline
            | Command::Save
            | Command::SaveAs
            | Command::AnswerUnsaved(_)
            | Command::AnswerCsv(_) => self.apply_save(&c),
            Command::AnswerRecovery(restore) => self.answer_recovery(restore),
            Command::FileChanged => self.reload_changed(),
        }
    }

    /// Commands that change how the window looks: dark or light, panels, the side tab.
    fn apply_look(&mut self, c: &Command, ctx: &egui::Context) {
        let p = &mut self.persisted;
        match *c {
            Command::SetDark(dark) => {
                p.dark = dark;
                self.apply_theme(ctx);
            }
            Command::ShowPanel(panel, shown) => {
                *match panel {
                    Panel::Filters => &mut p.show_filters,
                    Panel::Details => &mut p.show_details,
                    Panel::Overview => &mut p.show_overview,
                    Panel::Chart => &mut p.show_chart,
                } = shown;
            }
            Command::ShowTab(tab) => {
                p.show_details = true;
                p.side_tab = tab;
            }
            _ => {}
        }
    }

    /// Goes back to the embedded Japan–Russia dataset.
    fn show_embedded(&mut self) {
        self.remember_view();
        self.replace_doc(Document::embedded());
        self.after_document_change();
        self.message = format!("Showing {}", self.doc.dataset.summary());
    }

    /// Reads the file on screen again.
    fn reload(&mut self) {
        match self.doc.path.clone() {
            Some(p) => {
                let map = self.columns.map.clone();
                self.load(&p, map);
            }
            None => self.message = "The embedded dataset has no file to reload".into(),
        }
    }

    /// A typed path was given: do what it was asked for.
    fn submit_path(&mut self, purpose: super::parts::PathPurpose, path: std::path::PathBuf) {
        use super::parts::PathPurpose;
        self.dialogs.path_prompt = None;
        match purpose {
            PathPurpose::Open => self.open(&path),
            PathPurpose::ExportCsv => self.export_csv(&path),
            PathPurpose::ExportPng => self.start_png(path),
            PathPurpose::ExportSvg => self.start_svg(path),
            PathPurpose::ExportPdf => self.start_pdf(path),
            PathPurpose::SkippedRows => self.save_skipped(&path),
            PathPurpose::ChartCsv => self.export_chart_csv(&path),
            PathPurpose::ChartPng => self.export_chart_png(&path),
            PathPurpose::SaveAs => self.save_checked(path),
        }
    }

    /// Commands that move the view.
    fn apply_view(&mut self, c: &Command, ctx: &egui::Context) {
        let limits = self.doc.limits();
        let target = self.view.target();
        match *c {
            Command::SetView(v) => {
                self.view.animation = None;
                self.view.view = v.clamped(limits);
            }
            Command::AnimateTo(v) => self.animate_to(v, ctx),
            Command::ZoomToFit => {
                self.view.expanded = None;
                self.animate_to(self.doc.fit_view(), ctx);
            }
            Command::Zoom(f) => {
                self.animate_to(target.zoom_at_clamped(target.center(), f, limits), ctx);
            }
            Command::Pan(fraction) => self.animate_to(target.pan(target.span * fraction), ctx),
            Command::ZoomToSelected => match self.selected_event().map(view_of) {
                Some(v) => self.animate_to(v, ctx),
                None => self.message = "Select an event first (click it)".into(),
            },
            _ => {}
        }
    }

    fn show_dialog(&mut self, dialog: Dialog) {
        let d = &mut self.dialogs;
        match dialog {
            Dialog::Shortcuts => d.shortcuts = true,
            Dialog::About => d.about = true,
            Dialog::Palette => d.palette = Some(Palette::default()),
            Dialog::Skipped => d.skipped_list = self.doc.skipped.is_some(),
            Dialog::Notes => {
                if !self.doc.notes.is_empty() {
                    let shown = self
                        .doc
                        .path
                        .as_ref()
                        .map_or_else(|| self.doc.name(), |p| p.display().to_string());
                    d.problems = Some(super::parts::ProblemReport {
                        title: format!("Notes on {shown}"),
                        lines: self.doc.notes.clone(),
                        failed: false,
                    });
                }
            }
            // Shown by what they report or ask.
            Dialog::Problems | Dialog::PathPrompt | Dialog::SkipConfirm => {}
        }
    }

    fn close_dialog(&mut self, dialog: Dialog) {
        if dialog == Dialog::SkipConfirm {
            self.cancel_skip();
            return;
        }
        let d = &mut self.dialogs;
        match dialog {
            Dialog::Shortcuts => d.shortcuts = false,
            Dialog::About => d.about = false,
            // The notes are shown in the problems window.
            Dialog::Problems | Dialog::Notes => d.problems = None,
            Dialog::PathPrompt => {
                d.path_prompt = None;
                // A Save As that was cancelled runs nothing after it.
                d.after_save = None;
            }
            Dialog::Palette => d.palette = None,
            Dialog::Skipped => d.skipped_list = false,
            Dialog::SkipConfirm => {}
        }
    }

    fn open_url(&mut self, url: &str) {
        if url.starts_with("https://") || url.starts_with("http://") {
            if let Err(e) = open::that_detached(url) {
                self.message = format!("Could not open {url}: {e}");
            }
        } else {
            self.message = format!("Only web links are opened: {url}");
        }
    }

    /// A theme was shown or hidden: matches are found again and a hidden selection is cleared.
    pub(super) fn after_filter_change(&mut self) {
        self.filter.matches_for = None;
        if self
            .selected_event()
            .is_some_and(|e| !self.filter.filter.passes(e))
        {
            self.selection.selected = None;
            self.view.expanded = None;
        }
    }

    /// A new document is on screen: what belonged to the old one goes.
    pub(super) fn after_document_change(&mut self) {
        self.restore_hidden_lanes();
        self.view.expanded = None;
        self.selection.selected = None;
        self.dialogs.form = None;
        self.dialogs.properties = None;
        self.dialogs.lanes = None;
        self.dialogs.delete_lane = None;
        self.filter.matches_for = None;
        self.filter.matches.clear();
        self.filter.matched_lanes.clear();
        self.filter.match_count = 0;
        self.jobs.search = None;
        self.view.animation = None;
        self.view.view = self.remembered_view();
    }

    pub(super) fn remembered_view(&self) -> TimeView {
        self.persisted
            .views
            .get(&self.doc.key())
            .map(|v| v.clamped(self.doc.limits()))
            .filter(|v| v.span.is_finite() && v.start.is_finite())
            .unwrap_or_else(|| self.doc.fit_view())
    }

    pub(super) fn remember_view(&mut self) {
        self.persisted.views.insert(self.doc.key(), self.view.view);
    }

    /// Advances a smooth move; asks for the next frame while it lasts.
    pub(super) fn advance_animation(&mut self, ctx: &egui::Context) {
        if self.view.advance(ctx.input(|i| i.time)) {
            ctx.request_repaint();
        }
    }

    fn animate_to(&mut self, to: TimeView, ctx: &egui::Context) {
        let to = to.clamped(self.doc.limits());
        self.view.animation = Some(Animation {
            from: self.view.view,
            to,
            started: ctx.input(|i| i.time),
        });
        ctx.request_repaint();
    }

    /// Indices of the events that are shown (filter passed), in time order.
    pub(super) fn shown(&self) -> impl Iterator<Item = usize> + '_ {
        self.doc
            .dataset
            .events()
            .iter()
            .enumerate()
            .filter(|(_, e)| self.filter.filter.passes(e))
            .map(|(i, _)| i)
    }

    /// The next (dir > 0) or previous shown event in time from the selection, or from the
    /// view's center when nothing is selected.
    fn step_from(&self, dir: i32) -> Option<usize> {
        let events = self.doc.dataset.events();
        let candidates: Vec<usize> = self.shown().collect();
        let next = if let Some(p) = self
            .selection
            .selected
            .and_then(|s| candidates.iter().position(|&i| i == s))
        {
            p as i64 + i64::from(dir.signum())
        } else {
            let c = self.view.view.center();
            let after = candidates.iter().position(|&i| events[i].axis_start() >= c);
            let after = after.unwrap_or(candidates.len()) as i64;
            if dir > 0 { after } else { after - 1 }
        };
        usize::try_from(next)
            .ok()
            .and_then(|n| candidates.get(n))
            .copied()
    }

    /// Selects the next search match after the selection, wrapping: events whose title matches
    /// come first (in time order), then those that match elsewhere.
    fn next_match(&mut self, ctx: &egui::Context) {
        if self.jobs.is_searching() {
            self.message = "Still searching…".into();
            return;
        }
        self.refresh_matches();
        let filter = &self.filter.filter;
        let title_matches = |i: usize| {
            self.doc
                .dataset
                .event(i)
                .is_some_and(|e| filter.search_in(e.title()))
        };
        let mut candidates: Vec<(bool, usize)> = self
            .shown()
            .filter(|&i| self.filter.matches.get(i).copied().unwrap_or(false))
            .map(|i| (!title_matches(i), i))
            .collect();
        candidates.sort_unstable();
        let pos = self
            .selection
            .selected
            .and_then(|s| candidates.iter().position(|&(_, i)| i == s));
        let next = pos.map_or(0, |p| (p + 1) % candidates.len().max(1));
        match candidates.get(next) {
            Some(&(_, i)) => self.select_and_reveal(i, ctx),
            None => {
                self.message = format!("No event matches \"{}\"", filter.search.trim());
            }
        }
    }

    /// Selects an event and keeps it on screen, moving (not zooming) the view when it is off.
    fn select_and_reveal(&mut self, index: usize, ctx: &egui::Context) {
        self.selection.selected = Some(index);
        let Some(e) = self.doc.dataset.event(index) else {
            return;
        };
        let (a, b) = (e.axis_start(), e.axis_end());
        let view = self.view.view;
        let margin = view.span * 0.05;
        if b < view.start + margin || a > view.end() - margin {
            let center: AxisTime = (a + b) * 0.5;
            self.animate_to(TimeView::new(center - view.span * 0.5, view.span), ctx);
        }
    }

    /// Shows a dataset that did not come from a file (a generated one, say).
    pub fn show_dataset(&mut self, dataset: crate::model::Dataset) {
        self.install(Document::new(dataset, None));
    }
}

/// A view that shows the event comfortably.
fn view_of(e: &crate::model::Event) -> TimeView {
    let (a, b) = (e.axis_start(), e.axis_end());
    let span = ((b - a) * 1.6).max(60.0);
    let center = (a + b) * 0.5;
    TimeView::new(center - span * 0.5, span)
}
