//! What a figure shows, found with the figure's own layout: for the tests of the vector
//! figures (SVG, PDF), which must hold these texts.

use std::collections::BTreeSet;

use chronolane::export::figure::{FigureOptions, figure_layout};
use chronolane::model::{Dataset, Filter};
use chronolane::timeline::paint::Style;

/// Titles of the events a figure labels, from its layout, measured as the figure measures.
pub fn labelled_titles(
    dataset: &Dataset,
    filter: &Filter,
    opts: &FigureOptions,
) -> BTreeSet<String> {
    let (ctx, input) =
        chronolane::export::png::headless(opts.size_points(), opts.look.scale, opts.look.dark);
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
                    titles.insert(e.title().to_string());
                }
            }
        }
    });
    out.textures_delta.clear();
    titles
}

/// The embedded dataset's whole timeline as a figure `width` × `height` pixels at 1× (a figure
/// pixel a screen pixel): the dataset, no filter, and the figure's options.
pub fn whole_figure(width: u32, height: u32) -> (Dataset, Filter, FigureOptions) {
    let dataset = chronolane::io::default_dataset();
    let (a, b) = dataset.time_range().unwrap_or((0.0, 1.0));
    let mut opts = FigureOptions::new(chronolane::timeline::TimeView::fit(a, b));
    (opts.look.width, opts.look.height, opts.look.scale) = (width, height, 1.0);
    (dataset, Filter::default(), opts)
}

/// The mean difference per colour channel (0 to 1) between an image of `channels` bytes per
/// pixel (RGB first) and an RGBA image of the same size.
pub fn mean_difference(image: &[u8], channels: usize, rgba: &[u8]) -> f64 {
    let pixels = (rgba.len() / 4).max(1);
    image
        .chunks_exact(channels)
        .zip(rgba.chunks_exact(4))
        .map(|(s, p)| (0..3).map(|c| f64::from(s[c].abs_diff(p[c]))).sum::<f64>() / (3.0 * 255.0))
        .sum::<f64>()
        / pixels as f64
}
