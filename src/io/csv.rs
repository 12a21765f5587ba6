//! CSV: one row per event, header `id,title,start,end,theme,importance,place,description,sources,tags`
//! (any order, case-insensitive). Several tags are separated by `;`, several sources by ` | `,
//! a source written `Title <URL>`; a literal separator inside an item is escaped with `\`.
//!
//! Export is spreadsheet-safe: a text cell a spreadsheet would run as a formula is prefixed with
//! `'` (OWASP's advice) and import removes that prefix again, so the round trip is lossless.

use crate::model::{Dataset, Event, Meta, Source, Theme};

use super::Problem;
use super::csv_rows::{PARALLEL_BYTES, Shape, read_rows, split_at_row};

/// The columns, in the order Chronolane writes them.
pub const COLUMNS: [&str; 10] = [
    "id",
    "title",
    "start",
    "end",
    "theme",
    "importance",
    "place",
    "description",
    "sources",
    "tags",
];

pub(super) const TAG_SEP: char = ';';
/// Rows read between two progress reports.
pub(super) const PROGRESS_ROWS: usize = 16 * 1024;
/// Share of the work that reading and checking the rows takes (the rest: sorting, indexing).
pub(super) const PARSE_SHARE: f64 = 0.9;
const SOURCE_SEP: char = '|';

/// Header names recognised for each of [`COLUMNS`], the column's own name first, then the names
/// other tools and spreadsheets use (case-insensitive).
pub const SYNONYMS: [&[&str]; 10] = [
    &["id"],
    &["title", "label", "name", "headline", "event"],
    &["start", "date", "start_date", "hdate", "year", "from"],
    &["end", "end_date", "hdate_end", "to"],
    &["theme", "group", "category", "lane", "type"],
    &["importance", "weight"],
    &["place", "location"],
    &["description", "text", "notes", "details"],
    &["sources", "source", "url", "link"],
    &["tags"],
];

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

/// Columns chosen by hand for some fields (`--map title=label,start=hdate`), by header name. An
/// empty column name (`--map theme=`) means the field is not read from any column.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnMap(pub Vec<(usize, String)>);

impl ColumnMap {
    /// The map that reads each field from the column `columns` gives it (an index into
    /// `header`), or from none.
    pub fn from_columns(header: &[String], columns: &[Option<usize>; 10]) -> Self {
        Self(
            columns
                .iter()
                .enumerate()
                .map(|(field, c)| {
                    let name = c.and_then(|i| header.get(i)).cloned().unwrap_or_default();
                    (field, name)
                })
                .collect(),
        )
    }
}

/// `title=label,start=hdate`, as `--map` takes it.
impl std::fmt::Display for ColumnMap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pairs: Vec<String> = self
            .0
            .iter()
            .map(|(field, column)| format!("{}={column}", COLUMNS[*field]))
            .collect();
        f.write_str(&pairs.join(","))
    }
}

impl ColumnMap {
    /// Parses `field=column,field=column`; fields are the names of [`COLUMNS`].
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut out = Vec::new();
        for pair in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let Some((field, column)) = pair.split_once('=') else {
                return Err(format!("\"{pair}\" is not FIELD=COLUMN"));
            };
            let field = field.trim().to_lowercase();
            let Some(index) = COLUMNS.iter().position(|c| *c == field) else {
                return Err(format!(
                    "\"{field}\" is not a field (fields: {})",
                    COLUMNS.join(", ")
                ));
            };
            out.push((index, column.trim().to_owned()));
        }
        Ok(Self(out))
    }
}

/// Which column of the header holds each field: the column the map names, else the first header
/// that is one of the field's [`SYNONYMS`], trying the field's own name before the others.
pub(super) fn map_columns(
    names: &[String],
    map: &ColumnMap,
    problems: &mut Vec<Problem>,
) -> [Option<usize>; 10] {
    let mut taken = vec![false; names.len()];
    let mut out = [None; 10];
    let mut chosen = [false; 10];
    for (field, column) in &map.0 {
        chosen[*field] = true;
        if column.trim().is_empty() {
            continue;
        }
        match names
            .iter()
            .position(|n| *n == column.trim().to_lowercase())
        {
            Some(i) => {
                out[*field] = Some(i);
                taken[i] = true;
            }
            None => problems.push(Problem::at(
                1,
                format!(
                    "column \"{column}\" (mapped to {}) is not in the header (the header has: {})",
                    COLUMNS[*field],
                    names.join(", ")
                ),
            )),
        }
    }
    // Exact names first, so a file with both `source` and `sources` maps each sensibly.
    for pass in 0..2 {
        for (field, synonyms) in SYNONYMS.iter().enumerate() {
            if chosen[field] || out[field].is_some() {
                continue;
            }
            let candidates: &[&str] = if pass == 0 {
                &synonyms[..1]
            } else {
                &synonyms[1..]
            };
            out[field] = candidates.iter().find_map(|syn| {
                names
                    .iter()
                    .enumerate()
                    .position(|(i, n)| !taken[i] && n == syn)
            });
            if let Some(i) = out[field] {
                taken[i] = true;
            }
        }
    }
    out
}

/// Reports the required fields (title, start) that no column holds.
pub(super) fn missing_required(
    columns: &[Option<usize>; 10],
    map: &ColumnMap,
    header: &[&str],
    problems: &mut Vec<Problem>,
) {
    for (field, required) in [(1, "title"), (2, "start")] {
        let mapped = map.0.iter().find(|(f, _)| *f == field);
        if columns[field].is_some() || mapped.is_some_and(|(_, c)| !c.trim().is_empty()) {
            // Present, or mapped to a column the header lacks (reported already).
            continue;
        }
        problems.push(Problem::at(
            1,
            if mapped.is_some() {
                format!(
                    "no column is chosen for {required}, which every event needs (the header has: {})",
                    header.join(", ")
                )
            } else {
                format!(
                    "there is no \"{required}\" column (nor {}; the header has: {})",
                    SYNONYMS[field][1..].join(", "),
                    header.join(", ")
                )
            },
        ));
    }
}

/// Parses CSV text into a dataset titled `title`, or every problem found.
pub fn parse(text: &str, title: &str) -> Result<(Dataset, Vec<Problem>), Vec<Problem>> {
    parse_with(text, title, &ColumnMap::default())
}

/// [`parse`] with some columns chosen by hand.
pub fn parse_with(
    text: &str,
    title: &str,
    map: &ColumnMap,
) -> Result<(Dataset, Vec<Problem>), Vec<Problem>> {
    parse_progress(text, title, map, &|_| true)
}

/// [`parse_with`], telling `progress` the fraction done now and then; when it answers false the
/// parse stops and returns no dataset (and no problems: the caller asked it to stop).
pub fn parse_progress(
    text: &str,
    title: &str,
    map: &ColumnMap,
    progress: &dyn Fn(f64) -> bool,
) -> Result<(Dataset, Vec<Problem>), Vec<Problem>> {
    let delimiter = detect_delimiter(text);
    let mut reader = reader(text, delimiter);
    let mut problems = Vec::new();
    let mut notes = Vec::new();
    let mut header = csv::StringRecord::new();
    match reader.read_record(&mut header) {
        Ok(true) => {}
        Ok(false) => return Err(vec![Problem::whole("the file is empty")]),
        Err(e) => return Err(vec![csv_error(&e)]),
    }
    let names: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    let columns = map_columns(&names, map, &mut problems);
    let header_list: Vec<&str> = header.iter().collect();
    missing_required(&columns, map, &header_list, &mut problems);
    for (i, n) in names.iter().enumerate() {
        if columns.contains(&Some(i)) {
            if !COLUMNS.contains(&n.as_str()) {
                let field = columns
                    .iter()
                    .position(|c| *c == Some(i))
                    .map_or("", |f| COLUMNS[f]);
                notes.push(Problem::at(
                    1,
                    format!("column \"{}\" is read as {field}", &header[i]),
                ));
            }
        } else if SYNONYMS.iter().any(|s| s.contains(&n.as_str())) {
            notes.push(Problem::at(
                1,
                format!(
                    "column \"{}\" is not used: its field has a column already",
                    &header[i]
                ),
            ));
        } else {
            notes.push(Problem::at(
                1,
                format!("column \"{}\" is not used", &header[i]),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let body_start = usize::try_from(reader.position().byte()).unwrap_or(text.len());
    let body = text.get(body_start..).unwrap_or("");
    let shape = Shape {
        delimiter,
        fields: header.len(),
        columns,
    };
    // A big file is read in two halves at once, split at a line break outside quotes.
    let halves = if body.len() >= PARALLEL_BYTES {
        split_at_row(body)
    } else {
        None
    };
    let events = match halves {
        Some((first, second)) => {
            let second_line = 2 + first.bytes().filter(|&b| b == b'\n').count();
            let done = std::sync::atomic::AtomicBool::new(true);
            let (a, b) = std::thread::scope(|scope| {
                let other = scope.spawn(|| {
                    read_rows(second, second_line, &shape, &|_| {
                        done.load(std::sync::atomic::Ordering::Relaxed)
                    })
                });
                let a = read_rows(first, 2, &shape, progress);
                if a.is_none() {
                    done.store(false, std::sync::atomic::Ordering::Relaxed);
                }
                (a, other.join().ok().flatten())
            });
            let (Some(a), Some(b)) = (a, b) else {
                return Err(Vec::new());
            };
            problems.extend(a.problems);
            problems.extend(b.problems);
            let mut checker = a.checker;
            checker.merge(b.checker);
            checker.finish(&mut problems);
            let mut events = Vec::with_capacity(a.events.len() + b.events.len());
            events.extend(a.events);
            events.extend(b.events);
            events
        }
        None => {
            let Some(rows) = read_rows(body, 2, &shape, progress) else {
                return Err(Vec::new());
            };
            problems.extend(rows.problems);
            rows.checker.finish(&mut problems);
            rows.events
        }
    };
    if let Some(line) = unclosed_quote_line(text, char::from(delimiter)) {
        // What follows an unclosed quote is one runaway field: report the cause, not its effects.
        problems.retain(|p| p.line.is_some_and(|l| l < line));
        problems.push(Problem::at(
            line,
            "a quoted field that starts on this line is never closed",
        ));
        return Err(problems);
    }
    if !progress(0.9) {
        return Err(Vec::new());
    }
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.line);
        problems.dedup();
        return Err(problems);
    }
    let meta = Meta {
        title: title.to_owned(),
        ..Meta::default()
    };
    // CSV cannot declare themes, so every lane is generated: no note for that.
    let (dataset, _) = Dataset::new(meta, Vec::<Theme>::new(), Vec::new(), events);
    Ok((dataset, notes))
}

/// A reader of every row, the header included, however many fields each has.
pub(super) fn reader(text: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes())
}

pub(super) fn csv_error(e: &csv::Error) -> Problem {
    let line = e.position().map_or(1, |p| p.line() as usize);
    let message = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "the row is not UTF-8 text".to_owned(),
        _ => format!("the row cannot be read: {e}"),
    };
    Problem::at(line, message)
}

/// The line of a quoted field that is opened and never closed, if any. (Bytes, not characters:
/// quotes, newlines and delimiters are ASCII, and this runs over whole files.)
fn unclosed_quote_line(text: &str, delimiter: char) -> Option<usize> {
    let bytes = text.as_bytes();
    if !bytes.contains(&b'"') {
        return None;
    }
    let delimiter = u8::try_from(delimiter).unwrap_or(b',');
    let mut line = 1;
    let mut open_at: Option<usize> = None;
    let mut at_field_start = true;
    let mut i = 0;
    while let Some(&c) = bytes.get(i) {
        if open_at.is_some() {
            if c == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    open_at = None;
                }
            }
        } else if c == b'"' && at_field_start {
            open_at = Some(line);
        }
        if c == b'\n' {
            line += 1;
        }
        at_field_start = open_at.is_none() && (c == delimiter || c == b'\n' || c == b'\r');
        i += 1;
    }
    open_at
}

pub(super) fn parse_sources(cell: &str) -> Vec<Source> {
    split_escaped(cell, SOURCE_SEP)
        .into_iter()
        .map(|item| {
            let item = item.trim();
            if !item.contains(" <") && (item.starts_with("https://") || item.starts_with("http://"))
            {
                // A bare link (a `url` or `link` column) is its own title.
                return Source {
                    title: item.to_owned(),
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

fn format_sources(sources: &[Source]) -> String {
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
    match s.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest.to_owned(),
        _ => s.to_owned(),
    }
}

/// One event as the cells of a CSV row, in [`COLUMNS`] order.
pub fn event_row(e: &Event) -> [String; 10] {
    [
        guard(&e.id),
        guard(&e.title),
        e.start.edtf().to_owned(),
        e.end
            .as_ref()
            .map(|d| d.edtf().to_owned())
            .unwrap_or_default(),
        guard(&e.theme),
        e.importance.to_string(),
        guard(e.place.as_deref().unwrap_or("")),
        guard(&e.description),
        guard(&format_sources(&e.sources)),
        guard(&join_escaped(&e.tags, TAG_SEP, "")),
    ]
}

/// Writes the events accepted by `keep` as CSV (UTF-8, with a header).
pub fn to_string<'a>(events: impl IntoIterator<Item = &'a Event>) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(COLUMNS);
    for e in events {
        let _ = w.write_record(event_row(e));
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// The whole dataset as CSV.
pub fn dataset_to_string(d: &Dataset) -> String {
    to_string(d.events())
}
