//! The rows of a file that were skipped for their problems, as a CSV file the user can fix and
//! open again: a CSV file's own header and rows, byte for byte; or for JSON, Chronolane's
//! columns with each skipped event's fields as the file wrote them.

use std::collections::BTreeMap;

use super::csv::{format_sources, guard, header, join_escaped, reader};
use super::csv_rows::row_line;
use super::field::Field;
use super::record::RawEvent;

/// The header of `text` (everything before `body_start`) and the rows that begin on one of
/// `lines`, as they are written in it. Lines are counted as the loader counts them: the first
/// row after the header is line 2.
pub(super) fn rows_at_lines(
    text: &str,
    delimiter: u8,
    body_start: usize,
    lines: &[usize],
) -> String {
    let head = text.get(..body_start).unwrap_or("");
    let body = text.get(body_start..).unwrap_or("");
    let mut out = String::with_capacity(head.len() + 128 * lines.len());
    push_line(&mut out, head);
    let mut wanted: Vec<usize> = lines.to_vec();
    wanted.sort_unstable();
    wanted.dedup();
    let mut reader = reader(body, delimiter);
    let mut row = csv::StringRecord::new();
    let mut from = 0;
    while let Ok(true) = reader.read_record(&mut row) {
        let to = usize::try_from(reader.position().byte()).unwrap_or(body.len());
        let line = row.position().map_or(0, |p| row_line(body, p) + 1);
        if wanted.binary_search(&line).is_ok() {
            // The reader stops after a `\r` and leaves the `\n` (and blank lines) to the next row.
            push_line(
                &mut out,
                body.get(from..to)
                    .unwrap_or("")
                    .trim_start_matches(['\r', '\n']),
            );
        }
        from = to;
    }
    out
}

/// Appends a row, ending it as the file ends its lines (`\n`, or `\r\n` when it has `\r`).
fn push_line(out: &mut String, row: &str) {
    out.push_str(row);
    // After a `\r` this makes `\r\n`.
    if !out.ends_with('\n') {
        out.push('\n');
    }
}

/// Skipped JSON events as CSV rows under Chronolane's header, in the order of their lines:
/// each field as the file wrote it (`records`), or as read when the event was skipped for its
/// id only (`events`, already rows).
pub(super) fn records_csv(
    records: Vec<RawEvent>,
    events: Vec<(usize, [String; Field::COUNT])>,
) -> String {
    let mut rows: BTreeMap<usize, Vec<[String; Field::COUNT]>> = BTreeMap::new();
    for r in records {
        rows.entry(r.line).or_default().push(record_row(r));
    }
    for (line, row) in events {
        rows.entry(line).or_default().push(row);
    }
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(header());
    for row in rows.into_values().flatten() {
        let _ = w.write_record(row);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A record's fields as a CSV row, in [`Field::ALL`] order.
fn record_row(mut r: RawEvent) -> [String; Field::COUNT] {
    Field::ALL.map(|field| match field {
        Field::Sources => guard(&format_sources(&r.sources)),
        Field::Tags => guard(&join_escaped(&r.tags, super::csv::TAG_SEP, "")),
        Field::Links => guard(&super::cells::format_links(&r.links)),
        Field::Names => guard(&super::cells::format_names(&r.names)),
        text => r
            .text_mut(text)
            .and_then(Option::take)
            .map(|v| guard(&v))
            .unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_and_the_rows_on_the_lines_asked_for_byte_for_byte() {
        let text = "Label;hdate\r\nA;1855\r\n\"B\nsecond line\";soon\r\nC;1904\r\n\r\nD;later";
        // Where the loader's body starts: after the header as the reader reads it.
        let mut r = reader(text, b';');
        let _ = r.read_record(&mut csv::StringRecord::new());
        let body_start = crate::io::csv_rows::body_start(text, r.position().byte());
        let rows = rows_at_lines(text, b';', body_start, &[3, 7]);
        assert_eq!(rows, "Label;hdate\r\n\"B\nsecond line\";soon\r\nD;later\n");
    }

    #[test]
    fn json_records_as_rows_in_line_order() {
        let late = RawEvent {
            line: 9,
            title: Some("=SUM(A1)".into()),
            start: Some("soon".into()),
            tags: vec!["a".into(), "b".into()],
            ..RawEvent::default()
        };
        let early = RawEvent {
            line: 3,
            start: Some("1855".into()),
            ..RawEvent::default()
        };
        let mut dup: [String; Field::COUNT] = Default::default();
        dup[0] = "x".into();
        let csv = records_csv(vec![late, early], vec![(5, dup)]);
        assert_eq!(
            csv,
            "id,title,start,end,theme,importance,place,description,sources,tags,display_date,born,died,links,names,calendar\n\
             ,,1855,,,,,,,,,,,,,\n\
             x,,,,,,,,,,,,,,,\n\
             ,'=SUM(A1),soon,,,,,,,a;b,,,,,,\n"
        );
    }
}
