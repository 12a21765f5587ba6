//! A Parquet file as a data warehouse hands it out: `tests/formats/warehouse-pyarrow.parquet`,
//! written for this test by pyarrow 26 (Apache Arrow's C++ writer, as pandas uses it) with its own
//! column names, nanosecond timestamps, a date column, lists, three scripts and Snappy. It reads
//! with the CSV reader's column mapping, from the library, the command line and the window's
//! import dialog.

use std::path::{Path, PathBuf};
use std::process::Command;

use chronolane::io::{ColumnMap, load_path_with};
use chronolane::ui::command::Command as UiCommand;

mod common;

const FILE: &str = "tests/formats/warehouse-pyarrow.parquet";
const MAP: &str = "title=event_name,start=happened_at,end=happened_until,theme=category,importance=weight,tags=labels";

fn map() -> ColumnMap {
    ColumnMap::parse(MAP).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn its_columns_map_like_a_spreadsheets_and_its_types_become_dates() {
    let loaded = load_path_with(Path::new(FILE), &map()).unwrap_or_else(|e| panic!("{e}"));
    let d = loaded.dataset;
    assert_eq!(d.events().len(), 4);
    let titles: Vec<&str> = d
        .events()
        .iter()
        .map(chronolane::model::Event::title)
        .collect();
    assert_eq!(
        titles,
        [
            "Treaty of Aigun (Айгунский договор)",
            "Ōtsu incident 大津事件",
            "Landing at Vladivostok",
            "Nikolayevsk incident",
        ],
        "sorted by start"
    );
    let find = |title: &str| {
        d.events()
            .iter()
            .find(|e| e.title() == title)
            .unwrap_or_else(|| panic!("no {title}"))
    };
    // A nanosecond timestamp is the day it falls on (UTC), kept with its time of day.
    let landing = find("Landing at Vladivostok");
    assert_eq!(landing.start().edtf(), "1918-04-05T10:30:00Z");
    assert_eq!(landing.tags(), ["siberia", "marines"]);
    assert_eq!(landing.importance(), 3);
    let nikolayevsk = find("Nikolayevsk incident");
    assert_eq!(
        nikolayevsk
            .end
            .as_ref()
            .map(chronolane::model::HistDate::to_string)
            .as_deref(),
        Some("1920-05-31")
    );
    assert_eq!(nikolayevsk.theme, "war");
    assert!(
        find("Treaty of Aigun (Айгунский договор)")
            .tags()
            .is_empty()
    );
}

#[test]
fn validate_and_export_read_it_from_the_command_line() {
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_chronolane"))
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let out = run(&["validate", FILE]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "its own column names need a map"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warehouse-pyarrow.parquet:1: there is no \"title\" column")
            && stderr.contains("event_name, happened_at, happened_until, category"),
        "{stderr}"
    );
    let out = run(&["validate", FILE, "--map", MAP]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "tests/formats/warehouse-pyarrow.parquet: 4 events in 3 lanes, 1858–1920"
    );
    let out = run(&[
        "export", "csv", "--data", FILE, "--map", MAP, "--theme", "war",
    ]);
    let csv = String::from_utf8_lossy(&out.stdout);
    assert_eq!(csv.lines().count(), 3, "{csv}");
    assert!(
        csv.contains("Nikolayevsk incident,1920-03-12T00:00:00Z,1920-05-31,war,4"),
        "{csv}"
    );
}

#[test]
fn the_window_asks_for_its_columns_then_shows_it() {
    let mut h = common::window_with_fonts(1400.0, 800.0, 12);
    let path = PathBuf::from(FILE);
    h.state_mut().push(UiCommand::Open(path.clone()));
    h.run();
    let dialog = h.state().probe().import.map(|d| d.preview.header.clone());
    let header = dialog.unwrap_or_else(|| panic!("the import dialog asks for the columns"));
    assert_eq!(
        header,
        [
            "event_name",
            "happened_at",
            "happened_until",
            "category",
            "weight",
            "labels"
        ]
    );
    let rows = h.state().probe().import.map_or(0, |d| d.preview.rows.len());
    assert_eq!(rows, 4, "every row in the preview");
    common::open_mapped(&mut h, path, map());
    assert_eq!(h.state().probe().dataset.events().len(), 4);
    assert_eq!(h.state().probe().path, Some(Path::new(FILE)));
}
