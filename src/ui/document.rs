//! The document: the dataset on screen and the file it came from, with what follows from it
//! (its name, the key its view is remembered by, the view that fits it).

use std::path::PathBuf;
use std::sync::Arc;

use crate::io::{self, DEFAULT_DATASET_NAME};

use super::skipped::Skipped;
use crate::model::{Dataset, History};
use crate::timeline::{Limits, TimeView};

/// The dataset on screen and where it came from.
#[derive(Debug)]
pub struct Document {
    /// Shared with background work (search, export); never changed once loaded.
    pub dataset: Arc<Dataset>,
    /// The file it was read from; `None` for the embedded dataset.
    pub path: Option<PathBuf>,
    /// Notes on how the file was read, as `path:line: note`.
    pub notes: Vec<String>,
    /// The rows of the file left out for their problems.
    pub skipped: Option<Skipped>,
    /// The edits made since it was opened, to undo and redo; and whether it is saved.
    pub history: History,
}

impl Document {
    pub fn embedded() -> Self {
        Self::new(io::default_dataset(), None)
    }

    /// A document with no notes and nothing skipped.
    pub fn new(dataset: crate::model::Dataset, path: Option<PathBuf>) -> Self {
        Self {
            dataset: Arc::new(dataset),
            path,
            notes: Vec::new(),
            skipped: None,
            history: History::default(),
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
        if let Some((a, b)) = self.dataset.time_range() {
            Limits::around(a, b)
        } else {
            let c = crate::model::date::axis_from_year(1900);
            Limits::around(c - 365.0 * 50.0, c + 365.0 * 50.0)
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

    /// Whether there are changes not saved to its file.
    pub fn is_dirty(&self) -> bool {
        !self.history.is_saved()
    }

    /// Whether the dataset came from a CSV file (by its name).
    pub fn is_csv(&self) -> bool {
        self.path
            .as_ref()
            .is_some_and(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")))
    }
}
