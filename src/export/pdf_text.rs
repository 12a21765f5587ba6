//! Text on a PDF page, glyph for glyph as egui drew it.
//!
//! egui shapes text with `harfrust` (ligatures such as "fi", kerning, marks) and keeps, per
//! character, where it went, but not which glyph it used. So each row is split into runs of the
//! face egui would pick for each character (the first in [`crate::fonts::chain`] that has it), each
//! run is shaped again with the same shaper on the same face, and each glyph is put where egui
//! put its character. krilla embeds the glyphs as a subset of the face and maps each one back to
//! the characters it stands for (a ligature to both letters), so the text reads and searches as
//! written. Right-to-left scripts come out in egui's visual order.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::ops::Range;

use egui::FontFamily;
use krilla::geom::Point;
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use unicode_segmentation::UnicodeSegmentation as _;

use crate::fonts::ChainFace;

use super::vector::TextRow;

/// The faces of the families used so far, and which face has which character.
#[derive(Default)]
pub struct Fonts {
    chains: Vec<(FontFamily, Chain)>,
}

impl Fonts {
    fn chain(&mut self, family: &FontFamily) -> &mut Chain {
        let family = match family {
            FontFamily::Monospace => FontFamily::Monospace,
            _ => FontFamily::Proportional,
        };
        let at = if let Some(at) = self.chains.iter().position(|(f, _)| *f == family) {
            at
        } else {
            let faces = crate::fonts::chain(&family)
                .into_iter()
                .map(|chain| Face {
                    chain,
                    font: OnceCell::new(),
                    shaper: OnceCell::new(),
                })
                .collect();
            self.chains.push((
                family,
                Chain {
                    faces,
                    found: HashMap::new(),
                },
            ));
            self.chains.len() - 1
        };
        &mut self.chains[at].1
    }
}

/// A family's faces in egui's order.
struct Chain {
    faces: Vec<Face>,
    found: HashMap<char, Option<usize>>,
}

impl Chain {
    /// The first face with a glyph for `c`.
    fn face_of(&mut self, c: char) -> Option<usize> {
        if let Some(&hit) = self.found.get(&c) {
            return hit;
        }
        let hit = self.faces.iter().position(|face| {
            ttf_parser::Face::parse(face.bytes(), face.chain.index)
                .ok()
                .and_then(|f| f.glyph_index(c))
                .is_some_and(|g| g.0 != 0)
        });
        self.found.insert(c, hit);
        hit
    }
}

/// A face, opened for krilla and for the shaper when first used (`None`: it would not open).
struct Face {
    chain: ChainFace,
    font: OnceCell<Option<Font>>,
    shaper: OnceCell<Option<harfrust::ShaperData>>,
}

impl Face {
    fn bytes(&self) -> &[u8] {
        (*self.chain.data).as_ref()
    }

    fn font(&self) -> Option<Font> {
        let chain = &self.chain;
        self.font
            .get_or_init(|| {
                Font::new(
                    krilla::Data::from(std::sync::Arc::clone(&chain.data)),
                    chain.index,
                )
            })
            .clone()
    }

    /// The glyphs of `text` shaped as egui shapes them: each glyph's id, the byte where its
    /// cluster starts, and its advance and offsets in em.
    fn shape(&self, text: &str, flags: harfrust::BufferFlags) -> Option<Vec<Shaped>> {
        let font = harfrust::FontRef::from_index((*self.chain.data).as_ref(), self.chain.index);
        let font = font.ok()?;
        let data = self
            .shaper
            .get_or_init(|| Some(harfrust::ShaperData::new(&font)))
            .as_ref()?;
        let shaper = data.shaper(&font).build();
        let em = shaper.units_per_em().max(1) as f32;
        let mut buffer = harfrust::UnicodeBuffer::new();
        buffer.set_flags(flags);
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let glyphs = shaper.shape(buffer, harfrust::ShapeOptions::new());
        Some(
            glyphs
                .glyph_infos()
                .iter()
                .zip(glyphs.glyph_positions())
                .map(|(info, pos)| Shaped {
                    id: info.glyph_id,
                    cluster: info.cluster as usize,
                    advance: pos.x_advance as f32 / em,
                    x_offset: pos.x_offset as f32 / em,
                    y_offset: pos.y_offset as f32 / em,
                })
                .collect(),
        )
    }
}

/// A glyph as shaped, in em.
#[derive(Clone, Copy, Debug)]
struct Shaped {
    id: u32,
    cluster: usize,
    advance: f32,
    x_offset: f32,
    /// Up.
    y_offset: f32,
}

/// Draws a row of text in the current fill.
pub fn draw_text(surface: &mut Surface<'_>, fonts: &mut Fonts, row: &TextRow) {
    let chain = fonts.chain(&row.family);
    // A row cut short (ending in "…") shows fewer characters than it was given.
    let whole = |s: &&str| s.chars().count() <= row.glyphs.len();
    if let Some(source) = row.source.as_deref().filter(whole)
        && source.chars().any(is_rtl_char)
    {
        let faces = faces_of(chain, source);
        draw_source(surface, chain, &faces, row, source);
        return;
    }
    let faces = faces_of(chain, &row.text);
    let n = row.glyphs.len().min(faces.len());
    let mut i = 0;
    while i < n {
        let mut j = i + 1;
        while j < n && faces[j] == faces[i] {
            j += 1;
        }
        let mut flags = harfrust::BufferFlags::empty();
        if i == 0 {
            flags |= harfrust::BufferFlags::BEGINNING_OF_TEXT;
        }
        if j == n {
            flags |= harfrust::BufferFlags::END_OF_TEXT;
        }
        // Characters no face has are written with the first face's empty glyph: searchable
        // still.
        if let Some(face) = chain.faces.get(faces[i].unwrap_or(0)) {
            draw_run(surface, face, row, i..j, faces[i].is_some(), flags);
        }
        i = j;
    }
}

/// Each character's face, as egui picks them: per grapheme (a letter and its marks), the face
/// of its first character.
fn faces_of(chain: &mut Chain, text: &str) -> Vec<Option<usize>> {
    let mut faces = Vec::with_capacity(text.len());
    for grapheme in text.graphemes(true) {
        let face = grapheme.chars().next().and_then(|c| chain.face_of(c));
        faces.extend(grapheme.chars().map(|_| face));
    }
    faces
}

/// Draws the characters `chars` of a row, all in `face`.
fn draw_run(
    surface: &mut Surface<'_>,
    face: &Face,
    row: &TextRow,
    chars: Range<usize>,
    has_them: bool,
    flags: harfrust::BufferFlags,
) {
    let Some(font) = face.font() else {
        return;
    };
    let placed = &row.glyphs[chars.clone()];
    let mut text = String::new();
    let mut starts = Vec::with_capacity(placed.len());
    for &(c, _) in placed {
        starts.push(text.len());
        text.push(c);
    }
    let shaped = if has_them {
        face.shape(&text, flags)
    } else {
        None
    };
    // Without a shaper, one glyph per character by the character map (`.notdef` if none).
    let shaped = shaped.unwrap_or_else(|| {
        let parsed = ttf_parser::Face::parse(face.bytes(), face.chain.index).ok();
        starts
            .iter()
            .zip(placed)
            .map(|(&start, &(c, _))| Shaped {
                id: parsed
                    .as_ref()
                    .and_then(|f| f.glyph_index(c))
                    .map_or(0, |g| u32::from(g.0)),
                cluster: start,
                advance: 0.0,
                x_offset: 0.0,
                y_offset: 0.0,
            })
            .collect()
    });
    // Marks and joiners no face has are left out, as egui leaves them out (no empty box).
    let shaped: Vec<Shaped> = shaped
        .into_iter()
        .filter(|g| {
            g.id != 0
                || !text
                    .get(g.cluster..)
                    .and_then(|t| t.chars().next())
                    .is_some_and(is_invisible_when_missing)
        })
        .collect();
    let tweak = &face.chain.tweak;
    let size = (row.size * tweak.scale).max(0.01);
    let end_x = row.glyphs.get(chars.end).map_or(row.width, |g| g.1.x);
    let glyphs = place(&shaped, &starts, placed, text.len(), end_x, size);
    let Some(&(_, first)) = placed.first() else {
        return;
    };
    let y_tweak = size * tweak.y_offset_factor + tweak.y_offset;
    let start = Point::from_xy(
        row.origin.x + glyphs.first().map_or(first.x, |g| g.1),
        row.origin.y + first.y + y_tweak,
    );
    let glyphs: Vec<KrillaGlyph> = glyphs.into_iter().map(|(g, _)| g).collect();
    surface.draw_glyphs(start, &glyphs, font, &text, size, false);
}

/// Combining marks and format characters (joiners, variation selectors): egui draws nothing
/// for them when no face has them.
fn is_invisible_when_missing(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x200B..=0x200F
        | 0x2060..=0x206F | 0x20D0..=0x20FF | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F | 0xFEFF)
}

/// Whether a character is written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko…).
fn is_rtl_char(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
}

/// A row with right-to-left text, from its text as written: egui 0.37 lists the characters of
/// such runs out of order, so the row is laid out again as egui lays it out (runs of one face,
/// left to right, each shaped in its own direction), from the row's left end.
fn draw_source(
    surface: &mut Surface<'_>,
    chain: &Chain,
    faces: &[Option<usize>],
    row: &TextRow,
    source: &str,
) {
    let y = row.origin.y + row.glyphs.first().map_or(0.0, |g| g.1.y);
    let mut pen = row.origin.x;
    let starts: Vec<usize> = source.char_indices().map(|(i, _)| i).collect();
    let n = starts.len().min(faces.len());
    let mut i = 0;
    while i < n {
        let mut j = i + 1;
        while j < n && faces[j] == faces[i] {
            j += 1;
        }
        let bytes = starts[i]..starts.get(j).copied().unwrap_or(source.len());
        let text = &source[bytes];
        i = j;
        let Some(face) = chain.faces.get(faces[i - 1].unwrap_or(0)) else {
            continue;
        };
        let (Some(font), Some(shaped)) = (
            face.font(),
            face.shape(text, harfrust::BufferFlags::empty()),
        ) else {
            continue;
        };
        let tweak = &face.chain.tweak;
        let size = (row.size * tweak.scale).max(0.01);
        let glyphs: Vec<KrillaGlyph> = shaped
            .iter()
            .map(|g| {
                let end = shaped
                    .iter()
                    .map(|s| s.cluster)
                    .filter(|&c| c > g.cluster)
                    .min()
                    .unwrap_or(text.len());
                KrillaGlyph::new(
                    GlyphId::new(g.id),
                    g.advance,
                    g.x_offset,
                    g.y_offset,
                    0.0,
                    g.cluster.min(end)..end,
                    None,
                )
            })
            .collect();
        let y_tweak = size * tweak.y_offset_factor + tweak.y_offset;
        surface.draw_glyphs(
            Point::from_xy(pen, y + y_tweak),
            &glyphs,
            font,
            text,
            size,
            false,
        );
        pen += shaped.iter().map(|g| g.advance).sum::<f32>() * size;
    }
}

/// The shaped glyphs where egui put their characters: the first glyph of a cluster at its
/// character's place (egui's places include the shaper's offsets), the others after it by the
/// shaper's advances. Each glyph with where it starts (from the row's origin), its advance to
/// the next one, and the bytes of the text it stands for.
fn place(
    shaped: &[Shaped],
    starts: &[usize],
    placed: &[(char, egui::Vec2)],
    text_len: usize,
    end_x: f32,
    size: f32,
) -> Vec<(KrillaGlyph, f32)> {
    let Some(&(_, first)) = placed.first() else {
        return Vec::new();
    };
    // Where each glyph goes, and its baseline.
    let mut at: Vec<(f32, f32)> = Vec::with_capacity(shaped.len());
    for (k, g) in shaped.iter().enumerate() {
        let ci = starts
            .partition_point(|&s| s <= g.cluster)
            .saturating_sub(1);
        let (_, pos) = placed.get(ci).copied().unwrap_or((' ', first));
        let x = match k.checked_sub(1).map(|p| (shaped[p], at[p])) {
            Some((prev, (px, _))) if prev.cluster == g.cluster => {
                px + (prev.advance - prev.x_offset + g.x_offset) * size
            }
            _ => pos.x,
        };
        at.push((x, pos.y));
    }
    shaped
        .iter()
        .enumerate()
        .map(|(k, g)| {
            let (x, y) = at[k];
            let next_x = at.get(k + 1).map_or(end_x, |n| n.0);
            // The cluster's text: up to the next cluster's start.
            let end = shaped
                .iter()
                .map(|s| s.cluster)
                .filter(|&c| c > g.cluster)
                .min()
                .unwrap_or(text_len);
            let glyph = KrillaGlyph::new(
                GlyphId::new(g.id),
                (next_x - x) / size,
                0.0,
                // Up from the run's baseline (egui's places are down from the row's top).
                (first.y - y) / size + g.y_offset,
                0.0,
                g.cluster.min(end)..end,
                None,
            );
            (glyph, x)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shaped(id: u32, cluster: usize, advance: f32) -> Shaped {
        Shaped {
            id,
            cluster,
            advance,
            x_offset: 0.0,
            y_offset: 0.0,
        }
    }

    #[test]
    fn a_ligature_stands_for_its_letters_and_glyphs_go_where_egui_put_them() {
        // "fie": egui put f (drawn as the fi ligature) at 0, i at 8 (no width), e at 8.
        let placed = [
            ('f', egui::vec2(0.0, 0.0)),
            ('i', egui::vec2(8.0, 0.0)),
            ('e', egui::vec2(8.0, 0.0)),
        ];
        let glyphs = place(
            &[shaped(90, 0, 0.6), shaped(40, 2, 0.5)],
            &[0, 1, 2],
            &placed,
            3,
            15.0,
            10.0,
        );
        let ranges: Vec<Range<usize>> = glyphs.iter().map(|(g, _)| g.text_range.clone()).collect();
        assert_eq!(ranges, vec![0..2, 2..3]);
        let xs: Vec<f32> = glyphs.iter().map(|(_, x)| *x).collect();
        assert_eq!(xs, vec![0.0, 8.0]);
        // Advances (in em) reach the next glyph, and the last one the row's end.
        assert!((glyphs[0].0.x_advance - 0.8).abs() < 1e-6);
        assert!((glyphs[1].0.x_advance - 0.7).abs() < 1e-6);
    }

    #[test]
    fn glyphs_of_one_cluster_follow_each_other() {
        let placed = [('e', egui::vec2(2.0, 0.0)), ('x', egui::vec2(9.0, 0.0))];
        let glyphs = place(
            &[shaped(1, 0, 0.5), shaped(2, 0, 0.0), shaped(3, 1, 0.5)],
            &[0, 1],
            &placed,
            2,
            14.0,
            10.0,
        );
        let xs: Vec<f32> = glyphs.iter().map(|(_, x)| *x).collect();
        assert_eq!(xs, vec![2.0, 7.0, 9.0]);
        assert_eq!(glyphs[1].0.text_range, 0..1);
    }
}
