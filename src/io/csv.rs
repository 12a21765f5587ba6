//! CSV: one row per event, header `id,title,start,end,theme,importance,place,description,sources,tags`
//! (any order, case-insensitive; other tools' names for them are recognised too, see
//! `csv_columns`). Several tags are separated by `;`, several sources by ` | `, a source written
//! `Title <URL>`; a literal separator inside an item is escaped with `\`.
//!
//! Export is spreadsheet-safe: a text cell a spreadsheet would run as a formula is prefixed with
//! `'` (OWASP's advice) and import removes that prefix again, so the round trip is lossless.

use crate::model::{Dataset, Event, Source};

pub use super::csv_columns::ColumnMap;
pub(super) use super::csv_read::{Head, PARSE_SHARE, Prepared, combine, prepare, prepare_head};
use super::field::Field;
use super::{Parsed, Problem, ProblemKind};

pub(super) const TAG_SEP: char = ';';
/// Rows read between two progress reports.
pub(super) const PROGRESS_ROWS: usize = 16 * 1024;
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
/// parse stops with [`super::ParseFailure::Cancelled`].
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
        Field::Id => guard(e.id()),
        Field::Title => guard(e.title()),
        Field::Start => match original {
            Some(o) => guard(&o.start),
            None => e.start().edtf().to_owned(),
        },
        Field::End => match original {
            Some(o) => guard(o.end.as_deref().unwrap_or("")),
            None => date(e.end.as_ref()),
        },
        Field::Theme => guard(&e.theme),
        Field::Importance => e.importance().to_string(),
        Field::Place => guard(e.place().unwrap_or("")),
        Field::Description => guard(e.description()),
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
        events.iter().map(|e| e.id()).collect()
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
