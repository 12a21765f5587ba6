//! A figure: a title, the timeline of a chosen range, a legend of the themes and a caption with
//! the dataset's sources, painted with egui. Pure painting: no window, no pointer, no tooltips.

use egui::{Align2, Color32, FontId, Painter, Rect, pos2, vec2};
use serde::{Deserialize, Serialize};

use crate::model::{Dataset, Filter};
use crate::timeline::TimeView;
use crate::timeline::layout_fit::{Focus, fit};
use crate::timeline::paint::{
    AXIS_HEIGHT, ERA_HEIGHT, Emphasis, Geometry, Scene, Style, color32, paint_timeline,
};
use crate::timeline::view::TimeMapping;

use super::png::MAX_SIDE;

/// How a figure looks: its size, scale, background and parts. Remembered by the window.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Look {
    /// Size of the image in pixels.
    pub width: u32,
    pub height: u32,
    /// The height follows the content: every lane gets the rows it needs, and no empty band is
    /// left below (`height` is then what [`auto_height`] found, or ignored until it runs).
    pub auto_height: bool,
    /// Pixels per point: 2 makes text and lines twice as large and crisp.
    pub scale: f32,
    pub dark: bool,
    pub title: bool,
    pub legend: bool,
    pub caption: bool,
}

impl Default for Look {
    /// 2400 × 1200 pixels at 2×, light, with title, legend and caption.
    fn default() -> Self {
        Self {
            width: 2400,
            height: 1200,
            auto_height: false,
            scale: 2.0,
            dark: false,
            title: true,
            legend: true,
            caption: true,
        }
    }
}

/// A figure: the part of the time axis it shows, and how it looks.
#[derive(Clone, Debug, PartialEq)]
pub struct FigureOptions {
    pub view: TimeView,
    pub look: Look,
}

impl FigureOptions {
    /// A figure of a view with the default look.
    pub fn new(view: TimeView) -> Self {
        Self {
            view,
            look: Look::default(),
        }
    }

    /// The figure's size in points.
    pub fn size_points(&self) -> egui::Vec2 {
        vec2(self.look.width as f32, self.look.height as f32) / self.look.scale.max(0.1)
    }
}

const MARGIN: f32 = 16.0;
/// Heights (points) of the title with its range, the caption and the legend.
const TITLE_HEIGHT: f32 = 50.0;
const CAPTION_HEIGHT: f32 = 20.0;
const LEGEND_HEIGHT: f32 = 24.0;
/// Room kept under the lanes of a figure of automatic height.
const BOTTOM_PAD: f32 = 6.0;

/// The height in pixels that fits the figure's content: title, axis, every lane with all the
/// rows it needs (up to [`MAX_SIDE`] pixels), legend and caption. `measure` gives a label's
/// width in points, in the timeline's label font.
pub fn auto_height(
    dataset: &Dataset,
    filter: &Filter,
    opts: &FigureOptions,
    measure: &mut dyn FnMut(&str) -> f32,
) -> u32 {
    profiling::function_scope!();
    let look = &opts.look;
    let scale = look.scale.max(0.1);
    let width = look.width as f32 / scale;
    let most = MAX_SIDE as f32 / scale;
    let frame = |look: &Look| {
        let mut h = 2.0 * MARGIN + AXIS_HEIGHT + ERA_HEIGHT + BOTTOM_PAD;
        for (shown, height) in [
            (look.title, TITLE_HEIGHT),
            (look.caption, CAPTION_HEIGHT),
            (look.legend, LEGEND_HEIGHT),
        ] {
            if shown {
                h += height;
            }
        }
        h
    };
    let around = frame(look);
    let geo = Geometry::new(Rect::from_min_size(
        pos2(MARGIN, 0.0),
        vec2(width - 2.0 * MARGIN, most),
    ));
    let (x_min, time_width) = geo.time_span();
    let mapping = TimeMapping::new(opts.view, x_min, time_width);
    let (layout, _) = fit(
        dataset,
        filter,
        &mapping,
        (most - around).max(0.0),
        Focus::default(),
        measure,
    );
    let points = around + layout.height;
    ((points * scale).ceil() as u32).clamp(16, MAX_SIDE)
}

/// Paints the figure into `rect` (points).
pub fn paint_figure(
    painter: &Painter,
    rect: Rect,
    dataset: &Dataset,
    filter: &Filter,
    opts: &FigureOptions,
) {
    profiling::function_scope!();
    let style = Style::new(opts.look.dark);
    painter.rect_filled(rect, 0.0, style.background);
    let inner = rect.shrink(MARGIN);
    let mut top = inner.top();
    if opts.look.title {
        top = paint_title(painter, inner.left(), top, dataset, opts, &style);
        debug_assert!((top - inner.top() - TITLE_HEIGHT).abs() < 0.1);
    }
    let mut bottom = inner.bottom();
    if opts.look.caption {
        bottom = paint_caption(painter, inner.left(), bottom, dataset, &style);
    }
    if opts.look.legend {
        legend(painter, inner.left(), bottom, dataset, filter, &style);
        bottom -= LEGEND_HEIGHT;
    }
    let area = Rect::from_min_max(
        pos2(inner.left(), top),
        pos2(inner.right(), bottom.max(top + 40.0)),
    );
    let geo = Geometry::new(area);
    let (x_min, width) = geo.time_span();
    let mapping = TimeMapping::new(opts.view, x_min, width);
    let font = style.label_font.clone();
    let mut measure = |s: &str| {
        painter
            .layout_no_wrap(s.to_owned(), font.clone(), Color32::PLACEHOLDER)
            .size()
            .x
    };
    let (layout, params) = fit(
        dataset,
        filter,
        &mapping,
        geo.lanes.height(),
        Focus::default(),
        &mut measure,
    );
    let scene = Scene {
        geo,
        mapping,
        dataset,
        layout: &layout,
        params,
        style: &style,
        emphasis: Emphasis::default(),
    };
    paint_timeline(&painter.with_clip_rect(area), &scene);
}

/// The dataset's title and the time range shown, from `top` down; returns the top of what
/// follows.
fn paint_title(
    painter: &Painter,
    left: f32,
    mut top: f32,
    dataset: &Dataset,
    opts: &FigureOptions,
    style: &Style,
) -> f32 {
    let title = if dataset.meta.title.trim().is_empty() {
        "Timeline"
    } else {
        dataset.meta.title.trim()
    };
    painter.text(
        pos2(left, top),
        Align2::LEFT_TOP,
        title,
        FontId::proportional(22.0),
        style.text,
    );
    top += 28.0;
    let range = crate::timeline::view::range_in_words(&opts.view);
    painter.text(
        pos2(left, top),
        Align2::LEFT_TOP,
        range,
        FontId::proportional(13.0),
        style.text_dim,
    );
    top + (TITLE_HEIGHT - 28.0)
}

/// The sources of the dataset, up from `bottom`; returns the bottom of what goes above.
fn paint_caption(
    painter: &Painter,
    left: f32,
    bottom: f32,
    dataset: &Dataset,
    style: &Style,
) -> f32 {
    let sources: Vec<&str> = dataset
        .meta
        .sources
        .iter()
        .map(|s| s.title.as_str())
        .collect();
    let caption = if sources.is_empty() {
        "Made with Chronolane".to_owned()
    } else {
        format!("Source: {}. Made with Chronolane.", sources.join("; "))
    };
    painter.text(
        pos2(left, bottom),
        Align2::LEFT_BOTTOM,
        caption,
        FontId::proportional(11.0),
        style.text_dim,
    );
    bottom - CAPTION_HEIGHT
}

fn legend(
    painter: &Painter,
    left: f32,
    bottom: f32,
    dataset: &Dataset,
    filter: &Filter,
    style: &Style,
) {
    let mut x = left;
    let y = bottom - 8.0;
    for theme in dataset
        .themes()
        .iter()
        .filter(|t| !filter.hidden_themes.contains(&t.id))
    {
        let swatch = Rect::from_center_size(pos2(x + 6.0, y), vec2(12.0, 12.0));
        painter.rect_filled(swatch, 2.0, color32(theme.color));
        let text = painter.text(
            pos2(x + 16.0, y),
            Align2::LEFT_CENTER,
            &theme.label,
            FontId::proportional(13.0),
            style.text,
        );
        x = text.right() + 18.0;
    }
}
