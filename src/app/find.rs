//! The find bar (Ctrl+F), with a replace field (Ctrl+R).

use super::input::LineInput;
use super::keymap::{Context, Key};
use super::overlay::{Env, KeyPress, Keys, Outcome};
use super::{App, Command, Focus};
use crate::i18n::Msg;
use crate::text::EditAction;
use crossterm::event::KeyEvent;

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

/// The find bar's keys; the editor's own (Alt+↑, Ctrl+Z, F6…) pass on to
/// the editor.
impl Keys for FindBar {
    fn command(&mut self, cmd: Command, _env: &Env) -> Option<Outcome> {
        let replacing = self.replace.is_some();
        Some(match cmd {
            Command::Close => Outcome::CloseFind,
            Command::Accept if self.on_replace => {
                Outcome::Edit(EditAction::Replace(self.replacement()))
            }
            Command::Accept | Command::FindNext => Outcome::Edit(EditAction::FindNext),
            Command::FindPrev => Outcome::Edit(EditAction::FindPrev),
            Command::NextField | Command::PrevField if replacing => {
                self.on_replace = !self.on_replace;
                Outcome::Stay
            }
            Command::ReplaceAll if replacing => {
                Outcome::Edit(EditAction::ReplaceAll(self.replacement()))
            }
            _ if self.field().command(cmd) => self.edited(),
            _ => return None,
        })
    }

    fn text(&mut self, c: char, _env: &Env) -> Outcome {
        self.field().insert(c.encode_utf8(&mut [0; 4]));
        self.edited()
    }

    fn other(&mut self, _env: &Env) -> Outcome {
        Outcome::Pass
    }

    fn paste(&mut self, text: &str, _env: &Env) -> Outcome {
        self.field().insert(text);
        Outcome::Refind
    }
}

impl FindBar {
    /// A field was edited: a new query is looked for as it is typed.
    fn edited(&self) -> Outcome {
        if self.on_replace {
            Outcome::Stay
        } else {
            Outcome::Refind
        }
    }
}

impl App {
    /// Whether the find bar takes the keys: it is open over the editor.
    pub(super) fn find_open(&self) -> bool {
        self.focus == Focus::Editor && self.doc.as_ref().is_some_and(|d| d.find.is_some())
    }

    /// A key for the open find bar; returns whether it took the key (else
    /// the editor's key map has it).
    pub(super) fn find_key(&mut self, event: &KeyEvent, key: Key) -> bool {
        let press = KeyPress::new(self.keymap.lookup_all(Context::Find, key), event);
        let env = self.env();
        let Some(bar) = self.doc.as_mut().and_then(|d| d.find.as_mut()) else {
            return false;
        };
        let (command, outcome) = bar.handle_key(&press, &env);
        if outcome == Outcome::Pass {
            return false;
        }
        self.last_command = command;
        self.apply(outcome);
        true
    }

    /// A paste while the find bar is open goes into its field.
    pub(super) fn find_paste(&mut self, text: &str) {
        let env = self.env();
        if let Some(bar) = self.doc.as_mut().and_then(|d| d.find.as_mut()) {
            let outcome = bar.paste(text, &env);
            self.apply(outcome);
        }
    }

    /// Closes the find bar, and its marks in the text.
    pub(super) fn close_find(&mut self) {
        if let Some(doc) = self.doc.as_mut() {
            doc.find = None;
        }
        self.edit(EditAction::ClearFind);
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
            bar.replace
                .get_or_insert_with(Default::default)
                .select_all();
        }
        // What the bar holds already is selected: typing replaces it.
        bar.query.select_all();
        bar.on_replace = false;
        self.refind();
    }
}
