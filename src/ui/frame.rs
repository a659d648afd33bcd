//! What the panes draw into: a buffer and where the terminal cursor goes.
//! ratatui's `Frame` can only be had from its `Terminal`, which renders and
//! compares every cell of the screen each frame; jianbao's own screen
//! (`term::screen`) keeps the last frame and has the panes that did not
//! change left as they are (see [`super::Painter`]).

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::widgets::Widget;

pub struct Frame<'a> {
    buffer: &'a mut Buffer,
    cursor: Option<Position>,
}

impl<'a> Frame<'a> {
    pub fn new(buffer: &'a mut Buffer) -> Self {
        Frame {
            buffer,
            cursor: None,
        }
    }

    /// The whole screen.
    pub fn area(&self) -> Rect {
        self.buffer.area
    }

    pub fn buffer_mut(&mut self) -> &mut Buffer {
        self.buffer
    }

    pub fn render_widget<W: Widget>(&mut self, widget: W, area: Rect) {
        widget.render(area, self.buffer);
    }

    /// Where the terminal cursor goes (IMEs open their window there);
    /// hidden when no pane sets it.
    pub fn set_cursor_position<P: Into<Position>>(&mut self, position: P) {
        self.cursor = Some(position.into());
    }

    pub fn cursor(&self) -> Option<Position> {
        self.cursor
    }
}
