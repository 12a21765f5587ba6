//! The embedded Japan–Russia dataset: loads, is consistent, and has the key events in the right
//! lanes with the right dates.

use std::collections::HashSet;

use chronolane::io::{DEFAULT_DATASET_JSON, default_dataset, json};
use chronolane::model::{Dataset, Precision};

fn dataset() -> Dataset {
    match json::parse(DEFAULT_DATASET_JSON) {
        Ok((d, notes)) => {
            assert!(notes.is_empty(), "notes: {notes:?}");
            d
        }
        Err(problems) => panic!("default dataset has problems: {problems:?}"),
    }
}

#[test]
fn loads_and_matches_the_embedded_copy() {
    let d = dataset();
    assert!(d.events().len() >= 30, "{} events", d.events().len());
    assert_eq!(d, default_dataset());
    let from_file =
        chronolane::io::load_path(std::path::Path::new("data/japan-russia-1778-1922.json"));
    assert!(from_file.is_ok_and(|l| l.dataset == d));
}

#[test]
fn ids_are_unique_and_events_sorted() {
    let d = dataset();
    let ids: HashSet<&str> = d
        .events()
        .iter()
        .map(chronolane::model::Event::id)
        .collect();
    assert_eq!(ids.len(), d.events().len());
    for w in d.events().to_vec().windows(2) {
        assert!(
            w[0].axis_start() <= w[1].axis_start(),
            "{} before {}",
            w[0].id(),
            w[1].id()
        );
    }
}

#[test]
fn three_default_lanes_each_with_events() {
    let d = dataset();
    let ids: Vec<&str> = d.themes().iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["diplomacy", "war", "territory"]);
    for t in d.themes() {
        assert!(
            d.count_in(&t.id) >= 5,
            "lane {} has {}",
            t.id,
            d.count_in(&t.id)
        );
    }
    let colors: HashSet<_> = d.themes().iter().map(|t| t.color).collect();
    assert_eq!(colors.len(), 3);
}

#[test]
fn every_event_is_complete() {
    let d = dataset();
    for e in d.events() {
        assert!(
            !e.title().is_empty() && !e.description().is_empty(),
            "{}",
            e.id()
        );
        assert!((1..=5).contains(&e.importance()), "{}", e.id());
        assert!(!e.sources().is_empty(), "{} has no source", e.id());
        if let Some(end) = &e.end {
            assert!(end.axis_end() > e.start().axis_start(), "{}", e.id());
        }
    }
}

#[test]
fn spans_the_article() {
    let d = dataset();
    let first = &d.events()[0];
    assert_eq!(first.start().earliest().year, 1778);
    assert!(first.title().contains("Lebedev"), "{}", first.title());
    let last_start = d.events().iter().map(|e| e.start().earliest().year).max();
    assert_eq!(last_start, Some(1922));
}

fn find<'a>(d: &'a Dataset, words: &str) -> &'a chronolane::model::Event {
    d.events()
        .iter()
        .find(|e| e.title().contains(words))
        .unwrap_or_else(|| panic!("no event titled with {words:?}"))
}

#[test]
fn key_events_in_the_right_lane_with_the_right_dates() {
    let d = dataset();
    let shimoda = find(&d, "Shimoda");
    assert_eq!(
        (shimoda.theme.as_str(), &*shimoda.start().edtf()),
        ("diplomacy", "1855-02-07")
    );
    assert_eq!(shimoda.start().in_words(), "7 February 1855");
    let portsmouth = find(&d, "Treaty of Portsmouth");
    assert_eq!(
        (portsmouth.theme.as_str(), &*portsmouth.start().edtf()),
        ("diplomacy", "1905-09-05")
    );
    let war = find(&d, "Russo-Japanese War");
    assert_eq!(war.theme, "war");
    assert_eq!(war.when_in_words(), "8 February 1904 – 5 September 1905");
    let stp = find(&d, "Treaty of Saint Petersburg");
    assert_eq!(stp.start().earliest().year, 1875);
    assert_eq!(stp.theme, "territory");
    let golovnin = find(&d, "Golovnin");
    assert_eq!(golovnin.start().earliest().year, 1811);
    assert!(
        golovnin
            .end
            .as_ref()
            .is_some_and(|e| e.earliest().year == 1813)
    );
    let alliance = find(&d, "Anglo-Japanese Alliance");
    assert!(
        alliance
            .end
            .as_ref()
            .is_some_and(|e| e.earliest().year == 1923)
    );
    let putyatin = d
        .events()
        .iter()
        .filter(|e| e.title().contains("Putyatin") || e.description().contains("Putyatin"))
        .count();
    assert!(putyatin >= 2);
    // A year stays a year.
    let committee = d.events().iter().find(|e| e.start().edtf() == "1842");
    assert!(committee.is_some_and(|e| e.start().precision() == Precision::Year));
}

#[test]
fn eras_include_meiji() {
    let d = dataset();
    let meiji = d.eras().iter().find(|e| e.label.contains("Meiji"));
    assert!(
        meiji.is_some_and(|m| m.start.earliest().year == 1868 && m.end.earliest().year == 1912)
    );
}
