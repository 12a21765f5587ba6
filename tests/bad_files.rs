//! Every malformed file in `tests/bad/` gives exactly the report a user reads, loads nothing, and
//! never panics.

use std::path::Path;

use chronolane::io::{LoadError, load_path};

fn report(name: &str) -> Vec<String> {
    let path = format!("tests/bad/{name}");
    match load_path(Path::new(&path)) {
        Ok(_) => panic!("{path} should not load"),
        // Refused, or only some rows skipped: every problem is reported all the same.
        Err(e @ (LoadError::Invalid { .. } | LoadError::Partial { .. })) => e.lines(),
        Err(e) => panic!("{path}: unexpected read error {e}"),
    }
}

fn check(name: &str, expected: &[&str]) {
    assert_eq!(report(name), expected, "report for {name}");
}

#[test]
fn binary_csv() {
    check(
        "binary.csv",
        &[
            "tests/bad/binary.csv:1: the file is not UTF-8 text (byte 0xFF); save it as UTF-8 and open it again",
        ],
    );
}

#[test]
fn deeply_nested_json() {
    check(
        "deeply-nested.json",
        &[
            "tests/bad/deeply-nested.json:1: an event must be an object {…}, not [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[…",
        ],
    );
}

#[test]
fn duplicate_ids_csv() {
    check(
        "duplicate-ids.csv",
        &["tests/bad/duplicate-ids.csv:3: id \"a\" is already used on line 2"],
    );
}

#[test]
fn dangling_link_csv() {
    check(
        "dangling-link.csv",
        &[
            "tests/bad/dangling-link.csv:2: link to \"treaty-of-portsmuth\": no such event",
            "tests/bad/dangling-link.csv:4: link to \"no kind\" has no kind: write kind:id, as in ended by:no kind",
            "tests/bad/dangling-link.csv:4: link to \"triple-intervention\": no such event",
        ],
    );
}

#[test]
fn dangling_link_json() {
    check(
        "dangling-link.json",
        &[
            "tests/bad/dangling-link.json:7: link to \"portsmouth\": no such event",
            "tests/bad/dangling-link.json:13: links must be a list of {\"to\": id, \"kind\": text}, not {\"to\": \"war\"}",
        ],
    );
}

#[test]
fn duplicate_header_csv() {
    check(
        "duplicate-header.csv",
        &[
            "tests/bad/duplicate-header.csv:1: the header has \"date\" more than once (columns 2 and 4); give each column its own name",
        ],
    );
}

#[test]
fn empty_csv() {
    check("empty.csv", &["tests/bad/empty.csv: the file is empty"]);
}

#[test]
fn end_before_start_csv() {
    check(
        "end-before-start.csv",
        &["tests/bad/end-before-start.csv:2: end \"1904\" is before start \"1905\""],
    );
}

#[test]
fn impossible_date_csv() {
    check(
        "impossible-date.csv",
        &[
            "tests/bad/impossible-date.csv:2: start \"1855-02-30\" is not a date: February 1855 has 28 days",
        ],
    );
}

#[test]
fn many_problems_csv() {
    check(
        "many-problems.csv",
        &[
            "tests/bad/many-problems.csv:2: start \"1855-02-30\" is not a date: February 1855 has 28 days",
            "tests/bad/many-problems.csv:3: title is missing",
            "tests/bad/many-problems.csv:3: start \"1900-02-29\" is not a date: February 1900 has 28 days",
            "tests/bad/many-problems.csv:4: end \"1903\" is before start \"1904\"",
            "tests/bad/many-problems.csv:4: importance \"high\" is not a whole number from 1 to 5",
            "tests/bad/many-problems.csv:5: id \"shimoda\" is already used on line 2",
            "tests/bad/many-problems.csv:5: start \"next spring\" is not a date: write EDTF (1855-02-07, 1792~, 185X, -0054) or one of: 1855; 1855-02-07; 7 Feb 1855; 7 February 1855; February 7, 1855; Feb 1855; 55 BC; 55 BCE; 500BC; AD 43; c. 383; circa 1792; ca. 1792; 1790s; early 1850s; 18th century; 1811?; 1735/6; Between 47 and 50; Before 879; After 1066; 1904-02-08 23:30; +1855-02-07T00:00:00Z; 10,000 BC; 65 million years ago; 4.5 Ga; ongoing",
            "tests/bad/many-problems.csv:5: importance \"9\" is not a whole number from 1 to 5",
        ],
    );
}

#[test]
fn missing_title_csv() {
    check(
        "missing-title.csv",
        &["tests/bad/missing-title.csv:2: title is missing"],
    );
}

#[test]
fn no_events_json() {
    check(
        "no-events.json",
        &[
            "tests/bad/no-events.json: not a timeline: expected a list of events (TimelineJS `events`, vis-timeline `items`, or Chronolane's `events`); the file has \"themes\", \"title\"",
        ],
    );
}

#[test]
fn timelinejs_sheet_bad_csv() {
    check(
        "timelinejs-sheet-bad.csv",
        &[
            "tests/bad/timelinejs-sheet-bad.csv:2: an era needs its End Year",
            "tests/bad/timelinejs-sheet-bad.csv:3: start \"1855-13\" is not a date: there is no month 13",
            "tests/bad/timelinejs-sheet-bad.csv:4: start is missing",
            "tests/bad/timelinejs-sheet-bad.csv:5: end \"1904\" is before start \"1905\"",
        ],
    );
}

#[test]
fn wikidata_results_without_a_label_or_a_date() {
    check(
        "wikidata-no-date.json",
        &[
            "tests/bad/wikidata-no-date.json: there is no \"title\" variable (nor label, name, headline, event; the results have: item, population)",
            "tests/bad/wikidata-no-date.json: there is no \"start\" variable (nor date, start_date, hdate, year, from, starttime, start_time, pointintime, point_in_time, inception; the results have: item, population)",
        ],
    );
}

#[test]
fn storymap_json_is_no_timeline() {
    check(
        "storymap.json",
        &[
            "tests/bad/storymap.json: not a timeline: expected a list of events (TimelineJS `events`, vis-timeline `items`, or Chronolane's `events`); the file has \"storymap\"",
        ],
    );
}

#[test]
fn a_list_of_unrelated_objects_is_no_timeline() {
    check(
        "unrelated-list.json",
        &[
            "tests/bad/unrelated-list.json: not a timeline: expected a list of events (TimelineJS `events`, vis-timeline `items`, or Chronolane's `events`); the file is a list of 2 values without \"content\" and \"start\"",
        ],
    );
}

#[test]
fn no_start_column_csv() {
    check(
        "no-start-column.csv",
        &[
            "tests/bad/no-start-column.csv:1: there is no \"start\" column (nor date, start_date, hdate, year, from, starttime, start_time, pointintime, point_in_time, inception; the header has: title, when)",
        ],
    );
}

#[test]
fn not_utf8_csv() {
    check(
        "not-utf8.csv",
        &[
            "tests/bad/not-utf8.csv:3: the file is not UTF-8 text (byte 0xE9); save it as UTF-8 and open it again",
        ],
    );
}

#[test]
fn ragged_rows_csv() {
    check(
        "ragged-rows.csv",
        &[
            "tests/bad/ragged-rows.csv:3: the row has 4 fields but the header has 5",
            "tests/bad/ragged-rows.csv:4: the row has 6 fields but the header has 5",
        ],
    );
}

#[test]
fn truncated_json() {
    check(
        "truncated.json",
        &[
            "tests/bad/truncated.json:5: the file ends in the middle of its JSON (EOF while parsing an object); was it cut short?",
        ],
    );
}

#[test]
fn unterminated_quote_csv() {
    check(
        "unterminated-quote.csv",
        &[
            "tests/bad/unterminated-quote.csv:2: a quoted field that starts on this line is never closed",
        ],
    );
}

#[test]
fn utf16_csv() {
    check(
        "utf16.csv",
        &["tests/bad/utf16.csv:1: the file is UTF-16 text; save it as UTF-8 and open it again"],
    );
}

#[test]
fn wrong_types_json() {
    check(
        "wrong-types.json",
        &[
            "tests/bad/wrong-types.json:2: title must be text, not 12",
            "tests/bad/wrong-types.json:8: importance \"very\" is not a whole number from 1 to 5",
            "tests/bad/wrong-types.json:12: title must be text, not [\"not\", \"text\"]",
            "tests/bad/wrong-types.json:13: start \"1855-13\" is not a date: there is no month 13",
            "tests/bad/wrong-types.json:15: an event must be an object {…}, not \"not an event\"",
        ],
    );
}

/// What the date reports end with when a value is not a date at all.
const FORMS: &str = "write EDTF (1855-02-07, 1792~, 185X, -0054) or one of: 1855; 1855-02-07; 7 Feb 1855; 7 February 1855; February 7, 1855; Feb 1855; 55 BC; 55 BCE; 500BC; AD 43; c. 383; circa 1792; ca. 1792; 1790s; early 1850s; 18th century; 1811?; 1735/6; Between 47 and 50; Before 879; After 1066; 1904-02-08 23:30; +1855-02-07T00:00:00Z; 10,000 BC; 65 million years ago; 4.5 Ga; ongoing";

#[test]
fn timelinejs_bad_dates_json() {
    let nineteen = format!(
        "tests/bad/timelinejs-bad-dates.json:25: start \"nineteen\" is not a date: {FORMS}"
    );
    check(
        "timelinejs-bad-dates.json",
        &[
            "tests/bad/timelinejs-bad-dates.json:8: start is missing",
            "tests/bad/timelinejs-bad-dates.json:12: start \"1905-13\" is not a date: there is no month 13",
            "tests/bad/timelinejs-bad-dates.json:16: end \"1904\" is before start \"1905\"",
            "tests/bad/timelinejs-bad-dates.json:21: title is missing",
            &nineteen,
        ],
    );
}

#[test]
fn timelinejs_truncated_json() {
    check(
        "timelinejs-truncated.json",
        &[
            "tests/bad/timelinejs-truncated.json:5: JSON syntax error: control character (\\u0000-\\u001F) found while parsing a string",
        ],
    );
}

#[test]
fn vis_bad_items_json() {
    let yesterday =
        format!("tests/bad/vis-bad-items.json:6: start \"yesterday\" is not a date: {FORMS}");
    let truth = format!("tests/bad/vis-bad-items.json:9: start \"true\" is not a date: {FORMS}");
    check(
        "vis-bad-items.json",
        &[
            "tests/bad/vis-bad-items.json:5: title is missing",
            &yesterday,
            "tests/bad/vis-bad-items.json:7: end \"1904-02-08\" is before start \"1905-09-05\"",
            "tests/bad/vis-bad-items.json:8: id \"1\" is already used on line 4",
            &truth,
        ],
    );
}

#[test]
fn vis_truncated_json() {
    check(
        "vis-truncated.json",
        &[
            "tests/bad/vis-truncated.json:4: the file ends in the middle of its JSON (EOF while parsing a value); was it cut short?",
        ],
    );
}

#[test]
fn utf16be_json() {
    check(
        "utf16be.json",
        &["tests/bad/utf16be.json:1: the file is UTF-16 text; save it as UTF-8 and open it again"],
    );
}

#[test]
fn dates_out_of_range_csv() {
    const EXAMPLES: &str = "(EDTF examples: 1855, 1855-02, 1855-02-07, 1792~, 1811?, 185X, -0054)";
    check(
        "dates-out-of-range.csv",
        &[
            &format!(
                "tests/bad/dates-out-of-range.csv:2: start \"99999-01-01\" is not a date: write a year of more than four digits with a Y: Y99999 {EXAMPLES}"
            ),
            "tests/bad/dates-out-of-range.csv:3: start \"Y170000000002\" is not a date: years beyond ±100 billion are not supported",
            &format!(
                "tests/bad/dates-out-of-range.csv:4: start \"-99999\" is not a date: write a year of more than four digits with a Y: Y-99999 {EXAMPLES}"
            ),
            &format!(
                "tests/bad/dates-out-of-range.csv:6: end \"999999999999999999999\" is not a date: write a year of more than four digits with a Y: Y999999999999999999999 {EXAMPLES}"
            ),
        ],
    );
}

#[test]
fn a_json_field_over_one_mib_is_refused() {
    let big = "x".repeat((1 << 20) + 1);
    let text = format!(
        "{{\"events\": [\n  {{\"title\": \"A\", \"start\": \"1855\",\n   \"description\": \"{big}\"}}\n]}}\n"
    );
    let e = chronolane::io::load_bytes(text.as_bytes(), "big.json", "big").err();
    assert_eq!(
        e.map(|e| e.lines()),
        Some(vec![
            "big.json:3: description is 1048577 bytes; a field may hold up to 1 MiB".to_owned()
        ])
    );
}

#[test]
fn every_bad_file_is_covered() {
    let names: Vec<String> = std::fs::read_dir("tests/bad")
        .map(|d| {
            d.filter_map(std::result::Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    assert!(names.len() >= 22, "{names:?}");
    let source = include_str!("bad_files.rs");
    for n in names {
        assert!(source.contains(&format!("\"{n}\"")), "{n} has no test");
    }
}

#[test]
fn missing_file_is_a_read_error() {
    let e = load_path(Path::new("tests/bad/no-such-file.json")).err();
    assert!(matches!(e, Some(LoadError::Read { .. })));
    let text = e.map(|e| e.to_string()).unwrap_or_default();
    assert!(
        text.starts_with("tests/bad/no-such-file.json: cannot read the file"),
        "{text}"
    );
}
