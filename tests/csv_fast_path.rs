//! Loader equivalence for CSV: the fast path (rows of the common shapes become events at once)
//! gives exactly the events, notes and problems of the general path, on every CSV file of the
//! test corpora, on a big shuffled file read in two halves, and on random rows of good and bad
//! cells.

use std::fmt::Write as _;

use chronolane::io::csv::{self, ColumnMap};
use chronolane::io::{Parsed, decode_text};
use proptest::prelude::*;

/// Both readings of `text`, which must be the same.
fn both(text: &str, map: &ColumnMap) -> (Parsed, Parsed) {
    (
        csv::parse_with(text, "t", map),
        csv::parse_general(text, "t", map),
    )
}

/// How many events a reading opened (those of a partial reading included).
fn opened(parsed: &Parsed) -> usize {
    match parsed {
        Ok((d, _)) => d.events().len(),
        Err(chronolane::io::ParseFailure::Partial(p)) => p.dataset.events().len(),
        Err(_) => 0,
    }
}

#[test]
fn every_csv_file_of_the_corpora_reads_the_same_both_ways() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut compared = Vec::new();
    for dir in ["tests/bad", "tests/formats", "tests/skip", "data"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let is_table = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("tsv"));
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            let Ok(text) = decode_text(&bytes) else {
                continue;
            };
            if !is_table {
                continue;
            }
            let (fast, general) = both(text, &ColumnMap::default());
            assert_eq!(fast, general, "{}", path.display());
            compared.push(path);
        }
    }
    assert!(compared.len() >= 15, "only {compared:?}");
}

/// Rows of a generated file with every kind of trouble mixed in, read in two halves at once (the
/// file is over the 8 MB where the reader splits it).
#[test]
fn a_big_shuffled_file_with_bad_rows_reads_the_same_both_ways() {
    let mut events = chronolane::synth::events(100_000, 7);
    fastrand::Rng::with_seed(3).shuffle(&mut events);
    let mut text = csv::to_string(&events);
    assert!(
        text.len() > 9 << 20,
        "{} bytes: not read in halves",
        text.len()
    );
    // Appended rows: a duplicate id (of a fast row), a bad date, a guarded title, a date form,
    // an importance out of range, an end before its start, a missing title.
    let first_id = &events[0].id();
    let _ = write!(
        text,
        "{first_id},Again,1900,,war,,,,,\n\
         bad-date,Bad date,1855-02-30,,war,,,,,\n\
         guarded,'=SUM(A1),1855,,war,,,,,\n\
         form,A form,7 Feb 1855,,war,,,,,\n\
         loud,Too loud,1855,,war,9,,,,\n\
         backwards,Backwards,1856,1855,war,,,,,\n\
         untitled,,1855,,war,,,,,\n"
    );
    let (fast, general) = both(&text, &ColumnMap::default());
    // The guarded title and the date form read; the duplicate and four bad rows do not.
    assert_eq!(opened(&fast), 100_000 + 2);
    assert_eq!(fast, general);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Random headers (columns in any order, some the fast path does not read, one unknown)
    /// and rows whose cells are mostly good ones for their column (rows the fast path takes),
    /// some of any kind of trouble (rows for the general path).
    #[test]
    fn random_rows_read_the_same_both_ways(
        columns in proptest::sample::subsequence(COLUMNS.to_vec(), 3..COLUMNS.len()).prop_shuffle(),
        rows in proptest::collection::vec(
            proptest::collection::vec((0u8..10, 0u16..400, cell()), COLUMNS.len()),
            1..30,
        ),
        semicolons: bool,
    ) {
        let sep = if semicolons { ";" } else { "," };
        let mut text = columns.join(sep);
        text.push('\n');
        for row in &rows {
            let cells: Vec<String> = columns
                .iter()
                .zip(row)
                .map(|(column, (odds, n, trouble))| {
                    let value = if *odds < 8 { good(column, *n) } else { trouble.clone() };
                    quoted(&value)
                })
                .collect();
            text.push_str(&cells.join(sep));
            text.push('\n');
        }
        let (fast, general) = both(&text, &ColumnMap::default());
        prop_assert_eq!(fast, general, "{}", text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Rows written every way CSV allows and some it does not: quoted or plain cells, quotes
    /// doubled, stray or closing early, cells over two lines, `\n`, `\r\n` or a lone `\r`
    /// between rows, blank lines, too few or too many cells, no line break at the end. The fast
    /// path splits the plain ones itself and leaves the others to the csv crate; the general
    /// path reads them all with the csv crate: the same events, problems and lines.
    #[test]
    fn rows_written_any_way_read_the_same_both_ways(
        rows in proptest::collection::vec(
            (proptest::collection::vec(raw_cell(), 3..7), 0..6usize),
            1..25,
        ),
    ) {
        let mut text = "id,title,start,end,theme\n".to_owned();
        for (cells, ending) in &rows {
            text.push_str(&cells.join(","));
            text.push_str(["\n", "\r\n", "\r", "\n\n", "\r\n\r\n", ""][*ending]);
        }
        let (fast, general) = both(&text, &ColumnMap::default());
        prop_assert_eq!(fast, general, "{:?}", text);
    }
}

/// A cell as it may be written in a file, quotes and all.
fn raw_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        "e[0-9]",
        "\"e[0-9]\"",
        "T[a-z ]{0,5}",
        "\"T,[a-z]{0,3}\"",
        "\"two\nlines\"",
        "\"say \"\"hi\"\"\"",
        "[a-z]\"[a-z]",
        "\"[a-z]\"[a-z]",
        "(1[0-9]|20)[0-9]{2}(-0[1-9])?",
        "\"18[0-9]{2}\"",
        Just(String::new()),
        Just(" ".to_owned()),
        Just("war".to_owned()),
        Just("\"\"".to_owned()),
        "[a-z]\r[a-z]",
    ]
}

const COLUMNS: [&str; 13] = [
    "id",
    "title",
    "start",
    "end",
    "theme",
    "importance",
    "place",
    "description",
    "tags",
    "born",
    "calendar",
    "display_date",
    "notes",
];

/// A good value for `column`, from `n`: what the fast path takes (ids repeat now and then).
fn good(column: &str, n: u16) -> String {
    let n = usize::from(n);
    match column {
        "id" => format!("e{}", n % 50),
        "title" => format!("Title {n}"),
        "start" => ["1855", "1855-02", "1855-02-07", "1904-02-08"][n % 4].to_owned(),
        "end" => ["", "1856", "1905-09-05", "1855-02-07"][n % 4].to_owned(),
        "theme" => ["", "war", "diplomacy"][n % 3].to_owned(),
        "importance" => ["", "1", "3", "5"][n % 4].to_owned(),
        "place" => ["", "Shimoda", " Portsmouth "][n % 3].to_owned(),
        "description" => ["", "A treaty.", "  spaced  "][n % 3].to_owned(),
        "notes" => format!("note {n}"),
        _ => String::new(),
    }
}

/// A cell's text, quoted when it holds what CSV must quote.
fn quoted(value: &str) -> String {
    if value.contains([',', ';', '"', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

/// A cell of any kind: good, odd or bad for whatever column it lands in.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just(" ".to_owned()),
        "(1[0-9]|20)[0-9]{2}",
        "(1[0-9]|20)[0-9]{2}-(0[1-9]|1[0-2])",
        "(1[0-9]|20)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])",
        " 18[0-9]{2}-0[1-9] ",
        "[0-6]",
        Just(" 3".to_owned()),
        Just("3.0".to_owned()),
        Just("7 Feb 1855".to_owned()),
        Just("1855 O.S.".to_owned()),
        Just("1850/1853".to_owned()),
        Just("Between 1850 and 1853".to_owned()),
        Just("..".to_owned()),
        Just("ongoing".to_owned()),
        Just("julian".to_owned()),
        Just("'=1+1".to_owned()),
        Just("'plain".to_owned()),
        "[a-z]{1,8}",
        "[a-zA-Z ,;\"]{0,12}",
        "e[0-9]",
    ]
}
