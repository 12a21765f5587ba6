//! Lanes and eras edited in the real window (Edit ▸ Lanes & eras…, a lane's menu): a lane added,
//! renamed as typed, given an event, deleted with its events moved to another lane (asked in a
//! modal), eras added, changed and deleted, each one undo step named in the Edit menu, undone
//! back to the original dataset exactly; and Shift-drag's finer steps.

use chronolane::ui::App;
use chronolane::ui::command::Command;
use egui::{Key, Modifiers, Role, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

mod common;

use common::{drag_holding, replace_in, type_into};

fn harness() -> Harness<'static, App> {
    common::window_with_fonts(1400.0, 800.0, 40)
}

fn undo(h: &mut Harness<'_, App>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
}

/// Opens the menu bar's Edit menu (before the details panel's Edit button) and clicks `entry`.
fn edit_menu(h: &mut Harness<'_, App>, entry: &str) {
    h.query_all_by_label("Edit")
        .next()
        .unwrap_or_else(|| panic!("the Edit menu"))
        .click();
    h.run();
    h.get_by_label(entry).click();
    h.run();
}

fn undo_name(h: &Harness<'_, App>) -> Option<String> {
    h.state().probe().undo_name.map(str::to_owned)
}

/// Selects the event `id` and gives the centre of its marker.
fn select(h: &mut Harness<'_, App>, id: &str) -> egui::Pos2 {
    let i = h.state().probe().dataset.index_of(id);
    let i = i.unwrap_or_else(|| panic!("{id} is in the dataset"));
    h.state_mut().push(Command::Select(Some(i)));
    h.run();
    h.state()
        .probe()
        .selected_marker
        .unwrap_or_else(|| panic!("{id} is drawn"))
        .center()
}

#[test]
fn a_new_lane_is_renamed_given_an_event_and_deleted_moving_it_then_all_undone_exactly() {
    let mut h = harness();
    let original = h.state().probe().dataset.clone();

    edit_menu(&mut h, "Lanes & eras…");
    type_into(&mut h, Role::TextInput, "New lane", "Trade");
    h.get_by_label("Add lane").click();
    h.run();
    let themes = h.state().probe().dataset.themes().to_vec();
    assert_eq!(themes.len(), original.themes().len() + 1);
    let trade = themes.last().unwrap_or_else(|| panic!("a lane"));
    assert_eq!(
        (trade.id.as_str(), trade.label.as_str()),
        ("trade", "Trade")
    );
    assert_eq!(undo_name(&h).as_deref(), Some("New lane 'Trade'"));

    // Renamed as typed, in two goes: one step.
    replace_in(&mut h, "Trade lane name", "Comm");
    type_into(&mut h, Role::TextInput, "Comm lane name", "erce");
    let p = h.state().probe();
    assert_eq!(p.dataset.themes()[3].label, "Commerce");
    assert_eq!(p.undo_name, Some("Rename lane 'Trade'"));
    // Esc closes the window (the timeline is under it).
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("Add lane").is_none(), "the window closed");

    // An event dragged into the new lane.
    let from = select(&mut h, "treaty-of-shimoda");
    let lane = h.get_by_label("Commerce lane").rect();
    drag_holding(
        &mut h,
        from,
        egui::pos2(from.x, lane.center().y),
        Modifiers::NONE,
    );
    let moved = h.state().probe().selected_event.cloned();
    assert_eq!(moved.map(|e| e.theme.to_string()).as_deref(), Some("trade"));

    // Deleted from its menu: the modal asks where its event goes; War is chosen (hidden by the
    // filter: it is shown again, so the event is seen where it went).
    h.state_mut().push(Command::ToggleTheme("war".into()));
    h.run();
    h.get_by_label("Commerce lane").click_secondary();
    h.run();
    h.get_by_label("Delete lane…").click();
    h.run();
    h.get_by_label("Delete the Commerce lane?");
    h.get_by_role(Role::ComboBox).click();
    h.run();
    h.get_by_role_and_label(Role::Button, "War").click();
    h.run();
    h.get_by_label("Delete the lane").click();
    h.run();
    let p = h.state().probe();
    assert_eq!(p.dataset.themes(), original.themes());
    assert_eq!(
        p.dataset.events().len(),
        original.events().len(),
        "no event deleted"
    );
    let e = p.dataset.by_id("treaty-of-shimoda");
    assert_eq!(e.map(|e| e.theme.as_str()), Some("war"));
    assert_eq!(p.undo_name, Some("Delete lane 'Commerce'"));
    assert!(p.filter.hidden_themes.is_empty(), "War is shown again");

    // The Edit menu names the step; four undos give back the original exactly.
    edit_menu(&mut h, "Undo Delete lane 'Commerce' Ctrl+Z");
    assert_eq!(h.state().probe().dataset.themes().len(), 4);
    for _ in 0..3 {
        undo(&mut h);
    }
    assert_eq!(*h.state().probe().dataset, original);
    assert!(!h.state().probe().dirty);
}

#[test]
fn a_lanes_menu_renames_it_and_recolours_it_from_the_palette() {
    let mut h = harness();
    let original = h.state().probe().dataset.clone();
    h.get_by_label("War lane").click_secondary();
    h.run();
    h.get_by_label("Rename…").click();
    h.run();
    // The name field has the keyboard, its text selected: typing replaces it.
    h.get_by_role_and_label(Role::TextInput, "War lane name")
        .type_text("Conflicts");
    h.run();
    let p = h.state().probe();
    assert_eq!(p.dataset.themes()[1].label, "Conflicts");
    assert_eq!(p.undo_name, Some("Rename lane 'War'"));
    h.key_press(Key::Escape);
    h.run();

    h.get_by_label("Conflicts lane").click_secondary();
    h.run();
    h.get_by_label("Colour…").click();
    h.run();
    h.get_by_label("Palette colour 4").click();
    h.run();
    let p = h.state().probe();
    assert_eq!(
        p.dataset.themes()[1].color,
        chronolane::model::event::LANE_PALETTE[3]
    );
    assert_eq!(p.undo_name, Some("Recolour lane 'Conflicts'"));
    assert_eq!(p.dataset.events(), original.events());
    undo(&mut h);
    undo(&mut h);
    assert_eq!(*h.state().probe().dataset, original);
}

#[test]
fn eras_are_added_changed_and_deleted_each_in_one_undo_step() {
    let mut h = harness();
    let original = h.state().probe().dataset.clone();
    edit_menu(&mut h, "New era…");
    type_into(&mut h, Role::TextInput, "Era name", "Treaty ports");
    type_into(&mut h, Role::TextInput, "Era start", "4 Jul 1859");
    h.get_by_label("4 Jul 1859 = 4 July 1859, known to the day");
    h.get_by_label_contains("end is missing");
    type_into(&mut h, Role::TextInput, "Era end", "1899");
    h.get_by_label("Add era").click();
    h.run();
    let p = h.state().probe();
    assert_eq!(p.dataset.eras().len(), original.eras().len() + 1);
    let era = p.dataset.eras().iter().find(|e| e.label == "Treaty ports");
    let era = era.unwrap_or_else(|| panic!("added"));
    assert_eq!(
        (&*era.start.edtf(), &*era.end.edtf()),
        ("1859-07-04", "1899")
    );
    assert_eq!(p.undo_name, Some("New era 'Treaty ports'"));

    h.get_by_label("Edit era Treaty ports").click();
    h.run();
    replace_in(&mut h, "Era end", "17 Jul 1899");
    h.get_by_label("Apply era").click();
    h.run();
    let p = h.state().probe();
    let era = p.dataset.eras().iter().find(|e| e.label == "Treaty ports");
    assert_eq!(
        era.map(|e| e.end.to_string()).as_deref(),
        Some("1899-07-17")
    );
    assert_eq!(p.undo_name, Some("Edit era 'Treaty ports'"));
    assert_eq!(p.dataset.events(), original.events());

    h.get_by_label("Delete era Treaty ports").click();
    h.run();
    let p = h.state().probe();
    assert_eq!(p.dataset.eras(), original.eras());
    assert_eq!(p.undo_name, Some("Delete era 'Treaty ports'"));
    undo(&mut h);
    assert_eq!(
        h.state().probe().dataset.eras().len(),
        original.eras().len() + 1
    );
    undo(&mut h);
    undo(&mut h);
    assert_eq!(*h.state().probe().dataset, original);
}

#[test]
fn shift_drag_moves_a_year_known_event_by_a_month_not_a_year() {
    let mut h = harness();
    let original = h.state().probe().dataset.clone();
    let id = "putyatin-mission-revived";
    let e = original
        .by_id(id)
        .unwrap_or_else(|| panic!("in the dataset"));
    assert_eq!((&*e.start().edtf(), e.end.as_ref()), ("1852", None));
    // Four years in view: a month is about 20 points.
    h.state_mut()
        .push(Command::SetView(chronolane::timeline::TimeView::new(
            e.axis_start() - 365.0 * 2.0,
            365.0 * 4.0,
        )));
    h.run();
    let from = select(&mut h, id);
    let dx = (31.0 / h.state().probe().days_per_point) as f32;
    drag_holding(&mut h, from, from + vec2(dx, 0.0), Modifiers::SHIFT);
    let p = h.state().probe();
    let moved = p.selected_event.unwrap_or_else(|| panic!("still selected"));
    assert_eq!(moved.start().edtf(), "1852-02", "a month later, not a year");
    assert!(
        p.undo_name.is_some_and(|n| n.starts_with("Move '")),
        "{:?}",
        p.undo_name
    );
    undo(&mut h);
    assert_eq!(*h.state().probe().dataset, original);
    // Without Shift the same drag is less than half a year: no move.
    let from = select(&mut h, id);
    drag_holding(&mut h, from, from + vec2(dx, 0.0), Modifiers::NONE);
    assert_eq!(*h.state().probe().dataset, original);
}
