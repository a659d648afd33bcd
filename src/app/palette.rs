//! The command palette (Ctrl+P): every command by name, in Chinese or English.

use super::action::Command;
use super::input::LineInput;

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
        Command::ALL
            .iter()
            .copied()
            .filter(|c| c.in_palette())
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
        // Every palette command is reachable by its own Chinese name.
        for c in Command::ALL.iter().filter(|c| c.in_palette()) {
            assert!(palette(c.names().0).matches().contains(c), "{c:?}");
        }
    }
}
