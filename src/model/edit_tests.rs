//! Tests of [`super`]: undo and redo, merged steps, refused edits.

use super::*;
use crate::model::HistDate;

fn date(s: &str) -> HistDate {
    HistDate::parse(s).unwrap_or_else(|e| panic!("{e}"))
}

fn event(id: &str, title: &str, start: &str) -> Event {
    let mut e = Event::new(id, title, date(start));
    e.theme = "diplomacy".into();
    e.set_importance(3);
    e
}

fn dataset() -> Dataset {
    Dataset::new(
        Meta::default(),
        Theme::defaults(),
        Vec::new(),
        vec![event("a", "Treaty of Shimoda", "1855-02-07")],
    )
    .0
}

fn ok<T>(r: Result<T, EditError>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn undo_and_redo_walk_the_steps_and_name_them() {
    let d0 = dataset();
    let mut h = History::default();
    let d1 = ok(h.apply(
        &d0,
        "New event 'Kuril'",
        Edit::AddEvent(event("b", "Kuril", "1875")),
        None,
    ));
    let mut moved = d1.events()[0].clone();
    moved.set_start(date("1856-02-07"));
    let d2 = ok(h.apply(
        &d1,
        "Move 'Treaty of Shimoda'",
        Edit::ReplaceEvent {
            before: Box::new(d1.events()[0].clone()),
            after: Box::new(moved),
        },
        None,
    ));
    assert_eq!(h.undo_name(), Some("Move 'Treaty of Shimoda'"));
    assert!(!h.is_saved());
    let (back1, step) = ok(h.undo(&d2).unwrap_or_else(|| panic!("a step")));
    assert_eq!(step.name, "Move 'Treaty of Shimoda'");
    assert_eq!(back1, d1);
    let (back0, _) = ok(h.undo(&back1).unwrap_or_else(|| panic!("a step")));
    assert_eq!(back0, d0);
    assert!(h.is_saved(), "back where it was opened");
    assert!(h.undo(&back0).is_none());
    assert_eq!(h.redo_name(), Some("New event 'Kuril'"));
    let (again, _) = ok(h.redo(&back0).unwrap_or_else(|| panic!("a step")));
    assert_eq!(again, d1);
}

#[test]
fn typing_in_one_field_is_one_step() {
    let d0 = dataset();
    let mut h = History::default();
    let mut d = d0.clone();
    for title in ["T", "Tr", "Tre"] {
        let before = d.events()[0].clone();
        let mut after = before.clone();
        after.set_title(title);
        d = ok(h.apply(
            &d,
            "Edit title",
            Edit::ReplaceEvent {
                before: Box::new(before),
                after: Box::new(after),
            },
            Some("title:a".into()),
        ));
    }
    assert_eq!(h.len(), 1);
    assert_eq!(d.events()[0].title(), "Tre");
    let (back, _) = ok(h.undo(&d).unwrap_or_else(|| panic!("a step")));
    assert_eq!(back, d0);
}

#[test]
fn invalid_edits_change_nothing() {
    let d0 = dataset();
    let mut h = History::default();
    let dup = h.apply(&d0, "x", Edit::AddEvent(event("a", "Again", "1900")), None);
    assert_eq!(dup, Err(EditError::DuplicateId("a".into())));
    let untitled = h.apply(&d0, "x", Edit::AddEvent(event("z", " ", "1900")), None);
    assert_eq!(untitled, Err(EditError::NoTitle));
    let mut lane = event("z", "Z", "1900");
    lane.theme = "science".into();
    assert_eq!(
        h.apply(&d0, "x", Edit::AddEvent(lane.clone()), None),
        Err(EditError::NoSuchTheme("science".into()))
    );
    // With the theme added in the same step, it applies, and undoes to the original.
    let theme = Theme::generated("science", &[]);
    let group = Edit::Group(vec![
        Edit::AddTheme { index: 3, theme },
        Edit::AddEvent(lane),
    ]);
    let d1 = ok(h.apply(&d0, "New event 'Z'", group, None));
    assert_eq!(d1.themes().len(), 4);
    let (back, _) = ok(h.undo(&d1).unwrap_or_else(|| panic!("a step")));
    assert_eq!(back, d0);
    assert_eq!(h.len(), 0, "the failed edits made no step");
}

#[test]
fn an_edit_after_undoing_past_the_save_leaves_it_unsaved_for_good() {
    let d0 = dataset();
    let mut h = History::default();
    let d1 = ok(h.apply(&d0, "a", Edit::AddEvent(event("b", "B", "1900")), None));
    h.mark_saved();
    assert!(h.is_saved());
    let (d0b, _) = ok(h.undo(&d1).unwrap_or_else(|| panic!("a step")));
    assert!(!h.is_saved());
    let _ = ok(h.apply(&d0b, "c", Edit::AddEvent(event("c", "C", "1901")), None));
    assert!(!h.is_saved());
}
