//! PDF laid out to GB/T 9704-2012, written natively with `krilla`: the
//! pages of [`super::page::pages`] (the very pages the print preview
//! shows) drawn glyph by glyph on the type area's grid. A4, margins, the
//! grid of lines and characters, fonts and sizes come from
//! [`PrintSettings`].
//!
//! Body-size type keeps to the grid: a Chinese character (and “”…— ·, set
//! full-width as Chinese fonts do) fills one cell, a run of digits or Latin
//! letters its half-width columns (centred in them, or condensed to fit);
//! justified rows spread what is left over between their characters.
//! Titles, the bulletin name and the closing block are set at their own
//! size on the columns [`Grid`] gives them. Rules lie between grid lines;
//! the masthead's red rule 4 mm under the issuing unit's line. Page numbers
//! — N — sit on the outer side, one character in, 7 mm below the type area.
//!
//! The file is PDF/A-2b: fonts embedded as subsets with ToUnicode maps (text
//! copies and searches as the Chinese it is), title (bulletin and number),
//! author (issuing unit) and date in the metadata, and an outline of
//! sections and articles.

pub mod fonts;

pub use fonts::{FontError, FontReport, FontSources, Fonts, Role};

use super::ExportError;
use super::labels;
use super::layout::{Align, ArticleRef, Line, LineKind, join_title, layout};
use super::page::{
    Grid, HEAVY_RULE_PT, LIGHT_RULE_PT, MASTHEAD_RULE_GAP_MM, MASTHEAD_RULE_PT, PAGE_NUMBER_GAP_MM,
    PT_PER_MM, Page, Placed, pages,
};
use crate::model::{Issue, PrintSettings, Rgb};
use crate::text::{Measure, NO_ROW_END, NO_ROW_START, graphemes, print_width};
use chrono::Datelike;
use fonts::{Face, ignorable};
use krilla::color::rgb;
use krilla::configure::{Configuration, Validator};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect, Transform};
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{GlyphId, KrillaGlyph};
use krilla::{Document, SerializeSettings};

/// A4 in points.
pub const PAGE_WIDTH_PT: f64 = PrintSettings::PAGE_WIDTH_MM as f64 * PT_PER_MM;
pub const PAGE_HEIGHT_PT: f64 = PrintSettings::PAGE_HEIGHT_MM as f64 * PT_PER_MM;
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

/// What a PDF export made: the file, and the faces it was set in.
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub fonts: FontReport,
}

/// The issue as a PDF, with fonts from `sources`.
pub fn to_pdf(
    issue: &Issue,
    settings: &PrintSettings,
    sources: &FontSources,
) -> Result<Pdf, ExportError> {
    let lines = layout(issue, settings.contents);
    let grid = Grid::new(settings);
    let pages = pages(&lines, &grid);
    let mut fonts = Fonts::find(settings, sources)?;
    let numbers: Vec<String> = pages
        .iter()
        .map(|p| labels::page_number(p.number as u32))
        .collect();
    fonts.cover(
        lines
            .iter()
            .flat_map(|l| [l.text.as_str(), l.right.as_str()])
            .chain(numbers.iter().map(String::as_str)),
    )?;
    let painter = Painter {
        s: settings,
        grid: &grid,
        fonts: &fonts,
        lines: &lines,
        last_rows: last_rows(&pages),
    };
    let mut doc = Document::new_with(SerializeSettings {
        configuration: Configuration::new_with_validator(Validator::A2_B),
        ..Default::default()
    });
    let size = PageSettings::from_wh(PAGE_WIDTH_PT as f32, PAGE_HEIGHT_PT as f32)
        .expect("A4 is a valid page size");
    for page in &pages {
        let mut p = doc.start_page_with(size.clone());
        let mut surface = p.surface();
        painter.page(&mut surface, page);
        surface.finish();
        p.finish();
    }
    doc.set_metadata(metadata(issue));
    doc.set_outline(painter.outline(issue, &pages));
    let bytes = doc
        .finish()
        .map_err(|e| ExportError::Pdf(format!("{e:?}")))?;
    let mut report = fonts.report.clone();
    report.fallbacks.dedup();
    Ok(Pdf {
        bytes,
        fonts: report,
    })
}

/// Title (bulletin and number), author (issuing unit), the issue's date
/// (also as the creation date, so the same issue gives the same file),
/// language.
fn metadata(issue: &Issue) -> Metadata {
    let bulletin = super::layout::clean(&issue.bulletin);
    let issuer = super::layout::clean(&issue.issuer);
    let title = format!("{bulletin} {}", labels::number(issue))
        .trim()
        .to_string();
    let d = issue.date;
    let mut m = Metadata::new()
        .title(title.clone())
        .description(
            format!("{title} {issuer} {}", labels::date(d))
                .trim()
                .to_string(),
        )
        .language("zh-CN".into())
        .creator(format!("jianbao {}", env!("CARGO_PKG_VERSION")))
        .creation_date(
            DateTime::new(d.year().clamp(0, 9999) as u16)
                .month(d.month() as u8)
                .day(d.day() as u8),
        );
    if !issuer.is_empty() {
        m = m.authors(vec![issuer]);
    }
    m
}

/// For every row of every page, in order, whether it is the last row of
/// its logical line (a justified paragraph's last row is not spread).
fn last_rows(pages: &[Page]) -> Vec<Vec<bool>> {
    let all: Vec<usize> = pages
        .iter()
        .flat_map(|p| p.rows.iter().map(|r| r.row.line))
        .collect();
    let mut k = 0;
    pages
        .iter()
        .map(|p| {
            p.rows
                .iter()
                .map(|_| {
                    k += 1;
                    all.get(k) != all.get(k - 1)
                })
                .collect()
        })
        .collect()
}

/// The role whose face sets a kind of line.
fn role_of(kind: LineKind) -> Role {
    match kind {
        LineKind::BulletinName => Role::Name,
        LineKind::Title => Role::Title,
        LineKind::Mark
        | LineKind::ContentsHeading
        | LineKind::ContentsSection
        | LineKind::Section => Role::Heading,
        LineKind::Source => Role::Source,
        _ => Role::Body,
    }
}

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
enum Place {
    /// From `x`, with `room` to the right margin; `justify`: spread to
    /// fill it.
    Left { x: f32, room: f32, justify: bool },
    /// Centred on `left..left + room`.
    Centre { left: f32, room: f32 },
    /// Ending at `right`, with `room` to its left.
    Right { right: f32, room: f32 },
}

/// A run of text to set: where, its size, the width of a column.
struct Set<'a> {
    text: &'a str,
    place: Place,
    baseline: f32,
    size: f32,
    column: f32,
    role: Role,
    bold: usize,
    fill: Option<&'a Rgb>,
}

struct Painter<'a> {
    s: &'a PrintSettings,
    grid: &'a Grid,
    fonts: &'a Fonts,
    lines: &'a [Line],
    last_rows: Vec<Vec<bool>>,
}

impl Painter<'_> {
    fn left(&self) -> f64 {
        f64::from(self.s.margin_left_mm) * PT_PER_MM
    }

    fn top(&self) -> f64 {
        f64::from(self.s.margin_top_mm) * PT_PER_MM
    }

    /// The baseline of a row of `lines` grid lines starting at line `at`,
    /// set at `size` in `face`: the em box centred on the lines.
    fn baseline(&self, at: usize, lines: usize, size: f64, face: &Face) -> f64 {
        let centre = self.top() + (at as f64 + lines as f64 / 2.0) * self.grid.line_pt();
        centre + f64::from(face.ascent + face.descent) / 2.0 * size
    }

    fn body_face(&self) -> &Face {
        self.fonts
            .role(Role::Body)
            .expect("every Chinese role has a face")
    }

    fn page(&self, surface: &mut Surface, page: &Page) {
        let last = &self.last_rows[page.number - 1];
        for (placed, &last) in page.rows.iter().zip(last) {
            self.row(surface, placed, last);
        }
        self.page_number(surface, page);
    }

    fn row(&self, surface: &mut Surface, placed: &Placed, last: bool) {
        let row = &placed.row;
        let line = &self.lines[row.line];
        if line.kind.is_rule() {
            self.rule(surface, placed);
            return;
        }
        if row.text.is_empty() && row.right.is_empty() {
            return;
        }
        let role = role_of(line.kind);
        let face = self.fonts.role(role).unwrap_or_else(|| self.body_face());
        let size = self.grid.size(line);
        let column = self.grid.column_pt(line);
        let fit = self.grid.fit(line);
        let margin = (line.kind.side_margin() * 2).min(fit / 4);
        let width = self.grid.width_pt;
        let left = self.left();
        let cols = |s: &str| Measure::Print.str(s) as f64;
        let text_cols = cols(&row.text);
        let right_edge = (left + width - margin as f64 * column) as f32;
        let start = (left + row.lead as f64 * column) as f32;
        let place = match line.kind.align() {
            Align::Center => Place::Centre {
                left: left as f32,
                room: width as f32,
            },
            // The right part of a spread line on a row of its own ends at
            // the right margin of the type area, whatever its type size.
            Align::Spread
                if row.right.is_empty()
                    && row.lead > margin
                    && row.lead + text_cols as usize + margin == fit =>
            {
                Place::Right {
                    right: right_edge,
                    room: right_edge - start,
                }
            }
            align => Place::Left {
                x: start,
                room: right_edge - start,
                justify: align == Align::Justify && !last,
            },
        };
        let baseline = self.baseline(placed.at, placed.lines, size, face) as f32;
        let fill = (line.kind == LineKind::BulletinName).then_some(&self.s.name_color);
        let set = |text, place, bold| Set {
            text,
            place,
            baseline,
            size: size as f32,
            column: column as f32,
            role,
            bold,
            fill,
        };
        self.text(surface, &set(&row.text, place, row.bold));
        if !row.right.is_empty() {
            let room = (cols(&row.right) * column) as f32;
            self.text(
                surface,
                &set(
                    &row.right,
                    Place::Right {
                        right: right_edge,
                        room,
                    },
                    0,
                ),
            );
        }
    }

    /// A rule across the type area: the masthead's red one 4 mm below the
    /// issuing unit's line, the closing block's on the edge of a grid line.
    fn rule(&self, surface: &mut Surface, placed: &Placed) {
        let line_pt = self.grid.line_pt();
        let (y, weight, color) = match self.lines[placed.row.line].kind {
            LineKind::MastheadRule => {
                let body = self.s.body_size.points();
                let above = self.baseline(placed.at.saturating_sub(1), 1, body, self.body_face());
                (
                    above + MASTHEAD_RULE_GAP_MM * PT_PER_MM,
                    MASTHEAD_RULE_PT,
                    self.s.rule_color.clone(),
                )
            }
            LineKind::ClosingRule { heavy } => (
                self.top() + placed.at as f64 * line_pt,
                if heavy { HEAVY_RULE_PT } else { LIGHT_RULE_PT },
                Rgb::black(),
            ),
            _ => return,
        };
        let weight = weight as f32;
        let mut path = PathBuilder::new();
        if let Some(r) = Rect::from_xywh(
            self.left() as f32,
            y as f32 - weight / 2.0,
            self.grid.width_pt as f32,
            weight,
        ) {
            path.push_rect(r);
        }
        if let Some(path) = path.finish() {
            surface.set_fill(Some(fill_of(&color)));
            surface.draw_path(&path);
            surface.set_fill(None);
        }
    }

    /// — N — on the outer side, one character in from the type area's
    /// edge, its line 7 mm below the type area.
    fn page_number(&self, surface: &mut Surface, page: &Page) {
        let text = labels::page_number(page.number as u32);
        let size = self.s.page_number_size.points();
        let column = size / 2.0;
        let left = self.left();
        let face = self
            .fonts
            .role(Role::PageNumber)
            .unwrap_or_else(|| self.body_face());
        let top = self.top() + self.grid.height_pt + PAGE_NUMBER_GAP_MM * PT_PER_MM;
        let room = self.grid.width_pt as f32;
        let place = if page.is_odd() {
            Place::Right {
                right: (left + self.grid.width_pt - size) as f32,
                room,
            }
        } else {
            Place::Left {
                x: (left + size) as f32,
                room,
                justify: false,
            }
        };
        self.text(
            surface,
            &Set {
                text: &text,
                place,
                baseline: (top + f64::from(face.ascent) * size) as f32,
                size: size as f32,
                column: column as f32,
                role: Role::PageNumber,
                bold: 0,
                fill: None,
            },
        );
    }

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
    fn text(&self, surface: &mut Surface, set: &Set) {
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

    /// Bookmarks: each section, and under it each article (by its title),
    /// at the row where it begins.
    fn outline(&self, issue: &Issue, pages: &[Page]) -> Outline {
        let mut outline = Outline::new();
        let mut section: Option<OutlineNode> = None;
        let mut seen: Vec<ArticleRef> = Vec::new();
        for (index, page) in pages.iter().enumerate() {
            for placed in &page.rows {
                let row = &placed.row;
                let y = self.top() + placed.at as f64 * self.grid.line_pt();
                let dest =
                    || XyzDestination::new(index, Point::from_xy(self.left() as f32, y as f32));
                if row.kind == LineKind::Section {
                    if let Some(done) = section.take() {
                        outline.push_child(done);
                    }
                    section = Some(OutlineNode::new(row.text.clone(), dest()));
                    continue;
                }
                let Some(at) = row.article else { continue };
                if row.kind == LineKind::ContentsEntry || seen.contains(&at) {
                    continue;
                }
                seen.push(at);
                let title = issue
                    .sections
                    .get(at.section)
                    .and_then(|s| s.articles.get(at.article))
                    .map(|a| join_title(&a.title))
                    .unwrap_or_default();
                if let Some(node) = section.as_mut()
                    && !title.is_empty()
                {
                    node.push_child(OutlineNode::new(title, dest()));
                }
            }
        }
        if let Some(done) = section {
            outline.push_child(done);
        }
        outline
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

fn fill_of(color: &Rgb) -> Fill {
    let hex = color.hex();
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0);
    Fill {
        paint: rgb::Color::new(byte(0), byte(2), byte(4)).into(),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests;
