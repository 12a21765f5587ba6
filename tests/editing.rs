//! Making and changing events in the real window: the form (Ctrl+N, Enter or E, the Edit
//! button), dates read live as the importer reads them, invalid fields kept out of the dataset,
//! Delete, Duplicate, and Undo / Redo by keys and by the Edit menu, which names the step.

use chronolane::ui::App;
use chronolane::ui::state::Persisted;
use egui::{Key, Modifiers, Role, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

mod common;

use common::{drag_holding, replace_in, type_into};

fn harness() -> Harness<'static, App> {
    common::window_with_fonts(1400.0, 800.0, 40)
}

fn count(h: &Harness<'_, App>) -> usize {
    h.state().probe().dataset.events().len()
}

/// Selects the event with this id and opens its form with E, as a user would.
fn edit_event(h: &mut Harness<'_, App>, id: &str) {
    let i = h.state().probe().dataset.index_of(id);
    let i = i.unwrap_or_else(|| panic!("{id} is not in the dataset"));
    h.state_mut()
        .push(chronolane::ui::command::Command::Select(Some(i)));
    h.run();
    h.key_press(Key::E);
    h.run();
}

fn selected_title(h: &Harness<'_, App>) -> String {
    h.state()
        .probe()
        .selected_event
        .map(|e| e.title().to_string())
        .unwrap_or_default()
}

#[test]
fn ctrl_n_makes_an_event_from_the_form_reading_the_date_as_the_importer_does() {
    let mut h = harness();
    let before = count(&h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    assert!(h.state().probe().form.is_some(), "Ctrl+N opens the form");
    h.get_by_label("New event");
    // The title field has the keyboard at once.
    h.get_by_role_and_label(Role::TextInput, "Title")
        .type_text("Putyatin reaches Shimoda");
    h.run();
    type_into(&mut h, Role::TextInput, "Start", "7 Feb 1855");
    h.get_by_label("7 Feb 1855 = 7 February 1855, known to the day");
    h.key_press(Key::Enter);
    h.run();
    let p = h.state().probe();
    assert!(p.form.is_none(), "Enter applied the form");
    assert_eq!(count(&h), before + 1);
    let e = p
        .selected_event
        .unwrap_or_else(|| panic!("the new event is selected"));
    assert_eq!(
        (e.title(), &*e.start().edtf(), e.id()),
        (
            "Putyatin reaches Shimoda",
            "1855-02-07",
            "putyatin-reaches-shimoda"
        )
    );
    assert_eq!(p.undo_name, Some("New event 'Putyatin reaches Shimoda'"));
    assert!(p.dirty && p.title.starts_with('•'), "{}", p.title);
}

#[test]
fn an_invalid_field_stays_red_and_never_reaches_the_dataset_and_esc_cancels() {
    let mut h = harness();
    let original = h.state().probe().dataset.clone();
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    type_into(&mut h, Role::TextInput, "Title", "Spring fair");
    type_into(&mut h, Role::TextInput, "Start", "next spring");
    h.get_by_label_contains("start \"next spring\" is not a date");
    h.key_press(Key::Enter);
    h.run();
    assert!(h.state().probe().form.is_some(), "the form stays open");
    assert_eq!(*h.state().probe().dataset, original);
    // An end before the start is refused too, with the loader's reason.
    replace_in(&mut h, "Start", "1855");
    type_into(&mut h, Role::TextInput, "End", "1850");
    h.get_by_label_contains("end \"1850\" is before start \"1855\"");
    h.key_press(Key::Escape);
    h.run();
    let p = h.state().probe();
    assert!(p.form.is_none(), "Esc closes the form");
    assert_eq!(*p.dataset, original);
    assert!(!p.dirty && p.undo_name.is_none());
}

#[test]
fn e_edits_the_selected_event_and_undo_redo_walk_the_steps_by_key_and_menu() {
    let mut h = harness();
    let original = h.state().probe().dataset.clone();
    edit_event(&mut h, "treaty-of-shimoda");
    h.get_by_label("Edit event");
    replace_in(&mut h, "Title", "Treaty of Shimoda (Russian text)");
    h.get_by_label("Apply").click();
    h.run();
    assert_eq!(selected_title(&h), "Treaty of Shimoda (Russian text)");
    assert_eq!(
        h.state().probe().undo_name,
        Some("Edit 'Treaty of Shimoda'")
    );
    // Duplicate, then Delete the copy.
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    assert_eq!(
        selected_title(&h),
        "Treaty of Shimoda (Russian text) (copy)"
    );
    assert_eq!(count(&h), original.events().len() + 1);
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(count(&h), original.events().len());
    assert_eq!(h.state().probe().selected, None);

    // The Edit menu (the menu bar's, before the details panel's Edit button) names the step
    // it undoes.
    h.query_all_by_label("Edit")
        .next()
        .unwrap_or_else(|| panic!("the Edit menu"))
        .click();
    h.run();
    h.get_by_label("Undo Delete 'Treaty of Shimoda (Russian text) (copy)' Ctrl+Z")
        .click();
    h.run();
    assert_eq!(count(&h), original.events().len() + 1);
    for _ in 0..2 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    assert_eq!(
        *h.state().probe().dataset,
        original,
        "undone to the original"
    );
    assert!(!h.state().probe().dirty);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(selected_title(&h), "Treaty of Shimoda (Russian text)");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(count(&h), original.events().len() + 1, "Ctrl+Y redoes too");
}

#[test]
fn dragging_an_event_into_another_lane_gives_it_that_theme_in_one_step() {
    let mut h = harness();
    let original = h.state().probe().dataset.clone();
    let i = original
        .index_of("treaty-of-shimoda")
        .unwrap_or_else(|| panic!("in the dataset"));
    h.state_mut()
        .push(chronolane::ui::command::Command::Select(Some(i)));
    h.run();
    let from = h
        .state()
        .probe()
        .selected_marker
        .unwrap_or_else(|| panic!("drawn"))
        .center();
    let war = h.get_by_label("War lane").rect();
    drag_holding(
        &mut h,
        from,
        egui::pos2(from.x, war.center().y),
        Modifiers::NONE,
    );
    let p = h.state().probe();
    let moved = p.selected_event.unwrap_or_else(|| panic!("still selected"));
    assert_eq!(moved.theme, "war");
    assert_eq!(
        moved.start(),
        original.events()[i].start(),
        "dropped at the same date"
    );
    assert_eq!(p.undo_name, Some("Move 'Treaty of Shimoda'"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(*h.state().probe().dataset, original);

    // A drag on empty space still pans the view.
    let view = h.state().probe().view;
    let r = h.get_by_label("Timeline").rect();
    // On the time axis, above the lanes (whose lower edges resize them).
    let empty = egui::pos2(r.right() - 30.0, r.top() + 20.0);
    drag_holding(&mut h, empty, empty - vec2(100.0, 0.0), Modifiers::NONE);
    assert!(h.state().probe().view.start > view.start, "panned later");
    assert_eq!(*h.state().probe().dataset, original);
}

#[test]
fn double_clicking_empty_lane_space_opens_a_new_event_there() {
    // Steps short enough for two clicks to make a double-click.
    let mut h = Harness::builder()
        .with_size(vec2(1400.0, 800.0))
        .with_max_steps(40)
        .with_step_dt(0.02)
        .build_eframe(|cc| {
            // The dataset's names in Japanese and Russian need the system's fonts.
            chronolane::fonts::install(&cc.egui_ctx);
            App::with_state(Persisted::default())
        });
    h.run();
    let war = h.get_by_label("War lane").rect();
    let timeline = h.get_by_label("Timeline").rect();
    // The right end of the War lane's last row is empty (the data ends in 1922).
    let p = egui::pos2(timeline.right() - 12.0, war.bottom() - 6.0);
    h.event(egui::Event::PointerMoved(p));
    h.step();
    for _ in 0..2 {
        for pressed in [true, false] {
            h.event(egui::Event::PointerButton {
                pos: p,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            });
            h.step();
        }
    }
    h.run();
    let form = h.state().probe().form.cloned();
    let form = form.unwrap_or_else(|| panic!("the form opened"));
    assert_eq!(form.theme, "war");
    // The whole dataset is in view (about 150 years): the start is a year.
    assert_eq!(form.start.len(), 4, "{}", form.start);
    assert!(form.start.as_str() > "1900", "{}", form.start);
    h.get_by_label("New event");
}

#[test]
fn file_properties_edits_the_title_and_description_in_one_undo_step() {
    let mut h = harness();
    let original = h.state().probe().dataset.clone();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Properties…").click();
    h.run();
    replace_in(&mut h, "Title", "Japan and Russia");
    let description = h.get_by_role_and_label(Role::MultilineTextInput, "Description");
    description.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_role_and_label(Role::MultilineTextInput, "Description")
        .type_text("Two empires, 1778–1922.");
    h.run();
    h.get_by_label("Apply").click();
    h.run();
    let p = h.state().probe();
    assert_eq!(p.dataset.meta.title, "Japan and Russia");
    assert_eq!(p.dataset.meta.description, "Two empires, 1778–1922.");
    assert_eq!(p.dataset.events(), original.events());
    assert_eq!(p.undo_name, Some("Edit the properties"));
    assert!(p.title.starts_with("• Japan and Russia"), "{}", p.title);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(*h.state().probe().dataset, original);
}

#[test]
fn dragging_the_end_of_a_bar_moves_that_end_only_in_one_step() {
    let mut h = harness();
    let original = h.state().probe().dataset.clone();
    let i = original
        .index_of("russo-japanese-war")
        .unwrap_or_else(|| panic!("in the dataset"));
    let war = original.events()[i].clone();
    h.state_mut()
        .push(chronolane::ui::command::Command::Select(Some(i)));
    // Three years in view: the bar is wide.
    h.state_mut()
        .push(chronolane::ui::command::Command::SetView(
            chronolane::timeline::TimeView::new(war.axis_start() - 365.0, 365.0 * 3.0),
        ));
    h.run();
    let p = h.state().probe();
    let bar = p.selected_marker.unwrap_or_else(|| panic!("drawn"));
    let dx = (30.0 / p.days_per_point) as f32;
    let from = egui::pos2(bar.right() - 2.0, bar.center().y);
    drag_holding(&mut h, from, from + vec2(dx, 0.0), Modifiers::NONE);
    let p = h.state().probe();
    let e = p.selected_event.unwrap_or_else(|| panic!("still selected"));
    assert_eq!(e.start(), war.start(), "the start stays");
    assert_eq!(
        e.end
            .as_ref()
            .map(chronolane::model::HistDate::to_string)
            .as_deref(),
        Some("1905-10-05")
    );
    assert_eq!(p.undo_name, Some("Change the end of 'Russo-Japanese War'"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(*h.state().probe().dataset, original);
}

#[test]
fn names_and_links_are_edited_in_the_form_and_undone_in_one_step() {
    // Tall enough for the whole form.
    let mut h = common::window_with_fonts(1400.0, 1600.0, 40);
    let original = h.state().probe().dataset.clone();
    edit_event(&mut h, "otsu-incident");
    type_into(
        &mut h,
        Role::TextInput,
        "Names in other scripts",
        "ja=大津事件",
    );
    h.get_by_label("Add link").click();
    h.run();
    type_into(&mut h, Role::TextInput, "Kind of link 1", "leads to");
    type_into(
        &mut h,
        Role::TextInput,
        "The event link 1 leads to: its id or title",
        "Treaty of Portsmouth",
    );
    // The form finds the event by its title and says so.
    h.get_by_label("→ Treaty of Portsmouth");
    h.get_by_label("Apply").click();
    h.run();
    let otsu = h.state().probe().selected_event.cloned();
    let otsu = otsu.unwrap_or_else(|| panic!("nothing selected"));
    assert_eq!(otsu.names().get("ja").map(String::as_str), Some("大津事件"));
    assert_eq!(otsu.links().len(), 1);
    assert_eq!(otsu.links()[0].to, "treaty-of-portsmouth");
    assert_eq!(otsu.links()[0].kind, "leads to");
    // The details list the new link; one undo gives the dataset back.
    h.get_by_label("Leads to Treaty of Portsmouth");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().probe().dataset.events(), original.events());
}
