//! Tests of putting a dataset's events in order and indexing their lanes: the order of
//! start, end and id, events already in order, lanes found and indexed part by part.

use super::*;
use crate::model::event::Theme;
use crate::model::{Dataset, HistDate, Meta};

/// The order of a plain stable sort by start, end and id.
fn sorted_plainly(events: &[Event]) -> Vec<Event> {
    let mut plain = events.to_vec();
    plain.sort_by_key(|e| (e.axis_start() as i64, e.axis_end() as i64, e.id_text()));
    plain
}

#[test]
fn events_are_given_in_order_of_start_end_and_id() {
    // Shuffled events with many equal starts and ends, equal ids among them (kept in the
    // order they came, which the titles tell apart).
    let mut rng = fastrand::Rng::with_seed(5);
    let days = ["1855", "1855-02", "1855-02-07", "1904", "1904-02-08"];
    for n in [0, 1, 2, 7, 100, 2000] {
        let events: Vec<Event> = (0..n)
            .map(|i| {
                let start = HistDate::parse(days[rng.usize(0..days.len())]).expect("a date");
                let end = rng.bool().then(|| HistDate::parse("1910").expect("a date"));
                // Short ids, ids that begin another (e1, e10), and ids alike in their first
                // eight bytes (ordered by the bytes after).
                let id = match rng.usize(0..3) {
                    0 => format!("e{}", rng.usize(0..20)),
                    1 => format!("event-of-{}", rng.usize(0..20)),
                    _ => ["", "e", "event-of", "event-of-", "\u{e9}v\u{e9}nement"][rng.usize(0..5)]
                        .to_owned(),
                };
                let mut e = Event::new(id, format!("t{i}"), start);
                e.end = end;
                e
            })
            .collect();
        let mut themes = Vec::new();
        let (mut keys, _) = keys_of(&events, &mut themes, &mut Vec::new());
        sort_keys(&events, &mut keys);
        let d = Dataset::new(Meta::default(), Vec::new(), Vec::new(), events.clone()).0;
        let sorted = d.events().to_vec();
        assert_eq!(sorted, sorted_plainly(&events), "{n} events");
        for (e, k) in sorted.iter().zip(&keys) {
            assert_eq!(e, &events[k.index as usize]);
            assert_eq!(
                (k.start, k.end),
                (e.axis_start() as i64, e.axis_end() as i64)
            );
        }
        // Already in order: unchanged, with no order kept beside them.
        let (mut keys, _) = keys_of(&sorted, &mut themes, &mut Vec::new());
        sort_keys(&sorted, &mut keys);
        assert!(keys.iter().enumerate().all(|(p, k)| k.index as usize == p));
        let again = Dataset::new(Meta::default(), Vec::new(), Vec::new(), sorted.clone()).0;
        assert!(again.events().unordered().eq(sorted.iter()));
    }
}

#[test]
fn lanes_found_part_by_part_are_the_lanes_of_one_pass() {
    // More events than a part of keys: themes first met in a later part, met again in
    // another, declared or not, each event in the lane of its own theme.
    let n = KEY_PART * 2 + 100;
    let theme_of = |i: usize| match i {
        i if i % 7 == 0 => "war",
        i if i > KEY_PART + 5 && i % 5 == 0 => "later",
        i if i % 3 == 0 => "early",
        _ => "diplomacy",
    };
    let events: Vec<Event> = (0..n)
        .map(|i| {
            let year = 1800 + i % 100;
            let date = HistDate::parse(&format!("{year:04}")).expect("a date");
            let mut e = Event::new(format!("e{i}"), format!("t{i}"), date);
            e.theme = theme_of(i).into();
            e
        })
        .collect();
    let declared = vec![
        Theme::generated("war", &[]),
        Theme::generated("diplomacy", &[]),
    ];
    let (d, notes) = Dataset::new(Meta::default(), declared, Vec::new(), events);
    let ids: Vec<&str> = d.themes().iter().map(|t| t.id.as_str()).collect();
    // Declared first, then the others in the order the events meet them.
    assert_eq!(ids, ["war", "diplomacy", "early", "later"]);
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(notes[0].contains("\"early\"") && notes[1].contains("\"later\""));
    let mut seen = 0;
    for (lane, index) in d.lanes().iter().enumerate() {
        for i in index.events() {
            assert_eq!(d.events()[i].theme.as_str(), ids[lane], "event {i}");
            seen += 1;
        }
    }
    assert_eq!(seen, n);
}

#[test]
fn lanes_indexed_part_by_part_are_the_lanes_indexed_whole() {
    // Parts of 7 keys of 1000 events in 4 lanes (one of them empty), against each lane
    // indexed on its own from the events.
    let d = crate::synth::dataset(1000, 5);
    let mut themes = d.themes().to_vec();
    themes.push(Theme::generated("empty", &[]));
    let mut notes = Vec::new();
    let events = d.events().to_vec();
    let (mut keys, _) = keys_of(&events, &mut themes, &mut notes);
    sort_keys(&events, &mut keys);
    for part in [1, 7, 1000, 4096] {
        let lanes = lane_indices_in_parts(keys.len(), &slot_of_key(&keys), themes.len(), part);
        assert_eq!(lanes.len(), themes.len());
        for (lane, theme) in lanes.iter().zip(&themes) {
            let of_theme = (0..d.events().len())
                .filter(|&i| d.events()[i].theme == theme.id)
                .collect();
            assert!(*lane == LaneIndex::new(&events, of_theme), "{}", theme.id);
        }
        assert!(lanes[themes.len() - 1].is_empty());
    }
}

#[test]
fn a_key_packs_its_lane_and_importance_in_32_bytes() {
    use crate::model::event::{MAX_IMPORTANCE, MIN_IMPORTANCE};
    assert_eq!(std::mem::size_of::<Key>(), 32);
    for lane in [0, 1, 2, 1000, LANE_MASK - 1, LANE_MASK] {
        for importance in MIN_IMPORTANCE..=MAX_IMPORTANCE {
            let key = Key {
                lane_importance: Key::pack(lane, importance),
                ..Key::default()
            };
            assert_eq!((key.lane(), key.importance()), (lane as usize, importance));
        }
    }
    // A lane past what the key holds is the last it holds, never another event's importance.
    let key = Key {
        lane_importance: Key::pack(u32::MAX, MAX_IMPORTANCE),
        ..Key::default()
    };
    assert_eq!(
        (key.lane(), key.importance()),
        (LANE_MASK as usize, MAX_IMPORTANCE)
    );
}

#[test]
fn events_already_in_order_build_the_dataset_their_shuffle_builds() {
    // In order (a snapshot, a sorted file): no keys are made; the lanes, the themes found and
    // their notes, the range and the order are those of the same events in no order.
    let d = crate::synth::dataset(3000, 21);
    let mut sorted = d.events().to_vec();
    // A theme not declared, first met part of the way through (one: two would be added in
    // the order met, which the shuffle changes).
    for e in sorted.iter_mut().skip(1000).step_by(9) {
        e.theme = "trade".into();
    }
    let mut shuffled = sorted.clone();
    fastrand::Rng::with_seed(4).shuffle(&mut shuffled);
    assert!(in_order(&sorted) && !in_order(&shuffled));
    let build = |events: Vec<Event>| {
        Dataset::new(
            d.meta.clone(),
            d.themes().to_vec(),
            d.eras().to_vec(),
            events,
        )
    };
    let (a, a_notes) = build(sorted.clone());
    let (b, b_notes) = build(shuffled);
    assert!(a == b);
    assert_eq!(a_notes, b_notes);
    assert_eq!(a_notes.len(), 1, "{a_notes:?}");
    assert_eq!(a.time_range(), b.time_range());
    assert!(a.lanes().len() == b.lanes().len());
    for (lane, (x, y)) in a.lanes().iter().zip(b.lanes()).enumerate() {
        assert!(x == y, "lane {lane}");
    }
    assert!(a.events().iter().eq(sorted.iter()));
    assert_eq!(a.summary(), b.summary());
}

#[test]
fn events_out_of_order_only_by_their_end_or_a_later_byte_of_their_id_are_sorted() {
    // Starts in order, but a pair of equal start whose ends are the wrong way round, and one
    // of equal start and end whose ids differ only after their first eight bytes: not in
    // order, so sorted; equal events stay in the order given (their titles tell).
    let event = |id: &str, title: &str, start: &str, end: Option<&str>| {
        let mut e = Event::new(id, title, HistDate::parse(start).expect("a date"));
        e.end = end.map(|d| HistDate::parse(d).expect("a date"));
        e
    };
    let cases = [
        vec![
            event("a", "1", "1855", Some("1860")),
            event("b", "2", "1855", None),
        ],
        vec![
            event("event-of-2", "1", "1904", None),
            event("event-of-10", "2", "1904", None),
        ],
        vec![
            event("same", "1", "1904", None),
            event("same", "2", "1904", None),
            event("event-of-1", "3", "1905", None),
        ],
    ];
    for events in cases {
        let d = Dataset::new(Meta::default(), Vec::new(), Vec::new(), events.clone()).0;
        let titles = |es: &[Event]| es.iter().map(|e| e.title().to_string()).collect::<Vec<_>>();
        assert_eq!(
            titles(&d.events().to_vec()),
            titles(&sorted_plainly(&events))
        );
    }
}

#[test]
fn lanes_of_events_in_order_are_the_lanes_of_their_keys() {
    // The lane lists filled from the events in order (no keys) against those filled from the
    // sorted keys, part by part.
    let d = crate::synth::dataset(1000, 9);
    let events = d.events().to_vec();
    let mut themes = d.themes().to_vec();
    let (keys, _) = keys_of(&events, &mut themes, &mut Vec::new());
    let (packed, _) = lanes_of(&events, &mut themes, &mut Vec::new(), |_, _, p| p, |p| p);
    assert!(
        keys.iter()
            .zip(&packed)
            .all(|(k, &p)| k.lane_importance == p)
    );
    for part in [1, 7, 1000, 4096] {
        let by_keys = lane_indices_in_parts(keys.len(), &slot_of_key(&keys), themes.len(), part);
        let by_events = lane_indices_in_parts(
            events.len(),
            &slot_of_event(&events, &packed),
            themes.len(),
            part,
        );
        assert!(by_keys == by_events, "parts of {part}");
    }
}
