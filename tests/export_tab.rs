//! The Export tab of the side panel as a user meets it: Ctrl+E and the menu items open it, its
//! preview follows the settings (size, light or dark), it writes a PNG and an SVG, the tab is remembered
//! after a restart, and closing the window while a figure is written waits for it. (What the preview adds to a frame is in `cargo bench --bench frame`.)

use chronolane::ui::App;
use chronolane::ui::command::Command;
use chronolane::ui::panels::export::PREVIEW_LABEL;
use chronolane::ui::parts::PathPurpose;
use chronolane::ui::state::{Persisted, SideTab};
use egui::{Key, Modifiers, Role, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

mod common;

fn harness_with(persisted: Persisted) -> Harness<'static, App> {
    common::window(1400.0, 800.0, persisted)
}

fn side_panel(h: &Harness<'_, App>) -> Option<SideTab> {
    h.state().probe().side_panel
}

/// Sets the figure's size in the Export tab's settings.
fn set_size(h: &mut Harness<'_, App>, width: u32, height: u32) {
    let mut settings = h.state().probe().export.clone();
    (settings.figure.width, settings.figure.height) = (width, height);
    h.state_mut().push(Command::SetExportSettings(settings));
    h.run();
}

#[test]
fn ctrl_e_opens_the_export_tab_which_writes_a_png() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let out = dir.path().join("figure.png");
    let mut h = harness_with(Persisted::default());
    assert_eq!(side_panel(&h), Some(SideTab::Details));
    assert!(h.query_by_label_contains(PREVIEW_LABEL).is_none());
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    assert_eq!(side_panel(&h), Some(SideTab::Export));
    // The tabs say which one is chosen.
    let selected = |label| {
        h.get_by_role_and_label(Role::Tab, label)
            .accesskit_node()
            .is_selected()
    };
    assert_eq!(
        (selected("Export"), selected("Details")),
        (Some(true), Some(false))
    );
    // The preview is named with the figure's size, and follows it.
    h.get_by_label("Preview of the figure, 2400 × 1200 px");
    set_size(&mut h, 400, 300);
    let preview = h.get_by_label("Preview of the figure, 400 × 300 px").rect();
    let ratio = preview.width() / preview.height();
    assert!((ratio - 4.0 / 3.0).abs() < 0.02, "{preview:?}");
    h.get_by_role_and_label(Role::Button, "Export PNG…").click();
    h.run();
    // With no desktop portal (as here) the app asks for a typed path instead of doing nothing.
    assert_eq!(h.state().probe().path_prompt, Some(PathPurpose::ExportPng));
    let message = common::export_to(&mut h, PathPurpose::ExportPng, &out);
    assert!(
        message.starts_with("Wrote a 400 × 300 PNG to "),
        "{message}"
    );
    assert!(std::fs::metadata(&out)?.len() > 1000);
    Ok(())
}

#[test]
fn the_menu_items_open_the_tab_and_the_tabs_switch_by_name() {
    let mut h = harness_with(Persisted::default());
    for item in ["Export PNG…", "Export CSV…"] {
        h.get_by_role_and_label(Role::Tab, "Details").click();
        h.run();
        assert_eq!(side_panel(&h), Some(SideTab::Details));
        h.get_by_label("File").click();
        h.run();
        h.get_by_label(item).click();
        h.run();
        assert_eq!(side_panel(&h), Some(SideTab::Export), "{item}");
        h.get_by_role_and_label(Role::Button, "Export CSV…");
    }
    // "Details panel" shows the details rather than hiding the panel at its Export tab …
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Details panel").click();
    h.run();
    assert_eq!(side_panel(&h), Some(SideTab::Details));
    // … and hides the panel when the details are what it shows.
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Details panel").click();
    h.run();
    assert_eq!(side_panel(&h), None);
    // Ctrl+E shows it again, at the Export tab.
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    assert_eq!(side_panel(&h), Some(SideTab::Export));
}

#[test]
fn a_date_range_that_is_not_one_says_why_instead_of_the_preview() {
    let mut h = harness_with(Persisted {
        side_tab: SideTab::Export,
        ..Persisted::default()
    });
    h.get_by_role_and_label(Role::RadioButton, "Date range")
        .click();
    h.run();
    assert!(h.query_by_label_contains(PREVIEW_LABEL).is_none());
    h.get_by_label("Type the figure's dates (From and To, below) to see it");
    let mut settings = h.state().probe().export.clone();
    (settings.from, settings.to) = ("1905".into(), "1850".into());
    h.state_mut()
        .push(Command::SetExportSettings(settings.clone()));
    h.run();
    h.get_by_label("The figure's date range ends before it starts");
    (settings.from, settings.to) = ("1850".into(), "1910".into());
    h.state_mut().push(Command::SetExportSettings(settings));
    h.run();
    h.get_by_label_contains(PREVIEW_LABEL);
}

#[test]
fn the_tab_is_remembered_after_a_restart() {
    let mut h = harness_with(Persisted::default());
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    let remembered = common::remembered(h.state_mut());
    assert_eq!(remembered.side_tab, SideTab::Export);
    let h = harness_with(remembered);
    assert_eq!(side_panel(&h), Some(SideTab::Export));
    h.get_by_label_contains(PREVIEW_LABEL);
}

/// Mean brightness (0–255) of the rendered window inside a rectangle in points.
fn brightness(h: &mut Harness<'_, App>, rect: egui::Rect) -> f64 {
    let image = h.render().unwrap_or_else(|e| panic!("{e}"));
    let (width, rgba) = (image.width() as usize, image.as_raw());
    let (mut sum, mut n) = (0u64, 0u64);
    for y in rect.top().ceil() as usize..rect.bottom().floor() as usize {
        for x in rect.left().ceil() as usize..rect.right().floor() as usize {
            let i = 4 * (y * width + x);
            sum += rgba[i..i + 3].iter().map(|&c| u64::from(c)).sum::<u64>();
            n += 3;
        }
    }
    assert!(n > 0, "empty rect {rect:?}");
    sum as f64 / n as f64
}

#[test]
fn the_preview_draws_the_figure_light_or_dark() {
    let mut h = Harness::builder()
        .with_size(vec2(1400.0, 800.0))
        .with_max_steps(12)
        .wgpu()
        .build_eframe(|_cc| {
            App::with_state(Persisted {
                side_tab: SideTab::Export,
                ..Persisted::default()
            })
        });
    h.run();
    let rect = h.get_by_label_contains(PREVIEW_LABEL).rect();
    assert!(rect.width() > 200.0, "{rect:?}");
    let light = brightness(&mut h, rect);
    h.get_by_role_and_label(Role::RadioButton, "Dark").click();
    h.run();
    assert!(h.state().probe().export.figure.dark);
    let dark = brightness(&mut h, rect);
    assert!(light > 200.0 && dark < 80.0, "light {light}, dark {dark}");
}

#[test]
fn the_export_tab_writes_the_figure_as_svg() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let out = dir.path().join("figure.svg");
    let mut h = harness_with(Persisted::default());
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    set_size(&mut h, 800, 500);
    h.get_by_role_and_label(Role::Button, "Export SVG…").click();
    h.run();
    assert_eq!(h.state().probe().path_prompt, Some(PathPurpose::ExportSvg));
    let message = common::export_to(&mut h, PathPurpose::ExportSvg, &out);
    assert!(
        message.starts_with("Wrote a 800 × 500 SVG to "),
        "{message}"
    );
    let text = std::fs::read_to_string(&out)?;
    assert!(text.starts_with("<?xml") && text.trim_end().ends_with("</svg>"));
    assert!(text.contains(r#"width="800" height="500""#));
    Ok(())
}

#[test]
fn the_export_tab_writes_the_figure_as_pdf_on_the_chosen_paper() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let out = dir.path().join("figure.pdf");
    let mut h = harness_with(Persisted::default());
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    set_size(&mut h, 800, 500);
    h.get_by_role_and_label(Role::RadioButton, "A4").click();
    h.run();
    h.get_by_role_and_label(Role::CheckBox, "Landscape").click();
    h.run();
    let page = h.state().probe().export.page;
    assert_eq!(
        (page.paper, page.landscape),
        (Some(chronolane::export::pdf::Paper::A4), true)
    );
    h.get_by_role_and_label(Role::Button, "Export PDF…").click();
    h.run();
    assert_eq!(h.state().probe().path_prompt, Some(PathPurpose::ExportPdf));
    let message = common::export_to(&mut h, PathPurpose::ExportPdf, &out);
    assert!(
        message.starts_with("Wrote a 800 × 500 PDF to "),
        "{message}"
    );
    let bytes = std::fs::read(&out)?;
    assert!(bytes.starts_with(b"%PDF-"));
    // A4 on its side.
    assert!(
        String::from_utf8_lossy(&bytes)
            .replace("/MediaBox [", "/MediaBox[")
            .contains("/MediaBox[0 0 841.8"),
        "not A4 landscape"
    );
    Ok(())
}

/// Asks the window to close, as its close button does.
fn close_window(h: &mut Harness<'_, App>) {
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
}

/// The viewport commands the app sent in the last frame.
fn commands_sent(h: &Harness<'_, App>) -> Vec<egui::ViewportCommand> {
    h.output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .map(|v| v.commands.clone())
        .unwrap_or_default()
}

#[test]
fn closing_the_window_while_a_figure_is_written_closes_it_once_written() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let out = dir.path().join("figure.svg");
    let mut h = harness_with(Persisted::default());
    h.state_mut()
        .push(Command::SubmitPath(PathPurpose::ExportSvg, out.clone()));
    h.step();
    assert!(h.state().probe().exporting);
    close_window(&mut h);
    h.step();
    let p = h.state().probe();
    assert!(p.close_after_export, "the close waits for the figure");
    assert!(
        p.message.starts_with("Closing once the figure is written"),
        "{}",
        p.message
    );
    assert!(commands_sent(&h).contains(&egui::ViewportCommand::CancelClose));
    let mut closed = false;
    for _ in 0..200 {
        h.step();
        if commands_sent(&h).contains(&egui::ViewportCommand::Close) {
            closed = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(closed, "the window closes once the figure is written");
    let p = h.state().probe();
    assert!(!p.exporting && !p.close_after_export);
    assert!(p.message.starts_with("Wrote a "), "{}", p.message);
    assert!(
        std::fs::read_to_string(&out)?
            .trim_end()
            .ends_with("</svg>")
    );
    // The close that follows goes through (nothing to wait for).
    close_window(&mut h);
    h.step();
    assert!(!commands_sent(&h).contains(&egui::ViewportCommand::CancelClose));
    Ok(())
}

#[test]
fn closing_the_window_again_while_a_figure_is_written_quits_at_once() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness_with(Persisted::default());
    h.state_mut().push(Command::SubmitPath(
        PathPurpose::ExportSvg,
        dir.path().join("figure.svg"),
    ));
    h.step();
    close_window(&mut h);
    h.step();
    assert!(h.state().probe().close_after_export);
    close_window(&mut h);
    h.step();
    assert!(
        !commands_sent(&h).contains(&egui::ViewportCommand::CancelClose),
        "the second close is not held back"
    );
}
