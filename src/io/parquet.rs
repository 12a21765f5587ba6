//! Parquet files (what Spark, `DuckDB`, Polars and pandas write), read as a table: the top-level
//! column names and each row's values as text, written as CSV, so that the CSV reader's column
//! mapping, checks and import dialog read them exactly as they read a spreadsheet. Dates become
//! EDTF days (`1855-02-07`), timestamps EDTF date-times in UTC (`1855-02-07T10:30:00Z`), lists
//! `a;b` (as Chronolane's CSV writes tags), nulls empty cells. Line numbers in problems count
//! the column names as line 1, as in a CSV file: line 2 is the first row.

use bytes::Bytes;
use parquet::basic::{LogicalType, TimeUnit};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;

use crate::model::CivilDate;
use crate::model::date::edtf_year;

use super::{Problem, ProblemKind};

/// The four bytes a Parquet file begins (and ends) with.
pub const MAGIC: &[u8] = b"PAR1";

/// Whether these are the first bytes of a Parquet file.
pub fn is_parquet(head: &[u8]) -> bool {
    head.starts_with(MAGIC)
}

/// The table of a Parquet file as CSV text: a header of its column names, then its rows (the
/// first `max_rows` of them when given).
pub fn to_csv(bytes: &[u8], max_rows: Option<usize>) -> Result<String, Problem> {
    profiling::function_scope!();
    let reader =
        SerializedFileReader::new(Bytes::copy_from_slice(bytes)).map_err(|e| unreadable(&e))?;
    table_csv(&reader, max_rows)
}

/// [`to_csv`] from a file, reading only what the first `max_rows` rows need (the import
/// dialog's preview of a large file).
pub fn file_to_csv(file: std::fs::File, max_rows: Option<usize>) -> Result<String, Problem> {
    let reader = SerializedFileReader::new(file).map_err(|e| unreadable(&e))?;
    table_csv(&reader, max_rows)
}

fn table_csv(reader: &dyn FileReader, max_rows: Option<usize>) -> Result<String, Problem> {
    let schema = reader.metadata().file_metadata().schema_descr();
    let fields = schema.root_schema().get_fields();
    let names: Vec<&str> = fields.iter().map(|f| f.name()).collect();
    // Nanosecond timestamps (pandas' own) come out of the record reader as plain numbers.
    let nanos: Vec<bool> = fields
        .iter()
        .map(|f| {
            matches!(
                f.get_basic_info().logical_type_ref(),
                Some(LogicalType::Timestamp(t)) if t.unit == TimeUnit::NANOS
            )
        })
        .collect();
    let mut out = ::csv::WriterBuilder::new()
        .flexible(false)
        .from_writer(Vec::new());
    out.write_record(&names).map_err(|e| written(&e))?;
    let rows = reader.get_row_iter(None).map_err(|e| unreadable(&e))?;
    let mut cells: Vec<String> = Vec::with_capacity(names.len());
    for (n, row) in rows.enumerate() {
        if max_rows.is_some_and(|m| n >= m) {
            break;
        }
        let row = row.map_err(|e| {
            Problem::at(
                n + 2,
                ProblemKind::Syntax,
                format!("the row cannot be read: {e}"),
            )
        })?;
        cells.clear();
        cells.extend(
            row.get_column_iter()
                .zip(&nanos)
                .map(|((_, field), &ns)| match field {
                    Field::Long(n) if ns => timestamp(
                        n.div_euclid(1_000_000_000),
                        n.rem_euclid(1_000_000_000) / 1000,
                    ),
                    _ => text(field),
                }),
        );
        out.write_record(&cells).map_err(|e| written(&e))?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| written(&e.into_error().into()))?;
    String::from_utf8(bytes).map_err(|_| {
        Problem::whole(
            ProblemKind::Encoding,
            "a text column of the Parquet file is not UTF-8",
        )
    })
}

/// A value as the text a CSV cell would hold.
fn text(field: &Field) -> String {
    match field {
        Field::Null => String::new(),
        Field::Str(s) => s.clone(),
        Field::Bytes(b) => String::from_utf8_lossy(b.data()).into_owned(),
        Field::Date(days) => day(i64::from(*days)),
        Field::TimestampMillis(ms) => timestamp(ms.div_euclid(1000), ms.rem_euclid(1000) * 1000),
        Field::TimestampMicros(us) => timestamp(us.div_euclid(1_000_000), us.rem_euclid(1_000_000)),
        Field::ListInternal(list) => {
            let items: Vec<String> = list.elements().iter().map(text).collect();
            super::csv::join_escaped(&items, super::csv::TAG_SEP, "")
        }
        Field::Bool(b) => b.to_string(),
        Field::Byte(n) => n.to_string(),
        Field::Short(n) => n.to_string(),
        Field::Int(n) => n.to_string(),
        Field::Long(n) => n.to_string(),
        Field::UByte(n) => n.to_string(),
        Field::UShort(n) => n.to_string(),
        Field::UInt(n) => n.to_string(),
        Field::ULong(n) => n.to_string(),
        Field::Float(x) => x.to_string(),
        Field::Double(x) => x.to_string(),
        // Decimals, half floats, times of day, structs and maps: as the library writes them.
        other => other.to_string(),
    }
}

/// A day number (days since 1970-01-01) as an EDTF day: `1855-02-07`, `-0054-03-15`.
fn day(days: i64) -> String {
    let d = CivilDate::from_days(days);
    format!("{}-{:02}-{:02}", edtf_year(d.year), d.month, d.day)
}

/// Seconds since 1970-01-01T00:00:00Z and microseconds as an EDTF date-time in UTC.
fn timestamp(seconds: i64, micros: i64) -> String {
    let (days, in_day) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (h, m, s) = (in_day / 3600, in_day / 60 % 60, in_day % 60);
    let fraction = if micros == 0 {
        String::new()
    } else {
        format!(".{micros:06}").trim_end_matches('0').to_owned()
    };
    format!("{}T{h:02}:{m:02}:{s:02}{fraction}Z", day(days))
}

fn unreadable(e: &parquet::errors::ParquetError) -> Problem {
    Problem::whole(
        ProblemKind::Syntax,
        format!("the Parquet file cannot be read: {e}"),
    )
}

fn written(e: &::csv::Error) -> Problem {
    Problem::whole(
        ProblemKind::Syntax,
        format!("the table cannot be read: {e}"),
    )
}

#[cfg(test)]
#[path = "parquet_tests.rs"]
mod tests;
