//! `chronolane export counts`, run as a user runs it: the counts per period and lane add up to
//! the events `export csv` shows with the same filters.

mod common;

use common::cli::{run, text};

use std::collections::BTreeMap;

/// Events per theme in the CSV of `export csv` with these arguments.
fn shown_per_theme(filters: &[&str]) -> BTreeMap<String, u64> {
    let o = run(&[&["export", "csv"], filters].concat());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let mut reader = csv::Reader::from_reader(o.stdout.as_slice());
    let headers = reader.headers().cloned().unwrap_or_default();
    let theme = headers.iter().position(|h| h == "theme");
    let mut per = BTreeMap::new();
    for row in reader.records().flatten() {
        if let Some(t) = theme.and_then(|i| row.get(i)) {
            *per.entry(t.to_owned()).or_insert(0) += 1;
        }
    }
    per
}

/// The counts' header and their sums per lane column.
fn counted_per_lane(args: &[&str]) -> (Vec<String>, BTreeMap<String, u64>) {
    let o = run(&[&["export", "counts"], args].concat());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let mut reader = csv::Reader::from_reader(o.stdout.as_slice());
    let headers: Vec<String> = reader
        .headers()
        .map(|h| h.iter().map(str::to_owned).collect())
        .unwrap_or_default();
    let mut sums = BTreeMap::new();
    for row in reader.records() {
        let row = row.unwrap_or_else(|e| panic!("bad row: {e}"));
        for (h, cell) in headers.iter().zip(row.iter()).skip(2) {
            let n: u64 = cell.parse().unwrap_or_else(|e| panic!("{cell}: {e}"));
            *sums.entry(h.clone()).or_insert(0) += n;
        }
    }
    (headers, sums)
}

#[test]
fn counts_of_the_embedded_dataset_by_decade_add_up_to_the_events_shown_per_lane() {
    let (headers, sums) = counted_per_lane(&["--bin", "decade"]);
    assert_eq!(
        headers,
        [
            "period_start",
            "period_end",
            "diplomacy",
            "war",
            "territory"
        ]
    );
    let shown = shown_per_theme(&[]);
    assert_eq!(sums, shown);
    assert!(shown.values().sum::<u64>() >= 60);
    let o = run(&["export", "counts", "--bin", "decade"]);
    let out = text(&o.stdout);
    // A decade's row: its first and last year.
    assert!(out.contains("\n1900,1909,"), "{out}");
}

#[test]
fn counts_follow_the_filters_of_export_csv() {
    for filters in [
        &["--from", "1855", "--to", "1905-06"][..],
        &["--theme", "war", "--theme", "territory"],
        &["--search", "treaty"],
    ] {
        let (headers, sums) = counted_per_lane(&[&["--bin", "year"], filters].concat());
        // A column per shown lane, even where it counts nothing.
        let shown = shown_per_theme(filters);
        let nonzero: BTreeMap<String, u64> = sums
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(k, n)| (k.clone(), *n))
            .collect();
        assert_eq!(nonzero, shown, "{filters:?}");
        if filters[0] == "--theme" {
            assert_eq!(headers[2..], ["war", "territory"]);
        }
    }
}

#[test]
fn counts_to_a_file_atomically_and_bad_bins_exit_2() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("counts.csv");
    let p = path.to_string_lossy().into_owned();
    let o = run(&["export", "counts", "--bin", "century", "-o", &p]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stderr).starts_with("wrote 3 periods × 3 lanes to "));
    let written = std::fs::read_to_string(&path)?;
    assert!(written.starts_with("period_start,period_end,diplomacy,war,territory\n1700,1799,"));
    assert_eq!(std::fs::read_dir(dir.path())?.count(), 1);
    let o = run(&["export", "counts", "--bin", "week"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("give year, decade, century or auto"));
    Ok(())
}
