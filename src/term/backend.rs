//! The ratatui backend: crossterm's, except that it never asks the terminal
//! where the cursor is. The answer to that question (CSI 6n) comes back on
//! standard input, among the keys; crossterm's reader would take the keys
//! typed meanwhile into a queue jianbao does not read, and they would be
//! lost. ratatui asks at every `Terminal::clear`, which jianbao calls after
//! the start-up probe and after `fg`: a clerk who typed at once over a slow
//! link lost the first keys.

use ratatui::backend::{Backend as RatatuiBackend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use std::io::{self, Write};

/// [`CrosstermBackend`] that remembers the cursor it placed instead of
/// asking the terminal for it.
pub struct Backend<W: Write> {
    inner: CrosstermBackend<W>,
    cursor: Position,
}

impl<W: Write> Backend<W> {
    pub fn new(out: W) -> Self {
        Backend {
            inner: CrosstermBackend::new(out),
            cursor: Position::ORIGIN,
        }
    }
}

impl<W: Write> Write for Backend<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        Write::flush(&mut self.inner)
    }
}

impl<W: Write> RatatuiBackend for Backend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.inner.draw(content)
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    /// Where the cursor was last put: ratatui only asks so as to put it
    /// back after a clear, and every frame places it anyway.
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let position = position.into();
        self.cursor = position;
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        size().map(|(width, height)| Size { width, height })
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        RatatuiBackend::flush(&mut self.inner)
    }
}

/// The terminal's size in columns and rows. crossterm opens `/dev/tty` to
/// ask, at every call; asked at every key and every frame, that was two
/// opens a key. The standard streams are the terminal: ask them first.
pub fn size() -> io::Result<(u16, u16)> {
    #[cfg(unix)]
    for fd in [libc::STDOUT_FILENO, libc::STDIN_FILENO] {
        let mut ws = libc::winsize {
            ws_row: 0,
            ws_col: 0,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: TIOCGWINSZ writes one winsize into `ws`, which lives
        // for the call.
        let ok = unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws) } == 0;
        if ok && ws.ws_col > 0 && ws.ws_row > 0 {
            return Ok((ws.ws_col, ws.ws_row));
        }
    }
    crossterm::terminal::size()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::Written as Shared;

    /// The cursor ratatui asks for (before and after a clear) is the one
    /// it last placed, and asking writes nothing to the terminal.
    #[test]
    fn the_cursor_is_remembered_not_asked_for() {
        let out = Shared::default();
        let mut backend = Backend::new(out.clone());
        assert_eq!(backend.get_cursor_position().unwrap(), Position::ORIGIN);
        backend.set_cursor_position((7, 3)).unwrap();
        RatatuiBackend::flush(&mut backend).unwrap();
        assert_eq!(out.take(), b"\x1b[4;8H");
        assert_eq!(backend.get_cursor_position().unwrap(), Position::new(7, 3));
        assert_eq!(out.take(), b"");
        backend.clear_region(ClearType::All).unwrap();
        RatatuiBackend::flush(&mut backend).unwrap();
        assert_eq!(out.take(), b"\x1b[2J");
    }
}
