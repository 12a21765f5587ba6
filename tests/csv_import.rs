//! CSV from anywhere: other tools' column names, semicolons and tabs, bare links, and the notes
//! that say how each column was read.

use std::fmt::Write as _;

use chronolane::io::load_bytes;
use chronolane::model::{Event, HistDate};

fn load(text: &str) -> chronolane::io::Loaded {
    load_bytes(text.as_bytes(), "mine.csv", "mine").unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn common_header_names_are_recognised() {
    let l = load(
        "Headline,Date,End_Date,Group,Notes,Link,Location,Weight\n\
         Treaty of Shimoda,7 Feb 1855,,diplomacy,Borders agreed,https://en.wikipedia.org/wiki/Treaty_of_Shimoda,Shimoda,5\n",
    );
    let e = &l.dataset.events()[0];
    assert_eq!(e.title(), "Treaty of Shimoda");
    assert_eq!(e.start().edtf(), "1855-02-07");
    assert_eq!(e.theme, "diplomacy");
    assert_eq!(e.description(), "Borders agreed");
    assert_eq!(e.place(), Some("Shimoda"));
    assert_eq!(e.importance(), 5);
    assert_eq!(
        e.sources()[0].web_url(),
        Some("https://en.wikipedia.org/wiki/Treaty_of_Shimoda")
    );
    assert!(
        l.notes
            .contains(&"mine.csv:1: column \"Headline\" is read as title".to_owned()),
        "{:?}",
        l.notes
    );
}

#[test]
fn exact_names_win_over_synonyms() {
    let l = load("name,title,start\nShort,The real title,1855\n");
    assert_eq!(l.dataset.events()[0].title(), "The real title");
    assert!(
        l.notes.iter().any(|n| n.contains("\"name\" is not used")),
        "{:?}",
        l.notes
    );
}

#[test]
fn semicolon_and_tab_files() {
    let semi = load("title;start;end;theme\nRusso-Japanese War;1904-02-08;1905-09-05;war\n");
    assert_eq!(
        semi.dataset.events()[0]
            .end
            .as_ref()
            .map(chronolane::model::HistDate::to_string)
            .as_deref(),
        Some("1905-09-05")
    );
    let tab = load(
        "title\tstart\tplace\nPortsmouth treaty\t5 September 1905\tPortsmouth, New Hampshire\n",
    );
    let e = &tab.dataset.events()[0];
    assert_eq!(e.start().edtf(), "1905-09-05");
    assert_eq!(e.place(), Some("Portsmouth, New Hampshire"));
}

#[test]
fn no_theme_column_means_one_lane_and_many_values_many_lanes() {
    let one = load("title,year\nA,1855\nB,1904\n");
    assert_eq!(one.dataset.themes().len(), 1);
    let many = load("title,year,category\nA,1855,law\nB,1904,war\nC,1905,art\n");
    assert_eq!(many.dataset.themes().len(), 3);
}

#[test]
fn map_chooses_columns_by_hand_on_the_command_line() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("tool.csv");
    std::fs::write(&path, "what,when,until\nWar,1904-02-08,1905-09-05\n")?;
    let p = path.to_string_lossy().into_owned();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_chronolane"))
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    // Without a map the columns are not recognised.
    assert_eq!(run(&["validate", &p]).status.code(), Some(1));
    let o = run(&["validate", &p, "--map", "title=what,start=when,end=until"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = run(&[
        "export",
        "csv",
        "--data",
        &p,
        "--map",
        "title=what,start=when,end=until",
    ]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("War,1904-02-08,1905-09-05"), "{out}");
    // A mistake in the map is bad usage; a column the file lacks is bad data.
    assert_eq!(
        run(&["validate", &p, "--map", "titel=what"]).status.code(),
        Some(2)
    );
    let o = run(&["validate", &p, "--map", "title=name,start=when"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .contains("column \"name\" (mapped to title) is not in the header")
    );
    Ok(())
}

#[test]
fn a_field_over_one_mebibyte_is_refused() {
    let huge = "x".repeat((1 << 20) + 1);
    let text = format!("title,start,description\nShimoda,1855,{huge}\n");
    let err = load_bytes(text.as_bytes(), "big.csv", "big")
        .err()
        .map(|e| e.lines());
    assert_eq!(
        err,
        Some(vec![
            "big.csv:2: description is 1048577 bytes; a field may hold up to 1 MiB".to_owned()
        ])
    );
}

#[test]
fn between_two_years_is_an_uncertain_span() {
    let l = load("title,date\nLetters of Paul,Between 47 and 50\n");
    let e = &l.dataset.events()[0];
    assert_eq!(e.when_in_words(), "47?–50?");
    assert!(
        e.start().is_uncertain()
            && e.end
                .as_ref()
                .is_some_and(chronolane::model::HistDate::is_uncertain)
    );
}

/// A file big enough to be read by two threads gives the same events and the same line numbers
/// as one read row by row: quoted line breaks, a duplicate id across the halves, a bad row late.
#[test]
fn a_big_file_read_in_halves_keeps_lines_and_ids() {
    let filler = "y".repeat(200);
    let mut text = String::from("id,title,start,description\n");
    let rows = 60_000;
    for i in 0..rows {
        // Every 997th description holds a quoted line break, so halves may fall near one.
        if i % 997 == 0 {
            let _ = writeln!(text, "r{i},Row {i},1855,\"two\nlines {filler}\"");
        } else {
            let _ = writeln!(text, "r{i},Row {i},1855,{filler}");
        }
    }
    assert!(text.len() > 8 << 20, "big enough for two threads");
    let lines_before = |t: &str| t.bytes().filter(|&b| b == b'\n').count();
    // Correct file: every row loads, ids as written.
    let loaded = load(&text);
    assert_eq!(loaded.dataset.events().len(), rows);
    assert_eq!(
        loaded
            .dataset
            .by_id("r59999")
            .map(chronolane::model::Event::title),
        Some("Row 59999")
    );
    // A duplicate of the first id near the end, and a bad date after it.
    let dup_line = lines_before(&text) + 1;
    text += "r0,Again,1856,x\n";
    text += "r-late,Late,1855-02-30,x\n";
    let e = load_bytes(text.as_bytes(), "mine.csv", "mine").err();
    assert_eq!(
        e.map(|e| e.lines()),
        Some(vec![
            format!("mine.csv:{dup_line}: id \"r0\" is already used on line 2"),
            format!(
                "mine.csv:{}: start \"1855-02-30\" is not a date: February 1855 has 28 days",
                dup_line + 1
            ),
        ])
    );
}

/// A file whose second half has more rows than the reader keeps in one piece (its events are
/// moved into the first half's a piece at a time): duplicates late in it drop the right rows,
/// every other event is there, and the skipped rows are written back as they were.
#[test]
fn a_long_second_half_drops_exactly_its_duplicates() {
    let mut text = String::from("id,title,start,description\n");
    let rows = 150_000;
    for i in 0..rows {
        let _ = writeln!(
            text,
            "r{i},Row {i},{},a filler text of forty characters at last",
            1800 + i % 100
        );
    }
    assert!(text.len() > 8 << 20, "big enough for two threads");
    // Ids used again at the start, the middle and the end of the second half.
    for i in [80_000, 120_000, 149_999] {
        let _ = writeln!(
            text,
            "r{i},Again {i},1850,a filler text of forty characters at last"
        );
    }
    let Err(chronolane::io::LoadError::Partial { partial, .. }) =
        load_bytes(text.as_bytes(), "long.csv", "long")
    else {
        panic!("the duplicates should be skipped")
    };
    let events = partial.loaded.dataset.events();
    assert_eq!((events.len(), partial.skipped), (rows, 3));
    assert!(events.iter().all(|e| e.title().starts_with("Row ")));
    for i in [0, 70_000, 80_000, 120_000, 149_999] {
        let id = format!("r{i}");
        let kept = partial
            .loaded
            .dataset
            .by_id(&id)
            .map(|e| e.title().to_string());
        assert_eq!(kept, Some(format!("Row {i}")), "{id}");
    }
    assert_eq!(
        partial.rows_csv.lines().skip(1).collect::<Vec<_>>(),
        [
            "r80000,Again 80000,1850,a filler text of forty characters at last",
            "r120000,Again 120000,1850,a filler text of forty characters at last",
            "r149999,Again 149999,1850,a filler text of forty characters at last"
        ]
    );
}

/// The spreadsheet that was refused whole for one row: `Between` in the end column.
#[test]
fn between_in_the_end_column_is_one_date_of_a_range() {
    let l = load(
        "label,hdate,hdate_end\n\
         Peasants' Revolt,30 may 1381,Between 25 jun 1381 and 26 jun 1381\n\
         Reign,Between 1066 and 1068,ongoing\n",
    );
    let by_title = |t: &str| l.dataset.events().iter().find(|e| e.title() == t);
    let Some(revolt) = by_title("Peasants' Revolt") else {
        panic!("no revolt")
    };
    assert_eq!(
        revolt.end.as_ref().map(HistDate::to_string).as_deref(),
        Some("[1381-06-25..1381-06-26]")
    );
    assert_eq!(
        revolt.when_in_words(),
        "30 May 1381 – between 25 June 1381 and 26 June 1381"
    );
    let Some(reign) = by_title("Reign") else {
        panic!("no reign")
    };
    assert_eq!(reign.start().edtf(), "[1066..1068]");
    assert!(reign.end.as_ref().is_some_and(HistDate::is_open));
    assert_eq!(reign.when_in_words(), "between 1066 and 1068 – ongoing");
}

#[test]
fn the_historicaldate_collections_forms_open() {
    let l = load(
        "label,hdate,hdate_end\n\
         Alfred,circa1m 10 August 843,26 October 899\n\
         Athelstan,924 after 17 jul 924,27 Oct 939\n\
         Edward,c. 890 after 889,Before 924\n\
         Richard,circa 1483 earliest 1483,After 1485\n\
         Greeks,Between 500BC and 400BC,\n\
         Pythagoras,circa 525 bc,\n\
         Guthrum,Before 879,\n\
         Charles,1948,ongoing\n",
    );
    let words: Vec<String> = l
        .dataset
        .events()
        .iter()
        .map(Event::when_in_words)
        .collect();
    assert_eq!(
        words,
        [
            "c. 525 BC",
            // In the start column with no end, as before: an uncertain span.
            "500 BC? – 400 BC?",
            "c. 10 August 843 – 26 October 899",
            "879 or earlier",
            "between 889 and 895 – 924 or earlier",
            "between 17 July 924 and 31 December 924 – 27 October 939",
            "between 1483 and 1488 – 1485 or later",
            "1948 – ongoing",
        ]
    );
}

/// An EDTF interval in the start column with no end gives both ends: `1952/..` is an event
/// still going on (EDTF's open end as the marker), `1850/1853` a span.
#[test]
fn an_interval_in_the_start_column_gives_both_ends() {
    let l = load(
        "title,start,end\n\
         Reign,1952-02-06/..,\n\
         War,1850/1853,\n",
    );
    let words: Vec<String> = l
        .dataset
        .events()
        .iter()
        .map(|e| format!("{}: {}", e.title(), e.when_in_words()))
        .collect();
    assert_eq!(
        words,
        ["War: 1850–1853", "Reign: 6 February 1952 – ongoing"]
    );
}

#[test]
fn an_interval_with_an_end_or_an_unknown_end_is_refused() {
    let e = load_bytes(
        b"title,start,end\nBoth given,1850/1853,1860\nUnknown end,1952/,\n",
        "mine.csv",
        "mine",
    )
    .err();
    assert_eq!(
        e.map(|e| e.lines()),
        Some(vec![
            "mine.csv:2: start \"1850/1853\" is not a date: it is a range; give its end in the end field".to_owned(),
            "mine.csv:3: start \"1952/\" is not a date: it is a range; give its end in the end field".to_owned(),
        ])
    );
}

#[test]
fn an_open_start_is_refused() {
    let e = load_bytes(b"title,start\nReign,ongoing\n", "mine.csv", "mine").err();
    assert_eq!(
        e.map(|e| e.lines()),
        Some(vec![
            "mine.csv:2: start \"ongoing\" is not a date: an open end (ongoing, present, now, ..) ends an event; give the day it began".to_owned()
        ])
    );
}

#[test]
fn an_ongoing_event_that_begins_after_today_lasts_its_start() {
    let l = load("title,start,end\nFar off,Y10000,present\n");
    let e = &l.dataset.events()[0];
    assert!(e.axis_end() > e.axis_start());
    assert_eq!(e.axis_end(), e.start().axis_end());
}

#[test]
fn dual_years_and_negative_iso_years_are_noted() {
    let l = load(
        "title,start\n\
         Dual,1735/6\n\
         Marathon,-0489-09-12T00:00:00Z\n\
         Shimoda,+1855-02-07T00:00:00Z\n",
    );
    let words: Vec<String> = l
        .dataset
        .events()
        .iter()
        .map(Event::when_in_words)
        .collect();
    assert_eq!(words, ["12 September 490 BC", "1736", "7 February 1855"]);
    assert_eq!(
        l.notes,
        [
            "mine.csv:2: start \"1735/6\" read as 1736: a dual year (Old Style/New Style, the year beginning on 25 March) is read as the later year",
            "mine.csv:3: start \"-0489-09-12T00:00:00Z\" read as 12 September 490 BC: ISO 8601 counts a year 0 (1 BC), so a negative year is one year more BC (490 BC is -0489)",
        ]
    );
}

#[test]
fn notes_beyond_twenty_are_counted() {
    let mut text = String::from("title,start\n");
    for i in 0..25 {
        writeln!(text, "Row {i},1735/6").expect("a String takes any text");
    }
    let l = load(&text);
    assert_eq!(l.dataset.events().len(), 25);
    assert_eq!(l.notes.len(), 21);
    assert_eq!(
        l.notes.last().map(String::as_str),
        Some("mine.csv: 5 more dates were read the same ways as those above")
    );
}

/// One timeline from the Big Bang to a single day, every deep-time form in one file.
#[test]
fn from_the_big_bang_to_a_day() {
    let l = load(
        "title,start,end\n\
         Big Bang,13.8 billion years ago,\n\
         Earth,4.5 Ga,\n\
         Dinosaurs die out,65 Ma,\n\
         Chicxulub,65 million years ago,\n\
         Younger Dryas ends,\"10,000 BC\",\n\
         Homo sapiens,200000 BCE,\n\
         Moon landing,1969-07-20T20:17Z,\n",
    );
    let words: Vec<String> = l
        .dataset
        .events()
        .iter()
        .map(Event::when_in_words)
        .collect();
    assert_eq!(
        words,
        [
            "13.8 billion years ago",
            "4.5 billion years ago",
            "65 million years ago",
            "65 million years ago",
            "200,000 BC",
            "10,000 BC",
            "20 July 1969, 20:17 UTC",
        ]
    );
    let (from, to) = l.dataset.time_range().unwrap_or_default();
    assert!(to - from > 5.0e12, "{from} {to}");
}

#[test]
fn a_summary_says_deep_time_in_years_ago() {
    let l = load("title,start\nThe Big Bang,13.8 billion years ago\nShimoda,1855-02-07\n");
    assert_eq!(
        l.dataset.summary(),
        "2 events in 1 lane, 13.8 billion years ago–1855"
    );
}
