//! A big CSV file (at least the 16 MiB from which a file is read from disk a piece at a time)
//! opens with exactly the events, problems and skipped rows of its text read whole; and a
//! quote inside a field (a character like any other for the csv crate) does not make either
//! reading cut a row in two where it splits the file.

use std::fmt::Write as _;

use chronolane::io::csv;
use chronolane::io::{LoadError, PartialLoad, load_bytes, load_path};

/// Generated rows, shuffled; first a title with a quote inside it, then now and then a title
/// over two lines; at the end rows with problems: a duplicate id, a bad date, an importance out
/// of range, an end before its start, a missing title.
fn big_text() -> (String, usize) {
    let mut events = chronolane::synth::events(200_000, 11);
    fastrand::Rng::with_seed(5).shuffle(&mut events);
    let mut text = String::from("id,title,start,end,theme,importance,description\n");
    text.push_str("stray,Say \"hi,1900,,war,,\n");
    for (i, e) in events.iter().enumerate() {
        let title = if i % 100 == 0 {
            format!("\"{}\nsecond line\"", e.id())
        } else {
            e.id().to_string()
        };
        let start = csv::event_cell(e, chronolane::io::Field::Start);
        let _ = writeln!(
            text,
            "{},{title},{start},,war,,A generated row about {} and nothing more: ballast.",
            e.id(),
            e.id()
        );
    }
    let first_id = &events[0].id();
    let _ = write!(
        text,
        "{first_id},Again,1900,,war,,\n\
         bad-date,Bad date,1855-02-30,,war,,\n\
         loud,Too loud,1855,,war,9,\n\
         backwards,Backwards,1856,1855,war,,\n\
         untitled,,1855,,war,,\n"
    );
    (text, events.len() + 1)
}

fn partial(result: Result<chronolane::io::Loaded, LoadError>) -> PartialLoad {
    match result {
        Err(LoadError::Partial { partial, .. }) => *partial,
        other => panic!("not a partial load: {:?}", other.map(|l| l.notes)),
    }
}

#[test]
fn a_big_file_read_in_pieces_opens_as_its_whole_text() {
    let (text, good) = big_text();
    assert!(
        text.len() > 16 << 20,
        "{} bytes: not read in pieces",
        text.len()
    );
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("big.csv");
    std::fs::write(&path, &text).expect("written");
    let shown = path.display().to_string();
    let streamed = partial(load_path(&path));
    let whole = partial(load_bytes(text.as_bytes(), &shown, "big"));
    // Every good row read, the quoted and the two-line titles whole; the five bad rows skipped.
    assert_eq!(streamed.loaded.dataset.events().len(), good);
    assert_eq!((streamed.rows, streamed.skipped), (good + 5, 5));
    let stray = streamed
        .loaded
        .dataset
        .events()
        .iter()
        .find(|e| e.id() == "stray");
    assert_eq!(stray.map(chronolane::model::Event::title), Some("Say \"hi"));
    // The same both ways.
    assert_eq!(streamed.loaded.dataset, whole.loaded.dataset);
    assert_eq!(streamed.loaded.notes, whole.loaded.notes);
    assert_eq!(streamed.problems, whole.problems);
    assert_eq!(
        (streamed.rows, streamed.skipped),
        (whole.rows, whole.skipped)
    );
    assert_eq!(streamed.rows_csv, whole.rows_csv);
}
