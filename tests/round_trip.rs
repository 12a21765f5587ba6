//! JSON and CSV round trips: writing then reading gives back an equal dataset.

use chronolane::io::{csv, default_dataset, json, load_bytes};
use chronolane::model::event::OtherCalendars;
use chronolane::model::{Dataset, Event, EventMore, HistDate, Life, Link, Meta, Source, Theme};

fn parse_csv(text: &str, title: &str) -> Dataset {
    match csv::parse(text, title) {
        Ok((d, _)) => d,
        Err(p) => panic!("CSV did not load: {p:?}"),
    }
}

#[test]
fn json_round_trip_of_the_default_dataset() {
    let d = default_dataset();
    let text = json::to_string(&d);
    let back = json::parse(&text).map(|(d, _)| d);
    assert!(back.as_ref().is_ok_and(|b| *b == d), "{:?}", back.err());
}

#[test]
fn csv_round_trip_keeps_every_event_and_lane() {
    let d = default_dataset();
    let text = csv::dataset_to_string(&d);
    assert!(text.starts_with(
        "id,title,start,end,theme,importance,place,description,sources,tags,links,names,calendar\n"
    ));
    let back = parse_csv(&text, &d.meta.title);
    assert_eq!(back.events(), d.events());
    assert_eq!(back.themes(), d.themes());
}

fn tricky_event() -> Event {
    let date = |s: &str| HistDate::parse(s).unwrap_or_else(|e| panic!("{e}"));
    let mut e = Event::new(
        "=cmd|' /C calc'!A0",
        "+Tricky, \"quoted\"\nand multi-line",
        date("-0054"),
    )
    .with_more(EventMore {
        sources: vec![
            Source {
                title: "Suetonius | Lives".into(),
                url: Some("https://example.org/a?b=c".into()),
            },
            Source {
                title: "Plutarch".into(),
                url: None,
            },
            // Titles that look like links must not turn into links.
            Source {
                title: "Letters <vol. 2>".into(),
                url: None,
            },
            Source {
                title: "https://example.org/catalogue".into(),
                url: None,
            },
        ],
        tags: vec![
            "rome; republic".into(),
            "back\\slash".into(),
            "=sum(1)".into(),
        ],
        display_date: Some("-the Ides of March".into()),
        life: Some(Life {
            born: Some(date("-0099-07-12")),
            died: Some(date("-0043-03-15")),
        }),
        // A link to itself (the only other event), of a kind with the separators in it.
        links: vec![Link {
            to: "=cmd|' /C calc'!A0".into(),
            kind: "a:b; \\c".into(),
        }],
        names: [
            ("ja", "日露戦争"),
            ("ru", "Русско-японская; война"),
            ("x", "a=b"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect(),
        original: None,
    });
    e.end = Some(date("-0043-03-15"));
    e.theme = "@politics".into();
    e.set_importance(2);
    e.set_place(Some("-Rome; Gaul".into()));
    e.set_description("'=already guarded? \t tab");
    e
}

#[test]
fn csv_round_trip_is_lossless_for_tricky_text() {
    let e = tricky_event();
    let (d, _) = Dataset::new(Meta::default(), vec![], vec![], vec![e.clone()]);
    let text = csv::dataset_to_string(&d);
    // Formula-like cells are neutralised; dates are not text and stay as they are.
    assert!(text.contains("'=cmd"), "{text}");
    assert!(text.contains("\"'+Tricky"), "{text}");
    assert!(text.contains(",-0054,-0043-03-15,"), "{text}");
    let back = parse_csv(&text, "x");
    assert_eq!(back.events(), std::slice::from_ref(&e));
    let back = json::parse(&json::to_string(&d)).map(|(d, _)| d.events().to_vec());
    assert_eq!(back.ok().as_deref(), Some(&[e][..]));
}

#[test]
fn old_style_dates_are_placed_by_the_gregorian_day_and_written_back_as_written() {
    let text = r#"{"events": [
        {"id": "shimoda", "title": "Treaty of Shimoda", "start": "26 January 1855 O.S."},
        {"id": "war", "title": "Russo-Japanese War", "start": "1904-01-27", "end": "1905-08-23",
         "calendar": "julian"},
        {"id": "year", "title": "A year", "start": "1855 o.s."}]}"#;
    let Ok((d, _)) = json::parse(text) else {
        panic!("should load")
    };
    let event = |id: &str| d.by_id(id).unwrap_or_else(|| panic!("no {id}"));
    assert_eq!(event("shimoda").start().edtf(), "1855-02-07");
    assert_eq!(
        event("shimoda").when_in_calendars(OtherCalendars::default()),
        "7 February 1855 (26 January O.S.)"
    );
    assert_eq!(event("war").start().edtf(), "1904-02-09");
    assert_eq!(
        event("war")
            .end
            .as_ref()
            .map(HistDate::to_string)
            .as_deref(),
        Some("1905-09-05")
    );
    // A year is the same year in both calendars.
    assert_eq!(event("year").start().edtf(), "1855");
    // Written back as the file wrote them, with the calendar: both formats read back the same.
    let csv_text = csv::dataset_to_string(&d);
    assert!(
        csv_text.contains("Treaty of Shimoda,26 January 1855 O.S.,"),
        "{csv_text}"
    );
    assert!(csv_text.contains(",julian\n"), "{csv_text}");
    assert_eq!(parse_csv(&csv_text, "x").events(), d.events());
    let json_text = json::to_string(&d);
    assert!(
        json_text.contains(r#""start": "1904-01-27","#),
        "{json_text}"
    );
    assert!(json_text.contains(r#""calendar": "julian""#), "{json_text}");
    let back = json::parse(&json_text).map(|(b, _)| b.events().to_vec());
    assert_eq!(back.ok(), Some(d.events().to_vec()));
    // An unknown calendar is a problem of its event.
    let bad = r#"{"events": [{"title": "A", "start": "1855", "calendar": "lunar"},
        {"title": "B", "start": "1856"}]}"#;
    let problems: Vec<String> = match json::parse(bad) {
        Err(f) => f.problems().iter().map(|p| p.located("x.json")).collect(),
        Ok(_) => panic!("should not load whole"),
    };
    assert_eq!(
        problems,
        [
            "x.json:1: calendar \"lunar\" is not known: write julian, or leave it empty for the Gregorian calendar"
        ]
    );
}

#[test]
fn links_and_names_are_written_in_both_formats() {
    let text = r#"{"events": [
        {"id": "war", "title": "Russo-Japanese War", "start": "1904-02-08",
         "links": [{"to": "treaty", "kind": "ended by"}],
         "names": {"ja": "日露戦争", "ru": "Русско-японская война"}},
        {"id": "treaty", "title": "Treaty of Portsmouth", "start": "1905-09-05"}]}"#;
    let Ok((d, _)) = json::parse(text) else {
        panic!("should load")
    };
    let csv_text = csv::dataset_to_string(&d);
    assert!(
        csv_text.starts_with(
            "id,title,start,end,theme,importance,place,description,sources,tags,links,names\n"
        ),
        "{csv_text}"
    );
    assert!(
        csv_text.contains(",ended by:treaty,ja=日露戦争; ru=Русско-японская война\n"),
        "{csv_text}"
    );
    let json_text = json::to_string(&d);
    assert!(
        json_text.contains(
            r#""links": [
        {
          "to": "treaty",
          "kind": "ended by"
        }
      ],"#
        ),
        "{json_text}"
    );
    assert!(json_text.contains(r#""ja": "日露戦争""#), "{json_text}");
    assert_eq!(parse_csv(&csv_text, "x").events(), d.events());
}

#[test]
fn csv_import_is_case_insensitive_and_order_free() {
    let text = "Start,TITLE,Theme\n1855-02-07,Treaty of Shimoda,diplomacy\n1904,War,war\n";
    let d = parse_csv(text, "mine");
    assert_eq!(d.events().len(), 2);
    assert_eq!(d.events()[0].title(), "Treaty of Shimoda");
    assert_eq!(d.events()[0].importance(), 3);
    assert_eq!(d.meta.title, "mine");
    // Built-in theme ids keep their labels and colors.
    assert_eq!(d.themes()[0], Theme::defaults()[0]);
}

#[test]
fn undeclared_theme_gets_a_lane_and_a_note() {
    let text = r#"{"themes": [{"id": "war"}], "events": [
        {"id": "a", "title": "A", "start": "1900", "theme": "science"},
        {"id": "b", "title": "B", "start": "1901", "theme": "war"}]}"#;
    let loaded = load_bytes(text.as_bytes(), "mine.json", "mine");
    let Ok(loaded) = loaded else {
        panic!("should load")
    };
    let ids: Vec<&str> = loaded
        .dataset
        .themes()
        .iter()
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(ids, ["war", "science"]);
    assert_eq!(
        loaded.notes,
        ["mine.json: theme \"science\" is not declared; it gets a lane of its own"]
    );
    let colors: Vec<_> = loaded.dataset.themes().iter().map(|t| t.color).collect();
    assert_ne!(colors[0], colors[1]);
}

#[test]
fn bom_and_crlf_are_fine() {
    let text = "\u{FEFF}title,start\r\nShimoda,1855\r\n";
    let loaded = load_bytes(text.as_bytes(), "x.csv", "x");
    assert!(loaded.is_ok_and(|l| l.dataset.events()[0].title() == "Shimoda"));
}
