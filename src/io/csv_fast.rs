//! The CSV reader's fast path. Most rows of a big file say only what most events say: an id, a
//! title, dates of the common shapes (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), an importance digit, a
//! lane, a place and a description. Such a row becomes its event here at once, without the
//! general path's record of owned strings and its checks of everything else a row may hold;
//! every other row (a guarded cell, another date form, a source, a problem of any kind...) is
//! left to the general path, which reads and reports it. Both give exactly the same events and
//! problems: `tests/csv_fast_path.rs` compares them on the malformed corpus and on random
//! rows.
//!
//! The events' text is not copied as the rows are read: each cell is a slice of the rows' text
//! ([`Text`]), which all the events read from it share, when the cell is found there as the
//! reader gave it (a cell with doubled quotes inside, which the reader unescaped, is copied).
//! Once all the rows are read, the events get one copy of what they keep of that text
//! ([`crate::model::shared_text`]).

use crate::model::event::{DEFAULT_IMPORTANCE, MAX_IMPORTANCE, MIN_IMPORTANCE};
use arcstr::ArcStr;

use crate::model::{Event, HistDate, Text};

use super::csv_columns::Columns;
use super::field::Field;
use super::record::{Checker, MAX_FIELD_BYTES};
use super::record_dates::plain_span;

/// The fields the fast path reads.
pub(super) const READ: [Field; 8] = [
    Field::Id,
    Field::Title,
    Field::Start,
    Field::End,
    Field::Theme,
    Field::Importance,
    Field::Place,
    Field::Description,
];

/// Where a file's rows hold what the fast path reads, and the columns it does not read, which
/// must be empty for a row to take it.
#[derive(Clone, Debug)]
pub(super) struct FastColumns {
    read: [Option<usize>; READ.len()],
    others: Vec<usize>,
    /// For each column up to the last one read, which of [`READ`] it holds.
    slot_of: Vec<Option<usize>>,
}

impl FastColumns {
    pub fn new(columns: &Columns) -> Self {
        let others = Field::ALL
            .iter()
            .filter(|f| !READ.contains(f))
            .filter_map(|&f| columns[f])
            .collect();
        let read = READ.map(|f| columns[f]);
        let mut slot_of = vec![None; read.iter().flatten().max().map_or(0, |&last| last + 1)];
        for (slot, column) in read.iter().enumerate() {
            if let Some(&i) = column.as_ref() {
                slot_of[i] = Some(slot);
            }
        }
        Self {
            read,
            others,
            slot_of,
        }
    }
}

/// The event of `row` (on `line`, with as many fields as the header) when it takes the fast
/// path, after telling `checker` of it as the general path would; `None`, with nothing done,
/// when the row is for the general path. `input` is the text the row was read from, when its
/// cells can be shared rather than copied.
pub(super) fn event(
    row: &csv::StringRecord,
    line: usize,
    columns: &FastColumns,
    checker: &mut Checker,
    input: Option<&ArcStr>,
) -> Option<Event> {
    let cells = read_cells(|i| row.get(i), columns)?;
    let found = input.map(|input| Found::new(input, row, columns));
    build(cells, line, checker, input, |i, cell| match &found {
        Some(found) => found.text(i, cell),
        None => cell,
    })
}

/// [`event`] of a row whose cells are slices of `input` as they are (a row split by
/// [`super::csv_split`], with as many cells as the header): each cell kept is a slice of
/// `input`'s string, never a copy (a copy only without `input`).
pub(super) fn event_of_slices(
    row: &[&str],
    line: usize,
    columns: &FastColumns,
    checker: &mut Checker,
    input: Option<&ArcStr>,
) -> Option<Event> {
    let cells = read_cells(|i| row.get(i).copied(), columns)?;
    build(cells, line, checker, input, |_, cell| cell)
}

/// `s` without the whitespace around it, as `str::trim` gives it; at once for the common text
/// that begins and ends with a visible ASCII character (no whitespace, which is ASCII up to
/// the space or begins with a byte of 0x80 or more).
pub(super) fn trim(s: &str) -> &str {
    let visible = |b: Option<&u8>| b.is_some_and(|&b| b > b' ' && b < 0x7f);
    if visible(s.as_bytes().first()) && visible(s.as_bytes().last()) {
        s
    } else {
        s.trim()
    }
}

/// The trimmed cells of [`READ`] of a row (`cell` gives the text of a column), when the row
/// can take the fast path as far as its cells alone tell: the columns not read are empty, no
/// cell is guarded or over the limit, the id and title are there.
fn read_cells<'r>(
    cell: impl Fn(usize) -> Option<&'r str>,
    columns: &FastColumns,
) -> Option<[&'r str; READ.len()]> {
    if columns
        .others
        .iter()
        .any(|&i| cell(i).is_some_and(|c| !c.is_empty()))
    {
        return None;
    }
    let mut cells = [""; READ.len()];
    for (read, column) in cells.iter_mut().zip(columns.read) {
        let Some(i) = column else { continue };
        let text = cell(i)?;
        // A guarded cell (`'=…`) or a field over the limit: the general path's.
        if text.len() > MAX_FIELD_BYTES || text.starts_with('\'') {
            return None;
        }
        *read = trim(text);
    }
    let [id, title, ..] = cells;
    (!id.is_empty() && !title.is_empty()).then_some(cells)
}

/// The event of a row's cells of [`READ`] ([`read_cells`]) when its dates and importance are
/// of the common shapes, after telling `checker` of it; `text` gives the `i`th cell's text, a
/// slice of `shared` when it can be.
fn build<'t>(
    cells: [&'t str; READ.len()],
    line: usize,
    checker: &mut Checker,
    shared: Option<&ArcStr>,
    text: impl FnMut(usize, &'t str) -> &'t str,
) -> Option<Event> {
    let parts = plain_parts(&cells)?;
    Some(event_of_parts(&cells, parts, line, checker, shared, text))
}

/// What the dates and importance of the trimmed cells of [`READ`] say, when they are of the
/// common shapes and read without a problem.
pub(super) struct PlainParts {
    start: HistDate,
    end: Option<HistDate>,
    importance: u8,
}

/// The [`PlainParts`] of `cells` (trimmed, an empty end for none), when they are of the
/// common shapes: `None` for anything the general path is to read.
pub(super) fn plain_parts(cells: &[&str; READ.len()]) -> Option<PlainParts> {
    let [_, _, start, end, _, importance, _, _] = *cells;
    let (start, end) = plain_span(start, (!end.is_empty()).then_some(end))?;
    let importance = match importance {
        "" => DEFAULT_IMPORTANCE,
        text => match text.parse::<u8>() {
            Ok(v) if (MIN_IMPORTANCE..=MAX_IMPORTANCE).contains(&v) => v,
            _ => return None,
        },
    };
    Some(PlainParts {
        start,
        end,
        importance,
    })
}

/// The event of the trimmed cells of [`READ`] (an id and a title among them) whose dates and
/// importance are `parts`, after telling `checker` of its id (on `id_line`), as the general
/// path would; `text` gives the `i`th cell's text, for the id, title, place and description:
/// the event shares `shared` when all four are slices of it, else has a copy of its own.
pub(super) fn event_of_parts<'t>(
    cells: &[&'t str; READ.len()],
    parts: PlainParts,
    id_line: usize,
    checker: &mut Checker,
    shared: Option<&ArcStr>,
    mut text: impl FnMut(usize, &'t str) -> &'t str,
) -> Event {
    let [id, title, _, _, theme, _, place, description] = *cells;
    let id = text(0, id);
    checker.accept(id, id_line);
    let title = text(1, title);
    let place = (!place.is_empty()).then(|| text(6, place));
    let description = if description.is_empty() {
        ""
    } else {
        text(7, description)
    };
    let texts = [Some(id), Some(title), place, Some(description)];
    let mut event = Event::with_slices(shared, texts, parts.start);
    event.end = parts.end;
    event.theme = checker.theme((!theme.is_empty()).then_some(theme));
    event.set_importance(parts.importance);
    event
}

/// Where the cells the fast path reads are in the text a row was read from.
struct Found<'a> {
    /// For each of [`READ`], the cell's text in `input`, when found there.
    cells: [Option<&'a str>; READ.len()],
}

impl<'a> Found<'a> {
    /// Walks `row`'s cells through `input` from where the row starts: a cell written plainly,
    /// or in quotes without quotes inside, is the same text in `input`; the walk stops at the
    /// first cell that is not (the reader unescaped it).
    fn new(input: &'a ArcStr, row: &csv::StringRecord, columns: &FastColumns) -> Self {
        let mut cells = [None; READ.len()];
        locate(input, row, columns.slot_of.len(), |column, text| {
            if let Some(Some(slot)) = columns.slot_of.get(column) {
                cells[*slot] = Some(text);
            }
        });
        Self { cells }
    }

    /// The text of the `i`th read cell, trimmed to `cell`: its slice of the input when found
    /// there, else `cell`.
    fn text<'c>(&self, i: usize, cell: &'c str) -> &'c str
    where
        'a: 'c,
    {
        // (Not `shared_cell`: a fast-path cell is never unguarded, whatever it starts with.)
        self.cells[i]
            .map(trim)
            .filter(|&trimmed| trimmed == cell)
            .unwrap_or(cell)
    }
}

/// Finds the first `upto` cells of `row` in `input`, the text it was read from, giving each
/// found cell's column and text there to `found`. A cell written plainly, or in quotes without
/// quotes inside, is the same text in `input`; the walk stops at the first cell that is not
/// (the reader unescaped it).
pub(super) fn locate<'a>(
    input: &'a str,
    row: &csv::StringRecord,
    upto: usize,
    mut found: impl FnMut(usize, &'a str),
) {
    let mut at = row
        .position()
        .and_then(|p| usize::try_from(p.byte()).ok())
        .unwrap_or(usize::MAX);
    // The reader places a row where the previous one ended, before its line break.
    while matches!(input.as_bytes().get(at), Some(b'\r' | b'\n')) {
        at += 1;
    }
    for (column, cell) in row.iter().take(upto).enumerate() {
        let Some(rest) = input.get(at..) else { break };
        let from = if rest.starts_with(cell) {
            at
        } else if rest.starts_with('"')
            && rest.get(1..).is_some_and(|r| r.starts_with(cell))
            && rest.as_bytes().get(cell.len() + 1) == Some(&b'"')
        {
            at + 1
        } else if rest.starts_with('"') {
            // Quotes doubled inside: the cell is not the file's text; walk past its closing
            // quote to the next cell.
            let Some(close) = closing_quote(&rest.as_bytes()[1..]) else {
                break;
            };
            at += close + 3;
            continue;
        } else {
            break;
        };
        if let Some(text) = input.get(from..from + cell.len()) {
            found(column, text);
        }
        // Past the cell, its closing quote if any, and the delimiter.
        at = from + cell.len() + 1 + usize::from(from > at);
    }
}

/// Where the quote closing a quoted cell is in `bytes` (what follows its opening quote): the
/// first quote not doubled.
fn closing_quote(bytes: &[u8]) -> Option<usize> {
    let mut at = 0;
    loop {
        at += memchr::memchr(b'"', bytes.get(at..)?)?;
        if bytes.get(at + 1) == Some(&b'"') {
            at += 2;
        } else {
            return Some(at);
        }
    }
}

/// The text of `cell` as the general path reads it (without the guard of a guarded cell),
/// sharing `input`'s text when the cell was found there (`at`).
pub(super) fn shared_cell(input: Option<&ArcStr>, at: Option<&str>, cell: &str) -> Text {
    let unguarded = super::csv::unguarded(cell);
    input
        .zip(at)
        .and_then(|(input, at)| {
            let skip = cell.len() - unguarded.len();
            let text = at.get(skip..).filter(|t| *t == unguarded)?;
            input.try_substr_from(text)
        })
        .unwrap_or_else(|| Text::from(unguarded))
}

#[cfg(test)]
mod tests {
    /// [`super::trim`] gives what `str::trim` gives, for text with and without whitespace of
    /// every kind (ASCII, Unicode, and characters that are none) at either end.
    #[test]
    fn trim_is_str_trim() {
        let ends = [
            "", " ", "\t", "\n", "\r\n", "\u{b}", "\u{c}", "\u{a0}", "\u{3000}", "\u{2028}",
            "\u{85}", "\u{1c}", "\u{7f}", "\u{0}", "a", "é", "日", "~", "'",
        ];
        for start in ends {
            for end in ends {
                for middle in ["", "x", " x y ", "日露"] {
                    let text = format!("{start}{middle}{end}");
                    assert_eq!(super::trim(&text), text.trim(), "{text:?}");
                }
            }
        }
    }
}
