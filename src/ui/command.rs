//! Commands: every change the window can make, as data. Panels, the timeline, the keys and the
//! command palette push them during a frame into [`Commands`]; [`crate::ui::App`] applies them
//! once, at the frame's end (`apply.rs`), and nothing else changes the app's state.
//!
//! A panel that edits values (a text field, a slider, a settings form) edits a copy and pushes
//! the copy when it changed (`SetFilterInputs`, `SetExportSettings`, …).

use crate::timeline::second_row::SecondCalendar;
use std::path::PathBuf;

use crate::io::{ColumnMap, FieldMap};
use crate::timeline::TimeView;

use super::event_form::EventForm;
use super::lanes_form::{DeleteLane, LaneEdit, LanesEditor, LanesOpen};
use super::panels::properties::PropertiesForm;
use super::parts::{FilterInputs, Palette, PathPrompt, PathPurpose};
use super::saving::{CsvAnswer, UnsavedAnswer};
use super::state::{ChartSettings, ExportSettings, SideTab};

/// A panel that can be shown or hidden.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    Filters,
    Details,
    Overview,
    Chart,
}

/// A window over the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialog {
    Shortcuts,
    About,
    Problems,
    PathPrompt,
    Palette,
    /// The question before opening a file some of whose rows have problems; closing it cancels.
    SkipConfirm,
    /// The list of the rows skipped from the file on screen.
    Skipped,
    /// The notes on how the file on screen was read.
    Notes,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Open a dataset file (asking for its columns first where needed).
    Open(PathBuf),
    /// Open a CSV file with the columns chosen in the import dialog.
    Import(PathBuf, ColumnMap),
    /// The import dialog's column choice changed: read its preview again.
    RemapImport(FieldMap<Option<usize>>),
    /// Open the good rows of a file some of whose rows have problems.
    OpenGoodRows,
    /// Ask where to save the rows with problems as CSV, then write them.
    SaveSkippedRows,
    /// Close the import dialog without opening the file.
    CancelImport,
    /// Show the import dialog for the open CSV file.
    AskColumns,
    /// Stop reading a file in the background.
    CancelLoad,
    /// Ask for a file to open (native dialog, or a typed path where there is none).
    ShowOpenDialog,
    /// Read the current file again.
    Reload,
    /// Go back to the embedded Japan–Russia dataset.
    OpenEmbedded,
    Quit,
    /// Select an event by index, or clear the selection.
    Select(Option<usize>),
    /// Select an event and bring it into view (a link in the details panel).
    Reveal(usize),
    /// Draw every link in view (`true`), or only those of the selected and hovered events.
    ShowAllLinks(bool),
    /// View ▸ Second calendar.
    SetSecondCalendar(SecondCalendar),
    /// View ▸ Names under labels.
    ShowNamesOnLabels(bool),
    /// Select the next (+1) or previous (-1) shown event in time.
    Step(i32),
    /// Select the next event matching the search.
    NextMatch,
    /// Show this part of the time axis at once.
    SetView(TimeView),
    /// Move smoothly to this part of the time axis.
    AnimateTo(TimeView),
    ZoomToFit,
    /// Zoom around the center by a factor (> 1 zooms in).
    Zoom(f64),
    /// Pan by a fraction of the visible span (positive is later).
    Pan(f64),
    ZoomToSelected,
    /// Give this lane (theme id) the rows it needs first, the others what is left; `None`
    /// shares the height by need again.
    ExpandLane(Option<String>),
    /// Collapse (`true`) or expand a lane, by theme id.
    CollapseLane(String, bool),
    /// Move a lane just before another (to the bottom when `None`), by theme ids.
    MoveLane {
        theme: String,
        before: Option<String>,
    },
    /// Give a lane a height in sub-rows, or (`None`) the rows it needs.
    SetLaneHeight(String, Option<usize>),
    /// Hide every lane but this one.
    ShowOnlyLane(String),
    ShowAllLanes,
    /// The lanes in the file's order, expanded, each as tall as it needs.
    ResetLanes,
    /// Show or hide a theme's lane.
    ToggleTheme(String),
    /// The filter panel's fields as typed: search, date range, minimum importance.
    SetFilterInputs(FilterInputs),
    SetDark(bool),
    ShowPanel(Panel, bool),
    /// Show the side panel on the right at this tab.
    ShowTab(SideTab),
    Show(Dialog),
    Close(Dialog),
    /// The chart's mode or periods changed.
    SetChart(ChartSettings),
    /// The export panel's settings changed.
    SetExportSettings(ExportSettings),
    /// Ask where to save a figure, then render it in the background.
    SavePng,
    /// Ask where to save a CSV file, then write it.
    SaveCsv,
    /// Ask where to save the figure as SVG, then write it in the background.
    SaveSvg,
    /// Ask where to save the figure as PDF, then write it in the background.
    SavePdf,
    /// Ask where to save the chart's counts as CSV, then write them.
    SaveChartCsv,
    /// Ask where to save the chart as a PNG image, then write it.
    SaveChartPng,
    /// The typed path prompt changed.
    SetPrompt(PathPrompt),
    /// A typed path was given for this purpose.
    SubmitPath(PathPurpose, PathBuf),
    /// The command palette's query or highlighted row changed.
    SetPalette(Palette),
    /// Open a web page (http or https only).
    OpenUrl(String),
    /// Open the event form for a new event.
    NewEvent,
    /// Open the event form for a new event starting at this date (EDTF) in this theme's lane
    /// (a double-click on empty lane space).
    NewEventAt {
        theme: String,
        start: String,
    },
    /// Open the event form on the selected event.
    EditSelected,
    /// The event form's fields as typed.
    SetForm(Box<EventForm>),
    /// Make the event form's edit (when every field reads) and close it.
    CommitForm,
    /// Close the event form; nothing changes.
    CancelForm,
    DeleteSelected,
    DuplicateSelected,
    /// Move the start (or the end) of the span with this id by about `days`, in whole steps of
    /// that date's precision (a drag on an end of its bar); `fine`: the next finer steps (Shift).
    ResizeEvent {
        id: String,
        start: bool,
        days: f64,
        fine: bool,
    },
    /// Move the event with this id by about `days`, in whole steps of its precision (`fine`: the
    /// next finer steps, Shift held), and into another theme's lane when one is given (a drag).
    MoveEvent {
        id: String,
        days: f64,
        theme: Option<String>,
        fine: bool,
    },
    Undo,
    Redo,
    /// Open File ▸ Properties on the dataset's title, description and sources.
    ShowProperties,
    /// The properties as typed.
    SetProperties(Box<PropertiesForm>),
    /// Make the properties' edit and close the window.
    CommitProperties,
    CancelProperties,
    /// The "Lanes & eras" editor and the lanes' and eras' edits.
    Lanes(LaneCommand),
    /// An empty timeline with the three default lanes.
    NewTimeline,
    /// Save to the file the dataset came from (asking where when it has none).
    Save,
    /// Ask where to save, then save there.
    SaveAs,
    /// The answer to Save / Don't save / Cancel.
    AnswerUnsaved(UnsavedAnswer),
    /// The answer to what CSV cannot hold: JSON instead, CSV all the same, or Cancel.
    AnswerCsv(CsvAnswer),
    /// Restore (true) or discard the unsaved work found at start.
    AnswerRecovery(bool),
    /// The file on screen changed on disk: read it again (asking first when there are unsaved
    /// edits), keeping the view and the selection.
    FileChanged,
}

/// The commands of the "Lanes & eras" editor and of a lane's menu that edit the dataset.
#[derive(Clone, Debug, PartialEq)]
pub enum LaneCommand {
    /// Open the editor (at a lane's name or colours, the new lane's name, or a new era).
    Show(LanesOpen),
    Close,
    /// The editor's fields as typed.
    Set(Box<LanesEditor>),
    /// Add, rename, recolour, move or delete a lane: one undo step each.
    Edit(LaneEdit),
    /// Where a deleted lane's events go, as chosen; `None` closes the question (nothing changes).
    SetDelete(Option<DeleteLane>),
    /// Make the era form's edit (when every field reads) and close the form.
    CommitEra,
    /// Delete the era at this index.
    DeleteEra(usize),
}

/// The commands pushed during a frame.
#[derive(Debug, Default)]
pub struct Commands(Vec<Command>);

impl Commands {
    pub fn push(&mut self, command: Command) {
        self.0.push(command);
    }

    pub fn extend(&mut self, commands: impl IntoIterator<Item = Command>) {
        self.0.extend(commands);
    }

    /// Takes this frame's commands, in the order they were pushed.
    pub fn take(&mut self) -> Vec<Command> {
        std::mem::take(&mut self.0)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
