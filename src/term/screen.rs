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
        Ok(())
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
        let painted = self.painter.paint(app, theme, &mut self.next);
        self.write_rows(&painted.rows)?;
        match painted.cursor {
            None => self.backend.hide_cursor()?,
            Some(p) => {
                self.backend.show_cursor()?;
                self.backend.set_cursor_position(p)?;
            }
        }
        ratatui::backend::Backend::flush(&mut self.backend)
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
