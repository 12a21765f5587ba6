//! Saving from the window, applied by [`App::apply`] (this is part of it): File ▸ New, Save
//! (to the file the dataset came from, in its format), Save As… (JSON or CSV, saying first what
//! CSV cannot hold), atomic writes keeping the previous version as `NAME.bak`, and the question
//! Save / Don't save / Cancel before unsaved changes would be lost.

use std::path::{Path, PathBuf};

use crate::io::{self, Format, atomic};
use crate::model::{Dataset, Meta, Theme};

use super::app::App;
use super::command::Command;
use super::document::Document;
use super::files::{Asked, in_current_dir};
use super::parts::{CsvWarning, PathPurpose};

/// The title of a new, empty timeline.
pub const UNTITLED: &str = "Untitled timeline";

/// The answer to "Save the changes?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnsavedAnswer {
    Save,
    DontSave,
    Cancel,
}

/// The answer to "CSV cannot hold …".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvAnswer {
    /// Save as JSON beside it instead (same name, `.json`).
    Json,
    /// Save as CSV all the same.
    Csv,
    Cancel,
}

/// The format a file is saved in, by its name: CSV for `.csv` (and `.tsv`), else JSON.
pub fn format_of(path: &Path) -> Format {
    match path.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("tsv") => Format::Csv,
        _ => Format::Json,
    }
}

/// The other tool whose JSON `path` holds (`TimelineJS`, vis-timeline, Wikidata), if any.
fn other_tools_format(path: &Path) -> Option<&'static str> {
    use std::io::Read;
    let mut head = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(64 * 1024)
        .read_to_end(&mut head)
        .ok()?;
    let text = String::from_utf8_lossy(&head);
    if io::detect_format(&text) != Format::Json {
        return None;
    }
    match io::foreign::dialect(&text) {
        io::foreign::Dialect::Native => None,
        io::foreign::Dialect::TimelineJs => Some("TimelineJS"),
        io::foreign::Dialect::VisTimeline => Some("vis-timeline"),
        io::foreign::Dialect::QueryResults => Some("Wikidata query results"),
    }
}

/// An empty timeline with the three default lanes.
pub fn empty_dataset() -> Dataset {
    let meta = Meta {
        title: UNTITLED.to_owned(),
        ..Meta::default()
    };
    Dataset::new(meta, Theme::defaults(), Vec::new(), Vec::new()).0
}

impl App {
    /// Whether `c` would lose unsaved changes, so that it asks first.
    fn loses_changes(c: &Command) -> bool {
        matches!(
            c,
            Command::Open(_)
                | Command::ShowOpenDialog
                | Command::Reload
                | Command::OpenEmbedded
                | Command::NewTimeline
                | Command::Quit
                | Command::FileChanged
                | Command::SubmitPath(PathPurpose::Open, _)
        )
    }

    /// Holds back a command that would lose unsaved changes, asking Save / Don't save /
    /// Cancel; true when it was held back.
    pub(super) fn ask_before(&mut self, c: &Command) -> bool {
        if !Self::loses_changes(c) {
            return false;
        }
        if self.dialogs.discard_once {
            self.dialogs.discard_once = false;
            return false;
        }
        if !self.doc.is_dirty() {
            return false;
        }
        self.dialogs.unsaved = Some(Box::new(c.clone()));
        true
    }

    /// Applies a saving command.
    pub(super) fn apply_save(&mut self, c: &Command) {
        match *c {
            Command::NewTimeline => {
                self.install(Document::new(empty_dataset(), None));
                self.message = "A new timeline: Ctrl+N adds an event".into();
            }
            Command::Save => self.save(),
            Command::SaveAs => self.save_as_dialog(),
            Command::AnswerUnsaved(answer) => self.answer_unsaved(answer),
            Command::AnswerCsv(answer) => self.answer_csv(answer),
            _ => {}
        }
    }

    fn answer_unsaved(&mut self, answer: UnsavedAnswer) {
        let Some(pending) = self.dialogs.unsaved.take() else {
            return;
        };
        match answer {
            UnsavedAnswer::Cancel => {
                self.dialogs.after_save = None;
                self.message = "Nothing was lost: the changes are still here".into();
            }
            UnsavedAnswer::DontSave => {
                self.dialogs.discard_once = true;
                self.push(*pending);
            }
            UnsavedAnswer::Save => {
                self.dialogs.after_save = Some(pending);
                self.save();
            }
        }
    }

    /// Saves to the file the dataset came from, in its format; asks where when it has none
    /// (the embedded dataset, a new timeline), which is never overwritten.
    fn save(&mut self) {
        match self.doc.path.clone() {
            Some(path) => match other_tools_format(&path) {
                // Chronolane writes its own JSON, not another tool's: saving over the file
                // would change its format under the tool that reads it.
                Some(tool) => {
                    self.message = format!(
                        "{} is a {tool} file; Chronolane saves its own JSON: choose where",
                        path.display()
                    );
                    self.save_as_dialog();
                }
                None => self.save_checked(path),
            },
            None => self.save_as_dialog(),
        }
    }

    /// Asks where to save (JSON or CSV), with a typed path where there is no dialog.
    fn save_as_dialog(&mut self) {
        let name = format!("{}.json", self.doc.name());
        let dialog = rfd::FileDialog::new()
            .set_title("Save the timeline")
            .set_file_name(&name)
            .add_filter("Chronolane JSON", &["json"])
            .add_filter("CSV (events only)", &["csv"]);
        match self.ask_path(PathPurpose::SaveAs, dialog, true, in_current_dir(&name)) {
            Asked::Path(path) => self.save_checked(path),
            Asked::Typed => {}
            Asked::Cancelled => self.dialogs.after_save = None,
        }
    }

    /// Saves to `path`, first saying what CSV cannot hold when that is its format.
    pub(super) fn save_checked(&mut self, path: PathBuf) {
        if format_of(&path) == Format::Csv {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let lost = io::csv_losses(&self.doc.dataset, &stem);
            if !lost.is_empty() {
                self.dialogs.csv_warning = Some(CsvWarning { path, lost });
                return;
            }
        }
        self.write_to(&path);
    }

    fn answer_csv(&mut self, answer: CsvAnswer) {
        let Some(warning) = self.dialogs.csv_warning.take() else {
            return;
        };
        match answer {
            CsvAnswer::Csv => self.write_to(&warning.path),
            CsvAnswer::Json => self.write_to(&warning.path.with_extension("json")),
            CsvAnswer::Cancel => {
                self.dialogs.after_save = None;
                self.message = "Not saved".into();
            }
        }
    }

    /// Writes the dataset to `path` in the format its name says, atomically, keeping the file
    /// it replaces as `NAME.bak`; then the document is that file's, and saved.
    fn write_to(&mut self, path: &Path) {
        let d = &self.doc.dataset;
        let events = d.events().len();
        let text = match format_of(path) {
            Format::Csv => io::csv::dataset_to_string(d),
            Format::Json => io::json::to_string(d),
        };
        match atomic::write_keeping_backup(path, text.as_bytes()) {
            Ok(backup) => {
                // The rows skipped on opening are not in the file written over it (they are in
                // its backup).
                let skipped = if self.doc.path.as_deref() == Some(path) {
                    self.doc.skipped.take()
                } else {
                    None
                };
                if self.columns.for_path.as_deref() == Some(path) {
                    // The file now has Chronolane's own columns.
                    self.columns = super::parts::Columns::default();
                }
                if self.doc.path.as_deref() != Some(path) {
                    self.remember_view();
                    self.doc.path = Some(path.to_path_buf());
                    self.persisted.remember(path.to_path_buf());
                }
                self.doc.history.mark_saved();
                self.drop_recovery();
                // What was just written is the version on screen: no reload for it.
                self.follow_file();
                let mut kept = backup
                    .map(|b| format!("; the previous version is {}", b.display()))
                    .unwrap_or_default();
                if let Some(s) = skipped {
                    kept.push_str(" (with the rows skipped on opening: ");
                    kept.push_str(&s.status_text());
                    kept.push(')');
                }
                self.message = format!("Saved {events} events to {}{kept}", path.display());
                if let Some(next) = self.dialogs.after_save.take() {
                    self.push(*next);
                }
            }
            Err(e) => {
                self.dialogs.after_save = None;
                self.message = format!(
                    "Could not save to {}: {e}; the file was not changed",
                    path.display()
                );
            }
        }
    }
}
