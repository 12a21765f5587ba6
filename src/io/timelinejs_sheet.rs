//! `TimelineJS`'s Google Sheets template, downloaded as CSV or TSV, recognised from its header
//! (`Year, Month, Day, Time, End Year, End Month, End Day, End Time, Display Date, Headline,
//! Text, Media, Media Credit, Media Caption, Media Thumbnail, Type, Group, Background`), whatever
//! the file is called. Date parts are combined (the time too, where the date is a day), a row of
//! `Type` `title` gives the dataset's title and description, rows of `Type` `era` are eras, and
//! `Group` names the lanes. Headline, Text and the media are read as `TimelineJS`'s JSON slides
//! are (`timelinejs`).

use serde_json::json;

use crate::model::{Dataset, Era, HistDate, Meta, Text, Theme};

use super::csv::{csv_error, detect_delimiter, reader};
use super::field::Field;
use super::foreign::{slug, timelinejs_date};
use super::record::{RawEvent, events_from_records};
use super::record_dates::{end_before_start, parse_date};
use super::timelinejs::{Slide, read_slide};
use super::{ParseFailure, Parsed, Problem, ProblemKind};

/// The template's columns, in its order.
const COLUMNS: [&str; 18] = [
    "year",
    "month",
    "day",
    "time",
    "end year",
    "end month",
    "end day",
    "end time",
    "display date",
    "headline",
    "text",
    "media",
    "media credit",
    "media caption",
    "media thumbnail",
    "type",
    "group",
    "background",
];

/// Columns a header must have to be read as the template (a sheet may lose the others).
const REQUIRED: [&str; 4] = ["year", "end year", "headline", "text"];

/// Whether the first line of `text` is the template's header: its columns `Year`, `End Year`,
/// `Headline` and `Text` (any case and order), and no column of Chronolane's own CSV (`title`,
/// `importance`...: the file is then Chronolane's, read by its columns). Columns of neither (a
/// sheet's own `Tag`) are left out, with a note.
pub fn is_sheet(text: &str) -> bool {
    let Some(names) = header_names(text) else {
        return false;
    };
    REQUIRED.iter().all(|r| names.iter().any(|n| n == r))
        && names
            .iter()
            .all(|n| n.is_empty() || COLUMNS.contains(&n.as_str()) || !chronolane_column(n))
}

/// Whether a column named `name` (lower case) is one Chronolane's own CSV reads.
fn chronolane_column(name: &str) -> bool {
    Field::ALL.iter().any(|f| f.synonyms().contains(&name))
}

fn header_names(text: &str) -> Option<Vec<String>> {
    let mut r = reader(text, detect_delimiter(text));
    let mut header = csv::StringRecord::new();
    r.read_record(&mut header).ok()?;
    Some(header.iter().map(|h| h.trim().to_lowercase()).collect())
}

/// One row's cells by the template's column names.
struct Row<'r> {
    record: &'r csv::StringRecord,
    index: &'r [Option<usize>; 18],
}

impl Row<'_> {
    fn get(&self, column: &str) -> Option<&str> {
        let at = COLUMNS.iter().position(|c| *c == column)?;
        self.index[at]
            .and_then(|i| self.record.get(i))
            .map(str::trim)
            .filter(|v| !v.is_empty())
    }

    /// The date of `Year`, `Month`, `Day` and `Time` (with `prefix` `end `, the end's) as EDTF
    /// text for the date readers, with a note when a time had to be left out.
    fn date(&self, prefix: &str, line: usize, notes: &mut Vec<Problem>) -> Option<String> {
        let part = |p: &str| self.get(&format!("{prefix}{p}"));
        let year = part("year")?;
        let object = json!({"year": year, "month": part("month"), "day": part("day")});
        let date = timelinejs_date(Some(&object))?;
        let Some(time) = part("time").filter(|_| part("day").is_some()) else {
            return Some(date);
        };
        let with_time = clock(time).map(|t| format!("{date}T{t}"));
        match with_time {
            Some(t) if HistDate::parse(&t).is_ok() => Some(t),
            _ => {
                notes.push(Problem::note_at(
                    line,
                    format!("the time \"{time}\" of {date} is not kept"),
                ));
                Some(date)
            }
        }
    }
}

/// `10:30`, `10:30:15`, `1:15 PM` as `HH:MM:SS`.
fn clock(t: &str) -> Option<String> {
    let lower = t.trim().to_lowercase();
    let (digits, pm) = match (lower.strip_suffix("pm"), lower.strip_suffix("am")) {
        (Some(d), _) => (d.trim(), Some(true)),
        (_, Some(d)) => (d.trim(), Some(false)),
        _ => (lower.as_str(), None),
    };
    let parts: Vec<u32> = digits
        .split(':')
        .map(|p| p.trim().parse::<u32>().ok())
        .collect::<Option<_>>()?;
    let (h, m, s) = match parts[..] {
        [h, m] => (h, m, 0),
        [h, m, s] => (h, m, s),
        _ => return None,
    };
    let h = match pm {
        Some(true) if h < 12 => h + 12,
        Some(false) if h == 12 => 0,
        Some(_) if h > 12 => return None,
        _ => h,
    };
    (h < 24 && m < 60 && s < 60).then(|| format!("{h:02}:{m:02}:{s:02}"))
}

/// What the rows say, before the events are checked.
#[derive(Default)]
struct Sheet {
    meta: Meta,
    themes: Vec<Theme>,
    eras: Vec<Era>,
    records: Vec<RawEvent>,
    /// Rows with a background, which is not drawn.
    backgrounds: usize,
}

/// Parses the template as CSV or TSV.
pub fn parse(text: &str) -> Parsed {
    profiling::function_scope!();
    let delimiter = detect_delimiter(text);
    let mut r = reader(text, delimiter);
    let mut header = csv::StringRecord::new();
    r.read_record(&mut header)
        .map_err(|e| ParseFailure::from(csv_error(&e)))?;
    let body_start = super::csv_rows::body_start(text, r.position().byte());
    let names: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    let index = COLUMNS.map(|c| names.iter().position(|n| n == c));
    let mut sheet = Sheet::default();
    let mut problems = Vec::new();
    let header_line = header.position().map_or(1, |p| p.line() as usize);
    for (name, shown) in names.iter().zip(header.iter()) {
        if !name.is_empty() && !COLUMNS.contains(&name.as_str()) {
            problems.push(Problem::at(
                header_line,
                ProblemKind::Note,
                format!("column \"{}\" is not used", shown.trim()),
            ));
        }
    }
    // Rows of another length than the header's, skipped as the CSV reader skips them: their
    // cells are not under the columns they seem to be (a sheet typed by hand with a column left
    // out of its rows read its media links as headlines, without a word).
    let mut uneven_rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match r.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                problems.push(csv_error(&e));
                continue;
            }
        }
        let line = record
            .position()
            .map_or(0, |p| super::csv_rows::row_line(text, p));
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if record.len() != header.len() {
            uneven_rows.push(Problem::at(
                line,
                ProblemKind::Syntax,
                format!(
                    "the row has {} fields but the header has {}",
                    record.len(),
                    header.len()
                ),
            ));
            continue;
        }
        let row = Row {
            record: &record,
            index: &index,
        };
        read_row(&row, line, &mut sheet, &mut problems);
    }
    // The rows of events with problems are skipped; the title's and the eras' refuse the file.
    let mut event_problems = Vec::new();
    let (events, rejected, _) = events_from_records(sheet.records, &mut event_problems);
    let skipped = rejected.count() + uneven_rows.len();
    event_problems.append(&mut uneven_rows);
    let mut notes = super::take_notes_of(&mut problems, &mut event_problems);
    if sheet.backgrounds > 0 {
        notes.push(Problem::whole(
            ProblemKind::Note,
            format!(
                "column \"Background\" is not used: Chronolane draws no background colors or images ({} {})",
                sheet.backgrounds,
                if sheet.backgrounds == 1 { "row has one" } else { "rows have one" }
            ),
        ));
    }
    let lines: Vec<usize> = event_problems.iter().filter_map(|p| p.line).collect();
    let (meta, themes, eras) = (sheet.meta, sheet.themes, sheet.eras);
    super::outcome(
        problems,
        event_problems,
        events.len(),
        skipped,
        || (Dataset::new(meta, themes, eras, events).0, notes),
        || super::csv_skip::rows_at_lines(text, delimiter, body_start, &lines),
    )
}

/// Reads one row: the title slide, an era or an event.
fn read_row(row: &Row<'_>, line: usize, sheet: &mut Sheet, problems: &mut Vec<Problem>) {
    if row.get("background").is_some() {
        sheet.backgrounds += 1;
    }
    let kind = row.get("type").map(str::to_lowercase);
    let slide = read_slide(
        &Slide {
            headline: row.get("headline"),
            text: row.get("text"),
            display_date: row.get("display date"),
            media_url: row.get("media"),
            media_caption: row.get("media caption"),
            media_credit: row.get("media credit"),
        },
        line,
        problems,
    );
    match kind.as_deref() {
        Some("title") => {
            sheet.meta.title = slide.title.unwrap_or_default();
            sheet.meta.description = slide.description.unwrap_or_default();
            sheet.meta.sources = slide.sources;
        }
        Some("era") => {
            if let Some(era) = era(row, line, slide.title, problems) {
                sheet.eras.push(era);
            }
        }
        _ => {
            let group = row.get("group");
            let theme = group.map(slug).filter(|t| !t.is_empty());
            if let (Some(id), Some(label)) = (&theme, group)
                && !sheet.themes.iter().any(|t| &t.id == id)
            {
                let taken: Vec<_> = sheet.themes.iter().map(|t| t.color).collect();
                sheet.themes.push(Theme {
                    label: label.to_owned(),
                    ..Theme::generated(id, &taken)
                });
            }
            sheet.records.push(RawEvent {
                line,
                title: (slide.title).map(Text::from),
                start: (row.date("", line, problems)).map(Text::from),
                end: (row.date("end ", line, problems)).map(Text::from),
                theme: theme.map(Text::from),
                description: (slide.description).map(Text::from),
                sources: slide.sources,
                display_date: (slide.display_date).map(Text::from),
                ..RawEvent::default()
            });
        }
    }
}

/// An era row: its headline and both dates, each checked as an event's are.
fn era(
    row: &Row<'_>,
    line: usize,
    label: Option<String>,
    problems: &mut Vec<Problem>,
) -> Option<Era> {
    let label = label.unwrap_or_default();
    if label.is_empty() {
        problems.push(Problem::at(
            line,
            ProblemKind::Missing,
            "an era has no label",
        ));
    }
    let date = |prefix: &str, name: &str, problems: &mut Vec<Problem>| {
        if let Some(d) = row.date(prefix, line, problems) {
            parse_date(name, None, &d, line, problems)
        } else {
            problems.push(Problem::at(
                line,
                ProblemKind::Missing,
                format!("an era needs its {name}"),
            ));
            None
        }
    };
    let (start, end) = (
        date("", "Year", problems),
        date("end ", "End Year", problems),
    );
    let (start, end) = (start?, end?);
    if end.axis_end() <= start.axis_start() {
        problems.push(end_before_start(line, &end, &start));
    }
    Some(Era {
        label,
        start,
        end,
        color: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background";

    #[test]
    fn recognised_from_the_header() {
        assert!(is_sheet(&format!("{HEADER}\n")));
        assert!(is_sheet(&format!("{}\n", HEADER.replace(',', "\t"))));
        assert!(is_sheet("year,end year,headline,text\n"));
        assert!(!is_sheet("title,start,end\n"));
        assert!(!is_sheet("year,end year,headline,text,importance\n"));
    }

    #[test]
    fn clock_times() {
        assert_eq!(clock("10:30").as_deref(), Some("10:30:00"));
        assert_eq!(clock("1:15 PM").as_deref(), Some("13:15:00"));
        assert_eq!(clock("12:00 am").as_deref(), Some("00:00:00"));
        assert_eq!(clock("25:00"), None);
        assert_eq!(clock("noon"), None);
    }

    #[test]
    fn title_era_and_event_rows() {
        let src = format!(
            "{HEADER}\n\
             ,,,,,,,,,My <i>town</i>,<p>Its story.</p>,,,,,title,,#ff0000\n\
             1850,,,,1870,,,,,Early years,,,,,,era,,\n\
             1855,2,7,,,,,,,Pier,<p>Built.</p>,https://example.org/p.jpg,Archive,The pier,,,Buildings,\n\
             -55,,,,,,,,55 BC,,,,,,,,,\n"
        );
        let (d, notes) = parse(&src).unwrap_or_else(|p| panic!("{p:?}"));
        assert_eq!(d.meta.title, "My town");
        assert_eq!(d.meta.description, "Its story.");
        assert_eq!(d.eras()[0].label, "Early years");
        assert_eq!(d.eras()[0].end.edtf(), "1870");
        let pier = &d.events()[1];
        assert_eq!(
            (pier.title(), &*pier.start().edtf()),
            ("Pier", "1855-02-07")
        );
        assert_eq!(pier.sources()[0].title, "The pier (Archive)");
        assert_eq!(d.themes()[0].label, "Buildings");
        let caesar = &d.events()[0];
        assert_eq!(
            (caesar.title(), &*caesar.start().edtf()),
            ("55 BC", "-0054")
        );
        let notes: Vec<String> = notes.iter().map(|n| n.located("s.csv")).collect();
        assert_eq!(
            notes,
            [
                "s.csv:5: an event without a headline is titled \"55 BC\" after its display date",
                "s.csv: column \"Background\" is not used: Chronolane draws no background colors or images (1 row has one)",
            ]
        );
    }

    #[test]
    fn problems_name_rows() {
        let src = format!("{HEADER}\n1855,13,,,,,,,,Bad month,,,,,,,,\n,,,,,,,,,No year,,,,,,,,\n");
        let Err(ParseFailure::Invalid(p)) = parse(&src) else {
            panic!("should fail")
        };
        let lines: Vec<String> = p.iter().map(|p| p.located("s.csv")).collect();
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(
            lines[0].starts_with("s.csv:2: start \"1855-13\" is not a date"),
            "{lines:?}"
        );
        assert_eq!(lines[1], "s.csv:3: start is missing");
    }

    /// A row with a column left out (its cells would sit under the wrong headers: a media link
    /// read as the headline) is skipped and named, as the CSV reader does; the other rows open.
    #[test]
    fn a_row_of_another_length_than_the_header_is_skipped_and_named() {
        let src = format!(
            "{HEADER}\n\
             1855,2,7,,,,,,,Pier,<p>Built.</p>,,,,,,,\n\
             -8000,,,,,,c. 8000 BCE,The Great Boar,A rock painting.,https://example.org/b.jpg,,,,,,\n"
        );
        let Err(ParseFailure::Partial(partial)) = parse(&src) else {
            panic!("should open with a row skipped")
        };
        let titles: Vec<&str> = partial
            .dataset
            .events()
            .iter()
            .map(crate::model::Event::title)
            .collect();
        assert_eq!(titles, ["Pier"]);
        assert_eq!((partial.rows, partial.skipped), (2, 1));
        let problems: Vec<String> = partial
            .problems
            .iter()
            .map(|p| p.located("s.csv"))
            .collect();
        assert_eq!(
            problems,
            ["s.csv:3: the row has 16 fields but the header has 18"]
        );
        assert!(
            partial.rows_csv.contains("The Great Boar"),
            "{}",
            partial.rows_csv
        );
        // Every row so: the file is refused, each row named.
        let only = format!(
            "{HEADER}\n-8000,,,,,,c. 8000 BCE,The Great Boar,A rock painting.,https://example.org/b.jpg,,,,,,\n"
        );
        let Err(ParseFailure::Invalid(p)) = parse(&only) else {
            panic!("should fail")
        };
        assert_eq!(
            p.iter().map(|p| p.located("s.csv")).collect::<Vec<_>>(),
            ["s.csv:2: the row has 16 fields but the header has 18"]
        );
    }

    /// A sheet with a column of its own (neither the template's nor Chronolane's) is still read
    /// as the template, the column left out with a note; one with a column of Chronolane's own
    /// CSV is not a sheet.
    #[test]
    fn a_sheet_with_a_column_of_its_own_is_still_a_sheet() {
        let src = format!(
            "{HEADER},Tag\n\
             1914,7,28,,1918,11,11,,1914-1918,The war,Four years.,,,,,,,,front\n"
        );
        assert!(is_sheet(&src));
        let (d, notes) = parse(&src).unwrap_or_else(|p| panic!("{p:?}"));
        let war = &d.events()[0];
        assert_eq!(war.title(), "The war");
        assert_eq!(war.start().edtf(), "1914-07-28");
        assert_eq!(
            war.end.as_ref().map(|e| e.edtf().to_string()).as_deref(),
            Some("1918-11-11")
        );
        let notes: Vec<String> = notes.iter().map(|n| n.located("s.csv")).collect();
        assert!(
            notes.contains(&"s.csv:1: column \"Tag\" is not used".to_owned()),
            "{notes:?}"
        );
        assert!(!is_sheet(&format!("{HEADER},Importance\n")));
        assert!(!is_sheet(&format!("{HEADER},tags\n")));
    }
}
