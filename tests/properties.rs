//! Property tests: the parsers never panic on any input, and JSON and CSV round trips give back
//! the same events for any text a user might type.

use chronolane::io::{csv, human_date, json, load_bytes};
use chronolane::model::{Dataset, Event, HistDate, Meta, Source};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn date_parsers_never_panic(s in "\\PC{0,24}") {
        let _ = HistDate::parse(&s);
        let _ = human_date::to_edtf(&s);
    }

    #[test]
    fn edtf_like_dates_never_panic(s in "-?[0-9X]{1,5}(-[0-9X]{1,2}){0,2}[~?%]?") {
        if let Ok(d) = HistDate::parse(&s) {
            prop_assert!(d.axis_start() < d.axis_end());
            prop_assert!(!d.in_words().is_empty());
        }
    }

    #[test]
    fn loading_any_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = load_bytes(&bytes, "any.csv", "any");
    }

    #[test]
    fn loading_csv_like_text_never_panics(s in "[a-z,;\"\\n\\t=0-9-]{0,200}") {
        let _ = load_bytes(format!("title,start,end\n{s}").as_bytes(), "x.csv", "x");
        let _ = load_bytes(format!("{{\"events\": [{s}]}}").as_bytes(), "x.json", "x");
    }

    #[test]
    fn csv_and_json_round_trips_are_lossless(events in proptest::collection::vec(event(), 1..12)) {
        let events: Vec<Event> = events
            .into_iter()
            .enumerate()
            .map(|(i, e)| Event {
                id: format!("{}-{i}", e.id).into(),
                ..e
            })
            .collect();
        let (d, _) = Dataset::new(Meta::default(), vec![], vec![], events);
        let text = csv::dataset_to_string(&d);
        let back = csv::parse(&text, "x").map(|(b, _)| b.events().to_vec());
        prop_assert_eq!(back.as_deref().ok(), Some(d.events()), "{}", text);
        let text = json::to_string(&d);
        let back = json::parse(&text).map(|(b, _)| b.events().to_vec());
        prop_assert_eq!(back.as_deref().ok(), Some(d.events()));
    }
}

/// Text as a user might type it: any printable characters, quotes, separators and formula
/// starters included, without surrounding spaces (which import trims).
fn text() -> impl Strategy<Value = String> {
    "[=+@'\"a-zA-Z0-9 ,;|\\\\<>ōé–-]{1,24}"
        .prop_map(|s| s.trim().to_owned())
        .prop_filter("not blank", |s| !s.is_empty())
}

fn date() -> impl Strategy<Value = HistDate> {
    (
        1i64..2100,
        1u8..=12,
        1u8..=28,
        0u8..3,
        prop::sample::select(vec!["", "~", "?", "%"]),
    )
        .prop_filter_map("valid", |(y, m, d, precision, q)| {
            let s = match precision {
                0 => format!("{y:04}{q}"),
                1 => format!("{y:04}-{m:02}{q}"),
                _ => format!("{y:04}-{m:02}-{d:02}{q}"),
            };
            HistDate::parse(&s).ok()
        })
}

fn event() -> impl Strategy<Value = Event> {
    (
        text(),
        text(),
        date(),
        proptest::option::of(date()),
        prop::sample::select(vec!["diplomacy", "war", "=science"]),
        1u8..=5,
        proptest::option::of(text()),
        "[\\PC]{0,40}",
        proptest::collection::vec(
            (
                text(),
                proptest::option::of("https://[a-z]{1,8}\\.org/[a-z]{0,6}"),
            ),
            0..3,
        ),
        proptest::collection::vec(text(), 0..3),
    )
        .prop_map(
            |(id, title, start, end, theme, importance, place, description, sources, tags)| {
                let end = end.filter(|e| e.axis_end() > start.axis_start());
                Event {
                    id: id.into(),
                    title: title.into(),
                    start,
                    end,
                    theme: theme.into(),
                    importance,
                    place: place.map(Into::into),
                    description: description.trim().to_owned(),
                    sources: sources
                        .into_iter()
                        .map(|(title, url)| Source { title, url })
                        .collect(),
                    tags,
                }
            },
        )
}
