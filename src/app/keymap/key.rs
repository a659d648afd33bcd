//! A key with its modifiers, as the configuration writes it (`Ctrl+S`,
//! `Alt+Up`, `F1`, `Shift+Tab`) and as the terminal reports it.

use crate::i18n::Lang;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

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

    /// The key as the interface shows it: as written in the configuration,
    /// but the space bar is 空格 in Chinese.
    pub fn label(self, lang: Lang) -> String {
        let text = self.to_string();
        match (lang, self.code) {
            (Lang::Zh, KeyCode::Char(' ')) => text.replace("Space", "空格"),
            _ => text,
        }
    }

    /// The same letter in the other case, for a plain ASCII letter: a
    /// binding of `Q` also answers `q` (and Caps Lock) unless `q` has one.
    pub(super) fn other_case(self) -> Option<Key> {
        match self.code {
            KeyCode::Char(c) if c.is_ascii_alphabetic() && self.mods.is_empty() => {
                let other = if c.is_ascii_uppercase() {
                    c.to_ascii_lowercase()
                } else {
                    c.to_ascii_uppercase()
                };
                Some(Key::new(KeyCode::Char(other), self.mods))
            }
            _ => None,
        }
    }
}

/// The character a key types, if it types one: a character pressed with
/// no modifier but Shift.
pub fn typed(ev: &KeyEvent) -> Option<char> {
    let commands = KeyModifiers::CONTROL
        | KeyModifiers::ALT
        | KeyModifiers::SUPER
        | KeyModifiers::META
        | KeyModifiers::HYPER;
    match ev.code {
        KeyCode::Char(c) if !ev.modifiers.intersects(commands) => Some(c),
        _ => None,
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn what_a_key_types() {
        let ev = |code, mods| KeyEvent::new(code, mods);
        assert_eq!(
            typed(&ev(KeyCode::Char('中'), KeyModifiers::NONE)),
            Some('中')
        );
        assert_eq!(
            typed(&ev(KeyCode::Char('A'), KeyModifiers::SHIFT)),
            Some('A')
        );
        assert_eq!(typed(&ev(KeyCode::Char('z'), KeyModifiers::ALT)), None);
        assert_eq!(typed(&ev(KeyCode::Char('c'), KeyModifiers::CONTROL)), None);
        assert_eq!(typed(&ev(KeyCode::Enter, KeyModifiers::NONE)), None);
    }
}
