//! The article open in the editor pane, and how the editor's commands and
//! typing reach its text.

use super::{App, Command, Focus};
use crate::i18n::Msg;
use crate::model::ArticleRef;
use crate::text::{EditAction, Editor, Motion, Note, Outcome};

/// An article being edited: where it is in the issue, and its text buffer.
#[derive(Debug, Clone)]
pub struct ArticleEdit {
    pub pos: ArticleRef,
    pub editor: Editor,
    /// Editor revision last copied into the issue.
    flushed: u64,
    /// The 字数 shown while typing (see [`super::counts`]).
    pub held: Option<super::counts::Held>,
}

impl ArticleEdit {
    pub fn open(pos: ArticleRef, paragraphs: &[String]) -> ArticleEdit {
        let editor = Editor::new(paragraphs);
        ArticleEdit {
            pos,
            flushed: editor.revision(),
            editor,
            held: None,
        }
    }

    /// 字数 of the text as shown: held still while typing.
    pub fn shown_chars(&self) -> usize {
        self.held
            .map_or_else(|| self.editor.char_count(), |h| h.chars)
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
        // Anything but a move or a search ends extend mode.
        if !matches!(
            action,
            EditAction::Move(_)
                | EditAction::Select(_)
                | EditAction::FindNext
                | EditAction::FindPrev
        ) {
            self.extend = false;
        }
        if self.refuse_edit(&action) {
            return;
        }
        let Some(a) = self.doc.as_mut().and_then(|d| d.article.as_mut()) else {
            return;
        };
        let (now, revision) = (std::time::Instant::now(), a.editor.revision());
        let typing = super::counts::is_typing(&action);
        let before = match a.held {
            Some(h) => h.chars,
            None if typing => a.editor.char_count(),
            None => 0,
        };
        let shown = a.shown_chars();
        let local = matches!(
            action,
            EditAction::Move(_) | EditAction::Select(_) | EditAction::Insert(_)
        ) || typing;
        let outcome = a.editor.apply_at(action, now);
        if a.editor.revision() != revision {
            a.held = typing.then_some(super::counts::Held {
                chars: before,
                due: now + super::counts::PAUSE,
            });
        }
        if local {
            self.edited_locally(shown);
        }
        self.after_edit(outcome);
    }

    fn after_edit(&mut self, outcome: Outcome) {
        if let Some(text) = outcome.copied {
            // Ours, for Ctrl+V in any article or issue; and the terminal's.
            self.clipboard.clone_from(&text);
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

    /// An editing command (a key in the editor, or from the palette, which
    /// brings the keyboard to the editor); any other command does nothing.
    pub(super) fn edit_command(&mut self, cmd: Command) {
        let action = match cmd {
            Command::Paste => Some(EditAction::Paste(self.clipboard.clone())),
            _ => edit_action(cmd),
        };
        let Some(mut action) = action else {
            return;
        };
        if !self.article_open() {
            self.notify(self.lang.t(Msg::NoArticleOpen).to_string());
            return;
        }
        // In extend mode a move selects.
        if let EditAction::Move(m) = action
            && self.extend
        {
            action = EditAction::Select(m);
        }
        self.focus = Focus::Editor;
        self.edit(action);
    }
}

/// What an editor command asks of the text.
fn edit_action(cmd: Command) -> Option<EditAction> {
    let motion = |cmd| {
        Some(match cmd {
            Command::Left | Command::SelectLeft => Motion::Left,
            Command::Right | Command::SelectRight => Motion::Right,
            Command::Up | Command::SelectUp => Motion::Up,
            Command::Down | Command::SelectDown => Motion::Down,
            Command::LineStart | Command::SelectLineStart => Motion::RowStart,
            Command::LineEnd | Command::SelectLineEnd => Motion::RowEnd,
            Command::WordLeft | Command::SelectWordLeft => Motion::WordLeft,
            Command::WordRight | Command::SelectWordRight => Motion::WordRight,
            Command::PageUp | Command::SelectPageUp => Motion::PageUp,
            Command::PageDown | Command::SelectPageDown => Motion::PageDown,
            Command::First | Command::SelectFirst => Motion::DocStart,
            Command::Last | Command::SelectLast => Motion::DocEnd,
            _ => return None,
        })
    };
    Some(match cmd {
        Command::Left
        | Command::Right
        | Command::Up
        | Command::Down
        | Command::LineStart
        | Command::LineEnd
        | Command::WordLeft
        | Command::WordRight
        | Command::PageUp
        | Command::PageDown
        | Command::First
        | Command::Last => EditAction::Move(motion(cmd)?),
        Command::SelectLeft
        | Command::SelectRight
        | Command::SelectUp
        | Command::SelectDown
        | Command::SelectLineStart
        | Command::SelectLineEnd
        | Command::SelectWordLeft
        | Command::SelectWordRight
        | Command::SelectPageUp
        | Command::SelectPageDown
        | Command::SelectFirst
        | Command::SelectLast => EditAction::Select(motion(cmd)?),
        Command::SelectAll => EditAction::SelectAll,
        Command::Newline => EditAction::Newline,
        Command::DeleteBack => EditAction::Backspace,
        Command::DeleteForward => EditAction::Delete,
        Command::DeleteWordBack => EditAction::DeleteWordBack,
        Command::DeleteWordForward => EditAction::DeleteWordForward,
        Command::Cut => EditAction::Cut,
        Command::Copy => EditAction::Copy,
        Command::Undo => EditAction::Undo,
        Command::Redo => EditAction::Redo,
        Command::FindNext => EditAction::FindNext,
        Command::FindPrev => EditAction::FindPrev,
        _ => return None,
    })
}
