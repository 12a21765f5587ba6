//! What a CSV file will become before it is opened: which column holds each field and how the
//! first rows' dates read. The import dialog shows it; nothing here knows about the window.

use crate::model::HistDate;

use super::csv::{ColumnMap, csv_error, detect_delimiter, reader, unguard};
use super::csv_columns::{Columns, map_columns, missing_required};
use super::field::{Field, FieldMap};
use super::record::parse_date_field;
use super::{Problem, ProblemKind};

/// The first rows of a CSV file as a mapping would read them.
#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    /// The header's column names as written.
    pub header: Vec<String>,
    pub delimiter: u8,
    /// For each field, the index of the header column it is read from.
    pub columns: Columns,
    /// Problems of the mapping itself (a required field with no column).
    pub problems: Vec<String>,
    pub rows: Vec<PreviewRow>,
}

/// One row as it would be read.
#[derive(Clone, Debug, PartialEq)]
pub struct PreviewRow {
    pub line: usize,
    /// The cell read for each field (empty when the field has no column).
    pub values: FieldMap<String>,
    pub start: DateReading,
    pub end: DateReading,
}

/// How a date cell reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateReading {
    Empty,
    /// The date in words and its precision (`7 February 1855`, `known to the day`).
    Date {
        words: String,
        precision: String,
    },
    /// Why the cell is not a date, as the file's problem report would say it.
    Error(String),
}

impl DateReading {
    fn of(field: Field, value: &str, line: usize) -> Self {
        if value.trim().is_empty() {
            return Self::Empty;
        }
        let mut problems = Vec::new();
        match parse_date_field(field, value.trim(), line, &mut problems) {
            Some(d) => Self::Date {
                words: d.in_words(),
                precision: precision_words(&d),
            },
            None => Self::Error(problems.pop().map_or_else(
                || format!("{field} \"{value}\" is not a date"),
                |p| p.message,
            )),
        }
    }
}

fn precision_words(d: &HistDate) -> String {
    let mut s = format!("known to the {}", d.precision().label());
    if d.is_approximate() {
        s += ", approximate";
    }
    if d.is_uncertain() {
        s += ", uncertain";
    }
    s
}

/// Reads the header and up to `max_rows` rows of `text` with `map` (plus the recognised header
/// names). `text` may be only the beginning of a file: a cut last row is left out.
pub fn preview(text: &str, map: &ColumnMap, max_rows: usize) -> Result<Preview, Problem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = detect_delimiter(text);
    let mut rows = reader(text, delimiter).into_records();
    let header = match rows.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(csv_error(&e)),
        None => return Err(Problem::whole(ProblemKind::Empty, "the file is empty")),
    };
    let header: Vec<String> = header.iter().map(|h| h.trim().to_owned()).collect();
    let names: Vec<String> = header.iter().map(|h| h.to_lowercase()).collect();
    let mut problems = Vec::new();
    let columns = map_columns(&names, map, &mut problems);
    let header_list: Vec<&str> = header.iter().map(String::as_str).collect();
    missing_required(&columns, map, &header_list, &mut problems);
    let mut out = Vec::new();
    for row in rows {
        if out.len() >= max_rows {
            break;
        }
        let Ok(row) = row else { break };
        if row.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let line = row.position().map_or(out.len() + 2, |p| p.line() as usize);
        let values = FieldMap::from_fn(|f| {
            columns[f]
                .and_then(|i| row.get(i))
                .map(unguard)
                .unwrap_or_default()
        });
        out.push(PreviewRow {
            line,
            start: DateReading::of(Field::Start, &values[Field::Start], line),
            end: DateReading::of(Field::End, &values[Field::End], line),
            values,
        });
    }
    // A preview of a file's beginning may end in a row cut in two.
    if text.len() >= PREVIEW_BYTES && out.len() > 1 && out.len() < max_rows {
        out.pop();
    }
    Ok(Preview {
        header,
        delimiter,
        columns,
        problems: problems.into_iter().map(|p| p.message).collect(),
        rows: out,
    })
}

/// How much of a file the preview reads.
pub const PREVIEW_BYTES: usize = 256 * 1024;

/// Whether a header uses only Chronolane's own column names (a file Chronolane wrote, or one
/// written for it), so opening it needs no questions.
pub fn is_own_header(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = detect_delimiter(text);
    match reader(text, delimiter).into_records().next() {
        Some(Ok(h)) => {
            let names: Vec<String> = h.iter().map(|n| n.trim().to_lowercase()).collect();
            let fields: Vec<Option<Field>> = names.iter().map(|n| Field::from_name(n)).collect();
            fields.iter().all(Option::is_some)
                && Field::ALL
                    .into_iter()
                    .filter(|f| f.is_required())
                    .all(|f| fields.contains(&Some(f)))
        }
        _ => false,
    }
}

impl Preview {
    /// The map that reads each field from the column chosen now, for the loader and `--map`.
    pub fn map(&self) -> ColumnMap {
        ColumnMap::from_columns(&self.header, &self.columns)
    }

    /// Whether the file can be opened with this mapping (title and start have columns).
    pub fn is_complete(&self) -> bool {
        Field::ALL
            .into_iter()
            .filter(|f| f.is_required())
            .all(|f| self.columns[f].is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "Label;hdate;hdate_end;Group\n\
        Treaty of Shimoda;7 Feb 1855;;diplomacy\n\
        War;1904-02-08;5 September 1905;war\n\
        Bad;next spring;;war\n";

    #[test]
    fn recognised_columns_and_dates_in_words() {
        let p = preview(FILE, &ColumnMap::default(), 10).expect("header reads");
        assert_eq!(p.delimiter, b';');
        assert_eq!(p.columns[Field::Title], Some(0));
        assert_eq!(p.columns[Field::Start], Some(1));
        assert_eq!(p.columns[Field::End], Some(2));
        assert_eq!(p.columns[Field::Theme], Some(3));
        assert!(p.problems.is_empty());
        assert_eq!(p.rows.len(), 3);
        assert_eq!(
            p.rows[0].start,
            DateReading::Date {
                words: "7 February 1855".into(),
                precision: "known to the day".into()
            }
        );
        assert_eq!(p.rows[0].end, DateReading::Empty);
        assert_eq!(p.rows[1].line, 3);
        assert!(
            matches!(&p.rows[2].start, DateReading::Error(e) if e.starts_with("start \"next spring\" is not a date"))
        );
        assert_eq!(
            p.map().to_string(),
            "id=,title=Label,start=hdate,end=hdate_end,theme=Group,importance=,place=,description=,sources=,tags="
        );
    }

    #[test]
    fn a_field_mapped_to_no_column_is_not_read_and_required_ones_are_reported() {
        let map = ColumnMap::parse("theme=,start=").expect("map parses");
        let p = preview(FILE, &map, 10).expect("header reads");
        assert_eq!(p.columns[Field::Theme], None);
        assert_eq!(p.columns[Field::Start], None);
        assert!(!p.is_complete());
        assert_eq!(p.problems.len(), 1);
        assert!(
            p.problems[0].starts_with("no column is chosen for start"),
            "{:?}",
            p.problems
        );
        assert_eq!(p.rows[0].values[Field::Theme], "");
    }

    #[test]
    fn own_header_needs_no_questions() {
        assert!(is_own_header("id,title,start,end\n"));
        assert!(is_own_header("\u{feff}Title;Start\n"));
        assert!(!is_own_header("label,hdate\n"));
        assert!(!is_own_header("title,start,notes\n"));
    }
}
