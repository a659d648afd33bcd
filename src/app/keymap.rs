//! Key bindings: Word/micro-like defaults, overridable in a RON file.
//!
//! The `keys` list of the user's `config.ron` (see [`super::config`]) holds
//! bindings that take precedence over the defaults, e.g.
//!
//! ```ron
//! [
//!     (context: Global, key: "F12", command: Save),
//!     (context: Tree, key: "Ctrl+D", command: DeleteItem),
//! ]
//! ```

use super::action::Command;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Where a binding applies. Pane contexts are tried before `Global`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Context {
    Global,
    Issues,
    Tree,
    Editor,
}

/// A key with modifiers, as written in the configuration: `Ctrl+S`, `Alt+Up`, `F1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub const fn new(code: KeyCode, mods: KeyModifiers) -> Self {
        Key { code, mods }
    }

    /// The canonical form of a terminal key event, so `Ctrl+S` matches
    /// however the terminal reports the letter's case.
    pub fn from_event(ev: &KeyEvent) -> Key {
        let mut mods =
            ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match ev.code {
            KeyCode::Char(c) if c.is_ascii_alphabetic() => {
                if mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) {
                    if c.is_ascii_uppercase() {
                        mods |= KeyModifiers::SHIFT;
                    }
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    // Plain letters are text; their shift state is in the char.
                    mods.remove(KeyModifiers::SHIFT);
                    KeyCode::Char(c)
                }
            }
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::Char(c)
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Key { code, mods }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown key {0:?} (examples: Ctrl+S, Alt+Up, F1, Shift+Tab)")]
pub struct KeyParseError(pub String);

impl FromStr for Key {
    type Err = KeyParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || KeyParseError(s.to_string());
        let mut mods = KeyModifiers::NONE;
        let mut parts: Vec<&str> = s.split('+').collect();
        // "Ctrl++" means Ctrl and the plus key.
        if s.ends_with("++") {
            parts.pop();
            parts.pop();
            parts.push("+");
        }
        let name = parts.pop().filter(|n| !n.is_empty()).ok_or_else(err)?;
        for m in parts {
            match m.to_ascii_lowercase().as_str() {
                "ctrl" | "control" => mods |= KeyModifiers::CONTROL,
                "alt" | "meta" => mods |= KeyModifiers::ALT,
                "shift" => mods |= KeyModifiers::SHIFT,
                _ => return Err(err()),
            }
        }
        let lower = name.to_ascii_lowercase();
        let code = match lower.as_str() {
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pageup" | "pgup" => KeyCode::PageUp,
            "pagedown" | "pgdn" => KeyCode::PageDown,
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" if mods.contains(KeyModifiers::SHIFT) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "insert" | "ins" => KeyCode::Insert,
            "space" => KeyCode::Char(' '),
            f if f.len() >= 2 && f.starts_with('f') && f[1..].parse::<u8>().is_ok() => {
                let n: u8 = f[1..].parse().map_err(|_| err())?;
                if !(1..=24).contains(&n) {
                    return Err(err());
                }
                KeyCode::F(n)
            }
            _ => {
                let mut chars = name.chars();
                match (chars.next(), chars.next()) {
                    // "Ctrl+S" and "ctrl+s" are the same key; Shift must be written out.
                    (Some(c), None) => KeyCode::Char(if mods.is_empty() {
                        c
                    } else {
                        c.to_ascii_lowercase()
                    }),
                    _ => return Err(err()),
                }
            }
        };
        Ok(Key { code, mods })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl+")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt+")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift+")?;
        }
        match self.code {
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift+Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Insert => f.write_str("Ins"),
            KeyCode::F(n) => write!(f, "F{n}"),
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{}", c.to_ascii_uppercase()),
            other => write!(f, "{other:?}"),
        }
    }
}

impl Serialize for Key {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// One binding: in `context`, `key` runs `command`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Binding {
    pub context: Context,
    pub key: Key,
    pub command: Command,
}

#[derive(Debug, Clone)]
pub struct Keymap {
    /// User bindings first, so they win over the defaults.
    bindings: Vec<Binding>,
}

fn k(s: &str) -> Key {
    s.parse().expect("default key spec")
}

impl Default for Keymap {
    fn default() -> Self {
        use Command::*;
        use Context::*;
        let table: &[(Context, &str, Command)] = &[
            (Global, "Ctrl+Q", Quit),
            (Global, "Ctrl+S", Save),
            (Global, "F1", Help),
            (Global, "Ctrl+G", Help),
            (Global, "Ctrl+P", Palette),
            (Global, "Tab", FocusNext),
            (Global, "Shift+Tab", FocusPrev),
            (Global, "F11", Zoom),
            (Global, "Alt+Z", Zoom),
            (Global, "F4", Properties),
            (Global, "Ctrl+E", Export),
            (Global, "F5", Preview),
            (Global, "Ctrl+F", Find),
            (Global, "Ctrl+R", Replace),
            // A function key reaches over any SSH client; Ctrl+Shift+F only
            // where the terminal tells it from Ctrl+F (most cannot).
            (Global, "F12", SearchAll),
            (Global, "Ctrl+Shift+F", SearchAll),
            (Global, "Ctrl+N", NewIssue),
            (Global, "Ctrl+L", SwitchLanguage),
            (Issues, "Up", Up),
            (Issues, "Down", Down),
            (Issues, "PageUp", PageUp),
            (Issues, "PageDown", PageDown),
            (Issues, "Home", First),
            (Issues, "End", Last),
            (Issues, "Enter", Open),
            (Issues, "Right", Open),
            (Issues, "Insert", NewIssue),
            (Issues, "Ctrl+D", DuplicateIssue),
            (Issues, "Delete", DeleteIssue),
            (Issues, "Ctrl+T", Trash),
            (Issues, "F3", SearchAll),
            (Tree, "Up", Up),
            (Tree, "Down", Down),
            (Tree, "PageUp", PageUp),
            (Tree, "PageDown", PageDown),
            (Tree, "Home", First),
            (Tree, "End", Last),
            (Tree, "Enter", Open),
            (Tree, "Right", Expand),
            (Tree, "Left", Collapse),
            (Tree, "Space", Expand),
            (Tree, "Esc", Back),
            (Tree, "Insert", AddArticle),
            (Tree, "F7", AddSection),
            (Tree, "F8", AddArticle),
            (Tree, "F2", Rename),
            (Tree, "Delete", DeleteItem),
            (Tree, "Alt+Up", MoveUp),
            (Tree, "Alt+Down", MoveDown),
            (Tree, "Ctrl+Up", MoveUp),
            (Tree, "Ctrl+Down", MoveDown),
            (Tree, "F9", ToggleKind),
            (Editor, "Esc", Back),
            (Editor, "F2", Rename),
            (Editor, "F9", ToggleKind),
            (Editor, "F6", Tidy),
            (Editor, "Alt+Up", MoveUp),
            (Editor, "Alt+Down", MoveDown),
        ];
        Keymap {
            bindings: table
                .iter()
                .map(|&(context, key, command)| Binding {
                    context,
                    key: k(key),
                    command,
                })
                .collect(),
        }
    }
}

impl Keymap {
    /// The defaults with the user's bindings laid over them.
    pub fn with_overrides(user: Vec<Binding>) -> Keymap {
        let mut map = Keymap::default();
        let mut bindings = user;
        bindings.append(&mut map.bindings);
        map.bindings = bindings;
        map
    }

    /// Parses a user key file.
    pub fn parse_overrides(text: &str) -> Result<Vec<Binding>, String> {
        ron::from_str::<Vec<Binding>>(text)
            .map_err(|e| format!("{}:{}: {}", e.span.start.line, e.span.start.col, e.code))
    }

    /// The command bound to `key` in `context` (or globally).
    pub fn lookup(&self, context: Context, key: Key) -> Option<Command> {
        let find = |ctx: Context| {
            self.bindings
                .iter()
                .find(|b| b.context == ctx && b.key == key)
                .map(|b| b.command)
        };
        if context == Context::Global {
            find(Context::Global)
        } else {
            find(context).or_else(|| find(Context::Global))
        }
    }

    /// The first key that runs `command` in `context` or globally, for hints.
    pub fn key_for(&self, context: Context, command: Command) -> Option<Key> {
        self.bindings
            .iter()
            .find(|b| {
                b.command == command && (b.context == context || b.context == Context::Global)
            })
            .or_else(|| self.bindings.iter().find(|b| b.command == command))
            .map(|b| b.key)
    }

    /// Every binding, for the help screen.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEventKind;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers: mods,
            kind: KeyEventKind::Press,
            state: crossterm::event::KeyEventState::NONE,
        }
    }

    #[test]
    fn key_specs_parse_and_print() {
        let cases = [
            (
                "Ctrl+S",
                KeyCode::Char('s'),
                KeyModifiers::CONTROL,
                "Ctrl+S",
            ),
            ("alt+up", KeyCode::Up, KeyModifiers::ALT, "Alt+↑"),
            ("F1", KeyCode::F(1), KeyModifiers::NONE, "F1"),
            (
                "Shift+Tab",
                KeyCode::BackTab,
                KeyModifiers::NONE,
                "Shift+Tab",
            ),
            ("Space", KeyCode::Char(' '), KeyModifiers::NONE, "Space"),
            (
                "Ctrl++",
                KeyCode::Char('+'),
                KeyModifiers::CONTROL,
                "Ctrl++",
            ),
            (
                "ctrl+p",
                KeyCode::Char('p'),
                KeyModifiers::CONTROL,
                "Ctrl+P",
            ),
            (
                "Ctrl+Shift+P",
                KeyCode::Char('p'),
                KeyModifiers::CONTROL | KeyModifiers::SHIFT,
                "Ctrl+Shift+P",
            ),
        ];
        for (spec, code, mods, shown) in cases {
            let key: Key = spec.parse().unwrap();
            assert_eq!(key, Key::new(code, mods), "{spec}");
            assert_eq!(key.to_string(), shown);
        }
        for bad in ["", "Hyper+S", "F99", "Ctrl+", "Ctrl+Banana"] {
            assert!(bad.parse::<Key>().is_err(), "{bad}");
        }
    }

    #[test]
    fn terminal_events_match_however_the_letter_case_arrives() {
        let map = Keymap::default();
        for e in [
            ev(KeyCode::Char('s'), KeyModifiers::CONTROL),
            ev(
                KeyCode::Char('S'),
                KeyModifiers::CONTROL | KeyModifiers::SHIFT,
            ),
        ] {
            let key = Key::from_event(&e);
            if e.code == KeyCode::Char('s') {
                assert_eq!(map.lookup(Context::Editor, key), Some(Command::Save));
            } else {
                // Ctrl+Shift+S is a different key.
                assert_eq!(map.lookup(Context::Editor, key), None);
            }
        }
        let backtab = Key::from_event(&ev(KeyCode::BackTab, KeyModifiers::SHIFT));
        assert_eq!(map.lookup(Context::Tree, backtab), Some(Command::FocusPrev));
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
        let user = Keymap::parse_overrides(
            r#"[(context: Global, key: "F12", command: Save), (context: Tree, key: "Insert", command: AddSection)]"#,
        )
        .unwrap();
        let map = Keymap::with_overrides(user);
        assert_eq!(map.lookup(Context::Editor, k("F12")), Some(Command::Save));
        assert_eq!(
            map.lookup(Context::Tree, k("Insert")),
            Some(Command::AddSection)
        );
        assert_eq!(
            map.lookup(Context::Editor, k("Ctrl+S")),
            Some(Command::Save)
        );
    }

    #[test]
    fn a_broken_key_file_says_where() {
        let err =
            Keymap::parse_overrides("[(context: Global, key: \"Ctrl+Banana\", command: Save)]")
                .unwrap_err();
        assert!(err.starts_with("1:"), "{err}");
        assert!(err.contains("Banana"), "{err}");
    }
}
