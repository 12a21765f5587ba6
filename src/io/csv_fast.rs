//! The CSV reader's fast path. Most rows of a big file say only what most events say: an id, a
//! title, dates of the common shapes (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), an importance digit, a
//! lane, a place and a description. Such a row becomes its event here at once, without the
//! general path's record of owned strings and its checks of everything else a row may hold;
//! every other row (a guarded cell, another date form, a source, a problem of any kind...) is
//! left to the general path, which reads and reports it. Both give exactly the same events and
//! problems: `tests/csv_fast_path.rs` compares them on the malformed corpus and on random
//! rows.

use compact_str::CompactString;

use crate::model::event::{DEFAULT_IMPORTANCE, MAX_IMPORTANCE, MIN_IMPORTANCE};
use crate::model::{Event, HistDate};

use super::csv_columns::Columns;
use super::field::Field;
use super::record::{Checker, FALLBACK_THEME, MAX_FIELD_BYTES};

/// The fields the fast path reads.
const READ: [Field; 8] = [
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
}

impl FastColumns {
    pub fn new(columns: &Columns) -> Self {
        let others = Field::ALL
            .iter()
            .filter(|f| !READ.contains(f))
            .filter_map(|&f| columns[f])
            .collect();
        Self {
            read: READ.map(|f| columns[f]),
            others,
        }
    }
}

/// The event of `row` (on `line`, with as many fields as the header) when it takes the fast
/// path, after telling `checker` of it as the general path would; `None`, with nothing done,
/// when the row is for the general path.
pub(super) fn event(
    row: &csv::StringRecord,
    line: usize,
    columns: &FastColumns,
    checker: &mut Checker,
) -> Option<Event> {
    if columns
        .others
        .iter()
        .any(|&i| row.get(i).is_some_and(|c| !c.is_empty()))
    {
        return None;
    }
    let mut cells = [""; READ.len()];
    for (cell, column) in cells.iter_mut().zip(columns.read) {
        let Some(i) = column else { continue };
        let text = row.get(i)?;
        // A guarded cell (`'=…`) or a field over the limit: the general path's.
        if text.len() > MAX_FIELD_BYTES || text.starts_with('\'') {
            return None;
        }
        *cell = text.trim();
    }
    let [id, title, start, end, theme, importance, place, description] = cells;
    if id.is_empty() || title.is_empty() {
        return None;
    }
    let start = HistDate::parse_plain(start)?;
    let end = match end {
        "" => None,
        end => {
            let end = HistDate::parse_plain(end)?;
            if end.axis_end() <= start.axis_start() {
                return None;
            }
            Some(end)
        }
    };
    let importance = match importance {
        "" => DEFAULT_IMPORTANCE,
        text => match text.parse::<u8>() {
            Ok(v) if (MIN_IMPORTANCE..=MAX_IMPORTANCE).contains(&v) => v,
            _ => return None,
        },
    };
    let id = CompactString::from(id);
    checker.accept(&id, line);
    let mut event = Event::new(id, title, start);
    event.end = end;
    event.theme = if theme.is_empty() {
        FALLBACK_THEME
    } else {
        theme
    }
    .into();
    event.importance = importance;
    event.place = (!place.is_empty()).then(|| place.into());
    description.clone_into(&mut event.description);
    Some(event)
}
