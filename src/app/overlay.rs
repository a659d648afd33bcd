//! The overlays drawn over the panes (help, palette, forms, dialogs, print
//! preview, tidy, search, trash) and the find bar: each owns its keys.
//!
//! A key pressed over an overlay is looked up in the overlay's context of
//! the key map ([`KeyPress`]); the overlay carries out the first command it
//! has a meaning for, in its own state, and says what the app should do
//! next as an [`Outcome`] — close it, run a command, answer a dialog — which
//! `App::apply` carries out. Overlays never reach into the app.

use super::dialog::{Choice, Confirm};
use super::form::Form;
use super::help::Help;
use super::inbox::{InboxAct, InboxView};
use super::keymap::{Context, Key, typed};
use super::palette::Palette;
use super::search::Goto;
use super::trash::Trash;
use super::{App, Command, import, preview, safety, search, tidy};
use crate::i18n::{Lang, Msg};
use crossterm::event::KeyEvent;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help(Help),
    Trash(Trash),
    Palette(Palette),
    Form(Form),
    Confirm(Confirm),
    Preview(preview::Preview),
    Tidy(tidy::TidyReview),
    /// Recovery offers, save conflicts, encoding warnings.
    Safety(safety::Dialog),
    Search(search::Search),
    /// Importing a file (boxed: it holds the plan shown).
    Import(Box<import::Import>),
    Inbox(InboxView),
    /// Replacing all across the issue: the matches, to confirm (boxed: it
    /// holds the rows).
    Replace(Box<super::findall::ReplaceReview>),
    /// The statistics view (boxed: it holds the table).
    Stats(Box<super::stats::StatsView>),
}

/// A key as an overlay sees it: the commands it is bound to in the
/// overlay's context (most specific first), and what it types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyPress {
    pub commands: Vec<Command>,
    pub text: Option<char>,
}

impl KeyPress {
    pub fn new(commands: Vec<Command>, event: &KeyEvent) -> KeyPress {
        KeyPress {
            commands,
            text: typed(event),
        }
    }
}

/// What the app tells an overlay about itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Env {
    pub lang: Lang,
    /// The terminal's rows, for paging.
    pub height: u16,
    /// The open issue has unsaved changes.
    pub dirty: bool,
}

/// Where the selection of a list of `len` rows goes for a command that
/// moves it (↑↓ a row, PgUp/PgDn `page` rows, Home/End the ends); `None`
/// for any other command.
pub fn moved(selected: usize, len: usize, page: usize, cmd: Command) -> Option<usize> {
    let last = len.saturating_sub(1);
    Some(match cmd {
        Command::Up => selected.saturating_sub(1),
        Command::Down => (selected + 1).min(last),
        Command::PageUp => selected.saturating_sub(page),
        Command::PageDown => (selected + page).min(last),
        Command::First => 0,
        Command::Last => last,
        _ => return None,
    })
}

/// What a key in an overlay asks of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Not the overlay's key: nothing happens.
    Ignored,
    /// Done inside the overlay, which stays open.
    Stay,
    /// Close the overlay.
    Close,
    /// Close the overlay and say so on the status line.
    CloseWith(Msg),
    /// Close the overlay, then run the command (the palette's choice).
    Run(Command),
    /// The dialog's answer.
    Answer(Choice),
    /// The form is filled in and valid: apply it.
    Submit,
    /// Make the ticked changes of the tidy overlay.
    Tidy,
    /// Open a search hit.
    Open(Goto),
    /// Restore an issue from the trash.
    Restore(std::path::PathBuf),
    /// The find bar's query changed: find again.
    Refind,
    /// A key of the find bar, for its scope.
    Find(super::find::FindAsk),
    /// Make the ticked replacements of the replace-all review.
    ReplaceAll,
    /// Close the find bar.
    CloseFind,
    /// A decision taken in the inbox view.
    Inbox(InboxAct),
    /// Stay, and say this on the status line.
    Notice(Msg),
    /// Not the find bar's key: the editor's key map has it.
    Pass,
    /// The import overlay asks to read a file or to make the import.
    Import(import::Ask),
    /// The statistics view asks to count again or to save the CSV.
    Stats(super::stats::StatsAsk),
}

/// An overlay's keys.
pub trait Keys {
    /// What `cmd` does here, or `None` when it means nothing here.
    fn command(&mut self, cmd: Command, env: &Env) -> Option<Outcome>;

    /// A typed character no binding took.
    fn text(&mut self, _c: char, _env: &Env) -> Outcome {
        Outcome::Ignored
    }

    /// A key that neither runs a command here nor types.
    fn other(&mut self, _env: &Env) -> Outcome {
        Outcome::Ignored
    }

    /// Pasted text (a terminal's bracketed paste).
    fn paste(&mut self, _text: &str, _env: &Env) -> Outcome {
        Outcome::Ignored
    }

    /// Handles a key: the first of its commands that means something
    /// here, else what it types. Returns that command, and the outcome.
    fn handle_key(&mut self, press: &KeyPress, env: &Env) -> (Option<Command>, Outcome) {
        for &cmd in &press.commands {
            if let Some(outcome) = self.command(cmd, env) {
                return (Some(cmd), outcome);
            }
        }
        let outcome = match press.text {
            Some(c) => self.text(c, env),
            None => self.other(env),
        };
        (None, outcome)
    }
}

impl Overlay {
    /// The key map's context of the overlay.
    pub fn context(&self) -> Context {
        match self {
            Overlay::Help(_) => Context::Help,
            Overlay::Trash(_) => Context::Trash,
            Overlay::Palette(_) => Context::Palette,
            Overlay::Form(_) => Context::Form,
            Overlay::Confirm(_) | Overlay::Safety(_) => Context::Dialog,
            Overlay::Preview(_) => Context::Preview,
            Overlay::Tidy(_) => Context::Tidy,
            Overlay::Search(_) => Context::Search,
            Overlay::Import(_) => Context::Import,
            Overlay::Inbox(_) => Context::Inbox,
            Overlay::Replace(_) => Context::Replace,
            Overlay::Stats(_) => Context::Stats,
        }
    }

    fn keys(&mut self) -> &mut dyn Keys {
        match self {
            Overlay::Help(o) => o,
            Overlay::Trash(o) => o,
            Overlay::Palette(o) => o,
            Overlay::Form(o) => o,
            Overlay::Confirm(o) => o,
            Overlay::Preview(o) => o,
            Overlay::Tidy(o) => o,
            Overlay::Safety(o) => o,
            Overlay::Search(o) => o,
            Overlay::Import(o) => o.as_mut(),
            Overlay::Inbox(o) => o,
            Overlay::Replace(o) => o.as_mut(),
            Overlay::Stats(o) => o.as_mut(),
        }
    }
}

impl App {
    /// What overlays know of the app.
    pub(super) fn env(&self) -> Env {
        Env {
            lang: self.lang,
            height: self.height,
            dirty: self.is_dirty(),
        }
    }

    /// A key for the open overlay.
    pub(super) fn overlay_key(&mut self, event: &KeyEvent, key: Key) {
        let env = self.env();
        let Some(overlay) = self.overlay.as_mut() else {
            return;
        };
        let press = KeyPress::new(self.keymap.lookup_all(overlay.context(), key), event);
        let (command, outcome) = overlay.keys().handle_key(&press, &env);
        self.last_command = command;
        self.apply(outcome);
    }

    /// A paste over the open overlay.
    pub(super) fn overlay_paste(&mut self, text: &str) {
        let env = self.env();
        if let Some(overlay) = self.overlay.as_mut() {
            let outcome = overlay.keys().paste(text, &env);
            self.apply(outcome);
        }
    }

    /// Carries out what an overlay or the find bar asked for.
    pub(super) fn apply(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Ignored | Outcome::Stay => {}
            Outcome::Close => self.close_overlay(),
            Outcome::CloseWith(msg) => {
                self.close_overlay();
                self.notify(self.lang.t(msg).to_string());
            }
            Outcome::Run(cmd) => {
                self.close_overlay();
                self.update(cmd);
            }
            Outcome::Answer(choice) => match self.overlay.take() {
                Some(Overlay::Confirm(c)) => self.confirm(c.kind, choice),
                Some(Overlay::Safety(d)) => self.resolve(d, choice),
                other => self.overlay = other,
            },
            Outcome::Submit => {
                if let Some(Overlay::Form(form)) = self.overlay.take() {
                    self.submit_form(form);
                }
            }
            Outcome::Tidy => {
                if let Some(Overlay::Tidy(review)) = self.overlay.take() {
                    self.accept_tidy(review);
                }
            }
            Outcome::Open(goto) => {
                self.close_overlay();
                self.open_hit(goto);
            }
            Outcome::Restore(path) => {
                self.close_overlay();
                self.restore_issue(&path);
            }
            Outcome::Refind => self.refind(),
            Outcome::Find(ask) => self.find_ask(ask),
            Outcome::ReplaceAll => {
                if let Some(Overlay::Replace(review)) = self.overlay.take() {
                    self.accept_replace_all(*review);
                }
            }
            Outcome::CloseFind => self.close_find(),
            Outcome::Inbox(act) => self.inbox_act(act),
            Outcome::Notice(msg) => self.notify(self.lang.t(msg).to_string()),
            Outcome::Pass => {}
            Outcome::Import(ask) => self.import_ask(ask),
            Outcome::Stats(ask) => self.stats_ask(ask),
        }
    }

    /// Closes the overlay; a safety dialog makes way for the next queued.
    fn close_overlay(&mut self) {
        if let Some(Overlay::Safety(_)) = self.overlay.take() {
            self.show_queued();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_selection_moves_within_its_list() {
        let at = |selected, cmd| moved(selected, 10, 4, cmd);
        assert_eq!(at(0, Command::Up), Some(0));
        assert_eq!(at(9, Command::Down), Some(9));
        assert_eq!(at(3, Command::Down), Some(4));
        assert_eq!(at(2, Command::PageUp), Some(0));
        assert_eq!(at(7, Command::PageDown), Some(9));
        assert_eq!(at(5, Command::First), Some(0));
        assert_eq!(at(5, Command::Last), Some(9));
        assert_eq!(at(5, Command::Close), None);
        assert_eq!(moved(0, 0, 4, Command::Last), Some(0));
    }
}
