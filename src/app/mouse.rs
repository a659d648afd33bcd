//! Mouse clicks and the wheel.

use super::{App, Command, Focus, layout};
use crate::text::{EditAction, Motion};
use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

impl App {
    pub(super) fn handle_mouse(&mut self, m: &MouseEvent) {
        if self.overlay.is_some() {
            self.preview_mouse(m);
            return;
        }
        let layout = self.layout();
        let inside = |r: Option<ratatui::layout::Rect>| {
            r.filter(|r| r.contains(ratatui::layout::Position::new(m.column, m.row)))
        };
        let scroll = match m.kind {
            MouseEventKind::ScrollUp => -3,
            MouseEventKind::ScrollDown => 3,
            MouseEventKind::Down(MouseButton::Left) => 0,
            _ => return,
        };
        if let Some(r) = inside(layout.issues) {
            if scroll != 0 {
                self.move_list_selection(scroll);
            } else {
                self.focus = Focus::Issues;
                // Row 0 is the border.
                let row = (m.row - r.y) as usize;
                if row >= 1 {
                    let i =
                        self.list_scroll + (row - 1) / layout::issue_row_height(r.width) as usize;
                    if i < self.issue_ids().len() {
                        if i == self.list_selected {
                            self.update(Command::Open);
                        }
                        self.list_selected = i;
                    }
                }
            }
        } else if let Some(r) = inside(layout.tree) {
            let Some(doc) = self.doc.as_mut() else { return };
            if scroll != 0 {
                doc.tree.step(&doc.issue, scroll);
            } else {
                self.focus = Focus::Tree;
                let row = (m.row - r.y) as usize;
                let rows = doc.tree.rows(&doc.issue);
                if row >= 1
                    && let Some(node) = rows.get(doc.tree.scroll + row - 1)
                {
                    let again = doc.tree.selected == Some(*node);
                    doc.tree.selected = Some(*node);
                    if again {
                        self.update(Command::Open);
                    }
                }
            }
        } else if inside(layout.editor).is_some()
            && self.article_open()
            && self.shown_section().is_none()
        {
            let body = self.article_areas().map(|a| a.body);
            let Some(a) = self.doc.as_mut().and_then(|d| d.article.as_mut()) else {
                return;
            };
            if scroll != 0 {
                let motion = if scroll < 0 { Motion::Up } else { Motion::Down };
                for _ in 0..scroll.unsigned_abs() {
                    a.editor.apply(EditAction::Move(motion));
                }
            } else {
                self.focus = Focus::Editor;
                // A click in the margins beside a narrowed text column
                // goes to the nearer end of that row.
                if let Some(body) =
                    body.filter(|b| b.width > 0 && (b.y..b.bottom()).contains(&m.row))
                {
                    let y = (m.row - body.y) as usize;
                    let x = m.column.saturating_sub(body.x).min(body.width) as usize;
                    if let Some((p, r)) =
                        a.editor.visible_rows().get(y).map(|v| (v.paragraph, v.row))
                    {
                        let pos = a.editor.pos_at(p, r, x);
                        a.editor.set_caret(pos);
                    }
                }
            }
        }
        self.keep_visible();
    }
}
