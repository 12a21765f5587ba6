//! The cache folder of snapshots ([`super::snapshot`]): where they are kept, which files get
//! one, opening a file from its snapshot when it matches, and keeping the folder to the few most
//! recently written.

use std::path::{Path, PathBuf};

use super::snapshot::{self, MAX_SNAPSHOT_BYTES, SourceKey, hash};
use super::{ColumnMap, LoadError, Loaded, Progress, atomic};
use crate::model::Dataset;

/// Files smaller than this open fast enough without a snapshot.
pub const MIN_SOURCE_BYTES: u64 = 8 << 20;
/// Snapshots kept in the cache folder; the least recently written go first.
pub const KEEP: usize = 4;
/// The environment variable naming the folder snapshots are kept in (instead of
/// `$XDG_CACHE_HOME/chronolane/snapshots` or `~/.cache/chronolane/snapshots`).
pub const CACHE_DIR_VAR: &str = "CHRONOLANE_CACHE_DIR";

/// Where snapshots are kept, and which files get one.
#[derive(Clone, Debug)]
pub struct Cache {
    pub dir: PathBuf,
    /// Files smaller than this get no snapshot.
    pub min_bytes: u64,
    /// Snapshots kept at most.
    pub keep: usize,
}

impl Cache {
    /// Snapshots in `dir`, for files of [`MIN_SOURCE_BYTES`] or more, [`KEEP`] at most.
    pub fn new(dir: PathBuf) -> Self {
        Self {
            dir,
            min_bytes: MIN_SOURCE_BYTES,
            keep: KEEP,
        }
    }

    /// The user's cache folder: `$CHRONOLANE_CACHE_DIR`, else
    /// `$XDG_CACHE_HOME/chronolane/snapshots`, else `~/.cache/chronolane/snapshots`; `None`
    /// without any.
    pub fn from_env() -> Option<Self> {
        Self::from_vars(|name| std::env::var_os(name))
    }

    /// [`Cache::from_env`] with the environment variables `var` gives.
    pub fn from_vars(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> Option<Self> {
        let var = |name| var(name).filter(|v| !v.is_empty()).map(PathBuf::from);
        let dir = var(CACHE_DIR_VAR).or_else(|| {
            // The XDG base directory rules: a relative path is ignored.
            let cache = var("XDG_CACHE_HOME")
                .filter(|p| p.is_absolute())
                .or_else(|| var("HOME").map(|home| home.join(".cache")))?;
            Some(cache.join("chronolane").join("snapshots"))
        })?;
        Some(Self::new(dir))
    }

    /// The snapshot file of `source` (named by a hash of its canonical path).
    pub fn file_of(&self, source: &SourceKey) -> PathBuf {
        let path = source.path.to_string_lossy();
        self.dir
            .join(format!("{:016x}.snapshot", hash(path.as_bytes())))
    }

    /// The dataset of `source`'s snapshot, when there is a good one for it as it is now.
    /// A stale one is known from its first bytes: the rest is not read. (What an interrupted
    /// write left is removed first: [`Cache::remove_stale_writes`].)
    pub fn open(&self, source: &SourceKey) -> Option<Loaded> {
        self.remove_stale_writes();
        let file = std::fs::File::open(self.file_of(source)).ok()?;
        let size = file.metadata().ok()?.len();
        (size <= MAX_SNAPSHOT_BYTES).then_some(())?;
        super::snapshot_read::read_from(&snapshot::FileAt::new(file, size), Some(source))
    }

    /// Writes the snapshot of `dataset` read from `source` (atomically), then removes the
    /// oldest snapshots beyond [`Cache::keep`]. Gives whether one was written.
    pub fn store(
        &self,
        dataset: &Dataset,
        notes: &[String],
        source: &SourceKey,
    ) -> std::io::Result<bool> {
        let Some(plan) = snapshot::Plan::new(dataset, notes, source) else {
            return Ok(false);
        };
        std::fs::create_dir_all(&self.dir)?;
        let file = self.file_of(source);
        atomic::write_with(&file, |out| plan.write(out))?;
        self.prune(&file);
        Ok(true)
    }

    /// Removes what writes cut short left: the window writes a snapshot in a thread of its
    /// own, which ends with the window, leaving a temporary file of up to a gigabyte. One not
    /// written to for [`STALE_WRITE`] goes; a younger one may be another window's write under
    /// way.
    fn remove_stale_writes(&self) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for tmp in entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| is_temporary(p))
        {
            let age = std::fs::metadata(&tmp)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok());
            if age.is_some_and(|age| age > STALE_WRITE) {
                let _ = std::fs::remove_file(tmp);
            }
        }
    }

    /// Removes the least recently written snapshots beyond [`Cache::keep`], never
    /// `just_written`, and what writes cut short left.
    fn prune(&self, just_written: &Path) {
        self.remove_stale_writes();
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        let mut snapshots: Vec<(std::time::SystemTime, PathBuf)> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "snapshot") && p != just_written)
            .filter_map(|p| Some((std::fs::metadata(&p).ok()?.modified().ok()?, p)))
            .collect();
        snapshots.sort_by_key(|(modified, _)| std::cmp::Reverse(*modified));
        for (_, old) in snapshots.into_iter().skip(self.keep.saturating_sub(1)) {
            let _ = std::fs::remove_file(old);
        }
    }
}

/// How long a temporary file in the cache folder goes unwritten before it is taken for what an
/// interrupted write left (writing a 10M-event snapshot takes seconds).
const STALE_WRITE: std::time::Duration = std::time::Duration::from_mins(10);

/// Whether `path` is a temporary file of an atomic write ([`atomic::write_with`]'s name).
fn is_temporary(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with(atomic::TEMP_PREFIX))
        && path
            .extension()
            .is_some_and(|x| x == atomic::TEMP_EXTENSION)
}

/// A file opened through [`load_path_cached`].
#[derive(Debug)]
pub struct Opened {
    pub result: Result<Loaded, LoadError>,
    /// It was read from its snapshot.
    pub from_snapshot: bool,
    /// Read from the file, with no problem, and big enough: the key to store its snapshot
    /// under (taken before the file was read, so that a change while reading makes it stale).
    pub to_store: Option<SourceKey>,
}

/// Opens `path` as [`super::load_path_progress`] does, from its snapshot in `cache` when there
/// is a good one; says whether a snapshot should be written (the caller writes it when it
/// likes: the window, after the dataset is on screen).
pub fn load_path_cached(
    path: &Path,
    map: &ColumnMap,
    progress: &Progress,
    cache: Option<&Cache>,
) -> Opened {
    let key = cache.and_then(|cache| {
        let key = SourceKey::of(path, map).ok()?;
        (key.size >= cache.min_bytes).then_some((cache, key))
    });
    if let Some((cache, key)) = &key
        && let Some(loaded) = cache.open(key)
    {
        progress.set(1.0);
        return Opened {
            result: Ok(loaded),
            from_snapshot: true,
            to_store: None,
        };
    }
    let result = super::load_path_progress(path, map, progress);
    // A partial load (rows skipped) is an error: only a clean one is kept.
    let to_store = key.filter(|_| result.is_ok()).map(|(_, key)| key);
    Opened {
        result,
        from_snapshot: false,
        to_store,
    }
}

#[cfg(test)]
#[path = "snapshot_cache_tests.rs"]
mod tests;
