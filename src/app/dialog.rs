//! Confirmation dialogs (unsaved changes, deleting, overwriting an export)
//! and what happens once unsaved changes are dealt with.

use super::search;
use super::tree::Node;
use super::{App, Overlay};
use crate::export::Format;
use crate::i18n::Msg;
use crate::model::IssueId;
use crossterm::event::{KeyCode, KeyEvent};

/// What to do once unsaved changes are dealt with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum After {
    Quit,
    Open(IssueId),
    NewIssue,
    /// Open a search hit (see [`search::Goto`]).
    Search(search::Goto),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmKind {
    /// Save / discard / cancel.
    Unsaved(After),
    DeleteIssue(IssueId),
    DeleteNode(Node),
    /// Overwrite an existing export file.
    Overwrite {
        format: Format,
        contents: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Confirm {
    pub kind: ConfirmKind,
    pub choice: usize,
}

impl Confirm {
    pub fn choices(&self) -> &'static [Msg] {
        match self.kind {
            ConfirmKind::Unsaved(_) => &[Msg::ChoiceSave, Msg::ChoiceDiscard, Msg::ChoiceCancel],
            ConfirmKind::Overwrite { .. } => &[Msg::ChoiceOverwrite, Msg::ChoiceCancel],
            _ => &[Msg::ChoiceDelete, Msg::ChoiceCancel],
        }
    }
}

/// A button's letter: the one in brackets at the end of its label, "(S)".
fn shortcut(m: Msg) -> Option<char> {
    let en = m.texts().1;
    let inner = en.strip_suffix(')')?.rsplit_once('(')?.1;
    let mut chars = inner.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// What a key does in a dialog with buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ButtonKey {
    /// The selection moved to this button.
    Moved(usize),
    /// The dialog is answered.
    Chosen(Msg),
    Ignored,
}

/// Dialog keys: ←/→ (Tab, ↑/↓) move among `choices`, Enter takes the
/// selected one, Esc answers `escape`, and a button's own letter answers it
/// — typed plainly: Ctrl+D must not discard, nor Ctrl+C cancel.
pub(super) fn button_key(key: &KeyEvent, choices: &[Msg], choice: usize, escape: Msg) -> ButtonKey {
    let n = choices.len();
    if n == 0 {
        return ButtonKey::Ignored;
    }
    let plain = !key
        .modifiers
        .intersects(crossterm::event::KeyModifiers::CONTROL | crossterm::event::KeyModifiers::ALT);
    match key.code {
        KeyCode::Esc => ButtonKey::Chosen(escape),
        KeyCode::Enter => ButtonKey::Chosen(choices[choice.min(n - 1)]),
        KeyCode::Left | KeyCode::BackTab | KeyCode::Up => ButtonKey::Moved((choice + n - 1) % n),
        KeyCode::Right | KeyCode::Tab | KeyCode::Down => ButtonKey::Moved((choice + 1) % n),
        KeyCode::Char(ch) if plain => {
            let ch = ch.to_ascii_uppercase();
            choices
                .iter()
                .copied()
                .find(|m| shortcut(*m) == Some(ch))
                .map_or(ButtonKey::Ignored, ButtonKey::Chosen)
        }
        _ => ButtonKey::Ignored,
    }
}

impl App {
    pub(super) fn confirm(&mut self, kind: ConfirmKind, choice: Msg) {
        if choice == Msg::ChoiceCancel {
            return;
        }
        match kind {
            ConfirmKind::Unsaved(after) => {
                if choice == Msg::ChoiceSave
                    && !self.save_as(crate::store::SaveMode::Safe, Some(after))
                {
                    return;
                }
                if choice == Msg::ChoiceDiscard {
                    self.forget_unsaved();
                    if let Some(doc) = self.doc.as_mut() {
                        let saved = doc.saved.clone();
                        doc.replace_issue(saved, None);
                    }
                }
                self.after(after);
            }
            ConfirmKind::DeleteIssue(id) => self.delete_issue(id),
            ConfirmKind::DeleteNode(node) => self.delete_node(node),
            ConfirmKind::Overwrite { format, contents } => self.export(format, contents, true),
        }
    }

    /// Runs `after` if nothing is unsaved, else asks first.
    pub(super) fn guard_unsaved(&mut self, after: After) {
        if self.is_dirty() {
            self.overlay = Some(Overlay::Confirm(Confirm {
                kind: ConfirmKind::Unsaved(after),
                choice: 0,
            }));
        } else {
            self.after(after);
        }
    }

    pub(super) fn after(&mut self, after: After) {
        match after {
            After::Quit => self.running = false,
            After::Open(id) => self.open_issue(id),
            After::NewIssue => self.new_issue(),
            After::Search(goto) => self.goto_hit(goto),
        }
    }
}
