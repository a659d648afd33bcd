//! The command palette (Ctrl+P): every command by name, in Chinese or English.

use super::Command;
use super::input::LineInput;
use super::overlay::{Env, Keys, Outcome};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Palette {
    pub input: LineInput,
    pub selected: usize,
}

impl Palette {
    /// Commands whose Chinese or English name contains every word typed
    /// (case-insensitive), in palette order.
    pub fn matches(&self) -> Vec<Command> {
        let query = self.input.text().to_lowercase();
        let words: Vec<&str> = query.split_whitespace().collect();
        Command::palette()
            .filter(|c| {
                let (zh, en) = c.names();
                let hay = format!("{zh} {en} {c:?}").to_lowercase();
                words.iter().all(|w| hay.contains(w))
            })
            .collect()
    }

    /// The command under the selection (clamped to the list).
    pub fn chosen(&self) -> Option<Command> {
        let m = self.matches();
        m.get(self.selected.min(m.len().saturating_sub(1))).copied()
    }
}

impl Keys for Palette {
    fn command(&mut self, cmd: Command, _env: &Env) -> Option<Outcome> {
        match cmd {
            Command::Accept => Some(self.chosen().map_or(Outcome::Close, Outcome::Run)),
            Command::Close => Some(Outcome::Close),
            Command::Up => {
                self.selected = self.selected.saturating_sub(1);
                Some(Outcome::Stay)
            }
            Command::Down => {
                self.selected = (self.selected + 1).min(self.matches().len().saturating_sub(1));
                Some(Outcome::Stay)
            }
            _ if self.input.command(cmd) => {
                self.selected = 0;
                Some(Outcome::Stay)
            }
            _ => None,
        }
    }

    fn text(&mut self, c: char, env: &Env) -> Outcome {
        self.paste(c.encode_utf8(&mut [0; 4]), env)
    }

    fn paste(&mut self, text: &str, _env: &Env) -> Outcome {
        self.input.insert(text);
        self.selected = 0;
        Outcome::Stay
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn palette(q: &str) -> Palette {
        Palette {
            input: LineInput::new(q),
            selected: 0,
        }
    }

    #[test]
    fn finds_commands_in_either_language() {
        assert_eq!(palette("保存").chosen(), Some(Command::Save));
        assert_eq!(palette("SAVE").chosen(), Some(Command::Save));
        assert!(palette("栏目").matches().contains(&Command::AddSection));
        assert!(palette("new issue").matches().contains(&Command::NewIssue));
        assert!(palette("zzzz").matches().is_empty());
        assert_eq!(palette("zzzz").chosen(), None);
        // Every palette command is reachable by either of its names.
        for c in Command::palette() {
            let (zh, en) = c.names();
            assert!(palette(zh).matches().contains(&c), "{c:?}");
            assert!(palette(en).matches().contains(&c), "{c:?}");
        }
    }
}
