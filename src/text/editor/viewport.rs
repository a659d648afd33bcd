//! What of the text is on screen: the paragraphs' screen rows at the wrap
//! width, the first row shown, how many fit, and where the caret's cell is.

use super::{Editor, Pos, VisualRow};
use crate::text::breaks::{grapheme_width, graphemes};
use crate::text::history::BPos;
use crate::text::para::Geometry;
use crate::text::wrap::INDENT;

/// The scroll state: the first row shown and how many rows fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Viewport {
    /// First visible row: paragraph and row within it.
    pub(super) top: (usize, usize),
    pub(super) height: usize,
}

impl Default for Viewport {
    /// Until the app tells the real size.
    fn default() -> Self {
        Viewport {
            top: (0, 0),
            height: 24,
        }
    }
}

impl Editor {
    pub(super) fn clamp(&self, p: Pos) -> Pos {
        let para = p.paragraph.min(self.paras.len() - 1);
        Pos::new(para, p.grapheme.min(self.paras[para].len()))
    }

    pub(super) fn bpos(&self, p: Pos) -> BPos {
        BPos {
            para: p.paragraph,
            byte: self.paras[p.paragraph].byte_of(p.grapheme),
        }
    }

    pub(super) fn gpos(&self, b: BPos) -> Pos {
        Pos::new(b.para, self.paras[b.para].grapheme_at_byte(b.byte))
    }

    pub(super) fn end(&self) -> Pos {
        let last = self.paras.len() - 1;
        Pos::new(last, self.paras[last].len())
    }

    /// Whether the paragraph's last row is full, so that the caret after its
    /// last grapheme is shown at the start of an extra row.
    pub(super) fn has_caret_row(&self, p: usize) -> bool {
        let para = &self.paras[p];
        let last = para.row_count() - 1;
        para.row(last).0.width >= self.geo.avail(last)
    }

    /// Screen rows of paragraph `p`, the caret row included.
    pub(super) fn vrows(&self, p: usize) -> usize {
        self.paras[p].row_count() + usize::from(self.has_caret_row(p))
    }

    pub(super) fn indent_of(&self, row: usize) -> usize {
        if row == 0 { self.geo.first_indent() } else { 0 }
    }

    /// Row within its paragraph and screen column of `pos`.
    pub fn row_col(&mut self, pos: Pos) -> (usize, usize) {
        let pos = self.clamp(pos);
        self.paras[pos.paragraph].ensure_grapheme(pos.grapheme);
        self.rc(pos)
    }

    /// [`Editor::row_col`] on rows already laid out.
    pub(super) fn rc(&self, pos: Pos) -> (usize, usize) {
        let para = &self.paras[pos.paragraph];
        if pos.grapheme >= para.len() && self.has_caret_row(pos.paragraph) {
            return (para.row_count(), 0);
        }
        let r = para.row_of(pos.grapheme);
        let (row, text) = para.row(r);
        let col: usize = graphemes(text)
            .take(pos.grapheme - row.g_start)
            .map(grapheme_width)
            .sum();
        (r, self.indent_of(r) + col)
    }

    /// The position nearest to the left of screen column `col` on row `row`
    /// of paragraph `p`.
    pub fn pos_at(&mut self, p: usize, row: usize, col: usize) -> Pos {
        self.paras[p].ensure_rows(row + 2);
        self.at(p, row, col)
    }

    /// [`Editor::pos_at`] on rows already laid out.
    pub(super) fn at(&self, p: usize, row: usize, col: usize) -> Pos {
        let para = &self.paras[p];
        if row >= para.row_count() {
            return Pos::new(p, para.len());
        }
        let (r, text) = para.row(row);
        let last = if row + 1 == para.row_count() && !self.has_caret_row(p) {
            r.g_end
        } else {
            r.g_end.saturating_sub(1).max(r.g_start)
        };
        let x = col.saturating_sub(self.indent_of(row));
        let mut acc = 0;
        let mut g = r.g_start;
        for gr in graphemes(text) {
            let w = grapheme_width(gr);
            if acc + w > x {
                break;
            }
            acc += w;
            g += 1;
        }
        Pos::new(p, g.min(last))
    }

    /// The screen row after (`down`) or before (`!down`) (paragraph, row).
    pub(super) fn step_row(&self, (p, r): (usize, usize), down: bool) -> Option<(usize, usize)> {
        if down {
            if r + 1 < self.vrows(p) {
                Some((p, r + 1))
            } else if p + 1 < self.paras.len() {
                Some((p + 1, 0))
            } else {
                None
            }
        } else if r > 0 {
            Some((p, r - 1))
        } else if p > 0 {
            Some((p - 1, self.vrows(p - 1) - 1))
        } else {
            None
        }
    }

    /// [`Editor::step_row`], laying out the rows it needs first.
    pub(super) fn step_row_mut(
        &mut self,
        (p, r): (usize, usize),
        down: bool,
    ) -> Option<(usize, usize)> {
        if down {
            self.paras[p].ensure_rows(r + 2);
            if p + 1 < self.paras.len() {
                self.paras[p + 1].ensure_rows(2);
            }
        } else if r == 0 && p > 0 {
            self.paras[p - 1].ensure_all();
        }
        self.step_row((p, r), down)
    }

    pub(super) fn step_rows(
        &mut self,
        mut at: (usize, usize),
        n: usize,
        down: bool,
    ) -> (usize, usize) {
        for _ in 0..n {
            match self.step_row_mut(at, down) {
                Some(next) => at = next,
                None => break,
            }
        }
        at
    }

    /// Sets the text area to `width` × `height` cells (rewrapping on a
    /// change of width) and scrolls so that the caret is visible. Call before
    /// rendering.
    pub fn scroll_to_caret(&mut self, width: usize, height: usize) {
        let geo = Geometry::new(width, INDENT);
        if geo != self.geo {
            self.geo = geo;
            for p in &mut self.paras {
                p.set_geometry(geo);
            }
        }
        self.view.height = height.max(1);
        let tp = self.view.top.0.min(self.paras.len() - 1);
        self.paras[tp].ensure_rows(self.view.top.1 + 2);
        self.view.top = (tp, self.view.top.1.min(self.vrows(tp) - 1));
        let (r, _) = self.row_col(self.caret);
        let caret = (self.caret.paragraph, r);
        if caret < self.view.top {
            self.view.top = caret;
        } else {
            // Is the caret within `height` rows of the top?
            let mut at = self.view.top;
            for _ in 1..self.view.height {
                if at == caret {
                    break;
                }
                match self.step_row_mut(at, true) {
                    Some(n) => at = n,
                    None => break,
                }
            }
            if at != caret {
                self.view.top = self.step_rows(caret, self.view.height - 1, false);
            }
        }
        // Lay out every visible row, so that rendering only reads; and keep
        // the pane full whenever the text can fill it: after a resize to a
        // taller window, or a page down near the end, the last row of text
        // goes to the bottom rather than leaving empty rows below it.
        let mut at = self.view.top;
        let mut shown = 1;
        while shown < self.view.height {
            match self.step_row_mut(at, true) {
                Some(next) => {
                    at = next;
                    shown += 1;
                }
                None => break,
            }
        }
        if shown < self.view.height {
            self.view.top = self.step_rows(self.view.top, self.view.height - shown, false);
        }
    }

    /// First visible row (paragraph, row within it).
    pub fn top(&self) -> (usize, usize) {
        self.view.top
    }

    /// The rows of the viewport, top to bottom (fewer at the end of the text).
    pub fn visible_rows(&self) -> Vec<VisualRow<'_>> {
        let mut out = Vec::with_capacity(self.view.height);
        let mut at = Some(self.view.top);
        while let Some((p, r)) = at {
            if out.len() == self.view.height {
                break;
            }
            let para = &self.paras[p];
            let (text, grapheme) = if r < para.row_count() {
                let (row, text) = para.row(r);
                (text, row.g_start)
            } else {
                ("", para.len())
            };
            out.push(VisualRow {
                paragraph: p,
                row: r,
                indent: self.indent_of(r),
                text,
                grapheme,
            });
            at = self.step_row((p, r), true);
        }
        out
    }

    /// Where the caret is on screen: (column, row) relative to the text
    /// area, or `None` when it is scrolled out of view.
    pub fn caret_screen(&self) -> Option<(usize, usize)> {
        let (r, col) = self.rc(self.caret);
        let target = (self.caret.paragraph, r);
        let mut at = self.view.top;
        for y in 0..self.view.height {
            if at == target {
                return Some((col, y));
            }
            at = self.step_row(at, true)?;
        }
        None
    }

    /// After a change of the text: keeps the first row shown on rows that
    /// exist, even before the next [`Editor::scroll_to_caret`].
    pub(super) fn keep_top_on_text(&mut self) {
        let tp = self.view.top.0.min(self.paras.len() - 1);
        let row = if tp == self.view.top.0 {
            self.view.top.1.min(self.vrows(tp) - 1)
        } else {
            0
        };
        self.view.top = (tp, row);
    }
}
