//! CSV from anywhere: other tools' column names, semicolons and tabs, bare links, and the notes
//! that say how each column was read.

use std::fmt::Write as _;

use chronolane::io::load_bytes;

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
    assert_eq!(e.title, "Treaty of Shimoda");
    assert_eq!(e.start.edtf(), "1855-02-07");
    assert_eq!(e.theme, "diplomacy");
    assert_eq!(e.description, "Borders agreed");
    assert_eq!(e.place.as_deref(), Some("Shimoda"));
    assert_eq!(e.importance, 5);
    assert_eq!(
        e.sources[0].web_url(),
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
    assert_eq!(l.dataset.events()[0].title, "The real title");
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
            .map(chronolane::model::HistDate::edtf),
        Some("1905-09-05")
    );
    let tab = load(
        "title\tstart\tplace\nPortsmouth treaty\t5 September 1905\tPortsmouth, New Hampshire\n",
    );
    let e = &tab.dataset.events()[0];
    assert_eq!(e.start.edtf(), "1905-09-05");
    assert_eq!(e.place.as_deref(), Some("Portsmouth, New Hampshire"));
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
        e.start.is_uncertain()
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
        loaded.dataset.by_id("r59999").map(|e| e.title.as_str()),
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
