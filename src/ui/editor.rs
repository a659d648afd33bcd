//! The article editor pane: draws the visible rows of an [`Editor`] into a
//! ratatui buffer and says where the terminal cursor (the caret) goes.
//!
//! Call [`Editor::scroll_to_caret`] with the area's size first, then
//! [`render`], then `frame.set_cursor_position(pos)` with what it returned:
//! IMEs open their candidate window at the terminal cursor.

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};

use crate::text::{Editor, Pos, cell, graphemes};

/// Styles of the pane. The defaults use modifiers only, so they read on a
/// monochrome terminal: selection reversed, find matches underlined, the
/// current match reversed and underlined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EditorStyles {
    pub text: Style,
    pub selection: Style,
    pub find_match: Style,
    pub current_match: Style,
}

impl Default for EditorStyles {
    fn default() -> Self {
        EditorStyles {
            text: Style::default(),
            selection: Style::default().add_modifier(Modifier::REVERSED),
            find_match: Style::default().add_modifier(Modifier::UNDERLINED),
            current_match: Style::default().add_modifier(Modifier::REVERSED | Modifier::UNDERLINED),
        }
    }
}

/// Draws the editor into `area` of `buf` (every cell of the area is
/// written) and returns the caret's screen position, or `None` when it is
/// outside the area (scroll_to_caret was not called with this size).
pub fn render(
    editor: &Editor,
    area: Rect,
    buf: &mut Buffer,
    styles: &EditorStyles,
) -> Option<Position> {
    let area = area.intersection(buf.area);
    let selection = editor.selection();
    let matches = editor.find_matches();
    let current = editor.current_match();
    let rows = editor.visible_rows();
    let width = area.width as usize;
    for y in 0..area.height {
        let start = buf.index_of(area.x, area.y + y);
        let cells = &mut buf.content[start..start + width];
        let mut x = 0usize;
        if let Some(row) = rows.get(y as usize) {
            // Blank indent, then the text.
            let indent = row.indent.min(width);
            for c in &mut cells[..indent] {
                blank(c, styles.text);
            }
            x = indent;
            // Marks only where a selection or match reaches into the row.
            let here = Pos::new(row.paragraph, row.grapheme);
            let end = Pos::new(row.paragraph, row.grapheme + row.text.len());
            let mut mi = matches.partition_point(|m| m.1 <= here);
            let marked = selection.is_some_and(|(s, e)| s < end && e > here)
                || matches.get(mi).is_some_and(|m| m.0 < end);
            for (k, g) in graphemes(row.text).enumerate() {
                let (symbol, w) = cell(g);
                if x + w > width {
                    break;
                }
                let mut style = styles.text;
                if marked {
                    let pos = Pos::new(row.paragraph, row.grapheme + k);
                    while mi < matches.len() && matches[mi].1 <= pos {
                        mi += 1;
                    }
                    if mi < matches.len() && matches[mi].0 <= pos {
                        style = style.patch(if current == Some(mi) {
                            styles.current_match
                        } else {
                            styles.find_match
                        });
                    } else if selection.is_some_and(|(s, e)| s <= pos && pos < e) {
                        style = style.patch(styles.selection);
                    }
                }
                cells[x].set_symbol(&symbol).set_style(style);
                // A wide character covers the cells after it.
                for c in &mut cells[x + 1..x + w] {
                    blank(c, style);
                }
                x += w;
            }
        }
        for c in &mut cells[x..] {
            blank(c, styles.text);
        }
    }
    let (cx, cy) = editor.caret_screen()?;
    (cx < area.width as usize && cy < area.height as usize)
        .then(|| Position::new(area.x + cx as u16, area.y + cy as u16))
}

fn blank(c: &mut Cell, style: Style) {
    c.reset();
    c.set_style(style);
}

#[cfg(test)]
mod tests;
