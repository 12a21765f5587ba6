//! The eframe app: its state in named parts (`parts.rs`), the panels laid out each frame, and
//! the commands they push, applied at the frame's end by `apply.rs` — the one place where state
//! changes. Tests and the benchmark read the app through [`App::probe`].

use std::path::Path;

use crate::io::ColumnMap;
use crate::model::{Dataset, Event, Filter};
use crate::timeline::TimeView;
use crate::timeline::lod::Level;

use super::action::{self, ActionState};
use super::command::{Command, Commands};
use super::document::Document;
use super::event_form::EventForm;
use super::loading::ImportDialog;
use super::panels::chart::ChartShown;
use super::parts::ProblemReport;
use super::parts::{
    Columns, Dialogs, FilterState, FrameInfo, Jobs, PathPurpose, Selection, ViewState,
};
use super::recovery::Recovery;
use super::skipped::{SkipConfirm, Skipped};
use super::state::{ChartSettings, ExportSettings, Persisted, SideTab};
use super::timeline_ui::LaneShown;
use super::{panels, timeline_ui};

pub struct App {
    /// What is remembered between runs.
    pub(super) persisted: Persisted,
    pub(super) doc: Document,
    pub(super) view: ViewState,
    pub(super) filter: FilterState,
    pub(super) selection: Selection,
    pub(super) jobs: Jobs,
    pub(super) dialogs: Dialogs,
    pub(super) columns: Columns,
    /// What the timeline showed in the last frame.
    pub(super) frame: FrameInfo,
    /// The last thing the app did or could not do, for the status bar.
    pub(super) message: String,
    /// The window's context, for background work to wake it (none in headless tests).
    pub(super) ctx: Option<egui::Context>,
    commands: Commands,
    title_shown: String,
    /// Quit was confirmed (or there was nothing to save): the window may close.
    pub(super) quitting: bool,
    /// The recovery file of unsaved work, and work found at start.
    pub(super) recovery: Recovery,
}

/// What tests and the benchmark may read of the app: a snapshot after the last frame.
#[derive(Debug)]
pub struct Probe<'a> {
    pub dataset: &'a Dataset,
    /// The file on screen; `None` for the embedded or a generated dataset.
    pub path: Option<&'a Path>,
    pub view: TimeView,
    pub filter: &'a Filter,
    pub selected: Option<usize>,
    pub selected_event: Option<&'a Event>,
    pub visible_count: usize,
    pub levels: &'a [Level],
    /// What each shown lane showed: events in view, labelled, rows.
    pub lanes: &'a [LaneShown],
    pub match_count: usize,
    pub matches: &'a [bool],
    pub searching: bool,
    pub loading: bool,
    pub exporting: bool,
    /// The window was closed during an export and closes when it ends.
    pub close_after_export: bool,
    pub message: &'a str,
    pub import_open: bool,
    /// The CSV import dialog, while it is open.
    pub import: Option<&'a ImportDialog>,
    pub palette_open: bool,
    /// A file some of whose rows have problems, waiting for Open the good events / Cancel.
    pub skip_confirm: Option<&'a SkipConfirm>,
    /// The rows skipped from the file on screen.
    pub skipped: Option<&'a Skipped>,
    /// The list of those rows is shown.
    pub skipped_list: bool,
    /// Notes on how the file on screen was read.
    pub notes: &'a [String],
    /// The window of a file's problems or notes, while it is open.
    pub report: Option<&'a ProblemReport>,
    /// What a typed-path prompt is open for.
    pub path_prompt: Option<PathPurpose>,
    pub dark: bool,
    pub export: &'a ExportSettings,
    /// The side panel on the right is shown, at this tab.
    pub side_panel: Option<SideTab>,
    /// What the chart showed in the last frame; `None` when it is hidden.
    pub chart: Option<&'a ChartShown>,
    pub chart_settings: ChartSettings,
    /// The event form, while it is open.
    pub form: Option<&'a EventForm>,
    /// The name of the step Undo would undo, and of the one Redo would redo.
    pub undo_name: Option<&'a str>,
    pub redo_name: Option<&'a str>,
    /// There are changes not saved to a file.
    pub dirty: bool,
    /// The window's title.
    pub title: &'a str,
    /// A command held back by Save / Don't save / Cancel.
    pub unsaved: Option<&'a Command>,
    /// Where the selected event's marker was drawn, and the days per point of the timeline.
    pub selected_marker: Option<egui::Rect>,
    pub days_per_point: f64,
    /// What saving as CSV would leave out, while the question is asked.
    pub csv_warning: Option<&'a [String]>,
    /// Unsaved work found at start, while it is offered: when it was written.
    pub recovery_offer: Option<&'a str>,
}

impl App {
    /// The app on a document, with remembered state (eframe storage) when there is some.
    pub fn new(cc: &eframe::CreationContext<'_>, file: Option<&Path>, map: ColumnMap) -> Self {
        let persisted: Persisted = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default();
        let mut app = Self::with_state(persisted);
        app.dialogs.file_dialogs = super::files::FileDialogs::detect();
        crate::fonts::install(&cc.egui_ctx);
        app.ctx = Some(cc.egui_ctx.clone());
        app.jobs.cpu_frames = cc
            .wgpu_render_state
            .as_ref()
            .is_some_and(|r| super::job::draws_on_cpu(&r.adapter.get_info()));
        app.apply_theme(&cc.egui_ctx);
        match file {
            Some(path) => app.with_file(path, map),
            None => app,
        }
    }

    /// The app opening `path` (read with `map` where it names columns), as at start.
    #[must_use]
    pub fn with_file(mut self, path: &Path, map: ColumnMap) -> Self {
        self.columns = Columns {
            map,
            for_path: Some(path.to_path_buf()),
        };
        self.open(path);
        self
    }

    /// The app on the embedded dataset with the given remembered state.
    pub fn with_state(persisted: Persisted) -> Self {
        let doc = Document::embedded();
        let view = doc.fit_view();
        let mut app = Self {
            persisted,
            doc,
            view: ViewState {
                view,
                animation: None,
                expanded: None,
            },
            filter: FilterState::new(),
            selection: Selection::default(),
            jobs: Jobs::default(),
            dialogs: Dialogs::default(),
            columns: Columns::default(),
            frame: FrameInfo {
                timeline_size: egui::vec2(1200.0, 600.0),
                ..FrameInfo::default()
            },
            message: String::new(),
            ctx: None,
            commands: Commands::default(),
            title_shown: String::new(),
            quitting: false,
            recovery: Recovery::default(),
        };
        app.view.view = app.remembered_view();
        app.restore_hidden_lanes();
        app.message = format!("Showing {}", app.doc.dataset.summary());
        app
    }

    /// Queues a command for the end of the frame.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Takes this frame's commands, for `apply`.
    pub(super) fn take_commands(&mut self) -> Vec<Command> {
        self.commands.take()
    }

    /// What the app shows now, read-only.
    pub fn probe(&self) -> Probe<'_> {
        Probe {
            dataset: &self.doc.dataset,
            path: self.doc.path.as_deref(),
            view: self.view.view,
            filter: &self.filter.filter,
            selected: self.selection.selected,
            selected_event: self.selected_event(),
            visible_count: self.frame.visible_count,
            levels: &self.frame.levels,
            lanes: &self.frame.lanes,
            match_count: self.filter.match_count,
            matches: &self.filter.matches,
            searching: self.jobs.is_searching(),
            loading: self.jobs.loading.is_some(),
            exporting: self.jobs.export.is_some(),
            close_after_export: self.jobs.close_after_export,
            message: &self.message,
            import_open: self.dialogs.import.is_some(),
            import: self.dialogs.import.as_ref(),
            palette_open: self.dialogs.palette.is_some(),
            skip_confirm: self.dialogs.skip_confirm.as_deref(),
            skipped: self.doc.skipped.as_ref(),
            skipped_list: self.dialogs.skipped_list,
            notes: &self.doc.notes,
            report: self.dialogs.problems.as_ref(),
            path_prompt: self.dialogs.path_prompt.as_ref().map(|p| p.purpose),
            dark: self.persisted.dark,
            export: &self.persisted.export,
            side_panel: self
                .persisted
                .show_details
                .then_some(self.persisted.side_tab),
            chart: self.frame.chart.as_ref(),
            chart_settings: self.persisted.chart,
            form: self.dialogs.form.as_ref(),
            undo_name: self.doc.history.undo_name(),
            redo_name: self.doc.history.redo_name(),
            dirty: self.doc.is_dirty(),
            title: &self.title_shown,
            unsaved: self.dialogs.unsaved.as_deref(),
            selected_marker: self.frame.selected_marker,
            days_per_point: self.frame.days_per_point,
            csv_warning: self.dialogs.csv_warning.as_ref().map(|w| w.lost.as_slice()),
            recovery_offer: self.recovery.offer.as_ref().map(|r| r.when.as_str()),
        }
    }

    pub(super) fn selected_event(&self) -> Option<&Event> {
        self.selection
            .selected
            .and_then(|i| self.doc.dataset.event(i))
    }

    /// What the actions' enabled and checked states depend on now.
    pub(super) fn action_state(&self) -> ActionState {
        ActionState {
            file: self.doc.path.is_some(),
            csv: self.doc.is_csv(),
            skipped: self.doc.skipped.is_some(),
            notes: !self.doc.notes.is_empty(),
            selection: self.selection.selected.is_some(),
            loading: self.jobs.loading.is_some(),
            searching: !self.filter.filter.search.trim().is_empty(),
            dark: self.persisted.dark,
            filters: self.persisted.show_filters,
            details: self.persisted.show_details && self.persisted.side_tab == SideTab::Details,
            overview: self.persisted.show_overview,
            all_links: self.persisted.show_all_links,
            second_calendar: self.persisted.second_calendar,
            names_on_labels: self.persisted.names_on_labels,
            chart: self.persisted.show_chart,
            lanes_hidden: !self.filter.filter.hidden_themes.is_empty(),
            lanes_arranged: {
                let a = self.arrangement();
                !(a.order.is_empty() && a.collapsed.is_empty() && a.heights.is_empty())
            },
            can_undo: !self.doc.history.is_empty(),
            can_redo: self.doc.history.redo_name().is_some(),
            editing: self.dialogs.form.is_some(),
            typing: false,
        }
    }

    pub(super) fn apply_theme(&self, ctx: &egui::Context) {
        ctx.set_theme(if self.persisted.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
    }

    /// This frame's keyboard shortcuts, from the action table.
    fn shortcuts(&mut self, ctx: &egui::Context) {
        let state = ActionState {
            typing: ctx.egui_wants_keyboard_input(),
            ..self.action_state()
        };
        let plain_keys = !state.typing && !self.dialogs.takes_keys();
        let commands = ctx.input_mut(|i| action::pressed(i, &state, plain_keys));
        self.commands.extend(commands);
    }

    /// What the timeline draws this frame.
    fn timeline_input(&self) -> timeline_ui::TimelineInput<'_> {
        timeline_ui::TimelineInput {
            dataset: &self.doc.dataset,
            limits: self.doc.limits(),
            view: self.view.view,
            filter: &self.filter.filter,
            matches: &self.filter.matches,
            selected: self.selection.selected,
            expanded: self
                .view
                .expanded
                .as_ref()
                .and_then(|id| self.doc.dataset.themes().iter().position(|t| &t.id == id)),
            arrangement: self.arrangement(),
            all_links: self.persisted.show_all_links,
            second_calendar: self.persisted.second_calendar,
            names_on_labels: self.persisted.names_on_labels,
        }
    }

    /// The panels of one frame; what they ask for is collected in `self.commands`.
    fn panels_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let state = self.action_state();
        // The panels borrow the state read-only and push into this frame's commands, taken out
        // of the app meanwhile and put back at the end.
        let mut commands = std::mem::take(&mut self.commands);
        let cmds = &mut commands;
        egui::Panel::top("menu").show(ui, |ui| {
            panels::menu::menu_bar_ui(ui, &state, &self.persisted.recent, &self.doc.history, cmds);
        });
        // The status bar is reserved now and filled after the timeline, so that it shows this
        // frame's figures.
        let status = egui::Panel::bottom("status")
            .exact_size(panels::status::HEIGHT)
            .show(ui, |ui| ui.allocate_space(ui.available_size()))
            .response
            .rect;
        if self.persisted.show_overview {
            egui::Panel::bottom("overview")
                .exact_size(panels::overview::HEIGHT)
                .show(ui, |ui| {
                    panels::overview::overview_ui(
                        ui,
                        &self.doc,
                        &self.filter.filter,
                        &self.view,
                        cmds,
                    );
                });
        }
        if self.persisted.show_filters {
            egui::Panel::left("filters")
                .resizable(true)
                .default_size(250.0)
                .show(ui, |ui| {
                    panels::filters::filters_ui(ui, &self.doc, &self.filter, &self.jobs, cmds);
                });
        }
        if self.persisted.show_details {
            egui::Panel::right("details")
                .resizable(true)
                .default_size(320.0)
                .show(ui, |ui| self.side_panel_ui(ui, cmds));
        }
        let chart = self.chart_panel_ui(ui, cmds);
        let shown = egui::CentralPanel::no_frame()
            .show(ui, |ui| {
                timeline_ui::timeline_ui(ui, &self.timeline_input(), cmds)
            })
            .inner;
        self.frame = FrameInfo {
            visible_count: shown.visible_count,
            levels: shown.levels,
            timeline_size: shown.size,
            lanes: shown.lanes,
            chart,
            selected_marker: shown.selected_marker,
            days_per_point: shown.days_per_point,
        };
        // Laid out as inside the panel: its frame's margins, then one row.
        let margin = egui::Frame::side_top_panel(ui.style()).inner_margin;
        let inner = status - margin;
        ui.scope_builder(egui::UiBuilder::new().max_rect(inner), |ui| {
            let info = panels::status::StatusInfo {
                total: self.doc.dataset.events().len(),
                visible: self.frame.visible_count,
                view: self.view.view,
                loading: self.jobs.loading.as_ref(),
                export: self.jobs.export.as_ref(),
                cpu_frames: self.jobs.cpu_frames,
                message: &self.message,
                notes: self.doc.notes.len(),
                skipped: self.doc.skipped.as_ref().map(Skipped::status_text),
            };
            panels::status::status_ui(ui, &info, cmds);
        });
        panels::dialogs::dialogs_ui(&ctx, &self.doc, &self.dialogs, cmds);
        panels::import::import_ui(&ctx, self.dialogs.import.as_ref(), cmds);
        panels::save_dialogs::save_dialogs_ui(
            &ctx,
            &self.dialogs,
            self.doc.dataset.meta.title.trim(),
            cmds,
        );
        if let Some(form) = &self.dialogs.properties {
            panels::properties::properties_ui(&ctx, form, cmds);
        }
        let asking = self.dialogs.delete_lane.as_ref();
        if let Some(editor) = &self.dialogs.lanes {
            let d = &self.doc.dataset;
            panels::lanes_eras::lanes_eras_ui(&ctx, editor, d, asking.is_some(), cmds);
        }
        if let Some(ask) = asking {
            panels::lanes_eras::delete_lane_ui(&ctx, ask, &self.doc.dataset, cmds);
        }
        if let Some(found) = &self.recovery.offer {
            panels::save_dialogs::recovery_ui(&ctx, found, cmds);
        }
        panels::skipped::skipped_ui(&ctx, &self.dialogs, &self.doc, cmds);
        if let Some(palette) = &self.dialogs.palette {
            panels::palette::palette_ui(&ctx, palette, &state, cmds);
        }
        self.commands = commands;
    }

    /// The chart, when it is shown: under the timeline and as wide, so that its time axis lines
    /// up with the timeline's.
    fn chart_panel_ui(&self, ui: &mut egui::Ui, cmds: &mut Commands) -> Option<ChartShown> {
        if !self.persisted.show_chart {
            return None;
        }
        let frame = egui::Frame::side_top_panel(ui.style()).inner_margin(egui::Margin {
            left: 0,
            right: 0,
            top: 4,
            bottom: 2,
        });
        let shown = egui::Panel::bottom("chart")
            .resizable(true)
            .default_size(panels::chart::DEFAULT_HEIGHT)
            .size_range(90.0..=600.0)
            .frame(frame)
            .show(ui, |ui| {
                let input = panels::chart::ChartInput {
                    dataset: &self.doc.dataset,
                    filter: &self.filter,
                    view: self.view.view,
                    limits: self.doc.limits(),
                    settings: self.persisted.chart,
                };
                panels::chart::chart_ui(ui, &input, cmds)
            });
        Some(shown.inner)
    }

    /// The side panel on the right: its tabs, then the chosen tab's content.
    fn side_panel_ui(&self, ui: &mut egui::Ui, cmds: &mut Commands) {
        let tab = self.persisted.side_tab;
        panels::side::tabs_ui(ui, tab, cmds);
        match tab {
            SideTab::Details => match &self.dialogs.form {
                Some(form) => {
                    panels::event_form::event_form_ui(ui, form, &self.doc.dataset, cmds);
                }
                None => {
                    panels::details::details_ui(
                        ui,
                        &self.doc,
                        self.selection.selected,
                        self.persisted.second_calendar.other_calendars(),
                        cmds,
                    );
                }
            },
            SideTab::Export => {
                let figure = self.figure_options();
                let tab = panels::export::ExportTab {
                    settings: &self.persisted.export,
                    view_size: self.frame.timeline_size,
                    job: self.jobs.export.as_ref(),
                    dataset: &self.doc.dataset,
                    filter: &self.filter.filter,
                    figure: &figure,
                };
                panels::export::export_tab_ui(ui, &tab, cmds);
            }
        }
    }
}

impl eframe::App for App {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        crate::profile::frame_start();
        profiling::scope!("App::logic");
        self.handle_dropped_files(ctx);
        // Closing the window with unsaved changes asks first; while a figure is written, waits
        // for it.
        if ctx.input(|i| i.viewport().close_requested()) {
            if !self.quitting && self.doc.is_dirty() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.push(Command::Quit);
            } else {
                self.close_after_export(ctx);
            }
        }
        self.advance_animation(ctx);
        self.shortcuts(ctx);
        self.keep_recovery(ctx);
        self.keep_snapshot(ctx);
        self.poll_file_change(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        profiling::scope!("App::ui");
        let ctx = ui.ctx().clone();
        self.panels_ui(ui);
        crate::profile::window_ui(&ctx);
        self.apply(&ctx);
        // `•` while there are unsaved changes.
        let dot = if self.doc.is_dirty() { "• " } else { "" };
        let title = format!("{dot}{} — Chronolane", self.doc.dataset.meta.title.trim());
        if title != self.title_shown {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_shown = title;
        }
    }

    fn on_exit(&mut self) {
        // A clean quit: unsaved work was saved or given up when asked.
        self.drop_recovery();
        // A write on a thread of its own (a figure the user chose to stop waiting for, a
        // snapshot) would otherwise leave its temporary file.
        crate::io::atomic::remove_unfinished();
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.remember_view();
        eframe::set_value(storage, eframe::APP_KEY, &self.persisted);
    }
}
