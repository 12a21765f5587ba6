//! Reading and writing datasets: JSON (native), CSV, atomic writes, and the error report a user
//! reads when a file is wrong (`events.csv:14: start "1855-02-30" is not a date: …`).

pub mod atomic;
pub mod csv;
mod csv_columns;
pub mod csv_preview;
mod csv_rows;
pub mod field;
pub mod foreign;
pub mod html_text;
pub mod human_date;
pub mod json;
mod json_write;
pub mod progress;
mod record;
mod timelinejs;
pub mod timelinejs_sheet;
pub mod wikidata;

use std::fmt;
use std::path::Path;

pub use csv_columns::ColumnMap;
pub use field::{Field, FieldMap};
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

/// Why parsing a text gave no dataset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseFailure {
    /// The text has problems (at least one), every one found.
    Invalid(Vec<Problem>),
    /// The caller asked the parse to stop.
    Cancelled,
}

impl ParseFailure {
    /// The problems found (none when cancelled).
    pub fn problems(&self) -> &[Problem] {
        match self {
            Self::Invalid(problems) => problems,
            Self::Cancelled => &[],
        }
    }
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
    #[error("{path}: opening was cancelled")]
    Cancelled { path: String },
}

impl LoadError {
    /// Every problem as `path:line: message`.
    pub fn lines(&self) -> Vec<String> {
        match self {
            Self::Read { .. } | Self::Cancelled { .. } => vec![self.to_string()],
            Self::Invalid { path, problems } => problems.iter().map(|p| p.located(path)).collect(),
        }
    }
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
    let read_error = |source| LoadError::Read {
        path: shown.clone(),
        source,
    };
    let mut file = std::fs::File::open(path).map_err(read_error)?;
    let len = file.metadata().map_err(read_error)?.len();
    if len > MAX_FILE_BYTES {
        return Err(LoadError::Invalid {
            path: shown,
            problems: vec![Problem::whole(
                ProblemKind::TooBig,
                format!("the file is {len} bytes; Chronolane reads files up to 1 GiB"),
            )],
        });
    }
    let bytes = read_with_progress(&mut file, len, progress).map_err(read_error)?;
    if progress.is_cancelled() {
        return Err(LoadError::Cancelled { path: shown });
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    load_bytes_progress(&bytes, &shown, &stem, map, progress)
}

/// Share of a load's progress bar that reading the bytes takes.
const READ_SHARE: f64 = 0.05;

fn read_with_progress(
    file: &mut std::fs::File,
    len: u64,
    progress: &Progress,
) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    profiling::function_scope!();
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    let mut chunk = vec![0; 4 << 20];
    loop {
        let n = file.read(&mut chunk)?;
        if n == 0 {
            return Ok(bytes);
        }
        bytes.extend_from_slice(&chunk[..n]);
        if !progress.part(0.0, READ_SHARE, bytes.len() as f64 / len.max(1) as f64) {
            return Ok(bytes);
        }
        if bytes.len() as u64 > MAX_FILE_BYTES {
            // The file grew while being read.
            return Ok(bytes);
        }
    }
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
    profiling::function_scope!();
    let invalid = |problems| LoadError::Invalid {
        path: path.to_owned(),
        problems,
    };
    let text = decode_text(bytes).map_err(|p| invalid(vec![p]))?;
    progress.set(READ_SHARE);
    let result = match detect_format(text) {
        Format::Json => match foreign::dialect(text) {
            foreign::Dialect::Native => json::parse(text),
            foreign::Dialect::QueryResults => wikidata::parse(text, stem),
            d => foreign::parse(text, d),
        },
        // TimelineJS's sheet template, unless the user chose the columns.
        Format::Csv if map.0.is_empty() && timelinejs_sheet::is_sheet(text) => {
            timelinejs_sheet::parse(text)
        }
        Format::Csv => match wikidata::plain_tsv(text) {
            // SPARQL TSV results, their terms read as values.
            Some(plain) => {
                csv::parse_progress(&plain, stem, map, &|f| progress.part(READ_SHARE, 1.0, f))
            }
            None => csv::parse_progress(text, stem, map, &|f| progress.part(READ_SHARE, 1.0, f)),
        },
    };
    let cancelled = || LoadError::Cancelled {
        path: path.to_owned(),
    };
    if progress.is_cancelled() {
        return Err(cancelled());
    }
    let (dataset, notes) = match result {
        Ok(parsed) => parsed,
        Err(ParseFailure::Invalid(problems)) => return Err(invalid(problems)),
        Err(ParseFailure::Cancelled) => return Err(cancelled()),
    };
    progress.set(1.0);
    Ok(Loaded {
        dataset,
        notes: notes.iter().map(|n| n.located(path)).collect(),
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
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let line = memchr::memchr_iter(b'\n', good).count() + 1;
        let bad = bytes.get(e.valid_up_to()).copied().unwrap_or(0);
        Problem::at(
            line,
            ProblemKind::Encoding,
            format!(
                "the file is not UTF-8 text (byte 0x{bad:02X}); save it as UTF-8 and open it again"
            ),
        )
    })
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
