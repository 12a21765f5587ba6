//! SVG figures: the same figure as the PNG, from the same layout and painting code, written as
//! vector shapes. The figure's items ([`figure_vectors`], shared with the PDF writer) are
//! written one by one: rectangles, circles and paths as SVG elements, and each row of text as a
//! `<text>` element holding its characters (so titles are selectable and searchable), clipped as
//! egui clips them.
//!
//! Hand-written rather than through a crate: the items to write are four kinds,
//! and an SVG writer crate would add a dependency for what is a few `format!`s.

use std::fmt::Write as _;
use std::path::Path;

use egui::{Color32, Pos2, Rect};

use crate::io::atomic;
use crate::model::{Dataset, Filter};

use super::figure::FigureOptions;
use super::png::ExportError;
use super::vector::{Item, Pen, TextRow, figure_vectors};

/// The figure as an SVG document: `width` × `height` pixels, drawn in points.
pub fn figure_svg(
    dataset: &Dataset,
    filter: &Filter,
    opts: &FigureOptions,
) -> Result<String, ExportError> {
    profiling::function_scope!();
    let figure = figure_vectors(dataset, filter, opts)?;
    let (w, h) = figure.pixels;
    let mut svg = Svg::default();
    let _ = write!(
        svg.out,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {} {}" font-family="Ubuntu, 'Noto Sans', 'DejaVu Sans', sans-serif">
"#,
        num(figure.size.x),
        num(figure.size.y)
    );
    let _ = writeln!(svg.out, "<title>{}</title>", escape(&dataset.meta.title));
    for clipped in &figure.items {
        svg.clip(clipped.clip);
        svg.item(&clipped.item);
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

/// An SVG document being written, in a group per run of items with the same clip rectangle.
#[derive(Default)]
struct Svg {
    out: String,
    clip: Option<Rect>,
    clips: usize,
}

impl Svg {
    /// Starts a group clipped to `rect`, unless the items before were clipped alike.
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

    fn item(&mut self, item: &Item) {
        match item {
            Item::Rect {
                rect,
                radius,
                fill: f,
                pen,
            } => {
                let _ = writeln!(
                    self.out,
                    r#"<rect x="{}" y="{}" width="{}" height="{}"{}{}{}/>"#,
                    num(rect.left()),
                    num(rect.top()),
                    num(rect.width()),
                    num(rect.height()),
                    if *radius > 0.0 {
                        format!(r#" rx="{}""#, num(*radius))
                    } else {
                        String::new()
                    },
                    fill(*f),
                    stroke(*pen)
                );
            }
            Item::Circle {
                center,
                radius,
                fill: f,
                pen,
            } => {
                let _ = writeln!(
                    self.out,
                    r#"<circle cx="{}" cy="{}" r="{}"{}{}/>"#,
                    num(center.x),
                    num(center.y),
                    num(*radius),
                    fill(*f),
                    stroke(*pen)
                );
            }
            Item::Path {
                points,
                closed,
                fill: f,
                pen,
            } => self.path(points, *closed, *f, *pen),
            Item::Text(row) => self.text(row),
        }
    }

    fn path(&mut self, points: &[Pos2], closed: bool, fill_color: Color32, pen: Pen) {
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
        let _ = writeln!(
            self.out,
            r#"<path d="{d}"{}{}/>"#,
            fill(fill_color),
            stroke(pen)
        );
    }

    /// A row of text as a `<text>` element at its baseline, as wide as egui laid it out
    /// whatever font the reader has.
    fn text(&mut self, row: &TextRow) {
        let _ = writeln!(
            self.out,
            r#"<text x="{}" y="{}" font-size="{}" textLength="{}" lengthAdjust="spacingAndGlyphs" xml:space="preserve"{}>{}</text>"#,
            num(row.origin.x),
            num(row.origin.y),
            num(row.size),
            num(row.width),
            fill(row.color),
            escape(&row.text)
        );
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

fn stroke(pen: Pen) -> String {
    let Pen { width, color: c } = pen;
    if !pen.draws() {
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
