//! A one-line text field (form fields, prompts, the palette's filter).

use crate::text::clean_line;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    /// Caret as a byte offset, always on a grapheme boundary.
    caret: usize,
}

impl LineInput {
    pub fn new(text: &str) -> Self {
        let text = clean_line(text);
        let caret = text.len();
        LineInput { text, caret }
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

    /// Handles an editing key; returns whether it was one.
    pub fn handle_key(&mut self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('u') if ctrl => {
                self.text.replace_range(..self.caret, "");
                self.caret = 0;
            }
            KeyCode::Char(c) if !ctrl => self.insert(c.encode_utf8(&mut [0; 4])),
            KeyCode::Backspace => {
                let start = self.prev_boundary();
                self.text.replace_range(start..self.caret, "");
                self.caret = start;
            }
            KeyCode::Delete => {
                let end = self.next_boundary();
                self.text.replace_range(self.caret..end, "");
            }
            KeyCode::Left => self.caret = self.prev_boundary(),
            KeyCode::Right => self.caret = self.next_boundary(),
            KeyCode::Home => self.caret = 0,
            KeyCode::End => self.caret = self.text.len(),
            _ => return false,
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn edits_by_grapheme_and_tracks_the_display_column() {
        let mut f = LineInput::new("工作动态");
        assert_eq!(f.caret_column(), 8);
        f.handle_key(&key(KeyCode::Left));
        f.handle_key(&key(KeyCode::Backspace));
        assert_eq!(f.text(), "工作态");
        assert_eq!(f.caret_column(), 4);
        f.insert("简e\u{301}");
        assert_eq!(f.text(), "工作简e\u{301}态");
        f.handle_key(&key(KeyCode::Left));
        assert_eq!(f.caret_column(), 6);
        f.handle_key(&key(KeyCode::Delete));
        assert_eq!(f.text(), "工作简态");
        f.handle_key(&key(KeyCode::Home));
        f.handle_key(&key(KeyCode::Delete));
        assert_eq!(f.text(), "作简态");
    }

    #[test]
    fn pasted_lines_and_escapes_are_flattened() {
        let mut f = LineInput::default();
        f.insert("第一行\r\n第二行\u{1b}[31m\u{202e}");
        assert_eq!(f.text(), "第一行第二行[31m");
    }
}
