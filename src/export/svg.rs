//! SVG figures: the same figure as the PNG, from the same layout and painting code
//! ([`paint_figure`]), written as vector shapes. egui runs headless over a figure-sized screen
//! (no GPU), and the shapes its painter collected are written one by one: rectangles, circles,
//! lines and paths as SVG elements, and each row of text as a `<text>` element holding its
//! characters (so titles are selectable and searchable), clipped as egui clips them.
//!
//! Hand-written rather than through a crate: the shapes to write are egui's own (a dozen kinds),
//! and an SVG writer crate would add a dependency for what is a few `format!`s.

use std::fmt::Write as _;
use std::path::Path;

use egui::epaint::{ClippedShape, ColorMode, PathShape, RectShape, Shape, TextShape};
use egui::{Color32, Pos2, Rect};

use crate::io::atomic;
use crate::model::{Dataset, Filter};

use super::figure::{FigureOptions, paint_figure};
use super::png::{ExportError, MAX_SIDE, resolved};

/// The shapes egui paints for a figure, in points, and the figure's size in points.
fn figure_shapes(
    dataset: &Dataset,
    filter: &Filter,
    opts: &FigureOptions,
) -> (Vec<ClippedShape>, egui::Vec2) {
    let ctx = egui::Context::default();
    crate::fonts::install(&ctx);
    ctx.set_theme(if opts.look.dark {
        egui::Theme::Dark
    } else {
        egui::Theme::Light
    });
    let size = opts.size_points();
    let mut input = egui::RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, size)),
        ..Default::default()
    };
    input
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .native_pixels_per_point = Some(opts.look.scale);
    let mut output = ctx.run_ui(input, |ui| {
        let rect = Rect::from_min_size(Pos2::ZERO, size);
        paint_figure(ui.painter(), rect, dataset, filter, opts);
    });
    output.textures_delta.clear();
    (output.shapes, size)
}

/// The figure as an SVG document: `width` × `height` pixels, drawn in points.
pub fn figure_svg(
    dataset: &Dataset,
    filter: &Filter,
    opts: &FigureOptions,
) -> Result<String, ExportError> {
    profiling::function_scope!();
    let opts = &*resolved(dataset, filter, opts);
    let (w, h) = (opts.look.width, opts.look.height);
    if !(16..=MAX_SIDE).contains(&w) || !(16..=MAX_SIDE).contains(&h) {
        return Err(ExportError::BadSize(w, h));
    }
    let (shapes, size) = figure_shapes(dataset, filter, opts);
    let mut svg = Svg::default();
    let _ = write!(
        svg.out,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {} {}" font-family="Ubuntu, 'Noto Sans', 'DejaVu Sans', sans-serif">
"#,
        num(size.x),
        num(size.y)
    );
    let _ = writeln!(svg.out, "<title>{}</title>", escape(&dataset.meta.title));
    for clipped in &shapes {
        svg.clip(clipped.clip_rect);
        svg.shape(&clipped.shape);
    }
    svg.close_group();
    svg.out.push_str("</svg>\n");
    Ok(svg.out)
}

/// Writes the figure as SVG, atomically; returns the file's size in bytes.
pub fn export_svg(
    path: &Path,
    dataset: &Dataset,
    filter: &Filter,
    opts: &FigureOptions,
) -> Result<usize, ExportError> {
    let text = figure_svg(dataset, filter, opts)?;
    atomic::write(path, text.as_bytes()).map_err(|source| ExportError::Write {
        path: path.display().to_string(),
        source,
    })?;
    Ok(text.len())
}

/// An SVG document being written, in a group per run of shapes with the same clip rectangle.
#[derive(Default)]
struct Svg {
    out: String,
    clip: Option<Rect>,
    clips: usize,
}

impl Svg {
    /// Starts a group clipped to `rect`, unless the shapes before were clipped alike.
    fn clip(&mut self, rect: Rect) {
        if self.clip == Some(rect) {
            return;
        }
        self.close_group();
        self.clips += 1;
        let id = self.clips;
        let _ = writeln!(
            self.out,
            r#"<clipPath id="c{id}"><rect x="{}" y="{}" width="{}" height="{}"/></clipPath><g clip-path="url(#c{id})">"#,
            num(rect.left()),
            num(rect.top()),
            num(rect.width()),
            num(rect.height())
        );
        self.clip = Some(rect);
    }

    fn close_group(&mut self) {
        if self.clip.take().is_some() {
            self.out.push_str("</g>\n");
        }
    }

    fn shape(&mut self, shape: &Shape) {
        match shape {
            Shape::Vec(shapes) => shapes.iter().for_each(|s| self.shape(s)),
            Shape::Rect(r) => self.rect(r),
            Shape::Circle(c) => {
                let _ = writeln!(
                    self.out,
                    r#"<circle cx="{}" cy="{}" r="{}"{}{}/>"#,
                    num(c.center.x),
                    num(c.center.y),
                    num(c.radius),
                    fill(c.fill),
                    stroke(c.stroke.width, c.stroke.color)
                );
            }
            Shape::LineSegment { points, stroke: s } => {
                let _ = writeln!(
                    self.out,
                    r#"<line x1="{}" y1="{}" x2="{}" y2="{}"{}/>"#,
                    num(points[0].x),
                    num(points[0].y),
                    num(points[1].x),
                    num(points[1].y),
                    stroke(s.width, s.color)
                );
            }
            Shape::Path(p) => self.path(p),
            Shape::QuadraticBezier(b) => {
                self.polyline(
                    &b.flatten(None),
                    b.closed,
                    b.fill,
                    b.stroke.width,
                    &b.stroke.color,
                );
            }
            Shape::CubicBezier(b) => {
                self.polyline(
                    &b.flatten(None),
                    b.closed,
                    b.fill,
                    b.stroke.width,
                    &b.stroke.color,
                );
            }
            Shape::Text(t) => self.text(t),
            Shape::Mesh(mesh) => {
                for tri in mesh.indices.chunks_exact(3) {
                    let v = |i: u32| mesh.vertices.get(i as usize);
                    if let (Some(a), Some(b), Some(c)) = (v(tri[0]), v(tri[1]), v(tri[2])) {
                        self.polyline(
                            &[a.pos, b.pos, c.pos],
                            true,
                            a.color,
                            0.0,
                            &ColorMode::TRANSPARENT,
                        );
                    }
                }
            }
            // Not used by figures.
            _ => {}
        }
    }

    fn rect(&mut self, r: &RectShape) {
        let radius = f32::from(r.corner_radius.nw);
        let _ = writeln!(
            self.out,
            r#"<rect x="{}" y="{}" width="{}" height="{}"{}{}{}/>"#,
            num(r.rect.left()),
            num(r.rect.top()),
            num(r.rect.width()),
            num(r.rect.height()),
            if radius > 0.0 {
                format!(r#" rx="{}""#, num(radius))
            } else {
                String::new()
            },
            fill(r.fill),
            stroke(r.stroke.width, r.stroke.color)
        );
    }

    fn path(&mut self, p: &PathShape) {
        self.polyline(&p.points, p.closed, p.fill, p.stroke.width, &p.stroke.color);
    }

    fn polyline(
        &mut self,
        points: &[Pos2],
        closed: bool,
        fill_color: Color32,
        width: f32,
        color: &ColorMode,
    ) {
        let Some(first) = points.first() else {
            return;
        };
        let mut d = format!("M{} {}", num(first.x), num(first.y));
        for p in &points[1..] {
            let _ = write!(d, "L{} {}", num(p.x), num(p.y));
        }
        if closed {
            d.push('Z');
        }
        let solid = match color {
            ColorMode::Solid(c) => *c,
            ColorMode::UV(_) => Color32::TRANSPARENT,
        };
        let fill_attr = if closed {
            fill(fill_color)
        } else {
            fill(Color32::TRANSPARENT)
        };
        let _ = writeln!(
            self.out,
            r#"<path d="{d}"{fill_attr}{}/>"#,
            stroke(width, solid)
        );
    }

    /// Each row of a text as a `<text>` element at its baseline, in its first glyph's colour.
    fn text(&mut self, t: &TextShape) {
        let size = t
            .galley
            .job
            .sections
            .first()
            .map_or(12.0, |s| s.format.font_id.size);
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
            let x = t.pos.x + placed.pos.x + first.pos.x;
            let y = t.pos.y + placed.pos.y + first.pos.y;
            // As wide as egui laid it out, whatever font the reader has.
            let width = row
                .glyphs
                .last()
                .map_or(0.0, egui::epaint::text::Glyph::max_x)
                - first.pos.x;
            let _ = writeln!(
                self.out,
                r#"<text x="{}" y="{}" font-size="{}" textLength="{}" lengthAdjust="spacingAndGlyphs" xml:space="preserve"{}>{}</text>"#,
                num(x),
                num(y),
                num(size),
                num(width),
                fill(color.gamma_multiply(t.opacity_factor)),
                escape(&text)
            );
        }
    }
}

/// A number with at most two decimals.
fn num(v: f32) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_owned() }
}

/// `fill="#rrggbb"` (and its opacity), or `fill="none"`.
fn fill(c: Color32) -> String {
    if c.a() == 0 {
        return r#" fill="none""#.into();
    }
    format!(r#" fill="{}"{}"#, hex(c), opacity("fill-opacity", c))
}

fn stroke(width: f32, c: Color32) -> String {
    if width <= 0.0 || c.a() == 0 {
        return String::new();
    }
    format!(
        r#" stroke="{}" stroke-width="{}"{}"#,
        hex(c),
        num(width),
        opacity("stroke-opacity", c)
    )
}

/// The colour without its alpha (egui's colours are premultiplied: undone here).
fn hex(c: Color32) -> String {
    let [r, g, b, _] = c.to_srgba_unmultiplied();
    format!("#{r:02x}{g:02x}{b:02x}")
}

fn opacity(attr: &str, c: Color32) -> String {
    if c.a() == 255 {
        String::new()
    } else {
        format!(r#" {attr}="{}""#, num(f32::from(c.a()) / 255.0))
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_colours_are_written_short() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(2.346), "2.35");
        assert_eq!(num(-0.001), "0");
        assert_eq!(fill(Color32::from_rgb(0, 114, 178)), r##" fill="#0072b2""##);
        assert_eq!(fill(Color32::TRANSPARENT), r#" fill="none""#);
        assert_eq!(
            escape("Treaty <of> \"A\" & B"),
            "Treaty &lt;of&gt; &quot;A&quot; &amp; B"
        );
    }
}
