//! What goes between ratatui and the terminal. ratatui writes a frame as
//! cursor moves, colour changes and text, then resets every attribute and
//! places the cursor, each frame, even one with no change. Over SSH every
//! byte is felt, so this writer keeps a model of the terminal — where its
//! cursor is, which attributes are set, whether the cursor shows — and
//! writes only what changes it:
//!
//! - a cursor move to where the cursor already is (after a wide character,
//!   ratatui always moves) is dropped;
//! - colours and attributes are written only when the next text needs
//!   different ones, as the shortest change; the reset at the end of each
//!   frame is dropped (the terminal keeps them until text needs others);
//! - showing the cursor when it shows is dropped;
//! - the frame is written in one piece on flush (one packet), and a frame
//!   that changes nothing writes nothing.
//!
//! The 16 named colours are written as the classic codes (`ESC[31m`,
//! `ESC[97m`, …) rather than crossterm's 256-colour form (`ESC[38;5;1m`),
//! which the Linux console and 8/16-colour terminals do not know.
//!
//! Anything the model does not understand (erasing, scrolling, queries)
//! is passed through after bringing the attributes up to date, and makes
//! the model forget where the cursor is.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use unicode_width::UnicodeWidthChar;

/// Set when something else had the terminal (the shell, during a stop):
/// the next flush forgets what the terminal showed.
static STALE: AtomicBool = AtomicBool::new(false);

/// Makes the writer forget what the terminal shows, so the next frame
/// writes every attribute and cursor move it needs.
pub fn invalidate() {
    STALE.store(true, Ordering::SeqCst);
}

/// A buffered, change-only writer to `inner`.
#[derive(Debug)]
pub struct Output<W: Write> {
    inner: W,
    frame: Vec<u8>,
    /// What the terminal shows now.
    actual: State,
    /// What the program has asked for so far.
    wanted: State,
    /// The attributes wanted are those the terminal has (no SGR came since
    /// they were last brought up to date): text needs no comparison.
    sgr_synced: bool,
}

/// The terminal's cursor and attributes; `None` where not known.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct State {
    /// (column, row), 0-based.
    cursor: Option<(u32, u32)>,
    sgr: Option<Sgr>,
    visible: Option<bool>,
}

/// The graphic rendition: colours as their SGR parameters ("" for the
/// default), and the attributes on.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Sgr {
    fg: String,
    bg: String,
    underline_color: String,
    /// Attribute numbers that are on (1 bold … 9 crossed out).
    attrs: u16,
}

impl<W: Write> Output<W> {
    pub fn new(inner: W) -> Self {
        Output {
            inner,
            frame: Vec::with_capacity(16 * 1024),
            actual: State::default(),
            wanted: State::default(),
            sgr_synced: false,
        }
    }

    /// Turns the program's frame into the bytes that bring the terminal to
    /// it.
    fn filter(&mut self, frame: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(frame.len() / 2 + 16);
        let mut i = 0;
        while i < frame.len() {
            let (token, len) = next_token(&frame[i..]);
            match token {
                Token::Cup(col, row) => self.wanted.cursor = Some((col, row)),
                Token::Sgr(params) => {
                    self.wanted.sgr.get_or_insert_default().apply(params);
                    self.sgr_synced = false;
                }
                Token::Cursor(visible) => self.wanted.visible = Some(visible),
                Token::Text(text) => {
                    self.sync_sgr(&mut out);
                    self.sync_cursor(&mut out);
                    out.extend_from_slice(text.as_bytes());
                    let advance: u32 = text.chars().map(|c| c.width().unwrap_or(0) as u32).sum();
                    let cursor = self.actual.cursor.map(|(c, r)| (c + advance, r));
                    self.actual.cursor = cursor;
                    self.wanted.cursor = cursor;
                }
                Token::Other(bytes) => {
                    // Erasing fills with the current background.
                    self.sync_sgr(&mut out);
                    self.sync_cursor(&mut out);
                    out.extend_from_slice(bytes);
                    self.actual.cursor = None;
                    self.wanted.cursor = None;
                }
            }
            i += len;
        }
        // The frame is done: the cursor goes where it was asked to be.
        self.sync_cursor(&mut out);
        if let Some(v) = self.wanted.visible
            && self.actual.visible != Some(v)
        {
            out.extend_from_slice(if v { b"\x1b[?25h" } else { b"\x1b[?25l" });
            self.actual.visible = Some(v);
        }
        out
    }

    fn sync_cursor(&mut self, out: &mut Vec<u8>) {
        if let Some((col, row)) = self.wanted.cursor
            && self.actual.cursor != self.wanted.cursor
        {
            out.extend_from_slice(format!("\x1b[{};{}H", row + 1, col + 1).as_bytes());
            self.actual.cursor = Some((col, row));
        }
    }

    fn sync_sgr(&mut self, out: &mut Vec<u8>) {
        // Called before every piece of text (a frame that scrolls the text
        // has hundreds): compare only after an SGR, clone only on change.
        if self.sgr_synced {
            return;
        }
        self.sgr_synced = true;
        let default = Sgr::default();
        let want = self.wanted.sgr.as_ref().unwrap_or(&default);
        if self.actual.sgr.as_ref() == Some(want) {
            return;
        }
        out.extend_from_slice(want.change_from(self.actual.sgr.as_ref()).as_bytes());
        self.actual.sgr = Some(want.clone());
    }
}

impl<W: Write> Write for Output<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.frame.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if STALE.swap(false, Ordering::SeqCst) {
            self.actual = State::default();
            self.sgr_synced = false;
        }
        if !self.frame.is_empty() {
            let frame = std::mem::take(&mut self.frame);
            let out = self.filter(&frame);
            self.frame = frame;
            self.frame.clear();
            if !out.is_empty() {
                self.inner.write_all(&out)?;
            }
        }
        self.inner.flush()
    }
}

/// The attribute numbers this model knows, with the code that turns each
/// off.
const ATTRS: [(u8, u8); 8] = [
    (1, 22),
    (2, 22),
    (3, 23),
    (4, 24),
    (5, 25),
    (7, 27),
    (8, 28),
    (9, 29),
];

impl Sgr {
    /// Applies SGR parameters as a terminal would.
    fn apply(&mut self, params: &str) {
        let p: Vec<&str> = params.split(';').collect();
        let mut i = 0;
        while i < p.len() {
            let n: u16 = p[i].parse().unwrap_or(0);
            match n {
                0 => *self = Sgr::default(),
                1..=9 => self.attrs |= 1 << n,
                21 => self.attrs |= 1 << 4,
                22 => self.attrs &= !((1 << 1) | (1 << 2)),
                23..=29 => self.attrs &= !(1 << (n - 20)),
                30..=37 | 90..=97 => self.fg = n.to_string(),
                40..=47 | 100..=107 => self.bg = n.to_string(),
                39 => self.fg.clear(),
                49 => self.bg.clear(),
                59 => self.underline_color.clear(),
                38 | 48 | 58 => {
                    let len = match p.get(i + 1) {
                        Some(&"5") => 3,
                        Some(&"2") => 5,
                        _ => 1,
                    };
                    let end = (i + len).min(p.len());
                    let color = classic(n, &p[i..end]).unwrap_or_else(|| p[i..end].join(";"));
                    match n {
                        38 => self.fg = color,
                        48 => self.bg = color,
                        _ => self.underline_color = color,
                    }
                    i = end;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
    }

    /// The shortest SGR sequence that turns `from` (unknown: anything)
    /// into `self`.
    fn change_from(&self, from: Option<&Sgr>) -> String {
        let default = Sgr::default();
        let full = self.params_from(&default, true);
        match from {
            Some(f) => {
                let step = self.params_from(f, false);
                if step.len() <= full.len() { step } else { full }
            }
            None => full,
        }
    }

    /// The SGR sequence from `from` to `self`, starting with a reset when
    /// `reset`.
    fn params_from(&self, from: &Sgr, reset: bool) -> String {
        let mut params: Vec<String> = Vec::new();
        if reset {
            params.push("0".into());
        }
        for (on, off) in ATTRS {
            let bit = 1 << on;
            match (from.attrs & bit != 0, self.attrs & bit != 0) {
                (false, true) => params.push(on.to_string()),
                (true, false) => {
                    params.push(off.to_string());
                    // 22 also turns off the other of bold and dim.
                    if off == 22 {
                        for other in [1u8, 2] {
                            if other != on && self.attrs & (1 << other) != 0 {
                                params.push(other.to_string());
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        let mut color = |want: &str, have: &str, reset: &str| {
            if want != have {
                params.push(if want.is_empty() {
                    reset.into()
                } else {
                    want.into()
                });
            }
        };
        color(&self.fg, &from.fg, "39");
        color(&self.bg, &from.bg, "49");
        color(&self.underline_color, &from.underline_color, "59");
        params.dedup();
        if params.is_empty() {
            return String::new();
        }
        format!("\x1b[{}m", params.join(";"))
    }
}

/// The classic code of an indexed colour 0–15 (`38;5;N`), if it is one.
fn classic(kind: u16, p: &[&str]) -> Option<String> {
    let idx: u16 = match p {
        [_, "5", n] => n.parse().ok()?,
        _ => return None,
    };
    let (base, bright) = match kind {
        38 => (30, 90),
        48 => (40, 100),
        _ => return None,
    };
    match idx {
        0..=7 => Some((base + idx).to_string()),
        8..=15 => Some((bright + idx - 8).to_string()),
        _ => None,
    }
}

/// A piece of a frame.
#[derive(Debug, PartialEq, Eq)]
enum Token<'a> {
    /// Cursor position (column, row), 0-based.
    Cup(u32, u32),
    Sgr(&'a str),
    Cursor(bool),
    Text(&'a str),
    Other(&'a [u8]),
}

/// The token at the start of `s` and its length in bytes.
fn next_token(s: &[u8]) -> (Token<'_>, usize) {
    if s[0] == 0x1b {
        if s.get(1) == Some(&b'[') {
            let body = &s[2..];
            let n = body
                .iter()
                .take_while(|b| b.is_ascii_digit() || matches!(b, b';' | b'?'))
                .count();
            if let Some(&fin) = body.get(n)
                && (0x40..=0x7e).contains(&fin)
            {
                let params = std::str::from_utf8(&body[..n]).unwrap_or("");
                let len = 2 + n + 1;
                return match (fin, params) {
                    (b'm', p) if !p.starts_with('?') => (Token::Sgr(p), len),
                    (b'H', p) if !p.starts_with('?') => {
                        let mut it = p.split(';').map(|v| v.parse::<u32>().unwrap_or(1).max(1));
                        let row = it.next().unwrap_or(1);
                        let col = it.next().unwrap_or(1);
                        (Token::Cup(col - 1, row - 1), len)
                    }
                    (b'h', "?25") => (Token::Cursor(true), len),
                    (b'l', "?25") => (Token::Cursor(false), len),
                    _ => (Token::Other(&s[..len]), len),
                };
            }
            return (
                Token::Other(&s[..s.len().min(2 + n)]),
                s.len().min(2 + n).max(1),
            );
        }
        if s.get(1) == Some(&b']') {
            // OSC: up to BEL or ST.
            let end = s
                .windows(2)
                .position(|w| w[0] == 0x07 || w == b"\x1b\\")
                .map_or(s.len(), |p| if s[p] == 0x07 { p + 1 } else { p + 2 });
            return (Token::Other(&s[..end]), end);
        }
        let len = s.len().min(2);
        return (Token::Other(&s[..len]), len);
    }
    // Printable text up to the next escape or control character.
    let end = s
        .iter()
        .position(|b| *b == 0x1b || *b < 0x20 || *b == 0x7f)
        .unwrap_or(s.len());
    if end == 0 {
        return (Token::Other(&s[..1]), 1);
    }
    match std::str::from_utf8(&s[..end]) {
        Ok(text) => (Token::Text(text), end),
        // Not UTF-8 (never from ratatui): pass it on, cursor unknown.
        Err(_) => (Token::Other(&s[..end]), end),
    }
}

/// Whether the terminal can show no colour or attributes at all
/// (`TERM=dumb`, or no `TERM`): then the monochrome theme is used.
pub fn is_dumb(term: Option<&str>) -> bool {
    matches!(term, None | Some("" | "dumb"))
}

#[cfg(test)]
mod tests;
