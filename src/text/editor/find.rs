//! Find and replace in the article: every match of the query (a pure
//! search over the paragraphs, ASCII case ignored, whole graphemes only),
//! the current one, stepping through them, replacing one or all.

use super::{Editor, Note, Pos};
use crate::text::clean::clean;
use crate::text::history::StepKind;
use crate::text::para::Para;

/// The find query, its matches in text order, and the selected one.
#[derive(Debug, Clone, Default)]
pub(super) struct Find {
    pub(super) query: String,
    pub(super) matches: Vec<(Pos, Pos)>,
    pub(super) current: Option<usize>,
}

/// Every match of `query` in `paras`, in text order.
pub(super) fn search(paras: &[Para], query: &str) -> Vec<(Pos, Pos)> {
    let mut out = Vec::new();
    if query.is_empty() {
        return out;
    }
    let needle = query.to_ascii_lowercase();
    for (i, para) in paras.iter().enumerate() {
        let hay = para.text().to_ascii_lowercase();
        for (b, m) in hay.match_indices(&needle) {
            let s = para.grapheme_at_byte(b);
            let e = para.grapheme_at_byte(b + m.len());
            // Only whole graphemes: "e" does not match inside "é".
            if para.byte_of(s) == b && para.byte_of(e) == b + m.len() {
                out.push((Pos::new(i, s), Pos::new(i, e)));
            }
        }
    }
    out
}

impl Editor {
    /// Marks every match of `query` without selecting one or moving the
    /// caret (a search across articles whose current match is elsewhere,
    /// in a title). The selection is dropped.
    pub fn mark_matches(&mut self, query: &str) {
        self.history.close();
        self.anchor = None;
        self.find.query = query.to_string();
        self.find.matches = search(&self.paras, query);
        self.find.current = None;
    }

    /// Recomputes the matches after a change of text or query, keeping the
    /// current match when the selection still covers one.
    pub(super) fn refresh_find(&mut self) {
        self.find.matches = search(&self.paras, &self.find.query);
        let sel = self.selection();
        self.find.current = sel.and_then(|s| self.find.matches.iter().position(|m| *m == s));
    }

    pub(super) fn select_match(&mut self, i: usize) {
        let (s, e) = self.find.matches[i];
        self.anchor = Some(s);
        self.caret = e;
        self.goal = None;
        self.find.current = Some(i);
    }

    pub(super) fn find_from(&mut self, from: Pos, forward: bool) -> Option<Note> {
        let ms = &self.find.matches;
        if ms.is_empty() {
            self.find.current = None;
            return (!self.find.query.is_empty()).then_some(Note::NotFound);
        }
        let (i, wrapped) = if forward {
            match ms.iter().position(|(s, _)| *s >= from) {
                Some(i) => (i, false),
                None => (0, true),
            }
        } else {
            match ms.iter().rposition(|(_, e)| *e <= from) {
                Some(i) => (i, false),
                None => (ms.len() - 1, true),
            }
        };
        self.select_match(i);
        wrapped.then_some(Note::Wrapped)
    }

    pub(super) fn replace_current(&mut self, with: &str) -> Option<Note> {
        let current = self.find.current.map(|i| self.find.matches[i]);
        if current.is_none() || current != self.selection() {
            return self.find_from(self.caret, true);
        }
        self.insert(&clean(with), StepKind::Other, None);
        self.history.close();
        self.refresh_find();
        self.find_from(self.caret, true);
        Some(Note::Replaced(1))
    }

    pub(super) fn replace_all(&mut self, with: &str) -> usize {
        let with = clean(with);
        let matches = search(&self.paras, &self.find.query);
        if matches.is_empty() {
            return 0;
        }
        let before = self.sel();
        // Last to first, so earlier positions stay valid.
        let mut edits = Vec::with_capacity(matches.len());
        for (s, e) in matches.iter().rev() {
            let (bs, be) = (self.bpos(*s), self.bpos(*e));
            edits.push(self.replace(bs, be, &with));
        }
        let caret = self.clamp(self.caret);
        self.collapse(caret);
        let after = self.sel();
        self.history
            .record(StepKind::Other, edits, before, after, None);
        self.history.close();
        matches.len()
    }
}
