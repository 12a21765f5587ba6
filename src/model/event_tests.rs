//! Tests of [`super`]: dates in other calendars, lives, and the size of an event.

use super::*;

fn life(born: &str, died: &str) -> String {
    let d = |s: &str| (!s.is_empty()).then(|| HistDate::parse(s).unwrap_or_else(|e| panic!("{e}")));
    Life {
        born: d(born),
        died: d(died),
    }
    .in_words()
}

#[test]
fn dates_in_the_calendars_that_apply() {
    let date = |s: &str| HistDate::parse(s).unwrap_or_else(|e| panic!("{e}"));
    let mut shimoda = Event::new("shimoda", "Treaty of Shimoda", date("1855-02-07"));
    // Nothing but the Gregorian day for an event written in it, with no Japanese name.
    let none = OtherCalendars::default();
    assert_eq!(shimoda.when_in_calendars(none), "7 February 1855");
    // Written in the Julian calendar, with its Japanese name: both.
    shimoda.more_mut().original = Some(OriginalDates {
        calendar: InputCalendar::Julian,
        start: "26 January 1855 O.S.".into(),
        end: None,
    });
    shimoda
        .more_mut()
        .names
        .insert("ja".into(), "日露和親条約".into());
    assert_eq!(
        shimoda.when_in_calendars(none),
        "7 February 1855 (26 January O.S.; Ansei 1)"
    );
    // The second calendar gives its own for every event; Old Style only before 1918's switch.
    let mut war = Event::new("war", "Russo-Japanese War", date("1904-02-08"));
    war.end = Some(date("1905-09-05"));
    let japanese = OtherCalendars {
        japanese: true,
        ..none
    };
    assert_eq!(
        war.when_in_calendars(japanese),
        "8 February 1904 – 5 September 1905 (Meiji 37–38)"
    );
    let old_style = OtherCalendars {
        old_style: true,
        ..none
    };
    assert_eq!(
        war.when_in_calendars(old_style),
        "8 February 1904 – 5 September 1905 (26 January 1904 – 23 August 1905 O.S.)"
    );
    let later = Event::new("later", "Later", date("1918-02-14"));
    assert_eq!(later.when_in_calendars(old_style), "14 February 1918");
}

#[test]
fn an_event_stays_small() {
    // A million events are held in one `Vec`: each byte here is a megabyte there. What few
    // events have lives behind one pointer ([`EventMore`]); its four texts are one pointer and
    // where each lies (`event_texts`).
    assert!(
        std::mem::size_of::<Event>() <= 104,
        "Event is {} bytes",
        std::mem::size_of::<Event>()
    );
}

#[test]
fn the_importance_kept_in_the_start_survives_a_new_start() {
    let date = |s: &str| HistDate::parse(s).unwrap_or_else(|e| panic!("{e}"));
    let mut e = Event::new("x", "X", date("1905"));
    assert_eq!(e.importance(), DEFAULT_IMPORTANCE);
    e.set_importance(5);
    e.set_start(date("1904-02-08"));
    assert_eq!(
        (e.importance(), e.start().edtf().to_string()),
        (5, "1904-02-08".into())
    );
    // Another event's start brings its date, not its importance.
    let mut other = Event::new("y", "Y", date("1855"));
    other.set_importance(1);
    e.set_start(other.start().clone());
    assert_eq!(e.importance(), 5);
    assert_eq!(*e.start(), date("1855"));
    // Out of range: the nearest.
    e.set_importance(0);
    assert_eq!(e.importance(), MIN_IMPORTANCE);
    e.set_importance(9);
    assert_eq!(e.importance(), MAX_IMPORTANCE);
}

#[test]
fn events_differing_only_in_importance_differ() {
    let date = |s: &str| HistDate::parse(s).unwrap_or_else(|e| panic!("{e}"));
    let a = Event::new("x", "X", date("1905-09-05"));
    let mut b = a.clone();
    assert_eq!(a, b);
    b.set_importance(4);
    assert_ne!(a, b);
    // Their starts are the same date all the same.
    assert_eq!(a.start(), b.start());
    assert!(format!("{b:?}").contains("importance: 4"));
}

#[test]
fn only_events_with_rare_parts_have_a_box() {
    let date = |s: &str| HistDate::parse(s).unwrap_or_else(|e| panic!("{e}"));
    let plain = Event::new("x", "X", date("1905")).with_more(EventMore::default());
    assert!(plain.more.is_none());
    let mut tagged = plain.clone().with_more(EventMore {
        tags: vec!["peace".into()],
        ..EventMore::default()
    });
    assert!(tagged.more.is_some());
    assert_ne!(tagged, plain);
    assert_eq!(tagged.tags(), ["peace"]);
    // Emptied by an edit, the box stays; equality looks through it.
    tagged.more_mut().tags.clear();
    assert!(tagged.more.is_some());
    assert_eq!(tagged, plain);
    // Loaders box nothing for an event without rare parts.
    let csv = "id,title,start,end,theme,place,description\n\
               a,A,1904,1905,war,Port Arthur,Siege\n\
               b,B,1905,,diplomacy,,\n";
    let json = r#"{"events": [{"id": "a", "title": "A", "start": "1904", "place": "P"}]}"#;
    for (text, path) in [(csv, "x.csv"), (json, "x.json")] {
        let loaded = crate::io::load_bytes(text.as_bytes(), path, "x")
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        let events = loaded.dataset.events();
        assert!(!events.is_empty(), "{path}");
        assert!(events.iter().all(|e| e.more.is_none()), "{path}");
    }
}

#[test]
fn a_life_in_words() {
    assert_eq!(
        life("0849~", "0899-10-26"),
        "born c. 849, died 26 October 899, aged about 50"
    );
    assert_eq!(
        life("1815-12-10", "1852-11-27"),
        "born 10 December 1815, died 27 November 1852, aged 36"
    );
    assert_eq!(life("1815", ""), "born 1815");
    assert_eq!(life("", "1852"), "died 1852");
    assert_eq!(
        life("180X", "1899"),
        "born 1800s, died 1899, aged about 89–99"
    );
}

#[test]
fn a_theme_met_again_gets_the_same_shared_name() {
    let mut names = ThemeNames::default();
    // More themes than are compared by name, met in no order, each several times.
    let ids: Vec<String> = (0..20).map(|i| format!("theme {i}")).collect();
    let first: Vec<ThemeName> = ids.iter().map(|id| names.of(id)).collect();
    for round in 0..3 {
        for (i, id) in ids.iter().enumerate().rev().step_by(round + 1) {
            let again = names.of(id);
            assert_eq!(again.as_str(), id);
            assert!(ThemeName::ptr_eq(&again, &first[i]), "{id} got a new name");
        }
    }
    // Names alike but for their case or length are other themes.
    assert_eq!(names.of("Theme 1").as_str(), "Theme 1");
    assert_eq!(names.of("theme 1").as_str(), "theme 1");
    assert_eq!(names.of("theme").as_str(), "theme");
}
