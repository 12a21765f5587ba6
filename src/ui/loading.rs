//! Opening files from the window. A CSV file whose columns are not Chronolane's own first shows
//! the import dialog (which column holds what, and how the first rows' dates read); big files are
//! read in a thread of their own, with progress and a Cancel button, while the window stays
//! responsive. Whatever happens, the dataset on screen stays until a new one has fully loaded.
//! A big file that read without a problem gets a snapshot in the cache folder
//! ([`crate::io::snapshot`]), written in the background once its dataset is on screen; the next
//! time the same file (unchanged, read with the same columns) opens from it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::io::csv_preview::{self, PREVIEW_BYTES, Preview};
use crate::io::snapshot::{self, Cache, Opened, SourceKey};
use crate::io::{self, ColumnMap, FieldMap, Format, LoadError, Loaded};
use crate::model::Dataset;

use super::app::App;
use super::document::Document;
use super::job::Job;
use super::parts::ProblemReport;

/// Files smaller than this are read at once; bigger ones in the background.
pub const BACKGROUND_BYTES: u64 = 4 << 20;
/// Rows shown in the import dialog's preview.
pub const PREVIEW_ROWS: usize = 8;

/// The import dialog: the file, its beginning, and the mapping being chosen.
#[derive(Clone, Debug)]
pub struct ImportDialog {
    pub path: PathBuf,
    /// The beginning of the file, as text.
    pub head: String,
    pub preview: Preview,
}

impl ImportDialog {
    /// The file's name, for the dialog's title and messages.
    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    }

    /// Reads the preview again with the columns chosen now.
    pub fn remap(&mut self, columns: FieldMap<Option<usize>>) {
        let map = ColumnMap::from_columns(&self.preview.header, &columns);
        if let Ok(p) = csv_preview::preview(&self.head, &map, PREVIEW_ROWS) {
            self.preview = p;
        }
    }
}

/// A file being read in the background.
#[derive(Debug)]
pub struct LoadJob {
    pub path: PathBuf,
    map: ColumnMap,
    pub job: Job<Opened>,
}

impl LoadJob {
    fn start(
        path: PathBuf,
        map: ColumnMap,
        ctx: Option<egui::Context>,
        cache: Option<Cache>,
    ) -> Self {
        let (m, file) = (map.clone(), path.clone());
        let job = Job::spawn(ctx, move |task| {
            snapshot::load_path_cached(&file, &m, task.progress(), cache.as_ref())
        });
        Self { path, map, job }
    }
}

/// A snapshot to write once the dataset it is of has been drawn.
#[derive(Debug)]
pub struct SnapshotDue {
    key: SourceKey,
    dataset: Arc<Dataset>,
    notes: Vec<String>,
    /// Frames drawn since the dataset was put on screen.
    frames: u32,
}

/// Rows of a Parquet table read for the import dialog's preview.
const PARQUET_PREVIEW_ROWS: usize = 200;

/// The beginning of a file as text (up to [`PREVIEW_BYTES`]); an error when it is not text.
/// A Parquet table's first rows as CSV.
fn read_head(path: &Path) -> std::io::Result<String> {
    use std::io::Read;
    let mut bytes = Vec::with_capacity(PREVIEW_BYTES);
    std::fs::File::open(path)?
        .take(PREVIEW_BYTES as u64)
        .read_to_end(&mut bytes)?;
    if io::parquet::is_parquet(&bytes) {
        return io::parquet::file_to_csv(std::fs::File::open(path)?, Some(PARQUET_PREVIEW_ROWS))
            .map_err(|p| std::io::Error::new(std::io::ErrorKind::InvalidData, p.message));
    }
    let cut = bytes.len() == PREVIEW_BYTES;
    let text = match std::str::from_utf8(&bytes) {
        // A character cut in two at the end of the preview is fine.
        Err(e) if cut && e.error_len().is_none() => io::decode_text(&bytes[..e.valid_up_to()]),
        _ => io::decode_text(&bytes),
    };
    text.map(str::to_owned)
        .map_err(|p| std::io::Error::new(std::io::ErrorKind::InvalidData, p.message))
}

impl App {
    /// Opens a file, first asking how to read a CSV file's columns when they are not
    /// Chronolane's own (unless a mapping was given for this file, e.g. `--map`).
    pub(super) fn open(&mut self, path: &Path) {
        // A FIFO or a device would keep the window waiting: refused before it is opened.
        if let Err(e) = io::check_file(path) {
            self.refused(path, &e);
            return;
        }
        let map = self.columns.for_file(path);
        if map == ColumnMap::default()
            && let Some(dialog) = import_dialog(path)
        {
            self.dialogs.import = Some(dialog);
            return;
        }
        self.load(path, map);
    }

    /// Shows the import dialog for the open CSV file, with the columns it was read with.
    pub(super) fn ask_columns(&mut self) {
        let Some(path) = self.doc.path.clone() else {
            self.message = "The embedded dataset has no columns to choose".into();
            return;
        };
        match read_head(&path) {
            Ok(head) if io::detect_format(&head) == Format::Csv => {
                if let Ok(preview) = csv_preview::preview(&head, &self.columns.map, PREVIEW_ROWS) {
                    self.dialogs.import = Some(ImportDialog {
                        path,
                        head,
                        preview,
                    });
                }
            }
            Ok(_) => self.message = format!("{} is not a CSV file", path.display()),
            Err(e) => self.message = format!("Could not read {}: {e}", path.display()),
        }
    }

    /// Reads a file with a column mapping: small files now, big ones in the background.
    pub(super) fn load(&mut self, path: &Path, map: ColumnMap) {
        // Dropping a load that is running cancels it.
        self.jobs.loading = None;
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        if size < BACKGROUND_BYTES {
            let started = std::time::Instant::now();
            let cache = self.jobs.snapshots.as_ref();
            let opened = snapshot::load_path_cached(path, &map, &io::Progress::new(), cache);
            self.finish_load(path, map, opened, started.elapsed().as_secs_f64());
        } else {
            self.message = format!("Opening {}…", path.display());
            self.jobs.loading = Some(LoadJob::start(
                path.to_path_buf(),
                map,
                self.ctx.clone(),
                self.jobs.snapshots.clone(),
            ));
        }
    }

    /// Stops a background load; the dataset on screen stays.
    pub(super) fn cancel_load(&mut self) {
        if let Some(load) = &self.jobs.loading {
            load.job.cancel();
        }
    }

    /// Takes a background load's result when it is ready.
    pub(super) fn poll_load(&mut self) {
        let Some(load) = &self.jobs.loading else {
            return;
        };
        let Some(answer) = load.job.poll() else {
            return;
        };
        let failed = |error| Opened {
            result: Err(error),
            from_snapshot: false,
            to_store: None,
        };
        let opened = match answer {
            // Cancelled after the file was read: what was read is dropped all the same.
            Ok(opened) if opened.result.is_ok() && load.job.is_cancelled() => {
                failed(LoadError::Cancelled {
                    path: load.path.display().to_string(),
                })
            }
            Ok(opened) => opened,
            Err(lost) => failed(LoadError::Read {
                path: load.path.display().to_string(),
                source: std::io::Error::other(lost),
            }),
        };
        if let Some(load) = self.jobs.loading.take() {
            let seconds = load.job.elapsed().as_secs_f64();
            let from_snapshot = opened.from_snapshot;
            self.finish_load(&load.path, load.map.clone(), opened, seconds);
            if !from_snapshot && self.doc.path.as_deref() == Some(load.path.as_path()) {
                let _ = write!(self.message, " in {seconds:.1} s");
            }
        }
    }

    fn finish_load(&mut self, path: &Path, map: ColumnMap, opened: Opened, seconds: f64) {
        match opened.result {
            Ok(loaded) => {
                self.opened(path, map, loaded, None);
                if opened.from_snapshot {
                    self.message = format!(
                        "Opened {} from its snapshot in {seconds:.2} s: {}",
                        path.display(),
                        self.doc.dataset.summary()
                    );
                }
                self.jobs.snapshot_due = opened.to_store.map(|key| SnapshotDue {
                    key,
                    dataset: Arc::clone(&self.doc.dataset),
                    notes: self.doc.notes.clone(),
                    frames: 0,
                });
            }
            Err(LoadError::Partial { partial, .. }) => self.ask_to_skip(path, map, *partial),
            Err(LoadError::Cancelled { .. }) => {
                self.message = format!(
                    "Stopped opening {}; {} stays open",
                    path.display(),
                    self.doc.name()
                );
            }
            Err(e) => self.refused(path, &e),
        }
    }

    /// A file did not open: its problems in a window, the dataset on screen stays.
    fn refused(&mut self, path: &Path, e: &LoadError) {
        let lines = e.lines();
        self.message = format!(
            "Could not open {}: {} problem{}; {} stays open",
            path.display(),
            lines.len(),
            if lines.len() == 1 { "" } else { "s" },
            self.doc.name()
        );
        self.dialogs.problems = Some(ProblemReport {
            title: format!("{} did not open", path.display()),
            lines,
            failed: true,
        });
    }

    /// Puts a file's dataset on screen, with its notes and the rows skipped, if any.
    pub(super) fn opened(
        &mut self,
        path: &Path,
        map: ColumnMap,
        loaded: Loaded,
        skipped: Option<super::skipped::Skipped>,
    ) {
        let mut doc = Document::new(loaded.dataset, Some(path.to_path_buf()));
        doc.notes = loaded.notes;
        doc.skipped = skipped;
        self.install(doc);
        self.columns.map = map;
        self.columns.for_path = Some(path.to_path_buf());
        self.persisted.remember(path.to_path_buf());
    }

    /// Puts a newly loaded document on screen. Its notes and skipped rows are not shown in a
    /// window: the status bar counts them, and a click shows them.
    pub(super) fn install(&mut self, doc: Document) {
        self.remember_view();
        // The work on screen was saved or given up: its recovery file goes.
        self.drop_recovery();
        self.replace_doc(doc);
        self.after_document_change();
        self.dialogs.skipped_list = false;
        let shown = self
            .doc
            .path
            .as_ref()
            .map_or_else(|| self.doc.name(), |p| p.display().to_string());
        self.message = format!("Opened {shown}: {}", self.doc.dataset.summary());
        self.follow_file();
    }
}

impl App {
    /// Puts `doc` in place of the document on screen, which is freed in a thread of its own:
    /// freeing ten million events takes half a second, which the window would freeze for.
    pub(super) fn replace_doc(&mut self, doc: Document) {
        let old = std::mem::replace(&mut self.doc, doc);
        let freeing = std::thread::Builder::new()
            .name("chronolane-free".to_owned())
            .spawn(move || drop(old));
        // Without a thread, freed here (the closure, and the document in it, is dropped).
        drop(freeing);
    }

    /// Reads big files from their snapshots in `cache`, and writes snapshots of them there.
    #[must_use]
    pub fn with_snapshots(mut self, cache: Option<Cache>) -> Self {
        self.jobs.snapshots = cache;
        self
    }

    /// Counts a frame drawn with the dataset on screen; once one has been drawn, writes the
    /// snapshot due in a thread of its own (so that it does not delay the first frame).
    pub(super) fn keep_snapshot(&mut self, ctx: &egui::Context) {
        let Some(due) = &mut self.jobs.snapshot_due else {
            return;
        };
        due.frames += 1;
        // Put on screen in the last frame's end, drawn in this frame: written in the next.
        if due.frames < 2 {
            ctx.request_repaint();
            return;
        }
        let (Some(due), Some(cache)) = (self.jobs.snapshot_due.take(), self.jobs.snapshots.clone())
        else {
            return;
        };
        // If the thread cannot start, the file simply has no snapshot.
        let _ = std::thread::Builder::new()
            .name("chronolane-snapshot".to_owned())
            .spawn(move || cache.store(&due.dataset, &due.notes, &due.key));
    }
}

/// The import dialog for a CSV file that needs one (its header is not Chronolane's own).
fn import_dialog(path: &Path) -> Option<ImportDialog> {
    let head = read_head(path).ok()?;
    // Chronolane's own columns, TimelineJS's sheet template and SPARQL TSV results need no
    // questions.
    if io::detect_format(&head) != Format::Csv
        || csv_preview::is_own_header(&head)
        || io::timelinejs_sheet::is_sheet(&head)
        || io::wikidata::is_sparql_tsv(&head)
    {
        return None;
    }
    let preview = csv_preview::preview(&head, &ColumnMap::default(), PREVIEW_ROWS).ok()?;
    Some(ImportDialog {
        path: path.to_path_buf(),
        head,
        preview,
    })
}
