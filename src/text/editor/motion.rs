//! Caret motions: by grapheme, word or phrase (stops from the pure
//! functions of `text::words`), screen row, page, to either end; a goal
//! column kept by vertical motions; Left/Right collapsing a selection.

use super::{Editor, Motion, Pos};
use crate::text::breaks::{Unit, unit};
use crate::text::words;

impl Editor {
    pub(super) fn left_of(&self, p: Pos) -> Pos {
        if p.grapheme > 0 {
            Pos::new(p.paragraph, p.grapheme - 1)
        } else if p.paragraph > 0 {
            Pos::new(p.paragraph - 1, self.paras[p.paragraph - 1].len())
        } else {
            p
        }
    }

    pub(super) fn right_of(&self, p: Pos) -> Pos {
        if p.grapheme < self.paras[p.paragraph].len() {
            Pos::new(p.paragraph, p.grapheme + 1)
        } else if p.paragraph + 1 < self.paras.len() {
            Pos::new(p.paragraph + 1, 0)
        } else {
            p
        }
    }

    pub(super) fn unit_at(&self, p: usize, g: usize) -> Unit {
        unit(self.paras[p].grapheme(g))
    }

    pub(super) fn word_right(&self, pos: Pos) -> Pos {
        let (p, g) = (pos.paragraph, pos.grapheme);
        let len = self.paras[p].len();
        if g >= len {
            return self.right_of(pos);
        }
        Pos::new(p, words::next_stop(len, g, |i| self.unit_at(p, i)))
    }

    pub(super) fn word_left(&self, pos: Pos) -> Pos {
        let (p, g) = (pos.paragraph, pos.grapheme);
        if g == 0 {
            return self.left_of(pos);
        }
        Pos::new(p, words::prev_stop(g, |i| self.unit_at(p, i)))
    }

    /// Where `m` takes the caret; also returns the goal column to keep.
    pub(super) fn target(&mut self, m: Motion) -> (Pos, Option<usize>) {
        let c = self.caret;
        let (r, col) = self.row_col(c);
        let (n, down) = match m {
            Motion::Left => return (self.left_of(c), None),
            Motion::Right => return (self.right_of(c), None),
            Motion::RowStart => return (self.pos_at(c.paragraph, r, 0), None),
            Motion::RowEnd => return (self.pos_at(c.paragraph, r, usize::MAX), None),
            Motion::DocStart => return (Pos::default(), None),
            Motion::DocEnd => return (self.end(), None),
            Motion::WordLeft => return (self.word_left(c), None),
            Motion::WordRight => return (self.word_right(c), None),
            Motion::Up => (1, false),
            Motion::Down => (1, true),
            Motion::PageUp => (self.page(), false),
            Motion::PageDown => (self.page(), true),
        };
        let goal = self.goal.unwrap_or(col);
        let (p, row) = self.step_rows((c.paragraph, r), n, down);
        if (p, row) == (c.paragraph, r) {
            // Already on the first or last row: go to its start or end.
            let to = if down { self.end() } else { Pos::default() };
            return (to, None);
        }
        (self.pos_at(p, row, goal), Some(goal))
    }

    pub(super) fn page(&self) -> usize {
        self.view.height.saturating_sub(1).max(1)
    }

    pub(super) fn do_move(&mut self, m: Motion, extend: bool) {
        self.history.close();
        if !extend && let Some((s, e)) = self.selection() {
            // Left/Right collapse a selection to its edge, as word processors do.
            match m {
                Motion::Left => return self.collapse(s),
                Motion::Right => return self.collapse(e),
                _ => {}
            }
        }
        let (to, goal) = self.target(m);
        if extend {
            self.anchor.get_or_insert(self.caret);
        } else {
            self.anchor = None;
        }
        if matches!(m, Motion::PageUp | Motion::PageDown) {
            let n = self.page();
            self.view.top = self.step_rows(self.view.top, n, m == Motion::PageDown);
        }
        self.caret = to;
        self.goal = goal;
    }

    pub(super) fn collapse(&mut self, to: Pos) {
        self.caret = to;
        self.anchor = None;
        self.goal = None;
    }
}
