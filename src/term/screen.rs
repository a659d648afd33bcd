//! The screen: what the terminal shows, and the frame being drawn, kept
//! from one frame to the next so that only what changed is drawn
//! ([`ui::Painter`]) and compared; then written through the backend (and
//! the change-only writer, [`super::output`]). It does what ratatui's
//! `Terminal` did for jianbao, which rendered and compared every cell of
//! the screen at every key.

use super::backend::Backend;
use crate::app::App;
use crate::ui::{self, theme::Theme};
use ratatui::backend::{Backend as _, ClearType};
use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};
use std::io::{self, Write};

pub struct Screen<W: Write> {
    backend: Backend<W>,
    /// What the terminal shows.
    shown: Buffer,
    /// The frame being drawn; between frames, the same as `shown`.
    next: Buffer,
    painter: ui::Painter,
    /// The size, when not the terminal's (tests).
    fixed: Option<Size>,
    /// A run of rows as shown and as drawn, for ratatui's diff.
    before: Buffer,
    after: Buffer,
    /// Where a character typed now may be shown before the app handles it.
    echo: Option<ui::EchoSlot>,
    /// The row a character was echoed into since the last frame.
    echoed: Option<u16>,
}

impl<W: Write> Screen<W> {
    pub fn new(backend: Backend<W>) -> io::Result<Self> {
        let size = backend.size()?;
        Ok(Self::with_size(backend, size, false))
    }

    /// A screen of `size` whatever the terminal's (tests).
    pub fn fixed(backend: Backend<W>, size: Size) -> Self {
        Self::with_size(backend, size, true)
    }

    fn with_size(backend: Backend<W>, size: Size, fixed: bool) -> Self {
        let area = Rect::new(0, 0, size.width, size.height);
        Screen {
            backend,
            shown: Buffer::empty(area),
            next: Buffer::empty(area),
            painter: ui::Painter::default(),
            fixed: fixed.then_some(size),
            before: Buffer::empty(Rect::ZERO),
            after: Buffer::empty(Rect::ZERO),
            echo: None,
            echoed: None,
        }
    }

    /// The terminal's size now.
    pub fn size(&self) -> io::Result<Size> {
        match self.fixed {
            Some(size) => Ok(size),
            None => self.backend.size(),
        }
    }

    /// Makes a fixed-size screen (tests) that size, as a terminal resized.
    pub fn set_size(&mut self, size: Size) {
        self.fixed = Some(size);
    }

    pub fn backend_mut(&mut self) -> &mut Backend<W> {
        &mut self.backend
    }

    /// Clears the terminal; the next frame draws every cell.
    pub fn clear(&mut self) -> io::Result<()> {
        self.backend.clear_region(ClearType::All)?;
        self.shown.reset();
        self.painter.forget();
        self.forget_echo();
        self.echoed = None;
        Ok(())
    }

    /// The terminal changed (a resize): no character is echoed before the
    /// next frame.
    pub fn forget_echo(&mut self) {
        self.echo = None;
    }

    /// Whether the last frame left room for a typed character (the app
    /// has not changed since: the event loop draws after every change).
    pub fn echo_ready(&self) -> bool {
        self.echo.is_some()
    }

    /// Shows `c`, just typed, on the caret before the app has handled the
    /// key, where the last frame left room for it ([`ui::echo_slot`]): over
    /// SSH the clerk sees the character as soon as the shell would echo
    /// it, and the frame after the key, which compares the row with the
    /// truth, usually has nothing left to write. Returns whether it did.
    pub fn echo(&mut self, c: char) -> io::Result<bool> {
        let Some(slot) = self.echo.take() else {
            return Ok(false);
        };
        // As the frame after the key will draw it: the text's style is the
        // terminal's default (`ui::editor`), so a cursor move (dropped by
        // the writer when the cursor is there) and the character.
        let Some(w) = ui::put_typed(&mut self.shown, slot, c) else {
            return Ok(false);
        };
        self.echoed = Some(slot.at.y);
        write!(
            self.backend,
            "\x1b[{};{}H\x1b[0m{c}",
            slot.at.y + 1,
            slot.at.x + 1
        )?;
        self.backend
            .set_cursor_position((slot.at.x + w, slot.at.y))?;
        ratatui::backend::Backend::flush(&mut self.backend)?;
        Ok(true)
    }

    /// Draws `app`: the panes that may have changed, then the cells that
    /// did change, then the cursor (on the caret: IMEs need it).
    pub fn draw(&mut self, app: &App, theme: &Theme) -> io::Result<()> {
        let size = self.size()?;
        if (size.width, size.height) != (self.shown.area.width, self.shown.area.height) {
            let area = Rect::new(0, 0, size.width, size.height);
            self.shown.resize(area);
            self.next.resize(area);
            self.clear()?;
        }
        let mut painted = self.painter.paint(app, theme, &mut self.next);
        // An echoed row shows what the app may not have done.
        if let Some(y) = self.echoed.take() {
            painted.rows.push(y..y + 1);
        }
        self.write_rows(&painted.rows)?;
        match painted.cursor {
            None => self.backend.hide_cursor()?,
            Some(p) => {
                self.backend.show_cursor()?;
                self.backend.set_cursor_position(p)?;
            }
        }
        ratatui::backend::Backend::flush(&mut self.backend)?;
        self.echo = ui::echo_slot(app, &self.next, painted.cursor);
        Ok(())
    }

    /// Writes the cells of `rows` that differ from what is shown, as
    /// ratatui's diff does (wide characters, the cells they cover), one run
    /// of changed rows at a time; unchanged rows are passed over whole.
    fn write_rows(&mut self, rows: &[std::ops::Range<u16>]) -> io::Result<()> {
        let width = self.next.area.width as usize;
        let mut changed: Vec<u16> = rows
            .iter()
            .flat_map(|r| r.clone())
            .filter(|&y| {
                let start = y as usize * width;
                self.next.content[start..start + width] != self.shown.content[start..start + width]
            })
            .collect();
        changed.sort_unstable();
        changed.dedup();
        let mut i = 0;
        while i < changed.len() {
            let first = changed[i];
            let mut end = first + 1;
            while i + 1 < changed.len() && changed[i + 1] == end {
                i += 1;
                end += 1;
            }
            i += 1;
            let run = Rect::new(0, first, width as u16, end - first);
            let cells = first as usize * width..end as usize * width;
            self.before.resize(run);
            self.before
                .content
                .clone_from_slice(&self.shown.content[cells.clone()]);
            self.after.resize(run);
            self.after
                .content
                .clone_from_slice(&self.next.content[cells.clone()]);
            self.backend
                .draw(self.before.diff(&self.after).into_iter())?;
            self.shown.content[cells.clone()].clone_from_slice(&self.next.content[cells]);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
