//! A figure as vector items, shared by the SVG and PDF writers: the same layout and painting as
//! the PNG ([`paint_figure`]), run by egui headless over a figure-sized screen (no GPU), and
//! the shapes its painter collected turned into a short list of items: rectangles, circles,
//! paths (lines, curves and meshes flattened) and rows of text with each glyph's place. Each
//! item keeps the rectangle egui clips it to. Coordinates are the figure's points.

use egui::epaint::{ColorMode, Shape, TextShape};
use egui::{Color32, FontFamily, Pos2, Rect, Vec2};

use crate::model::{Dataset, Filter};

use super::figure::{FigureOptions, paint_figure};
use super::png::{ExportError, check_size, headless, resolved};

/// A figure's items, in painting order, and its size in points.
#[derive(Clone, Debug)]
pub struct VectorFigure {
    /// Its size in pixels (the options' width and height, the automatic height found).
    pub pixels: (u32, u32),
    pub size: Vec2,
    pub items: Vec<Clipped>,
}

/// An item and the rectangle it is clipped to.
#[derive(Clone, Debug)]
pub struct Clipped {
    pub clip: Rect,
    pub item: Item,
}

/// A line's width and colour (nothing is drawn when either is zero).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pen {
    pub width: f32,
    pub color: Color32,
}

impl Pen {
    pub const NONE: Self = Self {
        width: 0.0,
        color: Color32::TRANSPARENT,
    };

    /// Whether the pen draws anything.
    pub fn draws(self) -> bool {
        self.width > 0.0 && self.color.a() > 0
    }
}

/// One thing drawn. Colours are egui's (premultiplied alpha).
#[derive(Clone, Debug)]
pub enum Item {
    Rect {
        rect: Rect,
        /// Corner radius (the top left one, as all figure rectangles have equal corners).
        radius: f32,
        fill: Color32,
        pen: Pen,
    },
    Circle {
        center: Pos2,
        radius: f32,
        fill: Color32,
        pen: Pen,
    },
    /// A polyline, filled only when closed.
    Path {
        points: Vec<Pos2>,
        closed: bool,
        fill: Color32,
        pen: Pen,
    },
    Text(TextRow),
}

/// A row of laid-out text.
#[derive(Clone, Debug)]
pub struct TextRow {
    /// The row's characters.
    pub text: String,
    /// Its first glyph's left end, on the baseline.
    pub origin: Pos2,
    /// Font size in points and family, as egui laid the row out.
    pub size: f32,
    pub family: FontFamily,
    /// From the first glyph's left to the last one's right, in points.
    pub width: f32,
    pub color: Color32,
    /// The text as written, when it is a whole galley's one row: in reading order, where
    /// [`Self::text`] is in egui's order of glyphs (drawing order, for right-to-left runs).
    pub source: Option<String>,
    /// Each character and where egui placed it (its left end on its baseline), from
    /// [`Self::origin`]: faces that fill in for others sit a little higher or lower.
    pub glyphs: Vec<(char, Vec2)>,
}

/// The figure's items, its automatic height found; a size out of range is refused.
pub fn figure_vectors(
    dataset: &Dataset,
    filter: &Filter,
    opts: &FigureOptions,
) -> Result<VectorFigure, ExportError> {
    let opts = &*resolved(dataset, filter, opts);
    let pixels = (opts.look.width, opts.look.height);
    check_size(pixels.0, pixels.1)?;
    let (size, items) = items_of(dataset, filter, opts);
    Ok(VectorFigure {
        pixels,
        size,
        items,
    })
}

/// The size in points and the items of a figure whose options are resolved.
fn items_of(dataset: &Dataset, filter: &Filter, opts: &FigureOptions) -> (Vec2, Vec<Clipped>) {
    profiling::function_scope!();
    let size = opts.size_points();
    let (ctx, input) = headless(size, opts.look.scale, opts.look.dark);
    let mut output = ctx.run_ui(input, |ui| {
        let rect = Rect::from_min_size(Pos2::ZERO, size);
        paint_figure(ui.painter(), rect, dataset, filter, opts);
    });
    output.textures_delta.clear();
    let mut items = Vec::new();
    for clipped in &output.shapes {
        push_shape(&mut items, clipped.clip_rect, &clipped.shape);
    }
    (size, items)
}

/// The items of one egui shape.
fn push_shape(items: &mut Vec<Clipped>, clip: Rect, shape: &Shape) {
    let mut push = |item| items.push(Clipped { clip, item });
    match shape {
        Shape::Vec(shapes) => shapes.iter().for_each(|s| push_shape(items, clip, s)),
        Shape::Rect(r) => push(Item::Rect {
            rect: r.rect,
            radius: f32::from(r.corner_radius.nw),
            fill: r.fill,
            pen: Pen {
                width: r.stroke.width,
                color: r.stroke.color,
            },
        }),
        Shape::Circle(c) => push(Item::Circle {
            center: c.center,
            radius: c.radius,
            fill: c.fill,
            pen: Pen {
                width: c.stroke.width,
                color: c.stroke.color,
            },
        }),
        Shape::LineSegment { points, stroke } => push(Item::Path {
            points: points.to_vec(),
            closed: false,
            fill: Color32::TRANSPARENT,
            pen: Pen {
                width: stroke.width,
                color: stroke.color,
            },
        }),
        Shape::Path(p) => push(path(
            p.points.clone(),
            p.closed,
            p.fill,
            p.stroke.width,
            &p.stroke.color,
        )),
        Shape::QuadraticBezier(b) => push(path(
            b.flatten(None),
            b.closed,
            b.fill,
            b.stroke.width,
            &b.stroke.color,
        )),
        Shape::CubicBezier(b) => push(path(
            b.flatten(None),
            b.closed,
            b.fill,
            b.stroke.width,
            &b.stroke.color,
        )),
        Shape::Text(t) => text_rows(t)
            .into_iter()
            .for_each(|row| push(Item::Text(row))),
        Shape::Mesh(mesh) => {
            for tri in mesh.indices.chunks_exact(3) {
                let v = |i: u32| mesh.vertices.get(i as usize);
                if let (Some(a), Some(b), Some(c)) = (v(tri[0]), v(tri[1]), v(tri[2])) {
                    push(Item::Path {
                        points: vec![a.pos, b.pos, c.pos],
                        closed: true,
                        fill: a.color,
                        pen: Pen::NONE,
                    });
                }
            }
        }
        // Not used by figures.
        _ => {}
    }
}

/// A polyline item: filled only when closed; a stroke coloured by texture is left out.
fn path(points: Vec<Pos2>, closed: bool, fill: Color32, width: f32, color: &ColorMode) -> Item {
    let color = match color {
        ColorMode::Solid(c) => *c,
        ColorMode::UV(_) => Color32::TRANSPARENT,
    };
    Item::Path {
        points,
        closed,
        fill: if closed { fill } else { Color32::TRANSPARENT },
        pen: Pen { width, color },
    }
}

/// Each non-blank row of a text, at its baseline, in its first glyph's colour and the font of
/// its first section.
fn text_rows(t: &TextShape) -> Vec<TextRow> {
    let font = t
        .galley
        .job
        .sections
        .first()
        .map(|s| s.format.font_id.clone())
        .unwrap_or_default();
    let mut rows = Vec::new();
    for placed in &t.galley.rows {
        let row = &placed.row;
        let Some(first) = row.glyphs.first() else {
            continue;
        };
        let text: String = row.glyphs.iter().map(|g| g.chr).collect();
        if text.trim().is_empty() {
            continue;
        }
        let color = t.override_text_color.unwrap_or_else(|| {
            row.visuals
                .mesh
                .vertices
                .get(first.first_vertex as usize)
                .map_or(t.fallback_color, |v| v.color)
        });
        let width = row
            .glyphs
            .last()
            .map_or(0.0, egui::epaint::text::Glyph::max_x)
            - first.pos.x;
        let source =
            (t.galley.rows.len() == 1).then(|| t.galley.job.text.trim_end_matches('\n').to_owned());
        rows.push(TextRow {
            text,
            source,
            origin: t.pos + placed.pos.to_vec2() + first.pos.to_vec2(),
            size: font.size,
            family: font.family.clone(),
            width,
            color: color.gamma_multiply(t.opacity_factor),
            glyphs: row
                .glyphs
                .iter()
                .map(|g| (g.chr, g.pos - first.pos))
                .collect(),
        });
    }
    rows
}

/// The colour as 8-bit sRGB without its alpha, and its opacity (0 to 1): egui's colours are
/// premultiplied, so this undoes it.
pub fn unmultiplied(c: Color32) -> ([u8; 3], f32) {
    let [r, g, b, a] = c.to_srgba_unmultiplied();
    ([r, g, b], f32::from(a) / 255.0)
}
