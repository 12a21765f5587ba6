//! Nothing lost in a crash: while there are unsaved changes, the dataset is written every 30
//! seconds (and after every 20 changes) to a recovery file in the app's data folder; the next
//! start offers to restore it, saying from when; a clean save, quit or another document removes
//! it. Each window has its own file (`recovery-<process id>.json`) and holds a lock beside it
//! while it runs, so that windows open at once neither overwrite nor remove each other's work,
//! and a start offers only work whose window is gone.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::io::{self, atomic};
use crate::model::{CivilDate, Dataset};

use super::app::App;
use super::document::Document;

/// How recovery files' names begin in the app's data folder (`recovery-<process id>.json`;
/// earlier versions wrote `recovery.json`).
pub const RECOVERY_PREFIX: &str = "recovery";
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
    /// The recovery file it was read from.
    pub file: PathBuf,
    pub dataset: Dataset,
    /// The file the work belongs to.
    pub path: Option<PathBuf>,
    /// When it was written: `27 November 2026, 03:40 UTC`.
    pub when: String,
}

/// This window's recovery file in `dir`.
pub fn own_file(dir: &Path) -> PathBuf {
    dir.join(format!("{RECOVERY_PREFIX}-{}.json", std::process::id()))
}

/// The lock a running window holds beside its recovery file.
fn lock_of(file: &Path) -> PathBuf {
    file.with_extension("lock")
}

/// Whether a running window holds the lock of a recovery file.
fn is_held(file: &Path) -> bool {
    let Ok(lock) = std::fs::File::open(lock_of(file)) else {
        return false;
    };
    matches!(lock.try_lock(), Err(std::fs::TryLockError::WouldBlock))
}

/// Takes the lock of this window's recovery file in `dir`, held as long as the file is open.
fn take_lock(dir: &Path) -> Option<std::fs::File> {
    std::fs::create_dir_all(dir).ok()?;
    let lock = std::fs::File::create(lock_of(&own_file(dir))).ok()?;
    lock.try_lock().ok()?;
    Some(lock)
}

/// The recovery files in `dir` whose window is gone (no lock held on them).
pub fn orphans(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "json")
                && p.file_stem()
                    .and_then(|s| s.to_str())
                    .is_some_and(|s| s.starts_with(RECOVERY_PREFIX))
        })
        .filter(|p| !is_held(p))
        .collect()
}

/// Writes `dataset` (from `path`) to the recovery file `file`, atomically.
pub fn write(file: &Path, dataset: &Dataset, path: Option<&Path>) -> std::io::Result<()> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
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
    atomic::write(file, text.as_bytes())
}

/// The work in a recovery file, when it reads.
pub fn read(file: &Path) -> Option<Recovered> {
    let text = std::fs::read_to_string(file).ok()?;
    let found: FileIn = serde_json::from_str(&text).ok()?;
    let (dataset, _) = io::json::parse(found.dataset.get()).ok()?;
    Some(Recovered {
        file: file.to_path_buf(),
        dataset,
        path: found.path,
        when: when_in_words(found.written),
    })
}

/// The latest work left in `dir` by a window that is gone, when there is any that reads.
pub fn latest_orphan(dir: &Path) -> Option<Recovered> {
    let mut files: Vec<(SystemTime, PathBuf)> = orphans(dir)
        .into_iter()
        .map(|p| {
            let modified = std::fs::metadata(&p).and_then(|m| m.modified());
            (modified.unwrap_or(UNIX_EPOCH), p)
        })
        .collect();
    files.sort();
    files.into_iter().rev().find_map(|(_, p)| read(&p))
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
    /// The lock this window holds beside its recovery file while it runs.
    lock: Option<std::fs::File>,
}

impl Drop for Recovery {
    /// A window that closes lets go of its lock (a crash lets go of it too, without this).
    fn drop(&mut self) {
        if let (Some(dir), Some(_)) = (&self.dir, self.lock.take()) {
            let _ = std::fs::remove_file(lock_of(&own_file(dir)));
        }
    }
}

impl App {
    /// Writes unsaved work to the recovery file in `dir` from now on, and offers any work
    /// found there (a crash) to restore.
    #[must_use]
    pub fn with_recovery_dir(mut self, dir: PathBuf) -> Self {
        self.recovery.offer = latest_orphan(&dir);
        self.recovery.lock = take_lock(&dir);
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
            match write(&own_file(&dir), &self.doc.dataset, self.doc.path.as_deref()) {
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
            let _ = std::fs::remove_file(own_file(dir));
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
            self.message = format!("Restored the unsaved work of {}", found.when);
            // Kept as this window's at once, as it is still unsaved (installing it removed
            // this window's file); the file it came from goes once it is. Not written, it is
            // tried again at the next frame.
            let own = self.recovery.dir.as_deref().map(own_file);
            let kept = own
                .as_ref()
                .is_some_and(|own| write(own, &self.doc.dataset, self.doc.path.as_deref()).is_ok());
            if kept {
                if own.as_ref() != Some(&found.file) {
                    let _ = std::fs::remove_file(&found.file);
                }
                self.recovery.last_written = Some(Instant::now());
            } else {
                self.doc.history.changes_since_written = 1;
            }
        } else {
            let _ = std::fs::remove_file(&found.file);
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
        let file = own_file(dir.path());
        write(&file, &d, Some(Path::new("/data/events.json")))?;
        let found = read(&file).unwrap_or_else(|| panic!("written"));
        assert_eq!(found.dataset, d);
        assert_eq!(found.path.as_deref(), Some(Path::new("/data/events.json")));
        assert!(found.when.ends_with(" UTC"), "{}", found.when);
        Ok(())
    }

    #[test]
    fn only_the_work_of_windows_that_are_gone_is_offered() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let d = io::default_dataset();
        // A running window's work, its lock held.
        let running = dir.path().join("recovery-1.json");
        write(&running, &d, None)?;
        let held = std::fs::File::create(lock_of(&running))?;
        held.try_lock().map_err(std::io::Error::other)?;
        // A crashed window's work (its lock file left, not held), and an older version's.
        let crashed = dir.path().join("recovery-2.json");
        write(&crashed, &d, None)?;
        std::fs::File::create(lock_of(&crashed))?;
        let old = dir.path().join("recovery.json");
        write(&old, &d, None)?;
        let mut found = orphans(dir.path());
        found.sort();
        assert_eq!(found, vec![crashed, old]);
        drop(held);
        assert_eq!(orphans(dir.path()).len(), 3, "its window closed");
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
