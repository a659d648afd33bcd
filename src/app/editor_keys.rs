//! The default key map of the article editor, after Word and micro.
//!
//! | keys | action |
//! |---|---|
//! | characters | type (Tab and Shift+Tab move between panes, as everywhere) |
//! | Enter | new paragraph |
//! | Backspace / Delete, with Ctrl | delete a character / a word or phrase |
//! | arrows, Home/End, PgUp/PgDn | move (Home/End: the screen row) |
//! | Ctrl+←/→ | previous / next word or phrase |
//! | Ctrl+Home/End | start / end of the article |
//! | Shift + any move | extend the selection |
//! | Ctrl+A | select all |
//! | Ctrl+X, Ctrl+C, Ctrl+V (and Shift+Del, Ctrl+Ins, Shift+Ins) | cut, copy, paste |
//! | Ctrl+Z, Ctrl+Y (or Ctrl+Shift+Z) | undo, redo |
//! | F3 / Shift+F3 | next / previous match of the find query |
//!
//! Everything else (Ctrl+S, Ctrl+F, Esc, …) gives `None` and is the app's.
//! A terminal paste (`Event::Paste`) maps to [`EditAction::Paste`].

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::text::{EditAction, Motion};

/// The editor action for a key press, if the key is an editing key.
pub fn editor_action(key: &KeyEvent) -> Option<EditAction> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let m = key.modifiers;
    let ctrl = m.contains(KeyModifiers::CONTROL);
    let shift = m.contains(KeyModifiers::SHIFT);
    if m.intersects(
        KeyModifiers::ALT | KeyModifiers::SUPER | KeyModifiers::META | KeyModifiers::HYPER,
    ) {
        return None;
    }
    let motion = |plain: Motion, with_ctrl: Option<Motion>| {
        let mo = if ctrl { with_ctrl? } else { plain };
        Some(if shift {
            EditAction::Select(mo)
        } else {
            EditAction::Move(mo)
        })
    };
    match key.code {
        KeyCode::Char(c) if ctrl => match c.to_ascii_lowercase() {
            'z' if shift => Some(EditAction::Redo),
            'z' => Some(EditAction::Undo),
            'y' => Some(EditAction::Redo),
            'x' => Some(EditAction::Cut),
            'c' => Some(EditAction::Copy),
            'v' => Some(EditAction::PasteClipboard),
            'a' => Some(EditAction::SelectAll),
            _ => None,
        },
        KeyCode::Char(c) => Some(EditAction::Insert(c.to_string())),
        KeyCode::Enter if !ctrl => Some(EditAction::Newline),
        KeyCode::Backspace if ctrl => Some(EditAction::DeleteWordBack),
        KeyCode::Backspace => Some(EditAction::Backspace),
        KeyCode::Delete if shift && !ctrl => Some(EditAction::Cut),
        KeyCode::Delete if ctrl => Some(EditAction::DeleteWordForward),
        KeyCode::Delete => Some(EditAction::Delete),
        KeyCode::Insert if ctrl && !shift => Some(EditAction::Copy),
        KeyCode::Insert if shift && !ctrl => Some(EditAction::PasteClipboard),
        KeyCode::Left => motion(Motion::Left, Some(Motion::WordLeft)),
        KeyCode::Right => motion(Motion::Right, Some(Motion::WordRight)),
        KeyCode::Up => motion(Motion::Up, None),
        KeyCode::Down => motion(Motion::Down, None),
        KeyCode::Home => motion(Motion::RowStart, Some(Motion::DocStart)),
        KeyCode::End => motion(Motion::RowEnd, Some(Motion::DocEnd)),
        KeyCode::PageUp => motion(Motion::PageUp, None),
        KeyCode::PageDown => motion(Motion::PageDown, None),
        KeyCode::F(3) if !ctrl => Some(if shift {
            EditAction::FindPrev
        } else {
            EditAction::FindNext
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, m: KeyModifiers) -> Option<EditAction> {
        editor_action(&KeyEvent::new(code, m))
    }

    #[test]
    fn word_and_micro_conventions() {
        let (n, c, s) = (
            KeyModifiers::NONE,
            KeyModifiers::CONTROL,
            KeyModifiers::SHIFT,
        );
        assert_eq!(
            key(KeyCode::Char('中'), n),
            Some(EditAction::Insert("中".into()))
        );
        assert_eq!(
            key(KeyCode::Char('A'), s),
            Some(EditAction::Insert("A".into()))
        );
        assert_eq!(key(KeyCode::Char('z'), c), Some(EditAction::Undo));
        assert_eq!(key(KeyCode::Char('Z'), c | s), Some(EditAction::Redo));
        assert_eq!(key(KeyCode::Char('y'), c), Some(EditAction::Redo));
        assert_eq!(key(KeyCode::Char('x'), c), Some(EditAction::Cut));
        assert_eq!(key(KeyCode::Char('c'), c), Some(EditAction::Copy));
        assert_eq!(key(KeyCode::Char('v'), c), Some(EditAction::PasteClipboard));
        assert_eq!(key(KeyCode::Char('a'), c), Some(EditAction::SelectAll));
        assert_eq!(key(KeyCode::Char('s'), c), None, "Ctrl+S is the app's");
        assert_eq!(key(KeyCode::Char('f'), c), None);
        assert_eq!(
            key(KeyCode::Left, s),
            Some(EditAction::Select(Motion::Left))
        );
        assert_eq!(
            key(KeyCode::Right, c),
            Some(EditAction::Move(Motion::WordRight))
        );
        assert_eq!(
            key(KeyCode::Left, c | s),
            Some(EditAction::Select(Motion::WordLeft))
        );
        assert_eq!(
            key(KeyCode::Home, n),
            Some(EditAction::Move(Motion::RowStart))
        );
        assert_eq!(key(KeyCode::End, c), Some(EditAction::Move(Motion::DocEnd)));
        assert_eq!(
            key(KeyCode::Home, c | s),
            Some(EditAction::Select(Motion::DocStart))
        );
        assert_eq!(
            key(KeyCode::PageDown, n),
            Some(EditAction::Move(Motion::PageDown))
        );
        assert_eq!(key(KeyCode::Up, c), None);
        assert_eq!(key(KeyCode::Enter, n), Some(EditAction::Newline));
        assert_eq!(key(KeyCode::Backspace, n), Some(EditAction::Backspace));
        assert_eq!(key(KeyCode::Backspace, c), Some(EditAction::DeleteWordBack));
        assert_eq!(key(KeyCode::Delete, n), Some(EditAction::Delete));
        assert_eq!(key(KeyCode::Delete, s), Some(EditAction::Cut));
        assert_eq!(key(KeyCode::Insert, s), Some(EditAction::PasteClipboard));
        assert_eq!(key(KeyCode::Tab, n), None, "Tab is the app's: next pane");
        assert_eq!(key(KeyCode::F(3), s), Some(EditAction::FindPrev));
        assert_eq!(key(KeyCode::Char('x'), KeyModifiers::ALT), None);
        assert_eq!(key(KeyCode::Esc, n), None);
        let mut release = KeyEvent::new(KeyCode::Char('a'), n);
        release.kind = KeyEventKind::Release;
        assert_eq!(editor_action(&release), None);
    }
}
