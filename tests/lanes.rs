//! Lanes share the window's height and labels go wherever they fit: counted from the layout the
//! real window drew (not from pixels), at 1600 × 900 like a user's window and taller. The "+N"
//! badge of a lane that cannot show every title counts them and gives it more room.

use std::fmt::Write as _;

use chronolane::ui::App;
use chronolane::ui::command::Command;
use chronolane::ui::state::Persisted;
use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

mod common;

fn harness() -> Harness<'static, App> {
    harness_sized(1600.0, 900.0)
}

fn harness_sized(width: f32, height: f32) -> Harness<'static, App> {
    Harness::builder()
        .with_size(vec2(width, height))
        .with_max_steps(12)
        .build_eframe(|_cc| App::with_state(Persisted::default()))
}

/// Events in view and events labelled, over all lanes.
fn counts(h: &Harness<'_, App>) -> (usize, usize) {
    let lanes = h.state().probe().lanes;
    (
        lanes.iter().map(|l| l.visible).sum(),
        lanes.iter().map(|l| l.labelled).sum(),
    )
}

#[test]
fn every_event_of_the_embedded_dataset_is_labelled_when_the_window_holds_the_rows_they_need() {
    // The 60 events need about 40 sub-rows at the fitted view (the first 50 fitted 1600 × 900);
    // a 1600 × 1100 window (a 1920 × 1200 screen's) holds them all.
    let mut h = harness_sized(1600.0, 1100.0);
    h.run();
    let (visible, labelled) = counts(&h);
    println!("embedded dataset, fitted, 1600 × 1100: {labelled} of {visible} labelled");
    let events = chronolane::io::default_dataset().events().len();
    assert_eq!(visible, events);
    assert_eq!(labelled, events, "{:#?}", h.state().probe().lanes);
    assert!(h.query_by_label_contains("more").is_none(), "no +N badge");
}

#[test]
fn at_1600_by_900_the_badges_count_every_title_not_shown() {
    let mut h = harness();
    h.run();
    let (visible, labelled) = counts(&h);
    println!("embedded dataset, fitted, 1600 × 900: {labelled} of {visible} labelled");
    assert_eq!(visible, chronolane::io::default_dataset().events().len());
    assert!(labelled >= 50, "{labelled} of {visible}");
    let lanes = h.state().probe().lanes.to_vec();
    for lane in lanes.iter().filter(|l| l.labelled < l.visible) {
        let name = chronolane::io::default_dataset()
            .themes()
            .iter()
            .find(|t| t.id == lane.theme)
            .map(|t| t.label.clone())
            .unwrap_or_default();
        let hidden = lane.visible - lane.labelled;
        h.get_by_label(&format!("{name} lane: {hidden} more"));
    }
}

/// A hundred events in one lane over a century, titles of one to six words (12 to 72
/// characters, 33 on average), a third of them spans: like a spreadsheet someone keeps.
fn hundred_events_json() -> String {
    let mut seed: u64 = 11;
    let mut next = |m: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % m
    };
    let words = [
        "treaty",
        "harbour",
        "council",
        "mission",
        "railway",
        "strike",
        "election",
        "border",
        "archive",
        "expedition",
        "reform",
        "school",
        "bridge",
        "charter",
    ];
    let mut events = String::new();
    for i in 0..100 {
        let year = 1900 + next(100);
        let month = 1 + next(12);
        let mut title = format!("No. {i}");
        let n = 1 + next(6);
        for _ in 0..n {
            let _ = write!(title, " {}", words[next(words.len() as u64) as usize]);
        }
        let end = if i % 3 == 0 {
            format!(r#", "end": "{}""#, year + 1 + next(4))
        } else {
            String::new()
        };
        let comma = if i == 99 { "" } else { "," };
        let _ = writeln!(
            events,
            r#"{{"id": "e{i}", "title": "{title}", "start": "{year}-{month:02}"{end}, "theme": "notes", "importance": {}}}{comma}"#,
            1 + next(5)
        );
    }
    format!(
        r##"{{"title": "Notes", "themes": [{{"id": "notes", "label": "Notes", "color": "#0072B2"}}], "events": [
{events}]}}"##
    )
}

#[test]
fn a_hundred_events_in_one_lane_are_mostly_labelled() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("notes.json");
    std::fs::write(&path, hundred_events_json())?;
    let mut h = harness();
    h.run();
    common::open(&mut h, path);
    assert_eq!(h.state().probe().dataset.events().len(), 100);
    let (visible, labelled) = counts(&h);
    println!("100 events in one lane, fitted, 1600 × 900: {labelled} of {visible} labelled");
    assert_eq!(visible, 100);
    assert!(labelled >= 80, "{labelled} labelled");
    Ok(())
}

#[test]
fn the_plus_n_badge_expands_its_lane_and_then_zooms_in() {
    let mut h = Harness::builder()
        .with_size(vec2(1200.0, 700.0))
        .with_max_steps(12)
        .build_eframe(|_cc| App::with_state(Persisted::default()));
    h.run();
    let lane = |h: &Harness<'_, App>, id: &str| {
        h.state()
            .probe()
            .lanes
            .iter()
            .find(|l| l.theme == id)
            .cloned()
            .unwrap_or_else(|| panic!("no {id} lane"))
    };
    let before = lane(&h, "war");
    let hidden = before.visible - before.labelled;
    assert!(hidden > 0 && before.need > before.rows, "{before:?}");
    let others: usize = h
        .state()
        .probe()
        .lanes
        .iter()
        .map(|l| l.rows)
        .sum::<usize>()
        - before.rows;
    h.get_by_label(&format!("War lane: {hidden} more")).click();
    h.run();
    let expanded = lane(&h, "war");
    assert!(expanded.rows > before.rows, "{expanded:?}");
    assert!(expanded.labelled > before.labelled, "{expanded:?}");
    let others_now: usize = h
        .state()
        .probe()
        .lanes
        .iter()
        .map(|l| l.rows)
        .sum::<usize>()
        - expanded.rows;
    assert!(others_now < others, "the other lanes shrink");
    // Where more rows no longer help, the badge zooms in.
    let span = h.state().probe().view.span;
    let diplomacy = lane(&h, "diplomacy");
    let hidden = diplomacy.visible - diplomacy.labelled;
    assert!(hidden > 0);
    h.get_by_label(&format!("Diplomacy lane: {hidden} more"))
        .click();
    h.run();
    let expanded = lane(&h, "diplomacy");
    assert_eq!(expanded.rows, expanded.need, "{expanded:?}");
    assert!(expanded.labelled < expanded.visible, "{expanded:?}");
    let hidden = expanded.visible - expanded.labelled;
    h.get_by_label(&format!("Diplomacy lane: {hidden} more"))
        .click();
    for _ in 0..60 {
        h.step();
    }
    h.run();
    assert!(h.state().probe().view.span < span * 0.5, "zoomed in");
}

/// A label's width at about the figure font's size.
fn measure(s: &str) -> f32 {
    s.chars().count() as f32 * 7.0
}

#[test]
fn a_figure_of_automatic_height_labels_every_event_with_no_empty_band() {
    use chronolane::export::figure::{FigureOptions, Look, auto_height, figure_layout};
    use chronolane::io::default_dataset;
    use chronolane::model::Filter;
    use chronolane::timeline::TimeView;

    let d = default_dataset();
    let (a, b) = d.time_range().unwrap_or((0.0, 1.0));
    let filter = Filter::default();
    let mut opts = FigureOptions {
        view: TimeView::fit(a, b),
        look: Look {
            width: 1600,
            height: 400,
            scale: 1.0,
            auto_height: true,
            ..Look::default()
        },
        lanes: chronolane::timeline::arrange::LaneArrangement::default(),
        selected: None,
    };
    let layout_at = |opts: &FigureOptions| {
        let rect = egui::Rect::from_min_size(egui::Pos2::ZERO, opts.size_points());
        let mut m = measure;
        let (geo, _, layout, _) = figure_layout(&d, &filter, opts, rect, &mut m);
        (geo, layout)
    };
    let hidden = |l: &chronolane::timeline::Layout| -> usize {
        l.lanes
            .iter()
            .map(chronolane::timeline::layout::Lane::hidden)
            .sum()
    };
    assert!(
        hidden(&layout_at(&opts).1) > 0,
        "400 px is too short for 50 labels"
    );
    opts.look.height = auto_height(&d, &filter, &opts, &mut measure);
    let (geo, layout) = layout_at(&opts);
    assert_eq!(hidden(&layout), 0, "{} px tall", opts.look.height);
    // No empty band: the lanes end within a few points of the bottom of their area.
    let band = geo.lanes.height() - layout.height;
    assert!(
        (0.0..=10.0).contains(&band),
        "{band} points under the lanes"
    );
    // A row less and labels go.
    opts.look.height -= 24;
    assert!(hidden(&layout_at(&opts).1) > 0);
}

#[test]
fn cli_export_png_height_auto_sizes_the_figure_to_its_content() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let out = dir.path().join("auto.png");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_chronolane"))
        .args([
            "export", "png", "--height", "auto", "--width", "1600", "--scale", "1",
        ])
        .arg("-o")
        .arg(&out)
        .output()?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let bytes = std::fs::read(&out)?;
    // The PNG header's height (IHDR, big-endian, bytes 20..24).
    let height = u32::from_be_bytes([bytes[20], bytes[21], bytes[22], bytes[23]]);
    assert!(
        stderr.contains(&format!("wrote a 1600 × {height} figure")),
        "{stderr}"
    );
    assert!((400..2000).contains(&height), "{height}");
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_chronolane"))
        .args(["export", "png", "--height", "tall", "-o"])
        .arg(dir.path().join("bad.png"))
        .output()?;
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("give a number of pixels or \"auto\""));
    Ok(())
}

#[test]
fn in_a_dense_day_each_lane_says_how_many_titles_it_does_not_show() {
    use chronolane::model::date::axis_from_year;
    use chronolane::timeline::TimeView;

    let mut h = Harness::builder()
        .with_size(vec2(1600.0, 900.0))
        .with_max_steps(12)
        .build_eframe(|_cc| {
            let mut app = App::with_state(Persisted::default());
            app.show_dataset(chronolane::synth::dataset(120_000, 5));
            app
        });
    h.run();
    for view in [
        TimeView::new(axis_from_year(1870) + 151.0, 1.0),
        TimeView::new(axis_from_year(1870), 30.0),
        TimeView::new(axis_from_year(1850), 3652.5),
    ] {
        h.state_mut().push(Command::SetView(view));
        h.run();
        let probe = h.state().probe();
        let lanes = probe.lanes.to_vec();
        let in_view: usize = lanes.iter().map(|l| l.visible).sum();
        assert_eq!(in_view, probe.visible_count, "{view:?}");
        let themes: Vec<(String, String)> = probe
            .dataset
            .themes()
            .iter()
            .map(|t| (t.id.clone(), t.label.clone()))
            .collect();
        let mut hidden_somewhere = false;
        for lane in &lanes {
            let label = themes
                .iter()
                .find(|(id, _)| *id == lane.theme)
                .map(|(_, label)| label.clone())
                .unwrap_or_default();
            let hidden = lane.visible - lane.labelled;
            let badge = format!("{label} lane: {hidden} more");
            if hidden == 0 {
                assert!(
                    h.query_by_label_contains(&format!("{label} lane:"))
                        .is_none()
                );
            } else {
                hidden_somewhere = true;
                h.get_by_label(&badge);
            }
        }
        assert!(hidden_somewhere, "{view:?}: {lanes:?}");
    }
}

#[test]
fn the_export_tabs_auto_height_sizes_the_figure_and_its_preview_to_the_lanes() -> std::io::Result<()>
{
    use chronolane::ui::panels::export::PREVIEW_LABEL;
    use chronolane::ui::parts::PathPurpose;

    let dir = tempfile::tempdir()?;
    let out = dir.path().join("auto.png");
    let mut h = harness();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    let mut settings = h.state().probe().export.clone();
    settings.figure.width = 1200;
    settings.figure.height = 300;
    settings.figure.scale = 1.0;
    h.state_mut().push(Command::SetExportSettings(settings));
    h.run();
    h.get_by_label(&format!("{PREVIEW_LABEL}, 1200 × 300 px"));
    h.get_by_label("Auto").click();
    h.run();
    assert!(h.state().probe().export.figure.auto_height);
    h.get_by_role_and_label(egui::Role::Button, "Export PNG…")
        .click();
    h.run();
    let message = common::export_to(&mut h, PathPurpose::ExportPng, &out);
    let bytes = std::fs::read(&out)?;
    let height = u32::from_be_bytes([bytes[20], bytes[21], bytes[22], bytes[23]]);
    assert!(height > 300, "{height}: the lanes need more than 300 px");
    assert!(
        message.starts_with(&format!("Wrote a 1200 × {height} PNG to ")),
        "{message}"
    );
    // The preview shows the figure at the height it gets (measured with the window's fonts,
    // within a row of the PNG's).
    let preview = h.get_by_label_contains(PREVIEW_LABEL);
    let label = preview.accesskit_node().label().unwrap_or_default();
    let shown: u32 = label
        .trim_end_matches(" px")
        .rsplit(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_default();
    assert!(shown.abs_diff(height) <= 24, "{label} vs {height}");
    Ok(())
}
