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
use std::io::{self, Stdout};
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

/// Runs until the app stops: draw, wait for an event, then take every event
/// already queued (an IME commits several characters at once) before the
/// next draw, so a burst costs one frame.
pub fn run(term: &mut Term, app: &mut App, theme: &Theme) -> io::Result<()> {
    let size = term.size()?;
    app.handle_event(&event::Event::Resize(size.width, size.height));
    while app.running {
        term.draw(|f| ui::render(app, theme, f))?;
        let ev = event::read()?;
        app.handle_event(&ev);
        while app.running && event::poll(Duration::ZERO)? {
            app.handle_event(&event::read()?);
        }
    }
    Ok(())
}
