use std::collections::BTreeMap;
use std::path::PathBuf;

use proptest::prelude::*;

use super::*;
use crate::io::{Field, Loaded};
use crate::model::{CompactString, Dataset, Era, Event, Meta, Rgb, Theme};

fn key() -> SourceKey {
    SourceKey {
        path: PathBuf::from("/data/events.csv"),
        size: 12_345_678,
        modified_ns: 1_764_000_000_123_456_789,
        file_id: 42,
        columns: vec![("title".to_owned(), "Name".to_owned())],
    }
}

fn date(edtf: &str) -> HistDate {
    HistDate::parse(edtf).expect("a date")
}

/// Events with every rare part, text in several scripts, an open end, no end, places or not.
fn rare_dataset() -> Dataset {
    let mut war = Event::new("war", "Russo-Japanese War", date("1904-02-08"));
    war.end = Some(date("1905-09-05"));
    war.theme = "war".into();
    war.set_importance(5);
    war.set_place(Some("Manchuria".into()));
    war.set_description("A war — 日露戦争.");
    let war = war.with_more(EventMore {
        sources: vec![
            Source {
                title: "Britannica".to_owned(),
                url: Some("https://www.britannica.com/event/Russo-Japanese-War".to_owned()),
            },
            Source {
                title: "A book".to_owned(),
                url: None,
            },
        ],
        tags: vec!["war".to_owned(), "Manchuria".to_owned()],
        display_date: Some(CompactString::from("1904–1905")),
        life: Some(Life {
            born: Some(date("1848-01-01")),
            died: None,
        }),
        links: vec![Link {
            to: "portsmouth".to_owned(),
            kind: "ended by".to_owned(),
        }],
        names: BTreeMap::from([
            ("ja".to_owned(), "日露戦争".to_owned()),
            ("ru".to_owned(), "Русско-японская война".to_owned()),
        ]),
        original: Some(OriginalDates {
            calendar: InputCalendar::Julian,
            start: "1904-01-27".to_owned(),
            end: Some("1905-08-23".to_owned()),
        }),
    });
    let mut portsmouth = Event::new("portsmouth", "Treaty of Portsmouth", date("1905-09-05"));
    portsmouth.theme = "diplomacy".into();
    let mut ongoing = Event::new("ongoing", "Still going", date("1990~"));
    ongoing.end = Some(date("..").open_past(ongoing.start()));
    ongoing.set_place(Some(String::new().into()));
    let mut odd = Event::new("odd", "An uncertain set", date("[1850..1853]"));
    odd.end = Some(date("185X"));
    odd.theme = "undeclared lane".into();
    let life_only = Event::new("life", "Life", date("-0054")).with_more(EventMore {
        life: Some(Life {
            born: None,
            died: Some(date("0012?")),
        }),
        ..EventMore::default()
    });
    let meta = Meta {
        title: "Rare parts".to_owned(),
        description: "Every part an event may have".to_owned(),
        sources: vec![Source {
            title: "Here".to_owned(),
            url: None,
        }],
    };
    let eras = vec![
        Era {
            label: "Meiji".to_owned(),
            start: date("1868-10-23"),
            end: date("1912-07-30"),
            color: Some(Rgb([1, 2, 3])),
        },
        Era {
            label: "Edo".to_owned(),
            start: date("1603"),
            end: date("1868"),
            color: None,
        },
    ];
    let events = vec![war, portsmouth, ongoing, odd, life_only];
    Dataset::new(meta, Theme::defaults(), eras, events).0
}

fn notes() -> Vec<String> {
    vec![
        "events.csv:3: column \"Name\" read as the title".to_owned(),
        "events.csv: the column \"x\" is not read".to_owned(),
    ]
}

fn assert_same(loaded: &Loaded, dataset: &Dataset, notes: &[String]) {
    assert_eq!(loaded.dataset.meta, dataset.meta);
    assert_eq!(loaded.dataset.themes(), dataset.themes());
    assert_eq!(loaded.dataset.eras(), dataset.eras());
    assert_eq!(loaded.dataset.events(), dataset.events());
    assert!(loaded.dataset == *dataset);
    assert_eq!(loaded.notes, notes);
}

fn round_trip(dataset: &Dataset) {
    let bytes = write(dataset, &notes(), &key()).expect("written");
    let loaded = read(&bytes, &key()).expect("read back");
    assert_same(&loaded, dataset, &notes());
}

#[test]
fn a_generated_dataset_reads_back_equal() {
    round_trip(&crate::synth::dataset(3_000, 7));
}

#[test]
fn the_default_dataset_reads_back_equal() {
    let dataset = crate::io::default_dataset();
    assert!(dataset.events().iter().any(|e| !e.more().is_empty()));
    round_trip(&dataset);
}

#[test]
fn every_rare_part_reads_back_equal() {
    let dataset = rare_dataset();
    round_trip(&dataset);
    let bytes = write(&dataset, &[], &key()).expect("written");
    let loaded = read(&bytes, &key()).expect("read back");
    // What equality does not compare: the bounds, parsed again from the text.
    for (a, b) in loaded.dataset.events().iter().zip(dataset.events()) {
        assert_eq!(a.axis_start(), b.axis_start(), "{}", a.id());
        assert_eq!(a.axis_end(), b.axis_end(), "{}", a.id());
        assert_eq!(a.start().precision(), b.start().precision());
        assert_eq!(a.start().is_qualified(), b.start().is_qualified());
        assert_eq!(a.more().is_empty(), b.more().is_empty());
    }
    assert_eq!(loaded.dataset.links().len(), dataset.links().len());
    assert_eq!(loaded.dataset.time_range(), dataset.time_range());
    assert_eq!(loaded.dataset.lanes().len(), dataset.lanes().len());
}

#[test]
fn a_shuffled_files_events_read_back_equal() {
    // Events read out of start order are written in start order (with their rare parts by
    // its places): read back, they are kept in that order, without an order beside them.
    let sorted = crate::io::default_dataset();
    let mut events = sorted.events().to_vec();
    events.extend(crate::synth::events(2_000, 4).into_iter().map(|mut e| {
        e.theme = "war".into();
        e
    }));
    fastrand::Rng::with_seed(12).shuffle(&mut events);
    let (shuffled, _) = Dataset::new(
        sorted.meta.clone(),
        sorted.themes().to_vec(),
        sorted.eras().to_vec(),
        events,
    );
    assert!(shuffled.events().as_read() != shuffled.events().to_vec());
    round_trip(&shuffled);
    let bytes = write(&shuffled, &[], &key()).expect("written");
    let loaded = read(&bytes, &key()).expect("read back");
    for (a, b) in loaded.dataset.events().iter().zip(shuffled.events()) {
        assert_eq!(a.more(), b.more(), "{}", a.id());
    }
    assert_eq!(loaded.dataset.links(), shuffled.links());
    let reopened = loaded.dataset.events();
    assert!(reopened.as_read().iter().eq(reopened.iter()));
    assert!(reopened.iter().any(|e| !e.more().is_empty()));
}

#[test]
fn an_empty_dataset_reads_back_equal() {
    round_trip(&Dataset::default());
}

#[test]
fn an_events_texts_share_the_snapshot_text() {
    let dataset = crate::synth::dataset(100, 1);
    let bytes = write(&dataset, &[], &key()).expect("written");
    let loaded = read(&bytes, &key()).expect("read back");
    let e = &loaded.dataset.events()[0];
    // Slices of one string: the title's and the id's are one allocation.
    let parents: Vec<_> = e.text_parents().map(|p| p.as_ptr()).collect();
    assert!(parents.len() >= 2 && parents.windows(2).all(|w| w[0] == w[1]));
}

#[test]
fn the_events_keep_their_texts_and_not_their_dates_as_written() {
    // The strings the reopened events' texts are slices of hold their ids, titles, places
    // and descriptions, every byte of them, and nothing else (the dates are read apart).
    let dataset = crate::synth::dataset(500, 7);
    let bytes = write_in_parts(&dataset, &[], &key(), 64).expect("written");
    let loaded = read(&bytes, &key()).expect("read back");
    let events = loaded.dataset.events().as_read();
    let mut parents: Vec<&arcstr::ArcStr> = events.iter().flat_map(Event::text_parents).collect();
    parents.sort_by_key(|p| p.as_ptr());
    parents.dedup_by_key(|p| p.as_ptr());
    let held: usize = parents.iter().map(|p| p.len()).sum();
    let kept: usize = events.iter().flat_map(Event::texts).map(str::len).sum();
    assert_eq!(held, kept);
    assert_eq!(parents.len(), 500usize.div_ceil(64));
}

#[test]
fn many_parts_and_blocks_read_back_equal() {
    // 1000 events in parts of 7: 143 parts, the last of 6 events, in 9 blocks.
    let dataset = crate::synth::dataset(1000, 3);
    let bytes = write_in_parts(&dataset, &notes(), &key(), 7).expect("written");
    let loaded = read(&bytes, &key()).expect("read back");
    assert_same(&loaded, &dataset, &notes());
    // Each part's events (in the order written: the order read) share a string of their own.
    let events = loaded.dataset.events().as_read();
    let parent = |i: usize| events[i].text_parents().next().map(|p| p.as_ptr());
    assert_eq!(parent(0), parent(6));
    assert_ne!(parent(6), parent(7));
    assert_eq!(parent(994), parent(999));
    // Parts of one event each; the most a part may have.
    for part in [1, MAX_PART] {
        let bytes = write_in_parts(&dataset, &[], &key(), part).expect("written");
        assert_same(&read(&bytes, &key()).expect("read back"), &dataset, &[]);
    }
    assert!(write_in_parts(&dataset, &[], &key(), 0).is_none());
}

#[test]
fn a_block_whose_lengths_reach_into_the_next_is_refused() {
    let dataset = crate::synth::dataset(40, 3);
    let bytes = write_in_parts(&dataset, &[], &key(), 2).expect("written");
    // The first block's first event's title one byte longer, its description one shorter:
    // the block's text is as long, but the title now takes the description's first byte,
    // and every other length still adds up; a date then no longer parses, or a text is cut
    // inside a character, or the event differs: never a panic, never the same dataset.
    let changed = with_payload(&bytes, |p| {
        let title = 16 + 4;
        let description = 16 + 12;
        let t = u32::from_le_bytes(p[title..title + 4].try_into().expect("4 bytes"));
        let d = u32::from_le_bytes(p[description..description + 4].try_into().expect("4 bytes"));
        p[title..title + 4].copy_from_slice(&(t + 1).to_le_bytes());
        p[description..description + 4].copy_from_slice(&(d - 1).to_le_bytes());
    });
    if let Some(loaded) = read(&changed, &key()) {
        assert!(loaded.dataset != dataset);
    }
    // A block's records saying its text is longer than the snapshot holds.
    let longer = with_payload(&bytes, |p| p[16 + 12] = p[16 + 12].wrapping_add(200));
    assert!(read(&longer, &key()).is_none());
}

#[test]
fn a_snapshot_of_another_state_of_the_file_is_stale() {
    let dataset = rare_dataset();
    let bytes = write(&dataset, &[], &key()).expect("written");
    assert!(read(&bytes, &key()).is_some());
    let changes: [fn(&mut SourceKey); 6] = [
        |k| k.size += 1,
        |k| k.modified_ns += 1,
        |k| k.file_id += 1,
        |k| k.path = PathBuf::from("/data/other.csv"),
        |k| k.columns.clear(),
        |k| k.columns[0].1 = "Title".to_owned(),
    ];
    for change in changes {
        let mut other = key();
        change(&mut other);
        assert!(read(&bytes, &other).is_none(), "{other:?}");
    }
}

#[test]
fn a_snapshot_of_another_version_is_ignored() {
    let mut bytes = write(&rare_dataset(), &[], &key()).expect("written");
    bytes[16..20].copy_from_slice(&(VERSION + 1).to_le_bytes());
    assert!(read(&bytes, &key()).is_none());
    assert!(read_unverified(&bytes).is_none());
}

#[test]
fn the_key_holds_the_column_mapping() {
    let dir = tempfile::tempdir().expect("folder");
    let file = dir.path().join("a.csv");
    std::fs::write(&file, "x").expect("written");
    let plain = SourceKey::of(&file, &ColumnMap::default()).expect("key");
    let mapped =
        SourceKey::of(&file, &ColumnMap(vec![(Field::Title, "Name".to_owned())])).expect("key");
    assert_ne!(plain, mapped);
    assert_eq!(
        mapped.columns,
        vec![("title".to_owned(), "Name".to_owned())]
    );
    assert_eq!(plain.size, 1);
    assert!(plain.path.is_absolute());
}

/// Every byte of a small snapshot changed, in two ways: never a panic; with the checksum,
/// never a dataset other than the one written.
#[test]
fn every_damaged_byte_is_refused_or_harmless() {
    let dataset = rare_dataset();
    let bytes = write(&dataset, &notes(), &key()).expect("written");
    let mut accepted_unverified = 0;
    for i in 0..bytes.len() {
        for flip in [0x01, 0x80, 0xFF] {
            let mut damaged = bytes.clone();
            damaged[i] ^= flip;
            if let Some(loaded) = read(&damaged, &key()) {
                assert_same(&loaded, &dataset, &notes());
            }
            accepted_unverified += usize::from(read_unverified(&damaged).is_some());
        }
    }
    // Behind the checksum the checks refuse most damage too (text changed within a field may
    // read: a title of other letters).
    assert!(accepted_unverified < bytes.len(), "{accepted_unverified}");
}

#[test]
fn every_truncation_is_refused() {
    let bytes = write(&rare_dataset(), &notes(), &key()).expect("written");
    for len in 0..bytes.len() {
        assert!(read(&bytes[..len], &key()).is_none(), "{len}");
        assert!(read_unverified(&bytes[..len]).is_none(), "{len}");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(read(&longer, &key()).is_none());
}

/// Rewrites the payload of a snapshot with `change`, with a checksum that matches it: what a
/// bug in a writer would produce. The reader's own checks must catch it.
fn with_payload(bytes: &[u8], change: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let key_len = u32::from_le_bytes(bytes[20..24].try_into().expect("4 bytes")) as usize;
    let at = 24 + key_len;
    let mut payload = bytes[at + 16..].to_vec();
    change(&mut payload);
    let mut out = bytes[..at].to_vec();
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&hash(&payload).to_le_bytes());
    out.extend_from_slice(&payload);
    out
}

/// A change made to a payload.
type Change = Box<dyn FnOnce(&mut Vec<u8>)>;

#[test]
fn a_payload_with_a_good_checksum_is_still_checked() {
    let dataset = rare_dataset();
    let bytes = write(&dataset, &[], &key()).expect("written");
    assert!(read(&with_payload(&bytes, |_| ()), &key()).is_some());
    // One block: the records come first, then the text.
    let count = u32::from_le_bytes(bytes_at(&bytes, 0)) as usize;
    let records = 16;
    let text = records + count * RECORD;
    let cases: Vec<(&str, Change)> = vec![
        ("more events than records", Box::new(|p| p[0] += 1)),
        (
            "lengths that do not add up",
            Box::new(move |p| p[records] += 1),
        ),
        ("importance 0", Box::new(move |p| p[records + 28] = 0)),
        ("importance 6", Box::new(move |p| p[records + 28] = 6)),
        ("unknown flag", Box::new(move |p| p[records + 29] |= 4)),
        ("theme out of range", Box::new(move |p| p[records + 27] = 1)),
        ("not UTF-8", Box::new(move |p| p[text] = 0xFF)),
        ("no events per part", Box::new(|p| p[12..16].fill(0))),
        (
            "too many events per part",
            Box::new(|p| p[12..16].copy_from_slice(&(1u32 << 21).to_le_bytes())),
        ),
        ("no JSON", Box::new(|p| p.truncate(p.len() - 1))),
    ];
    for (what, change) in cases {
        assert!(
            read(&with_payload(&bytes, change), &key()).is_none(),
            "{what}"
        );
    }
}

fn bytes_at(snapshot: &[u8], offset: usize) -> [u8; 4] {
    let key_len = u32::from_le_bytes(snapshot[20..24].try_into().expect("4 bytes")) as usize;
    let at = 24 + key_len + 16 + offset;
    snapshot[at..at + 4].try_into().expect("4 bytes")
}

#[test]
fn a_date_that_does_not_parse_is_refused() {
    let mut e = Event::new("a", "A", date("1855"));
    e.end = Some(date("1856"));
    let dataset = Dataset::new(Meta::default(), Theme::defaults(), Vec::new(), vec![e]).0;
    let bytes = write(&dataset, &[], &key()).expect("written");
    let text_len = u32::from_le_bytes(bytes_at(&bytes, 4)) as usize;
    // The text, after the one record, is "aA18551856": the start's first digit becomes a
    // letter, then the end is made to come before the start.
    let start = 16 + RECORD + 2;
    assert!(read(&with_payload(&bytes, |p| p[start] = b'x'), &key()).is_none());
    assert!(read(&with_payload(&bytes, |p| p[start + 3] = b'9'), &key()).is_none());
    assert_eq!(text_len, 10);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Random damage behind the checksum (several bytes changed) never panics.
    #[test]
    fn random_damage_never_panics(changes in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
        // Parts of two events: several parts.
        let bytes = write_in_parts(&rare_dataset(), &notes(), &key(), 2).expect("written");
        let mut damaged = bytes.clone();
        for (i, b) in changes {
            let i = i.index(damaged.len());
            damaged[i] = b;
        }
        let _ = read_unverified(&damaged);
        if let Some(loaded) = read(&damaged, &key()) {
            prop_assert!(loaded.dataset == rare_dataset());
        }
    }

    /// Any bytes after a good header: never a panic.
    #[test]
    fn any_payload_never_panics(payload in prop::collection::vec(any::<u8>(), 0..600)) {
        let bytes = write(&Dataset::default(), &[], &key()).expect("written");
        let _ = read(&with_payload(&bytes, |p| *p = payload.clone()), &key());
        let _ = read_unverified(&with_payload(&bytes, |p| *p = payload));
    }
}
