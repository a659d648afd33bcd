//! The text core: cleaning, wrapping and the editing buffer. Pure: no
//! terminal, no I/O, no ratatui.

mod breaks;
mod clean;
mod editor;
#[cfg(test)]
mod editor_tests;
mod history;
mod para;
mod wrap;

#[cfg(test)]
mod proptests;

pub use breaks::{
    Graphemes, NO_ROW_END, NO_ROW_START, cell, cell_symbol, grapheme_width, graphemes,
};
pub use clean::{clean, clean_line, clean_paragraphs, is_removed};
pub use editor::{EditAction, Editor, Motion, Note, Outcome, Pos, VisualRow};
pub use para::Geometry;
pub use wrap::{INDENT, Row, first_row_indent, wrap};
