//! Tests for reading a CSV file a piece at a time: what it gives is what the whole text gives.

use std::fmt::Write as _;
use std::io::Cursor;

use proptest::prelude::*;

use super::*;
use crate::io::csv::parse_progress;
use crate::io::{ParseFailure, Parsed, Problem, decode_text};

const TINY: Sizes = Sizes {
    first: 64,
    piece: 7,
    more: 3,
};

/// The `len` bytes of `file` (`t.csv`), opened with pieces of `sizes`.
fn open(
    file: &mut impl Read,
    len: usize,
    progress: &Progress,
    sizes: Sizes,
) -> Result<Opening, LoadError> {
    let path = Path::new("t.csv");
    let map = ColumnMap::default();
    open_sized(file, len as u64, path, "t", &map, progress, sizes)
}

/// `bytes` read a piece at a time with `sizes`: what their rows give (or the load's error),
/// `None` when they are not read so.
fn streamed(bytes: &[u8], sizes: Sizes) -> Option<Result<Parsed, LoadError>> {
    match open(
        &mut Cursor::new(bytes),
        bytes.len(),
        &Progress::new(),
        sizes,
    ) {
        Ok(Opening::Read(parsed)) => Some(Ok(*parsed)),
        Ok(Opening::Bytes(first)) => {
            assert_eq!(first, bytes[..first.len()], "the first bytes handed back");
            assert_eq!(first.len(), bytes.len().min(sizes.first));
            None
        }
        Err(e) => Some(Err(e)),
    }
}

/// `bytes` read whole, as a file that is not read a piece at a time is.
fn whole(bytes: &[u8]) -> Result<Parsed, Problem> {
    decode_text(bytes).map(|text| parse_progress(text, "t", &ColumnMap::default(), &|_| true))
}

/// Whether both readings agree, the stream's encoding problem included; false when the
/// bytes were not read a piece at a time.
fn same_both_ways(bytes: &[u8], sizes: Sizes) -> bool {
    let Some(stream) = streamed(bytes, sizes) else {
        return false;
    };
    match (stream, whole(bytes)) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{sizes:?}"),
        (Err(LoadError::Invalid { problems, .. }), Err(problem)) => {
            assert_eq!(problems, vec![problem], "{sizes:?}");
        }
        (a, b) => panic!("{sizes:?}: streamed {a:?}, whole {b:?}"),
    }
    true
}

#[test]
fn every_csv_file_of_the_corpora_reads_the_same_in_pieces() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut compared = std::collections::BTreeSet::new();
    for dir in ["tests/bad", "tests/formats", "tests/skip"] {
        let entries = std::fs::read_dir(root.join(dir)).expect("the corpus");
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            for sizes in [TINY, Sizes { piece: 1, ..TINY }, SIZES] {
                if same_both_ways(&bytes, sizes) {
                    compared.insert(path.file_name().map(|n| n.to_string_lossy().into_owned()));
                }
            }
        }
    }
    let compared: Vec<_> = compared.into_iter().flatten().collect();
    // Rows that are not read, bad dates, duplicate ids, a quote never closed, other tools'
    // columns. (A file not UTF-8 in its first bytes is read whole; see the test below.)
    for file in [
        "many-problems.csv",
        "ragged-rows.csv",
        "duplicate-ids.csv",
        "unterminated-quote.csv",
        "chronicle-98-rows.csv",
        "lives.csv",
        "wikidata-query.csv",
    ] {
        assert!(
            compared.iter().any(|c| c == file),
            "{file} not in {compared:?}"
        );
    }
}

#[test]
fn bytes_that_stop_being_text_are_named_on_the_line_the_whole_file_names() {
    let mut bytes = b"\xEF\xBB\xBFid,title,start\n".to_vec();
    for i in 0..40 {
        bytes.extend(format!("e{i},\"Two\nlines\",18{i:02}\n").as_bytes());
    }
    bytes.extend(b"bad,Caf\xE9,1900\n");
    let Some(Err(LoadError::Invalid { problems, .. })) = streamed(&bytes, TINY) else {
        panic!("not refused");
    };
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].line, Some(82));
    assert!(same_both_ways(&bytes, TINY));
}

#[test]
fn what_is_not_a_plain_csv_header_is_read_whole() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for file in [
        "tests/formats/timelinejs-sheet.csv",
        "tests/formats/wikidata-query-sparql.tsv",
        "tests/formats/warehouse-pyarrow.parquet",
        "tests/formats/vis-html.json",
        "tests/bad/utf16.csv",
    ] {
        let bytes = std::fs::read(root.join(file)).expect("the corpus");
        assert!(streamed(&bytes, SIZES).is_none(), "{file}");
    }
    // A header longer than the bytes read first.
    let long = format!("id,title,start,{}\n1,a,1900,x\n", "x".repeat(100));
    assert!(streamed(long.as_bytes(), TINY).is_none());
    assert!(streamed(long.as_bytes(), SIZES).is_some());
}

#[test]
fn a_cancelled_reading_stops() {
    let bytes = "id,title,start\n1,a,1900\n2,b,1901\n".repeat(10);
    let progress = Progress::new();
    progress.cancel();
    let opening = open(
        &mut Cursor::new(bytes.as_bytes()),
        bytes.len(),
        &progress,
        TINY,
    );
    assert!(matches!(opening, Err(LoadError::Cancelled { .. })));
}

/// Bytes that cancel the load once half of them are read, as Cancel pressed meanwhile.
struct CancelHalfway<'p> {
    bytes: Cursor<Vec<u8>>,
    progress: &'p Progress,
}

impl Read for CancelHalfway<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.bytes.position() * 2 >= self.bytes.get_ref().len() as u64 {
            self.progress.cancel();
        }
        self.bytes.read(buf)
    }
}

#[test]
fn cancel_pressed_while_the_file_is_read_stops_both_threads() {
    let mut text = String::from("id,title,start\n");
    for i in 0..2000 {
        let _ = writeln!(text, "e{i},Title {i},1900");
    }
    let progress = Progress::new();
    let mut file = CancelHalfway {
        bytes: Cursor::new(text.clone().into_bytes()),
        progress: &progress,
    };
    let sizes = Sizes {
        first: 64,
        piece: 200,
        more: 16,
    };
    let opening = open(&mut file, text.len(), &progress, sizes);
    assert!(matches!(opening, Err(LoadError::Cancelled { .. })));
    // Not cancelled, the same bytes open whole.
    let Some(Ok(Ok((dataset, _)))) = streamed(text.as_bytes(), sizes) else {
        panic!("not opened");
    };
    assert_eq!(dataset.events().len(), 2000);
}

#[test]
fn pieces_end_after_whole_rows_and_number_their_lines_on() {
    let text = "1,\"a\nb\",1900\n2,c,1901\n3,d,1902";
    let mut stream = Stream {
        file: &mut Cursor::new(text.as_bytes()),
        buf: Vec::new(),
        read: 0,
        eof: false,
        sizes: Sizes { piece: 1, ..TINY },
        scan: QuoteScan::new(b','),
    };
    let mut pieces = Vec::new();
    let read = read_pieces(&mut stream, "id,title,start\n", Path::new("t.csv"), |p| {
        pieces.push((p.text.to_string(), p.first_line));
        true
    });
    assert!(read.is_ok());
    assert_eq!(
        pieces,
        [
            ("1,\"a\nb\",1900\n".to_owned(), 2),
            ("2,c,1901\n".to_owned(), 4),
            ("3,d,1902".to_owned(), 5)
        ]
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Random rows (quotes, line breaks, bad dates, a stray byte that is not UTF-8 now and
    /// then) read in random pieces give what the whole text gives.
    #[test]
    fn random_rows_read_in_pieces_give_what_the_whole_text_gives(
        rows in proptest::collection::vec(
            ("[a-c\"\r\n,é]{0,6}", "1[89][0-9][0-9]|[0-9x\"]{1,4}", "[a-c\n\"]{0,3}"),
            0..30,
        ),
        stray in proptest::option::of(0usize..400),
        piece in 1usize..40,
        first in 16usize..80,
        more in 1usize..8,
    ) {
        let mut bytes = b"id,title,start,theme\n".to_vec();
        for (i, (title, start, theme)) in rows.iter().enumerate() {
            bytes.extend(format!("e{i},{title},{start},{theme}\n").as_bytes());
        }
        if let Some(at) = stray {
            let at = at.min(bytes.len());
            bytes.insert(at, 0xFF);
        }
        let sizes = Sizes { first, piece, more };
        if let Some(stream) = streamed(&bytes, sizes) {
            match (stream, whole(&bytes)) {
                (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
                (Err(LoadError::Invalid { problems, .. }), Err(problem)) => {
                    prop_assert_eq!(problems, vec![problem]);
                }
                (Err(LoadError::Invalid { problems, .. }), Ok(Err(ParseFailure::Invalid(p)))) => {
                    prop_assert!(false, "streamed {:?}, whole {:?}", problems, p);
                }
                (a, b) => prop_assert!(false, "streamed {:?}, whole {:?}", a, b),
            }
        }
    }
}
