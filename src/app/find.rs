//! The find bar (Ctrl+F), with a replace field (Ctrl+R), in the article
//! or across the whole issue (see [`super::findall`]).

use super::input::LineInput;
use super::keymap::{Context, Key};
use super::overlay::{Env, KeyPress, Keys, Outcome};
use super::{App, Command, Focus};
use crate::i18n::Msg;
use crate::text::EditAction;
use crossterm::event::KeyEvent;

/// Where the find bar looks: the open article (本文) or every article of
/// the issue, titles included (全期).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Scope {
    #[default]
    Article,
    Issue,
}

/// What a key of the find bar asks for; the app reads it for the scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindAsk {
    Next,
    Prev,
    /// Replace the current match and go to the next.
    Replace,
    ReplaceAll,
    /// Switch between the article and the whole issue.
    Scope,
}

/// The find bar's fields and which one has the keyboard.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FindBar {
    pub query: LineInput,
    pub replace: Option<LineInput>,
    /// Typing goes into the replace field.
    pub on_replace: bool,
    pub scope: Scope,
    /// The matches across the issue, in the issue scope.
    pub issue: super::findall::IssueFind,
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
            Command::Accept if self.on_replace => Outcome::Find(FindAsk::Replace),
            Command::Accept | Command::FindNext => Outcome::Find(FindAsk::Next),
            Command::FindPrev => Outcome::Find(FindAsk::Prev),
            Command::FindScope => Outcome::Find(FindAsk::Scope),
            Command::NextField | Command::PrevField if replacing => {
                self.on_replace = !self.on_replace;
                Outcome::Stay
            }
            Command::ReplaceAll if replacing => Outcome::Find(FindAsk::ReplaceAll),
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

    /// The find bar's query and scope, when it is open.
    pub(super) fn find_query(&self) -> Option<(String, Scope)> {
        let bar = self.doc.as_ref()?.find.as_ref()?;
        Some((bar.query.text().to_string(), bar.scope))
    }

    /// Searches again for the find bar's query (incremental find).
    pub(super) fn refind(&mut self) {
        match self.find_query() {
            Some((q, Scope::Article)) => self.edit(EditAction::Find(q)),
            Some((_, Scope::Issue)) => self.issue_refind(),
            None => {}
        }
    }

    /// Carries out what a key of the find bar asks, in the bar's scope.
    pub(super) fn find_ask(&mut self, ask: FindAsk) {
        let Some((_, scope)) = self.find_query() else {
            return;
        };
        let with = self
            .doc
            .as_ref()
            .and_then(|d| d.find.as_ref())
            .map(FindBar::replacement)
            .unwrap_or_default();
        match (scope, ask) {
            (_, FindAsk::Scope) => self.switch_scope(),
            (Scope::Article, FindAsk::Next) => self.edit(EditAction::FindNext),
            (Scope::Article, FindAsk::Prev) => self.edit(EditAction::FindPrev),
            (Scope::Article, FindAsk::Replace) => self.edit(EditAction::Replace(with)),
            (Scope::Article, FindAsk::ReplaceAll) => self.edit(EditAction::ReplaceAll(with)),
            (Scope::Issue, FindAsk::Next) => self.issue_step(true),
            (Scope::Issue, FindAsk::Prev) => self.issue_step(false),
            (Scope::Issue, FindAsk::Replace) => self.issue_replace(&with),
            (Scope::Issue, FindAsk::ReplaceAll) => self.review_replace_all(&with),
        }
    }

    /// Opens the find bar (with the replace field for `replace`) over the
    /// article, or over the whole issue for [`Scope::Issue`] (from the
    /// tree, an article to show it in is opened: the tree's).
    pub(super) fn open_find(&mut self, replace: bool, scope: Scope) {
        if scope == Scope::Issue && !self.open_for_issue_find() {
            return;
        }
        if !self.article_open() {
            self.notify(self.lang.t(Msg::NoArticleOpen).to_string());
            return;
        }
        let from_tree = self.focus != Focus::Editor;
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
        if bar.scope != scope {
            self.switch_scope();
        } else {
            if scope == Scope::Issue {
                self.start_issue_find(from_tree);
            }
            self.refind();
        }
    }
}
