//! Following the open file: a `notify` watcher on its folder (editors and Chronolane itself
//! replace files by renaming, which a watch on the file alone would lose) marks the file changed;
//! once no change has come for [`DEBOUNCE`], the app reads it again, keeping the view and the
//! selection (by id), or asks first when there are unsaved edits. A change that leaves the file
//! as Chronolane last read or wrote it (same size and time) is no change.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use notify::{EventKind, RecursiveMode, Watcher};

use super::app::App;
use super::command::Command;

/// How long a file must stay quiet after a change before it is read again (an editor may
/// write it in several steps).
pub const DEBOUNCE: Duration = Duration::from_millis(300);

/// What identifies a version of a file without reading it: its size and modification time.
type Stamp = Option<(u64, SystemTime)>;

fn stamp(path: &Path) -> Stamp {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()?))
}

/// A watch on one file.
pub struct FileWatch {
    pub path: PathBuf,
    /// Kept alive: dropping it stops the watch.
    _watcher: notify::RecommendedWatcher,
    /// When the last change was seen, until it is taken.
    changed: Arc<Mutex<Option<Instant>>>,
    /// The version on screen: as last read or written by Chronolane.
    known: Stamp,
}

impl std::fmt::Debug for FileWatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileWatch")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl FileWatch {
    /// Watches `path`; `ctx` is woken when it changes.
    pub fn new(path: &Path, ctx: Option<egui::Context>) -> notify::Result<Self> {
        let changed = Arc::new(Mutex::new(None));
        let name = path.file_name().map(std::ffi::OsStr::to_os_string);
        let seen = Arc::clone(&changed);
        let mut watcher =
            notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
                let Ok(event) = res else { return };
                let about_file = event.paths.iter().any(|p| p.file_name() == name.as_deref());
                let is_change = matches!(
                    event.kind,
                    EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
                );
                if about_file && is_change {
                    if let Ok(mut at) = seen.lock() {
                        *at = Some(Instant::now());
                    }
                    if let Some(ctx) = &ctx {
                        ctx.request_repaint_after(DEBOUNCE + Duration::from_millis(50));
                    }
                }
            })?;
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        watcher.watch(folder, RecursiveMode::NonRecursive)?;
        Ok(Self {
            path: path.to_path_buf(),
            _watcher: watcher,
            changed,
            known: stamp(path),
        })
    }

    /// The file on disk is now the version on screen (just read or written).
    pub fn known_now(&mut self) {
        self.known = stamp(&self.path);
        if let Ok(mut at) = self.changed.lock() {
            *at = None;
        }
    }

    /// Whether the file changed into another version and has been quiet for [`DEBOUNCE`]
    /// (once: the change is taken); `Err` with the time left while it may still be changing.
    pub fn take_change(&mut self) -> Result<bool, Duration> {
        let Ok(mut at) = self.changed.lock() else {
            return Ok(false);
        };
        let Some(when) = *at else {
            return Ok(false);
        };
        let quiet = when.elapsed();
        if quiet < DEBOUNCE {
            return Err(DEBOUNCE.saturating_sub(quiet));
        }
        *at = None;
        let now = stamp(&self.path);
        if now == self.known || now.is_none() {
            // Touched but not changed, or gone (deleted, or mid-rename): nothing to read.
            return Ok(false);
        }
        Ok(true)
    }
}

impl App {
    /// Watches the file on screen (a new watch when it is another file), or nothing.
    pub(super) fn follow_file(&mut self) {
        let Some(path) = self.doc.path.clone() else {
            self.jobs.watch = None;
            return;
        };
        match &mut self.jobs.watch {
            Some(w) if w.path == path => w.known_now(),
            _ => {
                // A folder that cannot be watched leaves the file unfollowed; nothing else
                // changes.
                self.jobs.watch = FileWatch::new(&path, self.ctx.clone()).ok();
            }
        }
    }

    /// Reads the file again when it changed on disk and settled (asking first when there
    /// are unsaved edits).
    pub(super) fn poll_file_change(&mut self, ctx: &egui::Context) {
        let Some(w) = &mut self.jobs.watch else {
            return;
        };
        match w.take_change() {
            Ok(true) => self.push(Command::FileChanged),
            Ok(false) => {}
            Err(left) => ctx.request_repaint_after(left),
        }
    }

    /// Reads the changed file again, keeping the view and the selection (by id).
    pub(super) fn reload_changed(&mut self) {
        let Some(path) = self.doc.path.clone() else {
            return;
        };
        let selected = self.selected_event().map(crate::model::Event::id_text);
        let map = self.columns.for_file(&path);
        self.load(&path, map);
        if self.doc.path.as_deref() == Some(path.as_path())
            && self.dialogs.problems.is_none()
            && self.jobs.loading.is_none()
        {
            self.selection.selected = selected.and_then(|id| self.doc.dataset.index_of(&id));
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            self.message = format!(
                "{name} changed on disk: read again ({})",
                self.doc.dataset.summary()
            );
        }
    }
}
