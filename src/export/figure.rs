//! A figure: a title, the timeline of a chosen range, a legend of the themes and a caption with
//! the dataset's sources, painted with egui. Pure painting: no window, no pointer, no tooltips.

use egui::{Align2, Color32, FontId, Painter, Rect, pos2, vec2};
use serde::{Deserialize, Serialize};

use crate::model::{Dataset, Filter};
use crate::timeline::arrange::LaneArrangement;
use crate::timeline::layout::Layout;
use crate::timeline::layout_fit::{Focus, fit};
use crate::timeline::paint::{Emphasis, Geometry, Scene, Style, color32, paint_timeline};
use crate::timeline::paint_links::LinkMode;
use crate::timeline::second_row::SecondCalendar;
use crate::timeline::view::TimeMapping;
use crate::timeline::{Params, TimeView};

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
    /// Which links between events are drawn as arrows.
    pub links: LinkMode,
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
            links: LinkMode::Selected,
        }
    }
}

/// A figure: the part of the time axis it shows, and how it looks.
#[derive(Clone, Debug, PartialEq)]
pub struct FigureOptions {
    pub view: TimeView,
    pub look: Look,
    /// The lanes as the window arranges them (order, collapsed, heights); the dataset's order
    /// by default.
    pub lanes: LaneArrangement,
    /// The selected event (index), emphasised, with its links when [`Look::links`] says so.
    pub selected: Option<usize>,
}

impl FigureOptions {
    /// A figure of a view with the default look.
    pub fn new(view: TimeView) -> Self {
        Self {
            view,
            look: Look::default(),
            lanes: LaneArrangement::default(),
            selected: None,
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

/// Where the timeline goes in a figure of `rect` (points): inside the margins, under the title,
/// above the legend and caption.
fn timeline_area(rect: Rect, look: &Look) -> Rect {
    let inner = rect.shrink(MARGIN);
    let top = inner.top() + if look.title { TITLE_HEIGHT } else { 0.0 };
    let mut bottom = inner.bottom();
    for (shown, height) in [(look.caption, CAPTION_HEIGHT), (look.legend, LEGEND_HEIGHT)] {
        if shown {
            bottom -= height;
        }
    }
    Rect::from_min_max(
        pos2(inner.left(), top),
        pos2(inner.right(), bottom.max(top + 40.0)),
    )
}

/// The timeline of a figure painted into `rect` (points): where it goes, its time mapping and
/// its layout, the lanes sharing the height there. `measure` gives a label's width in points, in
/// the timeline's label font.
pub fn figure_layout(
    dataset: &Dataset,
    filter: &Filter,
    opts: &FigureOptions,
    rect: Rect,
    measure: &mut dyn FnMut(&str) -> f32,
) -> (Geometry, TimeMapping, Layout, Params) {
    let geo = Geometry::new(timeline_area(rect, &opts.look));
    let (x_min, width) = geo.time_span();
    let mapping = TimeMapping::new(opts.view, x_min, width);
    let (layout, params) = fit(
        dataset,
        filter,
        &mapping,
        geo.lanes.height(),
        Focus {
            arrangement: &opts.lanes,
            selected: opts.selected,
            ..Focus::default()
        },
        measure,
    );
    (geo, mapping, layout, params)
}

/// The height in pixels that fits the figure's content: title, axis, every lane with all the
/// rows it needs (up to [`MAX_SIDE`] pixels), legend and caption, and no empty band.
pub fn auto_height(
    dataset: &Dataset,
    filter: &Filter,
    opts: &FigureOptions,
    measure: &mut dyn FnMut(&str) -> f32,
) -> u32 {
    profiling::function_scope!();
    let scale = opts.look.scale.max(0.1);
    let mut tallest = opts.clone();
    tallest.look.height = MAX_SIDE;
    let rect = Rect::from_min_size(pos2(0.0, 0.0), tallest.size_points());
    let (geo, _, layout, _) = figure_layout(dataset, filter, &tallest, rect, measure);
    let around = tallest.size_points().y - geo.lanes.height();
    let points = around + layout.height + BOTTOM_PAD;
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
    if opts.look.title {
        paint_title(painter, inner.left(), inner.top(), dataset, opts, &style);
    }
    let mut bottom = inner.bottom();
    if opts.look.caption {
        bottom = paint_caption(painter, inner.left(), bottom, dataset, &style);
    }
    if opts.look.legend {
        legend(painter, inner.left(), bottom, dataset, filter, &style);
    }
    let font = style.label_font.clone();
    let mut measure = |s: &str| {
        painter
            .layout_no_wrap(s.to_owned(), font.clone(), Color32::PLACEHOLDER)
            .size()
            .x
    };
    let (geo, mapping, layout, params) = figure_layout(dataset, filter, opts, rect, &mut measure);
    let scene = Scene {
        geo,
        mapping,
        dataset,
        layout: &layout,
        params,
        style: &style,
        emphasis: Emphasis {
            selected: opts.selected,
            ..Emphasis::default()
        },
        links: opts.look.links,
        second: SecondCalendar::None,
    };
    paint_timeline(&painter.with_clip_rect(geo.rect), &scene);
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
