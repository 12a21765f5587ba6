//! Property tests: the parsers never panic on any input, and JSON and CSV round trips give back
//! the same events for any text a user might type.

#[path = "common/event_parts.rs"]
mod event_parts;

use chronolane::io::{csv, html_text, human_date, json, load_bytes};
use chronolane::model::{
    Dataset, DateError, Event, HistDate, InputCalendar, Link, Meta, OriginalDates, julian,
};
use chronolane::timeline::{TimeMapping, TimeView};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn date_parsers_never_panic(s in "\\PC{0,24}") {
        let _ = HistDate::parse(&s);
        let _ = human_date::to_edtf(&s);
    }

    #[test]
    fn human_forms_never_panic(s in "[a-zA-Z0-9 ,./:+?~-]{0,40}") {
        let _ = human_date::read(&s);
        let _ = human_date::to_edtf_span(&s);
    }

    /// Whatever a form reads as is EDTF the date check reads, or refuses for a reason of its
    /// own: an impossible day or month, a range that runs backwards, a year beyond 100 billion.
    #[test]
    fn forms_read_as_edtf(s in human_form()) {
        if let Some(Ok(r)) = human_date::read(&s) {
            match HistDate::parse(&r.edtf) {
                Ok(d) => {
                    prop_assert!(d.axis_start() < d.axis_end(), "{s:?} → {}", r.edtf);
                    prop_assert!(d.earliest() <= d.latest());
                    prop_assert!(!d.in_words().is_empty());
                }
                Err(
                    DateError::NoSuchDay { .. }
                    | DateError::NoSuchMonth(_)
                    | DateError::Backwards
                    | DateError::OutOfRange,
                ) => {}
                Err(e) => prop_assert!(false, "{s:?} → {:?}, which is not EDTF: {e}", r.edtf),
            }
        }
    }

    /// Deep-time years, with significant digits or not, have sane bounds and words.
    #[test]
    fn deep_years_are_dates(y in 10_000i64..100_000_000_000, negative: bool, s in proptest::option::of(1u32..12)) {
        let y = if negative { -y } else { y };
        let edtf = match s {
            Some(s) => format!("Y{y}S{s}"),
            None => format!("Y{y}"),
        };
        if let Ok(d) = HistDate::parse(&edtf) {
            prop_assert!(d.earliest() <= d.latest());
            prop_assert!(d.axis_start() < d.axis_end());
            prop_assert!(!d.in_words().is_empty());
            prop_assert_eq!(HistDate::parse(&d.edtf()).ok(), Some(d));
        }
    }

    /// A zoom keeps its anchor where it was on screen, to the f64 step of the anchor's time
    /// (84 seconds at the Big Bang, where a day is 1600 points wide at the closest zoom).
    #[test]
    fn zoom_keeps_its_anchor(
        t in -5.1e12f64..1.0e6,
        span in 1.0f64..1.0e13,
        frac in 0.0f64..1.0,
        factor in 0.2f64..5.0,
    ) {
        let view = TimeView::new(t - frac * span, span);
        let before = TimeMapping::new(view, 0.0, 1600.0).x_from_time(t);
        let zoomed = view.zoom_at(t, factor);
        let after = TimeMapping::new(zoomed, 0.0, 1600.0).x_from_time(t);
        let step = t.abs().max(1.0) * f64::EPSILON;
        let slack = 0.01 + 2.0 * step / zoomed.span.min(view.span) * 1600.0;
        prop_assert!(f64::from((after - before).abs()) <= slack, "{before} → {after}");
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
    fn html_to_text_never_panics_and_shows_no_tag(s in "(<(p|a href=\"https://x.org/[a-z]{0,3}\"|/a|b|/p|br|script|!--)>|[a-z &;<>\"=])*") {
        let plain = html_text::to_plain(&s);
        // No tag shows as text; a literal `<` before a link may ("<" then the link's text "a").
        prop_assert!(!plain.text.contains("<p>") && !plain.text.contains("href=\"https") && !plain.text.contains("</"), "{:?} → {:?}", s, plain.text);
        for link in &plain.links {
            prop_assert!(link.web_url().is_some());
        }
    }

    #[test]
    fn sparql_tsv_never_panics(s in "\\?[a-z]{1,3}(\t\\?[a-z]{1,3}){0,2}\n[<>\"@^a-z0-9:/\\\\\t\n-]{0,120}") {
        let _ = load_bytes(s.as_bytes(), "x.tsv", "x");
    }

    #[test]
    fn the_timelinejs_sheet_never_panics(s in "[a-z0-9,\"\n<>/ -]{0,200}") {
        let header = "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background\n";
        let _ = load_bytes(format!("{header}{s}").as_bytes(), "x.csv", "x");
        let _ = load_bytes(format!("{header}1855,{s}").as_bytes(), "x.csv", "x");
        let _ = load_bytes(format!("{header},,,,,,,,,,,,,,,title,{s}").as_bytes(), "x.csv", "x");
    }

    #[test]
    fn csv_and_json_round_trips_are_lossless(
        events in proptest::collection::vec(event(), 1..12),
        links in proptest::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), text()), 0..8),
        names in proptest::collection::vec((any::<prop::sample::Index>(), "[a-z]{2}(-[A-Z][a-z]{3})?", text()), 0..6),
        old_style in proptest::collection::vec((any::<prop::sample::Index>(), 1700i64..1918, 1u8..=12, 1u8..=28, any::<bool>()), 0..4),
    ) {
        let mut events: Vec<Event> = events
            .into_iter()
            .enumerate()
            .map(|(i, mut e)| {
                e.set_id(format!("{}-{i}", e.id()));
                e
            })
            .collect();
        let n = events.len();
        for (from, to, kind) in links {
            let to = events[to.index(n)].id().to_string();
            events[from.index(n)].more_mut().links.push(Link { to, kind });
        }
        for (at, tag, name) in names {
            events[at.index(n)].more_mut().names.insert(tag, name);
        }
        // Dates written in the Julian calendar, with the O.S. suffix or the calendar field.
        for (at, year, month, day, suffix) in old_style {
            let e = &mut events[at.index(n)];
            let Some(g) = julian::to_gregorian(year, month, day) else { continue };
            let written = format!("{year:04}-{month:02}-{day:02}");
            e.set_start(
                HistDate::parse(&format!("{:04}-{:02}-{:02}", g.year, g.month, g.day))
                    .unwrap_or_else(|err| panic!("{err}")),
            );
            e.end = None;
            let more = e.more_mut();
            more.life = None;
            more.original = Some(OriginalDates {
                calendar: InputCalendar::Julian,
                start: if suffix { format!("{written} O.S.") } else { written },
                end: None,
            });
        }
        let (d, _) = Dataset::new(Meta::default(), vec![], vec![], events);
        let text = csv::dataset_to_string(&d);
        let back = csv::parse(&text, "x").map(|(b, _)| b.events().to_vec());
        prop_assert_eq!(back.ok(), Some(d.events().to_vec()), "{}", text);
        let text = json::to_string(&d);
        let back = json::parse(&text).map(|(b, _)| b.events().to_vec());
        prop_assert_eq!(back.ok(), Some(d.events().to_vec()));
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
        .prop_map(event_parts::event_from)
}

/// Text in the forms people write, put together at random: dates, eras, qualifiers, ranges,
/// bounds, thirds, deep time, ISO date-times and open ends.
fn human_form() -> impl Strategy<Value = String> {
    let year = prop_oneof![
        (1i64..3000).prop_map(|y| y.to_string()),
        (1i64..300_000).prop_map(|y| format!("{y} BC")),
        (1i64..3000).prop_map(|y| format!("{y}bc")),
        (1700i64..1800).prop_map(|y| format!("{y}/{}", (y + 1) % 10)),
        (100i64..300).prop_map(|d| format!("{d}0s")),
        (1i64..30).prop_map(|c| format!("{c}th century")),
    ]
    .boxed();
    let month = prop::sample::select(vec!["Jan", "February", "mar", "Sept", "dec"]);
    let day = prop_oneof![
        year.clone(),
        (1u8..32, month.clone(), 1i64..3000).prop_map(|(d, m, y)| format!("{d} {m} {y}")),
        (month, 1i64..3000).prop_map(|(m, y)| format!("{m} {y}")),
        (-9999i64..9999, 0u8..14, 0u8..33)
            .prop_map(|(y, m, d)| format!("{y:+05}-{m:02}-{d:02}T12:30:00Z")),
        (1i64..3000, 1u8..13, 1u8..29).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02} 23:30")),
        (
            1u32..999,
            0u32..10,
            prop::sample::select(vec![
                "billion years ago",
                "Ga",
                "Ma",
                "million years ago",
                "ka",
                "years ago"
            ])
        )
            .prop_map(|(a, b, u)| format!("{a}.{b} {u}")),
    ]
    .boxed();
    let qualified = prop_oneof![
        day.clone(),
        day.clone().prop_map(|d| format!("c. {d}")),
        day.clone().prop_map(|d| format!("circa1m {d}")),
        day.clone().prop_map(|d| format!("{d}?")),
    ]
    .boxed();
    prop_oneof![
        qualified.clone(),
        (qualified.clone(), qualified.clone()).prop_map(|(a, b)| format!("Between {a} and {b}")),
        qualified.clone().prop_map(|d| format!("Before {d}")),
        qualified.clone().prop_map(|d| format!("on or after {d}")),
        (prop::sample::select(vec!["early", "mid-", "late"]), year)
            .prop_map(|(w, y)| format!("{w} {y}")),
        (qualified.clone(), qualified).prop_map(|(a, b)| format!("{a} after {b}")),
        Just("ongoing".to_owned()),
    ]
}
