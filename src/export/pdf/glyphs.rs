//! A run of text drawn glyph by glyph: a face for each grapheme, a cell of
//! the grid for each Chinese character, narrow runs kept or condensed, and
//! justified rows spread.

use super::fill_of;
use super::fonts::{Face, Role, ignorable};
use super::painter::Painter;
use crate::model::Rgb;
use crate::text::{NO_ROW_END, NO_ROW_START, graphemes, print_width};
use krilla::geom::{Point, Transform};
use krilla::paint::Stroke;
use krilla::surface::Surface;
use krilla::text::{GlyphId, KrillaGlyph};

/// Stroke around the glyphs of bold text (a brief's run-in title), in ems:
/// Chinese faces have no bold, so it is drawn heavier, as Word does.
const BOLD_STROKE: f32 = 0.03;
/// Widest space justification puts between two characters, in ems:
/// readers of PDF text (poppler's pdftotext, search, copy) take a gap of a
/// tenth of an em for a space between words.
const MAX_GAP: f64 = 0.08;
/// A glyph narrower than this share of its cell is placed in it by its
/// punctuation (opening to the right, closing to the left, others centred).
const NARROW_GLYPH: f32 = 0.75;

/// One grapheme to draw: its glyphs in one face, where it goes.
struct Piece<'f> {
    face: &'f Face,
    /// Byte range in the row's text.
    range: std::ops::Range<usize>,
    glyphs: Vec<(u32, f32)>,
    /// The first glyph's advance, in ems.
    natural: f32,
    /// Columns the grapheme takes.
    cols: usize,
    bold: bool,
}

/// Where a run of text goes on its row, in points from the page's left.
#[derive(Clone, Copy)]
pub(super) enum Place {
    /// From `x`, with `room` to the right margin; `justify`: spread to
    /// fill it.
    Left { x: f32, room: f32, justify: bool },
    /// Centred on `left..left + room`.
    Centre { left: f32, room: f32 },
    /// Ending at `right`, with `room` to its left.
    Right { right: f32, room: f32 },
}

/// A run of text to set: where, its size, the width of a column.
pub(super) struct Set<'a> {
    pub(super) text: &'a str,
    pub(super) place: Place,
    pub(super) baseline: f32,
    pub(super) size: f32,
    pub(super) column: f32,
    pub(super) role: Role,
    pub(super) bold: usize,
    pub(super) fill: Option<&'a Rgb>,
}
impl Painter<'_> {
    /// The face for a grapheme of `role`: digits and Latin (narrow
    /// graphemes) in the Latin face when it has them, the rest in the
    /// role's face, else the first face that has it.
    fn face_for(&self, role: Role, g: &str, narrow: bool) -> Option<&Face> {
        let chars: Vec<char> = g.chars().filter(|c| !ignorable(*c)).collect();
        let first = *chars.first()?;
        let has_all = |f: &&Face| chars.iter().all(|c| f.glyph(*c).is_some());
        if narrow
            && let Some(latin) = self.fonts.role(Role::Latin)
            && has_all(&latin)
        {
            return Some(latin);
        }
        self.fonts
            .chain(role)
            .find(has_all)
            .or_else(|| self.fonts.chain(role).find(|f| f.glyph(first).is_some()))
    }

    fn pieces<'f>(&'f self, set: &Set) -> Vec<Piece<'f>> {
        let mut out = Vec::new();
        let mut at = 0;
        for g in graphemes(set.text) {
            let range = at..at + g.len();
            at += g.len();
            let cols = print_width(g);
            let Some(face) = self.face_for(set.role, g, cols == 1) else {
                // Nothing to print (a zero-width joiner alone); its columns
                // stay blank.
                out.push(Piece {
                    face: self.body_face(),
                    range,
                    glyphs: Vec::new(),
                    natural: 0.0,
                    cols,
                    bold: false,
                });
                continue;
            };
            let mut glyphs: Vec<(u32, f32)> = g
                .chars()
                .filter(|c| !ignorable(*c))
                .filter_map(|c| face.glyph(c))
                .collect();
            // A narrow middle dot in a full cell leaves gaps that copying
            // from the PDF would read as spaces: the full-width dot's glyph
            // stands in (it still copies as “·”).
            if cols >= 2
                && g == "·"
                && glyphs.first().is_some_and(|g| g.1 < NARROW_GLYPH)
                && let Some(wide) = face.glyph('・').filter(|w| w.1 >= NARROW_GLYPH)
            {
                glyphs = vec![wide];
            }
            let natural = glyphs.first().map_or(0.0, |g| g.1);
            out.push(Piece {
                face,
                bold: range.end <= set.bold,
                range,
                glyphs,
                natural,
                cols,
            });
        }
        out
    }

    /// Draws a run of text: wide graphemes one to a cell, narrow ones in
    /// runs centred in their columns (condensed when they would not fit),
    /// `gap` between them.
    pub(super) fn text(&self, surface: &mut Surface, set: &Set) {
        let pieces = self.pieces(set);
        let spots = spots(&pieces, set);
        // Consecutive glyphs of one face, weight and scale go in one call.
        let mut i = 0;
        while i < spots.len() {
            let same = |s: &Spot| {
                std::ptr::eq(pieces[s.piece].face, pieces[spots[i].piece].face)
                    && pieces[s.piece].bold == pieces[spots[i].piece].bold
                    && s.scale == spots[i].scale
                    && s.anchor == spots[i].anchor
            };
            let n = spots[i..].iter().take_while(|s| same(s)).count();
            self.draw(surface, set, &pieces, &spots[i..i + n]);
            i += n;
        }
    }

    /// Draws the glyphs of `spots` (one face, weight and scale).
    fn draw(&self, surface: &mut Surface, set: &Set, pieces: &[Piece], spots: &[Spot]) {
        let Some(first) = spots.first() else { return };
        let size = set.size;
        let mut glyphs = Vec::new();
        for (k, spot) in spots.iter().enumerate() {
            let p = &pieces[spot.piece];
            // To the next glyph's place; marks after a grapheme's first
            // glyph take no room of their own.
            let advance = match spots.get(k + 1) {
                Some(next) => (next.x - spot.x) / size,
                None => p.natural,
            };
            for (g, (gid, _)) in p.glyphs.iter().enumerate() {
                glyphs.push(KrillaGlyph {
                    glyph_id: GlyphId::new(*gid),
                    text_range: p.range.clone(),
                    x_advance: if g == 0 { advance } else { 0.0 },
                    x_offset: 0.0,
                    y_offset: 0.0,
                    y_advance: 0.0,
                    location: None,
                });
            }
        }
        if glyphs.is_empty() {
            return;
        }
        let scaled = first.scale < 1.0;
        if scaled {
            let (k, at) = (first.scale, first.anchor);
            surface.push_transform(&Transform::from_row(k, 0.0, 0.0, 1.0, at * (1.0 - k), 0.0));
        }
        surface.set_fill(Some(set.fill.map(fill_of).unwrap_or_default()));
        let face = pieces[first.piece].face;
        if pieces[first.piece].bold {
            surface.set_stroke(Some(Stroke {
                width: BOLD_STROKE * size,
                ..Default::default()
            }));
        }
        surface.draw_glyphs(
            Point::from_xy(first.x, set.baseline),
            &glyphs,
            face.font.clone(),
            set.text,
            size,
            false,
        );
        surface.set_stroke(None);
        surface.set_fill(None);
        if scaled {
            surface.pop();
        }
    }
}

/// Where a grapheme's glyphs go: the origin of its first glyph (before the
/// horizontal `scale` about `anchor` that condenses a run of narrow
/// graphemes too wide for its columns).
struct Spot {
    piece: usize,
    x: f32,
    scale: f32,
    anchor: f32,
}

/// Most that justification may tighten a row, per gap, in ems; beyond it
/// narrow runs are condensed to their columns.
const MAX_SQUEEZE: f32 = 0.02;

/// The places of `pieces`: a wide grapheme fills its cell (a narrow glyph
/// in it placed by its punctuation); a run of narrow ones (a number, a
/// Latin word) takes its natural width, condensed to its columns only when
/// the row would not fit otherwise. A justified row spreads what is left
/// over evenly between these units, if that is little enough to still read
/// as one word (else it stays ragged). Empty pieces get no place.
fn spots(pieces: &[Piece], set: &Set) -> Vec<Spot> {
    let size = set.size;
    // Units: (first piece, end, wide).
    let mut units: Vec<(usize, usize, bool)> = Vec::new();
    for (i, p) in pieces.iter().enumerate() {
        let wide = p.cols >= 2;
        match units.last_mut() {
            Some((_, end, false)) if !wide => *end = i + 1,
            _ => units.push((i, i + 1, wide)),
        }
    }
    let cells = |u: &(usize, usize, bool)| -> f32 {
        pieces[u.0..u.1]
            .iter()
            .map(|p| p.cols as f32 * set.column)
            .sum()
    };
    let natural = |u: &(usize, usize, bool)| -> f32 {
        pieces[u.0..u.1].iter().map(|p| p.natural * size).sum()
    };
    let width_of = |u: &(usize, usize, bool), condense: bool| -> f32 {
        let (c, n) = (cells(u), natural(u));
        if u.2 || (condense && n > c) { c } else { n }
    };
    let total = |condense: bool| -> f32 { units.iter().map(|u| width_of(u, condense)).sum() };
    let (room, justify) = match set.place {
        Place::Left { room, justify, .. } => (room, justify),
        Place::Centre { room, .. } | Place::Right { room, .. } => (room, false),
    };
    let gaps = units.len().saturating_sub(1) as f32;
    let spread = |condense: bool| -> f32 {
        if !justify || gaps == 0.0 {
            return 0.0;
        }
        let gap = (room - total(condense)) / gaps;
        if gap > MAX_GAP as f32 * size {
            0.0
        } else {
            gap
        }
    };
    let mut condense = total(false) > room + 0.01;
    let mut gap = spread(condense);
    if gap < -MAX_SQUEEZE * size {
        condense = true;
        gap = spread(true).max(0.0);
    }
    let width = total(condense) + gap * gaps;
    let mut x = match set.place {
        Place::Left { x, .. } => x,
        Place::Centre { left, room } => left + (room - width) / 2.0,
        Place::Right { right, .. } => right - width,
    };
    let mut out = Vec::new();
    for u in &units {
        if u.2 {
            let p = &pieces[u.0];
            let cell = p.cols as f32 * set.column;
            let glyph = p.natural * size;
            let first = set.text[p.range.clone()].chars().next().unwrap_or(' ');
            let offset = if glyph >= NARROW_GLYPH * cell {
                0.0
            } else if NO_ROW_END.contains(first) {
                cell - glyph
            } else if NO_ROW_START.contains(first) {
                0.0
            } else {
                (cell - glyph) / 2.0
            };
            if !p.glyphs.is_empty() {
                out.push(Spot {
                    piece: u.0,
                    x: x + offset,
                    scale: 1.0,
                    anchor: 0.0,
                });
            }
        } else {
            let (c, n) = (cells(u), natural(u));
            let scale = if condense && n > c { c / n } else { 1.0 };
            let mut px = x;
            for (k, p) in pieces[u.0..u.1].iter().enumerate() {
                if !p.glyphs.is_empty() {
                    out.push(Spot {
                        piece: u.0 + k,
                        x: px,
                        scale,
                        anchor: x,
                    });
                }
                px += p.natural * size;
            }
        }
        x += width_of(u, condense) + gap;
    }
    out
}
