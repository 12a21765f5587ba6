//! `chronolane export svg`: the PNG's figure as vector shapes and text. The file parses as XML
//! and holds, as text, the title of every event the figure labels (found with the figure's own
//! layout, measured with the same fonts), and rendered by resvg it is the PNG's picture.

mod common;

use common::cli::run;

use std::collections::BTreeSet;

use chronolane::export::figure::FigureOptions;
use chronolane::model::Filter;
use chronolane::timeline::TimeView;
use common::figure::labelled_titles;

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

/// The SVG rendered by resvg next to the PNG of the same figure: the same picture, up to
/// anti-aliasing and the font the SVG reader has (mean difference per channel, 0 to 1).
#[test]
fn the_svg_rendered_by_resvg_matches_the_png() -> Result<(), Box<dyn std::error::Error>> {
    use chronolane::export::png::OffscreenRenderer;
    let (dataset, filter, opts) = common::figure::whole_figure(1200, 600);
    let png = OffscreenRenderer::new()?.render(&dataset, &filter, &opts)?;
    let svg = chronolane::export::svg::figure_svg(&dataset, &filter, &opts)?;
    let mut options = resvg::usvg::Options::default();
    // egui's own fonts first, as a reader with them installed would see it.
    for data in egui::FontDefinitions::default().font_data.values() {
        options
            .fontdb_mut()
            .load_font_data(data.font.as_ref().as_ref().to_vec());
    }
    options.fontdb_mut().load_system_fonts();
    let tree = resvg::usvg::Tree::from_str(&svg, &options)?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(1200, 600).ok_or("no pixmap of 1200 × 600")?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::identity(),
        &mut pixmap.as_mut(),
    );
    // tiny-skia's pixels are premultiplied; the figure is opaque, so they compare as they are.
    let diff = common::figure::mean_difference(pixmap.data(), 4, &png.rgba);
    // Seen: 0.018, all of it in the text (egui hints and grays its glyphs; resvg draws the
    // outlines), the shapes alike; text in another font altogether gives 0.033.
    assert!(diff < 0.025, "mean difference {diff:.4}");
    Ok(())
}
