//! Dates in the Julian calendar (Old Style) and in Japanese era years in the window: a treaty
//! the dataset dates as the Russian side did is placed on its Gregorian day, and the details give
//! it in every calendar that applies; View ▸ Second calendar adds its calendar to every event.

mod common;

use chronolane::io::ColumnMap;
use chronolane::timeline::second_row::SecondCalendar;
use chronolane::ui::App;
use egui::{Key, Role, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

#[test]
fn the_treaty_of_shimoda_reads_in_both_calendars() {
    // With the system's fonts: the details show the treaty's Japanese name.
    let mut h = Harness::builder()
        .with_size(vec2(1400.0, 800.0))
        .with_max_steps(12)
        .build_eframe(|cc| App::new(cc, None, ColumnMap::default()));
    h.run();
    let search = h.get_by_role_and_label(Role::TextInput, "Search");
    search.focus();
    search.type_text("Treaty of Shimoda");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let selected = h.state().probe().selected_event.cloned();
    let selected = selected.unwrap_or_else(|| panic!("nothing selected"));
    assert_eq!(selected.title(), "Treaty of Shimoda");
    assert_eq!(selected.start().edtf(), "1855-02-07");
    h.get_by_label("7 February 1855 (26 January O.S.; Ansei 1)");
}

/// Chooses View ▸ Second calendar ▸ `name` with the mouse.
fn choose_second_calendar(h: &mut Harness<'_, App>, name: &str) {
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Second calendar").hover();
    h.run();
    h.get_by_label(name).click();
    h.run();
}

#[test]
fn the_second_calendar_gives_every_event_its_dates_and_is_remembered() {
    let mut h = common::window_with_fonts(1400.0, 800.0, 12);
    // The Ōtsu incident was written in the Gregorian calendar and has no Japanese name: only the
    // Gregorian day, until a second calendar is chosen.
    common::select_by_search(&mut h, "Ōtsu incident");
    h.get_by_label("11 May 1891");
    choose_second_calendar(&mut h, "Japanese eras");
    h.get_by_label("11 May 1891 (Meiji 24)");
    assert_eq!(
        common::remembered(h.state_mut()).second_calendar,
        SecondCalendar::JapaneseEras
    );
    choose_second_calendar(&mut h, "Julian (O.S.)");
    h.get_by_label("11 May 1891 (29 April O.S.)");
    choose_second_calendar(&mut h, "None");
    h.get_by_label("11 May 1891");
    assert_eq!(
        common::remembered(h.state_mut()).second_calendar,
        SecondCalendar::None
    );
}

#[test]
fn names_under_labels_is_a_view_toggle_remembered_between_runs() {
    let mut h = common::window_with_fonts(1400.0, 800.0, 12);
    assert!(!common::remembered(h.state_mut()).names_on_labels);
    let rows_before: usize = h.state().probe().lanes.iter().map(|l| l.rows).sum();
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Names under labels").click();
    h.run();
    assert!(common::remembered(h.state_mut()).names_on_labels);
    // Two lines a label: the same height holds fewer, taller rows.
    let rows_after: usize = h.state().probe().lanes.iter().map(|l| l.rows).sum();
    assert!(
        rows_after < rows_before,
        "{rows_after} rows, {rows_before} before"
    );
}
