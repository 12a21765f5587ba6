//! The window's state in named parts. [`crate::ui::App`] owns one of each; panels borrow the
//! parts they read (never mutably) and push commands; only `apply.rs` changes them.

use std::path::PathBuf;

use crate::io::ColumnMap;
use crate::model::{Filter, HistDate, LaneIndex};
use crate::timeline::TimeView;
use crate::timeline::lod::Level;

use super::command::Command;
use super::event_form::EventForm;
use super::files::ExportJob;
use super::follow::FileWatch;
use super::lanes_form::{DeleteLane, LanesEditor};
use super::loading::{ImportDialog, LoadJob};
use super::panels::chart::ChartShown;
use super::panels::properties::PropertiesForm;
use super::search::{Matches, SearchJob};
use super::skipped::SkipConfirm;
use super::timeline_ui::LaneShown;

/// The visible part of the time axis, and a smooth move in progress.
#[derive(Clone, Debug)]
pub struct ViewState {
    pub view: TimeView,
    pub animation: Option<Animation>,
    /// The lane (theme id) expanded from its "+N" badge.
    pub expanded: Option<String>,
}

/// A smooth move between two views.
#[derive(Clone, Copy, Debug)]
pub struct Animation {
    pub from: TimeView,
    pub to: TimeView,
    pub started: f64,
}

/// How long a smooth move takes.
pub const ANIMATION_SECONDS: f64 = 0.3;

impl ViewState {
    /// Where the view is going: the animation's target, or the view itself.
    pub fn target(&self) -> TimeView {
        self.animation.map_or(self.view, |a| a.to)
    }

    /// The view at time `now`, advancing the animation; true while it still moves.
    pub fn advance(&mut self, now: f64) -> bool {
        let Some(a) = self.animation else {
            return false;
        };
        let t = ((now - a.started) / ANIMATION_SECONDS).clamp(0.0, 1.0);
        let ease = 1.0 - (1.0 - t).powi(3);
        let span = a.from.span * (a.to.span / a.from.span).powf(ease);
        let center = a.from.center() + (a.to.center() - a.from.center()) * ease;
        self.view = TimeView::new(center - span * 0.5, span);
        if t >= 1.0 {
            self.view = a.to;
            self.animation = None;
        }
        self.animation.is_some()
    }
}

/// The filter panel's fields as typed. The filter follows them where they read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilterInputs {
    pub search: String,
    /// The date range, as EDTF text.
    pub from: String,
    pub to: String,
    pub min_importance: u8,
}

impl FilterInputs {
    /// A date field's date: `Ok(None)` when empty, the reason when it is not a date.
    pub fn date(text: &str) -> Result<Option<HistDate>, String> {
        let s = text.trim();
        if s.is_empty() {
            return Ok(None);
        }
        HistDate::parse(s)
            .map(Some)
            .map_err(|e| format!("\"{s}\": {e}"))
    }
}

/// The filter and the search: what the user typed, the filter it makes, and which events match.
#[derive(Debug, Default)]
pub struct FilterState {
    pub inputs: FilterInputs,
    pub filter: Filter,
    /// Whether each event matches the search (empty when there is no search).
    pub matches: Vec<bool>,
    pub match_count: usize,
    /// The matching events of each lane, indexed as the dataset's lanes are (empty when there
    /// is no search): what the chart counts while searching.
    pub matched_lanes: Vec<LaneIndex>,
    /// The search the matches are for; `None` when they must be found again.
    pub matches_for: Option<String>,
}

impl FilterState {
    pub fn new() -> Self {
        let inputs = FilterInputs {
            min_importance: 1,
            ..FilterInputs::default()
        };
        Self {
            filter: Filter {
                min_importance: 1,
                ..Filter::default()
            },
            inputs,
            ..Self::default()
        }
    }

    /// Takes the fields as typed; date fields that do not read leave the filter's date as it was.
    pub fn set_inputs(&mut self, inputs: FilterInputs) {
        self.filter.search.clone_from(&inputs.search);
        self.filter.min_importance = inputs.min_importance.clamp(1, 5);
        if let Ok(from) = FilterInputs::date(&inputs.from) {
            self.filter.from = from;
        }
        if let Ok(to) = FilterInputs::date(&inputs.to) {
            self.filter.to = to;
        }
        self.inputs = inputs;
        self.matches_for = None;
    }

    pub fn set_matches(&mut self, m: Matches) {
        self.matches = m.matches;
        self.match_count = m.count;
    }
}

/// The selected event.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    pub selected: Option<usize>,
}

/// Work running in the background.
#[derive(Debug, Default)]
pub struct Jobs {
    /// A file being read.
    pub loading: Option<LoadJob>,
    /// A search of a big dataset.
    pub search: Option<SearchJob>,
    /// A figure being rendered.
    pub export: Option<ExportJob>,
    /// The window was closed while a figure was being written: it closes once it is.
    pub close_after_export: bool,
    /// The watch on the file on screen, to read it again when it changes.
    pub watch: Option<FileWatch>,
    /// Where snapshots of big files are kept (`None`: none are read or written).
    pub snapshots: Option<crate::io::snapshot::Cache>,
    /// A snapshot to write once the file's dataset has been on screen for a frame.
    pub snapshot_due: Option<super::loading::SnapshotDue>,
    /// Whether the window's frames are drawn on the CPU ([`super::job::progress_repaint`]).
    pub cpu_frames: bool,
}

impl Jobs {
    pub fn is_searching(&self) -> bool {
        self.search.is_some()
    }
}

/// A report of a file that did not open, or notes on one that did.
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
    ExportSvg,
    ExportPdf,
    /// Where to save the rows of a file that have problems.
    SkippedRows,
    /// Where to save the chart's counts as CSV.
    ChartCsv,
    /// Where to save the chart as a PNG image.
    ChartPng,
    /// Where to save the timeline (Save As…).
    SaveAs,
}

/// The question before saving as CSV: what the file would not hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvWarning {
    pub path: PathBuf,
    /// `2 eras`, `the colours of 3 lanes`, `the dataset's description`.
    pub lost: Vec<String>,
}

/// A path typed by hand.
#[derive(Clone, Debug, PartialEq, Eq)]
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

/// The command palette: what is typed and which row is highlighted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Palette {
    pub query: String,
    pub highlighted: usize,
    /// The query field has been given the keyboard focus once.
    pub focused: bool,
}

/// The windows over the app, each open or not.
#[derive(Debug, Default)]
pub struct Dialogs {
    pub problems: Option<ProblemReport>,
    pub path_prompt: Option<PathPrompt>,
    /// Whether paths are asked through the desktop's dialogs or typed.
    pub file_dialogs: super::files::FileDialogs,
    pub import: Option<ImportDialog>,
    pub palette: Option<Palette>,
    /// A file some of whose rows have problems, waiting for Open the good events / Cancel.
    pub skip_confirm: Option<Box<SkipConfirm>>,
    /// The list of the rows skipped from the file on screen is shown.
    pub skipped_list: bool,
    pub shortcuts: bool,
    pub about: bool,
    /// The event form in the side panel, while an event is made or changed.
    pub form: Option<EventForm>,
    /// A command held back by Save / Don't save / Cancel: it would lose unsaved changes.
    pub unsaved: Option<Box<Command>>,
    /// The command to run once the save under way has written its file.
    pub after_save: Option<Box<Command>>,
    /// "Don't save" was answered: the next command that would lose changes runs.
    pub discard_once: bool,
    /// The question before saving as CSV.
    pub csv_warning: Option<CsvWarning>,
    /// File ▸ Properties, while it is open.
    pub properties: Option<PropertiesForm>,
    /// Edit ▸ Lanes & eras, while it is open.
    pub lanes: Option<LanesEditor>,
    /// The question of where the events of a lane being deleted go.
    pub delete_lane: Option<DeleteLane>,
}

impl Dialogs {
    /// A dialog that reads plain keys (Enter, Esc, arrows) is open: the timeline's single-key
    /// shortcuts wait.
    pub fn takes_keys(&self) -> bool {
        self.import.is_some()
            || self.palette.is_some()
            || self.path_prompt.is_some()
            || self.skip_confirm.is_some()
            || self.skipped_list
            || self.form.is_some()
            || self.unsaved.is_some()
            || self.csv_warning.is_some()
            || self.properties.is_some()
            || self.lanes.is_some()
            || self.delete_lane.is_some()
    }
}

/// The CSV columns chosen for a file (`--map`, or the import dialog), used again on reload.
#[derive(Clone, Debug, Default)]
pub struct Columns {
    pub map: ColumnMap,
    pub for_path: Option<PathBuf>,
}

impl Columns {
    /// The columns for `path`: the ones chosen for it, else the default.
    pub fn for_file(&self, path: &std::path::Path) -> ColumnMap {
        if self.for_path.as_deref() == Some(path) {
            self.map.clone()
        } else {
            ColumnMap::default()
        }
    }
}

/// What the last frame's timeline showed, for the status bar, the export panel and tests.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FrameInfo {
    /// Events of the visible range that pass the filter.
    pub visible_count: usize,
    /// How each shown lane was drawn (events, clusters or density).
    pub levels: Vec<Level>,
    /// Size of the timeline widget (points), for figures "1× of the view".
    pub timeline_size: egui::Vec2,
    /// What each shown lane showed.
    pub lanes: Vec<LaneShown>,
    /// What the chart showed, when it is shown.
    pub chart: Option<ChartShown>,
    /// Where the selected event's marker is, when it is drawn.
    pub selected_marker: Option<egui::Rect>,
    /// Days of the time axis per point.
    pub days_per_point: f64,
}
