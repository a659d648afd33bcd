//! The terminal: raw mode, alternate screen, bracketed paste and mouse on
//! entry, all undone on exit and on panic; the event loop.

use crate::app::App;
use crate::ui::{self, theme::Theme};
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, Stdout, Write};
use std::time::Duration;

pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// Puts the terminal back as we found it. Safe to call more than once.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

/// Enters full-screen mode; a panic restores the terminal before its
/// message is printed.
pub fn setup() -> io::Result<Term> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
    enable_raw_mode()?;
    let mut stdout = io::stdout();
    if let Err(e) = execute!(
        stdout,
        EnterAlternateScreen,
        EnableBracketedPaste,
        EnableMouseCapture
    ) {
        restore();
        return Err(e);
    }
    Terminal::new(CrosstermBackend::new(stdout)).inspect_err(|_| restore())
}

/// The OSC 52 sequence that puts `text` on the clipboard of the user's own
/// terminal — the one on the clerk's desk, even over SSH.
pub fn osc52(text: &str) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 12);
    out.push_str("\x1b]52;c;");
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out.push('\x07');
    out
}

/// Runs until the app stops: draw, wait for an event, then take every event
/// already queued (an IME commits several characters at once) before the
/// next draw, so a burst costs one frame.
pub fn run(term: &mut Term, app: &mut App, theme: &Theme) -> io::Result<()> {
    let size = term.size()?;
    app.handle_event(&event::Event::Resize(size.width, size.height));
    while app.running {
        term.draw(|f| ui::render(app, theme, f))?;
        if let Some(text) = app.clipboard_out.take() {
            let mut out = io::stdout();
            out.write_all(osc52(&text).as_bytes())?;
            out.flush()?;
        }
        let ev = event::read()?;
        app.handle_event(&ev);
        while app.running && event::poll(Duration::ZERO)? {
            app.handle_event(&event::read()?);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::osc52;

    #[test]
    fn osc52_carries_base64_of_the_utf8_text() {
        assert_eq!(osc52(""), "\x1b]52;c;\x07");
        assert_eq!(osc52("a"), "\x1b]52;c;YQ==\x07");
        assert_eq!(osc52("ab"), "\x1b]52;c;YWI=\x07");
        assert_eq!(osc52("abc"), "\x1b]52;c;YWJj\x07");
        // 简报 is E7 AE 80 E6 8A A5.
        assert_eq!(osc52("简报"), "\x1b]52;c;566A5oql\x07");
    }
}
