//! Loader equivalence: the native JSON reader's fast path (and its lists read in parts on
//! every core) gives exactly the events, notes, problems (lines, fields, messages, order) and
//! skipped rows of the general path, on every JSON file of the repository and on generated
//! event objects with wrong types, odd keys, escapes, numbers for text, nulls and keys given
//! twice.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chronolane::io::{Field, ParseFailure, Parsed, json};
use proptest::prelude::*;

/// Both paths' results for `src`, compared; a short account of the first difference.
fn same_on(src: &str) -> Result<(), String> {
    let fast = json::parse(src);
    let general = json::parse_general(src);
    if fast == general {
        return Ok(());
    }
    Err(format!(
        "the fast path differs from the general path: {}",
        difference(&fast, &general)
    ))
}

fn difference(fast: &Parsed, general: &Parsed) -> String {
    let events = |p: &Parsed| match p {
        Ok((d, _)) => d.events().to_vec(),
        Err(ParseFailure::Partial(p)) => p.dataset.events().to_vec(),
        Err(_) => Vec::new(),
    };
    let (a, b) = (events(fast), events(general));
    if a.len() != b.len() {
        return format!("{} events, not {}", a.len(), b.len());
    }
    if let Some((x, y)) = a.iter().zip(&b).find(|(x, y)| x != y) {
        return format!("event {x:?}, not {y:?}");
    }
    let problems = |p: &Parsed| match p {
        Ok((_, notes)) => notes.clone(),
        Err(f) => f.problems().to_vec(),
    };
    let (a, b) = (problems(fast), problems(general));
    if let Some((x, y)) = a.iter().zip(&b).find(|(x, y)| x != y) {
        return format!("problem {x:?}, not {y:?}");
    }
    if a.len() != b.len() {
        return format!("{} problems, not {}: {a:?} / {b:?}", a.len(), b.len());
    }
    match (fast, general) {
        (Err(ParseFailure::Partial(x)), Err(ParseFailure::Partial(y))) => format!(
            "rows {}/{}, skipped {}/{}, rows csv {:?} / {:?}",
            x.rows, y.rows, x.skipped, y.skipped, x.rows_csv, y.rows_csv
        ),
        _ => "something else (notes, kind of failure)".to_owned(),
    }
}

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            json_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

#[test]
fn every_json_file_reads_the_same_on_both_paths() {
    let mut files = Vec::new();
    for dir in ["tests/bad", "tests/formats", "data", "fuzz/seeds"] {
        json_files(Path::new(dir), &mut files);
    }
    assert!(files.len() > 20, "only {} JSON files found", files.len());
    let mut read = 0;
    for path in &files {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        // (A file in UTF-16 never reaches the JSON reader.)
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        read += 1;
        if let Err(e) = same_on(text) {
            panic!("{}: {e}", path.display());
        }
    }
    assert!(read > 20);
}

#[test]
fn the_default_dataset_takes_the_fast_path_and_gives_its_events() {
    let text = std::fs::read_to_string("data/japan-russia-1778-1922.json").expect("data");
    let (dataset, _) = json::parse(&text).expect("the default dataset reads");
    assert!(dataset.events().len() > 50);
    assert_eq!(same_on(&text), Ok(()));
}

/// The spacing of the cases' objects in a list of `3 * CHUNK + 1000` objects (2 MB), which is
/// read in parts on every core (`src/io/json_stream.rs`: parts of at least 64 KiB, four a
/// thread, the first read from the list's start in batches of 512 objects).
const CHUNK: usize = 8192;

/// An object of the common shape, the `i`th of a list.
fn plain(i: usize) -> String {
    format!(
        "{{\"id\": \"e{i}\", \"title\": \"Event {i}\", \"start\": \"{}\", \"importance\": {}}}",
        1800 + i % 200,
        1 + i % 5
    )
}

/// What replaces some objects of a list of plain ones (by place) in each case of
/// [`events_read_in_chunks_on_two_threads_give_what_one_run_gives`].
fn chunk_cases() -> Vec<(&'static str, Vec<(usize, String)>)> {
    // A dual year is read with a note.
    let noted = |at: usize| {
        format!(
            "{{\"id\": \"n{at}\", \"title\": \"t\", \"start\": \"1{:03}/{}\"}}",
            700 + at % 90,
            (at + 1) % 10
        )
    };
    let without_id = "{\"title\": \"x\", \"start\": \"1900\"}".to_owned();
    let dup = |t: &str| {
        format!(
            "{{\"id\": \"dup\", \"title\": \"{t}\", \"start\": \"1900\", \"links\": [{{\"to\": \"nowhere\", \"kind\": \"after\"}}]}}"
        )
    };
    let in_chunk = |chunk: usize, k: usize| chunk * CHUNK + 50 + k;
    vec![
        ("plain", vec![]),
        (
            "no id in odd chunks and an even one",
            vec![
                (in_chunk(1, 0), without_id.clone()),
                (in_chunk(2, 0), without_id.clone()),
                (in_chunk(3, 7), without_id.clone()),
            ],
        ),
        (
            "ids used twice across chunks",
            vec![
                (in_chunk(0, 0), dup("a")),
                (in_chunk(1, 0), dup("b")),
                (in_chunk(3, 0), dup("c")),
                (in_chunk(3, 1), plain(17)),
            ],
        ),
        (
            "wrong types and not objects in every chunk",
            vec![
                (
                    in_chunk(0, 0),
                    "{\"id\": \"w1\", \"title\": 5, \"start\": \"1855-13\"}".to_owned(),
                ),
                (in_chunk(1, 0), "\"not an event\"".to_owned()),
                (
                    in_chunk(2, 0),
                    "{\"id\": \"w2\", \"title\": \"t\", \"start\": null, \"importance\": 9}"
                        .to_owned(),
                ),
                (in_chunk(3, 0), "[\"a\", \"b\"]".to_owned()),
            ],
        ),
        (
            // (Objects are read 512 at a time: from the list's start, 511 is the last of a
            // batch; the other parts' batches begin where their parts do.)
            "at the edges of the batches read at a time",
            vec![
                (511, without_id.clone()),
                (512, noted(512)),
                (513, dup("a")),
                (in_chunk(1, 461), without_id.clone()),
                (in_chunk(1, 462), noted(in_chunk(1, 462))),
                (in_chunk(2, 461), dup("a")),
                (in_chunk(2, 462), dup("b")),
                (in_chunk(2, 463), "\"not an event\"".to_owned()),
            ],
        ),
        (
            "notes fewer than the limit",
            (0..4)
                .flat_map(|c| (0..4).map(move |k| in_chunk(c, k)))
                .map(|at| (at, noted(at)))
                .collect(),
        ),
        (
            "notes beyond the limit",
            (0..4)
                .flat_map(|c| (0..9).map(move |k| in_chunk(c, k)))
                .map(|at| (at, noted(at)))
                .collect(),
        ),
        (
            "notes beyond the limit in an odd chunk alone",
            (0..25)
                .map(|k| (in_chunk(1, k), noted(in_chunk(1, k))))
                .collect(),
        ),
    ]
}

/// Long lists are read in parts on every core, each part after the first with a checker of its
/// own: plain events with others among them, some without id, some with notes (fewer than the
/// limit in all, or more), ids used twice across parts.
#[test]
fn events_read_in_chunks_on_two_threads_give_what_one_run_gives() {
    let cases = chunk_cases();
    let mut failed = Vec::new();
    for (name, extra) in cases {
        let mut objects: Vec<String> = (0..3 * CHUNK + 1000).map(plain).collect();
        for (at, obj) in extra {
            objects[at] = obj;
        }
        let mut src = String::from("{\"title\": \"chunks\", \"events\": [\n");
        for (i, obj) in objects.iter().enumerate() {
            let sep = if i + 1 < objects.len() { ",\n" } else { "\n" };
            let _ = write!(src, "  {obj}{sep}");
        }
        src.push_str("]}\n");
        if let Err(e) = same_on(&src) {
            failed.push(format!("{name}: {e}"));
        }
    }
    assert!(failed.is_empty(), "{failed:#?}");
}

/// A JSON value that an event's key may hold, as written: text plain or with escapes, numbers
/// of every shape, null, booleans, lists and objects, dates that read, read with a note, or not.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z0-9 ,.:;-]{0,12}".prop_map(|s| format!("\"{s}\"")),
        2 => prop::sample::select(vec![
            "\"1855\"", "\"1855-02-07\"", "\"1855-02-30\"", "\"7 Feb 1855\"", "\"c. 383\"",
            "\"1705/6\"", "\"55 BC\"", "\"Between 1850 and 1853\"", "\"1850/1853\"", "\"ongoing\"",
            "\"soon\"", "\"  1900  \"", "\"\"", "\"   \"", "\"julian\"", "\"war\"",
        ]).prop_map(str::to_owned),
        1 => prop::sample::select(vec![
            "\"a\\nb\"", "\"\\u00e9t\\u00e9\"", "\"quote \\\" in\"", "\"\\ud83d\\ude00\"",
            "\"back\\\\slash\"", "\"18\\u0035\\u0035\"", "\"tab\\there\"", "\"日露戦争\"",
        ]).prop_map(str::to_owned),
        2 => prop::sample::select(vec![
            "0", "3", "7", "1855", "-2", "-0", "1.5", "3.0", "1e3", "2E-2", "-1.25e+2",
            "12345678901234567890", "1234567890123456789", "99999999999999999999999",
        ]).prop_map(str::to_owned),
        1 => prop::sample::select(vec![
            "null", "true", "false", "[]", "{}", "[\"a\", \"b\"]", "[1, 2]", "{\"en\": \"x\"}",
            "{\"ja\": \"日露戦争\", \"fr\": \" \"}", "[{\"to\": \"a\", \"kind\": \"after\"}]",
            "[{\"to\": \"zz\"}]", "[\"Source\", {\"title\": \"T\", \"url\": \"https://x.org\"}]",
            "[{\"url\": \"u\"}]", "[{\"to\": \"a\", \"kind\": \"x\", \"extra\": 1}]",
        ]).prop_map(str::to_owned),
    ]
}

/// A key of an event object: its fields, the same written with an escape or another case,
/// and keys it does not know.
fn key() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        8 => prop::sample::select(vec![
            "id", "title", "start", "end", "theme", "importance", "place", "description",
            "sources", "tags", "display_date", "born", "died", "links", "names", "calendar",
        ]),
        1 => prop::sample::select(vec![
            "ti\\u0074le", "\\u0073tart", "Title", "START", "", "x", "id ", "note\\n",
        ]),
    ]
}

/// Whitespace between tokens, newlines included, so that lines differ field by field.
fn space() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["", " ", "\n", "\n  ", "\r\n", "\t"])
}

/// One element of the events list: mostly objects whose keys may repeat, sometimes another
/// value.
fn element() -> impl Strategy<Value = String> {
    let object =
        proptest::collection::vec((space(), key(), space(), value()), 0..9).prop_map(|fields| {
            let body: Vec<String> = fields
                .into_iter()
                .map(|(s1, k, s2, v)| format!("{s1}\"{k}\":{s2}{v}"))
                .collect();
            format!("{{{}}}", body.join(","))
        });
    prop_oneof![
        9 => object,
        1 => value(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn generated_event_objects_read_the_same_on_both_paths(
        elements in proptest::collection::vec((space(), element()), 0..10),
        theme in proptest::option::of(prop::sample::select(vec!["war", "events", "x"])),
    ) {
        let themes = theme.map_or(String::new(), |t| {
            format!("\"themes\": [{{\"id\": \"{t}\", \"color\": \"#112233\"}}],\n")
        });
        let list: Vec<String> = elements.into_iter().map(|(s, e)| format!("{s}{e}")).collect();
        let src = format!("{{\"title\": \"t\",\n{themes}\"events\": [{}\n]}}\n", list.join(",\n"));
        prop_assert_eq!(same_on(&src), Ok(()), "{}", src);
    }
}

/// The value of an event's key in objects of the common shapes, or `None` for no key: mostly
/// what reads without a problem (`Some` of a plain date, a digit), and next to it what does
/// not, or reads another way (blank, padded, out of range, a number for text, an escape).
fn common_value(field: &'static str) -> impl Strategy<Value = Option<&'static str>> {
    let values: Vec<&'static str> = match field {
        "id" => vec![
            "\"e1\"", "\"e2\"", "\" e3 \"", "\"\"", "\"  \"", "1855", "null",
        ],
        "title" => vec![
            "\"Treaty\"",
            "\" Treaty \"",
            "\"\"",
            "null",
            "\"a\\nb\"",
            "\"日露\"",
        ],
        "start" | "end" => vec![
            "\"1855\"",
            "\"1855-02\"",
            "\"1855-02-07\"",
            "\" 1900 \"",
            "\"\"",
            "\"  \"",
            "\"1855-13\"",
            "\"c. 383\"",
            "1855",
            "null",
            "\"1850\"",
            "\"-0500\"",
            "\"1905-09-05\"",
        ],
        "importance" => vec![
            "3", "\"3\"", "\" 4 \"", "0", "7", "\"\"", "null", "\"x\"", "1.5",
        ],
        "theme" => vec!["\"war\"", "\" war \"", "\"\"", "null", "\"new\""],
        _ => vec!["\"Shimoda\"", "\" p \"", "\"\"", "\"  \"", "null", "2"],
    };
    prop_oneof![
        1 => Just(None),
        4 => prop::sample::select(values).prop_map(Some),
    ]
}

/// One more key an object of the common shapes may have: a field the fast path does not read
/// (with a value or null) or a key nobody reads.
fn other_key() -> impl Strategy<Value = Option<(&'static str, &'static str)>> {
    proptest::option::of(prop::sample::select(vec![
        ("display_date", "\"1855\""),
        ("display_date", "null"),
        ("born", "null"),
        ("died", "\"1900\""),
        ("calendar", "\"\""),
        ("calendar", "\"julian\""),
        ("x", "1"),
        ("note", "\"kept nowhere\""),
        ("tags", "[]"),
    ]))
}

fn common_object() -> impl Strategy<Value = String> {
    // The fields the fast path reads: the first eight columns Chronolane writes.
    let names = Field::names();
    let fields: [&str; 8] = std::array::from_fn(|i| names[i]);
    (fields.map(common_value), other_key(), any::<u64>(), space()).prop_map(
        move |(values, other, order, space)| {
            let mut keys: Vec<String> = fields
                .iter()
                .zip(values)
                .filter_map(|(k, v)| Some(format!("\"{k}\":{space}{}", v?)))
                .chain(other.map(|(k, v)| format!("\"{k}\": {v}")))
                .collect();
            // The keys in any order: the fields are read by name.
            let n = keys.len().max(1);
            keys.rotate_left(order as usize % n);
            if order % 3 == 0 {
                keys.reverse();
            }
            format!("{{{}}}", keys.join(&format!(",{space}")))
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Objects that mostly say only what the fast path reads, as a big file's events do: those
    /// of the common shapes become their events at once, the others go the general way, and
    /// either way the events, problems and lines are the general path's.
    #[test]
    fn objects_of_the_common_shapes_read_the_same_on_both_paths(
        objects in proptest::collection::vec(common_object(), 1..12),
    ) {
        let src = format!(
            "{{\"title\": \"t\",\n\"themes\": [{{\"id\": \"war\", \"color\": \"#112233\"}}],\n\"events\": [\n{}\n]}}\n",
            objects.join(",\n")
        );
        prop_assert_eq!(same_on(&src), Ok(()), "{}", src);
    }
}

/// A value of a top-level key: nothing unusual, lists of events short and long (read in parts
/// on every core), and what is not a list of events.
fn top_value() -> impl Strategy<Value = String> {
    let events = |n: usize| {
        let objects: Vec<String> = (0..n)
            .map(|i| {
                format!(
                    "{{\"id\": \"e{}\", \"title\": \"Event {i}\", \"start\": \"{}\"}}",
                    i % (n - n / 50).max(1),
                    1800 + i % 200
                )
            })
            .collect();
        format!("[{}]", objects.join(",\n"))
    };
    prop_oneof![
        prop::sample::select(vec![
            "null",
            "\"A title\"",
            "[]",
            "{}",
            "3",
            "[{\"id\": \"war\"}]",
            "[{\"id\": \"a\", \"title\": \"t\", \"start\": \"1855\"}, \"not an event\"]",
            "[{\"id\": \"a\", \"title\": \"t\", \"start\": \"1855\"},]",
        ])
        .prop_map(str::to_owned),
        prop::sample::select(vec![3, 8192, 8193, 2 * 8192 + 7]).prop_map(events),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// The file's top-level keys in any order, given twice, written with an escape, unknown, or
    /// with values of the wrong type: the events read while serde reads the file give what one
    /// reading of the whole file gives, problems and refusals included.
    #[test]
    fn top_level_keys_in_any_order_read_the_same_on_both_paths(
        keys in proptest::collection::vec(
            (
                prop::sample::select(vec![
                    "title", "description", "sources", "themes", "eras", "events", "events",
                    "ev\\u0065nts", "Events", "x",
                ]),
                top_value(),
            ),
            0..5,
        ),
        trailing in prop::sample::select(vec!["", "\n", " x", "{}"]),
    ) {
        let body: Vec<String> = keys.iter().map(|(k, v)| format!("\"{k}\": {v}")).collect();
        let src = format!("{{{}}}{trailing}", body.join(",\n"));
        let shown = src.chars().take(400).collect::<String>();
        prop_assert_eq!(same_on(&src), Ok(()), "{}", shown);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// A list long enough to be read in parts on every core, a few of its bytes changed
    /// anywhere (into what breaks the JSON or only a value, an object's end, a part's first
    /// object): what the fast path reads or refuses is what one reading with serde does.
    #[test]
    fn a_long_list_with_bytes_changed_reads_the_same_on_both_paths(
        edits in proptest::collection::vec(
            (
                any::<prop::sample::Index>(),
                prop::sample::select(vec![
                    "", "{", "}", "\"", "\\", ",", ":", "]", "[", " ", "\u{1}", "0", "-", "n",
                    "}, {\"id\": \"x\"", "\"importance\": 3, ",
                ]),
            ),
            1..3,
        ),
    ) {
        let objects: Vec<String> = (0..3000).map(plain).collect();
        let mut src = format!("{{\"title\": \"parts\", \"events\": [\n  {}\n]}}\n", objects.join(",\n  "));
        for (at, text) in edits {
            let mut i = at.index(src.len());
            while !src.is_char_boundary(i) {
                i -= 1;
            }
            // Replaces one byte (or character) with the text.
            let end = src[i..].chars().next().map_or(i, |c| i + c.len_utf8());
            src.replace_range(i..end, text);
        }
        prop_assert_eq!(same_on(&src), Ok(()), "{}", src.chars().take(300).collect::<String>());
    }
}
