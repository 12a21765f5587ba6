//! Tests for lane packing, culling and label choice.

use super::*;
use crate::model::{Dataset, Event, HistDate, Meta, Theme};
use crate::timeline::arrange::LaneArrangement;
use crate::timeline::hit::event_at;
use crate::timeline::layout_fit::{Focus, fit, rows_that_fit, share};
use crate::timeline::view::TimeView;

fn date(s: &str) -> HistDate {
    HistDate::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn event(id: &str, theme: &str, start: &str, end: Option<&str>, importance: u8) -> Event {
    let mut e = Event::new(id, format!("Event {id}"), date(start));
    e.end = end.map(date);
    e.theme = theme.into();
    e.set_importance(importance);
    e
}

fn dataset(events: Vec<Event>) -> Dataset {
    Dataset::new(Meta::default(), Theme::defaults(), vec![], events).0
}

/// A deterministic spread of points and ranges over 1800–1900.
fn crowd(n: usize) -> Dataset {
    let themes = ["diplomacy", "war", "territory"];
    let mut events = Vec::new();
    let mut seed: u64 = 7;
    for i in 0..n {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let year = 1800 + (seed >> 33) % 100;
        let month = 1 + (seed >> 20) % 12;
        let start = format!("{year}-{month:02}");
        let end = (i % 3 == 0).then(|| format!("{}", year + (seed >> 40) % 8));
        let importance = 1 + ((seed >> 50) % 5) as u8;
        events.push(event(
            &format!("e{i}"),
            themes[i % 3],
            &start,
            end.as_deref(),
            importance,
        ));
    }
    dataset(events)
}

fn measure(s: &str) -> f32 {
    s.chars().count() as f32 * 7.0
}

fn mapping(from: i64, to: i64) -> TimeMapping {
    let a = crate::model::date::axis_from_year(from);
    let b = crate::model::date::axis_from_year(to);
    TimeMapping::new(TimeView::new(a, b - a), 100.0, 1200.0)
}

/// Labels never overlap other labels, nor lie over another item's marker, in a row.
fn assert_labels_clear(l: &Layout, what: &str) {
    for lane in &l.lanes {
        for row in 0..lane.rows {
            let mut spans: Vec<(f32, f32)> = lane
                .items
                .iter()
                .filter(|i| i.row == row && i.label.is_some())
                .map(Item::extent)
                .collect();
            spans.sort_by(|a, b| a.0.total_cmp(&b.0));
            for w in spans.windows(2) {
                assert!(w[0].1 <= w[1].0, "{what}: {:?} overlaps {:?}", w[0], w[1]);
            }
        }
        for item in lane
            .items
            .iter()
            .filter(|i| i.label.is_some_and(|l| !l.inside))
        {
            let Some(l) = item.label else { continue };
            for other in lane
                .items
                .iter()
                .filter(|o| o.row == item.row && o.event != item.event)
            {
                // Within a point: a marker may touch a label's padding, never its text.
                let overlap = l.x < other.x1 - 1.0 && other.x0 + 1.0 < l.x + l.width;
                assert!(
                    !overlap,
                    "{what}: label of {} covers {}",
                    item.event, other.event
                );
            }
        }
    }
}

#[test]
fn labelled_items_never_overlap_in_a_row() {
    let d = crowd(300);
    let p = Params::default();
    for (from, to) in [(1800, 1900), (1850, 1860), (1855, 1856)] {
        let l = layout(&d, &Filter::default(), &mapping(from, to), &p, &mut measure);
        assert_labels_clear(&l, &format!("{from}-{to}"));
        for lane in &l.lanes {
            assert!(lane.rows <= p.max_rows);
        }
    }
}

#[test]
fn markers_stack_into_sub_rows_when_they_overlap() {
    let d = dataset(vec![
        event("a", "war", "1904", Some("1905"), 3),
        event("b", "war", "1904-06", Some("1905-03"), 3),
        event("c", "war", "1904-09", None, 3),
    ]);
    let l = layout(
        &d,
        &Filter::default(),
        &mapping(1900, 1910),
        &Params::default(),
        &mut measure,
    );
    let war = &l.lanes[1];
    let rows: Vec<usize> = war.items.iter().map(|i| i.row).collect();
    assert_eq!(war.rows, 3, "{rows:?}");
    assert!(war.height > l.lanes[0].height);
}

#[test]
fn culling_keeps_exactly_the_events_in_view() {
    let d = crowd(500);
    let m = mapping(1850, 1860);
    let f = Filter {
        min_importance: 2,
        ..Filter::default()
    };
    let l = layout(&d, &f, &m, &Params::default(), &mut measure);
    let expected = d
        .events()
        .iter()
        .filter(|e| f.passes(e) && e.axis_end() > m.view.start && e.axis_start() < m.view.end())
        .count();
    let shown: usize = l.lanes.iter().map(|l| l.items.len()).sum();
    assert_eq!(shown, expected);
    assert_eq!(l.visible_events, expected);
}

#[test]
fn hidden_themes_have_no_lane() {
    let d = crowd(30);
    let mut f = Filter::default();
    f.hidden_themes.insert("war".into());
    let l = layout(
        &d,
        &f,
        &mapping(1800, 1900),
        &Params::default(),
        &mut measure,
    );
    let ids: Vec<&str> = l
        .lanes
        .iter()
        .map(|l| d.themes()[l.theme].id.as_str())
        .collect();
    assert_eq!(ids, vec!["diplomacy", "territory"]);
}

#[test]
fn importance_decides_which_labels_survive() {
    // Two points a day apart at a coarse zoom: only one label fits in each row, and the rows
    // are limited to one here.
    let d = dataset(vec![
        event("minor", "war", "1904-02-08", None, 1),
        event("major", "war", "1904-02-09", None, 5),
    ]);
    let p = Params {
        max_rows: 1,
        ..Params::default()
    };
    let l = layout(
        &d,
        &Filter::default(),
        &mapping(1850, 1950),
        &p,
        &mut measure,
    );
    let items = &l.lanes[1].items;
    assert_eq!(items.len(), 2);
    let labelled: Vec<&str> = items
        .iter()
        .filter(|i| i.label.is_some())
        .map(|i| d.events()[i.event].id())
        .collect();
    assert_eq!(labelled, vec!["major"]);
}

#[test]
fn every_shown_item_can_be_hit_at_its_marker() {
    let d = crowd(60);
    let p = Params::default();
    let l = layout(
        &d,
        &Filter::default(),
        &mapping(1850, 1870),
        &p,
        &mut measure,
    );
    for lane in &l.lanes {
        for item in &lane.items {
            let y = lane.row_center(item.row, &p);
            let x = (item.x0 + item.x1) * 0.5;
            let hit = event_at(&l, &p, x, y);
            assert!(hit.is_some());
            let hit_item = lane.items.iter().find(|i| Some(i.event) == hit);
            assert!(hit_item.is_some_and(|h| h.row == item.row));
        }
    }
    assert_eq!(event_at(&l, &p, 50.0, l.height + 10.0), None);
}

#[test]
fn a_view_crossed_by_many_spans_keeps_every_event_starting_in_it() {
    // 400 long spans crossing 1855, and 20 events starting in 1855.
    let mut events: Vec<Event> = (0..400)
        .map(|i| event(&format!("span{i}"), "war", "1850", Some("1860"), 5))
        .collect();
    events.extend((0..20).map(|i| {
        event(
            &format!("p{i}"),
            "war",
            &format!("1855-{:02}", i % 12 + 1),
            None,
            1,
        )
    }));
    let d = dataset(events);
    let m = mapping(1855, 1856);
    let l = layout(&d, &Filter::default(), &m, &Params::default(), &mut measure);
    let lane = &l.lanes[1];
    assert_eq!(lane.level, Level::Detail);
    assert_eq!(
        l.visible_events, 420,
        "the status bar counts everything in view"
    );
    assert!(
        lane.items.len() <= lod::DETAIL_LIMIT,
        "{}",
        lane.items.len()
    );
    for i in 0..20 {
        let id = format!("p{i}");
        assert!(
            lane.items.iter().any(|it| d.events()[it.event].id() == id),
            "{id} starts in view and is drawn"
        );
    }
}

#[test]
fn a_label_goes_left_of_its_marker_when_the_right_is_taken() {
    // "late" is placed first (more important), labelled to its right; "early" three years
    // before it would cover its marker to the right, so its label goes left, in the one row there is.
    let d = dataset(vec![
        event("early", "war", "1877", None, 1),
        event("late", "war", "1880", None, 5),
    ]);
    let p = Params {
        max_rows: 1,
        ..Params::default()
    };
    let l = layout(
        &d,
        &Filter::default(),
        &mapping(1800, 1900),
        &p,
        &mut measure,
    );
    let items = &l.lanes[1].items;
    let early = items.iter().find(|i| d.events()[i.event].id() == "early");
    let label = early.and_then(|i| i.label.map(|l| (i.x0, l)));
    let Some((x0, label)) = label else {
        panic!("early is not labelled: {items:?}");
    };
    assert!(label.x + label.width <= x0, "{label:?} is left of {x0}");
    assert_labels_clear(&l, "left");
}

/// The shared layout of `d` at 1800–1900 into `height` points.
fn fitted(d: &Dataset, height: f32, focus: Focus<'_>) -> Layout {
    let m = mapping(1800, 1900);
    fit(d, &Filter::default(), &m, height, focus, &mut measure).0
}

#[test]
fn lanes_share_the_height_by_need_and_count_what_they_hide() {
    let p = Params::default();
    // Most events in the war lane: it needs, and gets, the most rows.
    let mut events: Vec<Event> = (0..60)
        .map(|i| event(&format!("w{i}"), "war", &format!("{}", 1800 + i), None, 3))
        .collect();
    events.extend((0..6).map(|i| {
        event(
            &format!("d{i}"),
            "diplomacy",
            &format!("{}", 1810 + 15 * i),
            None,
            3,
        )
    }));
    events.push(event("t", "territory", "1850", None, 3));
    let d = dataset(events);
    for height in [60.0, 120.0, 200.0, 400.0, 2000.0] {
        let l = fitted(&d, height, Focus::default());
        assert_labels_clear(&l, &format!("{height}"));
        let [diplomacy, war, territory] = &l.lanes[..] else {
            panic!("three lanes");
        };
        for lane in &l.lanes {
            assert!(lane.rows >= 1, "{height}: a row of markers at least");
            assert!(lane.rows <= lane.need);
            assert_eq!(lane.hidden() + lane.labelled(), lane.visible);
            let drawn = lane.items.iter().filter(|i| i.label.is_some()).count();
            assert_eq!(
                lane.hidden(),
                lane.visible - drawn,
                "+N is in view minus labelled"
            );
        }
        assert!(
            war.rows >= diplomacy.rows && war.rows >= territory.rows,
            "{height}"
        );
        let fits = rows_that_fit(height, 3, &p) >= 3;
        if fits {
            assert!(l.height <= height, "{height}: {} tall", l.height);
        }
    }
    // With room for all, nothing is hidden; with little, the war lane hides some and says so.
    let roomy = fitted(&d, 2000.0, Focus::default());
    assert!(
        roomy.lanes.iter().all(|l| l.hidden() == 0),
        "{:?}",
        roomy.lanes.iter().map(Lane::hidden).collect::<Vec<_>>()
    );
    let tight = fitted(&d, 120.0, Focus::default());
    assert!(tight.lanes[1].hidden() > 0);
    assert!(tight.lanes[1].labelled() < roomy.lanes[1].labelled());
}

#[test]
fn an_expanded_lane_gets_its_rows_first() {
    let d = crowd(150);
    let plain = fitted(&d, 200.0, Focus::default());
    let expanded = fitted(
        &d,
        200.0,
        Focus {
            selected: None,
            expanded: Some(2),
            ..Focus::default()
        },
    );
    assert!(
        expanded.lanes[2].rows > plain.lanes[2].rows,
        "{} vs {}",
        expanded.lanes[2].rows,
        plain.lanes[2].rows
    );
    assert!(expanded.lanes[2].labelled() > plain.lanes[2].labelled());
    assert!(expanded.lanes[0].rows <= plain.lanes[0].rows);
    assert_labels_clear(&expanded, "expanded");
}

#[test]
fn the_selected_label_always_shows() {
    let d = crowd(300);
    let m = mapping(1800, 1900);
    for selected in (0..300).step_by(7) {
        let focus = Focus {
            selected: Some(selected),
            ..Focus::default()
        };
        let (l, _) = fit(&d, &Filter::default(), &m, 60.0, focus, &mut measure);
        let Some((_, item)) = l.find(selected) else {
            continue; // merged into a cluster at this view
        };
        assert!(
            item.label.is_some(),
            "{selected} is selected and unlabelled"
        );
    }
}

#[test]
fn share_gives_needs_when_they_fit_and_rows_where_they_label_most_otherwise() {
    let g = |v: &[usize]| v.to_vec();
    let gains = [g(&[3, 1]), g(&[4, 2, 1]), g(&[5, 4, 3, 1])];
    assert_eq!(share(10, &[1, 1, 1], &gains, None), vec![2, 3, 4]);
    // Six rows: the third lane's second and third rows label more than anyone's second.
    assert_eq!(share(6, &[1, 1, 1], &gains, None), vec![1, 2, 3]);
    // A small lane is not starved by a big one whose later rows label little.
    let big = vec![1; 30];
    let rows = share(12, &[1, 1], &[big, g(&[4, 3, 2])], None);
    assert_eq!(rows, vec![9, 3]);
    let rows = share(12, &[1, 3, 1], &[g(&[2; 5]), g(&[1; 3]), g(&[3; 20])], None);
    assert_eq!(rows.iter().sum::<usize>(), 12);
    assert!(rows[2] > rows[0] && rows[1] == 3, "{rows:?}");
    // The expanded lane first.
    assert_eq!(share(6, &[1, 1, 1], &gains, Some(0)), vec![2, 1, 3]);
    // Minimums hold even when they overflow.
    assert_eq!(
        share(1, &[1, 3], &[g(&[1; 4]), g(&[1; 3])], None),
        vec![1, 3]
    );
}

#[test]
fn selecting_an_event_already_labelled_moves_nothing() {
    let d = crowd(120);
    let m = mapping(1800, 1900);
    let (plain, _) = fit(
        &d,
        &Filter::default(),
        &m,
        200.0,
        Focus::default(),
        &mut measure,
    );
    let labelled: Vec<usize> = plain
        .lanes
        .iter()
        .flat_map(|l| &l.items)
        .filter(|i| i.label.is_some() && i.cluster.is_none())
        .map(|i| i.event)
        .collect();
    assert!(labelled.len() > 10);
    for &selected in labelled.iter().step_by(5) {
        let focus = Focus {
            selected: Some(selected),
            ..Focus::default()
        };
        let (l, _) = fit(&d, &Filter::default(), &m, 200.0, focus, &mut measure);
        assert_eq!(l, plain, "selecting {selected} changed the layout");
    }
}

/// The lane of theme `theme` in a layout.
fn lane_of(l: &Layout, theme: usize) -> &Lane {
    l.lanes
        .iter()
        .find(|lane| lane.theme == theme)
        .unwrap_or_else(|| panic!("no lane {theme}"))
}

#[test]
fn lanes_go_in_the_arranged_order() {
    let d = crowd(60);
    let mut a = LaneArrangement::default();
    a.move_lane(d.themes(), "territory", Some("diplomacy"));
    let focus = Focus {
        arrangement: &a,
        ..Focus::default()
    };
    let l = fitted(&d, 600.0, focus);
    let themes: Vec<usize> = l.lanes.iter().map(|lane| lane.theme).collect();
    assert_eq!(themes, [2, 0, 1]);
    assert_eq!(l.lanes[0].top, 0.0);
    for pair in l.lanes.windows(2) {
        assert_eq!(pair[1].top, pair[0].top + pair[0].height);
    }
}

#[test]
fn a_collapsed_lane_takes_one_row_and_leaves_the_rest_to_the_others() {
    let d = crowd(150);
    let plain = fitted(&d, 400.0, Focus::default());
    assert!(
        lane_of(&plain, 1).rows > 1,
        "the war lane uses several rows"
    );
    let mut a = LaneArrangement::default();
    a.set_collapsed("war", true);
    let focus = Focus {
        arrangement: &a,
        ..Focus::default()
    };
    let collapsed = fitted(&d, 400.0, focus);
    assert_eq!(lane_of(&collapsed, 1).rows, 1);
    assert_eq!(
        lane_of(&collapsed, 1).height,
        lane_height(1, &Params::default())
    );
    let others = |l: &Layout| lane_of(l, 0).labelled() + lane_of(l, 2).labelled();
    assert!(others(&collapsed) > others(&plain), "the others label more");
    assert!(
        lane_of(&collapsed, 1).hidden() > 0,
        "the badge says what it hides"
    );
}

#[test]
fn a_sized_lane_keeps_its_height_even_with_few_events() {
    // Two events in the diplomacy lane need one row; the user made it five rows tall.
    let d = dataset(vec![
        event("a", "diplomacy", "1820", None, 3),
        event("b", "diplomacy", "1860", None, 3),
        event("c", "war", "1850", None, 3),
    ]);
    let mut a = LaneArrangement::default();
    a.set_height("diplomacy", Some(5));
    let focus = Focus {
        arrangement: &a,
        ..Focus::default()
    };
    let l = fitted(&d, 600.0, focus);
    let p = Params::default();
    assert_eq!(l.lanes[0].rows, 5);
    assert_eq!(l.lanes[0].height, lane_height(5, &p));
    assert_eq!(
        l.lanes[1].top, l.lanes[0].height,
        "the next lane moves down"
    );
    assert_eq!(
        l.height,
        l.lanes.iter().map(|lane| lane.height).sum::<f32>()
    );
    // A crowded lane sized to two rows keeps two, even with room for more.
    let crowded = crowd(150);
    a.set_height("war", Some(2));
    let focus = Focus {
        arrangement: &a,
        ..Focus::default()
    };
    assert_eq!(lane_of(&fitted(&crowded, 600.0, focus), 1).rows, 2);
}

#[test]
fn a_label_with_a_names_line_is_as_wide_as_its_longer_line_in_taller_rows() {
    let mut war = event("war", "war", "1904-02-08", Some("1905-09-05"), 5);
    war.set_title("War");
    war.more_mut()
        .names
        .insert("ru".into(), "Русско-японская война".into());
    let d = dataset(vec![war]);
    let m = mapping(1890, 1920);
    let width = |names_line: bool| {
        let focus = Focus {
            names_line,
            ..Focus::default()
        };
        let (l, p) = fit(&d, &Filter::default(), &m, 400.0, focus, &mut measure);
        assert_eq!(p.names_line, names_line);
        let (_, item) = l
            .find(0)
            .unwrap_or_else(|| panic!("the war is not laid out"));
        let label = item.label.unwrap_or_else(|| panic!("the war has no label"));
        (label.width, p.row_height)
    };
    let (plain, plain_row) = width(false);
    let (named, named_row) = width(true);
    assert_eq!(plain, measure("War"));
    assert_eq!(named, measure("Русско-японская война") * NAMES_LINE_SCALE);
    assert!(named_row > plain_row, "{named_row} vs {plain_row}");
}
