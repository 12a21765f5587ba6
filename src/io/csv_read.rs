//! Reading a CSV text's rows into a dataset: its header understood ([`Head`]), its body in
//! row-aligned pieces ([`Prepared`]; a big body in two halves, read at once on two threads, or
//! read from the file as it comes by `super::csv_stream`), the rows' events and problems put
//! together ([`combine`]), and the dataset made of the events.

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::model::shared_text::share_one_text;
use crate::model::{Dataset, Event, Meta};

use super::csv::{ColumnMap, csv_error, detect_delimiter, reader};
use super::csv_columns::{Columns, column_notes, duplicate_columns, map_columns, missing_required};
use super::csv_fast::FastColumns;
use super::csv_quotes::unclosed_quote_line;
use super::csv_rows::{
    PARALLEL_BYTES, PIECE_BYTES, Piece, Pieces, Rows, Shape, concat, join, read_rows, split_at_row,
};
use super::record::Checker;
use super::{ParseFailure, Parsed, Problem, ProblemKind};

/// Share of the work that reading and checking the rows takes (the rest: sorting, indexing;
/// measured with ten million rows: 4.5 s and 5.3 s).
pub(crate) const PARSE_SHARE: f64 = 0.45;
/// Share of the sorting and indexing that copying the events' text takes.
const SHARED_TEXT_SHARE: f64 = 0.13;

/// Events whose texts are copied into one string of their own, once their rows are read.
const SHARED_TEXT_EVENTS: usize = 1 << 16;

/// What the header of a CSV text says: how its rows are read, and the notes on its columns.
pub(super) struct Head {
    title: String,
    /// The text before the rows (the header line).
    text: String,
    shape: Shape,
    notes: Vec<Problem>,
}

impl Head {
    pub(super) fn delimiter(&self) -> u8 {
        self.shape.delimiter
    }

    /// The text before the rows.
    pub(super) fn text(&self) -> &str {
        &self.text
    }

    /// How the rows are read.
    pub(super) fn shape(&self) -> &Shape {
        &self.shape
    }
}

/// A CSV text made ready to read: its header understood, its body copied into the shared
/// strings that its events will slice (a big body in two halves, copied at once on two
/// threads). It no longer needs the text it was made from: a caller that owns the file's bytes
/// frees them before the rows are read, so that they and the events are never held at once.
pub(super) struct Prepared {
    head: Head,
    pieces: Pieces,
    /// The line of a quoted field never closed, if any.
    unclosed: Option<usize>,
}

/// Reads the header of `text` (the whole file, or as much of it as holds the header): what it
/// says, and where the rows begin. With `fast`, rows of the common shape are to be read by the
/// fast path.
pub(super) fn prepare_head(
    text: &str,
    title: &str,
    map: &ColumnMap,
    fast: bool,
) -> Result<(Head, usize), ParseFailure> {
    let delimiter = detect_delimiter(text);
    let mut reader = reader(text, delimiter);
    let header = read_header(&mut reader)?;
    let (columns, notes) = header_columns(&header, map)?;
    let body_start = super::csv_rows::body_start(text, reader.position().byte());
    let shape = Shape {
        delimiter,
        fields: header.len(),
        fast: fast.then(|| FastColumns::new(&columns)),
        columns,
    };
    let head = Head {
        title: title.to_owned(),
        text: text.get(..body_start).unwrap_or("").to_owned(),
        shape,
        notes,
    };
    Ok((head, body_start))
}

/// Reads the header of `text` and copies its rows out ([`Prepared`]); with `fast`, rows of the
/// common shape are read by the fast path.
pub(super) fn prepare(
    text: &str,
    title: &str,
    map: &ColumnMap,
    fast: bool,
) -> Result<Prepared, ParseFailure> {
    profiling::function_scope!();
    let (head, body_start) = prepare_head(text, title, map, fast)?;
    let delimiter = head.shape.delimiter;
    let body = text.get(body_start..).unwrap_or("");
    let halves = if body.len() >= PARALLEL_BYTES {
        split_at_row(body, delimiter)
    } else {
        None
    };
    let (pieces, unclosed) = match halves {
        // The halves are copied at once, the quotes checked meanwhile.
        Some((first, second)) => std::thread::scope(|scope| {
            let unclosed = scope.spawn(|| unclosed_quote_line(text, delimiter));
            // The second half's first line is known once the first half's breaks are counted.
            let other = scope.spawn(move || Piece::many(second, 0, delimiter, PIECE_BYTES));
            let first = Piece::many(first, 2, delimiter, PIECE_BYTES);
            let mut second = join(other);
            let lines = 2 + first.iter().map(|p| p.breaks).sum::<usize>();
            for piece in &mut second {
                piece.first_line += lines;
            }
            (Pieces::Halves(first, second), join(unclosed))
        }),
        None => (
            Pieces::One(Piece::new(body, 2)),
            unclosed_quote_line(text, delimiter),
        ),
    };
    Ok(Prepared {
        head,
        pieces,
        unclosed,
    })
}

impl Prepared {
    /// The rows of a file after `head`, read in `pieces` elsewhere, and the line of a quoted
    /// field in it never closed.
    pub(super) fn new(head: Head, pieces: Pieces, unclosed: Option<usize>) -> Self {
        Self {
            head,
            pieces,
            unclosed,
        }
    }

    /// Reads and checks the rows, telling `progress` the fraction done now and then.
    pub(super) fn read(self, progress: &dyn Fn(f64) -> bool) -> Parsed {
        profiling::function_scope!();
        let read = read_body(&self.pieces, &self.head.shape, progress)?;
        self.finish(read, progress)
    }

    /// What the rows read ([`BodyRead`]) give: the dataset, or the problems and skipped rows.
    pub(super) fn finish(self, read: BodyRead, progress: &dyn Fn(f64) -> bool) -> Parsed {
        let Self {
            head:
                Head {
                    title,
                    text: head,
                    shape,
                    mut notes,
                },
            pieces,
            unclosed,
        } = self;
        let (events, mut problems, skipped) = read;
        if let Some(line) = unclosed {
            return Err(unclosed_quote(problems, line).into());
        }
        if !progress(PARSE_SHARE) {
            return Err(ParseFailure::Cancelled);
        }
        notes.extend(super::take_notes(&mut problems));
        // Every problem of a row is on the row's first line: those lines are the skipped rows.
        let lines: Vec<usize> = problems.iter().filter_map(|p| p.line).collect();
        // The events have their own copy of their text: the rows' text is kept only to give
        // back the skipped rows, and freed before the events are sorted and indexed.
        let pieces = (!problems.is_empty()).then_some(pieces);
        super::outcome(
            Vec::new(),
            problems,
            events.len(),
            skipped,
            || {
                let report = |f| {
                    progress(PARSE_SHARE + (1.0 - PARSE_SHARE) * f);
                };
                (dataset(&title, events, &report), notes)
            },
            || {
                // The text again, for the few rows skipped.
                let mut text = head.clone();
                text.extend(
                    pieces
                        .iter()
                        .flat_map(Pieces::iter)
                        .map(|p| p.text.as_str()),
                );
                super::csv_skip::rows_at_lines(&text, shape.delimiter, head.len(), &lines)
            },
        )
    }
}

/// The first row.
fn read_header(reader: &mut csv::Reader<&[u8]>) -> Result<csv::StringRecord, ParseFailure> {
    let mut header = csv::StringRecord::new();
    match reader.read_record(&mut header) {
        Ok(true) => Ok(header),
        Ok(false) => Err(Problem::whole(ProblemKind::Empty, "the file is empty").into()),
        Err(e) => Err(csv_error(&e).into()),
    }
}

/// Which column holds each field, with notes on the columns read under another name or not
/// read; or the header's problems (a required field without a column, a mapped column absent).
fn header_columns(
    header: &csv::StringRecord,
    map: &ColumnMap,
) -> Result<(Columns, Vec<Problem>), ParseFailure> {
    let names: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    let mut problems = Vec::new();
    let columns = map_columns(&names, map, &mut problems);
    let header_list: Vec<&str> = header.iter().collect();
    missing_required(&columns, map, &header_list, &mut problems);
    duplicate_columns(&names, &header_list, map, &mut problems);
    if !problems.is_empty() {
        return Err(problems.into());
    }
    Ok((columns, column_notes(header_list, &names, &columns)))
}

/// The events of the rows that read, the problems found (unsorted), and how many rows were
/// skipped for them.
pub(super) type BodyRead = (Vec<Event>, Vec<Problem>, usize);

/// The rows of `pieces` read ([`BodyRead`]); halves are read at once, the second on a thread of
/// its own.
fn read_body(
    pieces: &Pieces,
    shape: &Shape,
    progress: &dyn Fn(f64) -> bool,
) -> Result<BodyRead, ParseFailure> {
    match pieces {
        Pieces::Halves(first, second) => {
            let (a, b) = read_halves(first, second, shape, progress)?;
            Ok(combine(a, b))
        }
        Pieces::One(piece) => {
            let mut rows = read_rows(
                std::slice::from_ref(piece),
                Some(piece.breaks + 1),
                shape,
                progress,
            )
            .ok_or(ParseFailure::Cancelled)?;
            let events = concat(std::mem::take(&mut rows.events));
            Ok(checked(events, rows.problems, rows.checker, rows.unread))
        }
    }
}

/// The rows of two halves read at once ([`BodyRead`]): `a`'s first vector of events has room
/// for all of them.
pub(super) fn combine(mut a: Rows, b: Rows) -> BodyRead {
    let mut problems = a.problems;
    problems.extend(b.problems);
    let mut checker = a.checker;
    checker.merge(b.checker);
    // The first half's vector has room for all; the second's events are moved in a piece at a
    // time, each freed once moved (never all the events twice).
    let mut events = concat(std::mem::take(&mut a.events));
    for chunk in b.events {
        // (On every core: a copy of hundreds of megabytes into memory not yet touched.)
        events.par_extend(chunk);
    }
    checked(events, problems, checker, a.unread + b.unread)
}

/// The rows read ([`BodyRead`]) once `checker`, which saw them all, has found the ids used
/// again: the events to drop for them dropped; `unread` rows could not be read at all.
fn checked(
    mut events: Vec<Event>,
    mut problems: Vec<Problem>,
    checker: Checker,
    unread: usize,
) -> BodyRead {
    let rejected = checker.finish(&events, &mut problems);
    rejected.drop_duplicates(&mut events);
    (events, problems, rejected.count() + unread)
}

/// Reads the two halves of a body at once, the second on a thread of its own that stops when
/// the first is cancelled.
fn read_halves(
    first: &[Piece],
    second: &[Piece],
    shape: &Shape,
    progress: &dyn Fn(f64) -> bool,
) -> Result<(Rows, Rows), ParseFailure> {
    let all = first.iter().chain(second).map(|p| p.breaks).sum::<usize>() + 2;
    let go_on = AtomicBool::new(true);
    let (a, b) = std::thread::scope(|scope| {
        let other =
            scope.spawn(|| read_rows(second, None, shape, &|_| go_on.load(Ordering::Relaxed)));
        let a = read_rows(first, Some(all), shape, progress);
        if a.is_none() {
            go_on.store(false, Ordering::Relaxed);
        }
        (a, join(other))
    });
    match (a, b) {
        (Some(a), Some(b)) => Ok((a, b)),
        _ => Err(ParseFailure::Cancelled),
    }
}

/// What follows an unclosed quote is one runaway field: the problems before its line, and the
/// cause rather than its effects.
fn unclosed_quote(mut problems: Vec<Problem>, line: usize) -> Vec<Problem> {
    problems.retain(|p| p.line.is_some_and(|l| l < line));
    problems.push(Problem::at(
        line,
        ProblemKind::Syntax,
        "a quoted field that starts on this line is never closed",
    ));
    problems
}

/// The dataset of `events`, titled `title`. The events slice the rows' text, delimiters, dates
/// and all: they first get a copy of what they keep of it (a quarter less at a million rows), so
/// that it can go before they are sorted and indexed. Tells `report` the fraction done now and
/// then.
fn dataset(title: &str, mut events: Vec<Event>, report: &dyn Fn(f64)) -> Dataset {
    events
        .par_chunks_mut(SHARED_TEXT_EVENTS)
        .for_each(share_one_text);
    report(SHARED_TEXT_SHARE);
    let meta = Meta {
        title: title.to_owned(),
        ..Meta::default()
    };
    // CSV cannot declare themes, so every lane is generated: no note for that.
    let (dataset, _) = Dataset::new_reporting(meta, Vec::new(), Vec::new(), events, &|f| {
        report(SHARED_TEXT_SHARE + (1.0 - SHARED_TEXT_SHARE) * f);
    });
    dataset
}
