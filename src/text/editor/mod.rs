//! The article editor: a buffer of paragraphs with a caret, a selection and
//! an undo history, changed by [`EditAction`]s ([`Editor::apply`]). The app
//! turns keys into actions; the widget renders from the accessors.
//!
//! - [`motion`]: where the caret goes (word stops are pure functions in
//!   `text::words`);
//! - [`splice`]: changing the text, as one undo step or merged typing, and
//!   undo/redo;
//! - [`find`]: matches of the find query (a pure search) and replacing them;
//! - [`viewport`]: what is on screen: the rows, the first one shown, the
//!   caret's cell. The scroll state is there alone ([`viewport::Viewport`]);
//!   the clipboard is the app's (Copy and Cut hand it the text).

mod find;
mod motion;
mod splice;
mod viewport;

#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::ops::Range;
use std::time::Instant;

use super::clean::clean;
use super::history::{History, StepKind};
use super::para::{Geometry, Para};
use super::wrap::INDENT;
use crate::model::char_count;
use find::Find;
use viewport::Viewport;

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
    /// The text Copy or Cut took, for the clipboard (the app's, and the
    /// terminal's through OSC 52).
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

/// Default width until the app tells the real one.
const DEFAULT_WIDTH: usize = 80;

/// The editing buffer of one article body.
#[derive(Debug, Clone)]
pub struct Editor {
    paras: Vec<Para>,
    /// The wrap width and indent the paragraphs' rows are laid out for.
    geo: Geometry,
    caret: Pos,
    anchor: Option<Pos>,
    /// Screen column kept by vertical motions.
    goal: Option<usize>,
    history: History,
    revision: u64,
    view: Viewport,
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
            caret: Pos::default(),
            anchor: None,
            goal: None,
            history: History::default(),
            revision: 0,
            view: Viewport::default(),
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
                self.find.matches = find::search(&self.paras, &self.find.query);
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
            self.keep_top_on_text();
            if !self.find.query.is_empty() {
                self.refresh_find();
            }
        }
        out
    }
}
