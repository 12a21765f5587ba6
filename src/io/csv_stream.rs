//! Opening a big CSV file a piece at a time: its rows are read from the file straight into the
//! row-aligned pieces their events will slice ([`Piece`]), through one buffer used again and
//! again, rather than read whole into memory and then copied into pieces. On this project's
//! machine, touching fresh memory costs about as much as reading it: a 1 GB file is 1 GB less
//! to touch, and one copy less.
//!
//! Only a file whose first megabyte is a plain CSV header is read so; anything else (Parquet,
//! JSON, UTF-16, a `TimelineJS` sheet, SPARQL TSV, a header this cannot be sure of) is read whole,
//! as before. What a file read so gives is exactly what reading its whole text gives: the same
//! pieces' rows, the same unclosed quote ([`QuoteScan`] carried from piece to piece), the same
//! encoding problem on the same line (`tests/csv_stream.rs` compares them).
//!
//! The rows are read on two threads, the first while the file is still being read: it takes
//! the pieces from a [`Shelf`] as they are put there; once the file is read, it takes half of
//! those it has not reached yet and the reading thread reads the others, as the second half of
//! a file read whole is (`super::csv_read::combine` puts the two together).

use std::fs::File;
use std::io::Read;
use std::path::Path;

use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

use crate::model::Event;

use super::csv::{ColumnMap, Head, PARSE_SHARE, Prepared, combine, prepare_head};
use super::csv_quotes::QuoteScan;
use super::csv_rows::{
    PARALLEL_BYTES, PIECE_BYTES, Piece, Pieces, Rows, Shape, Sink, join, line_breaks, read_rows,
};
use super::file_read::{READ_SHARE, read_error};
use super::{Format, LoadError, MAX_FILE_BYTES, Parsed, Progress};

/// Files at least this big are read a piece at a time (smaller ones whole).
pub(super) const STREAM_BYTES: u64 = 2 * PARALLEL_BYTES as u64;

/// How a file is read a piece at a time.
#[derive(Clone, Copy, Debug)]
struct Sizes {
    /// The bytes read first, in which the format and the header are recognised.
    first: usize,
    /// The bytes of a piece, to the end of its last row.
    piece: usize,
    /// Bytes read at a time past a piece's size, looking for the end of its last row.
    more: usize,
}

const SIZES: Sizes = Sizes {
    first: 1 << 20,
    piece: PIECE_BYTES,
    more: 64 << 10,
};
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// What [`open_csv`] made of a file.
pub(super) enum Opening {
    /// A CSV file, its rows read (or its problems).
    Read(Box<Parsed>),
    /// Not a file read a piece at a time: the bytes read so far, the file's first.
    Bytes(Vec<u8>),
}

/// Reads the CSV file `file` (at `path`, `len` bytes when opened) into its rows' pieces, when
/// its first megabyte is a plain CSV header; `stem` titles the dataset and `map` chooses
/// columns. Reports the reading as the first [`READ_SHARE`] of `progress`.
pub(super) fn open_csv(
    file: &mut File,
    len: u64,
    path: &Path,
    stem: &str,
    map: &ColumnMap,
    progress: &Progress,
) -> Result<Opening, LoadError> {
    open_sized(file, len, path, stem, map, progress, SIZES)
}

/// [`open_csv`] of any reader, with pieces of `sizes`.
fn open_sized(
    file: &mut impl Read,
    len: u64,
    path: &Path,
    stem: &str,
    map: &ColumnMap,
    progress: &Progress,
    sizes: Sizes,
) -> Result<Opening, LoadError> {
    profiling::function_scope!();
    let mut first = Vec::with_capacity(sizes.first);
    Read::by_ref(file)
        .take(sizes.first as u64)
        .read_to_end(&mut first)
        .map_err(|e| read_error(path, e))?;
    let Some((head, body_start)) = csv_head(&first, stem, map) else {
        return Ok(Opening::Bytes(first));
    };
    let read = first.len() as u64;
    first.drain(..body_start);
    let mut stream = Stream {
        file,
        buf: first,
        read,
        eof: false,
        sizes,
        scan: QuoteScan::new(head.delimiter()),
    };
    stream.buf.reserve(sizes.piece + 2 * sizes.more);
    stream.scan.feed(head.text().as_bytes());
    let shape = head.shape();
    let shelf = Shelf::default();
    let parse = |f: f64| progress.part(READ_SHARE, 1.0, f);
    let (read, first, second, stop) = std::thread::scope(|scope| {
        let first = scope.spawn(|| shelf.read_first(len, shape, &parse));
        // However this thread leaves (an error, a panic), the other takes no more pieces.
        let _stop = StopOnDrop(&shelf);
        let mut put_bytes = 0;
        let read = read_pieces(&mut stream, head.text(), path, |piece| {
            put_bytes += piece.text.len();
            shelf.put(piece);
            let done = (put_bytes as f64 / len.max(1) as f64).min(1.0);
            progress.part(0.0, READ_SHARE, done) && !progress.is_cancelled()
        });
        // The pieces the other thread has not taken yet: it takes the first half of them,
        // this one reads the rest (none when the file could not be read).
        let stop = match &read {
            Ok(()) => shelf.share_rest(),
            Err(_) => shelf.stop_now(),
        };
        let second = read.is_ok().then(|| {
            let rest = shelf.lock().pieces[stop..].to_vec();
            read_rows(&rest, None, shape, &|_| !progress.is_cancelled())
        });
        (read, join(first), second.flatten(), stop)
    });
    read?;
    let (Some(first), Some(second)) = (first, second) else {
        return Err(LoadError::Cancelled {
            path: path.display().to_string(),
        });
    };
    let mut pieces = std::mem::take(&mut shelf.lock().pieces);
    let rest = pieces.split_off(stop.min(pieces.len()));
    let unclosed = stream.scan.unclosed();
    let prepared = Prepared::new(head, Pieces::Halves(pieces, rest), unclosed);
    Ok(Opening::Read(Box::new(
        prepared.finish(combine(first, second), &parse),
    )))
}

/// Reads the rows of `stream` (after the header `head`) into pieces, giving each to `put`,
/// which answers whether to go on ([`LoadError::Cancelled`] when it does not).
fn read_pieces<R: Read>(
    stream: &mut Stream<'_, R>,
    head: &str,
    path: &Path,
    mut put: impl FnMut(Piece) -> bool,
) -> Result<(), LoadError> {
    // Lines before the body, as the whole text's reader counts them for an encoding problem.
    let head_lines = line_breaks(head);
    let mut breaks = 0;
    loop {
        let end = stream.rows_end().map_err(|e| read_error(path, e))?;
        if end == 0 {
            return Ok(());
        }
        let bytes = &stream.buf[..end];
        let text = std::str::from_utf8(bytes).map_err(|e| LoadError::Invalid {
            path: path.display().to_string(),
            problems: vec![super::not_utf8(bytes, &e, head_lines + breaks + 1)],
        })?;
        // The body's first row is on line 2, as when the whole text is read.
        let piece = Piece::new(text, 2 + breaks);
        breaks += piece.breaks;
        stream.buf.drain(..end);
        if !put(piece) {
            return Err(LoadError::Cancelled {
                path: path.display().to_string(),
            });
        }
    }
}

/// The header of a file whose first bytes are `first`, when they are a plain CSV header
/// (module doc), and where its rows begin in `first`.
fn csv_head(first: &[u8], stem: &str, map: &ColumnMap) -> Option<(Head, usize)> {
    if super::parquet::is_parquet(first) {
        return None;
    }
    let bom = if first.starts_with(BOM) { BOM.len() } else { 0 };
    let bytes = &first[bom..];
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        // A character cut at the end of the bytes read.
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&bytes[..e.valid_up_to()]).ok()?,
        Err(_) => return None,
    };
    if text.trim_start().is_empty()
        || super::detect_format(text) != Format::Csv
        || (map.0.is_empty() && super::timelinejs_sheet::is_sheet(text))
        || super::wikidata::is_sparql_tsv(text)
    {
        return None;
    }
    let (head, body_start) = prepare_head(text, stem, map, true).ok()?;
    // The header read whole, the rows begun.
    (body_start < text.len()).then_some((head, bom + body_start))
}

/// The pieces read so far, shared by the thread reading the file and the one reading the first
/// rows as the pieces come: reading the file and the rows go on at once, on both cores.
#[derive(Default)]
struct Shelf {
    state: Mutex<ShelfState>,
    /// Told when a piece is put, or the other thread is to stop.
    more: Condvar,
}

#[derive(Default)]
struct ShelfState {
    pieces: Vec<Piece>,
    /// How many the first rows' thread has taken.
    taken: usize,
    /// Once set, the first rows' thread takes no piece from here on.
    stop: Option<usize>,
}

impl Shelf {
    fn lock(&self) -> MutexGuard<'_, ShelfState> {
        // (Nothing is left half-done under the lock: a panic elsewhere leaves it as it is.)
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn put(&self, piece: Piece) {
        self.lock().pieces.push(piece);
        self.more.notify_one();
    }

    /// The next piece for the first rows' thread, waiting for it; `None` once it is to stop.
    fn take(&self) -> Option<Piece> {
        let mut state = self.lock();
        loop {
            if state.stop.is_some_and(|stop| state.taken >= stop) {
                return None;
            }
            if let Some(piece) = state.pieces.get(state.taken).cloned() {
                state.taken += 1;
                return Some(piece);
            }
            state = self
                .more
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// Once the file is read: the first rows' thread is to take half of the pieces it has not
    /// taken yet, and no more; where the others begin.
    fn share_rest(&self) -> usize {
        let mut state = self.lock();
        let stop = state
            .stop
            .unwrap_or(state.taken + (state.pieces.len() - state.taken) / 2);
        state.stop = Some(stop);
        self.more.notify_all();
        stop
    }

    /// The first rows' thread is to take no more pieces, unless it was told where to stop
    /// already; where it stops.
    fn stop_now(&self) -> usize {
        let mut state = self.lock();
        let taken = state.taken;
        let stop = *state.stop.get_or_insert(taken);
        self.more.notify_all();
        stop
    }

    /// The rows of the pieces the first rows' thread takes, read as they come, in a vector with
    /// room for all the file's events (those of the other pieces are moved in after); `None`
    /// when `progress` asked to stop. `len`: the file's bytes.
    fn read_first(&self, len: u64, shape: &Shape, progress: &dyn Fn(f64) -> bool) -> Option<Rows> {
        let mut sink: Option<Sink> = None;
        let mut before = 0.0;
        while let Some(piece) = self.take() {
            let sink = sink.get_or_insert_with(|| {
                let room = room_for(&piece, len);
                Sink::new(room, Some(room))
            });
            let part = piece.text.len() as f64 / len.max(1) as f64;
            sink.read(&piece, shape, &|f| progress(before + f * part))?;
            before += PARSE_SHARE * part;
        }
        Some(sink.unwrap_or_else(|| Sink::new(0, Some(0))).rows())
    }
}

/// Stops the first rows' thread when dropped, unless it was told where to stop already.
struct StopOnDrop<'s>(&'s Shelf);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.stop_now();
    }
}

/// Room for the events of a file of `len` bytes whose first piece is `piece`: as many rows a
/// byte as that piece has, and a quarter more (a file whose later rows are shorter makes the
/// vector grow, at the cost of a copy); never more than four bytes of events a byte of file.
fn room_for(piece: &Piece, len: u64) -> usize {
    let per_byte = (piece.breaks + 1) as f64 / piece.text.len().max(1) as f64;
    let rows = per_byte * len as f64 * 1.25 + 64.0;
    let most = len as f64 * 4.0 / std::mem::size_of::<Event>() as f64;
    rows.min(most) as usize
}

/// A file being read into a buffer used again and again.
struct Stream<'f, R> {
    file: &'f mut R,
    /// Bytes read and not yet taken into a piece.
    buf: Vec<u8>,
    /// Bytes read from the file so far.
    read: u64,
    eof: bool,
    sizes: Sizes,
    /// The quotes of the bytes taken into pieces, and of those after up to where the next
    /// piece ends once that is found.
    scan: QuoteScan,
}

impl<R: Read> Stream<'_, R> {
    /// Reads up to `n` more bytes. A file grown past [`MAX_FILE_BYTES`] while it is read ends
    /// there, as a file read whole does.
    fn more(&mut self, n: usize) -> std::io::Result<()> {
        let got = Read::by_ref(self.file)
            .take(n as u64)
            .read_to_end(&mut self.buf)?;
        self.read += got as u64;
        if got == 0 || self.read > MAX_FILE_BYTES {
            self.eof = true;
        }
        Ok(())
    }

    /// Where the next piece ends in the buffer: past the first line break outside quotes after
    /// the piece's size, reading more as needed (as `csv_rows::stretches_of_rows` cuts a whole
    /// body); all that is left at the end of the file; 0 when nothing is. The bytes up to there
    /// are scanned for quotes ([`QuoteScan`]) on the way.
    fn rows_end(&mut self) -> std::io::Result<usize> {
        let size = self.sizes.piece;
        while self.buf.len() < size && !self.eof {
            self.more(size - self.buf.len())?;
        }
        let mut end = self.scan.row_end_from(&self.buf, size);
        loop {
            if let Some(end) = end {
                return Ok(end);
            }
            let from = self.buf.len();
            if self.eof {
                return Ok(from);
            }
            self.more(self.sizes.more)?;
            end = self
                .scan
                .feed_to_row_end(&self.buf[from..])
                .map(|e| from + e);
        }
    }
}

#[cfg(test)]
#[path = "csv_stream_tests.rs"]
mod tests;
