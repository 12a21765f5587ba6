//! The eframe app: the open document, the view, the filter and the selection, the panels laid
//! out each frame, and [`App::apply`], the one place where commands change state.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use egui::ViewportCommand;

use crate::io::{self, DEFAULT_DATASET_NAME};
use crate::model::{AxisTime, Dataset, Event, Filter};
use crate::timeline::{Limits, TimeView};

use super::command::Command;
use super::export_job::ExportJob;
use super::loading::{ImportDialog, LoadJob};
use super::panels;
use super::search_job::{self, BACKGROUND_EVENTS, SearchJob};
use super::shortcuts;
use super::state::Persisted;
use super::timeline_ui;

/// The dataset on screen and where it came from.
#[derive(Debug)]
pub struct Document {
    /// Shared with background work (search, export); never changed once loaded.
    pub dataset: Arc<Dataset>,
    /// The file it was read from; `None` for the embedded dataset.
    pub path: Option<PathBuf>,
}

impl Document {
    pub fn embedded() -> Self {
        Self {
            dataset: Arc::new(io::default_dataset()),
            path: None,
        }
    }

    /// A stable key for remembering this document's view.
    pub fn key(&self) -> String {
        match &self.path {
            Some(p) => p.display().to_string(),
            None if self.is_embedded() => format!("embedded:{DEFAULT_DATASET_NAME}"),
            None => format!("unsaved:{}", self.dataset.meta.title),
        }
    }

    /// Whether this is the embedded Japan–Russia dataset.
    pub fn is_embedded(&self) -> bool {
        self.path.is_none() && self.dataset.meta.title == io::default_title()
    }

    /// A short name for the window title and default file names.
    pub fn name(&self) -> String {
        match &self.path {
            Some(p) => p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
            None if self.is_embedded() => DEFAULT_DATASET_NAME.to_owned(),
            None => "timeline".to_owned(),
        }
    }

    /// What the view may show: the data plus a margin.
    pub fn limits(&self) -> Limits {
        match self.dataset.time_range() {
            Some((a, b)) => Limits::around(a, b),
            None => {
                let c = crate::model::date::axis_from_year(1900);
                Limits::around(c - 365.0 * 50.0, c + 365.0 * 50.0)
            }
        }
    }

    /// The view that shows all the data.
    pub fn fit_view(&self) -> TimeView {
        let (a, b) = self
            .dataset
            .time_range()
            .unwrap_or_else(|| (self.limits().lo, self.limits().hi));
        TimeView::fit(a, b).clamped(self.limits())
    }
}

/// A report of a file that did not open.
#[derive(Clone, Debug)]
pub struct ProblemReport {
    pub title: String,
    pub lines: Vec<String>,
    /// Problems that stopped the file from opening, rather than notes on a file that opened.
    pub failed: bool,
}

/// What a typed path is for, where no native dialog is available.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    Open,
    ExportCsv,
    ExportPng,
}

/// A path typed by hand.
#[derive(Clone, Debug)]
pub struct PathPrompt {
    pub purpose: PathPurpose,
    pub text: String,
    /// The text field has been given the keyboard focus once.
    pub focused: bool,
}

impl PathPrompt {
    pub fn new(purpose: PathPurpose, text: String) -> Self {
        Self {
            purpose,
            text,
            focused: false,
        }
    }
}

/// A smooth move between two views.
#[derive(Clone, Copy, Debug)]
struct Animation {
    from: TimeView,
    to: TimeView,
    started: f64,
}

const ANIMATION_SECONDS: f64 = 0.3;

pub struct App {
    pub state: Persisted,
    pub doc: Document,
    pub filter: Filter,
    pub view: TimeView,
    pub selected: Option<usize>,
    pub hovered: Option<usize>,
    /// The last thing the app did or could not do, for the status bar.
    pub message: String,
    pub problems: Option<ProblemReport>,
    pub path_prompt: Option<PathPrompt>,
    pub show_shortcuts: bool,
    pub show_about: bool,
    /// The date-range fields of the filter panel, as typed.
    pub from_text: String,
    pub to_text: String,
    /// Whether each event matches the search (empty when there is no search).
    pub matches: Vec<bool>,
    pub match_count: usize,
    matches_for: Option<String>,
    search_job: Option<SearchJob>,
    /// Events of the visible range that pass the filter (from the last layout).
    pub visible_count: usize,
    /// How each shown lane was drawn in the last frame (events, clusters or density).
    pub last_levels: Vec<crate::timeline::lod::Level>,
    pub show_export: bool,
    /// A figure being rendered in the background.
    pub job: Option<ExportJob>,
    /// Size of the timeline widget (points), for figures "1× of the view".
    pub timeline_size: egui::Vec2,
    /// CSV columns chosen for the file `map_for` (`--map`, or the import dialog), used again when
    /// it is reloaded.
    pub map: io::ColumnMap,
    pub map_for: Option<PathBuf>,
    /// The CSV import dialog, while it is open.
    pub import: Option<ImportDialog>,
    /// A file being read in the background.
    pub loading: Option<LoadJob>,
    /// The window's context, for background work to wake it (none in headless tests).
    pub ctx: Option<egui::Context>,
    animation: Option<Animation>,
    commands: Vec<Command>,
    title_shown: String,
}

impl App {
    /// The app on a document, with remembered state (eframe storage) when there is some.
    pub fn new(cc: &eframe::CreationContext<'_>, file: Option<&Path>, map: io::ColumnMap) -> Self {
        let state: Persisted = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default();
        let mut app = Self::with_state(state);
        app.ctx = Some(cc.egui_ctx.clone());
        app.apply_theme(&cc.egui_ctx);
        if let Some(path) = file {
            app.map = map;
            app.map_for = Some(path.to_path_buf());
            app.open(path);
        }
        app
    }

    /// The app on the embedded dataset with the given remembered state.
    pub fn with_state(state: Persisted) -> Self {
        let doc = Document::embedded();
        let mut app = Self {
            view: doc.fit_view(),
            state,
            doc,
            filter: Filter {
                min_importance: 1,
                ..Filter::default()
            },
            selected: None,
            hovered: None,
            message: String::new(),
            problems: None,
            path_prompt: None,
            show_shortcuts: false,
            show_about: false,
            from_text: String::new(),
            to_text: String::new(),
            matches: Vec::new(),
            match_count: 0,
            matches_for: None,
            search_job: None,
            visible_count: 0,
            last_levels: Vec::new(),
            show_export: false,
            job: None,
            timeline_size: egui::vec2(1200.0, 600.0),
            map: io::ColumnMap::default(),
            map_for: None,
            import: None,
            loading: None,
            ctx: None,
            animation: None,
            commands: Vec::new(),
            title_shown: String::new(),
        };
        app.view = app.remembered_view();
        app.message = format!("Showing {}", app.doc.dataset.summary());
        app
    }

    /// Queues a command for the end of the frame.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    pub fn push_all(&mut self, commands: impl IntoIterator<Item = Command>) {
        self.commands.extend(commands);
    }

    pub fn selected_event(&self) -> Option<&Event> {
        self.selected.and_then(|i| self.doc.dataset.event(i))
    }

    fn remembered_view(&self) -> TimeView {
        self.state
            .views
            .get(&self.doc.key())
            .map(|v| v.clamped(self.doc.limits()))
            .filter(|v| v.span.is_finite() && v.start.is_finite())
            .unwrap_or_else(|| self.doc.fit_view())
    }

    pub(super) fn after_document_change(&mut self) {
        let themes: Vec<String> = self
            .doc
            .dataset
            .themes()
            .iter()
            .map(|t| t.id.clone())
            .collect();
        self.filter.hidden_themes.retain(|t| themes.contains(t));
        self.selected = None;
        self.hovered = None;
        self.matches_for = None;
        self.matches.clear();
        self.match_count = 0;
        self.search_job = None;
        self.animation = None;
        self.view = self.remembered_view();
    }

    pub(super) fn remember_view(&mut self) {
        self.state.views.insert(self.doc.key(), self.view);
    }

    fn apply_theme(&self, ctx: &egui::Context) {
        ctx.set_theme(if self.state.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
    }

    /// Recomputes search matches when the search text (or the filter) changed: at once for a
    /// small dataset, in the background for a big one.
    pub fn refresh_matches(&mut self) {
        if let Some(m) = self.search_job.as_ref().and_then(SearchJob::poll) {
            self.matches = m.matches;
            self.match_count = m.count;
            self.search_job = None;
        }
        let key = self.filter.search.trim().to_lowercase();
        if self.matches_for.as_deref() == Some(key.as_str()) {
            return;
        }
        self.search_job = None;
        if key.is_empty() {
            self.matches.clear();
            self.match_count = 0;
        } else if self.doc.dataset.events().len() > BACKGROUND_EVENTS {
            self.search_job = Some(SearchJob::start(
                Arc::clone(&self.doc.dataset),
                self.filter.clone(),
                self.ctx.clone(),
            ));
        } else {
            let m = search_job::find(&self.doc.dataset, &self.filter, &AtomicBool::new(false))
                .unwrap_or_default();
            self.matches = m.matches;
            self.match_count = m.count;
        }
        self.matches_for = Some(key);
    }

    /// Whether a search is still running in the background.
    pub fn is_searching(&self) -> bool {
        self.search_job.is_some()
    }

    /// Forces the search matches to be recomputed (the filter changed).
    pub fn invalidate_matches(&mut self) {
        self.matches_for = None;
    }

    /// The view this frame, advancing any animation.
    fn animate(&mut self, ctx: &egui::Context) {
        let Some(a) = self.animation else { return };
        let now = ctx.input(|i| i.time);
        let t = ((now - a.started) / ANIMATION_SECONDS).clamp(0.0, 1.0);
        let ease = 1.0 - (1.0 - t).powi(3);
        let span = a.from.span * (a.to.span / a.from.span).powf(ease);
        let center = a.from.center() + (a.to.center() - a.from.center()) * ease;
        self.view = TimeView::new(center - span * 0.5, span);
        if t >= 1.0 {
            self.view = a.to;
            self.animation = None;
        } else {
            ctx.request_repaint();
        }
    }

    fn animate_to(&mut self, to: TimeView, ctx: &egui::Context) {
        let to = to.clamped(self.doc.limits());
        let started = ctx.input(|i| i.time);
        self.animation = Some(Animation {
            from: self.view,
            to,
            started,
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
            .filter(|(_, e)| self.filter.passes(e))
            .map(|(i, _)| i)
    }

    /// The next (dir > 0) or previous shown event in time from the selection, or from the
    /// view's center when nothing is selected.
    fn step_from(&self, dir: i32) -> Option<usize> {
        let events = self.doc.dataset.events();
        let candidates: Vec<usize> = self.shown().collect();
        let next = match self
            .selected
            .and_then(|s| candidates.iter().position(|&i| i == s))
        {
            Some(p) => p as i64 + i64::from(dir.signum()),
            None => {
                let c = self.view.center();
                let after = candidates.iter().position(|&i| events[i].axis_start() >= c);
                let after = after.unwrap_or(candidates.len()) as i64;
                if dir > 0 { after } else { after - 1 }
            }
        };
        usize::try_from(next)
            .ok()
            .and_then(|n| candidates.get(n))
            .copied()
    }

    /// The next search match after the selection, wrapping: events whose title matches come
    /// first (in time order), then those that match elsewhere.
    fn next_match(&self) -> Option<usize> {
        let title_matches = |i: usize| {
            self.doc
                .dataset
                .event(i)
                .is_some_and(|e| self.filter.search_in(&e.title))
        };
        let mut candidates: Vec<(bool, usize)> = self
            .shown()
            .filter(|&i| self.matches.get(i).copied().unwrap_or(false))
            .map(|i| (!title_matches(i), i))
            .collect();
        candidates.sort();
        let pos = self
            .selected
            .and_then(|s| candidates.iter().position(|&(_, i)| i == s));
        let next = pos.map_or(0, |p| (p + 1) % candidates.len().max(1));
        candidates.get(next).map(|&(_, i)| i)
    }

    /// A view that shows the event comfortably.
    fn view_of(&self, e: &Event) -> TimeView {
        let (a, b) = (e.axis_start(), e.axis_end());
        let span = ((b - a) * 1.6).max(60.0);
        let center = (a + b) * 0.5;
        TimeView::new(center - span * 0.5, span)
    }

    /// Keeps the selection on screen, moving (not zooming) the view when it is off.
    fn reveal(&mut self, index: usize, ctx: &egui::Context) {
        let Some(e) = self.doc.dataset.event(index) else {
            return;
        };
        let (a, b) = (e.axis_start(), e.axis_end());
        let margin = self.view.span * 0.05;
        if b < self.view.start + margin || a > self.view.end() - margin {
            let center: AxisTime = (a + b) * 0.5;
            let to = TimeView::new(center - self.view.span * 0.5, self.view.span);
            self.animate_to(to, ctx);
        }
    }

    /// Applies the commands of this frame: the only place that changes what is shown.
    pub fn apply(&mut self, ctx: &egui::Context) {
        let commands = std::mem::take(&mut self.commands);
        for c in commands {
            self.apply_one(c, ctx);
        }
        let title = format!("{} — Chronolane", self.doc.dataset.meta.title.trim());
        if title != self.title_shown {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title_shown = title;
        }
    }

    fn apply_one(&mut self, c: Command, ctx: &egui::Context) {
        let limits = self.doc.limits();
        match c {
            Command::Open(path) => self.open(&path),
            Command::ShowOpenDialog => self.open_dialog(),
            Command::Import(path, map) => {
                self.import = None;
                self.load(&path, map);
            }
            Command::AskColumns => self.ask_columns(),
            Command::CancelLoad => self.cancel_load(),
            Command::Reload => match self.doc.path.clone() {
                Some(p) => {
                    let map = self.map.clone();
                    self.load(&p, map);
                }
                None => self.message = "The embedded dataset has no file to reload".into(),
            },
            Command::OpenEmbedded => {
                self.remember_view();
                self.doc = Document::embedded();
                self.after_document_change();
                self.message = format!("Showing {}", self.doc.dataset.summary());
            }
            Command::Quit => ctx.send_viewport_cmd(ViewportCommand::Close),
            Command::Select(s) => self.selected = s,
            Command::Step(dir) => match self.step_from(dir) {
                Some(i) => {
                    self.selected = Some(i);
                    self.reveal(i, ctx);
                }
                None => self.message = "No more events that way".into(),
            },
            Command::NextMatch if self.is_searching() => {
                self.message = "Still searching…".into();
            }
            Command::NextMatch => {
                self.refresh_matches();
                match self.next_match() {
                    Some(i) => {
                        self.selected = Some(i);
                        self.reveal(i, ctx);
                    }
                    None => {
                        self.message = format!("No event matches \"{}\"", self.filter.search.trim())
                    }
                }
            }
            Command::SetView(v) => {
                self.animation = None;
                self.view = v.clamped(limits);
            }
            Command::AnimateTo(v) => self.animate_to(v, ctx),
            Command::ZoomToFit => self.animate_to(self.doc.fit_view(), ctx),
            Command::Zoom(f) => {
                let target = self.animation.map_or(self.view, |a| a.to);
                self.animate_to(target.zoom_at_clamped(target.center(), f, limits), ctx);
            }
            Command::Pan(fraction) => {
                let target = self.animation.map_or(self.view, |a| a.to);
                self.animate_to(target.pan(target.span * fraction), ctx);
            }
            Command::ZoomToSelected => match self.selected_event().map(|e| self.view_of(e)) {
                Some(v) => self.animate_to(v, ctx),
                None => self.message = "Select an event first (click it)".into(),
            },
            Command::ToggleTheme(id) => {
                if !self.filter.hidden_themes.remove(&id) {
                    self.filter.hidden_themes.insert(id);
                }
                self.invalidate_matches();
                if self
                    .selected_event()
                    .is_some_and(|e| !self.filter.passes(e))
                {
                    self.selected = None;
                }
            }
            Command::SetDark(dark) => {
                self.state.dark = dark;
                self.apply_theme(ctx);
            }
            Command::ShowExport => self.show_export = true,
            Command::SavePng => self.save_png_dialog(ctx),
            Command::SaveCsv => self.save_csv_dialog(),
            Command::OpenUrl(url) => {
                if url.starts_with("https://") || url.starts_with("http://") {
                    if let Err(e) = open::that_detached(&url) {
                        self.message = format!("Could not open {url}: {e}");
                    }
                } else {
                    self.message = format!("Only web links are opened: {url}");
                }
            }
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.handle_dropped_files(&ctx);
        self.animate(&ctx);
        self.refresh_matches();
        shortcuts::shortcuts(&ctx, self);
        egui::Panel::top("menu").show(ui, |ui| panels::menu::menu_bar_ui(ui, self));
        egui::Panel::bottom("status").show(ui, |ui| panels::status::status_ui(ui, self));
        if self.state.show_overview {
            egui::Panel::bottom("overview")
                .exact_size(panels::overview::HEIGHT)
                .show(ui, |ui| panels::overview::overview_ui(ui, self));
        }
        if self.state.show_filters {
            egui::Panel::left("filters")
                .resizable(true)
                .default_size(250.0)
                .show(ui, |ui| panels::filters::filters_ui(ui, self));
        }
        if self.state.show_details {
            egui::Panel::right("details")
                .resizable(true)
                .default_size(320.0)
                .show(ui, |ui| panels::details::details_ui(ui, self));
        }
        egui::CentralPanel::no_frame().show(ui, |ui| timeline_ui::timeline_ui(ui, self));
        panels::dialogs::dialogs_ui(&ctx, self);
        panels::import::import_ui(&ctx, self);
        panels::export::export_window_ui(&ctx, self);
        self.poll_job(&ctx);
        self.poll_load();
        self.apply(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.remember_view();
        eframe::set_value(storage, eframe::APP_KEY, &self.state);
    }
}
