//! The one key map: every key of every context is a binding to a
//! [`Command`], the defaults (`defaults.rs`) overridden by the `keys` list of
//! the user's `config.ron` (see [`super::config`]), e.g.
//!
//! ```ron
//! (keys: [
//!     (context: Global, key: "F12", command: Save),
//!     (context: Editor, key: "Ctrl+K", command: DeleteWordForward),
//!     (context: Dialog, key: "X", command: Answer(Discard)),
//! ])
//! ```
//!
//! A key is looked up in the context where it was pressed, then in that
//! context's fallbacks ([`Context::fallback`]); F1's help lists the
//! bindings in effect, so an override shows there too.

mod defaults;
mod key;

pub use key::{Key, KeyParseError, typed};

use super::command::Command;
use crate::i18n::Msg;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Where a binding applies: a pane, the find bar, the text fields, or an
/// overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Context {
    /// Every pane (the issue list, the tree, the editor).
    Global,
    Issues,
    Tree,
    Editor,
    /// The find bar over the editor.
    Find,
    /// Any one-line text field: the palette's, the search's, a form's, the
    /// find bar's.
    Field,
    Palette,
    Search,
    Form,
    /// Dialogs with buttons: confirmations, recovery offers, conflicts.
    Dialog,
    Tidy,
    /// Replacing all across the issue: the matches, to confirm.
    Replace,
    Preview,
    Trash,
    /// The inbox view (收件箱).
    Inbox,
    /// The statistics view (采用统计).
    Stats,
    Help,
    /// Importing a file: the path prompt, the encoding choice, the preview.
    Import,
}

impl Context {
    /// In the order the help lists them.
    pub const ALL: [Context; 18] = [
        Context::Global,
        Context::Issues,
        Context::Tree,
        Context::Editor,
        Context::Find,
        Context::Field,
        Context::Palette,
        Context::Search,
        Context::Form,
        Context::Dialog,
        Context::Tidy,
        Context::Replace,
        Context::Preview,
        Context::Trash,
        Context::Import,
        Context::Inbox,
        Context::Stats,
        Context::Help,
    ];

    /// Where a key not bound here is looked up next. The find bar's keys
    /// not bound here nor in [`Context::Field`] go to the editor (the app
    /// looks them up there), so Alt+↑ moves the article and Ctrl+Z undoes.
    pub fn fallback(self) -> &'static [Context] {
        match self {
            Context::Issues | Context::Tree | Context::Editor => &[Context::Global],
            Context::Find
            | Context::Palette
            | Context::Search
            | Context::Form
            | Context::Import
            | Context::Inbox
            | Context::Stats => &[Context::Field],
            _ => &[],
        }
    }

    /// Its heading in the help.
    pub fn heading(self) -> Msg {
        match self {
            Context::Global => Msg::HelpGlobal,
            Context::Issues => Msg::HelpIssues,
            Context::Tree => Msg::HelpTree,
            Context::Editor => Msg::HelpEditor,
            Context::Find => Msg::HelpFind,
            Context::Field => Msg::HelpField,
            Context::Palette => Msg::HelpPalette,
            Context::Search => Msg::HelpSearch,
            Context::Form => Msg::HelpForm,
            Context::Dialog => Msg::HelpDialog,
            Context::Tidy => Msg::HelpTidy,
            Context::Replace => Msg::HelpReplace,
            Context::Preview => Msg::HelpPreview,
            Context::Trash => Msg::HelpTrash,
            Context::Inbox => Msg::HelpInbox,
            Context::Stats => Msg::HelpStats,
            Context::Help => Msg::HelpHelp,
            Context::Import => Msg::HelpImport,
        }
    }
}

/// One binding: in `context`, `key` runs `command`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Binding {
    pub context: Context,
    pub key: Key,
    pub command: Command,
}

impl Binding {
    pub fn new(context: Context, key: Key, command: Command) -> Binding {
        Binding {
            context,
            key,
            command,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Keymap {
    /// The bindings in effect, the user's first: a binding hides a later
    /// one of the same key in the same context, except that dialog answers
    /// may share a key (each dialog takes the first answer it offers).
    bindings: Vec<Binding>,
    /// The commands of each context and key, in the order of `bindings`:
    /// every key goes through [`Keymap::lookup`], typing too.
    index: HashMap<(Context, Key), Vec<Command>>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap::with_overrides(Vec::new())
    }
}

impl Keymap {
    /// The defaults with the user's bindings laid over them.
    pub fn with_overrides(user: Vec<Binding>) -> Keymap {
        let defaults = defaults::DEFAULTS.iter().flat_map(|(context, keys)| {
            keys.iter().map(|(key, command)| {
                Binding::new(*context, key.parse().expect("default key spec"), *command)
            })
        });
        let mut bindings: Vec<Binding> = Vec::new();
        for b in user.into_iter().chain(defaults) {
            let hidden = bindings.iter().any(|earlier| {
                earlier.context == b.context
                    && earlier.key == b.key
                    && !(matches!(earlier.command, Command::Answer(_))
                        && matches!(b.command, Command::Answer(_)))
            });
            if !hidden {
                bindings.push(b);
            }
        }
        let mut index: HashMap<(Context, Key), Vec<Command>> = HashMap::new();
        for b in &bindings {
            index.entry((b.context, b.key)).or_default().push(b.command);
        }
        Keymap { bindings, index }
    }

    /// What `key` runs in `context` alone: its commands there (several
    /// only for dialog answers); a plain letter bound only in the other
    /// case counts as bound (Caps Lock).
    fn commands_in(&self, context: Context, key: Key) -> &[Command] {
        let find = |key: Key| {
            self.index
                .get(&(context, key))
                .map_or(&[][..], Vec::as_slice)
        };
        let found = find(key);
        match key.other_case() {
            Some(other) if found.is_empty() => find(other),
            _ => found,
        }
    }

    /// Everything `key` may run in `context`, in order: the context's own
    /// bindings, then its fallbacks'. An overlay takes the first it can
    /// carry out.
    pub fn lookup_all(&self, context: Context, key: Key) -> Vec<Command> {
        let mut all = self.commands_in(context, key).to_vec();
        for &ctx in context.fallback() {
            all.extend_from_slice(self.commands_in(ctx, key));
        }
        all
    }

    /// The command bound to `key` in `context` (or its fallbacks).
    pub fn lookup(&self, context: Context, key: Key) -> Option<Command> {
        std::iter::once(&context)
            .chain(context.fallback())
            .find_map(|&ctx| self.commands_in(ctx, key).first().copied())
    }

    /// The keys of `command` in `context` alone, in order.
    pub fn keys_for(&self, context: Context, command: Command) -> Vec<Key> {
        self.bindings
            .iter()
            .filter(|b| b.context == context && b.command == command)
            .map(|b| b.key)
            .collect()
    }

    /// The first key that runs `command` in `context`, its fallbacks, or
    /// anywhere: for hints, buttons and the palette.
    pub fn key_for(&self, context: Context, command: Command) -> Option<Key> {
        std::iter::once(context)
            .chain(context.fallback().iter().copied())
            .find_map(|ctx| self.keys_for(ctx, command).first().copied())
            .or_else(|| {
                self.bindings
                    .iter()
                    .find(|b| b.command == command)
                    .map(|b| b.key)
            })
    }

    /// The bindings of `context` in effect, in order.
    pub fn bindings(&self, context: Context) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| b.context == context)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::config::Config;
    use crate::app::dialog::Choice;
    use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

    fn k(s: &str) -> Key {
        s.parse().unwrap()
    }

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers: mods,
            kind: KeyEventKind::Press,
            state: crossterm::event::KeyEventState::NONE,
        }
    }

    fn user(text: &str) -> Keymap {
        Keymap::with_overrides(Config::parse(text).unwrap().keys)
    }

    #[test]
    fn terminal_events_match_however_the_letter_case_arrives() {
        let map = Keymap::default();
        let ctrl_s = Key::from_event(&ev(KeyCode::Char('s'), KeyModifiers::CONTROL));
        assert_eq!(map.lookup(Context::Editor, ctrl_s), Some(Command::Save));
        // Ctrl+Shift+S is a different key.
        let ctrl_shift_s = Key::from_event(&ev(
            KeyCode::Char('S'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT,
        ));
        assert_eq!(map.lookup(Context::Editor, ctrl_shift_s), None);
        let backtab = Key::from_event(&ev(KeyCode::BackTab, KeyModifiers::SHIFT));
        assert_eq!(map.lookup(Context::Tree, backtab), Some(Command::FocusPrev));
        // A plain letter answers in either case.
        for c in ['q', 'Q'] {
            let q = Key::from_event(&ev(KeyCode::Char(c), KeyModifiers::NONE));
            assert_eq!(map.lookup(Context::Preview, q), Some(Command::Close));
        }
    }

    #[test]
    fn pane_bindings_come_before_global_ones_and_user_ones_first() {
        let map = Keymap::default();
        assert_eq!(
            map.lookup(Context::Tree, k("Insert")),
            Some(Command::AddArticle)
        );
        assert_eq!(
            map.lookup(Context::Issues, k("Insert")),
            Some(Command::NewIssue)
        );
        assert_eq!(map.lookup(Context::Editor, k("Insert")), None);
        let map = user(
            r#"(keys: [(context: Global, key: "F12", command: Save), (context: Tree, key: "Insert", command: AddSection)])"#,
        );
        assert_eq!(map.lookup(Context::Editor, k("F12")), Some(Command::Save));
        assert_eq!(
            map.lookup(Context::Tree, k("Insert")),
            Some(Command::AddSection)
        );
        assert_eq!(
            map.lookup(Context::Editor, k("Ctrl+S")),
            Some(Command::Save)
        );
        // The hidden default is gone from the help and the hints.
        assert!(
            !map.keys_for(Context::Global, Command::SearchAll)
                .contains(&k("F12"))
        );
        assert_eq!(map.keys_for(Context::Tree, Command::AddArticle), [k("F8")]);
    }

    #[test]
    fn overlays_fall_back_on_the_text_field_and_panes_on_global() {
        let map = Keymap::default();
        assert_eq!(
            map.lookup_all(Context::Palette, k("Backspace")),
            [Command::DeleteBack]
        );
        assert_eq!(map.lookup_all(Context::Find, k("Up")), [Command::FindPrev]);
        // The editor's own keys are not the find bar's: the app hands the
        // key on to the editor when the bar does not take it.
        assert!(map.lookup_all(Context::Find, k("Alt+Up")).is_empty());
        assert!(map.lookup_all(Context::Dialog, k("Ctrl+S")).is_empty());
    }

    #[test]
    fn a_letter_may_answer_several_dialogs() {
        let map = Keymap::default();
        assert_eq!(
            map.lookup_all(Context::Dialog, k("d")),
            [
                Command::Answer(Choice::Discard),
                Command::Answer(Choice::Delete),
                Command::Answer(Choice::DiscardRecovery)
            ]
        );
        assert_eq!(
            map.key_for(Context::Dialog, Command::Answer(Choice::Cancel)),
            Some(k("C"))
        );
        // Ctrl+D is not D.
        assert!(map.lookup_all(Context::Dialog, k("Ctrl+D")).is_empty());
    }

    #[test]
    fn a_broken_key_says_where() {
        let err = Config::parse("(keys: [(context: Global, key: \"Ctrl+Banana\", command: Save)])")
            .unwrap_err();
        assert!(err.starts_with("1:"), "{err}");
        assert!(err.contains("Banana"), "{err}");
    }
}
