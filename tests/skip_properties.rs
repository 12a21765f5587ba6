//! Property tests of skipping bad rows: the events that open from a file with bad rows are
//! exactly those of the same file without them, the counts add up, and the rows saved as CSV
//! are the bad ones.

use std::fmt::Write;

use chronolane::io::{ParseFailure, Parsed, csv};
use proptest::prelude::*;

/// A row: its title (empty: missing) and its start (good or not).
fn row() -> impl Strategy<Value = (String, String)> {
    let title = prop_oneof![
        4 => "[A-Za-z][a-z ]{0,12}",
        1 => Just(String::new()),
    ];
    let start = prop_oneof![
        4 => (1000u16..2000).prop_map(|y| y.to_string()),
        1 => (1000u16..2000, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
        1 => Just("someday".to_owned()),
        1 => Just("1855-02-30".to_owned()),
    ];
    (title, start)
}

fn is_good((title, start): &(String, String)) -> bool {
    !title.trim().is_empty() && start != "someday" && start != "1855-02-30"
}

fn text<'a>(rows: impl IntoIterator<Item = &'a (usize, (String, String))>) -> String {
    let mut t = "id,title,start\n".to_owned();
    for (i, (title, start)) in rows {
        let _ = writeln!(t, "e{i},{title},{start}");
    }
    t
}

fn ids(parsed: &Parsed) -> Vec<String> {
    let d = match parsed {
        Ok((d, _)) => d,
        Err(ParseFailure::Partial(p)) => &p.dataset,
        Err(_) => return Vec::new(),
    };
    let mut ids: Vec<String> = d.events().iter().map(|e| e.id().to_string()).collect();
    ids.sort();
    ids
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn the_good_rows_open_as_if_alone(rows in prop::collection::vec(row(), 1..30)) {
        let rows: Vec<(usize, (String, String))> = rows.into_iter().enumerate().collect();
        let good: Vec<_> = rows.iter().filter(|(_, r)| is_good(r)).cloned().collect();
        let bad = rows.len() - good.len();
        let all = csv::parse(&text(&rows), "t");
        match &all {
            Ok(_) => prop_assert_eq!(bad, 0),
            Err(ParseFailure::Invalid(p)) => {
                prop_assert!(good.is_empty());
                prop_assert!(p.len() >= bad);
            }
            Err(ParseFailure::Partial(p)) => {
                prop_assert!(bad > 0 && !good.is_empty());
                prop_assert_eq!(p.rows, rows.len());
                prop_assert_eq!(p.skipped, bad);
                prop_assert_eq!(p.dataset.events().len(), good.len());
                // The saved rows are the bad ones: read again, every one is skipped.
                let again = csv::parse(&p.rows_csv, "again");
                prop_assert!(matches!(again, Err(ParseFailure::Invalid(_))), "{again:?}");
                prop_assert_eq!(p.rows_csv.lines().count(), bad + 1);
            }
            Err(ParseFailure::Cancelled) => prop_assert!(false, "cancelled"),
        }
        if !good.is_empty() {
            prop_assert_eq!(ids(&all), ids(&csv::parse(&text(&good), "t")));
        }
    }
}
