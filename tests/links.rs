//! Links between events in the window: the details panel lists them as buttons that select the
//! other event, and View ▸ Show all links draws every link in view.

mod common;

use chronolane::io::ColumnMap;
use chronolane::ui::App;
use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The app as it starts, with the system's fonts for the names in Japanese (which the details
/// panel shows under the titles; `.ci/run` installs `fonts-noto-cjk`).
fn harness() -> Harness<'static, App> {
    Harness::builder()
        .with_size(vec2(1400.0, 800.0))
        .with_max_steps(12)
        .build_eframe(|cc| App::new(cc, None, ColumnMap::default()))
}

fn selected_title(h: &Harness<'_, App>) -> Option<String> {
    h.state()
        .probe()
        .selected_event
        .map(|e| e.title().to_string())
}

#[test]
fn the_war_is_ended_by_the_treaty_and_the_link_selects_it() {
    let mut h = harness();
    h.run();
    common::select_by_search(&mut h, "Russo-Japanese War");
    assert_eq!(selected_title(&h).as_deref(), Some("Russo-Japanese War"));
    // Its battles are part of it; the negotiations led to it.
    assert!(h.query_by_label("Part of Battle of Mukden").is_none());
    h.get_by_label("Includes Battle of Mukden");
    h.get_by_label("Follows from Negotiations over Korea and Manchuria fail");
    h.get_by_label("Ended by Treaty of Portsmouth").click();
    h.run();
    assert_eq!(selected_title(&h).as_deref(), Some("Treaty of Portsmouth"));
    // The treaty's own links, and the way back to the war.
    h.get_by_label("Ends Russo-Japanese War");
    h.get_by_label("Leads to Southern Sakhalin ceded to Japan");
}

#[test]
fn names_in_their_own_scripts_show_under_the_title_and_are_searched() {
    let mut h = harness();
    h.run();
    common::select_by_search(&mut h, "日露戦争");
    assert_eq!(selected_title(&h).as_deref(), Some("Russo-Japanese War"));
    h.get_by_label("日露戦争");
    h.get_by_label("Русско-японская война");
    let mut h = harness();
    h.run();
    common::select_by_search(&mut h, "Портсмутский");
    assert_eq!(selected_title(&h).as_deref(), Some("Treaty of Portsmouth"));
    h.get_by_label("ポーツマス条約");
}

#[test]
fn show_all_links_is_a_view_toggle_remembered_between_runs() {
    let mut h = harness();
    h.run();
    assert!(!common::remembered(h.state_mut()).show_all_links);
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Show all links").click();
    h.run();
    assert!(common::remembered(h.state_mut()).show_all_links);
}
