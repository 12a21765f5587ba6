//! Dates in the Julian calendar (Old Style) in the window: a treaty the dataset dates as the
//! Russian side did is placed on its Gregorian day, and the details give both.

use chronolane::io::ColumnMap;
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
    assert_eq!(selected.title, "Treaty of Shimoda");
    assert_eq!(selected.start.edtf(), "1855-02-07");
    h.get_by_label("7 February 1855 (26 January O.S.)");
}
