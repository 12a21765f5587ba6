//! Opening files from the window. A CSV file whose columns are not Chronolane's own first shows
//! the import dialog (which column holds what, and how the first rows' dates read); big files are
//! read in a thread of their own, with progress and a Cancel button, while the window stays
//! responsive. Whatever happens, the dataset on screen stays until a new one has fully loaded.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Instant;

use crate::io::csv_preview::{self, PREVIEW_BYTES, Preview};
use crate::io::{self, ColumnMap, Format, LoadError, Loaded, Progress};

use super::app::{App, Document, ProblemReport};

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
    /// Reads the preview again with the columns chosen now.
    pub fn remap(&mut self, columns: [Option<usize>; 10]) {
        let map = ColumnMap::from_columns(&self.preview.header, &columns);
        if let Ok(p) = csv_preview::preview(&self.head, &map, PREVIEW_ROWS) {
            self.preview = p;
        }
    }
}

/// A file being read in the background.
pub struct LoadJob {
    pub path: PathBuf,
    map: ColumnMap,
    pub progress: Arc<Progress>,
    rx: Receiver<Result<Loaded, LoadError>>,
    pub started: Instant,
}

impl LoadJob {
    fn start(path: PathBuf, map: ColumnMap, ctx: Option<egui::Context>) -> Self {
        let progress = Arc::new(Progress::new());
        let (tx, rx) = channel();
        let (p, m, file) = (Arc::clone(&progress), map.clone(), path.clone());
        std::thread::spawn(move || {
            let result = io::load_path_progress(&file, &m, &p);
            let _ = tx.send(result);
            if let Some(ctx) = ctx {
                ctx.request_repaint();
            }
        });
        Self {
            path,
            map,
            progress,
            rx,
            started: Instant::now(),
        }
    }
}

/// The beginning of a file as text (up to [`PREVIEW_BYTES`]); an error when it is not text.
fn read_head(path: &Path) -> std::io::Result<String> {
    use std::io::Read;
    let mut bytes = Vec::with_capacity(PREVIEW_BYTES);
    std::fs::File::open(path)?
        .take(PREVIEW_BYTES as u64)
        .read_to_end(&mut bytes)?;
    let cut = bytes.len() == PREVIEW_BYTES;
    let text = match std::str::from_utf8(&bytes) {
        Ok(_) => io::decode_text(&bytes),
        // A character cut in two at the end of the preview is fine.
        Err(e) if cut && e.error_len().is_none() => io::decode_text(&bytes[..e.valid_up_to()]),
        Err(_) => io::decode_text(&bytes),
    };
    text.map(str::to_owned)
        .map_err(|p| std::io::Error::new(std::io::ErrorKind::InvalidData, p.message))
}

impl App {
    /// Opens a file, first asking how to read a CSV file's columns when they are not
    /// Chronolane's own (unless a mapping was given for this file, e.g. `--map`).
    pub fn open(&mut self, path: &Path) {
        let map = if self.map_for.as_deref() == Some(path) {
            self.map.clone()
        } else {
            ColumnMap::default()
        };
        if map == ColumnMap::default()
            && let Some(dialog) = import_dialog(path)
        {
            self.import = Some(dialog);
            return;
        }
        self.load(path, map);
    }

    /// Shows the import dialog for the open CSV file, with the columns it was read with.
    pub fn ask_columns(&mut self) {
        let Some(path) = self.doc.path.clone() else {
            self.message = "The embedded dataset has no columns to choose".into();
            return;
        };
        match read_head(&path) {
            Ok(head) if io::detect_format(&head) == Format::Csv => {
                if let Ok(preview) = csv_preview::preview(&head, &self.map, PREVIEW_ROWS) {
                    self.import = Some(ImportDialog {
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
    pub fn load(&mut self, path: &Path, map: ColumnMap) {
        if let Some(job) = self.loading.take() {
            job.progress.cancel();
        }
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        if size < BACKGROUND_BYTES {
            let result = io::load_path_with(path, &map);
            self.finish_load(path, map, result);
        } else {
            self.message = format!("Opening {}…", path.display());
            self.loading = Some(LoadJob::start(path.to_path_buf(), map, self.ctx.clone()));
        }
    }

    /// Stops a background load; the dataset on screen stays.
    pub fn cancel_load(&mut self) {
        if let Some(job) = &self.loading {
            job.progress.cancel();
        }
    }

    /// Takes a background load's result when it is ready.
    pub(super) fn poll_load(&mut self) {
        let Some(job) = &self.loading else { return };
        let result = match job.rx.try_recv() {
            Ok(r) => r,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => Err(LoadError::Read {
                path: job.path.display().to_string(),
                source: std::io::Error::other("the loading thread stopped"),
            }),
        };
        if let Some(job) = self.loading.take() {
            let seconds = job.started.elapsed().as_secs_f64();
            self.finish_load(&job.path, job.map, result);
            if self.doc.path.as_deref() == Some(job.path.as_path()) {
                self.message += &format!(" in {seconds:.1} s");
            }
        }
    }

    fn finish_load(&mut self, path: &Path, map: ColumnMap, result: Result<Loaded, LoadError>) {
        match result {
            Ok(loaded) => {
                self.install(
                    Document {
                        dataset: Arc::new(loaded.dataset),
                        path: Some(path.to_path_buf()),
                    },
                    loaded.notes,
                );
                self.map = map;
                self.map_for = Some(path.to_path_buf());
                self.state.remember(path.to_path_buf());
            }
            Err(LoadError::Cancelled { .. }) => {
                self.message = format!(
                    "Stopped opening {}; {} stays open",
                    path.display(),
                    self.doc.name()
                );
            }
            Err(e) => {
                let lines = e.lines();
                self.message = format!(
                    "Could not open {}: {} problem{}; {} stays open",
                    path.display(),
                    lines.len(),
                    if lines.len() == 1 { "" } else { "s" },
                    self.doc.name()
                );
                self.problems = Some(ProblemReport {
                    title: format!("{} did not open", path.display()),
                    lines,
                    failed: true,
                });
            }
        }
    }

    /// Shows a dataset that did not come from a file (a generated one, say).
    pub fn show_dataset(&mut self, dataset: crate::model::Dataset) {
        self.install(
            Document {
                dataset: Arc::new(dataset),
                path: None,
            },
            Vec::new(),
        );
    }

    /// Puts a newly loaded document on screen.
    fn install(&mut self, doc: Document, notes: Vec<String>) {
        self.remember_view();
        self.doc = doc;
        self.after_document_change();
        let shown = self
            .doc
            .path
            .as_ref()
            .map_or_else(|| self.doc.name(), |p| p.display().to_string());
        self.message = format!("Opened {shown}: {}", self.doc.dataset.summary());
        if !notes.is_empty() {
            self.message += &format!(" ({} notes)", notes.len());
            self.problems = Some(ProblemReport {
                title: format!("Notes on {shown}"),
                lines: notes,
                failed: false,
            });
        }
    }
}

/// The import dialog for a CSV file that needs one (its header is not Chronolane's own).
fn import_dialog(path: &Path) -> Option<ImportDialog> {
    let head = read_head(path).ok()?;
    if io::detect_format(&head) != Format::Csv || csv_preview::is_own_header(&head) {
        return None;
    }
    let preview = csv_preview::preview(&head, &ColumnMap::default(), PREVIEW_ROWS).ok()?;
    Some(ImportDialog {
        path: path.to_path_buf(),
        head,
        preview,
    })
}
