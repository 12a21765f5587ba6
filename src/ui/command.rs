//! Commands: what the panels ask for. They are collected during a frame and applied once, at its
//! end, by [`crate::ui::app::App::apply`].

use std::path::PathBuf;

use crate::timeline::TimeView;

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Open a dataset file.
    Open(PathBuf),
    /// Open a CSV file with the columns chosen in the import dialog.
    Import(PathBuf, crate::io::ColumnMap),
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
    /// Show or hide a theme's lane.
    ToggleTheme(String),
    SetDark(bool),
    /// Show the export window.
    ShowExport,
    /// Ask where to save a figure, then render it in the background.
    SavePng,
    /// Ask where to save a CSV file, then write it.
    SaveCsv,
    /// Open a web page (http or https only).
    OpenUrl(String),
}
