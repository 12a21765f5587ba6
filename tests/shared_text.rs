//! A big file's events share their text rather than holding a copy each: a million events
//! would otherwise cost a million allocations and their overhead. A CSV file's events hold one
//! copy of what they keep of the rows (ids, titles, places, descriptions: not the delimiters,
//! dates, lanes or quotes), a JSON file's one buffer per run of events; a cell whose text
//! differs from the file's (doubled quotes, a guard) is read right either way.

use chronolane::io::load_bytes;
use chronolane::model::Event;

fn events(text: &str, name: &str) -> Vec<Event> {
    match load_bytes(text.as_bytes(), name, "shared") {
        Ok(loaded) => loaded.dataset.events().to_vec(),
        Err(e) => panic!("{e}"),
    }
}

fn event<'a>(events: &'a [Event], id: &str) -> &'a Event {
    events
        .iter()
        .find(|e| e.id() == id)
        .unwrap_or_else(|| panic!("no event {id}"))
}

/// The bytes of the texts events keep of what they were read from: ids, titles, places,
/// descriptions.
fn kept<'a>(events: impl IntoIterator<Item = &'a Event>) -> usize {
    events
        .into_iter()
        .flat_map(Event::texts)
        .map(str::len)
        .sum()
}

/// The one buffer the texts of `events` are slices of; `None` when they are slices of more.
fn one_buffer<'a>(events: impl IntoIterator<Item = &'a Event>) -> Option<&'a arcstr::ArcStr> {
    let mut parents = events.into_iter().flat_map(Event::text_parents);
    let first = parents.next()?;
    parents
        .all(|p| arcstr::ArcStr::ptr_eq(p, first))
        .then_some(first)
}

#[test]
fn csv_events_share_one_copy_of_what_they_keep_of_the_rows() {
    let csv = "id,title,start,end,theme,importance,place,description\n\
               a,Treaty of Shimoda,1855-02-07,,diplomacy,5,Shimoda,\"Borders, at last\"\n\
               b,\"The \"\"Kuril\"\" exchange\",1875-05,,territory,,,Sakhalin for the Kurils\n\
               c,'=Tricky,7 Feb 1855,,war,,, spaced \n";
    let events = events(csv, "rows.csv");
    let [a, b, c] = ["a", "b", "c"].map(|id| event(&events, id));
    // The fast path's row: every text from the file, the quoted description included.
    assert_eq!(a.description(), "Borders, at last");
    assert_eq!(a.place(), Some("Shimoda"));
    assert_eq!(a.start().edtf(), "1855-02-07");
    // The doubled quotes were unescaped.
    assert_eq!(b.title(), "The \"Kuril\" exchange");
    // The general path's row (a date in words, a guarded title): the title without its guard,
    // the description without its spaces.
    assert_eq!(c.title(), "=Tricky");
    assert_eq!(c.description(), "spaced");
    assert_eq!(c.start().edtf(), "1855-02-07");
    // One buffer for every text of every event, whichever path read its row...
    let shared = one_buffer(&events).unwrap_or_else(|| panic!("a text is a copy of its own"));
    // ... holding those texts and nothing else of the rows.
    assert_eq!(shared.len(), kept(&events), "{shared}");
}

/// Every event of a lane holds the same theme name (8 bytes an event), whichever way its row
/// was read (the fast path, or the general one for a date in words).
#[test]
fn the_events_of_a_lane_share_one_theme_name() {
    let csv = "id,title,start,theme\n\
               a,Treaty of Shimoda,1855-02-07,diplomacy\n\
               b,Siege of Port Arthur,1904,war\n\
               c,Treaty of Portsmouth,5 September 1905,diplomacy\n\
               d,Mukden,1905-03, war \n\
               e,No theme,1906,\n";
    let events = events(csv, "lanes.csv");
    let theme = |id: &str| event(&events, id).theme.clone();
    assert_eq!(
        (theme("a"), theme("b"), theme("e")),
        ("diplomacy".into(), "war".into(), "events".into())
    );
    assert!(arcstr::ArcStr::ptr_eq(&theme("a"), &theme("c")));
    assert!(arcstr::ArcStr::ptr_eq(&theme("b"), &theme("d")));
    assert!(!arcstr::ArcStr::ptr_eq(&theme("a"), &theme("b")));
}

#[test]
fn json_text_values_share_one_buffer_per_run() {
    let json = r#"{"events": [
        {"id": "a", "title": "Treaty of Shimoda", "start": "1855-02-07", "theme": "diplomacy"},
        {"id": "b", "title": "Escaped \"title\"", "start": "1875", "description": "Sakhalin"},
        {"id": "c", "title": "Portsmouth", "start": "1905-09-05", "place": "Portsmouth"}
    ]}"#;
    let events = events(json, "events.json");
    let [a, b, c] = ["a", "b", "c"].map(|id| event(&events, id));
    assert_eq!(a.title(), "Treaty of Shimoda");
    assert_eq!(b.title(), "Escaped \"title\"");
    assert_eq!(c.place(), Some("Portsmouth"));
    assert_eq!(a.start().edtf(), "1855-02-07");
    // The objects of plain values share one buffer; the object with an escape is read by the
    // general path, with texts of its own.
    let shared = one_buffer([a, c]).unwrap_or_else(|| panic!("a and c share a buffer"));
    assert!(one_buffer([a, b]).is_none());
    // That buffer holds what the events keep (ids, titles, places, descriptions), not the
    // dates and lanes they were read from.
    assert_eq!(shared.len(), kept([a, c]), "{shared}");
}
