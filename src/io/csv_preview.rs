//! What a CSV file will become before it is opened: which column holds each field and how the
//! first rows' dates read. The import dialog shows it; nothing here knows about the window.

use crate::model::{HistDate, OriginalDates};

use super::csv::{ColumnMap, csv_error, detect_delimiter, reader, unguard};
use super::csv_columns::{Columns, duplicate_columns, map_columns, missing_required};
use super::csv_rows::{Shape, body_start, record, row_line};
use super::field::{Field, FieldMap};
use super::record::Checker;
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
    /// Why the row would be skipped, as the loader reports it; empty when it opens.
    pub problems: Vec<String>,
}

impl PreviewRow {
    /// Whether the loader opens this row.
    pub fn opens(&self) -> bool {
        self.problems.is_empty()
    }
}

/// How a date cell reads: as the loader reads the row, so that what is shown as a date opens
/// and what is shown as a problem is skipped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateReading {
    /// No date: the cell is empty and the loader gives the field none.
    Empty,
    /// The date in words and its precision (`7 February 1855`, `known to the day`). An empty
    /// end cell may still read as a date: the end of `Between 47 and 50` in the start cell.
    Date { words: String, precision: String },
    /// Why the loader skips the row for this cell, as the file's problem report says it
    /// (`start "soon" is not a date: …`, `start is missing`, `end "1850" is before start …`).
    Error { kind: ProblemKind, message: String },
}

impl DateReading {
    /// How `field` reads, from what the loader's date reading gave (`date`) and the problems it
    /// found (a problem about the field wins: an end before its start is the end's; a note is
    /// no problem).
    fn of(field: Field, date: Option<&HistDate>, problems: &[Problem]) -> Self {
        let problem = problems
            .iter()
            .find(|p| p.field == Some(field) && p.kind != ProblemKind::Note);
        match (problem, date) {
            (Some(p), _) => Self::Error {
                kind: p.kind,
                message: p.message.clone(),
            },
            (None, Some(d)) => Self::Date {
                words: d.in_words(),
                precision: precision_words(d),
            },
            (None, None) => Self::Empty,
        }
    }
}

/// A start and an end typed in a form, read as the loader reads a row's start and end cells:
/// each field's reading, and the dates when both read (`None` for the dates when either has a
/// problem). The event form shows these, so what it accepts is what a file may hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypedDates {
    pub start: DateReading,
    pub end: DateReading,
    pub dates: Option<(HistDate, Option<HistDate>)>,
    /// The dates as typed, when they are in the Julian calendar (`26 January 1855 O.S.`).
    pub original: Option<OriginalDates>,
}

/// Reads a typed start and end ([`TypedDates`]) with the loader's own code.
pub fn read_typed_dates(start: &str, end: &str) -> TypedDates {
    let text = |s: &str| Some(s.trim()).filter(|s| !s.is_empty()).map(str::to_owned);
    let (start_text, end_text) = (text(start), text(end));
    let mut problems = Vec::new();
    let (s, e, original) = super::calendar_input::read_typed(
        start_text.as_deref(),
        end_text.as_deref(),
        &mut problems,
    );
    let failed = problems.iter().any(|p| p.kind != ProblemKind::Note);
    TypedDates {
        start: DateReading::of(Field::Start, s.as_ref(), &problems),
        end: DateReading::of(Field::End, e.as_ref(), &problems),
        dates: if failed { None } else { s.map(|s| (s, e)) },
        original,
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
    let mut head = reader(text, delimiter);
    let mut header = csv::StringRecord::new();
    match head.read_record(&mut header) {
        Ok(true) => {}
        Ok(false) => return Err(Problem::whole(ProblemKind::Empty, "the file is empty")),
        Err(e) => return Err(csv_error(&e)),
    }
    // The rows after the header, numbered as the loader numbers them.
    let body_start = body_start(text, head.position().byte());
    let body = text.get(body_start..).unwrap_or("");
    let rows = reader(body, delimiter).into_records();
    let header: Vec<String> = header.iter().map(|h| h.trim().to_owned()).collect();
    let names: Vec<String> = header.iter().map(|h| h.to_lowercase()).collect();
    let mut problems = Vec::new();
    let columns = map_columns(&names, map, &mut problems);
    let header_list: Vec<&str> = header.iter().map(String::as_str).collect();
    missing_required(&columns, map, &header_list, &mut problems);
    duplicate_columns(&names, &header_list, map, &mut problems);
    let shape = Shape {
        delimiter,
        fields: header.len(),
        columns,
        fast: None,
    };
    // Each row is read and checked by the loader's own code: what it opens, the preview shows
    // opening; what it skips, skipped, for the same reasons.
    let mut checker = Checker::new();
    checker.ids_from_lines = true;
    let mut out = Vec::new();
    let mut problems_of_rows = Vec::new();
    // (The checker finds ids used twice in them.)
    let mut events = Vec::new();
    for row in rows {
        if out.len() >= max_rows {
            break;
        }
        let Ok(row) = row else { break };
        let line = row
            .position()
            .map_or(out.len() + 2, |p| row_line(body, p) + 1);
        let values = FieldMap::from_fn(|f| {
            columns[f]
                .and_then(|i| row.get(i))
                .map(unguard)
                .unwrap_or_default()
        });
        let (start, end) = match record(&row, line, &shape, None) {
            Ok(None) => continue,
            Ok(Some(raw)) => {
                let mut date_problems = Vec::new();
                // A row with no dates of its own has a person's life as its dates.
                // Old Style dates too, as the loader reads them.
                let (start, end, _, _) =
                    super::calendar_input::dates(&raw, |f| raw.line_of(f), &mut date_problems);
                events.extend(checker.check(raw, &mut problems_of_rows));
                (
                    DateReading::of(Field::Start, start.as_ref(), &date_problems),
                    DateReading::of(Field::End, end.as_ref(), &date_problems),
                )
            }
            Err(problem) => {
                problems_of_rows.push(problem);
                (DateReading::Empty, DateReading::Empty)
            }
        };
        out.push(PreviewRow {
            line,
            values,
            start,
            end,
            problems: Vec::new(),
        });
    }
    checker.finish(&events, &mut problems_of_rows);
    for p in problems_of_rows
        .into_iter()
        .filter(|p| p.kind != ProblemKind::Note)
    {
        if let Some(row) = out.iter_mut().find(|r| Some(r.line) == p.line) {
            row.problems.push(p.message);
        }
    }
    // A preview of a file's beginning may end in a row cut in two.
    if text.len() >= PREVIEW_BYTES && out.len() > 1 && out.len() < max_rows {
        out.pop();
    }
    Ok(Preview {
        header,
        delimiter,
        columns: shape.columns,
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

    /// Whether the file can be opened with this mapping (title and start have columns; a birth
    /// or death column stands in for the start, as the loader reads it; the header has no
    /// problem).
    pub fn is_complete(&self) -> bool {
        let life = self.columns[Field::Born].is_some() || self.columns[Field::Died].is_some();
        self.problems.is_empty()
            && Field::ALL
                .into_iter()
                .filter(|f| f.is_required())
                .all(|f| self.columns[f].is_some() || f == Field::Start && life)
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
    fn old_style_dates_preview_as_the_loader_reads_them() {
        let file = "title,start\nTreaty of Shimoda,26 January 1855 O.S.\n";
        let p = preview(file, &ColumnMap::default(), 10).expect("header reads");
        assert_eq!(
            p.rows[0].start,
            DateReading::Date {
                words: "7 February 1855".into(),
                precision: "known to the day".into()
            }
        );
    }

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
            matches!(&p.rows[2].start, DateReading::Error { kind: ProblemKind::NotADate, message } if message.starts_with("start \"next spring\" is not a date"))
        );
        assert_eq!(
            p.map().to_string(),
            "id=,title=Label,start=hdate,end=hdate_end,theme=Group,importance=,place=,description=,sources=,tags=,display_date=,born=,died=,links=,names=,calendar="
        );
    }

    /// The import dialog marked `Between 47 and 50` red although the loader opened it: the
    /// preview now reads each row with the loader's code, so a green row opens as shown and a
    /// red cell gives the loader's own problem.
    #[test]
    fn the_preview_reads_dates_as_the_loader_does() {
        let good = "title,start,end\n\
            Claudius,Between 47 and 50,\n\
            Reign,Between 1066 and 1068,ongoing\n\
            Revolt,30 may 1381,Between 25 jun 1381 and 26 jun 1381\n\
            Marathon,-0489-09-12T00:00:00Z,\n\
            Queen,1952-02-06/..,\n";
        let p = preview(good, &ColumnMap::default(), 10).expect("header reads");
        let loaded = crate::io::load_bytes(good.as_bytes(), "mine.csv", "mine")
            .unwrap_or_else(|e| panic!("{e}"));
        let words = |r: &DateReading| match r {
            DateReading::Date { words, .. } => Some(words.clone()),
            DateReading::Empty => None,
            other @ DateReading::Error { .. } => panic!("not a date: {other:?}"),
        };
        let shown: Vec<(Option<String>, Option<String>)> = p
            .rows
            .iter()
            .map(|r| (words(&r.start), words(&r.end)))
            .collect();
        let mut opened: Vec<(&str, Option<String>, Option<String>)> = loaded
            .dataset
            .events()
            .iter()
            .map(|e| {
                let end = e.end.as_ref().map(HistDate::in_words);
                (e.title(), Some(e.start().in_words()), end)
            })
            .collect();
        let order = ["Claudius", "Reign", "Revolt", "Marathon", "Queen"];
        opened.sort_by_key(|(t, _, _)| order.iter().position(|o| o == t));
        let opened: Vec<_> = opened.into_iter().map(|(_, s, e)| (s, e)).collect();
        assert_eq!(shown, opened);
        assert_eq!(shown[0], (Some("47?".into()), Some("50?".into())));
        assert_eq!(
            shown[4],
            (Some("6 February 1952".into()), Some("ongoing".into()))
        );
        // The end of `Between 47 and 50` comes from the start cell.
        assert_eq!(p.rows[0].values[Field::End], "");

        let bad = "title,start,end\n\
            Backwards,1860,1850\n\
            No start,,1850\n\
            Open start,ongoing,\n";
        let p = preview(bad, &ColumnMap::default(), 10).expect("header reads");
        let Err(crate::io::LoadError::Invalid { problems, .. }) =
            crate::io::load_bytes(bad.as_bytes(), "mine.csv", "mine")
        else {
            panic!("the bad rows opened")
        };
        let reported: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        let refused: Vec<(ProblemKind, &str)> = p
            .rows
            .iter()
            .flat_map(|r| [&r.start, &r.end])
            .filter_map(|d| match d {
                DateReading::Error { kind, message } => Some((*kind, message.as_str())),
                _ => None,
            })
            .collect();
        assert_eq!(
            refused,
            [
                (
                    ProblemKind::EndBeforeStart,
                    "end \"1850\" is before start \"1860\""
                ),
                (ProblemKind::Missing, "start is missing"),
                (
                    ProblemKind::NotADate,
                    "start \"ongoing\" is not a date: an open end (ongoing, present, now, ..) \
                     ends an event; give the day it began"
                ),
            ]
        );
        assert_eq!(
            reported,
            refused.iter().map(|(_, m)| *m).collect::<Vec<_>>()
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
    fn lives_are_the_dates_of_rows_without_others() {
        let p = preview(
            "label,hdate_birth,hdate_death\nMozart,27 January 1756,5 December 1791\n",
            &ColumnMap::default(),
            10,
        )
        .expect("header reads");
        assert!(p.is_complete() && p.problems.is_empty(), "{:?}", p.problems);
        let words = |r: &DateReading| match r {
            DateReading::Date { words, .. } => words.clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(words(&p.rows[0].start), "27 January 1756");
        assert_eq!(words(&p.rows[0].end), "5 December 1791");
    }

    #[test]
    fn own_header_needs_no_questions() {
        assert!(is_own_header("id,title,start,end\n"));
        assert!(is_own_header("\u{feff}Title;Start\n"));
        assert!(!is_own_header("label,hdate\n"));
        assert!(!is_own_header("title,start,notes\n"));
    }

    #[test]
    fn the_preview_reads_each_row_with_the_loaders_code() {
        let text = "label,hdate,hdate_end,id\r\n\
            Councils,Between 47 and 50,,a\r\n\
            ,1855,,b\r\n\
            Again,1856,,a\r\n\
            Short,1857\r\n\
            Backwards,1905,1904,c\r\n\
            War,1904-02-08,5 September 1905,d\r\n";
        let p = preview(text, &ColumnMap::default(), 10).expect("header reads");
        // A range in the start column opens, as the loader reads it: start and end.
        assert!(p.rows[0].opens(), "{:?}", p.rows[0]);
        assert!(
            matches!(&p.rows[0].start, DateReading::Date { words, .. } if words.contains("47"))
        );
        assert!(matches!(&p.rows[0].end, DateReading::Date { words, .. } if words.contains("50")));
        assert_eq!(p.rows[1].problems, ["title is missing"]);
        assert_eq!(p.rows[2].problems, ["id \"a\" is already used on line 2"]);
        assert_eq!(
            p.rows[3].problems,
            ["the row has 2 fields but the header has 4"]
        );
        assert!(
            matches!(&p.rows[4].end, DateReading::Error { message: e, .. } if e == "end \"1904\" is before start \"1905\"")
        );
        assert!(p.rows[5].opens());
        // What is green opens, what is red is skipped: the loader agrees row by row.
        let loaded = match super::super::csv::parse(text, "t") {
            Err(super::super::ParseFailure::Partial(partial)) => partial,
            other => panic!("{other:?}"),
        };
        let skipped: Vec<usize> = loaded.problems.iter().filter_map(|p| p.line).collect();
        for row in &p.rows {
            assert_eq!(
                row.opens(),
                !skipped.contains(&row.line),
                "line {}",
                row.line
            );
        }
        assert_eq!(
            p.rows.iter().filter(|r| r.opens()).count(),
            loaded.dataset.events().len()
        );
    }
}
