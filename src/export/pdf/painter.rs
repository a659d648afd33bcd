//! Pages drawn on the type area's grid: rows placed on their lines, rules,
//! page numbers, and the outline of sections and articles.

use super::fill_of;
use super::fonts::{Face, Fonts, Role};
use super::glyphs::{Place, Set};
use crate::export::labels;
use crate::export::layout::{Align, ArticleRef, Line, LineKind, join_title};
use crate::export::page::{
    Grid, HEAVY_RULE_PT, LIGHT_RULE_PT, MASTHEAD_RULE_GAP_MM, MASTHEAD_RULE_PT, PAGE_NUMBER_GAP_MM,
    PT_PER_MM, Page, Placed,
};
use crate::model::{Issue, PrintSettings, Rgb};
use crate::text::Measure;
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::outline::{Outline, OutlineNode};
use krilla::surface::Surface;

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

pub(super) struct Painter<'a> {
    pub(super) s: &'a PrintSettings,
    pub(super) grid: &'a Grid,
    pub(super) fonts: &'a Fonts,
    pub(super) lines: &'a [Line],
    pub(super) last_rows: Vec<Vec<bool>>,
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

    pub(super) fn body_face(&self) -> &Face {
        self.fonts
            .role(Role::Body)
            .expect("every Chinese role has a face")
    }

    pub(super) fn page(&self, surface: &mut Surface, page: &Page) {
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

    /// Bookmarks: each section, and under it each article (by its title),
    /// at the row where it begins.
    pub(super) fn outline(&self, issue: &Issue, pages: &[Page]) -> Outline {
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
