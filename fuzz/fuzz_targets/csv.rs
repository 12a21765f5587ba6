//! CSV import never panics; what it accepts writes back out and reads in as the same events;
//! the fast path (plain rows split where they lie) reads exactly what the general path reads.
#![no_main]

use chronolane::io::csv::{self, ColumnMap};
use libfuzzer_sys::fuzz_target;

fn round_trip(input: &str, d: &chronolane::model::Dataset) {
    let out = csv::dataset_to_string(d);
    let (again, _) = csv::parse(&out, "fuzz").unwrap_or_else(|p| {
        panic!("exported CSV does not re-import: {p:?}\ninput: {input:?}\nexported: {out:?}")
    });
    assert_eq!(
        again.events(),
        d.events(),
        "CSV round trip changed the events\ninput: {input:?}\nexported: {out:?}"
    );
    let _ = d.summary();
}

fuzz_target!(|input: &str| {
    assert_eq!(
        csv::parse_with(input, "fuzz", &ColumnMap::default()),
        csv::parse_general(input, "fuzz", &ColumnMap::default()),
        "the fast path and the general path differ\ninput: {input:?}"
    );
    // The first line, when it looks like one, is a `--map` column map; the whole input is also
    // parsed as CSV on its own.
    if let Ok((d, _notes)) = csv::parse(input, "fuzz") {
        round_trip(input, &d);
    }
    if let Some((first, rest)) = input.split_once('\n')
        && let Ok(map) = ColumnMap::parse(first)
        && !map.0.is_empty()
        && let Ok((d, _)) = csv::parse_with(rest, "fuzz", &map)
    {
        round_trip(rest, &d);
    }
});
