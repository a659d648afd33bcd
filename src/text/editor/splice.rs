//! Changing the text: replacing a range, inserting at the caret (typing
//! merges into one undo step), deleting, splices made as one undo step, and
//! undo/redo, each keeping caret, selection and the first row shown on
//! their text.

use super::{Editor, Pos, Splice};
use crate::text::clean::clean;
use crate::text::history::{BPos, Edit, Sel, StepKind};
use crate::text::para::Para;
use std::time::Instant;

impl Editor {
    pub(super) fn text_between(&self, s: BPos, e: BPos) -> String {
        if s.para == e.para {
            return self.paras[s.para].slice(s.byte, e.byte);
        }
        let first = &self.paras[s.para];
        let mut out = first.slice(s.byte, first.len_bytes());
        for p in &self.paras[s.para + 1..e.para] {
            out.push('\n');
            out.push_str(&p.text());
        }
        out.push('\n');
        out.push_str(&self.paras[e.para].slice(0, e.byte));
        out
    }

    /// Replaces `s..e` with `text` (clean, `\n` between paragraphs); returns
    /// the edit for the history.
    pub(super) fn replace(&mut self, s: BPos, e: BPos, text: &str) -> Edit {
        let removed = self.text_between(s, e);
        if s.para == e.para && !text.contains('\n') {
            self.paras[s.para].replace(s.byte, e.byte, text);
        } else {
            let first = &self.paras[s.para];
            let last = &self.paras[e.para];
            let joined = first.slice(0, s.byte) + text + &last.slice(e.byte, last.len_bytes());
            let geo = self.geo;
            let new: Vec<Para> = joined.split('\n').map(|t| Para::new(t, geo)).collect();
            self.paras.splice(s.para..=e.para, new);
        }
        self.revision += 1;
        Edit {
            at: s,
            removed,
            inserted: text.to_string(),
        }
    }

    pub(super) fn sel(&self) -> Sel {
        Sel {
            caret: self.caret,
            anchor: self.anchor,
        }
    }

    /// Replaces the selection (or the empty range at the caret) with `text`
    /// and records it; the caret ends after the text.
    pub(super) fn insert(&mut self, text: &str, kind: StepKind, time: Option<Instant>) -> bool {
        let (s, e) = self.selection().unwrap_or((self.caret, self.caret));
        if text.is_empty() && s == e {
            return false;
        }
        let before = self.sel();
        let (bs, be) = (self.bpos(s), self.bpos(e));
        let edit = self.replace(bs, be, text);
        // Typing over a selection begins a typing step that the next keys
        // join: one undo takes the whole replacement back, as in Word.
        let kind = if text.contains('\n') {
            StepKind::Other
        } else {
            kind
        };
        self.caret = self.gpos(bs.after(text));
        self.anchor = None;
        self.goal = None;
        let after = self.sel();
        self.history.record(kind, vec![edit], before, after, time);
        true
    }

    /// Deletes `s..e` (ordered), recording it as `kind`.
    pub(super) fn delete(&mut self, s: Pos, e: Pos, kind: StepKind, time: Option<Instant>) -> bool {
        if s == e {
            return false;
        }
        let before = self.sel();
        let bs = self.bpos(s);
        let be = self.bpos(e);
        let edit = self.replace(bs, be, "");
        self.caret = self.gpos(bs);
        self.anchor = None;
        self.goal = None;
        let after = self.sel();
        self.history.record(kind, vec![edit], before, after, time);
        true
    }

    /// Byte offset in [`Editor::text`] where each paragraph starts.
    pub(super) fn starts(&self) -> Vec<usize> {
        let mut at = 0;
        self.paras
            .iter()
            .map(|p| {
                let s = at;
                at += p.len_bytes() + 1;
                s
            })
            .collect()
    }

    pub(super) fn bpos_at(starts: &[usize], offset: usize) -> BPos {
        let para = starts.partition_point(|s| *s <= offset).saturating_sub(1);
        BPos {
            para,
            byte: offset - starts[para],
        }
    }

    pub(super) fn splice(&mut self, splices: Vec<Splice>) -> bool {
        let whole = self.text();
        let mut end = 0;
        for s in &splices {
            let r = &s.range;
            if r.start < end
                || r.end < r.start
                || !whole.is_char_boundary(r.start)
                || !whole.is_char_boundary(r.end)
            {
                return false;
            }
            end = r.end;
        }
        let splices: Vec<Splice> = splices
            .into_iter()
            .map(|s| Splice {
                text: clean(&s.text),
                range: s.range,
            })
            .filter(|s| whole[s.range.clone()] != s.text)
            .collect();
        if splices.is_empty() {
            return false;
        }
        // Where an offset goes once the splices are made: one inside a
        // replaced range to the end of its replacement (caret, selection) or
        // to its start (the first row shown, so the view keeps its text).
        let follow = |o: usize, to_end: bool| {
            let mut shift = 0isize;
            for s in &splices {
                if o >= s.range.end {
                    shift += s.text.len() as isize - s.range.len() as isize;
                } else if o > s.range.start {
                    let start = (s.range.start as isize + shift) as usize;
                    return if to_end { start + s.text.len() } else { start };
                } else {
                    break;
                }
            }
            (o as isize + shift) as usize
        };
        let caret = follow(self.offset(self.caret), true);
        let anchor = self.anchor.map(|a| follow(self.offset(a), true));
        let (tp, tr) = self.view.top;
        let top_g = if tr < self.paras[tp].row_count() {
            self.paras[tp].row(tr).0.g_start
        } else {
            self.paras[tp].len()
        };
        let top = follow(self.offset(Pos::new(tp, top_g)), false);
        let before = self.sel();
        let starts = self.starts();
        // Last to first, so earlier positions stay valid.
        let mut edits = Vec::with_capacity(splices.len());
        for s in splices.iter().rev() {
            let bs = Self::bpos_at(&starts, s.range.start);
            let be = Self::bpos_at(&starts, s.range.end);
            edits.push(self.replace(bs, be, &s.text));
        }
        let starts = self.starts();
        self.caret = self.gpos(Self::bpos_at(&starts, caret));
        self.anchor = anchor
            .map(|a| self.gpos(Self::bpos_at(&starts, a)))
            .filter(|a| *a != self.caret);
        self.goal = None;
        let top = self.gpos(Self::bpos_at(&starts, top));
        self.view.top = (top.paragraph, self.row_col(top).0);
        let after = self.sel();
        self.history.close();
        self.history
            .record(StepKind::Other, edits, before, after, None);
        self.history.close();
        true
    }

    pub(super) fn undo(&mut self) -> bool {
        let Some(step) = self.history.pop_undo() else {
            return false;
        };
        for e in step.edits.iter().rev() {
            self.replace(e.at, e.at.after(&e.inserted), &e.removed);
        }
        self.restore(step.before);
        self.history.push_redo(step);
        true
    }

    pub(super) fn redo(&mut self) -> bool {
        let Some(step) = self.history.pop_redo() else {
            return false;
        };
        for e in &step.edits {
            self.replace(e.at, e.at.after(&e.removed), &e.inserted);
        }
        self.restore(step.after);
        self.history.push_undo(step);
        true
    }

    pub(super) fn restore(&mut self, s: Sel) {
        self.caret = self.clamp(s.caret);
        self.anchor = s.anchor.map(|a| self.clamp(a));
        self.goal = None;
    }
}
