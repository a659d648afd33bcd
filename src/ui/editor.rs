//! The article editor pane: draws the visible rows of an [`Editor`] into a
//! ratatui buffer and says where the terminal cursor (the caret) goes.
//!
//! Call [`Editor::scroll_to_caret`] with the area's size first, then
//! [`render`], then `frame.set_cursor_position(pos)` with what it returned:
//! IMEs open their candidate window at the terminal cursor.

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};

use crate::text::{Editor, Pos, VisualRow, cell, graphemes};

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
    render_changed(editor, area, buf, styles, &mut Shown::default()).0
}

/// What each row of an editor's area showed when last drawn (a hash of
/// its indent and text; `None`: drawn with a selection or a find match in
/// it, or not known), so that a frame draws again only the rows that
/// changed: typing at the end of a line changes one.
#[derive(Debug, Clone, Default)]
pub struct Shown {
    area: Rect,
    styles: Option<EditorStyles>,
    rows: Vec<Option<u64>>,
}

impl Shown {
    /// Records what `render` would draw now, without drawing (the frame
    /// was drawn whole).
    pub fn note(&mut self, editor: &Editor, area: Rect, styles: &EditorStyles) {
        self.reset_for(area, styles);
        let visible = editor.visible_rows();
        let marks = Marks::of(editor);
        for y in 0..area.height as usize {
            self.rows[y] = signature(visible.get(y), &marks);
        }
    }

    fn reset_for(&mut self, area: Rect, styles: &EditorStyles) {
        if self.area != area || self.styles.as_ref() != Some(styles) {
            self.area = area;
            self.styles = Some(*styles);
            self.rows = vec![None; area.height as usize];
        }
    }
}

/// The selection and the find matches, to know which rows they reach.
struct Marks<'a> {
    selection: Option<(Pos, Pos)>,
    matches: &'a [(Pos, Pos)],
}

impl<'a> Marks<'a> {
    fn of(editor: &'a Editor) -> Self {
        Marks {
            selection: editor.selection(),
            matches: editor.find_matches(),
        }
    }

    /// Whether a selection or a match reaches into `row`, and the first
    /// match that may.
    fn in_row(&self, row: &VisualRow) -> (bool, usize) {
        let here = Pos::new(row.paragraph, row.grapheme);
        let end = Pos::new(row.paragraph, row.grapheme + row.text.len());
        let mi = self.matches.partition_point(|m| m.1 <= here);
        let marked = self.selection.is_some_and(|(s, e)| s < end && e > here)
            || self.matches.get(mi).is_some_and(|m| m.0 < end);
        (marked, mi)
    }
}

/// What a row shows, unless marks make it more than its text.
fn signature(row: Option<&VisualRow>, marks: &Marks) -> Option<u64> {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    match row {
        Some(row) => {
            if marks.in_row(row).0 {
                return None;
            }
            (row.indent, row.text).hash(&mut h);
        }
        None => u8::MAX.hash(&mut h),
    }
    Some(h.finish())
}

/// Draws the rows of `area` whose text differs from what `shown` says they
/// show (all of them when the area or the styles changed) and records
/// them; returns the caret's position as [`render`] does, and the screen
/// rows drawn.
pub fn render_changed(
    editor: &Editor,
    area: Rect,
    buf: &mut Buffer,
    styles: &EditorStyles,
    shown: &mut Shown,
) -> (Option<Position>, Vec<u16>) {
    let area = area.intersection(buf.area);
    shown.reset_for(area, styles);
    let marks = Marks::of(editor);
    let current = editor.current_match();
    let rows = editor.visible_rows();
    let width = area.width as usize;
    let mut drawn = Vec::new();
    for y in 0..area.height {
        let row = rows.get(y as usize);
        let sig = signature(row, &marks);
        if sig.is_some() && shown.rows[y as usize] == sig {
            continue;
        }
        shown.rows[y as usize] = sig;
        drawn.push(area.y + y);
        let start = buf.index_of(area.x, area.y + y);
        let cells = &mut buf.content[start..start + width];
        // Styles are patched onto a cell's: start from blank cells.
        for c in cells.iter_mut() {
            c.reset();
        }
        let mut x = 0usize;
        if let Some(row) = row {
            // Blank indent, then the text.
            let indent = row.indent.min(width);
            for c in &mut cells[..indent] {
                blank(c, styles.text);
            }
            x = indent;
            // Marks only where a selection or match reaches into the row.
            let (marked, mut mi) = marks.in_row(row);
            let matches = marks.matches;
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
                    } else if marks.selection.is_some_and(|(s, e)| s <= pos && pos < e) {
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
    let caret = editor.caret_screen().and_then(|(cx, cy)| {
        (cx < area.width as usize && cy < area.height as usize)
            .then(|| Position::new(area.x + cx as u16, area.y + cy as u16))
    });
    (caret, drawn)
}

/// Puts `c`, typed at `at`, into `buf` as [`render_changed`] draws it
/// there, when it takes at most `room` columns: the cell holding it, and
/// blank cells for the columns a wide one covers. Returns the columns it
/// takes, `None` (and `buf` as it was) when it does not fit.
pub fn put_typed(
    buf: &mut Buffer,
    at: Position,
    room: u16,
    c: char,
    styles: &EditorStyles,
) -> Option<u16> {
    let mut utf8 = [0u8; 4];
    let (symbol, w) = cell(c.encode_utf8(&mut utf8));
    if w == 0 || w > room as usize {
        return None;
    }
    let i = buf.index_of(at.x, at.y);
    let cells = &mut buf.content[i..i + w];
    cells[0].reset();
    cells[0].set_symbol(&symbol).set_style(styles.text);
    for c in &mut cells[1..] {
        blank(c, styles.text);
    }
    Some(w as u16)
}

/// How many cells after `at` on its row, up to column `end`, are blank as
/// [`render_changed`] leaves the cells past a row's text.
pub fn room_after(buf: &Buffer, at: Position, end: u16, styles: &EditorStyles) -> u16 {
    let mut empty = Cell::default();
    blank(&mut empty, styles.text);
    let end = end.min(buf.area.right());
    if at.x >= end {
        return 0;
    }
    let i = buf.index_of(at.x, at.y);
    let cells = &buf.content[i..i + (end - at.x) as usize];
    if cells.iter().all(|c| *c == empty) {
        end - at.x
    } else {
        0
    }
}

fn blank(c: &mut Cell, style: Style) {
    c.reset();
    c.set_style(style);
}

#[cfg(test)]
mod tests;
