//! Nothing lost in a crash: while there are unsaved changes, the dataset is written every 30
//! seconds (and after every 20 changes) to a recovery file in the app's data folder; the next
//! start offers to restore it, saying from when; a clean save, quit or another document removes
//! it.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::io::{self, atomic};
use crate::model::{CivilDate, Dataset};

use super::app::App;
use super::document::Document;

/// The recovery file's name in the app's data folder.
pub const RECOVERY_FILE: &str = "recovery.json";
/// Unsaved work is written at least this often…
pub const RECOVERY_EVERY: Duration = Duration::from_secs(30);
/// …and after this many changes.
pub const RECOVERY_CHANGES: usize = 20;

#[derive(Serialize)]
struct FileOut<'a> {
    /// Seconds since 1970 (UTC) when it was written.
    written: u64,
    /// The file the work belongs to, if it has one.
    path: Option<&'a Path>,
    /// The dataset, as Chronolane JSON.
    dataset: &'a RawValue,
}

#[derive(Deserialize)]
struct FileIn {
    written: u64,
    path: Option<PathBuf>,
    dataset: Box<RawValue>,
}

/// Unsaved work found at start, offered to restore.
#[derive(Debug)]
pub struct Recovered {
    pub dataset: Dataset,
    /// The file the work belongs to.
    pub path: Option<PathBuf>,
    /// When it was written: `27 November 2026, 03:40 UTC`.
    pub when: String,
}

/// Writes the recovery file for `dataset` (from `path`) into `dir`, atomically.
pub fn write(dir: &Path, dataset: &Dataset, path: Option<&Path>) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let json = io::json::to_string(dataset);
    let raw = RawValue::from_string(json).map_err(std::io::Error::other)?;
    let written = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let text = serde_json::to_string(&FileOut {
        written,
        path,
        dataset: &raw,
    })
    .map_err(std::io::Error::other)?;
    atomic::write(&dir.join(RECOVERY_FILE), text.as_bytes())
}

/// The work in `dir`'s recovery file, when there is one that reads.
pub fn read(dir: &Path) -> Option<Recovered> {
    let text = std::fs::read_to_string(dir.join(RECOVERY_FILE)).ok()?;
    let file: FileIn = serde_json::from_str(&text).ok()?;
    let (dataset, _) = io::json::parse(file.dataset.get()).ok()?;
    Some(Recovered {
        dataset,
        path: file.path,
        when: when_in_words(file.written),
    })
}

/// Removes `dir`'s recovery file, if any.
pub fn remove(dir: &Path) {
    let _ = std::fs::remove_file(dir.join(RECOVERY_FILE));
}

/// `27 November 2026, 03:40 UTC`.
fn when_in_words(secs: u64) -> String {
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rest = secs % 86_400;
    let date = CivilDate::from_days(days);
    let month = crate::model::calendar::MONTH_NAMES
        .get(usize::from(date.month).saturating_sub(1))
        .copied()
        .unwrap_or("");
    format!(
        "{} {month} {}, {:02}:{:02} UTC",
        date.day,
        date.year,
        rest / 3600,
        rest % 3600 / 60
    )
}

/// Whether unsaved work is written now: after `changes` changes (at least one) since it was
/// last written, `since` ago (`None`: never).
pub fn is_due(changes: usize, since: Option<Duration>) -> bool {
    changes > 0 && (changes >= RECOVERY_CHANGES || since.is_none_or(|s| s >= RECOVERY_EVERY))
}

/// Where unsaved work is written, and when it last was.
#[derive(Debug, Default)]
pub struct Recovery {
    /// The app's data folder; `None` writes nothing (tests, or no home folder).
    pub dir: Option<PathBuf>,
    pub last_written: Option<Instant>,
    /// Work found at start, until restored or discarded.
    pub offer: Option<Recovered>,
}

impl App {
    /// Writes unsaved work to the recovery file in `dir` from now on, and offers any work
    /// found there (a crash) to restore.
    #[must_use]
    pub fn with_recovery_dir(mut self, dir: PathBuf) -> Self {
        self.recovery.offer = read(&dir);
        self.recovery.dir = Some(dir);
        self
    }

    /// Writes the recovery file when there are unsaved changes and 30 seconds or 20 changes
    /// have passed since it was last written; asks to be woken for the next time.
    pub(super) fn keep_recovery(&mut self, ctx: &egui::Context) {
        let Some(dir) = self.recovery.dir.clone() else {
            return;
        };
        let changes = self.doc.history.changes_since_written;
        if !self.doc.is_dirty() || changes == 0 {
            return;
        }
        let since = self.recovery.last_written.map(|t| t.elapsed());
        if is_due(changes, since) {
            match write(&dir, &self.doc.dataset, self.doc.path.as_deref()) {
                Ok(()) => self.doc.history.changes_since_written = 0,
                Err(e) => self.message = format!("Could not write the recovery file: {e}"),
            }
            self.recovery.last_written = Some(Instant::now());
        }
        ctx.request_repaint_after(RECOVERY_EVERY);
    }

    /// The work was saved, or given up: no recovery file is left.
    pub(super) fn drop_recovery(&mut self) {
        if let Some(dir) = &self.recovery.dir {
            remove(dir);
        }
        self.recovery.last_written = None;
    }

    /// Restores (`true`) or discards the work offered at start.
    pub(super) fn answer_recovery(&mut self, restore: bool) {
        let Some(found) = self.recovery.offer.take() else {
            return;
        };
        if restore {
            let mut doc = Document::new(found.dataset, found.path);
            doc.history.mark_unsaved();
            self.install(doc);
            // Kept again at once: it is still unsaved.
            self.doc.history.changes_since_written = 1;
            self.message = format!("Restored the unsaved work of {}", found.when);
        } else {
            self.drop_recovery();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recovery_file_gives_back_the_dataset_and_its_file() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let d = io::default_dataset();
        write(dir.path(), &d, Some(Path::new("/data/events.json")))?;
        let found = read(dir.path()).unwrap_or_else(|| panic!("written"));
        assert_eq!(found.dataset, d);
        assert_eq!(found.path.as_deref(), Some(Path::new("/data/events.json")));
        assert!(found.when.ends_with(" UTC"), "{}", found.when);
        remove(dir.path());
        assert!(read(dir.path()).is_none());
        Ok(())
    }

    #[test]
    fn work_is_written_at_the_first_change_then_every_30_seconds_or_20_changes() {
        let secs = Duration::from_secs;
        assert!(!is_due(0, None), "nothing changed");
        assert!(is_due(1, None), "the first change");
        assert!(!is_due(19, Some(secs(29))));
        assert!(is_due(20, Some(secs(1))));
        assert!(is_due(1, Some(secs(30))));
    }

    #[test]
    fn times_read_as_dates() {
        assert_eq!(when_in_words(0), "1 January 1970, 00:00 UTC");
        assert_eq!(when_in_words(1_795_750_800), "27 November 2026, 03:40 UTC");
    }
}
