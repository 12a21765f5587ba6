//! Files some of whose rows have problems: before the dataset on screen is replaced, the window
//! asks ("98 rows, 1 with problems:", Open the 97 good events / Cancel); once the good rows are
//! open, the status bar keeps "1 row skipped" and the list. The skipped rows can be saved as CSV
//! to fix them; the file being opened is never written.

use std::path::{Path, PathBuf};

use crate::io::{self, ColumnMap, Format, Loaded, PartialLoad};

use super::app::App;
use super::files::Asked;
use super::parts::PathPurpose;

/// The rows of a file that were skipped for their problems.
#[derive(Clone, Debug)]
pub struct Skipped {
    /// The file they are in.
    pub path: PathBuf,
    /// What a row is called: `row` (CSV) or `event` (JSON).
    pub noun: &'static str,
    /// Rows in the file, the skipped ones included.
    pub rows: usize,
    /// Rows skipped.
    pub count: usize,
    /// Every problem, as `path:line: message`.
    pub lines: Vec<String>,
    /// The skipped rows as CSV, with a header.
    pub rows_csv: String,
}

impl Skipped {
    fn new(path: &Path, partial: &mut PartialLoad) -> Self {
        let shown = path.display().to_string();
        Self {
            path: path.to_path_buf(),
            noun: match partial.format {
                Format::Csv => "row",
                Format::Json => "event",
            },
            rows: partial.rows,
            count: partial.skipped,
            lines: partial.problems.iter().map(|p| p.located(&shown)).collect(),
            rows_csv: std::mem::take(&mut partial.rows_csv),
        }
    }

    /// `98 rows, 1 with problems:`
    pub fn heading(&self) -> String {
        format!(
            "{}, {} with problems:",
            count(self.rows, self.noun),
            self.count
        )
    }

    /// `Open the 97 good events`
    pub fn open_label(&self) -> String {
        format!(
            "Open the {} good events",
            self.rows.saturating_sub(self.count)
        )
    }

    /// `1 row skipped`, for the status bar.
    pub fn status_text(&self) -> String {
        format!("{} skipped", count(self.count, self.noun))
    }

    /// The file's name.
    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    }
}

/// `1 row`, `98 rows`.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A file read with some rows skipped, waiting for the user to open the good ones or cancel.
#[derive(Debug)]
pub struct SkipConfirm {
    pub skipped: Skipped,
    pub loaded: Loaded,
    /// The columns it was read with.
    pub map: ColumnMap,
}

impl App {
    /// A file was read but some rows have problems: asks before replacing the dataset.
    pub(super) fn ask_to_skip(&mut self, path: &Path, map: ColumnMap, mut partial: PartialLoad) {
        let skipped = Skipped::new(path, &mut partial);
        self.message = format!(
            "{}: {} of {} have problems; {} stays open until you choose",
            skipped.file_name(),
            skipped.count,
            count(skipped.rows, skipped.noun),
            self.doc.name()
        );
        self.dialogs.skipped_list = false;
        self.dialogs.skip_confirm = Some(Box::new(SkipConfirm {
            skipped,
            loaded: partial.loaded,
            map,
        }));
    }

    /// Opens the good rows of the file waiting for confirmation.
    pub(super) fn open_good_rows(&mut self) {
        if let Some(confirm) = self.dialogs.skip_confirm.take() {
            let SkipConfirm {
                skipped,
                loaded,
                map,
            } = *confirm;
            let path = skipped.path.clone();
            self.opened(&path, map, loaded, Some(skipped));
        }
    }

    /// Drops the file waiting for confirmation; the dataset on screen stays.
    pub(super) fn cancel_skip(&mut self) {
        if let Some(confirm) = self.dialogs.skip_confirm.take() {
            self.message = format!(
                "Did not open {}; {} stays open",
                confirm.skipped.file_name(),
                self.doc.name()
            );
        }
    }

    /// The skipped rows shown now: of the file waiting for confirmation, else of the one open.
    fn skipped_shown(&self) -> Option<&Skipped> {
        self.dialogs
            .skip_confirm
            .as_ref()
            .map(|c| &c.skipped)
            .or(self.doc.skipped.as_ref())
    }

    /// Asks where to save the skipped rows (a typed path where no dialog answers), then writes.
    pub(super) fn save_skipped_dialog(&mut self) {
        let Some(skipped) = self.skipped_shown() else {
            return;
        };
        let stem = skipped
            .path
            .file_stem()
            .map_or_else(|| "rows".to_owned(), |s| s.to_string_lossy().into_owned());
        let name = format!("{stem}-problems.csv");
        let folder = skipped.path.parent().map(Path::to_path_buf);
        let mut dialog = rfd::FileDialog::new()
            .set_title("Save the rows with problems as CSV")
            .set_file_name(&name)
            .add_filter("CSV", &["csv"]);
        if let Some(folder) = &folder {
            dialog = dialog.set_directory(folder);
        }
        let typed = folder
            .filter(|f| !f.as_os_str().is_empty())
            .or_else(|| std::env::current_dir().ok())
            .map_or(name.clone(), |d| d.join(&name).display().to_string());
        if let Asked::Path(path) = self.ask_path(PathPurpose::SkippedRows, dialog, true, typed) {
            self.save_skipped(&path);
        }
    }

    /// Writes the skipped rows to `path`, atomically; never over the file they came from.
    pub(super) fn save_skipped(&mut self, path: &Path) {
        let Some(skipped) = self.skipped_shown() else {
            return;
        };
        let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => a == b,
        };
        let rows = count(skipped.count, skipped.noun);
        self.message = if same(path, &skipped.path) {
            format!(
                "Nothing was written: {} is the file the rows come from; choose another name",
                path.display()
            )
        } else {
            match io::atomic::write(path, skipped.rows_csv.as_bytes()) {
                Ok(()) => format!("Wrote the {rows} with problems to {}", path.display()),
                Err(e) => format!(
                    "Could not write {}: {e}; nothing was written",
                    path.display()
                ),
            }
        };
    }
}
