//! The printed page's type area as a grid of lines and characters, its
//! type sizes, and the GB/T 9704 measures of rules and gaps.

use crate::export::layout::{Line, LineKind};
use crate::model::PrintSettings;
use crate::text::Measure;

/// Points in a millimetre.
pub const PT_PER_MM: f64 = 72.0 / 25.4;

/// GB/T 9704: the page number's line sits 7 mm below the type area.
pub const PAGE_NUMBER_GAP_MM: f64 = 7.0;
/// GB/T 9704: the masthead rule runs 4 mm below the issuing unit's line.
pub const MASTHEAD_RULE_GAP_MM: f64 = 4.0;
/// Rule weights in points: the masthead's 1.5 pt; the closing block's
/// 0.35 mm (≈1 pt) above and below, 0.25 mm (≈0.75 pt) between (GB/T 9704
/// 7.4.1).
pub const MASTHEAD_RULE_PT: f64 = 1.5;
pub const HEAVY_RULE_PT: f64 = 1.0;
pub const LIGHT_RULE_PT: f64 = 0.75;

/// Type larger than the body takes this much height per point of size, in
/// points (as the Word export sizes its lines).
const LEADING: f64 = 1.25;

/// The printed page's type area as a grid of lines and characters (GB/T
/// 9704: 22 lines of 28 characters on A4 within margins of 37/35/28/26 mm),
/// and the type sizes set on it, from [`PrintSettings`].
///
/// Rows are measured in columns of half a character. Body-size type keeps
/// to the grid: a Chinese character fills one cell, `width_pt / chars`
/// wide. Larger or smaller type (titles, the bulletin name, the closing
/// block) is set at its own size, on as many columns as fit the type area
/// (never more than the grid's), and takes as many grid lines as its
/// height needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// Characters per line and lines per page.
    pub chars: usize,
    pub lines: usize,
    /// The type area, in points.
    pub width_pt: f64,
    pub height_pt: f64,
    body_pt: f64,
    title_pt: f64,
    closing_pt: f64,
    name_pt: f64,
}

impl Grid {
    pub fn new(s: &PrintSettings) -> Grid {
        let pt = |mm: u32| f64::from(mm) * PT_PER_MM;
        let width =
            PrintSettings::PAGE_WIDTH_MM.saturating_sub(s.margin_left_mm + s.margin_right_mm);
        let height =
            PrintSettings::PAGE_HEIGHT_MM.saturating_sub(s.margin_top_mm + s.margin_bottom_mm);
        Grid {
            chars: (s.chars_per_line as usize).max(1),
            lines: (s.lines_per_page as usize).max(1),
            width_pt: pt(width.max(1)),
            height_pt: pt(height.max(1)),
            body_pt: s.body_size.points(),
            title_pt: s.title_size.points(),
            closing_pt: s.closing_size.points(),
            name_pt: s.name_size.points(),
        }
    }

    /// Columns of a grid line: two a character.
    pub fn columns(&self) -> usize {
        self.chars * 2
    }

    /// Height of a grid line, in points.
    pub fn line_pt(&self) -> f64 {
        self.height_pt / self.lines as f64
    }

    /// The size `line` is set in, in points.
    pub fn size(&self, line: &Line) -> f64 {
        match line.kind {
            LineKind::BulletinName => self.name_size(&line.text),
            LineKind::Title => self.title_pt,
            LineKind::Distribution { .. } | LineKind::Staff => self.closing_pt,
            _ => self.body_pt,
        }
    }

    /// The bulletin name's size: as configured, or smaller (to half a
    /// point) so that a long name still fits on one line.
    pub fn name_size(&self, name: &str) -> f64 {
        let ems = (Measure::Print.str(name) as f64 / 2.0).max(1.0);
        let fit = self.width_pt / ems * 0.98;
        if fit >= self.name_pt {
            self.name_pt
        } else {
            ((fit * 2.0).floor() / 2.0).max(1.0)
        }
    }

    /// Whether `line` keeps to the character grid (it is body-size type).
    pub fn on_grid(&self, line: &Line) -> bool {
        self.size(line) == self.body_pt
    }

    /// Width of one column of `line`'s rows, in points: half a grid cell on
    /// the grid, else half the type size.
    pub fn column_pt(&self, line: &Line) -> f64 {
        if self.on_grid(line) {
            self.width_pt / self.columns() as f64
        } else {
            self.size(line) / 2.0
        }
    }

    /// Columns a row of `line` may fill.
    pub fn fit(&self, line: &Line) -> usize {
        let fit = (self.width_pt / self.column_pt(line) + 1e-6).floor() as usize;
        fit.clamp(2, self.columns().max(2))
    }

    /// Grid lines a row of `line` takes: none for a rule (drawn between
    /// lines), one for body-size type, enough for larger type.
    pub fn lines_of(&self, line: &Line) -> usize {
        if line.kind.is_rule() {
            0
        } else if self.on_grid(line) {
            1
        } else {
            ((self.size(line) * LEADING / self.line_pt()).ceil() as usize).max(1)
        }
    }
}
