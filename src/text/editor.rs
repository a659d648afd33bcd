//! The article editor: a buffer of paragraphs, caret and selection, editing
//! actions, undo, find and replace, and the viewport. The app turns keys into
//! [`EditAction`]s and applies them; the widget renders from the accessors.

use std::borrow::Cow;
use std::ops::Range;
use std::time::Instant;

use super::breaks::{Unit, grapheme_width, graphemes, unit};
use super::clean::clean;
use super::history::{BPos, Edit, History, Sel, StepKind};
use super::para::{Geometry, Para};
use super::words;
use super::wrap::INDENT;
use crate::model::char_count;

/// A caret position: paragraph index and grapheme index within it (0 is
/// before the first grapheme, the paragraph's length after the last).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    pub paragraph: usize,
    pub grapheme: usize,
}

impl Pos {
    pub fn new(paragraph: usize, grapheme: usize) -> Pos {
        Pos {
            paragraph,
            grapheme,
        }
    }
}

/// Caret motions. On a soft-wrapped row, the position after its last
/// grapheme is the start of the next row (where the caret is shown), so
/// [`Motion::RowEnd`] stops before the last grapheme of a row that is not the
/// paragraph's last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    Left,
    Right,
    Up,
    Down,
    RowStart,
    RowEnd,
    DocStart,
    DocEnd,
    PageUp,
    PageDown,
    /// Back to the start of the word or phrase (phrases end at punctuation).
    WordLeft,
    /// On past the end of the word or phrase, its punctuation and spaces.
    WordRight,
}

/// Everything the app can ask of the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditAction {
    /// Typed text (a key or an IME commit); cleaned, replaces the selection.
    /// Consecutive typing merges into one undo step.
    Insert(String),
    /// A bracketed paste: cleaned, one undo step whatever its size.
    Paste(String),
    /// Pastes the internal clipboard.
    PasteClipboard,
    /// Enter: splits the paragraph.
    Newline,
    Backspace,
    Delete,
    /// Ctrl+Backspace / Ctrl+Delete: delete to the previous / next word stop.
    DeleteWordBack,
    DeleteWordForward,
    /// Moves the caret, dropping the selection.
    Move(Motion),
    /// Moves the caret, extending the selection (Shift+motion).
    Select(Motion),
    SelectAll,
    Copy,
    Cut,
    Undo,
    Redo,
    /// Sets the find query (incremental): selects the first match from the
    /// caret on. Matching ignores ASCII case.
    Find(String),
    FindNext,
    FindPrev,
    /// Drops the query and its highlights.
    ClearFind,
    /// Replaces the selected current match and selects the next one; when no
    /// match is selected, only selects the next one.
    Replace(String),
    /// Replaces every match, as one undo step.
    ReplaceAll(String),
    /// Replaces ranges of the text, as one undo step (tidying, rejoining a
    /// paste). See [`Splice`].
    Splice(Vec<Splice>),
}

/// One replacement of [`EditAction::Splice`]: `range` is a byte range of the
/// text as [`Editor::text`] gives it (paragraphs joined with `\n`), and
/// `text` (cleaned, `\n` between paragraphs) takes its place. The ranges of
/// one action are sorted, disjoint and on character boundaries; an action
/// that breaks this changes nothing. Caret and selection keep to the text
/// around them; one inside a replaced range goes to the end of its
/// replacement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Splice {
    pub range: Range<usize>,
    pub text: String,
}

/// What applying an action did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// The text changed ([`Editor::revision`] moved on).
    pub changed: bool,
    /// Text put on the clipboard by Copy or Cut, for the terminal (OSC 52).
    pub copied: Option<String>,
    pub note: Option<Note>,
}

/// Something for the status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Note {
    NotFound,
    /// Find went past the end (or start) and continued from the other end.
    Wrapped,
    Replaced(usize),
    NothingToUndo,
    NothingToRedo,
}

/// One row on screen, as [`Editor::visible_rows`] gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VisualRow<'a> {
    pub paragraph: usize,
    /// Row within the paragraph.
    pub row: usize,
    /// Blank columns before the text (the first row's indent).
    pub indent: usize,
    pub text: &'a str,
    /// Grapheme index of the row's first grapheme in its paragraph.
    pub grapheme: usize,
}

#[derive(Debug, Clone, Default)]
struct Find {
    query: String,
    matches: Vec<(Pos, Pos)>,
    current: Option<usize>,
}

/// Default geometry until the app tells the real one.
const DEFAULT_WIDTH: usize = 80;
const DEFAULT_HEIGHT: usize = 24;

/// The editing buffer of one article body.
#[derive(Debug, Clone)]
pub struct Editor {
    paras: Vec<Para>,
    geo: Geometry,
    height: usize,
    caret: Pos,
    anchor: Option<Pos>,
    /// Screen column kept by vertical motions.
    goal: Option<usize>,
    clipboard: String,
    history: History,
    revision: u64,
    /// First visible row: paragraph and row within it.
    top: (usize, usize),
    find: Find,
}

impl Default for Editor {
    fn default() -> Self {
        Editor::new(Vec::<String>::new())
    }
}

impl Editor {
    /// An editor on `paragraphs` (cleaned; a paragraph holding line breaks
    /// becomes several), caret at the start.
    pub fn new<S: AsRef<str>>(paragraphs: impl IntoIterator<Item = S>) -> Editor {
        let geo = Geometry::new(DEFAULT_WIDTH, INDENT);
        let mut paras: Vec<Para> = paragraphs
            .into_iter()
            .flat_map(|p| {
                clean(p.as_ref())
                    .split('\n')
                    .map(|s| Para::new(s, geo))
                    .collect::<Vec<_>>()
            })
            .collect();
        if paras.is_empty() {
            paras.push(Para::new("", geo));
        }
        Editor {
            paras,
            geo,
            height: DEFAULT_HEIGHT,
            caret: Pos::default(),
            anchor: None,
            goal: None,
            clipboard: String::new(),
            history: History::default(),
            revision: 0,
            top: (0, 0),
            find: Find::default(),
        }
    }

    // ----- accessors -----

    /// The text, one string per paragraph.
    pub fn paragraphs(&self) -> Vec<String> {
        self.paras.iter().map(|p| p.text().into_owned()).collect()
    }

    pub fn paragraph_count(&self) -> usize {
        self.paras.len()
    }

    pub fn paragraph(&self, i: usize) -> Cow<'_, str> {
        self.paras[i].text()
    }

    /// Graphemes in paragraph `i`.
    pub fn paragraph_len(&self, i: usize) -> usize {
        self.paras[i].len()
    }

    /// Changes on every change of the text (for dirty tracking and autosave).
    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn caret(&self) -> Pos {
        self.caret
    }

    /// Moves the caret (clamped), dropping the selection.
    pub fn set_caret(&mut self, pos: Pos) {
        self.caret = self.clamp(pos);
        self.anchor = None;
        self.goal = None;
        self.history.close();
    }

    /// The selection as an ordered range, when not empty.
    pub fn selection(&self) -> Option<(Pos, Pos)> {
        let a = self.anchor?;
        (a != self.caret).then(|| (a.min(self.caret), a.max(self.caret)))
    }

    pub fn selected_text(&self) -> Option<String> {
        let (s, e) = self.selection()?;
        Some(self.text_between(self.bpos(s), self.bpos(e)))
    }

    /// The whole text, paragraphs joined with `\n`: the coordinates of
    /// [`Splice`] ranges and [`Editor::offset`].
    pub fn text(&self) -> String {
        self.paragraphs().join("\n")
    }

    /// Byte offset of `pos` in [`Editor::text`].
    pub fn offset(&self, pos: Pos) -> usize {
        let pos = self.clamp(pos);
        let before: usize = self.paras[..pos.paragraph]
            .iter()
            .map(|p| p.len_bytes() + 1)
            .sum();
        before + self.bpos(pos).byte
    }

    /// 字数 of the article: non-whitespace characters.
    pub fn char_count(&self) -> usize {
        self.paras.iter().map(Para::count).sum()
    }

    /// 字数 of the selection (0 without one).
    pub fn selection_char_count(&self) -> usize {
        self.selected_text().map_or(0, |t| char_count(&t))
    }

    pub fn clipboard(&self) -> &str {
        &self.clipboard
    }

    /// Sets the internal clipboard (e.g. from the system clipboard).
    pub fn set_clipboard(&mut self, text: &str) {
        self.clipboard = clean(text);
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    /// All matches of the find query, in text order.
    pub fn find_matches(&self) -> &[(Pos, Pos)] {
        &self.find.matches
    }

    /// Index into [`Editor::find_matches`] of the selected match.
    pub fn current_match(&self) -> Option<usize> {
        self.find.current
    }

    /// Wrap width (columns of the text area).
    pub fn width(&self) -> usize {
        self.geo.width
    }

    // ----- positions and layout -----

    fn clamp(&self, p: Pos) -> Pos {
        let para = p.paragraph.min(self.paras.len() - 1);
        Pos::new(para, p.grapheme.min(self.paras[para].len()))
    }

    fn bpos(&self, p: Pos) -> BPos {
        BPos {
            para: p.paragraph,
            byte: self.paras[p.paragraph].byte_of(p.grapheme),
        }
    }

    fn gpos(&self, b: BPos) -> Pos {
        Pos::new(b.para, self.paras[b.para].grapheme_at_byte(b.byte))
    }

    fn end(&self) -> Pos {
        let last = self.paras.len() - 1;
        Pos::new(last, self.paras[last].len())
    }

    /// Whether the paragraph's last row is full, so that the caret after its
    /// last grapheme is shown at the start of an extra row.
    fn has_caret_row(&self, p: usize) -> bool {
        let para = &self.paras[p];
        let last = para.row_count() - 1;
        para.row(last).0.width >= self.geo.avail(last)
    }

    /// Screen rows of paragraph `p`, the caret row included.
    fn vrows(&self, p: usize) -> usize {
        self.paras[p].row_count() + usize::from(self.has_caret_row(p))
    }

    fn indent_of(&self, row: usize) -> usize {
        if row == 0 { self.geo.first_indent() } else { 0 }
    }

    /// Row within its paragraph and screen column of `pos`.
    pub fn row_col(&mut self, pos: Pos) -> (usize, usize) {
        let pos = self.clamp(pos);
        self.paras[pos.paragraph].ensure_grapheme(pos.grapheme);
        self.rc(pos)
    }

    /// [`Editor::row_col`] on rows already laid out.
    fn rc(&self, pos: Pos) -> (usize, usize) {
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
    fn at(&self, p: usize, row: usize, col: usize) -> Pos {
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
    fn step_row(&self, (p, r): (usize, usize), down: bool) -> Option<(usize, usize)> {
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
    fn step_row_mut(&mut self, (p, r): (usize, usize), down: bool) -> Option<(usize, usize)> {
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

    fn step_rows(&mut self, mut at: (usize, usize), n: usize, down: bool) -> (usize, usize) {
        for _ in 0..n {
            match self.step_row_mut(at, down) {
                Some(next) => at = next,
                None => break,
            }
        }
        at
    }

    // ----- viewport -----

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
        self.height = height.max(1);
        let tp = self.top.0.min(self.paras.len() - 1);
        self.paras[tp].ensure_rows(self.top.1 + 2);
        self.top = (tp, self.top.1.min(self.vrows(tp) - 1));
        let (r, _) = self.row_col(self.caret);
        let caret = (self.caret.paragraph, r);
        if caret < self.top {
            self.top = caret;
        } else {
            // Is the caret within `height` rows of the top?
            let mut at = self.top;
            for _ in 1..self.height {
                if at == caret {
                    break;
                }
                match self.step_row_mut(at, true) {
                    Some(n) => at = n,
                    None => break,
                }
            }
            if at != caret {
                self.top = self.step_rows(caret, self.height - 1, false);
            }
        }
        // Lay out every visible row, so that rendering only reads.
        let mut at = Some(self.top);
        for _ in 0..self.height {
            at = at.and_then(|a| self.step_row_mut(a, true));
        }
    }

    /// First visible row (paragraph, row within it).
    pub fn top(&self) -> (usize, usize) {
        self.top
    }

    /// The rows of the viewport, top to bottom (fewer at the end of the text).
    pub fn visible_rows(&self) -> Vec<VisualRow<'_>> {
        let mut out = Vec::with_capacity(self.height);
        let mut at = Some(self.top);
        while let Some((p, r)) = at {
            if out.len() == self.height {
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
        let mut at = self.top;
        for y in 0..self.height {
            if at == target {
                return Some((col, y));
            }
            at = self.step_row(at, true)?;
        }
        None
    }

    // ----- the text -----

    fn text_between(&self, s: BPos, e: BPos) -> String {
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
    fn replace(&mut self, s: BPos, e: BPos, text: &str) -> Edit {
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

    fn sel(&self) -> Sel {
        Sel {
            caret: self.caret,
            anchor: self.anchor,
        }
    }

    /// Replaces the selection (or the empty range at the caret) with `text`
    /// and records it; the caret ends after the text.
    fn insert(&mut self, text: &str, kind: StepKind, time: Option<Instant>) -> bool {
        let (s, e) = self.selection().unwrap_or((self.caret, self.caret));
        if text.is_empty() && s == e {
            return false;
        }
        let before = self.sel();
        let (bs, be) = (self.bpos(s), self.bpos(e));
        let edit = self.replace(bs, be, text);
        let kind = if s != e || text.contains('\n') {
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
    fn delete(&mut self, s: Pos, e: Pos, kind: StepKind, time: Option<Instant>) -> bool {
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

    // ----- motions -----

    fn left_of(&self, p: Pos) -> Pos {
        if p.grapheme > 0 {
            Pos::new(p.paragraph, p.grapheme - 1)
        } else if p.paragraph > 0 {
            Pos::new(p.paragraph - 1, self.paras[p.paragraph - 1].len())
        } else {
            p
        }
    }

    fn right_of(&self, p: Pos) -> Pos {
        if p.grapheme < self.paras[p.paragraph].len() {
            Pos::new(p.paragraph, p.grapheme + 1)
        } else if p.paragraph + 1 < self.paras.len() {
            Pos::new(p.paragraph + 1, 0)
        } else {
            p
        }
    }

    fn unit_at(&self, p: usize, g: usize) -> Unit {
        unit(self.paras[p].grapheme(g))
    }

    fn word_right(&self, pos: Pos) -> Pos {
        let (p, g) = (pos.paragraph, pos.grapheme);
        let len = self.paras[p].len();
        if g >= len {
            return self.right_of(pos);
        }
        Pos::new(p, words::next_stop(len, g, |i| self.unit_at(p, i)))
    }

    fn word_left(&self, pos: Pos) -> Pos {
        let (p, g) = (pos.paragraph, pos.grapheme);
        if g == 0 {
            return self.left_of(pos);
        }
        Pos::new(p, words::prev_stop(g, |i| self.unit_at(p, i)))
    }

    /// Where `m` takes the caret; also returns the goal column to keep.
    fn target(&mut self, m: Motion) -> (Pos, Option<usize>) {
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

    fn page(&self) -> usize {
        self.height.saturating_sub(1).max(1)
    }

    fn do_move(&mut self, m: Motion, extend: bool) {
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
            self.top = self.step_rows(self.top, n, m == Motion::PageDown);
        }
        self.caret = to;
        self.goal = goal;
    }

    fn collapse(&mut self, to: Pos) {
        self.caret = to;
        self.anchor = None;
        self.goal = None;
    }

    // ----- find -----

    fn search(&self, query: &str) -> Vec<(Pos, Pos)> {
        let mut out = Vec::new();
        if query.is_empty() {
            return out;
        }
        let needle = query.to_ascii_lowercase();
        for (i, para) in self.paras.iter().enumerate() {
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

    /// Recomputes the matches after a change of text or query, keeping the
    /// current match when the selection still covers one.
    fn refresh_find(&mut self) {
        self.find.matches = self.search(&self.find.query);
        let sel = self.selection();
        self.find.current = sel.and_then(|s| self.find.matches.iter().position(|m| *m == s));
    }

    fn select_match(&mut self, i: usize) {
        let (s, e) = self.find.matches[i];
        self.anchor = Some(s);
        self.caret = e;
        self.goal = None;
        self.find.current = Some(i);
    }

    fn find_from(&mut self, from: Pos, forward: bool) -> Option<Note> {
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

    fn replace_current(&mut self, with: &str) -> Option<Note> {
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

    fn replace_all(&mut self, with: &str) -> usize {
        let with = clean(with);
        let matches = self.search(&self.find.query);
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

    /// Byte offset in [`Editor::text`] where each paragraph starts.
    fn starts(&self) -> Vec<usize> {
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

    fn bpos_at(starts: &[usize], offset: usize) -> BPos {
        let para = starts.partition_point(|s| *s <= offset).saturating_sub(1);
        BPos {
            para,
            byte: offset - starts[para],
        }
    }

    fn splice(&mut self, splices: Vec<Splice>) -> bool {
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
        let (tp, tr) = self.top;
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
        self.top = (top.paragraph, self.row_col(top).0);
        let after = self.sel();
        self.history.close();
        self.history
            .record(StepKind::Other, edits, before, after, None);
        self.history.close();
        true
    }

    // ----- undo -----

    fn undo(&mut self) -> bool {
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

    fn redo(&mut self) -> bool {
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

    fn restore(&mut self, s: Sel) {
        self.caret = self.clamp(s.caret);
        self.anchor = s.anchor.map(|a| self.clamp(a));
        self.goal = None;
    }

    // ----- actions -----

    /// Applies an action without a timestamp (typing groups are then broken
    /// only by other actions).
    pub fn apply(&mut self, action: EditAction) -> Outcome {
        self.apply_inner(action, None)
    }

    /// Applies an action typed at `now`: a pause of more than two seconds
    /// between keystrokes also starts a new undo step.
    pub fn apply_at(&mut self, action: EditAction, now: Instant) -> Outcome {
        self.apply_inner(action, Some(now))
    }

    fn apply_inner(&mut self, action: EditAction, time: Option<Instant>) -> Outcome {
        let rev = self.revision;
        let mut out = Outcome::default();
        match action {
            EditAction::Insert(t) => {
                self.insert(&clean(&t), StepKind::Typing, time);
            }
            EditAction::Paste(t) => {
                self.history.close();
                self.insert(&clean(&t), StepKind::Other, time);
            }
            EditAction::PasteClipboard => {
                self.history.close();
                let t = self.clipboard.clone();
                self.insert(&t, StepKind::Other, time);
            }
            EditAction::Newline => {
                self.history.close();
                self.insert("\n", StepKind::Other, time);
                self.history.close();
            }
            EditAction::Backspace | EditAction::Delete => {
                let back = action == EditAction::Backspace;
                if let Some((s, e)) = self.selection() {
                    self.history.close();
                    self.delete(s, e, StepKind::Other, time);
                } else if back {
                    let s = self.left_of(self.caret);
                    self.delete(s, self.caret, StepKind::Backspace, time);
                } else {
                    let e = self.right_of(self.caret);
                    self.delete(self.caret, e, StepKind::Delete, time);
                }
            }
            EditAction::DeleteWordBack | EditAction::DeleteWordForward => {
                self.history.close();
                let (s, e) = self.selection().unwrap_or_else(|| {
                    if action == EditAction::DeleteWordBack {
                        (self.word_left(self.caret), self.caret)
                    } else {
                        (self.caret, self.word_right(self.caret))
                    }
                });
                self.delete(s, e, StepKind::Other, time);
            }
            EditAction::Move(m) => self.do_move(m, false),
            EditAction::Select(m) => self.do_move(m, true),
            EditAction::SelectAll => {
                self.history.close();
                self.anchor = Some(Pos::default());
                self.caret = self.end();
                self.goal = None;
            }
            EditAction::Copy | EditAction::Cut => {
                self.history.close();
                if let Some(t) = self.selected_text() {
                    self.clipboard = t.clone();
                    out.copied = Some(t);
                    if action == EditAction::Cut {
                        let (s, e) = self.selection().unwrap_or_default();
                        self.delete(s, e, StepKind::Other, time);
                    }
                }
            }
            EditAction::Undo => {
                if !self.undo() {
                    out.note = Some(Note::NothingToUndo);
                }
            }
            EditAction::Redo => {
                if !self.redo() {
                    out.note = Some(Note::NothingToRedo);
                }
            }
            EditAction::Find(q) => {
                self.history.close();
                self.find.query = q;
                self.find.matches = self.search(&self.find.query);
                let from = self.selection().map_or(self.caret, |(s, _)| s);
                out.note = self.find_from(from, true);
            }
            EditAction::FindNext => {
                self.history.close();
                out.note = self.find_from(self.caret, true);
            }
            EditAction::FindPrev => {
                self.history.close();
                let from = self.selection().map_or(self.caret, |(s, _)| s);
                out.note = self.find_from(from, false);
            }
            EditAction::ClearFind => self.find = Find::default(),
            EditAction::Replace(w) => {
                self.history.close();
                out.note = self.replace_current(&w);
            }
            EditAction::ReplaceAll(w) => {
                self.history.close();
                let n = self.replace_all(&w);
                out.note = Some(if n == 0 {
                    Note::NotFound
                } else {
                    Note::Replaced(n)
                });
            }
            EditAction::Splice(splices) => {
                self.splice(splices);
            }
        }
        out.changed = self.revision != rev;
        if out.changed {
            // Keep the viewport on existing rows even before the next scroll.
            let tp = self.top.0.min(self.paras.len() - 1);
            self.top = (
                tp,
                if tp == self.top.0 {
                    self.top.1.min(self.vrows(tp) - 1)
                } else {
                    0
                },
            );
            if !self.find.query.is_empty() {
                self.refresh_find();
            }
        }
        out
    }
}
