//! The article open in the editor pane, and the find/replace bar.

use super::input::LineInput;
use crate::model::ArticleRef;
use crate::text::Editor;

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

/// The find bar (Ctrl+F), with a replace field (Ctrl+R).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FindBar {
    pub query: LineInput,
    pub replace: Option<LineInput>,
    /// Typing goes into the replace field.
    pub on_replace: bool,
}

impl FindBar {
    /// What matches are replaced with.
    pub fn replacement(&self) -> String {
        self.replace
            .as_ref()
            .map(|r| r.text().to_string())
            .unwrap_or_default()
    }

    pub fn field(&mut self) -> &mut LineInput {
        match (&mut self.replace, self.on_replace) {
            (Some(r), true) => r,
            _ => &mut self.query,
        }
    }
}
