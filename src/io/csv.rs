//! CSV: one row per event, header `id,title,start,end,theme,importance,place,description,sources,tags`
//! (any order, case-insensitive; other tools' names for them are recognised too, see
//! `csv_columns`). Several tags are separated by `;`, several sources by ` | `, a source written
//! `Title <URL>`; a literal separator inside an item is escaped with `\`.
//!
//! Export is spreadsheet-safe: a text cell a spreadsheet would run as a formula is prefixed with
//! `'` (OWASP's advice) and import removes that prefix again, so the round trip is lossless.

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::model::shared_text::share_one_text;
use crate::model::{Dataset, Event, Meta, Source};

pub use super::csv_columns::ColumnMap;
use super::csv_columns::{Columns, column_notes, duplicate_columns, map_columns, missing_required};
use super::csv_fast::FastColumns;
use super::csv_quotes::unclosed_quote_line;
use super::csv_rows::{
    PARALLEL_BYTES, PIECE_BYTES, Piece, Pieces, Rows, Shape, concat, join, read_rows, split_at_row,
};
use super::field::Field;
use super::{ParseFailure, Parsed, Problem, ProblemKind};

pub(super) const TAG_SEP: char = ';';
/// Rows read between two progress reports.
pub(super) const PROGRESS_ROWS: usize = 16 * 1024;
/// Share of the work that reading and checking the rows takes (the rest: sorting, indexing;
/// measured with ten million rows: 4.5 s and 5.3 s).
pub(super) const PARSE_SHARE: f64 = 0.45;
/// Share of the sorting and indexing that copying the events' text takes.
const SHARED_TEXT_SHARE: f64 = 0.13;
const SOURCE_SEP: char = '|';

/// The header Chronolane writes: every field's name, in [`Field::ALL`] order.
pub fn header() -> [&'static str; Field::COUNT] {
    Field::names()
}

/// The delimiter of a CSV file: whichever of comma, semicolon and tab its header line has most
/// of outside quotes (comma when none).
pub fn detect_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in header.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (d, n) in &mut counts {
                if b == *d {
                    *n += 1;
                }
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(d, n)| (*n, *d == b','))
        .map_or(b',', |(d, _)| *d)
}

/// Parses CSV text into a dataset titled `title` and notes on its columns, or every problem
/// found.
pub fn parse(text: &str, title: &str) -> Parsed {
    parse_with(text, title, &ColumnMap::default())
}

/// [`parse`] with some columns chosen by hand.
pub fn parse_with(text: &str, title: &str, map: &ColumnMap) -> Parsed {
    parse_progress(text, title, map, &|_| true)
}

/// [`parse_with`], telling `progress` the fraction done now and then; when it answers false the
/// parse stops with [`ParseFailure::Cancelled`].
pub fn parse_progress(
    text: &str,
    title: &str,
    map: &ColumnMap,
    progress: &dyn Fn(f64) -> bool,
) -> Parsed {
    read(text, title, map, progress, true)
}

/// [`parse_with`] without the fast path: every row read and checked the general way. The
/// fast path must give exactly what this gives; tests compare them.
#[doc(hidden)]
pub fn parse_general(text: &str, title: &str, map: &ColumnMap) -> Parsed {
    read(text, title, map, &|_| true, false)
}

/// [`parse_progress`], with or without the fast path.
fn read(
    text: &str,
    title: &str,
    map: &ColumnMap,
    progress: &dyn Fn(f64) -> bool,
    fast: bool,
) -> Parsed {
    prepare(text, title, map, fast)?.read(progress)
}

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
            let mut problems = rows.problems;
            let mut events = concat(std::mem::take(&mut rows.events));
            let rejected = rows.checker.finish(&events, &mut problems);
            rejected.drop_duplicates(&mut events);
            Ok((events, problems, rejected.count() + rows.unread))
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
        events.extend(chunk);
    }
    let rejected = checker.finish(&events, &mut problems);
    rejected.drop_duplicates(&mut events);
    (events, problems, rejected.count() + a.unread + b.unread)
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

/// A reader of every row, the header included, however many fields each has.
pub(super) fn reader(text: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    builder(delimiter).from_reader(text.as_bytes())
}

/// How every reader of rows is made: no header (the first row is read as a row), rows of any
/// number of fields.
pub(super) fn builder(delimiter: u8) -> csv::ReaderBuilder {
    let mut builder = csv::ReaderBuilder::new();
    builder
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter);
    builder
}

pub(super) fn csv_error(e: &csv::Error) -> Problem {
    let line = e.position().map_or(1, |p| p.line() as usize);
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => {
            Problem::at(line, ProblemKind::Encoding, "the row is not UTF-8 text")
        }
        _ => Problem::at(
            line,
            ProblemKind::Syntax,
            format!("the row cannot be read: {e}"),
        ),
    }
}

pub(super) fn parse_sources(cell: &str) -> Vec<Source> {
    split_escaped(cell, SOURCE_SEP)
        .into_iter()
        .map(|item| {
            let item = item.trim();
            if !item.contains(" <") && (item.starts_with("https://") || item.starts_with("http://"))
            {
                // A bare link (a `url` or `link` column) is its own title; a Wikidata item's
                // is its id.
                let title = match item.split_once("wikidata.org/entity/") {
                    Some((_, id)) if !id.is_empty() && !id.contains('/') => {
                        format!("Wikidata {id}")
                    }
                    _ => item.to_owned(),
                };
                return Source {
                    title,
                    url: Some(item.to_owned()),
                };
            }
            match item.strip_suffix('>').and_then(|s| s.rsplit_once(" <")) {
                Some((title, url)) => Source {
                    title: title.trim().to_owned(),
                    // `Title <>` is a title that would otherwise read as a link.
                    url: Some(url.trim().to_owned()).filter(|u| !u.is_empty()),
                },
                None => Source {
                    title: item.to_owned(),
                    url: None,
                },
            }
        })
        .filter(|s| !s.title.is_empty())
        .collect()
}

pub(super) fn format_sources(sources: &[Source]) -> String {
    let items: Vec<String> = sources
        .iter()
        .map(|s| match &s.url {
            Some(u) => format!("{} <{u}>", s.title),
            // A title that looks like `Title <URL>` or like a bare link gets an empty `<>`.
            None if (s.title.ends_with('>') && s.title.contains(" <"))
                || s.title.starts_with("https://")
                || s.title.starts_with("http://") =>
            {
                format!("{} <>", s.title)
            }
            None => s.title.clone(),
        })
        .collect();
    join_escaped(&items, SOURCE_SEP, " ")
}

/// Splits on `sep`, honouring `\` escapes (`\;` is a literal `;`, `\\` a backslash).
pub fn split_escaped(s: &str, sep: char) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some(n) if n == sep || n == '\\' => cur.push(n),
                Some(n) => {
                    cur.push('\\');
                    cur.push(n);
                }
                None => cur.push('\\'),
            }
        } else if c == sep {
            out.push(std::mem::take(&mut cur).trim().to_owned());
        } else {
            cur.push(c);
        }
    }
    out.push(cur.trim().to_owned());
    out.retain(|s| !s.is_empty());
    out
}

/// Joins items with `sep` (padded with `pad` on both sides), escaping separators inside items.
pub fn join_escaped(items: &[String], sep: char, pad: &str) -> String {
    items
        .iter()
        .map(|i| i.replace('\\', "\\\\").replace(sep, &format!("\\{sep}")))
        .collect::<Vec<_>>()
        .join(&format!("{pad}{sep}{pad}"))
}

fn needs_guard(s: &str) -> bool {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => true,
        Some('\'') => needs_guard(&s[1..]),
        _ => false,
    }
}

/// Neutralises a text cell a spreadsheet would run as a formula (OWASP: prefix `'`).
pub fn guard(s: &str) -> String {
    if needs_guard(s) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

/// Undoes [`guard`].
pub fn unguard(s: &str) -> String {
    unguarded(s).to_owned()
}

/// [`unguard`] without a copy: the text of `s` without its guard.
pub fn unguarded(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest,
        _ => s,
    }
}

/// One event as the cells of a CSV row, in [`Field::ALL`] order.
pub fn event_row(e: &Event) -> [String; Field::COUNT] {
    Field::ALL.map(|field| event_cell(e, field))
}

/// One field of an event as its CSV cell.
pub fn event_cell(e: &Event, field: Field) -> String {
    let life = e.life();
    let date =
        |d: Option<&crate::model::HistDate>| d.map(|d| d.edtf().to_owned()).unwrap_or_default();
    let original = e.original();
    match field {
        Field::Id => guard(&e.id),
        Field::Title => guard(&e.title),
        Field::Start => match original {
            Some(o) => guard(&o.start),
            None => e.start.edtf().to_owned(),
        },
        Field::End => match original {
            Some(o) => guard(o.end.as_deref().unwrap_or("")),
            None => date(e.end.as_ref()),
        },
        Field::Theme => guard(&e.theme),
        Field::Importance => e.importance.to_string(),
        Field::Place => guard(e.place.as_deref().unwrap_or("")),
        Field::Description => guard(&e.description),
        Field::Sources => guard(&format_sources(e.sources())),
        Field::Tags => guard(&join_escaped(e.tags(), TAG_SEP, "")),
        Field::DisplayDate => guard(e.display_date().unwrap_or("")),
        Field::Born => date(life.and_then(|l| l.born.as_ref())),
        Field::Died => date(life.and_then(|l| l.died.as_ref())),
        Field::Links => guard(&super::cells::format_links(e.links())),
        Field::Names => guard(&super::cells::format_names(e.names())),
        Field::Calendar => original
            .map(|o| o.calendar.name().to_owned())
            .unwrap_or_default(),
    }
}

/// The fields written as columns for `events`: every field but the optional ones
/// ([`Field::is_optional_column`]) no event uses.
pub fn columns_for<'a>(events: impl IntoIterator<Item = &'a Event>) -> Vec<Field> {
    let (mut display, mut born, mut died) = (false, false, false);
    let (mut links, mut names, mut calendar) = (false, false, false);
    for e in events {
        display |= e.display_date().is_some();
        links |= !e.links().is_empty();
        names |= !e.names().is_empty();
        calendar |= e.original().is_some();
        if let Some(l) = e.life() {
            born |= l.born.is_some();
            died |= l.died.is_some();
        }
    }
    Field::ALL
        .into_iter()
        .filter(|f| match f {
            Field::DisplayDate => display,
            Field::Born => born,
            Field::Died => died,
            Field::Links => links,
            Field::Names => names,
            Field::Calendar => calendar,
            _ => true,
        })
        .collect()
}

/// Writes the events as CSV (UTF-8, with a header): a column for each field, and for the
/// optional fields only when an event uses them. Links to events not among them are left out,
/// so that the file reads back.
pub fn to_string<'a>(events: impl IntoIterator<Item = &'a Event>) -> String {
    let events: Vec<&Event> = events.into_iter().collect();
    let columns = columns_for(events.iter().copied());
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(columns.iter().map(|f| f.name()));
    // Links to events not written (a filtered export) would not read back: they are left out.
    let ids: std::collections::HashSet<&str> = if events.iter().any(|e| !e.links().is_empty()) {
        events.iter().map(|e| e.id.as_str()).collect()
    } else {
        std::collections::HashSet::new()
    };
    for e in events {
        if e.links().iter().all(|l| ids.contains(l.to.as_str())) {
            let _ = w.write_record(columns.iter().map(|&f| event_cell(e, f)));
        } else {
            let mut kept = e.clone();
            kept.more_mut()
                .links
                .retain(|l| ids.contains(l.to.as_str()));
            let _ = w.write_record(columns.iter().map(|&f| event_cell(&kept, f)));
        }
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// The whole dataset as CSV.
pub fn dataset_to_string(d: &Dataset) -> String {
    to_string(d.events())
}
