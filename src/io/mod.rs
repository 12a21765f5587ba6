//! Reading and writing datasets: JSON (native), CSV, atomic writes, and the error report a user
//! reads when a file is wrong (`events.csv:14: start "1855-02-30" is not a date: …`).

pub mod atomic;
pub(crate) mod calendar_input;
pub mod cells;
pub mod csv;
mod csv_columns;
mod csv_fast;
mod csv_losses;
pub mod csv_preview;
mod csv_quotes;
mod csv_read;
mod csv_rows;
mod csv_skip;
mod csv_split;
mod csv_stream;
pub mod field;
mod file_read;
pub mod foreign;
pub mod html_text;
pub mod human_date;
pub mod json;
mod json_fast;
mod json_lines;
mod json_plain;
mod json_stream;
mod json_write;
pub mod parquet;
pub mod progress;
mod record;
mod record_dates;
mod record_links;
mod rejected;
#[cfg(test)]
mod skip_tests;
pub mod snapshot;
mod snapshot_cache;
mod snapshot_read;
mod snapshot_write;
mod timelinejs;
pub mod timelinejs_sheet;
pub mod wikidata;

use std::borrow::Cow;
use std::fmt;
use std::path::Path;

pub use csv_columns::ColumnMap;
pub use csv_losses::csv_losses;
pub use field::{Field, FieldMap};
use file_read::READ_SHARE;
pub use file_read::check_file;
pub use progress::Progress;
pub use record::RawEvent;

use crate::model::Dataset;

/// One problem (or note) in a file, at a line when it has one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub line: Option<usize>,
    /// The field the problem is about, if any: a field of an event (`title is missing`,
    /// `start "soon" is not a date`), a field's column, or in JSON a value under a field's key
    /// (`title must be text, not 5`, wherever the key is). A lane, an era or a source missing
    /// a part has none.
    pub field: Option<Field>,
    pub kind: ProblemKind,
    /// What the user reads.
    pub message: String,
}

/// What sort of problem a [`Problem`] is, for code that sorts or merges problems (the message
/// is for people).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProblemKind {
    /// The file, or a field, is bigger than Chronolane reads.
    TooBig,
    /// The bytes are not UTF-8 text.
    Encoding,
    /// The file holds nothing but whitespace.
    Empty,
    /// The text is not JSON or CSV that can be read (a syntax error, a row that cannot be read,
    /// a quote never closed, a row with the wrong number of fields), or not the JSON expected.
    Syntax,
    /// Something required is absent: a field, a column, an id, a label, the events list.
    Missing,
    /// A JSON value of the wrong type (`title must be text, not 5`).
    WrongType,
    /// A date field that is not a date.
    NotADate,
    /// An end before its start.
    EndBeforeStart,
    /// A value outside what its field allows (an importance not from 1 to 5).
    OutOfRange,
    /// A color not written `#RRGGBB`.
    NotAColor,
    /// An id or theme used twice.
    Duplicate,
    /// A column mapping names a column the header lacks.
    UnknownColumn,
    /// Not a problem: a note on how the file was read.
    Note,
}

impl Problem {
    /// A problem at `line`.
    pub fn at(line: usize, kind: ProblemKind, message: impl Into<String>) -> Self {
        Self {
            line: Some(line),
            field: None,
            kind,
            message: message.into(),
        }
    }
    /// A problem of the whole file.
    pub fn whole(kind: ProblemKind, message: impl Into<String>) -> Self {
        Self {
            line: None,
            field: None,
            kind,
            message: message.into(),
        }
    }
    /// A note (not a problem) at `line`.
    pub fn note_at(line: usize, message: impl Into<String>) -> Self {
        Self::at(line, ProblemKind::Note, message)
    }
    /// The same problem, about `field`.
    #[must_use]
    pub fn on(self, field: Field) -> Self {
        Self {
            field: Some(field),
            ..self
        }
    }
    /// `path:line: message`, or `path: message` for a problem of the whole file.
    pub fn located(&self, path: &str) -> String {
        match self.line {
            Some(l) => format!("{path}:{l}: {}", self.message),
            None => format!("{path}: {}", self.message),
        }
    }
}

/// Takes the notes out of `problems`, in line order (notes on the whole file last).
pub(crate) fn take_notes(problems: &mut Vec<Problem>) -> Vec<Problem> {
    if problems.iter().all(|p| p.kind != ProblemKind::Note) {
        return Vec::new();
    }
    let (mut notes, rest): (Vec<_>, Vec<_>) = std::mem::take(problems)
        .into_iter()
        .partition(|p| p.kind == ProblemKind::Note);
    *problems = rest;
    notes.sort_by_key(|p| (p.line.is_none(), p.line));
    notes
}

/// Takes the notes out of the file's problems and the events' ([`take_notes`]), in line order.
pub(crate) fn take_notes_of(file: &mut Vec<Problem>, events: &mut Vec<Problem>) -> Vec<Problem> {
    let mut notes = take_notes(file);
    notes.extend(take_notes(events));
    notes.sort_by_key(|p| (p.line.is_none(), p.line));
    notes
}

/// Why parsing a text gave no dataset, or not one of all its events.
#[derive(Clone, Debug, PartialEq)]
pub enum ParseFailure {
    /// The text has problems (at least one), every one found, and nothing can be opened: the
    /// file itself is wrong (not text, cut short, no title or start column…), or no event
    /// reads.
    Invalid(Vec<Problem>),
    /// The file is sound but some events (CSV rows) have problems: the dataset of the others,
    /// and every problem. A caller that accepts no problem treats it as [`Self::Invalid`].
    Partial(Box<Partial>),
    /// The caller asked the parse to stop.
    Cancelled,
}

impl ParseFailure {
    /// The problems found (none when cancelled).
    pub fn problems(&self) -> &[Problem] {
        match self {
            Self::Invalid(problems) => problems,
            Self::Partial(partial) => &partial.problems,
            Self::Cancelled => &[],
        }
    }
}

/// A file whose events (CSV rows) did not all read: the good ones, and the others' problems.
#[derive(Clone, Debug, PartialEq)]
pub struct Partial {
    /// The events that read, with no problem at all.
    pub dataset: Dataset,
    /// Notes on how the file was read.
    pub notes: Vec<Problem>,
    /// Every problem of the skipped events, by line.
    pub problems: Vec<Problem>,
    /// How many events (rows) the file has, the skipped ones included.
    pub rows: usize,
    /// How many of them are skipped.
    pub skipped: usize,
    /// The skipped rows as CSV, with a header: for a CSV file its header and those rows as they
    /// are in it; for JSON, Chronolane's columns with each skipped event's fields as written.
    pub rows_csv: String,
}

/// The answer of a parser that found `row_problems` in some events (of which `skipped` were
/// left out) and `file_problems` in the rest of the file: the file is refused when the rest has
/// problems or when no event read; the good events are offered when only some events have
/// problems. `dataset` and `rows_csv` are made only when needed.
pub(crate) fn outcome(
    file_problems: Vec<Problem>,
    mut row_problems: Vec<Problem>,
    good: usize,
    skipped: usize,
    dataset: impl FnOnce() -> (Dataset, Vec<Problem>),
    rows_csv: impl FnOnce() -> String,
) -> Parsed {
    if !file_problems.is_empty() || (good == 0 && !row_problems.is_empty()) {
        let mut all = file_problems;
        all.append(&mut row_problems);
        all.sort_by_key(|p| p.line);
        all.dedup();
        return Err(ParseFailure::Invalid(all));
    }
    let (dataset, notes) = dataset();
    if row_problems.is_empty() {
        return Ok((dataset, notes));
    }
    row_problems.sort_by_key(|p| p.line);
    row_problems.dedup();
    Err(ParseFailure::Partial(Box::new(Partial {
        dataset,
        notes,
        problems: row_problems,
        rows: good + skipped,
        skipped,
        rows_csv: rows_csv(),
    })))
}

impl From<Vec<Problem>> for ParseFailure {
    fn from(problems: Vec<Problem>) -> Self {
        Self::Invalid(problems)
    }
}

impl From<Problem> for ParseFailure {
    fn from(problem: Problem) -> Self {
        Self::Invalid(vec![problem])
    }
}

/// What a parser gives: a dataset and notes on how it was read, or why there is none.
pub type Parsed = Result<(Dataset, Vec<Problem>), ParseFailure>;

/// Why a file did not load. A file with any problem loads nothing.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: cannot read the file: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{}", located_lines(path, problems))]
    Invalid {
        path: String,
        problems: Vec<Problem>,
    },
    /// Some events (rows) have problems: every problem, as for [`LoadError::Invalid`]; and the
    /// dataset of the others, for a caller that opens what can be opened.
    #[error("{}", located_lines(path, &partial.problems))]
    Partial {
        path: String,
        partial: Box<PartialLoad>,
    },
    #[error("{path}: {what} is not a regular file; Chronolane reads files only")]
    NotAFile { path: String, what: &'static str },
    #[error("{path}: opening was cancelled")]
    Cancelled { path: String },
}

impl LoadError {
    /// Every problem as `path:line: message`.
    pub fn lines(&self) -> Vec<String> {
        match self {
            Self::Read { .. } | Self::Cancelled { .. } | Self::NotAFile { .. } => {
                vec![self.to_string()]
            }
            Self::Invalid { path, problems } => problems.iter().map(|p| p.located(path)).collect(),
            Self::Partial { path, partial } => {
                partial.problems.iter().map(|p| p.located(path)).collect()
            }
        }
    }
}

/// A file some of whose events (rows) have problems: the others, loaded, and what was skipped.
#[derive(Debug)]
pub struct PartialLoad {
    /// The dataset of the events that read, and the notes.
    pub loaded: Loaded,
    pub format: Format,
    /// Every problem of the skipped events, by line.
    pub problems: Vec<Problem>,
    /// How many events (rows) the file has, the skipped ones included.
    pub rows: usize,
    pub skipped: usize,
    /// The skipped rows as CSV with a header ([`Partial::rows_csv`]).
    pub rows_csv: String,
}

fn located_lines(path: &str, problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| p.located(path))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A dataset read from a file, with notes (not errors) about what was assumed.
#[derive(Debug)]
pub struct Loaded {
    pub dataset: Dataset,
    pub notes: Vec<String>,
}

/// The formats Chronolane reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Json => "JSON",
            Self::Csv => "CSV",
        })
    }
}

/// Largest file Chronolane reads.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// Reads a dataset from a file; the format is recognised from the content.
pub fn load_path(path: &Path) -> Result<Loaded, LoadError> {
    load_path_with(path, &ColumnMap::default())
}

/// Reads a dataset from a file, with CSV columns chosen by `map` where it names them.
pub fn load_path_with(path: &Path, map: &ColumnMap) -> Result<Loaded, LoadError> {
    load_path_progress(path, map, &Progress::new())
}

/// [`load_path_with`], reporting how far it has got to `progress` and stopping with
/// [`LoadError::Cancelled`] when asked to.
pub fn load_path_progress(
    path: &Path,
    map: &ColumnMap,
    progress: &Progress,
) -> Result<Loaded, LoadError> {
    profiling::function_scope!();
    let shown = path.display().to_string();
    let (mut file, len) = file_read::open_file(path)?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut first = Vec::new();
    if len >= csv_stream::STREAM_BYTES {
        match csv_stream::open_csv(&mut file, len, path, &stem, map, progress)? {
            csv_stream::Opening::Read(result) => {
                return loaded(*result, Format::Csv, &shown, progress);
            }
            csv_stream::Opening::Bytes(bytes) => first = bytes,
        }
    }
    let bytes = file_read::read_rest(&mut file, first, len, path, progress)?;
    // Owned: a CSV's bytes are freed once its rows are copied out, before they are read.
    load_progress(Cow::Owned(bytes), &shown, &stem, map, progress)
}

/// Reads a dataset from bytes. `path` names the file in messages; `stem` titles a dataset whose
/// format has no title (CSV).
pub fn load_bytes(bytes: &[u8], path: &str, stem: &str) -> Result<Loaded, LoadError> {
    load_bytes_with(bytes, path, stem, &ColumnMap::default())
}

/// [`load_bytes`] with CSV columns chosen by `map`.
pub fn load_bytes_with(
    bytes: &[u8],
    path: &str,
    stem: &str,
    map: &ColumnMap,
) -> Result<Loaded, LoadError> {
    load_bytes_progress(bytes, path, stem, map, &Progress::new())
}

/// [`load_bytes_with`] with progress and cancellation.
pub fn load_bytes_progress(
    bytes: &[u8],
    path: &str,
    stem: &str,
    map: &ColumnMap,
    progress: &Progress,
) -> Result<Loaded, LoadError> {
    load_progress(Cow::Borrowed(bytes), path, stem, map, progress)
}

/// [`load_bytes_progress`] of bytes that are the caller's or its own: its own are freed as
/// soon as they are no longer needed (a CSV's once its rows are copied out, before they are
/// read: the file's bytes and its events are never held at once).
fn load_progress(
    bytes: Cow<'_, [u8]>,
    path: &str,
    stem: &str,
    map: &ColumnMap,
    progress: &Progress,
) -> Result<Loaded, LoadError> {
    profiling::function_scope!();
    let invalid = |problems| LoadError::Invalid {
        path: path.to_owned(),
        problems,
    };
    // A Parquet table is read as the CSV of its columns: same mapping, same checks.
    let bytes = if parquet::is_parquet(&bytes) {
        let table = parquet::to_csv(&bytes, None).map_err(|p| invalid(vec![p]))?;
        Cow::Owned(table.into_bytes())
    } else {
        bytes
    };
    let text = decode_text(&bytes).map_err(|p| invalid(vec![p]))?;
    progress.set(READ_SHARE);
    let format = detect_format(text);
    let result = match format {
        Format::Json => match foreign::dialect(text) {
            foreign::Dialect::Native => {
                let parse = |f| progress.part(READ_SHARE, 1.0, f);
                let read = json::read(text, true, &parse);
                // The events hold copies of their text: the file's bytes can go before the
                // events are sorted and indexed.
                drop(bytes);
                read.and_then(|r| r.finish(&parse))
            }
            foreign::Dialect::QueryResults => wikidata::parse(text, stem),
            d => foreign::parse(text, d),
        },
        // TimelineJS's sheet template, unless the user chose the columns.
        Format::Csv if map.0.is_empty() && timelinejs_sheet::is_sheet(text) => {
            timelinejs_sheet::parse(text)
        }
        Format::Csv => {
            // SPARQL TSV results are read as the CSV of their terms' values.
            let plain = wikidata::plain_tsv(text);
            let prepared = csv::prepare(plain.as_deref().unwrap_or(text), stem, map, true);
            drop(plain);
            drop(bytes);
            prepared.and_then(|p| p.read(&|f| progress.part(READ_SHARE, 1.0, f)))
        }
    };
    loaded(result, format, path, progress)
}

/// What a load of the file at `path`, in `format`, gives for what its reader gave.
fn loaded(
    result: Parsed,
    format: Format,
    path: &str,
    progress: &Progress,
) -> Result<Loaded, LoadError> {
    let invalid = |problems| LoadError::Invalid {
        path: path.to_owned(),
        problems,
    };
    let cancelled = || LoadError::Cancelled {
        path: path.to_owned(),
    };
    if progress.is_cancelled() {
        return Err(cancelled());
    }
    let located = |notes: &[Problem]| notes.iter().map(|n| n.located(path)).collect();
    let (dataset, notes) = match result {
        Ok(parsed) => parsed,
        Err(ParseFailure::Invalid(problems)) => return Err(invalid(problems)),
        Err(ParseFailure::Cancelled) => return Err(cancelled()),
        Err(ParseFailure::Partial(p)) => {
            progress.set(1.0);
            let p = *p;
            return Err(LoadError::Partial {
                path: path.to_owned(),
                partial: Box::new(PartialLoad {
                    loaded: Loaded {
                        dataset: p.dataset,
                        notes: located(&p.notes),
                    },
                    format,
                    problems: p.problems,
                    rows: p.rows,
                    skipped: p.skipped,
                    rows_csv: p.rows_csv,
                }),
            });
        }
    };
    progress.set(1.0);
    Ok(Loaded {
        dataset,
        notes: located(&notes),
    })
}

/// Recognises a format from content: JSON starts with `{` or `[`, anything else is CSV.
pub fn detect_format(text: &str) -> Format {
    match text.trim_start().chars().next() {
        Some('{' | '[') => Format::Json,
        _ => Format::Csv,
    }
}

/// UTF-8 text without its byte-order mark, or a problem naming where the bytes stop being text.
pub fn decode_text(bytes: &[u8]) -> Result<&str, Problem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Problem::whole(ProblemKind::Empty, "the file is empty"));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(Problem::at(
            1,
            ProblemKind::Encoding,
            "the file is UTF-16 text; save it as UTF-8 and open it again",
        ));
    }
    std::str::from_utf8(bytes).map_err(|e| not_utf8(bytes, &e, 1))
}

/// The problem of `bytes`, whose first line is line `first_line` of a file, where they stop
/// being UTF-8 text (`error`).
pub(super) fn not_utf8(bytes: &[u8], error: &std::str::Utf8Error, first_line: usize) -> Problem {
    let good = &bytes[..error.valid_up_to()];
    let line = memchr::memchr_iter(b'\n', good).count() + first_line;
    let bad = bytes.get(error.valid_up_to()).copied().unwrap_or(0);
    Problem::at(
        line,
        ProblemKind::Encoding,
        format!(
            "the file is not UTF-8 text (byte 0x{bad:02X}); save it as UTF-8 and open it again"
        ),
    )
}

/// The embedded default dataset's JSON text.
pub const DEFAULT_DATASET_JSON: &str = include_str!("../../data/japan-russia-1778-1922.json");
/// The name the default dataset goes by in messages and default file names.
pub const DEFAULT_DATASET_NAME: &str = "japan-russia-1778-1922";

/// The embedded dataset's title.
pub fn default_title() -> &'static str {
    static TITLE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TITLE.get_or_init(|| default_dataset().meta.title)
}

/// The embedded Japan–Russia dataset.
pub fn default_dataset() -> Dataset {
    match json::parse(DEFAULT_DATASET_JSON) {
        Ok((dataset, _)) => dataset,
        // The tests guarantee the embedded file is valid; an empty dataset beats a crash.
        Err(_) => Dataset::default(),
    }
}
