//! The find bar (Ctrl+F), with a replace field (Ctrl+R).

use super::input::LineInput;
use super::{App, Focus};
use crate::i18n::Msg;
use crate::text::EditAction;
use crossterm::event::{KeyCode, KeyEvent};

/// The find bar's fields and which one has the keyboard.
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

impl App {
    /// Keys for the open find bar; returns whether the key was its.
    pub(super) fn find_key(&mut self, key: &KeyEvent) -> bool {
        let Some(bar) = self.doc.as_mut().and_then(|d| d.find.as_mut()) else {
            return false;
        };
        let alt = key.modifiers.contains(crossterm::event::KeyModifiers::ALT);
        let action = match key.code {
            KeyCode::Esc => {
                if let Some(doc) = self.doc.as_mut() {
                    doc.find = None;
                }
                Some(EditAction::ClearFind)
            }
            KeyCode::Tab | KeyCode::BackTab if bar.replace.is_some() => {
                bar.on_replace = !bar.on_replace;
                None
            }
            KeyCode::Char('a') | KeyCode::Char('A') if alt && bar.replace.is_some() => {
                Some(EditAction::ReplaceAll(bar.replacement()))
            }
            KeyCode::Enter if bar.on_replace => Some(EditAction::Replace(bar.replacement())),
            KeyCode::Enter | KeyCode::Down | KeyCode::F(3)
                if !key
                    .modifiers
                    .contains(crossterm::event::KeyModifiers::SHIFT) =>
            {
                Some(EditAction::FindNext)
            }
            KeyCode::Up | KeyCode::F(3) => Some(EditAction::FindPrev),
            _ => {
                if !bar.field().handle_key(key) {
                    return false;
                }
                if !bar.on_replace {
                    self.refind();
                }
                return true;
            }
        };
        if let Some(action) = action {
            self.edit(action);
        }
        true
    }

    /// Searches again for the find bar's query (incremental find).
    pub(super) fn refind(&mut self) {
        let query = self
            .doc
            .as_ref()
            .and_then(|d| d.find.as_ref())
            .map(|b| b.query.text().to_string());
        if let Some(q) = query {
            self.edit(EditAction::Find(q));
        }
    }

    /// Opens the find bar (with the replace field for `replace`).
    pub(super) fn open_find(&mut self, replace: bool) {
        if !self.article_open() {
            self.notify(self.lang.t(Msg::NoArticleOpen).to_string());
            return;
        }
        self.focus = Focus::Editor;
        let Some(doc) = self.doc.as_mut() else { return };
        let selected = doc
            .article
            .as_ref()
            .and_then(|a| a.editor.selected_text())
            .filter(|t| !t.contains('\n'));
        let bar = doc.find.get_or_insert_with(FindBar::default);
        if let Some(t) = selected {
            bar.query.set(&t);
        }
        // As in Word: the query field first (holding the selection), Tab to
        // the replacement.
        if replace {
            bar.replace.get_or_insert_with(Default::default);
        }
        bar.on_replace = false;
        self.refind();
    }
}
