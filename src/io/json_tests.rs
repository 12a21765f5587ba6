//! Tests for the JSON reader's messages: lists that are not lists, mistyped fields, eras.

use super::*;
use crate::io::ParseFailure;
use ProblemKind::{Missing, NotADate, WrongType};

fn problems(src: &str) -> Vec<Problem> {
    match parse(src) {
        Err(ParseFailure::Invalid(p)) => p,
        other => panic!("{other:?}"),
    }
}

fn typed(problems: &[Problem]) -> Vec<(Option<usize>, ProblemKind, Option<Field>)> {
    problems.iter().map(|p| (p.line, p.kind, p.field)).collect()
}

#[test]
fn a_list_that_is_not_a_list_is_named_at_its_line() {
    // Another program's timeline with an `events` object (years to lists), and others.
    let src = "{\n  \"title\": \"x\",\n  \"events\": {\n    \"1971\": []\n  }\n}";
    let p = problems(src);
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].line, Some(3));
    assert!(
        p[0].message
            .contains("\"events\" is an object, where Chronolane expects a list"),
        "{}",
        p[0].message
    );
    for (src, what) in [
        (
            "{\"themes\": \"war\", \"events\": []}",
            "\"themes\" is text",
        ),
        ("{\"eras\": 3, \"events\": []}", "\"eras\" is a number"),
        ("{\"events\": true}", "\"events\" is true or false"),
    ] {
        let p = problems(src);
        assert!(p[0].message.contains(what), "{src}: {}", p[0].message);
    }
    // A list whose items are wrong is still serde's to describe.
    let p = problems("{\"events\": [1, 2]}");
    assert!(
        !p[0].message.contains("where Chronolane expects"),
        "{}",
        p[0].message
    );
}

#[test]
fn a_mistyped_field_is_not_reported_missing_as_well() {
    let p = problems(
        "{\"events\": [\n{\"title\": true, \"start\": \"1900\"},\n{\"start\": \"1900\"}\n]}",
    );
    assert_eq!(
        typed(&p),
        [
            (Some(2), WrongType, Some(Field::Title)),
            (Some(3), Missing, Some(Field::Title)),
        ]
    );
    assert_eq!(p[0].message, "title must be text, not true");
    assert_eq!(p[1].message, "title is missing");
}

#[test]
fn an_era_missing_a_date_of_the_wrong_type_says_both() {
    let p = problems(
        "{\"eras\": [{\"label\": \"e\", \"start\": {}, \"end\": \"1900\"}], \"events\": []}",
    );
    let messages: Vec<&str> = p.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(
        messages,
        ["start must be text, not {}", "era \"e\" has no start"]
    );
}

#[test]
fn de_duplication_goes_by_line_field_and_kind() {
    let mut p = vec![
        Problem::at(4, WrongType, "title must be text, not 5").on(Field::Title),
        Problem::at(4, Missing, "title is missing").on(Field::Title),
        // Another field, another line, no field: kept.
        Problem::at(4, Missing, "start is missing").on(Field::Start),
        Problem::at(5, Missing, "title is missing").on(Field::Title),
        Problem::at(4, Missing, "a source has no title"),
        // A message that happens to say "must be" is no type error.
        Problem::at(6, NotADate, "start \"it must be x\" is not a date").on(Field::Start),
        Problem::at(6, Missing, "start is missing").on(Field::Start),
    ];
    drop_missing_mistyped(&mut p);
    assert_eq!(
        typed(&p),
        [
            (Some(4), WrongType, Some(Field::Title)),
            (Some(4), Missing, Some(Field::Start)),
            (Some(5), Missing, Some(Field::Title)),
            (Some(4), Missing, None),
            (Some(6), NotADate, Some(Field::Start)),
            (Some(6), Missing, Some(Field::Start)),
        ]
    );
}

/// Progress while a big file is read: forward only, during the events' reading (a report every
/// 50 ms and as each thread is done) and their sorting, to the end; a stop asked for stops it.
#[test]
fn a_big_file_reports_progress_while_read_and_stops_when_asked() {
    let src = crate::io::json_write::to_string(&crate::synth::dataset(40_000, 2));
    let seen = std::cell::RefCell::new(Vec::new());
    let progress = |f| {
        seen.borrow_mut().push(f);
        true
    };
    let file = read(&src, true, &progress).expect("reads");
    let reading = seen.borrow().len();
    let (dataset, _) = file.finish(&progress).expect("a dataset");
    assert_eq!(dataset.events().len(), 40_000);
    let seen = seen.into_inner();
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    // The last when all is read, at the file's end (its closing brackets aside).
    assert!(reading >= 1, "{seen:?}");
    assert!(seen[reading - 1] > 0.99 * EVENTS_SHARE, "{seen:?}");
    assert!(
        seen[reading..].iter().all(|&f| f >= EVENTS_SHARE),
        "{seen:?}"
    );
    assert_eq!(seen.last(), Some(&1.0));
    // Stopped at the first report: cancelled, not read another way, and not asked again.
    let asked = std::cell::Cell::new(0);
    let stop = |_| {
        asked.set(asked.get() + 1);
        false
    };
    assert!(matches!(
        read(&src, true, &stop),
        Err(ParseFailure::Cancelled)
    ));
    assert_eq!(asked.get(), 1);
}
