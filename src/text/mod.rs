//! The text core: cleaning, wrapping and the editing buffer. Pure: no
//! terminal, no I/O, no ratatui.
//!
//! - [`clean`] / [`clean_paragraphs`] / [`clean_line`]: what may enter a buffer.
//! - [`wrap`]: one paragraph into screen or print rows (Chinese line-breaking
//!   rules, first-row indent), for the editor, the plain-text export and the
//!   print preview alike.
//! - [`Editor`]: the article body being edited. The app turns keys into
//!   [`EditAction`]s (through its key map), applies them with
//!   [`Editor::apply`] and keeps what [`Outcome::copied`] gives as its
//!   clipboard (and the terminal's, by OSC 52); before drawing it calls
//!   [`Editor::scroll_to_caret`] with the pane's size, then
//!   `ui::editor::render`.
//! - [`next_word`] / [`prev_word`]: word and phrase stops, for the editor
//!   and one-line text fields alike.

mod breaks;
mod clean;
mod editor;
mod history;
mod para;
mod words;
mod wrap;

#[cfg(test)]
mod proptests;

pub use breaks::{
    Graphemes, NO_ROW_END, NO_ROW_START, cell, cell_symbol, grapheme_width, graphemes, print_width,
    types_as_is,
};
pub use clean::{clean, clean_issue, clean_line, clean_paragraphs, for_display, is_removed};
pub use editor::{EditAction, Editor, Motion, Note, Outcome, Pos, Splice, VisualRow};
pub use para::Geometry;
pub use words::{next_word, prev_word};
pub use wrap::{INDENT, Measure, Row, first_row_indent, wrap, wrap_measured};
pub mod rejoin;
pub mod tidy;
