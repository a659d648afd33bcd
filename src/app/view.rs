//! What the screen must redraw. The screen keeps its last frame and redraws
//! only the article pane and the two bars after an event that can change
//! nothing else — typing or moving the caret in the editor, with no overlay
//! (see `ui::Painter`) — and everything after anything else. The app says
//! which by a generation it moves on with every other event and tick.

use super::keymap::{self, Context, Key};
use super::{App, Focus};
use crate::model::ArticleRef;
use crossterm::event::{KeyEvent, KeyEventKind};

/// The focus, an overlay up, the unsaved mark, the open article and its
/// 字数 shown.
type Outside = (Focus, bool, bool, Option<(ArticleRef, usize)>);

#[derive(Debug, Default)]
pub struct View {
    generation: u64,
    /// The event being handled only typed or moved the caret.
    local: bool,
}

impl App {
    /// Moves on with every event and tick that may change what a pane
    /// other than the article pane or the bars shows.
    pub fn view_generation(&self) -> u64 {
        self.view.generation
    }

    /// Runs `handle` (one event), and moves the generation on unless all
    /// it did was type or move in the editor, leaving the 字数 shown, the
    /// focus, the overlays and the unsaved mark as they were.
    pub(super) fn track_view(&mut self, handle: impl FnOnce(&mut App)) {
        let before = self.view_outside();
        self.view.local = false;
        handle(self);
        let local = self.view.local
            && before.0 == Focus::Editor
            && !before.1
            && self.view_outside() == before;
        if !local {
            self.view.generation = self.view.generation.wrapping_add(1);
        }
    }

    /// Marks the event as local: the editor typed or moved (see
    /// `App::edit`), and the 字数 shown did not change (typing holds them;
    /// see `counts`).
    pub(super) fn edited_locally(&mut self, shown_before: usize) {
        let shown = self
            .doc
            .as_ref()
            .and_then(|d| d.article.as_ref())
            .map(|a| a.shown_chars());
        self.view.local = shown == Some(shown_before);
    }

    /// What a local event must leave alone: the focus, whether an overlay
    /// is up, the unsaved mark and the 字数 held.
    fn view_outside(&self) -> Outside {
        let article = self.doc.as_ref().and_then(|d| d.article.as_ref());
        (
            self.focus,
            self.overlay.is_some(),
            self.is_dirty(),
            article.map(|a| (a.pos, a.shown_chars())),
        )
    }

    /// Something finished in the background (a sync): the next frame
    /// draws everything.
    pub(super) fn view_changed(&mut self) {
        self.view.generation = self.view.generation.wrapping_add(1);
    }

    /// Time passed ([`App::tick`]): the 字数 brought up to date, a dialog
    /// shown or the unsaved mark changed move the generation on.
    pub(super) fn track_tick(&mut self, tick: impl FnOnce(&mut App)) {
        let before = self.view_outside();
        tick(self);
        if self.view_outside() != before {
            self.view.generation = self.view.generation.wrapping_add(1);
        }
    }
}

impl App {
    /// The character `key` types, if it is one that goes into the text as
    /// it is (see `text::types_as_is`: a letter, digit, ideograph or common
    /// full-width punctuation mark) and is bound to no command in the
    /// editor. When [`App::echo_ready`] held at the last frame, the
    /// terminal can show it before the key is handled (`term::screen`,
    /// the echo). A wrong guess costs a row drawn again, never a wrong
    /// screen: the frame after the key compares the echoed row with the
    /// truth.
    pub fn types_as_is(&self, key: &KeyEvent) -> Option<char> {
        let c = keymap::typed(key)?;
        let plain = key.kind == KeyEventKind::Press
            && crate::text::types_as_is(c)
            && self
                .keymap
                .lookup(Context::Editor, Key::from_event(key))
                .is_none();
        plain.then_some(c)
    }

    /// Whether a character typed now goes into the text at the caret, at
    /// the end of its paragraph (see [`App::types_as_is`]). A notice or a
    /// paste offer the key clears is drawn by the frame after it.
    pub fn echo_ready(&self) -> bool {
        let Some(doc) = self.doc.as_ref() else {
            return false;
        };
        let at_end = doc.article.as_ref().is_some_and(|a| {
            let caret = a.editor.caret();
            a.editor.selection().is_none()
                && caret.grapheme == a.editor.paragraph_len(caret.paragraph)
        });
        at_end
            && self.focus == Focus::Editor
            && self.overlay.is_none()
            && !self.extend
            && !self.find_open()
            && !self.syncing()
            && self.safety.terminal_utf8 != Some(false)
            && doc.read_only().is_none()
            && doc.issue.read_only().is_none()
            && !self.layout().too_small
    }
}
