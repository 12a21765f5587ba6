//! PDF figures: the same figure as the PNG and the SVG, from the same items
//! ([`figure_vectors`]), written with `krilla` on one page. Shapes are vector paths; text is real
//! text, each glyph where egui placed it, in the face egui drew it with (its own fonts, then the
//! system's for other scripts; see `pdf_text.rs`), so it is selectable and searchable; krilla
//! embeds each face used as a subset with a map back to the characters.
//!
//! The page is the figure's size (one pixel is ¾ of a PDF point, as a 96 dpi screen prints), or
//! a sheet of paper ([`Paper`]), upright or landscape, with the figure fitted in its margins.

use std::path::Path;

use egui::{Color32, Rect};
use krilla::Document;
use krilla::geom::{PathBuilder, Transform};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::Surface;
use serde::{Deserialize, Serialize};

use crate::io::atomic;
use crate::model::{Dataset, Filter};

use super::figure::FigureOptions;
use super::pdf_text::{Fonts, draw_text};
use super::png::ExportError;
use super::vector::{Item, Pen, figure_vectors, unmultiplied};

/// PDF points per pixel of the figure: 72 points an inch over 96 pixels an inch.
pub const POINTS_PER_PIXEL: f32 = 0.75;

/// Room left around a figure on a sheet of paper, in PDF points (half an inch).
pub const PAPER_MARGIN: f32 = 36.0;

/// A sheet of paper.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Paper {
    A4,
    A3,
    Letter,
}

impl Paper {
    /// Width and height in PDF points, upright.
    pub fn size(self) -> (f32, f32) {
        const MM: f32 = 72.0 / 25.4;
        match self {
            Self::A4 => (210.0 * MM, 297.0 * MM),
            Self::A3 => (297.0 * MM, 420.0 * MM),
            Self::Letter => (612.0, 792.0),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::A4 => "A4",
            Self::A3 => "A3",
            Self::Letter => "Letter",
        }
    }
}

/// The page a PDF figure is printed on: the figure's own size, or paper.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PageSize {
    /// `None`: the page is as large as the figure.
    pub paper: Option<Paper>,
    /// The paper on its side (wider than tall).
    pub landscape: bool,
}

/// Where a figure goes on its page: the page's size and the transform from the figure's points
/// to the page's.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placement {
    pub page: (f32, f32),
    /// PDF points per figure point.
    pub scale: f32,
    /// The figure's top left corner on the page.
    pub offset: (f32, f32),
}

/// Places a figure of `pixels` (its size in points is `points`) on the page asked for.
pub fn placement(page: PageSize, pixels: (u32, u32), points: egui::Vec2) -> Placement {
    let (w, h) = (
        pixels.0 as f32 * POINTS_PER_PIXEL,
        pixels.1 as f32 * POINTS_PER_PIXEL,
    );
    let Some(paper) = page.paper else {
        return Placement {
            page: (w, h),
            scale: w / points.x.max(1.0),
            offset: (0.0, 0.0),
        };
    };
    let (mut pw, mut ph) = paper.size();
    if page.landscape {
        std::mem::swap(&mut pw, &mut ph);
    }
    let fit = ((pw - 2.0 * PAPER_MARGIN) / w).min((ph - 2.0 * PAPER_MARGIN) / h);
    let (fw, fh) = (w * fit, h * fit);
    Placement {
        page: (pw, ph),
        scale: fw / points.x.max(1.0),
        offset: ((pw - fw) / 2.0, (ph - fh) / 2.0),
    }
}

/// The figure as a one-page PDF document.
pub fn figure_pdf(
    dataset: &Dataset,
    filter: &Filter,
    opts: &FigureOptions,
    page: PageSize,
) -> Result<Vec<u8>, ExportError> {
    profiling::function_scope!();
    let figure = figure_vectors(dataset, filter, opts)?;
    let (w, h) = figure.pixels;
    let place = placement(page, (w, h), figure.size);
    let mut document = Document::new();
    let title = match dataset.meta.title.trim() {
        "" => "Timeline",
        t => t,
    }
    .to_owned();
    document.set_metadata(
        Metadata::new()
            .title(title)
            .creator(format!("Chronolane {}", env!("CARGO_PKG_VERSION"))),
    );
    let settings = PageSettings::from_wh(place.page.0, place.page.1)
        .ok_or_else(|| ExportError::Render(format!("a page of {:?} points", place.page)))?;
    let mut pdf_page = document.start_page_with(settings);
    let mut surface = pdf_page.surface();
    surface.push_transform(&Transform::from_row(
        place.scale,
        0.0,
        0.0,
        place.scale,
        place.offset.0,
        place.offset.1,
    ));
    let mut fonts = Fonts::default();
    let mut clip = None;
    for clipped in &figure.items {
        if clip != Some(clipped.clip) {
            if clip.is_some() {
                surface.pop();
            }
            push_clip(&mut surface, clipped.clip);
            clip = Some(clipped.clip);
        }
        draw_item(&mut surface, &mut fonts, &clipped.item);
    }
    if clip.is_some() {
        surface.pop();
    }
    surface.pop();
    surface.finish();
    pdf_page.finish();
    document
        .finish()
        .map_err(|e| ExportError::Render(format!("PDF: {e}")))
}

/// Writes the figure as PDF, atomically; returns the file's size in bytes.
pub fn export_pdf(
    path: &Path,
    dataset: &Dataset,
    filter: &Filter,
    opts: &FigureOptions,
    page: PageSize,
) -> Result<usize, ExportError> {
    let bytes = figure_pdf(dataset, filter, opts, page)?;
    atomic::write(path, &bytes).map_err(|source| ExportError::Write {
        path: path.display().to_string(),
        source,
    })?;
    Ok(bytes.len())
}

/// Clips what follows to `rect` (an empty rectangle clips everything away).
fn push_clip(surface: &mut Surface<'_>, rect: Rect) {
    let mut b = PathBuilder::new();
    if let Some(r) = krilla::geom::Rect::from_ltrb(
        rect.left(),
        rect.top(),
        rect.right().max(rect.left() + 0.001),
        rect.bottom().max(rect.top() + 0.001),
    ) {
        b.push_rect(r);
    }
    match b.finish() {
        Some(path) => surface.push_clip_path(&path, &FillRule::NonZero),
        // Something must be pushed, to be popped.
        None => surface.push_opacity(NormalizedF32::ZERO),
    }
}

fn draw_item(surface: &mut Surface<'_>, fonts: &mut Fonts, item: &Item) {
    match item {
        Item::Rect {
            rect,
            radius,
            fill,
            pen,
        } => {
            let mut b = PathBuilder::new();
            rounded_rect(
                &mut b,
                *rect,
                radius.min(rect.width() / 2.0).min(rect.height() / 2.0),
            );
            draw_path(surface, b, *fill, *pen);
        }
        Item::Circle {
            center,
            radius,
            fill,
            pen,
        } => {
            let mut b = PathBuilder::new();
            rounded_rect(
                &mut b,
                Rect::from_center_size(*center, egui::Vec2::splat(radius * 2.0)),
                *radius,
            );
            draw_path(surface, b, *fill, *pen);
        }
        Item::Path {
            points,
            closed,
            fill,
            pen,
        } => {
            let mut b = PathBuilder::new();
            let mut rest = points.iter();
            if let Some(first) = rest.next() {
                b.move_to(first.x, first.y);
                rest.for_each(|p| b.line_to(p.x, p.y));
                if *closed {
                    b.close();
                }
            }
            draw_path(surface, b, *fill, *pen);
        }
        Item::Text(row) => {
            surface.set_fill(Some(paint_fill(row.color)));
            surface.set_stroke(None);
            draw_text(surface, fonts, row);
        }
    }
}

/// A rectangle with round corners of `r` (circular arcs as cubic curves).
fn rounded_rect(b: &mut PathBuilder, rect: Rect, r: f32) {
    let (l, t, rt, bt) = (rect.left(), rect.top(), rect.right(), rect.bottom());
    if r <= 0.0 {
        b.move_to(l, t);
        b.line_to(rt, t);
        b.line_to(rt, bt);
        b.line_to(l, bt);
        b.close();
        return;
    }
    // How far a cubic's handle reaches for a quarter circle.
    let k = r * 0.552_284_8;
    b.move_to(l + r, t);
    b.line_to(rt - r, t);
    b.cubic_to(rt - r + k, t, rt, t + r - k, rt, t + r);
    b.line_to(rt, bt - r);
    b.cubic_to(rt, bt - r + k, rt - r + k, bt, rt - r, bt);
    b.line_to(l + r, bt);
    b.cubic_to(l + r - k, bt, l, bt - r + k, l, bt - r);
    b.line_to(l, t + r);
    b.cubic_to(l, t + r - k, l + r - k, t, l + r, t);
    b.close();
}

/// Fills and strokes a path; nothing for a path with no area and no line.
fn draw_path(surface: &mut Surface<'_>, b: PathBuilder, fill: Color32, pen: Pen) {
    let fill = (fill.a() > 0).then(|| paint_fill(fill));
    let stroke = pen.draws().then(|| {
        let (rgb, alpha) = unmultiplied(pen.color);
        Stroke {
            paint: krilla::color::rgb::Color::new(rgb[0], rgb[1], rgb[2]).into(),
            width: pen.width,
            opacity: NormalizedF32::new(alpha).unwrap_or(NormalizedF32::ONE),
            ..Stroke::default()
        }
    });
    if fill.is_none() && stroke.is_none() {
        return;
    }
    let Some(path) = b.finish() else {
        return;
    };
    surface.set_fill(fill);
    surface.set_stroke(stroke);
    surface.draw_path(&path);
}

fn paint_fill(c: Color32) -> Fill {
    let (rgb, alpha) = unmultiplied(c);
    Fill {
        paint: krilla::color::rgb::Color::new(rgb[0], rgb[1], rgb[2]).into(),
        opacity: NormalizedF32::new(alpha).unwrap_or(NormalizedF32::ONE),
        rule: FillRule::NonZero,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_the_figure_or_the_paper() {
        let points = egui::vec2(1200.0, 600.0);
        let own = placement(PageSize::default(), (2400, 1200), points);
        assert_eq!(own.page, (1800.0, 900.0));
        assert_eq!((own.scale, own.offset), (1.5, (0.0, 0.0)));
        let a4 = PageSize {
            paper: Some(Paper::A4),
            landscape: true,
        };
        let on_a4 = placement(a4, (2400, 1200), points);
        assert!((on_a4.page.0 - 841.89).abs() < 0.01 && (on_a4.page.1 - 595.28).abs() < 0.01);
        // As wide as the margins allow, centred upright.
        let width = 1200.0 * on_a4.scale;
        assert!((on_a4.offset.0 - PAPER_MARGIN).abs() < 0.01);
        assert!((on_a4.offset.0 * 2.0 + width - on_a4.page.0).abs() < 0.01);
        let letter = placement(
            PageSize {
                paper: Some(Paper::Letter),
                landscape: false,
            },
            (2400, 1200),
            points,
        );
        assert_eq!(letter.page, (612.0, 792.0));
    }
}
