//! The article open in the editor pane, and how editing actions reach it.

use super::App;
use crate::i18n::Msg;
use crate::model::ArticleRef;
use crate::text::Editor;
use crate::text::{EditAction, Note, Outcome};

/// An article being edited: where it is in the issue, and its text buffer.
#[derive(Debug, Clone)]
pub struct ArticleEdit {
    pub pos: ArticleRef,
    pub editor: Editor,
    /// Editor revision last copied into the issue.
    flushed: u64,
}

impl ArticleEdit {
    pub fn open(pos: ArticleRef, paragraphs: &[String], clipboard: &str) -> ArticleEdit {
        let mut editor = Editor::new(paragraphs);
        editor.set_clipboard(clipboard);
        ArticleEdit {
            pos,
            flushed: editor.revision(),
            editor,
        }
    }

    /// Typed since the text was last copied into the issue?
    pub fn has_unflushed(&self) -> bool {
        self.editor.revision() != self.flushed
    }

    /// The text, if it changed since the last call.
    pub fn take_changes(&mut self) -> Option<Vec<String>> {
        if !self.has_unflushed() {
            return None;
        }
        self.flushed = self.editor.revision();
        Some(self.editor.paragraphs())
    }
}

impl App {
    /// Applies an editing action to the open article.
    pub(super) fn edit(&mut self, action: EditAction) {
        if self.refuse_edit(&action) {
            return;
        }
        let Some(a) = self.doc.as_mut().and_then(|d| d.article.as_mut()) else {
            return;
        };
        let outcome = a.editor.apply_at(action, std::time::Instant::now());
        self.after_edit(outcome);
    }

    fn after_edit(&mut self, outcome: Outcome) {
        if let Some(text) = outcome.copied {
            self.clipboard_out = Some(text);
        }
        if let Some(note) = outcome.note {
            let text = match note {
                Note::NotFound => self.lang.t(Msg::FindNotFound).to_string(),
                Note::Wrapped => self.lang.t(Msg::FindWrapped).to_string(),
                Note::Replaced(n) => self.lang.fmt(Msg::Replaced, &[&n]),
                Note::NothingToUndo => self.lang.t(Msg::NothingToUndo).to_string(),
                Note::NothingToRedo => self.lang.t(Msg::NothingToRedo).to_string(),
            };
            self.notify(text);
        }
    }
}
