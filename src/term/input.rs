//! Turns the bytes a terminal sends into key, paste and mouse events —
//! including the sequences of the SSH clients clerks use on Windows, which
//! differ from xterm's and which a generic parser reads wrongly (PuTTY's
//! Alt+↑ `ESC ESC [ A` becomes Esc then text; its Ctrl+↑ `ESC O A` becomes a
//! plain ↑).
//!
//! Understood, by family:
//! - xterm and everything that follows it (Windows Terminal, MobaXterm,
//!   Xshell and SecureCRT set to xterm, tmux): `CSI A`…`D`, `CSI H`/`F`,
//!   `CSI n ~`, with modifiers as `CSI 1;m A` and `CSI n;m ~`; F1–F4 as
//!   `SS3 P`…`S` or `CSI 1;m P`…; Shift+Tab `CSI Z`.
//! - PuTTY and KiTTY (defaults): F1–F5 `CSI 11~`…`15~`, Home/End `CSI 1~`
//!   `CSI 4~`, Ctrl+arrows `SS3 A`…`D` (the application-mode form, which a
//!   terminal in normal mode — jianbao never asks for application mode —
//!   sends for nothing else), Alt+key as `ESC` before the key's own sequence.
//! - rxvt: Shift+arrows `CSI a`…`d`, Ctrl+arrows `SS3 a`…`d`, Home/End
//!   `CSI 7~`/`8~`, `CSI n ^` (Ctrl) and `CSI n $` (Shift) for the `~` keys.
//! - The Linux console and SecureCRT's VT100 mode: F1–F5 `CSI [ A`…`E`.
//! - Control bytes: Ctrl+letter, Backspace as 0x7F or 0x08 (PuTTY and
//!   others send Ctrl+H for Backspace), Ctrl+Space as 0x00.
//! - Bracketed paste, SGR mouse reports, focus reports (ignored) and cursor
//!   position reports (ignored, except `CSI 1;m R`, which is F3 with
//!   modifiers).
//!
//! A lone `ESC` is the Esc key only once no more bytes follow it within a
//! short wait (an SSH client sends a sequence in one packet).

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

const ESC: u8 = 0x1b;

/// Stateful decoder: bytes in, events out. Incomplete sequences wait for
/// more bytes, or for [`Decoder::flush`].
#[derive(Debug, Default)]
pub struct Decoder {
    pending: Vec<u8>,
    /// Inside a bracketed paste: the text so far.
    paste: Option<Vec<u8>>,
    /// Cursor position reports read, 0-based (column, row), oldest first.
    reports: Vec<(u16, u16)>,
}

/// What a piece of input is.
enum Parsed {
    /// An event (or nothing, for reports that are ignored) and its length.
    Done(Option<Event>, usize),
    /// A cursor position report (`CSI row ; col R`, 1-based) and its length.
    Report(u16, u16, usize),
    /// More bytes are needed to tell.
    Incomplete,
}

impl Decoder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `bytes` and returns the events they complete.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        self.pending.extend_from_slice(bytes);
        self.decode(false)
    }

    /// Whether bytes wait for more (a lone ESC, half a sequence or a
    /// paste): the caller waits briefly, then calls [`Decoder::flush`].
    pub fn waiting(&self) -> bool {
        !self.pending.is_empty() || self.paste.is_some()
    }

    /// The oldest cursor position report not yet taken: (column, row),
    /// 0-based. Reports come among the keys, so the decoder that reads the
    /// keys is the one that must find them.
    pub fn take_report(&mut self) -> Option<(u16, u16)> {
        (!self.reports.is_empty()).then(|| self.reports.remove(0))
    }

    /// No more bytes came: what is pending is taken as it stands (a lone
    /// ESC is the Esc key). An unfinished paste keeps waiting.
    pub fn flush(&mut self) -> Vec<Event> {
        self.decode(true)
    }

    fn decode(&mut self, flush: bool) -> Vec<Event> {
        let mut events = Vec::new();
        let mut i = 0;
        while i < self.pending.len() {
            if let Some(text) = &mut self.paste {
                let rest = &self.pending[i..];
                match find(rest, b"\x1b[201~") {
                    Some(end) => {
                        text.extend_from_slice(&rest[..end]);
                        let text = self.paste.take().unwrap_or_default();
                        events.push(Event::Paste(String::from_utf8_lossy(&text).into_owned()));
                        i += end + 6;
                    }
                    None => {
                        // Keep a possible start of the end marker pending.
                        let keep = (1..6)
                            .rev()
                            .find(|k| {
                                rest.len() >= *k
                                    && b"\x1b[201~".starts_with(&rest[rest.len() - k..])
                            })
                            .unwrap_or(0);
                        text.extend_from_slice(&rest[..rest.len() - keep]);
                        i = self.pending.len() - keep;
                        break;
                    }
                }
                continue;
            }
            match parse(&self.pending[i..], flush) {
                Parsed::Done(event, len) => {
                    if let Some(Event::Paste(_)) = event {
                        // The start marker: text follows.
                        self.paste = Some(Vec::new());
                    } else if let Some(e) = event {
                        events.push(e);
                    }
                    i += len;
                }
                Parsed::Report(row, col, len) => {
                    self.reports
                        .push((col.saturating_sub(1), row.saturating_sub(1)));
                    i += len;
                }
                Parsed::Incomplete => break,
            }
        }
        self.pending.drain(..i);
        events
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn key(code: KeyCode, mods: KeyModifiers) -> Option<Event> {
    Some(Event::Key(KeyEvent::new(code, mods)))
}

/// The input at the start of `s`. `flush`: no more bytes will come soon.
fn parse(s: &[u8], flush: bool) -> Parsed {
    let b = s[0];
    if b == ESC {
        return parse_escape(s, flush);
    }
    if b < 0x20 || b == 0x7f {
        return Parsed::Done(control(b), 1);
    }
    // A UTF-8 character.
    let len = match b {
        0x00..=0x7f => 1,
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        // Not a lead byte: dropped, as a terminal that is not UTF-8 sends
        // them (the editor says so where it matters).
        _ => return Parsed::Done(None, 1),
    };
    if s.len() < len {
        return if flush {
            Parsed::Done(None, s.len())
        } else {
            Parsed::Incomplete
        };
    }
    match std::str::from_utf8(&s[..len]) {
        Ok(c) => {
            let c = c.chars().next().expect("one character");
            let mods = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            Parsed::Done(key(KeyCode::Char(c), mods), len)
        }
        Err(_) => Parsed::Done(None, 1),
    }
}

/// A control byte as the key that sends it.
fn control(b: u8) -> Option<Event> {
    let ctrl = KeyModifiers::CONTROL;
    match b {
        0x0d | 0x0a => key(KeyCode::Enter, KeyModifiers::NONE),
        0x09 => key(KeyCode::Tab, KeyModifiers::NONE),
        // Backspace: DEL from most terminals, Ctrl+H from some (PuTTY's
        // option, old consoles).
        0x7f | 0x08 => key(KeyCode::Backspace, KeyModifiers::NONE),
        0x00 => key(KeyCode::Char(' '), ctrl),
        0x01..=0x1a => key(KeyCode::Char((b - 1 + b'a') as char), ctrl),
        0x1c => key(KeyCode::Char('\\'), ctrl),
        0x1d => key(KeyCode::Char(']'), ctrl),
        0x1e => key(KeyCode::Char('^'), ctrl),
        0x1f => key(KeyCode::Char('_'), ctrl),
        _ => None,
    }
}

fn parse_escape(s: &[u8], flush: bool) -> Parsed {
    let Some(&next) = s.get(1) else {
        return if flush {
            Parsed::Done(key(KeyCode::Esc, KeyModifiers::NONE), 1)
        } else {
            Parsed::Incomplete
        };
    };
    match next {
        b'[' => parse_csi(s, flush),
        b'O' => parse_ss3(s, flush),
        // Alt+ a key's own sequence (PuTTY's Alt+↑ is ESC ESC [ A).
        ESC if matches!(s.get(2), Some(b'[' | b'O')) => match parse_escape(&s[1..], flush) {
            Parsed::Done(Some(Event::Key(mut k)), len) => {
                k.modifiers |= KeyModifiers::ALT;
                Parsed::Done(Some(Event::Key(k)), len + 1)
            }
            Parsed::Done(other, len) => Parsed::Done(other, len + 1),
            // An Esc key, then the terminal's answer to a query: no
            // modifier of anything; the report is read on its own next.
            Parsed::Report(..) => Parsed::Done(key(KeyCode::Esc, KeyModifiers::NONE), 1),
            Parsed::Incomplete => Parsed::Incomplete,
        },
        // Maybe the start of an Alt+arrow: wait for the next byte.
        ESC if s.len() == 2 && !flush => Parsed::Incomplete,
        // Two Esc keys pressed quickly are two Esc keys.
        ESC => Parsed::Done(key(KeyCode::Esc, KeyModifiers::NONE), 1),
        _ => {
            // Alt+character or Alt+control byte.
            match parse(&s[1..], flush) {
                Parsed::Done(Some(Event::Key(mut k)), len) => {
                    k.modifiers |= KeyModifiers::ALT;
                    Parsed::Done(Some(Event::Key(k)), len + 1)
                }
                Parsed::Done(_, len) | Parsed::Report(_, _, len) => Parsed::Done(None, len + 1),
                Parsed::Incomplete => Parsed::Incomplete,
            }
        }
    }
}

/// Modifiers from an xterm parameter (1 + Shift 1 + Alt 2 + Ctrl 4 + Meta 8).
fn modifiers(m: u16) -> KeyModifiers {
    let bits = m.saturating_sub(1);
    let mut mods = KeyModifiers::NONE;
    if bits & 1 != 0 {
        mods |= KeyModifiers::SHIFT;
    }
    if bits & (2 | 8) != 0 {
        mods |= KeyModifiers::ALT;
    }
    if bits & 4 != 0 {
        mods |= KeyModifiers::CONTROL;
    }
    mods
}

fn letter_key(c: u8) -> Option<KeyCode> {
    Some(match c {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P' => KeyCode::F(1),
        b'Q' => KeyCode::F(2),
        b'R' => KeyCode::F(3),
        b'S' => KeyCode::F(4),
        _ => return None,
    })
}

fn tilde_key(n: u16) -> Option<KeyCode> {
    Some(match n {
        1 | 7 => KeyCode::Home,
        2 => KeyCode::Insert,
        3 => KeyCode::Delete,
        4 | 8 => KeyCode::End,
        5 => KeyCode::PageUp,
        6 => KeyCode::PageDown,
        11..=15 => KeyCode::F((n - 10) as u8),
        17..=21 => KeyCode::F((n - 11) as u8),
        23 | 24 => KeyCode::F((n - 12) as u8),
        _ => return None,
    })
}

fn parse_csi(s: &[u8], flush: bool) -> Parsed {
    // Linux console F1–F5: ESC [ [ A…E.
    if s.get(2) == Some(&b'[') {
        return match s.get(3) {
            Some(c @ b'A'..=b'E') => {
                Parsed::Done(key(KeyCode::F(c - b'A' + 1), KeyModifiers::NONE), 4)
            }
            Some(_) => Parsed::Done(None, 4),
            None if flush => Parsed::Done(None, s.len()),
            None => Parsed::Incomplete,
        };
    }
    // SGR mouse: ESC [ < b ; x ; y (M|m).
    if s.get(2) == Some(&b'<') {
        let body = &s[3..];
        let Some(end) = body.iter().position(|b| *b == b'M' || *b == b'm') else {
            return if flush || body.len() > 32 {
                Parsed::Done(None, s.len())
            } else {
                Parsed::Incomplete
            };
        };
        return Parsed::Done(mouse(&body[..end], body[end] == b'M'), 3 + end + 1);
    }
    let body = &s[2..];
    let n = body
        .iter()
        .take_while(|b| b.is_ascii_digit() || **b == b';')
        .count();
    let Some(&fin) = body.get(n) else {
        return if flush || n > 32 {
            Parsed::Done(None, s.len())
        } else {
            Parsed::Incomplete
        };
    };
    let len = 2 + n + 1;
    let params: Vec<u16> = std::str::from_utf8(&body[..n])
        .unwrap_or("")
        .split(';')
        .map(|p| p.parse().unwrap_or(0))
        .collect();
    let first = params.first().copied().unwrap_or(0);
    let mods = modifiers(params.get(1).copied().unwrap_or(1));
    let event = match fin {
        b'~' => match first {
            200 => Some(Event::Paste(String::new())),
            _ => tilde_key(first).and_then(|code| key(code, mods)),
        },
        // rxvt: Ctrl (^) and Shift ($) forms of the ~ keys.
        b'^' => tilde_key(first).and_then(|code| key(code, KeyModifiers::CONTROL)),
        b'$' => tilde_key(first).and_then(|code| key(code, KeyModifiers::SHIFT)),
        b'Z' => key(KeyCode::BackTab, KeyModifiers::SHIFT),
        // rxvt Shift+arrows.
        b'a' => key(KeyCode::Up, KeyModifiers::SHIFT),
        b'b' => key(KeyCode::Down, KeyModifiers::SHIFT),
        b'c' => key(KeyCode::Right, KeyModifiers::SHIFT),
        b'd' => key(KeyCode::Left, KeyModifiers::SHIFT),
        // Focus in/out.
        b'I' | b'O' if n == 0 => None,
        // A cursor position report, except xterm's F3 with modifiers.
        b'R' if params.len() == 2 && first != 1 => {
            return Parsed::Report(first, params[1], len);
        }
        b'R' if first != 1 || params.len() != 2 => None,
        c => letter_key(c).and_then(|code| key(code, mods)),
    };
    Parsed::Done(event, len)
}

fn parse_ss3(s: &[u8], flush: bool) -> Parsed {
    let Some(&c) = s.get(2) else {
        return if flush {
            // ESC O alone: Alt+Shift+O.
            Parsed::Done(
                key(KeyCode::Char('O'), KeyModifiers::ALT | KeyModifiers::SHIFT),
                2,
            )
        } else {
            Parsed::Incomplete
        };
    };
    // Some terminals put a modifier digit in: ESC O 5 A.
    if c.is_ascii_digit() {
        return match s.get(3) {
            Some(&f) => Parsed::Done(
                letter_key(f).and_then(|code| key(code, modifiers((c - b'0') as u16))),
                4,
            ),
            None if flush => Parsed::Done(None, 3),
            None => Parsed::Incomplete,
        };
    }
    let event = match c {
        // PuTTY's Ctrl+arrows (jianbao never turns on application cursor
        // mode, the only other reason to send these).
        b'A'..=b'D' => letter_key(c).and_then(|code| key(code, KeyModifiers::CONTROL)),
        // rxvt's Ctrl+arrows.
        b'a' => key(KeyCode::Up, KeyModifiers::CONTROL),
        b'b' => key(KeyCode::Down, KeyModifiers::CONTROL),
        b'c' => key(KeyCode::Right, KeyModifiers::CONTROL),
        b'd' => key(KeyCode::Left, KeyModifiers::CONTROL),
        b'M' => key(KeyCode::Enter, KeyModifiers::NONE),
        c => letter_key(c).and_then(|code| key(code, KeyModifiers::NONE)),
    };
    Parsed::Done(event, 3)
}

/// An SGR mouse report's body `b;x;y`, pressed (`M`) or released (`m`).
fn mouse(body: &[u8], pressed: bool) -> Option<Event> {
    let text = std::str::from_utf8(body).ok()?;
    let mut it = text.split(';').map(|p| p.parse::<u16>().ok());
    let (b, x, y) = (it.next()??, it.next()??, it.next()??);
    let mut modifiers = KeyModifiers::NONE;
    if b & 4 != 0 {
        modifiers |= KeyModifiers::SHIFT;
    }
    if b & 8 != 0 {
        modifiers |= KeyModifiers::ALT;
    }
    if b & 16 != 0 {
        modifiers |= KeyModifiers::CONTROL;
    }
    let button = match b & 3 {
        0 => MouseButton::Left,
        1 => MouseButton::Middle,
        _ => MouseButton::Right,
    };
    let kind = if b & 64 != 0 {
        match b & 3 {
            0 => MouseEventKind::ScrollUp,
            1 => MouseEventKind::ScrollDown,
            2 => MouseEventKind::ScrollLeft,
            _ => MouseEventKind::ScrollRight,
        }
    } else if b & 32 != 0 {
        if b & 3 == 3 {
            MouseEventKind::Moved
        } else {
            MouseEventKind::Drag(button)
        }
    } else if pressed {
        MouseEventKind::Down(button)
    } else {
        MouseEventKind::Up(button)
    };
    Some(Event::Mouse(MouseEvent {
        kind,
        column: x.saturating_sub(1),
        row: y.saturating_sub(1),
        modifiers,
    }))
}

#[cfg(test)]
mod tests;
