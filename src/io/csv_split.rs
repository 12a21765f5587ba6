//! Plain CSV rows split where they lie. Most rows of a big file are plain: cells written as
//! they are, or in quotes without quotes inside, ending in `\n` or `\r\n`. Such a row's cells
//! are slices of the file's text as it is, found with `memchr` (a row without quotes is split
//! at its delimiters in one pass), without the csv crate's copy of every row into a record and
//! its check that the copy is UTF-8 (the text is already a `str`). The fast path reads them.
//!
//! Any other row (quotes doubled or in the middle of a cell, text after a closing quote, a
//! lone `\r`) is read by the csv crate, from where it begins: the reader is moved there when
//! it is not there already. Both give the same cells: `tests/csv_fast_path.rs` compares the
//! fast path, which splits here, with the general path, which reads every row with the csv
//! crate, on random text of quotes, delimiters and line breaks.

use std::io::Cursor;

use super::csv::{PARSE_SHARE, PROGRESS_ROWS, builder};
use super::csv_fast::FastColumns;
use super::csv_rows::{Piece, Shape, Sink, line_breaks, row_line};

/// Where a plain row ends: the place of its line break (or the end of the text), and how many
/// line breaks its quoted cells hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct RowEnd {
    pub at: usize,
    pub breaks: usize,
}

/// Splits the row that begins at `at` (not a line break) into `cells`, slices of `text`, when
/// it is plain (module doc); `None` (with `cells` in any state) when it is not.
pub(super) fn split_row<'t>(
    text: &'t str,
    at: usize,
    delimiter: u8,
    cells: &mut Vec<&'t str>,
) -> Option<RowEnd> {
    cells.clear();
    let bytes = text.as_bytes();
    let rest = bytes.get(at..)?;
    let line_end = at + memchr::memchr(b'\n', rest).unwrap_or(rest.len());
    // A `\r` right before the `\n` ends the row with it.
    let end = if line_end > at && line_end < bytes.len() && bytes[line_end - 1] == b'\r' {
        line_end - 1
    } else {
        line_end
    };
    let line = bytes.get(at..end)?;
    if memchr::memchr2(b'"', b'\r', line).is_some() {
        return split_quoted(text, at, delimiter, cells);
    }
    let mut from = at;
    for d in memchr::memchr_iter(delimiter, line) {
        cells.push(text.get(from..at + d)?);
        from = at + d + 1;
    }
    cells.push(text.get(from..end)?);
    Some(RowEnd { at: end, breaks: 0 })
}

/// [`split_row`] of a row with quotes or a `\r` in its first line: cell by cell.
fn split_quoted<'t>(
    text: &'t str,
    mut at: usize,
    delimiter: u8,
    cells: &mut Vec<&'t str>,
) -> Option<RowEnd> {
    let bytes = text.as_bytes();
    let mut breaks = 0;
    loop {
        if bytes.get(at) == Some(&b'"') {
            // Quoted: to the next quote, which must close the cell (not be doubled).
            let close = at + 1 + memchr::memchr(b'"', bytes.get(at + 1..)?)?;
            let inside = text.get(at + 1..close)?;
            breaks += line_breaks(inside);
            cells.push(inside);
            at = close + 1;
        } else {
            // Plain: to the next delimiter or line end; a quote or `\r` inside is not plain.
            let from = at;
            while let Some(&b) = bytes.get(at) {
                if b == delimiter || b == b'\n' || b == b'\r' || b == b'"' {
                    break;
                }
                at += 1;
            }
            cells.push(text.get(from..at)?);
        }
        match bytes.get(at) {
            None | Some(b'\n') => return Some(RowEnd { at, breaks }),
            Some(b'\r') if bytes.get(at + 1) == Some(&b'\n') => return Some(RowEnd { at, breaks }),
            Some(&b) if b == delimiter => at += 1,
            // A doubled or stray quote, text after a closing quote, a lone `\r`.
            Some(_) => return None,
        }
    }
}

/// Reads the rows of `piece` into `sink`: plain rows split here and given to the fast path
/// (the general way when it does not take them), the others read by the csv crate. `None`
/// when `progress` asked to stop.
pub(super) fn read_plain_rows(
    piece: &Piece,
    shape: &Shape,
    fast: &FastColumns,
    sink: &mut Sink,
    progress: &dyn Fn(f64) -> bool,
) -> Option<()> {
    let text = piece.text.as_str();
    let bytes = text.as_bytes();
    let line_offset = piece.first_line - 1;
    let mut reader = builder(shape.delimiter).from_reader(Cursor::new(bytes));
    // Where the csv crate's reader stands: it reads on from there without being moved.
    let mut reader_at = 0;
    let mut cells = Vec::with_capacity(shape.fields);
    let mut row = csv::StringRecord::new();
    // The place in the text and its line there (the piece's first line is 1).
    let mut at = 0;
    let mut line = 1;
    for n in 0u64.. {
        // Past line breaks and blank lines, which the csv crate skips too.
        let before = at;
        while let Some(&b) = bytes.get(at) {
            match b {
                b'\n' => line += 1,
                b'\r' => {}
                _ => break,
            }
            at += 1;
        }
        if at >= bytes.len() {
            break;
        }
        if reader_at == before {
            reader_at = at;
        }
        if n % PROGRESS_ROWS as u64 == 0 && !progress(PARSE_SHARE * at as f64 / bytes.len() as f64)
        {
            return None;
        }
        sink.before_row();
        // Where the row begins, for the rows the csv crate reads or the general way checks.
        let position = || {
            let mut p = csv::Position::new();
            p.set_byte(at as u64).set_line(line as u64).set_record(n);
            p
        };
        if let Some(end) = split_row(text, at, shape.delimiter, &mut cells) {
            let file_line = line + line_offset;
            let event = (cells.len() == shape.fields)
                .then(|| {
                    super::csv_fast::event_of_slices(
                        &cells,
                        file_line,
                        fast,
                        &mut sink.checker,
                        sink.shared.as_ref(),
                    )
                })
                .flatten();
            if let Some(event) = event {
                sink.events.push(event);
            } else {
                // The general way, from the same cells.
                row.clear();
                for cell in &cells {
                    row.push_field(cell);
                }
                row.set_position(Some(position()));
                sink.general(&row, file_line, shape);
            }
            at = end.at;
            line += end.breaks;
            continue;
        }
        // Not plain: the csv crate reads it, moved here first if it is elsewhere.
        if reader_at != at && reader.seek(position()).is_err() {
            break;
        }
        let read = reader.read_record(&mut row);
        let next = usize::try_from(reader.position().byte()).unwrap_or(usize::MAX);
        match read {
            Ok(true) => {
                let file_line = row.position().map_or(line, |p| row_line(text, p)) + line_offset;
                sink.row(&row, file_line, shape, fast);
            }
            Ok(false) => break,
            Err(e) => {
                sink.unreadable(&e, line_offset);
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    break;
                }
            }
        }
        // (The reader always reads on; a reader that did not is not followed round again.)
        if next <= at {
            break;
        }
        line += line_breaks(text.get(at..next).unwrap_or(""));
        at = next;
        reader_at = next;
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn split(text: &str) -> Option<(Vec<&str>, RowEnd)> {
        let mut cells = Vec::new();
        split_row(text, 0, b',', &mut cells).map(|end| (cells, end))
    }

    #[test]
    fn plain_rows_are_split_where_they_lie() {
        assert_eq!(
            split("a,b,,c\nnext"),
            Some((vec!["a", "b", "", "c"], RowEnd { at: 6, breaks: 0 }))
        );
        assert_eq!(
            split("a,\"b,c\"\r\nnext"),
            Some((vec!["a", "b,c"], RowEnd { at: 7, breaks: 0 }))
        );
        assert_eq!(
            split("\"two\nlines\",x"),
            Some((vec!["two\nlines", "x"], RowEnd { at: 13, breaks: 1 }))
        );
        assert_eq!(
            split("a,"),
            Some((vec!["a", ""], RowEnd { at: 2, breaks: 0 }))
        );
        // The cells are the text's own.
        let text = "id,title\n";
        let (cells, _) = split(text).expect("plain");
        assert!(std::ptr::eq(cells[1].as_ptr(), text[3..].as_ptr()));
    }

    #[test]
    fn rows_that_are_not_plain_are_left_to_the_csv_crate() {
        for text in [
            "a,\"say \"\"hi\"\"\"\n",
            "a,b\"c\n",
            "a,\"b\"c\n",
            "a,b\rc\n",
            "a,\"never closed\n",
            "a,b\r",
        ] {
            assert_eq!(split(text), None, "{text:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Whenever a row is split here, the csv crate reads the same cells from it and the
        /// next row begins at the same place.
        #[test]
        fn a_split_row_is_the_csv_crates_record(
            text in "[a\",;\r\n\u{e9} ]{1,40}",
            semicolon: bool,
        ) {
            let delimiter = if semicolon { b';' } else { b',' };
            let at = text.find(|c| c != '\r' && c != '\n');
            let Some(at) = at else { return Ok(()) };
            let mut cells = Vec::new();
            if let Some(end) = split_row(&text, at, delimiter, &mut cells) {
                let mut reader = builder(delimiter).from_reader(&text.as_bytes()[at..]);
                let mut row = csv::StringRecord::new();
                prop_assert!(reader.read_record(&mut row).expect("text reads"));
                prop_assert_eq!(row.iter().collect::<Vec<_>>(), cells);
                let next = at + reader.position().byte() as usize;
                // (The reader stops past the line break's first byte.)
                prop_assert_eq!(next, end.at + usize::from(end.at < text.len()));
                prop_assert_eq!(end.breaks, line_breaks(&text[at..end.at]));
            }
        }
    }
}
