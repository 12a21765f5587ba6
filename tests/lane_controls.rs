//! The lane controls as a user meets them in a 1600 × 900 window: click a lane's name to
//! collapse it, drag it (or Alt+Up/Down) to reorder, drag a lane's lower edge to resize it, the
//! name's context menu shows only one lane or all of them; all of it remembered per dataset
//! after a restart, and each lane's name told to screen readers with its state.

use chronolane::ui::App;
use chronolane::ui::command::Command;
use chronolane::ui::state::Persisted;
use egui::{Key, Modifiers, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

mod common;

use common::drag;

fn harness_with(persisted: Persisted) -> Harness<'static, App> {
    common::window(1600.0, 900.0, persisted)
}

/// The shown lanes' theme ids, top to bottom.
fn order(h: &Harness<'_, App>) -> Vec<String> {
    h.state()
        .probe()
        .lanes
        .iter()
        .map(|l| l.theme.clone())
        .collect()
}

/// The sub-rows of a lane.
fn rows(h: &Harness<'_, App>, theme: &str) -> usize {
    h.state()
        .probe()
        .lanes
        .iter()
        .find(|l| l.theme == theme)
        .map_or_else(|| panic!("no {theme} lane"), |l| l.rows)
}

/// Whether the lane's name tells screen readers it is expanded.
fn expanded(h: &Harness<'_, App>, name: &str) -> Option<bool> {
    h.get_by_label(name).accesskit_node().data().is_expanded()
}

#[test]
fn clicking_a_lane_name_collapses_it_to_one_row_and_clicking_again_expands_it() {
    let mut h = harness_with(Persisted::default());
    let before = rows(&h, "war");
    let diplomacy = rows(&h, "diplomacy");
    assert!(before > 1, "the war lane starts with several rows");
    assert_eq!(expanded(&h, "War lane"), Some(true));
    h.get_by_label("War lane").click();
    h.run();
    assert_eq!(rows(&h, "war"), 1);
    assert_eq!(expanded(&h, "War lane"), Some(false));
    assert!(
        rows(&h, "diplomacy") >= diplomacy,
        "the others keep their rows or get more"
    );
    // The "+N" badge of the collapsed lane expands it too.
    h.get_by_label_contains("War lane: ").click();
    h.run();
    let lane = h
        .state()
        .probe()
        .lanes
        .iter()
        .find(|l| l.theme == "war")
        .cloned();
    let lane = lane.unwrap_or_else(|| panic!("no war lane"));
    assert!(lane.rows >= before, "{lane:?}");
    assert_eq!(lane.rows, lane.need, "the badge gives it the rows it needs");
    assert_eq!(expanded(&h, "War lane"), Some(true));
    h.get_by_label("War lane").click();
    h.run();
    h.get_by_label("War lane").click();
    h.run();
    assert_eq!(rows(&h, "war"), before, "clicking again expands it");
}

#[test]
fn lanes_move_with_alt_and_the_arrows_from_the_focused_name() {
    let mut h = harness_with(Persisted::default());
    assert_eq!(order(&h), ["diplomacy", "war", "territory"]);
    h.get_by_label("Territory lane").focus();
    h.run();
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
    h.run();
    assert_eq!(order(&h), ["diplomacy", "territory", "war"]);
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
    h.run();
    assert_eq!(order(&h), ["territory", "diplomacy", "war"]);
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
    h.run();
    assert_eq!(
        order(&h),
        ["territory", "diplomacy", "war"],
        "the top stays"
    );
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run();
    assert_eq!(order(&h), ["diplomacy", "territory", "war"]);
    assert!(
        h.get_by_label("Territory lane").is_focused(),
        "the focus follows"
    );
    // Enter collapses the focused lane.
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(rows(&h, "territory"), 1);
}

#[test]
fn dragging_a_lane_name_moves_the_lane() {
    let mut h = harness_with(Persisted::default());
    let territory = h.get_by_label("Territory lane").rect();
    let diplomacy = h.get_by_label("Diplomacy lane").rect();
    drag(
        &mut h,
        territory.center(),
        pos2(territory.center().x, diplomacy.top() + 10.0),
    );
    assert_eq!(order(&h), ["territory", "diplomacy", "war"]);
    assert_eq!(
        h.state().probe().selected,
        None,
        "nothing was selected on the way"
    );
}

#[test]
fn dragging_a_lanes_lower_edge_resizes_it_and_the_menu_gives_it_back_its_need() {
    let mut h = harness_with(Persisted::default());
    let need = rows(&h, "diplomacy");
    let name = h.get_by_label("Diplomacy lane").rect();
    assert!(need > 4, "{need}");
    // Three rows (22 points each) and the padding (6 above and below) from the lane's top.
    let edge = pos2(800.0, name.bottom());
    drag(&mut h, edge, pos2(800.0, name.top() + 12.0 + 3.0 * 22.0));
    assert_eq!(rows(&h, "diplomacy"), 3);
    assert_eq!(
        order(&h),
        ["diplomacy", "war", "territory"],
        "no lane moved"
    );
    let edge = h.get_by_label("Diplomacy lane height");
    assert_eq!(edge.accesskit_node().data().numeric_value(), Some(3.0));
    // Taller from the keyboard, one row at a time.
    h.get_by_label("Diplomacy lane").focus();
    h.run();
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowDown);
    h.run();
    assert_eq!(rows(&h, "diplomacy"), 4);
    h.get_by_label("Diplomacy lane").click_secondary();
    h.run();
    h.get_by_label("Automatic height").click();
    h.run();
    assert_eq!(rows(&h, "diplomacy"), need);
}

#[test]
fn the_context_menu_shows_only_one_lane_then_all() {
    let mut h = harness_with(Persisted::default());
    h.get_by_label("War lane").click_secondary();
    h.run();
    h.get_by_label("Show only this lane").click();
    h.run();
    assert_eq!(order(&h), ["war"]);
    assert!(h.query_by_label("Diplomacy lane").is_none());
    h.get_by_label("War lane").click_secondary();
    h.run();
    h.get_by_label("Show all lanes").click();
    h.run();
    assert_eq!(order(&h), ["diplomacy", "war", "territory"]);
    // From the keyboard: O on a focused name, then View ▸ Show all lanes's command.
    h.get_by_label("Territory lane").focus();
    h.run();
    h.key_press(Key::O);
    h.run();
    assert_eq!(order(&h), ["territory"]);
    h.key_press(Key::A);
    h.run();
    assert_eq!(order(&h), ["diplomacy", "war", "territory"]);
}

#[test]
fn the_arrangement_is_remembered_per_dataset_after_a_restart() -> std::io::Result<()> {
    let mut h = harness_with(Persisted::default());
    h.get_by_label("War lane").click();
    h.run();
    h.get_by_label("Territory lane").focus();
    h.run();
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
    h.run();
    h.state_mut()
        .push(Command::SetLaneHeight("diplomacy".into(), Some(4)));
    h.state_mut().push(Command::ToggleTheme("war".into()));
    h.run();
    assert_eq!(order(&h), ["diplomacy", "territory"]);
    h.state_mut().push(Command::ToggleTheme("war".into()));
    h.run();
    let arranged = order(&h);
    assert_eq!(arranged, ["diplomacy", "territory", "war"]);

    let remembered = common::remembered(h.state_mut());
    let mut h = harness_with(remembered);
    assert_eq!(order(&h), arranged);
    assert_eq!(rows(&h, "war"), 1, "still collapsed");
    assert_eq!(rows(&h, "diplomacy"), 4, "still four rows");

    // Another dataset has its own lanes, in its own order.
    let dir = tempfile::tempdir()?;
    let other = dir.path().join("other.csv");
    std::fs::write(
        &other,
        "title,start,theme\nA,1850,diplomacy\nB,1860,war\nC,1870,territory\n",
    )?;
    common::open(&mut h, other);
    assert_eq!(order(&h), ["diplomacy", "war", "territory"]);
    h.state_mut().push(Command::OpenEmbedded);
    h.run();
    assert_eq!(
        order(&h),
        arranged,
        "back to the embedded dataset's arrangement"
    );
    h.state_mut().push(Command::ResetLanes);
    h.run();
    assert_eq!(order(&h), ["diplomacy", "war", "territory"]);
    assert!(rows(&h, "war") > 1);
    Ok(())
}
