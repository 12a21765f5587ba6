//! Property tests of editing: any sequence of edits (events, lanes and eras), undone step by
//! step, gives back the dataset it started from exactly; and whatever the edits made is saved and reopened as it is (JSON:
//! the whole dataset; CSV: the same events).

#[path = "common/event_parts.rs"]
mod event_parts;

use chronolane::io::{csv, json};
use chronolane::model::edit_lanes::{self, Named};
use chronolane::model::{Dataset, Edit, Era, Event, HistDate, History, Meta, Rgb, Theme};
use proptest::prelude::*;

/// One thing a user does: add an event, delete the n-th, replace the n-th with other fields
/// (keeping its id, or with a new one), or add a lane and an event in it at once; add, rename,
/// recolour, move or delete (its events to another) the n-th lane; add an era, change or delete
/// the n-th.
#[derive(Clone, Debug)]
enum Op {
    Add(Event),
    Delete(usize),
    Replace(usize, Event, bool),
    AddInNewLane(Event, String),
    AddLane(String),
    RenameLane(usize, String),
    RecolourLane(usize, [u8; 3]),
    MoveLane(usize, usize),
    DeleteLane(usize, usize),
    AddEra(Era),
    EditEra(usize, Era),
    DeleteEra(usize),
}

fn start() -> Dataset {
    let mut themes = Theme::defaults();
    themes.push(Theme::generated("=science", &[]));
    let events = vec![
        plain(
            "treaty-of-shimoda",
            "Treaty of Shimoda",
            "1855-02-07",
            "diplomacy",
        ),
        plain(
            "russo-japanese-war",
            "Russo-Japanese War",
            "1904-02-08",
            "war",
        ),
    ];
    Dataset::new(
        Meta {
            title: "Edits".into(),
            description: "A dataset to edit".into(),
            sources: Vec::new(),
        },
        themes,
        // Two eras starting the same year: undo must put each back in its place.
        vec![
            era_of("Meiji", "1868", "1912"),
            era_of("Boshin War", "1868", "1869"),
        ],
        events,
    )
    .0
}

fn era_of(label: &str, start: &str, end: &str) -> Era {
    let date = |s: &str| HistDate::parse(s).unwrap_or_else(|e| panic!("{e}"));
    Era {
        label: label.into(),
        start: date(start),
        end: date(end),
        color: None,
    }
}

fn plain(id: &str, title: &str, start: &str, theme: &str) -> Event {
    let start = HistDate::parse(start).unwrap_or_else(|e| panic!("{e}"));
    let mut e = Event::new(id, title, start);
    e.theme = theme.into();
    e.set_importance(3);
    e
}

/// The edit an operation makes on `d`, with its step's name; `None` when it has nothing to
/// work on (no event to delete).
fn edit_of(op: &Op, d: &Dataset) -> Option<(String, Edit)> {
    if let Some(made) = lane_edit_of(op, d) {
        return made.ok().map(|n| (n.name, n.edit));
    }
    let nth = |n: usize| d.events().get(n % d.events().len().max(1)).cloned();
    Some(match op {
        Op::Add(e) => (
            format!("New event '{}'", e.title()),
            Edit::AddEvent(e.clone()),
        ),
        Op::Delete(n) => {
            let e = nth(*n)?;
            (format!("Delete '{}'", e.title()), Edit::DeleteEvent(e))
        }
        Op::Replace(n, e, keep_id) => {
            let before = nth(*n)?;
            let mut after = e.clone();
            if *keep_id {
                after.set_id(before.id_text());
            }
            (
                format!("Edit '{}'", before.title()),
                Edit::ReplaceEvent {
                    before: Box::new(before),
                    after: Box::new(after),
                },
            )
        }
        Op::AddInNewLane(e, lane) => {
            let taken: Vec<_> = d.themes().iter().map(|t| t.color).collect();
            let theme = Theme::generated(lane, &taken);
            let mut e = e.clone();
            e.theme = lane.as_str().into();
            (
                format!("New event '{}'", e.title()),
                Edit::Group(vec![
                    Edit::AddTheme {
                        index: d.themes().len(),
                        theme,
                    },
                    Edit::AddEvent(e),
                ]),
            )
        }
        _ => return None,
    })
}

/// The edit of a lane or era operation (`None` for the others), or why it cannot be made.
fn lane_edit_of(op: &Op, d: &Dataset) -> Option<Result<Named, chronolane::model::EditError>> {
    let lane = |n: usize| {
        let themes = d.themes();
        themes[n % themes.len()].id.clone()
    };
    let era = |n: usize| n % d.eras().len().max(1);
    Some(match op {
        Op::AddLane(label) => edit_lanes::add_lane(d, label),
        Op::RenameLane(n, label) => edit_lanes::rename_lane(d, &lane(*n), label),
        Op::RecolourLane(n, rgb) => edit_lanes::recolour_lane(d, &lane(*n), Rgb(*rgb)),
        Op::MoveLane(n, to) => edit_lanes::move_lane(d, &lane(*n), to % d.themes().len())
            .and_then(|m| m.ok_or(chronolane::model::EditError::NoThemeLabel)),
        Op::DeleteLane(n, to) => edit_lanes::delete_lane(d, &lane(*n), Some(&lane(*to))),
        Op::AddEra(e) => edit_lanes::add_era(d, e.clone()),
        Op::EditEra(n, e) => edit_lanes::replace_era(d, era(*n), e.clone()),
        Op::DeleteEra(n) => edit_lanes::delete_era(d, era(*n)),
        _ => return None,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn undoing_every_step_gives_back_the_original_and_saving_keeps_the_edits(
        ops in proptest::collection::vec(op(), 1..16)
    ) {
        let original = start();
        let mut history = History::default();
        let mut d = original.clone();
        let mut states = vec![d.clone()];
        for op in &ops {
            let Some((name, edit)) = edit_of(op, &d) else { continue };
            // Edits that cannot apply (an id used twice, a lane that exists) change nothing.
            if let Ok(next) = history.apply(&d, name, edit, None) {
                d = next;
                states.push(d.clone());
            }
        }
        prop_assert_eq!(history.len(), states.len() - 1);

        // Saved as JSON and reopened: the same dataset.
        let text = json::to_string(&d);
        let back = json::parse(&text).map(|(b, _)| b);
        prop_assert_eq!(back.as_ref().ok(), Some(&d), "{}", text);
        // As CSV: the same events.
        let text = csv::dataset_to_string(&d);
        let back = csv::parse(&text, "x").map(|(b, _)| b.events().to_vec());
        prop_assert_eq!(back.ok(), Some(d.events().to_vec()), "{}", text);

        // Each undo gives back the state before its step, down to the original.
        states.pop();
        while let Some(step) = history.undo(&d) {
            let (before, _) = step.map_err(|e| TestCaseError::fail(e.to_string()))?;
            d = before;
            prop_assert_eq!(Some(&d), states.last());
            states.pop();
        }
        prop_assert_eq!(&d, &original);
        prop_assert!(history.is_saved());
    }
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => event().prop_map(Op::Add),
        2 => any::<usize>().prop_map(Op::Delete),
        3 => (any::<usize>(), event(), any::<bool>()).prop_map(|(n, e, k)| Op::Replace(n, e, k)),
        1 => (event(), prop::sample::select(vec!["science", "art", "=trade"]))
            .prop_map(|(e, l)| Op::AddInNewLane(e, l.to_owned())),
        1 => text().prop_map(Op::AddLane),
        1 => (any::<usize>(), text()).prop_map(|(n, l)| Op::RenameLane(n, l)),
        1 => (any::<usize>(), any::<[u8; 3]>()).prop_map(|(n, c)| Op::RecolourLane(n, c)),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(n, to)| Op::MoveLane(n, to)),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(n, to)| Op::DeleteLane(n, to)),
        1 => era().prop_map(Op::AddEra),
        1 => (any::<usize>(), era()).prop_map(|(n, e)| Op::EditEra(n, e)),
        1 => any::<usize>().prop_map(Op::DeleteEra),
    ]
}

fn era() -> impl Strategy<Value = Era> {
    (
        text(),
        date(),
        date(),
        proptest::option::of(any::<[u8; 3]>()),
    )
        .prop_filter_map("ends after it starts", |(label, start, end, color)| {
            (end.axis_end() > start.axis_start()).then(|| Era {
                label,
                start,
                end,
                color: color.map(Rgb),
            })
        })
}

/// Text as a user might type it, formula starters and separators included, trimmed.
fn text() -> impl Strategy<Value = String> {
    "[=+@'\"a-zA-Z0-9 ,;|\\\\<>ōé–-]{1,16}"
        .prop_map(|s| s.trim().to_owned())
        .prop_filter("not blank", |s| !s.is_empty())
}

fn date() -> impl Strategy<Value = HistDate> {
    (
        1i64..2100,
        1u8..=12,
        1u8..=28,
        0u8..3,
        prop::sample::select(vec!["", "~", "?"]),
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
        "[a-z]{1,6}",
        text(),
        date(),
        proptest::option::of(date()),
        prop::sample::select(vec!["diplomacy", "war", "territory", "=science"]),
        1u8..=5,
        proptest::option::of(text()),
        "[a-zA-Z .,\n]{0,30}",
        proptest::collection::vec(
            (text(), proptest::option::of("https://[a-z]{1,8}\\.org/")),
            0..2,
        ),
        proptest::collection::vec(text(), 0..3),
    )
        .prop_map(event_parts::event_from)
}
