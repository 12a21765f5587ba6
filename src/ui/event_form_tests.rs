//! Tests of the event form: dates read as the importer reads them, ids and themes of new
//! events, names and links.

use super::*;
use crate::io::csv_preview::DateReading;
use crate::model::{Meta, Theme};

fn dataset() -> Dataset {
    let form = EventForm {
        title: "Treaty of Shimoda".into(),
        start: "1855-02-07".into(),
        ..EventForm::new_event("diplomacy")
    };
    let d = Dataset::new(Meta::default(), Theme::defaults(), vec![], vec![]).0;
    let made = form.to_edit(&d).ok().flatten().map(|f| f.edit.apply(&d));
    match made {
        Some(Ok(d)) => d,
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_typed_date_reads_as_the_importer_reads_it() {
    let d = dataset();
    let form = EventForm {
        title: "Kuril".into(),
        start: "7 Feb 1855".into(),
        ..EventForm::new_event("diplomacy")
    };
    let check = form.check(&d);
    assert_eq!(
        check.dates.start,
        DateReading::Date {
            words: "7 February 1855".into(),
            precision: "known to the day".into()
        }
    );
    assert!(check.is_valid());
    let bad = EventForm {
        start: "next spring".into(),
        ..form
    };
    let check = bad.check(&d);
    assert!(!check.is_valid());
    let problem = check.first_problem().unwrap_or_default();
    assert!(
        problem.starts_with("start \"next spring\" is not a date"),
        "{problem}"
    );
    assert!(bad.to_edit(&d).is_err(), "an invalid field makes no edit");
}

#[test]
fn a_new_event_gets_an_id_from_its_title_and_a_new_theme_its_own_lane() {
    let d = dataset();
    assert_eq!(d.events()[0].id(), "treaty-of-shimoda");
    let form = EventForm {
        title: "Treaty of Shimoda".into(),
        start: "1855".into(),
        theme: NEW_THEME.into(),
        new_theme: "Trade routes".into(),
        tags: "treaty; Kuril Islands".into(),
        ..EventForm::new_event("")
    };
    let made = form.to_edit(&d).ok().flatten();
    let Some(FormEdit { name, edit, id }) = made else {
        panic!("no edit")
    };
    assert_eq!(name, "New event 'Treaty of Shimoda'");
    assert_eq!(id, "treaty-of-shimoda-2");
    let after = edit.apply(&d).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(after.themes()[3].label, "Trade routes");
    let e = after.by_id(&id).unwrap_or_else(|| panic!("added"));
    assert_eq!((e.theme.as_str(), e.tags().len()), ("trade-routes", 2));
}

#[test]
fn the_form_of_an_event_changes_nothing_until_a_field_changes() {
    let d = dataset();
    let form = EventForm::of(&d.events()[0]);
    assert_eq!(form.to_edit(&d), Ok(None));
    let renamed = EventForm {
        title: "Treaty of Commerce".into(),
        ..form
    };
    let made = renamed.to_edit(&d).ok().flatten();
    assert_eq!(
        made.map(|m| m.name).as_deref(),
        Some("Edit 'Treaty of Shimoda'")
    );
}

#[test]
fn names_and_links_read_as_in_a_csv_file_and_links_find_events_by_title() {
    let d = dataset();
    let form = EventForm {
        title: "Crimean War ends".into(),
        start: "1856".into(),
        names: "ja=クリミア戦争; ru=Крымская война".into(),
        links: vec![LinkRow {
            kind: "leads to".into(),
            to: "treaty of shimoda".into(),
        }],
        ..EventForm::new_event("war")
    };
    let check = form.check(&d);
    assert!(check.is_valid(), "{:?}", check.first_problem());
    assert_eq!(
        check.link_targets,
        vec![Some("Treaty of Shimoda".to_owned())]
    );
    let Ok(Some(made)) = form.to_edit(&d) else {
        panic!("the form should make an event")
    };
    let Edit::AddEvent(e) = made.edit else {
        panic!("{:?}", made.edit)
    };
    assert_eq!(
        e.names().get("ru").map(String::as_str),
        Some("Крымская война")
    );
    assert_eq!(
        e.links(),
        vec![Link {
            to: "treaty-of-shimoda".into(),
            kind: "leads to".into()
        }]
    );
    // The form of the event gives the same fields back.
    let again = EventForm::of(&e);
    assert_eq!(again.names, "ja=クリミア戦争; ru=Крымская война");
    assert_eq!(again.links[0].to, "treaty-of-shimoda");
}

#[test]
fn a_name_or_link_that_does_not_read_keeps_the_form_from_applying() {
    let d = dataset();
    let with = |names: &str, kind: &str, to: &str, target: FormTarget| EventForm {
        title: "Something".into(),
        start: "1856".into(),
        names: names.into(),
        links: vec![LinkRow {
            kind: kind.into(),
            to: to.into(),
        }],
        target,
        ..EventForm::new_event("war")
    };
    let problem = |f: EventForm| f.check(&d).first_problem().unwrap_or_default();
    assert!(problem(with("日露戦争", "", "", FormTarget::New)).contains("language=name"));
    assert!(problem(with("", "leads to", "nowhere", FormTarget::New)).contains("\"nowhere\""));
    assert!(problem(with("", "", "treaty-of-shimoda", FormTarget::New)).contains("its kind"));
    let own = FormTarget::Edit("treaty-of-shimoda".into());
    assert!(problem(with("", "part of", "treaty-of-shimoda", own)).contains("itself"));
    assert!(with("", "", "", FormTarget::New).check(&d).is_valid());
}

#[test]
fn an_old_style_event_is_edited_in_old_style_and_keeps_what_the_file_wrote() {
    let d = dataset();
    let mut shimoda = d
        .by_id("treaty-of-shimoda")
        .cloned()
        .unwrap_or_else(|| panic!("in the dataset"));
    // As a file with `"calendar": "julian"` gives it.
    shimoda.more_mut().original = Some(OriginalDates {
        calendar: crate::model::InputCalendar::Julian,
        start: "1855-01-26".into(),
        end: None,
    });
    let d = Edit::ReplaceEvent {
        before: Box::new(
            d.by_id("treaty-of-shimoda")
                .cloned()
                .unwrap_or_else(|| panic!()),
        ),
        after: Box::new(shimoda.clone()),
    }
    .apply(&d)
    .unwrap_or_else(|e| panic!("{e:?}"));
    let form = EventForm::of(&shimoda);
    assert_eq!(form.start, "1855-01-26 O.S.");
    match &form.check(&d).dates.start {
        DateReading::Date { words, .. } => assert_eq!(words, "7 February 1855"),
        other => panic!("{other:?}"),
    }
    // Unchanged, the form changes nothing (what the file wrote stays).
    assert_eq!(form.to_edit(&d), Ok(None));
    // A day later, in Old Style: the Gregorian day moves, and the typed text is kept.
    let later = EventForm {
        start: "27 January 1855 O.S.".into(),
        ..form.clone()
    };
    let Ok(Some(made)) = later.to_edit(&d) else {
        panic!("should change the treaty")
    };
    let Edit::ReplaceEvent { after, .. } = made.edit else {
        panic!("{:?}", made.edit)
    };
    assert_eq!(after.start().edtf(), "1855-02-08");
    let original = after.original().map(|o| o.start.as_str());
    assert_eq!(original, Some("27 January 1855 O.S."));
    // Typed without O.S., the date is Gregorian and nothing Old Style is kept to write back.
    let gregorian = EventForm {
        start: "1855-02-09".into(),
        ..form
    };
    let Ok(Some(made)) = gregorian.to_edit(&d) else {
        panic!("should change the treaty")
    };
    let Edit::ReplaceEvent { after, .. } = made.edit else {
        panic!("{:?}", made.edit)
    };
    assert_eq!(
        (&*after.start().edtf(), after.original().is_none()),
        ("1855-02-09", true)
    );
}
