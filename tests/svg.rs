//! `chronolane export svg`: the PNG's figure as vector shapes and text. The file parses as XML
//! and holds, as text, the title of every event the figure labels (found with the figure's own
//! layout, measured with the same fonts).

use std::collections::BTreeSet;
use std::process::{Command, Output};

use chronolane::export::figure::{FigureOptions, figure_layout};
use chronolane::model::{Dataset, Filter};
use chronolane::timeline::TimeView;
use chronolane::timeline::paint::Style;

fn run(args: &[&str]) -> Output {
    match Command::new(env!("CARGO_BIN_EXE_chronolane"))
        .args(args)
        .output()
    {
        Ok(o) => o,
        Err(e) => panic!("cannot run chronolane: {e}"),
    }
}

/// Titles of the events a figure labels, from its layout, measured as the figure measures.
fn labelled_titles(dataset: &Dataset, filter: &Filter, opts: &FigureOptions) -> BTreeSet<String> {
    let ctx = egui::Context::default();
    chronolane::fonts::install(&ctx);
    let mut input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            opts.size_points(),
        )),
        ..Default::default()
    };
    input
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .native_pixels_per_point = Some(opts.look.scale);
    let mut titles = BTreeSet::new();
    let font = Style::new(opts.look.dark).label_font;
    let mut out = ctx.run_ui(input, |ui| {
        let painter = ui.painter();
        let mut measure = |s: &str| {
            painter
                .layout_no_wrap(s.to_owned(), font.clone(), egui::Color32::PLACEHOLDER)
                .size()
                .x
        };
        let rect = egui::Rect::from_min_size(egui::Pos2::ZERO, opts.size_points());
        let (_, _, layout, _) = figure_layout(dataset, filter, opts, rect, &mut measure);
        for lane in &layout.lanes {
            for item in lane.items.iter().filter(|i| i.label.is_some()) {
                if let Some(e) = dataset.event(item.event) {
                    titles.insert(e.title.to_string());
                }
            }
        }
    });
    out.textures_delta.clear();
    titles
}

#[test]
fn the_svg_parses_and_holds_every_labelled_title_as_text() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("figure.svg");
    let p = path.to_string_lossy().into_owned();
    let o = run(&["export", "svg", "-o", &p]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = std::fs::read_to_string(&path)?;
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("not XML: {e}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("width"), Some("2400"));
    assert_eq!(root.attribute("height"), Some("1200"));
    let texts: BTreeSet<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text().map(str::to_owned))
        .collect();
    // Shapes as vector elements.
    let paths = doc
        .descendants()
        .filter(|n| n.has_tag_name("path") || n.has_tag_name("rect"))
        .count();
    assert!(paths > 50, "{paths} shapes");

    // The same figure as `export png` with no options: the whole dataset at 2400 × 1200, 2×.
    let dataset = chronolane::io::default_dataset();
    let (a, b) = dataset.time_range().unwrap_or((0.0, 1.0));
    let opts = FigureOptions::new(TimeView::fit(a, b));
    let labelled = labelled_titles(&dataset, &Filter::default(), &opts);
    assert!(labelled.len() >= 30, "{} labelled", labelled.len());
    let missing: Vec<&String> = labelled.iter().filter(|t| !texts.contains(*t)).collect();
    assert!(missing.is_empty(), "not in the SVG: {missing:?}");
    assert!(texts.contains(&dataset.meta.title));
    Ok(())
}

#[test]
fn svg_takes_the_options_of_png() {
    let o = run(&["export", "svg", "-o", "x.svg", "--width", "3"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["export", "svg", "--help"]);
    let help = String::from_utf8_lossy(&o.stdout);
    for flag in [
        "--from",
        "--theme",
        "--height",
        "--scale",
        "--dark",
        "--no-legend",
    ] {
        assert!(help.contains(flag), "{flag}");
    }
}
