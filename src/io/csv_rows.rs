//! Reading a CSV file's rows into events: row by row, and for a big file in two halves at once
//! (split at a line break outside quotes), each half with its own checker and copied in pieces
//! of a few megabytes, each freed as soon as the events that slice it have their own copy.

use crate::model::{Event, Text};

use super::csv::{
    PARSE_SHARE, PROGRESS_ROWS, TAG_SEP, csv_error, parse_sources, reader, split_escaped,
};
use super::csv_columns::Columns;
use super::csv_fast::FastColumns;
use super::csv_quotes::QuoteScan;
use super::field::Field;
use super::record::{Checker, RawEvent};
use super::{Problem, ProblemKind};

/// The line a row starts on, counted in `text` (its first line is 1). The reader places a row
/// where the previous one ended, before the line break (`\r\n`) and blank lines that separate
/// them: those are added.
pub(super) fn row_line(text: &str, at: &csv::Position) -> usize {
    let from = usize::try_from(at.byte()).unwrap_or(usize::MAX);
    let breaks = text
        .as_bytes()
        .get(from..)
        .unwrap_or_default()
        .iter()
        .take_while(|&&b| b == b'\n' || b == b'\r')
        .filter(|&&b| b == b'\n')
        .count();
    at.line() as usize + breaks
}

/// Where the rows after a header that ends at `header_end` begin: past the `\n` of a `\r\n`
/// the reader leaves behind, so that the first row is on the body's first line.
pub(super) fn body_start(text: &str, header_end: u64) -> usize {
    let end = usize::try_from(header_end)
        .unwrap_or(text.len())
        .min(text.len());
    if text.as_bytes().get(end) == Some(&b'\n') && end > 0 && text.as_bytes()[end - 1] == b'\r' {
        end + 1
    } else {
        end
    }
}

/// Bodies at least this big are read by two threads.
pub(super) const PARALLEL_BYTES: usize = 8 << 20;

/// What every row of a file is read with.
pub(super) struct Shape {
    pub delimiter: u8,
    pub fields: usize,
    pub columns: Columns,
    /// The columns of the fast path (`super::csv_fast`), or `None` to read every row the
    /// general way.
    pub fast: Option<FastColumns>,
}

/// Events and problems of some rows, and the ids they use.
pub(super) struct Rows {
    /// The events, in the order of the rows; in pieces of [`CHUNK_EVENTS`] when asked for
    /// (`read_rows` without a capacity), so that they can be moved into another vector a piece at a
    /// time, each freed once moved, rather than all held twice.
    pub events: Vec<Vec<Event>>,
    pub problems: Vec<Problem>,
    pub checker: Checker,
    /// Rows that could not be read as records (the checker never saw them).
    pub unread: usize,
}

/// Pieces of events made one vector: the first grows (no copy when there is one piece), the
/// others are moved into it one by one, each freed once moved.
pub(super) fn concat(chunks: Vec<Vec<Event>>) -> Vec<Event> {
    let mut chunks = chunks.into_iter();
    let mut all = chunks.next().unwrap_or_default();
    for chunk in chunks {
        all.extend(chunk);
    }
    all
}

/// Events in each piece of [`Rows::events`] when they are read in pieces (10 MB).
const CHUNK_EVENTS: usize = 1 << 16;

/// Rows of a CSV body, copied into the string their events share, the line of the first, and
/// how many line breaks they hold (counted once, as they are copied). A clone shares the text.
#[derive(Clone)]
pub(super) struct Piece {
    pub text: arcstr::ArcStr,
    pub first_line: usize,
    pub breaks: usize,
}

impl Piece {
    /// A copy of `text` (rows, no header) whose first row is on line `first_line`.
    pub fn new(text: &str, first_line: usize) -> Self {
        Self {
            text: arcstr::ArcStr::from(text),
            first_line,
            breaks: line_breaks(text),
        }
    }

    /// Copies of `text` (rows, no header, whose first row is on line `first_line`, whose
    /// delimiter is `delimiter`) in [`stretches_of_rows`] of about `size` bytes: each freed on
    /// its own once the events that slice it have their own copy of their text (the file's text
    /// is not held whole until the last event is done).
    pub fn many(text: &str, first_line: usize, delimiter: u8, size: usize) -> Vec<Self> {
        let mut line = first_line;
        stretches_of_rows(text, delimiter, size)
            .into_iter()
            .map(|stretch| {
                let piece = Self::new(stretch, line);
                line += piece.breaks;
                piece
            })
            .collect()
    }
}

/// Bytes of a big body copied into each of its [`Piece`]s.
pub(super) const PIECE_BYTES: usize = 4 << 20;

/// The rows of a body: one piece, or two halves read at once, each in pieces of about
/// [`PIECE_BYTES`].
pub(super) enum Pieces {
    One(Piece),
    Halves(Vec<Piece>, Vec<Piece>),
}

impl Pieces {
    pub fn iter(&self) -> impl Iterator<Item = &Piece> {
        let (first, second): (&[Piece], &[Piece]) = match self {
            Self::One(p) => (std::slice::from_ref(p), &[]),
            Self::Halves(a, b) => (a, b),
        };
        first.iter().chain(second)
    }
}

/// What a scoped thread gave; a panic of it is passed on, as one of this thread would be.
pub(super) fn join<T>(thread: std::thread::ScopedJoinHandle<'_, T>) -> T {
    thread
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// How many `\n` are in `text`.
pub(super) fn line_breaks(text: &(impl AsRef<[u8]> + ?Sized)) -> usize {
    memchr::memchr_iter(b'\n', text.as_ref()).count()
}

/// The halves of a CSV body whose delimiter is `delimiter`, split at the first line break
/// outside quotes after the middle (see [`QuoteScan::feed_to_row_end`]).
pub(super) fn split_at_row(body: &str, delimiter: u8) -> Option<(&str, &str)> {
    let at = QuoteScan::new(delimiter).row_end_from(body.as_bytes(), body.len() / 2)?;
    Some((body.get(..at)?, body.get(at..)?))
}

/// Rows of `body` (whose delimiter is `delimiter`) in stretches of about `size` bytes (at
/// least; a stretch ends at the first line break outside quotes after `size` bytes, the last at
/// the body's end), one after the other: all of `body`.
pub(super) fn stretches_of_rows(body: &str, delimiter: u8, size: usize) -> Vec<&str> {
    let size = size.max(1);
    let mut scan = QuoteScan::new(delimiter);
    let mut stretches = Vec::new();
    let mut rest = body;
    while rest.len() > size {
        let Some((stretch, after)) = scan
            .row_end_from(rest.as_bytes(), size)
            .and_then(|end| Some((rest.get(..end)?, rest.get(end..)?)))
        else {
            break;
        };
        stretches.push(stretch);
        rest = after;
    }
    if !rest.is_empty() || stretches.is_empty() {
        stretches.push(rest);
    }
    stretches
}

/// Reads and checks the rows of `pieces` (one after the other), into one vector with room for
/// `capacity` events (all the file's rows when others are to be moved in after), or with `None`
/// in pieces of [`CHUNK_EVENTS`]. `None` when `progress` asked to stop. With the fast path,
/// plain rows are split by [`super::csv_split`] and the others read by the csv crate; without,
/// every row is read by the csv crate.
pub(super) fn read_rows(
    pieces: &[Piece],
    capacity: Option<usize>,
    shape: &Shape,
    progress: &dyn Fn(f64) -> bool,
) -> Option<Rows> {
    let breaks = pieces.iter().map(|p| p.breaks).sum::<usize>();
    let mut sink = Sink::new(breaks, capacity);
    let total = pieces.iter().map(|p| p.text.len()).sum::<usize>().max(1) as f64;
    let mut before = 0.0;
    for piece in pieces {
        let part = piece.text.len() as f64 / total;
        // The piece's fraction of `PARSE_SHARE` as a fraction of all the pieces'.
        sink.read(piece, shape, &|f: f64| progress(before + f * part))?;
        before += PARSE_SHARE * part;
    }
    Some(sink.rows())
}

/// The text the events of `piece` share, unless it is over 4 GiB (a `Text` slices at most that
/// much).
fn shared_text(piece: &Piece) -> Option<arcstr::ArcStr> {
    u32::try_from(piece.text.len())
        .is_ok()
        .then(|| piece.text.clone())
}

/// Where the rows of a piece go as they are read: their events, problems and checker.
pub(super) struct Sink {
    /// The text every event of the piece read now shares (a `Text` slices at most 4 GiB): one
    /// copy of the rows rather than one allocation per cell. `None` when the piece is bigger.
    pub shared: Option<arcstr::ArcStr>,
    pub events: Vec<Event>,
    done: Vec<Vec<Event>>,
    chunked: bool,
    pub problems: Vec<Problem>,
    pub checker: Checker,
    pub unread: usize,
}

impl Sink {
    /// A sink for rows holding about `breaks` line breaks: with room for `capacity` events (all
    /// the file's rows when others are to be moved in after), or with `None` in pieces of
    /// [`CHUNK_EVENTS`].
    pub fn new(breaks: usize, capacity: Option<usize>) -> Self {
        // The first half's checker takes in the second's ids.
        let mut checker = Checker::with_capacity(capacity.unwrap_or(breaks).max(breaks));
        // Halves read at once do not know each row's place in the file, only its line.
        checker.ids_from_lines = true;
        Self {
            shared: None,
            // Sized once: growing a vector of a million events copies it again and again.
            events: Vec::with_capacity(capacity.unwrap_or(CHUNK_EVENTS.min(breaks + 1))),
            done: Vec::new(),
            chunked: capacity.is_none(),
            problems: Vec::new(),
            checker,
            unread: 0,
        }
    }

    /// Called before each row: starts a new piece of events when this one is full.
    pub fn before_row(&mut self) {
        if self.chunked && self.events.len() == CHUNK_EVENTS {
            self.done.push(std::mem::replace(
                &mut self.events,
                Vec::with_capacity(CHUNK_EVENTS),
            ));
        }
    }

    /// A row the reader could not read.
    pub fn unreadable(&mut self, e: &csv::Error, line_offset: usize) {
        let mut p = csv_error(e);
        p.line = p.line.map(|l| l + line_offset);
        self.problems.push(p);
        self.unread += 1;
    }

    /// A row read as a record, on `line` of the file: through the fast path when it takes it,
    /// else the general way.
    pub fn row(&mut self, row: &csv::StringRecord, line: usize, shape: &Shape, fast: &FastColumns) {
        if row.len() == shape.fields
            && let Some(event) =
                super::csv_fast::event(row, line, fast, &mut self.checker, self.shared.as_ref())
        {
            self.events.push(event);
            return;
        }
        self.general(row, line, shape);
    }

    /// A row read the general way.
    pub fn general(&mut self, row: &csv::StringRecord, line: usize, shape: &Shape) {
        match record(row, line, shape, self.shared.as_ref()) {
            Ok(Some(record)) => self
                .events
                .extend(self.checker.check(record, &mut self.problems)),
            Ok(None) => {}
            Err(problem) => {
                self.problems.push(problem);
                self.unread += 1;
            }
        }
    }

    /// Reads the rows of `piece` (after those read so far), telling `progress` the fraction of
    /// it done now and then; `None` when `progress` asked to stop.
    pub fn read(
        &mut self,
        piece: &Piece,
        shape: &Shape,
        progress: &dyn Fn(f64) -> bool,
    ) -> Option<()> {
        self.shared = shared_text(piece);
        match &shape.fast {
            Some(fast) => super::csv_split::read_plain_rows(piece, shape, fast, self, progress),
            None => read_every_row(piece, shape, self, progress),
        }
    }

    pub fn rows(mut self) -> Rows {
        self.done.push(self.events);
        Rows {
            events: self.done,
            problems: self.problems,
            checker: self.checker,
            unread: self.unread,
        }
    }
}

/// Reads every row of `piece` with the csv crate, the general way. `None` when `progress`
/// asked to stop.
fn read_every_row(
    piece: &Piece,
    shape: &Shape,
    sink: &mut Sink,
    progress: &dyn Fn(f64) -> bool,
) -> Option<()> {
    let text = piece.text.as_str();
    let mut reader = reader(text, shape.delimiter);
    let line_offset = piece.first_line - 1;
    let mut row = csv::StringRecord::new();
    let mut last_line = piece.first_line - 1;
    for n in 0.. {
        match reader.read_record(&mut row) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                sink.unreadable(&e, line_offset);
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    break;
                }
                continue;
            }
        }
        let line = row
            .position()
            .map_or(last_line + 1, |p| row_line(text, p) + line_offset);
        last_line = line;
        if n % PROGRESS_ROWS == 0 {
            let at = row.position().map_or(0, csv::Position::byte) as f64;
            if !progress(PARSE_SHARE * at / text.len().max(1) as f64) {
                return None;
            }
        }
        sink.before_row();
        sink.general(&row, line, shape);
    }
    Some(())
}

/// The record of a row on `line`: `None` for a blank row, a problem when it has not as many
/// fields as the header. The loader and the import dialog's preview both read rows with it.
pub(super) fn record(
    row: &csv::StringRecord,
    line: usize,
    shape: &Shape,
    input: Option<&arcstr::ArcStr>,
) -> Result<Option<RawEvent>, Problem> {
    if row.iter().all(|f| f.trim().is_empty()) {
        return Ok(None);
    }
    if row.len() != shape.fields {
        return Err(Problem::at(
            line,
            ProblemKind::Syntax,
            format!(
                "the row has {} fields but the header has {}",
                row.len(),
                shape.fields
            ),
        ));
    }
    // Where each cell is in the input, to share its text rather than copy it.
    let mut found = vec![None; if input.is_some() { row.len() } else { 0 }];
    if let Some(input) = input {
        super::csv_fast::locate(input, row, row.len(), |column, text| {
            found[column] = Some(text);
        });
    }
    // An empty cell is an absent field.
    let cell = |field: Field| {
        let i = shape.columns[field]?;
        let text = row.get(i).filter(|v| !v.is_empty())?;
        Some(super::csv_fast::shared_cell(
            input,
            found.get(i).copied().flatten(),
            text,
        ))
    };
    Ok(Some(event_from_cells(line, cell)))
}

/// An event from the text of each field's cell (`None`: absent), as a table row gives it:
/// sources and tags are split as CSV writes them.
pub(super) fn event_from_cells(line: usize, cell: impl Fn(Field) -> Option<Text>) -> RawEvent {
    RawEvent {
        line,
        id: cell(Field::Id),
        title: cell(Field::Title),
        start: cell(Field::Start),
        end: cell(Field::End),
        theme: cell(Field::Theme),
        importance: cell(Field::Importance),
        place: cell(Field::Place),
        description: cell(Field::Description),
        sources: cell(Field::Sources)
            .map(|s| parse_sources(&s))
            .unwrap_or_default(),
        tags: cell(Field::Tags)
            .map(|s| split_escaped(&s, TAG_SEP))
            .unwrap_or_default(),
        display_date: cell(Field::DisplayDate),
        born: cell(Field::Born),
        died: cell(Field::Died),
        links: cell(Field::Links)
            .map(|s| super::cells::parse_links(&s))
            .unwrap_or_default(),
        names: cell(Field::Names)
            .map(|s| super::cells::parse_names(&s))
            .unwrap_or_default(),
        calendar: cell(Field::Calendar),
        field_lines: super::FieldMap::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_body_is_cut_after_rows_not_inside_quotes() {
        let body = "a,1\nb,\"x\ny\"\nc,3\nd,4\n";
        // After 4 bytes the next break outside quotes ends the second row (its quoted field
        // holds a line break).
        assert_eq!(
            stretches_of_rows(body, b',', 4),
            vec!["a,1\nb,\"x\ny\"\n", "c,3\nd,4\n"]
        );
        assert_eq!(stretches_of_rows(body, b',', 100), vec![body]);
        // A last row without a line break is a stretch of its own.
        assert_eq!(stretches_of_rows("a\nbcdef", b',', 1), vec!["a\n", "bcdef"]);
        // A quote inside a field opens nothing: the break after its row ends the stretch.
        assert_eq!(
            stretches_of_rows("ab\"c,1\nd,2\n", b',', 2),
            vec!["ab\"c,1\n", "d,2\n"]
        );
    }

    /// A stray quote inside a field, then rows whose quoted fields hold line breaks: counting
    /// quotes would cut inside one of those fields.
    #[test]
    fn a_stray_quote_does_not_move_the_middle_into_a_field() {
        let mut body = String::from("1,ab\"c,1900\n");
        for i in 0..20 {
            body.push_str(&i.to_string());
            body.push_str(",\"two\nlines\",1901\n");
        }
        let (first, second) = split_at_row(&body, b',').expect("a middle");
        assert!(
            first.ends_with("1901\n") && second.chars().next().is_some_and(|c| c.is_ascii_digit())
        );
        assert_eq!(records(first).len() + records(second).len(), 21);
    }

    #[test]
    fn a_body_in_pieces_numbers_their_lines_on() {
        let pieces = Piece::many("a\nb\n\"c\nd\"\ne\n", 2, b',', 2);
        let lines: Vec<_> = pieces
            .iter()
            .map(|p| (p.text.as_str(), p.first_line))
            .collect();
        assert_eq!(lines, vec![("a\nb\n", 2), ("\"c\nd\"\n", 4), ("e\n", 6)]);
    }

    /// The records the csv crate reads in `text`.
    fn records(text: &str) -> Vec<Vec<String>> {
        reader(text, b',')
            .records()
            .map(|r| {
                r.map(|r| r.iter().map(str::to_owned).collect())
                    .unwrap_or_default()
            })
            .collect()
    }

    proptest! {
        #[test]
        fn stretches_hold_the_whole_body_and_end_where_rows_end(
            body in "[a\",\r\n]{0,80}",
            size in 1usize..20,
        ) {
            let stretches = stretches_of_rows(&body, b',', size);
            prop_assert_eq!(stretches.concat(), body.clone());
            let (last, whole) = stretches.split_last().expect("at least one stretch");
            for stretch in whole {
                prop_assert!(stretch.len() > size);
                prop_assert!(stretch.ends_with('\n'));
            }
            // Each ends where the csv crate ends a row: read one by one, they are the rows of
            // the whole body.
            let one_by_one: Vec<_> = stretches.iter().flat_map(|s| records(s)).collect();
            prop_assert_eq!(one_by_one, records(&body));
            // The last is cut no further: no break outside quotes after its first `size` bytes
            // but its own last.
            if last.len() > size {
                let end = QuoteScan::new(b',').row_end_from(last.as_bytes(), size);
                prop_assert!(end.is_none_or(|end| end == last.len()), "{:?}", end);
            }
        }

        #[test]
        fn halves_are_the_rows_of_the_whole_body(body in "[a\",\r\n]{0,80}") {
            if let Some((first, second)) = split_at_row(&body, b',') {
                prop_assert_eq!(format!("{first}{second}"), body.clone());
                let mut halves = records(first);
                halves.extend(records(second));
                prop_assert_eq!(halves, records(&body));
            }
        }
    }
}
