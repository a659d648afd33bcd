//! A one-line text field (form fields, prompts, the palette's filter).

use super::Command;
use crate::text::{clean_line, next_word, prev_word};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    /// Caret as a byte offset, always on a grapheme boundary.
    caret: usize,
    /// The whole text is selected (a prefilled query): typing replaces it,
    /// a delete key clears it, a move deselects.
    selected: bool,
}

impl LineInput {
    pub fn new(text: &str) -> Self {
        let text = clean_line(text);
        let caret = text.len();
        LineInput {
            text,
            caret,
            selected: false,
        }
    }

    /// Selects the whole text, so that typing replaces it (as Word's find
    /// box holds the last query).
    pub fn select_all(&mut self) {
        self.caret = self.text.len();
        self.selected = !self.text.is_empty();
    }

    pub fn is_selected(&self) -> bool {
        self.selected
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn caret(&self) -> usize {
        self.caret
    }

    /// Display columns before the caret.
    pub fn caret_column(&self) -> usize {
        self.text[..self.caret].width()
    }

    pub fn set(&mut self, text: &str) {
        *self = LineInput::new(text);
    }

    pub fn insert(&mut self, s: &str) {
        if std::mem::take(&mut self.selected) {
            self.set("");
        }
        let s = clean_line(s);
        self.text.insert_str(self.caret, &s);
        self.caret += s.len();
    }

    fn prev_boundary(&self) -> usize {
        self.text[..self.caret]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        self.text[self.caret..]
            .graphemes(true)
            .next()
            .map_or(self.caret, |g| self.caret + g.len())
    }

    /// The grapheme index of the caret, and the text's graphemes.
    fn grapheme_caret(&self) -> usize {
        self.text[..self.caret].graphemes(true).count()
    }

    /// The byte offset of grapheme `g`.
    fn byte_of(&self, g: usize) -> usize {
        self.text
            .grapheme_indices(true)
            .nth(g)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// Carries out a text field's command (see [`Context::Field`]);
    /// returns whether it was one.
    ///
    /// [`Context::Field`]: super::keymap::Context::Field
    pub fn command(&mut self, cmd: Command) -> bool {
        // Not a field's command (a letter an overlay binds, typed here):
        // the selection stays, so the character typed next replaces it.
        if !matches!(
            cmd,
            Command::Left
                | Command::Right
                | Command::LineStart
                | Command::LineEnd
                | Command::WordLeft
                | Command::WordRight
                | Command::DeleteBack
                | Command::DeleteForward
                | Command::DeleteWordBack
                | Command::DeleteWordForward
                | Command::DeleteToLineStart
        ) {
            return false;
        }
        if std::mem::take(&mut self.selected) {
            match cmd {
                Command::DeleteBack
                | Command::DeleteForward
                | Command::DeleteWordBack
                | Command::DeleteWordForward
                | Command::DeleteToLineStart => {
                    self.set("");
                    return true;
                }
                // A move leaves the selection at its start or end.
                Command::Left | Command::LineStart | Command::WordLeft => {
                    self.caret = 0;
                    return true;
                }
                Command::Right | Command::LineEnd | Command::WordRight => return true,
                _ => {}
            }
        }
        match cmd {
            Command::Left => self.caret = self.prev_boundary(),
            Command::Right => self.caret = self.next_boundary(),
            Command::LineStart => self.caret = 0,
            Command::LineEnd => self.caret = self.text.len(),
            Command::WordLeft => {
                self.caret = self.byte_of(prev_word(&self.text, self.grapheme_caret()))
            }
            Command::WordRight => {
                self.caret = self.byte_of(next_word(&self.text, self.grapheme_caret()))
            }
            Command::DeleteBack => self.delete_to(self.prev_boundary()),
            Command::DeleteForward => self.delete_to(self.next_boundary()),
            Command::DeleteWordBack => {
                self.delete_to(self.byte_of(prev_word(&self.text, self.grapheme_caret())))
            }
            Command::DeleteWordForward => {
                self.delete_to(self.byte_of(next_word(&self.text, self.grapheme_caret())))
            }
            Command::DeleteToLineStart => self.delete_to(0),
            _ => return false,
        }
        true
    }

    /// Deletes between the caret and byte offset `to`.
    fn delete_to(&mut self, to: usize) {
        let range = self.caret.min(to)..self.caret.max(to);
        self.caret = range.start;
        self.text.replace_range(range, "");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_selected_text_is_replaced_by_typing_and_cleared_by_a_delete() {
        let mut f = LineInput::new("文明");
        f.select_all();
        f.insert("群众");
        assert_eq!(f.text(), "群众");
        f.select_all();
        assert!(f.command(Command::DeleteBack));
        assert_eq!(f.text(), "");
        let mut f = LineInput::new("文明");
        f.select_all();
        f.command(Command::Left);
        assert!(!f.is_selected());
        f.insert("创建");
        assert_eq!(f.text(), "创建文明");
    }

    #[test]
    fn edits_by_grapheme_and_tracks_the_display_column() {
        let mut f = LineInput::new("工作动态");
        assert_eq!(f.caret_column(), 8);
        f.command(Command::Left);
        f.command(Command::DeleteBack);
        assert_eq!(f.text(), "工作态");
        assert_eq!(f.caret_column(), 4);
        f.insert("简e\u{301}");
        assert_eq!(f.text(), "工作简e\u{301}态");
        f.command(Command::Left);
        assert_eq!(f.caret_column(), 6);
        f.command(Command::DeleteForward);
        assert_eq!(f.text(), "工作简态");
        f.command(Command::LineStart);
        f.command(Command::DeleteForward);
        assert_eq!(f.text(), "作简态");
    }

    #[test]
    fn words_and_the_start_go_at_once() {
        let mut f = LineInput::new("扶沟县 白潭镇，倡导");
        f.command(Command::WordLeft);
        assert_eq!(f.caret_column(), 15);
        f.command(Command::DeleteWordBack);
        assert_eq!(f.text(), "扶沟县 倡导");
        f.command(Command::LineStart);
        f.command(Command::DeleteWordForward);
        assert_eq!(f.text(), "倡导");
        f.command(Command::LineEnd);
        f.command(Command::DeleteToLineStart);
        assert_eq!((f.text(), f.caret()), ("", 0));
        assert!(!f.command(Command::Save));
    }

    #[test]
    fn pasted_lines_and_escapes_are_flattened() {
        let mut f = LineInput::default();
        f.insert("第一行\r\n第二行\u{1b}[31m\u{202e}");
        assert_eq!(f.text(), "第一行第二行[31m");
    }
}
