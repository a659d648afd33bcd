//! The text core: cleaning, wrapping and the editing buffer. Pure: no
//! terminal, no I/O, no ratatui.
//!
//! - [`clean`] / [`clean_paragraphs`] / [`clean_line`]: what may enter a buffer.
//! - [`wrap`]: one paragraph into screen or print rows (Chinese line-breaking
//!   rules, first-row indent), for the editor, the plain-text export and the
//!   print preview alike.
//! - [`Editor`]: the article body being edited. The app turns events into
//!   [`EditAction`]s (see `app::editor_keys`), applies them with
//!   [`Editor::apply`] and sends [`Outcome::copied`] to the terminal
//!   clipboard (OSC 52); before drawing it calls
//!   [`Editor::scroll_to_caret`] with the pane's size, then
//!   `ui::editor::render`.

mod breaks;
mod clean;
mod editor;
#[cfg(test)]
mod editor_tests;
mod history;
mod para;
mod words;
mod wrap;

#[cfg(test)]
mod proptests;

pub use breaks::{
    Graphemes, NO_ROW_END, NO_ROW_START, cell, cell_symbol, grapheme_width, graphemes, print_width,
};
pub use clean::{clean, clean_issue, clean_line, clean_paragraphs, for_display, is_removed};
pub use editor::{EditAction, Editor, Motion, Note, Outcome, Pos, Splice, VisualRow};
pub use para::Geometry;
pub use words::{next_word, prev_word};
pub use wrap::{INDENT, Measure, Row, first_row_indent, wrap, wrap_measured};
pub mod rejoin;
pub mod tidy;
