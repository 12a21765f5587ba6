//! Tests for Parquet tables: files written here with the parquet crate's own writer (typed
//! columns, nulls, Snappy and zstd), read through the CSV reader's mapping and checks.

use std::sync::Arc;

use parquet::basic::{Compression, ZstdLevel};
use parquet::data_type::{ByteArray, ByteArrayType, Int32Type, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;

use super::*;
use crate::io::{LoadError, load_bytes};

const SCHEMA: &str = "message events {
    REQUIRED BYTE_ARRAY title (UTF8);
    OPTIONAL INT32 start (DATE);
    OPTIONAL INT64 end (TIMESTAMP(MILLIS,true));
    OPTIONAL BYTE_ARRAY theme (UTF8);
    OPTIONAL INT32 importance;
}";

/// The value, or the test fails with the parquet crate's error.
fn ok<T>(r: parquet::errors::Result<T>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

/// Days since 1970-01-01 of a civil date.
fn days(y: i64, m: u8, d: u8) -> i32 {
    i32::try_from(CivilDate::new(y, m, d).days()).unwrap_or(i32::MIN)
}

/// A Parquet file of four events as pandas or `DuckDB` would write it: a required text column,
/// a DATE column, a millisecond TIMESTAMP column, text and integers, some values null.
fn events_file(compression: Compression) -> Vec<u8> {
    let schema = Arc::new(parse_message_type(SCHEMA).unwrap_or_else(|e| panic!("{e}")));
    let props = Arc::new(
        WriterProperties::builder()
            .set_compression(compression)
            .build(),
    );
    let mut buf = Vec::new();
    let mut writer =
        SerializedFileWriter::new(&mut buf, schema, props).unwrap_or_else(|e| panic!("{e}"));
    let mut group = writer.next_row_group().unwrap_or_else(|e| panic!("{e}"));
    let titles: Vec<ByteArray> = [
        "Treaty of Shimoda",
        "Russo-Japanese War",
        "Ōtsu incident",
        "No date",
    ]
    .into_iter()
    .map(ByteArray::from)
    .collect();
    let mut column = |write: &dyn Fn(&mut parquet::file::writer::SerializedColumnWriter<'_>)| {
        let mut c = group
            .next_column()
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|| panic!("no column left"));
        write(&mut c);
        c.close().unwrap_or_else(|e| panic!("{e}"));
    };
    column(&|c| {
        ok(c.typed::<ByteArrayType>().write_batch(&titles, None, None));
    });
    column(&|c| {
        let starts = [days(1855, 2, 7), days(1904, 2, 8), days(1891, 5, 11)];
        ok(c.typed::<Int32Type>()
            .write_batch(&starts, Some(&[1, 1, 1, 0]), None));
    });
    column(&|c| {
        // The war ended on 5 September 1905 at 15:47:30.250 UTC.
        let end =
            i64::from(days(1905, 9, 5)) * 86_400_000 + (15 * 3600 + 47 * 60 + 30) * 1000 + 250;
        ok(c.typed::<Int64Type>()
            .write_batch(&[end], Some(&[0, 1, 0, 0]), None));
    });
    column(&|c| {
        let themes: Vec<ByteArray> = ["diplomacy", "war"]
            .into_iter()
            .map(ByteArray::from)
            .collect();
        ok(c.typed::<ByteArrayType>()
            .write_batch(&themes, Some(&[1, 1, 0, 0]), None));
    });
    column(&|c| {
        ok(c.typed::<Int32Type>()
            .write_batch(&[5, 5, 3, 1], Some(&[1, 1, 1, 1]), None));
    });
    group.close().unwrap_or_else(|e| panic!("{e}"));
    writer.close().unwrap_or_else(|e| panic!("{e}"));
    buf
}

#[test]
fn a_table_reads_as_csv_with_edtf_days_and_utc_date_times() {
    let bytes = events_file(Compression::SNAPPY);
    assert!(is_parquet(&bytes));
    let csv = to_csv(&bytes, None).unwrap_or_else(|p| panic!("{}", p.message));
    assert_eq!(
        csv,
        "title,start,end,theme,importance\n\
         Treaty of Shimoda,1855-02-07,,diplomacy,5\n\
         Russo-Japanese War,1904-02-08,1905-09-05T15:47:30.25Z,war,5\n\
         Ōtsu incident,1891-05-11,,,3\n\
         No date,,,,1\n"
    );
    let first_two = to_csv(&bytes, Some(2)).unwrap_or_else(|p| panic!("{}", p.message));
    assert_eq!(first_two.lines().count(), 3, "the header and two rows");
}

#[test]
fn a_parquet_file_opens_like_a_spreadsheet_and_names_the_row_at_fault() {
    let bytes = events_file(Compression::ZSTD(ZstdLevel::default()));
    match load_bytes(&bytes, "events.parquet", "events") {
        Err(LoadError::Partial { path, partial }) => {
            assert_eq!(path, "events.parquet");
            assert_eq!((partial.rows, partial.skipped), (4, 1));
            // The fourth row has no start: line 5, the column names being line 1.
            let shown: Vec<String> = partial.problems.iter().map(|p| p.located(&path)).collect();
            assert!(
                shown
                    .iter()
                    .any(|p| p.starts_with("events.parquet:5:") && p.contains("start")),
                "{shown:#?}"
            );
        }
        other => panic!("the row without a start is a problem: {other:?}"),
    }
    // The first three rows alone read whole.
    let good = to_csv(&bytes, Some(3)).unwrap_or_else(|p| panic!("{}", p.message));
    let loaded =
        load_bytes(good.as_bytes(), "events.csv", "events").unwrap_or_else(|e| panic!("{e}"));
    let d = loaded.dataset;
    assert_eq!(d.events().len(), 3);
    let war = d
        .events()
        .iter()
        .find(|e| e.title() == "Russo-Japanese War")
        .unwrap_or_else(|| panic!("no war"));
    assert_eq!(war.start().edtf(), "1904-02-08");
    assert_eq!(
        war.end.as_ref().map(|e| e.axis_start().floor()),
        Some(CivilDate::new(1905, 9, 5).days() as f64),
        "the end is the day of the timestamp"
    );
}

#[test]
fn days_and_times_before_1970_and_before_the_common_era() {
    assert_eq!(day(0), "1970-01-01");
    assert_eq!(day(i64::from(days(1855, 2, 7))), "1855-02-07");
    assert_eq!(day(CivilDate::new(-54, 3, 15).days()), "-0054-03-15");
    assert_eq!(timestamp(-1, 0), "1969-12-31T23:59:59Z");
    assert_eq!(timestamp(0, 500_000), "1970-01-01T00:00:00.5Z");
}

#[test]
fn a_file_that_only_begins_like_parquet_says_so() {
    let mut bytes = b"PAR1".to_vec();
    bytes.extend_from_slice(b"title,start\nnot really parquet,1855\n");
    let problem = to_csv(&bytes, None)
        .err()
        .unwrap_or_else(|| panic!("read as Parquet"));
    assert!(
        problem
            .message
            .starts_with("the Parquet file cannot be read"),
        "{}",
        problem.message
    );
    assert!(matches!(
        load_bytes(&bytes, "odd.parquet", "odd"),
        Err(LoadError::Invalid { .. })
    ));
}
