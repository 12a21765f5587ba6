//! Tests of a parse's outcome: problems of some events skip them (the rest open), problems of
//! the file refuse it, for CSV and every JSON reader.

use super::foreign::{self, Dialect};
use super::{ParseFailure, Parsed, Partial, ProblemKind, csv, json};

fn partial(parsed: Parsed) -> Partial {
    match parsed {
        Err(ParseFailure::Partial(p)) => *p,
        other => panic!("expected some events skipped, got {other:?}"),
    }
}

fn refused(parsed: Parsed) -> Vec<String> {
    match parsed {
        Err(ParseFailure::Invalid(p)) => p.into_iter().map(|p| p.located("f")).collect(),
        other => panic!("expected the file refused, got {other:?}"),
    }
}

fn titles(p: &Partial) -> Vec<&str> {
    let mut t: Vec<&str> = p
        .dataset
        .events()
        .iter()
        .map(crate::model::Event::title)
        .collect();
    t.sort_unstable();
    t
}

const SHEET: &str = "label;hdate;hdate_end;approx_year\n\
    Treaty of Shimoda;7 Feb 1855;;1855\n\
    \"Peasants'\nRevolt\";sometime in June 1381;;1381\n\
    Russo-Japanese War;1904-02-08;5 September 1905;1904\n\
    ;1905;;1905\n\
    Portsmouth;1905-09-05;;1905\n";

#[test]
fn csv_rows_with_problems_are_skipped_and_kept_as_written() {
    let p = partial(csv::parse(SHEET, "sheet"));
    assert_eq!(
        titles(&p),
        ["Portsmouth", "Russo-Japanese War", "Treaty of Shimoda"]
    );
    assert_eq!((p.rows, p.skipped), (5, 2));
    let lines: Vec<String> = p.problems.iter().map(|p| p.located("sheet.csv")).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].starts_with("sheet.csv:3: start \"sometime in June 1381\" is not a date"),
        "{lines:?}"
    );
    assert_eq!(lines[1], "sheet.csv:6: title is missing");
    assert_eq!(
        p.rows_csv,
        "label;hdate;hdate_end;approx_year\n\
         \"Peasants'\nRevolt\";sometime in June 1381;;1381\n\
         ;1905;;1905\n"
    );
    assert_eq!(p.dataset.meta.title, "sheet");
}

#[test]
fn a_csv_row_whose_id_is_used_before_is_skipped_not_the_first() {
    let p = partial(csv::parse(
        "id,title,start\na,First,1855\nb,Other,1856\na,Again,1857\nc,Ragged\n",
        "ids",
    ));
    assert_eq!(titles(&p), ["First", "Other"]);
    assert_eq!((p.rows, p.skipped), (4, 2));
    let kinds: Vec<_> = p.problems.iter().map(|p| (p.line, p.kind)).collect();
    assert_eq!(
        kinds,
        [
            (Some(4), ProblemKind::Duplicate),
            (Some(5), ProblemKind::Syntax)
        ]
    );
    assert_eq!(p.rows_csv, "id,title,start\na,Again,1857\nc,Ragged\n");
}

#[test]
fn problems_of_a_csv_file_refuse_it() {
    let no_start = refused(csv::parse("title,when\nA,1855\n", "x"));
    assert_eq!(no_start.len(), 1);
    assert!(
        no_start[0].starts_with("f:1: there is no \"start\" column"),
        "{no_start:?}"
    );
    let cut = refused(csv::parse("title,start\nA,1855\n\"B,1856\nC,soon\n", "x"));
    assert_eq!(
        cut,
        ["f:3: a quoted field that starts on this line is never closed"]
    );
    // No row reads: nothing to open, every problem said.
    assert_eq!(
        refused(csv::parse("title,start\nA,soon\n,1855\n", "x")).len(),
        2
    );
}

#[test]
fn native_json_events_with_problems_are_skipped() {
    let src = "{\"events\": [\n\
        {\"title\": \"A\", \"start\": \"1855\"},\n\
        {\"title\": \"B\", \"start\": \"1856\", \"place\": true},\n\
        {\"title\": \"C\", \"start\": \"soon\"},\n\
        5,\n\
        {\"id\": \"event-1\", \"title\": \"D\", \"start\": \"1857\"}\n]}";
    let p = partial(json::parse(src));
    assert_eq!(titles(&p), ["A"]);
    assert_eq!((p.rows, p.skipped), (5, 4));
    let lines: Vec<Option<usize>> = p.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [Some(3), Some(4), Some(5), Some(6)]);
    assert_eq!(
        p.rows_csv.lines().collect::<Vec<_>>(),
        [
            "id,title,start,end,theme,importance,place,description,sources,tags,display_date,born,died,links,names,calendar",
            ",B,1856,,,,,,,,,,,,,",
            ",C,soon,,,,,,,,,,,,,",
            "event-1,D,1857,,events,3,,,,,,,,,,"
        ]
    );
}

#[test]
fn problems_of_a_json_file_refuse_it() {
    // A theme without an id is the file's problem, not an event's.
    let src = "{\"themes\": [{\"label\": \"x\"}], \"events\": [{\"title\": \"A\", \"start\": \"1855\"}, {\"start\": \"1855\"}]}";
    assert_eq!(
        refused(json::parse(src)),
        ["f:1: a theme has no id", "f:1: title is missing"]
    );
}

#[test]
fn timelinejs_and_vis_timeline_events_with_problems_are_skipped() {
    let tl = "{\"events\": [\n\
        {\"start_date\": {\"year\": 1855}, \"text\": {\"headline\": \"A\"}},\n\
        {\"start_date\": {\"year\": \"soon\"}, \"text\": {\"headline\": \"B\"}}\n]}";
    let p = partial(foreign::parse(tl, Dialect::TimelineJs));
    assert_eq!(titles(&p), ["A"]);
    let first = p.problems[0].located("t.json");
    assert!(
        first.starts_with("t.json:3: start \"soon\" is not a date"),
        "{first}"
    );
    let vis =
        "[{\"content\": \"A\", \"start\": \"1855\"},\n{\"content\": \"B\", \"start\": \"soon\"}]";
    let p = partial(foreign::parse(vis, Dialect::VisTimeline));
    assert_eq!(titles(&p), ["A"]);
    assert_eq!((p.rows, p.skipped), (2, 1));
    // An item whose id is used before is skipped, and saved with the others.
    let dup = "[{\"id\": 1, \"content\": \"A\", \"start\": \"1855\"},\n{\"id\": 1, \"content\": \"B\", \"start\": \"1856\"}]";
    let p = partial(foreign::parse(dup, Dialect::VisTimeline));
    assert_eq!(titles(&p), ["A"]);
    assert_eq!(
        p.problems[0].located("v.json"),
        "v.json:2: id \"1\" is already used on line 1"
    );
    assert!(
        p.rows_csv.ends_with("\n1,B,1856,,events,3,,,,,,,,,,\n"),
        "{}",
        p.rows_csv
    );
    // An era that does not read is the file's problem.
    let era = "{\"events\": [{\"start_date\": {\"year\": 1855}, \"text\": {\"headline\": \"A\"}}],\n\
        \"eras\": [{\"start_date\": {\"year\": 1900}, \"end_date\": {\"year\": 1800}, \"text\": {\"headline\": \"E\"}}]}";
    assert_eq!(
        refused(foreign::parse(era, Dialect::TimelineJs)),
        ["f:2: end \"1800\" is before start \"1900\""]
    );
}

#[test]
fn rows_after_blank_lines_and_crlf_are_on_their_own_lines() {
    for text in [
        "title,start\nA,1855\n\"B\nsecond line\",soon\nC,1904\n\nD,later\n",
        "title,start\r\nA,1855\r\n\"B\nsecond line\",soon\r\nC,1904\r\n\r\nD,later\r\n",
    ] {
        let p = partial(csv::parse(text, "t"));
        let lines: Vec<Option<usize>> = p.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [Some(3), Some(7)], "{text:?}");
        let crlf = if text.contains('\r') { "\r\n" } else { "\n" };
        assert_eq!(
            p.rows_csv,
            format!("title,start{crlf}\"B\nsecond line\",soon{crlf}D,later{crlf}")
        );
    }
}
